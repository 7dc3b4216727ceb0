/* ui_catalog.c - pages for the report's seeded lists.
 *
 * Owns: /gremia (the 31 gremia of Bijlage I with their relation to the
 * Actieplan and their Bijlage II group, filterable by relation and
 * pillar), /risicos (figure 11 with countermeasures), /implementatieplan
 * (figure 12, steps and sub-steps) and /indicatoren (the monitor topics
 * of figure 10, grouped per pillar). Data comes from catalog.h and
 * governance.h; every value is written through the escapers of html.h. */
#include "ui.h"
#include "catalog.h"
#include "governance.h"
#include "html.h"
#include "page.h"
#include "sqljson.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Citations of introductory texts, checked against the text version of
 * the report (shared/seed/000_49aec500606ddf38.txt). */
#define BRON_GREMIA_SECTIE "2.4 Analyse gremia/ overlegstructuren"
#define BRON_GREMIA_VAN 515
#define BRON_GREMIA_TOT 518
#define BRON_RISICO_SECTIE "5.7 Risico’s governance"
#define BRON_RISICO_VAN 2141
#define BRON_RISICO_TOT 2150
#define BRON_PLAN_SECTIE "6.2 Implementatie 2023 – 2024"
#define BRON_PLAN_VAN 2223
#define BRON_PLAN_TOT 2226
#define BRON_MONITOR_SECTIE "5.6 Monitoring"
#define BRON_MONITOR_VAN 2087
#define BRON_MONITOR_TOT 2095

/* The four relations of Bijlage I, in the order the page lists them, and
 * the badge each gets (display only; the values live in the store). */
static const struct relation {
    const char *code;    /* value in the store and in ?relatie= */
    const char *badge;   /* class attribute of the badge */
} relations[] = {
    { "overlappend", "koers-badge koers-badge--warning" },
    { "specifieker", "koers-badge" },
    { "breder", "koers-badge koers-badge--info" },
    { "niet specifiek", "koers-badge" },
};
#define N_RELATIONS (sizeof relations / sizeof relations[0])

/* A store value and the Dutch word shown for it; lists end with NULL. */
struct code_label {
    const char *code;
    const char *label;
};

/* Bijlage II groups. */
static const struct code_label groups[] = {
    { "actieplan", "Actieplan" },
    { "breder", "Breder" },
    { "specifieker", "Specifieker" },
    { NULL, NULL },
};

/* Monitor topic domains, with the word shown in the badge. */
static const struct code_label domains[] = {
    { "techniek", "techniek" },
    { "ict", "ICT" },
    { "beide", "techniek en ICT" },
    { NULL, NULL },
};

/* The label of `code` in list, NULL when the code is not in it. */
static const char *label_of(const struct code_label *list, const char *code)
{
    for (; list->code; list++)
        if (strcmp(code, list->code) == 0)
            return list->label;
    return NULL;
}

