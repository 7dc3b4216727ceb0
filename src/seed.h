/* seed.h - load the governance model of the report into a new store.
 *
 * Owns: reading the JSON files in data/seed and data/seed/rapport.txt (the report)
 * at `koers init`. The files are the single source of the seeded model;
 * no fact of the report is a C literal. Loading is all-or-nothing: one
 * transaction, and any missing or malformed field aborts with a message
 * naming the file and the entry. */
#ifndef KOERS_SEED_H
#define KOERS_SEED_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

int seed_load(sqlite3 *db, const char *data_dir, char *err, size_t errlen);

/* Fill the store from one seed file's root; `path` names the file in
 * messages. 0, or -1 with err filled. */
typedef int (*seed_fill_fn)(sqlite3 *db, json_t *root, const char *path,
                            char *err, size_t errlen);

/* The frame the other modules' seeds share (budget.c, plan.c): parse
 * data_dir/seed/name (duplicate keys refused), run fill in one
 * transaction and commit; any failure rolls back. 0 or -1 with err. */
int seed_json_tx(sqlite3 *db, const char *data_dir, const char *name,
                 seed_fill_fn fill, char *err, size_t errlen);

#endif
