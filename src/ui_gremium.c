/* ui_gremium.c - the pages against fragmentation: /gremia (the register
 * with members and the relation to the Actieplan, derived and as the
 * report has it), /gremia/{nr} (members, overlaps, the risk-7 warning),
 * /gremia/nieuw and /gremia/{nr}/wijzigen (register and change),
 * /gremia/import (CSV of memberships) and /versnippering (pairs sorted by
 * score with the formula, the network picture, then and now).
 *
 * Owns: turning the forms into the JSON input of gremium.h, so
 * validation, permissions and audit stay the domain's; re-rendering a
 * form with the refusal on top; the redirect after a change. All markup
 * goes through html.h and page.h. */
#include "ui.h"
#include "governance.h"
#include "gremium.h"
#include "html.h"
#include "input.h"
#include "organisation.h"
#include "overlap.h"
#include "page.h"
#include "sqljson.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pairs shown in the table of /versnippering and of one gremium. */
#define UI_PAIRS_MAX 100
/* Lines thinner than this many shared organisations are left out of the
 * picture when there are many pairs. */
#define UI_NET_MIN_SHARED 2

static const char *const relations[] = { "overlappend", "specifieker",
    "breder", "niet specifiek", NULL };
static const char *const domains[] = { "techniek", "ict", "beide", NULL };
static const char *const domain_labels[] = { "Techniek", "ICT",
    "Techniek en ICT", NULL };
static const char *const prel[] = { "overlappend", "specifieker", "breder",
    NULL };
static const char *const prel_labels[] = { "Overlappend met het Actieplan",
    "Specifieker (een deel)", "Breder (ook andere sectoren of thema's)",
    NULL };

static void store_failed(struct req *r)
{
    page_error(r, 500, "Er ging iets mis", "De gegevens konden niet uit de "
               "opslag worden gelezen. Probeer het later opnieuw.");
}

static void td_text(struct req *r, const char *s)
{
    page_td_open(r);
    html_txt(&r->out, s && s[0] ? s : "—");
    html_lit(&r->out, "</td>");
}

static void td_measure(struct req *r, json_t *o, const char *key)
{
    page_td_open(r);
    html_num(&r->out, json_number_value(json_object_get(o, key)), 2);
    html_lit(&r->out, "</td>");
}

static void pillar_list(struct buf *b, json_t *g)
{
    json_t *p;
    size_t i;

    if (json_array_size(json_object_get(g, "pijlers")) == 0) {
        html_lit(b, "—");
        return;
    }
    json_array_foreach(json_object_get(g, "pijlers"), i, p) {
        if (i > 0)
            html_lit(b, ", ");
        html_txt(b, sqljson_str(p, "pijler"));
        html_lit(b, " (");
        html_txt(b, sqljson_str(p, "relatie"));
        html_lit(b, ")");
    }
}

static const char *domain_label(const char *d)
{
    size_t i;

    for (i = 0; domains[i]; i++)
        if (strcmp(domains[i], d) == 0)
            return domain_labels[i];
    return "onbekend";
}

static void rule_para(struct req *r)
{
    page_para(r, overlap_relation_rule);
    page_bron(r, "Bijlage I en II", 2718, 2957);
}

static int known(const char *const *list, const char *v)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strcmp(list[i], v) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* /gremia                                                             */

static void gremia_row(struct req *r, json_t *g)
{
    struct buf *b = &r->out;
    int from_report = json_is_true(json_object_get(g, "uitRapport"));
    char nr[24];

    snprintf(nr, sizeof nr, "%lld", sqljson_int(g, "nummer"));
    html_lit(b, "<tr class=\"utrecht-table__row\">");
    page_td_num(r, sqljson_int(g, "nummer"));
    page_th_row_open(r);
    page_link(r, "/gremia/", nr, sqljson_str(g, "naam"));
    html_lit(b, "</th>");
    td_text(r, from_report ? sqljson_str(g, "relatie") : "niet in rapport");
    page_td_open(r);
    html_txt(b, sqljson_str(g, "relatieAfgeleid"));
    if (json_is_true(json_object_get(g, "relatieWijktAf")))
        html_lit(b, " <strong class=\"koers-flag\">(wijkt af van het "
                    "rapport)</strong>");
    html_lit(b, "</td>");
    page_td_open(r);
    pillar_list(b, g);
    html_lit(b, "</td>");
    td_text(r, sqljson_str(g, "domein")[0]
               ? domain_label(sqljson_str(g, "domein")) : NULL);
    page_td_num(r, sqljson_int(g, "aantalLeden"));
    page_td_open(r);
    if (page_bron_link(r, json_object_get(g, "bron")) != 0)
        html_lit(b, "—");
    html_lit(b, "</td></tr>\n");
}

/* 1 when gremium g passes the list's filter: relation rel and pillar
 * pil, each NULL for any. */
