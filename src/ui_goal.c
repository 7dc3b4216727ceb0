/* ui_goal.c - the pages of the goal chain: the public overview of
 * ambitions, goals and objectives with their progress (/doelen), one
 * goal, one objective with its actions, one action with its update form,
 * the list of actions with filters, the page per pillar (what is on
 * schedule, late or without an owner), and the forms to add a goal, an
 * objective and an action.
 *
 * Owns: turning the forms into the same JSON input the API takes, so
 * validation and permissions stay the domain's (goal.h); re-rendering a
 * form with the refusal on top, keeping what was typed; the redirect
 * after a change. Progress is drawn as a small server-rendered SVG bar
 * (hidden from screen readers) with the number beside it in text; every
 * status and signal is a badge in words. The contact person of an action
 * is shown to logged-in users only. All markup goes through html.h. */
#include "ui.h"
#include "goal.h"
#include "catalog.h"
#include "governance.h"
#include "html.h"
#include "monitor.h"
#include "organisation.h"
#include "page.h"
#include "perm.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per page of the list of actions, and rows of the short tables on
 * the page per pillar. */
#define UI_GOAL_PAGE 50
#define UI_GOAL_SHORT 20

static const char *const status_labels[] = { "Gepland", "Lopend",
    "Afgerond", "Gestopt", NULL };
static const char *const domain_labels[] = { "Techniek", "ICT",
    "Techniek en ICT", NULL };

/* ---- small helpers ---- */

/* <a href="/pijlers/CODE/doelen">TEXT</a> */
static void pillar_link(struct req *r, const char *code, const char *text)
{
    html_lit(&r->out, "<a class=\"nl-link\" href=\"/pijlers/");
    html_url_arg(&r->out, code);
    html_lit(&r->out, "/doelen\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</a>");
}

/* The progress v (a number 0..100 or null) as a bar with the whole
 * percentage beside it in text; "geen voortgang" for null. The bar is
 * decoration (aria-hidden): the text carries the value. */
static void progress(struct req *r, json_t *v)
{
    struct buf *b = &r->out;
    double p;

    if (!json_is_number(v)) {
        html_lit(b, "<span class=\"koers-muted\">geen voortgang</span>");
        return;
    }
    p = json_number_value(v);
    if (p < 0)
        p = 0;
    if (p > 100)
        p = 100;
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" "
                "height=\"14\" viewBox=\"0 0 120 14\" aria-hidden=\"true\">"
                "<rect class=\"koers-diagram__node\" x=\"1\" y=\"1\" "
                "width=\"118\" height=\"12\" rx=\"3\"/>");
    if (p > 0) {
        html_lit(b, "<rect class=\"koers-diagram__node koers-diagram__node"
                    "--active\" x=\"1\" y=\"1\" width=\"");
        html_num(b, 118.0 * p / 100.0, 1);
        html_lit(b, "\" height=\"12\" rx=\"3\"/>");
    }
    html_lit(b, "</svg> ");
    html_int(b, (long long)(p + 0.5));
    html_lit(b, "%");
}

/* A table cell with the progress of o ("voortgang"). */
static void progress_cell(struct req *r, json_t *o)
{
    page_td_open(r);
    progress(r, json_object_get(o, "voortgang"));
    html_lit(&r->out, "</td>");
}

/* "3 acties, 1 te laat, 2 zonder eigenaar" with badges for the signals
 * that are not zero. */
static void counts(struct req *r, json_t *o)
{
    struct buf *b = &r->out;
    long long n = sqljson_int(o, "aantalActies");
    long long stopped = sqljson_int(o, "aantalGestopt");
    long long done = sqljson_int(o, "aantalAfgerond");
    long long late = sqljson_int(o, "aantalTeLaat");
    long long none = sqljson_int(o, "aantalZonderEigenaar");

    html_int(b, n);
    html_lit(b, n == 1 ? " actie" : " acties");
    if (done || stopped) {
        html_lit(b, " (");
        if (done) {
            html_int(b, done);
            html_lit(b, " afgerond");
        }
        if (stopped) {
            html_lit(b, done ? ", " : "");
            html_int(b, stopped);
            html_lit(b, " gestopt");
        }
        html_lit(b, ")");
    }
    if (late) {
        html_lit(b, " <span class=\"koers-badge koers-badge--error\">");
        html_int(b, late);
        html_lit(b, " te laat</span>");
    }
    if (none) {
        html_lit(b, " <span class=\"koers-badge koers-badge--warning\">");
        html_int(b, none);
        html_lit(b, " zonder eigenaar</span>");
    }
    if (sqljson_int(o, "aantalOpSchema") > 0 && !late && !none)
        html_lit(b, " <span class=\"koers-badge koers-badge--ok\">alles op "
                    "schema</span>");
}

static const char *status_label(const char *code)
{
    size_t i;

    for (i = 0; goal_action_statuses[i]; i++)
        if (strcmp(goal_action_statuses[i], code) == 0)
            return status_labels[i];
    return code;
}

static const char *domain_label(const char *code)
{
    size_t i;

    for (i = 0; goal_action_domains[i]; i++)
        if (strcmp(goal_action_domains[i], code) == 0)
            return domain_labels[i];
    return code;
}

/* The status of an action as a badge in words. */
static void status_badge(struct req *r, json_t *a)
{
    const char *s = sqljson_str(a, "status");

    html_lit(&r->out, strcmp(s, "afgerond") == 0
                          ? "<span class=\"koers-badge koers-badge--ok\">"
                      : strcmp(s, "lopend") == 0
                          ? "<span class=\"koers-badge koers-badge--info\">"
                          : "<span class=\"koers-badge\">");
    html_txt(&r->out, status_label(s));
    html_lit(&r->out, "</span>");
}

/* The signal of an action as a badge in words. */
static void signal_badge(struct req *r, json_t *a)
{
    const char *s = sqljson_str(a, "signaal");

    if (strcmp(s, "te-laat") == 0)
        html_lit(&r->out, "<span class=\"koers-badge koers-badge--error\">"
                          "te laat</span>");
    else if (strcmp(s, "zonder-eigenaar") == 0)
        html_lit(&r->out, "<span class=\"koers-badge koers-badge--warning\">"
                          "zonder eigenaar</span>");
    else if (strcmp(s, "gestopt") == 0)
        html_lit(&r->out, "<span class=\"koers-badge\">gestopt</span>");
    else if (strcmp(s, "afgerond") == 0)
        html_lit(&r->out, "<span class=\"koers-badge koers-badge--ok\">"
                          "afgerond</span>");
    else
        html_lit(&r->out, "<span class=\"koers-badge koers-badge--ok\">op "
                          "schema</span>");
}

static void owners_text(struct req *r, json_t *a)
{
    json_t *o;
    size_t i;

    if (json_array_size(json_object_get(a, "eigenaars")) == 0) {
        html_lit(&r->out, "<span class=\"koers-muted\">geen</span>");
        return;
    }
    json_array_foreach(json_object_get(a, "eigenaars"), i, o) {
        html_lit(&r->out, i ? ", " : "");
        page_code_link(r, "/organisaties/", o);
    }
}

/* The rule of the roll-up, with the report's words on who sets what. */
static void rule_para(struct req *r)
{
    page_para(r, GOAL_ROLLUP_UITLEG);
}

/* The note that the report sets no goals, objectives or actions. */
static void none_seeded_para(struct req *r)
{
    page_para(r, "Het rapport stelt zelf geen doelen, doelstellingen of "
                 "acties vast: omdat het Actieplan netwerkregie gebruikt, "
                 "worden doelstellingen niet op voorhand geformuleerd maar "
                 "met de partners, onder leiding van een netwerkmanager. "
                 "Koers begint daarom leeg; alleen de ambities komen uit het "
                 "rapport.");
    page_bron(r, "5.2 Conclusies en bouwstenen", 1478, 1482);
}

