/* monitorseed.c - load data/monitor into a new store (see monitorseed.h).
 *
 * Each file is checked strictly: every object may only hold the keys
 * listed for it, so a typo in a catalogue file fails `koers init` instead
 * of silently dropping a field. */
#include "monitorseed.h"
#include "store.h"
#include "text.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

struct mseed {
    sqlite3 *db;
    const char *dir;
    const char *file;
    char *err;
    size_t errlen;
    int sync;            /* add what is missing, keep what is there */
    long added;          /* rows added in sync mode */
};

/* Fail with "FILE: entry N (CODE): what". */
static int fail(struct mseed *s, size_t idx, const char *code,
                const char *what)
{
    snprintf(s->err, s->errlen, "monitor/%s: entry %zu%s%s%s: %s", s->file,
             idx + 1, code ? " (" : "", code ? code : "", code ? ")" : "",
             what);
    return -1;
}

/* The root object of data/monitor/NAME; NULL with the reason in err. */
static json_t *load(struct mseed *s, const char *name)
{
    char path[4096];
    json_error_t je;
    json_t *root;

    s->file = name;
    snprintf(path, sizeof path, "%s/monitor/%s", s->dir, name);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(s->err, s->errlen, "%s: line %d: %s", path, je.line,
                 je.text);
        return NULL;
    }
    if (!json_is_object(root)) {
        snprintf(s->err, s->errlen, "%s: not a JSON object", path);
        json_decref(root);
        return NULL;
    }
    return root;
}

/* 1 when every key of o is in the NULL-terminated list. */
static int keys_ok(json_t *o, const char *const *known, const char **bad)
{
    const char *k;
    json_t *v;
    size_t i;

    json_object_foreach(o, k, v) {
        int ok = 0;

        (void)v;
        for (i = 0; known[i]; i++)
            if (strcmp(k, known[i]) == 0)
                ok = 1;
        if (!ok) {
            *bad = k;
            return 0;
        }
    }
    return 1;
}

static const char *str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);

    return json_is_string(v) && json_string_length(v) > 0
               ? json_string_value(v) : NULL;
}

/* Check the keys of o against known; fail with the first unknown one. */
static int check_keys(struct mseed *s, json_t *o, size_t idx,
                      const char *const *known)
{
    const char *bad = NULL;
    char what[160];

    if (!json_is_object(o))
        return fail(s, idx, NULL, "not an object");
    if (keys_ok(o, known, &bad))
        return 0;
    snprintf(what, sizeof what, "unknown key \"%s\"", bad);
    return fail(s, idx, str(o, "code"), what);
}

/* An item code may hold no '=' or ';' (they build disaggregation keys)
 * and no spaces. */
static int item_code_ok(const char *c)
{
    if (c == NULL || c[0] == '\0' || strlen(c) > 40)
        return 0;
    for (; *c; c++)
        if (*c == '=' || *c == ';' || *c == ' ' ||
            (unsigned char)*c < 0x21 || (unsigned char)*c > 0x7e)
            return 0;
    return 1;
}

static int run(struct mseed *s, sqlite3_stmt *st, size_t idx,
               const char *code)
{
    int rc;

    if (st == NULL)
        return fail(s, idx, code, "cannot prepare statement");
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(s, idx, code, sqlite3_errmsg(s->db));
    return 0;
}

