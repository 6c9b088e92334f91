#include "sync/uwlr_answer.h"

#include <libxml/xmlreader.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/text.h"
#include "sync/xmlerr.h"

/* Where the reader is, by the elements it passed at each depth:
 * Envelope (0) / Body (1) / leerlinggegevens_antwoord or Fault (2) / leerlinggegevens (3) / leerlingen (4) /
 * leerling (5). Only the first element inside Body and inside the answer counts, as the schema allows one. */
struct scan {
    struct uwlr_answer *out;
    bool done;         /* the form is known, and nothing more is needed */
    bool in_body;      /* the last element at depth 1 is Body */
    bool body_child;   /* an element inside Body was met */
    bool in_answer;    /* the last element at depth 2 is the answer */
    bool answer_child; /* an element inside the answer was met */
    bool in_data;      /* the last element at depth 3 is leerlinggegevens */
    int list;          /* the last element at depth 4: 1 leerlingen, 2 leerkrachten, 0 another */
};

static bool is_name(xmlTextReaderPtr rd, const char *local)
{
    const xmlChar *name = xmlTextReaderConstLocalName(rd);
    return name && strcmp((const char *)name, local) == 0;
}

/* The element's name for a message: cleaned and short, as it comes from outside. */
static void name_of(xmlTextReaderPtr rd, char *out, size_t len)
{
    const xmlChar *name = xmlTextReaderConstLocalName(rd);
    text_clean(name ? (const char *)name : "", out, len);
}

static void other(struct scan *sc, const char *what)
{
    snprintf(sc->out->what, sizeof sc->out->what, "%s", what);
    sc->out->kind = UWLR_ANSWER_OTHER;
    sc->done = true;
}

/* Not the standard's answer: `before`<element>`after` says what came instead. */
static void other_element(struct scan *sc, xmlTextReaderPtr rd, const char *before, const char *after)
{
    char name[64], what[sizeof sc->out->what];
    name_of(rd, name, sizeof name);
    snprintf(what, sizeof what, "%s<%s>%s", before, name, after);
    other(sc, what);
}

/* The text of the element the reader stands on, with its descendants' text, cleaned into out. */
static void text_into(xmlTextReaderPtr rd, char *out, size_t len)
{
    xmlChar *text = xmlTextReaderReadString(rd);
    text_clean(text ? (const char *)text : "", out, len);
    xmlFree(text);
}

/* faultcode is a QName ("soapenv:Client.AutorisatieOngeldig"): the prefix says nothing to a person. */
static void drop_prefix(char *code)
{
    char *colon = strchr(code, ':');
    if (colon)
        memmove(code, colon + 1, strlen(colon + 1) + 1);
}

/* The Fault the reader stands on. SOAP 1.1 has faultcode, faultstring, detail; SOAP 1.2 has Code/Value,
 * Reason/Text and Detail: the first of each is taken, and nothing inside detail is mistaken for either. */
static void read_fault(xmlTextReaderPtr rd, struct uwlr_fault *f)
{
    int depth = xmlTextReaderDepth(rd), detail_depth = -1;
    if (xmlTextReaderIsEmptyElement(rd) == 1)
        return;
    while (xmlTextReaderRead(rd) == 1 && xmlTextReaderDepth(rd) > depth) {
        int d = xmlTextReaderDepth(rd);
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT || (detail_depth >= 0 && d > detail_depth))
            continue;
        detail_depth = -1;
        if (!f->code[0] && (is_name(rd, "faultcode") || is_name(rd, "Value"))) {
            text_into(rd, f->code, sizeof f->code);
            drop_prefix(f->code);
        } else if (!f->text[0] && (is_name(rd, "faultstring") || is_name(rd, "Text"))) {
            text_into(rd, f->text, sizeof f->text);
        } else if (is_name(rd, "detail") || is_name(rd, "Detail")) {
            text_into(rd, f->detail, sizeof f->detail);
            detail_depth = d;
        }
    }
}

static bool has_attr(xmlTextReaderPtr rd, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
    bool has = v && v[0];
    xmlFree(v);
    return has;
}

