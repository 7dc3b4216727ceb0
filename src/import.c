/* import.c - the mapping-driven import engine (see import.h).
 *
 * Pipeline for observations: load the catalogue (indicators, dimensions,
 * regions, periods, disaggregation keys) into hash maps; read the file
 * once, turning every value into a compact row whose 64-bit key is the
 * four catalogue positions (indicator, region, disaggregation, period);
 * positions follow the store's ids, so sorting the keys sorts by the
 * observation primary key. Then: sort (radix), sum or refuse repeated
 * keys, compare with the stored rows of each indicator in one ordered
 * scan (no per-row lookup), and write only what changed with one bulk
 * statement (obsbulk.h), then the roll-ups. All inside one transaction
 * that is rolled back on any error, on a dry run, and when nothing
 * changed. The sha256 of the bytes is computed by a second thread while
 * the first one parses. */
#define _GNU_SOURCE
#include "import.h"
#include "csvread.h"
#include "log.h"
#include "obsbulk.h"
#include "period.h"
#include "perm.h"
#include "rollup.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IMPORT_CACHE_KIB 262144          /* page cache during an import */
#define IMPORT_PROGRESS_EVERY 65536      /* records between progress calls */
#define MAP_MAX_FILTERS 16
#define MAP_MAX_SPLITS 8
#define MAP_MAX_OUTS 8
#define MAP_MAX_VALCOLS 512
#define MAP_MAX_FILES 64                 /* mapping files */
#define HEADER_PROBE (64 * 1024)         /* bytes read to recognise */

static void phase(const char *what);

/* ------------------------------------------------------------------ */
/* Small building blocks: an arena for strings and a string hash map. */

struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
    char data[];
};

struct arena {
    struct arena_blk *head;
};

/* Copy n bytes plus a NUL into the arena; NULL when out of memory. */
static char *arena_dup(struct arena *a, const char *s, size_t n)
{
    struct arena_blk *b = a->head;
    char *p;

    if (b == NULL || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;

        b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(struct arena *a)
{
    while (a->head) {
        struct arena_blk *n = a->head->next;

        free(a->head);
        a->head = n;
    }
}

struct smap_slot {
    const char *k;      /* NULL: empty */
    uint32_t len;
    uint32_t val;
    uint64_t h;
};

/* Open addressing, power-of-two capacity, keys copied into an arena. */
struct smap {
    struct smap_slot *s;
    size_t cap, n;
    struct arena ar;
};

/* A multiply-xor hash over 8 bytes at a time (keys are short codes). */
static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);

    while (n >= 8) {
        uint64_t w;

        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;

        memcpy(&w, p, n);
        h = (h ^ w) * 0x94d049bb133111ebULL;
        h ^= h >> 29;
    }
    return h ^ (h >> 32);
}

static int smap_get(const struct smap *m, const char *k, size_t n,
                    uint32_t *val)
{
    uint64_t h;
    size_t i;

    if (m->cap == 0)
        return 0;
    h = hash_bytes(k, n);
    for (i = h & (m->cap - 1); m->s[i].k; i = (i + 1) & (m->cap - 1))
        if (m->s[i].h == h && m->s[i].len == n &&
            memcmp(m->s[i].k, k, n) == 0) {
            *val = m->s[i].val;
            return 1;
        }
    return 0;
}

static int smap_grow(struct smap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64, i;
    struct smap_slot *s = calloc(cap, sizeof *s);

    if (s == NULL)
        return -1;
    for (i = 0; i < m->cap; i++) {
        size_t j;

        if (m->s[i].k == NULL)
            continue;
        for (j = m->s[i].h & (cap - 1); s[j].k; j = (j + 1) & (cap - 1))
            ;
        s[j] = m->s[i];
    }
    free(m->s);
    m->s = s;
    m->cap = cap;
    return 0;
}

/* Insert or overwrite. 0, or -1 when out of memory. */
static int smap_put(struct smap *m, const char *k, size_t n, uint32_t val)
{
    uint64_t h = hash_bytes(k, n);
    size_t i;

    if ((m->n + 1) * 2 > m->cap && smap_grow(m) != 0)
        return -1;
    for (i = h & (m->cap - 1); m->s[i].k; i = (i + 1) & (m->cap - 1))
        if (m->s[i].h == h && m->s[i].len == n &&
            memcmp(m->s[i].k, k, n) == 0) {
            m->s[i].val = val;
            return 0;
        }
    m->s[i].k = arena_dup(&m->ar, k, n);
    if (m->s[i].k == NULL)
        return -1;
    m->s[i].len = (uint32_t)n;
    m->s[i].val = val;
    m->s[i].h = h;
    m->n++;
    return 0;
}

static void smap_free(struct smap *m)
{
    free(m->s);
    arena_free(&m->ar);
    memset(m, 0, sizeof *m);
}

/* Grow *arr (elements of size sz) to hold at least need elements. */
static int grow(void **arr, size_t *cap, size_t need, size_t sz)
{
    size_t nc = *cap ? *cap : 64;
    void *p;

    if (need <= *cap)
        return 0;
    while (nc < need)
        nc *= 2;
    p = realloc(*arr, nc * sz);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

/* Pointer to the first non-space byte of s[0..n) and its trimmed length
 * (spaces and tabs at both ends). */
static inline const char *trim(const char *s, size_t n, size_t *len)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *len = n;
    return s;
}

/* Copy a trimmed field into buf (cut to size), NUL-terminated. */
static const char *trimmed(const char *s, size_t n, char *buf, size_t size)
{
    size_t len;
    const char *t = trim(s, n, &len);

    if (len >= size)
        len = size - 1;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return buf;
}

/* ------------------------------------------------------------------ */
/* Numbers. */

static const double pow10_tab[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* A decimal number with a point: [+-]digits[.digits][(e|E)[+-]digits],
 * spaces around allowed; no hex, inf or nan. Exact for up to 15
 * significant digits by an integer division by a power of ten (both
 * exact, and IEEE division rounds correctly); strtod otherwise. 0 or
 * -1 when it is not such a number. */
static int parse_number(const char *s, size_t n, double *out)
{
    const char *p = trim(s, n, &n), *end = p + n, *q;
    uint64_t mant = 0;
    int digits = 0, frac = 0, neg = 0, any = 0, exp_part = 0;
    char buf[128];

    if (n == 0)
        return -1;
    q = p;
    if (*q == '+' || *q == '-') {
        neg = *q == '-';
        q++;
    }
    for (; q < end && *q >= '0' && *q <= '9'; q++) {
        any = 1;
        if (mant || *q != '0') {
            if (digits < 19)
                mant = mant * 10 + (uint64_t)(*q - '0');
            digits++;
        }
    }
    if (q < end && *q == '.') {
        q++;
        for (; q < end && *q >= '0' && *q <= '9'; q++) {
            any = 1;
            frac++;
            if (mant || *q != '0') {
                if (digits < 19)
                    mant = mant * 10 + (uint64_t)(*q - '0');
                digits++;
            }
        }
    }
    if (!any)
        return -1;
    if (q < end && (*q == 'e' || *q == 'E')) {
        const char *e = q + 1;

        if (e < end && (*e == '+' || *e == '-'))
            e++;
        if (e == end || *e < '0' || *e > '9')
            return -1;
        while (e < end && *e >= '0' && *e <= '9')
            e++;
        q = e;
        exp_part = 1;
    }
    if (q != end)
        return -1;
    if (!exp_part && digits <= 15 && frac <= 22) {
        double v = (double)mant / pow10_tab[frac];

        *out = neg ? -v : v;
        return 0;
    }
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return isfinite(*out) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The catalogue as this import sees it. Positions in each array follow
 * the store's ids (loaded ORDER BY id; new entries get larger ids). */

enum reg_kind { RK_LAND, RK_PROVINCIE, RK_AM, RK_LANDSDEEL, RK_GEMEENTE,
                RK_COUNT };

static const char *const reg_kind_codes[RK_COUNT] = {
    "land", "provincie", "arbeidsmarktregio", "landsdeel", "gemeente"
};

static int reg_kind_parse(const char *s)
{
    int k;

    for (k = 0; s && k < RK_COUNT; k++)
        if (strcmp(s, reg_kind_codes[k]) == 0)
            return k;
    return -1;
}

struct ind_info {
    sqlite3_int64 id;
    char code[64];
    char agg[8];
    int kind;                /* enum period_kind */
    uint64_t dims;           /* mask of allowed dimensions */
    int ratio, som;
    /* this import */
    int checked_obs, has_obs;
    uint64_t level;          /* dimensions of its first row ('som') */
    long long level_line;
    int level_set;
    int changed;
};

struct reg_info {
    sqlite3_int64 id;
    char code[16];
    int kind;
};

struct per_info {
    sqlite3_int64 id;
    int kind;
    int year;
};

struct dis_info {
    sqlite3_int64 id;
    uint64_t mask;
};

#define KEY_IND_BITS 12
#define KEY_REG_BITS 20
#define MAX_IND (1u << KEY_IND_BITS)
#define MAX_REG (1u << KEY_REG_BITS)
#define MAX_DIS 65536u
#define MAX_PER 65536u
#define KEY(i, r, d, p) ((uint64_t)(i) << 52 | (uint64_t)(r) << 32 | \
                         (uint64_t)(d) << 16 | (uint64_t)(p))
#define K_IND(k) ((uint32_t)((k) >> 52))
#define K_REG(k) ((uint32_t)(((k) >> 32) & (MAX_REG - 1)))
#define K_DIS(k) ((uint32_t)(((k) >> 16) & 0xFFFF))
#define K_PER(k) ((uint32_t)((k) & 0xFFFF))

struct cat {
    struct ind_info *ind;
    size_t nind;
    struct smap ind_map;
    char dim[64][64];        /* by bit, ordered by code */
    int ndim;
    struct smap dim_map;     /* code -> bit */
    struct smap item_map;    /* "dim=item" -> 1 */
    struct reg_info *reg;
    size_t nreg, capreg;
    struct smap reg_map;     /* code -> position */
    struct smap prov_names;  /* lower-case name -> position */
    struct per_info *per;
    size_t nper, capper;
    struct smap per_map;
    struct dis_info *dis;
    size_t ndis, capdis;
    struct smap dis_map;     /* canonical key -> position */
    struct smap raw_dis;     /* key as written -> position */
};

static void cat_free(struct cat *c)
{
    free(c->ind);
    free(c->reg);
    free(c->per);
    free(c->dis);
    smap_free(&c->ind_map);
    smap_free(&c->dim_map);
    smap_free(&c->item_map);
    smap_free(&c->reg_map);
    smap_free(&c->prov_names);
    smap_free(&c->per_map);
    smap_free(&c->dis_map);
    smap_free(&c->raw_dis);
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* Add a province name (any case) to the name map. */
static int prov_name_add(struct cat *c, const char *name, uint32_t pos)
{
    char buf[128];

    snprintf(buf, sizeof buf, "%s", name);
    lower(buf);
    return smap_put(&c->prov_names, buf, strlen(buf), pos);
}

/* Province aliases from <data_dir>/monitor/regios.json (optional). */
static void cat_aliases(struct cat *c, const char *data_dir)
{
    char path[PATH_MAX];
    json_t *root, *al, *v;
    const char *name;

    snprintf(path, sizeof path, "%s/monitor/regios.json", data_dir);
    root = json_load_file(path, 0, NULL);
    al = json_object_get(json_object_get(root, "provincienamen"),
                         "aliassen");
    json_object_foreach(al, name, v) {
        uint32_t pos;

        if (json_is_string(v) &&
            smap_get(&c->reg_map, json_string_value(v),
                     json_string_length(v), &pos) &&
            c->reg[pos].kind == RK_PROVINCIE)
            prov_name_add(c, name, pos);
    }
    json_decref(root);
}

static int cat_load(struct cat *c, sqlite3 *db, const char *data_dir)
{
    sqlite3_stmt *st;
    int rc = -1;

    memset(c, 0, sizeof *c);
    /* dimensions, ordered by code: the bit order is the key order */
    st = store_prepare(db, "SELECT code FROM monitor_dimension ORDER BY "
                           "code");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->ndim == 64)
            goto done;
        snprintf(c->dim[c->ndim], sizeof c->dim[0], "%s", store_col(st, 0));
        if (smap_put(&c->dim_map, c->dim[c->ndim], strlen(c->dim[c->ndim]),
                     (uint32_t)c->ndim) != 0)
            goto done;
        c->ndim++;
    }
    sqlite3_finalize(st);
    st = store_prepare(db, "SELECT dimension_code || '=' || code FROM "
                           "monitor_dimension_item");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (smap_put(&c->item_map, store_col(st, 0),
                     strlen(store_col(st, 0)), 1) != 0)
            goto done;
    sqlite3_finalize(st);
    st = store_prepare(db,
        "SELECT i.id, i.code, i.aggregation, i.period_kind, (SELECT "
        "group_concat(dimension_code, ';') FROM indicator_dimension d "
        "WHERE d.indicator_id = i.id) FROM indicator i ORDER BY i.id");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct ind_info *x;
        char dims[512], *save = NULL, *d;
        void *p;

        if (c->nind == MAX_IND)
            goto done;
        p = realloc(c->ind, (c->nind + 1) * sizeof *c->ind);
        if (p == NULL)
            goto done;
        c->ind = p;
        x = &c->ind[c->nind];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        snprintf(x->code, sizeof x->code, "%s", store_col(st, 1));
        snprintf(x->agg, sizeof x->agg, "%s", store_col(st, 2));
        x->kind = period_kind_parse(store_col(st, 3));
        x->ratio = strcmp(x->agg, "ratio") == 0;
        x->som = strcmp(x->agg, "som") == 0;
        snprintf(dims, sizeof dims, "%s", store_col(st, 4));
        for (d = strtok_r(dims, ";", &save); d; d = strtok_r(NULL, ";",
                                                             &save)) {
            uint32_t bit;

            if (smap_get(&c->dim_map, d, strlen(d), &bit))
                x->dims |= 1ULL << bit;
        }
        if (smap_put(&c->ind_map, x->code, strlen(x->code),
                     (uint32_t)c->nind) != 0)
            goto done;
        c->nind++;
    }
    sqlite3_finalize(st);
    st = store_prepare(db, "SELECT id, code, kind, name FROM region ORDER "
                           "BY id");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct reg_info *x;

        if (c->nreg + 1 >= MAX_REG ||
            grow((void **)&c->reg, &c->capreg, c->nreg + 1,
                 sizeof *c->reg) != 0)
            goto done;
        x = &c->reg[c->nreg];
        x->id = sqlite3_column_int64(st, 0);
        snprintf(x->code, sizeof x->code, "%s", store_col(st, 1));
        x->kind = reg_kind_parse(store_col(st, 2));
        if (smap_put(&c->reg_map, x->code, strlen(x->code),
                     (uint32_t)c->nreg) != 0)
            goto done;
        if (x->kind == RK_PROVINCIE &&
            prov_name_add(c, store_col(st, 3), (uint32_t)c->nreg) != 0)
            goto done;
        c->nreg++;
    }
    sqlite3_finalize(st);
    st = store_prepare(db, "SELECT id, code, kind, year FROM period ORDER "
                           "BY id");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct per_info *x;

        if (c->nper + 1 >= MAX_PER ||
            grow((void **)&c->per, &c->capper, c->nper + 1,
                 sizeof *c->per) != 0)
            goto done;
        x = &c->per[c->nper];
        x->id = sqlite3_column_int64(st, 0);
        x->kind = period_kind_parse(store_col(st, 2));
        x->year = sqlite3_column_int(st, 3);
        if (smap_put(&c->per_map, store_col(st, 1), strlen(store_col(st, 1)),
                     (uint32_t)c->nper) != 0)
            goto done;
        c->nper++;
    }
    sqlite3_finalize(st);
    st = store_prepare(db, "SELECT id, key FROM disaggregation ORDER BY id");
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct dis_info *x;
        char key[512], *save = NULL, *pair;

        if (c->ndis + 1 >= MAX_DIS ||
            grow((void **)&c->dis, &c->capdis, c->ndis + 1,
                 sizeof *c->dis) != 0)
            goto done;
        x = &c->dis[c->ndis];
        x->id = sqlite3_column_int64(st, 0);
        x->mask = 0;
        snprintf(key, sizeof key, "%s", store_col(st, 1));
        if (smap_put(&c->dis_map, key, strlen(key), (uint32_t)c->ndis) != 0)
            goto done;
        for (pair = strtok_r(key, ";", &save); pair;
             pair = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(pair, '=');
            uint32_t bit;

            if (eq && smap_get(&c->dim_map, pair, (size_t)(eq - pair), &bit))
                x->mask |= 1ULL << bit;
        }
        c->ndis++;
    }
    cat_aliases(c, data_dir);
    rc = 0;
