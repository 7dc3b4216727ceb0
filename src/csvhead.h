/* csvhead.h - the header row of a CSV file.
 *
 * Owns: the column names of a file (trimmed, as field.h trims) and
 * finding a column by its name, for recognising a source file and for
 * resolving the columns a mapping names.
 *
 * Ownership: the names live in the struct's arena; zero-initialise the
 * struct, and csvhead_free it (safe on an empty one). */
#ifndef KOERS_CSVHEAD_H
#define KOERS_CSVHEAD_H

#include <stddef.h>

#include "csvread.h"
#include "smap.h"

struct csvhead {
    char *name[CSV_MAX_FIELDS];  /* trimmed, in the arena */
    size_t n;
    struct smap_arena ar;
};

/* Copy the current record of c as the header. 0, or -1 when out of
 * memory. */
int csvhead_take(struct csvhead *h, struct csv *c);
/* Read the first record of data[0..len) with separator sep as the
 * header. 0, or -1 when there is no readable first record. */
int csvhead_parse(const char *data, size_t len, char sep, struct csvhead *h);
/* The index of the column called name, or -1 (also for a NULL name). */
int csvhead_col(const struct csvhead *h, const char *name);
void csvhead_free(struct csvhead *h);

#endif
