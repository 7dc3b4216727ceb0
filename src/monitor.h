/* monitor.h - reading the monitor cube: indicators, series, cross
 * sections, and the status of a target.
 *
 * Owns: the read side shared by the public monitor pages, the downloads
 * and the API (the write side is import.c and rollup.c). Every read is an
 * index range scan on observation's primary key (indicator, region,
 * disaggregation, period). Region, period and disaggregation arguments are
 * codes/keys; unknown ones yield no rows, not an error. */
#ifndef KOERS_MONITOR_H
#define KOERS_MONITOR_H

#include <sqlite3.h>
#include <stddef.h>

struct mon_indicator {
    sqlite3_int64 id;
    char code[64];
    char name[256];
    char definition[1024];
    char unit[32];
    int decimals;
    char source[256];
    char pillar[8];        /* "" for a context indicator */
    char topic[64];        /* figure 10 topic code or "" */
    char domain[12];       /* techniek | ict | beide */
    char direction[12];    /* hoger | lager | neutraal */
    char aggregation[8];   /* som | geen | ratio */
    char period_kind[12];
    char num_code[64], num_filter[128], den_code[64], den_filter[128];
    double factor;
};

/* 1 found, 0 unknown code, -1 store error. */
int mon_indicator_get(sqlite3 *db, const char *code, struct mon_indicator *out);

struct mon_point {
    char period[16];       /* period code */
    char period_name[48];
    int year;
    double value;
    int definitief;
    int origin;            /* 0 imported, 1 rolled up, 2 derived */
};

/* The series of one indicator for one region and disaggregation key
 * ('' = total), ordered by period start. *pts is malloc'ed (free it);
 * returns the count or -1 on error. */
long mon_series(sqlite3 *db, sqlite3_int64 indicator_id, const char *region,
                const char *disagg, struct mon_point **pts);

struct mon_cell {
    char region[12];
    char name[96];
    double value;
    int has_value;
};

/* A cross section: every region of one kind ("provincie",
 * "arbeidsmarktregio", "landsdeel", "gemeente") for one period and
 * disaggregation, regions without a value included with has_value 0,
 * ordered by region code. Returns the count or -1. */
long mon_cross_section(sqlite3 *db, sqlite3_int64 indicator_id,
                       const char *kind, const char *period,
                       const char *disagg, struct mon_cell **cells);

/* The period codes an indicator has values for (any region), in order.
 * Returns the count or -1; *codes is an array of malloc'ed strings, free
 * with mon_strings_free. */
long mon_periods(sqlite3 *db, sqlite3_int64 indicator_id, char ***codes);
/* The disaggregation keys an indicator has values for, '' first. */
long mon_disaggs(sqlite3 *db, sqlite3_int64 indicator_id, char ***keys);
void mon_strings_free(char **s, long n);

/* Dutch label of a disaggregation key: "totaal", "vrouw",
 * "vrouw, mbo niveau 4" (item names from monitor_dimension_item). */
void mon_disagg_label(sqlite3 *db, const char *key, char *out, size_t len);

/* Targets. */
struct mon_target {
    sqlite3_int64 id;
    char region[12];
    char disagg[128];
    sqlite3_int64 goal_id;     /* 0 when none */
    int baseline_year, target_year;
    double baseline_value, target_value;
    char note[512];
};

enum mon_status {
    MON_GEEN = 0,      /* no target, or no value to compare */
    MON_OP_KOERS,
    MON_RISICO,
    MON_UIT_KOERS
};

/* The value the linear path expects in a year (clamped to the baseline
 * before it starts and to the target after it ends). */
double mon_target_path(const struct mon_target *t, int year);
/* Status of an actual value in a year against the path, by direction:
 * op koers when at or beyond the path value; risico when behind by at
 * most a quarter of the change planned up to that year (or 5% of the path
 * value when no change is planned); uit koers otherwise. */
enum mon_status mon_target_status(const struct mon_target *t,
                                  const char *direction, int year,
                                  double actual);
const char *mon_status_code(enum mon_status s);   /* op-koers, risico, ... */
const char *mon_status_label(enum mon_status s);  /* "op koers", ... */

/* The target for (indicator, region, disagg): 1 found, 0 none, -1 error. */
int mon_target_get(sqlite3 *db, sqlite3_int64 indicator_id,
                   const char *region, const char *disagg,
                   struct mon_target *out);

/* The latest status of an indicator's national total target: the status
 * of the newest value against the path (MON_GEEN when there is none). */
enum mon_status mon_indicator_status(sqlite3 *db,
                                     const struct mon_indicator *ind);

/* ------------------------------------------------------------------ */
/* Added by the API helper (the declarations above are the contract).  */

/* SQL text: a common table expression rr(id) of the regions holding at
 * least one observation of indicator ?1, found by a loose index scan
 * (one seek of the primary key per region; the last row is NULL). Used
 * to probe the other key columns (which periods, which disaggregations
 * have data) without scanning millions of rows. */
#define MON_SQL_REGIONS_WITH_DATA "WITH RECURSIVE rr(id) AS (SELECT " \
    "(SELECT min(region_id) FROM observation WHERE indicator_id = ?1) " \
    "UNION ALL SELECT (SELECT min(region_id) FROM observation WHERE " \
    "indicator_id = ?1 AND region_id > rr.id) FROM rr WHERE rr.id IS NOT " \
    "NULL) "

/* The target with this id (and its indicator's id): 1 found, 0 none,
 * -1 error. */
int mon_target_by_id(sqlite3 *db, sqlite3_int64 id,
                     sqlite3_int64 *indicator_id, struct mon_target *out);

struct actor;
struct fault;

#define MON_TARGET_NOTE_MAX 500     /* characters of a target's note */
#define MON_YEAR_MIN 1900
#define MON_YEAR_MAX 2199

/* Record a target for indicator_id (the web form and the API share it).
 * t->id 0 creates one: 409 (FAULT_CONFLICT) when the indicator already
 * has a target for that region and disaggregation. t->id > 0 updates that
 * target (it must belong to indicator_id; moving it onto another target's
 * region and disaggregation is a conflict too). To "set" a target as a
 * form does, look it up with mon_target_get first and pass its id.
 * Checks: permission ACT_STREEFWAARDE_BEHEREN, the region exists, the
 * disaggregation key is '' or 'dim=item' pairs sorted by dimension, each
 * dimension allowed for the indicator and each item known, years
 * MON_YEAR_MIN..MON_YEAR_MAX with target_year > baseline_year, finite
 * values, goal_id 0 or an existing goal, the note clean text of at most
 * MON_TARGET_NOTE_MAX characters. Audited (streefwaarde.vastleggen /
 * streefwaarde.wijzigen, refusals too); one transaction. Returns the
 * target's id, or -1 with f filled and nothing changed. */
sqlite3_int64 mon_target_save(sqlite3 *db, const struct actor *who,
                              sqlite3_int64 indicator_id,
                              const struct mon_target *t, struct fault *f);
/* Delete target id (permission, audit streefwaarde.verwijderen): 0, or
 * -1 with f filled (404 when there is no such target). */
int mon_target_delete(sqlite3 *db, const struct actor *who,
                      sqlite3_int64 id, struct fault *f);
/* 1 when key is a valid disaggregation key for the indicator (see
 * mon_target_save), else 0 with a Dutch reason in f (FAULT_INVALID). */
int mon_disagg_check(sqlite3 *db, sqlite3_int64 indicator_id,
                     const char *key, struct fault *f);

#endif
