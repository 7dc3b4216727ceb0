/* imptable.c - reading a tabel or cbs source (see imptable.h). */
#include "imptable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "grow.h"
#include "store.h"
#include "text.h"

/* Resolve a filter list against the header. */
static int resolve_filters(struct imp *x, json_t *a, struct imp_filter *out,
                           int *n)
{
    size_t i;
    json_t *f;

    *n = 0;
    json_array_foreach(a, i, f) {
        const char *col = mapping_str(f, "kolom");

        out[*n].ci = csvhead_col(&x->hdr, col);
        out[*n].vals = json_object_get(f, "waarden");
        if (out[*n].ci < 0) {
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
            return -1;
        }
        (*n)++;
    }
    return 0;
}

/* Match a column name against the pattern, e.g. "{geslacht}{jaar}"
 * against "VROUW2016": 1 with year and the part's map key. */
static int pattern_match(const char *pat, const char *name, json_t *part,
                         const char *part_dim, int *year,
                         const char **key)
{
    if (*pat == '\0')
        return *name == '\0';
    if (strncmp(pat, "{jaar}", 6) == 0) {
        int i, y = 0;

        for (i = 0; i < 4; i++) {
            if (name[i] < '0' || name[i] > '9')
                return 0;
            y = y * 10 + (name[i] - '0');
        }
        if (!pattern_match(pat + 6, name + 4, part, part_dim, year, key))
            return 0;
        *year = y;
        return 1;
    }
    if (*pat == '{' && part_dim) {
        size_t dl = strlen(part_dim);
        const char *k;
        json_t *v;

        if (strncmp(pat + 1, part_dim, dl) != 0 || pat[dl + 1] != '}')
            return 0;
        json_object_foreach(part, k, v) {
            size_t kl = strlen(k);

            (void)v;
            if (strncmp(name, k, kl) == 0 &&
                pattern_match(pat + dl + 2, name + kl, part, part_dim, year,
                              key)) {
                *key = k;
                return 1;
            }
        }
        return 0;
    }
    return *pat == *name &&
           pattern_match(pat + 1, name + 1, part, part_dim, year, key);
}

/* Check a tabel/cbs mapping against the catalogue and resolve its
 * columns against the header. -1 with errors added (or f set). */
