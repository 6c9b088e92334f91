#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "test.h"
#include "buildconf.h"

static void write_ini(char *path, size_t len, const char *text)
{
    snprintf(path, len, "%s", test_tmp_path("x.ini"));
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

#define SAME_STR(f) (strcmp(a->f, b->f) == 0)
#define SAME(f) (a->f == b->f)

/* Every setting except path and [keys]. */
static bool same_settings(const struct km_config *a, const struct km_config *b)
{
    return SAME_STR(database) && SAME_STR(language) && SAME_STR(theme) && SAME_STR(export_dir) &&
           SAME(min_length_student) && SAME(min_length_staff) && SAME(max_length) && SAME(student_temporary) &&
           SAME_STR(blocklist) && SAME(argon_opslimit) && SAME(argon_memlimit_kib) && SAME(max_concurrent_hashes) &&
           SAME(max_failures) && SAME(lock_minutes) && SAME(delay_step_ms) && SAME(allow_as) &&
           SAME(idle_logout_minutes) && SAME_STR(smtp_url) && SAME_STR(smtp_tls) && SAME_STR(mail_from) &&
           SAME_STR(smtp_user) && SAME_STR(smtp_password_file) && SAME_STR(ca_file) && SAME(mail_timeout) &&
           SAME_STR(uwlr_endpoint) && SAME_STR(brin) && SAME_STR(key_file) && SAME_STR(schooljaar) &&
           SAME_STR(sync_ca_file) && SAME(sync_timeout) && SAME_STR(dependancecode) && SAME_STR(klantcode) &&
           SAME_STR(klantnaam) && SAME_STR(sync_client_cert) && SAME_STR(sync_client_key);
}

static bool is_defaults(const struct km_config *c)
{
    static struct km_config d;
    config_defaults(&d);
    return same_settings(c, &d) && c->nkeys == 0 && c->path[0] == '\0';
}

/* Loads text; true when the result is want_rc, the message starts with "<file> regel <line>: ", contains want and
 * ends with a full stop, and the settings are back at their defaults. Prints the message otherwise. */
static bool fails_with(const char *text, int line, const char *want)
{
    static struct km_config c;
    char path[512], err[1024], where[600];
    write_ini(path, sizeof path, text);
    memset(&c, 0x5a, sizeof c);
    enum km_rc rc = config_load(path, &c, err, sizeof err);
    snprintf(where, sizeof where, "%s regel %d: ", path, line);
    size_t n = strlen(err);
    bool ok = rc == KM_INVALID && strncmp(err, where, strlen(where)) == 0 && strstr(err, want) && n > 0 &&
              err[n - 1] == '.' && is_defaults(&c);
    if (!ok)
        fprintf(stderr, "    want line %d and \"%s\"; got %s: \"%s\"\n", line, want, km_rc_name(rc), err);
    return ok;
}

TEST(config_defaults_values)
{
    struct km_config c;
    config_defaults(&c);
    CHECK_STR(c.path, "");
    CHECK_STR(c.database, "/var/lib/klassenmap/school.db");
    CHECK_STR(c.language, "nl");
    CHECK_STR(c.theme, "default");
    CHECK(c.min_length_student == 6 && c.min_length_staff == 10 && c.max_length == 128);
    CHECK(!c.student_temporary && !c.allow_as);
    CHECK(c.argon_opslimit == 2 && c.argon_memlimit_kib == 65536 && c.max_concurrent_hashes == 4);
    CHECK(c.max_failures == 5 && c.lock_minutes == 15 && c.delay_step_ms == 500);
    CHECK_STR(c.smtp_url, "smtp://localhost:25");
    CHECK_STR(c.smtp_tls, "starttls");
    CHECK_STR(c.mail_from, "klassenmap@localhost");
    CHECK(c.mail_timeout == 20 && c.sync_timeout == 60);
    CHECK_STR(c.uwlr_endpoint, "");
    CHECK_STR(c.schooljaar, "auto");
    CHECK(c.nkeys == 0);
}

TEST(config_example_file_is_defaults)
{
    static struct km_config c, d;
    char err[512] = "";
    config_defaults(&d);
    enum km_rc rc = config_load("conf/klassenmap.ini", &c, err, sizeof err);
    if (rc != KM_OK)
        fprintf(stderr, "    %s\n", err);
    REQUIRE(rc == KM_OK);
    CHECK_STR(err, "");
    CHECK_STR(c.path, "conf/klassenmap.ini");
    CHECK(same_settings(&c, &d));
    CHECK_STR(c.database, d.database);
    CHECK(c.argon_memlimit_kib == d.argon_memlimit_kib);
    CHECK(c.student_temporary == d.student_temporary);
    CHECK(c.nkeys == 0);
}

/* The example documents every key: each one appears exactly once, with a comment line above it. */
TEST(config_example_file_lists_every_key)
{
    static const char *const keys[] = {"database",
                                       "language",
                                       "theme",
                                       "export_dir",
                                       "min_length_student",
                                       "min_length_staff",
                                       "max_length",
                                       "student_temporary",
                                       "blocklist",
                                       "argon_opslimit",
                                       "argon_memlimit_kib",
                                       "max_concurrent_hashes",
                                       "max_failures",
                                       "lock_minutes",
                                       "delay_step_ms",
                                       "allow_as",
                                       "idle_logout_minutes",
                                       "smtp_url",
                                       "smtp_tls",
                                       "mail_from",
                                       "smtp_user",
                                       "smtp_password_file",
                                       "ca_file",
                                       "mail_timeout",
                                       "uwlr_endpoint",
                                       "brin",
                                       "key_file",
                                       "schooljaar",
                                       "sync_ca_file",
                                       "sync_timeout",
                                       "dependancecode",
                                       "klantcode",
                                       "klantnaam",
                                       "sync_client_cert",
                                       "sync_client_key"};
    FILE *f = fopen("conf/klassenmap.ini", "r");
    REQUIRE(f);
    int count[sizeof keys / sizeof keys[0]] = {0};
    char line[512], prev[512] = "";
    while (fgets(line, sizeof line, f)) {
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            size_t n = strlen(keys[i]);
            if (strncmp(line, keys[i], n) == 0 && strncmp(line + n, " =", 2) == 0) {
                count[i]++;
                CHECK(prev[0] == ';' && strstr(prev, " / "));
            }
        }
        snprintf(prev, sizeof prev, "%s", line);
    }
    fclose(f);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (count[i] != 1)
            test_fail_str(__FILE__, __LINE__, "key in conf/klassenmap.ini", keys[i], "exactly once");
}

