/* api_initiative.c - the register of regional initiatives in the API:
 * /api/v1/initiatieven and the similarity suggestions.
 *
 * Owns: translating these requests into initiative.h calls and the
 * results into JSON (api.h). The list is paginated in SQL (the register
 * may hold tens of thousands of initiatives), with the same collection
 * shape as api_collection, and its links keep the filters. */
#include "api.h"
#include "api_routes.h"
#include "buf.h"
#include "html.h"
#include "initiative.h"
#include "log.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A positive integer query parameter within [1, max]; dflt when absent;
 * -1 when it is present but not a plain decimal number in range. */
static long query_long(struct req *r, const char *name, long dflt, long max)
{
    const char *v = req_query(r, name);
    char *end;
    long n;

    if (v == NULL)
        return dflt;
    if (v[0] < '1' || v[0] > '9' || strlen(v) > 9)
        return -1;
    n = strtol(v, &end, 10);
    if (*end != '\0' || n < 1 || n > max)
        return -1;
    return n;
}

void api_initiatieven(struct req *r)
{
    struct initiative_filter flt = { 0 };
    struct fault f = { 0 };
    long long page, size, total = 0;
    struct buf filters;
    json_t *items;
    int bad = 0;

    if (api_page_params(r, &page, &size) != 0)
        return;
    flt.regio = api_query_text(r, "regio", 16, &bad);
    flt.pijler = api_query_text(r, "pijler", 16, &bad);
    flt.thema = api_query_text(r, "thema", 100, &bad);
    if (bad)
        return;
    items = initiative_list(r->db, &flt, (long)page, (long)size, &total, &f);
    if (items == NULL) {
        api_fault(r, &f);
        return;
    }
    buf_init(&filters, API_HREF_MAX);
    if (flt.regio) {
        buf_puts(&filters, "&regio=");
        html_url_arg(&filters, flt.regio);
    }
    if (flt.pijler) {
        buf_puts(&filters, "&pijler=");
        html_url_arg(&filters, flt.pijler);
    }
    if (flt.thema) {
        buf_puts(&filters, "&thema=");
        html_url_arg(&filters, flt.thema);
    }
    api_page_send(r, r->path, "initiatieven", items, total, page, size, "",
                  buf_str(&filters));
    buf_free(&filters);
}

void api_initiatief(struct req *r)
{
    long long id = api_path_id(r, 0);
    json_t *v;

    if (id < 0)
        return;
    v = initiative_get(r->db, id);
    if (v == NULL)
        api_problem(r, 404, "Niet gevonden", "Dit initiatief bestaat niet.");
    else
        api_json(r, 200, v);
}

/* POST: the new initiative with its suggestions, "vergelijkbaar": the
 * INITIATIVE_SIMILAR_DEFAULT most similar initiatives of other regions.
 * The initiative is stored even when the suggestion fails (then
 * "vergelijkbaar" is an empty list and the log says why). */
void api_initiatief_nieuw(struct req *r)
{
    json_t *in = api_body_object(r), *out, *sim;
    struct fault f = { 0 };
    char loc[64];
    long long id;

    if (in == NULL)
        return;
    id = initiative_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    out = initiative_get(r->db, id);
    sim = initiative_similar(r->db, id, NULL, INITIATIVE_SIMILAR_DEFAULT, 1,
                             &f);
    if (sim == NULL) {
        log_error("initiative %lld: suggestions failed: %s", id, f.msg);
        sim = json_array();
    }
    json_object_set_new(out, "vergelijkbaar", sim);
    snprintf(loc, sizeof loc, "/api/v1/initiatieven/%lld", id);
    resp_header(r, "Location", loc);
    api_json(r, 201, out);
}

void api_initiatief_vergelijkbaar(struct req *r)
{
    long long id = api_path_id(r, 0);
    long n = query_long(r, "aantal", INITIATIVE_SIMILAR_DEFAULT,
                        INITIATIVE_SIMILAR_MAX);
    const char *other = req_query(r, "alleenAndereRegios");
    struct fault f = { 0 };
    char self[API_HREF_MAX], item[64];
    json_t *sim;

    if (id < 0)
        return;
    if (n < 0) {
        api_problem(r, 400, "Ongeldige invoer", "aantal is een geheel getal "
                    "van 1 tot en met 20.");
        return;
    }
    if (other && strcmp(other, "true") != 0 && strcmp(other, "false") != 0) {
        api_problem(r, 400, "Ongeldige invoer", "alleenAndereRegios is true "
                                                "of false.");
        return;
    }
    sim = initiative_similar(r->db, id, NULL, (int)n,
                             other == NULL || strcmp(other, "true") == 0, &f);
    if (sim == NULL) {
        api_fault(r, &f);
        return;
    }
    snprintf(self, sizeof self, "%s?aantal=%ld&alleenAndereRegios=%s",
             r->path, n, other ? other : "true");
    snprintf(item, sizeof item, "/api/v1/initiatieven/%lld", id);
    api_json(r, 200, json_pack("{s:{s:{s:s}, s:{s:s}}, s:o, s:s}",
                               "_links", "self", "href", self,
                               "initiatief", "href", item,
                               "vergelijkbaar", sim,
                               "uitleg", INITIATIVE_UITLEG));
}
