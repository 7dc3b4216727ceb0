/* ui_plan.c - the pages of the implementation plan and the budget:
 * /implementatieplan (the steps of figure 12 with a Gantt chart, the slip
 * list and the sub-step tables), /implementatieplan/{code} (one sub-step
 * with its edit form), /begroting (the budget per year with a bar chart
 * and the multi-year view of PTvT and regional financing) and
 * /begroting/wijzigen (the edit form of one budget line).
 *
 * Owns: translating these requests into plan.h and budget.h calls and
 * their results into HTML (page.h, html.h) and SVG (gantt.h). The form
 * fields become the same JSON objects the API takes. */
#include "budget.h"
#include "chart.h"
#include "gantt.h"
#include "html.h"
#include "page.h"
#include "perm.h"
#include "plan.h"
#include "sqljson.h"
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BRON_PLAN_SECTIE "6.2 Implementatie 2023 – 2024"
#define BRON_PLAN_VAN 2223
#define BRON_PLAN_TOT 2226
#define BRON_BUDGET_SECTIE "6.4 Financiering"
#define BRON_BUDGET_VAN 2711
#define BRON_BUDGET_TOT 2716
#define BRON_MULTI_SECTIE "Meerjarige financiering"
#define BRON_MULTI_VAN 1958
#define BRON_MULTI_TOT 1964

static const char *const month_names[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"
};

/* ---- small writers ---- */

/* "maart 2024" for a month, a muted dash for none. */
static void month_txt(struct buf *b, const char *m)
{
    char w[32];

    if (!plan_is_month(m)) {
        html_lit(b, "<span class=\"koers-muted\">–</span>");
        return;
    }
    snprintf(w, sizeof w, "%s %.4s", month_names[atoi(m + 5) - 1], m);
    html_txt(b, w);
}

static const char *status_label(const char *code)
{
    size_t i;

    for (i = 0; plan_statuses[i]; i++)
        if (strcmp(code, plan_statuses[i]) == 0)
            return plan_status_labels[i];
    return code;
}

/* The status as a badge with its word; a slipping sub-step in red. */
static void status_badge(struct buf *b, json_t *s)
{
    const char *st = sqljson_str(s, "status");
    int slips = json_is_object(json_object_get(s, "slip"));
    const char *kind = slips ? "error"
                     : strcmp(st, "gereed") == 0 ? "ok"
                     : strcmp(st, "loopt") == 0 ? "info" : NULL;

    html_lit(b, "<span class=\"koers-badge");
    if (kind) {
        html_lit(b, " koers-badge--");
        html_lit(b, kind);
    }
    html_lit(b, "\">");
    html_txt(b, status_label(st));
    html_lit(b, "</span>");
}

static void td_text(struct req *r, const char *s)
{
    page_td_open(r);
    if (s && s[0])
        html_txt(&r->out, s);
    else
        html_lit(&r->out, "<span class=\"koers-muted\">–</span>");
    html_lit(&r->out, "</td>");
}

/* A link to the sub-step page. */
static void substep_link(struct req *r, const char *code, const char *text)
{
    page_link(r, "/implementatieplan/", code, text);
}

/* Comma-separated links to the sub-steps of arr (strings or objects
 * with "nummer"); a dash for none. */
static void code_links(struct req *r, json_t *arr)
{
    json_t *d;
    size_t i;

    if (json_array_size(arr) == 0) {
        html_lit(&r->out, "<span class=\"koers-muted\">–</span>");
        return;
    }
    json_array_foreach(arr, i, d) {
        const char *c = json_is_string(d) ? json_string_value(d)
                                          : sqljson_str(d, "nummer");

        if (i)
            html_lit(&r->out, ", ");
        substep_link(r, c, c);
    }
}

/* "N maanden" / "1 maand" */
static void months_txt(struct buf *b, long long n)
{
    html_int(b, n);
    html_lit(b, n == 1 ? " maand" : " maanden");
}

static int may_plan(struct req *r)
{
    return req_logged_in(r) &&
           perm_allowed(r->who.role, r->who.scope, ACT_PLAN_BEHEREN, NULL);
}

static int may_budget(struct req *r)
{
    return req_logged_in(r) &&
           perm_allowed(r->who.role, r->who.scope, ACT_BEGROTING_BEHEREN,
                        "ezk");
}

/* ---- /implementatieplan ---- */

