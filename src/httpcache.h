/* httpcache.h - HTTP caching of public answers: entity tags and a small
 * in-memory cache of finished answers.
 *
 * Owns: the If-None-Match comparison (RFC 9110, weak comparison) and the
 * answer cache. The cache maps a key chosen by the handler (its validated
 * parameters, never raw client text) to the finished body and its ETag,
 * so a repeated public read (the monitor's chart series) costs no SQLite
 * read and no JSON building. An entry is valid while
 * - no state change has been handled by this process since it was stored
 *   (http.c calls httpcache_invalidate after every POST, PUT, PATCH and
 *   DELETE),
 * - the store's files did not change (httpcache_watch: the modification
 *   time and size of the database and its write-ahead log, one stat each;
 *   this catches a `koers import` run by another process at once),
 * - and for at most HTTPCACHE_TTL seconds.
 * Only answers up to HTTPCACHE_MAX_BODY bytes are kept. Thread-safe. */
#ifndef KOERS_HTTPCACHE_H
#define KOERS_HTTPCACHE_H

#include <stddef.h>

#include "buf.h"

#define HTTPCACHE_SLOTS 512
#define HTTPCACHE_TTL 2               /* seconds */
#define HTTPCACHE_MAX_BODY (64 * 1024)
#define HTTPCACHE_TAG_MAX 24          /* "\"0123456789abcdef\"" + NUL */

/* 1 when the If-None-Match header value (a list of tags, or "*") holds
 * tag; W/"x" matches "x". */
int httpcache_etag_match(const char *header, const char *tag);

/* A strong ETag for bytes: a quoted 64-bit hash of ctype and body. */
void httpcache_tag(const char *ctype, const char *body, size_t len,
                   char tag[HTTPCACHE_TAG_MAX]);

/* The state of the store when a lookup was made: an answer computed
 * after a miss is stored with the mark of that miss, so a change that
 * happened while it was computed makes it stale at once. */
struct httpcache_mark {
    unsigned long gen;
    unsigned long long stamp;
};

/* On a hit: the body is appended to out, the tag copied, 1 returned.
 * 0 on a miss. Either way *mark records the state looked at. */
int httpcache_get(const char *key, struct buf *out,
                  char tag[HTTPCACHE_TAG_MAX], struct httpcache_mark *mark);
/* Store a finished answer (copied) computed after the lookup that gave
 * mark; silently skipped when too large. */
void httpcache_put(const char *key, const char *body, size_t len,
                   const char *tag, const struct httpcache_mark *mark);
/* Watch the store at path (and path-wal) for changes by any process;
 * call once before serving. Without it only the other rules apply. */
void httpcache_watch(const char *db_path);
/* Forget every entry (a state change was handled). */
void httpcache_invalidate(void);
/* Free all entries (at server stop; for leak checkers). */
void httpcache_clear(void);

#endif
