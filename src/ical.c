/* ical.c - iCalendar (RFC 5545) feeds and import on libical 3.0 (see
 * ical.h).
 *
 * Owns: the VCALENDAR Koers publishes (one VTIMEZONE for Europe/Amsterdam
 * taken from libical's builtin zone, one VEVENT per meeting) and the
 * reading of uploaded .ics files into struct ical_parsed. All iCalendar
 * text is produced and parsed by libical (escaping, folding, unfolding);
 * this file only decides what goes in and checks what comes out.
 *
 * Reading untrusted files: libical is lenient and not hardened, so every
 * limit is enforced on the raw bytes before libical sees them (prescan):
 * size, NUL bytes, UTF-8, control characters, length of an unfolded line,
 * number of lines, BEGIN/END balance and nesting depth (libical frees
 * components recursively), number of components and of VEVENTs, lines
 * per component and parameters per line (libical is quadratic in both).
 * libical then parses a canonical copy (unfolded, LF line ends) so that
 * what was counted is exactly what it reads. Parse errors are found
 * through the X-LIC-ERROR properties libical inserts instead of failing.
 * Every VTIMEZONE of the file must be small enough to expand (yearly
 * rules, a budget of rules); it is used only for a TZID that is not a
 * zone.tab name, which libical's builtin zones answer. */
#include "ical.h"
#include "calendar.h"
#include "text.h"

#include <libical/ical.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KOERS_TZ "Europe/Amsterdam"
#define KOERS_PRODID "-//Koers//Koers 0.1//NL"

/* Limits on uploaded files besides ICAL_MAX_BYTES and ICAL_MAX_EVENTS,
 * all checked before parsing. A line is one unfolded content line; an
 * Outlook X-ALT-DESC with an HTML agenda stays well below the maximum. */
#define LIM_LINE (256 * 1024)
#define LIM_LINES 131072
#define LIM_DEPTH 8
/* Lines directly inside one component, and parameters on one line:
 * libical 3.0 takes time quadratic in both (120,000 empty DESCRIPTION
 * lines in one VEVENT, each an X-LIC-ERROR, parse in 24 s; eight lines
 * with 60,000 parameters in 52 s). A real VEVENT has a few dozen lines,
 * a real line fewer than ten parameters. */
#define LIM_PROPS 1000
#define LIM_PARAMS 100
/* BEGINs in a file: each event with an alarm or two, and time zones. */
#define LIM_COMPONENTS (4 * ICAL_MAX_EVENTS + 256)
/* STANDARD/DAYLIGHT parts of all VTIMEZONEs of a file, and those with an
 * RRULE (libical expands each of them from its DTSTART, Outlook writes
 * 1601, so they cost memory); the full history of Europe/Amsterdam in
 * libical has 21 parts of which 8 have an RRULE, Outlook writes 2. */
#define LIM_TZ_PARTS 1024
#define LIM_TZ_RULES 64
#define LIM_TZ_YEAR_MIN 1600
/* Years Koers accepts (as calendar.h) and the longest DURATION. */
#define LIM_YEAR_MIN 1900
#define LIM_YEAR_MAX 2200
#define LIM_DURATION_DAYS 366
/* Bytes of a SUMMARY or libical error text quoted in a message. */
#define LIM_QUOTE 60

/* ---- messages --------------------------------------------------------- */

/* Length of the longest prefix of s[0..len) that does not end inside a
 * UTF-8 sequence (s itself is valid UTF-8 up to a possible cut). */
static size_t utf8_cut(const char *s, size_t len)
{
    size_t i = len, back = 0;
    unsigned char lead;
    size_t need;

    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i == 0)
        return back ? 0 : len;
    lead = (unsigned char)s[i - 1];
    if (lead < 0x80)
        return len;
    need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return back + 1 >= need ? len : i - 1;
}

/* Format into err; a message cut to errlen never ends in half a UTF-8
 * character (messages quote user text and end up in HTML pages). */
static void seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    n = vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    if (n < 0)
        err[0] = '\0';
    else if ((size_t)n >= errlen)
        err[utf8_cut(err, errlen - 1)] = '\0';
}

/* Copy src into dst[cap]: at most cap - 1 bytes, cut on a character
 * boundary; control characters (a newline from an escaped "\n" in a
 * SUMMARY, say) become a space and bytes that are not UTF-8 a '?' (the
 * file was valid UTF-8, but libical 3.0 unescapes a backslash before a
 * multibyte character by replacing its first byte); leading and
 * trailing spaces are dropped (libical drops them when it reads a value,
 * so a parsed field equals what it reads back after ical_write). NULL
 * copies as "". */
static void clip(char *dst, size_t cap, const char *src)
{
    size_t i = 0, o = 0;

    if (cap == 0)
        return;
    if (src == NULL)
        src = "";
    while (src[i] == ' ' || (src[i] > 0 && src[i] < 0x20) || src[i] == 0x7F)
        i++;
    while (src[i] != '\0') {
        unsigned char c = (unsigned char)src[i];
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

        if (k > 1 &&
            (strnlen(src + i, k) < k || !text_utf8_valid(src + i, k)))
            k = 0;   /* not UTF-8: one byte, shown as '?' */
        if (o + (k ? k : 1) > cap - 1)
            break;
        if (k == 0) {
            dst[o++] = '?';
            i++;
        } else if (k == 1) {
            dst[o++] = (c < 0x20 || c == 0x7F) ? ' ' : (char)c;
            i++;
        } else {
            memcpy(dst + o, src + i, k);
            o += k;
            i += k;
        }
    }
    while (o > 0 && dst[o - 1] == ' ')
        o--;
    dst[o] = '\0';
}

/* ---- writing ---------------------------------------------------------- */

/* Strict "YYYY-MM-DDTHH:MM" (calendar.h rules) into a floating time. */
static int local_time(const char *s, struct icaltimetype *t)
{
    long days;
    int minute, y, m, d;

    if (cal_parse_datetime(s, &days, &minute) != 0)
        return -1;
    cal_civil(days, &y, &m, &d);
    *t = icaltime_null_time();
    t->year = y;
    t->month = m;
    t->day = d;
    t->hour = minute / 60;
    t->minute = minute % 60;
    return 0;
}