static int resolve_table(struct imp *x)
{
    struct mapping *m = x->map;
    struct impcat *c = &x->cat;
    const char *fixed = mapping_str(m->region, "vast"), *col;
    json_t *reg = json_object_get(m->region, "registreren"), *v;
    uint64_t used = 0;
    size_t i;

    x->reg_ci = x->reg_name_ci = x->prov_ci = x->period_ci = -1;
    if (fixed) {
        uint32_t pos;

        if (!smap_get(&c->reg_map, fixed, strlen(fixed), &pos)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: de vaste regio %s bestaat "
                      "niet.", m->code, fixed);
            return -1;
        }
        x->reg_fixed = pos;
    } else {
        col = mapping_str(m->region, "kolom");
        x->reg_ci = csvhead_col(&x->hdr, col);
        if (x->reg_ci < 0)
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    if (reg) {
        col = mapping_str(reg, "naamKolom");
        x->reg_name_ci = csvhead_col(&x->hdr, col);
        x->reg_kind = impcat_rk_parse(mapping_str(reg, "soort"));
        if (x->reg_name_ci < 0)
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    col = mapping_str(m->region, "provincieKolom");
    if (col) {
        x->prov_ci = csvhead_col(&x->hdr, col);
        if (x->prov_ci < 0)
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
    }
    if (resolve_filters(x, m->filters, x->filt, &x->nfilt) != 0)
        return -1;
    x->nsplit = 0;
    json_array_foreach(m->splits, i, v) {
        struct imp_split *sp = &x->split[x->nsplit];
        const char *item;
        json_t *iv;

        col = mapping_str(v, "kolom");
        sp->ci = csvhead_col(&x->hdr, col);
        sp->dim = impcat_dim_bit(c, mapping_str(v, "dimensie"));
        sp->vals = json_object_get(v, "waarden");
        sp->skip_unknown =
            mapping_str(v, "onbekend") &&
            strcmp(mapping_str(v, "onbekend"), "overslaan") == 0;
        if (sp->dim < 0) {
            fault_set(x->f, FAULT_STORE, "Bron %s: onbekende dimensie %s.",
                      m->code, mapping_str(v, "dimensie"));
            return -1;
        }
        json_object_foreach(sp->vals, item, iv)
            if (!json_is_string(iv) ||
                (json_string_length(iv) > 0 &&
                 !impcat_item_exists(c, sp->dim, json_string_value(iv),
                                     json_string_length(iv)))) {
                fault_set(x->f, FAULT_STORE, "Bron %s: %s is geen waarde "
                          "van dimensie %s.", m->code,
                          json_is_string(iv) ? json_string_value(iv) : item,
                          c->dim[sp->dim]);
                return -1;
            }
        if (sp->ci < 0)
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      col);
        used |= 1ULL << sp->dim;
        x->nsplit++;
    }
    x->nvals = 0;
    if (m->valcols) {
        const char *pat = mapping_str(m->valcols, "patroon");
        json_t *parts = json_object_get(m->valcols, "delen");
        const char *part_dim = NULL, *k;
        json_t *part = NULL;
        int part_bit = -1;

        json_object_foreach(parts, k, v) {
            part_dim = k;
            part = v;
        }
        if (json_object_size(parts) > 1 ||
            (part_dim && (part_bit = impcat_dim_bit(c, part_dim)) < 0)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: waardekolommen.delen noemt "
                      "één dimensie.", m->code);
            return -1;
        }
        if (part_bit >= 0)
            used |= 1ULL << part_bit;
        for (i = 0; i < x->hdr.n; i++) {
            const char *key = NULL;
            struct period p;
            int year = 0;
            long pos;
            json_t *iv;

            if (!pattern_match(pat, x->hdr.name[i], part, part_dim, &year,
                               &key))
                continue;
            iv = key ? json_object_get(part, key) : NULL;
            if (key && json_is_null(iv))
                continue;           /* a column the mapping ignores */
            if (key && (!json_is_string(iv) ||
                        !impcat_item_exists(c, part_bit,
                                            json_string_value(iv),
                                            json_string_length(iv)))) {
                fault_set(x->f, FAULT_STORE, "Bron %s: waardekolommen.delen: "
                          "%s is geen waarde van %s.", m->code, key,
                          part_dim);
                return -1;
            }
            if (period_make((enum period_kind)m->period_kind, year,
                            m->period_month, &p) != 0) {
                imp_error(x, "regel 1, kolom %s: %d is geen geldig jaar",
                          x->hdr.name[i], year);
                continue;
            }
            if (x->nvals == IMP_MAX_VALCOLS) {
                imp_error(x, "regel 1: meer dan %d waardekolommen",
                          IMP_MAX_VALCOLS);
                return -1;
            }
            pos = imp_per_pos(x, &p);
            if (pos < 0)
                return -1;
            x->vals[x->nvals].ci = (int)i;
            x->vals[x->nvals].per = (uint32_t)pos;
            x->vals[x->nvals].year = year;
            x->vals[x->nvals].item = key ? json_string_value(iv) : NULL;
            x->vals[x->nvals].item_dim = key ? part_bit : -1;
            x->nvals++;
        }
        if (x->nvals == 0)
            imp_error(x, "regel 1: geen enkele kolom past bij het patroon "
                      "'%s' van de bron", pat);
    } else {
        x->period_ci = csvhead_col(&x->hdr, m->period_col);
        if (x->period_ci < 0)
            imp_error(x, "regel 1: de kolom '%s' ontbreekt in de kopregel",
                      m->period_col);
    }
    x->nout = 0;
    json_array_foreach(m->outs, i, v) {
        struct imp_out *o = &x->out[x->nout];
        const char *code = mapping_str(v, "indicator");
        uint32_t pos;

        if (!smap_get(&c->ind_map, code, strlen(code), &pos)) {
            fault_set(x->f, FAULT_STORE, "Bron %s: onbekende indicator %s.",
                      m->code, code);
            return -1;
        }
        if (c->ind[pos].ratio) {
            fault_set(x->f, FAULT_STORE, "Bron %s: indicator %s wordt "
                      "berekend (ratio) en kan niet geïmporteerd worden.",
                      m->code, code);
            return -1;
        }
        if ((used & ~c->ind[pos].dims) != 0) {
            fault_set(x->f, FAULT_STORE, "Bron %s: de uitsplitsingen passen "
                      "niet bij de dimensies van indicator %s.", m->code,
                      code);
            return -1;
        }
        if (m->valcols && c->ind[pos].kind != m->period_kind) {
            fault_set(x->f, FAULT_STORE, "Bron %s: indicator %s heeft een "
                      "andere periodesoort (%s) dan de bron.", m->code, code,
                      period_kind_code((enum period_kind)c->ind[pos].kind));
            return -1;
        }
        o->ind = pos;
        o->vci = -1;
        if (m->period_col) {
            o->vci = csvhead_col(&x->hdr, mapping_str(v, "waardekolom"));
            if (o->vci < 0)
                imp_error(x, "regel 1: de kolom '%s' ontbreekt in de "
                          "kopregel", mapping_str(v, "waardekolom"));
        }
        if (resolve_filters(x, json_object_get(v, "filters"), o->f, &o->nf)
                != 0)
            return -1;
        x->nout++;
    }
    return x->s->nerrors ? -1 : 0;
}

