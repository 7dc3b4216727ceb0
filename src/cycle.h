/* cycle.h - the yearly meeting cycle: its rules, the planner, the checker.
 *
 * Owns: reading the cycle rules (table cycle_rule, seeded from
 * data/seed/cyclusregels.json with their source in the report), proposing
 * every meeting of a year for every body (cycle_plan), and checking any
 * calendar against the rules (cycle_check), explaining each violation in
 * Dutch with the rule and its source. The planner's output always passes
 * the checker (a test proves it for ten consecutive years). Neither the
 * planner nor the checker touches the store: the caller loads the rules
 * and the meetings and decides what to save. */
#ifndef KOERS_CYCLE_H
#define KOERS_CYCLE_H

#include <sqlite3.h>
#include <stddef.h>

#define CYCLE_CODE_MAX 64

enum cycle_kind {
    CYCLE_MIN_PER_JAAR, CYCLE_MAX_PER_JAAR, CYCLE_MAANDEN, CYCLE_VOOR,
    CYCLE_NA, CYCLE_SPREIDING, CYCLE_EVALUATIE, CYCLE_GEEN_WEEKEND,
    CYCLE_GEEN_FEESTDAG, CYCLE_INZET
};

struct cycle_rule {
    long long id;
    char code[CYCLE_CODE_MAX];
    enum cycle_kind kind;
    char body[CYCLE_CODE_MAX];     /* "" when the rule is about all bodies */
    char other[CYCLE_CODE_MAX];    /* voor / na: the other body */
    int n;                         /* count, days, or years (see schema.sql) */
    unsigned months;               /* bit m set for month m (1..12) */
    int year_from;
    int threshold;                 /* percent, for inzet */
    int active;
    char description[512];         /* Dutch */
    char section[128];             /* report citation; "" when none */
    long src_from, src_to;
};

struct cycle_body {
    char code[CYCLE_CODE_MAX];
    char name[128];
};

struct cycle_rules {
    size_t nrules;
    struct cycle_rule *rules;
    size_t nbodies;
    struct cycle_body *bodies;
};

/* One meeting as the planner and checker see it. body is a body code, or
 * "evaluatie" for the governance evaluation. Times are local minutes
 * after midnight. */
struct cycle_meeting {
    char body[CYCLE_CODE_MAX];
    long day;
    int start_min;
    int end_min;
    int cancelled;                 /* cancelled meetings do not count */
    long long id;                  /* store id, 0 when not stored */
};

struct cycle_violation {
    char rule[CYCLE_CODE_MAX];     /* rule code */
    char body[CYCLE_CODE_MAX];
    long day;                      /* the day concerned, or 0 */
    int year;
    char message[768];             /* Dutch, names the rule and its source */
};

/* Load the active rules and the bodies (code, name, in body.ord order).
 * 0 or -1; on -1 *out is empty. Free with cycle_rules_free (NULL-safe). */
int cycle_rules_load(sqlite3 *db, struct cycle_rules *out);
void cycle_rules_free(struct cycle_rules *r);
/* Display name of a body code; "evaluatie" is "Evaluatie van de
 * governance"; an unknown code is returned as is (never NULL). */
const char *cycle_body_name(const struct cycle_rules *r, const char *code);

/* Read <data_dir>/seed/cyclusregels.json (data_dir as for seed_load, e.g.
 * "data") and insert its rules into cycle_rule inside the caller's open
 * transaction; it never begins or commits. Strict: unknown keys, an
 * unknown soort, an unknown body code, a malformed bron or fields the
 * kind does not use fail with a message naming the entry; the caller then
 * rolls back. Needs the bodies (and the report lines, to check each bron
 * against the report's length) loaded first. 0 or -1. */
int cycle_seed(sqlite3 *db, const char *data_dir, char *err, size_t errlen);

/* Propose all meetings of `year` (1900..2200), sorted by day and time,
 * deterministic; the caller frees *out with free(). A body without a
 * count, months or voor rule (SER, bovenregionaal overleg) gets none.
 * Rules that cannot all hold still give a plan; cycle_check says why. */
int cycle_plan(const struct cycle_rules *r, int year,
               struct cycle_meeting **out, size_t *nout);

/* Check meetings against the rules for the years [year_from, year_to]
 * (meetings outside that range are context only, e.g. a koersoverleg in
 * early January needs the kerngroep of late December). Violations in
 * date order; caller frees *out. Returns the number of violations or -1.
 * Count, month and evaluation violations have day 0 and sort at the end
 * of their year (months: at the end of that month); a built-in check
 * with rule code "overlap" reports two meetings of one body that overlap
 * in time. Rules of kind inzet need attendance and are not checked here.
 * Cancelled meetings do not count. At most 200 years at once. */
long cycle_check(const struct cycle_rules *r, const struct cycle_meeting *m,
                 size_t n, int year_from, int year_to,
                 struct cycle_violation **out);

#endif
