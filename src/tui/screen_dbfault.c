/* The database file is damaged, or was deleted or replaced while this session worked: nothing is saved any more
 * (core refuses every write). Shown once, over whatever was open; the person may go back and look (Esc), or leave
 * (F10). Opening the file now at the path is the beheerder's word: offered only in a beheerder's session. */
#include <stdlib.h>

#include "core/access.h"
#include "core/db.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/screens.h"

struct dbfault_screen {
    struct screen base;
    bool may_reopen;
};

static const enum action dbfault_actions[] = {A_SELECT, A_BACK, A_QUIT, ACT_NONE};

static const struct action_words dbfault_words[] = {
    {A_SELECT, N_("nieuw bestand openen"),
     N_("Opent het bestand dat nu op de plaats van de database staat en gaat "
        "terug naar het inlogscherm (alleen de beheerder).")},
    {A_BACK, N_("verder kijken"), N_("Terug naar het vorige scherm: lezen kan, maar niets wordt opgeslagen.")},
    {ACT_NONE, NULL, NULL},
};

static const struct action_words *dbfault_words_now(const struct screen *s, enum action act)
{
    static const struct action_words hidden = {A_SELECT, "", NULL};
    return act == A_SELECT && !((const struct dbfault_screen *)s)->may_reopen ? &hidden : NULL;
}

static void dbfault_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct dbfault_screen *f = (struct dbfault_screen *)s;
    char why[700];
    dbfault_sentence(db_fault(a->db), db_path(a->db), why, sizeof why);
    int y = top + 1;
    y += draw_wrapped(stdscr, y, 2, width - 4, h / 2, why, TR_ERROR) + 1;
    const char *what =
        f->may_reopen
            ? _("Zet eerst het goede bestand op zijn plaats (doc/deploy.md, Restore), met het oude -wal- en "
                "-shm-bestand "
                "opzij; kies dan Enter. Iedereen anders sluit af en begint opnieuw.")
            : _("Je kunt nog kijken (Esc), maar wat je nu doet wordt niet opgeslagen. Waarschuw de beheerder; sluit af "
                "(F10) en begin opnieuw als die zegt dat het weer kan.");
    if (y < top + h)
        draw_wrapped(stdscr, y, 2, width - 4, top + h - y, what, TR_NORMAL);
}

static int dbfault_on_action(struct screen *s, struct app *a, enum action act)
{
    struct dbfault_screen *f = (struct dbfault_screen *)s;
    switch (act) {
    case A_SELECT:
        if (f->may_reopen)
            app_reopen(a); /* on success every screen closes, this one too */
        return R_DRAW;
    case A_BACK:
        return R_POP;
    case A_QUIT:
        return R_QUIT;
    default:
        return R_NONE;
    }
}

static void dbfault_destroy(struct screen *s) { free(s); }

static const struct screen_ops dbfault_ops = {
    .draw = dbfault_draw,
    .on_action = dbfault_on_action,
    .destroy = dbfault_destroy,
    .words_now = dbfault_words_now,
};

struct screen *dbfault_screen_new(struct app *a)
{
    struct dbfault_screen *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->base.ops = &dbfault_ops;
    f->base.actions = dbfault_actions;
    f->base.words = dbfault_words;
    snprintf(f->base.title, sizeof f->base.title, "%s", _("DATABASE: NIETS WORDT OPGESLAGEN"));
    f->may_reopen = a->logged_in && a->session.role == ROLE_BEHEERDER;
    return &f->base;
}