/* --- reading a table source --------------------------------------- */

static int in_list(json_t *vals, const char *s, size_t n)
{
    size_t i;
    json_t *v;

    json_array_foreach(vals, i, v)
        if (json_string_length(v) == n &&
            memcmp(json_string_value(v), s, n) == 0)
            return 1;
    return 0;
}

static int filters_pass(struct csv *c, const struct imp_filter *f, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        size_t len;
        const char *t = field_trim(csv_field(c, (size_t)f[i].ci),
                                   csv_field_len(c, (size_t)f[i].ci), &len);

        if (!in_list(f[i].vals, t, len))
            return 0;
    }
    return 1;
}

static int is_missing(const struct mapping *m, const char *t, size_t len)
{
    if (m->missing == NULL)
        return len == 0;
    return in_list(m->missing, t, len);
}

/* Record (gemeente at position child) lies in province `parent` in
 * years from..to, as line says. Conflicts within the file are errors. */
static int link_note(struct imp *x, uint32_t child, uint32_t parent,
                     int from, int to, long long line)
{
    size_t i;

    for (i = 0; i < x->nlinks; i++) {
        struct imp_link *l = &x->links[i];

        if (l->child != child)
            continue;
        if (l->parent != parent) {
            imp_error(x, "regel %lld, kolom %s: gemeente %s ligt volgens "
                      "regel %lld in een andere provincie",
                      line, x->hdr.name[x->prov_ci], x->cat.reg[child].code,
                      l->line);
            return -1;
        }
        if (from < l->from)
            l->from = from;
        if (to > l->to)
            l->to = to;
        return 0;
    }
    if (grow_array((void **)&x->links, &x->caplinks, x->nlinks + 1,
                   sizeof *x->links) != 0)
        return imp_oom(x);
    x->links[x->nlinks].child = child;
    x->links[x->nlinks].parent = parent;
    x->links[x->nlinks].from = from;
    x->links[x->nlinks].to = to;
    x->links[x->nlinks].line = line;
    x->nlinks++;
    return 0;
}

