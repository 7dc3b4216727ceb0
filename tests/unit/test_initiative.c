/* test_initiative.c - unit tests for initiative.h against a real SQLite
 * file in a fresh temporary directory per test, with regions and pillars
 * inserted by the test (the region seed is not needed).
 *
 * Covers: creating with its terms, norm and audit entry; refusals with
 * nothing stored (unknown region or pillar, empty or blank title, empty
 * description, oversized text, a role without initiatief.beheren, which
 * is audited); reading and the SQL-paginated, filtered list; the
 * similarity: the near-duplicate in another region comes first, the same
 * region is left out when asked, free text, the explanation, and scores
 * equal to the in-memory cosine of textsim.h (exactness while the
 * register is small); the corpus stop-word rule and sparse ids (the hash
 * map) after a bulk load with initiative_reindex. */
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

#include "audit.h"
#include "initiative.h"
#include "sqljson.h"
#include "store.h"
#include "textsim.h"

struct fixture {
    char dir[64];
    char path[128];
    sqlite3 *db;
    struct actor admin;
    struct actor regio;
    struct actor deelnemer;
};

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

static void actor(struct actor *a, const char *name, enum perm_role role)
{
    memset(a, 0, sizeof *a);
    a->user_id = 1;
    snprintf(a->name, sizeof a->name, "%s", name);
    a->role = role;
    snprintf(a->origin, sizeof a->origin, "test");
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    char err[256] = "";

    if (fx == NULL)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/koers-test-XXXXXX");
    if (mkdtemp(fx->dir) == NULL) {
        free(fx);
        return -1;
    }
    snprintf(fx->path, sizeof fx->path, "%s/koers.db", fx->dir);
    fx->db = store_open(fx->path, 1, err, sizeof err);
    if (fx->db == NULL || store_create_schema(fx->db) != 0 ||
        sqlite3_exec(fx->db,
            "INSERT INTO pillar(code, nr, name, description) VALUES "
            "('P1',1,'Instroom','-'),('P2',2,'Behoud','-'),"
            "('P3',3,'Leven lang ontwikkelen','-'),('P4',4,'Innovatie','-');"
            "INSERT INTO region(code, name, kind) VALUES "
            "('NL01','Nederland','land'),('PV20','Groningen','provincie'),"
            "('PV21','Friesland','provincie'),"
            "('PV25','Gelderland','provincie'),"
            "('AM01','Groningen (arbeidsmarktregio)','arbeidsmarktregio');",
            NULL, NULL, NULL) != SQLITE_OK) {
        print_error("setup: %s\n", err);
        store_close(fx->db);
        remove_db_files(fx->path);
        rmdir(fx->dir);
        free(fx);
        return -1;
    }
    actor(&fx->admin, "beheerder", ROLE_BEHEERDER);
    actor(&fx->regio, "gelderland", ROLE_REGIO);
    actor(&fx->deelnemer, "deelnemer", ROLE_DEELNEMER);
    *state = fx;
    return 0;
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

static long long count(struct fixture *fx, const char *sql)
{
    return store_count(fx->db, sql, NULL);
}

/* Create an initiative; the id, or -1 with f filled. */
static long long add(struct fixture *fx, const struct actor *who,
                     const char *regio, const char *titel,
                     const char *omschrijving, struct fault *f)
{
    json_t *in = json_pack("{s:s, s:s, s:s}", "regio", regio, "titel",
                           titel, "omschrijving", omschrijving);
    long long id;

    memset(f, 0, sizeof *f);
    id = initiative_create(fx->db, who, in, f);
    json_decref(in);
    return id;
}

static long long add_ok(struct fixture *fx, const char *regio,
                        const char *titel, const char *omschrijving)
{
    struct fault f;
    long long id = add(fx, &fx->admin, regio, titel, omschrijving, &f);

    if (id < 0)
        print_error("create: %s\n", f.msg);
    assert_true(id > 0);
    return id;
}

static const char *const warm_title =
    "Omscholing tot warmtepompmonteur in de Achterhoek";
static const char *const warm_text =
    "Zij-instromers worden in een half jaar omgeschoold tot monteur van "
    "warmtepompen, met een BBL-opleiding bij het ROC en werk bij "
    "installatiebedrijven in de regio.";
static const char *const warm2_title = "Warmtepompmonteurs opleiden";
static const char *const warm2_text =
    "In een half jaar scholen we zij-instromers om tot monteur van "
    "warmtepompen: BBL-opleiding bij het ROC, werken bij een "
    "installatiebedrijf.";
static const char *const cyber_title = "Cyberweerbaarheid in het mkb";
static const char *const cyber_text =
    "Studenten ICT helpen kleine ondernemers hun netwerk te beveiligen "
    "tegen ransomware en phishing.";
static const char *const code_title = "Gastlessen programmeren";
static const char *const code_text =
    "Leerlingen van groep 7 en 8 maken kennis met programmeren en robotica "
    "door gastlessen van ict-bedrijven.";

static void test_create(void **state)
{
    struct fixture *fx = *state;
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "regio", "PV25",
                           "pijler", "P3", "thema", "Zij-instroom", "titel",
                           warm_title, "omschrijving", warm_text, "contact",
                           "j.jansen@example.nl");
    struct fault f = { 0 };
    long long id = initiative_create(fx->db, &fx->regio, in, &f);
    json_t *it;

    json_decref(in);
    assert_true(id > 0);
    it = initiative_get(fx->db, id);
    assert_non_null(it);
    assert_int_equal(sqljson_int(it, "id"), id);
    assert_string_equal(sqljson_str(json_object_get(it, "regio"), "code"),
                        "PV25");
    assert_string_equal(sqljson_str(json_object_get(it, "regio"), "naam"),
                        "Gelderland");
    assert_string_equal(sqljson_str(json_object_get(it, "pijler"), "code"),
                        "P3");
    assert_string_equal(sqljson_str(it, "thema"), "Zij-instroom");
    assert_string_equal(sqljson_str(it, "titel"), warm_title);
    assert_string_equal(sqljson_str(it, "omschrijving"), warm_text);
    assert_string_equal(sqljson_str(it, "contact"), "j.jansen@example.nl");
    assert_true(strlen(sqljson_str(it, "aangemaakt")) == 20);
    json_decref(it);
    /* the terms and the norm are stored with it */
    assert_true(count(fx, "SELECT count(*) FROM initiative_term") > 10);
    assert_int_equal(count(fx, "SELECT tf FROM initiative_term WHERE "
                               "term = 'warmtepompmonteur'"), 2);
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative_term WHERE "
                               "term IN ('de', 'het', 'een', 'van')"), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative WHERE "
                               "norm > 0"), 1);
    assert_int_equal(count(fx, "SELECT count(*) FROM audit WHERE action = "
                               "'initiatief.vastleggen' AND result = "
                               "'gelukt' AND actor = 'gelderland'"), 1);
    /* without a pillar: null */
    id = add_ok(fx, "PV20", cyber_title, cyber_text);
    it = initiative_get(fx->db, id);
    assert_true(json_is_null(json_object_get(it, "pijler")));
    json_decref(it);
    assert_null(initiative_get(fx->db, 999));
}