/* 1 when s is NULL or holds no characters. */
static int blank(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* Index of relation `code` in relations[], -1 when unknown. */
static int relation_index(const char *code)
{
    size_t i;

    for (i = 0; code && i < N_RELATIONS; i++)
        if (strcmp(code, relations[i].code) == 0)
            return (int)i;
    return -1;
}

/* A cell value that is absent: a dash for the eye, a word for a screen
 * reader. */
static void write_none(struct buf *b)
{
    html_lit(b, "<span aria-hidden=\"true\">—</span>"
                "<span class=\"koers-visually-hidden\">geen</span>");
}

static void write_txt_or_none(struct buf *b, const char *s)
{
    if (blank(s))
        write_none(b);
    else
        html_txt(b, s);
}

/* The link to the lines of citation `bron`, or the none marker. */
static void write_bron_or_none(struct req *r, json_t *bron)
{
    if (page_bron_link(r, bron) != 0)
        write_none(&r->out);
}

/* A row header cell with text s. */
static void th_text(struct req *r, const char *s)
{
    page_th_row_open(r);
    html_txt(&r->out, s);
    html_lit(&r->out, "</th>");
}

/* A data cell with text s, or the none marker when s is blank. */
static void td_text(struct req *r, const char *s)
{
    page_td_open(r);
    write_txt_or_none(&r->out, s);
    html_lit(&r->out, "</td>");
}

/* A data cell with the link to citation `bron`, or the none marker. */
static void td_bron(struct req *r, json_t *bron)
{
    page_td_open(r);
    write_bron_or_none(r, bron);
    html_lit(&r->out, "</td>");
}

static void store_failed(struct req *r)
{
    page_error(r, 500, "Er ging iets mis",
               "De gegevens konden niet uit de opslag worden gelezen. "
               "Probeer het later opnieuw.");
}

/* 1 when gremium `g` has pillar `code` in its "pijlers" list. */
static int gremium_has_pillar(json_t *g, const char *code)
{
    json_t *p;
    size_t i;

    json_array_foreach(json_object_get(g, "pijlers"), i, p)
        if (strcmp(sqljson_str(p, "pijler"), code) == 0)
            return 1;
    return 0;
}

/* 1 when gremium g passes the filters; rel and pil are NULL (no filter)
 * or non-empty. */
static int gremium_matches(json_t *g, const char *rel, const char *pil)
{
    if (rel && strcmp(sqljson_str(g, "relatie"), rel) != 0)
        return 0;
    if (pil && !gremium_has_pillar(g, pil))
        return 0;
    return 1;
}

static void write_relation_badge(struct buf *b, const char *rel)
{
    int k = relation_index(rel);

    if (k < 0) {
        write_txt_or_none(b, rel);
        return;
    }
    html_lit(b, "<span class=\"");
    html_attr(b, relations[k].badge);
    html_lit(b, "\">");
    html_txt(b, relations[k].code);
    html_lit(b, "</span>");
}

/* The Bijlage II group of a gremium by its label, else as stored. */
static void write_group(struct buf *b, const char *grp)
{
    const char *label = label_of(groups, grp);

    write_txt_or_none(b, label ? label : grp);
}

/* "P1, P2" from the gremium's pillar list, or the none marker. */
static void write_pillar_list(struct buf *b, json_t *g)
{
    json_t *p;
    size_t i;

    if (json_array_size(json_object_get(g, "pijlers")) == 0) {
        write_none(b);
        return;
    }
    json_array_foreach(json_object_get(g, "pijlers"), i, p) {
        if (i > 0)
            html_lit(b, ", ");
        html_txt(b, sqljson_str(p, "pijler"));
    }
}

/* The GET form with two selects that filters the gremia table. Values
 * come back as ?relatie=...&pijler=...; the empty option means "all". */
static void write_gremia_filter(struct req *r, json_t *pillars,
                                const char *rel, const char *pil)
{
    struct buf *b = &r->out;
    json_t *p;
    size_t i;

    page_h2(r, "Filteren");
    html_lit(b, "<form class=\"koers-form\" method=\"get\" action=\"/gremia\">"
                "\n<div class=\"utrecht-form-field\"><div "
                "class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"relatie\">Relatie met "
                "het Actieplan</label></div><div "
                "class=\"utrecht-form-field__input\"><select "
                "class=\"utrecht-select utrecht-select--html-select\" "
                "id=\"relatie\" name=\"relatie\"><option value=\"\">Alle "
                "relaties</option>");
    for (i = 0; i < N_RELATIONS; i++) {
        html_lit(b, "<option value=\"");
        html_attr(b, relations[i].code);
        html_lit(b, rel && strcmp(rel, relations[i].code) == 0
                        ? "\" selected>" : "\">");
        html_txt(b, relations[i].code);
        html_lit(b, "</option>");
    }
    html_lit(b, "</select></div></div>\n<div class=\"utrecht-form-field\">"
                "<div class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"pijler\">Pijler</label>"
                "</div><div class=\"utrecht-form-field__input\"><select "
                "class=\"utrecht-select utrecht-select--html-select\" "
                "id=\"pijler\" name=\"pijler\"><option value=\"\">Alle "
                "pijlers</option>");
    json_array_foreach(pillars, i, p) {
        const char *code = sqljson_str(p, "code");

        html_lit(b, "<option value=\"");
        html_attr(b, code);
        html_lit(b, pil && strcmp(pil, code) == 0 ? "\" selected>" : "\">");
        html_txt(b, code);
        html_lit(b, " — ");
        html_txt(b, sqljson_str(p, "naam"));
        html_lit(b, "</option>");
    }
    html_lit(b, "</select></div></div>\n<div class=\"koers-actions\">"
                "<button class=\"utrecht-button "
                "utrecht-button--primary-action\" type=\"submit\">Filter "
                "toepassen</button>");
    if (rel || pil)
        html_lit(b, "<a class=\"utrecht-button-link "
                    "utrecht-button-link--html-a "
                    "utrecht-button-link--secondary-action\" "
                    "href=\"/gremia\">Filter wissen</a>");
    html_lit(b, "</div>\n</form>\n");
}

/* One row of the gremia table. */
static void write_gremium_row(struct req *r, json_t *g)
{
    struct buf *b = &r->out;
    json_t *gb = json_object_get(g, "groepBron");

    html_lit(b, "<tr class=\"utrecht-table__row\">");
    page_td_num(r, sqljson_int(g, "nummer"));
    th_text(r, sqljson_str(g, "naam"));
    page_td_open(r);
    write_relation_badge(b, sqljson_str(g, "relatie"));
    html_lit(b, "</td>");
    td_text(r, sqljson_str(g, "toelichting"));
    page_td_open(r);
    write_pillar_list(b, g);
    html_lit(b, "</td>");
    page_td_open(r);
    write_group(b, sqljson_str(g, "groep"));
    html_lit(b, "</td>");
    page_td_open(r);
    html_lit(b, "Bijlage I: ");
    write_bron_or_none(r, json_object_get(g, "bron"));
    if (json_is_object(gb) && sqljson_int(gb, "van") > 0) {
        html_lit(b, "<br>Bijlage II: ");
        write_bron_or_none(r, gb);
    }
    html_lit(b, "</td></tr>\n");
}

/* The counts per relation over all gremia, each linked to the filtered
 * list. */
static void write_gremia_summary(struct req *r, json_t *gremia)
{
    static const char *const cols[] = { "Relatie", "#Aantal gremia", NULL };
    struct buf *b = &r->out;
    long long count[N_RELATIONS] = { 0 };
    long long other = 0;
    char caption[128];
    json_t *g;
    size_t i;

    json_array_foreach(gremia, i, g) {
        int k = relation_index(sqljson_str(g, "relatie"));
        if (k >= 0)
            count[k]++;
        else
            other++;
    }
    page_h2(r, "Samenvatting per relatie");
    snprintf(caption, sizeof caption, "Aantal gremia per relatie met het "
             "Actieplan (alle %lld gremia)",
             (long long)json_array_size(gremia));
    page_table_open(r, "samenvatting-titel", caption, cols);
    for (i = 0; i < N_RELATIONS; i++) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_link(r, "/gremia?relatie=", relations[i].code,
                  relations[i].code);
        html_lit(b, "</th>");
        page_td_num(r, count[i]);
        html_lit(b, "</tr>\n");
    }
    if (other > 0) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        th_text(r, "overig");
        page_td_num(r, other);
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
}