/* The region of the current record; -1 when refused (error added). */
static long table_region(struct imp *x, struct csv *c, long long line)
{
    struct mapping *m = x->map;
    char code[32], name[128];
    const char *prefix = mapping_str(m->region, "prefix");
    size_t len;
    const char *t;
    uint32_t pos;
    long p;

    if (x->reg_ci < 0)
        return (long)x->reg_fixed;
    t = field_trim(csv_field(c, (size_t)x->reg_ci),
                   csv_field_len(c, (size_t)x->reg_ci), &len);
    if (prefix) {
        size_t digits = (size_t)json_integer_value(
                            json_object_get(m->region, "cijfers"));
        size_t i;

        if (digits == 0)
            digits = 4;
        for (i = 0; i < len; i++)
            if (t[i] < '0' || t[i] > '9')
                break;
        if (len == 0 || i < len || len > digits) {
            imp_error(x, "regel %lld, kolom %s: '%.*s' is geen code van "
                      "hoogstens %zu cijfers", line,
                      x->hdr.name[x->reg_ci], (int)(len > 40 ? 40 : len), t,
                      digits);
            return -1;
        }
        snprintf(code, sizeof code, "%s%0*d", prefix, (int)digits,
                 atoi(field_copy(t, len, name, sizeof name)));
    } else {
        if (len == 0 || len >= sizeof code) {
            imp_error(x, "regel %lld, kolom %s: lege of te lange regiocode",
                      line, x->hdr.name[x->reg_ci]);
            return -1;
        }
        memcpy(code, t, len);
        code[len] = '\0';
    }
    if (smap_get(&x->cat.reg_map, code, strlen(code), &pos))
        return (long)pos;
    if (x->reg_name_ci < 0) {
        imp_error(x, "regel %lld, kolom %s: onbekende regio %s (importeer "
                  "eerst de regiocodes, bv. RegioS.csv)", line,
                  x->hdr.name[x->reg_ci], code);
        return -1;
    }
    field_copy(csv_field(c, (size_t)x->reg_name_ci),
               csv_field_len(c, (size_t)x->reg_name_ci), name, sizeof name);
    if (name[0] == '\0' || !text_clean(name, 0)) {
        imp_error(x, "regel %lld, kolom %s: de nieuwe regio %s heeft geen "
                  "(geldige) naam", line, x->hdr.name[x->reg_name_ci], code);
        return -1;
    }
    p = imp_reg_add(x, code, name, x->reg_kind);
    return p;
}

/* The province of the record's gemeente, as a link over the years of
 * the value columns. */
static int table_province(struct imp *x, struct csv *c, long reg,
                          long long line, int year_from, int year_to)
{
    char name[128];
    uint32_t pos;

    if (x->prov_ci < 0 || x->cat.reg[reg].kind != RK_GEMEENTE)
        return 0;
    field_copy(csv_field(c, (size_t)x->prov_ci),
               csv_field_len(c, (size_t)x->prov_ci), name, sizeof name);
    if (!impcat_province(&x->cat, name, &pos)) {
        imp_error(x, "regel %lld, kolom %s: onbekende provincie '%s'", line,
                  x->hdr.name[x->prov_ci], name);
        return -1;
    }
    return link_note(x, (uint32_t)reg, pos, year_from, year_to, line);
}

/* The splits of the record as pairs; 0 ok, 1 skip the record, -1 error. */
static int table_splits(struct imp *x, struct csv *c, long long line,
                        struct impcat_pairs *p)
{
    int i;

    p->n = 0;
    for (i = 0; i < x->nsplit; i++) {
        const struct imp_split *sp = &x->split[i];
        char val[256], reason[96];
        json_t *iv;

        field_copy(csv_field(c, (size_t)sp->ci),
                   csv_field_len(c, (size_t)sp->ci), val, sizeof val);
        iv = json_object_get(sp->vals, val);
        if (iv == NULL) {
            if (sp->skip_unknown) {
                snprintf(reason, sizeof reason, "regels met een andere "
                         "waarde in kolom %s", x->hdr.name[sp->ci]);
                imp_skip(x, reason, 1);
                return 1;
            }
            imp_error(x, "regel %lld, kolom %s: onbekende waarde '%s' (de "
                      "bron kent %zu waarden)", line, x->hdr.name[sp->ci],
                      val, json_object_size(sp->vals));
            return -1;
        }
        if (json_string_length(iv) == 0)
            continue;               /* the total */
        p->dim[p->n] = sp->dim;
        p->item[p->n] = json_string_value(iv);
        p->ilen[p->n] = json_string_length(iv);
        p->n++;
    }
    return 0;
}

