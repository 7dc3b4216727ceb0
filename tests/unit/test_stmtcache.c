/* test_stmtcache.c - unit tests for stmtcache.h: a statement is prepared
 * once per connection and SQL and comes back reset; a nested use gets a
 * private statement; connections do not share statements; and a
 * connection with cached statements still closes cleanly (its
 * statements are finalized by the close hook), which the sanitizer
 * build checks for leaks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include <sqlite3.h>

#include "stmtcache.h"

static const char sql_one[] = "SELECT ?1 + 1";
static const char sql_two[] = "SELECT 2";

static sqlite3 *mem_db(void)
{
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
                                     SQLITE_OPEN_NOMUTEX, NULL), SQLITE_OK);
    return db;
}

static void test_reused_and_reset(void **state)
{
    sqlite3 *db = mem_db();
    sqlite3_stmt *a, *b;

    (void)state;
    a = stmtcache_get(db, sql_one);
    assert_non_null(a);
    sqlite3_bind_int(a, 1, 41);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(a, 0), 42);
    /* handed back in the middle of its rows */
    stmtcache_put(a);
    b = stmtcache_get(db, sql_one);
    assert_ptr_equal(a, b);
    /* reset, bindings cleared: NULL + 1 is NULL */
    assert_int_equal(sqlite3_step(b), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(b, 0), SQLITE_NULL);
    stmtcache_put(b);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_nested_and_separate(void **state)
{
    sqlite3 *db = mem_db(), *db2 = mem_db();
    sqlite3_stmt *a, *nested, *c, *d;

    (void)state;
    a = stmtcache_get(db, sql_one);
    nested = stmtcache_get(db, sql_one);
    assert_non_null(nested);
    assert_ptr_not_equal(a, nested);
    stmtcache_put(nested);          /* finalized: not cached */
    c = stmtcache_get(db, sql_two);
    assert_ptr_not_equal(a, c);
    d = stmtcache_get(db2, sql_one);
    assert_ptr_not_equal(a, d);
    assert_ptr_equal(sqlite3_db_handle(d), db2);
    stmtcache_put(a);
    stmtcache_put(c);
    stmtcache_put(d);
    stmtcache_put(NULL);
    assert_null(stmtcache_get(db, "SELECT * FROM no_such_table"));
    /* both connections close although they have cached statements */
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    assert_int_equal(sqlite3_close(db2), SQLITE_OK);
    /* a new connection (perhaps at the same address) starts afresh */
    db = mem_db();
    a = stmtcache_get(db, sql_two);
    assert_non_null(a);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(a, 0), 2);
    stmtcache_put(a);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* More statements than slots: the rest are simply not cached. */
static void test_full_table(void **state)
{
    static char sql[STMTCACHE_SLOTS + 8][32];
    sqlite3 *db = mem_db();
    sqlite3_stmt *st;
    int i;

    (void)state;
    for (i = 0; i < STMTCACHE_SLOTS + 8; i++) {
        snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
        st = stmtcache_get(db, sql[i]);
        assert_non_null(st);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(st, 0), i);
        stmtcache_put(st);
    }
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reused_and_reset),
        cmocka_unit_test(test_nested_and_separate),
        cmocka_unit_test(test_full_table),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
