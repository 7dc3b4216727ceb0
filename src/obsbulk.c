/* obsbulk.c - bulk insert of observation rows (see obsbulk.h).
 *
 * The virtual table is eponymous-only (no CREATE VIRTUAL TABLE needed)
 * and has one hidden column, src, that takes the source pointer; the
 * query planner is told that an equality constraint on src is required,
 * so koers_obsbulk(?1) is the only way to use it. */
#include "obsbulk.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

#define OBSBULK_PTR "koers_obsbulk_src"

struct obsbulk_src {
    obsbulk_next_fn next;
    void *ctx;
};

struct ob_cursor {
    sqlite3_vtab_cursor base;
    struct obsbulk_src *src;
    struct obsbulk_row row;
    sqlite3_int64 n;
    int eof;
};

enum { COL_I, COL_R, COL_D, COL_P, COL_V, COL_DEF, COL_O, COL_B, COL_SRC };

static int ob_connect(sqlite3 *db, void *aux, int argc,
                      const char *const *argv, sqlite3_vtab **out,
                      char **err)
{
    sqlite3_vtab *t;
    int rc;

    (void)aux;
    (void)argc;
    (void)argv;
    (void)err;
    rc = sqlite3_declare_vtab(db, "CREATE TABLE x(i, r, d, p, v, def, o, "
                                  "b, src HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    t = sqlite3_malloc(sizeof *t);
    if (t == NULL)
        return SQLITE_NOMEM;
    memset(t, 0, sizeof *t);
    *out = t;
    return SQLITE_OK;
}

static int ob_disconnect(sqlite3_vtab *t)
{
    sqlite3_free(t);
    return SQLITE_OK;
}

/* Only a plan with src = ? is usable. */
static int ob_best_index(sqlite3_vtab *t, sqlite3_index_info *ii)
{
    int i;

    (void)t;
    for (i = 0; i < ii->nConstraint; i++) {
        const struct sqlite3_index_constraint *c = &ii->aConstraint[i];

        if (c->iColumn == COL_SRC && c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
            if (!c->usable)
                return SQLITE_CONSTRAINT;
            ii->aConstraintUsage[i].argvIndex = 1;
            ii->aConstraintUsage[i].omit = 1;
            ii->estimatedCost = 1;
            return SQLITE_OK;
        }
    }
    return SQLITE_CONSTRAINT;
}

static int ob_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
    struct ob_cursor *c = sqlite3_malloc(sizeof *c);

    (void)t;
    if (c == NULL)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    *out = &c->base;
    return SQLITE_OK;
}

static int ob_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int ob_next(sqlite3_vtab_cursor *cur)
{
    struct ob_cursor *c = (struct ob_cursor *)cur;
    int rc;

    if (c->src == NULL) {
        c->eof = 1;
        return SQLITE_OK;
    }
    rc = c->src->next(c->src->ctx, &c->row);
    if (rc < 0)
        return SQLITE_ABORT;
    c->eof = rc == 0;
    c->n++;
    return SQLITE_OK;
}

static int ob_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs,
                     int argc, sqlite3_value **argv)
{
    struct ob_cursor *c = (struct ob_cursor *)cur;

    (void)idx;
    (void)idxs;
    c->src = argc == 1 ? sqlite3_value_pointer(argv[0], OBSBULK_PTR) : NULL;
    c->n = 0;
    c->eof = 0;
    return ob_next(cur);
}

static int ob_eof(sqlite3_vtab_cursor *cur)
{
    return ((struct ob_cursor *)cur)->eof;
}

static int ob_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                     int col)
{
    const struct obsbulk_row *r = &((struct ob_cursor *)cur)->row;

    switch (col) {
    case COL_I: sqlite3_result_int64(ctx, r->indicator_id); break;
    case COL_R: sqlite3_result_int64(ctx, r->region_id); break;
    case COL_D: sqlite3_result_int64(ctx, r->disagg_id); break;
    case COL_P: sqlite3_result_int64(ctx, r->period_id); break;
    case COL_V: sqlite3_result_double(ctx, r->value); break;
    case COL_DEF: sqlite3_result_int(ctx, r->definitief); break;
    case COL_O: sqlite3_result_int(ctx, r->origin); break;
    case COL_B: sqlite3_result_int64(ctx, r->batch_id); break;
    default: sqlite3_result_null(ctx); break;
    }
    return SQLITE_OK;
}

static int ob_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = ((struct ob_cursor *)cur)->n;
    return SQLITE_OK;
}

static const sqlite3_module ob_module = {
    .iVersion = 0,
    .xCreate = NULL,               /* eponymous only */
    .xConnect = ob_connect,
    .xBestIndex = ob_best_index,
    .xDisconnect = ob_disconnect,
    .xOpen = ob_open,
    .xClose = ob_close,
    .xFilter = ob_filter,
    .xNext = ob_next,
    .xEof = ob_eof,
    .xColumn = ob_column,
    .xRowid = ob_rowid,
};

long long obsbulk_insert(sqlite3 *db, obsbulk_next_fn next, void *ctx,
                         int upsert)
{
    static const char *const sql[2] = {
        "INSERT INTO observation(indicator_id, region_id, disagg_id, "
        "period_id, value, definitief, origin, batch_id) SELECT i, r, d, "
        "p, v, def, o, b FROM koers_obsbulk(?1)",
        "INSERT INTO observation(indicator_id, region_id, disagg_id, "
        "period_id, value, definitief, origin, batch_id) SELECT i, r, d, "
        "p, v, def, o, b FROM koers_obsbulk(?1) WHERE 1 ON CONFLICT("
        "indicator_id, region_id, disagg_id, period_id) DO UPDATE SET "
        "value = excluded.value, definitief = excluded.definitief, "
        "origin = excluded.origin, batch_id = excluded.batch_id"
    };
    struct obsbulk_src src = { next, ctx };
    sqlite3_stmt *st = NULL;
    long long n = -1;
    int rc;

    /* (re)registering is cheap and keeps callers free of set-up */
    if (sqlite3_create_module(db, "koers_obsbulk", &ob_module, NULL)
            != SQLITE_OK) {
        log_error("obsbulk: %s", sqlite3_errmsg(db));
        return -1;
    }
    if (sqlite3_prepare_v2(db, sql[upsert ? 1 : 0], -1, &st, NULL)
            != SQLITE_OK) {
        log_error("obsbulk: %s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_pointer(st, 1, &src, OBSBULK_PTR, NULL);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        n = sqlite3_changes64(db);
    else
        log_error("obsbulk: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return n;
}
