/* ui_meeting.c - the meeting pages: the list of meetings, planning a
 * meeting, one meeting (invitees and attendance, agenda, minutes,
 * decisions, action items, rescheduling) and the secretaris overview.
 *
 * Owns: turning the forms of these pages into the same JSON input the API
 * takes, so validation and permissions stay the domain's (meeting.h);
 * re-rendering a page with a refusal at the top of the section it belongs
 * to, keeping what was typed; and the redirect after a change. All markup
 * goes through html.h; the one exception is the minutes, which cmark
 * renders in safe mode (see minutes_section). */
#include "ui.h"
#include "body.h"
#include "calendar.h"
#include "commitment.h"
#include "html.h"
#include "markdown.h"
#include "meeting.h"
#include "organisation.h"
#include "overview.h"
#include "page.h"
#include "person.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Invitees per attendance form: each sends two fields, and a form holds
 * at most FORM_MAX_FIELDS (64) fields including the CSRF token. */
#define UI_ATTENDANCE_CHUNK 30

static const char *const evaluation_name = "Evaluatie van de governance";

/* ---- small helpers ---- */

/* "10:00–12:00" from two "YYYY-MM-DDTHH:MM" values (end may be NULL). */
static void write_time_range(struct buf *b, const char *begin,
                             const char *end)
{
    char t[8];

    if (begin && strlen(begin) >= 16) {
        snprintf(t, sizeof t, "%.5s", begin + 11);
        html_txt(b, t);
    }
    if (end && strlen(end) >= 16) {
        snprintf(t, sizeof t, "%.5s", end + 11);
        html_lit(b, "–");
        html_txt(b, t);
    }
}

/* The "HH:MM" part of a date-time into out (size 6), "" when absent. */
static void time_part(const char *dt, char out[6])
{
    out[0] = '\0';
    if (dt && strlen(dt) >= 16)
        snprintf(out, 6, "%.5s", dt + 11);
}

static void status_badge(struct buf *b, const char *status)
{
    if (strcmp(status, "geannuleerd") == 0)
        html_lit(b, "<span class=\"koers-badge koers-badge--error\">"
                    "geannuleerd</span>");
    else
        html_lit(b, "<span class=\"koers-badge koers-badge--ok\">"
                    "gepland</span>");
}

static void h3(struct req *r, const char *text)
{
    html_lit(&r->out, "<h3 class=\"nl-heading nl-heading--level-3\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</h3>\n");
}

/* The submit button and the end of a form. */
static void form_end(struct req *r, const char *label, int primary)
{
    page_submit(r, label, primary);
    html_lit(&r->out, "</form>\n");
}

static int may(struct req *r, enum perm_action a, const char *body_code)
{
    return req_logged_in(r) &&
           perm_allowed(r->who.role, r->who.scope, a,
                        body_code && body_code[0] ? body_code : NULL);
}

/* May plan some meeting: unscoped, or a netwerkmanager for the body of
 * its scope. */
static int may_plan_some(struct req *r)
{
    return may(r, ACT_VERGADERING_PLANNEN, NULL) ||
           (req_logged_in(r) && r->who.scope[0] &&
            may(r, ACT_VERGADERING_PLANNEN, r->who.scope));
}

/* Name of a body code from body_list; evaluation name for NULL/"". */
static const char *body_name(json_t *bodies, const char *code)
{
    if (code == NULL || code[0] == '\0' || strcmp(code, "evaluatie") == 0)
        return evaluation_name;
    return page_code_name(bodies, code);
}

/* The overleg of a meeting (object {code, naam} or null) as a link, or
 * the evaluation's name. */
static void body_cell(struct req *r, json_t *m)
{
    json_t *o = json_object_get(m, "overleg");

    if (json_is_object(o) && sqljson_str(o, "code")[0])
        page_code_link(r, "/overleggen/", o);
    else
        html_txt(&r->out, evaluation_name);
}

/* <a href="/vergaderingen/ID">TEXT</a> */
static void meeting_link(struct req *r, long long id, const char *text)
{
    char idtxt[24];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    page_link(r, "/vergaderingen/", idtxt, text);
}

/* After a change: back to meeting `id` with the "Opgeslagen." alert. */
static void redirect_saved(struct req *r, long long id)
{
    char idtxt[24];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    page_redirect(r, "/vergaderingen/", idtxt, "?opgeslagen=1");
}

static void meeting_not_found(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze vergadering bestaat niet.");
}

/* Check "YYYY-MM-DD" and "HH:MM" and join them; -1 with a Dutch reason
 * naming the field. */
static int join_datetime(const char *date, const char *tm, const char *what,
                         char out[17], char *err, size_t errlen)
{
    long d;
    int minute;

    if (date == NULL || cal_parse_date(date, &d) != 0) {
        snprintf(err, errlen, "Geef de datum als JJJJ-MM-DD, bijvoorbeeld "
                 "2026-03-17.");
        return -1;
    }
    snprintf(out, 17, "%.10sT%.5s", date, tm ? tm : "");
    if (tm == NULL || strlen(tm) != 5 ||
        cal_parse_datetime(out, &d, &minute) != 0) {
        snprintf(err, errlen, "Geef de %s als UU:MM, bijvoorbeeld 10:00.",
                 what);
        return -1;
    }
    return 0;
}

/* Set key to the form field's text when it is not empty. */
static void set_text(json_t *in, const char *key, const char *v)
{
    if (v && v[0])
        json_object_set_new(in, key, json_string(v));
}

/* Set key to the id in the form field when it is not empty; -1 with f
 * filled when it is not an id. */
static int set_id(json_t *in, const char *key, const char *v,
                  const char *label, struct fault *f)
{
    long long id;

    if (v == NULL || v[0] == '\0')
        return 0;
    id = page_parse_id(v);
    if (id < 0) {
        fault_set(f, FAULT_INVALID, "%s: kies uit de lijst.", label);
        return -1;
    }
    json_object_set_new(in, key, json_integer(id));
    return 0;
}

/* ---- the list of meetings ---- */

/* The feed links: everything public, and one feed per public body. */
static void feeds_section(struct req *r, json_t *bodies)
{
    struct buf *b = &r->out;
    json_t *bd;
    size_t i;

    page_h2(r, "Agenda in uw agendaprogramma");
    page_para(r, "Neem de vergaderingen op in uw eigen agenda (Outlook, "
                 "Google Agenda, Apple Agenda): voeg een van deze adressen "
                 "toe als abonnement op een agenda via internet. Wijzigingen "
                 "en annuleringen komen dan vanzelf mee.");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/agenda/alles.ics\">Alle openbare "
                "vergaderingen</a></li>");
    json_array_foreach(bodies, i, bd) {
        if (!json_is_true(json_object_get(bd, "openbaar")))
            continue;
        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><a "
                    "class=\"nl-link\" href=\"/agenda/overleggen/");
        html_url_arg(b, sqljson_str(bd, "code"));
        html_lit(b, ".ics\">");
        html_txt(b, sqljson_str(bd, "naam"));
        html_lit(b, "</a></li>");
    }
    html_lit(b, "</ul>\n");
    if (req_logged_in(r))
        html_lit(b, "<p class=\"nl-paragraph\">Een agenda met alleen de "
                    "vergaderingen waarvoor u bent uitgenodigd: <a "
                    "class=\"nl-link\" href=\"/mijn-agenda\">Mijn "
                    "agenda</a>.</p>\n");
}

