/* ui.h - HTML page handlers, one ui_*.c file per page family:
 * ui_home.c (overview and level diagram), ui_body.c (bodies, members),
 * ui_register.c (organisations, persons, roles), ui_catalog.c (gremia,
 * risks, plan, monitor topics), ui_info.c (report lines, accessibility,
 * about, permission table), ui_account.c (login, logout, beheer),
 * ui_misc.c (health check), ui_meeting.c (meetings, secretariaat),
 * ui_cycle.c (year plan, cycle rules and checks, commitment, personal
 * calendar links). Page parts that more than one family shows are
 * declared here too. */
#ifndef KOERS_UI_H
#define KOERS_UI_H

#include <jansson.h>

#include "http.h"

void ui_healthz(struct req *r);
void ui_home(struct req *r);
void ui_bodies(struct req *r);
void ui_body(struct req *r);
void ui_body_member_add(struct req *r);
void ui_body_member_end(struct req *r);
void ui_roles(struct req *r);
void ui_role(struct req *r);
void ui_orgs(struct req *r);
void ui_org(struct req *r);
void ui_org_new(struct req *r);
void ui_org_create(struct req *r);
void ui_org_edit(struct req *r);
void ui_org_update(struct req *r);
void ui_persons(struct req *r);
void ui_person(struct req *r);
void ui_person_new(struct req *r);
void ui_person_create(struct req *r);
void ui_person_edit(struct req *r);
void ui_person_update(struct req *r);
void ui_indicators(struct req *r);
void ui_report(struct req *r);
void ui_permissions(struct req *r);
void ui_accessibility(struct req *r);
void ui_about(struct req *r);
void ui_login_form(struct req *r);
void ui_login(struct req *r);
void ui_logout(struct req *r);
void ui_admin(struct req *r);
void ui_admin_token_revoke(struct req *r);
void ui_admin_user_new(struct req *r);
void ui_admin_user_create(struct req *r);
void ui_admin_user(struct req *r);
void ui_admin_user_update(struct req *r);
void ui_admin_user_deactivate(struct req *r);
void ui_admin_user_activate(struct req *r);
void ui_admin_user_password(struct req *r);

/* ui_meeting.c */
void ui_meetings(struct req *r);
void ui_meeting_new(struct req *r);
void ui_meeting_create(struct req *r);
void ui_meeting(struct req *r);
void ui_meeting_update(struct req *r);
void ui_meeting_cancel(struct req *r);
void ui_meeting_invite(struct req *r);
void ui_meeting_agenda_add(struct req *r);
void ui_meeting_agenda_status(struct req *r);
void ui_meeting_minutes(struct req *r);
void ui_meeting_decision(struct req *r);
void ui_meeting_action(struct req *r);
void ui_action_status(struct req *r);
void ui_meeting_attendance(struct req *r);
void ui_secretariat(struct req *r);

/* ui_cycle.c */
void ui_yearplan(struct req *r);
void ui_yearplan_save(struct req *r);
void ui_cycle(struct req *r);
void ui_cycle_rule_update(struct req *r);
void ui_cycle_check_ics(struct req *r);
void ui_commitment(struct req *r);
void ui_my_calendar(struct req *r);
void ui_my_calendar_create(struct req *r);
void ui_my_calendar_revoke(struct req *r);
/* Section "Inzet" of a body page (org_code NULL) or an organisation page
 * (body_code NULL): signals of declining attendance and attendance rates
 * (ui_body.c, ui_register.c). */
void ui_commitment_section(struct req *r, const char *org_code,
                           const char *body_code);
/* A table of signals of declining attendance (commitment_signals), with
 * decline_n >= 0 also why each declines over that many meetings (the
 * /inzet page); the secretariaat shows it without (-1). */
void ui_signals_table(struct req *r, json_t *sig, const char *id,
                      const char *caption, long long decline_n);

/* ui_knelpunt.c */
void ui_knelpunten(struct req *r);
void ui_knelpunt_new(struct req *r);
void ui_knelpunt_create(struct req *r);
void ui_knelpunt(struct req *r);
void ui_knelpunt_transition(struct req *r);
void ui_knelpunt_publish(struct req *r);
void ui_knelpuntroute(struct req *r);
/* end ui_knelpunt.c */

