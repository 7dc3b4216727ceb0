/* ui_evaluation.c - the page of the biennial evaluation (/evaluatie), its
 * PDF (/evaluatie.pdf) and the forms of the qualitative findings.
 *
 * Owns: rendering the document model of evaluation.h as a printable HTML
 * page (each section a <section> that starts a new printed page; the
 * period form, the download link and the forms are left out of the
 * print, as is the navigation), the grouped bar chart as SVG (the line
 * chart is chart.h's), the standalone HTML file of `koers evaluatie
 * --html`, and turning the finding forms into the JSON input the domain
 * validates. All markup goes through html.h and page.h. */
#include "ui.h"
#include "chart.h"
#include "evaluation.h"
#include "html.h"
#include "page.h"
#include "pdf.h"
#include "sqljson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_EVAL_POINTS 200        /* x positions of a chart at most */
#define UI_EVAL_SERIES 4          /* series of a chart at most */

/* Fill colours of the bar series (presentation attributes; the legend
 * and the table beside each chart carry the meaning). */
static const char *const bar_fill[UI_EVAL_SERIES] = {
    "#01689b", "#e17000", "#39870c", "#a90061"
};

static int may_manage(struct req *r)
{
    return req_logged_in(r) && evaluation_may_manage(&r->who);
}

/* ---- blocks ---- */

static void block_table(struct req *r, json_t *blk)
{
    json_t *cols = json_object_get(blk, "kolommen");
    json_t *rows = json_object_get(blk, "rijen"), *row, *c;
    const char **labels;
    size_t i, j, n = json_array_size(cols);

    if (json_array_size(rows) == 0) {
        page_h3(r, json_string_value(json_object_get(blk, "bijschrift")));
        page_para(r, json_string_value(json_object_get(blk, "leeg")));
        return;
    }
    labels = calloc(n + 1, sizeof *labels);
    if (labels == NULL)
        return;
    json_array_foreach(cols, i, c)
        labels[i] = json_string_value(c);
    page_table_open(r, json_string_value(json_object_get(blk, "id")),
                    json_string_value(json_object_get(blk, "bijschrift")),
                    labels);
    json_array_foreach(rows, i, row) {
        html_lit(&r->out, "<tr class=\"utrecht-table__row\">");
        for (j = 0; j < n; j++) {
            const char *s = json_string_value(json_array_get(row, j));

            if (j == 0)
                page_th_row_open(r);
            else if (labels[j] && labels[j][0] == '#')
                html_lit(&r->out, "<td class=\"utrecht-table__cell "
                                  "utrecht-table__cell--numeric-column "
                                  "utrecht-table__cell--numeric-data\">");
            else
                page_td_open(r);
            html_txt(&r->out, s ? s : "");
            html_lit(&r->out, j == 0 ? "</th>" : "</td>");
        }
        html_lit(&r->out, "</tr>");
    }
    page_table_close(r);
    free(labels);
}

/* The line chart of a block through chart.h: x positions 0..n-1 with
 * the labels. */
static void line_chart(struct req *r, json_t *blk, size_t n)
{
    json_t *labels = json_object_get(blk, "labels");
    json_t *s = json_array_get(json_object_get(blk, "reeksen"), 0);
    json_t *vals = json_object_get(s, "waarden");
    double *x = calloc(n, sizeof *x), *v = calloc(n, sizeof *v);
    unsigned char *has = calloc(n, 1);
    const char **xl = calloc(n, sizeof *xl);
    struct chart_series ser;
    struct chart_line c;
    size_t i;

    if (x == NULL || v == NULL || has == NULL || xl == NULL)
        goto cleanup;
    for (i = 0; i < n; i++) {
        json_t *jv = json_array_get(vals, i);

        x[i] = (double)i;
        xl[i] = json_string_value(json_array_get(labels, i));
        has[i] = json_is_number(jv);
        v[i] = has[i] ? json_number_value(jv) : 0;
    }
    memset(&ser, 0, sizeof ser);
    ser.name = json_string_value(json_object_get(s, "naam"));
    ser.value = v;
    ser.has = has;
    memset(&c, 0, sizeof c);
    c.id = json_string_value(json_object_get(blk, "id"));
    c.title = json_string_value(json_object_get(blk, "titel"));
    c.desc = json_string_value(json_object_get(blk, "beschrijving"));
    c.suffix = json_string_value(json_object_get(blk, "eenheid"));
    c.decimals = 0;
    c.nx = n;
    c.x = x;
    c.xlabel = xl;
    c.xname = xl;
    c.nseries = 1;
    c.series = &ser;
    if (chart_line_svg(&r->out, &c) != 0)
        page_para(r, "Er zijn nog geen gegevens voor deze grafiek.");
cleanup:
    free(x);
    free(v);
    free(has);
    free(xl);
}

