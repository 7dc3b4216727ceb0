/* test_import.c - unit tests for import.h against a real store seeded as
 * `koers init` seeds it (seed.h, monitorseed.h) and the real files in
 * data/open:
 * - the DUO hbo file: the national total of hbo-eerstejaars-techniek per
 *   year equals the sum of the file's techniek rows, computed here with a
 *   reader of its own (plain split on ';'), and so do a province and the
 *   women's share (a ratio, at NL01 and at a province);
 * - importing the same file again writes nothing at all (the store's
 *   change counter does not move), and reports everything unchanged;
 * - bad files (koers-lang with every kind of error, a truncated DUO file,
 *   Latin-1 bytes, an unclosed quote) are refused with line-numbered
 *   Dutch messages and change nothing;
 * - changed values and statuses count as updated, a dry run writes
 *   nothing, a deelnemer is refused;
 * - CBS: the region code list with history, a table directory with the
 *   status of provisional periods; a region hierarchy file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "fixture.h"
#include "import.h"
#include "monitorseed.h"
#include "seed.h"
#include "store.h"

#define HBO "data/open/duo/hbo_inscriptions_2019.csv"
#define MBO "data/open/duo/mbo_inscriptions_2019.csv"

/* cmocka 1.1 has no assert_double_equal; NAN (no value) never matches. */
#define assert_double_equal(a, b, eps) check_num((a), (b), (eps), __FILE__, \
                                                 __LINE__)

static void check_num(double a, double b, double eps, const char *file,
                      int line)
{
    if (!(fabs(a - b) <= eps)) {
        print_error("%s:%d: %.10g != %.10g\n", file, line, a, b);
        fail();
    }
}

struct t {
    struct store_fixture fx;
    struct actor who;
    struct import_opts o;
    struct import_summary s;
    struct fault f;
};

static const char *data_dir(void)
{
    const char *e = getenv("KOERS_DATA");

    return e && e[0] ? e : "data";
}

static int setup(void **state)
{
    struct t *t = calloc(1, sizeof *t);
    char err[512] = "";

    if (t == NULL)
        return -1;
    if (fixture_open(&t->fx, "/tmp/koers-import-XXXXXX", err,
                     sizeof err) != 0 ||
        seed_load(t->fx.db, data_dir(), err, sizeof err) != 0 ||
        monitorseed_load(t->fx.db, data_dir(), err, sizeof err) != 0) {
        print_error("setup: %s\n", err);
        if (t->fx.db)
            fixture_close(&t->fx);
        free(t);
        return -1;
    }
    audit_actor_cli(&t->who);
    t->o.data_dir = data_dir();
    *state = t;
    return 0;
}

/* Removes the extra files a test wrote next to koers.db. */
static int teardown(void **state)
{
    struct t *t = *state;
    static const char *const extra[] = { "x.csv", "y.csv", "RegioS.csv",
                                         NULL };
    char p[256];
    size_t i;

    for (i = 0; extra[i]; i++) {
        snprintf(p, sizeof p, "%s/%s", t->fx.dir, extra[i]);
        unlink(p);
    }
    if (fixture_close(&t->fx) != 0)
        print_error("teardown: could not remove %s\n", t->fx.dir);
    free(t);
    return 0;
}

static void write_file(struct t *t, const char *name, const char *text,
                       size_t len, char *path, size_t plen)
{
    FILE *fp;

    snprintf(path, plen, "%s/%s", t->fx.dir, name);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    fclose(fp);
}

