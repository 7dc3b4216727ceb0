/* domain.h - small helpers the domain modules (knelpunt, flow, goal,
 * initiative) share: time stamps, text checks, transactions with their
 * store faults, and audit entries for refusals and successes.
 *
 * Owns nothing; every function works on what it is given. Out buffers
 * are the caller's and have the size the parameter states. */
#ifndef KOERS_DOMAIN_H
#define KOERS_DOMAIN_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "buf.h"
#include "fault.h"

/* Current UTC time as stored ("YYYY-MM-DDTHH:MM:SSZ"). */
void domain_now_utc(char out[21]);
/* Current local time as meetings store it ("YYYY-MM-DDTHH:MM"). */
void domain_now_local(char out[17]);
/* Today's local date ("YYYY-MM-DD"; the server runs in
 * Europe/Amsterdam). */
void domain_today_local(char out[11]);
/* 1 when s (may be NULL) has a character other than white space. */
int domain_has_text(const char *s);
/* Append at most `chars` characters of UTF-8 text s, with "…" when cut. */
void domain_put_chars(struct buf *b, const char *s, size_t chars);
/* Replace the integer member key of o by a JSON boolean. */
void domain_set_bool(json_t *o, const char *key);
/* Load the row of `sql` (one ? for the id) into out: out (size bytes)
 * is zeroed, then fill copies the row's columns and returns 0 or -1.
 * -1 when the statement fails, no row matches or fill fails. */
int domain_load_row(sqlite3 *db, const char *sql, long long id,
                    int (*fill)(sqlite3_stmt *st, void *out), void *out,
                    size_t size);
/* Begin a transaction; -1 with a store fault when the store is busy. */
int domain_begin_tx(sqlite3 *db, struct fault *f);
/* Roll back and report "Opslaan is mislukt."; returns -1. */
int domain_store_failed(sqlite3 *db, struct fault *f);
/* As domain_store_failed, but keep a store fault already set (such as
 * the agenda's own message). */
int domain_store_failed_keep(sqlite3 *db, struct fault *f);
/* Audit a refusal of `action` on object type/id (id 0: a new object, no
 * id written) with the fault's message as detail. */
void domain_refuse(sqlite3 *db, const struct actor *who, const char *action,
                   const char *type, long long id, const struct fault *f);
/* Audit a success of `action` on object type/id; audit_write's result. */
int domain_audit_ok(sqlite3 *db, const struct actor *who, const char *action,
                    const char *type, long long id, const char *detail);

#endif
