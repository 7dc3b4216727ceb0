/* geo.c - TopoJSON to SVG path data for the monitor maps (see geo.h).
 *
 * Decoding follows the TopoJSON specification: with a "transform", every
 * arc is a list of quantized positions whose first is absolute and the
 * rest deltas; position = q * scale + translate. A ring lists arc
 * indexes; a negative index ~i means arc i reversed; consecutive arcs
 * share their end point, which is written once. All arcs are decoded and
 * projected once, then each ring is written as "Mx,y x,y ...Z". */
#include "geo.h"
#include "buf.h"
#include "log.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Projection: equirectangular around the latitude of the middle of the
 * Netherlands, so a degree east is as long on the map as on the ground. */
#define GEO_LAT0_DEG 52.2
#define GEO_PAD 4.0
/* Limits on a topology, far above the real files. */
#define GEO_MAX_ARCS 100000
#define GEO_MAX_POINTS 2000000
#define GEO_MAX_REGIONS 1000
#define GEO_MAX_PATH (1024 * 1024)

struct pt {
    double x, y;
};

struct arc {
    struct pt *p;
    size_t n;
};

struct topo {
    struct arc *arcs;
    size_t narcs;
    double minx, miny, maxx, maxy;
    double scale, pad;
    char *err;
    size_t errlen;
};

static const char *const kind_codes[GEO_KIND_COUNT] = {
    "provincie", "arbeidsmarktregio"
};

const char *geo_kind_code(enum geo_kind k)
{
    return (unsigned)k < GEO_KIND_COUNT ? kind_codes[k] : "";
}

int geo_kind_parse(const char *code)
{
    int i;

    for (i = 0; code && i < GEO_KIND_COUNT; i++)
        if (strcmp(code, kind_codes[i]) == 0)
            return i;
    return -1;
}

static void topo_free(struct topo *t)
{
    size_t i;

    for (i = 0; t->arcs && i < t->narcs; i++)
        free(t->arcs[i].p);
    free(t->arcs);
    t->arcs = NULL;
    t->narcs = 0;
}

/* A JSON number (integer or real) as a double; 0 with *ok cleared when
 * it is not a number. */
static double num(json_t *v, int *ok)
{
    if (json_is_integer(v))
        return (double)json_integer_value(v);
    if (json_is_real(v))
        return json_real_value(v);
    *ok = 0;
    return 0;
}

/* Decode and project every arc of the topology; also the bounds of all
 * projected points. 0, or -1 with t->err filled. */
static int decode_arcs(struct topo *t, json_t *root)
{
    json_t *arcs = json_object_get(root, "arcs");
    json_t *tr = json_object_get(root, "transform");
    double sx = 1, sy = 1, tx = 0, ty = 0;
    double kx = cos(GEO_LAT0_DEG * M_PI / 180.0);
    size_t i, j, total = 0;
    int ok = 1, quantized = json_is_object(tr);

    if (!json_is_array(arcs) || json_array_size(arcs) > GEO_MAX_ARCS) {
        snprintf(t->err, t->errlen, "topologie zonder geldige arcs");
        return -1;
    }
    if (quantized) {
        json_t *s = json_object_get(tr, "scale");
        json_t *o = json_object_get(tr, "translate");

        sx = num(json_array_get(s, 0), &ok);
        sy = num(json_array_get(s, 1), &ok);
        tx = num(json_array_get(o, 0), &ok);
        ty = num(json_array_get(o, 1), &ok);
        if (!ok || sx <= 0 || sy <= 0) {
            snprintf(t->err, t->errlen, "ongeldige transform");
            return -1;
        }
    }
    t->narcs = json_array_size(arcs);
    t->arcs = calloc(t->narcs ? t->narcs : 1, sizeof *t->arcs);
    if (t->arcs == NULL) {
        snprintf(t->err, t->errlen, "geen geheugen");
        return -1;
    }
    t->minx = t->miny = HUGE_VAL;
    t->maxx = t->maxy = -HUGE_VAL;
    for (i = 0; i < t->narcs; i++) {
        json_t *a = json_array_get(arcs, i);
        size_t n = json_array_size(a);
        double qx = 0, qy = 0;

        total += n;
        if (!json_is_array(a) || n == 0 || total > GEO_MAX_POINTS) {
            snprintf(t->err, t->errlen, "arc %zu is leeg of te groot", i);
            return -1;
        }
        t->arcs[i].p = malloc(n * sizeof *t->arcs[i].p);
        if (t->arcs[i].p == NULL) {
            snprintf(t->err, t->errlen, "geen geheugen");
            return -1;
        }
        t->arcs[i].n = n;
        for (j = 0; j < n; j++) {
            json_t *pos = json_array_get(a, j);
            double x = num(json_array_get(pos, 0), &ok);
            double y = num(json_array_get(pos, 1), &ok);
            double lon, lat;

            if (!ok || !json_is_array(pos)) {
                snprintf(t->err, t->errlen, "arc %zu, punt %zu: geen "
                         "positie", i, j);
                return -1;
            }
            if (quantized) {
                qx = j ? qx + x : x;
                qy = j ? qy + y : y;
                lon = qx * sx + tx;
                lat = qy * sy + ty;
            } else {
                lon = x;
                lat = y;
            }
            if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 180 ||
                fabs(lat) > 90) {
                snprintf(t->err, t->errlen, "arc %zu, punt %zu: buiten "
                         "bereik", i, j);
                return -1;
            }
            t->arcs[i].p[j].x = lon * kx;
            t->arcs[i].p[j].y = -lat;
            if (t->arcs[i].p[j].x < t->minx)
                t->minx = t->arcs[i].p[j].x;
            if (t->arcs[i].p[j].x > t->maxx)
                t->maxx = t->arcs[i].p[j].x;
            if (t->arcs[i].p[j].y < t->miny)
                t->miny = t->arcs[i].p[j].y;
            if (t->arcs[i].p[j].y > t->maxy)
                t->maxy = t->arcs[i].p[j].y;
        }
    }
    if (total == 0 || t->maxx <= t->minx || t->maxy <= t->miny) {
        snprintf(t->err, t->errlen, "topologie zonder oppervlak");
        return -1;
    }
    return 0;
}