/* A table of actions with status and signal badges. */
static void actions_table(struct req *r, const char *id, const char *caption,
                          json_t *acts, int with_objective)
{
    static const char *const cols[] = { "Actie", "Eigenaars", "Deadline",
        "Status", "Signaal", "Voortgang", NULL };
    static const char *const cols_obj[] = { "Actie", "Doelstelling",
        "Eigenaars", "Deadline", "Status", "Signaal", "Voortgang", NULL };
    struct buf *b = &r->out;
    json_t *a;
    size_t i;

    page_table_open(r, id, caption, with_objective ? cols_obj : cols);
    json_array_foreach(acts, i, a) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/uitvoeringsacties/", sqljson_int(a, "id"),
                     sqljson_str(a, "titel"));
        html_lit(b, "</th>");
        if (with_objective) {
            json_t *o = json_object_get(a, "doelstelling");

            page_td_open(r);
            page_id_link(r, "/doelstellingen/", sqljson_int(o, "id"),
                         sqljson_str(o, "titel"));
            html_lit(b, " <span class=\"koers-muted\">(");
            html_txt(b, sqljson_str(a, "pijler"));
            html_lit(b, ")</span></td>");
        }
        page_td_open(r);
        owners_text(r, a);
        html_lit(b, "</td>");
        page_td_open(r);
        page_date_long(r, sqljson_str(a, "deadline"));
        html_lit(b, "</td>");
        page_td_open(r);
        status_badge(r, a);
        html_lit(b, "</td>");
        page_td_open(r);
        signal_badge(r, a);
        html_lit(b, "</td>");
        progress_cell(r, a);
        html_lit(b, "</tr>");
    }
    page_table_close(r);
}

