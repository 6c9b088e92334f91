/* One lesson: its note ('e', staff only) or the line for the class ('m') in a small multi-line editor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/children.h"
#include "core/clock.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/drafts.h"
#include "core/hours.h"
#include "core/planning.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/lesson_detail_common.h"

enum efocus { E_TEXT, E_SAVE, E_CANCEL };

struct editor {
    struct screen base;
    struct app *app;
    int64_t id;
    int64_t version;        /* what the teacher's text is based on; core refuses when the lesson changed since */
    enum draft_field field; /* the note (staff-only) or the line for the class */
    size_t max;             /* core's limit for this text */
    bool from_draft;        /* opened with a kept draft: thrown away when this text is, kept when it is kept */
    bool kept, saved;
    char base_note[NOTE_BYTES + 8];
    char buf[NOTE_BYTES + 8];
    size_t len, caret;
    int top;      /* first visual line shown */
    int width;    /* of the text at the last draw */
    int want_col; /* column kept while moving up and down */
    enum efocus focus;
    char header[300];
    char *theirs; /* another's note, saved meanwhile; NULL when none */
    struct span spans[MAX_WRAP];
    int nspans;
};

static const enum action editor_actions[] = {A_SELECT, A_NEXT_FIELD, A_PREV_FIELD, A_BACK,  A_UP,
                                             A_DOWN,   A_LEFT,       A_RIGHT,      A_HOME,  A_END,
                                             A_DELETE, A_PAGE_UP,    A_PAGE_DOWN,  ACT_NONE};

static void editor_layout(struct editor *e)
{
    e->nspans = wrap_text(e->buf, e->width > 2 ? e->width - 1 : 1, e->spans, MAX_WRAP);
}

/* The visual line the caret is on, and its column there. */
static int caret_line(const struct editor *e, int *col)
{
    int line = e->nspans - 1;
    for (int k = 0; k < e->nspans; k++) {
        const struct span *sp = &e->spans[k];
        bool last_of_soft = sp->soft && e->caret == sp->end; /* then it is the start of the next line */
        if (e->caret >= sp->start && e->caret <= sp->end && !last_of_soft) {
            line = k;
            break;
        }
    }
    if (col) {
        char tmp[NOTE_BYTES + 8];
        size_t n = e->caret - e->spans[line].start;
        memcpy(tmp, e->buf + e->spans[line].start, n);
        tmp[n] = '\0';
        *col = text_width(tmp);
    }
    return line;
}

/* The byte in visual line k nearest to column col. */
static size_t offset_at(const struct editor *e, int k, int col)
{
    const struct span *sp = &e->spans[k];
    size_t i = sp->start;
    int c = 0;
    size_t end = sp->soft && sp->end > sp->start ? sp->end - 1 : sp->end; /* not past a wrapped line's last space */
    while (i < end) {
        uint32_t cp;
        int b = text_utf8_decode(e->buf + i, end - i, &cp);
        int w = text_cp_width(cp);
        if (c + w > col)
            break;
        c += w;
        i += (size_t)b;
    }
    return i;
}