TEST(config_valid_file_with_changed_values)
{
    static struct km_config c;
    char path[512], err[512];
    write_ini(path, sizeof path,
              "# a school's own settings\n"
              "[general]\n"
              "database = /srv/km/de-regenboog.db\n"
              "language = en\n"
              "theme = mono_2\n"
              "[password]\n"
              "min_length_student = 4\n"
              "min_length_staff = 64\n"
              "max_length = 256\n"
              "student_temporary = Ja\n"
              "argon_opslimit = 10\n"
              "argon_memlimit_kib = 8\n"
              "max_concurrent_hashes = 1\n"
              "[login]\n"
              "max_failures=100\n"
              "lock_minutes = 1440 ; inline comment after a space\n"
              "delay_step_ms = 0\n"
              "allow_as = on\n"
              "[mail]\n"
              "smtp_url = smtps://mail.school.nl:465\n"
              "smtp_tls = tls\n"
              "mail_from = planner@school.nl\n"
              "smtp_user = planner\n"
              "smtp_password_file = /etc/klassenmap/smtp.pw\n"
              "mail_timeout = 300\n"
              "[sync]\n"
              "uwlr_endpoint = https://uwlr.parnassys.nl/leerlinggegevens\n"
              "brin = 12ab\n"
              "dependancecode = 01\n"
              "klantcode = KM-4711\n"
              "klantnaam = OBS 't Klokhuis – klassenmap\n"
              "key_file = /etc/klassenmap/uwlr.key\n"
              "schooljaar = 2026-2027\n"
              "sync_client_cert = /etc/klassenmap/client.pem\n"
              "sync_client_key = /etc/klassenmap/client.key\n"
              "sync_timeout = 1\n");
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    CHECK_STR(c.path, path);
    CHECK_STR(c.database, "/srv/km/de-regenboog.db");
    CHECK_STR(c.language, "en");
    CHECK_STR(c.theme, "mono_2");
    CHECK_STR(c.export_dir, "/var/lib/klassenmap/export"); /* not in the file: default */
    CHECK(c.min_length_student == 4 && c.min_length_staff == 64 && c.max_length == 256);
    CHECK(c.student_temporary);
    CHECK(c.argon_opslimit == 10 && c.argon_memlimit_kib == 8 && c.max_concurrent_hashes == 1);
    CHECK(c.max_failures == 100 && c.lock_minutes == 1440 && c.delay_step_ms == 0 && c.allow_as);
    CHECK_STR(c.smtp_url, "smtps://mail.school.nl:465");
    CHECK_STR(c.smtp_tls, "tls");
    CHECK_STR(c.mail_from, "planner@school.nl");
    CHECK_STR(c.smtp_user, "planner");
    CHECK_STR(c.smtp_password_file, "/etc/klassenmap/smtp.pw");
    CHECK(c.mail_timeout == 300);
    CHECK_STR(c.uwlr_endpoint, "https://uwlr.parnassys.nl/leerlinggegevens");
    CHECK_STR(c.brin, "12AB");
    CHECK_STR(c.dependancecode, "01");
    CHECK_STR(c.klantcode, "KM-4711");
    CHECK_STR(c.klantnaam, "OBS 't Klokhuis – klassenmap");
    CHECK_STR(c.schooljaar, "2026-2027");
    CHECK_STR(c.sync_client_cert, "/etc/klassenmap/client.pem");
    CHECK_STR(c.sync_client_key, "/etc/klassenmap/client.key");
    CHECK(c.sync_timeout == 1);
}

