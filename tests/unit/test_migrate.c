/* test_migrate.c - unit tests for migrate.h: a store of schema version 4
 * and one of version 5 (tests/data/schema_v4.sql, schema_v5.sql, filled
 * with the rows of a freshly seeded store for the columns those versions
 * had, plus rows a user added) are migrated with their rows, the seeds
 * the newer versions added and a backup; a current store is left alone;
 * a future version, a non-Koers database, a column that would be lost and
 * an existing backup are refused with the file byte for byte unchanged
 * and nothing left behind. The data directory is KOERS_DATA when set,
 * else "data"; make runs the tests from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "budget.h"
#include "fixture.h"
#include "migrate.h"
#include "monitorseed.h"
#include "plan.h"
#include "seed.h"
#include "store.h"

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

/* One seeded current store per run, the source of the old stores. */
static struct store_fixture fresh;

static int group_setup(void **state)
{
    char err[512];

    (void)state;
    if (fixture_open(&fresh, "/tmp/koers-mig-XXXXXX", err, sizeof err) != 0 ||
        seed_load(fresh.db, data_dir(), err, sizeof err) != 0 ||
        monitorseed_load(fresh.db, data_dir(), err, sizeof err) != 0 ||
        plan_seed_load(fresh.db, data_dir(), err, sizeof err) != 0 ||
        budget_seed_load(fresh.db, data_dir(), err, sizeof err) != 0) {
        fprintf(stderr, "fixture: %s\n", err);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    return fixture_close(&fresh);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK)
        fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

/* A store of `version` at dir/koers.db: that version's schema with the
 * fresh store's rows for its columns (no landsdelen before version 5),
 * plus a user's organisation, meeting with minutes and knelpunt. */
static void make_old(const char *dir, int version, char *path, size_t len)
{
    char file[64], sql[4096], cols[2048];
    char *schema;
    sqlite3 *db;
    sqlite3_stmt *t, *c;

    snprintf(path, len, "%s/koers.db", dir);
    snprintf(file, sizeof file, "tests/data/schema_v%d.sql", version);
    schema = slurp(file);
    assert_non_null(schema);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec_ok(db, schema);
    free(schema);
    snprintf(sql, sizeof sql, "ATTACH '%s' AS f", fresh.path);
    exec_ok(db, sql);
    exec_ok(db, "BEGIN");
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM main."
        "sqlite_master WHERE type = 'table'", -1, &t, NULL), SQLITE_OK);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(t, 0);

        cols[0] = '\0';
        assert_int_equal(sqlite3_prepare_v2(db, "SELECT o.name FROM "
            "pragma_table_info(?1, 'main') o JOIN pragma_table_info(?1, 'f') "
            "n USING (name)", -1, &c, NULL), SQLITE_OK);
        sqlite3_bind_text(c, 1, name, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(c) == SQLITE_ROW)
            snprintf(cols + strlen(cols), sizeof cols - strlen(cols),
                     "%s\"%s\"", cols[0] ? "," : "",
                     (const char *)sqlite3_column_text(c, 0));
        sqlite3_finalize(c);
        snprintf(sql, sizeof sql, "INSERT INTO main.\"%s\"(%s) SELECT %s "
                 "FROM f.\"%s\"%s", name, cols, cols, name,
                 strcmp(name, "region") == 0 && version < 5
                     ? " WHERE kind <> 'landsdeel'" : "");
        exec_ok(db, sql);
    }
    sqlite3_finalize(t);
    exec_ok(db, "INSERT INTO organisation(code, name, type, domain) VALUES "
                "('eigen-bv', 'Eigen BV', 'bedrijfsleven', 'ict');"
                "INSERT INTO meeting(uid, body_id, title, starts_at, ends_at, "
                "minutes) VALUES ('m1@koers', (SELECT min(id) FROM body), "
                "'Eigen overleg', '2024-01-10T10:00', '2024-01-10T11:00', "
                "'Verslag');"
                "INSERT INTO knelpunt(title, description, origin, "
                "region_code) VALUES ('Eigen knelpunt', 'Uitleg', 'beleid', "
                "(SELECT min(code) FROM region WHERE kind = 'provincie'));"
                "INSERT INTO audit(actor, actor_role, action, object_type, "
                "object_id, result, origin) VALUES ('b', 'beheerder', "
                "'test', 'test', '1', 'gelukt', 'cli');"
                "COMMIT; DETACH f");
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static long long count(const char *path, const char *sql)
{
    sqlite3 *db;
    long long n;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    n = store_count(db, sql, NULL);
    sqlite3_close(db);
    return n;
}

