/* import.c - the monitor's import engine (see import.h).
 *
 * Owns: one import from start to end: the permission check, picking the
 * mapping (mapping.h), reading the file with the reader of its kind
 * (imptable.h, implang.h, impregion.h) into compact rows (imp.h), and
 * then, inside one transaction: sort (radix), sum or refuse repeated
 * keys, compare with the stored rows of each indicator in one ordered
 * scan (no per-row lookup), write only what changed with one bulk
 * statement (obsbulk.h) under a new import_batch, and recompute the
 * roll-ups; the summary and the audit line of every attempt. The
 * transaction is rolled back on any error, on a dry run, and when
 * nothing changed. The sha256 of the bytes is computed by a second
 * thread while the first one parses. Also the small public helpers
 * around it: the list of mappings for forms, the recent batches, the
 * data directory. */
#define _GNU_SOURCE
#include "import.h"

#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cbs.h"
#include "csvread.h"
#include "imp.h"
#include "implang.h"
#include "impregion.h"
#include "imptable.h"
#include "mapping.h"
#include "obsbulk.h"
#include "perm.h"
#include "rollup.h"
#include "sqljson.h"
#include "store.h"

#define IMPORT_CACHE_KIB 262144          /* page cache during an import */

static void phase(const char *what);

/* The sha256 of the file or buffer, computed on a second thread. */
struct hasher {
    pthread_t th;
    int started;
    const char *path;
    const unsigned char *mem;
    size_t len;
    unsigned char out[crypto_hash_sha256_BYTES];
    int rc;
};

/* Tell the caller that a phase after reading starts (import_opts). */
static void stage(struct imp *x, const char *what)
{
    if (x->o->stage)
        x->o->stage(x->o->progress_ctx, what);
}

/* ------------------------------------------------------------------ */
/* Sorting, combining, comparing, writing. */

/* Stable LSD radix sort on the key; passes whose byte is the same in
 * every key are skipped, and sorted input costs one check. */
static int sort_rows(struct imp_row *a, size_t n)
{
    size_t count[8][256], i;
    struct imp_row *tmp, *src = a, *dst;
    int b, sorted = 1;

    for (i = 1; i < n && sorted; i++)
        sorted = a[i - 1].key <= a[i].key;
    if (sorted)
        return 0;
    tmp = malloc(n * sizeof *tmp);
    if (tmp == NULL)
        return -1;
    memset(count, 0, sizeof count);
    for (i = 0; i < n; i++)
        for (b = 0; b < 8; b++)
            count[b][(a[i].key >> (8 * b)) & 0xFF]++;
    dst = tmp;
    for (b = 0; b < 8; b++) {
        size_t pos[256], sum = 0;
        int k, trivial = 0;

        for (k = 0; k < 256; k++)
            if (count[b][k] == n)
                trivial = 1;
        if (trivial)
            continue;
        for (k = 0; k < 256; k++) {
            pos[k] = sum;
            sum += count[b][k];
        }
        for (i = 0; i < n; i++)
            dst[pos[(src[i].key >> (8 * b)) & 0xFF]++] = src[i];
        dst = src;
        src = src == a ? tmp : a;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
    free(tmp);
    return 0;
}

/* Describe a row's cell for messages. */
static void cell_text(struct imp *x, uint64_t key, char *out, size_t len)
{
    struct impcat *c = &x->cat;
    sqlite3_stmt *st;
    char per[32] = "?", dis[256] = "";

    st = store_prepare(x->db, "SELECT (SELECT code FROM period WHERE id = "
                              "?1), (SELECT key FROM disaggregation WHERE "
                              "id = ?2)");
    if (st) {
        sqlite3_bind_int64(st, 1, c->per[IMP_PER(key)].id);
        sqlite3_bind_int64(st, 2, c->dis[IMP_DIS(key)].id);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(per, sizeof per, "%s", store_col(st, 0));
            snprintf(dis, sizeof dis, "%s", store_col(st, 1));
        }
        sqlite3_finalize(st);
    }
    snprintf(out, len, "indicator %s, regio %s, periode %s, uitsplitsing "
             "'%s'", c->ind[IMP_IND(key)].code, c->reg[IMP_REG(key)].code, per,
             dis);
}

