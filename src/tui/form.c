#include "tui/form.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dates.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/i18n.h"

#define FIELD_WIDTH 32

void form_init(struct form *f, int label_width)
{
    memset(f, 0, sizeof *f);
    f->label_width = label_width;
}

int form_add(struct form *f, enum field_kind kind, const char *label, bool required)
{
    if (f->n == FORM_MAX_FIELDS)
        return -1;
    struct field *fl = &f->fields[f->n];
    memset(fl, 0, sizeof *fl);
    fl->kind = kind;
    fl->label = label;
    fl->required = required;
    /* Passwords: locked, guarded memory that sodium_free wipes; never swapped out. */
    fl->value = kind == FIELD_PASSWORD ? sodium_malloc(FIELD_VALUE_MAX) : calloc(1, FIELD_VALUE_MAX);
    if (!fl->value)
        return -1;
    fl->value[0] = '\0';
    return f->n++;
}

void form_set_choices(struct form *f, int i, const char *const *choices, int n)
{
    f->fields[i].choices = choices;
    f->fields[i].nchoices = n;
}

void form_set_value(struct form *f, int i, const char *value)
{
    snprintf(f->fields[i].value, FIELD_VALUE_MAX, "%s", value ? value : "");
}

void form_clear(struct form *f, int i)
{
    sodium_memzero(f->fields[i].value, FIELD_VALUE_MAX);
    f->fields[i].error[0] = '\0';
}

void form_free(struct form *f)
{
    for (int i = 0; i < f->n; i++) {
        struct field *fl = &f->fields[i];
        if (fl->kind == FIELD_PASSWORD) {
            sodium_free(fl->value);
        } else {
            sodium_memzero(fl->value, FIELD_VALUE_MAX);
            free(fl->value);
        }
        fl->value = NULL;
    }
    f->n = 0;
}

bool form_changed(const struct form *f) { return f->changed; }

void form_mark_saved(struct form *f) { f->changed = false; }

bool form_focus_is_text(const struct form *f)
{
    if (f->n == 0)
        return false;
    enum field_kind k = f->fields[f->focus].kind;
    return k == FIELD_TEXT || k == FIELD_PASSWORD || k == FIELD_DATE || k == FIELD_TIME;
}

/* ---- drawing ---- */

static void draw_multi(const struct field *fl, bool focused, int y, int x, int width)
{
    for (int c = 0; c < fl->nchoices && width > 4; c++) {
        char item[128];
        snprintf(item, sizeof item, "[%s] %s", (fl->chosen >> c) & 1 ? "x" : " ", fl->choices[c]);
        enum theme_role r = focused && c == fl->choice ? TR_SELECTED : TR_INPUT;
        int w = draw_text_raw(stdscr, y, x, width, item, r);
        x += w + 2;
        width -= w + 2;
    }
}

int form_min_width(const struct form *f)
{
    int need = 0;
    for (int i = 0; i < f->n; i++) {
        const struct field *fl = &f->fields[i];
        int w = 0;
        for (int c = 0; fl->kind == FIELD_MULTI && c < fl->nchoices; c++)
            w += text_width(fl->choices[c]) + 6; /* "[x] " and the gap after */
        for (int c = 0; fl->kind == FIELD_CHOICE && c < fl->nchoices; c++)
            if (text_width(fl->choices[c]) + 4 > w)
                w = text_width(fl->choices[c]) + 4; /* "‹ " and " ›" */
        if (w > need)
            need = w;
    }
    return f->label_width + 1 + need;
}

static int draw_value(const struct field *fl, bool focused, int y, int x, int width)
{
    char shown[FIELD_VALUE_MAX + 16];
    enum theme_role role = focused ? TR_SELECTED : TR_INPUT;
    switch (fl->kind) {
    case FIELD_PASSWORD:
        /* Never echoed: a fixed mark shows that something was typed, not how much. */
        snprintf(shown, sizeof shown, "%s", fl->value[0] ? "••••••" : "");
        break;
    case FIELD_CHOICE:
        snprintf(shown, sizeof shown, "‹ %s ›", fl->nchoices ? fl->choices[fl->choice] : "");
        break;
    case FIELD_MULTI:
        draw_multi(fl, focused, y, x, width);
        return 0;
    case FIELD_BUTTON:
        snprintf(shown, sizeof shown, "[ %s ]", fl->label);
        draw_text_raw(stdscr, y, x, width, shown, role);
        return 0;
    case FIELD_TEXT:
    case FIELD_DATE:
    case FIELD_TIME:
        snprintf(shown, sizeof shown, "%s", fl->value);
        break;
    }
    int fw = width < FIELD_WIDTH ? width : FIELD_WIDTH;
    /* Long text shows its end, where the caret is. */
    const char *start = shown;
    while (text_width(start) >= fw && *start) {
        uint32_t cp;
        start += text_utf8_decode(start, strlen(start), &cp);
    }
    int used = draw_text(stdscr, y, x, fw, start, role);
    (void)used;
    return text_width(start);
}