/* The Gantt chart of all steps and sub-steps; 0 or -1 (nothing shown). */
static int write_gantt(struct req *r, json_t *steps, const char *today)
{
    struct gantt_row *rows;
    struct gantt g;
    json_t *st, *s;
    size_t n = 0, i, j;
    char (*codes)[8];
    int rc = -1;

    json_array_foreach(steps, i, st)
        n += 1 + json_array_size(json_object_get(st, "substappen"));
    rows = calloc(n + 1, sizeof *rows);
    codes = calloc(json_array_size(steps) + 1, sizeof *codes);
    if (rows == NULL || codes == NULL)
        goto cleanup;
    n = 0;
    json_array_foreach(steps, i, st) {
        struct gantt_row *head = &rows[n++];
        const char *lo = NULL, *hi = NULL;

        snprintf(codes[i], sizeof codes[i], "%lld", sqljson_int(st,
                                                                "nummer"));
        head->code = codes[i];
        head->label = sqljson_str(st, "titel");
        head->is_step = 1;
        json_array_foreach(json_object_get(st, "substappen"), j, s) {
            struct gantt_row *w = &rows[n++];
            json_t *slip = json_object_get(s, "slip");

            w->code = sqljson_str(s, "nummer");
            w->label = sqljson_str(s, "titel");
            w->planned_start = page_nonempty(sqljson_str(s, "geplandStart"));
            w->planned_end = page_nonempty(sqljson_str(s, "geplandEind"));
            w->actual_start = page_nonempty(sqljson_str(s,
                                                        "werkelijkStart"));
            w->actual_end = page_nonempty(sqljson_str(s, "werkelijkEind"));
            w->status = sqljson_str(s, "status");
            w->slip = json_is_object(slip)
                      ? (int)sqljson_int(slip, "maanden") : 0;
            if (w->planned_start && (lo == NULL ||
                                     strcmp(w->planned_start, lo) < 0))
                lo = w->planned_start;
            if (w->planned_end && (hi == NULL ||
                                   strcmp(w->planned_end, hi) > 0))
                hi = w->planned_end;
        }
        head->planned_start = lo;
        head->planned_end = hi;
    }
    g.id = "gantt";
    g.title = "Gantt-diagram van het implementatieplan";
    g.desc = "Per stap en substap de geplande maanden (bovenste balk) en "
             "de werkelijke maanden (onderste balk), met de status in "
             "woorden aan het eind van elke rij en een stippellijn bij "
             "vandaag. Dezelfde gegevens staan in de tabellen per stap.";
    g.today = today;
    g.n = n;
    g.rows = rows;
    html_lit(&r->out, "<figure class=\"koers-chart\">");
    rc = gantt_svg(&r->out, &g);
    html_lit(&r->out, "<figcaption>Bovenste balk: gepland; onderste balk: "
                      "werkelijk. Rood gearceerd: vertraging. De tabellen "
                      "per stap hieronder geven dezelfde gegevens."
                      "</figcaption></figure>\n");
cleanup:
    free(rows);
    free(codes);
    return rc;
}

/* The slip list: what slips, by how much, and what it blocks. */
static void write_slips(struct req *r, json_t *slips)
{
    static const char *const cols[] = {
        "Substap", "#Vertraging", "Status", "Waarom", "Blokkeert", NULL
    };
    struct buf *b = &r->out;
    json_t *s, *why;
    size_t i, j;

    page_h2_id(r, "vertraging", "Wat loopt achter");
    if (json_array_size(slips) == 0) {
        page_alert(r, "ok", "Geen substap loopt achter op de planning.");
        return;
    }
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_int(b, (long long)json_array_size(slips));
    html_lit(b, json_array_size(slips) == 1 ? " substap loopt" :
                " substappen lopen");
    html_lit(b, " achter: niet gereed terwijl de geplande eindmaand voorbij "
                "is, later gereed of begonnen dan gepland, of nog niet "
                "begonnen terwijl de geplande start voorbij is. Blokkeert: "
                "de substappen die erop wachten, direct of via andere, en "
                "nog niet gereed zijn.</p>\n");
    page_table_open(r, "vertraging-tabel", "Substappen die achterlopen, "
                    "de grootste vertraging eerst", cols);
    json_array_foreach(slips, i, s) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        substep_link(r, sqljson_str(s, "nummer"), sqljson_str(s, "nummer"));
        html_lit(b, " ");
        html_txt(b, sqljson_str(s, "titel"));
        html_lit(b, "</th><td class=\"utrecht-table__cell "
                    "utrecht-table__cell--numeric-column\">");
        months_txt(b, sqljson_int(s, "maanden"));
        html_lit(b, "</td>");
        td_text(r, status_label(sqljson_str(s, "status")));
        page_td_open(r);
        why = json_object_get(s, "redenen");
        for (j = 0; j < json_array_size(why); j++) {
            if (j)
                html_lit(b, " ");
            html_txt(b, json_string_value(json_array_get(why, j)));
        }
        html_lit(b, "</td>");
        page_td_open(r);
        code_links(r, json_object_get(s, "blokkeert"));
        html_lit(b, "</td></tr>\n");
    }
    page_table_close(r);
}