done:
    sqlite3_finalize(st);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Mappings. The JSON stays loaded; the struct borrows its strings. */

enum map_kind { MK_TABEL, MK_CBS, MK_LANG, MK_REGIOCODES, MK_INDELING,
                MK_COUNT };

static const char *const map_kind_codes[MK_COUNT] = {
    "tabel", "cbs", "koers-lang", "regiocodes", "regio-indeling"
};

struct mapping {
    json_t *root;
    char file[PATH_MAX];
    const char *code, *name;
    enum map_kind kind;
    char sep;
    json_t *req_cols;            /* array of column names */
    const char *file_name;       /* recognition by name, or NULL */
    const char *table;           /* CBS table id, or NULL */
    json_t *region, *filters, *splits, *valcols, *period, *missing, *outs;
    const char *period_col;
    int period_kind, period_month;
    int sum;
    json_t *cols, *kinds;        /* regiocodes */
};

struct maplist {
    struct mapping m[MAP_MAX_FILES];
    int n;
};

static void maplist_free(struct maplist *l)
{
    int i;

    for (i = 0; i < l->n; i++)
        json_decref(l->m[i].root);
    l->n = 0;
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* 1 when every key of o is in known (NULL-terminated). */
static int only_keys(json_t *o, const char *const *known, const char **bad)
{
    const char *k;
    json_t *v;

    json_object_foreach(o, k, v) {
        size_t i;
        int ok = 0;

        (void)v;
        for (i = 0; known[i]; i++)
            ok |= strcmp(k, known[i]) == 0;
        if (!ok) {
            *bad = k;
            return 0;
        }
    }
    return 1;
}

/* 1 when a is an array of at most max non-empty strings. */
static int str_array(json_t *a, size_t max)
{
    size_t i;
    json_t *v;

    if (!json_is_array(a) || json_array_size(a) > max)
        return 0;
    json_array_foreach(a, i, v)
        if (!json_is_string(v))
            return 0;
    return 1;
}

/* Filters: [{kolom, waarden: [...]}]. */
static int filters_ok(json_t *a, const char **why)
{
    static const char *const keys[] = { "kolom", "waarden", NULL };
    const char *bad;
    size_t i;
    json_t *f;

    if (a == NULL)
        return 1;
    if (!json_is_array(a) || json_array_size(a) > MAP_MAX_FILTERS) {
        *why = "filters moet een lijst zijn (hoogstens 16)";
        return 0;
    }
    json_array_foreach(a, i, f)
        if (!json_is_object(f) || !only_keys(f, keys, &bad) ||
            !jstr(f, "kolom") ||
            !str_array(json_object_get(f, "waarden"), 10000) ||
            json_array_size(json_object_get(f, "waarden")) == 0) {
            *why = "elk filter heeft kolom en een niet-lege lijst waarden";
            return 0;
        }
    return 1;
}

/* Check the shape of a mapping file; the catalogue checks come later
 * (map_check). *why gets a Dutch reason. */
static int map_shape(struct mapping *m, const char **why)
{
    static const char *const keys[] = {
        "code", "naam", "bron", "soort", "toelichting", "herkenning",
        "scheiding", "codering", "regio", "filters", "uitsplitsingen",
        "waardekolommen", "periode", "periodekolom", "ontbrekend",
        "optellen", "uitvoer", "kolommen", "soorten", NULL };
    static const char *const rec_keys[] = { "kolommen", "bestandsnaam",
                                            "tabel", NULL };
    static const char *const reg_keys[] = { "vast", "kolom", "prefix",
        "cijfers", "registreren", "provincieKolom", NULL };
    static const char *const split_keys[] = { "kolom", "dimensie",
                                              "waarden", "onbekend", NULL };
    static const char *const out_keys[] = { "indicator", "filters",
                                            "waardekolom", NULL };
    json_t *r = m->root, *rec, *v;
    const char *s, *bad = NULL;
    size_t i;
    int k;

    if (!only_keys(r, keys, &bad)) {
        *why = "onbekende sleutel";
        log_error("mapping %s: unknown key %s", m->file, bad);
        return 0;
    }
    m->code = jstr(r, "code");
    m->name = jstr(r, "naam");
    s = jstr(r, "soort");
    if (m->code == NULL || !text_is_code(m->code) || m->name == NULL ||
        s == NULL) {
        *why = "code (kebab-case), naam en soort zijn verplicht";
        return 0;
    }
    m->kind = MK_COUNT;
    for (k = 0; k < MK_COUNT; k++)
        if (strcmp(s, map_kind_codes[k]) == 0)
            m->kind = (enum map_kind)k;
    if (m->kind == MK_COUNT) {
        *why = "soort is tabel, cbs, koers-lang, regiocodes of "
               "regio-indeling";
        return 0;
    }
    s = jstr(r, "scheiding");
    if (s && !(strcmp(s, ";") == 0 || strcmp(s, ",") == 0 ||
               strcmp(s, "\t") == 0)) {
        *why = "scheiding is ';', ',' of een tab";
        return 0;
    }
    m->sep = s ? s[0] : ',';
    s = jstr(r, "codering");
    if (s && strcasecmp(s, "utf-8") != 0) {
        *why = "alleen codering utf-8 wordt ondersteund (ASCII is ook "
               "UTF-8)";
        return 0;
    }
    rec = json_object_get(r, "herkenning");
    if (!json_is_object(rec) || !only_keys(rec, rec_keys, &bad)) {
        *why = "herkenning met kolommen (en eventueel bestandsnaam, tabel) "
               "is verplicht";
        return 0;
    }
    m->req_cols = json_object_get(rec, "kolommen");
    m->file_name = jstr(rec, "bestandsnaam");
    m->table = jstr(rec, "tabel");
    if (!str_array(m->req_cols, 64) || json_array_size(m->req_cols) == 0) {
        *why = "herkenning.kolommen is een niet-lege lijst kolomnamen";
        return 0;
    }
    if (m->kind == MK_LANG || m->kind == MK_INDELING)
        return 1;
    if (m->kind == MK_REGIOCODES) {
        m->cols = json_object_get(r, "kolommen");
        m->kinds = json_object_get(r, "soorten");
        if (!jstr(m->cols, "code") || !jstr(m->cols, "naam") ||
            !jstr(m->cols, "omschrijving") || !json_is_object(m->kinds)) {
            *why = "regiocodes heeft kolommen {code, naam, omschrijving} en "
                   "soorten {prefix: soort}";
            return 0;
        }
        json_object_foreach(m->kinds, s, v)
            if (strlen(s) != 2 || !json_is_string(v) ||
                reg_kind_parse(json_string_value(v)) < 0) {
                *why = "soorten koppelt twee letters aan land, provincie, "
                       "arbeidsmarktregio, landsdeel of gemeente";
                return 0;
            }
        return 1;
    }
    /* tabel and cbs */
    m->region = json_object_get(r, "regio");
    if (!json_is_object(m->region) || !only_keys(m->region, reg_keys, &bad)
        || (jstr(m->region, "vast") == NULL) ==
           (jstr(m->region, "kolom") == NULL)) {
        *why = "regio heeft vast (een code) of kolom";
        return 0;
    }
    v = json_object_get(m->region, "cijfers");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1 ||
              json_integer_value(v) > 8)) {
        *why = "regio.cijfers is 1 tot en met 8";
        return 0;
    }
    v = json_object_get(m->region, "registreren");
    if (v && (!jstr(v, "naamKolom") ||
              reg_kind_parse(jstr(v, "soort")) < 0)) {
        *why = "regio.registreren heeft naamKolom en soort";
        return 0;
    }
    m->filters = json_object_get(r, "filters");
    if (!filters_ok(m->filters, why))
        return 0;
    m->splits = json_object_get(r, "uitsplitsingen");
    if (m->splits && (!json_is_array(m->splits) ||
                      json_array_size(m->splits) > MAP_MAX_SPLITS)) {
        *why = "uitsplitsingen is een lijst (hoogstens 8)";
        return 0;
    }
    json_array_foreach(m->splits, i, v) {
        const char *u = jstr(v, "onbekend");

        if (!json_is_object(v) || !only_keys(v, split_keys, &bad) ||
            !jstr(v, "kolom") || !jstr(v, "dimensie") ||
            !json_is_object(json_object_get(v, "waarden")) ||
            (u && strcmp(u, "fout") != 0 && strcmp(u, "overslaan") != 0)) {
            *why = "elke uitsplitsing heeft kolom, dimensie, waarden "
                   "{bronwaarde: item} en eventueel onbekend (fout of "
                   "overslaan)";
            return 0;
        }
    }
    m->missing = json_object_get(r, "ontbrekend");
    if (m->missing && !str_array(m->missing, 16)) {
        *why = "ontbrekend is een lijst teksten";
        return 0;
    }
    v = json_object_get(r, "optellen");
    if (v && !json_is_boolean(v)) {
        *why = "optellen is true of false";
        return 0;
    }
    m->sum = json_is_true(v);
    m->valcols = json_object_get(r, "waardekolommen");
    m->period_col = jstr(r, "periodekolom");
    m->period = json_object_get(r, "periode");
    if ((m->valcols == NULL) == (m->period_col == NULL)) {
        *why = "gebruik waardekolommen (met periode) of periodekolom (met "
               "een waardekolom per uitvoer)";
        return 0;
    }
    if (m->valcols) {
        const char *soort = jstr(m->period, "soort");
        json_t *bm = json_object_get(m->period, "beginmaand");

        if (!jstr(m->valcols, "patroon") ||
            !strstr(jstr(m->valcols, "patroon"), "{jaar}")) {
            *why = "waardekolommen.patroon bevat {jaar}";
            return 0;
        }
        m->period_kind = period_kind_parse(soort);
        if (m->period_kind != PERIOD_JAAR &&
            m->period_kind != PERIOD_STUDIEJAAR) {
            *why = "periode.soort is jaar of studiejaar bij waardekolommen";
            return 0;
        }
        m->period_month = m->period_kind == PERIOD_STUDIEJAAR
            ? (bm ? (int)json_integer_value(bm) : 10) : 0;
        if (m->period_kind == PERIOD_STUDIEJAAR && m->period_month != 9 &&
            m->period_month != 10) {
            *why = "periode.beginmaand is 9 of 10";
            return 0;
        }
    }
    m->outs = json_object_get(r, "uitvoer");
    if (!json_is_array(m->outs) || json_array_size(m->outs) == 0 ||
        json_array_size(m->outs) > MAP_MAX_OUTS) {
        *why = "uitvoer is een lijst van 1 tot 8 indicatoren";
        return 0;
    }
    json_array_foreach(m->outs, i, v) {
        if (!json_is_object(v) || !only_keys(v, out_keys, &bad) ||
            !jstr(v, "indicator") ||
            !filters_ok(json_object_get(v, "filters"), why) ||
            (m->period_col != NULL) != (jstr(v, "waardekolom") != NULL)) {
            *why = "elke uitvoer heeft indicator, eventueel filters, en bij "
                   "periodekolom een waardekolom";
            return 0;
        }
    }
    return 1;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every mapping of <data_dir>/monitor/bronnen, sorted by file name.
 * -1 with f set when the folder cannot be read or a file is bad. */
static int maplist_load(struct maplist *l, const char *data_dir,
                        struct fault *f)
{
    char dir[PATH_MAX], *names[MAP_MAX_FILES];
    struct dirent *e;
    DIR *d;
    int n = 0, i, j, rc = -1;

    l->n = 0;
    snprintf(dir, sizeof dir, "%s/monitor/bronnen", data_dir);
    d = opendir(dir);
    if (d == NULL) {
        fault_set(f, FAULT_STORE, "De map met bronbeschrijvingen %s kan "
                  "niet gelezen worden.", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
            e->d_name[0] == '.')
            continue;
        if (n == MAP_MAX_FILES)
            break;
        names[n] = strdup(e->d_name);
        if (names[n] == NULL)
            break;
        n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], name_cmp);
    for (i = 0; i < n; i++) {
        struct mapping *m = &l->m[l->n];
        json_error_t je;
        const char *why = "";

        memset(m, 0, sizeof *m);
        snprintf(m->file, sizeof m->file, "%s/%s", dir, names[i]);
        m->root = json_load_file(m->file, JSON_REJECT_DUPLICATES, &je);
        if (m->root == NULL || !json_is_object(m->root)) {
            fault_set(f, FAULT_STORE, "Bronbeschrijving %s: regel %d: %s",
                      m->file, je.line, m->root ? "geen object" : je.text);
            json_decref(m->root);
            goto done;
        }
        l->n++;
        if (!map_shape(m, &why)) {
            fault_set(f, FAULT_STORE, "Bronbeschrijving %s: %s.", m->file,
                      why);
            goto done;
        }
        for (j = 0; j < l->n - 1; j++)
            if (strcmp(l->m[j].code, m->code) == 0) {
                fault_set(f, FAULT_STORE, "Bronbeschrijving %s: de code %s "
                          "komt al voor in %s.", m->file, m->code,
                          l->m[j].file);
                goto done;
            }
    }
    rc = 0;
done:
    for (i = 0; i < n; i++)
        free(names[i]);
    if (rc != 0)
        maplist_free(l);
    return rc;
}

