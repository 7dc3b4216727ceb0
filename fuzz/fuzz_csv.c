/* fuzz_csv.c - libFuzzer target for csvread.h.
 *
 * The first byte picks the separator, the limits and a chunk size; the
 * rest is read twice, from memory and through a FILE* in chunks of that
 * size, and both readings must agree record by record (results, errors,
 * line numbers, fields). Every record handed out must hold valid UTF-8
 * without NUL bytes, within the limits, with line numbers that never go
 * back. Any disagreement aborts, so libFuzzer saves the input.
 * Build: see fuzz/README.md (`make fuzz`). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char seps[4] = { ',', ';', '\t', '|' };
    struct csv_opts o = { 0 };
    struct csv *m, *f;
    FILE *fp;
    long long last = 0;
    int rm, rf, n = 0;

    if (size < 1)
        return 0;
    o.sep = seps[data[0] & 3];
    o.chunk = (size_t)((data[0] >> 2) & 7) + 1;
    if (data[0] & 0x20) {
        o.max_field = 16;
        o.max_record = 64;
        o.max_fields = 8;
    }
    data++;
    size--;
    if (size == 0)
        return 0;    /* fmemopen needs at least one byte */
    m = csv_open_mem((const char *)data, size, &o);
    fp = fmemopen((void *)data, size, "rb");
    f = fp ? csv_open_file(fp, &o) : NULL;
    if (m == NULL || f == NULL)
        abort();
    do {
        size_t i, max_field = o.max_field ? o.max_field : CSV_MAX_FIELD;

        rm = csv_next(m);
        rf = csv_next(f);
        if (rm != rf || strcmp(csv_error(m), csv_error(f)) != 0 ||
            csv_line(m) != csv_line(f) || csv_count(m) != csv_count(f))
            abort();
        if (rm == 1 && csv_line(m) < last)
            abort();
        if (rm == 1)
            last = csv_line(m);
        if (rm == -1 && csv_error(m)[0] == '\0')
            abort();
        for (i = 0; i < csv_count(m); i++) {
            const char *a = csv_field(m, i), *b = csv_field(f, i);
            size_t len = csv_field_len(m, i);

            if (len != csv_field_len(f, i) || memcmp(a, b, len) != 0 ||
                len > max_field || strlen(a) != len ||
                !text_utf8_valid(a, len))
                abort();
        }
    } while (rm != 0 && !(rm < 0 && csv_fatal(m)) && ++n < 100000);
    csv_close(m);
    csv_close(f);
    fclose(fp);
    return 0;
}
