/* ui_register.c - the register pages: organisations, persons, roles.
 *
 * Owns: listing and showing organisations (with the bodies they sit in),
 * persons and roles, and the forms to add and change organisations and
 * persons. Forms are turned into the same JSON input the API takes, so
 * validation and permissions are the domain's (organisation.c,
 * person.c). */
#include "ui.h"
#include "governance.h"
#include "html.h"
#include "organisation.h"
#include "page.h"
#include "person.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_labels[] = {
    "Overheid", "Onderwijs", "Bedrijfsleven", "Vakbond", "Regio",
    "Ondersteuning", NULL
};
static const char *const domain_labels[] = {
    "Techniek", "ICT", "Techniek en ICT", NULL
};

/* After a successful save: back to the page of what was saved. */
static void redirect_to(struct req *r, const char *base, const char *code)
{
    page_redirect(r, base, code, "?opgeslagen=1");
}

/* ---- organisations ---- */

void ui_orgs(struct req *r)
{
    static const char *const cols[] = { "Organisatie", "Type", "Domein",
        "Onderdeel van", "Overleggen", NULL };
    json_t *orgs = organisation_list(r->db), *o;
    struct buf *b = &r->out;
    size_t i;

    page_begin(r, "Organisaties", "/organisaties");
    html_lit(b, "<p class=\"nl-paragraph\">De organisaties die het rapport "
                "noemt, en die later zijn toegevoegd, met het aantal "
                "overleggen waarin zij zitten.</p>");
    if (req_logged_in(r) && perm_allowed(r->who.role, r->who.scope,
                                         ACT_ORGANISATIE_BEHEREN, NULL))
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"utrecht-button-link "
                    "utrecht-button-link--html-a "
                    "utrecht-button-link--secondary-action\" "
                    "href=\"/organisaties/nieuw\">Organisatie toevoegen</a>"
                    "</p>");
    page_table_open(r, "organisaties", "Organisaties", cols);
    json_array_foreach(orgs, i, o) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_code_link(r, "/organisaties/", o);
        html_lit(b, "</th>");
        page_td(r, o, "type");
        page_td(r, o, "domein");
        page_td(r, o, "onderdeelVan");
        page_td(r, o, "aantalOverleggen");
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    page_end(r);
    json_decref(orgs);
}

