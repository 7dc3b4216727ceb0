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

/* Bijlage II groups: store value and Dutch label. */
static const struct {
    const char *code;
    const char *label;
} groups[] = {
    { "actieplan", "Actieplan" },
    { "breder", "Breder" },
    { "specifieker", "Specifieker" },
};

/* Monitor topic domains: store value and the word shown in the badge. */
static const struct {
    const char *code;
    const char *label;
} domains[] = {
    { "techniek", "techniek" },
    { "ict", "ICT" },
    { "beide", "techniek en ICT" },
};

static const char *jstr(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static long long jint(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_integer(v) ? (long long)json_integer_value(v) : 0;
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

/* A link to report lines for a citation object {sectie, van, tot}: "regel
 * X" or "regels X–Y", pointing at /rapport?van=X&tot=Y#rX. Writes the
 * "none" marker when the citation is null or has no line numbers. */
static void write_bron_link(struct buf *b, json_t *bron)
{
    long long from = jint(bron, "van"), to = jint(bron, "tot");

    if (!json_is_object(bron) || from < 1) {
        write_none(b);
        return;
    }
    if (to < from)
        to = from;
    html_lit(b, "<a class=\"nl-link\" href=\"/rapport?van=");
    html_int(b, from);
    html_lit(b, "&amp;tot=");
    html_int(b, to);
    html_lit(b, "#r");
    html_int(b, from);
    html_lit(b, "\">");
    html_lit(b, from == to ? "regel " : "regels ");
    html_int(b, from);
    if (to != from) {
        html_lit(b, "–");
        html_int(b, to);
    }
    html_lit(b, "</a>");
}

/* Open a scrollable table: wrapper, table and caption start tag. The
 * caller writes the caption text and then calls table_head. `id` names
 * the caption, which labels the scroll region. */
static void table_open(struct buf *b, const char *id)
{
    html_lit(b, "<div class=\"koers-table-scroll\" role=\"region\" "
                "aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "\" tabindex=\"0\">\n<table class=\"utrecht-table "
                "utrecht-table--html-table\">\n<caption id=\"");
    html_attr(b, id);
    html_lit(b, "\" class=\"utrecht-table__caption\">");
}

/* Close the caption and write the header row. `cols` is a NULL-terminated
 * list of column labels; a label starting with '#' is a numeric column
 * (the '#' is not shown). Opens the tbody. */
static void table_head(struct buf *b, const char *const *cols)
{
    html_lit(b, "</caption>\n<thead class=\"utrecht-table__header\">"
                "<tr class=\"utrecht-table__row\">");
    for (; *cols; cols++) {
        if ((*cols)[0] == '#') {
            html_lit(b, "<th class=\"utrecht-table__header-cell "
                        "utrecht-table__header-cell--numeric-column\" "
                        "scope=\"col\">");
            html_txt(b, *cols + 1);
        } else {
            html_lit(b, "<th class=\"utrecht-table__header-cell\" "
                        "scope=\"col\">");
            html_txt(b, *cols);
        }
        html_lit(b, "</th>");
    }
    html_lit(b, "</tr></thead>\n<tbody class=\"utrecht-table__body\">\n");
}

static void table_close(struct buf *b)
{
    html_lit(b, "</tbody>\n</table>\n</div>\n");
}

static void td_open(struct buf *b)
{
    html_lit(b, "<td class=\"utrecht-table__cell\">");
}

static void td_num(struct buf *b, long long v)
{
    html_lit(b, "<td class=\"utrecht-table__cell "
                "utrecht-table__cell--numeric-column "
                "utrecht-table__cell--numeric-data\">");
    html_int(b, v);
    html_lit(b, "</td>");
}

static void th_row_open(struct buf *b)
{
    html_lit(b, "<th class=\"utrecht-table__header-cell\" scope=\"row\">");
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

    json_array_foreach(json_object_get(g, "pijlers"), i, p) {
        const char *c = jstr(p, "pijler");
        if (c && strcmp(c, code) == 0)
            return 1;
    }
    return 0;
}

static int gremium_matches(json_t *g, const char *rel, const char *pil)
{
    const char *grel = jstr(g, "relatie");

    if (rel && (grel == NULL || strcmp(grel, rel) != 0))
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

static void write_group(struct buf *b, const char *grp)
{
    size_t i;

    for (i = 0; grp && i < sizeof groups / sizeof groups[0]; i++) {
        if (strcmp(grp, groups[i].code) == 0) {
            html_txt(b, groups[i].label);
            return;
        }
    }
    write_txt_or_none(b, grp);
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
        html_txt(b, jstr(p, "pijler"));
    }
}

/* The GET form with two selects that filters the gremia table. Values
 * come back as ?relatie=...&pijler=...; the empty option means "all". */
static void write_gremia_filter(struct buf *b, json_t *pillars,
                                const char *rel, const char *pil)
{
    json_t *p;
    size_t i;

    html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Filteren</h2>\n"
                "<form class=\"koers-form\" method=\"get\" action=\"/gremia\">"
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
        const char *code = jstr(p, "code");

        html_lit(b, "<option value=\"");
        html_attr(b, code);
        html_lit(b, pil && code && strcmp(pil, code) == 0
                        ? "\" selected>" : "\">");
        html_txt(b, code);
        html_lit(b, " — ");
        html_txt(b, jstr(p, "naam"));
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
static void write_gremium_row(struct buf *b, json_t *g)
{
    json_t *gb = json_object_get(g, "groepBron");

    html_lit(b, "<tr class=\"utrecht-table__row\">");
    td_num(b, jint(g, "nummer"));
    th_row_open(b);
    html_txt(b, jstr(g, "naam"));
    html_lit(b, "</th>");
    td_open(b);
    write_relation_badge(b, jstr(g, "relatie"));
    html_lit(b, "</td>");
    td_open(b);
    write_txt_or_none(b, jstr(g, "toelichting"));
    html_lit(b, "</td>");
    td_open(b);
    write_pillar_list(b, g);
    html_lit(b, "</td>");
    td_open(b);
    write_group(b, jstr(g, "groep"));
    html_lit(b, "</td>");
    td_open(b);
    html_lit(b, "Bijlage I: ");
    write_bron_link(b, json_object_get(g, "bron"));
    if (json_is_object(gb) && jint(gb, "van") > 0) {
        html_lit(b, "<br>Bijlage II: ");
        write_bron_link(b, gb);
    }
    html_lit(b, "</td></tr>\n");
}

/* The counts per relation over all gremia, each linked to the filtered
 * list. */
static void write_gremia_summary(struct buf *b, json_t *gremia)
{
    static const char *const cols[] = { "Relatie", "#Aantal gremia", NULL };
    long long count[N_RELATIONS] = { 0 };
    long long other = 0;
    json_t *g;
    size_t i;

    json_array_foreach(gremia, i, g) {
        int k = relation_index(jstr(g, "relatie"));
        if (k >= 0)
            count[k]++;
        else
            other++;
    }
    html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Samenvatting "
                "per relatie</h2>\n");
    table_open(b, "samenvatting-titel");
    html_lit(b, "Aantal gremia per relatie met het Actieplan (alle ");
    html_int(b, (long long)json_array_size(gremia));
    html_lit(b, " gremia)");
    table_head(b, cols);
    for (i = 0; i < N_RELATIONS; i++) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        th_row_open(b);
        html_lit(b, "<a class=\"nl-link\" href=\"/gremia?relatie=");
        html_url_arg(b, relations[i].code);
        html_lit(b, "\">");
        html_txt(b, relations[i].code);
        html_lit(b, "</a></th>");
        td_num(b, count[i]);
        html_lit(b, "</tr>\n");
    }
    if (other > 0) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        th_row_open(b);
        html_lit(b, "overig</th>");
        td_num(b, other);
        html_lit(b, "</tr>\n");
    }
    table_close(b);
}

