/* api_goal.c - ambitions, goals, objectives and actions in the API:
 * /api/v1/ambities, /doelen, /doelstellingen and /uitvoeringsacties
 * (the action items of meetings are /api/v1/acties).
 *
 * Owns: translating these requests into goal.h calls and the results
 * into JSON (api.h). Reading is public: the goals and their progress are
 * the public view of the Actieplan; only the contact person of an action
 * (a name, personal data) is left out for anonymous callers. The lists
 * of objectives and actions are paginated in SQL (100,000 actions stay
 * fast), in the same collection shape as api_collection, and their links
 * keep the filters. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "goal.h"
#include "html.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A positive integer query parameter within [1, max]; dflt when absent;
 * -1 when it is present but not a plain decimal number in range. */
static long long query_num(struct req *r, const char *name, long long dflt,
                           long long max)
{
    const char *v = req_query(r, name);
    char *end;
    long long n;

    if (v == NULL)
        return dflt;
    if (v[0] < '1' || v[0] > '9' || strlen(v) > 15)
        return -1;
    n = strtoll(v, &end, 10);
    return (*end != '\0' || n < 1 || n > max) ? -1 : n;
}

/* true/false query parameter: -1 absent, 0 or 1; answers 400 and sets
 * *bad otherwise. */
static int query_bool(struct req *r, const char *name, int *bad)
{
    const char *v = req_query(r, name);
    char detail[120];

    if (v == NULL || v[0] == '\0' || *bad)
        return -1;
    if (strcmp(v, "true") == 0)
        return 1;
    if (strcmp(v, "false") == 0)
        return 0;
    snprintf(detail, sizeof detail, "%s is true of false.", name);
    api_problem(r, 400, "Ongeldige invoer", detail);
    *bad = 1;
    return -1;
}

/* An id query parameter: 0 when absent; answers 400 and sets *bad when
 * it is not an id. */
static long long query_id(struct req *r, const char *name, int *bad)
{
    const char *v = req_query(r, name);
    long long id;
    char detail[120];

    if (v == NULL || v[0] == '\0' || *bad)
        return 0;
    id = query_num(r, name, 0, 999999999999999LL);
    if (id < 0) {
        snprintf(detail, sizeof detail, "%s is een id: een geheel getal "
                 "vanaf 1.", name);
        api_problem(r, 400, "Ongeldige invoer", detail);
        *bad = 1;
        return 0;
    }
    return id;
}

/* Append "&name=value" to the filter part of the links. */
static void filter_arg(struct buf *b, const char *name, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(b, "&%s=", name);
    html_url_arg(b, value);
}

static void filter_id(struct buf *b, const char *name, long long id)
{
    if (id > 0)
        buf_printf(b, "&%s=%lld", name, id);
}

static void filter_bool(struct buf *b, const char *name, int v)
{
    if (v >= 0)
        buf_printf(b, "&%s=%s", name, v ? "true" : "false");
}

/* Send one page (items stolen) of a collection paginated in SQL; 500
 * when the list could not be read. */
static void send_page(struct req *r, const char *name, json_t *items,
                      long long total, long long page, long long size,
                      const char *filters)
{
    if (items == NULL) {
        api_problem(r, 500, "Interne fout", "De lijst kon niet worden "
                                            "gelezen.");
        return;
    }
    api_page_send(r, r->path, name, items, total, page, size, "", filters);
}

/* The contact person is for logged-in callers only. */
static void hide_contact(struct req *r, json_t *action)
{
    if (!req_logged_in(r) && json_is_object(action))
        json_object_set_new(action, "contactpersoon", json_null());
}

static void hide_contacts(struct req *r, json_t *actions)
{
    json_t *a;
    size_t i;

    json_array_foreach(actions, i, a)
        hide_contact(r, a);
}

/* Answer v (stolen) with status, or 404 with `what` when it is NULL; a
 * 201 carries Location: base + id. */
static void answer(struct req *r, json_t *v, int status, const char *what,
                   const char *base, long long id)
{
    char loc[96];

    if (v == NULL) {
        api_problem(r, 404, "Niet gevonden", what);
        return;
    }
    if (status == 201) {
        snprintf(loc, sizeof loc, "%s%lld", base, id);
        resp_header(r, "Location", loc);
    }
    api_json(r, status, v);
}

typedef long long (*create_fn)(sqlite3 *db, const struct actor *who,
                               json_t *in, struct fault *f);
typedef int (*update_fn)(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f);
typedef json_t *(*get_fn)(sqlite3 *db, long long id);

/* POST of a new object: create it from the body and answer 201 with the
 * object (Location: base + id), or the refusal. */
static void create_with(struct req *r, create_fn create, get_fn get,
                        const char *what, const char *base)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0)
        api_fault(r, &f);
    else
        answer(r, get(r->db, id), 201, what, base, id);
}

/* PATCH of object {id}: update it from the body and answer 200 with the
 * object, or the refusal. */
static void update_with(struct req *r, update_fn update, get_fn get,
                        const char *what)
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
    rc = update(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0)
        api_fault(r, &f);
    else
        answer(r, get(r->db, id), 200, what, NULL, id);
}

/* ---- ambities ---- */

