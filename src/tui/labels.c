#include "tui/labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    struct tm tm = {0};
    if (!utc || sscanf(utc, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5) {
        snprintf(out, len, "%s", utc && *utc ? utc : _("nooit"));
        return;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm local;
    localtime_r(&t, &local);
    strftime(out, len, "%d-%m-%Y %H:%M", &local);
}

void label_day_month(const char *ts, bool full, char *out, size_t len)
{
    int y, mo, d, h, mi, s = 0;
    if (!ts || sscanf(ts, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 5) {
        snprintf(out, len, "%s", ts ? ts : "");
        return;
    }
    if (full)
        snprintf(out, len, "%02d-%02d-%04d %02d:%02d:%02d", d % 100, mo % 100, y % 10000, h % 100, mi % 100, s % 100);
    else
        snprintf(out, len, "%02d-%02d %02d:%02d", d % 100, mo % 100, h % 100, mi % 100);
}

char *label_display_name(const struct km_user *u)
{
    size_t len = strlen(u->roepnaam) + strlen(u->voorvoegsel) + strlen(u->achternaam) + 3;
    char *s = malloc(len);
    if (s)
        users_display_name(u, s, len);
    return s;
}
