/* xlsx.h - Excel workbooks for the monitor downloads: a thin wrapper over
 * libxlsxwriter.
 *
 * Owns: a workbook written to a temporary file (mkstemp in TMPDIR or
 * /tmp) in libxlsxwriter's constant-memory mode, so a large download
 * costs disk, not memory; sheets with a bold header row that stays in
 * view (frozen) and set column widths; numbers written as numbers. Rows
 * of a sheet must be written in order (row 0 is the first row under the
 * header). xlsx_finish hands over an open descriptor of the finished file,
 * already unlinked, so the file disappears when the descriptor is closed
 * (the HTTP layer sends and closes it: r->file_fd). */
#ifndef KOERS_XLSX_H
#define KOERS_XLSX_H

#include <stddef.h>

/* Data rows a sheet holds (Excel's 1,048,576 rows minus the header). */
#define XLSX_MAX_ROWS 1048575u

struct xlsx;

/* A new, empty workbook. NULL with a reason in err. */
struct xlsx *xlsx_new(char *err, size_t errlen);
/* Start a sheet (max 31 characters, no []:*?/\) with the NULL-terminated
 * column headers in bold and the given widths (characters; NULL for the
 * default). Later cells go into this sheet. 0 or -1. */
int xlsx_sheet(struct xlsx *x, const char *name, const char *const *headers,
               const double *widths);
/* A text or number cell in the current sheet; row counts from 0 under the
 * header. 0, or -1 (the workbook is then marked failed). */
int xlsx_str(struct xlsx *x, unsigned row, unsigned col, const char *s);
int xlsx_num(struct xlsx *x, unsigned row, unsigned col, double v);
/* Close the workbook; on success *fd is a read descriptor positioned at
 * the start of the unlinked file and *size its length. x is freed in
 * every case. 0, or -1 with a reason in err. */
int xlsx_finish(struct xlsx *x, int *fd, long long *size, char *err,
                size_t errlen);
/* Abandon a workbook (its temporary file is removed). NULL is fine. */
void xlsx_free(struct xlsx *x);

#endif
