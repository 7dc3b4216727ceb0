/* rollup.c - pre-computed aggregates of the monitor cube (rollup.h).
 *
 * Owns: the observation rows with origin 1 (rolled up) and 2 (derived
 * ratio), and the disaggregation keys the roll-up needs that were not
 * imported ('geslacht=vrouw' from 'geslacht=vrouw;niveau=4').
 *
 * How: the imported rows of an indicator are read with one ordered scan of
 * the observation primary key (region, disaggregation, period), one region
 * at a time, grouped by period with a counting sort; the sums are kept in
 * memory in a two-level open-addressing map (a block per region and
 * period, found by hash; its cells in insertion order behind a small
 * hash index keyed by disaggregation), all keyed by dense indices; the
 * results are sorted into primary-key order and written in one bulk
 * statement (obsbulk.h). Regions, periods, the region hierarchy and the
 * disaggregation keys are loaded once per call into arrays; ancestors are
 * cached per region and year.
 *
 * Double counting. Sources publish totals next to their breakdowns: CBS
 * gives NL01, the provinces and the gemeenten in one table, and a
 * "totaal" next to man and vrouw. Summing every imported row into every
 * ancestor and every subset would count such data twice, so a computed
 * cell takes the coarsest imported data below it:
 * - stage 1, within one region and period: a key is computed from the
 *   imported keys that contain it with the fewest dimensions (a tie
 *   between dimension sets goes to the first in code order); an imported
 *   key is therefore itself, and with one full breakdown every subset is
 *   the plain sum of rollup.h;
 * - stage 2, across regions: a region's stage-1 cell feeds each ancestor
 *   valid in the period's year (each ancestor once), unless that ancestor
 *   or a region between the two has the cell from its own imported data.
 * Regions that are imported and are also an ancestor of another imported
 * region ("inner" regions, e.g. the provinces in a CBS table) are
 * therefore handled first, so that their own cells are known before the
 * gemeenten below them are summed. For data imported at one level this
 * is exactly the rule of rollup.h.
 *
 * Ratios are recomputed from the stored numerator and denominator cells
 * (any origin) region by region: the numerator rows of a region are kept
 * sorted as read and found by binary search.
 *
 * Every buffer has a hard maximum (RU_MAX_*); exceeding one is a refusal
 * in the fault, never a crash. Nothing here begins or ends a transaction:
 * the caller's transaction makes the whole recomputation atomic. */
#include "rollup.h"
#include "log.h"
#include "obsbulk.h"
#include "store.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RU_MAX_DIMS 8               /* pairs in one disaggregation key */
#define RU_MAX_KEY 512              /* bytes of a disaggregation key */
#define RU_MAX_KEYS (1L << 22)      /* disaggregation keys in the store */
#define RU_MAX_DIMSETS 4096         /* distinct dimension sets */
#define RU_MAX_ANC 64               /* ancestors of one region */
#define RU_MAX_SLOTS ((size_t)1 << 26) /* hash slots (cells * 2) */
#define RU_MAX_REGION_ROWS (1L << 25)  /* imported rows of one region */
#define RU_MAX_ANC_CACHE (1L << 24) /* region x year ancestor lists */

/* ------------------------------------------------------------------ */
/* Dense indices of integer ids                                        */

/* The ids of a table, ascending, and a direct lookup from id to position
 * when the ids are dense enough (they are: INTEGER PRIMARY KEY). */
struct idx {
    sqlite3_int64 *ids;
    long n, cap;
    int32_t *dense;          /* dense[id - base], -1 when absent */
    sqlite3_int64 base;
    long span;
};

static void idx_free(struct idx *x)
{
    free(x->ids);
    free(x->dense);
    memset(x, 0, sizeof *x);
}

/* Append an id larger than every id before it. 0, or -1 out of memory or
 * past max. */
static int idx_push(struct idx *x, sqlite3_int64 id, long max)
{
    if (x->n > 0 && id <= x->ids[x->n - 1])
        return -1;
    if (x->n == x->cap) {
        long cap = x->cap ? x->cap * 2 : 256;
        sqlite3_int64 *p;

        if (x->n >= max)
            return -1;
        p = realloc(x->ids, (size_t)cap * sizeof *p);
        if (p == NULL)
            return -1;
        x->ids = p;
        x->cap = cap;
    }
    x->ids[x->n++] = id;
    return 0;
}

/* Build the direct lookup when the ids span at most 4n + 4096 values. */
static int idx_seal(struct idx *x)
{
    long i;

    free(x->dense);
    x->dense = NULL;
    x->span = 0;
    if (x->n == 0)
        return 0;
    x->base = x->ids[0];
    if (x->ids[x->n - 1] - x->base >= 4 * (sqlite3_int64)x->n + 4096)
        return 0;
    x->span = (long)(x->ids[x->n - 1] - x->base) + 1;
    x->dense = malloc((size_t)x->span * sizeof *x->dense);
    if (x->dense == NULL)
        return -1;
    memset(x->dense, 0xff, (size_t)x->span * sizeof *x->dense);
    for (i = 0; i < x->n; i++)
        x->dense[x->ids[i] - x->base] = (int32_t)i;
    return 0;
}

/* Position of id, or -1. Ids pushed after idx_seal are found by binary
 * search. */
