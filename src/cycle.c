/* cycle.c - the yearly meeting cycle: rules, planner and checker (see
 * cycle.h).
 *
 * Owns: the meaning of each rule kind of table cycle_rule, seeding that
 * table from data/seed/cyclusregels.json (cycle_seed), the deterministic
 * planner and the checker with its Dutch explanations. The planner and
 * the checker never touch the store.
 *
 * The planner works in four steps for a year Y:
 *   1. bodies with a count or months but no order rule ("anchors", e.g.
 *      the koersoverleg, the informatiebijeenkomst) are placed: evenly
 *      spread over the year at day-of-year (i + 0.5) / k, or on the 12th
 *      of each required month;
 *   2. bodies with a "voor" rule are placed 3 weeks (kerngroep 1), 18
 *      days and 15 days before each meeting of the other body, bodies
 *      with a "na" rule 3 weeks after a spread-out choice of them;
 *   3. what is left (order rules in a cycle) is spread evenly;
 *   4. the governance evaluation goes near 1 December of an evaluation
 *      year.
 * Every day is picked by pick_day: the nearest Tuesday, Wednesday or
 * Thursday that is a workday inside the allowed window, respecting the
 * body's spreiding rule and preferring days no other body uses; each
 * search is bounded by its window, so impossible rules yield a plan that
 * the checker rejects, never an endless loop. */
#include "cycle.h"
#include "calendar.h"
#include "store.h"
#include "text.h"

#include <assert.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CYCLE_MAX_RULES 1000
#define CYCLE_MAX_BODIES 1000
#define CYCLE_MAX_YEARS 200
#define CYCLE_MAX_VIOLATIONS 100000
#define CYCLE_MAX_MEETINGS 1000000
/* The planner never plans more than this many meetings of one body in a
 * year (a weekly meeting fits), whatever a beheerder sets as minimum. */
#define CYCLE_PLAN_MAX_PER_BODY 60
#define CYCLE_EVAL_CODE "evaluatie"
#define CYCLE_EVAL_NAME "Evaluatie van de governance"

static const char *const kind_names[] = {
    "min_per_jaar", "max_per_jaar", "maanden", "voor", "na", "spreiding",
    "evaluatie", "geen_weekend", "geen_feestdag", "inzet"
};
#define NKINDS (sizeof kind_names / sizeof kind_names[0])

static int kind_parse(const char *s)
{
    size_t i;

    for (i = 0; s && i < NKINDS; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return (int)i;
    return -1;
}

/* Cut a string that snprintf may have truncated back to a whole UTF-8
 * character, so messages never end in half a "ö". */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

static void copy(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src ? src : "");
    utf8_trim(dst);
}

/* "5,12" -> bits 5 and 12. -1 on anything else (empty is fine). */
static int parse_months(const char *s, unsigned *out)
{
    unsigned bits = 0;
    const char *p = s;

    *out = 0;
    while (*p) {
        int v = 0, nd = 0;

        while (*p >= '0' && *p <= '9' && nd < 3) {
            v = v * 10 + (*p++ - '0');
            nd++;
        }
        if (nd == 0 || v < 1 || v > 12)
            return -1;
        bits |= 1u << v;
        if (*p == ',')
            p++;
        else if (*p != '\0')
            return -1;
    }
    *out = bits;
    return 0;
}

static void format_months(unsigned bits, char *out, size_t len)
{
    size_t used = 0;
    int m;

    out[0] = '\0';
    for (m = 1; m <= 12; m++)
        if (bits & (1u << m)) {
            int w = snprintf(out + used, len - used, "%s%d",
                             used ? "," : "", m);
            if (w < 0 || (size_t)w >= len - used)
                return;
            used += (size_t)w;
        }
}

static int popcount_months(unsigned bits)
{
    int m, c = 0;

    for (m = 1; m <= 12; m++)
        if (bits & (1u << m))
            c++;
    return c;
}

/* ------------------------------------------------------------------ */
/* Loading the rules and bodies                                        */

/* Read the active rules (by id) and all bodies (by ord). On failure the
 * output is empty and -1 is returned; an unknown kind or malformed
 * months list in the store counts as failure. */
int cycle_rules_load(sqlite3 *db, struct cycle_rules *out)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc = -1, step;

    memset(out, 0, sizeof *out);
    st = store_prepare(db,
        "SELECT id, code, kind, coalesce(body_code, ''), "
        "coalesce(other_code, ''), coalesce(n, 0), months, "
        "coalesce(year_from, 0), coalesce(threshold, 0), active, "
        "description, coalesce(src_section, ''), coalesce(src_from, 0), "
        "coalesce(src_to, 0) FROM cycle_rule WHERE active = 1 ORDER BY id");
    if (st == NULL)
        goto cleanup;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct cycle_rule *ru;
        long long n;
        int kind;

        if (out->nrules == cap) {
            struct cycle_rule *nr;

            if (cap >= CYCLE_MAX_RULES)
                goto cleanup;
            cap = cap ? cap * 2 : 32;
            nr = realloc(out->rules, cap * sizeof *nr);
            if (nr == NULL)
                goto cleanup;
            out->rules = nr;
        }
        ru = &out->rules[out->nrules];
        memset(ru, 0, sizeof *ru);
        kind = kind_parse(store_col(st, 2));
        if (kind < 0)
            goto cleanup;
        ru->id = sqlite3_column_int64(st, 0);
        copy(ru->code, sizeof ru->code, store_col(st, 1));
        ru->kind = (enum cycle_kind)kind;
        copy(ru->body, sizeof ru->body, store_col(st, 3));
        copy(ru->other, sizeof ru->other, store_col(st, 4));
        n = sqlite3_column_int64(st, 5);
        ru->n = n < 0 ? 0 : n > INT_MAX ? INT_MAX : (int)n;
        if (parse_months(store_col(st, 6), &ru->months) != 0)
            goto cleanup;
        ru->year_from = sqlite3_column_int(st, 7);
        ru->threshold = sqlite3_column_int(st, 8);
        ru->active = sqlite3_column_int(st, 9);
        copy(ru->description, sizeof ru->description, store_col(st, 10));
        copy(ru->section, sizeof ru->section, store_col(st, 11));
        ru->src_from = (long)sqlite3_column_int64(st, 12);
        ru->src_to = (long)sqlite3_column_int64(st, 13);
        out->nrules++;
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    sqlite3_finalize(st);
    cap = 0;
    st = store_prepare(db, "SELECT code, name FROM body ORDER BY ord, id");
    if (st == NULL)
        goto cleanup;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct cycle_body *b;

        if (out->nbodies == cap) {
            struct cycle_body *nb;

            if (cap >= CYCLE_MAX_BODIES)
                goto cleanup;
            cap = cap ? cap * 2 : 16;
            nb = realloc(out->bodies, cap * sizeof *nb);
            if (nb == NULL)
                goto cleanup;
            out->bodies = nb;
        }
        b = &out->bodies[out->nbodies++];
        copy(b->code, sizeof b->code, store_col(st, 0));
        copy(b->name, sizeof b->name, store_col(st, 1));
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    if (rc != 0)
        cycle_rules_free(out);
    return rc;
}

