/* fixture.h - a temporary store for the unit tests that need one
 * (test_store.c, test_cycle.c): a new directory under /tmp holding
 * koers.db with the current schema, removed again afterwards together
 * with the files SQLite keeps next to a store. Static inline in a header
 * because every test program is one .c file linked against libkoers.a
 * (see the Makefile). */
#ifndef KOERS_TEST_FIXTURE_H
#define KOERS_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

struct store_fixture {
    char dir[64];
    char path[128];       /* dir/koers.db */
    sqlite3 *db;
};

/* Remove the store file `path` and its -wal, -shm and -journal files. */
static inline void fixture_remove_db_files(const char *path)
{
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
    char p[192];
    size_t i;

    for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

/* Close the store, remove its files and the directory (which must hold
 * nothing else by now). 0, or -1 when the directory could not be
 * removed. */
static inline int fixture_close(struct store_fixture *fx)
{
    store_close(fx->db);
    fx->db = NULL;
    fixture_remove_db_files(fx->path);
    return rmdir(fx->dir);
}

/* A new directory from `tmpl` (a path ending in XXXXXX) with a new
 * koers.db holding the current schema, open in fx->db. 0, or -1 with the
 * reason in err and nothing left behind. */
static inline int fixture_open(struct store_fixture *fx, const char *tmpl,
                               char *err, size_t errlen)
{
    snprintf(fx->dir, sizeof fx->dir, "%s", tmpl);
    if (mkdtemp(fx->dir) == NULL) {
        snprintf(err, errlen, "cannot make a directory from %s", tmpl);
        return -1;
    }
    snprintf(fx->path, sizeof fx->path, "%s/koers.db", fx->dir);
    fx->db = store_open(fx->path, 1, err, errlen);
    if (fx->db == NULL || store_create_schema(fx->db) != 0) {
        fixture_close(fx);
        return -1;
    }
    return 0;
}

#endif
