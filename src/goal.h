/* goal.h - the chain ambitie -> doel -> doelstelling -> uitvoeringsactie
 * and its progress (issue 4, report L1474-L1490, L1250-L1262,
 * L2087-L2130).
 *
 * Owns: the tables ambition, goal, goal_indicator, objective, goal_action
 * and goal_action_owner. Ambitions are seeded from
 * data/seed/ambities.json (the figures the report states, each with its
 * lines); the report sets no goals, objectives or actions: the
 * koersoverleg and the boegbeeld set goals (doel.beheren), each kerngroep
 * and its netwerkmanager turn them into objectives per pillar and
 * actions (doelstelling.beheren, narrowed for a netwerkmanager to the
 * kerngroep of the pillar: the body whose pillar_code is the pillar;
 * pillar P4 has none, so only unscoped roles manage its objectives).
 * Every change checks the caller's permission, validates through
 * input.h and is written with its audit entry in one transaction;
 * refusals for lack of permission are audited.
 *
 * Progress rolls up as a plain average, not weighted:
 *   objective = average of the progress (0..100) of its actions, leaving
 *               out stopped actions (status gestopt);
 *   goal      = average of the progress of its objectives;
 *   ambition  = average of the progress of its goals;
 * each null when there is nothing below it with a progress (an objective
 * without actions, or with only stopped ones, does not count for its
 * goal, and so on). Averages are taken of the unrounded values below and
 * reported rounded to one decimal.
 *
 * Signals of an open action (status gepland or lopend), for the pages
 * per pillar and per goal:
 *   te laat         the deadline (a date, the last day of the action)
 *                   lies before today (local time);
 *   zonder eigenaar no owner organisation left (an action starts with at
 *                   least one owner; an update can remove them);
 * an open action is "op schema" when it has neither. A closed action
 * (afgerond, gestopt) has no signal: its "signaal" is its status.
 * "signaal" is one word: zonder-eigenaar (first), te-laat, op-schema,
 * afgerond or gestopt. Objectives, goals and ambitions count both
 * signals separately (an action can be late and without owner at once)
 * as aantalTeLaat and aantalZonderEigenaar, next to aantalActies (all),
 * aantalOpSchema, aantalAfgerond and aantalGestopt.
 *
 * All JSON values returned are owned by the caller. */
#ifndef KOERS_GOAL_H
#define KOERS_GOAL_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define GOAL_TITLE_MAX 200
#define GOAL_TEXT_MAX 10000
#define GOAL_CONTACT_MAX 200
#define GOAL_MEANS_MAX 4000
#define GOAL_OWNERS_MAX 20        /* owner organisations of one action */
#define GOAL_INDICATORS_MAX 20    /* monitor topics linked to one goal */
#define GOAL_PAGE_MAX 100         /* rows of one page of a list */
#define GOAL_EMBED_MAX 1000       /* actions embedded in an objective */
/* Actions of one objective: a hard maximum, which also keeps the packed
 * signal counts of the roll-up (goal.c, below 2^21 each) exact. */
#define GOAL_OBJECTIVE_ACTIONS_MAX 100000
#define GOAL_AMBITIONS_MAX 100    /* entries of ambities.json */

/* The rule in one Dutch sentence, for the pages and the API. */
#define GOAL_ROLLUP_UITLEG \
    "Voortgang is een gemiddelde, niet gewogen: een doelstelling krijgt " \
    "het gemiddelde van de voortgang van haar acties (gestopte acties " \
    "tellen niet mee), een doel het gemiddelde van zijn doelstellingen " \
    "en een ambitie het gemiddelde van haar doelen. Zonder iets " \
    "eronder is er geen voortgang."

extern const char *const goal_action_statuses[];   /* NULL-terminated */
extern const char *const goal_action_domains[];

/* Seed the ambitions inside the caller's transaction (after the report
 * lines). Strict: a malformed entry aborts with a message naming the
 * file and the entry. */
int goal_seed(sqlite3 *db, const char *data_dir, char *err, size_t errlen);

/* Ambitions (doel.beheren): {titel, omschrijving}. */
long long goal_ambition_create(sqlite3 *db, const struct actor *who,
                               json_t *in, struct fault *f);
int goal_ambition_update(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f);
/* Goals (doel.beheren): {titel, omschrijving, ambitie (id), vergadering
 * (id of a koersoverleg meeting that is not cancelled, or null),
 * indicatoren ([indicator codes], replaces the set)}. */
