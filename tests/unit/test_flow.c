/* test_flow.c - unit tests for flow.h: the verzoek round trip (on the
 * DG-overleg agenda, answered, the answer on the next koersoverleg
 * agenda), withdrawing a verzoek, a consultation with answers from two
 * regions, a region answering for another refused, answering after the
 * closing or the deadline refused, the SER request's steps (an illegal
 * step refused, the advice required) and the inbox, against a real store
 * in a fresh temporary directory per test; nothing is stored on a
 * refusal. The data directory is KOERS_DATA when set, else "data". */
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

#include "fixture.h"
#include "flow.h"
#include "knelpunt.h"
#include "meeting.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

enum { M_KERNGROEP, M_KOERS, M_DG, M_SER, M_KOERS2, M_COUNT };

struct fixture {
    struct store_fixture fx;
    long long meeting[M_COUNT];
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

/* A planned meeting of body on date in the far future, so it is the next
 * meeting of that body whenever the test runs. */
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
    struct fixture *t = calloc(1, sizeof *t);
    char err[512] = "";
    int i;

    if (t == NULL)
        return -1;
    if (fixture_open(&t->fx, "/tmp/koers-flow-XXXXXX", err,
                     sizeof err) != 0) {
        print_error("setup: %s\n", err);
        free(t);
        return -1;
    }
    if (seed_load(t->fx.db, data_dir(), err, sizeof err) != 0)
        goto fail;
    t->meeting[M_KERNGROEP] = plan(t->fx.db, "kerngroep-p1", "2099-03-10");
    t->meeting[M_KOERS] = plan(t->fx.db, "koersoverleg", "2099-04-14");
    t->meeting[M_DG] = plan(t->fx.db, "dg-overleg", "2099-05-12");
    t->meeting[M_SER] = plan(t->fx.db, "ser", "2099-06-09");
    t->meeting[M_KOERS2] = plan(t->fx.db, "koersoverleg", "2099-10-13");
    for (i = 0; i < M_COUNT; i++)
        if (t->meeting[i] < 0)
            goto fail;
    *state = t;
    return 0;
fail:
    print_error("setup: %s\n", err);
    fixture_close(&t->fx);
    free(t);
    return -1;
}

static int teardown(void **state)
{
    struct fixture *t = *state;

    fixture_close(&t->fx);
    free(t);
    return 0;
}

/* The meeting of the agenda item with source reference ref (0 when it
 * waits, -1 when there is none), and its title and status into the
 * buffers when given. */
static long long item_of(sqlite3 *db, const char *ref, char *title,
                         size_t tlen, char *status, size_t slen)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT coalesce(meeting_id, 0), "
                                         "title, status FROM agenda_item "
                                         "WHERE source IN ('verzoek', "
                                         "'consultatie', 'ser') AND "
                                         "source_ref = ?");
    long long m = -1;

    store_bind_text(st, 1, ref);
    if (sqlite3_step(st) == SQLITE_ROW) {
        m = sqlite3_column_int64(st, 0);
        if (title)
            snprintf(title, tlen, "%s", store_col(st, 1));
        if (status)
            snprintf(status, slen, "%s", store_col(st, 2));
    }
    sqlite3_finalize(st);
    return m;
}

static long long new_verzoek(sqlite3 *db, const struct actor *who,
                             json_t *in, struct fault *f)
{
    long long id;

    memset(f, 0, sizeof *f);
    id = flow_verzoek_create(db, who, in, f);
    json_decref(in);
    return id;
}

static int answer_verzoek(sqlite3 *db, const struct actor *who,
                          long long id, const char *text, struct fault *f)
{
    json_t *in = json_pack("{s:s}", "antwoord", text);
    int rc;

    memset(f, 0, sizeof *f);
    rc = flow_verzoek_answer(db, who, id, in, f);
    json_decref(in);
    return rc;
}

/* The round trip of the report: a verzoek of the koersoverleg (made in
 * its meeting) lands on the next DG-overleg agenda; the ministerie's
 * answer lands on the next koersoverleg agenda; a second answer is a
 * conflict and changes nothing. */
