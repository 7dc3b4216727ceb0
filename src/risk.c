/* risk.c - the risk register, pressure notes and coverage (risk.h).
 *
 * The register's fixed part (title, description, the report's
 * countermeasures) is seeded from data/seed/risicos.json; what the
 * secretaris keeps up to date (owner, likelihood, impact, status, added
 * or reworded countermeasures) is written here. A pressure note is about
 * a kerngroep: a body with a pillar (L1638-L1641). Coverage reads the
 * accounts (user table) because that is where the roles are held: an
 * accounthouder with a province as scope, a netwerkmanager with a
 * kerngroep as scope, and the boegbeeld and secretaris accounts. */
#include "risk.h"
#include "domain.h"
#include "input.h"
#include "perm.h"
#include "signal.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

const char *const risk_statuses[] = { "open", "beheerst", "opgetreden",
                                      "gesloten", NULL };

static const struct input_field risk_fields[] = {
    { "eigenaar", "Eigenaar", IN_TEXT, 0, RISK_OWNER_MAX, NULL },
    { "kans", "Kans", IN_INT, 0, 0, NULL },
    { "impact", "Impact", IN_INT, 0, 0, NULL },
    { "status", "Status", IN_CHOICE, 0, 0, risk_statuses },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field measure_fields[] = {
    { "tekst", "Tekst", IN_LONGTEXT, 1, RISK_MEASURE_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field pressure_fields[] = {
    { "overleg", "Kerngroep", IN_CODE, 1, 60, NULL },
    { "melding", "Melding", IN_LONGTEXT, 1, RISK_NOTE_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const char *const pressure_states[] = { "open", "opgelost", NULL };

static const struct input_field pressure_update_fields[] = {
    { "status", "Status", IN_CHOICE, 1, 0, pressure_states },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* ------------------------------------------------------------------ */
/* Permission and audit                                                */

/* 0 when who may manage risks; -1 with a refusal (audited). */
static int may_manage(sqlite3 *db, const struct actor *who, const char *type,
                      long long id, struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_RISICO_BEHEREN, NULL))
        return 0;
    if (who->role == ROLE_NONE)
        fault_set(f, FAULT_FORBIDDEN, "Log in om het risicoregister bij te "
                  "werken.");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag het risicoregister "
                  "niet bijwerken en geen druk op een kerngroep vastleggen; "
                  "dat mogen de beheerder, de secretaris en het boegbeeld. "
                  "De secretaris bewaakt de positie van de netwerkmanagers "
                  "(rapport, regels 2178-2179).", perm_role_label(who->role));
    domain_refuse(db, who, perm_rule(ACT_RISICO_BEHEREN)->code, type, id, f);
    return -1;
}

/* Audit the success and commit; on failure roll back. 0 / -1. */
static int finish(sqlite3 *db, const struct actor *who, const char *type,
                  long long id, const char *detail, int rc, struct fault *f)
{
    if (rc != 0 ||
        domain_audit_ok(db, who, perm_rule(ACT_RISICO_BEHEREN)->code, type,
                        id, detail) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

/* "eigenaar, kans" - the keys of a patch, for the audit detail. */
static void keys_detail(json_t *in, char *out, size_t len)
{
    const char *k;
    json_t *v;
    size_t used = 0;

    out[0] = '\0';
    json_object_foreach(in, k, v) {
        int w = snprintf(out + used, len - used, "%s%s", used ? ", " : "", k);

        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

/* ------------------------------------------------------------------ */
/* The register                                                        */

#define RISK_COLUMNS \
    "SELECT nr AS nummer, title AS titel, description AS omschrijving, " \
    SQLJSON_BRON("") ", owner AS eigenaar, likelihood AS kans, impact, " \
    "likelihood * impact AS score, status, updated_at AS bijgewerkt " \
    "FROM risk "

/* Attach maatregelen and the open signalen (and with history, all). */
static int attach(sqlite3 *db, json_t *r, int history)
{
    long long nr = sqljson_int(r, "nummer");
    json_t *m = sqljson_rows(db, "SELECT id, text AS tekst FROM risk_measure "
                                 "WHERE risk_nr = ? ORDER BY ord, id", "i",
                             nr);
    json_t *s = signal_list(db, (int)nr, 0);

    if (m == NULL || s == NULL) {
        json_decref(m);
        json_decref(s);
        return -1;
    }
    json_object_set_new(r, "maatregelen", m);
    json_object_set_new(r, "signalen", s);
    if (history) {
        json_t *h = signal_list(db, (int)nr, 1);

        if (h == NULL)
            return -1;
        json_object_set_new(r, "signaalhistorie", h);
    }
    return 0;
}

json_t *risk_list(sqlite3 *db)
{
    json_t *a = sqljson_rows(db, RISK_COLUMNS "ORDER BY nr", NULL), *r;
    size_t i;

    json_array_foreach(a, i, r) {
        if (attach(db, r, 0) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *risk_get(sqlite3 *db, long long nr)
{
    json_t *r = sqljson_row(db, RISK_COLUMNS "WHERE nr = ?", "i", nr);

    if (r && attach(db, r, 1) != 0) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* kans and impact: whole numbers 1 to 5 (when present). */
static int check_scale(json_t *in, const char *key, const char *label,
                       struct fault *f)
{
    json_t *v = json_object_get(in, key);

    if (v == NULL || json_is_null(v))
        return 0;
    if (json_integer_value(v) > RISK_SCALE_MAX) {
        fault_set(f, FAULT_INVALID, "%s is een geheel getal van 1 tot en met "
                  "%d.", label, RISK_SCALE_MAX);
        return -1;
    }
    return 0;
}

int risk_update(sqlite3 *db, const struct actor *who, long long nr,
                json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    char detail[256];

    if (may_manage(db, who, "risico", nr, f) != 0)
        return -1;
    if (input_check(in, risk_fields, 1, f) != 0 ||
        check_scale(in, "kans", "Kans", f) != 0 ||
        check_scale(in, "impact", "Impact", f) != 0)
        return -1;
    if (json_is_null(json_object_get(in, "kans")) ||
        json_is_null(json_object_get(in, "impact")) ||
        json_is_null(json_object_get(in, "status"))) {
        fault_set(f, FAULT_INVALID, "Kans, impact en status kunnen niet "
                  "leeg worden gemaakt.");
        return -1;
    }
    if (json_object_size(in) == 0) {
        fault_set(f, FAULT_INVALID, "Geef ten minste een van eigenaar, kans, "
                  "impact of status.");
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db,
        "UPDATE risk SET owner = coalesce(?1, CASE WHEN ?5 THEN '' ELSE "
        "owner END), likelihood = coalesce(?2, likelihood), impact = "
        "coalesce(?3, impact), status = coalesce(?4, status), updated_at = "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE nr = ?6");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_text(st, 1, input_str(in, "eigenaar"));
    if (json_is_integer(json_object_get(in, "kans")))
        store_bind_int(st, 2, json_integer_value(json_object_get(in, "kans")));
    if (json_is_integer(json_object_get(in, "impact")))
        store_bind_int(st, 3, json_integer_value(json_object_get(in,
                                                                 "impact")));
    store_bind_text(st, 4, input_str(in, "status"));
    store_bind_int(st, 5, json_is_null(json_object_get(in, "eigenaar")));
    store_bind_int(st, 6, nr);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) == 0) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Risico %lld bestaat niet; figuur 11 "
                  "noemt de risico's 1 tot en met 9.", nr);
        return -1;
    }
    keys_detail(in, detail, sizeof detail);
    return finish(db, who, "risico", nr, detail, 0, f);
}

long long risk_measure_add(sqlite3 *db, const struct actor *who,
                           long long nr, json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    long long id;

    if (may_manage(db, who, "risico", nr, f) != 0 ||
        input_check(in, measure_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "tekst"))) {
        fault_set(f, FAULT_INVALID, "Tekst mag niet leeg zijn.");
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO risk_measure(risk_nr, ord, text) "
                           "SELECT nr, (SELECT coalesce(max(ord), 0) + 1 "
                           "FROM risk_measure WHERE risk_nr = ?1), ?2 FROM "
                           "risk WHERE nr = ?1");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_int(st, 1, nr);
    store_bind_text(st, 2, input_str(in, "tekst"));
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) == 0) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Risico %lld bestaat niet.", nr);
        return -1;
    }
    id = sqlite3_last_insert_rowid(db);
    if (finish(db, who, "maatregel", id, "nieuw", 0, f) != 0)
        return -1;
    return id;
}

int risk_measure_update(sqlite3 *db, const struct actor *who, long long nr,
                        long long id, json_t *in, struct fault *f)
{
    sqlite3_stmt *st;

    if (may_manage(db, who, "maatregel", id, f) != 0 ||
        input_check(in, measure_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "tekst"))) {
        fault_set(f, FAULT_INVALID, "Tekst mag niet leeg zijn.");
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE risk_measure SET text = ?1 WHERE id = ?2 "
                           "AND risk_nr = ?3");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_text(st, 1, input_str(in, "tekst"));
    store_bind_int(st, 2, id);
    store_bind_int(st, 3, nr);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) == 0) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Risico %lld heeft geen tegenmaatregel "
                  "%lld.", nr, id);
        return -1;
    }
    return finish(db, who, "maatregel", id, "tekst", 0, f);
}

