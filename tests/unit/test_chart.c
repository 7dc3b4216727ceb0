/* test_chart.c - unit tests for chart.h: Dutch number formatting, the
 * class bounds of a choropleth (quantiles that never split equal
 * values), and the three SVG charts: role="img" with title and desc,
 * escaped text, tooltips with Dutch numbers, gaps in a line, the dashed
 * target path, the map's classes and hatched "geen gegevens" regions on
 * the real province map, bars sorted from the largest down, and the
 * sparkline (its points, its title in words, the absent marker). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chart.h"
#include "geo.h"

static void check_nl(double v, int dec, const char *want)
{
    char out[32];

    chart_format_nl(out, sizeof out, v, dec);
    assert_string_equal(out, want);
}

static void test_format_nl(void **state)
{
    char small[4];

    (void)state;
    check_nl(0, 0, "0");
    check_nl(12, 0, "12");
    check_nl(999, 0, "999");
    check_nl(1000, 0, "1.000");
    check_nl(1234.5, 1, "1.234,5");
    check_nl(1234567, 0, "1.234.567");
    check_nl(-1234, 0, "-1.234");
    check_nl(0.5, 2, "0,50");
    check_nl(999.96, 1, "1.000,0");
    check_nl(-0.04, 1, "0,0");            /* no "-0,0" */
    check_nl(45.25, 1, "45,2");           /* binary 45.25 rounds to even */
    check_nl(NAN, 0, "?");
    chart_format_nl(small, sizeof small, 123456, 0);
    assert_string_equal(small, "123");    /* cut, still terminated */
}

static void test_classes(void **state)
{
    struct chart_value v[12];
    double lo[CHART_CLASSES], hi[CHART_CLASSES];
    int k, i;

    (void)state;
    memset(v, 0, sizeof v);
    for (i = 0; i < 12; i++) {
        v[i].code = "X";
        v[i].value = (double)(12 - i) * 10;   /* 120 .. 10 */
        v[i].has_value = 1;
    }
    k = chart_classes(v, 12, lo, hi);
    assert_int_equal(k, 5);
    assert_true(lo[0] == 10 && hi[4] == 120);
    for (i = 0; i < k; i++) {
        assert_true(lo[i] <= hi[i]);
        if (i)
            assert_true(lo[i] > hi[i - 1]);
    }
    /* ties stay in one class */
    for (i = 0; i < 12; i++)
        v[i].value = i < 8 ? 5 : 7;
    k = chart_classes(v, 12, lo, hi);
    assert_int_equal(k, 2);
    assert_true(lo[0] == 5 && hi[0] == 5 && lo[1] == 7 && hi[1] == 7);
    /* regions without data are not counted */
    for (i = 0; i < 12; i++)
        v[i].has_value = i == 3;
    assert_int_equal(chart_classes(v, 12, lo, hi), 1);
    for (i = 0; i < 12; i++)
        v[i].has_value = 0;
    assert_int_equal(chart_classes(v, 12, lo, hi), 0);
    assert_int_equal(chart_classes(v, 0, lo, hi), 0);
}

static const double xs[] = { 2015, 2016, 2017, 2018, 2019 };
static const char *const xl[] = { "2015/16", "2016/17", "2017/18",
                                  "2018/19", "2019/20" };
static const char *const xn[] = { "studiejaar 2015/2016",
    "studiejaar 2016/2017", "studiejaar 2017/2018", "studiejaar 2018/2019",
    "studiejaar 2019/2020" };

