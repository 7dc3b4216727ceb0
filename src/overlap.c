/* overlap.c - pairwise overlap of gremia, the derived relation to the
 * Actieplan, the risk-7 warning and the network picture (overlap.h).
 *
 * The counting core works on plain index arrays so the benchmark and the
 * unit tests can feed it without a store; overlap_analyse loads the store
 * into those arrays. */
#include "overlap.h"
#include "html.h"
#include "signal.h"
#include "sqljson.h"
#include "store.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NET_MAX_NODES 150
#define NET_LABEL_CHARS 30

const char overlap_relation_rule[] =
    "De relatie met het Actieplan wordt afgeleid uit de reikwijdte per "
    "pijler: geen pijler van het Actieplan geeft \"niet specifiek\"; een "
    "pijler waarop het gremium breder werkt dan het Actieplan (andere "
    "sectoren of thema's) geeft \"breder\"; twee of meer pijlers die alle "
    "overlappen geven \"overlappend\"; anders (één pijler, of alleen een "
    "specifiek deel) \"specifieker\". Zo leest het rapport Bijlage I en II: "
    "Techniekpact (pijler 1 en 2) en HCA ICT (alle pijlers) overlappen, de "
    "coalities op één technologie zijn specifieker, gremia met een bredere "
    "agenda zijn breder en gremia die de pijlers niet agenderen niet "
    "specifiek.";

const char overlap_score_formula[] =
    "score = overlapcoëfficiënt × (1 + doeloverlap) / 2, met "
    "overlapcoëfficiënt = |A∩B| / min(|A|, |B|), Jaccard = |A∩B| / |A∪B| "
    "en doeloverlap = Jaccard van de cellen (pijler × domein) van A en B";

/* ------------------------------------------------------------------ */
/* Measures                                                            */

double overlap_jaccard(unsigned shared, unsigned na, unsigned nb)
{
    unsigned u = na + nb - shared;

    return u == 0 ? 0.0 : (double)shared / (double)u;
}

double overlap_coefficient(unsigned shared, unsigned na, unsigned nb)
{
    unsigned m = na < nb ? na : nb;

    return m == 0 ? 0.0 : (double)shared / (double)m;
}

static int popcount(unsigned v)
{
    int n = 0;

    while (v) {
        v &= v - 1;
        n++;
    }
    return n;
}

double overlap_goal(unsigned cells_a, unsigned cells_b)
{
    int u = popcount(cells_a | cells_b);

    return u == 0 ? 0.0 : (double)popcount(cells_a & cells_b) / u;
}

double overlap_score(double coef, double goal)
{
    return coef * (1.0 + goal) / 2.0;
}

unsigned overlap_cells(int pillar_nr, const char *domain)
{
    unsigned t, i;

    if (pillar_nr < 1 || pillar_nr > 15)
        return 0;
    t = 1u << ((unsigned)(pillar_nr - 1) * 2);
    i = t << 1;
    if (domain && strcmp(domain, "techniek") == 0)
        return t;
    if (domain && strcmp(domain, "ict") == 0)
        return i;
    return t | i;
}

const char *overlap_derive_relation(const char *const *pillar_rel, size_t n)
{
    size_t k, overlapping = 0;

    if (n == 0)
        return "niet specifiek";
    for (k = 0; k < n; k++) {
        if (pillar_rel[k] && strcmp(pillar_rel[k], "breder") == 0)
            return "breder";
        if (pillar_rel[k] && strcmp(pillar_rel[k], "overlappend") == 0)
            overlapping++;
    }
    return n >= 2 && overlapping == n ? "overlappend" : "specifieker";
}

/* ------------------------------------------------------------------ */
/* Counting                                                            */

void overlap_result_free(struct overlap_result *r)
{
    if (r == NULL)
        return;
    free(r->pairs);
    free(r->size);
    memset(r, 0, sizeof *r);
}

static int check_input(const struct overlap_input *in)
{
    size_t k;

    if (in == NULL || in->ngremia > OVERLAP_MAX_GREMIA ||
        (in->nmembers && (in->gremium == NULL || in->org == NULL)))
        return -1;
    for (k = 0; k < in->nmembers; k++)
        if (in->gremium[k] >= in->ngremia || in->org[k] >= in->norgs)
            return -1;
    return 0;
}

/* Append pair (a, b, shared); -1 when the cap is reached or memory is
 * out. */
