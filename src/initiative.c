/* initiative.c - the register of regional initiatives and the similarity
 * suggestions over its inverted index (see initiative.h for the formula
 * and what is exact). */
#include "initiative.h"
#include "domain.h"
#include "input.h"
#include "log.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"
#include "textsim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct input_field create_fields[] = {
    { "regio", "Regio", IN_TEXT, 1, 16, NULL },
    { "pijler", "Pijler", IN_TEXT, 0, 16, NULL },
    { "thema", "Thema", IN_TEXT, 0, 100, NULL },
    { "titel", "Titel", IN_TEXT, 1, 200, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 1, INITIATIVE_TEXT_MAX,
      NULL },
    { "contact", "Contact", IN_TEXT, 0, 200, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

#define SELECT_SUMMARY \
    "SELECT i.id, i.title AS titel, i.theme AS thema, r.code AS " \
    "\"regio.code\", r.name AS \"regio.naam\", p.code AS \"pijler.code\", " \
    "p.name AS \"pijler.naam\""
#define FROM_SUMMARY \
    " FROM initiative i JOIN region r ON r.code = i.region_code " \
    "LEFT JOIN pillar p ON p.code = i.pillar_code"

/* ---- a map from initiative id to a number, for one computation ---- */

/* Dot products or squared norms by initiative id; 0 means absent (every
 * contribution is > 0). Ids of a store without deletions are dense, so
 * when the largest id is at most 4 x the number of keys expected (+1024)
 * the map is a plain array indexed by id, which posting lists (in id
 * order) fill front to back. Otherwise it is an open-addressing hash
 * whose capacity is fixed at init to at least twice the keys expected;
 * it never grows, and refuses keys beyond half its capacity. */
struct idmap {
    double *val;
    long long *key;     /* NULL for the direct array */
    size_t size;        /* direct: largest id + 1; hash: capacity */
    size_t n;           /* keys in the hash */
};

static int idmap_init(struct idmap *m, size_t most, long long maxid)
{
    memset(m, 0, sizeof *m);
    if (maxid >= 0 && (unsigned long long)maxid <= 4ULL * most + 1024) {
        m->size = (size_t)maxid + 1;
        m->val = calloc(m->size, sizeof *m->val);
        return m->val ? 0 : -1;
    }
    m->size = 64;
    while (m->size < 2 * most + 16)
        m->size *= 2;
    m->val = calloc(m->size, sizeof *m->val);
    m->key = calloc(m->size, sizeof *m->key);
    if (m->val == NULL || m->key == NULL) {
        free(m->val);
        free(m->key);
        memset(m, 0, sizeof *m);
        return -1;
    }
    return 0;
}

static void idmap_free(struct idmap *m)
{
    free(m->val);
    free(m->key);
    memset(m, 0, sizeof *m);
}

/* The value slot of id (>= 1). An absent id gets a new slot holding 0
 * with `create`; without, the direct array answers its slot (holding 0)
 * and the hash NULL. NULL too for an id the map cannot hold. */
static double *idmap_at(struct idmap *m, long long id, int create)
{
    size_t i;

    if (id < 1)
        return NULL;
    if (m->key == NULL)
        return (unsigned long long)id < m->size ? &m->val[id] : NULL;
    i = (size_t)((unsigned long long)id * 0x9E3779B97F4A7C15ULL >> 17) &
        (m->size - 1);
    while (m->key[i] != 0) {
        if (m->key[i] == id)
            return &m->val[i];
        i = (i + 1) & (m->size - 1);
    }
    if (!create || m->n >= m->size / 2)
        return NULL;
    m->key[i] = id;
    m->n++;
    return &m->val[i];
}

/* The next id with a value after position *pos (start at 0), in id order
 * for the direct array; 0 at the end. */
static long long idmap_next(const struct idmap *m, size_t *pos,
                            double *val)
{
    while (*pos < m->size) {
        size_t i = (*pos)++;

        if (m->val[i] > 0.0) {
            *val = m->val[i];
            return m->key ? m->key[i] : (long long)i;
        }
    }
    return 0;
}

/* ---- document frequencies ---- */

/* The register's size and the sample for the corpus stop-word rule: the
 * newest INITIATIVE_SKIP_SAMPLE initiatives, those with an id above
 * `after` (`of` of them). */
struct corpus {
    long long n;
    long long maxid;
    long long after;
    long long of;
};

static int corpus_load(sqlite3 *db, struct corpus *c)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT count(*), coalesce(max(id), 0) FROM initiative");
    int rc = -1;

    if (st && sqlite3_step(st) == SQLITE_ROW) {
        c->n = sqlite3_column_int64(st, 0);
        c->maxid = sqlite3_column_int64(st, 1);
        rc = 0;
    }
    sqlite3_finalize(st);
    if (rc != 0)
        return -1;
    c->after = c->maxid > INITIATIVE_SKIP_SAMPLE
                   ? c->maxid - INITIATIVE_SKIP_SAMPLE : 0;
    st = store_prepare(db, "SELECT count(*) FROM initiative INDEXED BY "
                           "initiative_norm WHERE id > ?");
    store_bind_int(st, 1, c->after);
    rc = st && sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    if (rc == 0)
        c->of = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc;
}

