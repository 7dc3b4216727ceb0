/* monjson.c - the monitor cube as JSON documents (see monjson.h).
 *
 * Owns: the Dutch field names of the monitor API and how each document
 * is read: small documents through sqljson (jansson), the series and the
 * JSON-stat cube straight into the output buffer, because they are read
 * most and can be large (the series with two statements kept prepared,
 * the cube with one range scan per region). Every code in a
 * query is checked first so that a typo is answered with a message that
 * names the parameter instead of an empty answer. */
#include "monjson.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqljson.h"
#include "stmtcache.h"
#include "store.h"
#include "text.h"

static const char *const origin_codes[] = { "bron", "opgeteld", "berekend" };

static const char *origin_code(int o)
{
    return o >= 0 && o <= 2 ? origin_codes[o] : "bron";
}

static void store_fault(struct fault *f)
{
    fault_set(f, FAULT_STORE, "De monitorgegevens konden niet worden "
              "gelezen.");
}

/* ------------------------------------------------------------------ */
/* JSON writing into a buffer                                          */

void monjson_put_str(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    const unsigned char *run = p;

    buf_putc(b, '"');
    for (; *p; p++) {
        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        buf_append(b, run, (size_t)(p - run));
        run = p + 1;
        if (*p == '"' || *p == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)*p);
        } else if (*p == '\n') {
            buf_puts(b, "\\n");
        } else if (*p == '\t') {
            buf_puts(b, "\\t");
        } else {
            char u[7] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15],
                          0 };

            buf_puts(b, u);
        }
    }
    buf_append(b, run, (size_t)(p - run));
    buf_putc(b, '"');
}

/* A decimal integer without printf (the series writes many). */
static void put_int(struct buf *b, long long v)
{
    char tmp[24], *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                 : (unsigned long long)v;

    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    buf_append(b, p, (size_t)(tmp + sizeof tmp - p));
}

void monjson_put_num(struct buf *b, double v)
{
    if (!isfinite(v))
        buf_puts(b, "null");
    else if (v == floor(v) && fabs(v) < 1e15)
        put_int(b, (long long)v);
    else {
        /* the shortest of 15 or 17 digits that reads back exactly */
        char tmp[32];

        snprintf(tmp, sizeof tmp, "%.15g", v);
        if (strtod(tmp, NULL) != v)
            snprintf(tmp, sizeof tmp, "%.17g", v);
        buf_puts(b, tmp);
    }
}

/* ------------------------------------------------------------------ */
/* Checking codes                                                      */

/* 1 when the indicator exists (filled), else 0 with f: FAULT_INVALID
 * naming parameter `param`, or FAULT_NOTFOUND when param is NULL (a path
 * segment). */
static int known_indicator(sqlite3 *db, const char *code, const char *param,
                           struct mon_indicator *ind, struct fault *f)
{
    int rc = mon_indicator_get(db, code, ind);

    if (rc < 0) {
        store_fault(f);
        return 0;
    }
    if (rc == 0 && param)
        fault_set(f, FAULT_INVALID, "%s: indicator \"%s\" bestaat niet; zie "
                  "/api/v1/indicatoren.", param, code);
    else if (rc == 0)
        fault_set(f, FAULT_NOTFOUND, "Indicator \"%s\" bestaat niet; zie "
                  "/api/v1/indicatoren.", code);
    return rc == 1;
}

/* 1 when `sql` (one text parameter) counts a row, else 0 with f. */
static int known(sqlite3 *db, const char *sql, const char *code,
                 struct fault *f, const char *what)
{
    long long n = store_count(db, sql, code);

    if (n < 0) {
        store_fault(f);
        return 0;
    }
    if (n == 0)
        fault_set(f, FAULT_INVALID, "%s", what);
    return n > 0;
}

static int known_region(sqlite3 *db, const char *code, struct fault *f)
{
    char what[160];

    snprintf(what, sizeof what, "regio: regio \"%s\" bestaat niet; gebruik "
             "een CBS-code zoals NL01, PV25 of GM0363 (zie /api/v1/regios).",
             code);
    return known(db, "SELECT count(*) FROM region WHERE code = ?", code, f,
                 what);
}

static int known_period(sqlite3 *db, const char *code, struct fault *f)
{
    char what[160];

    snprintf(what, sizeof what, "periode: periode \"%s\" komt in de monitor "
             "niet voor; gebruik een code zoals 2019JJ00 of 2019SJ10 (zie "
             "/api/v1/perioden).", code);
    return known(db, "SELECT count(*) FROM period WHERE code = ?", code, f,
                 what);
}

/* A disaggregation key valid for the indicator; the message is prefixed
 * with the parameter name. */
static int known_disagg(sqlite3 *db, sqlite3_int64 indicator_id,
                        const char *key, struct fault *f)
{
    char msg[sizeof f->msg];

    if (mon_disagg_check(db, indicator_id, key, f))
        return 1;
    if (f->kind == FAULT_INVALID) {
        snprintf(msg, sizeof msg, "uitsplitsing: %s", f->msg);
        snprintf(f->msg, sizeof f->msg, "%s", msg);
    }
    return 0;
}

static const char *const region_kinds[] = {
    "land", "landsdeel", "provincie", "arbeidsmarktregio", "gemeente", NULL
};
static const char *const period_kinds[] = {
    "jaar", "studiejaar", "halfjaar", "kwartaal", "maand", NULL
};

