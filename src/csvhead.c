/* csvhead.c - the header row of a CSV file (see csvhead.h). */
#include "csvhead.h"

#include <string.h>

#include "field.h"

int csvhead_take(struct csvhead *h, struct csv *c)
{
    size_t i;

    h->n = 0;
    for (i = 0; i < csv_count(c) && i < CSV_MAX_FIELDS; i++) {
        size_t len;
        const char *t = field_trim(csv_field(c, i), csv_field_len(c, i),
                                   &len);

        h->name[i] = smap_arena_dup(&h->ar, t, len);
        if (h->name[i] == NULL)
            return -1;
        h->n++;
    }
    return 0;
}

int csvhead_col(const struct csvhead *h, const char *name)
{
    size_t i;

    for (i = 0; name && i < h->n; i++)
        if (strcmp(h->name[i], name) == 0)
            return (int)i;
    return -1;
}

int csvhead_parse(const char *data, size_t len, char sep, struct csvhead *h)
{
    struct csv_opts co = { .sep = sep };
    struct csv *c = csv_open_mem(data, len, &co);
    int rc = -1;

    if (c == NULL)
        return -1;
    if (csv_next(c) == 1 && csvhead_take(h, c) == 0)
        rc = 0;
    csv_close(c);
    return rc;
}

void csvhead_free(struct csvhead *h)
{
    smap_arena_free(&h->ar);
    h->n = 0;
}
