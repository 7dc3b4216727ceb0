/* imp.c - one import run: reporting, rows and what a file adds to the
 * catalogue (see imp.h). */
#include "imp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "grow.h"
#include "store.h"

void imp_error(struct imp *x, const char *fmt, ...)
{
    struct import_summary *s = x->s;
    va_list ap;

    if (s->nerrors == IMPORT_MAX_ERRORS) {
        s->more_errors = 1;
        x->stop = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s->errors[s->nerrors], sizeof s->errors[0], fmt, ap);
    va_end(ap);
    s->nerrors++;
}

void imp_skip(struct imp *x, const char *reason, long long n)
{
    struct import_summary *s = x->s;
    int i;

    s->skipped += n;
    for (i = 0; i < s->nreasons; i++)
        if (strcmp(s->reasons[i].text, reason) == 0) {
            s->reasons[i].count += n;
            return;
        }
    if (s->nreasons == IMPORT_MAX_REASONS)
        i = IMPORT_MAX_REASONS - 1;   /* fold the rest into the last */
    else
        snprintf(s->reasons[s->nreasons++].text, sizeof s->reasons[0].text,
                 "%s", reason);
    s->reasons[i].count += n;
}

int imp_oom(struct imp *x)
{
    fault_set(x->f, FAULT_STORE, "Onvoldoende geheugen voor de import.");
    return -1;
}

int imp_store_fail(struct imp *x, const char *what)
{
    fault_set(x->f, FAULT_STORE, "De store weigerde %s: %s.", what,
              sqlite3_errmsg(x->db));
    return -1;
}

void imp_progress(struct imp *x, struct csv *c)
{
    if (x->o->progress)
        x->o->progress(x->o->progress_ctx, csv_offset(c), x->total,
                       x->s->rows_read);
}

int imp_next_record(struct imp *x, struct csv *c, size_t fields)
{
    int rc;

    while (!x->stop && (rc = csv_next(c)) != 0) {
        if (rc < 0) {
            imp_error(x, "%s", csv_error(c));
            if (csv_fatal(c))
                return 0;
            continue;
        }
        if (csv_blank(c)) {
            imp_skip(x, "lege regels", 1);
            continue;
        }
        x->s->rows_read++;
        if ((x->s->rows_read & (IMP_PROGRESS_EVERY - 1)) == 0)
            imp_progress(x, c);
        if (csv_count(c) != fields) {
            imp_error(x, "regel %lld: %zu velden, verwacht %zu%s",
                      csv_line(c), csv_count(c), fields,
                      csv_count(c) < fields ? "; is het bestand "
                      "afgebroken?" : "");
            continue;
        }
        return 1;
    }
    return 0;
}

int imp_push_row(struct imp *x, uint64_t key, double v, long long line,
                 int definitief)
{
    struct imp_row *r;

    if (x->nrows >= (size_t)IMPORT_MAX_ROWS) {
        imp_error(x, "het bestand heeft meer dan %lld waarnemingen; splits "
                  "het", IMPORT_MAX_ROWS);
        x->stop = 1;
        return -1;
    }
    if (x->nrows == x->caprows &&
        grow_array((void **)&x->rows, &x->caprows, x->nrows + 1,
                   sizeof *r) != 0)
        return imp_oom(x);
    r = &x->rows[x->nrows++];
    r->key = key;
    r->value = v;
    r->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    r->flags = definitief ? IMP_ROW_DEF : 0;
    return 0;
}

long imp_per_pos(struct imp *x, const struct period *p)
{
    struct impcat *c = &x->cat;
    sqlite3_int64 id;
    uint32_t pos;

    if (smap_get(&c->per_map, p->code, strlen(p->code), &pos))
        return (long)pos;
    if (c->nper + 1 >= IMPCAT_MAX_PER) {
        imp_error(x, "te veel verschillende perioden in de store");
        x->stop = 1;
        return -1;
    }
    if (period_ensure(x->db, p, &id) != 0)
        return imp_store_fail(x, "een nieuwe periode");
    if (c->nper > 0 && id <= c->per[c->nper - 1].id) {
        fault_set(x->f, FAULT_STORE, "Onverwachte volgorde van perioden in "
                  "de store.");
        return -1;
    }
    if (impcat_add_period(c, id, p->code, (int)p->kind, p->year) < 0)
        return imp_oom(x);
    return (long)c->nper - 1;
}

long imp_period(struct imp *x, const char *t, size_t len, char *buf,
                size_t size)
{
    struct period p;
    uint32_t pos;

    if (smap_get(&x->cat.per_map, t, len, &pos))
        return (long)pos;
    if (period_parse(field_copy(t, len, buf, size), &p) != 0)
        return -2;
    return imp_per_pos(x, &p);
}

long imp_dis_pos(struct imp *x, const char *key, size_t len, uint64_t mask)
{
    struct impcat *c = &x->cat;
    sqlite3_stmt *st;
    uint32_t pos;
    long p;

    if (smap_get(&c->dis_map, key, len, &pos))
        return (long)pos;
    if (c->ndis + 1 >= IMPCAT_MAX_DIS) {
        imp_error(x, "te veel verschillende uitsplitsingen in de store");
        x->stop = 1;
        return -1;
    }
    st = store_prepare(x->db, "INSERT INTO disaggregation(key) VALUES (?)");
    if (st == NULL)
        return imp_store_fail(x, "een nieuwe uitsplitsing");
    sqlite3_bind_text(st, 1, key, (int)len, SQLITE_TRANSIENT);
    if (store_exec_stmt(st) != 0)
        return imp_store_fail(x, "een nieuwe uitsplitsing");
    p = impcat_add_disagg(c, sqlite3_last_insert_rowid(x->db), key, len,
                          mask);
    return p < 0 ? imp_oom(x) : p;
}

long imp_disagg(struct imp *x, struct impcat_pairs *p)
{
    char key[512];
    uint64_t mask;
    long kl = impcat_pairs_key(&x->cat, p, key, sizeof key, &mask);

    if (kl < 0)
        return -2;
    return imp_dis_pos(x, key, (size_t)kl, mask);
}

long imp_reg_add(struct imp *x, const char *code, const char *name,
                 int kind)
{
    struct impcat *c = &x->cat;
    sqlite3_stmt *st;
    long p;

    if (c->nreg + 1 >= IMPCAT_MAX_REG) {
        imp_error(x, "te veel regio's in de store");
        x->stop = 1;
        return -1;
    }
    st = store_prepare(x->db, "INSERT INTO region(code, name, kind) VALUES "
                              "(?,?,?)");
    if (st == NULL)
        return imp_store_fail(x, "een nieuwe regio");
    store_bind_text(st, 1, code);
    store_bind_text(st, 2, name);
    store_bind_text(st, 3, impcat_rk_codes[kind]);
    if (store_exec_stmt(st) != 0)
        return imp_store_fail(x, "een nieuwe regio");
    p = impcat_add_region(c, sqlite3_last_insert_rowid(x->db), code, kind);
    if (p < 0)
        return imp_oom(x);
    x->s->regions_added++;
    x->regions_changed = 1;
    return p;
}

void imp_free(struct imp *x)
{
    impcat_free(&x->cat);
    csvhead_free(&x->hdr);
    free(x->rows);
    free(x->links);
    smap_free(&x->status);
}
