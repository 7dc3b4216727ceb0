/* ui_initiative.c - the pages of the register of regional initiatives
 * (lerende aanpak, report L1965-L1970): the list with its filters and
 * the search for similar initiatives, the form for a new initiative, and
 * one initiative with the similar initiatives elsewhere.
 *
 * Owns: turning the form into the JSON input the API takes, so that
 * validation and the permission stay the domain's (initiative.h); the
 * explanation of the similarity score in words; the redirect after
 * saving. All markup goes through html.h and page.h. */
#include "ui.h"
#include "governance.h"
#include "html.h"
#include "initiative.h"
#include "page.h"
#include "sqljson.h"
#include "text.h"
#include "textsim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_PAGE_SIZE 25
#define UI_SEARCH_MAX 2000     /* characters of a search text in the URL */
#define BRON_SECTIE "5.4.6 Regionale uitvoering (Lerende aanpak)"
#define BRON_VAN 1965
#define BRON_TOT 1970

static int may_manage(struct req *r)
{
    return req_logged_in(r) &&
           perm_allowed(r->who.role, r->who.scope, ACT_INITIATIEF_BEHEREN,
                        NULL);
}

/* "Gelderland (PV25)" from a {code, naam} member, or a dash. */
static void region_text(struct req *r, json_t *o)
{
    json_t *reg = json_object_get(o, "regio");

    if (!json_is_object(reg)) {
        html_lit(&r->out, "–");
        return;
    }
    html_txt(&r->out, sqljson_str(reg, "naam"));
    html_lit(&r->out, " <span class=\"koers-muted\">(");
    html_txt(&r->out, sqljson_str(reg, "code"));
    html_lit(&r->out, ")</span>");
}

static const char *pillar_code(json_t *o)
{
    return sqljson_str(json_object_get(o, "pijler"), "code");
}

/* How the score is computed, in words (the formula of initiative.h). */
static void explanation(struct req *r)
{
    struct buf *b = &r->out;

    html_lit(b, "<h3 class=\"nl-heading nl-heading--level-3\">Hoe de score "
                "wordt berekend</h3>\n");
    page_para(r, "Koers vergelijkt de woorden van de titel (die dubbel "
                 "telt), het thema en de omschrijving. Woorden worden eerst "
                 "gelijk gemaakt: kleine letters, accenten weg (é wordt e), "
                 "veelvoorkomende woorden als de, het, een, en, van en voor "
                 "tellen niet mee, en meervouden en vervoegingen worden "
                 "teruggebracht tot hun stam (opleidingen en opleiding "
                 "tellen als hetzelfde woord).");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">"
                "<li class=\"utrecht-unordered-list__item\">Een woord weegt "
                "zwaarder naarmate het vaker in het initiatief staat en in "
                "minder andere initiatieven voorkomt: gewicht = aantal keer "
                "× ln(1 + N / df), met N het aantal initiatieven in het "
                "register en df het aantal initiatieven met dat woord.</li>"
                "<li class=\"utrecht-unordered-list__item\">Woorden die in "
                "meer dan ");
    html_int(b, TEXTSIM_SKIP_PERCENT);
    html_lit(b, "% van de nieuwste ");
    html_int(b, INITIATIVE_SKIP_SAMPLE);
    html_lit(b, " initiatieven staan, tellen niet mee zodra het register "
                "er ");
    html_int(b, TEXTSIM_SKIP_MIN_N);
    html_lit(b, " heeft: ze zeggen weinig over wat een initiatief "
                "bijzonder maakt.</li>"
                "<li class=\"utrecht-unordered-list__item\">De score is de "
                "cosinus van de twee woordenlijsten met hun gewichten: de som "
                "over de gedeelde woorden van gewicht hier × gewicht daar, "
                "gedeeld door de lengte van beide lijsten. 100% betekent "
                "dezelfde woorden in dezelfde verhouding, 0% geen enkel "
                "gedeeld woord.</li>"
                "<li class=\"utrecht-unordered-list__item\">Bij elk "
                "initiatief staan de woorden met het grootste aandeel in de "
                "score. Initiatieven onder ");
    html_int(b, (long long)(INITIATIVE_MIN_SCORE * 100 + 0.5));
    html_lit(b, "% worden niet getoond.</li></ul>\n");
}