/* A projected point in viewBox tenths (never negative). */
static long tenths(double v)
{
    long t = lround(v * 10.0);

    return t < 0 ? 0 : t;
}

/* Append one ring (an array of arc indexes) to the path. Points that
 * round to the previous one are left out. */
static int write_ring(struct topo *t, json_t *ring, struct buf *d)
{
    size_t i, j, written = 0;
    long lx = -1, ly = -1;

    if (!json_is_array(ring) || json_array_size(ring) == 0) {
        snprintf(t->err, t->errlen, "lege ring");
        return -1;
    }
    for (i = 0; i < json_array_size(ring); i++) {
        json_t *ix = json_array_get(ring, i);
        long long k;
        const struct arc *a;

        if (!json_is_integer(ix)) {
            snprintf(t->err, t->errlen, "arc-index is geen geheel getal");
            return -1;
        }
        k = json_integer_value(ix);
        if ((k >= 0 && (size_t)k >= t->narcs) ||
            (k < 0 && (size_t)(~k) >= t->narcs)) {
            snprintf(t->err, t->errlen, "arc-index %lld bestaat niet", k);
            return -1;
        }
        a = &t->arcs[k >= 0 ? k : ~k];
        for (j = i ? 1 : 0; j < a->n; j++) {
            const struct pt *p = &a->p[k >= 0 ? j : a->n - 1 - j];
            long x = tenths((p->x - t->minx) * t->scale + t->pad);
            long y = tenths((p->y - t->miny) * t->scale + t->pad);

            if (x == lx && y == ly)
                continue;
            buf_printf(d, "%s%ld.%ld,%ld.%ld", written ? " " : "M",
                       x / 10, x % 10, y / 10, y % 10);
            lx = x;
            ly = y;
            written++;
        }
    }
    buf_putc(d, 'Z');
    return 0;
}

/* The path data of a Polygon or MultiPolygon geometry. */
static int write_geometry(struct topo *t, json_t *g, struct buf *d)
{
    const char *type = json_string_value(json_object_get(g, "type"));
    json_t *arcs = json_object_get(g, "arcs"), *poly, *ring;
    size_t i, k;

    if (type && strcmp(type, "Polygon") == 0 && json_is_array(arcs)) {
        json_array_foreach(arcs, i, ring)
            if (write_ring(t, ring, d) != 0)
                return -1;
        return 0;
    }
    if (type && strcmp(type, "MultiPolygon") == 0 && json_is_array(arcs)) {
        json_array_foreach(arcs, i, poly) {
            if (!json_is_array(poly)) {
                snprintf(t->err, t->errlen, "ongeldige MultiPolygon");
                return -1;
            }
            json_array_foreach(poly, k, ring)
                if (write_ring(t, ring, d) != 0)
                    return -1;
        }
        return 0;
    }
    snprintf(t->err, t->errlen, "geometrie van type %s wordt niet "
             "ondersteund", type ? type : "(geen)");
    return -1;
}

static int region_cmp(const void *a, const void *b)
{
    return strcmp(((const struct geo_region *)a)->code,
                  ((const struct geo_region *)b)->code);
}

void geo_map_free(struct geo_map *m)
{
    size_t i;

    if (m == NULL)
        return;
    for (i = 0; m->regions && i < m->n; i++)
        free(m->regions[i].d);
    free(m->regions);
    memset(m, 0, sizeof *m);
}

int geo_map_parse(const char *json, size_t len, double width,
                  struct geo_map *out, char *err, size_t errlen)
{
    struct topo t = { 0 };
    json_error_t je;
    json_t *root, *objects, *coll, *geoms, *g;
    struct buf d;
    size_t i;
    int rc = -1;