/* 1 when `code` is the code of one of the pillars. */
static int pillar_known(json_t *pillars, const char *code)
{
    json_t *p;
    size_t i;

    json_array_foreach(pillars, i, p)
        if (strcmp(sqljson_str(p, "code"), code) == 0)
            return 1;
    return 0;
}

/* The Dutch message for an unknown pillar, listing the pillar codes of
 * the store ("P1, P2, P3 of P4"); cut to `len` if it would not fit. */
static void pillar_choices(json_t *pillars, char *msg, size_t len)
{
    size_t i, n = json_array_size(pillars), used;
    json_t *p;

    used = (size_t)snprintf(msg, len, "Onbekende waarde voor pijler. Kies "
                                      "een pijlercode: ");
    json_array_foreach(pillars, i, p) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " of " : ", ";
        const char *code = sqljson_str(p, "code");

        if (used >= len)
            break;
        used += (size_t)snprintf(msg + used, len - used, "%s%s", sep,
                                 code[0] ? code : "?");
    }
    if (used < len)
        snprintf(msg + used, len - used, ".");
}

/* GET /gremia[?relatie=R][&pijler=P] - the gremia of Bijlage I. Empty
 * parameters mean "no filter"; an unknown relation or pillar is a 400
 * page that lists the accepted values. */
