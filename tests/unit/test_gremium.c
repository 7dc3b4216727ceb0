/* test_gremium.c - unit tests for gremium.h against a seeded store: the
 * report's registration date, the membership CSV import (every refusal
 * line-numbered, nothing stored; a clean file stored once, idempotent),
 * registering a gremium with the risk-7 warning and its signal, members
 * added and ended, and the permission check with its audit entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cli_gremium.h"
#include "fixture.h"
#include "gremium.h"
#include "seed.h"
#include "sqljson.h"

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static struct actor actor(enum perm_role role)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.role = role;
    snprintf(a.name, sizeof a.name, "test");
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static int setup(void **state)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[512];

    if (fx == NULL || fixture_open(fx, "/tmp/koers-grem-XXXXXX", err,
                                   sizeof err) != 0 ||
        seed_load(fx->db, data_dir(), err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct store_fixture *fx = *state;
    int rc = fixture_close(fx);

    free(fx);
    return rc;
}

static long long count(sqlite3 *db, const char *sql)
{
    return store_count(db, sql, NULL);
}

static void seeded_registration_date(void **state)
{
    struct store_fixture *fx = *state;

    assert_int_equal(count(fx->db, "SELECT count(*) FROM gremium WHERE "
                           "registered_at = '2023-10-30T00:00:00Z'"), 31);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM gremium WHERE "
                           "nr = 3 AND domain = 'ict'"), 1);
}

static void import_refusals_store_nothing(void **state)
{
    struct store_fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS), dln = actor(ROLE_DEELNEMER);
    struct gremium_import res;
    struct fault f = { 0 };
    static const char bad[] =
        "gremium,organisatie\n"
        "1,ocw\n"
        "999,ocw\n"
        "2,niemand\n"
        "1,ocw\n"
        "8,katapult\n"
        "1,\"open\n";

    assert_int_equal(gremium_import_csv(fx->db, &sec, bad, strlen(bad), &res,
                                        &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_true(res.nerrors >= 4);
    assert_non_null(strstr(res.errors[0], "regel 3: onbekend gremium"));
    assert_non_null(strstr(res.errors[1], "regel 4: onbekende organisatie"));
    assert_non_null(strstr(res.errors[2], "regel 6: Katapult is het "
                                          "gremium Katapult zelf"));
    assert_int_equal(count(fx->db, "SELECT count(*) FROM gremium_member"),
                     0);
    assert_int_equal(gremium_import_csv(fx->db, &sec, "a,b\n1,2\n", 8, &res,
                                        &f), -1);
    assert_non_null(strstr(res.errors[0], "kopregel"));
    assert_int_equal(gremium_import_csv(fx->db, &dln, "x", 1, &res, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                           "= 'gremium.leden.importeren' AND result = "
                           "'geweigerd'"), 3);
}

static void import_and_register_with_warning(void **state)
{
    struct store_fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS);
    struct gremium_import res;
    struct fault f = { 0 };
    static const char ok[] =
        "gremium;organisatie;sinds\n"
        "1;ocw;2023-10-30\n1;szw;2023-10-30\n1;mbo-raad;2023-10-30\n"
        "1;fme;2023-10-30\n1;fnv;2023-10-30\n"
        "Taakgroep Arbeidsmarkt en Scholing klimaatakkoord;ocw;\n"
        "2;szw;2023-10-30\n";
    json_t *in, *check = NULL, *g;
    long long nr, id;

    assert_int_equal(gremium_import_csv(fx->db, &sec, ok, strlen(ok), &res,
                                        &f), 0);
    assert_int_equal(res.added, 7);
    assert_int_equal(res.gremia, 2);
    assert_int_equal(gremium_import_csv(fx->db, &sec, ok, strlen(ok), &res,
                                        &f), 0);
    assert_int_equal(res.added, 0);
    assert_int_equal(res.unchanged, 7);
    in = json_pack("{s:s, s:s, s:[{s:s, s:s}], s:[s,s,s,s,s]}", "naam",
                   "Tafel", "domein", "techniek", "pijlers", "pijler", "P1",
                   "relatie", "overlappend", "leden", "ocw", "szw",
                   "mbo-raad", "fme", "fnv");
    nr = gremium_create(fx->db, &sec, in, &check, &f);
    json_decref(in);
    assert_true(nr == 32);
    assert_true(json_is_true(json_object_get(check, "waarschuwing")));
    json_decref(check);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM signal WHERE "
                           "kind = 'gremium-overlap' AND risk_nr = 7 AND "
                           "subject = 'gremium:32' AND cleared_at IS NULL"),
                     1);
    g = gremium_get(fx->db, nr);
    assert_string_equal(sqljson_str(g, "relatieAfgeleid"), "specifieker");
    assert_int_equal(sqljson_int(g, "aantalLeden"), 5);
    json_decref(g);
    /* add, refuse a duplicate, end */
    in = json_pack("{s:s}", "organisatie", "cnv");
    id = gremium_member_add(fx->db, &sec, nr, in, NULL, &f);
    assert_true(id > 0);
    assert_int_equal(gremium_member_add(fx->db, &sec, nr, in, NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    json_decref(in);
    assert_int_equal(gremium_member_end(fx->db, &sec, nr, id, NULL, &f), 0);
    assert_int_equal(gremium_member_end(fx->db, &sec, nr, id, NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(gremium_member_end(fx->db, &sec, 1, id, NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE action "
                           "LIKE 'gremium.%' AND result = 'gelukt'"), 5);
}

/* `koers gremia importeer`: a refused file exits 1 and stores nothing,
 * a clean one exits 0. */
static void cli_import(void **state)
{
    struct store_fixture *fx = *state;
    char csv[160], *argv[6];
    FILE *fp;

    snprintf(csv, sizeof csv, "%s/leden.csv", fx->dir);
    fp = fopen(csv, "w");
    assert_non_null(fp);
    fputs("gremium,organisatie\n3,ocw\n3,bestaat-niet\n", fp);
    fclose(fp);
    argv[0] = "koers";
    argv[1] = "gremia";
    argv[2] = "importeer";
    argv[3] = "--db";
    argv[4] = fx->path;
    argv[5] = csv;
    assert_int_equal(cli_gremia(6, argv), 1);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM gremium_member"),
                     0);
    fp = fopen(csv, "w");
    fputs("gremium,organisatie\n3,ocw\n3,szw\n", fp);
    fclose(fp);
    assert_int_equal(cli_gremia(6, argv), 0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM gremium_member "
                           "WHERE gremium_nr = 3"), 2);
    assert_int_equal(cli_gremia(3, argv), 2);
    unlink(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(seeded_registration_date, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(import_refusals_store_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(import_and_register_with_warning,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(cli_import, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