/* A term of a query or of a document being stored, with its figures. */
struct qterm {
    const struct textsim_term *t;
    long long in;         /* postings in the sample */
    long long df;         /* postings in the store (when known) */
    int skip;             /* corpus stop word */
    double idf;
    double w;             /* tf * idf */
};

/* Fill qt[i] for every term of d: its postings in the sample and whether
 * it is a corpus stop word, in a register of n documents; with `exact`
 * also df and the idf (one more indexed count). A common term costs at
 * most INITIATIVE_SKIP_SAMPLE index entries. 0 or -1. */
static int term_stats(sqlite3 *db, const struct textsim_doc *d,
                      const struct corpus *c, long long n, int exact,
                      struct qterm *qt)
{
    sqlite3_stmt *in = store_prepare(db,
        "SELECT count(*) FROM initiative_term WHERE term = ?1 AND "
        "initiative_id > ?2");
    sqlite3_stmt *all = store_prepare(db,
        "SELECT count(*) FROM initiative_term WHERE term = ?1");
    size_t i;
    int rc = -1;

    if (in == NULL || all == NULL)
        goto cleanup;
    for (i = 0; i < d->n; i++) {
        qt[i].t = &d->terms[i];
        sqlite3_reset(in);
        sqlite3_bind_text(in, 1, d->terms[i].term, -1, SQLITE_STATIC);
        sqlite3_bind_int64(in, 2, c->after);
        if (sqlite3_step(in) != SQLITE_ROW)
            goto cleanup;
        qt[i].in = sqlite3_column_int64(in, 0);
        qt[i].skip = textsim_skipped(n, qt[i].in, c->of);
        if (!exact || qt[i].skip)
            continue;
        sqlite3_reset(all);
        sqlite3_bind_text(all, 1, d->terms[i].term, -1, SQLITE_STATIC);
        if (sqlite3_step(all) != SQLITE_ROW)
            goto cleanup;
        qt[i].df = sqlite3_column_int64(all, 0);
        qt[i].idf = textsim_idf(n, qt[i].df);
        qt[i].w = d->terms[i].tf * qt[i].idf;
    }
    rc = 0;
cleanup:
    sqlite3_finalize(in);
    sqlite3_finalize(all);
    return rc;
}

/* The norm of a document being stored (its terms already inserted). */
static int doc_norm(sqlite3 *db, const struct textsim_doc *d, double *norm)
{
    struct qterm *qt = calloc(d->n + 1, sizeof *qt);
    struct corpus c;
    double s = 0.0;
    size_t i;
    int rc = -1;

    if (qt == NULL || corpus_load(db, &c) != 0 ||
        term_stats(db, d, &c, c.n, 1, qt) != 0)
        goto cleanup;
    for (i = 0; i < d->n; i++)
        s += qt[i].w * qt[i].w;
    *norm = sqrt(s);
    rc = 0;
cleanup:
    free(qt);
    return rc;
}

/* ---- recomputing the norms ---- */

/* Add (tf * idf)^2 of one posting list (k postings, `in` of them in the
 * sample) to the squared norms. */
