/* ui_account.c - login, logout and the beheer page (audit trail, users,
 * API tokens).
 *
 * Owns: the browser side of authentication. The login form is protected
 * by a double-submit CSRF token (cookie koers_csrf, SameSite=Strict);
 * after login the session's own token protects every form. */
#include "ui.h"
#include "auth.h"
#include "html.h"
#include "page.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_AUDIT_PAGE 100

static int is_hex_secret(const char *s)
{
    size_t i;

    if (s == NULL || strlen(s) != AUTH_SECRET_HEX)
        return 0;
    for (i = 0; i < AUTH_SECRET_HEX; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* Render the login form; err (may be NULL) is shown above it. */
static void login_page(struct req *r, int status, const char *name,
                       const char *err)
{
    const char *tok = req_cookie(r, HTTP_LOGIN_CSRF_COOKIE);
    char fresh[AUTH_SECRET_HEX + 1], cookie[160];

    if (!is_hex_secret(tok)) {
        auth_random_hex(fresh);
        snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; "
                 "SameSite=Strict", HTTP_LOGIN_CSRF_COOKIE, fresh);
        resp_header(r, "Set-Cookie", cookie);
        tok = fresh;
    }
    r->status = status;
    page_begin(r, "Inloggen", NULL);
    if (r->session_expired)
        page_alert(r, "info", "Uw sessie is verlopen. Log opnieuw in.");
    if (err)
        page_alert(r, "error", err);
    html_lit(&r->out, "<p class=\"nl-paragraph\">Inloggen is nodig om het "
                      "register te wijzigen. Alle openbare pagina's zijn "
                      "zonder inloggen te lezen.</p>\n"
                      "<form class=\"koers-form\" method=\"post\" "
                      "action=\"/inloggen\"><input type=\"hidden\" "
                      "name=\"csrf\" value=\"");
    html_attr(&r->out, tok);
    html_lit(&r->out, "\">");
    page_field(r, "naam", "Gebruikersnaam", "text", name, NULL, 1);
    page_field(r, "wachtwoord", "Wachtwoord", "password", NULL, NULL, 1);
    html_lit(&r->out, "<div class=\"koers-actions\"><button "
                      "class=\"utrecht-button utrecht-button--primary-action\""
                      " type=\"submit\">Inloggen</button></div></form>\n");
    page_end(r);
}

void ui_login_form(struct req *r)
{
    if (req_logged_in(r)) {
        resp_redirect(r, "/");
        return;
    }
    login_page(r, 200, NULL, NULL);
}

void ui_login(struct req *r)
{
    const char *name = req_field(r, "naam");
    const char *pw = req_field(r, "wachtwoord");
    char sid[AUTH_SECRET_HEX + 1], csrf[AUTH_SECRET_HEX + 1];
    struct actor who;
    int rc;

    if (name == NULL || pw == NULL || name[0] == '\0' || pw[0] == '\0' ||
        strlen(name) > 64 || strlen(pw) > 1024) {
        login_page(r, 400, name && strlen(name) <= 64 ? name : NULL,
                   "Vul uw gebruikersnaam en wachtwoord in.");
        return;
    }
    memset(&who, 0, sizeof who);
    rc = auth_login(r->db, name, pw, r->addr, &who);
    if (rc == -2) {
        audit_write(r->db, &r->who, "inloggen", "gebruiker", name,
                    "geweigerd", "te veel mislukte pogingen");
        login_page(r, 429, name, "Te veel mislukte pogingen. Probeer het "
                                 "over een kwartier opnieuw.");
        return;
    }
    if (rc != 0) {
        audit_write(r->db, &r->who, "inloggen", "gebruiker", name,
                    "geweigerd", "onbekende naam of onjuist wachtwoord");
        login_page(r, 401, name, "Onbekende gebruikersnaam of onjuist "
                                 "wachtwoord.");
        return;
    }
    snprintf(who.origin, sizeof who.origin, "http %s", r->addr);
    if (auth_session_create(r->db, who.user_id, sid, csrf) != 0) {
        page_error(r, 500, "Inloggen mislukt", "De sessie kon niet worden "
                                               "aangemaakt.");
        return;
    }
    audit_write(r->db, &who, "inloggen", "gebruiker", name, "gelukt", NULL);
    resp_session_cookie(r, sid);
    resp_redirect(r, "/");
}

void ui_logout(struct req *r)
{
    auth_session_delete(r->db, r->sid);
    audit_write(r->db, &r->who, "uitloggen", "gebruiker", r->who.name,
                "gelukt", NULL);
    resp_session_cookie(r, NULL);
    resp_redirect(r, "/");
}

static void admin_tokens(struct req *r)
{
    static const char *const cols[] = { "Id", "Gebruiker", "Begin",
        "Aangemaakt", "Ingetrokken", "Actie", NULL };
    json_t *rows = sqljson_rows(r->db,
        "SELECT t.id, u.name AS gebruiker, t.prefix, t.created_at AS "
        "aangemaakt, t.revoked_at AS ingetrokken FROM api_token t JOIN user "
        "u ON u.id = t.user_id ORDER BY t.id DESC", NULL);
    struct buf *b = &r->out;
    json_t *t;
    size_t i;

    page_h2(r, "API-tokens");
    html_lit(b, "<p class=\"nl-paragraph\">Tokens worden gehasht bewaard; "
                "alleen het begin is zichtbaar. Een nieuw token maakt u met "
                "<code>koers token --db BESTAND --user NAAM</code>.</p>");
    page_table_open(r, "tokens", "API-tokens", cols);
    json_array_foreach(rows, i, t) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td(r, t, "id");
        page_td(r, t, "gebruiker");
        page_td(r, t, "prefix");
        page_td(r, t, "aangemaakt");
        page_td(r, t, "ingetrokken");
        page_td_open(r);
        if (json_is_null(json_object_get(t, "ingetrokken"))) {
            html_lit(b, "<form method=\"post\" action=\"/beheer/tokens/");
            html_int(b, sqljson_int(t, "id"));
            html_lit(b, "/intrekken\">");
            page_csrf_field(r);
            html_lit(b, "<button class=\"utrecht-button "
                        "utrecht-button--secondary-action\" type=\"submit\">"
                        "Intrekken<span class=\"koers-visually-hidden\"> "
                        "token ");
            html_int(b, sqljson_int(t, "id"));
            html_lit(b, "</span></button></form>");
        }
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
    json_decref(rows);
}

static void admin_users(struct req *r)
{
    static const char *const cols[] = { "Naam", "Rol", "Scope", "Actief",
        "Aangemaakt", NULL };
    json_t *rows = sqljson_rows(r->db,
        "SELECT name AS naam, role AS rol, scope, CASE active WHEN 1 THEN "
        "'ja' ELSE 'nee' END AS actief, created_at AS aangemaakt FROM user "
        "ORDER BY name", NULL);
    struct buf *b = &r->out;
    json_t *u;
    size_t i;

    page_h2(r, "Gebruikers");
    html_lit(b, "<p class=\"nl-paragraph\">Gebruikers voegt u toe met "
                "<code>koers user add --db BESTAND --name NAAM --role ROL "
                "[--scope SCOPE]</code>. Zie <a class=\"nl-link\" "
                "href=\"/rechten\">rechten per rol</a>.</p>");
    page_table_open(r, "gebruikers", "Gebruikers", cols);
    json_array_foreach(rows, i, u) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td(r, u, "naam");
        page_td(r, u, "rol");
        page_td(r, u, "scope");
        page_td(r, u, "actief");
        page_td(r, u, "aangemaakt");
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    json_decref(rows);
}

/* The audit trail, newest first, UI_AUDIT_PAGE entries per page. */
static void admin_audit(struct req *r, long page)
{
    static const char *const cols[] = { "Tijdstip (UTC)", "Wie", "Rol",
        "Actie", "Object", "Resultaat", "Herkomst", "Details", NULL };
    json_t *rows = sqljson_rows(r->db,
        "SELECT at, actor, actor_role AS rol, action AS actie, "
        "object_type || ' ' || object_id AS object, result AS resultaat, "
        "origin AS herkomst, detail FROM audit ORDER BY id DESC "
        "LIMIT ? OFFSET ?", "ii", (long long)UI_AUDIT_PAGE,
        (long long)(page - 1) * UI_AUDIT_PAGE);
    long long total = store_count(r->db, "SELECT count(*) FROM audit", NULL);
    struct buf *b = &r->out;
    json_t *e;
    size_t i;

    page_h2(r, "Auditlogboek");
    html_lit(b, "<p class=\"nl-paragraph\">Elke wijziging en elke "
                "geweigerde poging, met wie, wanneer, wat, object, resultaat "
                "en herkomst. Het logboek kan niet worden gewijzigd of "
                "gewist. Totaal ");
    html_int(b, total);
    html_lit(b, " regels.</p>");
    page_table_open(r, "audit", "Auditlogboek (nieuwste eerst)", cols);
    json_array_foreach(rows, i, e) {
        const char *res = sqljson_str(e, "resultaat");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td(r, e, "at");
        page_td(r, e, "actor");
        page_td(r, e, "rol");
        page_td(r, e, "actie");
        page_td(r, e, "object");
        page_td_open(r);
        html_lit(b, strcmp(res, "gelukt") == 0
                        ? "<span class=\"koers-badge koers-badge--ok\">"
                        : "<span class=\"koers-badge koers-badge--error\">");
        html_txt(b, res);
        html_lit(b, "</span></td>");
        page_td(r, e, "herkomst");
        page_td(r, e, "detail");
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    if (total > page * UI_AUDIT_PAGE) {
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                    "href=\"/beheer?pagina=");
        html_int(b, page + 1);
        html_lit(b, "#audit\">Oudere regels</a></p>");
    }
    json_decref(rows);
}

void ui_admin(struct req *r)
{
    const char *p = req_query(r, "pagina");
    long page = 1;

    if (!perm_allowed(r->who.role, r->who.scope, ACT_AUDIT_INZIEN, NULL)) {
        page_error(r, 403, "Geen toegang", "Alleen de beheerder kan de "
                                           "beheerpagina zien.");
        return;
    }
    if (p) {
        char *end;
        page = strtol(p, &end, 10);
        if (*end != '\0' || page < 1 || page > 1000000 || p[0] == '+' ||
            p[0] == '-' || p[0] == ' ') {
            page_error(r, 400, "Ongeldige invoer", "pagina moet een geheel "
                                                   "getal vanaf 1 zijn.");
            return;
        }
    }
    page_begin(r, "Beheer", "/beheer");
    admin_users(r);
    admin_tokens(r);
    admin_audit(r, page);
    page_end(r);
}

void ui_admin_token_revoke(struct req *r)
{
    char *end;
    long long id = strtoll(r->param[0], &end, 10);

    if (!perm_allowed(r->who.role, r->who.scope, ACT_GEBRUIKER_BEHEREN,
                      NULL)) {
        audit_write(r->db, &r->who, "token.intrekken", "token", r->param[0],
                    "geweigerd", "geen beheerder");
        page_error(r, 403, "Geen toegang", "Alleen de beheerder kan tokens "
                                           "intrekken.");
        return;
    }
    if (*end != '\0' || id < 1) {
        page_error(r, 404, "Niet gevonden", "Dit token bestaat niet.");
        return;
    }
    if (store_begin(r->db) != 0) {
        page_error(r, 503, "Bezet", "De store is bezet; probeer het "
                                    "opnieuw.");
        return;
    }
    if (auth_token_revoke(r->db, id, 0) != 0) {
        store_rollback(r->db);
        page_error(r, 404, "Niet gevonden", "Dit token bestaat niet of is "
                                            "al ingetrokken.");
        return;
    }
    audit_write(r->db, &r->who, "token.intrekken", "token", r->param[0],
                "gelukt", NULL);
    store_commit(r->db);
    resp_redirect(r, "/beheer");
}
