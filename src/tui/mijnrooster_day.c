/* MIJNROOSTER: the day view (the full text of each lesson; a student's own goals beside or under it). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/dates.h"
#include "core/groups.h"
#include "core/hours.h"
#include "core/planner.h"
#include "core/planning.h"
#include "core/rooms.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/users.h"
#include "core/vec.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/mijnrooster_common.h"

#define PANEL_SIDE_MIN 110 /* from this terminal width on, the student's own goals stand beside the day */
#define MAX_GOAL_LINES 6   /* per lesson in the day view; more are summed up on one line */

/* ---- the day view ---- */

static int goal_lines(const struct day_item *it)
{
    if (!it->have)
        return 0;
    return it->d.ngoals <= MAX_GOAL_LINES ? it->d.ngoals : MAX_GOAL_LINES;
}

/* The lines of the lessons area, in order, with an empty line between lessons when gaps; returns how many
 * (out may be NULL to count). */
static int day_lines(const struct rooster *r, struct dline *out, bool gaps)
{
    int n = 0;
    for (int i = 0; i < r->nitems; i++) {
        const struct day_item *it = &r->items[i];
        if (gaps && i > 0) {
            if (out)
                out[n] = (struct dline){i - 1, DL_GAP, 0};
            n++;
        }
        if (out)
            out[n] = (struct dline){i, DL_HEAD, 0};
        n++;
        if (out)
            out[n] = (struct dline){i, DL_WHO, 0};
        n++;
        int gl = goal_lines(it);
        for (int k = 0; k < gl; k++) {
            if (out)
                out[n] = (struct dline){i, DL_GOAL, k};
            n++;
        }
        if (it->have && it->d.ngoals > gl) {
            if (out)
                out[n] = (struct dline){i, DL_MORE, 0};
            n++;
        }
        if (it->have && *it->d.note) {
            if (out)
                out[n] = (struct dline){i, DL_NOTE, 0};
            n++;
        }
        if (it->have && *it->d.pupil_note) {
            if (out)
                out[n] = (struct dline){i, DL_PUPIL, 0};
            n++;
        }
    }
    return n;
}

/* "○ B" for a status id; "–" when none yet. */
static void status_text(const struct rooster *r, int64_t id, bool with_label, char *out, size_t len)
{
    const struct km_status_value *v = status_scale_find(&r->scale, id);
    if (!v)
        snprintf(out, len, "%s", with_label ? _("– nog geen status") : "–  ");
    else if (with_label)
        snprintf(out, len, "%s %s %s", v->glyph, v->letter, v->label);
    else
        snprintf(out, len, "%s %s", v->glyph, v->letter);
}

static enum theme_role status_role(const struct rooster *r, int64_t id)
{
    const struct km_status_value *v = status_scale_find(&r->scale, id);
    return v ? theme_role_by_name(v->colour_role) : TR_DIM;
}

#define INDENT 14 /* "08:30–09:30  " and a marker */