void ui_meetings(struct req *r)
{
    static const char *const cols[] = { "Datum", "Tijd", "Overleg", "Titel",
        "Status", "#Agendapunten", "Verslag", NULL };
    const char *body = req_query(r, "overleg");
    const char *jaar = req_query(r, "jaar");
    json_t *bodies = body_list(r->db), *list = NULL, *m;
    struct page_choices ch = { 0 };
    struct buf *b = &r->out;
    char from[11], to[11], year_txt[8], caption[256];
    int year, eval_only, shown = 0;
    size_t i;

    if (body && body[0] == '\0')
        body = NULL;
    year = page_year(r, jaar, page_current_year());
    if (year < 0)
        goto cleanup;
    eval_only = body && strcmp(body, "evaluatie") == 0;
    if (body && !eval_only && !page_by_code(bodies, body)) {
        page_error(r, 400, "Onbekend overleg", "Dit overleg bestaat niet. "
                   "Kies een overleg uit de lijst.");
        goto cleanup;
    }
    if (page_choices_from(&ch, bodies, "code", "naam", 0, 1) != 0) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        goto cleanup;
    }
    page_choices_add(&ch, "evaluatie", evaluation_name);
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    snprintf(year_txt, sizeof year_txt, "%d", year);
    list = meeting_list(r->db, eval_only ? NULL : body, from, to);

    page_begin(r, "Vergaderingen", "/vergaderingen");
    page_para(r, "De vergaderingen van de overleggen van de governance, met "
                 "hun agenda, verslag, besluiten en acties.");
    html_lit(b, "<div class=\"koers-actions\">");
    if (may_plan_some(r))
        html_lit(b, "<a class=\"utrecht-button-link utrecht-button-link--"
                    "html-a utrecht-button-link--secondary-action\" "
                    "href=\"/vergaderingen/nieuw\">Nieuwe vergadering</a>");
    html_lit(b, "<a class=\"nl-link\" href=\"/jaarplan\">Jaarplan</a>"
                "<a class=\"nl-link\" href=\"/cyclus\">Regels en controle"
                "</a><a class=\"nl-link\" href=\"/inzet\">Inzet</a>");
    if (may_plan_some(r))
        html_lit(b, "<a class=\"nl-link\" href=\"/secretariaat\">"
                    "Secretariaat</a>");
    html_lit(b, "</div>\n");

    html_lit(b, "<form class=\"koers-form\" method=\"get\" "
                "action=\"/vergaderingen\">");
    page_select(r, "overleg", "Overleg", ch.v, ch.l, body,
                "Alle overleggen", NULL);
    page_field(r, "jaar", "Jaar", "number", year_txt, NULL, 1);
    form_end(r, "Tonen", 0);

    snprintf(caption, sizeof caption, "Vergaderingen in %d%s%s", year,
             body ? " — " : "", body ? body_name(bodies, body) : "");
    json_array_foreach(list, i, m) {
        if (eval_only && strcmp(sqljson_str(m, "soort"), "evaluatie") != 0)
            continue;
        if (shown++ == 0)
            page_table_open(r, "vergaderingen", caption, cols);
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, "</td>");
        page_td_open(r);
        write_time_range(b, sqljson_str(m, "begin"), sqljson_str(m, "einde"));
        html_lit(b, "</td>");
        page_td_open(r);
        body_cell(r, m);
        html_lit(b, "</td>");
        page_th_row_open(r);
        meeting_link(r, sqljson_int(m, "id"), sqljson_str(m, "titel"));
        html_lit(b, "</th>");
        page_td_open(r);
        status_badge(b, sqljson_str(m, "status"));
        html_lit(b, "</td>");
        page_td_num(r, sqljson_int(m, "agendapunten"));
        page_td_open(r);
        html_lit(b, sqljson_int(m, "heeftVerslag") ? "ja" : "nee");
        html_lit(b, "</td></tr>");
    }
    if (shown)
        page_table_close(r);
    else
        page_para(r, "Geen vergaderingen gevonden voor deze keuze.");
    feeds_section(r, bodies);
    page_end(r);
cleanup:
    page_choices_free(&ch);
    json_decref(list);
    json_decref(bodies);
}

/* ---- planning a meeting ---- */

/* field_err when the field `name` is the one refused (bad), else NULL. */
static const char *err_of(const char *bad, const char *name,
                          const char *field_err)
{
    return bad && strcmp(bad, name) == 0 ? field_err : NULL;
}

/* The form of a new meeting; values come from the submitted form (or,
 * for the overleg, from ?overleg=). err goes on top, field_err on the
 * field named bad. */
static void new_meeting_page(struct req *r, const char *err,
                             const char *bad, const char *field_err)
{
    static const char *const kinds[] = { "overleg", "evaluatie", NULL };
    static const char *const kind_labels[] = { "Vergadering van een overleg",
        "Evaluatie van de governance", NULL };
    json_t *bodies = body_list(r->db), *own = json_array(), *bd;
    struct page_choices ch = { 0 };
    struct buf *b = &r->out;
    int unscoped = may(r, ACT_VERGADERING_PLANNEN, NULL);
    const char *sel = req_field(r, "overleg");
    size_t i;

    if (sel == NULL)
        sel = req_query(r, "overleg");
    json_array_foreach(bodies, i, bd)
        if (may(r, ACT_VERGADERING_PLANNEN, sqljson_str(bd, "code")))
            json_array_append(own, bd);
    if (page_choices_from(&ch, own, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        goto cleanup;
    }
    page_begin(r, "Nieuwe vergadering", "/vergaderingen");
    if (err)
        page_alert(r, "error", err);
    if (!unscoped)
        page_para(r, "Als netwerkmanager plant u vergaderingen van uw eigen "
                     "kerngroep.");
    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/vergaderingen\">");
    page_csrf_field(r);
    page_select(r, "overleg", unscoped ? "Overleg (niet bij een evaluatie "
                "van de governance)" : "Overleg", ch.v, ch.l, sel,
                unscoped ? "Kies een overleg" : NULL,
                err_of(bad, "overleg", field_err));
    if (unscoped)
        page_select(r, "soort", "Soort", kinds, kind_labels,
                    req_field(r, "soort"), NULL, NULL);
    page_field_placeholder(r, "datum", "Datum (JJJJ-MM-DD)",
                           req_field(r, "datum"), "JJJJ-MM-DD",
                           err_of(bad, "datum", field_err), 1);
    page_field_placeholder(r, "begintijd", "Begintijd (UU:MM)",
                           req_field(r, "begintijd"), "UU:MM",
                           err_of(bad, "begintijd", field_err), 1);
    page_field_placeholder(r, "eindtijd", "Eindtijd (UU:MM)",
                           req_field(r, "eindtijd"), "UU:MM",
                           err_of(bad, "eindtijd", field_err), 1);
    page_field(r, "locatie", "Locatie", "text", req_field(r, "locatie"),
               NULL, 0);
    page_field(r, "titel", "Titel (leeg: de naam van het overleg)", "text",
               req_field(r, "titel"), NULL, 0);
    form_end(r, "Vergadering plannen", 1);
    page_para(r, "De leden en vaste genodigden van het overleg worden "
                 "uitgenodigd, en agendapunten die op de volgende vergadering "
                 "van dit overleg wachten komen op de agenda.");
    page_end(r);
cleanup:
    page_choices_free(&ch);
    json_decref(own);
    json_decref(bodies);
}

void ui_meeting_new(struct req *r)
{
    if (!may_plan_some(r)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                   "vergaderingen plannen.");
        return;
    }
    new_meeting_page(r, NULL, NULL, NULL);
}