void cycle_rules_free(struct cycle_rules *r)
{
    if (r == NULL)
        return;
    free(r->rules);
    free(r->bodies);
    memset(r, 0, sizeof *r);
}

/* The display name of a body code; the code itself when unknown (never
 * NULL). The evaluation is not a body but has a name of its own. */
const char *cycle_body_name(const struct cycle_rules *r, const char *code)
{
    size_t i;

    if (strcmp(code, CYCLE_EVAL_CODE) == 0)
        return CYCLE_EVAL_NAME;
    for (i = 0; r && i < r->nbodies; i++)
        if (strcmp(r->bodies[i].code, code) == 0)
            return r->bodies[i].name;
    return code;
}

/* ------------------------------------------------------------------ */
/* Seeding                                                             */

struct seedctx {
    sqlite3 *db;
    char *err;
    size_t errlen;
    size_t idx;
    const char *code;
};

static int seed_err(struct seedctx *c, const char *what)
{
    snprintf(c->err, c->errlen, "cyclusregels.json: entry %zu%s%s%s: %s",
             c->idx + 1, c->code ? " (" : "", c->code ? c->code : "",
             c->code ? ")" : "", what);
    return -1;
}

static int body_exists(sqlite3 *db, const char *code)
{
    return store_count(db, "SELECT count(*) FROM body WHERE code = ?",
                       code) > 0;
}

/* An optional integer: null -> *has = 0. -1 when not null/integer or
 * out of [lo, hi]. */
static int opt_int(json_t *v, long long lo, long long hi, long long *out,
                   int *has)
{
    *has = 0;
    if (json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi)
        return -1;
    *out = json_integer_value(v);
    *has = 1;
    return 0;
}

/* Validate one entry completely and insert it. All ten keys must be
 * present, no others; fields a kind does not use must be null or []. */