/* The matching words of one suggestion: "woord (12%), ...". */
static void why_cell(struct req *r, json_t *hit)
{
    json_t *why = json_object_get(hit, "waarom"), *w;
    size_t i;

    page_td_open(r);
    if (json_array_size(why) == 0)
        html_lit(&r->out, "–");
    json_array_foreach(why, i, w) {
        if (i > 0)
            html_lit(&r->out, ", ");
        html_txt(&r->out, sqljson_str(w, "woord"));
        html_lit(&r->out, " <span class=\"koers-muted\">(");
        html_int(&r->out, (long long)(json_real_value(
                     json_object_get(w, "bijdrage")) * 100 + 0.5));
        html_lit(&r->out, "%)</span>");
    }
    html_lit(&r->out, "</td>");
}

/* A table of suggestions (initiative_similar), or a paragraph saying
 * there are none. */
static void similar_table(struct req *r, const char *id, const char *caption,
                          json_t *hits, const char *none)
{
    static const char *const cols[] = { "Initiatief", "Regio", "#Score",
        "Woorden die overeenkomen (aandeel in de score)", NULL };
    json_t *h;
    size_t i;

    if (json_array_size(hits) == 0) {
        page_para(r, none);
        return;
    }
    page_table_open(r, id, caption, cols);
    json_array_foreach(hits, i, h) {
        html_lit(&r->out, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/initiatieven/", sqljson_int(h, "id"),
                     sqljson_str(h, "titel"));
        html_lit(&r->out, "</th>");
        page_td_open(r);
        region_text(r, h);
        html_lit(&r->out, "</td>");
        page_td_pct(r, json_real_value(json_object_get(h, "score")) * 100);
        why_cell(r, h);
        html_lit(&r->out, "</tr>");
    }
    page_table_close(r);
}

/* ---- the list ---- */

/* /initiatieven?... with the filters, the search text and page `page`
 * (0: none), for inside a quoted href. */
static void list_href(struct req *r, const void *ctx, long long page)
{
    const struct initiative_filter *flt = ctx;
    struct buf *b = &r->out;
    char sep = '?';

    html_lit(b, "/initiatieven");
    if (flt->regio) {
        html_lit(b, "?regio=");
        html_url_arg(b, flt->regio);
        sep = '&';
    }
    if (flt->pijler) {
        html_lit(b, sep == '?' ? "?pijler=" : "&amp;pijler=");
        html_url_arg(b, flt->pijler);
        sep = '&';
    }
    if (flt->thema) {
        html_lit(b, sep == '?' ? "?thema=" : "&amp;thema=");
        html_url_arg(b, flt->thema);
        sep = '&';
    }
    if (page > 0) {
        html_lit(b, sep == '?' ? "?pagina=" : "&amp;pagina=");
        html_int(b, page);
    }
}

static void list_table(struct req *r, json_t *items, long long total,
                       long long page, long long pages)
{
    static const char *const cols[] = { "Titel", "Regio", "Pijler",
        "Thema", "Vastgelegd", NULL };
    char caption[160];
    json_t *it;
    size_t i;

    if (total == 0) {
        page_para(r, "Geen initiatieven gevonden voor deze keuze.");
        return;
    }
    snprintf(caption, sizeof caption, "Initiatieven: %lld gevonden, pagina "
             "%lld van %lld", total, page, pages);
    page_table_open(r, "initiatieven", caption, cols);
    json_array_foreach(items, i, it) {
        html_lit(&r->out, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/initiatieven/", sqljson_int(it, "id"),
                     sqljson_str(it, "titel"));
        html_lit(&r->out, "</th>");
        page_td_open(r);
        region_text(r, it);
        html_lit(&r->out, "</td>");
        page_td_open(r);
        html_txt(&r->out, pillar_code(it)[0] ? pillar_code(it) : "–");
        html_lit(&r->out, "</td>");
        page_td(r, it, "thema");
        page_td_open(r);
        page_date_long(r, sqljson_str(it, "aangemaakt"));
        html_lit(&r->out, "</td></tr>");
    }
    page_table_close(r);
}

/* The search for similar initiatives: the form, and with a text its
 * results (or why there are none). */
