/* test_form.c - unit tests for form.h: strict urlencoded parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "form.h"

/* Parse a NUL-terminated body (length strlen). */
static int parse(struct form *f, const char *body, char *err, size_t errlen)
{
    return form_parse(f, body, strlen(body), err, errlen);
}

/* Parse a body that must be refused: -1, a reason, an empty form. */
static void refuse(const char *body, size_t len)
{
    struct form f;
    char err[200] = "";

    assert_int_equal(form_parse(&f, body, len, err, sizeof err), -1);
    assert_true(err[0] != '\0');
    assert_int_equal(f.n, 0);
    assert_null(form_get(&f, "a"));
    form_free(&f);
}

#define REFUSE(s) refuse((s), strlen(s))

static void test_simple(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "naam=Piet&rol=secretaris", err, sizeof err),
                     0);
    assert_int_equal(f.n, 2);
    assert_string_equal(form_get(&f, "naam"), "Piet");
    assert_string_equal(form_get(&f, "rol"), "secretaris");
    assert_null(form_get(&f, "Naam"));
    assert_null(form_get(&f, "onbekend"));
    form_free(&f);
}

static void test_decoding(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "a=een+twee+%2B+drie&b=%41%62%63"
                               "&c=%c3%a9%C3%A9&d=%26%3D%25%23"
                               "&e+f=x&g%20h=y&i=p=q", err, sizeof err), 0);
    assert_string_equal(form_get(&f, "a"), "een twee + drie");
    assert_string_equal(form_get(&f, "b"), "Abc");
    assert_string_equal(form_get(&f, "c"), "\xC3\xA9\xC3\xA9");
    assert_string_equal(form_get(&f, "d"), "&=%#");
    assert_string_equal(form_get(&f, "e f"), "x");
    assert_string_equal(form_get(&f, "g h"), "y");
    assert_string_equal(form_get(&f, "i"), "p=q");
    form_free(&f);
}

static void test_empty_value_and_missing_eq(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "a=&b&c=3", err, sizeof err), 0);
    assert_int_equal(f.n, 3);
    assert_string_equal(form_get(&f, "a"), "");
    assert_string_equal(form_get(&f, "b"), "");   /* no '=': empty value */
    assert_string_equal(form_get(&f, "c"), "3");
    form_free(&f);
}

static void test_empty_body(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(form_parse(&f, "", 0, err, sizeof err), 0);
    assert_int_equal(f.n, 0);
    assert_null(form_get(&f, "a"));
    form_free(&f);
    assert_int_equal(parse(&f, "&&&", err, sizeof err), 0);
    assert_int_equal(f.n, 0);
    form_free(&f);
}

static void test_empty_pairs_skipped(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "&a=1&&b=2&", err, sizeof err), 0);
    assert_int_equal(f.n, 2);
    assert_string_equal(form_get(&f, "a"), "1");
    assert_string_equal(form_get(&f, "b"), "2");
    form_free(&f);
}

/* Only body[0..len) is read: the body need not be NUL-terminated. */
static void test_length_honoured(void **state)
{
    struct form f;
    char err[200] = "";
    const char body[] = { 'a', '=', '1', '&', 'b', '=', '2' };

    (void)state;
    assert_int_equal(form_parse(&f, body, 3, err, sizeof err), 0);
    assert_int_equal(f.n, 1);
    assert_string_equal(form_get(&f, "a"), "1");
    assert_null(form_get(&f, "b"));
    form_free(&f);
    assert_int_equal(form_parse(&f, body, sizeof body, err, sizeof err), 0);
    assert_string_equal(form_get(&f, "b"), "2");
    form_free(&f);
    /* An escape cut by len is malformed. */
    refuse("a=%41", 4);
}

static void test_duplicate_rejected(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "a=1&rol=x&rol=y", err, sizeof err), -1);
    assert_non_null(strstr(err, "rol"));
    assert_int_equal(f.n, 0);
    form_free(&f);
    REFUSE("a=1&a=1");
    REFUSE("a&a");
    REFUSE("a=1&%61=2");        /* same name after decoding */
    REFUSE("a+b=1&a%20b=2");
}

