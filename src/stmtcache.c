/* stmtcache.c - prepared statements kept per connection (see
 * stmtcache.h). */
#include "stmtcache.h"

#include <pthread.h>
#include <stddef.h>

#include "log.h"

struct slot {
    sqlite3 *db;              /* NULL: free */
    const char *sql;
    sqlite3_stmt *st;         /* NULL while being prepared */
    int in_use;
};

static struct slot slots[STMTCACHE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* SQLITE_TRACE_CLOSE: finalize the closing connection's statements
 * before sqlite3_close checks for unfinalized ones. */
static int on_trace(unsigned type, void *ctx, void *p, void *x)
{
    sqlite3 *db = p;
    int i;

    (void)ctx;
    (void)x;
    if (type != SQLITE_TRACE_CLOSE)
        return 0;
    pthread_mutex_lock(&lock);
    for (i = 0; i < STMTCACHE_SLOTS; i++) {
        if (slots[i].db != db)
            continue;
        sqlite3_finalize(slots[i].st);
        slots[i].db = NULL;
        slots[i].sql = NULL;
        slots[i].st = NULL;
        slots[i].in_use = 0;
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

/* Prepare sql on db; persistent when it will be kept. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, int keep)
{
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v3(db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0,
                           &st, NULL) != SQLITE_OK) {
        log_error("sql: %s", sqlite3_errmsg(db));
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

sqlite3_stmt *stmtcache_get(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int i, free_slot = -1;

    pthread_mutex_lock(&lock);
    for (i = 0; i < STMTCACHE_SLOTS; i++) {
        if (slots[i].db == db && slots[i].sql == sql) {
            if (slots[i].in_use || slots[i].st == NULL) {
                /* out already (nested use): a private statement */
                pthread_mutex_unlock(&lock);
                return prepare(db, sql, 0);
            }
            slots[i].in_use = 1;
            st = slots[i].st;
            pthread_mutex_unlock(&lock);
            return st;
        }
        if (slots[i].db == NULL && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0) {
        pthread_mutex_unlock(&lock);
        return prepare(db, sql, 0);
    }
    slots[free_slot].db = db;
    slots[free_slot].sql = sql;
    slots[free_slot].st = NULL;
    slots[free_slot].in_use = 1;
    pthread_mutex_unlock(&lock);

    /* the close hook goes on before the statement can exist */
    sqlite3_trace_v2(db, SQLITE_TRACE_CLOSE, on_trace, NULL);
    st = prepare(db, sql, 1);
    pthread_mutex_lock(&lock);
    if (st == NULL) {
        slots[free_slot].db = NULL;
        slots[free_slot].sql = NULL;
        slots[free_slot].in_use = 0;
    } else {
        slots[free_slot].st = st;
    }
    pthread_mutex_unlock(&lock);
    return st;
}

void stmtcache_put(sqlite3_stmt *st)
{
    int i;

    if (st == NULL)
        return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_lock(&lock);
    for (i = 0; i < STMTCACHE_SLOTS; i++) {
        if (slots[i].st == st) {
            slots[i].in_use = 0;
            pthread_mutex_unlock(&lock);
            return;
        }
    }
    pthread_mutex_unlock(&lock);
    sqlite3_finalize(st);
}
