/* audit.c - append-only audit trail (see audit.h). */
#include "audit.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

void audit_actor_cli(struct actor *a)
{
    memset(a, 0, sizeof *a);
    snprintf(a->name, sizeof a->name, "systeem");
    a->role = ROLE_BEHEERDER;
    snprintf(a->origin, sizeof a->origin, "cli");
}

int audit_write(sqlite3 *db, const struct actor *a, const char *action,
                const char *object_type, const char *object_id,
                const char *result, const char *detail)
{
    sqlite3_stmt *st = store_prepare(db,
        "INSERT INTO audit(actor, actor_role, action, object_type, "
        "object_id, result, origin, detail) VALUES (?,?,?,?,?,?,?,?)");

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, a->name[0] ? a->name : "anoniem");
    store_bind_text(st, 2, perm_role_code(a->role));
    store_bind_text(st, 3, action);
    store_bind_text(st, 4, object_type);
    store_bind_text(st, 5, object_id ? object_id : "");
    store_bind_text(st, 6, result);
    store_bind_text(st, 7, a->origin[0] ? a->origin : "onbekend");
    store_bind_text(st, 8, detail ? detail : "");
    return store_exec_stmt(st);
}
