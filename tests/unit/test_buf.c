/* test_buf.c - unit tests for buf.h: appends, printf, the hard maximum,
 * reset, detach (ownership) and buf_free(NULL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void test_init_is_empty(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 100);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.max, 100);
    assert_false(buf_failed(&b));
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

static void test_append_puts_putc(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 1024);
    assert_int_equal(buf_puts(&b, "abc"), 0);
    assert_int_equal(buf_putc(&b, '-'), 0);
    assert_int_equal(buf_append(&b, "xyz123", 3), 0);
    assert_int_equal(buf_append(&b, NULL, 0), 0);
    assert_int_equal(buf_puts(&b, ""), 0);
    assert_string_equal(buf_str(&b), "abc-xyz");
    assert_int_equal(b.len, 7);
    assert_int_equal(b.data[b.len], '\0');
    assert_false(buf_failed(&b));
    buf_free(&b);
}

/* Binary data with embedded NUL bytes is kept byte for byte. */
static void test_append_binary(void **state)
{
    struct buf b;
    static const char bin[] = { 'a', '\0', 'b', '\0' };

    (void)state;
    buf_init(&b, 16);
    assert_int_equal(buf_append(&b, bin, sizeof bin), 0);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, bin, sizeof bin);
    assert_int_equal(b.data[4], '\0');
    buf_free(&b);
}

/* Many appends force several reallocations; content stays correct and
 * the capacity never exceeds max + 1. */
static void test_growth(void **state)
{
    struct buf b;
    size_t i;

    (void)state;
    buf_init(&b, 5000);
    for (i = 0; i < 5000; i++)
        assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
    assert_int_equal(b.len, 5000);
    assert_true(b.cap >= b.len + 1);
    assert_true(b.cap <= b.max + 1);
    for (i = 0; i < 5000; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    assert_int_equal(b.data[5000], '\0');
    assert_false(buf_failed(&b));
    buf_free(&b);
}

static void test_printf(void **state)
{
    struct buf b;
    char big[600];

    (void)state;
    buf_init(&b, 4096);
    assert_int_equal(buf_printf(&b, "%d-%s-%c", 42, "x", 'z'), 0);
    assert_string_equal(buf_str(&b), "42-x-z");
    assert_int_equal(buf_printf(&b, "%s", ""), 0);
    assert_string_equal(buf_str(&b), "42-x-z");
    /* Longer than the first allocation: must grow, not truncate. */
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(buf_printf(&b, "[%s]", big), 0);
    assert_int_equal(b.len, 6 + 2 + 599);
    assert_int_equal(b.data[6], '[');
    assert_int_equal(b.data[6 + 1 + 599], ']');
    assert_int_equal(strlen(b.data), b.len);
    buf_free(&b);
}

static int call_vprintf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int call_vprintf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

static void test_vprintf(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 64);
    assert_int_equal(call_vprintf(&b, "%s=%lld", "n", -7LL), 0);
    assert_string_equal(buf_str(&b), "n=-7");
    buf_free(&b);
}

/* Filling the buffer exactly to max succeeds; one byte more fails. */
static void test_max_exact(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), 0);
    assert_int_equal(b.len, 8);
    assert_false(buf_failed(&b));
    assert_int_equal(buf_putc(&b, '9'), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "12345678");
    assert_int_equal(b.len, 8);
    buf_free(&b);
}

/* An append that would pass max fails as a whole: nothing of it is
 * written, the earlier content is intact, and the failure is sticky. */
static void test_max_append_fails_intact(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 10);
    assert_int_equal(buf_puts(&b, "hello"), 0);
    assert_int_equal(buf_puts(&b, "world!"), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "hello");
    assert_int_equal(b.len, 5);
    /* Sticky: later appends that would fit still fail. */
    assert_int_equal(buf_puts(&b, "x"), -1);
    assert_int_equal(buf_append(&b, "yz", 2), -1);
    assert_string_equal(buf_str(&b), "hello");
    assert_true(buf_failed(&b));
    buf_free(&b);
}

static void test_max_printf(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 5);
    assert_int_equal(buf_printf(&b, "%s", "abc"), 0);
    assert_int_equal(buf_printf(&b, "%d", 123), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "abc");
    assert_int_equal(b.len, 3);
    buf_free(&b);

    /* First append already too large: the buffer stays empty. */
    buf_init(&b, 5);
    assert_int_equal(buf_printf(&b, "%s", "abcdef"), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_max_zero(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    assert_int_equal(buf_puts(&b, ""), 0);
    assert_false(buf_failed(&b));
    assert_int_equal(buf_putc(&b, 'a'), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

/* A huge length must not wrap around the max check. */
static void test_max_huge_len(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 16);
    assert_int_equal(buf_puts(&b, "ab"), 0);
    assert_int_equal(buf_append(&b, "", SIZE_MAX), -1);
    assert_int_equal(buf_append(&b, "", SIZE_MAX - 1), -1);
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "ab");
    buf_free(&b);
}

static void test_reset(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "abcdef"), 0);
    assert_int_equal(buf_puts(&b, "ghi"), -1);
    assert_true(buf_failed(&b));
    buf_reset(&b);
    assert_false(buf_failed(&b));
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(b.max, 8);
    assert_int_equal(buf_puts(&b, "12345678"), 0);
    assert_string_equal(buf_str(&b), "12345678");
    assert_int_equal(buf_putc(&b, 'x'), -1);
    buf_free(&b);

    /* Reset of a never-used buffer is harmless. */
    buf_init(&b, 8);
    buf_reset(&b);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

/* buf_detach hands over the heap string; the buffer is left empty and
 * usable; the caller frees the result. */
static void test_detach(void **state)
{
    struct buf b;
    char *s;
    size_t len = 99;

    (void)state;
    buf_init(&b, 64);
    assert_int_equal(buf_puts(&b, "eigendom"), 0);
    s = buf_detach(&b, &len);
    assert_non_null(s);
    assert_string_equal(s, "eigendom");
    assert_int_equal(len, 8);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    /* The buffer can be used again, independently of s. */
    assert_int_equal(buf_puts(&b, "nieuw"), 0);
    assert_string_equal(buf_str(&b), "nieuw");
    assert_string_equal(s, "eigendom");
    buf_free(&b);
    free(s);
}

static void test_detach_empty(void **state)
{
    struct buf b;
    char *s;
    size_t len = 99;

    (void)state;
    buf_init(&b, 64);
    s = buf_detach(&b, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
    /* len may be NULL. */
    assert_int_equal(buf_puts(&b, "x"), 0);
    s = buf_detach(&b, NULL);
    assert_non_null(s);
    assert_string_equal(s, "x");
    free(s);
    buf_free(&b);
}

static void test_buf_free(void **state)
{
    struct buf b;

    (void)state;
    buf_free(NULL);
    buf_init(&b, 64);
    buf_free(&b);
    buf_init(&b, 64);
    assert_int_equal(buf_puts(&b, "abc"), 0);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);   /* twice is safe */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_empty),
        cmocka_unit_test(test_append_puts_putc),
        cmocka_unit_test(test_append_binary),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_vprintf),
        cmocka_unit_test(test_max_exact),
        cmocka_unit_test(test_max_append_fails_intact),
        cmocka_unit_test(test_max_printf),
        cmocka_unit_test(test_max_zero),
        cmocka_unit_test(test_max_huge_len),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_detach),
        cmocka_unit_test(test_detach_empty),
        cmocka_unit_test(test_buf_free),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
