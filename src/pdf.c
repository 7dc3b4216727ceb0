/* pdf.c - the evaluation as a PDF with cairo and pango (pdf.h).
 *
 * A small flow layout: a cursor y runs down the page; every block asks
 * for the height it needs and starts a new page when it does not fit.
 * Paragraphs are laid out by pango and drawn line by line, so a long
 * finding continues on the next page; a table row never splits, and a
 * table that continues repeats its header. Each section starts on a new
 * page. The page number is drawn in the footer when a page is done.
 * Units are PDF points (1/72 inch); pango's resolution is set to 72 dpi
 * so a 10 pt font is 10 units high. */
#include "pdf.h"
#include "chart.h"
#include "evaluation.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.2756          /* A4 in points */
#define PAGE_H 841.8898
#define MARGIN 56.7              /* 2 cm */
#define FOOTER 28.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN - FOOTER)
#define CELL_PAD 3.0
#define CHART_H 170.0
#define MAX_COLS 16
#define MAX_POINTS 200           /* x positions a chart draws at most */
#define MAX_SERIES 6
#define FINDING_ROOM 160.0       /* height of the box for more findings */

enum font { F_BODY, F_BOLD, F_SMALL, F_SMALL_BOLD, F_H1, F_H2, F_H3,
            F_MUTED, F_COUNT };

static const char *const font_names[F_COUNT] = {
    "DejaVu Sans 9.5", "DejaVu Sans Bold 9.5", "DejaVu Sans 8",
    "DejaVu Sans Bold 8", "DejaVu Sans Bold 20", "DejaVu Sans Bold 14",
    "DejaVu Sans Bold 10.5", "DejaVu Sans Oblique 8"
};

struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fontmap;       /* our own, freed after each document */
    PangoContext *ctx;
    PangoLayout *lay;
    PangoFontDescription *font[F_COUNT];
    double y;
    int page;
    struct buf *out;
};

static cairo_status_t write_cb(void *closure, const unsigned char *data,
                               unsigned int len)
{
    return buf_append(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS
                                               : CAIRO_STATUS_WRITE_ERROR;
}

/* Set the layout to text in font f, wrapped at width (0: no wrap). */
static void set_text(struct pdf *p, enum font f, const char *text,
                     double width, PangoAlignment align)
{
    pango_layout_set_font_description(p->lay, p->font[f]);
    pango_layout_set_width(p->lay, width > 0 ? (int)(width * PANGO_SCALE)
                                             : -1);
    pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(p->lay, align);
    pango_layout_set_text(p->lay, text, -1);
}

static double text_height(struct pdf *p, enum font f, const char *text,
                          double width)
{
    int w, h;

    set_text(p, f, text, width, PANGO_ALIGN_LEFT);
    pango_layout_get_size(p->lay, &w, &h);
    return (double)h / PANGO_SCALE;
}

static double text_width(struct pdf *p, enum font f, const char *text)
{
    int w, h;

    set_text(p, f, text, 0, PANGO_ALIGN_LEFT);
    pango_layout_get_size(p->lay, &w, &h);
    return (double)w / PANGO_SCALE;
}

/* Draw text at (x, y) (top left), wrapped at width. */
static void text_at(struct pdf *p, enum font f, const char *text, double x,
                    double y, double width, PangoAlignment align)
{
    set_text(p, f, text, width, align);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, p->lay);
}

