/* impregion.h - reading the region files.
 *
 * Owns: the two files that change the region register rather than
 * observations. A CBS region code list (RegioS.csv of a StatLine table:
 * Key, Title, Description) adds regions of the kinds the mapping lists
 * by their two-letter prefix, and for a gemeente keeps its name and the
 * dates it started and ended ("Ontstaan per dd-mm-jjjj", "Opgeheven per
 * ..."), so merged gemeenten keep their past. A region hierarchy file
 * (gemeente,provincie|arbeidsmarktregio,jaar_van,jaar_tot) replaces the
 * links of each gemeente it names with the years it gives (links made
 * by Koers itself stay); years of one gemeente may not overlap. Both
 * count new, changed and unchanged entries in the summary. */
#ifndef KOERS_IMPREGION_H
#define KOERS_IMPREGION_H

#include "csvread.h"
#include "imp.h"

/* Read a region code list and store its regions as it goes. -1 when the
 * header lacks a column the mapping names (error recorded) or with the
 * fault set; else 0, with the errors of single records recorded. */
int impregion_read_codes(struct imp *x, struct csv *c);
/* Read a region hierarchy and, when it has no errors, store its links.
 * 0, or -1 (errors recorded or the fault set). */
int impregion_read_links(struct imp *x, struct csv *c);

#endif