static size_t prev_cp(const struct editor *e, size_t at)
{
    if (at == 0)
        return 0;
    at--;
    while (at > 0 && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
        at--;
    return at;
}

static size_t next_cp(const struct editor *e, size_t at)
{
    if (at >= e->len)
        return e->len;
    uint32_t cp;
    return at + (size_t)text_utf8_decode(e->buf + at, e->len - at, &cp);
}

static bool editor_insert(struct editor *e, const char *bytes, size_t n)
{
    if (e->len + n > e->max) {
        if (e->field == DRAFT_NOTE)
            app_message(e->app, TR_WARNING, _("Een notitie heeft hoogstens %zu tekens."), e->max);
        else
            app_message(e->app, TR_WARNING, _("De tekst voor leerlingen en ouders heeft hoogstens %zu tekens."),
                        e->max);
        return false;
    }
    memmove(e->buf + e->caret + n, e->buf + e->caret, e->len - e->caret + 1);
    memcpy(e->buf + e->caret, bytes, n);
    e->len += n;
    e->caret += n;
    return true;
}

static void editor_erase(struct editor *e, size_t from, size_t to)
{
    if (to <= from)
        return;
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->caret = from;
}

static void editor_draw(struct screen *s, struct app *a, int top, int h, int width)
{
    struct editor *e = (struct editor *)s;
    char line[2100];
    int y = top;
    draw_text(stdscr, y++, 2, width - 4, e->header, TR_TITLE);
    /* who reads it, said plainly, above the text */
    if (e->field == DRAFT_PUPIL)
        draw_text(stdscr, y++, 2, width - 4,
                  _("Leerlingen en ouders lezen deze tekst. Schrijf hier niets over één kind."), TR_WARNING);
    else
        draw_text(stdscr, y++, 2, width - 4,
                  _("Alleen voor leerkrachten van deze les, hun duo-collega's en de beheerder."), TR_DIM);
    char enter[32], tab[32], esc[32];
    keymap_keys_text(&a->keys, A_SELECT, 1, enter, sizeof enter);
    keymap_keys_text(&a->keys, A_NEXT_FIELD, 1, tab, sizeof tab);
    keymap_keys_text(&a->keys, A_BACK, 1, esc, sizeof esc);
    line[0] = '\0';
    strbuf_appendf(line, sizeof line, _("%s nieuwe regel · %s naar Opslaan · %s annuleren · %zu/%zu tekens"), enter,
                   tab, esc, e->len, e->max);
    draw_text(stdscr, y++, 2, width - 4, line, TR_DIM);
    /* another's note, when it changed while this one was written */
    int theirs_h = 0;
    if (e->theirs) {
        static struct span sp[MAX_WRAP];
        int n = wrap_text(e->theirs, width - 8, sp, MAX_WRAP);
        theirs_h = (n < 1 ? 1 : n > 4 ? 4 : n) + 1;
        draw_text(stdscr, y, 2, width - 4,
                  _("Intussen door een ander opgeslagen (opslaan vervangt dit door jouw tekst hieronder):"),
                  TR_WARNING);
        if (!*e->theirs)
            draw_text(stdscr, y + 1, 4, width - 8, _("(leeg)"), TR_DIM);
        for (int k = 0; k < n && k < 4; k++) {
            span_copy(e->theirs, sp[k], line, sizeof line);
            if (k == 3 && n > 4)
                strbuf_appendf(line, sizeof line, " …");
            draw_text(stdscr, y + 1 + k, 4, width - 8, line, TR_DIM);
        }
        y += theirs_h;
    }
    /* the text in a box */
    int box_h = top + h - y - 2;
    if (box_h < 3)
        box_h = 3;
    draw_box(stdscr, y, 1, box_h, width - 2, e->field == DRAFT_NOTE ? _("Notitie") : _("Voor leerlingen en ouders"),
             e->focus == E_TEXT ? TR_TITLE : TR_DIM);
    e->width = width - 6;
    editor_layout(e);
    int rows = box_h - 2;
    int col = 0, cl = caret_line(e, &col);
    if (cl < e->top)
        e->top = cl;
    if (cl >= e->top + rows)
        e->top = cl - rows + 1;
    if (e->top > e->nspans - rows)
        e->top = e->nspans - rows > 0 ? e->nspans - rows : 0;
    for (int k = 0; k < rows && e->top + k < e->nspans; k++) {
        const struct span *sp = &e->spans[e->top + k];
        struct span shown = *sp;
        if (shown.soft && shown.end > shown.start && e->buf[shown.end - 1] == ' ')
            shown.end--;
        span_copy(e->buf, shown, line, sizeof line);
        draw_text_raw(stdscr, y + 1 + k, 3, e->width, line, TR_NORMAL);
    }
    if (e->top > 0)
        draw_text_raw(stdscr, y, width - 5, 1, "↑", TR_DIM);
    if (e->top + rows < e->nspans)
        draw_text_raw(stdscr, y + box_h - 1, width - 5, 1, "↓", TR_DIM);
    /* the caret: drawn as a block, so it is seen whatever the terminal does with its own cursor */
    if (e->focus == E_TEXT && cl >= e->top && cl < e->top + rows) {
        char under[8] = " ";
        if (e->caret < e->len && e->buf[e->caret] != '\n') {
            size_t n = next_cp(e, e->caret) - e->caret;
            memcpy(under, e->buf + e->caret, n);
            under[n] = '\0';
        }
        draw_text_raw(stdscr, y + 1 + cl - e->top, 3 + col, 2, under, TR_SELECTED);
        move(y + 1 + cl - e->top, 3 + col);
    }
    /* the buttons */
    int by = y + box_h;
    int bx = 3;
    bx += draw_text_raw(stdscr, by, bx, 20, _("[ Opslaan ]"), e->focus == E_SAVE ? TR_SELECTED : TR_NORMAL) + 2;
    draw_text_raw(stdscr, by, bx, 20, _("[ Annuleren ]"), e->focus == E_CANCEL ? TR_SELECTED : TR_NORMAL);
}

static const char *field_text(const struct lesson_detail *d, enum draft_field f)
{
    return f == DRAFT_NOTE ? d->note : d->pupil_note;
}

static void editor_reread(struct editor *e, bool take_version)
{
    struct lesson_detail d;
    if (planning_lesson(&e->app->session, e->id, 0, &d) != KM_OK)
        return;
    const char *now = field_text(&d, e->field);
    if (strcmp(now, e->base_note) != 0) {
        free(e->theirs);
        e->theirs = strdup(now);
    }
    if (take_version) {
        e->version = d.version;
        snprintf(e->base_note, sizeof e->base_note, "%s", now);
    }
    planning_lesson_free(&d);
}

static int editor_save(struct editor *e, struct app *a)
{
    enum km_rc rc = e->field == DRAFT_NOTE ? planning_set_note(&a->session, e->id, e->buf, e->version)
                                           : planning_set_pupil_note(&a->session, e->id, e->buf, e->version);
    if (rc == KM_OK) {
        /* saved (core dropped the draft with it): nothing is unsaved any more, so closing asks nothing */
        snprintf(e->base_note, sizeof e->base_note, "%s", e->buf);
        e->saved = true;
        app_message(a, TR_OK, "%s",
                    e->field == DRAFT_NOTE ? _("De notitie is opgeslagen.")
                                           : _("De tekst voor de klas is opgeslagen."));
        return R_POP;
    }
    app_core_error(a);
    if (rc == KM_CONFLICT) {
        /* the other's text is now shown above this one; saving again is a choice made knowing it */
        char base[NOTE_BYTES + 8];
        snprintf(base, sizeof base, "%s", e->base_note);
        editor_reread(e, true);
        if (e->theirs && strcmp(e->theirs, base) == 0) { /* only the goals changed: the text is as it was */
            free(e->theirs);
            e->theirs = NULL;
        }
        e->focus = E_TEXT;
    }
    return R_DRAW;
}

static bool changed(const struct editor *e) { return strcmp(e->buf, e->base_note) != 0; }

/* The app asks before this text is thrown away by any way out (Esc, Annuleren, F10, logging out). */
static const char *editor_unsaved(const struct screen *s)
{
    const struct editor *e = (const struct editor *)s;
    if (!changed(e))
        return NULL;
    return e->field == DRAFT_NOTE ? _("de notitie") : _("de tekst voor leerlingen en ouders");
}

/* The connection dropped or the session timed out: the text waits as this person's draft for this lesson. */
static void editor_keep_draft(struct screen *s, struct app *a)
{
    struct editor *e = (struct editor *)s;
    e->kept = drafts_keep(&a->session, e->id, e->field, e->buf, e->version) == KM_OK;
}

static void vertical(struct editor *e, int lines)
{
    int col = 0, cl = caret_line(e, &col);
    if (e->want_col < 0)
        e->want_col = col;
    int k = cl + lines;
    if (k < 0) {
        e->caret = 0;
        return;
    }
    if (k >= e->nspans) {
        e->caret = e->len;
        return;
    }
    e->caret = offset_at(e, k, e->want_col);
}

/* Enter is a new line in the text, and the button's own word on a button. */
static const struct action_words *editor_words(const struct screen *s, enum action act)
{
    static const struct action_words words[] = {
        {A_NEXT_FIELD, N_("volgende"), N_("Ga van de tekst naar Opslaan en Annuleren, en weer terug.")},
        {A_PREV_FIELD, N_("vorige"), N_("Ga terug: van Annuleren naar Opslaan naar de tekst.")},
        {A_BACK, N_("annuleren"), N_("Sluit de notitie zonder op te slaan.")},
        {A_DELETE, N_("wis teken"), N_("Wis het teken op de cursor.")},
        {ACT_NONE, NULL, NULL},
    };
    static const struct action_words enter[] = {
        {A_SELECT, N_("nieuwe regel"), N_("Begin een nieuwe regel in de notitie.")},
        {A_SELECT, N_("opslaan"), N_("Sla de notitie op.")},
        {A_SELECT, N_("annuleren"), N_("Sluit de notitie zonder op te slaan.")},
    };
    const struct editor *e = (const struct editor *)s;
    return act == A_SELECT ? &enter[e->focus] : action_words_find(words, act);
}

static int editor_action(struct screen *s, struct app *a, enum action act)
{
    struct editor *e = (struct editor *)s;
    if (act == A_BACK)
        return R_POP; /* the app asks first when the text changed */
    if (act == A_NEXT_FIELD || act == A_PREV_FIELD) {
        e->focus = (enum efocus)(((int)e->focus + (act == A_NEXT_FIELD ? 1 : 2)) % 3);
        return R_DRAW;
    }
    if (e->focus != E_TEXT) {
        switch (act) {
        case A_SELECT:
            return e->focus == E_SAVE ? editor_save(e, a) : R_POP;
        case A_LEFT:
        case A_RIGHT:
            e->focus = e->focus == E_SAVE ? E_CANCEL : E_SAVE;
            return R_DRAW;
        case A_UP:
            e->focus = E_TEXT;
            return R_DRAW;
        default:
            return R_NONE;
        }
    }
    if (act != A_UP && act != A_DOWN && act != A_PAGE_UP && act != A_PAGE_DOWN)
        e->want_col = -1;
    int col = 0, cl;
    switch (act) {
    case A_SELECT:
        editor_insert(e, "\n", 1);
        break;
    case A_LEFT:
        e->caret = prev_cp(e, e->caret);
        break;
    case A_RIGHT:
        e->caret = next_cp(e, e->caret);
        break;
    case A_UP:
        vertical(e, -1);
        break;
    case A_DOWN:
        vertical(e, 1);
        break;
    case A_PAGE_UP:
        vertical(e, -5);
        break;
    case A_PAGE_DOWN:
        vertical(e, 5);
        break;
    case A_HOME:
        cl = caret_line(e, &col);
        e->caret = e->spans[cl].start;
        break;
    case A_END:
        cl = caret_line(e, &col);
        e->caret = offset_at(e, cl, 1 << 20);
        break;
    case A_DELETE:
        editor_erase(e, e->caret, next_cp(e, e->caret));
        break;
    default:
        return R_NONE;
    }
    editor_layout(e);
    return R_DRAW;
}

static int editor_text(struct screen *s, struct app *a, wint_t ch)
{
    (void)a;
    struct editor *e = (struct editor *)s;
    if (e->focus != E_TEXT)
        return R_NONE;
    e->want_col = -1;
    if (ch == L'\b') {
        editor_erase(e, prev_cp(e, e->caret), e->caret);
    } else {
        char enc[4];
        int n = text_utf8_encode((uint32_t)ch, enc);
        editor_insert(e, enc, (size_t)n);
    }
    editor_layout(e);
    return R_DRAW;
}

static bool editor_wants_text(const struct screen *s) { return ((const struct editor *)s)->focus == E_TEXT; }

/* Another session saved: warn now, rather than only at Opslaan. The teacher's text stays as it is. */
static void editor_reload(struct screen *s, struct app *a)
{
    struct editor *e = (struct editor *)s;
    bool had = e->theirs != NULL;
    editor_reread(e, false);
    if (e->theirs && !had)
        app_message(a, TR_WARNING, "%s",
                    e->field == DRAFT_NOTE
                        ? _("Let op: iemand anders heeft de notitie van deze les intussen gewijzigd.")
                        : _("Let op: iemand anders heeft de tekst voor de klas intussen gewijzigd."));
}

/* Closing an editor that was opened with a draft, without keeping it again, throws the draft away: the text was
 * saved (core dropped it already) or the person chose to discard it. */
static void editor_destroy(struct screen *s)
{
    struct editor *e = (struct editor *)s;
    if (e->from_draft && !e->kept && !e->saved)
        drafts_drop(&e->app->session, e->id, e->field);
    free(e->theirs);
    free(e);
}

static const struct screen_ops editor_ops = {
    .draw = editor_draw,
    .on_action = editor_action,
    .on_text = editor_text,
    .wants_text = editor_wants_text,
    .reload = editor_reload,
    .resume = editor_reload,
    .destroy = editor_destroy,
    .words_now = editor_words,
    .unsaved = editor_unsaved,
    .keep_draft = editor_keep_draft,
};

/* draft: a kept draft to go on with (its text and the version it was based on), or NULL. */
struct screen *note_editor_screen_new(struct app *a, const struct lesson_detail *d, enum draft_field field,
                                      const struct km_draft *draft)
{
    struct editor *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->base.ops = &editor_ops;
    e->base.actions = editor_actions;
    e->app = a;
    e->id = d->instance_id;
    e->field = field;
    e->max = field == DRAFT_NOTE ? PLANNING_NOTE_MAX : PLANNING_PUPIL_NOTE_MAX;
    e->version = draft ? draft->base_version : d->version;
    e->from_draft = draft != NULL;
    e->want_col = -1;
    snprintf(e->base_note, sizeof e->base_note, "%s", field_text(d, field));
    snprintf(e->buf, sizeof e->buf, "%s", draft ? draft->text : field_text(d, field));
    e->len = strlen(e->buf);
    e->caret = e->len;
    e->width = 60;
    char when[160];
    when_text(d, false, when, sizeof when);
    if (field == DRAFT_NOTE)
        strbuf_appendf(e->header, sizeof e->header, _("Notitie bij %s · %s · %s"), when,
                       *d->subject ? d->subject : _("(les)"), d->groups);
    else
        strbuf_appendf(e->header, sizeof e->header, _("Voor leerlingen en ouders bij %s · %s · %s"), when,
                       *d->subject ? d->subject : _("(les)"), d->groups);
    snprintf(e->base.title, sizeof e->base.title, "%s",
             field == DRAFT_NOTE ? "MIJNROOSTER › LES › NOTITIE" : "MIJNROOSTER › LES › VOOR DE KLAS");
    editor_layout(e);
    return &e->base;
}
