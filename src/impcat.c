/* impcat.c - the monitor catalogue as an import sees it (see impcat.h). */
#include "impcat.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "period.h"
#include "store.h"

const char *const impcat_rk_codes[RK_COUNT] = {
    "land", "provincie", "arbeidsmarktregio", "landsdeel", "gemeente"
};

int impcat_rk_parse(const char *s)
{
    int k;

    for (k = 0; s && k < RK_COUNT; k++)
        if (strcmp(s, impcat_rk_codes[k]) == 0)
            return k;
    return -1;
}

void impcat_free(struct impcat *c)
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

/* name, lower-cased (ASCII), into buf of size 128. */
static const char *lowered(const char *name, char buf[128])
{
    char *s;

    snprintf(buf, 128, "%s", name);
    for (s = buf; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
    return buf;
}

/* Add a province name (any case) to the name map. */
static int prov_name_add(struct impcat *c, const char *name, uint32_t pos)
{
    char buf[128];

    lowered(name, buf);
    return smap_put(&c->prov_names, buf, strlen(buf), pos);
}

int impcat_province(const struct impcat *c, const char *name, uint32_t *pos)
{
    char buf[128];

    lowered(name, buf);
    return smap_get(&c->prov_names, buf, strlen(buf), pos);
}

/* Province aliases from <data_dir>/monitor/regios.json (optional). */
static void load_aliases(struct impcat *c, const char *data_dir)
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

long impcat_add_region(struct impcat *c, sqlite3_int64 id, const char *code,
                       int kind)
{
    struct impcat_reg *x;

    if (c->nreg + 1 >= IMPCAT_MAX_REG ||
        grow_array((void **)&c->reg, &c->capreg, c->nreg + 1,
                   sizeof *c->reg) != 0)
        return -1;
    x = &c->reg[c->nreg];
    x->id = id;
    snprintf(x->code, sizeof x->code, "%s", code);
    x->kind = kind;
    if (smap_put(&c->reg_map, code, strlen(code), (uint32_t)c->nreg) != 0)
        return -1;
    return (long)c->nreg++;
}

long impcat_add_period(struct impcat *c, sqlite3_int64 id, const char *code,
                       int kind, int year)
{
    struct impcat_per *x;

    if (c->nper + 1 >= IMPCAT_MAX_PER ||
        grow_array((void **)&c->per, &c->capper, c->nper + 1,
                   sizeof *c->per) != 0)
        return -1;
    x = &c->per[c->nper];
    x->id = id;
    x->kind = kind;
    x->year = year;
    if (smap_put(&c->per_map, code, strlen(code), (uint32_t)c->nper) != 0)
        return -1;
    return (long)c->nper++;
}

long impcat_add_disagg(struct impcat *c, sqlite3_int64 id, const char *key,
                       size_t len, uint64_t mask)
{
    if (c->ndis + 1 >= IMPCAT_MAX_DIS ||
        grow_array((void **)&c->dis, &c->capdis, c->ndis + 1,
                   sizeof *c->dis) != 0)
        return -1;
    c->dis[c->ndis].id = id;
    c->dis[c->ndis].mask = mask;
    if (smap_put(&c->dis_map, key, len, (uint32_t)c->ndis) != 0)
        return -1;
    return (long)c->ndis++;
}

/* The mask of the dimensions named in a ';'-separated list: of codes
 * ("a;b", end 0) or of pairs ("a=x;b=y", end '=': the code is what
 * stands before the '='). Unknown codes and empty ones are left out. */
static uint64_t dims_mask(const struct impcat *c, const char *list, int end)
{
    uint64_t mask = 0;
    const char *p = list;

    while (*p) {
        size_t n = strcspn(p, ";"), k = end ? strcspn(p, "=;") : n;
        uint32_t bit;

        if (k > 0 && (!end || k < n) && smap_get(&c->dim_map, p, k, &bit))
            mask |= 1ULL << bit;
        p += n;
        if (*p == ';')
            p++;
    }
    return mask;
}

/* Run sql and hand each row to fn; 0, or -1 when the statement cannot
 * be prepared or fn fails (full, out of memory). */
static int each_row(struct impcat *c, sqlite3 *db, const char *sql,
                    int (*fn)(struct impcat *c, sqlite3_stmt *st))
{
    sqlite3_stmt *st = store_prepare(db, sql);
    int rc = 0;

    if (st == NULL)
        return -1;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
        rc = fn(c, st);
    sqlite3_finalize(st);
    return rc;
}

/* A dimension: code. Loaded by code, so the bit order is the key order. */
static int dim_row(struct impcat *c, sqlite3_stmt *st)
{
    if (c->ndim == IMPCAT_MAX_DIMS)
        return -1;
    snprintf(c->dim[c->ndim], sizeof c->dim[0], "%s", store_col(st, 0));
    if (smap_put(&c->dim_map, c->dim[c->ndim], strlen(c->dim[c->ndim]),
                 (uint32_t)c->ndim) != 0)
        return -1;
    c->ndim++;
    return 0;
}

/* An item of a dimension: "dim=item". */
static int item_row(struct impcat *c, sqlite3_stmt *st)
{
    return smap_put(&c->item_map, store_col(st, 0),
                    strlen(store_col(st, 0)), 1);
}

/* An indicator: id, code, aggregation, period kind, its dimensions. */
static int ind_row(struct impcat *c, sqlite3_stmt *st)
{
    struct impcat_ind *x;
    void *p;

    if (c->nind == IMPCAT_MAX_IND)
        return -1;
    p = realloc(c->ind, (c->nind + 1) * sizeof *c->ind);
    if (p == NULL)
        return -1;
    c->ind = p;
    x = &c->ind[c->nind];
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(st, 0);
    snprintf(x->code, sizeof x->code, "%s", store_col(st, 1));
    snprintf(x->agg, sizeof x->agg, "%s", store_col(st, 2));
    x->kind = period_kind_parse(store_col(st, 3));
    x->ratio = strcmp(x->agg, "ratio") == 0;
    x->som = strcmp(x->agg, "som") == 0;
    x->dims = dims_mask(c, store_col(st, 4), 0);
    if (smap_put(&c->ind_map, x->code, strlen(x->code),
                 (uint32_t)c->nind) != 0)
        return -1;
    c->nind++;
    return 0;
}

/* A region: id, code, kind, name (a province's name goes in the name
 * map). */
static int reg_row(struct impcat *c, sqlite3_stmt *st)
{
    long pos = impcat_add_region(c, sqlite3_column_int64(st, 0),
                                 store_col(st, 1),
                                 impcat_rk_parse(store_col(st, 2)));

    if (pos < 0)
        return -1;
    if (c->reg[pos].kind == RK_PROVINCIE)
        return prov_name_add(c, store_col(st, 3), (uint32_t)pos);
    return 0;
}

/* A period: id, code, kind, year. */
static int per_row(struct impcat *c, sqlite3_stmt *st)
{
    return impcat_add_period(c, sqlite3_column_int64(st, 0),
                             store_col(st, 1),
                             period_kind_parse(store_col(st, 2)),
                             sqlite3_column_int(st, 3)) < 0 ? -1 : 0;
}

/* A disaggregation: id, canonical key. */
static int dis_row(struct impcat *c, sqlite3_stmt *st)
{
    const char *key = store_col(st, 1);

    return impcat_add_disagg(c, sqlite3_column_int64(st, 0), key,
                             strlen(key), dims_mask(c, key, '=')) < 0
               ? -1 : 0;
}

int impcat_load(struct impcat *c, sqlite3 *db, const char *data_dir)
{
    memset(c, 0, sizeof *c);
    if (each_row(c, db, "SELECT code FROM monitor_dimension ORDER BY code",
                 dim_row) != 0 ||
        each_row(c, db, "SELECT dimension_code || '=' || code FROM "
                        "monitor_dimension_item", item_row) != 0 ||
        each_row(c, db, "SELECT i.id, i.code, i.aggregation, "
                        "i.period_kind, (SELECT group_concat(dimension_code, "
                        "';') FROM indicator_dimension d WHERE "
                        "d.indicator_id = i.id) FROM indicator i ORDER BY "
                        "i.id", ind_row) != 0 ||
        each_row(c, db, "SELECT id, code, kind, name FROM region ORDER BY "
                        "id", reg_row) != 0 ||
        each_row(c, db, "SELECT id, code, kind, year FROM period ORDER BY "
                        "id", per_row) != 0 ||
        each_row(c, db, "SELECT id, key FROM disaggregation ORDER BY id",
                 dis_row) != 0)
        return -1;
    load_aliases(c, data_dir);
    return 0;
}

int impcat_dim_bit(const struct impcat *c, const char *code)
{
    uint32_t bit;

    return code && smap_get(&c->dim_map, code, strlen(code), &bit)
               ? (int)bit : -1;
}

int impcat_item_exists(const struct impcat *c, int dim, const char *it,
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

long impcat_pairs_key(const struct impcat *c, struct impcat_pairs *p,
                      char *buf, size_t size, uint64_t *mask)
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
