/* gantt.c - the Gantt chart of the implementation plan and the grouped
 * bars of the budget (see gantt.h).
 *
 * Geometry: a label column, then one column per month; two rows of
 * headings (years, month initials). A sub-step row holds the planned bar
 * (light grey, outlined) in its upper half and the actual bar in its
 * lower half: blue with white diagonal stripes while it runs (up to
 * today), solid green when gereed; a vervallen sub-step has its planned
 * bar cross-hatched. A slip is drawn as a red hatched extension after
 * the planned end. Colours have at least 3:1 against white. */
#include "gantt.h"
#include "chart.h"
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define G_LABEL 300.0
#define G_COL 18.0
#define G_STATUS 150.0
#define G_HEAD 64.0
#define G_ROW 20.0
#define G_LEGEND 30.0
#define LABEL_CHARS 40

#define C_TEXT "#1a1a1a"
#define C_GRID "#d4d4d4"
#define C_PLANNED "#c5ced6"
#define C_PLANNED_LINE "#4a5560"
#define C_RUNNING "#01689b"
#define C_DONE "#276108"
#define C_SLIP "#b3261e"
#define C_TODAY "#b3261e"

static const char *const initials[] = { "j", "f", "m", "a", "m", "j", "j",
                                        "a", "s", "o", "n", "d" };

/* Months since year 0 of YYYY-MM (the caller checked the form). */
static int mindex(const char *s)
{
    return atoi(s) * 12 + atoi(s + 5) - 1;
}

