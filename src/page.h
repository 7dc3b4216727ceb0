/* page.h - the HTML page frame and shared page parts.
 *
 * Owns: the layout every page shares (head, skip link, header, main
 * navigation, footer), the Dutch error page, the rendering of a report
 * citation (the "Bron: ..." paragraph and the short link for a table
 * cell), the CSRF field and the fields of forms, the markup of tables,
 * links and cited lists, the redirect after a form, and serving static
 * assets from the web directory without path traversal. Pages write into
 * r->out only through html.h. */
#ifndef KOERS_PAGE_H
#define KOERS_PAGE_H

#include <jansson.h>

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
/* The same from the "bron" member of a JSON object (nothing when null). */
void page_bron_json(struct req *r, json_t *obj, const char *key);
/* A short link to the lines of citation `bron` ({sectie, van, tot}) for a
 * table cell: "regel X" or "regels X–Y". A `tot` before `van` counts as
 * `van`. Returns 0, or -1 without writing anything when bron is not an
 * object or has no line number of 1 or more; the caller then writes its
 * own "none". */
int page_bron_link(struct req *r, json_t *bron);
/* The URL of report lines from..to, scrolled to the first:
 * /rapport?van=FROM&amp;tot=TO#rFROM, for inside a quoted href. */
void page_report_href(struct req *r, long long from, long long to);
/* A list of {tekst, bron} items as an unordered list, each item followed
 * by its citation. */
void page_cited_list(struct req *r, json_t *list);
/* <a class="nl-link" href="BASE+CODE">TEXT</a>; base is a fixed path
 * such as "/organisaties/", code is escaped as a URL argument. */
void page_link(struct req *r, const char *base, const char *code,
               const char *text);
/* The same for a JSON object: base + its "code", with its "naam". */
void page_code_link(struct req *r, const char *base, json_t *obj);
/* Redirect to base + code + query, e.g. ("/personen/", "12",
 * "?opgeslagen=1"); code is escaped as a URL argument. */
void page_redirect(struct req *r, const char *base, const char *code,
                   const char *query);
/* <input type=hidden name=csrf> for the current session or login form. */
void page_csrf_field(struct req *r);
/* An alert box: kind is "info", "error" or "ok". */
void page_alert(struct req *r, const char *kind, const char *text);
void page_asset(struct req *r, const char *rel);

/* A labelled form field (NL Design System form-field markup). `type` is
 * "text", "email", "number", "password" or "textarea"; value and err may
 * be NULL; with err the field is marked invalid and described by it. The
 * input id is "veld-NAME", the error id "veld-NAME-fout". */
void page_field(struct req *r, const char *name, const char *label,
                const char *type, const char *value, const char *err,
                int required);
/* A labelled select of (value, label) pairs; NULL-terminated arrays.
 * `empty` adds a first option with value "" and that label. */
void page_select(struct req *r, const char *name, const char *label,
                 const char *const *values, const char *const *labels,
                 const char *selected, const char *empty, const char *err);
/* A captioned, keyboard-scrollable table with column labels (NULL-
 * terminated) up to the open tbody; rows follow, then page_table_close.
 * `id` names the caption, which labels the scroll region. A label that
 * starts with '#' is a numeric column (the '#' is not shown). */
void page_table_open(struct req *r, const char *id, const char *caption,
                     const char *const *cols);
void page_table_close(struct req *r);
/* <td> with the string or integer member `key` of row, or a dash. */
void page_td(struct req *r, json_t *row, const char *key);
/* A numeric data cell holding v. */
void page_td_num(struct req *r, long long v);
/* The start tags of a data cell and of a row header cell; the caller
 * writes the content and the end tag. */
void page_td_open(struct req *r);
void page_th_row_open(struct req *r);
/* Start/end a page-relative section heading h2. */
void page_h2(struct req *r, const char *text);
/* <dt>label</dt><dd>text</dd>, skipping empty text. */
void page_dl_item(struct req *r, const char *label, const char *text);

#endif