/* A refusal stores nothing: no initiative, no terms, no success audit. */
static void assert_nothing_stored(struct fixture *fx)
{
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative"), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative_term"), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM audit WHERE result = "
                               "'gelukt'"), 0);
}

static void test_refusals(void **state)
{
    struct fixture *fx = *state;
    struct fault f;
    char *big = malloc(INITIATIVE_TEXT_MAX + 2);
    char title[202];
    json_t *in;
    struct actor anon;

    assert_non_null(big);
    assert_int_equal(add(fx, &fx->admin, "PV99", warm_title, warm_text, &f),
                     -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "Regio \"PV99\" bestaat niet"));
    assert_int_equal(add(fx, &fx->admin, "", warm_title, warm_text, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_string_equal(f.msg, "Regio is verplicht.");
    assert_int_equal(add(fx, &fx->admin, "PV25", "", warm_text, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_string_equal(f.msg, "Titel is verplicht.");
    assert_int_equal(add(fx, &fx->admin, "PV25", "   ", warm_text, &f),
                     -1);
    assert_string_equal(f.msg, "Titel is verplicht.");
    assert_int_equal(add(fx, &fx->admin, "PV25", warm_title, " \n ", &f),
                     -1);
    assert_string_equal(f.msg, "Omschrijving is verplicht.");
    memset(big, 'a', INITIATIVE_TEXT_MAX + 1);
    big[INITIATIVE_TEXT_MAX + 1] = '\0';
    assert_int_equal(add(fx, &fx->admin, "PV25", warm_title, big, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_non_null(strstr(f.msg, "Omschrijving mag hoogstens 10000"));
    memset(title, 'b', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    assert_int_equal(add(fx, &fx->admin, "PV25", title, warm_text, &f), -1);
    assert_non_null(strstr(f.msg, "Titel mag hoogstens 200"));
    assert_int_equal(add(fx, &fx->admin, "PV25", "Titel\x01", warm_text, &f),
                     -1);
    assert_non_null(strstr(f.msg, "ongeldige tekens"));
    /* unknown pillar, unknown field, wrong type */
    in = json_pack("{s:s, s:s, s:s, s:s}", "regio", "PV25", "pijler", "P9",
                   "titel", warm_title, "omschrijving", warm_text);
    assert_int_equal(initiative_create(fx->db, &fx->admin, in, &f), -1);
    assert_non_null(strstr(f.msg, "Pijler \"P9\" bestaat niet"));
    assert_non_null(strstr(f.msg, "P1, P2, P3, P4"));
    json_decref(in);
    in = json_pack("{s:s, s:s, s:s, s:s}", "regio", "PV25", "budget", "1",
                   "titel", warm_title, "omschrijving", warm_text);
    assert_int_equal(initiative_create(fx->db, &fx->admin, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    in = json_pack("{s:s, s:i, s:s}", "regio", "PV25", "titel", 5,
                   "omschrijving", warm_text);
    assert_int_equal(initiative_create(fx->db, &fx->admin, in, &f), -1);
    assert_int_equal(f.kind, FAULT_INVALID);
    json_decref(in);
    assert_nothing_stored(fx);
    /* a role without initiatief.beheren, and anonymous: 403, audited */
    assert_int_equal(add(fx, &fx->deelnemer, "PV25", warm_title, warm_text,
                         &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    actor(&anon, "anoniem", ROLE_NONE);
    assert_int_equal(add(fx, &anon, "PV25", warm_title, warm_text, &f), -1);
    assert_int_equal(f.kind, FAULT_FORBIDDEN);
    assert_nothing_stored(fx);
    assert_int_equal(count(fx, "SELECT count(*) FROM audit WHERE action = "
                               "'initiatief.vastleggen' AND result = "
                               "'geweigerd'"), 2);
    free(big);
}

static void test_list(void **state)
{
    struct fixture *fx = *state;
    struct initiative_filter flt = { 0 };
    struct fault f = { 0 };
    long long total, i, first;
    json_t *page, *in;
    char title[64];

    for (i = 0; i < 7; i++) {
        snprintf(title, sizeof title, "Initiatief %lld", i + 1);
        in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "regio",
                       i % 2 ? "PV20" : "PV25", "pijler", i < 3 ? "P1" : "P2",
                       "thema", i == 6 ? "ICT" : "techniek", "titel", title,
                       "omschrijving", "Een initiatief over techniek.");
        assert_true(initiative_create(fx->db, &fx->admin, in, &f) > 0);
        json_decref(in);
    }
    page = initiative_list(fx->db, &flt, 1, 3, &total, &f);
    assert_int_equal(total, 7);
    assert_int_equal(json_array_size(page), 3);
    /* newest first, no description in the list */
    first = sqljson_int(json_array_get(page, 0), "id");
    assert_int_equal(first, 7);
    assert_null(json_object_get(json_array_get(page, 0), "omschrijving"));
    json_decref(page);
    page = initiative_list(fx->db, &flt, 3, 3, &total, &f);
    assert_int_equal(json_array_size(page), 1);
    assert_int_equal(sqljson_int(json_array_get(page, 0), "id"), 1);
    json_decref(page);
    page = initiative_list(fx->db, &flt, 4, 3, &total, &f);
    assert_int_equal(json_array_size(page), 0);
    json_decref(page);
    flt.regio = "PV25";
    page = initiative_list(fx->db, &flt, 1, 20, &total, &f);
    assert_int_equal(total, 4);
    json_decref(page);
    flt.pijler = "P1";
    page = initiative_list(fx->db, &flt, 1, 20, &total, &f);
    assert_int_equal(total, 2);                   /* 1 and 3 */
    json_decref(page);
    flt.regio = NULL;
    flt.pijler = "";
    flt.thema = "ict";                            /* case-insensitive */
    page = initiative_list(fx->db, &flt, 1, 20, &total, &f);
    assert_int_equal(total, 1);
    assert_string_equal(sqljson_str(json_array_get(page, 0), "thema"),
                        "ICT");
    json_decref(page);
    flt.thema = NULL;
    flt.regio = "XX01";
    assert_null(initiative_list(fx->db, &flt, 1, 20, &total, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    flt.regio = NULL;
    flt.pijler = "P7";
    assert_null(initiative_list(fx->db, &flt, 1, 20, &total, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    /* a value that would be SQL stays a value */
    flt.pijler = NULL;
    flt.thema = "x' OR 1=1 --";
    page = initiative_list(fx->db, &flt, 1, 20, &total, &f);
    assert_int_equal(total, 0);
    json_decref(page);
}

static long long hit_id(json_t *hits, size_t i)
{
    return sqljson_int(json_array_get(hits, i), "id");
}

static void test_similar(void **state)
{
    struct fixture *fx = *state;
    long long a = add_ok(fx, "PV25", warm_title, warm_text);
    long long same = add_ok(fx, "PV25", warm2_title, warm2_text);
    long long b = add_ok(fx, "PV20", warm2_title, warm2_text);
    long long c = add_ok(fx, "PV21", cyber_title, cyber_text);
    long long d = add_ok(fx, "NL01", code_title, code_text);
    struct fault f = { 0 };
    json_t *hits, *why, *w;
    double sum = 0.0, score;
    size_t i;
    int found = 0;

    /* other regions only: the near-duplicate of PV20 first, nothing of
     * PV25 (the initiative itself nor its look-alike there) */
    hits = initiative_similar(fx->db, a, NULL, 5, 1, &f);
    assert_non_null(hits);
    assert_true(json_array_size(hits) >= 1);
    assert_int_equal(hit_id(hits, 0), b);
    for (i = 0; i < json_array_size(hits); i++) {
        assert_true(hit_id(hits, i) != a);
        assert_true(hit_id(hits, i) != same);
        assert_true(hit_id(hits, i) != c);        /* nothing shared */
    }
    score = json_real_value(json_object_get(json_array_get(hits, 0),
                                            "score"));
    assert_true(score > 0.3 && score < 1.0);
    assert_string_equal(sqljson_str(json_object_get(json_array_get(hits, 0),
                                                    "regio"), "code"),
                        "PV20");
    /* why: the shared words, parts adding up to (at most) the score */
    why = json_object_get(json_array_get(hits, 0), "waarom");
    assert_int_equal(json_array_size(why), INITIATIVE_WHY_MAX);
    json_array_foreach(why, i, w) {
        sum += json_real_value(json_object_get(w, "bijdrage"));
        if (strcmp(sqljson_str(w, "term"), "warmtepompmonteur") == 0)
            found = 1;
        assert_true(sqljson_str(w, "woord")[0] != '\0');
    }
    assert_true(found);
    assert_true(sum <= score + 0.001);
    json_decref(hits);
    /* all regions: the look-alike of the same region is there too */
    hits = initiative_similar(fx->db, a, NULL, 5, 0, &f);
    assert_true(json_array_size(hits) >= 2);
    assert_true(hit_id(hits, 0) == b || hit_id(hits, 0) == same);
    assert_true(hit_id(hits, 1) == b || hit_id(hits, 1) == same);
    json_decref(hits);
    /* limit */
    hits = initiative_similar(fx->db, a, NULL, 1, 0, &f);
    assert_int_equal(json_array_size(hits), 1);
    json_decref(hits);
    /* free text over all regions */
    hits = initiative_similar(fx->db, 0, "warmtepompen monteur omscholing",
                              5, 1, &f);
    assert_non_null(hits);
    assert_true(hit_id(hits, 0) == a || hit_id(hits, 0) == b ||
                hit_id(hits, 0) == same);
    json_decref(hits);
    hits = initiative_similar(fx->db, 0, "robotica op de basisschool", 5, 0,
                              &f);
    assert_int_equal(hit_id(hits, 0), d);
    json_decref(hits);
    /* nothing in common, or only stop words: an empty list */
    hits = initiative_similar(fx->db, 0, "de het een en van", 5, 0, &f);
    assert_int_equal(json_array_size(hits), 0);
    json_decref(hits);
    hits = initiative_similar(fx->db, 0, "zeilboten", 5, 0, &f);
    assert_int_equal(json_array_size(hits), 0);
    json_decref(hits);
    /* refusals */
    assert_null(initiative_similar(fx->db, 999, NULL, 5, 1, &f));
    assert_int_equal(f.kind, FAULT_NOTFOUND);
    assert_null(initiative_similar(fx->db, a, NULL, 0, 1, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_null(initiative_similar(fx->db, a, NULL,
                                   INITIATIVE_SIMILAR_MAX + 1, 1, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_null(initiative_similar(fx->db, 0, "  ", 5, 0, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
    assert_null(initiative_similar(fx->db, 0, NULL, 5, 0, &f));
    assert_null(initiative_similar(fx->db, 0, "a\x01", 5, 0, &f));
    assert_int_equal(f.kind, FAULT_INVALID);
}

/* While the register is small every insert recomputes all norms, so the
 * scores equal textsim_cosine over the same texts in memory. */
static void test_exact(void **state)
{
    static const char *const *const texts[][2] = {
        { &warm_title, &warm_text }, { &warm2_title, &warm2_text },
        { &cyber_title, &cyber_text }, { &code_title, &code_text },
    };
    static const char *const regions[] = { "PV25", "PV20", "PV21", "NL01" };
    struct fixture *fx = *state;
    struct textsim_doc docs[4];
    struct textsim_corpus c = { docs, 4 };
    struct fault f = { 0 };
    long long ids[4];
    json_t *hits, *h;
    size_t i, j, k;

    memset(docs, 0, sizeof docs);
    for (i = 0; i < 4; i++) {
        ids[i] = add_ok(fx, regions[i], *texts[i][0], *texts[i][1]);
        textsim_doc_add(&docs[i], *texts[i][0], TEXTSIM_TITLE_WEIGHT);
        textsim_doc_add(&docs[i], *texts[i][1], 1);
    }
    for (i = 0; i < 4; i++) {
        hits = initiative_similar(fx->db, ids[i], NULL, 5, 0, &f);
        assert_non_null(hits);
        json_array_foreach(hits, k, h) {
            for (j = 0; j < 4 && ids[j] != sqljson_int(h, "id"); j++)
                ;
            assert_true(j < 4);
            assert_true(fabs(json_real_value(json_object_get(h, "score")) -
                             textsim_cosine(&docs[i], &docs[j],
                                            textsim_corpus_idf, &c, NULL, 0,
                                            NULL)) < 0.00006);
        }
        json_decref(hits);
    }
    for (i = 0; i < 4; i++)
        textsim_doc_free(&docs[i]);
}

/* Insert n initiatives and their terms directly (a bulk load), in one
 * transaction, then compute the norms. Initiative k has id base + k *
 * step and says "<word> k-th"; every one also says "register". */
static void bulk(struct fixture *fx, int n, long long base, long long step)
{
    sqlite3_stmt *ins, *term;
    char title[64];
    int k;

    assert_int_equal(sqlite3_exec(fx->db, "BEGIN", NULL, NULL, NULL),
                     SQLITE_OK);
    ins = store_prepare(fx->db, "INSERT INTO initiative(id, region_code, "
                                "title, description) VALUES (?, 'PV21', ?, "
                                "'register')");
    term = store_prepare(fx->db, "INSERT INTO initiative_term("
                                 "initiative_id, term, tf) VALUES (?, ?, 1)");
    for (k = 0; k < n; k++) {
        snprintf(title, sizeof title, "bulk%c%c%c", 'a' + k % 26,
                 'a' + k / 26 % 26, 'a' + k / 676 % 26);
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, base + k * step);
        sqlite3_bind_text(ins, 2, title, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(term);
        sqlite3_bind_int64(term, 1, base + k * step);
        sqlite3_bind_text(term, 2, "register", -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(term), SQLITE_DONE);
        sqlite3_reset(term);
        sqlite3_bind_int64(term, 1, base + k * step);
        sqlite3_bind_text(term, 2, title, -1, SQLITE_TRANSIENT);
        assert_int_equal(sqlite3_step(term), SQLITE_DONE);
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(term);
    assert_int_equal(sqlite3_exec(fx->db, "COMMIT", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(initiative_reindex(fx->db), 0);
}

/* From TEXTSIM_SKIP_MIN_N initiatives on, a word in more than 20% of
 * them counts for nothing: "register" (in all) no longer makes the bulk
 * initiatives look alike; a rarer shared word still does. */
static void test_corpus_stopwords(void **state)
{
    struct fixture *fx = *state;
    struct fault f = { 0 };
    long long a, b;
    json_t *hits, *why, *w;
    size_t i;

    bulk(fx, 1100, 1, 1);
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative WHERE "
                               "norm > 0"), 1100);
    hits = initiative_similar(fx->db, 5, NULL, 5, 0, &f);
    assert_non_null(hits);
    assert_int_equal(json_array_size(hits), 0);
    json_decref(hits);
    a = add_ok(fx, "PV25", "Register van warmtepompen",
               "Een register van warmtepompmonteurs.");
    b = add_ok(fx, "PV20", "Warmtepompen in het register",
               "Het register van warmtepompmonteurs in Groningen.");
    hits = initiative_similar(fx->db, a, NULL, 5, 1, &f);
    assert_int_equal(hit_id(hits, 0), b);
    why = json_object_get(json_array_get(hits, 0), "waarom");
    json_array_foreach(why, i, w)
        assert_string_not_equal(sqljson_str(w, "term"), "register");
    json_decref(hits);
    /* the free text agrees: "register" alone finds nothing */
    hits = initiative_similar(fx->db, 0, "register", 5, 0, &f);
    assert_int_equal(json_array_size(hits), 0);
    json_decref(hits);
    /* two candidates far apart: a lookup each instead of a range scan */
    hits = initiative_similar(fx->db, 0, "bulkaaa bulkkob", 5, 0, &f);
    assert_int_equal(json_array_size(hits), 2);
    assert_true((hit_id(hits, 0) == 1 && hit_id(hits, 1) == 1051) ||
                (hit_id(hits, 0) == 1051 && hit_id(hits, 1) == 1));
    json_decref(hits);
}

/* Ids far apart (not a dense range) use the hash map; the results are
 * the same. */
static void test_sparse_ids(void **state)
{
    struct fixture *fx = *state;
    struct fault f = { 0 };
    long long a, b;
    json_t *hits;

    bulk(fx, 40, 1000000, 250000);
    a = add_ok(fx, "PV25", warm_title, warm_text);
    b = add_ok(fx, "PV20", warm2_title, warm2_text);
    assert_true(a > 10000000 && b == a + 1);
    hits = initiative_similar(fx->db, a, NULL, 5, 1, &f);
    assert_non_null(hits);
    assert_int_equal(hit_id(hits, 0), b);
    json_decref(hits);
    hits = initiative_similar(fx->db, 0, "bulkaaa", 5, 0, &f);
    assert_int_equal(hit_id(hits, 0), 1000000);
    json_decref(hits);
    /* all 40 far apart: a lookup each in the hash map */
    hits = initiative_similar(fx->db, 0, "register", INITIATIVE_SIMILAR_MAX,
                              0, &f);
    assert_int_equal(json_array_size(hits), INITIATIVE_SIMILAR_MAX);
    assert_true(hit_id(hits, 0) >= 1000000);
    json_decref(hits);
    assert_int_equal(initiative_reindex(fx->db), 0);
    assert_int_equal(count(fx, "SELECT count(*) FROM initiative WHERE norm "
                               "IS NULL OR norm <= 0"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_similar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exact, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corpus_stopwords, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sparse_ids, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
