/* buf.h - bounded growable byte buffer.
 *
 * Owns: the one string builder used everywhere (HTML, JSON, SQL-free text).
 * Every buffer has a hard maximum fixed at init; an append that would pass
 * it fails, marks the buffer as overflowed and leaves the content intact,
 * so callers may check once at the end (buf_failed). Memory is owned by the
 * buffer; buf_detach hands it to the caller. buf_free accepts NULL. */
#ifndef KOERS_BUF_H
#define KOERS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;   /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    size_t max;   /* hard limit on len */
    int failed;   /* set when an append hit max or allocation failed */
};

void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
int buf_failed(const struct buf *b);
/* Return the content ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);
/* Hand the heap string to the caller (never NULL on success); the buffer
 * is left empty. Returns NULL when allocation fails. */
char *buf_detach(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