/* A table of objectives with their progress and signal counts. */
static void objectives_table(struct req *r, const char *id,
                             const char *caption, json_t *objs,
                             int with_goal)
{
    static const char *const cols[] = { "Pijler", "Doelstelling",
        "Voortgang", "Acties en signalen", NULL };
    static const char *const cols_goal[] = { "Doelstelling", "Doel",
        "Voortgang", "Acties en signalen", NULL };
    struct buf *b = &r->out;
    json_t *o;
    size_t i;

    page_table_open(r, id, caption, with_goal ? cols_goal : cols);
    json_array_foreach(objs, i, o) {
        json_t *p = json_object_get(o, "pijler");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        if (!with_goal) {
            page_td_open(r);
            pillar_link(r, sqljson_str(p, "code"), sqljson_str(p, "code"));
            html_lit(b, "</td>");
        }
        page_th_row_open(r);
        page_id_link(r, "/doelstellingen/", sqljson_int(o, "id"),
                     sqljson_str(o, "titel"));
        html_lit(b, "</th>");
        if (with_goal) {
            json_t *g = json_object_get(o, "doel");

            page_td_open(r);
            page_id_link(r, "/doelen/", sqljson_int(g, "id"),
                         sqljson_str(g, "titel"));
            html_lit(b, "</td>");
        }
        progress_cell(r, o);
        page_td_open(r);
        counts(r, o);
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

/* Set key to the id in the form field when it is one; other non-empty
 * text is passed on as text, so the domain names the field. */
static void set_id(json_t *in, const char *key, const char *v)
{
    long long id = page_parse_id(v);

    if (id > 0)
        json_object_set_new(in, key, json_integer(id));
    else
        page_set_text(in, key, v);
}

/* voortgang from the form: a number 0..999 becomes an integer (the
 * domain checks the range), other text stays text (and is refused). */
static void set_progress(json_t *in, const char *v)
{
    char *end;
    long n;

    if (v == NULL || v[0] == '\0')
        return;
    n = strtol(v, &end, 10);
    if (*end == '\0' && v[0] >= '0' && v[0] <= '9' && strlen(v) <= 3)
        json_object_set_new(in, "voortgang", json_integer(n));
    else
        json_object_set_new(in, "voortgang", json_string(v));
}

/* A fieldset of checkboxes named PREFIX-CODE for the objects of arr
 * (code, naam); checked when the form has the field or, without a form,
 * when the code is in `chosen` (an array of strings or of objects with
 * "code"). */
static void checkboxes(struct req *r, const char *legend, const char *prefix,
                       json_t *arr, json_t *chosen, int use_form)
{
    struct buf *b = &r->out;
    json_t *o, *c;
    size_t i, j;

    html_lit(b, "<fieldset class=\"utrecht-form-fieldset utrecht-form-"
                "fieldset--html-fieldset\"><legend class=\"utrecht-form-"
                "fieldset__legend utrecht-form-fieldset__legend--html-"
                "legend\">");
    html_txt(b, legend);
    html_lit(b, "</legend>");
    json_array_foreach(arr, i, o) {
        const char *code = sqljson_str(o, "code");
        char name[96];
        int on = 0;

        snprintf(name, sizeof name, "%s-%s", prefix, code);
        if (use_form) {
            on = page_nonempty(req_field(r, name)) != NULL;
        } else {
            json_array_foreach(chosen, j, c) {
                const char *cc = json_is_string(c) ? json_string_value(c)
                                                   : sqljson_str(c, "code");
                if (strcmp(cc, code) == 0)
                    on = 1;
            }
        }
        html_lit(b, "<div class=\"utrecht-form-field utrecht-form-field--"
                    "checkbox\"><div class=\"utrecht-form-field__input\">"
                    "<input class=\"utrecht-checkbox utrecht-checkbox--html-"
                    "input\" type=\"checkbox\" value=\"1\" name=\"");
        html_attr(b, name);
        html_lit(b, "\" id=\"veld-");
        html_attr(b, name);
        html_lit(b, on ? "\" checked>" : "\">");
        html_lit(b, "</div><div class=\"utrecht-form-field__label\"><label "
                    "class=\"utrecht-form-label\" for=\"veld-");
        html_attr(b, name);
        html_lit(b, "\">");
        html_txt(b, sqljson_str(o, "naam"));
        html_lit(b, "</label></div></div>");
    }
    html_lit(b, "</fieldset>\n");
}

/* The codes of arr whose checkbox PREFIX-CODE is ticked in the form. */
static json_t *checked_codes(struct req *r, const char *prefix, json_t *arr)
{
    json_t *out = json_array(), *o;
    size_t i;

    json_array_foreach(arr, i, o) {
        char name[96];

        snprintf(name, sizeof name, "%s-%s", prefix, sqljson_str(o, "code"));
        if (page_nonempty(req_field(r, name)))
            json_array_append_new(out, json_string(sqljson_str(o, "code")));
    }
    return out;
}

/* Meeting choices (id, "titel, datum") for a select; labels are built
 * into own (freed by the caller with choices_free). */
struct mchoices {
    const char **v;
    const char **l;
    char (*num)[24];
    char **own;
    size_t n;
};

static void mchoices_free(struct mchoices *c)
{
    size_t i;

    for (i = 0; c->own && i < c->n; i++)
        free(c->own[i]);
    free(c->own);
    free(c->v);
    free(c->l);
    free(c->num);
    memset(c, 0, sizeof *c);
}

static int mchoices_from(struct mchoices *c, json_t *meetings)
{
    size_t n = json_array_size(meetings), i;
    json_t *m;

    memset(c, 0, sizeof *c);
    c->v = calloc(n + 1, sizeof *c->v);
    c->l = calloc(n + 1, sizeof *c->l);
    c->num = calloc(n + 1, sizeof *c->num);
    c->own = calloc(n + 1, sizeof *c->own);
    if (!c->v || !c->l || !c->num || !c->own) {
        mchoices_free(c);
        return -1;
    }
    json_array_foreach(meetings, i, m) {
        const char *t = sqljson_str(m, "titel");
        size_t len = strlen(t) + 32;

        c->own[i] = malloc(len);
        if (c->own[i] == NULL) {
            c->n = i;
            mchoices_free(c);
            return -1;
        }
        snprintf(c->own[i], len, "%s (%.10s)", t, sqljson_str(m, "begin"));
        snprintf(c->num[i], sizeof c->num[i], "%lld", sqljson_int(m, "id"));
        c->v[i] = c->num[i];
        c->l[i] = c->own[i];
        c->n = i + 1;
    }
    return 0;
}

/* After a refusal: the status of the page and the message on top. */
static const char *refusal(struct req *r, const struct fault *f)
{
    r->status = f->kind ? (int)f->kind : 500;
    return f->msg[0] ? f->msg : "Opslaan is mislukt.";
}

/* ---- the overview ---- */

static void goal_block(struct req *r, json_t *g)
{
    struct buf *b = &r->out;
    json_t *objs = json_object_get(g, "doelstellingen");
    char id[48], caption[300];

    html_lit(b, "<h3 class=\"nl-heading nl-heading--level-3\">");
    page_id_link(r, "/doelen/", sqljson_int(g, "id"), sqljson_str(g, "titel"));
    html_lit(b, "</h3>\n<p class=\"nl-paragraph\">Voortgang: ");
    progress(r, json_object_get(g, "voortgang"));
    html_lit(b, " — ");
    html_int(b, sqljson_int(g, "aantalDoelstellingen"));
    html_lit(b, sqljson_int(g, "aantalDoelstellingen") == 1
                    ? " doelstelling, " : " doelstellingen, ");
    counts(r, g);
    html_lit(b, "</p>\n");
    if (json_array_size(objs) == 0) {
        page_para(r, "Voor dit doel zijn nog geen doelstellingen "
                     "vastgelegd.");
        return;
    }
    snprintf(id, sizeof id, "doelstellingen-doel-%lld",
             sqljson_int(g, "id"));
    snprintf(caption, sizeof caption, "Doelstellingen van het doel: %s",
             sqljson_str(g, "titel"));
    objectives_table(r, id, caption, objs, 0);
}

void ui_goals(struct req *r)
{
    json_t *amb = goal_ambitions(r->db, 1), *pillars, *a, *g, *p;
    struct buf *b = &r->out;
    size_t i, j;

    pillars = governance_pillars(r->db);
    if (amb == NULL || pillars == NULL) {
        page_error(r, 500, "Interne fout", "De doelen konden niet worden "
                   "gelezen.");
        goto cleanup;
    }
    page_begin(r, "Doelen en voortgang", "/doelen");
    page_para(r, "De keten van het Actieplan: de ambities, de doelen die "
                 "het koersoverleg en het boegbeeld stellen, de "
                 "doelstellingen per pijler die elke kerngroep met haar "
                 "netwerkmanager uitwerkt, en de uitvoeringsacties met hun "
                 "eigenaars, middelen en deadline.");
    page_bron(r, "5.4.1 Afstemming", 1635, 1636);
    rule_para(r);
    none_seeded_para(r);
    html_lit(b, "<div class=\"koers-actions\">");
    if (req_logged_in(r) && goal_may_manage_goals(&r->who))
        html_lit(b, "<a class=\"utrecht-button-link utrecht-button-link--"
                    "html-a utrecht-button-link--secondary-action\" "
                    "href=\"/doelen/nieuw\">Doel toevoegen</a>");
    html_lit(b, "<a class=\"nl-link\" href=\"/uitvoeringsacties\">Alle "
                "uitvoeringsacties</a></div>\n");
    html_lit(b, "<p class=\"nl-paragraph\">Per pijler: wat op schema ligt, "
                "te laat is of geen eigenaar heeft: ");
    json_array_foreach(pillars, i, p) {
        html_lit(b, i ? " · " : "");
        pillar_link(r, sqljson_str(p, "code"), sqljson_str(p, "code"));
    }
    html_lit(b, ".</p>\n");
    json_array_foreach(amb, i, a) {
        json_t *goals = json_object_get(a, "doelen");
        char hid[32];

        snprintf(hid, sizeof hid, "ambitie-%lld", sqljson_int(a, "id"));
        page_h2_id(r, hid, sqljson_str(a, "titel"));
        page_para(r, sqljson_str(a, "omschrijving"));
        page_bron_json(r, a, "bron");
        html_lit(b, "<p class=\"nl-paragraph\">Voortgang van de ambitie: ");
        progress(r, json_object_get(a, "voortgang"));
        html_lit(b, " — ");
        html_int(b, sqljson_int(a, "aantalDoelen"));
        html_lit(b, sqljson_int(a, "aantalDoelen") == 1 ? " doel, "
                                                         : " doelen, ");
        counts(r, a);
        html_lit(b, "</p>\n");
        if (json_array_size(goals) == 0)
            page_para(r, "Voor deze ambitie zijn nog geen doelen "
                         "vastgesteld.");
        json_array_foreach(goals, j, g)
            goal_block(r, g);
    }
    page_end(r);
cleanup:
    json_decref(amb);
    json_decref(pillars);
}

/* The monitor indicators that measure the goal's topics, each with its
 * latest national value's target status: the goal shows how it is doing. */
static void measured_indicators(struct req *r, json_t *topics)
{
    json_t *all = catalog_monitor_indicators(r->db), *m, *t;
    struct mon_indicator mi;
    struct buf *b = &r->out;
    size_t i, j;
    int any = 0;

    if (all == NULL)
        return;
    json_array_foreach(topics, i, t) {
        json_array_foreach(all, j, m) {
            if (strcmp(sqljson_str(m, "onderwerp"), sqljson_str(t, "code")))
                continue;
            if (mon_indicator_get(r->db, sqljson_str(m, "code"), &mi) != 1)
                continue;
            if (!any++)
                html_lit(b, "<p class=\"nl-paragraph\">Gemeten in de "
                            "monitor:</p>\n<ul class=\"utrecht-unordered-"
                            "list\">");
            html_lit(b, "<li>");
            page_link(r, "/monitor/indicatoren", mi.code, mi.name);
            html_lit(b, " ");
            ui_monitor_status_badge(r, mon_indicator_status(r->db, &mi));
            html_lit(b, "</li>");
        }
    }
    if (any)
        html_lit(b, "</ul>\n");
    json_decref(all);
}

/* ---- one goal ---- */

void ui_goal(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *g, *m, *ind, *x, *amb;
    struct buf *b = &r->out;
    char title[300];
    size_t i;

    g = id > 0 ? goal_get(r->db, id) : NULL;
    if (g == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit doel bestaat niet.");
        return;
    }
    snprintf(title, sizeof title, "Doel: %s", sqljson_str(g, "titel"));
    page_begin(r, title, "/doelen");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "Het doel is vastgelegd.");
    amb = json_object_get(g, "ambitie");
    m = json_object_get(g, "vergadering");
    html_lit(b, "<dl class=\"koers-dl\"><dt>Ambitie</dt><dd><a "
                "class=\"nl-link\" href=\"/doelen#ambitie-");
    html_int(b, sqljson_int(amb, "id"));
    html_lit(b, "\">");
    html_txt(b, sqljson_str(amb, "titel"));
    html_lit(b, "</a></dd><dt>Vastgesteld in</dt><dd>");
    if (json_is_object(m)) {
        page_id_link(r, "/vergaderingen/", sqljson_int(m, "id"),
                     sqljson_str(m, "titel"));
        html_lit(b, " (");
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, ")");
    } else {
        html_lit(b, "<span class=\"koers-muted\">niet vastgelegd</span>");
    }
    html_lit(b, "</dd><dt>Voortgang</dt><dd>");
    progress(r, json_object_get(g, "voortgang"));
    html_lit(b, "</dd><dt>Uitvoering</dt><dd>");
    counts(r, g);
    html_lit(b, "</dd><dt>Indicatoren van de monitor</dt><dd>");
    ind = json_object_get(g, "indicatoren");
    if (json_array_size(ind) == 0)
        html_lit(b, "<span class=\"koers-muted\">geen</span>");
    json_array_foreach(ind, i, x) {
        html_lit(b, i ? "; " : "");
        html_txt(b, sqljson_str(x, "naam"));
        html_lit(b, " (");
        html_txt(b, sqljson_str(x, "pijler"));
        html_lit(b, ")");
    }
    html_lit(b, "</dd></dl>\n");
    measured_indicators(r, ind);
    if (sqljson_str(g, "omschrijving")[0]) {
        page_h2(r, "Omschrijving");
        page_text_block(r, sqljson_str(g, "omschrijving"), GOAL_TEXT_MAX);
    }
    page_h2(r, "Doelstellingen per pijler");
    rule_para(r);
    if (req_logged_in(r) && goal_may_manage_pillar(r->db, &r->who, NULL)) {
        html_lit(b, "<div class=\"koers-actions\"><a class=\"utrecht-button-"
                    "link utrecht-button-link--html-a utrecht-button-link--"
                    "secondary-action\" href=\"/doelstellingen/nieuw?doel=");
        html_int(b, id);
        html_lit(b, "\">Doelstelling toevoegen</a></div>\n");
    }
    if (json_array_size(json_object_get(g, "doelstellingen")) == 0)
        page_para(r, "Voor dit doel zijn nog geen doelstellingen "
                     "vastgelegd. De kerngroepen werken de doelen per pijler "
                     "uit tot doelstellingen.");
    else
        objectives_table(r, "doelstellingen-tabel", "Doelstellingen van dit "
                         "doel", json_object_get(g, "doelstellingen"), 0);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/doelen\">Alle doelen</a> · <a class=\"nl-link\" "
                "href=\"/api/v1/doelen/");
    html_int(b, id);
    html_lit(b, "\">Als gegevens (JSON)</a></p>\n");
    page_end(r);
    json_decref(g);
}

