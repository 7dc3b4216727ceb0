/* fault.h - why a domain operation was refused.
 *
 * Owns: the one way domain modules report a refusal to their callers: a
 * kind (which the HTTP layer maps to a status code) and a precise Dutch
 * message for the user, citing the report rule where one applies. */
#ifndef KOERS_FAULT_H
#define KOERS_FAULT_H

#include <stdio.h>

enum fault_kind {
    FAULT_NONE = 0,
    FAULT_INVALID = 400,   /* malformed or missing input */
    FAULT_FORBIDDEN = 403, /* the caller's role may not do this */
    FAULT_NOTFOUND = 404,  /* an id that does not exist */
    FAULT_CONFLICT = 409,  /* duplicate or state conflict */
    FAULT_RULE = 422,      /* refused by a rule of the report */
    FAULT_STORE = 500      /* the store failed */
};

struct fault {
    enum fault_kind kind;
    char msg[2048];
};

#define fault_set(f, k, ...) \
    do { (f)->kind = (k); snprintf((f)->msg, sizeof (f)->msg, __VA_ARGS__); \
    } while (0)

#endif
