/* imp.h - one import run: the state that the engine (import.c) and the
 * readers of each kind of source file (imptable.c, implang.c,
 * impregion.c) share.
 *
 * Owns: how a reader reports what it finds: an input error with its line
 * ("regel N, kolom X: ...", at most IMPORT_MAX_ERRORS, then the run
 * stops), a record or cell passed over under a Dutch reason, the next
 * data record (read errors, blank lines and records with the wrong
 * number of fields dealt with in one place), a value kept as a compact
 * row, and a period, disaggregation or region that the file brings and
 * the store gets.
 *
 * A row's 64-bit key is four catalogue positions (impcat.h): indicator
 * (12 bits), region (20), disaggregation (16), period (16); positions
 * follow the store's ids, so sorting keys sorts by the observation
 * primary key.
 *
 * Ownership: struct imp borrows db, who, o, s, f, map and name from
 * import_path/import_buffer; imp_free releases what it owns (catalogue,
 * header, rows, links, CBS statuses). */
#ifndef KOERS_IMP_H
#define KOERS_IMP_H

#include <sqlite3.h>
#include <stdint.h>

#include "csvhead.h"
#include "csvread.h"
#include "impcat.h"
#include "import.h"
#include "mapping.h"
#include "period.h"
#include "smap.h"

#define IMP_MAX_VALCOLS 512
#define IMP_PROGRESS_EVERY 65536     /* records between progress calls */

#define IMP_KEY(i, r, d, p) ((uint64_t)(i) << 52 | (uint64_t)(r) << 32 | \
                             (uint64_t)(d) << 16 | (uint64_t)(p))
#define IMP_IND(k) ((uint32_t)((k) >> 52))
#define IMP_REG(k) ((uint32_t)(((k) >> 32) & (IMPCAT_MAX_REG - 1)))
#define IMP_DIS(k) ((uint32_t)(((k) >> 16) & 0xFFFF))
#define IMP_PER(k) ((uint32_t)((k) & 0xFFFF))

struct imp_row {
    uint64_t key;
    double value;
    uint32_t line;
    uint32_t flags;              /* IMP_ROW_* */
};

#define IMP_ROW_DEF 1u           /* definitief */
#define IMP_ROW_NEW 2u           /* not in the store (compare) */
#define IMP_ROW_UPD 4u           /* in the store with another value */

/* A gemeente in a province over some years, as a table source says. */
struct imp_link {
    uint32_t child, parent;      /* region positions */
    int from, to;
    long long line;
};

/* The columns a tabel or cbs mapping names, resolved against the file's
 * header (imptable.c). */
struct imp_filter {
    int ci;
    json_t *vals;
};

struct imp_split {
    int ci;
    int dim;                     /* bit */
    json_t *vals;
    int skip_unknown;
};

struct imp_valcol {
    int ci;
    uint32_t per;                /* wide: the period of the column */
    const char *item;            /* wide: item of the pattern's dimension */
    int item_dim;                /* its bit, -1 when none */
    int year;
};

struct imp_out {
    uint32_t ind;
    struct imp_filter f[MAPPING_MAX_FILTERS];
    int nf;
    int vci;                     /* periodekolom: the value column */
};

struct imp {
    sqlite3 *db;
    const struct actor *who;
    const struct import_opts *o;
    struct import_summary *s;
    struct fault *f;
    struct impcat cat;
    struct mapping *map;
    const char *name;            /* file name for messages */
    struct csvhead hdr;
    struct imp_row *rows;
    size_t nrows, caprows;
    struct imp_link *links;
    size_t nlinks, caplinks;
    int stop;                    /* too many errors */
    long long total;             /* bytes */
    struct smap status;          /* CBS period code -> 1 + definitief */
    int have_status;
    /* tabel and cbs: resolved columns */
    int reg_ci, reg_name_ci, prov_ci, reg_kind, period_ci;
    uint32_t reg_fixed;
    struct imp_filter filt[MAPPING_MAX_FILTERS];
    int nfilt;
    struct imp_split split[MAPPING_MAX_SPLITS];
    int nsplit;
    struct imp_valcol vals[IMP_MAX_VALCOLS];
    int nvals;
    struct imp_out out[MAPPING_MAX_OUTS];
    int nout;
    int links_changed;
    int regions_changed;
};

/* Record one input error; after IMPORT_MAX_ERRORS set more_errors and
 * stop. */
void imp_error(struct imp *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Count n skipped records or cells under a Dutch reason. */
void imp_skip(struct imp *x, const char *reason, long long n);
/* Set the fault for running out of memory; -1. */
int imp_oom(struct imp *x);
/* Set the fault for a store that refused `what` (Dutch); -1. */
int imp_store_fail(struct imp *x, const char *what);

/* The next data record of c: 1, or 0 at the end of the input or when
 * the run stops. Read errors are recorded (a fatal one ends the
 * reading), blank lines counted as skipped, and a record without
 * exactly `fields` fields refused; the caller sees none of them. Counts
 * rows_read and reports progress now and then. */
int imp_next_record(struct imp *x, struct csv *c, size_t fields);
/* Report progress: bytes read of the total, records so far. */
void imp_progress(struct imp *x, struct csv *c);

/* Keep a value under key, from line. 0, or -1 (error or fault set). */
int imp_push_row(struct imp *x, uint64_t key, double v, long long line,
                 int definitief);

/* The position of period p, registering it in the store when new; -1 on
 * error (recorded, or the fault set). */
long imp_per_pos(struct imp *x, const struct period *p);
/* The position of the period whose code is t[0..len): known, or parsed
 * and registered. -2 when it is no period code (the trimmed text is then
 * in buf for the caller's message), -1 on error. */
long imp_period(struct imp *x, const char *t, size_t len, char *buf,
                size_t size);
/* The position of a canonical disaggregation key with dimension mask,
 * registering it when new; -1 on error. */
long imp_dis_pos(struct imp *x, const char *key, size_t len, uint64_t mask);
/* The same for the pairs of a key under construction (impcat.h sorts
 * them). -2 when a dimension repeats (for the caller's message), -1 on
 * error. */
long imp_disagg(struct imp *x, struct impcat_pairs *p);
/* Register a region the source brings (code, Dutch name, enum
 * impcat_rk); its position or -1 on error. */
long imp_reg_add(struct imp *x, const char *code, const char *name,
                 int kind);

void imp_free(struct imp *x);

#endif
