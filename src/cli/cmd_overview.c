/* export overview: a group's Leerdoeloverzicht as CSV (one table: per goal, or per student and area) or as one
 * printable HTML page with both. The page needs nothing from outside (no fonts, scripts or images), escapes every
 * string from data, and never shows a status by colour alone: counts are headed by the value's letter and
 * glyph, and every bar has its percentage next to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/out.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/html.h"
#include "core/i18n.h"
#include "core/lookup.h"
#include "core/overview.h"
#include "core/text.h"
#include "core/users.h"
#include "sync/csv.h"

/* ---- CSV ---- */

/* csv_write_record sanitises every field: a CSV on standard output reaches a terminal. */
static void csv_row(FILE *f, const char *const *fields, size_t n) { csv_write_record(f, fields, n, ';'); }

/* The schema allows more values than core adds; a sheet shows at most this many. */
#define CSV_MAX_VALUES 20

static void csv_goal_header(FILE *f, const struct overview *o, size_t nscale)
{
    char head[CSV_MAX_VALUES][64];
    const char *fields[CSV_MAX_VALUES + 9];
    size_t n = 0;
    static const char *const first[] = {"hoofdgebied", "deelgebied", "niveau", "code", "titel", "leerlingen"};
    for (size_t i = 0; i < 6; i++)
        fields[n++] = first[i];
    for (size_t k = 0; k < nscale; k++) {
        snprintf(head[k], sizeof head[k], "%s %.50s", o->scale.items[k].letter, o->scale.items[k].label);
        fields[n++] = head[k];
    }
    fields[n++] = _("geen status");
    fields[n++] = _("aantal beheerst");
    fields[n++] = "% beheerst";
    csv_row(f, fields, n);
}

static void csv_goal_row(FILE *f, const struct overview *o, const struct overview_goal *goal, size_t nscale)
{
    const struct overview_area *d = &o->deel[goal->deel];
    const char *fields[CSV_MAX_VALUES + 9] = {o->hoofd[d->hoofd].name, d->name, goal->niveau, goal->code, goal->title};
    int values[CSV_MAX_VALUES + 4];
    char num[CSV_MAX_VALUES + 4][16];
    size_t n = 5, nv = 0;
    values[nv++] = (int)o->nstudents;
    for (size_t k = 0; k < nscale; k++)
        values[nv++] = goal->counts[k];
    values[nv++] = goal->none;
    values[nv++] = goal->mastered;
    values[nv++] = overview_percent(goal->mastered, (int)o->nstudents);
    for (size_t i = 0; i < nv; i++) {
        snprintf(num[i], sizeof num[i], "%d", values[i]);
        fields[n++] = num[i];
    }
    csv_row(f, fields, n);
}

static void csv_goals(FILE *f, const struct overview *o)
{
    size_t nscale = o->scale.n < CSV_MAX_VALUES ? o->scale.n : CSV_MAX_VALUES;
    csv_goal_header(f, o, nscale);
    for (size_t g = 0; g < o->ngoals; g++)
        csv_goal_row(f, o, &o->goals[g], nscale);
}

static void csv_progress(FILE *f, const char *student, const char *niveau, const char *hoofd, const char *deel,
                         const struct overview_count *c)
{
    char goals[16], mastered[16], pct[16];
    snprintf(goals, sizeof goals, "%d", c->goals);
    snprintf(mastered, sizeof mastered, "%d", c->mastered);
    snprintf(pct, sizeof pct, "%d", overview_percent(c->mastered, c->goals));
    const char *fields[] = {student, niveau, hoofd, deel, goals, mastered, pct};
    csv_row(f, fields, sizeof fields / sizeof fields[0]);
}

/* Long form: per student a row per hoofdgebied (deelgebied empty), one per deelgebied, and a total. Areas
 * without goals of the student's niveau are left out. */
static void csv_students(FILE *f, const struct overview *o)
{
    static const char *const head[] = {"leerling",   "niveau",   "hoofdgebied", "deelgebied",
                                       "leerdoelen", "beheerst", "% beheerst"};
    csv_row(f, head, sizeof head / sizeof head[0]);
    for (size_t s = 0; s < o->nstudents; s++) {
        const struct overview_student *x = &o->students[s];
        for (size_t h = 0; h < o->nhoofd; h++) {
            if (x->hoofd[h].goals)
                csv_progress(f, x->name, x->niveau, o->hoofd[h].name, "", &x->hoofd[h]);
            for (size_t d = 0; d < o->ndeel; d++)
                if (o->deel[d].hoofd == h && x->deel[d].goals)
                    csv_progress(f, x->name, x->niveau, o->hoofd[h].name, o->deel[d].name, &x->deel[d]);
        }
        csv_progress(f, x->name, x->niveau, "", "", &x->total);
    }
}