/* ------------------------------------------------------------------ */
/* Pressure notes                                                      */

#define PRESSURE_COLUMNS \
    "SELECT p.id, b.code AS \"overleg.code\", b.name AS \"overleg.naam\", " \
    "p.note AS melding, p.recorded_at AS vastgelegd, u.name AS " \
    "vastgelegdDoor, p.resolved_at AS opgelost, CASE WHEN p.resolved_at " \
    "IS NULL THEN 1 ELSE 0 END AS open FROM pressure_note p JOIN body b " \
    "ON b.id = p.body_id LEFT JOIN user u ON u.id = p.recorded_by "

json_t *risk_pressure_list(sqlite3 *db, int open_only)
{
    return sqljson_rows(db, PRESSURE_COLUMNS "WHERE (?1 = 0 OR "
                        "p.resolved_at IS NULL) ORDER BY p.recorded_at DESC, "
                        "p.id DESC", "i", (long long)(open_only != 0));
}

json_t *risk_pressure_get(sqlite3 *db, long long id)
{
    return sqljson_row(db, PRESSURE_COLUMNS "WHERE p.id = ?", "i", id);
}

json_t *risk_kerngroepen(sqlite3 *db)
{
    return sqljson_rows(db, "SELECT code, name AS naam FROM body WHERE "
                            "pillar_code IS NOT NULL ORDER BY ord", NULL);
}

