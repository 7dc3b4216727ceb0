/* test_gantt.c - unit tests for gantt.h: the month range (rows and
 * today), the refusal of an empty or absurd range, the Gantt SVG (one
 * labelled image, a column per month, planned and actual bars with their
 * patterns, the status and slip in words, the today line, escaped text,
 * coordinates with a dot) and the grouped budget bars (legend, one bar
 * per value, refusal of negative or non-finite values). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "gantt.h"

static size_t occurrences(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

static const struct gantt_row rows[] = {
    { "1", "Vaststellen governance", 1, "2023-10", "2023-11", NULL, NULL,
      NULL, 0 },
    { "1.1", "Bestuurlijk <draagvlak>", 0, "2023-10", "2023-11", "2023-10",
      "2023-12", "gereed", 1 },
    { "2.1", "Aanstellen secretaris", 0, "2023-11", "2023-12", "2024-01",
      NULL, "loopt", 3 },
    { "3.1", "Verkennende gesprekken", 0, "2024-01", "2024-02", NULL, NULL,
      "vervallen", 0 },
};

static void range_covers_rows_and_today(void **state)
{
    struct gantt g = { "g", "t", "d", "2024-03-15", 4, rows };
    char from[8], to[8];

    (void)state;
    assert_int_equal(gantt_range(&g, from, to), 0);
    assert_string_equal(from, "2023-10");
    assert_string_equal(to, "2024-03");
    g.today = "2023-05-01";
    assert_int_equal(gantt_range(&g, from, to), 0);
    assert_string_equal(from, "2023-05");
    assert_string_equal(to, "2024-02");
    g.today = "2050-01-01";       /* more than GANTT_MAX_MONTHS */
    assert_int_equal(gantt_range(&g, from, to), -1);
    g.n = 0;
    g.today = "2024-03-15";
    assert_int_equal(gantt_range(&g, from, to), -1);
}

static void gantt_svg_is_labelled_and_tells_status_in_words(void **state)
{
    struct gantt g = { "plan", "Gantt-diagram", "Uitleg", "2024-03-15", 4,
                       rows };
    struct buf b;

    (void)state;
    buf_init(&b, 1 << 20);
    assert_int_equal(gantt_svg(&b, &g), 0);
    assert_non_null(strstr(b.data, "role=\"img\""));
    assert_non_null(strstr(b.data, "aria-labelledby=\"plan-titel "
                                   "plan-uitleg\""));
    assert_non_null(strstr(b.data, "<title id=\"plan-titel\">Gantt-diagram"));
    /* six month columns: o n d j f m */
    assert_int_equal(occurrences(b.data, "text-anchor=\"middle\""), 6);
    assert_non_null(strstr(b.data, ">2023<"));
    assert_non_null(strstr(b.data, ">2024<"));
    /* status and slip in words, not colour alone */
    assert_non_null(strstr(b.data, "Gereed · 1 mnd te laat"));
    assert_non_null(strstr(b.data, "Loopt · 3 mnd te laat"));
    assert_non_null(strstr(b.data, ">Vervallen<"));
    assert_non_null(strstr(b.data, "url(#plan-loopt)"));
    assert_non_null(strstr(b.data, "url(#plan-vervallen)"));
    assert_non_null(strstr(b.data, "url(#plan-slip)"));
    assert_non_null(strstr(b.data, "2.1 werkelijk 2024-01 tot nu (loopt)"));
    assert_non_null(strstr(b.data, "<title>vandaag, 2024-03-15</title>"));
    /* the step row carries its name in bold */
    assert_non_null(strstr(b.data, "font-weight=\"bold\">Stap 1: "
                                   "Vaststellen governance"));
    /* user text is escaped */
    assert_null(strstr(b.data, "<draagvlak>"));
    assert_non_null(strstr(b.data, "&lt;draagvlak&gt;"));
    /* coordinates print with a dot, never a comma */
    assert_null(strstr(b.data, "x=\"0,"));
    assert_false(buf_failed(&b));
    buf_free(&b);
}

static void gantt_cuts_long_labels(void **state)
{
    static const struct gantt_row one[] = {
        { "3.1", "Secretaris voert verkennende gesprekken met partners "
          "Techniek- en ICT-branches", 0, "2024-01", "2024-02", NULL, NULL,
          "gepland", 0 },
    };
    struct gantt g = { "k", "t", "d", NULL, 1, one };
    struct buf b;

    (void)state;
    buf_init(&b, 1 << 16);
    assert_int_equal(gantt_svg(&b, &g), 0);
    assert_non_null(strstr(b.data, "…"));
    assert_null(strstr(b.data, "ICT-branches<"));
    assert_null(strstr(b.data, "vandaag,"));     /* no today given */
    buf_free(&b);
}

static void bars_have_legend_and_refuse_bad_values(void **state)
{
    struct gantt_bar_group gr[] = {
        { "2024", { 2500000, 1200000, 900000 } },
        { "2025", { 2500000, 2600000.5, 0 } },
    };
    struct gantt_bars c = { "begr", "Begroting per jaar", "Uitleg",
                            { "Gepland", "Verplicht", "Besteed" }, 2, gr };
    struct buf b;

    (void)state;
    buf_init(&b, 1 << 16);
    assert_int_equal(gantt_bars_svg(&b, &c), 0);
    assert_non_null(strstr(b.data, ">Gepland<"));
    assert_non_null(strstr(b.data, ">Verplicht<"));
    assert_non_null(strstr(b.data, "url(#begr-besteed)"));
    assert_non_null(strstr(b.data, "2025, Verplicht: € 2,6 mln"));
    assert_non_null(strstr(b.data, "2024, Besteed: € 900.000"));
    /* six bars with a title each */
    assert_int_equal(occurrences(b.data, "<title>202"), 6);
    buf_free(&b);
    gr[1].v[2] = -1;
    buf_init(&b, 1 << 16);
    assert_int_equal(gantt_bars_svg(&b, &c), -1);
    assert_int_equal(b.len, 0);
    gr[1].v[2] = NAN;
    assert_int_equal(gantt_bars_svg(&b, &c), -1);
    c.n = 0;
    assert_int_equal(gantt_bars_svg(&b, &c), -1);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(range_covers_rows_and_today),
        cmocka_unit_test(gantt_svg_is_labelled_and_tells_status_in_words),
        cmocka_unit_test(gantt_cuts_long_labels),
        cmocka_unit_test(bars_have_legend_and_refuse_bad_values),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