static int push_pair(struct overlap_result *out, size_t *cap, unsigned a,
                     unsigned b, unsigned shared)
{
    if (out->npairs == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        struct overlap_pair *p;

        if (*cap >= OVERLAP_MAX_PAIRS)
            return -1;
        if (ncap > OVERLAP_MAX_PAIRS)
            ncap = OVERLAP_MAX_PAIRS;
        p = realloc(out->pairs, ncap * sizeof *p);
        if (p == NULL)
            return -1;
        out->pairs = p;
        *cap = ncap;
    }
    out->pairs[out->npairs].a = a;
    out->pairs[out->npairs].b = b;
    out->pairs[out->npairs].shared = shared;
    out->pairs[out->npairs].score = 0;
    out->npairs++;
    return 0;
}

/* Compressed rows: for each key (0..nkeys-1) the values of the entries
 * with that key, in input order. start has nkeys + 1 entries. */
static int csr_build(size_t nkeys, size_t n, const unsigned *key,
                     const unsigned *val, size_t **start_out,
                     unsigned **vals_out)
{
    size_t *start = calloc(nkeys + 1, sizeof *start), *fill = NULL, k;
    unsigned *vals = malloc((n ? n : 1) * sizeof *vals);

    if (start == NULL || vals == NULL)
        goto fail;
    for (k = 0; k < n; k++)
        start[key[k] + 1]++;
    for (k = 0; k < nkeys; k++)
        start[k + 1] += start[k];
    fill = malloc((nkeys ? nkeys : 1) * sizeof *fill);
    if (fill == NULL)
        goto fail;
    memcpy(fill, start, nkeys * sizeof *fill);
    for (k = 0; k < n; k++)
        vals[fill[key[k]]++] = val[k];
    free(fill);
    *start_out = start;
    *vals_out = vals;
    return 0;
fail:
    free(start);
    free(vals);
    free(fill);
    return -1;
}

static int cmp_unsigned(const void *x, const void *y)
{
    unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;

    return a < b ? -1 : a > b;
}

int overlap_count(const struct overlap_input *in, struct overlap_result *out)
{
    size_t *gstart = NULL, *ostart = NULL, cap = 0, k, m;
    unsigned *gorgs = NULL, *ogrem = NULL, *cnt = NULL, *touched = NULL;
    unsigned a;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (check_input(in) != 0)
        return -1;
    out->ngremia = in->ngremia;
    out->size = calloc(in->ngremia ? in->ngremia : 1, sizeof *out->size);
    cnt = calloc(in->ngremia ? in->ngremia : 1, sizeof *cnt);
    touched = malloc((in->ngremia ? in->ngremia : 1) * sizeof *touched);
    if (out->size == NULL || cnt == NULL || touched == NULL ||
        csr_build(in->ngremia, in->nmembers, in->gremium, in->org, &gstart,
                  &gorgs) != 0 ||
        csr_build(in->norgs, in->nmembers, in->org, in->gremium, &ostart,
                  &ogrem) != 0)
        goto cleanup;
    for (a = 0; a < in->ngremia; a++) {
        size_t nt = 0;

        out->size[a] = (unsigned)(gstart[a + 1] - gstart[a]);
        /* every organisation of a, every other gremium it sits in */
        for (k = gstart[a]; k < gstart[a + 1]; k++) {
            unsigned o = gorgs[k];

            for (m = ostart[o]; m < ostart[o + 1]; m++) {
                unsigned b = ogrem[m];

                if (b <= a)
                    continue;
                if (cnt[b]++ == 0)
                    touched[nt++] = b;
            }
        }
        if (nt > 1)
            qsort(touched, nt, sizeof *touched, cmp_unsigned);
        for (k = 0; k < nt; k++) {
            if (push_pair(out, &cap, a, touched[k], cnt[touched[k]]) != 0)
                goto cleanup;
            cnt[touched[k]] = 0;
        }
    }
    rc = 0;
cleanup:
    free(gstart);
    free(ostart);
    free(gorgs);
    free(ogrem);
    free(cnt);
    free(touched);
    if (rc != 0)
        overlap_result_free(out);
    return rc;
}

