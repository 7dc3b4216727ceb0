/* ical.h - iCalendar (RFC 5545) feeds and import, built on libical.
 *
 * Owns: writing a VCALENDAR of meetings (stable UID, DTSTART/DTEND with
 * TZID=Europe/Amsterdam and its VTIMEZONE, SEQUENCE, STATUS:CANCELLED for
 * cancelled meetings, the agenda in DESCRIPTION, X-KOERS-OVERLEG with the
 * body code) and reading an uploaded .ics file into plain events, with
 * limits and precise errors for malformed or hostile input. */
#ifndef KOERS_ICAL_H
#define KOERS_ICAL_H

#include <stddef.h>

#define ICAL_MAX_BYTES (2 * 1024 * 1024)
#define ICAL_MAX_EVENTS 5000

struct ical_event {
    const char *uid;
    const char *summary;
    const char *description;   /* may be NULL */
    const char *location;      /* may be NULL */
    const char *body_code;     /* X-KOERS-OVERLEG and CATEGORIES; may be NULL */
    const char *starts_at;     /* local "YYYY-MM-DDTHH:MM" Europe/Amsterdam */
    const char *ends_at;
    const char *url;           /* may be NULL */
    const char *last_modified; /* UTC "YYYY-MM-DDTHH:MM:SSZ"; may be NULL */
    int sequence;
    int cancelled;
};

/* Build a calendar named `name`; returns a heap string (caller frees) or
 * NULL with err filled. */
char *ical_write(const struct ical_event *ev, size_t n, const char *name,
                 char *err, size_t errlen);

/* A parsed event; strings are owned by the list. starts_at/ends_at are
 * converted to local Europe/Amsterdam time whatever zone the file uses
 * (UTC, TZID, floating). body_code from X-KOERS-OVERLEG, else "". */
struct ical_parsed {
    char uid[256];
    char summary[256];
    char body_code[64];
    char categories[256];
    char starts_at[17];
    char ends_at[17];
    int cancelled;
};

/* Parse data[0..len). Refuses more than ICAL_MAX_BYTES or ICAL_MAX_EVENTS,
 * invalid UTF-8, a missing VCALENDAR, events without DTSTART, and events
 * whose end is before their start, with a Dutch message naming the event
 * (its number and SUMMARY). Returns the event count, or -1 with err. The
 * caller frees *out with free(). */
long ical_parse(const char *data, size_t len, struct ical_parsed **out,
                char *err, size_t errlen);

#endif