/* A leerling or leerkracht: UWLR 2.3 lets the ECK-iD stand in for the administration's own key. */
static void count_person(struct scan *sc, xmlTextReaderPtr rd)
{
    if (!is_name(rd, sc->list == 1 ? "leerling" : "leerkracht") || has_attr(rd, "key") || !has_attr(rd, "eckid"))
        return;
    if (sc->list == 1)
        sc->out->eckid_only_students++;
    else
        sc->out->eckid_only_teachers++;
}

static void first_in_body(struct scan *sc, xmlTextReaderPtr rd)
{
    if (is_name(rd, "Fault")) {
        sc->out->kind = UWLR_ANSWER_FAULT;
        read_fault(rd, &sc->out->fault);
        sc->done = true;
    } else if (is_name(rd, "leerlinggegevens_antwoord")) {
        sc->in_answer = true;
    } else {
        other_element(sc, rd, "", _(" in de SOAP-Body in plaats van <leerlinggegevens_antwoord>"));
    }
}

static void first_in_answer(struct scan *sc, xmlTextReaderPtr rd)
{
    if (is_name(rd, "leerlinggegevens")) {
        sc->out->kind = UWLR_ANSWER_DATA;
        sc->in_data = true; /* read on: the people are counted */
    } else if (is_name(rd, "geenwijzigingen")) {
        sc->out->kind = UWLR_ANSWER_NO_CHANGES;
        sc->done = true;
    } else if (is_name(rd, "geengegevens")) {
        sc->out->kind = UWLR_ANSWER_NO_DATA;
        sc->done = true;
    } else {
        other_element(
            sc, rd, "",
            _(" in <leerlinggegevens_antwoord> in plaats van leerlinggegevens, geenwijzigingen of geengegevens"));
    }
}

/* Returns true when nothing inside the element matters: the reader then skips its subtree. */
static bool visit_element(struct scan *sc, xmlTextReaderPtr rd)
{
    switch (xmlTextReaderDepth(rd)) {
    case 0:
        if (!is_name(rd, "Envelope"))
            other_element(sc, rd, _("geen SOAP-bericht maar "), "");
        return false;
    case 1:
        sc->in_body = is_name(rd, "Body");
        return !sc->in_body; /* extra SOAP headers */
    case 2:
        sc->in_answer = false;
        if (sc->in_body && !sc->body_child) {
            sc->body_child = true;
            first_in_body(sc, rd);
        }
        return !sc->in_answer;
    case 3:
        sc->in_data = false;
        if (sc->in_answer && !sc->answer_child) {
            sc->answer_child = true;
            first_in_answer(sc, rd);
        }
        return !sc->in_data;
    case 4:
        sc->list = !sc->in_data ? 0 : is_name(rd, "leerlingen") ? 1 : is_name(rd, "leerkrachten") ? 2 : 0;
        return !sc->list; /* school, vestigingen, groepen */
    case 5:
        if (sc->list)
            count_person(sc, rd);
        return true; /* a person's details */
    default:
        return true;
    }
}

/* The reader came to the end without knowing the form: say what was missing. */
static void incomplete(struct scan *sc)
{
    const char *what = !sc->body_child    ? _("een SOAP-bericht zonder inhoud in de Body")
                       : sc->answer_child ? NULL
                                          : _("een leeg <leerlinggegevens_antwoord>");
    if (what && sc->out->kind != UWLR_ANSWER_DATA)
        other(sc, what);
}

void uwlr_answer_read(const char *body, size_t len, const char *encoding, struct uwlr_answer *out)
{
    memset(out, 0, sizeof *out);
    out->kind = UWLR_ANSWER_OTHER;
    if (!body || len == 0 || len > INT_MAX) {
        snprintf(out->what, sizeof out->what, "%s", len ? _("een antwoord dat te groot is") : _("een leeg antwoord"));
        return;
    }
    /* No DTD is loaded, no entity expanded, nothing fetched; a DOCTYPE stops the reading. libxml2's own error
     * lines are caught (a wrong declared encoding): the line number below says what is wrong. */
    struct xmlerr xe;
    xmlerr_begin(&xe, NULL);
    xmlTextReaderPtr rd =
        xmlReaderForMemory(body, (int)len, NULL, encoding, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!rd) {
        snprintf(out->what, sizeof out->what, "%s", _("onleesbaar (onvoldoende geheugen)"));
        xmlerr_end();
        return;
    }
    struct scan sc = {.out = out};
    int r = xmlTextReaderRead(rd);
    while (!sc.done && r == 1) {
        int type = xmlTextReaderNodeType(rd);
        bool skip = false;
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            other(&sc, _("een document met een DTD, die niet is toegestaan"));
        else if (type == XML_READER_TYPE_ELEMENT)
            skip = visit_element(&sc, rd);
        r = skip ? xmlTextReaderNext(rd) : xmlTextReaderRead(rd);
    }
    if (!sc.done && r < 0) {
        snprintf(out->what, sizeof out->what, _("geen geldige XML (regel %d)"), xmlTextReaderGetParserLineNumber(rd));
        out->kind = UWLR_ANSWER_OTHER;
    } else if (!sc.done) {
        incomplete(&sc);
    }
    xmlFreeTextReader(rd);
    xmlerr_end();
}

