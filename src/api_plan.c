/* api_plan.c - the implementation plan and the budget in the API:
 * /api/v1/implementatieplan/stappen, /implementatieplan/substappen/{code}
 * (GET, PUT), /implementatieplan/vertragingen, /begroting and
 * /begroting/{jaar}/{categorie} (GET, PUT).
 *
 * Owns: translating these requests into plan.h and budget.h calls and
 * the results into JSON (api.h). Reading is public; a PUT needs the
 * permission the domain checks (plan.beheren, begroting.beheren). */
#include "api.h"
#include "api_routes.h"
#include "budget.h"
#include "page.h"
#include "plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ?maand=YYYY-MM (the month the slips are computed for): NULL when
 * absent; answers 400 and sets *bad when malformed. */
static const char *query_month(struct req *r, int *bad)
{
    const char *m = req_query(r, "maand");

    if (m == NULL || m[0] == '\0')
        return NULL;
    if (!plan_is_month(m)) {
        api_problem(r, 400, "Ongeldige invoer", "maand is een maand als "
                    "JJJJ-MM, bijvoorbeeld 2024-06.");
        *bad = 1;
        return NULL;
    }
    return m;
}

/* api_collection, with the filter `name`=`value` (NULL: none) kept in
 * the pagination links. Steals items. */
static void send_filtered(struct req *r, const char *coll, json_t *items,
                          const char *name, const char *value)
{
    long long page, size, total, i;
    char after[48] = "";
    json_t *slice;

    if (api_page_params(r, &page, &size) != 0) {
        json_decref(items);
        return;
    }
    if (value)
        snprintf(after, sizeof after, "&%s=%s", name, value);
    total = (long long)json_array_size(items);
    slice = json_array();
    for (i = (page - 1) * size; i < total && i < page * size; i++)
        json_array_append(slice, json_array_get(items, (size_t)i));
    json_decref(items);
    api_page_send(r, r->path, coll, slice, total, page, size, "", after);
}

void api_plan_stappen(struct req *r)
{
    int bad = 0;
    const char *m = query_month(r, &bad);
    json_t *steps;

    if (bad)
        return;
    steps = plan_steps(r->db, m);
    if (steps == NULL) {
        api_problem(r, 500, "Interne fout", "Het implementatieplan kon "
                    "niet worden gelezen.");
        return;
    }
    send_filtered(r, "stappen", steps, "maand", m);
}

void api_plan_substap(struct req *r)
{
    int bad = 0;
    const char *m = query_month(r, &bad);
    json_t *s;

    if (bad)
        return;
    s = plan_substep_get(r->db, r->param[0], m);
    if (s == NULL) {
        api_problem(r, 404, "Niet gevonden", "Deze substap bestaat niet.");
        return;
    }
    api_json(r, 200, s);
}

void api_plan_substap_wijzig(struct req *r)
{
    struct fault f = { 0 };
    json_t *in = api_body_object(r), *s;

    if (in == NULL)
        return;
    if (plan_substep_update(r->db, &r->who, r->param[0], in, &f) != 0) {
        api_fault(r, &f);
    } else {
        s = plan_substep_get(r->db, r->param[0], NULL);
        if (s == NULL)
            api_problem(r, 500, "Interne fout", "De substap kon niet "
                        "worden gelezen.");
        else
            api_json(r, 200, s);
    }
    json_decref(in);
}

void api_plan_vertragingen(struct req *r)
{
    int bad = 0;
    const char *m = query_month(r, &bad);
    json_t *slips;

    if (bad)
        return;
    slips = plan_slips(r->db, m);
    if (slips == NULL) {
        api_problem(r, 500, "Interne fout", "De vertragingen konden niet "
                    "worden gelezen.");
        return;
    }
    send_filtered(r, "vertragingen", slips, "maand", m);
}

void api_begroting(struct req *r)
{
    const char *j = req_query(r, "jaar");
    int year = 0;
    json_t *lines;

    if (j && j[0]) {
        year = page_parse_year(j);
        if (year < 0) {
            api_problem(r, 400, "Ongeldige invoer", "jaar is een jaartal "
                        "van vier cijfers tussen 2000 en 2100.");
            return;
        }
    }
    lines = budget_lines(r->db, year);
    if (lines == NULL) {
        api_problem(r, 500, "Interne fout", "De begroting kon niet worden "
                    "gelezen.");
        return;
    }
    send_filtered(r, "begrotingsposten", lines, "jaar",
                  year ? j : NULL);
}

/* The year of path parameter 0; -1 after answering 400. */
static int path_year(struct req *r)
{
    int y = page_parse_year(r->param[0]);

    if (y < 0)
        api_problem(r, 400, "Ongeldige invoer", "Het jaar is een jaartal "
                    "van vier cijfers tussen 2000 en 2100.");
    return y;
}

void api_begroting_post(struct req *r)
{
    int year = path_year(r);
    json_t *l;

    if (year < 0)
        return;
    l = budget_line_get(r->db, year, r->param[1]);
    if (l == NULL) {
        api_problem(r, 404, "Niet gevonden", "Deze begrotingspost bestaat "
                    "niet voor dit jaar.");
        return;
    }
    api_json(r, 200, l);
}

void api_begroting_post_wijzig(struct req *r)
{
    int year = path_year(r), created = 0;
    struct fault f = { 0 };
    json_t *in, *l;
    char loc[96];

    if (year < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    if (budget_line_put(r->db, &r->who, year, r->param[1], in, &created,
                        &f) != 0) {
        api_fault(r, &f);
        goto cleanup;
    }
    l = budget_line_get(r->db, year, r->param[1]);
    if (l == NULL) {
        api_problem(r, 500, "Interne fout", "De begrotingspost kon niet "
                    "worden gelezen.");
        goto cleanup;
    }
    if (created) {
        snprintf(loc, sizeof loc, "/api/v1/begroting/%d/%s", year,
                 r->param[1]);
        resp_header(r, "Location", loc);
    }
    api_json(r, created ? 201 : 200, l);
cleanup:
    json_decref(in);
}