static int filter_match(json_t *g, const char *rel, const char *pil)
{
    json_t *p;
    size_t j;
    int has = 0;

    if (rel && strcmp(sqljson_str(g, "relatie"), rel) != 0)
        return 0;
    if (pil == NULL)
        return 1;
    json_array_foreach(json_object_get(g, "pijlers"), j, p)
        if (strcmp(sqljson_str(p, "pijler"), pil) == 0)
            has = 1;
    return has;
}

void ui_gremia_list(struct req *r)
{
    static const char *const cols[] = { "#Nr", "Gremium", "Relatie "
        "(rapport)", "Relatie (afgeleid)", "Pijlers (reikwijdte)", "Domein",
        "#Leden", "Bron", NULL };
    static const char *const sum_cols[] = { "Relatie", "#Volgens het "
        "rapport", "#Afgeleid", NULL };
    const char *rel = page_nonempty(req_query(r, "relatie"));
    const char *pil = page_nonempty(req_query(r, "pijler"));
    json_t *gremia = NULL, *pillars = NULL, *g;
    struct buf *b = &r->out;
    long long shown = 0, differ = 0;
    size_t i, j;

    if (rel && !known(relations, rel)) {
        page_error(r, 400, "Ongeldige invoer", "Onbekende waarde voor "
                   "relatie. Kies overlappend, specifieker, breder of niet "
                   "specifiek.");
        return;
    }
    gremia = gremium_list(r->db);
    pillars = governance_pillars(r->db);
    if (gremia == NULL || pillars == NULL) {
        store_failed(r);
        goto cleanup;
    }
    if (pil && page_by_code(pillars, pil) == NULL) {
        page_error(r, 400, "Ongeldige invoer", "Onbekende waarde voor "
                   "pijler. Kies een pijlercode: P1, P2, P3 of P4.");
        goto cleanup;
    }
    page_begin(r, "Gremia (Bijlage I)", "/gremia");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport heeft 31 bestaande "
                "gremia geanalyseerd. Bijlage I geeft per gremium de relatie "
                "met het Actieplan op de pijlers: <strong>overlappend"
                "</strong>, <strong>specifieker</strong>, <strong>breder"
                "</strong> of <strong>niet specifiek</strong>. Koers leidt "
                "die relatie ook af uit de reikwijdte (pijlers en domein) "
                "en toont waar die afwijkt. Het register telt nu ");
    html_int(b, (long long)json_array_size(gremia));
    html_lit(b, " gremia.</p>\n");
    page_bron(r, "2.4 Analyse gremia/ overlegstructuren", 515, 518);
    rule_para(r);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/versnippering\">Versnippering: overlap tussen "
                "gremia</a>");
    if (gremium_may_manage(&r->who))
        html_lit(b, " · <a class=\"nl-link\" href=\"/gremia/nieuw\">Gremium "
                    "registreren</a> · <a class=\"nl-link\" "
                    "href=\"/gremia/import\">Leden importeren</a>");
    html_lit(b, "</p>\n");

    page_h2(r, "Filteren");
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/gremia\">");
    page_select(r, "relatie", "Relatie met het Actieplan (rapport)",
                relations, relations, rel, "Alle relaties", NULL);
    {
        struct page_choices c = { 0 };

        if (page_choices_from(&c, pillars, "code", "naam", 0, 0) == 0) {
            page_select(r, "pijler", "Pijler", c.v, c.l, pil,
                        "Alle pijlers", NULL);
            page_choices_free(&c);
        }
    }
    page_submit(r, "Filter toepassen", 1);
    html_lit(b, "</form>\n");

    json_array_foreach(gremia, i, g) {
        if (filter_match(g, rel, pil))
            shown++;
        if (json_is_true(json_object_get(g, "relatieWijktAf")))
            differ++;
    }
    page_h2(r, "Overzicht");
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_int(b, shown);
    html_lit(b, " van ");
    html_int(b, (long long)json_array_size(gremia));
    html_lit(b, " gremia getoond. Bij ");
    html_int(b, differ);
    html_lit(b, " gremia uit het rapport wijkt de afgeleide relatie af van "
                "de indeling in Bijlage I.</p>\n");
    if (shown == 0) {
        page_para(r, "Geen gremia gevonden met dit filter.");
    } else {
        page_table_open(r, "gremia-titel", "Gremia met hun leden en hun "
                        "relatie tot het Actieplan Groene en Digitale Banen",
                        cols);
        json_array_foreach(gremia, i, g)
            if (filter_match(g, rel, pil))
                gremia_row(r, g);
        page_table_close(r);
    }
    page_h2(r, "Samenvatting per relatie");
    page_table_open(r, "samenvatting-titel", "Aantal gremia per relatie met "
                    "het Actieplan: volgens het rapport en afgeleid",
                    sum_cols);
    for (i = 0; relations[i]; i++) {
        long long n_rep = 0, n_der = 0;

        json_array_foreach(gremia, j, g) {
            if (json_is_true(json_object_get(g, "uitRapport")) &&
                strcmp(sqljson_str(g, "relatie"), relations[i]) == 0)
                n_rep++;
            if (strcmp(sqljson_str(g, "relatieAfgeleid"), relations[i]) == 0)
                n_der++;
        }
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_link(r, "/gremia?relatie=", relations[i], relations[i]);
        html_lit(b, "</th>");
        page_td_num(r, n_rep);
        page_td_num(r, n_der);
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
    page_end(r);
cleanup:
    json_decref(gremia);
    json_decref(pillars);
}