static struct mapping *maplist_find(struct maplist *l, const char *code)
{
    int i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->m[i].code, code) == 0)
            return &l->m[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Headers and recognition. */

#define MAX_COLS CSV_MAX_FIELDS

struct header {
    char *name[MAX_COLS];        /* trimmed, in the arena */
    size_t n;
    struct arena ar;
};

static void header_free(struct header *h)
{
    arena_free(&h->ar);
    h->n = 0;
}

/* Copy the current record as a header. */
static int header_take(struct header *h, struct csv *c)
{
    size_t i;

    h->n = 0;
    for (i = 0; i < csv_count(c) && i < MAX_COLS; i++) {
        size_t len;
        const char *t = trim(csv_field(c, i), csv_field_len(c, i), &len);

        h->name[i] = arena_dup(&h->ar, t, len);
        if (h->name[i] == NULL)
            return -1;
        h->n++;
    }
    return 0;
}

static int header_col(const struct header *h, const char *name)
{
    size_t i;

    for (i = 0; name && i < h->n; i++)
        if (strcmp(h->name[i], name) == 0)
            return (int)i;
    return -1;
}

/* Read the first record of bytes with separator sep. */
static int header_parse(const char *data, size_t len, char sep,
                        struct header *h)
{
    struct csv_opts co = { .sep = sep };
    struct csv *c = csv_open_mem(data, len, &co);
    int rc = -1;

    if (c == NULL)
        return -1;
    if (csv_next(c) == 1 && header_take(h, c) == 0)
        rc = 0;
    csv_close(c);
    return rc;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

/* Does mapping m recognise a file named `name` with header h? The
 * koers-lang header must be exactly its six columns. */
static int map_matches(const struct mapping *m, const char *name,
                       const struct header *h)
{
    size_t i;
    json_t *v;

    if (m->file_name && strcmp(base_name(name), m->file_name) != 0)
        return 0;
    if (m->kind == MK_LANG && h->n != json_array_size(m->req_cols))
        return 0;
    json_array_foreach(m->req_cols, i, v)
        if (header_col(h, json_string_value(v)) < 0 ||
            (m->kind == MK_LANG &&
             strcmp(h->name[i], json_string_value(v)) != 0))
            return 0;
    return 1;
}

/* Pick the mapping for a file from the first bytes: the given source
 * (which must match), or the one mapping that recognises it. NULL with
 * f set. */
static struct mapping *recognise(struct maplist *l, const char *name,
                                 const char *probe, size_t plen,
                                 const char *source, struct fault *f)
{
    struct header hs = { 0 }, hc = { 0 };
    struct mapping *found = NULL;
    char which[512] = "";
    int i, n = 0, hs_ok, hc_ok;

    /* a header may fail to parse with the wrong separator ("a","b" read
     * with ';'): then no mapping with that separator matches */
    hs_ok = header_parse(probe, plen, ';', &hs) == 0;
    hc_ok = header_parse(probe, plen, ',', &hc) == 0;
    if (!hs_ok && !hc_ok) {
        fault_set(f, source ? FAULT_INVALID : FAULT_NOTFOUND, "%s: het "
                  "bestand is leeg of heeft geen leesbare kopregel.", name);
        goto done;
    }
    if (source) {
        struct mapping *m = maplist_find(l, source);

        if (m == NULL) {
            fault_set(f, FAULT_INVALID, "Onbekende bron '%s'.", source);
        } else if (!map_matches(m, name, m->sep == ';' ? &hs : &hc) &&
                   !(m->file_name && map_matches(m, m->file_name,
                     m->sep == ';' ? &hs : &hc))) {
            fault_set(f, FAULT_INVALID, "%s past niet bij bron %s: de "
                      "kopregel mist kolommen die de bron verwacht.", name,
                      source);
        } else {
            found = m;
        }
        goto done;
    }
    for (i = 0; i < l->n; i++) {
        struct mapping *m = &l->m[i];

        if (!map_matches(m, name, m->sep == ';' ? &hs : &hc))
            continue;
        n++;
        found = m;
        if (strlen(which) + strlen(m->code) + 3 < sizeof which) {
            if (which[0])
                strcat(which, ", ");
            strcat(which, m->code);
        }
    }
    if (n == 0)
        fault_set(f, FAULT_NOTFOUND, "%s: geen bronbeschrijving herkent dit "
                  "bestand.", name);
    if (n > 1) {
        fault_set(f, FAULT_INVALID, "%s: meerdere bronnen herkennen dit "
                  "bestand (%s); kies er een.", name, which);
        found = NULL;
    }
done:
    header_free(&hs);
    header_free(&hc);
    return found;
}

/* ------------------------------------------------------------------ */
/* The import of one file. */

struct row {
    uint64_t key;
    double value;
    uint32_t line;
    uint32_t flags;
};

#define ROW_DEF 1u
#define ROW_NEW 2u
#define ROW_UPD 4u

struct link {
    uint32_t child, parent;      /* region positions */
    int from, to;
    long long line;
};

struct col_filter {
    int ci;
    json_t *vals;
};

struct col_split {
    int ci;
    int dim;                     /* bit */
    json_t *vals;
    int skip_unknown;
};

struct val_src {
    int ci;
    uint32_t per;                /* wide: the period of the column */
    const char *item;            /* wide: item of the pattern's dimension */
    int item_dim;                /* its bit, -1 when none */
    int year;
};

struct out_res {
    uint32_t ind;
    struct col_filter f[MAP_MAX_FILTERS];
    int nf;
    int vci;                     /* periodekolom: the value column */
};

struct hasher {
    pthread_t th;
    int started;
    const char *path;
    const unsigned char *mem;
    size_t len;
    unsigned char out[crypto_hash_sha256_BYTES];
    int rc;
};

struct imp {
    sqlite3 *db;
    const struct actor *who;
    const struct import_opts *o;
    struct import_summary *s;
    struct fault *f;
    struct cat cat;
    struct mapping *map;
    const char *name;            /* file name for messages */
    struct header hdr;
    struct row *rows;
    size_t nrows, caprows;
    struct link *links;
    size_t nlinks, caplinks;
    int stop;                    /* too many errors */
    long long total;             /* bytes */
    struct smap status;          /* CBS period code -> 1 + definitief */
    int have_status;
    /* resolved columns */
    int reg_ci, reg_name_ci, prov_ci, reg_kind, period_ci;
    uint32_t reg_fixed;
    struct col_filter filt[MAP_MAX_FILTERS];
    int nfilt;
    struct col_split split[MAP_MAX_SPLITS];
    int nsplit;
    struct val_src vals[MAP_MAX_VALCOLS];
    int nvals;
    struct out_res out[MAP_MAX_OUTS];
    int nout;
    int links_changed;
    int regions_changed;
};

static void add_error(struct imp *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record one input error; stop after IMPORT_MAX_ERRORS. */
static void add_error(struct imp *x, const char *fmt, ...)
{
    struct import_summary *s = x->s;
    va_list ap;

    if (s->nerrors == IMPORT_MAX_ERRORS) {
        s->more_errors = 1;
        x->stop = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s->errors[s->nerrors], sizeof s->errors[0], fmt, ap);
    va_end(ap);
    s->nerrors++;
}

/* Count a skipped record or cell under a Dutch reason. */
static void skip(struct imp *x, const char *reason, long long n)
{
    struct import_summary *s = x->s;
    int i;

    s->skipped += n;
    for (i = 0; i < s->nreasons; i++)
        if (strcmp(s->reasons[i].text, reason) == 0) {
            s->reasons[i].count += n;
            return;
        }
    if (s->nreasons == IMPORT_MAX_REASONS)
        i = IMPORT_MAX_REASONS - 1;   /* fold the rest into the last */
    else
        snprintf(s->reasons[s->nreasons++].text, sizeof s->reasons[0].text,
                 "%s", reason);
    s->reasons[i].count += n;
}

static int oom(struct imp *x)
{
    fault_set(x->f, FAULT_STORE, "Onvoldoende geheugen voor de import.");
    return -1;
}

static int store_fail(struct imp *x, const char *what)
{
    fault_set(x->f, FAULT_STORE, "De store weigerde %s: %s.", what,
              sqlite3_errmsg(x->db));
    return -1;
}

static int push_row(struct imp *x, uint64_t key, double v, long long line,
                    int definitief)
{
    struct row *r;

    if (x->nrows >= (size_t)IMPORT_MAX_ROWS) {
        add_error(x, "het bestand heeft meer dan %lld waarnemingen; splits "
                  "het", IMPORT_MAX_ROWS);
        x->stop = 1;
        return -1;
    }
    if (x->nrows == x->caprows &&
        grow((void **)&x->rows, &x->caprows, x->nrows + 1, sizeof *r) != 0)
        return oom(x);
    r = &x->rows[x->nrows++];
    r->key = key;
    r->value = v;
    r->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    r->flags = definitief ? ROW_DEF : 0;
    return 0;
}

/* --- catalogue lookups that may add to the store ------------------ */

/* The position of period p, inserting it when new; -1 on error. */
static long per_pos(struct imp *x, const struct period *p)
{
    struct cat *c = &x->cat;
    sqlite3_int64 id;
    uint32_t pos;

    if (smap_get(&c->per_map, p->code, strlen(p->code), &pos))
        return (long)pos;
    if (c->nper + 1 >= MAX_PER) {
        add_error(x, "te veel verschillende perioden in de store");
        x->stop = 1;
        return -1;
    }
    if (period_ensure(x->db, p, &id) != 0)
        return store_fail(x, "een nieuwe periode");
    if (grow((void **)&c->per, &c->capper, c->nper + 1, sizeof *c->per) != 0)
        return oom(x);
    if (c->nper > 0 && id <= c->per[c->nper - 1].id) {
        fault_set(x->f, FAULT_STORE, "Onverwachte volgorde van perioden in "
                  "de store.");
        return -1;
    }
    c->per[c->nper].id = id;
    c->per[c->nper].kind = (int)p->kind;
    c->per[c->nper].year = p->year;
    if (smap_put(&c->per_map, p->code, strlen(p->code),
                 (uint32_t)c->nper) != 0)
        return oom(x);
    return (long)c->nper++;
}

/* The position of a canonical disaggregation key with dimension mask,
 * inserting it when new; -1 on error. */
static long dis_pos(struct imp *x, const char *key, size_t len,
                    uint64_t mask)
{
    struct cat *c = &x->cat;
    sqlite3_stmt *st;
    sqlite3_int64 id;
    uint32_t pos;

    if (smap_get(&c->dis_map, key, len, &pos))
        return (long)pos;
    if (c->ndis + 1 >= MAX_DIS) {
        add_error(x, "te veel verschillende uitsplitsingen in de store");
        x->stop = 1;
        return -1;
    }
    st = store_prepare(x->db, "INSERT INTO disaggregation(key) VALUES (?)");
    if (st == NULL)
        return store_fail(x, "een nieuwe uitsplitsing");
    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_TRANSIENT);
    if (store_exec_stmt(st) != 0)
        return store_fail(x, "een nieuwe uitsplitsing");
    id = sqlite3_last_insert_rowid(x->db);
    if (grow((void **)&c->dis, &c->capdis, c->ndis + 1, sizeof *c->dis) != 0)
        return oom(x);
    c->dis[c->ndis].id = id;
    c->dis[c->ndis].mask = mask;
    if (smap_put(&c->dis_map, key, len, (uint32_t)c->ndis) != 0)
        return oom(x);
    return (long)c->ndis++;
}

/* Register a region found in a source; its position or -1. */
static long reg_add(struct imp *x, const char *code, const char *name,
                    int kind)
{
    struct cat *c = &x->cat;
    sqlite3_stmt *st;

    if (c->nreg + 1 >= MAX_REG) {
        add_error(x, "te veel regio's in de store");
        x->stop = 1;
        return -1;
    }
    st = store_prepare(x->db, "INSERT INTO region(code, name, kind) VALUES "
                              "(?,?,?)");
    if (st == NULL)
        return store_fail(x, "een nieuwe regio");
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, reg_kind_codes[kind]);
    if (store_exec_stmt(st) != 0)
        return store_fail(x, "een nieuwe regio");
    if (grow((void **)&c->reg, &c->capreg, c->nreg + 1, sizeof *c->reg) != 0)
        return oom(x);
    c->reg[c->nreg].id = sqlite3_last_insert_rowid(x->db);
    snprintf(c->reg[c->nreg].code, sizeof c->reg[0].code, "%s", code);
    c->reg[c->nreg].kind = kind;
    if (smap_put(&c->reg_map, code, strlen(code), (uint32_t)c->nreg) != 0)
        return oom(x);
    x->s->regions_added++;
    x->regions_changed = 1;
    return (long)c->nreg++;
}

/* Pairs of a disaggregation key under construction. */
struct pairs {
    int dim[16];
    const char *item[16];
    size_t ilen[16];
    int n;
};

/* Build the canonical key of pairs (sorted by dimension code, which is
 * the bit order) into buf; returns its length and the mask. -1 when a
 * dimension repeats. */
static long pairs_key(const struct cat *c, struct pairs *p, char *buf,
                      size_t size, uint64_t *mask)
{
    size_t len = 0;
    int i, j;

    *mask = 0;
    for (i = 1; i < p->n; i++)
        for (j = i; j > 0 && p->dim[j - 1] > p->dim[j]; j--) {
            int d = p->dim[j];
            const char *it = p->item[j];
            size_t il = p->ilen[j];

            p->dim[j] = p->dim[j - 1];
            p->item[j] = p->item[j - 1];
            p->ilen[j] = p->ilen[j - 1];
            p->dim[j - 1] = d;
            p->item[j - 1] = it;
            p->ilen[j - 1] = il;
        }
    for (i = 0; i < p->n; i++) {
        size_t dl = strlen(c->dim[p->dim[i]]);

        if (*mask & (1ULL << p->dim[i]))
            return -1;
        *mask |= 1ULL << p->dim[i];
        if (len + dl + p->ilen[i] + 2 >= size)
            return -1;
        if (i)
            buf[len++] = ';';
        memcpy(buf + len, c->dim[p->dim[i]], dl);
        len += dl;
        buf[len++] = '=';
        memcpy(buf + len, p->item[i], p->ilen[i]);
        len += p->ilen[i];
    }
    buf[len] = '\0';
    return (long)len;
}

/* 1 when dimension `dim` has item it[0..n). */
static int item_exists(const struct cat *c, int dim, const char *it,
                       size_t n)
{
    char buf[160];
    uint32_t v;
    size_t dl = strlen(c->dim[dim]);

    if (dl + n + 2 > sizeof buf)
        return 0;
    memcpy(buf, c->dim[dim], dl);
    buf[dl] = '=';
    memcpy(buf + dl + 1, it, n);
    return smap_get(&c->item_map, buf, dl + 1 + n, &v);
}

/* --- mapping checks against the catalogue ------------------------- */

static int dim_bit(const struct cat *c, const char *code)
{
    uint32_t bit;

    return code && smap_get(&c->dim_map, code, strlen(code), &bit)
               ? (int)bit : -1;
}

/* Resolve a filter list against the header. */
static int resolve_filters(struct imp *x, json_t *a, struct col_filter *out,
                           int *n)
{
    size_t i;
    json_t *f;

    *n = 0;
    json_array_foreach(a, i, f) {
        const char *col = jstr(f, "kolom");

        out[*n].ci = header_col(&x->hdr, col);
        out[*n].vals = json_object_get(f, "waarden");
        if (out[*n].ci < 0) {
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
            return -1;
        }
        (*n)++;
    }
    return 0;
}

/* Match a column name against the pattern, e.g. "{geslacht}{jaar}"
 * against "VROUW2016": 1 with year and the part's map key. */
static int pattern_match(const char *pat, const char *name, json_t *part,
                         const char *part_dim, int *year,
                         const char **key)
{
    if (*pat == '\0')
        return *name == '\0';
    if (strncmp(pat, "{jaar}", 6) == 0) {
        int i, y = 0;

        for (i = 0; i < 4; i++) {
            if (name[i] < '0' || name[i] > '9')
                return 0;
            y = y * 10 + (name[i] - '0');
        }
        if (!pattern_match(pat + 6, name + 4, part, part_dim, year, key))
            return 0;
        *year = y;
        return 1;
    }
    if (*pat == '{' && part_dim) {
        size_t dl = strlen(part_dim);
        const char *k;
        json_t *v;

        if (strncmp(pat + 1, part_dim, dl) != 0 || pat[dl + 1] != '}')
            return 0;
        json_object_foreach(part, k, v) {
            size_t kl = strlen(k);

            (void)v;
            if (strncmp(name, k, kl) == 0 &&
                pattern_match(pat + dl + 2, name + kl, part, part_dim, year,
                              key)) {
                *key = k;
                return 1;
            }
        }
        return 0;
    }
    return *pat == *name &&
           pattern_match(pat + 1, name + 1, part, part_dim, year, key);
}

/* Check a tabel/cbs mapping against the catalogue and resolve its
 * columns against the header. -1 with errors added (or f set). */
static int resolve_table(struct imp *x)
{
    struct mapping *m = x->map;
    struct cat *c = &x->cat;
    const char *fixed = jstr(m->region, "vast"), *col;
    json_t *reg = json_object_get(m->region, "registreren"), *v;
    uint64_t used = 0;
    size_t i;

    x->reg_ci = x->reg_name_ci = x->prov_ci = x->period_ci = -1;
    if (fixed) {
        uint32_t pos;

        if (!smap_get(&c->reg_map, fixed, strlen(fixed), &pos)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: de vaste regio %s bestaat "
                      "niet.", m->code, fixed);
            return -1;
        }
        x->reg_fixed = pos;
    } else {
        col = jstr(m->region, "kolom");
        x->reg_ci = header_col(&x->hdr, col);
        if (x->reg_ci < 0)
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    if (reg) {
        col = jstr(reg, "naamKolom");
        x->reg_name_ci = header_col(&x->hdr, col);
        x->reg_kind = reg_kind_parse(jstr(reg, "soort"));
        if (x->reg_name_ci < 0)
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    col = jstr(m->region, "provincieKolom");
    if (col) {
        x->prov_ci = header_col(&x->hdr, col);
        if (x->prov_ci < 0)
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    if (resolve_filters(x, m->filters, x->filt, &x->nfilt) != 0)
        return -1;
    x->nsplit = 0;
    json_array_foreach(m->splits, i, v) {
        struct col_split *sp = &x->split[x->nsplit];
        const char *item;
        json_t *iv;

        col = jstr(v, "kolom");
        sp->ci = header_col(&x->hdr, col);
        sp->dim = dim_bit(c, jstr(v, "dimensie"));
        sp->vals = json_object_get(v, "waarden");
        sp->skip_unknown = jstr(v, "onbekend") &&
                           strcmp(jstr(v, "onbekend"), "overslaan") == 0;
        if (sp->dim < 0) {
            fault_set(x->f, FAULT_STORE, "Bron %s: onbekende dimensie %s.",
                      m->code, jstr(v, "dimensie"));
            return -1;
        }
        json_object_foreach(sp->vals, item, iv)
            if (!json_is_string(iv) ||
                (json_string_length(iv) > 0 &&
                 !item_exists(c, sp->dim, json_string_value(iv),
                              json_string_length(iv)))) {
                fault_set(x->f, FAULT_STORE, "Bron %s: %s is geen waarde "
                          "van dimensie %s.", m->code,
                          json_is_string(iv) ? json_string_value(iv) : item,
                          c->dim[sp->dim]);
                return -1;
            }
        if (sp->ci < 0)
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
        used |= 1ULL << sp->dim;
        x->nsplit++;
    }
    x->nvals = 0;
    if (m->valcols) {
        const char *pat = jstr(m->valcols, "patroon");
        json_t *parts = json_object_get(m->valcols, "delen");
        const char *part_dim = NULL, *k;
        json_t *part = NULL;
        int part_bit = -1;

        json_object_foreach(parts, k, v) {
            part_dim = k;
            part = v;
        }
        if (json_object_size(parts) > 1 ||
            (part_dim && (part_bit = dim_bit(c, part_dim)) < 0)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: waardekolommen.delen noemt "
                      "één dimensie.", m->code);
            return -1;
        }
        if (part_bit >= 0)
            used |= 1ULL << part_bit;
        for (i = 0; i < x->hdr.n; i++) {
            const char *key = NULL;
            struct period p;
            int year = 0;
            long pos;
            json_t *iv;

            if (!pattern_match(pat, x->hdr.name[i], part, part_dim, &year,
                               &key))
                continue;
            iv = key ? json_object_get(part, key) : NULL;
            if (key && json_is_null(iv))
                continue;           /* a column the mapping ignores */
            if (key && (!json_is_string(iv) ||
                        !item_exists(c, part_bit, json_string_value(iv),
                                     json_string_length(iv)))) {
                fault_set(x->f, FAULT_STORE, "Bron %s: waardekolommen.delen: "
                          "%s is geen waarde van %s.", m->code, key,
                          part_dim);
                return -1;
            }
            if (period_make((enum period_kind)m->period_kind, year,
                            m->period_month, &p) != 0) {
                add_error(x, "regel 1, kolom %s: %d is geen geldig jaar",
                          x->hdr.name[i], year);
                continue;
            }
            if (x->nvals == MAP_MAX_VALCOLS) {
                add_error(x, "regel 1: meer dan %d waardekolommen",
                          MAP_MAX_VALCOLS);
                return -1;
            }
            pos = per_pos(x, &p);
            if (pos < 0)
                return -1;
            x->vals[x->nvals].ci = (int)i;
            x->vals[x->nvals].per = (uint32_t)pos;
            x->vals[x->nvals].year = year;
            x->vals[x->nvals].item = key ? json_string_value(iv) : NULL;
            x->vals[x->nvals].item_dim = key ? part_bit : -1;
            x->nvals++;
        }
        if (x->nvals == 0)
            add_error(x, "regel 1: geen enkele kolom past bij het patroon "
                      "'%s' van de bron", pat);
    } else {
        x->period_ci = header_col(&x->hdr, m->period_col);
        if (x->period_ci < 0)
            add_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      m->period_col);
    }
    x->nout = 0;
    json_array_foreach(m->outs, i, v) {
        struct out_res *o = &x->out[x->nout];
        const char *code = jstr(v, "indicator");
        uint32_t pos;

        if (!smap_get(&c->ind_map, code, strlen(code), &pos)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: onbekende indicator %s.",
                      m->code, code);
            return -1;
        }
        if (c->ind[pos].ratio) {
            fault_set(x->f, FAULT_STORE, "Bron %s: indicator %s wordt "
                      "berekend (ratio) en kan niet geïmporteerd worden.",
                      m->code, code);
            return -1;
        }
        if ((used & ~c->ind[pos].dims) != 0) {
            fault_set(x->f, FAULT_STORE, "Bron %s: de uitsplitsingen passen "
                      "niet bij de dimensies van indicator %s.", m->code,
                      code);
            return -1;
        }
        if (m->valcols && c->ind[pos].kind != m->period_kind) {
            fault_set(x->f, FAULT_STORE, "Bron %s: indicator %s heeft een "
                      "andere periodesoort (%s) dan de bron.", m->code, code,
                      period_kind_code((enum period_kind)c->ind[pos].kind));
            return -1;
        }
        o->ind = pos;
        o->vci = -1;
        if (m->period_col) {
            o->vci = header_col(&x->hdr, jstr(v, "waardekolom"));
            if (o->vci < 0)
                add_error(x, "regel 1: de kolom '%s' ontbreekt in de "
                          "kopregel", jstr(v, "waardekolom"));
        }
        if (resolve_filters(x, json_object_get(v, "filters"), o->f, &o->nf)
                != 0)
            return -1;
        x->nout++;
    }
    return x->s->nerrors ? -1 : 0;
}

