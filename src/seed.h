/* seed.h - load the governance model of the report into a new store.
 *
 * Owns: reading the JSON files in data/seed and data/seed/rapport.txt (the report)
 * at `koers init`. The files are the single source of the seeded model;
 * no fact of the report is a C literal. Loading is all-or-nothing: one
 * transaction, and any missing or malformed field aborts with a message
 * naming the file and the entry. */
#ifndef KOERS_SEED_H
#define KOERS_SEED_H

#include <sqlite3.h>
#include <stddef.h>

int seed_load(sqlite3 *db, const char *data_dir, char *err, size_t errlen);

#endif
