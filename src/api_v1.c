/* api_v1.c - the JSON API handlers under /api/v1.
 *
 * Owns: translating API requests into domain calls and domain results
 * into JSON (api.h). Read endpoints are public; write endpoints need a
 * bearer token (or a browser session) and the permission checks live in
 * the domain modules, so the web UI and the API cannot disagree. */
#include "api.h"
#include "api_routes.h"
#include "auth.h"
#include "body.h"
#include "catalog.h"
#include "governance.h"
#include "membership.h"
#include "organisation.h"
#include "perm.h"
#include "person.h"
#include "sqljson.h"
#include "store.h"

extern const char openapi_json[];   /* generated from docs/openapi.json */

static void not_found(struct req *r, const char *what)
{
    api_problem(r, 404, "Niet gevonden", what);
}

void api_openapi(struct req *r)
{
    r->status = 200;
    r->ctype = "application/json";
    buf_puts(&r->out, openapi_json);
}

void api_pijlers(struct req *r)
{
    api_collection(r, "pijlers", governance_pillars(r->db));
}

void api_niveaus(struct req *r)
{
    api_collection(r, "niveaus", governance_levels(r->db));
}

void api_overleggen(struct req *r)
{
    api_collection(r, "overleggen", body_list(r->db));
}

void api_overleg(struct req *r)
{
    json_t *b = body_get(r->db, r->param[0]);

    if (b == NULL)
        not_found(r, "Dit overleg bestaat niet.");
    else
        api_json(r, 200, b);
}

void api_overleg_leden(struct req *r)
{
    json_t *b = body_get(r->db, r->param[0]);

    if (b == NULL) {
        not_found(r, "Dit overleg bestaat niet.");
        return;
    }
    json_decref(b);
    api_collection(r, "leden", membership_list(r->db, r->param[0]));
}

void api_overleg_lid_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = membership_add(r->db, &r->who, r->param[0], in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 201, membership_get(r->db, id));
}

void api_overleg_lid_einde(struct req *r)
{
    struct fault f = { 0 };
    long long id = api_path_id(r, 1);

    if (id < 0)
        return;
    if (membership_end(r->db, &r->who, r->param[0], id, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    r->status = 204;
}

void api_rollen(struct req *r)
{
    api_collection(r, "rollen", governance_roles(r->db));
}

void api_rol(struct req *r)
{
    json_t *v = governance_role(r->db, r->param[0]);

    if (v == NULL)
        not_found(r, "Deze rol bestaat niet.");
    else
        api_json(r, 200, v);
}

void api_organisaties(struct req *r)
{
    api_collection(r, "organisaties", organisation_list(r->db));
}

void api_organisatie(struct req *r)
{
    json_t *v = organisation_get(r->db, r->param[0]);

    if (v == NULL)
        not_found(r, "Deze organisatie bestaat niet.");
    else
        api_json(r, 200, v);
}

void api_organisatie_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    char code[64];

    if (in == NULL)
        return;
    if (organisation_create(r->db, &r->who, in, &f) != 0) {
        json_decref(in);
        api_fault(r, &f);
        return;
    }
    snprintf(code, sizeof code, "%s", input_str(in, "code"));
    json_decref(in);
    api_json(r, 201, organisation_get(r->db, code));
}

void api_organisatie_wijzig(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    int rc;

    if (in == NULL)
        return;
    rc = organisation_update(r->db, &r->who, r->param[0], in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 200, organisation_get(r->db, r->param[0]));
}

void api_personen(struct req *r)
{
    api_collection(r, "personen", person_list(r->db));
}

void api_persoon(struct req *r)
{
    long long id = api_path_id(r, 0);
    json_t *v;

    if (id < 0)
        return;
    v = person_get(r->db, id);
    if (v == NULL)
        not_found(r, "Deze persoon bestaat niet.");
    else
        api_json(r, 200, v);
}

void api_persoon_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = person_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 201, person_get(r->db, id));
}

void api_persoon_wijzig(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id < 0 || api_body_change(r, id, person_update) != 0)
        return;
    api_json(r, 200, person_get(r->db, id));
}

void api_indicatoren(struct req *r)
{
    api_collection(r, "indicatoren", catalog_indicators(r->db));
}

/* The permission table as data: every action with the roles that may
 * perform it anywhere and the roles that may only within their own body. */
void api_rechten(struct req *r)
{
    json_t *a = json_array();
    int i, k;

    for (i = 0; i < ACT_COUNT; i++) {
        const struct perm_rule *p = perm_rule((enum perm_action)i);
        json_t *all = json_array(), *own = json_array();

        for (k = 0; k < ROLE_COUNT; k++) {
            if (p->roles_all & (1u << k))
                json_array_append_new(all, json_string(
                    perm_role_code((enum perm_role)k)));
            if (p->roles_own_body & (1u << k))
                json_array_append_new(own, json_string(
                    perm_role_code((enum perm_role)k)));
        }
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o}",
            "actie", p->code, "omschrijving", p->label, "rollen", all,
            "rollenEigenOverleg", own));
    }
    api_collection(r, "rechten", a);
}

void api_audit(struct req *r)
{
    if (!perm_allowed(r->who.role, r->who.scope, ACT_AUDIT_INZIEN, NULL)) {
        api_problem(r, 403, "Geen toestemming", "Alleen de beheerder mag "
                                                "het auditlogboek inzien.");
        return;
    }
    api_collection(r, "auditRegels", sqljson_rows(r->db,
        "SELECT id, at AS tijdstip, actor, actor_role AS rol, action AS "
        "actie, object_type AS objectType, object_id AS objectId, result AS "
        "resultaat, origin AS herkomst, detail FROM audit ORDER BY id DESC",
        NULL));
}

void api_token_intrekken(struct req *r)
{
    long long id = api_path_id(r, 0);
    long long owner;
    int admin = perm_allowed(r->who.role, r->who.scope,
                             ACT_GEBRUIKER_BEHEREN, NULL);

    if (id < 0)
        return;
    owner = store_count(r->db, "SELECT coalesce((SELECT user_id FROM "
                               "api_token WHERE id = ? AND revoked_at IS "
                               "NULL), 0)", r->param[0]);
    if (owner <= 0) {
        not_found(r, "Dit token bestaat niet of is al ingetrokken.");
        return;
    }
    if (!admin && (owner != r->who.user_id ||
                   !perm_allowed(r->who.role, r->who.scope, ACT_TOKEN_EIGEN,
                                 NULL))) {
        audit_write(r->db, &r->who, "token.intrekken", "token", r->param[0],
                    "geweigerd", "niet het eigen token");
        api_problem(r, 403, "Geen toestemming", "U mag alleen uw eigen "
                                                "tokens intrekken.");
        return;
    }
    if (store_begin(r->db) != 0) {
        api_problem(r, 500, "Interne fout", "De store is bezet.");
        return;
    }
    if (auth_token_revoke(r->db, id, 0) != 0 ||
        audit_write(r->db, &r->who, "token.intrekken", "token", r->param[0],
                    "gelukt", NULL) != 0 || store_commit(r->db) != 0) {
        store_rollback(r->db);
        api_problem(r, 500, "Interne fout", "Intrekken is mislukt.");
        return;
    }
    r->status = 204;
}