/* A grouped vertical bar chart: a group per label, a bar per series, a
 * <title> with the number on every bar, and a legend. */
static void bar_chart(struct req *r, json_t *blk, size_t n)
{
    static const double W = 640, H = 260, L = 92, T = 12, B = 56;
    json_t *labels = json_object_get(blk, "labels");
    json_t *series = json_object_get(blk, "reeksen"), *s;
    const char *id = json_string_value(json_object_get(blk, "id"));
    const char *unit = json_string_value(json_object_get(blk, "eenheid"));
    size_t ns = json_array_size(series), i, k;
    struct buf *b = &r->out;
    double max = 0, step, v, pw = W - L - 10, ph = H - T - B;
    char t[64];

    if (ns > UI_EVAL_SERIES)
        ns = UI_EVAL_SERIES;
    unit = unit ? unit : "";
    max = evaluation_chart_max(blk, n);
    if (max <= 0)
        max = 1;
    step = chart_step_125(max, 5);
    max = ceil(max / step) * step;
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 640 260\" aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "-titel ");
    html_attr(b, id);
    html_lit(b, "-omschrijving\"><title id=\"");
    html_attr(b, id);
    html_lit(b, "-titel\">");
    html_txt(b, json_string_value(json_object_get(blk, "titel")));
    html_lit(b, "</title><desc id=\"");
    html_attr(b, id);
    html_lit(b, "-omschrijving\">");
    html_txt(b, json_string_value(json_object_get(blk, "beschrijving")));
    html_lit(b, "</desc>");
    for (v = 0; v <= max + step / 2; v += step) {
        double y = T + ph - v / max * ph;

        html_lit(b, "<line x1=\"");
        html_num(b, L, 1);
        html_lit(b, "\" x2=\"");
        html_num(b, L + pw, 1);
        html_lit(b, "\" y1=\"");
        html_num(b, y, 1);
        html_lit(b, "\" y2=\"");
        html_num(b, y, 1);
        html_lit(b, "\" stroke=\"#cccccc\" stroke-width=\"1\"/>"
                    "<text x=\"");
        html_num(b, L - 6, 1);
        html_lit(b, "\" y=\"");
        html_num(b, y + 4, 1);
        html_lit(b, "\" text-anchor=\"end\" font-size=\"11\" "
                    "fill=\"#333333\">");
        chart_format_unit(t, sizeof t, v, unit);
        html_txt(b, t);
        html_lit(b, "</text>");
    }
    for (i = 0; i < n; i++) {
        double gx = L + pw * (double)i / (double)n;
        double bw = pw / (double)n * 0.8 / (double)(ns ? ns : 1);

        json_array_foreach(series, k, s) {
            json_t *jv = json_array_get(json_object_get(s, "waarden"), i);
            double h;

            if (k >= ns || !json_is_number(jv))
                continue;
            v = json_number_value(jv);
            h = (v < 0 ? 0 : v) / max * ph;
            html_lit(b, "<rect x=\"");
            html_num(b, gx + pw / (double)n * 0.1 + bw * (double)k, 1);
            html_lit(b, "\" y=\"");
            html_num(b, T + ph - h, 1);
            html_lit(b, "\" width=\"");
            html_num(b, bw * 0.9, 1);
            html_lit(b, "\" height=\"");
            html_num(b, h, 1);
            html_lit(b, "\" fill=\"");
            html_attr(b, bar_fill[k]);
            html_lit(b, "\"><title>");
            html_txt(b, json_string_value(json_array_get(labels, i)));
            html_lit(b, ", ");
            html_txt(b, json_string_value(json_object_get(s, "naam")));
            html_lit(b, ": ");
            chart_format_unit(t, sizeof t, v, unit);
            html_txt(b, t);
            html_lit(b, "</title></rect>");
        }
        html_lit(b, "<text x=\"");
        html_num(b, gx + pw / (double)n / 2, 1);
        html_lit(b, "\" y=\"");
        html_num(b, T + ph + 16, 1);
        html_lit(b, "\" text-anchor=\"middle\" font-size=\"12\" "
                    "fill=\"#000000\">");
        html_txt(b, json_string_value(json_array_get(labels, i)));
        html_lit(b, "</text>");
    }
    html_lit(b, "<line x1=\"");
    html_num(b, L, 1);
    html_lit(b, "\" x2=\"");
    html_num(b, L + pw, 1);
    html_lit(b, "\" y1=\"");
    html_num(b, T + ph, 1);
    html_lit(b, "\" y2=\"");
    html_num(b, T + ph, 1);
    html_lit(b, "\" stroke=\"#000000\" stroke-width=\"1\"/>");
    json_array_foreach(series, k, s) {
        double lx = L + 130.0 * (double)k;

        if (k >= ns)
            break;
        html_lit(b, "<rect x=\"");
        html_num(b, lx, 1);
        html_lit(b, "\" y=\"");
        html_num(b, H - 22, 1);
        html_lit(b, "\" width=\"12\" height=\"12\" fill=\"");
        html_attr(b, bar_fill[k]);
        html_lit(b, "\"/><text x=\"");
        html_num(b, lx + 17, 1);
        html_lit(b, "\" y=\"");
        html_num(b, H - 12, 1);
        html_lit(b, "\" font-size=\"12\" fill=\"#000000\">");
        html_txt(b, json_string_value(json_object_get(s, "naam")));
        html_lit(b, "</text>");
    }
    html_lit(b, "</svg>");
}