/* The sub-steps of one step: the accessible form of the Gantt rows. */
static void write_step_table(struct req *r, json_t *step)
{
    static const char *const cols[] = {
        "Nr", "Substap", "Verantwoordelijke", "Gepland", "Werkelijk",
        "Status", "Afhankelijk van", "Bron", NULL
    };
    json_t *subs = json_object_get(step, "substappen"), *s, *slip;
    struct buf *b = &r->out;
    char id[48], caption[96];
    size_t i;

    if (json_array_size(subs) == 0) {
        page_para(r, "Het rapport noemt geen substappen voor deze stap.");
        return;
    }
    snprintf(id, sizeof id, "stap-%lld-titel", sqljson_int(step, "nummer"));
    snprintf(caption, sizeof caption, "Substappen van stap %lld",
             sqljson_int(step, "nummer"));
    page_table_open(r, id, caption, cols);
    json_array_foreach(subs, i, s) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        substep_link(r, sqljson_str(s, "nummer"), sqljson_str(s, "nummer"));
        html_lit(b, "</td>");
        page_th_row_open(r);
        html_txt(b, sqljson_str(s, "titel"));
        html_lit(b, "<br><span class=\"koers-muted\">");
        html_txt(b, sqljson_str(s, "omschrijving"));
        html_lit(b, "</span></th>");
        td_text(r, sqljson_str(s, "verantwoordelijke"));
        page_td_open(r);
        month_txt(b, sqljson_str(s, "geplandStart"));
        html_lit(b, " – ");
        month_txt(b, sqljson_str(s, "geplandEind"));
        html_lit(b, "</td>");
        page_td_open(r);
        if (sqljson_str(s, "werkelijkStart")[0]) {
            month_txt(b, sqljson_str(s, "werkelijkStart"));
            html_lit(b, " – ");
            if (sqljson_str(s, "werkelijkEind")[0])
                month_txt(b, sqljson_str(s, "werkelijkEind"));
            else
                html_lit(b, "nu");
        } else {
            html_lit(b, "<span class=\"koers-muted\">niet begonnen</span>");
        }
        html_lit(b, "</td>");
        page_td_open(r);
        status_badge(b, s);
        slip = json_object_get(s, "slip");
        if (json_is_object(slip)) {
            html_lit(b, " ");
            months_txt(b, sqljson_int(slip, "maanden"));
            html_lit(b, " te laat");
        }
        html_lit(b, "</td>");
        page_td_open(r);
        code_links(r, json_object_get(s, "afhankelijkVan"));
        html_lit(b, "</td>");
        page_td_open(r);
        if (page_bron_link(r, json_object_get(s, "bron")) != 0)
            html_lit(b, "<span class=\"koers-muted\">–</span>");
        html_lit(b, "</td></tr>\n");
    }
    page_table_close(r);
}

/* GET /implementatieplan - the steps of figure 12, the Gantt chart, the
 * slip list and per step its sub-steps. */
void ui_plan_page(struct req *r)
{
    char today[11], month[8];
    json_t *steps, *slips, *s;
    struct buf *b = &r->out;
    size_t i;

    plan_today(today);
    memcpy(month, today, 7);
    month[7] = '\0';
    steps = plan_steps(r->db, month);
    slips = plan_slips(r->db, month);
    if (steps == NULL || slips == NULL) {
        page_error(r, 500, "Interne fout", "Het implementatieplan kon niet "
                   "worden gelezen.");
        goto cleanup;
    }
    page_begin(r, "Implementatieplan 2023–2024", "/implementatieplan");
    html_lit(b, "<p class=\"nl-paragraph\">De implementatie van de "
                "governance bestaat volgens het rapport uit ");
    html_int(b, (long long)json_array_size(steps));
    html_lit(b, " hoofdstappen, die waar mogelijk tegelijk worden "
                "uitgevoerd. Figuur 12 deelt ze op in substappen met een "
                "verantwoordelijke en een planning per maand.</p>\n");
    page_bron(r, BRON_PLAN_SECTIE, BRON_PLAN_VAN, BRON_PLAN_TOT);
    page_alert(r, "info",
               "Figuur 12 geeft per substap een planning per maand "
               "(oktober 2023 tot en met december 2024), maar die "
               "maandbalken staan niet in de tekst van het rapport. De "
               "geplande maanden hier zijn daarom een aanname van Koers, "
               "afgeleid uit de volgorde van de stappen en de "
               "afhankelijkheden die de tekst noemt; de secretaris past ze "
               "aan per substap.");
    html_lit(b, "<p class=\"nl-paragraph\">De reguliere cyclus van 2025 "
                "(figuur 13) staat in het ");
    html_link(b, "/jaarplan?jaar=2025", "jaarplan 2025");
    html_lit(b, ". De kosten van de governance staan in de ");
    html_link(b, "/begroting", "begroting");
    html_lit(b, ".</p>\n");
    page_h2(r, "Planning en werkelijkheid");
    html_lit(b, "<p class=\"nl-paragraph\">Stand op ");
    page_date_long(r, today);
    html_lit(b, ".</p>\n");
    if (write_gantt(r, steps, today) != 0)
        page_para(r, "Er zijn nog geen maanden ingevuld om te tekenen.");
    write_slips(r, slips);
    json_array_foreach(steps, i, s) {
        html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">Stap ");
        html_int(b, sqljson_int(s, "nummer"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(s, "titel"));
        html_lit(b, "</h2>\n");
        page_bron_json(r, s, "bron");
        write_step_table(r, s);
    }
    page_end(r);
cleanup:
    json_decref(steps);
    json_decref(slips);
}