void ui_meeting_create(struct req *r)
{
    const char *kind = req_field(r, "soort");
    const char *date = req_field(r, "datum");
    char begin[17], end[17], err[200];
    struct fault f = { 0 };
    json_t *in = json_object();
    long long id;
    long day;
    int eval;

    if (kind == NULL || kind[0] == '\0')
        kind = "overleg";
    eval = strcmp(kind, "evaluatie") == 0;
    if (join_datetime(date, req_field(r, "begintijd"), "begintijd", begin,
                      err, sizeof err) != 0) {
        r->status = 400;
        new_meeting_page(r, "De vergadering is niet gepland.",
                         date && cal_parse_date(date, &day) == 0
                             ? "begintijd" : "datum", err);
        goto cleanup;
    }
    if (join_datetime(date, req_field(r, "eindtijd"), "eindtijd", end, err,
                      sizeof err) != 0) {
        r->status = 400;
        new_meeting_page(r, "De vergadering is niet gepland.", "eindtijd",
                         err);
        goto cleanup;
    }
    if (!eval)
        set_text(in, "overleg", req_field(r, "overleg"));
    json_object_set_new(in, "soort", json_string(kind));
    json_object_set_new(in, "begin", json_string(begin));
    json_object_set_new(in, "einde", json_string(end));
    set_text(in, "locatie", req_field(r, "locatie"));
    set_text(in, "titel", req_field(r, "titel"));
    id = meeting_create(r->db, &r->who, in, &f);
    if (id < 0) {
        r->status = f.kind ? (int)f.kind : 500;
        new_meeting_page(r, f.msg[0] ? f.msg : "Opslaan is mislukt.", NULL,
                         NULL);
    } else {
        redirect_saved(r, id);
    }
cleanup:
    json_decref(in);
}

/* ---- one meeting ---- */

/* One rendering of a meeting page: the meeting, what the viewer may do,
 * and a refusal (err) of the form `form` to show in its section. */
struct mpage {
    json_t *m;
    long long id;
    const char *body;          /* body code, "" for the evaluation */
    int planned;               /* status gepland */
    int may_plan;
    int may_record;
    const char *form;
    const char *err;
    struct page_choices orgs;  /* for the invite and action forms */
    struct page_choices people;
};

/* The section (h2 id) that shows the refusals of each form. */
static const char *form_section(const char *form)
{
    static const struct { const char *form, *section; } map[] = {
        { "aanwezigheid", "genodigden" }, { "uitnodigen", "genodigden" },
        { "agendapunt", "agenda" }, { "agendastatus", "agenda" },
        { "verslag", "verslag" }, { "besluit", "besluiten" },
        { "actie", "acties" }, { "actiestatus", "acties" },
        { "verzetten", "verzetten" }, { "annuleren", "verzetten" },
    };
    size_t i;

    for (i = 0; form && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].form, form) == 0)
            return map[i].section;
    return "inhoud";
}

/* The submitted value of field `name` when the page shows a refusal of
 * `form` (so the typed text survives), else NULL. */
static const char *kept(struct req *r, const struct mpage *p,
                        const char *form, const char *name)
{
    if (p->form && strcmp(p->form, form) == 0)
        return req_field(r, name);
    return NULL;
}

/* The refusal of `form` as an error alert, when the page shows one. */
static void form_error(struct req *r, const struct mpage *p,
                       const char *form)
{
    if (p->err && p->form && strcmp(p->form, form) == 0)
        page_alert(r, "error", p->err);
}

/* The refusal of `form` (NULL: none, shown elsewhere), then
 * <form class="koers-form" method="post" action="/vergaderingen/ID...">
 * with the CSRF field; suffix is a fixed path part ("" or "/verslag"). */
static void form_open(struct req *r, const struct mpage *p,
                      const char *form, const char *suffix)
{
    if (form)
        form_error(r, p, form);
    html_lit(&r->out, "<form class=\"koers-form\" method=\"post\" "
                      "action=\"/vergaderingen/");
    html_int(&r->out, p->id);
    html_lit(&r->out, suffix);
    html_lit(&r->out, "\">");
    page_csrf_field(r);
}

static const char *invitee_kind(const char *k)
{
    if (strcmp(k, "agendagenodigde") == 0)
        return "genodigde voor deze agenda";
    if (strcmp(k, "genodigde") == 0)
        return "genodigde";
    if (strcmp(k, "secretaris") == 0)
        return "secretaris";
    return "lid";
}

/* Organisation and/or person of an invitee as links. */
static void invitee_name(struct req *r, json_t *g)
{
    json_t *org = json_object_get(g, "organisatie");
    json_t *per = json_object_get(g, "persoon");

    if (json_is_object(org))
        page_code_link(r, "/organisaties/", org);
    if (json_is_object(org) && json_is_object(per))
        html_lit(&r->out, " — ");
    if (json_is_object(per)) {
        char idtxt[24];

        snprintf(idtxt, sizeof idtxt, "%lld", sqljson_int(per, "id"));
        page_link(r, "/personen/", idtxt, sqljson_str(per, "naam"));
    }
}

/* Plain-text name of an invitee, for hidden labels. */
static const char *invitee_label(json_t *g)
{
    json_t *org = json_object_get(g, "organisatie");

    if (json_is_object(org))
        return sqljson_str(org, "naam");
    return sqljson_str(json_object_get(g, "persoon"), "naam");
}

/* One table of invitees [from, to); with `form` the attendance column
 * holds a select and a text field per invitee. */
