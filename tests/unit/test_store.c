/* test_store.c - unit tests for store.h, auth.h and audit.h against a
 * real SQLite file in a fresh temporary directory per test (fixture.h).
 *
 * Each password hash costs about 0.1 s and 64 MiB (argon2id, libsodium's
 * interactive limits as in auth.c), so only test_login and
 * test_rate_limit create accounts with a password; all other accounts
 * are token-only (password NULL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "auth.h"
#include "fixture.h"
#include "store.h"

/* A new store with the current schema in a new temporary directory. */
static int setup_store(void **state)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[256] = "";

    if (fx == NULL)
        return -1;
    if (fixture_open(fx, "/tmp/koers-test-XXXXXX", err, sizeof err) != 0) {
        print_error("setup: %s\n", err);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

/* Also removes the other stores a test may have made next to koers.db. */
static int teardown_store(void **state)
{
    struct store_fixture *fx = *state;
    char other[192];

    snprintf(other, sizeof other, "%s/other.db", fx->dir);
    fixture_remove_db_files(other);
    snprintf(other, sizeof other, "%s/missing.db", fx->dir);
    fixture_remove_db_files(other);
    if (fixture_close(fx) != 0)
        print_error("teardown: could not remove %s\n", fx->dir);
    free(fx);
    return 0;
}

/* Path of another file in the fixture's directory. */
static void sibling(const struct store_fixture *fx, const char *name,
                    char *out, size_t outlen)
{
    snprintf(out, outlen, "%s/%s", fx->dir, name);
}

static int is_hex(const char *s, size_t n)
{
    size_t i;

    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static long long count(sqlite3 *db, const char *sql, const char *param)
{
    return store_count(db, sql, param);
}

/* A token-only account (no password hash); returns its id. */
static long long add_user(sqlite3 *db, const char *name, const char *role,
                          const char *scope)
{
    char err[200] = "";
    long long id = 0;

    if (auth_user_add(db, name, role, scope, NULL, &id, err, sizeof err)
        != 0)
        fail_msg("auth_user_add %s: %s", name, err);
    assert_true(id > 0);
    return id;
}

/* ---- store ---------------------------------------------------------- */

static void test_open_refuses_existing(void **state)
{
    struct store_fixture *fx = *state;
    char err[256] = "";
    sqlite3 *db;

    db = store_open(fx->path, 1, err, sizeof err);
    assert_null(db);
    assert_non_null(strstr(err, fx->path));
    /* The existing store is untouched. */
    assert_int_equal(store_check(fx->db), 0);
}

static void test_open_existing(void **state)
{
    struct store_fixture *fx = *state;
    char err[256] = "";
    sqlite3 *db;

    db = store_open(fx->path, 0, err, sizeof err);
    assert_non_null(db);
    assert_int_equal(store_check(db), 0);
    assert_int_equal(count(db, "PRAGMA foreign_keys", NULL), 1);
    store_close(db);
    store_close(NULL);
}

static void test_open_missing(void **state)
{
    struct store_fixture *fx = *state;
    char path[192], err[256] = "";
    struct stat st;

    sibling(fx, "missing.db", path, sizeof path);
    assert_null(store_open(path, 0, err, sizeof err));
    assert_true(err[0] != '\0');
    assert_int_not_equal(stat(path, &st), 0);   /* not created */
}

static void test_check_new_store(void **state)
{
    struct store_fixture *fx = *state;

    assert_int_equal(store_check(fx->db), 0);
    assert_int_equal(count(fx->db, "PRAGMA user_version", NULL),
                     STORE_SCHEMA_VERSION);
    assert_int_equal(count(fx->db, "PRAGMA foreign_keys", NULL), 1);
}

/* A plain SQLite file is not a Koers store: store_check fails and
 * store_open(create=0) refuses it. */
static void test_check_plain_sqlite(void **state)
{
    struct store_fixture *fx = *state;
    char path[192], err[256] = "";
    sqlite3 *db;

    sibling(fx, "other.db", path, sizeof path);
    db = store_open(path, 1, err, sizeof err);   /* empty, no schema */
    assert_non_null(db);
    assert_int_equal(store_check(db), -1);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE x(a)", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(store_check(db), -1);
    /* The right version number alone is not enough either. */
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL,
                                  NULL), SQLITE_OK);
    assert_int_equal(store_check(db), -1);
    store_close(db);
    assert_null(store_open(path, 0, err, sizeof err));
    assert_non_null(strstr(err, "schema"));
}

