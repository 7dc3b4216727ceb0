/* meeting.c - meetings and everything recorded about them (meeting.h). */
#include "meeting.h"
#include "agenda.h"
#include "auth.h"
#include "input.h"
#include "markdown.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const meeting_kinds[] = { "overleg", "evaluatie", NULL };
static const char *const attendance_values[] = { "aanwezig", "afwezig",
                                                 "vervangen", NULL };
static const char *const action_states[] = { "open", "gereed", "vervallen",
                                             NULL };
static const char *const item_states[] = { "geagendeerd", "afgevoerd", NULL };

static const struct input_field create_fields[] = {
    { "overleg", "Overleg", IN_CODE, 0, 60, NULL },
    { "soort", "Soort", IN_CHOICE, 0, 0, meeting_kinds },
    { "titel", "Titel", IN_TEXT, 0, 200, NULL },
    { "begin", "Begin", IN_DATETIME, 1, 0, NULL },
    { "einde", "Einde", IN_DATETIME, 1, 0, NULL },
    { "locatie", "Locatie", IN_TEXT, 0, 200, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field update_fields[] = {
    { "titel", "Titel", IN_TEXT, 0, 200, NULL },
    { "begin", "Begin", IN_DATETIME, 0, 0, NULL },
    { "einde", "Einde", IN_DATETIME, 0, 0, NULL },
    { "locatie", "Locatie", IN_TEXT, 0, 200, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field invite_fields[] = {
    { "organisatie", "Organisatie", IN_CODE, 0, 60, NULL },
    { "persoon", "Persoon", IN_INT, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field agenda_fields[] = {
    { "titel", "Titel", IN_TEXT, 1, 200, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, 4000, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field item_status_fields[] = {
    { "status", "Status", IN_CHOICE, 1, 0, item_states },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field minutes_fields[] = {
    { "verslag", "Verslag", IN_LONGTEXT, 1, MARKDOWN_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field decision_fields[] = {
    { "tekst", "Besluit", IN_LONGTEXT, 1, 2000, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field action_fields[] = {
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 1, 2000, NULL },
    { "organisatie", "Eigenaar (organisatie)", IN_CODE, 0, 60, NULL },
    { "persoon", "Eigenaar (persoon)", IN_INT, 0, 0, NULL },
    { "deadline", "Deadline", IN_DATE, 1, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field action_status_fields[] = {
    { "status", "Status", IN_CHOICE, 1, 0, action_states },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* What the functions below need to know about a meeting. */
struct mtg {
    long long id;
    long long body_id;          /* 0 for the evaluation */
    char body_code[64];
    char body_name[128];
    char starts_at[17];
    char ends_at[17];
    char status[16];
};

static int mtg_load(sqlite3 *db, long long id, struct mtg *m)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT m.id, coalesce(m.body_id, 0), coalesce(b.code, ''), "
        "coalesce(b.name, m.title), m.starts_at, m.ends_at, m.status "
        "FROM meeting m LEFT JOIN body b ON b.id = m.body_id "
        "WHERE m.id = ?");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        m->id = sqlite3_column_int64(st, 0);
        m->body_id = sqlite3_column_int64(st, 1);
        snprintf(m->body_code, sizeof m->body_code, "%s", store_col(st, 2));
        snprintf(m->body_name, sizeof m->body_name, "%s", store_col(st, 3));
        snprintf(m->starts_at, sizeof m->starts_at, "%s", store_col(st, 4));
        snprintf(m->ends_at, sizeof m->ends_at, "%s", store_col(st, 5));
        snprintf(m->status, sizeof m->status, "%s", store_col(st, 6));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Permission for `action` on a meeting of body_code ("" for the
 * evaluation, which only unscoped roles may touch). Refusals are audited. */
static int refused(sqlite3 *db, const struct actor *who,
                   enum perm_action action, const char *body_code,
                   const char *audit_action, long long object,
                   struct fault *f)
{
    char id[32];

    if (perm_allowed(who->role, who->scope, action,
                     body_code && body_code[0] ? body_code : NULL))
        return 0;
    if (who->role == ROLE_NETWERKMANAGER)
        fault_set(f, FAULT_FORBIDDEN, "Als netwerkmanager beheert u alleen "
                  "de vergaderingen van uw eigen kerngroep (%s).",
                  who->scope[0] ? who->scope : "geen");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag dit niet bij "
                  "vergaderingen.", perm_role_label(who->role));
    snprintf(id, sizeof id, "%lld", object);
    audit_write(db, who, audit_action, "vergadering", id, "geweigerd",
                f->msg);
    return -1;
}

/* Load the meeting and check the permission in one go. */
static int mtg_access(sqlite3 *db, const struct actor *who, long long id,
                      enum perm_action action, const char *audit_action,
                      struct mtg *m, struct fault *f)
{
    if (mtg_load(db, id, m) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Vergadering %lld bestaat niet.", id);
        return -1;
    }
    return refused(db, who, action, m->body_code, audit_action, id, f);
}

static int begin_tx(sqlite3 *db, struct fault *f)
{
    if (store_begin(db) == 0)
        return 0;
    fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
    return -1;
}

/* Commit with the audit entry; on failure roll back and fill f. */
static int finish(sqlite3 *db, const struct actor *who, const char *action,
                  long long object, const char *detail, struct fault *f)
{
    char id[32];

    snprintf(id, sizeof id, "%lld", object);
    if (audit_write(db, who, action, "vergadering", id, "gelukt", detail)
            != 0 || store_commit(db) != 0) {
        store_rollback(db);
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return -1;
    }
    return 0;
}

static int fail(sqlite3 *db)
{
    store_rollback(db);
    return -1;
}

/* Times must form a meeting on one day with the end after the start;
 * years are limited to 2000-2100. */
static int check_times(const char *b, const char *e, struct fault *f)
{
    int yb = atoi(b);

    if (yb < 2000 || yb > 2100) {
        fault_set(f, FAULT_INVALID, "Het begin moet tussen 2000 en 2100 "
                  "liggen.");
        return -1;
    }
    if (strncmp(b, e, 10) != 0) {
        fault_set(f, FAULT_INVALID, "Een vergadering begint en eindigt op "
                  "dezelfde dag (begin %s, einde %s).", b, e);
        return -1;
    }
    if (strcmp(e, b) <= 0) {
        fault_set(f, FAULT_INVALID, "Het einde (%s) ligt niet na het begin "
                  "(%s).", e + 11, b + 11);
        return -1;
    }
    return 0;
}

/* Another planned meeting of the same body overlapping [b, e)? */
static int check_overlap(sqlite3 *db, long long body_id, long long self,
                         const char *b, const char *e, struct fault *f)
{
    sqlite3_stmt *st;
    int rc = 0;

    if (body_id == 0)
        return 0;
    st = store_prepare(db, "SELECT starts_at, ends_at FROM meeting WHERE "
                           "body_id = ? AND id <> ? AND status = 'gepland' "
                           "AND starts_at < ? AND ends_at > ? LIMIT 1");
    store_bind_int(st, 1, body_id);
    store_bind_int(st, 2, self);
    store_bind_text(st, 3, e);
    store_bind_text(st, 4, b);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        fault_set(f, FAULT_CONFLICT, "Dit overleg heeft al een vergadering "
                  "op %.10s van %s tot %s.", store_col(st, 0),
                  store_col(st, 0) + 11, store_col(st, 1) + 11);
        rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Invite the body's current members and invitees, and the persons of
 * secretaris accounts (the secretaris is always present). */
static int invite_members(sqlite3 *db, long long meeting, long long body)
{
    sqlite3_stmt *st = store_prepare(db,
        "INSERT OR IGNORE INTO meeting_invitee(meeting_id, organisation_id, "
        "person_id, kind, seat_id) SELECT ?1, organisation_id, person_id, "
        "kind, seat_id FROM membership WHERE body_id = ?2 AND until IS NULL");

    store_bind_int(st, 1, meeting);
    store_bind_int(st, 2, body);
    if (store_exec_stmt(st) != 0)
        return -1;
    st = store_prepare(db,
        "INSERT OR IGNORE INTO meeting_invitee(meeting_id, person_id, kind) "
        "SELECT DISTINCT ?1, person_id, 'secretaris' FROM user WHERE role = "
        "'secretaris' AND active = 1 AND person_id IS NOT NULL");
    store_bind_int(st, 1, meeting);
    return store_exec_stmt(st);
}

/* Validate and insert one meeting inside the caller's transaction, with
 * its invitees, adopted agenda items and audit entry. */
long long meeting_create_tx(sqlite3 *db, const struct actor *who,
                            json_t *in, struct fault *f)
{
    const char *body_code, *kind, *b, *e, *title;
    char uid[AUTH_SECRET_HEX + 16], name[160] = "", idtxt[32];
    long long body_id = 0, id;
    sqlite3_stmt *st;

    if (input_check(in, create_fields, 0, f) != 0)
        return -1;
    kind = input_str(in, "soort") ? input_str(in, "soort") : "overleg";
    body_code = input_str(in, "overleg");
    if (strcmp(kind, "overleg") == 0 && (body_code == NULL ||
                                         body_code[0] == '\0')) {
        fault_set(f, FAULT_INVALID, "Overleg is verplicht voor een "
                  "vergadering.");
        return -1;
    }
    if (strcmp(kind, "evaluatie") == 0 && body_code && body_code[0]) {
        fault_set(f, FAULT_INVALID, "Een evaluatie van de governance hoort "
                  "niet bij één overleg.");
        return -1;
    }
    if (refused(db, who, ACT_VERGADERING_PLANNEN,
                strcmp(kind, "overleg") == 0 ? body_code : "",
                "vergadering.plannen", 0, f) != 0)
        return -1;
    b = input_str(in, "begin");
    e = input_str(in, "einde");
    if (check_times(b, e, f) != 0)
        return -1;
    if (strcmp(kind, "overleg") == 0) {
        st = store_prepare(db, "SELECT id, name FROM body WHERE code = ?");
        store_bind_text(st, 1, body_code);
        if (st && sqlite3_step(st) == SQLITE_ROW) {
            body_id = sqlite3_column_int64(st, 0);
            snprintf(name, sizeof name, "%s", store_col(st, 1));
        }
        sqlite3_finalize(st);
        if (body_id == 0) {
            fault_set(f, FAULT_NOTFOUND, "Overleg \"%s\" bestaat niet.",
                      body_code);
            return -1;
        }
    } else {
        snprintf(name, sizeof name, "Evaluatie van de governance");
    }
    if (check_overlap(db, body_id, 0, b, e, f) != 0)
        return -1;
    title = input_str(in, "titel");
    auth_random_hex(uid);
    strcat(uid, "@koers");
    st = store_prepare(db, "INSERT INTO meeting(uid, body_id, kind, title, "
                           "starts_at, ends_at, location) "
                           "VALUES (?,?,?,?,?,?,?)");
    store_bind_text(st, 1, uid);
    if (body_id)
        store_bind_int(st, 2, body_id);
    else
        sqlite3_bind_null(st, 2);
    store_bind_text(st, 3, kind);
    store_bind_text(st, 4, title && title[0] ? title : name);
    store_bind_text(st, 5, b);
    store_bind_text(st, 6, e);
    store_bind_text(st, 7, input_str(in, "locatie") ? input_str(in, "locatie")
                                                    : "");
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    id = sqlite3_last_insert_rowid(db);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if ((body_id && invite_members(db, id, body_id) != 0) ||
        agenda_adopt_pending(db, id) != 0 ||
        audit_write(db, who, "vergadering.plannen", "vergadering", idtxt,
                    "gelukt", b) != 0)
        goto store_fail;
    return id;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    return -1;
}

long long meeting_create(sqlite3 *db, const struct actor *who, json_t *in,
                         struct fault *f)
{
    long long id;

    if (begin_tx(db, f) != 0)
        return -1;
    id = meeting_create_tx(db, who, in, f);
    if (id < 0)
        return fail(db);
    if (store_commit(db) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    return id;
}

int meeting_update(sqlite3 *db, const struct actor *who, long long id,
                   json_t *in, struct fault *f)
{
    struct mtg m;
    const char *b, *e;
    int moved;
    sqlite3_stmt *st;
    char detail[80];

    if (input_check(in, update_fields, 1, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_PLANNEN, "vergadering.verzetten",
                   &m, f) != 0)
        return -1;
    if (strcmp(m.status, "geannuleerd") == 0) {
        fault_set(f, FAULT_CONFLICT, "Deze vergadering is geannuleerd en kan "
                  "niet meer worden verzet.");
        return -1;
    }
    b = input_str(in, "begin") ? input_str(in, "begin") : m.starts_at;
    e = input_str(in, "einde") ? input_str(in, "einde") : m.ends_at;
    moved = strcmp(b, m.starts_at) != 0 || strcmp(e, m.ends_at) != 0;
    if (check_times(b, e, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    if (check_overlap(db, m.body_id, id, b, e, f) != 0)
        return fail(db);
    st = store_prepare(db, "UPDATE meeting SET starts_at = ?, ends_at = ?, "
                           "title = coalesce(?, title), location = "
                           "coalesce(?, location), sequence = sequence + ?, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                           " WHERE id = ?");
    store_bind_text(st, 1, b);
    store_bind_text(st, 2, e);
    store_bind_text(st, 3, input_str(in, "titel"));
    store_bind_text(st, 4, input_str(in, "locatie"));
    store_bind_int(st, 5, moved ? 1 : 0);
    store_bind_int(st, 6, id);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    snprintf(detail, sizeof detail, "%s -> %s", m.starts_at, b);
    return finish(db, who, "vergadering.verzetten", id, detail, f);
}

int meeting_cancel(sqlite3 *db, const struct actor *who, long long id,
                   struct fault *f)
{
    struct mtg m;
    sqlite3_stmt *st;

    if (mtg_access(db, who, id, ACT_VERGADERING_PLANNEN,
                   "vergadering.annuleren", &m, f) != 0)
        return -1;
    if (strcmp(m.status, "geannuleerd") == 0) {
        fault_set(f, FAULT_CONFLICT, "Deze vergadering is al geannuleerd.");
        return -1;
    }
    if (begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE meeting SET status = 'geannuleerd', "
                           "sequence = sequence + 1, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    return finish(db, who, "vergadering.annuleren", id, m.starts_at, f);
}

/* Resolve an optional organisation code and person id; at least one of
 * them when `need_one`. */
static int resolve_owner(sqlite3 *db, json_t *in, int need_one,
                         long long *org, long long *person, struct fault *f)
{
    const char *oc = input_str(in, "organisatie");
    json_t *pv = json_object_get(in, "persoon");
    char idtxt[32];

    *org = 0;
    *person = json_is_integer(pv) ? json_integer_value(pv) : 0;
    if (oc && oc[0]) {
        *org = store_count(db, "SELECT coalesce((SELECT id FROM organisation "
                               "WHERE code = ?), 0)", oc);
        if (*org <= 0) {
            fault_set(f, FAULT_NOTFOUND, "Organisatie \"%s\" bestaat niet.",
                      oc);
            return -1;
        }
    }
    if (*person) {
        snprintf(idtxt, sizeof idtxt, "%lld", *person);
        if (store_count(db, "SELECT count(*) FROM person WHERE id = ?",
                        idtxt) != 1) {
            fault_set(f, FAULT_NOTFOUND, "Persoon %lld bestaat niet.",
                      *person);
            return -1;
        }
    }
    if (need_one && *org == 0 && *person == 0) {
        fault_set(f, FAULT_INVALID, "Geef een organisatie of een persoon.");
        return -1;
    }
    return 0;
}

long long meeting_invite(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f)
{
    struct mtg m;
    long long org, person, iid;
    sqlite3_stmt *st;

    if (input_check(in, invite_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "vergadering.uitnodigen", &m, f) != 0)
        return -1;
    if (begin_tx(db, f) != 0)
        return -1;
    if (resolve_owner(db, in, 1, &org, &person, f) != 0)
        return fail(db);
    st = store_prepare(db, "INSERT INTO meeting_invitee(meeting_id, "
                           "organisation_id, person_id, kind) "
                           "VALUES (?,?,?,'agendagenodigde')");
    store_bind_int(st, 1, id);
    if (org)
        store_bind_int(st, 2, org);
    else
        sqlite3_bind_null(st, 2);
    if (person)
        store_bind_int(st, 3, person);
    else
        sqlite3_bind_null(st, 3);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_CONFLICT, "Deze genodigde staat al op de lijst.");
        return fail(db);
    }
    iid = sqlite3_last_insert_rowid(db);
    if (finish(db, who, "vergadering.uitnodigen", id, NULL, f) != 0)
        return -1;
    return iid;
}

long long meeting_agenda_add(sqlite3 *db, const struct actor *who,
                             long long id, json_t *in, struct fault *f)
{
    struct mtg m;
    long long item;
    sqlite3_stmt *st;

    if (input_check(in, agenda_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "agenda.toevoegen", &m, f) != 0)
        return -1;
    if (begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO agenda_item(body_id, meeting_id, ord, "
                           "title, description, source, status) SELECT "
                           "m.body_id, m.id, coalesce((SELECT max(ord) FROM "
                           "agenda_item WHERE meeting_id = m.id), 0) + 1, ?, "
                           "?, 'handmatig', 'geagendeerd' FROM meeting m "
                           "WHERE m.id = ?");
    store_bind_text(st, 1, input_str(in, "titel"));
    store_bind_text(st, 2, input_str(in, "omschrijving") ?
                           input_str(in, "omschrijving") : "");
    store_bind_int(st, 3, id);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    item = sqlite3_last_insert_rowid(db);
    if (finish(db, who, "agenda.toevoegen", id, input_str(in, "titel"), f)
        != 0)
        return -1;
    return item;
}

int meeting_agenda_status(sqlite3 *db, const struct actor *who,
                          long long id, long long item, json_t *in,
                          struct fault *f)
{
    struct mtg m;
    sqlite3_stmt *st;

    if (input_check(in, item_status_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "agenda.wijzigen", &m, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE agenda_item SET status = ? WHERE id = ? "
                           "AND meeting_id = ?");
    store_bind_text(st, 1, input_str(in, "status"));
    store_bind_int(st, 2, item);
    store_bind_int(st, 3, id);
    if (store_exec_stmt(st) != 0 || sqlite3_changes(db) != 1) {
        fault_set(f, FAULT_NOTFOUND, "Agendapunt %lld hoort niet bij "
                  "vergadering %lld.", item, id);
        return fail(db);
    }
    return finish(db, who, "agenda.wijzigen", id, input_str(in, "status"), f);
}

int meeting_minutes(sqlite3 *db, const struct actor *who, long long id,
                    json_t *in, struct fault *f)
{
    struct mtg m;
    char err[300];
    sqlite3_stmt *st;

    if (input_check(in, minutes_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "verslag.vastleggen", &m, f) != 0)
        return -1;
    if (markdown_check(input_str(in, "verslag"), err, sizeof err) != 0) {
        fault_set(f, FAULT_INVALID, "%s", err);
        return -1;
    }
    if (begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE meeting SET minutes = ?, minutes_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    store_bind_text(st, 1, input_str(in, "verslag"));
    store_bind_int(st, 2, id);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    return finish(db, who, "verslag.vastleggen", id, NULL, f);
}

/* The bodies that receive this body's decisions: the body it meets before
 * (kerngroep -> koersoverleg) and the bodies that meet after it
 * (koersoverleg -> DG-overleg), from the frequency rules. */
static int propose_downstream(sqlite3 *db, const struct mtg *m,
                              long long decision, const char *text,
                              struct fault *f)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT freq_before FROM body WHERE id = ?1 AND freq_before IS NOT "
        "NULL UNION SELECT code FROM body WHERE freq_after = "
        "(SELECT code FROM body WHERE id = ?1)");
    char ref[48], title[300];
    const char *source;
    int rc = 0;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, m->body_id);
    snprintf(ref, sizeof ref, "besluit:%lld", decision);
    snprintf(title, sizeof title, "Besluit %s van %.10s: %.200s",
             m->body_name, m->starts_at, text);
    source = strncmp(m->body_code, "kerngroep", 9) == 0 ? "kerngroep"
                                                        : "koersoverleg";
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        if (agenda_propose(db, store_col(st, 0), m->starts_at, source, ref,
                           title, text, f) < 0)
            rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

long long meeting_decision_add(sqlite3 *db, const struct actor *who,
                               long long id, json_t *in, struct fault *f)
{
    struct mtg m;
    long long dec;
    sqlite3_stmt *st;

    if (input_check(in, decision_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "besluit.vastleggen", &m, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO decision(meeting_id, nr, text) SELECT "
                           "?1, coalesce(max(nr), 0) + 1, ?2 FROM decision "
                           "WHERE meeting_id = ?1");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, input_str(in, "tekst"));
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    dec = sqlite3_last_insert_rowid(db);
    if (m.body_id && propose_downstream(db, &m, dec, input_str(in, "tekst"),
                                        f) != 0)
        return fail(db);
    if (finish(db, who, "besluit.vastleggen", id, NULL, f) != 0)
        return -1;
    return dec;
}

long long meeting_action_add(sqlite3 *db, const struct actor *who,
                             long long id, json_t *in, struct fault *f)
{
    struct mtg m;
    long long org, person, act;
    sqlite3_stmt *st;

    if (input_check(in, action_fields, 0, f) != 0 ||
        mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "actie.vastleggen", &m, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    if (resolve_owner(db, in, 1, &org, &person, f) != 0)
        return fail(db);
    st = store_prepare(db, "INSERT INTO action_item(meeting_id, description, "
                           "owner_org_id, owner_person_id, deadline) "
                           "VALUES (?,?,?,?,?)");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, input_str(in, "omschrijving"));
    if (org)
        store_bind_int(st, 3, org);
    else
        sqlite3_bind_null(st, 3);
    if (person)
        store_bind_int(st, 4, person);
    else
        sqlite3_bind_null(st, 4);
    store_bind_text(st, 5, input_str(in, "deadline"));
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    act = sqlite3_last_insert_rowid(db);
    if (finish(db, who, "actie.vastleggen", id, NULL, f) != 0)
        return -1;
    return act;
}

int meeting_action_status(sqlite3 *db, const struct actor *who,
                          long long action, json_t *in, struct fault *f)
{
    long long mid;
    char idtxt[32];
    struct mtg m;
    sqlite3_stmt *st;

    snprintf(idtxt, sizeof idtxt, "%lld", action);
    mid = store_count(db, "SELECT coalesce((SELECT meeting_id FROM "
                          "action_item WHERE id = ?), 0)", idtxt);
    if (mid <= 0) {
        fault_set(f, FAULT_NOTFOUND, "Actie %lld bestaat niet.", action);
        return -1;
    }
    if (input_check(in, action_status_fields, 0, f) != 0 ||
        mtg_access(db, who, mid, ACT_VERGADERING_VASTLEGGEN, "actie.wijzigen",
                   &m, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE action_item SET status = ?, updated_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    store_bind_text(st, 1, input_str(in, "status"));
    store_bind_int(st, 2, action);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return fail(db);
    }
    return finish(db, who, "actie.wijzigen", mid, input_str(in, "status"), f);
}

/* Validate the whole attendance list before writing any of it. */
static int attendance_check(sqlite3 *db, long long id, json_t *list,
                            struct fault *f)
{
    json_t *e;
    size_t i;

    if (!json_is_array(list) || json_array_size(list) == 0 ||
        json_array_size(list) > 500) {
        fault_set(f, FAULT_INVALID, "aanwezigheid moet een lijst van 1 tot "
                  "500 genodigden zijn.");
        return -1;
    }
    json_array_foreach(list, i, e) {
        json_t *g = json_object_get(e, "genodigde");
        const char *s = json_string_value(json_object_get(e, "status"));
        json_t *rb = json_object_get(e, "vervangenDoor");
        const char *key;
        json_t *v;
        size_t k;
        int ok = 0;
        sqlite3_stmt *st;

        json_object_foreach(e, key, v) {
            if (strcmp(key, "genodigde") && strcmp(key, "status") &&
                strcmp(key, "vervangenDoor")) {
                fault_set(f, FAULT_INVALID, "Aanwezigheid %zu: onbekend veld "
                          "\"%.40s\".", i + 1, key);
                return -1;
            }
        }
        if (!json_is_integer(g)) {
            fault_set(f, FAULT_INVALID, "Aanwezigheid %zu: genodigde moet "
                      "een id zijn.", i + 1);
            return -1;
        }
        for (k = 0; s && attendance_values[k]; k++)
            if (strcmp(s, attendance_values[k]) == 0)
                ok = 1;
        if (!ok) {
            fault_set(f, FAULT_INVALID, "Aanwezigheid %zu: status moet "
                      "aanwezig, afwezig of vervangen zijn.", i + 1);
            return -1;
        }
        if (strcmp(s, "vervangen") == 0 &&
            (!json_is_string(rb) || json_string_value(rb)[0] == '\0' ||
             text_utf8_len(json_string_value(rb)) > 200 ||
             !text_clean(json_string_value(rb), 0))) {
            fault_set(f, FAULT_INVALID, "Aanwezigheid %zu: zeg door wie de "
                      "genodigde werd vervangen (hoogstens 200 tekens).",
                      i + 1);
            return -1;
        }
        st = store_prepare(db, "SELECT count(*) FROM meeting_invitee WHERE "
                               "id = ? AND meeting_id = ?");
        store_bind_int(st, 1, json_integer_value(g));
        store_bind_int(st, 2, id);
        ok = st && sqlite3_step(st) == SQLITE_ROW &&
             sqlite3_column_int(st, 0) == 1;
        sqlite3_finalize(st);
        if (!ok) {
            fault_set(f, FAULT_INVALID, "Aanwezigheid %zu: genodigde %lld is "
                      "niet uitgenodigd voor deze vergadering.", i + 1,
                      (long long)json_integer_value(g));
            return -1;
        }
    }
    return 0;
}

int meeting_attendance(sqlite3 *db, const struct actor *who, long long id,
                       json_t *in, struct fault *f)
{
    struct mtg m;
    json_t *list = json_object_get(in, "aanwezigheid"), *e;
    size_t i;

    if (!json_is_object(in) || json_object_size(in) != 1 || list == NULL) {
        fault_set(f, FAULT_INVALID, "Verwacht {\"aanwezigheid\": [...]}.");
        return -1;
    }
    if (mtg_access(db, who, id, ACT_VERGADERING_VASTLEGGEN,
                   "aanwezigheid.vastleggen", &m, f) != 0)
        return -1;
    if (strcmp(m.status, "geannuleerd") == 0) {
        fault_set(f, FAULT_CONFLICT, "Deze vergadering is geannuleerd.");
        return -1;
    }
    if (attendance_check(db, id, list, f) != 0 || begin_tx(db, f) != 0)
        return -1;
    json_array_foreach(list, i, e) {
        const char *s = json_string_value(json_object_get(e, "status"));
        sqlite3_stmt *st = store_prepare(db,
            "UPDATE meeting_invitee SET attendance = ?, replaced_by = ? "
            "WHERE id = ? AND meeting_id = ?");

        store_bind_text(st, 1, s);
        store_bind_text(st, 2, strcmp(s, "vervangen") == 0
            ? json_string_value(json_object_get(e, "vervangenDoor")) : NULL);
        store_bind_int(st, 3, json_integer_value(json_object_get(e,
                                                             "genodigde")));
        store_bind_int(st, 4, id);
        if (store_exec_stmt(st) != 0) {
            fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
            return fail(db);
        }
    }
    return finish(db, who, "aanwezigheid.vastleggen", id, NULL, f);
}

/* Composition check of one meeting, against the seats of its body: a seat
 * whose minimum is not met by those present (or, before attendance is
 * recorded, by those invited), and more members present than the rule's
 * seats allow. */
static json_t *composition_check(sqlite3 *db, long long id, long long body)
{
    json_t *out = json_array();
    long long recorded, seats_max, present;
    char idtxt[32];
    sqlite3_stmt *st;

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    recorded = store_count(db, "SELECT count(*) FROM meeting_invitee WHERE "
                               "meeting_id = ? AND attendance IS NOT NULL",
                           idtxt);
    st = store_prepare(db,
        "SELECT s.description, s.min_count, (SELECT count(*) FROM "
        "meeting_invitee i WHERE i.meeting_id = ?1 AND i.seat_id = s.id AND "
        "(?2 = 0 OR i.attendance IN ('aanwezig','vervangen'))) FROM seat s "
        "WHERE s.body_id = ?3 AND s.min_count > 0 ORDER BY s.ord");
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, recorded > 0);
    store_bind_int(st, 3, body);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        long long min = sqlite3_column_int64(st, 1);
        long long have = sqlite3_column_int64(st, 2);
        char msg[400];

        if (have >= min)
            continue;
        snprintf(msg, sizeof msg, "%s: %lld van de %lld %s.",
                 store_col(st, 0), have, min,
                 recorded ? "aanwezig" : "uitgenodigd");
        json_array_append_new(out, json_string(msg));
    }
    sqlite3_finalize(st);
    seats_max = store_count(db, "SELECT CASE WHEN count(*) = count(max_count)"
                                " THEN coalesce(sum(max_count), -1) ELSE -1 "
                                "END FROM seat s JOIN meeting m ON m.body_id "
                                "= s.body_id WHERE m.id = ?", idtxt);
    present = store_count(db, "SELECT count(*) FROM meeting_invitee WHERE "
                              "meeting_id = ? AND kind = 'lid' AND "
                              "attendance IN ('aanwezig','vervangen')",
                          idtxt);
    if (seats_max > 0 && present > seats_max) {
        char msg[200];
        snprintf(msg, sizeof msg, "Er waren %lld leden aanwezig, meer dan de "
                 "%lld zetels van de samenstellingsregel.", present,
                 seats_max);
        json_array_append_new(out, json_string(msg));
    }
    return out;
}

#define MEETING_COLUMNS \
    "m.id, m.uid, m.kind AS soort, b.code AS \"overleg.code\", " \
    "b.name AS \"overleg.naam\", m.title AS titel, m.starts_at AS begin, " \
    "m.ends_at AS einde, m.location AS locatie, m.status, " \
    "m.sequence AS volgnummer, m.updated_at AS gewijzigd"

json_t *meeting_list(sqlite3 *db, const char *body_code, const char *from,
                     const char *to)
{
    return sqljson_rows(db,
        "SELECT " MEETING_COLUMNS ", (SELECT count(*) FROM agenda_item a "
        "WHERE a.meeting_id = m.id) AS agendapunten, "
        "length(m.minutes) > 0 AS heeftVerslag FROM meeting m "
        "LEFT JOIN body b ON b.id = m.body_id "
        "WHERE (?1 IS NULL OR b.code = ?1) AND (?2 IS NULL OR "
        "m.starts_at >= ?2) AND (?3 IS NULL OR m.starts_at < ?3 || 'T24') "
        "ORDER BY m.starts_at, m.id",
        "sss", body_code, from, to);
}

json_t *meeting_get(sqlite3 *db, long long id)
{
    json_t *m = sqljson_row(db, "SELECT " MEETING_COLUMNS ", m.minutes AS "
                                "verslag, m.minutes_at AS verslagOp, "
                                "coalesce(m.body_id, 0) AS _body FROM "
                                "meeting m LEFT JOIN body b ON b.id = "
                                "m.body_id WHERE m.id = ?", "i", id);
    long long body;

    if (m == NULL)
        return NULL;
    body = json_integer_value(json_object_get(m, "_body"));
    json_object_del(m, "_body");
    json_object_set_new(m, "genodigden", sqljson_rows(db,
        "SELECT i.id, i.kind AS soort, o.code AS \"organisatie.code\", "
        "o.name AS \"organisatie.naam\", p.id AS \"persoon.id\", p.name AS "
        "\"persoon.naam\", s.description AS zetel, i.attendance AS "
        "aanwezigheid, i.replaced_by AS vervangenDoor FROM meeting_invitee i "
        "LEFT JOIN organisation o ON o.id = i.organisation_id LEFT JOIN "
        "person p ON p.id = i.person_id LEFT JOIN seat s ON s.id = i.seat_id "
        "WHERE i.meeting_id = ? ORDER BY CASE i.kind WHEN 'lid' THEN 0 WHEN "
        "'genodigde' THEN 1 WHEN 'agendagenodigde' THEN 2 ELSE 3 END, "
        "s.ord, o.name, p.name", "i", id));
    json_object_set_new(m, "agenda", agenda_items(db, id));
    json_object_set_new(m, "besluiten", sqljson_rows(db,
        "SELECT id, nr AS nummer, text AS tekst FROM decision WHERE "
        "meeting_id = ? ORDER BY nr", "i", id));
    json_object_set_new(m, "acties", sqljson_rows(db,
        "SELECT a.id, a.description AS omschrijving, o.code AS "
        "\"eigenaar.organisatie\", o.name AS \"eigenaar.organisatieNaam\", "
        "p.id AS \"eigenaar.persoon\", p.name AS \"eigenaar.persoonNaam\", "
        "a.deadline, a.status, (a.status = 'open' AND a.deadline < "
        "date('now')) AS teLaat FROM action_item a LEFT JOIN organisation o "
        "ON o.id = a.owner_org_id LEFT JOIN person p ON p.id = "
        "a.owner_person_id WHERE a.meeting_id = ? ORDER BY a.deadline, a.id",
        "i", id));
    json_object_set_new(m, "samenstelling",
                        body ? composition_check(db, id, body) : json_array());
    return m;
}

json_t *meeting_overdue_actions(sqlite3 *db, const char *today)
{
    return sqljson_rows(db,
        "SELECT a.id, a.description AS omschrijving, a.deadline, "
        "o.name AS eigenaar, m.id AS vergadering, m.title AS "
        "vergaderingTitel FROM action_item a JOIN meeting m ON m.id = "
        "a.meeting_id LEFT JOIN organisation o ON o.id = a.owner_org_id "
        "WHERE a.status = 'open' AND a.deadline < ? ORDER BY a.deadline",
        "s", today);
}