static void test_verzoek_round_trip(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor min = actor(ROLE_MINISTERIE, "dg-ocw", NULL);
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct fault f;
    char ref[64], title[256], status[32];
    long long id;
    json_t *v, *items;

    id = new_verzoek(db, &bb, json_pack(
        "{s:s, s:s, s:s, s:I, s:s}", "titel", "Middelen voor zij-instroom",
        "tekst", "Het koersoverleg vraagt het DG-overleg om de middelen "
        "voor zij-instroom in de techniek structureel te maken.",
        "aanOverleg", "dg-overleg", "vergadering",
        (json_int_t)t->meeting[M_KOERS], "deadline", "2099-06-30"), &f);
    assert_true(id > 0);
    snprintf(ref, sizeof ref, "verzoek:%lld", id);
    assert_int_equal(item_of(db, ref, title, sizeof title, NULL, 0),
                     t->meeting[M_DG]);
    assert_string_equal(title, "Verzoek van het koersoverleg: Middelen "
                               "voor zij-instroom");

    /* the boegbeeld may record a verzoek, not answer it */
    assert_int_equal(answer_verzoek(db, &bb, id, "Ja.", &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM verzoek WHERE status = "
                               "'open'"), 1);

    assert_int_equal(answer_verzoek(db, &min, id, "Het DG-overleg maakt de "
                                    "middelen vanaf 2100 structureel.",
                                    &f), 0);
    snprintf(ref, sizeof ref, "verzoek:%lld:antwoord", id);
    assert_int_equal(item_of(db, ref, title, sizeof title, status,
                             sizeof status), t->meeting[M_KOERS]);
    assert_string_equal(title, "Antwoord op verzoek: Middelen voor "
                               "zij-instroom");
    assert_string_equal(status, "voorgesteld");

    v = flow_verzoek_get(db, id, 1);
    assert_non_null(v);
    assert_string_equal(sqljson_str(v, "status"), "beantwoord");
    assert_string_equal(sqljson_str(json_object_get(v, "aan"), "code"),
                        "dg-overleg");
    assert_string_equal(sqljson_str(json_object_get(v, "antwoord"), "door"),
                        "dg-ocw");
    assert_int_equal(sqljson_int(json_object_get(v, "vergadering"), "id"),
                     t->meeting[M_KOERS]);
    items = json_object_get(v, "agendapunten");
    assert_int_equal(json_array_size(items), 2);
    json_decref(v);
    /* the public does not see who answered */
    v = flow_verzoek_get(db, id, 0);
    assert_true(json_is_null(json_object_get(json_object_get(v, "antwoord"),
                                             "door")));
    json_decref(v);

    /* answered twice: 409, the first answer stays */
    assert_int_equal(answer_verzoek(db, &sec, id, "Nee.", &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(count(db, "SELECT count(*) FROM verzoek WHERE answer "
                               "LIKE 'Het DG-overleg%'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM agenda_item WHERE "
                               "source = 'verzoek'"), 2);
    /* an answered verzoek cannot be withdrawn */
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_verzoek_withdraw(db, &sec, id, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
                               "object_type = 'verzoek' AND result = "
                               "'gelukt'"), 2);
}

/* A verzoek to an organisation goes on no agenda; its answer does. */
static void test_verzoek_to_organisation(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct fault f;
    char ref[64];
    long long id;

    id = new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s}", "titel", "Opleidingsfonds", "tekst",
        "Kan het fonds de regeling openstellen voor zij-instromers?",
        "aanOrganisatie", "ezk"), &f);
    assert_true(id > 0);
    assert_int_equal(count(db, "SELECT count(*) FROM agenda_item"), 0);
    assert_int_equal(answer_verzoek(db, &sec, id, "Ja, vanaf volgend jaar.",
                                    &f), 0);
    snprintf(ref, sizeof ref, "verzoek:%lld:antwoord", id);
    assert_int_equal(item_of(db, ref, NULL, 0, NULL, 0),
                     t->meeting[M_KOERS]);
}

