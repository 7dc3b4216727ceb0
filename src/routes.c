/* routes.c - the route table: every URL Koers answers, in one place.
 *
 * Owns: the list of (method, pattern, handler, flags). Adding a page or
 * endpoint means adding a line here and, for the API, a path in
 * docs/openapi.json (an integration test checks both lists agree).
 * Fixed segments ("nieuw") come before "{code}" patterns: the first
 * matching line wins. */
#include "route.h"
#include "ui.h"
#include "api_routes.h"

#define F (ROUTE_FORM | ROUTE_LOGIN)

const struct route route_table[] = {
    /* pages */
    { "GET", "/", ui_home, ROUTE_PUBLIC },
    { "GET", "/healthz", ui_healthz, ROUTE_PUBLIC },
    { "GET", "/overleggen", ui_bodies, ROUTE_PUBLIC },
    { "GET", "/overleggen/{code}", ui_body, ROUTE_PUBLIC },
    { "POST", "/overleggen/{code}/leden", ui_body_member_add, F },
    { "POST", "/overleggen/{code}/leden/{id}/beeindigen", ui_body_member_end,
      F },
    { "GET", "/rollen", ui_roles, ROUTE_PUBLIC },
    { "GET", "/rollen/{code}", ui_role, ROUTE_PUBLIC },
    { "GET", "/organisaties", ui_orgs, ROUTE_PUBLIC },
    { "POST", "/organisaties", ui_org_create, F },
    { "GET", "/organisaties/nieuw", ui_org_new, ROUTE_LOGIN },
    { "GET", "/organisaties/{code}", ui_org, ROUTE_PUBLIC },
    { "POST", "/organisaties/{code}", ui_org_update, F },
    { "GET", "/organisaties/{code}/wijzigen", ui_org_edit, ROUTE_LOGIN },
    { "GET", "/personen", ui_persons, ROUTE_PUBLIC },
    { "POST", "/personen", ui_person_create, F },
    { "GET", "/personen/nieuw", ui_person_new, ROUTE_LOGIN },
    { "GET", "/personen/{id}", ui_person, ROUTE_PUBLIC },
    { "POST", "/personen/{id}", ui_person_update, F },
    { "GET", "/personen/{id}/wijzigen", ui_person_edit, ROUTE_LOGIN },
    { "GET", "/gremia", ui_gremia, ROUTE_PUBLIC },
    { "GET", "/risicos", ui_risks, ROUTE_PUBLIC },
    { "GET", "/implementatieplan", ui_plan, ROUTE_PUBLIC },
    { "GET", "/indicatoren", ui_indicators, ROUTE_PUBLIC },
    { "GET", "/rapport", ui_report, ROUTE_PUBLIC },
    { "GET", "/rechten", ui_permissions, ROUTE_PUBLIC },
    { "GET", "/toegankelijkheid", ui_accessibility, ROUTE_PUBLIC },
    { "GET", "/over", ui_about, ROUTE_PUBLIC },
    { "GET", "/inloggen", ui_login_form, ROUTE_PUBLIC },
    { "POST", "/inloggen", ui_login, ROUTE_FORM },
    { "POST", "/uitloggen", ui_logout, F },
    { "GET", "/beheer", ui_admin, ROUTE_LOGIN },
    { "POST", "/beheer/tokens/{id}/intrekken", ui_admin_token_revoke, F },

    /* API */
    { "GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC },
    { "GET", "/api/v1/pijlers", api_pijlers, ROUTE_PUBLIC },
    { "GET", "/api/v1/niveaus", api_niveaus, ROUTE_PUBLIC },
    { "GET", "/api/v1/overleggen", api_overleggen, ROUTE_PUBLIC },
    { "GET", "/api/v1/overleggen/{code}", api_overleg, ROUTE_PUBLIC },
    { "GET", "/api/v1/overleggen/{code}/leden", api_overleg_leden,
      ROUTE_PUBLIC },
    { "POST", "/api/v1/overleggen/{code}/leden", api_overleg_lid_nieuw,
      ROUTE_LOGIN },
    { "DELETE", "/api/v1/overleggen/{code}/leden/{lidId}",
      api_overleg_lid_einde, ROUTE_LOGIN },
    { "GET", "/api/v1/rollen", api_rollen, ROUTE_PUBLIC },
    { "GET", "/api/v1/rollen/{code}", api_rol, ROUTE_PUBLIC },
    { "GET", "/api/v1/organisaties", api_organisaties, ROUTE_PUBLIC },
    { "POST", "/api/v1/organisaties", api_organisatie_nieuw, ROUTE_LOGIN },
    { "GET", "/api/v1/organisaties/{code}", api_organisatie, ROUTE_PUBLIC },
    { "PATCH", "/api/v1/organisaties/{code}", api_organisatie_wijzig,
      ROUTE_LOGIN },
    { "GET", "/api/v1/personen", api_personen, ROUTE_PUBLIC },
    { "POST", "/api/v1/personen", api_persoon_nieuw, ROUTE_LOGIN },
    { "GET", "/api/v1/personen/{id}", api_persoon, ROUTE_PUBLIC },
    { "PATCH", "/api/v1/personen/{id}", api_persoon_wijzig, ROUTE_LOGIN },
    { "GET", "/api/v1/gremia", api_gremia, ROUTE_PUBLIC },
    { "GET", "/api/v1/risicos", api_risicos, ROUTE_PUBLIC },
    { "GET", "/api/v1/implementatieplan/stappen", api_stappen,
      ROUTE_PUBLIC },
    { "GET", "/api/v1/indicatoren", api_indicatoren, ROUTE_PUBLIC },
    { "GET", "/api/v1/rechten", api_rechten, ROUTE_PUBLIC },
    { "GET", "/api/v1/audit-regels", api_audit, ROUTE_LOGIN },
    { "DELETE", "/api/v1/tokens/{id}", api_token_intrekken, ROUTE_LOGIN },
    { NULL, NULL, NULL, 0 },
};
