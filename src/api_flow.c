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

/* A positive integer query parameter within [1, max], dflt when absent;
 * -1 when present but not a plain decimal number in range. */
static long long query_int(struct req *r, const char *name, long long dflt,
                           long long max)
{
    const char *v = req_query(r, name);
    char *end;
    long long n;

    if (v == NULL)
        return dflt;
    if (v[0] < '1' || v[0] > '9' || strlen(v) > 9)
        return -1;
    n = strtoll(v, &end, 10);
    return (*end != '\0' || n < 1 || n > max) ? -1 : n;
}

/* Optional text query parameter: NULL when absent or empty. */
static const char *query_text(struct req *r, const char *name)
{
    const char *v = req_query(r, name);

    return v && v[0] ? v : NULL;
}

/* One link of a collection at `path`, with its filters. */
static json_t *page_link(const char *path, const struct flow_filter *flt,
                         long long page, long long size)
{
    struct buf b;
    json_t *o;

    buf_init(&b, 2048);
    buf_puts(&b, path);
    buf_puts(&b, "?");
    if (flt->status) {
        buf_puts(&b, "status=");
        html_url_arg(&b, flt->status);
        buf_puts(&b, "&");
    }
    if (flt->body) {
        buf_puts(&b, "overleg=");
        html_url_arg(&b, flt->body);
        buf_puts(&b, "&");
    }
    buf_printf(&b, "pagina=%lld&paginaGrootte=%lld", page, size);
    o = json_pack("{s:s}", "href", buf_str(&b));
    buf_free(&b);
    return o;
}

/* GET on a collection: ?status, ?overleg, ?pagina, ?paginaGrootte. */
static void collection(struct req *r, const char *path, const char *name,
                       list_fn list)
{
    struct flow_filter flt = { 0 };
    long long page = query_int(r, "pagina", 1, 100000000);
    long long size = query_int(r, "paginaGrootte", API_PAGE_DEFAULT,
                               API_PAGE_MAX);
    long long total = 0, pages;
    struct fault f = { 0 };
    json_t *items, *links;

    if (page < 0 || size < 0) {
        api_problem(r, 400, "Ongeldige paginering",
                    "pagina moet een geheel getal vanaf 1 zijn en "
                    "paginaGrootte een geheel getal van 1 tot en met 100.");
        return;
    }
    flt.status = query_text(r, "status");
    flt.body = query_text(r, "overleg");
    items = list(r->db, &flt, (page - 1) * size, size, &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    pages = total == 0 ? 1 : (total + size - 1) / size;
    if (page > pages) {
        json_decref(items);
        api_problem(r, 400, "Ongeldige paginering",
                    "Deze pagina bestaat niet: de collectie heeft minder "
                    "pagina's.");
        return;
    }
    links = json_pack("{s:o, s:o, s:o}",
                      "self", page_link(path, &flt, page, size),
                      "first", page_link(path, &flt, 1, size),
                      "last", page_link(path, &flt, pages, size));
    if (page > 1)
        json_object_set_new(links, "prev",
                            page_link(path, &flt, page - 1, size));
    if (page < pages)
        json_object_set_new(links, "next",
                            page_link(path, &flt, page + 1, size));
    api_json(r, 200, json_pack("{s:{s:o}, s:o, s:I, s:I, s:I, s:I}",
                               "_embedded", name, items,
                               "_links", links, "pagina", (json_int_t)page,
                               "paginaGrootte", (json_int_t)size,
                               "totaalAantal", (json_int_t)total,
                               "totaalPaginas", (json_int_t)pages));
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = flow_verzoek_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    verzoek_answer(r, id, 201);
}

void api_verzoek_antwoord(struct req *r)
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
    rc = flow_verzoek_answer(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    verzoek_answer(r, id, 200);
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = flow_consultatie_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    consultatie_answer(r, id, 201);
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
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = flow_ser_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    ser_answer(r, id, 201);
}

void api_ser_verzoek_overgang(struct req *r)
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
    rc = flow_ser_transition(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    ser_answer(r, id, 200);
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
