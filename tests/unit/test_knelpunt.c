/* test_knelpunt.c - unit tests for knelpunt.h: the route seeded from
 * data/seed/knelpuntroute.json, raising knelpunten, moving them along the
 * tables (with the agenda items on the next meeting of each table), the
 * refusals (illegal step, wrong role, wrong region, unknown region, bad
 * text, missing reason), the secretaris's mandate, the history and the
 * overdue signal, against a real store in a fresh temporary directory per
 * test. The data directory is KOERS_DATA when set, else "data". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "knelpunt.h"
#include "meeting.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

struct fixture {
    char dir[64];
    char path[128];
    sqlite3 *db;
    long long meeting[4];   /* bovenregionaal, kerngroep-p1, koers, dg */
};

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static void remove_db_files(const char *path)
{
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
    char p[192];
    size_t i;

    for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static struct actor actor(enum perm_role role, const char *name,
                          const char *scope)
{
    struct actor a;

    memset(&a, 0, sizeof a);
    a.user_id = 0;
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

/* A planned meeting of body on date (YYYY-MM-DD) in the far future, so it
 * is the next meeting of that body whenever the test runs. */
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
    struct fixture *fx = calloc(1, sizeof *fx);
    char err[512] = "";

    if (fx == NULL)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/koers-knelpunt-XXXXXX");
    if (mkdtemp(fx->dir) == NULL) {
        free(fx);
        return -1;
    }
    snprintf(fx->path, sizeof fx->path, "%s/koers.db", fx->dir);
    fx->db = store_open(fx->path, 1, err, sizeof err);
    if (fx->db == NULL || store_create_schema(fx->db) != 0 ||
        seed_load(fx->db, data_dir(), err, sizeof err) != 0)
        goto fail;
    fx->meeting[0] = plan(fx->db, "bovenregionaal-overleg", "2099-02-10");
    fx->meeting[1] = plan(fx->db, "kerngroep-p1", "2099-03-10");
    fx->meeting[2] = plan(fx->db, "koersoverleg", "2099-04-14");
    fx->meeting[3] = plan(fx->db, "dg-overleg", "2099-05-12");
    if (fx->meeting[0] < 0 || fx->meeting[1] < 0 || fx->meeting[2] < 0 ||
        fx->meeting[3] < 0)
        goto fail;
    *state = fx;
    return 0;
fail:
    print_error("setup: %s\n", err);
    store_close(fx->db);
    remove_db_files(fx->path);
    rmdir(fx->dir);
    free(fx);
    return -1;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    store_close(fx->db);
    remove_db_files(fx->path);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

/* Raise a knelpunt for region with pillars ("P1" or "P1,P3"). */
static long long raise_kp(sqlite3 *db, const struct actor *who,
                          const char *region, const char *pillars,
                          struct fault *f)
{
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}",
        "titel", "Stapelen van subsidies voor zij-instromers",
        "omschrijving", "De regeling staat niet toe dat regionale middelen "
                        "worden gecombineerd met de landelijke subsidie.",
        "herkomst", "regelgeving", "regio", region,
        "onderbouwing", "Drie werkgevers in de Achterhoek haakten af.");
    json_t *p = json_array();
    char buf[32], *tok, *save = NULL;
    long long id;

    snprintf(buf, sizeof buf, "%s", pillars);
    for (tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        json_array_append_new(p, json_string(tok));
    json_object_set_new(in, "pijlers", p);
    memset(f, 0, sizeof *f);
    id = knelpunt_create(db, who, in, f);
    json_decref(in);
    return id;
}

static int step(sqlite3 *db, const struct actor *who, long long id,
                const char *to, const char *why, struct fault *f)
{
    json_t *in = why ? json_pack("{s:s, s:s}", "naar", to, "toelichting",
                                 why)
                     : json_pack("{s:s}", "naar", to);
    int rc;

    memset(f, 0, sizeof *f);
    rc = knelpunt_transition(db, who, id, in, f);
    json_decref(in);
    return rc;
}

static const char *state_of(sqlite3 *db, long long id, char *out,
                            size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT state FROM knelpunt WHERE "
                                         "id = ?");

    out[0] = '\0';
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* The meeting the agenda item with this source reference is on (0 when
 * waiting, -1 when there is no such item). */
static long long item_meeting(sqlite3 *db, const char *ref)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT coalesce(meeting_id, 0) "
                                         "FROM agenda_item WHERE source = "
                                         "'knelpunt' AND source_ref = ?");
    long long m = -1;

    store_bind_text(st, 1, ref);
    if (sqlite3_step(st) == SQLITE_ROW)
        m = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return m;
}

