/* ui_cycle.c - the pages of the yearly cycle: the proposed year plan,
 * the rules with the check of the stored calendar and of an uploaded
 * .ics file, attendance as the test of commitment (the /inzet page, and
 * the "Inzet" section and signals table that the body, organisation and
 * secretariaat pages show, ui.h), and the personal calendar links.
 *
 * Owns: turning these forms into calls of cycle.h / cyclestore.h /
 * cyclerule.h / commitment.h / feed.h (the same calls as api_cycle.c and
 * api_meeting.c), and the CSRF cookie for anonymous users of the upload
 * form (checking a file stores nothing, so it needs no login). */
#include "ui.h"
#include "auth.h"
#include "body.h"
#include "calendar.h"
#include "commitment.h"
#include "cycle.h"
#include "cyclerule.h"
#include "cyclestore.h"
#include "feed.h"
#include "html.h"
#include "ical.h"
#include "organisation.h"
#include "page.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_CHECK_YEARS_MAX 200   /* cycle_check's limit */

static const char *const evaluation_name = "Evaluatie van de governance";

/* ---- small helpers ---- */

/* A small non-negative integer of 1 to 6 digits, or -1. */
static long parse_small(const char *s)
{
    size_t i, n = s ? strlen(s) : 0;

    if (n == 0 || n > 6)
        return -1;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    return strtol(s, NULL, 10);
}

static void write_day_long(struct buf *b, long day)
{
    char out[64];

    cal_format_long(day, out, sizeof out);
    html_txt(b, out);
}

/* The active rules the checker judges (inzet needs attendance). */
static size_t checked_rules(const struct cycle_rules *rules)
{
    size_t i, n = 0;

    for (i = 0; i < rules->nrules; i++)
        if (rules->rules[i].kind != CYCLE_INZET)
            n++;
    return n;
}

/* "Het plan voldoet aan alle N regels." or the violations, as an ok
 * alert or a list. */
static void check_outcome(struct req *r, json_t *viol, size_t nrules,
                          const char *what)
{
    char t[200];

    if (json_array_size(viol) == 0) {
        snprintf(t, sizeof t, "%s voldoet aan alle %zu regels van de "
                 "jaarcyclus.", what, nrules);
        page_alert(r, "ok", t);
        return;
    }
    snprintf(t, sizeof t, "%s is op %zu %s strijdig met de regels:", what,
             json_array_size(viol), json_array_size(viol) == 1 ? "punt"
                                                               : "punten");
    page_para(r, t);
    page_text_list(r, viol, "melding");
}

/* The CSRF token for a form of an anonymous user: the koers_csrf cookie,
 * or a fresh one that is set now (as the login page does). */
static void anon_csrf(struct req *r, char tok[AUTH_SECRET_HEX + 1])
{
    const char *c = req_cookie(r, HTTP_LOGIN_CSRF_COOKIE);
    char cookie[160];
    size_t i;
    int ok = c && strlen(c) == AUTH_SECRET_HEX;

    for (i = 0; ok && i < AUTH_SECRET_HEX; i++)
        if (!((c[i] >= '0' && c[i] <= '9') || (c[i] >= 'a' && c[i] <= 'f')))
            ok = 0;
    if (ok) {
        snprintf(tok, AUTH_SECRET_HEX + 1, "%s", c);
        return;
    }
    auth_random_hex(tok);
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; "
             "SameSite=Strict", HTTP_LOGIN_CSRF_COOKIE, tok);
    resp_header(r, "Set-Cookie", cookie);
}

/* ---- the year plan ---- */

/* The body of a planned meeting as a link, or the evaluation's name. */
static void plan_body(struct req *r, const struct cycle_rules *rules,
                      const char *code)
{
    if (strcmp(code, "evaluatie") == 0)
        html_txt(&r->out, evaluation_name);
    else
        page_link(r, "/overleggen/", code, cycle_body_name(rules, code));
}

static void plan_tables(struct req *r, const struct cycle_rules *rules,
                        const struct cycle_meeting *m, size_t n, int year)
{
    static const char *const cols[] = { "Datum", "Tijd", "Overleg", NULL };
    struct buf *b = &r->out;
    int open_month = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        int y, mo, d;
        char id[16], cap[64], t[8];

        if (m[i].cancelled)
            continue;
        cal_civil(m[i].day, &y, &mo, &d);
        if (mo != open_month) {
            if (open_month)
                page_table_close(r);
            snprintf(id, sizeof id, "maand-%d", mo);
            snprintf(cap, sizeof cap, "%s %d", cal_month_name(mo), year);
            page_table_open(r, id, cap, cols);
            open_month = mo;
        }
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        write_day_long(b, m[i].day);
        html_lit(b, "</td>");
        page_td_open(r);
        snprintf(t, sizeof t, "%02d:%02d", m[i].start_min / 60,
                 m[i].start_min % 60);
        html_txt(b, t);
        snprintf(t, sizeof t, "%02d:%02d", m[i].end_min / 60,
                 m[i].end_min % 60);
        html_lit(b, "–");
        html_txt(b, t);
        html_lit(b, "</td>");
        page_th_row_open(r);
        plan_body(r, rules, m[i].body);
        html_lit(b, "</th></tr>");
    }
    if (open_month)
        page_table_close(r);
}

