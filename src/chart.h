/* chart.h - server-rendered SVG charts for the monitor: a line chart over
 * time, a choropleth map, a horizontal bar chart and a sparkline.
 *
 * Owns: the drawing of the charts (scales, axes, ticks, legends, colours)
 * and the Dutch formatting of numbers (1.234,5). Every chart is one
 * <svg role="img"> with a <title> and a <desc> it is labelled by; every
 * text goes through html.h; every coordinate is printed with a dot. The
 * charts never carry information by colour alone: series have their own
 * marker shapes and a legend, map regions and bars carry their number in
 * a <title>, and the page shows the same numbers in a table beside each
 * chart (that table, not the picture, is how WCAG is met). Colours are
 * presentation attributes, so no style is needed for the picture to make
 * sense; layout comes from .koers-chart in koers.css.
 *
 * The charts borrow everything they are given; they allocate only
 * scratch memory that they free before returning. */
#ifndef KOERS_CHART_H
#define KOERS_CHART_H

#include <stddef.h>

#include "buf.h"
#include "geo.h"

/* Sparkline size in px (and viewBox units). */
#define CHART_SPARK_W 120
#define CHART_SPARK_H 32

/* Series a line chart draws at most (the rest are left out). */
#define CHART_MAX_SERIES 6
/* Classes of a choropleth. */
#define CHART_CLASSES 5

/* v in Dutch notation with `decimals` decimals: "1.234.567,8", "-12",
 * "0,5". Always NUL-terminated; out should hold 32 bytes. */
void chart_format_nl(char *out, size_t len, double v, int decimals);

/* The primitives the charts share with other SVG writers (gantt.c). */
/* ` NAME="V"` with V printed with one decimal and a dot. */
void chart_attr_num(struct buf *b, const char *name, double v);
/* <svg role="img" class="koers-chart__svg" viewBox="0 0 W H" ...>
 * <title id=ID-titel>..</title><desc id=ID-uitleg>..</desc>, the svg
 * labelled by both; the caller closes it with </svg>. */
void chart_svg_open(struct buf *b, const char *id, double w, double h,
                    const char *title, const char *desc);

/* A "nice" step for about n ticks up to max: 1, 2 or 5 times a power
 * of ten (1 when max is not positive). */
double chart_step_125(double max, int n);

/* An axis tick in the unit of a chart: "€ 2,5 mln" (whole or one
 * decimal), "€ 250.000", "80%"; unit "" for a bare number. */
void chart_format_unit(char *out, size_t len, double v, const char *unit);

/* One line: a value per x position of the chart; has[i] 0 is a gap. */
struct chart_series {
    const char *name;            /* "totaal", "vrouw" */
    const double *value;
    const unsigned char *has;
};

struct chart_line {
    const char *id;              /* id prefix, unique in the page */
    const char *title;
    const char *desc;
    const char *suffix;          /* after each number: "" or "%" */
    int decimals;
    size_t nx;
    const double *x;             /* ascending positions (a year, or a year
                                    with a fraction for shorter periods) */
    const char *const *xlabel;   /* short axis label per position */
    const char *const *xname;    /* full name per position (tooltips) */
    size_t nseries;
    const struct chart_series *series;
    /* the target path, a dashed line from baseline to target */
    int has_target;
    double target_x0, target_v0, target_x1, target_v1;
    const char *target_label;    /* "streefwaarde 2030" */
};

/* Append the line chart. 0, or -1 when the input is unusable (no x
 * positions, a value that is not finite); nothing is written then. */
int chart_line_svg(struct buf *b, const struct chart_line *c);

/* One value per region code for a map or a bar chart. */
struct chart_value {
    const char *code;            /* region code (matches the map) */
    const char *name;            /* display name */
    double value;
    int has_value;
};

struct chart_map {
    const char *id;
    const char *title;
    const char *desc;
    const char *suffix;
    int decimals;
    const struct geo_map *map;
    size_t n;
    const struct chart_value *values;   /* regions not listed: no data */
};

/* The class bounds of a choropleth: the values of regions with data cut
 * into at most CHART_CLASSES groups of (nearly) equal size; a value
 * never straddles two classes. lo/hi are the smallest and largest value
 * in each class. Returns the number of classes (0 without data). */
int chart_classes(const struct chart_value *v, size_t n,
                  double lo[CHART_CLASSES], double hi[CHART_CLASSES]);

/* Append the choropleth with its legend (class bounds and a hatched
 * "geen gegevens" swatch). -1 without a map. */
int chart_map_svg(struct buf *b, const struct chart_map *c);

struct chart_bars {
    const char *id;
    const char *title;
    const char *desc;
    const char *suffix;
    int decimals;
    size_t n;
    const struct chart_value *values;
    const char *highlight;       /* code drawn emphasised, or NULL */
};

/* Append a horizontal bar chart, bars sorted from the largest value
 * down, regions without data last with "geen gegevens". */
int chart_bars_svg(struct buf *b, const struct chart_bars *c);

/* The shape of one series in a table cell: values in period order,
 * equally spaced, scaled from their smallest to their largest value. */
struct chart_spark {
    size_t n;
    const double *value;
    const char *first;           /* name of the first period */
    const char *last;            /* name of the last period */
    const char *suffix;          /* after each number: "" or "%" */
    int decimals;
};

/* Append a CHART_SPARK_W x CHART_SPARK_H <svg role="img"> holding only
 * a line and a dot on the last value; its <title> says the trend in
 * words: "Verloop FIRST tot LAST: van 20.087 naar 23.561". No other
 * text, no ids (it may appear many times in a page). With fewer than
 * two values, or a value that is not finite, it appends the page's
 * absent marker instead (a dash, "geen reeks" for screen readers) and
 * returns 1; 0 when the sparkline is drawn. */
int chart_sparkline(struct buf *b, const struct chart_spark *c);

#endif
