/* audit.h - the append-only audit trail and the actor who causes entries.
 *
 * Owns: struct actor (who acts, with which role and scope, from where) and
 * the audit table. Every state change writes one entry inside the same
 * transaction as the change; refusals (permission denied, failed login)
 * are written as 'geweigerd'. The schema's triggers make the table
 * append-only. */
#ifndef KOERS_AUDIT_H
#define KOERS_AUDIT_H

#include <sqlite3.h>

#include "perm.h"

struct actor {
    long long user_id;        /* 0 when anonymous */
    char name[64];
    enum perm_role role;      /* ROLE_NONE when anonymous */
    char scope[64];           /* "" when unscoped */
    char origin[96];          /* e.g. "http 127.0.0.1" or "cli" */
};

void audit_actor_cli(struct actor *a);

/* Write one audit entry; result is "gelukt", "geweigerd" or "mislukt".
 * detail may be NULL. Returns 0 on success. */
int audit_write(sqlite3 *db, const struct actor *a, const char *action,
                const char *object_type, const char *object_id,
                const char *result, const char *detail);

#endif