/* The period of a CBS record for indicator ind: position, or -2 when it
 * is of another kind (skip), -1 on error. */
static long table_period(struct imp *x, struct csv *c, long long line,
                         uint32_t ind)
{
    struct impcat *cat = &x->cat;
    size_t len;
    const char *t = field_trim(csv_field(c, (size_t)x->period_ci),
                               csv_field_len(c, (size_t)x->period_ci), &len);
    char buf[32];
    long p = imp_period(x, t, len, buf, sizeof buf);

    if (p == -2) {
        imp_error(x, "regel %lld, kolom %s: '%s' is geen periodecode "
                  "(bv. 2016JJ00, 2016HJ01, 2016KW02, 2016MM03, "
                  "2016SJ10)", line, x->hdr.name[x->period_ci], buf);
        return -1;
    }
    if (p < 0)
        return -1;
    if (cat->per[p].kind != cat->ind[ind].kind)
        return -2;
    return p;
}

/* 1 definitief, 0 voorlopig, from the CBS Perioden.csv status of the
 * record's period (definitief when there is no such file). */
static int cbs_status(struct imp *x, struct csv *c)
{
    size_t len;
    const char *t;
    uint32_t v;

    if (!x->have_status || x->period_ci < 0)
        return 1;
    t = field_trim(csv_field(c, (size_t)x->period_ci),
                   csv_field_len(c, (size_t)x->period_ci), &len);
    return smap_get(&x->status, t, len, &v) ? (int)v - 1 : 1;
}

/* Turn one value cell into a row; skips missing values. */
static int table_cell(struct imp *x, struct csv *c, long long line,
                      uint32_t ind, long reg, const struct impcat_pairs *base,
                      int ci, uint32_t per, const char *item, int item_dim,
                      int definitief)
{
    struct impcat_pairs p = *base;
    size_t len;
    const char *t = field_trim(csv_field(c, (size_t)ci),
                               csv_field_len(c, (size_t)ci), &len);
    double v;
    long dp;

    if (is_missing(x->map, t, len)) {
        imp_skip(x, "lege of ontbrekende waarden (cellen)", 1);
        return 0;
    }
    if (field_number(t, len, &v) != 0) {
        imp_error(x, "regel %lld, kolom %s: '%.*s' is geen getal", line,
                  x->hdr.name[ci], (int)(len > 40 ? 40 : len), t);
        return -1;
    }
    if (item) {
        p.dim[p.n] = item_dim;
        p.item[p.n] = item;
        p.ilen[p.n] = strlen(item);
        p.n++;
    }
    dp = imp_disagg(x, &p);
    if (dp == -2)
        imp_error(x, "regel %lld: een dimensie komt twee keer voor in de "
                  "uitsplitsing", line);
    if (dp < 0)
        return -1;
    return imp_push_row(x, IMP_KEY(ind, (uint32_t)reg, (uint32_t)dp, per),
                        v, line, definitief);
}

