/* ui_knelpunt.c - the knelpunt pages: the list with filters, raising a
 * knelpunt, one knelpunt (details, history per table, the next steps the
 * viewer may take, publishing) and the route explained.
 *
 * Owns: turning the forms of these pages into the same JSON input the API
 * takes, so validation and permissions stay the domain's (knelpunt.h);
 * re-rendering a form with the refusal on top, keeping what was typed;
 * and the redirect after a change. The public (not logged in) sees only
 * published knelpunten: an unpublished one answers 404 as if it did not
 * exist. All markup goes through html.h. */
#include "ui.h"
#include "governance.h"
#include "html.h"
#include "knelpunt.h"
#include "page.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Rows per page of the list. */
#define UI_KP_PAGE 50

static const char *const origins[] = { "wet", "regelgeving", "beleid",
    "regeling", "financiering", "uitvoering", NULL };
static const char *const origin_labels[] = { "Wet", "Regelgeving",
    "Beleid", "Regeling", "Financiering", "Uitvoering", NULL };

/* ---- small helpers ---- */

/* Values and labels for page_select, borrowed from a JSON array of
 * objects (value member vkey, label member lkey), with an optional
 * suffix member shown in brackets. */
struct choices {
    const char **v;
    const char **l;
    char **own;                /* labels we built, freed with the rest */
    size_t n;
};

static void choices_free(struct choices *c)
{
    size_t i;

    for (i = 0; c->own && i < c->n; i++)
        free(c->own[i]);
    free(c->own);
    free(c->v);
    free(c->l);
    memset(c, 0, sizeof *c);
}

static int choices_from(struct choices *c, json_t *arr, const char *vkey,
                        const char *lkey, const char *suffix_key)
{
    size_t n = json_array_size(arr), i;
    json_t *o;

    memset(c, 0, sizeof *c);
    c->v = calloc(n + 1, sizeof *c->v);
    c->l = calloc(n + 1, sizeof *c->l);
    c->own = calloc(n + 1, sizeof *c->own);
    if (c->v == NULL || c->l == NULL || c->own == NULL) {
        choices_free(c);
        return -1;
    }
    json_array_foreach(arr, i, o) {
        const char *label = sqljson_str(o, lkey);

        c->v[c->n] = sqljson_str(o, vkey);
        if (suffix_key) {
            size_t len = strlen(label) + strlen(sqljson_str(o, suffix_key))
                         + 4;

            c->own[c->n] = malloc(len);
            if (c->own[c->n] == NULL) {
                choices_free(c);
                return -1;
            }
            snprintf(c->own[c->n], len, "%s (%s)", label,
                     sqljson_str(o, suffix_key));
            label = c->own[c->n];
        }
        c->l[c->n++] = label;
    }
    return 0;
}

static const char *origin_label(const char *code)
{
    size_t i;

    for (i = 0; origins[i]; i++)
        if (strcmp(origins[i], code) == 0)
            return origin_labels[i];
    return code;
}

/* The state of a knelpunt as a badge: overdue, end state, or at a table. */
static void state_badges(struct req *r, json_t *k)
{
    struct buf *b = &r->out;
    json_t *st = json_object_get(k, "toestand");

    if (json_is_true(json_object_get(st, "eind")))
        html_lit(b, " <span class=\"koers-badge koers-badge--ok\">"
                    "afgehandeld</span>");
    if (json_is_true(json_object_get(k, "teLaat")))
        html_lit(b, " <span class=\"koers-badge koers-badge--error\">"
                    "te laat</span>");
}

static int may_raise_some(struct req *r)
{
    return req_logged_in(r) && knelpunt_may_raise(&r->who, NULL);
}

/* The region of a user who may raise only for its own region ("" for
 * an unrestricted user): the region code matching the scope. */
static const char *own_region(struct req *r, json_t *regions)
{
    json_t *o;
    size_t i;

    if (!req_logged_in(r) || r->who.scope[0] == '\0' ||
        perm_allowed(r->who.role, r->who.scope, ACT_KNELPUNT_MELDEN, NULL))
        return "";
    json_array_foreach(regions, i, o)
        if (strcasecmp(sqljson_str(o, "code"), r->who.scope) == 0)
            return sqljson_str(o, "code");
    return "";
}

/* ---- the list ---- */

/* The href of list page `page` with the current filters. */
static void list_href(struct req *r, const void *ctx, long long page)
{
    const struct knelpunt_filter *flt = ctx;
    struct buf *b = &r->out;

    html_lit(b, "/knelpunten?pagina=");
    html_int(b, page);
    page_href_arg(r, "toestand", flt->state);
    page_href_arg(r, "regio", flt->region);
    page_href_arg(r, "pijler", flt->pillar);
    if (flt->overdue >= 0)
        html_lit(b, flt->overdue ? "&amp;teLaat=true" : "&amp;teLaat=false");
}

