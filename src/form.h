/* form.h - strict application/x-www-form-urlencoded parsing.
 *
 * Owns: decoding form bodies into name/value pairs. Unlike lenient
 * decoders it rejects malformed percent escapes, invalid UTF-8, too many
 * fields and duplicate names, so a broken form gets a precise error
 * instead of a silently mangled value. Values are owned by the form and
 * freed by form_free. */
#ifndef KOERS_FORM_H
#define KOERS_FORM_H

#include <stddef.h>

#define FORM_MAX_FIELDS 64

struct form {
    int n;
    char *name[FORM_MAX_FIELDS];
    char *value[FORM_MAX_FIELDS];
};

/* Parse body[0..len). On failure returns -1 with a Dutch reason in err;
 * the form is left empty. */
int form_parse(struct form *f, const char *body, size_t len, char *err,
               size_t errlen);
const char *form_get(const struct form *f, const char *name);
void form_free(struct form *f);

#endif
