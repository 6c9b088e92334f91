/* The weektaak as printable HTML: one A4 page per student, nothing loaded from outside (no fonts, scripts or
 * images), every string from data escaped. A browser prints it (Ctrl+P, A4); the page breaks come from the
 * print CSS. The font size is chosen per page from an estimate of its lines, so that a busy week still fits
 * on one sheet; the estimate errs on the safe side (wide average letters, every line wrapped early). */
#include <stdio.h>
#include <string.h>

#include "core/dates.h"
#include "core/hours.h"
#include "core/html.h"
#include "core/text.h"
#include "core/weekplan.h"

/* A4 portrait with 12 mm margins: 186 x 273 mm to write on; the estimate may use BODY_MM of it. */
#define BODY_MM 250.0
#define PT_MM 0.3528
#define LINE 1.3        /* line height, in font sizes */
#define CHAR_EM 0.56    /* average letter width, in font sizes: wider than DejaVu Sans' lower case */
#define DAY_COL_MM 30.0 /* the day's name and date */
#define LESSON_MM 150.0 /* 186 - the day column - padding */
#define GOAL_MM 144.0   /* a goal, indented under its lesson */
#define OWN_MM 82.0     /* one of the two columns of "hier kan ik zelf aan werken", less the box */
#define PT_MAX 11.0
#define PT_MIN 6.0

static const char style[] =
    "@page{size:A4 portrait;margin:12mm}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font-family:'DejaVu Sans',Verdana,sans-serif;color:#000;background:#fff;line-height:1.3}\n"
    ".page{break-after:page;page-break-after:always;overflow-wrap:anywhere}\n"
    ".page:last-child{break-after:auto;page-break-after:auto}\n"
    ".top{display:flex;justify-content:space-between;gap:1em;font-size:.9em;border-bottom:1px solid #000}\n"
    "h1{font-size:1.6em;margin:.3em 0 0;line-height:1.2}\n"
    ".group{margin:0 0 .5em}\n"
    "table{width:100%;border-collapse:collapse}\n"
    "th,td{border:1px solid #777;padding:.15em .4em;text-align:left;vertical-align:top}\n"
    "th{width:30mm;font-weight:bold}th span{display:block;font-weight:normal}\n"
    ".lesson{margin:0}.lesson+.lesson{margin-top:.15em}.time{font-variant-numeric:tabular-nums}\n"
    ".room{color:#333}\n"
    "ul{margin:0;padding-left:1.2em}\n"
    "h2{font-size:1.2em;margin:.6em 0 .2em;line-height:1.2}\n"
    "ul.own{list-style:none;padding:0;columns:2;column-gap:6mm}\n"
    "ul.own li{break-inside:avoid;padding-left:1.5em;text-indent:-1.5em}\n"
    ".box{display:inline-block;width:.9em;height:.9em;border:1.5px solid #000;margin-right:.6em;"
    "vertical-align:-.1em}\n"
    ".more,.none{font-style:italic}\n"
    "@media screen{body{background:#ddd}.page{width:210mm;min-height:297mm;margin:1em auto;padding:12mm;"
    "background:#fff}}\n";

/* How many lines text of this many columns takes in a box width_mm wide at pt points, wrapped early. */
static int lines_for(const char *text, double width_mm, double pt)
{
    int per_line = (int)(width_mm / (CHAR_EM * pt * PT_MM));
    int w = text_width(text) + 1;
    return per_line < 1 ? w : (w + per_line - 1) / per_line;
}

static int shown(int n, int max) { return n <= max ? n : max + 1; /* the last line says "en nog N" */ }