/* One observation's value; NAN when there is none. */
static double obs(struct t *t, const char *ind, const char *region,
                  const char *period, const char *disagg, int *origin,
                  int *definitief)
{
    sqlite3_stmt *st;
    double v = NAN;

    assert_int_equal(sqlite3_prepare_v2(t->fx.db,
        "SELECT o.value, o.origin, o.definitief FROM observation o "
        "JOIN indicator i ON i.id = o.indicator_id JOIN region r ON r.id = "
        "o.region_id JOIN period p ON p.id = o.period_id JOIN "
        "disaggregation d ON d.id = o.disagg_id WHERE i.code = ? AND "
        "r.code = ? AND p.code = ? AND d.key = ?", -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, ind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, disagg, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_double(st, 0);
        if (origin)
            *origin = sqlite3_column_int(st, 1);
        if (definitief)
            *definitief = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return v;
}

static long long count(struct t *t, const char *sql)
{
    return store_count(t->fx.db, sql, NULL);
}

/* The DUO hbo file read independently: sums of the techniek rows per
 * year column (2015-2019) for all of NL and for one province, by sex. */
struct hbo_sums {
    long nl[5], nl_vrouw[5], pv[5], pv_vrouw[5];
};

static void hbo_sums(const char *province, struct hbo_sums *out)
{
    FILE *fp = fopen(HBO, "rb");
    char line[4096];
    int first = 1;

    memset(out, 0, sizeof *out);
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp)) {
        char *f[32], *p = line, *nl;
        int n = 0, y;

        nl = strpbrk(line, "\r\n");
        if (nl)
            *nl = '\0';
        if (first) {
            first = 0;
            continue;
        }
        while (n < 32) {
            f[n++] = p;
            p = strchr(p, ';');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (n != 18 || strcmp(f[7], "techniek") != 0)
            continue;
        for (y = 0; y < 5; y++) {
            long v = atol(f[13 + y]);
            int vrouw = strcmp(f[12], "vrouw") == 0;

            out->nl[y] += v;
            if (vrouw)
                out->nl_vrouw[y] += v;
            if (strcmp(f[0], province) == 0) {
                out->pv[y] += v;
                if (vrouw)
                    out->pv_vrouw[y] += v;
            }
        }
    }
    fclose(fp);
}

static void test_hbo_totals_match_the_file(void **state)
{
    struct t *t = *state;
    struct hbo_sums sums;
    char period[16];
    int y, origin = -1;

    assert_int_equal(import_path(t->fx.db, &t->who, HBO, &t->o, &t->s,
                                 &t->f), 0);
    assert_string_equal(t->s.source, "duo-hbo-eerstejaars");
    assert_true(t->s.batch_id > 0);
    assert_int_equal(t->s.rows_read, 3815);
    assert_true(t->s.imported > 0);
    assert_int_equal(t->s.updated, 0);
    assert_int_equal(t->s.nerrors, 0);
    hbo_sums("Gelderland", &sums);
    assert_int_equal(sums.nl[4], 23561);   /* a sanity check of the reader */
    for (y = 0; y < 5; y++) {
        double share;

        snprintf(period, sizeof period, "%dSJ10", 2015 + y);
        assert_double_equal(obs(t, "hbo-eerstejaars-techniek", "NL01",
                                period, "", &origin, NULL),
                            (double)sums.nl[y], 0);
        assert_int_equal(origin, 1);          /* rolled up */
        assert_double_equal(obs(t, "hbo-eerstejaars-techniek", "NL01",
                                period, "geslacht=vrouw", NULL, NULL),
                            (double)sums.nl_vrouw[y], 0);
        assert_double_equal(obs(t, "hbo-eerstejaars-techniek", "PV25",
                                period, "", NULL, NULL),
                            (double)sums.pv[y], 0);
        share = obs(t, "hbo-aandeel-vrouwen-techniek", "NL01", period, "",
                    &origin, NULL);
        assert_double_equal(share, 100.0 * (double)sums.nl_vrouw[y] /
                                   (double)sums.nl[y], 1e-9);
        assert_int_equal(origin, 2);          /* derived ratio */
        share = obs(t, "hbo-aandeel-vrouwen-techniek", "PV25", period, "",
                    NULL, NULL);
        assert_double_equal(share, 100.0 * (double)sums.pv_vrouw[y] /
                                   (double)sums.pv[y], 1e-9);
    }
    /* gemeenten registered from the file and placed in their province */
    assert_int_equal(count(t, "SELECT count(*) FROM region_link WHERE child "
                              "= 'GM0202' AND parent = 'PV25' AND year_from "
                              "= 2015 AND year_to = 2019"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM region WHERE code = "
                              "'GM0202' AND name = 'Arnhem' AND kind = "
                              "'gemeente'"), 1);
    /* provenance */
    assert_int_equal(count(t, "SELECT count(*) FROM import_batch WHERE "
                              "source_code = 'duo-hbo-eerstejaars' AND "
                              "length(file_sha256) = 64"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM audit WHERE action = "
                              "'monitor.importeren' AND result = 'gelukt'"),
                     1);
}

static void test_second_import_writes_nothing(void **state)
{
    struct t *t = *state;
    long long first, changes, obs_n, batches, audits;

    assert_int_equal(import_path(t->fx.db, &t->who, HBO, &t->o, &t->s,
                                 &t->f), 0);
    first = t->s.imported;
    obs_n = count(t, "SELECT count(*) FROM observation");
    batches = count(t, "SELECT count(*) FROM import_batch");
    audits = count(t, "SELECT count(*) FROM audit");
    changes = sqlite3_total_changes64(t->fx.db);
    assert_int_equal(import_path(t->fx.db, &t->who, HBO, &t->o, &t->s,
                                 &t->f), 0);
    assert_int_equal(t->s.batch_id, 0);
    assert_int_equal(t->s.imported, 0);
    assert_int_equal(t->s.updated, 0);
    assert_int_equal(t->s.unchanged, first);
    assert_int_equal(t->s.links_changed, 0);
    assert_int_equal(sqlite3_total_changes64(t->fx.db), changes);
    assert_int_equal(count(t, "SELECT count(*) FROM observation"), obs_n);
    assert_int_equal(count(t, "SELECT count(*) FROM import_batch"), batches);
    assert_int_equal(count(t, "SELECT count(*) FROM audit"), audits);
}

/* Everything countable in the monitor's part of the store. */
static long long fingerprint(struct t *t)
{
    return count(t, "SELECT (SELECT count(*) FROM observation) * 1000003 + "
                    "(SELECT coalesce(sum(value), 0) FROM observation) + "
                    "(SELECT count(*) FROM import_batch) * 7 + "
                    "(SELECT count(*) FROM period) * 11 + "
                    "(SELECT count(*) FROM disaggregation) * 13 + "
                    "(SELECT count(*) FROM region) * 17 + "
                    "(SELECT count(*) FROM region_link) * 19");
}

static int has_error(struct t *t, const char *text)
{
    int i;

    for (i = 0; i < t->s.nerrors; i++)
        if (strstr(t->s.errors[i], text))
            return 1;
    print_error("no error with '%s'; got:\n", text);
    for (i = 0; i < t->s.nerrors; i++)
        print_error("  %s\n", t->s.errors[i]);
    return 0;
}

static void test_bad_koers_lang_changes_nothing(void **state)
{
    static const char bad[] =
        "indicator,regio,periode,uitsplitsing,waarde,status\r\n"
        "cbs-investeringen,NL01,2030JJ00,sector=bouw,12.5,definitief\r\n"
        "cbs-investeringen,NL01,2031JJ00,,abc,definitief\r\n"
        "cbs-investeringen,XX99,2030JJ00,,1,definitief\r\n"
        "onbekend,NL01,2030JJ00,,1,definitief\r\n"
        "cbs-investeringen,NL01,2030SJ10,,1,definitief\r\n"
        "cbs-investeringen,NL01,2030JJ00,kleur=rood,1,definitief\r\n"
        "cbs-investeringen,NL01,2030JJ00,sector=bouw,13,definitief\r\n"
        "cbs-investeringen,NL01,2030JJ00,,1,misschien\r\n"
        "hbo-aandeel-vrouwen-techniek,NL01,2030SJ10,,50,definitief\r\n"
        "cbs-investeringen,NL01,2030XX00,,1,definitief\r\n"
        "cbs-investeringen,NL01,2032JJ00,,1\r\n";
    struct t *t = *state;
    char path[256];
    long long before = fingerprint(t), changes;

    write_file(t, "x.csv", bad, sizeof bad - 1, path, sizeof path);
    changes = sqlite3_total_changes64(t->fx.db);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), -1);
    assert_int_equal(t->f.kind, FAULT_INVALID);
    assert_non_null(strstr(t->f.msg, "niet geïmporteerd"));
    assert_true(has_error(t, "regel 3, kolom waarde: 'abc' is geen getal"));
    assert_true(has_error(t, "regel 4, kolom regio: onbekende regio 'XX99'"));
    assert_true(has_error(t, "regel 5, kolom indicator: onbekende "
                             "indicator 'onbekend'"));
    assert_true(has_error(t, "regel 6, kolom periode: 2030SJ10 is geen "
                             "periode van indicator cbs-investeringen"));
    assert_true(has_error(t, "regel 7, kolom uitsplitsing: onbekende "
                             "dimensie 'kleur'"));
    assert_true(has_error(t, "regel 9, kolom status"));
    assert_true(has_error(t, "regel 10, kolom indicator: "
                             "hbo-aandeel-vrouwen-techniek wordt berekend"));
    assert_true(has_error(t, "regel 11, kolom periode: '2030XX00' is geen "
                             "periodecode"));
    assert_true(has_error(t, "regel 12: 5 velden, verwacht 6"));
    assert_int_equal(fingerprint(t), before);
    assert_int_equal(t->s.batch_id, 0);
    (void)changes;

    /* the only error left: the repeated key, with both lines */
    {
        static const char dup[] =
            "indicator,regio,periode,uitsplitsing,waarde,status\n"
            "cbs-investeringen,NL01,2030JJ00,sector=bouw,12.5,definitief\n"
            "cbs-investeringen,NL01,2030JJ00,,1,definitief\n"
            "cbs-investeringen,NL01,2030JJ00,sector=bouw,13,definitief\n";

        write_file(t, "x.csv", dup, sizeof dup - 1, path, sizeof path);
        assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                     &t->f), -1);
        assert_int_equal(t->s.nerrors, 1);
        assert_true(has_error(t, "regel 2 en regel 4: dezelfde waarneming "
                                 "staat twee keer in het bestand"));
        assert_true(has_error(t, "regio NL01, periode 2030JJ00, "
                                 "uitsplitsing 'sector=bouw'"));
        assert_int_equal(fingerprint(t), before);
    }
}

