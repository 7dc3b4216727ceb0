/* monjson.h - the monitor cube as JSON documents (the API's view of it).
 *
 * Owns: the Dutch JSON representation of indicators, regions, periods,
 * observations, import batches and targets (jansson values the caller
 * owns), the chart series and the JSON-stat 2.0 dataset written straight
 * into a caller's buffer (they are read often and can be large), and the
 * parsing of a target from a JSON body. Codes given by the caller are
 * checked here: an unknown indicator, region, period or disaggregation
 * code is an input error (FAULT_INVALID naming the parameter), not an
 * empty answer. Collections are paginated in SQL (offset, limit) with
 * the total count in *total. Functions returning json_t return NULL on a
 * store error or a refusal (then f says which). */
#ifndef KOERS_MONJSON_H
#define KOERS_MONJSON_H

#include <jansson.h>
#include <sqlite3.h>

#include "buf.h"
#include "fault.h"
#include "monitor.h"

/* Refuse a JSON-stat dataset of more cells than this (regions x periods
 * x disaggregations): the caller narrows it with a region or kind. */
#define MONJSON_JSONSTAT_MAX_CELLS 2000000L

/* Indicators, ordered by pillar (context last) and catalogue order.
 * pillar: a pillar code or "context" (no pillar); domain: techniek or
 * ict (each also lists "beide") or beide; NULL for no filter. */
json_t *monjson_indicators(sqlite3 *db, const char *pillar,
                           const char *domain, long long offset,
                           long long limit, long long *total,
                           struct fault *f);
/* One indicator with its definition, computation, dimensions and items,
 * the periods and disaggregations with data, and its targets with their
 * status. NULL with FAULT_NOTFOUND for an unknown code. */
json_t *monjson_indicator(sqlite3 *db, const char *code, struct fault *f);

/* Regions of one kind (NULL: all), by kind then code, with a gemeente's
 * history (ontstaan, opgeheven, opvolger). */
json_t *monjson_regions(sqlite3 *db, const char *kind, long long offset,
                        long long limit, long long *total, struct fault *f);
/* One region with its parents and children by year (region_link), its
 * successor and predecessors. NULL with FAULT_NOTFOUND when unknown. */
json_t *monjson_region(sqlite3 *db, const char *code, struct fault *f);

/* Stored periods of one kind (NULL: all), by start date. */
json_t *monjson_periods(sqlite3 *db, const char *kind, long long offset,
                        long long limit, long long *total, struct fault *f);
/* One stored period; NULL with FAULT_NOTFOUND when not stored. */
json_t *monjson_period(sqlite3 *db, const char *code, struct fault *f);

struct monjson_obs_filter {
    const char *indicator;   /* required */
    const char *region;      /* NULL: any */
    const char *period;      /* NULL: any */
    const char *disagg;      /* NULL: any; "" the total */
    int origin;              /* -1 any, 0 bron, 1 opgeteld, 2 berekend */
};
/* Observations in primary-key order (region, disaggregation, period). */
json_t *monjson_observations(sqlite3 *db,
                             const struct monjson_obs_filter *flt,
                             long long offset, long long limit,
                             long long *total, struct fault *f);

/* Import batches, newest first. */
json_t *monjson_imports(sqlite3 *db, long long offset, long long limit,
                        long long *total, struct fault *f);

/* Targets (of one indicator code, or all for NULL), by indicator, region
 * and disaggregation, each with the status of the newest value. */
json_t *monjson_targets(sqlite3 *db, const char *indicator,
                        long long offset, long long limit, long long *total,
                        struct fault *f);
/* One target; NULL with FAULT_NOTFOUND when there is none. */
json_t *monjson_target(sqlite3 *db, sqlite3_int64 id, struct fault *f);

/* Read a target from a JSON body (fields indicator, regio, uitsplitsing,
 * basisjaar, basiswaarde, doeljaar, doelwaarde, toelichting, doel).
 * indicator is required when *indicator_id is 0 and must match it when
 * set; regio defaults to NL01, uitsplitsing to the total. Checks names
 * and types only; mon_target_save checks the values. 0 or -1 with f. */
int monjson_target_parse(sqlite3 *db, json_t *in,
                         sqlite3_int64 *indicator_id, struct mon_target *t,
                         struct fault *f);

/* The series of an indicator for a chart, written as JSON into out:
 * indicator meta, region, disaggregation, points and, when a target
 * exists, its path per year and status, read with two statements kept
 * prepared per connection (stmtcache.h).
 * region NULL means NL01, disagg NULL the total. 0, or -1 with f. */
int monjson_series(sqlite3 *db, const char *indicator, const char *region,
                   const char *disagg, struct buf *out, struct fault *f);

/* The cube of one indicator as a JSON-stat 2.0 dataset written into out:
 * dimensions indicator (metric, with unit), regio (geo), periode (time)
 * and uitsplitsing; only the regions, periods and disaggregations with
 * data; restricted to one region or to one kind when given. 0, or -1
 * with f (FAULT_INVALID for unknown codes or a dataset over
 * MONJSON_JSONSTAT_MAX_CELLS). */
int monjson_jsonstat(sqlite3 *db, const char *indicator, const char *region,
                     const char *kind, struct buf *out, struct fault *f);

/* Append s as a JSON string (quoted, escaped) and v as a JSON number
 * (an integer when it is one, else the shortest of 15 or 17 significant
 * digits that reads back exactly; null when not finite). */
void monjson_put_str(struct buf *b, const char *s);
void monjson_put_num(struct buf *b, double v);

#endif