/* ui_initiative.c */
void ui_initiatives(struct req *r);
void ui_initiative_new(struct req *r);
void ui_initiative_create(struct req *r);
void ui_initiative(struct req *r);
/* end ui_initiative.c */

/* ui_goal.c */
void ui_goals(struct req *r);
void ui_goal_new(struct req *r);
void ui_goal_create(struct req *r);
void ui_goal(struct req *r);
void ui_objective_new(struct req *r);
void ui_objective_create(struct req *r);
void ui_objective(struct req *r);
void ui_goal_actions(struct req *r);
void ui_goal_action_new(struct req *r);
void ui_goal_action_create(struct req *r);
void ui_goal_action(struct req *r);
void ui_goal_action_update(struct req *r);
void ui_pillar_goals(struct req *r);
/* end ui_goal.c */

/* ui_flow.c */
void ui_verzoeken(struct req *r);
void ui_verzoek_new(struct req *r);
void ui_verzoek_create(struct req *r);
void ui_verzoek(struct req *r);
void ui_verzoek_answer(struct req *r);
void ui_verzoek_withdraw(struct req *r);
void ui_consultaties(struct req *r);
void ui_consultatie_new(struct req *r);
void ui_consultatie_create(struct req *r);
void ui_consultatie(struct req *r);
void ui_consultatie_reactie(struct req *r);
void ui_consultatie_close(struct req *r);
void ui_ser_verzoeken(struct req *r);
void ui_ser_new(struct req *r);
void ui_ser_create(struct req *r);
void ui_ser(struct req *r);
void ui_ser_transition(struct req *r);
void ui_inbox(struct req *r);
/* end ui_flow.c */
/* ui_monitor.c */
void ui_monitor_home(struct req *r);
void ui_monitor_indicator(struct req *r);
void ui_monitor_indicator_file(struct req *r);
void ui_monitor_target_save(struct req *r);
void ui_monitor_target_delete(struct req *r);
void ui_monitor_region(struct req *r);
void ui_monitor_download_csv(struct req *r);
void ui_monitor_download_xlsx(struct req *r);
/* The badge of a target status (enum mon_status of monitor.h): op koers,
 * risico, uit koers, in words with colour as a second cue. */
void ui_monitor_status_badge(struct req *r, int status);
/* end ui_monitor.c */
/* ui_gremium.c */
void ui_gremia_list(struct req *r);
void ui_gremium(struct req *r);
void ui_gremium_new(struct req *r);
void ui_gremium_create(struct req *r);
void ui_gremium_edit(struct req *r);
void ui_gremium_update(struct req *r);
void ui_gremium_member_add(struct req *r);
void ui_gremium_member_end(struct req *r);
void ui_gremium_import(struct req *r);
void ui_gremium_import_post(struct req *r);
void ui_versnippering(struct req *r);
/* end ui_gremium.c */
/* ui_risk.c */
void ui_risk_register(struct req *r);
void ui_risk(struct req *r);
void ui_risk_update(struct req *r);
void ui_risk_measure_add(struct req *r);
void ui_risk_measure_update(struct req *r);
void ui_pressure_add(struct req *r);
void ui_pressure_update(struct req *r);
void ui_coverage(struct req *r);
/* end ui_risk.c */
/* ui_plan.c */
void ui_plan_page(struct req *r);
void ui_plan_substep(struct req *r);
void ui_plan_substep_update(struct req *r);
void ui_budget(struct req *r);
void ui_budget_edit(struct req *r);
void ui_budget_update(struct req *r);
/* end ui_plan.c */
/* ui_evaluation.c */
void ui_evaluation(struct req *r);
void ui_evaluation_pdf(struct req *r);
void ui_evaluation_finding_create(struct req *r);
void ui_evaluation_finding_edit(struct req *r);
void ui_evaluation_finding_update(struct req *r);
void ui_evaluation_finding_delete(struct req *r);
/* The evaluation document (evaluation_document) as one standalone HTML
 * file with its own print style, for `koers evaluatie --html`; appended
 * to out. 0, or -1 when out overflowed. */
int ui_evaluation_html_file(json_t *doc, struct buf *out);
/* end ui_evaluation.c */
/* ui_import.c */
void ui_import(struct req *r);
void ui_import_post(struct req *r);
/* end ui_import.c */

#endif
