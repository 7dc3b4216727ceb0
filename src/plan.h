/* plan.h - the implementation plan of figure 12 (report L2222-L2289):
 * months, status, dependencies and slippage of its sub-steps.
 *
 * Owns: the planned and actual months (YYYY-MM), the status (gepland,
 * loopt, gereed, vervallen) and the dependencies (plan_dependency) of the
 * sub-steps that seed.c loads from data/seed/implementatieplan.json; the
 * default planning of data/seed/implementatieplan_maanden.json (Koers's
 * assumption: the figure's bars are not in the text); the one "today" of
 * the plan (KOERS_TODAY, so tests can fix it); and the slip list: a
 * sub-step slips when it is not gereed (nor vervallen) and its planned
 * end month lies before the current month, when its actual end lies
 * after its planned end, when it started later than planned, or when its
 * planned start has passed and it has not started. Every change checks
 * ACT_PLAN_BEHEREN and is audited; a dependency cycle is refused.
 *
 * JSON values returned are owned by the caller (json_decref). */
#ifndef KOERS_PLAN_H
#define KOERS_PLAN_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define PLAN_DEPS_MAX 20      /* dependencies of one sub-step */
#define PLAN_CODE_MAX 8       /* "11.4" */

/* The statuses, NULL-terminated, and their Dutch labels. */
extern const char *const plan_statuses[];
extern const char *const plan_status_labels[];

/* Today's date as YYYY-MM-DD: $KOERS_TODAY when it is a valid date, else
 * the local date. The one place the plan, the slip list and the budget
 * read the clock. */
void plan_today(char out[11]);
/* The month of plan_today, YYYY-MM. */
void plan_current_month(char out[8]);
/* 1 when s is YYYY-MM with a year 2000-2100 and a month 01-12. */
int plan_is_month(const char *s);
/* Months from a to b (both YYYY-MM): b - a, negative when b is earlier. */
int plan_month_diff(const char *a, const char *b);

/* At `koers init`, after seed_load: the default months and the
 * dependencies of data/seed/implementatieplan_maanden.json. One
 * transaction; an unknown sub-step, a malformed month, an end before its
 * start, a sub-step without months or a cycle aborts with a message
 * naming the file and the entry. */
int plan_seed_load(sqlite3 *db, const char *data_dir, char *err,
                   size_t errlen);

/* The steps with their sub-steps as of month `month` (YYYY-MM; NULL:
 * the current month): [{nummer, titel, bron, substappen: [{nummer,
 * titel, omschrijving, verantwoordelijke, rollen, geplandStart,
 * geplandEind, werkelijkStart, werkelijkEind, status, afhankelijkVan:
 * [codes], slip: null | {maanden, redenen: [..]}, bron}]}]. NULL on a
 * store error. */
json_t *plan_steps(sqlite3 *db, const char *month);
/* One sub-step as in plan_steps, plus stap {nummer, titel}, blokkeert
 * (the sub-steps that wait for it, transitively) and wachtOp (its
 * dependencies with their status). NULL when it does not exist. */
json_t *plan_substep_get(sqlite3 *db, const char *code, const char *month);

/* Replace the editable state of sub-step `code` (PUT semantics):
 * geplandStart, geplandEind (YYYY-MM, required), werkelijkStart,
 * werkelijkEind (YYYY-MM or null), status (required), afhankelijkVan
 * (array of sub-step codes; absent: none). Rules: an end is not before
 * its start; no actual month after the current month; gepland has no
 * actual months, loopt has a start and no end, gereed has both; a
 * dependency names an existing other sub-step and closes no cycle (the
 * message shows the cycle). 0, or -1 with f; nothing stored then. */
int plan_substep_update(sqlite3 *db, const struct actor *who,
                        const char *code, json_t *in, struct fault *f);

/* The slip list as of `month` (NULL: now), the longest slip first:
 * [{nummer, titel, stap, status, geplandStart, geplandEind,
 * werkelijkStart, werkelijkEind, maanden, redenen: [..], blokkeert:
 * [{nummer, titel}]}]. blokkeert holds the sub-steps that depend on it
 * directly or through others and are not gereed or vervallen. NULL on a
 * store error. For the evaluation too. */
json_t *plan_slips(sqlite3 *db, const char *month);

/* Counts of the plan as of `month` (NULL: now), for the evaluation. */
struct plan_summary {
    int substeps;         /* all */
    int gepland, loopt, gereed, vervallen;
    int slipping;         /* in plan_slips */
    int max_slip;         /* the longest slip in months (0: none) */
};
int plan_summary_get(sqlite3 *db, const char *month, struct plan_summary *s);

#endif
