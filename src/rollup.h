/* rollup.h - pre-computed aggregates of the monitor cube.
 *
 * Owns: observation rows with origin 1 (rolled up) and 2 (derived ratio).
 * Like DHIS2's analytics tables they are computed when data is imported,
 * so that reading a series or a map is a single index range scan.
 *
 * Rules (decisions, documented in docs/monitor.md):
 * - An additive indicator (aggregation 'som') is summed from the regions
 *   it was imported at to every ancestor in region_link that is valid in
 *   the period's year (gemeente -> provincie and arbeidsmarktregio,
 *   provincie -> landsdeel and Nederland), each ancestor counted once; and
 *   over its disaggregations: every subset of the dimensions of a key gets
 *   a row ('geslacht=vrouw;niveau=4' feeds 'geslacht=vrouw', 'niveau=4'
 *   and the total '').
 * - An imported value always shadows a computed one for the same cell
 *   (a source that publishes its own national total is believed), and
 *   is not counted twice: a computed cell takes the coarsest imported
 *   data below it (a province's own total rather than its gemeenten, a
 *   gemeente's own total rather than its man + vrouw; see rollup.c).
 * - A ratio indicator is recomputed in every cell where its numerator and
 *   denominator exist: value = num(num_filter) / den(den_filter) * factor,
 *   with the denominator's cell (its disaggregation key minus the
 *   num_filter dimension). A zero denominator gives no cell.
 * - Indicators with aggregation 'geen' are not rolled up.
 * All of it runs inside the caller's transaction. */
#ifndef KOERS_ROLLUP_H
#define KOERS_ROLLUP_H

#include <sqlite3.h>

#include "fault.h"

struct rollup_stats {
    long long source_rows;   /* imported rows read */
    long long computed_rows; /* origin 1 and 2 rows written */
};

/* Recompute every aggregate of one indicator (origin 1 rows) and of every
 * ratio indicator that uses it (origin 2 rows), stamping batch_id on the
 * cells whose value or status changed (unchanged cells keep the batch
 * that last changed them; cells nothing feeds any more are deleted).
 * st may be NULL; computed_rows counts rows inserted or updated. */
int rollup_indicator(sqlite3 *db, sqlite3_int64 indicator_id,
                     sqlite3_int64 batch_id, struct rollup_stats *st,
                     struct fault *f);

/* Recompute everything (after a change of the region hierarchy). */
int rollup_all(sqlite3 *db, sqlite3_int64 batch_id, struct rollup_stats *st,
               struct fault *f);

#endif
