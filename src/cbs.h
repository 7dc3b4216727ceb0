/* cbs.h - the side files of a CBS StatLine OData table directory.
 *
 * Owns: what the import reads from a CBS table export besides its
 * data.csv: the table's identifier (TableInfos.csv) that picks its
 * mapping, and the status of each period (Perioden.csv: Voorlopig or
 * Definitief) that every value of that period gets. Both files are
 * optional; a directory without them is read as well as it can be. */
#ifndef KOERS_CBS_H
#define KOERS_CBS_H

#include <stddef.h>

#include "smap.h"

/* The table id of directory dir: TableInfos.csv's Identifier, else the
 * directory's own name (cut to len). */
void cbs_table_id(const char *dir, char *out, size_t len);

/* The statuses of dir/Perioden.csv into out: period code (its Key) ->
 * 2 when Definitief, 1 otherwise. Returns 1 when at least one period was
 * read, 0 when there is no such file or it holds none. */
int cbs_statuses(const char *dir, struct smap *out);

#endif