/* ---- one objective ---- */

void ui_objective(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *o, *g, *p, *acts;
    struct buf *b = &r->out;
    char title[300];

    o = id > 0 ? goal_objective_get(r->db, id) : NULL;
    if (o == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze doelstelling bestaat "
                   "niet.");
        return;
    }
    g = json_object_get(o, "doel");
    p = json_object_get(o, "pijler");
    acts = json_object_get(o, "acties");
    snprintf(title, sizeof title, "Doelstelling: %s",
             sqljson_str(o, "titel"));
    page_begin(r, title, "/doelen");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De doelstelling is vastgelegd.");
    html_lit(b, "<dl class=\"koers-dl\"><dt>Doel</dt><dd>");
    page_id_link(r, "/doelen/", sqljson_int(g, "id"), sqljson_str(g, "titel"));
    html_lit(b, "</dd><dt>Pijler</dt><dd>");
    pillar_link(r, sqljson_str(p, "code"), sqljson_str(p, "code"));
    html_lit(b, ": ");
    html_txt(b, sqljson_str(p, "naam"));
    html_lit(b, "</dd><dt>Kerngroep</dt><dd>");
    if (sqljson_str(o, "kerngroep")[0])
        page_link(r, "/overleggen/", sqljson_str(o, "kerngroep"),
                  sqljson_str(o, "kerngroep"));
    else
        html_lit(b, "geen: de beheerder en de secretaris leggen de "
                    "doelstellingen van deze pijler vast");
    html_lit(b, "</dd><dt>Voortgang</dt><dd>");
    progress(r, json_object_get(o, "voortgang"));
    html_lit(b, "</dd><dt>Uitvoering</dt><dd>");
    counts(r, o);
    html_lit(b, "</dd></dl>\n");
    if (sqljson_str(o, "omschrijving")[0]) {
        page_h2(r, "Omschrijving");
        page_text_block(r, sqljson_str(o, "omschrijving"), GOAL_TEXT_MAX);
    }
    page_h2(r, "Uitvoeringsacties");
    page_para(r, "De voortgang van deze doelstelling is het gemiddelde van "
                 "de voortgang van haar acties, niet gewogen; gestopte "
                 "acties tellen niet mee. Een actie is te laat als haar "
                 "deadline voorbij is en zij nog gepland of lopend is.");
    if (req_logged_in(r) &&
        goal_may_manage_pillar(r->db, &r->who, sqljson_str(p, "code"))) {
        html_lit(b, "<div class=\"koers-actions\"><a class=\"utrecht-button-"
                    "link utrecht-button-link--html-a utrecht-button-link--"
                    "secondary-action\" href=\"/uitvoeringsacties/nieuw?"
                    "doelstelling=");
        html_int(b, id);
        html_lit(b, "\">Actie toevoegen</a></div>\n");
    }
    if (json_array_size(acts) == 0) {
        page_para(r, "Voor deze doelstelling zijn nog geen acties "
                     "vastgelegd.");
    } else {
        long long shown = (long long)json_array_size(acts);

        actions_table(r, "acties-tabel", "Acties van deze doelstelling, op "
                      "deadline", acts, 0);
        if (sqljson_int(o, "aantalActies") > shown) {
            html_lit(b, "<p class=\"nl-paragraph\">De eerste ");
            html_int(b, shown);
            html_lit(b, " van ");
            html_int(b, sqljson_int(o, "aantalActies"));
            html_lit(b, " acties; <a class=\"nl-link\" "
                        "href=\"/uitvoeringsacties?doelstelling=");
            html_int(b, id);
            html_lit(b, "\">alle acties van deze doelstelling</a>.</p>\n");
        }
    }
    page_end(r);
    json_decref(o);
}

/* ---- the list of actions ---- */

/* The href of list page `page` with the current filters. */
static void list_href(struct req *r, const void *ctx, long long page)
{
    const struct goal_action_filter *flt = ctx;
    struct buf *b = &r->out;

    html_lit(b, "/uitvoeringsacties?pagina=");
    html_int(b, page);
    page_href_arg(r, "pijler", flt->pillar);
    page_href_arg(r, "status", flt->status);
    page_href_arg(r, "eigenaar", flt->owner);
    if (flt->goal > 0) {
        html_lit(b, "&amp;doel=");
        html_int(b, flt->goal);
    }
    if (flt->objective > 0) {
        html_lit(b, "&amp;doelstelling=");
        html_int(b, flt->objective);
    }
    if (flt->late >= 0)
        html_lit(b, flt->late ? "&amp;teLaat=true" : "&amp;teLaat=false");
    if (flt->no_owner >= 0)
        html_lit(b, flt->no_owner ? "&amp;zonderEigenaar=true"
                                  : "&amp;zonderEigenaar=false");
}

/* A hidden input carrying a filter the form has no control for. */
static void hidden_id(struct req *r, const char *name, long long v)
{
    if (v <= 0)
        return;
    html_lit(&r->out, "<input type=\"hidden\" name=\"");
    html_attr(&r->out, name);
    html_lit(&r->out, "\" value=\"");
    html_int(&r->out, v);
    html_lit(&r->out, "\">");
}