/* The proposed plan of `year`; err (a refusal to save) goes on top. */
static void yearplan_page(struct req *r, int year, const char *err)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *all = NULL;
    struct cycle_violation *v = NULL;
    json_t *viol = NULL;
    struct buf *b = &r->out;
    size_t n = 0, first = 0;
    long nv = 0;
    char title[64], year_txt[8], what[64];

    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_plan_year(&rules, year, &all, &n, &first, &v, &nv) != 0) {
        page_error(r, 500, "Interne fout", "Het jaarplan kon niet worden "
                   "gemaakt.");
        goto cleanup;
    }
    viol = cyclestore_violations_json(v, nv);
    snprintf(title, sizeof title, "Jaarplan %d", year);
    snprintf(year_txt, sizeof year_txt, "%d", year);
    page_begin(r, title, "/vergaderingen");
    if (err)
        page_alert(r, "error", err);
    html_lit(b, "<p class=\"nl-paragraph\">Een voorstel voor alle "
                "vergaderingen van het jaar, gemaakt uit de <a "
                "class=\"nl-link\" href=\"/cyclus\">regels van de "
                "jaarcyclus</a>: hoe vaak elk overleg vergadert, in welke "
                "maanden, in welke volgorde, niet in het weekend en niet op "
                "feestdagen. Het voorstel is pas een agenda als het is "
                "opgeslagen.</p>\n");
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/jaarplan\">");
    page_field(r, "jaar", "Jaar", "number", year_txt, NULL, 1);
    page_submit(r, "Tonen", 0);
    html_lit(b, "</form>\n");

    snprintf(title, sizeof title, "Voorgestelde vergaderingen: %zu",
             n - first);
    page_h2_id(r, "voorstel", title);
    if (n == first)
        page_para(r, "De regels leveren voor dit jaar geen vergaderingen op.");
    plan_tables(r, &rules, all + first, n - first, year);

    page_h2_id(r, "toets", "Toets aan de regels");
    snprintf(what, sizeof what, "Het plan voor %d", year);
    check_outcome(r, viol, checked_rules(&rules), what);

    if (req_logged_in(r) &&
        perm_allowed(r->who.role, r->who.scope, ACT_VERGADERING_PLANNEN,
                     NULL)) {
        page_h2_id(r, "opslaan", "Opslaan");
        page_para(r, "Sla het voorstel op als vergaderingen; de leden worden "
                     "uitgenodigd en u kunt daarna elke vergadering "
                     "afzonderlijk verzetten. Dat kan alleen in een jaar "
                     "zonder geplande vergaderingen.");
        html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                    "action=\"/jaarplan\">");
        page_csrf_field(r);
        html_lit(b, "<input type=\"hidden\" name=\"jaar\" value=\"");
        html_attr(b, year_txt);
        html_lit(b, "\">");
        snprintf(title, sizeof title, "Jaarplan %d opslaan", year);
        page_submit(r, title, 1);
        html_lit(b, "</form>\n");
    }
    page_end(r);
cleanup:
    json_decref(viol);
    free(all);
    free(v);
    cycle_rules_free(&rules);
}

void ui_yearplan(struct req *r)
{
    int year = page_year(r, req_query(r, "jaar"), page_current_year() + 1);

    if (year >= 0)
        yearplan_page(r, year, NULL);
}

void ui_yearplan_save(struct req *r)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *all = NULL;
    struct cycle_violation *v = NULL;
    struct fault f = { 0 };
    json_t *ids = json_array();
    size_t n = 0, first = 0;
    long nv = 0;
    int year = page_year(r, req_field(r, "jaar"), -1);
    char year_txt[8];

    if (year < 0)
        goto cleanup;
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_plan_year(&rules, year, &all, &n, &first, &v, &nv) != 0) {
        page_error(r, 500, "Interne fout", "Het jaarplan kon niet worden "
                   "gemaakt.");
        goto cleanup;
    }
    if (cyclestore_save_plan(r->db, &r->who, year, &rules, all + first,
                             n - first, ids, &f) < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
        } else {
            r->status = f.kind ? (int)f.kind : 500;
            yearplan_page(r, year, f.msg[0] ? f.msg : "Opslaan is mislukt.");
        }
        goto cleanup;
    }
    snprintf(year_txt, sizeof year_txt, "%d", year);
    page_redirect(r, "/vergaderingen?jaar=", year_txt, "");
cleanup:
    json_decref(ids);
    free(all);
    free(v);
    cycle_rules_free(&rules);
}

/* ---- the rules and the checks ---- */

static const char *kind_words(const char *k)
{
    static const struct { const char *kind, *words; } map[] = {
        { "min_per_jaar", "minimaal aantal per jaar" },
        { "max_per_jaar", "maximaal aantal per jaar" },
        { "maanden", "in vaste maanden" },
        { "voor", "vóór een ander overleg" },
        { "na", "na een ander overleg" },
        { "spreiding", "spreiding over het jaar" },
        { "evaluatie", "evaluatie van de governance" },
        { "geen_weekend", "niet in het weekend" },
        { "geen_feestdag", "niet op een feestdag" },
        { "inzet", "inzet (aanwezigheid)" },
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].kind, k) == 0)
            return map[i].words;
    return k;
}

/* The months of a rule as names: "mei, december". */
static void write_months(struct buf *b, json_t *months)
{
    json_t *m;
    size_t i;

    json_array_foreach(months, i, m) {
        if (i)
            html_lit(b, ", ");
        html_txt(b, cal_month_name((int)json_integer_value(m)));
    }
}

/* The value(s) of a rule in words. */
static void rule_value(struct req *r, json_t *rule, json_t *bodies)
{
    const char *k = sqljson_str(rule, "soort");
    long long n = sqljson_int(rule, "n");
    struct buf *b = &r->out;

    if (strcmp(k, "min_per_jaar") == 0 || strcmp(k, "max_per_jaar") == 0) {
        html_lit(b, strcmp(k, "min_per_jaar") == 0 ? "minstens "
                                                   : "hoogstens ");
        html_int(b, n);
        html_lit(b, " keer per jaar");
    } else if (strcmp(k, "maanden") == 0) {
        write_months(b, json_object_get(rule, "maanden"));
    } else if (strcmp(k, "voor") == 0 || strcmp(k, "na") == 0) {
        html_lit(b, "binnen ");
        html_int(b, n);
        html_lit(b, strcmp(k, "voor") == 0 ? " dagen vóór " : " dagen na ");
        html_txt(b, page_code_name(bodies, sqljson_str(rule, "ander")));
    } else if (strcmp(k, "spreiding") == 0) {
        html_lit(b, "minstens ");
        html_int(b, n);
        html_lit(b, " dagen tussen twee vergaderingen");
    } else if (strcmp(k, "evaluatie") == 0) {
        html_lit(b, "elke ");
        html_int(b, n);
        html_lit(b, " jaar, vanaf ");
        html_int(b, sqljson_int(rule, "vanafJaar"));
    } else if (strcmp(k, "inzet") == 0) {
        html_lit(b, "laatste ");
        html_int(b, n);
        html_lit(b, " vergaderingen, drempel ");
        html_int(b, sqljson_int(rule, "drempel"));
        html_lit(b, "%");
    } else {
        html_lit(b, "—");
    }
}

