/* ui_account.c - login, logout and the beheer page (audit trail, users,
 * API tokens), and the beheerder's user pages under /beheer/gebruikers
 * (create, change role/scope/person, deactivate, reset password; the
 * rules are account.c's).
 *
 * Owns: the browser side of authentication. The login form is protected
 * by a double-submit CSRF token (cookie koers_csrf, SameSite=Strict);
 * after login the session's own token protects every form. */
#include "ui.h"
#include "account.h"
#include "auth.h"
#include "html.h"
#include "page.h"
#include "person.h"
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
    static const char *const cols[] = { "Naam", "Rol", "Scope", "Persoon",
        "Actief", "Aangemaakt", "Actie", NULL };
    json_t *rows = account_list(r->db);
    struct buf *b = &r->out;
    json_t *u;
    size_t i;

    page_h2(r, "Gebruikers");
    html_lit(b, "<p class=\"nl-paragraph\">Zie <a class=\"nl-link\" "
                "href=\"/rechten\">rechten per rol</a>. <a class=\""
                "utrecht-button-link utrecht-button-link--html-a "
                "utrecht-button-link--secondary-action\" "
                "href=\"/beheer/gebruikers/nieuw\">Gebruiker toevoegen</a>"
                "</p>");
    page_table_open(r, "gebruikers", "Gebruikers", cols);
    json_array_foreach(rows, i, u) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td(r, u, "naam");
        page_td(r, u, "rol");
        page_td(r, u, "scope");
        page_td(r, u, "persoonNaam");
        page_td_open(r);
        html_lit(b, json_is_true(json_object_get(u, "actief")) ? "ja"
                                                                : "nee");
        html_lit(b, "</td>");
        page_td(r, u, "aangemaakt");
        page_td_open(r);
        html_lit(b, "<a class=\"nl-link\" href=\"/beheer/gebruikers/");
        html_int(b, sqljson_int(u, "id"));
        html_lit(b, "\">wijzigen<span class=\"koers-visually-hidden\"> ");
        html_txt(b, sqljson_str(u, "naam"));
        html_lit(b, "</span></a></td></tr>");
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

/* ---- user management (/beheer/gebruikers) ---- */

/* 1 when the caller may manage users; otherwise the 403 page, audited
 * as a refusal of `action` on object `id`. */
static int users_allowed(struct req *r, const char *action, const char *id)
{
    if (perm_allowed(r->who.role, r->who.scope, ACT_GEBRUIKER_BEHEREN,
                     NULL))
        return 1;
    audit_write(r->db, &r->who, action, "gebruiker", id, "geweigerd",
                "geen beheerder");
    page_error(r, 403, "Geen toegang", "Alleen de beheerder kan gebruikers "
                                       "beheren.");
    return 0;
}

/* The fields rol, scope and persoon of the new and change forms, filled
 * from `u` (a form's input or a stored account). */
static void user_fields(struct req *r, json_t *u)
{
    static const char *roles[ROLE_COUNT + 1], *labels[ROLE_COUNT + 1];
    json_t *people = person_list(r->db), *pv = json_object_get(u, "persoon");
    struct page_choices pc = { 0 };
    char pid[24] = "";
    int i;

    for (i = 0; i < ROLE_COUNT; i++) {
        roles[i] = perm_role_code((enum perm_role)i);
        labels[i] = perm_role_label((enum perm_role)i);
    }
    roles[ROLE_COUNT] = labels[ROLE_COUNT] = NULL;
    page_select(r, "rol", "Rol", roles, labels, sqljson_str(u, "rol"), NULL,
                NULL);
    page_para(r, "Scope: bij een netwerkmanager de code van de kerngroep "
                 "(bijvoorbeeld kerngroep-p1), bij een accounthouder of "
                 "regionale coalitie een CBS-regiocode (bijvoorbeeld PV20 "
                 "voor Groningen), bij een ministerie de code van de "
                 "organisatie (bijvoorbeeld ezk). Andere rollen hebben geen "
                 "scope.");
    page_field(r, "scope", "Scope", "text", sqljson_str(u, "scope"), NULL,
               0);
    if (json_is_integer(pv))
        snprintf(pid, sizeof pid, "%lld", json_integer_value(pv));
    else if (json_is_string(pv))
        snprintf(pid, sizeof pid, "%s", json_string_value(pv));
    if (page_choices_from(&pc, people, "id", "naam", 1, 0) == 0)
        page_select(r, "persoon", "Persoon (optioneel)", pc.v, pc.l, pid,
                    "Geen", NULL);
    page_choices_free(&pc);
    json_decref(people);
}