static void search_section(struct req *r, const char *text)
{
    struct fault f = { 0 };
    json_t *hits = NULL;
    const char *err = NULL;

    if (text && (!text_clean(text, 1) ||
                 text_utf8_len(text) > UI_SEARCH_MAX)) {
        err = "Geef een zoektekst van hoogstens 2000 tekens, zonder "
              "stuurtekens.";
    } else if (text) {
        hits = initiative_similar(r->db, 0, text, INITIATIVE_SIMILAR_MAX, 0,
                                  &f);
        if (hits == NULL)
            err = f.msg[0] ? f.msg : "Zoeken is mislukt.";
    }
    if (err)
        r->status = 400;
    page_h2_id(r, "zoeken", "Zoek vergelijkbare initiatieven");
    page_para(r, "Beschrijf een plan of initiatief, in trefwoorden of een "
                 "hele tekst: Koers zoekt de initiatieven die er het meest "
                 "op lijken, in alle regio's.");
    html_lit(&r->out, "<form class=\"koers-form\" method=\"get\" "
                      "action=\"/initiatieven#zoeken\" role=\"search\" "
                      "aria-label=\"Vergelijkbare initiatieven\">");
    page_field(r, "zoek", "Zoek vergelijkbare initiatieven", "textarea",
               text, err, 1);
    page_submit(r, "Zoeken", 0);
    html_lit(&r->out, "</form>\n");
    if (hits) {
        similar_table(r, "gevonden", "Initiatieven die op de zoektekst "
                      "lijken, best passend eerst", hits, "Geen initiatief "
                      "lijkt genoeg op deze tekst (een score van 5% of "
                      "meer).");
        explanation(r);
    }
    json_decref(hits);
}

/* The filter form for region, pillar and theme. */
static void filter_form(struct req *r, const struct initiative_filter *flt,
                        json_t *regions, json_t *pillars)
{
    struct page_choices rc = { 0 }, pc = { 0 };

    if (page_choices_from(&rc, regions, "code", "naam", 0, 0) != 0 ||
        page_choices_from(&pc, pillars, "code", "naam", 0, 0) != 0)
        goto cleanup;
    html_lit(&r->out, "<form class=\"koers-form\" method=\"get\" "
                      "action=\"/initiatieven\" aria-label=\"Filter\">");
    page_select(r, "regio", "Regio", rc.v, rc.l, flt->regio,
                "Alle regio's", NULL);
    page_select(r, "pijler", "Pijler", pc.v, pc.l, flt->pijler,
                "Alle pijlers", NULL);
    page_field(r, "thema", "Thema (precies, hoofdletters maken niet uit)",
               "text", flt->thema, NULL, 0);
    page_submit(r, "Tonen", 0);
    html_lit(&r->out, "</form>\n");
cleanup:
    page_choices_free(&rc);
    page_choices_free(&pc);
}

void ui_initiatives(struct req *r)
{
    struct initiative_filter flt = { 0 };
    const char *ptxt = page_nonempty(req_query(r, "pagina"));
    const char *text = page_nonempty(req_query(r, "zoek"));
    json_t *regions = NULL, *pillars = NULL, *items = NULL;
    struct fault f = { 0 };
    long long page = 1, total = 0, pages;

    flt.regio = page_nonempty(req_query(r, "regio"));
    flt.pijler = page_nonempty(req_query(r, "pijler"));
    flt.thema = page_nonempty(req_query(r, "thema"));
    if (ptxt && (page = page_parse_id(ptxt)) < 0) {
        page_error(r, 400, "Ongeldige pagina", "Een paginanummer is een "
                   "geheel getal vanaf 1.");
        return;
    }
    if (flt.thema && (!text_clean(flt.thema, 0) ||
                      text_utf8_len(flt.thema) > 100)) {
        page_error(r, 400, "Ongeldig thema", "Een thema is tekst van "
                   "hoogstens 100 tekens.");
        return;
    }
    if ((flt.regio && strlen(flt.regio) > 16) ||
        (flt.pijler && strlen(flt.pijler) > 16)) {
        page_error(r, 400, "Ongeldige invoer", "Kies een regio en een "
                   "pijler uit de lijst.");
        return;
    }
    items = initiative_list(r->db, &flt, (long)page, UI_PAGE_SIZE, &total,
                            &f);
    if (items == NULL) {
        page_error(r, f.kind ? (int)f.kind : 500, f.kind == FAULT_INVALID
                   ? "Ongeldige invoer" : "Interne fout", f.msg);
        return;
    }
    pages = total == 0 ? 1 : (total + UI_PAGE_SIZE - 1) / UI_PAGE_SIZE;
    if (page > pages) {
        page_error(r, 400, "Ongeldige pagina", "Deze pagina bestaat niet: "
                   "er zijn minder pagina's.");
        goto cleanup;
    }
    regions = initiative_regions(r->db);
    pillars = governance_pillars(r->db);
    page_begin(r, "Regionale initiatieven", "/initiatieven");
    page_para(r, "Het register van initiatieven in de regio's. Wie een "
                 "initiatief vastlegt, ziet welke vergelijkbare initiatieven "
                 "er elders al zijn, zodat partijen van elkaar kunnen leren "
                 "en dubbel werk wordt voorkomen.");
    page_bron(r, BRON_SECTIE, BRON_VAN, BRON_TOT);
    if (may_manage(r))
        html_lit(&r->out, "<div class=\"koers-actions\"><a "
                          "class=\"utrecht-button-link utrecht-button-link--"
                          "html-a utrecht-button-link--primary-action\" "
                          "href=\"/initiatieven/nieuw\">Nieuw initiatief</a>"
                          "</div>\n");
    search_section(r, text);
    page_h2(r, "Alle initiatieven");
    filter_form(r, &flt, regions, pillars);
    list_table(r, items, total, page, pages);
    page_pager(r, list_href, &flt, page, pages);
    page_end(r);
cleanup:
    json_decref(items);
    json_decref(regions);
    json_decref(pillars);
}