/* [sync] as UWLR 2.2 defines the values: tpBrinCode, the dependancecode, tpString64, tpSchooljaar. */
TEST(config_sync_values_as_the_standard_has_them)
{
    CHECK(fails_with("[sync]\nbrin = 9912\n", 2, "brin in [sync] moet 2 cijfers en 2 hoofdletters zijn, zoals 99ZZ"));
    CHECK(fails_with("[sync]\nbrin = 99Z1\n", 2, "niet '99Z1'"));
    CHECK(fails_with("[sync]\nbrin = 99\xc3\x89Z\n", 2, "2 hoofdletters"));
    CHECK(fails_with("[sync]\n\ndependancecode = 1\n", 3, "dependancecode in [sync] moet 2 cijfers zijn"));
    CHECK(fails_with("[sync]\ndependancecode = 0a\n", 2, "niet '0a'"));
    CHECK(fails_with("[sync]\ndependancecode =\n", 2, "dependancecode in [sync] moet 2 cijfers zijn"));
    char text[512];
    snprintf(text, sizeof text, "[sync]\nklantcode = %065d\n", 0);
    CHECK(fails_with(text, 2, "klantcode in [sync] mag hoogstens 64 tekens lang zijn"));
    snprintf(text, sizeof text, "[sync]\nklantnaam = %065d\n", 0);
    CHECK(fails_with(text, 2, "klantnaam in [sync] mag hoogstens 64 tekens"));
    CHECK(fails_with("[sync]\nklantnaam = OBS\x01\n", 2, "klantnaam in [sync] mag geen stuurtekens"));
    CHECK(fails_with("[sync]\nklantcode = \xff\xfe\n", 2, "ongeldige UTF-8"));
    CHECK(fails_with("[sync]\nschooljaar = 0999-1000\n", 2, "schooljaar in [sync] moet auto zijn"));
    CHECK(fails_with("[sync]\nsync_client_cert =\nsync_client_key = /etc/k.key\n", 3,
                     "sync_client_key in [sync] hoort bij een clientcertificaat: zet ook sync_client_cert"));
    /* 64 characters are allowed, however many bytes they take */
    static struct km_config c;
    char path[512], err[512], name[200] = "";
    for (int i = 0; i < 64; i++)
        memcpy(name + 2 * i, "\xc3\xab", 3); /* ë, and the NUL after it */
    snprintf(text, sizeof text, "[sync]\nklantnaam = %s\nklantcode = K\nbrin = 12ab\n", name);
    write_ini(path, sizeof path, text);
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    CHECK_STR(c.klantnaam, name);
    CHECK_STR(c.brin, "12AB");
    CHECK_STR(c.dependancecode, "00"); /* the default: the school itself */
}

TEST(config_empty_file_is_defaults)
{
    static struct km_config c;
    char path[512], err[512];
    write_ini(path, sizeof path, "");
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    CHECK_STR(c.path, path);
    c.path[0] = '\0';
    CHECK(is_defaults(&c));
}

TEST(config_bom_crlf_and_colon)
{
    static struct km_config c;
    char path[512], err[512];
    write_ini(path, sizeof path, "\xEF\xBB\xBF[login]\r\nmax_failures = 7\r\nlock_minutes: 30\r\n");
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    CHECK(c.max_failures == 7 && c.lock_minutes == 30);
}

