/* UWLR without a network (sync/uwlr.h, sync/uwlr_answer.h): the request byte for byte, every form of answer, faults
 * and their hints, the key file; and the record of sync runs (core/syncruns.h). The exchange over HTTPS, with the
 * request validated against the official schema, is tested against a strict server in tests/cli/test_uwlr_cli.sh. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db_sql.h"
#include "core/syncruns.h"
#include "fixture.h"
#include "sync/uwlr.h"
#include "test.h"

static const struct uwlr_request REQ = {
    .endpoint = "https://uwlr.example.nl/leerlinggegevens",
    .schooljaar = "2026-2027",
    .brin = "99ZZ",
    .dependancecode = "00",
    .klantcode = "KM-4711",
    .klantnaam = "OBS 't Klokhuis & co",
    .timeout = 60,
};

/* The whole request, byte for byte: the autorisatie header and the verzoek in the schemas' order. */
TEST(uwlr_request_is_the_standards)
{
    char out[4096];
    size_t n = uwlr_build_request(&REQ, "k&y<\"x\">", out, sizeof out);
    REQUIRE(n > 0 && n == strlen(out));
    CHECK_STR(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
                   "<soapenv:Header>\n"
                   "<aut:autorisatie xmlns:aut=\"http://www.edustandaard.nl/leerresultaten/2/autorisatie\">\n"
                   "<aut:autorisatiesleutel>k&amp;y&lt;&quot;x&quot;&gt;</aut:autorisatiesleutel>\n"
                   "<aut:klantcode>KM-4711</aut:klantcode>\n"
                   "<aut:klantnaam>OBS 't Klokhuis &amp; co</aut:klantnaam>\n"
                   "</aut:autorisatie>\n"
                   "</soapenv:Header>\n"
                   "<soapenv:Body>\n"
                   "<ll:leerlinggegevens_verzoek"
                   " xmlns:ll=\"http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens\">\n"
                   "<ll:schooljaar>2026-2027</ll:schooljaar>\n"
                   "<ll:brincode>99ZZ</ll:brincode>\n"
                   "<ll:dependancecode>00</ll:dependancecode>\n"
                   "<ll:xsdversie>2.2</ll:xsdversie>\n"
                   "</ll:leerlinggegevens_verzoek>\n"
                   "</soapenv:Body>\n"
                   "</soapenv:Envelope>\n");
    /* too small: nothing, and no half request with half a key left behind */
    char small[300];
    CHECK(uwlr_build_request(&REQ, "secret-key", small, sizeof small) == 0);
    bool zero = true;
    for (size_t i = 0; i < sizeof small; i++)
        zero = zero && small[i] == 0;
    CHECK(zero);
}

static struct uwlr_answer ans;

static enum uwlr_answer_kind read_answer(const char *body)
{
    uwlr_answer_read(body, strlen(body), NULL, &ans);
    return ans.kind;
}

#define SOAP11 "http://schemas.xmlsoap.org/soap/envelope/"

/* Any prefix layout, a default namespace, extra headers, a declared encoding: the same answer. */
TEST(uwlr_answer_forms_in_any_layout)
{
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><leerlinggegevens_antwoord xmlns=\"" UWLR_NAMESPACE
                      "\"><leerlinggegevens><school/><leerlingen><leerling key=\"1\"/></leerlingen></leerlinggegevens>"
                      "</leerlinggegevens_antwoord></s:Body></s:Envelope>") == UWLR_ANSWER_DATA);
    CHECK(ans.eckid_only_students == 0 && ans.eckid_only_teachers == 0);
    CHECK(read_answer(
              "<?xml version=\"1.0\"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" SOAP11 "\">\n"
              "<SOAP-ENV:Header><wsa:Action xmlns:wsa=\"urn:a\">x</wsa:Action><t:t xmlns:t=\"urn:t\"><Body/></t:t>"
              "</SOAP-ENV:Header>\n<SOAP-ENV:Body>\n<lg:leerlinggegevens_antwoord xmlns:lg=\"" UWLR_NAMESPACE
              "\">\n<lg:geenwijzigingen/>\n</lg:leerlinggegevens_antwoord></SOAP-ENV:Body>"
              "</SOAP-ENV:Envelope>") == UWLR_ANSWER_NO_CHANGES);
    CHECK(read_answer("<a:Envelope xmlns:a=\"" SOAP11
                      "\"><a:Body><x:leerlinggegevens_antwoord xmlns:x=\"" UWLR_NAMESPACE
                      "\"><x:geengegevens></x:geengegevens></x:leerlinggegevens_antwoord></a:Body></a:Envelope>") ==
          UWLR_ANSWER_NO_DATA);
    /* ISO-8859-1, declared: "Daniëlle" as one byte 0xEB */
    CHECK(read_answer("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body>"
                      "<leerlinggegevens_antwoord xmlns=\"" UWLR_NAMESPACE "\"><leerlinggegevens><school/><leerlingen>"
                      "<leerling key=\"1\"><roepnaam>Dani\xeblle</roepnaam></leerling></leerlingen></leerlinggegevens>"
                      "</leerlinggegevens_antwoord></s:Body></s:Envelope>") == UWLR_ANSWER_DATA);
}

