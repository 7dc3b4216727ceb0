/* impregion.c - reading the region files: a CBS region code list and a
 * region hierarchy (see impregion.h). */
#include "impregion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "grow.h"
#include "store.h"
#include "text.h"

/* "dd-mm-yyyy" after `label` in text, as ISO into out; 0 none, 1 found,
 * -1 malformed. */
static int desc_date(const char *text, const char *label, char out[11])
{
    const char *p = strstr(text, label);
    int d, m, y;

    if (p == NULL)
        return 0;
    p += strlen(label);
    if (sscanf(p, "%2d-%2d-%4d", &d, &m, &y) != 3 ||
        strlen(p) < 10 || p[2] != '-' || p[5] != '-')
        return -1;
    if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* Drop CBS's disambiguating suffixes from a name. */
static void clean_name(char *s)
{
    static const char *const suffix[] = { " (gemeente)", " (PV)", NULL };
    size_t n = strlen(s), i;

    for (i = 0; suffix[i]; i++) {
        size_t k = strlen(suffix[i]);

        if (n > k && strcmp(s + n - k, suffix[i]) == 0) {
            s[n - k] = '\0';
            return;
        }
    }
}

int impregion_read_codes(struct imp *x, struct csv *c)
{
    struct mapping *m = x->map;
    struct smap seen = { 0 };
    int ci = csvhead_col(&x->hdr, mapping_str(m->cols, "code"));
    int ni = csvhead_col(&x->hdr, mapping_str(m->cols, "naam"));
    int di = csvhead_col(&x->hdr, mapping_str(m->cols, "omschrijving"));
    sqlite3_stmt *get = NULL;
    int rc = -1;

    if (ci < 0 || ni < 0 || di < 0) {
        imp_error(x, "regel 1: de kopregel mist een van de kolommen %s, %s, "
                  "%s", mapping_str(m->cols, "code"),
                  mapping_str(m->cols, "naam"),
                  mapping_str(m->cols, "omschrijving"));
        return -1;
    }
    get = store_prepare(x->db, "SELECT name, kind, coalesce(started, ''), "
                               "coalesce(ended, '') FROM region WHERE code "
                               "= ?");
    if (get == NULL)
        return imp_store_fail(x, "het lezen van de regio's");
    while (imp_next_record(x, c, x->hdr.n)) {
        long long line = csv_line(c);
        char code[32], name[160], started[11] = "", ended[11] = "";
        const char *desc, *kind, *what;
        char pfx[3];
        size_t len, i;
        uint32_t prev;
        int kd, ok = 1;
        sqlite3_stmt *w;

        field_copy(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci),
                   code, sizeof code);
        len = strlen(code);
        for (i = 2; i < len; i++)
            if (code[i] < '0' || code[i] > '9')
                ok = 0;
        if (len < 4 || len > 8 || !ok || code[0] < 'A' || code[0] > 'Z' ||
            code[1] < 'A' || code[1] > 'Z') {
            imp_error(x, "regel %lld, kolom %s: '%s' is geen CBS-regiocode",
                      line, x->hdr.name[ci], code);
            continue;
        }
        memcpy(pfx, code, 2);
        pfx[2] = '\0';
        kind = mapping_str(m->kinds, pfx);
        if (kind == NULL) {
            imp_skip(x, "regio's van een soort die Koers niet bijhoudt", 1);
            continue;
        }
        kd = impcat_rk_parse(kind);
        if (smap_get(&seen, code, len, &prev)) {
            imp_error(x, "regel %lld en regel %u: regiocode %s staat twee "
                      "keer in het bestand", (long long)prev, (unsigned)line,
                      code);
            continue;
        }
        if (smap_put(&seen, code, len, (uint32_t)line) != 0) {
            imp_oom(x);
            goto done;
        }
        field_copy(csv_field(c, (size_t)ni), csv_field_len(c, (size_t)ni),
                   name, sizeof name);
        clean_name(name);
        if (name[0] == '\0' || !text_clean(name, 0)) {
            imp_error(x, "regel %lld, kolom %s: regio %s heeft geen geldige "
                      "naam", line, x->hdr.name[ni], code);
            continue;
        }
        desc = csv_field(c, (size_t)di);
        if (desc_date(desc, "Ontstaan per ", started) < 0 ||
            desc_date(desc, "Opgeheven per ", ended) < 0) {
            imp_error(x, "regel %lld, kolom %s: onleesbare datum (verwacht "
                      "dd-mm-jjjj)", line, x->hdr.name[di]);
            continue;
        }
        if (started[0] == '\0' &&
            desc_date(desc, "Begindatum ", started) < 0)
            started[0] = '\0';
        store_bind_text(get, 1, code);
        if (sqlite3_step(get) == SQLITE_ROW) {
            int same_kind = impcat_rk_parse(store_col(get, 1)) == kd;
            int same_all = strcmp(store_col(get, 0), name) == 0 &&
                           strcmp(store_col(get, 2), started) == 0 &&
                           strcmp(store_col(get, 3), ended) == 0;

            sqlite3_reset(get);
            if (!same_kind) {
                imp_error(x, "regel %lld, kolom %s: %s bestaat al als regio "
                          "van een andere soort", line, x->hdr.name[ci],
                          code);
                continue;
            }
            if (kd != RK_GEMEENTE || same_all) {
                x->s->unchanged++;
                continue;
            }
            /* a gemeente's name or dates changed (same code, same kind) */
            w = store_prepare(x->db,
                "UPDATE region SET name = ?2, started = nullif(?4, ''), "
                "ended = nullif(?5, '') WHERE code = ?1 AND kind = ?3");
            what = "een regio";
            x->s->updated++;
        } else {
            sqlite3_reset(get);
            w = store_prepare(x->db,
                "INSERT INTO region(code, name, kind, started, ended) VALUES "
                "(?1,?2,?3,nullif(?4, ''),nullif(?5, ''))");
            what = "een nieuwe regio";
            x->s->imported++;
        }
        store_bind_text(w, 1, code);
        store_bind_text(w, 2, name);
        store_bind_text(w, 3, kind);
        store_bind_text(w, 4, started);
        store_bind_text(w, 5, ended);
        if (store_exec_stmt(w) != 0) {
            imp_store_fail(x, what);
            goto done;
        }
        x->regions_changed = 1;
    }
    imp_progress(x, c);
    rc = x->f->kind ? -1 : 0;
done:
    smap_free(&seen);
    sqlite3_finalize(get);
    return rc;
}

