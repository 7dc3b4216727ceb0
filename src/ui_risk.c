/* ui_risk.c - the risk register pages: /risicos (the register with a
 * likelihood x impact matrix as SVG and as a table, each risk's live
 * signals with since when), /risicos/{nr} (detail, edit form,
 * countermeasures, signal history, and for risk 6 the pressure notes)
 * and /dekking (accounthouders per province, netwerkmanagers per
 * kerngroep, the boegbeeld and secretaris seats, and the gaps).
 *
 * Owns: rendering risk.h and signal.h for people and turning the forms
 * into the same JSON the API takes. Signals are refreshed before every
 * page is rendered; a reader who is not logged in sees them redacted
 * (signal_redact) and no pressure notes or account names. */
#include "buf.h"
#include "html.h"
#include "log.h"
#include "page.h"
#include "perm.h"
#include "risk.h"
#include "signal.h"
#include "sqljson.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATRIX_CELL_W 84
#define MATRIX_CELL_H 56
#define MATRIX_LEFT 64
#define MATRIX_TOP 16

static const char *const status_labels[] = { "Open", "Beheerst",
                                              "Opgetreden", "Gesloten",
                                              NULL };
static const char *const scale_values[] = { "1", "2", "3", "4", "5", NULL };
static const char *const scale_labels[] = { "1 (zeer klein)", "2 (klein)",
    "3 (gemiddeld)", "4 (groot)", "5 (zeer groot)", NULL };

static void refresh(struct req *r)
{
    if (signal_refresh(r->db) != 0)
        log_info("signals not refreshed; showing the stored ones");
}

static const char *status_label(const char *s)
{
    size_t i;

    for (i = 0; risk_statuses[i]; i++)
        if (strcmp(s, risk_statuses[i]) == 0)
            return status_labels[i];
    return s;
}

/* The band of a score kans x impact, in words (the colour's meaning). */
static const char *band(long long score)
{
    return score >= 15 ? "zeer hoog" : score >= 10 ? "hoog"
         : score >= 5 ? "midden" : "laag";
}

static const char *band_fill(long long score)
{
    return score >= 15 ? "#f4c7c3" : score >= 10 ? "#fbd9b5"
         : score >= 5 ? "#fdf1b8" : "#d4ecd5";
}

static const char *kind_label(const char *kind)
{
    static const char *const map[][2] = {
        { "inzet-daalt", "Opkomst daalt structureel" },
        { "gremium-overlap", "Nieuw of gewijzigd gremium overlapt" },
        { "knelpunt-stil", "Knelpunt ligt te lang bij een tafel" },
        { "netwerkmanager-vacant", "Kerngroep zonder netwerkmanager" },
        { "druk-kerngroep", "Druk op de samenstelling van een kerngroep" },
        { "dekking-accounthouder", "Provincie zonder accounthouder" },
        { "zetel-onbezet", "Zetel onbezet" },
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(kind, map[i][0]) == 0)
            return map[i][1];
    return kind;
}

static void redact(struct req *r, json_t *k)
{
    if (req_logged_in(r))
        return;
    signal_redact(r->db, json_object_get(k, "signalen"));
    signal_redact(r->db, json_object_get(k, "signaalhistorie"));
}

/* The signals of a list as a definition-like list: kind, since, message. */
static void signal_items(struct req *r, json_t *sig)
{
    struct buf *b = &r->out;
    json_t *s;
    size_t i;

    html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(sig, i, s) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><strong>");
        html_txt(b, kind_label(sqljson_str(s, "soort")));
        html_lit(b, "</strong>, sinds ");
        page_date_long(r, sqljson_str(s, "sinds"));
        html_lit(b, ": ");
        html_txt(b, sqljson_str(s, "melding"));
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>\n");
}

/* The likelihood x impact matrix: a 5 x 5 grid, impact upwards, with the
 * number of each risk in its cell. */
