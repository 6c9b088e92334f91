/* Finding curriculum items and groups by the names people type in a spreadsheet, and the names of what a
 * lesson refers to, for the week template's CSV export and import. Read-only; any session may ask, as the
 * screens show these names to everyone. Names compare case-insensitively; an exact match wins. */
#ifndef KM_LOOKUP_H
#define KM_LOOKUP_H

#include "core/session.h"

enum lookup_kind {
    LOOKUP_HOOFDGEBIED,
    LOOKUP_DEELGEBIED,
    LOOKUP_NIVEAU,
    LOOKUP_GROUP,
    LOOKUP_USERNAME,
    LOOKUP_ROOM,
};

/* KM_NOTFOUND when no such name (no message set: the caller names the line it came from). */
enum km_rc lookup_hoofdgebied(const struct km_session *s, const char *name, int64_t *id);
enum km_rc lookup_niveau(const struct km_session *s, const char *name, int64_t *id);
/* Within hoofdgebied_id, or in any hoofdgebied when it is 0; KM_INVALID (with a message) when the name
 * exists in more than one hoofdgebied and none was given. */
enum km_rc lookup_deelgebied(const struct km_session *s, int64_t hoofdgebied_id, const char *name, int64_t *id);
/* An active group by name: this school year's first, else the most recent year's, stamgroepen before
 * other kinds. By name only: a group called "8" is the group named 8, not number 8 (unlike groups_find). */
enum km_rc lookup_group(const struct km_session *s, const char *name, int64_t *id);
/* The name (a user's username) of the row with this id into out; "" and KM_NOTFOUND when there is none. */
enum km_rc lookup_name(const struct km_session *s, enum lookup_kind kind, int64_t id, char *out, size_t len);

#endif