static void list_filters(struct req *r, const struct knelpunt_filter *flt,
                         json_t *states, json_t *regions, json_t *pillars)
{
    static const char *const late_v[] = { "true", "false", NULL };
    static const char *const late_l[] = { "Alleen te laat",
                                          "Alleen op tijd", NULL };
    struct choices cs = { 0 }, cr = { 0 }, cp = { 0 };
    struct buf *b = &r->out;

    if (choices_from(&cs, states, "code", "naam", NULL) != 0 ||
        choices_from(&cr, regions, "code", "naam", "soort") != 0 ||
        choices_from(&cp, pillars, "code", "naam", NULL) != 0)
        goto cleanup;
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/knelpunten\">");
    page_select(r, "toestand", "Toestand", cs.v, cs.l, flt->state,
                "Alle toestanden", NULL);
    page_select(r, "regio", "Regio", cr.v, cr.l, flt->region,
                "Alle regio's", NULL);
    page_select(r, "pijler", "Pijler", cp.v, cp.l, flt->pillar,
                "Alle pijlers", NULL);
    page_select(r, "teLaat", "Termijn", late_v, late_l,
                flt->overdue < 0 ? NULL : flt->overdue ? "true" : "false",
                "Alle knelpunten", NULL);
    page_submit(r, "Tonen", 0);
    html_lit(b, "</form>\n");
cleanup:
    choices_free(&cs);
    choices_free(&cr);
    choices_free(&cp);
}