static int seed_rule(struct seedctx *c, json_t *o, long long nlines)
{
    static const char *const keys[] = { "code", "soort", "overleg", "ander",
        "n", "maanden", "vanafJaar", "drempel", "omschrijving", "bron" };
    const char *key, *soort, *body = NULL, *other = NULL, *desc;
    json_t *v, *bron, *months;
    long long n = 0, year = 0, thr = 0;
    int has_n, has_year, has_thr, kind;
    unsigned bits = 0;
    char mtext[64];
    sqlite3_stmt *st;
    size_t k, i;

    if (!json_is_object(o))
        return seed_err(c, "not an object");
    c->code = json_string_value(json_object_get(o, "code"));
    json_object_foreach(o, key, v) {
        int known = 0;
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (strcmp(key, keys[k]) == 0)
                known = 1;
        if (!known) {
            char msg[160];
            snprintf(msg, sizeof msg, "unknown key \"%s\"", key);
            return seed_err(c, msg);
        }
    }
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (json_object_get(o, keys[k]) == NULL) {
            char msg[160];
            snprintf(msg, sizeof msg, "missing key \"%s\"", keys[k]);
            return seed_err(c, msg);
        }
    if (c->code == NULL || !text_is_code(c->code) ||
        strlen(c->code) >= CYCLE_CODE_MAX)
        return seed_err(c, "code must be a kebab-case code");
    if (store_count(c->db, "SELECT count(*) FROM cycle_rule WHERE code = ?",
                    c->code) != 0)
        return seed_err(c, "duplicate code");
    soort = json_string_value(json_object_get(o, "soort"));
    kind = kind_parse(soort);
    if (kind < 0)
        return seed_err(c, "unknown soort");
    v = json_object_get(o, "overleg");
    if (!json_is_null(v)) {
        body = json_string_value(v);
        if (body == NULL || !body_exists(c->db, body))
            return seed_err(c, "overleg is not a known body code");
    }
    v = json_object_get(o, "ander");
    if (!json_is_null(v)) {
        other = json_string_value(v);
        if (other == NULL || !body_exists(c->db, other))
            return seed_err(c, "ander is not a known body code");
    }
    if (opt_int(json_object_get(o, "n"), 0, 100000, &n, &has_n) != 0)
        return seed_err(c, "n must be null or an integer 0..100000");
    if (opt_int(json_object_get(o, "vanafJaar"), 1900, 2200, &year,
                &has_year) != 0)
        return seed_err(c, "vanafJaar must be null or a year 1900..2200");
    if (opt_int(json_object_get(o, "drempel"), 0, 100, &thr, &has_thr) != 0)
        return seed_err(c, "drempel must be null or a percentage 0..100");
    months = json_object_get(o, "maanden");
    if (!json_is_array(months))
        return seed_err(c, "maanden must be an array");
    json_array_foreach(months, i, v) {
        long long m = json_is_integer(v) ? json_integer_value(v) : 0;
        if (m < 1 || m > 12 || (bits & (1u << m)))
            return seed_err(c, "maanden must hold distinct months 1..12");
        bits |= 1u << m;
    }
    desc = json_string_value(json_object_get(o, "omschrijving"));
    if (desc == NULL || desc[0] == '\0' || !text_clean(desc, 0) ||
        strlen(desc) >= sizeof ((struct cycle_rule *)0)->description)
        return seed_err(c, "omschrijving must be a non-empty line of text "
                           "shorter than 512 bytes");
    bron = json_object_get(o, "bron");
    if (!json_is_null(bron)) {
        json_t *sec = json_object_get(bron, "sectie");
        json_t *van = json_object_get(bron, "van");
        json_t *tot = json_object_get(bron, "tot");

        if (!json_is_object(bron) || json_object_size(bron) != 3 ||
            !json_is_string(sec) || json_string_length(sec) == 0 ||
            json_string_length(sec) >= sizeof ((struct cycle_rule *)0)->section ||
            !json_is_integer(van) || !json_is_integer(tot) ||
            json_integer_value(van) < 1 ||
            json_integer_value(tot) < json_integer_value(van) ||
            (nlines > 0 && json_integer_value(tot) > nlines))
            return seed_err(c, "bron must be null or {sectie, van, tot} "
                               "with 1 <= van <= tot <= the report's lines");
    }
    /* what each kind needs, and what it must leave empty */
    switch ((enum cycle_kind)kind) {
    case CYCLE_MIN_PER_JAAR: case CYCLE_MAX_PER_JAAR: case CYCLE_SPREIDING:
        if (!body || other || !has_n || bits || has_year || has_thr ||
            (kind != CYCLE_MAX_PER_JAAR && n < 1))
            return seed_err(c, "needs overleg and n (>= 1; max_per_jaar "
                               ">= 0) and nothing else");
        break;
    case CYCLE_MAANDEN:
        if (!body || other || has_n || !bits || has_year || has_thr)
            return seed_err(c, "needs overleg and maanden, nothing else");
        break;
    case CYCLE_VOOR: case CYCLE_NA:
        if (!body || !other || strcmp(body, other) == 0 || !has_n || n < 1 ||
            bits || has_year || has_thr)
            return seed_err(c, "needs overleg, a different ander and n >= 1, "
                               "nothing else");
        break;
    case CYCLE_EVALUATIE:
        if (body || other || !has_n || n < 1 || !has_year || bits || has_thr)
            return seed_err(c, "needs n >= 1 and vanafJaar, nothing else");
        break;
    case CYCLE_GEEN_WEEKEND: case CYCLE_GEEN_FEESTDAG:
        if (other || has_n || bits || has_year || has_thr)
            return seed_err(c, "takes at most overleg");
        break;
    case CYCLE_INZET:
        if (other || !has_n || n < 1 || !has_thr || bits || has_year)
            return seed_err(c, "needs n >= 1 and drempel, at most overleg");
        break;
    }
    format_months(bits, mtext, sizeof mtext);
    st = store_prepare(c->db,
        "INSERT INTO cycle_rule(code, kind, body_code, other_code, n, months, "
        "year_from, threshold, description, src_section, src_from, src_to) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (st == NULL)
        return seed_err(c, "cannot prepare insert");
    store_bind_text(st, 1, c->code);
    store_bind_text(st, 2, soort);
    store_bind_text(st, 3, body);
    store_bind_text(st, 4, other);
    if (has_n)
        store_bind_int(st, 5, n);
    store_bind_text(st, 6, mtext);
    if (has_year)
        store_bind_int(st, 7, year);
    if (has_thr)
        store_bind_int(st, 8, thr);
    store_bind_text(st, 9, desc);
    if (!json_is_null(bron)) {
        store_bind_text(st, 10, json_string_value(json_object_get(bron,
                                                                  "sectie")));
        store_bind_int(st, 11, json_integer_value(json_object_get(bron, "van")));
        store_bind_int(st, 12, json_integer_value(json_object_get(bron, "tot")));
    }
    if (store_exec_stmt(st) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot store: %s", sqlite3_errmsg(c->db));
        return seed_err(c, msg);
    }
    return 0;
}

/* Read <data_dir>/seed/cyclusregels.json and insert every rule inside the
 * caller's transaction. Strict: any malformed entry aborts with a message
 * naming the entry; the caller rolls back. */
int cycle_seed(sqlite3 *db, const char *data_dir, char *err, size_t errlen)
{
    struct seedctx c = { db, err, errlen, 0, NULL };
    char path[4096];
    json_error_t je;
    json_t *root, *arr, *o;
    long long nlines;
    size_t i;
    int rc = -1;

    err[0] = '\0';
    snprintf(path, sizeof path, "%s/seed/cyclusregels.json", data_dir);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "%s: line %d: %s", path, je.line, je.text);
        return -1;
    }
    arr = json_object_get(root, "regels");
    if (!json_is_array(arr) || json_object_size(root) != 1) {
        snprintf(err, errlen, "%s: needs exactly one key, the array "
                 "\"regels\"", path);
        goto cleanup;
    }
    nlines = store_count(db, "SELECT count(*) FROM report_line", NULL);
    json_array_foreach(arr, i, o) {
        c.idx = i;
        c.code = NULL;
        if (seed_rule(&c, o, nlines) != 0)
            goto cleanup;
    }
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Shared helpers                                                      */

static int year_of(long day)
{
    int y, m, d;

    cal_civil(day, &y, &m, &d);
    return y;
}

static int month_of(long day)
{
    int y, m, d;

    cal_civil(day, &y, &m, &d);
    return m;
}

static long year_start(int y)
{
    return cal_days(y, 1, 1);
}

static long year_end(int y)
{
    return cal_days(y, 12, 31);
}

static int body_match(const char *want, const char *have)
{
    return want[0] == '\0' || strcmp(want, have) == 0;
}

/* ------------------------------------------------------------------ */
/* Planner                                                             */

struct pbody {
    const char *code;
    int count;       /* meetings to plan; -1: one per anchor (voor) */
    int maxn;        /* INT_MAX when unlimited */
    int spread;
    unsigned months;
    const struct cycle_rule *dep;   /* the voor or na rule placing it */
    int done;
};

struct pstate {
    int year;
    long jan1, dec31;
    struct cycle_meeting *m;
    size_t n, cap;
};

