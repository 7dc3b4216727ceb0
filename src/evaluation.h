/* evaluation.h - the biennial evaluation of the governance (report
 * L2132-L2139: "één keer in de twee jaar de ingerichte governance te
 * evalueren op realisatie, effectiviteit en efficiëntie van overleg en de
 * aanpak van versnippering", with a qualitative analysis through
 * interviews and the question whether the region is strong enough).
 *
 * Owns: gathering the figures of one period [van, tot] from what Koers
 * records, as one JSON object that the page, the PDF, the command line
 * and the API all render (the figures are computed once, here); and the
 * table evaluation_finding (the qualitative interview findings: create,
 * change, delete with permission evaluatie.beheren, audited, one
 * transaction each).
 *
 * How the figures are defined (the pages say the same in words):
 *  - peildatum: the day the period is judged at, tot or today when that
 *    is earlier (an evaluation of a running period);
 *  - realisatie: the implementation actions that existed by tot and were
 *    not already finished before van (created on or before tot, and a
 *    deadline on or after van, no deadline, or still open); afgerond,
 *    gestopt, te laat (open with a deadline before the peildatum),
 *    zonder eigenaar (open without an owner organisation), op schema
 *    (open, neither); per pillar too. Statuses are the current ones
 *    (Koers keeps no history of an action's status). Indicators: the
 *    status of each measured indicator's national target (monitor.h);
 *  - overleg: per body, meetings required by the cycle rules
 *    (min_per_jaar n, or the months of a maanden rule, whichever is
 *    more; a year only partly inside the period counts pro rata, rounded
 *    to the nearest whole meeting), held (not cancelled, on or before the
 *    peildatum), cancelled, still planned, decisions and decisions per
 *    held meeting, and the attendance rate (present 1, replaced 0.5,
 *    absent 0, as commitment.h) over the recorded invitations;
 *    attendance per quarter (the trend) and per organisation in the first
 *    and the second half of the period; the time knelpunten lay at each
 *    table (from their events: a stay that ended inside the period), and
 *    how many still wait there at the peildatum and since how long;
 *  - versnippering: gremia registered in the period, and the pairwise
 *    overlap of their memberships (overlap.h) at van and at the
 *    peildatum, the pairs with the highest score;
 *  - regio: knelpunten raised and initiatives registered in the period
 *    per region, accounthouders (user accounts of role accounthouder) per
 *    province;
 *  - begroting: planned, committed and spent per year of the period and
 *    per line (table budget_line);
 *  - bevindingen: the findings whose period overlaps [van, tot].
 *
 * All JSON values returned are owned by the caller. */
#ifndef KOERS_EVALUATION_H
#define KOERS_EVALUATION_H

#include <jansson.h>
#include <sqlite3.h>

#include "audit.h"
#include "fault.h"

#define EVAL_MAX_DAYS 3660          /* longest period: ten years */
#define EVAL_THEME_MAX 200          /* characters of a finding's theme */
#define EVAL_TEXT_MAX 10000         /* characters of a finding's text */
#define EVAL_FINDINGS_MAX 1000      /* findings shown with one period */

struct eval_period {
    char van[11];                   /* YYYY-MM-DD */
    char tot[11];
};

/* Check van and tot (YYYY-MM-DD, real dates, van not after tot, at most
 * EVAL_MAX_DAYS days): 0, or -1 with a precise Dutch message (400). When
 * both are NULL or empty the default is taken: the last two full
 * calendar years before today. One of the two alone is refused. */
int evaluation_period(const char *van, const char *tot,
                      struct eval_period *out, struct fault *f);

/* The figures of the period (see above); NULL with f filled on a store
 * error. */
json_t *evaluation_gather(sqlite3 *db, const struct eval_period *p,
                          struct fault *f);

/* The evaluation as a document that the page and the PDF both render,
 * so the two show the same text, tables and charts:
 *   {titel, ondertitel, secties: [{id, titel, bron: {sectie, van, tot}
 *    | null, blokken: [block]}]}
 * where a block is one of
 *   {soort: "alinea", tekst}
 *   {soort: "tabel", id, bijschrift, kolommen: [label; a label starting
 *    with '#' is a numeric column], rijen: [[text]], leeg (text shown
 *    when there are no rows)}
 *   {soort: "grafiek", vorm: "lijn" | "staven", id, titel, beschrijving,
 *    eenheid ("%" or "€"), labels: [text], reeksen: [{naam, waarden:
 *    [number | null]}]} (the numbers are also in a table next to it)
 *   {soort: "bevinding", id, thema, tekst, van, tot}
 * Numbers in tables are formatted the Dutch way ("1.234", "83%",
 * "€ 2.500.000"). ev is borrowed; NULL when out of memory. */
json_t *evaluation_document(json_t *ev);

/* The largest value of a "grafiek" block's series over its first n
 * labels (0 when none is larger); blk is borrowed. Both renderers of the
 * document (ui_evaluation.c, pdf.c) scale their axis from it. */
double evaluation_chart_max(json_t *blk, size_t n);

/* Findings. Fields: {van, tot (the period the finding is about, dates,
 * van not after tot), thema (text), tekst (long text)}; all required on
 * create, any subset on change. Returns the new id / 0, or -1 with f
 * filled and nothing changed. Refusals for lack of permission are
 * audited. */
long long evaluation_finding_create(sqlite3 *db, const struct actor *who,
                                    json_t *in, struct fault *f);
int evaluation_finding_update(sqlite3 *db, const struct actor *who,
                              long long id, json_t *in, struct fault *f);
int evaluation_finding_delete(sqlite3 *db, const struct actor *who,
                              long long id, struct fault *f);
/* One finding {id, van, tot, thema, tekst, aangemaakt}; NULL when
 * unknown. */
json_t *evaluation_finding_get(sqlite3 *db, long long id);
/* Findings whose period overlaps p (p NULL: all), newest first, one page
 * (offset, limit) and the number of matches in *total. NULL on a store
 * error. */
json_t *evaluation_finding_list(sqlite3 *db, const struct eval_period *p,
                                long long offset, long long limit,
                                long long *total);
/* 1 when who may manage findings (evaluatie.beheren). */
int evaluation_may_manage(const struct actor *who);

#endif