/* ---- /implementatieplan/{code} ---- */

/* The edit form; with err, the submitted values are shown again. */
static void substep_form(struct req *r, json_t *s, const char *err)
{
    struct buf *b = &r->out;
    int form = err != NULL;
    char deps[256];
    json_t *d;
    size_t i, used = 0;

    deps[0] = '\0';
    json_array_foreach(json_object_get(s, "afhankelijkVan"), i, d) {
        int w = snprintf(deps + used, sizeof deps - used, "%s%s",
                         i ? ", " : "", json_string_value(d));

        if (w < 0 || (size_t)w >= sizeof deps - used)
            break;
        used += (size_t)w;
    }
    page_h2_id(r, "bijwerken", "Bijwerken");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Maanden schrijft u als JJJJ-MM, bijvoorbeeld 2024-03. "
                 "Gepland heeft geen werkelijke maanden; loopt heeft een "
                 "werkelijke start; gereed heeft een werkelijke start en "
                 "eindmaand.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/implementatieplan/");
    html_url_arg(b, sqljson_str(s, "nummer"));
    html_lit(b, "\">");
    page_csrf_field(r);
    page_field_placeholder(r, "geplandStart", "Geplande start (JJJJ-MM)",
        form ? req_field(r, "geplandStart") : sqljson_str(s, "geplandStart"),
        "JJJJ-MM", NULL, 1);
    page_field_placeholder(r, "geplandEind", "Geplande eindmaand (JJJJ-MM)",
        form ? req_field(r, "geplandEind") : sqljson_str(s, "geplandEind"),
        "JJJJ-MM", NULL, 1);
    page_field_placeholder(r, "werkelijkStart", "Werkelijke start "
        "(JJJJ-MM, leeg als niet begonnen)",
        form ? req_field(r, "werkelijkStart")
             : sqljson_str(s, "werkelijkStart"), "JJJJ-MM", NULL, 0);
    page_field_placeholder(r, "werkelijkEind", "Werkelijke eindmaand "
        "(JJJJ-MM, leeg als niet gereed)",
        form ? req_field(r, "werkelijkEind")
             : sqljson_str(s, "werkelijkEind"), "JJJJ-MM", NULL, 0);
    page_select(r, "status", "Status", plan_statuses, plan_status_labels,
                form ? req_field(r, "status") : sqljson_str(s, "status"),
                NULL, NULL);
    page_field_placeholder(r, "afhankelijkVan", "Afhankelijk van "
        "(nummers van substappen, gescheiden door komma's)",
        form ? req_field(r, "afhankelijkVan") : deps, "3.6, 4.1", NULL, 0);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>\n");
}