static void invitee_table(struct req *r, const struct mpage *p, json_t *list,
                          size_t from, size_t to, int form)
{
    static const char *const cols[] = { "Genodigde", "Soort", "Zetel",
        "Aanwezigheid", "Vervangen door", NULL };
    static const char *const states[] = { "aanwezig", "afwezig",
                                          "vervangen" };
    struct buf *b = &r->out;
    char id[40], caption[120];
    size_t i, k, n = json_array_size(list);

    snprintf(id, sizeof id, "genodigden-%zu", from / UI_ATTENDANCE_CHUNK + 1);
    if (n > UI_ATTENDANCE_CHUNK)
        snprintf(caption, sizeof caption, "Genodigden %zu tot en met %zu "
                 "van %zu", from + 1, to, n);
    else
        snprintf(caption, sizeof caption, "Genodigden");
    page_table_open(r, id, caption, cols);
    for (i = from; i < to; i++) {
        json_t *g = json_array_get(list, i);
        long long gid = sqljson_int(g, "id");
        const char *att = sqljson_str(g, "aanwezigheid");
        const char *sel = att, *rep = sqljson_str(g, "vervangenDoor");
        char name[40];

        if (form && p->form && strcmp(p->form, "aanwezigheid") == 0) {
            snprintf(name, sizeof name, "status-%lld", gid);
            sel = req_field(r, name) ? req_field(r, name) : "";
            snprintf(name, sizeof name, "vervangen-%lld", gid);
            rep = req_field(r, name) ? req_field(r, name) : "";
        }
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        invitee_name(r, g);
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, invitee_kind(sqljson_str(g, "soort")));
        html_lit(b, "</td>");
        page_td(r, g, "zetel");
        page_td_open(r);
        if (form) {
            html_lit(b, "<label class=\"koers-visually-hidden\" "
                        "for=\"aanwezigheid-");
            html_int(b, gid);
            html_lit(b, "\">Aanwezigheid van ");
            html_txt(b, invitee_label(g));
            html_lit(b, "</label><select class=\"utrecht-select "
                        "utrecht-select--html-select\" id=\"aanwezigheid-");
            html_int(b, gid);
            html_lit(b, "\" name=\"status-");
            html_int(b, gid);
            html_lit(b, "\"><option value=\"\">nog niet vastgelegd</option>");
            for (k = 0; k < sizeof states / sizeof states[0]; k++) {
                html_lit(b, "<option value=\"");
                html_attr(b, states[k]);
                html_lit(b, strcmp(sel, states[k]) == 0 ? "\" selected>"
                                                        : "\">");
                html_txt(b, states[k]);
                html_lit(b, "</option>");
            }
            html_lit(b, "</select>");
        } else {
            html_txt(b, att[0] ? att : "nog niet vastgelegd");
        }
        html_lit(b, "</td>");
        page_td_open(r);
        if (form) {
            html_lit(b, "<label class=\"koers-visually-hidden\" "
                        "for=\"vervangen-");
            html_int(b, gid);
            html_lit(b, "\">Vervangen door (bij ");
            html_txt(b, invitee_label(g));
            html_lit(b, ")</label><input class=\"utrecht-textbox "
                        "utrecht-textbox--html-input\" type=\"text\" "
                        "id=\"vervangen-");
            html_int(b, gid);
            html_lit(b, "\" name=\"vervangen-");
            html_int(b, gid);
            html_lit(b, "\" value=\"");
            html_attr(b, rep);
            html_lit(b, "\">");
        } else {
            html_txt(b, rep[0] ? rep : "—");
        }
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

static void invitees_section(struct req *r, struct mpage *p)
{
    json_t *list = json_object_get(p->m, "genodigden");
    size_t n = json_array_size(list), from;
    int form = p->may_record && p->planned;

    page_h2_id(r, "genodigden", "Genodigden en aanwezigheid");
    form_error(r, p, "aanwezigheid");
    if (n == 0)
        page_para(r, "Er zijn geen genodigden.");
    for (from = 0; from < n; from += UI_ATTENDANCE_CHUNK) {
        size_t to = from + UI_ATTENDANCE_CHUNK < n ? from + UI_ATTENDANCE_CHUNK
                                                   : n;
        if (form) {
            form_open(r, p, NULL, "/aanwezigheid");
            invitee_table(r, p, list, from, to, 1);
            page_para(r, "Laat een genodigde op \"nog niet vastgelegd\" staan "
                         "om niets te wijzigen. Vul bij \"vervangen\" in door "
                         "wie.");
            form_end(r, "Aanwezigheid opslaan", 1);
        } else {
            invitee_table(r, p, list, from, to, 0);
        }
    }
    if (!form)
        return;
    h3(r, "Genodigde voor deze agenda");
    page_para(r, "Nodig voor deze vergadering alleen een organisatie of "
                 "persoon uit (de flexibiliteit van de samenstelling).");
    form_open(r, p, "uitnodigen", "/genodigden");
    page_select(r, "genodigde-organisatie", "Organisatie", p->orgs.v,
                p->orgs.l, kept(r, p, "uitnodigen", "genodigde-organisatie"),
                "Geen organisatie", NULL);
    page_select(r, "genodigde-persoon", "Persoon", p->people.v, p->people.l,
                kept(r, p, "uitnodigen", "genodigde-persoon"), "Geen persoon",
                NULL);
    form_end(r, "Uitnodigen", 1);
}

static const char *source_words(const char *s)
{
    if (strcmp(s, "kerngroep") == 0)
        return "uit de kerngroep";
    if (strcmp(s, "koersoverleg") == 0)
        return "uit het koersoverleg";
    if (strcmp(s, "knelpunt") == 0)
        return "knelpunt";
    if (strcmp(s, "verzoek") == 0)
        return "verzoek";
    if (strcmp(s, "consultatie") == 0)
        return "consultatie van de regio's";
    if (strcmp(s, "ser") == 0)
        return "SER-verzoek";
    return "toegevoegd";
}

static void item_badge(struct buf *b, const char *status)
{
    if (strcmp(status, "voorgesteld") == 0)
        html_lit(b, "<span class=\"koers-badge koers-badge--warning\">"
                    "voorgesteld</span>");
    else if (strcmp(status, "afgevoerd") == 0)
        html_lit(b, "<span class=\"koers-badge\">afgevoerd</span>");
    else
        html_lit(b, "<span class=\"koers-badge koers-badge--ok\">"
                    "geagendeerd</span>");
}

/* A one-button form that sets a proposed item's status. */
static void item_button(struct req *r, const struct mpage *p, json_t *it,
                        const char *status, const char *label)
{
    struct buf *b = &r->out;

    html_lit(b, "<form method=\"post\" action=\"/vergaderingen/");
    html_int(b, p->id);
    html_lit(b, "/agendapunten/");
    html_int(b, sqljson_int(it, "id"));
    html_lit(b, "\">");
    page_csrf_field(r);
    html_lit(b, "<input type=\"hidden\" name=\"status\" value=\"");
    html_attr(b, status);
    html_lit(b, "\"><button class=\"utrecht-button utrecht-button--"
                "secondary-action\" type=\"submit\">");
    html_txt(b, label);
    html_lit(b, "<span class=\"koers-visually-hidden\">: ");
    html_txt(b, sqljson_str(it, "titel"));
    html_lit(b, "</span></button></form>");
}

static void agenda_section(struct req *r, const struct mpage *p)
{
    json_t *items = json_object_get(p->m, "agenda"), *it;
    struct buf *b = &r->out;
    size_t i;

    page_h2_id(r, "agenda", "Agenda");
    form_error(r, p, "agendastatus");
    if (json_array_size(items) == 0)
        page_para(r, "Nog geen agendapunten.");
    else
        html_lit(b, "<ol class=\"utrecht-ordered-list\">");
    json_array_foreach(items, i, it) {
        const char *st = sqljson_str(it, "status");

        html_lit(b, "<li class=\"utrecht-ordered-list__item\"><strong>");
        html_txt(b, sqljson_str(it, "titel"));
        html_lit(b, "</strong> <span class=\"koers-muted\">(");
        html_txt(b, source_words(sqljson_str(it, "bron")));
        html_lit(b, ")</span> ");
        item_badge(b, st);
        if (sqljson_str(it, "omschrijving")[0]) {
            html_lit(b, "<p class=\"nl-paragraph\">");
            html_txt(b, sqljson_str(it, "omschrijving"));
            html_lit(b, "</p>");
        }
        if (p->may_record && strcmp(st, "voorgesteld") == 0) {
            html_lit(b, "<div class=\"koers-actions\">");
            item_button(r, p, it, "geagendeerd", "Agenderen");
            item_button(r, p, it, "afgevoerd", "Afvoeren");
            html_lit(b, "</div>");
        }
        html_lit(b, "</li>");
    }
    if (json_array_size(items))
        html_lit(b, "</ol>\n");
    if (!p->may_record)
        return;
    h3(r, "Agendapunt toevoegen");
    form_open(r, p, "agendapunt", "/agendapunten");
    page_field(r, "agendapunt", "Titel van het agendapunt", "text",
               kept(r, p, "agendapunt", "agendapunt"), NULL, 1);
    page_field(r, "toelichting", "Omschrijving", "textarea",
               kept(r, p, "agendapunt", "toelichting"), NULL, 0);
    form_end(r, "Agendapunt toevoegen", 1);
}

/* cmark writes <h1>..<h6> for Markdown headings; under this page's h2
 * they become h3..h6 so the heading order holds. cmark escapes all text
 * and code, so "<h" followed by a digit can only be its own tag. */
static void shift_headings(struct buf *out, const char *html)
{
    const char *p = html, *run = html;

    while (*p) {
        int close = p[0] == '<' && p[1] == '/';
        const char *h = p + (close ? 2 : 1);

        if (p[0] == '<' && h[0] == 'h' && h[1] >= '1' && h[1] <= '6' &&
            h[2] == '>') {
            char lvl = (char)(h[1] + 2 > '6' ? '6' : h[1] + 2);

            buf_append(out, run, (size_t)(h + 1 - run));
            buf_putc(out, lvl);
            run = h + 2;
            p = h + 2;
        } else {
            p++;
        }
    }
    buf_puts(out, run);
}

static void minutes_section(struct req *r, const struct mpage *p)
{
    const char *text = sqljson_str(p->m, "verslag");
    const char *typed = kept(r, p, "verslag", "verslag");
    struct buf *b = &r->out;

    page_h2_id(r, "verslag", "Verslag");
    if (text[0]) {
        char *html = markdown_html(text);
        struct buf shifted;

        buf_init(&shifted, 4 * MARKDOWN_MAX + 65536);
        if (html)
            shift_headings(&shifted, html);
        html_lit(b, "<div>");
        /* The one place where markup made by a library goes out
         * unescaped: cmark renders with CMARK_OPT_SAFE, which escapes all
         * text, drops raw HTML and replaces unsafe links (javascript:,
         * data: ...), and markdown_check refused raw HTML and such links
         * when the minutes were saved (meeting_minutes). */
        html_lit(b, html && !buf_failed(&shifted) ? buf_str(&shifted) : "");
        html_lit(b, "</div>");
        buf_free(&shifted);
        free(html);
        if (sqljson_str(p->m, "verslagOp")[0]) {
            html_lit(b, "<p class=\"nl-paragraph\"><span class=\"koers-"
                        "muted\">Vastgelegd op ");
            page_date_long(r, sqljson_str(p->m, "verslagOp"));
            html_lit(b, ".</span></p>");
        }
    } else {
        page_para(r, "Nog geen verslag.");
    }
    if (!p->may_record)
        return;
    h3(r, text[0] ? "Verslag wijzigen" : "Verslag schrijven");
    form_open(r, p, "verslag", "/verslag");
    page_field(r, "verslag", "Verslag (in Markdown: # kop, *nadruk*, "
               "lijsten met -, links als [tekst](https://…); HTML is niet "
               "toegestaan)", "textarea", typed ? typed : text, NULL, 1);
    form_end(r, "Verslag opslaan", 1);
}

static void decisions_section(struct req *r, const struct mpage *p)
{
    json_t *list = json_object_get(p->m, "besluiten"), *d;
    struct buf *b = &r->out;
    size_t i;

    page_h2_id(r, "besluiten", "Besluiten");
    if (json_array_size(list) == 0)
        page_para(r, "Nog geen besluiten.");
    else
        html_lit(b, "<ol class=\"utrecht-ordered-list\">");
    json_array_foreach(list, i, d) {
        html_lit(b, "<li class=\"utrecht-ordered-list__item\" value=\"");
        html_int(b, sqljson_int(d, "nummer"));
        html_lit(b, "\">");
        html_txt(b, sqljson_str(d, "tekst"));
        html_lit(b, "</li>");
    }
    if (json_array_size(list))
        html_lit(b, "</ol>\n");
    if (!p->may_record)
        return;
    h3(r, "Besluit vastleggen");
    form_open(r, p, "besluit", "/besluiten");
    page_field(r, "besluit", "Besluit", "textarea",
               kept(r, p, "besluit", "besluit"), NULL, 1);
    form_end(r, "Besluit vastleggen", 1);
    page_para(r, "Een besluit van een kerngroep wordt voorgesteld op de "
                 "agenda van het eerstvolgende koersoverleg; een besluit van "
                 "het koersoverleg op de agenda van het eerstvolgende "
                 "DG-overleg.");
}

/* Status select of one action, in its own small form to /acties/ID. */
static void action_form(struct req *r, json_t *a)
{
    static const char *const states[] = { "open", "gereed", "vervallen" };
    struct buf *b = &r->out;
    long long id = sqljson_int(a, "id");
    const char *cur = sqljson_str(a, "status");
    size_t k;

    html_lit(b, "<form method=\"post\" action=\"/acties/");
    html_int(b, id);
    html_lit(b, "\">");
    page_csrf_field(r);
    html_lit(b, "<label class=\"koers-visually-hidden\" for=\"actie-");
    html_int(b, id);
    html_lit(b, "-status\">Status van de actie ");
    html_txt(b, sqljson_str(a, "omschrijving"));
    html_lit(b, "</label><select class=\"utrecht-select "
                "utrecht-select--html-select\" id=\"actie-");
    html_int(b, id);
    html_lit(b, "-status\" name=\"status\">");
    for (k = 0; k < sizeof states / sizeof states[0]; k++) {
        html_lit(b, "<option value=\"");
        html_attr(b, states[k]);
        html_lit(b, strcmp(cur, states[k]) == 0 ? "\" selected>" : "\">");
        html_txt(b, states[k]);
        html_lit(b, "</option>");
    }
    html_lit(b, "</select> <button class=\"utrecht-button utrecht-button--"
                "secondary-action\" type=\"submit\">Opslaan<span "
                "class=\"koers-visually-hidden\"> (status van deze actie)"
                "</span></button></form>");
}

static void actions_section(struct req *r, const struct mpage *p)
{
    static const char *const cols[] = { "Omschrijving", "Eigenaar",
        "Deadline", "Status", NULL };
    static const char *const cols_edit[] = { "Omschrijving", "Eigenaar",
        "Deadline", "Status", "Status wijzigen", NULL };
    json_t *list = json_object_get(p->m, "acties"), *a;
    struct buf *b = &r->out;
    size_t i;

    page_h2_id(r, "acties", "Acties");
    form_error(r, p, "actiestatus");
    if (json_array_size(list) == 0)
        page_para(r, "Nog geen acties.");
    else
        page_table_open(r, "acties-tabel", "Acties uit deze vergadering",
                        p->may_record ? cols_edit : cols);
    json_array_foreach(list, i, a) {
        json_t *own = json_object_get(a, "eigenaar");
        const char *on = sqljson_str(own, "organisatieNaam");
        const char *pn = sqljson_str(own, "persoonNaam");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(a, "omschrijving"));
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, on);
        html_lit(b, on[0] && pn[0] ? " — " : "");
        html_txt(b, pn);
        html_lit(b, on[0] || pn[0] ? "" : "—");
        html_lit(b, "</td>");
        page_td_open(r);
        page_date_long(r, sqljson_str(a, "deadline"));
        html_lit(b, "</td>");
        page_td_open(r);
        html_txt(b, sqljson_str(a, "status"));
        if (sqljson_int(a, "teLaat"))
            html_lit(b, " <span class=\"koers-badge koers-badge--error\">"
                        "te laat</span>");
        html_lit(b, "</td>");
        if (p->may_record) {
            page_td_open(r);
            action_form(r, a);
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>");
    }
    if (json_array_size(list))
        page_table_close(r);
    if (!p->may_record)
        return;
    h3(r, "Actie toevoegen");
    form_open(r, p, "actie", "/acties");
    page_field(r, "actie", "Omschrijving van de actie", "text",
               kept(r, p, "actie", "actie"), NULL, 1);
    page_select(r, "eigenaar", "Eigenaar (organisatie)", p->orgs.v,
                p->orgs.l, kept(r, p, "actie", "eigenaar"),
                "Geen organisatie", NULL);
    page_select(r, "eigenaar-persoon", "Eigenaar (persoon)", p->people.v,
                p->people.l, kept(r, p, "actie", "eigenaar-persoon"),
                "Geen persoon", NULL);
    page_field_placeholder(r, "deadline", "Deadline (JJJJ-MM-DD)",
                           kept(r, p, "actie", "deadline"), "JJJJ-MM-DD",
                           NULL, 1);
    form_end(r, "Actie toevoegen", 1);
}