/* The page in lines of the body font: header, one row per open day, the own goals in two columns. */
static double page_lines(const struct weekplan *w, const struct weekplan_student *st, double pt, int max_goals,
                         int max_own)
{
    double lines = 6.0; /* school and week, the title at 1.6, the group, the gap */
    for (int d = 1; d <= 7; d++) {
        if (!w->open[d])
            continue;
        int day = 0;
        for (int i = 0; i < w->nlessons; i++) {
            const struct weekplan_lesson *l = &w->lessons[i];
            if (l->weekday != d)
                continue;
            char head[600];
            snprintf(head, sizeof head, "00:00-00:00 %s %s", l->subject, l->room);
            day += lines_for(head, LESSON_MM, pt);
            for (int g = 0; g < shown(l->ngoals, max_goals); g++)
                day += g < l->ngoals && g < max_goals ? lines_for(l->goals[g], GOAL_MM, pt) : 1;
        }
        lines += (day > 2 ? day : 2) + 0.5; /* a day's name and date take two lines; padding and border */
    }
    lines += 3.0; /* the heading of the own goals at 1.2 and its gap */
    int rows = 0, n = shown(st->nown, max_own);
    for (int i = 0; i < n; i += 2) {
        int a = i < st->nown && i < max_own ? lines_for(st->own[i], OWN_MM, pt) : 1;
        int b = i + 1 >= n ? 0 : i + 1 < st->nown && i + 1 < max_own ? lines_for(st->own[i + 1], OWN_MM, pt) : 1;
        rows += a > b ? a : b;
    }
    return lines + (rows ? rows : 1);
}

static bool fits(const struct weekplan *w, const struct weekplan_student *st, double pt, int max_goals, int max_own)
{
    return page_lines(w, st, pt, max_goals, max_own) * pt * PT_MM * LINE <= BODY_MM;
}

struct weekplan_fit weekplan_fit(const struct weekplan *w, const struct weekplan_student *st)
{
    /* Everything, as large as fits; then fewer goals per lesson and fewer own goals, at the smallest size. */
    static const int caps[][2] = {{1000, 1000}, {4, 40}, {3, 30}, {2, 20}, {1, 12}, {0, 6}};
    for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++)
        for (double pt = c ? PT_MIN : PT_MAX; pt >= PT_MIN; pt -= 0.5)
            if (fits(w, st, pt, caps[c][0], caps[c][1]))
                return (struct weekplan_fit){pt, caps[c][0], caps[c][1]};
    return (struct weekplan_fit){PT_MIN, 0, 0};
}

/* "week 50 · 7 t/m 11 december 2026" */
static void week_text(const struct weekplan *w, char *out, size_t len)
{
    int64_t monday = 0, last;
    if (!dates_parse(w->monday, &monday)) {
        snprintf(out, len, "week %d", w->iso_week);
        return;
    }
    last = monday + 4;
    for (int d = 6; d <= 7; d++)
        if (w->open[d])
            last = monday + d - 1;
    char a[11], b[11];
    dates_format(monday, a);
    dates_format(last, b);
    int ya, ma, da, yb, mb, db;
    if (sscanf(a, "%d-%d-%d", &ya, &ma, &da) != 3 || sscanf(b, "%d-%d-%d", &yb, &mb, &db) != 3 || ma < 1 || ma > 12 ||
        mb < 1 || mb > 12) {
        snprintf(out, len, "week %d", w->iso_week);
        return;
    }
    if (ma == mb)
        snprintf(out, len, "week %d · %d t/m %d %s %d", w->iso_week, da, db, dates_month_name(mb), yb);
    else if (ya == yb)
        snprintf(out, len, "week %d · %d %s t/m %d %s %d", w->iso_week, da, dates_month_name(ma), db,
                 dates_month_name(mb), yb);
    else
        snprintf(out, len, "week %d · %d %s %d t/m %d %s %d", w->iso_week, da, dates_month_name(ma), ya, db,
                 dates_month_name(mb), yb);
}