static void substep_page(struct req *r, const char *code, const char *err)
{
    json_t *s = plan_substep_get(r->db, code, NULL), *slip, *w;
    struct buf *b = &r->out;
    char title[300];
    size_t i;

    if (s == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze substap van het "
                   "implementatieplan bestaat niet.");
        return;
    }
    snprintf(title, sizeof title, "Substap %s: %s", sqljson_str(s, "nummer"),
             sqljson_str(s, "titel"));
    page_begin(r, title, "/implementatieplan");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De substap is bijgewerkt.");
    slip = json_object_get(s, "slip");
    if (json_is_object(slip)) {
        page_alert_open(r, "warning");
        html_lit(b, "<p class=\"nl-paragraph\">Loopt ");
        months_txt(b, sqljson_int(slip, "maanden"));
        html_lit(b, " achter.");
        json_array_foreach(json_object_get(slip, "redenen"), i, w) {
            html_lit(b, " ");
            html_txt(b, json_string_value(w));
        }
        html_lit(b, "</p>");
        page_alert_close(r);
    }
    html_lit(b, "<dl class=\"koers-dl\"><dt>Stap</dt><dd>");
    w = json_object_get(s, "stap");
    html_int(b, sqljson_int(w, "nummer"));
    html_lit(b, ": ");
    html_txt(b, sqljson_str(w, "titel"));
    html_lit(b, "</dd>");
    page_dl_item(r, "Omschrijving", sqljson_str(s, "omschrijving"));
    page_dl_item(r, "Verantwoordelijke", sqljson_str(s,
                                                     "verantwoordelijke"));
    html_lit(b, "<dt>Status</dt><dd>");
    status_badge(b, s);
    html_lit(b, "</dd><dt>Gepland</dt><dd>");
    month_txt(b, sqljson_str(s, "geplandStart"));
    html_lit(b, " tot en met ");
    month_txt(b, sqljson_str(s, "geplandEind"));
    html_lit(b, "</dd><dt>Werkelijk</dt><dd>");
    if (sqljson_str(s, "werkelijkStart")[0]) {
        month_txt(b, sqljson_str(s, "werkelijkStart"));
        html_lit(b, " tot en met ");
        if (sqljson_str(s, "werkelijkEind")[0])
            month_txt(b, sqljson_str(s, "werkelijkEind"));
        else
            html_lit(b, "nu (loopt)");
    } else {
        html_lit(b, "niet begonnen");
    }
    html_lit(b, "</dd><dt>Wacht op</dt><dd>");
    if (json_array_size(json_object_get(s, "wachtOp")) == 0)
        html_lit(b, "geen andere substap");
    json_array_foreach(json_object_get(s, "wachtOp"), i, w) {
        if (i)
            html_lit(b, "; ");
        substep_link(r, sqljson_str(w, "nummer"), sqljson_str(w, "nummer"));
        html_lit(b, " ");
        html_txt(b, sqljson_str(w, "titel"));
        html_lit(b, " (");
        html_txt(b, status_label(sqljson_str(w, "status")));
        html_lit(b, ")");
    }
    html_lit(b, "</dd><dt>Blokkeert</dt><dd>");
    if (json_array_size(json_object_get(s, "blokkeert")) == 0)
        html_lit(b, "geen open substap");
    else
        code_links(r, json_object_get(s, "blokkeert"));
    html_lit(b, "</dd></dl>\n");
    page_bron_json(r, s, "bron");
    if (may_plan(r))
        substep_form(r, s, err);
    else if (err)
        page_alert(r, "error", err);
    html_lit(b, "<p class=\"nl-paragraph\">");
    html_link(b, "/implementatieplan", "Terug naar het implementatieplan");
    html_lit(b, "</p>\n");
    page_end(r);
    json_decref(s);
}

void ui_plan_substep(struct req *r)
{
    substep_page(r, r->param[0], NULL);
}

/* "3.6, 4.1" into a JSON array of trimmed codes (empty parts dropped). */
static json_t *split_codes(const char *v)
{
    json_t *a = json_array();
    char part[64];
    size_t n = 0;
    const char *p;

    if (v == NULL)
        return a;
    for (p = v;; p++) {
        if (*p == ',' || *p == ';' || *p == '\0') {
            while (n > 0 && part[n - 1] == ' ')
                n--;
            part[n] = '\0';
            if (n > 0)
                json_array_append_new(a, json_string(part));
            n = 0;
            if (*p == '\0')
                break;
        } else if (!(*p == ' ' && n == 0) && n + 1 < sizeof part) {
            part[n++] = *p;
        }
    }
    return a;
}

/* POST /implementatieplan/{code} */
void ui_plan_substep_update(struct req *r)
{
    const char *code = r->param[0];
    struct fault f = { 0 };
    json_t *in = json_object();

    page_set_text(in, "geplandStart", req_field(r, "geplandStart"));
    page_set_text(in, "geplandEind", req_field(r, "geplandEind"));
    page_set_text(in, "werkelijkStart", req_field(r, "werkelijkStart"));
    page_set_text(in, "werkelijkEind", req_field(r, "werkelijkEind"));
    page_set_text(in, "status", req_field(r, "status"));
    json_object_set_new(in, "afhankelijkVan",
                        split_codes(req_field(r, "afhankelijkVan")));
    if (plan_substep_update(r->db, &r->who, code, in, &f) == 0) {
        page_redirect(r, "/implementatieplan/", code, "?opgeslagen=1");
    } else if (f.kind == FAULT_NOTFOUND) {
        page_error(r, 404, "Niet gevonden", f.msg);
    } else {
        r->status = f.kind ? (int)f.kind : 500;
        substep_page(r, code, f.msg[0] ? f.msg : "Opslaan is mislukt.");
    }
    json_decref(in);
}

/* ---- /begroting ---- */

/* A euro amount cell "€ 1.234,56" (no decimals when whole). */
static void euro_txt(struct buf *b, double v)
{
    char n[48];

    chart_format_nl(n, sizeof n, v, fabs(v - round(v)) < 0.005 ? 0 : 2);
    html_lit(b, "€&nbsp;");
    html_txt(b, n);
}

static void td_euro(struct req *r, double v, int over)
{
    struct buf *b = &r->out;

    html_lit(b, "<td class=\"utrecht-table__cell "
                "utrecht-table__cell--numeric-column "
                "utrecht-table__cell--numeric-data\">");
    euro_txt(b, v);
    if (over)
        html_lit(b, " <span class=\"koers-badge koers-badge--warning\">"
                    "boven gepland</span>");
    html_lit(b, "</td>");
}

