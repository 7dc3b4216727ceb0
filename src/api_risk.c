/* api_risk.c - the risk register API: /api/v1/risicos (with their
 * countermeasures), /signalen, /dekking and /drukmeldingen.
 *
 * Owns: translating these requests into risk.h and signal.h calls and the
 * answers into JSON. Every read of risks, signals or coverage first
 * refreshes the signals (signal_refresh: a handful of indexed queries, see
 * bench/bench_signal.c), so what is shown fires now; when the refresh
 * cannot run (the store is busy) the stored signals are shown. A caller
 * who is not logged in gets the signals without what only logged-in users
 * may read (signal_redact) and the coverage without account names;
 * pressure notes are for logged-in users only (the route says so). */
#include "api.h"
#include "api_routes.h"
#include "log.h"
#include "page.h"
#include "risk.h"
#include "signal.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void refresh(struct req *r)
{
    if (signal_refresh(r->db) != 0)
        log_info("signals not refreshed; showing the stored ones");
}

/* The risk number of path parameter 0: 1 to 999; -1 after a 400. */
static long long risk_nr(struct req *r)
{
    long long nr = api_path_id(r, 0);

    if (nr > 999) {
        api_problem(r, 404, "Niet gevonden", "Dit risico bestaat niet.");
        return -1;
    }
    return nr;
}

static void redact_risk(struct req *r, json_t *k)
{
    if (req_logged_in(r))
        return;
    signal_redact(r->db, json_object_get(k, "signalen"));
    signal_redact(r->db, json_object_get(k, "signaalhistorie"));
}

void api_risk_list(struct req *r)
{
    json_t *a, *k;
    size_t i;

    refresh(r);
    a = risk_list(r->db);
    if (a == NULL) {
        api_problem(r, 500, "Interne fout", "De risico's konden niet worden "
                                            "gelezen.");
        return;
    }
    json_array_foreach(a, i, k)
        redact_risk(r, k);
    api_collection(r, "risicos", a);
}

static void answer_risk(struct req *r, long long nr, int status)
{
    json_t *k = risk_get(r->db, nr);

    if (k == NULL) {
        api_problem(r, 404, "Niet gevonden", "Dit risico bestaat niet; "
                    "figuur 11 noemt de risico's 1 tot en met 9.");
        return;
    }
    redact_risk(r, k);
    api_json(r, status, k);
}

void api_risk_get(struct req *r)
{
    long long nr = risk_nr(r);

    if (nr < 0)
        return;
    refresh(r);
    answer_risk(r, nr, 200);
}

void api_risk_update(struct req *r)
{
    long long nr = risk_nr(r);

    if (nr < 0 || api_body_change(r, nr, risk_update) != 0)
        return;
    answer_risk(r, nr, 200);
}

void api_risk_measure_add(struct req *r)
{
    long long nr = risk_nr(r), id;
    struct fault f = { 0 };
    json_t *in;

    if (nr < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    id = risk_measure_add(r->db, &r->who, nr, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer_risk(r, nr, 201);
}

void api_risk_measure_update(struct req *r)
{
    long long nr = risk_nr(r), id;
    struct fault f = { 0 };
    json_t *in;
    int rc;

    if (nr < 0)
        return;
    id = api_path_id(r, 1);
    if (id < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = risk_measure_update(r->db, &r->who, nr, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    answer_risk(r, nr, 200);
}

void api_signal_list(struct req *r)
{
    const char *nr = req_query(r, "risico");
    const char *closed = req_query(r, "ookGesloten");
    long long risk = 0;
    json_t *a;

    if (nr && nr[0]) {
        risk = page_parse_id(nr);
        if (risk < 1 || risk > 999) {
            api_problem(r, 400, "Ongeldige invoer", "risico is een "
                        "risiconummer (1 tot en met 9).");
            return;
        }
    }
    if (closed == NULL || closed[0] == '\0')
        closed = req_query(r, "ook-gesloten");   /* the same, kebab-case */
    if (closed && closed[0] && strcmp(closed, "ja") != 0 &&
        strcmp(closed, "nee") != 0) {
        api_problem(r, 400, "Ongeldige invoer", "ookGesloten is ja of nee.");
        return;
    }
    refresh(r);
    a = signal_list(r->db, (int)risk, closed && strcmp(closed, "ja") == 0);
    if (a == NULL) {
        api_problem(r, 500, "Interne fout", "De signalen konden niet worden "
                                            "gelezen.");
        return;
    }
    if (!req_logged_in(r))
        signal_redact(r->db, a);
    api_collection(r, "signalen", a);
}

void api_coverage(struct req *r)
{
    json_t *c;

    refresh(r);
    c = risk_coverage(r->db, req_logged_in(r));
    if (c == NULL) {
        api_problem(r, 500, "Interne fout", "De dekking kon niet worden "
                                            "gelezen.");
        return;
    }
    api_json(r, 200, c);
}

void api_pressure_list(struct req *r)
{
    const char *open = req_query(r, "open");
    json_t *a;

    if (open && open[0] && strcmp(open, "ja") != 0 &&
        strcmp(open, "nee") != 0) {
        api_problem(r, 400, "Ongeldige invoer", "open is ja of nee.");
        return;
    }
    a = risk_pressure_list(r->db, open && strcmp(open, "ja") == 0);
    if (a == NULL) {
        api_problem(r, 500, "Interne fout", "De drukmeldingen konden niet "
                                            "worden gelezen.");
        return;
    }
    api_collection(r, "drukmeldingen", a);
}

static void answer_pressure(struct req *r, long long id, int status)
{
    json_t *p = risk_pressure_get(r->db, id);

    if (p == NULL) {
        api_problem(r, 404, "Niet gevonden", "Deze drukmelding bestaat "
                                             "niet.");
        return;
    }
    api_json(r, status, p);
}

void api_pressure_get(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        answer_pressure(r, id, 200);
}

void api_pressure_add(struct req *r)
{
    struct fault f = { 0 };
    json_t *in = api_body_object(r);
    long long id;

    if (in == NULL)
        return;
    id = risk_pressure_add(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer_pressure(r, id, 201);
}

void api_pressure_update(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id < 0 || api_body_change(r, id, risk_pressure_update) != 0)
        return;
    answer_pressure(r, id, 200);
}