static void draw_dline(const struct rooster *r, const struct dline *dl, int y, int x, int w)
{
    const struct day_item *it = &r->items[dl->item];
    const struct planned_lesson *l = &r->week.lessons[it->lesson];
    if (dl->kind == DL_GAP)
        return;
    bool sel = dl->item == r->dcur;
    bool now = is_now(r, l);
    enum theme_role base = sel ? TR_SELECTED : TR_NORMAL;
    char buf[1024], t0[8], t1[8];
    draw_text(stdscr, y, x, w, "", base);
    switch (dl->kind) {
    case DL_HEAD: {
        hours_format(l->start_min, t0);
        hours_format(l->end_min, t1);
        snprintf(buf, sizeof buf, "%s–%s", t0, t1);
        draw_text_raw(stdscr, y, x, 12, buf, sel ? TR_SELECTED : now ? TR_NOW : TR_GRID_HEADER);
        int rw = text_width(l->room);
        const char *room = *l->room ? l->room : "";
        int sx = x + INDENT;
        int sw = w - INDENT - (rw ? rw + 2 : 0);
        if (now)
            draw_text_raw(stdscr, y, x + 11, 3, " »", sel ? TR_SELECTED : TR_NOW);
        draw_text(stdscr, y, sx, sw, *l->subject ? l->subject : _("(les)"), sel ? TR_SELECTED : TR_TITLE);
        if (rw && sw > 8)
            draw_text_raw(stdscr, y, x + w - rw, rw, room, base);
        else if (rw)
            draw_text(stdscr, y, sx, w - INDENT, room, base);
        break;
    }
    case DL_WHO: {
        if (now)
            draw_text_raw(stdscr, y, x, INDENT, _("» nu"), sel ? TR_SELECTED : TR_NOW);
        snprintf(buf, sizeof buf, "%s%s%s", l->groups, *l->groups && *l->teacher ? " · " : "", l->teacher);
        if (!it->have || (it->d.ngoals == 0 && !*it->d.note && !*it->d.pupil_note)) {
            char extra[64] = "";
            if (it->have)
                snprintf(extra, sizeof extra, "%s", _("  (nog niets gepland)"));
            strbuf_appendf(buf, sizeof buf, "%s", extra);
        }
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        break;
    }
    case DL_GOAL: {
        const struct planning_goal *g = &it->d.goals[dl->goal];
        if (r->subj.student) {
            char st[64];
            status_text(r, g->own_status, false, st, sizeof st);
            draw_text_raw(stdscr, y, x + INDENT, 4, st, sel ? TR_SELECTED : status_role(r, g->own_status));
            snprintf(buf, sizeof buf, "%s", g->title);
            draw_text(stdscr, y, x + INDENT + 4, w - INDENT - 4, buf, base);
        } else {
            snprintf(buf, sizeof buf, "◆ %s  %s", g->code, g->title);
            draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        }
        break;
    }
    case DL_MORE:
        snprintf(buf, sizeof buf, _("◆ en nog %d (Enter: open de les)"), it->d.ngoals - goal_lines(it));
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, sel ? TR_SELECTED : TR_DIM);
        break;
    case DL_NOTE: /* ✎ the note (staff only), ✉ the line for the class */
    case DL_PUPIL: {
        const char *text = dl->kind == DL_NOTE ? it->d.note : it->d.pupil_note;
        char first[512];
        size_t n = strcspn(text, "\n");
        snprintf(first, sizeof first, "%.*s", (int)(n < sizeof first ? n : sizeof first - 1), text);
        snprintf(buf, sizeof buf, "%s %s%s", dl->kind == DL_NOTE ? "✎" : "✉", first, text[n] ? " …" : "");
        draw_text(stdscr, y, x + INDENT, w - INDENT, buf, base);
        break;
    }
    case DL_GAP:
        break;
    }
}

