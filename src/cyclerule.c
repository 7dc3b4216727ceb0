/* cyclerule.c - the beheerder's edits of the cycle rules (cyclerule.h). */
#include "cyclerule.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_COLUMNS \
    "code, kind AS soort, body_code AS overleg, other_code AS ander, n, " \
    "months AS maanden, year_from AS vanafJaar, threshold AS drempel, " \
    "description AS omschrijving, active AS actief, " SQLJSON_BRON("")

/* "5,12" -> [5, 12] and 0/1 -> false/true, in place. */
static void shape(json_t *r)
{
    const char *m = json_string_value(json_object_get(r, "maanden"));
    json_t *a = json_array();
    char *end;

    while (m && *m) {
        long v = strtol(m, &end, 10);
        if (end == m)
            break;
        json_array_append_new(a, json_integer(v));
        m = *end == ',' ? end + 1 : end;
    }
    json_object_set_new(r, "maanden", a);
    json_object_set_new(r, "actief", json_boolean(
        json_integer_value(json_object_get(r, "actief"))));
}

json_t *cyclerule_list(sqlite3 *db)
{
    json_t *a = sqljson_rows(db, "SELECT " RULE_COLUMNS " FROM cycle_rule "
                                 "ORDER BY id", NULL), *r;
    size_t i;

    json_array_foreach(a, i, r)
        shape(r);
    return a;
}

json_t *cyclerule_get(sqlite3 *db, const char *code)
{
    json_t *r = sqljson_row(db, "SELECT " RULE_COLUMNS " FROM cycle_rule "
                                "WHERE code = ?", "s", code);
    if (r)
        shape(r);
    return r;
}

/* Validate one integer field within [lo, hi]; absent is fine. */
static int int_field(json_t *in, const char *k, long lo, long hi,
                     const char *label, struct fault *f)
{
    json_t *v = json_object_get(in, k);

    if (v == NULL)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi) {
        fault_set(f, FAULT_INVALID, "%s moet een geheel getal van %ld tot en "
                  "met %ld zijn.", label, lo, hi);
        return -1;
    }
    return 0;
}

int cyclerule_update(sqlite3 *db, const struct actor *who, const char *code,
                     json_t *in, struct fault *f)
{
    char months[64] = "";
    const char *key;
    json_t *v, *m = json_object_get(in, "maanden");
    sqlite3_stmt *st;
    char *detail;
    size_t i;

    if (!perm_allowed(who->role, who->scope, ACT_CYCLUSREGELS_BEHEREN,
                      NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "Alleen de beheerder mag de regels "
                  "van de jaarcyclus wijzigen.");
        audit_write(db, who, "cyclusregel.wijzigen", "cyclusregel", code,
                    "geweigerd", f->msg);
        return -1;
    }
    if (!json_is_object(in) || json_object_size(in) == 0) {
        fault_set(f, FAULT_INVALID, "Geef minstens één veld om te wijzigen.");
        return -1;
    }
    json_object_foreach(in, key, v) {
        if (strcmp(key, "n") && strcmp(key, "drempel") &&
            strcmp(key, "maanden") && strcmp(key, "vanafJaar") &&
            strcmp(key, "actief")) {
            fault_set(f, FAULT_INVALID, "Onbekend of niet wijzigbaar veld "
                      "\"%.40s\".", key);
            return -1;
        }
    }
    if (int_field(in, "n", 0, 400, "n", f) != 0 ||
        int_field(in, "drempel", 0, 100, "Drempel", f) != 0 ||
        int_field(in, "vanafJaar", 2000, 2100, "Vanaf jaar", f) != 0)
        return -1;
    if (json_object_get(in, "actief") &&
        !json_is_boolean(json_object_get(in, "actief"))) {
        fault_set(f, FAULT_INVALID, "actief is true of false.");
        return -1;
    }
    if (m) {
        if (!json_is_array(m) || json_array_size(m) > 12) {
            fault_set(f, FAULT_INVALID, "maanden is een lijst van maanden "
                      "(1 tot en met 12).");
            return -1;
        }
        json_array_foreach(m, i, v) {
            size_t l = strlen(months);
            if (!json_is_integer(v) || json_integer_value(v) < 1 ||
                json_integer_value(v) > 12) {
                fault_set(f, FAULT_INVALID, "maanden: %zu is geen maand "
                          "(1 tot en met 12).", i + 1);
                return -1;
            }
            snprintf(months + l, sizeof months - l, "%s%lld", l ? "," : "",
                     (long long)json_integer_value(v));
        }
    }
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    st = store_prepare(db,
        "UPDATE cycle_rule SET n = CASE WHEN ?1 THEN ?2 ELSE n END, "
        "threshold = CASE WHEN ?3 THEN ?4 ELSE threshold END, "
        "months = CASE WHEN ?5 THEN ?6 ELSE months END, "
        "year_from = CASE WHEN ?7 THEN ?8 ELSE year_from END, "
        "active = CASE WHEN ?9 THEN ?10 ELSE active END, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE code = ?11");
    store_bind_int(st, 1, json_object_get(in, "n") != NULL);
    store_bind_int(st, 2, json_integer_value(json_object_get(in, "n")));
    store_bind_int(st, 3, json_object_get(in, "drempel") != NULL);
    store_bind_int(st, 4, json_integer_value(json_object_get(in, "drempel")));
    store_bind_int(st, 5, m != NULL);
    store_bind_text(st, 6, months);
    store_bind_int(st, 7, json_object_get(in, "vanafJaar") != NULL);
    store_bind_int(st, 8, json_integer_value(json_object_get(in,
                                                             "vanafJaar")));
    store_bind_int(st, 9, json_object_get(in, "actief") != NULL);
    store_bind_int(st, 10, json_is_true(json_object_get(in, "actief")));
    store_bind_text(st, 11, code);
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        store_rollback(db);
        return -1;
    }
    if (sqlite3_changes(db) != 1) {
        fault_set(f, FAULT_NOTFOUND, "Cyclusregel \"%s\" bestaat niet.",
                  code);
        store_rollback(db);
        return -1;
    }
    detail = json_dumps(in, JSON_COMPACT | JSON_SORT_KEYS);
    if (audit_write(db, who, "cyclusregel.wijzigen", "cyclusregel", code,
                    "gelukt", detail) != 0 || store_commit(db) != 0) {
        free(detail);
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        store_rollback(db);
        return -1;
    }
    free(detail);
    return 0;
}
