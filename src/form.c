/* form.c - strict urlencoded form parser (see form.h). */
#include "form.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode s[0..len) into a new NUL-terminated string; NULL when an escape
 * is malformed, a NUL byte is encoded, or the result is not UTF-8. */
static char *decode(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t i, o = 0;

    if (out == NULL)
        return NULL;
    for (i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[o++] = ' ';
        } else if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= len)
                goto bad;
            hi = hexval(s[i + 1]);
            lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                goto bad;
            out[o++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (s[i] == '\0') {
            goto bad;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    if (!text_utf8_valid(out, o))
        goto bad;
    return out;
bad:
    free(out);
    return NULL;
}

int form_parse(struct form *f, const char *body, size_t len, char *err,
               size_t errlen)
{
    size_t pos = 0;

    memset(f, 0, sizeof *f);
    while (pos < len) {
        const char *pair = body + pos;
        const char *amp = memchr(pair, '&', len - pos);
        size_t plen = amp ? (size_t)(amp - pair) : len - pos;
        const char *eq = memchr(pair, '=', plen);
        char *name, *value;

        pos += plen + 1;
        if (plen == 0)
            continue;
        if (f->n == FORM_MAX_FIELDS) {
            snprintf(err, errlen, "Het formulier heeft meer dan %d velden.",
                     FORM_MAX_FIELDS);
            goto fail;
        }
        name = decode(pair, eq ? (size_t)(eq - pair) : plen);
        value = eq ? decode(eq + 1, plen - (size_t)(eq - pair) - 1)
                   : calloc(1, 1);
        if (name == NULL || value == NULL || name[0] == '\0') {
            free(name);
            free(value);
            snprintf(err, errlen, "Het formulier is onjuist gecodeerd "
                                  "(ongeldige escape of geen UTF-8).");
            goto fail;
        }
        if (form_get(f, name) != NULL) {
            snprintf(err, errlen, "Het veld '%.40s' komt meer dan eens voor.",
                     name);
            free(name);
            free(value);
            goto fail;
        }
        f->name[f->n] = name;
        f->value[f->n] = value;
        f->n++;
    }
    return 0;
fail:
    form_free(f);
    return -1;
}

const char *form_get(const struct form *f, const char *name)
{
    int i;

    for (i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

void form_free(struct form *f)
{
    int i;

    if (f == NULL)
        return;
    for (i = 0; i < f->n; i++) {
        free(f->name[i]);
        free(f->value[i]);
    }
    f->n = 0;
}