static void reschedule_section(struct req *r, const struct mpage *p)
{
    const char *begin = sqljson_str(p->m, "begin");
    const char *end = sqljson_str(p->m, "einde");
    int again = p->form && strcmp(p->form, "verzetten") == 0;
    char date[11], t1[6], t2[6];

    page_h2_id(r, "verzetten", "Verzetten of annuleren");
    if (!p->planned) {
        form_error(r, p, "verzetten");
        form_error(r, p, "annuleren");
        page_para(r, "Deze vergadering is geannuleerd.");
        return;
    }
    snprintf(date, sizeof date, "%.10s", begin);
    time_part(begin, t1);
    time_part(end, t2);
    form_open(r, p, "verzetten", "");
    page_field_placeholder(r, "datum", "Datum (JJJJ-MM-DD)",
                           again ? req_field(r, "datum") : date,
                           "JJJJ-MM-DD", NULL, 1);
    page_field_placeholder(r, "begintijd", "Begintijd (UU:MM)",
                           again ? req_field(r, "begintijd") : t1, "UU:MM",
                           NULL, 1);
    page_field_placeholder(r, "eindtijd", "Eindtijd (UU:MM)",
                           again ? req_field(r, "eindtijd") : t2, "UU:MM",
                           NULL, 1);
    page_field(r, "locatie", "Locatie", "text",
               again ? req_field(r, "locatie")
                     : sqljson_str(p->m, "locatie"), NULL, 0);
    page_field(r, "titel", "Titel", "text",
               again ? req_field(r, "titel") : sqljson_str(p->m, "titel"),
               NULL, 0);
    form_end(r, "Wijzigingen opslaan", 1);
    page_para(r, "Wie de vergadering in zijn agenda heeft via een "
                 "agenda-link, krijgt de nieuwe tijd vanzelf.");
    h3(r, "Annuleren");
    form_open(r, p, "annuleren", "/annuleren");
    form_end(r, "Vergadering annuleren", 0);
}

