/* pdf.h - the evaluation as a PDF, rendered in C with cairo and pango.
 *
 * Owns: the layout of a printed document on A4 (margins, headings,
 * paragraphs, tables that break across pages with their header repeated,
 * page numbers in the footer) and the charts drawn with cairo (a line
 * chart and a grouped bar chart, each with its axis, ticks and a legend).
 * It renders the document model of evaluation.h (evaluation_document),
 * the same one the HTML page renders. Fonts come from fontconfig (DejaVu
 * Sans, installed with fonts-dejavu-core). The numbers in charts are
 * printed the Dutch way (chart.h). */
#ifndef KOERS_PDF_H
#define KOERS_PDF_H

#include <jansson.h>

#include "buf.h"

#define PDF_MAX_BYTES (32 * 1024 * 1024)   /* largest PDF we produce */

/* Render doc (borrowed) as a PDF into out (initialised by the caller,
 * with its own maximum). 0, or -1 with an English reason in err (out
 * may then hold a partial document). */
int pdf_render(json_t *doc, struct buf *out, char *err, size_t errlen);

#endif