static void list_table(struct req *r, json_t *items, long long total,
                       long long page, long long pages)
{
    static const char *const cols[] = { "#Nr", "Titel", "Regio", "Pijlers",
        "Toestand", "#Wacht (dagen)", "Gemeld op", NULL };
    struct buf *b = &r->out;
    char caption[160];
    json_t *k, *p;
    size_t i, j;

    snprintf(caption, sizeof caption, "Knelpunten: %lld gevonden, pagina "
             "%lld van %lld", total, page, pages);
    page_table_open(r, "knelpunten-tabel", caption, cols);
    json_array_foreach(items, i, k) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_num(r, sqljson_int(k, "id"));
        page_th_row_open(r);
        page_id_link(r, "/knelpunten/", sqljson_int(k, "id"),
                     sqljson_str(k, "titel"));
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(k, "regio"), "naam"));
        html_lit(b, "</td>");
        page_td_open(r);
        json_array_foreach(json_object_get(k, "pijlers"), j, p) {
            html_lit(b, j ? ", " : "");
            html_txt(b, json_string_value(p));
        }
        html_lit(b, "</td>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(k, "toestand"), "naam"));
        state_badges(r, k);
        if (json_is_true(json_object_get(k, "openbaar")))
            html_lit(b, " <span class=\"koers-badge koers-badge--info\">"
                        "openbaar</span>");
        html_lit(b, "</td>");
        if (json_is_integer(json_object_get(k, "wachtDagen")))
            page_td_num(r, sqljson_int(k, "wachtDagen"));
        else
            html_lit(b, "<td class=\"utrecht-table__cell utrecht-table__"
                        "cell--numeric-column utrecht-table__cell--"
                        "numeric-data\">—</td>");
        page_td_open(r);
        page_date_long(r, sqljson_str(k, "gemeldOp"));
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

void ui_knelpunten(struct req *r)
{
    struct knelpunt_filter flt = { 0 };
    const char *late = page_nonempty(req_query(r, "teLaat"));
    const char *ptxt = page_nonempty(req_query(r, "pagina"));
    json_t *route = NULL, *regions = NULL, *pillars = NULL, *items = NULL;
    struct fault f = { 0 };
    struct buf *b = &r->out;
    long long page = 1, total = 0, pages;

    flt.state = page_nonempty(req_query(r, "toestand"));
    flt.region = page_nonempty(req_query(r, "regio"));
    flt.pillar = page_nonempty(req_query(r, "pijler"));
    flt.overdue = late == NULL ? -1 : strcmp(late, "true") == 0;
    flt.only_public = !req_logged_in(r);
    if (ptxt && (page = page_parse_id(ptxt)) < 0) {
        page_error(r, 400, "Ongeldige pagina", "Een paginanummer is een "
                   "geheel getal vanaf 1.");
        return;
    }
    if (late && strcmp(late, "true") && strcmp(late, "false")) {
        page_error(r, 400, "Ongeldige keuze", "Kies bij termijn alle "
                   "knelpunten, alleen te laat of alleen op tijd.");
        return;
    }
    if (knelpunt_filter_check(r->db, &flt, &f) != 0) {
        page_error(r, 400, "Ongeldige keuze", f.msg);
        return;
    }
    route = knelpunt_route(r->db);
    regions = knelpunt_regions(r->db, NULL);
    pillars = governance_pillars(r->db);
    if (page > 10000000) {
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        return;
    }
    items = knelpunt_list(r->db, &flt, (page - 1) * UI_KP_PAGE, UI_KP_PAGE,
                          &total);
    if (route == NULL || regions == NULL || pillars == NULL ||
        items == NULL) {
        page_error(r, 500, "Interne fout", "De knelpunten konden niet "
                   "worden gelezen.");
        goto cleanup;
    }
    pages = total == 0 ? 1 : (total + UI_KP_PAGE - 1) / UI_KP_PAGE;
    if (page > pages) {
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        goto cleanup;
    }
    page_begin(r, "Knelpunten", "/knelpunten");
    page_para(r, "Knelpunten in de regio met een landelijke oorsprong (in "
                 "wet, regelgeving, beleid, regelingen, financiering of "
                 "uitvoering) die een regionale coalitie of de accounthouder "
                 "van PTvT meldt. Een knelpunt reist langs de tafels van de "
                 "governance tot het is opgelost, er een besluit over is "
                 "genomen of het is afgewezen.");
    page_bron(r, "5.4.6 Regionale uitvoering", 1922, 1924);
    if (!req_logged_in(r))
        page_alert(r, "info", "U ziet alleen knelpunten die zijn afgehandeld "
                   "en openbaar gemaakt. Log in om alle knelpunten te "
                   "volgen.");
    html_lit(b, "<div class=\"koers-actions\">");
    if (may_raise_some(r))
        html_lit(b, "<a class=\"utrecht-button-link utrecht-button-link--"
                    "html-a utrecht-button-link--secondary-action\" "
                    "href=\"/knelpunten/nieuw\">Knelpunt melden</a>");
    html_lit(b, "<a class=\"nl-link\" href=\"/knelpuntroute\">De route van "
                "een knelpunt</a></div>\n");
    list_filters(r, &flt, json_object_get(route, "toestanden"), regions,
                 pillars);
    if (total == 0)
        page_para(r, "Geen knelpunten gevonden voor deze keuze.");
    else {
        list_table(r, items, total, page, pages);
        page_pager(r, list_href, &flt, page, pages);
    }
    page_end(r);
cleanup:
    json_decref(route);
    json_decref(regions);
    json_decref(pillars);
    json_decref(items);
}

/* ---- raising a knelpunt ---- */

static void new_page(struct req *r, const char *err)
{
    json_t *regions = knelpunt_regions(r->db, NULL), *pillars =
        governance_pillars(r->db), *shown = json_array(), *o;
    struct choices cr = { 0 };
    struct buf *b = &r->out;
    const char *own = own_region(r, regions);
    const char *sel = req_field(r, "regio");
    size_t i;

    json_array_foreach(regions, i, o)
        if (own[0] == '\0' || strcmp(sqljson_str(o, "code"), own) == 0)
            json_array_append(shown, o);
    if (regions == NULL || pillars == NULL ||
        choices_from(&cr, shown, "code", "naam", "soort") != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        goto cleanup;
    }
    page_begin(r, "Knelpunt melden", "/knelpunten");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Meld een knelpunt in de regio met een landelijke "
                 "oorsprong, zodat het de landelijke beleidstafels bereikt. "
                 "Het bovenregionaal overleg bundelt de meldingen en brengt "
                 "ze in bij de kerngroepen en het koersoverleg.");
    page_bron(r, "5.4.6 Regionale uitvoering", 1922, 1924);
    if (own[0])
        page_para(r, "U meldt knelpunten voor uw eigen regio.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/knelpunten\">");
    page_csrf_field(r);
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "omschrijving", "Omschrijving: wat loopt er vast, en "
               "waar ligt de landelijke oorsprong?", "textarea",
               req_field(r, "omschrijving"), NULL, 1);
    page_select(r, "herkomst", "Herkomst", origins, origin_labels,
                req_field(r, "herkomst"), "Kies de herkomst", NULL);
    page_select(r, "regio", "Regio", cr.v, cr.l, sel ? sel : own,
                own[0] ? NULL : "Kies een regio", NULL);
    html_lit(b, "<fieldset class=\"utrecht-form-fieldset utrecht-form-"
                "fieldset--html-fieldset\"><legend class=\"utrecht-form-"
                "fieldset__legend utrecht-form-fieldset__legend--html-"
                "legend\">Pijlers (ten minste één)</legend>");
    json_array_foreach(pillars, i, o) {
        char name[32];
        const char *v;

        snprintf(name, sizeof name, "pijler-%s", sqljson_str(o, "code"));
        v = req_field(r, name);
        html_lit(b, "<div class=\"utrecht-form-field utrecht-form-field--"
                    "checkbox\"><div class=\"utrecht-form-field__input\">"
                    "<input class=\"utrecht-checkbox utrecht-checkbox--html-"
                    "input\" type=\"checkbox\" value=\"1\" name=\"");
        html_attr(b, name);
        html_lit(b, "\" id=\"veld-");
        html_attr(b, name);
        html_lit(b, v && v[0] ? "\" checked>" : "\">");
        html_lit(b, "</div><div class=\"utrecht-form-field__label\"><label "
                    "class=\"utrecht-form-label\" for=\"veld-");
        html_attr(b, name);
        html_lit(b, "\">");
        html_txt(b, sqljson_str(o, "code"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(o, "naam"));
        html_lit(b, "</label></div></div>");
    }
    html_lit(b, "</fieldset>");
    page_field(r, "onderbouwing", "Onderbouwing (cijfers, voorbeelden, "
               "bronnen)", "textarea", req_field(r, "onderbouwing"), NULL,
               0);
    page_submit(r, "Knelpunt melden", 1);
    html_lit(b, "</form>\n");
    page_end(r);
cleanup:
    choices_free(&cr);
    json_decref(shown);
    json_decref(regions);
    json_decref(pillars);
}

