/* test_goal.c - unit tests for goal.h: the ambitions seeded from
 * data/seed/ambities.json, the roll-up of progress (plain averages,
 * stopped actions left out, null when nothing is below, averages of
 * unrounded values), the signals te laat and zonder eigenaar, the list
 * filters, the permission of a netwerkmanager for the kerngroep of its
 * own pillar only, and the refusals (deadline before start, unknown
 * organisation, afgerond without 100, a goal set outside the
 * koersoverleg) that store nothing, against a real store in a fresh
 * temporary directory per test. The data directory is KOERS_DATA when
 * set, else "data". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "goal.h"
#include "meeting.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"
#include "fixture.h"

struct gfix {
    struct store_fixture fx;
    long long koers;       /* a koersoverleg meeting */
    long long kern;        /* a kerngroep-p1 meeting */
};

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static struct actor actor(enum perm_role role, const char *name,
                          const char *scope)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.role = role;
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.scope, sizeof a.scope, "%s", scope ? scope : "");
    snprintf(a.origin, sizeof a.origin, "test");
    return a;
}

static long long count(sqlite3 *db, const char *sql)
{
    return store_count(db, sql, NULL);
}

static long long plan(sqlite3 *db, const char *body, const char *date)
{
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f = { 0 };
    char b[17], e[17];
    json_t *in;
    long long id;

    snprintf(b, sizeof b, "%sT10:00", date);
    snprintf(e, sizeof e, "%sT12:00", date);
    in = json_pack("{s:s, s:s, s:s}", "overleg", body, "begin", b,
                   "einde", e);
    id = meeting_create(db, &sec, in, &f);
    json_decref(in);
    if (id < 0)
        print_error("plan %s: %s\n", body, f.msg);
    return id;
}

static int setup(void **state)
{
    struct gfix *g = calloc(1, sizeof *g);
    char err[512] = "";

    if (g == NULL)
        return -1;
    if (fixture_open(&g->fx, "/tmp/koers-goal-XXXXXX", err,
                     sizeof err) != 0 ||
        seed_load(g->fx.db, data_dir(), err, sizeof err) != 0) {
        print_error("setup: %s\n", err);
        if (g->fx.db)
            fixture_close(&g->fx);
        free(g);
        return -1;
    }
    g->koers = plan(g->fx.db, "koersoverleg", "2099-04-14");
    g->kern = plan(g->fx.db, "kerngroep-p1", "2099-03-10");
    if (g->koers < 0 || g->kern < 0) {
        fixture_close(&g->fx);
        free(g);
        return -1;
    }
    *state = g;
    return 0;
}

static int teardown(void **state)
{
    struct gfix *g = *state;

    fixture_close(&g->fx);
    free(g);
    return 0;
}

/* ---- builders ---- */

static long long mk_goal(sqlite3 *db, long long ambition, const char *title)
{
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct fault f = { 0 };
    json_t *in = json_pack("{s:s, s:I}", "titel", title, "ambitie",
                           (json_int_t)ambition);
    long long id = goal_create(db, &bb, in, &f);

    json_decref(in);
    if (id < 0)
        print_error("mk_goal: %s\n", f.msg);
    return id;
}

static long long mk_objective(sqlite3 *db, const struct actor *who,
                              long long goal, const char *pillar,
                              struct fault *f)
{
    json_t *in = json_pack("{s:I, s:s, s:s}", "doel", (json_int_t)goal,
                           "pijler", pillar, "titel", "Een doelstelling");
    long long id;

    memset(f, 0, sizeof *f);
    id = goal_objective_create(db, who, in, f);
    json_decref(in);
    return id;
}

/* An action of objective with status and progress; owners "ezk,fnv"
 * (NULL: ["ezk"]). */