/* ---- HTML ---- */

static void html(FILE *f, const char *s) { html_text(f, s); }

static const char html_style[] =
    "body{font-family:sans-serif;font-size:10pt;margin:1.5em;color:#000;background:#fff}\n"
    "h1{font-size:15pt;margin:0 0 .3em}h2{font-size:13pt;margin:1.4em 0 .4em;page-break-after:avoid}\n"
    "h3{font-size:11pt;margin:1em 0 .3em;page-break-after:avoid}\n"
    "table{border-collapse:collapse;margin-bottom:.8em}\n"
    "th,td{border:1px solid #888;padding:2px 5px;text-align:left;vertical-align:middle}\n"
    "th{background:#eee}td.n,th.n{text-align:right;white-space:nowrap}\n"
    ".bar{display:inline-block;width:6em;height:.8em;border:1px solid #000;vertical-align:middle;margin-right:.4em}\n"
    ".bar span{display:block;height:100%;background:#444}\n"
    ".legend span{margin-right:1.2em;white-space:nowrap}\n"
    "@media print{body{margin:0}tr{page-break-inside:avoid}"
    ".bar span,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* A bar as wide as the share, with the share as text beside it (the bar alone would be colour only). */
static void html_bar(FILE *f, int part, int whole)
{
    int pct = overview_percent(part, whole);
    fprintf(f, "<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:%d%%\"></span></span>%d%%", pct, pct);
}