void ui_knelpunt_new(struct req *r)
{
    if (!may_raise_some(r)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen knelpunten "
                   "melden, of uw account heeft geen regio.");
        return;
    }
    new_page(r, NULL);
}

void ui_knelpunt_create(struct req *r)
{
    json_t *in = json_object(), *pillars = governance_pillars(r->db);
    json_t *chosen = json_array(), *o;
    struct fault f = { 0 };
    long long id;
    size_t i;

    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "omschrijving", req_field(r, "omschrijving"));
    page_set_text(in, "herkomst", req_field(r, "herkomst"));
    page_set_text(in, "regio", req_field(r, "regio"));
    page_set_text(in, "onderbouwing", req_field(r, "onderbouwing"));
    json_array_foreach(pillars, i, o) {
        char name[32];
        const char *v;

        snprintf(name, sizeof name, "pijler-%s", sqljson_str(o, "code"));
        v = req_field(r, name);
        if (v && v[0])
            json_array_append_new(chosen,
                                  json_string(sqljson_str(o, "code")));
    }
    if (json_array_size(chosen))
        json_object_set(in, "pijlers", chosen);
    id = knelpunt_create(r->db, &r->who, in, &f);
    if (id < 0) {
        r->status = f.kind ? (int)f.kind : 500;
        new_page(r, f.msg[0] ? f.msg : "Opslaan is mislukt.");
    } else {
        page_redirect_id(r, "/knelpunten/", id, "?gemeld=1");
    }
    json_decref(chosen);
    json_decref(pillars);
    json_decref(in);
}

/* ---- one knelpunt ---- */

/* The decision of the table of visit i: the step out of it, event i+1. */
static void decision_cell(struct req *r, json_t *next, int names)
{
    struct buf *b = &r->out;

    page_td_open(r);
    if (next == NULL) {
        html_lit(b, "<span class=\"koers-muted\">nog in behandeling</span>"
                    "</td>");
        return;
    }
    html_lit(b, "Naar <strong>");
    html_txt(b, sqljson_str(json_object_get(next, "naar"), "naam"));
    html_lit(b, "</strong>");
    if (sqljson_str(next, "toelichting")[0]) {
        html_lit(b, ": ");
        html_txt(b, sqljson_str(next, "toelichting"));
    }
    html_lit(b, " <span class=\"koers-muted\">(");
    if (names && sqljson_str(next, "door")[0]) {
        html_txt(b, sqljson_str(next, "door"));
        html_lit(b, ", ");
    }
    html_txt(b, perm_role_label(perm_role_parse(sqljson_str(next, "rol"))));
    html_lit(b, ")</span></td>");
}

static void agenda_cell(struct req *r, json_t *e)
{
    json_t *item = json_object_get(e, "agendapunt");
    json_t *m = json_object_get(item, "vergadering");
    struct buf *b = &r->out;
    char idtxt[24];

    page_td_open(r);
    if (!json_is_object(item)) {
        html_lit(b, "—</td>");
        return;
    }
    if (json_is_object(m)) {
        snprintf(idtxt, sizeof idtxt, "%lld", sqljson_int(m, "id"));
        html_lit(b, "<a class=\"nl-link\" href=\"/vergaderingen/");
        html_url_arg(b, idtxt);
        html_lit(b, "#agenda\">Vergadering van ");
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, "</a>");
    } else {
        html_lit(b, "Wacht op de volgende vergadering");
    }
    html_lit(b, " <span class=\"koers-muted\">(");
    html_txt(b, sqljson_str(item, "status"));
    html_lit(b, ")</span></td>");
}