/* Sum rows with the same key (a summing source) or refuse them. */
static void combine(struct imp *x)
{
    size_t i, j = 0;

    for (i = 0; i < x->nrows; i++) {
        struct imp_row *r = &x->rows[i];

        if (j > 0 && x->rows[j - 1].key == r->key) {
            struct imp_row *p = &x->rows[j - 1];
            char cell[400];

            if (x->map->sum) {
                p->value += r->value;
                p->flags &= r->flags | ~IMP_ROW_DEF;
                continue;
            }
            cell_text(x, r->key, cell, sizeof cell);
            imp_error(x, "regel %u en regel %u: dezelfde waarneming staat "
                      "twee keer in het bestand (%s)", p->line, r->line,
                      cell);
            if (x->stop)
                return;
            continue;
        }
        x->rows[j++] = *r;
    }
    x->nrows = j;
}

/* Compare the rows of every indicator with the store: mark new and
 * changed rows and count. One ordered scan per indicator that has rows
 * in the store; none for an indicator without. */
static int compare(struct imp *x)
{
    struct impcat *c = &x->cat;
    struct import_summary *s = x->s;
    sqlite3_stmt *st = NULL, *ex = NULL;
    size_t a = 0;
    int rc = -1;

    ex = store_prepare(x->db, "SELECT EXISTS (SELECT 1 FROM observation "
                              "WHERE indicator_id = ?)");
    st = store_prepare(x->db,
        "SELECT region_id, disagg_id, period_id, value, definitief, origin "
        "FROM observation WHERE indicator_id = ? ORDER BY region_id, "
        "disagg_id, period_id");
    if (ex == NULL || st == NULL)
        goto done;
    while (a < x->nrows) {
        uint32_t ind = IMP_IND(x->rows[a].key);
        size_t b = a, i;
        int have, step = SQLITE_DONE;
        sqlite3_int64 er = 0, ed = 0, ep = 0;

        while (b < x->nrows && IMP_IND(x->rows[b].key) == ind)
            b++;
        sqlite3_bind_int64(ex, 1, c->ind[ind].id);
        have = sqlite3_step(ex) == SQLITE_ROW && sqlite3_column_int(ex, 0);
        sqlite3_reset(ex);
        if (have) {
            sqlite3_bind_int64(st, 1, c->ind[ind].id);
            step = sqlite3_step(st);
            if (step == SQLITE_ROW) {
                er = sqlite3_column_int64(st, 0);
                ed = sqlite3_column_int64(st, 1);
                ep = sqlite3_column_int64(st, 2);
            }
        }
        for (i = a; i < b; i++) {
            struct imp_row *r = &x->rows[i];
            sqlite3_int64 rr = c->reg[IMP_REG(r->key)].id,
                          rd = c->dis[IMP_DIS(r->key)].id,
                          rp = c->per[IMP_PER(r->key)].id;

            while (step == SQLITE_ROW &&
                   (er < rr || (er == rr && (ed < rd ||
                                             (ed == rd && ep < rp))))) {
                step = sqlite3_step(st);
                if (step == SQLITE_ROW) {
                    er = sqlite3_column_int64(st, 0);
                    ed = sqlite3_column_int64(st, 1);
                    ep = sqlite3_column_int64(st, 2);
                }
            }
            if (step == SQLITE_ROW && er == rr && ed == rd && ep == rp &&
                sqlite3_column_int(st, 5) == 0) {
                if (sqlite3_column_double(st, 3) == r->value &&
                    sqlite3_column_int(st, 4) ==
                        (int)(r->flags & IMP_ROW_DEF)) {
                    s->unchanged++;
                } else {
                    r->flags |= IMP_ROW_UPD;
                    s->updated++;
                    c->ind[ind].changed = 1;
                }
            } else {
                r->flags |= IMP_ROW_NEW;
                s->imported++;
                c->ind[ind].changed = 1;
            }
        }
        if (step != SQLITE_ROW && step != SQLITE_DONE)
            goto done;
        sqlite3_reset(st);
        a = b;
    }
    rc = 0;
done:
    if (rc != 0)
        imp_store_fail(x, "het vergelijken met de opgeslagen waarnemingen");
    sqlite3_finalize(ex);
    sqlite3_finalize(st);
    return rc;
}