/* --- reading a table source --------------------------------------- */

static int in_list(json_t *vals, const char *s, size_t n)
{
    size_t i;
    json_t *v;

    json_array_foreach(vals, i, v)
        if (json_string_length(v) == n &&
            memcmp(json_string_value(v), s, n) == 0)
            return 1;
    return 0;
}

static int filters_pass(struct csv *c, const struct col_filter *f, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        size_t len;
        const char *t = trim(csv_field(c, (size_t)f[i].ci),
                             csv_field_len(c, (size_t)f[i].ci), &len);

        if (!in_list(f[i].vals, t, len))
            return 0;
    }
    return 1;
}

static int is_missing(const struct mapping *m, const char *t, size_t len)
{
    if (m->missing == NULL)
        return len == 0;
    return in_list(m->missing, t, len);
}

/* Record (gemeente at position child) lies in province `parent` in
 * years from..to, as line says. Conflicts within the file are errors. */
static int link_note(struct imp *x, uint32_t child, uint32_t parent,
                     int from, int to, long long line)
{
    size_t i;

    for (i = 0; i < x->nlinks; i++) {
        struct link *l = &x->links[i];

        if (l->child != child)
            continue;
        if (l->parent != parent) {
            add_error(x, "regel %lld, kolom %s: gemeente %s ligt volgens "
                      "regel %lld in een andere provincie",
                      line, x->hdr.name[x->prov_ci], x->cat.reg[child].code,
                      l->line);
            return -1;
        }
        if (from < l->from)
            l->from = from;
        if (to > l->to)
            l->to = to;
        return 0;
    }
    if (grow((void **)&x->links, &x->caplinks, x->nlinks + 1,
             sizeof *x->links) != 0)
        return oom(x);
    x->links[x->nlinks].child = child;
    x->links[x->nlinks].parent = parent;
    x->links[x->nlinks].from = from;
    x->links[x->nlinks].to = to;
    x->links[x->nlinks].line = line;
    x->nlinks++;
    return 0;
}

/* The region of the current record; -1 when refused (error added). */
static long table_region(struct imp *x, struct csv *c, long long line)
{
    struct mapping *m = x->map;
    char code[32], name[128];
    const char *prefix = jstr(m->region, "prefix");
    size_t len;
    const char *t;
    uint32_t pos;
    long p;

    if (x->reg_ci < 0)
        return (long)x->reg_fixed;
    t = trim(csv_field(c, (size_t)x->reg_ci),
             csv_field_len(c, (size_t)x->reg_ci), &len);
    if (prefix) {
        size_t digits = (size_t)json_integer_value(
                            json_object_get(m->region, "cijfers"));
        size_t i;

        if (digits == 0)
            digits = 4;
        for (i = 0; i < len; i++)
            if (t[i] < '0' || t[i] > '9')
                break;
        if (len == 0 || i < len || len > digits) {
            add_error(x, "regel %lld, kolom %s: '%.*s' is geen code van "
                      "hoogstens %zu cijfers", line,
                      x->hdr.name[x->reg_ci], (int)(len > 40 ? 40 : len), t,
                      digits);
            return -1;
        }
        snprintf(code, sizeof code, "%s%0*d", prefix, (int)digits,
                 atoi(trimmed(t, len, name, sizeof name)));
    } else {
        if (len == 0 || len >= sizeof code) {
            add_error(x, "regel %lld, kolom %s: lege of te lange regiocode",
                      line, x->hdr.name[x->reg_ci]);
            return -1;
        }
        memcpy(code, t, len);
        code[len] = '\0';
    }
    if (smap_get(&x->cat.reg_map, code, strlen(code), &pos))
        return (long)pos;
    if (x->reg_name_ci < 0) {
        add_error(x, "regel %lld, kolom %s: onbekende regio %s (importeer "
                  "eerst de regiocodes, bv. RegioS.csv)", line,
                  x->hdr.name[x->reg_ci], code);
        return -1;
    }
    trimmed(csv_field(c, (size_t)x->reg_name_ci),
            csv_field_len(c, (size_t)x->reg_name_ci), name, sizeof name);
    if (name[0] == '\0' || !text_clean(name, 0)) {
        add_error(x, "regel %lld, kolom %s: de nieuwe regio %s heeft geen "
                  "(geldige) naam", line, x->hdr.name[x->reg_name_ci], code);
        return -1;
    }
    p = reg_add(x, code, name, x->reg_kind);
    return p;
}

/* The province of the record's gemeente, as a link over the years of
 * the value columns. */
static int table_province(struct imp *x, struct csv *c, long reg,
                          long long line, int year_from, int year_to)
{
    char name[128];
    uint32_t pos;

    if (x->prov_ci < 0 || x->cat.reg[reg].kind != RK_GEMEENTE)
        return 0;
    trimmed(csv_field(c, (size_t)x->prov_ci),
            csv_field_len(c, (size_t)x->prov_ci), name, sizeof name);
    lower(name);
    if (!smap_get(&x->cat.prov_names, name, strlen(name), &pos)) {
        add_error(x, "regel %lld, kolom %s: onbekende provincie '%s'", line,
                  x->hdr.name[x->prov_ci],
                  trimmed(csv_field(c, (size_t)x->prov_ci),
                          csv_field_len(c, (size_t)x->prov_ci), name,
                          sizeof name));
        return -1;
    }
    return link_note(x, (uint32_t)reg, pos, year_from, year_to, line);
}

/* The splits of the record as pairs; 0 ok, 1 skip the record, -1 error. */
static int table_splits(struct imp *x, struct csv *c, long long line,
                        struct pairs *p)
{
    int i;

    p->n = 0;
    for (i = 0; i < x->nsplit; i++) {
        const struct col_split *sp = &x->split[i];
        char val[256], reason[96];
        json_t *iv;

        trimmed(csv_field(c, (size_t)sp->ci),
                csv_field_len(c, (size_t)sp->ci), val, sizeof val);
        iv = json_object_get(sp->vals, val);
        if (iv == NULL) {
            if (sp->skip_unknown) {
                snprintf(reason, sizeof reason, "regels met een andere "
                         "waarde in kolom %s", x->hdr.name[sp->ci]);
                skip(x, reason, 1);
                return 1;
            }
            add_error(x, "regel %lld, kolom %s: onbekende waarde '%s' (de "
                      "bron kent %zu waarden)", line, x->hdr.name[sp->ci],
                      val, json_object_size(sp->vals));
            return -1;
        }
        if (json_string_length(iv) == 0)
            continue;               /* the total */
        p->dim[p->n] = sp->dim;
        p->item[p->n] = json_string_value(iv);
        p->ilen[p->n] = json_string_length(iv);
        p->n++;
    }
    return 0;
}

/* The period of a CBS record for indicator ind: position, or -2 when it
 * is of another kind (skip), -1 on error. */
static long table_period(struct imp *x, struct csv *c, long long line,
                         uint32_t ind)
{
    struct cat *cat = &x->cat;
    size_t len;
    const char *t = trim(csv_field(c, (size_t)x->period_ci),
                         csv_field_len(c, (size_t)x->period_ci), &len);
    uint32_t pos;
    long p;

    if (!smap_get(&cat->per_map, t, len, &pos)) {
        struct period per;
        char buf[32];

        if (period_parse(trimmed(t, len, buf, sizeof buf), &per) != 0) {
            add_error(x, "regel %lld, kolom %s: '%s' is geen periodecode "
                      "(bv. 2016JJ00, 2016HJ01, 2016KW02, 2016MM03, "
                      "2016SJ10)", line, x->hdr.name[x->period_ci], buf);
            return -1;
        }
        p = per_pos(x, &per);
        if (p < 0)
            return -1;
        pos = (uint32_t)p;
    }
    if (cat->per[pos].kind != cat->ind[ind].kind)
        return -2;
    return (long)pos;
}

/* 1 definitief, 0 voorlopig, from the CBS Perioden.csv status of the
 * record's period (definitief when there is no such file). */
