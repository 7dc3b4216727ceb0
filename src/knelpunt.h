/* knelpunt.h - knelpunten: bottlenecks with a national origin that a
 * region raises and that travel along the escalation path of the report.
 *
 * Owns: the tables region, knelpunt, knelpunt_pillar, knelpunt_event and
 * the route as data (knelpunt_route_state, knelpunt_transition,
 * knelpunt_signal), seeded from data/seed/regios.json and
 * data/seed/knelpuntroute.json. Every change checks the caller's
 * permission (perm.h: knelpunt.melden, knelpunt.bovenregionaal,
 * knelpunt.kerngroep, knelpunt.koersoverleg, knelpunt.dg-overleg,
 * knelpunt.publiceren), validates through input.h and is written with its
 * audit entry in one transaction; refusals are audited. A transition into
 * a state that lies at a table proposes the knelpunt for the next meeting
 * of that table through agenda.h.
 *
 * Visibility is the caller's business: anonymous users may see only
 * published knelpunten (knelpunt_list's only_public, knelpunt_visible).
 * Returned JSON values are owned by the caller. */
#ifndef KOERS_KNELPUNT_H
#define KOERS_KNELPUNT_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define KNELPUNT_TITLE_MAX 200
#define KNELPUNT_TEXT_MAX 10000
#define KNELPUNT_COMMENT_MAX 4000
#define KNELPUNT_PAGE_MAX 100

/* Seed the regions and the route inside the caller's transaction (after
 * the bodies and pillars). Strict: a malformed entry aborts with a
 * message naming the file and the entry. */
int knelpunt_seed(sqlite3 *db, const char *data_dir, char *err,
                  size_t errlen);

/* Raise a knelpunt: {titel, omschrijving, herkomst, regio, pijlers: [..],
 * onderbouwing}. Returns the new id, or -1 with f filled (400 invalid,
 * 403 not allowed for this region, 400 unknown region). */
long long knelpunt_create(sqlite3 *db, const struct actor *who, json_t *in,
                          struct fault *f);
/* Move knelpunt id along the route: {naar, toelichting}. 404 unknown
 * knelpunt, 400 invalid input or missing reason, 409 no such transition
 * from the current state (the message lists the allowed next states),
 * 403 not allowed for the caller. */
int knelpunt_transition(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f);
/* Publish a knelpunt in an end state (knelpunt.publiceren). */
int knelpunt_publish(sqlite3 *db, const struct actor *who, long long id,
                     struct fault *f);

/* One knelpunt with its pillars, region, state, waiting time, overdue
 * flag, full history and time per state; NULL when it does not exist.
 * With names = 0 the names of the users who acted are left out (for the
 * public). */
json_t *knelpunt_get(sqlite3 *db, long long id, int names);
/* 1 when knelpunt id exists and is published. */
int knelpunt_is_public(sqlite3 *db, long long id);

struct knelpunt_filter {
    const char *state;    /* state code or NULL */
    const char *region;   /* region code or NULL */
    const char *pillar;   /* pillar code or NULL */
    int overdue;          /* -1 any, 0 not overdue, 1 overdue */
    int only_public;      /* 1: published knelpunten only */
};

/* Check a filter's codes against the store; -1 with f (400) naming the
 * unknown value. */
int knelpunt_filter_check(sqlite3 *db, const struct knelpunt_filter *flt,
                          struct fault *f);
/* One page of knelpunten (newest first), `limit` rows from `offset`, and
 * in *total the number of matches. NULL on a store error. */
json_t *knelpunt_list(sqlite3 *db, const struct knelpunt_filter *flt,
                      long long offset, long long limit, long long *total);

/* The route as data: {termijn, toestanden, overgangen}, each transition
 * with the roles that may make it (from the permission table). */
json_t *knelpunt_route(sqlite3 *db);
/* The next steps `who` may take on knelpunt id: [{naar, naam,
 * redenVerplicht, omschrijving}]; empty for anonymous users. */
json_t *knelpunt_next_steps(sqlite3 *db, const struct actor *who,
                            long long id);
/* Regions, of one kind (NULL: all but the gemeenten, which raise no
 * knelpunten themselves: their coalition does) in code order:
 * [{code, naam, soort}]. */
json_t *knelpunt_regions(sqlite3 *db, const char *kind);
/* 1 when `who` may raise a knelpunt for region (NULL: for some region). */
int knelpunt_may_raise(const struct actor *who, const char *region);
/* 1 when `who` may publish (knelpunt.publiceren). */
int knelpunt_may_publish(const struct actor *who);

#endif