long long risk_pressure_add(sqlite3 *db, const struct actor *who,
                            json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    long long id;

    if (may_manage(db, who, "drukmelding", 0, f) != 0 ||
        input_check(in, pressure_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "melding"))) {
        fault_set(f, FAULT_INVALID, "Melding mag niet leeg zijn.");
        return -1;
    }
    if (store_count(db, "SELECT count(*) FROM body WHERE pillar_code IS NOT "
                        "NULL AND code = ?", input_str(in, "overleg")) != 1) {
        fault_set(f, FAULT_INVALID, "Kerngroep '%s' bestaat niet. Druk op "
                  "de samenstelling wordt vastgelegd voor een kerngroep "
                  "(kerngroep-p1, kerngroep-p2 of kerngroep-p3; risico 6).",
                  input_str(in, "overleg"));
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO pressure_note(body_id, note, "
                           "recorded_by) SELECT id, ?2, ?3 FROM body WHERE "
                           "code = ?1");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_text(st, 1, input_str(in, "overleg"));
    store_bind_text(st, 2, input_str(in, "melding"));
    if (who->user_id > 0)
        store_bind_int(st, 3, who->user_id);
    else
        sqlite3_bind_null(st, 3);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (finish(db, who, "drukmelding", id, input_str(in, "overleg"),
               signal_refresh(db), f) != 0)
        return -1;
    return id;
}

int risk_pressure_update(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    int resolve;

    if (may_manage(db, who, "drukmelding", id, f) != 0 ||
        input_check(in, pressure_update_fields, 0, f) != 0)
        return -1;
    resolve = strcmp(input_str(in, "status"), "opgelost") == 0;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, resolve
        ? "UPDATE pressure_note SET resolved_at = coalesce(resolved_at, "
          "strftime('%Y-%m-%dT%H:%M:%SZ','now')) WHERE id = ?"
        : "UPDATE pressure_note SET resolved_at = NULL WHERE id = ?");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) == 0) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Drukmelding %lld bestaat niet.", id);
        return -1;
    }
    return finish(db, who, "drukmelding", id, resolve ? "opgelost" : "open",
                  signal_refresh(db), f);
}

