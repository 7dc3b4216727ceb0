/* feed.c - iCalendar feeds (see feed.h). */
#include "feed.h"
#include "auth.h"
#include "buf.h"
#include "ical.h"
#include "store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED_MAX_EVENTS 20000

/* Owned strings of one event; the ical_event points into them. */
struct feed_row {
    char *s[9];
};

/* Run the meeting query (its first parameter bound by the caller's
 * binder) and build the calendar. Columns: uid, title, starts_at,
 * ends_at, location, sequence, status, body code, updated_at, id. */
static char *build(sqlite3 *db, sqlite3_stmt *st, const char *name,
                   const char *base_url, struct fault *f)
{
    struct ical_event *ev = NULL;
    struct feed_row *rows = NULL;
    size_t n = 0, cap = 0, i;
    char *out = NULL, err[256];

    while (sqlite3_step(st) == SQLITE_ROW && n < FEED_MAX_EVENTS) {
        struct buf desc, url;
        sqlite3_stmt *ag;
        int k = 0;

        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            void *a = realloc(ev, nc * sizeof *ev);
            void *b;
            if (a == NULL)
                goto cleanup;
            ev = a;
            b = realloc(rows, nc * sizeof *rows);
            if (b == NULL)
                goto cleanup;
            rows = b;
            cap = nc;
        }
        memset(&rows[n], 0, sizeof rows[n]);
        buf_init(&desc, 64 * 1024);
        ag = store_prepare(db, "SELECT title FROM agenda_item WHERE "
                               "meeting_id = ? AND status <> 'afgevoerd' "
                               "ORDER BY ord, id");
        store_bind_int(ag, 1, sqlite3_column_int64(st, 9));
        while (ag && sqlite3_step(ag) == SQLITE_ROW) {
            k++;
            buf_printf(&desc, "%s%d. %s", k > 1 ? "\n" : "Agenda:\n", k,
                       store_col(ag, 0));
        }
        sqlite3_finalize(ag);
        buf_init(&url, 1024);
        buf_printf(&url, "%s/vergaderingen/%lld", base_url,
                   (long long)sqlite3_column_int64(st, 9));
        rows[n].s[0] = strdup(store_col(st, 0));
        rows[n].s[1] = strdup(store_col(st, 1));
        rows[n].s[2] = strdup(store_col(st, 2));
        rows[n].s[3] = strdup(store_col(st, 3));
        rows[n].s[4] = strdup(store_col(st, 4));
        rows[n].s[5] = strdup(store_col(st, 7));
        rows[n].s[6] = strdup(store_col(st, 8));
        rows[n].s[7] = buf_detach(&desc, NULL);
        rows[n].s[8] = buf_detach(&url, NULL);
        buf_free(&desc);
        buf_free(&url);
        memset(&ev[n], 0, sizeof ev[n]);
        ev[n].uid = rows[n].s[0];
        ev[n].summary = rows[n].s[1];
        ev[n].starts_at = rows[n].s[2];
        ev[n].ends_at = rows[n].s[3];
        ev[n].location = rows[n].s[4][0] ? rows[n].s[4] : NULL;
        ev[n].sequence = sqlite3_column_int(st, 5);
        ev[n].cancelled = strcmp(store_col(st, 6), "geannuleerd") == 0;
        ev[n].body_code = rows[n].s[5][0] ? rows[n].s[5] : "evaluatie";
        ev[n].last_modified = rows[n].s[6];
        ev[n].description = rows[n].s[7][0] ? rows[n].s[7] : NULL;
        ev[n].url = rows[n].s[8];
        n++;
    }
    out = ical_write(ev, n, name, err, sizeof err);
    if (out == NULL)
        fault_set(f, FAULT_STORE, "De agenda kon niet worden gemaakt: %s",
                  err);
cleanup:
    if (out == NULL && f->kind == FAULT_NONE)
        fault_set(f, FAULT_STORE, "Onvoldoende geheugen voor de agenda.");
    for (i = 0; i < n; i++) {
        int k;
        for (k = 0; k < 9; k++)
            free(rows[i].s[k]);
    }
    free(rows);
    free(ev);
    return out;
}

#define FEED_COLUMNS \
    "SELECT m.uid, m.title, m.starts_at, m.ends_at, m.location, " \
    "m.sequence, m.status, coalesce(b.code, ''), m.updated_at, m.id " \
    "FROM meeting m LEFT JOIN body b ON b.id = m.body_id "

char *feed_body(sqlite3 *db, const char *body_code, const char *base_url,
                struct fault *f)
{
    char name[200];
    sqlite3_stmt *st;
    char *out;

    st = store_prepare(db, "SELECT name FROM body WHERE code = ? AND "
                           "public = 1");
    store_bind_text(st, 1, body_code);
    if (st == NULL || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        fault_set(f, FAULT_NOTFOUND, "Er is geen openbare agenda van dit "
                  "overleg.");
        return NULL;
    }
    snprintf(name, sizeof name, "Koers — %s", store_col(st, 0));
    sqlite3_finalize(st);
    st = store_prepare(db, FEED_COLUMNS "WHERE b.code = ? ORDER BY "
                           "m.starts_at");
    store_bind_text(st, 1, body_code);
    out = build(db, st, name, base_url, f);
    sqlite3_finalize(st);
    return out;
}

