/* account.h - user management: the beheerder's side of accounts.
 *
 * Owns: the rules for creating and changing accounts (the user table;
 * auth.c keeps the hashing, sessions and tokens): which scope a role
 * takes (netwerkmanager: a kerngroep body code; accounthouder and regio:
 * a CBS region code; ministerie: the code of a government organisation
 * such as ezk; other roles: none), the optional link to a person,
 * deactivation (which ends the user's sessions and revokes their API
 * tokens) and password resets. The CLI (`koers user add`), the pages
 * under /beheer/gebruikers and /api/v1/gebruikers all go through these
 * functions. Every change checks ACT_GEBRUIKER_BEHEREN and is audited in
 * the same transaction; every refusal is audited as 'geweigerd'. A
 * beheerder cannot deactivate themselves, and the last active beheerder
 * cannot be deactivated or given another role. JSON values are owned by
 * the caller; generated passwords are written to the caller's buffer
 * once and never stored in clear or audited. */
#ifndef KOERS_ACCOUNT_H
#define KOERS_ACCOUNT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"
#include "input.h"

#define ACCOUNT_PASSWORD_BUF 32     /* a generated password plus NUL */
#define ACCOUNT_PASSWORD_MAX 1024   /* longest password one may choose */

/* Fields of a new account: naam, rol, scope, persoon (an id), wachtwoord
 * (optional, at least AUTH_PASSWORD_MIN characters). */
extern const struct input_field account_fields[];

/* All accounts, by name: id, naam, rol, rolNaam, scope, persoon,
 * persoonNaam, actief (boolean), aangemaakt, tokens (active). */
json_t *account_list(sqlite3 *db);
/* One account in the same shape, or NULL. */
json_t *account_get(sqlite3 *db, long long id);
/* Check scope for role and write its canonical spelling into canon (""
 * for no scope): a body or organisation code in lower case, a region
 * code as the region table spells it. scope may be NULL or "". 0, or -1
 * with a precise FAULT_INVALID. */
int account_scope_check(sqlite3 *db, const char *role, const char *scope,
                        char *canon, size_t canon_len, struct fault *f);
/* Create an account from in (account_fields). Without a given password
 * one is generated and written into pw (size >= ACCOUNT_PASSWORD_BUF);
 * with one, pw is "". Returns the new id, or -1 with f filled. */
long long account_create(sqlite3 *db, const struct actor *who, json_t *in,
                         char *pw, struct fault *f);
/* Change role, scope and person of an account. in: rol (required), scope
 * and persoon (absent or null: none), and optionally actief (boolean) to
 * deactivate or reactivate. 0, or -1 with f filled. */
int account_update(sqlite3 *db, const struct actor *who, long long id,
                   json_t *in, struct fault *f);
/* Deactivate (active 0: sessions ended, API tokens revoked) or
 * reactivate (active 1) an account. 0, or -1 with f filled. */
int account_set_active(sqlite3 *db, const struct actor *who, long long id,
                       int active, struct fault *f);
/* Give an account a new generated password, written into pw (size >=
 * ACCOUNT_PASSWORD_BUF); its sessions end. 0, or -1 with f filled. */
int account_reset_password(sqlite3 *db, const struct actor *who,
                           long long id, char *pw, struct fault *f);

#endif
