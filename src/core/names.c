#include "core/names.h"

#include <string.h>

#include "core/db_sql.h"
#include "core/text.h"

#define NAME_PART 256 /* bytes of one folded part; longer names are compared on their first 255 */
#define KEY_LEN (3 * NAME_PART + 3)

static enum names_order order = NAMES_BY_SURNAME;

void names_set_order(enum names_order o) { order = o; }
enum names_order names_order(void) { return order; }

/* Appends a folded part and the separator \x01, which sorts before every letter: "Berg" before "Bergen". */
static size_t put_part(const char *part, char *out, size_t used, size_t len)
{
    char folded[NAME_PART];
    text_fold_ascii(part ? part : "", ' ', folded, sizeof folded);
    size_t n = strlen(folded);
    if (used + n + 2 > len)
        n = used + 2 < len ? len - used - 2 : 0;
    memcpy(out + used, folded, n);
    used += n;
    if (used + 1 < len)
        out[used++] = '\x01';
    out[used] = '\0';
    return used;
}

size_t names_sort_key(const char *roepnaam, const char *voorvoegsel, const char *achternaam, char *out, size_t len)
{
    if (!out || len == 0)
        return 0;
    out[0] = '\0';
    bool surname_first = order == NAMES_BY_SURNAME;
    size_t used = put_part(surname_first ? achternaam : roepnaam, out, 0, len);
    used = put_part(surname_first ? roepnaam : achternaam, out, used, len);
    return put_part(voorvoegsel, out, used, len);
}

int names_compare(const char *r1, const char *v1, const char *a1, const char *r2, const char *v2, const char *a2)
{
    char k1[KEY_LEN], k2[KEY_LEN];
    names_sort_key(r1, v1, a1, k1, sizeof k1);
    names_sort_key(r2, v2, a2, k2, sizeof k2);
    return strcmp(k1, k2);
}

static void sql_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    char key[KEY_LEN];
    size_t n = names_sort_key((const char *)sqlite3_value_text(argv[0]), (const char *)sqlite3_value_text(argv[1]),
                              (const char *)sqlite3_value_text(argv[2]), key, sizeof key);
    sqlite3_result_text(ctx, key, (int)n, SQLITE_TRANSIENT);
}

int names_sql_register(sqlite3 *h)
{
    /* Not marked deterministic: the order is a setting, so no index may be built on it. */
    return sqlite3_create_function(h, "km_name_key", 3, SQLITE_UTF8, NULL, sql_name_key, NULL, NULL);
}
