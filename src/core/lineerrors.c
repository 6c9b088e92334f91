#include "core/lineerrors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"

bool line_error_addv(struct line_error **items, size_t *n, int line, const char *fmt, va_list ap)
{
    struct line_error *grown = vec_grow(*items, *n, sizeof *grown);
    if (!grown)
        return false;
    *items = grown;
    struct line_error *e = &grown[(*n)++];
    e->line = line;
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    return true;
}

bool line_error_add(struct line_error **items, size_t *n, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool ok = line_error_addv(items, n, line, fmt, ap);
    va_end(ap);
    return ok;
}

/* Merges the sorted runs a[lo..mid) and a[mid..hi) through tmp; ties take the left run first (stable). */
static void merge(struct line_error *a, struct line_error *tmp, size_t lo, size_t mid, size_t hi)
{
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = a[j].line < a[i].line ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (hi - lo) * sizeof *a);
}

void line_error_sort(struct line_error *items, size_t n)
{
    struct line_error *tmp = n > 1 ? malloc(n * sizeof *tmp) : NULL;
    if (!tmp) { /* no memory to spare (or nothing to sort): insertion sort, stable too */
        for (size_t i = 1; i < n; i++) {
            struct line_error e = items[i];
            size_t j = i;
            for (; j > 0 && items[j - 1].line > e.line; j--)
                items[j] = items[j - 1];
            items[j] = e;
        }
        return;
    }
    for (size_t width = 1; width < n; width *= 2)
        for (size_t lo = 0; lo + width < n; lo += 2 * width)
            merge(items, tmp, lo, lo + width, lo + 2 * width < n ? lo + 2 * width : n);
    free(tmp);
}
