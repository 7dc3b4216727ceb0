/* field.c - one field of a CSV record as the monitor import reads it
 * (see field.h). */
#include "field.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *field_copy(const char *s, size_t n, char *buf, size_t size)
{
    size_t len;
    const char *t = field_trim(s, n, &len);

    if (len >= size)
        len = size - 1;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return buf;
}

static const double pow10_tab[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Exact for up to 15 significant digits by an integer division by a
 * power of ten (both exact, and IEEE division rounds correctly); strtod
 * otherwise. */
int field_number(const char *s, size_t n, double *out)
{
    const char *p = field_trim(s, n, &n), *end = p + n, *q;
    uint64_t mant = 0;
    int digits = 0, frac = 0, neg = 0, any = 0, exp_part = 0;
    char buf[128];

    if (n == 0)
        return -1;
    q = p;
    if (*q == '+' || *q == '-') {
        neg = *q == '-';
        q++;
    }
    for (; q < end && *q >= '0' && *q <= '9'; q++) {
        any = 1;
        if (mant || *q != '0') {
            if (digits < 19)
                mant = mant * 10 + (uint64_t)(*q - '0');
            digits++;
        }
    }
    if (q < end && *q == '.') {
        q++;
        for (; q < end && *q >= '0' && *q <= '9'; q++) {
            any = 1;
            frac++;
            if (mant || *q != '0') {
                if (digits < 19)
                    mant = mant * 10 + (uint64_t)(*q - '0');
                digits++;
            }
        }
    }
    if (!any)
        return -1;
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *e = q + 1;

        if (e < end && (*e == '+' || *e == '-'))
            e++;
        if (e == end || *e < '0' || *e > '9')
            return -1;
        while (e < end && *e >= '0' && *e <= '9')
            e++;
        q = e;
        exp_part = 1;
    }
    if (q != end)
        return -1;
    if (!exp_part && digits <= 15 && frac <= 22) {
        double v = (double)mant / pow10_tab[frac];

        *out = neg ? -v : v;
        return 0;
    }
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return isfinite(*out) ? 0 : -1;
}