static long idx_find(const struct idx *x, sqlite3_int64 id)
{
    long lo = 0, hi = x->n;

    if (x->dense && id >= x->base && id - x->base < x->span) {
        int32_t v = x->dense[id - x->base];

        if (v >= 0)
            return v;
    }
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;

        if (x->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->n && x->ids[lo] == id ? lo : -1;
}

/* ------------------------------------------------------------------ */
/* Disaggregation keys                                                 */

/* A parsed key: pairs point into buf. */
struct kv {
    char buf[RU_MAX_KEY];
    const char *dim[RU_MAX_DIMS];
    const char *item[RU_MAX_DIMS];
    int n;
};

/* Parse 'dim=item;dim=item' (or '' for the total) into k. Dimensions must
 * be strictly ascending, so every key has one spelling. 0, or -1 when
 * malformed. */
static int kv_parse(const char *key, struct kv *k)
{
    char *s, *next;
    size_t len = strlen(key);

    k->n = 0;
    if (len >= sizeof k->buf)
        return -1;
    memcpy(k->buf, key, len + 1);
    if (len == 0)
        return 0;
    for (s = k->buf; s; s = next) {
        char *eq;

        next = strchr(s, ';');
        if (next)
            *next++ = '\0';
        eq = strchr(s, '=');
        if (eq == NULL || eq == s || eq[1] == '\0' || strchr(eq + 1, '=')
            || k->n == RU_MAX_DIMS)
            return -1;
        *eq = '\0';
        if (k->n > 0 && strcmp(k->dim[k->n - 1], s) >= 0)
            return -1;
        k->dim[k->n] = s;
        k->item[k->n] = eq + 1;
        k->n++;
    }
    return 0;
}

/* Join the pairs of k selected by mask into out ('' for mask 0). */
static void kv_join(const struct kv *k, unsigned mask, char *out,
                    size_t len)
{
    size_t used = 0;
    int i;

    out[0] = '\0';
    for (i = 0; i < k->n; i++) {
        int w;

        if (!(mask & (1u << i)))
            continue;
        w = snprintf(out + used, len - used, "%s%s=%s", used ? ";" : "",
                     k->dim[i], k->item[i]);
        if (w < 0 || (size_t)w >= len - used)
            return;
        used += (size_t)w;
    }
}

/* What the roll-up knows of one key, computed when first needed. */
struct dinfo {
    int8_t npairs;           /* -1: not yet parsed */
    int32_t dimset;          /* interned dimension set */
    int32_t *subs;           /* position of every subset, by pair mask */
};

/* All keys of the disaggregation table, positions ascending by id, with a
 * hash from key text to position. */
struct dtab {
    struct idx id;
    char **key;
    struct dinfo *info;
    long cap;
    long *hash;              /* position + 1, 0 empty */
    size_t hcap;
    char **dimset;           /* interned dimension sets, "geslacht;niveau" */
    long ndimset;
};

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static void dtab_free(struct dtab *t)
{
    long i;

    for (i = 0; i < t->id.n; i++) {
        free(t->key[i]);
        free(t->info[i].subs);
    }
    for (i = 0; i < t->ndimset; i++)
        free(t->dimset[i]);
    free(t->key);
    free(t->info);
    free(t->hash);
    free(t->dimset);
    idx_free(&t->id);
    memset(t, 0, sizeof *t);
}

static void dtab_hash_put(struct dtab *t, long pos)
{
    size_t h = (size_t)str_hash(t->key[pos]) & (t->hcap - 1);

    while (t->hash[h])
        h = (h + 1) & (t->hcap - 1);
    t->hash[h] = pos + 1;
}

/* Position of key, or -1. */
static long dtab_lookup(const struct dtab *t, const char *key)
{
    size_t h;

    if (t->hcap == 0)
        return -1;
    h = (size_t)str_hash(key) & (t->hcap - 1);
    while (t->hash[h]) {
        long pos = t->hash[h] - 1;

        if (strcmp(t->key[pos], key) == 0)
            return pos;
        h = (h + 1) & (t->hcap - 1);
    }
    return -1;
}

/* Append (id, key): the id must be above every loaded one. */
static int dtab_add(struct dtab *t, sqlite3_int64 id, const char *key)
{
    long pos = t->id.n;

    if (pos >= RU_MAX_KEYS || idx_push(&t->id, id, RU_MAX_KEYS) != 0)
        return -1;
    if (pos >= t->cap) {
        long cap = t->cap ? t->cap * 2 : 256;
        char **k = realloc(t->key, (size_t)cap * sizeof *k);
        struct dinfo *inf;

        if (k == NULL)
            goto undo;
        t->key = k;
        inf = realloc(t->info, (size_t)cap * sizeof *inf);
        if (inf == NULL)
            goto undo;
        t->info = inf;
        t->cap = cap;
    }
    if ((size_t)(pos + 1) * 2 > t->hcap) {
        size_t cap = t->hcap ? t->hcap * 2 : 1024;
        long *h = calloc(cap, sizeof *h), i;

        if (h == NULL)
            goto undo;
        free(t->hash);
        t->hash = h;
        t->hcap = cap;
        for (i = 0; i < pos; i++)
            dtab_hash_put(t, i);
    }
    t->key[pos] = strdup(key);
    if (t->key[pos] == NULL)
        goto undo;
    t->info[pos].npairs = -1;
    t->info[pos].dimset = -1;
    t->info[pos].subs = NULL;
    dtab_hash_put(t, pos);
    return 0;
undo:
    t->id.n = pos;
    return -1;
}

/* ------------------------------------------------------------------ */
/* The cell map                                                        */

/* Two levels: a block per (region, period), found through a hash, holds
 * its cells in an array in the order they were added, with a small
 * open-addressing index (position + 1) keyed by disaggregation. A region
 * and period's keys are summed into one ancestor block at a time, in the
 * same order every time, so the cells are visited sequentially; a
 * position hint per (ancestor, key) usually skips the index. */

enum {
    C_USED = 0x80,
    C_OWN_IMP = 1,           /* imported at this region (inner regions) */
    C_OWN_COMP = 2,          /* computed from this region's own keys */
    C_CONTRIB = 4            /* summed from regions below */
};
#define C_OWN (C_OWN_IMP | C_OWN_COMP)

#define RU_MAX_CELLS (1L << 25)     /* computed cells of one indicator */
#define RU_MAX_BLOCKS (1L << 24)    /* (region, period) pairs */

struct bcell {
    uint32_t d;
    uint8_t flags, def;
    double sum;
};

struct block {
    uint32_t r, p;
    struct bcell *cell;      /* n cells in the order added */
    uint32_t n, ccap;
    uint32_t *index;         /* position + 1, 0 empty */
    uint32_t icap;           /* a power of two, >= 2n */
};

struct cmap {
    struct block *blk;
    long nblk, capblk;
    long *hash;              /* block index + 1, 0 empty */
    size_t hcap;
    long ncells;
};

/* A flat cell, for sorting into primary-key order before writing (and a
 * computed row already stored, with its origin). */
struct cell {
    uint32_t r, d, p;
    uint8_t def, origin;
    double sum;
};

static size_t pair_hash(uint32_t r, uint32_t p)
{
    uint64_t h = (uint64_t)r * 0x9E3779B97F4A7C15ull
                 ^ (uint64_t)p * 0xC2B2AE3D27D4EB4Full;

    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return (size_t)h;
}

static uint32_t key_hash(uint32_t d)
{
    uint32_t h = d * 0x9E3779B1u;

    return h ^ (h >> 15);
}

/* The block (r, p): its index, or -1 when absent (create 0) or when it
 * cannot be added (create 1). */
static long cm_block(struct cmap *m, uint32_t r, uint32_t p, int create)
{
    size_t h;
    struct block *b;

    if (m->hcap) {
        for (h = pair_hash(r, p) & (m->hcap - 1); m->hash[h];
             h = (h + 1) & (m->hcap - 1)) {
            b = &m->blk[m->hash[h] - 1];
            if (b->r == r && b->p == p)
                return m->hash[h] - 1;
        }
    }
    if (!create || m->nblk >= RU_MAX_BLOCKS)
        return -1;
    if (m->nblk == m->capblk) {
        long cap = m->capblk ? m->capblk * 2 : 1024;
        struct block *q = realloc(m->blk, (size_t)cap * sizeof *q);

        if (q == NULL)
            return -1;
        m->blk = q;
        m->capblk = cap;
    }
    if ((size_t)(m->nblk + 1) * 2 > m->hcap) {
        size_t cap = m->hcap ? m->hcap * 2 : 2048;
        long *nh = calloc(cap, sizeof *nh), i;

        if (nh == NULL)
            return -1;
        for (i = 0; i < m->nblk; i++) {
            size_t k = pair_hash(m->blk[i].r, m->blk[i].p) & (cap - 1);

            while (nh[k])
                k = (k + 1) & (cap - 1);
            nh[k] = i + 1;
        }
        free(m->hash);
        m->hash = nh;
        m->hcap = cap;
    }
    b = &m->blk[m->nblk];
    b->r = r;
    b->p = p;
    b->cell = NULL;
    b->index = NULL;
    b->n = b->ccap = b->icap = 0;
    for (h = pair_hash(r, p) & (m->hcap - 1); m->hash[h];
         h = (h + 1) & (m->hcap - 1))
        ;
    m->hash[h] = m->nblk + 1;
    return m->nblk++;
}

/* The position of cell d in b, or -1. */
static long blk_pos(const struct block *b, uint32_t d)
{
    uint32_t h;

    if (b->icap == 0)
        return -1;
    for (h = key_hash(d) & (b->icap - 1); b->index[h];
         h = (h + 1) & (b->icap - 1))
        if (b->cell[b->index[h] - 1].d == d)
            return (long)b->index[h] - 1;
    return -1;
}

static struct bcell *blk_find(const struct block *b, uint32_t d)
{
    long pos = blk_pos(b, d);

    return pos < 0 ? NULL : &b->cell[pos];
}

static void blk_index_put(struct block *b, uint32_t pos)
{
    uint32_t h;

    for (h = key_hash(b->cell[pos].d) & (b->icap - 1); b->index[h];
         h = (h + 1) & (b->icap - 1))
        ;
    b->index[h] = pos + 1;
}

/* Room for one more cell. */
static int blk_grow(struct block *b)
{
    if (b->n == b->ccap) {
        uint32_t cap = b->ccap ? b->ccap * 2 : 4;
        struct bcell *c;

        if (cap > RU_MAX_SLOTS)
            return -1;
        c = realloc(b->cell, cap * sizeof *c);
        if (c == NULL)
            return -1;
        b->cell = c;
        b->ccap = cap;
    }
    if ((b->n + 1) * 2 > b->icap) {
        uint32_t cap = b->icap ? b->icap * 2 : 8, i;
        uint32_t *x;

        if (cap > RU_MAX_SLOTS)
            return -1;
        x = calloc(cap, sizeof *x);
        if (x == NULL)
            return -1;
        free(b->index);
        b->index = x;
        b->icap = cap;
        for (i = 0; i < b->n; i++)
            blk_index_put(b, i);
    }
    return 0;
}

/* The cell d of block bi, added (flags C_USED, sum 0, def 1) when new;
 * NULL when the map is full. *hint is a position to try first, updated
 * to the cell's position. Valid until the next add to that block. */
static struct bcell *cm_cell(struct cmap *m, long bi, uint32_t d,
                             uint32_t *hint)
{
    struct block *b = &m->blk[bi];
    struct bcell *c;
    long pos;

    if (*hint < b->n && b->cell[*hint].d == d)
        return &b->cell[*hint];
    pos = blk_pos(b, d);
    if (pos < 0) {
        if (m->ncells >= RU_MAX_CELLS || blk_grow(b) != 0)
            return NULL;
        pos = b->n++;
        c = &b->cell[pos];
        c->d = d;
        c->flags = C_USED;
        c->def = 1;
        c->sum = 0;
        blk_index_put(b, (uint32_t)pos);
        m->ncells++;
    }
    *hint = (uint32_t)pos;
    return &b->cell[pos];
}

/* The cell (r, d, p) or NULL. */
static struct bcell *cm_find(struct cmap *m, uint32_t r, uint32_t d,
                             uint32_t p)
{
    long bi = cm_block(m, r, p, 0);

    return bi < 0 ? NULL : blk_find(&m->blk[bi], d);
}

static void cmap_free(struct cmap *m)
{
    long i;

    for (i = 0; i < m->nblk; i++) {
        free(m->blk[i].cell);
        free(m->blk[i].index);
    }
    free(m->blk);
    free(m->hash);
    memset(m, 0, sizeof *m);
}

static int cell_cmp(const void *a, const void *b)
{
    const struct cell *x = a, *y = b;

    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Stage-1 map: one region and period, keyed by disaggregation         */

struct lcell {
    uint32_t d, gen;
    int32_t dimset;          /* dimension set of the keys summed */
    uint8_t size;            /* its number of dimensions */
    uint8_t ssize;           /* dimensions of d itself */
    uint8_t def;
    double sum;
};

struct lmap {
    struct lcell *slot;
    size_t cap;
    uint32_t gen;
    uint32_t *used;          /* slots of this generation */
    size_t n;
};

/* Clear the map for a group that offers at most `need` candidates. */
static int lmap_reset(struct lmap *m, size_t need)
{
    if (need * 2 > m->cap) {
        size_t cap = m->cap ? m->cap : 1024;
        struct lcell *s;
        uint32_t *u;

        while (cap < need * 2)
            cap *= 2;
        if (cap > RU_MAX_SLOTS)
            return -1;
        s = calloc(cap, sizeof *s);
        u = malloc(cap * sizeof *u);
        if (s == NULL || u == NULL) {
            free(s);
            free(u);
            return -1;
        }
        free(m->slot);
        free(m->used);
        m->slot = s;
        m->used = u;
        m->cap = cap;
        m->gen = 0;
    }
    m->gen++;
    if (m->gen == 0) {       /* wrapped: clear the stamps */
        memset(m->slot, 0, m->cap * sizeof *m->slot);
        m->gen = 1;
    }
    m->n = 0;
    return 0;
}

static void lmap_free(struct lmap *m)
{
    free(m->slot);
    free(m->used);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ */
/* The context of one call                                             */

struct link {
    int32_t parent;
    int year_from, year_to;
};

struct srow {                /* one imported row of the current region */
    uint32_t d, p;
    double v;
    uint8_t def;
};

struct ru {
    sqlite3 *db;
    struct fault *f;
    sqlite3_int64 batch;
    struct rollup_stats *st;

    struct idx reg;          /* regions */
    long *link_off;          /* CSR: links of region i */
    struct link *links;
    uint8_t *is_inner;       /* per region, for the current indicator */
    uint32_t *mark;          /* BFS stamps per region */
    uint32_t mark_gen;

    struct idx per;          /* periods */
    int *per_year;
    int ymin, ymax;

    int32_t *anc_off, *anc_len;  /* [region * years + year - ymin] */
    int32_t *anc_pool;
    long anc_n, anc_cap;

    struct dtab dis;
    sqlite3_stmt *dis_ins;

    struct cmap cells;
    struct lmap local;
    struct srow *rows, *sorted;
    long nrows, rows_cap;
    long *pcount;            /* per period, for the counting sort */
    uint32_t *hint;          /* [(ancestor + 1) * hint_cap + key]: a cell's
                                position in the block last time */
    size_t hint_cap;
    int has_inner;
    sqlite3_int64 ind;       /* the indicator being written */
};

static int ru_store_fail(struct ru *u, const char *what)
{
    log_error("rollup: %s: %s", what, sqlite3_errmsg(u->db));
    fault_set(u->f, FAULT_STORE, "De opslag kon de optellingen niet "
              "bijwerken (%s).", what);
    return -1;
}

static int ru_oom(struct ru *u, const char *what)
{
    fault_set(u->f, FAULT_STORE, "Te weinig geheugen of te veel gegevens "
              "om op te tellen (%s).", what);
    return -1;
}

/* The regions (ids ascending) and the region hierarchy, as a compressed
 * list of links per child region. */
static int load_regions(struct ru *u)
{
    sqlite3_stmt *st = store_prepare(u->db, "SELECT id FROM region "
                                            "ORDER BY id");
    sqlite3_stmt *ls = NULL;
    struct { int32_t child; struct link l; } *tmp = NULL;
    long ntmp = 0, cap = 0, i;
    int rc = -1, step;

    if (st == NULL)
        return ru_store_fail(u, "regio's lezen");
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (idx_push(&u->reg, sqlite3_column_int64(st, 0), INT32_MAX) != 0) {
            ru_oom(u, "regio's");
            goto cleanup;
        }
    if (step != SQLITE_DONE) {
        ru_store_fail(u, "regio's lezen");
        goto cleanup;
    }
    if (idx_seal(&u->reg) != 0) {
        ru_oom(u, "regio's");
        goto cleanup;
    }
    u->link_off = calloc((size_t)u->reg.n + 2, sizeof *u->link_off);
    u->is_inner = calloc((size_t)u->reg.n + 1, 1);
    u->mark = calloc((size_t)u->reg.n + 1, sizeof *u->mark);
    if (!u->link_off || !u->is_inner || !u->mark) {
        ru_oom(u, "regio's");
        goto cleanup;
    }
    ls = store_prepare(u->db,
        "SELECT c.id, p.id, l.year_from, l.year_to FROM region_link l "
        "JOIN region c ON c.code = l.child "
        "JOIN region p ON p.code = l.parent");
    if (ls == NULL) {
        ru_store_fail(u, "regiokoppelingen lezen");
        goto cleanup;
    }
    while ((step = sqlite3_step(ls)) == SQLITE_ROW) {
        long c = idx_find(&u->reg, sqlite3_column_int64(ls, 0));
        long p = idx_find(&u->reg, sqlite3_column_int64(ls, 1));

        if (c < 0 || p < 0)
            continue;
        if (ntmp == cap) {
            void *q;

            cap = cap ? cap * 2 : 1024;
            if (cap > INT32_MAX / 2 || (q = realloc(tmp, (size_t)cap
                                                    * sizeof *tmp)) == NULL) {
                ru_oom(u, "regiokoppelingen");
                goto cleanup;
            }
            tmp = q;
        }
        tmp[ntmp].child = (int32_t)c;
        tmp[ntmp].l.parent = (int32_t)p;
        tmp[ntmp].l.year_from = sqlite3_column_int(ls, 2);
        tmp[ntmp].l.year_to = sqlite3_column_int(ls, 3);
        ntmp++;
    }
    if (step != SQLITE_DONE) {
        ru_store_fail(u, "regiokoppelingen lezen");
        goto cleanup;
    }
    /* counting sort by child: link_off[c] .. link_off[c + 1] */
    u->links = malloc(((size_t)ntmp + 1) * sizeof *u->links);
    if (u->links == NULL) {
        ru_oom(u, "regiokoppelingen");
        goto cleanup;
    }
    for (i = 0; i < ntmp; i++)
        u->link_off[tmp[i].child + 2]++;
    for (i = 0; i < u->reg.n; i++)
        u->link_off[i + 2] += u->link_off[i + 1];
    for (i = 0; i < ntmp; i++)
        u->links[u->link_off[tmp[i].child + 1]++] = tmp[i].l;
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    sqlite3_finalize(ls);
    free(tmp);
    return rc;
}

static int load_periods(struct ru *u)
{
    sqlite3_stmt *st = store_prepare(u->db, "SELECT id, year FROM period "
                                            "ORDER BY id");
    long cap = 0;
    int step, rc = -1;

    if (st == NULL)
        return ru_store_fail(u, "perioden lezen");
    u->ymin = INT_MAX;
    u->ymax = INT_MIN;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int y = sqlite3_column_int(st, 1);

        if (idx_push(&u->per, sqlite3_column_int64(st, 0), INT32_MAX) != 0) {
            ru_oom(u, "perioden");
            goto cleanup;
        }
        if (u->per.n > cap) {
            int *p;

            cap = u->per.cap;
            p = realloc(u->per_year, (size_t)cap * sizeof *p);
            if (p == NULL) {
                ru_oom(u, "perioden");
                goto cleanup;
            }
            u->per_year = p;
        }
        u->per_year[u->per.n - 1] = y;
        if (y < u->ymin)
            u->ymin = y;
        if (y > u->ymax)
            u->ymax = y;
    }
    if (step != SQLITE_DONE) {
        ru_store_fail(u, "perioden lezen");
        goto cleanup;
    }
    if (idx_seal(&u->per) != 0) {
        ru_oom(u, "perioden");
        goto cleanup;
    }
    u->pcount = calloc((size_t)u->per.n + 1, sizeof *u->pcount);
    if (u->pcount == NULL) {
        ru_oom(u, "perioden");
        goto cleanup;
    }
    if (u->per.n > 0) {
        long years = u->ymax - u->ymin + 1;
        long slots = years * (u->reg.n ? u->reg.n : 1);

        if (years > 0 && slots <= RU_MAX_ANC_CACHE) {
            u->anc_off = malloc((size_t)slots * sizeof *u->anc_off);
            u->anc_len = malloc((size_t)slots * sizeof *u->anc_len);
            if (!u->anc_off || !u->anc_len) {
                ru_oom(u, "regio-ouders");
                goto cleanup;
            }
            memset(u->anc_len, 0xff, (size_t)slots * sizeof *u->anc_len);
        }
    }
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static int load_disaggs(struct ru *u)
{
    sqlite3_stmt *st = store_prepare(u->db, "SELECT id, key FROM "
                                            "disaggregation ORDER BY id");
    int step, rc = -1;

    if (st == NULL)
        return ru_store_fail(u, "uitsplitsingen lezen");
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (dtab_add(&u->dis, sqlite3_column_int64(st, 0),
                     store_col(st, 1)) != 0) {
            ru_oom(u, "uitsplitsingen");
            goto cleanup;
        }
    if (step != SQLITE_DONE) {
        ru_store_fail(u, "uitsplitsingen lezen");
        goto cleanup;
    }
    if (idx_seal(&u->dis.id) != 0) {
        ru_oom(u, "uitsplitsingen");
        goto cleanup;
    }
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

static void ru_close(struct ru *u)
{
    idx_free(&u->reg);
    free(u->link_off);
    free(u->links);
    free(u->is_inner);
    free(u->mark);
    idx_free(&u->per);
    free(u->per_year);
    free(u->anc_off);
    free(u->anc_len);
    free(u->anc_pool);
    dtab_free(&u->dis);
    sqlite3_finalize(u->dis_ins);
    cmap_free(&u->cells);
    lmap_free(&u->local);
    free(u->rows);
    free(u->sorted);
    free(u->pcount);
    free(u->hint);
    memset(u, 0, sizeof *u);
}

static int ru_open(struct ru *u, sqlite3 *db, sqlite3_int64 batch,
                   struct rollup_stats *st, struct fault *f)
{
    memset(u, 0, sizeof *u);
    u->db = db;
    u->f = f;
    u->batch = batch;
    u->st = st;
    if (load_regions(u) != 0 || load_periods(u) != 0 || load_disaggs(u) != 0)
        goto fail;
    u->dis_ins = store_prepare(db, "INSERT INTO disaggregation(key) "
                                   "VALUES (?1)");
    if (u->dis_ins == NULL) {
        ru_store_fail(u, "opdrachten voorbereiden");
        goto fail;
    }
    return 0;
fail:
    ru_close(u);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Keys and their subsets                                              */

/* The position of key, inserting it into the disaggregation table when
 * new. -1 on failure (fault set). */
static long dis_ensure(struct ru *u, const char *key)
{
    long pos = dtab_lookup(&u->dis, key);

    if (pos >= 0)
        return pos;
    sqlite3_reset(u->dis_ins);
    sqlite3_bind_text(u->dis_ins, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(u->dis_ins) != SQLITE_DONE) {
        ru_store_fail(u, "uitsplitsing toevoegen");
        return -1;
    }
    if (dtab_add(&u->dis, sqlite3_last_insert_rowid(u->db), key) != 0) {
        ru_oom(u, "uitsplitsingen");
        return -1;
    }
    return u->dis.id.n - 1;
}

static int32_t dimset_intern(struct ru *u, const struct kv *k)
{
    char s[RU_MAX_KEY];
    size_t used = 0;
    long i;
    int j;

    s[0] = '\0';
    for (j = 0; j < k->n; j++) {
        int w = snprintf(s + used, sizeof s - used, "%s%s", j ? ";" : "",
                         k->dim[j]);

        if (w < 0 || (size_t)w >= sizeof s - used)
            break;
        used += (size_t)w;
    }
    for (i = 0; i < u->dis.ndimset; i++)
        if (strcmp(u->dis.dimset[i], s) == 0)
            return (int32_t)i;
    if (u->dis.ndimset >= RU_MAX_DIMSETS)
        return -1;
    if (u->dis.ndimset % 64 == 0) {
        char **p = realloc(u->dis.dimset, ((size_t)u->dis.ndimset + 64)
                           * sizeof *p);

        if (p == NULL)
            return -1;
        u->dis.dimset = p;
    }
    u->dis.dimset[u->dis.ndimset] = strdup(s);
    if (u->dis.dimset[u->dis.ndimset] == NULL)
        return -1;
    return (int32_t)u->dis.ndimset++;
}

/* The info of the key at pos, parsing it and finding (or inserting) all
 * its subsets on first use. NULL on failure (fault set). */
static const struct dinfo *dis_info(struct ru *u, long pos)
{
    struct kv k;
    struct dinfo *inf = &u->dis.info[pos];
    int32_t *subs;
    unsigned m, full;

    if (inf->npairs >= 0)
        return inf;
    if (kv_parse(u->dis.key[pos], &k) != 0) {
        fault_set(u->f, FAULT_INVALID, "Uitsplitsing '%s' is niet van de "
                  "vorm dimensie=item;dimensie=item (gesorteerd op "
                  "dimensie, hoogstens %d paren).", u->dis.key[pos],
                  RU_MAX_DIMS);
        return NULL;
    }
    full = (1u << k.n) - 1;
    subs = malloc(((size_t)full + 1) * sizeof *subs);
    if (subs == NULL) {
        ru_oom(u, "uitsplitsingen");
        return NULL;
    }
    for (m = 0; m <= full; m++) {
        char key[RU_MAX_KEY];
        long sp;

        if (m == full) {
            subs[m] = (int32_t)pos;
            continue;
        }
        kv_join(&k, m, key, sizeof key);
        sp = dis_ensure(u, key);
        if (sp < 0) {
            free(subs);
            return NULL;
        }
        subs[m] = (int32_t)sp;
    }
    inf = &u->dis.info[pos];     /* dis_ensure may have moved the array */
    inf->dimset = dimset_intern(u, &k);
    if (inf->dimset < 0) {
        free(subs);
        ru_oom(u, "dimensiecombinaties");
        return NULL;
    }
    inf->subs = subs;
    inf->npairs = (int8_t)k.n;
    return inf;
}

/* ------------------------------------------------------------------ */
/* Ancestors                                                           */

/* Breadth-first search over the links of x valid in year (any year when
 * year is INT_MIN), each region once, x itself excluded. */
static int bfs(struct ru *u, uint32_t x, int year, int32_t *out, int *n)
{
    int head = 0;

    *n = 0;
    if (++u->mark_gen == 0) {
        memset(u->mark, 0, ((size_t)u->reg.n + 1) * sizeof *u->mark);
        u->mark_gen = 1;
    }
    u->mark[x] = u->mark_gen;
    out[(*n)++] = (int32_t)x;
    while (head < *n) {
        uint32_t c = (uint32_t)out[head++];
        long i;

        for (i = u->link_off[c]; i < u->link_off[c + 1]; i++) {
            const struct link *l = &u->links[i];

            if (year != INT_MIN && (year < l->year_from || year > l->year_to))
                continue;
            if (u->mark[l->parent] == u->mark_gen)
                continue;
            if (*n > RU_MAX_ANC) {
                fault_set(u->f, FAULT_INVALID, "Een regio heeft meer dan %d "
                          "bovenliggende regio's; controleer de "
                          "regiokoppelingen.", RU_MAX_ANC);
                return -1;
            }
            u->mark[l->parent] = u->mark_gen;
            out[(*n)++] = l->parent;
        }
    }
    /* drop x itself */
    memmove(out, out + 1, (size_t)(*n - 1) * sizeof *out);
    (*n)--;
    return 0;
}

/* The ancestors of x in year, copied into out (RU_MAX_ANC + 1 entries),
 * cached per (region, year). */
static int ancestors(struct ru *u, uint32_t x, int year, int32_t *out, int *n)
{
    long slot;

    if (u->anc_len == NULL || year < u->ymin || year > u->ymax)
        return bfs(u, x, year, out, n);
    slot = (long)x * (u->ymax - u->ymin + 1) + (year - u->ymin);
    if (u->anc_len[slot] < 0) {
        if (bfs(u, x, year, out, n) != 0)
            return -1;
        if (u->anc_n + *n > u->anc_cap) {
            long cap = u->anc_cap ? u->anc_cap * 2 : 4096;
            int32_t *p;

            while (cap < u->anc_n + *n)
                cap *= 2;
            if (cap > INT32_MAX)
                return ru_oom(u, "regio-ouders");
            p = realloc(u->anc_pool, (size_t)cap * sizeof *p);
            if (p == NULL)
                return ru_oom(u, "regio-ouders");
            u->anc_pool = p;
            u->anc_cap = cap;
        }
        if (*n > 0)
            memcpy(u->anc_pool + u->anc_n, out, (size_t)*n * sizeof *out);
        u->anc_off[slot] = (int32_t)u->anc_n;
        u->anc_len[slot] = *n;
        u->anc_n += *n;
        return 0;
    }
    *n = u->anc_len[slot];
    if (*n > 0)
        memcpy(out, u->anc_pool + u->anc_off[slot],
               (size_t)*n * sizeof *out);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Summing one indicator                                               */

enum { RUN_OWN = 1, RUN_CONTRIB = 2 };

/* Whether region y has a's cell (d, p) covered: y lies between the
 * contributing region and a, and y has the cell from its own data. */
static int blocked(struct ru *u, const int32_t *anc, int nanc, int32_t a,
                   uint32_t d, uint32_t p, int year, int *err)
{
    int32_t yanc[RU_MAX_ANC + 1];
    int i, j, ny;

    for (i = 0; i < nanc; i++) {
        const struct bcell *c;
        int32_t y = anc[i];

        if (y == a || !u->is_inner[y])
            continue;
        c = cm_find(&u->cells, (uint32_t)y, d, p);
        if (c == NULL || !(c->flags & C_OWN))
            continue;
        if (ancestors(u, (uint32_t)y, year, yanc, &ny) != 0) {
            *err = 1;
            return 1;
        }
        for (j = 0; j < ny; j++)
            if (yanc[j] == a)
                return 1;
    }
    return 0;
}

/* Stage 1 and/or 2 for the rows of region x (u->rows, u->nrows). */
static int region_run(struct ru *u, uint32_t x, int mode)
{
    long i, start;
    long np = u->per.n;

    if (u->nrows == 0)
        return 0;
    /* counting sort by period; rows of one period keep their key order */
    memset(u->pcount, 0, ((size_t)np + 1) * sizeof *u->pcount);
    for (i = 0; i < u->nrows; i++)
        u->pcount[u->rows[i].p + 1]++;
    for (i = 0; i < np; i++)
        u->pcount[i + 1] += u->pcount[i];
    for (i = 0; i < u->nrows; i++)
        u->sorted[u->pcount[u->rows[i].p]++] = u->rows[i];

    for (start = 0; start < u->nrows;) {
        uint32_t p = u->sorted[start].p;
        long end = start;
        size_t need = 0, k;
        int32_t anc[RU_MAX_ANC + 1];
        int nanc = 0, a;
        int year = u->per_year[p];

        for (end = start; end < u->nrows && u->sorted[end].p == p; end++) {
            const struct dinfo *inf = dis_info(u, u->sorted[end].d);

            if (inf == NULL)
                return -1;
            need += (size_t)1 << inf->npairs;
        }
        if (lmap_reset(&u->local, need) != 0)
            return ru_oom(u, "optellen per regio");
        if (need > u->hint_cap) {
            free(u->hint);
            u->hint_cap = need;
            u->hint = calloc((RU_MAX_ANC + 2) * need, sizeof *u->hint);
            if (u->hint == NULL) {
                u->hint_cap = 0;
                return ru_oom(u, "optellen per regio");
            }
        }
        /* stage 1: every subset of every key, from the coarsest keys */
        for (i = start; i < end; i++) {
            const struct srow *r = &u->sorted[i];
            const struct dinfo *inf = &u->dis.info[r->d];
            unsigned m, full = (1u << inf->npairs) - 1;

            for (m = 0; m <= full; m++) {
                uint32_t s = (uint32_t)inf->subs[m];
                size_t h = key_hash(s) & (u->local.cap - 1);
                struct lcell *c;

                for (;; h = (h + 1) & (u->local.cap - 1)) {
                    c = &u->local.slot[h];
                    if (c->gen != u->local.gen || c->d == s)
                        break;
                }
                if (c->gen != u->local.gen) {
                    c->gen = u->local.gen;
                    c->d = s;
                    c->ssize = (uint8_t)__builtin_popcount(m);
                    c->size = (uint8_t)inf->npairs;
                    c->dimset = inf->dimset;
                    c->sum = r->v;
                    c->def = r->def;
                    u->local.used[u->local.n++] = (uint32_t)h;
                    continue;
                }
                if (c->dimset != inf->dimset) {
                    int better = inf->npairs < c->size
                        || (inf->npairs == c->size
                            && strcmp(u->dis.dimset[inf->dimset],
                                      u->dis.dimset[c->dimset]) < 0);

                    if (!better)
                        continue;
                    c->size = (uint8_t)inf->npairs;
                    c->dimset = inf->dimset;
                    c->sum = r->v;
                    c->def = r->def;
                    continue;
                }
                c->sum += r->v;
                c->def &= r->def;
            }
        }
        /* this region's own cells */
        if (mode & RUN_OWN) {
            long bi = -1;

            for (k = 0; k < u->local.n; k++) {
                const struct lcell *c = &u->local.slot[u->local.used[k]];
                int imported = c->size == c->ssize;
                struct bcell *o;

                if (imported && !u->is_inner[x])
                    continue;
                if (bi < 0 && (bi = cm_block(&u->cells, x, p, 1)) < 0)
                    return ru_oom(u, "te veel cellen");
                o = cm_cell(&u->cells, bi, c->d, &u->hint[k]);
                if (o == NULL)
                    return ru_oom(u, "te veel cellen");
                o->flags = C_USED | (imported ? C_OWN_IMP : C_OWN_COMP);
                o->sum = c->sum;
                o->def = c->def;
            }
        }
        /* what they feed: one ancestor block at a time */
        if ((mode & RUN_CONTRIB)
            && ancestors(u, x, year, anc, &nanc) != 0)
            return -1;
        for (a = 0; a < nanc; a++) {
            long bi = cm_block(&u->cells, (uint32_t)anc[a], p, 1);

            if (bi < 0)
                return ru_oom(u, "te veel cellen");
            for (k = 0; k < u->local.n; k++) {
                const struct lcell *c = &u->local.slot[u->local.used[k]];
                struct bcell *o;
                int err = 0;

                if (u->has_inner && blocked(u, anc, nanc, anc[a], c->d, p,
                                            year, &err)) {
                    if (err)
                        return -1;
                    continue;
                }
                o = cm_cell(&u->cells, bi, c->d,
                            &u->hint[(size_t)(a + 1) * u->hint_cap + k]);
                if (o == NULL)
                    return ru_oom(u, "te veel cellen");
                if (o->flags & C_OWN)
                    continue;
                o->flags |= C_CONTRIB;
                o->sum += c->sum;
                o->def &= c->def;
            }
        }
        start = end;
    }
    return 0;
}

/* Append one imported row to the current region's buffer. */
static int push_row(struct ru *u, sqlite3_stmt *st, int col)
{
    sqlite3_int64 did = sqlite3_column_int64(st, col);
    sqlite3_int64 pid = sqlite3_column_int64(st, col + 1);
    long d = idx_find(&u->dis.id, did), p = idx_find(&u->per, pid);
    struct srow *r;

    if (d < 0 || p < 0) {
        fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar een "
                  "onbekende %s (id %lld).", d < 0 ? "uitsplitsing" :
                  "periode", (long long)(d < 0 ? did : pid));
        return -1;
    }
    if (u->nrows == u->rows_cap) {
        long cap = u->rows_cap ? u->rows_cap * 2 : 4096;
        struct srow *a, *b;

        if (cap > RU_MAX_REGION_ROWS)
            return ru_oom(u, "te veel waarnemingen in een regio");
        a = realloc(u->rows, (size_t)cap * sizeof *a);
        if (a == NULL)
            return ru_oom(u, "waarnemingen");
        u->rows = a;
        b = realloc(u->sorted, (size_t)cap * sizeof *b);
        if (b == NULL)
            return ru_oom(u, "waarnemingen");
        u->sorted = b;
        u->rows_cap = cap;
    }
    r = &u->rows[u->nrows++];
    r->d = (uint32_t)d;
    r->p = (uint32_t)p;
    r->v = sqlite3_column_double(st, col + 2);
    r->def = sqlite3_column_int(st, col + 3) != 0;
    return 0;
}

/* Read the imported rows of one region into u->rows. */
static int read_region(struct ru *u, sqlite3_stmt *st, uint32_t x)
{
    int step;

    u->nrows = 0;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, u->ind);
    sqlite3_bind_int64(st, 2, u->reg.ids[x]);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (push_row(u, st, 0) != 0)
            return -1;
    if (step != SQLITE_DONE)
        return ru_store_fail(u, "waarnemingen lezen");
    return 0;
}

/* Find the regions with imported rows (one index seek each) and mark the
 * inner ones: imported regions that lie above another imported region in
 * some year. The list of inner regions goes to *inner (malloc'ed). */
static int find_inner(struct ru *u, int32_t **inner, long *ninner)
{
    sqlite3_stmt *st = store_prepare(u->db,
        "SELECT region_id FROM observation WHERE indicator_id = ?1 "
        "AND region_id > ?2 AND origin = 0 ORDER BY region_id LIMIT 1");
    int32_t *src = NULL, anc[RU_MAX_ANC + 1];
    long nsrc = 0, i;
    sqlite3_int64 last = INT64_MIN;
    int rc = -1, n, j;
    uint8_t *is_src = NULL;

    *inner = NULL;
    *ninner = 0;
    if (st == NULL)
        return ru_store_fail(u, "regio's zoeken");
    src = malloc(((size_t)u->reg.n + 1) * sizeof *src);
    is_src = calloc((size_t)u->reg.n + 1, 1);
    *inner = malloc(((size_t)u->reg.n + 1) * sizeof **inner);
    if (!src || !is_src || !*inner) {
        ru_oom(u, "regio's");
        goto cleanup;
    }
    memset(u->is_inner, 0, (size_t)u->reg.n + 1);
    for (;;) {
        int step;
        long x;

        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, u->ind);
        sqlite3_bind_int64(st, 2, last);
        step = sqlite3_step(st);
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW) {
            ru_store_fail(u, "regio's zoeken");
            goto cleanup;
        }
        last = sqlite3_column_int64(st, 0);
        x = idx_find(&u->reg, last);
        if (x < 0) {
            fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar een "
                      "onbekende regio (id %lld).", (long long)last);
            goto cleanup;
        }
        if (nsrc <= u->reg.n) {
            src[nsrc++] = (int32_t)x;
            is_src[x] = 1;
        }
    }
    for (i = 0; i < nsrc; i++) {
        if (bfs(u, (uint32_t)src[i], INT_MIN, anc, &n) != 0)
            goto cleanup;
        for (j = 0; j < n; j++)
            if (is_src[anc[j]] && !u->is_inner[anc[j]])
                u->is_inner[anc[j]] = 1;
    }
    for (i = 0; i < nsrc; i++)
        if (u->is_inner[src[i]])
            (*inner)[(*ninner)++] = src[i];
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    free(src);
    free(is_src);
    if (rc != 0) {
        free(*inner);
        *inner = NULL;
    }
    return rc;
}

struct wcur {                /* write_cells' cursor for obsbulk */
    struct ru *u;
    const struct cell *list;
    size_t n, i;
    int origin;
};

static int wcur_next(void *ctx, struct obsbulk_row *out)
{
    struct wcur *w = ctx;
    const struct cell *c;

    if (w->i == w->n)
        return 0;
    c = &w->list[w->i++];
    out->indicator_id = w->u->ind;
    out->region_id = w->u->reg.ids[c->r];
    out->disagg_id = w->u->dis.id.ids[c->d];
    out->period_id = w->u->per.ids[c->p];
    out->value = c->sum;
    out->definitief = c->def;
    out->origin = w->origin;
    out->batch_id = w->u->batch;
    return 1;
}

/* Insert cells (sorted into primary-key order, none of them stored yet)
 * as rows of origin `origin`, in one bulk statement. */
static int write_cells(struct ru *u, const struct cell *list, size_t n,
                       int origin)
{
    struct wcur w = { u, list, n, 0, origin };
    long long done;

    if (n == 0)
        return 0;
    done = obsbulk_insert(u->db, wcur_next, &w, 0);
    if (done < 0)
        return ru_store_fail(u, "optellingen schrijven");
    u->st->computed_rows += done;
    return 0;
}

/* Keep a computed row read by the scan (region already known). */
static int push_old(struct ru *u, sqlite3_stmt *st, uint32_t r,
                    struct cell **old, size_t *n, size_t *cap)
{
    long d = idx_find(&u->dis.id, sqlite3_column_int64(st, 1));
    long p = idx_find(&u->per, sqlite3_column_int64(st, 2));
    struct cell *c;

    if (d < 0 || p < 0) {
        fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar een "
                  "onbekende %s.", d < 0 ? "uitsplitsing" : "periode");
        return -1;
    }
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4096;
        struct cell *q;

        if (nc > (size_t)RU_MAX_CELLS * 2)
            return ru_oom(u, "te veel cellen");
        q = realloc(*old, nc * sizeof *q);
        if (q == NULL)
            return ru_oom(u, "te veel cellen");
        *old = q;
        *cap = nc;
    }
    c = &(*old)[(*n)++];
    c->r = r;
    c->d = (uint32_t)d;
    c->p = (uint32_t)p;
    c->sum = sqlite3_column_double(st, 3);
    c->def = sqlite3_column_int(st, 4) != 0;
    c->origin = (uint8_t)sqlite3_column_int(st, 5);
    return 0;
}