/* A DUO file cut off in the middle of a line: the last record has too
 * few fields. Nothing of the rest is stored either. */
static void test_truncated_and_wrong_encoding(void **state)
{
    struct t *t = *state;
    FILE *fp = fopen(HBO, "rb");
    char *buf, path[256];
    long len;
    long long before = fingerprint(t);

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    len = ftell(fp);
    rewind(fp);
    buf = malloc((size_t)len);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)len, fp), (size_t)len);
    fclose(fp);
    /* cut 60 bytes before the end: inside the last line */
    write_file(t, "x.csv", buf, (size_t)len - 60, path, sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), -1);
    assert_true(has_error(t, "regel 3823: "));
    assert_true(has_error(t, "velden, verwacht 18; is het bestand "
                             "afgebroken?"));
    assert_int_equal(fingerprint(t), before);
    /* a Latin-1 byte in a gemeente name on line 2 */
    memcpy(strstr(buf, "Assen"), "Ass\xE9n", 5);
    write_file(t, "x.csv", buf, (size_t)len, path, sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), -1);
    assert_true(has_error(t, "regel 2, kolom 3: de tekst is geen geldige "
                             "UTF-8"));
    assert_int_equal(fingerprint(t), before);
    free(buf);
    /* an unclosed quote at the end */
    {
        static const char q[] =
            "indicator,regio,periode,uitsplitsing,waarde,status\n"
            "cbs-investeringen,NL01,2030JJ00,\"sector=bouw,1,definitief\n";

        write_file(t, "x.csv", q, sizeof q - 1, path, sizeof path);
        assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                     &t->f), -1);
        assert_true(has_error(t, "houdt op midden in een veld"));
        assert_int_equal(fingerprint(t), before);
    }
}