/* Withdrawing drops the waiting DG-overleg item of that verzoek only,
 * not that of verzoek 10 (whose reference starts with "verzoek:1"). */
static void test_verzoek_withdraw(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor dn = actor(ROLE_DEELNEMER, "deelnemer", NULL);
    struct fault f;
    char status[32];
    long long id, first = 0;
    int i;

    for (i = 0; i < 10; i++) {
        id = new_verzoek(db, &sec, json_pack(
            "{s:s, s:s, s:s}", "titel", "Verzoek", "tekst", "Tekst",
            "aanOverleg", "dg-overleg"), &f);
        assert_true(id > 0);
        if (first == 0)
            first = id;
    }
    assert_int_equal(first, 1);
    assert_int_equal(id, 10);
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_verzoek_withdraw(db, &dn, 1, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'verzoek.intrekken' AND result = "
                               "'geweigerd'"), 1);
    assert_int_equal(flow_verzoek_withdraw(db, &sec, 1, &f), 0);
    assert_int_equal(item_of(db, "verzoek:1", NULL, 0, status,
                             sizeof status), t->meeting[M_DG]);
    assert_string_equal(status, "afgevoerd");
    item_of(db, "verzoek:10", NULL, 0, status, sizeof status);
    assert_string_equal(status, "voorgesteld");
    /* a withdrawn verzoek cannot be answered nor withdrawn again */
    assert_int_equal(answer_verzoek(db, &sec, 1, "Te laat.", &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_verzoek_withdraw(db, &sec, 1, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_verzoek_withdraw(db, &sec, 99, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
}

/* Bad input and roles that may not: precise errors, nothing stored. */
static void test_verzoek_refusals(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor regio = actor(ROLE_REGIO, "regio", "pv25");
    struct fault f;

    assert_int_equal(new_verzoek(db, &regio, json_pack(
        "{s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg"), &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg", "aanOrganisatie", "ezk"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s}", "titel", "X", "tekst", "Y"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "kerngroep-p1"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "1609"));
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOrganisatie",
        "bestaat-niet"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s, s:I}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg", "vergadering", (json_int_t)t->meeting[M_DG]), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "koersoverleg"));
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg", "deadline", "2001-01-01"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg", "deadline", "2099-02-30"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s}", "titel", "   ", "tekst", "Y", "aanOverleg",
        "dg-overleg"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s, s:s}", "titel", "X", "tekst", "Y", "aanOverleg",
        "dg-overleg", "extra", "z"), &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    {
        char *big = malloc(FLOW_TEXT_MAX + 2);

        assert_non_null(big);
        memset(big, 'a', FLOW_TEXT_MAX + 1);
        big[FLOW_TEXT_MAX + 1] = '\0';
        assert_int_equal(new_verzoek(db, &sec, json_pack(
            "{s:s, s:s, s:s}", "titel", "X", "tekst", big, "aanOverleg",
            "dg-overleg"), &f), -1);
        assert_int_equal(f.kind, FAULT_INVALID);
        free(big);
    }
    assert_int_equal(count(db, "SELECT count(*) FROM verzoek"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM agenda_item"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
                               "action = 'verzoek.indienen' AND result = "
                               "'geweigerd'"), 1);
}

static long long new_consultation(sqlite3 *db, const struct actor *who,
                                  const char *body, const char *deadline,
                                  struct fault *f)
{
    json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "overleg", body,
                           "titel", "Concept-regeling praktijkleren",
                           "tekst", "Hoe werkt de concept-regeling uit in "
                           "uw regio?", "deadline", deadline);
    long long id;

    memset(f, 0, sizeof *f);
    id = flow_consultatie_create(db, who, in, f);
    json_decref(in);
    return id;
}

static int answer(sqlite3 *db, const struct actor *who, long long id,
                  const char *region, const char *text, int *created,
                  struct fault *f)
{
    json_t *in = json_pack("{s:s}", "tekst", text);
    int rc;

    memset(f, 0, sizeof *f);
    rc = flow_consultatie_answer(db, who, id, region, in, created, f);
    json_decref(in);
    return rc;
}

