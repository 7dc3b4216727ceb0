/* store.h - the SQLite store: opening, schema, transactions, a pool.
 *
 * Owns: the database file and its schema version. Every connection runs
 * with foreign keys on, WAL journaling and a busy timeout. SQL is only run
 * through prepared statements with bound parameters; the helpers here wrap
 * the common patterns. Domain modules call these; nothing else opens the
 * database. */
#ifndef KOERS_STORE_H
#define KOERS_STORE_H

#include <sqlite3.h>
#include <stddef.h>

#define STORE_SCHEMA_VERSION 6

/* Open an existing store (create=0) or create a new file (create=1; fails
 * when the file exists). On failure returns NULL and writes a one-line
 * Dutch-free English reason into err. Caller closes with store_close. */
sqlite3 *store_open(const char *path, int create, char *err, size_t errlen);
void store_close(sqlite3 *db);
/* Create all tables of the current schema version on an empty store. */
int store_create_schema(sqlite3 *db);
/* Check the schema version matches this binary. */
int store_check(sqlite3 *db);

int store_begin(sqlite3 *db);
int store_commit(sqlite3 *db);
void store_rollback(sqlite3 *db);

/* Prepare, logging the SQL error; returns NULL on failure. */
sqlite3_stmt *store_prepare(sqlite3 *db, const char *sql);
/* Run a statement without result rows: 0 on SQLITE_DONE. Finalizes it. */
int store_exec_stmt(sqlite3_stmt *st);
/* Bind helpers that bind NULL for a NULL string. */
void store_bind_text(sqlite3_stmt *st, int i, const char *s);
void store_bind_int(sqlite3_stmt *st, int i, long long v);
/* Column text that is never NULL ("" instead). */
const char *store_col(sqlite3_stmt *st, int i);
/* Single integer query with one optional text parameter; -1 on error. */
long long store_count(sqlite3 *db, const char *sql, const char *param);

/* A fixed-size pool of connections shared by server threads. */
struct store_pool;
struct store_pool *store_pool_new(const char *path, int size, char *err,
                                  size_t errlen);
sqlite3 *store_pool_acquire(struct store_pool *p);
void store_pool_release(struct store_pool *p, sqlite3 *db);
void store_pool_free(struct store_pool *p);

#endif
