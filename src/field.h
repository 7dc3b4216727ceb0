/* field.h - one field of a CSV record as the monitor import reads it.
 *
 * Owns: what counts as the text of a field (spaces and tabs around it
 * do not: DUO pads its codes) and as a number in a source file (a
 * decimal with a point, never a comma, hex, inf or nan). Fields are the
 * byte ranges csvread.h hands out; nothing here allocates. */
#ifndef KOERS_FIELD_H
#define KOERS_FIELD_H

#include <stddef.h>

/* Pointer to the first non-space byte of s[0..n) and its trimmed length
 * (spaces and tabs at both ends). Inline: it runs for every field of
 * every record of a file of millions. */
static inline const char *field_trim(const char *s, size_t n, size_t *len)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* Copy the trimmed field s[0..n) into buf (cut to size), NUL-terminated;
 * returns buf. */
const char *field_copy(const char *s, size_t n, char *buf, size_t size);

/* A decimal number with a point: [+-]digits[.digits][(e|E)[+-]digits],
 * spaces around allowed. 0 with *out set, or -1 when s[0..n) is not such
 * a number (or not finite). */
int field_number(const char *s, size_t n, double *out);

#endif