static void write_lesson(FILE *f, const struct weekplan_lesson *l, int max_goals)
{
    char from[6], to[6];
    hours_format(l->start_min, from);
    hours_format(l->end_min, to);
    fprintf(f, "<div class=\"lesson\"><span class=\"time\">%s–%s</span> <b>", from, to);
    html_text(f, *l->subject ? l->subject : "les");
    fputs("</b>", f);
    if (*l->room) {
        fputs(" <span class=\"room\">", f);
        html_text(f, l->room);
        fputs("</span>", f);
    }
    if (l->ngoals) {
        fputs("<ul>", f);
        for (int g = 0; g < l->ngoals && g < max_goals; g++) {
            fputs("<li>", f);
            html_text(f, l->goals[g]);
            fputs("</li>", f);
        }
        if (l->ngoals > max_goals)
            fprintf(f, "<li class=\"more\">en nog %d</li>", l->ngoals - max_goals);
        fputs("</ul>", f);
    }
    fputs("</div>\n", f);
}

static void write_days(FILE *f, const struct weekplan *w, int max_goals)
{
    int64_t monday = 0;
    dates_parse(w->monday, &monday);
    fputs("<table>\n", f);
    for (int d = 1; d <= 7; d++) {
        if (!w->open[d])
            continue;
        char date[11];
        int y, m, day;
        dates_format(monday + d - 1, date);
        if (sscanf(date, "%d-%d-%d", &y, &m, &day) != 3 || m < 1 || m > 12)
            m = day = 0;
        fprintf(f, "<tr><th>%s<span>%d %s</span></th><td>\n", hours_day_name(d), day, dates_month_name(m));
        int n = 0;
        for (int i = 0; i < w->nlessons; i++)
            if (w->lessons[i].weekday == d) {
                write_lesson(f, &w->lessons[i], max_goals);
                n++;
            }
        if (!n)
            fputs("<span class=\"none\">geen lessen</span>\n", f);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void write_own(FILE *f, const struct weekplan_student *st, int max_own)
{
    fputs("<h2>Hier kan ik zelf aan werken</h2>\n", f);
    if (!st->nown) {
        fputs("<p class=\"none\">Deze week staat er niets voor je open.</p>\n", f);
        return;
    }
    fputs("<ul class=\"own\">\n", f);
    for (int i = 0; i < st->nown && i < max_own; i++) {
        fputs("<li><span class=\"box\"></span>", f);
        html_text(f, st->own[i]);
        fputs("</li>\n", f);
    }
    if (st->nown > max_own)
        fprintf(f, "<li class=\"more\">en nog %d</li>\n", st->nown - max_own);
    fputs("</ul>\n", f);
}

static void write_page(FILE *f, const struct weekplan *w, const struct weekplan_student *st, const char *week)
{
    struct weekplan_fit fit = weekplan_fit(w, st);
    fprintf(f, "<section class=\"page\" style=\"font-size:%.1fpt\">\n<div class=\"top\"><span>", fit.pt);
    html_text(f, w->school);
    fputs("</span><span>", f);
    html_text(f, week);
    fputs("</span></div>\n<h1>Weektaak van ", f);
    html_text(f, st->name);
    fputs("</h1>\n<p class=\"group\">", f);
    html_text(f, w->group);
    fputs("</p>\n", f);
    write_days(f, w, fit.max_goals);
    write_own(f, st, fit.max_own);
    fputs("</section>\n", f);
}

enum km_rc weekplan_html(FILE *f, const struct weekplan *w)
{
    char week[160];
    week_text(w, week, sizeof week);
    fputs("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>Weektaak ", f);
    html_text(f, w->group);
    fprintf(f, " — week %d</title>\n<style>\n%s</style>\n</head>\n<body>\n", w->iso_week, style);
    for (int i = 0; i < w->nstudents; i++)
        write_page(f, w, &w->students[i], week);
    if (!w->nstudents) {
        fputs("<section class=\"page\"><h1>Weektaak ", f);
        html_text(f, w->group);
        fputs("</h1><p class=\"none\">Deze groep heeft geen (actieve) leerlingen.</p></section>\n", f);
    }
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? KM_ERR : KM_OK;
}
