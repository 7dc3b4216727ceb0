/* test_hardening.c - regression tests for the defects found by the first
 * review of the foundation: REPLACE into the audit trail, literal NUL
 * bytes in forms, C1 controls and bidi overrides in text, non-finite
 * numbers in SVG coordinates, and an empty scope matching an empty body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "buf.h"
#include "form.h"
#include "html.h"
#include "perm.h"
#include "store.h"
#include "text.h"

static void test_audit_replace_refused(void **state)
{
    char dir[] = "/tmp/koers-hard-XXXXXX", path[128], err[256];
    struct actor a;
    sqlite3 *db;
    char *msg = NULL;
    int rc;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/k.db", dir);
    db = store_open(path, 1, err, sizeof err);
    assert_non_null(db);
    assert_int_equal(store_create_schema(db), 0);
    audit_actor_cli(&a);
    assert_int_equal(audit_write(db, &a, "x", "y", "1", "gelukt", NULL), 0);
    rc = sqlite3_exec(db, "REPLACE INTO audit(id, actor, actor_role, action, "
                          "object_type, object_id, result, origin) VALUES "
                          "(1, 'vervalst', 'x', 'x', 'x', 'x', 'gelukt', "
                          "'x')", NULL, NULL, &msg);
    assert_int_not_equal(rc, SQLITE_OK);
    assert_non_null(strstr(msg, "append-only"));
    sqlite3_free(msg);
    assert_int_equal(store_count(db, "SELECT count(*) FROM audit WHERE "
                                     "actor = 'vervalst'", NULL), 0);
    store_close(db);
    unlink(path);
    snprintf(path, sizeof path, "%s/k.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/k.db-shm", dir);
    unlink(path);
    rmdir(dir);
}

static void test_form_raw_nul_refused(void **state)
{
    static const char body[] = "a=x\0y&b\0c=1";
    struct form f;
    char err[128];

    (void)state;
    assert_int_equal(form_parse(&f, body, sizeof body - 1, err, sizeof err),
                     -1);
    assert_int_equal(f.n, 0);
}

static void test_text_c1_and_bidi_refused(void **state)
{
    (void)state;
    assert_false(text_clean("a\xC2\x85" "b", 1));      /* NEL */
    assert_false(text_clean("a\xC2\x9B" "b", 0));      /* CSI */
    assert_false(text_clean("abc\xE2\x80\xAE" "def", 0)); /* RLO */
    assert_false(text_clean("abc\xE2\x81\xA6" "def", 0)); /* LRI */
    assert_true(text_clean("caf\xC3\xA9 \xE2\x80\x93 ok", 0)); /* é, – */
}

static void test_html_num_non_finite(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 1024);
    html_num(&b, NAN, 1);
    assert_string_equal(buf_str(&b), "0");
    assert_true(buf_failed(&b));
    buf_reset(&b);
    html_num(&b, 1e100, 0);
    assert_true(buf_failed(&b));
    buf_reset(&b);
    html_num(&b, 12.25, 1);
    assert_false(buf_failed(&b));
    assert_string_equal(buf_str(&b), "12.2");
    buf_free(&b);
}

static void test_empty_scope_grants_nothing(void **state)
{
    (void)state;
    assert_false(perm_allowed(ROLE_NETWERKMANAGER, "",
                              ACT_LIDMAATSCHAP_BEHEREN, ""));
    assert_true(perm_allowed(ROLE_NETWERKMANAGER, "kerngroep-p1",
                             ACT_LIDMAATSCHAP_BEHEREN, "kerngroep-p1"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_replace_refused),
        cmocka_unit_test(test_form_raw_nul_refused),
        cmocka_unit_test(test_text_c1_and_bidi_refused),
        cmocka_unit_test(test_html_num_non_finite),
        cmocka_unit_test(test_empty_scope_grants_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
