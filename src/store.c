/* store.c - SQLite store: open, schema, transactions, pool (see store.h). */
#include "store.h"
#include "log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char store_schema_sql[];   /* generated from schema.sql */

/* Apply the per-connection settings every connection needs. */
static int store_configure(sqlite3 *db)
{
    const char *pragmas =
        "PRAGMA foreign_keys = ON;"
        "PRAGMA recursive_triggers = ON;"
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = NORMAL;";

    sqlite3_busy_timeout(db, 5000);
    return sqlite3_exec(db, pragmas, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

sqlite3 *store_open(const char *path, int create, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    struct stat st;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

    if (create) {
        /* create the file atomically, so two inits cannot race */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

        if (fd < 0) {
            if (stat(path, &st) == 0)
                snprintf(err, errlen, "%s already exists; refusing to "
                         "overwrite", path);
            else
                snprintf(err, errlen, "cannot create %s", path);
            return NULL;
        }
        close(fd);
    }
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    if (store_configure(db) != 0) {
        snprintf(err, errlen, "cannot configure %s: %s", path,
                 sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    if (!create && store_check(db) != 0) {
        long long v = store_count(db, "PRAGMA user_version", NULL);

        if (v >= 1 && v < STORE_SCHEMA_VERSION &&
            store_count(db, "SELECT count(*) FROM sqlite_master WHERE "
                        "type='table' AND name='audit'", NULL) == 1)
            snprintf(err, errlen, "%s heeft schemaversie %lld, deze koers "
                     "gebruikt versie %d: werk hem bij met koers migreer "
                     "--db %s", path, v, STORE_SCHEMA_VERSION, path);
        else
            snprintf(err, errlen, "%s is not a Koers store of schema "
                     "version %d", path, STORE_SCHEMA_VERSION);
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

void store_close(sqlite3 *db)
{
    if (db)
        sqlite3_close(db);
}

int store_create_schema(sqlite3 *db)
{
    char *msg = NULL;

    if (sqlite3_exec(db, store_schema_sql, NULL, NULL, &msg) != SQLITE_OK) {
        log_error("schema: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int store_check(sqlite3 *db)
{
    long long v = store_count(db, "PRAGMA user_version", NULL);
    long long t = store_count(db, "SELECT count(*) FROM sqlite_master "
                              "WHERE type='table' AND name='audit'", NULL);
    return (v == STORE_SCHEMA_VERSION && t == 1) ? 0 : -1;
}

int store_begin(sqlite3 *db)
{
    return sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
               ? 0 : -1;
}

int store_commit(sqlite3 *db)
{
    return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void store_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        log_error("prepare: %s: %s", sqlite3_errmsg(db), sql);
        return NULL;
    }
    return st;
}

int store_exec_stmt(sqlite3_stmt *st)
{
    int rc;

    if (st == NULL)
        return -1;
    rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        log_error("step: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
    sqlite3_finalize(st);
    return (rc == SQLITE_DONE || rc == SQLITE_ROW) ? 0 : -1;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void store_bind_int(sqlite3_stmt *st, int i, long long v)
{
    sqlite3_bind_int64(st, i, v);
}

const char *store_col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

long long store_count(sqlite3 *db, const char *sql, const char *param)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    long long v = -1;

    if (st == NULL)
        return -1;
    if (param)
        store_bind_text(st, 1, param);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The pool: `size` connections, handed out under a mutex; a thread that
 * finds none free waits on the condition variable. */
struct store_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int size;
    int nfree;
    sqlite3 **all;
    sqlite3 **free_list;
};

struct store_pool *store_pool_new(const char *path, int size, char *err,
                                  size_t errlen)
{
    struct store_pool *p = calloc(1, sizeof *p);
    int i;

    if (p == NULL)
        return NULL;
    p->all = calloc((size_t)size, sizeof *p->all);
    p->free_list = calloc((size_t)size, sizeof *p->free_list);
    if (p->all == NULL || p->free_list == NULL)
        goto fail;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (i = 0; i < size; i++) {
        p->all[i] = store_open(path, 0, err, errlen);
        if (p->all[i] == NULL)
            goto fail;
        p->size++;
        p->free_list[p->nfree++] = p->all[i];
    }
    return p;
fail:
    store_pool_free(p);
    return NULL;
}

sqlite3 *store_pool_acquire(struct store_pool *p)
{
    sqlite3 *db;

    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    db = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return db;
}

void store_pool_release(struct store_pool *p, sqlite3 *db)
{
    if (db == NULL)
        return;
    store_rollback(db);
    pthread_mutex_lock(&p->lock);
    p->free_list[p->nfree++] = db;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

void store_pool_free(struct store_pool *p)
{
    int i;

    if (p == NULL)
        return;
    for (i = 0; i < p->size; i++)
        store_close(p->all[i]);
    if (p->all) {
        pthread_mutex_destroy(&p->lock);
        pthread_cond_destroy(&p->freed);
    }
    free(p->all);
    free(p->free_list);
    free(p);
}