static void matrix(struct req *r, json_t *risks)
{
    struct buf *b = &r->out;
    int counts[6][6] = { { 0 } };
    int k, i;
    size_t n;
    json_t *x;
    int w = MATRIX_LEFT + 5 * MATRIX_CELL_W + 8;
    int h = MATRIX_TOP + 5 * MATRIX_CELL_H + 48;

    html_lit(b, "<figure class=\"koers-chart\"><svg xmlns=\"http://www.w3.org"
                "/2000/svg\" role=\"img\" class=\"koers-chart__svg\" "
                "aria-labelledby=\"matrix-titel matrix-uitleg\" "
                "viewBox=\"0 0 ");
    html_int(b, w);
    html_lit(b, " ");
    html_int(b, h);
    html_lit(b, "\" width=\"");
    html_int(b, w);
    html_lit(b, "\" height=\"");
    html_int(b, h);
    html_lit(b, "\"><title id=\"matrix-titel\">Risicomatrix: kans maal "
                "impact</title><desc id=\"matrix-uitleg\">");
    json_array_foreach(risks, n, x) {
        html_lit(b, "Risico ");
        html_int(b, sqljson_int(x, "nummer"));
        html_lit(b, ": kans ");
        html_int(b, sqljson_int(x, "kans"));
        html_lit(b, ", impact ");
        html_int(b, sqljson_int(x, "impact"));
        html_lit(b, ". ");
    }
    html_lit(b, "</desc><g font-size=\"12\" font-family=\"sans-serif\">");
    for (k = 1; k <= 5; k++) {          /* likelihood, left to right */
        for (i = 1; i <= 5; i++) {      /* impact, bottom to top */
            html_lit(b, "<rect x=\"");
            html_int(b, MATRIX_LEFT + (k - 1) * MATRIX_CELL_W);
            html_lit(b, "\" y=\"");
            html_int(b, MATRIX_TOP + (5 - i) * MATRIX_CELL_H);
            html_lit(b, "\" width=\"");
            html_int(b, MATRIX_CELL_W);
            html_lit(b, "\" height=\"");
            html_int(b, MATRIX_CELL_H);
            html_lit(b, "\" fill=\"");
            html_attr(b, band_fill((long long)k * i));
            html_lit(b, "\" stroke=\"#555\"/>");
        }
        html_lit(b, "<text x=\"");
        html_int(b, MATRIX_LEFT + (k - 1) * MATRIX_CELL_W + MATRIX_CELL_W / 2);
        html_lit(b, "\" y=\"");
        html_int(b, MATRIX_TOP + 5 * MATRIX_CELL_H + 16);
        html_lit(b, "\" text-anchor=\"middle\">");
        html_int(b, k);
        html_lit(b, "</text><text x=\"");
        html_int(b, MATRIX_LEFT - 10);
        html_lit(b, "\" y=\"");
        html_int(b, MATRIX_TOP + (5 - k) * MATRIX_CELL_H + MATRIX_CELL_H / 2
                    + 4);
        html_lit(b, "\" text-anchor=\"end\">");
        html_int(b, k);
        html_lit(b, "</text>");
    }
    html_lit(b, "<text x=\"");
    html_int(b, MATRIX_LEFT + 5 * MATRIX_CELL_W / 2);
    html_lit(b, "\" y=\"");
    html_int(b, MATRIX_TOP + 5 * MATRIX_CELL_H + 36);
    html_lit(b, "\" text-anchor=\"middle\">Kans</text><text x=\"14\" y=\"");
    html_int(b, MATRIX_TOP + 5 * MATRIX_CELL_H / 2);
    html_lit(b, "\" text-anchor=\"middle\" transform=\"rotate(-90 14 ");
    html_int(b, MATRIX_TOP + 5 * MATRIX_CELL_H / 2);
    html_lit(b, ")\">Impact</text>");
    json_array_foreach(risks, n, x) {
        int kans = (int)sqljson_int(x, "kans"), imp = (int)sqljson_int(x,
                                                                  "impact");
        int slot, cx, cy;

        if (kans < 1 || kans > 5 || imp < 1 || imp > 5)
            continue;
        slot = counts[kans][imp]++;
        cx = MATRIX_LEFT + (kans - 1) * MATRIX_CELL_W + 14 + (slot % 4) * 19;
        cy = MATRIX_TOP + (5 - imp) * MATRIX_CELL_H + 16 + (slot / 4) * 22;
        html_lit(b, "<circle cx=\"");
        html_int(b, cx);
        html_lit(b, "\" cy=\"");
        html_int(b, cy);
        html_lit(b, "\" r=\"9\" fill=\"#fff\" stroke=\"#000\"/><text x=\"");
        html_int(b, cx);
        html_lit(b, "\" y=\"");
        html_int(b, cy + 4);
        html_lit(b, "\" text-anchor=\"middle\">");
        html_int(b, sqljson_int(x, "nummer"));
        html_lit(b, "</text>");
    }
    html_lit(b, "</g></svg><figcaption>Elk risico staat als nummer in het "
                "vak van zijn kans (1 tot 5, naar rechts) en impact (1 tot "
                "5, naar boven). De kleur geeft de score kans maal impact: "
                "groen laag (1-4), geel midden (5-9), oranje hoog (10-14), "
                "rood zeer hoog (15-25); de tabel noemt dezelfde "
                "gegevens.</figcaption></figure>\n");
}

