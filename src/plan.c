/* plan.c - the implementation plan of figure 12: months, status,
 * dependencies and slippage of the sub-steps (see plan.h).
 *
 * The plan is small (11 steps, 50 sub-steps in the report), so every
 * read loads the sub-steps and dependencies once and works on them in
 * memory: the slip of each sub-step, what it blocks (the transitive
 * dependents, by breadth-first search over the reversed edges) and the
 * cycle check of an update (a search from each new dependency back to
 * the sub-step itself). */
#include "plan.h"
#include "domain.h"
#include "input.h"
#include "perm.h"
#include "seed.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const plan_statuses[] = { "gepland", "loopt", "gereed",
                                      "vervallen", NULL };
const char *const plan_status_labels[] = { "Gepland", "Loopt", "Gereed",
                                           "Vervallen", NULL };

static const char *const month_names[] = {
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"
};

/* ------------------------------------------------------------------ */
/* Months and today                                                    */

void plan_today(char out[11])
{
    const char *e = getenv("KOERS_TODAY");

    if (e && input_is_date(e)) {
        memcpy(out, e, 10);
        out[10] = '\0';
        return;
    }
    domain_today_local(out);
}

void plan_current_month(char out[8])
{
    char d[11];

    plan_today(d);
    memcpy(out, d, 7);
    out[7] = '\0';
}

