/* test_httpcache.c - unit tests for httpcache.h: If-None-Match matching
 * (lists, weak tags, "*"), tags that follow the bytes, the answer cache
 * (hit, miss on another key, invalidation, size limit, replacement in a
 * shared slot). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "httpcache.h"

static void test_etag_match(void **state)
{
    (void)state;
    assert_true(httpcache_etag_match("\"abc\"", "\"abc\""));
    assert_true(httpcache_etag_match("W/\"abc\"", "\"abc\""));
    assert_true(httpcache_etag_match("\"x\", \"abc\"", "\"abc\""));
    assert_true(httpcache_etag_match("*", "\"abc\""));
    assert_false(httpcache_etag_match("\"abcd\"", "\"abc\""));
    assert_false(httpcache_etag_match("\"ab\"", "\"abc\""));
    assert_false(httpcache_etag_match("", "\"abc\""));
}

static void test_tag_follows_bytes(void **state)
{
    char a[HTTPCACHE_TAG_MAX], b[HTTPCACHE_TAG_MAX], c[HTTPCACHE_TAG_MAX];

    (void)state;
    httpcache_tag("application/json", "{\"a\":1}", 7, a);
    httpcache_tag("application/json", "{\"a\":1}", 7, b);
    httpcache_tag("application/json", "{\"a\":2}", 7, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 18);
    assert_int_equal(a[0], '"');
}

static void test_put_get_invalidate(void **state)
{
    char tag[HTTPCACHE_TAG_MAX];
    struct httpcache_mark m;
    struct buf out;

    (void)state;
    buf_init(&out, 1024);
    assert_false(httpcache_get("k1", &out, tag, &m));
    httpcache_get("k1", &out, tag, &m);
    httpcache_put("k1", "body one", 8, "\"t1\"", &m);
    assert_true(httpcache_get("k1", &out, tag, &m));
    assert_string_equal(buf_str(&out), "body one");
    assert_string_equal(tag, "\"t1\"");
    buf_reset(&out);
    assert_false(httpcache_get("k2", &out, tag, &m));
    assert_int_equal(out.len, 0);
    httpcache_invalidate();
    assert_false(httpcache_get("k1", &out, tag, &m));
    buf_free(&out);
    httpcache_clear();
}

static void test_too_large_is_not_kept(void **state)
{
    static char big[HTTPCACHE_MAX_BODY + 1];
    char tag[HTTPCACHE_TAG_MAX];
    struct httpcache_mark m;
    struct buf out;

    (void)state;
    memset(big, 'x', sizeof big);
    buf_init(&out, sizeof big + 1);
    httpcache_get("big", &out, tag, &m);
    httpcache_put("big", big, sizeof big, "\"t\"", &m);
    assert_false(httpcache_get("big", &out, tag, &m));
    buf_free(&out);
    httpcache_clear();
}

static void test_many_keys_never_mix(void **state)
{
    char key[32], body[32], tag[HTTPCACHE_TAG_MAX];
    struct httpcache_mark m;
    struct buf out;
    int i, hits = 0;

    (void)state;
    buf_init(&out, 1024);
    for (i = 0; i < 3 * HTTPCACHE_SLOTS; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        snprintf(body, sizeof body, "body-%d", i);
        httpcache_get(key, &out, tag, &m);
        buf_reset(&out);
        httpcache_put(key, body, strlen(body), "\"t\"", &m);
    }
    for (i = 0; i < 3 * HTTPCACHE_SLOTS; i++) {
        snprintf(key, sizeof key, "key-%d", i);
        snprintf(body, sizeof body, "body-%d", i);
        buf_reset(&out);
        if (httpcache_get(key, &out, tag, &m)) {
            hits++;
            assert_string_equal(buf_str(&out), body);
        }
    }
    /* at most one key per slot survives, and the newest always does */
    assert_true(hits <= HTTPCACHE_SLOTS);
    buf_reset(&out);
    snprintf(key, sizeof key, "key-%d", 3 * HTTPCACHE_SLOTS - 1);
    assert_true(httpcache_get(key, &out, tag, &m));
    buf_free(&out);
    httpcache_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_etag_match),
        cmocka_unit_test(test_tag_follows_bytes),
        cmocka_unit_test(test_put_get_invalidate),
        cmocka_unit_test(test_too_large_is_not_kept),
        cmocka_unit_test(test_many_keys_never_mix),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
