/* test_text.c - unit tests for text.h: UTF-8 validation (overlongs,
 * surrogates, range, truncation, stray continuation bytes), text_clean,
 * text_utf8_len and text_is_code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "text.h"

/* Valid/invalid over the whole string (strlen). */
#define VALID(s) assert_int_equal(text_utf8_valid((s), strlen(s)), 1)
#define INVALID(s) assert_int_equal(text_utf8_valid((s), strlen(s)), 0)

static void test_utf8_valid(void **state)
{
    (void)state;
    VALID("");
    VALID("plain ASCII \x01\x7f");
    VALID("\xC3\xA9");                 /* é U+00E9 */
    VALID("\xC2\x80");                 /* U+0080, smallest 2-byte */
    VALID("\xDF\xBF");                 /* U+07FF, largest 2-byte */
    VALID("\xE0\xA0\x80");             /* U+0800, smallest 3-byte */
    VALID("\xE2\x82\xAC");             /* € U+20AC */
    VALID("\xED\x9F\xBF");             /* U+D7FF, just below surrogates */
    VALID("\xEE\x80\x80");             /* U+E000, just above surrogates */
    VALID("\xEF\xBF\xBF");             /* U+FFFF */
    VALID("\xF0\x90\x80\x80");         /* U+10000, smallest 4-byte */
    VALID("\xF0\x9F\x98\x80");         /* 😀 U+1F600 */
    VALID("\xF4\x8F\xBF\xBF");         /* U+10FFFF, the last code point */
    VALID("caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x98\x80!");
}

static void test_utf8_overlong(void **state)
{
    (void)state;
    INVALID("\xC0\x80");               /* overlong NUL */
    INVALID("\xC0\xAF");               /* overlong '/' */
    INVALID("\xC1\xBF");               /* overlong U+007F */
    INVALID("\xE0\x80\x80");           /* overlong NUL, 3 bytes */
    INVALID("\xE0\x80\xAF");           /* overlong '/', 3 bytes */
    INVALID("\xE0\x9F\xBF");           /* overlong U+07FF */
    INVALID("\xF0\x80\x80\x80");       /* overlong NUL, 4 bytes */
    INVALID("\xF0\x8F\xBF\xBF");       /* overlong U+FFFF */
}

static void test_utf8_surrogates_and_range(void **state)
{
    (void)state;
    INVALID("\xED\xA0\x80");           /* U+D800 */
    INVALID("\xED\xAD\xBF");           /* U+DB7F */
    INVALID("\xED\xB0\x80");           /* U+DC00 */
    INVALID("\xED\xBF\xBF");           /* U+DFFF */
    INVALID("\xED\xA0\xBD\xED\xB8\x80"); /* CESU-8 pair for U+1F600 */
    INVALID("\xF4\x90\x80\x80");       /* U+110000 */
    INVALID("\xF4\xBF\xBF\xBF");
    INVALID("\xF5\x80\x80\x80");       /* lead byte beyond F4 */
    INVALID("\xF7\xBF\xBF\xBF");
    INVALID("\xF8\x88\x80\x80\x80");   /* 5-byte form */
    INVALID("\xFC\x84\x80\x80\x80\x80"); /* 6-byte form */
    INVALID("\xFE");
    INVALID("\xFF");
}

static void test_utf8_truncated(void **state)
{
    (void)state;
    INVALID("\xC3");
    INVALID("\xE2");
    INVALID("\xE2\x82");
    INVALID("\xF0");
    INVALID("\xF0\x9F");
    INVALID("\xF0\x9F\x98");
    INVALID("abc\xC3");
    /* Truncated sequence followed by more text. */
    INVALID("\xC3" "A");
    INVALID("\xE2\x82" "A");
    INVALID("\xF0\x9F\x98" "A");
    INVALID("\xE2" "\xC3\xA9");
    /* The length argument is honoured: a valid character cut by len. */
    assert_int_equal(text_utf8_valid("\xC3\xA9", 1), 0);
    assert_int_equal(text_utf8_valid("\xE2\x82\xAC", 2), 0);
    assert_int_equal(text_utf8_valid("\xF0\x9F\x98\x80", 3), 0);
    assert_int_equal(text_utf8_valid("a\xFF", 1), 1);
    assert_int_equal(text_utf8_valid("\xFF", 0), 1);
}

static void test_utf8_lone_continuation(void **state)
{
    (void)state;
    INVALID("\x80");
    INVALID("\xBF");
    INVALID("a\x80" "b");
    INVALID("\xC3\xA9\xA9");           /* one continuation too many */
    INVALID("\xE2\x82\xAC\x80");
    INVALID("\x80\x80\x80\x80");
}

