/* geo.h - region boundaries for the monitor maps: TopoJSON to SVG paths.
 *
 * Owns: decoding the TopoJSON files in <data_dir>/open/geo (quantized,
 * delta-encoded arcs; reversed arcs ~i; Polygon and MultiPolygon), the
 * projection of WGS84 longitude/latitude to a plane that suits the
 * Netherlands (equirectangular with the x axis scaled by cos 52.2°), the
 * fitting into a viewBox, and one SVG path "d" string per region code
 * (the feature's property statcode, e.g. PV25 or AM12) with its name
 * (statnaam). Coordinates are rounded to one decimal.
 *
 * A map is immutable once built. geo_get loads each kind of map once per
 * process, the first time it is asked for, under a mutex (the server is
 * multi-threaded); the loaded maps live until geo_cache_free (tests) or
 * the end of the process. */
#ifndef KOERS_GEO_H
#define KOERS_GEO_H

#include <stddef.h>

enum geo_kind {
    GEO_PROVINCIE,
    GEO_ARBEIDSMARKTREGIO,
    GEO_KIND_COUNT
};

/* The width of the viewBox every map is fitted into; the height follows
 * from the shape of the country. */
#define GEO_WIDTH 400.0
/* Largest TopoJSON file geo reads (the real files are under 30 kB). */
#define GEO_MAX_FILE (4 * 1024 * 1024)

struct geo_region {
    char code[16];     /* statcode: PV20, AM01 */
    char name[96];     /* statnaam: Groningen */
    char *d;           /* SVG path data, owned by the map */
};

struct geo_map {
    double width, height;          /* viewBox 0 0 width height */
    size_t n;
    struct geo_region *regions;    /* ordered by code */
};

/* "provincie" or "arbeidsmarktregio" (the kind of region in the store). */
const char *geo_kind_code(enum geo_kind k);
/* -1 when unknown. */
int geo_kind_parse(const char *code);

/* Build a map from TopoJSON text: the first object of the topology must
 * be a GeometryCollection of Polygon/MultiPolygon features with the
 * properties statcode and statnaam. The map is fitted into width wide.
 * 0 on success (free with geo_map_free), -1 with a reason in err and out
 * empty. */
int geo_map_parse(const char *json, size_t len, double width,
                  struct geo_map *out, char *err, size_t errlen);
/* The same from a file (at most GEO_MAX_FILE bytes). */
int geo_map_load(const char *path, double width, struct geo_map *out,
                 char *err, size_t errlen);
/* Free what a map owns; an empty or zeroed map is fine. */
void geo_map_free(struct geo_map *m);
/* The region with this code, or NULL. */
const struct geo_region *geo_find(const struct geo_map *m, const char *code);

/* The shared map of a kind, from <data_dir>/open/geo/<kind>_2023.topojson,
 * loaded once (thread-safe). NULL when it cannot be loaded (logged once;
 * a later call tries again). Borrowed: valid until geo_cache_free. */
const struct geo_map *geo_get(const char *data_dir, enum geo_kind kind);
/* Free the shared maps (for tests and leak checks at exit). */
void geo_cache_free(void);

#endif