static void list_filters(struct req *r, const struct goal_action_filter *flt,
                         json_t *pillars, json_t *orgs)
{
    static const char *const bool_v[] = { "true", "false", NULL };
    static const char *const late_l[] = { "Alleen te laat",
                                          "Alleen niet te laat", NULL };
    static const char *const owner_l[] = { "Alleen zonder eigenaar",
                                           "Alleen met eigenaar", NULL };
    struct page_choices cp = { 0 }, co = { 0 };
    struct buf *b = &r->out;

    if (page_choices_from(&cp, pillars, "code", "naam", 0, 0) != 0 ||
        page_choices_from(&co, orgs, "code", "naam", 0, 0) != 0)
        goto cleanup;
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/uitvoeringsacties\">");
    hidden_id(r, "doel", flt->goal);
    hidden_id(r, "doelstelling", flt->objective);
    page_select(r, "pijler", "Pijler", cp.v, cp.l, flt->pillar,
                "Alle pijlers", NULL);
    page_select(r, "status", "Status", goal_action_statuses, status_labels,
                flt->status, "Alle statussen", NULL);
    page_select(r, "teLaat", "Deadline", bool_v, late_l,
                flt->late < 0 ? NULL : flt->late ? "true" : "false",
                "Alle acties", NULL);
    page_select(r, "zonderEigenaar", "Eigenaarschap", bool_v, owner_l,
                flt->no_owner < 0 ? NULL : flt->no_owner ? "true" : "false",
                "Alle acties", NULL);
    page_select(r, "eigenaar", "Eigenaar", co.v, co.l, flt->owner,
                "Alle organisaties", NULL);
    page_submit(r, "Tonen", 0);
    html_lit(b, "</form>\n");
cleanup:
    page_choices_free(&cp);
    page_choices_free(&co);
}

/* -1 absent, 0 false, 1 true, -2 anything else. */
static int bool_param(const char *v)
{
    if (v == NULL || v[0] == '\0')
        return -1;
    if (strcmp(v, "true") == 0)
        return 1;
    if (strcmp(v, "false") == 0)
        return 0;
    return -2;
}

void ui_goal_actions(struct req *r)
{
    struct goal_action_filter flt = { 0 };
    const char *ptxt = page_nonempty(req_query(r, "pagina"));
    const char *gtxt = page_nonempty(req_query(r, "doel"));
    const char *otxt = page_nonempty(req_query(r, "doelstelling"));
    json_t *pillars = NULL, *orgs = NULL, *items = NULL;
    struct fault f = { 0 };
    long long page = 1, total = 0, pages;
    char caption[200];

    flt.pillar = page_nonempty(req_query(r, "pijler"));
    flt.status = page_nonempty(req_query(r, "status"));
    flt.owner = page_nonempty(req_query(r, "eigenaar"));
    flt.late = bool_param(req_query(r, "teLaat"));
    flt.no_owner = bool_param(req_query(r, "zonderEigenaar"));
    flt.goal = gtxt ? page_parse_id(gtxt) : 0;
    flt.objective = otxt ? page_parse_id(otxt) : 0;
    if (ptxt)
        page = page_parse_id(ptxt);
    if (page < 0 || page > 10000000) {
        page_error(r, 400, "Ongeldige pagina", "Een paginanummer is een "
                   "geheel getal vanaf 1.");
        return;
    }
    if (flt.late == -2 || flt.no_owner == -2 || flt.goal < 0 ||
        flt.objective < 0) {
        page_error(r, 400, "Ongeldige keuze", "Kies de filters uit het "
                   "formulier.");
        return;
    }
    if (goal_action_filter_check(r->db, &flt, &f) != 0) {
        page_error(r, 400, "Ongeldige keuze", f.msg);
        return;
    }
    pillars = governance_pillars(r->db);
    orgs = organisation_list(r->db);
    items = goal_action_list(r->db, &flt, (page - 1) * UI_GOAL_PAGE,
                             UI_GOAL_PAGE, &total);
    if (pillars == NULL || orgs == NULL || items == NULL) {
        page_error(r, 500, "Interne fout", "De acties konden niet worden "
                   "gelezen.");
        goto cleanup;
    }
    pages = total == 0 ? 1 : (total + UI_GOAL_PAGE - 1) / UI_GOAL_PAGE;
    if (page > pages) {
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        goto cleanup;
    }
    page_begin(r, "Uitvoeringsacties", "/doelen");
    page_para(r, "De acties waarmee de partners de doelstellingen per "
                 "pijler uitvoeren, elk met eigenaars, middelen, een start "
                 "en een deadline. Periodiek inzicht in de realisatie van "
                 "de acties is nodig voor bijsturing.");
    page_bron(r, "3.10 Monitoring", 1257, 1259);
    list_filters(r, &flt, pillars, orgs);
    if (total == 0) {
        page_para(r, "Geen acties gevonden voor deze keuze.");
    } else {
        snprintf(caption, sizeof caption, "Uitvoeringsacties: %lld "
                 "gevonden, pagina %lld van %lld (nieuwste eerst)", total,
                 page, pages);
        actions_table(r, "uitvoeringsacties-tabel", caption, items, 1);
        page_pager(r, list_href, &flt, page, pages);
    }
    html_lit(&r->out, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                      "href=\"/doelen\">Doelen en voortgang</a></p>\n");
    page_end(r);
cleanup:
    json_decref(pillars);
    json_decref(orgs);
    json_decref(items);
}

/* ---- one action and its update form ---- */

static void update_form(struct req *r, long long id, json_t *a, json_t *orgs,
                        const char *err)
{
    struct buf *b = &r->out;
    int form = err != NULL;
    char num[16];
    const char *v;

    page_h2_id(r, "bijwerken", "Bijwerken");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Leg de status, de voortgang, de deadline en de eigenaars "
                 "vast. Een afgeronde actie heeft voortgang 100; kiest u "
                 "afgerond zonder voortgang te wijzigen, dan wordt die 100.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/uitvoeringsacties/");
    html_int(b, id);
    html_lit(b, "\">");
    page_csrf_field(r);
    page_select(r, "status", "Status", goal_action_statuses, status_labels,
                form ? req_field(r, "status") : sqljson_str(a, "status"),
                NULL, NULL);
    snprintf(num, sizeof num, "%lld", sqljson_int(a, "voortgang"));
    v = form ? req_field(r, "voortgang") : num;
    page_field(r, "voortgang", "Voortgang in procent (0 tot en met 100)",
               "number", v, NULL, 1);
    page_field_placeholder(r, "deadline", "Deadline (JJJJ-MM-DD)",
                           form ? req_field(r, "deadline")
                                : sqljson_str(a, "deadline"),
                           "JJJJ-MM-DD", NULL, 1);
    checkboxes(r, "Eigenaars (organisaties); zonder eigenaar krijgt de "
               "actie het signaal 'zonder eigenaar'", "eigenaar", orgs,
               json_object_get(a, "eigenaars"), form);
    page_submit(r, "Bijwerken", 1);
    html_lit(b, "</form>\n");
}