static void meeting_page(struct req *r, json_t *m, const char *form,
                         const char *err)
{
    struct mpage p;
    json_t *orgs = NULL, *people = NULL, *flags, *x;
    struct buf *b = &r->out;
    const char *status = sqljson_str(m, "status");
    size_t i;

    memset(&p, 0, sizeof p);
    p.m = m;
    p.id = sqljson_int(m, "id");
    p.body = sqljson_str(json_object_get(m, "overleg"), "code");
    p.planned = strcmp(status, "geannuleerd") != 0;
    p.may_plan = may(r, ACT_VERGADERING_PLANNEN, p.body);
    p.may_record = may(r, ACT_VERGADERING_VASTLEGGEN, p.body);
    p.form = form;
    p.err = err;
    if (p.may_record) {
        orgs = organisation_list(r->db);
        people = person_list(r->db);
        if (page_choices_from(&p.orgs, orgs, "code", "naam", 0, 0) != 0 ||
            page_choices_from(&p.people, people, "id", "naam", 1, 0) != 0) {
            page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
            goto cleanup;
        }
    }

    page_begin(r, sqljson_str(m, "titel"), "/vergaderingen");
    if (err) {
        html_lit(b, "<div class=\"koers-error-summary\" role=\"group\" "
                    "aria-labelledby=\"fout-titel\"><h2 class=\"nl-heading "
                    "nl-heading--level-2\" id=\"fout-titel\">Niet "
                    "opgeslagen</h2><ul class=\"utrecht-unordered-list\">"
                    "<li class=\"utrecht-unordered-list__item\"><a href=\"#");
        html_attr(b, form_section(form));
        html_lit(b, "\">");
        html_txt(b, err);
        html_lit(b, "</a></li></ul></div>\n");
    } else if (req_query(r, "opgeslagen")) {
        page_alert(r, "ok", "Opgeslagen.");
    }
    html_lit(b, "<dl class=\"koers-dl\"><dt>Overleg</dt><dd>");
    body_cell(r, m);
    html_lit(b, "</dd><dt>Datum</dt><dd>");
    page_date_long(r, sqljson_str(m, "begin"));
    html_lit(b, "</dd><dt>Tijd</dt><dd>");
    write_time_range(b, sqljson_str(m, "begin"), sqljson_str(m, "einde"));
    html_lit(b, "</dd>");
    page_dl_item(r, "Locatie", sqljson_str(m, "locatie"));
    html_lit(b, "<dt>Status</dt><dd>");
    status_badge(b, status);
    html_lit(b, "</dd><dt>Volgnummer</dt><dd>");
    html_int(b, sqljson_int(m, "volgnummer"));
    html_lit(b, " <span class=\"koers-muted\">(telt elke verzetting en "
                "annulering, voor agendaprogramma's)</span></dd></dl>\n");

    flags = json_object_get(m, "samenstelling");
    if (json_array_size(flags)) {
        page_alert_open(r, "warning");
        html_lit(b, "<p class=\"nl-paragraph\">De samenstelling van deze "
                    "vergadering wijkt af van de regel van het overleg:</p>"
                    "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(flags, i, x) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            html_txt(b, json_string_value(x));
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>");
        page_alert_close(r);
    }
    if (!req_logged_in(r))
        html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                    "href=\"/inloggen\">Log in</a> om aanwezigheid, agenda, "
                    "verslag, besluiten en acties vast te leggen.</p>\n");

    invitees_section(r, &p);
    agenda_section(r, &p);
    minutes_section(r, &p);
    decisions_section(r, &p);
    actions_section(r, &p);
    if (p.may_plan)
        reschedule_section(r, &p);
    page_end(r);
cleanup:
    page_choices_free(&p.orgs);
    page_choices_free(&p.people);
    json_decref(orgs);
    json_decref(people);
}

void ui_meeting(struct req *r)
{
    long long id = page_parse_id(r->param[0]);
    json_t *m = id > 0 ? meeting_get(r->db, id) : NULL;

    if (m == NULL) {
        meeting_not_found(r);
        return;
    }
    meeting_page(r, m, NULL, NULL);
    json_decref(m);
}

/* After a change of meeting `id` by form `form`: on success back to the
 * meeting; a refusal for the role is a 403 page; any other refusal shows
 * the meeting again with the message in the form's section and the
 * fault's status. */
static void finish_change(struct req *r, long long id, int failed,
                          const struct fault *f, const char *form)
{
    json_t *m;

    if (!failed) {
        redirect_saved(r, id);
        return;
    }
    if (f->kind == FAULT_FORBIDDEN) {
        page_error(r, 403, "Geen toestemming", f->msg);
        return;
    }
    m = meeting_get(r->db, id);
    if (m == NULL) {
        meeting_not_found(r);
        return;
    }
    r->status = f->kind ? (int)f->kind : 500;
    meeting_page(r, m, form, f->msg[0] ? f->msg : "Opslaan is mislukt.");
    json_decref(m);
}

/* The meeting id of the path, or -1 after answering 404. */
static long long path_id(struct req *r)
{
    long long id = page_parse_id(r->param[0]);

    if (id < 0)
        meeting_not_found(r);
    return id;
}

/* How a form field goes into the JSON a meeting.h change takes. */
enum field_kind {
    FIELD_TEXT,        /* the text; "" when absent, the domain names it */
    FIELD_OPTIONAL,    /* the text, left out when empty */
    FIELD_ID           /* an id from a select, left out when empty */
};

/* One field of a meeting form; a list ends with a NULL name. */
struct form_field {
    const char *name;          /* in the form */
    const char *key;           /* in the JSON input */
    enum field_kind kind;
    const char *label;         /* FIELD_ID: the field named in a refusal */
};

/* A change of meeting `id` (meeting.h, the calls api_meeting.c makes):
 * 0 or the id of what was added, or -1 with f filled. */
typedef long long (*meeting_change)(sqlite3 *db, const struct actor *who,
                                    long long id, json_t *in,
                                    struct fault *f);

