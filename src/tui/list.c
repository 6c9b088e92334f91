#include "tui/list.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

void list_init(struct list *l, list_draw_row draw_row, list_row_text row_text, void *ctx)
{
    memset(l, 0, sizeof *l);
    l->draw_row = draw_row;
    l->row_text = row_text;
    l->ctx = ctx;
    l->height = 1;
}

static void clamp(struct list *l)
{
    if (l->cur >= l->count)
        l->cur = l->count - 1;
    if (l->cur < 0)
        l->cur = 0;
    int h = l->height > 0 ? l->height : 1;
    if (l->cur < l->top)
        l->top = l->cur;
    if (l->cur >= l->top + h)
        l->top = l->cur - h + 1;
    if (l->top > l->count - h)
        l->top = l->count - h;
    if (l->top < 0)
        l->top = 0;
}

void list_set_count(struct list *l, int count)
{
    l->count = count;
    clamp(l);
}

void list_draw(struct list *l, int y, int x, int h, int width)
{
    l->height = h > 0 ? h : 1;
    l->y0 = y;
    clamp(l);
    for (int r = 0; r < h && l->top + r < l->count; r++)
        l->draw_row(l->ctx, l->top + r, y + r, x, width, l->top + r == l->cur);
}

bool list_move(struct list *l, enum action act)
{
    int page = l->height > 1 ? l->height - 1 : 1;
    switch (act) {
    case A_UP:
        l->cur--;
        break;
    case A_DOWN:
        l->cur++;
        break;
    case A_PAGE_UP:
        l->cur -= page;
        break;
    case A_PAGE_DOWN:
        l->cur += page;
        break;
    case A_HOME:
        l->cur = 0;
        break;
    case A_END:
        l->cur = l->count - 1;
        break;
    default:
        return false;
    }
    clamp(l);
    return true;
}

bool list_search(struct list *l, const char *needle, bool from_next)
{
    if (needle != l->search)
        snprintf(l->search, sizeof l->search, "%s", needle);
    if (!l->row_text || l->count == 0 || !l->search[0])
        return false;
    for (int k = from_next ? 1 : 0; k <= l->count; k++) {
        int i = (l->cur + k) % l->count;
        if (text_matches(l->row_text(l->ctx, i), l->search)) {
            l->cur = i;
            clamp(l);
            return true;
        }
    }
    return false;
}

bool list_click(struct list *l, int y)
{
    int i = l->top + (y - l->y0);
    if (y < l->y0 || y >= l->y0 + l->height || i >= l->count)
        return false;
    l->cur = i;
    return true;
}
