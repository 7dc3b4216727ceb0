/* test_xlsx.c - unit tests for xlsx.h: a workbook with two sheets comes
 * back as an open descriptor of a zip file whose temporary file is
 * already gone from the directory (TMPDIR points at a fresh one); the
 * sheet XML holds the header, the text and the numbers; a row beyond
 * Excel's limit and cells without a sheet are refused, and a refused or
 * abandoned workbook leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xlsx.h"

static char tmpdir[64];

/* Entries in tmpdir other than . and .. */
static int entries(void)
{
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/koers-xlsx-test-XXXXXX");
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    setenv("TMPDIR", tmpdir, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unsetenv("TMPDIR");
    return rmdir(tmpdir);
}

/* The sheet XML of sheet n, through unzip (Debian's unzip package; the
 * test is skipped without it). NULL when unzip is missing. */
static char *sheet_xml(int fd, int n)
{
    char cmd[256], *out = malloc(1 << 16);
    size_t len;
    FILE *p;

    snprintf(cmd, sizeof cmd, "command -v unzip >/dev/null && "
             "unzip -p /proc/%d/fd/%d xl/worksheets/sheet%d.xml",
             (int)getpid(), fd, n);
    p = popen(cmd, "r");
    assert_non_null(p);
    len = fread(out, 1, (1 << 16) - 1, p);
    out[len] = '\0';
    pclose(p);
    if (len == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static void test_workbook(void **state)
{
    static const char *const head[] = { "regio", "naam", "waarde", NULL };
    static const double widths[] = { 10, 30, 12 };
    char err[256], sig[4];
    struct xlsx *x;
    long long size;
    int fd;
    char *xml;

    (void)state;
    x = xlsx_new(err, sizeof err);
    assert_non_null(x);
    assert_int_equal(entries(), 1);            /* the file being built */
    assert_int_equal(xlsx_sheet(x, "Kaart", head, widths), 0);
    assert_int_equal(xlsx_str(x, 0, 0, "PV25"), 0);
    assert_int_equal(xlsx_str(x, 0, 1, "Gelderland & <Veluwe>"), 0);
    assert_int_equal(xlsx_num(x, 0, 2, 1234.5), 0);
    assert_int_equal(xlsx_str(x, 1, 0, "PV31"), 0);
    assert_int_equal(xlsx_sheet(x, "Regio's", head, NULL), 0);
    assert_int_equal(xlsx_num(x, 0, 2, 7), 0);
    assert_int_equal(xlsx_finish(x, &fd, &size, err, sizeof err), 0);
    assert_true(fd >= 0);
    assert_true(size > 1000);
    assert_int_equal(entries(), 0);            /* unlinked already */
    assert_int_equal(read(fd, sig, 4), 4);
    assert_memory_equal(sig, "PK\x03\x04", 4); /* a zip container */
    xml = sheet_xml(fd, 1);
    if (system("command -v unzip >/dev/null") == 0)
        assert_non_null(xml);
    if (xml) {
        assert_non_null(strstr(xml, "<pane ySplit=\"1\""));  /* frozen */
        assert_non_null(strstr(xml, "<t>regio</t>"));
        assert_non_null(strstr(xml, "Gelderland &amp; &lt;Veluwe&gt;"));
        assert_non_null(strstr(xml, "<v>1234.5</v>"));       /* a number */
        assert_non_null(strstr(xml, "width="));
        free(xml);
    }
    close(fd);
}

static void test_refusals(void **state)
{
    static const char *const head[] = { "a", NULL };
    char err[256];
    struct xlsx *x;
    long long size;
    int fd;

    (void)state;
    x = xlsx_new(err, sizeof err);
    assert_non_null(x);
    assert_int_equal(xlsx_str(x, 0, 0, "zonder blad"), -1);
    assert_int_equal(xlsx_finish(x, &fd, &size, err, sizeof err), -1);
    assert_int_equal(fd, -1);
    assert_int_equal(entries(), 0);

    x = xlsx_new(err, sizeof err);
    assert_non_null(x);
    assert_int_equal(xlsx_sheet(x, "A", head, NULL), 0);
    assert_int_equal(xlsx_num(x, XLSX_MAX_ROWS, 0, 1), -1);
    assert_int_equal(xlsx_sheet(x, "B", head, NULL), -1);  /* failed */
    xlsx_free(x);
    assert_int_equal(entries(), 0);

    x = xlsx_new(err, sizeof err);
    assert_non_null(x);
    assert_int_equal(xlsx_sheet(x, "Ongeldig[naam]", head, NULL), -1);
    xlsx_free(x);
    xlsx_free(NULL);
    assert_int_equal(entries(), 0);

    setenv("TMPDIR", "/nonexistent-koers", 1);
    assert_null(xlsx_new(err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent-koers"));
    setenv("TMPDIR", tmpdir, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workbook),
        cmocka_unit_test(test_refusals),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