/* Copy the fields of list ff from the form into in, in list order; -1
 * with f filled when an id field holds no id. */
static int form_json(struct req *r, const struct form_field *ff, json_t *in,
                     struct fault *f)
{
    for (; ff->name; ff++) {
        const char *v = req_field(r, ff->name);

        if (ff->kind == FIELD_TEXT)
            json_object_set_new(in, ff->key, json_string(v ? v : ""));
        else if (ff->kind == FIELD_OPTIONAL)
            set_text(in, ff->key, v);
        else if (set_id(in, ff->key, v, ff->label, f) != 0)
            return -1;
    }
    return 0;
}

/* The POST handler of a form on the meeting page: the meeting id of the
 * path (404 page when it is none), the fields ff as JSON, the change fn,
 * and finish_change with `form` for a refusal. */
static void form_change(struct req *r, const struct form_field *ff,
                        meeting_change fn, const char *form)
{
    long long id = path_id(r);
    struct fault f = { 0 };
    json_t *in;
    int failed = 1;

    if (id < 0)
        return;
    in = json_object();
    if (form_json(r, ff, in, &f) == 0)
        failed = fn(r->db, &r->who, id, in, &f) < 0;
    finish_change(r, id, failed, &f, form);
    json_decref(in);
}

void ui_meeting_update(struct req *r)
{
    long long id = path_id(r);
    const char *date = req_field(r, "datum");
    const char *t1 = req_field(r, "begintijd");
    const char *t2 = req_field(r, "eindtijd");
    const char *loc = req_field(r, "locatie");
    char begin[17], end[17], err[200];
    struct fault f = { 0 };
    json_t *in;
    int rc = -1;

    if (id < 0)
        return;
    in = json_object();
    if (join_datetime(date, t1, "begintijd", begin, err, sizeof err) != 0 ||
        join_datetime(date, t2, "eindtijd", end, err, sizeof err) != 0) {
        fault_set(&f, FAULT_INVALID, "%s", err);
    } else {
        json_object_set_new(in, "begin", json_string(begin));
        json_object_set_new(in, "einde", json_string(end));
        json_object_set_new(in, "locatie", json_string(loc ? loc : ""));
        set_text(in, "titel", req_field(r, "titel"));
        rc = meeting_update(r->db, &r->who, id, in, &f);
    }
    finish_change(r, id, rc < 0, &f, "verzetten");
    json_decref(in);
}

void ui_meeting_cancel(struct req *r)
{
    long long id = path_id(r);
    struct fault f = { 0 };

    if (id < 0)
        return;
    finish_change(r, id, meeting_cancel(r->db, &r->who, id, &f) < 0, &f,
                  "annuleren");
}

void ui_meeting_invite(struct req *r)
{
    static const struct form_field ff[] = {
        { "genodigde-organisatie", "organisatie", FIELD_OPTIONAL, NULL },
        { "genodigde-persoon", "persoon", FIELD_ID, "Persoon" },
        { NULL, NULL, FIELD_TEXT, NULL },
    };

    form_change(r, ff, meeting_invite, "uitnodigen");
}

void ui_meeting_agenda_add(struct req *r)
{
    static const struct form_field ff[] = {
        { "agendapunt", "titel", FIELD_TEXT, NULL },
        { "toelichting", "omschrijving", FIELD_OPTIONAL, NULL },
        { NULL, NULL, FIELD_TEXT, NULL },
    };

    form_change(r, ff, meeting_agenda_add, "agendapunt");
}

void ui_meeting_agenda_status(struct req *r)
{
    long long id = path_id(r), item;
    const char *st = req_field(r, "status");
    struct fault f = { 0 };
    json_t *in;

    if (id < 0)
        return;
    item = page_parse_id(r->param[1]);
    if (item < 0) {
        page_error(r, 404, "Niet gevonden", "Dit agendapunt bestaat niet.");
        return;
    }
    in = json_object();
    json_object_set_new(in, "status", json_string(st ? st : ""));
    finish_change(r, id, meeting_agenda_status(r->db, &r->who, id, item, in,
                                               &f) < 0, &f, "agendastatus");
    json_decref(in);
}

/* meeting_minutes as a meeting_change. */
static long long change_minutes(sqlite3 *db, const struct actor *who,
                                long long id, json_t *in, struct fault *f)
{
    return meeting_minutes(db, who, id, in, f);
}

void ui_meeting_minutes(struct req *r)
{
    static const struct form_field ff[] = {
        { "verslag", "verslag", FIELD_TEXT, NULL },
        { NULL, NULL, FIELD_TEXT, NULL },
    };

    form_change(r, ff, change_minutes, "verslag");
}

void ui_meeting_decision(struct req *r)
{
    static const struct form_field ff[] = {
        { "besluit", "tekst", FIELD_TEXT, NULL },
        { NULL, NULL, FIELD_TEXT, NULL },
    };

    form_change(r, ff, meeting_decision_add, "besluit");
}

void ui_meeting_action(struct req *r)
{
    static const struct form_field ff[] = {
        { "actie", "omschrijving", FIELD_TEXT, NULL },
        { "deadline", "deadline", FIELD_TEXT, NULL },
        { "eigenaar", "organisatie", FIELD_OPTIONAL, NULL },
        { "eigenaar-persoon", "persoon", FIELD_ID, "Eigenaar (persoon)" },
        { NULL, NULL, FIELD_TEXT, NULL },
    };

    form_change(r, ff, meeting_action_add, "actie");
}

void ui_action_status(struct req *r)
{
    long long action = page_parse_id(r->param[0]), mid;
    const char *st = req_field(r, "status");
    struct fault f = { 0 };
    json_t *row = NULL, *in;

    if (action > 0)
        row = sqljson_row(r->db, "SELECT meeting_id AS vergadering FROM "
                                 "action_item WHERE id = ?", "i", action);
    if (row == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze actie bestaat niet.");
        return;
    }
    mid = sqljson_int(row, "vergadering");
    json_decref(row);
    in = json_object();
    json_object_set_new(in, "status", json_string(st ? st : ""));
    finish_change(r, mid, meeting_action_status(r->db, &r->who, action, in,
                                                &f) < 0, &f, "actiestatus");
    json_decref(in);
}

/* The domain numbers a refused attendance entry ("Aanwezigheid 2: ...")
 * by its place in the list the form produced, which the user never saw;
 * name the invitee instead. */
static void name_the_invitee(sqlite3 *db, long long id, json_t *list,
                             struct fault *f)
{
    json_t *m, *g;
    const char *rest;
    long long gid;
    size_t i;
    int k;

    if (f->kind != FAULT_INVALID || sscanf(f->msg, "Aanwezigheid %d:", &k)
            != 1 || k < 1 || (rest = strchr(f->msg, ':')) == NULL)
        return;
    gid = sqljson_int(json_array_get(list, (size_t)k - 1), "genodigde");
    m = meeting_get(db, id);
    json_array_foreach(json_object_get(m, "genodigden"), i, g) {
        if (sqljson_int(g, "id") == gid) {
            char msg[sizeof f->msg];

            snprintf(msg, sizeof msg, "%s%s", invitee_label(g), rest);
            snprintf(f->msg, sizeof f->msg, "%s", msg);
            break;
        }
    }
    json_decref(m);
}

