/* test_geo.c - unit tests for geo.h: decoding a hand-made topology
 * (quantized delta arcs, a shared arc, a reversed arc ~i, Polygon and
 * MultiPolygon, sorting by code), refusals of broken topologies with a
 * reason, the real province and arbeidsmarktregio files of data/open/geo
 * (every region present, paths inside the viewBox, the shape of the
 * country), and the shared cache loaded once by concurrent threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"

/* Two unit squares side by side sharing arc 0 (the vertical edge at
 * longitude 4): PV02 (east) walks arc 1 then arc 0; PV01 (west) walks arc
 * 0 reversed (~0 = -1) then arc 2; PV03 is a MultiPolygon of both. Listed
 * out of code order to check the sorting. */
static const char topo[] =
    "{\"type\":\"Topology\","
    "\"transform\":{\"scale\":[0.01,0.01],\"translate\":[4,51]},"
    "\"arcs\":[[[0,0],[0,100]],"
    "[[0,100],[100,0],[0,-100],[-100,0]],"
    "[[0,0],[-100,0],[0,100],[100,0]]],"
    "\"objects\":{\"test\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"arcs\":[[1,0]],"
    "\"properties\":{\"statcode\":\"PV02\",\"statnaam\":\"Oost\"}},"
    "{\"type\":\"Polygon\",\"arcs\":[[-1,2]],"
    "\"properties\":{\"statcode\":\"PV01\",\"statnaam\":\"West\"}},"
    "{\"type\":\"MultiPolygon\",\"arcs\":[[[1,0]],[[-1,2]]],"
    "\"properties\":{\"statcode\":\"PV03\",\"statnaam\":\"Beide\"}}"
    "]}}}";

/* The number of points of a path (one per separator after M). */
static int points(const char *d)
{
    int n = 0;

    for (; *d; d++)
        if (*d == 'M' || *d == ' ')
            n++;
    return n;
}

static void test_parse_small(void **state)
{
    struct geo_map m;
    char err[256];
    const struct geo_region *w, *e, *both;

    (void)state;
    assert_int_equal(geo_map_parse(topo, strlen(topo), 100, &m, err,
                                   sizeof err), 0);
    assert_int_equal(m.n, 3);
    assert_string_equal(m.regions[0].code, "PV01");
    assert_string_equal(m.regions[1].code, "PV02");
    assert_string_equal(m.regions[2].code, "PV03");
    assert_true(m.width == 100);
    /* one degree of latitude is 1/cos(52.2) times longer than one of
     * longitude: the map of two by one degree is 92 wide, ~75 high + pad */
    assert_true(m.height > 82 && m.height < 84);

    e = geo_find(&m, "PV02");
    assert_non_null(e);
    assert_string_equal(e->name, "Oost");
    /* starts at (lon 4, lat 52): the middle top, 4 units of padding */
    assert_true(strncmp(e->d, "M50.0,4.0 96.0,4.0 96.0,", 24) == 0);
    assert_int_equal(points(e->d), 5);       /* shared end points once */
    assert_int_equal(e->d[strlen(e->d) - 1], 'Z');

    w = geo_find(&m, "PV01");
    assert_non_null(w);
    /* ~0 walks the shared edge downwards: (4,52) then (4,51) */
    assert_true(strncmp(w->d, "M50.0,4.0 50.0,", 15) == 0);
    assert_non_null(strstr(w->d, " 4.0,"));  /* the west edge */
    assert_int_equal(points(w->d), 5);

    both = geo_find(&m, "PV03");
    assert_non_null(both);
    assert_int_equal(points(both->d), 10);   /* two rings */
    assert_non_null(strstr(both->d, "ZM"));
    assert_null(geo_find(&m, "PV04"));
    geo_map_free(&m);
    geo_map_free(&m);                        /* a freed map is empty */
}

static void expect_refusal(const char *json, const char *why)
{
    struct geo_map m;
    char err[256] = "";

    assert_int_equal(geo_map_parse(json, strlen(json), 100, &m, err,
                                   sizeof err), -1);
    assert_int_equal(m.n, 0);
    assert_null(m.regions);
    if (strstr(err, why) == NULL)
        fail_msg("reason '%s' does not mention '%s'", err, why);
}