static int in_list(const char *s, const char *const *list)
{
    size_t i;

    for (i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* A count query with sqljson's parameter types; -1 on error. */
static long long count_rows(sqlite3 *db, const char *sql, const char *types,
                            const char *a, const char *b)
{
    json_t *o = types[0] == '\0' ? sqljson_row(db, sql, "")
              : types[1] == '\0' ? sqljson_row(db, sql, types, a)
                                 : sqljson_row(db, sql, types, a, b);
    long long n = o ? sqljson_int(o, "n") : -1;

    json_decref(o);
    return n;
}

/* ------------------------------------------------------------------ */
/* Indicators                                                          */

#define IND_FILTER " FROM indicator i WHERE (?1 IS NULL OR (?1 = 'context' " \
    "AND i.pillar_code IS NULL) OR i.pillar_code = ?1) AND (?2 IS NULL OR " \
    "i.domain = ?2 OR (?2 <> 'beide' AND i.domain = 'beide'))"

json_t *monjson_indicators(sqlite3 *db, const char *pillar,
                           const char *domain, long long offset,
                           long long limit, long long *total,
                           struct fault *f)
{
    json_t *items;

    if (pillar && strcmp(pillar, "context") != 0 &&
        store_count(db, "SELECT count(*) FROM pillar WHERE code = ?",
                    pillar) <= 0) {
        fault_set(f, FAULT_INVALID, "pijler: \"%s\" is geen pijler; gebruik "
                  "P1, P2, P3, P4 of context.", pillar);
        return NULL;
    }
    if (domain && strcmp(domain, "techniek") && strcmp(domain, "ict") &&
        strcmp(domain, "beide")) {
        fault_set(f, FAULT_INVALID, "domein is techniek, ict of beide.");
        return NULL;
    }
    *total = count_rows(db, "SELECT count(*) AS n" IND_FILTER, "ss", pillar,
                        domain);
    items = *total < 0 ? NULL : sqljson_rows(db,
        "SELECT i.code, i.name AS naam, i.unit AS eenheid, "
        "i.decimals AS decimalen, i.pillar_code AS pijler, "
        "i.topic_code AS thema, i.domain AS domein, i.direction AS richting, "
        "i.aggregation AS aggregatie, i.period_kind AS periodesoort, "
        "i.source AS bron" IND_FILTER " ORDER BY i.pillar_code IS NULL, "
        "i.pillar_code, i.ord, i.code LIMIT ?3 OFFSET ?4", "ssii", pillar,
        domain, limit, offset);
    if (items == NULL)
        store_fault(f);
    return items;
}

/* The status of target t (a JSON object from SQL) against the newest
 * value of its series: adds "status", "statusNaam" and "actueel". */
static void add_target_status(sqlite3 *db, json_t *t, sqlite3_int64 ind_id,
                              const char *direction)
{
    struct mon_target mt;
    struct mon_point *pts = NULL;
    enum mon_status s = MON_GEEN;
    long n;

    memset(&mt, 0, sizeof mt);
    mt.baseline_year = (int)sqljson_int(t, "basisjaar");
    mt.target_year = (int)sqljson_int(t, "doeljaar");
    mt.baseline_value = json_number_value(json_object_get(t, "basiswaarde"));
    mt.target_value = json_number_value(json_object_get(t, "doelwaarde"));
    n = mon_series(db, ind_id, sqljson_str(t, "regio"),
                   sqljson_str(t, "uitsplitsing"), &pts);
    if (n > 0) {
        s = mon_target_status(&mt, direction, pts[n - 1].year,
                              pts[n - 1].value);
        json_object_set_new(t, "actueel", json_pack("{s:s, s:i, s:f, s:f}",
            "periode", pts[n - 1].period, "jaar", pts[n - 1].year,
            "waarde", pts[n - 1].value,
            "verwacht", mon_target_path(&mt, pts[n - 1].year)));
    } else {
        json_object_set_new(t, "actueel", json_null());
    }
    free(pts);
    json_object_set_new(t, "status", json_string(mon_status_code(s)));
    json_object_set_new(t, "statusNaam", json_string(mon_status_label(s)));
}

#define TARGET_SELECT "SELECT t.id, i.code AS indicator, t.region_code AS " \
    "regio, t.disagg_key AS uitsplitsing, t.goal_id AS doel, " \
    "t.baseline_year AS basisjaar, t.baseline_value AS basiswaarde, " \
    "t.target_year AS doeljaar, t.target_value AS doelwaarde, " \
    "t.note AS toelichting, t.created_at AS aangemaakt, " \
    "t.indicator_id AS _ind, i.direction AS _richting " \
    "FROM target t JOIN indicator i ON i.id = t.indicator_id "

/* Finish target rows: the status, the values as numbers, no helpers. */
static void targets_finish(sqlite3 *db, json_t *rows)
{
    size_t i;
    json_t *t;

    json_array_foreach(rows, i, t) {
        static const char *const num[] = { "basiswaarde", "doelwaarde" };
        size_t k;

        for (k = 0; k < 2; k++) {
            json_t *v = json_object_get(t, num[k]);

            if (json_is_integer(v))
                json_object_set_new(t, num[k],
                                    json_real((double)json_integer_value(v)));
        }
        add_target_status(db, t, sqljson_int(t, "_ind"),
                          sqljson_str(t, "_richting"));
        json_object_del(t, "_ind");
        json_object_del(t, "_richting");
    }
}

json_t *monjson_targets(sqlite3 *db, const char *indicator,
                        long long offset, long long limit, long long *total,
                        struct fault *f)
{
    struct mon_indicator ind;
    json_t *rows;

    if (indicator && !known_indicator(db, indicator, "indicator", &ind, f))
        return NULL;
    *total = count_rows(db, "SELECT count(*) AS n FROM target t JOIN "
                            "indicator i ON i.id = t.indicator_id WHERE "
                            "?1 IS NULL OR i.code = ?1", "s", indicator,
                        NULL);
    rows = *total < 0 ? NULL : sqljson_rows(db, TARGET_SELECT
        "WHERE ?1 IS NULL OR i.code = ?1 ORDER BY i.code, t.region_code, "
        "t.disagg_key LIMIT ?2 OFFSET ?3", "sii", indicator, limit, offset);
    if (rows == NULL) {
        store_fault(f);
        return NULL;
    }
    targets_finish(db, rows);
    return rows;
}

json_t *monjson_target(sqlite3 *db, sqlite3_int64 id, struct fault *f)
{
    json_t *rows = sqljson_rows(db, TARGET_SELECT "WHERE t.id = ?", "i",
                                (long long)id), *t;

    if (rows == NULL) {
        store_fault(f);
        return NULL;
    }
    if (json_array_size(rows) == 0) {
        json_decref(rows);
        fault_set(f, FAULT_NOTFOUND, "Streefwaarde %lld bestaat niet.",
                  (long long)id);
        return NULL;
    }
    targets_finish(db, rows);
    t = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return t;
}

/* [{sleutel, naam}] of the disaggregation keys with data. */
static json_t *disagg_list(sqlite3 *db, sqlite3_int64 ind_id)
{
    json_t *arr = json_array();
    char **keys = NULL, label[256];
    long n, i;

    n = mon_disaggs(db, ind_id, &keys);
    if (n < 0) {
        json_decref(arr);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        mon_disagg_label(db, keys[i], label, sizeof label);
        json_array_append_new(arr, json_pack("{s:s, s:s}", "sleutel",
                                             keys[i], "naam", label));
    }
    mon_strings_free(keys, n);
    return arr;
}

/* The "_links" object of an indicator. */
static json_t *indicator_links(const char *code)
{
    static const char *const rel[][3] = {
        { "self", "/api/v1/indicatoren/", "" },
        { "reeks", "/api/v1/reeksen?indicator=", "" },
        { "observaties", "/api/v1/observaties?indicator=", "" },
        { "jsonstat", "/api/v1/indicatoren/", "/jsonstat" },
        { "streefwaarden", "/api/v1/streefwaarden?indicator=", "" },
    };
    json_t *l = json_object();
    struct buf b;
    size_t i;

    /* codes are kebab-case (the catalogue checks them): no escaping */
    buf_init(&b, 512);
    for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        buf_reset(&b);
        buf_puts(&b, rel[i][1]);
        buf_puts(&b, code);
        buf_puts(&b, rel[i][2]);
        json_object_set_new(l, rel[i][0], json_pack("{s:s}", "href",
                                                    buf_str(&b)));
    }
    buf_free(&b);
    return l;
}

json_t *monjson_indicator(sqlite3 *db, const char *code, struct fault *f)
{
    struct mon_indicator ind;
    json_t *o, *dims, *d, *periods, *disaggs, *targets;
    size_t i;

    if (!known_indicator(db, code, NULL, &ind, f))
        return NULL;
    o = sqljson_row(db,
        "SELECT i.code, i.name AS naam, i.definition AS definitie, "
        "i.unit AS eenheid, i.decimals AS decimalen, i.source AS bron, "
        "i.pillar_code AS pijler, t.code AS \"thema.code\", "
        "t.name AS \"thema.naam\", i.domain AS domein, "
        "i.direction AS richting, i.aggregation AS aggregatie, "
        "i.period_kind AS periodesoort FROM indicator i "
        "LEFT JOIN indicator_topic t ON t.code = i.topic_code "
        "WHERE i.id = ?", "i", (long long)ind.id);
    dims = sqljson_rows(db,
        "SELECT d.code, d.name AS naam FROM indicator_dimension x "
        "JOIN monitor_dimension d ON d.code = x.dimension_code "
        "WHERE x.indicator_id = ? ORDER BY d.ord, d.code", "i",
        (long long)ind.id);
    periods = sqljson_rows(db, MON_SQL_REGIONS_WITH_DATA
        "SELECT p.code, p.name AS naam, p.starts AS begin, p.ends AS einde "
        "FROM period p WHERE p.kind = ?2 AND EXISTS (SELECT 1 FROM rr "
        "CROSS JOIN disaggregation d CROSS JOIN observation o "
        "WHERE o.indicator_id = ?1 AND o.region_id = rr.id "
        "AND o.disagg_id = d.id AND o.period_id = p.id) "
        "ORDER BY p.starts, p.code", "is", (long long)ind.id,
        ind.period_kind);
    disaggs = disagg_list(db, ind.id);
    targets = sqljson_rows(db, TARGET_SELECT "WHERE t.indicator_id = ? "
                           "ORDER BY t.region_code, t.disagg_key", "i",
                           (long long)ind.id);
    if (o == NULL || dims == NULL || periods == NULL || disaggs == NULL ||
        targets == NULL)
        goto fail;
    json_array_foreach(dims, i, d) {
        json_t *items = sqljson_rows(db,
            "SELECT code, name AS naam FROM monitor_dimension_item "
            "WHERE dimension_code = ? ORDER BY ord, code", "s",
            sqljson_str(d, "code"));

        if (items == NULL)
            goto fail;
        json_object_set_new(d, "items", items);
    }
    targets_finish(db, targets);
    if (strcmp(ind.aggregation, "ratio") == 0)
        json_object_set_new(o, "berekening", json_pack(
            "{s:{s:s, s:s}, s:{s:s, s:s}, s:f}",
            "teller", "indicator", ind.num_code, "uitsplitsing",
            ind.num_filter, "noemer", "indicator", ind.den_code,
            "uitsplitsing", ind.den_filter, "factor", ind.factor));
    else
        json_object_set_new(o, "berekening", json_null());
    json_object_set_new(o, "dimensies", dims);
    json_object_set_new(o, "perioden", periods);
    json_object_set_new(o, "uitsplitsingen", disaggs);
    json_object_set_new(o, "streefwaarden", targets);
    json_object_set_new(o, "status", json_string(
        mon_status_code(mon_indicator_status(db, &ind))));
    json_object_set_new(o, "_links", indicator_links(ind.code));
    return o;
fail:
    json_decref(o);
    json_decref(dims);
    json_decref(periods);
    json_decref(disaggs);
    json_decref(targets);
    store_fault(f);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Regions and periods                                                 */

#define REGION_ORDER "CASE r.kind WHEN 'land' THEN 0 WHEN 'landsdeel' " \
    "THEN 1 WHEN 'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 " \
    "ELSE 4 END, r.code"

json_t *monjson_regions(sqlite3 *db, const char *kind, long long offset,
                        long long limit, long long *total, struct fault *f)
{
    json_t *rows;

    if (kind && !in_list(kind, region_kinds)) {
        fault_set(f, FAULT_INVALID, "soort is land, landsdeel, provincie, "
                  "arbeidsmarktregio of gemeente.");
        return NULL;
    }
    *total = count_rows(db, "SELECT count(*) AS n FROM region WHERE "
                            "?1 IS NULL OR kind = ?1", "s", kind, NULL);
    rows = *total < 0 ? NULL : sqljson_rows(db,
        "SELECT r.code, r.name AS naam, r.kind AS soort, "
        "r.started AS ontstaan, r.ended AS opgeheven, "
        "r.successor AS opvolger FROM region r "
        "WHERE ?1 IS NULL OR r.kind = ?1 ORDER BY " REGION_ORDER
        " LIMIT ?2 OFFSET ?3", "sii", kind, limit, offset);
    if (rows == NULL)
        store_fault(f);
    return rows;
}

json_t *monjson_region(sqlite3 *db, const char *code, struct fault *f)
{
    json_t *o, *parents, *children, *preds, *succ;

    o = sqljson_row(db,
        "SELECT r.code, r.name AS naam, r.kind AS soort, r.started AS "
        "ontstaan, r.ended AS opgeheven FROM region r WHERE r.code = ?",
        "s", code);
    if (o == NULL) {
        if (store_count(db, "SELECT count(*) FROM region WHERE code = ?",
                        code) == 0)
            fault_set(f, FAULT_NOTFOUND, "Regio \"%s\" bestaat niet; zie "
                      "/api/v1/regios.", code);
        else
            store_fault(f);
        return NULL;
    }
    succ = sqljson_row(db,
        "SELECT s.code, s.name AS naam, s.kind AS soort FROM region r "
        "JOIN region s ON s.code = r.successor WHERE r.code = ?", "s", code);
    preds = sqljson_rows(db,
        "SELECT r.code, r.name AS naam, r.ended AS opgeheven FROM region r "
        "WHERE r.successor = ? ORDER BY r.ended, r.code", "s", code);
    parents = sqljson_rows(db,
        "SELECT p.code, p.name AS naam, p.kind AS soort, l.year_from AS "
        "vanJaar, l.year_to AS totJaar, l.source AS bron FROM region_link l "
        "JOIN region p ON p.code = l.parent WHERE l.child = ? "
        "ORDER BY CASE p.kind WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 "
        "WHEN 'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 ELSE 4 "
        "END, l.year_from, p.code", "s", code);
    children = sqljson_rows(db,
        "SELECT c.code, c.name AS naam, c.kind AS soort, l.year_from AS "
        "vanJaar, l.year_to AS totJaar FROM region_link l "
        "JOIN region c ON c.code = l.child WHERE l.parent = ? "
        "ORDER BY c.code, l.year_from", "s", code);
    if (preds == NULL || parents == NULL || children == NULL) {
        json_decref(o);
        json_decref(succ);
        json_decref(preds);
        json_decref(parents);
        json_decref(children);
        store_fault(f);
        return NULL;
    }
    json_object_set_new(o, "opvolger", succ ? succ : json_null());
    json_object_set_new(o, "voorgangers", preds);
    json_object_set_new(o, "ouders", parents);
    json_object_set_new(o, "kinderen", children);
    return o;
}

#define PERIOD_COLS "SELECT code, kind AS soort, year AS jaar, num AS " \
    "nummer, starts AS begin, ends AS einde, name AS naam FROM period "

json_t *monjson_periods(sqlite3 *db, const char *kind, long long offset,
                        long long limit, long long *total, struct fault *f)
{
    json_t *rows;

    if (kind && !in_list(kind, period_kinds)) {
        fault_set(f, FAULT_INVALID, "soort is jaar, studiejaar, halfjaar, "
                  "kwartaal of maand.");
        return NULL;
    }
    *total = count_rows(db, "SELECT count(*) AS n FROM period WHERE "
                            "?1 IS NULL OR kind = ?1", "s", kind, NULL);
    rows = *total < 0 ? NULL : sqljson_rows(db, PERIOD_COLS
        "WHERE ?1 IS NULL OR kind = ?1 ORDER BY starts, code "
        "LIMIT ?2 OFFSET ?3", "sii", kind, limit, offset);
    if (rows == NULL)
        store_fault(f);
    return rows;
}

json_t *monjson_period(sqlite3 *db, const char *code, struct fault *f)
{
    json_t *o = sqljson_row(db, PERIOD_COLS "WHERE code = ?", "s", code);

    if (o == NULL) {
        if (store_count(db, "SELECT count(*) FROM period WHERE code = ?",
                        code) == 0)
            fault_set(f, FAULT_NOTFOUND, "Periode \"%s\" komt in de monitor "
                      "niet voor; zie /api/v1/perioden.", code);
        else
            store_fault(f);
    }
    return o;
}

/* ------------------------------------------------------------------ */
/* Observations and import batches                                     */

/* The id of `code` by `sql` (one text parameter): > 0, 0 when unknown,
 * -1 on error. */
static sqlite3_int64 id_of(sqlite3 *db, const char *sql, const char *code)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    sqlite3_int64 id = -1;
    int step;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        id = 0;
    sqlite3_finalize(st);
    return id;
}

/* Resolve the filter's codes to ids (0 for "any"); 0 or -1 with f. A
 * valid disaggregation key that has no row yet resolves to -2: no
 * observation can match it. */
static int obs_ids(sqlite3 *db, const struct monjson_obs_filter *flt,
                   sqlite3_int64 ids[4], struct fault *f)
{
    struct mon_indicator ind;

    memset(ids, 0, 4 * sizeof ids[0]);
    if (!known_indicator(db, flt->indicator, "indicator", &ind, f))
        return -1;
    ids[0] = ind.id;
    if (flt->region && !known_region(db, flt->region, f))
        return -1;
    if (flt->period && !known_period(db, flt->period, f))
        return -1;
    if (flt->disagg && !known_disagg(db, ind.id, flt->disagg, f))
        return -1;
    if (flt->region)
        ids[1] = id_of(db, "SELECT id FROM region WHERE code = ?",
                       flt->region);
    if (flt->period)
        ids[2] = id_of(db, "SELECT id FROM period WHERE code = ?",
                       flt->period);
    if (flt->disagg) {
        ids[3] = id_of(db, "SELECT id FROM disaggregation WHERE key = ?",
                       flt->disagg);
        if (ids[3] == 0)
            ids[3] = -2;
    }
    if (ids[1] < 0 || ids[2] < 0 || ids[3] == -1) {
        store_fault(f);
        return -1;
    }
    return 0;
}

/* Bind the filter ids to ?1..?5 (a filter that is not set binds NULL and
 * its condition reads "?N IS NULL"). */
static void obs_bind(sqlite3_stmt *st, const sqlite3_int64 ids[4],
                     int origin)
{
    int i;

    sqlite3_bind_int64(st, 1, ids[0]);
    for (i = 1; i < 4; i++)
        if (ids[i] != 0)
            sqlite3_bind_int64(st, i + 1, ids[i]);
    if (origin >= 0)
        sqlite3_bind_int(st, 5, origin);
}

json_t *monjson_observations(sqlite3 *db,
                             const struct monjson_obs_filter *flt,
                             long long offset, long long limit,
                             long long *total, struct fault *f)
{
    sqlite3_int64 ids[4];
    char where[320];
    struct buf sql;
    sqlite3_stmt *st = NULL;
    json_t *items = NULL;
    int step;

    if (obs_ids(db, flt, ids, f) != 0)
        return NULL;
    /* Fixed fragments only: a filter that is set compares the key column
     * (so the primary key is used as far as the filters reach), one
     * that is not set reads "?N IS NULL". */
    snprintf(where, sizeof where, " WHERE o.indicator_id = ?1 AND %s AND "
             "%s AND %s AND %s",
             ids[1] ? "o.region_id = ?2" : "?2 IS NULL",
             ids[3] ? "o.disagg_id = ?4" : "?4 IS NULL",
             ids[2] ? "o.period_id = ?3" : "?3 IS NULL",
             flt->origin >= 0 ? "o.origin = ?5" : "?5 IS NULL");
    buf_init(&sql, 4096);
    buf_puts(&sql, "SELECT count(*) FROM observation o");
    buf_puts(&sql, where);
    st = store_prepare(db, buf_str(&sql));
    if (st == NULL)
        goto fail;
    obs_bind(st, ids, flt->origin);
    if (sqlite3_step(st) != SQLITE_ROW)
        goto fail;
    *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    buf_reset(&sql);
    buf_puts(&sql, "SELECT r.code, p.code, d.key, o.value, o.definitief, "
                   "o.origin, o.batch_id FROM observation o "
                   "JOIN region r ON r.id = o.region_id "
                   "JOIN period p ON p.id = o.period_id "
                   "JOIN disaggregation d ON d.id = o.disagg_id");
    buf_puts(&sql, where);
    buf_puts(&sql, " ORDER BY o.indicator_id, o.region_id, o.disagg_id, "
                   "o.period_id LIMIT ?6 OFFSET ?7");
    st = store_prepare(db, buf_str(&sql));
    if (st == NULL || buf_failed(&sql))
        goto fail;
    obs_bind(st, ids, flt->origin);
    sqlite3_bind_int64(st, 6, limit);
    sqlite3_bind_int64(st, 7, offset);
    items = json_array();
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:I}",
            "indicator", flt->indicator,
            "regio", store_col(st, 0),
            "periode", store_col(st, 1),
            "uitsplitsing", store_col(st, 2),
            "waarde", sqlite3_column_double(st, 3),
            "status", sqlite3_column_int(st, 4) ? "definitief" : "voorlopig",
            "oorsprong", origin_code(sqlite3_column_int(st, 5)),
            "importBatch", (json_int_t)sqlite3_column_int64(st, 6));

        if (o == NULL || json_array_append_new(items, o) != 0)
            goto fail;
    }
    if (step != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    buf_free(&sql);
    return items;
fail:
    sqlite3_finalize(st);
    buf_free(&sql);
    json_decref(items);
    store_fault(f);
    return NULL;
}