static void test_transactions(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    const char *n = "SELECT count(*) FROM meta";

    assert_int_equal(store_begin(db), 0);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO meta VALUES ('a','1')",
                                  NULL, NULL, NULL), SQLITE_OK);
    store_rollback(db);
    assert_int_equal(count(db, n, NULL), 0);
    store_rollback(db);   /* no transaction open: harmless */

    assert_int_equal(store_begin(db), 0);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO meta VALUES ('b','2')",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_commit(db), 0);
    assert_int_equal(count(db, n, NULL), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM meta WHERE key = ?",
                           "b"), 1);
}

/* ---- accounts ------------------------------------------------------- */

static void test_user_add_refusals(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char err[200];
    long long id = 0;

    err[0] = '\0';
    assert_int_equal(auth_user_add(db, "kort", "secretaris", NULL,
                                   "elf-tekens!", &id, err, sizeof err), -1);
    assert_non_null(strstr(err, "12"));

    err[0] = '\0';
    assert_int_equal(auth_user_add(db, "rol", "koning", NULL, NULL, &id, err,
                                   sizeof err), -1);
    assert_non_null(strstr(err, "koning"));
    assert_int_equal(auth_user_add(db, "rol", NULL, NULL, NULL, &id, err,
                                   sizeof err), -1);

    err[0] = '\0';
    assert_int_equal(auth_user_add(db, "nm", "netwerkmanager", NULL, NULL,
                                   &id, err, sizeof err), -1);
    assert_true(err[0] != '\0');
    assert_int_equal(auth_user_add(db, "nm", "netwerkmanager",
                                   "Kerngroep P1", NULL, &id, err,
                                   sizeof err), -1);

    assert_int_equal(auth_user_add(db, "", "deelnemer", NULL, NULL, &id, err,
                                   sizeof err), -1);
    assert_int_equal(auth_user_add(db, NULL, "deelnemer", NULL, NULL, &id,
                                   err, sizeof err), -1);
    assert_int_equal(auth_user_add(db, "a\nb", "deelnemer", NULL, NULL, &id,
                                   err, sizeof err), -1);
    assert_int_equal(count(db, "SELECT count(*) FROM user", NULL), 0);

    /* Duplicate name. */
    add_user(db, "anna", "secretaris", NULL);
    err[0] = '\0';
    assert_int_equal(auth_user_add(db, "anna", "deelnemer", NULL, NULL, &id,
                                   err, sizeof err), -1);
    assert_non_null(strstr(err, "anna"));
    assert_int_equal(count(db, "SELECT count(*) FROM user", NULL), 1);
}

static void test_user_add_scoped(void **state)
{
    struct store_fixture *fx = *state;
    long long id = add_user(fx->db, "nina", "netwerkmanager", "kerngroep-p1");
    char sid[AUTH_SECRET_HEX + 1], csrf[AUTH_SECRET_HEX + 1];
    struct actor who;

    assert_int_equal(auth_session_create(fx->db, id, sid, csrf), 0);
    memset(&who, 0, sizeof who);
    assert_int_equal(auth_session_lookup(fx->db, sid, &who, csrf), 0);
    assert_int_equal(who.role, ROLE_NETWERKMANAGER);
    assert_string_equal(who.scope, "kerngroep-p1");
}

/* Login: right password, wrong password, unknown user, token-only user.
 * The password has exactly AUTH_PASSWORD_MIN characters. */
static void test_login(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char err[200] = "";
    long long id = 0;
    struct actor who;

    assert_int_equal(strlen("precies12tkn"), AUTH_PASSWORD_MIN);
    assert_int_equal(auth_user_add(db, "piet", "secretaris", NULL,
                                   "precies12tkn", &id, err, sizeof err), 0);
    assert_true(id > 0);
    /* Only the argon2id hash is stored. */
    assert_int_equal(count(db, "SELECT count(*) FROM user WHERE pw_hash "
                           "LIKE '$argon2id$%'", NULL), 1);
    add_user(db, "token", "deelnemer", NULL);

    memset(&who, 0, sizeof who);
    assert_int_equal(auth_login(db, "piet", "precies12tkn", "10.0.0.1", &who),
                     0);
    assert_int_equal(who.user_id, id);
    assert_string_equal(who.name, "piet");
    assert_int_equal(who.role, ROLE_SECRETARIS);
    assert_string_equal(who.scope, "");

    assert_int_equal(auth_login(db, "piet", "precies12tkN", "10.0.0.1", &who),
                     -1);
    assert_int_equal(auth_login(db, "niemand", "precies12tkn", "10.0.0.1",
                                &who), -1);
    assert_int_equal(auth_login(db, "token", "", "10.0.0.1", &who), -1);
    assert_int_equal(auth_login(db, "token", "precies12tkn", "10.0.0.1",
                                &who), -1);
    /* Failures are recorded per name and per address. */
    assert_int_equal(count(db, "SELECT count(*) FROM login_failure WHERE "
                           "key = ?", "naam:piet"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM login_failure WHERE "
                           "key = ?", "adres:10.0.0.1"), 4);
}