struct write_iter {
    struct imp *x;
    size_t i;
    sqlite3_int64 batch;
};

/* obsbulk callback: the next new or changed row, with store ids. */
static int write_next(void *ctx, struct obsbulk_row *out)
{
    struct write_iter *w = ctx;
    struct impcat *c = &w->x->cat;

    while (w->i < w->x->nrows) {
        const struct imp_row *r = &w->x->rows[w->i++];

        if (!(r->flags & (IMP_ROW_NEW | IMP_ROW_UPD)))
            continue;
        out->indicator_id = c->ind[IMP_IND(r->key)].id;
        out->region_id = c->reg[IMP_REG(r->key)].id;
        out->disagg_id = c->dis[IMP_DIS(r->key)].id;
        out->period_id = c->per[IMP_PER(r->key)].id;
        out->value = r->value;
        out->definitief = (r->flags & IMP_ROW_DEF) != 0;
        out->origin = 0;
        out->batch_id = w->batch;
        return 1;
    }
    return 0;
}

/* The batch row of this import. */
static int batch_insert(struct imp *x, const char *sha)
{
    struct import_summary *s = x->s;
    sqlite3_stmt *st = store_prepare(x->db,
        "INSERT INTO import_batch(source_code, file_name, file_sha256, "
        "user_id, rows_read, imported, updated, unchanged, rejected) VALUES "
        "(?,?,?,?,?,?,?,?,?)");

    if (st == NULL)
        return imp_store_fail(x, "de importregistratie");
    store_bind_text(st, 1, x->map->code);
    store_bind_text(st, 2, x->name);
    store_bind_text(st, 3, sha);
    if (x->who->user_id > 0)
        store_bind_int(st, 4, x->who->user_id);
    else
        sqlite3_bind_null(st, 4);
    store_bind_int(st, 5, s->rows_read);
    store_bind_int(st, 6, s->imported);
    store_bind_int(st, 7, s->updated);
    store_bind_int(st, 8, s->unchanged);
    store_bind_int(st, 9, s->skipped);
    if (store_exec_stmt(st) != 0)
        return imp_store_fail(x, "de importregistratie");
    s->batch_id = sqlite3_last_insert_rowid(x->db);
    return 0;
}

/* Write the changed rows and recompute the roll-ups. */
static int write_obs(struct imp *x)
{
    struct impcat *c = &x->cat;
    struct write_iter w = { x, 0, x->s->batch_id };
    struct rollup_stats rs;
    size_t i;

    if (x->s->imported + x->s->updated > 0)
        stage(x, "waarnemingen schrijven");
    if (x->s->imported + x->s->updated > 0 &&
        obsbulk_insert(x->db, write_next, &w, 1) < 0)
        return imp_store_fail(x, "de waarnemingen");
    phase("waarnemingen schrijven");
    stage(x, "optellingen berekenen");
    if (x->links_changed) {
        memset(&rs, 0, sizeof rs);
        if (rollup_all(x->db, x->s->batch_id, &rs, x->f) != 0)
            return -1;
    }
    for (i = 0; i < c->nind; i++) {
        if (!c->ind[i].changed)
            continue;
        x->s->indicators++;
        if (x->links_changed)
            continue;
        memset(&rs, 0, sizeof rs);
        if (rollup_indicator(x->db, c->ind[i].id, x->s->batch_id, &rs, x->f)
                != 0)
            return -1;
    }
    phase("optellingen (rollup)");
    return 0;
}

/* The hash of the bytes, on a second thread. */

static void *hash_main(void *arg)
{
    struct hasher *h = arg;
    crypto_hash_sha256_state st;

    crypto_hash_sha256_init(&st);
    h->rc = 0;
    if (h->path) {
        unsigned char *buf = malloc(1 << 20);
        FILE *fp = fopen(h->path, "rb");
        size_t n;

        if (buf == NULL || fp == NULL) {
            h->rc = -1;
        } else {
            while ((n = fread(buf, 1, 1 << 20, fp)) > 0)
                crypto_hash_sha256_update(&st, buf, n);
            if (ferror(fp))
                h->rc = -1;
        }
        if (fp)
            fclose(fp);
        free(buf);
    } else {
        crypto_hash_sha256_update(&st, h->mem, h->len);
    }
    crypto_hash_sha256_final(&st, h->out);
    return NULL;
}

