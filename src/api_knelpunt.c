/* api_knelpunt.c - the knelpunt API: /api/v1/knelpunten, /knelpuntroute
 * and /regios.
 *
 * Owns: translating knelpunt requests into knelpunt.h calls and the
 * answers into JSON. The domain checks permissions and validates; this
 * file reads the query parameters, decides what an anonymous caller may
 * see (published knelpunten only; to anyone else an unpublished one does
 * not exist), and the filters of the list of knelpunten, which is
 * paginated in SQL (LIMIT and OFFSET with a count, api_page_send), so it
 * stays fast with 100,000 knelpunten. /regios is answered by the monitor
 * API (api_monitor.c), which also owns /regios/{code}. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "html.h"
#include "knelpunt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Optional text query parameter: NULL when absent or empty. */
static const char *query_text(struct req *r, const char *name)
{
    const char *v = req_query(r, name);

    return v && v[0] ? v : NULL;
}

/* Append "name=value&" for a filter that is set. */
static void filter_arg(struct buf *b, const char *name, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(b, "%s=", name);
    html_url_arg(b, value);
    buf_puts(b, "&");
}

void api_knelpunten(struct req *r)
{
    struct knelpunt_filter flt = { 0 };
    const char *overdue = query_text(r, "teLaat");
    long long page, size, total = 0;
    struct fault f = { 0 };
    struct buf filters;
    json_t *items;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.state = query_text(r, "toestand");
    flt.region = query_text(r, "regio");
    flt.pillar = query_text(r, "pijler");
    flt.overdue = -1;
    flt.only_public = !req_logged_in(r);
    if (overdue && strcmp(overdue, "true") && strcmp(overdue, "false")) {
        api_problem(r, 400, "Ongeldige invoer", "teLaat is true of false.");
        return;
    }
    if (overdue)
        flt.overdue = strcmp(overdue, "true") == 0;
    if (knelpunt_filter_check(r->db, &flt, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    items = knelpunt_list(r->db, &flt, (page - 1) * size, size, &total);
    if (items == NULL) {
        api_problem(r, 500, "Interne fout", "De knelpunten konden niet "
                                            "worden gelezen.");
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "toestand", flt.state);
    filter_arg(&filters, "regio", flt.region);
    filter_arg(&filters, "pijler", flt.pillar);
    filter_arg(&filters, "teLaat", overdue);
    api_page_send(r, "/api/v1/knelpunten", "knelpunten", items, total, page,
                  size, buf_str(&filters), "");
    buf_free(&filters);
}

/* Answer with knelpunt id as the caller may see it, with status. */
static void answer(struct req *r, long long id, int status)
{
    json_t *k;

    if (!req_logged_in(r) && !knelpunt_is_public(r->db, id)) {
        api_problem(r, 404, "Niet gevonden", "Dit knelpunt bestaat niet of "
                    "is niet openbaar.");
        return;
    }
    k = knelpunt_get(r->db, id, req_logged_in(r));
    if (k == NULL) {
        api_problem(r, 404, "Niet gevonden", "Dit knelpunt bestaat niet.");
        return;
    }
    if (req_logged_in(r))
        json_object_set_new(k, "vervolgstappen",
                            knelpunt_next_steps(r->db, &r->who, id));
    api_json(r, status, k);
}

void api_knelpunt(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        answer(r, id, 200);
}

void api_knelpunt_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = knelpunt_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 201);
}

void api_knelpunt_overgang(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };
    json_t *in;
    int rc;

    if (id < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = knelpunt_transition(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 200);
}

void api_knelpunt_publicatie(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };
    json_t *in;

    if (id < 0)
        return;
    if (r->body.len > 0) {
        in = api_body_object(r);
        if (in == NULL)
            return;
        if (json_object_size(in) != 0) {
            json_decref(in);
            api_problem(r, 400, "Ongeldige invoer", "Een publicatie heeft "
                        "geen velden; stuur {} of niets.");
            return;
        }
        json_decref(in);
    }
    if (knelpunt_publish(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 200);
}

void api_knelpuntroute(struct req *r)
{
    api_json(r, 200, knelpunt_route(r->db));
}

/* The regions, paginated in SQL, with a gemeente's history: the monitor
 * API answers for this path (api_monitor.c), cacheable like its other
 * reads. */
void api_regios(struct req *r)
{
    api_monitor_regios(r);
}
