/* page.c - page frame, error page, citations, assets (see page.h). */
#include "page.h"
#include "html.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *href;
    const char *label;
} nav_items[] = {
    { "/", "Overzicht" },
    { "/overleggen", "Overleggen" },
    { "/rollen", "Rollen" },
    { "/organisaties", "Organisaties" },
    { "/personen", "Personen" },
    { "/gremia", "Gremia" },
    { "/risicos", "Risico's" },
    { "/implementatieplan", "Implementatieplan" },
    { "/indicatoren", "Monitor" },
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
                "<link rel=\"stylesheet\" href=\"/assets/vendor/nlds.css\">\n"
                "<link rel=\"stylesheet\" href=\"/assets/koers.css\">\n"
                "</head>\n<body class=\"utrecht-page-body "
                "rhc-theme utrecht-theme\">\n"
                "<a class=\"utrecht-skip-link\" href=\"#inhoud\">"
                "Naar de inhoud</a>\n"
                "<header class=\"koers-header\"><div class=\"koers-wrap\">"
                "<a class=\"koers-logo\" href=\"/\">Koers"
                "<span> — Actieplan Groene en Digitale Banen</span></a>"
                "<div class=\"koers-user\">");
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
        html_lit(b, "<a class=\"utrecht-link\" href=\"/inloggen\">"
                    "Inloggen</a>");
    }
    html_lit(b, "</div></div></header>\n"
                "<nav class=\"koers-nav\" aria-label=\"Hoofdmenu\">"
                "<ul class=\"koers-wrap\">");
    for (i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
        int active = nav && strcmp(nav, nav_items[i].href) == 0;
        html_lit(b, "<li><a href=\"");
        html_attr(b, nav_items[i].href);
        html_lit(b, active ? "\" aria-current=\"page\">" : "\">");
        html_txt(b, nav_items[i].label);
        html_lit(b, "</a></li>");
    }
    if (req_logged_in(r) && r->who.role == ROLE_BEHEERDER)
        html_lit(b, "<li><a href=\"/beheer\">Beheer</a></li>");
    html_lit(b, "</ul></nav>\n<main id=\"inhoud\" class=\"koers-wrap "
                "koers-main\">\n<h1 class=\"utrecht-heading-1\">");
    html_txt(b, title);
    html_lit(b, "</h1>\n");
}

void page_end(struct req *r)
{
    html_lit(&r->out,
             "</main>\n<footer class=\"koers-footer\"><div class=\"koers-wrap\">"
             "<p class=\"utrecht-paragraph\">Koers ondersteunt de governance "
             "van het Actieplan Groene en Digitale Banen, volgens het "
             "Adviesrapport Governance (30 oktober 2023).</p>"
             "<ul><li><a class=\"utrecht-link\" href=\"/toegankelijkheid\">"
             "Toegankelijkheid</a></li>"
             "<li><a class=\"utrecht-link\" href=\"/rapport\">Het rapport"
             "</a></li>"
             "<li><a class=\"utrecht-link\" href=\"/api/v1/openapi.json\">"
             "API (OpenAPI)</a></li>"
             "<li><a class=\"utrecht-link\" href=\"/over\">Over Koers "
             "en licentie</a></li></ul>"
             "</div></footer>\n</body>\n</html>\n");
}

void page_error(struct req *r, int status, const char *title,
                const char *detail)
{
    r->status = status;
    page_begin(r, title, NULL);
    html_lit(&r->out, "<div class=\"utrecht-alert utrecht-alert--error\" "
                      "role=\"alert\"><p class=\"utrecht-paragraph\">");
    html_txt(&r->out, detail);
    html_lit(&r->out, "</p></div>\n<p class=\"utrecht-paragraph\">"
                      "<a class=\"utrecht-link\" href=\"/\">Naar het "
                      "overzicht</a></p>\n");
    page_end(r);
}

void page_alert(struct req *r, const char *kind, const char *text)
{
    html_lit(&r->out, "<div class=\"utrecht-alert utrecht-alert--");
    html_attr(&r->out, kind);
    html_lit(&r->out, strcmp(kind, "error") == 0 ? "\" role=\"alert\">"
                                                 : "\" role=\"status\">");
    html_lit(&r->out, "<p class=\"utrecht-paragraph\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</p></div>\n");
}

void page_bron(struct req *r, const char *section, long long from,
               long long to)
{
    struct buf *b = &r->out;

    if (section == NULL || section[0] == '\0')
        return;
    html_lit(b, "<p class=\"koers-bron\">Bron: rapport §");
    html_txt(b, section);
    html_lit(b, ", <a href=\"/rapport?van=");
    html_int(b, from);
    html_lit(b, "&amp;tot=");
    html_int(b, to);
    html_lit(b, "#r");
    html_int(b, from);
    html_lit(b, "\">regels ");
    html_int(b, from);
    if (to != from) {
        html_lit(b, "–");
        html_int(b, to);
    }
    html_lit(b, "</a></p>");
}

static const char *asset_type(const char *path)
{
    const char *dot = strrchr(path, '.');

    if (dot == NULL)
        return NULL;
    if (strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (strcmp(dot, ".png") == 0)
        return "image/png";
    if (strcmp(dot, ".woff2") == 0)
        return "font/woff2";
    if (strcmp(dot, ".woff") == 0)
        return "font/woff";
    if (strcmp(dot, ".ico") == 0)
        return "image/x-icon";
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
