/* implang.h - reading a koers-lang file.
 *
 * Owns: Koers's own long format, one observation a record:
 * indicator,regio,periode,uitsplitsing,waarde,status (the header exactly
 * so). Every code must be known to the catalogue (a new period or
 * disaggregation key is registered), the period must be of the
 * indicator's kind, the disaggregation only of its dimensions (and for
 * an additive indicator the same dimensions throughout the file, or its
 * totals would count twice), the value a number with a point and the
 * status definitief or voorlopig. A repeated key is refused later, when
 * the rows are combined (import.c). */
#ifndef KOERS_IMPLANG_H
#define KOERS_IMPLANG_H

#include "csvread.h"
#include "imp.h"

/* Read every record after the header. -1 with the fault set, else 0;
 * input errors are recorded in the summary (and reading goes on) for the
 * engine to check. */
int implang_read(struct imp *x, struct csv *c);

#endif