/* ------------------------------------------------------------------ */
/* /gremia/{nr}                                                        */

/* The risk-7 warning with its evidence, when the check fires. */
static void warning_box(struct req *r, json_t *check)
{
    struct buf *b = &r->out;
    json_t *e, *o;
    size_t i, j;

    if (!json_is_true(json_object_get(check, "waarschuwing")))
        return;
    page_alert_open(r, "warning");
    html_lit(b, "<p class=\"nl-paragraph\"><strong>Risico 7, versnippering:"
                "</strong> dit gremium stuurt op doelen van het Actieplan "
                "met veel dezelfde organisaties (ten minste ");
    html_int(b, OVERLAP_WARN_SHARED);
    html_lit(b, " gedeeld, of een overlapcoëfficiënt van ten minste 0,5) "
                "als:</p><ul class=\"utrecht-unordered-list\">");
    json_array_foreach(json_object_get(check, "bewijs"), i, e) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
        if (strcmp(sqljson_str(e, "soort"), "gremium") == 0) {
            char nr[24];

            snprintf(nr, sizeof nr, "%lld", sqljson_int(e, "nummer"));
            html_lit(b, "gremium ");
            page_link(r, "/gremia/", nr, sqljson_str(e, "naam"));
        } else {
            html_lit(b, "overleg ");
            page_link(r, "/overleggen/", sqljson_str(e, "code"),
                      sqljson_str(e, "naam"));
        }
        html_lit(b, ": ");
        html_int(b, sqljson_int(e, "gedeeld"));
        html_lit(b, " gedeelde organisaties, overlapcoëfficiënt ");
        html_num(b, json_number_value(json_object_get(e,
                                                      "overlapcoefficient")),
                 2);
        html_lit(b, ", Jaccard ");
        html_num(b, json_number_value(json_object_get(e, "jaccard")), 2);
        if (json_is_number(json_object_get(e, "doeloverlap"))) {
            html_lit(b, ", doeloverlap ");
            html_num(b, json_number_value(json_object_get(e, "doeloverlap")),
                     2);
        }
        html_lit(b, " (");
        json_array_foreach(json_object_get(e, "organisaties"), j, o) {
            if (j > 0)
                html_lit(b, ", ");
            html_txt(b, sqljson_str(o, "naam"));
        }
        html_lit(b, ")</li>");
    }
    html_lit(b, "</ul>");
    page_alert_close(r);
    page_bron(r, "5.5 Risico's", 2170, 2175);
}