TEST(config_boolean_words)
{
    static const char *const yes[] = {"yes", "true", "ja", "1", "on", "JA", "True"};
    static const char *const no[] = {"no", "false", "nee", "0", "off", "Nee", "OFF"};
    static struct km_config c;
    char path[512], err[512], text[128];
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        snprintf(text, sizeof text, "[login]\nallow_as = %s\n[password]\nstudent_temporary = %s\n", yes[i], no[i]);
        write_ini(path, sizeof path, text);
        CHECK(config_load(path, &c, err, sizeof err) == KM_OK);
        CHECK(c.allow_as && !c.student_temporary);
    }
}

TEST(config_unknown_section)
{
    CHECK(fails_with("[general]\nlanguage = nl\n[passwords]\nmax_length = 64\n", 3, "onbekende sectie [passwords]"));
    /* an empty unknown section is caught too, though inih reports no value in it */
    CHECK(fails_with("[login]\n\n[extra]\n", 3, "onbekende sectie [extra]"));
    CHECK(fails_with("; comment\nlanguage = nl\n", 2, "boven de eerste [sectie]"));
}

TEST(config_unknown_key)
{
    CHECK(fails_with("[password]\nmax_length = 100\nmin_lenght = 8\n", 3,
                     "onbekende sleutel 'min_lenght' in [password]"));
    /* a key of another section */
    CHECK(fails_with("[general]\nmax_failures = 3\n", 2, "onbekende sleutel 'max_failures' in [general]"));
    CHECK(fails_with("[general]\nDatabase = /x.db\n", 2, "'Database'"));
    CHECK(fails_with("[general]\n= /x.db\n", 2, "geen sleutel voor de '='"));
    CHECK(fails_with("[general]\nthe\x1b[1me = x\n", 2, "onbekende sleutel 'the?[1me'"));
}

TEST(config_not_a_number)
{
    CHECK(fails_with("[login]\nmax_failures = vijf\n", 2,
                     "max_failures in [login] moet een geheel getal van 1 tot en met 100"));
    CHECK(fails_with("[login]\n\nmax_failures = 5x\n", 3, "niet '5x'"));
    CHECK(fails_with("[login]\nmax_failures = 0x10\n", 2, "geheel getal"));
    CHECK(fails_with("[login]\nmax_failures = 2.5\n", 2, "geheel getal"));
    CHECK(fails_with("[login]\nmax_failures =\n", 2, "geheel getal"));
}

TEST(config_number_out_of_range)
{
    CHECK(fails_with("[login]\nmax_failures = 101\n", 2, "van 1 tot en met 100 zijn, niet '101'"));
    CHECK(fails_with("[login]\nmax_failures = 0\n", 2, "van 1 tot en met 100"));
    CHECK(fails_with("[password]\nmin_length_student = 3\n", 2, "van 4 tot en met 64"));
    CHECK(fails_with("[password]\nmin_length_staff = 7\n", 2, "van 8 tot en met 64"));
    CHECK(fails_with("[password]\nargon_opslimit = -1\n", 2, "van 1 tot en met 10"));
    CHECK(fails_with("[password]\nargon_memlimit_kib = 1048577\n", 2, "van 8 tot en met 1048576"));
    CHECK(fails_with("[sync]\nsync_timeout = 99999999999999999999999\n", 2, "van 1 tot en met 600"));
    CHECK(fails_with("[login]\ndelay_step_ms = -1\n", 2, "van 0 tot en met 10000"));
}

TEST(config_bad_boolean)
{
    CHECK(fails_with("[login]\nallow_as = misschien\n", 2, "allow_as in [login] moet ja of nee zijn"));
    CHECK(fails_with("[password]\nstudent_temporary = 2\n", 2, "niet '2'"));
    CHECK(fails_with("[password]\nstudent_temporary =\n", 2, "moet ja of nee zijn"));
}

TEST(config_bad_enum)
{
    CHECK(fails_with("[general]\nlanguage = fr\n", 2, "language in [general] moet nl of en zijn, niet 'fr'"));
    CHECK(fails_with("[general]\nlanguage = NL\n", 2, "nl of en"));
    CHECK(fails_with("[mail]\nsmtp_tls = ssl\n", 2, "smtp_tls in [mail] moet none, starttls of tls zijn, niet 'ssl'"));
}