/* A NUL byte inside the given length is valid UTF-8 (U+0000); callers
 * that need C strings must reject it themselves (form.c does). */
static void test_utf8_embedded_nul(void **state)
{
    (void)state;
    assert_int_equal(text_utf8_valid("a\0b", 3), 1);
    assert_int_equal(text_utf8_valid("\xC3\0", 2), 0);
}

static void test_clean(void **state)
{
    (void)state;
    assert_int_equal(text_clean("", 0), 1);
    assert_int_equal(text_clean("Gewoon tekst.", 0), 1);
    assert_int_equal(text_clean("caf\xC3\xA9 \xE2\x82\xAC", 0), 1);
    assert_int_equal(text_clean("caf\xC3\xA9 \xE2\x82\xAC", 1), 1);
    /* Newline and tab: only when multiline. CRLF (browsers send it for
     * textareas) likewise. */
    assert_int_equal(text_clean("a\nb", 0), 0);
    assert_int_equal(text_clean("a\nb", 1), 1);
    assert_int_equal(text_clean("a\tb", 0), 0);
    assert_int_equal(text_clean("a\tb", 1), 1);
    assert_int_equal(text_clean("a\r\nb", 0), 0);
    assert_int_equal(text_clean("a\r\nb", 1), 1);
    assert_int_equal(text_clean("\n", 0), 0);
    /* Other control characters: never. */
    assert_int_equal(text_clean("a\x01" "b", 0), 0);
    assert_int_equal(text_clean("a\x01" "b", 1), 0);
    assert_int_equal(text_clean("\x1b[31m", 1), 0);
    assert_int_equal(text_clean("a\x0b" "b", 1), 0);   /* vertical tab */
    assert_int_equal(text_clean("a\x0c" "b", 1), 0);   /* form feed */
    assert_int_equal(text_clean("a\x1f", 1), 0);
    assert_int_equal(text_clean("a\x7f", 0), 0);
    assert_int_equal(text_clean("a\x7f", 1), 0);
    /* Invalid UTF-8: never. */
    assert_int_equal(text_clean("\xC0\x80", 1), 0);
    assert_int_equal(text_clean("\xED\xA0\x80", 1), 0);
    assert_int_equal(text_clean("abc\xC3", 1), 0);
    assert_int_equal(text_clean("\x80", 0), 0);
}

static void test_utf8_len(void **state)
{
    (void)state;
    assert_int_equal(text_utf8_len(""), 0);
    assert_int_equal(text_utf8_len("abc"), 3);
    assert_int_equal(text_utf8_len("\xC3\xA9"), 1);
    assert_int_equal(text_utf8_len("caf\xC3\xA9"), 4);
    assert_int_equal(text_utf8_len("\xE2\x82\xAC\xF0\x9F\x98\x80" "a"), 3);
    assert_int_equal(text_utf8_len("\xF4\x8F\xBF\xBF"), 1);
    assert_int_equal(text_utf8_len("a\nb"), 3);
}

static void test_is_code(void **state)
{
    (void)state;
    assert_int_equal(text_is_code("mbo-raad"), 1);
    assert_int_equal(text_is_code("a"), 1);
    assert_int_equal(text_is_code("1"), 1);
    assert_int_equal(text_is_code("kerngroep-p1"), 1);
    assert_int_equal(text_is_code("a-b-c-1-2"), 1);
    assert_int_equal(text_is_code("ocw2024"), 1);

    assert_int_equal(text_is_code(""), 0);
    assert_int_equal(text_is_code("-a"), 0);
    assert_int_equal(text_is_code("a-"), 0);
    assert_int_equal(text_is_code("-"), 0);
    assert_int_equal(text_is_code("--"), 0);
    assert_int_equal(text_is_code("a--b"), 0);
    assert_int_equal(text_is_code("A"), 0);
    assert_int_equal(text_is_code("Mbo-raad"), 0);
    assert_int_equal(text_is_code("a_b"), 0);
    assert_int_equal(text_is_code("a b"), 0);
    assert_int_equal(text_is_code("a.b"), 0);
    assert_int_equal(text_is_code("a/b"), 0);
    assert_int_equal(text_is_code("caf\xC3\xA9"), 0);
    assert_int_equal(text_is_code("a\n"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_overlong),
        cmocka_unit_test(test_utf8_surrogates_and_range),
        cmocka_unit_test(test_utf8_truncated),
        cmocka_unit_test(test_utf8_lone_continuation),
        cmocka_unit_test(test_utf8_embedded_nul),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_utf8_len),
        cmocka_unit_test(test_is_code),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