static void members_table(struct req *r, long long nr, json_t *members,
                          int current, int manage)
{
    static const char *const cols_cur[] = { "Organisatie", "Sinds",
        "Bron", "Actie", NULL };
    static const char *const cols_old[] = { "Organisatie", "Sinds", "Tot",
        "Bron", NULL };
    struct buf *b = &r->out;
    json_t *m;
    size_t i;

    page_table_open(r, current ? "leden-titel" : "eerdere-titel",
                    current ? "Huidige leden" : "Eerdere leden",
                    current ? cols_cur : cols_old);
    json_array_foreach(members, i, m) {
        json_t *o = json_object_get(m, "organisatie");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_link(r, "/organisaties/", sqljson_str(o, "code"),
                  sqljson_str(o, "naam"));
        html_lit(b, "</th>");
        page_td(r, m, "sinds");
        if (!current)
            page_td(r, m, "tot");
        page_td(r, m, "bron");
        if (current) {
            page_td_open(r);
            if (manage) {
                html_lit(b, "<form method=\"post\" action=\"/gremia/");
                html_int(b, nr);
                html_lit(b, "/leden/");
                html_int(b, sqljson_int(m, "id"));
                html_lit(b, "/beeindigen\">");
                page_csrf_field(r);
                html_lit(b, "<button class=\"utrecht-button utrecht-button--"
                            "secondary-action\" type=\"submit\">Lidmaatschap "
                            "beëindigen<span class=\"koers-visually-hidden\">"
                            ": ");
                html_txt(b, sqljson_str(o, "naam"));
                html_lit(b, "</span></button></form>");
            } else {
                html_lit(b, "—");
            }
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
}

static void pair_rows(struct req *r, const struct overlap_analysis *a,
                      long long only, size_t max)
{
    struct buf *b = &r->out;
    size_t k, shown = 0;

    for (k = 0; k < a->res.npairs && shown < max; k++) {
        const struct overlap_pair *p = &a->res.pairs[k];
        json_t *o;
        char na[24], nb[24];

        if (only > 0 && a->nr[p->a] != only && a->nr[p->b] != only)
            continue;
        o = overlap_pair_json(a, k);
        if (o == NULL)
            continue;
        shown++;
        snprintf(na, sizeof na, "%lld", a->nr[p->a]);
        snprintf(nb, sizeof nb, "%lld", a->nr[p->b]);
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_link(r, "/gremia/", na, a->name[p->a]);
        html_lit(b, " en ");
        page_link(r, "/gremia/", nb, a->name[p->b]);
        html_lit(b, "</th>");
        page_td_num(r, p->shared);
        page_td_open(r);
        html_int(b, a->res.size[p->a]);
        html_lit(b, " / ");
        html_int(b, a->res.size[p->b]);
        html_lit(b, "</td>");
        td_measure(r, o, "jaccard");
        td_measure(r, o, "overlapcoefficient");
        td_measure(r, o, "doeloverlap");
        td_measure(r, o, "score");
        html_lit(b, "</tr>\n");
        json_decref(o);
    }
}

static const char *const pair_cols[] = { "Paar", "#Gedeeld", "Leden (A / "
    "B)", "#Jaccard", "#Overlapcoëfficiënt", "#Doeloverlap", "#Score",
    NULL };

void ui_gremium(struct req *r)
{
    long long nr = page_path_id(r, "Dit gremium bestaat niet.");
    json_t *g = NULL, *check = NULL, *orgs = NULL;
    struct overlap_analysis a = { 0 };
    int manage = gremium_may_manage(&r->who), have_a = 0;
    struct buf *b = &r->out;
    char title[1024];

    if (nr < 0)
        return;
    g = gremium_get(r->db, nr);
    if (g == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit gremium bestaat niet.");
        return;
    }
    check = overlap_warning(r->db, nr);
    have_a = overlap_analyse(r->db, NULL, &a) == 0;
    orgs = manage ? organisation_list(r->db) : NULL;
    if (check == NULL || !have_a || (manage && orgs == NULL)) {
        store_failed(r);
        goto cleanup;
    }
    snprintf(title, sizeof title, "%s", sqljson_str(g, "naam"));
    page_begin(r, title, "/gremia");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De wijziging is opgeslagen.");
    warning_box(r, check);
    html_lit(b, "<dl class=\"koers-dl\">");
    {
        char buf[64];

        snprintf(buf, sizeof buf, "%lld", nr);
        page_dl_item(r, "Nummer", buf);
    }
    page_dl_item(r, "Relatie volgens het rapport",
                 json_is_true(json_object_get(g, "uitRapport"))
                 ? sqljson_str(g, "relatie") : "niet in het rapport");
    page_dl_item(r, "Relatie afgeleid uit de reikwijdte",
                 sqljson_str(g, "relatieAfgeleid"));
    page_dl_item(r, "Domein", sqljson_str(g, "domein")[0]
                 ? domain_label(sqljson_str(g, "domein")) : "onbekend");
    page_dl_item(r, "Doel", sqljson_str(g, "doel"));
    page_dl_item(r, "Toelichting", sqljson_str(g, "toelichting"));
    page_dl_item(r, "Geregistreerd", sqljson_str(g, "geregistreerd"));
    page_dl_item(r, "Gewijzigd", sqljson_str(g, "gewijzigd"));
    html_lit(b, "</dl>\n");
    if (json_is_true(json_object_get(g, "relatieWijktAf")))
        page_alert(r, "info", "De afgeleide relatie wijkt af van de indeling "
                              "in Bijlage I van het rapport; zie de regel "
                              "hieronder.");
    page_bron_json(r, g, "bron");
    page_h2(r, "Reikwijdte");
    html_lit(b, "<p class=\"nl-paragraph\">Pijlers: ");
    pillar_list(b, g);
    html_lit(b, ".</p>\n");
    rule_para(r);
    if (manage) {
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                    "href=\"/gremia/");
        html_int(b, nr);
        html_lit(b, "/wijzigen\">Gremium wijzigen</a></p>\n");
    }

    page_h2_id(r, "leden", "Leden");
    if (json_array_size(json_object_get(g, "leden")) == 0)
        page_para(r, "Er zijn nog geen leden ingevoerd.");
    else
        members_table(r, nr, json_object_get(g, "leden"), 1, manage);
    if (manage) {
        struct page_choices c = { 0 };

        page_h3(r, "Organisatie toevoegen");
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/gremia/");
        html_int(b, nr);
        html_lit(b, "/leden\">");
        page_csrf_field(r);
        if (page_choices_from(&c, orgs, "code", "naam", 0, 0) == 0) {
            page_select(r, "organisatie", "Organisatie", c.v, c.l, NULL,
                        "Kies een organisatie", NULL);
            page_choices_free(&c);
        }
        page_field_placeholder(r, "sinds", "Lid sinds (JJJJ-MM-DD, leeg: "
                               "vandaag)", NULL, "JJJJ-MM-DD", NULL, 0);
        page_submit(r, "Toevoegen", 1);
        html_lit(b, "</form>\n");
    }
    if (json_array_size(json_object_get(g, "eerdereLeden")) > 0)
        members_table(r, nr, json_object_get(g, "eerdereLeden"), 0, 0);

    page_h2_id(r, "overlap", "Overlap met andere gremia");
    {
        size_t n = 0, k;

        for (k = 0; k < a.res.npairs; k++)
            if (a.nr[a.res.pairs[k].a] == nr || a.nr[a.res.pairs[k].b] == nr)
                n++;
        if (n == 0) {
            page_para(r, "Dit gremium deelt nu geen organisaties met een "
                         "ander gremium.");
        } else {
            page_para(r, overlap_score_formula);
            page_table_open(r, "overlap-titel", "Gremia waarmee dit gremium "
                            "organisaties deelt, hoogste score eerst",
                            pair_cols);
            pair_rows(r, &a, nr, UI_PAIRS_MAX);
            page_table_close(r);
        }
    }
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/gremia\">Alle gremia</a> · <a class=\"nl-link\" "
                "href=\"/versnippering\">Versnippering</a></p>\n");
    page_end(r);
cleanup:
    json_decref(g);
    json_decref(check);
    json_decref(orgs);
    if (have_a)
        overlap_analysis_free(&a);
}