char *feed_all(sqlite3 *db, const char *base_url, struct fault *f)
{
    sqlite3_stmt *st = store_prepare(db, FEED_COLUMNS "WHERE b.public = 1 "
                                         "OR m.body_id IS NULL ORDER BY "
                                         "m.starts_at");
    char *out = build(db, st, "Koers — alle openbare vergaderingen",
                      base_url, f);

    sqlite3_finalize(st);
    return out;
}

static void hash_token(const char *token, char *hex)
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)token,
                       strlen(token), NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

char *feed_personal(sqlite3 *db, const char *token, const char *base_url,
                    struct fault *f)
{
    char hex[65], name[160], role[32] = "", scope[64] = "";
    long long person = 0, user = 0;
    sqlite3_stmt *st;
    char *out;

    if (strlen(token) != AUTH_SECRET_HEX) {
        fault_set(f, FAULT_NOTFOUND, "Deze agenda bestaat niet (meer).");
        return NULL;
    }
    hash_token(token, hex);
    st = store_prepare(db, "SELECT u.id, u.name, u.role, coalesce(u.scope,"
                           "''), coalesce(u.person_id, 0) FROM feed_token t "
                           "JOIN user u ON u.id = t.user_id WHERE "
                           "t.token_hash = ? AND t.revoked_at IS NULL AND "
                           "u.active = 1");
    store_bind_text(st, 1, hex);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        user = sqlite3_column_int64(st, 0);
        snprintf(name, sizeof name, "Koers — agenda van %s",
                 store_col(st, 1));
        snprintf(role, sizeof role, "%s", store_col(st, 2));
        snprintf(scope, sizeof scope, "%s", store_col(st, 3));
        person = sqlite3_column_int64(st, 4);
    }
    sqlite3_finalize(st);
    if (user == 0) {
        fault_set(f, FAULT_NOTFOUND, "Deze agenda bestaat niet (meer).");
        return NULL;
    }
    st = store_prepare(db, FEED_COLUMNS "WHERE ?1 = 'secretaris' OR "
                           "?1 = 'beheerder' OR (?1 = 'netwerkmanager' AND "
                           "b.code = ?2) OR EXISTS (SELECT 1 FROM "
                           "meeting_invitee i WHERE i.meeting_id = m.id AND "
                           "i.person_id = ?3) ORDER BY m.starts_at");
    store_bind_text(st, 1, role);
    store_bind_text(st, 2, scope);
    store_bind_int(st, 3, person);
    out = build(db, st, name, base_url, f);
    sqlite3_finalize(st);
    return out;
}

long long feed_token_create(sqlite3 *db, const struct actor *who, char *out,
                            struct fault *f)
{
    char hex[65];
    sqlite3_stmt *st;
    long long id;

    if (who->user_id <= 0) {
        fault_set(f, FAULT_FORBIDDEN, "Log in om een persoonlijke agenda te "
                  "maken.");
        return -1;
    }
    auth_random_hex(out);
    hash_token(out, hex);
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    st = store_prepare(db, "INSERT INTO feed_token(user_id, token_hash) "
                           "VALUES (?, ?)");
    store_bind_int(st, 1, who->user_id);
    store_bind_text(st, 2, hex);
    if (store_exec_stmt(st) != 0)
        goto fail;
    id = sqlite3_last_insert_rowid(db);
    {
        char idtxt[32];
        snprintf(idtxt, sizeof idtxt, "%lld", id);
        if (audit_write(db, who, "agendatoken.aanmaken", "agendatoken",
                        idtxt, "gelukt", NULL) != 0 || store_commit(db) != 0)
            goto fail;
    }
    return id;
fail:
    store_rollback(db);
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    return -1;
}

int feed_token_revoke(sqlite3 *db, const struct actor *who, long long id,
                      struct fault *f)
{
    char idtxt[32];
    long long owner;
    sqlite3_stmt *st;

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    owner = store_count(db, "SELECT coalesce((SELECT user_id FROM feed_token "
                            "WHERE id = ? AND revoked_at IS NULL), 0)", idtxt);
    if (owner <= 0) {
        fault_set(f, FAULT_NOTFOUND, "Deze agenda-link bestaat niet of is al "
                  "ingetrokken.");
        return -1;
    }
    if (owner != who->user_id &&
        !perm_allowed(who->role, who->scope, ACT_GEBRUIKER_BEHEREN, NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "U mag alleen uw eigen agenda-links "
                  "intrekken.");
        audit_write(db, who, "agendatoken.intrekken", "agendatoken", idtxt,
                    "geweigerd", f->msg);
        return -1;
    }
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    st = store_prepare(db, "UPDATE feed_token SET revoked_at = "
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0 ||
        audit_write(db, who, "agendatoken.intrekken", "agendatoken", idtxt,
                    "gelukt", NULL) != 0 || store_commit(db) != 0) {
        store_rollback(db);
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
        return -1;
    }
    return 0;
}
