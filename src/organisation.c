/* organisation.c - organisation register (see organisation.h). */
#include "organisation.h"
#include "body.h"
#include "sqljson.h"
#include "store.h"

#include <stdlib.h>
#include <string.h>

const char *const organisation_types[] = {
    "overheid", "onderwijs", "bedrijfsleven", "vakbond", "regio",
    "ondersteuning", NULL
};

const char *const organisation_domains[] = {
    "techniek", "ict", "beide", NULL
};

const struct input_field organisation_fields[] = {
    { "code", "Code", IN_CODE, 1, 60, NULL },
    { "naam", "Naam", IN_TEXT, 1, 200, NULL },
    { "afkorting", "Afkorting", IN_TEXT, 0, 30, NULL },
    { "type", "Type", IN_CHOICE, 1, 0, organisation_types },
    { "domein", "Domein", IN_CHOICE, 1, 0, organisation_domains },
    { "onderdeelVan", "Onderdeel van", IN_CODE, 0, 60, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, 2000, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

#define ORG_COLUMNS \
    "o.code, o.name AS naam, o.abbrev AS afkorting, o.type, " \
    "o.domain AS domein, p.code AS onderdeelVan, " \
    "o.description AS omschrijving, " SQLJSON_BRON("o.")

json_t *organisation_list(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT " ORG_COLUMNS ", (SELECT count(*) FROM membership m WHERE "
        "m.organisation_id = o.id AND m.until IS NULL) AS aantalOverleggen "
        "FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id "
        "ORDER BY o.name COLLATE NOCASE", NULL);
}

json_t *organisation_get(sqlite3 *db, const char *code)
{
    json_t *o = sqljson_row(db,
        "SELECT o.id AS _id, " ORG_COLUMNS ", o.updated_at AS gewijzigd "
        "FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id "
        "WHERE o.code = ?", "s", code);
    long long id;

    if (o == NULL)
        return NULL;
    id = json_integer_value(json_object_get(o, "_id"));
    json_object_del(o, "_id");
    json_object_set_new(o, "onderdelen", sqljson_rows(db,
        "SELECT code, name AS naam FROM organisation WHERE parent_id = ? "
        "ORDER BY name", "i", id));
    json_object_set_new(o, "overleggen", body_of_organisation(db, id));
    json_object_set_new(o, "personen", sqljson_rows(db,
        "SELECT id, name AS naam, function AS functie FROM person "
        "WHERE organisation_id = ? ORDER BY name", "i", id));
    return o;
}

/* Resolve the optional parent code; -1 with a fault when it is unknown or
 * would make the organisation its own ancestor. *parent is 0 for none. */
static int resolve_parent(sqlite3 *db, const char *self, json_t *in,
                          long long *parent, struct fault *f)
{
    const char *pc = input_str(in, "onderdeelVan");

    *parent = 0;
    if (pc == NULL || pc[0] == '\0')
        return 0;
    if (self && strcmp(pc, self) == 0) {
        fault_set(f, FAULT_INVALID, "Een organisatie kan geen onderdeel van "
                  "zichzelf zijn.");
        return -1;
    }
    *parent = store_count(db, "SELECT coalesce((SELECT id FROM organisation "
                              "WHERE code = ?), 0)", pc);
    if (*parent <= 0) {
        fault_set(f, FAULT_INVALID, "Onderdeel van: organisatie \"%s\" "
                  "bestaat niet.", pc);
        return -1;
    }
    if (self && store_count(db,
            "WITH RECURSIVE up(id) AS (SELECT parent_id FROM organisation "
            "WHERE code = ?1 UNION SELECT o.parent_id FROM organisation o "
            "JOIN up ON o.id = up.id) SELECT count(*) FROM up JOIN "
            "organisation s ON s.id = up.id WHERE s.code = ?1", pc) > 0) {
        fault_set(f, FAULT_INVALID, "Onderdeel van: dat zou een kring "
                  "maken.");
        return -1;
    }
    return 0;
}

int organisation_create(sqlite3 *db, const struct actor *who, json_t *in,
                        struct fault *f)
{
    const char *code;
    long long parent;
    sqlite3_stmt *st;

    if (!perm_allowed(who->role, who->scope, ACT_ORGANISATIE_BEHEREN, NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen organisaties "
                  "toevoegen.", perm_role_label(who->role));
        audit_write(db, who, "organisatie.aanmaken", "organisatie",
                    input_str(in, "code"), "geweigerd", f->msg);
        return -1;
    }
    if (input_check(in, organisation_fields, 0, f) != 0)
        return -1;
    code = input_str(in, "code");
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (store_count(db, "SELECT count(*) FROM organisation WHERE code = ?",
                    code) != 0) {
        fault_set(f, FAULT_CONFLICT, "Er bestaat al een organisatie met "
                  "code \"%s\".", code);
        goto fail;
    }
    if (resolve_parent(db, NULL, in, &parent, f) != 0)
        goto fail;
    st = store_prepare(db, "INSERT INTO organisation(code, name, abbrev, "
                           "type, domain, parent_id, description) "
                           "VALUES (?,?,?,?,?,?,?)");
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, input_str(in, "naam"));
    store_bind_text(st, 3, input_str(in, "afkorting"));
    store_bind_text(st, 4, input_str(in, "type"));
    store_bind_text(st, 5, input_str(in, "domein"));
    if (parent)
        store_bind_int(st, 6, parent);
    else
        sqlite3_bind_null(st, 6);
    store_bind_text(st, 7, input_str(in, "omschrijving") ?
                           input_str(in, "omschrijving") : "");
    if (store_exec_stmt(st) != 0 ||
        audit_write(db, who, "organisatie.aanmaken", "organisatie", code,
                    "gelukt", input_str(in, "naam")) != 0 ||
        store_commit(db) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        goto fail;
    }
    return 0;
fail:
    store_rollback(db);
    return -1;
}

int organisation_update(sqlite3 *db, const struct actor *who,
                        const char *code, json_t *in, struct fault *f)
{
    static const char *const cols[][2] = {
        { "naam", "name" }, { "afkorting", "abbrev" }, { "type", "type" },
        { "domein", "domain" }, { "omschrijving", "description" },
    };
    long long parent;
    size_t i;
    char *changed;

    if (!perm_allowed(who->role, who->scope, ACT_ORGANISATIE_BEHEREN, NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen organisaties "
                  "wijzigen.", perm_role_label(who->role));
        audit_write(db, who, "organisatie.wijzigen", "organisatie", code,
                    "geweigerd", f->msg);
        return -1;
    }
    if (input_check(in, organisation_fields, 1, f) != 0)
        return -1;
    if (json_object_get(in, "code") &&
        strcmp(input_str(in, "code") ? input_str(in, "code") : "", code)) {
        fault_set(f, FAULT_INVALID, "De code van een organisatie kan niet "
                  "veranderen.");
        return -1;
    }
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (store_count(db, "SELECT count(*) FROM organisation WHERE code = ?",
                    code) != 1) {
        fault_set(f, FAULT_NOTFOUND, "Organisatie \"%s\" bestaat niet.",
                  code);
        goto fail;
    }
    for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        json_t *v = json_object_get(in, cols[i][0]);
        char sql[160];
        sqlite3_stmt *st;

        if (v == NULL)
            continue;
        if (json_is_null(v) && strcmp(cols[i][0], "afkorting") != 0 &&
            strcmp(cols[i][0], "omschrijving") != 0) {
            fault_set(f, FAULT_INVALID, "Dit veld kan niet leeg zijn: %s.",
                      cols[i][0]);
            goto fail;
        }
        snprintf(sql, sizeof sql, "UPDATE organisation SET %s = ?, "
                 "updated_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now') "
                 "WHERE code = ?", cols[i][1]);
        st = store_prepare(db, sql);
        if (json_is_null(v) && strcmp(cols[i][0], "omschrijving") == 0)
            store_bind_text(st, 1, "");
        else
            store_bind_text(st, 1, json_string_value(v));
        store_bind_text(st, 2, code);
        if (store_exec_stmt(st) != 0) {
            fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
            goto fail;
        }
    }
    if (json_object_get(in, "onderdeelVan")) {
        sqlite3_stmt *st;

        if (resolve_parent(db, code, in, &parent, f) != 0)
            goto fail;
        st = store_prepare(db, "UPDATE organisation SET parent_id = ? "
                               "WHERE code = ?");
        if (parent)
            store_bind_int(st, 1, parent);
        else
            sqlite3_bind_null(st, 1);
        store_bind_text(st, 2, code);
        if (store_exec_stmt(st) != 0) {
            fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
            goto fail;
        }
    }
    changed = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
    if (audit_write(db, who, "organisatie.wijzigen", "organisatie", code,
                    "gelukt", changed) != 0 || store_commit(db) != 0) {
        free(changed);
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        goto fail;
    }
    free(changed);
    return 0;
fail:
    store_rollback(db);
    return -1;
}