static void test_updates_dry_run_and_permission(void **state)
{
    static const char v1[] =
        "indicator,regio,periode,uitsplitsing,waarde,status\n"
        "cbs-investeringen,NL01,2030JJ00,sector=bouw,12.5,voorlopig\n"
        "cbs-investeringen,NL01,2030JJ00,,100,voorlopig\n"
        "cbs-investeringen,NL01,2031JJ00,,101,definitief\n";
    static const char v2[] =
        "indicator,regio,periode,uitsplitsing,waarde,status\n"
        "cbs-investeringen,NL01,2030JJ00,sector=bouw,12.75,voorlopig\n"
        "cbs-investeringen,NL01,2030JJ00,,100,definitief\n"
        "cbs-investeringen,NL01,2031JJ00,,101,definitief\n"
        "cbs-investeringen,NL01,2032JJ00,,1e2,definitief\n";
    struct t *t = *state;
    struct actor d;
    char path[256];
    long long before;
    int def = -1;

    write_file(t, "x.csv", v1, sizeof v1 - 1, path, sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), 0);
    assert_int_equal(t->s.imported, 3);
    assert_double_equal(obs(t, "cbs-investeringen", "NL01", "2030JJ00",
                            "sector=bouw", NULL, &def), 12.5, 0);
    assert_int_equal(def, 0);
    /* a dry run counts but writes nothing */
    write_file(t, "y.csv", v2, sizeof v2 - 1, path, sizeof path);
    t->o.dry_run = 1;
    before = fingerprint(t);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), 0);
    t->o.dry_run = 0;
    assert_int_equal(t->s.imported, 1);
    assert_int_equal(t->s.updated, 2);
    assert_int_equal(t->s.unchanged, 1);
    assert_int_equal(t->s.batch_id, 0);
    assert_int_equal(fingerprint(t), before);
    /* a deelnemer may not import */
    d = t->who;
    d.role = ROLE_DEELNEMER;
    assert_int_equal(import_path(t->fx.db, &d, path, &t->o, &t->s, &t->f),
                     -1);
    assert_int_equal(t->f.kind, FAULT_FORBIDDEN);
    assert_int_equal(fingerprint(t), before);
    assert_int_equal(count(t, "SELECT count(*) FROM audit WHERE action = "
                              "'monitor.importeren' AND result = "
                              "'geweigerd'"), 1);
    /* the real thing: one value and one status changed, one new */
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), 0);
    assert_int_equal(t->s.imported, 1);
    assert_int_equal(t->s.updated, 2);
    assert_int_equal(t->s.unchanged, 1);
    assert_true(t->s.batch_id > 0);
    assert_double_equal(obs(t, "cbs-investeringen", "NL01", "2030JJ00",
                            "sector=bouw", NULL, NULL), 12.75, 0);
    assert_double_equal(obs(t, "cbs-investeringen", "NL01", "2030JJ00", "",
                            NULL, &def), 100, 0);
    assert_int_equal(def, 1);
    assert_double_equal(obs(t, "cbs-investeringen", "NL01", "2032JJ00", "",
                            NULL, NULL), 100, 0);
}

