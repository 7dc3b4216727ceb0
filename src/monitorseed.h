/* monitorseed.h - the monitor catalogue of a new store.
 *
 * Owns: reading data/monitor/dimensies.json (disaggregation dimensions
 * and their items), data/monitor/indicatoren.json (the indicators, with
 * ratio definitions) and data/monitor/regios.json (the five Techniekpact
 * landsdelen, Koers's assumption, and the links provincie -> landsdeel
 * and provincie -> Nederland) into the store at `koers init`, after the
 * regions of data/seed/regios.json exist. The JSON shapes are described
 * in docs/monitor.md. Like seed.c it is all-or-nothing: one transaction,
 * and an unknown key, a missing field or a dangling code aborts with a
 * message naming the file and the entry. */
#ifndef KOERS_MONITORSEED_H
#define KOERS_MONITORSEED_H

#include <sqlite3.h>
#include <stddef.h>

int monitorseed_load(sqlite3 *db, const char *data_dir, char *err,
                     size_t errlen);

/* For an existing store: add the dimensions, items and indicators of
 * data/monitor that it does not have yet (what it has is never changed;
 * landsdelen and their links are set at init only). *added is the number
 * of rows added; nothing is written when it is 0. Used by `koers
 * import`, so that a new indicator and its mapping file are enough for a
 * new source. */
int monitorseed_sync(sqlite3 *db, const char *data_dir, long *added,
                     char *err, size_t errlen);

#endif
