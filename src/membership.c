/* membership.c - memberships and the composition rule (membership.h). */
#include "membership.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const membership_kinds[] = { "lid", "genodigde", NULL };

const struct input_field membership_fields[] = {
    { "organisatie", "Organisatie", IN_CODE, 1, 60, NULL },
    { "persoon", "Persoon", IN_INT, 0, 0, NULL },
    { "soort", "Soort", IN_CHOICE, 1, 0, membership_kinds },
    { "functie", "Functie", IN_TEXT, 0, 200, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

#define MEMBER_COLUMNS \
    "m.id, m.kind AS soort, o.code AS \"organisatie.code\", " \
    "o.name AS \"organisatie.naam\", o.type AS \"organisatie.type\", " \
    "p.id AS \"persoon.id\", p.name AS \"persoon.naam\", s.code AS zetel, " \
    "s.description AS zetelOmschrijving, m.function AS functie, " \
    "m.since AS sinds, " SQLJSON_BRON("m.") \
    " FROM membership m JOIN organisation o ON o.id = m.organisation_id " \
    "LEFT JOIN person p ON p.id = m.person_id " \
    "LEFT JOIN seat s ON s.id = m.seat_id "

json_t *membership_list(sqlite3 *db, const char *body_code)
{
    return sqljson_rows(db, "SELECT " MEMBER_COLUMNS
                        "JOIN body b ON b.id = m.body_id WHERE b.code = ? "
                        "AND m.until IS NULL ORDER BY m.kind DESC, s.ord, "
                        "o.name", "s", body_code);
}

json_t *membership_get(sqlite3 *db, long long id)
{
    return sqljson_row(db, "SELECT " MEMBER_COLUMNS "WHERE m.id = ?", "i",
                       id);
}

struct body_rule {
    long long id;
    char name[128];
    char comp_text[1024];
    char section[128];
    long long from, to;
    int exhaustive, flexible;
};

static int load_rule(sqlite3 *db, const char *code, struct body_rule *b)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT id, name, comp_text, coalesce(comp_src_section,''), "
        "coalesce(comp_src_from,0), coalesce(comp_src_to,0), "
        "comp_exhaustive, comp_flexible FROM body WHERE code = ?");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    if (sqlite3_step(st) == SQLITE_ROW) {
        b->id = sqlite3_column_int64(st, 0);
        snprintf(b->name, sizeof b->name, "%s", store_col(st, 1));
        snprintf(b->comp_text, sizeof b->comp_text, "%s", store_col(st, 2));
        snprintf(b->section, sizeof b->section, "%s", store_col(st, 3));
        b->from = sqlite3_column_int64(st, 4);
        b->to = sqlite3_column_int64(st, 5);
        b->exhaustive = sqlite3_column_int(st, 6);
        b->flexible = sqlite3_column_int(st, 7);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* "rapport §5.4.1 Afstemming, regels 1614-1621" */
static void cite(const struct body_rule *b, char *out, size_t len)
{
    if (b->section[0])
        snprintf(out, len, "rapport §%s, regels %lld–%lld", b->section,
                 b->from, b->to);
    else
        snprintf(out, len, "de samenstellingsregel van Koers");
}

/* Choose a seat for organisation org_id in body b. Returns the seat id,
 * 0 for "no seat needed" (open composition), or -1 with f filled. The
 * seat query lists, for each seat the organisation fits, how many active
 * members it has; fitting follows the seat criteria of schema.sql. */
static long long choose_seat(sqlite3 *db, const struct body_rule *b,
                             long long org_id, const char *org_name,
                             struct fault *f)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT s.id, s.description, s.max_count, "
        " (SELECT count(*) FROM membership m WHERE m.seat_id = s.id "
        "  AND m.until IS NULL) "
        "FROM seat s, organisation o LEFT JOIN organisation par "
        " ON par.id = o.parent_id "
        "WHERE s.body_id = ? AND o.id = ? "
        " AND (s.org_code IS NULL OR s.org_code = o.code) "
        " AND (s.org_type IS NULL OR s.org_type = o.type) "
        " AND (s.parent_code IS NULL OR s.parent_code = o.code "
        "      OR s.parent_code = par.code) "
        "ORDER BY s.ord");
    char full_desc[256] = "", where[300];
    long long seat = -1, full_max = 0;
    int fits = 0;

    if (st == NULL) {
        fault_set(f, FAULT_STORE, "De samenstelling kon niet worden gelezen.");
        return -1;
    }
    store_bind_int(st, 1, b->id);
    store_bind_int(st, 2, org_id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int unbounded = sqlite3_column_type(st, 2) == SQLITE_NULL;
        long long max = sqlite3_column_int64(st, 2);
        long long used = sqlite3_column_int64(st, 3);

        fits = 1;
        if (unbounded || used < max) {
            seat = sqlite3_column_int64(st, 0);
            break;
        }
        if (full_desc[0] == '\0') {
            snprintf(full_desc, sizeof full_desc, "%s", store_col(st, 1));
            full_max = max;
        }
    }
    sqlite3_finalize(st);
    if (seat > 0)
        return seat;
    cite(b, where, sizeof where);
    if (fits) {
        fault_set(f, FAULT_RULE,
                  "%s kan niet als lid worden toegevoegd: alle %lld zetel%s "
                  "voor \"%s\" in het %s %s al bezet. De samenstelling is "
                  "vastgelegd in het rapport: \"%s\" (%s).%s",
                  org_name, full_max, full_max == 1 ? "" : "s", full_desc,
                  b->name, full_max == 1 ? "is" : "zijn", b->comp_text,
                  where, b->flexible ? " Nodig de organisatie zo nodig uit "
                  "als genodigde voor een agenda." : "");
        return -1;
    }
    if (b->exhaustive) {
        fault_set(f, FAULT_RULE,
                  "%s past in geen enkele zetel van het %s. De samenstelling "
                  "is vastgelegd in het rapport: \"%s\" (%s).%s",
                  org_name, b->name, b->comp_text, where,
                  b->flexible ? " Nodig de organisatie zo nodig uit als "
                  "genodigde voor een agenda." : "");
        return -1;
    }
    return 0;
}