void form_draw(struct form *f, int y, int x, int width)
{
    int caret_y = -1, caret_x = 0;
    for (int i = 0; i < f->n; i++) {
        struct field *fl = &f->fields[i];
        bool focused = i == f->focus;
        int row = y + i * 2;
        f->row_of[i] = row;
        int vx = x;
        if (fl->kind != FIELD_BUTTON) {
            char label[160];
            snprintf(label, sizeof label, "%s%s", fl->label, fl->required ? "" : "");
            draw_text(stdscr, row, x, f->label_width, label, focused ? TR_TITLE : TR_NORMAL);
            vx = x + f->label_width + 1;
        }
        int vw = width - (vx - x);
        int caret = draw_value(fl, focused, row, vx, vw);
        /* Beside the field when it fits, else on the free row under it. */
        int beside = vw - FIELD_WIDTH - 2;
        if (fl->error[0] && beside >= text_width(fl->error))
            draw_text(stdscr, row, vx + FIELD_WIDTH + 2, beside, fl->error, TR_ERROR);
        else if (fl->error[0])
            draw_text(stdscr, row + 1, vx, vw, fl->error, TR_ERROR);
        if (focused && form_focus_is_text(f)) {
            caret_y = row;
            caret_x = vx + (fl->kind == FIELD_PASSWORD ? (fl->value[0] ? 6 : 0) : caret);
        }
    }
    if (caret_y >= 0)
        move(caret_y, caret_x);
}

/* ---- editing ---- */

static void move_focus(struct form *f, int delta)
{
    if (f->n)
        f->focus = (f->focus + delta + f->n) % f->n;
}

static bool choice_step(struct field *fl, int delta)
{
    if (fl->nchoices == 0)
        return false;
    fl->choice = (fl->choice + delta + fl->nchoices) % fl->nchoices;
    return true;
}

bool form_action(struct form *f, enum action act)
{
    if (f->n == 0)
        return false;
    struct field *fl = &f->fields[f->focus];
    bool choice = fl->kind == FIELD_CHOICE || fl->kind == FIELD_MULTI;
    switch (act) {
    case A_NEXT_FIELD:
    case A_DOWN:
        move_focus(f, 1);
        return true;
    case A_PREV_FIELD:
    case A_UP:
        move_focus(f, -1);
        return true;
    case A_LEFT:
        return choice && (f->changed |= choice_step(fl, -1));
    case A_RIGHT:
        return choice && (f->changed |= choice_step(fl, 1));
    case A_TOGGLE:
        if (fl->kind == FIELD_MULTI && fl->choice < (int)(8 * sizeof fl->chosen)) {
            fl->chosen ^= 1UL << fl->choice;
            return f->changed = true;
        }
        return fl->kind == FIELD_CHOICE && (f->changed |= choice_step(fl, 1));
    default:
        return false;
    }
}

static void delete_last_char(char *v)
{
    size_t n = strlen(v);
    while (n > 0 && ((unsigned char)v[--n] & 0xC0) == 0x80) {
    }
    v[n] = '\0';
}

bool form_text(struct form *f, wint_t ch)
{
    if (!form_focus_is_text(f))
        return false;
    struct field *fl = &f->fields[f->focus];
    fl->error[0] = '\0';
    if (ch == L'\b') {
        f->changed |= fl->value[0] != '\0';
        delete_last_char(fl->value);
        return true;
    }
    if (ch < 32 || ch == 127)
        return false;
    char enc[4];
    int len = text_utf8_encode((uint32_t)ch, enc);
    size_t n = strlen(fl->value);
    bool fits = n + (size_t)len < FIELD_VALUE_MAX - 1 && (fl->max_chars == 0 || text_width(fl->value) < fl->max_chars);
    if (!fits)
        return false;
    memcpy(fl->value + n, enc, (size_t)len);
    fl->value[n + (size_t)len] = '\0';
    f->changed = true;
    return true;
}

bool form_click(struct form *f, int y)
{
    for (int i = 0; i < f->n; i++)
        if (f->row_of[i] == y) {
            f->focus = i;
            return true;
        }
    return false;
}

/* ---- validation ---- */

/* Accepts 2026-11-30 and 30-11-2026 (as Dutch people write it; core's one date reader) and stores the ISO form. */
static bool normalise_date(char *v)
{
    int64_t day;
    char iso[11];
    if (!dates_parse_input(v, &day))
        return false;
    dates_format(day, iso);
    snprintf(v, FIELD_VALUE_MAX, "%s", iso);
    return true;
}

static bool normalise_time(char *v)
{
    int h, m;
    char tail;
    if ((sscanf(v, "%2d:%2d%c", &h, &m, &tail) == 2 || sscanf(v, "%2d.%2d%c", &h, &m, &tail) == 2) && h >= 0 &&
        h < 24 && m >= 0 && m < 60) {
        snprintf(v, FIELD_VALUE_MAX, "%02d:%02d", h, m);
        return true;
    }
    return false;
}

static bool check_field(struct field *fl)
{
    fl->error[0] = '\0';
    bool empty = fl->value[0] == '\0';
    if (fl->kind == FIELD_MULTI)
        empty = fl->chosen == 0;
    if (fl->required && empty && fl->kind != FIELD_CHOICE && fl->kind != FIELD_BUTTON) {
        snprintf(fl->error, sizeof fl->error, "%s", _("verplicht"));
        return false;
    }
    if (!empty && fl->kind == FIELD_DATE && !normalise_date(fl->value)) {
        snprintf(fl->error, sizeof fl->error, "%s", _("datum als 30-11-2026"));
        return false;
    }
    if (!empty && fl->kind == FIELD_TIME && !normalise_time(fl->value)) {
        snprintf(fl->error, sizeof fl->error, "%s", _("tijd als 08:30"));
        return false;
    }
    return true;
}

int form_validate(struct form *f)
{
    int first = -1;
    for (int i = 0; i < f->n; i++)
        if (!check_field(&f->fields[i]) && first < 0)
            first = i;
    return first;
}
