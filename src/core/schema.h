/* Numbered schema migrations, applied in order at start-up (PRAGMA user_version). */
#ifndef KM_SCHEMA_H
#define KM_SCHEMA_H

int schema_migration_count(void);
/* SQL of migration number version (1-based). */
const char *schema_migration_sql(int version);

#endif