/* ------------------------------------------------------------------ */
/* Register and change                                                 */

/* The form's input as the API's JSON: naam, doel, domein, pijlers from
 * the selects pijler-P1.., leden from the codes in the text area. NULL
 * with err filled when the leden text cannot be read. */
static json_t *form_input(struct req *r, json_t *pillars, char *err,
                          size_t errlen)
{
    json_t *in = json_object(), *pl = json_array(), *ld = json_array(), *p;
    const char *leden = req_field(r, "leden");
    size_t i;

    page_set_text(in, "naam", req_field(r, "naam"));
    page_set_text(in, "doel", req_field(r, "doel"));
    page_set_text(in, "domein", req_field(r, "domein"));
    json_array_foreach(pillars, i, p) {
        char name[32];
        const char *v;

        snprintf(name, sizeof name, "pijler-%s", sqljson_str(p, "code"));
        v = req_field(r, name);
        if (v && v[0])
            json_array_append_new(pl, json_pack("{s:s, s:s}", "pijler",
                                  sqljson_str(p, "code"), "relatie", v));
    }
    json_object_set_new(in, "pijlers", pl);
    /* organisation codes separated by white space or commas */
    while (leden && *leden) {
        char code[65];
        size_t n = 0;

        while (*leden && (isspace((unsigned char)*leden) || *leden == ','))
            leden++;
        while (*leden && !isspace((unsigned char)*leden) && *leden != ',') {
            if (n + 1 >= sizeof code) {
                snprintf(err, errlen, "Leden: een organisatiecode is langer "
                         "dan 64 tekens.");
                json_decref(ld);
                json_decref(in);
                return NULL;
            }
            code[n++] = *leden++;
        }
        code[n] = '\0';
        if (n)
            json_array_append_new(ld, json_string(code));
    }
    json_object_set_new(in, "leden", ld);
    return in;
}

/* The register/change form, with err on top; values from the request
 * (after a refusal) or from gremium g (editing), else empty. */
static void gremium_form(struct req *r, int status, json_t *g,
                         const char *err)
{
    json_t *pillars = governance_pillars(r->db), *p, *x;
    struct buf *b = &r->out;
    struct buf codes;
    int posted = req_field(r, "naam") != NULL;
    long long nr = g ? sqljson_int(g, "nummer") : 0;
    size_t i, j;

    if (pillars == NULL) {
        store_failed(r);
        return;
    }
    buf_init(&codes, 64 * 1024);
    json_array_foreach(json_object_get(g, "leden"), i, x) {
        buf_puts(&codes, sqljson_str(json_object_get(x, "organisatie"),
                                     "code"));
        buf_puts(&codes, "\n");
    }
    r->status = status;
    page_begin(r, g ? "Gremium wijzigen" : "Gremium registreren", "/gremia");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Leg vast op welke pijlers en in welk domein het gremium "
                 "stuurt en welke organisaties erin zitten. Koers toetst "
                 "meteen of het gremium met veel dezelfde leden op de doelen "
                 "van het Actieplan stuurt (risico 7, versnippering).");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" action=\"");
    if (g) {
        html_lit(b, "/gremia/");
        html_int(b, nr);
    } else {
        html_lit(b, "/gremia");
    }
    html_lit(b, "\">");
    page_csrf_field(r);
    page_field(r, "naam", "Naam (hoogstens 200 tekens)", "text",
               posted ? req_field(r, "naam") : sqljson_str(g, "naam"), NULL,
               1);
    page_field(r, "doel", "Doel", "textarea",
               posted ? req_field(r, "doel") : sqljson_str(g, "doel"), NULL,
               0);
    page_select(r, "domein", "Domein", domains, domain_labels,
                posted ? req_field(r, "domein") : sqljson_str(g, "domein"),
                "Onbekend of breder", NULL);
    html_lit(b, "<fieldset class=\"utrecht-form-fieldset utrecht-form-"
                "fieldset--html-fieldset\"><legend class=\"utrecht-form-"
                "fieldset__legend utrecht-form-fieldset__legend--html-"
                "legend\">Reikwijdte per pijler</legend>");
    json_array_foreach(pillars, i, p) {
        char name[32], label[300];
        const char *sel = NULL;

        snprintf(name, sizeof name, "pijler-%s", sqljson_str(p, "code"));
        snprintf(label, sizeof label, "%s: %s", sqljson_str(p, "code"),
                 sqljson_str(p, "naam"));
        if (posted)
            sel = req_field(r, name);
        else
            json_array_foreach(json_object_get(g, "pijlers"), j, x)
                if (strcmp(sqljson_str(x, "pijler"),
                           sqljson_str(p, "code")) == 0)
                    sel = sqljson_str(x, "relatie");
        page_select(r, name, label, prel, prel_labels, sel,
                    "Niet op deze pijler", NULL);
    }
    html_lit(b, "</fieldset>");
    page_field(r, "leden", "Leden: organisatiecodes, gescheiden door spaties, "
               "komma's of regels (zie Organisaties)", "textarea",
               posted ? req_field(r, "leden") : buf_str(&codes), NULL, 0);
    page_submit(r, g ? "Wijziging opslaan" : "Registreren", 1);
    html_lit(b, "</form>\n<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/organisaties\">Organisaties en hun codes</a></p>\n");
    page_end(r);
    buf_free(&codes);
    json_decref(pillars);
}

