/* ui_catalog.c - pages for the report's seeded lists that have no module
 * of their own.
 *
 * Owns: /indicatoren (the monitor topics of figure 10, grouped per pillar,
 * with the monitor indicators that measure each). The gremia, risks and
 * the implementation plan have their own pages (ui_gremium.c, ui_risk.c,
 * ui_plan.c). Data comes from catalog.h and
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
#define BRON_MONITOR_SECTIE "5.6 Monitoring"
#define BRON_MONITOR_VAN 2087
#define BRON_MONITOR_TOT 2095

/* A store value and the Dutch word shown for it; lists end with NULL. */
struct code_label {
    const char *code;
    const char *label;
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
