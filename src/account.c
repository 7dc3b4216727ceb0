/* account.c - user management (see account.h). */
#include "account.h"
#include "auth.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct input_field account_fields[] = {
    { "naam", "Gebruikersnaam", IN_TEXT, 1, 63, NULL },
    { "rol", "Rol", IN_TEXT, 1, 32, NULL },
    { "scope", "Scope", IN_TEXT, 0, 63, NULL },
    { "persoon", "Persoon", IN_INT, 0, 0, NULL },
    { "wachtwoord", "Wachtwoord", IN_TEXT, 0, ACCOUNT_PASSWORD_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* The fields of a change (PUT): actief is taken out before the check. */
static const struct input_field account_change_fields[] = {
    { "rol", "Rol", IN_TEXT, 1, 32, NULL },
    { "scope", "Scope", IN_TEXT, 0, 63, NULL },
    { "persoon", "Persoon", IN_INT, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

#define ACCOUNT_COLUMNS \
    "u.id, u.name AS naam, u.role AS rol, u.scope, u.person_id AS persoon, " \
    "p.name AS persoonNaam, u.active AS actief, u.created_at AS " \
    "aangemaakt, (SELECT count(*) FROM api_token t WHERE t.user_id = u.id " \
    "AND t.revoked_at IS NULL) AS tokens"

/* Add rolNaam and turn actief into a boolean. */
static void account_shape(json_t *u)
{
    json_object_set_new(u, "rolNaam", json_string(perm_role_label(
        perm_role_parse(sqljson_str(u, "rol")))));
    json_object_set_new(u, "actief", json_boolean(sqljson_int(u, "actief")
                                                  == 1));
}

json_t *account_list(sqlite3 *db)
{
    json_t *rows = sqljson_rows(db, "SELECT " ACCOUNT_COLUMNS " FROM user u "
                                    "LEFT JOIN person p ON p.id = "
                                    "u.person_id ORDER BY u.name", NULL);
    json_t *u;
    size_t i;

    json_array_foreach(rows, i, u)
        account_shape(u);
    return rows;
}

json_t *account_get(sqlite3 *db, long long id)
{
    json_t *u = sqljson_row(db, "SELECT " ACCOUNT_COLUMNS " FROM user u "
                                "LEFT JOIN person p ON p.id = u.person_id "
                                "WHERE u.id = ?", "i", id);

    if (u)
        account_shape(u);
    return u;
}

/* One text column of the first row of sql with text parameter param into
 * out ("" when there is no row). */
static void account_text(sqlite3 *db, const char *sql, const char *param,
                         char *out, size_t len)
{
    sqlite3_stmt *st = store_prepare(db, sql);

    out[0] = '\0';
    if (st == NULL)
        return;
    if (param)
        store_bind_text(st, 1, param);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
}

static const char kerngroep_sql[] =
    "SELECT code FROM body WHERE pillar_code IS NOT NULL AND code = ? "
    "COLLATE NOCASE";
static const char kerngroep_list_sql[] =
    "SELECT group_concat(code, ', ') FROM (SELECT code FROM body WHERE "
    "pillar_code IS NOT NULL ORDER BY ord)";
static const char ministry_sql[] =
    "SELECT code FROM organisation WHERE type = 'overheid' AND code = ? "
    "COLLATE NOCASE";
static const char ministry_list_sql[] =
    "SELECT group_concat(code, ', ') FROM (SELECT code FROM organisation "
    "WHERE type = 'overheid' ORDER BY code)";

/* Scopes are read elsewhere as: a kerngroep's body code (signal.c,
 * goal.c), a region code compared case-insensitively (knelpunt.c,
 * flow.c, signal.c), an organisation code (budget.c: "ezk"). */
int account_scope_check(sqlite3 *db, const char *role, const char *scope,
                        char *canon, size_t canon_len, struct fault *f)
{
    enum perm_role r = perm_role_parse(role);
    char list[1024];

    canon[0] = '\0';
    if (scope && scope[0] == '\0')
        scope = NULL;
    if (scope && strlen(scope) > 63) {
        fault_set(f, FAULT_INVALID, "Scope mag hoogstens 63 tekens hebben.");
        return -1;
    }
    switch (r) {
    case ROLE_NETWERKMANAGER:
        account_text(db, kerngroep_list_sql, NULL, list, sizeof list);
        if (scope == NULL) {
            fault_set(f, FAULT_INVALID, "Een netwerkmanager hoort bij een "
                      "kerngroep: geef als scope de code van de kerngroep "
                      "(%s).", list);
            return -1;
        }
        account_text(db, kerngroep_sql, scope, canon, canon_len);
        if (canon[0] == '\0') {
            fault_set(f, FAULT_INVALID, "Scope \"%s\" is geen kerngroep. Een "
                      "netwerkmanager heeft als scope de code van een "
                      "kerngroep: %s.", scope, list);
            return -1;
        }
        return 0;
    case ROLE_ACCOUNTHOUDER:
    case ROLE_REGIO:
        if (scope == NULL)
            return 0;
        account_text(db, "SELECT code FROM region WHERE code = ? COLLATE "
                         "NOCASE", scope, canon, canon_len);
        if (canon[0] == '\0') {
            fault_set(f, FAULT_INVALID, "Scope \"%s\" is geen bekende "
                      "CBS-regiocode. Een %s heeft als scope een regio: "
                      "PV20 tot en met PV31 (provincies), AMxx "
                      "(arbeidsmarktregio's) of een andere code uit "
                      "/api/v1/regios.", scope,
                      r == ROLE_REGIO ? "regionale coalitie"
                                      : "accounthouder");
            return -1;
        }
        return 0;
    case ROLE_MINISTERIE:
        if (scope == NULL)
            return 0;
        account_text(db, ministry_sql, scope, canon, canon_len);
        if (canon[0] == '\0') {
            account_text(db, ministry_list_sql, NULL, list, sizeof list);
            fault_set(f, FAULT_INVALID, "Scope \"%s\" is geen organisatie "
                      "van de overheid. Een ministerie-account heeft als "
                      "scope de code van zijn organisatie: %s.", scope,
                      list);
            return -1;
        }
        return 0;
    case ROLE_NONE:
        fault_set(f, FAULT_INVALID, "\"%s\" is een onbekende rol; kies "
                  "beheerder, secretaris, boegbeeld, netwerkmanager, "
                  "ministerie, accounthouder, regio of deelnemer.",
                  role ? role : "");
        return -1;
    default:
        if (scope) {
            fault_set(f, FAULT_INVALID, "De rol %s heeft geen scope; laat "
                      "Scope leeg. Alleen een netwerkmanager (kerngroep), "
                      "accounthouder en regio (regiocode) en ministerie "
                      "(organisatie) hebben een scope.", role);
            return -1;
        }
        return 0;
    }
}

/* 0 when who may manage accounts; otherwise the refusal, audited. */
static int account_refused(sqlite3 *db, const struct actor *who,
                           const char *action, const char *id,
                           struct fault *f)
{
    if (who->role != ROLE_NONE &&
        perm_allowed(who->role, who->scope, ACT_GEBRUIKER_BEHEREN, NULL))
        return 0;
    if (who->role == ROLE_NONE)
        fault_set(f, FAULT_FORBIDDEN, "Log in als beheerder om gebruikers "
                  "te beheren.");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen gebruikers "
                  "beheren; dat mag alleen de beheerder.",
                  perm_role_label(who->role));
    audit_write(db, who, action, "gebruiker", id, "geweigerd", f->msg);
    return -1;
}

/* Roll back after a refusal and audit it (not for store failures). */
static void account_fail(sqlite3 *db, const struct actor *who,
                         const char *action, const char *id,
                         struct fault *f)
{
    store_rollback(db);
    if (f->kind != FAULT_STORE)
        audit_write(db, who, action, "gebruiker", id, "geweigerd", f->msg);
}

/* The person id of in ("persoon"), 0 for none; -1 with f when it does
 * not exist. */
static long long account_person(sqlite3 *db, json_t *in, struct fault *f)
{
    json_t *v = json_object_get(in, "persoon");
    long long pid;
    char txt[24];

    if (!json_is_integer(v))
        return 0;
    pid = json_integer_value(v);
    snprintf(txt, sizeof txt, "%lld", pid);
    if (store_count(db, "SELECT count(*) FROM person WHERE id = ?", txt)
        != 1) {
        fault_set(f, FAULT_INVALID, "Persoon %lld bestaat niet; kies een "
                  "persoon uit het register (/personen).", pid);
        return -1;
    }
    return pid;
}

static int account_set_person(sqlite3 *db, long long id, long long pid)
{
    sqlite3_stmt *st = store_prepare(db, "UPDATE user SET person_id = ? "
                                         "WHERE id = ?");

    if (st == NULL)
        return -1;
    if (pid > 0)
        store_bind_int(st, 1, pid);
    else
        sqlite3_bind_null(st, 1);
    store_bind_int(st, 2, id);
    return store_exec_stmt(st);
}

long long account_create(sqlite3 *db, const struct actor *who, json_t *in,
                         char *pw, struct fault *f)
{
    static const char action[] = "gebruiker.aanmaken";
    const char *name = input_str(in, "naam"), *role = input_str(in, "rol");
    const char *given = input_str(in, "wachtwoord");
    char canon[64], err[256], idtxt[32], detail[256];
    long long id = 0, pid;

    pw[0] = '\0';
    if (account_refused(db, who, action, name ? name : "", f) != 0)
        return -1;
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (input_check(in, account_fields, 0, f) != 0)
        goto fail;
    name = input_str(in, "naam");
    role = input_str(in, "rol");
    given = input_str(in, "wachtwoord");
    if (given && given[0] == '\0')
        given = NULL;
    if (perm_role_parse(role) == ROLE_NONE) {
        fault_set(f, FAULT_INVALID, "\"%s\" is een onbekende rol; kies "
                  "beheerder, secretaris, boegbeeld, netwerkmanager, "
                  "ministerie, accounthouder, regio of deelnemer.", role);
        goto fail;
    }
    if (account_scope_check(db, role, input_str(in, "scope"), canon,
                            sizeof canon, f) != 0)
        goto fail;
    pid = account_person(db, in, f);
    if (pid < 0)
        goto fail;
    if (given && strlen(given) < AUTH_PASSWORD_MIN) {
        fault_set(f, FAULT_INVALID, "Een gekozen wachtwoord heeft minstens "
                  "%d tekens; laat het veld leeg om er een te laten maken.",
                  AUTH_PASSWORD_MIN);
        goto fail;
    }
    if (store_count(db, "SELECT count(*) FROM user WHERE name = ?", name)
        != 0) {
        fault_set(f, FAULT_CONFLICT, "Gebruiker \"%s\" bestaat al; kies een "
                  "andere naam.", name);
        goto fail;
    }
    if (given == NULL)
        auth_random_password(pw, ACCOUNT_PASSWORD_BUF);
    if (auth_user_add(db, name, role, canon[0] ? canon : NULL,
                      given ? given : pw, &id, err, sizeof err) != 0) {
        fault_set(f, FAULT_INVALID, "Gebruiker niet aangemaakt: %s.", err);
        goto fail;
    }
    if (pid > 0 && account_set_person(db, id, pid) != 0)
        goto store_fail;
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    snprintf(detail, sizeof detail, "naam=%s rol=%s scope=%s persoon=%lld "
             "wachtwoord=%s", name, role, canon[0] ? canon : "-", pid,
             given ? "gekozen" : "gegenereerd");
    if (audit_write(db, who, action, "gebruiker", idtxt, "gelukt", detail)
            != 0 || store_commit(db) != 0)
        goto store_fail;
    return id;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
fail:
    if (pw[0])
        memset(pw, 0, ACCOUNT_PASSWORD_BUF);
    pw[0] = '\0';
    account_fail(db, who, action, name ? name : "", f);
    return -1;
}

/* Role and active flag of account id; -1 when it does not exist. */
static int account_load(sqlite3 *db, long long id, char *role, size_t len,
                        int *active)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT role, active FROM user "
                                         "WHERE id = ?");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(role, len, "%s", store_col(st, 0));
        *active = sqlite3_column_int(st, 1);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* 1 when account id is the only active beheerder. */
static int last_beheerder(sqlite3 *db, long long id, const char *role,
                          int active)
{
    char txt[24];

    if (!active || strcmp(role, "beheerder") != 0)
        return 0;
    snprintf(txt, sizeof txt, "%lld", id);
    return store_count(db, "SELECT count(*) FROM user WHERE active = 1 AND "
                           "role = 'beheerder' AND id <> ?", txt) == 0;
}

/* Within a transaction: switch account id (currently `active`, role
 * `role`) to `to`. 0, or -1 with f. */
static int apply_active(sqlite3 *db, const struct actor *who, long long id,
                        const char *role, int active, int to,
                        struct fault *f)
{
    sqlite3_stmt *st;

    if (active == to)
        return 0;
    if (!to && last_beheerder(db, id, role, active)) {
        fault_set(f, FAULT_RULE, "Dit is de laatste actieve beheerder; die "
                  "kan niet worden gedeactiveerd. Maak eerst een andere "
                  "beheerder aan.");
        return -1;
    }
    if (!to && who->user_id == id) {
        fault_set(f, FAULT_RULE, "U kunt uw eigen account niet "
                  "deactiveren; laat een andere beheerder dat doen.");
        return -1;
    }
    st = store_prepare(db, "UPDATE user SET active = ? WHERE id = ?");
    if (st == NULL)
        goto store_fail;
    store_bind_int(st, 1, to);
    store_bind_int(st, 2, id);
    if (store_exec_stmt(st) != 0 ||
        (!to && auth_user_end_sessions(db, id, 1) != 0))
        goto store_fail;
    return 0;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    return -1;
}

/* The start every change of an existing user shares: the permission
 * (a refusal is audited), a transaction, and the user's role and active
 * flag. 0 with the transaction open; -1 with f set, rolled back and,
 * unless the store failed, audited. */
static int account_open(sqlite3 *db, const struct actor *who,
                        const char *action, long long id,
                        char idtxt[32], char *role, size_t rolelen,
                        int *active, struct fault *f)
{
    snprintf(idtxt, 32, "%lld", id);
    if (account_refused(db, who, action, idtxt, f) != 0)
        return -1;
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    if (account_load(db, id, role, rolelen, active) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Gebruiker %lld bestaat niet.", id);
        account_fail(db, who, action, idtxt, f);
        return -1;
    }
    return 0;
}

int account_update(sqlite3 *db, const struct actor *who, long long id,
                   json_t *in, struct fault *f)
{
    static const char action[] = "gebruiker.wijzigen";
    char idtxt[32], canon[64], old_role[32], detail[256];
    json_t *act = json_object_get(in, "actief"), *rest = NULL;
    const char *role;
    long long pid;
    int active, to;
    sqlite3_stmt *st;

    if (account_open(db, who, action, id, idtxt, old_role,
                     sizeof old_role, &active, f) != 0)
        return -1;
    if (act && !json_is_boolean(act)) {
        fault_set(f, FAULT_INVALID, "Actief moet true of false zijn.");
        goto fail;
    }
    rest = json_copy(in);
    if (rest == NULL)
        goto store_fail;
    json_object_del(rest, "actief");
    if (input_check(rest, account_change_fields, 0, f) != 0)
        goto fail;
    role = input_str(rest, "rol");
    if (account_scope_check(db, role, input_str(rest, "scope"), canon,
                            sizeof canon, f) != 0)
        goto fail;
    pid = account_person(db, rest, f);
    if (pid < 0)
        goto fail;
    to = act ? json_is_true(act) : active;
    if (strcmp(role, "beheerder") != 0 &&
        last_beheerder(db, id, old_role, active)) {
        fault_set(f, FAULT_RULE, "Dit is de laatste actieve beheerder; die "
                  "kan geen andere rol krijgen. Maak eerst een andere "
                  "beheerder aan.");
        goto fail;
    }
    if (apply_active(db, who, id, old_role, active, to, f) != 0)
        goto fail;
    st = store_prepare(db, "UPDATE user SET role = ?, scope = ? WHERE id = "
                           "?");
    if (st == NULL)
        goto store_fail;
    store_bind_text(st, 1, role);
    store_bind_text(st, 2, canon[0] ? canon : NULL);
    store_bind_int(st, 3, id);
    if (store_exec_stmt(st) != 0 || account_set_person(db, id, pid) != 0)
        goto store_fail;
    snprintf(detail, sizeof detail, "rol=%s scope=%s persoon=%lld actief=%s",
             role, canon[0] ? canon : "-", pid, to ? "ja" : "nee");
    if (audit_write(db, who, action, "gebruiker", idtxt, "gelukt", detail)
            != 0 || store_commit(db) != 0)
        goto store_fail;
    json_decref(rest);
    return 0;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
fail:
    json_decref(rest);
    account_fail(db, who, action, idtxt, f);
    return -1;
}

int account_set_active(sqlite3 *db, const struct actor *who, long long id,
                       int active, struct fault *f)
{
    const char *action = active ? "gebruiker.activeren"
                                : "gebruiker.deactiveren";
    char idtxt[32], role[32];
    int was;

    if (account_open(db, who, action, id, idtxt, role, sizeof role,
                     &was, f) != 0)
        return -1;
    if (was == active) {
        fault_set(f, FAULT_CONFLICT, "Deze gebruiker is al %s.",
                  active ? "actief" : "gedeactiveerd");
        goto fail;
    }
    if (apply_active(db, who, id, role, was, active, f) != 0)
        goto fail;
    if (audit_write(db, who, action, "gebruiker", idtxt, "gelukt",
                    active ? NULL : "sessies beëindigd, API-tokens "
                                    "ingetrokken") != 0 ||
        store_commit(db) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        goto fail;
    }
    return 0;
fail:
    account_fail(db, who, action, idtxt, f);
    return -1;
}

int account_reset_password(sqlite3 *db, const struct actor *who,
                           long long id, char *pw, struct fault *f)
{
    static const char action[] = "gebruiker.wachtwoord";
    char idtxt[32], role[32];
    int active;

    pw[0] = '\0';
    if (account_open(db, who, action, id, idtxt, role, sizeof role,
                     &active, f) != 0)
        return -1;
    auth_random_password(pw, ACCOUNT_PASSWORD_BUF);
    if (auth_user_set_password(db, id, pw) != 0 ||
        auth_user_end_sessions(db, id, 0) != 0 ||
        audit_write(db, who, action, "gebruiker", idtxt, "gelukt",
                    "nieuw wachtwoord gegenereerd, sessies beëindigd") != 0 ||
        store_commit(db) != 0) {
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        goto fail;
    }
    return 0;
fail:
    memset(pw, 0, ACCOUNT_PASSWORD_BUF);
    account_fail(db, who, action, idtxt, f);
    return -1;
}