static void history_section(struct req *r, json_t *k, int names)
{
    static const char *const cols[] = { "Tafel of toestand", "Van", "Tot",
        "#Duur (dagen)", "Besluit en toelichting", "Agenda", NULL };
    json_t *hist = json_object_get(k, "geschiedenis"), *e;
    struct buf *b = &r->out;
    size_t i, n = json_array_size(hist);

    page_h2_id(r, "geschiedenis", "Geschiedenis");
    page_para(r, "Elke tafel waar het knelpunt langs is gekomen, hoe lang "
                 "het daar lag en wat die tafel besloot.");
    page_table_open(r, "geschiedenis-tabel", "Tafels en besluiten", cols);
    json_array_foreach(hist, i, e) {
        json_t *d = json_object_get(e, "duurDagen");
        json_t *tafel = json_object_get(e, "tafel");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        if (json_is_object(tafel))
            page_code_link(r, "/overleggen/", tafel);
        else
            html_txt(b, sqljson_str(json_object_get(e, "naar"), "naam"));
        html_lit(b, "</th>");
        page_td_open(r);
        page_date_long(r, sqljson_str(e, "op"));
        html_lit(b, "</td>");
        page_td_open(r);
        if (sqljson_str(e, "tot")[0])
            page_date_long(r, sqljson_str(e, "tot"));
        else
            html_lit(b, json_is_number(d) ? "nu" : "—");
        html_lit(b, "</td>");
        if (json_is_number(d))
            page_td_num(r, (long long)json_number_value(d));
        else
            html_lit(b, "<td class=\"utrecht-table__cell utrecht-table__"
                        "cell--numeric-column utrecht-table__cell--"
                        "numeric-data\">—</td>");
        if (json_is_number(d) || i + 1 < n)
            decision_cell(r, i + 1 < n ? json_array_get(hist, i + 1) : NULL,
                          names);
        else {
            page_td_open(r);
            html_lit(b, "Afgehandeld</td>");
        }
        agenda_cell(r, e);
        html_lit(b, "</tr>");
    }
    page_table_close(r);
}

static void time_section(struct req *r, json_t *k)
{
    static const char *const cols[] = { "Toestand", "#Dagen", NULL };
    json_t *per = json_object_get(k, "tijdPerToestand"), *x;
    size_t i;

    if (json_array_size(per) == 0)
        return;
    page_h2(r, "Tijd per toestand");
    page_table_open(r, "tijd-tabel", "Totale tijd per toestand", cols);
    json_array_foreach(per, i, x) {
        html_lit(&r->out, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(&r->out, sqljson_str(json_object_get(x, "toestand"),
                                      "naam"));
        html_lit(&r->out, "</th>");
        page_td_num(r, (long long)json_number_value(json_object_get(x,
                                                                 "dagen")));
        html_lit(&r->out, "</tr>");
    }
    page_table_close(r);
}

/* The textarea of the reason or decision, described by a hint that says
 * when it is required (page_field would call it "niet verplicht"). */
static void reason_field(struct req *r, const char *value)
{
    struct buf *b = &r->out;

    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-toelichting\">Toelichting of besluit</label>"
                "</div><p class=\"nl-paragraph koers-muted\" "
                "id=\"veld-toelichting-uitleg\">Verplicht bij de stappen "
                "met \"reden verplicht\": afwijzen, terugleggen en "
                "rechtstreeks escaleren. Bij een besluit: schrijf het besluit "
                "hier op.</p><div class=\"utrecht-form-field__input\">"
                "<textarea class=\"utrecht-textarea utrecht-textarea--html-"
                "textarea\" rows=\"5\" id=\"veld-toelichting\" "
                "name=\"toelichting\" aria-describedby=\"veld-toelichting-"
                "uitleg\">");
    html_txt(b, value ? value : "");
    html_lit(b, "</textarea></div></div>\n");
}

/* The form with the next steps the viewer may take; err on top. */
static void steps_section(struct req *r, long long id, json_t *steps,
                          const char *err)
{
    struct buf *b = &r->out;
    const char **v, **l;
    char **own;
    json_t *s;
    size_t i, n = json_array_size(steps);

    if (n == 0 && err == NULL)
        return;
    page_h2_id(r, "volgende-stap", "Volgende stap");
    if (err)
        page_alert(r, "error", err);
    if (n == 0)
        return;
    v = calloc(n + 1, sizeof *v);
    l = calloc(n + 1, sizeof *l);
    own = calloc(n + 1, sizeof *own);
    if (v == NULL || l == NULL || own == NULL)
        goto cleanup;
    json_array_foreach(steps, i, s) {
        const char *name = sqljson_str(s, "naam");
        size_t len = strlen(name) + 40;

        own[i] = malloc(len);
        if (own[i] == NULL)
            goto cleanup;
        snprintf(own[i], len, "%s%s", name,
                 json_is_true(json_object_get(s, "redenVerplicht"))
                     ? " (reden verplicht)" : "");
        v[i] = sqljson_str(s, "naar");
        l[i] = own[i];
    }
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/knelpunten/");
    html_int(b, id);
    html_lit(b, "/overgang\">");
    page_csrf_field(r);
    page_select(r, "naar", "Naar", v, l, err ? req_field(r, "naar") : NULL,
                NULL, NULL);
    reason_field(r, err ? req_field(r, "toelichting") : NULL);
    page_submit(r, "Stap vastleggen", 1);
    html_lit(b, "</form>\n");
    page_para(r, "Ligt het knelpunt daarna aan een tafel, dan komt het op "
                 "de agenda van de eerstvolgende vergadering van die tafel "
                 "(of wacht het tot die is gepland).");
    page_h3(r, "Wat de stappen betekenen");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(steps, i, s) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><strong>");
        html_txt(b, sqljson_str(s, "naam"));
        html_lit(b, "</strong>: ");
        html_txt(b, sqljson_str(s, "omschrijving"));
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>\n");
cleanup:
    for (i = 0; own && i < n; i++)
        free(own[i]);
    free(own);
    free(v);
    free(l);
}

