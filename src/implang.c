/* implang.c - reading a koers-lang file (see implang.h). */
#include "implang.h"

#include <stdio.h>
#include <string.h>

#include "field.h"

#define LANG_COLUMNS 6   /* indicator,regio,periode,uitsplitsing,waarde,
                          * status */

/* The last value of a column and what it resolved to: consecutive rows
 * usually repeat indicator, region and period. */
struct last {
    char text[128];
    size_t len;
    long pos;
};

static int same(struct last *l, const char *s, size_t n)
{
    return l->pos >= 0 && n == l->len && memcmp(l->text, s, n) == 0;
}

static void remember(struct last *l, const char *s, size_t n, long pos)
{
    if (n >= sizeof l->text) {
        l->pos = -1;
        return;
    }
    memcpy(l->text, s, n);
    l->len = n;
    l->pos = pos;
}

/* Parse a written disaggregation key into its canonical position. */
static long lang_disagg(struct imp *x, const char *s, size_t n,
                        long long line)
{
    struct impcat *c = &x->cat;
    struct impcat_pairs p = { .n = 0 };
    uint32_t pos;
    size_t i = 0;
    long dp;

    if (smap_get(&c->raw_dis, s, n, &pos))
        return (long)pos;
    while (i < n) {
        size_t j = i, eq = 0, dl, il;
        uint32_t bit;

        while (j < n && s[j] != ';') {
            if (s[j] == '=' && eq == 0)
                eq = j;
            j++;
        }
        if (eq == 0 || eq == i || eq + 1 == j || p.n == IMPCAT_MAX_PAIRS) {
            imp_error(x, "regel %lld, kolom uitsplitsing: '%.*s' is geen "
                      "uitsplitsing (dimensie=waarde, gescheiden door ';')",
                      line, (int)(n > 60 ? 60 : n), s);
            return -1;
        }
        dl = eq - i;
        il = j - eq - 1;
        if (!smap_get(&c->dim_map, s + i, dl, &bit)) {
            imp_error(x, "regel %lld, kolom uitsplitsing: onbekende dimensie "
                      "'%.*s'", line, (int)(dl > 40 ? 40 : dl), s + i);
            return -1;
        }
        if (!impcat_item_exists(c, (int)bit, s + eq + 1, il)) {
            imp_error(x, "regel %lld, kolom uitsplitsing: dimensie %s kent "
                      "de waarde '%.*s' niet", line, c->dim[bit],
                      (int)(il > 40 ? 40 : il), s + eq + 1);
            return -1;
        }
        p.dim[p.n] = (int)bit;
        p.item[p.n] = s + eq + 1;
        p.ilen[p.n] = il;
        p.n++;
        i = j + 1;
        if (j + 1 == n) {
            imp_error(x, "regel %lld, kolom uitsplitsing: ';' aan het eind",
                      line);
            return -1;
        }
    }
    dp = imp_disagg(x, &p);
    if (dp == -2)
        imp_error(x, "regel %lld, kolom uitsplitsing: een dimensie komt "
                  "twee keer voor", line);
    if (dp < 0)
        return -1;
    if (smap_put(&c->raw_dis, s, n, (uint32_t)dp) != 0)
        return imp_oom(x);
    return dp;
}

static const char *const kind_plural[PERIOD_KIND_COUNT] = {
    "jaren", "studiejaren", "halfjaren", "kwartalen", "maanden"
};

/* One koers-lang record. */
static int lang_record(struct imp *x, struct csv *c, long long line,
                       struct last *li, struct last *lr, struct last *lp,
                       struct last *ld)
{
    struct impcat *cat = &x->cat;
    const char *f[LANG_COLUMNS];
    size_t n[LANG_COLUMNS];
    struct impcat_ind *ind;
    uint32_t pos;
    long per, dis;
    double v;
    int k, def;

