#include "tui/labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/dates.h"
#include "tui/i18n.h"

const char *label_password(const char *state, bool own)
{
    if (strcmp(state, "set") == 0)
        return _("ingesteld");
    if (strcmp(state, "temporary") == 0)
        return own ? _("tijdelijk, kies een eigen wachtwoord") : _("tijdelijk");
    return _("geen");
}

void label_status(bool active, bool synced, char *out, size_t len)
{
    snprintf(out, len, "%s%s", active ? _("actief") : _("inactief"), synced ? " · ParnasSys" : "");
}

/* Timestamps are stored in UTC; people read their own clock. */
void label_local_time(const char *utc, char *out, size_t len)
{
    if (!dates_local_stamp(utc, true, out, len))
        snprintf(out, len, "%s", utc && *utc ? utc : _("nooit"));
}

void label_day_month(const char *ts, bool full, char *out, size_t len)
{
    int64_t day;
    int minutes;
    if (!ts || !dates_parse_stamp(ts, &day, &minutes)) { /* core's one reader of stored moments */
        snprintf(out, len, "%s", ts ? ts : "");
        return;
    }
    char nl[11];
    dates_format_nl(day, nl);
    int h = minutes / 60, mi = minutes % 60, s = strlen(ts) >= 19 ? atoi(ts + 17) : 0;
    if (full)
        snprintf(out, len, "%s %02d:%02d:%02d", nl, h, mi, s % 100);
    else
        snprintf(out, len, "%.5s %02d:%02d", nl, h, mi);
}

char *label_display_name(const struct km_user *u)
{
    size_t len = strlen(u->roepnaam) + strlen(u->voorvoegsel) + strlen(u->achternaam) + 3;
    char *s = malloc(len);
    if (s)
        users_display_name(u, s, len);
    return s;
}

bool label_locked(const struct km_user *u, char *out, size_t len)
{
    char at[32];
    out[0] = '\0';
    if (!*u->locked_until || !dates_local_stamp(u->locked_until, false, at, sizeof at))
        return false;
    snprintf(out, len, _("geblokkeerd tot %s"), at);
    return true;
}