static void add_group(struct idmap *norm2, const struct corpus *c,
                      const long long *ids, const int *tfs, size_t k,
                      long long in)
{
    double idf = textsim_idf(c->n, (long long)k), w, *v;
    size_t i;

    if (k == 0 || textsim_skipped(c->n, in, c->of))
        return;
    for (i = 0; i < k; i++) {
        w = tfs[i] * idf;
        v = idmap_at(norm2, ids[i], 1);
        if (v)
            *v += w * w;
    }
}

/* Recompute all norms inside the caller's transaction: one pass over the
 * index in term order (a posting list at a time, so df is known when its
 * postings are added), then one pass over the (id, norm) index writing
 * only the norms that changed. */
static int reindex_tx(sqlite3 *db)
{
    sqlite3_stmt *st = NULL, *up = NULL;
    struct idmap norm2 = { 0 };
    struct corpus c;
    long long *ids = NULL, in = 0, id;
    int *tfs = NULL, rc = -1, step;
    size_t k = 0, cap = 0;
    char cur[TEXTSIM_TERM_MAX + 1] = "";
    const char *term;
    double *v, now;

    if (corpus_load(db, &c) != 0 ||
        idmap_init(&norm2, (size_t)c.n, c.maxid) != 0)
        goto cleanup;
    cap = (size_t)c.n + 1;
    ids = malloc(cap * sizeof *ids);
    tfs = malloc(cap * sizeof *tfs);
    st = store_prepare(db, "SELECT term, initiative_id, tf FROM "
                           "initiative_term ORDER BY term");
    if (ids == NULL || tfs == NULL || st == NULL)
        goto cleanup;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        term = store_col(st, 0);
        if (strlen(term) > TEXTSIM_TERM_MAX)
            continue;                 /* not a term textsim makes */
        if (strcmp(term, cur) != 0) {
            add_group(&norm2, &c, ids, tfs, k, in);
            k = 0;
            in = 0;
            snprintf(cur, sizeof cur, "%s", term);
        }
        if (k < cap) {                /* df <= n unless the store lies */
            ids[k] = sqlite3_column_int64(st, 1);
            tfs[k++] = sqlite3_column_int(st, 2);
            in += ids[k - 1] > c.after;
        }
    }
    if (step != SQLITE_DONE)
        goto cleanup;
    add_group(&norm2, &c, ids, tfs, k, in);
    sqlite3_finalize(st);
    st = store_prepare(db, "SELECT id, norm FROM initiative INDEXED BY "
                           "initiative_norm");
    up = store_prepare(db, "UPDATE initiative SET norm = ?1 WHERE id = ?2");
    if (st == NULL || up == NULL)
        goto cleanup;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        v = idmap_at(&norm2, id, 0);
        now = v ? sqrt(*v) : 0.0;
        if (sqlite3_column_type(st, 1) != SQLITE_NULL &&
            fabs(sqlite3_column_double(st, 1) - now) <= 1e-12 * (1.0 + now))
            continue;
        sqlite3_reset(up);
        sqlite3_bind_double(up, 1, now);
        sqlite3_bind_int64(up, 2, id);
        if (sqlite3_step(up) != SQLITE_DONE)
            goto cleanup;
    }
    rc = step == SQLITE_DONE ? 0 : -1;
cleanup:
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    idmap_free(&norm2);
    free(ids);
    free(tfs);
    return rc;
}

int initiative_reindex(sqlite3 *db)
{
    if (store_begin(db) != 0)
        return -1;
    if (reindex_tx(db) != 0 || store_commit(db) != 0) {
        store_rollback(db);
        return -1;
    }
    return 0;
}

/* ---- storing ---- */

/* The terms of an initiative: title double, theme and description once.
 * 0, or -1 when memory ran out. */
static int build_doc(struct textsim_doc *d, const char *title,
                     const char *theme, const char *description)
{
    if (textsim_doc_add(d, title, TEXTSIM_TITLE_WEIGHT) != 0 ||
        textsim_doc_add(d, theme, 1) != 0 ||
        textsim_doc_add(d, description, 1) != 0)
        return -1;
    return 0;
}