void ui_gremia(struct req *r)
{
    static const char *const cols[] = {
        "#Nr", "Gremium", "Relatie", "Toelichting", "Pijlers",
        "Groep (Bijlage II)", "Bron", NULL
    };
    json_t *gremia = NULL, *pillars = NULL, *g;
    const char *rel = req_query(r, "relatie");
    const char *pil = req_query(r, "pijler");
    struct buf *b = &r->out;
    long long shown = 0;
    size_t i;

    if (blank(rel))
        rel = NULL;
    if (blank(pil))
        pil = NULL;
    if (rel && relation_index(rel) < 0) {
        page_error(r, 400, "Ongeldige invoer",
                   "Onbekende waarde voor relatie. Kies overlappend, "
                   "specifieker, breder of niet specifiek.");
        goto cleanup;
    }
    gremia = catalog_gremia(r->db);
    pillars = governance_pillars(r->db);
    if (gremia == NULL || pillars == NULL) {
        store_failed(r);
        goto cleanup;
    }
    if (pil && !pillar_known(pillars, pil)) {
        char msg[256];

        pillar_choices(pillars, msg, sizeof msg);
        page_error(r, 400, "Ongeldige invoer", msg);
        goto cleanup;
    }

    page_begin(r, "Gremia (Bijlage I)", "/gremia");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport heeft ");
    html_int(b, (long long)json_array_size(gremia));
    html_lit(b, " bestaande gremia geanalyseerd. Bijlage I geeft per "
                "gremium de relatie met het Actieplan op de pijlers: "
                "<strong>overlappend</strong>, <strong>specifieker</strong>, "
                "<strong>breder</strong> of <strong>niet specifiek</strong>. "
                "Bijlage II deelt de gremia in groepen in: doelen gelijk aan "
                "het Actieplan, breder of specifieker.</p>\n");
    page_bron(r, BRON_GREMIA_SECTIE, BRON_GREMIA_VAN, BRON_GREMIA_TOT);
    write_gremia_filter(r, pillars, rel, pil);

    json_array_foreach(gremia, i, g)
        if (gremium_matches(g, rel, pil))
            shown++;
    page_h2(r, "Overzicht");
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_int(b, shown);
    html_lit(b, " van ");
    html_int(b, (long long)json_array_size(gremia));
    html_lit(b, " gremia getoond");
    if (rel) {
        html_lit(b, ", relatie ");
        html_txt(b, rel);
    }
    if (pil) {
        html_lit(b, ", pijler ");
        html_txt(b, pil);
    }
    html_lit(b, ".</p>\n");
    if (shown == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Geen gremia gevonden met dit "
                    "filter.</p>\n");
    } else {
        page_table_open(r, "gremia-titel", "Gremia met hun relatie tot het "
                        "Actieplan Groene en Digitale Banen", cols);
        json_array_foreach(gremia, i, g)
            if (gremium_matches(g, rel, pil))
                write_gremium_row(r, g);
        page_table_close(r);
    }
    write_gremia_summary(r, gremia);
    page_end(r);
cleanup:
    json_decref(gremia);
    json_decref(pillars);
}

/* GET /risicos - the risks of figure 11, each with its countermeasures. */
void ui_risks(struct req *r)
{
    json_t *risks = catalog_risks(r->db), *k, *m;
    struct buf *b = &r->out;
    size_t i, j;

    if (risks == NULL) {
        store_failed(r);
        goto cleanup;
    }
    page_begin(r, "Risico's van de governance", "/risicos");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt in figuur 11 ");
    html_int(b, (long long)json_array_size(risks));
    html_lit(b, " risico's van de voorgestelde governance en geeft daar "
                "tegenmaatregelen bij. Niet alle risico's zijn vooraf af te "
                "dekken.</p>\n");
    page_bron(r, BRON_RISICO_SECTIE, BRON_RISICO_VAN, BRON_RISICO_TOT);
    json_array_foreach(risks, i, k) {
        json_t *ms = json_object_get(k, "maatregelen");

        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Risico ");
        html_int(b, sqljson_int(k, "nummer"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(k, "titel"));
        html_lit(b, "</h2>\n<p class=\"nl-paragraph\">");
        html_txt(b, sqljson_str(k, "omschrijving"));
        html_lit(b, "</p>\n<h3 class=\"nl-heading nl-heading--level-3\">"
                    "Beheersmaatregelen</h3>\n");
        if (json_array_size(ms) == 0) {
            html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt geen "
                        "beheersmaatregel voor dit risico.</p>\n");
        } else {
            html_lit(b, "<ul class=\"utrecht-unordered-list\">");
            json_array_foreach(ms, j, m) {
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
                html_txt(b, sqljson_str(m, "tekst"));
                html_lit(b, "</li>");
            }
            html_lit(b, "</ul>\n");
        }
        page_bron_json(r, k, "bron");
    }
    page_end(r);
cleanup:
    json_decref(risks);
}