/* 1 when s is YYYY-MM with a plausible year and month. */
static int is_month(const char *s)
{
    int i;

    if (s == NULL || strlen(s) < 7 || s[4] != '-')
        return 0;
    for (i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    return atoi(s + 5) >= 1 && atoi(s + 5) <= 12;
}

static void widen(int *lo, int *hi, const char *m)
{
    int k;

    if (!is_month(m))
        return;
    k = mindex(m);
    if (*lo < 0 || k < *lo)
        *lo = k;
    if (*hi < 0 || k > *hi)
        *hi = k;
}

int gantt_range(const struct gantt *g, char from[8], char to[8])
{
    int lo = -1, hi = -1;
    size_t i;

    for (i = 0; i < g->n; i++) {
        widen(&lo, &hi, g->rows[i].planned_start);
        widen(&lo, &hi, g->rows[i].planned_end);
        widen(&lo, &hi, g->rows[i].actual_start);
        widen(&lo, &hi, g->rows[i].actual_end);
    }
    if (lo < 0)
        return -1;
    widen(&lo, &hi, g->today);
    if (hi - lo + 1 > GANTT_MAX_MONTHS)
        return -1;
    snprintf(from, 8, "%04d-%02d", lo / 12, lo % 12 + 1);
    snprintf(to, 8, "%04d-%02d", hi / 12, hi % 12 + 1);
    return 0;
}

/* A pattern of lines: id ID-NAME, stroke colour over background bg
 * ("none": transparent), `cross` adds the other diagonal. */
static void pattern(struct buf *b, const char *id, const char *name,
                    const char *bg, const char *stroke, int cross)
{
    html_lit(b, "<pattern id=\"");
    html_attr(b, id);
    html_lit(b, "-");
    html_lit(b, name);
    html_lit(b, "\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
                "height=\"6\"><rect width=\"6\" height=\"6\" fill=\"");
    html_lit(b, bg);
    html_lit(b, "\"/><path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"");
    html_lit(b, stroke);
    html_lit(b, "\" stroke-width=\"1.5\"/>");
    if (cross) {
        html_lit(b, "<path d=\"M0,0 L6,6\" stroke=\"");
        html_lit(b, stroke);
        html_lit(b, "\" stroke-width=\"1.5\"/>");
    }
    html_lit(b, "</pattern>");
}

/* <text> at x, y with anchor; content escaped. */
static void text_at(struct buf *b, double x, double y, const char *anchor,
                    const char *weight, const char *s)
{
    html_lit(b, "<text");
    chart_attr_num(b, "x", x);
    chart_attr_num(b, "y", y);
    html_lit(b, " text-anchor=\"");
    html_lit(b, anchor);
    html_lit(b, "\" fill=\"" C_TEXT "\"");
    if (weight) {
        html_lit(b, " font-weight=\"");
        html_lit(b, weight);
        html_lit(b, "\"");
    }
    html_lit(b, ">");
    html_txt(b, s);
    html_lit(b, "</text>");
}

/* A rect x0..x1 at y with height h; fill is a colour or "url(#..)" built
 * from id and pattern name when pat is set. tip goes in a <title>. */
static void bar(struct buf *b, double x0, double x1, double y, double h,
                const char *fill, const char *id, const char *pat,
                const char *stroke, const char *tip)
{
    html_lit(b, "<rect");
    chart_attr_num(b, "x", x0);
    chart_attr_num(b, "y", y);
    chart_attr_num(b, "width", x1 - x0 < 2 ? 2 : x1 - x0);
    chart_attr_num(b, "height", h);
    html_lit(b, " fill=\"");
    if (pat) {
        html_lit(b, "url(#");
        html_attr(b, id);
        html_lit(b, "-");
        html_lit(b, pat);
        html_lit(b, ")");
    } else {
        html_lit(b, fill);
    }
    html_lit(b, "\"");
    if (stroke) {
        html_lit(b, " stroke=\"");
        html_lit(b, stroke);
        html_lit(b, "\" stroke-width=\"1\"");
    }
    html_lit(b, ">");
    if (tip) {
        html_lit(b, "<title>");
        html_txt(b, tip);
        html_lit(b, "</title>");
    }
    html_lit(b, "</rect>");
}

/* The label of a row, cut to LABEL_CHARS characters with an ellipsis. */
static void row_label(const struct gantt_row *r, char *out, size_t len)
{
    char full[400];
    size_t i = 0, chars = 0;

    if (r->is_step)
        snprintf(full, sizeof full, "Stap %s: %s", r->code, r->label);
    else
        snprintf(full, sizeof full, "%s %s", r->code, r->label);
    while (full[i] && chars < LABEL_CHARS) {
        i++;
        while (((unsigned char)full[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (full[i] == '\0' || i + 4 > len) {
        snprintf(out, len, "%s", full);
        return;
    }
    snprintf(out, len, "%.*s…", (int)i, full);
}

/* "Gereed", "Loopt · 3 mnd te laat" - the status in words. */
static void status_words(const struct gantt_row *r, char *out, size_t len)
{
    const char *s = r->status ? r->status : "";
    const char *w = strcmp(s, "gereed") == 0 ? "Gereed"
                  : strcmp(s, "loopt") == 0 ? "Loopt"
                  : strcmp(s, "vervallen") == 0 ? "Vervallen" : "Gepland";

    if (r->slip > 0)
        snprintf(out, len, "%s · %d mnd te laat", w, r->slip);
    else
        snprintf(out, len, "%s", w);
}

static void legend(struct buf *b, const char *id, double y)
{
    double x = 8;

    bar(b, x, x + 24, y, 8, C_PLANNED, id, NULL, C_PLANNED_LINE, NULL);
    text_at(b, x + 30, y + 9, "start", NULL, "gepland");
    x += 110;
    bar(b, x, x + 24, y, 8, NULL, id, "loopt", C_RUNNING, NULL);
    text_at(b, x + 30, y + 9, "start", NULL, "werkelijk, loopt");
    x += 150;
    bar(b, x, x + 24, y, 8, C_DONE, id, NULL, NULL, NULL);
    text_at(b, x + 30, y + 9, "start", NULL, "werkelijk, gereed");
    x += 160;
    bar(b, x, x + 24, y, 8, NULL, id, "vervallen", C_PLANNED_LINE, NULL);
    text_at(b, x + 30, y + 9, "start", NULL, "vervallen");
    x += 110;
    bar(b, x, x + 24, y, 8, NULL, id, "slip", C_SLIP, NULL);
    text_at(b, x + 30, y + 9, "start", NULL, "vertraging");
    x += 120;
    html_lit(b, "<line");
    chart_attr_num(b, "x1", x + 4);
    chart_attr_num(b, "x2", x + 4);
    chart_attr_num(b, "y1", y - 3);
    chart_attr_num(b, "y2", y + 11);
    html_lit(b, " stroke=\"" C_TODAY "\" stroke-width=\"2\" "
                "stroke-dasharray=\"4 2\"/>");
    text_at(b, x + 12, y + 9, "start", NULL, "vandaag");
}

/* The month headings: years over their months, month initials. */
static void headings(struct buf *b, int lo, int hi, double top, double h)
{
    int k;
    char y[8];

    for (k = lo; k <= hi; k++) {
        double x = G_LABEL + G_COL * (k - lo);

        if (k == lo || k % 12 == 0) {
            snprintf(y, sizeof y, "%d", k / 12);
            text_at(b, x + 2, top + 14, "start", "bold", y);
        }
        text_at(b, x + G_COL / 2, top + 30, "middle", NULL,
                initials[k % 12]);
        html_lit(b, "<line");
        chart_attr_num(b, "x1", x);
        chart_attr_num(b, "x2", x);
        chart_attr_num(b, "y1", top + (k % 12 == 0 ? 0 : 18));
        chart_attr_num(b, "y2", h);
        html_lit(b, " stroke=\"" C_GRID "\" stroke-width=\"");
        html_lit(b, k % 12 == 0 ? "1.5" : "0.5");
        html_lit(b, "\"/>");
    }
}

int gantt_svg(struct buf *b, const struct gantt *g)
{
    char from[8], to[8], label[200], tip[300], st[64];
    int lo, hi, months;
    double w, h, top = G_LEGEND, y;
    size_t i;

    if (gantt_range(g, from, to) != 0)
        return -1;
    lo = mindex(from);
    hi = mindex(to);
    months = hi - lo + 1;
    w = G_LABEL + G_COL * months + G_STATUS;
    h = top + G_HEAD + G_ROW * (double)g->n + 8;
    chart_svg_open(b, g->id, w, h, g->title, g->desc);
    html_lit(b, "<defs>");
    pattern(b, g->id, "loopt", C_RUNNING, "#ffffff", 0);
    pattern(b, g->id, "vervallen", "#ffffff", C_PLANNED_LINE, 1);
    pattern(b, g->id, "slip", "#ffffff", C_SLIP, 0);
    html_lit(b, "</defs><g font-size=\"11\" font-family=\"sans-serif\">");
    legend(b, g->id, 8);
    headings(b, lo, hi, top, h - 4);
    for (i = 0; i < g->n; i++) {
        const struct gantt_row *r = &g->rows[i];
        double x0, x1;

        y = top + G_HEAD - 20 + G_ROW * (double)i;
        row_label(r, label, sizeof label);
        html_lit(b, "<g>");
        if (r->is_step) {
            html_lit(b, "<rect x=\"0\"");
            chart_attr_num(b, "y", y + 1);
            chart_attr_num(b, "width", w);
            chart_attr_num(b, "height", G_ROW - 2);
            html_lit(b, " fill=\"#f1f4f6\"/>");
        }
        text_at(b, 4, y + 14, "start", r->is_step ? "bold" : NULL, label);
        if (is_month(r->planned_start) && is_month(r->planned_end)) {
            x0 = G_LABEL + G_COL * (mindex(r->planned_start) - lo);
            x1 = G_LABEL + G_COL * (mindex(r->planned_end) - lo + 1);
            snprintf(tip, sizeof tip, "%s gepland %s tot en met %s", r->code,
                     r->planned_start, r->planned_end);
            if (r->is_step)
                bar(b, x0, x1, y + 7, 6, C_PLANNED_LINE, g->id, NULL, NULL,
                    tip);
            else if (r->status && strcmp(r->status, "vervallen") == 0)
                bar(b, x0, x1, y + 3, 7, NULL, g->id, "vervallen",
                    C_PLANNED_LINE, tip);
            else
                bar(b, x0, x1, y + 3, 7, C_PLANNED, g->id, NULL,
                    C_PLANNED_LINE, tip);
            if (!r->is_step && r->slip > 0) {
                /* the delay after the planned end */
                double sx = x1, ex = x1 + G_COL * r->slip;

                snprintf(tip, sizeof tip, "%s %d maanden te laat", r->code,
                         r->slip);
                if (ex > G_LABEL + G_COL * months)
                    ex = G_LABEL + G_COL * months;
                if (ex > sx)
                    bar(b, sx, ex, y + 3, 7, NULL, g->id, "slip", C_SLIP,
                        tip);
            }
        }
        if (!r->is_step && is_month(r->actual_start)) {
            int done = r->status && strcmp(r->status, "gereed") == 0;
            const char *end = is_month(r->actual_end) ? r->actual_end
                              : (is_month(g->today) ? g->today : NULL);

            if (end) {
                x0 = G_LABEL + G_COL * (mindex(r->actual_start) - lo);
                x1 = G_LABEL + G_COL * (mindex(end) - lo + 1);
                snprintf(tip, sizeof tip, "%s werkelijk %s tot %s%s",
                         r->code, r->actual_start,
                         is_month(r->actual_end) ? "en met " : "nu (",
                         is_month(r->actual_end) ? r->actual_end : "loopt)");
                if (done)
                    bar(b, x0, x1, y + 11, 7, C_DONE, g->id, NULL, NULL, tip);
                else
                    bar(b, x0, x1, y + 11, 7, NULL, g->id, "loopt",
                        C_RUNNING, tip);
            }
        }
        if (!r->is_step) {
            status_words(r, st, sizeof st);
            text_at(b, G_LABEL + G_COL * months + 6, y + 14, "start",
                    r->slip > 0 ? "bold" : NULL, st);
        }
        html_lit(b, "</g>");
    }
    if (is_month(g->today)) {
        int day = atoi(g->today + 8);
        double x = G_LABEL + G_COL * (mindex(g->today) - lo) +
                   G_COL * ((day > 0 ? day - 1 : 0) / 31.0);

        html_lit(b, "<line");
        chart_attr_num(b, "x1", x);
        chart_attr_num(b, "x2", x);
        chart_attr_num(b, "y1", top + 34);
        chart_attr_num(b, "y2", h - 4);
        html_lit(b, " stroke=\"" C_TODAY "\" stroke-width=\"2\" "
                    "stroke-dasharray=\"4 2\"><title>vandaag, ");
        html_txt(b, g->today);
        html_lit(b, "</title></line>");
    }
    html_lit(b, "</g></svg>");
    return 0;
}

/* ------------------------------------------------------------------ */
/* Grouped bars                                                        */

#define B_W 720.0
#define B_H 320.0
#define B_LEFT 90.0
#define B_TOP 40.0
#define B_BOTTOM 36.0

static const char *const bar_fill[3] = { "#154273", "#8a5a00", "#007a5e" };
static const char *const bar_pat[3] = { NULL, "verplicht", "besteed" };

/* "2,5 mln", "850.000", "0" - a short Dutch amount for an axis. */
static void short_amount(double v, char *out, size_t len)
{
    char n[48];

    if (v >= 1e6) {
        snprintf(n, sizeof n, "%.2f", v / 1e6);
        /* drop trailing zeros of the decimals, comma as separator */
        while (strlen(n) > 1 && n[strlen(n) - 1] == '0')
            n[strlen(n) - 1] = '\0';
        if (n[strlen(n) - 1] == '.')
            n[strlen(n) - 1] = '\0';
        if (strchr(n, '.'))
            *strchr(n, '.') = ',';
        snprintf(out, len, "%s mln", n);
        return;
    }
    {
        size_t o = 0, i, dl;
        char d[32];

        snprintf(d, sizeof d, "%lld", llround(v));
        dl = strlen(d);
        for (i = 0; i < dl && o + 2 < len; i++) {
            if (i > 0 && (dl - i) % 3 == 0)
                out[o++] = '.';
            out[o++] = d[i];
        }
        out[o] = '\0';
    }
}

int gantt_bars_svg(struct buf *b, const struct gantt_bars *c)
{
    double max = 0, step, top, plot_h = B_H - B_TOP - B_BOTTOM;
    double gw, bw, t;
    char v[48], tip[200];
    size_t i, k;

    if (c->n == 0)
        return -1;
    for (i = 0; i < c->n; i++)
        for (k = 0; k < 3; k++) {
            if (!isfinite(c->groups[i].v[k]) || c->groups[i].v[k] < 0)
                return -1;
            max = fmax(max, c->groups[i].v[k]);
        }
    if (max <= 0)
        max = 1;
    step = chart_step_125(max, 5);
    top = ceil(max / step) * step;
    gw = (B_W - B_LEFT - 10) / (double)c->n;
    bw = fmin(40, gw / 4);
    chart_svg_open(b, c->id, B_W, B_H, c->title, c->desc);
    html_lit(b, "<defs>");
    pattern(b, c->id, "verplicht", bar_fill[1], "#ffffff", 0);
    pattern(b, c->id, "besteed", bar_fill[2], "#ffffff", 1);
    html_lit(b, "</defs><g font-size=\"12\" font-family=\"sans-serif\">");
    for (k = 0; k < 3; k++) {
        double x = B_LEFT + 160.0 * (double)k;

        bar(b, x, x + 22, 10, 14, bar_fill[k], c->id, bar_pat[k], NULL,
            NULL);
        text_at(b, x + 28, 22, "start", NULL, c->series[k]);
    }
    for (t = 0; t <= top + step / 2; t += step) {
        double y = B_TOP + plot_h - plot_h * t / top;

        html_lit(b, "<line");
        chart_attr_num(b, "x1", B_LEFT);
        chart_attr_num(b, "x2", B_W - 10);
        chart_attr_num(b, "y1", y);
        chart_attr_num(b, "y2", y);
        html_lit(b, " stroke=\"" C_GRID "\"/>");
        short_amount(t, v, sizeof v);
        text_at(b, B_LEFT - 6, y + 4, "end", NULL, v);
    }
    for (i = 0; i < c->n; i++) {
        double gx = B_LEFT + gw * (double)i + (gw - 3 * bw) / 2;

        html_lit(b, "<g>");
        for (k = 0; k < 3; k++) {
            double val = c->groups[i].v[k];
            double hgt = plot_h * val / top;
            double x = gx + bw * (double)k;

            short_amount(val, v, sizeof v);
            snprintf(tip, sizeof tip, "%s, %s: € %s", c->groups[i].label,
                     c->series[k], v);
            bar(b, x, x + bw - 2, B_TOP + plot_h - hgt, hgt < 1 ? 1 : hgt,
                bar_fill[k], c->id, bar_pat[k], NULL, tip);
        }
        text_at(b, gx + 1.5 * bw, B_H - 14, "middle", "bold",
                c->groups[i].label);
        html_lit(b, "</g>");
    }
    html_lit(b, "</g></svg>");
    return 0;
}
