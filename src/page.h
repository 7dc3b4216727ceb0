/* page.h - the HTML page frame and shared page parts.
 *
 * Owns: the layout every page shares (head, skip link, header, main
 * navigation, footer), the Dutch error page, the rendering of a report
 * citation (the "Bron: ..." paragraph and the short link for a table
 * cell), the CSRF field and the fields of forms, the markup of headings,
 * paragraphs, alerts, tables, links and cited lists, the redirect after a
 * form, serving static assets from the web directory without path
 * traversal, and the small readings the page families share (ids and
 * years from the path, query or form, today's date, dates in words, the
 * site's own base URL). Pages write into r->out only through html.h. */
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
/* An unordered list of the string member `key` of each object of list
 * (a violation's "melding", a measure's "tekst"). */
void page_text_list(struct req *r, json_t *list, const char *key);
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
/* An alert box: kind is "info", "ok", "warning" or "error" (only an
 * error is role="alert"; the others are role="status"). */
void page_alert(struct req *r, const char *kind, const char *text);
/* The start and end of an alert whose content the caller writes (a list
 * of flags, a link, several paragraphs): page_alert is page_alert_open,
 * one paragraph of text, page_alert_close. */
void page_alert_open(struct req *r, const char *kind);
void page_alert_close(struct req *r);
void page_asset(struct req *r, const char *rel);

/* A labelled form field (NL Design System form-field markup). `type` is
 * "text", "email", "number", "password" or "textarea"; value and err may
 * be NULL; with err the field is marked invalid and described by it. The
 * input id is "veld-NAME", the error id "veld-NAME-fout". */
void page_field(struct req *r, const char *name, const char *label,
                const char *type, const char *value, const char *err,
                int required);
/* page_field for a one-line text input with a placeholder that shows the
 * expected format ("JJJJ-MM-DD", "UU:MM"). The label should say the
 * format too: the placeholder disappears while typing. */
void page_field_placeholder(struct req *r, const char *name,
                            const char *label, const char *value,
                            const char *placeholder, const char *err,
                            int required);
/* The submit button of a form in its actions row; primary or secondary
 * action. */
void page_submit(struct req *r, const char *label, int primary);
/* A labelled select of (value, label) pairs; NULL-terminated arrays.
 * `empty` adds a first option with value "" and that label. */
void page_select(struct req *r, const char *name, const char *label,
                 const char *const *values, const char *const *labels,
                 const char *selected, const char *empty, const char *err);
/* Values and labels for page_select, taken from a JSON array of objects
 * (borrowed: the array must outlive the choices). NULL-terminated. */
struct page_choices {
    const char **v;
    const char **l;
    char (*num)[24];           /* the printed values of a numeric key */
    size_t n;
};
/* Fill c from the objects of arr: value = string member vkey (or, with
 * numeric, the integer member printed), label = string member lkey;
 * `extra` slots stay free for page_choices_add. 0, or -1 when out of
 * memory (c is then empty). */
int page_choices_from(struct page_choices *c, json_t *arr, const char *vkey,
                      const char *lkey, int numeric, size_t extra);
/* Append one choice; the caller reserved the slot with `extra`. */
void page_choices_add(struct page_choices *c, const char *v, const char *l);
/* Free the arrays (not the borrowed strings); an empty c is fine. */
void page_choices_free(struct page_choices *c);
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
/* A numeric data cell "N%", v rounded to a whole percentage. */
void page_td_pct(struct req *r, double v);
/* The start tags of a data cell and of a row header cell; the caller
 * writes the content and the end tag. */
void page_td_open(struct req *r);
void page_th_row_open(struct req *r);
/* Start/end a page-relative section heading h2. */
void page_h2(struct req *r, const char *text);
/* <h2 id="ID">TEXT</h2>, so a link (an error summary, a redirect to
 * #ID) can point at the section. */
void page_h2_id(struct req *r, const char *id, const char *text);
/* <p class="nl-paragraph">TEXT</p> */
void page_para(struct req *r, const char *text);
/* <dt>label</dt><dd>text</dd>, skipping empty text. */
void page_dl_item(struct req *r, const char *label, const char *text);
/* The date part of "YYYY-MM-DD..." in words ("dinsdag 12 juni 2027");
 * text that is not a date (or NULL, as "") is written as it is. */
void page_date_long(struct req *r, const char *s);

/* The object of arr whose "code" is code (borrowed), or NULL: to check
 * a choice from a list such as body_list or organisation_list. */
json_t *page_by_code(json_t *arr, const char *code);
/* The "naam" of that object, or the code itself when there is none. */
const char *page_code_name(json_t *arr, const char *code);

/* A positive id of at most 15 digits, no sign or leading zero, as in a
 * path /vergaderingen/{id} or a select of persons; -1 otherwise
 * (NULL included). */
long long page_parse_id(const char *s);
/* A year of four digits, 2000 to 2100, in s; -1 otherwise (NULL
 * included). */
int page_parse_year(const char *s);
/* The year in s (a query or form value): four digits, 2000 to 2100. An
 * absent or empty s gives dflt when dflt >= 0; otherwise, and for
 * anything that is not such a year, the 400 page "Ongeldig jaar" is
 * answered and -1 returned. */
int page_year(struct req *r, const char *s, int dflt);
/* Today's local date (the server's time zone, Europe/Amsterdam in
 * production) as YYYY-MM-DD; "2000-01-01" when the clock fails. */
void page_today(char out[11]);
/* The year of page_today. */
int page_current_year(void);
/* "http://HOST" for absolute links that leave the page (calendar feeds,
 * the personal feed link): the Host header when it is a plain host[:port],
 * else "localhost"; https when KOERS_SECURE_COOKIES=1 (behind a TLS
 * proxy). */
void page_base_url(struct req *r, char *out, size_t len);

/* ---- parts the list and detail pages share ---- */

/* NULL for an absent or empty value, else s. */
const char *page_nonempty(const char *s);
/* Set key of in to the form field's text v when it is not empty. */
void page_set_text(json_t *in, const char *key, const char *v);
/* A section heading h3. */
void page_h3(struct req *r, const char *text);
/* Multi-line user text: paragraphs at blank lines, <br> within; a line
 * holds at most max_chars characters (the field's limit). */
void page_text_block(struct req *r, const char *s, size_t max_chars);
/* <a class="nl-link" href="BASE+ID">TEXT</a> */
void page_id_link(struct req *r, const char *base, long long id,
                  const char *text);
/* page_redirect to base + id + query. */
void page_redirect_id(struct req *r, const char *base, long long id,
                      const char *query);
/* The id of path parameter 0, or -1 after the 404 page with `what`. */
long long page_path_id(struct req *r, const char *what);
/* "&amp;name=value" in an href, value as URL argument; nothing when
 * value is NULL. */
void page_href_arg(struct req *r, const char *name, const char *value);
/* Writes the href of page `page` of a list, escaped for a quoted
 * attribute; ctx is the caller's (its filters). */
typedef void (*page_href_fn)(struct req *r, const void *ctx,
                             long long page);
/* The pager of a list: "Vorige pagina", "Pagina N van M", "Volgende
 * pagina" in a nav; nothing when there is one page. */
void page_pager(struct req *r, page_href_fn href, const void *ctx,
                long long page, long long pages);

#endif