/* The HTTP charset counts only when the document itself does not say (a BOM, or encoding in its declaration). */
TEST(uwlr_answer_encoding_from_http_only_when_undeclared)
{
    char buf[40];
    const char *latin = "<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><s:Fault><faultstring>Caf\xe9</faultstring>"
                        "</s:Fault></s:Body></s:Envelope>";
    const char *enc = uwlr_answer_encoding(latin, strlen(latin), "text/xml; charset=ISO-8859-1", buf, sizeof buf);
    REQUIRE(enc != NULL);
    CHECK_STR(enc, "ISO-8859-1");
    uwlr_answer_read(latin, strlen(latin), enc, &ans);
    CHECK(ans.kind == UWLR_ANSWER_FAULT);
    CHECK_STR(ans.fault.text, "Caf\xc3\xa9"); /* é, now UTF-8 */
    CHECK(uwlr_answer_encoding(latin, strlen(latin), "text/xml;charset=\"windows-1252\"", buf, sizeof buf) != NULL);
    CHECK_STR(buf, "windows-1252");
    CHECK(uwlr_answer_encoding(latin, strlen(latin), "text/xml; charset=UTF-8", buf, sizeof buf) == NULL);
    CHECK(uwlr_answer_encoding(latin, strlen(latin), "text/xml", buf, sizeof buf) == NULL);
    CHECK(uwlr_answer_encoding(latin, strlen(latin), NULL, buf, sizeof buf) == NULL);
    const char *declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><x/>";
    CHECK(uwlr_answer_encoding(declared, strlen(declared), "text/xml; charset=utf-16", buf, sizeof buf) == NULL);
    const char *bom = "\xef\xbb\xbf<x/>";
    CHECK(uwlr_answer_encoding(bom, strlen(bom), "text/xml; charset=ISO-8859-1", buf, sizeof buf) == NULL);
    const char *plain = "<?xml version=\"1.0\"?><x/>";
    CHECK(uwlr_answer_encoding(plain, strlen(plain), "text/xml; charset=ISO-8859-15", buf, sizeof buf) != NULL);
}

/* UWLR 2.3 lets a leerling (or leerkracht) carry only an ECK-iD: counted, so the run can refuse as a whole. */
TEST(uwlr_answer_counts_people_without_key)
{
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><leerlinggegevens_antwoord xmlns=\"" UWLR_NAMESPACE
                      "\"><leerlinggegevens><school/><groepen><groep key=\"G\"/></groepen><leerlingen>"
                      "<leerling key=\"1\" eckid=\"e1\"/><leerling eckid=\"e2\"><groep key=\"G\"/></leerling>"
                      "<leerling key=\"\" eckid=\"e3\"/><leerling/></leerlingen><leerkrachten>"
                      "<leerkracht eckid=\"e4\"><groepen><groep eckid=\"x\"/></groepen></leerkracht></leerkrachten>"
                      "</leerlinggegevens></leerlinggegevens_antwoord></s:Body></s:Envelope>") == UWLR_ANSWER_DATA);
    CHECK(ans.eckid_only_students == 2); /* not the one with neither: the importer names that one */
    CHECK(ans.eckid_only_teachers == 1);
}