static double num(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

/* The lines of one year with their total. */
static void year_table(struct req *r, json_t *lines, long long year,
                       int may)
{
    static const char *const cols[] = {
        "Post", "#Gepland", "#Verplicht", "#Besteed", "Toelichting", NULL
    };
    static const char *const cols_edit[] = {
        "Post", "#Gepland", "#Verplicht", "#Besteed", "Toelichting",
        "Wijzigen", NULL
    };
    struct buf *b = &r->out;
    double tp = 0, tc = 0, ts = 0;
    char id[32], cap[64];
    json_t *l, *over;
    size_t i;

    snprintf(id, sizeof id, "begroting-%lld", year);
    snprintf(cap, sizeof cap, "Begroting %lld per post", year);
    page_table_open(r, id, cap, may ? cols_edit : cols);
    json_array_foreach(lines, i, l) {
        if (sqljson_int(l, "jaar") != year)
            continue;
        over = json_object_get(l, "overschreden");
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(l, "naam"));
        html_lit(b, "</th>");
        td_euro(r, num(l, "gepland"), 0);
        td_euro(r, num(l, "verplicht"),
                json_is_true(json_object_get(over, "verplicht")));
        td_euro(r, num(l, "besteed"),
                json_is_true(json_object_get(over, "besteed")));
        td_text(r, sqljson_str(l, "toelichting"));
        if (may) {
            page_td_open(r);
            html_lit(b, "<a class=\"nl-link\" href=\"/begroting/wijzigen?"
                        "jaar=");
            html_int(b, year);
            html_lit(b, "&amp;categorie=");
            html_url_arg(b, sqljson_str(l, "categorie"));
            html_lit(b, "\">Wijzig<span class=\"koers-visually-hidden\"> ");
            html_txt(b, sqljson_str(l, "naam"));
            html_lit(b, " ");
            html_int(b, year);
            html_lit(b, "</span></a></td>");
        }
        html_lit(b, "</tr>\n");
        tp += num(l, "gepland");
        tc += num(l, "verplicht");
        ts += num(l, "besteed");
    }
    html_lit(b, "<tr class=\"utrecht-table__row\">");
    page_th_row_open(r);
    html_lit(b, "Totaal</th>");
    td_euro(r, tp, 0);
    td_euro(r, tc, tc > tp + 0.005);
    td_euro(r, ts, ts > tp + 0.005);
    td_text(r, NULL);
    if (may)
        td_text(r, NULL);
    html_lit(b, "</tr>\n");
    page_table_close(r);
}

/* Bars of planned, committed and spent per year of rows (budget_per_
 * year) with the same numbers in a table. */
static void year_chart(struct req *r, json_t *rows, const char *id,
                       const char *title, const char *desc)
{
    static const char *const cols[] = {
        "Jaar", "#Gepland", "#Verplicht", "#Besteed", NULL
    };
    struct gantt_bar_group *g;
    struct gantt_bars c;
    char labels[64][8], tid[48];
    struct buf *b = &r->out;
    size_t i, n = json_array_size(rows);
    json_t *o;

    if (n == 0 || n > 64)
        return;
    g = calloc(n, sizeof *g);
    if (g == NULL)
        return;
    json_array_foreach(rows, i, o) {
        snprintf(labels[i], sizeof labels[i], "%lld", sqljson_int(o,
                                                                  "jaar"));
        g[i].label = labels[i];
        g[i].v[0] = num(o, "gepland");
        g[i].v[1] = num(o, "verplicht");
        g[i].v[2] = num(o, "besteed");
    }
    memset(&c, 0, sizeof c);
    c.id = id;
    c.title = title;
    c.desc = desc;
    c.series[0] = "Gepland";
    c.series[1] = "Verplicht";
    c.series[2] = "Besteed";
    c.n = n;
    c.groups = g;
    html_lit(b, "<div class=\"koers-chart-pair\"><figure "
                "class=\"koers-chart\">");
    gantt_bars_svg(b, &c);
    html_lit(b, "<figcaption>");
    html_txt(b, title);
    html_lit(b, "; de tabel ernaast geeft dezelfde bedragen."
                "</figcaption></figure>");
    snprintf(tid, sizeof tid, "%s-tabel", id);
    page_table_open(r, tid, title, cols);
    json_array_foreach(rows, i, o) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_int(b, sqljson_int(o, "jaar"));
        html_lit(b, "</th>");
        td_euro(r, num(o, "gepland"), 0);
        td_euro(r, num(o, "verplicht"), num(o, "verplicht") >
                                        num(o, "gepland") + 0.005);
        td_euro(r, num(o, "besteed"), num(o, "besteed") >
                                      num(o, "gepland") + 0.005);
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
    html_lit(b, "</div>\n");
    free(g);
}

