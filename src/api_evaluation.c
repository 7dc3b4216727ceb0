/* api_evaluation.c - the evaluation API: /api/v1/evaluatie (the figures
 * of a period) and /api/v1/evaluatie-bevindingen (the qualitative
 * findings: list, read, create, replace, delete).
 *
 * Owns: reading the query parameters and bodies of these endpoints and
 * answering with JSON or a problem. The domain (evaluation.h) gathers
 * the figures, validates, checks the permission evaluatie.beheren and
 * audits. */
#include "api.h"
#include "api_routes.h"
#include "evaluation.h"

#include <stdio.h>
#include <string.h>

void api_evaluatie(struct req *r)
{
    struct eval_period p;
    struct fault f = { 0 };
    json_t *ev;

    if (evaluation_period(req_query(r, "van"), req_query(r, "tot"), &p,
                          &f) != 0) {
        api_fault(r, &f);
        return;
    }
    ev = evaluation_gather(r->db, &p, &f);
    if (ev == NULL) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 200, ev);
}

void api_evaluatie_bevindingen(struct req *r)
{
    const char *van = req_query(r, "van"), *tot = req_query(r, "tot");
    struct eval_period p;
    struct fault f = { 0 };
    long long page, size, total = 0;
    char after[64] = "";
    int filtered = (van && van[0]) || (tot && tot[0]);
    json_t *items;

    if (api_page_params(r, &page, &size) != 0)
        return;
    if (filtered && evaluation_period(van, tot, &p, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    items = evaluation_finding_list(r->db, filtered ? &p : NULL,
                                    (page - 1) * size, size, &total);
    if (items == NULL) {
        api_problem(r, 500, "Interne fout", "De bevindingen konden niet "
                    "worden gelezen.");
        return;
    }
    if (filtered)
        snprintf(after, sizeof after, "&van=%s&tot=%s", p.van, p.tot);
    api_page_send(r, "/api/v1/evaluatie-bevindingen", "bevindingen", items,
                  total, page, size, "", after);
}

/* Answer with finding id and status. */
static void answer(struct req *r, long long id, int status)
{
    json_t *it = evaluation_finding_get(r->db, id);

    if (it == NULL) {
        api_problem(r, 404, "Niet gevonden", "Deze bevinding bestaat niet.");
        return;
    }
    api_json(r, status, it);
}

void api_evaluatie_bevinding(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        answer(r, id, 200);
}

void api_evaluatie_bevinding_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = evaluation_finding_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 201);
}

/* PUT replaces the finding: every field must be given. */
void api_evaluatie_bevinding_wijzig(struct req *r)
{
    static const char *const all[] = { "van", "tot", "thema", "tekst" };
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };
    json_t *in;
    size_t i;

    if (id < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!json_is_string(json_object_get(in, all[i]))) {
            json_decref(in);
            api_problem(r, 400, "Ongeldige invoer", "PUT vervangt de hele "
                        "bevinding: geef van, tot, thema en tekst.");
            return;
        }
    if (evaluation_finding_update(r->db, &r->who, id, in, &f) != 0) {
        json_decref(in);
        api_fault(r, &f);
        return;
    }
    json_decref(in);
    answer(r, id, 200);
}

void api_evaluatie_bevinding_verwijder(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };

    if (id < 0)
        return;
    if (evaluation_finding_delete(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 204;
}
