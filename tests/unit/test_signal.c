/* test_signal.c - unit tests for signal.h on a real seeded store: raising
 * keeps since when a signal fires, clearing closes it, a later raise opens
 * a new row; signal_refresh raises and clears the signals of its rules
 * (coverage of provinces by accounthouders, the boegbeeld, secretaris and
 * netwerkmanager seats, knelpunten waiting too long, open pressure notes,
 * declining attendance mapped to risk 2 or 4) and leaves the signals of
 * events (gremium-overlap) alone. The data directory is KOERS_DATA when
 * set, else "data". */
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

#include "fixture.h"
#include "seed.h"
#include "signal.h"
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

    if (fx == NULL)
        return -1;
    if (fixture_open(fx, "/tmp/koers-signal-XXXXXX", err, sizeof err) != 0) {
        print_error("setup: %s\n", err);
        free(fx);
        return -1;
    }
    if (seed_load(fx->db, data_dir(), err, sizeof err) != 0) {
        print_error("seed: %s\n", err);
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
    int rc = fixture_close(fx);

    free(fx);
    return rc;
}

static long long count(sqlite3 *db, const char *sql, const char *param)
{
    return store_count(db, sql, param);
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        print_error("%s: %s\n", sql, msg ? msg : "");
        sqlite3_free(msg);
        fail();
    }
}

/* The first_seen of the open signal with this subject into out. */
static int open_first_seen(sqlite3 *db, const char *subject, char *out,
                           size_t len)
{
    json_t *r = sqljson_row(db, "SELECT first_seen AS f FROM signal WHERE "
                                "subject = ? AND cleared_at IS NULL", "s",
                            subject);

    if (r == NULL)
        return -1;
    snprintf(out, len, "%s", sqljson_str(r, "f"));
    json_decref(r);
    return 0;
}

static void test_raise_keeps_since_and_reopens(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char first[32];

    assert_int_equal(signal_raise(db, "proef", 3, "x:1", "eerste"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'proef' AND cleared_at IS NULL", NULL), 1);
    /* pretend it has fired for a while */
    exec(db, "UPDATE signal SET first_seen = '2020-01-01T00:00:00Z' WHERE "
             "kind = 'proef'");
    assert_int_equal(signal_raise(db, "proef", 3, "x:1", "tweede"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'proef'", NULL), 1);
    assert_int_equal(open_first_seen(db, "x:1", first, sizeof first), 0);
    assert_string_equal(first, "2020-01-01T00:00:00Z");
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE message = "
                               "'tweede' AND risk_nr = 3", NULL), 1);
    /* a different subject is a different signal */
    assert_int_equal(signal_raise(db, "proef", 0, "x:2", "ander"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'x:2' AND risk_nr IS NULL", NULL), 1);
    /* clear closes; clearing again or clearing nothing is fine */
    assert_int_equal(signal_clear(db, "proef", "x:1"), 0);
    assert_int_equal(signal_clear(db, "proef", "x:1"), 0);
    assert_int_equal(signal_clear(db, "proef", "x:9"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'x:1' AND cleared_at IS NOT NULL", NULL), 1);
    assert_int_equal(open_first_seen(db, "x:1", first, sizeof first), -1);
    /* a later raise opens a new row with a new since */
    assert_int_equal(signal_raise(db, "proef", 3, "x:1", "weer"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'x:1'", NULL), 2);
    assert_int_equal(open_first_seen(db, "x:1", first, sizeof first), 0);
    assert_true(strcmp(first, "2020-01-01T00:00:00Z") > 0);
    /* with an explicit since, a new row starts there */
    assert_int_equal(signal_raise_at(db, "proef", 1, "x:3",
                                     "2021-05-06T07:08:09Z", "datum"), 0);
    assert_int_equal(open_first_seen(db, "x:3", first, sizeof first), 0);
    assert_string_equal(first, "2021-05-06T07:08:09Z");
    assert_int_equal(signal_raise(db, NULL, 1, "x:4", "m"), -1);
}

static void test_list(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    json_t *open, *all;

    assert_int_equal(signal_raise(db, "proef", 5, "y:1", "a"), 0);
    assert_int_equal(signal_raise(db, "proef", 6, "y:2", "b"), 0);
    assert_int_equal(signal_clear(db, "proef", "y:2"), 0);
    open = signal_list(db, 0, 0);
    all = signal_list(db, 0, 1);
    assert_non_null(open);
    assert_non_null(all);
    assert_int_equal(json_array_size(open), 1);
    assert_int_equal(json_array_size(all), 2);
    assert_string_equal(sqljson_str(json_array_get(all, 0), "onderwerp"),
                        "y:1");
    assert_int_equal(sqljson_int(json_array_get(all, 1), "open"), 0);
    json_decref(open);
    json_decref(all);
    all = signal_list(db, 6, 1);
    assert_int_equal(json_array_size(all), 1);
    json_decref(all);
}

static void test_refresh_coverage_and_seats(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char first[32], again[32];

    assert_int_equal(signal_raise(db, "gremium-overlap", 7, "gremium:1",
                                  "overlap"), 0);
    assert_int_equal(signal_refresh(db), 0);
    /* a fresh store: no accounthouders, no boegbeeld or secretaris, no
     * netwerkmanagers */
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'dekking-accounthouder' AND cleared_at IS "
                               "NULL AND risk_nr = 8", NULL), 12);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'zetel-onbezet' AND cleared_at IS NULL",
                           NULL), 2);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'netwerkmanager-vacant' AND cleared_at IS "
                               "NULL", NULL), 3);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'regio:PV20' AND message LIKE "
                               "'%Groningen%1931%'", NULL), 1);
    exec(db, "UPDATE signal SET first_seen = '2020-02-02T00:00:00Z' WHERE "
             "subject = 'regio:PV21'");
    /* an accounthouder for Groningen (scope in any case), a boegbeeld and
     * the netwerkmanager of kerngroep pijler 1 */
    exec(db, "INSERT INTO user(name, role, scope) VALUES "
             "('a', 'accounthouder', 'pv20'), ('b', 'boegbeeld', NULL), "
             "('n', 'netwerkmanager', 'kerngroep-p1'), "
             "('s', 'secretaris', NULL)");
    exec(db, "UPDATE user SET active = 0 WHERE name = 's'");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'regio:PV20' AND cleared_at IS NULL", NULL),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'dekking-accounthouder' AND cleared_at IS "
                               "NULL", NULL), 11);
    assert_int_equal(open_first_seen(db, "regio:PV21", first, sizeof first),
                     0);
    assert_string_equal(first, "2020-02-02T00:00:00Z");
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'zetel-onbezet' AND cleared_at IS NULL",
                           NULL), 1);
    assert_int_equal(open_first_seen(db, "rol:secretaris", again,
                                     sizeof again), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'overleg:kerngroep-p1' AND cleared_at IS "
                               "NULL", NULL), 0);
    /* the event signal is not the refresh's to clear */
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'gremium-overlap' AND cleared_at IS NULL",
                           NULL), 1);
    /* the accounthouder leaves: Groningen fires again, as a new row */
    exec(db, "UPDATE user SET active = 0 WHERE name = 'a'");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'regio:PV20'", NULL), 2);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'regio:PV20' AND cleared_at IS NULL", NULL),
                     1);
}

