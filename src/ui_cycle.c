/* ui_cycle.c - placeholder until the cycle pages land. */
#include "ui.h"
#include "page.h"

void ui_yearplan(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_yearplan_save(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_cycle(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_cycle_rule_update(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_cycle_check_ics(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_commitment(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_my_calendar(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_my_calendar_create(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_my_calendar_revoke(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