static void block_chart(struct req *r, json_t *blk)
{
    const char *shape = json_string_value(json_object_get(blk, "vorm"));
    size_t n = json_array_size(json_object_get(blk, "labels"));

    if (n > UI_EVAL_POINTS)
        n = UI_EVAL_POINTS;
    html_lit(&r->out, "<figure class=\"koers-chart koers-eval-chart\">");
    if (n == 0)
        page_para(r, "Er zijn nog geen gegevens voor deze grafiek.");
    else if (shape && strcmp(shape, "staven") == 0)
        bar_chart(r, blk, n);
    else
        line_chart(r, blk, n);
    html_lit(&r->out, "<figcaption>");
    html_txt(&r->out, json_string_value(json_object_get(blk, "titel")));
    html_lit(&r->out, ". De cijfers staan in de tabel hieronder."
                      "</figcaption></figure>\n");
}

static void block_finding(struct req *r, json_t *blk, int manage)
{
    long long id = json_integer_value(json_object_get(blk, "id"));
    struct buf *b = &r->out;

    html_lit(b, "<article class=\"koers-eval-finding\">");
    page_h3(r, json_string_value(json_object_get(blk, "thema")));
    html_lit(b, "<p class=\"nl-paragraph koers-muted\">Periode ");
    html_txt(b, json_string_value(json_object_get(blk, "van")));
    html_lit(b, " tot en met ");
    html_txt(b, json_string_value(json_object_get(blk, "tot")));
    html_lit(b, "</p>");
    page_text_block(r, json_string_value(json_object_get(blk, "tekst")),
                    EVAL_TEXT_MAX);
    if (manage) {
        html_lit(b, "<div class=\"koers-actions koers-eval-noprint\">"
                    "<a class=\"nl-link\" href=\"/evaluatie/bevindingen/");
        html_int(b, id);
        html_lit(b, "\">Bevinding wijzigen</a> <form method=\"post\" "
                    "class=\"koers-inline\" action=\"/evaluatie/"
                    "bevindingen/");
        html_int(b, id);
        html_lit(b, "/verwijderen\">");
        page_csrf_field(r);
        html_lit(b, "<button class=\"utrecht-button utrecht-button--"
                    "secondary-action\" type=\"submit\">Bevinding "
                    "verwijderen</button></form></div>");
    }
    html_lit(b, "</article>\n");
}