/* A kerngroep consults the regions: two regions answer (one replaces its
 * answer), a region answering for another is refused, closing puts the
 * answers on the kerngroep's next agenda, and no answer comes in after
 * the closing. */
static void test_consultation(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor nm = actor(ROLE_NETWERKMANAGER, "nm-p1", "kerngroep-p1");
    struct actor gld = actor(ROLE_REGIO, "regio-gelderland", "pv25");
    struct actor ah = actor(ROLE_ACCOUNTHOUDER, "ah-overijssel", "PV23");
    struct fault f;
    char ref[64], title[256];
    long long id;
    int created = -1;
    json_t *c, *rows;

    /* a netwerkmanager consults for its own kerngroep only */
    assert_int_equal(new_consultation(db, &nm, "koersoverleg", "2099-01-31",
                                      &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(new_consultation(db, &nm, "bovenregionaal-overleg",
                                      "2099-01-31", &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_consultation(db, &nm, "kerngroep-p1", "2001-01-31",
                                      &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(new_consultation(db, &gld, "kerngroep-p1", "2099-01-31",
                                      &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(count(db, "SELECT count(*) FROM consultation"), 0);
    id = new_consultation(db, &nm, "kerngroep-p1", "2099-01-31", &f);
    assert_true(id > 0);

    assert_int_equal(answer(db, &gld, id, "PV25", "Eerste reactie.",
                            &created, &f), 0);
    assert_int_equal(created, 1);
    assert_int_equal(answer(db, &gld, id, "pv25", "Vervangen reactie.",
                            &created, &f), 0);
    assert_int_equal(created, 0);
    assert_int_equal(answer(db, &ah, id, "PV23", "Reactie uit Overijssel.",
                            &created, &f), 0);
    assert_int_equal(created, 1);

    /* Gelderland answers for Overijssel: refused, nothing changed */
    assert_int_equal(answer(db, &gld, id, "PV23", "Namens Overijssel.",
                            &created, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_non_null(strstr(f.msg, "Gelderland"));
    assert_int_equal(count(db, "SELECT count(*) FROM consultation_answer "
                               "WHERE region_code = 'PV23' AND text = "
                               "'Reactie uit Overijssel.'"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE action = "
                               "'consultatie.beantwoorden' AND result = "
                               "'geweigerd'"), 1);
    /* unknown region, the country, empty text */
    assert_int_equal(answer(db, &gld, id, "PV99", "x", &created, &f), -1);
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    assert_int_equal(answer(db, &nm, id, "NL01", "x", &created, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(answer(db, &gld, id, "PV25", " \n ", &created, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(count(db, "SELECT count(*) FROM consultation_answer"),
                     2);

    c = flow_consultatie_get(db, id, 1);
    assert_non_null(c);
    assert_int_equal(sqljson_int(c, "aantalReacties"), 2);
    assert_true(json_is_true(json_object_get(c, "openVoorReacties")));
    rows = json_object_get(c, "reacties");
    assert_int_equal(json_array_size(rows), 2);
    assert_string_equal(sqljson_str(json_object_get(json_array_get(rows, 1),
                                                    "regio"), "code"),
                        "PV25");
    assert_string_equal(sqljson_str(json_array_get(rows, 1), "tekst"),
                        "Vervangen reactie.");
    json_decref(c);

    /* only who set it out closes it */
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_consultatie_close(db, &gld, id, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_int_equal(flow_consultatie_close(db, &nm, id, &f), 0);
    snprintf(ref, sizeof ref, "consultatie:%lld", id);
    assert_int_equal(item_of(db, ref, title, sizeof title, NULL, 0),
                     t->meeting[M_KERNGROEP]);
    assert_string_equal(title, "Consultatie afgerond: 2 reacties "
                               "(Concept-regeling praktijkleren)");
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_consultatie_close(db, &nm, id, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);

    /* after the closing: 409, the answer stays as it was */
    assert_int_equal(answer(db, &gld, id, "PV25", "Te laat.", &created,
                            &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_int_equal(count(db, "SELECT count(*) FROM consultation_answer "
                               "WHERE text = 'Te laat.'"), 0);
}

/* Past the deadline no answer comes in, even before the closing. */
static void test_consultation_deadline(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor gld = actor(ROLE_REGIO, "regio-gelderland", "PV25");
    struct fault f;
    long long id;
    int created;
    json_t *box;

    id = new_consultation(db, &sec, "koersoverleg", "2099-01-31", &f);
    assert_true(id > 0);
    /* the inbox of Gelderland shows it, until it answers */
    box = flow_inbox(db, &gld);
    assert_int_equal(sqljson_int(json_object_get(box, "consultaties"),
                                 "aantal"), 1);
    json_decref(box);
    assert_int_equal(sqlite3_exec(db, "UPDATE consultation SET deadline = "
                                      "'2001-01-01'", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(answer(db, &gld, id, "PV25", "Te laat.", &created,
                            &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_non_null(strstr(f.msg, "verstreken"));
    assert_int_equal(count(db, "SELECT count(*) FROM consultation_answer"),
                     0);
    /* now it waits on the secretaris to close it */
    box = flow_inbox(db, &gld);
    assert_int_equal(sqljson_int(json_object_get(box, "consultaties"),
                                 "aantal"), 0);
    json_decref(box);
    box = flow_inbox(db, &sec);
    assert_int_equal(sqljson_int(json_object_get(box, "consultaties"),
                                 "aantal"), 1);
    assert_string_equal(sqljson_str(json_array_get(json_object_get(
        json_object_get(box, "consultaties"), "items"), 0), "actie"),
        "sluiten");
    json_decref(box);
}

static int ser_step(sqlite3 *db, const struct actor *who, long long id,
                    const char *to, const char *advice, struct fault *f)
{
    json_t *in = advice ? json_pack("{s:s, s:s}", "naar", to, "advies",
                                    advice)
                        : json_pack("{s:s}", "naar", to);
    int rc;

    memset(f, 0, sizeof *f);
    rc = flow_ser_transition(db, who, id, in, f);
    json_decref(in);
    return rc;
}

static void ser_status(sqlite3 *db, long long id, char *out, size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT status FROM ser_request "
                                         "WHERE id = ?");

    out[0] = '\0';
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
}

/* A SER request through its steps: an illegal step and a missing advice
 * are refused without change; the question lands on the SER's agenda,
 * the advice on the asking table's. */
static void test_ser_request(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor regio = actor(ROLE_REGIO, "regio", "pv25");
    struct fault f = { 0 };
    char s[32], ref[64];
    long long id;
    json_t *in, *o;

    in = json_pack("{s:s, s:s}", "overleg", "kerngroep-p1", "vraag", "X?");
    assert_int_equal(flow_ser_create(db, &sec, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    in = json_pack("{s:s, s:s}", "overleg", "koersoverleg", "vraag",
                   "Wat betekent de transitie voor de werkgelegenheid in "
                   "de maakindustrie?");
    memset(&f, 0, sizeof f);
    assert_int_equal(flow_ser_create(db, &regio, in, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    memset(&f, 0, sizeof f);
    id = flow_ser_create(db, &sec, in, &f);
    json_decref(in);
    assert_true(id > 0);
    ser_status(db, id, s, sizeof s);
    assert_string_equal(s, "voorbereid");

    /* voorbereid -> advies-ontvangen skips steps: 409 */
    assert_int_equal(ser_step(db, &sec, id, "advies-ontvangen", "Advies",
                              &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    assert_non_null(strstr(f.msg, "Gesteld aan de SER"));
    assert_int_equal(ser_step(db, &sec, id, "onbekend", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(ser_step(db, &regio, id, "gesteld", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    ser_status(db, id, s, sizeof s);
    assert_string_equal(s, "voorbereid");

    assert_int_equal(ser_step(db, &sec, id, "gesteld", NULL, &f), 0);
    snprintf(ref, sizeof ref, "ser-verzoek:%lld:vraag", id);
    assert_int_equal(item_of(db, ref, NULL, 0, NULL, 0), t->meeting[M_SER]);
    assert_int_equal(ser_step(db, &sec, id, "in-behandeling", "Te vroeg",
                              &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(ser_step(db, &sec, id, "in-behandeling", NULL, &f), 0);
    /* the advice is required to reach advies-ontvangen */
    assert_int_equal(ser_step(db, &sec, id, "advies-ontvangen", NULL, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_int_equal(ser_step(db, &sec, id, "advies-ontvangen", "  ", &f),
                     -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    ser_status(db, id, s, sizeof s);
    assert_string_equal(s, "in-behandeling");
    assert_int_equal(count(db, "SELECT count(*) FROM ser_request WHERE "
                               "advice_at IS NOT NULL"), 0);
    assert_int_equal(ser_step(db, &sec, id, "advies-ontvangen", "Investeer "
                              "in om- en bijscholing.", &f), 0);
    snprintf(ref, sizeof ref, "ser-verzoek:%lld:advies", id);
    assert_int_equal(item_of(db, ref, NULL, 0, NULL, 0),
                     t->meeting[M_KOERS]);
    /* after the advice nothing follows */
    assert_int_equal(ser_step(db, &sec, id, "ingetrokken", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
    o = flow_ser_get(db, id, 1);
    assert_non_null(o);
    assert_string_equal(sqljson_str(o, "status"), "advies-ontvangen");
    assert_string_equal(sqljson_str(o, "advies"), "Investeer in om- en "
                                                  "bijscholing.");
    assert_int_equal(json_array_size(json_object_get(o,
                                                     "mogelijkeOvergangen")),
                     0);
    assert_int_equal(json_array_size(json_object_get(o, "agendapunten")),
                     2);
    json_decref(o);
    assert_int_equal(count(db, "SELECT count(*) FROM audit WHERE "
                               "object_type = 'ser-verzoek' AND result = "
                               "'gelukt'"), 4);
}

/* Withdrawing a question drops it from the SER's waiting agenda. */
static void test_ser_withdraw(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor bb = actor(ROLE_BOEGBEELD, "boegbeeld", NULL);
    struct fault f = { 0 };
    char ref[64], status[32];
    json_t *in = json_pack("{s:s, s:s}", "overleg", "dg-overleg", "vraag",
                           "Vraag?");
    long long id = flow_ser_create(db, &bb, in, &f);

    json_decref(in);
    assert_true(id > 0);
    assert_int_equal(ser_step(db, &bb, id, "gesteld", NULL, &f), 0);
    assert_int_equal(ser_step(db, &bb, id, "ingetrokken", NULL, &f), 0);
    snprintf(ref, sizeof ref, "ser-verzoek:%lld:vraag", id);
    item_of(db, ref, NULL, 0, status, sizeof status);
    assert_string_equal(status, "afgevoerd");
    assert_int_equal(ser_step(db, &bb, id, "gesteld", NULL, &f), -1);
    assert_int_equal(f.kind, FAULT_CONFLICT);
}

/* What waits for whom: a knelpunt for the accounthouder, a verzoek for
 * the ministerie, an overdue action for the secretaris; nothing for a
 * deelnemer. */
static void test_inbox(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct actor ah = actor(ROLE_ACCOUNTHOUDER, "ah", "pv25");
    struct actor min = actor(ROLE_MINISTERIE, "min", NULL);
    struct actor dn = actor(ROLE_DEELNEMER, "dn", NULL);
    struct actor nm = actor(ROLE_NETWERKMANAGER, "nm-p2", "kerngroep-p2");
    struct fault f = { 0 };
    json_t *in, *box;
    long long id;

    in = json_pack("{s:s, s:s, s:s, s:s, s:[s]}", "titel", "Knelpunt",
                   "omschrijving", "Omschrijving", "herkomst", "regelgeving",
                   "regio", "PV25", "pijlers", "P1");
    assert_true(knelpunt_create(db, &ah, in, &f) > 0);
    json_decref(in);
    id = new_verzoek(db, &sec, json_pack(
        "{s:s, s:s, s:s}", "titel", "Verzoek", "tekst", "Tekst",
        "aanOverleg", "dg-overleg"), &f);
    assert_true(id > 0);
    in = json_pack("{s:s, s:s, s:s}", "omschrijving", "Notitie opstellen",
                   "organisatie", "ezk", "deadline", "2001-02-01");
    memset(&f, 0, sizeof f);
    if (meeting_action_add(db, &sec, t->meeting[M_KOERS], in, &f) <= 0)
        fail_msg("action: %s", f.msg);
    json_decref(in);

    box = flow_inbox(db, &ah);
    assert_non_null(box);
    assert_int_equal(sqljson_int(json_object_get(box, "knelpunten"),
                                 "aantal"), 1);
    assert_int_equal(sqljson_int(json_object_get(box, "verzoeken"),
                                 "aantal"), 0);
    json_decref(box);

    box = flow_inbox(db, &min);
    assert_int_equal(sqljson_int(json_object_get(box, "verzoeken"),
                                 "aantal"), 1);
    /* the ministerie handles the DG-overleg's table, not a new knelpunt */
    assert_int_equal(sqljson_int(json_object_get(box, "knelpunten"),
                                 "aantal"), 0);
    json_decref(box);

    box = flow_inbox(db, &sec);
    assert_int_equal(sqljson_int(json_object_get(box, "knelpunten"),
                                 "aantal"), 1);
    assert_int_equal(sqljson_int(json_object_get(box, "verzoeken"),
                                 "aantal"), 1);
    assert_int_equal(sqljson_int(json_object_get(box, "acties"), "aantal"),
                     1);
    assert_string_equal(sqljson_str(json_array_get(json_object_get(
        json_object_get(box, "acties"), "items"), 0), "soort"),
        "vergadering");
    assert_int_equal(sqljson_int(box, "totaal"), 3);
    json_decref(box);

    box = flow_inbox(db, &dn);
    assert_int_equal(sqljson_int(box, "totaal"), 0);
    json_decref(box);
    /* a netwerkmanager of another pillar has nothing of pillar 1 */
    box = flow_inbox(db, &nm);
    assert_int_equal(sqljson_int(box, "totaal"), 0);
    json_decref(box);
}

/* The lists: filters checked, SQL pagination with a total. */
static void test_lists(void **state)
{
    struct fixture *t = *state;
    sqlite3 *db = t->fx.db;
    struct actor sec = actor(ROLE_SECRETARIS, "secretaris", NULL);
    struct flow_filter flt = { 0 };
    struct fault f = { 0 };
    long long total = 0;
    json_t *rows;
    int i;

    for (i = 0; i < 3; i++)
        assert_true(new_verzoek(db, &sec, json_pack(
            "{s:s, s:s, s:s}", "titel", "Verzoek", "tekst", "Tekst",
            "aanOverleg", "dg-overleg"), &f) > 0);
    assert_int_equal(answer_verzoek(db, &sec, 2, "Antwoord", &f), 0);
    rows = flow_verzoek_list(db, &flt, 0, 2, &total, &f);
    assert_non_null(rows);
    assert_int_equal(total, 3);
    assert_int_equal(json_array_size(rows), 2);
    assert_int_equal(sqljson_int(json_array_get(rows, 0), "id"), 3);
    json_decref(rows);
    flt.status = "open";
    rows = flow_verzoek_list(db, &flt, 0, 10, &total, &f);
    assert_int_equal(total, 2);
    json_decref(rows);
    flt.status = "onbekend";
    assert_null(flow_verzoek_list(db, &flt, 0, 10, &total, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    flt.status = NULL;
    flt.body = "nergens";
    memset(&f, 0, sizeof f);
    assert_null(flow_consultatie_list(db, &flt, 0, 10, &total, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    flt.body = NULL;
    flt.status = "gesteld";
    rows = flow_ser_list(db, &flt, 0, 10, &total, &f);
    assert_non_null(rows);
    assert_int_equal(total, 0);
    json_decref(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_verzoek_round_trip, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_verzoek_to_organisation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_verzoek_withdraw, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_verzoek_refusals, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_consultation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consultation_deadline, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ser_request, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ser_withdraw, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