/* Bring the stored rows of the indicator (old, in key order: its computed
 * rows, and for a ratio also its imported ones) in line with the new
 * cells of origin `origin` (list): an imported row is never touched (it
 * shadows the cell); an unchanged cell is left alone (it keeps the batch
 * that last changed it); a changed one is updated; a computed row that is
 * no longer computed is deleted; new cells are inserted in one bulk
 * statement. A recomputation that changes little writes little. */
static int merge_cells(struct ru *u, struct cell *list, size_t n,
                       const struct cell *old, size_t nold, int origin)
{
    sqlite3_stmt *upd = NULL, *del = NULL;
    size_t i = 0, j = 0, nnew = 0;
    int rc = -1;

    if (n > 0)
        qsort(list, n, sizeof *list, cell_cmp);
    if (nold > 0) {
        upd = store_prepare(u->db,
            "UPDATE observation SET value = ?5, definitief = ?6, "
            "origin = ?8, batch_id = ?7 WHERE indicator_id = ?1 AND "
            "region_id = ?2 AND disagg_id = ?3 AND period_id = ?4");
        del = store_prepare(u->db,
            "DELETE FROM observation WHERE indicator_id = ?1 AND "
            "region_id = ?2 AND disagg_id = ?3 AND period_id = ?4");
        if (upd == NULL || del == NULL) {
            ru_store_fail(u, "opdrachten voorbereiden");
            goto cleanup;
        }
    }
    while (i < n || j < nold) {
        int c = i == n ? 1 : j == nold ? -1 : cell_cmp(&list[i], &old[j]);
        const struct cell *x = c <= 0 ? &list[i] : &old[j];
        sqlite3_stmt *st;

        if (c < 0) {                 /* new: keep for the bulk insert */
            list[nnew++] = list[i++];
            continue;
        }
        if (old[j].origin == 0      /* imported: shadows, never ours */
            || (c == 0 && list[i].sum == old[j].sum
                && list[i].def == old[j].def && old[j].origin == origin)) {
            i += c == 0;
            j++;
            continue;
        }
        st = c == 0 ? upd : del;
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, u->ind);
        sqlite3_bind_int64(st, 2, u->reg.ids[x->r]);
        sqlite3_bind_int64(st, 3, u->dis.id.ids[x->d]);
        sqlite3_bind_int64(st, 4, u->per.ids[x->p]);
        if (c == 0) {
            sqlite3_bind_double(st, 5, list[i].sum);
            sqlite3_bind_int(st, 6, list[i].def);
            sqlite3_bind_int64(st, 7, u->batch);
            sqlite3_bind_int(st, 8, origin);
            u->st->computed_rows++;
            i++;
        }
        j++;
        if (sqlite3_step(st) != SQLITE_DONE) {
            ru_store_fail(u, "optellingen bijwerken");
            goto cleanup;
        }
    }
    rc = write_cells(u, list, nnew, origin);
