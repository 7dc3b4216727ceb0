/* api_monitor.c - the monitor API: /api/v1/indicatoren, /regios/{code},
 * /perioden, /observaties, /reeksen, the JSON-stat cube, /streefwaarden
 * and /imports.
 *
 * Owns: reading the query parameters of the monitor endpoints, mapping
 * the answers of monjson.h and monitor.h onto HTTP, and HTTP caching of
 * the public monitor reads: each answer carries an ETag (a hash of the
 * body, so it changes with every import or target that changes the
 * answer, and only then) and Cache-Control: public, max-age=300, and a
 * matching If-None-Match is answered 304 without a body. The target
 * writes go through mon_target_save / mon_target_delete, which check the
 * permission, validate and audit. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "html.h"
#include "httpcache.h"
#include "monitor.h"
#include "monjson.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Longest accepted code per query parameter (in characters). */
#define Q_INDICATOR_MAX 63
#define Q_REGION_MAX 11
#define Q_PERIOD_MAX 15
#define Q_DISAGG_MAX 127
#define Q_KIND_MAX 20

/* ------------------------------------------------------------------ */
/* Caching                                                             */

/* Make a 200 answer in r->out cacheable: ETag (a hash of the content
 * type and body), Cache-Control public for five minutes, and 304 with
 * no body when the client already has it.
 * The HTTP layer marks every /api answer "Cache-Control: no-store"
 * unless the handler set its own Cache-Control, as here. */
static void send_tagged(struct req *r, const char *tag)
{
    const char *inm = req_header(r, "If-None-Match");

    if (inm && httpcache_etag_match(inm, tag)) {
        r->status = 304;
        buf_reset(&r->out);
    }
    resp_header(r, "ETag", tag);
    resp_header(r, "Cache-Control", "public, max-age=300");
}

static void send_cached(struct req *r)
{
    char tag[HTTPCACHE_TAG_MAX];

    if (r->status != 200 || buf_failed(&r->out))
        return;
    httpcache_tag(r->ctype ? r->ctype : "", buf_str(&r->out), r->out.len,
                  tag);
    send_tagged(r, tag);
}

/* Append "name=value&" for a filter that is set (the pagination links
 * keep the filters). */
static void filter_arg(struct buf *b, const char *name, const char *value)
{
    if (value == NULL)
        return;
    buf_printf(b, "%s=", name);
    html_url_arg(b, value);
    buf_puts(b, "&");
}

/* Send a page of a collection (items stolen) and make it cacheable. */
static void send_page(struct req *r, const char *path, const char *name,
                      json_t *items, long long total, long long page,
                      long long size, struct buf *filters)
{
    api_page_send(r, path, name, items, total, page, size,
                  filters ? buf_str(filters) : "", "");
    send_cached(r);
}

/* A path code: at most max bytes of clean text, else 404 answered. */
static const char *path_code(struct req *r, size_t max, const char *what)
{
    const char *c = r->param[0];
    char detail[160];

    if (strlen(c) <= max)
        return c;
    snprintf(detail, sizeof detail, "%s bestaat niet.", what);
    api_problem(r, 404, "Niet gevonden", detail);
    return NULL;
}