    csv_record(c, f, n, LANG_COLUMNS);
    for (k = 0; k < LANG_COLUMNS; k++)
        f[k] = field_trim(f[k], n[k], &n[k]);
    if (!same(li, f[0], n[0])) {
        if (!smap_get(&cat->ind_map, f[0], n[0], &pos)) {
            imp_error(x, "regel %lld, kolom indicator: onbekende indicator "
                      "'%.*s'", line, (int)(n[0] > 60 ? 60 : n[0]), f[0]);
            return -1;
        }
        if (cat->ind[pos].ratio) {
            imp_error(x, "regel %lld, kolom indicator: %s wordt berekend "
                      "uit teller en noemer en kan niet geïmporteerd worden",
                      line, cat->ind[pos].code);
            return -1;
        }
        remember(li, f[0], n[0], (long)pos);
    }
    ind = &cat->ind[li->pos];
    if (!same(lr, f[1], n[1])) {
        if (!smap_get(&cat->reg_map, f[1], n[1], &pos)) {
            imp_error(x, "regel %lld, kolom regio: onbekende regio '%.*s'",
                      line, (int)(n[1] > 40 ? 40 : n[1]), f[1]);
            return -1;
        }
        remember(lr, f[1], n[1], (long)pos);
    }
    if (!same(lp, f[2], n[2])) {
        char buf[32];

        per = imp_period(x, f[2], n[2], buf, sizeof buf);
        if (per == -2)
            imp_error(x, "regel %lld, kolom periode: '%s' is geen "
                      "periodecode (bv. 2016JJ00, 2016SJ10, 2016KW02)",
                      line, buf);
        if (per < 0)
            return -1;
        remember(lp, f[2], n[2], per);
    }
    per = lp->pos;
    if (cat->per[per].kind != ind->kind) {
        imp_error(x, "regel %lld, kolom periode: %.*s is geen periode van "
                  "indicator %s (die heeft %s)", line, (int)n[2], f[2],
                  ind->code, kind_plural[ind->kind]);
        return -1;
    }
    if (!same(ld, f[3], n[3])) {
        dis = lang_disagg(x, f[3], n[3], line);
        if (dis < 0)
            return -1;
        remember(ld, f[3], n[3], dis);
    }
    dis = ld->pos;
    if ((cat->dis[dis].mask & ~ind->dims) != 0) {
        imp_error(x, "regel %lld, kolom uitsplitsing: indicator %s kent niet "
                  "alle dimensies van '%.*s'", line, ind->code,
                  (int)(n[3] > 60 ? 60 : n[3]), f[3]);
        return -1;
    }
    if (ind->som) {
        if (!ind->level_set) {
            ind->level = cat->dis[dis].mask;
            ind->level_line = line;
            ind->level_set = 1;
        } else if (ind->level != cat->dis[dis].mask) {
            imp_error(x, "regel %lld, kolom uitsplitsing: '%.*s' is anders "
                      "uitgesplitst dan regel %lld; een optelbare indicator "
                      "heeft in één bestand overal dezelfde dimensies (anders "
                      "telt het totaal dubbel)", line,
                      (int)(n[3] > 60 ? 60 : n[3]), f[3], ind->level_line);
            return -1;
        }
    }
    if (n[4] == 0) {
        imp_error(x, "regel %lld, kolom waarde: de waarde ontbreekt", line);
        return -1;
    }
    if (field_number(f[4], n[4], &v) != 0) {
        imp_error(x, "regel %lld, kolom waarde: '%.*s' is geen getal (met "
                  "een punt als decimaalteken)", line,
                  (int)(n[4] > 40 ? 40 : n[4]), f[4]);
        return -1;
    }
    if (n[5] == 10 && memcmp(f[5], "definitief", 10) == 0) {
        def = 1;
    } else if (n[5] == 9 && memcmp(f[5], "voorlopig", 9) == 0) {
        def = 0;
    } else {
        imp_error(x, "regel %lld, kolom status: '%.*s' is niet definitief "
                  "of voorlopig", line, (int)(n[5] > 40 ? 40 : n[5]), f[5]);
        return -1;
    }
    return imp_push_row(x, IMP_KEY(li->pos, lr->pos, dis, per), v, line, def);
}

int implang_read(struct imp *x, struct csv *c)
{
    struct last li = { .pos = -1 }, lr = { .pos = -1 }, lp = { .pos = -1 },
                ld = { .pos = -1 };

    while (imp_next_record(x, c, LANG_COLUMNS))
        if (lang_record(x, c, csv_line(c), &li, &lr, &lp, &ld) != 0 &&
            x->f->kind)
            return -1;
    imp_progress(x, c);
    return x->f->kind ? -1 : 0;
}
