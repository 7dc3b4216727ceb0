/* chart.c - SVG line charts, choropleths, bar charts and sparklines (see
 * chart.h).
 *
 * Colours: series and bars use dark colours of the Okabe-Ito family
 * (told apart by people with any common colour-vision deficiency) with
 * at least 5:1 against white; the map uses the ColorBrewer YlGnBu
 * sequential scheme (colour-blind safe), every region outlined in dark
 * grey so its shape has contrast against the page whatever its class,
 * and regions without data hatched, so "no data" is not told by colour
 * either. */
#include "chart.h"
#include "html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line chart geometry (viewBox units). */
#define LC_W 720.0
#define LC_H 330.0
#define LC_LEFT 76.0
#define LC_RIGHT 20.0
#define LC_TOP 14.0
#define LC_BOTTOM 44.0
#define LC_LEGEND_ROW 24.0

/* Map legend and bar chart geometry. */
#define MAP_LEGEND_W 210.0
#define BAR_W 640.0
#define BAR_LABEL 190.0
#define BAR_ROW 24.0
#define BAR_VALUE_W 110.0

#define TEXT_FILL "#1a1a1a"
#define GRID "#d4d4d4"
#define TARGET "#535353"

static const char *const series_colour[CHART_MAX_SERIES] = {
    "#154273", "#b35000", "#007a5e", "#a4457f", "#8a5a00", "#0072b2"
};
static const char *const class_colour[CHART_CLASSES] = {
    "#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"
};

