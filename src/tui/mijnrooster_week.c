/* MIJNROOSTER: the week grid (the open days side by side, the lessons by start time down). */
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

#define WIDE_CELL 20 /* from this cell width on, a cell has room for the teacher and words */

/* ---- the week grid ---- */

struct geom week_geom(const struct rooster *r, int h, int width)
{
    struct geom g = {0, 3, 0, 0, false};
    int nc = r->ncols ? r->ncols : 1;
    g.dw = (width - TIME_W - nc) / nc;
    if (g.dw < 4)
        g.dw = 4;
    int avail = h - 1; /* under the day names */
    int want = g.dw >= WIDE_CELL ? 4 : 3;
    int n = r->nrows ? r->nrows : 1;
    bool fit = false;
    for (int L = want; L >= 2 && !fit; L--)
        for (int sep = 1; sep >= 0 && !fit; sep--)
            if (n * (L + sep) - sep <= avail) {
                g.L = L, g.sep = sep, fit = true;
            }
    if (!fit) {
        g.L = want > 3 ? 3 : want;
        g.sep = 0;
    }
    g.vis = (avail + g.sep) / (g.L + g.sep);
    if (g.vis < 1)
        g.vis = 1;
    int used = (g.vis < n ? g.vis : n) * (g.L + g.sep) - g.sep;
    g.legend = fit && used + 1 < avail;
    return g;
}

/* Draws one line of a cell: left text, and right-aligned markers when given. */
static void cell_line(int y, int x, int w, const char *left, const char *right, enum theme_role role)
{
    int rw = right && *right ? text_width(right) : 0;
    if (rw && rw + 2 <= w) {
        draw_text(stdscr, y, x, w - rw - 1, left, role);
        draw_text(stdscr, y, x + w - rw - 1, rw + 1, "", role);
        draw_text_raw(stdscr, y, x + w - rw, rw, right, role);
    } else {
        draw_text(stdscr, y, x, w, left, role);
    }
}

static void markers(const struct planned_lesson *l, bool longform, char *out, size_t len)
{
    char goals[48] = "";
    if (l->goals)
        snprintf(goals, sizeof goals, longform ? "◆ %d" : "◆%d", l->goals);
    snprintf(out, len, "%s%s%s", goals, l->has_note && l->goals ? " " : "", l->has_note ? "✎" : "");
}

/* In a teacher's own week, a lesson another teacher gives (the duo-collega's, to a shared group): its cell names
 * that teacher where the teacher's own lessons name the groups. */
static bool not_own(const struct rooster *r, const struct planned_lesson *l)
{
    return r->subj.kind == SUBJ_PERSON && !r->subj.student && l->teacher_id && l->teacher_id != r->subj.id;
}

static void draw_cell(const struct rooster *r, const struct planned_lesson *l, int y, int x, int w, int L,
                      bool selected)
{
    bool now = l && is_now(r, l);
    /* The cursor is the cell's first line (the subject) in reverse: a move then rewrites two lines, not two
     * whole cells; the lines below keep their own look. */
    enum theme_role role = now ? TR_NOW : TR_NORMAL;
    enum theme_role top = selected ? TR_SELECTED : role;
    if (!l) {
        for (int k = 0; k < L; k++)
            draw_text(stdscr, y + k, x, w, "", k == 0 ? top : TR_NORMAL);
        return;
    }
    char buf[512], subj[256], grp[256], room[128], mark[64], tshort[128];
    int pre = now ? 2 : 0;
    subject_fit(l->subject, w - pre, subj, sizeof subj);
    snprintf(buf, sizeof buf, "%s%s", now ? "» " : "", subj);
    markers(l, false, mark, sizeof mark);
    if (L == 2) {
        draw_text(stdscr, y, x, w, buf, top);
        char both[512];
        if (not_own(r, l))
            teacher_short(l->teacher, grp, sizeof grp);
        else
            groups_fit(l->groups, w, grp, sizeof grp);
        room_fit(l->room, w, room, sizeof room);
        snprintf(both, sizeof both, "%s%s%s", grp, *room ? " " : "", room);
        cell_line(y + 1, x, w, both, mark, role);
        return;
    }
    draw_text(stdscr, y, x, w, buf, top);
    /* the second and third line say what the subject of the week does not already say: a child and a group
     * want to know who gives the lesson, a room which groups come */
    bool who_first = r->subj.student || r->subj.kind == SUBJ_GROUP;
    if (L == 3 && (who_first || not_own(r, l)))
        teacher_short(l->teacher, grp, sizeof grp);
    else
        groups_fit(l->groups, w, grp, sizeof grp);
    draw_text(stdscr, y + 1, x, w, grp, role);
    if (L == 3) {
        int mw = text_width(mark);
        if (r->subj.kind == SUBJ_ROOM)
            teacher_short(l->teacher, room, sizeof room);
        else
            room_fit(l->room, w - (mw ? mw + 1 : 0), room, sizeof room);
        cell_line(y + 2, x, w, room, mark, role);
        return;
    }
    teacher_short(l->teacher, tshort, sizeof tshort);
    snprintf(buf, sizeof buf, "%s%s%s", l->room, *l->room && *tshort ? " · " : "", tshort);
    if (text_width(buf) > w) {
        room_fit(l->room, w / 2, room, sizeof room);
        snprintf(buf, sizeof buf, "%s%s%s", room, *room && *tshort ? " " : "", tshort);
    }
    draw_text(stdscr, y + 2, x, w, buf, role);
    char longmark[96] = "";
    if (l->goals)
        snprintf(longmark, sizeof longmark, ngettext("◆ %d leerdoel", "◆ %d leerdoelen", (unsigned long)l->goals),
                 l->goals);
    if (l->has_note)
        strbuf_appendf(longmark, sizeof longmark, "%s%s", l->goals ? "  " : "", _("✎ notitie"));
    if (text_width(longmark) > w && l->goals) { /* "◆ 2 leerdoelen ✎" */
        longmark[0] = '\0';
        strbuf_appendf(longmark, sizeof longmark, ngettext("◆ %d leerdoel", "◆ %d leerdoelen", (unsigned long)l->goals),
                       l->goals);
        strbuf_appendf(longmark, sizeof longmark, "%s", l->has_note ? " ✎" : "");
    }
    draw_text(stdscr, y + 3, x, w, text_width(longmark) <= w ? longmark : mark, role);
    for (int k = 4; k < L; k++)
        draw_text(stdscr, y + k, x, w, "", role);
}

