/* api_cycle.c - year plans, calendar checks, and the iCalendar feeds.
 *
 * Owns: /api/v1/jaarplannen/{jaar} (the proposed plan and saving it),
 * /api/v1/controles (checking the stored calendar or an uploaded .ics),
 * /api/v1/agenda-tokens (personal feed URLs), and the feeds themselves
 * under /agenda (text/calendar, outside the JSON API). */
#include "api.h"
#include "api_routes.h"
#include "calendar.h"
#include "cycle.h"
#include "cyclestore.h"
#include "feed.h"
#include "ical.h"
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The {jaar} path parameter, 2000..2100; answers 400 itself. */
static int year_param(struct req *r)
{
    const char *s = r->param[0];
    char *end;
    long y = strtol(s, &end, 10);

    if (strlen(s) != 4 || *end != '\0' || y < 2000 || y > 2100) {
        api_problem(r, 400, "Ongeldig jaar", "Een jaar is een getal van 2000 "
                                             "tot en met 2100.");
        return -1;
    }
    return (int)y;
}

static json_t *meetings_json(const struct cycle_rules *rules,
                             const struct cycle_meeting *m, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < n; i++) {
        char b[17], e[17];
        cal_format_datetime(m[i].day, m[i].start_min, b);
        cal_format_datetime(m[i].day, m[i].end_min, e);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}",
            "overleg", m[i].body, "naam", cycle_body_name(rules, m[i].body),
            "begin", b, "einde", e));
    }
    return a;
}

void api_jaarplan(struct req *r)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *all = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0, first = 0;
    long nv = 0;
    int year = year_param(r);

    if (year < 0)
        return;
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_plan_year(&rules, year, &all, &n, &first, &v, &nv) != 0) {
        api_problem(r, 500, "Interne fout", "Het jaarplan kon niet worden "
                                            "gemaakt.");
        goto cleanup;
    }
    api_json(r, 200, json_pack("{s:i, s:o, s:o, s:i}", "jaar", year,
        "vergaderingen", meetings_json(&rules, all + first, n - first),
        "overtredingen", cyclestore_violations_json(v, nv),
        "regels", (int)rules.nrules));
cleanup:
    free(all);
    free(v);
    cycle_rules_free(&rules);
}

void api_jaarplan_opslaan(struct req *r)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *all = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0, first = 0;
    long nv = 0, made;
    struct fault f = { 0 };
    json_t *ids = json_array();
    int year = year_param(r);

    if (year < 0)
        goto cleanup;
    if (r->body.len > 0 && strcmp(buf_str(&r->body), "{}") != 0) {
        api_problem(r, 400, "Ongeldige invoer", "Opslaan van een jaarplan "
                                                "heeft geen velden ({}).");
        goto cleanup;
    }
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_plan_year(&rules, year, &all, &n, &first, &v, &nv) != 0) {
        api_problem(r, 500, "Interne fout", "Het jaarplan kon niet worden "
                                            "gemaakt.");
        goto cleanup;
    }
    made = cyclestore_save_plan(r->db, &r->who, year, &rules, all + first,
                                n - first, ids, &f);
    if (made < 0) {
        api_fault(r, &f);
        goto cleanup;
    }
    api_json(r, 201, json_pack("{s:i, s:i, s:O}", "jaar", year,
                               "aangemaakt", (int)made, "vergaderingen",
                               ids));
cleanup:
    json_decref(ids);
    free(all);
    free(v);
    cycle_rules_free(&rules);
}

