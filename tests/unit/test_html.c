/* test_html.c - unit tests for html.h: the escapers for element text,
 * attributes and URL arguments, numbers (always with a dot), links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "html.h"

static int setup_buf(void **state)
{
    static struct buf b;

    buf_init(&b, 64 * 1024);
    *state = &b;
    return 0;
}

static int teardown_buf(void **state)
{
    struct buf *b = *state;

    assert_false(buf_failed(b));
    buf_free(b);
    return 0;
}

static void test_lit(void **state)
{
    struct buf *b = *state;

    html_lit(b, "<p class=\"x\">");
    assert_string_equal(buf_str(b), "<p class=\"x\">");
}

static void test_txt_escapes(void **state)
{
    struct buf *b = *state;

    html_txt(b, "a&b<c>d\"e'f");
    assert_string_equal(buf_str(b), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    buf_reset(b);
    html_txt(b, "<script>alert('x')</script>");
    assert_string_equal(buf_str(b),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    buf_reset(b);
    /* Only specials, and an entity that must not be left as is. */
    html_txt(b, "&&<>&amp;");
    assert_string_equal(buf_str(b), "&amp;&amp;&lt;&gt;&amp;amp;");
}

static void test_txt_passthrough(void **state)
{
    struct buf *b = *state;

    html_txt(b, "Gewoon tekst, café € 😀 = / ? #");
    assert_string_equal(buf_str(b), "Gewoon tekst, café € 😀 = / ? #");
    buf_reset(b);
    html_txt(b, "");
    html_txt(b, NULL);
    assert_string_equal(buf_str(b), "");
}

static void test_attr(void **state)
{
    struct buf *b = *state;

    html_attr(b, "\" onmouseover=\"alert(1)");
    assert_string_equal(buf_str(b), "&quot; onmouseover=&quot;alert(1)");
    buf_reset(b);
    html_attr(b, "a'b&c<d>e");
    assert_string_equal(buf_str(b), "a&#39;b&amp;c&lt;d&gt;e");
    buf_reset(b);
    html_attr(b, NULL);
    assert_string_equal(buf_str(b), "");
}

static void test_url_arg(void **state)
{
    struct buf *b = *state;

    html_url_arg(b, "AZaz09-_.~");
    assert_string_equal(buf_str(b), "AZaz09-_.~");
    buf_reset(b);
    html_url_arg(b, "a b/c?d&e#f");
    assert_string_equal(buf_str(b), "a%20b%2Fc%3Fd%26e%23f");
    buf_reset(b);
    html_url_arg(b, "%+=;:@!$'()*,\"<>");
    assert_string_equal(buf_str(b),
        "%25%2B%3D%3B%3A%40%21%24%27%28%29%2A%2C%22%3C%3E");
    buf_reset(b);
    html_url_arg(b, "é€");
    assert_string_equal(buf_str(b), "%C3%A9%E2%82%AC");
    buf_reset(b);
    html_url_arg(b, "\n\t\x7f");
    assert_string_equal(buf_str(b), "%0A%09%7F");
    buf_reset(b);
    html_url_arg(b, "");
    html_url_arg(b, NULL);
    assert_string_equal(buf_str(b), "");
}

/* Every byte 1..255: unreserved bytes as they are, all others as %XX
 * with upper-case hex. */
static void test_url_arg_every_byte(void **state)
{
    struct buf *b = *state;
    int c;

    for (c = 1; c < 256; c++) {
        char in[2] = { (char)c, '\0' };
        char want[4];
        int unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                         c == '.' || c == '~';

        if (unreserved)
            snprintf(want, sizeof want, "%c", c);
        else
            snprintf(want, sizeof want, "%%%02X", (unsigned)c);
        buf_reset(b);
        html_url_arg(b, in);
        assert_string_equal(buf_str(b), want);
    }
}