int overlap_count_naive(const struct overlap_input *in,
                        struct overlap_result *out)
{
    size_t *gstart = NULL, cap = 0;
    unsigned *gorgs = NULL, a, b;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (check_input(in) != 0)
        return -1;
    out->ngremia = in->ngremia;
    out->size = calloc(in->ngremia ? in->ngremia : 1, sizeof *out->size);
    if (out->size == NULL ||
        csr_build(in->ngremia, in->nmembers, in->gremium, in->org, &gstart,
                  &gorgs) != 0)
        goto cleanup;
    for (a = 0; a < in->ngremia; a++) {
        qsort(gorgs + gstart[a], gstart[a + 1] - gstart[a], sizeof *gorgs,
              cmp_unsigned);
        out->size[a] = (unsigned)(gstart[a + 1] - gstart[a]);
    }
    for (a = 0; a < in->ngremia; a++) {
        for (b = a + 1; b < in->ngremia; b++) {
            size_t i = gstart[a], j = gstart[b];
            unsigned shared = 0;

            while (i < gstart[a + 1] && j < gstart[b + 1]) {
                if (gorgs[i] < gorgs[j]) {
                    i++;
                } else if (gorgs[i] > gorgs[j]) {
                    j++;
                } else {
                    shared++;
                    i++;
                    j++;
                }
            }
            if (shared && push_pair(out, &cap, a, b, shared) != 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free(gstart);
    free(gorgs);
    if (rc != 0)
        overlap_result_free(out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The analysis of the store                                           */

void overlap_analysis_free(struct overlap_analysis *a)
{
    size_t k;

    if (a == NULL)
        return;
    for (k = 0; a->name && k < a->ng; k++)
        free(a->name[k]);
    free(a->name);
    free(a->nr);
    free(a->cells);
    overlap_result_free(&a->res);
    memset(a, 0, sizeof *a);
}

static void today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL ||
        strftime(out, 11, "%Y-%m-%d", &tm) != 10)
        snprintf(out, 11, "2000-01-01");
}

/* The index of gremium nr (a->nr is ascending); -1 when unknown. */
static long long index_of(const struct overlap_analysis *a, long long nr)
{
    size_t lo = 0, hi = a->ng;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (a->nr[mid] < nr)
            lo = mid + 1;
        else if (a->nr[mid] > nr)
            hi = mid;
        else
            return (long long)mid;
    }
    return -1;
}

static int cmp_pair_score(const void *x, const void *y)
{
    const struct overlap_pair *p = x, *q = y;

    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;
    if (p->shared != q->shared)
        return p->shared > q->shared ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

static int load_gremia(sqlite3 *db, struct overlap_analysis *a)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc;

    st = store_prepare(db, "SELECT nr, name FROM gremium ORDER BY nr");
    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (a->ng == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            long long *nr = realloc(a->nr, ncap * sizeof *nr);
            char **name;
            unsigned *cells;

            if (nr == NULL)
                break;
            a->nr = nr;
            name = realloc(a->name, ncap * sizeof *name);
            if (name == NULL)
                break;
            a->name = name;
            cells = realloc(a->cells, ncap * sizeof *cells);
            if (cells == NULL)
                break;
            a->cells = cells;
            cap = ncap;
        }
        a->nr[a->ng] = sqlite3_column_int64(st, 0);
        a->cells[a->ng] = 0;
        a->name[a->ng] = strdup(store_col(st, 1));
        if (a->name[a->ng] == NULL)
            break;
        a->ng++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || a->ng > OVERLAP_MAX_GREMIA)
        return -1;
    st = store_prepare(db, "SELECT gp.gremium_nr, p.nr, g.domain FROM "
                           "gremium_pillar gp JOIN pillar p ON p.code = "
                           "gp.pillar_code JOIN gremium g ON g.nr = "
                           "gp.gremium_nr");
    if (st == NULL)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long i = index_of(a, sqlite3_column_int64(st, 0));

        if (i >= 0)
            a->cells[i] |= overlap_cells(sqlite3_column_int(st, 1),
                                         (const char *)
                                         sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int overlap_analyse(sqlite3 *db, const char *date,
                    struct overlap_analysis *a)
{
    struct overlap_input in = { 0 };
    unsigned *gi = NULL, *oi = NULL;
    size_t cap = 0, k;
    long long last_org = -1;
    sqlite3_stmt *st = NULL;
    int rc = -1, step;

    memset(a, 0, sizeof *a);
    if (date && date[0])
        snprintf(a->date, sizeof a->date, "%s", date);
    else
        today(a->date);
    if (load_gremia(db, a) != 0)
        goto cleanup;
    st = store_prepare(db, "SELECT DISTINCT organisation_id, gremium_nr "
                           "FROM gremium_member WHERE since <= ?1 AND "
                           "(until IS NULL OR until > ?1) "
                           "ORDER BY organisation_id, gremium_nr");
    if (st == NULL)
        goto cleanup;
    store_bind_text(st, 1, a->date);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        long long org = sqlite3_column_int64(st, 0);
        long long g = index_of(a, sqlite3_column_int64(st, 1));

        if (g < 0)
            continue;
        if (in.nmembers == cap) {
            size_t ncap = cap ? cap * 2 : 1024;
            unsigned *x = realloc(gi, ncap * sizeof *x), *y;

            if (x == NULL)
                goto cleanup;
            gi = x;
            y = realloc(oi, ncap * sizeof *y);
            if (y == NULL)
                goto cleanup;
            oi = y;
            cap = ncap;
        }
        if (org != last_org) {
            in.norgs++;
            last_org = org;
        }
        gi[in.nmembers] = (unsigned)g;
        oi[in.nmembers] = (unsigned)(in.norgs - 1);
        in.nmembers++;
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    in.ngremia = a->ng;
    in.gremium = gi;
    in.org = oi;
    if (overlap_count(&in, &a->res) != 0)
        goto cleanup;
    for (k = 0; k < a->res.npairs; k++) {
        struct overlap_pair *p = &a->res.pairs[k];

        p->score = overlap_score(overlap_coefficient(p->shared,
                                     a->res.size[p->a], a->res.size[p->b]),
                                 overlap_goal(a->cells[p->a],
                                              a->cells[p->b]));
    }
    if (a->res.npairs > 1)
        qsort(a->res.pairs, a->res.npairs, sizeof *a->res.pairs,
              cmp_pair_score);
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    free(gi);
    free(oi);
    if (rc != 0)
        overlap_analysis_free(a);
    return rc;
}

/* A measure rounded to 4 decimals, so the API shows 0.5217, not
 * 0.52173913043478259. */
static json_t *measure(double v)
{
    return json_real(round(v * 10000.0) / 10000.0);
}

json_t *overlap_pair_json(const struct overlap_analysis *a, size_t k)
{
    const struct overlap_pair *p;
    unsigned na, nb;
    json_t *o;

    if (k >= a->res.npairs)
        return NULL;
    p = &a->res.pairs[k];
    na = a->res.size[p->a];
    nb = a->res.size[p->b];
    o = json_pack("{s:{s:I, s:s}, s:{s:I, s:s}, s:i, s:i, s:i}",
                  "gremiumA", "nummer", (json_int_t)a->nr[p->a], "naam",
                  a->name[p->a], "gremiumB", "nummer",
                  (json_int_t)a->nr[p->b], "naam", a->name[p->b],
                  "gedeeld", (int)p->shared, "ledenA", (int)na, "ledenB",
                  (int)nb);
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "jaccard", measure(overlap_jaccard(p->shared, na,
                                                              nb)));
    json_object_set_new(o, "overlapcoefficient",
                        measure(overlap_coefficient(p->shared, na, nb)));
    json_object_set_new(o, "doeloverlap",
                        measure(overlap_goal(a->cells[p->a],
                                             a->cells[p->b])));
    json_object_set_new(o, "score", measure(p->score));
    return o;
}

json_t *overlap_shared_orgs(sqlite3 *db, long long a, long long b,
                            const char *date)
{
    char d[11];

    if (date && date[0])
        snprintf(d, sizeof d, "%s", date);
    else
        today(d);
    return sqljson_rows(db,
        "SELECT o.code AS code, o.name AS naam FROM organisation o "
        "WHERE o.id IN (SELECT organisation_id FROM gremium_member WHERE "
        "gremium_nr = ?1 AND since <= ?3 AND (until IS NULL OR until > ?3)) "
        "AND o.id IN (SELECT organisation_id FROM gremium_member WHERE "
        "gremium_nr = ?2 AND since <= ?3 AND (until IS NULL OR until > ?3)) "
        "ORDER BY o.name", "iis", a, b, d);
}

/* ------------------------------------------------------------------ */
/* The network picture                                                 */

struct net {
    size_t n;                  /* nodes drawn */
    unsigned *node;            /* gremium index per position */
    long long *pos;            /* position per gremium index, -1: none */
};

/* Order the nodes: the heaviest gremium first, then each time the
 * unplaced gremium sharing most with the last placed one (ties: the
 * heavier, then the lower number); a gremium sharing nothing with it
 * restarts from the heaviest unplaced. Deterministic. */
static int net_order(const struct overlap_analysis *a, struct net *nt)
{
    size_t ng = a->ng, k, placed;
    unsigned *weight = calloc(ng ? ng : 1, sizeof *weight);
    unsigned *adj_start = calloc(ng + 1, sizeof *adj_start);
    unsigned *adj = malloc((a->res.npairs * 2 + 1) * sizeof *adj);
    unsigned *adj_w = malloc((a->res.npairs * 2 + 1) * sizeof *adj_w);
    unsigned *fill = calloc(ng + 1, sizeof *fill);
    unsigned char *cand = calloc(ng ? ng : 1, 1);
    size_t ncand = 0;
    int rc = -1;

    nt->node = malloc((ng ? ng : 1) * sizeof *nt->node);
    nt->pos = malloc((ng ? ng : 1) * sizeof *nt->pos);
    nt->n = 0;
    if (!weight || !adj_start || !adj || !adj_w || !fill || !cand ||
        !nt->node || !nt->pos)
        goto cleanup;
    for (k = 0; k < a->res.npairs; k++) {
        const struct overlap_pair *p = &a->res.pairs[k];

        weight[p->a] += p->shared;
        weight[p->b] += p->shared;
        adj_start[p->a + 1]++;
        adj_start[p->b + 1]++;
    }
    for (k = 0; k < ng; k++)
        adj_start[k + 1] += adj_start[k];
    memcpy(fill, adj_start, (ng + 1) * sizeof *fill);
    for (k = 0; k < a->res.npairs; k++) {
        const struct overlap_pair *p = &a->res.pairs[k];

        adj[fill[p->a]] = p->b;
        adj_w[fill[p->a]++] = p->shared;
        adj[fill[p->b]] = p->a;
        adj_w[fill[p->b]++] = p->shared;
    }
    /* candidates: gremia with members; the largest NET_MAX_NODES */
    for (k = 0; k < ng; k++) {
        nt->pos[k] = -1;
        if (a->res.size[k] > 0) {
            cand[k] = 1;
            ncand++;
        }
    }
    while (ncand > NET_MAX_NODES) {
        size_t worst = ng;

        for (k = 0; k < ng; k++)
            if (cand[k] && (worst == ng ||
                            a->res.size[k] < a->res.size[worst]))
                worst = k;
        cand[worst] = 0;
        ncand--;
    }
    for (placed = 0; placed < ncand; placed++) {
        size_t best = ng;
        unsigned best_w = 0;

        if (placed > 0) {
            unsigned last = nt->node[placed - 1], j;

            for (j = adj_start[last]; j < adj_start[last + 1]; j++) {
                unsigned y = adj[j];

                if (!cand[y] || nt->pos[y] >= 0)
                    continue;
                if (adj_w[j] > best_w ||
                    (adj_w[j] == best_w && best < ng &&
                     (weight[y] > weight[best] ||
                      (weight[y] == weight[best] && y < best)))) {
                    best = y;
                    best_w = adj_w[j];
                }
            }
        }
        if (best == ng)
            for (k = 0; k < ng; k++)
                if (cand[k] && nt->pos[k] < 0 &&
                    (best == ng || weight[k] > weight[best] ||
                     (weight[k] == weight[best] &&
                      a->res.size[k] > a->res.size[best])))
                    best = k;
        nt->node[placed] = (unsigned)best;
        nt->pos[best] = (long long)placed;
    }
    nt->n = ncand;
    rc = 0;
cleanup:
    free(weight);
    free(adj_start);
    free(adj);
    free(adj_w);
    free(fill);
    free(cand);
    return rc;
}

/* Append at most `chars` characters of UTF-8 s, "…" when cut. */
static void put_label(struct buf *b, const char *s, size_t chars)
{
    size_t i = 0, n = 0;
    char tmp[256];

    while (s[i] && n < chars) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    if (s[i] == '\0') {
        html_txt(b, s);
        return;
    }
    snprintf(tmp, sizeof tmp, "%.*s…", (int)(i < 200 ? i : 200), s);
    html_txt(b, tmp);
}

int overlap_network_svg(struct buf *b, const struct overlap_analysis *a,
                        unsigned min_shared, const char *title,
                        const char *desc)
{
    const double W = 1100, H = 1000, cx = 550, cy = 500, R = 300;
    struct net nt = { 0 };
    unsigned maxsize = 1, maxshared = 1;
    double *x = NULL, *y = NULL, *ang = NULL;
    size_t k;
    int rc = -1;

    if (net_order(a, &nt) != 0 || nt.n == 0)
        goto cleanup;
    x = malloc(nt.n * sizeof *x);
    y = malloc(nt.n * sizeof *y);
    ang = malloc(nt.n * sizeof *ang);
    if (!x || !y || !ang)
        goto cleanup;
    for (k = 0; k < nt.n; k++) {
        ang[k] = -M_PI / 2 + 2 * M_PI * (double)k / (double)nt.n;
        x[k] = cx + R * cos(ang[k]);
        y[k] = cy + R * sin(ang[k]);
        if (a->res.size[nt.node[k]] > maxsize)
            maxsize = a->res.size[nt.node[k]];
    }
    for (k = 0; k < a->res.npairs; k++)
        if (a->res.pairs[k].shared > maxshared)
            maxshared = a->res.pairs[k].shared;
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "class=\"koers-chart__svg\" aria-labelledby=\"netwerk-titel "
                "netwerk-uitleg\" viewBox=\"0 0 ");
    html_num(b, W, 0);
    html_lit(b, " ");
    html_num(b, H, 0);
    html_lit(b, "\" width=\"");
    html_num(b, W, 0);
    html_lit(b, "\" height=\"");
    html_num(b, H, 0);
    html_lit(b, "\"><title id=\"netwerk-titel\">");
    html_txt(b, title);
    html_lit(b, "</title><desc id=\"netwerk-uitleg\">");
    html_txt(b, desc);
    html_lit(b, "</desc><rect width=\"100%\" height=\"100%\" "
                "fill=\"#ffffff\"/>\n<g stroke=\"#1f4e79\" "
                "stroke-linecap=\"round\">");
    /* lines first, the lightest below */
    for (k = a->res.npairs; k-- > 0;) {
        const struct overlap_pair *p = &a->res.pairs[k];
        long long i = nt.pos[p->a], j = nt.pos[p->b];
        char t[600];

        if (p->shared < min_shared || i < 0 || j < 0)
            continue;
        html_lit(b, "<line x1=\"");
        html_num(b, x[i], 1);
        html_lit(b, "\" y1=\"");
        html_num(b, y[i], 1);
        html_lit(b, "\" x2=\"");
        html_num(b, x[j], 1);
        html_lit(b, "\" y2=\"");
        html_num(b, y[j], 1);
        html_lit(b, "\" stroke-width=\"");
        html_num(b, 1.0 + 9.0 * p->shared / maxshared, 1);
        html_lit(b, "\" stroke-opacity=\"");
        html_num(b, 0.35 + 0.5 * p->shared / maxshared, 2);
        html_lit(b, "\"><title>");
        snprintf(t, sizeof t, "%s en %s: %u gedeelde organisaties",
                 a->name[p->a], a->name[p->b], p->shared);
        html_txt(b, t);
        html_lit(b, "</title></line>");
    }
    html_lit(b, "</g>\n<g font-family=\"sans-serif\" font-size=\"13\" "
                "fill=\"#1a1a1a\">");
    for (k = 0; k < nt.n; k++) {
        unsigned g = nt.node[k];
        double r = 4.0 + 16.0 * sqrt((double)a->res.size[g] / maxsize);
        double c = cos(ang[k]), s = sin(ang[k]);
        char t[400];

        html_lit(b, "<circle cx=\"");
        html_num(b, x[k], 1);
        html_lit(b, "\" cy=\"");
        html_num(b, y[k], 1);
        html_lit(b, "\" r=\"");
        html_num(b, r, 1);
        html_lit(b, "\" fill=\"#e17000\" stroke=\"#1a1a1a\"><title>");
        snprintf(t, sizeof t, "%lld. %s: %u organisaties", a->nr[g],
                 a->name[g], a->res.size[g]);
        html_txt(b, t);
        html_lit(b, "</title></circle><text x=\"");
        html_num(b, x[k] + (r + 6) * c, 1);
        html_lit(b, "\" y=\"");
        html_num(b, y[k] + (r + 6) * s + 4, 1);
        html_lit(b, c >= -0.01 ? "\" text-anchor=\"start\">"
                               : "\" text-anchor=\"end\">");
        snprintf(t, sizeof t, "%lld. ", a->nr[g]);
        html_txt(b, t);
        put_label(b, a->name[g], NET_LABEL_CHARS);
        snprintf(t, sizeof t, " (%u)", a->res.size[g]);
        html_txt(b, t);
        html_lit(b, "</text>");
    }
    html_lit(b, "</g></svg>\n");
    rc = 0;
cleanup:
    free(nt.node);
    free(nt.pos);
    free(x);
    free(y);
    free(ang);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Risk 7                                                              */

/* The cells of gremium nr from the store. */
static unsigned cells_of(sqlite3 *db, long long nr)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT p.nr, g.domain FROM gremium_pillar gp JOIN pillar p ON "
        "p.code = gp.pillar_code JOIN gremium g ON g.nr = gp.gremium_nr "
        "WHERE gp.gremium_nr = ?");
    unsigned c = 0;

