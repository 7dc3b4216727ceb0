/* risk.h - the risk register of figure 11 (report L2141-L2191), the
 * pressure notes on a kerngroep's composition (risk 6) and the coverage
 * of the governance's seats (risk 8, L1931-L1936).
 *
 * Owns: the living part of the risk table (owner, likelihood 1-5, impact
 * 1-5, status), the countermeasures (risk_measure), the pressure_note
 * table, and the coverage overview. Every change checks
 * ACT_RISICO_BEHEREN, runs in one transaction with its audit entry, and
 * changes nothing when refused. The signals themselves are signal.h's;
 * the readers here attach the stored ones (call signal_refresh first for
 * fresh ones). JSON values returned are owned by the caller. */
#ifndef KOERS_RISK_H
#define KOERS_RISK_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

#define RISK_OWNER_MAX 200
#define RISK_MEASURE_MAX 2000
#define RISK_NOTE_MAX 2000
#define RISK_SCALE_MAX 5

/* "open", "beheerst", "opgetreden", "gesloten"; NULL-terminated. */
extern const char *const risk_statuses[];

/* The register: the catalogue fields (nummer, titel, omschrijving, bron,
 * maatregelen [{id, tekst}]) with eigenaar, kans, impact, score (kans x
 * impact), status, bijgewerkt and the open signalen. NULL on error. */
json_t *risk_list(sqlite3 *db);
/* One risk as in the list, with the signal history (open and cleared)
 * under "signaalhistorie"; NULL when it does not exist. */
json_t *risk_get(sqlite3 *db, long long nr);
/* Change eigenaar, kans, impact and/or status of risk nr. 0 / -1. */
int risk_update(sqlite3 *db, const struct actor *who, long long nr,
                json_t *in, struct fault *f);
/* Add a countermeasure {tekst} to risk nr; its id or -1. */
long long risk_measure_add(sqlite3 *db, const struct actor *who,
                           long long nr, json_t *in, struct fault *f);
/* Change the text {tekst} of countermeasure id of risk nr. 0 / -1. */
int risk_measure_update(sqlite3 *db, const struct actor *who, long long nr,
                        long long id, json_t *in, struct fault *f);

/* Pressure notes (id, overleg {code, naam}, melding, vastgelegd,
 * vastgelegdDoor, opgelost, open), newest first; only the open ones when
 * open_only. */
json_t *risk_pressure_list(sqlite3 *db, int open_only);
json_t *risk_pressure_get(sqlite3 *db, long long id);
/* Record {overleg: a kerngroep's code, melding}; refreshes the signals in
 * the same transaction. The new id or -1. */
long long risk_pressure_add(sqlite3 *db, const struct actor *who,
                            json_t *in, struct fault *f);
/* {status: "opgelost" | "open"}: resolve or reopen note id. 0 / -1. */
int risk_pressure_update(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f);
/* The kerngroepen a note may be about ({code, naam}). */
json_t *risk_kerngroepen(sqlite3 *db);

/* Coverage: provincies [{code, naam}], kerngroepen [{code, naam}] and
 * zetels [{rol, naam}], each with aantal (active accounts holding it),
 * bezet (aantal > 0) and, with with_names, houders (their names; the
 * names of accounts are not public); the open coverage signalen and the
 * bronnen (source lines). */
json_t *risk_coverage(sqlite3 *db, int with_names);

#endif