/* The import from memory (an upload) gives the same as from a file. */
static void test_buffer_and_recognition(void **state)
{
    static const char v[] =
        "indicator,regio,periode,uitsplitsing,waarde,status\n"
        "mbo-studenten-ict,NL01,2030SJ10,geslacht=vrouw;niveau=4,7,"
        "definitief\n"
        "mbo-studenten-ict,NL01,2030SJ10,niveau=4;geslacht=man,8,"
        "definitief\n";
    struct t *t = *state;
    char code[64];

    assert_int_equal(import_buffer(t->fx.db, &t->who, "upload.csv", v,
                                   sizeof v - 1, &t->o, &t->s, &t->f), 0);
    assert_int_equal(t->s.imported, 2);
    assert_double_equal(obs(t, "mbo-studenten-ict", "NL01", "2030SJ10",
                            "geslacht=man;niveau=4", NULL, NULL), 8, 0);
    assert_double_equal(obs(t, "mbo-studenten-ict", "NL01", "2030SJ10",
                            "niveau=4", NULL, NULL), 15, 0);
    assert_int_equal(import_buffer(t->fx.db, &t->who, "leeg.csv", "a;b\n",
                                   4, &t->o, &t->s, &t->f), -1);
    assert_int_equal(t->f.kind, FAULT_NOTFOUND);
    assert_int_equal(import_recognise(MBO, data_dir(), code, sizeof code,
                                      &t->f), 1);
    assert_string_equal(code, "duo-mbo-ingeschrevenen");
    assert_int_equal(import_recognise("data/open/cbs/84328NED", data_dir(),
                                      code, sizeof code, &t->f), 1);
    assert_string_equal(code, "cbs-84328ned");
    assert_int_equal(import_recognise("data/open/README.md", data_dir(),
                                      code, sizeof code, &t->f), 0);
}