/* "start–eind", one of them, or "nog niet gepland". */
static void write_planned(struct buf *b, json_t *s)
{
    const char *from = sqljson_str(s, "geplandStart");
    const char *to = sqljson_str(s, "geplandEind");

    if (blank(from) && blank(to)) {
        html_lit(b, "<span class=\"koers-muted\">nog niet gepland</span>");
    } else if (blank(to)) {
        html_lit(b, "vanaf ");
        html_txt(b, from);
    } else if (blank(from)) {
        html_lit(b, "tot ");
        html_txt(b, to);
    } else {
        html_txt(b, from);
        html_lit(b, "–");
        html_txt(b, to);
    }
}

/* The sub-steps of one plan step as a table; the caption id is derived
 * from the step number so each region has its own label. */
static void write_substeps(struct req *r, json_t *step)
{
    static const char *const cols[] = {
        "Nr", "Substap", "Omschrijving", "Verantwoordelijke", "Gepland",
        "Bron", NULL
    };
    json_t *subs = json_object_get(step, "substappen"), *s;
    struct buf *b = &r->out;
    char id[48], caption[64];
    size_t i;

    if (json_array_size(subs) == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt geen "
                    "substappen voor deze stap.</p>\n");
        return;
    }
    snprintf(id, sizeof id, "stap-%lld-titel", sqljson_int(step, "nummer"));
    snprintf(caption, sizeof caption, "Substappen van stap %lld",
             sqljson_int(step, "nummer"));
    page_table_open(r, id, caption, cols);
    json_array_foreach(subs, i, s) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        html_txt(b, sqljson_str(s, "nummer"));
        html_lit(b, "</td>");
        th_text(r, sqljson_str(s, "titel"));
        td_text(r, sqljson_str(s, "omschrijving"));
        td_text(r, sqljson_str(s, "verantwoordelijke"));
        page_td_open(r);
        write_planned(b, s);
        html_lit(b, "</td>");
        td_bron(r, json_object_get(s, "bron"));
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
}

