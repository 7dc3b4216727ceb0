/* cbs.c - the side files of a CBS StatLine OData table directory (see
 * cbs.h). */
#include "cbs.h"

#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvhead.h"
#include "csvread.h"
#include "field.h"

/* Open dir/name as CSV and take its header row into h: the reader, or
 * NULL when the file is missing, empty or unreadable (*fp is then
 * closed). */
static struct csv *side_file(const char *dir, const char *name, FILE **fp,
                             struct csvhead *h)
{
    char path[PATH_MAX];
    struct csv *c;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    *fp = fopen(path, "rb");
    if (*fp == NULL)
        return NULL;
    c = csv_open_file(*fp, NULL);
    if (c && csv_next(c) == 1 && csvhead_take(h, c) == 0)
        return c;
    csv_close(c);
    fclose(*fp);
    *fp = NULL;
    return NULL;
}

void cbs_table_id(const char *dir, char *out, size_t len)
{
    struct csvhead h = { 0 };
    struct csv *c;
    FILE *fp;
    char *copy;
    int ci;

    copy = strdup(dir);
    snprintf(out, len, "%s", copy ? basename(copy) : dir);
    free(copy);
    c = side_file(dir, "TableInfos.csv", &fp, &h);
    if (c && (ci = csvhead_col(&h, "Identifier")) >= 0 &&
        csv_next(c) == 1 && csv_field_len(c, (size_t)ci) > 0)
        field_copy(csv_field(c, (size_t)ci), csv_field_len(c, (size_t)ci),
                   out, len);
    csvhead_free(&h);
    csv_close(c);
    if (fp)
        fclose(fp);
}

int cbs_statuses(const char *dir, struct smap *out)
{
    struct csvhead h = { 0 };
    struct csv *c;
    FILE *fp;
    int ki, si, any = 0;

    c = side_file(dir, "Perioden.csv", &fp, &h);
    ki = csvhead_col(&h, "Key");
    si = csvhead_col(&h, "Status");
    while (c && ki >= 0 && si >= 0 && csv_next(c) == 1) {
        size_t kl, sl;
        const char *k = field_trim(csv_field(c, (size_t)ki),
                                   csv_field_len(c, (size_t)ki), &kl);
        const char *s = field_trim(csv_field(c, (size_t)si),
                                   csv_field_len(c, (size_t)si), &sl);
        int def = sl == 10 && memcmp(s, "Definitief", 10) == 0;

        smap_put(out, k, kl, (uint32_t)def + 1);
        any = 1;
    }
    csvhead_free(&h);
    csv_close(c);
    if (fp)
        fclose(fp);
    return any;
}