static void user_new_form(struct req *r, json_t *in, const char *err)
{
    struct buf *b = &r->out;

    page_begin(r, "Gebruiker toevoegen", "/beheer");
    if (err)
        page_alert(r, "error", err);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/beheer/gebruikers\">");
    page_csrf_field(r);
    page_field(r, "naam", "Gebruikersnaam", "text", sqljson_str(in, "naam"),
               NULL, 1);
    user_fields(r, in);
    page_para(r, "Laat het wachtwoord leeg om er een te laten maken; het "
                 "wordt eenmalig getoond. Een zelf gekozen wachtwoord heeft "
                 "minstens 12 tekens.");
    page_field(r, "wachtwoord", "Wachtwoord (optioneel)", "password", NULL,
               NULL, 0);
    page_submit(r, "Gebruiker aanmaken", 1);
    html_lit(b, "</form>\n<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/beheer\">Terug naar beheer</a></p>");
    page_end(r);
}

/* The form fields as the JSON input of account.c: persoon as an id
 * (an unreadable one stays text, so the domain refuses it). */
static json_t *user_input(struct req *r, int with_name)
{
    static const char *const names[] = { "naam", "rol", "scope", "persoon",
                                         "wachtwoord", NULL };
    json_t *in = json_object();
    size_t i;

    for (i = 0; names[i]; i++) {
        const char *v = req_field(r, names[i]);

        if (v == NULL || v[0] == '\0')
            continue;
        if (!with_name && (i == 0 || i == 4))
            continue;
        if (strcmp(names[i], "persoon") == 0 && page_parse_id(v) > 0)
            json_object_set_new(in, names[i],
                                json_integer(page_parse_id(v)));
        else
            json_object_set_new(in, names[i], json_string(v));
    }
    return in;
}

/* The page that shows a password once. */
static void user_password_page(struct req *r, const char *title,
                               long long id, const char *name,
                               const char *pw, const char *what)
{
    struct buf *b = &r->out;

    resp_header(r, "Cache-Control", "no-store");
    page_begin(r, title, "/beheer");
    page_alert_open(r, "ok");
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_txt(b, what);
    html_lit(b, "</p><p class=\"nl-paragraph\">Gebruikersnaam: <code>");
    html_txt(b, name);
    html_lit(b, "</code></p><p class=\"nl-paragraph\">Wachtwoord (eenmalig "
                "getoond, geef het veilig door): <code id=\"wachtwoord\">");
    html_txt(b, pw);
    html_lit(b, "</code></p>");
    page_alert_close(r);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/beheer/gebruikers/");
    html_int(b, id);
    html_lit(b, "\">Naar de gebruiker</a> · <a class=\"nl-link\" "
                "href=\"/beheer\">Terug naar beheer</a></p>");
    page_end(r);
}

void ui_admin_user_new(struct req *r)
{
    json_t *in;

    if (!users_allowed(r, "gebruiker.aanmaken", ""))
        return;
    in = json_pack("{s:s}", "rol", "deelnemer");
    user_new_form(r, in, NULL);
    json_decref(in);
}

void ui_admin_user_create(struct req *r)
{
    json_t *in = user_input(r, 1);
    struct fault f = { 0 };
    char pw[ACCOUNT_PASSWORD_BUF];
    long long id = account_create(r->db, &r->who, in, pw, &f);

    if (id < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toegang", f.msg);
        } else {
            r->status = (int)f.kind;
            json_object_del(in, "wachtwoord");
            user_new_form(r, in, f.msg);
        }
    } else if (pw[0]) {
        r->status = 201;
        user_password_page(r, "Gebruiker aangemaakt", id,
                           input_str(in, "naam"), pw, "De gebruiker is "
                           "aangemaakt.");
    } else {
        page_redirect_id(r, "/beheer/gebruikers/", id, "?aangemaakt=1");
    }
    memset(pw, 0, sizeof pw);
    json_decref(in);
}

