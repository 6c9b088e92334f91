/* UWLR without a network (sync/uwlr.h): the request, SOAP faults, the key file; and the record of sync runs
 * (core/syncruns.h). The exchange over HTTPS is tested against a real server in tests/cli/test_uwlr_cli.sh. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/syncruns.h"
#include "fixture.h"
#include "sync/uwlr.h"
#include "test.h"

TEST(uwlr_request_escapes_and_holds_the_fields)
{
    char out[4096];
    size_t n = uwlr_build_request("99ZZ", "2026-2027", "k&y<\"x\">", out, sizeof out);
    REQUIRE(n > 0 && n == strlen(out));
    CHECK(strstr(out, "xmlns:ll=\"" UWLR_NAMESPACE "\""));
    CHECK(strstr(out, "<ll:leerlinggegevens_verzoek>"));
    CHECK(strstr(out, "<ll:schooljaar>2026-2027</ll:schooljaar>"));
    CHECK(strstr(out, "<ll:brincode>99ZZ</ll:brincode>"));
    CHECK(strstr(out, "<ll:dependancecode></ll:dependancecode>"));
    CHECK(strstr(out, "<ll:autorisatiesleutel>k&amp;y&lt;&quot;x&quot;&gt;</ll:autorisatiesleutel>"));
    CHECK(strstr(out, "<ll:laatstgewijzigd></ll:laatstgewijzigd>"));
    /* too small: nothing, and no half request with half a key left behind */
    char small[300];
    CHECK(uwlr_build_request("99ZZ", "2026-2027", "secret-key", small, sizeof small) == 0);
    bool zero = true;
    for (size_t i = 0; i < sizeof small; i++)
        zero = zero && small[i] == 0;
    CHECK(zero);
}

TEST(uwlr_fault_is_recognised)
{
    static const char fault11[] =
        "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
        "<s:Fault><faultcode>s:Client</faultcode><faultstring>Ongeldige\n\t autorisatiesleutel</faultstring>"
        "</s:Fault></s:Body></s:Envelope>";
    char msg[200];
    CHECK(uwlr_fault(fault11, strlen(fault11), msg, sizeof msg));
    CHECK_STR(msg, "Ongeldige autorisatiesleutel"); /* cleaned: one line, one space */
    static const char fault12[] =
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
        "<env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang=\"nl\">Onbekende BRIN"
        "</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";
    CHECK(uwlr_fault(fault12, strlen(fault12), msg, sizeof msg));
    CHECK_STR(msg, "Onbekende BRIN");
    static const char answer[] =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header/><s:Body>"
        "<leerlinggegevens_antwoord xmlns=\"" UWLR_NAMESPACE "\"><school><Fault/></school></leerlinggegevens_antwoord>"
        "</s:Body></s:Envelope>";
    CHECK(!uwlr_fault(answer, strlen(answer), msg, sizeof msg));
    static const char edex[] = "<EDEX><school><schooljaar>2026-2027</schooljaar></school></EDEX>";
    CHECK(!uwlr_fault(edex, strlen(edex), msg, sizeof msg));
    CHECK(!uwlr_fault("<html>Internal Server Error", 27, msg, sizeof msg));
    CHECK(!uwlr_fault("", 0, msg, sizeof msg));
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        if (write(fd, text, strlen(text)) < 0)
            perror("write");
        close(fd);
    }
    chmod(path, mode);
}

TEST(uwlr_key_file)
{
    char path[4096], key[UWLR_KEY_MAX], err[400];
    snprintf(path, sizeof path, "%s", test_tmp_path("uwlr.key"));
    write_file(path, "geheim-123 \r\ntweede regel\n", 0600);
    REQUIRE(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_OK);
    CHECK_STR(key, "geheim-123");
    write_file(path, "geheim-123\n", 0644);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_DENIED);
    CHECK(strstr(err, "ook voor anderen") && !strstr(err, "geheim"));
    write_file(path, "\n", 0600);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_INVALID && strstr(err, "leeg"));
    unlink(path);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_NOTFOUND);
    CHECK(uwlr_read_key("", key, sizeof key, err, sizeof err) == KM_INVALID && strstr(err, "key_file"));
}

