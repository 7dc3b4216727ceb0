/* test_perm.c - unit tests for perm.h: role codes, the permission table
 * walked completely (every action x every role x scope cases), scoped
 * grants of the netwerkmanager, and refusal of anonymous users and
 * out-of-range values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "perm.h"

static void test_role_round_trip(void **state)
{
    int r, s;

    (void)state;
    for (r = 0; r < ROLE_COUNT; r++) {
        const char *code = perm_role_code((enum perm_role)r);
        const char *label = perm_role_label((enum perm_role)r);

        assert_non_null(code);
        assert_non_null(label);
        assert_true(code[0] != '\0');
        assert_true(label[0] != '\0');
        assert_int_equal(perm_role_parse(code), r);
        for (s = 0; s < r; s++)
            assert_string_not_equal(code, perm_role_code((enum perm_role)s));
    }
}

static void test_role_unknown(void **state)
{
    (void)state;
    assert_int_equal(perm_role_parse("koning"), ROLE_NONE);
    assert_int_equal(perm_role_parse(""), ROLE_NONE);
    assert_int_equal(perm_role_parse(NULL), ROLE_NONE);
    assert_int_equal(perm_role_parse("Beheerder"), ROLE_NONE);
    assert_int_equal(perm_role_parse("beheerder "), ROLE_NONE);
    assert_int_equal(perm_role_parse("beheer"), ROLE_NONE);
    assert_int_equal(perm_role_parse("publiek"), ROLE_NONE);
    /* Anonymous and out-of-range roles have a printable code. */
    assert_string_equal(perm_role_code(ROLE_NONE), "publiek");
    assert_string_equal(perm_role_code(ROLE_COUNT), "publiek");
    assert_non_null(perm_role_label(ROLE_NONE));
}

static void test_rules(void **state)
{
    int a, b;
    unsigned all_roles = (1u << ROLE_COUNT) - 1;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++) {
        const struct perm_rule *r = perm_rule((enum perm_action)a);

        assert_non_null(r);
        assert_int_equal(r->action, a);
        assert_non_null(r->code);
        assert_non_null(r->label);
        assert_true(r->code[0] != '\0');
        assert_true(r->label[0] != '\0');
        /* No bits for roles that do not exist. */
        assert_int_equal(r->roles_all & ~all_roles, 0);
        assert_int_equal(r->roles_own_body & ~all_roles, 0);
        for (b = 0; b < a; b++)
            assert_string_not_equal(r->code,
                                    perm_rule((enum perm_action)b)->code);
    }
    assert_null(perm_rule(ACT_COUNT));
}

/* What the table says for one cell, computed independently. */
static int table_says(const struct perm_rule *r, int role, const char *scope,
                      const char *body)
{
    if (r->roles_all & (1u << role))
        return 1;
    return (r->roles_own_body & (1u << role)) && scope != NULL &&
           body != NULL && strcmp(scope, body) == 0;
}

/* Every action x every role x the scope/body cases that matter. */
static void test_walk_table(void **state)
{
    static const struct {
        const char *scope;
        const char *body;
    } cases[] = {
        { NULL, NULL },
        { NULL, "kerngroep-p1" },
        { "kerngroep-p1", NULL },
        { "kerngroep-p1", "kerngroep-p1" },
        { "kerngroep-p1", "kerngroep-p2" },
        { "kerngroep-p1", "kerngroep-p10" },
        { "kerngroep-p1", "" },
        { "", "kerngroep-p1" },
    };
    int a, role;
    size_t c;
    int granted = 0, refused = 0;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++) {
        const struct perm_rule *r = perm_rule((enum perm_action)a);

        for (role = 0; role < ROLE_COUNT; role++) {
            for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
                int want = table_says(r, role, cases[c].scope,
                                      cases[c].body);
                int got = perm_allowed((enum perm_role)role, cases[c].scope,
                                       (enum perm_action)a, cases[c].body);

                if (got != want)
                    fail_msg("%s by %s (scope %s, body %s): got %d, "
                             "table says %d", r->code,
                             perm_role_code((enum perm_role)role),
                             cases[c].scope ? cases[c].scope : "NULL",
                             cases[c].body ? cases[c].body : "NULL",
                             got, want);
                if (got)
                    granted++;
                else
                    refused++;
            }
        }
    }
    /* The table is neither all-yes nor all-no. */
    assert_true(granted > 0);
    assert_true(refused > 0);
}