static int membership_refused(sqlite3 *db, const struct actor *who,
                              const char *action, const char *body_code,
                              const char *object, struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_LIDMAATSCHAP_BEHEREN,
                     body_code))
        return 0;
    if (who->role == ROLE_NETWERKMANAGER)
        fault_set(f, FAULT_FORBIDDEN, "Als netwerkmanager beheert u alleen "
                  "de deelnemers van uw eigen kerngroep (%s).",
                  who->scope[0] ? who->scope : "geen");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag de leden van dit "
                  "overleg niet wijzigen.", perm_role_label(who->role));
    audit_write(db, who, action, "lidmaatschap", object, "geweigerd",
                f->msg);
    return -1;
}

long long membership_add(sqlite3 *db, const struct actor *who,
                         const char *body_code, json_t *in, struct fault *f)
{
    struct body_rule b;
    const char *kind, *org_code;
    char org_name[256] = "", detail[400], idtxt[32];
    long long org_id = 0, person = 0, seat = 0, id;
    json_t *pv;
    sqlite3_stmt *st;

    if (membership_refused(db, who, "lidmaatschap.toevoegen", body_code,
                           body_code, f) != 0)
        return -1;
    if (input_check(in, membership_fields, 0, f) != 0)
        return -1;
    kind = input_str(in, "soort");
    org_code = input_str(in, "organisatie");
    pv = json_object_get(in, "persoon");
    if (json_is_integer(pv))
        person = json_integer_value(pv);
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (load_rule(db, body_code, &b) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Overleg \"%s\" bestaat niet.",
                  body_code);
        goto fail;
    }
    st = store_prepare(db, "SELECT id, name FROM organisation WHERE code = ?");
    store_bind_text(st, 1, org_code);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        org_id = sqlite3_column_int64(st, 0);
        snprintf(org_name, sizeof org_name, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    if (org_id == 0) {
        fault_set(f, FAULT_NOTFOUND, "Organisatie \"%s\" bestaat niet.",
                  org_code);
        goto fail;
    }
    if (person) {
        snprintf(idtxt, sizeof idtxt, "%lld", person);
        if (store_count(db, "SELECT count(*) FROM person WHERE id = ?",
                        idtxt) != 1) {
            fault_set(f, FAULT_NOTFOUND, "Persoon %lld bestaat niet.",
                      person);
            goto fail;
        }
        snprintf(detail, sizeof detail, "%lld", org_id);
        st = store_prepare(db, "SELECT count(*) FROM person WHERE id = ? "
                               "AND organisation_id IS NOT NULL AND "
                               "organisation_id <> ?");
        store_bind_int(st, 1, person);
        store_bind_int(st, 2, org_id);
        if (st && sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_int(st, 0) > 0) {
            sqlite3_finalize(st);
            fault_set(f, FAULT_INVALID, "Persoon %lld werkt niet bij %s.",
                      person, org_name);
            goto fail;
        }
        sqlite3_finalize(st);
    }
    /* one active place per organisation (and person) in a body: a member
     * is not also an invitee, and nobody sits twice */
    st = store_prepare(db, "SELECT kind FROM membership WHERE body_id = ? "
                           "AND organisation_id = ? AND until IS NULL "
                           "AND coalesce(person_id,0) = ?");
    store_bind_int(st, 1, b.id);
    store_bind_int(st, 2, org_id);
    store_bind_int(st, 3, person);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        fault_set(f, FAULT_CONFLICT, "%s is al %s van het %s.", org_name,
                  strcmp(store_col(st, 0), "lid") == 0 ? "lid"
                                                       : "genodigde",
                  b.name);
        sqlite3_finalize(st);
        goto fail;
    }
    sqlite3_finalize(st);
    if (strcmp(kind, "genodigde") == 0) {
        if (!b.flexible) {
            char where[300];
            cite(&b, where, sizeof where);
            fault_set(f, FAULT_RULE, "Het %s kent geen genodigden per "
                      "agenda: de samenstelling is \"%s\" (%s).", b.name,
                      b.comp_text, where);
            goto fail;
        }
    } else {
        seat = choose_seat(db, &b, org_id, org_name, f);
        if (seat < 0)
            goto fail;
    }
    st = store_prepare(db, "INSERT INTO membership(body_id, organisation_id, "
                           "person_id, seat_id, kind, function) "
                           "VALUES (?,?,?,?,?,?)");
    store_bind_int(st, 1, b.id);
    store_bind_int(st, 2, org_id);
    if (person)
        store_bind_int(st, 3, person);
    else
        sqlite3_bind_null(st, 3);
    if (seat > 0)
        store_bind_int(st, 4, seat);
    else
        sqlite3_bind_null(st, 4);
    store_bind_text(st, 5, kind);
    store_bind_text(st, 6, input_str(in, "functie") ? input_str(in, "functie")
                                                    : "");
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    id = sqlite3_last_insert_rowid(db);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    snprintf(detail, sizeof detail, "%s: %s %s", body_code, kind, org_code);
    if (audit_write(db, who, "lidmaatschap.toevoegen", "lidmaatschap", idtxt,
                    "gelukt", detail) != 0 || store_commit(db) != 0)
        goto store_fail;
    return id;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
