/* diagram.h - the governance structure as a server-rendered SVG.
 *
 * Owns: drawing the three levels (afstemming, landelijke sturing,
 * uitvoering) with their bodies and the order between them, computed
 * from the store: levels and bodies as seeded, arrows from each body's
 * frequency rule ("voor" / "na" another body). No static picture. */
#ifndef KOERS_DIAGRAM_H
#define KOERS_DIAGRAM_H

#include <jansson.h>

#include "buf.h"

/* Append an <svg> for levels (governance_levels) and bodies (body_list
 * plus, per body, "voor"/"na" codes in frequentie). */
void diagram_levels(struct buf *b, json_t *levels, json_t *bodies,
                    json_t *order);

#endif