static void test_refresh_knelpunt(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;
    char first[32];
    json_t *r;

    exec(db, "INSERT INTO knelpunt(id, title, description, origin, "
             "region_code, state, state_since) VALUES (17, 'Stage', 'x', "
             "'wet', 'PV20', 'kerngroep-p1', strftime('%Y-%m-%dT%H:%M:%SZ',"
             " 'now', '-100 days')), (18, 'Vers', 'y', 'wet', 'PV20', "
             "'kerngroep-p1', strftime('%Y-%m-%dT%H:%M:%SZ', 'now', "
             "'-10 days'))");
    assert_int_equal(signal_refresh(db), 0);
    r = sqljson_row(db, "SELECT risk_nr AS r, message AS m, first_seen = "
                        "strftime('%Y-%m-%dT%H:%M:%SZ', k.state_since, "
                        "'+56 days') AS ok FROM signal JOIN knelpunt k ON "
                        "k.id = 17 WHERE subject = 'knelpunt:17' AND "
                        "cleared_at IS NULL", NULL);
    assert_non_null(r);
    assert_int_equal(sqljson_int(r, "r"), 5);
    assert_int_equal(sqljson_int(r, "ok"), 1);
    assert_non_null(strstr(sqljson_str(r, "m"), "Kerngroep pijler 1"));
    assert_non_null(strstr(sqljson_str(r, "m"), "56 dagen"));
    json_decref(r);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'knelpunt:18'", NULL), 0);
    /* moved on and stuck again before any refresh: a new episode */
    exec(db, "UPDATE knelpunt SET state = 'koersoverleg', state_since = "
             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') WHERE id = "
             "17");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'knelpunt:17'", NULL), 2);
    assert_int_equal(open_first_seen(db, "knelpunt:17", first, sizeof first),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'knelpunt:17' AND cleared_at IS NULL AND "
                               "message LIKE '%Koersoverleg%'", NULL), 1);
    /* a refresh without change keeps it */
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'knelpunt:17'", NULL), 2);
    /* solved: cleared */
    exec(db, "UPDATE knelpunt SET state = 'opgelost', state_since = "
             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 17");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'knelpunt:17' AND cleared_at IS NULL", NULL),
                     0);
}