static void draw_own_panel(struct rooster *r, int y, int x, int h, int w)
{
    char title[200], a0[16], a1[16];
    date_short(r->own_from, a0, sizeof a0);
    int64_t last = r->ncols ? r->monday + r->wd[r->ncols - 1] - 1 : r->own_to;
    date_short(last < r->own_to ? last : r->own_to, a1, sizeof a1);
    if (r->subj.student == r->app->session.user_id)
        snprintf(title, sizeof title, _("Hier kan ik zelf aan werken (%d) · %s t/m %s"), r->nown, a0, a1);
    else
        snprintf(title, sizeof title, _("Hier kan %s zelf aan werken (%d) · %s t/m %s"), r->subj.name, r->nown, a0, a1);
    draw_text(stdscr, y, x, w, title, TR_TITLE);
    int rows = h - 1;
    r->panel_h = rows;
    if (rows <= 0)
        return;
    if (r->nown == 0) {
        draw_text(stdscr, y + 1, x + 2, w - 2, _("Niets open: alles beheerst, of er is nog niets gepland."), TR_DIM);
        return;
    }
    int sel = r->dcur - r->nitems;
    if (sel >= 0) {
        if (sel < r->ptop)
            r->ptop = sel;
        if (sel >= r->ptop + rows)
            r->ptop = sel - rows + 1;
    }
    if (r->ptop > r->nown - rows)
        r->ptop = r->nown - rows;
    if (r->ptop < 0)
        r->ptop = 0;
    for (int k = 0; k < rows && r->ptop + k < r->nown; k++) {
        int i = r->ptop + k;
        const struct planning_goal *g = &r->own[i];
        bool s = i == sel;
        enum theme_role base = s ? TR_SELECTED : TR_NORMAL;
        char st[64], line[600];
        draw_text(stdscr, y + 1 + k, x, w, "", base);
        status_text(r, g->own_status, false, st, sizeof st);
        draw_text_raw(stdscr, y + 1 + k, x + 2, 4, st, s ? TR_SELECTED : status_role(r, g->own_status));
        if (w >= 70)
            snprintf(line, sizeof line, "%s  (%s)", g->title, g->area);
        else
            snprintf(line, sizeof line, "%s", g->title);
        draw_text(stdscr, y + 1 + k, x + 6, w - 6, line, base);
    }
    if (r->ptop + rows < r->nown)
        draw_text_raw(stdscr, y, x + w - 2, 2, "↓", TR_TITLE);
}

static void draw_day_strip(const struct rooster *r, int y, int width)
{
    draw_fill(stdscr, y, 0, 1, width, TR_NORMAL);
    int x = 1;
    for (int c = 0; c < r->ncols; c++) {
        int64_t day = r->monday + r->wd[c] - 1;
        char ds[16], text[64];
        date_short(day, ds, sizeof ds);
        snprintf(text, sizeof text, " %s%s %s ", day == r->today ? "▼" : "", _(dates_day_short(r->wd[c])), ds);
        int tw = text_width(text);
        if (x + tw >= width)
            break;
        enum theme_role role = day == r->day ? TR_SELECTED : day == r->today ? TR_TODAY : TR_DIM;
        x += draw_text_raw(stdscr, y, x, tw, text, role) + 1;
    }
    /* a day that is not a column (a closed day reached by a date) still says what it is */
    if (!weekday_shown(r, dates_weekday(r->day))) {
        char d[80];
        date_long(r->day, d, sizeof d);
        draw_text_raw(stdscr, y, x + 1, width - x - 2, d, TR_SELECTED);
    }
}

/* Where each lesson's lines start and end (its gap before the next not counted). */
static void lesson_spans(const struct dline *lines, int need, int nitems, int *start, int *end)
{
    for (int i = 0; i < nitems; i++)
        start[i] = end[i] = 0;
    for (int k = 0; k < need; k++)
        if (lines[k].kind != DL_GAP) {
            if (lines[k].kind == DL_HEAD)
                start[lines[k].item] = k;
            end[lines[k].item] = k + 1;
        }
}

/* The first lesson shown: whole lessons only, the chosen one among them (unless it alone is taller than rows). */
static int first_lesson(const struct rooster *r, const int *start, const int *end, int rows)
{
    int f = 0;
    while (f + 1 < r->nitems && start[f + 1] <= r->dtop) /* the lesson the last scroll position was in */
        f++;
    int sel = r->dcur < r->nitems ? r->dcur : -1;
    if (sel >= 0 && sel < f)
        f = sel;
    while (sel >= 0 && f < sel && end[sel] - start[f] > rows)
        f++;
    return f;
}

/* How many lessons from f fit whole in rows lines (at least one, cut only when it alone is taller). */
static int lessons_that_fit(const struct rooster *r, const int *start, const int *end, int f, int rows)
{
    int n = 1;
    while (f + n < r->nitems && end[f + n] - start[f] <= rows)
        n++;
    return n;
}

