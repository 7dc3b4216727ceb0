/* test_account.c - unit tests for account.h: the scope each role takes
 * (kerngroep, CBS region in any case, government organisation, none),
 * creating accounts with a generated or chosen password, the permission
 * check and its audited refusal, changes of role/scope/person, the rules
 * around deactivation (sessions and tokens end; not oneself; not the
 * last beheerder) and password resets, against a seeded store in a
 * fresh temporary directory per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "account.h"
#include "auth.h"
#include "fixture.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static int setup(void **state)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[512] = "";

    if (fx == NULL || auth_init() != 0)
        return -1;
    if (fixture_open(fx, "/tmp/koers-account-XXXXXX", err, sizeof err)
        != 0 || seed_load(fx->db, data_dir(), err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        if (fx->db)
            fixture_close(fx);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct store_fixture *fx = *state;

    fixture_close(fx);
    free(fx);
    return 0;
}

static struct actor beheerder(long long id)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.user_id = id;
    a.role = ROLE_BEHEERDER;
    snprintf(a.name, sizeof a.name, "beh");
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static long long count(sqlite3 *db, const char *sql, const char *p)
{
    return store_count(db, sql, p);
}

/* Create name/role/scope as who; the new id or -1 (f filled). */
static long long make(sqlite3 *db, const struct actor *who,
                      const char *name, const char *role, const char *scope,
                      char *pw, struct fault *f)
{
    json_t *in = json_pack("{s:s, s:s}", "naam", name, "rol", role);
    long long id;

    if (scope)
        json_object_set_new(in, "scope", json_string(scope));
    memset(f, 0, sizeof *f);
    id = account_create(db, who, in, pw, f);
    json_decref(in);
    return id;
}

static void test_scope_per_role(void **state)
{
    struct store_fixture *fx = *state;
    struct fault f = { 0 };
    char canon[64];

    assert_int_equal(account_scope_check(fx->db, "accounthouder", "pv20",
                                         canon, sizeof canon, &f), 0);
    assert_string_equal(canon, "PV20");
    assert_int_equal(account_scope_check(fx->db, "regio", "PV25", canon,
                                         sizeof canon, &f), 0);
    assert_string_equal(canon, "PV25");
    assert_int_equal(account_scope_check(fx->db, "netwerkmanager",
                                         "Kerngroep-P1", canon, sizeof canon,
                                         &f), 0);
    assert_string_equal(canon, "kerngroep-p1");
    assert_int_equal(account_scope_check(fx->db, "ministerie", "EZK", canon,
                                         sizeof canon, &f), 0);
    assert_string_equal(canon, "ezk");
    assert_int_equal(account_scope_check(fx->db, "secretaris", NULL, canon,
                                         sizeof canon, &f), 0);
    assert_string_equal(canon, "");
    assert_int_equal(account_scope_check(fx->db, "accounthouder", "", canon,
                                         sizeof canon, &f), 0);
    assert_string_equal(canon, "");

    assert_int_equal(account_scope_check(fx->db, "accounthouder", "PV99",
                                         canon, sizeof canon, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "\"PV99\" is geen bekende CBS-regiocode"));
    assert_int_equal(account_scope_check(fx->db, "netwerkmanager",
                                         "koersoverleg", canon, sizeof canon,
                                         &f), -1);
    assert_non_null(strstr(f.msg, "geen kerngroep"));
    assert_non_null(strstr(f.msg, "kerngroep-p1"));
    assert_int_equal(account_scope_check(fx->db, "netwerkmanager", NULL,
                                         canon, sizeof canon, &f), -1);
    assert_non_null(strstr(f.msg, "scope"));
    assert_int_equal(account_scope_check(fx->db, "ministerie", "PV20",
                                         canon, sizeof canon, &f), -1);
    assert_non_null(strstr(f.msg, "ezk"));
    assert_int_equal(account_scope_check(fx->db, "secretaris", "PV20",
                                         canon, sizeof canon, &f), -1);
    assert_non_null(strstr(f.msg, "geen scope"));
    assert_int_equal(account_scope_check(fx->db, "koning", NULL, canon,
                                         sizeof canon, &f), -1);
    assert_non_null(strstr(f.msg, "onbekende rol"));
}

