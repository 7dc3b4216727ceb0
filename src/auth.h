/* auth.h - accounts, passwords, browser sessions and API tokens.
 *
 * Owns: the user, session, api_token and login_failure tables. Passwords
 * are hashed with argon2id (libsodium crypto_pwhash_str); session ids and
 * API tokens are 256-bit random values of which only a BLAKE2b hash is
 * stored, so a copy of the database grants no access. */
#ifndef KOERS_AUTH_H
#define KOERS_AUTH_H

#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"

#define AUTH_SESSION_SECONDS (8 * 3600)
#define AUTH_MAX_FAILURES 5            /* per account name ... */
#define AUTH_MAX_FAILURES_ADDR 50      /* ... and per client address ... */
#define AUTH_FAILURE_WINDOW 900        /* ... within this many seconds */
#define AUTH_PASSWORD_MIN 12
#define AUTH_SECRET_HEX 64             /* hex chars of a random secret */

int auth_init(void);
/* Create a user; password may be NULL (token-only account). Fails when the
 * name exists or the role is unknown; reason in err (Dutch). */
int auth_user_add(sqlite3 *db, const char *name, const char *role,
                  const char *scope, const char *password, long long *id,
                  char *err, size_t errlen);
/* Replace a user's password (argon2id); 0, or -1 when hashing or the
 * store fails or the user does not exist. */
int auth_user_set_password(sqlite3 *db, long long user_id,
                           const char *password);
/* End every browser session of a user and revoke all its API tokens
 * (deactivation); 0, or -1 when the store fails. */
int auth_user_end_sessions(sqlite3 *db, long long user_id, int tokens);
/* Random printable password of 20 characters into out (size >= 21). */
void auth_random_password(char *out, size_t outlen);
/* Verify name/password; fills the actor on success. Returns 0 on success,
 * -1 on wrong credentials, -2 when rate limited. Records failures. */
int auth_login(sqlite3 *db, const char *name, const char *password,
               const char *addr, struct actor *who);
/* Create a session for user_id; writes the raw session id (hex) and its
 * CSRF token into the given buffers (size > AUTH_SECRET_HEX). */
int auth_session_create(sqlite3 *db, long long user_id, char *sid,
                        char *csrf);
/* Look up a session by raw id; fills actor and csrf when valid and not
 * expired. Returns 0 when valid. */
int auth_session_lookup(sqlite3 *db, const char *sid, struct actor *who,
                        char *csrf);
int auth_session_delete(sqlite3 *db, const char *sid);
/* Create a personal API token; writes the raw token into out
 * (size > AUTH_SECRET_HEX + 8). Returns the token id or -1. */
long long auth_token_create(sqlite3 *db, long long user_id, char *out);
int auth_token_lookup(sqlite3 *db, const char *token, struct actor *who);
/* Revoke a token by id; 0 when revoked, -1 when unknown/already revoked.
 * When user_id > 0 the token must belong to that user. */
int auth_token_revoke(sqlite3 *db, long long token_id, long long user_id);
/* Random hex secret of AUTH_SECRET_HEX chars plus NUL. */
void auth_random_hex(char *out);
/* Constant-time comparison of two NUL-terminated secrets. */
int auth_secret_equal(const char *a, const char *b);

#endif