/* 0 when the pillar exists; else f names the pillars there are. */
static int check_pillar(sqlite3 *db, const char *code, struct fault *f)
{
    json_t *all;
    char list[200] = "";
    size_t i, l;

    if (store_count(db, "SELECT count(*) FROM pillar WHERE code = ?", code)
            == 1)
        return 0;
    all = sqljson_rows(db, "SELECT code FROM pillar ORDER BY nr", NULL);
    for (i = 0; i < json_array_size(all); i++) {
        l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "",
                 sqljson_str(json_array_get(all, i), "code"));
    }
    json_decref(all);
    fault_set(f, FAULT_INVALID, "Pijler \"%s\" bestaat niet; kies een van "
              "deze pijlers: %s.", code, list[0] ? list : "(geen)");
    return -1;
}

static int check_region(sqlite3 *db, const char *code, struct fault *f)
{
    if (store_count(db, "SELECT count(*) FROM region WHERE code = ?", code)
            == 1)
        return 0;
    fault_set(f, FAULT_INVALID, "Regio \"%s\" bestaat niet; kies een regio "
              "uit de lijst (bijvoorbeeld NL01 of een provinciecode PVxx).",
              code);
    return -1;
}

/* Insert the rows of initiative id's terms. */
static int insert_terms(sqlite3 *db, long long id,
                        const struct textsim_doc *d)
{
    sqlite3_stmt *st = store_prepare(db, "INSERT INTO initiative_term("
                                         "initiative_id, term, tf) VALUES "
                                         "(?1, ?2, ?3)");
    size_t i;

    if (st == NULL)
        return -1;
    for (i = 0; i < d->n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, d->terms[i].term, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, d->terms[i].tf);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return -1;
        }
    }
    sqlite3_finalize(st);
    return 0;
}

/* 1 when n is a power of two. */
static int power_of_two(long long n)
{
    return n > 0 && (n & (n - 1)) == 0;
}

/* Check the permission (a refusal is audited), validate, then store the
 * row, its terms and its norm - and all norms when a reindex is due -
 * with the audit entry in one transaction. */
long long initiative_create(sqlite3 *db, const struct actor *who, json_t *in,
                            struct fault *f)
{
    struct textsim_doc d = { 0 };
    const char *region, *pillar, *theme, *title, *descr, *contact;
    long long id = -1, n;
    double norm = 0.0;
    char idtxt[32], detail[300];
    sqlite3_stmt *st;
    int in_tx = 0;

    if (!perm_allowed(who->role, who->scope, ACT_INITIATIEF_BEHEREN, NULL)) {
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen regionale "
                  "initiatieven vastleggen.", perm_role_label(who->role));
        audit_write(db, who, "initiatief.vastleggen", "initiatief", "nieuw",
                    "geweigerd", f->msg);
        return -1;
    }
    if (input_check(in, create_fields, 0, f) != 0)
        return -1;
    region = input_str(in, "regio");
    pillar = input_str(in, "pijler");
    theme = input_str(in, "thema") ? input_str(in, "thema") : "";
    title = input_str(in, "titel");
    descr = input_str(in, "omschrijving");
    contact = input_str(in, "contact") ? input_str(in, "contact") : "";
    if (!domain_has_text(title)) {
        fault_set(f, FAULT_INVALID, "Titel is verplicht.");
        return -1;
    }
    if (!domain_has_text(descr)) {
        fault_set(f, FAULT_INVALID, "Omschrijving is verplicht.");
        return -1;
    }
    if (pillar && pillar[0] == '\0')
        pillar = NULL;
    if (check_region(db, region, f) != 0 ||
        (pillar && check_pillar(db, pillar, f) != 0))
        return -1;
    if (build_doc(&d, title, theme, descr) != 0) {
        fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
        goto cleanup;
    }
    if (store_begin(db) != 0) {
        fault_set(f, FAULT_STORE, "De store is bezet; probeer het opnieuw.");
        goto cleanup;
    }
    in_tx = 1;
    st = store_prepare(db, "INSERT INTO initiative(region_code, pillar_code, "
                           "theme, title, description, contact) VALUES "
                           "(?,?,?,?,?,?)");
    store_bind_text(st, 1, region);
    store_bind_text(st, 2, pillar);
    store_bind_text(st, 3, theme);
    store_bind_text(st, 4, title);
    store_bind_text(st, 5, descr);
    store_bind_text(st, 6, contact);
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    id = sqlite3_last_insert_rowid(db);
    if (insert_terms(db, id, &d) != 0 || doc_norm(db, &d, &norm) != 0)
        goto store_fail;
    st = store_prepare(db, "UPDATE initiative SET norm = ? WHERE id = ?");
    if (st)
        sqlite3_bind_double(st, 1, norm);
    store_bind_int(st, 2, id);
    if (store_exec_stmt(st) != 0)
        goto store_fail;
    n = store_count(db, "SELECT count(*) FROM initiative", NULL);
    if ((n <= INITIATIVE_REINDEX_ALWAYS || power_of_two(n)) &&
        reindex_tx(db) != 0)
        goto store_fail;
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    snprintf(detail, sizeof detail, "%s: %s", region, title);
    if (audit_write(db, who, "initiatief.vastleggen", "initiatief", idtxt,
                    "gelukt", detail) != 0 || store_commit(db) != 0)
        goto store_fail;
    goto cleanup;