/* ------------------------------------------------------------------ */
/* Coverage                                                            */

/* The holders of a role (names when with_names) as "houders" and their
 * number as "aantal"; the scope test is the caller's SQL. */
static int holders(sqlite3 *db, json_t *o, const char *sql, const char *arg,
                   int with_names)
{
    json_t *h = sqljson_rows(db, sql, "s", arg), *x;
    json_t *names = json_array();
    size_t i;

    if (h == NULL || names == NULL) {
        json_decref(h);
        json_decref(names);
        return -1;
    }
    json_array_foreach(h, i, x)
        json_array_append_new(names, json_string(sqljson_str(x, "naam")));
    json_object_set_new(o, "aantal", json_integer((json_int_t)i));
    json_object_set_new(o, "bezet", json_boolean(i > 0));
    if (with_names)
        json_object_set_new(o, "houders", names);
    else
        json_decref(names);
    json_decref(h);
    return 0;
}

#define HOLDER_SQL \
    "SELECT coalesce(p.name, u.name) AS naam FROM user u LEFT JOIN person " \
    "p ON p.id = u.person_id WHERE u.active = 1 AND "

json_t *risk_coverage(sqlite3 *db, int with_names)
{
    json_t *prov = sqljson_rows(db, "SELECT code, name AS naam FROM region "
                                    "WHERE kind = 'provincie' AND (ended IS "
                                    "NULL OR ended > date('now')) ORDER BY "
                                    "code", NULL);
    json_t *kg = risk_kerngroepen(db);
    json_t *seats = json_pack("[{s:s, s:s}, {s:s, s:s}]", "rol", "boegbeeld",
                              "naam", "Boegbeeld", "rol", "secretaris",
                              "naam", "Secretaris");
    json_t *sig = sqljson_rows(db,
        "SELECT kind AS soort, subject AS onderwerp, message AS melding, "
        "first_seen AS sinds FROM signal WHERE cleared_at IS NULL AND kind "
        "IN ('dekking-accounthouder', 'netwerkmanager-vacant', "
        "'zetel-onbezet') ORDER BY kind, subject", NULL);
    json_t *out = NULL, *o;
    size_t i;

    if (prov == NULL || kg == NULL || seats == NULL || sig == NULL)
        goto cleanup;
    json_array_foreach(prov, i, o)
        if (holders(db, o, HOLDER_SQL "u.role = 'accounthouder' AND "
                    "upper(u.scope) = ? ORDER BY naam",
                    sqljson_str(o, "code"), with_names) != 0)
            goto cleanup;
    json_array_foreach(kg, i, o)
        if (holders(db, o, HOLDER_SQL "u.role = 'netwerkmanager' AND "
                    "lower(u.scope) = ? ORDER BY naam",
                    sqljson_str(o, "code"), with_names) != 0)
            goto cleanup;
    json_array_foreach(seats, i, o)
        if (holders(db, o, HOLDER_SQL "u.role = ? ORDER BY naam",
                    sqljson_str(o, "rol"), with_names) != 0)
            goto cleanup;
    out = json_pack("{s:O, s:O, s:O, s:O, s:[{s:s, s:s, s:i, s:i}, "
                    "{s:s, s:s, s:i, s:i}, {s:s, s:s, s:i, s:i}]}",
                    "provincies", prov, "kerngroepen", kg, "zetels", seats,
                    "signalen", sig, "bronnen",
                    "onderwerp", "accounthouder per provincie", "sectie",
                    "5.4.6 Regionale uitvoering", "van", 1931, "tot", 1933,
                    "onderwerp", "netwerkmanager per kerngroep", "sectie",
                    "5.4.1 Afstemming", "van", 1638, "tot", 1641,
                    "onderwerp", "boegbeeld", "sectie", "5.4.1 Afstemming",
                    "van", 1623, "tot", 1626);
cleanup:
    json_decref(prov);
    json_decref(kg);
    json_decref(seats);
    json_decref(sig);
    return out;
}