cleanup:
    sqlite3_finalize(upd);
    sqlite3_finalize(del);
    return rc;
}

/* Recompute the origin 1 rows of the 'som' indicator u->ind. */
static int rollup_sum(struct ru *u)
{
    sqlite3_stmt *scan = NULL, *one = NULL;
    int32_t *inner = NULL;
    long ninner = 0, i, cur = -1, b;
    sqlite3_int64 cur_id = 0;
    struct cell *list = NULL, *old = NULL;
    size_t n = 0, nold = 0, oldcap = 0;
    uint32_t k;
    int step, rc = -1;

    scan = store_prepare(u->db,
        "SELECT region_id, disagg_id, period_id, value, definitief, origin "
        "FROM observation WHERE indicator_id = ?1 "
        "ORDER BY region_id, disagg_id, period_id");
    one = store_prepare(u->db,
        "SELECT disagg_id, period_id, value, definitief FROM observation "
        "WHERE indicator_id = ?1 AND region_id = ?2 AND origin = 0");
    if (!scan || !one) {
        ru_store_fail(u, "opdrachten voorbereiden");
        goto cleanup;
    }
    cmap_free(&u->cells);
    if (find_inner(u, &inner, &ninner) != 0)
        goto cleanup;
    u->has_inner = ninner > 0;
    /* inner regions: first their own cells, then what they feed */
    for (i = 0; i < ninner; i++)
        if (read_region(u, one, (uint32_t)inner[i]) != 0
            || region_run(u, (uint32_t)inner[i], RUN_OWN) != 0)
            goto cleanup;
    for (i = 0; i < ninner; i++)
        if (read_region(u, one, (uint32_t)inner[i]) != 0
            || region_run(u, (uint32_t)inner[i], RUN_CONTRIB) != 0)
            goto cleanup;
    /* every other region, in one ordered scan; the computed rows stored
     * so far are kept aside to compare with the new ones */
    u->nrows = 0;
    sqlite3_bind_int64(scan, 1, u->ind);
    while ((step = sqlite3_step(scan)) == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(scan, 0);

        if (cur < 0 || rid != cur_id) {
            if (cur >= 0 && !u->is_inner[cur]
                && region_run(u, (uint32_t)cur, RUN_OWN | RUN_CONTRIB) != 0)
                goto cleanup;
            u->nrows = 0;
            cur_id = rid;
            cur = idx_find(&u->reg, rid);
            if (cur < 0) {
                fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar "
                          "een onbekende regio (id %lld).", (long long)rid);
                goto cleanup;
            }
        }
        if (sqlite3_column_int(scan, 5) != 0) {
            if (push_old(u, scan, (uint32_t)cur, &old, &nold, &oldcap) != 0)
                goto cleanup;
            continue;
        }
        u->st->source_rows++;
        if (u->is_inner[cur])
            continue;
        if (push_row(u, scan, 1) != 0)
            goto cleanup;
    }
    if (step != SQLITE_DONE) {
        ru_store_fail(u, "waarnemingen lezen");
        goto cleanup;
    }
    if (cur >= 0 && !u->is_inner[cur]
        && region_run(u, (uint32_t)cur, RUN_OWN | RUN_CONTRIB) != 0)
        goto cleanup;
    /* flatten the computed cells and write them */
    list = malloc(((size_t)u->cells.ncells + 1) * sizeof *list);
    if (list == NULL) {
        ru_oom(u, "te veel cellen");
        goto cleanup;
    }
    for (b = 0; b < u->cells.nblk; b++) {
        const struct block *blk = &u->cells.blk[b];

        for (k = 0; k < blk->n; k++) {
            const struct bcell *c = &blk->cell[k];

            if (!(c->flags & (C_OWN_COMP | C_CONTRIB)))
                continue;
            list[n].r = blk->r;
            list[n].d = c->d;
            list[n].p = blk->p;
            list[n].def = c->def;
            list[n++].sum = c->sum;
        }
    }
    cmap_free(&u->cells);
    if (merge_cells(u, list, n, old, nold, 1) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    cmap_free(&u->cells);
    sqlite3_finalize(scan);
    sqlite3_finalize(one);
    free(inner);
    free(list);
    free(old);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Ratios                                                              */

struct nrow {                /* a numerator row of the current region */
    uint32_t d, p;
    double v;
    uint8_t def;
};

static int nrow_cmp(const void *a, const void *b)
{
    const struct nrow *x = a, *y = b;

    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return 0;
}

struct ratio {
    sqlite3_int64 id, num, den;
    char code[64];
    struct kv fn, fd;
    double factor;
};

/* For the denominator key at pos: the output key K (pos, or -1 when the
 * key does not fit the filters) and the numerator key (pos or -1). */
static void ratio_keys(struct ru *u, const struct ratio *r, long pos,
                       long *kpos, long *npos, char *kkey, size_t klen)
{
    struct kv e, merged;
    const char *kd[RU_MAX_DIMS], *ki[RU_MAX_DIMS];
    int i, j, nk = 0, a, b;
    char nkey[RU_MAX_KEY];

    *kpos = -1;
    *npos = -1;
    kkey[0] = '\0';
    if (kv_parse(u->dis.key[pos], &e) != 0)
        return;
    /* K = e minus den_filter; every den_filter pair must be in e */
    for (j = 0; j < r->fd.n; j++) {
        int found = 0;

        for (i = 0; i < e.n; i++)
            if (strcmp(e.dim[i], r->fd.dim[j]) == 0
                && strcmp(e.item[i], r->fd.item[j]) == 0)
                found = 1;
        if (!found)
            return;
    }
    for (i = 0; i < e.n; i++) {
        int in_fd = 0;

        for (j = 0; j < r->fd.n; j++)
            if (strcmp(e.dim[i], r->fd.dim[j]) == 0)
                in_fd = 1;
        if (in_fd)
            continue;
        for (j = 0; j < r->fn.n; j++)
            if (strcmp(e.dim[i], r->fn.dim[j]) == 0)
                return;      /* K may not hold the numerator's dimension */
        kd[nk] = e.dim[i];
        ki[nk++] = e.item[i];
    }
    /* the K key and K + num_filter, both sorted by dimension */
    merged.n = nk;
    for (i = 0; i < nk; i++) {
        merged.dim[i] = kd[i];
        merged.item[i] = ki[i];
    }
    kv_join(&merged, (1u << nk) - 1, kkey, klen);
    merged.n = 0;
    for (a = 0, b = 0; a < nk || b < r->fn.n;) {
        if (merged.n == RU_MAX_DIMS)
            return;
        if (b >= r->fn.n || (a < nk && strcmp(kd[a], r->fn.dim[b]) < 0)) {
            merged.dim[merged.n] = kd[a];
            merged.item[merged.n++] = ki[a++];
        } else {
            merged.dim[merged.n] = r->fn.dim[b];
            merged.item[merged.n++] = r->fn.item[b++];
        }
    }
    kv_join(&merged, (1u << merged.n) - 1, nkey, sizeof nkey);
    *npos = dtab_lookup(&u->dis, nkey);
    *kpos = dtab_lookup(&u->dis, kkey);   /* -1: insert when a value comes */
}

static int load_ratio(struct ru *u, sqlite3_int64 id, struct ratio *r)
{
    sqlite3_stmt *st = store_prepare(u->db,
        "SELECT r.code, n.id, r.num_filter, d.id, r.den_filter, r.factor "
        "FROM indicator r JOIN indicator n ON n.code = r.num_code "
        "JOIN indicator d ON d.code = r.den_code WHERE r.id = ?1");
    int rc = -1, step;

    if (st == NULL)
        return ru_store_fail(u, "verhoudingsindicator lezen");
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step != SQLITE_ROW) {
        if (step == SQLITE_DONE)
            fault_set(u->f, FAULT_NOTFOUND, "Verhoudingsindicator %lld heeft "
                      "geen bekende teller en noemer.", (long long)id);
        else
            ru_store_fail(u, "verhoudingsindicator lezen");
        goto cleanup;
    }
    r->id = id;
    snprintf(r->code, sizeof r->code, "%s", store_col(st, 0));
    r->num = sqlite3_column_int64(st, 1);
    r->den = sqlite3_column_int64(st, 3);
    r->factor = sqlite3_column_double(st, 5);
    if (kv_parse(store_col(st, 2), &r->fn) != 0
        || kv_parse(store_col(st, 4), &r->fd) != 0) {
        fault_set(u->f, FAULT_INVALID, "Indicator %s: het filter van teller "
                  "of noemer is niet van de vorm dimensie=item;... "
                  "(gesorteerd op dimensie).", r->code);
        goto cleanup;
    }
    if (r->num == id || r->den == id) {
        fault_set(u->f, FAULT_INVALID, "Indicator %s deelt zichzelf: teller "
                  "en noemer moeten andere indicatoren zijn.", r->code);
        goto cleanup;
    }
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* Recompute the origin 2 rows of ratio indicator id. */
static int rollup_ratio(struct ru *u, sqlite3_int64 id)
{
    struct ratio r;
    sqlite3_stmt *ns = NULL, *ds = NULL, *os = NULL;
    long *kpos = NULL, *npos = NULL, nd, i;
    uint8_t *useful = NULL;
    struct nrow *nr = NULL;
    long nn = 0, ncap = 0;
    struct cell *out = NULL, *old = NULL;
    size_t nout = 0, ocap = 0, nold = 0, oldcap = 0;
    int rc = -1, nstep, dstep, ostep;
    const char *sel =
        "SELECT region_id, disagg_id, period_id, value, definitief "
        "FROM observation WHERE indicator_id = ?1 "
        "ORDER BY region_id, disagg_id, period_id";

    if (load_ratio(u, id, &r) != 0)
        return -1;
    u->ind = id;
    ns = store_prepare(u->db, sel);
    ds = store_prepare(u->db, sel);
    os = store_prepare(u->db,
        "SELECT region_id, disagg_id, period_id, value, definitief, origin "
        "FROM observation WHERE indicator_id = ?1 "
        "ORDER BY region_id, disagg_id, period_id");
    if (!ns || !ds || !os) {
        ru_store_fail(u, "opdrachten voorbereiden");
        goto cleanup;
    }
    /* the ratio's stored rows: derived ones to compare, imported ones
     * that shadow */
    sqlite3_bind_int64(os, 1, id);
    while ((ostep = sqlite3_step(os)) == SQLITE_ROW) {
        long x = idx_find(&u->reg, sqlite3_column_int64(os, 0));

        if (x < 0) {
            fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar een "
                      "onbekende regio.");
            goto cleanup;
        }
        if (push_old(u, os, (uint32_t)x, &old, &nold, &oldcap) != 0)
            goto cleanup;
    }
    if (ostep != SQLITE_DONE) {
        ru_store_fail(u, "verhoudingen lezen");
        goto cleanup;
    }
    /* the keys as they stand: rows can only refer to these */
    nd = u->dis.id.n;
    kpos = malloc(((size_t)nd + 1) * sizeof *kpos);
    npos = malloc(((size_t)nd + 1) * sizeof *npos);
    useful = calloc((size_t)nd + 1, 1);
    if (!kpos || !npos || !useful) {
        ru_oom(u, "verhoudingen");
        goto cleanup;
    }
    for (i = 0; i < nd; i++) {
        char kkey[RU_MAX_KEY];

        ratio_keys(u, &r, i, &kpos[i], &npos[i], kkey, sizeof kkey);
        if (npos[i] >= 0 && npos[i] < nd)
            useful[npos[i]] = 1;
        else
            npos[i] = -1;
    }
    sqlite3_bind_int64(ns, 1, r.num);
    sqlite3_bind_int64(ds, 1, r.den);
    nstep = sqlite3_step(ns);
    dstep = sqlite3_step(ds);
    while (dstep == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(ds, 0);
        long x = idx_find(&u->reg, rid);

        if (x < 0) {
            fault_set(u->f, FAULT_STORE, "Een observatie verwijst naar een "
                      "onbekende regio (id %lld).", (long long)rid);
            goto cleanup;
        }
        /* the numerator rows of this region, in key order */
        nn = 0;
        while (nstep == SQLITE_ROW && sqlite3_column_int64(ns, 0) < rid)
            nstep = sqlite3_step(ns);
        for (; nstep == SQLITE_ROW && sqlite3_column_int64(ns, 0) == rid;
             nstep = sqlite3_step(ns)) {
            long d = idx_find(&u->dis.id, sqlite3_column_int64(ns, 1));
            long p = idx_find(&u->per, sqlite3_column_int64(ns, 2));

            if (d < 0 || d >= nd || p < 0 || !useful[d])
                continue;
            if (nn == ncap) {
                long cap = ncap ? ncap * 2 : 1024;
                struct nrow *q;

                if (cap > RU_MAX_REGION_ROWS) {
                    ru_oom(u, "te veel waarnemingen in een regio");
                    goto cleanup;
                }
                q = realloc(nr, (size_t)cap * sizeof *q);
                if (q == NULL) {
                    ru_oom(u, "verhoudingen");
                    goto cleanup;
                }
                nr = q;
                ncap = cap;
            }
            nr[nn].d = (uint32_t)d;
            nr[nn].p = (uint32_t)p;
            nr[nn].v = sqlite3_column_double(ns, 3);
            nr[nn++].def = sqlite3_column_int(ns, 4) != 0;
        }
        if (nstep != SQLITE_ROW && nstep != SQLITE_DONE) {
            ru_store_fail(u, "tellers lezen");
            goto cleanup;
        }
        /* the denominator rows of this region */
        for (; dstep == SQLITE_ROW && sqlite3_column_int64(ds, 0) == rid;
             dstep = sqlite3_step(ds)) {
            long d = idx_find(&u->dis.id, sqlite3_column_int64(ds, 1));
            long p = idx_find(&u->per, sqlite3_column_int64(ds, 2));
            double den = sqlite3_column_double(ds, 3);
            struct nrow key, *hit;
            struct cell *o;

            if (d < 0 || d >= nd || p < 0 || npos[d] < 0 || den == 0)
                continue;
            key.d = (uint32_t)npos[d];
            key.p = (uint32_t)p;
            hit = nn ? bsearch(&key, nr, (size_t)nn, sizeof *nr, nrow_cmp)
                     : NULL;
            if (hit == NULL)
                continue;
            if (kpos[d] < 0) {
                char kkey[RU_MAX_KEY];
                long dummy_k, dummy_n;

                ratio_keys(u, &r, d, &dummy_k, &dummy_n, kkey, sizeof kkey);
                kpos[d] = dis_ensure(u, kkey);
                if (kpos[d] < 0)
                    goto cleanup;
            }
            if (nout == ocap) {
                size_t cap = ocap ? ocap * 2 : 4096;
                struct cell *q;

                if (cap > RU_MAX_SLOTS) {
                    ru_oom(u, "te veel verhoudingen");
                    goto cleanup;
                }
                q = realloc(out, cap * sizeof *q);
                if (q == NULL) {
                    ru_oom(u, "verhoudingen");
                    goto cleanup;
                }
                out = q;
                ocap = cap;
            }
            o = &out[nout++];
            o->r = (uint32_t)x;
            o->d = (uint32_t)kpos[d];
            o->p = (uint32_t)p;
            o->def = hit->def && sqlite3_column_int(ds, 4) != 0;
            o->sum = hit->v / den * r.factor;
        }
    }
    if (dstep != SQLITE_DONE) {
        ru_store_fail(u, "noemers lezen");
        goto cleanup;
    }
    if (merge_cells(u, out, nout, old, nold, 2) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    sqlite3_finalize(os);
    sqlite3_finalize(ns);
    sqlite3_finalize(ds);
    free(old);
    free(kpos);
    free(npos);
    free(useful);
    free(nr);
    free(out);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                 */

#define RU_MAX_RATIOS 4096

/* A ratio indicator to recompute, with the ids of its parts. */
struct rnode {
    sqlite3_int64 id, num, den;
    char code[64];
    int done;
};

/* Append to nodes (unless there already) the ratio indicators that use
 * `code` as numerator or denominator; with code NULL, the ratio indicator
 * `id` itself; with code NULL and id 0, every ratio indicator. */
static int ratio_nodes(struct ru *u, const char *code, sqlite3_int64 id,
                       struct rnode *nodes, int *n)
{
    sqlite3_stmt *st = store_prepare(u->db,
        "SELECT r.id, r.code, coalesce(n.id, 0), coalesce(d.id, 0) "
        "FROM indicator r LEFT JOIN indicator n ON n.code = r.num_code "
        "LEFT JOIN indicator d ON d.code = r.den_code "
        "WHERE r.aggregation = 'ratio' AND (CASE WHEN ?1 IS NOT NULL "
        "THEN ?1 IN (r.num_code, r.den_code) WHEN ?2 <> 0 THEN r.id = ?2 "
        "ELSE 1 END) ORDER BY r.id");
    int step, i;

    if (st == NULL)
        return ru_store_fail(u, "verhoudingsindicatoren zoeken");
    store_bind_text(st, 1, code);
    sqlite3_bind_int64(st, 2, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 rid = sqlite3_column_int64(st, 0);
        int seen = 0;

        for (i = 0; i < *n; i++)
            if (nodes[i].id == rid)
                seen = 1;
        if (seen)
            continue;
        if (*n == RU_MAX_RATIOS) {
            sqlite3_finalize(st);
            fault_set(u->f, FAULT_INVALID, "Meer dan %d "
                      "verhoudingsindicatoren om bij te werken.",
                      RU_MAX_RATIOS);
            return -1;
        }
        nodes[*n].id = rid;
        snprintf(nodes[*n].code, sizeof nodes[*n].code, "%s",
                 store_col(st, 1));
        nodes[*n].num = sqlite3_column_int64(st, 2);
        nodes[*n].den = sqlite3_column_int64(st, 3);
        nodes[*n].done = 0;
        (*n)++;
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE)
        return ru_store_fail(u, "verhoudingsindicatoren zoeken");
    return 0;
}

/* Recompute nodes[0..n) and every ratio built on them, each after the
 * ratios it is built on (a ratio of ratios). A cycle is refused. */
static int ratio_run(struct ru *u, struct rnode *nodes, int n)
{
    int i, j, left;

    for (i = 0; i < n; i++)
        if (ratio_nodes(u, nodes[i].code, 0, nodes, &n) != 0)
            return -1;
    for (left = n; left > 0;) {
        int progress = 0;

        for (i = 0; i < n; i++) {
            int waits = 0;

            if (nodes[i].done)
                continue;
            for (j = 0; j < n; j++)
                if (j != i && !nodes[j].done
                    && (nodes[j].id == nodes[i].num
                        || nodes[j].id == nodes[i].den))
                    waits = 1;
            if (waits)
                continue;
            if (rollup_ratio(u, nodes[i].id) != 0)
                return -1;
            nodes[i].done = 1;
            progress = 1;
            left--;
        }
        if (!progress) {
            fault_set(u->f, FAULT_INVALID, "Verhoudingsindicatoren verwijzen "
                      "in een kring naar elkaar als teller of noemer.");
            return -1;
        }
    }
    return 0;
}

/* code and aggregation of an indicator: 1 found, 0 not, -1 error. */
static int indicator_kind(struct ru *u, sqlite3_int64 id, char *code,
                          size_t clen, char *agg, size_t alen)
{
    sqlite3_stmt *st = store_prepare(u->db, "SELECT code, aggregation FROM "
                                            "indicator WHERE id = ?1");
    int step;

    if (st == NULL)
        return ru_store_fail(u, "indicator lezen");
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        snprintf(code, clen, "%s", store_col(st, 0));
        snprintf(agg, alen, "%s", store_col(st, 1));
    }
    sqlite3_finalize(st);
    if (step == SQLITE_ROW)
        return 1;
    if (step == SQLITE_DONE)
        return 0;
    return ru_store_fail(u, "indicator lezen");
}

int rollup_indicator(sqlite3 *db, sqlite3_int64 indicator_id,
                     sqlite3_int64 batch_id, struct rollup_stats *st,
                     struct fault *f)
{
    struct rollup_stats local = { 0, 0 };
    struct ru u;
    struct rnode *nodes = NULL;
    char code[64], agg[8];
    int n = 0, rc = -1, found;

    if (st == NULL)
        st = &local;
    memset(st, 0, sizeof *st);
    if (ru_open(&u, db, batch_id, st, f) != 0)
        return -1;
    found = indicator_kind(&u, indicator_id, code, sizeof code, agg,
                           sizeof agg);
    if (found <= 0) {
        if (found == 0)
            fault_set(f, FAULT_NOTFOUND, "Indicator %lld bestaat niet.",
                      (long long)indicator_id);
        goto cleanup;
    }
    nodes = malloc(RU_MAX_RATIOS * sizeof *nodes);
    if (nodes == NULL) {
        ru_oom(&u, "verhoudingen");
        goto cleanup;
    }
    u.ind = indicator_id;
    if (strcmp(agg, "som") == 0 && rollup_sum(&u) != 0)
        goto cleanup;
    if (strcmp(agg, "ratio") == 0) {
        if (ratio_nodes(&u, NULL, indicator_id, nodes, &n) != 0)
            goto cleanup;
    } else if (ratio_nodes(&u, code, 0, nodes, &n) != 0) {
        goto cleanup;
    }
    if (ratio_run(&u, nodes, n) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    free(nodes);
    ru_close(&u);
    return rc;
}

int rollup_all(sqlite3 *db, sqlite3_int64 batch_id, struct rollup_stats *st,
               struct fault *f)
{
    struct rollup_stats local = { 0, 0 };
    struct ru u;
    sqlite3_stmt *q = NULL;
    struct rnode *nodes = NULL;
    int n = 0, step, rc = -1;

    if (st == NULL)
        st = &local;
    memset(st, 0, sizeof *st);
    if (ru_open(&u, db, batch_id, st, f) != 0)
        return -1;
    nodes = malloc(RU_MAX_RATIOS * sizeof *nodes);
    if (nodes == NULL) {
        ru_oom(&u, "verhoudingen");
        goto cleanup;
    }
    q = store_prepare(db, "SELECT id FROM indicator WHERE aggregation = "
                          "'som' ORDER BY id");
    if (q == NULL) {
        ru_store_fail(&u, "indicatoren lezen");
        goto cleanup;
    }
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        u.ind = sqlite3_column_int64(q, 0);
        if (rollup_sum(&u) != 0)
            goto cleanup;
    }
    if (step != SQLITE_DONE) {
        ru_store_fail(&u, "indicatoren lezen");
        goto cleanup;
    }
    if (ratio_nodes(&u, NULL, 0, nodes, &n) != 0
        || ratio_run(&u, nodes, n) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    sqlite3_finalize(q);
    free(nodes);
    ru_close(&u);
    return rc;
}