int imptable_read(struct imp *x, struct csv *c)
{
    int year_from = 9999, year_to = 0, i;

    if (resolve_table(x) != 0)
        return -1;
    for (i = 0; i < x->nvals; i++) {
        if (x->vals[i].year < year_from)
            year_from = x->vals[i].year;
        if (x->vals[i].year > year_to)
            year_to = x->vals[i].year;
    }
    while (imp_next_record(x, c, x->hdr.n)) {
        long long line = csv_line(c);
        struct impcat_pairs p;
        long reg;
        int o, used = 0, sr, pass[MAPPING_MAX_OUTS];

        reg = table_region(x, c, line);
        if (reg < 0)
            continue;
        if (x->nvals && table_province(x, c, reg, line, year_from, year_to)
                != 0)
            continue;
        if (!filters_pass(c, x->filt, x->nfilt)) {
            imp_skip(x, "regels buiten het filter van de bron", 1);
            continue;
        }
        for (o = 0; o < x->nout; o++)
            pass[o] = filters_pass(c, x->out[o].f, x->out[o].nf);
        for (o = 0; o < x->nout; o++)
            used |= pass[o];
        if (!used) {
            imp_skip(x, "regels buiten het filter van de bron", 1);
            continue;
        }
        sr = table_splits(x, c, line, &p);
        if (sr != 0)
            continue;
        for (o = 0; o < x->nout && !x->stop; o++) {
            const struct imp_out *out = &x->out[o];

            if (!pass[o])
                continue;
            if (x->nvals) {
                for (i = 0; i < x->nvals; i++)
                    if (table_cell(x, c, line, out->ind, reg, &p,
                                   x->vals[i].ci, x->vals[i].per,
                                   x->vals[i].item, x->vals[i].item_dim,
                                   1) != 0 && x->f->kind)
                        return -1;
            } else {
                long per = table_period(x, c, line, out->ind);

                if (per == -2) {
                    imp_skip(x, "cellen van een andere periodesoort dan "
                             "de indicator", 1);
                    continue;
                }
                if (per < 0) {
                    if (x->f->kind)
                        return -1;
                    continue;
                }
                if (table_cell(x, c, line, out->ind, reg, &p, out->vci,
                               (uint32_t)per, NULL, -1, cbs_status(x, c))
                        != 0 && x->f->kind)
                    return -1;
            }
        }
        if (x->f->kind)
            return -1;
    }
    imp_progress(x, c);
    return x->f->kind ? -1 : 0;
}

int imptable_apply_links(struct imp *x)
{
    struct impcat *c = &x->cat;
    sqlite3_stmt *q = NULL;
    size_t i;
    int rc = -1;

    q = store_prepare(x->db,
        "SELECT l.parent, l.year_from, l.year_to FROM region_link l JOIN "
        "region p ON p.code = l.parent WHERE l.child = ? AND p.kind = "
        "'provincie'");
    if (q == NULL)
        return imp_store_fail(x, "het lezen van de regio-indeling");
    for (i = 0; i < x->nlinks; i++) {
        const struct imp_link *l = &x->links[i];
        const char *child = c->reg[l->child].code;
        const char *parent = c->reg[l->parent].code;
        int found = 0, from = 0, to = 0;
        sqlite3_stmt *w;

        store_bind_text(q, 1, child);
        while (sqlite3_step(q) == SQLITE_ROW) {
            int f = sqlite3_column_int(q, 1), t = sqlite3_column_int(q, 2);

            if (strcmp(store_col(q, 0), parent) == 0) {
                if (!found && f <= l->to + 1 && t >= l->from - 1) {
                    found = 1;
                    from = f;
                    to = t;
                }
            } else if (f <= l->to && t >= l->from) {
                imp_error(x, "regel %lld, kolom %s: gemeente %s ligt volgens "
                          "Koers in %d-%d in %s; dit bestand noemt een andere "
                          "provincie (importeer eerst een regio-indeling)",
                          l->line, x->hdr.name[x->prov_ci], child, f, t,
                          store_col(q, 0));
            }
        }
        sqlite3_reset(q);
        if (found && from <= l->from && to >= l->to)
            continue;
        if (found)
            w = store_prepare(x->db, "UPDATE region_link SET year_from = "
                              "min(year_from, ?3), year_to = max(year_to, "
                              "?4) WHERE child = ?1 AND parent = ?2 AND "
                              "year_from = ?5");
        else
            w = store_prepare(x->db, "INSERT INTO region_link(child, parent, "
                              "year_from, year_to, source) VALUES "
                              "(?1,?2,?3,?4,?6)");
        if (w == NULL)
            goto done;
        store_bind_text(w, 1, child);
        store_bind_text(w, 2, parent);
        store_bind_int(w, 3, l->from);
        store_bind_int(w, 4, l->to);
        if (found)
            store_bind_int(w, 5, from);
        else
            store_bind_text(w, 6, x->map->code);
        if (store_exec_stmt(w) != 0)
            goto done;
        x->s->links_changed++;
        x->links_changed = 1;
    }
    rc = 0;
done:
    sqlite3_finalize(q);
    return rc == 0 ? 0 : imp_store_fail(x, "de regio-indeling");
}
