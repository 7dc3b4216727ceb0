/* cyclestore.h - calendars for the checker: from the store or from an
 * uploaded iCalendar file.
 *
 * Owns: turning stored meetings and parsed .ics events into the plain
 * cycle_meeting values the planner and checker work on (cycle.h),
 * planning a year with its context and checking the proposal, and saving
 * a proposed plan as meetings. An .ics event is mapped to a body by
 * its X-KOERS-OVERLEG code, else its CATEGORIES, else a SUMMARY that
 * starts with a body's name; events that map to nothing are reported. */
#ifndef KOERS_CYCLESTORE_H
#define KOERS_CYCLESTORE_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "cycle.h"
#include "fault.h"
#include "ical.h"

/* Meetings whose day lies in [year_from, year_to] (caller frees). */
int cyclestore_load(sqlite3 *db, int year_from, int year_to,
                    struct cycle_meeting **out, size_t *n);
/* Map parsed events; unmapped SUMMARYs are appended to `ignored` (a JSON
 * array). Caller frees *out. */
int cyclestore_from_ical(const struct cycle_rules *r,
                         const struct ical_parsed *ev, size_t nev,
                         struct cycle_meeting **out, size_t *n,
                         json_t *ignored);
/* Violations as JSON [{regel, overleg, datum, melding}]. */
json_t *cyclestore_violations_json(const struct cycle_violation *v,
                                   long n);
/* Plan `year` with the plan of the previous year as context (the order
 * and spreading rules look back across New Year) and check the proposal
 * against the rules for `year` only: the year plan of the web page and
 * the API. *all holds both plans, *n meetings in all; the year's own
 * meetings are (*all)[*first .. *n). *v gets the *nv violations. 0, or
 * -1 when planning, memory or the check failed; the caller frees *all
 * and *v either way (set them to NULL first). */
int cyclestore_plan_year(const struct cycle_rules *r, int year,
                         struct cycle_meeting **all, size_t *n,
                         size_t *first, struct cycle_violation **v,
                         long *nv);
/* Save a planned year as meetings, all or nothing; returns the number
 * created or -1 (409 when the year already has planned meetings). */
long cyclestore_save_plan(sqlite3 *db, const struct actor *who, int year,
                          const struct cycle_rules *r,
                          const struct cycle_meeting *m, size_t n,
                          json_t *ids, struct fault *f);

#endif
