#include "core/lookup.h"

#include <stdio.h>

#include "core/db_sql.h"
#include "core/groups.h"
#include "core/i18n.h"

/* NOCASE finds "Rekenen" for "rekenen"; ordering by the exact match first keeps a school that has both
 * spellings predictable. */
enum km_rc lookup_hoofdgebied(const struct km_session *s, const char *name, int64_t *id)
{
    return db_int(s->db, id,
                  "SELECT id FROM hoofdgebieden WHERE name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC, id LIMIT 1",
                  "t", name);
}

enum km_rc lookup_niveau(const struct km_session *s, const char *name, int64_t *id)
{
    return db_int(s->db, id,
                  "SELECT id FROM niveaus WHERE name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC, id LIMIT 1", "t",
                  name);
}

enum km_rc lookup_deelgebied(const struct km_session *s, int64_t hoofdgebied_id, const char *name, int64_t *id)
{
    int64_t areas = 0;
    enum km_rc rc = db_int(s->db, &areas,
                           "SELECT count(DISTINCT hoofdgebied_id) FROM deelgebieden WHERE name = ? COLLATE NOCASE"
                           " AND (?2 = 0 OR hoofdgebied_id = ?2)",
                           "ti", name, hoofdgebied_id);
    if (rc != KM_OK)
        return rc;
    if (areas > 1)
        return db_fail(s->db, KM_INVALID,
                       _("deelgebied '%.60s' bestaat bij %lld hoofdgebieden; vul het hoofdgebied in"), name,
                       (long long)areas);
    return db_int(s->db, id,
                  "SELECT id FROM deelgebieden WHERE name = ?1 COLLATE NOCASE AND (?2 = 0 OR hoofdgebied_id = ?2)"
                  " ORDER BY name = ?1 DESC, id LIMIT 1",
                  "ti", name, hoofdgebied_id);
}

enum km_rc lookup_group(const struct km_session *s, const char *name, int64_t *id)
{
    char year[12];
    groups_schooljaar(NULL, year);
    return db_int(s->db, id,
                  "SELECT id FROM groups WHERE name = ?1 COLLATE NOCASE AND active = 1"
                  " ORDER BY schooljaar = ?2 DESC, schooljaar DESC, name = ?1 DESC, kind <> 'stamgroep', id LIMIT 1",
                  "tt", name, year);
}

enum km_rc lookup_name(const struct km_session *s, enum lookup_kind kind, int64_t id, char *out, size_t len)
{
    static const char *const sql[] = {
        [LOOKUP_HOOFDGEBIED] = "SELECT name FROM hoofdgebieden WHERE id = ?",
        [LOOKUP_DEELGEBIED] = "SELECT name FROM deelgebieden WHERE id = ?",
        [LOOKUP_NIVEAU] = "SELECT name FROM niveaus WHERE id = ?",
        [LOOKUP_GROUP] = "SELECT name FROM groups WHERE id = ?",
        [LOOKUP_USERNAME] = "SELECT username FROM users WHERE id = ?",
        [LOOKUP_ROOM] = "SELECT name FROM rooms WHERE id = ?",
    };
    if (len)
        out[0] = '\0';
    if ((unsigned)kind >= sizeof sql / sizeof sql[0])
        return db_fail(s->db, KM_INVALID, _("Onbekende soort naam."));
    return db_text(s->db, out, len, sql[kind], "i", id);
}
