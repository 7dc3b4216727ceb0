/* mapping.h - the mapping files of <data>/monitor/bronnen.
 *
 * Owns: loading and validating the JSON files that say how one kind of
 * source file becomes observations, regions or region links (their keys
 * are documented in docs/monitor.md), and recognising which mapping a
 * file belongs to: by its header row (the columns a mapping requires,
 * its separator, optionally its file name) or, for a CBS table
 * directory, by the table's identifier. The checks against the
 * catalogue (does the indicator exist, does a column exist in this
 * file) happen when a file is read (imptable.c).
 *
 * Ownership: a struct mapping keeps its JSON document loaded and borrows
 * its strings from it; mapping_list_free releases every document of a
 * list. A list is large (MAPPING_MAX_FILES mappings): allocate it. */
#ifndef KOERS_MAPPING_H
#define KOERS_MAPPING_H

#include <jansson.h>
#include <limits.h>
#include <stddef.h>

#include "fault.h"

#define MAPPING_MAX_FILES 64             /* mapping files */
#define MAPPING_MAX_FILTERS 16
#define MAPPING_MAX_SPLITS 8
#define MAPPING_MAX_OUTS 8
#define MAPPING_PROBE (64 * 1024)        /* bytes read to recognise */

enum mapping_kind { MK_TABEL, MK_CBS, MK_LANG, MK_REGIOCODES, MK_INDELING,
                    MK_COUNT };

/* The kinds as the mapping files spell them ("soort"). */
extern const char *const mapping_kind_codes[MK_COUNT];

struct mapping {
    json_t *root;
    char file[PATH_MAX];
    const char *code, *name;
    enum mapping_kind kind;
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

struct mapping_list {
    struct mapping m[MAPPING_MAX_FILES];
    int n;
};

/* The string member k of object o, or NULL. */
const char *mapping_str(json_t *o, const char *k);

/* Load every mapping of <data_dir>/monitor/bronnen, sorted by file name.
 * 0, or -1 with f set when the folder cannot be read or a file is bad
 * (its name and the Dutch reason in the message); l is then empty. */
int mapping_list_load(struct mapping_list *l, const char *data_dir,
                      struct fault *f);
void mapping_list_free(struct mapping_list *l);
/* The mapping with code, or NULL. */
struct mapping *mapping_find(struct mapping_list *l, const char *code);

/* The mapping for a file named `name` whose first bytes are
 * probe[0..plen): the given source (which must match), or, when source
 * is NULL, the one mapping that recognises it. NULL with f set:
 * FAULT_NOTFOUND when none does, FAULT_INVALID when more than one does
 * or the source does not fit. */
struct mapping *mapping_recognise(struct mapping_list *l, const char *name,
                                  const char *probe, size_t plen,
                                  const char *source, struct fault *f);
/* The same for a file on disk (its first MAPPING_PROBE bytes). A file
 * that cannot be read is FAULT_NOTFOUND as well; *unreadable (when not
 * NULL) tells it apart from a file no mapping recognises. */
struct mapping *mapping_recognise_file(struct mapping_list *l,
                                       const char *path, const char *source,
                                       struct fault *f, int *unreadable);
/* The mapping for a CBS table directory: the given source (which must be
 * a cbs mapping), or the one whose table is the directory's (cbs.h).
 * NULL with f set. */
struct mapping *mapping_recognise_cbs(struct mapping_list *l,
                                      const char *dir, const char *source,
                                      struct fault *f);

#endif
