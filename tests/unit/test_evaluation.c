/* test_evaluation.c - unit tests for evaluation.h and pdf.h: the period
 * and its Dutch refusals, the figures of a seeded store with meetings,
 * attendance and a budget, the findings (permission, validation, audit,
 * nothing stored on refusal), and a PDF that starts and ends as a PDF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "evaluation.h"
#include "fixture.h"
#include "pdf.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

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
    snprintf(a.name, sizeof a.name, "%s", perm_role_code(role));
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static int setup(void **state)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[256];

    if (fx == NULL || fixture_open(fx, "/tmp/koers-eval-XXXXXX", err,
                                   sizeof err) != 0 ||
        seed_load(fx->db, data_dir(), err, sizeof err) != 0) {
        print_error("setup: %s\n", err);
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

static void exec(sqlite3 *db, const char *sql)
{
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void period_checks(void **state)
{
    struct eval_period p;
    struct fault f = { 0 };

    (void)state;
    assert_int_equal(evaluation_period("2025-01-01", "2026-12-31", &p, &f),
                     0);
    assert_string_equal(p.van, "2025-01-01");
    assert_int_equal(evaluation_period("2026-01-01", "2025-12-31", &p, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "ligt na tot"));
    assert_int_equal(evaluation_period("2025-02-29", "2025-12-31", &p, &f),
                     -1);
    assert_non_null(strstr(f.msg, "Van is geen geldige datum"));
    assert_int_equal(evaluation_period("2025-01-01", NULL, &p, &f), -1);
    assert_int_equal(evaluation_period("2000-01-01", "2025-01-01", &p, &f),
                     -1);
    assert_non_null(strstr(f.msg, "tien jaar"));
    assert_int_equal(evaluation_period(NULL, "", &p, &f), 0);
    assert_string_equal(p.van + 4, "-01-01");
    assert_string_equal(p.tot + 4, "-12-31");
    assert_int_equal(atoi(p.tot) - atoi(p.van), 1);
}

/* Two held DG-overleggen in the first half of 2019 (the rule asks two a
 * year: one pro rata), one recorded attendance each, and a budget line. */
static void figures_of_a_half_year(void **state)
{
    struct store_fixture *fx = *state;
    struct eval_period p = { "2019-01-01", "2019-06-30" };
    struct fault f = { 0 };
    json_t *ev, *bodies, *b, *dg = NULL, *doc;
    struct buf out;
    char err[128];
    size_t i;

    exec(fx->db, "INSERT INTO meeting(uid, body_id, title, starts_at, "
                 "ends_at) SELECT 'u' || n, id, 'DG', '2019-0' || n || "
                 "'-10T10:00', '2019-0' || n || '-10T11:00' FROM body, "
                 "(SELECT 2 AS n UNION SELECT 5) WHERE code = 'dg-overleg'");
    exec(fx->db, "INSERT INTO meeting_invitee(meeting_id, organisation_id, "
                 "kind, attendance) SELECT m.id, o.id, 'lid', CASE WHEN "
                 "m.starts_at < '2019-04' THEN 'aanwezig' ELSE 'vervangen' "
                 "END FROM meeting m, organisation o WHERE o.code = 'ezk'");
    exec(fx->db, "INSERT INTO budget_line(year, category, planned, spent) "
                 "VALUES (2019, 'regio', 1000, 250)");
    ev = evaluation_gather(fx->db, &p, &f);
    assert_non_null(ev);
    bodies = json_object_get(json_object_get(ev, "overleg"), "perOverleg");
    json_array_foreach(bodies, i, b)
        if (strcmp(sqljson_str(b, "code"), "dg-overleg") == 0)
            dg = b;
    assert_non_null(dg);
    assert_int_equal(sqljson_int(dg, "gehouden"), 2);
    /* 2 a year, 181 of 365 days: 0.99, rounded to 1 */
    assert_int_equal(sqljson_int(dg, "vereist"), 1);
    assert_true(fabs(json_real_value(json_object_get(dg, "opkomst")) -
                     0.75) < 1e-9);
    b = json_array_get(json_object_get(json_object_get(ev, "begroting"),
                                       "perJaar"), 0);
    assert_true(json_real_value(json_object_get(b, "besteed")) == 250.0);
    assert_int_equal(json_array_size(json_object_get(json_object_get(ev,
                     "overleg"), "opkomstPerKwartaal")), 2);

    doc = evaluation_document(ev);
    assert_non_null(doc);
    assert_int_equal(json_array_size(json_object_get(doc, "secties")), 6);
    buf_init(&out, PDF_MAX_BYTES);
    assert_int_equal(pdf_render(doc, &out, err, sizeof err), 0);
    assert_true(out.len > 1000);
    assert_memory_equal(out.data, "%PDF-", 5);
    assert_non_null(strstr(out.data + out.len - 8, "%%EOF"));
    buf_free(&out);
    json_decref(doc);
    json_decref(ev);
}

static void findings_are_checked_and_audited(void **state)
{
    struct store_fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS), dn = actor(ROLE_DEELNEMER);
    struct fault f = { 0 };
    json_t *in, *list;
    long long id, total = 0;
    struct eval_period p = { "2019-01-01", "2019-12-31" };

    in = json_pack("{s:s, s:s, s:s, s:s}", "van", "2019-01-01", "tot",
                   "2019-12-31", "thema", "Sturing", "tekst", "Tekst.");
    assert_int_equal(evaluation_finding_create(fx->db, &dn, in, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(store_count(fx->db, "SELECT count(*) FROM "
                                 "evaluation_finding", NULL), 0);
    assert_int_equal(store_count(fx->db, "SELECT count(*) FROM audit WHERE "
                                 "result = 'geweigerd'", NULL), 1);
    id = evaluation_finding_create(fx->db, &sec, in, &f);
    assert_true(id > 0);
    json_decref(in);

    in = json_pack("{s:s}", "tot", "2018-12-31");
    assert_int_equal(evaluation_finding_update(fx->db, &sec, id, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    in = json_pack("{s:s}", "tekst", "Nieuw.");
    assert_int_equal(evaluation_finding_update(fx->db, &sec, id, in, &f), 0);
    assert_int_equal(evaluation_finding_update(fx->db, &sec, id + 1, in, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    json_decref(in);
    list = evaluation_finding_list(fx->db, &p, 0, 10, &total);
    assert_int_equal(total, 1);
    assert_string_equal(sqljson_str(json_array_get(list, 0), "tekst"),
                        "Nieuw.");
    json_decref(list);
    assert_int_equal(evaluation_finding_delete(fx->db, &sec, id, &f), 0);
    assert_int_equal(evaluation_finding_delete(fx->db, &sec, id, &f), -1);
    assert_int_equal(store_count(fx->db, "SELECT count(*) FROM audit WHERE "
                                 "object_type = 'evaluatiebevinding' AND "
                                 "result = 'gelukt'", NULL), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(period_checks),
        cmocka_unit_test_setup_teardown(figures_of_a_half_year, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(findings_are_checked_and_audited,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