void ui_gremium_new(struct req *r)
{
    gremium_form(r, 200, NULL, NULL);
}

void ui_gremium_edit(struct req *r)
{
    long long nr = page_path_id(r, "Dit gremium bestaat niet.");
    json_t *g;

    if (nr < 0)
        return;
    g = gremium_get(r->db, nr);
    if (g == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit gremium bestaat niet.");
        return;
    }
    gremium_form(r, 200, g, NULL);
    json_decref(g);
}

void ui_gremium_create(struct req *r)
{
    json_t *pillars = governance_pillars(r->db), *in, *check = NULL;
    struct fault f = { 0 };
    char err[256] = "";
    long long nr;

    in = form_input(r, pillars, err, sizeof err);
    json_decref(pillars);
    if (in == NULL) {
        gremium_form(r, 400, NULL, err);
        return;
    }
    nr = gremium_create(r->db, &r->who, in, &check, &f);
    json_decref(in);
    json_decref(check);
    if (nr < 0)
        gremium_form(r, f.kind ? (int)f.kind : 500, NULL,
                     f.msg[0] ? f.msg : "Opslaan is mislukt.");
    else
        page_redirect_id(r, "/gremia/", nr, "?opgeslagen=1");
}

void ui_gremium_update(struct req *r)
{
    long long nr = page_path_id(r, "Dit gremium bestaat niet.");
    json_t *pillars, *in, *check = NULL, *g;
    struct fault f = { 0 };
    char err[256] = "";

    if (nr < 0)
        return;
    g = gremium_get(r->db, nr);
    if (g == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit gremium bestaat niet.");
        return;
    }
    pillars = governance_pillars(r->db);
    in = form_input(r, pillars, err, sizeof err);
    json_decref(pillars);
    if (in == NULL) {
        gremium_form(r, 400, g, err);
        json_decref(g);
        return;
    }
    if (gremium_update(r->db, &r->who, nr, in, &check, &f) != 0)
        gremium_form(r, f.kind ? (int)f.kind : 500, g,
                     f.msg[0] ? f.msg : "Opslaan is mislukt.");
    else
        page_redirect_id(r, "/gremia/", nr, "?opgeslagen=1");
    json_decref(in);
    json_decref(check);
    json_decref(g);
}

void ui_gremium_member_add(struct req *r)
{
    long long nr = page_path_id(r, "Dit gremium bestaat niet."), id;
    json_t *in, *check = NULL;
    struct fault f = { 0 };

    if (nr < 0)
        return;
    in = json_object();
    page_set_text(in, "organisatie", req_field(r, "organisatie"));
    page_set_text(in, "sinds", req_field(r, "sinds"));
    id = gremium_member_add(r->db, &r->who, nr, in, &check, &f);
    json_decref(in);
    json_decref(check);
    if (id < 0)
        page_error(r, f.kind ? (int)f.kind : 500, "Niet toegevoegd",
                   f.msg[0] ? f.msg : "Opslaan is mislukt.");
    else
        page_redirect_id(r, "/gremia/", nr, "?opgeslagen=1#leden");
}

void ui_gremium_member_end(struct req *r)
{
    long long nr = page_path_id(r, "Dit gremium bestaat niet."), id;
    struct fault f = { 0 };

    if (nr < 0)
        return;
    id = page_parse_id(r->nparam > 1 ? r->param[1] : NULL);
    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Dit lidmaatschap bestaat niet.");
        return;
    }
    if (gremium_member_end(r->db, &r->who, nr, id, NULL, &f) != 0)
        page_error(r, f.kind ? (int)f.kind : 500, "Niet beëindigd",
                   f.msg[0] ? f.msg : "Opslaan is mislukt.");
    else
        page_redirect_id(r, "/gremia/", nr, "?opgeslagen=1#leden");
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