void ui_org(struct req *r)
{
    json_t *o = organisation_get(r->db, r->param[0]), *x;
    struct buf *b = &r->out;
    size_t i;

    if (o == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze organisatie bestaat niet.");
        return;
    }
    page_begin(r, sqljson_str(o, "naam"), "/organisaties");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De organisatie is opgeslagen.");
    if (sqljson_str(o, "omschrijving")[0]) {
        html_lit(b, "<p class=\"nl-paragraph\">");
        html_txt(b, sqljson_str(o, "omschrijving"));
        html_lit(b, "</p>");
    }
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Afkorting", sqljson_str(o, "afkorting"));
    page_dl_item(r, "Type", sqljson_str(o, "type"));
    page_dl_item(r, "Domein", sqljson_str(o, "domein"));
    page_dl_item(r, "Code", sqljson_str(o, "code"));
    if (sqljson_str(o, "onderdeelVan")[0]) {
        html_lit(b, "<dt>Onderdeel van</dt><dd>");
        page_link(r, "/organisaties/", sqljson_str(o, "onderdeelVan"),
                  sqljson_str(o, "onderdeelVan"));
        html_lit(b, "</dd>");
    }
    html_lit(b, "</dl>");
    page_bron_json(r, o, "bron");
    page_h2(r, "Zit in deze overleggen");
    if (json_array_size(json_object_get(o, "overleggen")) == 0)
        html_lit(b, "<p class=\"nl-paragraph\">Geen.</p>");
    else
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(json_object_get(o, "overleggen"), i, x) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
        page_code_link(r, "/overleggen/", x);
        html_lit(b, strcmp(sqljson_str(x, "soort"), "lid") == 0 ? " — lid"
                                                         : " — genodigde");
        if (sqljson_str(x, "zetel")[0]) {
            html_lit(b, " (zetel: ");
            html_txt(b, sqljson_str(x, "zetel"));
            html_lit(b, ")");
        }
        html_lit(b, "</li>");
    }
    if (json_array_size(json_object_get(o, "overleggen")))
        html_lit(b, "</ul>");
    if (json_array_size(json_object_get(o, "onderdelen"))) {
        page_h2(r, "Onderdelen");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(json_object_get(o, "onderdelen"), i, x) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            page_code_link(r, "/organisaties/", x);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    if (json_array_size(json_object_get(o, "personen"))) {
        page_h2(r, "Personen");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(json_object_get(o, "personen"), i, x) {
            char id[24];

            snprintf(id, sizeof id, "%lld", sqljson_int(x, "id"));
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            page_link(r, "/personen/", id, sqljson_str(x, "naam"));
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    ui_commitment_section(r, sqljson_str(o, "code"), NULL);
    if (req_logged_in(r) && perm_allowed(r->who.role, r->who.scope,
                                         ACT_ORGANISATIE_BEHEREN, NULL)) {
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"utrecht-button-link "
                    "utrecht-button-link--html-a "
                    "utrecht-button-link--secondary-action\" "
                    "href=\"/organisaties/");
        html_url_arg(b, sqljson_str(o, "code"));
        html_lit(b, "/wijzigen\">Wijzigen</a></p>");
    }
    page_end(r);
    json_decref(o);
}

/* The organisation form; `o` gives the values (stored or submitted), a
 * NULL code_fixed means "new" (code editable). */
static void org_form(struct req *r, const char *title, json_t *o,
                     const char *code_fixed, const char *err)
{
    json_t *orgs = organisation_list(r->db), *x;
    size_t n = json_array_size(orgs), i, k = 0;
    const char **pv = calloc(n + 1, sizeof *pv);
    const char **pl = calloc(n + 1, sizeof *pl);
    struct buf *b = &r->out;

    page_begin(r, title, "/organisaties");
    if (err)
        page_alert(r, "error", err);
    if (pv == NULL || pl == NULL)
        goto cleanup;
    json_array_foreach(orgs, i, x) {
        if (code_fixed && strcmp(code_fixed, sqljson_str(x, "code")) == 0)
            continue;
        pv[k] = sqljson_str(x, "code");
        pl[k++] = sqljson_str(x, "naam");
    }
    html_lit(b, "<form class=\"koers-form\" method=\"post\" action=\"");
    if (code_fixed) {
        html_lit(b, "/organisaties/");
        html_url_arg(b, code_fixed);
    } else {
        html_lit(b, "/organisaties");
    }
    html_lit(b, "\">");
    page_csrf_field(r);
    if (!code_fixed)
        page_field(r, "code", "Code (kleine letters, cijfers, streepjes)",
                   "text", sqljson_str(o, "code"), NULL, 1);
    page_field(r, "naam", "Naam", "text", sqljson_str(o, "naam"), NULL, 1);
    page_field(r, "afkorting", "Afkorting", "text",
               sqljson_str(o, "afkorting"), NULL, 0);
    page_select(r, "type", "Type", organisation_types, type_labels,
                sqljson_str(o, "type"), NULL, NULL);
    page_select(r, "domein", "Domein", organisation_domains, domain_labels,
                sqljson_str(o, "domein"), NULL, NULL);
    page_select(r, "onderdeelVan", "Onderdeel van", pv, pl,
                sqljson_str(o, "onderdeelVan"), "Geen", NULL);
    page_field(r, "omschrijving", "Omschrijving", "textarea",
               sqljson_str(o, "omschrijving"), NULL, 0);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>\n");
cleanup:
    page_end(r);
    free(pv);
    free(pl);
    json_decref(orgs);
}

void ui_org_new(struct req *r)
{
    json_t *empty = json_object();

    if (!perm_allowed(r->who.role, r->who.scope, ACT_ORGANISATIE_BEHEREN,
                      NULL))
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                                               "organisaties toevoegen.");
    else
        org_form(r, "Organisatie toevoegen", empty, NULL, NULL);
    json_decref(empty);
}

