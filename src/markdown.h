/* markdown.h - minutes in Markdown, checked and rendered safely (cmark).
 *
 * Owns: the rule that minutes are plain CommonMark: raw HTML (blocks or
 * inline) and links or images with a scheme other than http, https or
 * mailto (javascript:, data:, ...) are refused with a precise Dutch
 * message, and rendering always uses cmark's safe mode as well. */
#ifndef KOERS_MARKDOWN_H
#define KOERS_MARKDOWN_H

#include <stddef.h>

#define MARKDOWN_MAX 100000   /* characters of minutes */

/* 0 when acceptable; -1 with a Dutch reason in err. */
int markdown_check(const char *text, char *err, size_t errlen);
/* HTML for the text (caller frees), or NULL on allocation failure. */
char *markdown_html(const char *text);

#endif
