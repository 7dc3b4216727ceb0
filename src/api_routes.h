/* api_routes.h - JSON API handlers under /api/v1 (api_*.c files). */
#ifndef KOERS_API_ROUTES_H
#define KOERS_API_ROUTES_H

#include "http.h"

void api_openapi(struct req *r);
void api_pijlers(struct req *r);
void api_niveaus(struct req *r);
void api_overleggen(struct req *r);
void api_overleg(struct req *r);
void api_overleg_leden(struct req *r);
void api_overleg_lid_nieuw(struct req *r);
void api_overleg_lid_einde(struct req *r);
void api_rollen(struct req *r);
void api_rol(struct req *r);
void api_organisaties(struct req *r);
void api_organisatie(struct req *r);
void api_organisatie_nieuw(struct req *r);
void api_organisatie_wijzig(struct req *r);
void api_personen(struct req *r);
void api_persoon(struct req *r);
void api_persoon_nieuw(struct req *r);
void api_persoon_wijzig(struct req *r);
void api_gremia(struct req *r);
void api_risicos(struct req *r);
void api_stappen(struct req *r);
void api_indicatoren(struct req *r);
void api_rechten(struct req *r);
void api_audit(struct req *r);
void api_token_intrekken(struct req *r);

#endif