/* Strict UTC "YYYY-MM-DDTHH:MM:SSZ" (seconds 00-59) into a UTC time. */
static int utc_time(const char *s, struct icaltimetype *t)
{
    char head[17];
    int sec;

    if (s == NULL || strlen(s) != 20 || s[16] != ':' || s[19] != 'Z' ||
        s[17] < '0' || s[17] > '5' || s[18] < '0' || s[18] > '9')
        return -1;
    memcpy(head, s, 16);
    head[16] = '\0';
    if (local_time(head, t) != 0)
        return -1;
    sec = (s[17] - '0') * 10 + (s[18] - '0');
    t->second = sec;
    t->zone = icaltimezone_get_utc_timezone();
    return 0;
}

/* A URL may not contain controls or white space (libical writes URI
 * values unescaped, so a CR LF here would inject a property). */
static int url_ok(const char *s)
{
    if (!text_clean(s, 0) || s[0] == '\0')
        return 0;
    return strpbrk(s, " \t") == NULL;
}

/* Validate one event; err names it by number and UID. */
static int check_event(const struct ical_event *e, size_t idx,
                       struct icaltimetype *start, struct icaltimetype *end,
                       char *err, size_t errlen)
{
    char who[LIM_QUOTE + 1];
    struct icaltimetype lm;

    clip(who, sizeof who, e->uid && text_utf8_valid(e->uid, strlen(e->uid))
                              ? e->uid : "?");
    if (e->uid == NULL || e->uid[0] == '\0' || !text_clean(e->uid, 0) ||
        strlen(e->uid) >= sizeof(((struct ical_parsed *)0)->uid)) {
        seterr(err, errlen, "Vergadering %zu: de UID ontbreekt, is geen "
               "geldige tekst of is langer dan 255 bytes.", idx + 1);
        return -1;
    }
    if (e->summary == NULL || !text_clean(e->summary, 0)) {
        seterr(err, errlen, "Vergadering %zu (%s): de titel ontbreekt of "
               "is geen geldige tekst op één regel.", idx + 1, who);
        return -1;
    }
    if (e->description && !text_clean(e->description, 1)) {
        seterr(err, errlen, "Vergadering %zu (%s): de agenda is geen "
               "geldige UTF-8-tekst of bevat stuurtekens.", idx + 1, who);
        return -1;
    }
    if (e->location && !text_clean(e->location, 0)) {
        seterr(err, errlen, "Vergadering %zu (%s): de locatie is geen "
               "geldige tekst op één regel.", idx + 1, who);
        return -1;
    }
    if (e->body_code && !text_is_code(e->body_code)) {
        seterr(err, errlen, "Vergadering %zu (%s): de overlegcode is geen "
               "code (kleine letters, cijfers, streepjes).", idx + 1, who);
        return -1;
    }
    if (e->url && !url_ok(e->url)) {
        seterr(err, errlen, "Vergadering %zu (%s): de URL bevat spaties, "
               "stuurtekens of ongeldige UTF-8.", idx + 1, who);
        return -1;
    }
    if (e->last_modified && utc_time(e->last_modified, &lm) != 0) {
        seterr(err, errlen, "Vergadering %zu (%s): LAST-MODIFIED moet de "
               "vorm JJJJ-MM-DDTUU:MM:SSZ hebben.", idx + 1, who);
        return -1;
    }
    if (e->sequence < 0) {
        seterr(err, errlen, "Vergadering %zu (%s): SEQUENCE is negatief.",
               idx + 1, who);
        return -1;
    }
    if (local_time(e->starts_at, start) != 0) {
        seterr(err, errlen, "Vergadering %zu (%s): de begintijd is geen "
               "geldige tijd JJJJ-MM-DDTUU:MM.", idx + 1, who);
        return -1;
    }
    if (local_time(e->ends_at, end) != 0) {
        seterr(err, errlen, "Vergadering %zu (%s): de eindtijd is geen "
               "geldige tijd JJJJ-MM-DDTUU:MM.", idx + 1, who);
        return -1;
    }
    if (strcmp(e->ends_at, e->starts_at) <= 0) {
        seterr(err, errlen, "Vergadering %zu (%s): het einde ligt niet na "
               "het begin.", idx + 1, who);
        return -1;
    }
    return 0;
}

/* Add prop to comp; a NULL prop (libical out of memory) clears *ok. */
static void add(icalcomponent *comp, icalproperty *prop, int *ok)
{
    if (prop == NULL) {
        *ok = 0;
        return;
    }
    icalcomponent_add_property(comp, prop);
}

/* An X- property with a plain X value. libical 3.0 escapes backslash and
 * newline in X values but not ',' and ';'; with VALUE=TEXT it would add
 * the parameter and still not escape them, and its own parser then splits
 * the value at the comma. Readers take X-WR-CALNAME as written. */
static icalproperty *xprop(const char *name, const char *value)
{
    icalproperty *p = icalproperty_new_x(value);

    if (p != NULL)
        icalproperty_set_x_name(p, name);
    return p;
}

/* A floating local time with TZID=Europe/Amsterdam. */
static icalproperty *zoned(icalproperty *p)
{
    icalparameter *tz;

    if (p == NULL)
        return NULL;
    tz = icalparameter_new_tzid(KOERS_TZ);
    if (tz == NULL) {
        icalproperty_free(p);
        return NULL;
    }
    icalproperty_add_parameter(p, tz);
    return p;
}

/* Copy of s with CR LF and lone CR turned into LF (a textarea sends CR
 * LF; libical escapes LF as \n but would write a CR raw). */
