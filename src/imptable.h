/* imptable.h - reading a tabel or cbs source.
 *
 * Owns: turning a table as its publisher made it into rows (imp.h): a
 * wide DUO file with a column per year (and per item of one dimension,
 * "VROUW2016"), or a long table with a period column such as a CBS
 * StatLine data.csv. The mapping's columns are resolved against the
 * header first (an unknown indicator, dimension item or column is
 * refused before any record is read); then every record passes the
 * mapping's filters, gets its region (a code column with a prefix and
 * padding, a fixed region, or a new region registered from a name
 * column), its disaggregation from the split columns, and one row per
 * value cell and output indicator. A province column yields region links
 * (gemeente -> provincie over the years of the file), checked against
 * each other while reading and against the store afterwards. */
#ifndef KOERS_IMPTABLE_H
#define KOERS_IMPTABLE_H

#include "csvread.h"
#include "imp.h"

/* Resolve the mapping against the header, then read every record after
 * it. -1 when the mapping does not fit the file (errors recorded) or the
 * fault is set; else 0, with the errors of single records recorded in
 * the summary for the engine to check. */
int imptable_read(struct imp *x, struct csv *c);

/* Store the region links noted while reading: add or widen them, and
 * record an error for a province that contradicts the store. -1 with the
 * fault set when the store fails, else 0. Nothing to do for other kinds
 * of source. */
int imptable_apply_links(struct imp *x);

#endif