/* One labelled text input of a rule's form; id regel-CODE-NAME. */
static void rule_input(struct req *r, const char *code, const char *name,
                       const char *label, const char *value)
{
    struct buf *b = &r->out;

    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"regel-");
    html_attr(b, code);
    html_lit(b, "-");
    html_attr(b, name);
    html_lit(b, "\">");
    html_txt(b, label);
    html_lit(b, "</label></div><div class=\"utrecht-form-field__input\">"
                "<input class=\"utrecht-textbox utrecht-textbox--html-input\""
                " type=\"text\" id=\"regel-");
    html_attr(b, code);
    html_lit(b, "-");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\" value=\"");
    html_attr(b, value ? value : "");
    html_lit(b, "\"></div></div>");
}

/* The beheerder's form of one rule: the fields its kind uses, and
 * whether it is active. With `again` the submitted values are shown. */
static void rule_form(struct req *r, json_t *rule, int again)
{
    const char *code = sqljson_str(rule, "code");
    const char *k = sqljson_str(rule, "soort");
    const char *nlabel = NULL;
    struct buf *b = &r->out;
    char num[24];
    int active = json_is_true(json_object_get(rule, "actief"));

    if (again)
        active = req_field(r, "actief") != NULL;
    if (strcmp(k, "min_per_jaar") == 0 || strcmp(k, "max_per_jaar") == 0)
        nlabel = "Aantal per jaar";
    else if (strcmp(k, "voor") == 0 || strcmp(k, "na") == 0)
        nlabel = "Aantal dagen";
    else if (strcmp(k, "spreiding") == 0)
        nlabel = "Minimaal aantal dagen";
    else if (strcmp(k, "evaluatie") == 0)
        nlabel = "Om de hoeveel jaar";
    else if (strcmp(k, "inzet") == 0)
        nlabel = "Aantal vergaderingen";
    html_lit(b, "<form method=\"post\" action=\"/cyclus/");
    html_url_arg(b, code);
    html_lit(b, "\">");
    page_csrf_field(r);
    if (nlabel) {
        snprintf(num, sizeof num, "%lld", sqljson_int(rule, "n"));
        rule_input(r, code, "n", nlabel, again ? req_field(r, "n") : num);
    }
    if (strcmp(k, "maanden") == 0) {
        struct buf months;
        json_t *m;
        size_t i;

        buf_init(&months, 256);
        json_array_foreach(json_object_get(rule, "maanden"), i, m)
            buf_printf(&months, "%s%lld", i ? ", " : "",
                       (long long)json_integer_value(m));
        rule_input(r, code, "maanden", "Maanden (nummers, bijvoorbeeld "
                   "5, 12)", again ? req_field(r, "maanden")
                                   : buf_str(&months));
        buf_free(&months);
    }
    if (strcmp(k, "evaluatie") == 0) {
        snprintf(num, sizeof num, "%lld", sqljson_int(rule, "vanafJaar"));
        rule_input(r, code, "vanafJaar", "Vanaf jaar",
                   again ? req_field(r, "vanafJaar") : num);
    }
    if (strcmp(k, "inzet") == 0) {
        snprintf(num, sizeof num, "%lld", sqljson_int(rule, "drempel"));
        rule_input(r, code, "drempel", "Drempel (procent)",
                   again ? req_field(r, "drempel") : num);
    }
    html_lit(b, "<div class=\"utrecht-form-field utrecht-form-field--"
                "checkbox\"><div class=\"utrecht-form-field__input\"><input "
                "class=\"utrecht-checkbox utrecht-checkbox--html-input\" "
                "type=\"checkbox\" name=\"actief\" value=\"1\" id=\"regel-");
    html_attr(b, code);
    html_lit(b, active ? "-actief\" checked>" : "-actief\">");
    html_lit(b, "</div><div class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"regel-");
    html_attr(b, code);
    html_lit(b, "-actief\">Actief</label></div></div>");
    html_lit(b, "<button class=\"utrecht-button utrecht-button--secondary-"
                "action\" type=\"submit\">Opslaan<span class=\"koers-"
                "visually-hidden\"> (regel ");
    html_txt(b, code);
    html_lit(b, ")</span></button></form>");
}

static void rules_table(struct req *r, json_t *bodies, const char *err_code)
{
    static const char *const cols[] = { "Regel", "Soort", "Overleg",
        "Waarde", "Bron", "Actief", NULL };
    static const char *const cols_edit[] = { "Regel", "Soort", "Overleg",
        "Waarde", "Bron", "Actief", "Wijzigen", NULL };
    json_t *rules = cyclerule_list(r->db), *x;
    struct buf *b = &r->out;
    int edit = req_logged_in(r) &&
        perm_allowed(r->who.role, r->who.scope, ACT_CYCLUSREGELS_BEHEREN,
                     NULL);
    size_t i;

    page_table_open(r, "regels-tabel", "Regels van de jaarcyclus",
                    edit ? cols_edit : cols);
    json_array_foreach(rules, i, x) {
        const char *body = sqljson_str(x, "overleg");
        const char *k = sqljson_str(x, "soort");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(x, "omschrijving"));
        html_lit(b, " <span class=\"koers-muted\">(");
        html_txt(b, sqljson_str(x, "code"));
        html_lit(b, ")</span></th>");
        page_td_open(r);
        html_txt(b, kind_words(k));
        html_lit(b, "</td>");
        page_td_open(r);
        if (body[0])
            page_link(r, "/overleggen/", body, page_code_name(bodies, body));
        else if (strcmp(k, "evaluatie") == 0)
            html_txt(b, evaluation_name);
        else
            html_lit(b, "alle overleggen");
        html_lit(b, "</td>");
        page_td_open(r);
        rule_value(r, x, bodies);
        html_lit(b, "</td>");
        page_td_open(r);
        if (page_bron_link(r, json_object_get(x, "bron")) != 0)
            html_lit(b, "—");
        html_lit(b, "</td>");
        page_td_open(r);
        html_lit(b, json_is_true(json_object_get(x, "actief")) ? "ja"
                                                              : "nee");
        html_lit(b, "</td>");
        if (edit) {
            page_td_open(r);
            rule_form(r, x, err_code &&
                      strcmp(err_code, sqljson_str(x, "code")) == 0);
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    json_decref(rules);
}

/* The upload form; tok is the CSRF token of an anonymous user, NULL for
 * the session's. */
static void upload_form(struct req *r, const char *tok)
{
    struct buf *b = &r->out;

    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/cyclus/controle\" "
                "enctype=\"multipart/form-data\">");
    if (tok) {
        html_lit(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
        html_attr(b, tok);
        html_lit(b, "\">");
    } else {
        page_csrf_field(r);
    }
    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-bestand\">Agenda-bestand (.ics, hoogstens 256 "
                "KiB)</label></div><div class=\"utrecht-form-field__input\">"
                "<input id=\"veld-bestand\" name=\"bestand\" type=\"file\" "
                "accept=\".ics,text/calendar\" required></div></div>");
    page_submit(r, "Controleren", 1);
    html_lit(b, "</form>\n");
}

/* The stored calendar of `year` checked against the rules, as JSON
 * violations; NULL on failure. */
static json_t *stored_violations(sqlite3 *db, int year, size_t *nrules)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    json_t *out = NULL;
    size_t n = 0;
    long nv;

    if (cycle_rules_load(db, &rules) != 0 ||
        cyclestore_load(db, year - 1, year + 1, &m, &n) != 0)
        goto cleanup;
    nv = cycle_check(&rules, m, n, year, year, &v);
    if (nv >= 0)
        out = cyclestore_violations_json(v, nv);
    *nrules = checked_rules(&rules);
cleanup:
    free(m);
    free(v);
    cycle_rules_free(&rules);
    return out;
}