static char *lf_only(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    if (out == NULL)
        return NULL;
    for (; *s; s++) {
        if (*s == '\r') {
            *o++ = '\n';
            if (s[1] == '\n')
                s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

/* The VEVENT for e (already checked). NULL when out of memory. */
static icalcomponent *build_event(const struct ical_event *e,
                                  struct icaltimetype start,
                                  struct icaltimetype end,
                                  struct icaltimetype now)
{
    icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    struct icaltimetype lm;
    char *desc = NULL;
    int ok = 1;

    if (ev == NULL)
        return NULL;
    add(ev, icalproperty_new_uid(e->uid), &ok);
    add(ev, icalproperty_new_dtstamp(now), &ok);
    add(ev, zoned(icalproperty_new_dtstart(start)), &ok);
    add(ev, zoned(icalproperty_new_dtend(end)), &ok);
    if (e->summary[0])   /* libical reads "SUMMARY:" as an error */
        add(ev, icalproperty_new_summary(e->summary), &ok);
    if (e->description && e->description[0]) {
        desc = lf_only(e->description);
        if (desc == NULL)
            ok = 0;
        else
            add(ev, icalproperty_new_description(desc), &ok);
    }
    if (e->location && e->location[0])
        add(ev, icalproperty_new_location(e->location), &ok);
    if (e->url)
        add(ev, icalproperty_new_url(e->url), &ok);
    add(ev, icalproperty_new_sequence(e->sequence), &ok);
    if (e->last_modified && utc_time(e->last_modified, &lm) == 0)
        add(ev, icalproperty_new_lastmodified(lm), &ok);
    add(ev, icalproperty_new_status(e->cancelled ? ICAL_STATUS_CANCELLED
                                                 : ICAL_STATUS_CONFIRMED),
        &ok);
    if (e->body_code) {
        add(ev, icalproperty_new_categories(e->body_code), &ok);
        add(ev, xprop("X-KOERS-OVERLEG", e->body_code), &ok);
    }
    free(desc);
    if (!ok) {
        icalcomponent_free(ev);
        return NULL;
    }
    return ev;
}

/* A copy of libical's VTIMEZONE for Europe/Amsterdam, renamed to TZID
 * Europe/Amsterdam (libical says "/freeassociation.sourceforge.net/
 * Europe/Amsterdam") and truncated to the rules in force from 1 January
 * of from_year (UTC): libical otherwise writes the history back to 1835,
 * about 4 KB. NULL when tzdata is missing or libical fails. */
static icalcomponent *amsterdam_vtimezone(icaltimezone *ams, int from_year)
{
    icalcomponent *src = icaltimezone_get_component(ams), *vtz;
    icalproperty *tzid;
    struct icaltimetype start = icaltime_null_time();

    if (src == NULL)
        return NULL;
    vtz = icalcomponent_new_clone(src);
    if (vtz == NULL)
        return NULL;
    start.year = from_year;
    start.month = 1;
    start.day = 1;
    start.zone = icaltimezone_get_utc_timezone();
    icaltimezone_truncate_vtimezone(vtz, start, icaltime_null_time(), 0);
    tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
    if (tzid != NULL) {
        icalproperty_set_tzid(tzid, KOERS_TZ);
    } else if ((tzid = icalproperty_new_tzid(KOERS_TZ)) != NULL) {
        icalcomponent_add_property(vtz, tzid);
    }
    if (tzid == NULL ||
        icalcomponent_get_first_component(vtz, ICAL_XSTANDARD_COMPONENT) ==
            NULL ||
        icalcomponent_get_first_component(vtz, ICAL_XDAYLIGHT_COMPONENT) ==
            NULL) {
        icalcomponent_free(vtz);
        return NULL;
    }
    return vtz;
}

/* Copy libical's serialisation, repairing a folding bug of libical
 * 3.0.16: when a value without a break opportunity (a long UID, say)
 * makes its line end exactly at a fold, the fold is put between the CR
 * and the LF of the line end ("\r" "\r\n " "\n"). No input of ours
 * contains a CR (check_event refuses them), so that sequence is always
 * the bug; it becomes one CR LF. Then check what RFC 5545 promises:
 * CR LF line ends only and at most 75 octets a line. NULL when out of
 * memory or when the check fails. */
static char *fix_folding(const char *in)
{
    static const char bug[] = "\r\r\n \n";
    size_t len = strlen(in), col = 0;
    char *out = malloc(len + 1), *o = out;
    const char *p;

    if (out == NULL)
        return NULL;
    for (p = in; *p != '\0';) {
        if (p[0] == '\r' && strncmp(p, bug, sizeof bug - 1) == 0) {
            memcpy(o, "\r\n", 2);
            o += 2;
            p += sizeof bug - 1;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    for (p = out; *p; p++) {
        if (*p == '\r' && p[1] != '\n')
            goto bad;
        if (*p == '\n') {
            if (p == out || p[-1] != '\r')
                goto bad;
            col = 0;
        } else if (*p != '\r' && ++col > 75) {
            goto bad;
        }
    }
    return out;
bad:
    free(out);
    return NULL;
}

/* Build the calendar: check every event first (nothing is written for a
 * feed with one bad event), then let libical assemble and serialise it.
 * The VTIMEZONE starts a year before the earliest meeting, so every
 * DTSTART lies inside its rules. The result is copied (see fix_folding)
 * into a malloc'd string that the caller frees with free(). */
char *ical_write(const struct ical_event *ev, size_t n, const char *name,
                 char *err, size_t errlen)
{
    icalcomponent *cal = NULL, *vtz, *vev;
    icaltimezone *ams;
    struct icaltimetype *times = NULL, now;
    char *text = NULL, *out = NULL;
    int from_year, ok = 1;
    size_t i;

    seterr(err, errlen, "%s", "");
    if (ev == NULL && n > 0) {
        seterr(err, errlen, "Geen vergaderingen meegegeven.");
        return NULL;
    }
    if (name == NULL || name[0] == '\0' || !text_clean(name, 0)) {
        seterr(err, errlen, "De naam van de agenda ontbreekt of is geen "
               "geldige tekst op één regel.");
        return NULL;
    }
    if (n > ((size_t)-1) / (2 * sizeof *times) ||
        (times = malloc((n ? n : 1) * 2 * sizeof *times)) == NULL) {
        seterr(err, errlen, "Onvoldoende geheugen voor de agenda.");
        return NULL;
    }
    now = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
    from_year = now.year - 1;
    for (i = 0; i < n; i++) {
        if (check_event(&ev[i], i, &times[2 * i], &times[2 * i + 1], err,
                        errlen) != 0)
            goto cleanup;
        if (times[2 * i].year - 1 < from_year)
            from_year = times[2 * i].year - 1;
    }
    ams = icaltimezone_get_builtin_timezone(KOERS_TZ);
    vtz = ams ? amsterdam_vtimezone(ams, from_year) : NULL;
    if (vtz == NULL) {
        seterr(err, errlen, "De tijdzone " KOERS_TZ " is niet beschikbaar "
               "(is tzdata geïnstalleerd?).");
        goto cleanup;
    }
    cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    if (cal == NULL) {
        icalcomponent_free(vtz);
        goto oom;
    }
    add(cal, icalproperty_new_version("2.0"), &ok);
    add(cal, icalproperty_new_prodid(KOERS_PRODID), &ok);
    add(cal, icalproperty_new_calscale("GREGORIAN"), &ok);
    add(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH), &ok);
    add(cal, xprop("X-WR-CALNAME", name), &ok);
    add(cal, xprop("X-WR-TIMEZONE", KOERS_TZ), &ok);
    icalcomponent_add_component(cal, vtz);
    if (!ok)
        goto oom;
    for (i = 0; i < n; i++) {
        vev = build_event(&ev[i], times[2 * i], times[2 * i + 1], now);
        if (vev == NULL)
            goto oom;
        icalcomponent_add_component(cal, vev);
    }
    text = icalcomponent_as_ical_string_r(cal);
    if (text == NULL)
        goto oom;
    out = fix_folding(text);
    if (out == NULL)
        seterr(err, errlen, "libical schreef een ongeldige regel of had "
               "onvoldoende geheugen.");
    goto cleanup;
oom:
    seterr(err, errlen, "Onvoldoende geheugen voor de agenda.");
cleanup:
    if (text != NULL)
        icalmemory_free_buffer(text);
    if (cal != NULL)
        icalcomponent_free(cal);
    free(times);
    return out;
}

/* ---- reading: prescan ------------------------------------------------- */

/* 1 when the unfolded line is a BEGIN or END (per kw) the way libical 3.0
 * sees it: the property name runs to the first ';' or ':' and trailing
 * white space is dropped, case does not matter. */
static int is_keyword(const char *line, size_t len, const char *kw)
{
    size_t k = strlen(kw), i;

    if (len < k || strncasecmp(line, kw, k) != 0)
        return 0;
    for (i = k; i < len; i++) {
        char c = line[i];
        if (c == ';' || c == ':')
            return 1;
        if (c != ' ' && c != '\t' && c != '\v' && c != '\f')
            return 0;
    }
    return 0;
}

/* 1 when s[0..len) contains "VEVENT" in any case (counts a BEGIN line as
 * an event; erring towards counting too many is safe). */
static int has_vevent(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i + 6 <= len; i++)
        if (strncasecmp(s + i, "VEVENT", 6) == 0)
            return 1;
    return 0;
}

struct scan {
    size_t lines;      /* unfolded lines so far */
    size_t components;
    size_t events;
    int depth;
    int props[LIM_DEPTH + 1];   /* lines directly inside each open level */
};

/* Parameters (';') before the value (':') of a content line, found the
 * way libical 3.0 does: a '"' opens or closes a quoted part, a character
 * after a backslash is skipped. Without a ':' every ';' counts. */
static size_t count_params(const char *l, size_t len)
{
    size_t i, n = 0;
    int quoted = 0;
    char prev = 0;

    for (i = 0; i < len; prev = l[i], i++) {
        if (prev == '\\')
            continue;
        if (l[i] == '"')
            quoted = !quoted;
        else if (!quoted && l[i] == ':')
            break;
        else if (!quoted && l[i] == ';')
            n++;
    }
    return n;
}

/* Account for one unfolded line l[0..len) that starts on physical line
 * lineno. */
static int scan_line(struct scan *sc, const char *l, size_t len,
                     size_t lineno, char *err, size_t errlen)
{
    if (len > LIM_LINE) {
        seterr(err, errlen, "Regel %zu is na het samenvoegen langer dan "
               "%d kB.", lineno, LIM_LINE / 1024);
        return -1;
    }
    /* checked after unfolding: a fold inside a character is tolerated */
    if (!text_utf8_valid(l, len)) {
        seterr(err, errlen, "Regel %zu is geen geldige UTF-8-tekst.",
               lineno);
        return -1;
    }
    if (++sc->lines > LIM_LINES) {
        seterr(err, errlen, "Het bestand heeft meer dan %d regels.",
               LIM_LINES);
        return -1;
    }
    if (count_params(l, len) > LIM_PARAMS) {
        seterr(err, errlen, "Regel %zu heeft meer dan %d parameters.",
               lineno, LIM_PARAMS);
        return -1;
    }
    if (is_keyword(l, len, "BEGIN")) {
        if (++sc->depth > LIM_DEPTH) {
            seterr(err, errlen, "Regel %zu: de onderdelen (BEGIN) zijn "
                   "dieper dan %d niveaus genest.", lineno, LIM_DEPTH);
            return -1;
        }
        sc->props[sc->depth] = 0;
        if (++sc->components > LIM_COMPONENTS) {
            seterr(err, errlen, "Het bestand heeft meer dan %d onderdelen "
                   "(BEGIN).", LIM_COMPONENTS);
            return -1;
        }
        if (has_vevent(l + 5, len - 5) && ++sc->events > ICAL_MAX_EVENTS) {
            seterr(err, errlen, "Het bestand bevat meer dan %d afspraken.",
                   ICAL_MAX_EVENTS);
            return -1;
        }
    } else if (is_keyword(l, len, "END")) {
        if (sc->depth == 0) {
            seterr(err, errlen, "Regel %zu: END zonder bijbehorende BEGIN.",
                   lineno);
            return -1;
        }
        sc->depth--;
    } else if (++sc->props[sc->depth] > LIM_PROPS) {
        seterr(err, errlen, "Regel %zu: een onderdeel heeft meer dan %d "
               "regels.", lineno, LIM_PROPS);
        return -1;
    }
    return 0;
}

/* Check data[0..len) and build a canonical, NUL-terminated copy for
 * libical: a leading UTF-8 BOM dropped, folded lines joined (CR LF or LF
 * followed by one space or tab is removed, RFC 5545 3.1), every line
 * ended by LF. Refuses NUL bytes, invalid UTF-8 (in an unfolded line, so
 * a fold that splits a character, which RFC 5545 discourages but some
 * writers do, is tolerated), control characters other than tab and the
 * line ends, and whatever breaks a LIM_ limit. On
 * success *canon is malloc'd and owned by the caller. */
static int prescan(const char *data, size_t len, char **canon, char *err,
                   size_t errlen)
{
    struct scan sc;
    const char *p = data, *end = data + len;
    char *out, *o, *cur = NULL;   /* cur: start of the current line */
    size_t lineno = 0, cur_lineno = 0;

    *canon = NULL;
    memset(&sc, 0, sizeof sc);
    if (len == 0) {
        seterr(err, errlen, "Het bestand is leeg.");
        return -1;
    }
    if (len > ICAL_MAX_BYTES) {
        seterr(err, errlen, "Het bestand is groter dan %d MB.",
               ICAL_MAX_BYTES / (1024 * 1024));
        return -1;
    }
    if (memchr(data, '\0', len) != NULL) {
        seterr(err, errlen, "Het bestand bevat een NUL-byte (positie %zu) "
               "en is dus geen iCalendar-tekst.",
               (size_t)((const char *)memchr(data, '\0', len) - data) + 1);
        return -1;
    }
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    out = malloc(len + 2);
    if (out == NULL) {
        seterr(err, errlen, "Onvoldoende geheugen om het bestand te lezen.");
        return -1;
    }
    o = out;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;   /* physical line p..stop */
        const char *q;

        lineno++;
        if (stop > p && stop[-1] == '\r')
            stop--;
        for (q = p; q < stop; q++) {
            unsigned char c = (unsigned char)*q;
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                seterr(err, errlen, "Regel %zu bevat een stuurteken "
                       "(0x%02X).", lineno, c);
                goto fail;
            }
        }
        if (cur != NULL && p < stop && (*p == ' ' || *p == '\t')) {
            /* continuation: join without the one white space */
            memcpy(o, p + 1, (size_t)(stop - p - 1));
            o += stop - p - 1;
            if ((size_t)(o - cur) > LIM_LINE) {
                seterr(err, errlen, "Regel %zu is na het samenvoegen langer "
                       "dan %d kB.", cur_lineno, LIM_LINE / 1024);
                goto fail;
            }
        } else {
            if (cur != NULL) {
                if (scan_line(&sc, cur, (size_t)(o - cur), cur_lineno, err,
                              errlen) != 0)
                    goto fail;
                *o++ = '\n';
            }
            cur = o;
            cur_lineno = lineno;
            memcpy(o, p, (size_t)(stop - p));
            o += stop - p;
        }
        p = nl ? nl + 1 : end;
    }
    if (cur != NULL) {
        if (scan_line(&sc, cur, (size_t)(o - cur), cur_lineno, err,
                      errlen) != 0)
            goto fail;
        *o++ = '\n';
    }
    *o = '\0';
    if (sc.depth != 0) {
        seterr(err, errlen, "Het bestand is onvolledig: %d %s "
               "(bijvoorbeeld END:VCALENDAR).", sc.depth,
               sc.depth == 1 ? "END-regel ontbreekt" : "END-regels ontbreken");
        goto fail;
    }
    if (sc.components == 0) {
        seterr(err, errlen, "Het bestand is geen iCalendar-bestand: "
               "BEGIN:VCALENDAR ontbreekt.");
        goto fail;
    }
    *canon = out;
    return 0;
fail:
    free(out);
    return -1;
}

/* ---- reading: time zones and times ------------------------------------ */

struct zones {
    icalcomponent *cal;
    icaltimezone *ams;
    icaltimezone *utc;
    const char *last_tzid;    /* points into the parsed tree */
    icaltimezone *last_zone;
};

/* The builtin zone for an Olson name listed in zone.tab, else NULL.
 * Names are checked against libical's list first: for any other name
 * libical 3.0 opens the file of that name under /usr/share/zoneinfo
 * ("../../../etc/localtime" works too) and appends the zone to its
 * global list for the life of the process (a realloc that other threads
 * walking the list would not survive). */
static icaltimezone *olson_zone(const char *name)
{
    icalarray *all;
    size_t i;

    if (strlen(name) > 64 || strstr(name, "..") != NULL)
        return NULL;
    all = icaltimezone_get_builtin_timezones();
    if (all == NULL)
        return NULL;
    for (i = 0; i < all->num_elements; i++) {
        icaltimezone *z = icalarray_element_at(all, i);
        const char *loc = icaltimezone_get_location(z);

        if (loc != NULL && strcmp(loc, name) == 0)
            return icaltimezone_get_builtin_timezone(name);
    }
    return NULL;
}

/* Count entries of a BY* list (terminated by ICAL_RECURRENCE_ARRAY_MAX
 * unless full). */
static int by_count(const short *a, int size)
{
    int i;

    for (i = 0; i < size && a[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        ;
    return i;
}

/* 1 when the VTIMEZONE has STANDARD or DAYLIGHT parts (without, libical
 * takes the zone as UTC) and libical can expand it cheaply: they start in
 * LIM_TZ_YEAR_MIN..LIM_YEAR_MAX, its RRULEs are yearly on one month and
 * one weekday (as in every real zone), and the file stays within
 * LIM_TZ_PARTS and LIM_TZ_RULES (counted in *parts and *rules). A single
 * FREQ=SECONDLY rule would make libical build billions of changes. */
static int vtimezone_ok(icalcomponent *vtz, int *parts, int *rules)
{
    icalcompiter it;
    int own = 0;

    for (it = icalcomponent_begin_component(vtz, ICAL_ANY_COMPONENT);
         icalcompiter_deref(&it) != NULL; icalcompiter_next(&it)) {
        icalcomponent *part = icalcompiter_deref(&it);
        icalproperty *p;

        if (icalcomponent_isa(part) == ICAL_XSTANDARD_COMPONENT ||
            icalcomponent_isa(part) == ICAL_XDAYLIGHT_COMPONENT)
            own++;
        if (++*parts > LIM_TZ_PARTS)
            return 0;
        p = icalcomponent_get_first_property(part, ICAL_DTSTART_PROPERTY);
        if (p != NULL) {
            struct icaltimetype t = icalproperty_get_dtstart(p);
            if (t.year < LIM_TZ_YEAR_MIN || t.year > LIM_YEAR_MAX)
                return 0;
        }
        for (p = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY);
             p != NULL;
             p = icalcomponent_get_next_property(part, ICAL_RRULE_PROPERTY)) {
            struct icalrecurrencetype r = icalproperty_get_rrule(p);

            if (++*rules > LIM_TZ_RULES)
                return 0;
            if (r.freq != ICAL_YEARLY_RECURRENCE || r.interval < 1 ||
                by_count(r.by_second, ICAL_BY_SECOND_SIZE) ||
                by_count(r.by_minute, ICAL_BY_MINUTE_SIZE) ||
                by_count(r.by_hour, ICAL_BY_HOUR_SIZE) ||
                by_count(r.by_year_day, ICAL_BY_YEARDAY_SIZE) ||
                by_count(r.by_week_no, ICAL_BY_WEEKNO_SIZE) ||
                by_count(r.by_set_pos, ICAL_BY_SETPOS_SIZE) ||
                by_count(r.by_month, ICAL_BY_MONTH_SIZE) > 1 ||
                by_count(r.by_day, ICAL_BY_DAY_SIZE) > 1 ||
                by_count(r.by_month_day, ICAL_BY_MONTHDAY_SIZE) > 7)
                return 0;
        }
    }
    return own > 0;
}

/* Zone for a TZID: UTC names, then a zone.tab name (also after a prefix
 * such as "/freeassociation.sourceforge.net/"), then a VTIMEZONE of the
 * file (all of them were checked by vtimezone_ok). The last answer is
 * kept: files use one or two TZIDs. */
static icaltimezone *find_zone(struct zones *z, const char *tzid)
{
    icaltimezone *zone = NULL;
    size_t len = strlen(tzid);
    const char *s;

    if (z->last_tzid != NULL && strcmp(z->last_tzid, tzid) == 0)
        return z->last_zone;
    if (strcmp(tzid, "UTC") == 0 || strcmp(tzid, "Etc/UTC") == 0 ||
        strcmp(tzid, "GMT") == 0 || strcmp(tzid, "Etc/GMT") == 0)
        zone = z->utc;
    else if (tzid[0] != '/')
        zone = olson_zone(tzid);
    else
        for (s = tzid; zone == NULL && s != NULL; s = strchr(s + 1, '/'))
            if (s[1] != '\0' && len - (size_t)(s + 1 - tzid) <= 64)
                zone = olson_zone(s + 1);
    if (zone == NULL)
        zone = icalcomponent_get_timezone(z->cal, tzid);
    if (zone != NULL) {
        z->last_tzid = tzid;
        z->last_zone = zone;
    }
    return zone;
}

/* 1 when the date and time fields of t are a real date and time within
 * the years Koers accepts (a leap second 60 is allowed). */
static int time_sane(struct icaltimetype t)
{
    if (t.year < LIM_YEAR_MIN || t.year > LIM_YEAR_MAX || t.month < 1 ||
        t.month > 12 || t.day < 1 ||
        t.day > icaltime_days_in_month(t.month, t.year))
        return 0;
    if (t.is_date)
        return 1;
    return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
           t.second >= 0 && t.second <= 60;
}

/* The value of a DTSTART or DTEND as Europe/Amsterdam wall-clock time
 * (or a DATE when it is one). UTC values are converted, TZID values are
 * converted from their zone, floating values are taken as local. */
static int to_local(struct zones *z, icalproperty *prop, struct icaltimetype t,
                    struct icaltimetype *local, const char *what,
                    const char *who, long idx, char *err, size_t errlen)
{
    icaltimezone *from = NULL;
    icalparameter *tzp;

    if (!time_sane(t)) {
        seterr(err, errlen, "Afspraak %ld (%s): %s is geen geldige datum "
               "of tijd tussen %d en %d.", idx, who, what, LIM_YEAR_MIN,
               LIM_YEAR_MAX);
        return -1;
    }
    if (t.is_date) {
        *local = t;
        return 0;
    }
    if (icaltime_is_utc(t)) {
        from = z->utc;
    } else if ((tzp = icalproperty_get_first_parameter(
                    prop, ICAL_TZID_PARAMETER)) != NULL) {
        const char *tzid = icalparameter_get_tzid(tzp);
        char q[LIM_QUOTE + 1];

        from = tzid ? find_zone(z, tzid) : NULL;
        if (from == NULL) {
            clip(q, sizeof q, tzid);
            seterr(err, errlen, "Afspraak %ld (%s): onbekende tijdzone '%s' "
                   "(geen VTIMEZONE in het bestand).", idx, who, q);
            return -1;
        }
    }
    t.zone = NULL;
    t.second = 0;
    if (from != NULL)
        icaltimezone_convert_time(&t, from, z->ams);
    t.zone = NULL;
    if (!time_sane(t)) {
        seterr(err, errlen, "Afspraak %ld (%s): %s valt buiten de jaren "
               "%d-%d.", idx, who, what, LIM_YEAR_MIN, LIM_YEAR_MAX);
        return -1;
    }
    *local = t;
    return 0;
}

/* Day number (calendar.h) of a date. */
static long day_of(struct icaltimetype t)
{
    return cal_days(t.year, t.month, t.day);
}

/* 1 when a DURATION is at most LIM_DURATION_DAYS long (so its parts fit
 * an int for icaltime_adjust). */
static int duration_ok(struct icaldurationtype d)
{
    unsigned long long days = (unsigned long long)d.weeks * 7 + d.days +
                              d.hours / 24 + d.minutes / 1440 +
                              d.seconds / 86400;
    return days <= LIM_DURATION_DAYS;
}

/* ---- reading: events -------------------------------------------------- */

/* First X-LIC-ERROR in c or below (depth is bounded by the prescan),
 * except libical's "No value for X property": an empty property such as
 * the "DESCRIPTION:" and "LOCATION:" Google Calendar writes is harmless
 * (libical drops it; an empty DTSTART is then reported as missing). */
static const char *own_lic_error(icalcomponent *c)
{
    static const char empty[] = "No value for ";
    icalproperty *p;

    for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
         p != NULL;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        const char *s = icalproperty_get_xlicerror(p);

        if (s == NULL || *s == '\0')
            return "onbekende fout";
        if (strncmp(s, empty, sizeof empty - 1) != 0)
            return s;
    }
    return NULL;
}

static const char *lic_error(icalcomponent *c)
{
    const char *s = own_lic_error(c);
    icalcompiter it;

    for (it = icalcomponent_begin_component(c, ICAL_ANY_COMPONENT);
         s == NULL && icalcompiter_deref(&it) != NULL; icalcompiter_next(&it))
        s = lic_error(icalcompiter_deref(&it));
    return s;
}

/* Text of a TEXT or X value (libical 3.0 gives X- properties an X value
 * unless VALUE=TEXT is written). */
static const char *prop_text(icalproperty *p)
{
    icalvalue *v = icalproperty_get_value(p);

    if (v == NULL)
        return NULL;
    switch (icalvalue_isa(v)) {
    case ICAL_TEXT_VALUE:
        return icalvalue_get_text(v);
    case ICAL_X_VALUE:
        return icalvalue_get_x(v);
    default:
        return NULL;
    }
}

/* Join all CATEGORIES values with ',' into dst[cap], leaving out a
 * category that does not fit whole. */
static void categories(icalcomponent *ev, char *dst, size_t cap)
{
    icalproperty *p;
    size_t used = 0;

    dst[0] = '\0';
    for (p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY);
         p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        const char *c = prop_text(p);
        size_t n;

        if (c == NULL || *c == '\0')
            continue;
        n = strlen(c);
        if (used + (used > 0) + n + 1 > cap)
            break;
        if (used > 0)
            dst[used++] = ',';
        clip(dst + used, n + 1, c);
        used += strlen(dst + used);
    }
}