void api_controle(struct req *r)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0;
    long nv;
    int year = year_param(r);

    if (year < 0)
        return;
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_load(r->db, year - 1, year + 1, &m, &n) != 0 ||
        (nv = cycle_check(&rules, m, n, year, year, &v)) < 0) {
        api_problem(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    api_json(r, 200, json_pack("{s:i, s:i, s:o}", "jaar", year,
                               "aantal", (int)nv, "overtredingen",
                               cyclestore_violations_json(v, nv)));
cleanup:
    free(m);
    free(v);
    cycle_rules_free(&rules);
}

void api_controle_ics(struct req *r)
{
    const char *ct = req_header(r, "Content-Type");
    struct cycle_rules rules = { 0 };
    struct ical_parsed *ev = NULL;
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    json_t *ignored = json_array();
    char err[400];
    long nev, nv;
    size_t n = 0, i;
    int ymin = 9999, ymax = 0;

    if (ct == NULL || strncmp(ct, "text/calendar", 13) != 0) {
        api_problem(r, 415, "Verkeerd mediatype", "Stuur een iCalendar-"
                                                  "bestand als text/calendar.");
        goto cleanup;
    }
    nev = ical_parse(buf_str(&r->body), r->body.len, &ev, err, sizeof err);
    if (nev < 0) {
        api_problem(r, 400, "Ongeldig iCalendar-bestand", err);
        goto cleanup;
    }
    if (cycle_rules_load(r->db, &rules) != 0 ||
        cyclestore_from_ical(&rules, ev, (size_t)nev, &m, &n, ignored) != 0) {
        api_problem(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        char d[11];
        int y;
        cal_format_date(m[i].day, d);
        y = atoi(d);
        if (y < ymin)
            ymin = y;
        if (y > ymax)
            ymax = y;
    }
    if (n == 0) {
        api_problem(r, 400, "Geen vergaderingen", "Het bestand bevat geen "
                    "afspraken die bij een overleg horen.");
        goto cleanup;
    }
    nv = cycle_check(&rules, m, n, ymin, ymax, &v);
    if (nv < 0) {
        api_problem(r, 500, "Interne fout", "De controle is mislukt.");
        goto cleanup;
    }
    api_json(r, 200, json_pack("{s:i, s:i, s:i, s:o, s:O}", "van", ymin,
                               "tot", ymax, "aantal", (int)nv,
                               "overtredingen",
                               cyclestore_violations_json(v, nv),
                               "genegeerd", ignored));
cleanup:
    json_decref(ignored);
    free(ev);
    free(m);
    free(v);
    cycle_rules_free(&rules);
}

void api_agenda_token_nieuw(struct req *r)
{
    char tok[AUTH_SECRET_HEX + 1], url[512];
    const char *host = req_header(r, "Host");
    struct fault f = { 0 };
    long long id;

    id = feed_token_create(r->db, &r->who, tok, &f);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    snprintf(url, sizeof url, "http://%s/agenda/persoonlijk/%s.ics",
             host ? host : "localhost", tok);
    api_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "url",
                               url));
}

void api_agenda_token_intrekken(struct req *r)
{
    struct fault f = { 0 };
    long long id = api_path_id(r, 0);

    if (id < 0)
        return;
    if (feed_token_revoke(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 204;
}

/* Send a calendar, or a plain Dutch error for calendar clients. */
static void send_ics(struct req *r, char *ics, const struct fault *f)
{
    if (ics == NULL) {
        r->status = f->kind == FAULT_NOTFOUND ? 404 : 500;
        r->ctype = "text/plain; charset=utf-8";
        buf_puts(&r->out, f->msg);
        buf_puts(&r->out, "\n");
        return;
    }
    r->status = 200;
    r->ctype = "text/calendar; charset=utf-8";
    resp_header(r, "Cache-Control", "private, max-age=300");
    buf_puts(&r->out, ics);
    free(ics);
}

/* Strip ".ics" from the last path segment; NULL when it is missing. */
static const char *ics_name(struct req *r, char *out, size_t len)
{
    const char *s = r->param[0];
    size_t n = strlen(s);

    if (n < 5 || n - 4 >= len || strcmp(s + n - 4, ".ics") != 0)
        return NULL;
    memcpy(out, s, n - 4);
    out[n - 4] = '\0';
    return out;
}

void ui_feed_all(struct req *r)
{
    char base[300];
    struct fault f = { 0 };

    page_base_url(r, base, sizeof base);
    send_ics(r, feed_all(r->db, base, &f), &f);
}

void ui_feed_body(struct req *r)
{
    char base[300], code[80];
    struct fault f = { 0 };

    if (ics_name(r, code, sizeof code) == NULL) {
        page_error(r, 404, "Niet gevonden", "Agenda's eindigen op .ics.");
        return;
    }
    page_base_url(r, base, sizeof base);
    send_ics(r, feed_body(r->db, code, base, &f), &f);
}

void ui_feed_personal(struct req *r)
{
    char base[300], tok[80];
    struct fault f = { 0 };

    if (ics_name(r, tok, sizeof tok) == NULL) {
        page_error(r, 404, "Niet gevonden", "Agenda's eindigen op .ics.");
        return;
    }
    page_base_url(r, base, sizeof base);
    send_ics(r, feed_personal(r->db, tok, base, &f), &f);
}
