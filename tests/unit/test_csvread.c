/* test_csvread.c - unit tests for csvread.h: RFC 4180 quoting with ""
 * escapes and fields over several lines, separators, CRLF/LF/CR, the byte
 * order mark, strict UTF-8 (and UTF-16 refused), line numbers, limits,
 * truncated input, and the same results whether the bytes come from
 * memory or from a FILE* in chunks (a record straddling the chunk
 * boundary included). The real CBS RegioS.csv is read as a whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

static struct csv *mem(const char *s, char sep)
{
    struct csv_opts o = { .sep = sep };

    return csv_open_mem(s, strlen(s), &o);
}

static void test_simple_and_quotes(void **state)
{
    struct csv *c = mem("a;b;c\r\n\"x;y\";\"he said \"\"hi\"\"\";\r\n", ';');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_count(c), 3);
    assert_string_equal(csv_field(c, 0), "a");
    assert_string_equal(csv_field(c, 2), "c");
    assert_int_equal(csv_line(c), 1);
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_count(c), 3);
    assert_string_equal(csv_field(c, 0), "x;y");
    assert_string_equal(csv_field(c, 1), "he said \"hi\"");
    assert_string_equal(csv_field(c, 2), "");
    assert_int_equal(csv_field_len(c, 1), 12);
    assert_string_equal(csv_field(c, 9), "");   /* out of range */
    assert_int_equal(csv_line(c), 2);
    assert_int_equal(csv_next(c), 0);
    assert_int_equal(csv_next(c), 0);
    csv_close(c);
}

/* A quoted field over several lines (CBS DataProperties.csv): the next
 * record's line number counts the lines inside the field. */
static void test_multiline_field(void **state)
{
    struct csv *c = mem("\"Key\",\"Description\"\n\"GM0738\",\"Opgeheven "
                        "per 01-01-2019\nOntstaan per 01-01-1973\"\n"
                        "\"GM0358\",\"x\"", ',');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_line(c), 2);
    assert_string_equal(csv_field(c, 1), "Opgeheven per 01-01-2019\n"
                                          "Ontstaan per 01-01-1973");
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_line(c), 4);
    assert_string_equal(csv_field(c, 0), "GM0358");   /* no final newline */
    assert_int_equal(csv_next(c), 0);
    csv_close(c);
}

static void test_line_endings_and_bom(void **state)
{
    struct csv *c = mem("\xEF\xBB\xBFh1,h2\r\n1,2\n3,4\r5,6\r\n\r\n", ',');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 0), "h1");   /* BOM skipped */
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_line(c), 2);
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 1), "4");
    assert_int_equal(csv_line(c), 3);
    assert_int_equal(csv_next(c), 1);             /* after a lone CR */
    assert_string_equal(csv_field(c, 0), "5");
    assert_int_equal(csv_line(c), 4);
    assert_int_equal(csv_next(c), 1);             /* the empty line */
    assert_true(csv_blank(c));
    assert_int_equal(csv_line(c), 5);
    assert_int_equal(csv_next(c), 0);
    csv_close(c);
}

/* DUO files have lines holding only "" between blocks. */
static void test_blank_quoted_line(void **state)
{
    struct csv *c = mem("a;b\r\n\"\"\r\n1;2\r\n", ';');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_next(c), 1);
    assert_true(csv_blank(c));
    assert_int_equal(csv_next(c), 1);
    assert_false(csv_blank(c));
    assert_int_equal(csv_line(c), 3);
    csv_close(c);
}

static void test_bad_utf8_has_line_and_column(void **state)
{
    struct csv *c = mem("a,b\nok,\xC3\xA9\nx,caf\xE9\ny,z\n", ',');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 1), "\xC3\xA9");
    assert_int_equal(csv_next(c), -1);
    assert_string_equal(csv_error(c), "regel 3, kolom 2: de tekst is geen "
                        "geldige UTF-8 (sla het bestand op als UTF-8)");
    assert_false(csv_fatal(c));
    assert_int_equal(csv_count(c), 0);
    assert_int_equal(csv_next(c), 1);   /* in step again */
    assert_string_equal(csv_field(c, 0), "y");
    assert_int_equal(csv_line(c), 4);
    csv_close(c);
}