json_t *monjson_imports(sqlite3 *db, long long offset, long long limit,
                        long long *total, struct fault *f)
{
    json_t *rows;

    *total = count_rows(db, "SELECT count(*) AS n FROM import_batch", "",
                        NULL, NULL);
    rows = *total < 0 ? NULL : sqljson_rows(db,
        "SELECT id, source_code AS bron, file_name AS bestand, "
        "file_sha256 AS sha256, started_at AS gestart, "
        "rows_read AS \"aantallen.gelezen\", "
        "imported AS \"aantallen.nieuw\", "
        "updated AS \"aantallen.gewijzigd\", "
        "unchanged AS \"aantallen.ongewijzigd\", "
        "rejected AS \"aantallen.geweigerd\" FROM import_batch "
        "ORDER BY id DESC LIMIT ?1 OFFSET ?2", "ii", limit, offset);
    if (rows == NULL)
        store_fault(f);
    return rows;
}

/* ------------------------------------------------------------------ */
/* Targets from JSON                                                   */

/* Copy string member `name` of in into out (size len); absent or null
 * leaves out as it is. 0, or -1 with f (wrong type, too long, control
 * characters). */
static int take_text(json_t *in, const char *name, char *out, size_t len,
                     int multiline, struct fault *f)
{
    json_t *v = json_object_get(in, name);
    const char *s;

    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        fault_set(f, FAULT_INVALID, "%s is tekst.", name);
        return -1;
    }
    s = json_string_value(v);
    if (strlen(s) >= len || !text_clean(s, multiline)) {
        fault_set(f, FAULT_INVALID, "%s is te lang of bevat stuurtekens "
                  "(hoogstens %zu bytes).", name, len - 1);
        return -1;
    }
    snprintf(out, len, "%s", s);
    return 0;
}

