#include "tui/keys_doc.h"

#include <string.h>

#include "tui/i18n.h"
#include "tui/keymap.h"

/* A table cell: '|' would end it. */
static void cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', f);
        fputc(*s, f);
    }
}

void keys_doc_print(FILE *f)
{
    static struct keymap km;
    keymap_defaults(&km);
    fputs("| action (config name) | keys | footer | what it does |\n| --- | --- | --- | --- |\n", f);
    for (int a = ACT_NONE + 1; a < A__COUNT; a++) {
        const struct keymap_entry *e = &km.entries[a];
        if (!e->name)
            continue;
        fprintf(f, "| `%s` | ", e->name);
        for (int k = 0; k < e->nkeys; k++) {
            char name[32];
            keymap_key_name(e->keys[k], name, sizeof name);
            fputs(k ? " " : "", f);
            if (strchr(name, '`')) /* a backtick in a code span needs a longer fence */
                fputs("`` ", f), cell(f, name), fputs(" ``", f);
            else
                fputc('`', f), cell(f, name), fputc('`', f);
        }
        fputs(" | ", f);
        cell(f, _(e->label));
        fputs(" | ", f);
        cell(f, _(e->description));
        fputs(" |\n", f);
    }
}