TEST(config_bad_string_values)
{
    CHECK(fails_with("[general]\ndatabase =\n", 2, "database in [general] mag niet leeg zijn"));
    CHECK(fails_with("[general]\ntheme = ../../etc/x\n", 2, "theme in [general] mag alleen kleine letters"));
    CHECK(fails_with("[mail]\nsmtp_url = localhost:25\n", 2, "smtp:// of smtps://"));
    CHECK(fails_with("[mail]\nmail_from = klassenmap\n", 2, "e-mailadres"));
    CHECK(fails_with("[sync]\nbrin = 9ZZZ\n", 2, "brin in [sync] moet 2 cijfers en 2 hoofdletters"));
    CHECK(fails_with("[sync]\nbrin = 99Z\n", 2, "niet '99Z'"));
    CHECK(fails_with("[sync]\nschooljaar = 2026-2028\n", 2, "schooljaar in [sync] moet auto zijn of een schooljaar"));
    CHECK(fails_with("[sync]\nschooljaar = 2026/2027\n", 2, "2026-2027"));
    CHECK(fails_with("[sync]\nschooljaar = 2026-20270\n", 2, "2026-2027"));
}

TEST(config_https_required)
{
    CHECK(fails_with("[sync]\nuwlr_endpoint = http://uwlr.example.nl/x\n", 2,
                     "uwlr_endpoint in [sync] moet beginnen met https://"));
    CHECK(fails_with("[sync]\nuwlr_endpoint = https://\n", 2, "https://"));
    CHECK(fails_with("[sync]\nuwlr_endpoint = HTTPS://uwlr.example.nl/x\n", 2, "https://"));
}

TEST(config_value_too_long)
{
    CHECK(fails_with("[general]\nlanguage = nederlands\n", 2,
                     "de waarde van language in [general] is te lang (hoogstens 7 tekens)"));
    CHECK(fails_with("[sync]\nbrin = 99ZZ99ZZ\n", 2, "brin in [sync] is te lang"));
    CHECK(fails_with("[sync]\nschooljaar = 2026-2027-2028-29\n", 2, "te lang"));
    CHECK(fails_with("[mail]\nsmtp_tls = starttls-always\n", 2, "hoogstens 11 tekens"));
    char text[256];
    snprintf(text, sizeof text, "[general]\ntheme = %0*d\n", 64, 0);
    CHECK(fails_with(text, 2, "hoogstens 63 tekens"));
}

TEST(config_line_too_long)
{
    char text[1024];
    int n = snprintf(text, sizeof text, "[general]\n; fine\ndatabase = /");
    memset(text + n, 'a', 600);
    snprintf(text + n + 600, sizeof text - (size_t)n - 600, "\nlanguage = en\n");
    CHECK(fails_with(text, 3, "de regel is langer dan"));
    /* a long comment is just as wrong: inih would read its tail as a line of its own */
    text[17] = ';';
    CHECK(fails_with(text, 3, "langer dan"));
}

TEST(config_duplicate_key)
{
    CHECK(fails_with("[login]\nmax_failures = 5\nlock_minutes = 3\nmax_failures = 6\n", 4,
                     "max_failures in [login] staat er twee keer in (eerst op regel 2)"));
    /* the same section opened twice is fine, the same key in it is not */
    CHECK(fails_with("[mail]\nsmtp_user = a\n[sync]\n[mail]\nsmtp_user = b\n", 5, "eerst op regel 2"));
    CHECK(fails_with("[keys]\nquit = q\nhelp = ?\nquit = Q\n", 4, "'quit' in [keys] staat er twee keer in"));
}

TEST(config_unparsable_line)
{
    CHECK(fails_with("[general]\nlanguage = nl\nthis is no setting\n", 3, "geen 'sleutel = waarde'"));
    CHECK(fails_with("[general\nlanguage = nl\n", 1, "sectiekop zonder ']'"));
    /* an indented line would be a continuation of the value above in inih: refused, not glued */
    CHECK(fails_with("[general]\ndatabase = /srv/a.db\n    /srv/b.db\n", 3, "geen 'sleutel = waarde'"));
    CHECK(fails_with("[login]\nmax_failures = 5 # not a comment here\n", 2, "niet '5 # not a comment here'"));
}

TEST(config_first_error_is_reported)
{
    /* inih's own error (line 2) comes before the handler's (line 3) */
    CHECK(fails_with("[general]\nnonsense\nlanguage = xx\n", 2, "geen 'sleutel = waarde'"));
    /* the handler's error (line 2) comes before inih's (line 3) */
    CHECK(fails_with("[general]\nlanguage = xx\nnonsense\n", 2, "nl of en"));
    CHECK(fails_with("[login]\nmax_failures = 0\n[nope]\n", 2, "max_failures"));
}