static long long mk_action(sqlite3 *db, const struct actor *who,
                           long long objective, const char *status,
                           int progress, const char *start,
                           const char *deadline, const char *owners,
                           struct fault *f)
{
    json_t *in = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i}",
                           "doelstelling", (json_int_t)objective,
                           "titel", "Een actie", "start", start,
                           "deadline", deadline, "status", status,
                           "voortgang", progress);
    json_t *arr = json_array();
    char buf[128], *tok, *save = NULL;
    long long id;

    snprintf(buf, sizeof buf, "%s", owners ? owners : "ezk");
    for (tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        json_array_append_new(arr, json_string(tok));
    json_object_set_new(in, "eigenaars", arr);
    memset(f, 0, sizeof *f);
    id = goal_action_create(db, who, in, f);
    json_decref(in);
    return id;
}

static long long act(sqlite3 *db, long long objective, const char *status,
                     int progress, const char *deadline)
{
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long id = mk_action(db, &sec, objective, status, progress,
                             "2020-01-01", deadline, NULL, &f);

    if (id < 0)
        print_error("act: %s\n", f.msg);
    return id;
}

static long long obj(sqlite3 *db, long long goal, const char *pillar)
{
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long id = mk_objective(db, &sec, goal, pillar, &f);

    if (id < 0)
        print_error("obj: %s\n", f.msg);
    return id;
}

/* voortgang of v: its value, or NAN for null. */
static double progress_of(json_t *v)
{
    json_t *p = json_object_get(v, "voortgang");

    return json_is_number(p) ? json_number_value(p) : NAN;
}

static double objective_progress(sqlite3 *db, long long id)
{
    json_t *o = goal_objective_get(db, id);
    double p = progress_of(o);

    json_decref(o);
    return p;
}

static double goal_progress(sqlite3 *db, long long id)
{
    json_t *g = goal_get(db, id);
    double p = progress_of(g);

    json_decref(g);
    return p;
}

static double ambition_progress(sqlite3 *db, long long id)
{
    json_t *a = goal_ambition_get(db, id);
    double p = progress_of(a);

    json_decref(a);
    return p;
}

/* ---- tests ---- */

static void seed_has_the_ambitions_and_nothing_else(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    json_t *amb = goal_ambitions(db, 0), *a;
    size_t i;

    assert_non_null(amb);
    assert_int_equal(json_array_size(amb), 3);
    json_array_foreach(amb, i, a) {
        json_t *bron = json_object_get(a, "bron");

        assert_true(sqljson_int(bron, "van") >= 1);
        assert_true(sqljson_int(bron, "tot") >= sqljson_int(bron, "van"));
        assert_true(json_is_null(json_object_get(a, "voortgang")));
        assert_int_equal(sqljson_int(a, "aantalDoelen"), 0);
    }
    assert_non_null(strstr(sqljson_str(json_array_get(amb, 1), "titel"),
                           "55-60%"));
    assert_non_null(strstr(sqljson_str(json_array_get(amb, 2), "titel"),
                           "1 miljoen"));
    assert_int_equal(sqljson_int(json_object_get(json_array_get(amb, 1),
                                                 "bron"), "van"), 1251);
    json_decref(amb);
    /* the report sets no goals, objectives or actions */
    assert_int_equal(count(db, "SELECT count(*) FROM goal"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM objective"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action"), 0);
}