/* The sections of the document; manage adds the finding buttons. */
static void sections(struct req *r, json_t *doc, int manage)
{
    json_t *sec, *blk, *bron;
    size_t i, j;
    char title[256];

    json_array_foreach(json_object_get(doc, "secties"), i, sec) {
        const char *id = json_string_value(json_object_get(sec, "id"));

        html_lit(&r->out, "<section class=\"koers-eval-section\" "
                          "aria-labelledby=\"");
        html_attr(&r->out, id);
        html_lit(&r->out, "\">");
        snprintf(title, sizeof title, "%zu. %s", i + 1,
                 json_string_value(json_object_get(sec, "titel")));
        page_h2_id(r, id, title);
        bron = json_object_get(sec, "bron");
        if (json_is_object(bron))
            page_bron(r, sqljson_str(bron, "sectie"),
                      sqljson_int(bron, "van"), sqljson_int(bron, "tot"));
        json_array_foreach(json_object_get(sec, "blokken"), j, blk) {
            const char *kind = sqljson_str(blk, "soort");

            if (strcmp(kind, "alinea") == 0)
                page_para(r, sqljson_str(blk, "tekst"));
            else if (strcmp(kind, "tabel") == 0)
                block_table(r, blk);
            else if (strcmp(kind, "grafiek") == 0)
                block_chart(r, blk);
            else if (strcmp(kind, "bevinding") == 0)
                block_finding(r, blk, manage);
        }
        if (strcmp(id, "bevindingen") == 0)
            page_para(r, "Er is ruimte voor meer bevindingen: de "
                         "secretaris legt ze hier vast (thema en tekst, "
                         "met de periode waarover ze gaan), en de "
                         "PDF-versie heeft een vak om bevindingen op de "
                         "afgedrukte versie bij te schrijven.");
        html_lit(&r->out, "</section>\n");
    }
}

/* ---- the page ---- */

/* "?van=...&amp;tot=..." for inside a quoted href. */
static void period_query(struct req *r, const struct eval_period *p)
{
    html_lit(&r->out, "?van=");
    html_url_arg(&r->out, p->van);
    html_lit(&r->out, "&amp;tot=");
    html_url_arg(&r->out, p->tot);
}

static void period_form(struct req *r, const struct eval_period *p,
                        const char *err)
{
    html_lit(&r->out, "<form class=\"koers-form koers-eval-noprint\" "
                      "method=\"get\" action=\"/evaluatie\" aria-label=\""
                      "Periode\">");
    page_field_placeholder(r, "van", "Van (JJJJ-MM-DD)", p->van,
                           "JJJJ-MM-DD", err, 1);
    page_field_placeholder(r, "tot", "Tot en met (JJJJ-MM-DD)", p->tot,
                           "JJJJ-MM-DD", NULL, 1);
    page_submit(r, "Evaluatie tonen", 0);
    html_lit(&r->out, "</form>\n");
}

