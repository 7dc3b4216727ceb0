/* page.c - page frame, error page, citations, forms, tables, assets,
 * and the readings the pages share: ids, years, dates (see page.h). */
#include "page.h"
#include "calendar.h"
#include "html.h"
#include "sqljson.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The years a page accepts in ?jaar= or a form (page_year). */
#define PAGE_YEAR_MIN 2000
#define PAGE_YEAR_MAX 2100

static const struct {
    const char *href;
    const char *label;
} nav_items[] = {
    { "/", "Overzicht" },
    { "/overleggen", "Overleggen" },
    { "/vergaderingen", "Vergaderingen" },
    { "/doelen", "Doelen" },
    { "/knelpunten", "Knelpunten" },
    { "/verzoeken", "Verzoeken" },
    { "/consultaties", "Consultaties" },
    { "/initiatieven", "Initiatieven" },
    { "/organisaties", "Organisaties" },
    { "/gremia", "Gremia" },
    { "/monitor", "Monitor" },
    { "/risicos", "Risico's" },
    { "/evaluatie", "Evaluatie" },
};

void page_csrf_field(struct req *r)
{
    const char *tok = req_logged_in(r) ? r->csrf
                                       : req_cookie(r, HTTP_LOGIN_CSRF_COOKIE);

    html_lit(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_attr(&r->out, tok ? tok : "");
    html_lit(&r->out, "\">");
}

void page_begin(struct req *r, const char *title, const char *nav)
{
    struct buf *b = &r->out;
    size_t i;

    r->ctype = "text/html; charset=utf-8";
    buf_reset(b);
    html_lit(b, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
                "<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">\n<title>");
    html_txt(b, title);
    html_lit(b, " — Koers</title>\n"
                "<link rel=\"stylesheet\" "
                "href=\"/assets/vendor/rhc-design-tokens.css\">\n"
                "<link rel=\"stylesheet\" "
                "href=\"/assets/vendor/rhc-components.css\">\n"
                "<link rel=\"stylesheet\" href=\"/assets/koers.css\">\n"
                "</head>\n<body class=\"rhc-theme utrecht-document\">\n"
                "<a class=\"nl-skip-link nl-skip-link--visible-on-focus\" "
                "href=\"#inhoud\">Ga direct naar de inhoud</a>\n"
                "<header class=\"koers-header\"><div class=\"koers-container "
                "koers-header__inner\"><a class=\"koers-header__title\" "
                "href=\"/\">Koers <span class=\"koers-header__subtitle\">"
                "— Actieplan Groene en Digitale Banen</span></a>"
                "<div class=\"koers-header__user\">");
    if (req_logged_in(r)) {
        html_txt(b, r->who.name);
        html_lit(b, " (");
        html_txt(b, perm_role_label(r->who.role));
        html_lit(b, ") <form method=\"post\" action=\"/uitloggen\" "
                    "class=\"koers-inline\">");
        page_csrf_field(r);
        html_lit(b, "<button class=\"utrecht-button "
                    "utrecht-button--secondary-action\" type=\"submit\">"
                    "Uitloggen</button></form>");
    } else {
        html_lit(b, "<a href=\"/inloggen\">Inloggen</a>");
    }
    html_lit(b, "</div></div></header>\n"
                "<div class=\"rhc-nav-bar__container\"><nav "
                "class=\"rhc-nav-bar\" aria-label=\"Hoofdmenu\">"
                "<ul class=\"rhc-nav-bar__list\">");
    for (i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
        int active = nav && strcmp(nav, nav_items[i].href) == 0;
        html_lit(b, "<li><a class=\"nl-link rhc-nav-bar__link\" href=\"");
        html_attr(b, nav_items[i].href);
        html_lit(b, active ? "\" aria-current=\"page\">" : "\">");
        html_txt(b, nav_items[i].label);
        html_lit(b, "</a></li>");
    }
    if (req_logged_in(r)) {
        int active = nav && strcmp(nav, "/inbox") == 0;
        html_lit(b, active ? "<li><a class=\"nl-link rhc-nav-bar__link\" "
                             "href=\"/inbox\" aria-current=\"page\">"
                           : "<li><a class=\"nl-link rhc-nav-bar__link\" "
                             "href=\"/inbox\">");
        html_lit(b, "Inbox</a></li>");
    }
    if (req_logged_in(r) &&
        perm_allowed(r->who.role, r->who.scope, ACT_VERGADERING_PLANNEN,
                     r->who.scope[0] ? r->who.scope : NULL)) {
        int active = nav && strcmp(nav, "/secretariaat") == 0;
        html_lit(b, active ? "<li><a class=\"nl-link rhc-nav-bar__link\" "
                             "href=\"/secretariaat\" aria-current=\"page\">"
                           : "<li><a class=\"nl-link rhc-nav-bar__link\" "
                             "href=\"/secretariaat\">");
        html_lit(b, "Secretariaat</a></li>");
    }
    if (req_logged_in(r) && r->who.role == ROLE_BEHEERDER)
        html_lit(b, "<li><a class=\"nl-link rhc-nav-bar__link\" "
                    "href=\"/beheer\">Beheer</a></li>");
    html_lit(b, "</ul></nav></div>\n<main id=\"inhoud\" "
                "class=\"koers-container koers-main\" tabindex=\"-1\">\n"
                "<h1 class=\"nl-heading nl-heading--level-1\">");
    html_txt(b, title);
    html_lit(b, "</h1>\n");
}

void page_end(struct req *r)
{
    html_lit(&r->out,
             "</main>\n<footer class=\"utrecht-page-footer koers-footer\">"
             "<div class=\"koers-container\">"
             "<p class=\"nl-paragraph\">Koers ondersteunt de governance "
             "van het Actieplan Groene en Digitale Banen, volgens het "
             "Adviesrapport Governance (30 oktober 2023).</p>"
             "<ul class=\"koers-footer__list\">"
             "<li><a href=\"/toegankelijkheid\">Toegankelijkheid</a></li>"
             "<li><a href=\"/rapport\">Het rapport</a></li>"
             "<li><a href=\"/api/v1/openapi.json\">API (OpenAPI)</a></li>"
             "<li><a href=\"/over\">Over Koers en licentie</a></li></ul>"
             "</div></footer>\n</body>\n</html>\n");
}

void page_error(struct req *r, int status, const char *title,
                const char *detail)
{
    r->status = status;
    page_begin(r, title, NULL);
    page_alert(r, "error", detail);
    html_lit(&r->out, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                      "href=\"/\">Naar het overzicht</a></p>\n");
    page_end(r);
}

void page_alert_open(struct req *r, const char *kind)
{
    html_lit(&r->out, "<div class=\"utrecht-alert utrecht-alert--");
    html_attr(&r->out, kind);
    html_lit(&r->out, strcmp(kind, "error") == 0 ? "\" role=\"alert\">"
                                                 : "\" role=\"status\">");
    html_lit(&r->out, "<div class=\"utrecht-alert__content\"><div "
                      "class=\"utrecht-alert__message\">");
}

void page_alert_close(struct req *r)
{
    html_lit(&r->out, "</div></div></div>\n");
}

void page_alert(struct req *r, const char *kind, const char *text)
{
    page_alert_open(r, kind);
    html_lit(&r->out, "<p class=\"nl-paragraph\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</p>");
    page_alert_close(r);
}

void page_report_href(struct req *r, long long from, long long to)
{
    html_lit(&r->out, "/rapport?van=");
    html_int(&r->out, from);
    html_lit(&r->out, "&amp;tot=");
    html_int(&r->out, to);
    html_lit(&r->out, "#r");
    html_int(&r->out, from);
}

/* "X" or, when the range has more than one line, "X–Y". */
static void line_range(struct buf *b, long long from, long long to)
{
    html_int(b, from);
    if (to != from) {
        html_lit(b, "–");
        html_int(b, to);
    }
}

void page_bron(struct req *r, const char *section, long long from,
               long long to)
{
    struct buf *b = &r->out;

    if (section == NULL || section[0] == '\0')
        return;
    html_lit(b, "<p class=\"koers-bron\">Bron: rapport §");
    html_txt(b, section);
    html_lit(b, ", <a href=\"");
    page_report_href(r, from, to);
    html_lit(b, "\">regels ");
    line_range(b, from, to);
    html_lit(b, "</a></p>");
}

int page_bron_link(struct req *r, json_t *bron)
{
    long long from = sqljson_int(bron, "van"), to = sqljson_int(bron, "tot");

    if (!json_is_object(bron) || from < 1)
        return -1;
    if (to < from)
        to = from;
    html_lit(&r->out, "<a class=\"nl-link\" href=\"");
    page_report_href(r, from, to);
    html_lit(&r->out, from == to ? "\">regel " : "\">regels ");
    line_range(&r->out, from, to);
    html_lit(&r->out, "</a>");
    return 0;
}

/* The content type of an asset by its extension; NULL for a file type
 * that is not served. */
static const char *asset_type(const char *path)
{
    static const struct {
        const char *ext;
        const char *type;
    } types[] = {
        { ".css", "text/css; charset=utf-8" },
        { ".svg", "image/svg+xml" },
        { ".png", "image/png" },
        { ".woff2", "font/woff2" },
        { ".woff", "font/woff" },
        { ".ico", "image/x-icon" },
    };
    const char *dot = strrchr(path, '.');
    size_t i;

    for (i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return NULL;
}

/* Serve web_dir/rel. Only [A-Za-z0-9._/-] is allowed, no segment may start
 * with a dot (no "..", no hidden files), and the resolved real path must
 * stay inside the web directory (symlinks cannot escape it). */
void page_asset(struct req *r, const char *rel)
{
    char joined[PATH_MAX], real[PATH_MAX], root[PATH_MAX];
    const char *p, *type;
    struct stat st;
    int fd;

    for (p = rel; *p; p++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
                 *p == '.' || *p == '/';
        if (!ok || (*p == '.' && (p == rel || p[-1] == '/')))
            goto notfound;
    }
    type = asset_type(rel);
    if (type == NULL || rel[0] == '\0')
        goto notfound;
    if ((size_t)snprintf(joined, sizeof joined, "%s/%s", r->web_dir, rel)
            >= sizeof joined ||
        realpath(r->web_dir, root) == NULL || realpath(joined, real) == NULL)
        goto notfound;
    if (strncmp(real, root, strlen(root)) != 0 || real[strlen(root)] != '/')
        goto notfound;
    fd = open(real, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        goto notfound;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        goto notfound;
    }
    r->file_fd = fd;
    r->file_size = (long long)st.st_size;
    r->ctype = type;
    r->status = 200;
    resp_header(r, "Cache-Control", "public, max-age=3600");
    return;
notfound:
    page_error(r, 404, "Niet gevonden", "Dit bestand bestaat niet.");
}

/* The start of a form field up to and including the open input div: the
 * wrapper (invalid with err), the label for "veld-NAME" (with "(niet
 * verplicht)" when `optional`) and the error message "veld-NAME-fout". */
static void field_start(struct buf *b, const char *name, const char *label,
                        int optional, const char *err)
{
    html_lit(b, err ? "<div class=\"utrecht-form-field "
                      "utrecht-form-field--invalid\">"
                    : "<div class=\"utrecht-form-field\">");
    html_lit(b, "<div class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"veld-");
    html_attr(b, name);
    html_lit(b, "\">");
    html_txt(b, label);
    if (optional)
        html_lit(b, " <span class=\"koers-muted\">(niet verplicht)</span>");
    html_lit(b, "</label></div>");
    if (err) {
        html_lit(b, "<div class=\"utrecht-form-field__error-message "
                    "utrecht-form-field-error-message\" id=\"veld-");
        html_attr(b, name);
        html_lit(b, "-fout\">");
        html_txt(b, err);
        html_lit(b, "</div>");
    }
    html_lit(b, "<div class=\"utrecht-form-field__input\">");
}

/* The id and name attributes of the control of field `name`. */
static void control_names(struct buf *b, const char *name)
{
    html_lit(b, " id=\"veld-");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\"");
}

/* With err, the attributes that mark a control invalid and point at the
 * message written by field_start; nothing without. */
static void control_invalid(struct buf *b, const char *name, const char *err)
{
    if (err == NULL)
        return;
    html_lit(b, " aria-invalid=\"true\" aria-describedby=\"veld-");
    html_attr(b, name);
    html_lit(b, "-fout\"");
}

void page_field(struct req *r, const char *name, const char *label,
                const char *type, const char *value, const char *err,
                int required)
{
    struct buf *b = &r->out;
    int area = strcmp(type, "textarea") == 0;

    field_start(b, name, label, !required, err);
    if (area)
        html_lit(b, err ? "<textarea class=\"utrecht-textarea "
                          "utrecht-textarea--html-textarea "
                          "utrecht-textarea--invalid\" rows=\"5\""
                        : "<textarea class=\"utrecht-textarea "
                          "utrecht-textarea--html-textarea\" rows=\"5\"");
    else
        html_lit(b, err ? "<input class=\"utrecht-textbox "
                          "utrecht-textbox--html-input "
                          "utrecht-textbox--invalid\""
                        : "<input class=\"utrecht-textbox "
                          "utrecht-textbox--html-input\"");
    control_names(b, name);
    if (!area) {
        html_lit(b, " type=\"");
        html_attr(b, type);
        html_lit(b, "\"");
        if (strcmp(type, "password") == 0)
            html_lit(b, " autocomplete=\"current-password\"");
    }
    if (required)
        html_lit(b, " required");
    control_invalid(b, name, err);
    if (area) {
        html_lit(b, ">");
        html_txt(b, value ? value : "");
        html_lit(b, "</textarea>");
    } else {
        html_lit(b, " value=\"");
        html_attr(b, value ? value : "");
        html_lit(b, "\">");
    }
    html_lit(b, "</div></div>\n");
}

void page_field_placeholder(struct req *r, const char *name,
                            const char *label, const char *value,
                            const char *placeholder, const char *err,
                            int required)
{
    struct buf *b = &r->out;

    field_start(b, name, label, !required, err);
    html_lit(b, err ? "<input class=\"utrecht-textbox "
                      "utrecht-textbox--html-input "
                      "utrecht-textbox--invalid\" type=\"text\""
                    : "<input class=\"utrecht-textbox "
                      "utrecht-textbox--html-input\" type=\"text\"");
    control_names(b, name);
    html_lit(b, " placeholder=\"");
    html_attr(b, placeholder);
    html_lit(b, "\"");
    if (required)
        html_lit(b, " required");
    control_invalid(b, name, err);
    html_lit(b, " value=\"");
    html_attr(b, value ? value : "");
    html_lit(b, "\"></div></div>\n");
}

void page_submit(struct req *r, const char *label, int primary)
{
    html_lit(&r->out, primary ? "<div class=\"koers-actions\"><button "
                                "class=\"utrecht-button utrecht-button--"
                                "primary-action\" type=\"submit\">"
                              : "<div class=\"koers-actions\"><button "
                                "class=\"utrecht-button utrecht-button--"
                                "secondary-action\" type=\"submit\">");
    html_txt(&r->out, label);
    html_lit(&r->out, "</button></div>");
}

void page_select(struct req *r, const char *name, const char *label,
                 const char *const *values, const char *const *labels,
                 const char *selected, const char *empty, const char *err)
{
    struct buf *b = &r->out;
    size_t i;

    field_start(b, name, label, 0, err);
    html_lit(b, err ? "<select class=\"utrecht-select "
                      "utrecht-select--html-select utrecht-select--invalid\""
                    : "<select class=\"utrecht-select "
                      "utrecht-select--html-select\"");
    control_names(b, name);
    control_invalid(b, name, err);
    html_lit(b, ">");
    if (empty) {
        html_lit(b, "<option value=\"\">");
        html_txt(b, empty);
        html_lit(b, "</option>");
    }
    for (i = 0; values[i]; i++) {
        html_lit(b, "<option value=\"");
        html_attr(b, values[i]);
        html_lit(b, selected && strcmp(selected, values[i]) == 0
                        ? "\" selected>" : "\">");
        html_txt(b, labels[i]);
        html_lit(b, "</option>");
    }
    html_lit(b, "</select></div></div>\n");
}

void page_h2(struct req *r, const char *text)
{
    html_lit(&r->out, "<h2 class=\"nl-heading nl-heading--level-2\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</h2>\n");
}

void page_h2_id(struct req *r, const char *id, const char *text)
{
    html_lit(&r->out, "<h2 class=\"nl-heading nl-heading--level-2\" id=\"");
    html_attr(&r->out, id);
    html_lit(&r->out, "\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</h2>\n");
}

void page_para(struct req *r, const char *text)
{
    html_lit(&r->out, "<p class=\"nl-paragraph\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</p>\n");
}

void page_dl_item(struct req *r, const char *label, const char *text)
{
    if (text == NULL || text[0] == '\0')
        return;
    html_lit(&r->out, "<dt>");
    html_txt(&r->out, label);
    html_lit(&r->out, "</dt><dd>");
    html_txt(&r->out, text);
    html_lit(&r->out, "</dd>");
}

void page_choices_free(struct page_choices *c)
{
    free(c->v);
    free(c->l);
    free(c->num);
    memset(c, 0, sizeof *c);
}

int page_choices_from(struct page_choices *c, json_t *arr, const char *vkey,
                      const char *lkey, int numeric, size_t extra)
{
    size_t n = json_array_size(arr), i;
    json_t *o;

    memset(c, 0, sizeof *c);
    c->v = calloc(n + extra + 1, sizeof *c->v);
    c->l = calloc(n + extra + 1, sizeof *c->l);
    c->num = calloc(n + 1, sizeof *c->num);
    if (c->v == NULL || c->l == NULL || c->num == NULL) {
        page_choices_free(c);
        return -1;
    }
    json_array_foreach(arr, i, o) {
        if (numeric) {
            snprintf(c->num[i], sizeof c->num[i], "%lld",
                     sqljson_int(o, vkey));
            c->v[c->n] = c->num[i];
        } else {
            c->v[c->n] = sqljson_str(o, vkey);
        }
        c->l[c->n++] = sqljson_str(o, lkey);
    }
    return 0;
}

void page_choices_add(struct page_choices *c, const char *v, const char *l)
{
    c->v[c->n] = v;
    c->l[c->n++] = l;
}

void page_table_open(struct req *r, const char *id, const char *caption,
                     const char *const *cols)
{
    struct buf *b = &r->out;
    size_t i;

    html_lit(b, "<div class=\"koers-table-scroll\" role=\"region\" "
                "aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "\" tabindex=\"0\"><table class=\"utrecht-table "
                "utrecht-table--html-table\"><caption id=\"");
    html_attr(b, id);
    html_lit(b, "\" class=\"utrecht-table__caption\">");
    html_txt(b, caption);
    html_lit(b, "</caption><thead class=\"utrecht-table__header\">"
                "<tr class=\"utrecht-table__row\">");
    for (i = 0; cols[i]; i++) {
        const char *col = cols[i];

        if (col[0] == '#') {
            html_lit(b, "<th class=\"utrecht-table__header-cell "
                        "utrecht-table__header-cell--numeric-column\" "
                        "scope=\"col\">");
            col++;
        } else {
            html_lit(b, "<th class=\"utrecht-table__header-cell\" "
                        "scope=\"col\">");
        }
        html_txt(b, col);
        html_lit(b, "</th>");
    }
    html_lit(b, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

void page_table_close(struct req *r)
{
    html_lit(&r->out, "</tbody></table></div>\n");
}

void page_td_open(struct req *r)
{
    html_lit(&r->out, "<td class=\"utrecht-table__cell\">");
}

void page_th_row_open(struct req *r)
{
    html_lit(&r->out, "<th class=\"utrecht-table__header-cell\" "
                      "scope=\"row\">");
}

void page_td_num(struct req *r, long long v)
{
    html_lit(&r->out, "<td class=\"utrecht-table__cell "
                      "utrecht-table__cell--numeric-column "
                      "utrecht-table__cell--numeric-data\">");
    html_int(&r->out, v);
    html_lit(&r->out, "</td>");
}

void page_td_pct(struct req *r, double v)
{
    html_lit(&r->out, "<td class=\"utrecht-table__cell "
                      "utrecht-table__cell--numeric-column "
                      "utrecht-table__cell--numeric-data\">");
    html_int(&r->out, (long long)(v + 0.5));
    html_lit(&r->out, "%</td>");
}

void page_td(struct req *r, json_t *row, const char *key)
{
    json_t *v = json_object_get(row, key);

    page_td_open(r);
    if (json_is_string(v) && json_string_value(v)[0])
        html_txt(&r->out, json_string_value(v));
    else if (json_is_integer(v))
        html_int(&r->out, json_integer_value(v));
    else
        html_lit(&r->out, "—");
    html_lit(&r->out, "</td>");
}

void page_bron_json(struct req *r, json_t *obj, const char *key)
{
    json_t *s = json_object_get(obj, key);

    if (!json_is_object(s))
        return;
    page_bron(r, sqljson_str(s, "sectie"), sqljson_int(s, "van"),
              sqljson_int(s, "tot"));
}

void page_cited_list(struct req *r, json_t *list)
{
    json_t *d;
    size_t i;

    html_lit(&r->out, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(list, i, d) {
        html_lit(&r->out, "<li class=\"utrecht-unordered-list__item\">");
        html_txt(&r->out, sqljson_str(d, "tekst"));
        page_bron_json(r, d, "bron");
        html_lit(&r->out, "</li>");
    }
    html_lit(&r->out, "</ul>");
}

void page_text_list(struct req *r, json_t *list, const char *key)
{
    json_t *x;
    size_t i;

    html_lit(&r->out, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(list, i, x) {
        html_lit(&r->out, "<li class=\"utrecht-unordered-list__item\">");
        html_txt(&r->out, sqljson_str(x, key));
        html_lit(&r->out, "</li>");
    }
    html_lit(&r->out, "</ul>\n");
}

void page_redirect(struct req *r, const char *base, const char *code,
                   const char *query)
{
    struct buf loc;

    buf_init(&loc, 512);
    buf_puts(&loc, base);
    html_url_arg(&loc, code);
    buf_puts(&loc, query);
    resp_redirect(r, buf_str(&loc));
    buf_free(&loc);
}

void page_link(struct req *r, const char *base, const char *code,
               const char *text)
{
    html_lit(&r->out, "<a class=\"nl-link\" href=\"");
    html_attr(&r->out, base);
    html_url_arg(&r->out, code);
    html_lit(&r->out, "\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</a>");
}

void page_code_link(struct req *r, const char *base, json_t *obj)
{
    page_link(r, base, sqljson_str(obj, "code"), sqljson_str(obj, "naam"));
}

void page_date_long(struct req *r, const char *s)
{
    char d[11], out[64];
    long days;

    snprintf(d, sizeof d, "%.10s", s ? s : "");
    if (cal_parse_date(d, &days) != 0) {
        html_txt(&r->out, s ? s : "");
        return;
    }
    cal_format_long(days, out, sizeof out);
    html_txt(&r->out, out);
}

json_t *page_by_code(json_t *arr, const char *code)
{
    json_t *x;
    size_t i;

    json_array_foreach(arr, i, x)
        if (strcmp(sqljson_str(x, "code"), code) == 0)
            return x;
    return NULL;
}

const char *page_code_name(json_t *arr, const char *code)
{
    json_t *x = page_by_code(arr, code);

    return x ? sqljson_str(x, "naam") : code;
}

long long page_parse_id(const char *s)
{
    char *end;
    long long v;

    if (s == NULL || s[0] < '1' || s[0] > '9' || strlen(s) > 15)
        return -1;
    v = strtoll(s, &end, 10);
    return *end == '\0' ? v : -1;
}

int page_parse_year(const char *s)
{
    char *end;
    long v;

    if (s == NULL || strlen(s) != 4)
        return -1;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < PAGE_YEAR_MIN || v > PAGE_YEAR_MAX)
        return -1;
    return (int)v;
}

int page_year(struct req *r, const char *s, int dflt)
{
    int y;

    if ((s == NULL || s[0] == '\0') && dflt >= 0)
        return dflt;
    y = page_parse_year(s);
    if (y < 0)
        page_error(r, 400, "Ongeldig jaar", "Een jaar is een getal van "
                   "2000 tot en met 2100.");
    return y;
}

void page_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;

    if (localtime_r(&now, &tm) == NULL) {
        snprintf(out, 11, "2000-01-01");
        return;
    }
    snprintf(out, 11, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday);
}

int page_current_year(void)
{
    char d[11];

    page_today(d);
    return atoi(d);
}

void page_base_url(struct req *r, char *out, size_t len)
{
    const char *h = req_header(r, "Host");
    const char *sec = getenv("KOERS_SECURE_COOKIES");
    const char *p;

    for (p = h; p && *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
              *p == ':'))
            h = NULL;
    snprintf(out, len, "%s://%s", sec && strcmp(sec, "1") == 0 ? "https"
                                                               : "http",
             h && h[0] ? h : "localhost");
}

const char *page_nonempty(const char *s)
{
    return s && s[0] ? s : NULL;
}

void page_set_text(json_t *in, const char *key, const char *v)
{
    if (v && v[0])
        json_object_set_new(in, key, json_string(v));
}

void page_h3(struct req *r, const char *text)
{
    html_lit(&r->out, "<h3 class=\"nl-heading nl-heading--level-3\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</h3>\n");
}

void page_text_block(struct req *r, const char *s, size_t max_chars)
{
    struct buf *b = &r->out, line;
    const char *p = s;
    int open = 0, blank = 0;

    buf_init(&line, 4 * max_chars + 1);
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *t;

        buf_reset(&line);
        buf_append(&line, p, len && p[len - 1] == '\r' ? len - 1 : len);
        for (t = buf_str(&line); *t == ' ' || *t == '\t'; t++)
            ;
        if (*t == '\0') {
            blank = 1;
        } else {
            if (open && blank) {
                html_lit(b, "</p>\n");
                open = 0;
            }
            html_lit(b, open ? "<br>" : "<p class=\"nl-paragraph\">");
            open = 1;
            blank = 0;
            html_txt(b, buf_str(&line));
        }
        p = nl ? nl + 1 : p + len;
    }
    if (open)
        html_lit(b, "</p>\n");
    buf_free(&line);
}

void page_id_link(struct req *r, const char *base, long long id,
                  const char *text)
{
    char idtxt[24];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    page_link(r, base, idtxt, text);
}

void page_redirect_id(struct req *r, const char *base, long long id,
                      const char *query)
{
    char idtxt[24];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    page_redirect(r, base, idtxt, query);
}

long long page_path_id(struct req *r, const char *what)
{
    long long id = page_parse_id(r->param[0]);

    if (id < 0)
        page_error(r, 404, "Niet gevonden", what);
    return id;
}

void page_href_arg(struct req *r, const char *name, const char *value)
{
    if (value == NULL)
        return;
    html_lit(&r->out, "&amp;");
    html_url_arg(&r->out, name);
    html_lit(&r->out, "=");
    html_url_arg(&r->out, value);
}

void page_pager(struct req *r, page_href_fn href, const void *ctx,
                long long page, long long pages)
{
    struct buf *b = &r->out;

    if (pages <= 1)
        return;
    html_lit(b, "<nav aria-label=\"Paginering\"><p class=\"nl-paragraph "
                "koers-actions\">");
    if (page > 1) {
        html_lit(b, "<a class=\"nl-link\" href=\"");
        href(r, ctx, page - 1);
        html_lit(b, "\">Vorige pagina</a> ");
    }
    html_lit(b, "<span>Pagina ");
    html_int(b, page);
    html_lit(b, " van ");
    html_int(b, pages);
    html_lit(b, "</span>");
    if (page < pages) {
        html_lit(b, " <a class=\"nl-link\" href=\"");
        href(r, ctx, page + 1);
        html_lit(b, "\">Volgende pagina</a>");
    }
    html_lit(b, "</p></nav>\n");
}