/* Number of entries in dir besides . and .. */
static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

/* The whole file, for byte comparisons; caller frees. */
static char *contents(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    char *s;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    s = malloc((size_t)*len + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)*len, f), (size_t)*len);
    fclose(f);
    return s;
}

struct tdir {
    char dir[64];
    char path[128];
};

static int tdir_setup(void **state)
{
    struct tdir *t = calloc(1, sizeof *t);

    snprintf(t->dir, sizeof t->dir, "/tmp/koers-migt-XXXXXX");
    if (mkdtemp(t->dir) == NULL)
        return -1;
    *state = t;
    return 0;
}

static int tdir_teardown(void **state)
{
    struct tdir *t = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    if (system(cmd) != 0)
        return -1;
    free(t);
    return 0;
}

/* Migrate, expecting a refusal containing `why`, with the file byte for
 * byte as before and nothing else left in the directory. */
static void refused(struct tdir *t, const char *why)
{
    struct migrate_report rep;
    char err[1024], *before, *after;
    long lb, la;
    int n = dir_entries(t->dir);

    before = contents(t->path, &lb);
    assert_int_equal(migrate_run(t->path, data_dir(), &rep, err,
                                 sizeof err), -1);
    if (strstr(err, why) == NULL)
        fail_msg("'%s' does not say '%s'", err, why);
    after = contents(t->path, &la);
    assert_int_equal(la, lb);
    assert_memory_equal(before, after, (size_t)lb);
    assert_int_equal(dir_entries(t->dir), n);
    free(before);
    free(after);
}