/* The form for a new finding; f is the refusal of a failed attempt. */
static void finding_form(struct req *r, const struct eval_period *p,
                         const struct fault *f)
{
    const char *van = f ? req_field(r, "van") : p->van;
    const char *tot = f ? req_field(r, "tot") : p->tot;

    html_lit(&r->out, "<div class=\"koers-eval-noprint\">");
    page_h3(r, "Bevinding vastleggen");
    if (f)
        page_alert(r, "error", f->msg);
    html_lit(&r->out, "<form class=\"koers-form\" method=\"post\" "
                      "action=\"/evaluatie/bevindingen");
    period_query(r, p);
    html_lit(&r->out, "\" novalidate>");
    page_csrf_field(r);
    page_field_placeholder(r, "bevinding-van", "Periode van (JJJJ-MM-DD)",
                           van, "JJJJ-MM-DD", NULL, 1);
    page_field_placeholder(r, "bevinding-tot", "Periode tot en met "
                           "(JJJJ-MM-DD)", tot, "JJJJ-MM-DD", NULL, 1);
    page_field(r, "thema", "Thema", "text", f ? req_field(r, "thema") : NULL,
               NULL, 1);
    page_field(r, "tekst", "Bevinding", "textarea",
               f ? req_field(r, "tekst") : NULL, NULL, 1);
    page_submit(r, "Bevinding opslaan", 1);
    html_lit(&r->out, "</form></div>\n");
}

/* The whole page for period p; period_err is a refusal of the period
 * (shown at the form, with the default period), f one of a finding. */
static void render(struct req *r, const struct eval_period *p,
                   const char *period_err, const struct fault *f)
{
    struct fault gf = { 0 };
    json_t *ev = evaluation_gather(r->db, p, &gf), *doc;
    int manage = may_manage(r);

    if (ev == NULL) {
        page_error(r, 500, "Interne fout", gf.msg);
        return;
    }
    doc = evaluation_document(ev);
    json_decref(ev);
    if (doc == NULL) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        return;
    }
    page_begin(r, sqljson_str(doc, "titel"), NULL);
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De bevinding is opgeslagen.");
    if (req_query(r, "verwijderd"))
        page_alert(r, "ok", "De bevinding is verwijderd.");
    page_para(r, sqljson_str(doc, "ondertitel"));
    period_form(r, p, period_err);
    html_lit(&r->out, "<p class=\"nl-paragraph koers-eval-noprint\"><a "
                      "class=\"nl-link\" href=\"/evaluatie.pdf");
    period_query(r, p);
    html_lit(&r->out, "\">Download de evaluatie als PDF</a> (A4, met "
                      "grafieken en paginanummers). Deze pagina is ook "
                      "af te drukken: elk hoofdstuk begint op een nieuwe "
                      "pagina.</p>\n");
    sections(r, doc, manage);
    if (manage)
        finding_form(r, p, f);
    page_end(r);
    json_decref(doc);
}

void ui_evaluation(struct req *r)
{
    struct eval_period p;
    struct fault f = { 0 };

    if (evaluation_period(req_query(r, "van"), req_query(r, "tot"), &p,
                          &f) != 0) {
        evaluation_period(NULL, NULL, &p, NULL);
        r->status = 400;
        render(r, &p, f.msg, NULL);
        return;
    }
    render(r, &p, NULL, NULL);
}

void ui_evaluation_pdf(struct req *r)
{
    struct eval_period p;
    struct fault f = { 0 };
    json_t *ev, *doc = NULL;
    char err[256], disp[96];

    if (evaluation_period(req_query(r, "van"), req_query(r, "tot"), &p,
                          &f) != 0) {
        page_error(r, 400, "Ongeldige periode", f.msg);
        return;
    }
    ev = evaluation_gather(r->db, &p, &f);
    if (ev)
        doc = evaluation_document(ev);
    json_decref(ev);
    if (doc == NULL) {
        page_error(r, 500, "Interne fout", f.msg[0] ? f.msg
                   : "Onvoldoende geheugen.");
        return;
    }
    buf_reset(&r->out);
    if (pdf_render(doc, &r->out, err, sizeof err) != 0) {
        json_decref(doc);
        page_error(r, 500, "Interne fout", "De PDF kon niet worden "
                   "gemaakt.");
        return;
    }
    json_decref(doc);
    r->ctype = "application/pdf";
    snprintf(disp, sizeof disp, "inline; filename=\"evaluatie-%s-%s.pdf\"",
             p.van, p.tot);
    resp_header(r, "Content-Disposition", disp);
}

/* ---- findings ---- */

/* The finding fields of the form as the JSON the domain takes; required
 * ones always go in, so an empty one is "verplicht". */