void chart_format_nl(char *out, size_t len, double v, int decimals)
{
    char digits[64], *dot;
    size_t i, n, intlen, o = 0;
    int neg;

    if (len == 0)
        return;
    if (!isfinite(v)) {
        snprintf(out, len, "?");
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    /* "-0" is not a number anyone writes */
    neg = v < 0 && strspn(digits, "0.,") != strlen(digits);
    dot = strpbrk(digits, ".,");
    intlen = dot ? (size_t)(dot - digits) : strlen(digits);
    n = strlen(digits);
    if (neg && o + 1 < len)
        out[o++] = '-';
    for (i = 0; i < intlen && o + 1 < len; i++) {
        if (i > 0 && (intlen - i) % 3 == 0 && o + 1 < len)
            out[o++] = '.';
        if (o + 1 < len)
            out[o++] = digits[i];
    }
    if (dot && o + 1 < len) {
        out[o++] = ',';
        for (i = intlen + 1; i < n && o + 1 < len; i++)
            out[o++] = digits[i];
    }
    out[o] = '\0';
}

double chart_step_125(double max, int n)
{
    double raw = max / n, mag, f;

    if (raw <= 0)
        return 1;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void chart_format_unit(char *out, size_t len, double v, const char *unit)
{
    char t[32];

    if (strcmp(unit, "€") == 0 && v >= 1e6) {
        chart_format_nl(t, sizeof t, v / 1e6, v / 1e6 == floor(v / 1e6)
                                                  ? 0 : 1);
        snprintf(out, len, "€ %s mln", t);
    } else if (strcmp(unit, "€") == 0) {
        chart_format_nl(t, sizeof t, v, 0);
        snprintf(out, len, "€ %s", t);
    } else {
        chart_format_nl(t, sizeof t, v, 0);
        snprintf(out, len, "%s%s", t, unit);
    }
}

/* ---- small writers ---- */

void chart_attr_num(struct buf *b, const char *name, double v)
{
    html_lit(b, " ");
    html_lit(b, name);
    html_lit(b, "=\"");
    html_num(b, v, 1);
    html_lit(b, "\"");
}

/* The formatted number with its suffix: "1.234", "45,3%". */
static void num_text(char *out, size_t len, double v, int decimals,
                     const char *suffix)
{
    char n[48];

    chart_format_nl(n, sizeof n, v, decimals);
    snprintf(out, len, "%s%s", n, suffix ? suffix : "");
}

void chart_svg_open(struct buf *b, const char *id, double w, double h,
                    const char *title, const char *desc)
{
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "class=\"koers-chart__svg\" aria-labelledby=\"");
    html_attr(b, id);
    html_lit(b, "-titel ");
    html_attr(b, id);
    html_lit(b, "-uitleg\" viewBox=\"0 0 ");
    html_num(b, w, 0);
    html_lit(b, " ");
    html_num(b, h, 0);
    html_lit(b, "\" width=\"");
    html_num(b, ceil(w), 0);
    html_lit(b, "\" height=\"");
    html_num(b, ceil(h), 0);
    html_lit(b, "\"><title id=\"");
    html_attr(b, id);
    html_lit(b, "-titel\">");
    html_txt(b, title);
    html_lit(b, "</title><desc id=\"");
    html_attr(b, id);
    html_lit(b, "-uitleg\">");
    html_txt(b, desc);
    html_lit(b, "</desc>");
}

/* chart_svg_open, then the group that sets the charts' font size. */
static void svg_open(struct buf *b, const char *id, double w, double h,
                     const char *title, const char *desc)
{
    chart_svg_open(b, id, w, h, title, desc);
    html_lit(b, "<g font-size=\"12\">");
}

/* The end of what svg_open started. */
static void svg_close(struct buf *b)
{
    html_lit(b, "</g></svg>");
}

/* A text element at (x, y) with an anchor ("start", "middle", "end"). */
static void text_at(struct buf *b, double x, double y, const char *anchor,
                    const char *text, int bold)
{
    html_lit(b, "<text");
    chart_attr_num(b, "x", x);
    chart_attr_num(b, "y", y);
    html_lit(b, " text-anchor=\"");
    html_lit(b, anchor);
    html_lit(b, bold ? "\" font-weight=\"bold\" fill=\"" TEXT_FILL "\">"
                     : "\" fill=\"" TEXT_FILL "\">");
    html_txt(b, text);
    html_lit(b, "</text>");
}

/* The rough width of a label in viewBox units at font size 12 (bytes of
 * UTF-8 overestimate accented letters slightly, which is harmless). */
static double text_width(const char *s)
{
    return 6.6 * (double)strlen(s);
}

/* The marker of series s at (x, y), k times its normal size, its tooltip
 * as a child <title>. */
static void marker(struct buf *b, size_t s, double x, double y, double k,
                   const char *tip)
{
    const char *c = series_colour[s % CHART_MAX_SERIES];
    /* triangle and diamond: points around (x, y) at unit size */
    static const double tri[][2] = { { 0, -5.5 }, { 5, 3.5 }, { -5, 3.5 } };
    static const double dia[][2] = { { 0, -5.5 }, { 5.5, 0 }, { 0, 5.5 },
                                     { -5.5, 0 } };
    size_t i;

    switch (s % 4) {
    case 0:
        html_lit(b, "<circle");
        chart_attr_num(b, "cx", x);
        chart_attr_num(b, "cy", y);
        chart_attr_num(b, "r", 4.5 * k);
        break;
    case 1:
        html_lit(b, "<rect");
        chart_attr_num(b, "x", x - 4 * k);
        chart_attr_num(b, "y", y - 4 * k);
        chart_attr_num(b, "width", 8 * k);
        chart_attr_num(b, "height", 8 * k);
        break;
    default: {
        const double (*pt)[2] = s % 4 == 2 ? tri : dia;
        size_t n = s % 4 == 2 ? 3 : 4;

        html_lit(b, "<path d=\"M");
        for (i = 0; i < n; i++) {
            if (i)
                html_lit(b, " ");
            html_num(b, x + pt[i][0] * k, 1);
            html_lit(b, ",");
            html_num(b, y + pt[i][1] * k, 1);
        }
        html_lit(b, "Z\"");
        break;
    }
    }
    /* series 4 and 5 repeat a shape of 0 and 1, hollow */
    if (s >= 4) {
        html_lit(b, " fill=\"#ffffff\" stroke=\"");
        html_lit(b, c);
        html_lit(b, k < 1 ? "\" stroke-width=\"1.5\""
                           : "\" stroke-width=\"2\"");
    } else {
        html_lit(b, " fill=\"");
        html_lit(b, c);
        html_lit(b, "\"");
    }
    if (tip) {
        html_lit(b, "><title>");
        html_txt(b, tip);
        html_lit(b, "</title>");
    } else {
        html_lit(b, ">");
    }
    switch (s % 4) {
    case 0: html_lit(b, "</circle>"); break;
    case 1: html_lit(b, "</rect>"); break;
    default: html_lit(b, "</path>"); break;
    }
}

/* ---- scales ---- */

/* A step of 1, 2, 2.5 or 5 times a power of ten that cuts range into
 * about `ticks` parts. */
static double nice_step(double range, int ticks)
{
    double raw = range / ticks, mag, f;

    if (!(raw > 0))
        return 1;
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    if (f <= 1)
        return mag;
    if (f <= 2)
        return 2 * mag;
    if (f <= 2.5)
        return 2.5 * mag;
    if (f <= 5)
        return 5 * mag;
    return 10 * mag;
}

/* The decimals a tick label needs to show step exactly (at most 6). */
static int step_decimals(double step)
{
    int d;

    for (d = 0; d < 6; d++) {
        double s = step * pow(10, d);
        if (fabs(s - round(s)) < 1e-6 * (s > 1 ? s : 1))
            return d;
    }
    return 6;
}

struct scale {
    double d0, d1, p0, p1;   /* domain and pixel range */
};

static double map_to(const struct scale *s, double v)
{
    return s->p0 + (v - s->d0) / (s->d1 - s->d0) * (s->p1 - s->p0);
}

/* ---- line chart ---- */

struct xlab {
    double x;
    const char *text;
};

static int xlab_cmp(const void *a, const void *b)
{
    double d = ((const struct xlab *)a)->x - ((const struct xlab *)b)->x;

    return d < 0 ? -1 : d > 0;
}

/* Tick labels of the x axis: every data position and the target years,
 * left out where they would overlap the label before. */
static int x_axis(struct buf *b, const struct chart_line *c,
                  const struct scale *sx, double ybase, char ty[2][16])
{
    size_t n = 0, i, k;
    struct xlab *lab = calloc(c->nx + 2, sizeof *lab);
    double last_end = -1e9;

    if (lab == NULL)
        return -1;
    for (i = 0; i < c->nx; i++) {
        lab[n].x = c->x[i];
        lab[n++].text = c->xlabel ? c->xlabel[i] : "";
    }
    if (c->has_target) {
        double tx[2] = { c->target_x0, c->target_x1 };

        for (k = 0; k < 2; k++) {
            int near = 0;

            for (i = 0; i < c->nx; i++)
                if (fabs(c->x[i] - tx[k]) < 1e-6)
                    near = 1;
            if (near)
                continue;
            snprintf(ty[k], 16, "%.0f", tx[k]);
            lab[n].x = tx[k];
            lab[n++].text = ty[k];
        }
    }
    qsort(lab, n, sizeof *lab, xlab_cmp);
    html_lit(b, "<g aria-hidden=\"true\">");
    for (i = 0; i < n; i++) {
        double px = map_to(sx, lab[i].x), w = text_width(lab[i].text);

        html_lit(b, "<line stroke=\"" TEXT_FILL "\"");
        chart_attr_num(b, "x1", px);
        chart_attr_num(b, "x2", px);
        chart_attr_num(b, "y1", ybase);
        chart_attr_num(b, "y2", ybase + 5);
        html_lit(b, "/>");
        if (px - w / 2 < last_end + 8)
            continue;
        text_at(b, px, ybase + 19, "middle", lab[i].text, 0);
        last_end = px + w / 2;
    }
    html_lit(b, "</g>");
    free(lab);
    return 0;
}

/* The legend rows under the plot: a marker and a line per series, and
 * the dashed target path. Returns the height it takes; with b NULL only
 * measures. */
static double line_legend(struct buf *b, const struct chart_line *c,
                          size_t nseries, double y0)
{
    double x = LC_LEFT, y = y0;
    size_t s;

    for (s = 0; s <= nseries; s++) {
        const char *name;
        double w;

        if (s == nseries && !c->has_target)
            break;
        name = s < nseries ? c->series[s].name
                           : (c->target_label ? c->target_label
                                              : "streefwaarde");
        w = 34 + text_width(name) + 22;
        if (x + w > LC_W - LC_RIGHT && x > LC_LEFT) {
            x = LC_LEFT;
            y += LC_LEGEND_ROW;
        }
        if (b) {
            html_lit(b, "<line stroke-width=\"2.5\"");
            chart_attr_num(b, "x1", x);
            chart_attr_num(b, "x2", x + 26);
            chart_attr_num(b, "y1", y);
            chart_attr_num(b, "y2", y);
            if (s < nseries) {
                html_lit(b, " stroke=\"");
                html_lit(b, series_colour[s]);
                html_lit(b, "\"/>");
                marker(b, s, x + 13, y, 1, NULL);
            } else {
                html_lit(b, " stroke=\"" TARGET "\" stroke-dasharray=\"7 5"
                            "\"/>");
            }
            text_at(b, x + 34, y + 4, "start", name, 0);
        }
        x += w;
    }
    return y - y0 + LC_LEGEND_ROW;
}

int chart_line_svg(struct buf *b, const struct chart_line *c)
{
    size_t ns = c->nseries < CHART_MAX_SERIES ? c->nseries
                                              : CHART_MAX_SERIES;
    size_t i, s;
    double lo = HUGE_VAL, hi = -HUGE_VAL, step, y, h, ybase;
    struct scale sx, sy;
    char tick[48], tip[256], ty[2][16] = { "", "" };
    /* many points: smaller markers, so the lines stay readable */
    double mk = c->nx > 60 ? 0.5 : c->nx > 24 ? 0.75 : 1;
    int dec, any = 0;

    if (c->nx == 0 || c->x == NULL)
        return -1;
    for (s = 0; s < ns; s++)
        for (i = 0; i < c->nx; i++) {
            double v = c->series[s].value[i];

            if (c->series[s].has && !c->series[s].has[i])
                continue;
            if (!isfinite(v))
                return -1;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
            any = 1;
        }
    if (c->has_target) {
        if (!isfinite(c->target_v0) || !isfinite(c->target_v1) ||
            !isfinite(c->target_x0) || !isfinite(c->target_x1))
            return -1;
        lo = fmin(lo, fmin(c->target_v0, c->target_v1));
        hi = fmax(hi, fmax(c->target_v0, c->target_v1));
        any = 1;
    }
    if (!any) {
        lo = 0;
        hi = 1;
    }
    if (lo > 0)
        lo = 0;
    if (hi <= lo)
        hi = lo + (fabs(lo) > 0 ? fabs(lo) / 10 : 1);
    step = nice_step(hi - lo, 5);
    sy.d0 = floor(lo / step) * step;
    sy.d1 = ceil(hi / step) * step;
    if (sy.d1 <= sy.d0)
        sy.d1 = sy.d0 + step;
    dec = step_decimals(step);

    sx.d0 = c->x[0];
    sx.d1 = c->x[c->nx - 1];
    if (c->has_target) {
        sx.d0 = fmin(sx.d0, fmin(c->target_x0, c->target_x1));
        sx.d1 = fmax(sx.d1, fmax(c->target_x0, c->target_x1));
    }
    if (sx.d1 <= sx.d0) {
        sx.d0 -= 0.5;
        sx.d1 += 0.5;
    }
    sx.p0 = LC_LEFT + 18;
    sx.p1 = LC_W - LC_RIGHT - 18;
    ybase = LC_H - LC_BOTTOM;
    sy.p0 = ybase;
    sy.p1 = LC_TOP;

    h = LC_H + line_legend(NULL, c, ns, 0);
    svg_open(b, c->id, LC_W, h, c->title, c->desc);

    /* grid and y axis labels */
    html_lit(b, "<g aria-hidden=\"true\">");
    for (y = sy.d0; y <= sy.d1 + step / 2; y += step) {
        double py = map_to(&sy, y);

        html_lit(b, "<line stroke=\"" GRID "\"");
        chart_attr_num(b, "x1", LC_LEFT);
        chart_attr_num(b, "x2", LC_W - LC_RIGHT);
        chart_attr_num(b, "y1", py);
        chart_attr_num(b, "y2", py);
        html_lit(b, "/>");
        num_text(tick, sizeof tick, fabs(y) < step / 1e6 ? 0 : y, dec,
                 c->suffix);
        text_at(b, LC_LEFT - 8, py + 4, "end", tick, 0);
    }
    html_lit(b, "<line stroke=\"" TEXT_FILL "\"");
    chart_attr_num(b, "x1", LC_LEFT);
    chart_attr_num(b, "x2", LC_W - LC_RIGHT);
    chart_attr_num(b, "y1", ybase);
    chart_attr_num(b, "y2", ybase);
    html_lit(b, "/></g>");
    if (x_axis(b, c, &sx, ybase, ty) != 0)
        return -1;

    /* the target path under the data */
    if (c->has_target) {
        double x0 = map_to(&sx, c->target_x0), y0 = map_to(&sy, c->target_v0);
        double x1 = map_to(&sx, c->target_x1), y1 = map_to(&sy, c->target_v1);
        char v[48];

        html_lit(b, "<g><line stroke=\"" TARGET "\" stroke-width=\"2\" "
                    "stroke-dasharray=\"7 5\"");
        chart_attr_num(b, "x1", x0);
        chart_attr_num(b, "y1", y0);
        chart_attr_num(b, "x2", x1);
        chart_attr_num(b, "y2", y1);
        html_lit(b, "/>");
        num_text(v, sizeof v, c->target_v0, c->decimals, c->suffix);
        snprintf(tip, sizeof tip, "basiswaarde %.0f: %s", c->target_x0, v);
        html_lit(b, "<circle r=\"4\" fill=\"#ffffff\" stroke=\"" TARGET
                    "\" stroke-width=\"2\"");
        chart_attr_num(b, "cx", x0);
        chart_attr_num(b, "cy", y0);
        html_lit(b, "><title>");
        html_txt(b, tip);
        html_lit(b, "</title></circle>");
        num_text(v, sizeof v, c->target_v1, c->decimals, c->suffix);
        snprintf(tip, sizeof tip, "streefwaarde %.0f: %s", c->target_x1, v);
        html_lit(b, "<circle r=\"4\" fill=\"#ffffff\" stroke=\"" TARGET
                    "\" stroke-width=\"2\"");
        chart_attr_num(b, "cx", x1);
        chart_attr_num(b, "cy", y1);
        html_lit(b, "><title>");
        html_txt(b, tip);
        html_lit(b, "</title></circle></g>");
    }

    /* the series: a line broken at gaps, then the markers */
    for (s = 0; s < ns; s++) {
        const struct chart_series *se = &c->series[s];
        int pen = 0;

        html_lit(b, "<g><path fill=\"none\" stroke-width=\"2.5\" "
                    "stroke-linejoin=\"round\" stroke=\"");
        html_lit(b, series_colour[s]);
        html_lit(b, "\" d=\"");
        for (i = 0; i < c->nx; i++) {
            if (se->has && !se->has[i]) {
                pen = 0;
                continue;
            }
            html_lit(b, pen ? " L" : (i ? " M" : "M"));
            html_num(b, map_to(&sx, c->x[i]), 1);
            html_lit(b, ",");
            html_num(b, map_to(&sy, se->value[i]), 1);
            pen = 1;
        }
        html_lit(b, "\"/>");
        for (i = 0; i < c->nx; i++) {
            char v[48];

            if (se->has && !se->has[i])
                continue;
            num_text(v, sizeof v, se->value[i], c->decimals, c->suffix);
            snprintf(tip, sizeof tip, "%s, %s: %s", se->name,
                     c->xname ? c->xname[i]
                              : (c->xlabel ? c->xlabel[i] : ""), v);
            marker(b, s, map_to(&sx, c->x[i]), map_to(&sy, se->value[i]),
                   mk, tip);
        }
        html_lit(b, "</g>");
    }
    html_lit(b, "<g aria-hidden=\"true\">");
    line_legend(b, c, ns, LC_H - 6);
    html_lit(b, "</g>");
    svg_close(b);
    return 0;
}

/* ---- choropleth ---- */

static int dbl_cmp(const void *a, const void *b)
{
    double d = *(const double *)a - *(const double *)b;

    return d < 0 ? -1 : d > 0;
}

int chart_classes(const struct chart_value *v, size_t n,
                  double lo[CHART_CLASSES], double hi[CHART_CLASSES])
{
    double *s;
    size_t m = 0, i, distinct = 0;
    int k, cls = -1, last = -1;

    s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return 0;
    for (i = 0; i < n; i++)
        if (v[i].has_value && isfinite(v[i].value))
            s[m++] = v[i].value;
    qsort(s, m, sizeof *s, dbl_cmp);
    for (i = 0; i < m; i++)
        if (i == 0 || s[i] != s[i - 1])
            distinct++;
    k = distinct < CHART_CLASSES ? (int)distinct : CHART_CLASSES;
    /* the class of the i-th smallest value is its quantile, except that
     * equal values stay together (the class may then come out empty,
     * which is skipped) */
    for (i = 0; i < m; i++) {
        int q = (int)(i * (size_t)k / m);

        if (i > 0 && s[i] == s[i - 1])
            q = last;
        if (q != last) {
            cls++;
            lo[cls] = s[i];
        }
        hi[cls] = s[i];
        last = q;
    }
    free(s);
    return cls + 1;
}

/* The index of the class holding v, given the bounds. */
static int class_of(double v, const double *hi, int k)
{
    int c;

    for (c = 0; c < k - 1; c++)
        if (v <= hi[c])
            return c;
    return k - 1;
}

/* The colour of class c of k: spread over the palette. */
static const char *class_fill(int c, int k)
{
    if (k <= 1)
        return class_colour[2];
    return class_colour[(c * (CHART_CLASSES - 1) + (k - 1) / 2) / (k - 1)];
}

static const struct chart_value *value_of(const struct chart_value *v,
                                          size_t n, const char *code)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (v[i].code && strcmp(v[i].code, code) == 0)
            return &v[i];
    return NULL;
}

