/* api_gremium.c - the API of the fragmentation analysis: /api/v1/gremia
 * (list, one, register, change, members), /api/v1/gremium-leden (CSV
 * import of memberships) and /api/v1/overlap (pairs of gremia at a
 * date).
 *
 * Owns: translating those requests into gremium.h and overlap.h calls and
 * their answers into JSON. The domain checks permissions, validates and
 * audits. */
#include "api.h"
#include "api_routes.h"
#include "gremium.h"
#include "input.h"
#include "overlap.h"
#include "perm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_gremia_lijst(struct req *r)
{
    json_t *a = gremium_list(r->db);

    if (a == NULL) {
        api_problem(r, 500, "Interne fout", "De gremia konden niet worden "
                    "gelezen.");
        return;
    }
    api_collection(r, "gremia", a);
}

/* The pairs of gremium nr in analysis a, best first. */
static json_t *pairs_of(const struct overlap_analysis *a, long long nr)
{
    json_t *out = json_array();
    size_t k;

    for (k = 0; out && k < a->res.npairs; k++) {
        const struct overlap_pair *p = &a->res.pairs[k];

        if (a->nr[p->a] == nr || a->nr[p->b] == nr)
            json_array_append_new(out, overlap_pair_json(a, k));
    }
    return out;
}

/* Gremium nr with its overlaps and the risk-7 check, with status. */
static void answer(struct req *r, long long nr, int status, json_t *check)
{
    struct overlap_analysis a;
    json_t *g = gremium_get(r->db, nr);

    if (g == NULL) {
        json_decref(check);
        api_problem(r, 404, "Niet gevonden", "Dit gremium bestaat niet.");
        return;
    }
    if (overlap_analyse(r->db, NULL, &a) != 0) {
        json_decref(check);
        json_decref(g);
        api_problem(r, 500, "Interne fout", "De overlap kon niet worden "
                    "berekend.");
        return;
    }
    json_object_set_new(g, "overlappen", pairs_of(&a, nr));
    overlap_analysis_free(&a);
    if (check == NULL)
        check = overlap_warning(r->db, nr);
    json_object_set_new(g, "controle", check ? check : json_null());
    api_json(r, status, g);
}

void api_gremium(struct req *r)
{
    long long nr = api_path_id(r, 0);

    if (nr > 0)
        answer(r, nr, 200, NULL);
}

void api_gremium_nieuw(struct req *r)
{
    json_t *in = api_body_object(r), *check = NULL;
    struct fault f = { 0 };
    long long nr;

    if (in == NULL)
        return;
    nr = gremium_create(r->db, &r->who, in, &check, &f);
    json_decref(in);
    if (nr < 0) {
        api_fault(r, &f);
        return;
    }
    answer(r, nr, 201, check);
}