void ui_org_edit(struct req *r)
{
    json_t *o;

    if (!perm_allowed(r->who.role, r->who.scope, ACT_ORGANISATIE_BEHEREN,
                      NULL)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                                               "organisaties wijzigen.");
        return;
    }
    o = organisation_get(r->db, r->param[0]);
    if (o == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze organisatie bestaat niet.");
        return;
    }
    org_form(r, "Organisatie wijzigen", o, r->param[0], NULL);
    json_decref(o);
}

/* Copy the named form fields into a JSON object; empty optional fields
 * become null (clear), so a form and a PATCH mean the same. */
static json_t *form_input(struct req *r, const char *const *names,
                          const char *const *nullable)
{
    json_t *in = json_object();
    size_t i, k;

    for (i = 0; names[i]; i++) {
        const char *v = req_field(r, names[i]);
        int can_null = 0;

        if (v == NULL)
            continue;
        for (k = 0; nullable[k]; k++)
            if (strcmp(nullable[k], names[i]) == 0)
                can_null = 1;
        json_object_set_new(in, names[i], v[0] == '\0' && can_null
                                              ? json_null()
                                              : json_string(v));
    }
    return in;
}

static const char *const org_names[] = { "code", "naam", "afkorting", "type",
    "domein", "onderdeelVan", "omschrijving", NULL };
static const char *const org_nullable[] = { "afkorting", "onderdeelVan",
    "omschrijving", NULL };

void ui_org_create(struct req *r)
{
    json_t *in = form_input(r, org_names, org_nullable);
    struct fault f = { 0 };

    if (organisation_create(r->db, &r->who, in, &f) != 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
        } else {
            r->status = (int)f.kind;
            org_form(r, "Organisatie toevoegen", in, NULL, f.msg);
        }
    } else {
        redirect_to(r, "/organisaties/", input_str(in, "code"));
    }
    json_decref(in);
}

void ui_org_update(struct req *r)
{
    json_t *in = form_input(r, org_names + 1, org_nullable);
    struct fault f = { 0 };

    if (organisation_update(r->db, &r->who, r->param[0], in, &f) != 0) {
        if (f.kind == FAULT_FORBIDDEN || f.kind == FAULT_NOTFOUND) {
            page_error(r, (int)f.kind, f.kind == FAULT_FORBIDDEN
                       ? "Geen toestemming" : "Niet gevonden", f.msg);
        } else {
            r->status = (int)f.kind;
            org_form(r, "Organisatie wijzigen", in, r->param[0], f.msg);
        }
    } else {
        redirect_to(r, "/organisaties/", r->param[0]);
    }
    json_decref(in);
}

/* ---- persons ---- */

void ui_persons(struct req *r)
{
    static const char *const cols[] = { "Naam", "Organisatie", "Functie",
        NULL };
    json_t *people = person_list(r->db), *p;
    struct buf *b = &r->out;
    size_t i;

    page_begin(r, "Personen", "/personen");
    html_lit(b, "<p class=\"nl-paragraph\">Vertegenwoordigers, "
                "netwerkmanagers en andere personen in de governance. Het "
                "rapport noemt geen personen; zij worden hier vastgelegd.</p>");
    if (req_logged_in(r) && perm_allowed(r->who.role, r->who.scope,
                                         ACT_PERSOON_BEHEREN, NULL))
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"utrecht-button-link "
                    "utrecht-button-link--html-a "
                    "utrecht-button-link--secondary-action\" "
                    "href=\"/personen/nieuw\">Persoon toevoegen</a></p>");
    if (json_array_size(people) == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Nog geen personen "
                    "vastgelegd.</p>");
    } else {
        page_table_open(r, "personen", "Personen", cols);
        json_array_foreach(people, i, p) {
            char id[24];

            snprintf(id, sizeof id, "%lld", sqljson_int(p, "id"));
            html_lit(b, "<tr class=\"utrecht-table__row\">");
            page_th_row_open(r);
            page_link(r, "/personen/", id, sqljson_str(p, "naam"));
            html_lit(b, "</th>");
            page_td(r, p, "organisatieNaam");
            page_td(r, p, "functie");
            html_lit(b, "</tr>");
        }
        page_table_close(r);
    }
    page_end(r);
    json_decref(people);
}