static void test_refusals(void **state)
{
    (void)state;
    expect_refusal("{\"type\":", "regel 1");
    expect_refusal("{\"arcs\":[],\"objects\":{}}", "GeometryCollection");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":[{\"type\":\"Polygon\",\"arcs\":[[5]],"
                   "\"properties\":{\"statcode\":\"PV01\"}}]}}}",
                   "arc-index 5 bestaat niet");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":[{\"type\":\"Polygon\",\"arcs\":[[-2]],"
                   "\"properties\":{\"statcode\":\"PV01\"}}]}}}",
                   "arc-index -2 bestaat niet");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":[{\"type\":\"Point\",\"coordinates\":"
                   "[0,0],\"properties\":{\"statcode\":\"PV01\"}}]}}}",
                   "Point");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":[{\"type\":\"Polygon\",\"arcs\":[[0]],"
                   "\"properties\":{}}]}}}", "statcode");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":["
                   "{\"type\":\"Polygon\",\"arcs\":[[0]],\"properties\":"
                   "{\"statcode\":\"PV01\"}},"
                   "{\"type\":\"Polygon\",\"arcs\":[[0]],\"properties\":"
                   "{\"statcode\":\"PV01\"}}]}}}", "dubbel");
    expect_refusal("{\"arcs\":[[[0,0],[500,1]]],\"objects\":{\"x\":{"
                   "\"geometries\":[{\"type\":\"Polygon\",\"arcs\":[[0]],"
                   "\"properties\":{\"statcode\":\"PV01\"}}]}}}",
                   "buiten bereik");
    expect_refusal("{\"arcs\":[[[0,0],[1,1]]],\"arcs\":[],\"objects\":{}}",
                   "regel 1");                /* duplicate key */
}

static const char *data_dir(void)
{
    const char *d = getenv("KOERS_DATA");

    return d && d[0] ? d : "data";
}

/* Every number in d lies inside 0..w and 0..h. */
static void check_inside(const char *d, double w, double h)
{
    const char *p = d;

    while (*p) {
        char *end;
        double x, y;

        if (*p == 'M' || *p == ' ' || *p == 'Z') {
            p++;
            continue;
        }
        x = strtod(p, &end);
        assert_int_equal(*end, ',');
        y = strtod(end + 1, &end);
        assert_true(x >= 0 && x <= w);
        assert_true(y >= 0 && y <= h);
        p = end;
    }
}

static void test_real_provinces(void **state)
{
    struct geo_map m;
    char path[512], err[256];
    static const char *const codes[] = { "PV20", "PV21", "PV22", "PV23",
        "PV24", "PV25", "PV26", "PV27", "PV28", "PV29", "PV30", "PV31" };
    size_t i;

    (void)state;
    snprintf(path, sizeof path, "%s/open/geo/provincie_2023.topojson",
             data_dir());
    if (geo_map_load(path, GEO_WIDTH, &m, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_int_equal(m.n, 12);
    for (i = 0; i < 12; i++) {
        assert_string_equal(m.regions[i].code, codes[i]);
        assert_int_equal(m.regions[i].d[0], 'M');
        check_inside(m.regions[i].d, m.width, m.height);
    }
    assert_string_equal(geo_find(&m, "PV25")->name, "Gelderland");
    assert_string_equal(geo_find(&m, "PV21")->name, "Fryslân");
    /* the Netherlands is taller than wide on an equal-distance map */
    assert_true(m.height / m.width > 1.05 && m.height / m.width < 1.35);
    /* Fryslân has islands: more than one ring */
    assert_non_null(strstr(geo_find(&m, "PV21")->d, "ZM"));
    geo_map_free(&m);

    snprintf(path, sizeof path, "%s/open/geo/nergens.topojson", data_dir());
    assert_int_equal(geo_map_load(path, GEO_WIDTH, &m, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "nergens.topojson"));
}

struct getter {
    enum geo_kind kind;
    const struct geo_map *got;
};

static void *get_map(void *arg)
{
    struct getter *g = arg;

    g->got = geo_get(data_dir(), g->kind);
    return NULL;
}

static void test_cache_threads(void **state)
{
    pthread_t t[8];
    struct getter g[8];
    int i;

    (void)state;
    for (i = 0; i < 8; i++) {
        g[i].kind = i % 2 ? GEO_ARBEIDSMARKTREGIO : GEO_PROVINCIE;
        g[i].got = NULL;
        assert_int_equal(pthread_create(&t[i], NULL, get_map, &g[i]), 0);
    }
    for (i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    for (i = 0; i < 8; i++) {
        assert_non_null(g[i].got);
        assert_ptr_equal(g[i].got, g[i % 2].got);   /* loaded once */
    }
    assert_int_equal(g[0].got->n, 12);
    assert_int_equal(g[1].got->n, 35);
    assert_non_null(geo_find(g[1].got, "AM12"));
    assert_null(geo_get(data_dir(), GEO_KIND_COUNT));
    assert_int_equal(geo_kind_parse("arbeidsmarktregio"),
                     GEO_ARBEIDSMARKTREGIO);
    assert_int_equal(geo_kind_parse("gemeente"), -1);
    assert_string_equal(geo_kind_code(GEO_PROVINCIE), "provincie");
    geo_cache_free();
    assert_null(geo_get("/nonexistent", GEO_PROVINCIE));
    geo_cache_free();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_small),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_real_provinces),
        cmocka_unit_test(test_cache_threads),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