/* The rules page; err (about rule err_code) goes above the table. */
static void cycle_page(struct req *r, int year, const char *err_code,
                       const char *err)
{
    json_t *bodies = body_list(r->db), *viol;
    struct buf *b = &r->out;
    char tok[AUTH_SECRET_HEX + 1], title[80], year_txt[8], what[64];
    size_t nrules = 0;

    if (!req_logged_in(r))
        anon_csrf(r, tok);
    viol = stored_violations(r->db, year, &nrules);
    if (viol == NULL) {
        page_error(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    snprintf(year_txt, sizeof year_txt, "%d", year);
    page_begin(r, "Regels en controle van de jaarcyclus", "/vergaderingen");
    if (req_query(r, "opgeslagen") && err == NULL)
        page_alert(r, "ok", "De regel is opgeslagen.");
    html_lit(b, "<p class=\"nl-paragraph\">De jaarcyclus volgt uit het "
                "rapport: hoe vaak elk overleg vergadert, in welke maanden "
                "en in welke volgorde. Koers maakt er het <a "
                "class=\"nl-link\" href=\"/jaarplan\">jaarplan</a> mee en "
                "toetst elke agenda eraan.</p>\n");

    page_h2_id(r, "regels", "Regels van de jaarcyclus");
    if (err) {
        char msg[2200];

        snprintf(msg, sizeof msg, "Regel %s is niet gewijzigd: %s",
                 err_code ? err_code : "", err);
        page_alert(r, "error", msg);
    }
    rules_table(r, bodies, err_code);

    snprintf(title, sizeof title, "Controle van de agenda van %d", year);
    page_h2_id(r, "controle", title);
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/cyclus\">");
    page_field(r, "jaar", "Jaar", "number", year_txt, NULL, 1);
    page_submit(r, "Controleren", 0);
    html_lit(b, "</form>\n");
    snprintf(what, sizeof what, "De agenda van %d", year);
    if (json_array_size(viol) == 0) {
        char ok[200];

        snprintf(ok, sizeof ok, "Geen overtredingen: de agenda van %d "
                 "voldoet aan alle %zu regels van de jaarcyclus.", year,
                 nrules);
        page_alert(r, "ok", ok);
    } else {
        check_outcome(r, viol, nrules, what);
    }

    page_h2_id(r, "bestand", "Een agenda-bestand controleren");
    page_para(r, "Controleer een agenda uit een ander programma (een .ics-"
                 "bestand) aan dezelfde regels. Koers herkent een vergadering "
                 "aan X-KOERS-OVERLEG, aan de categorie (de code van het "
                 "overleg) of aan een titel die met de naam van het overleg "
                 "begint. Het bestand wordt niet bewaard.");
    upload_form(r, req_logged_in(r) ? NULL : tok);
    page_end(r);
cleanup:
    json_decref(viol);
    json_decref(bodies);
}

void ui_cycle(struct req *r)
{
    int year = page_year(r, req_query(r, "jaar"), page_current_year());

    if (year >= 0)
        cycle_page(r, year, NULL, NULL);
}

/* Copy the rule form into the JSON cyclerule_update takes: only the
 * non-empty fields, numbers as numbers, maanden as a list, actief from
 * the checkbox. -1 with a Dutch reason in err. */
static int rule_input_json(struct req *r, json_t *in, char *err,
                           size_t errlen)
{
    static const struct { const char *field, *label; } ints[] = {
        { "n", "Aantal" }, { "drempel", "Drempel" },
        { "vanafJaar", "Vanaf jaar" },
    };
    const char *months = req_field(r, "maanden");
    size_t i;

    for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        const char *v = req_field(r, ints[i].field);
        long n;

        if (v == NULL || v[0] == '\0')
            continue;
        n = parse_small(v);
        if (n < 0) {
            snprintf(err, errlen, "%s: geef een geheel getal.",
                     ints[i].label);
            return -1;
        }
        json_object_set_new(in, ints[i].field, json_integer(n));
    }
    if (months && months[0]) {
        json_t *list = json_array();
        const char *p = months;

        while (*p) {
            char one[8];
            size_t n = 0;
            long m;

            while (*p == ' ' || *p == ',')
                p++;
            while (*p && *p != ',' && *p != ' ' && n < sizeof one - 1)
                one[n++] = *p++;
            one[n] = '\0';
            if (n == 0)
                break;
            m = parse_small(one);
            if (m < 1 || m > 12 || (*p && *p != ',' && *p != ' ')) {
                json_decref(list);
                snprintf(err, errlen, "Maanden: geef maandnummers van 1 "
                         "tot en met 12, gescheiden door komma's.");
                return -1;
            }
            json_array_append_new(list, json_integer(m));
        }
        json_object_set_new(in, "maanden", list);
    }
    json_object_set_new(in, "actief", json_boolean(req_field(r, "actief")
                                                   != NULL));
    return 0;
}