int plan_is_month(const char *s)
{
    int y, m, i;

    if (s == NULL || strlen(s) != 7 || s[4] != '-')
        return 0;
    for (i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = atoi(s);
    m = atoi(s + 5);
    return y >= 2000 && y <= 2100 && m >= 1 && m <= 12;
}

/* Months since year 0 of a valid YYYY-MM. */
static int month_index(const char *s)
{
    return atoi(s) * 12 + atoi(s + 5) - 1;
}

int plan_month_diff(const char *a, const char *b)
{
    return month_index(b) - month_index(a);
}

/* "maart 2024" for "2024-03" into out; s as it is when not a month. */
static void month_words(const char *s, char *out, size_t len)
{
    if (!plan_is_month(s)) {
        snprintf(out, len, "%s", s ? s : "");
        return;
    }
    snprintf(out, len, "%s %.4s", month_names[atoi(s + 5) - 1], s);
}

/* A month member of o, or NULL when missing or null. */
static const char *month_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

#define SUBSTEP_COLS \
    "s.code AS nummer, s.title AS titel, s.description AS omschrijving, " \
    "s.responsible AS verantwoordelijke, s.roles AS rollen, " \
    "s.planned_start AS geplandStart, s.planned_end AS geplandEind, " \
    "s.actual_start AS werkelijkStart, s.actual_end AS werkelijkEind, " \
    "s.status, " SQLJSON_BRON("s.") ", s.step_nr AS stap"

/* Append one reason with its months to reasons; keeps the maximum. */
static void add_reason(json_t *reasons, int *max, int months,
                       const char *text)
{
    json_array_append_new(reasons, json_string(text));
    if (months > *max)
        *max = months;
}

/* Set "slip" of sub-step o as of month: null or {maanden, redenen}. */
static void set_slip(json_t *o, const char *month)
{
    const char *st = sqljson_str(o, "status");
    const char *ps = month_of(o, "geplandStart");
    const char *pe = month_of(o, "geplandEind");
    const char *as = month_of(o, "werkelijkStart");
    const char *ae = month_of(o, "werkelijkEind");
    json_t *reasons = json_array();
    int max = 0, late_end = 0, n;
    char text[256], w1[32], w2[32];

    if (strcmp(st, "vervallen") == 0)
        goto done;
    if (strcmp(st, "gereed") != 0 && plan_is_month(pe) &&
        plan_month_diff(pe, month) > 0) {
        n = plan_month_diff(pe, month);
        month_words(pe, w1, sizeof w1);
        snprintf(text, sizeof text, "Niet gereed: de geplande eindmaand %s "
                 "is %d %s voorbij.", w1, n, n == 1 ? "maand" : "maanden");
        add_reason(reasons, &max, n, text);
        late_end = 1;
    }
    if (plan_is_month(ae) && plan_is_month(pe) &&
        plan_month_diff(pe, ae) > 0) {
        n = plan_month_diff(pe, ae);
        month_words(ae, w1, sizeof w1);
        month_words(pe, w2, sizeof w2);
        snprintf(text, sizeof text, "Gereed in %s, %d %s na de geplande "
                 "eindmaand %s.", w1, n, n == 1 ? "maand" : "maanden", w2);
        add_reason(reasons, &max, n, text);
    }
    if (plan_is_month(as) && plan_is_month(ps) &&
        plan_month_diff(ps, as) > 0) {
        n = plan_month_diff(ps, as);
        month_words(as, w1, sizeof w1);
        month_words(ps, w2, sizeof w2);
        snprintf(text, sizeof text, "Later begonnen: in %s in plaats van "
                 "%s (%d %s).", w1, w2, n, n == 1 ? "maand" : "maanden");
        add_reason(reasons, &max, n, text);
    }
    if (!late_end && as == NULL && plan_is_month(ps) &&
        plan_month_diff(ps, month) > 0) {
        n = plan_month_diff(ps, month);
        month_words(ps, w1, sizeof w1);
        snprintf(text, sizeof text, "Nog niet begonnen: gepland vanaf %s, "
                 "%d %s geleden.", w1, n, n == 1 ? "maand" : "maanden");
        add_reason(reasons, &max, n, text);
    }
done:
    if (json_array_size(reasons) == 0) {
        json_decref(reasons);
        json_object_set_new(o, "slip", json_null());
        return;
    }
    json_object_set_new(o, "slip", json_pack("{s:i, s:o}", "maanden", max,
                                             "redenen", reasons));
}

/* The flat list of all sub-steps in plan order with afhankelijkVan and
 * slip as of month; NULL on a store error. */
static json_t *load_substeps(sqlite3 *db, const char *month)
{
    json_t *subs, *deps = NULL, *s, *d;
    size_t i, j;

    subs = sqljson_rows(db, "SELECT " SUBSTEP_COLS " FROM plan_substep s "
                            "ORDER BY s.step_nr, s.ord", NULL);
    deps = sqljson_rows(db, "SELECT d.substep_code AS s, d.depends_on AS d "
                            "FROM plan_dependency d JOIN plan_substep p ON "
                            "p.code = d.depends_on JOIN plan_substep q ON "
                            "q.code = d.substep_code ORDER BY d.substep_code, "
                            "p.step_nr, p.ord", NULL);
    if (subs == NULL || deps == NULL) {
        json_decref(subs);
        json_decref(deps);
        return NULL;
    }
    json_array_foreach(subs, i, s) {
        json_t *mine = json_array();
        const char *code = sqljson_str(s, "nummer");

        json_array_foreach(deps, j, d)
            if (strcmp(sqljson_str(d, "s"), code) == 0)
                json_array_append_new(mine, json_string(sqljson_str(d,
                                                                    "d")));
        json_object_set_new(s, "afhankelijkVan", mine);
        set_slip(s, month);
    }
    json_decref(deps);
    return subs;
}

/* Index of the sub-step with code in subs, or -1. */
static long find_code(json_t *subs, const char *code)
{
    json_t *s;
    size_t i;

    json_array_foreach(subs, i, s)
        if (strcmp(sqljson_str(s, "nummer"), code) == 0)
            return (long)i;
    return -1;
}

/* 1 when sub-step s lists code among afhankelijkVan. */
static int depends_on(json_t *s, const char *code)
{
    json_t *d;
    size_t i;

    json_array_foreach(json_object_get(s, "afhankelijkVan"), i, d)
        if (strcmp(json_string_value(d), code) == 0)
            return 1;
    return 0;
}

/* The sub-steps that wait for subs[at], directly or through others, and
 * are not gereed or vervallen: [{nummer, titel}] in plan order. */
static json_t *blocked_by(json_t *subs, size_t at)
{
    size_t n = json_array_size(subs), head = 0, tail = 0, i;
    size_t *queue = calloc(n ? n : 1, sizeof *queue);
    unsigned char *seen = calloc(n ? n : 1, 1);
    json_t *out = json_array(), *s;

    if (queue == NULL || seen == NULL)
        goto cleanup;
    seen[at] = 1;
    queue[tail++] = at;
    while (head < tail) {
        const char *code = sqljson_str(json_array_get(subs, queue[head++]),
                                       "nummer");

        json_array_foreach(subs, i, s)
            if (!seen[i] && depends_on(s, code)) {
                seen[i] = 1;
                queue[tail++] = i;
            }
    }
    seen[at] = 0;
    json_array_foreach(subs, i, s) {
        const char *st = sqljson_str(s, "status");

        if (seen[i] && strcmp(st, "gereed") != 0 &&
            strcmp(st, "vervallen") != 0)
            json_array_append_new(out, json_pack("{s:s, s:s}", "nummer",
                sqljson_str(s, "nummer"), "titel", sqljson_str(s, "titel")));
    }
cleanup:
    free(queue);
    free(seen);
    return out;
}

static const char *month_or_now(const char *month, char buf[8])
{
    if (month && plan_is_month(month))
        return month;
    plan_current_month(buf);
    return buf;
}

json_t *plan_steps(sqlite3 *db, const char *month)
{
    char now[8];
    json_t *steps, *subs, *st, *s;
    size_t i, j;

    month = month_or_now(month, now);
    steps = sqljson_rows(db, "SELECT nr AS nummer, title AS titel, "
                             SQLJSON_BRON("") " FROM plan_step ORDER BY nr",
                         NULL);
    subs = load_substeps(db, month);
    if (steps == NULL || subs == NULL) {
        json_decref(steps);
        json_decref(subs);
        return NULL;
    }
    json_array_foreach(steps, i, st) {
        json_t *mine = json_array();

        json_array_foreach(subs, j, s)
            if (sqljson_int(s, "stap") == sqljson_int(st, "nummer")) {
                json_t *c = json_copy(s);

                json_object_del(c, "stap");
                json_array_append_new(mine, c);
            }
        json_object_set_new(st, "substappen", mine);
    }
    json_decref(subs);
    return steps;
}

json_t *plan_substep_get(sqlite3 *db, const char *code, const char *month)
{
    char now[8];
    json_t *subs, *s, *out = NULL, *waits, *d;
    long at;
    size_t i;

    if (code == NULL)
        return NULL;
    month = month_or_now(month, now);
    subs = load_substeps(db, month);
    if (subs == NULL)
        return NULL;
    at = find_code(subs, code);
    if (at < 0)
        goto cleanup;
    s = json_array_get(subs, (size_t)at);
    out = json_copy(s);
    json_object_set_new(out, "stap", sqljson_row(db,
        "SELECT nr AS nummer, title AS titel FROM plan_step WHERE nr = ?",
        "i", sqljson_int(s, "stap")));
    json_object_set_new(out, "blokkeert", blocked_by(subs, (size_t)at));
    waits = json_array();
    json_array_foreach(json_object_get(s, "afhankelijkVan"), i, d) {
        long k = find_code(subs, json_string_value(d));
        json_t *o;

        if (k < 0)
            continue;
        o = json_array_get(subs, (size_t)k);
        json_array_append_new(waits, json_pack("{s:s, s:s, s:s}", "nummer",
            sqljson_str(o, "nummer"), "titel", sqljson_str(o, "titel"),
            "status", sqljson_str(o, "status")));
    }
    json_object_set_new(out, "wachtOp", waits);
cleanup:
    json_decref(subs);
    return out;
}

/* qsort order of slip rows: the longest slip first, then plan order. */
static int slip_cmp(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    long long mx = sqljson_int(x, "maanden"), my = sqljson_int(y,
                                                                "maanden");

    if (mx != my)
        return mx > my ? -1 : 1;
    return (int)(sqljson_int(x, "volgorde") - sqljson_int(y, "volgorde"));
}

json_t *plan_slips(sqlite3 *db, const char *month)
{
    char now[8];
    json_t *subs, *out = NULL, *s, **rows = NULL;
    size_t i, n = 0;

    month = month_or_now(month, now);
    subs = load_substeps(db, month);
    if (subs == NULL)
        return NULL;
    rows = calloc(json_array_size(subs) + 1, sizeof *rows);
    if (rows == NULL)
        goto cleanup;
    json_array_foreach(subs, i, s) {
        json_t *slip = json_object_get(s, "slip");

        if (!json_is_object(slip))
            continue;
        rows[n++] = json_pack("{s:s, s:s, s:I, s:s, s:O, s:O, s:O, s:O, "
                              "s:I, s:O, s:o, s:I}",
            "nummer", sqljson_str(s, "nummer"),
            "titel", sqljson_str(s, "titel"),
            "stap", sqljson_int(s, "stap"),
            "status", sqljson_str(s, "status"),
            "geplandStart", json_object_get(s, "geplandStart"),
            "geplandEind", json_object_get(s, "geplandEind"),
            "werkelijkStart", json_object_get(s, "werkelijkStart"),
            "werkelijkEind", json_object_get(s, "werkelijkEind"),
            "maanden", sqljson_int(slip, "maanden"),
            "redenen", json_object_get(slip, "redenen"),
            "blokkeert", blocked_by(subs, i),
            "volgorde", (long long)i);
    }
    qsort(rows, n, sizeof *rows, slip_cmp);
    out = json_array();
    for (i = 0; i < n; i++) {
        json_object_del(rows[i], "volgorde");
        json_array_append_new(out, rows[i]);
    }
cleanup:
    free(rows);
    json_decref(subs);
    return out;
}

int plan_summary_get(sqlite3 *db, const char *month, struct plan_summary *sum)
{
    char now[8];
    json_t *subs, *s, *slip;
    size_t i;

    memset(sum, 0, sizeof *sum);
    month = month_or_now(month, now);
    subs = load_substeps(db, month);
    if (subs == NULL)
        return -1;
    json_array_foreach(subs, i, s) {
        const char *st = sqljson_str(s, "status");

        sum->substeps++;
        if (strcmp(st, "gepland") == 0)
            sum->gepland++;
        else if (strcmp(st, "loopt") == 0)
            sum->loopt++;
        else if (strcmp(st, "gereed") == 0)
            sum->gereed++;
        else
            sum->vervallen++;
        slip = json_object_get(s, "slip");
        if (json_is_object(slip)) {
            sum->slipping++;
            if (sqljson_int(slip, "maanden") > sum->max_slip)
                sum->max_slip = (int)sqljson_int(slip, "maanden");
        }
    }
    json_decref(subs);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Dependency graph and cycles                                         */

struct edge {
    char from[PLAN_CODE_MAX];   /* waits */
    char to[PLAN_CODE_MAX];     /* for this one */
};

/* All dependencies except those of sub-step `skip` (NULL: none), with
 * the new ones of `skip` from deps appended. *n gets the count. NULL
 * on a store error or out of memory. */
static struct edge *load_edges(sqlite3 *db, const char *skip, json_t *deps,
                               size_t *n)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT substep_code, depends_on "
                                         "FROM plan_dependency");
    struct edge *e = NULL, *grown;
    size_t cap = 0, k;
    json_t *d;

    *n = 0;
    if (st == NULL)
        return NULL;
    for (;;) {
        int rc = sqlite3_step(st);

        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            goto failed;
        if (skip && strcmp(store_col(st, 0), skip) == 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            grown = realloc(e, cap * sizeof *e);
            if (grown == NULL)
                goto failed;
            e = grown;
        }
        snprintf(e[*n].from, sizeof e[*n].from, "%s", store_col(st, 0));
        snprintf(e[*n].to, sizeof e[*n].to, "%s", store_col(st, 1));
        (*n)++;
    }
    sqlite3_finalize(st);
    st = NULL;
    grown = realloc(e, (*n + json_array_size(deps) + 1) * sizeof *e);
    if (grown == NULL)
        goto failed;
    e = grown;
    json_array_foreach(deps, k, d) {
        snprintf(e[*n].from, sizeof e[*n].from, "%s", skip ? skip : "");
        snprintf(e[*n].to, sizeof e[*n].to, "%s", json_string_value(d));
        (*n)++;
    }
    return e;
failed:
    sqlite3_finalize(st);
    free(e);
    *n = 0;
    return NULL;
}