/* After AUTH_MAX_FAILURES failures for a name, login with that name is
 * refused with -2 even with the right password, from any address; after
 * AUTH_MAX_FAILURES_ADDR failures from an address, any name from it is
 * refused. Failures for unknown names cost no hash, so the address limit
 * is reached with those. */
static void test_rate_limit(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char err[200] = "", name[32];
    long long id = 0;
    struct actor who;
    int i;

    assert_int_equal(auth_user_add(db, "klaas", "beheerder", NULL,
                                   "een-goed-wachtwoord", &id, err,
                                   sizeof err), 0);
    add_user(db, "token", "deelnemer", NULL);
    for (i = 0; i < AUTH_MAX_FAILURES; i++)
        assert_int_equal(auth_login(db, "klaas", "fout-wachtwoord-1",
                                    "192.0.2.1", &who), -1);
    assert_int_equal(auth_login(db, "klaas", "een-goed-wachtwoord",
                                "192.0.2.1", &who), -2);
    /* Name limit: another address does not help. */
    assert_int_equal(auth_login(db, "klaas", "een-goed-wachtwoord",
                                "192.0.2.2", &who), -2);
    /* Other names are not affected by klaas's failures. */
    assert_int_equal(auth_login(db, "token", "x", "192.0.2.1", &who), -1);

    /* Address limit. */
    for (i = 0; i < AUTH_MAX_FAILURES_ADDR; i++) {
        snprintf(name, sizeof name, "onbekend-%d", i);
        assert_int_equal(auth_login(db, name, "x", "198.51.100.7", &who), -1);
    }
    assert_int_equal(auth_login(db, "token", "x", "198.51.100.7", &who), -2);
    assert_int_equal(auth_login(db, "nieuw", "x", "198.51.100.7", &who), -2);
    assert_int_equal(auth_login(db, "nieuw", "x", "198.51.100.8", &who), -1);

    /* Failures older than the window do not count. */
    assert_int_equal(sqlite3_exec(db, "UPDATE login_failure SET at = at - "
                                  "1000", NULL, NULL, NULL), SQLITE_OK);
    memset(&who, 0, sizeof who);
    assert_int_equal(auth_login(db, "klaas", "een-goed-wachtwoord",
                                "192.0.2.1", &who), 0);
    assert_int_equal(who.user_id, id);
}

/* ---- sessions ------------------------------------------------------- */