static int cbs_status(struct imp *x, struct csv *c)
{
    size_t len;
    const char *t;
    uint32_t v;

    if (!x->have_status || x->period_ci < 0)
        return 1;
    t = trim(csv_field(c, (size_t)x->period_ci),
             csv_field_len(c, (size_t)x->period_ci), &len);
    return smap_get(&x->status, t, len, &v) ? (int)v - 1 : 1;
}

/* Turn one value cell into a row; skips missing values. */
static int table_cell(struct imp *x, struct csv *c, long long line,
                      uint32_t ind, long reg, const struct pairs *base,
                      int ci, uint32_t per, const char *item, int item_dim,
                      int definitief)
{
    char key[512];
    struct pairs p = *base;
    uint64_t mask;
    size_t len;
    const char *t = trim(csv_field(c, (size_t)ci),
                         csv_field_len(c, (size_t)ci), &len);
    double v;
    long kl, dp;

    if (is_missing(x->map, t, len)) {
        skip(x, "lege of ontbrekende waarden (cellen)", 1);
        return 0;
    }
    if (parse_number(t, len, &v) != 0) {
        add_error(x, "regel %lld, kolom %s: '%.*s' is geen getal", line,
                  x->hdr.name[ci], (int)(len > 40 ? 40 : len), t);
        return -1;
    }
    if (item) {
        p.dim[p.n] = item_dim;
        p.item[p.n] = item;
        p.ilen[p.n] = strlen(item);
        p.n++;
    }
    kl = pairs_key(&x->cat, &p, key, sizeof key, &mask);
    if (kl < 0) {
        add_error(x, "regel %lld: een dimensie komt twee keer voor in de "
                  "uitsplitsing", line);
        return -1;
    }
    dp = dis_pos(x, key, (size_t)kl, mask);
    if (dp < 0)
        return -1;
    return push_row(x, KEY(ind, (uint32_t)reg, (uint32_t)dp, per), v, line,
                    definitief);
}

static void stage(struct imp *x, const char *what)
{
    if (x->o->stage)
        x->o->stage(x->o->progress_ctx, what);
}

static void progress(struct imp *x, struct csv *c)
{
    if (x->o->progress)
        x->o->progress(x->o->progress_ctx, csv_offset(c), x->total,
                       x->s->rows_read);
}

/* Read every record of a table (tabel or cbs) source. */
static int read_table(struct imp *x, struct csv *c)
{
    int year_from = 9999, year_to = 0, i, rc;

    if (resolve_table(x) != 0)
        return -1;
    for (i = 0; i < x->nvals; i++) {
        if (x->vals[i].year < year_from)
            year_from = x->vals[i].year;
        if (x->vals[i].year > year_to)
            year_to = x->vals[i].year;
    }
    while (!x->stop && (rc = csv_next(c)) != 0) {
        long long line = csv_line(c);
        struct pairs p;
        long reg;
        int o, used = 0, sr, pass[MAP_MAX_OUTS];

        if (rc < 0) {
            add_error(x, "%s", csv_error(c));
            if (csv_fatal(c))
                break;
            continue;
        }
        if (csv_blank(c)) {
            skip(x, "lege regels", 1);
            continue;
        }
        x->s->rows_read++;
        if ((x->s->rows_read & (IMPORT_PROGRESS_EVERY - 1)) == 0)
            progress(x, c);
        if (csv_count(c) != x->hdr.n) {
            add_error(x, "regel %lld: %zu velden, verwacht %zu%s", line,
                      csv_count(c), x->hdr.n,
                      csv_count(c) < x->hdr.n ? "; is het bestand "
                      "afgebroken?" : "");
            continue;
        }
        reg = table_region(x, c, line);
        if (reg < 0)
            continue;
        if (x->nvals && table_province(x, c, reg, line, year_from, year_to)
                != 0)
            continue;
        if (!filters_pass(c, x->filt, x->nfilt)) {
            skip(x, "regels buiten het filter van de bron", 1);
            continue;
        }
        for (o = 0; o < x->nout; o++)
            pass[o] = filters_pass(c, x->out[o].f, x->out[o].nf);
        for (o = 0; o < x->nout; o++)
            used |= pass[o];
        if (!used) {
            skip(x, "regels buiten het filter van de bron", 1);
            continue;
        }
        sr = table_splits(x, c, line, &p);
        if (sr != 0)
            continue;
        for (o = 0; o < x->nout && !x->stop; o++) {
            const struct out_res *out = &x->out[o];

            if (!pass[o])
                continue;
            if (x->nvals) {
                for (i = 0; i < x->nvals; i++)
                    if (table_cell(x, c, line, out->ind, reg, &p,
                                   x->vals[i].ci, x->vals[i].per,
                                   x->vals[i].item, x->vals[i].item_dim,
                                   1) != 0 && x->f->kind)
                        return -1;
            } else {
                long per = table_period(x, c, line, out->ind);

                if (per == -2) {
                    skip(x, "cellen van een andere periodesoort dan de "
                            "indicator", 1);
                    continue;
                }
                if (per < 0) {
                    if (x->f->kind)
                        return -1;
                    continue;
                }
                if (table_cell(x, c, line, out->ind, reg, &p, out->vci,
                               (uint32_t)per, NULL, -1, cbs_status(x, c))
                        != 0 && x->f->kind)
                    return -1;
            }
        }
        if (x->f->kind)
            return -1;
    }
    progress(x, c);
    return x->f->kind ? -1 : 0;
}

/* --- reading koers-lang ------------------------------------------- */

/* The last value of a column and what it resolved to: consecutive rows
 * usually repeat indicator, region and period. */
struct last {
    char text[128];
    size_t len;
    long pos;
};

static int same(struct last *l, const char *s, size_t n)
{
    return l->pos >= 0 && n == l->len && memcmp(l->text, s, n) == 0;
}

static void remember(struct last *l, const char *s, size_t n, long pos)
{
    if (n >= sizeof l->text) {
        l->pos = -1;
        return;
    }
    memcpy(l->text, s, n);
    l->len = n;
    l->pos = pos;
}

/* Parse a written disaggregation key into its canonical position. */
static long lang_disagg(struct imp *x, const char *s, size_t n,
                        long long line)
{
    struct cat *c = &x->cat;
    struct pairs p = { .n = 0 };
    char key[512];
    uint64_t mask;
    uint32_t pos;
    size_t i = 0;
    long kl, dp;

    if (smap_get(&c->raw_dis, s, n, &pos))
        return (long)pos;
    while (i < n) {
        size_t j = i, eq = 0, dl, il;
        uint32_t bit;

        while (j < n && s[j] != ';') {
            if (s[j] == '=' && eq == 0)
                eq = j;
            j++;
        }
        if (eq == 0 || eq == i || eq + 1 == j || p.n == 16) {
            add_error(x, "regel %lld, kolom uitsplitsing: '%.*s' is geen "
                      "uitsplitsing (dimensie=waarde, gescheiden door ';')",
                      line, (int)(n > 60 ? 60 : n), s);
            return -1;
        }
        dl = eq - i;
        il = j - eq - 1;
        if (!smap_get(&c->dim_map, s + i, dl, &bit)) {
            add_error(x, "regel %lld, kolom uitsplitsing: onbekende dimensie "
                      "'%.*s'", line, (int)(dl > 40 ? 40 : dl), s + i);
            return -1;
        }
        if (!item_exists(c, (int)bit, s + eq + 1, il)) {
            add_error(x, "regel %lld, kolom uitsplitsing: dimensie %s kent "
                      "de waarde '%.*s' niet", line, c->dim[bit],
                      (int)(il > 40 ? 40 : il), s + eq + 1);
            return -1;
        }
        p.dim[p.n] = (int)bit;
        p.item[p.n] = s + eq + 1;
        p.ilen[p.n] = il;
        p.n++;
        i = j + 1;
        if (j + 1 == n) {
            add_error(x, "regel %lld, kolom uitsplitsing: ';' aan het eind",
                      line);
            return -1;
        }
    }
    kl = pairs_key(c, &p, key, sizeof key, &mask);
    if (kl < 0) {
        add_error(x, "regel %lld, kolom uitsplitsing: een dimensie komt "
                  "twee keer voor", line);
        return -1;
    }
    dp = dis_pos(x, key, (size_t)kl, mask);
    if (dp < 0)
        return -1;
    if (smap_put(&c->raw_dis, s, n, (uint32_t)dp) != 0)
        return oom(x);
    return dp;
}

static const char *const kind_plural[PERIOD_KIND_COUNT] = {
    "jaren", "studiejaren", "halfjaren", "kwartalen", "maanden"
};

/* One koers-lang record. */
static int lang_record(struct imp *x, struct csv *c, long long line,
                       struct last *li, struct last *lr, struct last *lp,
                       struct last *ld)
{
    struct cat *cat = &x->cat;
    const char *f[6];
    size_t n[6];
    struct ind_info *ind;
    uint32_t pos;
    long per, dis;
    double v;
    int k, def;

    csv_record(c, f, n, 6);
    for (k = 0; k < 6; k++)
        f[k] = trim(f[k], n[k], &n[k]);
    if (!same(li, f[0], n[0])) {
        if (!smap_get(&cat->ind_map, f[0], n[0], &pos)) {
            add_error(x, "regel %lld, kolom indicator: onbekende indicator "
                      "'%.*s'", line, (int)(n[0] > 60 ? 60 : n[0]), f[0]);
            return -1;
        }
        if (cat->ind[pos].ratio) {
            add_error(x, "regel %lld, kolom indicator: %s wordt berekend "
                      "uit teller en noemer en kan niet geïmporteerd worden",
                      line, cat->ind[pos].code);
            return -1;
        }
        remember(li, f[0], n[0], (long)pos);
    }
    ind = &cat->ind[li->pos];
    if (!same(lr, f[1], n[1])) {
        if (!smap_get(&cat->reg_map, f[1], n[1], &pos)) {
            add_error(x, "regel %lld, kolom regio: onbekende regio '%.*s'",
                      line, (int)(n[1] > 40 ? 40 : n[1]), f[1]);
            return -1;
        }
        remember(lr, f[1], n[1], (long)pos);
    }
    if (!same(lp, f[2], n[2])) {
        if (smap_get(&cat->per_map, f[2], n[2], &pos)) {
            per = (long)pos;
        } else {
            struct period p;
            char buf[32];

            if (period_parse(trimmed(f[2], n[2], buf, sizeof buf), &p)
                    != 0) {
                add_error(x, "regel %lld, kolom periode: '%s' is geen "
                          "periodecode (bv. 2016JJ00, 2016SJ10, 2016KW02)",
                          line, buf);
                return -1;
            }
            per = per_pos(x, &p);
            if (per < 0)
                return -1;
        }
        remember(lp, f[2], n[2], per);
    }
    per = lp->pos;
    if (cat->per[per].kind != ind->kind) {
        add_error(x, "regel %lld, kolom periode: %.*s is geen periode van "
                  "indicator %s (die heeft %s)", line, (int)n[2], f[2],
                  ind->code, kind_plural[ind->kind]);
        return -1;
    }
    if (!same(ld, f[3], n[3])) {
        dis = lang_disagg(x, f[3], n[3], line);
        if (dis < 0)
            return -1;
        remember(ld, f[3], n[3], dis);
    }
    dis = ld->pos;
    if ((cat->dis[dis].mask & ~ind->dims) != 0) {
        add_error(x, "regel %lld, kolom uitsplitsing: indicator %s kent niet "
                  "alle dimensies van '%.*s'", line, ind->code,
                  (int)(n[3] > 60 ? 60 : n[3]), f[3]);
        return -1;
    }
    if (ind->som) {
        if (!ind->level_set) {
            ind->level = cat->dis[dis].mask;
            ind->level_line = line;
            ind->level_set = 1;
        } else if (ind->level != cat->dis[dis].mask) {
            add_error(x, "regel %lld, kolom uitsplitsing: '%.*s' is anders "
                      "uitgesplitst dan regel %lld; een optelbare indicator "
                      "heeft in één bestand overal dezelfde dimensies (anders "
                      "telt het totaal dubbel)", line,
                      (int)(n[3] > 60 ? 60 : n[3]), f[3], ind->level_line);
            return -1;
        }
    }
    if (n[4] == 0) {
        add_error(x, "regel %lld, kolom waarde: de waarde ontbreekt", line);
        return -1;
    }
    if (parse_number(f[4], n[4], &v) != 0) {
        add_error(x, "regel %lld, kolom waarde: '%.*s' is geen getal (met "
                  "een punt als decimaalteken)", line,
                  (int)(n[4] > 40 ? 40 : n[4]), f[4]);
        return -1;
    }
    if (n[5] == 10 && memcmp(f[5], "definitief", 10) == 0) {
        def = 1;
    } else if (n[5] == 9 && memcmp(f[5], "voorlopig", 9) == 0) {
        def = 0;
    } else {
        add_error(x, "regel %lld, kolom status: '%.*s' is niet definitief "
                  "of voorlopig", line, (int)(n[5] > 40 ? 40 : n[5]), f[5]);
        return -1;
    }
    return push_row(x, KEY(li->pos, lr->pos, dis, per), v, line, def);
}

static int read_lang(struct imp *x, struct csv *c)
{
    struct last li = { .pos = -1 }, lr = { .pos = -1 }, lp = { .pos = -1 },
                ld = { .pos = -1 };
    int rc;

    while (!x->stop && (rc = csv_next(c)) != 0) {
        long long line = csv_line(c);

        if (rc < 0) {
            add_error(x, "%s", csv_error(c));
            if (csv_fatal(c))
                break;
            continue;
        }
        if (csv_blank(c)) {
            skip(x, "lege regels", 1);
            continue;
        }
        x->s->rows_read++;
        if ((x->s->rows_read & (IMPORT_PROGRESS_EVERY - 1)) == 0)
            progress(x, c);
        if (csv_count(c) != 6) {
            add_error(x, "regel %lld: %zu velden, verwacht 6%s", line,
                      csv_count(c), csv_count(c) < 6 ? "; is het bestand "
                      "afgebroken?" : "");
            continue;
        }
        if (lang_record(x, c, line, &li, &lr, &lp, &ld) != 0 && x->f->kind)
            return -1;
    }
    progress(x, c);
    return x->f->kind ? -1 : 0;
}

/* --- sorting, combining, comparing, writing ----------------------- */

/* Stable LSD radix sort on the key; passes whose byte is the same in
 * every key are skipped, and sorted input costs one check. */