void ui_meeting_attendance(struct req *r)
{
    long long id = path_id(r);
    struct fault f = { 0 };
    json_t *list, *in = NULL;
    int i, failed = 1;

    if (id < 0)
        return;
    list = json_array();
    for (i = 0; i < r->form.n; i++) {
        const char *name = r->form.name[i], *v = r->form.value[i];
        char key[40];
        long long g;
        json_t *e;

        if (strncmp(name, "status-", 7) != 0 || v[0] == '\0')
            continue;
        g = page_parse_id(name + 7);
        if (g < 0) {
            fault_set(&f, FAULT_INVALID, "Onbekend veld \"%.40s\".", name);
            goto done;
        }
        e = json_object();
        json_object_set_new(e, "genodigde", json_integer(g));
        json_object_set_new(e, "status", json_string(v));
        if (strcmp(v, "vervangen") == 0) {
            const char *by;

            snprintf(key, sizeof key, "vervangen-%lld", g);
            by = req_field(r, key);
            json_object_set_new(e, "vervangenDoor",
                                json_string(by ? by : ""));
        }
        json_array_append_new(list, e);
    }
    if (json_array_size(list) == 0) {
        fault_set(&f, FAULT_INVALID, "Kies bij minstens één genodigde of die "
                  "aanwezig, afwezig of vervangen was.");
        goto done;
    }
    in = json_object();
    json_object_set(in, "aanwezigheid", list);
    failed = meeting_attendance(r->db, &r->who, id, in, &f) < 0;
    if (failed)
        name_the_invitee(r->db, id, list, &f);
done:
    finish_change(r, id, failed, &f, "aanwezigheid");
    json_decref(list);
    json_decref(in);
}

/* ---- the secretaris overview ---- */

/* "TITLE: N" as an h2. */
static void h2_count(struct req *r, const char *title, size_t n)
{
    char t[160];

    snprintf(t, sizeof t, "%s: %zu", title, n);
    page_h2(r, t);
}

static void upcoming_table(struct req *r, json_t *list, json_t *bodies)
{
    static const char *const cols[] = { "Datum", "Tijd", "Overleg", "Titel",
        "#Vastgestelde agendapunten", "#Voorstellen", NULL };
    struct buf *b = &r->out;
    json_t *m;
    size_t i;

    page_table_open(r, "komend", "Komende vergaderingen", cols);
    json_array_foreach(list, i, m) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, "</td>");
        page_td_open(r);
        write_time_range(b, sqljson_str(m, "begin"), NULL);
        html_lit(b, "</td>");
        page_td_open(r);
        html_txt(b, body_name(bodies, sqljson_str(m, "overleg")));
        html_lit(b, "</td>");
        page_th_row_open(r);
        meeting_link(r, sqljson_int(m, "id"), sqljson_str(m, "titel"));
        html_lit(b, "</th>");
        page_td_num(r, sqljson_int(m, "geagendeerd"));
        page_td_num(r, sqljson_int(m, "voorgesteld"));
        html_lit(b, "</tr>");
    }
    page_table_close(r);
}

/* A list item: link to the meeting, its date, and a reason. */
static void meeting_item(struct req *r, json_t *m, const char *why)
{
    struct buf *b = &r->out;

    html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
    meeting_link(r, sqljson_int(m, "id"), sqljson_str(m, "titel"));
    html_lit(b, " (");
    page_date_long(r, sqljson_str(m, "begin"));
    html_lit(b, ")");
    if (why && why[0]) {
        html_lit(b, ": ");
        html_txt(b, why);
    }
    html_lit(b, "</li>");
}

static void nothing(struct req *r)
{
    page_para(r, "Niets te doen.");
}

void ui_secretariat(struct req *r)
{
    static const char *const act_cols[] = { "Omschrijving", "Eigenaar",
        "Deadline", "Vergadering", NULL };
    json_t *o = NULL, *bodies = NULL, *rule = NULL, *x, *list;
    struct buf *b = &r->out;
    char today[11], title[80];
    size_t i;

    if (!may_plan_some(r)) {
        page_error(r, 403, "Geen toestemming", "Het overzicht van het "
                   "secretariaat is voor wie vergaderingen plant.");
        return;
    }
    page_today(today);
    o = overview_secretaris(r->db, today);
    bodies = body_list(r->db);
    rule = commitment_rule(r->db);
    if (o == NULL) {
        page_error(r, 500, "Interne fout", "Het overzicht kon niet worden "
                   "gemaakt.");
        goto cleanup;
    }
    page_begin(r, "Secretariaat", "/secretariaat");
    html_lit(b, "<p class=\"nl-paragraph\">Wat er te doen is op ");
    page_date_long(r, today);
    html_lit(b, ". Zie ook <a class=\"nl-link\" href=\"/vergaderingen\">"
                "alle vergaderingen</a> en <a class=\"nl-link\" "
                "href=\"/jaarplan\">het jaarplan</a>.</p>\n");

    list = json_object_get(o, "komend");
    h2_count(r, "Komende vergaderingen (8 weken)", json_array_size(list));
    if (json_array_size(list))
        upcoming_table(r, list, bodies);
    else
        nothing(r);

    list = json_object_get(o, "voorbereiden");
    h2_count(r, "Agenda's voorbereiden (4 weken)", json_array_size(list));
    if (json_array_size(list) == 0)
        nothing(r);
    else
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(list, i, x) {
        char why[160] = "";
        long long n = sqljson_int(x, "voorgesteld");

        if (sqljson_int(x, "geagendeerd") == 0)
            snprintf(why, sizeof why, "nog geen vastgestelde agendapunten");
        if (n > 0)
            snprintf(why + strlen(why), sizeof why - strlen(why),
                     "%s%lld %s op een besluit", why[0] ? "; " : "", n,
                     n == 1 ? "voorstel wacht" : "voorstellen wachten");
        meeting_item(r, x, why);
    }
    if (json_array_size(list))
        html_lit(b, "</ul>\n");

    list = json_object_get(o, "verslagen");
    h2_count(r, "Verslagen nog te schrijven", json_array_size(list));
    if (json_array_size(list) == 0)
        nothing(r);
    else
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(list, i, x)
        meeting_item(r, x, NULL);
    if (json_array_size(list))
        html_lit(b, "</ul>\n");

    list = json_object_get(o, "acties");
    h2_count(r, "Acties over de deadline", json_array_size(list));
    if (json_array_size(list) == 0)
        nothing(r);
    else
        page_table_open(r, "te-laat", "Open acties waarvan de deadline is "
                        "verstreken", act_cols);
    json_array_foreach(list, i, x) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(x, "omschrijving"));
        html_lit(b, "</th>");
        page_td(r, x, "eigenaar");
        page_td_open(r);
        page_date_long(r, sqljson_str(x, "deadline"));
        html_lit(b, "</td>");
        page_td_open(r);
        meeting_link(r, sqljson_int(x, "vergadering"),
                     sqljson_str(x, "vergaderingTitel"));
        html_lit(b, "</td></tr>");
    }
    if (json_array_size(list))
        page_table_close(r);

    list = json_object_get(o, "signalen");
    h2_count(r, "Signalen van afnemende inzet", json_array_size(list));
    if (rule) {
        page_para(r, sqljson_str(rule, "omschrijving"));
        page_bron_json(r, rule, "bron");
    }
    if (json_array_size(list) == 0)
        nothing(r);
    else
        ui_signals_table(r, list, "signalen", "Organisaties met afnemende "
                         "aanwezigheid", -1);
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/inzet\">Aanwezigheid van alle organisaties</a></p>");

    list = json_object_get(o, "overtredingen");
    snprintf(title, sizeof title, "Strijdig met de regels van de "
             "jaarcyclus (%.4s)", today);
    h2_count(r, title, json_array_size(list));
    if (json_array_size(list) == 0)
        nothing(r);
    else
        page_text_list(r, list, "melding");
    html_lit(b, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                "href=\"/cyclus\">De regels van de jaarcyclus</a></p>");
    page_end(r);
cleanup:
    json_decref(o);
    json_decref(bodies);
    json_decref(rule);
}