static void footer(struct pdf *p)
{
    char t[64];

    snprintf(t, sizeof t, "Pagina %d", p->page);
    cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
    text_at(p, F_SMALL, "Koers — evaluatie van de governance", MARGIN,
            PAGE_H - MARGIN, CONTENT_W, PANGO_ALIGN_LEFT);
    text_at(p, F_SMALL, t, MARGIN, PAGE_H - MARGIN, CONTENT_W,
            PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct pdf *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

/* Start a new page unless h more points fit on this one. */
static void need(struct pdf *p, double h)
{
    if (p->y + h > BOTTOM && p->y > MARGIN)
        new_page(p);
}

/* Text flowing down the page line by line (it may continue on the next
 * page), then `gap` points of space. */
static void flow(struct pdf *p, enum font f, const char *text, double x,
                 double width, double gap)
{
    PangoLayoutIter *it;
    double y0, off = 0, bottom = 0;

    set_text(p, f, text, width, PANGO_ALIGN_LEFT);
    it = pango_layout_get_iter(p->lay);
    y0 = p->y;
    do {
        PangoRectangle log;
        double top, h, base;

        pango_layout_iter_get_line_extents(it, NULL, &log);
        top = (double)log.y / PANGO_SCALE;
        h = (double)log.height / PANGO_SCALE;
        base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        if (y0 + (top - off) + h > BOTTOM && (top - off) + y0 > MARGIN) {
            new_page(p);
            y0 = MARGIN;
            off = top;
        }
        cairo_move_to(p->cr, x, y0 + base - off);
        pango_cairo_show_layout_line(p->cr,
                                     pango_layout_iter_get_line_readonly(it));
        bottom = top + h - off;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->y = y0 + bottom + gap;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

struct table {
    size_t ncols;
    const char *label[MAX_COLS];
    int numeric[MAX_COLS];
    double x[MAX_COLS], w[MAX_COLS];
};

/* Column widths: each column's natural (one-line) width; when they do
 * not fit, the text columns give way first, then all alike. */
static void table_widths(struct pdf *p, struct table *t, json_t *rows)
{
    double nat[MAX_COLS], sum = 0, numsum = 0, txtsum = 0, x = MARGIN;
    json_t *row;
    size_t c, i;

    for (c = 0; c < t->ncols; c++) {
        /* a header may wrap at its words: its widest word counts */
        char word[128];
        const char *s = t->label[c], *e;

        nat[c] = 24;
        while (*s) {
            e = strchr(s, ' ');
            snprintf(word, sizeof word, "%.*s", (int)(e ? e - s
                                                         : (long)strlen(s)),
                     s);
            if (text_width(p, F_SMALL_BOLD, word) + 2 * CELL_PAD > nat[c])
                nat[c] = text_width(p, F_SMALL_BOLD, word) + 2 * CELL_PAD;
            s = e ? e + 1 : s + strlen(s);
        }
    }
    json_array_foreach(rows, i, row)
        for (c = 0; c < t->ncols && c < json_array_size(row); c++) {
            double w = text_width(p, F_SMALL, json_string_value(
                           json_array_get(row, c)) ? json_string_value(
                           json_array_get(row, c)) : "") + 2 * CELL_PAD;

            if (w > nat[c])
                nat[c] = w;
        }
    for (c = 0; c < t->ncols; c++) {
        sum += nat[c];
        if (t->numeric[c])
            numsum += nat[c];
        else
            txtsum += nat[c];
    }
    for (c = 0; c < t->ncols; c++) {
        if (sum <= CONTENT_W)
            t->w[c] = nat[c] + (CONTENT_W - sum) * nat[c] / sum;
        else if (numsum < CONTENT_W * 0.7 && txtsum > 0)
            t->w[c] = t->numeric[c] ? nat[c]
                                    : nat[c] * (CONTENT_W - numsum) / txtsum;
        else
            t->w[c] = nat[c] * CONTENT_W / sum;
        t->x[c] = x;
        x += t->w[c];
    }
}

/* Height of a row of cells in font f. */
static double row_height(struct pdf *p, const struct table *t,
                         const char *const *cells, enum font f)
{
    double h = 0, ch;
    size_t c;

    for (c = 0; c < t->ncols; c++) {
        ch = text_height(p, f, cells[c], t->w[c] - 2 * CELL_PAD);
        if (ch > h)
            h = ch;
    }
    return h + 2 * CELL_PAD;
}

static void draw_row(struct pdf *p, const struct table *t,
                     const char *const *cells, enum font f, int header)
{
    double h = row_height(p, t, cells, f);
    size_t c;

    if (header) {
        cairo_set_source_rgb(p->cr, 0.87, 0.91, 0.95);
        cairo_rectangle(p->cr, MARGIN, p->y, CONTENT_W, h);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
    }
    for (c = 0; c < t->ncols; c++)
        text_at(p, f, cells[c], t->x[c] + CELL_PAD, p->y + CELL_PAD,
                t->w[c] - 2 * CELL_PAD, t->numeric[c] ? PANGO_ALIGN_RIGHT
                                                       : PANGO_ALIGN_LEFT);
    p->y += h;
    cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(p->cr, header ? 0.8 : 0.3);
    cairo_move_to(p->cr, MARGIN, p->y);
    cairo_line_to(p->cr, MARGIN + CONTENT_W, p->y);
    cairo_stroke(p->cr);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void block_table(struct pdf *p, json_t *blk)
{
    json_t *cols = json_object_get(blk, "kolommen");
    json_t *rows = json_object_get(blk, "rijen"), *row;
    const char *cells[MAX_COLS];
    struct table t = { 0 };
    double hh;
    size_t c, i;

    t.ncols = json_array_size(cols) < MAX_COLS ? json_array_size(cols)
                                               : MAX_COLS;
    for (c = 0; c < t.ncols; c++) {
        const char *l = json_string_value(json_array_get(cols, c));

        l = l ? l : "";
        t.numeric[c] = l[0] == '#';
        t.label[c] = l + (l[0] == '#');
    }
    table_widths(p, &t, rows);
    hh = row_height(p, &t, t.label, F_SMALL_BOLD);
    /* the caption, the header and a first row stay together */
    need(p, 16 + hh + 20);
    flow(p, F_BOLD, json_string_value(json_object_get(blk, "bijschrift")),
         MARGIN, CONTENT_W, 3);
    if (json_array_size(rows) == 0) {
        flow(p, F_MUTED, json_string_value(json_object_get(blk, "leeg")),
             MARGIN, CONTENT_W, 10);
        return;
    }
    draw_row(p, &t, t.label, F_SMALL_BOLD, 1);
    json_array_foreach(rows, i, row) {
        double h;

        for (c = 0; c < t.ncols; c++) {
            const char *s = json_string_value(json_array_get(row, c));

            cells[c] = s ? s : "";
        }
        h = row_height(p, &t, cells, F_SMALL);
        if (p->y + h > BOTTOM) {
            new_page(p);
            draw_row(p, &t, t.label, F_SMALL_BOLD, 1);
        }
        draw_row(p, &t, cells, F_SMALL, 0);
    }
    p->y += 12;
}

/* ------------------------------------------------------------------ */
/* Charts                                                              */

/* Fill colours of the series; the legend names them, and the bars of a
 * group are always in the same order, so the colour is not the only
 * cue. */
static const double series_rgb[MAX_SERIES][3] = {
    { 0.004, 0.408, 0.608 }, { 0.878, 0.525, 0.0 }, { 0.224, 0.553, 0.224 },
    { 0.6, 0.2, 0.4 }, { 0.4, 0.4, 0.4 }, { 0.2, 0.2, 0.6 }
};

static void block_chart(struct pdf *p, json_t *blk)
{
    json_t *labels = json_object_get(blk, "labels");
    json_t *series = json_object_get(blk, "reeksen"), *s;
    const char *unit = json_string_value(json_object_get(blk, "eenheid"));
    int bars = strcmp(json_string_value(json_object_get(blk, "vorm")) ?
                      json_string_value(json_object_get(blk, "vorm")) : "",
                      "staven") == 0;
    size_t n = json_array_size(labels), ns = json_array_size(series);
    double max = 0, step, x0, y0, w, h, v, lx;
    size_t i, k, every;
    char t[64];

    unit = unit ? unit : "";
    if (n > MAX_POINTS)
        n = MAX_POINTS;
    if (ns > MAX_SERIES)
        ns = MAX_SERIES;
    need(p, CHART_H + 60);
    flow(p, F_BOLD, json_string_value(json_object_get(blk, "titel")),
         MARGIN, CONTENT_W, 2);
    flow(p, F_MUTED, json_string_value(json_object_get(blk,
                                                       "beschrijving")),
         MARGIN, CONTENT_W, 6);
    if (n == 0 || ns == 0) {
        flow(p, F_MUTED, "Geen gegevens.", MARGIN, CONTENT_W, 10);
        return;
    }
    max = evaluation_chart_max(blk, n);
    if (strcmp(unit, "%") == 0 && !bars)
        max = 100;
    if (max <= 0)
        max = 1;
    step = chart_step_125(max, 5);
    max = ceil(max / step) * step;
    x0 = MARGIN + 62;
    y0 = p->y + CHART_H;
    w = CONTENT_W - 62;
    h = CHART_H - 10;
    /* grid and y axis */
    cairo_set_line_width(p->cr, 0.3);
    for (v = 0; v <= max + step / 2; v += step) {
        double yy = y0 - v / max * h;

        cairo_set_source_rgb(p->cr, 0.8, 0.8, 0.8);
        cairo_move_to(p->cr, x0, yy);
        cairo_line_to(p->cr, x0 + w, yy);
        cairo_stroke(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        chart_format_unit(t, sizeof t, v, unit);
        text_at(p, F_SMALL, t, MARGIN, yy - 5, 58, PANGO_ALIGN_RIGHT);
    }
    cairo_set_line_width(p->cr, 0.8);
    cairo_move_to(p->cr, x0, y0 - h);
    cairo_line_to(p->cr, x0, y0);
    cairo_line_to(p->cr, x0 + w, y0);
    cairo_stroke(p->cr);
    /* x labels, thinned out so they do not overlap */
    every = (size_t)ceil((double)n * 46.0 / w);
    every = every < 1 ? 1 : every;
    for (i = 0; i < n; i++) {
        double cx = x0 + w * ((double)i + 0.5) / (double)n;

        if (i % every != 0)
            continue;
        text_at(p, F_SMALL, json_string_value(json_array_get(labels, i)),
                cx - 30, y0 + 3, 60, PANGO_ALIGN_CENTER);
    }
    json_array_foreach(series, k, s) {
        json_t *vals = json_object_get(s, "waarden");
        int open = 0;

        if (k >= ns)
            break;
        cairo_set_source_rgb(p->cr, series_rgb[k][0], series_rgb[k][1],
                             series_rgb[k][2]);
        for (i = 0; i < n; i++) {
            json_t *jv = json_array_get(vals, i);
            double cx = x0 + w * ((double)i + 0.5) / (double)n, yy;

            if (!json_is_number(jv)) {
                open = 0;
                continue;
            }
            v = json_number_value(jv);
            yy = y0 - (v < 0 ? 0 : v) / max * h;
            if (bars) {
                double gw = w / (double)n * 0.8, bw = gw / (double)ns;
                double bx = x0 + w * (double)i / (double)n +
                            w / (double)n * 0.1 + bw * (double)k;

                cairo_rectangle(p->cr, bx, yy, bw * 0.9, y0 - yy);
                cairo_fill(p->cr);
            } else {
                if (open)
                    cairo_line_to(p->cr, cx, yy);
                else
                    cairo_move_to(p->cr, cx, yy);
                open = 1;
            }
        }
        if (!bars) {
            cairo_set_line_width(p->cr, 1.6);
            cairo_stroke(p->cr);
            for (i = 0; i < n; i++) {
                json_t *jv = json_array_get(vals, i);
                double cx = x0 + w * ((double)i + 0.5) / (double)n;

                if (!json_is_number(jv))
                    continue;
                v = json_number_value(jv);
                cairo_arc(p->cr, cx, y0 - (v < 0 ? 0 : v) / max * h, 2.4,
                          0, 2 * M_PI);
                cairo_fill(p->cr);
            }
        }
    }
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    /* legend */
    lx = x0;
    json_array_foreach(series, k, s) {
        const char *name = json_string_value(json_object_get(s, "naam"));

        if (k >= ns)
            break;
        cairo_set_source_rgb(p->cr, series_rgb[k][0], series_rgb[k][1],
                             series_rgb[k][2]);
        cairo_rectangle(p->cr, lx, y0 + 18, 9, 9);
        cairo_fill(p->cr);
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        text_at(p, F_SMALL, name ? name : "", lx + 12, y0 + 17, 0,
                PANGO_ALIGN_LEFT);
        lx += 12 + text_width(p, F_SMALL, name ? name : "") + 14;
    }
    p->y = y0 + 38;
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static void block_finding(struct pdf *p, json_t *blk)
{
    char per[64];

    snprintf(per, sizeof per, "Periode %s tot en met %s",
             json_string_value(json_object_get(blk, "van")),
             json_string_value(json_object_get(blk, "tot")));
    need(p, 50);
    flow(p, F_H3, json_string_value(json_object_get(blk, "thema")), MARGIN,
         CONTENT_W, 1);
    flow(p, F_MUTED, per, MARGIN, CONTENT_W, 3);
    flow(p, F_BODY, json_string_value(json_object_get(blk, "tekst")),
         MARGIN, CONTENT_W, 10);
}

/* A ruled box for findings written by hand on the printed copy. */
static void finding_room(struct pdf *p)
{
    double y;

    need(p, FINDING_ROOM + 24);
    flow(p, F_H3, "Ruimte voor aanvullende bevindingen", MARGIN, CONTENT_W,
         4);
    cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(p->cr, 0.5);
    cairo_rectangle(p->cr, MARGIN, p->y, CONTENT_W, FINDING_ROOM);
    cairo_stroke(p->cr);
    cairo_set_line_width(p->cr, 0.3);
    for (y = p->y + 20; y < p->y + FINDING_ROOM; y += 20) {
        cairo_move_to(p->cr, MARGIN + 8, y);
        cairo_line_to(p->cr, MARGIN + CONTENT_W - 8, y);
    }
    cairo_stroke(p->cr);
    cairo_set_source_rgb(p->cr, 0, 0, 0);
    p->y += FINDING_ROOM + 10;
}

static void section(struct pdf *p, json_t *sec, size_t nr)
{
    json_t *bron = json_object_get(sec, "bron"), *blk;
    char title[256], src[256];
    size_t i;

    new_page(p);
    snprintf(title, sizeof title, "%zu. %s", nr,
             json_string_value(json_object_get(sec, "titel")));
    flow(p, F_H2, title, MARGIN, CONTENT_W, 2);
    if (json_is_object(bron)) {
        snprintf(src, sizeof src, "Bron: rapport, %s, regels %lld–%lld",
                 json_string_value(json_object_get(bron, "sectie")),
                 (long long)json_integer_value(json_object_get(bron, "van")),
                 (long long)json_integer_value(json_object_get(bron,
                                                               "tot")));
        flow(p, F_MUTED, src, MARGIN, CONTENT_W, 8);
    }
    json_array_foreach(json_object_get(sec, "blokken"), i, blk) {
        const char *kind = json_string_value(json_object_get(blk, "soort"));

        kind = kind ? kind : "";
        if (strcmp(kind, "alinea") == 0)
            flow(p, F_BODY, json_string_value(json_object_get(blk, "tekst")),
                 MARGIN, CONTENT_W, 8);
        else if (strcmp(kind, "tabel") == 0)
            block_table(p, blk);
        else if (strcmp(kind, "grafiek") == 0)
            block_chart(p, blk);
        else if (strcmp(kind, "bevinding") == 0)
            block_finding(p, blk);
    }
    if (strcmp(json_string_value(json_object_get(sec, "id")) ?
               json_string_value(json_object_get(sec, "id")) : "",
               "bevindingen") == 0)
        finding_room(p);
}

static void title_page(struct pdf *p, json_t *doc)
{
    json_t *sec;
    char line[300];
    size_t i;

    p->y = MARGIN + 80;
    flow(p, F_H1, json_string_value(json_object_get(doc, "titel")), MARGIN,
         CONTENT_W, 14);
    flow(p, F_BODY, json_string_value(json_object_get(doc, "ondertitel")),
         MARGIN, CONTENT_W, 24);
    flow(p, F_H3, "Inhoud", MARGIN, CONTENT_W, 6);
    json_array_foreach(json_object_get(doc, "secties"), i, sec) {
        snprintf(line, sizeof line, "%zu. %s", i + 1,
                 json_string_value(json_object_get(sec, "titel")));
        flow(p, F_BODY, line, MARGIN + 12, CONTENT_W - 12, 3);
    }
}

int pdf_render(json_t *doc, struct buf *out, char *err, size_t errlen)
{
    struct pdf p;
    json_t *sec;
    cairo_status_t st;
    size_t i;
    int f, rc = -1;

    memset(&p, 0, sizeof p);
    p.out = out;
    p.page = 1;
    p.surface = cairo_pdf_surface_create_for_stream(write_cb, out, PAGE_W,
                                                    PAGE_H);
    if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cannot create the PDF surface");
        goto cleanup;
    }
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE,
        json_string_value(json_object_get(doc, "titel")) ?
        json_string_value(json_object_get(doc, "titel")) : "Evaluatie");
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR,
                                   "Koers");
    p.cr = cairo_create(p.surface);
    /* a font map of our own rather than pango's per-thread default, so
     * that everything it caches is released with the document */
    p.fontmap = pango_cairo_font_map_new();
    p.ctx = pango_font_map_create_context(p.fontmap);
    pango_cairo_update_context(p.cr, p.ctx);
    pango_cairo_context_set_resolution(p.ctx, 72);
    p.lay = pango_layout_new(p.ctx);
    for (f = 0; f < F_COUNT; f++)
        p.font[f] = pango_font_description_from_string(font_names[f]);
    cairo_set_source_rgb(p.cr, 0, 0, 0);
    title_page(&p, doc);
    json_array_foreach(json_object_get(doc, "secties"), i, sec)
        section(&p, sec, i + 1);
    footer(&p);
    cairo_show_page(p.cr);
    cairo_surface_finish(p.surface);
    st = cairo_surface_status(p.surface);
    if (st != CAIRO_STATUS_SUCCESS || buf_failed(out)) {
        snprintf(err, errlen, "PDF rendering failed: %s",
                 buf_failed(out) ? "document too large"
                                 : cairo_status_to_string(st));
        goto cleanup;
    }
    rc = 0;
cleanup:
    for (f = 0; f < F_COUNT; f++)
        if (p.font[f])
            pango_font_description_free(p.font[f]);
    if (p.lay)
        g_object_unref(p.lay);
    if (p.ctx)
        g_object_unref(p.ctx);
    if (p.fontmap)
        g_object_unref(p.fontmap);
    if (p.cr)
        cairo_destroy(p.cr);
    if (p.surface)
        cairo_surface_destroy(p.surface);
    return rc;
}

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer: fontconfig loses a small block while it parses its
 * configuration files once per process (inside libexpat callbacks, not
 * reachable from any of our calls); suppress exactly that library so the
 * sanitizer runs stay clean for everything of ours. Read by the ASan
 * runtime at start-up; the build without sanitizers leaves it out. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}
#endif