static void test_int(void **state)
{
    struct buf *b = *state;

    html_int(b, 0);
    html_lit(b, " ");
    html_int(b, -5);
    html_lit(b, " ");
    html_int(b, 1234567);
    assert_string_equal(buf_str(b), "0 -5 1234567");
    buf_reset(b);
    html_int(b, LLONG_MAX);
    assert_string_equal(buf_str(b), "9223372036854775807");
    buf_reset(b);
    html_int(b, LLONG_MIN);
    assert_string_equal(buf_str(b), "-9223372036854775808");
}

static void test_num(void **state)
{
    struct buf *b = *state;

    html_num(b, 3.14159, 2);
    assert_string_equal(buf_str(b), "3.14");
    buf_reset(b);
    html_num(b, 3.7, 0);
    assert_string_equal(buf_str(b), "4");
    buf_reset(b);
    html_num(b, -2.5, 2);
    assert_string_equal(buf_str(b), "-2.50");
    buf_reset(b);
    html_num(b, 1234567.125, 3);
    assert_string_equal(buf_str(b), "1234567.125");
    buf_reset(b);
    html_num(b, 0.0, 1);
    assert_string_equal(buf_str(b), "0.0");
}

/* Under a locale with a decimal comma, html_num still writes a dot. The
 * nl_NL.UTF-8 locale is not installed everywhere; without it this part
 * is skipped (and says so), the rest of the test still runs. */
static void test_num_locale(void **state)
{
    struct buf *b = *state;
    char probe[32];

    if (setlocale(LC_NUMERIC, "nl_NL.UTF-8") == NULL) {
        print_message("note: locale nl_NL.UTF-8 not installed; "
                      "decimal-comma check skipped\n");
        html_num(b, 1.5, 1);
        assert_string_equal(buf_str(b), "1.5");
        return;
    }
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    assert_string_equal(probe, "1,5");   /* the locale really is active */
    html_num(b, 1.5, 1);
    html_lit(b, " ");
    html_num(b, -1234.75, 2);
    html_lit(b, " ");
    html_num(b, 42.0, 0);
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(buf_str(b), "1.5 -1234.75 42");
}

static void test_link(void **state)
{
    struct buf *b = *state;

    html_link(b, "/zoek?q=a&b=\"c\"", "<b>Tom & Jerry's</b>");
    assert_string_equal(buf_str(b),
        "<a href=\"/zoek?q=a&amp;b=&quot;c&quot;\">"
        "&lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;</a>");
    buf_reset(b);
    html_link(b, "/overleggen/kerngroep-p1", "Kerngroep P1");
    assert_string_equal(buf_str(b),
        "<a href=\"/overleggen/kerngroep-p1\">Kerngroep P1</a>");
}

/* URL argument inside a link: encode first, then the attribute escaper
 * leaves the percent escapes alone. */
static void test_link_with_url_arg(void **state)
{
    struct buf *b = *state;
    struct buf href;

    buf_init(&href, 1024);
    html_lit(&href, "/zoek?q=");
    html_url_arg(&href, "a&b \"c\"");
    html_link(b, buf_str(&href), "zoek");
    assert_string_equal(buf_str(b),
        "<a href=\"/zoek?q=a%26b%20%22c%22\">zoek</a>");
    buf_free(&href);
}

/* Escapers respect the buffer maximum: an escape that does not fit
 * marks the buffer failed instead of writing past it. */
static void test_bounded(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 4);
    html_txt(&b, "<");
    assert_string_equal(buf_str(&b), "&lt;");
    assert_false(buf_failed(&b));
    html_txt(&b, "<");
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "&lt;");
    buf_free(&b);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_buf, teardown_buf)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_lit),
        T(test_txt_escapes),
        T(test_txt_passthrough),
        T(test_attr),
        T(test_url_arg),
        T(test_url_arg_every_byte),
        T(test_int),
        T(test_num),
        T(test_num_locale),
        T(test_link),
        T(test_link_with_url_arg),
        cmocka_unit_test(test_bounded),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