static void test_create(void **state)
{
    struct store_fixture *fx = *state;
    struct actor who = beheerder(0);
    struct fault f;
    char pw[ACCOUNT_PASSWORD_BUF];
    struct actor got;
    long long id;
    json_t *in, *u;

    id = make(fx->db, &who, "acc-gr", "accounthouder", "pv20", pw, &f);
    assert_true(id > 0);
    assert_int_equal(strlen(pw), 20);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM user WHERE name = "
                                   "'acc-gr' AND scope = ?", "PV20"), 1);
    memset(&got, 0, sizeof got);
    assert_int_equal(auth_login(fx->db, "acc-gr", pw, "t", &got), 0);
    assert_int_equal(got.role, ROLE_ACCOUNTHOUDER);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                                   "= 'gebruiker.aanmaken' AND result = ?",
                           "gelukt"), 1);
    /* no password in the audit trail */
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE "
                                   "instr(coalesce(detail,''), ?) > 0", pw),
                     0);

    /* a chosen password, a linked person */
    assert_int_equal(sqlite3_exec(fx->db, "INSERT INTO person(name) VALUES "
                                  "('Anna')", NULL, NULL, NULL), SQLITE_OK);
    in = json_pack("{s:s, s:s, s:s, s:I}", "naam", "anna", "rol",
                   "deelnemer", "wachtwoord", "een-lang-wachtwoord",
                   "persoon", (json_int_t)sqlite3_last_insert_rowid(fx->db));
    memset(&f, 0, sizeof f);
    id = account_create(fx->db, &who, in, pw, &f);
    json_decref(in);
    assert_true(id > 0);
    assert_string_equal(pw, "");
    u = account_get(fx->db, id);
    assert_string_equal(sqljson_str(u, "persoonNaam"), "Anna");
    assert_true(json_is_true(json_object_get(u, "actief")));
    json_decref(u);

    /* refusals store nothing */
    in = json_pack("{s:s, s:s, s:s}", "naam", "kort", "rol", "deelnemer",
                   "wachtwoord", "kort");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_create(fx->db, &who, in, pw, &f), -1);
    json_decref(in);
    assert_non_null(strstr(f.msg, "minstens 12"));
    in = json_pack("{s:s, s:s, s:I}", "naam", "p", "rol", "deelnemer",
                   "persoon", (json_int_t)9999);
    memset(&f, 0, sizeof f);
    assert_int_equal(account_create(fx->db, &who, in, pw, &f), -1);
    json_decref(in);
    assert_non_null(strstr(f.msg, "Persoon 9999 bestaat niet"));
    assert_int_equal(make(fx->db, &who, "bad", "accounthouder", "XX1", pw,
                          &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(make(fx->db, &who, "acc-gr", "deelnemer", NULL, pw,
                          &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_non_null(strstr(f.msg, "bestaat al"));
    assert_int_equal(count(fx->db, "SELECT count(*) FROM user WHERE name IN "
                                   "('kort','p','bad') OR name = ?", "x"),
                     0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                                   "= 'gebruiker.aanmaken' AND result = ?",
                           "geweigerd"), 4);
}

static void test_permission(void **state)
{
    struct store_fixture *fx = *state;
    struct actor who = beheerder(0), sec = beheerder(0);
    struct fault f;
    char pw[ACCOUNT_PASSWORD_BUF];
    long long id;
    json_t *in;

    id = make(fx->db, &who, "d", "deelnemer", NULL, pw, &f);
    assert_true(id > 0);
    sec.role = ROLE_SECRETARIS;
    assert_int_equal(make(fx->db, &sec, "x", "beheerder", NULL, pw, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    in = json_pack("{s:s}", "rol", "beheerder");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &sec, id, in, &f), -1);
    json_decref(in);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(account_set_active(fx->db, &sec, id, 0, &f), -1);
    assert_int_equal(account_reset_password(fx->db, &sec, id, pw, &f), -1);
    assert_string_equal(pw, "");
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE result "
                                   "= 'geweigerd' AND actor_role = ?",
                           "secretaris"), 4);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM user WHERE role = "
                                   "'beheerder' OR name = ?", "x"), 0);
}

static void test_update(void **state)
{
    struct store_fixture *fx = *state;
    struct actor who = beheerder(0);
    struct fault f;
    char pw[ACCOUNT_PASSWORD_BUF];
    long long id;
    json_t *in, *u;

    id = make(fx->db, &who, "nm", "netwerkmanager", "kerngroep-p1", pw, &f);
    assert_true(id > 0);
    in = json_pack("{s:s, s:s}", "rol", "regio", "scope", "pv21");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &who, id, in, &f), 0);
    json_decref(in);
    u = account_get(fx->db, id);
    assert_string_equal(sqljson_str(u, "rol"), "regio");
    assert_string_equal(sqljson_str(u, "scope"), "PV21");
    json_decref(u);
    /* a bad scope changes nothing */
    in = json_pack("{s:s, s:s}", "rol", "netwerkmanager", "scope", "PV21");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &who, id, in, &f), -1);
    json_decref(in);
    assert_int_equal(f.kind, FAULT_INVALID);
    u = account_get(fx->db, id);
    assert_string_equal(sqljson_str(u, "rol"), "regio");
    json_decref(u);
    in = json_pack("{s:s}", "rol", "deelnemer");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &who, 9999, in, &f), -1);
    json_decref(in);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
}