store_fail:
    fault_set(f, FAULT_STORE, "Opslaan is mislukt.");
    if (in_tx)
        store_rollback(db);
    id = -1;
cleanup:
    textsim_doc_free(&d);
    return id;
}

/* ---- reading ---- */

json_t *initiative_get(sqlite3 *db, long long id)
{
    return sqljson_row(db, SELECT_SUMMARY ", i.description AS omschrijving,"
                       " i.contact, i.created_at AS aangemaakt" FROM_SUMMARY
                       " WHERE i.id = ?", "i", id);
}

json_t *initiative_regions(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT code, name AS naam, kind AS soort FROM region WHERE kind "
        "<> 'gemeente' ORDER BY "
        "CASE kind WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 WHEN "
        "'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 ELSE 4 END, "
        "code", NULL);
}

/* Count the matches, then read one page: the page's ids from an index
 * alone, then only those rows. */
json_t *initiative_list(sqlite3 *db, const struct initiative_filter *flt,
                        long page, long size, long long *total,
                        struct fault *f)
{
    const char *regio = flt && flt->regio && flt->regio[0] ? flt->regio
                                                            : NULL;
    const char *pijler = flt && flt->pijler && flt->pijler[0] ? flt->pijler
                                                               : NULL;
    const char *thema = flt && flt->thema && flt->thema[0] ? flt->thema
                                                            : NULL;
    char where[200], sql[1200];
    sqlite3_stmt *st;
    json_t *rows;

    *total = 0;
    if ((regio && check_region(db, regio, f) != 0) ||
        (pijler && check_pillar(db, pijler, f) != 0))
        return NULL;
    /* WHERE from fixed fragments with fixed parameter numbers, so each
     * filter can use its index; the values are bound, never pasted */
    snprintf(where, sizeof where, "1%s%s%s",
             regio ? " AND region_code = ?1" : "",
             pijler ? " AND pillar_code = ?2" : "",
             thema ? " AND theme = ?3 COLLATE NOCASE" : "");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM initiative WHERE %s",
             where);
    st = store_prepare(db, sql);
    if (st == NULL)
        goto fail;
    if (regio)
        sqlite3_bind_text(st, 1, regio, -1, SQLITE_STATIC);
    if (pijler)
        sqlite3_bind_text(st, 2, pijler, -1, SQLITE_STATIC);
    if (thema)
        sqlite3_bind_text(st, 3, thema, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        goto fail;
    }
    *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* the ids of the page come from an index alone, then only those rows
     * are read (a deep OFFSET never walks the texts) */
    snprintf(sql, sizeof sql, SELECT_SUMMARY ", i.contact, i.created_at AS "
             "aangemaakt" FROM_SUMMARY " WHERE i.id IN (SELECT id FROM "
             "initiative WHERE %s ORDER BY id DESC LIMIT ?4 OFFSET ?5) "
             "ORDER BY i.id DESC", where);
    rows = sqljson_rows(db, sql, "sssii", regio, pijler, thema,
                        (long long)size, (long long)(page - 1) * size);
    if (rows != NULL)
        return rows;
fail:
    fault_set(f, FAULT_STORE, "De initiatieven konden niet worden gelezen.");
    return NULL;
}

/* ---- similarity ---- */

struct hit {
    long long id;
    double score;
    double norm;
};

/* Keep the best `limit` hits in h[0..*n), best first; ties go to the
 * older initiative (lower id), so the order is stable. */
