/* input.h - declared input fields and their validation.
 *
 * Owns: the rule that every input (API JSON body or web form, which the
 * UI turns into the same JSON object) is declared once with its
 * validator, and that domain code only reads values that passed it.
 * input_check rejects unknown fields, wrong types, empty required text,
 * text over its maximum (counted in characters), control characters,
 * values outside a fixed choice list and malformed codes or dates, each
 * with a Dutch message naming the field by its label. */
#ifndef KOERS_INPUT_H
#define KOERS_INPUT_H

#include <jansson.h>

#include "fault.h"

enum input_kind {
    IN_TEXT,       /* one line of text */
    IN_LONGTEXT,   /* multi-line text */
    IN_CODE,       /* kebab-case code: [a-z0-9]+(-[a-z0-9]+)* */
    IN_CHOICE,     /* one of `choices` */
    IN_INT,        /* integer >= 1 (an id) */
    IN_DATE,       /* YYYY-MM-DD, a real calendar date */
    IN_DATETIME    /* YYYY-MM-DDTHH:MM, local time */
};

struct input_field {
    const char *name;             /* JSON key / form field name */
    const char *label;            /* Dutch label for messages */
    enum input_kind kind;
    int required;                 /* on create */
    size_t max;                   /* characters, for text kinds */
    const char *const *choices;   /* NULL-terminated, for IN_CHOICE */
};

/* Validate `in` against the NULL-name-terminated spec. When `partial` is
 * set (updates), required fields may be absent. null is accepted for
 * optional fields and means "clear". Returns 0 or -1 with f filled. */
int input_check(json_t *in, const struct input_field *spec, int partial,
                struct fault *f);
/* 1 when s is YYYY-MM-DD and a valid Gregorian date. */
int input_is_date(const char *s);
/* 1 when s is YYYY-MM-DDTHH:MM with a valid date and time. */
int input_is_datetime(const char *s);
/* Text value or NULL (absent or null). */
const char *input_str(json_t *in, const char *name);

#endif
