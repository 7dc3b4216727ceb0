/* gremium.c - the register of gremia and their members (gremium.h).
 *
 * A gremium of the report keeps the report's own relation (Bijlage I) in
 * gremium.relation; a gremium registered in Koers has no report
 * classification, so its relation column holds the derived relation
 * (overlap_derive_relation) and uitRapport is false. */
#include "gremium.h"
#include "csvread.h"
#include "domain.h"
#include "input.h"
#include "overlap.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const domains[] = { "techniek", "ict", "beide", NULL };
static const char *const pillar_relations[] = { "overlappend",
    "specifieker", "breder", NULL };

static const struct input_field gremium_fields[] = {
    { "naam", "Naam", IN_TEXT, 1, GREMIUM_NAME_MAX, NULL },
    { "doel", "Doel", IN_LONGTEXT, 0, GREMIUM_GOAL_MAX, NULL },
    { "domein", "Domein", IN_CHOICE, 0, 0, domains },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field member_fields[] = {
    { "organisatie", "Organisatie", IN_CODE, 1, 64, NULL },
    { "sinds", "Sinds", IN_DATE, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

int gremium_may_manage(const struct actor *who)
{
    return who && perm_allowed(who->role, who->scope, ACT_GREMIUM_BEHEREN,
                               NULL);
}

/* Refuse when who may not manage gremia: fills f, audits, returns -1. */
static int check_perm(sqlite3 *db, const struct actor *who,
                      const char *action, long long id, struct fault *f)
{
    if (gremium_may_manage(who))
        return 0;
    fault_set(f, FAULT_FORBIDDEN, who->role == ROLE_NONE
              ? "Log in om gremia te beheren."
              : "Uw rol mag gremia niet beheren. Dat mogen de beheerder en "
                "de secretaris.");
    domain_refuse(db, who, action, "gremium", id, f);
    return -1;
}

int gremium_exists(sqlite3 *db, long long nr)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT 1 FROM gremium WHERE nr = ?");
    int found;

    store_bind_int(st, 1, nr);
    found = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

#define GREMIUM_SELECT \
    "SELECT nr AS nummer, name AS naam, relation AS relatie, " \
    "note AS toelichting, grp AS groep, " SQLJSON_BRON("") ", " \
    "grp_src_section AS \"groepBron.sectie\", " \
    "grp_src_from AS \"groepBron.van\", grp_src_to AS \"groepBron.tot\", " \
    "domain AS domein, goal AS doel, registered_at AS geregistreerd, " \
    "changed_at AS gewijzigd, src_from IS NOT NULL AS uitRapport, " \
    "(SELECT count(DISTINCT organisation_id) FROM gremium_member m " \
    " WHERE m.gremium_nr = gremium.nr AND m.since <= date('now', " \
    " 'localtime') AND (m.until IS NULL OR m.until > date('now', " \
    " 'localtime'))) AS aantalLeden FROM gremium "

/* Add pijlers, relatieAfgeleid and relatieWijktAf to gremium g. */
static int complete(sqlite3 *db, json_t *g)
{
    json_t *p = sqljson_rows(db,
        "SELECT pillar_code AS pijler, relation AS relatie "
        "FROM gremium_pillar WHERE gremium_nr = ? ORDER BY pillar_code",
        "i", sqljson_int(g, "nummer")), *x;
    const char *rel[16];
    const char *derived;
    size_t i, n = 0;

    if (p == NULL)
        return -1;
    json_array_foreach(p, i, x)
        if (n < 16)
            rel[n++] = sqljson_str(x, "relatie");
    derived = overlap_derive_relation(rel, n);
    json_object_set_new(g, "pijlers", p);
    json_object_set_new(g, "relatieAfgeleid", json_string(derived));
    domain_set_bool(g, "uitRapport");
    json_object_set_new(g, "relatieWijktAf", json_boolean(
        json_is_true(json_object_get(g, "uitRapport")) &&
        strcmp(derived, sqljson_str(g, "relatie")) != 0));
    return 0;
}

json_t *gremium_list(sqlite3 *db)
{
    json_t *a = sqljson_rows(db, GREMIUM_SELECT "ORDER BY nr", NULL), *g;
    size_t i;

    json_array_foreach(a, i, g)
        if (complete(db, g) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *gremium_members(sqlite3 *db, long long nr, int all)
{
    return sqljson_rows(db,
        "SELECT m.id AS id, o.code AS \"organisatie.code\", o.name AS "
        "\"organisatie.naam\", m.since AS sinds, m.until AS tot, "
        "m.source AS bron FROM gremium_member m JOIN organisation o ON "
        "o.id = m.organisation_id WHERE m.gremium_nr = ?1 AND (?2 OR "
        "m.until IS NULL OR m.until > date('now', 'localtime')) "
        "ORDER BY m.until IS NOT NULL, o.name, m.since", "ii", nr,
        (long long)(all != 0));
}

json_t *gremium_get(sqlite3 *db, long long nr)
{
    json_t *g = sqljson_row(db, GREMIUM_SELECT "WHERE nr = ?", "i", nr);
    json_t *cur, *old;

    if (g == NULL)
        return NULL;
    cur = sqljson_rows(db,
        "SELECT m.id AS id, o.code AS \"organisatie.code\", o.name AS "
        "\"organisatie.naam\", m.since AS sinds, m.until AS tot, m.source AS "
        "bron FROM gremium_member m JOIN organisation o ON o.id = "
        "m.organisation_id WHERE m.gremium_nr = ? AND (m.until IS NULL OR "
        "m.until > date('now', 'localtime')) ORDER BY o.name", "i", nr);
    old = sqljson_rows(db,
        "SELECT m.id AS id, o.code AS \"organisatie.code\", o.name AS "
        "\"organisatie.naam\", m.since AS sinds, m.until AS tot, m.source AS "
        "bron FROM gremium_member m JOIN organisation o ON o.id = "
        "m.organisation_id WHERE m.gremium_nr = ? AND m.until IS NOT NULL "
        "AND m.until <= date('now', 'localtime') ORDER BY m.until DESC, "
        "o.name", "i", nr);
    if (cur == NULL || old == NULL || complete(db, g) != 0) {
        json_decref(cur);
        json_decref(old);
        json_decref(g);
        return NULL;
    }
    json_object_set_new(g, "leden", cur);
    json_object_set_new(g, "eerdereLeden", old);
    return g;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */

/* The organisation id of code, or -1; name (may be NULL) receives its
 * name. */
static long long org_id(sqlite3 *db, const char *code, char *name,
                        size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT id, name FROM organisation "
                                         "WHERE code = ?");
    long long id = -1;

    store_bind_text(st, 1, code);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        if (name)
            snprintf(name, len, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    return id;
}

/* Lowercase letters and digits of s only: "NL Digital" -> "nldigital". */
static void squash(const char *s, char *out, size_t len)
{
    size_t n = 0;

    for (; s && *s && n + 1 < len; s++)
        if (isalnum((unsigned char)*s))
            out[n++] = (char)tolower((unsigned char)*s);
    out[n] = '\0';
}

/* 1 when organisation org_id is the gremium named gname itself (its
 * name or abbreviation equals the gremium's name, ignoring case, spaces
 * and punctuation): membership would be a self-overlap. */
static int is_self(sqlite3 *db, long long oid, const char *gname)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT name, coalesce(abbrev, '') "
                                         "FROM organisation WHERE id = ?");
    char g[256], a[256], b[256];
    int self = 0;

    squash(gname, g, sizeof g);
    store_bind_int(st, 1, oid);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        squash(store_col(st, 0), a, sizeof a);
        squash(store_col(st, 1), b, sizeof b);
        self = g[0] && (strcmp(a, g) == 0 || strcmp(b, g) == 0);
    }
    sqlite3_finalize(st);
    return self;
}

/* Check {naam, doel, domein, pijlers, leden}; partial: leden and pijlers
 * may be absent. 0 or -1 with f. */
static int check_gremium(sqlite3 *db, json_t *in, struct fault *f)
{
    json_t *copy, *p, *x;
    size_t i, j;
    int rc;

    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    copy = json_copy(in);
    json_object_del(copy, "pijlers");
    json_object_del(copy, "leden");
    rc = input_check(copy, gremium_fields, 0, f);
    json_decref(copy);
    if (rc != 0)
        return -1;
    if (!domain_has_text(input_str(in, "naam"))) {
        fault_set(f, FAULT_INVALID, "Naam is verplicht en bestaat niet "
                  "alleen uit spaties.");
        return -1;
    }
    p = json_object_get(in, "pijlers");
    if (p && !json_is_null(p) && !json_is_array(p)) {
        fault_set(f, FAULT_INVALID, "Pijlers is een lijst van objecten "
                  "{pijler, relatie}.");
        return -1;
    }
    json_array_foreach(p, i, x) {
        const char *code = json_string_value(json_object_get(x, "pijler"));
        const char *rel = json_string_value(json_object_get(x, "relatie"));
        int known = 0;

        if (!json_is_object(x) || json_object_size(x) != 2 || !code ||
            !rel) {
            fault_set(f, FAULT_INVALID, "Pijler %zu: verwacht {\"pijler\": "
                      "\"P1\", \"relatie\": \"overlappend\"}.", i + 1);
            return -1;
        }
        if (store_count(db, "SELECT count(*) FROM pillar WHERE code = ?",
                        code) != 1) {
            fault_set(f, FAULT_INVALID, "Pijler %zu: onbekende pijler "
                      "\"%.16s\"; kies P1, P2, P3 of P4.", i + 1, code);
            return -1;
        }
        for (j = 0; pillar_relations[j]; j++)
            if (strcmp(pillar_relations[j], rel) == 0)
                known = 1;
        if (!known) {
            fault_set(f, FAULT_INVALID, "Pijler %s: relatie is overlappend, "
                      "specifieker of breder.", code);
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(sqljson_str(json_array_get(p, j), "pijler"),
                       code) == 0) {
                fault_set(f, FAULT_INVALID, "Pijler %s staat twee keer in "
                          "de lijst.", code);
                return -1;
            }
    }
    p = json_object_get(in, "leden");
    if (p && !json_is_null(p) && (!json_is_array(p) ||
                                  json_array_size(p) > GREMIUM_MEMBERS_MAX)) {
        fault_set(f, FAULT_INVALID, "Leden is een lijst van hoogstens %d "
                  "organisatiecodes.", GREMIUM_MEMBERS_MAX);
        return -1;
    }
    json_array_foreach(p, i, x) {
        const char *code = json_string_value(x);

        if (code == NULL || org_id(db, code, NULL, 0) < 0) {
            fault_set(f, FAULT_INVALID, "Lid %zu: onbekende organisatie "
                      "\"%.64s\"; gebruik de code uit /organisaties.", i + 1,
                      code ? code : "");
            return -1;
        }
        if (is_self(db, org_id(db, code, NULL, 0), input_str(in, "naam"))) {
            fault_set(f, FAULT_INVALID, "Lid %zu: organisatie %.64s is het "
                      "gremium zelf; een gremium kan geen lid van zichzelf "
                      "zijn (dat zou overlap met zichzelf tellen).", i + 1,
                      code);
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(p, j)), code) == 0) {
                fault_set(f, FAULT_INVALID, "Organisatie %.64s staat twee "
                          "keer in de leden.", code);
                return -1;
            }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/* Replace the pillars of nr by `p` (an array, may be NULL). */
static int write_pillars(sqlite3 *db, long long nr, json_t *p)
{
    sqlite3_stmt *st = store_prepare(db, "DELETE FROM gremium_pillar WHERE "
                                         "gremium_nr = ?");
    json_t *x;
    size_t i;

    store_bind_int(st, 1, nr);
    if (store_exec_stmt(st) != 0)
        return -1;
    json_array_foreach(p, i, x) {
        st = store_prepare(db, "INSERT INTO gremium_pillar(gremium_nr, "
                               "pillar_code, relation) VALUES (?,?,?)");
        store_bind_int(st, 1, nr);
        store_bind_text(st, 2, sqljson_str(x, "pijler"));
        store_bind_text(st, 3, sqljson_str(x, "relatie"));
        if (store_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

/* A current membership of oid in nr: its id, or 0 when none, -1 on
 * error. */
static long long current_member(sqlite3 *db, long long nr, long long oid)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT id FROM gremium_member WHERE "
                                         "gremium_nr = ? AND organisation_id "
                                         "= ? AND until IS NULL");
    long long id = 0;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, nr);
    store_bind_int(st, 2, oid);
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

static long long insert_member(sqlite3 *db, long long nr, long long oid,
                               const char *since, const char *source)
{
    char d[11];
    sqlite3_stmt *st;

    if (since == NULL) {
        domain_today_local(d);
        since = d;
    }
    st = store_prepare(db, "INSERT INTO gremium_member(gremium_nr, "
                           "organisation_id, since, source) VALUES "
                           "(?,?,?,?)");
    store_bind_int(st, 1, nr);
    store_bind_int(st, 2, oid);
    store_bind_text(st, 3, since);
    store_bind_text(st, 4, source);
    if (store_exec_stmt(st) != 0)
        return -1;
    return sqlite3_last_insert_rowid(db);
}

/* The relation of nr derived from its pillars, stored for a gremium not
 * from the report. */
static int store_derived_relation(sqlite3 *db, long long nr)
{
    json_t *g = sqljson_row(db, GREMIUM_SELECT "WHERE nr = ?", "i", nr);
    sqlite3_stmt *st;
    int rc = -1;

    if (g == NULL || complete(db, g) != 0)
        goto done;
    if (json_is_true(json_object_get(g, "uitRapport"))) {
        rc = 0;
        goto done;
    }
    st = store_prepare(db, "UPDATE gremium SET relation = ? WHERE nr = ?");
    store_bind_text(st, 1, sqljson_str(g, "relatieAfgeleid"));
    store_bind_int(st, 2, nr);
    rc = store_exec_stmt(st);
done:
    json_decref(g);
    return rc;
}

/* Make the current members of nr exactly the codes in `leden`. */
static int sync_members(sqlite3 *db, long long nr, json_t *leden)
{
    json_t *cur = gremium_members(db, nr, 0), *m, *x;
    char d[11];
    size_t i, j;
    int rc = -1;

    domain_today_local(d);
    if (cur == NULL)
        return -1;
    json_array_foreach(cur, i, m) {
        const char *code = sqljson_str(json_object_get(m, "organisatie"),
                                       "code");
        int keep = 0;
        sqlite3_stmt *st;

        json_array_foreach(leden, j, x)
            if (strcmp(json_string_value(x), code) == 0)
                keep = 1;
        if (keep)
            continue;
        st = store_prepare(db, "UPDATE gremium_member SET until = max(?, "
                               "since) WHERE id = ?");
        store_bind_text(st, 1, d);
        store_bind_int(st, 2, sqljson_int(m, "id"));
        if (store_exec_stmt(st) != 0)
            goto done;
    }
    json_array_foreach(leden, j, x) {
        long long oid = org_id(db, json_string_value(x), NULL, 0);
        long long have = current_member(db, nr, oid);

        if (have < 0)
            goto done;
        if (have == 0 && insert_member(db, nr, oid, NULL, "invoer") < 0)
            goto done;
    }
    rc = 0;
done:
    json_decref(cur);
    return rc;
}

/* After a change of nr: run the risk-7 check inside the transaction. */
static int after_change(sqlite3 *db, long long nr, json_t **check)
{
    json_t *w = NULL;

    if (overlap_signal(db, nr, &w) != 0)
        return -1;
    if (check)
        *check = w;
    else
        json_decref(w);
    return 0;
}

long long gremium_create(sqlite3 *db, const struct actor *who, json_t *in,
                         json_t **check, struct fault *f)
{
    char now[21];
    sqlite3_stmt *st;
    long long nr;
    json_t *leden;
    size_t i;

    if (check)
        *check = NULL;
    if (check_perm(db, who, "gremium.registreren", 0, f) != 0)
        return -1;
    if (check_gremium(db, in, f) != 0)
        return -1;
    if (store_count(db, "SELECT count(*) FROM gremium WHERE name = ?",
                    input_str(in, "naam")) > 0) {
        fault_set(f, FAULT_CONFLICT, "Er is al een gremium met de naam "
                  "\"%.200s\".", input_str(in, "naam"));
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "INSERT INTO gremium(nr, name, relation, domain, "
                           "goal, registered_at, changed_at) VALUES "
                           "((SELECT coalesce(max(nr), 0) + 1 FROM gremium),"
                           " ?, 'niet specifiek', ?, ?, ?, ?)");
    store_bind_text(st, 1, input_str(in, "naam"));
    store_bind_text(st, 2, input_str(in, "domein"));
    store_bind_text(st, 3, input_str(in, "doel") ? input_str(in, "doel")
                                                 : "");
    store_bind_text(st, 4, now);
    store_bind_text(st, 5, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    nr = store_count(db, "SELECT max(nr) FROM gremium", NULL);
    if (nr < 1 || write_pillars(db, nr, json_object_get(in, "pijlers")) != 0
        || store_derived_relation(db, nr) != 0)
        return domain_store_failed(db, f);
    leden = json_object_get(in, "leden");
    for (i = 0; i < json_array_size(leden); i++)
        if (insert_member(db, nr, org_id(db, json_string_value(
                json_array_get(leden, i)), NULL, 0), NULL, "invoer") < 0)
            return domain_store_failed(db, f);
    if (after_change(db, nr, check) != 0 ||
        domain_audit_ok(db, who, "gremium.registreren", "gremium", nr,
                        input_str(in, "naam")) != 0 ||
        store_commit(db) != 0) {
        if (check) {
            json_decref(*check);
            *check = NULL;
        }
        return domain_store_failed(db, f);
    }
    return nr;
}

int gremium_update(sqlite3 *db, const struct actor *who, long long nr,
                   json_t *in, json_t **check, struct fault *f)
{
    char now[21];
    sqlite3_stmt *st;
    json_t *leden;

    if (check)
        *check = NULL;
    if (check_perm(db, who, "gremium.wijzigen", nr, f) != 0)
        return -1;
    if (!gremium_exists(db, nr)) {
        fault_set(f, FAULT_NOTFOUND, "Gremium %lld bestaat niet.", nr);
        return -1;
    }
    if (check_gremium(db, in, f) != 0)
        return -1;
    st = store_prepare(db, "SELECT count(*) FROM gremium WHERE name = ? AND "
                           "nr <> ?");
    store_bind_text(st, 1, input_str(in, "naam"));
    store_bind_int(st, 2, nr);
    if (st && sqlite3_step(st) == SQLITE_ROW &&
        sqlite3_column_int(st, 0) > 0) {
        sqlite3_finalize(st);
        fault_set(f, FAULT_CONFLICT, "Er is al een ander gremium met de naam "
                  "\"%.200s\".", input_str(in, "naam"));
        return -1;
    }
    sqlite3_finalize(st);
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "UPDATE gremium SET name = ?, goal = ?, "
                           "domain = ?, changed_at = ? WHERE nr = ?");
    store_bind_text(st, 1, input_str(in, "naam"));
    store_bind_text(st, 2, input_str(in, "doel") ? input_str(in, "doel")
                                                 : "");
    store_bind_text(st, 3, input_str(in, "domein"));
    store_bind_text(st, 4, now);
    store_bind_int(st, 5, nr);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (json_object_get(in, "pijlers") &&
        write_pillars(db, nr, json_object_get(in, "pijlers")) != 0)
        return domain_store_failed(db, f);
    leden = json_object_get(in, "leden");
    if ((json_is_array(leden) && sync_members(db, nr, leden) != 0) ||
        store_derived_relation(db, nr) != 0)
        return domain_store_failed(db, f);
    if (after_change(db, nr, check) != 0 ||
        domain_audit_ok(db, who, "gremium.wijzigen", "gremium", nr,
                        input_str(in, "naam")) != 0 ||
        store_commit(db) != 0) {
        if (check) {
            json_decref(*check);
            *check = NULL;
        }
        return domain_store_failed(db, f);
    }
    return 0;
}

/* The name of gremium nr into out; 0, or -1 when it does not exist. */
static int gremium_name(sqlite3 *db, long long nr, char *out, size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT name FROM gremium WHERE "
                                         "nr = ?");
    int rc = -1;

    store_bind_int(st, 1, nr);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out, len, "%s", store_col(st, 0));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

long long gremium_member_add(sqlite3 *db, const struct actor *who,
                             long long nr, json_t *in, json_t **check,
                             struct fault *f)
{
    char gname[GREMIUM_NAME_MAX * 4 + 1], oname[512], today[11], detail[96];
    const char *code, *since;
    long long oid, id;

    if (check)
        *check = NULL;
    if (check_perm(db, who, "gremium.lid.toevoegen", nr, f) != 0)
        return -1;
    if (gremium_name(db, nr, gname, sizeof gname) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Gremium %lld bestaat niet.", nr);
        return -1;
    }
    if (!json_is_object(in) || input_check(in, member_fields, 0, f) != 0) {
        if (!json_is_object(in))
            fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    code = input_str(in, "organisatie");
    since = input_str(in, "sinds");
    oid = org_id(db, code, oname, sizeof oname);
    if (oid < 0) {
        fault_set(f, FAULT_INVALID, "Onbekende organisatie \"%.64s\"; "
                  "gebruik de code uit /organisaties.", code);
        return -1;
    }
    if (is_self(db, oid, gname)) {
        fault_set(f, FAULT_INVALID, "%s is het gremium zelf; een gremium kan "
                  "geen lid van zichzelf zijn.", oname);
        return -1;
    }
    domain_today_local(today);
    if (since && strcmp(since, today) > 0) {
        fault_set(f, FAULT_INVALID, "Sinds ligt in de toekomst (%s); voer "
                  "een lidmaatschap in als het begonnen is.", since);
        return -1;
    }
    if (current_member(db, nr, oid) != 0) {
        fault_set(f, FAULT_CONFLICT, "%s is al lid van %s.", oname, gname);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    id = insert_member(db, nr, oid, since, "invoer");
    snprintf(detail, sizeof detail, "gremium %lld: %.64s", nr, code);
    if (id < 0 || after_change(db, nr, check) != 0 ||
        domain_audit_ok(db, who, "gremium.lid.toevoegen", "gremium_lid", id,
                        detail) != 0 || store_commit(db) != 0) {
        if (check) {
            json_decref(*check);
            *check = NULL;
        }
        return domain_store_failed(db, f);
    }
    return id;
}

int gremium_member_end(sqlite3 *db, const struct actor *who, long long nr,
                       long long id, const char *until, struct fault *f)
{
    char since[32] = "", ended[32] = "", d[11], detail[64];
    sqlite3_stmt *st;
    int found = 0;

    if (check_perm(db, who, "gremium.lid.beeindigen", nr, f) != 0)
        return -1;
    st = store_prepare(db, "SELECT since, coalesce(until, '') FROM "
                           "gremium_member WHERE id = ? AND gremium_nr = ?");
    store_bind_int(st, 1, id);
    store_bind_int(st, 2, nr);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        snprintf(since, sizeof since, "%s", store_col(st, 0));
        snprintf(ended, sizeof ended, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    if (!found) {
        fault_set(f, FAULT_NOTFOUND, "Lidmaatschap %lld van gremium %lld "
                  "bestaat niet.", id, nr);
        return -1;
    }
    if (ended[0]) {
        fault_set(f, FAULT_CONFLICT, "Dit lidmaatschap is al beëindigd op "
                  "%s.", ended);
        return -1;
    }
    if (until && !input_is_date(until)) {
        fault_set(f, FAULT_INVALID, "Tot is een datum JJJJ-MM-DD.");
        return -1;
    }
    if (until == NULL) {
        domain_today_local(d);
        until = d;
    }
    if (strcmp(until, since) < 0) {
        fault_set(f, FAULT_INVALID, "Tot (%s) ligt voor het begin van het "
                  "lidmaatschap (%s).", until, since);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE gremium_member SET until = ? WHERE id = ?");
    store_bind_text(st, 1, until);
    store_bind_int(st, 2, id);
    snprintf(detail, sizeof detail, "gremium %lld tot %s", nr, until);
    if (store_exec_stmt(st) != 0 || after_change(db, nr, NULL) != 0 ||
        domain_audit_ok(db, who, "gremium.lid.beeindigen", "gremium_lid", id,
                        detail) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* CSV import                                                          */

static void add_error(struct gremium_import *res, long long line,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_error(struct gremium_import *res, long long line,
                      const char *fmt, ...)
{
    va_list ap;
    int n;

    if (res->nerrors >= GREMIUM_IMPORT_ERRORS) {
        res->more_errors = 1;
        return;
    }
    n = snprintf(res->errors[res->nerrors], sizeof res->errors[0],
                 "regel %lld: ", line);
    va_start(ap, fmt);
    vsnprintf(res->errors[res->nerrors] + n,
              sizeof res->errors[0] - (size_t)n, fmt, ap);
    va_end(ap);
    res->nerrors++;
}

/* A row that passed: gremium, organisation, since, line. */
struct row {
    long long nr, oid, line;
    char since[11];
};

/* The gremium of field s: a number, or an exact name. -1 when none. */
static long long find_gremium(sqlite3 *db, const char *s, char *name,
                              size_t len)
{
    sqlite3_stmt *st;
    long long nr = -1;
    size_t i;
    int digits = s[0] != '\0' && strlen(s) <= 9;

    for (i = 0; s[i]; i++)
        if (!isdigit((unsigned char)s[i]))
            digits = 0;
    st = store_prepare(db, digits ? "SELECT nr, name FROM gremium WHERE nr = ?"
                                  : "SELECT nr, name FROM gremium WHERE "
                                    "name = ?");
    if (digits)
        store_bind_int(st, 1, atoll(s));
    else
        store_bind_text(st, 1, s);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        nr = sqlite3_column_int64(st, 0);
        snprintf(name, len, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    return nr;
}

static int cmp_row(const void *x, const void *y)
{
    const struct row *a = x, *b = y;

    if (a->nr != b->nr)
        return a->nr < b->nr ? -1 : 1;
    if (a->oid != b->oid)
        return a->oid < b->oid ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Read and check every row into *rows_out (sorted by gremium and
 * organisation, duplicates reported). 0 when the file is clean. */
static int read_rows(sqlite3 *db, const char *data, size_t len,
                     struct gremium_import *res, struct row **rows_out,
                     size_t *n_out)
{
    struct csv_opts o = { 0 };
    struct csv *c;
    struct row *rows = NULL;
    size_t n = 0, cap = 0, ncols = 0, k;
    const char *nl = memchr(data, '\n', len);
    size_t first = nl ? (size_t)(nl - data) : len;
    char today[11];
    int rc, header = 1;

    domain_today_local(today);
    o.sep = memchr(data, ';', first) && !memchr(data, ',', first) ? ';' : ',';
    o.max_field = 1024;
    o.max_fields = 16;
    c = csv_open_mem(data, len, &o);
    if (c == NULL)
        return -1;
    while ((rc = csv_next(c)) != 0) {
        char gname[GREMIUM_NAME_MAX * 4 + 1], oname[512];
        const char *g, *org, *since;
        long long line = csv_line(c), nr, oid;

        if (rc < 0) {
            add_error(res, line, "%s", csv_error(c));
            if (csv_fatal(c))
                break;
            continue;
        }
        if (csv_blank(c))
            continue;
        if (header) {
            header = 0;
            ncols = csv_count(c);
            if ((ncols != 2 && ncols != 3) ||
                strcmp(csv_field(c, 0), "gremium") != 0 ||
                strcmp(csv_field(c, 1), "organisatie") != 0 ||
                (ncols == 3 && strcmp(csv_field(c, 2), "sinds") != 0)) {
                add_error(res, line, "de kopregel moet gremium,organisatie "
                          "of gremium,organisatie,sinds zijn.");
                break;
            }
            continue;
        }
        res->rows++;
        if (res->rows > GREMIUM_IMPORT_MAX_ROWS) {
            add_error(res, line, "meer dan %d regels; splits het bestand.",
                      GREMIUM_IMPORT_MAX_ROWS);
            break;
        }
        if (csv_count(c) != ncols) {
            add_error(res, line, "%zu velden, de kopregel heeft er %zu.",
                      csv_count(c), ncols);
            continue;
        }
        g = csv_field(c, 0);
        org = csv_field(c, 1);
        since = ncols == 3 && csv_field(c, 2)[0] ? csv_field(c, 2) : today;
        nr = find_gremium(db, g, gname, sizeof gname);
        if (nr < 0) {
            add_error(res, line, "onbekend gremium \"%.80s\" (gebruik het "
                      "nummer of de exacte naam uit /gremia).", g);
            continue;
        }
        oid = org_id(db, org, oname, sizeof oname);
        if (oid < 0) {
            add_error(res, line, "onbekende organisatie \"%.64s\" (gebruik "
                      "de code uit /organisaties).", org);
            continue;
        }
        if (is_self(db, oid, gname)) {
            add_error(res, line, "%.100s is het gremium %.100s zelf; een "
                      "gremium kan geen lid van zichzelf zijn.", oname,
                      gname);
            continue;
        }
        if (!input_is_date(since)) {
            add_error(res, line, "sinds \"%.20s\" is geen datum JJJJ-MM-DD.",
                      since);
            continue;
        }
        if (strcmp(since, today) > 0) {
            add_error(res, line, "sinds %s ligt in de toekomst.", since);
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct row *x = realloc(rows, ncap * sizeof *x);

            if (x == NULL) {
                csv_close(c);
                free(rows);
                return -1;
            }
            rows = x;
            cap = ncap;
        }
        rows[n].nr = nr;
        rows[n].oid = oid;
        rows[n].line = line;
        snprintf(rows[n].since, sizeof rows[n].since, "%s", since);
        n++;
    }
    csv_close(c);
    if (header && res->nerrors == 0)
        add_error(res, 1, "het bestand is leeg; verwacht de kopregel "
                  "gremium,organisatie[,sinds].");
    if (n)
        qsort(rows, n, sizeof *rows, cmp_row);
    for (k = 1; k < n; k++)
        if (rows[k].nr == rows[k - 1].nr && rows[k].oid == rows[k - 1].oid)
            add_error(res, rows[k].line, "dubbele regel: deze organisatie "
                      "staat voor dit gremium ook op regel %lld.",
                      rows[k - 1].line);
    *rows_out = rows;
    *n_out = n;
    return res->nerrors ? -1 : 0;
}

int gremium_import_csv(sqlite3 *db, const struct actor *who,
                       const char *data, size_t len,
                       struct gremium_import *res, struct fault *f)
{
    struct row *rows = NULL;
    size_t n = 0, k;
    char detail[160];
    long long last = -1;

    memset(res, 0, sizeof *res);
    if (check_perm(db, who, "gremium.leden.importeren", 0, f) != 0)
        return -1;
    if (len == 0) {
        fault_set(f, FAULT_INVALID, "Het bestand is leeg; verwacht de "
                  "kopregel gremium,organisatie[,sinds].");
        return -1;
    }
    if (len > GREMIUM_IMPORT_MAX_BYTES) {
        fault_set(f, FAULT_INVALID, "Het bestand is groter dan %d MiB.",
                  GREMIUM_IMPORT_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    if (read_rows(db, data, len, res, &rows, &n) != 0) {
        free(rows);
        if (res->nerrors == 0) {
            fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
            return -1;
        }
        fault_set(f, FAULT_INVALID, "Het bestand is geweigerd: %d %s; er is "
                  "niets opgeslagen.", res->nerrors, res->nerrors == 1
                  ? "fout" : "fouten");
        domain_refuse(db, who, "gremium.leden.importeren", "gremium", 0, f);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0) {
        free(rows);
        return -1;
    }
    for (k = 0; k < n; k++) {
        long long have = current_member(db, rows[k].nr, rows[k].oid);

        if (have < 0)
            goto failed;
        if (have > 0) {
            res->unchanged++;
            continue;
        }
        if (insert_member(db, rows[k].nr, rows[k].oid, rows[k].since,
                          "import") < 0)
            goto failed;
        res->added++;
    }
    for (k = 0; k < n; k++) {
        json_t *w = NULL;

        if (rows[k].nr == last)
            continue;
        last = rows[k].nr;
        res->gremia++;
        if (overlap_signal(db, rows[k].nr, &w) != 0)
            goto failed;
        if (json_is_true(json_object_get(w, "waarschuwing")))
            res->warnings++;
        json_decref(w);
    }
    snprintf(detail, sizeof detail, "%lld regels: %lld nieuw, %lld "
             "ongewijzigd, %lld gremia", res->rows, res->added,
             res->unchanged, res->gremia);
    if (audit_write(db, who, "gremium.leden.importeren", "gremium", "",
                    "gelukt", detail) != 0 || store_commit(db) != 0)
        goto failed;
    free(rows);
    return 0;
failed:
    free(rows);
    return domain_store_failed(db, f);
}
