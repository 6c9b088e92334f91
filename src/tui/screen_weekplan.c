/* The weektaak from the week screen: the teacher chooses one of their groups (or has only one), and the sheet
 * (one A4 page per student, see core/weekplan.h) is written as HTML into the configured export_dir under a
 * name made here, never one typed in the screens; the message says where, for the browser to print. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/groups.h"
#include "core/text.h"
#include "core/weekplan.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/screens.h"

/* export_dir/weektaak-groep-5a-2026-W50.html, written to a new file beside it and renamed onto the name, so a
 * browser never sees half a sheet. */
static bool write_sheet(struct app *a, const struct weekplan *w, char path[4200], size_t len)
{
    char name[64], tmp[4300];
    text_fold_ascii(w->group, '-', name, sizeof name);
    snprintf(path, len, "%.4000s/weektaak-%.63s-%04d-W%02d.html", a->cfg->export_dir, *name ? name : "groep",
             w->iso_year % 10000, w->iso_week % 100);
    snprintf(tmp, sizeof tmp, "%.4000s/.weektaak-%.63s.%ld.tmp", a->cfg->export_dir, *name ? name : "groep",
             (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    bool ok = weekplan_html(f, w) == KM_OK;
    ok = fclose(f) == 0 && ok;
    if (ok && rename(tmp, path) == 0)
        return true;
    unlink(tmp);
    return false;
}

static int print_group(struct app *a, int64_t group_id, const char *monday)
{
    struct weekplan w;
    if (weekplan_build(&a->session, group_id, monday, &w) != KM_OK) {
        app_core_error(a);
        return R_DRAW;
    }
    char path[4200];
    if (write_sheet(a, &w, path, sizeof path))
        app_message(a, TR_OK, _("Weektaak geschreven (druk af in een browser): %s"), path);
    else
        app_message(a, TR_ERROR, _("Kan de weektaak niet schrijven in %s (export_dir)."), a->cfg->export_dir);
    weekplan_free(&w);
    return R_DRAW;
}

struct weekplan_screen {
    struct screen base;
    struct app *app;
    char monday[11];
    struct km_group_list groups; /* active groups this session may print */
    struct list list;
};

static const enum action weekplan_actions[] = {A_SELECT, A_BACK, A_UP, A_DOWN, A_HOME, A_END, ACT_NONE};

static void group_row(void *ctx, int i, int y, int x, int width, bool selected)
{
    struct weekplan_screen *ws = ctx;
    enum theme_role role = selected ? TR_SELECTED : TR_NORMAL;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x, 2, selected ? "▶" : " ", role);
    draw_text(stdscr, y, x + 2, width - 2, ws->groups.items[i].name, role);
}

static const char *group_text(void *ctx, int i) { return ((struct weekplan_screen *)ctx)->groups.items[i].name; }

static void weekplan_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    (void)a;
    struct weekplan_screen *ws = (struct weekplan_screen *)s;
    draw_text(stdscr, top, 2, width - 4, _("Van welke groep wil je de weektaak (een A4 per leerling)?"), TR_NORMAL);
    list_draw(&ws->list, top + 2, 2, h - 2, width - 4);
}

static int weekplan_action(struct screen *s, struct app *a, enum action act)
{
    struct weekplan_screen *ws = (struct weekplan_screen *)s;
    if (list_move(&ws->list, act))
        return R_DRAW;
    if (act == A_SELECT && ws->groups.n) {
        print_group(a, ws->groups.items[ws->list.cur].id, ws->monday);
        return R_POP;
    }
    return act == A_BACK ? R_POP : R_NONE;
}

static void weekplan_destroy(struct screen *s)
{
    groups_list_free(&((struct weekplan_screen *)s)->groups);
    free(s);
}

static const struct screen_ops weekplan_ops = {
    .draw = weekplan_draw, .on_action = weekplan_action, .destroy = weekplan_destroy};

/* The active groups the session sees: a teacher's are those they teach, the beheerder's all. */
static void printable_groups(struct app *a, struct km_group_list *out)
{
    struct km_group_list all;
    memset(out, 0, sizeof *out);
    if (groups_list(&a->session, NULL, &all) != KM_OK || !(out->items = calloc(all.n + 1, sizeof *out->items))) {
        groups_list_free(&all);
        return;
    }
    for (size_t i = 0; i < all.n; i++)
        if (all.items[i].active) {
            out->items[out->n++] = all.items[i];
            all.items[i].name = NULL; /* moved over */
        }
    groups_list_free(&all);
}

int weekplan_open(struct app *a, const char *monday)
{
    struct weekplan_screen *ws = calloc(1, sizeof *ws);
    if (!ws)
        return R_NONE;
    ws->base.ops = &weekplan_ops;
    ws->base.actions = weekplan_actions;
    ws->app = a;
    snprintf(ws->monday, sizeof ws->monday, "%s", monday);
    snprintf(ws->base.title, sizeof ws->base.title, "MIJNROOSTER › %s", _("weektaak"));
    printable_groups(a, &ws->groups);
    if (ws->groups.n <= 1) { /* nothing to choose */
        int r = ws->groups.n ? print_group(a, ws->groups.items[0].id, monday) : R_NONE;
        if (!ws->groups.n)
            app_message(a, TR_NORMAL, "%s", _("Je hebt geen groep om een weektaak van te maken."));
        weekplan_destroy(&ws->base);
        return r | R_DRAW;
    }
    list_init(&ws->list, group_row, group_text, ws);
    list_set_count(&ws->list, (int)ws->groups.n);
    app_push(a, &ws->base);
    return R_DRAW;
}
