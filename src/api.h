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
#define API_PAGE_NUMBER_MAX 100000000LL /* largest ?pagina= */
#define API_HREF_MAX 2048               /* longest link of a collection */

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
/* ?pagina (default 1) and ?paginaGrootte (default API_PAGE_DEFAULT) of a
 * collection; 0, or -1 after answering 400 "Ongeldige paginering". */
int api_page_params(struct req *r, long long *page, long long *size);
/* Send one page of a collection paginated in SQL, in api_collection's
 * shape: items (stolen, not NULL) are the page's items, total counts the
 * whole collection. The links are path?<before>pagina=P&paginaGrootte=S
 * <after>, so the filters they keep stay where each collection puts them
 * (before ends in "&", after starts with "&"; either may be ""). Answers
 * 400 when the page lies past the end. */
void api_page_send(struct req *r, const char *path, const char *name,
                   json_t *items, long long total, long long page,
                   long long size, const char *before, const char *after);
/* A text query parameter: NULL when absent or empty (or when *bad is
 * already set); answers 400 and sets *bad when it is not clean text of
 * at most max characters. */
const char *api_query_text(struct req *r, const char *name, size_t max,
                           int *bad);
/* Parse the request body as a JSON object; on failure answers 400 and
 * returns NULL. Caller owns the result. */
json_t *api_body_object(struct req *r);
/* A change of object id by the JSON request body. */
typedef int (*api_change_fn)(sqlite3 *db, const struct actor *who,
                             long long id, json_t *in, struct fault *f);
/* Read the body and run change on id: 0 when it succeeded (the caller
 * answers), -1 when a problem was answered (bad body or the fault). */
int api_body_change(struct req *r, long long id, api_change_fn change);

#endif