void ui_cycle_rule_update(struct req *r)
{
    const char *code = r->param[0];
    json_t *in = json_object();
    struct fault f = { 0 };
    char err[200];
    int allowed = perm_allowed(r->who.role, r->who.scope,
                               ACT_CYCLUSREGELS_BEHEREN, NULL);

    if (rule_input_json(r, in, err, sizeof err) != 0 && allowed) {
        r->status = 400;
        cycle_page(r, page_current_year(), code, err);
        goto cleanup;
    }
    /* without the permission the domain refuses (and audits) */
    if (cyclerule_update(r->db, &r->who, code, in, &f) != 0) {
        if (f.kind == FAULT_FORBIDDEN || f.kind == FAULT_NOTFOUND) {
            page_error(r, (int)f.kind, f.kind == FAULT_FORBIDDEN
                       ? "Geen toestemming" : "Niet gevonden", f.msg);
        } else {
            r->status = f.kind ? (int)f.kind : 500;
            cycle_page(r, page_current_year(), code, f.msg[0] ? f.msg
                                                  : "Opslaan is mislukt.");
        }
        goto cleanup;
    }
    page_redirect(r, "/cyclus", "", "?opgeslagen=1#regels");
cleanup:
    json_decref(in);
}

/* The page about a checked file: status, an error (err, may be NULL), the
 * counts, the ignored events and the outcome (viol NULL when the check
 * did not run). */
static void check_page(struct req *r, int status, const char *err,
                       long nev, size_t nmapped, json_t *ignored,
                       int ymin, int ymax, json_t *viol, size_t nrules)
{
    struct buf *b = &r->out;
    json_t *x;
    size_t i;

    r->status = status;
    page_begin(r, "Controle van een agenda-bestand", "/vergaderingen");
    if (err)
        page_alert(r, "error", err);
    if (nev >= 0) {
        html_lit(b, "<dl class=\"koers-dl\">");
        page_dl_item(r, "Bestand", r->upload_name);
        html_lit(b, "<dt>Afspraken in het bestand</dt><dd>");
        html_int(b, nev);
        html_lit(b, "</dd><dt>Bij een overleg herkend</dt><dd>");
        html_int(b, (long long)nmapped);
        html_lit(b, "</dd>");
        if (viol) {
            html_lit(b, "<dt>Gecontroleerde jaren</dt><dd>");
            html_int(b, ymin);
            if (ymax != ymin) {
                html_lit(b, " tot en met ");
                html_int(b, ymax);
            }
            html_lit(b, "</dd>");
        }
        html_lit(b, "</dl>\n");
    }
    if (json_array_size(ignored)) {
        page_h2(r, "Genegeerde afspraken");
        page_para(r, "Deze afspraken horen bij geen enkel overleg en tellen "
                     "niet mee:");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(ignored, i, x) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            html_txt(b, json_string_value(x)[0] ? json_string_value(x)
                                                : "(zonder titel)");
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>\n");
    }
    if (viol) {
        page_h2(r, "Uitkomst");
        check_outcome(r, viol, nrules, "Het bestand");
    }
    page_h2(r, "Een (ander) bestand controleren");
    upload_form(r, NULL);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/cyclus\">Terug naar de regels van de jaarcyclus"
                "</a></p>\n");
    page_end(r);
}

