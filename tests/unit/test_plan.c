/* test_plan.c - unit tests for plan.h and budget.h against a real store
 * seeded from data/seed (the report's 11 steps and 50 sub-steps, the
 * default months and dependencies of implementatieplan_maanden.json, the
 * budget of begroting.json): the slip rules (end passed, finished late,
 * started late, not started), what a slip blocks transitively, the
 * refusal of a dependency cycle with the cycle in the message, the
 * status rules, permissions and audit, and that a refused change stores
 * nothing; the budget's amounts (Dutch notation, two decimals, not
 * negative), EZK's scoped permission, overruns shown, totals and the
 * multi-year view. "Today" is fixed through KOERS_TODAY. The data
 * directory is KOERS_DATA when set, else "data". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "budget.h"
#include "plan.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"
#include "fixture.h"

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static struct actor actor(enum perm_role role, const char *scope)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.role = role;
    snprintf(a.name, sizeof a.name, "%s", perm_role_code(role));
    snprintf(a.scope, sizeof a.scope, "%s", scope ? scope : "");
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static int setup(void **state)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[512];

    assert_non_null(fx);
    setenv("KOERS_TODAY", "2024-03-15", 1);
    if (fixture_open(fx, "/tmp/koers-plan-XXXXXX", err, sizeof err) != 0)
        fail_msg("fixture: %s", err);
    if (seed_load(fx->db, data_dir(), err, sizeof err) != 0 ||
        plan_seed_load(fx->db, data_dir(), err, sizeof err) != 0 ||
        budget_seed_load(fx->db, data_dir(), err, sizeof err) != 0)
        fail_msg("seed: %s", err);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct store_fixture *fx = *state;

    assert_int_equal(fixture_close(fx), 0);
    free(fx);
    unsetenv("KOERS_TODAY");
    return 0;
}

static long long count(sqlite3 *db, const char *sql)
{
    return store_count(db, sql, NULL);
}

/* Update code from a JSON text; returns the result, f filled. */
static int update(sqlite3 *db, enum perm_role role, const char *code,
                  const char *json, struct fault *f)
{
    struct actor a = actor(role, NULL);
    json_error_t je;
    json_t *in = json_loads(json, 0, &je);
    int rc;

    assert_non_null(in);
    memset(f, 0, sizeof *f);
    rc = plan_substep_update(db, &a, code, in, f);
    json_decref(in);
    return rc;
}

/* The slip row of code in slips, or NULL. */
static json_t *slip_of(json_t *slips, const char *code)
{
    json_t *s;
    size_t i;

    json_array_foreach(slips, i, s)
        if (strcmp(sqljson_str(s, "nummer"), code) == 0)
            return s;
    return NULL;
}

static int has_code(json_t *arr, const char *code)
{
    json_t *s;
    size_t i;

    json_array_foreach(arr, i, s)
        if (strcmp(json_is_string(s) ? json_string_value(s)
                                     : sqljson_str(s, "nummer"), code) == 0)
            return 1;
    return 0;
}

static void seeded_plan_has_months_and_dependencies(void **state)
{
    struct store_fixture *fx = *state;
    json_t *steps, *s;

    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_step"), 11);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_substep"), 50);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_substep "
                                   "WHERE planned_start < '2023-10' OR "
                                   "planned_end > '2024-12' OR planned_end "
                                   "< planned_start"), 0);
    assert_true(count(fx->db, "SELECT count(*) FROM plan_dependency") > 30);
    steps = plan_steps(fx->db, "2023-10");
    assert_non_null(steps);
    assert_int_equal(json_array_size(steps), 11);
    s = json_array_get(json_object_get(json_array_get(steps, 1),
                                       "substappen"), 0);
    assert_string_equal(sqljson_str(s, "nummer"), "2.1");
    assert_true(has_code(json_object_get(s, "afhankelijkVan"), "1.1"));
    assert_string_equal(sqljson_str(s, "verantwoordelijke"),
                        "EZK, OCW en SZW");
    /* in the first month nothing slips */
    assert_true(json_is_null(json_object_get(s, "slip")));
    json_decref(steps);
}

