/* stmtcache.h - prepared statements kept per connection for hot reads.
 *
 * Owns: a small process-wide table of prepared statements, keyed by the
 * connection and the SQL text's address (a static string), so that a
 * read served many times per second (the monitor's series endpoint)
 * does not parse and plan its SQL on every request. A statement is
 * checked out by stmtcache_get and handed back, reset and with its
 * bindings cleared, by stmtcache_put; while it is out, another get for
 * the same connection and SQL prepares a fresh one (finalized by its
 * put). When a connection closes, its statements are finalized first
 * (an SQLITE_TRACE_CLOSE callback, registered on the connection at its
 * first cached statement), so sqlite3_close never sees them; the
 * connection's trace callback is therefore taken by this module. A full
 * table simply means no caching. Thread-safe; a connection is used by
 * one thread at a time (store_pool). */
#ifndef KOERS_STMTCACHE_H
#define KOERS_STMTCACHE_H

#include <sqlite3.h>

#define STMTCACHE_SLOTS 64

/* A prepared statement of sql on db (sql must outlive the connection: a
 * string literal); NULL on a prepare error (logged). */
sqlite3_stmt *stmtcache_get(sqlite3 *db, const char *sql);
/* Hand st back (reset, bindings cleared); a statement that is not
 * cached is finalized. Accepts NULL. */
void stmtcache_put(sqlite3_stmt *st);

#endif
