/* catalog.h - the report's seeded lists: gremia, risks, implementation
 * plan, monitor topics.
 *
 * Owns: reading the 31 gremia of Bijlage I (with their per-pillar
 * relation and Bijlage II group), the 9 risks of figure 11 with their
 * countermeasures, the 11 steps of figure 12 with their sub-steps, and
 * the indicator topics of figure 10. JSON values owned by the caller. */
#ifndef KOERS_CATALOG_H
#define KOERS_CATALOG_H

#include <jansson.h>
#include <sqlite3.h>

/* The monitor indicators that measure a figure-10 topic (code, naam,
 * onderwerp). */
json_t *catalog_monitor_indicators(sqlite3 *db);
json_t *catalog_indicators(sqlite3 *db);

#endif