static void test_utf16_refused(void **state)
{
    static const char u16[] = "\xFF\xFE" "a\0,\0b\0";
    struct csv_opts o = { .sep = ',' };
    struct csv *c = csv_open_mem(u16, sizeof u16 - 1, &o);

    (void)state;
    assert_int_equal(csv_next(c), -1);
    assert_true(csv_fatal(c));
    assert_non_null(strstr(csv_error(c), "UTF-16"));
    csv_close(c);
    /* without a byte order mark the NUL bytes give it away */
    c = csv_open_mem("a\0,\0b\0\n", 7, &o);
    assert_int_equal(csv_next(c), -1);
    assert_non_null(strstr(csv_error(c), "NUL"));
    csv_close(c);
}

static void test_truncated_quoted_field(void **state)
{
    struct csv *c = mem("k,v\n1,\"abc\n2,def", ',');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_next(c), -1);
    assert_true(csv_fatal(c));
    assert_non_null(strstr(csv_error(c), "houdt op midden in een veld"));
    assert_non_null(strstr(csv_error(c), "geopend op regel 2"));
    assert_int_equal(csv_next(c), -1);   /* stays failed */
    csv_close(c);
}

static void test_stray_quotes(void **state)
{
    struct csv *c = mem("a,b\nx\"y,1\n\"q\"z,2\nok,3\n", ',');

    (void)state;
    assert_int_equal(csv_next(c), 1);
    assert_int_equal(csv_next(c), -1);
    assert_string_equal(csv_error(c), "regel 2, kolom 1: aanhalingsteken "
                        "midden in een veld (zet het veld tussen "
                        "aanhalingstekens en verdubbel het)");
    assert_int_equal(csv_next(c), -1);
    assert_non_null(strstr(csv_error(c), "regel 3, kolom 1: tekst na het "
                                         "afsluitende"));
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 0), "ok");
    csv_close(c);
}

static void test_limits(void **state)
{
    struct csv_opts o = { .sep = ',', .max_field = 8,
                            .max_record = 32, .max_fields = 4 };
    const char *s = "abc,defghijklmn,x\na,b,c,d,e\nok\n";
    struct csv *c = csv_open_mem(s, strlen(s), &o);

    (void)state;
    assert_int_equal(csv_next(c), -1);
    assert_string_equal(csv_error(c), "regel 1, kolom 2: het veld is langer "
                        "dan 8 bytes");
    assert_int_equal(csv_next(c), -1);
    assert_non_null(strstr(csv_error(c), "meer dan 4 velden"));
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 0), "ok");
    csv_close(c);
}

/* The same bytes through a FILE*: a record larger than nothing special,
 * many records so that one straddles the CSV_CHUNK boundary. */
static void test_file_chunks(void **state)
{
    FILE *fp = tmpfile();
    struct csv *c;
    long i, n = 0, sum = 0;

    (void)state;
    assert_non_null(fp);
    fputs("\xEF\xBB\xBFid;tekst;getal\r\n", fp);
    for (i = 1; i <= 60000; i++)
        fprintf(fp, "%ld;\"regel %ld; met \"\"quote\"\"\r\nen een "
                    "nieuwe regel\";%ld\r\n", i, i, i % 7);
    rewind(fp);
    {
        struct csv_opts o = { .sep = ';' };

        c = csv_open_file(fp, &o);
    }
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 0), "id");
    while (csv_next(c) == 1) {
        char expect[96];

        n++;
        assert_int_equal(csv_count(c), 3);
        assert_int_equal(atol(csv_field(c, 0)), n);
        snprintf(expect, sizeof expect, "regel %ld; met \"quote\"\r\nen een "
                 "nieuwe regel", n);
        assert_string_equal(csv_field(c, 1), expect);
        assert_int_equal(csv_line(c), 2 * n);
        sum += atol(csv_field(c, 2));
    }
    assert_int_equal(n, 60000);
    assert_int_equal(sum, 179997);
    assert_int_equal(csv_offset(c), ftell(fp));
    csv_close(c);
    fclose(fp);
}

/* Every chunk size from 1 to 9 bytes gives the same records, errors and
 * line numbers as reading from memory: quotes, "" escapes, CRLF and a
 * byte order mark may all be cut by a chunk boundary. */