static void action_page(struct req *r, long long id, const char *err)
{
    json_t *a = goal_action_get(r->db, id), *orgs = NULL, *m, *o, *g;
    struct buf *b = &r->out;
    char title[300];
    const char *sig;
    int may;

    if (a == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze uitvoeringsactie bestaat "
                   "niet.");
        return;
    }
    may = req_logged_in(r) &&
          goal_may_manage_pillar(r->db, &r->who, sqljson_str(a, "pijler"));
    if (may) {
        orgs = organisation_list(r->db);
        if (orgs == NULL) {
            page_error(r, 500, "Interne fout", "De organisaties konden niet "
                       "worden gelezen.");
            goto cleanup;
        }
    }
    o = json_object_get(a, "doelstelling");
    g = json_object_get(a, "doel");
    m = json_object_get(a, "vergadering");
    sig = sqljson_str(a, "signaal");
    snprintf(title, sizeof title, "Uitvoeringsactie: %s",
             sqljson_str(a, "titel"));
    page_begin(r, title, "/doelen");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De actie is vastgelegd.");
    page_alert_open(r, strcmp(sig, "te-laat") == 0 ||
                           strcmp(sig, "zonder-eigenaar") == 0
                           ? "warning" : "info");
    html_lit(b, "<p class=\"nl-paragraph\">Status: ");
    status_badge(r, a);
    html_lit(b, " Signaal: ");
    signal_badge(r, a);
    if (strcmp(sig, "te-laat") == 0)
        html_lit(b, " De deadline is voorbij en de actie is nog niet "
                    "afgerond.");
    else if (strcmp(sig, "zonder-eigenaar") == 0)
        html_lit(b, " Geen organisatie is eigenaar van deze actie.");
    html_lit(b, "</p>");
    page_alert_close(r);
    html_lit(b, "<dl class=\"koers-dl\"><dt>Doelstelling</dt><dd>");
    page_id_link(r, "/doelstellingen/", sqljson_int(o, "id"),
                 sqljson_str(o, "titel"));
    html_lit(b, "</dd><dt>Doel</dt><dd>");
    page_id_link(r, "/doelen/", sqljson_int(g, "id"), sqljson_str(g, "titel"));
    html_lit(b, "</dd><dt>Pijler</dt><dd>");
    pillar_link(r, sqljson_str(a, "pijler"), sqljson_str(a, "pijler"));
    html_lit(b, "</dd><dt>Eigenaars</dt><dd>");
    owners_text(r, a);
    html_lit(b, "</dd>");
    if (req_logged_in(r))
        page_dl_item(r, "Contactpersoon", sqljson_str(a, "contactpersoon"));
    page_dl_item(r, "Middelen", sqljson_str(a, "middelen"));
    html_lit(b, "<dt>Start</dt><dd>");
    page_date_long(r, sqljson_str(a, "start"));
    html_lit(b, "</dd><dt>Deadline</dt><dd>");
    page_date_long(r, sqljson_str(a, "deadline"));
    html_lit(b, "</dd><dt>Voortgang</dt><dd>");
    progress(r, json_object_get(a, "voortgang"));
    html_lit(b, "</dd>");
    page_dl_item(r, "Domein", domain_label(sqljson_str(a, "domein")));
    html_lit(b, "<dt>Besloten in</dt><dd>");
    if (json_is_object(m)) {
        page_id_link(r, "/vergaderingen/", sqljson_int(m, "id"),
                     sqljson_str(m, "titel"));
        html_lit(b, " (");
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, ")");
    } else {
        html_lit(b, "<span class=\"koers-muted\">niet vastgelegd</span>");
    }
    html_lit(b, "</dd></dl>\n");
    if (sqljson_str(a, "omschrijving")[0]) {
        page_h2(r, "Omschrijving");
        page_text_block(r, sqljson_str(a, "omschrijving"), GOAL_TEXT_MAX);
    }
    if (may)
        update_form(r, id, a, orgs, err);
    else if (err)
        page_alert(r, "error", err);
    page_end(r);
cleanup:
    json_decref(orgs);
    json_decref(a);
}

void ui_goal_action(struct req *r)
{
    long long id = page_parse_id(r->param[0]);

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze uitvoeringsactie bestaat "
                   "niet.");
        return;
    }
    action_page(r, id, NULL);
}

void ui_goal_action_update(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *in, *orgs;
    struct fault f = { 0 };

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze uitvoeringsactie bestaat "
                   "niet.");
        return;
    }
    orgs = organisation_list(r->db);
    in = json_object();
    page_set_text(in, "status", req_field(r, "status"));
    set_progress(in, req_field(r, "voortgang"));
    page_set_text(in, "deadline", req_field(r, "deadline"));
    json_object_set_new(in, "eigenaars", checked_codes(r, "eigenaar", orgs));
    if (orgs == NULL)
        fault_set(&f, FAULT_STORE, "De organisaties konden niet worden "
                  "gelezen.");
    else if (goal_action_update(r->db, &r->who, id, in, &f) == 0) {
        page_redirect_id(r, "/uitvoeringsacties/", id, "?opgeslagen=1");
        goto cleanup;
    }
    if (f.kind == FAULT_NOTFOUND)
        page_error(r, 404, "Niet gevonden", f.msg);
    else
        action_page(r, id, refusal(r, &f));
cleanup:
    json_decref(in);
    json_decref(orgs);
}

/* ---- the page per pillar ---- */

/* A short table of the actions of pillar with one signal, with the count
 * and a link to the whole list. */
static void signal_section(struct req *r, const char *pillar,
                           const char *id, const char *heading, int late,
                           int no_owner, const char *none_text)
{
    struct goal_action_filter flt = { 0 };
    struct buf *b = &r->out;
    long long total = 0;
    json_t *acts;
    char caption[200], table_id[64];

    flt.pillar = pillar;
    flt.late = late;
    flt.no_owner = no_owner;
    acts = goal_action_list(r->db, &flt, 0, UI_GOAL_SHORT, &total);
    page_h2_id(r, id, heading);
    if (acts == NULL || total == 0) {
        page_para(r, none_text);
        json_decref(acts);
        return;
    }
    snprintf(caption, sizeof caption, "%s: %lld %s (nieuwste eerst)",
             heading, total, total == 1 ? "actie" : "acties");
    snprintf(table_id, sizeof table_id, "%s-tabel", id);
    actions_table(r, table_id, caption, acts, 1);
    if (total > (long long)json_array_size(acts)) {
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" href=\"");
        list_href(r, &flt, 1);
        html_lit(b, "\">Alle ");
        html_int(b, total);
        html_lit(b, " acties</a></p>\n");
    }
    json_decref(acts);
}