/* Default times of day; the report gives none. */
static void plan_times(const char *code, int *start, int *end)
{
    if (strcmp(code, "dg-overleg") == 0) {
        *start = 14 * 60;
        *end = 15 * 60 + 30;
    } else if (strcmp(code, "informatiebijeenkomst") == 0) {
        *start = 13 * 60;
        *end = 17 * 60;
    } else {
        *start = 10 * 60;
        *end = 12 * 60;
    }
}

/* Append a planned meeting. The capacity is computed from the body
 * counts before planning, so it cannot run out. */
static void padd(struct pstate *ps, const char *code, long day)
{
    struct cycle_meeting *x;

    assert(ps->n < ps->cap);
    if (ps->n >= ps->cap)
        return;
    x = &ps->m[ps->n++];
    memset(x, 0, sizeof *x);
    copy(x->body, sizeof x->body, code);
    x->day = day;
    plan_times(code, &x->start_min, &x->end_min);
}

static int day_used(const struct pstate *ps, long day)
{
    size_t i;

    for (i = 0; i < ps->n; i++)
        if (ps->m[i].day == day)
            return 1;
    return 0;
}

static int spread_ok(const struct pstate *ps, const char *code, long day,
                     int spread)
{
    long need = spread > 1 ? spread : 1;
    size_t i;

    for (i = 0; i < ps->n; i++)
        if (strcmp(ps->m[i].body, code) == 0 &&
            labs(ps->m[i].day - day) < need)
            return 0;
    return 1;
}

/* The best day for a meeting of `code` near `target` within [lo, hi]
 * (clipped to the year). Passes, from strict to lenient:
 *   0 Tue-Thu workday, no other meeting that day, spreiding kept
 *   1 Tue-Thu workday, spreiding kept
 *   2 any workday, spreiding kept
 *   3 any workday without another meeting of the same body
 * and finally the target itself, clipped into the window: the checker
 * then explains what could not be met. Ties go to the earlier day. */
static long pick_day(const struct pstate *ps, const char *code, int spread,
                     long target, long lo, long hi)
{
    int pass;

    if (lo < ps->jan1)
        lo = ps->jan1;
    if (hi > ps->dec31)
        hi = ps->dec31;
    if (lo > hi) {
        if (target < ps->jan1)
            return ps->jan1;
        return target > ps->dec31 ? ps->dec31 : target;
    }
    for (pass = 0; pass < 4; pass++) {
        long d, best = 0, bestdist = 0;
        int found = 0;

        for (d = lo; d <= hi; d++) {
            int wd = cal_weekday(d);
            long dist = labs(d - target);

            if (!cal_is_workday(d))
                continue;
            if (pass <= 1 && (wd < 2 || wd > 4))
                continue;
            if (pass == 0 && day_used(ps, d))
                continue;
            if (pass <= 2 && !spread_ok(ps, code, d, spread))
                continue;
            if (pass == 3 && !spread_ok(ps, code, d, 1))
                continue;
            if (!found || dist < bestdist) {
                best = d;
                bestdist = dist;
                found = 1;
            }
        }
        if (found)
            return best;
    }
    return target < lo ? lo : target > hi ? hi : target;
}

/* k meetings at day-of-year (i + 0.5) / k, each within two weeks. */
static void place_even(struct pstate *ps, const struct pbody *pb, int k)
{
    long len = ps->dec31 - ps->jan1 + 1;
    int i;

    for (i = 0; i < k; i++) {
        long target = ps->jan1 + len * (2L * i + 1) / (2L * k);

        padd(ps, pb->code, pick_day(ps, pb->code, pb->spread, target,
                                    target - 14, target + 14));
    }
}

/* One meeting around the 12th of each required month; extra meetings
 * (a minimum above the number of months) are spread evenly. */
static void place_months(struct pstate *ps, const struct pbody *pb)
{
    int m, placed = 0;

    for (m = 1; m <= 12 && placed < pb->count; m++) {
        long first, last;

        if (!(pb->months & (1u << m)))
            continue;
        first = cal_days(ps->year, m, 1);
        last = m == 12 ? ps->dec31 : cal_days(ps->year, m + 1, 1) - 1;
        padd(ps, pb->code, pick_day(ps, pb->code, pb->spread,
                                    cal_days(ps->year, m, 12), first, last));
        placed++;
    }
    if (pb->count > placed)
        place_even(ps, pb, pb->count - placed);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;

    return (x > y) - (x < y);
}

/* Place a body with a voor or na rule relative to the meetings of the
 * other body already in the plan ("anchors"). slot numbers the bodies
 * that depend on the same anchors the same way, so each gets its own
 * day: voor 21, 18, 15 days before; na 21, 23, 25 days after. A voor
 * body meets before every anchor; when a body meets fewer times than the
 * anchors (a na body, or a maximum), the chosen anchors are spread over
 * the year (2 of 3: the first and the last). */
static void place_dependent(struct pstate *ps, const struct pbody *pb,
                            int slot)
{
    const struct cycle_rule *ru = pb->dep;
    long anchors[CYCLE_PLAN_MAX_PER_BODY];
    size_t i, k = 0;
    int cnt = pb->count, j;

    for (i = 0; i < ps->n && k < CYCLE_PLAN_MAX_PER_BODY; i++)
        if (strcmp(ps->m[i].body, ru->other) == 0)
            anchors[k++] = ps->m[i].day;
    qsort(anchors, k, sizeof anchors[0], cmp_long);
    /* "voor": each anchor needs a meeting before it, so a body meets at
     * least as often as its anchors (its own minimum is only a floor),
     * unless a maximum forbids it */
    if (ru->kind == CYCLE_VOOR) {
        int need = (int)k < pb->maxn ? (int)k : pb->maxn;

        if (cnt < need)
            cnt = need;
    }
    if (cnt < 0)
        cnt = 0;
    if (k == 0) {
        place_even(ps, pb, cnt);
        return;
    }
    for (j = 0; j < cnt && j < (int)k; j++) {
        int use = (int)k <= cnt ? j :
                  cnt == 1 ? ((int)k - 1) / 2 :
                  (j * ((int)k - 1) * 2 + (cnt - 1)) / (2 * (cnt - 1));
        long a = anchors[use], target, lo, hi;

        if (ru->kind == CYCLE_VOOR) {
            long off = (ru->n - 1 < 21 ? ru->n - 1 : 21) - 3L * slot;

            target = a - (off < 1 ? 1 : off);
            lo = a - ru->n;
            hi = a - 1;
        } else {
            long off = ru->n / 2 < 21 ? ru->n / 2 : 21;

            target = a + (off < 1 ? 1 : off) + 2L * slot;
            lo = a + 1;
            hi = a + ru->n;
        }
        padd(ps, pb->code, pick_day(ps, pb->code, pb->spread, target, lo,
                                    hi));
    }
    if (cnt > (int)k)
        place_even(ps, pb, cnt - (int)k);
}