static void hatch_fill(struct buf *b, const char *id)
{
    html_lit(b, " fill=\"url(#");
    html_attr(b, id);
    html_lit(b, "-geen)\"");
}

int chart_map_svg(struct buf *b, const struct chart_map *c)
{
    double lo[CHART_CLASSES], hi[CHART_CLASSES], w, h, lx, ly;
    char v1[48], v2[64], tip[256];
    const struct geo_map *m = c->map;
    size_t i;
    int k, j;

    if (m == NULL || m->n == 0)
        return -1;
    k = chart_classes(c->values, c->n, lo, hi);
    w = m->width + MAP_LEGEND_W;
    h = fmax(m->height, 40 + 26.0 * (k + 1));
    svg_open(b, c->id, w, h, c->title, c->desc);
    html_lit(b, "<defs><pattern id=\"");
    html_attr(b, c->id);
    html_lit(b, "-geen\" patternUnits=\"userSpaceOnUse\" width=\"6\" "
                "height=\"6\" patternTransform=\"rotate(45)\"><rect "
                "width=\"6\" height=\"6\" fill=\"#f2f2f2\"/><line x1=\"0\" "
                "y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#6b6b6b\" "
                "stroke-width=\"2\"/></pattern></defs>");
    html_lit(b, "<g stroke=\"#4d4d4d\" stroke-width=\"0.7\" "
                "stroke-linejoin=\"round\" fill-rule=\"evenodd\">");
    for (i = 0; i < m->n; i++) {
        const struct geo_region *g = &m->regions[i];
        const struct chart_value *v = value_of(c->values, c->n, g->code);
        const char *name = v && v->name && v->name[0] ? v->name : g->name;

        html_lit(b, "<path d=\"");
        html_attr(b, g->d);
        html_lit(b, "\"");
        if (v && v->has_value && isfinite(v->value) && k > 0) {
            html_lit(b, " fill=\"");
            html_lit(b, class_fill(class_of(v->value, hi, k), k));
            html_lit(b, "\"");
            num_text(v1, sizeof v1, v->value, c->decimals, c->suffix);
            snprintf(tip, sizeof tip, "%s: %s", name, v1);
        } else {
            hatch_fill(b, c->id);
            snprintf(tip, sizeof tip, "%s: geen gegevens", name);
        }
        html_lit(b, "><title>");
        html_txt(b, tip);
        html_lit(b, "</title></path>");
    }
    html_lit(b, "</g><g aria-hidden=\"true\">");
    lx = m->width + 16;
    ly = 24;
    text_at(b, lx, ly, "start", "Legenda", 1);
    for (j = 0; j <= k; j++) {
        ly += 26;
        html_lit(b, "<rect width=\"22\" height=\"16\" stroke=\"#4d4d4d\" "
                    "stroke-width=\"0.7\"");
        chart_attr_num(b, "x", lx);
        chart_attr_num(b, "y", ly - 12);
        if (j < k) {
            html_lit(b, " fill=\"");
            html_lit(b, class_fill(j, k));
            html_lit(b, "\"/>");
            chart_format_nl(v1, sizeof v1, lo[j], c->decimals);
            if (lo[j] == hi[j]) {
                num_text(v2, sizeof v2, lo[j], c->decimals, c->suffix);
            } else {
                char top[48];

                num_text(top, sizeof top, hi[j], c->decimals, c->suffix);
                snprintf(v2, sizeof v2, "%s – %s", v1, top);
            }
            text_at(b, lx + 30, ly + 1, "start", v2, 0);
        } else {
            hatch_fill(b, c->id);
            html_lit(b, "/>");
            text_at(b, lx + 30, ly + 1, "start", "geen gegevens", 0);
        }
    }
    html_lit(b, "</g>");
    svg_close(b);
    return 0;
}