void ui_pillar_goals(struct req *r)
{
    const char *code = r->param[0];
    struct goal_objective_filter flt = { 0 };
    json_t *pillars = governance_pillars(r->db), *p, *objs = NULL, *o;
    struct buf *b = &r->out;
    long long total = 0, ok = 0, late = 0, none = 0, n = 0, stopped = 0;
    long long done = 0;
    char title[200], kern[64];
    size_t i;

    p = pillars ? page_by_code(pillars, code) : NULL;
    if (p == NULL || goal_pillar_body(r->db, code, kern, sizeof kern) != 0) {
        page_error(r, 404, "Niet gevonden", "Deze pijler bestaat niet; kies "
                   "P1, P2, P3 of P4.");
        goto cleanup;
    }
    flt.pillar = sqljson_str(p, "code");
    /* all objectives of the pillar, for the counts; the table shows the
     * first GOAL_PAGE_MAX */
    objs = goal_objective_list(r->db, &flt, 0, 1000000000LL, &total);
    if (objs == NULL) {
        page_error(r, 500, "Interne fout", "De doelstellingen konden niet "
                   "worden gelezen.");
        goto cleanup;
    }
    json_array_foreach(objs, i, o) {
        ok += sqljson_int(o, "aantalOpSchema");
        late += sqljson_int(o, "aantalTeLaat");
        none += sqljson_int(o, "aantalZonderEigenaar");
        n += sqljson_int(o, "aantalActies");
        stopped += sqljson_int(o, "aantalGestopt");
        done += sqljson_int(o, "aantalAfgerond");
    }
    while (json_array_size(objs) > GOAL_PAGE_MAX)
        json_array_remove(objs, json_array_size(objs) - 1);
    snprintf(title, sizeof title, "Pijler %s: doelstellingen en acties",
             sqljson_str(p, "code"));
    page_begin(r, title, "/doelen");
    html_lit(b, "<p class=\"nl-paragraph\"><strong>");
    html_txt(b, sqljson_str(p, "naam"));
    html_lit(b, ".</strong> ");
    if (kern[0]) {
        html_lit(b, "De doelstellingen en acties van deze pijler legt de ");
        page_link(r, "/overleggen/", kern, "kerngroep");
        html_lit(b, " met haar netwerkmanager vast.");
    } else {
        html_lit(b, "Deze pijler heeft geen kerngroep; de beheerder en de "
                    "secretaris leggen de doelstellingen en acties vast.");
    }
    html_lit(b, "</p>\n");
    page_bron(r, "5.4.1 Afstemming", 1635, 1636);
    html_lit(b, "<dl class=\"koers-dl\"><dt>Acties</dt><dd>");
    html_int(b, n);
    html_lit(b, "</dd><dt>Afgerond</dt><dd>");
    html_int(b, done);
    html_lit(b, "</dd><dt>Gestopt</dt><dd>");
    html_int(b, stopped);
    html_lit(b, "</dd><dt>Op schema</dt><dd>");
    html_int(b, ok);
    html_lit(b, "</dd><dt>Te laat</dt><dd>");
    html_int(b, late);
    html_lit(b, "</dd><dt>Zonder eigenaar</dt><dd>");
    html_int(b, none);
    html_lit(b, "</dd></dl>\n");
    page_para(r, "Een actie die nog gepland of lopend is, is te laat als "
                 "haar deadline voorbij is, en zonder eigenaar als geen "
                 "organisatie meer eigenaar is; zij kan beide zijn. Heeft "
                 "zij geen van beide, dan ligt zij op schema. Afgeronde en "
                 "gestopte acties hebben geen signaal.");

    page_h2_id(r, "doelstellingen", "Doelstellingen");
    rule_para(r);
    if (req_logged_in(r) &&
        goal_may_manage_pillar(r->db, &r->who, sqljson_str(p, "code")))
        html_lit(b, "<p class=\"nl-paragraph\">Een doelstelling voegt u toe "
                    "vanaf de pagina van het doel; zie <a class=\"nl-link\" "
                    "href=\"/doelen\">de doelen</a>.</p>\n");
    if (json_array_size(objs) == 0)
        page_para(r, "Voor deze pijler zijn nog geen doelstellingen "
                     "vastgelegd.");
    else
        objectives_table(r, "doelstellingen-tabel", "Doelstellingen van "
                         "deze pijler", objs, 1);
    if (total > (long long)json_array_size(objs)) {
        html_lit(b, "<p class=\"nl-paragraph\">De eerste ");
        html_int(b, (long long)json_array_size(objs));
        html_lit(b, " van ");
        html_int(b, total);
        html_lit(b, " doelstellingen.</p>\n");
    }
    signal_section(r, flt.pillar, "te-laat", "Te laat", 1, -1,
                   "Geen acties van deze pijler zijn te laat.");
    signal_section(r, flt.pillar, "zonder-eigenaar", "Zonder eigenaar", -1, 1,
                   "Alle acties van deze pijler hebben een eigenaar.");
    page_h2_id(r, "op-schema", "Op schema");
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_int(b, ok);
    html_lit(b, ok == 1 ? " actie ligt" : " acties liggen");
    html_lit(b, " op schema. <a class=\"nl-link\" href=\"/uitvoeringsacties?"
                "pijler=");
    html_url_arg(b, flt.pillar);
    html_lit(b, "&amp;status=lopend&amp;teLaat=false&amp;zonderEigenaar="
                "false\">De lopende acties op schema</a> · <a "
                "class=\"nl-link\" href=\"/uitvoeringsacties?pijler=");
    html_url_arg(b, flt.pillar);
    html_lit(b, "&amp;status=gepland&amp;teLaat=false&amp;zonderEigenaar="
                "false\">de geplande</a>.</p>\n");
    page_end(r);
cleanup:
    json_decref(objs);
    json_decref(pillars);
}

/* ---- adding a goal ---- */

static void goal_form(struct req *r, const char *err)
{
    json_t *amb = goal_ambitions(r->db, 0), *meet, *ind;
    struct page_choices ca = { 0 };
    struct mchoices cm = { 0 };
    struct buf *b = &r->out;

    meet = goal_meeting_choices(r->db, "koersoverleg");
    ind = sqljson_rows(r->db, "SELECT code, name || ' (' || pillar_code || "
                              "')' AS naam FROM indicator_topic ORDER BY "
                              "ord", "");
    if (amb == NULL || meet == NULL || ind == NULL ||
        page_choices_from(&ca, amb, "id", "titel", 1, 0) != 0 ||
        mchoices_from(&cm, meet) != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        goto cleanup;
    }
    page_begin(r, "Doel toevoegen", "/doelen");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Het koersoverleg en het boegbeeld stellen de doelen van "
                 "het Actieplan; de kerngroepen werken ze per pijler uit tot "
                 "doelstellingen.");
    page_bron(r, "6.2 Implementatie 2023 – 2024", 2207, 2208);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/doelen\">");
    page_csrf_field(r);
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "omschrijving", "Omschrijving", "textarea",
               req_field(r, "omschrijving"), NULL, 0);
    page_select(r, "ambitie", "Ambitie", ca.v, ca.l,
                req_field(r, "ambitie"), "Kies een ambitie", NULL);
    page_select(r, "vergadering", "Vastgesteld in de vergadering van het "
                "koersoverleg", cm.v, cm.l, req_field(r, "vergadering"),
                "Geen vergadering vastleggen", NULL);
    checkboxes(r, "Indicatoren van de monitor (niet verplicht)", "indicator",
               ind, NULL, 1);
    page_submit(r, "Doel toevoegen", 1);
    html_lit(b, "</form>\n");
    page_end(r);
cleanup:
    page_choices_free(&ca);
    mchoices_free(&cm);
    json_decref(amb);
    json_decref(meet);
    json_decref(ind);
}

void ui_goal_new(struct req *r)
{
    if (!goal_may_manage_goals(&r->who)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen doelen "
                   "vastleggen. Dat mogen de beheerder, de secretaris en het "
                   "boegbeeld.");
        return;
    }
    goal_form(r, NULL);
}

void ui_goal_create(struct req *r)
{
    json_t *in = json_object(), *ind;
    struct fault f = { 0 };
    long long id;

    ind = sqljson_rows(r->db, "SELECT code FROM indicator_topic", "");
    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "omschrijving", req_field(r, "omschrijving"));
    set_id(in, "ambitie", req_field(r, "ambitie"));
    set_id(in, "vergadering", req_field(r, "vergadering"));
    json_object_set_new(in, "indicatoren", checked_codes(r, "indicator",
                                                         ind));
    id = goal_create(r->db, &r->who, in, &f);
    if (id < 0) {
        goal_form(r, refusal(r, &f));
    } else {
        page_redirect_id(r, "/doelen/", id, "?opgeslagen=1");
    }
    json_decref(ind);
    json_decref(in);
}

/* ---- adding an objective ---- */

static void objective_form(struct req *r, const char *goal_sel,
                           const char *err)
{
    json_t *goals = goal_list(r->db), *pillars = governance_pillars(r->db);
    json_t *mine = json_array(), *p;
    struct page_choices cg = { 0 }, cp = { 0 };
    struct buf *b = &r->out;
    size_t i;

    json_array_foreach(pillars, i, p)
        if (goal_may_manage_pillar(r->db, &r->who, sqljson_str(p, "code")))
            json_array_append(mine, p);
    if (goals == NULL || pillars == NULL ||
        page_choices_from(&cg, goals, "id", "titel", 1, 0) != 0 ||
        page_choices_from(&cp, mine, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        goto cleanup;
    }
    page_begin(r, "Doelstelling toevoegen", "/doelen");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "De kerngroepen werken de ambities en doelen uit tot "
                 "doelstellingen per pijler, en maken inzichtelijk welke "
                 "acties worden geïnitieerd.");
    page_bron(r, "5.4.1 Afstemming", 1635, 1636);
    if (json_array_size(goals) == 0) {
        page_alert(r, "info", "Er is nog geen doel. Een doelstelling hoort "
                   "bij een doel; het koersoverleg stelt eerst de doelen "
                   "vast.");
        page_end(r);
        goto cleanup;
    }
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/doelstellingen\">");
    page_csrf_field(r);
    page_select(r, "doel", "Doel", cg.v, cg.l, goal_sel, "Kies een doel",
                NULL);
    page_select(r, "pijler", "Pijler", cp.v, cp.l, req_field(r, "pijler"),
                cp.n == 1 ? NULL : "Kies een pijler", NULL);
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "omschrijving", "Omschrijving", "textarea",
               req_field(r, "omschrijving"), NULL, 0);
    page_submit(r, "Doelstelling toevoegen", 1);
    html_lit(b, "</form>\n");
    page_end(r);
