/* What the screens of LEERDOELEN share (board_common.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/bulkstatus.h"
#include "core/children.h"
#include "core/curriculum_read.h"
#include "core/dates.h"
#include "core/goalstatus.h"
#include "core/groups.h"
#include "core/overview.h"
#include "core/statusread.h"
#include "core/text.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/grid.h"
#include "tui/i18n.h"
#include "tui/labels.h"
#include "tui/list.h"
#include "tui/screens.h"
#include "tui/search.h"
#include "tui/board_common.h"

/* ---- the status scale: glyph and letter, never colour alone ---- */

const struct km_status_value *scale_at(const struct km_status_scale *sc, int64_t id)
{
    return id ? status_scale_find(sc, id) : NULL;
}

int scale_index(const struct km_status_scale *sc, int64_t id)
{
    for (size_t i = 0; i < sc->n; i++)
        if (sc->items[i].id == id)
            return (int)i;
    return -1;
}

/* "● V", or "–" when the goal has no status yet. */
void status_short(const struct km_status_scale *sc, int64_t id, char *out, size_t len)
{
    const struct km_status_value *v = scale_at(sc, id);
    if (v)
        snprintf(out, len, "%s %s", v->glyph, v->letter);
    else
        snprintf(out, len, "%s", "–");
}

/* "● V beheerst", or "– geen status". */
void status_long(const struct km_status_scale *sc, int64_t id, char *out, size_t len)
{
    const struct km_status_value *v = scale_at(sc, id);
    if (v)
        snprintf(out, len, "%s %s %s", v->glyph, v->letter, v->label);
    else
        snprintf(out, len, "– %s", _("geen status"));
}

enum theme_role status_role(const struct km_status_scale *sc, int64_t id)
{
    const struct km_status_value *v = scale_at(sc, id);
    return v ? theme_role_by_name(v->colour_role) : TR_DIM;
}

/* The status a typed character names: its number (1 … n) or its letter, exactly as written or, for a
 * one-letter ASCII letter, in the other case. 0 when none. */
int64_t status_for_char(const struct km_status_scale *sc, wint_t ch)
{
    if (ch >= L'1' && ch <= L'9' && (size_t)(ch - L'1') < sc->n)
        return sc->items[ch - L'1'].id;
    char enc[8] = {0};
    int n = text_utf8_encode((uint32_t)ch, enc);
    enc[n] = '\0';
    for (size_t i = 0; i < sc->n; i++)
        if (strcmp(sc->items[i].letter, enc) == 0)
            return sc->items[i].id;
    if (ch < 128 && isalpha((int)ch))
        for (size_t i = 0; i < sc->n; i++) {
            const char *l = sc->items[i].letter;
            if (l[0] && !l[1] && tolower((unsigned char)l[0]) == tolower((int)ch))
                return sc->items[i].id;
        }
    return 0;
}

/* Centres text in width columns (padding both sides). */
void draw_centred(int y, int x, int width, const char *text, enum theme_role role)
{
    int tw = text_width(text);
    int off = tw < width ? (width - tw) / 2 : 0;
    draw_fill(stdscr, y, x, 1, width, role);
    draw_text_raw(stdscr, y, x + off, width - off, text, role);
}

void pct_text(int part, int whole, char *out, size_t len)
{
    if (whole <= 0)
        snprintf(out, len, "%s", "–");
    else
        snprintf(out, len, "%d%%", overview_percent(part, whole));
}
