/* impcat.h - the monitor catalogue as an import sees it.
 *
 * Owns: the indicators, dimensions and their items, regions (with the
 * provinces by name), periods and disaggregation keys of the store,
 * loaded once per import into arrays and hash maps so that reading a
 * file never asks the store what a code means. Positions in each array
 * follow the store's ids (loaded ORDER BY id; what an import adds gets
 * larger ids), so a key built from positions sorts like the observation
 * primary key. Also owns the canonical form of a disaggregation key
 * (pairs sorted by dimension code: "geslacht=vrouw;sector=techniek").
 *
 * Ownership: impcat_load fills a struct the caller owns; impcat_free
 * releases it (safe on a zeroed one). */
#ifndef KOERS_IMPCAT_H
#define KOERS_IMPCAT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "smap.h"

#define IMPCAT_MAX_IND (1u << 12)   /* bits of a row key (imp.h) */
#define IMPCAT_MAX_REG (1u << 20)
#define IMPCAT_MAX_DIS 65536u
#define IMPCAT_MAX_PER 65536u
#define IMPCAT_MAX_DIMS 64          /* one bit each in a mask */

/* The kinds of region, as region.kind spells them (impcat_rk_codes). */
enum impcat_rk { RK_LAND, RK_PROVINCIE, RK_AM, RK_LANDSDEEL, RK_GEMEENTE,
                 RK_COUNT };

extern const char *const impcat_rk_codes[RK_COUNT];

struct impcat_ind {
    sqlite3_int64 id;
    char code[64];
    char agg[8];
    int kind;                /* enum period_kind */
    uint64_t dims;           /* mask of allowed dimensions */
    int ratio, som;
    /* this import */
    uint64_t level;          /* dimensions of its first row ('som') */
    long long level_line;
    int level_set;
    int changed;
};

struct impcat_reg {
    sqlite3_int64 id;
    char code[16];
    int kind;                /* enum impcat_rk, -1 when unknown */
};

struct impcat_per {
    sqlite3_int64 id;
    int kind;
    int year;
};

struct impcat_dis {
    sqlite3_int64 id;
    uint64_t mask;
};

struct impcat {
    struct impcat_ind *ind;
    size_t nind;
    struct smap ind_map;
    char dim[IMPCAT_MAX_DIMS][64];   /* by bit, ordered by code */
    int ndim;
    struct smap dim_map;     /* code -> bit */
    struct smap item_map;    /* "dim=item" -> 1 */
    struct impcat_reg *reg;
    size_t nreg, capreg;
    struct smap reg_map;     /* code -> position */
    struct smap prov_names;  /* lower-case name -> position */
    struct impcat_per *per;
    size_t nper, capper;
    struct smap per_map;     /* period code -> position */
    struct impcat_dis *dis;
    size_t ndis, capdis;
    struct smap dis_map;     /* canonical key -> position */
    struct smap raw_dis;     /* key as written -> position */
};

/* The kind called s, or -1 (also for NULL). */
int impcat_rk_parse(const char *s);

/* Load the catalogue of db, with the province aliases of
 * <data_dir>/monitor/regios.json (optional). 0, or -1 on a store error,
 * out of memory or a catalogue larger than the limits above. */
int impcat_load(struct impcat *c, sqlite3 *db, const char *data_dir);
void impcat_free(struct impcat *c);

/* Append a region, period or disaggregation the store knows by id; its
 * position, or -1 when the catalogue is full or out of memory. */
long impcat_add_region(struct impcat *c, sqlite3_int64 id, const char *code,
                       int kind);
long impcat_add_period(struct impcat *c, sqlite3_int64 id, const char *code,
                       int kind, int year);
long impcat_add_disagg(struct impcat *c, sqlite3_int64 id, const char *key,
                       size_t len, uint64_t mask);

/* The province called name (any case, or an alias): 1 with *pos. */
int impcat_province(const struct impcat *c, const char *name, uint32_t *pos);
/* The bit of dimension code, or -1 (also for NULL). */
int impcat_dim_bit(const struct impcat *c, const char *code);
/* 1 when dimension bit `dim` has the item it[0..n). */
int impcat_item_exists(const struct impcat *c, int dim, const char *it,
                       size_t n);

/* The pairs of a disaggregation key under construction. */
#define IMPCAT_MAX_PAIRS 16
struct impcat_pairs {
    int dim[IMPCAT_MAX_PAIRS];
    const char *item[IMPCAT_MAX_PAIRS];
    size_t ilen[IMPCAT_MAX_PAIRS];
    int n;
};

/* Sort the pairs by dimension (the bit order is the code order) and
 * write their canonical key into buf; its length, with *mask the
 * dimensions. -1 when a dimension repeats or buf is too small. */
long impcat_pairs_key(const struct impcat *c, struct impcat_pairs *p,
                      char *buf, size_t size, uint64_t *mask);

#endif