/* Breadth-first from `start` along "waits for" edges; when `goal` is
 * reached, writes the path goal <- ... as "A wacht op B, B wacht op C"
 * into out, starting at `goal` (who waits for start) and returns 1. */
static int find_cycle(const struct edge *e, size_t n, const char *goal,
                      const char *start, char *out, size_t len)
{
    long *parent = malloc((n + 1) * sizeof *parent);
    size_t *queue = malloc((n + 1) * sizeof *queue);
    unsigned char *used = calloc(n + 1, 1);
    size_t head = 0, tail = 0, i;
    long hit = -1;
    int found = 0;

    if (parent == NULL || queue == NULL || used == NULL)
        goto cleanup;
    /* the search runs over edges: an edge is visited once; the first
     * layer holds the edges leaving `start` */
    for (i = 0; i < n; i++)
        if (strcmp(e[i].from, start) == 0) {
            used[i] = 1;
            parent[i] = -1;
            queue[tail++] = i;
        }
    while (head < tail && hit < 0) {
        size_t c = queue[head++];

        if (strcmp(e[c].to, goal) == 0) {
            hit = (long)c;
            break;
        }
        for (i = 0; i < n; i++)
            if (!used[i] && strcmp(e[i].from, e[c].to) == 0) {
                used[i] = 1;
                parent[i] = (long)c;
                queue[tail++] = i;
            }
    }
    if (hit >= 0) {
        /* the chain start -> ... -> goal, written from start on; queue
         * is free now and holds the edges of the chain, hit first */
        size_t k = 0, used_len;
        long c;

        for (c = hit; c >= 0 && k <= n; c = parent[c])
            queue[k++] = (size_t)c;
        /* a search from goal itself (the seed's check) has no new edge
         * to name first */
        out[0] = '\0';
        if (strcmp(goal, start) != 0)
            snprintf(out, len, "%s wacht op %s", goal, start);
        for (; k > 0; k--) {
            used_len = strlen(out);
            snprintf(out + used_len, len - used_len, "%s%s wacht op %s",
                     used_len ? ", " : "", e[queue[k - 1]].from,
                     e[queue[k - 1]].to);
        }
        found = 1;
    }
cleanup:
    free(parent);
    free(queue);
    free(used);
    return found;
}

