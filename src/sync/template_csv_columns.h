/* Internal to the week template's CSV (template_csv.c, template_csv_import.c): its columns, in the
 * export's order. */
#ifndef KM_SYNC_TEMPLATE_CSV_COLUMNS_H
#define KM_SYNC_TEMPLATE_CSV_COLUMNS_H

enum template_csv_col {
    TCOL_SJABLOON,
    TCOL_DAG,
    TCOL_BEGIN,
    TCOL_EIND,
    TCOL_TIJDSLOT,
    TCOL_PAUZE,
    TCOL_LEERKRACHT,
    TCOL_HOOFDGEBIED,
    TCOL_DEELGEBIED,
    TCOL_LOKAAL,
    TCOL_NIVEAUS,
    TCOL_GROEPEN,
    TCOL_BLOKUUR,
    TCOL__COUNT
};

extern const char *const template_csv_columns[TCOL__COUNT];

/* After a group's name in the column groepen: the group may come but need not (not mandatory). */
#define TEMPLATE_CSV_FREE_SUFFIX " (vrij)"

#endif