static void test_v4_is_migrated(void **state)
{
    struct tdir *t = *state;
    struct migrate_report rep;
    char err[1024], bak[192];
    long long orgs = count(fresh.path, "SELECT count(*) FROM organisation");
    size_t i;
    int saw_org = 0;

    make_old(t->dir, 4, t->path, sizeof t->path);
    assert_int_equal(migrate_run(t->path, data_dir(), &rep, err, sizeof err),
                     0);
    assert_int_equal(rep.from_version, 4);
    snprintf(bak, sizeof bak, "%s.v4.bak", t->path);
    assert_string_equal(rep.backup, bak);
    assert_int_equal(count(bak, "PRAGMA user_version"), 4);
    assert_int_equal(count(t->path, "PRAGMA user_version"),
                     STORE_SCHEMA_VERSION);
    for (i = 0; i < rep.ntables; i++)
        if (strcmp(rep.tables[i].name, "organisation") == 0) {
            assert_int_equal(rep.tables[i].rows, orgs + 1);
            saw_org = 1;
        }
    assert_true(saw_org);
    assert_int_equal(count(t->path, "SELECT count(*) FROM organisation "
                                    "WHERE code = 'eigen-bv'"), 1);
    assert_int_equal(count(t->path, "SELECT count(*) FROM meeting WHERE "
                                    "minutes = 'Verslag'"), 1);
    assert_int_equal(count(t->path, "SELECT count(*) FROM knelpunt WHERE "
                                    "title = 'Eigen knelpunt'"), 1);
    /* the seeds of versions 5 and 6, as a fresh store has them */
    assert_int_equal(count(t->path, "SELECT count(*) FROM indicator"),
                     count(fresh.path, "SELECT count(*) FROM indicator"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM region"),
                     count(fresh.path, "SELECT count(*) FROM region"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM region_link"),
                     count(fresh.path, "SELECT count(*) FROM region_link"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM plan_dependency"),
                     count(fresh.path, "SELECT count(*) FROM "
                                       "plan_dependency"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM budget_line"),
                     count(fresh.path, "SELECT count(*) FROM budget_line"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM gremium g WHERE "
                                    "registered_at = '2023-10-30T00:00:00Z'"),
                     31);
    assert_int_equal(count(t->path, "SELECT count(*) FROM risk WHERE "
                                    "owner <> ''"),
                     count(fresh.path, "SELECT count(*) FROM risk WHERE "
                                       "owner <> ''"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM audit WHERE "
                                    "action = 'store.migreren'"), 1);
    assert_non_null(strstr(rep.seeded, "monitorcatalogus"));
    /* koers.db and the backup; no temporary file */
    assert_int_equal(dir_entries(t->dir), 2);
    /* now current: nothing to do */
    assert_int_equal(migrate_run(t->path, data_dir(), &rep, err, sizeof err),
                     1);
    assert_int_equal(dir_entries(t->dir), 2);
}

static void test_v5_keeps_region_ids(void **state)
{
    struct tdir *t = *state;
    struct migrate_report rep;
    char err[1024];

    make_old(t->dir, 5, t->path, sizeof t->path);
    assert_int_equal(migrate_run(t->path, data_dir(), &rep, err, sizeof err),
                     0);
    assert_int_equal(rep.from_version, 5);
    /* the catalogue was there: copied, not seeded again */
    assert_null(strstr(rep.seeded, "monitorcatalogus"));
    assert_int_equal(count(t->path, "SELECT count(*) FROM indicator"),
                     count(fresh.path, "SELECT count(*) FROM indicator"));
    assert_int_equal(count(t->path, "SELECT sum(id * length(code)) FROM "
                                    "region"),
                     count(fresh.path, "SELECT sum(id * length(code)) FROM "
                                       "region"));
}

static void test_future_version_refused(void **state)
{
    struct tdir *t = *state;
    sqlite3 *db;

    make_old(t->dir, 5, t->path, sizeof t->path);
    assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
    exec_ok(db, "PRAGMA user_version = 99");
    sqlite3_close(db);
    refused(t, "nieuwer dan deze koers");
}

static void test_not_a_store_refused(void **state)
{
    struct tdir *t = *state;
    sqlite3 *db;
    FILE *f;

    snprintf(t->path, sizeof t->path, "%s/ander.db", t->dir);
    assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
    exec_ok(db, "CREATE TABLE x(a); INSERT INTO x VALUES (1)");
    sqlite3_close(db);
    refused(t, "geen Koers-store");
    snprintf(t->path, sizeof t->path, "%s/tekst.db", t->dir);
    f = fopen(t->path, "w");
    assert_non_null(f);
    fputs("dit is geen database, maar wel een bestand van enige lengte "
          "zodat SQLite de kop leest en weigert.\n", f);
    fclose(f);
    refused(t, "geen leesbare SQLite-database");
}

static void test_lost_column_refused(void **state)
{
    struct tdir *t = *state;
    sqlite3 *db;

    make_old(t->dir, 4, t->path, sizeof t->path);
    assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
    exec_ok(db, "ALTER TABLE organisation ADD COLUMN extra TEXT; "
                "UPDATE organisation SET extra = 'x' WHERE code = 'eigen-bv'");
    sqlite3_close(db);
    refused(t, "organisation.extra");
}

static void test_existing_backup_refused(void **state)
{
    struct tdir *t = *state;
    char bak[192];
    FILE *f;

    make_old(t->dir, 4, t->path, sizeof t->path);
    snprintf(bak, sizeof bak, "%s.v4.bak", t->path);
    f = fopen(bak, "w");
    assert_non_null(f);
    fputs("eerdere kopie\n", f);
    fclose(f);
    refused(t, "bestaat al");
    assert_int_equal(count(t->path, "PRAGMA user_version"), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v4_is_migrated, tdir_setup,
                                        tdir_teardown),
        cmocka_unit_test_setup_teardown(test_v5_keeps_region_ids, tdir_setup,
                                        tdir_teardown),
        cmocka_unit_test_setup_teardown(test_future_version_refused,
                                        tdir_setup, tdir_teardown),
        cmocka_unit_test_setup_teardown(test_not_a_store_refused, tdir_setup,
                                        tdir_teardown),
        cmocka_unit_test_setup_teardown(test_lost_column_refused, tdir_setup,
                                        tdir_teardown),
        cmocka_unit_test_setup_teardown(test_existing_backup_refused,
                                        tdir_setup, tdir_teardown),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