static void slip_rules_and_what_a_slip_blocks(void **state)
{
    struct store_fixture *fx = *state;
    json_t *slips, *s;
    struct fault f;
    struct plan_summary sum;

    /* 1.1 planned 2023-10..2023-11, not gereed in March 2024: 4 months */
    slips = plan_slips(fx->db, "2024-03");
    s = slip_of(slips, "1.1");
    assert_non_null(s);
    assert_int_equal(sqljson_int(s, "maanden"), 4);
    assert_non_null(strstr(json_string_value(json_array_get(
        json_object_get(s, "redenen"), 0)), "november 2023"));
    /* it blocks 2.1 directly and 7.9 through a long chain */
    assert_true(has_code(json_object_get(s, "blokkeert"), "2.1"));
    assert_true(has_code(json_object_get(s, "blokkeert"), "7.9"));
    assert_false(has_code(json_object_get(s, "blokkeert"), "1.1"));
    /* the longest slip comes first */
    assert_string_equal(sqljson_str(json_array_get(slips, 0), "nummer"),
                        "1.1");
    json_decref(slips);

    /* finished on time: no slip */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "1.1",
        "{\"geplandStart\": \"2023-10\", \"geplandEind\": \"2023-11\", "
        "\"werkelijkStart\": \"2023-10\", \"werkelijkEind\": \"2023-11\", "
        "\"status\": \"gereed\"}", &f), 0);
    slips = plan_slips(fx->db, "2024-03");
    assert_null(slip_of(slips, "1.1"));
    json_decref(slips);

    /* finished late: 2 months after the planned end */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "1.1",
        "{\"geplandStart\": \"2023-10\", \"geplandEind\": \"2023-11\", "
        "\"werkelijkStart\": \"2023-10\", \"werkelijkEind\": \"2024-01\", "
        "\"status\": \"gereed\"}", &f), 0);
    /* started late: 2.1 planned from 2023-11, started 2024-02 */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "2.1",
        "{\"geplandStart\": \"2023-11\", \"geplandEind\": \"2024-04\", "
        "\"werkelijkStart\": \"2024-02\", \"status\": \"loopt\", "
        "\"afhankelijkVan\": [\"1.1\"]}", &f), 0);
    slips = plan_slips(fx->db, "2024-03");
    s = slip_of(slips, "1.1");
    assert_non_null(s);
    assert_int_equal(sqljson_int(s, "maanden"), 2);
    /* a gereed sub-step blocks nothing that is done; 2.1 still waits */
    s = slip_of(slips, "2.1");
    assert_non_null(s);
    assert_int_equal(sqljson_int(s, "maanden"), 3);
    assert_non_null(strstr(json_string_value(json_array_get(
        json_object_get(s, "redenen"), 0)), "Later begonnen"));
    json_decref(slips);

    /* not started while its planned start passed (end still ahead) */
    slips = plan_slips(fx->db, "2024-03");
    s = slip_of(slips, "5.1");   /* planned 2024-01..2024-02 */
    assert_non_null(s);
    json_decref(slips);
    slips = plan_slips(fx->db, "2024-02");
    s = slip_of(slips, "3.2");   /* planned 2024-01..2024-01 */
    assert_non_null(s);
    s = slip_of(slips, "6.1");   /* planned 2024-02..2024-03: on time */
    assert_null(s);
    json_decref(slips);

    /* vervallen never slips */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "5.1",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-02\", "
        "\"status\": \"vervallen\"}", &f), 0);
    slips = plan_slips(fx->db, "2024-12");
    assert_null(slip_of(slips, "5.1"));
    json_decref(slips);

    assert_int_equal(plan_summary_get(fx->db, "2024-03", &sum), 0);
    assert_int_equal(sum.substeps, 50);
    assert_int_equal(sum.gereed, 1);
    assert_int_equal(sum.loopt, 1);
    assert_int_equal(sum.vervallen, 1);
    assert_int_equal(sum.gepland, 47);
    assert_true(sum.slipping >= 2);
    assert_int_equal(sum.max_slip, 3);
}