/* ------------------------------------------------------------------ */
/* Update                                                              */

static const struct input_field substep_fields[] = {
    { "geplandStart", "Geplande start", IN_TEXT, 1, 7, NULL },
    { "geplandEind", "Geplande eindmaand", IN_TEXT, 1, 7, NULL },
    { "werkelijkStart", "Werkelijke start", IN_TEXT, 0, 7, NULL },
    { "werkelijkEind", "Werkelijke eindmaand", IN_TEXT, 0, 7, NULL },
    { "status", "Status", IN_CHOICE, 1, 0, plan_statuses },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* Each present month field is YYYY-MM. */
static int check_months(json_t *in, struct fault *f)
{
    const struct input_field *fd;

    for (fd = substep_fields; fd->name; fd++) {
        const char *v;

        if (fd->kind != IN_TEXT)
            continue;
        v = month_of(in, fd->name);
        if (v && !plan_is_month(v)) {
            fault_set(f, FAULT_INVALID, "%s: verwacht een maand als "
                      "JJJJ-MM (bijvoorbeeld 2024-03), niet \"%s\".",
                      fd->label, v);
            return -1;
        }
    }
    return 0;
}

/* The rules that span fields: ends not before starts, no actual month
 * after `now`, and the status that fits the actual months. */
static int check_rules(json_t *in, const char *now, struct fault *f)
{
    const char *ps = month_of(in, "geplandStart");
    const char *pe = month_of(in, "geplandEind");
    const char *as = month_of(in, "werkelijkStart");
    const char *ae = month_of(in, "werkelijkEind");
    const char *st = month_of(in, "status");
    char w1[32], w2[32];

    if (plan_month_diff(ps, pe) < 0) {
        month_words(pe, w1, sizeof w1);
        month_words(ps, w2, sizeof w2);
        fault_set(f, FAULT_INVALID, "De geplande eindmaand (%s) ligt vóór "
                  "de geplande start (%s).", w1, w2);
        return -1;
    }
    if (ae && as == NULL) {
        fault_set(f, FAULT_INVALID, "Een werkelijke eindmaand vraagt ook "
                  "een werkelijke start.");
        return -1;
    }
    if (as && ae && plan_month_diff(as, ae) < 0) {
        month_words(ae, w1, sizeof w1);
        month_words(as, w2, sizeof w2);
        fault_set(f, FAULT_INVALID, "De werkelijke eindmaand (%s) ligt vóór "
                  "de werkelijke start (%s).", w1, w2);
        return -1;
    }
    if ((as && plan_month_diff(now, as) > 0) ||
        (ae && plan_month_diff(now, ae) > 0)) {
        month_words(as && plan_month_diff(now, as) > 0 ? as : ae, w1,
                    sizeof w1);
        month_words(now, w2, sizeof w2);
        fault_set(f, FAULT_INVALID, "Een werkelijke maand (%s) kan niet na "
                  "de huidige maand (%s) liggen; plan toekomstige maanden "
                  "bij de geplande start en eindmaand.", w1, w2);
        return -1;
    }
    if (strcmp(st, "gepland") == 0 && (as || ae)) {
        fault_set(f, FAULT_INVALID, "Status gepland past niet bij een "
                  "werkelijke start of eindmaand: kies loopt of gereed, of "
                  "laat de werkelijke maanden leeg.");
        return -1;
    }
    if (strcmp(st, "loopt") == 0 && (as == NULL || ae)) {
        fault_set(f, FAULT_INVALID, "Status loopt vraagt een werkelijke "
                  "start en geen werkelijke eindmaand.");
        return -1;
    }
    if (strcmp(st, "gereed") == 0 && (as == NULL || ae == NULL)) {
        fault_set(f, FAULT_INVALID, "Status gereed vraagt een werkelijke "
                  "start en een werkelijke eindmaand.");
        return -1;
    }
    return 0;
}

/* afhankelijkVan: absent, null or an array of distinct codes of other
 * existing sub-steps, at most PLAN_DEPS_MAX. *out gets a new array. */
static int check_deps(sqlite3 *db, const char *code, json_t *v, json_t **out,
                      struct fault *f)
{
    json_t *d;
    size_t i, j;

    *out = json_array();
    if (v == NULL || json_is_null(v))
        return 0;
    if (!json_is_array(v)) {
        fault_set(f, FAULT_INVALID, "Afhankelijk van: verwacht een lijst "
                  "met nummers van substappen, zoals [\"3.6\", \"4.1\"].");
        return -1;
    }
    if (json_array_size(v) > PLAN_DEPS_MAX) {
        fault_set(f, FAULT_INVALID, "Afhankelijk van: hoogstens %d "
                  "substappen.", PLAN_DEPS_MAX);
        return -1;
    }
    json_array_foreach(v, i, d) {
        const char *c = json_string_value(d);

        if (c == NULL || strlen(c) >= PLAN_CODE_MAX ||
            store_count(db, "SELECT count(*) FROM plan_substep WHERE code "
                            "= ?", c) != 1) {
            fault_set(f, FAULT_INVALID, "Afhankelijk van: substap \"%s\" "
                      "bestaat niet; gebruik nummers zoals 3.6.",
                      c ? c : "(geen tekst)");
            return -1;
        }
        if (strcmp(c, code) == 0) {
            fault_set(f, FAULT_RULE, "Substap %s kan niet van zichzelf "
                      "afhangen.", code);
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(v, j)), c) == 0) {
                fault_set(f, FAULT_INVALID, "Afhankelijk van: substap %s "
                          "staat er twee keer in.", c);
                return -1;
            }
        json_array_append_new(*out, json_string(c));
    }
    return 0;
}