/* A JSON document from monjson (stolen) or its fault, cacheable. */
static void send_doc(struct req *r, json_t *doc, const struct fault *f)
{
    if (doc == NULL) {
        api_fault(r, f);
        return;
    }
    api_json(r, 200, doc);
    send_cached(r);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */

void api_monitor_indicatoren(struct req *r)
{
    long long page, size, total = 0;
    struct fault f = { 0 };
    const char *pillar, *domain;
    struct buf filters;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    pillar = api_query_text(r, "pijler", Q_KIND_MAX, &bad);
    domain = api_query_text(r, "domein", Q_KIND_MAX, &bad);
    if (bad)
        return;
    items = monjson_indicators(r->db, pillar, domain, (page - 1) * size,
                               size, &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "pijler", pillar);
    filter_arg(&filters, "domein", domain);
    send_page(r, "/api/v1/indicatoren", "indicatoren", items, total, page,
              size, &filters);
    buf_free(&filters);
}

void api_monitor_indicator(struct req *r)
{
    const char *code = path_code(r, Q_INDICATOR_MAX, "Deze indicator");
    struct fault f = { 0 };

    if (code)
        send_doc(r, monjson_indicator(r->db, code, &f), &f);
}

void api_monitor_jsonstat(struct req *r)
{
    const char *code = path_code(r, Q_INDICATOR_MAX, "Deze indicator");
    const char *region, *kind;
    struct fault f = { 0 };
    int bad = 0;

    if (code == NULL)
        return;
    region = api_query_text(r, "regio", Q_REGION_MAX, &bad);
    kind = api_query_text(r, "soort", Q_KIND_MAX, &bad);
    if (bad)
        return;
    buf_reset(&r->out);
    if (monjson_jsonstat(r->db, code, region, kind, &r->out, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 200;
    r->ctype = "application/json";
    send_cached(r);
}

/* ------------------------------------------------------------------ */
/* Regions and periods                                                 */

void api_monitor_regio(struct req *r)
{
    const char *code = path_code(r, Q_REGION_MAX, "Deze regio");
    struct fault f = { 0 };

    if (code)
        send_doc(r, monjson_region(r->db, code, &f), &f);
}

void api_monitor_regios(struct req *r)
{
    long long page, size, total = 0;
    struct fault f = { 0 };
    struct buf filters;
    const char *kind;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    kind = api_query_text(r, "soort", Q_KIND_MAX, &bad);
    if (bad)
        return;
    items = monjson_regions(r->db, kind, (page - 1) * size, size, &total,
                            &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "soort", kind);
    send_page(r, "/api/v1/regios", "regios", items, total, page, size,
              &filters);
    buf_free(&filters);
}

void api_monitor_perioden(struct req *r)
{
    long long page, size, total = 0;
    struct fault f = { 0 };
    struct buf filters;
    const char *kind;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    kind = api_query_text(r, "soort", Q_KIND_MAX, &bad);
    if (bad)
        return;
    items = monjson_periods(r->db, kind, (page - 1) * size, size, &total,
                            &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "soort", kind);
    send_page(r, "/api/v1/perioden", "perioden", items, total, page, size,
              &filters);
    buf_free(&filters);
}

void api_monitor_periode(struct req *r)
{
    const char *code = path_code(r, Q_PERIOD_MAX, "Deze periode");
    struct fault f = { 0 };

    if (code)
        send_doc(r, monjson_period(r->db, code, &f), &f);
}

/* ------------------------------------------------------------------ */
/* Observations and series                                             */

/* The required ?indicator=; NULL after answering 400. */
static const char *required_indicator(struct req *r, int *bad)
{
    const char *ind = api_query_text(r, "indicator", Q_INDICATOR_MAX, bad);

    if (ind == NULL && !*bad) {
        api_problem(r, 400, "Ongeldige invoer", "indicator ontbreekt: geef "
                    "de code van een indicator mee (zie "
                    "/api/v1/indicatoren).");
        *bad = 1;
    }
    return ind;
}

/* ?uitsplitsing=: NULL when absent; "" (the total) when given empty or
 * as "totaal". */
static const char *disagg_param(struct req *r, int *bad)
{
    const char *v = req_query(r, "uitsplitsing");

    if (v == NULL || *bad)
        return NULL;
    if (v[0] == '\0' || strcmp(v, "totaal") == 0)
        return "";
    return api_query_text(r, "uitsplitsing", Q_DISAGG_MAX, bad);
}

void api_monitor_observaties(struct req *r)
{
    static const char *const origins[] = { "bron", "opgeteld", "berekend",
                                            NULL };
    struct monjson_obs_filter flt = { 0 };
    long long page, size, total = 0;
    struct fault f = { 0 };
    const char *origin;
    struct buf filters;
    json_t *items;
    int bad = 0, i;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.indicator = required_indicator(r, &bad);
    flt.region = api_query_text(r, "regio", Q_REGION_MAX, &bad);
    flt.period = api_query_text(r, "periode", Q_PERIOD_MAX, &bad);
    flt.disagg = disagg_param(r, &bad);
    origin = api_query_text(r, "oorsprong", Q_KIND_MAX, &bad);
    if (bad)
        return;
    flt.origin = -1;
    for (i = 0; origin && origins[i]; i++)
        if (strcmp(origin, origins[i]) == 0)
            flt.origin = i;
    if (origin && flt.origin < 0) {
        api_problem(r, 400, "Ongeldige invoer", "oorsprong is bron, "
                    "opgeteld of berekend.");
        return;
    }
    items = monjson_observations(r->db, &flt, (page - 1) * size, size,
                                 &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "indicator", flt.indicator);
    filter_arg(&filters, "regio", flt.region);
    filter_arg(&filters, "periode", flt.period);
    filter_arg(&filters, "uitsplitsing", flt.disagg);
    filter_arg(&filters, "oorsprong", origin);
    send_page(r, "/api/v1/observaties", "observaties", items, total, page,
              size, &filters);
    buf_free(&filters);
}

/* The series endpoint is read for every chart (and benchmarked): the
 * answer is written straight into the output buffer by one statement. */
void api_monitor_reeksen(struct req *r)
{
    const char *ind, *region, *disagg;
    char key[256], tag[HTTPCACHE_TAG_MAX];
    struct httpcache_mark mark;
    struct fault f = { 0 };
    int bad = 0;

    ind = required_indicator(r, &bad);
    region = api_query_text(r, "regio", Q_REGION_MAX, &bad);
    disagg = disagg_param(r, &bad);
    if (bad)
        return;
    /* the chart series is the hottest public read: a repeated one is
     * answered from the answer cache (validated parameters as the key) */
    snprintf(key, sizeof key, "reeksen\x1f%s\x1f%s\x1f%s", ind,
             region ? region : "", disagg ? disagg : "");
    buf_reset(&r->out);
    r->ctype = "application/json";
    if (httpcache_get(key, &r->out, tag, &mark)) {
        r->status = 200;
        send_tagged(r, tag);
        return;
    }
    if (monjson_series(r->db, ind, region, disagg, &r->out, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 200;
    if (!buf_failed(&r->out)) {
        httpcache_tag(r->ctype, buf_str(&r->out), r->out.len, tag);
        httpcache_put(key, buf_str(&r->out), r->out.len, tag, &mark);
        send_tagged(r, tag);
    }
}

void api_monitor_imports(struct req *r)
{
    long long page, size, total = 0;
    struct fault f = { 0 };
    json_t *items;

    if (api_page_params(r, &page, &size) != 0)
        return;
    items = monjson_imports(r->db, (page - 1) * size, size, &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    send_page(r, "/api/v1/imports", "imports", items, total, page, size,
              NULL);
}

/* ------------------------------------------------------------------ */
/* Targets                                                             */

void api_streefwaarden(struct req *r)
{
    long long page, size, total = 0;
    struct fault f = { 0 };
    struct buf filters;
    const char *ind;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    ind = api_query_text(r, "indicator", Q_INDICATOR_MAX, &bad);
    if (bad)
        return;
    items = monjson_targets(r->db, ind, (page - 1) * size, size, &total,
                            &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    filter_arg(&filters, "indicator", ind);
    send_page(r, "/api/v1/streefwaarden", "streefwaarden", items, total,
              page, size, &filters);
    buf_free(&filters);
}

void api_streefwaarde(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };

    if (id > 0)
        send_doc(r, monjson_target(r->db, id, &f), &f);
}

/* Answer target id as GET /streefwaarden/{id} does, with status. */
static void answer_target(struct req *r, sqlite3_int64 id, int status)
{
    struct fault f = { 0 };
    json_t *t = monjson_target(r->db, id, &f);
    char loc[64];

    if (t == NULL) {
        api_fault(r, &f);
        return;
    }
    if (status == 201) {
        snprintf(loc, sizeof loc, "/api/v1/streefwaarden/%lld",
                 (long long)id);
        resp_header(r, "Location", loc);
    }
    api_json(r, status, t);
}

void api_streefwaarde_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    sqlite3_int64 ind = 0, id;
    struct mon_target t;
    struct fault f = { 0 };

    if (in == NULL)
        return;
    if (monjson_target_parse(r->db, in, &ind, &t, &f) != 0) {
        json_decref(in);
        api_fault(r, &f);
        return;
    }
    json_decref(in);
    id = mon_target_save(r->db, &r->who, ind, &t, &f);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    answer_target(r, id, 201);
}

void api_streefwaarde_wijzig(struct req *r)
{
    long long id = api_path_id(r, 0);
    sqlite3_int64 ind = 0, saved;
    struct mon_target t, old;
    struct fault f = { 0 };
    json_t *in;
    int rc;

    if (id < 0)
        return;
    rc = mon_target_by_id(r->db, id, &ind, &old);
    if (rc < 0) {
        api_problem(r, 500, "Interne fout", "De streefwaarde kon niet "
                    "worden gelezen.");
        return;
    }
    if (rc == 0) {
        /* refused (403, audited) or not found (404) */
        memset(&t, 0, sizeof t);
        t.id = id;
        mon_target_save(r->db, &r->who, 0, &t, &f);
        api_fault(r, &f);
        return;
    }
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = monjson_target_parse(r->db, in, &ind, &t, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    t.id = id;
    saved = mon_target_save(r->db, &r->who, ind, &t, &f);
    if (saved < 0) {
        api_fault(r, &f);
        return;
    }
    answer_target(r, saved, 200);
}

void api_streefwaarde_verwijdering(struct req *r)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };

    if (id < 0)
        return;
    if (mon_target_delete(r->db, &r->who, id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 204;
}