/* Integer member `name` (required); 0 or -1 with f. */
static int take_int(json_t *in, const char *name, long long min,
                    long long max, long long *out, struct fault *f)
{
    json_t *v = json_object_get(in, name);

    if (v == NULL || json_is_null(v)) {
        fault_set(f, FAULT_INVALID, "%s ontbreekt.", name);
        return -1;
    }
    if (!json_is_integer(v) || json_integer_value(v) < min ||
        json_integer_value(v) > max) {
        fault_set(f, FAULT_INVALID, "%s is een geheel getal van %lld tot en "
                  "met %lld.", name, min, max);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

static int take_number(json_t *in, const char *name, double *out,
                       struct fault *f)
{
    json_t *v = json_object_get(in, name);

    if (v == NULL || json_is_null(v)) {
        fault_set(f, FAULT_INVALID, "%s ontbreekt.", name);
        return -1;
    }
    if (!json_is_number(v)) {
        fault_set(f, FAULT_INVALID, "%s is een getal.", name);
        return -1;
    }
    *out = json_number_value(v);
    return 0;
}

int monjson_target_parse(sqlite3 *db, json_t *in,
                         sqlite3_int64 *indicator_id, struct mon_target *t,
                         struct fault *f)
{
    static const char *const fields[] = {
        "indicator", "regio", "uitsplitsing", "basisjaar", "basiswaarde",
        "doeljaar", "doelwaarde", "toelichting", "doel", NULL
    };
    struct mon_indicator ind;
    char code[64] = "";
    const char *key;
    long long y;
    json_t *v;

    memset(t, 0, sizeof *t);
    snprintf(t->region, sizeof t->region, "NL01");
    json_object_foreach(in, key, v) {
        if (!in_list(key, fields)) {
            fault_set(f, FAULT_INVALID, "Onbekend veld \"%s\"; een "
                      "streefwaarde heeft indicator, regio, uitsplitsing, "
                      "basisjaar, basiswaarde, doeljaar, doelwaarde, "
                      "toelichting en doel.", key);
            return -1;
        }
    }
    if (take_text(in, "indicator", code, sizeof code, 0, f) != 0 ||
        take_text(in, "regio", t->region, sizeof t->region, 0, f) != 0 ||
        take_text(in, "uitsplitsing", t->disagg, sizeof t->disagg, 0,
                  f) != 0 ||
        take_text(in, "toelichting", t->note, sizeof t->note, 1, f) != 0)
        return -1;
    if (code[0] == '\0' && *indicator_id == 0) {
        fault_set(f, FAULT_INVALID, "indicator ontbreekt: de code van een "
                  "indicator (zie /api/v1/indicatoren).");
        return -1;
    }
    if (code[0]) {
        if (!known_indicator(db, code, "indicator", &ind, f))
            return -1;
        if (*indicator_id != 0 && ind.id != *indicator_id) {
            fault_set(f, FAULT_INVALID, "indicator: een streefwaarde hoort "
                      "bij een vaste indicator; maak een nieuwe aan voor "
                      "%s.", code);
            return -1;
        }
        *indicator_id = ind.id;
    }
    if (take_int(in, "basisjaar", MON_YEAR_MIN, MON_YEAR_MAX, &y, f) != 0)
        return -1;
    t->baseline_year = (int)y;
    if (take_int(in, "doeljaar", MON_YEAR_MIN, MON_YEAR_MAX, &y, f) != 0)
        return -1;
    t->target_year = (int)y;
    if (take_number(in, "basiswaarde", &t->baseline_value, f) != 0 ||
        take_number(in, "doelwaarde", &t->target_value, f) != 0)
        return -1;
    v = json_object_get(in, "doel");
    if (v && !json_is_null(v)) {
        if (take_int(in, "doel", 1, 999999999999999LL, &y, f) != 0)
            return -1;
        t->goal_id = y;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The series of a chart                                               */

/* The series is read by two statements, both kept prepared per
 * connection (stmtcache.h: parsing and planning them would cost more
 * than running them). series_meta_sql reads the indicator, region,
 * disaggregation and target in one row. series_points_sql reads the
 * points by one range scan of observation's primary key in period id
 * order: no sort, so no sorter memory per request. Period ids normally
 * grow with time, because imports register periods in the order of
 * their files; when a series is not in time order after all,
 * series_ordered_sql reads it again by walking the periods in code
 * order (for one period kind that is the order in time), seeking each
 * in the primary key. */
static const char series_meta_sql[] =
    "SELECT i.id, i.code, i.name, i.unit, i.decimals, i.direction, r.id, "
    "r.code, r.name, r.kind, d.id, t.id, t.baseline_year, "
    "t.baseline_value, t.target_year, t.target_value "
    "FROM indicator i JOIN region r ON r.code = ?2 "
    "LEFT JOIN disaggregation d ON d.key = ?3 "
    "LEFT JOIN target t ON t.indicator_id = i.id AND "
    "t.region_code = r.code AND t.disagg_key = ?3 WHERE i.code = ?1";
static const char series_points_sql[] =
    "SELECT p.code, p.name, p.year, o.value, o.definitief, o.origin "
    "FROM observation o CROSS JOIN period p WHERE o.indicator_id = ?1 "
    "AND o.region_id = ?2 AND o.disagg_id = ?3 AND p.id = o.period_id "
    "ORDER BY o.period_id";
static const char series_ordered_sql[] =
    "SELECT p.code, p.name, p.year, o.value, o.definitief, o.origin "
    "FROM period p CROSS JOIN observation o WHERE o.indicator_id = ?1 "
    "AND o.region_id = ?2 AND o.disagg_id = ?3 AND o.period_id = p.id "
    "ORDER BY p.code";

/* Write the target part: {"id", years and values, "pad", "status"}. */
static void put_target(struct buf *b, const struct mon_target *t,
                       const char *direction, int has_last, int last_year,
                       double last_value)
{
    enum mon_status s = has_last ? mon_target_status(t, direction, last_year,
                                                     last_value)
                                 : MON_GEEN;
    int y;

    buf_printf(b, "{\"id\":%lld,\"basisjaar\":%d,\"basiswaarde\":",
               (long long)t->id, t->baseline_year);
    monjson_put_num(b, t->baseline_value);
    buf_printf(b, ",\"doeljaar\":%d,\"doelwaarde\":", t->target_year);
    monjson_put_num(b, t->target_value);
    buf_puts(b, ",\"pad\":[");
    for (y = t->baseline_year; y <= t->target_year; y++) {
        buf_printf(b, "%s{\"jaar\":%d,\"waarde\":", y > t->baseline_year
                   ? "," : "", y);
        monjson_put_num(b, mon_target_path(t, y));
        buf_putc(b, '}');
    }
    buf_printf(b, "],\"status\":\"%s\",\"statusNaam\":\"%s\"}",
               mon_status_code(s), mon_status_label(s));
}

/* Cut out back to len (it only grew since then). */
static void buf_cut(struct buf *out, size_t len)
{
    out->len = len;
    if (out->data)
        out->data[len] = '\0';
}

struct series_last {
    int points, year;
    double value;
};

/* Write the points of statement `sql` for the ids. 1 when done, 0 when
 * they were not in time order (out is back as it was), -1 on error. */
static int series_points(sqlite3 *db, const char *sql,
                         const sqlite3_int64 ids[3], int check_order,
                         struct buf *out, struct series_last *last)
{
    sqlite3_stmt *st = stmtcache_get(db, sql);
    size_t mark = out->len;
    char prev[16] = "";
    int step, rc = 1, i;
    size_t n;

    last->points = 0;
    if (st == NULL)
        return -1;
    for (i = 0; i < 3; i++)
        sqlite3_bind_int64(st, i + 1, ids[i]);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *code = store_col(st, 0);

        if (check_order && last->points > 0 && strcmp(code, prev) <= 0) {
            buf_cut(out, mark);
            last->points = 0;
            rc = 0;
            break;
        }
        n = strlen(code);
        if (n >= sizeof prev)
            n = sizeof prev - 1;
        memcpy(prev, code, n);
        prev[n] = '\0';
        last->year = sqlite3_column_int(st, 2);
        last->value = sqlite3_column_double(st, 3);
        buf_puts(out, last->points++ ? ",{\"periode\":" : "{\"periode\":");
        monjson_put_str(out, code);
        buf_puts(out, ",\"naam\":");
        monjson_put_str(out, store_col(st, 1));
        buf_puts(out, ",\"jaar\":");
        put_int(out, last->year);
        buf_puts(out, ",\"waarde\":");
        monjson_put_num(out, last->value);
        buf_puts(out, sqlite3_column_int(st, 4)
                      ? ",\"status\":\"definitief\",\"oorsprong\":\""
                      : ",\"status\":\"voorlopig\",\"oorsprong\":\"");
        buf_puts(out, origin_code(sqlite3_column_int(st, 5)));
        buf_puts(out, "\"}");
    }
    if (rc == 1 && step != SQLITE_DONE)
        rc = -1;
    stmtcache_put(st);
    return rc;
}

int monjson_series(sqlite3 *db, const char *indicator, const char *region,
                   const char *disagg, struct buf *out, struct fault *f)
{
    struct mon_indicator ind;
    struct series_last last = { 0, 0, 0 };
    struct mon_target t;
    sqlite3_int64 ids[3];
    char direction[12], label[256];
    size_t mark = out->len;
    sqlite3_stmt *st;
    int step, has_target, rc;

    region = region ? region : "NL01";
    disagg = disagg ? disagg : "";
    st = stmtcache_get(db, series_meta_sql);
    if (st == NULL) {
        store_fault(f);
        return -1;
    }
    store_bind_text(st, 1, indicator);
    store_bind_text(st, 2, region);
    store_bind_text(st, 3, disagg);
    step = sqlite3_step(st);
    if (step != SQLITE_ROW) {
        stmtcache_put(st);
        if (step != SQLITE_DONE) {
            store_fault(f);
            return -1;
        }
        /* name the unknown code */
        if (known_indicator(db, indicator, "indicator", &ind, f))
            known_region(db, region, f);
        return -1;
    }
    ids[0] = sqlite3_column_int64(st, 0);
    ids[1] = sqlite3_column_int64(st, 6);
    ids[2] = sqlite3_column_int64(st, 10);   /* 0 when the key is new */
    buf_puts(out, "{\"indicator\":{\"code\":");
    monjson_put_str(out, store_col(st, 1));
    buf_puts(out, ",\"naam\":");
    monjson_put_str(out, store_col(st, 2));
    buf_puts(out, ",\"eenheid\":");
    monjson_put_str(out, store_col(st, 3));
    buf_puts(out, ",\"decimalen\":");
    put_int(out, sqlite3_column_int(st, 4));
    buf_puts(out, ",\"richting\":");
    snprintf(direction, sizeof direction, "%s", store_col(st, 5));
    monjson_put_str(out, direction);
    buf_puts(out, "},\"regio\":{\"code\":");
    monjson_put_str(out, store_col(st, 7));
    buf_puts(out, ",\"naam\":");
    monjson_put_str(out, store_col(st, 8));
    buf_puts(out, ",\"soort\":");
    monjson_put_str(out, store_col(st, 9));
    memset(&t, 0, sizeof t);
    has_target = sqlite3_column_type(st, 11) != SQLITE_NULL;
    if (has_target) {
        t.id = sqlite3_column_int64(st, 11);
        t.baseline_year = sqlite3_column_int(st, 12);
        t.baseline_value = sqlite3_column_double(st, 13);
        t.target_year = sqlite3_column_int(st, 14);
        t.target_value = sqlite3_column_double(st, 15);
    }
    stmtcache_put(st);
    if (disagg[0])
        mon_disagg_label(db, disagg, label, sizeof label);
    else
        snprintf(label, sizeof label, "totaal");
    buf_puts(out, "},\"uitsplitsing\":{\"sleutel\":");
    monjson_put_str(out, disagg);
    buf_puts(out, ",\"naam\":");
    monjson_put_str(out, label);
    buf_puts(out, "},\"punten\":[");
    rc = ids[2] > 0 ? series_points(db, series_points_sql, ids, 1, out,
                                    &last) : 1;
    if (rc == 0)
        rc = series_points(db, series_ordered_sql, ids, 0, out, &last);
    if (rc < 0) {
        buf_cut(out, mark);
        store_fault(f);
        return -1;
    }
    /* no points: the key may not belong to this indicator at all */
    if (last.points == 0 && !known_disagg(db, ids[0], disagg, f)) {
        buf_cut(out, mark);
        return -1;
    }
    buf_puts(out, "],\"streefwaarde\":");
    if (has_target)
        put_target(out, &t, direction, last.points > 0, last.year,
                   last.value);
    else
        buf_puts(out, "null");
    buf_putc(out, '}');
    return 0;
}

/* ------------------------------------------------------------------ */
/* JSON-stat 2.0                                                       */

/* A category list of one dimension: ids (row id in the store), codes and
 * labels, and the position of each id (pos[id], -1 when not listed). */
struct cats {
    long n;
    sqlite3_int64 *id;
    char **code, **label;
    long *pos;
    sqlite3_int64 max_id;
};

static void cats_free(struct cats *c)
{
    long i;

    for (i = 0; i < c->n; i++) {
        free(c->code[i]);
        free(c->label[i]);
    }
    free(c->id);
    free(c->code);
    free(c->label);
    free(c->pos);
    memset(c, 0, sizeof *c);
}

/* Fill c from `sql` (columns id, code, label); binds ?1 = indicator id,
 * ?2 = text a, ?3 = text b. 0 or -1. */
static int cats_load(sqlite3 *db, struct cats *c, const char *sql,
                     sqlite3_int64 ind, const char *a, const char *b)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    long cap = 0, i;
    int step;

    memset(c, 0, sizeof *c);
    if (st == NULL)
        return -1;
    sqlite3_bind_int64(st, 1, ind);
    store_bind_text(st, 2, a);
    store_bind_text(st, 3, b);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->n == cap) {
            long nc = cap ? cap * 2 : 32;
            void *p1 = realloc(c->id, (size_t)nc * sizeof *c->id);

            if (p1)
                c->id = p1;
            p1 = p1 ? realloc(c->code, (size_t)nc * sizeof *c->code) : NULL;
            if (p1)
                c->code = p1;
            p1 = p1 ? realloc(c->label, (size_t)nc * sizeof *c->label) : NULL;
            if (p1 == NULL)
                goto fail;
            c->label = p1;
            cap = nc;
        }
        c->id[c->n] = sqlite3_column_int64(st, 0);
        c->code[c->n] = strdup(store_col(st, 1));
        c->label[c->n] = strdup(store_col(st, 2));
        c->n++;
        if (c->code[c->n - 1] == NULL || c->label[c->n - 1] == NULL)
            goto fail;
        if (c->id[c->n - 1] > c->max_id)
            c->max_id = c->id[c->n - 1];
    }
    if (step != SQLITE_DONE || c->max_id > 100000000)
        goto fail;
    sqlite3_finalize(st);
    c->pos = malloc((size_t)(c->max_id + 1) * sizeof *c->pos);
    if (c->pos == NULL)
        goto fail_nost;
    for (i = 0; i <= c->max_id; i++)
        c->pos[i] = -1;
    for (i = 0; i < c->n; i++)
        c->pos[c->id[i]] = i;
    return 0;
fail:
    sqlite3_finalize(st);
fail_nost:
    cats_free(c);
    return -1;
}