void ui_person(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *p = id > 0 ? person_get(r->db, id) : NULL, *x;
    struct buf *b = &r->out;
    size_t i;

    if (p == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze persoon bestaat niet.");
        return;
    }
    page_begin(r, sqljson_str(p, "naam"), "/personen");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De persoon is opgeslagen.");
    html_lit(b, "<dl class=\"koers-dl\">");
    if (sqljson_str(p, "organisatie")[0]) {
        html_lit(b, "<dt>Organisatie</dt><dd>");
        page_link(r, "/organisaties/", sqljson_str(p, "organisatie"),
                  sqljson_str(p, "organisatieNaam"));
        html_lit(b, "</dd>");
    }
    page_dl_item(r, "Functie", sqljson_str(p, "functie"));
    page_dl_item(r, "E-mailadres", sqljson_str(p, "email"));
    html_lit(b, "</dl>");
    page_h2(r, "Overleggen");
    if (json_array_size(json_object_get(p, "overleggen")) == 0)
        html_lit(b, "<p class=\"nl-paragraph\">Geen.</p>");
    json_array_foreach(json_object_get(p, "overleggen"), i, x) {
        html_lit(b, i == 0 ? "<ul class=\"utrecht-unordered-list\">" : "");
        html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
        page_code_link(r, "/overleggen/", x);
        html_lit(b, " — ");
        html_txt(b, sqljson_str(x, "soort"));
        html_lit(b, "</li>");
        if (i + 1 == json_array_size(json_object_get(p, "overleggen")))
            html_lit(b, "</ul>");
    }
    if (req_logged_in(r) && perm_allowed(r->who.role, r->who.scope,
                                         ACT_PERSOON_BEHEREN, NULL)) {
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"utrecht-button-link "
                    "utrecht-button-link--html-a "
                    "utrecht-button-link--secondary-action\" "
                    "href=\"/personen/");
        html_int(b, id);
        html_lit(b, "/wijzigen\">Wijzigen</a></p>");
    }
    page_end(r);
    json_decref(p);
}

static void person_form(struct req *r, const char *title, json_t *p,
                        const char *id_fixed, const char *err)
{
    json_t *orgs = organisation_list(r->db);
    struct page_choices oc = { 0 };
    struct buf *b = &r->out;

    page_begin(r, title, "/personen");
    if (err)
        page_alert(r, "error", err);
    if (page_choices_from(&oc, orgs, "code", "naam", 0, 0) != 0)
        goto cleanup;
    html_lit(b, "<form class=\"koers-form\" method=\"post\" action=\"");
    html_lit(b, "/personen");
    if (id_fixed) {
        html_lit(b, "/");
        html_url_arg(b, id_fixed);
    }
    html_lit(b, "\">");
    page_csrf_field(r);
    page_field(r, "naam", "Naam", "text", sqljson_str(p, "naam"), NULL, 1);
    page_select(r, "organisatie", "Organisatie", oc.v, oc.l,
                sqljson_str(p, "organisatie"), "Geen", NULL);
    page_field(r, "functie", "Functie", "text", sqljson_str(p, "functie"),
               NULL, 0);
    page_field(r, "email", "E-mailadres", "email", sqljson_str(p, "email"),
               NULL, 0);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>\n");
cleanup:
    page_end(r);
    page_choices_free(&oc);
    json_decref(orgs);
}

static const char *const person_names[] = { "naam", "organisatie", "functie",
    "email", NULL };
static const char *const person_nullable[] = { "organisatie", NULL };

