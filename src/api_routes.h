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
void api_indicatoren(struct req *r);
void api_rechten(struct req *r);
void api_audit(struct req *r);
void api_token_intrekken(struct req *r);
void api_gebruikers(struct req *r);
void api_gebruiker_nieuw(struct req *r);
void api_gebruiker(struct req *r);
void api_gebruiker_wijzig(struct req *r);
void api_gebruiker_wachtwoord(struct req *r);

/* api_meeting.c */
void api_vergaderingen(struct req *r);
void api_vergadering(struct req *r);
void api_vergadering_nieuw(struct req *r);
void api_vergadering_wijzig(struct req *r);
void api_vergadering_annulering(struct req *r);
void api_vergadering_genodigde(struct req *r);
void api_vergadering_agendapunt(struct req *r);
void api_vergadering_agendapunt_wijzig(struct req *r);
void api_vergadering_verslag(struct req *r);
void api_vergadering_besluit(struct req *r);
void api_vergadering_actie(struct req *r);
void api_vergadering_aanwezigheid(struct req *r);
void api_actie_wijzig(struct req *r);
void api_acties(struct req *r);
void api_inzet(struct req *r);
void api_cyclusregels(struct req *r);
void api_cyclusregel(struct req *r);
void api_cyclusregel_wijzig(struct req *r);

/* api_cycle.c */
void api_jaarplan(struct req *r);
void api_jaarplan_opslaan(struct req *r);
void api_controle(struct req *r);
void api_controle_ics(struct req *r);
void api_agenda_token_nieuw(struct req *r);
void api_agenda_token_intrekken(struct req *r);
void ui_feed_all(struct req *r);
void ui_feed_body(struct req *r);
void ui_feed_personal(struct req *r);

/* api_knelpunt.c */
void api_knelpunten(struct req *r);
void api_knelpunt_nieuw(struct req *r);
void api_knelpunt(struct req *r);
void api_knelpunt_overgang(struct req *r);
void api_knelpunt_publicatie(struct req *r);
void api_knelpuntroute(struct req *r);
void api_regios(struct req *r);
/* end api_knelpunt.c */

/* api_initiative.c */
void api_initiatieven(struct req *r);
void api_initiatief(struct req *r);
void api_initiatief_nieuw(struct req *r);
void api_initiatief_vergelijkbaar(struct req *r);
/* end api_initiative.c */

/* api_goal.c */
void api_ambities(struct req *r);
void api_ambitie(struct req *r);
void api_ambitie_nieuw(struct req *r);
void api_ambitie_wijzig(struct req *r);
void api_doelen(struct req *r);
void api_doel(struct req *r);
void api_doel_nieuw(struct req *r);
void api_doel_wijzig(struct req *r);
void api_doelstellingen(struct req *r);
void api_doelstelling(struct req *r);
void api_doelstelling_nieuw(struct req *r);
void api_doelstelling_wijzig(struct req *r);
void api_uitvoeringsacties(struct req *r);
void api_uitvoeringsactie(struct req *r);
void api_uitvoeringsactie_nieuw(struct req *r);
void api_uitvoeringsactie_wijzig(struct req *r);
/* end api_goal.c */

/* api_flow.c */
void api_verzoeken(struct req *r);
void api_verzoek_nieuw(struct req *r);
void api_verzoek(struct req *r);
void api_verzoek_antwoord(struct req *r);
void api_verzoek_intrekking(struct req *r);
void api_consultaties(struct req *r);
void api_consultatie_nieuw(struct req *r);
void api_consultatie(struct req *r);
void api_consultatie_reactie(struct req *r);
void api_consultatie_sluiting(struct req *r);
void api_ser_verzoeken(struct req *r);
void api_ser_verzoek_nieuw(struct req *r);
void api_ser_verzoek(struct req *r);
void api_ser_verzoek_overgang(struct req *r);
void api_inbox(struct req *r);
/* end api_flow.c */
/* api_gremium.c */
void api_gremia_lijst(struct req *r);
void api_gremium(struct req *r);
void api_gremium_nieuw(struct req *r);
void api_gremium_wijzig(struct req *r);
void api_gremium_leden(struct req *r);
void api_gremium_lid_nieuw(struct req *r);
void api_gremium_lid_einde(struct req *r);
void api_gremium_leden_import(struct req *r);
void api_overlap(struct req *r);
/* end api_gremium.c */
/* api_risk.c */
void api_risk_list(struct req *r);
void api_risk_get(struct req *r);
void api_risk_update(struct req *r);
void api_risk_measure_add(struct req *r);
void api_risk_measure_update(struct req *r);
void api_signal_list(struct req *r);
void api_coverage(struct req *r);
void api_pressure_list(struct req *r);
void api_pressure_get(struct req *r);
void api_pressure_add(struct req *r);
void api_pressure_update(struct req *r);
/* end api_risk.c */
/* api_plan.c */
void api_plan_stappen(struct req *r);
void api_plan_substap(struct req *r);
void api_plan_substap_wijzig(struct req *r);
void api_plan_vertragingen(struct req *r);
void api_begroting(struct req *r);
void api_begroting_post(struct req *r);
void api_begroting_post_wijzig(struct req *r);
/* end api_plan.c */
/* api_evaluation.c */
void api_evaluatie(struct req *r);
void api_evaluatie_bevindingen(struct req *r);
void api_evaluatie_bevinding_nieuw(struct req *r);
void api_evaluatie_bevinding(struct req *r);
void api_evaluatie_bevinding_wijzig(struct req *r);
void api_evaluatie_bevinding_verwijder(struct req *r);
/* end api_evaluation.c */
/* api_import.c */
void api_import_nieuw(struct req *r);
/* api_monitor.c */
void api_monitor_indicatoren(struct req *r);
void api_monitor_indicator(struct req *r);
void api_monitor_jsonstat(struct req *r);
void api_monitor_regios(struct req *r);
void api_monitor_regio(struct req *r);
void api_monitor_perioden(struct req *r);
void api_monitor_periode(struct req *r);
void api_monitor_observaties(struct req *r);
void api_monitor_reeksen(struct req *r);
void api_monitor_imports(struct req *r);
void api_streefwaarden(struct req *r);
void api_streefwaarde(struct req *r);
void api_streefwaarde_nieuw(struct req *r);
void api_streefwaarde_wijzig(struct req *r);
void api_streefwaarde_verwijdering(struct req *r);
/* end api_monitor.c */

#endif