static void html_head(FILE *f, const struct overview *o, const struct overview_filter *flt, const char *niveau)
{
    char today[11];
    dates_format(dates_today(), today);
    fputs("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Leerdoeloverzicht ", f);
    html(f, o->title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>Leerdoeloverzicht ", html_style);
    html(f, o->title);
    fprintf(f, "</h1>\n<p>Gemaakt op %s &middot; %zu leerling%s &middot; %zu leerdoel%s", today, o->nstudents,
            o->nstudents == 1 ? "" : "en", o->ngoals, o->ngoals == 1 ? "" : "en");
    if (flt->from)
        fprintf(f, _(" &middot; gepland van %s tot en met %s"), flt->from, flt->to);
    if (niveau) {
        fputs(_(" &middot; niveau "), f);
        html(f, niveau);
    }
    fputs("</p>\n<p class=\"legend\">Statussen: ", f);
    for (size_t k = 0; k < o->scale.n; k++) {
        fputs("<span><b>", f);
        html(f, o->scale.items[k].letter);
        fputs("</b> ", f);
        html(f, o->scale.items[k].glyph);
        fputs(" ", f);
        html(f, o->scale.items[k].label);
        fputs(o->scale.items[k].mastered ? " (telt als beheerst)</span>" : "</span>", f);
    }
    fputs("<span><b>&ndash;</b> geen status</span></p>\n", f);
}

static void html_goal_header(FILE *f, const struct overview *o)
{
    fputs("<table>\n<thead><tr><th>code</th><th>leerdoel</th><th>niveau</th>", f);
    for (size_t k = 0; k < o->scale.n; k++) {
        fputs("<th class=\"n\" title=\"", f);
        html(f, o->scale.items[k].label);
        fputs("\">", f);
        html(f, o->scale.items[k].letter);
        fputs(" ", f);
        html(f, o->scale.items[k].glyph);
        fputs("</th>", f);
    }
    fputs("<th class=\"n\" title=\"geen status\">&ndash;</th><th>beheerst</th></tr></thead>\n<tbody>\n", f);
}

static void html_goal_row(FILE *f, const struct overview *o, const struct overview_goal *g)
{
    fputs("<tr><td>", f);
    html(f, g->code);
    fputs("</td><td>", f);
    html(f, g->title);
    fputs("</td><td>", f);
    html(f, g->niveau);
    fputs("</td>", f);
    for (size_t k = 0; k < o->scale.n; k++)
        fprintf(f, "<td class=\"n\">%d</td>", g->counts[k]);
    fprintf(f, "<td class=\"n\">%d</td><td class=\"n\">%d van %zu ", g->none, g->mastered, o->nstudents);
    html_bar(f, g->mastered, (int)o->nstudents);
    fputs("</td></tr>\n", f);
}

/* Per deelgebied a table of its goals. */
static void html_goals(FILE *f, const struct overview *o)
{
    fputs("<h2>Per leerdoel</h2>\n", f);
    if (o->ngoals == 0)
        fputs("<p>Geen leerdoelen.</p>\n", f);
    for (size_t g = 0; g < o->ngoals; g++) {
        size_t d = o->goals[g].deel;
        if (g == 0 || o->goals[g - 1].deel != d) {
            fputs(g ? "</tbody>\n</table>\n<h3>" : "<h3>", f);
            html(f, o->hoofd[o->deel[d].hoofd].name);
            fputs(" / ", f);
            html(f, o->deel[d].name);
            fputs("</h3>\n", f);
            html_goal_header(f, o);
        }
        html_goal_row(f, o, &o->goals[g]);
    }
    if (o->ngoals)
        fputs("</tbody>\n</table>\n", f);
}

static void html_progress_cell(FILE *f, const struct overview_count *c)
{
    if (!c->goals) {
        fputs("<td class=\"n\">&ndash;</td>", f);
        return;
    }
    fprintf(f, "<td class=\"n\">%d/%d ", c->mastered, c->goals);
    html_bar(f, c->mastered, c->goals);
    fputs("</td>", f);
}

/* One table per hoofdgebied: its total and each deelgebied, per student. */
static void html_hoofd_table(FILE *f, const struct overview *o, size_t h)
{
    fputs("<h3>", f);
    html(f, o->hoofd[h].name);
    fputs("</h3>\n<table>\n<thead><tr><th>leerling</th><th>niveau</th><th>", f);
    html(f, o->hoofd[h].name);
    fputs("</th>", f);
    for (size_t d = 0; d < o->ndeel; d++) {
        if (o->deel[d].hoofd != h)
            continue;
        fputs("<th>", f);
        html(f, o->deel[d].name);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t s = 0; s < o->nstudents; s++) {
        fputs("<tr><td>", f);
        html(f, o->students[s].name);
        fputs("</td><td>", f);
        html(f, o->students[s].niveau);
        fputs("</td>", f);
        html_progress_cell(f, &o->students[s].hoofd[h]);
        for (size_t d = 0; d < o->ndeel; d++)
            if (o->deel[d].hoofd == h)
                html_progress_cell(f, &o->students[s].deel[d]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
}

static void html_students(FILE *f, const struct overview *o)
{
    fputs("<h2>Per leerling</h2>\n<p>Beheerste leerdoelen van het eigen niveau, van het aantal.</p>\n", f);
    fputs("<table>\n<thead><tr><th>leerling</th><th>niveau</th><th>totaal</th>", f);
    for (size_t h = 0; h < o->nhoofd; h++) {
        fputs("<th>", f);
        html(f, o->hoofd[h].name);
        fputs("</th>", f);
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    for (size_t s = 0; s < o->nstudents; s++) {
        fputs("<tr><td>", f);
        html(f, o->students[s].name);
        fputs("</td><td>", f);
        html(f, o->students[s].niveau);
        fputs("</td>", f);
        html_progress_cell(f, &o->students[s].total);
        for (size_t h = 0; h < o->nhoofd; h++)
            html_progress_cell(f, &o->students[s].hoofd[h]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
    for (size_t h = 0; h < o->nhoofd; h++)
        html_hoofd_table(f, o, h);
}

static void write_html(FILE *f, const struct overview *o, const struct overview_filter *flt, const char *niveau)
{
    html_head(f, o, flt, niveau);
    html_goals(f, o);
    html_students(f, o);
    fputs("</body>\n</html>\n", f);
}

/* ---- the command ---- */

struct overview_args {
    const char *group, *student, *format, *table, *from, *to, *niveau, *hoofdgebied, *deelgebied, *output;
};

static int check_args(const struct cli_command_help *help, const struct overview_args *a)
{
    if (!a->group == !a->student)
        return args_usage_error(help, _("geef --group GROEP (of --student GEBRUIKERSNAAM)."));
    if (strcmp(a->format, "csv") != 0 && strcmp(a->format, "html") != 0)
        return args_usage_error(help, _("--format is csv of html, niet '%.20s'."), a->format);
    if (strcmp(a->table, "leerdoelen") != 0 && strcmp(a->table, "leerlingen") != 0)
        return args_usage_error(help, _("--table is leerdoelen of leerlingen, niet '%.20s'."), a->table);
    if (!a->from != !a->to)
        return args_usage_error(help, _("een periode heeft --from en --to."));
    return EXIT_OK;
}

/* Names on the command line into ids; a name that is not there is said with its kind. */
static int resolve_filter(struct km_session *s, const struct overview_args *a, struct overview_filter *f)
{
    *f = (struct overview_filter){0, 0, 0, a->from, a->to};
    if (a->hoofdgebied && lookup_hoofdgebied(s, a->hoofdgebied, &f->hoofdgebied_id) != KM_OK)
        return out_error(_("Hoofdgebied '%.60s' bestaat niet."), a->hoofdgebied);
    if (a->niveau && lookup_niveau(s, a->niveau, &f->niveau_id) != KM_OK)
        return out_error(_("Niveau '%.30s' bestaat niet."), a->niveau);
    enum km_rc rc = a->deelgebied ? lookup_deelgebied(s, f->hoofdgebied_id, a->deelgebied, &f->deelgebied_id) : KM_OK;
    if (rc == KM_NOTFOUND)
        return out_error(_("Deelgebied '%.60s' bestaat niet."), a->deelgebied);
    return rc == KM_OK ? EXIT_OK : out_fail(s->db);
}

static int load_overview(struct km_session *s, const struct overview_args *a, const struct overview_filter *f,
                         struct overview *o)
{
    int64_t id = 0;
    enum km_rc rc;
    if (a->group) {
        rc = groups_find(s, a->group, NULL, &id);
        if (rc == KM_OK)
            rc = overview_group(s, id, f, o);
    } else {
        struct km_user u;
        rc = users_get(s, a->student, &u);
        if (rc == KM_OK)
            rc = overview_student(s, u.id, f, o);
        users_free(&u);
    }
    return rc == KM_OK ? EXIT_OK : out_fail(s->db);
}

static void write_overview(FILE *f, const struct overview *o, const struct overview_args *a,
                           const struct overview_filter *flt)
{
    if (strcmp(a->format, "html") == 0) {
        write_html(f, o, flt, a->niveau);
        return;
    }
    fputs("\xEF\xBB\xBF", f); /* Excel reads UTF-8 only with it */
    if (strcmp(a->table, "leerlingen") == 0)
        csv_students(f, o);
    else
        csv_goals(f, o);
}

struct overview_export {
    const struct overview *o;
    const struct overview_args *a;
    const struct overview_filter *flt;
};

static enum km_rc write_export(FILE *f, void *ctx)
{
    struct overview_export *e = ctx;
    write_overview(f, e->o, e->a, e->flt);
    return KM_OK;
}

static int write_to(const struct overview *o, const struct overview_args *a, const struct overview_filter *flt)
{
    struct overview_export e = {o, a, flt};
    return cli_write_output(a->output, write_export, &e, NULL);
}

int cmd_export_overview(struct cli_ctx *c, const struct cli_command_help *help, int argc, char **argv)
{
    struct overview_args a = {.format = "csv", .table = "leerdoelen"};
    const struct cli_opt opts[] = {{"--group", OPT_STRING, &a.group},
                                   {"--student", OPT_STRING, &a.student},
                                   {"--format", OPT_STRING, &a.format},
                                   {"--table", OPT_STRING, &a.table},
                                   {"--from", OPT_DATE, &a.from},
                                   {"--to", OPT_DATE, &a.to},
                                   {"--niveau", OPT_STRING, &a.niveau},
                                   {"--hoofdgebied", OPT_STRING, &a.hoofdgebied},
                                   {"--deelgebied", OPT_STRING, &a.deelgebied},
                                   {"--output", OPT_STRING, &a.output},
                                   {0}};
    char *pos[1];
    int npos;
    PARSE_OR_RETURN(help, opts, argc, argv, pos, 0, &npos);
    int rc = check_args(help, &a);
    if (rc)
        return rc;
    struct km_db *db;
    struct km_session s;
    if (cli_open(c, DB_OPEN_EXISTING, &db, &s))
        return EXIT_FAIL;
    struct overview_filter f;
    struct overview o;
    memset(&o, 0, sizeof o);
    rc = resolve_filter(&s, &a, &f);
    if (rc == EXIT_OK)
        rc = load_overview(&s, &a, &f, &o);
    if (rc == EXIT_OK)
        rc = write_to(&o, &a, &f);
    overview_free(&o);
    db_close(db);
    return rc;
}
