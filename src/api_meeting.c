/* api_meeting.c - the meeting API: /api/v1/vergaderingen and friends.
 *
 * Owns: translating meeting requests into meeting.h calls. Same shape as
 * api_v1.c: domain functions check permissions and validate; this file
 * answers a refusal with api_fault (problem+json) and otherwise returns
 * the changed resource. */
#include "api.h"
#include "api_routes.h"
#include "commitment.h"
#include "cyclerule.h"
#include "input.h"
#include "meeting.h"
#include "sqljson.h"

#include <string.h>

/* Optional date query parameter; answers 400 when present and invalid. */
static int date_query(struct req *r, const char *name, const char **out)
{
    *out = req_query(r, name);
    if (*out == NULL || input_is_date(*out))
        return 0;
    api_problem(r, 400, "Ongeldige datum", "Datums in de query hebben de "
                                           "vorm JJJJ-MM-DD.");
    return -1;
}

void api_vergaderingen(struct req *r)
{
    const char *from, *to, *body = req_query(r, "overleg");

    if (date_query(r, "van", &from) != 0 || date_query(r, "tot", &to) != 0)
        return;
    api_collection(r, "vergaderingen", meeting_list(r->db, body, from, to));
}

void api_vergadering(struct req *r)
{
    long long id = api_path_id(r, 0);
    json_t *m;

    if (id < 0)
        return;
    m = meeting_get(r->db, id);
    if (m == NULL)
        api_problem(r, 404, "Niet gevonden", "Deze vergadering bestaat niet.");
    else
        api_json(r, 200, m);
}

/* A change of meeting `id` by meeting.h: 0 or the id of what was added,
 * or -1 with f filled. The meeting.h calls that return a new id fit as
 * they are; the others are adapted below. */
typedef long long (*change_fn)(sqlite3 *, const struct actor *, long long,
                               json_t *, struct fault *);

/* Run a change on meeting `id` with the JSON body and answer with the
 * meeting as it now is (status `ok`), or with the problem. */
static void change(struct req *r, change_fn fn, int ok)
{
    long long id = api_path_id(r, 0);
    struct fault f = { 0 };
    json_t *in;
    long long rc;

    if (id < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = fn(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc < 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, ok, meeting_get(r->db, id));
}

void api_vergadering_nieuw(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    long long id;

    if (in == NULL)
        return;
    id = meeting_create(r->db, &r->who, in, &f);
    json_decref(in);
    if (id < 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 201, meeting_get(r->db, id));
}

static long long do_update(sqlite3 *db, const struct actor *w, long long id,
                           json_t *in, struct fault *f)
{
    return meeting_update(db, w, id, in, f);
}

/* A cancellation takes no fields: {} */
static long long do_cancel(sqlite3 *db, const struct actor *w, long long id,
                           json_t *in, struct fault *f)
{
    if (json_object_size(in) != 0) {
        fault_set(f, FAULT_INVALID, "Een annulering heeft geen velden.");
        return -1;
    }
    return meeting_cancel(db, w, id, f);
}

static long long do_minutes(sqlite3 *db, const struct actor *w, long long id,
                            json_t *in, struct fault *f)
{
    return meeting_minutes(db, w, id, in, f);
}

static long long do_attendance(sqlite3 *db, const struct actor *w,
                               long long id, json_t *in, struct fault *f)
{
    return meeting_attendance(db, w, id, in, f);
}

void api_vergadering_wijzig(struct req *r) { change(r, do_update, 200); }
void api_vergadering_annulering(struct req *r) { change(r, do_cancel, 200); }
void api_vergadering_verslag(struct req *r) { change(r, do_minutes, 200); }
void api_vergadering_aanwezigheid(struct req *r)
{
    change(r, do_attendance, 200);
}
void api_vergadering_genodigde(struct req *r)
{
    change(r, meeting_invite, 201);
}
void api_vergadering_agendapunt(struct req *r)
{
    change(r, meeting_agenda_add, 201);
}
void api_vergadering_besluit(struct req *r)
{
    change(r, meeting_decision_add, 201);
}
void api_vergadering_actie(struct req *r)
{
    change(r, meeting_action_add, 201);
}

void api_vergadering_agendapunt_wijzig(struct req *r)
{
    long long id = api_path_id(r, 0), item;
    struct fault f = { 0 };
    json_t *in;
    int rc;

    if (id < 0 || (item = api_path_id(r, 1)) < 0)
        return;
    in = api_body_object(r);
    if (in == NULL)
        return;
    rc = meeting_agenda_status(r->db, &r->who, id, item, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 200, meeting_get(r->db, id));
}

void api_actie_wijzig(struct req *r)
{
    long long id = api_path_id(r, 0);

    if (id < 0 || api_body_change(r, id, meeting_action_status) != 0)
        return;
    api_json(r, 200, sqljson_row(r->db,
        "SELECT id, description AS omschrijving, deadline, status, "
        "meeting_id AS vergadering FROM action_item WHERE id = ?", "i", id));
}

void api_acties(struct req *r)
{
    const char *status = req_query(r, "status");

    if (status && strcmp(status, "open") && strcmp(status, "gereed") &&
        strcmp(status, "vervallen") && strcmp(status, "teLaat")) {
        api_problem(r, 400, "Ongeldige status", "status is open, gereed, "
                                                "vervallen of teLaat.");
        return;
    }
    api_collection(r, "acties", sqljson_rows(r->db,
        "SELECT a.id, a.description AS omschrijving, a.deadline, a.status, "
        "o.code AS eigenaar, m.id AS vergadering FROM action_item a JOIN "
        "meeting m ON m.id = a.meeting_id LEFT JOIN organisation o ON o.id "
        "= a.owner_org_id WHERE ?1 IS NULL OR a.status = ?1 OR (?1 = "
        "'teLaat' AND a.status = 'open' AND a.deadline < date('now')) "
        "ORDER BY a.deadline, a.id", "s", status));
}

void api_inzet(struct req *r)
{
    const char *sig = req_query(r, "alleenSignalen");
    const char *org = req_query(r, "organisatie");
    const char *body = req_query(r, "overleg");

    if (sig && strcmp(sig, "true") && strcmp(sig, "false")) {
        api_problem(r, 400, "Ongeldige invoer", "alleenSignalen is true of "
                                                "false.");
        return;
    }
    api_collection(r, "inzet", sig && strcmp(sig, "true") == 0
                                   ? commitment_signals(r->db, org, body)
                                   : commitment_rates(r->db, org, body));
}

void api_cyclusregels(struct req *r)
{
    api_collection(r, "cyclusregels", cyclerule_list(r->db));
}

void api_cyclusregel(struct req *r)
{
    json_t *v = cyclerule_get(r->db, r->param[0]);

    if (v == NULL)
        api_problem(r, 404, "Niet gevonden", "Deze cyclusregel bestaat "
                                             "niet.");
    else
        api_json(r, 200, v);
}

void api_cyclusregel_wijzig(struct req *r)
{
    json_t *in = api_body_object(r);
    struct fault f = { 0 };
    int rc;

    if (in == NULL)
        return;
    rc = cyclerule_update(r->db, &r->who, r->param[0], in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return;
    }
    api_json(r, 200, cyclerule_get(r->db, r->param[0]));
}