static int sort_rows(struct row *a, size_t n)
{
    size_t count[8][256], i;
    struct row *tmp, *src = a, *dst;
    int b, sorted = 1;

    for (i = 1; i < n && sorted; i++)
        sorted = a[i - 1].key <= a[i].key;
    if (sorted)
        return 0;
    tmp = malloc(n * sizeof *tmp);
    if (tmp == NULL)
        return -1;
    memset(count, 0, sizeof count);
    for (i = 0; i < n; i++)
        for (b = 0; b < 8; b++)
            count[b][(a[i].key >> (8 * b)) & 0xFF]++;
    dst = tmp;
    for (b = 0; b < 8; b++) {
        size_t pos[256], sum = 0;
        int k, trivial = 0;

        for (k = 0; k < 256; k++)
            if (count[b][k] == n)
                trivial = 1;
        if (trivial)
            continue;
        for (k = 0; k < 256; k++) {
            pos[k] = sum;
            sum += count[b][k];
        }
        for (i = 0; i < n; i++)
            dst[pos[(src[i].key >> (8 * b)) & 0xFF]++] = src[i];
        dst = src;
        src = src == a ? tmp : a;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    return 0;
}

/* Describe a row's cell for messages. */
static void cell_text(struct imp *x, uint64_t key, char *out, size_t len)
{
    struct cat *c = &x->cat;
    sqlite3_stmt *st;
    char per[32] = "?", dis[256] = "";

    st = store_prepare(x->db, "SELECT (SELECT code FROM period WHERE id = "
                              "?1), (SELECT key FROM disaggregation WHERE "
                              "id = ?2)");
    if (st) {
        sqlite3_bind_int64(st, 1, c->per[K_PER(key)].id);
        sqlite3_bind_int64(st, 2, c->dis[K_DIS(key)].id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(per, sizeof per, "%s", store_col(st, 0));
            snprintf(dis, sizeof dis, "%s", store_col(st, 1));
        }
        sqlite3_finalize(st);
    }
    snprintf(out, len, "indicator %s, regio %s, periode %s, uitsplitsing "
             "'%s'", c->ind[K_IND(key)].code, c->reg[K_REG(key)].code, per,
             dis);
}

/* Sum rows with the same key (a summing source) or refuse them. */
static void combine(struct imp *x)
{
    size_t i, j = 0;

    for (i = 0; i < x->nrows; i++) {
        struct row *r = &x->rows[i];

        if (j > 0 && x->rows[j - 1].key == r->key) {
            struct row *p = &x->rows[j - 1];
            char cell[400];

            if (x->map->sum) {
                p->value += r->value;
                p->flags &= r->flags | ~ROW_DEF;
                continue;
            }
            cell_text(x, r->key, cell, sizeof cell);
            add_error(x, "regel %u en regel %u: dezelfde waarneming staat "
                      "twee keer in het bestand (%s)", p->line, r->line,
                      cell);
            if (x->stop)
                return;
            continue;
        }
        x->rows[j++] = *r;
    }
    x->nrows = j;
}

/* Compare the rows of every indicator with the store: mark new and
 * changed rows and count. One ordered scan per indicator that has rows
 * in the store; none for an indicator without. */
static int compare(struct imp *x)
{
    struct cat *c = &x->cat;
    struct import_summary *s = x->s;
    sqlite3_stmt *st = NULL, *ex = NULL;
    size_t a = 0;
    int rc = -1;

    ex = store_prepare(x->db, "SELECT EXISTS (SELECT 1 FROM observation "
                              "WHERE indicator_id = ?)");
    st = store_prepare(x->db,
        "SELECT region_id, disagg_id, period_id, value, definitief, origin "
        "FROM observation WHERE indicator_id = ? ORDER BY region_id, "
        "disagg_id, period_id");
    if (ex == NULL || st == NULL)
        goto done;
    while (a < x->nrows) {
        uint32_t ind = K_IND(x->rows[a].key);
        size_t b = a, i;
        int have, step = SQLITE_DONE;
        sqlite3_int64 er = 0, ed = 0, ep = 0;

        while (b < x->nrows && K_IND(x->rows[b].key) == ind)
            b++;
        sqlite3_bind_int64(ex, 1, c->ind[ind].id);
        have = sqlite3_step(ex) == SQLITE_ROW && sqlite3_column_int(ex, 0);
        sqlite3_reset(ex);
        if (have) {
            sqlite3_bind_int64(st, 1, c->ind[ind].id);
            step = sqlite3_step(st);
            if (step == SQLITE_ROW) {
                er = sqlite3_column_int64(st, 0);
                ed = sqlite3_column_int64(st, 1);
                ep = sqlite3_column_int64(st, 2);
            }
        }
        for (i = a; i < b; i++) {
            struct row *r = &x->rows[i];
            sqlite3_int64 rr = c->reg[K_REG(r->key)].id,
                          rd = c->dis[K_DIS(r->key)].id,
                          rp = c->per[K_PER(r->key)].id;

            while (step == SQLITE_ROW &&
                   (er < rr || (er == rr && (ed < rd ||
                                             (ed == rd && ep < rp))))) {
                step = sqlite3_step(st);
                if (step == SQLITE_ROW) {
                    er = sqlite3_column_int64(st, 0);
                    ed = sqlite3_column_int64(st, 1);
                    ep = sqlite3_column_int64(st, 2);
                }
            }
            if (step == SQLITE_ROW && er == rr && ed == rd && ep == rp &&
                sqlite3_column_int(st, 5) == 0) {
                if (sqlite3_column_double(st, 3) == r->value &&
                    sqlite3_column_int(st, 4) == (int)(r->flags & ROW_DEF)) {
                    s->unchanged++;
                } else {
                    r->flags |= ROW_UPD;
                    s->updated++;
                    c->ind[ind].changed = 1;
                }
            } else {
                r->flags |= ROW_NEW;
                s->imported++;
                c->ind[ind].changed = 1;
            }
        }
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
        a = b;
    }
    rc = 0;
done:
    if (rc != 0)
        store_fail(x, "het vergelijken met de opgeslagen waarnemingen");
    sqlite3_finalize(ex);
    sqlite3_finalize(st);
    return rc;
}

/* Region links noted while reading: add or widen them, refuse a
 * province that contradicts the store. */
static int apply_links(struct imp *x)
{
    struct cat *c = &x->cat;
    sqlite3_stmt *q = NULL;
    size_t i;
    int rc = -1;

    q = store_prepare(x->db,
        "SELECT l.parent, l.year_from, l.year_to FROM region_link l JOIN "
        "region p ON p.code = l.parent WHERE l.child = ? AND p.kind = "
        "'provincie'");
    if (q == NULL)
        return store_fail(x, "het lezen van de regio-indeling");
    for (i = 0; i < x->nlinks; i++) {
        const struct link *l = &x->links[i];
        const char *child = c->reg[l->child].code;
        const char *parent = c->reg[l->parent].code;
        int found = 0, from = 0, to = 0;
        sqlite3_stmt *w;

        store_bind_text(q, 1, child);
        while (sqlite3_step(q) == SQLITE_ROW) {
            int f = sqlite3_column_int(q, 1), t = sqlite3_column_int(q, 2);

            if (strcmp(store_col(q, 0), parent) == 0) {
                if (!found && f <= l->to + 1 && t >= l->from - 1) {
                    found = 1;
                    from = f;
                    to = t;
                }
            } else if (f <= l->to && t >= l->from) {
                add_error(x, "regel %lld, kolom %s: gemeente %s ligt volgens "
                          "Koers in %d-%d in %s; dit bestand noemt een andere "
                          "provincie (importeer eerst een regio-indeling)",
                          l->line, x->hdr.name[x->prov_ci], child, f, t,
                          store_col(q, 0));
            }
        }
        sqlite3_reset(q);
        if (found && from <= l->from && to >= l->to)
            continue;
        if (found)
            w = store_prepare(x->db, "UPDATE region_link SET year_from = "
                              "min(year_from, ?3), year_to = max(year_to, "
                              "?4) WHERE child = ?1 AND parent = ?2 AND "
                              "year_from = ?5");
        else
            w = store_prepare(x->db, "INSERT INTO region_link(child, parent, "
                              "year_from, year_to, source) VALUES "
                              "(?1,?2,?3,?4,?6)");
        if (w == NULL)
            goto done;
        store_bind_text(w, 1, child);
        store_bind_text(w, 2, parent);
        store_bind_int(w, 3, l->from);
        store_bind_int(w, 4, l->to);
        if (found)
            store_bind_int(w, 5, from);
        else
            store_bind_text(w, 6, x->map->code);
        if (store_exec_stmt(w) != 0)
            goto done;
        x->s->links_changed++;
        x->links_changed = 1;
    }
    rc = 0;
done:
    sqlite3_finalize(q);
    return rc == 0 ? 0 : store_fail(x, "de regio-indeling");
}

struct write_iter {
    struct imp *x;
    size_t i;
    sqlite3_int64 batch;
};

/* obsbulk callback: the next new or changed row, with store ids. */
static int write_next(void *ctx, struct obsbulk_row *out)
{
    struct write_iter *w = ctx;
    struct cat *c = &w->x->cat;

    while (w->i < w->x->nrows) {
        const struct row *r = &w->x->rows[w->i++];

        if (!(r->flags & (ROW_NEW | ROW_UPD)))
            continue;
        out->indicator_id = c->ind[K_IND(r->key)].id;
        out->region_id = c->reg[K_REG(r->key)].id;
        out->disagg_id = c->dis[K_DIS(r->key)].id;
        out->period_id = c->per[K_PER(r->key)].id;
        out->value = r->value;
        out->definitief = (r->flags & ROW_DEF) != 0;
        out->origin = 0;
        out->batch_id = w->batch;
        return 1;
    }
    return 0;
}

/* The batch row of this import. */
static int batch_insert(struct imp *x, const char *sha)
{
    struct import_summary *s = x->s;
    sqlite3_stmt *st = store_prepare(x->db,
        "INSERT INTO import_batch(source_code, file_name, file_sha256, "
        "user_id, rows_read, imported, updated, unchanged, rejected) VALUES "
        "(?,?,?,?,?,?,?,?,?)");

    if (st == NULL)
        return store_fail(x, "de importregistratie");
    store_bind_text(st, 1, x->map->code);
    store_bind_text(st, 2, x->name);
    store_bind_text(st, 3, sha);
    if (x->who->user_id > 0)
        store_bind_int(st, 4, x->who->user_id);
    else
        sqlite3_bind_null(st, 4);
    store_bind_int(st, 5, s->rows_read);
    store_bind_int(st, 6, s->imported);
    store_bind_int(st, 7, s->updated);
    store_bind_int(st, 8, s->unchanged);
    store_bind_int(st, 9, s->skipped);
    if (store_exec_stmt(st) != 0)
        return store_fail(x, "de importregistratie");
    s->batch_id = sqlite3_last_insert_rowid(x->db);
    return 0;
}

/* Write the changed rows and recompute the roll-ups. */
static int write_obs(struct imp *x)
{
    struct cat *c = &x->cat;
    struct write_iter w = { x, 0, x->s->batch_id };
    struct rollup_stats rs;
    size_t i;

    if (x->s->imported + x->s->updated > 0)
        stage(x, "waarnemingen schrijven");
    if (x->s->imported + x->s->updated > 0 &&
        obsbulk_insert(x->db, write_next, &w, 1) < 0)
        return store_fail(x, "de waarnemingen");
    phase("waarnemingen schrijven");
    stage(x, "optellingen berekenen");
    if (x->links_changed) {
        memset(&rs, 0, sizeof rs);
        if (rollup_all(x->db, x->s->batch_id, &rs, x->f) != 0)
            return -1;
    }
    for (i = 0; i < c->nind; i++) {
        if (!c->ind[i].changed)
            continue;
        x->s->indicators++;
        if (x->links_changed)
            continue;
        memset(&rs, 0, sizeof rs);
        if (rollup_indicator(x->db, c->ind[i].id, x->s->batch_id, &rs, x->f)
                != 0)
            return -1;
    }
    phase("optellingen (rollup)");
    return 0;
}

/* --- region code lists -------------------------------------------- */

/* "dd-mm-yyyy" after `label` in text, as ISO into out; 0 none, 1 found,
 * -1 malformed. */
static int desc_date(const char *text, const char *label, char out[11])
{
    const char *p = strstr(text, label);
    int d, m, y;

    if (p == NULL)
        return 0;
    p += strlen(label);
    if (sscanf(p, "%2d-%2d-%4d", &d, &m, &y) != 3 ||
        strlen(p) < 10 || p[2] != '-' || p[5] != '-')
        return -1;
    if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* Drop CBS's disambiguating suffixes from a name. */
static void clean_name(char *s)
{
    static const char *const suffix[] = { " (gemeente)", " (PV)", NULL };
    size_t n = strlen(s), i;

    for (i = 0; suffix[i]; i++) {
        size_t k = strlen(suffix[i]);

        if (n > k && strcmp(s + n - k, suffix[i]) == 0) {
            s[n - k] = '\0';
            return;
        }
    }
}

static int read_regiocodes(struct imp *x, struct csv *c)
{
    struct mapping *m = x->map;
    struct smap seen = { 0 };
    int ci = header_col(&x->hdr, jstr(m->cols, "code"));
    int ni = header_col(&x->hdr, jstr(m->cols, "naam"));
    int di = header_col(&x->hdr, jstr(m->cols, "omschrijving"));
    sqlite3_stmt *get = NULL;
    int rc;

    if (ci < 0 || ni < 0 || di < 0) {
        add_error(x, "regel 1: de kopregel mist een van de kolommen %s, %s, "
                  "%s", jstr(m->cols, "code"), jstr(m->cols, "naam"),
                  jstr(m->cols, "omschrijving"));
        return -1;
    }
    get = store_prepare(x->db, "SELECT name, kind, coalesce(started, ''), "
                               "coalesce(ended, '') FROM region WHERE code "
                               "= ?");
    if (get == NULL)
        return store_fail(x, "het lezen van de regio's");
    while (!x->stop && (rc = csv_next(c)) != 0) {
        long long line = csv_line(c);
        char code[32], name[160], started[11] = "", ended[11] = "";
        const char *desc, *kind;
        char pfx[3];
        size_t len, i;
        uint32_t prev;
        int kd, ok = 1;

        if (rc < 0) {
            add_error(x, "%s", csv_error(c));
            if (csv_fatal(c))
                break;
            continue;
        }
        if (csv_blank(c)) {
            skip(x, "lege regels", 1);
            continue;
        }
        x->s->rows_read++;
        if (csv_count(c) != x->hdr.n) {
            add_error(x, "regel %lld: %zu velden, verwacht %zu%s", line,
                      csv_count(c), x->hdr.n, csv_count(c) < x->hdr.n
                      ? "; is het bestand afgebroken?" : "");
            continue;
        }
        trimmed(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci), code,
                sizeof code);
        len = strlen(code);
        for (i = 2; i < len; i++)
            if (code[i] < '0' || code[i] > '9')
                ok = 0;
        if (len < 4 || len > 8 || !ok || code[0] < 'A' || code[0] > 'Z' ||
            code[1] < 'A' || code[1] > 'Z') {
            add_error(x, "regel %lld, kolom %s: '%s' is geen CBS-regiocode",
                      line, x->hdr.name[ci], code);
            continue;
        }
        memcpy(pfx, code, 2);
        pfx[2] = '\0';
        kind = jstr(m->kinds, pfx);
        if (kind == NULL) {
            skip(x, "regio's van een soort die Koers niet bijhoudt", 1);
            continue;
        }
        kd = reg_kind_parse(kind);
        if (smap_get(&seen, code, len, &prev)) {
            add_error(x, "regel %lld en regel %u: regiocode %s staat twee "
                      "keer in het bestand", (long long)prev, (unsigned)line,
                      code);
            continue;
        }
        if (smap_put(&seen, code, len, (uint32_t)line) != 0) {
            smap_free(&seen);
            sqlite3_finalize(get);
            return oom(x);
        }
        trimmed(csv_field(c, (size_t)ni), csv_field_len(c, (size_t)ni), name,
                sizeof name);
        clean_name(name);
        if (name[0] == '\0' || !text_clean(name, 0)) {
            add_error(x, "regel %lld, kolom %s: regio %s heeft geen geldige "
                      "naam", line, x->hdr.name[ni], code);
            continue;
        }
        desc = csv_field(c, (size_t)di);
        if (desc_date(desc, "Ontstaan per ", started) < 0 ||
            desc_date(desc, "Opgeheven per ", ended) < 0) {
            add_error(x, "regel %lld, kolom %s: onleesbare datum (verwacht "
                      "dd-mm-jjjj)", line, x->hdr.name[di]);
            continue;
        }
        if (started[0] == '\0' &&
            desc_date(desc, "Begindatum ", started) < 0)
            started[0] = '\0';
        store_bind_text(get, 1, code);
        if (sqlite3_step(get) == SQLITE_ROW) {
            int same_kind = reg_kind_parse(store_col(get, 1)) == kd;
            int same_all = strcmp(store_col(get, 0), name) == 0 &&
                           strcmp(store_col(get, 2), started) == 0 &&
                           strcmp(store_col(get, 3), ended) == 0;

            sqlite3_reset(get);
            if (!same_kind) {
                add_error(x, "regel %lld, kolom %s: %s bestaat al als regio "
                          "van een andere soort", line, x->hdr.name[ci],
                          code);
                continue;
            }
            if (kd != RK_GEMEENTE || same_all) {
                x->s->unchanged++;
                continue;
            }
            {
                sqlite3_stmt *u = store_prepare(x->db,
                    "UPDATE region SET name = ?, started = nullif(?, ''), "
                    "ended = nullif(?, '') WHERE code = ?");

                store_bind_text(u, 1, name);
                store_bind_text(u, 2, started);
                store_bind_text(u, 3, ended);
                store_bind_text(u, 4, code);
                if (store_exec_stmt(u) != 0) {
                    smap_free(&seen);
                    sqlite3_finalize(get);
                    return store_fail(x, "een regio");
                }
            }
            x->s->updated++;
            x->regions_changed = 1;
            continue;
        }
        sqlite3_reset(get);
        {
            sqlite3_stmt *ins = store_prepare(x->db,
                "INSERT INTO region(code, name, kind, started, ended) VALUES "
                "(?,?,?,nullif(?, ''),nullif(?, ''))");

            store_bind_text(ins, 1, code);
            store_bind_text(ins, 2, name);
            store_bind_text(ins, 3, kind);
            store_bind_text(ins, 4, started);
            store_bind_text(ins, 5, ended);
            if (store_exec_stmt(ins) != 0) {
                smap_free(&seen);
                sqlite3_finalize(get);
                return store_fail(x, "een nieuwe regio");
            }
        }
        x->s->imported++;
        x->regions_changed = 1;
    }
    progress(x, c);
    smap_free(&seen);
    sqlite3_finalize(get);
    return x->f->kind ? -1 : 0;
}

/* --- region hierarchy files --------------------------------------- */

struct ilink {
    char child[16], parent[16];
    int from, to;
    long long line;
};

static int ilink_cmp(const void *a, const void *b)
{
    const struct ilink *p = a, *q = b;
    int c = strcmp(p->child, q->child);

    if (c)
        return c;
    return p->from - q->from;
}

/* Parse a year 1900-9999 from a field. */
static int field_year(struct csv *c, int ci)
{
    char buf[16], *end;
    long y;

    trimmed(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci), buf,
            sizeof buf);
    y = strtol(buf, &end, 10);
    if (buf[0] == '\0' || *end != '\0' || y < 1900 || y > 9999)
        return -1;
    return (int)y;
}