static void publish_section(struct req *r, long long id, json_t *k,
                            const char *err)
{
    struct buf *b = &r->out;
    int final = json_is_true(json_object_get(json_object_get(k, "toestand"),
                                             "eind"));

    if (err == NULL && (!final || !req_logged_in(r) ||
                        !knelpunt_may_publish(&r->who)))
        return;
    page_h2_id(r, "openbaar", "Openbaar maken");
    if (err)
        page_alert(r, "error", err);
    if (!req_logged_in(r) || !knelpunt_may_publish(&r->who))
        return;
    if (json_is_true(json_object_get(k, "openbaar"))) {
        page_para(r, "Dit knelpunt is openbaar: iedereen kan het zien.");
        return;
    }
    if (!final)
        return;
    page_para(r, "Een afgehandeld knelpunt kan openbaar worden gemaakt; "
                 "dan ziet ook wie niet is ingelogd het knelpunt en zijn "
                 "geschiedenis (zonder de namen van wie het behandelde).");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/knelpunten/");
    html_int(b, id);
    html_lit(b, "/publicatie\">");
    page_csrf_field(r);
    page_submit(r, "Openbaar maken", 0);
    html_lit(b, "</form>\n");
}

/* The page of knelpunt id; form names the form whose refusal err is
 * ("overgang" or "publicatie"). */
static void detail_page(struct req *r, long long id, const char *form,
                        const char *err)
{
    int names = req_logged_in(r);
    json_t *k, *steps = NULL, *p, *reg, *st;
    struct buf *b = &r->out;
    char title[600], num[32];
    size_t i;

    if (!names && !knelpunt_is_public(r->db, id)) {
        page_error(r, 404, "Niet gevonden", "Dit knelpunt bestaat niet of "
                   "is niet openbaar.");
        return;
    }
    k = knelpunt_get(r->db, id, names);
    if (k == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit knelpunt bestaat niet.");
        return;
    }
    if (err && r->status == 0)
        r->status = 400;
    steps = knelpunt_next_steps(r->db, &r->who, id);
    st = json_object_get(k, "toestand");
    reg = json_object_get(k, "regio");
    snprintf(title, sizeof title, "Knelpunt %lld: %s", id,
             sqljson_str(k, "titel"));
    page_begin(r, title, "/knelpunten");
    if (req_query(r, "gemeld"))
        page_alert(r, "ok", "Het knelpunt is gemeld. Zet het door naar het "
                   "bovenregionaal overleg om het te laten agenderen.");
    if (req_query(r, "doorgezet"))
        page_alert(r, "ok", "De stap is vastgelegd.");
    if (req_query(r, "openbaar"))
        page_alert(r, "ok", "Het knelpunt is openbaar gemaakt.");

    page_alert_open(r, json_is_true(json_object_get(k, "teLaat"))
                           ? "warning" : "info");
    html_lit(b, "<p class=\"nl-paragraph\">Toestand: <strong>");
    html_txt(b, sqljson_str(st, "naam"));
    html_lit(b, "</strong>");
    state_badges(r, k);
    if (json_is_integer(json_object_get(k, "wachtDagen"))) {
        html_lit(b, " — wacht al ");
        html_int(b, sqljson_int(k, "wachtDagen"));
        html_lit(b, sqljson_int(k, "wachtDagen") == 1 ? " dag" : " dagen");
        html_lit(b, " (sinds ");
        page_date_long(r, sqljson_str(k, "toestandSinds"));
        html_lit(b, ").");
    }
    html_lit(b, "</p>");
    if (json_is_true(json_object_get(k, "teLaat"))) {
        html_lit(b, "<p class=\"nl-paragraph\">Het knelpunt wacht langer "
                    "dan de termijn van ");
        html_int(b, sqljson_int(k, "termijnDagen"));
        html_lit(b, " dagen. Ga na of het op de agenda van de eerstvolgende "
                    "vergadering staat; zie <a class=\"nl-link\" "
                    "href=\"/knelpuntroute#termijn\">de termijn</a>.</p>");
    }
    page_alert_close(r);

    html_lit(b, "<dl class=\"koers-dl\">");
    snprintf(num, sizeof num, "%lld", id);
    page_dl_item(r, "Nummer", num);
    page_dl_item(r, "Regio", sqljson_str(reg, "naam"));
    page_dl_item(r, "Herkomst", origin_label(sqljson_str(k, "herkomst")));
    html_lit(b, "<dt>Pijlers</dt><dd>");
    json_array_foreach(json_object_get(k, "pijlers"), i, p) {
        html_lit(b, i ? "; " : "");
        html_txt(b, sqljson_str(p, "code"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(p, "naam"));
    }
    html_lit(b, "</dd><dt>Gemeld</dt><dd>");
    page_date_long(r, sqljson_str(json_object_get(k, "gemeld"), "op"));
    if (names && sqljson_str(json_object_get(k, "gemeld"), "door")[0]) {
        html_lit(b, " door ");
        html_txt(b, sqljson_str(json_object_get(k, "gemeld"), "door"));
    }
    html_lit(b, "</dd>");
    page_dl_item(r, "Openbaar", json_is_true(json_object_get(k, "openbaar"))
                                    ? "ja" : "nee");
    html_lit(b, "</dl>\n");

    page_h2(r, "Omschrijving");
    page_text_block(r, sqljson_str(k, "omschrijving"), KNELPUNT_TEXT_MAX);
    if (sqljson_str(k, "onderbouwing")[0]) {
        page_h2(r, "Onderbouwing");
        page_text_block(r, sqljson_str(k, "onderbouwing"), KNELPUNT_TEXT_MAX);
    }
    history_section(r, k, names);
    time_section(r, k);
    steps_section(r, id, steps, form && strcmp(form, "overgang") == 0
                                    ? err : NULL);
    publish_section(r, id, k, form && strcmp(form, "publicatie") == 0
                                  ? err : NULL);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/knelpunten\">Alle knelpunten</a> · <a "
                "class=\"nl-link\" href=\"/knelpuntroute\">De route van een "
                "knelpunt</a></p>\n");
    page_end(r);
    json_decref(steps);
    json_decref(k);
}