static const struct pbody *pbody_find(const struct pbody *pb, size_t n,
                                      const char *code)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(pb[i].code, code) == 0)
            return &pb[i];
    return NULL;
}

static int cmp_meeting(const void *a, const void *b)
{
    const struct cycle_meeting *x = a, *y = b;

    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->start_min != y->start_min)
        return x->start_min < y->start_min ? -1 : 1;
    return strcmp(x->body, y->body);
}

int cycle_plan(const struct cycle_rules *r, int year,
               struct cycle_meeting **out, size_t *nout)
{
    struct pstate ps;
    struct pbody *pb = NULL;
    size_t i, j, nb = r->nbodies, total = 1;
    int pass, eval_done = 0, rc = -1;

    *out = NULL;
    *nout = 0;
    if (year < 1900 || year > 2200)
        return -1;
    memset(&ps, 0, sizeof ps);
    ps.year = year;
    ps.jan1 = year_start(year);
    ps.dec31 = year_end(year);
    pb = calloc(nb ? nb : 1, sizeof *pb);
    if (pb == NULL)
        goto cleanup;
    for (i = 0; i < nb; i++) {
        int minn = 0;

        pb[i].code = r->bodies[i].code;
        pb[i].maxn = INT_MAX;
        for (j = 0; j < r->nrules; j++) {
            const struct cycle_rule *ru = &r->rules[j];

            if (strcmp(ru->body, pb[i].code) != 0)
                continue;
            switch (ru->kind) {
            case CYCLE_MIN_PER_JAAR:
                if (ru->n > minn)
                    minn = ru->n;
                break;
            case CYCLE_MAX_PER_JAAR:
                if (ru->n < pb[i].maxn)
                    pb[i].maxn = ru->n;
                break;
            case CYCLE_MAANDEN:
                pb[i].months |= ru->months;
                break;
            case CYCLE_SPREIDING:
                if (ru->n > pb[i].spread)
                    pb[i].spread = ru->n;
                break;
            case CYCLE_VOOR: case CYCLE_NA:
                if (pb[i].dep == NULL && ru->other[0] &&
                    strcmp(ru->other, pb[i].code) != 0)
                    pb[i].dep = ru;
                break;
            default:
                break;
            }
        }
        if (popcount_months(pb[i].months) > minn)
            minn = popcount_months(pb[i].months);
        if (pb[i].maxn > CYCLE_PLAN_MAX_PER_BODY)
            pb[i].maxn = CYCLE_PLAN_MAX_PER_BODY;
        pb[i].count = minn < pb[i].maxn ? minn : pb[i].maxn;
        /* a body that must precede another but has no count of its own
         * meets once before each meeting of the other */
        if (pb[i].count == 0 && pb[i].maxn > 0 && pb[i].dep &&
            pb[i].dep->kind == CYCLE_VOOR)
            pb[i].count = -1;
        total += (size_t)CYCLE_PLAN_MAX_PER_BODY;
    }
    ps.cap = total;
    ps.m = calloc(ps.cap, sizeof *ps.m);
    if (ps.m == NULL)
        goto cleanup;
    /* 1: anchors */
    for (i = 0; i < nb; i++) {
        if (pb[i].dep)
            continue;
        if (pb[i].months)
            place_months(&ps, &pb[i]);
        else if (pb[i].count > 0)
            place_even(&ps, &pb[i], pb[i].count);
        pb[i].done = 1;
    }
    /* 2: bodies placed relative to another, once that one is placed;
     * at most nb passes, so a cycle of order rules cannot loop */
    for (pass = 0; pass <= (int)nb; pass++) {
        int progress = 0;

        for (i = 0; i < nb; i++) {
            const struct pbody *o;
            int slot = 0;

            if (pb[i].done)
                continue;
            o = pbody_find(pb, nb, pb[i].dep->other);
            if (o && !o->done)
                continue;
            for (j = 0; j < i; j++)
                if (pb[j].dep && pb[j].dep->kind == pb[i].dep->kind &&
                    strcmp(pb[j].dep->other, pb[i].dep->other) == 0)
                    slot++;
            place_dependent(&ps, &pb[i], slot % 5);
            pb[i].done = 1;
            progress = 1;
        }
        if (!progress)
            break;
    }
    /* 3: order rules in a cycle: spread evenly */
    for (i = 0; i < nb; i++)
        if (!pb[i].done) {
            if (pb[i].count > 0)
                place_even(&ps, &pb[i], pb[i].count);
            pb[i].done = 1;
        }
    /* 4: the governance evaluation */
    for (j = 0; j < r->nrules && !eval_done; j++) {
        const struct cycle_rule *ru = &r->rules[j];
        int every = ru->n > 0 ? ru->n : 1;

        if (ru->kind != CYCLE_EVALUATIE || ru->year_from == 0 ||
            year < ru->year_from || (year - ru->year_from) % every != 0)
            continue;
        {
            long target = cal_days(year, 12, 1);

            padd(&ps, CYCLE_EVAL_CODE,
                 pick_day(&ps, CYCLE_EVAL_CODE, 0, target, target - 16,
                          target + 14));
            eval_done = 1;
        }
    }
    qsort(ps.m, ps.n, sizeof *ps.m, cmp_meeting);
    *out = ps.m;
    *nout = ps.n;
    ps.m = NULL;
    rc = 0;
cleanup:
    free(ps.m);
    free(pb);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Checker                                                             */

struct vio {
    long key;                       /* sort day */
    struct cycle_violation v;
};

struct check {
    const struct cycle_rules *r;
    const struct cycle_meeting **act;   /* not cancelled, by day, start */
    size_t nact;
    int y0, y1;
    struct vio *v;
    size_t nv, capv;
    int failed;
};

/* "het koersoverleg", "het DG-overleg", "de kerngroep pijler 1": the
 * name in running text, with its article when `article` is set. The first
 * letter is lowered unless the first word has more capitals (DG-...). */
static void name_in_text(const char *name, int article, char *out,
                         size_t len)
{
    size_t n = strlen(name), i;
    const char *art = "";
    int lower = 1;

    if (article)
        art = n >= 7 && strcmp(name + n - 7, "overleg") == 0 ? "het " : "de ";
    for (i = 1; i < n && name[i] != ' '; i++)
        if (name[i] >= 'A' && name[i] <= 'Z')
            lower = 0;
    snprintf(out, len, "%s%s", art, name);
    utf8_trim(out);
    if (lower && strlen(out) > strlen(art)) {
        char *p = out + strlen(art);

        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    }
}

/* "vergadering(en)" or, for an informatiebijeenkomst, "bijeenkomst(en)". */
static const char *noun(const char *code, int plural)
{
    size_t n = strlen(code);

    if (n >= 11 && strcmp(code + n - 11, "bijeenkomst") == 0)
        return plural ? "bijeenkomsten" : "bijeenkomst";
    return plural ? "vergaderingen" : "vergadering";
}

/* "de 6 weken", "de week", "de 10 dagen", "de dag". */
static void window_text(int n, char *out, size_t len)
{
    if (n == 1)
        snprintf(out, len, "de dag");
    else if (n == 7)
        snprintf(out, len, "de week");
    else if (n % 7 == 0)
        snprintf(out, len, "de %d weken", n / 7);
    else
        snprintf(out, len, "de %d dagen", n);
}

/* " (regel CODE: DESCRIPTION; rapport §6.3 ..., regels 2633–2637)". */
static void rule_suffix(const struct cycle_rule *ru, char *out, size_t len)
{
    char cite[256];
    size_t desc_len;

    if (ru->section[0] == '\0')
        snprintf(cite, sizeof cite, "geen bron in het rapport");
    else if (ru->src_from == ru->src_to)
        snprintf(cite, sizeof cite, "rapport %s%s, regel %ld",
                 ru->section[0] >= '0' && ru->section[0] <= '9' ? "§" : "",
                 ru->section, ru->src_from);
    else
        snprintf(cite, sizeof cite, "rapport %s%s, regels %ld–%ld",
                 ru->section[0] >= '0' && ru->section[0] <= '9' ? "§" : "",
                 ru->section, ru->src_from, ru->src_to);
    /* "...per jaar.; rapport" reads badly: drop the final full stop */
    desc_len = strlen(ru->description);
    if (desc_len > 0 && ru->description[desc_len - 1] == '.')
        desc_len--;
    snprintf(out, len, " (regel %s: %.*s; %s)", ru->code, (int)desc_len,
             ru->description, cite);
}

static void vadd(struct check *c, const char *rule, const char *suffix,
                 const char *body, long day, int year, long key,
                 const char *text)
{
    struct vio *x;

    if (c->failed)
        return;
    if (c->nv == c->capv) {
        struct vio *nv;
        size_t cap = c->capv ? c->capv * 2 : 16;

        if (cap > CYCLE_MAX_VIOLATIONS) {
            c->failed = 1;
            return;
        }
        nv = realloc(c->v, cap * sizeof *nv);
        if (nv == NULL) {
            c->failed = 1;
            return;
        }
        c->v = nv;
        c->capv = cap;
    }
    x = &c->v[c->nv++];
    memset(x, 0, sizeof *x);
    x->key = key;
    copy(x->v.rule, sizeof x->v.rule, rule);
    copy(x->v.body, sizeof x->v.body, body);
    x->v.day = day;
    x->v.year = year;
    snprintf(x->v.message, sizeof x->v.message, "%s%s", text, suffix);
    utf8_trim(x->v.message);
}

static void vrule(struct check *c, const struct cycle_rule *ru,
                  const char *body, long day, int year, long key,
                  const char *text)
{
    char suffix[1024];

    rule_suffix(ru, suffix, sizeof suffix);
    vadd(c, ru->code, suffix, body, day, year, key, text);
}

static int in_range(const struct check *c, long day)
{
    int y = year_of(day);

    return y >= c->y0 && y <= c->y1;
}

/* Meetings of one body (all when code is ""), in day order. Caller frees. */
static const struct cycle_meeting **of_body(const struct check *c,
                                            const char *code, size_t *n)
{
    const struct cycle_meeting **l = malloc((c->nact ? c->nact : 1) *
                                            sizeof *l);
    size_t i;

    *n = 0;
    if (l == NULL)
        return NULL;
    for (i = 0; i < c->nact; i++)
        if (body_match(code, c->act[i]->body))
            l[(*n)++] = c->act[i];
    return l;
}

static void check_count(struct check *c, const struct cycle_rule *ru,
                        const struct cycle_meeting **l, size_t n)
{
    const char *name = cycle_body_name(c->r, ru->body);
    char text[512];
    int y;

    for (y = c->y0; y <= c->y1; y++) {
        long excess = 0;
        int count = 0;
        size_t i;

        for (i = 0; i < n; i++)
            if (year_of(l[i]->day) == y) {
                if (count == ru->n)
                    excess = l[i]->day;
                count++;
            }
        if (ru->kind == CYCLE_MIN_PER_JAAR && count < ru->n) {
            snprintf(text, sizeof text, "%s %d: %d van de %d vereiste %s",
                     name, y, count, ru->n, noun(ru->body, 1));
            vrule(c, ru, ru->body, 0, y, year_end(y), text);
        } else if (ru->kind == CYCLE_MAX_PER_JAAR && count > ru->n) {
            char when[64];

            cal_format_long(excess, when, sizeof when);
            snprintf(text, sizeof text, "%s %d: %d %s, meer dan de "
                     "toegestane %d per jaar (de eerste te veel op %s)",
                     name, y, count, noun(ru->body, count != 1), ru->n, when);
            vrule(c, ru, ru->body, excess, y, excess, text);
        }
    }
}

static void check_months(struct check *c, const struct cycle_rule *ru,
                         const struct cycle_meeting **l, size_t n)
{
    const char *name = cycle_body_name(c->r, ru->body);
    char text[512];
    int y, m;

    for (y = c->y0; y <= c->y1; y++)
        for (m = 1; m <= 12; m++) {
            int found = 0;
            size_t i;

            if (!(ru->months & (1u << m)))
                continue;
            for (i = 0; i < n && !found; i++)
                if (year_of(l[i]->day) == y && month_of(l[i]->day) == m)
                    found = 1;
            if (found)
                continue;
            snprintf(text, sizeof text, "%s %d: geen %s in %s", name, y,
                     noun(ru->body, 0), cal_month_name(m));
            vrule(c, ru, ru->body, 0, y,
                  (m == 12 ? year_end(y) : cal_days(y, m + 1, 1) - 1), text);
        }
}

/* 1 when some meeting in l lies within n days before meeting x (the same
 * day counts when it ends before x starts). */
static int precedes(const struct cycle_meeting **l, size_t nl,
                    const struct cycle_meeting *x, int n)
{
    size_t i;

    for (i = 0; i < nl; i++) {
        const struct cycle_meeting *b = l[i];

        if (b == x || b->day < x->day - n || b->day > x->day)
            continue;
        if (b->day < x->day || b->end_min <= x->start_min)
            return 1;
    }
    return 0;
}

static void check_order(struct check *c, const struct cycle_rule *ru,
                        const struct cycle_meeting **lb, size_t nb,
                        const struct cycle_meeting **lo, size_t no)
{
    const char *bname = cycle_body_name(c->r, ru->body);
    const char *oname = cycle_body_name(c->r, ru->other);
    char text[512], when[64], win[32], other[160];
    size_t i;

    window_text(ru->n, win, sizeof win);
    if (ru->kind == CYCLE_VOOR) {
        /* each meeting of the other body needs one of ours before it */
        name_in_text(oname, 1, other, sizeof other);
        for (i = 0; i < no; i++) {
            const struct cycle_meeting *x = lo[i];

            if (!in_range(c, x->day) || precedes(lb, nb, x, ru->n))
                continue;
            cal_format_long(x->day, when, sizeof when);
            snprintf(text, sizeof text, "%s vergadert niet in %s vóór %s "
                     "van %s", bname, win, other, when);
            vrule(c, ru, ru->body, x->day, year_of(x->day), x->day, text);
        }
        return;
    }
    /* na: each of our meetings needs one of the other body before it */
    name_in_text(oname, 0, other, sizeof other);
    for (i = 0; i < nb; i++) {
        const struct cycle_meeting *x = lb[i];

        if (!in_range(c, x->day) || precedes(lo, no, x, ru->n))
            continue;
        cal_format_long(x->day, when, sizeof when);
        snprintf(text, sizeof text, "%s op %s: geen %s in %s ervoor", bname,
                 when, other, win);
        vrule(c, ru, ru->body, x->day, year_of(x->day), x->day, text);
    }
}

static void check_spread(struct check *c, const struct cycle_rule *ru,
                         const struct cycle_meeting **l, size_t n)
{
    const char *name = cycle_body_name(c->r, ru->body);
    char text[512], when[64], prev[64];
    size_t i;

    for (i = 1; i < n; i++) {
        long gap = l[i]->day - l[i - 1]->day;

        if (!in_range(c, l[i]->day) || gap >= ru->n)
            continue;
        cal_format_long(l[i]->day, when, sizeof when);
        cal_format_long(l[i - 1]->day, prev, sizeof prev);
        snprintf(text, sizeof text, "%s op %s: %ld %s na de vorige "
                 "vergadering (%s), minder dan de vereiste %d dagen "
                 "ertussen", name, when, gap, gap == 1 ? "dag" : "dagen",
                 prev, ru->n);
        vrule(c, ru, ru->body, l[i]->day, year_of(l[i]->day), l[i]->day,
              text);
    }
}

static void check_evaluation(struct check *c, const struct cycle_rule *ru,
                             const struct cycle_meeting **l, size_t n)
{
    int every = ru->n > 0 ? ru->n : 1, y;
    char text[512];

    if (ru->year_from == 0)
        return;
    for (y = c->y0; y <= c->y1; y++) {
        int found = 0;
        size_t i;

        if (y < ru->year_from || (y - ru->year_from) % every != 0)
            continue;
        for (i = 0; i < n && !found; i++)
            if (year_of(l[i]->day) == y)
                found = 1;
        if (found)
            continue;
        snprintf(text, sizeof text, "%s %d: geen evaluatie in dit "
                 "evaluatiejaar", CYCLE_EVAL_NAME, y);
        vrule(c, ru, CYCLE_EVAL_CODE, 0, y, year_end(y), text);
    }
}

static void check_days(struct check *c, const struct cycle_rule *ru,
                       const struct cycle_meeting **l, size_t n)
{
    char text[512], when[64];
    size_t i;

    for (i = 0; i < n; i++) {
        const struct cycle_meeting *x = l[i];
        const char *name = cycle_body_name(c->r, x->body);
        const char *hol;

        if (!in_range(c, x->day))
            continue;
        cal_format_long(x->day, when, sizeof when);
        if (ru->kind == CYCLE_GEEN_WEEKEND) {
            if (cal_weekday(x->day) < 6)
                continue;
            snprintf(text, sizeof text, "%s op %s: geen vergaderingen in het "
                     "weekend", name, when);
        } else {
            hol = cal_holiday(x->day);
            if (hol == NULL)
                continue;
            snprintf(text, sizeof text, "%s op %s (%s): geen vergaderingen "
                     "op een feestdag", name, when, hol);
        }
        vrule(c, ru, x->body, x->day, year_of(x->day), x->day, text);
    }
}

/* Built-in check, not a rule of the table: two meetings of one body must
 * not overlap in time. act is sorted by day and start. */
static void check_overlap(struct check *c)
{
    static const char suffix[] = " (controle overlap: twee vergaderingen "
        "van hetzelfde overleg kunnen niet tegelijk plaatsvinden; geen bron "
        "in het rapport)";
    char text[512], when[64];
    size_t i, j;

    for (i = 0; i < c->nact; i++) {
        const struct cycle_meeting *a = c->act[i];

        for (j = i + 1; j < c->nact && c->act[j]->day == a->day; j++) {
            const struct cycle_meeting *b = c->act[j];

            if (strcmp(a->body, b->body) != 0 || b->start_min >= a->end_min ||
                !in_range(c, b->day))
                continue;
            cal_format_long(b->day, when, sizeof when);
            snprintf(text, sizeof text, "%s op %s: twee vergaderingen "
                     "overlappen (%02d:%02d–%02d:%02d en %02d:%02d–%02d:%02d)",
                     cycle_body_name(c->r, a->body), when,
                     a->start_min / 60, a->start_min % 60, a->end_min / 60,
                     a->end_min % 60, b->start_min / 60, b->start_min % 60,
                     b->end_min / 60, b->end_min % 60);
            vadd(c, "overlap", suffix, a->body, b->day, year_of(b->day),
                 b->day, text);
        }
    }
}

static int cmp_act(const void *pa, const void *pb)
{
    const struct cycle_meeting *a = *(const struct cycle_meeting *const *)pa;
    const struct cycle_meeting *b = *(const struct cycle_meeting *const *)pb;
    int s;

    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->start_min != b->start_min)
        return a->start_min < b->start_min ? -1 : 1;
    if (a->end_min != b->end_min)
        return a->end_min < b->end_min ? -1 : 1;
    s = strcmp(a->body, b->body);
    if (s)
        return s;
    return (a > b) - (a < b);
}

