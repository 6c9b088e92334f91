#include "tui/slot_lookup.h"

#include <stdio.h>
#include <string.h>

#include "core/dates.h"
#include "core/hours.h"
#include "tui/i18n.h"

const char *slot_lookup_day_name(int weekday)
{
    return weekday >= 1 && weekday <= 7 ? _(dates_day_name(weekday)) : "?";
}

static bool find_in(struct slot_place *p, int64_t slot_id)
{
    for (size_t i = 0; i < p->slots.n; i++)
        if (p->slots.items[i].id == slot_id) {
            p->index = i;
            return true;
        }
    return false;
}

bool slot_lookup(const struct km_session *s, int64_t slot_id, struct slot_place *out)
{
    memset(out, 0, sizeof *out);
    struct km_template_list t;
    if (templates_list(s, &t) != KM_OK)
        return false;
    bool found = false;
    for (size_t i = 0; i < t.n && !found; i++) {
        if (t.items[i].slots == 0 || slots_list(s, t.items[i].id, &out->slots) != KM_OK)
            continue;
        found = find_in(out, slot_id);
        if (found) {
            out->template_id = t.items[i].id;
            snprintf(out->template_name, sizeof out->template_name, "%s", t.items[i].name);
        } else {
            slots_list_free(&out->slots);
        }
    }
    templates_list_free(&t);
    return found;
}

const struct km_slot *slot_lookup_slot(const struct slot_place *p)
{
    return p->index < p->slots.n ? &p->slots.items[p->index] : NULL;
}

void slot_lookup_free(struct slot_place *p)
{
    slots_list_free(&p->slots);
    p->index = 0;
}

void slot_lookup_describe(const struct km_slot *x, char *out, size_t len)
{
    char a[6], b[6];
    hours_format(x->start_min, a);
    hours_format(x->end_min, b);
    snprintf(out, len, "%s %s–%s%s%s%s", slot_lookup_day_name(x->weekday), a, b, *x->name ? " · " : "", x->name,
             x->is_break ? _(" · pauze") : "");
}
