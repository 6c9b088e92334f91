/* A time slot by its id, for the screens of one slot (its lessons, the lesson wizard). Core reads slots per
 * week template only, so the templates are searched; a school has a handful. The slot comes with its template
 * and that template's other slots, which the wizard needs for a blokuur. */
#ifndef KM_TUI_SLOT_LOOKUP_H
#define KM_TUI_SLOT_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/templates.h"

struct slot_place {
    struct km_slot_list slots; /* every slot of the template, by day and time */
    size_t index;              /* of the slot asked for */
    int64_t template_id;
    char template_name[128];
};

/* False when the slot is gone or core failed (db_errmsg says which; KM_NOTFOUND leaves it empty). */
bool slot_lookup(const struct km_session *s, int64_t slot_id, struct slot_place *out);
const struct km_slot *slot_lookup_slot(const struct slot_place *p);
void slot_lookup_free(struct slot_place *p);

/* "maandag", translated. */
const char *slot_lookup_day_name(int weekday);
/* "maandag 08:30–09:15 · 1e uur" (and "· pauze" for a break). */
void slot_lookup_describe(const struct km_slot *x, char *out, size_t len);

#endif
