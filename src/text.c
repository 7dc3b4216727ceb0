/* text.c - UTF-8 validation and text checks (see text.h). */
#include "text.h"

#include <string.h>

int text_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned int cp;

        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (len - i <= n)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

int text_clean(const char *s, int multiline)
{
    const unsigned char *p;

    if (!text_utf8_valid(s, strlen(s)))
        return 0;
    for (p = (const unsigned char *)s; *p; p++) {
        /* C1 controls U+0080-U+009F are C2 80..C2 9F; the bidi overrides
         * U+202A-U+202E and isolates U+2066-U+2069 can disguise text */
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return 0;
        if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
                             (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
            return 0;
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            if (!multiline)
                return 0;
        } else if (*p < 0x20 || *p == 0x7F) {
            return 0;
        }
    }
    return 1;
}

size_t text_utf8_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int text_is_code(const char *s)
{
    int prev_dash = 1;

    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (*s == '-') {
            if (prev_dash)
                return 0;
            prev_dash = 1;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) {
            prev_dash = 0;
        } else {
            return 0;
        }
    }
    return !prev_dash;
}
