/* ui_meeting.c - placeholder until the meetings pages land. */
#include "ui.h"
#include "page.h"

void ui_meetings(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_new(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_create(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_update(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_cancel(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_invite(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_agenda_add(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_agenda_status(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_minutes(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_decision(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_action(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_action_status(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_meeting_attendance(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

void ui_secretariat(struct req *r)
{
    page_error(r, 404, "Niet gevonden", "Deze pagina komt nog.");
}

