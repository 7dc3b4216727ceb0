/* api_account.c - /api/v1/gebruikers: user management for the beheerder.
 *
 * Owns: translating the user endpoints into account.c calls. Reading
 * accounts is also limited to the beheerder (ACT_GEBRUIKER_BEHEREN), and
 * a refused read is audited like a refused change. A generated password
 * appears once, in the answer that created or reset it. */
#include "account.h"
#include "api.h"
#include "api_routes.h"
#include "perm.h"

#include <string.h>

/* 1 when the caller may manage users; otherwise 403, audited. */
static int may_manage(struct req *r, const char *action, const char *id)
{
    if (perm_allowed(r->who.role, r->who.scope, ACT_GEBRUIKER_BEHEREN,
                     NULL))
        return 1;
    audit_write(r->db, &r->who, action, "gebruiker", id, "geweigerd",
                "geen beheerder");
    api_problem(r, 403, "Geen toestemming", "Alleen de beheerder mag "
                                            "gebruikers beheren.");
    return 0;
}

void api_gebruikers(struct req *r)
{
    if (may_manage(r, "gebruiker.inzien", ""))
        api_collection(r, "gebruikers", account_list(r->db));
}

void api_gebruiker(struct req *r)
{
    long long id;
    json_t *u;

    if (!may_manage(r, "gebruiker.inzien", r->param[0]))
        return;
    id = api_path_id(r, 0);
    if (id < 0)
        return;
    u = account_get(r->db, id);
    if (u == NULL)
        api_problem(r, 404, "Niet gevonden", "Deze gebruiker bestaat niet.");
    else
        api_json(r, 200, u);
}

void api_gebruiker_nieuw(struct req *r)
{
    json_t *in = api_body_object(r), *u;
    char pw[ACCOUNT_PASSWORD_BUF];
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = account_create(r->db, &r->who, in, pw, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    u = account_get(r->db, id);
    if (u && pw[0])
        json_object_set_new(u, "wachtwoord", json_string(pw));
    memset(pw, 0, sizeof pw);
    resp_header(r, "Cache-Control", "no-store");
    api_json(r, 201, u);
}

void api_gebruiker_wijzig(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id < 0 || api_body_change(r, id, account_update) != 0)
        return;
    api_json(r, 200, account_get(r->db, id));
}

void api_gebruiker_wachtwoord(struct req *r)
{
    long long id = api_path_id(r, 0);
    char pw[ACCOUNT_PASSWORD_BUF];
    struct fault f = { 0 };
    json_t *u;

    if (id < 0)
        return;
    if (account_reset_password(r->db, &r->who, id, pw, &f) != 0) {
        api_fault(r, &f);
        return;
    }
    u = account_get(r->db, id);
    if (u)
        json_object_set_new(u, "wachtwoord", json_string(pw));
    memset(pw, 0, sizeof pw);
    resp_header(r, "Cache-Control", "no-store");
    api_json(r, 200, u);
}