static int read_indeling(struct imp *x, struct csv *c)
{
    struct cat *cat = &x->cat;
    int gi = header_col(&x->hdr, "gemeente");
    int pi = header_col(&x->hdr, "provincie");
    int ai = header_col(&x->hdr, "arbeidsmarktregio");
    int fi = header_col(&x->hdr, "jaar_van"), ti = header_col(&x->hdr,
                                                              "jaar_tot");
    int parent_kind = pi >= 0 ? RK_PROVINCIE : RK_AM, xi = pi >= 0 ? pi : ai;
    struct ilink *ls = NULL;
    size_t n = 0, cap = 0, i, a;
    sqlite3_stmt *q = NULL, *del = NULL, *ins = NULL;
    int rc = -1, r;

    if (gi < 0 || fi < 0 || ti < 0 || (pi >= 0) == (ai >= 0)) {
        add_error(x, "regel 1: de kopregel is gemeente,provincie,jaar_van,"
                  "jaar_tot of gemeente,arbeidsmarktregio,jaar_van,jaar_tot");
        return -1;
    }
    while (!x->stop && (r = csv_next(c)) != 0) {
        long long line = csv_line(c);
        char g[32], p[128];
        uint32_t gp, pp;
        struct ilink *l;

        if (r < 0) {
            add_error(x, "%s", csv_error(c));
            if (csv_fatal(c))
                break;
            continue;
        }
        if (csv_blank(c)) {
            skip(x, "lege regels", 1);
            continue;
        }
        x->s->rows_read++;
        if (csv_count(c) != x->hdr.n) {
            add_error(x, "regel %lld: %zu velden, verwacht %zu", line,
                      csv_count(c), x->hdr.n);
            continue;
        }
        trimmed(csv_field(c, (size_t)gi), csv_field_len(c, (size_t)gi), g,
                sizeof g);
        if (!smap_get(&cat->reg_map, g, strlen(g), &gp) ||
            cat->reg[gp].kind != RK_GEMEENTE) {
            add_error(x, "regel %lld, kolom gemeente: onbekende gemeente "
                      "'%s' (importeer eerst de regiocodes)", line, g);
            continue;
        }
        trimmed(csv_field(c, (size_t)xi), csv_field_len(c, (size_t)xi), p,
                sizeof p);
        if (!smap_get(&cat->reg_map, p, strlen(p), &pp) ||
            cat->reg[pp].kind != parent_kind) {
            char low[128];

            snprintf(low, sizeof low, "%s", p);
            lower(low);
            if (parent_kind != RK_PROVINCIE ||
                !smap_get(&cat->prov_names, low, strlen(low), &pp)) {
                add_error(x, "regel %lld, kolom %s: onbekende %s '%s'", line,
                          x->hdr.name[xi], reg_kind_codes[parent_kind], p);
                continue;
            }
        }
        if (grow((void **)&ls, &cap, n + 1, sizeof *ls) != 0) {
            free(ls);
            return oom(x);
        }
        l = &ls[n];
        snprintf(l->child, sizeof l->child, "%s", cat->reg[gp].code);
        snprintf(l->parent, sizeof l->parent, "%s", cat->reg[pp].code);
        l->from = field_year(c, fi);
        l->to = field_year(c, ti);
        l->line = line;
        if (l->from < 0 || l->to < 0 || l->to < l->from) {
            add_error(x, "regel %lld: jaar_van en jaar_tot zijn jaren van "
                      "1900 tot en met 9999, jaar_van niet na jaar_tot",
                      line);
            continue;
        }
        n++;
    }
    progress(x, c);
    if (x->s->nerrors)
        goto done;
    qsort(ls, n, sizeof *ls, ilink_cmp);
    for (i = 1; i < n; i++)
        if (strcmp(ls[i].child, ls[i - 1].child) == 0 &&
            ls[i].from <= ls[i - 1].to)
            add_error(x, "regel %lld en regel %lld: de jaren van gemeente %s "
                      "overlappen", ls[i - 1].line, ls[i].line, ls[i].child);
    if (x->s->nerrors)
        goto done;
    q = store_prepare(x->db,
        "SELECT l.parent, l.year_from, l.year_to FROM region_link l JOIN "
        "region p ON p.code = l.parent WHERE l.child = ? AND p.kind = ? "
        "AND l.source <> 'koers' ORDER BY l.year_from");
    del = store_prepare(x->db,
        "DELETE FROM region_link WHERE child = ?1 AND source <> 'koers' AND "
        "parent IN (SELECT code FROM region WHERE kind = ?2)");
    ins = store_prepare(x->db, "INSERT INTO region_link(child, parent, "
                               "year_from, year_to, source) VALUES "
                               "(?,?,?,?,?)");
    if (q == NULL || del == NULL || ins == NULL) {
        store_fail(x, "de regio-indeling");
        goto done;
    }
    for (a = 0; a < n;) {
        size_t b = a, k, nold = 0, same_n = 0;

        while (b < n && strcmp(ls[b].child, ls[a].child) == 0)
            b++;
        store_bind_text(q, 1, ls[a].child);
        store_bind_text(q, 2, reg_kind_codes[parent_kind]);
        while (sqlite3_step(q) == SQLITE_ROW) {
            nold++;
            for (k = a; k < b; k++)
                if (strcmp(ls[k].parent, store_col(q, 0)) == 0 &&
                    ls[k].from == sqlite3_column_int(q, 1) &&
                    ls[k].to == sqlite3_column_int(q, 2))
                    same_n++;
        }
        sqlite3_reset(q);
        x->s->unchanged += (long long)same_n;
        if (same_n == nold && same_n == b - a) {
            a = b;
            continue;
        }
        x->s->imported += (long long)(b - a - same_n);
        x->s->updated += (long long)(nold - same_n);
        store_bind_text(del, 1, ls[a].child);
        store_bind_text(del, 2, reg_kind_codes[parent_kind]);
        if (sqlite3_step(del) != SQLITE_DONE) {
            store_fail(x, "de regio-indeling");
            goto done;
        }
        sqlite3_reset(del);
        for (k = a; k < b; k++) {
            store_bind_text(ins, 1, ls[k].child);
            store_bind_text(ins, 2, ls[k].parent);
            store_bind_int(ins, 3, ls[k].from);
            store_bind_int(ins, 4, ls[k].to);
            store_bind_text(ins, 5, x->map->code);
            if (sqlite3_step(ins) != SQLITE_DONE) {
                store_fail(x, "de regio-indeling");
                goto done;
            }
            sqlite3_reset(ins);
        }
        x->s->links_changed += (long long)(b - a);
        x->links_changed = 1;
        a = b;
    }
    rc = 0;
done:
    sqlite3_finalize(q);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    free(ls);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The hash of the bytes, on a second thread. */

static void *hash_main(void *arg)
{
    struct hasher *h = arg;
    crypto_hash_sha256_state st;

    crypto_hash_sha256_init(&st);
    h->rc = 0;
    if (h->path) {
        unsigned char *buf = malloc(1 << 20);
        FILE *fp = fopen(h->path, "rb");
        size_t n;

        if (buf == NULL || fp == NULL) {
            h->rc = -1;
        } else {
            while ((n = fread(buf, 1, 1 << 20, fp)) > 0)
                crypto_hash_sha256_update(&st, buf, n);
            if (ferror(fp))
                h->rc = -1;
        }
        if (fp)
            fclose(fp);
        free(buf);
    } else {
        crypto_hash_sha256_update(&st, h->mem, h->len);
    }
    crypto_hash_sha256_final(&st, h->out);
    return NULL;
}

static void hash_start(struct hasher *h)
{
    h->started = pthread_create(&h->th, NULL, hash_main, h) == 0;
    if (!h->started)
        hash_main(h);
}

/* Join the thread and write the hex digest; -1 when reading failed. */
static int hash_finish(struct hasher *h, char hex[65])
{
    if (h->started) {
        pthread_join(h->th, NULL);
        h->started = 0;
    }
    sodium_bin2hex(hex, 65, h->out, sizeof h->out);
    return h->rc;
}

/* ------------------------------------------------------------------ */
/* Driving one import. */

/* Statuses of CBS periods from Perioden.csv next to data.csv. */
static void load_statuses(struct imp *x, const char *dir)
{
    char path[PATH_MAX];
    struct csv *c;
    struct header h = { 0 };
    FILE *fp;
    int ki, si;

    snprintf(path, sizeof path, "%s/Perioden.csv", dir);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return;
    c = csv_open_file(fp, NULL);
    if (c && csv_next(c) == 1 && header_take(&h, c) == 0) {
        ki = header_col(&h, "Key");
        si = header_col(&h, "Status");
        while (ki >= 0 && si >= 0 && csv_next(c) == 1) {
            size_t kl, sl;
            const char *k = trim(csv_field(c, (size_t)ki),
                                 csv_field_len(c, (size_t)ki), &kl);
            const char *s = trim(csv_field(c, (size_t)si),
                                 csv_field_len(c, (size_t)si), &sl);
            int def = sl == 10 && memcmp(s, "Definitief", 10) == 0;

            smap_put(&x->status, k, kl, (uint32_t)def + 1);
            x->have_status = 1;
        }
    }
    header_free(&h);
    csv_close(c);
    fclose(fp);
}

static void summary_init(struct import_summary *s, const char *name,
                         int dry_run)
{
    memset(s, 0, sizeof *s);
    snprintf(s->file, sizeof s->file, "%s", name);
    s->dry_run = dry_run;
}

/* The audit line of an attempt. */
static void audit(struct imp *x, const char *result)
{
    char detail[600];
    struct import_summary *s = x->s;

    if (x->s->nerrors)
        snprintf(detail, sizeof detail, "bron %s: %d fout(en); eerste: %s",
                 s->source[0] ? s->source : "?", s->nerrors, s->errors[0]);
    else if (x->f->kind)
        snprintf(detail, sizeof detail, "bron %s: %s",
                 s->source[0] ? s->source : "?", x->f->msg);
    else
        snprintf(detail, sizeof detail, "bron %s%s: %lld regels, %lld nieuw, "
                 "%lld gewijzigd, %lld ongewijzigd, %lld overgeslagen, "
                 "batch %lld", s->source, s->dry_run ? " (proef)" : "",
                 s->rows_read, s->imported, s->updated, s->unchanged,
                 s->skipped, s->batch_id);
    audit_write(x->db, x->who, "monitor.importeren", "import", x->name,
                result, detail);
}

/* Run one import of an opened reader. The caller has recognised the
 * mapping; hash runs on the side. */
static int run_import(struct imp *x, struct csv *c, struct hasher *h)
{
    struct import_summary *s = x->s;
    char sha[65] = "", old_cache[32] = "";
    sqlite3_stmt *st;
    int rc = -1, began = 0;

    snprintf(s->source, sizeof s->source, "%s", x->map->code);
    snprintf(s->source_name, sizeof s->source_name, "%s", x->map->name);
    snprintf(s->kind, sizeof s->kind, "%s", map_kind_codes[x->map->kind]);
    st = store_prepare(x->db, "PRAGMA cache_size");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(old_cache, sizeof old_cache, "%lld",
                 (long long)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    {
        char q[64];

        snprintf(q, sizeof q, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
        sqlite3_exec(x->db, q, NULL, NULL, NULL);
    }
    if (store_begin(x->db) != 0) {
        fault_set(x->f, FAULT_STORE, "De store is bezet of niet "
                  "schrijfbaar: %s.", sqlite3_errmsg(x->db));
        goto done;
    }
    began = 1;
    phase(NULL);
    if (cat_load(&x->cat, x->db, x->o->data_dir) != 0) {
        store_fail(x, "het lezen van de catalogus");
        goto done;
    }
    if (csv_next(c) != 1) {
        if (csv_error(c)[0])
            add_error(x, "%s", csv_error(c));
        else
            add_error(x, "regel 1: het bestand is leeg");
        goto done;
    }
    if (header_take(&x->hdr, c) != 0) {
        oom(x);
        goto done;
    }
    switch (x->map->kind) {
    case MK_TABEL:
    case MK_CBS:
        if (read_table(x, c) != 0)
            goto done;
        break;
    case MK_LANG:
        if (read_lang(x, c) != 0)
            goto done;
        break;
    case MK_REGIOCODES:
        if (read_regiocodes(x, c) != 0)
            goto done;
        break;
    case MK_INDELING:
        if (read_indeling(x, c) != 0)
            goto done;
        break;
    default:
        break;
    }
    phase("lezen en controleren");
    if (s->nerrors || x->f->kind)
        goto done;
    if (x->nrows) {
        stage(x, "sorteren en vergelijken met de store");
        if (sort_rows(x->rows, x->nrows) != 0) {
            oom(x);
            goto done;
        }
        phase("sorteren");
        combine(x);
        if (s->nerrors)
            goto done;
    }
    if (apply_links(x) != 0 || s->nerrors)
        goto done;
    if (x->nrows && compare(x) != 0)
        goto done;
    phase("vergelijken met de store");
    if (s->imported + s->updated == 0 && !x->links_changed &&
        !x->regions_changed) {
        /* nothing changes: write nothing at all, not even a batch */
        store_rollback(x->db);
        began = 0;
        rc = 0;
        goto done;
    }
    if (s->dry_run) {
        store_rollback(x->db);
        began = 0;
        rc = 0;
        goto done;
    }
    /* the hash is only needed now: it ran beside everything above */
    if (batch_insert(x, "") != 0 || write_obs(x) != 0)
        goto done;
    if (hash_finish(h, sha) != 0) {
        fault_set(x->f, FAULT_STORE, "Het bestand %s kan niet opnieuw "
                  "gelezen worden.", x->name);
        goto done;
    }
    phase("sha256 afwachten");
    snprintf(s->sha256, sizeof s->sha256, "%s", sha);
    st = store_prepare(x->db, "UPDATE import_batch SET file_sha256 = ? "
                              "WHERE id = ?");
    if (st == NULL)
        goto done;
    store_bind_text(st, 1, sha);
    store_bind_int(st, 2, s->batch_id);
    if (store_exec_stmt(st) != 0) {
        store_fail(x, "de importregistratie");
        goto done;
    }
    audit(x, "gelukt");
    stage(x, "vastleggen");
    if (store_commit(x->db) != 0) {
        store_fail(x, "het vastleggen");
        goto done;
    }
    phase("vastleggen (commit)");
    began = 0;
    rc = 0;
done:
    if (began)
        store_rollback(x->db);
    if (hash_finish(h, sha) == 0 && s->sha256[0] == '\0')
        snprintf(s->sha256, sizeof s->sha256, "%s", sha);
    if (rc != 0) {
        s->batch_id = 0;
        if (s->nerrors && x->f->kind == FAULT_NONE)
            fault_set(x->f, FAULT_INVALID, "%s is niet geïmporteerd: %d "
                      "fout%s%s; er is niets opgeslagen.", x->name,
                      s->nerrors, s->nerrors == 1 ? "" : "en",
                      s->more_errors ? " (en meer)" : "");
    }
    if (old_cache[0]) {
        char q[64];

        snprintf(q, sizeof q, "PRAGMA cache_size = %s", old_cache);
        sqlite3_exec(x->db, q, NULL, NULL, NULL);
    }
    return rc;
}

/* With KOERS_IMPORT_TIMING=1 in the environment, each phase prints its
 * wall-clock time on stderr (for the benchmark and for tuning). */
static void phase(const char *what)
{
    static struct timespec last, last_cpu;
    static int on = -1;
    struct timespec now, cpu;

    if (on < 0) {
        const char *e = getenv("KOERS_IMPORT_TIMING");

        on = e && strcmp(e, "1") == 0;
    }
    if (!on)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    if (what)
        fprintf(stderr, "koers import: %-28s %7.3f s (cpu %7.3f s)\n", what,
                (double)(now.tv_sec - last.tv_sec) +
                (double)(now.tv_nsec - last.tv_nsec) / 1e9,
                (double)(cpu.tv_sec - last_cpu.tv_sec) +
                (double)(cpu.tv_nsec - last_cpu.tv_nsec) / 1e9);
    last = now;
    last_cpu = cpu;
}

static void imp_free(struct imp *x)
{
    cat_free(&x->cat);
    header_free(&x->hdr);
    free(x->rows);
    free(x->links);
    smap_free(&x->status);
}

static int allowed(sqlite3 *db, const struct actor *who, const char *name,
                   struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_MONITOR_IMPORTEREN, NULL))
        return 1;
    fault_set(f, FAULT_FORBIDDEN, "U mag geen gegevens in de monitor "
              "importeren (alleen de beheerder en het secretariaat).");
    audit_write(db, who, "monitor.importeren", "import", name, "geweigerd",
                NULL);
    return 0;
}

/* Read the first bytes of a file (for recognition). */
static long probe_file(const char *path, char *buf, size_t len)
{
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (fp == NULL)
        return -1;
    n = fread(buf, 1, len, fp);
    fclose(fp);
    return (long)n;
}

/* The CBS table id of a table directory: TableInfos.csv's Identifier,
 * else the directory's name. */
static void cbs_table_id(const char *dir, char *out, size_t len)
{
    char path[PATH_MAX], *copy;
    struct header h = { 0 };
    struct csv *c;
    FILE *fp;
    int ci;

    copy = strdup(dir);
    snprintf(out, len, "%s", copy ? basename(copy) : dir);
    free(copy);
    snprintf(path, sizeof path, "%s/TableInfos.csv", dir);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return;
    c = csv_open_file(fp, NULL);
    if (c && csv_next(c) == 1 && header_take(&h, c) == 0 &&
        (ci = header_col(&h, "Identifier")) >= 0 && csv_next(c) == 1 &&
        csv_field_len(c, (size_t)ci) > 0)
        trimmed(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci), out,
                len);
    header_free(&h);
    csv_close(c);
    fclose(fp);
}

