/* api_flow.c - the API of the flows between the tables: /api/v1/verzoeken,
 * /api/v1/consultaties, /api/v1/ser-verzoeken and /api/v1/inbox.
 *
 * Owns: translating these requests into flow.h calls and the answers into
 * JSON. The domain checks permissions and validates. Reading is public,
 * without the names of the users who acted for anonymous callers; the
 * inbox is the logged-in user's own. The lists are paginated in SQL
 * (LIMIT and OFFSET with a count) in api_collection's JSON shape, with
 * the filters kept in the links. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "flow.h"
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef json_t *(*list_fn)(sqlite3 *db, const struct flow_filter *flt,
                           long long offset, long long limit,
                           long long *total, struct fault *f);

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

/* GET on a collection: ?status, ?overleg, ?pagina, ?paginaGrootte. */
static void collection(struct req *r, const char *path, const char *name,
                       list_fn list)
{
    struct flow_filter flt = { 0 };
    long long page, size, total = 0;
    struct fault f = { 0 };
    struct buf filters;
    json_t *items;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.status = query_text(r, "status");
    flt.body = query_text(r, "overleg");
    items = list(r->db, &flt, (page - 1) * size, size, &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "status", flt.status);
    filter_arg(&filters, "overleg", flt.body);
    api_page_send(r, path, name, items, total, page, size, buf_str(&filters),
                  "");
    buf_free(&filters);
}

/* A body that must be empty or {} (a step without fields); 0, or -1
 * after answering 400. */
static int empty_body(struct req *r, const char *what)
{
    json_t *in;
    char msg[200];

    if (r->body.len == 0)
        return 0;
    in = api_body_object(r);
    if (in == NULL)
        return -1;
    if (json_object_size(in) != 0) {
        json_decref(in);
        snprintf(msg, sizeof msg, "%s heeft geen velden; stuur {} of "
                 "niets.", what);
        api_problem(r, 400, "Ongeldige invoer", msg);
        return -1;
    }
    json_decref(in);
    return 0;
}

typedef long long (*create_fn)(sqlite3 *db, const struct actor *who,
                               json_t *in, struct fault *f);
typedef int (*step_fn)(sqlite3 *db, const struct actor *who, long long id,
                       json_t *in, struct fault *f);
typedef void (*answer_fn)(struct req *r, long long id, int status);

/* POST of a new object: create it from the body and answer 201 with it,
 * or the refusal. */
static void create_with(struct req *r, create_fn create, answer_fn answer)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 201);
}

/* POST of a step on object {id} with a body: take it and answer 200 with
 * the object, or the refusal. */
static void step_with(struct req *r, step_fn step, answer_fn answer)
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
    rc = step(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, id, 200);
}

/* ---- verzoeken ---- */

static void verzoek_answer(struct req *r, long long id, int status)
{
    json_t *v = flow_verzoek_get(r->db, id, req_logged_in(r));

    if (v == NULL) {
        api_problem(r, 404, "Niet gevonden", "Dit verzoek bestaat niet.");
        return;
    }
    api_json(r, status, v);
}

void api_verzoeken(struct req *r)
{
    collection(r, "/api/v1/verzoeken", "verzoeken", flow_verzoek_list);
}

void api_verzoek(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        verzoek_answer(r, id, 200);
}

void api_verzoek_nieuw(struct req *r)
{
    create_with(r, flow_verzoek_create, verzoek_answer);
}

void api_verzoek_antwoord(struct req *r)
{
    step_with(r, flow_verzoek_answer, verzoek_answer);
}

void api_verzoek_intrekking(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };

    if (id < 0 || empty_body(r, "Een intrekking") != 0)
        return;
    if (flow_verzoek_withdraw(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    verzoek_answer(r, id, 200);
}

/* ---- consultaties ---- */

static void consultatie_answer(struct req *r, long long id, int status)
{
    json_t *c = flow_consultatie_get(r->db, id, req_logged_in(r));

    if (c == NULL) {
        api_problem(r, 404, "Niet gevonden", "Deze consultatie bestaat "
                                             "niet.");
        return;
    }
    api_json(r, status, c);
}

void api_consultaties(struct req *r)
{
    collection(r, "/api/v1/consultaties", "consultaties",
               flow_consultatie_list);
}

void api_consultatie(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        consultatie_answer(r, id, 200);
}

void api_consultatie_nieuw(struct req *r)
{
    create_with(r, flow_consultatie_create, consultatie_answer);
}

/* PUT /consultaties/{id}/reacties/{regio}: 201 for a region's first
 * answer, 200 when it replaces the earlier one; the answer as body. */
void api_consultatie_reactie(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };
    json_t *in, *out;
    int rc, created = 0;

    if (id < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = flow_consultatie_answer(r->db, &r->who, id, r->param[1], in,
                                 &created, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    out = flow_consultatie_reactie(r->db, id, r->param[1], 1);
    api_json(r, created ? 201 : 200, out);
}

void api_consultatie_sluiting(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };

    if (id < 0 || empty_body(r, "Een sluiting") != 0)
        return;
    if (flow_consultatie_close(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    consultatie_answer(r, id, 200);
}

/* ---- SER-verzoeken ---- */

static void ser_answer(struct req *r, long long id, int status)
{
    json_t *s = flow_ser_get(r->db, id, req_logged_in(r));

    if (s == NULL) {
        api_problem(r, 404, "Niet gevonden", "Dit SER-verzoek bestaat "
                                             "niet.");
        return;
    }
    api_json(r, status, s);
}

void api_ser_verzoeken(struct req *r)
{
    collection(r, "/api/v1/ser-verzoeken", "serVerzoeken", flow_ser_list);
}

void api_ser_verzoek(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id > 0)
        ser_answer(r, id, 200);
}

void api_ser_verzoek_nieuw(struct req *r)
{
    create_with(r, flow_ser_create, ser_answer);
}

void api_ser_verzoek_overgang(struct req *r)
{
    step_with(r, flow_ser_transition, ser_answer);
}

/* ---- inbox ---- */

void api_inbox(struct req *r)
{
    json_t *box = flow_inbox(r->db, &r->who);

    if (box == NULL) {
        api_problem(r, 500, "Interne fout", "De inbox kon niet worden "
                                            "gelezen.");
        return;
    }
    api_json(r, 200, box);
}