TEST(uwlr_sync_off_and_failures_recorded)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_config cfg;
    config_defaults(&cfg);
    static struct sync_report rep;
    char err[600];
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_NOTFOUND);
    CHECK(strstr(err, "sync staat uit") != NULL);
    int64_t runs = -1;
    db_int(db, &runs, "SELECT count(*) FROM sync_runs", NULL);
    CHECK(runs == 0); /* sync off is not a run */
    /* a key file that does not exist: a failed run, nothing else */
    snprintf(cfg.uwlr_endpoint, sizeof cfg.uwlr_endpoint, "https://127.0.0.1:1/uwlr");
    snprintf(cfg.key_file, sizeof cfg.key_file, "%s", test_tmp_path("missing.key"));
    CHECK(uwlr_sync(db, &cfg, true, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "sleutelbestand") != NULL);
    /* a BRIN that is not the school's */
    snprintf(cfg.brin, sizeof cfg.brin, "11AA");
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "11AA") && strstr(err, "99ZZ"));
    struct km_session s;
    session_server(&s, db);
    struct syncrun_list l;
    REQUIRE(syncruns_list(&s, 10, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK(!l.items[0].ok && !l.items[0].dry_run && strstr(l.items[0].message, "11AA"));
    CHECK(!l.items[1].ok && l.items[1].dry_run && l.items[1].errors == 1);
    CHECK_STR(l.items[1].source, "uwlr");
    syncruns_list_free(&l);
    db_close(db);
}

TEST(syncruns_record_list_and_access)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    struct km_session sync, server, juf;
    session_sync(&sync, db);
    session_server(&server, db);
    fixture_session(&juf, db, FX_JUF1);
    struct syncrun run = {.ok = true, .added = 3, .changed = 1, .deactivated = 2};
    snprintf(run.source, sizeof run.source, "edex test.xml");
    snprintf(run.message, sizeof run.message, "regel\n1\033]0;x\007 klaar");
    REQUIRE(syncruns_record(&sync, &run) == KM_OK);
    CHECK(syncruns_record(&server, &run) == KM_READONLY); /* only the sync writes runs */
    REQUIRE(syncruns_record_failure(&sync, "uwlr", false, NULL, "Geen verbinding.") == KM_OK);
    struct syncrun_list l;
    REQUIRE(syncruns_list(&server, 1, &l) == KM_OK);
    REQUIRE(l.n == 1);
    CHECK(!l.items[0].ok && strcmp(l.items[0].message, "Geen verbinding.") == 0 && l.items[0].finished_at[0]);
    syncruns_list_free(&l);
    REQUIRE(syncruns_list(&server, 10, &l) == KM_OK);
    REQUIRE(l.n == 2);
    CHECK(l.items[1].ok && l.items[1].added == 3 && l.items[1].changed == 1 && l.items[1].deactivated == 2);
    CHECK(strchr(l.items[1].message, '\033') == NULL && strchr(l.items[1].message, '\n') == NULL);
    syncruns_list_free(&l);
    CHECK(syncruns_list(&juf, 10, &l) == KM_DENIED);
    db_close(db);
}

TEST(syncruns_relink_lists_groups_linked_to_last_year)
{
    struct km_db *db = fixture_open();
    REQUIRE(db);
    REQUIRE(db_exec(db,
                    "INSERT INTO groups (id, name, kind, schooljaar, created_at) VALUES"
                    " (10, 'groep 5a', 'stamgroep', '2025-2026', '2025-08-01'),"
                    " (11, 'rekenen 3', 'eigen', '2026-2027', '2026-01-01'),"
                    " (12, 'lezen plus', 'eigen', '2026-2027', '2026-01-01')",
                    NULL) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE groups SET linked_group_id = 10 WHERE id = 11", NULL) == KM_OK);
    REQUIRE(db_exec(db, "UPDATE groups SET linked_group_id = 1 WHERE id = 12", NULL) == KM_OK);
    struct km_session s;
    session_server(&s, db);
    struct relink_list l;
    REQUIRE(syncruns_relink(&s, "2026-2027", &l) == KM_OK);
    REQUIRE(l.n == 1);
    CHECK_STR(l.items[0].name, "rekenen 3");
    CHECK_STR(l.items[0].linked_name, "groep 5a");
    CHECK_STR(l.items[0].linked_schooljaar, "2025-2026");
    syncruns_relink_free(&l);
    REQUIRE(syncruns_relink(&s, "2025-2026", &l) == KM_OK);
    CHECK(l.n == 0);
    syncruns_relink_free(&l);
    db_close(db);
}