/* Fill *out from one VEVENT (number idx, 1-based); -1 with a message
 * naming the event otherwise. */
static int read_event(struct zones *z, icalcomponent *ev, long idx,
                      struct ical_parsed *out, char *err, size_t errlen)
{
    char who[LIM_QUOTE + 1], q[2 * LIM_QUOTE + 1];
    const char *s, *uid;
    icalproperty *ps, *pe, *pd, *p;
    struct icaltimetype st, en;
    long sday, eday;

    memset(out, 0, sizeof *out);
    s = icalcomponent_get_summary(ev);
    clip(who, sizeof who, s && *s ? s : "zonder titel");
    if ((s = lic_error(ev)) != NULL) {
        clip(q, sizeof q, s);
        seterr(err, errlen, "Afspraak %ld (%s): niet te lezen: %s", idx, who,
               q);
        return -1;
    }
    if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
        icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY)) {
        seterr(err, errlen, "Afspraak %ld (%s): Terugkerende afspraken "
               "(RRULE) worden niet ondersteund: zet elke vergadering apart "
               "in het bestand.", idx, who);
        return -1;
    }
    ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (ps == NULL) {
        seterr(err, errlen, "Afspraak %ld (%s): de begintijd (DTSTART) "
               "ontbreekt.", idx, who);
        return -1;
    }
    if (to_local(z, ps, icalproperty_get_dtstart(ps), &st, "DTSTART", who,
                 idx, err, errlen) != 0)
        return -1;
    pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    if (pe != NULL) {
        if (to_local(z, pe, icalproperty_get_dtend(pe), &en, "DTEND", who,
                     idx, err, errlen) != 0)
            return -1;
        if (en.is_date != st.is_date) {
            seterr(err, errlen, "Afspraak %ld (%s): DTSTART en DTEND zijn "
                   "niet allebei een datum of allebei een tijd.", idx, who);
            return -1;
        }
    } else if (pd != NULL) {
        struct icaldurationtype d = icalproperty_get_duration(pd);
        int sign = d.is_neg ? -1 : 1;

        if (!duration_ok(d)) {
            seterr(err, errlen, "Afspraak %ld (%s): de duur (DURATION) is "
                   "langer dan %d dagen.", idx, who, LIM_DURATION_DAYS);
            return -1;
        }
        en = st;
        if (st.is_date) {
            /* whole days; a part of a day counts as a day */
            int days = (int)(d.weeks * 7 + d.days) +
                       (d.hours || d.minutes || d.seconds);
            icaltime_adjust(&en, sign * days, 0, 0, 0);
        } else {
            /* days in wall-clock time, the rest in exact time (RFC 5545
             * 3.3.6) */
            icaltime_adjust(&en, sign * (int)(d.weeks * 7 + d.days), 0, 0,
                            0);
            icaltimezone_convert_time(&en, z->ams, z->utc);
            icaltime_adjust(&en, 0, sign * (int)d.hours,
                            sign * (int)d.minutes, sign * (int)d.seconds);
            icaltimezone_convert_time(&en, z->utc, z->ams);
            en.zone = NULL;
            en.second = 0;
        }
    } else {
        en = st;
        if (st.is_date)
            icaltime_adjust(&en, 1, 0, 0, 0);
        else
            icaltime_adjust(&en, 0, 1, 0, 0);
    }
    if (!time_sane(en)) {
        seterr(err, errlen, "Afspraak %ld (%s): het einde valt buiten de "
               "jaren %d-%d.", idx, who, LIM_YEAR_MIN, LIM_YEAR_MAX);
        return -1;
    }
    sday = day_of(st);
    eday = day_of(en);
    if (st.is_date) {
        /* DTEND of a DATE is exclusive; the same day is read as one day */
        if (eday < sday) {
            seterr(err, errlen, "Afspraak %ld (%s): het einde ligt vóór het "
                   "begin.", idx, who);
            return -1;
        }
        if (eday == sday)
            eday++;
        cal_format_datetime(sday, 0, out->starts_at);
        cal_format_datetime(eday - 1, 23 * 60 + 59, out->ends_at);
    } else {
        int c;

        cal_format_datetime(sday, st.hour * 60 + st.minute, out->starts_at);
        cal_format_datetime(eday, en.hour * 60 + en.minute, out->ends_at);
        c = strcmp(out->ends_at, out->starts_at);
        if (c <= 0) {
            seterr(err, errlen, c < 0
                   ? "Afspraak %ld (%s): het einde ligt vóór het begin."
                   : "Afspraak %ld (%s): het einde valt samen met het "
                     "begin.", idx, who);
            return -1;
        }
    }
    uid = icalcomponent_get_uid(ev);
    if (uid != NULL && strlen(uid) >= sizeof out->uid) {
        seterr(err, errlen, "Afspraak %ld (%s): de UID is langer dan %zu "
               "bytes.", idx, who, sizeof out->uid - 1);
        return -1;
    }
    clip(out->uid, sizeof out->uid, uid);
    clip(out->summary, sizeof out->summary, icalcomponent_get_summary(ev));
    for (p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p != NULL;
         p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
        const char *xn = icalproperty_get_x_name(p);

        if (xn != NULL && strcasecmp(xn, "X-KOERS-OVERLEG") == 0) {
            s = prop_text(p);
            if (s != NULL && strlen(s) >= sizeof out->body_code) {
                seterr(err, errlen, "Afspraak %ld (%s): X-KOERS-OVERLEG is "
                       "langer dan %zu bytes.", idx, who,
                       sizeof out->body_code - 1);
                return -1;
            }
            clip(out->body_code, sizeof out->body_code, s);
            break;
        }
    }
    categories(ev, out->categories, sizeof out->categories);
    p = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
    out->cancelled = p != NULL &&
                     icalproperty_get_status(p) == ICAL_STATUS_CANCELLED;
    return 0;
}