/* GET /begroting[?jaar=J] */
void ui_budget(struct req *r)
{
    json_t *lines = NULL, *years = NULL, *per = NULL, *ptvt = NULL,
           *regio = NULL, *y;
    struct buf *b = &r->out;
    int year, may = may_budget(r), lo = 0, hi = 0;
    size_t i;

    year = page_year(r, req_query(r, "jaar"), 0);
    if (year < 0)
        return;
    years = budget_years(r->db);
    lines = budget_lines(r->db, year);
    if (json_array_size(years) > 0) {
        lo = (int)json_integer_value(json_array_get(years, 0));
        hi = (int)json_integer_value(json_array_get(years,
                                     json_array_size(years) - 1));
    }
    per = budget_per_year(r->db, lo, hi, NULL);
    ptvt = budget_per_year(r->db, lo, hi, "ptvt");
    regio = budget_per_year(r->db, lo, hi, "regio");
    if (years == NULL || lines == NULL || per == NULL || ptvt == NULL ||
        regio == NULL) {
        page_error(r, 500, "Interne fout", "De begroting kon niet worden "
                   "gelezen.");
        goto cleanup;
    }
    page_begin(r, "Begroting van de governance", "/implementatieplan");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De begrotingspost is opgeslagen.");
    page_para(r, "Het rapport raamt de kosten van de governance op circa "
                 "€ 2,5 miljoen per jaar, exclusief de monitoring: voor het "
                 "boegbeeld, de secretaris en de netwerkmanagers, "
                 "ondersteuning door PTvT, een werkbudget en extra "
                 "ondersteuning in de regio.");
    page_bron(r, BRON_BUDGET_SECTIE, BRON_BUDGET_VAN, BRON_BUDGET_TOT);
    page_alert(r, "info", "De verdeling over de posten staat niet in het "
               "rapport. De geplande bedragen zijn een aanname van Koers; "
               "de toelichting per post zegt waarop ze rusten. De "
               "secretaris en EZK werken gepland, verplicht en besteed bij. "
               "Verplicht of besteed boven gepland mag, maar staat erbij.");
    html_lit(b, "<nav aria-label=\"Jaren\"><p class=\"nl-paragraph\">Jaar: ");
    if (year == 0)
        html_lit(b, "<strong>alle jaren</strong>");
    else
        html_link(b, "/begroting", "alle jaren");
    json_array_foreach(years, i, y) {
        char href[32];

        html_lit(b, " · ");
        if (json_integer_value(y) == year) {
            html_lit(b, "<strong>");
            html_int(b, year);
            html_lit(b, "</strong>");
        } else {
            snprintf(href, sizeof href, "/begroting?jaar=%lld",
                     (long long)json_integer_value(y));
            html_lit(b, "<a class=\"nl-link\" href=\"");
            html_attr(b, href);
            html_lit(b, "\">");
            html_int(b, json_integer_value(y));
            html_lit(b, "</a>");
        }
    }
    html_lit(b, "</p></nav>\n");
    if (year == 0) {
        page_h2(r, "Gepland, verplicht en besteed per jaar");
        year_chart(r, per, "begroting-jaren", "Begroting per jaar",
                   "Staafdiagram met per jaar het geplande, het verplichte "
                   "en het bestede bedrag van alle posten samen.");
    }
    json_array_foreach(years, i, y) {
        char h[32];

        if (year != 0 && json_integer_value(y) != year)
            continue;
        snprintf(h, sizeof h, "Jaar %lld", (long long)json_integer_value(y));
        page_h2(r, h);
        year_table(r, lines, json_integer_value(y), may);
    }
    if (json_array_size(years) == 0)
        page_para(r, "Er zijn nog geen begrotingsposten.");
    page_h2(r, "Meerjarige financiering van PTvT en de regio's");
    page_para(r, "Het rapport stelt een meerjarige financiering voor van "
                 "de ondersteuning door PTvT en mogelijk van de regio's, "
                 "zodat regionale samenwerkingsverbanden en het "
                 "bovenregionaal overleg op langere termijn kunnen "
                 "functioneren.");
    page_bron(r, BRON_MULTI_SECTIE, BRON_MULTI_VAN, BRON_MULTI_TOT);
    year_chart(r, ptvt, "begroting-ptvt", "Ondersteuning PTvT per jaar",
               "Staafdiagram met per jaar het geplande, verplichte en "
               "bestede bedrag voor de ondersteuning door PTvT.");
    year_chart(r, regio, "begroting-regio", "Ondersteuning regio per jaar",
               "Staafdiagram met per jaar het geplande, verplichte en "
               "bestede bedrag voor de ondersteuning van de regio's.");
    if (may) {
        page_h2(r, "Een post van een ander jaar");
        html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                    "action=\"/begroting/wijzigen\">");
        page_field(r, "jaar", "Jaar", "number", NULL, NULL, 1);
        page_select(r, "categorie", "Post", budget_categories,
                    budget_category_labels, NULL, NULL, NULL);
        page_submit(r, "Openen", 0);
        html_lit(b, "</form>\n");
    }
    page_end(r);
cleanup:
    json_decref(lines);
    json_decref(years);
    json_decref(per);
    json_decref(ptvt);
    json_decref(regio);
}