/* ---- bar chart ---- */

/* The drawing order of the bars as indexes into v: largest value
 * first, regions without data last, ties by code. An insertion sort:
 * n is a few dozen regions, and qsort would need shared state for the
 * base array (it has no context argument) in a multi-threaded server. */
static void bar_order(const struct chart_value *v, size_t n, size_t *idx)
{
    size_t i, j;

    for (i = 0; i < n; i++)
        idx[i] = i;
    for (i = 1; i < n; i++) {
        size_t cur = idx[i];

        for (j = i; j > 0; j--) {
            const struct chart_value *x = &v[cur], *y = &v[idx[j - 1]];
            int before;

            if (x->has_value != y->has_value)
                before = x->has_value;
            else if (x->has_value && x->value != y->value)
                before = x->value > y->value;
            else
                before = strcmp(x->code ? x->code : "",
                                y->code ? y->code : "") < 0;
            if (!before)
                break;
            idx[j] = idx[j - 1];
        }
        idx[j] = cur;
    }
}

int chart_bars_svg(struct buf *b, const struct chart_bars *c)
{
    size_t *idx, i;
    double lo = 0, hi = 0, h, zero, area = BAR_W - BAR_LABEL - BAR_VALUE_W;
    struct scale sx;
    char v[48], tip[256];

    if (c->n == 0)
        return -1;
    idx = malloc(c->n * sizeof *idx);
    if (idx == NULL)
        return -1;
    for (i = 0; i < c->n; i++) {
        if (!c->values[i].has_value)
            continue;
        if (!isfinite(c->values[i].value)) {
            free(idx);
            return -1;
        }
        lo = fmin(lo, c->values[i].value);
        hi = fmax(hi, c->values[i].value);
    }
    if (hi <= lo)
        hi = lo + 1;
    bar_order(c->values, c->n, idx);
    sx.d0 = lo;
    sx.d1 = hi;
    sx.p0 = BAR_LABEL;
    sx.p1 = BAR_LABEL + area;
    zero = map_to(&sx, 0);
    h = BAR_ROW * (double)c->n + 12;
    svg_open(b, c->id, BAR_W, h, c->title, c->desc);
    for (i = 0; i < c->n; i++) {
        const struct chart_value *x = &c->values[idx[i]];
        double y = 6 + BAR_ROW * (double)i;
        int hl = c->highlight && x->code && strcmp(c->highlight, x->code)
                                                == 0;
        const char *name = x->name && x->name[0] ? x->name
                                                 : (x->code ? x->code : "");

        html_lit(b, "<g>");
        text_at(b, BAR_LABEL - 8, y + 16, "end", name, hl);
        if (x->has_value) {
            double px = map_to(&sx, x->value);
            double x0 = fmin(px, zero), bw = fabs(px - zero);

            num_text(v, sizeof v, x->value, c->decimals, c->suffix);
            snprintf(tip, sizeof tip, "%s: %s", name, v);
            html_lit(b, "<rect");
            chart_attr_num(b, "x", x0);
            chart_attr_num(b, "y", y + 3);
            chart_attr_num(b, "width", bw < 1 ? 1 : bw);
            html_lit(b, " height=\"17\" fill=\"");
            html_lit(b, hl ? series_colour[1] : series_colour[0]);
            html_lit(b, "\"><title>");
            html_txt(b, tip);
            html_lit(b, "</title></rect>");
            text_at(b, fmax(px, zero) + 6, y + 16, "start", v, hl);
        } else {
            text_at(b, zero + 6, y + 16, "start", "geen gegevens", hl);
        }
        html_lit(b, "</g>");
    }
    html_lit(b, "<line stroke=\"" TEXT_FILL "\" aria-hidden=\"true\"");
    chart_attr_num(b, "x1", zero);
    chart_attr_num(b, "x2", zero);
    html_lit(b, " y1=\"4\"");
    chart_attr_num(b, "y2", h - 4);
    html_lit(b, "/>");
    svg_close(b);
    free(idx);
    return 0;
}