static void cycle_is_refused_with_the_cycle_named(void **state)
{
    struct store_fixture *fx = *state;
    long long deps = count(fx->db, "SELECT count(*) FROM plan_dependency");
    struct fault f;

    /* 1.1 waiting for 2.1 closes 1.1 <- 2.1 */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "1.1",
        "{\"geplandStart\": \"2023-10\", \"geplandEind\": \"2023-11\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"2.1\"]}", &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    assert_non_null(strstr(f.msg, "kring"));
    assert_non_null(strstr(f.msg, "1.1 wacht op 2.1, 2.1 wacht op 1.1"));
    /* a long one: 1.1 waiting for 7.9 (7.9 -> 7.8 -> ... -> 1.1) */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "1.1",
        "{\"geplandStart\": \"2023-10\", \"geplandEind\": \"2023-11\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"7.9\"]}", &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    assert_non_null(strstr(f.msg, "1.1 wacht op 7.9, 7.9 wacht op 7.8"));
    assert_non_null(strstr(f.msg, "wacht op 1.1)"));
    /* itself */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "1.1",
        "{\"geplandStart\": \"2023-10\", \"geplandEind\": \"2023-11\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"1.1\"]}", &f), -1);
    assert_non_null(strstr(f.msg, "zichzelf"));
    /* nothing stored */
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_dependency"),
                     deps);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_dependency "
                                   "WHERE substep_code = '1.1'"), 0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE "
                                   "action = 'plan.beheren'"), 0);
    /* a dependency that closes no cycle is fine and audited */
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "11.1",
        "{\"geplandStart\": \"2024-09\", \"geplandEind\": \"2024-09\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"6.4\", \"3.6\"]}",
        &f), 0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_dependency "
                                   "WHERE substep_code = '11.1'"), 2);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE "
                                   "action = 'plan.beheren' AND result = "
                                   "'gelukt' AND object_id = '11.1'"), 1);
}