static void user_page(struct req *r, long long id, json_t *in,
                      const char *err)
{
    json_t *u = account_get(r->db, id);
    struct buf *b = &r->out;
    int active;

    if (u == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
        return;
    }
    active = json_is_true(json_object_get(u, "actief"));
    page_begin(r, sqljson_str(u, "naam"), "/beheer");
    if (err)
        page_alert(r, "error", err);
    else if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De gebruiker is opgeslagen.");
    else if (req_query(r, "aangemaakt"))
        page_alert(r, "ok", "De gebruiker is aangemaakt met het gekozen "
                            "wachtwoord.");
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Gebruikersnaam", sqljson_str(u, "naam"));
    page_dl_item(r, "Rol", sqljson_str(u, "rolNaam"));
    page_dl_item(r, "Scope", sqljson_str(u, "scope"));
    page_dl_item(r, "Persoon", sqljson_str(u, "persoonNaam"));
    page_dl_item(r, "Status", active ? "actief" : "gedeactiveerd");
    page_dl_item(r, "Aangemaakt", sqljson_str(u, "aangemaakt"));
    html_lit(b, "</dl>");
    page_h2(r, "Rol, scope en persoon wijzigen");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/beheer/gebruikers/");
    html_int(b, id);
    html_lit(b, "\">");
    page_csrf_field(r);
    user_fields(r, in ? in : u);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>");
    page_h2(r, active ? "Deactiveren" : "Opnieuw activeren");
    page_para(r, active ? "Een gedeactiveerde gebruiker kan niet meer "
                          "inloggen; lopende sessies eindigen en alle "
                          "API-tokens worden ingetrokken."
                        : "Na activeren kan de gebruiker weer inloggen met "
                          "het bestaande wachtwoord; ingetrokken tokens "
                          "blijven ingetrokken.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/beheer/gebruikers/");
    html_int(b, id);
    html_lit(b, active ? "/deactiveren\">" : "/activeren\">");
    page_csrf_field(r);
    page_submit(r, active ? "Deactiveren" : "Activeren", 0);
    html_lit(b, "</form>");
    page_h2(r, "Wachtwoord opnieuw instellen");
    page_para(r, "Er wordt een nieuw wachtwoord gemaakt dat eenmalig wordt "
                 "getoond; lopende sessies van de gebruiker eindigen.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/beheer/gebruikers/");
    html_int(b, id);
    html_lit(b, "/wachtwoord\">");
    page_csrf_field(r);
    page_submit(r, "Nieuw wachtwoord maken", 0);
    html_lit(b, "</form><p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/beheer\">Terug naar beheer</a></p>");
    page_end(r);
    json_decref(u);
}

void ui_admin_user(struct req *r)
{
    long long id = page_parse_id(r->param[0]);

    if (!users_allowed(r, "gebruiker.inzien", r->param[0]))
        return;
    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
        return;
    }
    user_page(r, id, NULL, NULL);
}

/* A refusal of a change: the 403/404 page, or the user page with the
 * message (and what was typed, when in is given). */
static void user_refusal(struct req *r, long long id, json_t *in,
                         const struct fault *f)
{
    if (f->kind == FAULT_FORBIDDEN)
        page_error(r, 403, "Geen toegang", f->msg);
    else if (f->kind == FAULT_NOTFOUND)
        page_error(r, 404, "Niet gevonden", f->msg);
    else {
        r->status = (int)f->kind;
        user_page(r, id, in, f->msg);
    }
}

void ui_admin_user_update(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    struct fault f = { 0 };
    json_t *in;

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
        return;
    }
    in = user_input(r, 0);
    if (account_update(r->db, &r->who, id, in, &f) != 0)
        user_refusal(r, id, in, &f);
    else
        page_redirect_id(r, "/beheer/gebruikers/", id, "?opgeslagen=1");
    json_decref(in);
}

static void user_active(struct req *r, int active)
{
    long long id = page_parse_id(r->param[0]);
    struct fault f = { 0 };

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
        return;
    }
    if (account_set_active(r->db, &r->who, id, active, &f) != 0)
        user_refusal(r, id, NULL, &f);
    else
        page_redirect_id(r, "/beheer/gebruikers/", id, "?opgeslagen=1");
}

void ui_admin_user_deactivate(struct req *r)
{
    user_active(r, 0);
}

void ui_admin_user_activate(struct req *r)
{
    user_active(r, 1);
}

void ui_admin_user_password(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    struct fault f = { 0 };
    char pw[ACCOUNT_PASSWORD_BUF];
    json_t *u;

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
        return;
    }
    if (account_reset_password(r->db, &r->who, id, pw, &f) != 0) {
        user_refusal(r, id, NULL, &f);
        return;
    }
    u = account_get(r->db, id);
    user_password_page(r, "Nieuw wachtwoord", id, sqljson_str(u, "naam"), pw,
                       "Het wachtwoord is opnieuw ingesteld; lopende "
                       "sessies van de gebruiker zijn beëindigd.");
    memset(pw, 0, sizeof pw);
    json_decref(u);
}