/* The edit page of line (year, category); with err the submitted values
 * are shown again. */
static void budget_form(struct req *r, int year, const char *cat,
                        const char *err)
{
    json_t *l = budget_line_get(r->db, year, cat);
    struct buf *b = &r->out;
    int form = err != NULL;
    char title[128], v[3][48];
    const char *keys[3] = { "gepland", "verplicht", "besteed" };
    size_t k;

    snprintf(title, sizeof title, "Begroting %d: %s", year,
             budget_category_label(cat));
    page_begin(r, title, "/implementatieplan");
    if (err)
        page_alert(r, "error", err);
    if (l == NULL && !form)
        page_para(r, "Deze post heeft nog geen bedragen voor dit jaar; "
                     "opslaan maakt haar aan.");
    for (k = 0; k < 3; k++) {
        double x = l ? num(l, keys[k]) : 0;

        chart_format_nl(v[k], sizeof v[k], x,
                        fabs(x - round(x)) < 0.005 ? 0 : 2);
    }
    page_para(r, "Bedragen in euro's, bijvoorbeeld 250.000 of 1.234,56; "
                 "hoogstens twee decimalen.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/begroting/wijzigen\">");
    page_csrf_field(r);
    html_lit(b, "<input type=\"hidden\" name=\"jaar\" value=\"");
    html_int(b, year);
    html_lit(b, "\"><input type=\"hidden\" name=\"categorie\" value=\"");
    html_attr(b, cat);
    html_lit(b, "\">");
    page_field(r, "gepland", "Gepland (euro)", "text",
               form ? req_field(r, "gepland") : v[0], NULL, 1);
    page_field(r, "verplicht", "Verplicht (euro)", "text",
               form ? req_field(r, "verplicht") : v[1], NULL, 1);
    page_field(r, "besteed", "Besteed (euro)", "text",
               form ? req_field(r, "besteed") : v[2], NULL, 1);
    page_field(r, "toelichting", "Toelichting", "textarea",
               form ? req_field(r, "toelichting")
                    : (l ? sqljson_str(l, "toelichting") : ""), NULL, 0);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>\n<p class=\"nl-paragraph\">");
    html_link(b, "/begroting", "Terug naar de begroting");
    html_lit(b, "</p>\n");
    page_end(r);
    json_decref(l);
}

/* The year and category of the query or form; 0, or -1 after a 400
 * page. */
static int budget_key(struct req *r, const char *jaar, const char *cat,
                      int *year)
{
    *year = page_year(r, jaar, -1);
    if (*year < 0)
        return -1;
    if (budget_category_label(cat) == NULL) {
        page_error(r, 400, "Onbekende post", "Kies een post: boegbeeld, "
                   "secretaris, netwerkmanagers, ptvt, werkbudget of "
                   "regio.");
        return -1;
    }
    return 0;
}

/* GET /begroting/wijzigen?jaar=J&categorie=C */
void ui_budget_edit(struct req *r)
{
    int year;

    if (budget_key(r, req_query(r, "jaar"), req_query(r, "categorie"),
                   &year) != 0)
        return;
    if (!may_budget(r)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag de begroting "
                   "niet bijwerken; dat mogen de beheerder, de secretaris "
                   "en EZK.");
        return;
    }
    budget_form(r, year, req_query(r, "categorie"), NULL);
}

/* The form's amount `name` into in as a JSON number; -1 with f. */
static int form_amount(struct req *r, json_t *in, const char *name,
                       const char *label, struct fault *f)
{
    long long cents;

    if (budget_parse_amount(req_field(r, name), label, &cents, f) != 0)
        return -1;
    if (cents % 100 == 0)
        json_object_set_new(in, name, json_integer(cents / 100));
    else
        json_object_set_new(in, name, json_real((double)cents / 100.0));
    return 0;
}

/* POST /begroting/wijzigen */
void ui_budget_update(struct req *r)
{
    const char *cat = req_field(r, "categorie");
    struct fault f = { 0 };
    json_t *in;
    int year, created;
    char q[64];

    if (budget_key(r, req_field(r, "jaar"), cat, &year) != 0)
        return;
    in = json_object();
    if (form_amount(r, in, "gepland", "Gepland", &f) == 0 &&
        form_amount(r, in, "verplicht", "Verplicht", &f) == 0 &&
        form_amount(r, in, "besteed", "Besteed", &f) == 0) {
        page_set_text(in, "toelichting", req_field(r, "toelichting"));
        if (budget_line_put(r->db, &r->who, year, cat, in, &created,
                            &f) == 0) {
            snprintf(q, sizeof q, "?jaar=%d&opgeslagen=1", year);
            page_redirect(r, "/begroting", "", q);
            goto cleanup;
        }
    }
    r->status = f.kind ? (int)f.kind : 500;
    budget_form(r, year, cat, f.msg[0] ? f.msg : "Opslaan is mislukt.");
cleanup:
    json_decref(in);
}
