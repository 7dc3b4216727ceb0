/* fuzz_text.c - libFuzzer target for text.h (text_utf8_valid,
 * text_clean, text_utf8_len, text_is_code).
 *
 * text_utf8_valid is compared with an independent reference written from
 * the table of well-formed byte sequences in the Unicode Standard
 * (chapter 3, table 3-7); text_clean, text_utf8_len and text_is_code are
 * checked against the properties their header states. Any disagreement
 * aborts, so libFuzzer saves the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Length of the well-formed sequence at s[0..n), 0 when ill-formed. */
static size_t ref_seq(const uint8_t *s, size_t n)
{
    uint8_t c = s[0], lo = 0x80, hi = 0xBF;
    size_t k, len;

    if (c <= 0x7F)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (n < len)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xBF)
            return 0;
    return len;
}

/* Reference validator; also counts code points into *cps. */
static int ref_valid(const uint8_t *s, size_t n, size_t *cps)
{
    size_t i = 0, l;

    *cps = 0;
    while (i < n) {
        l = ref_seq(s + i, n - i);
        if (l == 0)
            return 0;
        i += l;
        (*cps)++;
    }
    return 1;
}

static int ref_is_code(const char *s)
{
    size_t i, n = strlen(s);

    if (n == 0 || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '-') {
            if (s[i + 1] == '-')
                return 0;
        } else if (!((s[i] >= 'a' && s[i] <= 'z') ||
                     (s[i] >= '0' && s[i] <= '9'))) {
            return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cps, len, i;
    int valid, single, multi;
    char *s;

    /* On the raw bytes (not NUL-terminated). */
    valid = text_utf8_valid((const char *)data, size);
    if (valid != ref_valid(data, size, &cps))
        abort();

    /* The string functions take C strings: a NUL-terminated copy. */
    s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    len = strlen(s);
    valid = ref_valid((const uint8_t *)s, len, &cps);

    single = text_clean(s, 0);
    multi = text_clean(s, 1);
    if (single && !multi)
        abort();
    if (multi && !valid)
        abort();
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int ctl = c < 0x20 || c == 0x7F;
        int nl = c == '\n' || c == '\t' || c == '\r';

        if (single && ctl)
            abort();
        if (multi && ctl && !nl)
            abort();
    }
    if (valid && text_utf8_len(s) != cps)
        abort();
    if (text_utf8_len(s) > len)
        abort();
    if (text_is_code(s) != ref_is_code(s))
        abort();
    free(s);
    return 0;
}