/* ---- a new initiative ---- */

/* The field a refusal is about, from the label its message starts with
 * (input.h and initiative.c name the field first); NULL for none. */
static const char *fault_field(const struct fault *f)
{
    static const struct { const char *label, *field; } map[] = {
        { "Regio", "regio" }, { "Pijler", "pijler" }, { "Thema", "thema" },
        { "Titel", "titel" }, { "Omschrijving", "omschrijving" },
        { "Contact", "contact" },
    };
    size_t i, l;

    for (i = 0; i < sizeof map / sizeof map[0]; i++) {
        l = strlen(map[i].label);
        if (strncmp(f->msg, map[i].label, l) == 0 && f->msg[l] == ' ')
            return map[i].field;
    }
    return NULL;
}

/* The message for field `name` when the refusal is about it. */
static const char *field_err(const char *bad, const char *msg,
                             const char *name)
{
    return bad && strcmp(bad, name) == 0 ? msg : NULL;
}

/* The form, with the submitted values and a refusal (NULL: none). */
static void new_page(struct req *r, const struct fault *f)
{
    struct page_choices rc = { 0 }, pc = { 0 };
    json_t *regions = initiative_regions(r->db);
    json_t *pillars = governance_pillars(r->db);
    const char *bad = f ? fault_field(f) : NULL;
    const char *msg = f ? f->msg : NULL;
    struct buf *b = &r->out;

    if (page_choices_from(&rc, regions, "code", "naam", 0, 0) != 0 ||
        page_choices_from(&pc, pillars, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        goto cleanup;
    }
    page_begin(r, "Nieuw initiatief", "/initiatieven");
    if (f) {
        html_lit(b, "<div class=\"koers-error-summary\" role=\"group\" "
                    "aria-labelledby=\"fouten\"><h2 class=\"nl-heading "
                    "nl-heading--level-2\" id=\"fouten\">Het initiatief is "
                    "niet opgeslagen</h2><ul class=\"utrecht-unordered-list\">"
                    "<li class=\"utrecht-unordered-list__item\">");
        if (bad) {
            html_lit(b, "<a class=\"nl-link\" href=\"#veld-");
            html_attr(b, bad);
            html_lit(b, "\">");
            html_txt(b, msg);
            html_lit(b, "</a>");
        } else {
            html_txt(b, msg);
        }
        html_lit(b, "</li></ul></div>\n");
    }
    page_para(r, "Na het opslaan toont Koers de initiatieven in andere "
                 "regio's die er het meest op lijken.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/initiatieven\" novalidate>");
    page_csrf_field(r);
    page_select(r, "regio", "Regio", rc.v, rc.l, req_field(r, "regio"),
                "Kies een regio", field_err(bad, msg, "regio"));
    page_select(r, "pijler", "Pijler (niet verplicht)", pc.v, pc.l,
                req_field(r, "pijler"), "Geen pijler",
                field_err(bad, msg, "pijler"));
    page_field(r, "titel", "Titel", "text", req_field(r, "titel"),
               field_err(bad, msg, "titel"), 1);
    page_field(r, "thema", "Thema", "text", req_field(r, "thema"),
               field_err(bad, msg, "thema"), 0);
    page_field(r, "omschrijving", "Omschrijving (wat, voor wie, met wie)",
               "textarea", req_field(r, "omschrijving"),
               field_err(bad, msg, "omschrijving"), 1);
    page_field(r, "contact", "Contact (naam, e-mailadres of telefoon)",
               "text", req_field(r, "contact"),
               field_err(bad, msg, "contact"), 0);
    page_submit(r, "Initiatief opslaan", 1);
    html_lit(b, "</form>\n");
    page_end(r);
cleanup:
    page_choices_free(&rc);
    page_choices_free(&pc);
    json_decref(regions);
    json_decref(pillars);
}

void ui_initiative_new(struct req *r)
{
    if (!may_manage(r)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen regionale "
                   "initiatieven vastleggen.");
        return;
    }
    new_page(r, NULL);
}

