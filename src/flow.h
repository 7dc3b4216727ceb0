/* flow.h - the flows between the tables: verzoeken, consultations of the
 * regions, SER requests, and each user's inbox.
 *
 * Owns: the tables verzoek, consultation, consultation_answer and
 * ser_request. Every change checks the caller's permission (perm.h:
 * verzoek.indienen, verzoek.beantwoorden, consultatie.uitzetten,
 * consultatie.beantwoorden, ser.beheren), validates through input.h and
 * is written with its audit entry in one transaction; refusals are
 * audited. The round trips of the report land on agendas through
 * agenda.h (source "verzoek", the only flow source the agenda knows):
 *   verzoek to the DG-overleg    next DG-overleg      "verzoek:ID"
 *   answer to a verzoek          next koersoverleg    "verzoek:ID:antwoord"
 *   consultation closed          next meeting of the  "consultatie:ID"
 *                                asking table
 *   SER request put to the SER   next SER meeting     "ser-verzoek:ID:vraag"
 *   SER advice received          next meeting of the  "ser-verzoek:ID:advies"
 *                                asking table
 *
 * Reading is public; with names = 0 the names of the users who acted are
 * left out (for anonymous callers). Returned JSON values are owned by the
 * caller. Dates are local (Europe/Amsterdam) calendar dates, YYYY-MM-DD. */
#ifndef KOERS_FLOW_H
#define KOERS_FLOW_H

#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "audit.h"
#include "fault.h"

#define FLOW_TITLE_MAX 200
#define FLOW_TEXT_MAX 10000
/* Items per section of the inbox (the counts are always complete). */
#define FLOW_INBOX_MAX 50

/* A list filter; NULL members are absent. Unknown values are refused by
 * the list functions with FAULT_INVALID. */
struct flow_filter {
    const char *status;   /* a status of the kind listed */
    const char *body;     /* body code of the asking / addressed table */
};

/* ---- verzoeken (report L1606-L1612) ---- */

/* Record a verzoek of the koersoverleg: {titel, tekst, aanOverleg
 * ("dg-overleg") | aanOrganisatie (organisation code), vergadering (id of
 * a koersoverleg meeting, optional), deadline (optional, not in the
 * past)}. Addressed to the DG-overleg, it is proposed for that body's
 * next meeting. The new id, or -1 with f (400, 403). */
long long flow_verzoek_create(sqlite3 *db, const struct actor *who,
                              json_t *in, struct fault *f);
/* Record the answer {antwoord}; it is proposed for the next meeting of
 * the koersoverleg. 404, 400, 403, 409 when not open (answered twice or
 * withdrawn). */
int flow_verzoek_answer(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f);
/* Withdraw an open verzoek (verzoek.indienen); its proposal on the
 * DG-overleg agenda is withdrawn while not yet discussed. 404, 403, 409. */
int flow_verzoek_withdraw(sqlite3 *db, const struct actor *who,
                          long long id, struct fault *f);
json_t *flow_verzoek_get(sqlite3 *db, long long id, int names);
/* One page (newest first), total matches in *total; NULL with f. Filter:
 * status open | beantwoord | ingetrokken, body = addressed body. */
json_t *flow_verzoek_list(sqlite3 *db, const struct flow_filter *flt,
                          long long offset, long long limit,
                          long long *total, struct fault *f);

/* ---- consultations (report L1396-L1399, L1925-L1926) ---- */

/* A national table asks the regions: {overleg, titel, tekst, deadline
 * (not in the past)}. New id or -1 with f (400, 403). */
long long flow_consultatie_create(sqlite3 *db, const struct actor *who,
                                  json_t *in, struct fault *f);
/* The answer of `region` (a CBS code, any case) {tekst}: one per region,
 * replaced while the consultation is open and its deadline has not
 * passed. *created is 1 for a first answer, 0 for a replacement.
 * 404 (consultation or region), 400, 403 (another region), 409 (closed or
 * past the deadline). */
int flow_consultatie_answer(sqlite3 *db, const struct actor *who,
                            long long id, const char *region, json_t *in,
                            int *created, struct fault *f);
/* Close (consultatie.uitzetten for the asking body): "Consultatie
 * afgerond: N reacties" goes on that body's next agenda. 404, 403, 409. */
int flow_consultatie_close(sqlite3 *db, const struct actor *who,
                           long long id, struct fault *f);
/* The consultation with its answers per region. */
json_t *flow_consultatie_get(sqlite3 *db, long long id, int names);
/* The answer of one region (code any case), or NULL. */
json_t *flow_consultatie_reactie(sqlite3 *db, long long id,
                                 const char *region, int names);
/* Filter: status open | gesloten, body = asking body. */
json_t *flow_consultatie_list(sqlite3 *db, const struct flow_filter *flt,
                              long long offset, long long limit,
                              long long *total, struct fault *f);

/* ---- SER requests (report L1876-L1890) ---- */

/* {overleg: koersoverleg | dg-overleg, vraag}; starts as voorbereid. */
long long flow_ser_create(sqlite3 *db, const struct actor *who, json_t *in,
                          struct fault *f);
/* {naar, advies}: voorbereid -> gesteld -> in-behandeling ->
 * advies-ontvangen (advies required, and only there), or ingetrokken
 * from any state before the advice. 404, 400, 403, 409 (illegal step,
 * the message lists the allowed ones). */
int flow_ser_transition(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f);
json_t *flow_ser_get(sqlite3 *db, long long id, int names);
/* Filter: status (one of the five), body = asking body. */
json_t *flow_ser_list(sqlite3 *db, const struct flow_filter *flt,
                      long long offset, long long limit, long long *total,
                      struct fault *f);
/* The statuses of a SER request in order: [{code, naam}]. */
json_t *flow_ser_statuses(void);
/* Dutch name of a SER status ("" -> the code itself). */
const char *flow_ser_status_name(const char *code);

/* ---- who may do what (for the pages) ---- */

/* 1 when `who` may do `a` for body_code (NULL: for some body). */
int flow_may(const struct actor *who, enum perm_action a,
             const char *body_code);
/* 1 when `who` may answer a consultation for region (NULL: for some
 * region). */
int flow_may_answer(const struct actor *who, const char *region);
/* The region code (canonical case) of a regio or accounthouder user
 * into out; "" when the user has none or may answer for every region. */
void flow_own_region(sqlite3 *db, const struct actor *who, char *out,
                     size_t len);
/* The regions that can answer a consultation (all but the country):
 * [{code, naam, soort}]. */
json_t *flow_regions(sqlite3 *db);
/* The tables that may ask a consultation: [{code, naam}]. */
json_t *flow_consult_bodies(sqlite3 *db);

/* ---- the inbox ---- */

/* What waits for `who` (logged in): {knelpunten, verzoeken, consultaties,
 * acties}, each {aantal, items (at most FLOW_INBOX_MAX)}, and totaal.
 * NULL on a store error. */
json_t *flow_inbox(sqlite3 *db, const struct actor *who);

#endif
