/* routes.c - the route table: every URL Koers answers, in one place.
 *
 * Owns: the list of (method, pattern, handler, flags). Adding a page or
 * endpoint means adding a line here and, for the API, a path in
 * data/openapi.json (a test checks both lists agree). */
#include "route.h"
#include "ui.h"
#include "api_routes.h"

const struct route route_table[] = {
    { "GET", "/healthz", ui_healthz, ROUTE_PUBLIC },
    { NULL, NULL, NULL, 0 },
};