static void test_line(void **state)
{
    double tot[] = { 10500, 11000, 11800, 12100, 12600 };
    double vr[] = { 2300, 0, 2600, 2750, 2900 };
    unsigned char has_vr[] = { 1, 0, 1, 1, 1 };
    struct chart_series s[] = {
        { "totaal", tot, NULL },
        { "<vrouw>", vr, has_vr },
    };
    struct chart_line c = {
        .id = "lijn", .title = "Eerstejaars & techniek",
        .desc = "Lijngrafiek", .suffix = "", .decimals = 0,
        .nx = 5, .x = xs, .xlabel = xl, .xname = xn,
        .nseries = 2, .series = s,
        .has_target = 1, .target_x0 = 2015, .target_v0 = 10500,
        .target_x1 = 2030, .target_v1 = 15000,
        .target_label = "streefwaarde 2030",
    };
    struct buf b;
    const char *o;

    (void)state;
    buf_init(&b, 1 << 20);
    assert_int_equal(chart_line_svg(&b, &c), 0);
    assert_false(buf_failed(&b));
    o = buf_str(&b);
    assert_true(strncmp(o, "<svg ", 5) == 0);
    assert_non_null(strstr(o, "role=\"img\""));
    assert_non_null(strstr(o, "aria-labelledby=\"lijn-titel lijn-uitleg\""));
    assert_non_null(strstr(o, "<title id=\"lijn-titel\">Eerstejaars &amp; "
                              "techniek</title>"));
    assert_non_null(strstr(o, "<desc id=\"lijn-uitleg\">Lijngrafiek"));
    /* tooltips with the full period name and a Dutch number */
    assert_non_null(strstr(o, "<title>totaal, studiejaar 2019/2020: "
                              "12.600</title>"));
    assert_non_null(strstr(o, "<title>&lt;vrouw&gt;, studiejaar 2017/2018: "
                              "2.600</title>"));
    assert_null(strstr(o, "<vrouw>"));
    assert_null(strstr(o, "studiejaar 2016/2017: 0<"));  /* the gap */
    /* the gap breaks the line: a second M inside the vrouw path */
    assert_non_null(strstr(o, " M"));
    /* the target: dashed, its two ends with their values */
    assert_non_null(strstr(o, "stroke-dasharray=\"7 5\""));
    assert_non_null(strstr(o, "<title>basiswaarde 2015: 10.500</title>"));
    assert_non_null(strstr(o, "<title>streefwaarde 2030: 15.000</title>"));
    assert_non_null(strstr(o, ">2030</text>"));        /* target year */
    assert_non_null(strstr(o, ">streefwaarde 2030</text>"));  /* legend */
    /* y axis: from 0 in Dutch notation */
    assert_non_null(strstr(o, ">0</text>"));
    assert_non_null(strstr(o, ">15.000</text>"));
    assert_non_null(strstr(o, ">2019/20</text>"));
    assert_true(strstr(o, "</svg>") == o + strlen(o) - 6);

    /* unusable input writes nothing */
    buf_reset(&b);
    tot[2] = NAN;
    assert_int_equal(chart_line_svg(&b, &c), -1);
    assert_int_equal(b.len, 0);
    c.nx = 0;
    assert_int_equal(chart_line_svg(&b, &c), -1);
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_line_small_values(void **state)
{
    double pct[] = { 21.5, 22.25, 23 };
    struct chart_series s[] = { { "totaal", pct, NULL } };
    struct chart_line c = {
        .id = "p", .title = "Aandeel", .desc = "d", .suffix = "%",
        .decimals = 1, .nx = 3, .x = xs, .xlabel = xl, .xname = xn,
        .nseries = 1, .series = s,
    };
    struct buf b;

    (void)state;
    buf_init(&b, 1 << 20);
    assert_int_equal(chart_line_svg(&b, &c), 0);
    assert_non_null(strstr(buf_str(&b), "<title>totaal, studiejaar "
                                        "2016/2017: 22,2%</title>"));
    assert_non_null(strstr(buf_str(&b), ">25%</text>"));  /* a nice tick */
    assert_null(strstr(buf_str(&b), "dasharray"));       /* no target */
    buf_free(&b);
}

static const char *data_dir(void)
{
    const char *d = getenv("KOERS_DATA");

    return d && d[0] ? d : "data";
}

/* Occurrences of needle in hay. */
static int count(const char *hay, const char *needle)
{
    int n = 0;

    while ((hay = strstr(hay, needle)) != NULL) {
        n++;
        hay += strlen(needle);
    }
    return n;
}

static void test_map(void **state)
{
    static const char *const codes[] = { "PV20", "PV21", "PV22", "PV23",
        "PV24", "PV25", "PV26", "PV27", "PV28", "PV29", "PV30" };
    struct chart_value v[11];
    struct chart_map c;
    const struct geo_map *m = geo_get(data_dir(), GEO_PROVINCIE);
    struct buf b;
    const char *o;
    size_t i;

    (void)state;
    assert_non_null(m);
    memset(v, 0, sizeof v);
    for (i = 0; i < 11; i++) {     /* Limburg (PV31) has no value */
        v[i].code = codes[i];
        v[i].name = i == 5 ? "Gelderland" : NULL;
        v[i].value = 1000 + 100.0 * (double)i;
        v[i].has_value = 1;
    }
    v[5].value = 1234;
    memset(&c, 0, sizeof c);
    c.id = "kaart";
    c.title = "Kaart";
    c.desc = "Provincies";
    c.suffix = "";
    c.map = m;
    c.n = 11;
    c.values = v;
    buf_init(&b, 1 << 20);
    assert_int_equal(chart_map_svg(&b, &c), 0);
    o = buf_str(&b);
    assert_non_null(strstr(o, "role=\"img\""));
    assert_int_equal(count(o, "<path d=\"M"), 12);
    assert_non_null(strstr(o, "<title>Gelderland: 1.234</title>"));
    assert_non_null(strstr(o, "<title>Limburg: geen gegevens</title>"));
    /* the region without data and the legend swatch are hatched */
    assert_int_equal(count(o, "fill=\"url(#kaart-geen)\""), 2);
    assert_non_null(strstr(o, "<pattern id=\"kaart-geen\""));
    assert_non_null(strstr(o, ">geen gegevens</text>"));
    /* five classes, lowest and highest bounds in the legend */
    assert_int_equal(count(o, "fill=\"#ffffcc\""), 1 + 3);  /* swatch+3 */
    assert_int_equal(count(o, "fill=\"#253494\""), 1 + 2);
    assert_non_null(strstr(o, ">1.000 – 1.200</text>"));
    assert_non_null(strstr(o, ">1.234 – 1.300</text>"));
    assert_non_null(strstr(o, ">1.900 – 2.000</text>"));
    buf_free(&b);

    c.map = NULL;
    buf_init(&b, 1024);
    assert_int_equal(chart_map_svg(&b, &c), -1);
    buf_free(&b);
}

static void test_bars(void **state)
{
    struct chart_value v[] = {
        { "PV25", "Gelderland", 300, 1 },
        { "PV31", "Limburg", 0, 0 },
        { "PV27", "Noord-Holland", 500, 1 },
        { "PV20", "Groningen", 100, 1 },
    };
    struct chart_bars c = {
        .id = "staaf", .title = "Vergelijking", .desc = "d", .suffix = "",
        .decimals = 0, .n = 4, .values = v, .highlight = "PV25",
    };
    struct buf b;
    const char *o, *nh, *ge, *gr, *li;

    (void)state;
    buf_init(&b, 1 << 20);
    assert_int_equal(chart_bars_svg(&b, &c), 0);
    o = buf_str(&b);
    nh = strstr(o, ">Noord-Holland<");
    ge = strstr(o, ">Gelderland<");
    gr = strstr(o, ">Groningen<");
    li = strstr(o, ">Limburg<");
    assert_true(nh && ge && gr && li);
    assert_true(nh < ge && ge < gr && gr < li);
    assert_non_null(strstr(o, "<title>Gelderland: 300</title>"));
    assert_non_null(strstr(o, "font-weight=\"bold\" fill=\"#1a1a1a\">"
                              "Gelderland<"));
    assert_non_null(strstr(o, ">geen gegevens</text>"));
    assert_int_equal(count(o, "<rect"), 3);
    buf_free(&b);
}

static void test_sparkline(void **state)
{
    double v[] = { 20087, 21000, 19000, 23561 };
    struct chart_spark c = {
        .n = 4, .value = v, .first = "studiejaar 2015/2016",
        .last = "studiejaar 2019/2020", .suffix = "", .decimals = 0,
    };
    static const char *const absent = "<span aria-hidden=\"true\">—</span>"
        "<span class=\"koers-visually-hidden\">geen reeks</span>";
    struct buf b;
    const char *o;

    (void)state;
    buf_init(&b, 1 << 16);
    assert_int_equal(chart_sparkline(&b, &c), 0);
    assert_false(buf_failed(&b));
    o = buf_str(&b);
    assert_true(strncmp(o, "<svg ", 5) == 0);
    assert_non_null(strstr(o, "role=\"img\""));
    assert_non_null(strstr(o, "viewBox=\"0 0 120 32\" width=\"120\" "
                              "height=\"32\""));
    assert_non_null(strstr(o, "<title>Verloop studiejaar 2015/2016 tot "
                              "studiejaar 2019/2020: van 20.087 naar "
                              "23.561</title>"));
    /* equally spaced from x 3.5 to 116.5; the lowest value (19000) at
     * the bottom (y 28.5), the highest (23561) at the top (y 3.5) */
    assert_non_null(strstr(o, "d=\"M3.5,"));
    assert_non_null(strstr(o, " L41.2,"));
    assert_non_null(strstr(o, " L78.8,28.5"));
    assert_non_null(strstr(o, " L116.5,3.5\""));
    /* the dot on the last value */
    assert_non_null(strstr(o, "cx=\"116.5\" cy=\"3.5\""));
    /* no other text, no ids (it repeats in a table) */
    assert_null(strstr(o, "<text"));
    assert_null(strstr(o, "id="));
    assert_int_equal(count(o, "<title>"), 1);
    assert_true(strstr(o, "</svg>") == o + strlen(o) - 6);

    /* a percentage with decimals; a flat line runs through the middle */
    buf_reset(&b);
    v[0] = v[1] = 45.25;
    c.n = 2;
    c.suffix = "%";
    c.decimals = 1;
    c.first = "2019 & <later>";
    assert_int_equal(chart_sparkline(&b, &c), 0);
    o = buf_str(&b);
    assert_non_null(strstr(o, "<title>Verloop 2019 &amp; &lt;later&gt; tot "
                              "studiejaar 2019/2020: van 45,2% naar "
                              "45,2%</title>"));
    assert_non_null(strstr(o, "d=\"M3.5,16.0 L116.5,16.0\""));

    /* fewer than two points, or a value that is not a number: a dash
     * and "geen reeks" for screen readers, no picture */
    buf_reset(&b);
    c.n = 1;
    assert_int_equal(chart_sparkline(&b, &c), 1);
    assert_string_equal(buf_str(&b), absent);
    buf_reset(&b);
    c.n = 0;
    c.value = NULL;
    assert_int_equal(chart_sparkline(&b, &c), 1);
    assert_string_equal(buf_str(&b), absent);
    buf_reset(&b);
    v[1] = NAN;
    c.n = 2;
    c.value = v;
    assert_int_equal(chart_sparkline(&b, &c), 1);
    assert_string_equal(buf_str(&b), absent);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_nl),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_line),
        cmocka_unit_test(test_line_small_values),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_bars),
        cmocka_unit_test(test_sparkline),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);

    geo_cache_free();
    return rc;
}
