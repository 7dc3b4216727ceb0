/* api_knelpunt.c - the knelpunt API: /api/v1/knelpunten, /knelpuntroute
 * and /regios.
 *
 * Owns: translating knelpunt requests into knelpunt.h calls and the
 * answers into JSON. The domain checks permissions and validates; this
 * file reads the query parameters, decides what an anonymous caller may
 * see (published knelpunten only; to anyone else an unpublished one does
 * not exist), and writes the one paginated collection that does not fit
 * api_collection: the list of knelpunten is paginated in SQL (LIMIT and
 * OFFSET with a count), so it stays fast with 100,000 knelpunten, in the
 * same JSON shape as api_collection. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "html.h"
#include "knelpunt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fault_problem(struct req *r, const struct fault *f)
{
    static const struct { enum fault_kind k; const char *t; } titles[] = {
        { FAULT_INVALID, "Ongeldige invoer" },
        { FAULT_FORBIDDEN, "Geen toestemming" },
        { FAULT_NOTFOUND, "Niet gevonden" },
        { FAULT_CONFLICT, "Conflict" },
        { FAULT_RULE, "Geweigerd door een regel van het rapport" },
    };
    const char *t = "Interne fout";
    size_t i;

    for (i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (titles[i].k == f->kind)
            t = titles[i].t;
    api_problem(r, f->kind ? (int)f->kind : 500, t,
                f->msg[0] ? f->msg : "Onbekende fout.");
}

/* Path parameter 0 as a positive id; answers 400 itself on failure. */
static long long id_param(struct req *r)
{
    const char *s = r->param[0];
    char *end;
    long long v;

    if (s[0] >= '1' && s[0] <= '9' && strlen(s) <= 15) {
        v = strtoll(s, &end, 10);
        if (*end == '\0')
            return v;
    }
    api_problem(r, 400, "Ongeldig id", "Een id is een geheel getal vanaf 1.");
    return -1;
}

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

/* One link of the collection, with its filters. */
static json_t *page_link(const struct knelpunt_filter *flt,
                         const char *overdue, long long page, long long size)
{
    struct buf b;
    json_t *o;

    buf_init(&b, 2048);
    buf_puts(&b, "/api/v1/knelpunten?");
    if (flt->state) {
        buf_puts(&b, "toestand=");
        html_url_arg(&b, flt->state);
        buf_puts(&b, "&");
    }
    if (flt->region) {
        buf_puts(&b, "regio=");
        html_url_arg(&b, flt->region);
        buf_puts(&b, "&");
    }
    if (flt->pillar) {
        buf_puts(&b, "pijler=");
        html_url_arg(&b, flt->pillar);
        buf_puts(&b, "&");
    }
    if (overdue) {
        buf_puts(&b, "teLaat=");
        html_url_arg(&b, overdue);
        buf_puts(&b, "&");
    }
    buf_printf(&b, "pagina=%lld&paginaGrootte=%lld", page, size);
    o = json_pack("{s:s}", "href", buf_str(&b));
    buf_free(&b);
    return o;
}

void api_knelpunten(struct req *r)
{
    struct knelpunt_filter flt = { 0 };
    const char *overdue = query_text(r, "teLaat");
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
        fault_problem(r, &f);
        return;
    }
    items = knelpunt_list(r->db, &flt, (page - 1) * size, size, &total);
    if (items == NULL) {
        api_problem(r, 500, "Interne fout", "De knelpunten konden niet "
                                            "worden gelezen.");
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
                      "self", page_link(&flt, overdue, page, size),
                      "first", page_link(&flt, overdue, 1, size),
                      "last", page_link(&flt, overdue, pages, size));
    if (page > 1)
        json_object_set_new(links, "prev",
                            page_link(&flt, overdue, page - 1, size));
    if (page < pages)
        json_object_set_new(links, "next",
                            page_link(&flt, overdue, page + 1, size));
    api_json(r, 200, json_pack("{s:{s:o}, s:o, s:I, s:I, s:I, s:I}",
                               "_embedded", "knelpunten", items,
                               "_links", links, "pagina", (json_int_t)page,
                               "paginaGrootte", (json_int_t)size,
                               "totaalAantal", (json_int_t)total,
                               "totaalPaginas", (json_int_t)pages));
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
    long long id = id_param(r);

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
        fault_problem(r, &f);
        return;
    }
    answer(r, id, 201);
}

void api_knelpunt_overgang(struct req *r)
{
    long long id = id_param(r);
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
        fault_problem(r, &f);
        return;
    }
    answer(r, id, 200);
}

void api_knelpunt_publicatie(struct req *r)
{
    long long id = id_param(r);
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
        fault_problem(r, &f);
        return;
    }
    answer(r, id, 200);
}

void api_knelpuntroute(struct req *r)
{
    api_json(r, 200, knelpunt_route(r->db));
}

void api_regios(struct req *r)
{
    const char *kind = query_text(r, "soort");

    if (kind && strcmp(kind, "land") && strcmp(kind, "landsdeel") &&
        strcmp(kind, "provincie") && strcmp(kind, "arbeidsmarktregio") &&
        strcmp(kind, "gemeente")) {
        api_problem(r, 400, "Ongeldige invoer", "soort is land, landsdeel, "
                    "provincie, arbeidsmarktregio of gemeente.");
        return;
    }
    api_collection(r, "regios", knelpunt_regions(r->db, kind));
}
