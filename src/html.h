/* html.h - the one escaping API for HTML and SVG output.
 *
 * Owns: every byte of markup Koers writes. Text goes through html_txt
 * (element content), html_attr (inside a double-quoted attribute) or
 * html_url_arg (one query/path component inside an href). Markup itself is
 * written with html_lit, which only takes string literals by convention
 * (never user text). Numbers go through html_int / html_num, which print
 * with a dot whatever the locale. All functions append to a struct buf. */
#ifndef KOERS_HTML_H
#define KOERS_HTML_H

#include "buf.h"

void html_lit(struct buf *b, const char *markup);
void html_txt(struct buf *b, const char *text);
void html_attr(struct buf *b, const char *text);
void html_url_arg(struct buf *b, const char *text);
void html_int(struct buf *b, long long v);
void html_num(struct buf *b, double v, int decimals);
/* <a href="HREF">TEXT</a> with HREF as an attribute, TEXT escaped. */
void html_link(struct buf *b, const char *href, const char *text);

#endif