/* -1 with a FAULT_RULE naming the cycle when the new dependencies of
 * code close one. */
static int check_cycle(sqlite3 *db, const char *code, json_t *deps,
                       struct fault *f)
{
    struct edge *e;
    size_t n, i;
    json_t *d;
    char path[1024];
    int rc = 0;

    e = load_edges(db, code, deps, &n);
    if (e == NULL && json_array_size(deps) > 0) {
        fault_set(f, FAULT_STORE, "De afhankelijkheden konden niet worden "
                  "gelezen.");
        return -1;
    }
    json_array_foreach(deps, i, d)
        if (find_cycle(e, n, code, json_string_value(d), path,
                       sizeof path)) {
            fault_set(f, FAULT_RULE, "Substap %s kan niet afhangen van %s: "
                      "dat maakt een kring (%s). Een substap kan niet "
                      "wachten op iets dat op haar wacht.", code,
                      json_string_value(d), path);
            rc = -1;
            break;
        }
    free(e);
    return rc;
}

/* "status gepland -> loopt; werkelijkStart - -> 2024-02" for the audit. */
static void change_detail(json_t *cur, json_t *in, json_t *deps, char *out,
                          size_t len)
{
    static const char *const keys[] = { "geplandStart", "geplandEind",
        "werkelijkStart", "werkelijkEind", "status", NULL };
    size_t used = 0, i;
    char *joined;

    out[0] = '\0';
    for (i = 0; keys[i]; i++) {
        const char *a = month_of(cur, keys[i]), *b = month_of(in, keys[i]);
        int w;

        if ((a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0))
            continue;
        w = snprintf(out + used, len - used, "%s%s %s -> %s",
                     used ? "; " : "", keys[i], a ? a : "-", b ? b : "-");
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
    }
    joined = json_dumps(deps, JSON_COMPACT);
    if (joined && !json_equal(deps, json_object_get(cur, "afhankelijkVan")))
        snprintf(out + used, len - used, "%safhankelijkVan %s",
                 used ? "; " : "", joined);
    free(joined);
    if (out[0] == '\0')
        snprintf(out, len, "ongewijzigd");
}