static void test_tiny_chunks(void **state)
{
    static const char in[] =
        "\xEF\xBB\xBF" "a;\"b\"\"c\";d\r\n"
        "\"x\r\ny\";caf\xC3\xA9;\r\n"
        "\"\"\r\n"
        "1;2;3\r"
        "bad\"q;2;3\n"
        "\xE2\x82\xAC;\"\";\"\"\"\"\"\"\n"
        "last;x;y";
    size_t k;

    (void)state;
    for (k = 1; k <= 9; k++) {
        struct csv_opts o = { .sep = ';', .chunk = k };
        struct csv *m = csv_open_mem(in, sizeof in - 1, &o);
        FILE *fp = fmemopen((void *)in, sizeof in - 1, "rb");
        struct csv *f = csv_open_file(fp, &o);
        int rm, rf, n = 0;

        do {
            size_t i;

            rm = csv_next(m);
            rf = csv_next(f);
            assert_int_equal(rm, rf);
            assert_string_equal(csv_error(m), csv_error(f));
            assert_int_equal(csv_line(m), csv_line(f));
            assert_int_equal(csv_count(m), csv_count(f));
            for (i = 0; i < csv_count(m); i++) {
                assert_int_equal(csv_field_len(m, i), csv_field_len(f, i));
                assert_memory_equal(csv_field(m, i), csv_field(f, i),
                                    csv_field_len(m, i));
            }
            n++;
        } while (rm != 0 && n < 20);
        assert_int_equal(n, 8);
        csv_close(m);
        csv_close(f);
        fclose(fp);
    }
    {
        struct csv *m = csv_open_mem(in, sizeof in - 1,
                                     &(struct csv_opts){ .sep = ';' });

        assert_int_equal(csv_next(m), 1);
        assert_string_equal(csv_field(m, 0), "a");
        assert_string_equal(csv_field(m, 1), "b\"c");
        assert_int_equal(csv_next(m), 1);
        assert_string_equal(csv_field(m, 0), "x\r\ny");
        assert_string_equal(csv_field(m, 1), "caf\xC3\xA9");
        assert_int_equal(csv_count(m), 3);
        assert_int_equal(csv_next(m), 1);
        assert_true(csv_blank(m));
        assert_int_equal(csv_next(m), 1);
        assert_int_equal(csv_line(m), 5);
        assert_int_equal(csv_next(m), -1);
        assert_int_equal(csv_line(m), 6);
        assert_int_equal(csv_next(m), 1);
        assert_string_equal(csv_field(m, 2), "\"\"");
        assert_int_equal(csv_next(m), 1);
        assert_string_equal(csv_field(m, 0), "last");
        assert_int_equal(csv_next(m), 0);
        csv_close(m);
    }
}

/* The real CBS code list: 560 regions, quoted descriptions over two
 * lines, names with quotes and accents. */
static void test_real_regios(void **state)
{
    FILE *fp = fopen("data/open/cbs/83262NED/RegioS.csv", "rb");
    struct csv *c;
    int n = 0, multi = 0, rc;

    (void)state;
    if (fp == NULL)
        skip();
    c = csv_open_file(fp, NULL);
    assert_int_equal(csv_next(c), 1);
    assert_string_equal(csv_field(c, 0), "Key");
    while ((rc = csv_next(c)) == 1) {
        assert_int_equal(csv_count(c), 4);
        if (strchr(csv_field(c, 2), '\n'))
            multi++;
        if (strcmp(csv_field(c, 0), "GM0518") == 0)
            assert_string_equal(csv_field(c, 1),
                                "'s-Gravenhage (gemeente)");
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 410);
    assert_true(multi > 50);
    csv_close(c);
    fclose(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_and_quotes),
        cmocka_unit_test(test_multiline_field),
        cmocka_unit_test(test_line_endings_and_bom),
        cmocka_unit_test(test_blank_quoted_line),
        cmocka_unit_test(test_bad_utf8_has_line_and_column),
        cmocka_unit_test(test_utf16_refused),
        cmocka_unit_test(test_truncated_quoted_field),
        cmocka_unit_test(test_stray_quotes),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_file_chunks),
        cmocka_unit_test(test_tiny_chunks),
        cmocka_unit_test(test_real_regios),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