void ui_risk_register(struct req *r)
{
    static const char *const cols[] = { "#Nr", "Risico", "Eigenaar", "#Kans",
        "#Impact", "#Score", "Status", "#Open signalen", NULL };
    struct buf *b = &r->out;
    json_t *risks, *k;
    size_t i;

    refresh(r);
    risks = risk_list(r->db);
    if (risks == NULL) {
        page_error(r, 500, "Interne fout", "De risico's konden niet worden "
                   "gelezen.");
        return;
    }
    page_begin(r, "Risico's van de governance", "/risicos");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport noemt in figuur 11 ");
    html_int(b, (long long)json_array_size(risks));
    html_lit(b, " risico's van de voorgestelde governance en geeft daar "
                "tegenmaatregelen bij. Koers houdt per risico de eigenaar, "
                "de kans, de impact en de status bij, en koppelt er signalen "
                "aan die uit de gegevens volgen: dalende opkomst, knelpunten "
                "die te lang bij een tafel liggen, een overlappend gremium, "
                "druk op de samenstelling van een kerngroep en gaten in de "
                "bezetting (zie <a class=\"nl-link\" href=\"/dekking\">"
                "dekking</a>).</p>\n");
    page_bron(r, "5.7 Risico's governance", 2141, 2191);
    page_h2(r, "Risicomatrix");
    matrix(r, risks);
    page_table_open(r, "risico-tabel", "Het risicoregister", cols);
    json_array_foreach(risks, i, k) {
        long long score = sqljson_int(k, "score");
        char label[32];

        html_lit(b, "<tr>");
        page_td_num(r, sqljson_int(k, "nummer"));
        page_td_open(r);
        page_id_link(r, "/risicos/", sqljson_int(k, "nummer"),
                     sqljson_str(k, "titel"));
        html_lit(b, "</td>");
        page_td(r, k, "eigenaar");
        page_td_num(r, sqljson_int(k, "kans"));
        page_td_num(r, sqljson_int(k, "impact"));
        snprintf(label, sizeof label, "%lld (%s)", score, band(score));
        html_lit(b, "<td class=\"koers-num\">");
        html_txt(b, label);
        html_lit(b, "</td><td>");
        html_txt(b, status_label(sqljson_str(k, "status")));
        html_lit(b, "</td>");
        page_td_num(r, (long long)json_array_size(json_object_get(k,
                                                                 "signalen")));
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
    page_h2(r, "Signalen per risico");
    json_array_foreach(risks, i, k) {
        json_t *sig = json_object_get(k, "signalen");
        char title[300];

        redact(r, k);
        snprintf(title, sizeof title, "Risico %lld: %s",
                 sqljson_int(k, "nummer"), sqljson_str(k, "titel"));
        page_h3(r, title);
        if (json_array_size(sig) == 0)
            page_para(r, "Geen open signalen.");
        else
            signal_items(r, sig);
    }
    page_end(r);
    json_decref(risks);
}

/* ---- the detail page ---- */

static void edit_form(struct req *r, json_t *k, const char *err)
{
    struct buf *b = &r->out;
    int form = err != NULL;
    char kans[8], imp[8];

    snprintf(kans, sizeof kans, "%lld", sqljson_int(k, "kans"));
    snprintf(imp, sizeof imp, "%lld", sqljson_int(k, "impact"));
    page_h2_id(r, "bijwerken", "Bijwerken");
    if (err)
        page_alert(r, "error", err);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/risicos/");
    html_int(b, sqljson_int(k, "nummer"));
    html_lit(b, "\">");
    page_csrf_field(r);
    page_field(r, "eigenaar", "Eigenaar", "text",
               form ? req_field(r, "eigenaar") : sqljson_str(k, "eigenaar"),
               NULL, 0);
    page_select(r, "kans", "Kans", scale_values, scale_labels,
                form ? req_field(r, "kans") : kans, NULL, NULL);
    page_select(r, "impact", "Impact", scale_values, scale_labels,
                form ? req_field(r, "impact") : imp, NULL, NULL);
    page_select(r, "status", "Status", risk_statuses, status_labels,
                form ? req_field(r, "status") : sqljson_str(k, "status"),
                NULL, NULL);
    page_submit(r, "Opslaan", 1);
    html_lit(b, "</form>\n");
}

/* A textarea with its own id (several forms share the field name). */
static void text_area(struct req *r, const char *id, const char *label,
                      const char *value)
{
    struct buf *b = &r->out;

    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\""
                "utrecht-form-field__label\"><label class=\"utrecht-form-"
                "label\" for=\"");
    html_attr(b, id);
    html_lit(b, "\">");
    html_txt(b, label);
    html_lit(b, "</label></div><div class=\"utrecht-form-field__input\">"
                "<textarea class=\"utrecht-textarea utrecht-textarea--html-"
                "textarea\" rows=\"4\" required id=\"");
    html_attr(b, id);
    html_lit(b, "\" name=\"tekst\">");
    html_txt(b, value ? value : "");
    html_lit(b, "</textarea></div></div>\n");
}

