/* person.c - person register (see person.h). */
#include "person.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct input_field person_fields[] = {
    { "naam", "Naam", IN_TEXT, 1, 200, NULL },
    { "organisatie", "Organisatie", IN_CODE, 0, 60, NULL },
    { "functie", "Functie", IN_TEXT, 0, 200, NULL },
    { "email", "E-mailadres", IN_TEXT, 0, 200, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

#define PERSON_COLUMNS \
    "p.id, p.name AS naam, o.code AS organisatie, " \
    "o.name AS organisatieNaam, p.function AS functie, p.email"

json_t *person_list(sqlite3 *db)
{
    return sqljson_rows(db, "SELECT " PERSON_COLUMNS " FROM person p "
                            "LEFT JOIN organisation o ON o.id = "
                            "p.organisation_id ORDER BY p.name", NULL);
}

json_t *person_get(sqlite3 *db, long long id)
{
    json_t *p = sqljson_row(db, "SELECT " PERSON_COLUMNS " FROM person p "
                                "LEFT JOIN organisation o ON o.id = "
                                "p.organisation_id WHERE p.id = ?", "i", id);

    if (p == NULL)
        return NULL;
    json_object_set_new(p, "overleggen", sqljson_rows(db,
        "SELECT b.code, b.name AS naam, m.kind AS soort, "
        "m.function AS functie, m.since AS sinds FROM membership m "
        "JOIN body b ON b.id = m.body_id WHERE m.person_id = ? AND "
        "m.until IS NULL ORDER BY b.ord", "i", id));
    return p;
}

/* A plausible e-mail address: one @, text on both sides, a dot after it,
 * no spaces. Full RFC 5322 validation is not the point: catching typos. */
static int email_ok(const char *e)
{
    const char *at = strchr(e, '@');

    if (e[0] == '\0')
        return 1;
    if (at == NULL || at == e || strchr(at + 1, '@') || strchr(e, ' ') ||
        strchr(at + 1, '.') == NULL || at[1] == '.' ||
        e[strlen(e) - 1] == '.')
        return 0;
    return 1;
}

/* Shared checks; resolves the organisation code into *org (0 = none). */
static int person_check(sqlite3 *db, json_t *in, int partial, long long *org,
                        struct fault *f)
{
    const char *oc, *em;

    if (input_check(in, person_fields, partial, f) != 0)
        return -1;
    em = input_str(in, "email");
    if (em && !email_ok(em)) {
        fault_set(f, FAULT_INVALID, "E-mailadres \"%s\" is geen geldig "
                  "adres.", em);
        return -1;
    }
    *org = 0;
    oc = input_str(in, "organisatie");
    if (oc && oc[0]) {
        *org = store_count(db, "SELECT coalesce((SELECT id FROM organisation "
                               "WHERE code = ?), 0)", oc);
        if (*org <= 0) {
            fault_set(f, FAULT_INVALID, "Organisatie \"%s\" bestaat niet.",
                      oc);
            return -1;
        }
    }
    return 0;
}

static int person_refused(sqlite3 *db, const struct actor *who,
                          const char *action, const char *id,
                          struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_PERSOON_BEHEREN, NULL))
        return 0;
    fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen personen beheren.",
              perm_role_label(who->role));
    audit_write(db, who, action, "persoon", id, "geweigerd", f->msg);
    return -1;
}

long long person_create(sqlite3 *db, const struct actor *who, json_t *in,
                        struct fault *f)
{
    long long org, id;
    char idtxt[32];
    sqlite3_stmt *st;

    if (person_refused(db, who, "persoon.aanmaken", "", f) != 0)
        return -1;
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (person_check(db, in, 0, &org, f) != 0)
        goto fail;
    st = store_prepare(db, "INSERT INTO person(name, organisation_id, "
                           "function, email) VALUES (?,?,?,?)");
    store_bind_text(st, 1, input_str(in, "naam"));
    if (org)
        store_bind_int(st, 2, org);
    else
        sqlite3_bind_null(st, 2);
    store_bind_text(st, 3, input_str(in, "functie") ? input_str(in, "functie")
                                                    : "");
    store_bind_text(st, 4, input_str(in, "email") ? input_str(in, "email")
                                                  : "");
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    id = sqlite3_last_insert_rowid(db);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (audit_write(db, who, "persoon.aanmaken", "persoon", idtxt, "gelukt",
                    input_str(in, "naam")) != 0 || store_commit(db) != 0)
        goto store_fail;
    return id;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
fail:
    store_rollback(db);
    return -1;
}

int person_update(sqlite3 *db, const struct actor *who, long long id,
                  json_t *in, struct fault *f)
{
    static const char *const cols[][2] = {
        { "naam", "name" }, { "functie", "function" }, { "email", "email" },
    };
    long long org;
    char idtxt[32], *changed;
    size_t i;

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (person_refused(db, who, "persoon.wijzigen", idtxt, f) != 0)
        return -1;
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (store_count(db, "SELECT count(*) FROM person WHERE id = ?", idtxt)
        != 1) {
        fault_set(f, FAULT_NOTFOUND, "Persoon %lld bestaat niet.", id);
        goto fail;
    }
    if (person_check(db, in, 1, &org, f) != 0)
        goto fail;
    if (json_is_null(json_object_get(in, "naam"))) {
        fault_set(f, FAULT_INVALID, "Naam is verplicht.");
        goto fail;
    }
    for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        json_t *v = json_object_get(in, cols[i][0]);
        char sql[128];
        sqlite3_stmt *st;

        if (v == NULL)
            continue;
        snprintf(sql, sizeof sql, "UPDATE person SET %s = ?, updated_at = "
                 "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now') WHERE id = ?",
                 cols[i][1]);
        st = store_prepare(db, sql);
        store_bind_text(st, 1, json_is_null(v) ? "" : json_string_value(v));
        store_bind_int(st, 2, id);
        if (store_exec_stmt(st) != 0)
            goto store_fail;
    }
    if (json_object_get(in, "organisatie")) {
        sqlite3_stmt *st = store_prepare(db, "UPDATE person SET "
                                             "organisation_id = ? WHERE id = ?");
        if (org)
            store_bind_int(st, 1, org);
        else
            sqlite3_bind_null(st, 1);
        store_bind_int(st, 2, id);
        if (store_exec_stmt(st) != 0)
            goto store_fail;
    }
    changed = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
    if (audit_write(db, who, "persoon.wijzigen", "persoon", idtxt, "gelukt",
                    changed) != 0 || store_commit(db) != 0) {
        free(changed);
        goto store_fail;
    }
    free(changed);
    return 0;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
fail:
    store_rollback(db);
    return -1;
}