/* The route seeded from the data file: every transition has a source in
 * the report, the secretaris's direct escalations are marked, and the
 * overdue term is data. */
static void test_route_seeded(void **state)
{
    struct fixture *fx = *state;
    json_t *route = knelpunt_route(fx->db), *t;
    size_t i;
    int direct = 0;

    assert_non_null(route);
    assert_int_equal(json_array_size(json_object_get(route, "toestanden")),
                     11);
    assert_int_equal(json_array_size(json_object_get(route, "overgangen")),
                     42);
    assert_int_equal(sqljson_int(json_object_get(route, "termijn"), "dagen"),
                     56);
    json_array_foreach(json_object_get(route, "overgangen"), i, t) {
        json_t *bron = json_object_get(t, "bron");

        assert_true(json_is_object(bron));
        assert_true(sqljson_int(bron, "van") >= 1);
        if (json_is_true(json_object_get(t, "alleenSecretaris"))) {
            direct++;
            assert_string_equal(sqljson_str(t, "naar"), "dg-overleg");
            assert_int_equal(json_array_size(json_object_get(t, "rollen")),
                             2);
            assert_true(json_is_true(json_object_get(t, "redenVerplicht")));
        }
    }
    assert_int_equal(direct, 5);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM region"), 48);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM region WHERE kind "
                                   "= 'provincie'"), 12);
    json_decref(route);
}

/* The Done-when path: an accounthouder of Gelderland raises a knelpunt
 * about a regulation; it travels through the bovenregionaal overleg, the
 * kerngroep, the koersoverleg and the DG-overleg, on each agenda in turn,
 * and the DG-overleg's decision is visible in its history. */