static long cats_pos(const struct cats *c, sqlite3_int64 id)
{
    return id >= 0 && id <= c->max_id ? c->pos[id] : -1;
}

/* "name":{"label":..,"category":{"index":[codes],"label":{code:label}}} */
static void put_dimension(struct buf *b, const char *name, const char *label,
                          const struct cats *c)
{
    long i;

    monjson_put_str(b, name);
    buf_puts(b, ":{\"label\":");
    monjson_put_str(b, label);
    buf_puts(b, ",\"category\":{\"index\":[");
    for (i = 0; i < c->n; i++) {
        if (i)
            buf_putc(b, ',');
        monjson_put_str(b, c->code[i]);
    }
    buf_puts(b, "],\"label\":{");
    for (i = 0; i < c->n; i++) {
        if (i)
            buf_putc(b, ',');
        monjson_put_str(b, c->code[i]);
        buf_putc(b, ':');
        monjson_put_str(b, c->label[i]);
    }
    buf_puts(b, "}}}");
}

/* Regions with data for the indicator (optionally one code or one kind):
 * one prefix seek of the primary key per region; the periods and
 * disaggregations with data are probed as mon_periods does. */
static const char jsonstat_regions_sql[] =
    "SELECT r.id, r.code, r.name FROM region r WHERE (?2 IS NULL OR "
    "r.code = ?2) AND (?3 IS NULL OR r.kind = ?3) AND EXISTS (SELECT 1 "
    "FROM observation o WHERE o.indicator_id = ?1 AND o.region_id = r.id) "
    "ORDER BY CASE r.kind WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 "
    "WHEN 'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 ELSE 4 END, "
    "r.code";