/* The mapping for a CBS table directory; NULL with f set. */
static struct mapping *recognise_cbs(struct maplist *l, const char *dir,
                                     const char *source, struct fault *f)
{
    char id[64];
    int i;

    if (source) {
        struct mapping *m = maplist_find(l, source);

        if (m == NULL || m->kind != MK_CBS)
            fault_set(f, FAULT_INVALID, "Bron '%s' is geen CBS-tabel.",
                      source);
        return m && m->kind == MK_CBS ? m : NULL;
    }
    cbs_table_id(dir, id, sizeof id);
    for (i = 0; i < l->n; i++)
        if (l->m[i].kind == MK_CBS && l->m[i].table &&
            strcmp(l->m[i].table, id) == 0)
            return &l->m[i];
    fault_set(f, FAULT_NOTFOUND, "%s: geen bronbeschrijving voor CBS-tabel "
              "%s.", dir, id);
    return NULL;
}

int import_path(sqlite3 *db, const struct actor *who, const char *path,
                const struct import_opts *o, struct import_summary *s,
                struct fault *f)
{
    struct imp x;
    struct maplist *l = calloc(1, sizeof *l);
    struct hasher h;
    struct stat sb;
    char file[PATH_MAX], *probe = NULL;
    struct csv_opts co = { 0 };
    struct csv *c = NULL;
    FILE *fp = NULL;
    long plen;
    int rc = -1;

    memset(&x, 0, sizeof x);
    memset(&h, 0, sizeof h);
    summary_init(s, path, o->dry_run);
    f->kind = FAULT_NONE;
    f->msg[0] = '\0';
    if (l == NULL)
        return -1;
    if (!allowed(db, who, path, f))
        goto done;
    if (maplist_load(l, o->data_dir, f) != 0)
        goto done;
    if (stat(path, &sb) != 0) {
        fault_set(f, FAULT_NOTFOUND, "%s bestaat niet.", path);
        goto done;
    }
    snprintf(file, sizeof file, "%s", path);
    if (S_ISDIR(sb.st_mode)) {
        x.map = recognise_cbs(l, path, o->source, f);
        if (x.map == NULL)
            goto done;
        snprintf(file, sizeof file, "%s/data.csv", path);
        if (stat(file, &sb) != 0) {
            fault_set(f, FAULT_NOTFOUND, "%s heeft geen data.csv.", path);
            goto done;
        }
        load_statuses(&x, path);
    } else {
        char dir[PATH_MAX], *slash;

        probe = malloc(HEADER_PROBE);
        if (probe == NULL)
            goto done;
        plen = probe_file(path, probe, HEADER_PROBE);
        if (plen < 0) {
            fault_set(f, FAULT_NOTFOUND, "%s kan niet gelezen worden.", path);
            goto done;
        }
        x.map = recognise(l, path, probe, (size_t)plen, o->source, f);
        if (x.map == NULL)
            goto done;
        snprintf(dir, sizeof dir, "%s", path);
        slash = strrchr(dir, '/');
        if (x.map->kind == MK_CBS) {
            if (slash)
                *slash = '\0';
            load_statuses(&x, slash ? dir : ".");
        }
    }
    fp = fopen(file, "rb");
    if (fp == NULL) {
        fault_set(f, FAULT_NOTFOUND, "%s kan niet gelezen worden.", file);
        goto done;
    }
    co.sep = x.map->sep;
    c = csv_open_file(fp, &co);
    if (c == NULL)
        goto done;
    x.db = db;
    x.who = who;
    x.o = o;
    x.s = s;
    x.f = f;
    x.name = path;
    x.total = (long long)sb.st_size;
    h.path = file;
    hash_start(&h);
    rc = run_import(&x, c, &h);
done:
    if (rc != 0 && f->kind == FAULT_NONE)
        fault_set(f, FAULT_STORE, "De import is mislukt.");
    csv_close(c);
    if (fp)
        fclose(fp);
    free(probe);
    imp_free(&x);
    maplist_free(l);
    free(l);
    return rc;
}

int import_buffer(sqlite3 *db, const struct actor *who, const char *name,
                  const char *data, size_t len, const struct import_opts *o,
                  struct import_summary *s, struct fault *f)
{
    struct imp x;
    struct maplist *l = calloc(1, sizeof *l);
    struct hasher h;
    struct csv_opts co = { 0 };
    struct csv *c = NULL;
    int rc = -1;

    memset(&x, 0, sizeof x);
    memset(&h, 0, sizeof h);
    summary_init(s, name, o->dry_run);
    f->kind = FAULT_NONE;
    f->msg[0] = '\0';
    if (l == NULL)
        return -1;
    if (!allowed(db, who, name, f))
        goto done;
    if (maplist_load(l, o->data_dir, f) != 0)
        goto done;
    x.map = recognise(l, name, data, len < HEADER_PROBE ? len : HEADER_PROBE,
                      o->source, f);
    if (x.map == NULL)
        goto done;
    co.sep = x.map->sep;
    c = csv_open_mem(data, len, &co);
    if (c == NULL)
        goto done;
    x.db = db;
    x.who = who;
    x.o = o;
    x.s = s;
    x.f = f;
    x.name = name;
    x.total = (long long)len;
    h.mem = (const unsigned char *)data;
    h.len = len;
    hash_start(&h);
    rc = run_import(&x, c, &h);
done:
    if (rc != 0 && f->kind == FAULT_NONE)
        fault_set(f, FAULT_STORE, "De import is mislukt.");
    csv_close(c);
    imp_free(&x);
    maplist_free(l);
    free(l);
    return rc;
}

int import_recognise(const char *path, const char *data_dir, char *out,
                     size_t outlen, struct fault *f)
{
    struct maplist *l = calloc(1, sizeof *l);
    struct mapping *m = NULL;
    struct stat sb;
    char *probe = NULL;
    long plen;
    int rc = -1;

    f->kind = FAULT_NONE;
    if (l == NULL || maplist_load(l, data_dir, f) != 0)
        goto done;
    if (stat(path, &sb) != 0) {
        fault_set(f, FAULT_NOTFOUND, "%s bestaat niet.", path);
        goto done;
    }
    if (S_ISDIR(sb.st_mode)) {
        char data[PATH_MAX];

        snprintf(data, sizeof data, "%s/data.csv", path);
        if (stat(data, &sb) != 0) {
            rc = 0;
            goto done;
        }
        m = recognise_cbs(l, path, NULL, f);
    } else {
        probe = malloc(HEADER_PROBE);
        if (probe == NULL)
            goto done;
        plen = probe_file(path, probe, HEADER_PROBE);
        if (plen < 0) {
            fault_set(f, FAULT_NOTFOUND, "%s kan niet gelezen worden.", path);
            goto done;
        }
        m = recognise(l, path, probe, (size_t)plen, NULL, f);
    }
    if (m) {
        snprintf(out, outlen, "%s", m->code);
        rc = 1;
    } else {
        rc = f->kind == FAULT_NOTFOUND ? 0 : -1;
        if (rc == 0)
            f->kind = FAULT_NONE;
    }
done:
    free(probe);
    if (l)
        maplist_free(l);
    free(l);
    return rc;
}

long import_sources(const char *data_dir, char ***codes, char ***names)
{
    struct maplist *l = calloc(1, sizeof *l);
    struct fault f = { 0 };
    long n = -1;
    int i;

    *codes = NULL;
    *names = NULL;
    if (l == NULL || maplist_load(l, data_dir, &f) != 0)
        goto done;
    *codes = calloc((size_t)l->n + 1, sizeof **codes);
    *names = calloc((size_t)l->n + 1, sizeof **names);
    if (*codes == NULL || *names == NULL)
        goto done;
    for (i = 0; i < l->n; i++) {
        (*codes)[i] = strdup(l->m[i].code);
        (*names)[i] = strdup(l->m[i].name);
    }
    n = l->n;
done:
    if (l)
        maplist_free(l);
    free(l);
    if (n < 0) {
        free(*codes);
        free(*names);
        *codes = *names = NULL;
    }
    return n;
}

void import_sources_free(char **codes, char **names, long n)
{
    long i;

    for (i = 0; i < n; i++) {
        if (codes)
            free(codes[i]);
        if (names)
            free(names[i]);
    }
    free(codes);
    free(names);
}

int import_source_is_regions(const char *data_dir, const char *code)
{
    struct maplist *l = calloc(1, sizeof *l);
    struct fault f = { 0 };
    struct mapping *m;
    int r = 0;

    if (l && maplist_load(l, data_dir, &f) == 0) {
        m = maplist_find(l, code);
        r = m && (m->kind == MK_REGIOCODES || m->kind == MK_INDELING);
        maplist_free(l);
    }
    free(l);
    return r;
}

void import_data_dir(char *out, size_t len)
{
    char exe[PATH_MAX];
    const char *e = getenv("KOERS_DATA");
    ssize_t n;

    if (e && e[0]) {
        snprintf(out, len, "%s", e);
        return;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, len, "data");
        return;
    }
    exe[n] = '\0';
    snprintf(out, len, "%s/data", dirname(dirname(exe)));
}

json_t *import_batches(sqlite3 *db, int limit)
{
    return sqljson_rows(db,
        "SELECT b.id, b.source_code AS bron, b.file_name AS bestand, "
        "b.file_sha256 AS sha256, coalesce(u.name, 'systeem') AS gebruiker, "
        "b.started_at AS tijdstip, b.rows_read AS gelezen, b.imported AS "
        "nieuw, b.updated AS gewijzigd, b.unchanged AS ongewijzigd, "
        "b.rejected AS overgeslagen FROM import_batch b LEFT JOIN user u ON "
        "u.id = b.user_id ORDER BY b.id DESC LIMIT ?", "i",
        (long long)limit);
}