static void hash_start(struct hasher *h)
{
    h->started = pthread_create(&h->th, NULL, hash_main, h) == 0;
    if (!h->started)
        hash_main(h);
}

/* Join the thread and write the hex digest; -1 when reading failed. */
static int hash_finish(struct hasher *h, char hex[65])
{
    if (h->started) {
        pthread_join(h->th, NULL);
        h->started = 0;
    }
    sodium_bin2hex(hex, 65, h->out, sizeof h->out);
    return h->rc;
}

/* ------------------------------------------------------------------ */
/* Driving one import. */

static void summary_init(struct import_summary *s, const char *name,
                         int dry_run)
{
    memset(s, 0, sizeof *s);
    snprintf(s->file, sizeof s->file, "%s", name);
    s->dry_run = dry_run;
}

/* The audit line of an attempt. */
static void audit(struct imp *x, const char *result)
{
    char detail[600];
    struct import_summary *s = x->s;

    if (x->s->nerrors)
        snprintf(detail, sizeof detail, "bron %s: %d fout(en); eerste: %s",
                 s->source[0] ? s->source : "?", s->nerrors, s->errors[0]);
    else if (x->f->kind)
        snprintf(detail, sizeof detail, "bron %s: %s",
                 s->source[0] ? s->source : "?", x->f->msg);
    else
        snprintf(detail, sizeof detail, "bron %s%s: %lld regels, %lld nieuw, "
                 "%lld gewijzigd, %lld ongewijzigd, %lld overgeslagen, "
                 "batch %lld", s->source, s->dry_run ? " (proef)" : "",
                 s->rows_read, s->imported, s->updated, s->unchanged,
                 s->skipped, s->batch_id);
    audit_write(x->db, x->who, "monitor.importeren", "import", x->name,
                result, detail);
}

/* Read the records after the header with the reader of the mapping's
 * kind. 0, or -1 (errors recorded or the fault set). */
static int read_file(struct imp *x, struct csv *c)
{
    switch (x->map->kind) {
    case MK_TABEL:
    case MK_CBS:
        return imptable_read(x, c);
    case MK_LANG:
        return implang_read(x, c);
    case MK_REGIOCODES:
        return impregion_read_codes(x, c);
    case MK_INDELING:
        return impregion_read_links(x, c);
    default:
        return 0;
    }
}

/* Run one import of an opened reader (NULL when opening it failed: -1).
 * The caller has recognised the mapping and set up h, which hashes the
 * bytes on the side from now on. */
