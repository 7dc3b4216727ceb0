/* page.h - the HTML page frame and shared page parts.
 *
 * Owns: the layout every page shares (head, skip link, header, main
 * navigation, footer), the Dutch error page, the rendering of a report
 * citation ("Bron: ..."), the CSRF field of forms, and serving static
 * assets from the web directory without path traversal. Pages write into
 * r->out only through html.h. */
#ifndef KOERS_PAGE_H
#define KOERS_PAGE_H

#include "http.h"

/* Start a page: sets status 200 (unless already set), content type, and
 * writes everything up to and including <main>. `nav` is the path of the
 * active navigation item ("/" or "/overleggen" ...). */
void page_begin(struct req *r, const char *title, const char *nav);
void page_end(struct req *r);
void page_error(struct req *r, int status, const char *title,
                const char *detail);
/* A citation of the report: section and line range, linked to the lines.
 * Writes nothing when section is empty. */
void page_bron(struct req *r, const char *section, long long from,
               long long to);
/* <input type=hidden name=csrf> for the current session or login form. */
void page_csrf_field(struct req *r);
/* An alert box: kind is "info", "error" or "ok". */
void page_alert(struct req *r, const char *kind, const char *text);
void page_asset(struct req *r, const char *rel);

#endif