long long goal_create(sqlite3 *db, const struct actor *who, json_t *in,
                      struct fault *f);
int goal_update(sqlite3 *db, const struct actor *who, long long id,
                json_t *in, struct fault *f);
/* Objectives (doelstelling.beheren for the pillar's kerngroep): {doel
 * (id), pijler (P1..P4), titel, omschrijving}. Moving an objective to
 * another pillar needs the permission for both. */
long long goal_objective_create(sqlite3 *db, const struct actor *who,
                                json_t *in, struct fault *f);
int goal_objective_update(sqlite3 *db, const struct actor *who,
                          long long id, json_t *in, struct fault *f);
/* Actions (doelstelling.beheren via the objective's pillar):
 * {doelstelling (id), titel, omschrijving, eigenaars ([organisation
 * codes], at least one on create; an update replaces the set and may
 * empty it), contactpersoon, middelen, start, deadline (dates, deadline
 * not before start), status (gepland, lopend, afgerond, gestopt; default
 * gepland), voortgang (0..100, default 0; afgerond means 100: an update
 * to afgerond without voortgang sets 100, another value is refused),
 * domein (techniek, ict, beide; default beide), vergadering (id of a
 * meeting that is not cancelled, or null)}. */
long long goal_action_create(sqlite3 *db, const struct actor *who,
                             json_t *in, struct fault *f);
int goal_action_update(sqlite3 *db, const struct actor *who, long long id,
                       json_t *in, struct fault *f);

/* Ambitions in order, each with its citation, voortgang and counts;
 * with_goals adds "doelen" (goal summaries, each with "doelstellingen").
 * NULL on a store error. */
json_t *goal_ambitions(sqlite3 *db, int with_goals);
json_t *goal_ambition_get(sqlite3 *db, long long id);
/* All goals with ambitie, vergadering, voortgang and counts. */
json_t *goal_list(sqlite3 *db);
/* One goal with indicatoren and doelstellingen; NULL when unknown. */
json_t *goal_get(sqlite3 *db, long long id);

struct goal_objective_filter {
    const char *pillar;       /* pillar code or NULL */
    long long goal;           /* goal id or 0 */
};
/* One page of objectives (pillar order, then id) with voortgang and
 * counts, and in *total the number of matches. NULL on a store error. */
json_t *goal_objective_list(sqlite3 *db,
                            const struct goal_objective_filter *flt,
                            long long offset, long long limit,
                            long long *total);
/* One objective with its actions (at most GOAL_EMBED_MAX, by deadline);
 * NULL when unknown. */
json_t *goal_objective_get(sqlite3 *db, long long id);

struct goal_action_filter {
    const char *pillar;       /* pillar code or NULL */
    const char *status;       /* gepland, lopend, afgerond, gestopt or NULL */
    const char *owner;        /* organisation code or NULL */
    long long goal;           /* goal id or 0 */
    long long objective;      /* objective id or 0 */
    int late;                 /* -1 any, 0 not late, 1 late */
    int no_owner;             /* -1 any, 0 with owner, 1 without */
};
/* Check a filter's values against the store; -1 with f (400) naming the
 * unknown value. */
int goal_action_filter_check(sqlite3 *db,
                             const struct goal_action_filter *flt,
                             struct fault *f);
/* One page of actions (newest first), paginated in SQL, and in *total
 * the number of matches. NULL on a store error. */
json_t *goal_action_list(sqlite3 *db, const struct goal_action_filter *flt,
                         long long offset, long long limit,
                         long long *total);
json_t *goal_action_get(sqlite3 *db, long long id);

/* The kerngroep (body code) of a pillar into out ("" when it has none);
 * 0, or -1 for an unknown pillar. */
int goal_pillar_body(sqlite3 *db, const char *pillar, char *out,
                     size_t len);
/* 1 when who may manage goals and ambitions (doel.beheren). */
int goal_may_manage_goals(const struct actor *who);
/* 1 when who may manage objectives and actions of pillar (NULL: of some
 * pillar). */
int goal_may_manage_pillar(sqlite3 *db, const struct actor *who,
                           const char *pillar);
/* Meetings a goal (body_code "koersoverleg") or an action (NULL: all
 * bodies) can name, not cancelled, newest first, at most 200:
 * [{id, titel, begin, overleg}]. */
json_t *goal_meeting_choices(sqlite3 *db, const char *body_code);

#endif