static void measures(struct req *r, json_t *k, int may)
{
    struct buf *b = &r->out;
    json_t *ms = json_object_get(k, "maatregelen"), *m;
    long long nr = sqljson_int(k, "nummer");
    size_t i;

    page_h2_id(r, "maatregelen", "Tegenmaatregelen");
    if (json_array_size(ms) == 0)
        page_para(r, "Er is nog geen tegenmaatregel vastgelegd.");
    else if (!may)
        page_text_list(r, ms, "tekst");
    json_array_foreach(ms, i, m) {
        char id[48], label[64];

        if (!may)
            break;
        snprintf(id, sizeof id, "maatregel-%lld", sqljson_int(m, "id"));
        snprintf(label, sizeof label, "Tegenmaatregel %zu", i + 1);
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/risicos/");
        html_int(b, nr);
        html_lit(b, "/maatregelen/");
        html_int(b, sqljson_int(m, "id"));
        html_lit(b, "\">");
        page_csrf_field(r);
        text_area(r, id, label, sqljson_str(m, "tekst"));
        page_submit(r, "Tekst opslaan", 0);
        html_lit(b, "</form>\n");
    }
    if (may) {
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/risicos/");
        html_int(b, nr);
        html_lit(b, "/maatregelen\">");
        page_csrf_field(r);
        text_area(r, "maatregel-nieuw", "Nieuwe tegenmaatregel", NULL);
        page_submit(r, "Tegenmaatregel toevoegen", 1);
        html_lit(b, "</form>\n");
    }
}

static void history(struct req *r, json_t *k)
{
    static const char *const cols[] = { "Signaal", "Melding", "Sinds",
                                         "Opgeheven", NULL };
    struct buf *b = &r->out;
    json_t *h = json_object_get(k, "signaalhistorie"), *s;
    size_t i;

    page_h2_id(r, "historie", "Signaalhistorie");
    if (json_array_size(h) == 0) {
        page_para(r, "Dit risico heeft nog geen signalen gehad.");
        return;
    }
    page_table_open(r, "historie-tabel", "Alle signalen van dit risico, "
                    "open eerst", cols);
    json_array_foreach(h, i, s) {
        html_lit(b, "<tr><td>");
        html_txt(b, kind_label(sqljson_str(s, "soort")));
        html_lit(b, "</td><td>");
        html_txt(b, sqljson_str(s, "melding"));
        html_lit(b, "</td><td>");
        page_date_long(r, sqljson_str(s, "sinds"));
        html_lit(b, "</td><td>");
        if (sqljson_int(s, "open"))
            html_lit(b, "nog open");
        else
            page_date_long(r, sqljson_str(s, "opgeheven"));
        html_lit(b, "</td></tr>\n");
    }
    page_table_close(r);
}

