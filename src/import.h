/* import.h - the monitor's import engine: source files in, observations
 * (and regions, region links) out.
 *
 * Owns: the mapping files in <data>/monitor/bronnen (JSON: how one kind
 * of source file becomes observations; documented in docs/monitor.md),
 * recognising a file by them, validating every row, and writing the
 * result in one transaction: observation rows (origin 0) stamped with an
 * import_batch (source code, file name, sha256 of the bytes, counts),
 * then rollup_indicator() for each indicator whose data changed (or
 * rollup_all() when the region hierarchy changed). Kinds of mapping:
 *   tabel           a wide or long table (DUO): row filters, a region
 *                   column or fixed region, disaggregation columns, value
 *                   columns by name pattern (years) or a period column
 *   cbs             a CBS StatLine OData export (data.csv in a table
 *                   directory, with Perioden.csv for the status)
 *   koers-lang      Koers's long format: indicator,regio,periode,
 *                   uitsplitsing,waarde,status (a repeated key is an error)
 *   regiocodes      a CBS region code list (RegioS.csv): regions with
 *                   their start and end date
 *   regio-indeling  gemeente -> provincie or arbeidsmarktregio by year
 * Anything wrong (malformed CSV, wrong encoding, unknown code, bad
 * number or period, duplicate key, truncated file) is reported as
 * "regel N, kolom X: ..." (up to IMPORT_MAX_ERRORS) and nothing at all is
 * written. Importing the same file twice writes nothing the second time:
 * no batch, no roll-up; the summary says every cell is unchanged. A dry
 * run does all the work and rolls back.
 *
 * The caller needs ACT_MONITOR_IMPORTEREN; every attempt is audited.
 *
 * Behind this contract: import.c (the engine), mapping.h (the mapping
 * files and recognition), imp.h (the state of one run) with a reader per
 * kind (imptable.h for tabel and cbs, implang.h, impregion.h for
 * regiocodes and regio-indeling), impcat.h (the catalogue as an import
 * sees it) and cbs.h (a CBS table's side files). */
#ifndef KOERS_IMPORT_H
#define KOERS_IMPORT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define IMPORT_MAX_ERRORS 20
#define IMPORT_MAX_REASONS 8
#define IMPORT_MAX_ROWS 100000000LL   /* observations per file (24 bytes
                                         * each in memory while sorting) */

/* Called now and then while a file is read: bytes done of total, rows
 * read so far. */
typedef void (*import_progress_fn)(void *ctx, long long done,
                                   long long total, long long rows);

struct import_opts {
    const char *data_dir;        /* holds monitor/bronnen */
    const char *source;          /* mapping code; NULL: recognise */
    int dry_run;                 /* validate and count, write nothing */
    import_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    /* called with a Dutch description when a phase after reading starts
     * ("waarnemingen schrijven", ...); may be NULL; gets progress_ctx */
    void (*stage)(void *ctx, const char *what);
};

struct import_reason {
    char text[96];               /* Dutch: "regel buiten het filter" */
    long long count;
};

struct import_summary {
    char source[64];             /* mapping code used */
    char source_name[160];       /* its Dutch name */
    char kind[16];               /* tabel, cbs, koers-lang, ... */
    char file[256];              /* file name as given */
    char sha256[65];
    long long rows_read;         /* data records (blank lines excluded) */
    long long imported;          /* new cells (or regions, links) */
    long long updated;           /* value or status changed */
    long long unchanged;
    long long skipped;           /* records or cells not imported */
    struct import_reason reasons[IMPORT_MAX_REASONS];
    int nreasons;
    long long regions_added;     /* registered from the source */
    long long links_changed;     /* region_link rows added or changed */
    int indicators;              /* indicators whose cells changed */
    long long batch_id;          /* 0 when nothing was written */
    int dry_run;
    int nerrors;                 /* 0 on success */
    int more_errors;             /* stopped after IMPORT_MAX_ERRORS */
    char errors[IMPORT_MAX_ERRORS][320];
};

/* Import one CSV file (or, for a directory, one CBS table directory).
 * 0 on success (also when nothing changed), -1 with f set and, for bad
 * input, the line-numbered messages in s->errors. */
int import_path(sqlite3 *db, const struct actor *who, const char *path,
                const struct import_opts *o, struct import_summary *s,
                struct fault *f);

/* Import bytes held in memory (an upload); name is the file name shown
 * in messages and stored in the batch. */
int import_buffer(sqlite3 *db, const struct actor *who, const char *name,
                  const char *data, size_t len, const struct import_opts *o,
                  struct import_summary *s, struct fault *f);

/* The mapping a file would be imported with, without importing: 1 found
 * (code copied into out), 0 none, -1 error (f set; e.g. ambiguous). */
int import_recognise(const char *path, const char *data_dir, char *out,
                     size_t outlen, struct fault *f);

/* The mappings in <data_dir>/monitor/bronnen as a JSON-free list for
 * forms: codes and names, NULL-terminated arrays the caller frees with
 * import_sources_free. Returns the count or -1. */
long import_sources(const char *data_dir, char ***codes, char ***names);
void import_sources_free(char **codes, char **names, long n);

/* 1 when the mapping `code` describes a region list or region hierarchy
 * (regiocodes, regio-indeling): the CLI imports those first. */
int import_source_is_regions(const char *data_dir, const char *code);

/* The latest `limit` import batches, newest first, as a JSON array of
 * objects {id, bron, bestand, sha256, gebruiker, tijdstip, gelezen,
 * nieuw, gewijzigd, ongewijzigd, overgeslagen} (the caller owns it);
 * NULL on a store error. */
json_t *import_batches(sqlite3 *db, int limit);

/* The data directory: $KOERS_DATA, else <dir of the binary>/../data. */
void import_data_dir(char *out, size_t len);

#endif