/* GET /implementatieplan - the steps of figure 12 with their sub-steps. */
void ui_plan(struct req *r)
{
    json_t *steps = catalog_plan_steps(r->db), *s;
    struct buf *b = &r->out;
    size_t i;

    if (steps == NULL) {
        store_failed(r);
        goto cleanup;
    }
    page_begin(r, "Implementatieplan 2023–2024", "/implementatieplan");
    html_lit(b, "<p class=\"nl-paragraph\">De implementatie van de "
                "governance bestaat volgens het rapport uit ");
    html_int(b, (long long)json_array_size(steps));
    html_lit(b, " hoofdstappen, die waar mogelijk tegelijk worden "
                "uitgevoerd. Figuur 12 deelt ze op in substappen met een "
                "verantwoordelijke.</p>\n");
    page_bron(r, BRON_PLAN_SECTIE, BRON_PLAN_VAN, BRON_PLAN_TOT);
    page_alert(r, "info",
               "Figuur 12 geeft per substap een planning per maand "
               "(oktober 2023 tot en met december 2024). Die maandbalken "
               "staan niet in de tekst van het rapport. Daarom staat bij de "
               "substappen nog geen planning.");
    json_array_foreach(steps, i, s) {
        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Stap ");
        html_int(b, sqljson_int(s, "nummer"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(s, "titel"));
        html_lit(b, "</h2>\n");
        page_bron_json(r, s, "bron");
        write_substeps(r, s);
    }
    page_end(r);
cleanup:
    json_decref(steps);
}

/* The domain of a monitor topic as a badge; an unknown one as stored. */
static void write_domain_badge(struct buf *b, const char *dom)
{
    const char *label = label_of(domains, dom);

    if (label == NULL) {
        write_txt_or_none(b, dom);
        return;
    }
    html_lit(b, "<span class=\"koers-badge\">");
    html_txt(b, label);
    html_lit(b, "</span>");
}

/* The topics of one pillar as a table, or a sentence when there are
 * none. */
static void write_pillar_topics(struct req *r, json_t *pillar,
                                json_t *topics, json_t *measured)
{
    static const char *const cols[] = {
        "Onderwerp", "Omschrijving", "Domein", "In de monitor", "Bron", NULL
    };
    json_t *m;
    size_t j;
    int any;
    const char *code = sqljson_str(pillar, "code");
    struct buf *b = &r->out;
    json_t *t;
    size_t i, n = 0;
    char id[48], caption[160];

    json_array_foreach(topics, i, t)
        if (strcmp(sqljson_str(t, "pijler"), code) == 0)
            n++;
    if (n == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Figuur 10 noemt voor deze "
                    "pijler geen onderwerpen.</p>\n");
        return;
    }
    snprintf(id, sizeof id, "onderwerpen-%lld-titel",
             sqljson_int(pillar, "nummer"));
    snprintf(caption, sizeof caption, "Onderwerpen van pijler %s", code);
    page_table_open(r, id, caption, cols);
    json_array_foreach(topics, i, t) {
        if (strcmp(sqljson_str(t, "pijler"), code) != 0)
            continue;
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        th_text(r, sqljson_str(t, "naam"));
        td_text(r, sqljson_str(t, "omschrijving"));
        page_td_open(r);
        write_domain_badge(b, sqljson_str(t, "domein"));
        html_lit(b, "</td>");
        page_td_open(r);
        any = 0;
        json_array_foreach(measured, j, m) {
            if (strcmp(sqljson_str(m, "onderwerp"), sqljson_str(t, "code")))
                continue;
            if (any++)
                html_lit(b, "<br>");
            page_link(r, "/monitor/indicatoren", sqljson_str(m, "code"),
                      sqljson_str(m, "naam"));
        }
        if (!any)
            html_lit(b, "nog geen indicator");
        html_lit(b, "</td>");
        td_bron(r, json_object_get(t, "bron"));
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
}

/* GET /indicatoren - the monitor topics of figure 10 per pillar. */
void ui_indicators(struct req *r)
{
    json_t *topics = catalog_indicators(r->db);
    json_t *measured = catalog_monitor_indicators(r->db);
    json_t *pillars = governance_pillars(r->db), *p;
    struct buf *b = &r->out;
    size_t i;

    if (topics == NULL || pillars == NULL || measured == NULL) {
        store_failed(r);
        goto cleanup;
    }
    page_begin(r, "Monitor: onderwerpen per pijler", "/monitor");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport adviseert toe te "
                "werken naar één landelijke monitor voor het Actieplan, die "
                "de inzichten van de Techniekpactmonitor (techniek) en "
                "pr-eDICT (ICT) samenbrengt. De kerngroepen scherpen de "
                "doelen verder aan; de verwachting is dat aan de onderwerpen "
                "hieronder een doel wordt gekoppeld (figuur 10).</p>\n");
    page_bron(r, BRON_MONITOR_SECTIE, BRON_MONITOR_VAN, BRON_MONITOR_TOT);
    html_lit(b, "<p class=\"nl-paragraph\">De cijfers staan in de "
                "<a class=\"nl-link\" href=\"/monitor\">monitor</a>; per "
                "onderwerp staan hieronder de indicatoren die het meten.</p>\n");
    json_array_foreach(pillars, i, p) {
        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Pijler ");
        html_txt(b, sqljson_str(p, "code"));
        html_lit(b, " — ");
        html_txt(b, sqljson_str(p, "naam"));
        html_lit(b, "</h2>\n");
        write_pillar_topics(r, p, topics, measured);
    }
    page_end(r);
cleanup:
    json_decref(measured);
    json_decref(topics);
    json_decref(pillars);
}