    memset(out, 0, sizeof *out);
    t.err = err;
    t.errlen = errlen;
    buf_init(&d, GEO_MAX_PATH);
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "regel %d: %s", je.line, je.text);
        goto cleanup;
    }
    objects = json_object_get(root, "objects");
    coll = json_object_size(objects)
               ? json_object_iter_value(json_object_iter(objects)) : NULL;
    geoms = json_object_get(coll, "geometries");
    if (!json_is_array(geoms) || json_array_size(geoms) == 0 ||
        json_array_size(geoms) > GEO_MAX_REGIONS) {
        snprintf(err, errlen, "topologie zonder GeometryCollection");
        goto cleanup;
    }
    if (decode_arcs(&t, root) != 0)
        goto cleanup;
    t.pad = GEO_PAD;
    t.scale = (width - 2 * GEO_PAD) / (t.maxx - t.minx);
    if (!(t.scale > 0)) {
        snprintf(err, errlen, "breedte te klein");
        goto cleanup;
    }
    out->width = width;
    out->height = round(((t.maxy - t.miny) * t.scale + 2 * GEO_PAD) * 10) /
                  10;
    out->regions = calloc(json_array_size(geoms), sizeof *out->regions);
    if (out->regions == NULL) {
        snprintf(err, errlen, "geen geheugen");
        goto cleanup;
    }
    json_array_foreach(geoms, i, g) {
        json_t *props = json_object_get(g, "properties");
        const char *code = json_string_value(json_object_get(props,
                                                             "statcode"));
        const char *name = json_string_value(json_object_get(props,
                                                             "statnaam"));
        struct geo_region *reg = &out->regions[out->n];

        if (code == NULL || code[0] == '\0' ||
            strlen(code) >= sizeof reg->code) {
            snprintf(err, errlen, "geometrie %zu zonder geldige statcode",
                     i);
            goto cleanup;
        }
        if (geo_find(out, code)) {
            snprintf(err, errlen, "statcode %s komt dubbel voor", code);
            goto cleanup;
        }
        buf_reset(&d);
        if (write_geometry(&t, g, &d) != 0)
            goto cleanup;
        if (buf_failed(&d)) {
            snprintf(err, errlen, "geometrie %s is te groot", code);
            goto cleanup;
        }
        snprintf(reg->code, sizeof reg->code, "%s", code);
        snprintf(reg->name, sizeof reg->name, "%s", name ? name : code);
        reg->d = buf_detach(&d, NULL);
        if (reg->d == NULL) {
            snprintf(err, errlen, "geen geheugen");
            goto cleanup;
        }
        out->n++;
    }
    qsort(out->regions, out->n, sizeof *out->regions, region_cmp);
    rc = 0;
cleanup:
    if (rc != 0)
        geo_map_free(out);
    buf_free(&d);
    topo_free(&t);
    json_decref(root);
    return rc;
}

int geo_map_load(const char *path, double width, struct geo_map *out,
                 char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0;
    long size;
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (f == NULL) {
        snprintf(err, errlen, "kan %s niet openen", path);
        return -1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
        size > GEO_MAX_FILE || fseek(f, 0, SEEK_SET) != 0) {
        snprintf(err, errlen, "%s is te groot of onleesbaar", path);
        goto cleanup;
    }
    data = malloc((size_t)size + 1);
    if (data == NULL) {
        snprintf(err, errlen, "geen geheugen");
        goto cleanup;
    }
    len = fread(data, 1, (size_t)size, f);
    if (len != (size_t)size) {
        snprintf(err, errlen, "kan %s niet lezen", path);
        goto cleanup;
    }
    if (geo_map_parse(data, len, width, out, err, errlen) != 0) {
        char why[256];

        snprintf(why, sizeof why, "%s", err);
        snprintf(err, errlen, "%s: %s", path, why);
        goto cleanup;
    }
    rc = 0;
cleanup:
    free(data);
    fclose(f);
    return rc;
}

const struct geo_region *geo_find(const struct geo_map *m, const char *code)
{
    size_t i;

    /* linear: at most a few dozen regions, and used while still sorting */
    for (i = 0; m && code && i < m->n; i++)
        if (strcmp(m->regions[i].code, code) == 0)
            return &m->regions[i];
    return NULL;
}

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct geo_map cache[GEO_KIND_COUNT];
static int cached[GEO_KIND_COUNT];

const struct geo_map *geo_get(const char *data_dir, enum geo_kind kind)
{
    const struct geo_map *m = NULL;
    char path[4096], err[512];

    if ((unsigned)kind >= GEO_KIND_COUNT || data_dir == NULL)
        return NULL;
    pthread_mutex_lock(&cache_lock);
    if (!cached[kind]) {
        snprintf(path, sizeof path, "%s/open/geo/%s_2023.topojson",
                 data_dir, kind_codes[kind]);
        if (geo_map_load(path, GEO_WIDTH, &cache[kind], err,
                         sizeof err) == 0)
            cached[kind] = 1;
        else
            log_error("kaart niet geladen: %s", err);
    }
    if (cached[kind])
        m = &cache[kind];
    pthread_mutex_unlock(&cache_lock);
    return m;
}

void geo_cache_free(void)
{
    int k;

    pthread_mutex_lock(&cache_lock);
    for (k = 0; k < GEO_KIND_COUNT; k++) {
        geo_map_free(&cache[k]);
        cached[k] = 0;
    }
    pthread_mutex_unlock(&cache_lock);
}
