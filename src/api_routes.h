/* api_routes.h - JSON API handlers under /api/v1 (api_*.c files). */
#ifndef KOERS_API_ROUTES_H
#define KOERS_API_ROUTES_H

#include "http.h"

#endif