/* 1 when `code` is the code of one of the pillars. */
static int pillar_known(json_t *pillars, const char *code)
{
    json_t *p;
    size_t i;

    json_array_foreach(pillars, i, p) {
        const char *c = jstr(p, "code");
        if (c && strcmp(c, code) == 0)
            return 1;
    }
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
        const char *code = jstr(p, "code");

        if (used >= len)
            break;
        used += (size_t)snprintf(msg + used, len - used, "%s%s", sep,
                                 code ? code : "?");
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
    write_gremia_filter(b, pillars, rel, pil);

    json_array_foreach(gremia, i, g)
        if (gremium_matches(g, rel, pil))
            shown++;
    html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Overzicht"
                "</h2>\n<p class=\"nl-paragraph\">");
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
        table_open(b, "gremia-titel");
        html_lit(b, "Gremia met hun relatie tot het Actieplan Groene en "
                    "Digitale Banen");
        table_head(b, cols);
        json_array_foreach(gremia, i, g)
            if (gremium_matches(g, rel, pil))
                write_gremium_row(b, g);
        table_close(b);
    }
    write_gremia_summary(b, gremia);
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
        json_t *bron = json_object_get(k, "bron");
        json_t *ms = json_object_get(k, "maatregelen");

        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Risico ");
        html_int(b, jint(k, "nummer"));
        html_lit(b, ": ");
        html_txt(b, jstr(k, "titel"));
        html_lit(b, "</h2>\n<p class=\"nl-paragraph\">");
        html_txt(b, jstr(k, "omschrijving"));
        html_lit(b, "</p>\n<h3 class=\"nl-heading nl-heading--level-3\">"
                    "Beheersmaatregelen</h3>\n");
        if (json_array_size(ms) == 0) {
            html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt geen "
                        "beheersmaatregel voor dit risico.</p>\n");
        } else {
            html_lit(b, "<ul class=\"utrecht-unordered-list\">");
            json_array_foreach(ms, j, m) {
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
                html_txt(b, jstr(m, "tekst"));
                html_lit(b, "</li>");
            }
            html_lit(b, "</ul>\n");
        }
        page_bron(r, jstr(bron, "sectie"), jint(bron, "van"),
                  jint(bron, "tot"));
    }
    page_end(r);