/* Parse an uploaded file: prescan, libical, then one VCALENDAR whose
 * direct VEVENT children become the result, in file order. Other
 * components (VTODO, VJOURNAL, VFREEBUSY) are ignored, but an X-LIC-ERROR
 * anywhere refuses the file. A calendar without events gives 0 and
 * *out == NULL. */
long ical_parse(const char *data, size_t len, struct ical_parsed **out,
                char *err, size_t errlen)
{
    char *canon = NULL, q[2 * LIM_QUOTE + 1];
    icalcomponent *root = NULL, **events = NULL;
    struct ical_parsed *list = NULL;
    struct zones z;
    icalcompiter it;
    icalproperty *p;
    const char *s;
    long n = -1, count = 0, i;
    int tz_parts = 0, tz_rules = 0;

    *out = NULL;
    seterr(err, errlen, "%s", "");
    if (data == NULL && len > 0) {
        seterr(err, errlen, "Geen bestand ontvangen.");
        return -1;
    }
    if (prescan(data, len, &canon, err, errlen) != 0)
        return -1;
    root = icalparser_parse_string(canon);
    if (root == NULL) {
        seterr(err, errlen, "Het bestand bevat geen leesbare "
               "iCalendar-gegevens.");
        goto cleanup;
    }
    if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
        seterr(err, errlen, "Het bestand bevat meer dan één agenda "
               "(VCALENDAR) of tekst buiten de agenda.");
        goto cleanup;
    }
    if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        seterr(err, errlen, "Het bestand is geen agenda: het begint niet "
               "met BEGIN:VCALENDAR.");
        goto cleanup;
    }
    for (it = icalcomponent_begin_component(root, ICAL_ANY_COMPONENT);
         icalcompiter_deref(&it) != NULL; icalcompiter_next(&it))
        if (icalcomponent_isa(icalcompiter_deref(&it)) ==
            ICAL_VEVENT_COMPONENT)
            count++;
    if (count > ICAL_MAX_EVENTS) {
        seterr(err, errlen, "Het bestand bevat meer dan %d afspraken.",
               ICAL_MAX_EVENTS);
        goto cleanup;
    }
    /* errors outside the events: the calendar's own lines, VTIMEZONE */
    s = own_lic_error(root);
    for (it = icalcomponent_begin_component(root, ICAL_ANY_COMPONENT);
         s == NULL && icalcompiter_deref(&it) != NULL;
         icalcompiter_next(&it)) {
        icalcomponent *c = icalcompiter_deref(&it);

        if (icalcomponent_isa(c) != ICAL_VEVENT_COMPONENT)
            s = lic_error(c);
        if (s == NULL && icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT &&
            !vtimezone_ok(c, &tz_parts, &tz_rules)) {
            p = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
            clip(q, sizeof q, p ? icalproperty_get_tzid(p) : NULL);
            seterr(err, errlen, "De tijdzone '%s' in het bestand wordt "
                   "niet gelezen: zij moet STANDARD- of DAYLIGHT-onderdelen "
                   "hebben, alleen jaarlijkse regels op één maand en "
                   "weekdag, vanaf %d, en samen hoogstens %d regels.", q,
                   LIM_TZ_YEAR_MIN, LIM_TZ_RULES);
            goto cleanup;
        }
    }
    if (s != NULL) {
        clip(q, sizeof q, *s ? s : "onbekende fout");
        seterr(err, errlen, "Het bestand is niet te lezen: %s", q);
        goto cleanup;
    }
    if (count == 0) {
        n = 0;
        goto cleanup;
    }
    z.cal = root;
    z.utc = icaltimezone_get_utc_timezone();
    z.ams = icaltimezone_get_builtin_timezone(KOERS_TZ);
    z.last_tzid = NULL;
    z.last_zone = NULL;
    if (z.ams == NULL) {
        seterr(err, errlen, "De tijdzone " KOERS_TZ " is niet beschikbaar "
               "(is tzdata geïnstalleerd?).");
        goto cleanup;
    }
    events = malloc((size_t)count * sizeof *events);
    list = calloc((size_t)count, sizeof *list);
    if (events == NULL || list == NULL) {
        seterr(err, errlen, "Onvoldoende geheugen om het bestand te lezen.");
        goto cleanup;
    }
    i = 0;
    for (it = icalcomponent_begin_component(root, ICAL_VEVENT_COMPONENT);
         icalcompiter_deref(&it) != NULL && i < count; icalcompiter_next(&it))
        events[i++] = icalcompiter_deref(&it);
    for (i = 0; i < count; i++)
        if (read_event(&z, events[i], i + 1, &list[i], err, errlen) != 0)
            goto cleanup;
    *out = list;
    list = NULL;
    n = count;
cleanup:
    free(list);
    free(events);
    if (root != NULL)
        icalcomponent_free(root);
    free(canon);
    return n;
}