static void test_deactivate(void **state)
{
    struct store_fixture *fx = *state;
    struct actor cli = beheerder(0), self;
    struct fault f;
    char pw[ACCOUNT_PASSWORD_BUF], sid[AUTH_SECRET_HEX + 1];
    char csrf[AUTH_SECRET_HEX + 1], tok[AUTH_SECRET_HEX + 8], idtxt[24];
    struct actor got;
    long long b1, b2, u;
    json_t *in;

    b1 = make(fx->db, &cli, "b1", "beheerder", NULL, pw, &f);
    u = make(fx->db, &cli, "u", "deelnemer", NULL, pw, &f);
    assert_true(b1 > 0 && u > 0);
    assert_int_equal(auth_session_create(fx->db, u, sid, csrf), 0);
    assert_true(auth_token_create(fx->db, u, tok) > 0);
    assert_int_equal(auth_token_lookup(fx->db, tok, &got), 0);

    assert_int_equal(account_set_active(fx->db, &cli, u, 0, &f), 0);
    assert_int_equal(auth_token_lookup(fx->db, tok, &got), -1);
    assert_int_equal(auth_session_lookup(fx->db, sid, &got, csrf), -1);
    snprintf(idtxt, sizeof idtxt, "%lld", u);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM session WHERE "
                                   "user_id = ?", idtxt), 0);
    assert_int_equal(account_set_active(fx->db, &cli, u, 0, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(account_set_active(fx->db, &cli, u, 1, &f), 0);
    assert_int_equal(auth_token_lookup(fx->db, tok, &got), -1);

    /* not oneself; not the last beheerder (the seeded store has none) */
    self = beheerder(b1);
    assert_int_equal(account_set_active(fx->db, &self, b1, 0, &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    assert_non_null(strstr(f.msg, "laatste actieve beheerder"));
    assert_int_equal(account_set_active(fx->db, &cli, b1, 0, &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    assert_non_null(strstr(f.msg, "laatste actieve beheerder"));
    in = json_pack("{s:s}", "rol", "secretaris");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &cli, b1, in, &f), -1);
    json_decref(in);
    assert_int_equal(f.kind, FAULT_RULE);
    in = json_pack("{s:s, s:b}", "rol", "beheerder", "actief", 0);
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &cli, b1, in, &f), -1);
    json_decref(in);
    assert_int_equal(f.kind, FAULT_RULE);
    /* with a second beheerder, one may go */
    b2 = make(fx->db, &cli, "b2", "beheerder", NULL, pw, &f);
    assert_true(b2 > 0);
    assert_int_equal(account_set_active(fx->db, &self, b1, 0, &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    assert_non_null(strstr(f.msg, "eigen account"));
    assert_int_equal(account_set_active(fx->db, &self, b2, 0, &f), 0);
    in = json_pack("{s:s}", "rol", "secretaris");
    memset(&f, 0, sizeof f);
    assert_int_equal(account_update(fx->db, &cli, b1, in, &f), -1);
    json_decref(in);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM user WHERE role = "
                                   "'beheerder' AND active = ?", "1"), 1);
}

static void test_reset_password(void **state)
{
    struct store_fixture *fx = *state;
    struct actor cli = beheerder(0), got;
    struct fault f;
    char pw[ACCOUNT_PASSWORD_BUF], pw2[ACCOUNT_PASSWORD_BUF];
    char sid[AUTH_SECRET_HEX + 1], csrf[AUTH_SECRET_HEX + 1];
    long long u;

    u = make(fx->db, &cli, "u", "deelnemer", NULL, pw, &f);
    assert_true(u > 0);
    assert_int_equal(auth_session_create(fx->db, u, sid, csrf), 0);
    assert_int_equal(account_reset_password(fx->db, &cli, u, pw2, &f), 0);
    assert_int_equal(strlen(pw2), 20);
    assert_string_not_equal(pw, pw2);
    assert_int_equal(auth_session_lookup(fx->db, sid, &got, csrf), -1);
    assert_int_equal(auth_login(fx->db, "u", pw, "t", &got), -1);
    assert_int_equal(auth_login(fx->db, "u", pw2, "t", &got), 0);
    assert_int_equal(account_reset_password(fx->db, &cli, 9999, pw2, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scope_per_role, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permission, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deactivate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset_password, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