static int run_import(struct imp *x, struct csv *c, struct hasher *h)
{
    struct import_summary *s = x->s;
    char sha[65] = "", old_cache[32] = "";
    sqlite3_stmt *st;
    int rc = -1, began = 0;

    if (c == NULL)
        return -1;
    hash_start(h);

    snprintf(s->source, sizeof s->source, "%s", x->map->code);
    snprintf(s->source_name, sizeof s->source_name, "%s", x->map->name);
    snprintf(s->kind, sizeof s->kind, "%s",
             mapping_kind_codes[x->map->kind]);
    st = store_prepare(x->db, "PRAGMA cache_size");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(old_cache, sizeof old_cache, "%lld",
                 (long long)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    {
        char q[64];

        snprintf(q, sizeof q, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
        sqlite3_exec(x->db, q, NULL, NULL, NULL);
    }
    if (store_begin(x->db) != 0) {
        fault_set(x->f, FAULT_STORE, "De store is bezet of niet "
                  "schrijfbaar: %s.", sqlite3_errmsg(x->db));
        goto done;
    }
    began = 1;
    phase(NULL);
    if (impcat_load(&x->cat, x->db, x->o->data_dir) != 0) {
        imp_store_fail(x, "het lezen van de catalogus");
        goto done;
    }
    if (csv_next(c) != 1) {
        if (csv_error(c)[0])
            imp_error(x, "%s", csv_error(c));
        else
            imp_error(x, "regel 1: het bestand is leeg");
        goto done;
    }
    if (csvhead_take(&x->hdr, c) != 0) {
        imp_oom(x);
        goto done;
    }
    if (read_file(x, c) != 0)
        goto done;
    phase("lezen en controleren");
    if (s->nerrors || x->f->kind)
        goto done;
    if (x->nrows) {
        stage(x, "sorteren en vergelijken met de store");
        if (sort_rows(x->rows, x->nrows) != 0) {
            imp_oom(x);
            goto done;
        }
        phase("sorteren");
        combine(x);
        if (s->nerrors)
            goto done;
    }
    if (imptable_apply_links(x) != 0 || s->nerrors)
        goto done;
    if (x->nrows && compare(x) != 0)
        goto done;
    phase("vergelijken met de store");
    if ((s->imported + s->updated == 0 && !x->links_changed &&
         !x->regions_changed) || s->dry_run) {
        /* a dry run, or nothing changes: then write nothing at all, not
         * even a batch */
        store_rollback(x->db);
        began = 0;
        rc = 0;
        goto done;
    }
    /* the hash is only needed now: it ran beside everything above */
    if (batch_insert(x, "") != 0 || write_obs(x) != 0)
        goto done;
    if (hash_finish(h, sha) != 0) {
        fault_set(x->f, FAULT_STORE, "Het bestand %s kan niet opnieuw "
                  "gelezen worden.", x->name);
        goto done;
    }
    phase("sha256 afwachten");
    snprintf(s->sha256, sizeof s->sha256, "%s", sha);
    st = store_prepare(x->db, "UPDATE import_batch SET file_sha256 = ? "
                              "WHERE id = ?");
    if (st == NULL)
        goto done;
    store_bind_text(st, 1, sha);
    store_bind_int(st, 2, s->batch_id);
    if (store_exec_stmt(st) != 0) {
        imp_store_fail(x, "de importregistratie");
        goto done;
    }
    audit(x, "gelukt");
    stage(x, "vastleggen");
    if (store_commit(x->db) != 0) {
        imp_store_fail(x, "het vastleggen");
        goto done;
    }
    phase("vastleggen (commit)");
    began = 0;
    rc = 0;
done:
    if (began)
        store_rollback(x->db);
    if (hash_finish(h, sha) == 0 && s->sha256[0] == '\0')
        snprintf(s->sha256, sizeof s->sha256, "%s", sha);
    if (rc != 0) {
        s->batch_id = 0;
        if (s->nerrors && x->f->kind == FAULT_NONE)
            fault_set(x->f, FAULT_INVALID, "%s is niet geïmporteerd: %d "
                      "fout%s%s; er is niets opgeslagen.", x->name,
                      s->nerrors, s->nerrors == 1 ? "" : "en",
                      s->more_errors ? " (en meer)" : "");
    }
    if (old_cache[0]) {
        char q[64];

        snprintf(q, sizeof q, "PRAGMA cache_size = %s", old_cache);
        sqlite3_exec(x->db, q, NULL, NULL, NULL);
    }
    return rc;
}

/* With KOERS_IMPORT_TIMING=1 in the environment, each phase prints its
 * wall-clock time on stderr (for the benchmark and for tuning). */
static void phase(const char *what)
{
    static struct timespec last, last_cpu;
    static int on = -1;
    struct timespec now, cpu;

    if (on < 0) {
        const char *e = getenv("KOERS_IMPORT_TIMING");

        on = e && strcmp(e, "1") == 0;
    }
    if (!on)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    if (what)
        fprintf(stderr, "koers import: %-28s %7.3f s (cpu %7.3f s)\n", what,
                (double)(now.tv_sec - last.tv_sec) +
                (double)(now.tv_nsec - last.tv_nsec) / 1e9,
                (double)(cpu.tv_sec - last_cpu.tv_sec) +
                (double)(cpu.tv_nsec - last_cpu.tv_nsec) / 1e9);
    last = now;
    last_cpu = cpu;
}

static int allowed(sqlite3 *db, const struct actor *who, const char *name,
                   struct fault *f)
{
    if (perm_allowed(who->role, who->scope, ACT_MONITOR_IMPORTEREN, NULL))
        return 1;
    fault_set(f, FAULT_FORBIDDEN, "U mag geen gegevens in de monitor "
              "importeren (alleen de beheerder en het secretariaat).");
    audit_write(db, who, "monitor.importeren", "import", name, "geweigerd",
                NULL);
    return 0;
}


/* The start of import_path and import_buffer: the summary and fault
 * emptied, the run state zeroed, the permission checked (a refusal is
 * audited) and the mappings loaded into l. 0, or -1. */
static int import_begin(struct imp *x, struct hasher *h,
                        struct mapping_list *l, sqlite3 *db,
                        const struct actor *who, const char *name,
                        const struct import_opts *o,
                        struct import_summary *s, struct fault *f)
{
    memset(x, 0, sizeof *x);
    memset(h, 0, sizeof *h);
    summary_init(s, name, o->dry_run);
    f->kind = FAULT_NONE;
    f->msg[0] = '\0';
    x->db = db;
    x->who = who;
    x->o = o;
    x->s = s;
    x->f = f;
    x->name = name;
    if (l == NULL || !allowed(db, who, name, f) ||
        mapping_list_load(l, o->data_dir, f) != 0)
        return -1;
    return 0;
}

/* The end of import_path and import_buffer: a fault for a failure that
 * has none yet, and the run state and mappings freed. */
static void import_end(struct imp *x, struct mapping_list *l, int rc)
{
    if (rc != 0 && x->f->kind == FAULT_NONE)
        fault_set(x->f, FAULT_STORE, "De import is mislukt.");
    imp_free(x);
    if (l)
        mapping_list_free(l);
    free(l);
}

int import_path(sqlite3 *db, const struct actor *who, const char *path,
                const struct import_opts *o, struct import_summary *s,
                struct fault *f)
{
    struct imp x;
    struct mapping_list *l = calloc(1, sizeof *l);
    struct hasher h;
    struct stat sb;
    char file[PATH_MAX];
    struct csv_opts co = { 0 };
    struct csv *c = NULL;
    FILE *fp = NULL;
    int rc = -1;

    if (import_begin(&x, &h, l, db, who, path, o, s, f) != 0)
        goto done;
    if (stat(path, &sb) != 0) {
        fault_set(f, FAULT_NOTFOUND, "%s bestaat niet.", path);
        goto done;
    }
    snprintf(file, sizeof file, "%s", path);
    if (S_ISDIR(sb.st_mode)) {
        x.map = mapping_recognise_cbs(l, path, o->source, f);
        if (x.map == NULL)
            goto done;
        snprintf(file, sizeof file, "%s/data.csv", path);
        if (stat(file, &sb) != 0) {
            fault_set(f, FAULT_NOTFOUND, "%s heeft geen data.csv.", path);
            goto done;
        }
        x.have_status = cbs_statuses(path, &x.status);
    } else {
        char dir[PATH_MAX], *slash;

        x.map = mapping_recognise_file(l, path, o->source, f, NULL);
        if (x.map == NULL)
            goto done;
        snprintf(dir, sizeof dir, "%s", path);
        slash = strrchr(dir, '/');
        if (x.map->kind == MK_CBS) {
            /* a data.csv given as a file: its side files are beside it */
            if (slash)
                *slash = '\0';
            x.have_status = cbs_statuses(slash ? dir : ".", &x.status);
        }
    }
    fp = fopen(file, "rb");
    if (fp == NULL) {
        fault_set(f, FAULT_NOTFOUND, "%s kan niet gelezen worden.", file);
        goto done;
    }
    co.sep = x.map->sep;
    c = csv_open_file(fp, &co);
    x.total = (long long)sb.st_size;
    h.path = file;
    rc = run_import(&x, c, &h);
done:
    import_end(&x, l, rc);
    csv_close(c);
    if (fp)
        fclose(fp);
    return rc;
}

int import_buffer(sqlite3 *db, const struct actor *who, const char *name,
                  const char *data, size_t len, const struct import_opts *o,
                  struct import_summary *s, struct fault *f)
{
    struct imp x;
    struct mapping_list *l = calloc(1, sizeof *l);
    struct hasher h;
    struct csv_opts co = { 0 };
    struct csv *c = NULL;
    int rc = -1;

    if (import_begin(&x, &h, l, db, who, name, o, s, f) != 0)
        goto done;
    x.map = mapping_recognise(l, name, data,
                              len < MAPPING_PROBE ? len : MAPPING_PROBE,
                              o->source, f);
    if (x.map == NULL)
        goto done;
    co.sep = x.map->sep;
    c = csv_open_mem(data, len, &co);
    x.total = (long long)len;
    h.mem = (const unsigned char *)data;
    h.len = len;
    rc = run_import(&x, c, &h);
done:
    import_end(&x, l, rc);
    csv_close(c);
    return rc;
}

int import_recognise(const char *path, const char *data_dir, char *out,
                     size_t outlen, struct fault *f)
{
    struct mapping_list *l = calloc(1, sizeof *l);
    struct mapping *m = NULL;
    struct stat sb;
    int rc = -1, unreadable = 0;

    f->kind = FAULT_NONE;
    if (l == NULL || mapping_list_load(l, data_dir, f) != 0)
        goto done;
    if (stat(path, &sb) != 0) {
        fault_set(f, FAULT_NOTFOUND, "%s bestaat niet.", path);
        goto done;
    }
    if (S_ISDIR(sb.st_mode)) {
        char data[PATH_MAX];

        snprintf(data, sizeof data, "%s/data.csv", path);
        if (stat(data, &sb) != 0) {
            rc = 0;
            goto done;
        }
        m = mapping_recognise_cbs(l, path, NULL, f);
    } else {
        m = mapping_recognise_file(l, path, NULL, f, &unreadable);
        if (unreadable)
            goto done;
    }
    if (m) {
        snprintf(out, outlen, "%s", m->code);
        rc = 1;
    } else {
        rc = f->kind == FAULT_NOTFOUND ? 0 : -1;
        if (rc == 0)
            f->kind = FAULT_NONE;
    }
done:
    if (l)
        mapping_list_free(l);
    free(l);
    return rc;
}

long import_sources(const char *data_dir, char ***codes, char ***names)
{
    struct mapping_list *l = calloc(1, sizeof *l);
    struct fault f = { 0 };
    long n = -1;
    int i;

    *codes = NULL;
    *names = NULL;
    if (l == NULL || mapping_list_load(l, data_dir, &f) != 0)
        goto done;
    *codes = calloc((size_t)l->n + 1, sizeof **codes);
    *names = calloc((size_t)l->n + 1, sizeof **names);
    if (*codes == NULL || *names == NULL)
        goto done;
    for (i = 0; i < l->n; i++) {
        (*codes)[i] = strdup(l->m[i].code);
        (*names)[i] = strdup(l->m[i].name);
    }
    n = l->n;
done:
    if (l)
        mapping_list_free(l);
    free(l);
    if (n < 0) {
        free(*codes);
        free(*names);
        *codes = *names = NULL;
    }
    return n;
}

void import_sources_free(char **codes, char **names, long n)
{
    long i;

    for (i = 0; i < n; i++) {
        if (codes)
            free(codes[i]);
        if (names)
            free(names[i]);
    }
    free(codes);
    free(names);
}

int import_source_is_regions(const char *data_dir, const char *code)
{
    struct mapping_list *l = calloc(1, sizeof *l);
    struct fault f = { 0 };
    struct mapping *m;
    int r = 0;

    if (l && mapping_list_load(l, data_dir, &f) == 0) {
        m = mapping_find(l, code);
        r = m && (m->kind == MK_REGIOCODES || m->kind == MK_INDELING);
        mapping_list_free(l);
    }
    free(l);
    return r;
}

void import_data_dir(char *out, size_t len)
{
    char exe[PATH_MAX];
    const char *e = getenv("KOERS_DATA");
    ssize_t n;

    if (e && e[0]) {
        snprintf(out, len, "%s", e);
        return;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(out, len, "data");
        return;
    }
    exe[n] = '\0';
    snprintf(out, len, "%s/data", dirname(dirname(exe)));
}

json_t *import_batches(sqlite3 *db, int limit)
{
    return sqljson_rows(db,
        "SELECT b.id, b.source_code AS bron, b.file_name AS bestand, "
        "b.file_sha256 AS sha256, coalesce(u.name, 'systeem') AS gebruiker, "
        "b.started_at AS tijdstip, b.rows_read AS gelezen, b.imported AS "
        "nieuw, b.updated AS gewijzigd, b.unchanged AS ongewijzigd, "
        "b.rejected AS overgeslagen FROM import_batch b LEFT JOIN user u ON "
        "u.id = b.user_id ORDER BY b.id DESC LIMIT ?", "i",
        (long long)limit);
}