/* Risk 6: the pressure notes and the form to record one. */
static void pressure(struct req *r, int may, const char *err)
{
    static const char *const cols[] = { "Kerngroep", "Melding",
        "Vastgelegd", "Status", NULL };
    struct buf *b = &r->out;
    json_t *notes = risk_pressure_list(r->db, 0), *kg, *n;
    struct page_choices c = { 0 };
    size_t i;

    page_h2_id(r, "druk", "Druk op de samenstelling van kerngroepen");
    page_para(r, "De secretaris legt druk van buiten vast op wie deelneemt "
                 "aan een kerngroep, zodat de positie van de "
                 "netwerkmanagers bewaakt wordt en zo nodig geëscaleerd "
                 "kan worden (tegenmaatregel risico 6).");
    if (json_array_size(notes) == 0) {
        page_para(r, "Er zijn geen drukmeldingen vastgelegd.");
    } else {
        page_table_open(r, "druk-tabel", "Drukmeldingen, nieuwste eerst",
                        cols);
        json_array_foreach(notes, i, n) {
            json_t *o = json_object_get(n, "overleg");

            html_lit(b, "<tr><td>");
            html_txt(b, sqljson_str(o, "naam"));
            html_lit(b, "</td><td>");
            html_txt(b, sqljson_str(n, "melding"));
            html_lit(b, "</td><td>");
            page_date_long(r, sqljson_str(n, "vastgelegd"));
            html_lit(b, "</td><td>");
            if (sqljson_int(n, "open")) {
                html_lit(b, "open");
                if (may) {
                    html_lit(b, "<form method=\"post\" action=\""
                                "/drukmeldingen/");
                    html_int(b, sqljson_int(n, "id"));
                    html_lit(b, "\">");
                    page_csrf_field(r);
                    html_lit(b, "<input type=\"hidden\" name=\"status\" "
                                "value=\"opgelost\"><button class=\""
                                "utrecht-button utrecht-button--secondary-"
                                "action\" type=\"submit\">Opgelost <span "
                                "class=\"koers-visually-hidden\">(melding ");
                    html_int(b, sqljson_int(n, "id"));
                    html_lit(b, ")</span></button></form>");
                }
            } else {
                html_lit(b, "opgelost op ");
                page_date_long(r, sqljson_str(n, "opgelost"));
            }
            html_lit(b, "</td></tr>\n");
        }
        page_table_close(r);
    }
    kg = risk_kerngroepen(r->db);
    if (may && kg && page_choices_from(&c, kg, "code", "naam", 0, 0) == 0) {
        page_h3(r, "Druk vastleggen");
        if (err)
            page_alert(r, "error", err);
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/drukmeldingen\">");
        page_csrf_field(r);
        page_select(r, "overleg", "Kerngroep", c.v, c.l,
                    err ? req_field(r, "overleg") : NULL, NULL, NULL);
        page_field(r, "melding", "Melding: wie oefent welke druk uit op de "
                   "samenstelling", "textarea",
                   err ? req_field(r, "melding") : NULL, NULL, 1);
        page_submit(r, "Vastleggen", 1);
        html_lit(b, "</form>\n");
    }
    page_choices_free(&c);
    json_decref(kg);
    json_decref(notes);
}

static void risk_page(struct req *r, long long nr, const char *err,
                      const char *pressure_err)
{
    struct buf *b = &r->out;
    json_t *k;
    char title[300];
    int may = req_logged_in(r) &&
              perm_allowed(r->who.role, r->who.scope, ACT_RISICO_BEHEREN,
                           NULL);
    long long score;

    if (err == NULL && pressure_err == NULL)
        refresh(r);
    k = risk_get(r->db, nr);
    if (k == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit risico bestaat niet; figuur "
                   "11 noemt de risico's 1 tot en met 9.");
        return;
    }
    redact(r, k);
    score = sqljson_int(k, "score");
    snprintf(title, sizeof title, "Risico %lld: %s", nr,
             sqljson_str(k, "titel"));
    page_begin(r, title, "/risicos");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "De wijziging is vastgelegd.");
    page_para(r, sqljson_str(k, "omschrijving"));
    page_bron_json(r, k, "bron");
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Eigenaar", sqljson_str(k, "eigenaar")[0]
                 ? sqljson_str(k, "eigenaar") : "nog niet vastgelegd");
    html_lit(b, "<dt>Kans en impact</dt><dd>kans ");
    html_int(b, sqljson_int(k, "kans"));
    html_lit(b, ", impact ");
    html_int(b, sqljson_int(k, "impact"));
    html_lit(b, ": score ");
    html_int(b, score);
    html_lit(b, " (");
    html_txt(b, band(score));
    html_lit(b, ")</dd>");
    page_dl_item(r, "Status", status_label(sqljson_str(k, "status")));
    html_lit(b, "<dt>Bijgewerkt</dt><dd>");
    page_date_long(r, sqljson_str(k, "bijgewerkt"));
    html_lit(b, "</dd></dl>\n");
    page_h2_id(r, "signalen", "Open signalen");
    if (json_array_size(json_object_get(k, "signalen")) == 0)
        page_para(r, "Geen open signalen.");
    else
        signal_items(r, json_object_get(k, "signalen"));
    measures(r, k, may);
    if (nr == 6 && req_logged_in(r))
        pressure(r, may, pressure_err);
    history(r, k);
    if (may)
        edit_form(r, k, err);
    else if (err)
        page_alert(r, "error", err);
    page_end(r);
    json_decref(k);
}