/* Refuse f for who on sub-step code in the audit trail. */
static void refuse(sqlite3 *db, const struct actor *who, const char *code,
                   const struct fault *f)
{
    audit_write(db, who, "plan.beheren", "substap", code, "geweigerd",
                f->msg);
}

int plan_substep_update(sqlite3 *db, const struct actor *who,
                        const char *code, json_t *in, struct fault *f)
{
    json_t *cur = NULL, *checked = NULL, *deps = NULL;
    sqlite3_stmt *st;
    char now[8], detail[1024];
    size_t i;
    json_t *d;
    int rc = -1;

    cur = code ? plan_substep_get(db, code, NULL) : NULL;
    if (cur == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Substap %s bestaat niet.",
                  code ? code : "");
        return -1;
    }
    if (!perm_allowed(who->role, who->scope, ACT_PLAN_BEHEREN, NULL)) {
        if (who->role == ROLE_NONE)
            fault_set(f, FAULT_FORBIDDEN, "Log in om het implementatieplan "
                      "bij te werken.");
        else
            fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag het "
                      "implementatieplan niet bijwerken; dat mogen de "
                      "beheerder en de secretaris, die de implementatie "
                      "begeleidt (rapport, regels 2213–2215).",
                      perm_role_label(who->role));
        refuse(db, who, code, f);
        goto cleanup;
    }
    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        goto cleanup;
    }
    checked = json_copy(in);
    json_object_del(checked, "afhankelijkVan");
    plan_current_month(now);
    if (input_check(checked, substep_fields, 0, f) != 0 ||
        check_months(checked, f) != 0 || check_rules(checked, now, f) != 0 ||
        check_deps(db, code, json_object_get(in, "afhankelijkVan"), &deps,
                   f) != 0 ||
        check_cycle(db, code, deps, f) != 0)
        goto cleanup;
    change_detail(cur, checked, deps, detail, sizeof detail);
    if (domain_begin_tx(db, f) != 0)
        goto cleanup;
    st = store_prepare(db, "UPDATE plan_substep SET planned_start = ?, "
                           "planned_end = ?, actual_start = ?, actual_end = "
                           "?, status = ? WHERE code = ?");
    store_bind_text(st, 1, month_of(checked, "geplandStart"));
    store_bind_text(st, 2, month_of(checked, "geplandEind"));
    store_bind_text(st, 3, month_of(checked, "werkelijkStart"));
    store_bind_text(st, 4, month_of(checked, "werkelijkEind"));
    store_bind_text(st, 5, month_of(checked, "status"));
    store_bind_text(st, 6, code);
    if (store_exec_stmt(st) != 0)
        goto store_failed;
    st = store_prepare(db, "DELETE FROM plan_dependency WHERE substep_code "
                           "= ?");
    store_bind_text(st, 1, code);
    if (store_exec_stmt(st) != 0)
        goto store_failed;
    json_array_foreach(deps, i, d) {
        st = store_prepare(db, "INSERT INTO plan_dependency(substep_code, "
                               "depends_on) VALUES (?, ?)");
        store_bind_text(st, 1, code);
        store_bind_text(st, 2, json_string_value(d));
        if (store_exec_stmt(st) != 0)
            goto store_failed;
    }
    if (audit_write(db, who, "plan.beheren", "substap", code, "gelukt",
                    detail) != 0 || store_commit(db) != 0)
        goto store_failed;
    rc = 0;
    goto cleanup;
