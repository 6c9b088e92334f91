/* A form: labelled fields (text, password, date, time, single and multiple choice) and buttons, with a
 * validation message next to each field. Password fields live in locked memory and are wiped. */
#ifndef KM_TUI_FORM_H
#define KM_TUI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/keymap.h"

enum field_kind { FIELD_TEXT, FIELD_PASSWORD, FIELD_DATE, FIELD_TIME, FIELD_CHOICE, FIELD_MULTI, FIELD_BUTTON };

#define FIELD_VALUE_MAX 260 /* bytes; a password may be 256 bytes */
#define FORM_MAX_FIELDS 16

struct field {
    enum field_kind kind;
    const char *label;          /* translated */
    char *value;                /* FIELD_VALUE_MAX bytes; sodium_malloc'd for passwords */
    int max_chars;              /* 0 = as many as fit in value */
    const char *const *choices; /* FIELD_CHOICE / FIELD_MULTI */
    int nchoices;
    int choice;           /* FIELD_CHOICE: selected; FIELD_MULTI: cursor */
    unsigned long chosen; /* FIELD_MULTI: bit per choice */
    bool required;
    char error[160]; /* shown beside the field */
};

struct form {
    struct field fields[FORM_MAX_FIELDS];
    int n;
    int focus;
    int label_width;
    bool changed; /* something was typed or chosen since the form was filled or last saved */
    /* Where the last draw put each field, for mouse clicks. */
    int row_of[FORM_MAX_FIELDS];
};

void form_init(struct form *f, int label_width);
/* Adds a field; returns its index, or -1 when out of memory or full. */
int form_add(struct form *f, enum field_kind kind, const char *label, bool required);
void form_set_choices(struct form *f, int i, const char *const *choices, int n);
void form_set_value(struct form *f, int i, const char *value);
/* Wipes every value (passwords first) and frees the fields. */
void form_free(struct form *f);
void form_clear(struct form *f, int i);

/* The columns the form needs so that no choice is cut: labels and the widest row of ticks or choices. */
int form_min_width(const struct form *f);
/* Draws the fields from row y; the focused text field leaves the terminal cursor at its caret. */
void form_draw(struct form *f, int y, int x, int width);
/* Movement between fields, choices and toggling. Returns true when the form used the action. */
bool form_action(struct form *f, enum action act);
/* A typed character (or L'\b' for Backspace) into the focused text field. */
bool form_text(struct form *f, wint_t ch);
bool form_focus_is_text(const struct form *f);
/* Whether the person typed or chose anything since form_init (values set with form_set_value do not count),
 * or since form_mark_saved: what leaving the form would lose. */
bool form_changed(const struct form *f);
void form_mark_saved(struct form *f);
/* A click on row y: focuses that field; true when a field was hit. */
bool form_click(struct form *f, int y);
/* Checks required fields and the date (YYYY-MM-DD or DD-MM-YYYY) and time (HH:MM) formats; sets each
 * field's error. Returns the index of the first bad field, or -1 when all are fine. */
int form_validate(struct form *f);

#endif
