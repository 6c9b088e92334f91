/* What the screens of one lesson share: the lesson (screen_lesson_detail.c), linking goals to it
 * (screen_goal_picker.c) and writing its note or the line for the class (screen_note_editor.c). */
#ifndef KM_TUI_LESSON_DETAIL_COMMON_H
#define KM_TUI_LESSON_DETAIL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/drafts.h"
#include "core/planning.h"
#include "tui/app.h"

#define NOTE_BYTES PLANNING_NOTE_MAX /* the larger of core's two limits */
#define MAX_WRAP 4096

/* "maandag 30-11-2026 · 08:30–09:30 · week 49" (long_form), else "maandag 30-11 08:30". */
void when_text(const struct lesson_detail *d, bool long_form, char *out, size_t len);
/* The lesson is on today's date and its time runs now. */
bool lesson_is_now(const struct lesson_detail *d);

struct span {
    size_t start, end; /* bytes [start, end) */
    bool soft;         /* the next line follows without a line break (wrapped) */
};

/* Lines of text at most width columns wide: at a line break, else after the last space that fits, else where
 * the width runs out. Returns how many (at most max); every byte is in a line or is a line break. */
int wrap_text(const char *text, int width, struct span *out, int max);
/* The bytes of one line, cut at len. */
void span_copy(const char *text, struct span sp, char *out, size_t len);

/* Linking goals to the lesson: the curriculum filtered by the lesson's hoofdgebied, deelgebied and niveau. */
struct screen *goal_picker_screen_new(struct app *a, int64_t instance_id);
/* The note or the line for the class in a small multi-line editor. draft: a kept draft to go on with (its text
 * and the version it was based on), or NULL. */
struct screen *note_editor_screen_new(struct app *a, const struct lesson_detail *d, enum draft_field field,
                                      const struct km_draft *draft);

#endif