static int cmp_vio(const void *pa, const void *pb)
{
    const struct vio *a = pa, *b = pb;
    int s;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    s = strcmp(a->v.rule, b->v.rule);
    if (s)
        return s;
    return strcmp(a->v.message, b->v.message);
}

/* Check every active rule for each year in [year_from, year_to]; see
 * cycle.h. Cancelled meetings and meetings without a body are ignored;
 * an end before the start is read as a meeting of no length. Count and
 * month violations carry day 0 and sort at the end of their year (or
 * month); the "inzet" rule needs attendance and is not checked here. */
long cycle_check(const struct cycle_rules *r, const struct cycle_meeting *m,
                 size_t n, int year_from, int year_to,
                 struct cycle_violation **out)
{
    struct check c;
    struct cycle_meeting *fixed = NULL;
    size_t i, k = 0;
    long rc = -1;

    *out = NULL;
    memset(&c, 0, sizeof c);
    if (year_from < 1900 || year_to > 2200 || year_from > year_to ||
        year_to - year_from >= CYCLE_MAX_YEARS || n > CYCLE_MAX_MEETINGS)
        return -1;
    c.r = r;
    c.y0 = year_from;
    c.y1 = year_to;
    fixed = malloc((n ? n : 1) * sizeof *fixed);
    c.act = malloc((n ? n : 1) * sizeof *c.act);
    if (fixed == NULL || c.act == NULL)
        goto cleanup;
    for (i = 0; i < n; i++) {
        if (m[i].cancelled || m[i].body[0] == '\0')
            continue;
        fixed[k] = m[i];
        if (fixed[k].end_min < fixed[k].start_min)
            fixed[k].end_min = fixed[k].start_min;
        c.act[k] = &fixed[k];
        k++;
    }
    c.nact = k;
    qsort(c.act, c.nact, sizeof *c.act, cmp_act);
    for (i = 0; i < r->nrules && !c.failed; i++) {
        const struct cycle_rule *ru = &r->rules[i];
        const struct cycle_meeting **lb = NULL, **lo = NULL;
        size_t nb = 0, no = 0;
        int needs_body = ru->kind != CYCLE_EVALUATIE &&
                         ru->kind != CYCLE_GEEN_WEEKEND &&
                         ru->kind != CYCLE_GEEN_FEESTDAG &&
                         ru->kind != CYCLE_INZET;

        if (ru->kind == CYCLE_INZET || (needs_body && ru->body[0] == '\0'))
            continue;
        lb = of_body(&c, ru->kind == CYCLE_EVALUATIE ? CYCLE_EVAL_CODE :
                     ru->body, &nb);
        if (lb == NULL) {
            c.failed = 1;
            break;
        }
        switch (ru->kind) {
        case CYCLE_MIN_PER_JAAR: case CYCLE_MAX_PER_JAAR:
            check_count(&c, ru, lb, nb);
            break;
        case CYCLE_MAANDEN:
            check_months(&c, ru, lb, nb);
            break;
        case CYCLE_VOOR: case CYCLE_NA:
            if (ru->other[0] == '\0')
                break;
            lo = of_body(&c, ru->other, &no);
            if (lo == NULL)
                c.failed = 1;
            else
                check_order(&c, ru, lb, nb, lo, no);
            break;
        case CYCLE_SPREIDING:
            check_spread(&c, ru, lb, nb);
            break;
        case CYCLE_EVALUATIE:
            check_evaluation(&c, ru, lb, nb);
            break;
        case CYCLE_GEEN_WEEKEND: case CYCLE_GEEN_FEESTDAG:
            check_days(&c, ru, lb, nb);
            break;
        case CYCLE_INZET:
            break;
        }
        free(lo);
        free(lb);
    }
    if (!c.failed)
        check_overlap(&c);
    if (c.failed)
        goto cleanup;
    if (c.nv > 1)
        qsort(c.v, c.nv, sizeof *c.v, cmp_vio);
    *out = malloc((c.nv ? c.nv : 1) * sizeof **out);
    if (*out == NULL)
        goto cleanup;
    for (i = 0; i < c.nv; i++)
        (*out)[i] = c.v[i].v;
    rc = (long)c.nv;
cleanup:
    free(c.v);
    free(c.act);
    free(fixed);
    return rc;
}