TEST(uwlr_answer_faults)
{
    CHECK(read_answer("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><s:Fault>"
                      "<faultcode>s:Client.AutorisatieOngeldig</faultcode><faultstring>Autorisatie\n\t is ongeldig"
                      "</faultstring><detail><m:melding xmlns:m=\"urn:m\">Koppeling <b>niet</b> actief</m:melding>"
                      "</detail></s:Fault></s:Body></s:Envelope>") == UWLR_ANSWER_FAULT);
    CHECK_STR(ans.fault.code, "Client.AutorisatieOngeldig"); /* the prefix says nothing to a person */
    CHECK_STR(ans.fault.text, "Autorisatie is ongeldig");    /* cleaned: one line, one space */
    CHECK_STR(ans.fault.detail, "Koppeling niet actief");
    char msg[UWLR_MESSAGE_MAX];
    uwlr_fault_sentence(&ans.fault, msg, sizeof msg);
    CHECK_STR(msg, "ParnasSys weigerde het verzoek: Autorisatie is ongeldig (Client.AutorisatieOngeldig; detail:"
                   " Koppeling niet actief); de autorisatiesleutel wordt niet aanvaard: controleer in ParnasSys of de"
                   " koppeling met klassenmap actief is en of key_file de sleutel van die koppeling bevat; er is niets"
                   " gewijzigd.");
    CHECK(read_answer("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                      "<env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang=\"nl\">"
                      "Onderhoud</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>") == UWLR_ANSWER_FAULT);
    CHECK_STR(ans.fault.code, "Receiver");
    CHECK_STR(ans.fault.text, "Onderhoud");
    CHECK_STR(ans.fault.detail, "");
    /* nothing inside detail is taken for the faultcode or the faultstring */
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><s:Fault><detail><faultcode>Client.X</faultcode>"
                      "</detail><faultstring>Fout</faultstring></s:Fault></s:Body></s:Envelope>") == UWLR_ANSWER_FAULT);
    CHECK_STR(ans.fault.code, "");
    CHECK_STR(ans.fault.text, "Fout");
    CHECK_STR(ans.fault.detail, "Client.X");
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><s:Fault/></s:Body></s:Envelope>") ==
          UWLR_ANSWER_FAULT);
    uwlr_fault_sentence(&ans.fault, msg, sizeof msg);
    CHECK(strstr(msg, "zonder uitleg (zonder faultcode); controleer [sync]") != NULL);
    /* a Fault inside the data is no fault */
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11
                      "\"><s:Header/><s:Body><leerlinggegevens_antwoord xmlns=\"" UWLR_NAMESPACE
                      "\"><leerlinggegevens><school><Fault/></school></leerlinggegevens>"
                      "</leerlinggegevens_antwoord></s:Body></s:Envelope>") == UWLR_ANSWER_DATA);
}

TEST(uwlr_fault_hints_per_code)
{
    CHECK(strstr(uwlr_fault_hint("Client.AutorisatieOngeldig"), "koppeling met klassenmap actief"));
    CHECK(strstr(uwlr_fault_hint("Client.OngeldigeKlantIdentificatie"), "klantcode of klantnaam in [sync]"));
    CHECK(strstr(uwlr_fault_hint("Client.XsdVersieOngeldig"), "xsdversie 2.2"));
    CHECK(strstr(uwlr_fault_hint("Client.OngeldigBericht"), "brin, dependancecode en schooljaar"));
    CHECK(strstr(uwlr_fault_hint("Server"), "probeer het later opnieuw"));
    CHECK(strstr(uwlr_fault_hint("Server.Onbereikbaar"), "probeer het later opnieuw"));
    CHECK(strstr(uwlr_fault_hint("Client"), "controleer [sync]"));
    CHECK(strstr(uwlr_fault_hint(""), "controleer [sync]"));
    CHECK(uwlr_fault_hint(NULL) != NULL);
}