static void test_sessions(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char sid[AUTH_SECRET_HEX + 1], csrf[AUTH_SECRET_HEX + 1];
    char csrf2[AUTH_SECRET_HEX + 1], other[AUTH_SECRET_HEX + 1];
    long long id = add_user(db, "sara", "boegbeeld", NULL);
    struct actor who;

    assert_int_equal(auth_session_create(db, id, sid, csrf), 0);
    assert_true(is_hex(sid, AUTH_SECRET_HEX));
    assert_true(is_hex(csrf, AUTH_SECRET_HEX));
    assert_string_not_equal(sid, csrf);
    /* The raw id is not stored. */
    assert_int_equal(count(db, "SELECT count(*) FROM session WHERE id_hash "
                           "= ?", sid), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM session", NULL), 1);

    memset(&who, 0, sizeof who);
    memset(csrf2, 0, sizeof csrf2);
    assert_int_equal(auth_session_lookup(db, sid, &who, csrf2), 0);
    assert_int_equal(who.user_id, id);
    assert_string_equal(who.name, "sara");
    assert_int_equal(who.role, ROLE_BOEGBEELD);
    assert_string_equal(csrf2, csrf);
    assert_true(auth_secret_equal(csrf2, csrf));

    /* Unknown and malformed ids. */
    auth_random_hex(other);
    assert_int_equal(auth_session_lookup(db, other, &who, csrf2), -1);
    assert_int_equal(auth_session_lookup(db, "", &who, csrf2), -1);
    assert_int_equal(auth_session_lookup(db, "abc", &who, csrf2), -1);

    assert_int_equal(auth_session_delete(db, sid), 0);
    assert_int_equal(auth_session_lookup(db, sid, &who, csrf2), -1);
    assert_int_equal(count(db, "SELECT count(*) FROM session", NULL), 0);
}

static void test_session_expired_or_inactive(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char sid[AUTH_SECRET_HEX + 1], csrf[AUTH_SECRET_HEX + 1];
    long long id = add_user(db, "tim", "deelnemer", NULL);
    struct actor who;

    assert_int_equal(auth_session_create(db, id, sid, csrf), 0);
    assert_int_equal(sqlite3_exec(db, "UPDATE session SET expires_at = "
                                  "strftime('%s','now') - 1", NULL, NULL,
                                  NULL), SQLITE_OK);
    assert_int_equal(auth_session_lookup(db, sid, &who, csrf), -1);

    assert_int_equal(auth_session_create(db, id, sid, csrf), 0);
    assert_int_equal(auth_session_lookup(db, sid, &who, csrf), 0);
    assert_int_equal(sqlite3_exec(db, "UPDATE user SET active = 0", NULL,
                                  NULL, NULL), SQLITE_OK);
    assert_int_equal(auth_session_lookup(db, sid, &who, csrf), -1);
}

/* ---- API tokens ----------------------------------------------------- */

static void test_tokens(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char tok[AUTH_SECRET_HEX + 9], tok2[AUTH_SECRET_HEX + 9];
    long long uid = add_user(db, "eva", "ministerie", NULL);
    long long other = add_user(db, "bob", "regio", NULL);
    long long tid, tid2;
    struct actor who;

    tid = auth_token_create(db, uid, tok);
    assert_true(tid > 0);
    assert_int_equal(strncmp(tok, "koers_", 6), 0);
    assert_true(is_hex(tok + 6, AUTH_SECRET_HEX));
    /* Only a hash and a display prefix are stored. */
    assert_int_equal(count(db, "SELECT count(*) FROM api_token WHERE "
                           "token_hash = ?", tok), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM api_token WHERE "
                           "token_hash = ?", tok + 6), 0);
    {
        char prefix[16];
        snprintf(prefix, sizeof prefix, "%.12s", tok);
        assert_int_equal(count(db, "SELECT count(*) FROM api_token WHERE "
                               "prefix = ?", prefix), 1);
    }

    memset(&who, 0, sizeof who);
    assert_int_equal(auth_token_lookup(db, tok, &who), 0);
    assert_int_equal(who.user_id, uid);
    assert_string_equal(who.name, "eva");
    assert_int_equal(who.role, ROLE_MINISTERIE);

    /* Malformed tokens. */
    assert_int_equal(auth_token_lookup(db, tok + 6, &who), -1);
    assert_int_equal(auth_token_lookup(db, "", &who), -1);
    {
        char bad[AUTH_SECRET_HEX + 9];
        snprintf(bad, sizeof bad, "%s", tok);
        bad[0] = 'K';
        assert_int_equal(auth_token_lookup(db, bad, &who), -1);
        snprintf(bad, sizeof bad, "%s", tok);
        bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
        assert_int_equal(auth_token_lookup(db, bad, &who), -1);
        bad[strlen(bad) - 1] = '\0';
        assert_int_equal(auth_token_lookup(db, bad, &who), -1);
    }

    /* Revoking: wrong owner fails, right owner once, then never again. */
    assert_int_equal(auth_token_revoke(db, tid, other), -1);
    assert_int_equal(auth_token_lookup(db, tok, &who), 0);
    assert_int_equal(auth_token_revoke(db, tid, uid), 0);
    assert_int_equal(auth_token_revoke(db, tid, uid), -1);
    assert_int_equal(auth_token_revoke(db, tid, 0), -1);
    assert_int_equal(auth_token_lookup(db, tok, &who), -1);
    assert_int_equal(auth_token_revoke(db, tid + 100, 0), -1);

    /* user_id 0: an administrator may revoke any token. */
    tid2 = auth_token_create(db, other, tok2);
    assert_true(tid2 > tid);
    assert_string_not_equal(tok, tok2);
    assert_int_equal(auth_token_lookup(db, tok2, &who), 0);
    assert_int_equal(who.user_id, other);
    assert_int_equal(auth_token_revoke(db, tid2, 0), 0);
    assert_int_equal(auth_token_lookup(db, tok2, &who), -1);
}

