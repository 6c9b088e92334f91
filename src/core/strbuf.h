/* Building a string in a caller's fixed buffer: each piece is added at the end, cut when the buffer is full (never
 * overflowing, always terminated). For the labels and lines the screens, the commands and core put together. */
#ifndef KM_STRBUF_H
#define KM_STRBUF_H

#include <stddef.h>

/* Adds the formatted text after what buf (of len bytes, terminated) already holds. */
void strbuf_appendf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Adds s; strbuf_appendn adds at most its first n bytes. */
void strbuf_append(char *buf, size_t len, const char *s);
void strbuf_appendn(char *buf, size_t len, const char *s, size_t n);

#endif
