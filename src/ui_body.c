/* ui_body.c - the bodies (overleggen): list, detail with rules and seats,
 * and the forms to add or end a membership. */
#include "ui.h"
#include "body.h"
#include "html.h"
#include "membership.h"
#include "organisation.h"
#include "page.h"
#include "person.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_bodies(struct req *r)
{
    static const char *const cols[] = { "Overleg", "Niveau", "Frequentie",
        "Voorzitter", "Leden", NULL };
    json_t *bodies = body_list(r->db), *bd;
    struct buf *b = &r->out;
    size_t i;

    page_begin(r, "Overleggen", "/overleggen");
    html_lit(b, "<p class=\"nl-paragraph\">De overleggen die het rapport "
                "voorschrijft, met hun frequentie en voorzitter. Open een "
                "overleg voor zijn rol, samenstellingsregel en leden.</p>");
    page_table_open(r, "overleggen", "Overleggen van de governance", cols);
    json_array_foreach(bodies, i, bd) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_code_link(r, "/overleggen/", bd);
        html_lit(b, "</th>");
        page_td(r, bd, "niveauNaam");
        page_td(r, bd, "frequentie");
        page_td(r, bd, "voorzitter");
        page_td(r, bd, "aantalLeden");
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    page_end(r);
    json_decref(bodies);
}

