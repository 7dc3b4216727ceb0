/* domain.c - helpers shared by the domain modules (domain.h). */
#include "domain.h"
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void domain_now_utc(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;

    if (gmtime_r(&t, &tm) == NULL) {
        snprintf(out, 21, "2000-01-01T00:00:00Z");
        return;
    }
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void domain_now_local(char out[17])
{
    time_t t = time(NULL);
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL) {
        snprintf(out, 17, "2000-01-01T00:00");
        return;
    }
    strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

void domain_today_local(char out[11])
{
    char now[17];

    domain_now_local(now);
    memcpy(out, now, 10);
    out[10] = '\0';
}

int domain_has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 1;
    return 0;
}

void domain_put_chars(struct buf *b, const char *s, size_t chars)
{
    const char *p = s;
    size_t n = 0;

    while (*p) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (n == chars)
                break;
            n++;
        }
        p++;
    }
    buf_append(b, s, (size_t)(p - s));
    if (*p)
        buf_puts(b, "…");
}

void domain_set_bool(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    if (v && !json_is_boolean(v))
        json_object_set_new(o, key, json_boolean(json_integer_value(v)));
}

int domain_begin_tx(sqlite3 *db, struct fault *f)
{
    if (store_begin(db) == 0)
        return 0;
    fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
    return -1;
}

int domain_store_failed(sqlite3 *db, struct fault *f)
{
    store_rollback(db);
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    return -1;
}

int domain_store_failed_keep(sqlite3 *db, struct fault *f)
{
    store_rollback(db);
    if (f->kind != FAULT_STORE)
        fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    return -1;
}

void domain_refuse(sqlite3 *db, const struct actor *who, const char *action,
                   const char *type, long long id, const struct fault *f)
{
    char idtxt[32];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    audit_write(db, who, action, type, id > 0 ? idtxt : "", "geweigerd",
                f->msg);
}

int domain_audit_ok(sqlite3 *db, const struct actor *who, const char *action,
                    const char *type, long long id, const char *detail)
{
    char idtxt[32];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    return audit_write(db, who, action, type, idtxt, "gelukt", detail);
}

int domain_load_row(sqlite3 *db, const char *sql, long long id,
                    int (*fill)(sqlite3_stmt *st, void *out), void *out,
                    size_t size)
{
    sqlite3_stmt *st;
    int rc = -1;

    memset(out, 0, size);
    st = store_prepare(db, sql);
    if (st == NULL)
        return -1;
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        rc = fill(st, out);
    sqlite3_finalize(st);
    return rc;
}