fail:
    if (f->kind == FAULT_RULE) {
        /* a refusal by a rule of the report is worth an audit entry */
        store_rollback(db);
        snprintf(detail, sizeof detail, "%s: %s", body_code, org_code);
        audit_write(db, who, "lidmaatschap.toevoegen", "lidmaatschap",
                    detail, "geweigerd", f->msg);
        return -1;
    }
    store_rollback(db);
    return -1;
}

int membership_end(sqlite3 *db, const struct actor *who,
                   const char *body_code, long long id, struct fault *f)
{
    char idtxt[32];
    sqlite3_stmt *st;

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (membership_refused(db, who, "lidmaatschap.beeindigen", body_code,
                           idtxt, f) != 0)
        return -1;
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    st = store_prepare(db, "UPDATE membership SET until = "
                           "strftime('%Y-%m-%d','now') WHERE id = ? AND "
                           "until IS NULL AND body_id = (SELECT id FROM body "
                           "WHERE code = ?)");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, body_code);
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    if (sqlite3_changes(db) != 1) {
        fault_set(f, FAULT_NOTFOUND, "Lidmaatschap %lld van overleg \"%s\" "
                  "bestaat niet of is al beëindigd.", id, body_code);
        store_rollback(db);
        return -1;
    }
    if (audit_write(db, who, "lidmaatschap.beeindigen", "lidmaatschap", idtxt,
                    "gelukt", body_code) != 0 || store_commit(db) != 0)
        goto store_fail;
    return 0;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    store_rollback(db);
    return -1;
}