TEST(config_indented_key_is_fine)
{
    static struct km_config c;
    char path[512], err[512];
    write_ini(path, sizeof path, "[login]\n  max_failures = 9\n\tlock_minutes = 2\n");
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    CHECK(c.max_failures == 9 && c.lock_minutes == 2);
}

TEST(config_missing_file)
{
    static struct km_config c;
    char err[512] = "x";
    const char *path = test_tmp_path("absent.ini");
    memset(&c, 0x5a, sizeof c);
    CHECK(config_load(path, &c, err, sizeof err) == KM_NOTFOUND);
    CHECK(strstr(err, path) && strstr(err, "bestaat niet"));
    CHECK(is_defaults(&c));
}

TEST(config_directory_is_not_a_file)
{
    static struct km_config c;
    char err[512], dir[512];
    snprintf(dir, sizeof dir, "%s", test_tmp_path("dir.ini"));
    REQUIRE(mkdir(dir, 0700) == 0);
    CHECK(config_load(dir, &c, err, sizeof err) == KM_NOTFOUND);
    CHECK(strstr(err, dir) && strstr(err, "map"));
    rmdir(dir);
}

TEST(config_binary_file)
{
    char path[512], err[512];
    static struct km_config c;
    write_ini(path, sizeof path, "[general]\n");
    FILE *f = fopen(path, "a");
    REQUIRE(f);
    fwrite("lang\0uage = nl\n", 1, 15, f);
    fclose(f);
    CHECK(config_load(path, &c, err, sizeof err) == KM_INVALID);
    CHECK(strstr(err, "regel 2: ") && strstr(err, "NUL"));
}

TEST(config_keys_kept_with_lines)
{
    static struct km_config c;
    char path[512], err[512];
    write_ini(path, sizeof path,
              "[general]\n"
              "language = en\n"
              "\n"
              "[keys]\n"
              "; my bindings\n"
              "quit = q F10\n"
              "status_done = d Enter\n"
              "no_such_action = x\n"
              "help =\n");
    REQUIRE(config_load(path, &c, err, sizeof err) == KM_OK);
    REQUIRE(c.nkeys == 4);
    CHECK_STR(c.keys[0].action, "quit");
    CHECK_STR(c.keys[0].keys, "q F10");
    CHECK(c.keys[0].line == 6);
    CHECK_STR(c.keys[1].action, "status_done");
    CHECK_STR(c.keys[1].keys, "d Enter");
    CHECK(c.keys[1].line == 7);
    CHECK_STR(c.keys[2].action, "no_such_action"); /* raw: the keymap decides what is valid */
    CHECK(c.keys[2].line == 8);
    CHECK_STR(c.keys[3].keys, "");
    CHECK(c.keys[3].line == 9);
}

TEST(config_keys_limits)
{
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "[keys]\n");
    for (int i = 0; i <= CONFIG_MAX_KEYS; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "a%d = x\n", i);
    CHECK(fails_with(text, CONFIG_MAX_KEYS + 2, "te veel regels in [keys] (hoogstens 128)"));
    snprintf(text, sizeof text, "[keys]\n%0*d = x\n", 48, 0);
    CHECK(fails_with(text, 2, "in [keys] is te lang (hoogstens 47 tekens)"));
    snprintf(text, sizeof text, "[keys]\nquit = %0*d\n", 96, 0);
    CHECK(fails_with(text, 2, "de toetsen bij quit in [keys] zijn te lang (hoogstens 95 tekens)"));
}

TEST(config_find_order)
{
    const char *old = getenv("KLASSENMAP_CONFIG");
    char saved[4096] = "";
    if (old)
        snprintf(saved, sizeof saved, "%s", old);
    setenv("KLASSENMAP_CONFIG", "/env/klassenmap.ini", 1);
    CHECK_STR(config_find("/explicit.ini"), "/explicit.ini");
    CHECK_STR(config_find(NULL), "/env/klassenmap.ini");
    setenv("KLASSENMAP_CONFIG", "", 1);
    const char *sys = config_find(NULL);
    CHECK(sys == NULL || strcmp(sys, KM_SYSCONFDIR "/klassenmap/klassenmap.ini") == 0);
    unsetenv("KLASSENMAP_CONFIG");
    CHECK(config_find(NULL) == sys);
    if (old)
        setenv("KLASSENMAP_CONFIG", saved, 1);
}