static void hit_add(struct hit *h, int limit, int *n, long long id,
                    double score, double norm)
{
    int i = *n < limit ? *n : limit - 1;

    if (*n == limit && !(score > h[i].score ||
                         (score == h[i].score && id < h[i].id)))
        return;
    while (i > 0 && (score > h[i - 1].score ||
                     (score == h[i - 1].score && id < h[i - 1].id))) {
        h[i] = h[i - 1];
        i--;
    }
    h[i].id = id;
    h[i].score = score;
    h[i].norm = norm;
    if (*n < limit)
        (*n)++;
}

/* Rarest first (by postings in the sample); ties by term, so the order
 * does not depend on qsort. */
static int by_rarity(const void *a, const void *b)
{
    const struct qterm *x = *(const struct qterm *const *)a;
    const struct qterm *y = *(const struct qterm *const *)b;

    if (x->in != y->in)
        return x->in < y->in ? -1 : 1;
    return strcmp(x->t->term, y->t->term);
}

static double round4(double x)
{
    return round(x * 10000.0) / 10000.0;
}

/* The "waarom" of one hit: the shared terms with the largest parts. */
static json_t *why_json(sqlite3 *db, struct qterm *const *use, size_t nuse,
                        const struct hit *h, double qnorm)
{
    struct textsim_why why[INITIATIVE_WHY_MAX];
    sqlite3_stmt *st = store_prepare(db, "SELECT tf FROM initiative_term "
                                         "WHERE term = ?1 AND "
                                         "initiative_id = ?2");
    json_t *arr = json_array();
    size_t i, nw = 0;
    double part;

    if (st == NULL || arr == NULL) {
        sqlite3_finalize(st);
        json_decref(arr);
        return NULL;
    }
    for (i = 0; i < nuse; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, use[i]->t->term, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, h->id);
        if (sqlite3_step(st) != SQLITE_ROW)
            continue;
        part = use[i]->w * sqlite3_column_int(st, 0) * use[i]->idf /
               (qnorm * h->norm);
        textsim_why_add(why, INITIATIVE_WHY_MAX, &nw, use[i]->t->term,
                        use[i]->t->word, part);
    }
    sqlite3_finalize(st);
    for (i = 0; i < nw; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:f}",
                                              "term", why[i].term,
                                              "woord", why[i].word,
                                              "bijdrage",
                                              round4(why[i].part)));
    return arr;
}

/* The hits as JSON, each with its summary, score and explanation. */
static json_t *hits_json(sqlite3 *db, const struct hit *h, int nh,
                         struct qterm *const *use, size_t nuse, double qnorm)
{
    json_t *out = json_array(), *row, *why;
    int i;

    for (i = 0; out && i < nh; i++) {
        row = sqljson_row(db, SELECT_SUMMARY FROM_SUMMARY " WHERE i.id = ?",
                          "i", h[i].id);
        why = why_json(db, use, nuse, &h[i], qnorm);
        if (row == NULL || why == NULL) {
            json_decref(row);
            json_decref(why);
            json_decref(out);
            return NULL;
        }
        json_object_set_new(row, "score", json_real(round4(h[i].score)));
        json_object_set_new(row, "waarom", why);
        json_array_append_new(out, row);
    }
    return out;
}

/* What one similarity computation works with. */
struct sim {
    sqlite3 *db;
    struct corpus c;
    long long n;               /* N, + 1 for free text */
    int extra;                 /* 1 for free text: its own df count */
    long long self;            /* initiative to leave out, 0: none */
    const char *skip_region;   /* region to leave out, NULL: none */
    struct qterm *qt;
    struct qterm **use;        /* the terms read, rarest first */
    size_t nuse;
    double qnorm;
    struct idmap acc;          /* dot products */
    size_t ncand;
    long long lo, hi;          /* smallest and largest candidate id */
    struct hit hits[INITIATIVE_SIMILAR_MAX];
    int nh;
    int limit;
};

/* Read the postings of term into ids/tfs (room for max + 1), at most
 * `limit` of them; *k is how many. 0 or -1 on a store error. */