static void test_netwerkmanager_scope(void **state)
{
    (void)state;
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p1"),
                     1);
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p2"),
                     0);
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, NULL), 0);
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, NULL,
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p1"),
                     0);
    /* Prefixes are not matches. */
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p"),
                     0);
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p12"),
                     0);
    /* The scope does not widen other actions. */
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_ORGANISATIE_BEHEREN, "kerngroep-p1"),
                     0);
    assert_int_equal(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                                  ACT_GEBRUIKER_BEHEREN, "kerngroep-p1"), 0);
    /* Another role with the same scope gets nothing from it. */
    assert_int_equal(perm_allowed(ROLE_DEELNEMER, "kerngroep-p1",
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p1"),
                     0);
}

/* Decisions documented in perm.c's header comment; a change to the
 * table that breaks one of these must be deliberate. */
static void test_documented_decisions(void **state)
{
    int a, role;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++)
        assert_int_equal(perm_allowed(ROLE_BEHEERDER, NULL,
                                      (enum perm_action)a, NULL), 1);
    for (role = 0; role < ROLE_COUNT; role++)
        assert_int_equal(perm_allowed((enum perm_role)role, NULL,
                                      ACT_TOKEN_EIGEN, NULL), 1);
    assert_int_equal(perm_allowed(ROLE_SECRETARIS, NULL,
                                  ACT_ORGANISATIE_BEHEREN, NULL), 1);
    assert_int_equal(perm_allowed(ROLE_BOEGBEELD, NULL,
                                  ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p2"),
                     1);
    for (role = 0; role < ROLE_COUNT; role++) {
        if (role == ROLE_BEHEERDER)
            continue;
        assert_int_equal(perm_allowed((enum perm_role)role, "x",
                                      ACT_AUDIT_INZIEN, "x"), 0);
        assert_int_equal(perm_allowed((enum perm_role)role, "x",
                                      ACT_GEBRUIKER_BEHEREN, "x"), 0);
    }
    assert_int_equal(perm_allowed(ROLE_DEELNEMER, NULL,
                                  ACT_ORGANISATIE_BEHEREN, NULL), 0);
    assert_int_equal(perm_allowed(ROLE_MINISTERIE, NULL,
                                  ACT_PERSOON_BEHEREN, NULL), 0);
}

static void test_refusals(void **state)
{
    static const int bad_actions[] = { ACT_COUNT, ACT_COUNT + 1, -1, 1000 };
    static const int bad_roles[] = { ROLE_NONE, ROLE_COUNT, ROLE_COUNT + 5,
                                     -2, 1000 };
    size_t i;
    int a, role;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++) {
        assert_int_equal(perm_allowed(ROLE_NONE, NULL, (enum perm_action)a,
                                      NULL), 0);
        assert_int_equal(perm_allowed(ROLE_NONE, "kerngroep-p1",
                                      (enum perm_action)a, "kerngroep-p1"),
                         0);
        for (i = 0; i < sizeof bad_roles / sizeof bad_roles[0]; i++)
            assert_int_equal(perm_allowed((enum perm_role)bad_roles[i],
                                          "kerngroep-p1", (enum perm_action)a,
                                          "kerngroep-p1"), 0);
    }
    for (i = 0; i < sizeof bad_actions / sizeof bad_actions[0]; i++) {
        assert_null(perm_rule((enum perm_action)bad_actions[i]));
        for (role = 0; role < ROLE_COUNT; role++)
            assert_int_equal(perm_allowed((enum perm_role)role,
                                          "kerngroep-p1",
                                          (enum perm_action)bad_actions[i],
                                          "kerngroep-p1"), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_role_round_trip),
        cmocka_unit_test(test_role_unknown),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_walk_table),
        cmocka_unit_test(test_netwerkmanager_scope),
        cmocka_unit_test(test_documented_decisions),
        cmocka_unit_test(test_refusals),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
