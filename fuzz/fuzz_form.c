/* fuzz_form.c - libFuzzer target for form.h (form_parse, form_get,
 * form_free).
 *
 * Feeds arbitrary bytes (not NUL-terminated, so ASan catches any read
 * past len) and checks what form.h promises:
 * - on success: at most FORM_MAX_FIELDS fields, every name non-empty and
 *   unique, every name and value valid UTF-8, form_get finds each value;
 * - on failure: -1, a NUL-terminated reason, an empty form;
 * - form_free is safe twice.
 * Build with -DFUZZ_FORM_STRICT_NUL to also require that a body with a
 * raw NUL byte is refused (form.c currently accepts it and cuts the
 * name or value at the NUL). See fuzz/README.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct form f;
    char err[128];
    int rc, i, j;

    memset(err, 'x', sizeof err);
    rc = form_parse(&f, (const char *)data, size, err, sizeof err);
    if (rc != 0) {
        if (rc != -1 || f.n != 0 || memchr(err, '\0', sizeof err) == NULL ||
            err[0] == '\0')
            abort();
        form_free(&f);
        return 0;
    }
#ifdef FUZZ_FORM_STRICT_NUL
    if (memchr(data, '\0', size) != NULL)
        abort();
#endif
    if (f.n < 0 || f.n > FORM_MAX_FIELDS)
        abort();
    for (i = 0; i < f.n; i++) {
        const char *v;

        if (f.name[i] == NULL || f.value[i] == NULL || f.name[i][0] == '\0')
            abort();
        if (!text_utf8_valid(f.name[i], strlen(f.name[i])) ||
            !text_utf8_valid(f.value[i], strlen(f.value[i])))
            abort();
        for (j = 0; j < i; j++)
            if (strcmp(f.name[i], f.name[j]) == 0)
                abort();
        v = form_get(&f, f.name[i]);
        if (v != f.value[i])
            abort();
    }
    (void)form_get(&f, "csrf");
    (void)form_get(&f, "");
    form_free(&f);
    if (f.n != 0 || form_get(&f, "a") != NULL)
        abort();
    form_free(&f);
    return 0;
}