static int read_postings(sqlite3_stmt *st, const char *term, long long limit,
                         long long max, long long *ids, int *tfs,
                         long long *k)
{
    int rc;

    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, limit);
    *k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *k <= max) {
        ids[*k] = sqlite3_column_int64(st, 0);
        tfs[*k] = sqlite3_column_int(st, 1);
        (*k)++;
    }
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Add one term's part w(q,t) * idf(t) * tf(d,t) to the dot products. */
static void add_postings(struct sim *s, double c, const long long *ids,
                         const int *tfs, long long k)
{
    long long j, id;
    double *v;

    for (j = 0; j < k; j++) {
        id = ids[j];
        if (id == s->self)
            continue;
        v = idmap_at(&s->acc, id, 1);
        if (v == NULL)
            continue;
        if (*v == 0.0) {
            s->ncand++;
            s->lo = (s->lo == 0 || id < s->lo) ? id : s->lo;
            s->hi = id > s->hi ? id : s->hi;
        }
        *v += c * tfs[j];
    }
}

/* Read the posting lists of the query's terms, rarest first, within the
 * postings budget, and add each term's part to the dot products. A
 * list is read once: its length is df, which gives the idf. */
static int accumulate(struct sim *s)
{
    long long budget = INITIATIVE_POSTINGS_MAX, read = 0, k, most, room;
    sqlite3_stmt *st = NULL;
    long long *ids = NULL;
    int *tfs = NULL, rc = -1;
    double qn2 = 0.0;
    struct qterm *t;
    size_t i;

    most = s->c.n < budget ? s->c.n : budget;
    ids = malloc((size_t)(most + 1) * sizeof *ids);
    tfs = malloc((size_t)(most + 1) * sizeof *tfs);
    st = store_prepare(s->db, "SELECT initiative_id, tf FROM "
                              "initiative_term WHERE term = ?1 LIMIT ?2");
    if (ids == NULL || tfs == NULL || st == NULL ||
        idmap_init(&s->acc, (size_t)most, s->c.maxid) != 0)
        goto cleanup;
    for (i = 0; i < s->nuse; i++) {
        t = s->use[i];
        room = budget - read < most ? budget - read : most;
        if (read_postings(st, t->t->term, room + 1, most, ids, tfs, &k) != 0)
            goto cleanup;
        if (k > room) {
            log_info("similarity: %zu terms of a long query left out "
                     "(postings budget %lld)", s->nuse - i, budget);
            break;
        }
        read += k;
        t->df = k;
        t->idf = textsim_idf(s->n, k + s->extra);
        t->w = t->t->tf * t->idf;
        qn2 += t->w * t->w;
        add_postings(s, t->w * t->idf, ids, tfs, k);
    }
    s->nuse = i;
    s->qnorm = sqrt(qn2);
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    free(ids);
    free(tfs);
    return rc;
}

/* Score the candidates with ids lo..hi (st: id, norm, region_code of
 * that range) and keep the best. A candidate without a stored norm (one
 * written by hand) is left out until the next reindex. 0 or -1. */
static int score_range(struct sim *s, sqlite3_stmt *st, long long lo,
                       long long hi)
{
    double *v, norm, score;
    long long id;
    int rc;

    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, lo);
    sqlite3_bind_int64(st, 2, hi);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        v = idmap_at(&s->acc, id, 0);
        norm = sqlite3_column_double(st, 1);
        if (v == NULL || *v <= 0.0 || !(norm > 0.0) ||
            (s->skip_region &&
             strcmp(store_col(st, 2), s->skip_region) == 0))
            continue;
        score = *v / (s->qnorm * norm);
        if (score > 1.0)
            score = 1.0;
        if (score >= INITIATIVE_MIN_SCORE)
            hit_add(s->hits, s->limit, &s->nh, id, score, norm);
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Divide by the stored norms: one range scan of the covering index
 * initiative_norm over the candidates, or a lookup per candidate when
 * they are few and far apart. */