/* A link of a hierarchy file, by region code. */
struct ilink {
    char child[16], parent[16];
    int from, to;
    long long line;
};

static int ilink_cmp(const void *a, const void *b)
{
    const struct ilink *p = a, *q = b;
    int c = strcmp(p->child, q->child);

    if (c)
        return c;
    return p->from - q->from;
}

/* Parse a year 1900-9999 from a field. */
static int record_year(struct csv *c, int ci)
{
    char buf[16], *end;
    long y;

    field_copy(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci), buf,
               sizeof buf);
    y = strtol(buf, &end, 10);
    if (buf[0] == '\0' || *end != '\0' || y < 1900 || y > 9999)
        return -1;
    return (int)y;
}

int impregion_read_links(struct imp *x, struct csv *c)
{
    struct impcat *cat = &x->cat;
    int gi = csvhead_col(&x->hdr, "gemeente");
    int pi = csvhead_col(&x->hdr, "provincie");
    int ai = csvhead_col(&x->hdr, "arbeidsmarktregio");
    int fi = csvhead_col(&x->hdr, "jaar_van");
    int ti = csvhead_col(&x->hdr, "jaar_tot");
    int parent_kind = pi >= 0 ? RK_PROVINCIE : RK_AM, xi = pi >= 0 ? pi : ai;
    struct ilink *ls = NULL;
    size_t n = 0, cap = 0, i, a;
    sqlite3_stmt *q = NULL, *del = NULL, *ins = NULL;
    int rc = -1;

    if (gi < 0 || fi < 0 || ti < 0 || (pi >= 0) == (ai >= 0)) {
        imp_error(x, "regel 1: de kopregel is gemeente,provincie,jaar_van,"
                  "jaar_tot of gemeente,arbeidsmarktregio,jaar_van,jaar_tot");
        return -1;
    }
    while (imp_next_record(x, c, x->hdr.n)) {
        long long line = csv_line(c);
        char g[32], p[128];
        uint32_t gp, pp;
        struct ilink *l;

        field_copy(csv_field(c, (size_t)gi), csv_field_len(c, (size_t)gi), g,
                   sizeof g);
        if (!smap_get(&cat->reg_map, g, strlen(g), &gp) ||
            cat->reg[gp].kind != RK_GEMEENTE) {
            imp_error(x, "regel %lld, kolom gemeente: onbekende gemeente "
                      "'%s' (importeer eerst de regiocodes)", line, g);
            continue;
        }
        field_copy(csv_field(c, (size_t)xi), csv_field_len(c, (size_t)xi), p,
                   sizeof p);
        if (!smap_get(&cat->reg_map, p, strlen(p), &pp) ||
            cat->reg[pp].kind != parent_kind) {
            if (parent_kind != RK_PROVINCIE ||
                !impcat_province(cat, p, &pp)) {
                imp_error(x, "regel %lld, kolom %s: onbekende %s '%s'", line,
                          x->hdr.name[xi], impcat_rk_codes[parent_kind], p);
                continue;
            }
        }
        if (grow_array((void **)&ls, &cap, n + 1, sizeof *ls) != 0) {
            free(ls);
            return imp_oom(x);
        }
        l = &ls[n];
        snprintf(l->child, sizeof l->child, "%s", cat->reg[gp].code);
        snprintf(l->parent, sizeof l->parent, "%s", cat->reg[pp].code);
        l->from = record_year(c, fi);
        l->to = record_year(c, ti);
        l->line = line;
        if (l->from < 0 || l->to < 0 || l->to < l->from) {
            imp_error(x, "regel %lld: jaar_van en jaar_tot zijn jaren van "
                      "1900 tot en met 9999, jaar_van niet na jaar_tot",
                      line);
            continue;
        }
        n++;
    }
    imp_progress(x, c);
    if (x->s->nerrors)
        goto done;
    qsort(ls, n, sizeof *ls, ilink_cmp);
    for (i = 1; i < n; i++)
        if (strcmp(ls[i].child, ls[i - 1].child) == 0 &&
            ls[i].from <= ls[i - 1].to)
            imp_error(x, "regel %lld en regel %lld: de jaren van gemeente %s "
                      "overlappen", ls[i - 1].line, ls[i].line, ls[i].child);
    if (x->s->nerrors)
        goto done;
    q = store_prepare(x->db,
        "SELECT l.parent, l.year_from, l.year_to FROM region_link l JOIN "
        "region p ON p.code = l.parent WHERE l.child = ? AND p.kind = ? "
        "AND l.source <> 'koers' ORDER BY l.year_from");
    del = store_prepare(x->db,
        "DELETE FROM region_link WHERE child = ?1 AND source <> 'koers' AND "
        "parent IN (SELECT code FROM region WHERE kind = ?2)");
    ins = store_prepare(x->db, "INSERT INTO region_link(child, parent, "
                               "year_from, year_to, source) VALUES "
                               "(?,?,?,?,?)");
    if (q == NULL || del == NULL || ins == NULL) {
        imp_store_fail(x, "de regio-indeling");
        goto done;
    }
    for (a = 0; a < n;) {
        size_t b = a, k, nold = 0, same_n = 0;

        while (b < n && strcmp(ls[b].child, ls[a].child) == 0)
            b++;
        store_bind_text(q, 1, ls[a].child);
        store_bind_text(q, 2, impcat_rk_codes[parent_kind]);
        while (sqlite3_step(q) == SQLITE_ROW) {
            nold++;
            for (k = a; k < b; k++)
                if (strcmp(ls[k].parent, store_col(q, 0)) == 0 &&
                    ls[k].from == sqlite3_column_int(q, 1) &&
                    ls[k].to == sqlite3_column_int(q, 2))
                    same_n++;
        }
        sqlite3_reset(q);
        x->s->unchanged += (long long)same_n;
        if (same_n == nold && same_n == b - a) {
            a = b;
            continue;
        }
        x->s->imported += (long long)(b - a - same_n);
        x->s->updated += (long long)(nold - same_n);
        store_bind_text(del, 1, ls[a].child);
        store_bind_text(del, 2, impcat_rk_codes[parent_kind]);
        if (sqlite3_step(del) != SQLITE_DONE) {
            imp_store_fail(x, "de regio-indeling");
            goto done;
        }
        sqlite3_reset(del);
        for (k = a; k < b; k++) {
            store_bind_text(ins, 1, ls[k].child);
            store_bind_text(ins, 2, ls[k].parent);
            store_bind_int(ins, 3, ls[k].from);
            store_bind_int(ins, 4, ls[k].to);
            store_bind_text(ins, 5, x->map->code);
            if (sqlite3_step(ins) != SQLITE_DONE) {
                imp_store_fail(x, "de regio-indeling");
                goto done;
            }
            sqlite3_reset(ins);
        }
        x->s->links_changed += (long long)(b - a);
        x->links_changed = 1;
        a = b;
    }
    rc = 0;
done:
    sqlite3_finalize(q);
    sqlite3_finalize(del);
    sqlite3_finalize(ins);
    free(ls);
    return rc;
}