static void bad_input_and_permission_change_nothing(void **state)
{
    struct store_fixture *fx = *state;
    static const char *const bad[] = {
        "{\"geplandStart\": \"2024-13\", \"geplandEind\": \"2024-12\", "
        "\"status\": \"gepland\"}",
        "{\"geplandStart\": \"2024-05\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"gepland\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"werkelijkStart\": \"2024-01\", \"status\": \"gepland\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"loopt\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"werkelijkStart\": \"2024-01\", \"status\": \"gereed\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"werkelijkStart\": \"2024-05\", \"status\": \"loopt\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"klaar\"}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"99.9\"]}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"gepland\", \"afhankelijkVan\": [\"1.1\", \"1.1\"]}",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-04\", "
        "\"status\": \"gepland\", \"kleur\": \"rood\"}",
        "{\"geplandEind\": \"2024-04\", \"status\": \"gepland\"}",
        NULL
    };
    json_t *before = plan_steps(fx->db, "2024-03"), *after;
    struct fault f;
    size_t i;

    for (i = 0; bad[i]; i++) {
        assert_int_equal(update(fx->db, ROLE_SECRETARIS, "3.2", bad[i], &f),
                         -1);
        assert_true(f.kind == FAULT_INVALID || f.kind == FAULT_RULE);
        assert_true(strlen(f.msg) > 10);
    }
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "3.2", bad[0], &f), -1);
    assert_non_null(strstr(f.msg, "JJJJ-MM"));
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "3.2", bad[5], &f), -1);
    assert_non_null(strstr(f.msg, "huidige maand"));
    /* roles without plan.beheren */
    assert_int_equal(update(fx->db, ROLE_BOEGBEELD, "3.2",
        "{\"geplandStart\": \"2024-01\", \"geplandEind\": \"2024-02\", "
        "\"status\": \"gepland\"}", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(update(fx->db, ROLE_NONE, "3.2", "{}", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(update(fx->db, ROLE_SECRETARIS, "12.1", "{}", &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    after = plan_steps(fx->db, "2024-03");
    assert_true(json_equal(before, after));
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                                   "= 'plan.beheren' AND result = "
                                   "'geweigerd'"), 2);
    json_decref(before);
    json_decref(after);
}

/* A months file whose dependencies form a cycle is refused at init, with
 * the cycle named, and stores nothing. */
static void seed_refuses_a_cycle(void **state)
{
    struct store_fixture *fx = *state;
    char dir[] = "/tmp/koers-plan-seed-XXXXXX", path[128], err[512];
    long long deps = count(fx->db, "SELECT count(*) FROM plan_dependency");
    FILE *fp;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/seed", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/seed/implementatieplan_maanden.json",
             dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("{\"substappen\": [{\"nummer\": \"1.1\", \"geplandStart\": "
          "\"2023-10\", \"geplandEind\": \"2023-11\"}], "
          "\"afhankelijkheden\": [{\"substap\": \"1.1\", \"hangtAfVan\": "
          "\"7.9\", \"reden\": \"x\"}]}", fp);
    fclose(fp);
    assert_int_equal(plan_seed_load(fx->db, dir, err, sizeof err), -1);
    assert_non_null(strstr(err, "cycle"));
    assert_non_null(strstr(err, "1.1 wacht op 7.9"));
    assert_int_equal(count(fx->db, "SELECT count(*) FROM plan_dependency"),
                     deps);
    unlink(path);
    snprintf(path, sizeof path, "%s/seed", dir);
    rmdir(path);
    rmdir(dir);
}

static void substep_detail_waits_and_blocks(void **state)
{
    struct store_fixture *fx = *state;
    json_t *s = plan_substep_get(fx->db, "4.1", "2024-03");

    assert_non_null(s);
    assert_int_equal(sqljson_int(json_object_get(s, "stap"), "nummer"), 4);
    assert_true(has_code(json_object_get(s, "wachtOp"), "3.6"));
    assert_true(has_code(json_object_get(s, "blokkeert"), "4.3"));
    assert_true(has_code(json_object_get(s, "blokkeert"), "7.1"));
    json_decref(s);
    assert_null(plan_substep_get(fx->db, "0.0", NULL));
}

static void months_and_today(void **state)
{
    char m[8], d[11];

    (void)state;
    assert_true(plan_is_month("2024-02"));
    assert_false(plan_is_month("2024-2"));
    assert_false(plan_is_month("2024-00"));
    assert_false(plan_is_month("1999-12"));
    assert_false(plan_is_month(NULL));
    assert_int_equal(plan_month_diff("2023-11", "2024-03"), 4);
    assert_int_equal(plan_month_diff("2024-03", "2023-11"), -4);
    plan_current_month(m);
    assert_string_equal(m, "2024-03");
    setenv("KOERS_TODAY", "niet-een-datum", 1);
    plan_today(d);
    /* a malformed KOERS_TODAY is ignored: the clock's date */
    assert_int_equal(strlen(d), 10);
    assert_true(d[4] == '-' && d[7] == '-');
    setenv("KOERS_TODAY", "2024-03-15", 1);
}

/* ---- budget ---- */

static int put(sqlite3 *db, enum perm_role role, const char *scope, int year,
               const char *cat, const char *json, int *created,
               struct fault *f)
{
    struct actor a = actor(role, scope);
    json_error_t je;
    json_t *in = json_loads(json, JSON_DECODE_ANY, &je);
    int rc;

    assert_non_null(in);
    memset(f, 0, sizeof *f);
    rc = budget_line_put(db, &a, year, cat, in, created, f);
    json_decref(in);
    return rc;
}

static void amounts_in_dutch_and_plain_notation(void **state)
{
    static const struct { const char *in; long long cents; } ok[] = {
        { "250.000", 25000000 }, { "1.234,56", 123456 }, { "1234.5", 123450 },
        { "\xe2\x82\xac 12,50", 1250 }, { "0", 0 }, { "1.250", 125000 },
        { "2500000", 250000000 }, { "12,3", 1230 }, { NULL, 0 }
    };
    static const char *const bad[] = { "1,234", "-5", "12.34.5", "abc", "",
        "1,2,3", "12,", "1.23.456", "99999999999", NULL };
    struct fault f;
    long long c;
    size_t i;

    (void)state;
    for (i = 0; ok[i].in; i++) {
        assert_int_equal(budget_parse_amount(ok[i].in, "Gepland", &c, &f), 0);
        assert_int_equal(c, ok[i].cents);
    }
    for (i = 0; bad[i]; i++) {
        memset(&f, 0, sizeof f);
        assert_int_equal(budget_parse_amount(bad[i], "Gepland", &c, &f), -1);
        assert_int_equal(f.kind, FAULT_INVALID);
        assert_non_null(strstr(f.msg, "Gepland"));
    }
}

static void budget_seed_totals_and_multi_year(void **state)
{
    struct store_fixture *fx = *state;
    struct budget_totals t;
    json_t *rows, *lines;

    assert_int_equal(count(fx->db, "SELECT count(*) FROM budget_line"), 24);
    assert_int_equal(budget_totals_get(fx->db, 2025, 2025, &t), 0);
    assert_int_equal(t.planned, 250000000);   /* EUR 2.5 million */
    assert_int_equal(t.committed, 0);
    assert_int_equal(t.lines, 6);
    assert_int_equal(budget_totals_get(fx->db, 2024, 2027, &t), 0);
    assert_int_equal(t.planned, 1000000000);
    rows = budget_per_year(fx->db, 2024, 2027, "ptvt");
    assert_int_equal(json_array_size(rows), 4);
    assert_true(json_number_value(json_object_get(json_array_get(rows, 0),
                                                  "gepland")) > 0);
    json_decref(rows);
    lines = budget_lines(fx->db, 2026);
    assert_int_equal(json_array_size(lines), 6);
    assert_string_equal(sqljson_str(json_array_get(lines, 0), "categorie"),
                        "boegbeeld");
    assert_non_null(strstr(sqljson_str(json_array_get(lines, 0),
                                       "toelichting"), "Aanname"));
    json_decref(lines);
}

static void budget_changes_checked_audited_and_overruns_shown(void **state)
{
    struct store_fixture *fx = *state;
    struct fault f;
    int created;
    json_t *l;
    struct budget_totals t;

    /* the secretaris: committed above planned is allowed and shown */
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "ptvt",
        "{\"gepland\": 850000, \"verplicht\": 900000.5, \"besteed\": "
        "120000.25, \"toelichting\": \"Opdracht PTvT verleend.\"}",
        &created, &f), 0);
    assert_int_equal(created, 0);
    l = budget_line_get(fx->db, 2025, "ptvt");
    assert_true(json_is_true(json_object_get(json_object_get(l,
        "overschreden"), "verplicht")));
    assert_false(json_is_true(json_object_get(json_object_get(l,
        "overschreden"), "besteed")));
    assert_string_equal(sqljson_str(l, "naam"), "Ondersteuning PTvT");
    json_decref(l);
    assert_int_equal(budget_totals_get(fx->db, 2025, 2025, &t), 0);
    assert_int_equal(t.committed, 90000050);
    assert_int_equal(t.spent, 12000025);
    /* EZK: a ministerie account with scope ezk, creating a new year */
    assert_int_equal(put(fx->db, ROLE_MINISTERIE, "ezk", 2028, "regio",
        "{\"gepland\": 500000, \"verplicht\": 0, \"besteed\": 0}",
        &created, &f), 0);
    assert_int_equal(created, 1);
    /* another ministerie and other roles may not */
    assert_int_equal(put(fx->db, ROLE_MINISTERIE, "ocw", 2025, "regio",
        "{\"gepland\": 1, \"verplicht\": 0, \"besteed\": 0}", &created, &f),
        -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(put(fx->db, ROLE_BOEGBEELD, NULL, 2025, "regio",
        "{\"gepland\": 1, \"verplicht\": 0, \"besteed\": 0}", &created, &f),
        -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    /* bad amounts, unknown category, missing field, unknown field */
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "regio",
        "{\"gepland\": 12.345, \"verplicht\": 0, \"besteed\": 0}", &created,
        &f), -1);
    assert_non_null(strstr(f.msg, "twee decimalen"));
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "regio",
        "{\"gepland\": -1, \"verplicht\": 0, \"besteed\": 0}", &created, &f),
        -1);
    assert_non_null(strstr(f.msg, "negatief"));
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "regio",
        "{\"gepland\": \"100\", \"verplicht\": 0, \"besteed\": 0}", &created,
        &f), -1);
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "regio",
        "{\"gepland\": 100, \"besteed\": 0}", &created, &f), -1);
    assert_non_null(strstr(f.msg, "Verplicht"));
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "regio",
        "{\"gepland\": 100, \"verplicht\": 0, \"besteed\": 0, \"x\": 1}",
        &created, &f), -1);
    assert_int_equal(put(fx->db, ROLE_SECRETARIS, NULL, 2025, "monitoring",
        "{\"gepland\": 100, \"verplicht\": 0, \"besteed\": 0}", &created,
        &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    /* nothing of the refusals was stored */
    l = budget_line_get(fx->db, 2025, "regio");
    assert_true(json_number_value(json_object_get(l, "gepland")) == 500000);
    json_decref(l);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM budget_line"), 25);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                                   "= 'begroting.beheren' AND result = "
                                   "'gelukt'"), 2);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                                   "= 'begroting.beheren' AND result = "
                                   "'geweigerd'"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            seeded_plan_has_months_and_dependencies, setup, teardown),
        cmocka_unit_test_setup_teardown(
            slip_rules_and_what_a_slip_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(
            cycle_is_refused_with_the_cycle_named, setup, teardown),
        cmocka_unit_test_setup_teardown(
            bad_input_and_permission_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(
            substep_detail_waits_and_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(months_and_today, setup, teardown),
        cmocka_unit_test_setup_teardown(seed_refuses_a_cycle, setup,
                                        teardown),
        cmocka_unit_test(amounts_in_dutch_and_plain_notation),
        cmocka_unit_test_setup_teardown(
            budget_seed_totals_and_multi_year, setup, teardown),
        cmocka_unit_test_setup_teardown(
            budget_changes_checked_audited_and_overruns_shown, setup,
            teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