static int normalise(struct sim *s)
{
    sqlite3_stmt *st = store_prepare(s->db,
        "SELECT id, norm, region_code FROM initiative INDEXED BY "
        "initiative_norm WHERE id BETWEEN ?1 AND ?2");
    size_t pos = 0;
    long long id;
    double v;
    int rc = 0;

    if (st == NULL)
        return -1;
    if (s->ncand == 0 || !(s->qnorm > 0.0)) {
        rc = 0;
    } else if ((long long)s->ncand * 8 >= s->hi - s->lo + 1) {
        rc = score_range(s, st, s->lo, s->hi);
    } else {
        for (;;) {
            id = idmap_next(&s->acc, &pos, &v);
            if (id == 0 || rc != 0)
                break;
            rc = score_range(s, st, id, id);
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Score every initiative that shares a term with q (see initiative.h),
 * inside one read transaction so all counts see the same register:
 * extra is 1 for free text (one more document), self an id to leave out
 * (0: none), skip_region a region to leave out (NULL: none). */
static json_t *similar(sqlite3 *db, const struct textsim_doc *q, int extra,
                       long long self, const char *skip_region, int limit,
                       struct fault *f)
{
    struct sim s;
    json_t *out = NULL;
    int snapshot = sqlite3_get_autocommit(db);
    size_t i;

    memset(&s, 0, sizeof s);
    s.db = db;
    s.extra = extra;
    s.self = self;
    s.skip_region = skip_region;
    s.limit = limit;
    if (snapshot && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    if (corpus_load(db, &s.c) != 0)
        goto fail;
    s.n = s.c.n + extra;
    s.qt = calloc(q->n + 1, sizeof *s.qt);
    s.use = calloc(q->n + 1, sizeof *s.use);
    if (s.qt == NULL || s.use == NULL ||
        term_stats(db, q, &s.c, s.n, 0, s.qt) != 0)
        goto fail;
    for (i = 0; i < q->n; i++)
        if (!s.qt[i].skip)
            s.use[s.nuse++] = &s.qt[i];
    qsort(s.use, s.nuse, sizeof *s.use, by_rarity);
    if (accumulate(&s) != 0 || normalise(&s) != 0)
        goto fail;
    out = hits_json(db, s.hits, s.nh, s.use, s.nuse, s.qnorm);
    if (out == NULL)
        goto fail;
    goto cleanup;
fail:
    fault_set(f, FAULT_STORE, "De vergelijking is mislukt.");
cleanup:
    if (snapshot && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    idmap_free(&s.acc);
    free(s.qt);
    free(s.use);
    return out;
}

json_t *initiative_similar(sqlite3 *db, long long id, const char *text,
                           int limit, int other_regions, struct fault *f)
{
    struct textsim_doc q = { 0 };
    json_t *row = NULL, *out = NULL;
    char region[64];

    if (limit < 1 || limit > INITIATIVE_SIMILAR_MAX) {
        fault_set(f, FAULT_INVALID, "Het aantal vergelijkbare initiatieven "
                  "is 1 tot en met %d.", INITIATIVE_SIMILAR_MAX);
        return NULL;
    }
    if (id > 0) {
        row = sqljson_row(db, "SELECT region_code AS regio, title AS titel, "
                          "theme AS thema, description AS omschrijving FROM "
                          "initiative WHERE id = ?", "i", id);
        if (row == NULL) {
            fault_set(f, FAULT_NOTFOUND, "Initiatief %lld bestaat niet.",
                      id);
            return NULL;
        }
        snprintf(region, sizeof region, "%s", sqljson_str(row, "regio"));
        if (build_doc(&q, sqljson_str(row, "titel"), sqljson_str(row,
                      "thema"), sqljson_str(row, "omschrijving")) == 0)
            out = similar(db, &q, 0, id, other_regions ? region : NULL,
                          limit, f);
        else
            fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
    } else if (text == NULL || !domain_has_text(text)) {
        fault_set(f, FAULT_INVALID, "Geef een tekst om mee te vergelijken.");
    } else if (!text_clean(text, 1)) {
        fault_set(f, FAULT_INVALID, "De tekst bevat ongeldige tekens.");
    } else if (text_utf8_len(text) > INITIATIVE_TEXT_MAX) {
        fault_set(f, FAULT_INVALID, "De tekst mag hoogstens %d tekens lang "
                  "zijn.", INITIATIVE_TEXT_MAX);
    } else if (textsim_doc_add(&q, text, 1) != 0) {
        fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
    } else {
        out = similar(db, &q, 1, 0, NULL, limit, f);
    }
    json_decref(row);
    textsim_doc_free(&q);
    return out;
}