void ui_person_new(struct req *r)
{
    json_t *empty = json_object();

    if (!perm_allowed(r->who.role, r->who.scope, ACT_PERSOON_BEHEREN, NULL))
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen personen "
                                               "toevoegen.");
    else
        person_form(r, "Persoon toevoegen", empty, NULL, NULL);
    json_decref(empty);
}

void ui_person_edit(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *p;

    if (!perm_allowed(r->who.role, r->who.scope, ACT_PERSOON_BEHEREN, NULL)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen personen "
                                               "wijzigen.");
        return;
    }
    p = id > 0 ? person_get(r->db, id) : NULL;
    if (p == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze persoon bestaat niet.");
        return;
    }
    person_form(r, "Persoon wijzigen", p, r->param[0], NULL);
    json_decref(p);
}

void ui_person_create(struct req *r)
{
    json_t *in = form_input(r, person_names, person_nullable);
    struct fault f = { 0 };
    long long id = person_create(r->db, &r->who, in, &f);
    char idtxt[24];

    if (id < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
        } else {
            r->status = (int)f.kind;
            person_form(r, "Persoon toevoegen", in, NULL, f.msg);
        }
    } else {
        snprintf(idtxt, sizeof idtxt, "%lld", id);
        redirect_to(r, "/personen/", idtxt);
    }
    json_decref(in);
}

void ui_person_update(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *in;
    struct fault f = { 0 };

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze persoon bestaat niet.");
        return;
    }
    in = form_input(r, person_names, person_nullable);
    if (person_update(r->db, &r->who, id, in, &f) != 0) {
        if (f.kind == FAULT_FORBIDDEN || f.kind == FAULT_NOTFOUND) {
            page_error(r, (int)f.kind, f.kind == FAULT_FORBIDDEN
                       ? "Geen toestemming" : "Niet gevonden", f.msg);
        } else {
            r->status = (int)f.kind;
            person_form(r, "Persoon wijzigen", in, r->param[0], f.msg);
        }
    } else {
        redirect_to(r, "/personen/", r->param[0]);
    }
    json_decref(in);
}

/* ---- roles ---- */

void ui_roles(struct req *r)
{
    json_t *roles = governance_roles(r->db), *x;
    struct buf *b = &r->out;
    size_t i;

    page_begin(r, "Rollen en verantwoordelijkheden", "/rollen");
    html_lit(b, "<p class=\"nl-paragraph\">De rollen van figuur 9 en "
                "paragraaf 6.1 van het rapport.</p><ul "
                "class=\"utrecht-unordered-list\">");
    json_array_foreach(roles, i, x) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
        page_code_link(r, "/rollen/", x);
        html_lit(b, ": ");
        html_txt(b, sqljson_str(x, "omschrijving"));
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
    page_end(r);
    json_decref(roles);
}

/* A titled list of duties with their citations; nothing when empty. */
static void duty_list(struct req *r, json_t *list, const char *title)
{
    if (json_array_size(list) == 0)
        return;
    page_h2(r, title);
    page_cited_list(r, list);
}

void ui_role(struct req *r)
{
    json_t *role = governance_role(r->db, r->param[0]), *x;
    struct buf *b = &r->out;
    size_t i;

    if (role == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze rol bestaat niet.");
        return;
    }
    page_begin(r, sqljson_str(role, "naam"), "/rollen");
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_txt(b, sqljson_str(role, "omschrijving"));
    html_lit(b, "</p>");
    page_bron_json(r, role, "bron");
    duty_list(r, json_object_get(role, "verantwoordelijkheden"),
              "Verantwoordelijkheden");
    duty_list(r, json_object_get(role, "kerntaken"),
              "De vijf kerntaken van de netwerkmanager");
    if (json_array_size(json_object_get(role, "voorzitterVan"))) {
        page_h2(r, "Voorzitter van");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(json_object_get(role, "voorzitterVan"), i, x) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            page_code_link(r, "/overleggen/", x);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
    }
    page_end(r);
    json_decref(role);
}
