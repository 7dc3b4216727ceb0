/* feed.h - iCalendar feeds of meetings: per body, everything public, and
 * personal feeds behind a secret, revocable URL.
 *
 * Owns: choosing which meetings a feed shows (public bodies only for the
 * public feeds; for a personal feed the meetings the user's person is
 * invited to, all meetings for a secretaris, and the own kerngroep's for a
 * netwerkmanager), turning them into ical_event values (the agenda in
 * DESCRIPTION), and the feed_token table (only a hash is stored). */
#ifndef KOERS_FEED_H
#define KOERS_FEED_H

#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

/* Calendar text (caller frees) or NULL with f filled (404 for an unknown
 * or non-public body or a revoked token). base_url prefixes meeting
 * links, e.g. "http://127.0.0.1:8080". */
char *feed_body(sqlite3 *db, const char *body_code, const char *base_url,
                struct fault *f);
char *feed_all(sqlite3 *db, const char *base_url, struct fault *f);
char *feed_personal(sqlite3 *db, const char *token, const char *base_url,
                    struct fault *f);
/* Create a personal feed token for the actor; writes the raw token into
 * out (size > 64) and returns its id, or -1. */
long long feed_token_create(sqlite3 *db, const struct actor *who, char *out,
                            struct fault *f);
/* Revoke: own tokens, or any for a beheerder. */
int feed_token_revoke(sqlite3 *db, const struct actor *who, long long id,
                      struct fault *f);

#endif
