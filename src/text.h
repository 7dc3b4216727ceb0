/* text.h - small text utilities: UTF-8 validation, trimming, slugs.
 *
 * Owns: the rules for what counts as acceptable user text in Koers
 * (valid UTF-8, no control characters except newline and tab). */
#ifndef KOERS_TEXT_H
#define KOERS_TEXT_H

#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *s, size_t len);
/* 1 when s is valid UTF-8 without control characters (C0, DEL, C1) and
 * without bidi override or isolate characters; newlines and tabs are
 * allowed only when multiline is set. */
int text_clean(const char *s, int multiline);
/* Number of code points in a valid UTF-8 string. */
size_t text_utf8_len(const char *s);
/* 1 when s is a lowercase kebab-case code: [a-z0-9]+(-[a-z0-9]+)*. */
int text_is_code(const char *s);

#endif