store_failed:
    domain_store_failed(db, f);
cleanup:
    json_decref(cur);
    json_decref(checked);
    json_decref(deps);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Seed                                                                */

/* "FILE: what" into err; -1. */
static int seed_fail(char *err, size_t errlen, const char *what, size_t idx,
                     const char *section)
{
    snprintf(err, errlen, "implementatieplan_maanden.json: %s %zu: %s",
             section, idx + 1, what);
    return -1;
}

static int seed_months(sqlite3 *db, json_t *arr, char *err, size_t errlen)
{
    json_t *o;
    size_t i;

    json_array_foreach(arr, i, o) {
        const char *c = sqljson_str(o, "nummer");
        const char *s = month_of(o, "geplandStart");
        const char *e = month_of(o, "geplandEind");
        sqlite3_stmt *st;

        if (json_object_size(o) != 3 || !plan_is_month(s) ||
            !plan_is_month(e))
            return seed_fail(err, errlen, "needs nummer, geplandStart and "
                             "geplandEind (YYYY-MM)", i, "substap");
        if (plan_month_diff(s, e) < 0)
            return seed_fail(err, errlen, "end before start", i, "substap");
        st = store_prepare(db, "UPDATE plan_substep SET planned_start = ?, "
                               "planned_end = ? WHERE code = ?");
        store_bind_text(st, 1, s);
        store_bind_text(st, 2, e);
        store_bind_text(st, 3, c);
        if (store_exec_stmt(st) != 0 || sqlite3_changes(db) != 1)
            return seed_fail(err, errlen, "unknown sub-step", i, "substap");
    }
    return 0;
}