static json_t *finding_input(struct req *r, int partial)
{
    static const char *const map[][2] = { { "bevinding-van", "van" },
        { "bevinding-tot", "tot" }, { "thema", "thema" },
        { "tekst", "tekst" } };
    json_t *in = json_object();
    size_t i;

    for (i = 0; i < 4; i++) {
        const char *v = req_field(r, map[i][0]);

        if (v || !partial)
            json_object_set_new(in, map[i][1], json_string(v ? v : ""));
    }
    return in;
}

/* Back to the page of the period in the query (the default when there is
 * none or it is invalid), with `what` ("opgeslagen=1") and #bevindingen. */
static void back(struct req *r, const char *what)
{
    struct eval_period p;
    char loc[160];

    if (evaluation_period(req_query(r, "van"), req_query(r, "tot"), &p,
                          NULL) != 0)
        evaluation_period(NULL, NULL, &p, NULL);
    snprintf(loc, sizeof loc, "/evaluatie?van=%s&tot=%s&%s#bevindingen",
             p.van, p.tot, what);
    resp_redirect(r, loc);
}

void ui_evaluation_finding_create(struct req *r)
{
    json_t *in = finding_input(r, 0);
    struct fault f = { 0 };
    struct eval_period p;
    long long id;

    id = evaluation_finding_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id > 0) {
        back(r, "opgeslagen=1");
        return;
    }
    if (f.kind == FAULT_FORBIDDEN) {
        page_error(r, 403, "Geen toestemming", f.msg);
        return;
    }
    if (evaluation_period(req_query(r, "van"), req_query(r, "tot"), &p,
                          NULL) != 0)
        evaluation_period(NULL, NULL, &p, NULL);
    r->status = f.kind ? (int)f.kind : 500;
    render(r, &p, NULL, &f);
}

/* The edit page of finding `it`, with the refusal f of an attempt. */
static void edit_page(struct req *r, json_t *it, const struct fault *f)
{
    long long id = sqljson_int(it, "id");
    struct buf *b = &r->out;

    page_begin(r, "Bevinding wijzigen", NULL);
    if (f)
        page_alert(r, "error", f->msg);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" action=\""
                "/evaluatie/bevindingen/");
    html_int(b, id);
    html_lit(b, "\" novalidate>");
    page_csrf_field(r);
    page_field_placeholder(r, "bevinding-van", "Periode van (JJJJ-MM-DD)",
                           f ? req_field(r, "bevinding-van")
                             : sqljson_str(it, "van"), "JJJJ-MM-DD", NULL,
                           1);
    page_field_placeholder(r, "bevinding-tot", "Periode tot en met "
                           "(JJJJ-MM-DD)", f ? req_field(r, "bevinding-tot")
                           : sqljson_str(it, "tot"), "JJJJ-MM-DD", NULL, 1);
    page_field(r, "thema", "Thema", "text", f ? req_field(r, "thema")
               : sqljson_str(it, "thema"), NULL, 1);
    page_field(r, "tekst", "Bevinding", "textarea", f ? req_field(r, "tekst")
               : sqljson_str(it, "tekst"), NULL, 1);
    page_submit(r, "Wijziging opslaan", 1);
    html_lit(b, "</form>\n<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/evaluatie?van=");
    html_url_arg(b, sqljson_str(it, "van"));
    html_lit(b, "&amp;tot=");
    html_url_arg(b, sqljson_str(it, "tot"));
    html_lit(b, "#bevindingen\">Terug naar de evaluatie</a></p>\n");
    page_end(r);
}

void ui_evaluation_finding_edit(struct req *r)
{
    long long id = page_path_id(r, "Deze bevinding bestaat niet.");
    json_t *it;

    if (id < 0)
        return;
    if (!may_manage(r)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                   "bevindingen van de evaluatie wijzigen.");
        return;
    }
    it = evaluation_finding_get(r->db, id);
    if (it == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze bevinding bestaat niet.");
        return;
    }
    edit_page(r, it, NULL);
    json_decref(it);
}