static void test_full_path(void **state)
{
    struct fixture *fx = *state;
    struct actor ah = actor(ROLE_ACCOUNTHOUDER, "ah-gelderland", "pv25");
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor nm = actor(ROLE_NETWERKMANAGER, "nm-p1", "kerngroep-p1");
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct actor min = actor(ROLE_MINISTERIE, "dg-ezk", NULL);
    struct fault f;
    char s[48], ref[64];
    long long id;
    json_t *k, *hist, *e;
    size_t i;

    id = raise_kp(fx->db, &ah, "PV25", "P1", &f);
    assert_true(id > 0);
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "gemeld");

    assert_int_equal(step(fx->db, &ah, id, "bovenregionaal", NULL, &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:bovenregionaal", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[0]);

    assert_int_equal(step(fx->db, &sec, id, "kerngroep-p1", "Pijler 1",
                          &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:kerngroep-p1", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[1]);

    assert_int_equal(step(fx->db, &nm, id, "koersoverleg", NULL, &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:koersoverleg", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[2]);

    assert_int_equal(step(fx->db, &bb, id, "dg-overleg", "Verzoek om de "
                          "regeling aan te passen", &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:dg-overleg", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[3]);

    assert_int_equal(step(fx->db, &min, id, "besluit-genomen", "De regeling "
                          "wordt per 1 januari aangepast.", &f), 0);
    assert_string_equal(state_of(fx->db, id, s, sizeof s),
                        "besluit-genomen");
    /* no agenda item for an end state; four in all */
    assert_int_equal(count(fx->db, "SELECT count(*) FROM agenda_item WHERE "
                                   "source = 'knelpunt'"), 4);

    k = knelpunt_get(fx->db, id, 1);
    assert_non_null(k);
    assert_string_equal(sqljson_str(json_object_get(k, "regio"), "naam"),
                        "Gelderland");
    assert_true(json_is_true(json_object_get(json_object_get(k, "toestand"),
                                             "eind")));
    assert_true(json_is_false(json_object_get(k, "teLaat")));
    hist = json_object_get(k, "geschiedenis");
    assert_int_equal(json_array_size(hist), 6);
    json_array_foreach(hist, i, e) {
        json_t *item = json_object_get(e, "agendapunt");

        if (i >= 1 && i <= 4) {
            assert_true(json_is_object(item));
            assert_int_equal(sqljson_int(json_object_get(item,
                                                         "vergadering"),
                                         "id"), fx->meeting[i - 1]);
            assert_true(json_is_number(json_object_get(e, "duurDagen")));
        } else {
            assert_true(json_is_null(item));
        }
    }
    e = json_array_get(hist, 5);
    assert_string_equal(sqljson_str(json_object_get(e, "van"), "code"),
                        "dg-overleg");
    assert_string_equal(sqljson_str(e, "toelichting"),
                        "De regeling wordt per 1 januari aangepast.");
    assert_string_equal(sqljson_str(e, "door"), "dg-ezk");
    assert_string_equal(sqljson_str(e, "rol"), "ministerie");
    assert_int_equal(json_array_size(json_object_get(k,
                                                     "tijdPerToestand")), 5);
    json_decref(k);
    /* the public view leaves out names */
    k = knelpunt_get(fx->db, id, 0);
    assert_true(json_is_null(json_object_get(json_array_get(
        json_object_get(k, "geschiedenis"), 5), "door")));
    json_decref(k);
    /* every change audited */
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE "
                                   "object_type = 'knelpunt' AND result = "
                                   "'gelukt'"), 6);

    /* publishing: the accounthouder may not, the secretaris may, once */
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_publish(fx->db, &ah, id, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_false(knelpunt_is_public(fx->db, id));
    assert_int_equal(knelpunt_publish(fx->db, &sec, id, &f), 0);
    assert_true(knelpunt_is_public(fx->db, id));
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_publish(fx->db, &sec, id, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    /* an end state has no next steps */
    assert_int_equal(step(fx->db, &sec, id, "koersoverleg", "x", &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
}

static void test_illegal_transition(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    char s[48];
    long long id = raise_kp(fx->db, &sec, "PV25", "P1", &f);

    assert_true(id > 0);
    assert_int_equal(step(fx->db, &sec, id, "koersoverleg", "te vroeg", &f),
                     -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_non_null(strstr(f.msg, "Bovenregionaal overleg"));
    assert_non_null(strstr(f.msg, "Afgewezen"));
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "gemeld");
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt_event"), 1);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM agenda_item"), 0);
    /* an unknown state is invalid input */
    assert_int_equal(step(fx->db, &sec, id, "nergens", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    /* unknown fields and unknown knelpunten */
    {
        json_t *in = json_pack("{s:s, s:s}", "naar", "bovenregionaal",
                               "extra", "x");

        memset(&f, 0, sizeof f);
        assert_int_equal(knelpunt_transition(fx->db, &sec, id, in, &f), -1);
        assert_int_equal(f.kind, FAULT_INVALID);
        memset(&f, 0, sizeof f);
        assert_int_equal(knelpunt_transition(fx->db, &sec, id + 100, in, &f),
                         -1);
        assert_int_equal(f.kind, FAULT_NOTFOUND);
        json_decref(in);
    }
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt_event"), 1);
}

static void test_wrong_role(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor dn = actor(ROLE_DEELNEMER, "deelnemer", NULL);
    struct actor nm2 = actor(ROLE_NETWERKMANAGER, "nm-p2", "kerngroep-p2");
    struct actor nm1 = actor(ROLE_NETWERKMANAGER, "nm-p1", "kerngroep-p1");
    struct fault f;
    char s[48];
    long long id = raise_kp(fx->db, &sec, "PV25", "P1", &f), refusals;

    assert_true(id > 0);
    assert_int_equal(step(fx->db, &dn, id, "bovenregionaal", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "gemeld");
    assert_int_equal(step(fx->db, &sec, id, "bovenregionaal", NULL, &f), 0);
    /* a pillar-1 knelpunt does not go to the kerngroep of pillar 2 */
    assert_int_equal(step(fx->db, &sec, id, "kerngroep-p2", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(step(fx->db, &sec, id, "kerngroep-p1", NULL, &f), 0);
    /* the netwerkmanager of pillar 2 may not handle pillar 1's table */
    assert_int_equal(step(fx->db, &nm2, id, "koersoverleg", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_non_null(strstr(f.msg, "kerngroep-p2"));
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "kerngroep-p1");
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt_event"), 3);
    refusals = count(fx->db, "SELECT count(*) FROM audit WHERE result = "
                             "'geweigerd' AND object_type = 'knelpunt'");
    assert_int_equal(refusals, 2);
    /* its own netwerkmanager may */
    assert_int_equal(step(fx->db, &nm1, id, "opgelost", NULL, &f), 0);
}

static void test_region_scope(void **state)
{
    struct fixture *fx = *state;
    struct actor ah = actor(ROLE_ACCOUNTHOUDER, "ah-gelderland", "pv25");
    struct actor rg = actor(ROLE_REGIO, "coalitie-achterhoek", "am09");
    struct actor none = actor(ROLE_ACCOUNTHOUDER, "ah-zonder", NULL);
    struct actor dn = actor(ROLE_DEELNEMER, "deelnemer", NULL);
    struct fault f;

    assert_int_equal(raise_kp(fx->db, &ah, "PV21", "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_non_null(strstr(f.msg, "Fryslân"));
    assert_int_equal(raise_kp(fx->db, &none, "PV25", "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(raise_kp(fx->db, &dn, "PV25", "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt"), 0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM audit WHERE result "
                                   "= 'geweigerd' AND action = "
                                   "'knelpunt.melden'"), 3);
    /* the own region, whatever the case of the scope */
    assert_true(raise_kp(fx->db, &ah, "PV25", "P1,P3", &f) > 0);
    assert_true(raise_kp(fx->db, &rg, "AM09", "P2", &f) > 0);
    assert_true(knelpunt_may_raise(&ah, "PV25"));
    assert_false(knelpunt_may_raise(&ah, "AM09"));
}

static void test_bad_input(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f = { 0 };
    char *big = malloc(KNELPUNT_TEXT_MAX + 2);
    json_t *in;

    assert_non_null(big);
    assert_int_equal(raise_kp(fx->db, &sec, "PV99", "P1", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "PV99"));
    assert_int_equal(raise_kp(fx->db, &sec, "PV25", "P7", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(raise_kp(fx->db, &sec, "PV25", "P1,P1", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);

    memset(big, 'x', KNELPUNT_TEXT_MAX + 1);
    big[KNELPUNT_TEXT_MAX + 1] = '\0';
    in = json_pack("{s:s, s:s, s:s, s:s, s:[s]}", "titel", "t",
                   "omschrijving", big, "herkomst", "wet", "regio", "PV25",
                   "pijlers", "P1");
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "10000"));
    json_object_set_new(in, "omschrijving", json_string("Goed"));
    json_object_set_new(in, "titel", json_string("   "));
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_object_set_new(in, "titel", json_string(""));
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_object_set_new(in, "titel", json_string("Titel"));
    json_object_set_new(in, "herkomst", json_string("gevoel"));
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_object_set_new(in, "herkomst", json_string("wet"));
    json_object_set_new(in, "pijlers", json_array());
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_object_del(in, "pijlers");
    memset(&f, 0, sizeof f);
    assert_int_equal(knelpunt_create(fx->db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt"), 0);
    assert_int_equal(count(fx->db, "SELECT count(*) FROM knelpunt_pillar"),
                     0);
    json_object_set_new(in, "pijlers", json_pack("[s]", "P4"));
    assert_true(knelpunt_create(fx->db, &sec, in, &f) > 0);
    json_decref(in);
    free(big);
}

static void test_reason_required(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    char s[48];
    long long id = raise_kp(fx->db, &sec, "PV25", "P1", &f);

    assert_int_equal(step(fx->db, &sec, id, "afgewezen", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(step(fx->db, &sec, id, "afgewezen", " \n ", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "gemeld");
    assert_int_equal(step(fx->db, &sec, id, "afgewezen", "Geen landelijke "
                          "oorsprong: de gemeente regelt dit.", &f), 0);
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "afgewezen");
}

/* The secretaris's mandate: straight to the DG-overleg, with a reason;
 * the ministerie, which handles what reaches the DG-overleg, may not
 * skip the tables. */
static void test_secretaris_mandate(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor min = actor(ROLE_MINISTERIE, "dg-ezk", NULL);
    struct actor bh = actor(ROLE_BEHEERDER, "beheerder", NULL);
    struct fault f;
    char s[48], ref[64];
    long long id = raise_kp(fx->db, &sec, "PV25", "P2", &f);
    long long id2 = raise_kp(fx->db, &sec, "PV26", "P3", &f);
    json_t *steps;

    assert_int_equal(step(fx->db, &min, id, "dg-overleg", "Spoed", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_non_null(strstr(f.msg, "secretaris"));
    assert_string_equal(state_of(fx->db, id, s, sizeof s), "gemeld");
    steps = knelpunt_next_steps(fx->db, &min, id);
    assert_int_equal(json_array_size(steps), 0);
    json_decref(steps);
    steps = knelpunt_next_steps(fx->db, &sec, id);
    assert_int_equal(json_array_size(steps), 3);
    json_decref(steps);

    assert_int_equal(step(fx->db, &sec, id, "dg-overleg", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(step(fx->db, &sec, id, "dg-overleg", "Belemmert de "
                          "uitvoering in drie regio's.", &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:dg-overleg", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[3]);
    /* once at the DG-overleg, the ministerie handles it */
    assert_int_equal(step(fx->db, &min, id, "opgelost", NULL, &f), 0);
    /* the beheerder may escalate too */
    assert_int_equal(step(fx->db, &bh, id2, "bovenregionaal", NULL, &f), 0);
    assert_int_equal(step(fx->db, &bh, id2, "dg-overleg", "Mandaat", &f), 0);
}

/* A teruglegging and a second visit: the knelpunt lands on the agenda
 * again, with its own reference; no kerngroep meeting is planned for
 * pillar 2, so the item waits. */
static void test_teruglegging(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    char ref[64];
    long long id = raise_kp(fx->db, &sec, "PV25", "P1,P2", &f);

    assert_int_equal(step(fx->db, &sec, id, "bovenregionaal", NULL, &f), 0);
    assert_int_equal(step(fx->db, &sec, id, "kerngroep-p2", NULL, &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:kerngroep-p2", id);
    assert_int_equal(item_meeting(fx->db, ref), 0);
    assert_int_equal(step(fx->db, &sec, id, "bovenregionaal", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(step(fx->db, &sec, id, "bovenregionaal", "Eerst meer "
                          "onderbouwing uit de regio.", &f), 0);
    snprintf(ref, sizeof ref, "knelpunt:%lld:bovenregionaal:2", id);
    assert_int_equal(item_meeting(fx->db, ref), fx->meeting[0]);
    assert_int_equal(step(fx->db, &sec, id, "kerngroep-p1", NULL, &f), 0);
}

static void test_overdue(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct knelpunt_filter late = { NULL, NULL, NULL, 1, 0 };
    struct knelpunt_filter on_time = { NULL, NULL, NULL, 0, 0 };
    struct fault f;
    long long id = raise_kp(fx->db, &sec, "PV25", "P1", &f), total;
    json_t *k, *list;
    char sql[300];

    raise_kp(fx->db, &sec, "PV26", "P2", &f);
    k = knelpunt_get(fx->db, id, 1);
    assert_true(json_is_false(json_object_get(k, "teLaat")));
    assert_int_equal(sqljson_int(k, "termijnDagen"), 56);
    json_decref(k);
    snprintf(sql, sizeof sql, "UPDATE knelpunt SET state_since = strftime("
             "'%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-60 days') WHERE id = "
             "%lld", id);
    assert_int_equal(sqlite3_exec(fx->db, sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(sql, sizeof sql, "UPDATE knelpunt_event SET at = strftime("
             "'%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-60 days') WHERE "
             "knelpunt_id = %lld", id);
    assert_int_equal(sqlite3_exec(fx->db, sql, NULL, NULL, NULL), SQLITE_OK);
    k = knelpunt_get(fx->db, id, 1);
    assert_true(json_is_true(json_object_get(k, "teLaat")));
    assert_true(sqljson_int(k, "wachtDagen") >= 59);
    json_decref(k);
    list = knelpunt_list(fx->db, &late, 0, 20, &total);
    assert_int_equal(total, 1);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), id);
    json_decref(list);
    list = knelpunt_list(fx->db, &on_time, 0, 20, &total);
    assert_int_equal(total, 1);
    assert_true(sqljson_int(json_array_get(list, 0), "id") != id);
    json_decref(list);
    /* moving on resets the clock */
    assert_int_equal(step(fx->db, &sec, id, "bovenregionaal", NULL, &f), 0);
    k = knelpunt_get(fx->db, id, 1);
    assert_true(json_is_false(json_object_get(k, "teLaat")));
    assert_true(sqljson_int(json_array_get(json_object_get(k,
                                                           "geschiedenis"),
                                           0), "duurDagen") >= 59);
    assert_true(sqljson_int(json_array_get(json_object_get(k,
                                                           "tijdPerToestand"),
                                           0), "dagen") >= 59);
    json_decref(k);
}

static void test_list_filters(void **state)
{
    struct fixture *fx = *state;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct knelpunt_filter flt = { NULL, NULL, NULL, -1, 0 };
    struct fault f = { 0 };
    long long total, a, b, c;
    json_t *list;

    a = raise_kp(fx->db, &sec, "PV25", "P1,P3", &f);
    b = raise_kp(fx->db, &sec, "PV26", "P2", &f);
    c = raise_kp(fx->db, &sec, "PV25", "P2", &f);
    assert_int_equal(step(fx->db, &sec, c, "afgewezen", "Dubbel", &f), 0);
    list = knelpunt_list(fx->db, &flt, 0, 2, &total);
    assert_int_equal(total, 3);
    assert_int_equal(json_array_size(list), 2);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), c);
    json_decref(list);
    list = knelpunt_list(fx->db, &flt, 2, 2, &total);
    assert_int_equal(json_array_size(list), 1);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), a);
    assert_int_equal(json_array_size(json_object_get(json_array_get(list, 0),
                                                     "pijlers")), 2);
    json_decref(list);
    flt.region = "PV25";
    list = knelpunt_list(fx->db, &flt, 0, 20, &total);
    assert_int_equal(total, 2);
    json_decref(list);
    flt.pillar = "P2";
    list = knelpunt_list(fx->db, &flt, 0, 20, &total);
    assert_int_equal(total, 1);
    json_decref(list);
    flt.region = NULL;
    flt.state = "gemeld";
    list = knelpunt_list(fx->db, &flt, 0, 20, &total);
    assert_int_equal(total, 1);
    assert_int_equal(sqljson_int(json_array_get(list, 0), "id"), b);
    json_decref(list);
    /* the public sees published knelpunten only */
    flt.state = NULL;
    flt.pillar = NULL;
    flt.only_public = 1;
    list = knelpunt_list(fx->db, &flt, 0, 20, &total);
    assert_int_equal(total, 0);
    json_decref(list);
    assert_int_equal(knelpunt_publish(fx->db, &sec, c, &f), 0);
    list = knelpunt_list(fx->db, &flt, 0, 20, &total);
    assert_int_equal(total, 1);
    json_decref(list);
    /* unknown filter values */
    flt.state = "onbekend";
    assert_int_equal(knelpunt_filter_check(fx->db, &flt, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    flt.state = NULL;
    flt.region = "XX01";
    assert_int_equal(knelpunt_filter_check(fx->db, &flt, &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_route_seeded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_illegal_transition, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_wrong_role, setup, teardown),
        cmocka_unit_test_setup_teardown(test_region_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reason_required, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_secretaris_mandate, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_teruglegging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
