/* monitor.c - reading the monitor cube (see monitor.h) and keeping its
 * targets.
 *
 * Owns: the read side of the observation cube (indicator definitions,
 * series, cross sections, the periods and disaggregation keys with data),
 * the linear target path and its status, and the writes of the target
 * table (create, update, delete: permission, validation, audit). Every
 * read of observations is one statement that resolves the region,
 * disaggregation and period codes to their integer ids in scalar
 * subqueries (evaluated once) and then walks a range of observation's
 * primary key (indicator, region, disaggregation, period). */
#include "monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "domain.h"
#include "grow.h"
#include "perm.h"
#include "stmtcache.h"
#include "store.h"
#include "text.h"

/* Copy column i as text into out (size len), "" for NULL. */
static void col_copy(sqlite3_stmt *st, int i, char *out, size_t len)
{
    snprintf(out, len, "%s", store_col(st, i));
}

/* Step a statement that reads one row: 1 when there is one (st stays on
 * it), 0 when there is none, -1 on a store error. */
static int one_row(sqlite3_stmt *st)
{
    int step = sqlite3_step(st);

    return step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
}

/* Fill the element at elem from the current row of st; 0, or a negative
 * code that stops collect_rows. */
typedef int (*row_fill_fn)(void *ctx, sqlite3_stmt *st, void *elem);

/* Step st to its end, appending one element of `size` per row, filled by
 * fill. The count, with *out the array (the caller frees it); or fill's
 * negative code, or -1 on a store error or out of memory, with nothing
 * handed out (release, or free when NULL, gets the n elements filled so
 * far). The caller keeps st. */