/* mbo at NL01: man plus vrouw of the techniek rows, TOTAAL not read. */
static void test_mbo_national(void **state)
{
    struct t *t = *state;
    FILE *fp = fopen(MBO, "rb");
    char line[8192];
    long sum2019 = 0;
    int first = 1;

    assert_non_null(fp);
    while (fgets(line, sizeof line, fp)) {
        char *f[40], *p = line;
        int n = 0;

        line[strcspn(line, "\r\n")] = '\0';
        if (first) {
            first = 0;
            continue;
        }
        while (n < 40) {
            f[n++] = p;
            p = strchr(p, ';');
            if (p == NULL)
                break;
            *p++ = '\0';
        }
        if (n == 28 && strcmp(f[8], "techniek") == 0)
            sum2019 += atol(f[25]) + atol(f[26]);   /* MAN2019, VROUW2019 */
    }
    fclose(fp);
    assert_int_equal(import_path(t->fx.db, &t->who, MBO, &t->o, &t->s,
                                 &t->f), 0);
    assert_true(sum2019 > 0);
    assert_double_equal(obs(t, "mbo-studenten-techniek", "NL01", "2019SJ10",
                            "", NULL, NULL), (double)sum2019, 0);
}

static void test_cbs_regions_and_table(void **state)
{
    struct t *t = *state;
    int def = -1, origin = -1;

    assert_int_equal(import_path(t->fx.db, &t->who,
                                 "data/open/cbs/83262NED/RegioS.csv", &t->o,
                                 &t->s, &t->f), 0);
    assert_string_equal(t->s.source, "cbs-regiocodes");
    assert_int_equal(t->s.imported, 409);
    assert_int_equal(t->s.unchanged, 1);       /* NL01 */
    assert_int_equal(count(t, "SELECT count(*) FROM region WHERE code = "
                              "'GM0738' AND ended = '2019-01-01' AND started "
                              "= '1973-01-01'"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM region WHERE code = "
                              "'GM0518' AND name = '''s-Gravenhage'"), 1);
    assert_int_equal(import_path(t->fx.db, &t->who, "data/open/cbs/83262NED",
                                 &t->o, &t->s, &t->f), 0);
    assert_double_equal(obs(t, "cbs-wmo-clienten", "NL01", "2019JJ00", "",
                            &origin, &def), 1166485, 0);
    assert_int_equal(origin, 0);
    assert_double_equal(obs(t, "cbs-wmo-clienten-halfjaar", "NL01",
                            "2020HJ01", "", NULL, &def), 1111045, 0);
    assert_int_equal(def, 0);                  /* Voorlopig in Perioden.csv */
    assert_int_equal(import_path(t->fx.db, &t->who, "data/open/cbs/84328NED",
                                 &t->o, &t->s, &t->f), 0);
    assert_double_equal(obs(t, "cbs-investeringen", "NL01", "1995JJ00", "",
                            NULL, NULL), 69687, 0);
}