/* ---- sparkline ---- */

/* Room around the line for the dot on the last value. */
#define SPARK_PAD 3.5

int chart_sparkline(struct buf *b, const struct chart_spark *c)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL, x, y, dx;
    char v0[48], v1[48], tip[320];
    size_t i;

    for (i = 0; c->value && i < c->n; i++) {
        if (!isfinite(c->value[i]))
            break;
        lo = fmin(lo, c->value[i]);
        hi = fmax(hi, c->value[i]);
    }
    if (c->n < 2 || c->value == NULL || i < c->n) {
        html_lit(b, "<span aria-hidden=\"true\">—</span><span class=\""
                    "koers-visually-hidden\">geen reeks</span>");
        return 1;
    }
    num_text(v0, sizeof v0, c->value[0], c->decimals, c->suffix);
    num_text(v1, sizeof v1, c->value[c->n - 1], c->decimals, c->suffix);
    snprintf(tip, sizeof tip, "Verloop %s tot %s: van %s naar %s",
             c->first ? c->first : "", c->last ? c->last : "", v0, v1);
    html_lit(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 ");
    html_num(b, CHART_SPARK_W, 0);
    html_lit(b, " ");
    html_num(b, CHART_SPARK_H, 0);
    html_lit(b, "\" width=\"");
    html_num(b, CHART_SPARK_W, 0);
    html_lit(b, "\" height=\"");
    html_num(b, CHART_SPARK_H, 0);
    html_lit(b, "\"><title>");
    html_txt(b, tip);
    html_lit(b, "</title><path fill=\"none\" stroke-width=\"1.5\" "
                "stroke-linejoin=\"round\" stroke-linecap=\"round\" "
                "stroke=\"");
    html_lit(b, series_colour[0]);
    html_lit(b, "\" d=\"");
    dx = (CHART_SPARK_W - 2 * SPARK_PAD) / (double)(c->n - 1);
    x = y = 0;
    for (i = 0; i < c->n; i++) {
        x = SPARK_PAD + dx * (double)i;
        /* a flat series runs through the middle */
        y = hi > lo ? CHART_SPARK_H - SPARK_PAD - (c->value[i] - lo) /
                          (hi - lo) * (CHART_SPARK_H - 2 * SPARK_PAD)
                    : CHART_SPARK_H / 2.0;
        html_lit(b, i ? " L" : "M");
        html_num(b, x, 1);
        html_lit(b, ",");
        html_num(b, y, 1);
    }
    html_lit(b, "\"/><circle r=\"2.5\" fill=\"");
    html_lit(b, series_colour[0]);
    html_lit(b, "\"");
    chart_attr_num(b, "cx", x);
    chart_attr_num(b, "cy", y);
    html_lit(b, "/></svg>");
    return 0;
}