static void rollup_is_a_plain_average(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    long long g1 = mk_goal(db, 1, "Doel een"), g2 = mk_goal(db, 1, "Doel 2");
    long long o1 = obj(db, g1, "P1"), o2 = obj(db, g1, "P2");
    long long o3 = obj(db, g1, "P3"), o4 = obj(db, g2, "P1");

    assert_true(g1 > 0 && g2 > 0 && o1 > 0 && o2 > 0 && o3 > 0 && o4 > 0);
    /* nothing below: null all the way up */
    assert_true(isnan(objective_progress(db, o1)));
    assert_true(isnan(goal_progress(db, g1)));
    assert_true(isnan(ambition_progress(db, 1)));

    /* o1: 40 and 80, and a stopped action at 0 that does not count */
    act(db, o1, "lopend", 40, "2099-12-31");
    act(db, o1, "lopend", 80, "2099-12-31");
    act(db, o1, "gestopt", 0, "2099-12-31");
    /* o2: 100 (afgerond), 0 and 50 */
    act(db, o2, "afgerond", 100, "2099-12-31");
    act(db, o2, "gepland", 0, "2099-12-31");
    act(db, o2, "lopend", 50, "2099-12-31");
    /* o4 (goal 2): only a stopped action, so no progress */
    act(db, o4, "gestopt", 70, "2099-12-31");

    assert_true(fabs(objective_progress(db, o1) - 60.0) < 1e-9);
    assert_true(fabs(objective_progress(db, o2) - 50.0) < 1e-9);
    assert_true(isnan(objective_progress(db, o3)));
    assert_true(isnan(objective_progress(db, o4)));
    /* goal 1 = (60 + 50) / 2; o3 without actions does not count */
    assert_true(fabs(goal_progress(db, g1) - 55.0) < 1e-9);
    assert_true(isnan(goal_progress(db, g2)));
    /* ambition 1 = average of its goals with progress: only goal 1 */
    assert_true(fabs(ambition_progress(db, 1) - 55.0) < 1e-9);
    assert_true(isnan(ambition_progress(db, 2)));

    /* not weighted: o2 gets three more actions at 0 -> 25, goal 42.5 */
    act(db, o2, "gepland", 0, "2099-12-31");
    act(db, o2, "gepland", 0, "2099-12-31");
    act(db, o2, "gepland", 0, "2099-12-31");
    assert_true(fabs(objective_progress(db, o2) - 25.0) < 1e-9);
    assert_true(fabs(goal_progress(db, g1) - 42.5) < 1e-9);

    /* o4 gets 10, 20, 20 (16.666..): goal 2 16.7, the ambition the
     * average of 42.5 and 16.666.. = 29.58.. -> 29.6 */
    act(db, o4, "lopend", 10, "2099-12-31");
    act(db, o4, "lopend", 20, "2099-12-31");
    act(db, o4, "lopend", 20, "2099-12-31");
    assert_true(fabs(objective_progress(db, o4) - 16.7) < 1e-9);
    assert_true(fabs(goal_progress(db, g2) - 16.7) < 1e-9);
    assert_true(fabs(ambition_progress(db, 1) - 29.6) < 1e-9);
}

/* Averages are taken of the unrounded values below and rounded to one
 * decimal at the end: objectives at 1/3 (shown 0.3) and 0.75 (shown
 * 0.8) make a goal of 0.541.. -> 0.5, not (0.3 + 0.8) / 2 = 0.6. */
static void rollup_averages_unrounded_values(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    long long goal = mk_goal(db, 3, "Doel");
    long long a = obj(db, goal, "P1"), b = obj(db, goal, "P2");

    act(db, a, "gepland", 0, "2099-12-31");
    act(db, a, "gepland", 0, "2099-12-31");
    act(db, a, "lopend", 1, "2099-12-31");
    act(db, b, "gepland", 0, "2099-12-31");
    act(db, b, "lopend", 1, "2099-12-31");
    act(db, b, "lopend", 1, "2099-12-31");
    act(db, b, "lopend", 1, "2099-12-31");
    assert_true(fabs(objective_progress(db, a) - 0.3) < 1e-9);
    assert_true(fabs(objective_progress(db, b) - 0.8) < 1e-9);
    assert_true(fabs(goal_progress(db, goal) - 0.5) < 1e-9);
    assert_true(fabs(ambition_progress(db, 3) - 0.5) < 1e-9);
}