static void import_page(struct req *r, int status,
                        const struct gremium_import *res,
                        const struct fault *f)
{
    struct buf *b = &r->out;
    int i;

    r->status = status;
    page_begin(r, "Leden van gremia importeren", "/gremia");
    if (f) {
        page_alert_open(r, "error");
        html_lit(b, "<p class=\"nl-paragraph\">");
        html_txt(b, f->msg);
        html_lit(b, "</p>");
        if (res && res->nerrors) {
            html_lit(b, "<ul class=\"utrecht-unordered-list\">");
            for (i = 0; i < res->nerrors; i++) {
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
                html_txt(b, res->errors[i]);
                html_lit(b, "</li>");
            }
            if (res->more_errors)
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">… en "
                            "meer: na 20 fouten is het lezen gestopt.</li>");
            html_lit(b, "</ul>");
        }
        page_alert_close(r);
    } else if (res) {
        char msg[300];

        snprintf(msg, sizeof msg, "Geïmporteerd: %lld regels, %lld nieuwe "
                 "lidmaatschappen, %lld ongewijzigd, %lld gremia bijgewerkt, "
                 "%lld met een waarschuwing voor versnippering.", res->rows,
                 res->added, res->unchanged, res->gremia, res->warnings);
        page_alert(r, "ok", msg);
    }
    page_para(r, "Lees een CSV-bestand in met de kopregel "
                 "gremium,organisatie of gremium,organisatie,sinds. Het "
                 "gremium is het nummer of de exacte naam uit de lijst van "
                 "gremia, de organisatie de code uit de lijst van "
                 "organisaties, sinds een datum JJJJ-MM-DD (leeg: vandaag). "
                 "Koers controleert elke regel en slaat alles in één keer "
                 "op, of niets als er iets mis is; een lidmaatschap dat er "
                 "al is, blijft ongewijzigd.");
    if (gremium_may_manage(&r->who)) {
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/gremia/import\" enctype=\"multipart/form-"
                    "data\">");
        page_csrf_field(r);
        html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                    "form-field__label\"><label class=\"utrecht-form-label\" "
                    "for=\"veld-bestand\">Bestand (CSV)</label></div><div "
                    "class=\"utrecht-form-field__input\"><input "
                    "id=\"veld-bestand\" name=\"bestand\" type=\"file\" "
                    "accept=\".csv,text/csv\" required></div></div>");
        page_submit(r, "Importeren", 1);
        html_lit(b, "</form>\n");
    } else {
        page_alert(r, "info", "Alleen de beheerder en de secretaris kunnen "
                              "leden van gremia importeren.");
    }
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/gremia\">Alle gremia</a> · <a class=\"nl-link\" "
                "href=\"/versnippering\">Versnippering</a></p>\n");
    page_end(r);
}

void ui_gremium_import(struct req *r)
{
    import_page(r, 200, NULL, NULL);
}

void ui_gremium_import_post(struct req *r)
{
    struct gremium_import *res = calloc(1, sizeof *res);
    struct fault f = { 0 };

    if (res == NULL) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        return;
    }
    if (gremium_import_csv(r->db, &r->who, buf_str(&r->upload),
                           r->upload.len, res, &f) != 0)
        import_page(r, f.kind ? (int)f.kind : 500, res, &f);
    else
        import_page(r, 200, res, NULL);
    free(res);
}

/* ------------------------------------------------------------------ */
/* /versnippering                                                      */

/* The score of pair (x, y) of gremium numbers in a; -1 when none. */
static double score_of(const struct overlap_analysis *a, long long x,
                       long long y, unsigned *shared)
{
    size_t k;

    for (k = 0; k < a->res.npairs; k++) {
        const struct overlap_pair *p = &a->res.pairs[k];

        if ((a->nr[p->a] == x && a->nr[p->b] == y) ||
            (a->nr[p->a] == y && a->nr[p->b] == x)) {
            *shared = p->shared;
            return p->score;
        }
    }
    *shared = 0;
    return -1;
}