static void draw_day_header(const struct rooster *r, int c, int y, int x, int w)
{
    int64_t day = r->monday + r->wd[c] - 1;
    bool today = day == r->today;
    char ds[16], text[96];
    date_short(day, ds, sizeof ds);
    snprintf(text, sizeof text, "%s%s %s", today ? "▼ " : "",
             w >= 18 ? _(dates_day_name(r->wd[c])) : _(dates_day_short(r->wd[c])), ds);
    if (today && w >= 24)
        strbuf_appendf(text, sizeof text, "%s", _(" vandaag"));
    draw_text(stdscr, y, x, w, "", today ? TR_TODAY : TR_GRID_HEADER);
    int tw = text_width(text);
    draw_text_raw(stdscr, y, x + (tw < w ? (w - tw) / 2 : 0), w, text, today ? TR_TODAY : TR_GRID_HEADER);
}

void draw_week(struct rooster *r, int top, int h, int width)
{
    struct geom g = week_geom(r, h, width);
    r->vis_rows = g.vis;
    if (r->cur_row < r->top_row)
        r->top_row = r->cur_row;
    if (r->cur_row >= r->top_row + g.vis)
        r->top_row = r->cur_row - g.vis + 1;
    if (r->top_row > r->nrows - g.vis)
        r->top_row = r->nrows - g.vis;
    if (r->top_row < 0)
        r->top_row = 0;
    int x0 = TIME_W;
    /* the day names */
    char arrows[16];
    snprintf(arrows, sizeof arrows, "%s%s", r->top_row > 0 ? "↑" : "", r->top_row + g.vis < r->nrows ? "↓" : "");
    draw_text(stdscr, top, 0, TIME_W, arrows, TR_GRID_HEADER);
    for (int c = 0; c < r->ncols; c++) {
        int x = x0 + c * (g.dw + 1);
        bool today = r->monday + r->wd[c] - 1 == r->today;
        draw_text_raw(stdscr, top, x, 1, "│", today ? TR_TODAY : TR_DIM);
        draw_day_header(r, c, top, x + 1, g.dw);
    }
    if (r->nrows == 0) {
        const char *msg = r->week_ok ? _("Geen lessen in deze week (vakantie, of het rooster is nog niet gemaakt).")
                                     : _("Deze week kan niet worden getoond.");
        draw_center(stdscr, top + h / 2, 0, width, msg, TR_DIM);
        return;
    }
    int y = top + 1;
    for (int row = r->top_row; row < r->nrows && row < r->top_row + g.vis; row++) {
        const struct wrow *w = &r->rows[row];
        if (row > r->top_row && g.sep) {
            draw_hline(stdscr, y, 0, x0 + r->ncols * (g.dw + 1), TR_DIM);
            for (int c = 0; c < r->ncols; c++)
                draw_text_raw(stdscr, y, x0 + c * (g.dw + 1), 1, "┼", TR_DIM);
            y++;
        }
        char t[8];
        for (int k = 0; k < g.L; k++)
            draw_text(stdscr, y + k, 0, TIME_W, "", TR_NORMAL);
        if (w->sub == 0) {
            hours_format(w->start, t);
            draw_text(stdscr, y, 0, TIME_W, t, TR_GRID_HEADER);
            if (w->end >= 0 && g.L >= 2) {
                hours_format(w->end, t);
                draw_text(stdscr, y + 1, 0, TIME_W, t, TR_DIM);
            }
        }
        for (int c = 0; c < r->ncols; c++) {
            int x = x0 + c * (g.dw + 1);
            bool today = r->monday + r->wd[c] - 1 == r->today;
            for (int k = 0; k < g.L; k++)
                draw_text_raw(stdscr, y + k, x, 1, "│", today ? TR_TODAY : TR_DIM);
            draw_cell(r, lesson_at(r, row, c), y, x + 1, g.dw, g.L, row == r->cur_row && c == r->cur_col);
        }
        y += g.L;
    }
    if (g.legend) {
        char keys[32], legend[256];
        keymap_keys_text(&r->app->keys, A_SELECT, 1, keys, sizeof keys);
        snprintf(legend, sizeof legend, _("◆ leerdoelen gepland  ✎ notitie  ▼ vandaag  » nu  ·  %s: open de les"),
                 keys);
        draw_text(stdscr, top + h - 1, 1, width - 2, legend, TR_DIM);
    }
}
