/* cyclestore.c - calendars for the checker, planning a year in its
 * context, and saving a plan (see cyclestore.h). */
#include "cyclestore.h"
#include "calendar.h"
#include "meeting.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Append one meeting, growing the array; -1 on allocation failure. */
static int push(struct cycle_meeting **a, size_t *n, size_t *cap,
                const struct cycle_meeting *m)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct cycle_meeting *na = realloc(*a, nc * sizeof *na);
        if (na == NULL)
            return -1;
        *a = na;
        *cap = nc;
    }
    (*a)[(*n)++] = *m;
    return 0;
}

/* Fill a cycle_meeting from local start/end strings; -1 when invalid. */
static int from_times(struct cycle_meeting *m, const char *body,
                      const char *start, const char *end)
{
    long d1, d2;
    int m1, m2;

    memset(m, 0, sizeof *m);
    if (cal_parse_datetime(start, &d1, &m1) != 0 ||
        cal_parse_datetime(end, &d2, &m2) != 0)
        return -1;
    snprintf(m->body, sizeof m->body, "%s", body);
    m->day = d1;
    m->start_min = m1;
    m->end_min = d2 == d1 ? m2 : 24 * 60 - 1;
    return 0;
}

int cyclestore_load(sqlite3 *db, int year_from, int year_to,
                    struct cycle_meeting **out, size_t *n)
{
    char from[16], to[16];
    sqlite3_stmt *st = store_prepare(db,
        "SELECT m.id, coalesce(b.code, 'evaluatie'), m.starts_at, m.ends_at, "
        "m.status FROM meeting m LEFT JOIN body b ON b.id = m.body_id "
        "WHERE m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at");
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return -1;
    snprintf(from, sizeof from, "%04d-01-01", year_from);
    snprintf(to, sizeof to, "%04d-01-01", year_to + 1);
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct cycle_meeting m;

        if (from_times(&m, store_col(st, 1), store_col(st, 2),
                       store_col(st, 3)) != 0)
            continue;
        m.id = sqlite3_column_int64(st, 0);
        m.cancelled = strcmp(store_col(st, 4), "geannuleerd") == 0;
        if (push(out, n, &cap, &m) != 0) {
            sqlite3_finalize(st);
            free(*out);
            *out = NULL;
            *n = 0;
            return -1;
        }
    }
    sqlite3_finalize(st);
    return 0;
}

/* The body an event belongs to: X-KOERS-OVERLEG, a CATEGORIES entry that
 * is a body code, or a SUMMARY starting with a body's name. */
static const char *map_event(const struct cycle_rules *r,
                             const struct ical_parsed *e)
{
    size_t i;

    for (i = 0; i < r->nbodies; i++)
        if (e->body_code[0] && strcmp(e->body_code, r->bodies[i].code) == 0)
            return r->bodies[i].code;
    if (strcmp(e->body_code, "evaluatie") == 0)
        return "evaluatie";
    for (i = 0; i < r->nbodies; i++) {
        const char *c = strstr(e->categories, r->bodies[i].code);
        size_t l = strlen(r->bodies[i].code);
        if (c && (c == e->categories || c[-1] == ',') &&
            (c[l] == '\0' || c[l] == ','))
            return r->bodies[i].code;
    }
    for (i = 0; i < r->nbodies; i++) {
        size_t l = strlen(r->bodies[i].name);
        if (strncasecmp(e->summary, r->bodies[i].name, l) == 0)
            return r->bodies[i].code;
    }
    if (strncasecmp(e->summary, "Evaluatie van de governance", 27) == 0)
        return "evaluatie";
    return NULL;
}

int cyclestore_from_ical(const struct cycle_rules *r,
                         const struct ical_parsed *ev, size_t nev,
                         struct cycle_meeting **out, size_t *n,
                         json_t *ignored)
{
    size_t i, cap = 0;

    *out = NULL;
    *n = 0;
    for (i = 0; i < nev; i++) {
        const char *body = map_event(r, &ev[i]);
        struct cycle_meeting m;

        if (body == NULL || from_times(&m, body, ev[i].starts_at,
                                       ev[i].ends_at) != 0) {
            json_array_append_new(ignored, json_string(ev[i].summary));
            continue;
        }
        m.cancelled = ev[i].cancelled;
        if (push(out, n, &cap, &m) != 0) {
            free(*out);
            *out = NULL;
            *n = 0;
            return -1;
        }
    }
    return 0;
}