static long long path_nr(struct req *r)
{
    long long nr = page_parse_id(r->param[0]);

    if (nr < 0 || nr > 999) {
        page_error(r, 404, "Niet gevonden", "Dit risico bestaat niet.");
        return -1;
    }
    return nr;
}

void ui_risk(struct req *r)
{
    long long nr = path_nr(r);

    if (nr > 0)
        risk_page(r, nr, NULL, NULL);
}

static const char *refusal(struct req *r, const struct fault *f)
{
    r->status = f->kind ? (int)f->kind : 500;
    return f->msg[0] ? f->msg : "Opslaan is mislukt.";
}

/* The answer to a form on risk nr's page: on success (ok) back to the
 * page at `query`; an unknown target is a 404; any other refusal shows
 * the page again with the message at the form (at the pressure notes
 * when `at_pressure`). Frees in. */
static void form_answer(struct req *r, long long nr, int ok,
                        const struct fault *f, const char *query,
                        int at_pressure, json_t *in)
{
    if (ok)
        page_redirect_id(r, "/risicos/", nr, query);
    else if (f->kind == FAULT_NOTFOUND)
        page_error(r, 404, "Niet gevonden", f->msg);
    else if (at_pressure)
        risk_page(r, nr, NULL, refusal(r, f));
    else
        risk_page(r, nr, refusal(r, f), NULL);
    json_decref(in);
}

/* Form value v as an integer member (a bad value stays text, so that
 * input_check names the field). */
static void set_int(json_t *in, const char *key, const char *v)
{
    char *end;
    long n;

    if (v == NULL || v[0] == '\0')
        return;
    n = strtol(v, &end, 10);
    if (*end == '\0' && n >= 0 && n < 1000)
        json_object_set_new(in, key, json_integer(n));
    else
        json_object_set_new(in, key, json_string(v));
}

void ui_risk_update(struct req *r)
{
    long long nr = path_nr(r);
    struct fault f = { 0 };
    const char *owner;
    json_t *in;

    if (nr < 0)
        return;
    in = json_object();
    owner = req_field(r, "eigenaar");
    json_object_set_new(in, "eigenaar", json_string(owner ? owner : ""));
    set_int(in, "kans", req_field(r, "kans"));
    set_int(in, "impact", req_field(r, "impact"));
    page_set_text(in, "status", req_field(r, "status"));
    form_answer(r, nr,
                risk_update(r->db, &r->who, nr, in, &f) == 0,
                &f, "?opgeslagen=1", 0, in);
}

void ui_risk_measure_add(struct req *r)
{
    long long nr = path_nr(r);
    struct fault f = { 0 };
    json_t *in;

    if (nr < 0)
        return;
    in = json_object();
    page_set_text(in, "tekst", req_field(r, "tekst"));
    form_answer(r, nr,
                risk_measure_add(r->db, &r->who, nr, in, &f) >= 0,
                &f, "?opgeslagen=1#maatregelen", 0, in);
}

void ui_risk_measure_update(struct req *r)
{
    long long nr = path_nr(r), id;
    struct fault f = { 0 };
    json_t *in;

    if (nr < 0)
        return;
    id = page_parse_id(r->param[1]);
    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze tegenmaatregel bestaat "
                   "niet.");
        return;
    }
    in = json_object();
    page_set_text(in, "tekst", req_field(r, "tekst"));
    form_answer(r, nr,
                risk_measure_update(r->db, &r->who, nr, id, in, &f) == 0,
                &f, "?opgeslagen=1#maatregelen", 0, in);
}

