/* html.c - context-specific escapers for HTML and SVG (see html.h). */
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void html_lit(struct buf *b, const char *markup)
{
    buf_puts(b, markup);
}

/* Escape for element content: & < > and quotes (quotes too, so the same
 * text is also safe if a caller misplaces it in an attribute). */
void html_txt(struct buf *b, const char *text)
{
    const char *p, *run;

    if (text == NULL)
        return;
    run = text;
    for (p = text; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            buf_append(b, run, (size_t)(p - run));
            buf_puts(b, rep);
            run = p + 1;
        }
    }
    buf_append(b, run, (size_t)(p - run));
}

void html_attr(struct buf *b, const char *text)
{
    html_txt(b, text);
}

/* Percent-encode everything outside the RFC 3986 unreserved set. */
void html_url_arg(struct buf *b, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p;

    if (text == NULL)
        return;
    for (p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
            *p == '.' || *p == '~') {
            buf_putc(b, (char)*p);
        } else {
            char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
            buf_append(b, e, 3);
        }
    }
}

void html_int(struct buf *b, long long v)
{
    buf_printf(b, "%lld", v);
}

/* Print with a dot as decimal separator regardless of LC_NUMERIC. A value
 * that is not finite, or too large to print, prints as 0 and marks the
 * buffer failed (a chart with such a value is a bug, not a picture). */
void html_num(struct buf *b, double v, int decimals)
{
    char tmp[64];
    char *c;
    int n;

    if (!isfinite(v) || decimals < 0 || decimals > 10) {
        buf_puts(b, "0");
        b->failed = 1;
        return;
    }
    n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        buf_puts(b, "0");
        b->failed = 1;
        return;
    }
    c = strchr(tmp, ',');
    if (c)
        *c = '.';
    buf_puts(b, tmp);
}

void html_link(struct buf *b, const char *href, const char *text)
{
    html_lit(b, "<a href=\"");
    html_attr(b, href);
    html_lit(b, "\">");
    html_txt(b, text);
    html_lit(b, "</a>");
}