json_t *cyclestore_violations_json(const struct cycle_violation *v, long n)
{
    json_t *a = json_array();
    long i;

    for (i = 0; i < n; i++) {
        char day[11];

        if (v[i].day)
            cal_format_date(v[i].day, day);
        json_array_append_new(a, json_pack("{s:s, s:s, s:s?, s:i, s:s}",
            "regel", v[i].rule, "overleg", v[i].body,
            "datum", v[i].day ? day : NULL, "jaar", v[i].year,
            "melding", v[i].message));
    }
    return a;
}

int cyclestore_plan_year(const struct cycle_rules *r, int year,
                         struct cycle_meeting **all, size_t *n,
                         size_t *first, struct cycle_violation **v,
                         long *nv)
{
    struct cycle_meeting *prev = NULL, *cur = NULL;
    size_t np = 0, nc = 0;
    int rc = -1;

    if (cycle_plan(r, year - 1, &prev, &np) != 0 ||
        cycle_plan(r, year, &cur, &nc) != 0)
        goto cleanup;
    *all = malloc((np + nc + 1) * sizeof **all);
    if (*all == NULL)
        goto cleanup;
    if (np)
        memcpy(*all, prev, np * sizeof *prev);
    if (nc)
        memcpy(*all + np, cur, nc * sizeof *cur);
    *n = np + nc;
    *first = np;
    *nv = cycle_check(r, *all, *n, year, year, v);
    rc = *nv < 0 ? -1 : 0;
cleanup:
    free(prev);
    free(cur);
    return rc;
}

long cyclestore_save_plan(sqlite3 *db, const struct actor *who, int year,
                          const struct cycle_rules *r,
                          const struct cycle_meeting *m, size_t n,
                          json_t *ids, struct fault *f)
{
    char from[16], to[16];
    sqlite3_stmt *st;
    long long existing = 0;
    size_t i;

    (void)r;
    if (!perm_allowed(who->role, who->scope, ACT_VERGADERING_PLANNEN,
                      NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "Alleen de secretaris of de beheerder "
                  "kan een jaarplan opslaan.");
        audit_write(db, who, "jaarplan.opslaan", "jaarplan", "", "geweigerd",
                    f->msg);
        return -1;
    }
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-01-01", year + 1);
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        return -1;
    }
    st = store_prepare(db, "SELECT count(*) FROM meeting WHERE status = "
                           "'gepland' AND starts_at >= ? AND starts_at < ?");
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        existing = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (existing > 0) {
        fault_set(f, FAULT_CONFLICT, "Er staan al %lld vergaderingen in %d. "
                  "Verzet of annuleer die afzonderlijk; een jaarplan wordt "
                  "alleen in een leeg jaar opgeslagen.", existing, year);
        store_rollback(db);
        return -1;
    }
    for (i = 0; i < n; i++) {
        char b[17], e[17];
        json_t *in;
        long long id;

        if (m[i].cancelled)
            continue;
        cal_format_datetime(m[i].day, m[i].start_min, b);
        cal_format_datetime(m[i].day, m[i].end_min, e);
        if (strcmp(m[i].body, "evaluatie") == 0)
            in = json_pack("{s:s, s:s, s:s}", "soort", "evaluatie",
                           "begin", b, "einde", e);
        else
            in = json_pack("{s:s, s:s, s:s}", "overleg", m[i].body,
                           "begin", b, "einde", e);
        id = meeting_create_tx(db, who, in, f);
        json_decref(in);
        if (id < 0) {
            store_rollback(db);
            return -1;
        }
        json_array_append_new(ids, json_integer(id));
    }
    {
        char detail[64];
        snprintf(detail, sizeof detail, "%zu vergaderingen", n);
        if (audit_write(db, who, "jaarplan.opslaan", "jaarplan", from + 0,
                        "gelukt", detail) != 0 || store_commit(db) != 0) {
            store_rollback(db);
            fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
            return -1;
        }
    }
    return (long)json_array_size(ids);
}