cleanup:
    json_decref(risks);
}

/* "start–eind", one of them, or "nog niet gepland". */
static void write_planned(struct buf *b, json_t *s)
{
    const char *from = jstr(s, "geplandStart");
    const char *to = jstr(s, "geplandEind");

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
static void write_substeps(struct buf *b, json_t *step)
{
    static const char *const cols[] = {
        "Nr", "Substap", "Omschrijving", "Verantwoordelijke", "Gepland",
        "Bron", NULL
    };
    json_t *subs = json_object_get(step, "substappen"), *s;
    char id[48];
    size_t i;

    if (json_array_size(subs) == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt geen "
                    "substappen voor deze stap.</p>\n");
        return;
    }
    snprintf(id, sizeof id, "stap-%lld-titel", jint(step, "nummer"));
    table_open(b, id);
    html_lit(b, "Substappen van stap ");
    html_int(b, jint(step, "nummer"));
    table_head(b, cols);
    json_array_foreach(subs, i, s) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        td_open(b);
        html_txt(b, jstr(s, "nummer"));
        html_lit(b, "</td>");
        th_row_open(b);
        html_txt(b, jstr(s, "titel"));
        html_lit(b, "</th>");
        td_open(b);
        write_txt_or_none(b, jstr(s, "omschrijving"));
        html_lit(b, "</td>");
        td_open(b);
        write_txt_or_none(b, jstr(s, "verantwoordelijke"));
        html_lit(b, "</td>");
        td_open(b);
        write_planned(b, s);
        html_lit(b, "</td>");
        td_open(b);
        write_bron_link(b, json_object_get(s, "bron"));
        html_lit(b, "</td></tr>\n");
    }
    table_close(b);
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
        json_t *bron = json_object_get(s, "bron");

        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Stap ");
        html_int(b, jint(s, "nummer"));
        html_lit(b, ": ");
        html_txt(b, jstr(s, "titel"));
        html_lit(b, "</h2>\n");
        page_bron(r, jstr(bron, "sectie"), jint(bron, "van"),
                  jint(bron, "tot"));
        write_substeps(b, s);
    }
    page_end(r);