static void test_malformed_escapes(void **state)
{
    (void)state;
    REFUSE("a=%");
    REFUSE("a=%4");
    REFUSE("a=%zz");
    REFUSE("a=%4g");
    REFUSE("a=%g4");
    REFUSE("a=%%41");
    REFUSE("a=% 41");
    REFUSE("a=x%");
    REFUSE("%=1");
    REFUSE("%4=1");
    REFUSE("%zz=1");
    REFUSE("b=1&a=%");          /* error after a good field */
}

static void test_encoded_nul(void **state)
{
    (void)state;
    REFUSE("a=%00");
    REFUSE("a=x%00y");
    REFUSE("a%00=1");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    REFUSE("a=%C3");            /* truncated */
    REFUSE("a=%FF");
    REFUSE("a=%C0%80");         /* overlong NUL */
    REFUSE("a=%ED%A0%80");      /* surrogate */
    REFUSE("a=%F4%90%80%80");   /* beyond U+10FFFF */
    REFUSE("a=%80");            /* lone continuation */
    REFUSE("%FF=1");
    REFUSE("a=\xFF");           /* raw invalid byte */
    REFUSE("a=\xC3");
}

static void test_empty_name_rejected(void **state)
{
    (void)state;
    REFUSE("=1");
    REFUSE("a=1&=2");
}

/* Build "f0=0&f1=1&..." with n fields. */
static void many_fields(struct buf *b, int n)
{
    int i;

    buf_reset(b);
    for (i = 0; i < n; i++)
        buf_printf(b, "%sf%d=%d", i ? "&" : "", i, i);
    assert_false(buf_failed(b));
}

static void test_field_limit(void **state)
{
    struct form f;
    struct buf b;
    char err[200] = "";

    (void)state;
    buf_init(&b, 64 * 1024);
    many_fields(&b, FORM_MAX_FIELDS);
    assert_int_equal(parse(&f, buf_str(&b), err, sizeof err), 0);
    assert_int_equal(f.n, FORM_MAX_FIELDS);
    assert_string_equal(form_get(&f, "f0"), "0");
    assert_string_equal(form_get(&f, "f63"), "63");
    form_free(&f);

    /* Empty pairs do not count towards the limit. */
    buf_puts(&b, "&&&");
    assert_int_equal(parse(&f, buf_str(&b), err, sizeof err), 0);
    assert_int_equal(f.n, FORM_MAX_FIELDS);
    form_free(&f);

    many_fields(&b, FORM_MAX_FIELDS + 1);
    assert_int_equal(parse(&f, buf_str(&b), err, sizeof err), -1);
    assert_true(err[0] != '\0');
    assert_int_equal(f.n, 0);
    assert_null(form_get(&f, "f0"));
    form_free(&f);

    many_fields(&b, 1000);
    REFUSE(buf_str(&b));
    buf_free(&b);
}

/* A failure after several good fields frees them all and leaves the
 * form empty (ASan checks that nothing leaks). */
static void test_error_leaves_form_empty(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "a=1&b=2&c=3&d=%zz&e=5", err, sizeof err), -1);
    assert_int_equal(f.n, 0);
    assert_null(form_get(&f, "a"));
    assert_null(form_get(&f, "b"));
    form_free(&f);
}

/* The reason is cut to the given buffer and always NUL-terminated. */
static void test_small_err_buffer(void **state)
{
    struct form f;
    char err[8];

    (void)state;
    memset(err, 'x', sizeof err);
    assert_int_equal(parse(&f, "a=%zz", err, sizeof err), -1);
    assert_true(memchr(err, '\0', sizeof err) != NULL);
    form_free(&f);
}

static void test_free_twice(void **state)
{
    struct form f;
    char err[200] = "";

    (void)state;
    assert_int_equal(parse(&f, "a=1&b=2", err, sizeof err), 0);
    form_free(&f);
    assert_int_equal(f.n, 0);
    form_free(&f);
    assert_null(form_get(&f, "a"));
    form_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_decoding),
        cmocka_unit_test(test_empty_value_and_missing_eq),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_empty_pairs_skipped),
        cmocka_unit_test(test_length_honoured),
        cmocka_unit_test(test_duplicate_rejected),
        cmocka_unit_test(test_malformed_escapes),
        cmocka_unit_test(test_encoded_nul),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_empty_name_rejected),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_error_leaves_form_empty),
        cmocka_unit_test(test_small_err_buffer),
        cmocka_unit_test(test_free_twice),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