static long collect_rows(sqlite3_stmt *st, size_t size, row_fill_fn fill,
                         void *ctx, void (*release)(void *arr, long n),
                         void **out)
{
    char *arr = NULL;
    size_t cap = 0;
    long n = 0;
    int step, rc = 0;

    *out = NULL;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (grow_array((void **)&arr, &cap, (size_t)n + 1, size) != 0) {
            rc = -1;
            break;
        }
        rc = fill(ctx, st, arr + (size_t)n * size);
        if (rc != 0)
            break;
        n++;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = -1;
    if (rc != 0) {
        if (release)
            release(arr, n);
        else
            free(arr);
        return rc;
    }
    *out = arr;
    return n;
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */

int mon_indicator_get(sqlite3 *db, const char *code, struct mon_indicator *out)
{
    sqlite3_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    st = store_prepare(db,
        "SELECT id, code, name, definition, unit, decimals, source, "
        "pillar_code, topic_code, domain, direction, aggregation, "
        "period_kind, num_code, num_filter, den_code, den_filter, factor "
        "FROM indicator WHERE code = ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    rc = one_row(st);
    if (rc == 1) {
        out->id = sqlite3_column_int64(st, 0);
        col_copy(st, 1, out->code, sizeof out->code);
        col_copy(st, 2, out->name, sizeof out->name);
        col_copy(st, 3, out->definition, sizeof out->definition);
        col_copy(st, 4, out->unit, sizeof out->unit);
        out->decimals = sqlite3_column_int(st, 5);
        col_copy(st, 6, out->source, sizeof out->source);
        col_copy(st, 7, out->pillar, sizeof out->pillar);
        col_copy(st, 8, out->topic, sizeof out->topic);
        col_copy(st, 9, out->domain, sizeof out->domain);
        col_copy(st, 10, out->direction, sizeof out->direction);
        col_copy(st, 11, out->aggregation, sizeof out->aggregation);
        col_copy(st, 12, out->period_kind, sizeof out->period_kind);
        col_copy(st, 13, out->num_code, sizeof out->num_code);
        col_copy(st, 14, out->num_filter, sizeof out->num_filter);
        col_copy(st, 15, out->den_code, sizeof out->den_code);
        col_copy(st, 16, out->den_filter, sizeof out->den_filter);
        out->factor = sqlite3_column_double(st, 17);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Series and cross sections                                           */

/* One range scan of the primary key in period id order (no sort: an
 * ORDER BY that needs SQLite's sorter costs more than the scan). The
 * region and disaggregation ids are scalar subqueries, evaluated once.
 * Period ids normally grow with time, as imports register periods in
 * file order; a series that is not in time order is read again with
 * series_sorted_sql. Both stay prepared per connection (stmtcache.h). */
static const char series_sql[] =
    "SELECT p.code, p.name, p.year, o.value, o.definitief, o.origin, "
    "p.starts FROM observation o CROSS JOIN period p "
    "WHERE o.indicator_id = ?1 "
    "AND o.region_id = (SELECT id FROM region WHERE code = ?2) "
    "AND o.disagg_id = (SELECT id FROM disaggregation WHERE key = ?3) "
    "AND p.id = o.period_id ORDER BY o.period_id";
static const char series_sorted_sql[] =
    "SELECT p.code, p.name, p.year, o.value, o.definitief, o.origin, "
    "p.starts FROM observation o JOIN period p ON p.id = o.period_id "
    "WHERE o.indicator_id = ?1 "
    "AND o.region_id = (SELECT id FROM region WHERE code = ?2) "
    "AND o.disagg_id = (SELECT id FROM disaggregation WHERE key = ?3) "
    "ORDER BY p.starts, p.code";

/* The previous row's time order key (start date, then code) while a
 * series is read; check: refuse a row that does not come after it. */
struct series_order {
    int check;
    char prev[32];
};

static int point_fill(void *ctx, sqlite3_stmt *st, void *elem)
{
    struct series_order *o = ctx;
    struct mon_point *p = elem;
    char key[32];

    snprintf(key, sizeof key, "%s %s", store_col(st, 6), store_col(st, 0));
    if (o->check && o->prev[0] && strcmp(key, o->prev) <= 0)
        return -2;
    memcpy(o->prev, key, sizeof o->prev);
    col_copy(st, 0, p->period, sizeof p->period);
    col_copy(st, 1, p->period_name, sizeof p->period_name);
    p->year = sqlite3_column_int(st, 2);
    p->value = sqlite3_column_double(st, 3);
    p->definitief = sqlite3_column_int(st, 4);
    p->origin = sqlite3_column_int(st, 5);
    return 0;
}

/* Read the series with `sql` into *pts. The count, -1 on error, or -2
 * when check_order is set and the rows were not in time order. */
static long series_read(sqlite3 *db, const char *sql, int check_order,
                        sqlite3_int64 indicator_id, const char *region,
                        const char *disagg, struct mon_point **pts)
{
    struct series_order order = { check_order, "" };
    sqlite3_stmt *st;
    long n;

    *pts = NULL;
    st = stmtcache_get(db, sql);
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, indicator_id);
    store_bind_text(st, 2, region);
    store_bind_text(st, 3, disagg ? disagg : "");
    n = collect_rows(st, sizeof **pts, point_fill, &order, NULL,
                     (void **)pts);
    stmtcache_put(st);
    return n;
}

long mon_series(sqlite3 *db, sqlite3_int64 indicator_id, const char *region,
                const char *disagg, struct mon_point **pts)
{
    long n = series_read(db, series_sql, 1, indicator_id, region, disagg,
                         pts);

    if (n == -2)
        n = series_read(db, series_sorted_sql, 0, indicator_id, region,
                        disagg, pts);
    return n;
}

static int cell_fill(void *ctx, sqlite3_stmt *st, void *elem)
{
    struct mon_cell *c = elem;

    col_copy(st, 0, c->region, sizeof c->region);
    col_copy(st, 1, c->name, sizeof c->name);
    c->has_value = sqlite3_column_type(st, 2) != SQLITE_NULL;
    c->value = c->has_value ? sqlite3_column_double(st, 2) : 0;
    return 0;
}

long mon_cross_section(sqlite3 *db, sqlite3_int64 indicator_id,
                       const char *kind, const char *period,
                       const char *disagg, struct mon_cell **cells)
{
    sqlite3_stmt *st;
    long n;

    *cells = NULL;
    /* A region is listed when it has a value, or when it existed during
     * the period (a gemeente abolished before it, or started after it, is
     * left out unless it has data). */
    st = store_prepare(db,
        "WITH p AS (SELECT id, starts, ends FROM period WHERE code = ?3) "
        "SELECT r.code, r.name, o.value FROM region r "
        "LEFT JOIN observation o ON o.indicator_id = ?1 "
        "AND o.region_id = r.id "
        "AND o.disagg_id = (SELECT id FROM disaggregation WHERE key = ?4) "
        "AND o.period_id = (SELECT id FROM p) "
        "WHERE r.kind = ?2 AND (o.value IS NOT NULL OR NOT EXISTS "
        "(SELECT 1 FROM p) OR EXISTS (SELECT 1 FROM p WHERE "
        "(r.started IS NULL OR r.started <= p.ends) AND "
        "(r.ended IS NULL OR r.ended > p.starts))) "
        "ORDER BY r.code");
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, indicator_id);
    store_bind_text(st, 2, kind);
    store_bind_text(st, 3, period);
    store_bind_text(st, 4, disagg ? disagg : "");
    n = collect_rows(st, sizeof **cells, cell_fill, NULL, NULL,
                     (void **)cells);
    sqlite3_finalize(st);
    return n;
}

static int string_fill(void *ctx, sqlite3_stmt *st, void *elem)
{
    char **s = elem;

    *s = strdup(store_col(st, 0));
    return *s ? 0 : -1;
}

static void strings_release(void *arr, long n)
{
    mon_strings_free(arr, n);
}

/* Run `sql` (one integer parameter) and collect column 0 as strings. */
static long collect_strings(sqlite3 *db, const char *sql, sqlite3_int64 id,
                            char ***out)
{
    sqlite3_stmt *st;
    long n;

    *out = NULL;
    st = store_prepare(db, sql);
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    n = collect_rows(st, sizeof **out, string_fill, NULL, strings_release,
                     (void **)out);
    sqlite3_finalize(st);
    return n;
}

/* The periods of the indicator's kind that hold a value in some region
 * and disaggregation. Each candidate period is probed with full-key
 * seeks over the regions with data (MON_SQL_REGIONS_WITH_DATA) and the
 * disaggregations, stopping at the first hit, so it stays a few index
 * lookups with millions of observations instead of a scan of all of the
 * indicator's rows. */
long mon_periods(sqlite3 *db, sqlite3_int64 indicator_id, char ***codes)
{
    return collect_strings(db, MON_SQL_REGIONS_WITH_DATA
        "SELECT p.code FROM period p WHERE p.kind = (SELECT period_kind "
        "FROM indicator WHERE id = ?1) AND EXISTS (SELECT 1 FROM rr "
        "CROSS JOIN disaggregation d CROSS JOIN observation o "
        "WHERE o.indicator_id = ?1 AND o.region_id = rr.id "
        "AND o.disagg_id = d.id AND o.period_id = p.id) "
        "ORDER BY p.starts, p.code", indicator_id, codes);
}

long mon_disaggs(sqlite3 *db, sqlite3_int64 indicator_id, char ***keys)
{
    return collect_strings(db, MON_SQL_REGIONS_WITH_DATA
        "SELECT d.key FROM disaggregation d WHERE EXISTS (SELECT 1 FROM "
        "rr CROSS JOIN observation o WHERE o.indicator_id = ?1 "
        "AND o.region_id = rr.id AND o.disagg_id = d.id) "
        "ORDER BY d.key <> '', d.key", indicator_id, keys);
}

void mon_strings_free(char **s, long n)
{
    long i;

    if (s == NULL)
        return;
    for (i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

void mon_disagg_label(sqlite3 *db, const char *key, char *out, size_t len)
{
    sqlite3_stmt *st = NULL;
    const char *p = key ? key : "";
    size_t used = 0;

    if (len == 0)
        return;
    out[0] = '\0';
    if (p[0] == '\0') {
        snprintf(out, len, "totaal");
        return;
    }
    st = store_prepare(db, "SELECT name FROM monitor_dimension_item "
                           "WHERE dimension_code = ? AND code = ?");
    while (*p) {
        const char *end = strchr(p, ';'), *eq;
        char dim[64], item[64];
        const char *label;
        size_t n = end ? (size_t)(end - p) : strlen(p);
        int w;

        eq = memchr(p, '=', n);
        if (eq == NULL || (size_t)(eq - p) >= sizeof dim ||
            n - (size_t)(eq - p) - 1 >= sizeof item) {
            snprintf(dim, sizeof dim, "%s", "");
            snprintf(item, sizeof item, "%.*s", (int)(n < 63 ? n : 63), p);
        } else {
            snprintf(dim, sizeof dim, "%.*s", (int)(eq - p), p);
            snprintf(item, sizeof item, "%.*s", (int)(n - (size_t)(eq - p)
                                                      - 1), eq + 1);
        }
        label = item;
        if (st) {
            sqlite3_reset(st);
            store_bind_text(st, 1, dim);
            store_bind_text(st, 2, item);
            if (sqlite3_step(st) == SQLITE_ROW)
                label = store_col(st, 0);
        }
        w = snprintf(out + used, len - used, "%s%s", used ? ", " : "",
                     label);
        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
        p = end ? end + 1 : p + n;
    }
    sqlite3_finalize(st);
}

/* ------------------------------------------------------------------ */
/* Targets: path and status                                            */

double mon_target_path(const struct mon_target *t, int year)
{
    double share;

    if (year <= t->baseline_year)
        return t->baseline_value;
    if (year >= t->target_year)
        return t->target_value;
    share = (double)(year - t->baseline_year) /
            (double)(t->target_year - t->baseline_year);
    return t->baseline_value + share * (t->target_value - t->baseline_value);
}

enum mon_status mon_target_status(const struct mon_target *t,
                                  const char *direction, int year,
                                  double actual)
{
    double path = mon_target_path(t, year), behind, allowed;
    int up;

    if (!isfinite(actual))
        return MON_GEEN;
    /* Which way is ahead: the indicator's direction, or for a neutral
     * indicator the way the target itself moves. */
    if (direction && strcmp(direction, "hoger") == 0)
        up = 1;
    else if (direction && strcmp(direction, "lager") == 0)
        up = 0;
    else
        up = t->target_value >= t->baseline_value;
    behind = up ? path - actual : actual - path;
    if (behind <= 0)
        return MON_OP_KOERS;
    allowed = fabs(path - t->baseline_value) / 4.0;
    if (allowed == 0)
        allowed = fabs(path) * 0.05;
    return behind <= allowed ? MON_RISICO : MON_UIT_KOERS;
}

const char *mon_status_code(enum mon_status s)
{
    switch (s) {
    case MON_OP_KOERS: return "op-koers";
    case MON_RISICO: return "risico";
    case MON_UIT_KOERS: return "uit-koers";
    case MON_GEEN: break;
    }
    return "geen";
}

const char *mon_status_label(enum mon_status s)
{
    switch (s) {
    case MON_OP_KOERS: return "op koers";
    case MON_RISICO: return "risico";
    case MON_UIT_KOERS: return "uit koers";
    case MON_GEEN: break;
    }
    return "geen streefwaarde";
}

static void target_fill(sqlite3_stmt *st, struct mon_target *t)
{
    t->id = sqlite3_column_int64(st, 0);
    col_copy(st, 1, t->region, sizeof t->region);
    col_copy(st, 2, t->disagg, sizeof t->disagg);
    t->goal_id = sqlite3_column_int64(st, 3);
    t->baseline_year = sqlite3_column_int(st, 4);
    t->baseline_value = sqlite3_column_double(st, 5);
    t->target_year = sqlite3_column_int(st, 6);
    t->target_value = sqlite3_column_double(st, 7);
    col_copy(st, 8, t->note, sizeof t->note);
}

#define TARGET_COLS "id, region_code, disagg_key, coalesce(goal_id, 0), " \
    "baseline_year, baseline_value, target_year, target_value, note"

int mon_target_get(sqlite3 *db, sqlite3_int64 indicator_id,
                   const char *region, const char *disagg,
                   struct mon_target *out)
{
    sqlite3_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    st = store_prepare(db, "SELECT " TARGET_COLS " FROM target WHERE "
                           "indicator_id = ? AND region_code = ? AND "
                           "disagg_key = ?");
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, indicator_id);
    store_bind_text(st, 2, region);
    store_bind_text(st, 3, disagg ? disagg : "");
    rc = one_row(st);
    if (rc == 1)
        target_fill(st, out);
    sqlite3_finalize(st);
    return rc;
}

int mon_target_by_id(sqlite3 *db, sqlite3_int64 id,
                     sqlite3_int64 *indicator_id, struct mon_target *out)
{
    sqlite3_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    st = store_prepare(db, "SELECT " TARGET_COLS ", indicator_id FROM "
                           "target WHERE id = ?");
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    rc = one_row(st);
    if (rc == 1) {
        target_fill(st, out);
        if (indicator_id)
            *indicator_id = sqlite3_column_int64(st, 9);
    }
    sqlite3_finalize(st);
    return rc;
}

enum mon_status mon_indicator_status(sqlite3 *db,
                                     const struct mon_indicator *ind)
{
    struct mon_target t;
    struct mon_point *pts = NULL;
    enum mon_status s = MON_GEEN;
    long n;

    if (mon_target_get(db, ind->id, "NL01", "", &t) != 1)
        return MON_GEEN;
    n = mon_series(db, ind->id, "NL01", "", &pts);
    if (n > 0)
        s = mon_target_status(&t, ind->direction, pts[n - 1].year,
                              pts[n - 1].value);
    free(pts);
    return s;
}

/* ------------------------------------------------------------------ */
/* Targets: writes                                                     */

/* 1 when the check st, its parameters bound, finds a row; st is reset
 * for its next use. */
static int check_row(sqlite3_stmt *st)
{
    int found = sqlite3_step(st) == SQLITE_ROW;

    sqlite3_reset(st);
    return found;
}

int mon_disagg_check(sqlite3 *db, sqlite3_int64 indicator_id,
                     const char *key, struct fault *f)
{
    sqlite3_stmt *dim = NULL, *item = NULL;
    char prev[64] = "", d[64], it[64];
    const char *p = key ? key : "";
    int ok = 0;

    if (p[0] == '\0')
        return 1;
    dim = store_prepare(db, "SELECT 1 FROM indicator_dimension WHERE "
                            "indicator_id = ? AND dimension_code = ?");
    item = store_prepare(db, "SELECT 1 FROM monitor_dimension_item WHERE "
                             "dimension_code = ? AND code = ?");
    if (dim == NULL || item == NULL) {
        fault_set(f, FAULT_STORE, "De uitsplitsing kon niet worden "
                  "gecontroleerd.");
        goto cleanup;
    }
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        size_t dn = eq ? (size_t)(eq - p) : 0, in = eq ? n - dn - 1 : 0;

        if (eq == NULL || dn == 0 || in == 0 || dn >= sizeof d ||
            in >= sizeof it || memchr(eq + 1, '=', in)) {
            fault_set(f, FAULT_INVALID, "Uitsplitsing \"%s\" is ongeldig: "
                      "gebruik dimensie=waarde, meerdere gescheiden door "
                      "';' (bijvoorbeeld geslacht=vrouw), of leeg voor het "
                      "totaal.", key);
            goto cleanup;
        }
        memcpy(d, p, dn);
        d[dn] = '\0';
        memcpy(it, eq + 1, in);
        it[in] = '\0';
        if (prev[0] && strcmp(prev, d) >= 0) {
            fault_set(f, FAULT_INVALID, "Uitsplitsing \"%s\": noem elke "
                      "dimensie een keer, op alfabetische volgorde.", key);
            goto cleanup;
        }
        sqlite3_bind_int64(dim, 1, indicator_id);
        store_bind_text(dim, 2, d);
        if (!check_row(dim)) {
            fault_set(f, FAULT_INVALID, "Uitsplitsing \"%s\": deze "
                      "indicator is niet uitgesplitst naar \"%s\".", key, d);
            goto cleanup;
        }
        store_bind_text(item, 1, d);
        store_bind_text(item, 2, it);
        if (!check_row(item)) {
            fault_set(f, FAULT_INVALID, "Uitsplitsing \"%s\": \"%s\" is "
                      "geen waarde van dimensie \"%s\".", key, it, d);
            goto cleanup;
        }
        snprintf(prev, sizeof prev, "%s", d);
        p = end ? end + 1 : p + n;
        if (end && *p == '\0') {
            fault_set(f, FAULT_INVALID, "Uitsplitsing \"%s\" eindigt op "
                      "';'.", key);
            goto cleanup;
        }
    }
    ok = 1;
cleanup:
    sqlite3_finalize(dim);
    sqlite3_finalize(item);
    return ok;
}

/* Validate t for indicator_id; 0 or -1 with f filled. */
static int target_check(sqlite3 *db, sqlite3_int64 indicator_id,
                        const struct mon_target *t, struct fault *f)
{
    long long n;

    n = store_count(db, "SELECT count(*) FROM region WHERE code = ?",
                    t->region);
    if (n < 0) {
        fault_set(f, FAULT_STORE, "De regio kon niet worden gelezen.");
        return -1;
    }
    if (n == 0) {
        fault_set(f, FAULT_INVALID, "Regio \"%s\" bestaat niet; gebruik "
                  "een CBS-code zoals NL01 of PV25 (zie /api/v1/regios).",
                  t->region);
        return -1;
    }
    if (!mon_disagg_check(db, indicator_id, t->disagg, f))
        return -1;
    if (t->baseline_year < MON_YEAR_MIN || t->baseline_year > MON_YEAR_MAX ||
        t->target_year < MON_YEAR_MIN || t->target_year > MON_YEAR_MAX) {
        fault_set(f, FAULT_INVALID, "Basisjaar en doeljaar liggen tussen "
                  "%d en %d.", MON_YEAR_MIN, MON_YEAR_MAX);
        return -1;
    }
    if (t->target_year <= t->baseline_year) {
        fault_set(f, FAULT_INVALID, "Het doeljaar (%d) moet na het "
                  "basisjaar (%d) liggen.", t->target_year,
                  t->baseline_year);
        return -1;
    }
    if (!isfinite(t->baseline_value) || !isfinite(t->target_value) ||
        fabs(t->baseline_value) > 1e15 || fabs(t->target_value) > 1e15) {
        fault_set(f, FAULT_INVALID, "Basiswaarde en doelwaarde zijn "
                  "getallen (hoogstens 1e15).");
        return -1;
    }
    if (!text_clean(t->note, 1) ||
        text_utf8_len(t->note) > MON_TARGET_NOTE_MAX) {
        fault_set(f, FAULT_INVALID, "De toelichting is tekst van hoogstens "
                  "%d tekens, zonder stuurtekens.", MON_TARGET_NOTE_MAX);
        return -1;
    }
    if (t->goal_id < 0) {
        fault_set(f, FAULT_INVALID, "Het doel is een id (1 of hoger).");
        return -1;
    }
    if (t->goal_id > 0) {
        char id[32];

        snprintf(id, sizeof id, "%lld", (long long)t->goal_id);
        n = store_count(db, "SELECT count(*) FROM goal WHERE id = ?", id);
        if (n <= 0) {
            fault_set(f, n < 0 ? FAULT_STORE : FAULT_INVALID,
                      "Doel %lld bestaat niet (zie /api/v1/doelen).",
                      (long long)t->goal_id);
            return -1;
        }
    }
    return 0;
}

/* The Dutch summary written to the audit trail. */
static void target_detail(const char *code, const struct mon_target *t,
                          char *out, size_t len)
{
    snprintf(out, len, "%s %s [%s]: %d %.15g -> %d %.15g", code, t->region,
             t->disagg, t->baseline_year, t->baseline_value, t->target_year,
             t->target_value);
}

/* Permission check shared by the writes; 0 or -1 (audited refusal). */
static int target_allowed(sqlite3 *db, const struct actor *who,
                          const char *action, sqlite3_int64 id,
                          struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_STREEFWAARDE_BEHEREN, NULL))
        return 0;
    fault_set(f, FAULT_FORBIDDEN, who->role == ROLE_NONE
              ? "Log in om streefwaarden vast te leggen."
              : "Uw rol mag geen streefwaarden vastleggen. Dat mogen de "
                "beheerder en de secretaris.");
    domain_refuse(db, who, action, "streefwaarde", id, f);
    return -1;
}