static void seats_table(struct req *r, json_t *comp)
{
    static const char *const cols[] = { "Zetel", "Aantal volgens de regel",
        "Bezet", "Stand", NULL };
    struct buf *b = &r->out;
    json_t *z;
    size_t i;

    if (json_array_size(json_object_get(comp, "zetels")) == 0)
        return;
    page_table_open(r, "zetels", "Zetels volgens de samenstellingsregel",
                    cols);
    json_array_foreach(json_object_get(comp, "zetels"), i, z) {
        long long min = sqljson_int(z, "min");
        long long used = sqljson_int(z, "bezet");
        json_t *mx = json_object_get(z, "max");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td(r, z, "omschrijving");
        page_td_open(r);
        if (json_is_integer(mx) && json_integer_value(mx) == min) {
            html_int(b, min);
        } else if (json_is_integer(mx)) {
            html_int(b, min);
            html_lit(b, " tot ");
            html_int(b, json_integer_value(mx));
        } else {
            html_lit(b, "minstens ");
            html_int(b, min);
        }
        html_lit(b, "</td>");
        page_td(r, z, "bezet");
        page_td_open(r);
        if (used < min)
            html_lit(b, "<span class=\"koers-badge koers-badge--warning\">"
                        "vacature</span>");
        else if (json_is_integer(mx) && used >= json_integer_value(mx))
            html_lit(b, "<span class=\"koers-badge koers-badge--ok\">"
                        "vol</span>");
        else
            html_lit(b, "<span class=\"koers-badge koers-badge--info\">"
                        "ruimte</span>");
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

/* Members or invitees (kind) as a table; with an end button per row when
 * the viewer may change this body's members. */
static void members_table(struct req *r, json_t *body, const char *kind,
                          int may_edit)
{
    static const char *const cols[] = { "Organisatie", "Persoon", "Zetel",
        "Functie", "Sinds", "Bron", "Actie", NULL };
    struct buf *b = &r->out;
    json_t *m;
    size_t i, n = 0;
    const char *code = sqljson_str(body, "code");
    int is_lid = strcmp(kind, "lid") == 0;

    json_array_foreach(json_object_get(body, "leden"), i, m)
        if (strcmp(sqljson_str(m, "soort"), kind) == 0)
            n++;
    if (n == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">");
        html_lit(b, is_lid ? "Nog geen leden vastgelegd."
                           : "Geen genodigden vastgelegd.");
        html_lit(b, "</p>");
        return;
    }
    page_table_open(r, is_lid ? "leden" : "genodigden",
                    is_lid ? "Huidige leden" : "Genodigden per agenda",
                    may_edit ? cols : (const char *const[]){ "Organisatie",
                    "Persoon", "Zetel", "Functie", "Sinds", "Bron", NULL });
    json_array_foreach(json_object_get(body, "leden"), i, m) {
        json_t *org = json_object_get(m, "organisatie");
        json_t *per = json_object_get(m, "persoon");
        json_t *src = json_object_get(m, "bron");

        if (strcmp(sqljson_str(m, "soort"), kind) != 0)
            continue;
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        page_code_link(r, "/organisaties/", org);
        html_lit(b, "</td>");
        page_td_open(r);
        if (json_is_object(per)) {
            html_lit(b, "<a class=\"nl-link\" href=\"/personen/");
            html_int(b, sqljson_int(per, "id"));
            html_lit(b, "\">");
            html_txt(b, sqljson_str(per, "naam"));
            html_lit(b, "</a>");
        } else {
            html_lit(b, "—");
        }
        html_lit(b, "</td>");
        page_td(r, m, "zetelOmschrijving");
        page_td(r, m, "functie");
        page_td(r, m, "sinds");
        page_td_open(r);
        if (page_bron_link(r, src) != 0)
            html_lit(b, "toegevoegd in Koers");
        html_lit(b, "</td>");
        if (may_edit) {
            page_td_open(r);
            html_lit(b, "<form method=\"post\" action=\"/overleggen/");
            html_url_arg(b, code);
            html_lit(b, "/leden/");
            html_int(b, sqljson_int(m, "id"));
            html_lit(b, "/beeindigen\">");
            page_csrf_field(r);
            html_lit(b, "<button class=\"utrecht-button "
                        "utrecht-button--secondary-action\" type=\"submit\">"
                        "Beëindigen<span class=\"koers-visually-hidden\"> ");
            html_txt(b, sqljson_str(org, "naam"));
            html_lit(b, "</span></button></form></td>");
        }
        html_lit(b, "</tr>");
    }
    page_table_close(r);
}

/* The add-member form, keeping the submitted values after an error. */
static void member_form(struct req *r, json_t *body, const char *err)
{
    static const char *const kinds[] = { "lid", "genodigde", NULL };
    static const char *const kind_labels[] = { "Lid (neemt een zetel in)",
        "Genodigde voor een agenda (flexibiliteit)", NULL };
    json_t *orgs = organisation_list(r->db), *people = person_list(r->db);
    struct page_choices oc = { 0 }, pc = { 0 };
    struct buf *b = &r->out;

    if (page_choices_from(&oc, orgs, "code", "naam", 0, 0) != 0 ||
        page_choices_from(&pc, people, "id", "naam", 1, 0) != 0)
        goto cleanup;
    page_h2(r, "Lid of genodigde toevoegen");
    if (err)
        page_alert(r, "error", err);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/overleggen/");
    html_url_arg(b, sqljson_str(body, "code"));
    html_lit(b, "/leden\">");
    page_csrf_field(r);
    page_select(r, "organisatie", "Organisatie", oc.v, oc.l,
                req_field(r, "organisatie"), "Kies een organisatie", NULL);
    page_select(r, "soort", "Soort deelname", kinds, kind_labels,
                req_field(r, "soort"), NULL, NULL);
    page_select(r, "persoon", "Persoon (niet verplicht)", pc.v, pc.l,
                req_field(r, "persoon"), "Geen persoon", NULL);
    page_field(r, "functie", "Functie", "text", req_field(r, "functie"),
               NULL, 0);
    page_submit(r, "Toevoegen", 1);
    html_lit(b, "</form>\n");
cleanup:
    page_choices_free(&oc);
    page_choices_free(&pc);
    json_decref(orgs);
    json_decref(people);
}

/* A heading with the "tekst" of part (voorzitter, frequentie, ...) as a
 * paragraph and the citation of its "bron". */
static void cited_section(struct req *r, const char *title, json_t *part)
{
    page_h2(r, title);
    html_lit(&r->out, "<p class=\"nl-paragraph\">");
    html_txt(&r->out, sqljson_str(part, "tekst"));
    html_lit(&r->out, "</p>");
    page_bron_json(r, part, "bron");
}

static void body_page(struct req *r, json_t *body, const char *ok,
                      const char *err)
{
    struct buf *b = &r->out;
    json_t *comp = json_object_get(body, "samenstelling");
    json_t *chair = json_object_get(body, "voorzitter");
    json_t *freq = json_object_get(body, "frequentie");
    int may_edit = req_logged_in(r) &&
        perm_allowed(r->who.role, r->who.scope, ACT_LIDMAATSCHAP_BEHEREN,
                     sqljson_str(body, "code"));

    page_begin(r, sqljson_str(body, "naam"), "/overleggen");
    if (ok)
        page_alert(r, "ok", ok);
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_txt(b, sqljson_str(body, "rol"));
    html_lit(b, "</p>");
    page_bron_json(r, body, "bron");
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Niveau", sqljson_str(body, "niveauNaam"));
    page_dl_item(r, "Pijler", sqljson_str(body, "pijler"));
    page_dl_item(r, "Openbare data",
                 json_is_true(json_object_get(body, "openbaar")) ? "ja"
                                                                 : "nee");
    html_lit(b, "</dl>");
    if (json_array_size(json_object_get(body, "verantwoordelijkheden"))) {
        page_h2(r, "Verantwoordelijkheden");
        page_cited_list(r, json_object_get(body, "verantwoordelijkheden"));
    }
    cited_section(r, "Voorzitter", chair);
    cited_section(r, "Frequentie", freq);
    cited_section(r, "Samenstelling", comp);
    seats_table(r, comp);
    if (json_is_true(json_object_get(comp, "flexibel"))) {
        html_lit(b, "<p class=\"nl-paragraph\"><strong>Flexibiliteit:"
                    "</strong> ");
        html_txt(b, sqljson_str(comp, "flexibelTekst"));
        html_lit(b, "</p>");
        page_bron_json(r, comp, "flexibelBron");
    }
    if (json_array_size(json_object_get(body, "aanwezig"))) {
        html_lit(b, "<h3 class=\"nl-heading nl-heading--level-3\">Verder "
                    "aanwezig</h3>");
        page_cited_list(r, json_object_get(body, "aanwezig"));
    }
    page_h2(r, "Leden");
    members_table(r, body, "lid", may_edit);
    page_h2(r, "Genodigden per agenda");
    members_table(r, body, "genodigde", may_edit);
    ui_commitment_section(r, NULL, sqljson_str(body, "code"));
    if (may_edit)
        member_form(r, body, err);
    else if (!req_logged_in(r))
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                    "href=\"/inloggen\">Log in</a> om leden te beheren.</p>");
    page_end(r);
}