void ui_evaluation_finding_update(struct req *r)
{
    long long id = page_path_id(r, "Deze bevinding bestaat niet.");
    struct fault f = { 0 };
    json_t *in, *it;
    char loc[160];

    if (id < 0)
        return;
    in = finding_input(r, 0);
    if (evaluation_finding_update(r->db, &r->who, id, in, &f) == 0) {
        json_decref(in);
        it = evaluation_finding_get(r->db, id);
        snprintf(loc, sizeof loc, "/evaluatie?van=%s&tot=%s&opgeslagen=1"
                 "#bevindingen", sqljson_str(it, "van"),
                 sqljson_str(it, "tot"));
        json_decref(it);
        resp_redirect(r, loc);
        return;
    }
    json_decref(in);
    if (f.kind == FAULT_FORBIDDEN || f.kind == FAULT_NOTFOUND) {
        page_error(r, (int)f.kind, f.kind == FAULT_FORBIDDEN
                   ? "Geen toestemming" : "Niet gevonden", f.msg);
        return;
    }
    it = evaluation_finding_get(r->db, id);
    if (it == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze bevinding bestaat niet.");
        return;
    }
    r->status = f.kind ? (int)f.kind : 500;
    edit_page(r, it, &f);
    json_decref(it);
}

void ui_evaluation_finding_delete(struct req *r)
{
    long long id = page_path_id(r, "Deze bevinding bestaat niet.");
    struct fault f = { 0 };
    json_t *it;
    char loc[160];

    if (id < 0)
        return;
    it = evaluation_finding_get(r->db, id);
    if (evaluation_finding_delete(r->db, &r->who, id, &f) != 0) {
        json_decref(it);
        page_error(r, f.kind ? (int)f.kind : 500, f.kind == FAULT_FORBIDDEN
                   ? "Geen toestemming" : f.kind == FAULT_NOTFOUND
                   ? "Niet gevonden" : "Interne fout", f.msg);
        return;
    }
    snprintf(loc, sizeof loc, "/evaluatie?van=%s&tot=%s&verwijderd=1"
             "#bevindingen", sqljson_str(it, "van"), sqljson_str(it, "tot"));
    json_decref(it);
    resp_redirect(r, loc);
}

/* ---- the standalone file ---- */

int ui_evaluation_html_file(json_t *doc, struct buf *out)
{
    struct req *r = calloc(1, sizeof *r);
    int rc = -1;

    if (r == NULL)
        return -1;
    r->who.role = ROLE_NONE;
    r->out = *out;
    html_lit(&r->out, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
                      "<meta charset=\"utf-8\">\n<title>");
    html_txt(&r->out, sqljson_str(doc, "titel"));
    html_lit(&r->out, "</title>\n<style>\n"
        "body { font-family: 'DejaVu Sans', Arial, sans-serif; "
        "max-width: 60rem; margin: 2rem auto; padding: 0 1rem; "
        "color: #000; }\n"
        "table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }\n"
        "caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }"
        "\nth, td { border-bottom: 1px solid #bbb; padding: 0.2rem 0.5rem; "
        "text-align: left; vertical-align: top; }\n"
        ".utrecht-table__cell--numeric-column, "
        ".utrecht-table__header-cell--numeric-column { text-align: right; }"
        "\nfigure { margin: 1rem 0; } svg { max-width: 100%; height: auto; }"
        "\n.koers-muted, figcaption { color: #555; }\n"
        "@media print { .koers-eval-section { break-before: page; } "
        "table, figure { break-inside: avoid; } }\n"
        "</style>\n</head>\n<body>\n<main>\n<h1>");
    html_txt(&r->out, sqljson_str(doc, "titel"));
    html_lit(&r->out, "</h1>\n");
    page_para(r, sqljson_str(doc, "ondertitel"));
    sections(r, doc, 0);
    html_lit(&r->out, "</main>\n</body>\n</html>\n");
    if (!buf_failed(&r->out))
        rc = 0;
    *out = r->out;
    free(r);
    return rc;
}