/* The code of indicator id into out ("" when there is none). 0, or -1
 * when the store cannot be asked. */
static int indicator_code(sqlite3 *db, sqlite3_int64 id, char *out,
                          size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT code FROM indicator "
                                         "WHERE id = ?");

    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        col_copy(st, 0, out, len);
    sqlite3_finalize(st);
    return 0;
}

sqlite3_int64 mon_target_save(sqlite3 *db, const struct actor *who,
                              sqlite3_int64 indicator_id,
                              const struct mon_target *t, struct fault *f)
{
    const char *action = t->id > 0 ? "streefwaarde.wijzigen"
                                   : "streefwaarde.vastleggen";
    char code[64] = "", detail[512];
    sqlite3_int64 id = t->id, owner = 0, other = 0;
    struct mon_target old;
    sqlite3_stmt *st;
    int rc;

    if (target_allowed(db, who, action, t->id, f) != 0)
        return -1;
    if (t->id > 0) {
        rc = mon_target_by_id(db, t->id, &owner, &old);
        if (rc < 0) {
            fault_set(f, FAULT_STORE, "De streefwaarde kon niet worden "
                      "gelezen.");
            return -1;
        }
        if (rc == 0 || owner != indicator_id) {
            fault_set(f, FAULT_NOTFOUND, "Streefwaarde %lld bestaat niet%s.",
                      (long long)t->id, rc ? " bij deze indicator" : "");
            return -1;
        }
    }
    if (indicator_code(db, indicator_id, code, sizeof code) != 0) {
        fault_set(f, FAULT_STORE, "De indicator kon niet worden gelezen.");
        return -1;
    }
    if (code[0] == '\0') {
        fault_set(f, FAULT_NOTFOUND, "Deze indicator bestaat niet.");
        return -1;
    }
    if (target_check(db, indicator_id, t, f) != 0)
        return -1;
    /* the duplicate check runs inside the transaction, so two requests
     * for the same cell cannot both pass it */
    if (domain_begin_tx(db, f) != 0)
        return -1;
    rc = mon_target_get(db, indicator_id, t->region, t->disagg, &old);
    if (rc < 0)
        return domain_store_failed(db, f);
    if (rc == 1)
        other = old.id;
    if (other != 0 && other != t->id) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "Indicator %s heeft al een streefwaarde "
                  "voor regio %s en uitsplitsing \"%s\" (streefwaarde %lld); "
                  "wijzig die.", code, t->region,
                  t->disagg[0] ? t->disagg : "totaal", (long long)other);
        return -1;
    }
    if (t->id > 0)
        st = store_prepare(db, "UPDATE target SET region_code = ?1, "
                               "disagg_key = ?2, goal_id = ?3, "
                               "baseline_year = ?4, baseline_value = ?5, "
                               "target_year = ?6, target_value = ?7, "
                               "note = ?8 WHERE id = ?9");
    else
        st = store_prepare(db, "INSERT INTO target(region_code, disagg_key, "
                               "goal_id, baseline_year, baseline_value, "
                               "target_year, target_value, note, "
                               "indicator_id) VALUES (?1,?2,?3,?4,?5,?6,?7,"
                               "?8,?9)");
    if (st == NULL)
        return domain_store_failed(db, f);
    store_bind_text(st, 1, t->region);
    store_bind_text(st, 2, t->disagg);
    if (t->goal_id > 0)
        sqlite3_bind_int64(st, 3, t->goal_id);
    sqlite3_bind_int(st, 4, t->baseline_year);
    sqlite3_bind_double(st, 5, t->baseline_value);
    sqlite3_bind_int(st, 6, t->target_year);
    sqlite3_bind_double(st, 7, t->target_value);
    store_bind_text(st, 8, t->note);
    sqlite3_bind_int64(st, 9, t->id > 0 ? t->id : indicator_id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (id == 0)
        id = sqlite3_last_insert_rowid(db);
    target_detail(code, t, detail, sizeof detail);
    if (domain_audit_ok(db, who, action, "streefwaarde", id, detail) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

int mon_target_delete(sqlite3 *db, const struct actor *who,
                      sqlite3_int64 id, struct fault *f)
{
    static const char action[] = "streefwaarde.verwijderen";
    char detail[512], code[64] = "";
    struct mon_target t;
    sqlite3_int64 ind = 0;
    sqlite3_stmt *st;
    int rc;

    if (target_allowed(db, who, action, id, f) != 0)
        return -1;
    rc = mon_target_by_id(db, id, &ind, &t);
    if (rc <= 0) {
        fault_set(f, rc < 0 ? FAULT_STORE : FAULT_NOTFOUND,
                  rc < 0 ? "De streefwaarde kon niet worden gelezen."
                         : "Streefwaarde %lld bestaat niet.", (long long)id);
        return -1;
    }
    indicator_code(db, ind, code, sizeof code);
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "DELETE FROM target WHERE id = ?");
    if (st == NULL)
        return domain_store_failed(db, f);
    sqlite3_bind_int64(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    target_detail(code, &t, detail, sizeof detail);
    if (domain_audit_ok(db, who, action, "streefwaarde", id, detail) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}