void ui_body(struct req *r)
{
    json_t *body = body_get(r->db, r->param[0]);
    const char *added = req_query(r, "gewijzigd");

    if (body == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit overleg bestaat niet.");
        return;
    }
    body_page(r, body, added ? "De leden zijn bijgewerkt." : NULL, NULL);
    json_decref(body);
}

/* Build the domain input from the form; the persoon field must be empty or
 * a number. Returns NULL with err filled when it is not. */
static json_t *member_input(struct req *r, char *err, size_t errlen)
{
    const char *org = req_field(r, "organisatie");
    const char *kind = req_field(r, "soort");
    const char *fn = req_field(r, "functie");
    const char *per = req_field(r, "persoon");
    json_t *in = json_object();
    char *end;

    json_object_set_new(in, "organisatie", json_string(org ? org : ""));
    json_object_set_new(in, "soort", json_string(kind ? kind : ""));
    if (fn && fn[0])
        json_object_set_new(in, "functie", json_string(fn));
    if (per && per[0]) {
        long long id = strtoll(per, &end, 10);
        if (*end != '\0' || id < 1) {
            snprintf(err, errlen, "Persoon: kies een persoon uit de lijst.");
            json_decref(in);
            return NULL;
        }
        json_object_set_new(in, "persoon", json_integer(id));
    }
    if (org == NULL || org[0] == '\0') {
        snprintf(err, errlen, "Kies een organisatie.");
        json_decref(in);
        return NULL;
    }
    return in;
}

void ui_body_member_add(struct req *r)
{
    struct fault f = { 0 };
    char err[256];
    json_t *in, *body;

    body = body_get(r->db, r->param[0]);
    if (body == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit overleg bestaat niet.");
        return;
    }
    in = member_input(r, err, sizeof err);
    if (in == NULL) {
        r->status = 400;
        body_page(r, body, NULL, err);
    } else if (membership_add(r->db, &r->who, r->param[0], in, &f) < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
        } else {
            r->status = (int)f.kind;
            body_page(r, body, NULL, f.msg);
        }
    } else {
        page_redirect(r, "/overleggen/", r->param[0], "?gewijzigd=1");
    }
    json_decref(in);
    json_decref(body);
}

void ui_body_member_end(struct req *r)
{
    struct fault f = { 0 };
    char *end;
    long long id = strtoll(r->param[1], &end, 10);

    if (*end != '\0' || id < 1) {
        page_error(r, 404, "Niet gevonden", "Dit lidmaatschap bestaat niet.");
        return;
    }
    if (membership_end(r->db, &r->who, r->param[0], id, &f) != 0) {
        page_error(r, f.kind == FAULT_FORBIDDEN ? 403 : (int)f.kind,
                   f.kind == FAULT_FORBIDDEN ? "Geen toestemming"
                                             : "Niet gelukt", f.msg);
        return;
    }
    page_redirect(r, "/overleggen/", r->param[0], "?gewijzigd=1");
}