void ui_cycle_check_ics(struct req *r)
{
    struct cycle_rules rules = { 0 };
    struct ical_parsed *ev = NULL;
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    json_t *ignored = json_array(), *viol = NULL;
    char err[400];
    long nev, nv;
    size_t n = 0, i;
    int ymin = 9999, ymax = 0;

    if (r->upload.len == 0) {
        check_page(r, 400, "Kies een agenda-bestand (.ics) om te "
                   "controleren; er kwam geen bestand of een leeg bestand "
                   "mee.", -1, 0, NULL, 0, 0, NULL, 0);
        goto cleanup;
    }
    nev = ical_parse(buf_str(&r->upload), r->upload.len, &ev, err,
                     sizeof err);
    if (nev < 0) {
        char msg[500];

        snprintf(msg, sizeof msg, "Dit is geen geldig agenda-bestand: %s",
                 err);
        check_page(r, 400, msg, -1, 0, NULL, 0, 0, NULL, 0);
        goto cleanup;
    }
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_from_ical(&rules, ev, (size_t)nev, &m, &n, ignored)
            != 0) {
        page_error(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        int y, mo, d;

        cal_civil(m[i].day, &y, &mo, &d);
        if (y < ymin)
            ymin = y;
        if (y > ymax)
            ymax = y;
    }
    if (n == 0) {
        check_page(r, 400, "Het bestand bevat geen afspraken die bij een "
                   "overleg horen.", nev, 0, ignored, 0, 0, NULL, 0);
        goto cleanup;
    }
    if (ymax - ymin >= UI_CHECK_YEARS_MAX) {
        check_page(r, 400, "Het bestand beslaat meer dan 200 jaar; "
                   "controleer een kortere periode.", nev, n, ignored, 0, 0,
                   NULL, 0);
        goto cleanup;
    }
    nv = cycle_check(&rules, m, n, ymin, ymax, &v);
    if (nv < 0) {
        page_error(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    viol = cyclestore_violations_json(v, nv);
    check_page(r, 200, NULL, nev, n, ignored, ymin, ymax, viol,
               checked_rules(&rules));
cleanup:
    json_decref(ignored);
    json_decref(viol);
    free(ev);
    free(m);
    free(v);
    cycle_rules_free(&rules);
}

/* ---- commitment ---- */

/* "aanwezig, vervangen, afwezig" from a series [{datum, waarde}]. */
static void write_series(struct buf *b, json_t *series)
{
    json_t *x;
    size_t i;

    json_array_foreach(series, i, x) {
        double v = json_number_value(json_object_get(x, "waarde"));

        if (i)
            html_lit(b, ", ");
        html_lit(b, v >= 0.75 ? "aanwezig" : v >= 0.25 ? "vervangen"
                                                       : "afwezig");
    }
}

/* Why a signal counts as declining, in words with a decimal comma:
 * "dalende trend (−0,25 per vergadering)", or, without a falling trend,
 * the comparison with the n meetings before (commitment.h). */
static void write_decline(struct buf *b, double t, long long n)
{
    char num[32], *c;

    if (t >= -0.005) {
        html_lit(b, "minder aanwezig dan in de ");
        html_int(b, n);
        html_lit(b, " vergaderingen daarvoor");
        return;
    }
    snprintf(num, sizeof num, "%.2f", -t);
    c = strchr(num, '.');
    if (c)
        *c = ',';
    html_lit(b, "dalende trend (−");
    html_txt(b, num);
    html_lit(b, " per vergadering)");
}

/* The cells of an attendance rate (commitment_rates): meetings, total
 * and recent attendance, and the series of the last meetings. */
static void rate_cells(struct req *r, json_t *x)
{
    page_td_num(r, sqljson_int(x, "vergaderingen"));
    page_td_pct(r, json_number_value(json_object_get(x, "percentageTotaal")));
    page_td_pct(r, json_number_value(json_object_get(x, "percentageRecent")));
    page_td_open(r);
    write_series(&r->out, json_object_get(x, "reeks"));
    html_lit(&r->out, "</td>");
}

/* <tr><th>organisation</th><td>body</td> of a signal or rate row, both
 * as links; the caller writes the other cells and </tr>. */
static void org_body_cells(struct req *r, json_t *x)
{
    html_lit(&r->out, "<tr class=\"utrecht-table__row\">");
    page_th_row_open(r);
    page_code_link(r, "/organisaties/", json_object_get(x, "organisatie"));
    html_lit(&r->out, "</th>");
    page_td_open(r);
    page_code_link(r, "/overleggen/", json_object_get(x, "overleg"));
    html_lit(&r->out, "</td>");
}

/* A table of signals of declining attendance (commitment_signals):
 * organisation, body, recent attendance, the last meeting attended and,
 * with decline_n >= 0, why it counts as declining (write_decline over
 * decline_n meetings). */
void ui_signals_table(struct req *r, json_t *sig, const char *id,
                      const char *caption, long long decline_n)
{
    static const char *const cols[] = { "Organisatie", "Overleg",
        "#Recent aanwezig", "Laatst aanwezig", NULL };
    static const char *const cols_decline[] = { "Organisatie", "Overleg",
        "#Recent aanwezig", "Afname", "Laatst aanwezig", NULL };
    struct buf *b = &r->out;
    json_t *x;
    size_t i;

    page_table_open(r, id, caption, decline_n >= 0 ? cols_decline : cols);
    json_array_foreach(sig, i, x) {
        org_body_cells(r, x);
        page_td_pct(r, json_number_value(json_object_get(x,
                                                 "percentageRecent")));
        if (decline_n >= 0) {
            page_td_open(r);
            write_decline(b, json_number_value(json_object_get(x, "trend")),
                          decline_n);
            html_lit(b, "</td>");
        }
        page_td_open(r);
        if (sqljson_str(x, "laatstAanwezig")[0])
            page_date_long(r, sqljson_str(x, "laatstAanwezig"));
        else
            html_lit(b, "nooit");
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

/* Section "Inzet" on the page of one body (org_code NULL) or one
 * organisation (body_code NULL): its signals of declining attendance and
 * its attendance rates (commitment.h), a row per member organisation of
 * the body or per body the organisation sits in, and a link to the same
 * choice on /inzet, where the definition is. */
void ui_commitment_section(struct req *r, const char *org_code,
                           const char *body_code)
{
    static const char *const org_cols[] = { "Organisatie",
        "#Vergaderingen", "#Aanwezig (totaal)", "#Aanwezig (recent)",
        "Laatste vergaderingen", NULL };
    static const char *const body_cols[] = { "Overleg", "#Vergaderingen",
        "#Aanwezig (totaal)", "#Aanwezig (recent)", "Laatste vergaderingen",
        NULL };
    int per_org = body_code != NULL;   /* the rows are organisations */
    const char *other = per_org ? "organisatie" : "overleg";
    json_t *sig = commitment_signals(r->db, org_code, body_code);
    json_t *rates = commitment_rates(r->db, org_code, body_code), *x;
    struct buf *b = &r->out;
    size_t i;

    page_h2(r, "Inzet");
    if (json_array_size(sig)) {
        page_alert_open(r, "warning");
        html_lit(b, "<p class=\"nl-paragraph\">Signalen van afnemende "
                    "inzet:</p><ul class=\"utrecht-unordered-list\">");
        json_array_foreach(sig, i, x) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            html_txt(b, sqljson_str(json_object_get(x, other), "naam"));
            html_lit(b, ": recent ");
            html_int(b, (long long)(json_number_value(json_object_get(x,
                                    "percentageRecent")) + 0.5));
            html_lit(b, "% aanwezig, en dalend</li>");
        }
        html_lit(b, "</ul>");
        page_alert_close(r);
    } else {
        html_lit(b, "<p class=\"nl-paragraph\">Geen signalen van "
                    "afnemende inzet.</p>");
    }
    if (json_array_size(rates) == 0) {
        html_lit(b, "<p class=\"nl-paragraph\">Nog geen aanwezigheid "
                    "vastgelegd.</p>");
    } else {
        page_table_open(r, "inzet", per_org ? "Aanwezigheid van de leden"
                                            : "Aanwezigheid per overleg",
                        per_org ? org_cols : body_cols);
        json_array_foreach(rates, i, x) {
            html_lit(b, "<tr class=\"utrecht-table__row\">");
            page_th_row_open(r);
            page_code_link(r, per_org ? "/organisaties/" : "/overleggen/",
                           json_object_get(x, other));
            html_lit(b, "</th>");
            rate_cells(r, x);
            html_lit(b, "</tr>");
        }
        page_table_close(r);
    }
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/inzet?");
    html_lit(b, per_org ? "overleg=" : "organisatie=");
    html_url_arg(b, per_org ? body_code : org_code);
    html_lit(b, "\">Inzet en aanwezigheid: de cijfers en wanneer er een "
                "signaal is</a></p>\n");
    json_decref(sig);
    json_decref(rates);
}

void ui_commitment(struct req *r)
{
    static const char *const rate_cols[] = { "Organisatie", "Overleg",
        "#Vergaderingen", "#Aanwezig (totaal)", "#Aanwezig (recent)",
        "Laatste vergaderingen", "Signaal", NULL };
    const char *org = req_query(r, "organisatie");
    const char *body = req_query(r, "overleg");
    json_t *orgs = organisation_list(r->db), *bodies = body_list(r->db);
    json_t *rule = NULL, *sig = NULL, *rates = NULL, *x;
    struct page_choices oc = { 0 }, bc = { 0 };
    struct buf *b = &r->out;
    size_t i;

    if (org && org[0] == '\0')
        org = NULL;
    if (body && body[0] == '\0')
        body = NULL;
    if ((org && !page_by_code(orgs, org)) ||
        (body && !page_by_code(bodies, body))) {
        page_error(r, 400, "Onbekende keuze", "Deze organisatie of dit "
                   "overleg bestaat niet. Kies uit de lijst.");
        goto cleanup;
    }
    if (page_choices_from(&oc, orgs, "code", "naam", 0, 0) != 0 ||
        page_choices_from(&bc, bodies, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        goto cleanup;
    }
    rule = commitment_rule(r->db);
    sig = commitment_signals(r->db, org, body);
    rates = commitment_rates(r->db, org, body);

    page_begin(r, "Inzet en aanwezigheid", "/vergaderingen");
    page_para(r, "Aanwezigheid bij de overleggen is de toets van de inzet van "
                 "de organisaties. Koers geeft een signaal als de "
                 "aanwezigheid van een organisatie structureel afneemt.");
    if (rule) {
        char words[400];

        page_para(r, sqljson_str(rule, "omschrijving"));
        page_bron_json(r, rule, "bron");
        snprintf(words, sizeof words, "Zo rekent Koers: over de laatste "
                 "%lld vergaderingen van een overleg minder dan %lld%% "
                 "aanwezig én dalend (een dalende trend binnen die "
                 "vergaderingen, of minder aanwezig dan in de %lld "
                 "vergaderingen daarvoor); aanwezig telt 1, vervangen ½, "
                 "afwezig 0.", sqljson_int(rule, "aantal"),
                 sqljson_int(rule, "drempel"), sqljson_int(rule, "aantal"));
        page_para(r, words);
    } else {
        page_para(r, "De regel voor signalen staat uit (zie de regels van de "
                     "jaarcyclus); er worden geen signalen gegeven.");
    }
    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/inzet\">");
    page_select(r, "organisatie", "Organisatie", oc.v, oc.l, org,
                "Alle organisaties", NULL);
    page_select(r, "overleg", "Overleg", bc.v, bc.l, body, "Alle overleggen",
                NULL);
    page_submit(r, "Tonen", 0);
    html_lit(b, "</form>\n");

    page_h2_id(r, "signalen", "Signalen");
    if (json_array_size(sig) == 0)
        page_para(r, "Geen signalen.");
    else
        ui_signals_table(r, sig, "signalen-tabel", "Organisaties waarvan de "
                         "aanwezigheid structureel afneemt",
                         sqljson_int(rule, "aantal"));

    page_h2_id(r, "aanwezigheid", "Aanwezigheid per organisatie en overleg");
    if (json_array_size(rates) == 0)
        page_para(r, "Nog geen aanwezigheid vastgelegd.");
    else
        page_table_open(r, "aanwezigheid-tabel", "Aanwezigheid van de "
                        "leden, per organisatie en overleg", rate_cols);
    json_array_foreach(rates, i, x) {
        org_body_cells(r, x);
        rate_cells(r, x);
        page_td_open(r);
        html_lit(b, json_is_true(json_object_get(x, "signaal"))
                        ? "<span class=\"koers-badge koers-badge--warning\">"
                          "ja</span>" : "nee");
        html_lit(b, "</td></tr>");
    }
    if (json_array_size(rates))
        page_table_close(r);
    page_end(r);
cleanup:
    page_choices_free(&oc);
    page_choices_free(&bc);
    json_decref(rule);
    json_decref(sig);
    json_decref(rates);
    json_decref(orgs);
    json_decref(bodies);
}

/* ---- personal calendar links ---- */

/* The page of the user's feed links; url is a link just made (shown this
 * once), err a refusal. */
static void my_calendar_page(struct req *r, const char *url,
                             const char *err)
{
    static const char *const cols[] = { "Link", "Gemaakt", "Status",
        "Intrekken", NULL };
    json_t *rows = sqljson_rows(r->db, "SELECT id, created_at AS gemaakt, "
                                       "revoked_at AS ingetrokken FROM "
                                       "feed_token WHERE user_id = ? ORDER "
                                       "BY id DESC", "i", r->who.user_id);
    json_t *me = sqljson_row(r->db, "SELECT person_id AS persoon FROM user "
                                    "WHERE id = ?", "i", r->who.user_id);
    struct buf *b = &r->out;
    json_t *t;
    size_t i;

    page_begin(r, "Mijn agenda", "/vergaderingen");
    if (err)
        page_alert(r, "error", err);
    if (url) {
        resp_header(r, "Cache-Control", "no-store");
        page_alert_open(r, "ok");
        html_lit(b, "<p class=\"nl-paragraph\">Uw nieuwe agenda-link:</p><p "
                    "class=\"nl-paragraph\"><code>");
        html_txt(b, url);
        html_lit(b, "</code></p><p class=\"nl-paragraph\">Voeg deze link in "
                    "uw agendaprogramma toe als abonnement (bijvoorbeeld "
                    "Outlook: Agenda toevoegen, Van internet; Google Agenda: "
                    "Andere agenda's, Via URL; Apple Agenda: Nieuw "
                    "agenda-abonnement). Koers toont de link maar één keer; "
                    "bewaar hem niet op een plek die anderen kunnen zien."
                    "</p>");
        page_alert_close(r);
    }
    page_para(r, "Met een persoonlijke agenda-link ziet u de vergaderingen in "
                 "uw eigen agendaprogramma. De agenda bevat de vergaderingen "
                 "waarvoor u bent uitgenodigd; voor de secretaris (en de "
                 "beheerder) alle vergaderingen; voor een netwerkmanager ook "
                 "alle vergaderingen van de eigen kerngroep. Verzette en "
                 "geannuleerde vergaderingen worden vanzelf bijgewerkt.");
    if (me && sqljson_int(me, "persoon") == 0 &&
        r->who.role != ROLE_SECRETARIS && r->who.role != ROLE_BEHEERDER)
        page_para(r, "Let op: uw account is niet gekoppeld aan een persoon in "
                     "het register, dus er staan alleen vergaderingen in die "
                     "u via uw rol ziet. Vraag de beheerder de koppeling te "
                     "maken.");
    page_para(r, "De link is geheim: wie hem heeft, ziet deze vergaderingen "
                 "zonder in te loggen. Trek een link in als hij is uitgelekt "
                 "of als u hem niet meer gebruikt; hij werkt dan meteen niet "
                 "meer.");

    page_h2(r, "Uw agenda-links");
    if (json_array_size(rows) == 0)
        page_para(r, "U heeft nog geen agenda-link.");
    else
        page_table_open(r, "agenda-links", "Uw agenda-links", cols);
    json_array_foreach(rows, i, t) {
        int revoked = sqljson_str(t, "ingetrokken")[0] != '\0';

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_lit(b, "Link ");
        html_int(b, sqljson_int(t, "id"));
        html_lit(b, "</th>");
        page_td_open(r);
        page_date_long(r, sqljson_str(t, "gemaakt"));
        html_lit(b, "</td>");
        page_td_open(r);
        if (revoked) {
            html_lit(b, "<span class=\"koers-badge\">ingetrokken</span> op ");
            page_date_long(r, sqljson_str(t, "ingetrokken"));
        } else {
            html_lit(b, "<span class=\"koers-badge koers-badge--ok\">"
                        "actief</span>");
        }
        html_lit(b, "</td>");
        page_td_open(r);
        if (revoked) {
            html_lit(b, "—");
        } else {
            html_lit(b, "<form method=\"post\" action=\"/mijn-agenda/");
            html_int(b, sqljson_int(t, "id"));
            html_lit(b, "/intrekken\">");
            page_csrf_field(r);
            html_lit(b, "<button class=\"utrecht-button utrecht-button--"
                        "secondary-action\" type=\"submit\">Intrekken<span "
                        "class=\"koers-visually-hidden\"> link ");
            html_int(b, sqljson_int(t, "id"));
            html_lit(b, "</span></button></form>");
        }
        html_lit(b, "</td></tr>");
    }
    if (json_array_size(rows))
        page_table_close(r);
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/mijn-agenda\">");
    page_csrf_field(r);
    page_submit(r, "Nieuwe agenda-link maken", 1);
    html_lit(b, "</form>\n");
    page_end(r);
    json_decref(rows);
    json_decref(me);
}

void ui_my_calendar(struct req *r)
{
    my_calendar_page(r, NULL, NULL);
}

void ui_my_calendar_create(struct req *r)
{
    char tok[AUTH_SECRET_HEX + 1], base[300], url[512];
    struct fault f = { 0 };

    if (feed_token_create(r->db, &r->who, tok, &f) < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
        } else {
            r->status = f.kind ? (int)f.kind : 500;
            my_calendar_page(r, NULL, f.msg[0] ? f.msg
                                               : "Opslaan is mislukt.");
        }
        return;
    }
    page_base_url(r, base, sizeof base);
    snprintf(url, sizeof url, "%s/agenda/persoonlijk/%s.ics", base, tok);
    my_calendar_page(r, url, NULL);
}

void ui_my_calendar_revoke(struct req *r)
{
    struct fault f = { 0 };
    char *end;
    long long id = strtoll(r->param[0], &end, 10);

    if (*end != '\0' || id < 1 || r->param[0][0] < '1' ||
        r->param[0][0] > '9') {
        page_error(r, 404, "Niet gevonden", "Deze agenda-link bestaat "
                   "niet.");
        return;
    }
    if (feed_token_revoke(r->db, &r->who, id, &f) != 0) {
        page_error(r, f.kind == FAULT_FORBIDDEN ? 403
                      : f.kind == FAULT_NOTFOUND ? 404 : 500,
                   f.kind == FAULT_FORBIDDEN ? "Geen toestemming"
                      : f.kind == FAULT_NOTFOUND ? "Niet gevonden"
                                                 : "Niet gelukt", f.msg);
        return;
    }
    page_redirect(r, "/mijn-agenda", "", "");
}
