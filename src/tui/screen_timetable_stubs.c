/* Temporary: weak stand-ins while the set-up screens are being written; each real screen overrides its own. */
#include "tui/i18n.h"
#include "tui/screens.h"

#define STUB(decl, title)                                                                                              \
    __attribute__((weak)) struct screen *decl { return coming_screen_new(a, title, title); }

STUB(hours_screen_new(struct app *a), "INSTELLINGEN")
STUB(templates_screen_new(struct app *a), "WEEK SJABLONEN")
STUB(rooms_screen_new(struct app *a), "LOKALEN")
STUB(check_screen_new(struct app *a, int64_t t __attribute__((unused))), "CONTROLE")
STUB(template_screen_new(struct app *a, int64_t t __attribute__((unused))), "WEEK SJABLOON")
STUB(slot_screen_new(struct app *a, int64_t s __attribute__((unused))), "TIJDSLOT")
STUB(lesson_screen_new(struct app *a, int64_t s __attribute__((unused)), int64_t l __attribute__((unused))), "LES")
STUB(roster_screen_new(struct app *a), "SCHOOL ROOSTER")
STUB(mijnrooster_screen_new(struct app *a), "MIJNROOSTER")
STUB(lesson_detail_screen_new(struct app *a, int64_t i __attribute__((unused)), int64_t f __attribute__((unused))),
     "LES")
