/* How people's names sort, the Dutch way, the same on every list, board and export: by surname without its
 * voorvoegsel, then roepnaam ("Berg, Inès van den" between "Bakker" and "Çelik"; "Çelik" among the C's), with
 * accents and case ignored. A school may choose roepnaam order instead ([general] name_order = roepnaam): then
 * every list follows that, still with accents and case ignored. Search folds the same way (text_matches). */
#ifndef KM_NAMES_H
#define KM_NAMES_H

#include <stddef.h>

enum names_order {
    NAMES_BY_SURNAME, /* the default: achternaam (without voorvoegsel), roepnaam, voorvoegsel */
    NAMES_BY_ROEPNAAM /* roepnaam, achternaam, voorvoegsel */
};

/* Set once at start from the configuration; applies to every list of the process. */
void names_set_order(enum names_order order);
enum names_order names_order(void);

/* The key that orders a person: the folded name parts, most significant first, compared byte by byte. */
size_t names_sort_key(const char *roepnaam, const char *voorvoegsel, const char *achternaam, char *out, size_t len);
/* <0, 0, >0 like strcmp, by names_sort_key. */
int names_compare(const char *roepnaam1, const char *voorvoegsel1, const char *achternaam1, const char *roepnaam2,
                  const char *voorvoegsel2, const char *achternaam2);

/* Makes km_name_key(roepnaam, voorvoegsel, achternaam) known to a connection, so a query sorts with
 * `ORDER BY km_name_key(u.roepnaam, u.voorvoegsel, u.achternaam), u.id` — the one rule, in SQL. */
struct sqlite3; /* core/db_sql.h: for core only */
int names_sql_register(struct sqlite3 *h);

#endif
