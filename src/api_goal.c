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

#define PAGE_MAX 100000000L       /* largest ?pagina= (as api_collection) */
#define HREF_MAX 2048

static void bad_page(struct req *r)
{
    api_problem(r, 400, "Ongeldige paginering",
                "pagina moet een geheel getal vanaf 1 zijn en "
                "paginaGrootte een geheel getal van 1 tot en met 100.");
}

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

/* A text query parameter: NULL when absent or empty; answers 400 and
 * sets *bad when it is not clean text of at most max characters. */
static const char *query_text(struct req *r, const char *name, size_t max,
                              int *bad)
{
    const char *v = req_query(r, name);
    char detail[160];

    if (v == NULL || v[0] == '\0' || *bad)
        return NULL;
    if (!text_clean(v, 0) || text_utf8_len(v) > max) {
        snprintf(detail, sizeof detail, "%s is tekst van hoogstens %zu "
                 "tekens, zonder stuurtekens.", name, max);
        api_problem(r, 400, "Ongeldige invoer", detail);
        *bad = 1;
        return NULL;
    }
    return v;
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

static json_t *page_link(struct req *r, const char *filters, long long page,
                         long long size)
{
    struct buf b;
    json_t *o;

    buf_init(&b, HREF_MAX);
    buf_printf(&b, "%s?pagina=%lld&paginaGrootte=%lld%s", r->path, page,
               size, filters);
    o = json_pack("{s:s}", "href", buf_str(&b));
    buf_free(&b);
    return o;
}

/* Send one page (items stolen) of a collection paginated in SQL, in the
 * shape of api_collection; 400 when the page lies past the end. */
static void send_page(struct req *r, const char *name, json_t *items,
                      long long total, long long page, long long size,
                      const char *filters)
{
    long long pages = total == 0 ? 1 : (total + size - 1) / size;
    json_t *links;

    if (items == NULL) {
        api_problem(r, 500, "Interne fout", "De lijst kon niet worden "
                                            "gelezen.");
        return;
    }
    if (page > pages) {
        json_decref(items);
        api_problem(r, 400, "Ongeldige paginering",
                    "Deze pagina bestaat niet: de collectie heeft minder "
                    "pagina's.");
        return;
    }
    links = json_pack("{s:o, s:o, s:o}",
                      "self", page_link(r, filters, page, size),
                      "first", page_link(r, filters, 1, size),
                      "last", page_link(r, filters, pages, size));
    if (page > 1)
        json_object_set_new(links, "prev", page_link(r, filters, page - 1,
                                                     size));
    if (page < pages)
        json_object_set_new(links, "next", page_link(r, filters, page + 1,
                                                     size));
    api_json(r, 200, json_pack("{s:{s:o}, s:o, s:I, s:I, s:I, s:I}",
                               "_embedded", name, items, "_links", links,
                               "pagina", (json_int_t)page,
                               "paginaGrootte", (json_int_t)size,
                               "totaalAantal", (json_int_t)total,
                               "totaalPaginas", (json_int_t)pages));
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = goal_ambition_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0)
        api_fault(r, &f);
    else
        answer(r, goal_ambition_get(r->db, id), 201, "Deze ambitie bestaat "
               "niet.", "/api/v1/ambities/", id);
}

void api_ambitie_wijzig(struct req *r)
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
    rc = goal_ambition_update(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0)
        api_fault(r, &f);
    else
        answer(r, goal_ambition_get(r->db, id), 200, "Deze ambitie bestaat "
               "niet.", NULL, id);
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = goal_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0)
        api_fault(r, &f);
    else
        answer(r, goal_get(r->db, id), 201, "Dit doel bestaat niet.",
               "/api/v1/doelen/", id);
}

void api_doel_wijzig(struct req *r)
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
    rc = goal_update(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0)
        api_fault(r, &f);
    else
        answer(r, goal_get(r->db, id), 200, "Dit doel bestaat niet.", NULL,
               id);
}

/* ---- doelstellingen ---- */

void api_doelstellingen(struct req *r)
{
    long long page = query_num(r, "pagina", 1, PAGE_MAX);
    long long size = query_num(r, "paginaGrootte", API_PAGE_DEFAULT,
                               API_PAGE_MAX);
    struct goal_objective_filter flt = { 0 };
    struct goal_action_filter check = { 0 };
    struct fault f = { 0 };
    struct buf filters;
    long long total = 0;
    json_t *items;
    int bad = 0;

    if (page < 0 || size < 0) {
        bad_page(r);
        return;
    }
    flt.pillar = query_text(r, "pijler", 8, &bad);
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
    buf_init(&filters, HREF_MAX);
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = goal_objective_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0)
        api_fault(r, &f);
    else
        answer(r, goal_objective_get(r->db, id), 201, "Deze doelstelling "
               "bestaat niet.", "/api/v1/doelstellingen/", id);
}

void api_doelstelling_wijzig(struct req *r)
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
    rc = goal_objective_update(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0)
        api_fault(r, &f);
    else
        answer(r, goal_objective_get(r->db, id), 200, "Deze doelstelling "
               "bestaat niet.", NULL, id);
}

/* ---- uitvoeringsacties ---- */

void api_uitvoeringsacties(struct req *r)
{
    long long page = query_num(r, "pagina", 1, PAGE_MAX);
    long long size = query_num(r, "paginaGrootte", API_PAGE_DEFAULT,
                               API_PAGE_MAX);
    struct goal_action_filter flt = { 0 };
    struct fault f = { 0 };
    struct buf filters;
    long long total = 0;
    json_t *items;
    int bad = 0;

    if (page < 0 || size < 0) {
        bad_page(r);
        return;
    }
    flt.pillar = query_text(r, "pijler", 8, &bad);
    flt.status = query_text(r, "status", 16, &bad);
    flt.owner = query_text(r, "eigenaar", 64, &bad);
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
    buf_init(&filters, HREF_MAX);
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = goal_action_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0)
        api_fault(r, &f);
    else
        answer(r, goal_action_get(r->db, id), 201, "Deze uitvoeringsactie "
               "bestaat niet.", "/api/v1/uitvoeringsacties/", id);
}

void api_uitvoeringsactie_wijzig(struct req *r)
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
    rc = goal_action_update(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0)
        api_fault(r, &f);
    else
        answer(r, goal_action_get(r->db, id), 200, "Deze uitvoeringsactie "
               "bestaat niet.", NULL, id);
}