void api_gremium_wijzig(struct req *r)
{
    long long nr = api_path_id(r, 0);
    json_t *in, *check = NULL;
    struct fault f = { 0 };

    if (nr < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    if (gremium_update(r->db, &r->who, nr, in, &check, &f) != 0) {
        json_decref(in);
        api_fault(r, &f);
        return;
    }
    json_decref(in);
    answer(r, nr, 200, check);
}

void api_gremium_leden(struct req *r)
{
    long long nr = api_path_id(r, 0);
    const char *all = req_query(r, "alle");
    json_t *m;

    if (nr < 0)
        return;
    if (all && strcmp(all, "true") && strcmp(all, "false")) {
        api_problem(r, 400, "Ongeldige invoer", "alle is true of false.");
        return;
    }
    if (!gremium_exists(r->db, nr)) {
        api_problem(r, 404, "Niet gevonden", "Dit gremium bestaat niet.");
        return;
    }
    m = gremium_members(r->db, nr, all && strcmp(all, "true") == 0);
    if (m == NULL) {
        api_problem(r, 500, "Interne fout", "De leden konden niet worden "
                    "gelezen.");
        return;
    }
    api_collection(r, "leden", m);
}

void api_gremium_lid_nieuw(struct req *r)
{
    long long nr = api_path_id(r, 0), id;
    json_t *in, *check = NULL, *out;
    struct fault f = { 0 };

    if (nr < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    id = gremium_member_add(r->db, &r->who, nr, in, &check, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    out = json_pack("{s:I, s:I, s:o}", "id", (json_int_t)id, "gremium",
                    (json_int_t)nr, "controle", check ? check : json_null());
    api_json(r, 201, out);
}

void api_gremium_lid_einde(struct req *r)
{
    long long nr = api_path_id(r, 0), id;
    const char *until = req_query(r, "tot");
    struct fault f = { 0 };

    if (nr < 0)
        return;
    id = api_path_id(r, 1);
    if (id < 0)
        return;
    if (until && !until[0])
        until = NULL;
    if (gremium_member_end(r->db, &r->who, nr, id, until, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 204;
    r->ctype = "application/json";
    buf_reset(&r->out);
}

/* The refusal of an import with every line-numbered error. */
static void import_refused(struct req *r, const struct gremium_import *res,
                           const struct fault *f)
{
    int status = f->kind ? (int)f->kind : 500;
    json_t *p, *errs = json_array();
    char *txt;
    int i;

    for (i = 0; i < res->nerrors; i++)
        json_array_append_new(errs, json_string(res->errors[i]));
    p = json_pack("{s:i, s:s, s:s, s:s, s:o, s:b}", "status", status,
                  "title", status == 403 ? "Geen toestemming"
                         : status == 500 ? "Interne fout"
                                         : "Ongeldige invoer",
                  "detail", f->msg[0] ? f->msg : "Het bestand is geweigerd.",
                  "instance", r->path, "fouten", errs,
                  "meerFouten", res->more_errors);
    txt = p ? json_dumps(p, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(p);
    r->status = status;
    r->ctype = "application/problem+json";
    buf_reset(&r->out);
    buf_puts(&r->out, txt ? txt : "{\"status\":500}");
    free(txt);
}

void api_gremium_leden_import(struct req *r)
{
    struct gremium_import *res = calloc(1, sizeof *res);
    struct fault f = { 0 };

    if (res == NULL) {
        api_problem(r, 500, "Interne fout", "Onvoldoende geheugen.");
        return;
    }
    if (gremium_import_csv(r->db, &r->who, buf_str(&r->body), r->body.len,
                           res, &f) != 0) {
        import_refused(r, res, &f);
        free(res);
        return;
    }
    api_json(r, 201, json_pack("{s:I, s:I, s:I, s:I, s:I}",
                               "gelezen", (json_int_t)res->rows,
                               "nieuw", (json_int_t)res->added,
                               "ongewijzigd", (json_int_t)res->unchanged,
                               "gremia", (json_int_t)res->gremia,
                               "waarschuwingen",
                               (json_int_t)res->warnings));
    free(res);
}

void api_overlap(struct req *r)
{
    const char *date = req_query(r, "datum");
    struct overlap_analysis a;
    long long page, size, k;
    char after[64] = "";
    json_t *items;

    if (api_page_params(r, &page, &size) != 0)
        return;
    if (date && date[0] && !input_is_date(date)) {
        api_problem(r, 400, "Ongeldige invoer", "datum is een datum "
                    "JJJJ-MM-DD.");
        return;
    }
    if (overlap_analyse(r->db, date && date[0] ? date : NULL, &a) != 0) {
        api_problem(r, 500, "Interne fout", "De overlap kon niet worden "
                    "berekend.");
        return;
    }
    items = json_array();
    for (k = (page - 1) * size; items && k < page * size &&
         k < (long long)a.res.npairs; k++)
        json_array_append_new(items, overlap_pair_json(&a, (size_t)k));
    if (date && date[0])
        snprintf(after, sizeof after, "&datum=%s", a.date);
    api_page_send(r, "/api/v1/overlap", "paren", items,
                  (long long)a.res.npairs, page, size, "", after);
    overlap_analysis_free(&a);
}
