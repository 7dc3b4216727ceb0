/* gremium.h - the register of gremia (Bijlage I and newly registered
 * councils) and which organisations sit in them over time.
 *
 * Owns: the tables gremium (name, goal, domain, registration), its scope
 * gremium_pillar (pillar with the relation on that pillar) and
 * gremium_member (organisation, since, until: ending a membership sets
 * until, so overlap "then and now" can be computed). Every change checks
 * gremium.beheren (perm.h), validates through input.h, is written with
 * its audit entry in one transaction (refusals audited), and runs the
 * risk-7 check of overlap.h for the gremia it touches, recording a
 * signal (signal.h) when a gremium steers on the plan's goals with many
 * of the same members. Bad input stores nothing.
 *
 * A membership import is CSV with the header gremium,organisatie[,sinds]
 * (',' or ';'): gremium by number or exact name, organisatie by code,
 * sinds YYYY-MM-DD (default today). Unknown gremia or organisations,
 * duplicate rows, an organisation that is the gremium itself, and
 * malformed CSV are refused with line-numbered Dutch errors; a row that
 * is already a current membership is left unchanged.
 *
 * Returned JSON values are owned by the caller. */
#ifndef KOERS_GREMIUM_H
#define KOERS_GREMIUM_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define GREMIUM_NAME_MAX 200
#define GREMIUM_GOAL_MAX 4000
#define GREMIUM_MEMBERS_MAX 2000      /* organisations in one request */
#define GREMIUM_IMPORT_ERRORS 20      /* errors listed before stopping */
#define GREMIUM_IMPORT_MAX_ROWS 200000
#define GREMIUM_IMPORT_MAX_BYTES (16 * 1024 * 1024)

/* All gremia by number, with what the Bijlage I list showed (nummer,
 * naam, relatie, toelichting, groep, bron, groepBron, pijlers) and
 * domein, doel, geregistreerd, gewijzigd, aantalLeden (now),
 * relatieAfgeleid, uitRapport and relatieWijktAf. NULL on error. */
json_t *gremium_list(sqlite3 *db);
/* One gremium as in the list, with leden (current: [{id, organisatie:
 * {code, naam}, sinds, tot, bron}]) and eerdereLeden. NULL when it does
 * not exist. */
json_t *gremium_get(sqlite3 *db, long long nr);
/* The members of gremium nr: current ones, or (all = 1) with ended ones.
 * NULL on error. */
json_t *gremium_members(sqlite3 *db, long long nr, int all);
/* 1 when gremium nr exists. */
int gremium_exists(sqlite3 *db, long long nr);

/* Register a gremium: {naam, doel, domein, pijlers: [{pijler, relatie}],
 * leden: [organisation codes]}. Returns the new number or -1 with f.
 * *check (may be NULL) receives the risk-7 check (overlap_warning). */
long long gremium_create(sqlite3 *db, const struct actor *who, json_t *in,
                         json_t **check, struct fault *f);
/* Change gremium nr: naam (required), doel, domein, pijlers; with leden
 * the current members become exactly that list (the others end today,
 * the new ones start today). 0 / -1. */
int gremium_update(sqlite3 *db, const struct actor *who, long long nr,
                   json_t *in, json_t **check, struct fault *f);
/* Add an organisation: {organisatie, sinds}. The membership id or -1. */
long long gremium_member_add(sqlite3 *db, const struct actor *who,
                             long long nr, json_t *in, json_t **check,
                             struct fault *f);
/* End membership id of gremium nr at `until` (YYYY-MM-DD; NULL: today).
 * 0 / -1 (404 unknown, 409 already ended, 400 bad date). */
int gremium_member_end(sqlite3 *db, const struct actor *who, long long nr,
                       long long id, const char *until, struct fault *f);

struct gremium_import {
    long long rows;           /* data rows read */
    long long added;
    long long unchanged;      /* already current members */
    long long gremia;         /* gremia touched */
    long long warnings;       /* of those, with a risk-7 warning */
    int nerrors;
    int more_errors;          /* stopped after GREMIUM_IMPORT_ERRORS */
    char errors[GREMIUM_IMPORT_ERRORS][300];
};

/* Import memberships from CSV bytes (see above); one transaction, nothing
 * stored on any error. 0, or -1 with f (and the line errors in res). */
int gremium_import_csv(sqlite3 *db, const struct actor *who,
                       const char *data, size_t len,
                       struct gremium_import *res, struct fault *f);

/* 1 when `who` may change gremia (gremium.beheren). */
int gremium_may_manage(const struct actor *who);

#endif
