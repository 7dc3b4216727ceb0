/* api.h - JSON responses for /api/v1: bodies, problems, pagination.
 *
 * Owns: how the API answers (NL GOV API Design Rules): JSON bodies,
 * application/problem+json errors with status/title/detail, and the one
 * documented way collections are paginated:
 *   ?pagina=N&paginaGrootte=M  (1-based page, 1..100 items, default 20)
 *   {"_embedded": {"<name>": [...]},
 *    "_links": {"self","first","last","prev","next": {"href": ...}},
 *    "pagina": N, "paginaGrootte": M, "totaalAantal": T,
 *    "totaalPaginas": P} */
#ifndef KOERS_API_H
#define KOERS_API_H

#include <jansson.h>

#include "http.h"

#define API_PAGE_DEFAULT 20
#define API_PAGE_MAX 100

/* Send a JSON value with the given status; steals the reference. */
void api_json(struct req *r, int status, json_t *v);
void api_problem(struct req *r, int status, const char *title,
                 const char *detail);
/* Paginate a JSON array (stolen) and send it as collection `name`.
 * Answers 400 itself when pagina/paginaGrootte are invalid. */
void api_collection(struct req *r, const char *name, json_t *items);
/* Parse the request body as a JSON object; on failure answers 400 and
 * returns NULL. Caller owns the result. */
json_t *api_body_object(struct req *r);

#endif
