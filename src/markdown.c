/* markdown.c - Markdown checking and safe rendering (see markdown.h). */
#include "markdown.h"

#include <cmark.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Allowed link targets: relative (no scheme), http, https, mailto. The
 * scheme is what precedes the first ':' when no '/', '?' or '#' comes
 * before it; whitespace and control characters inside it do not help an
 * attacker ("java\tscript:") because any such URL is refused. */
static int url_ok(const char *url)
{
    const char *p;

    for (p = url; *p; p++) {
        if (*p == '/' || *p == '?' || *p == '#')
            return 1;
        if (*p == ':') {
            size_t n = (size_t)(p - url);
            return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
                   (n == 5 && strncasecmp(url, "https", 5) == 0) ||
                   (n == 6 && strncasecmp(url, "mailto", 6) == 0);
        }
        if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' &&
            *p != '.')
            return 0;
    }
    return 1;
}

int markdown_check(const char *text, char *err, size_t errlen)
{
    cmark_node *doc, *node;
    cmark_iter *it;
    cmark_event_type ev;
    int rc = 0;

    doc = cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
    if (doc == NULL) {
        snprintf(err, errlen, "Het verslag kon niet worden gelezen.");
        return -1;
    }
    it = cmark_iter_new(doc);
    while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node_type t;

        if (ev != CMARK_EVENT_ENTER)
            continue;
        node = cmark_iter_get_node(it);
        t = cmark_node_get_type(node);
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
            const char *lit = cmark_node_get_literal(node);
            int len = lit ? (int)strcspn(lit, "\r\n") : 0;

            snprintf(err, errlen, "Het verslag bevat HTML (%.*s) op regel "
                     "%d; gebruik alleen Markdown.", len < 40 ? len : 40,
                     lit ? lit : "", cmark_node_get_start_line(node));
            rc = -1;
        } else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            const char *url = cmark_node_get_url(node);
            if (url && !url_ok(url)) {
                snprintf(err, errlen, "Het verslag bevat op regel %d een "
                         "link met een niet toegestaan adres (%.40s); "
                         "alleen http, https en mailto zijn toegestaan.",
                         cmark_node_get_start_line(node), url);
                rc = -1;
            }
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return rc;
}

char *markdown_html(const char *text)
{
    return cmark_markdown_to_html(text, strlen(text), CMARK_OPT_SAFE);
}