static int seed_dimensions(struct mseed *s)
{
    static const char *const root_keys[] = { "toelichting", "dimensies",
                                             NULL };
    static const char *const dim_keys[] = { "code", "naam", "waarden",
                                            NULL };
    static const char *const item_keys[] = { "code", "naam", NULL };
    json_t *root = load(s, "dimensies.json"), *arr, *d, *items, *it;
    size_t i, j;
    int rc = -1;

    if (root == NULL)
        return -1;
    if (check_keys(s, root, 0, root_keys) != 0)
        goto cleanup;
    arr = json_object_get(root, "dimensies");
    if (!json_is_array(arr) || json_array_size(arr) == 0) {
        fail(s, 0, NULL, "needs the array \"dimensies\"");
        goto cleanup;
    }
    json_array_foreach(arr, i, d) {
        const char *code;
        sqlite3_stmt *st;

        if (check_keys(s, d, i, dim_keys) != 0)
            goto cleanup;
        code = str(d, "code");
        items = json_object_get(d, "waarden");
        if (code == NULL || !text_is_code(code) || !str(d, "naam") ||
            !json_is_array(items) || json_array_size(items) == 0) {
            fail(s, i, code, "needs code (kebab-case), naam and a non-empty "
                 "array waarden");
            goto cleanup;
        }
        st = store_prepare(s->db, s->sync
            ? "INSERT OR IGNORE INTO monitor_dimension(code, name, ord) "
              "VALUES (?,?,(SELECT coalesce(max(ord), 0) + 1 FROM "
              "monitor_dimension))"
            : "INSERT INTO monitor_dimension(code, name, ord) VALUES "
              "(?,?,?)");
        store_bind_text(st, 1, code);
        store_bind_text(st, 2, str(d, "naam"));
        if (!s->sync)
            store_bind_int(st, 3, (long long)i + 1);
        if (run(s, st, i, code) != 0)
            goto cleanup;
        s->added += sqlite3_changes(s->db);
        json_array_foreach(items, j, it) {
            if (check_keys(s, it, i, item_keys) != 0)
                goto cleanup;
            if (!item_code_ok(str(it, "code")) || !str(it, "naam")) {
                fail(s, i, code, "every item needs a code (no spaces, '=' "
                     "or ';') and a naam");
                goto cleanup;
            }
            st = store_prepare(s->db, s->sync
                ? "INSERT OR IGNORE INTO monitor_dimension_item("
                  "dimension_code, code, name, ord) VALUES (?,?,?,?)"
                : "INSERT INTO monitor_dimension_item(dimension_code, "
                  "code, name, ord) VALUES (?,?,?,?)");
            store_bind_text(st, 1, code);
            store_bind_text(st, 2, str(it, "code"));
            store_bind_text(st, 3, str(it, "naam"));
            store_bind_int(st, 4, (long long)j + 1);
            if (run(s, st, i, code) != 0)
                goto cleanup;
            s->added += sqlite3_changes(s->db);
        }
    }
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

/* 1 when text is one of the NULL-terminated choices. */
static int one_of(const char *text, const char *const *choices)
{
    size_t i;

    for (i = 0; text && choices[i]; i++)
        if (strcmp(text, choices[i]) == 0)
            return 1;
    return 0;
}

/* A filter ("" or "dim=item;dim=item") whose every pair names a dimension
 * of indicator `code` and an item of that dimension. */
static int filter_ok(struct mseed *s, const char *filter, const char *code)
{
    char buf[256], *save = NULL, *pair;

    if (filter[0] == '\0')
        return 1;
    if (strlen(filter) >= sizeof buf)
        return 0;
    snprintf(buf, sizeof buf, "%s", filter);
    for (pair = strtok_r(buf, ";", &save); pair;
         pair = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(pair, '=');
        sqlite3_stmt *st;
        int found;

        if (eq == NULL)
            return 0;
        *eq = '\0';
        st = store_prepare(s->db,
            "SELECT count(*) FROM indicator_dimension d JOIN indicator i "
            "ON i.id = d.indicator_id JOIN monitor_dimension_item m ON "
            "m.dimension_code = d.dimension_code WHERE i.code = ? AND "
            "d.dimension_code = ? AND m.code = ?");
        if (st == NULL)
            return 0;
        store_bind_text(st, 1, code);
        store_bind_text(st, 2, pair);
        store_bind_text(st, 3, eq + 1);
        found = sqlite3_step(st) == SQLITE_ROW &&
                sqlite3_column_int(st, 0) == 1;
        sqlite3_finalize(st);
        if (!found)
            return 0;
    }
    return 1;
}

/* One indicator; ratios only in the second pass (ratio_pass), because
 * they refer to the indicators of the first. */
static int indicator_entry(struct mseed *s, json_t *o, size_t i,
                           int ratio_pass)
{
    static const char *const keys[] = {
        "code", "naam", "definitie", "eenheid", "decimalen", "bron",
        "pijler", "onderwerp", "domein", "richting", "aggregatie",
        "periode", "dimensies", "ratio", NULL };
    static const char *const ratio_keys[] = {
        "teller", "tellerFilter", "noemer", "noemerFilter", "factor", NULL };
    static const char *const domains[] = { "techniek", "ict", "beide",
                                           NULL };
    static const char *const dirs[] = { "hoger", "lager", "neutraal", NULL };
    static const char *const aggs[] = { "som", "geen", "ratio", NULL };
    static const char *const kinds[] = { "jaar", "studiejaar", "halfjaar",
                                         "kwartaal", "maand", NULL };
    const char *code = str(o, "code"), *agg = str(o, "aggregatie");
    json_t *ratio = json_object_get(o, "ratio"), *dims, *dec, *d;
    json_t *pillar = json_object_get(o, "pijler");
    json_t *topic = json_object_get(o, "onderwerp");
    const char *num = NULL, *den = NULL, *nf = "", *df = "";
    double factor = 1;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    size_t j;

    if (check_keys(s, o, i, keys) != 0)
        return -1;
    if ((agg && strcmp(agg, "ratio") == 0) != ratio_pass)
        return 0;
    if (s->sync && code &&
        store_count(s->db, "SELECT count(*) FROM indicator WHERE code = ?",
                    code) != 0)
        return 0;           /* an existing indicator is kept as it is */
    dec = json_object_get(o, "decimalen");
    dims = json_object_get(o, "dimensies");
    if (code == NULL || !text_is_code(code) || !str(o, "naam") ||
        !str(o, "definitie") || !str(o, "eenheid") || !str(o, "bron") ||
        !json_is_integer(dec) || json_integer_value(dec) < 0 ||
        json_integer_value(dec) > 6 || !json_is_array(dims))
        return fail(s, i, code, "needs code, naam, definitie, eenheid, "
                    "decimalen (0-6), bron and dimensies");
    if (!one_of(str(o, "domein"), domains) ||
        !one_of(str(o, "richting"), dirs) || !one_of(agg, aggs) ||
        !one_of(str(o, "periode"), kinds))
        return fail(s, i, code, "domein, richting, aggregatie or periode "
                    "is not one of the allowed values");
    if (!(json_is_null(pillar) || str(o, "pijler")) ||
        !(json_is_null(topic) || topic == NULL || str(o, "onderwerp")))
        return fail(s, i, code, "pijler (P1-P4 or null) and onderwerp (a "
                    "figure 10 code or null) are required");
    if (ratio_pass) {
        json_t *fv;

        if (check_keys(s, ratio, i, ratio_keys) != 0)
            return -1;
        num = str(ratio, "teller");
        den = str(ratio, "noemer");
        fv = json_object_get(ratio, "factor");
        if (json_is_string(json_object_get(ratio, "tellerFilter")))
            nf = json_string_value(json_object_get(ratio, "tellerFilter"));
        if (json_is_string(json_object_get(ratio, "noemerFilter")))
            df = json_string_value(json_object_get(ratio, "noemerFilter"));
        if (num == NULL || den == NULL || !json_is_number(fv) ||
            json_number_value(fv) <= 0)
            return fail(s, i, code, "ratio needs teller, noemer and a "
                        "positive factor");
        factor = json_number_value(fv);
        if (!filter_ok(s, nf, num) || !filter_ok(s, df, den))
            return fail(s, i, code, "tellerFilter/noemerFilter must be "
                        "dim=item pairs of the dimensions of teller and "
                        "noemer");
    } else if (ratio) {
        return fail(s, i, code, "only aggregatie ratio has a ratio");
    }
    st = store_prepare(s->db,
        "INSERT INTO indicator(code, name, definition, unit, decimals, "
        "source, pillar_code, topic_code, domain, direction, aggregation, "
        "period_kind, num_code, num_filter, den_code, den_filter, factor, "
        "ord) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (st == NULL)
        return fail(s, i, code, "cannot prepare statement");
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, str(o, "naam"));
    store_bind_text(st, 3, str(o, "definitie"));
    store_bind_text(st, 4, str(o, "eenheid"));
    store_bind_int(st, 5, json_integer_value(dec));
    store_bind_text(st, 6, str(o, "bron"));
    store_bind_text(st, 7, str(o, "pijler"));
    store_bind_text(st, 8, str(o, "onderwerp"));
    store_bind_text(st, 9, str(o, "domein"));
    store_bind_text(st, 10, str(o, "richting"));
    store_bind_text(st, 11, agg);
    store_bind_text(st, 12, str(o, "periode"));
    store_bind_text(st, 13, num);
    store_bind_text(st, 14, nf);
    store_bind_text(st, 15, den);
    store_bind_text(st, 16, df);
    sqlite3_bind_double(st, 17, factor);
    store_bind_int(st, 18, (long long)i + 1);
    if (run(s, st, i, code) != 0)
        return -1;
    id = sqlite3_last_insert_rowid(s->db);
    s->added++;
    json_array_foreach(dims, j, d) {
        if (!json_is_string(d))
            return fail(s, i, code, "dimensies holds dimension codes");
        st = store_prepare(s->db, "INSERT INTO indicator_dimension("
                                  "indicator_id, dimension_code) VALUES "
                                  "(?,?)");
        store_bind_int(st, 1, id);
        store_bind_text(st, 2, json_string_value(d));
        if (run(s, st, i, code) != 0)
            return -1;
    }
    return 0;
}

static int seed_indicators(struct mseed *s)
{
    static const char *const root_keys[] = { "toelichting", "indicatoren",
                                             NULL };
    json_t *root = load(s, "indicatoren.json"), *arr, *o;
    size_t i;
    int pass, rc = -1;

    if (root == NULL)
        return -1;
    if (check_keys(s, root, 0, root_keys) != 0)
        goto cleanup;
    arr = json_object_get(root, "indicatoren");
    if (!json_is_array(arr) || json_array_size(arr) == 0) {
        fail(s, 0, NULL, "needs the array \"indicatoren\"");
        goto cleanup;
    }
    for (pass = 0; pass < 2; pass++)
        json_array_foreach(arr, i, o)
            if (indicator_entry(s, o, i, pass) != 0)
                goto cleanup;
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

static int link(struct mseed *s, size_t idx, const char *child,
                const char *parent, long long from, long long to)
{
    sqlite3_stmt *st = store_prepare(s->db,
        "INSERT INTO region_link(child, parent, year_from, year_to, source) "
        "SELECT ?1, ?2, ?3, ?4, 'koers' WHERE EXISTS (SELECT 1 FROM region "
        "WHERE code = ?1 AND kind = 'provincie')");

    store_bind_text(st, 1, child);
    store_bind_text(st, 2, parent);
    store_bind_int(st, 3, from);
    store_bind_int(st, 4, to);
    if (run(s, st, idx, child) != 0)
        return -1;
    if (sqlite3_changes(s->db) != 1)
        return fail(s, idx, child, "is not a province of data/seed/"
                    "regios.json");
    return 0;
}

static int seed_regions(struct mseed *s)
{
    static const char *const root_keys[] = { "toelichting", "bronnen",
        "landsdelen", "land", "jaren", "provincienamen", NULL };
    static const char *const ld_keys[] = { "code", "naam", "provincies",
                                           NULL };
    json_t *root = load(s, "regios.json"), *arr, *o, *pv, *p, *years;
    json_t *names, *aliases, *v;
    const char *land, *alias;
    long long from, to;
    size_t i, j;
    int rc = -1;

    if (root == NULL)
        return -1;
    if (check_keys(s, root, 0, root_keys) != 0)
        goto cleanup;
    arr = json_object_get(root, "landsdelen");
    land = str(root, "land");
    years = json_object_get(root, "jaren");
    from = json_integer_value(json_object_get(years, "van"));
    to = json_integer_value(json_object_get(years, "tot"));
    if (!json_is_array(arr) || land == NULL || from < 1 || to < from) {
        fail(s, 0, NULL, "needs landsdelen, land and jaren {van, tot}");
        goto cleanup;
    }
    json_array_foreach(arr, i, o) {
        const char *code = str(o, "code");
        sqlite3_stmt *st;

        if (check_keys(s, o, i, ld_keys) != 0)
            goto cleanup;
        pv = json_object_get(o, "provincies");
        if (code == NULL || !str(o, "naam") || !json_is_array(pv)) {
            fail(s, i, code, "needs code, naam and provincies");
            goto cleanup;
        }
        st = store_prepare(s->db, "INSERT INTO region(code, name, kind) "
                                  "VALUES (?,?,'landsdeel')");
        store_bind_text(st, 1, code);
        store_bind_text(st, 2, str(o, "naam"));
        if (run(s, st, i, code) != 0)
            goto cleanup;
        json_array_foreach(pv, j, p) {
            if (!json_is_string(p) ||
                link(s, i, json_string_value(p), code, from, to) != 0 ||
                link(s, i, json_string_value(p), land, from, to) != 0) {
                fail(s, i, code, "provincies must be province codes that "
                     "exist, each once");
                goto cleanup;
            }
        }
    }
    /* every province must lie in exactly one landsdeel */
    if (store_count(s->db, "SELECT count(*) FROM region r WHERE r.kind = "
                    "'provincie' AND (SELECT count(*) FROM region_link l "
                    "JOIN region q ON q.code = l.parent AND q.kind = "
                    "'landsdeel' WHERE l.child = r.code) <> 1", NULL) != 0) {
        fail(s, 0, NULL, "every province must lie in exactly one landsdeel");
        goto cleanup;
    }
    names = json_object_get(root, "provincienamen");
    aliases = json_object_get(names, "aliassen");
    if (names && !json_is_object(aliases)) {
        fail(s, 0, NULL, "provincienamen needs the object aliassen");
        goto cleanup;
    }
    json_object_foreach(aliases, alias, v) {
        if (!json_is_string(v) ||
            store_count(s->db, "SELECT count(*) FROM region WHERE kind = "
                        "'provincie' AND code = ?", json_string_value(v))
                != 1) {
            fail(s, 0, alias, "alias of an unknown province");
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

int monitorseed_sync(sqlite3 *db, const char *data_dir, long *added,
                     char *err, size_t errlen)
{
    struct mseed s = { db, data_dir, "", err, errlen, 1, 0 };

    err[0] = '\0';
    *added = 0;
    if (store_begin(db) != 0) {
        snprintf(err, errlen, "cannot start transaction");
        return -1;
    }
    if (seed_dimensions(&s) != 0 || seed_indicators(&s) != 0) {
        store_rollback(db);
        return -1;
    }
    if (s.added == 0) {
        store_rollback(db);
        return 0;
    }
    if (store_commit(db) != 0) {
        snprintf(err, errlen, "cannot commit: %s", sqlite3_errmsg(db));
        store_rollback(db);
        return -1;
    }
    *added = s.added;
    return 0;
}

int monitorseed_load(sqlite3 *db, const char *data_dir, char *err,
                     size_t errlen)
{
    struct mseed s = { db, data_dir, "", err, errlen, 0, 0 };

    err[0] = '\0';
    if (store_begin(db) != 0) {
        snprintf(err, errlen, "cannot start transaction");
        return -1;
    }
    if (seed_dimensions(&s) != 0 || seed_indicators(&s) != 0 ||
        seed_regions(&s) != 0) {
        store_rollback(db);
        return -1;
    }
    if (store_commit(db) != 0) {
        snprintf(err, errlen, "cannot commit: %s", sqlite3_errmsg(db));
        store_rollback(db);
        return -1;
    }
    return 0;
}