cleanup:
    json_decref(steps);
}

static void write_domain_badge(struct buf *b, const char *dom)
{
    size_t i;

    for (i = 0; dom && i < sizeof domains / sizeof domains[0]; i++) {
        if (strcmp(dom, domains[i].code) == 0) {
            html_lit(b, "<span class=\"koers-badge\">");
            html_txt(b, domains[i].label);
            html_lit(b, "</span>");
            return;
        }
    }
    write_txt_or_none(b, dom);
}

/* The topics of one pillar as a table, or a sentence when there are
 * none. */
static void write_pillar_topics(struct buf *b, json_t *pillar,
                                json_t *topics)
{
    static const char *const cols[] = {
        "Onderwerp", "Omschrijving", "Domein", "Bron", NULL
    };
    const char *code = jstr(pillar, "code");
    json_t *t;
    size_t i, n = 0;
    char id[48];

    json_array_foreach(topics, i, t) {
        const char *p = jstr(t, "pijler");
        if (p && code && strcmp(p, code) == 0)
            n++;
    }
    if (n == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Figuur 10 noemt voor deze "
                    "pijler geen onderwerpen.</p>\n");
        return;
    }
    snprintf(id, sizeof id, "onderwerpen-%lld-titel", jint(pillar, "nummer"));
    table_open(b, id);
    html_lit(b, "Onderwerpen van pijler ");
    html_txt(b, code);
    table_head(b, cols);
    json_array_foreach(topics, i, t) {
        const char *p = jstr(t, "pijler");

        if (p == NULL || code == NULL || strcmp(p, code) != 0)
            continue;
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        th_row_open(b);
        html_txt(b, jstr(t, "naam"));
        html_lit(b, "</th>");
        td_open(b);
        write_txt_or_none(b, jstr(t, "omschrijving"));
        html_lit(b, "</td>");
        td_open(b);
        write_domain_badge(b, jstr(t, "domein"));
        html_lit(b, "</td>");
        td_open(b);
        write_bron_link(b, json_object_get(t, "bron"));
        html_lit(b, "</td></tr>\n");
    }
    table_close(b);
}

/* GET /indicatoren - the monitor topics of figure 10 per pillar. */
void ui_indicators(struct req *r)
{
    json_t *topics = catalog_indicators(r->db);
    json_t *pillars = governance_pillars(r->db), *p;
    struct buf *b = &r->out;
    size_t i;

    if (topics == NULL || pillars == NULL) {
        store_failed(r);
        goto cleanup;
    }
    page_begin(r, "Monitor: onderwerpen per pijler", "/indicatoren");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport adviseert toe te "
                "werken naar één landelijke monitor voor het Actieplan, die "
                "de inzichten van de Techniekpactmonitor (techniek) en "
                "pr-eDICT (ICT) samenbrengt. De kerngroepen scherpen de "
                "doelen verder aan; de verwachting is dat aan de onderwerpen "
                "hieronder een doel wordt gekoppeld (figuur 10).</p>\n");
    page_bron(r, BRON_MONITOR_SECTIE, BRON_MONITOR_VAN, BRON_MONITOR_TOT);
    page_alert(r, "info",
               "Koers toont nu de onderwerpen. De cijfers van de "
               "indicatoren volgen in een latere versie.");
    json_array_foreach(pillars, i, p) {
        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Pijler ");
        html_txt(b, jstr(p, "code"));
        html_lit(b, " — ");
        html_txt(b, jstr(p, "naam"));
        html_lit(b, "</h2>\n");
        write_pillar_topics(b, p, topics);
    }
    page_end(r);
cleanup:
    json_decref(topics);
    json_decref(pillars);
}
