/* route.h - the router: one table of every route, matched per request.
 *
 * Owns: mapping (method, path pattern) to a handler, the checks every
 * route shares (trailing slash is 404, wrong method is 405 with Allow,
 * login required, CSRF token on every form post, invalid credentials
 * answered 401), and the error responses: a Dutch HTML page in the UI,
 * application/problem+json under /api. */
#ifndef KOERS_ROUTE_H
#define KOERS_ROUTE_H

#include "http.h"

typedef void (*route_fn)(struct req *r);

enum route_flags {
    ROUTE_PUBLIC = 0,
    ROUTE_LOGIN = 1,    /* requires an authenticated user */
    ROUTE_FORM = 2,     /* urlencoded form post: parse and check CSRF */
    ROUTE_UPLOAD = 4    /* a file upload: body up to HTTP_MAX_UPLOAD instead
                         * of HTTP_MAX_BODY, a multipart body parsed while
                         * it arrives (http.c); the pattern has no {x} */
};

struct route {
    const char *method;
    const char *pattern;   /* "/api/v1/overleggen/{id}" */
    route_fn fn;
    int flags;
};

/* The table, terminated by a NULL method; defined in routes.c. */
extern const struct route route_table[];

void route_dispatch(struct req *r);
/* Answer with an error: HTML page or problem+json depending on r->is_api. */
void route_error(struct req *r, int status, const char *title,
                 const char *detail);

#endif