void ui_knelpunt(struct req *r)
{
    long long id = page_path_id(r, "Dit knelpunt bestaat niet.");

    if (id > 0)
        detail_page(r, id, NULL, NULL);
}

void ui_knelpunt_transition(struct req *r)
{
    long long id = page_path_id(r, "Dit knelpunt bestaat niet.");
    struct fault f = { 0 };
    json_t *in;

    if (id < 0)
        return;
    in = json_object();
    page_set_text(in, "naar", req_field(r, "naar"));
    page_set_text(in, "toelichting", req_field(r, "toelichting"));
    if (json_object_get(in, "naar") == NULL) {
        fault_set(&f, FAULT_INVALID, "Kies de volgende stap.");
    } else if (knelpunt_transition(r->db, &r->who, id, in, &f) == 0) {
        page_redirect_id(r, "/knelpunten/", id, "?doorgezet=1");
        json_decref(in);
        return;
    }
    json_decref(in);
    if (f.kind == FAULT_NOTFOUND) {
        page_error(r, 404, "Niet gevonden", f.msg);
        return;
    }
    r->status = f.kind ? (int)f.kind : 500;
    detail_page(r, id, "overgang", f.msg[0] ? f.msg : "Opslaan is mislukt.");
}

void ui_knelpunt_publish(struct req *r)
{
    long long id = page_path_id(r, "Dit knelpunt bestaat niet.");
    struct fault f = { 0 };

    if (id < 0)
        return;
    if (knelpunt_publish(r->db, &r->who, id, &f) == 0) {
        page_redirect_id(r, "/knelpunten/", id, "?openbaar=1");
        return;
    }
    if (f.kind == FAULT_NOTFOUND) {
        page_error(r, 404, "Niet gevonden", f.msg);
        return;
    }
    r->status = f.kind ? (int)f.kind : 500;
    detail_page(r, id, "publicatie", f.msg[0] ? f.msg
                                              : "Opslaan is mislukt.");
}

/* ---- the route ---- */

static const char *state_name(json_t *states, const char *code)
{
    json_t *s;
    size_t i;

    json_array_foreach(states, i, s)
        if (strcmp(sqljson_str(s, "code"), code) == 0)
            return sqljson_str(s, "naam");
    return code;
}

/* "Beheerder, Secretaris, Netwerkmanager (alleen de eigen kerngroep)". */
static void roles_cell(struct req *r, json_t *t)
{
    json_t *roles = json_object_get(t, "rollen"), *own =
        json_object_get(t, "rollenEigenScope"), *x, *y;
    struct buf *b = &r->out;
    size_t i, j;

    page_td_open(r);
    json_array_foreach(roles, i, x) {
        int scoped = 0;

        json_array_foreach(own, j, y)
            if (strcmp(json_string_value(x), json_string_value(y)) == 0)
                scoped = 1;
        html_lit(b, i ? ", " : "");
        html_txt(b, perm_role_label(perm_role_parse(json_string_value(x))));
        if (scoped)
            html_lit(b, " (alleen aan de eigen tafel)");
    }
    if (json_is_true(json_object_get(t, "alleenSecretaris")))
        html_lit(b, " <span class=\"koers-badge koers-badge--info\">mandaat "
                    "van de secretaris</span>");
    html_lit(b, "</td>");
}