static void late_and_without_owner_are_signalled(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct goal_action_filter flt = { 0 };
    struct fault f = { 0 };
    long long goal = mk_goal(db, 2, "Doel"), o = obj(db, goal, "P2");
    long long late = act(db, o, "lopend", 30, "2020-06-30");
    long long future = act(db, o, "gepland", 0, "2099-06-30");
    long long done = act(db, o, "afgerond", 100, "2020-06-30");
    long long stopped = act(db, o, "gestopt", 10, "2020-06-30");
    long long total = 0;
    json_t *a, *in, *os, *list;

    assert_true(late > 0 && future > 0 && done > 0 && stopped > 0);
    a = goal_action_get(db, late);
    assert_true(json_is_true(json_object_get(a, "teLaat")));
    assert_string_equal(sqljson_str(a, "signaal"), "te-laat");
    json_decref(a);
    a = goal_action_get(db, future);
    assert_true(json_is_false(json_object_get(a, "teLaat")));
    assert_string_equal(sqljson_str(a, "signaal"), "op-schema");
    json_decref(a);
    /* a past deadline does not make a closed action late */
    a = goal_action_get(db, done);
    assert_true(json_is_false(json_object_get(a, "teLaat")));
    assert_string_equal(sqljson_str(a, "signaal"), "afgerond");
    json_decref(a);
    a = goal_action_get(db, stopped);
    assert_true(json_is_false(json_object_get(a, "teLaat")));
    assert_string_equal(sqljson_str(a, "signaal"), "gestopt");
    json_decref(a);

    /* removing the owners in an update: zonder eigenaar */
    in = json_pack("{s:[]}", "eigenaars");
    assert_int_equal(goal_action_update(db, &sec, future, in, &f), 0);
    json_decref(in);
    a = goal_action_get(db, future);
    assert_true(json_is_true(json_object_get(a, "zonderEigenaar")));
    assert_string_equal(sqljson_str(a, "signaal"), "zonder-eigenaar");
    assert_int_equal(json_array_size(json_object_get(a, "eigenaars")), 0);
    json_decref(a);

    os = goal_objective_get(db, o);
    assert_int_equal(sqljson_int(os, "aantalActies"), 4);
    assert_int_equal(sqljson_int(os, "aantalTeLaat"), 1);
    assert_int_equal(sqljson_int(os, "aantalZonderEigenaar"), 1);
    assert_int_equal(sqljson_int(os, "aantalOpSchema"), 0);
    assert_int_equal(sqljson_int(os, "aantalAfgerond"), 1);
    assert_int_equal(sqljson_int(os, "aantalGestopt"), 1);
    json_decref(os);
    os = goal_get(db, goal);
    assert_int_equal(sqljson_int(os, "aantalTeLaat"), 1);
    assert_int_equal(sqljson_int(os, "aantalZonderEigenaar"), 1);
    json_decref(os);

    /* the list filters agree */
    flt.late = 1;
    flt.no_owner = -1;
    list = goal_action_list(db, &flt, 0, 10, &total);
    assert_int_equal(total, 1);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), late);
    json_decref(list);
    flt.late = -1;
    flt.no_owner = 1;
    list = goal_action_list(db, &flt, 0, 10, &total);
    assert_int_equal(total, 1);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), future);
    json_decref(list);
    flt.no_owner = -1;
    flt.owner = "ezk";
    flt.pillar = "P2";
    list = goal_action_list(db, &flt, 0, 2, &total);
    assert_int_equal(total, 3);
    assert_int_equal(json_array_size(list), 2);
    json_decref(list);
    flt.pillar = "P1";
    list = goal_action_list(db, &flt, 0, 2, &total);
    assert_int_equal(total, 0);
    json_decref(list);
    flt.pillar = NULL;
    flt.owner = "bestaat-niet";
    assert_int_equal(goal_action_filter_check(db, &flt, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
}

static void netwerkmanager_only_for_own_pillar(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor nm = actor(ROLE_NETWERKMANAGER, "nm-p1", "kerngroep-p1");
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long goal = mk_goal(db, 1, "Doel"), o1, o2, before, refusals, a;
    json_t *in;

    o1 = mk_objective(db, &nm, goal, "P1", &f);
    assert_true(o1 > 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'doelstelling.beheren' AND result = "
                               "'gelukt' AND object_type = 'doelstelling'"),
                     1);
    before = count(db, "SELECT count(*) FROM objective");
    refusals = count(db, "SELECT count(*) FROM audit WHERE result = "
                         "'geweigerd'");
    assert_int_equal(mk_objective(db, &nm, goal, "P2", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_non_null(strstr(f.msg, "kerngroep-p2"));
    /* P4 has no kerngroep: only unscoped roles */
    assert_int_equal(mk_objective(db, &nm, goal, "P4", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    /* the boegbeeld sets goals, not objectives */
    assert_int_equal(mk_objective(db, &bb, goal, "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM objective"), before);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE result = "
                               "'geweigerd'"), refusals + 3);
    assert_true(mk_objective(db, &sec, goal, "P4", &f) > 0);

    /* actions go through the objective's pillar */
    o2 = obj(db, goal, "P2");
    assert_true(mk_action(db, &nm, o1, "gepland", 0, "2025-01-01",
                          "2025-12-31", NULL, &f) > 0);
    before = count(db, "SELECT count(*) FROM goal_action");
    assert_int_equal(mk_action(db, &nm, o2, "gepland", 0, "2025-01-01",
                               "2025-12-31", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action"), before);
    /* nor may it move its objective, or an action, to another pillar */
    in = json_pack("{s:s}", "pijler", "P2");
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_objective_update(db, &nm, o1, in, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    json_decref(in);
    assert_int_equal(count(db, "SELECT count(*) FROM objective WHERE "
                               "pillar_code = 'P1'"), 1);
    a = act(db, o1, "lopend", 10, "2099-01-01");
    in = json_pack("{s:I}", "doelstelling", (json_int_t)o2);
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_action_update(db, &nm, a, in, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    json_decref(in);
    /* a netwerkmanager without a scope cannot start at all */
    nm = actor(ROLE_NETWERKMANAGER, "nm-zonder", NULL);
    assert_int_equal(mk_objective(db, &nm, goal, "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
}

static void deadline_before_start_is_refused(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long o = obj(db, mk_goal(db, 1, "Doel"), "P3"), a;
    long long audits = count(db, "SELECT count(*) FROM audit");
    json_t *in;

    assert_int_equal(mk_action(db, &sec, o, "gepland", 0, "2025-03-01",
                               "2025-02-28", "ezk,fnv", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "deadline"));
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action_owner"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit"), audits);
    /* the same day is allowed; an update to before the start is not */
    a = mk_action(db, &sec, o, "gepland", 0, "2025-03-01", "2025-03-01",
                  NULL, &f);
    assert_true(a > 0);
    in = json_pack("{s:s}", "deadline", "2025-01-01");
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_action_update(db, &sec, a, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action WHERE "
                               "deadline = '2025-03-01'"), 1);
    /* not a date at all */
    assert_int_equal(mk_action(db, &sec, o, "gepland", 0, "2025-02-30",
                               "2025-03-01", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
}

static void unknown_organisation_is_refused(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long o = obj(db, mk_goal(db, 1, "Doel"), "P1"), a;
    json_t *in;

    assert_int_equal(mk_action(db, &sec, o, "gepland", 0, "2025-01-01",
                               "2025-12-31", "ezk,bestaat-niet", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "bestaat-niet"));
    assert_int_equal(mk_action(db, &sec, o, "gepland", 0, "2025-01-01",
                               "2025-12-31", "ezk,ezk", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action_owner"), 0);
    /* an action needs an owner at creation */
    in = json_pack("{s:I, s:s, s:s, s:s, s:[]}", "doelstelling",
                   (json_int_t)o, "titel", "Zonder", "start", "2025-01-01",
                   "deadline", "2025-02-01", "eigenaars");
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_action_create(db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    /* an update with an unknown owner changes nothing */
    a = mk_action(db, &sec, o, "gepland", 0, "2025-01-01", "2025-12-31",
                  "ezk,fnv", &f);
    assert_true(a > 0);
    in = json_pack("{s:[s], s:s}", "eigenaars", "bestaat-niet", "status",
                   "lopend");
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_action_update(db, &sec, a, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action_owner"), 2);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action WHERE "
                               "status = 'gepland'"), 1);
}

static void afgerond_means_100(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    long long o = obj(db, mk_goal(db, 1, "Doel"), "P1"), a;
    json_t *in, *v;

    assert_int_equal(mk_action(db, &sec, o, "afgerond", 60, "2025-01-01",
                               "2025-12-31", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(mk_action(db, &sec, o, "lopend", 101, "2025-01-01",
                               "2025-12-31", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action"), 0);
    a = mk_action(db, &sec, o, "lopend", 60, "2025-01-01", "2025-12-31",
                  NULL, &f);
    assert_true(a > 0);
    /* status afgerond without voortgang sets 100 */
    in = json_pack("{s:s}", "status", "afgerond");
    assert_int_equal(goal_action_update(db, &sec, a, in, &f), 0);
    json_decref(in);
    v = goal_action_get(db, a);
    assert_int_equal(sqljson_int(v, "voortgang"), 100);
    json_decref(v);
    /* and it cannot go down while afgerond */
    in = json_pack("{s:i}", "voortgang", 90);
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_action_update(db, &sec, a, in, &f), -1);
    json_decref(in);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_action WHERE "
                               "progress = 100"), 1);
}

static void goals_are_set_in_the_koersoverleg(void **state)
{
    struct gfix *g = *state;
    sqlite3 *db = g->fx.db;
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct actor dn = actor(ROLE_DEELNEMER, "deelnemer", NULL);
    struct fault f = { 0 };
    json_t *in, *v;
    long long id;

    in = json_pack("{s:s, s:i, s:I}", "titel", "Doel", "ambitie", 1,
                   "vergadering", (json_int_t)g->kern);
    assert_int_equal(goal_create(db, &bb, in, &f), -1);
    assert_int_equal(f.kind, FAULT_RULE);
    json_decref(in);
    in = json_pack("{s:s, s:i, s:[s]}", "titel", "Doel", "ambitie", 1,
                   "indicatoren", "bestaat-niet");
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_create(db, &bb, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    in = json_pack("{s:s, s:i}", "titel", "Doel", "ambitie", 1);
    memset(&f, 0, sizeof f);
    assert_int_equal(goal_create(db, &dn, in, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    json_decref(in);
    assert_int_equal(count(db, "SELECT count(*) FROM goal"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM goal_indicator"), 0);

    in = json_pack("{s:s, s:i, s:I, s:[s, s]}", "titel", "Meer instroom",
                   "ambitie", 1, "vergadering", (json_int_t)g->koers,
                   "indicatoren", "p1-beta-profielkeuze",
                   "p1-hybride-docenten");
    memset(&f, 0, sizeof f);
    id = goal_create(db, &bb, in, &f);
    json_decref(in);
    assert_true(id > 0);
    v = goal_get(db, id);
    assert_int_equal(sqljson_int(json_object_get(v, "vergadering"), "id"),
                     g->koers);
    assert_int_equal(json_array_size(json_object_get(v, "indicatoren")), 2);
    json_decref(v);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'doel.beheren' AND object_type = 'doel' AND "
                               "result = 'gelukt'"), 1);
    /* an update replaces the indicator set and may clear the meeting */
    in = json_pack("{s:[s], s:n}", "indicatoren", "p2-zij-instroom",
                   "vergadering");
    assert_int_equal(goal_update(db, &bb, id, in, &f), 0);
    json_decref(in);
    v = goal_get(db, id);
    assert_true(json_is_null(json_object_get(v, "vergadering")));
    assert_int_equal(json_array_size(json_object_get(v, "indicatoren")), 1);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            seed_has_the_ambitions_and_nothing_else, setup, teardown),
        cmocka_unit_test_setup_teardown(rollup_is_a_plain_average, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rollup_averages_unrounded_values,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(late_and_without_owner_are_signalled,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(netwerkmanager_only_for_own_pillar,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(deadline_before_start_is_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_organisation_is_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(afgerond_means_100, setup, teardown),
        cmocka_unit_test_setup_teardown(goals_are_set_in_the_koersoverleg,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