cleanup:
    page_choices_free(&cg);
    page_choices_free(&cp);
    json_decref(mine);
    json_decref(goals);
    json_decref(pillars);
}

void ui_objective_new(struct req *r)
{
    const char *g = page_nonempty(req_query(r, "doel"));

    if (!goal_may_manage_pillar(r->db, &r->who, NULL)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                   "doelstellingen vastleggen. Dat mogen de beheerder, de "
                   "secretaris en de netwerkmanager (voor de eigen "
                   "kerngroep).");
        return;
    }
    if (g && page_parse_id(g) < 0) {
        page_error(r, 400, "Ongeldig doel", "Een doel is een id: een geheel "
                   "getal vanaf 1.");
        return;
    }
    objective_form(r, g, NULL);
}

void ui_objective_create(struct req *r)
{
    json_t *in = json_object();
    struct fault f = { 0 };
    long long id;

    set_id(in, "doel", req_field(r, "doel"));
    page_set_text(in, "pijler", req_field(r, "pijler"));
    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "omschrijving", req_field(r, "omschrijving"));
    id = goal_objective_create(r->db, &r->who, in, &f);
    if (id < 0) {
        objective_form(r, req_field(r, "doel"), refusal(r, &f));
    } else {
        page_redirect_id(r, "/doelstellingen/", id, "?opgeslagen=1");
    }
    json_decref(in);
}

/* ---- adding an action ---- */

static void action_form(struct req *r, long long objective, const char *err)
{
    json_t *o = goal_objective_get(r->db, objective), *orgs, *meet;
    struct mchoices cm = { 0 };
    struct buf *b = &r->out;
    const char *st = req_field(r, "status");
    const char *dm = req_field(r, "domein");
    const char *pr = req_field(r, "voortgang");
    char title[300];

    orgs = organisation_list(r->db);
    meet = goal_meeting_choices(r->db, NULL);
    if (o == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze doelstelling bestaat "
                   "niet; een actie hoort bij een doelstelling.");
        goto cleanup;
    }
    if (orgs == NULL || meet == NULL || mchoices_from(&cm, meet) != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        goto cleanup;
    }
    snprintf(title, sizeof title, "Actie toevoegen aan: %s",
             sqljson_str(o, "titel"));
    page_begin(r, title, "/doelen");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Een uitvoeringsactie heeft ten minste één eigenaar "
                 "(organisatie), een start en een deadline. Per pijler "
                 "hoort bij de acties eigenaarschap en middelen.");
    page_bron(r, "3.10 Monitoring", 1257, 1259);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/uitvoeringsacties\"><input type=\"hidden\" "
                "name=\"doelstelling\" value=\"");
    html_int(b, objective);
    html_lit(b, "\">");
    page_csrf_field(r);
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "omschrijving", "Omschrijving", "textarea",
               req_field(r, "omschrijving"), NULL, 0);
    checkboxes(r, "Eigenaars (ten minste één organisatie)", "eigenaar", orgs,
               NULL, 1);
    page_field(r, "contactpersoon", "Contactpersoon", "text",
               req_field(r, "contactpersoon"), NULL, 0);
    page_field(r, "middelen", "Middelen (budget, menskracht)", "textarea",
               req_field(r, "middelen"), NULL, 0);
    page_field_placeholder(r, "start", "Start (JJJJ-MM-DD)",
                           req_field(r, "start"), "JJJJ-MM-DD", NULL, 1);
    page_field_placeholder(r, "deadline", "Deadline (JJJJ-MM-DD, niet vóór "
                           "de start)", req_field(r, "deadline"),
                           "JJJJ-MM-DD", NULL, 1);
    page_select(r, "status", "Status", goal_action_statuses, status_labels,
                st ? st : "gepland", NULL, NULL);
    page_field(r, "voortgang", "Voortgang in procent (0 tot en met 100)",
               "number", pr ? pr : "0", NULL, 1);
    page_select(r, "domein", "Domein", goal_action_domains, domain_labels,
                dm ? dm : "beide", NULL, NULL);
    page_select(r, "vergadering", "Besloten in de vergadering", cm.v, cm.l,
                req_field(r, "vergadering"), "Geen vergadering vastleggen",
                NULL);
    page_submit(r, "Actie toevoegen", 1);
    html_lit(b, "</form>\n");
    page_end(r);
cleanup:
    mchoices_free(&cm);
    json_decref(o);
    json_decref(orgs);
    json_decref(meet);
}

void ui_goal_action_new(struct req *r)
{
    long long objective = page_parse_id(req_query(r, "doelstelling"));
    json_t *o;

    if (objective < 0) {
        page_error(r, 400, "Kies een doelstelling", "Een actie hoort bij een "
                   "doelstelling: open het formulier vanaf de pagina van de "
                   "doelstelling.");
        return;
    }
    o = goal_objective_get(r->db, objective);
    if (o == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze doelstelling bestaat "
                   "niet.");
        return;
    }
    if (!goal_may_manage_pillar(r->db, &r->who,
                                sqljson_str(json_object_get(o, "pijler"),
                                            "code"))) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen acties "
                   "vastleggen voor deze pijler. Dat mogen de beheerder, de "
                   "secretaris en de netwerkmanager van de kerngroep van "
                   "deze pijler.");
        json_decref(o);
        return;
    }
    json_decref(o);
    action_form(r, objective, NULL);
}

void ui_goal_action_create(struct req *r)
{
    json_t *in = json_object(), *orgs = organisation_list(r->db);
    long long objective = page_parse_id(req_field(r, "doelstelling"));
    struct fault f = { 0 };
    long long id;

    set_id(in, "doelstelling", req_field(r, "doelstelling"));
    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "omschrijving", req_field(r, "omschrijving"));
    json_object_set_new(in, "eigenaars", checked_codes(r, "eigenaar", orgs));
    page_set_text(in, "contactpersoon", req_field(r, "contactpersoon"));
    page_set_text(in, "middelen", req_field(r, "middelen"));
    page_set_text(in, "start", req_field(r, "start"));
    page_set_text(in, "deadline", req_field(r, "deadline"));
    page_set_text(in, "status", req_field(r, "status"));
    set_progress(in, req_field(r, "voortgang"));
    page_set_text(in, "domein", req_field(r, "domein"));
    set_id(in, "vergadering", req_field(r, "vergadering"));
    if (orgs == NULL) {
        fault_set(&f, FAULT_STORE, "De organisaties konden niet worden "
                  "gelezen.");
        id = -1;
    } else {
        id = goal_action_create(r->db, &r->who, in, &f);
    }
    if (id >= 0) {
        page_redirect_id(r, "/uitvoeringsacties/", id, "?opgeslagen=1");
    } else if (objective < 0) {
        page_error(r, 400, "Kies een doelstelling", f.msg);
    } else {
        action_form(r, objective, refusal(r, &f));
    }
    json_decref(orgs);
    json_decref(in);
}
