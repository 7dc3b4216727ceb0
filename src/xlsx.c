/* xlsx.c - Excel workbooks in a temporary file (see xlsx.h). */
#define _GNU_SOURCE
#include "xlsx.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

struct xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    int fd;                   /* mkstemp descriptor of path */
    char path[PATH_MAX];
    char tmpdir[PATH_MAX];
    int failed;
};

/* The directory for temporary files: TMPDIR when set, else /tmp. */
static void temp_dir(char *out, size_t len)
{
    const char *t = getenv("TMPDIR");

    snprintf(out, len, "%s", t && t[0] ? t : "/tmp");
}

struct xlsx *xlsx_new(char *err, size_t errlen)
{
    struct xlsx *x = calloc(1, sizeof *x);
    lxw_workbook_options opt = { 0 };

    if (x == NULL) {
        snprintf(err, errlen, "geen geheugen");
        return NULL;
    }
    temp_dir(x->tmpdir, sizeof x->tmpdir);
    snprintf(x->path, sizeof x->path, "%s/koers-xlsx-XXXXXX", x->tmpdir);
    x->fd = mkostemp(x->path, O_CLOEXEC);
    if (x->fd < 0) {
        snprintf(err, errlen, "kan geen tijdelijk bestand maken in %s",
                 x->tmpdir);
        free(x);
        return NULL;
    }
    opt.constant_memory = LXW_TRUE;
    opt.tmpdir = x->tmpdir;
    x->wb = workbook_new_opt(x->path, &opt);
    x->bold = x->wb ? workbook_add_format(x->wb) : NULL;
    if (x->wb == NULL || x->bold == NULL) {
        snprintf(err, errlen, "kan geen werkmap maken");
        xlsx_free(x);
        return NULL;
    }
    format_set_bold(x->bold);
    return x;
}

int xlsx_sheet(struct xlsx *x, const char *name, const char *const *headers,
               const double *widths)
{
    lxw_col_t c;

    if (x == NULL || x->failed)
        return -1;
    x->ws = workbook_add_worksheet(x->wb, name);
    if (x->ws == NULL) {
        x->failed = 1;
        return -1;
    }
    for (c = 0; headers && headers[c]; c++) {
        if (widths &&
            worksheet_set_column(x->ws, c, c, widths[c], NULL) != LXW_NO_ERROR)
            x->failed = 1;
        if (worksheet_write_string(x->ws, 0, c, headers[c], x->bold) !=
            LXW_NO_ERROR)
            x->failed = 1;
    }
    worksheet_freeze_panes(x->ws, 1, 0);
    return x->failed ? -1 : 0;
}

int xlsx_str(struct xlsx *x, unsigned row, unsigned col, const char *s)
{
    if (x == NULL || x->ws == NULL || x->failed || row >= XLSX_MAX_ROWS ||
        worksheet_write_string(x->ws, (lxw_row_t)row + 1, (lxw_col_t)col,
                               s ? s : "", NULL) != LXW_NO_ERROR) {
        if (x)
            x->failed = 1;
        return -1;
    }
    return 0;
}

int xlsx_num(struct xlsx *x, unsigned row, unsigned col, double v)
{
    if (x == NULL || x->ws == NULL || x->failed || row >= XLSX_MAX_ROWS ||
        worksheet_write_number(x->ws, (lxw_row_t)row + 1, (lxw_col_t)col, v,
                               NULL) != LXW_NO_ERROR) {
        if (x)
            x->failed = 1;
        return -1;
    }
    return 0;
}

int xlsx_finish(struct xlsx *x, int *fd, long long *size, char *err,
                size_t errlen)
{
    lxw_error e;
    struct stat st;

    *fd = -1;
    *size = 0;
    if (x == NULL) {
        snprintf(err, errlen, "geen werkmap");
        return -1;
    }
    if (x->failed) {
        snprintf(err, errlen, "een cel kon niet worden geschreven");
        xlsx_free(x);
        return -1;
    }
    e = workbook_close(x->wb);
    x->wb = NULL;
    /* the library rewrote the file by name; x->fd still names the same
     * inode, which lives on after the unlink until the fd is closed */
    if (e != LXW_NO_ERROR) {
        snprintf(err, errlen, "werkmap niet geschreven: %s", lxw_strerror(e));
        xlsx_free(x);
        return -1;
    }
    unlink(x->path);
    x->path[0] = '\0';
    if (fstat(x->fd, &st) != 0 || lseek(x->fd, 0, SEEK_SET) != 0 ||
        st.st_size <= 0) {
        snprintf(err, errlen, "werkmap niet leesbaar");
        xlsx_free(x);
        return -1;
    }
    *fd = x->fd;
    *size = (long long)st.st_size;
    free(x);
    return 0;
}

void xlsx_free(struct xlsx *x)
{
    if (x == NULL)
        return;
    lxw_workbook_free(x->wb);    /* without writing; NULL is fine */
    if (x->path[0])
        unlink(x->path);
    if (x->fd >= 0)
        close(x->fd);
    free(x);
}
