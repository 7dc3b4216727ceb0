/* route.c - route matching and shared request checks (see route.h). */
#include "route.h"
#include "api.h"
#include "log.h"
#include "page.h"

#include <stdio.h>
#include <string.h>

/* Match path against pattern; "{x}" matches one non-empty segment. The
 * captured segments are copied into r->param_store. */
static int route_match(struct req *r, const char *pattern, const char *path)
{
    size_t used = 0;

    r->nparam = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *end = strchr(path, '/');
            size_t n = end ? (size_t)(end - path) : strlen(path);

            if (n == 0 || r->nparam == HTTP_MAX_PARAMS ||
                used + n + 1 > sizeof r->param_store)
                return 0;
            memcpy(r->param_store + used, path, n);
            r->param_store[used + n] = '\0';
            r->param[r->nparam++] = r->param_store + used;
            used += n + 1;
            path += n;
            pattern = strchr(pattern, '}');
            if (pattern == NULL)
                return 0;
            pattern++;
        } else if (*pattern == *path) {
            pattern++;
            path++;
        } else {
            return 0;
        }
    }
    return *pattern == '\0' && *path == '\0';
}

void route_error(struct req *r, int status, const char *title,
                 const char *detail)
{
    if (r->is_api)
        api_problem(r, status, title, detail);
    else
        page_error(r, status, title, detail);
}

/* Form posts carry the CSRF token in the field "csrf": for a logged-in
 * user it must equal the session's token; before login (the login form)
 * it must equal the koers_csrf cookie (double submit; the cookie is
 * SameSite=Strict, so another site cannot send it). */
static int route_check_csrf(struct req *r)
{
    const char *sent = req_field(r, "csrf");
    const char *expect;

    if (sent == NULL)
        return 0;
    if (req_logged_in(r))
        expect = r->csrf;
    else
        expect = req_cookie(r, HTTP_LOGIN_CSRF_COOKIE);
    return expect && auth_secret_equal(sent, expect);
}

void route_dispatch(struct req *r)
{
    const struct route *rt, *found = NULL;
    char allow[128] = "";
    size_t plen = strlen(r->path);

    if (plen == 0) {
        route_error(r, 400, "Ongeldig adres",
                    "Het adres is geen geldige UTF-8 of is te lang.");
        return;
    }
    if (r->body_too_large) {
        route_error(r, 413, "Verzoek te groot",
                    "De inhoud van het verzoek is groter dan de "
                    "toegestane 256 KiB.");
        return;
    }
    if (plen > 1 && r->path[plen - 1] == '/') {
        route_error(r, 404, "Niet gevonden",
                    "Adressen eindigen niet op een schuine streep.");
        return;
    }
    if (strncmp(r->path, "/assets/", 8) == 0 &&
        strcmp(r->method, "GET") == 0) {
        page_asset(r, r->path + 8);
        return;
    }
    for (rt = route_table; rt->method; rt++) {
        if (!route_match(r, rt->pattern, r->path))
            continue;
        if (strcmp(rt->method, r->method) == 0) {
            found = rt;
            break;
        }
        if (strlen(allow) + strlen(rt->method) + 3 < sizeof allow) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, rt->method);
        }
    }
    if (found == NULL) {
        if (allow[0]) {
            resp_header(r, "Allow", allow);
            route_error(r, 405, "Methode niet toegestaan",
                        "Deze methode is niet toegestaan op dit adres.");
        } else {
            route_error(r, 404, "Niet gevonden",
                        "Dit adres bestaat niet.");
        }
        return;
    }
    /* re-match: the loop may have matched other patterns after this one */
    route_match(r, found->pattern, r->path);
    if (r->bad_token) {
        resp_header(r, "WWW-Authenticate", "Bearer");
        route_error(r, 401, "Niet geauthenticeerd",
                    "Het API-token is onbekend of ingetrokken.");
        return;
    }
    if ((found->flags & ROUTE_FORM) != 0) {
        char err[160];

        if (req_form(r, err, sizeof err) != 0) {
            route_error(r, 400, "Ongeldig formulier", err);
            return;
        }
        if (r->session_expired) {
            route_error(r, 401, "Sessie verlopen",
                        "Uw sessie is verlopen. Log opnieuw in en probeer "
                        "het nog eens.");
            return;
        }
        if (!route_check_csrf(r)) {
            route_error(r, 403, "Formulier geweigerd",
                        "Het beveiligingstoken van het formulier ontbreekt "
                        "of hoort niet bij uw sessie. Laad de pagina "
                        "opnieuw en probeer het nog eens.");
            return;
        }
    }
    if (r->is_api && strcmp(r->method, "GET") != 0 && !r->via_token &&
        (found->flags & ROUTE_LOGIN)) {
        /* API changes need a bearer token: a browser session alone
         * would make the JSON API reachable by cross-site requests */
        resp_header(r, "WWW-Authenticate", "Bearer");
        route_error(r, 401, "Niet geauthenticeerd",
                    "Wijzigingen via de API vereisen een persoonlijk "
                    "API-token (Authorization: Bearer ...).");
        return;
    }
    if ((found->flags & ROUTE_LOGIN) && !req_logged_in(r)) {
        if (r->is_api) {
            resp_header(r, "WWW-Authenticate", "Bearer");
            route_error(r, 401, "Niet geauthenticeerd",
                        "Deze handeling vereist een API-token "
                        "(Authorization: Bearer ...).");
        } else if (r->session_expired) {
            route_error(r, 401, "Sessie verlopen",
                        "Uw sessie is verlopen. Log opnieuw in.");
        } else if (strcmp(r->method, "GET") == 0) {
            resp_redirect(r, "/inloggen");
        } else {
            route_error(r, 401, "Niet ingelogd",
                        "Log in om deze handeling uit te voeren.");
        }
        return;
    }
    found->fn(r);
}