void api_ambities(struct req *r)
{
    json_t *v = goal_ambitions(r->db, 0);

    if (v == NULL) {
        api_problem(r, 500, "Interne fout", "De ambities konden niet worden "
                                            "gelezen.");
        return;
    }
    api_collection(r, "ambities", v);
}

void api_ambitie(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        answer(r, goal_ambition_get(r->db, id), 200, "Deze ambitie bestaat "
               "niet.", NULL, id);
}

void api_ambitie_nieuw(struct req *r)
{
    create_with(r, goal_ambition_create, goal_ambition_get,
                "Deze ambitie bestaat niet.",
                "/api/v1/ambities/");
}

void api_ambitie_wijzig(struct req *r)
{
    update_with(r, goal_ambition_update, goal_ambition_get,
                "Deze ambitie bestaat niet.");
}

/* ---- doelen ---- */

void api_doelen(struct req *r)
{
    json_t *v = goal_list(r->db);

    if (v == NULL) {
        api_problem(r, 500, "Interne fout", "De doelen konden niet worden "
                                            "gelezen.");
        return;
    }
    api_collection(r, "doelen", v);
}

void api_doel(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        answer(r, goal_get(r->db, id), 200, "Dit doel bestaat niet.", NULL,
               id);
}

void api_doel_nieuw(struct req *r)
{
    create_with(r, goal_create, goal_get,
                "Dit doel bestaat niet.",
                "/api/v1/doelen/");
}

void api_doel_wijzig(struct req *r)
{
    update_with(r, goal_update, goal_get,
                "Dit doel bestaat niet.");
}

/* ---- doelstellingen ---- */

void api_doelstellingen(struct req *r)
{
    long long page, size;
    struct goal_objective_filter flt = { 0 };
    struct goal_action_filter check = { 0 };
    struct fault f = { 0 };
    struct buf filters;
    long long total = 0;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.pillar = api_query_text(r, "pijler", 8, &bad);
    flt.goal = query_id(r, "doel", &bad);
    if (bad)
        return;
    check.pillar = flt.pillar;
    check.goal = flt.goal;
    if (goal_action_filter_check(r->db, &check, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    items = goal_objective_list(r->db, &flt, (page - 1) * size, size,
                                &total);
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "pijler", flt.pillar);
    filter_id(&filters, "doel", flt.goal);
    send_page(r, "doelstellingen", items, total, page, size,
              buf_str(&filters));
    buf_free(&filters);
}

void api_doelstelling(struct req *r)
{
    long long id = api_path_id(r, 0);
    json_t *v;

    if (id < 0)
        return;
    v = goal_objective_get(r->db, id);
    hide_contacts(r, json_object_get(v, "acties"));
    answer(r, v, 200, "Deze doelstelling bestaat niet.", NULL, id);
}

void api_doelstelling_nieuw(struct req *r)
{
    create_with(r, goal_objective_create, goal_objective_get,
                "Deze doelstelling bestaat niet.",
                "/api/v1/doelstellingen/");
}

void api_doelstelling_wijzig(struct req *r)
{
    update_with(r, goal_objective_update, goal_objective_get,
                "Deze doelstelling bestaat niet.");
}

/* ---- uitvoeringsacties ---- */

void api_uitvoeringsacties(struct req *r)
{
    long long page, size;
    struct goal_action_filter flt = { 0 };
    struct fault f = { 0 };
    struct buf filters;
    long long total = 0;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.pillar = api_query_text(r, "pijler", 8, &bad);
    flt.status = api_query_text(r, "status", 16, &bad);
    flt.owner = api_query_text(r, "eigenaar", 64, &bad);
    flt.goal = query_id(r, "doel", &bad);
    flt.objective = query_id(r, "doelstelling", &bad);
    flt.late = query_bool(r, "teLaat", &bad);
    flt.no_owner = query_bool(r, "zonderEigenaar", &bad);
    if (bad)
        return;
    if (goal_action_filter_check(r->db, &flt, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    items = goal_action_list(r->db, &flt, (page - 1) * size, size, &total);
    hide_contacts(r, items);
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "pijler", flt.pillar);
    filter_arg(&filters, "status", flt.status);
    filter_arg(&filters, "eigenaar", flt.owner);
    filter_id(&filters, "doel", flt.goal);
    filter_id(&filters, "doelstelling", flt.objective);
    filter_bool(&filters, "teLaat", flt.late);
    filter_bool(&filters, "zonderEigenaar", flt.no_owner);
    send_page(r, "uitvoeringsacties", items, total, page, size,
              buf_str(&filters));
    buf_free(&filters);
}

void api_uitvoeringsactie(struct req *r)
{
    long long id = api_path_id(r, 0);
    json_t *v;

    if (id < 0)
        return;
    v = goal_action_get(r->db, id);
    hide_contact(r, v);
    answer(r, v, 200, "Deze uitvoeringsactie bestaat niet.", NULL, id);
}

void api_uitvoeringsactie_nieuw(struct req *r)
{
    create_with(r, goal_action_create, goal_action_get,
                "Deze uitvoeringsactie bestaat niet.",
                "/api/v1/uitvoeringsacties/");
}

void api_uitvoeringsactie_wijzig(struct req *r)
{
    update_with(r, goal_action_update, goal_action_get,
                "Deze uitvoeringsactie bestaat niet.");
}