static void test_secret_equal(void **state)
{
    (void)state;
    assert_true(auth_secret_equal("abc", "abc"));
    assert_false(auth_secret_equal("abc", "abd"));
    assert_false(auth_secret_equal("abc", "abcd"));
    assert_false(auth_secret_equal("", ""));
}

static void test_random_password(void **state)
{
    char a[21], b[21], small[5];
    size_t i;

    (void)state;
    auth_random_password(a, sizeof a);
    auth_random_password(b, sizeof b);
    assert_int_equal(strlen(a), 20);
    assert_string_not_equal(a, b);
    for (i = 0; i < 20; i++)
        assert_non_null(strchr("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRST"
                               "UVWXYZ23456789", a[i]));
    auth_random_password(small, sizeof small);
    assert_int_equal(strlen(small), 4);
}

/* ---- audit ---------------------------------------------------------- */

static void test_audit_write(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    struct actor a;
    const char *q = "SELECT count(*) FROM audit WHERE actor = ? AND "
                    "actor_role = 'beheerder' AND origin = 'cli' AND "
                    "action = 'organisatie.beheren' AND result = 'gelukt'";

    audit_actor_cli(&a);
    assert_string_equal(a.name, "systeem");
    assert_int_equal(a.role, ROLE_BEHEERDER);
    assert_int_equal(audit_write(db, &a, "organisatie.beheren",
                                 "organisatie", "mbo-raad", "gelukt", NULL),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit", NULL), 1);
    assert_int_equal(count(db, q, "systeem"), 1);

    /* Anonymous actor, NULL object id and detail. */
    memset(&a, 0, sizeof a);
    a.role = ROLE_NONE;
    assert_int_equal(audit_write(db, &a, "inloggen", "sessie", NULL,
                                 "geweigerd", "fout wachtwoord"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE actor = ? "
                           "AND actor_role = 'publiek' AND origin = "
                           "'onbekend' AND object_id = ''", "anoniem"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM audit", NULL), 2);
}

/* The result must be one of the three known values. */
static void test_audit_bad_result(void **state)
{
    struct store_fixture *fx = *state;
    struct actor a;

    audit_actor_cli(&a);
    assert_int_equal(audit_write(fx->db, &a, "x", "y", "z", "prima", NULL),
                     -1);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit", NULL), 0);
}

/* The triggers make the audit table append-only. */
static void test_audit_append_only(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    struct actor a;
    char *msg = NULL;

    audit_actor_cli(&a);
    assert_int_equal(audit_write(db, &a, "gebruiker.beheren", "gebruiker",
                                 "1", "gelukt", "aangemaakt"), 0);

    assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET result = "
                                      "'mislukt'", NULL, NULL, &msg),
                         SQLITE_OK);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "append-only"));
    sqlite3_free(msg);
    msg = NULL;
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL,
                                      &msg), SQLITE_OK);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "append-only"));
    sqlite3_free(msg);
    /* An upsert on an existing id runs the update trigger. Known gap,
     * not asserted here: REPLACE INTO with an existing id overwrites the
     * row, because SQLite fires no delete trigger for REPLACE unless
     * PRAGMA recursive_triggers is on. */
    assert_int_not_equal(sqlite3_exec(db, "INSERT INTO audit(id, actor, "
                                      "actor_role, action, object_type, "
                                      "object_id, result, origin) SELECT "
                                      "id, 'x', 'x', 'x', 'x', 'x', "
                                      "'gelukt', 'x' FROM audit WHERE true "
                                      "ON CONFLICT(id) DO UPDATE SET "
                                      "actor = 'vervalst'", NULL, NULL,
                                      NULL), SQLITE_OK);

    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE result = "
                           "'gelukt' AND actor = ?", "systeem"), 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_store, teardown_store)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_open_refuses_existing),
        T(test_open_existing),
        T(test_open_missing),
        T(test_check_new_store),
        T(test_check_plain_sqlite),
        T(test_transactions),
        T(test_user_add_refusals),
        T(test_user_add_scoped),
        T(test_login),
        T(test_rate_limit),
        T(test_sessions),
        T(test_session_expired_or_inactive),
        T(test_tokens),
        cmocka_unit_test(test_secret_equal),
        cmocka_unit_test(test_random_password),
        T(test_audit_write),
        T(test_audit_bad_result),
        T(test_audit_append_only),
    };

    if (auth_init() != 0) {
        fprintf(stderr, "auth_init failed\n");
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