void ui_knelpuntroute(struct req *r)
{
    static const char *const scols[] = { "Toestand", "Tafel", "Pijler",
        "#Termijn (dagen)", "Omschrijving", "Bron", NULL };
    static const char *const tcols[] = { "Van", "Naar", "Wie mag dit",
        "Reden verplicht", "Omschrijving", "Bron", NULL };
    json_t *route = knelpunt_route(r->db), *bodies, *s, *t, *term;
    struct buf *b = &r->out;
    size_t i;

    if (route == NULL) {
        page_error(r, 500, "Interne fout", "De route kon niet worden "
                   "gelezen.");
        return;
    }
    bodies = json_object_get(route, "toestanden");
    term = json_object_get(route, "termijn");
    page_begin(r, "De route van een knelpunt", "/knelpunten");
    page_para(r, "Een knelpunt met een landelijke oorsprong reist langs de "
                 "tafels van de governance: van de melding via het "
                 "bovenregionaal overleg en de kerngroep van de pijler naar "
                 "het koersoverleg en het DG-overleg, of naar de SER voor "
                 "sociaal-economische vraagstukken. Elke tafel kan het "
                 "oplossen, er een besluit over nemen, het afwijzen (met "
                 "reden) of het terugleggen bij een eerdere tafel (met "
                 "reden). De secretaris mag een knelpunt rechtstreeks naar "
                 "het DG-overleg escaleren. Deze route is data: de tabellen "
                 "hieronder komen uit de store, met hun bron in het "
                 "rapport.");
    html_lit(b, "<p class=\"nl-paragraph\">Als gegevens: <a "
                "class=\"nl-link\" href=\"/api/v1/knelpuntroute\">"
                "/api/v1/knelpuntroute</a>. Naar <a class=\"nl-link\" "
                "href=\"/knelpunten\">de knelpunten</a>.</p>\n");

    page_h2(r, "Toestanden");
    page_table_open(r, "toestanden-tabel", "Toestanden van een knelpunt",
                    scols);
    json_array_foreach(bodies, i, s) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(s, "naam"));
        if (json_is_true(json_object_get(s, "eind")))
            html_lit(b, " <span class=\"koers-badge\">eindtoestand</span>");
        html_lit(b, "</th>");
        page_td_open(r);
        if (sqljson_str(s, "overleg")[0])
            page_link(r, "/overleggen/", sqljson_str(s, "overleg"),
                      sqljson_str(s, "overlegNaam"));
        else
            html_lit(b, "—");
        html_lit(b, "</td>");
        page_td(r, s, "pijler");
        if (json_is_integer(json_object_get(s, "termijnDagen")))
            page_td_num(r, sqljson_int(s, "termijnDagen"));
        else
            html_lit(b, "<td class=\"utrecht-table__cell utrecht-table__"
                        "cell--numeric-column utrecht-table__cell--"
                        "numeric-data\">—</td>");
        page_td(r, s, "omschrijving");
        page_td_open(r);
        if (page_bron_link(r, json_object_get(s, "bron")) != 0)
            html_lit(b, "—");
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);

    page_h2(r, "Overgangen");
    page_para(r, "Wie een stap mag zetten, volgt uit de rechtentabel (zie "
                 "Rechten); een netwerkmanager alleen voor de kerngroep van "
                 "zijn eigen scope. Rechtstreeks escaleren naar het "
                 "DG-overleg is het mandaat van de secretaris: de ministeries "
                 "handelen af wat het DG-overleg bereikt, maar mogen niet zelf "
                 "tafels overslaan. Wie een stap naar een tafel zet, zet het "
                 "knelpunt op de agenda van de eerstvolgende vergadering van "
                 "die tafel.");
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/rechten\">De rechtentabel</a></p>\n");
    page_table_open(r, "overgangen-tabel", "Overgangen tussen de "
                    "toestanden", tcols);
    json_array_foreach(json_object_get(route, "overgangen"), i, t) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, state_name(bodies, sqljson_str(t, "van")));
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, state_name(bodies, sqljson_str(t, "naar")));
        html_lit(b, "</td>");
        roles_cell(r, t);
        page_td_open(r);
        html_lit(b, json_is_true(json_object_get(t, "redenVerplicht"))
                        ? "ja" : "nee");
        html_lit(b, "</td>");
        page_td(r, t, "omschrijving");
        page_td_open(r);
        if (page_bron_link(r, json_object_get(t, "bron")) != 0)
            html_lit(b, "—");
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);

    page_h2_id(r, "termijn", "Termijn en signaal 'te laat'");
    page_para(r, sqljson_str(term, "uitleg"));
    page_bron_json(r, term, "bron");
    page_end(r);
    json_decref(route);
}