/* Set key to the form field's text when it is not empty. */
static void set_text(json_t *in, struct req *r, const char *key)
{
    const char *v = req_field(r, key);

    if (v && v[0])
        json_object_set_new(in, key, json_string(v));
}

void ui_initiative_create(struct req *r)
{
    json_t *in = json_object();
    struct fault f = { 0 };
    long long id;

    /* required fields always go in, so an empty one is "verplicht" */
    json_object_set_new(in, "regio", json_string(req_field(r, "regio")
                                                 ? req_field(r, "regio")
                                                 : ""));
    json_object_set_new(in, "titel", json_string(req_field(r, "titel")
                                                 ? req_field(r, "titel")
                                                 : ""));
    json_object_set_new(in, "omschrijving",
                        json_string(req_field(r, "omschrijving")
                                    ? req_field(r, "omschrijving") : ""));
    set_text(in, r, "pijler");
    set_text(in, r, "thema");
    set_text(in, r, "contact");
    id = initiative_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0 && f.kind == FAULT_FORBIDDEN) {
        page_error(r, 403, "Geen toestemming", f.msg);
    } else if (id < 0) {
        r->status = f.kind ? (int)f.kind : 500;
        if (f.msg[0] == '\0')
            snprintf(f.msg, sizeof f.msg, "Opslaan is mislukt.");
        new_page(r, &f);
    } else {
        page_redirect_id(r, "/initiatieven/", id, "?opgeslagen=1");
    }
}

/* ---- one initiative ---- */

/* The description as paragraphs, one per line that is not blank. */
static void description(struct req *r, const char *s)
{
    const char *e, *p;
    char *line;
    size_t n;

    while (*s) {
        e = strchr(s, '\n');
        n = e ? (size_t)(e - s) : strlen(s);
        for (p = s; p < s + n && (*p == ' ' || *p == '\t' || *p == '\r');
             p++)
            ;
        if (p < s + n) {
            line = strndup(s, n);
            if (line && n > 0 && line[n - 1] == '\r')
                line[n - 1] = '\0';
            if (line)
                page_para(r, line);
            free(line);
        }
        s += n + (e != NULL);
    }
}

void ui_initiative(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *it = id > 0 ? initiative_get(r->db, id) : NULL, *hits;
    struct fault f = { 0 };
    struct buf *b = &r->out;
    json_t *pil;

    if (it == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit initiatief bestaat niet.");
        return;
    }
    hits = initiative_similar(r->db, id, NULL, INITIATIVE_SIMILAR_DEFAULT, 1,
                              &f);
    page_begin(r, sqljson_str(it, "titel"), "/initiatieven");
    if (req_query(r, "opgeslagen"))
        page_alert(r, "ok", "Het initiatief is opgeslagen. Hieronder staan "
                   "vergelijkbare initiatieven in andere regio's: neem "
                   "contact op om van elkaar te leren en dubbel werk te "
                   "voorkomen.");
    html_lit(b, "<dl class=\"koers-dl\"><dt>Regio</dt><dd>");
    region_text(r, it);
    html_lit(b, "</dd>");
    pil = json_object_get(it, "pijler");
    if (json_is_object(pil)) {
        html_lit(b, "<dt>Pijler</dt><dd>");
        html_txt(b, sqljson_str(pil, "code"));
        html_lit(b, " – ");
        html_txt(b, sqljson_str(pil, "naam"));
        html_lit(b, "</dd>");
    }
    page_dl_item(r, "Thema", sqljson_str(it, "thema"));
    page_dl_item(r, "Contact", sqljson_str(it, "contact"));
    html_lit(b, "<dt>Vastgelegd</dt><dd>");
    page_date_long(r, sqljson_str(it, "aangemaakt"));
    html_lit(b, "</dd></dl>\n");
    page_h2(r, "Omschrijving");
    description(r, sqljson_str(it, "omschrijving"));
    page_h2_id(r, "vergelijkbaar", "Vergelijkbare initiatieven elders");
    if (hits == NULL)
        page_alert(r, "warning", f.msg[0] ? f.msg : "De vergelijking is "
                   "mislukt.");
    else
        similar_table(r, "vergelijkbaar-tabel", "Initiatieven in andere "
                      "regio's die op dit initiatief lijken, best passend "
                      "eerst", hits, "Er zijn (nog) geen vergelijkbare "
                      "initiatieven in andere regio's.");
    explanation(r);
    page_bron(r, BRON_SECTIE, BRON_VAN, BRON_TOT);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/initiatieven\">Alle initiatieven</a></p>\n");
    page_end(r);
    json_decref(hits);
    json_decref(it);
}