/* What is not one of the standard's answers says what it is instead. */
TEST(uwlr_answer_other_things)
{
    CHECK(read_answer("<html>Internal Server Error</html>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "geen SOAP-bericht maar <html>");
    CHECK(read_answer("<EDEX><school><schooljaar>2026-2027</schooljaar></school></EDEX>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "geen SOAP-bericht maar <EDEX>");
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><x/></s:Body></s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "<x> in de SOAP-Body in plaats van <leerlinggegevens_antwoord>");
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body/></s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "een SOAP-bericht zonder inhoud in de Body");
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11
                      "\"><s:Body><leerlinggegevens_antwoord/></s:Body></s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "een leeg <leerlinggegevens_antwoord>");
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body><leerlinggegevens_antwoord><leerlingen/>"
                      "</leerlinggegevens_antwoord></s:Body></s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK(strstr(ans.what, "<leerlingen> in <leerlinggegevens_antwoord>") != NULL);
    CHECK(read_answer("<s:Envelope xmlns:s=\"" SOAP11 "\">\n<s:Body><leerlinggegevens_antwoord>\n<leerlinggegevens>"
                      "</s:Body></s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "geen geldige XML (regel 3)");
    CHECK(read_answer("<!DOCTYPE s [<!ENTITY a \"aaaa\">]><s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body>&a;</s:Body>"
                      "</s:Envelope>") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "een document met een DTD, die niet is toegestaan");
    CHECK(read_answer("") == UWLR_ANSWER_OTHER);
    CHECK_STR(ans.what, "een leeg antwoord");
    uwlr_answer_read(NULL, 0, NULL, &ans);
    CHECK(ans.kind == UWLR_ANSWER_OTHER);
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
    CHECK(strstr(err, "ook voor anderen") && strstr(err, "(key_file)") && !strstr(err, "geheim"));
    write_file(path, "\n", 0600);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_INVALID && strstr(err, "leeg"));
    /* tpString64: 64 characters (not bytes) at most, no control characters */
    char text[300] = "";
    for (int i = 0; i < 64; i++)
        memcpy(text + 2 * i, "\xc3\xab", 3);
    write_file(path, text, 0600);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_OK && strcmp(key, text) == 0);
    snprintf(text, sizeof text, "%065d\n", 4711);
    write_file(path, text, 0600);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_INVALID && strstr(err, "64 tekens") &&
          !strstr(err, "4711") && key[0] == '\0');
    write_file(path, "geheim\x01sleutel\n", 0600);
    CHECK(uwlr_read_key(path, key, sizeof key, err, sizeof err) == KM_INVALID && strstr(err, "stuurtekens") &&
          !strstr(err, "geheim"));
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
    char err[UWLR_MESSAGE_MAX];
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_NOTFOUND);
    CHECK(strstr(err, "sync staat uit") != NULL);
    int64_t runs = -1;
    db_int(db, &runs, "SELECT count(*) FROM sync_runs", NULL);
    CHECK(runs == 0); /* sync off is not a run */
    /* no klantcode: UWLR asks for one with every request */
    snprintf(cfg.uwlr_endpoint, sizeof cfg.uwlr_endpoint, "https://127.0.0.1:1/uwlr");
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "klantcode ontbreekt in [sync]") != NULL);
    snprintf(cfg.klantcode, sizeof cfg.klantcode, "KM-4711");
    snprintf(cfg.klantnaam, sizeof cfg.klantnaam, "klassenmap");
    /* a key file that does not exist: a failed run, nothing else */
    snprintf(cfg.key_file, sizeof cfg.key_file, "%s", test_tmp_path("missing.key"));
    CHECK(uwlr_sync(db, &cfg, true, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "(key_file) kan niet worden gelezen") != NULL);
    /* a BRIN that is not the school's */
    snprintf(cfg.brin, sizeof cfg.brin, "11AA");
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "11AA") && strstr(err, "99ZZ"));
    /* a school whose BRIN is not one UWLR takes (stored before the BRIN was checked so) */
    cfg.brin[0] = '\0';
    REQUIRE(db_exec(db, "UPDATE school SET brin = '9912'", NULL) == KM_OK);
    CHECK(uwlr_sync(db, &cfg, false, &rep, err, sizeof err) == KM_ERR);
    CHECK(strstr(err, "De BRIN van de school (9912) is geen BRIN zoals UWLR die vraagt") != NULL);
    struct km_session s;
    session_server(&s, db);
    struct syncrun_list l;
    REQUIRE(syncruns_list(&s, 10, &l) == KM_OK);
    REQUIRE(l.n == 4);
    CHECK(!l.items[0].ok && !l.items[0].dry_run && strstr(l.items[0].message, "9912"));
    CHECK(!l.items[1].ok && !l.items[1].dry_run && strstr(l.items[1].message, "11AA"));
    CHECK(!l.items[2].ok && l.items[2].dry_run && l.items[2].errors == 1);
    CHECK_STR(l.items[2].source, "uwlr");
    CHECK(!l.items[3].ok && strstr(l.items[3].message, "klantcode"));
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

/* A declared encoding the bytes do not follow: libxml2's converter fails outside any parser context, where its
 * own handler would print "encoding error : ..." on stderr. Ours keeps it quiet; the answer says what it is. */
TEST(uwlr_answer_wrong_encoding_prints_nothing)
{
    const char *body = "<?xml version=\"1.0\" encoding=\"EUC-JP\"?><s:Envelope xmlns:s=\"" SOAP11 "\"><s:Body>"
                       "<x>caf\xe9 \xff\xfe\x80\x81</x></s:Body></s:Envelope>";
    const char *path = test_tmp_path("stderr.txt");
    int saved = dup(STDERR_FILENO);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(saved >= 0 && fd >= 0);
    fflush(stderr);
    dup2(fd, STDERR_FILENO);
    uwlr_answer_read(body, strlen(body), NULL, &ans);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size == 0);
    CHECK(ans.kind == UWLR_ANSWER_OTHER);
}