    store_bind_int(st, 1, nr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        c |= overlap_cells(sqlite3_column_int(st, 0),
                           (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return c;
}

static int many(long long shared, double coef)
{
    return shared >= OVERLAP_WARN_SHARED ||
           (shared >= OVERLAP_WARN_MIN_SHARED && coef >= OVERLAP_WARN_COEF);
}

/* The counts of one row of the warning's queries: gedeeld (shared),
 * eigen (the gremium's own size) and leden (the other's size). */
struct shared {
    long long sh;
    unsigned na, nb;
    double coef;
};

static struct shared shared_of(json_t *row)
{
    struct shared s;

    s.sh = sqljson_int(row, "gedeeld");
    s.na = (unsigned)sqljson_int(row, "eigen");
    s.nb = (unsigned)sqljson_int(row, "leden");
    s.coef = overlap_coefficient((unsigned)s.sh, s.na, s.nb);
    return s;
}

/* Complete the evidence e with the measures of s, goal (a measure or
 * null) and the shared organisations, and append it to ev. Takes e,
 * goal and orgs; -1 when e is NULL. */
static int evidence_add(json_t *ev, json_t *e, const struct shared *s,
                        json_t *goal, json_t *orgs)
{
    if (e == NULL) {
        json_decref(goal);
        json_decref(orgs);
        return -1;
    }
    json_object_set_new(e, "jaccard", measure(overlap_jaccard(
                            (unsigned)s->sh, s->na, s->nb)));
    json_object_set_new(e, "overlapcoefficient", measure(s->coef));
    json_object_set_new(e, "doeloverlap", goal);
    json_object_set_new(e, "organisaties", orgs);
    json_array_append_new(ev, e);
    return 0;
}

/* The organisations gremium nr shares with plan body `body_id`. */
static json_t *body_shared(sqlite3 *db, long long nr, long long body_id,
                           const char *d)
{
    return sqljson_rows(db,
        "SELECT o.code AS code, o.name AS naam FROM organisation o WHERE "
        "o.id IN (SELECT organisation_id FROM gremium_member WHERE "
        "gremium_nr = ?1 AND since <= ?3 AND (until IS NULL OR until > ?3))"
        " AND o.id IN (SELECT organisation_id FROM membership WHERE "
        "body_id = ?2 AND until IS NULL) ORDER BY o.name", "iis", nr,
        body_id, d);
}

json_t *overlap_warning(sqlite3 *db, long long nr)
{
    json_t *out = NULL, *ev = json_array(), *rows = NULL, *row;
    unsigned mine;
    char d[11];
    size_t i;

    today(d);
    if (ev == NULL)
        return NULL;
    mine = cells_of(db, nr);
    /* the other gremia sharing members now, with their sizes */
    rows = sqljson_rows(db,
        "WITH cur AS (SELECT DISTINCT gremium_nr, organisation_id FROM "
        "gremium_member WHERE since <= ?2 AND (until IS NULL OR until > ?2))"
        ", mine AS (SELECT organisation_id FROM cur WHERE gremium_nr = ?1) "
        "SELECT g.nr AS nummer, g.name AS naam, "
        "(SELECT count(*) FROM cur c WHERE c.gremium_nr = g.nr AND "
        " c.organisation_id IN (SELECT organisation_id FROM mine)) "
        " AS gedeeld, "
        "(SELECT count(*) FROM cur c WHERE c.gremium_nr = g.nr) AS leden, "
        "(SELECT count(*) FROM mine) AS eigen "
        "FROM gremium g WHERE g.nr <> ?1 AND gedeeld > 0 "
        "ORDER BY gedeeld DESC, g.nr", "is", nr, d);
    if (rows == NULL)
        goto fail;
    json_array_foreach(rows, i, row) {
        struct shared sh = shared_of(row);
        long long other = sqljson_int(row, "nummer");
        double goal = overlap_goal(mine, cells_of(db, other));

        if (!many(sh.sh, sh.coef) || goal <= 0)
            continue;
        if (evidence_add(ev, json_pack("{s:s, s:I, s:s, s:I}", "soort",
                                       "gremium", "nummer",
                                       (json_int_t)other, "naam",
                                       sqljson_str(row, "naam"), "gedeeld",
                                       (json_int_t)sh.sh),
                         &sh, measure(goal),
                         overlap_shared_orgs(db, nr, other, d)) != 0)
            goto fail;
    }
    json_decref(rows);
    /* the plan's own bodies (koersoverleg, kerngroepen, ...) */
    rows = sqljson_rows(db,
        "WITH mine AS (SELECT DISTINCT organisation_id FROM gremium_member "
        "WHERE gremium_nr = ?1 AND since <= ?2 AND (until IS NULL OR "
        "until > ?2)), bm AS (SELECT DISTINCT body_id, organisation_id "
        "FROM membership WHERE until IS NULL) "
        "SELECT b.id AS id, b.code AS code, b.name AS naam, "
        "(SELECT count(*) FROM bm WHERE bm.body_id = b.id AND "
        " bm.organisation_id IN (SELECT organisation_id FROM mine)) "
        " AS gedeeld, (SELECT count(*) FROM bm WHERE bm.body_id = b.id) "
        " AS leden, (SELECT count(*) FROM mine) AS eigen FROM body b "
        "WHERE gedeeld > 0 ORDER BY gedeeld DESC, b.ord", "is", nr, d);
    if (rows == NULL)
        goto fail;
    json_array_foreach(rows, i, row) {
        struct shared sh = shared_of(row);

        if (!many(sh.sh, sh.coef) || mine == 0)
            continue;
        if (evidence_add(ev, json_pack("{s:s, s:s, s:s, s:I}", "soort",
                                       "overleg", "code",
                                       sqljson_str(row, "code"), "naam",
                                       sqljson_str(row, "naam"), "gedeeld",
                                       (json_int_t)sh.sh),
                         &sh, json_null(),
                         body_shared(db, nr, sqljson_int(row, "id"), d))
            != 0)
            goto fail;
    }
    json_decref(rows);
    out = json_pack("{s:b, s:b, s:o}", "waarschuwing",
                    mine != 0 && json_array_size(ev) > 0, "stuurtOpDoelen",
                    mine != 0, "bewijs", ev);
    return out;
fail:
    json_decref(rows);
    json_decref(ev);
    return NULL;
}

int overlap_signal(sqlite3 *db, long long nr, json_t **out)
{
    json_t *w = overlap_warning(db, nr), *e;
    char subject[48];
    struct buf msg;
    size_t i;
    int rc = -1;

    if (out)
        *out = NULL;
    if (w == NULL)
        return -1;
    snprintf(subject, sizeof subject, "gremium:%lld", nr);
    if (!json_is_true(json_object_get(w, "waarschuwing"))) {
        rc = signal_clear(db, OVERLAP_SIGNAL_KIND, subject);
        goto done;
    }
    buf_init(&msg, 8192);
    buf_printf(&msg, "Gremium %lld stuurt op doelen van het Actieplan met "
                     "veel dezelfde leden:", nr);
    json_array_foreach(json_object_get(w, "bewijs"), i, e) {
        json_t *orgs = json_object_get(e, "organisaties"), *o;
        size_t j;

        buf_printf(&msg, "%s %s (%lld gedeeld, overlapcoëfficiënt %.2f):",
                   i ? ";" : "", sqljson_str(e, "naam"),
                   sqljson_int(e, "gedeeld"),
                   json_number_value(json_object_get(e,
                                                     "overlapcoefficient")));
        json_array_foreach(orgs, j, o)
            buf_printf(&msg, "%s %s", j ? "," : "", sqljson_str(o, "naam"));
    }
    buf_puts(&msg, ".");
    rc = buf_failed(&msg) && msg.len == 0 ? -1
         : signal_raise(db, OVERLAP_SIGNAL_KIND, OVERLAP_SIGNAL_RISK, subject,
                        buf_str(&msg));
    buf_free(&msg);
done:
    if (rc == 0 && out)
        *out = w;
    else
        json_decref(w);
    return rc;
}