void ui_pressure_add(struct req *r)
{
    struct fault f = { 0 };
    json_t *in = json_object();

    page_set_text(in, "overleg", req_field(r, "overleg"));
    page_set_text(in, "melding", req_field(r, "melding"));
    form_answer(r, 6,
                risk_pressure_add(r->db, &r->who, in, &f) >= 0,
                &f, "?opgeslagen=1#druk", 1, in);
}

void ui_pressure_update(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    struct fault f = { 0 };
    json_t *in;

    if (id < 0) {
        page_error(r, 404, "Niet gevonden", "Deze drukmelding bestaat niet.");
        return;
    }
    in = json_object();
    page_set_text(in, "status", req_field(r, "status"));
    form_answer(r, 6,
                risk_pressure_update(r->db, &r->who, id, in, &f) == 0,
                &f, "?opgeslagen=1#druk", 1, in);
}

/* ---- coverage ---- */

static void holder_cell(struct req *r, json_t *o)
{
    struct buf *b = &r->out;
    json_t *h = json_object_get(o, "houders"), *x;
    size_t i;

    html_lit(b, "<td>");
    if (!sqljson_int(o, "aantal")) {
        html_lit(b, "<strong>geen</strong> (gat)");
    } else if (h == NULL) {
        html_int(b, sqljson_int(o, "aantal"));
        html_lit(b, " (namen na inloggen)");
    } else {
        json_array_foreach(h, i, x) {
            if (i)
                html_lit(b, ", ");
            html_txt(b, json_string_value(x));
        }
    }
    html_lit(b, "</td>");
}

static void coverage_table(struct req *r, json_t *list, const char *id,
                           const char *caption, const char *what,
                           const char *who, const char *key)
{
    const char *cols[] = { what, who, NULL };
    struct buf *b = &r->out;
    json_t *o;
    size_t i;

    page_table_open(r, id, caption, cols);
    json_array_foreach(list, i, o) {
        html_lit(b, "<tr>");
        page_th_row_open(r);
        html_txt(b, sqljson_str(o, key));
        html_lit(b, "</th>");
        holder_cell(r, o);
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);
}

void ui_coverage(struct req *r)
{
    json_t *c, *sig;
    long long gaps;

    refresh(r);
    c = risk_coverage(r->db, req_logged_in(r));
    if (c == NULL) {
        page_error(r, 500, "Interne fout", "De dekking kon niet worden "
                   "gelezen.");
        return;
    }
    sig = json_object_get(c, "signalen");
    gaps = (long long)json_array_size(sig);
    page_begin(r, "Dekking van de governance", "/risicos");
    page_para(r, "Het rapport beveelt minimaal één accounthouder van PTvT "
                 "per provincie aan, elke kerngroep wordt ondersteund door "
                 "een netwerkmanager, en het boegbeeld en de secretaris "
                 "dragen de governance. Een gat is een signaal bij risico 8 "
                 "(netwerksturingscompetenties onvoldoende aanwezig).");
    page_bron(r, "5.4.6 Regionale uitvoering", 1931, 1936);
    page_h2_id(r, "gaten", "Gaten");
    if (gaps == 0)
        page_para(r, "Er zijn geen gaten: alles is bezet.");
    else
        signal_items(r, sig);
    page_h2_id(r, "provincies", "Accounthouders per provincie");
    coverage_table(r, json_object_get(c, "provincies"), "provincie-tabel",
                   "Accounthouders van PTvT per provincie", "Provincie",
                   "Accounthouders", "naam");
    page_h2_id(r, "kerngroepen", "Netwerkmanagers per kerngroep");
    coverage_table(r, json_object_get(c, "kerngroepen"), "kerngroep-tabel",
                   "Netwerkmanager per kerngroep", "Kerngroep",
                   "Netwerkmanagers", "naam");
    page_bron(r, "5.4.1 Afstemming", 1638, 1641);
    page_h2_id(r, "zetels", "Boegbeeld en secretaris");
    coverage_table(r, json_object_get(c, "zetels"), "zetel-tabel",
                   "Bezetting van boegbeeld en secretaris", "Rol",
                   "Bezet door", "naam");
    page_para(r, "Een rol telt als bezet wanneer er een actief account met "
                 "die rol is (en voor een netwerkmanager of accounthouder: "
                 "met de kerngroep of provincie als scope).");
    page_end(r);
    json_decref(c);
}