static int seed_deps(sqlite3 *db, json_t *arr, char *err, size_t errlen)
{
    json_t *o;
    size_t i;

    json_array_foreach(arr, i, o) {
        const char *a = sqljson_str(o, "substap");
        const char *b = sqljson_str(o, "hangtAfVan");
        sqlite3_stmt *st;

        if (!a[0] || !b[0] || !json_is_string(json_object_get(o, "reden")))
            return seed_fail(err, errlen, "needs substap, hangtAfVan and "
                             "reden", i, "afhankelijkheid");
        if (store_count(db, "SELECT count(*) FROM plan_substep WHERE code "
                            "= ?", a) != 1 ||
            store_count(db, "SELECT count(*) FROM plan_substep WHERE code "
                            "= ?", b) != 1)
            return seed_fail(err, errlen, "unknown sub-step", i,
                             "afhankelijkheid");
        st = store_prepare(db, "INSERT INTO plan_dependency(substep_code, "
                               "depends_on) VALUES (?, ?)");
        store_bind_text(st, 1, a);
        store_bind_text(st, 2, b);
        if (store_exec_stmt(st) != 0)
            return seed_fail(err, errlen, "duplicate or self dependency", i,
                             "afhankelijkheid");
    }
    return 0;
}

/* -1 when the seeded graph has a cycle (some sub-step depends on
 * itself through others). */
static int seed_acyclic(sqlite3 *db, char *err, size_t errlen)
{
    json_t *subs = sqljson_rows(db, "SELECT code FROM plan_substep", NULL);
    json_t *s, *none = json_array();
    struct edge *e;
    size_t n, i;
    char path[1024];
    int rc = 0;

    e = load_edges(db, NULL, none, &n);
    json_array_foreach(subs, i, s) {
        const char *c = sqljson_str(s, "code");

        if (find_cycle(e, n, c, c, path, sizeof path)) {
            snprintf(err, errlen, "implementatieplan_maanden.json: cycle: "
                     "%s", path);
            rc = -1;
            break;
        }
    }
    if (subs == NULL)
        rc = -1;
    free(e);
    json_decref(subs);
    json_decref(none);
    return rc;
}

/* The months and dependencies of implementatieplan_maanden.json's root,
 * inside seed_json_tx. */
static int seed_plan(sqlite3 *db, json_t *root, const char *path,
                     char *err, size_t errlen)
{
    long long missing;

    if (!json_is_array(json_object_get(root, "substappen")) ||
        !json_is_array(json_object_get(root, "afhankelijkheden"))) {
        snprintf(err, errlen, "%s: needs arrays substappen and "
                 "afhankelijkheden", path);
        return -1;
    }
    if (seed_months(db, json_object_get(root, "substappen"), err,
                    errlen) != 0 ||
        seed_deps(db, json_object_get(root, "afhankelijkheden"), err,
                  errlen) != 0 ||
        seed_acyclic(db, err, errlen) != 0)
        return -1;
    missing = store_count(db, "SELECT count(*) FROM plan_substep WHERE "
                              "planned_start IS NULL OR planned_end IS NULL",
                          NULL);
    if (missing != 0) {
        snprintf(err, errlen, "%s: %lld sub-steps have no months", path,
                 missing);
        return -1;
    }
    return 0;
}

int plan_seed_load(sqlite3 *db, const char *data_dir, char *err,
                   size_t errlen)
{
    return seed_json_tx(db, data_dir, "implementatieplan_maanden.json",
                        seed_plan, err, errlen);
}