/* The day's lessons, whole: never the bottom of one lesson at the top or the top of one at the bottom. What is out
 * of sight is said above ("↑ 2 lessen eerder", on the empty row under the days) and below ("↓ nog 1 les", on the
 * row under the lessons), each on its own row. own_row: the area has no empty row of its own below it. */
static void draw_lessons(struct rooster *r, const struct dline *lines, int need, int top, int y, int lw, int lh,
                         bool own_row)
{
    int *start = malloc((size_t)r->nitems * 2 * sizeof *start);
    if (!start)
        return;
    int *end = start + r->nitems;
    lesson_spans(lines, need, r->nitems, start, end);
    int rows = lh, f = first_lesson(r, start, end, rows), n = lessons_that_fit(r, start, end, f, rows);
    if (own_row && f + n < r->nitems && lh > 1) { /* the "↓" takes the last row */
        rows = lh - 1;
        f = first_lesson(r, start, end, rows);
        n = lessons_that_fit(r, start, end, f, rows);
    }
    r->dtop = start[f];
    int last = end[f + n - 1];
    for (int k = start[f]; k < last && k - start[f] < rows; k++)
        draw_dline(r, &lines[k], y + k - start[f], 1, lw);
    int above = f, below = r->nitems - f - n;
    char more[120] = "";
    if (above) {
        snprintf(more, sizeof more, ngettext("↑ %d les eerder", "↑ %d lessen eerder", (unsigned long)above), above);
        draw_text_raw(stdscr, top + 1, 1 + lw - text_width(more), lw, more, TR_DIM);
    }
    if (below) {
        snprintf(more, sizeof more, ngettext("↓ nog %d les", "↓ nog %d lessen", (unsigned long)below), below);
        draw_text_raw(stdscr, y + (own_row ? rows : lh), 1 + lw - text_width(more), lw, more, TR_DIM);
    }
    free(start);
}

void draw_day(struct rooster *r, int top, int h, int width)
{
    draw_day_strip(r, top, width);
    int y = top + 2, avail = h - 2;
    bool panel = r->subj.student != 0;
    bool side = panel && width >= PANEL_SIDE_MIN;
    int lw = side ? width * 3 / 5 - 3 : width - 2;
    int avail_lessons = side || !panel ? avail : avail - 1 - (1 + (r->nown ? r->nown : 1));
    bool gaps = day_lines(r, NULL, true) <= avail_lessons;
    int need = day_lines(r, NULL, gaps);
    int lh = avail;
    if (panel && !side) {
        int pneed = 1 + (r->nown ? r->nown : 1);
        if (need + 1 + pneed <= avail)
            lh = need > 0 ? need : 1;
        else {
            int ph = pneed < (avail / 3 > 4 ? avail / 3 : 4) ? pneed : (avail / 3 > 4 ? avail / 3 : 4);
            lh = avail - ph - 1;
            if (lh < 3)
                lh = 3;
        }
    }
    r->dlines_h = lh;
    struct dline *lines = malloc((size_t)(need ? need : 1) * sizeof *lines);
    if (!lines)
        return;
    day_lines(r, lines, gaps);
    if (r->nitems <= 0) { /* never negative; said so, for the analyzer of draw_lessons */
        draw_text(stdscr, y, 2, lw,
                  weekday_shown(r, dates_weekday(r->day)) ? _("Geen lessen op deze dag.")
                                                          : _("Geen lessen: de school is dicht."),
                  TR_DIM);
    } else {
        draw_lessons(r, lines, need, top, y, lw, lh, !(panel && !side));
    }
    free(lines);
    if (side) {
        int px = width * 3 / 5;
        for (int k = 0; k < avail; k++)
            draw_text_raw(stdscr, y + k, px - 1, 1, "│", TR_DIM);
        draw_own_panel(r, y, px + 1, avail, width - px - 2);
    } else if (panel) {
        int py = y + (r->nitems ? lh : 1) + 1;
        draw_own_panel(r, py, 1, top + h - py, width - 2);
    }
}
