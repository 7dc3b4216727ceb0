/* api.h - JSON responses for /api/v1: bodies, problems, pagination.
 *
 * Owns: how the API answers (NL GOV API Design Rules): JSON bodies,
 * application/problem+json errors with status/title/detail (also for a
 * refusal by the domain, struct fault), ids in the path, and the one
 * documented way collections are paginated:
 *   ?pagina=N&paginaGrootte=M  (1-based page, 1..100 items, default 20)
 *   {"_embedded": {"<name>": [...]},
 *    "_links": {"self","first","last","prev","next": {"href": ...}},
 *    "pagina": N, "paginaGrootte": M, "totaalAantal": T,
 *    "totaalPaginas": P} */
#ifndef KOERS_API_H
#define KOERS_API_H

#include <jansson.h>

#include "fault.h"
#include "http.h"

#define API_PAGE_DEFAULT 20
#define API_PAGE_MAX 100

/* Send a JSON value with the given status; steals the reference. */
void api_json(struct req *r, int status, json_t *v);
void api_problem(struct req *r, int status, const char *title,
                 const char *detail);
/* A refusal by the domain as a problem: the fault's kind is the status
 * (500 for none), with its Dutch title ("Ongeldige invoer", "Geen
 * toestemming", ...) and the fault's message as detail. */
void api_fault(struct req *r, const struct fault *f);
/* Path parameter i as a positive id (at most 15 digits, no sign or
 * leading zero); -1 after answering 400 "Ongeldig id". */
long long api_path_id(struct req *r, int i);
/* Paginate a JSON array (stolen) and send it as collection `name`.
 * Answers 400 itself when pagina/paginaGrootte are invalid. */
void api_collection(struct req *r, const char *name, json_t *items);
/* Parse the request body as a JSON object; on failure answers 400 and
 * returns NULL. Caller owns the result. */
json_t *api_body_object(struct req *r);

#endif