/* ---- the encoding ---- */

static bool declares_encoding(const char *body, size_t len)
{
    if (len >= 2 && (memcmp(body, "\xfe\xff", 2) == 0 || memcmp(body, "\xff\xfe", 2) == 0))
        return true;
    if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)
        return true;
    if (len < 5 || memcmp(body, "<?xml", 5) != 0)
        return false;
    const char *end = memchr(body, '>', len < 200 ? len : 200);
    for (const char *p = body; end && p + 8 <= end; p++)
        if (memcmp(p, "encoding", 8) == 0)
            return true;
    return false;
}

const char *uwlr_answer_encoding(const char *body, size_t len, const char *content_type, char *buf, size_t buflen)
{
    const char *cs = content_type;
    while (cs && *cs && strncasecmp(cs, "charset=", 8) != 0)
        cs++;
    if (!cs || !*cs || !body || declares_encoding(body, len))
        return NULL;
    cs += 8;
    size_t n = strcspn(cs, "\"; \t");
    if (*cs == '"')
        n = strcspn(++cs, "\"");
    if (n == 0 || n >= buflen || (n == 5 && strncasecmp(cs, "utf-8", 5) == 0))
        return NULL;
    memcpy(buf, cs, n);
    buf[n] = '\0';
    return buf;
}

/* ---- what to do about a fault ---- */

static const struct {
    const char *code, *hint;
} fault_hints[] = {
    {"Client.AutorisatieOngeldig",
     N_("de autorisatiesleutel wordt niet aanvaard: controleer in ParnasSys of de koppeling met klassenmap actief is en"
        " of key_file de sleutel van die koppeling bevat")},
    {"Client.OngeldigeKlantIdentificatie",
     N_("klantcode of klantnaam in [sync] wordt niet herkend: neem ze precies over van de koppeling in ParnasSys")},
    {"Client.XsdVersieOngeldig",
     N_("de server levert geen UWLR 2.2 (xsdversie 2.2, wat klassenmap vraagt): vraag de leverancier welke versie de"
        " koppeling levert")},
    {"Client.OngeldigBericht",
     N_("de server vindt het verzoek ongeldig: controleer brin, dependancecode en schooljaar in [sync]")},
};

static bool starts_with(const char *s, const char *prefix) { return strncasecmp(s, prefix, strlen(prefix)) == 0; }

const char *uwlr_fault_hint(const char *code)
{
    code = code ? code : "";
    for (size_t i = 0; i < sizeof fault_hints / sizeof fault_hints[0]; i++)
        if (strcasecmp(code, fault_hints[i].code) == 0)
            return _(fault_hints[i].hint);
    if (starts_with(code, "Server") || starts_with(code, "Receiver"))
        return _("de fout ligt bij de server van ParnasSys: probeer het later opnieuw");
    return _("controleer [sync] in de configuratie en de koppeling met klassenmap in ParnasSys");
}

void uwlr_fault_sentence(const struct uwlr_fault *f, char *out, size_t len)
{
    snprintf(out, len, _("ParnasSys weigerde het verzoek: %s (%s%s%s); %s; er is niets gewijzigd."),
             f->text[0] ? f->text : _("zonder uitleg"), f->code[0] ? f->code : _("zonder faultcode"),
             f->detail[0] ? "; detail: " : "", f->detail, uwlr_fault_hint(f->code));
}