static const char jsonstat_periods_sql[] = MON_SQL_REGIONS_WITH_DATA
    "SELECT p.id, p.code, p.name FROM period p WHERE p.kind = ?2 AND "
    "EXISTS (SELECT 1 FROM rr CROSS JOIN disaggregation d CROSS JOIN "
    "observation o WHERE o.indicator_id = ?1 AND o.region_id = rr.id AND "
    "o.disagg_id = d.id AND o.period_id = p.id) ORDER BY p.starts, p.code";
static const char jsonstat_disaggs_sql[] = MON_SQL_REGIONS_WITH_DATA
    "SELECT d.id, d.key, d.key FROM disaggregation d WHERE EXISTS (SELECT 1 "
    "FROM rr CROSS JOIN observation o WHERE o.indicator_id = ?1 AND "
    "o.region_id = rr.id AND o.disagg_id = d.id) ORDER BY d.key <> '', "
    "d.key";

int monjson_jsonstat(sqlite3 *db, const char *indicator, const char *region,
                     const char *kind, struct buf *out, struct fault *f)
{
    struct cats reg = { 0 }, per = { 0 }, dis = { 0 };
    struct mon_indicator ind;
    unsigned char *status = NULL;   /* 0 none, 1 definitief, 2 voorlopig */
    double *val = NULL;
    sqlite3_stmt *st = NULL;
    long cells, i, nvoorlopig = 0;
    int rc = -1, step, first;
    char label[256];

    if (!known_indicator(db, indicator, NULL, &ind, f))
        return -1;
    if (region && !known_region(db, region, f))
        return -1;
    if (kind && !in_list(kind, region_kinds)) {
        fault_set(f, FAULT_INVALID, "soort is land, landsdeel, provincie, "
                  "arbeidsmarktregio of gemeente.");
        return -1;
    }
    if (cats_load(db, &reg, jsonstat_regions_sql, ind.id, region, kind) ||
        cats_load(db, &per, jsonstat_periods_sql, ind.id, ind.period_kind,
                  NULL) ||
        cats_load(db, &dis, jsonstat_disaggs_sql, ind.id, NULL, NULL))
        goto store;
    for (i = 0; i < dis.n; i++) {
        mon_disagg_label(db, dis.code[i], label, sizeof label);
        free(dis.label[i]);
        dis.label[i] = strdup(label);
        if (dis.label[i] == NULL)
            goto store;
    }
    if (reg.n > 0 && per.n > 0 && dis.n > 0 &&
        (reg.n > MONJSON_JSONSTAT_MAX_CELLS / per.n / dis.n)) {
        fault_set(f, FAULT_INVALID, "De dataset zou meer dan %ld cellen "
                  "hebben; beperk hem met regio of soort.",
                  MONJSON_JSONSTAT_MAX_CELLS);
        goto cleanup;
    }
    cells = reg.n * per.n * dis.n;
    val = malloc((size_t)(cells ? cells : 1) * sizeof *val);
    status = calloc((size_t)(cells ? cells : 1), 1);
    if (val == NULL || status == NULL)
        goto store;
    /* one range scan of the primary key per listed region: exactly the
     * rows of the cube are read */
    st = store_prepare(db, "SELECT period_id, disagg_id, value, definitief "
                           "FROM observation WHERE indicator_id = ?1 AND "
                           "region_id = ?2");
    if (st == NULL)
        goto store;
    sqlite3_bind_int64(st, 1, ind.id);
    for (i = 0; i < reg.n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 2, reg.id[i]);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            long p = cats_pos(&per, sqlite3_column_int64(st, 0));
            long d = cats_pos(&dis, sqlite3_column_int64(st, 1));
            long k;

            if (p < 0 || d < 0)
                continue;
            k = (i * per.n + p) * dis.n + d;
            val[k] = sqlite3_column_double(st, 2);
            status[k] = sqlite3_column_int(st, 3) ? 1 : 2;
        }
        if (step != SQLITE_DONE)
            goto store;
    }

    buf_puts(out, "{\"version\":\"2.0\",\"class\":\"dataset\",\"label\":");
    monjson_put_str(out, ind.name);
    buf_puts(out, ",\"source\":");
    monjson_put_str(out, ind.source);
    buf_puts(out, ",\"note\":[");
    monjson_put_str(out, ind.definition);
    buf_puts(out, "],\"href\":");
    buf_puts(out, "\"/api/v1/indicatoren/");
    buf_puts(out, ind.code);   /* kebab-case code: nothing to escape */
    buf_puts(out, "/jsonstat\",\"id\":[\"indicator\",\"regio\",\"periode\","
                  "\"uitsplitsing\"]");
    buf_printf(out, ",\"size\":[1,%ld,%ld,%ld]", reg.n, per.n, dis.n);
    buf_puts(out, ",\"role\":{\"metric\":[\"indicator\"],\"geo\":"
                  "[\"regio\"],\"time\":[\"periode\"]}");
    buf_puts(out, ",\"dimension\":{\"indicator\":{\"label\":\"Indicator\","
                  "\"category\":{\"index\":[");
    monjson_put_str(out, ind.code);
    buf_puts(out, "],\"label\":{");
    monjson_put_str(out, ind.code);
    buf_putc(out, ':');
    monjson_put_str(out, ind.name);
    buf_puts(out, "},\"unit\":{");
    monjson_put_str(out, ind.code);
    buf_puts(out, ":{\"label\":");
    monjson_put_str(out, ind.unit);
    buf_printf(out, ",\"decimals\":%d}}}},", ind.decimals);
    put_dimension(out, "regio", "Regio", &reg);
    buf_putc(out, ',');
    put_dimension(out, "periode", "Periode", &per);
    buf_putc(out, ',');
    put_dimension(out, "uitsplitsing", "Uitsplitsing", &dis);
    buf_puts(out, "},\"value\":[");
    for (i = 0; i < cells; i++) {
        if (i)
            buf_putc(out, ',');
        if (status[i])
            monjson_put_num(out, val[i]);
        else
            buf_puts(out, "null");
        if (status[i] == 2)
            nvoorlopig++;
    }
    buf_puts(out, "]");
    /* JSON-stat status: "v" (voorlopig) per cell index, only where it
     * applies; the others are definitief */
    if (nvoorlopig > 0) {
        buf_puts(out, ",\"status\":{");
        for (i = 0, first = 1; i < cells; i++) {
            if (status[i] != 2)
                continue;
            buf_printf(out, "%s\"%ld\":\"v\"", first ? "" : ",", i);
            first = 0;
        }
        buf_puts(out, "}");
    }
    buf_puts(out, ",\"extension\":{\"status\":{\"v\":\"voorlopig\"},"
                  "\"richting\":");
    monjson_put_str(out, ind.direction);
    buf_puts(out, ",\"aggregatie\":");
    monjson_put_str(out, ind.aggregation);
    buf_puts(out, "}}");
    rc = 0;
    goto cleanup;
store:
    store_fault(f);
cleanup:
    sqlite3_finalize(st);
    cats_free(&reg);
    cats_free(&per);
    cats_free(&dis);
    free(val);
    free(status);
    return rc;
}