static void then_and_now(struct req *r, const struct overlap_analysis *now,
                         const struct overlap_analysis *then)
{
    static const char *const cols[] = { "Paar", "#Gedeeld toen",
        "#Score toen", "#Gedeeld nu", "#Score nu", NULL };
    struct buf *b = &r->out;
    size_t k, shown = 0;
    char caption[128];

    snprintf(caption, sizeof caption, "Overlap op %s en nu (%s)",
             then->date, now->date);
    page_table_open(r, "toen-titel", caption, cols);
    for (k = 0; k < now->res.npairs + then->res.npairs &&
         shown < UI_PAIRS_MAX; k++) {
        const struct overlap_analysis *src = k < now->res.npairs ? now : then;
        const struct overlap_pair *p = &src->res.pairs[k < now->res.npairs
                                        ? k : k - now->res.npairs];
        long long x = src->nr[p->a], y = src->nr[p->b];
        unsigned s_then, s_now;
        double sc_then = score_of(then, x, y, &s_then);
        double sc_now = score_of(now, x, y, &s_now);

        /* a pair of the old list already shown from the new one */
        if (src == then && sc_now >= 0)
            continue;
        shown++;
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, src->name[p->a]);
        html_lit(b, " en ");
        html_txt(b, src->name[p->b]);
        html_lit(b, "</th>");
        page_td_num(r, s_then);
        page_td_open(r);
        html_num(b, sc_then < 0 ? 0 : sc_then, 2);
        html_lit(b, "</td>");
        page_td_num(r, s_now);
        page_td_open(r);
        html_num(b, sc_now < 0 ? 0 : sc_now, 2);
        html_lit(b, "</td></tr>\n");
    }
    page_table_close(r);
}

void ui_versnippering(struct req *r)
{
    const char *date = page_nonempty(req_query(r, "datum"));
    struct overlap_analysis now = { 0 }, then = { 0 };
    int have_now = 0, have_then = 0;
    struct buf *b = &r->out;
    char desc[512];
    unsigned min_shared;

    if (date && !input_is_date(date)) {
        page_error(r, 400, "Ongeldige datum", "De datum is een datum "
                   "JJJJ-MM-DD, bijvoorbeeld 2024-01-01.");
        return;
    }
    have_now = overlap_analyse(r->db, NULL, &now) == 0;
    have_then = date ? overlap_analyse(r->db, date, &then) == 0 : 0;
    if (!have_now || (date && !have_then)) {
        store_failed(r);
        goto cleanup;
    }
    page_begin(r, "Versnippering: overlap tussen gremia", "/gremia");
    page_para(r, "Wanneer gremia zowel in doel als in aangesloten partijen "
                 "een grote overlap vertonen, is de kans groot dat dezelfde "
                 "oplossingsrichtingen aan verschillende tafels worden "
                 "besproken. Koers telt voor elk paar gremia de gedeelde "
                 "organisaties en vergelijkt hun doelen per pijler en "
                 "domein.");
    page_bron(r, "2.8 Stakeholders", 787, 815);
    page_h2(r, "Hoe de score wordt berekend");
    page_para(r, overlap_score_formula);
    page_para(r, "Een nieuw of gewijzigd gremium dat op de pijlers van het "
                 "Actieplan stuurt en met een ander gremium of overleg ten "
                 "minste 5 organisaties deelt, of een overlapcoëfficiënt van "
                 "ten minste 0,5 heeft (bij ten minste 2 gedeelde), geeft "
                 "een waarschuwing voor risico 7.");
    page_h2(r, "Paren, hoogste score eerst");
    if (now.res.npairs == 0) {
        page_para(r, "Er zijn nog geen gremia die organisaties delen. "
                     "Voer leden in bij een gremium of importeer ze.");
    } else {
        char caption[128];

        snprintf(caption, sizeof caption, "Paren van gremia met gedeelde "
                 "organisaties op %s (%zu paren%s)", now.date,
                 now.res.npairs, now.res.npairs > UI_PAIRS_MAX
                 ? ", de eerste 100" : "");
        page_table_open(r, "paren-titel", caption, pair_cols);
        pair_rows(r, &now, 0, UI_PAIRS_MAX);
        page_table_close(r);
        page_h2(r, "Netwerk");
        min_shared = now.res.npairs > 60 ? UI_NET_MIN_SHARED : 1;
        snprintf(desc, sizeof desc, "Gremia als cirkels (grootte: aantal "
                 "organisaties), lijnen tussen gremia die organisaties delen "
                 "(dikte: aantal gedeelde organisaties%s). Gremia die veel "
                 "delen staan naast elkaar. Dezelfde gegevens staan in de "
                 "tabel hierboven.", min_shared > 1
                 ? "; paren met 1 gedeelde organisatie weggelaten" : "");
        html_lit(b, "<figure class=\"koers-chart\">");
        overlap_network_svg(b, &now, min_shared, "Netwerk van gremia met "
                            "gedeelde organisaties", desc);
        html_lit(b, "<figcaption>");
        html_txt(b, desc);
        html_lit(b, "</figcaption></figure>\n");
    }
    page_h2_id(r, "toen-en-nu", "Toen en nu");
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/versnippering#toen-en-nu\">");
    page_field_placeholder(r, "datum", "Vergelijk met datum (JJJJ-MM-DD)",
                           date, "JJJJ-MM-DD", NULL, 1);
    page_submit(r, "Vergelijken", 1);
    html_lit(b, "</form>\n");
    if (have_then)
        then_and_now(r, &now, &then);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/gremia\">Alle gremia</a> · <a class=\"nl-link\" "
                "href=\"/api/v1/overlap\">De paren als JSON</a></p>\n");
    page_end(r);
cleanup:
    if (have_now)
        overlap_analysis_free(&now);
    if (have_then)
        overlap_analysis_free(&then);
}