static void test_region_hierarchy_file(void **state)
{
    static const char ok[] =
        "gemeente,arbeidsmarktregio,jaar_van,jaar_tot\n"
        "GM0518,AM21,2000,9999\n"
        "GM0363,AM18,2000,2018\n"
        "GM0363,AM18,2019,9999\n";
    static const char overlap[] =
        "gemeente,provincie,jaar_van,jaar_tot\n"
        "GM0518,Zuid-Holland,2000,2020\n"
        "GM0518,PV27,2015,9999\n"
        "GM9999,PV27,2015,9999\n";
    struct t *t = *state;
    char path[256];
    long long before;

    assert_int_equal(import_path(t->fx.db, &t->who,
                                 "data/open/cbs/83262NED/RegioS.csv", &t->o,
                                 &t->s, &t->f), 0);
    write_file(t, "x.csv", ok, sizeof ok - 1, path, sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), 0);
    assert_string_equal(t->s.source, "regio-indeling");
    assert_int_equal(t->s.imported, 3);
    assert_int_equal(count(t, "SELECT count(*) FROM region_link WHERE child "
                              "= 'GM0518' AND parent = 'AM21'"), 1);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), 0);
    assert_int_equal(t->s.unchanged, 3);
    assert_int_equal(t->s.batch_id, 0);
    before = fingerprint(t);
    write_file(t, "x.csv", overlap, sizeof overlap - 1, path, sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), -1);
    assert_true(has_error(t, "regel 4, kolom gemeente: onbekende gemeente "
                             "'GM9999'"));
    assert_int_equal(fingerprint(t), before);
    write_file(t, "x.csv", overlap, sizeof overlap - 1 - 22, path,
               sizeof path);
    assert_int_equal(import_path(t->fx.db, &t->who, path, &t->o, &t->s,
                                 &t->f), -1);
    assert_true(has_error(t, "regel 2 en regel 3: de jaren van gemeente "
                             "GM0518 overlappen"));
    assert_int_equal(fingerprint(t), before);
}

/* The catalogue of a store made by init is complete: a sync adds
 * nothing and writes nothing. */
static void test_catalogue_sync(void **state)
{
    struct t *t = *state;
    long long changes = sqlite3_total_changes64(t->fx.db);
    long added = -1;
    char err[256];

    assert_int_equal(monitorseed_sync(t->fx.db, data_dir(), &added, err,
                                      sizeof err), 0);
    assert_int_equal(added, 0);
    assert_int_equal(sqlite3_total_changes64(t->fx.db), changes);
    assert_int_equal(sqlite3_exec(t->fx.db,
        "DELETE FROM indicator_dimension WHERE indicator_id = (SELECT id "
        "FROM indicator WHERE code = 'cbs-wmo-clienten-halfjaar');"
        "DELETE FROM indicator WHERE code = 'cbs-wmo-clienten-halfjaar'",
        NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(monitorseed_sync(t->fx.db, data_dir(), &added, err,
                                      sizeof err), 0);
    assert_int_equal(added, 1);
    assert_int_equal(count(t, "SELECT count(*) FROM indicator i JOIN "
                              "indicator_dimension d ON d.indicator_id = "
                              "i.id WHERE i.code = "
                              "'cbs-wmo-clienten-halfjaar'"), 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_hbo_totals_match_the_file),
        T(test_second_import_writes_nothing),
        T(test_bad_koers_lang_changes_nothing),
        T(test_truncated_and_wrong_encoding),
        T(test_updates_dry_run_and_permission),
        T(test_buffer_and_recognition),
        T(test_mbo_national),
        T(test_cbs_regions_and_table),
        T(test_region_hierarchy_file),
        T(test_catalogue_sync),
    };

    if (auth_init() != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