static void test_refresh_pressure(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;

    exec(db, "INSERT INTO pressure_note(id, body_id, note, recorded_at) "
             "SELECT 1, id, 'Branche eist een tweede zetel', "
             "'2024-03-04T10:00:00Z' FROM body WHERE code = 'kerngroep-p2'");
    exec(db, "INSERT INTO pressure_note(id, body_id, note, recorded_at) "
             "SELECT 2, id, 'Nog een', '2024-05-06T10:00:00Z' FROM body "
             "WHERE code = 'kerngroep-p2'");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'druk-kerngroep' AND risk_nr = 6 AND "
                               "cleared_at IS NULL AND first_seen = "
                               "'2024-03-04T10:00:00Z' AND message LIKE "
                               "'2 open meldingen%Kerngroep pijler 2%"
                               "Nog een%'", NULL), 1);
    exec(db, "UPDATE pressure_note SET resolved_at = '2024-06-01' WHERE "
             "id = 1");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'druk-kerngroep' AND cleared_at IS NULL AND "
                               "first_seen = '2024-03-04T10:00:00Z' AND "
                               "message LIKE '1 open melding %'", NULL), 1);
    exec(db, "UPDATE pressure_note SET resolved_at = '2024-06-01' WHERE "
             "id = 2");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'druk-kerngroep' AND cleared_at IS NULL",
                           NULL), 0);
}

/* Eight meetings of kerngroep-p1 in 2024: EZK (overheid) and Techniek
 * Nederland (bedrijfsleven) come to the first four and miss the last
 * four; OCW comes to all. */
static void attendance(sqlite3 *db)
{
    int i;

    exec(db, "INSERT INTO organisation(code, name, type, domain) VALUES "
             "('proef-org', 'Proef', 'overheid', 'beide')");
    for (i = 1; i <= 8; i++) {
        char sql[1024];

        snprintf(sql, sizeof sql, "INSERT INTO meeting(id, uid, body_id, "
                 "title, starts_at, ends_at) SELECT %d, 'm%d', id, 'K', "
                 "'2024-0%d-01T10:00', '2024-0%d-01T12:00' FROM body WHERE "
                 "code = 'kerngroep-p1'", 100 + i, i, i, i);
        exec(db, sql);
        snprintf(sql, sizeof sql, "INSERT INTO meeting_invitee(meeting_id, "
                 "organisation_id, kind, attendance) SELECT %d, id, 'lid', "
                 "CASE WHEN code = 'ocw' OR %d <= 4 THEN 'aanwezig' ELSE "
                 "'afwezig' END FROM organisation WHERE code IN ('ezk', "
                 "'ocw', 'techniek-nederland')", 100 + i, i);
        exec(db, sql);
    }
}

static void test_refresh_attendance(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;

    attendance(db);
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE kind = "
                               "'inzet-daalt' AND cleared_at IS NULL", NULL),
                     2);
    assert_int_equal(count(db, "SELECT risk_nr FROM signal WHERE subject = "
                               "'organisatie:ezk'", NULL), 2);
    assert_int_equal(count(db, "SELECT risk_nr FROM signal WHERE subject = "
                               "'organisatie:techniek-nederland'", NULL), 4);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'organisatie:ezk' AND first_seen = "
                               "'2024-08-01T00:00:00Z' AND message LIKE "
                               "'%Kerngroep pijler 1 0% over de laatste 4 "
                               "vergaderingen t/m 2024-08-01 (laatst "
                               "aanwezig 2024-04-01)%'", NULL), 1);
    /* EZK comes back twice: rate 50%, no longer below the threshold */
    exec(db, "UPDATE meeting_invitee SET attendance = 'aanwezig' WHERE "
             "meeting_id IN (107, 108) AND organisation_id = (SELECT id FROM "
             "organisation WHERE code = 'ezk')");
    assert_int_equal(signal_refresh(db), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'organisatie:ezk' AND cleared_at IS NULL",
                           NULL), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM signal WHERE subject = "
                               "'organisatie:techniek-nederland' AND "
                               "cleared_at IS NULL", NULL), 1);
}

/* Inside a caller's transaction refresh joins it: a rollback undoes it. */
static void test_refresh_in_transaction(void **state)
{
    struct store_fixture *fx = *state;
    sqlite3 *db = fx->db;

    assert_int_equal(store_begin(db), 0);
    assert_int_equal(signal_refresh(db), 0);
    assert_true(count(db, "SELECT count(*) FROM signal", NULL) > 0);
    store_rollback(db);
    assert_int_equal(count(db, "SELECT count(*) FROM signal", NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_raise_keeps_since_and_reopens,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_coverage_and_seats,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_knelpunt, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refresh_pressure, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refresh_attendance, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refresh_in_transaction, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
