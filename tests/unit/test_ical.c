/* test_ical.c - unit tests for ical.h: the feed Koers publishes (its
 * properties, escaping, folding, VTIMEZONE) read back through ical_parse;
 * time zone conversion of uploaded files; every refusal, including
 * hostile input; and what happens at the daylight saving time edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "text.h"

#define DESC "1. Opening, mededelingen; vaststellen agenda\n" \
             "2. Verslag: caf\xC3\xA9-overleg \\ wijzigingen\n" \
             "3. Rondvraag"

static const struct ical_event three[3] = {
    {"koers-1@koers.example", "Koersoverleg", DESC,
     "Den Haag, Ministerie van EZK", "sg", "2027-06-12T10:00",
     "2027-06-12T12:00", "https://koers.example/vergadering/1",
     "2027-05-01T08:30:00Z", 2, 0},
    {"koers-2@koers.example", "Werkgroep ICT", NULL, NULL, "werkgroep-ict",
     "2027-01-12T10:00", "2027-01-12T11:30", NULL, NULL, 0, 1},
    {"koers-3@koers.example", "Pijler techniek", "Agenda volgt", "Utrecht",
     NULL, "2027-10-31T09:00", "2027-10-31T10:00", NULL, NULL, 1, 0},
};

/* Parse a NUL-terminated text from an exactly sized heap copy, so that
 * ASan catches any read past len. */
static long parse(const char *s, struct ical_parsed **out, char *err,
                  size_t errlen)
{
    size_t len = strlen(s);
    char *copy = malloc(len ? len : 1);
    long n;

    assert_non_null(copy);
    memcpy(copy, s, len);
    n = ical_parse(copy, len, out, err, errlen);
    free(copy);
    return n;
}

/* A file must be refused with an error containing want. */
static void refuse_len(const char *data, size_t len, const char *want)
{
    struct ical_parsed *out = (struct ical_parsed *)&out;
    char err[300] = "";
    char *copy = malloc(len ? len : 1);
    long n;

    assert_non_null(copy);
    memcpy(copy, data, len);
    n = ical_parse(copy, len, &out, err, sizeof err);
    free(copy);
    if (n != -1)
        fail_msg("accepted (%ld): %.300s", n, data);
    assert_null(out);
    assert_true(err[0] != '\0');
    assert_true(text_utf8_valid(err, strlen(err)));
    if (strstr(err, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err, want);
}

#define REFUSE(s, want) refuse_len((s), strlen(s), (want))

/* Wrap event lines in a calendar. */
#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//NL\r\n" \
                  body "END:VCALENDAR\r\n"
#define EV(lines) "BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Koersoverleg\r\n" lines \
                  "END:VEVENT\r\n"

/* Undo RFC 5545 folding: drop every CRLF followed by a space. */
static char *unfold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;

    assert_non_null(out);
    while (*s) {
        if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
            s += 3;
        else
            *o++ = *s++;
    }
    *o = '\0';
    return out;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;

    for (; (hay = strstr(hay, needle)) != NULL; hay++)
        n++;
    return n;
}

/* Every physical line ends in CRLF, is at most 75 octets and valid UTF-8
 * on its own (libical folds between characters). */
static void check_lines(const char *s)
{
    while (*s) {
        const char *eol = strstr(s, "\r\n");

        assert_non_null(eol);
        if (eol - s > 75)
            fail_msg("line of %d octets: %.80s", (int)(eol - s), s);
        assert_true(text_utf8_valid(s, (size_t)(eol - s)));
        assert_null(memchr(s, '\n', (size_t)(eol - s)));
        s = eol + 2;
    }
}

#define HAS(text, s) do { if (strstr((text), (s)) == NULL) \
    fail_msg("missing '%s'", (s)); } while (0)

static void test_write_feed(void **state)
{
    char err[200] = "";
    char *ics, *flat;

    (void)state;
    ics = ical_write(three, 3, "Koers, vergaderingen", err, sizeof err);
    if (ics == NULL)
        fail_msg("ical_write: %s", err);
    check_lines(ics);
    flat = unfold(ics);
    assert_true(strncmp(flat, "BEGIN:VCALENDAR\r\n", 17) == 0);
    HAS(flat, "\r\nVERSION:2.0\r\n");
    HAS(flat, "\r\nPRODID:-//Koers//Koers 0.1//NL\r\n");
    HAS(flat, "\r\nCALSCALE:GREGORIAN\r\n");
    HAS(flat, "\r\nMETHOD:PUBLISH\r\n");
    HAS(flat, "\r\nX-WR-CALNAME:Koers, vergaderingen\r\n");
    HAS(flat, "\r\nX-WR-TIMEZONE:Europe/Amsterdam\r\n");
    /* one compact VTIMEZONE with the current EU rules */
    assert_int_equal(count(flat, "BEGIN:VTIMEZONE\r\n"), 1);
    HAS(flat, "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n");
    HAS(flat, "BEGIN:STANDARD\r\n");
    HAS(flat, "BEGIN:DAYLIGHT\r\n");
    HAS(flat, "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n");
    HAS(flat, "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n");
    HAS(flat, "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n");
    assert_null(strstr(flat, "1835"));
    assert_null(strstr(flat, "freeassociation"));
    /* the events */
    assert_int_equal(count(flat, "BEGIN:VEVENT\r\n"), 3);
    HAS(flat, "\r\nUID:koers-1@koers.example\r\n");
    HAS(flat, "\r\nDTSTART;TZID=Europe/Amsterdam:20270612T100000\r\n");
    HAS(flat, "\r\nDTEND;TZID=Europe/Amsterdam:20270612T120000\r\n");
    HAS(flat, "\r\nDTSTART;TZID=Europe/Amsterdam:20270112T100000\r\n");
    assert_int_equal(count(flat, "\r\nDTSTAMP:"), 3);
    HAS(flat, "\r\nSUMMARY:Koersoverleg\r\n");
    HAS(flat, "\r\nDESCRIPTION:1. Opening\\, mededelingen\\; vaststellen "
              "agenda\\n2. Verslag: caf\xC3\xA9-overleg \\\\ wijzigingen\\n"
              "3. Rondvraag\r\n");
    HAS(flat, "\r\nLOCATION:Den Haag\\, Ministerie van EZK\r\n");
    HAS(flat, "\r\nURL:https://koers.example/vergadering/1\r\n");
    HAS(flat, "\r\nSEQUENCE:2\r\n");
    HAS(flat, "\r\nSEQUENCE:0\r\n");
    HAS(flat, "\r\nLAST-MODIFIED:20270501T083000Z\r\n");
    HAS(flat, "\r\nSTATUS:CANCELLED\r\n");
    assert_int_equal(count(flat, "\r\nSTATUS:CONFIRMED\r\n"), 2);
    HAS(flat, "\r\nCATEGORIES:sg\r\n");
    HAS(flat, "\r\nX-KOERS-OVERLEG:sg\r\n");
    HAS(flat, "\r\nX-KOERS-OVERLEG:werkgroep-ict\r\n");
    assert_int_equal(count(flat, "X-KOERS-OVERLEG"), 2);   /* 3rd: none */
    assert_true(strcmp(flat + strlen(flat) - 15, "END:VCALENDAR\r\n") == 0);
    free(flat);
    free(ics);
}

/* Read the feed back: every field as written. */
static void test_roundtrip(void **state)
{
    char err[200] = "";
    struct ical_parsed *p = NULL;
    char *ics;
    long n;

    (void)state;
    ics = ical_write(three, 3, "Koers", err, sizeof err);
    assert_non_null(ics);
    n = parse(ics, &p, err, sizeof err);
    if (n != 3)
        fail_msg("ical_parse: %ld %s", n, err);
    assert_string_equal(p[0].uid, "koers-1@koers.example");
    assert_string_equal(p[0].summary, "Koersoverleg");
    assert_string_equal(p[0].body_code, "sg");
    assert_string_equal(p[0].categories, "sg");
    assert_string_equal(p[0].starts_at, "2027-06-12T10:00");
    assert_string_equal(p[0].ends_at, "2027-06-12T12:00");
    assert_int_equal(p[0].cancelled, 0);
    assert_string_equal(p[1].uid, "koers-2@koers.example");
    assert_string_equal(p[1].body_code, "werkgroep-ict");
    assert_string_equal(p[1].starts_at, "2027-01-12T10:00");
    assert_string_equal(p[1].ends_at, "2027-01-12T11:30");
    assert_int_equal(p[1].cancelled, 1);
    assert_string_equal(p[2].summary, "Pijler techniek");
    assert_string_equal(p[2].body_code, "");
    assert_string_equal(p[2].categories, "");
    assert_string_equal(p[2].starts_at, "2027-10-31T09:00");
    assert_int_equal(p[2].cancelled, 0);
    free(p);
    free(ics);
}

/* Long texts fold at 75 octets without splitting a character, a CR LF
 * from a textarea becomes one \n, and an empty feed is still valid. */
static void test_write_folding_and_empty(void **state)
{
    struct ical_event e = three[0];
    char desc[2000], err[200] = "";
    char *ics, *flat;
    size_t i;

    (void)state;
    for (i = 0; i + 2 < 1200; i += 2)
        memcpy(desc + i, "\xC3\xA9", 2);
    memcpy(desc + i, "\r\nx", 4);
    e.description = desc;
    ics = ical_write(&e, 1, "Koers", err, sizeof err);
    assert_non_null(ics);
    check_lines(ics);
    flat = unfold(ics);
    HAS(flat, "\xC3\xA9\\nx\r\n");
    assert_null(strstr(flat, "\\n\\n"));
    free(flat);
    free(ics);

    ics = ical_write(NULL, 0, "Leeg", err, sizeof err);
    assert_non_null(ics);
    HAS(ics, "BEGIN:VTIMEZONE");
    assert_null(strstr(ics, "BEGIN:VEVENT"));
    free(ics);
}

/* libical 3.0.16 folds a value without break opportunities that ends
 * exactly at a fold (a 73-byte UID, found by fuzz_ical) between the CR
 * and LF of the line end; ical_write repairs it. Every length of UID and
 * title must give clean lines that read back unchanged. */
static void test_write_fold_lengths(void **state)
{
    struct ical_event e = three[1];
    struct ical_parsed *p = NULL;
    char text[256], err[200] = "";
    char *ics;
    int n, field;

    (void)state;
    for (field = 0; field < 2; field++) {
        for (n = 1; n < 256; n++) {
            memset(text, 'w', (size_t)n);
            text[n] = '\0';
            e = three[1];
            if (field == 0)
                e.uid = text;
            else
                e.summary = text;
            ics = ical_write(&e, 1, "Koers", err, sizeof err);
            if (ics == NULL)
                fail_msg("length %d: %s", n, err);
            check_lines(ics);
            assert_int_equal(parse(ics, &p, err, sizeof err), 1);
            assert_string_equal(field == 0 ? p[0].uid : p[0].summary, text);
            free(p);
            free(ics);
        }
    }
}

/* Invalid input gives NULL and an error naming the meeting. */
static void write_refused(const struct ical_event *e, const char *name,
                          const char *want)
{
    char err[200] = "";
    char *ics = ical_write(e, 1, name, err, sizeof err);

    assert_null(ics);
    if (strstr(err, want) == NULL)
        fail_msg("error '%s' lacks '%s'", err, want);
}

static void test_write_invalid(void **state)
{
    struct ical_event e;
    char err[20] = "";

    (void)state;
#define BAD(field, value, want) do { e = three[0]; e.field = value; \
    write_refused(&e, "Koers", want); } while (0)
    BAD(starts_at, "2027-02-29T10:00", "1 (koers-1@koers.example): de "
        "begintijd");                               /* not a leap year */
    BAD(starts_at, "2027-06-12 10:00", "begintijd");
    BAD(starts_at, "2027-06-12T24:00", "begintijd");
    BAD(starts_at, NULL, "begintijd");
    BAD(ends_at, "2027-06-12T10:00", "het einde ligt niet na het begin");
    BAD(ends_at, "2027-06-12T09:59", "het einde ligt niet na het begin");
    BAD(ends_at, "2027-6-12T12:00", "eindtijd");
    BAD(summary, "Koers\xFFoverleg", "titel");
    BAD(summary, "Twee\nregels", "titel");
    BAD(summary, NULL, "titel");
    BAD(description, "caf\xC3", "agenda");
    BAD(description, "bel\x07", "agenda");
    BAD(location, "\xED\xA0\x80", "locatie");       /* surrogate */
    BAD(body_code, "SG 1", "overlegcode");
    BAD(url, "https://x.example/\r\nATTACH:evil", "URL");
    BAD(url, "https://x.example/a b", "URL");
    BAD(uid, NULL, "UID");
    BAD(uid, "", "UID");
    BAD(last_modified, "2027-05-01T08:30:00", "LAST-MODIFIED");
    BAD(last_modified, "2027-05-01T08:30:60Z", "LAST-MODIFIED");
    BAD(sequence, -1, "SEQUENCE");
#undef BAD
    write_refused(&three[0], NULL, "naam");
    write_refused(&three[0], "a\nb", "naam");
    write_refused(&three[0], "\xC3\x28", "naam");
    /* the second of two meetings is named by its number */
    {
        struct ical_event two[2];
        char msg[200] = "";

        two[0] = three[0];
        two[1] = three[1];
        two[1].ends_at = "2027-01-12T09:00";
        assert_null(ical_write(two, 2, "Koers", msg, sizeof msg));
        HAS(msg, "Vergadering 2 (koers-2@koers.example)");
    }
    /* a small err buffer is cut on a character boundary */
    e = three[0];
    e.uid = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";
    e.ends_at = e.starts_at;
    assert_null(ical_write(&e, 1, "Koers", err, sizeof err));
    assert_true(strlen(err) < sizeof err);
    assert_true(text_utf8_valid(err, strlen(err)));
}

/* Times in UTC, in other zones, floating, all day, by DURATION. */
static void test_parse_zones(void **state)
{
    struct ical_parsed *p = NULL;
    char err[200] = "";
    long n;

    (void)state;
    n = parse(CAL(EV("DTSTART:20270612T080000Z\r\nDTEND:20270612T093000Z\r\n")
                  EV("DTSTART:20270112T090000Z\r\nDTEND:20270112T100000Z\r\n")
                  EV("DTSTART;TZID=America/New_York:20270612T080000\r\n")
                  EV("DTSTART;TZID=/freeassociation.sourceforge.net/Europe/"
                     "London:20270112T090000\r\n")
                  EV("DTSTART:20270612T100000\r\nDURATION:PT45M\r\n")
                  EV("DTSTART;VALUE=DATE:20270612\r\n")
                  EV("DTSTART;VALUE=DATE:20270612\r\n"
                     "DTEND;VALUE=DATE:20270615\r\n")
                  EV("DTSTART;TZID=Europe/Amsterdam:20270612T100000\r\n"
                     "DURATION:P1DT2H\r\n")
                  EV("DTSTART:20270612T080000Z\r\nSTATUS:CANCELLED\r\n"
                     "X-KOERS-OVERLEG:sg\r\nCATEGORIES:sg,Overleg\r\n"
                     "CATEGORIES:extra\r\n")),
              &p, err, sizeof err);
    if (n != 9)
        fail_msg("ical_parse: %ld %s", n, err);
    /* UTC: summer +2, winter +1 */
    assert_string_equal(p[0].starts_at, "2027-06-12T10:00");
    assert_string_equal(p[0].ends_at, "2027-06-12T11:30");
    assert_string_equal(p[1].starts_at, "2027-01-12T10:00");
    assert_string_equal(p[1].ends_at, "2027-01-12T11:00");
    /* other zones known to libical; no DTEND: one hour */
    assert_string_equal(p[2].starts_at, "2027-06-12T14:00");
    assert_string_equal(p[2].ends_at, "2027-06-12T15:00");
    assert_string_equal(p[3].starts_at, "2027-01-12T10:00");
    /* floating is local */
    assert_string_equal(p[4].starts_at, "2027-06-12T10:00");
    assert_string_equal(p[4].ends_at, "2027-06-12T10:45");
    /* all day, and a DATE DTEND is exclusive */
    assert_string_equal(p[5].starts_at, "2027-06-12T00:00");
    assert_string_equal(p[5].ends_at, "2027-06-12T23:59");
    assert_string_equal(p[6].starts_at, "2027-06-12T00:00");
    assert_string_equal(p[6].ends_at, "2027-06-14T23:59");
    assert_string_equal(p[7].ends_at, "2027-06-13T12:00");
    assert_int_equal(p[8].cancelled, 1);
    assert_string_equal(p[8].body_code, "sg");
    assert_string_equal(p[8].categories, "sg,Overleg,extra");
    assert_string_equal(p[8].uid, "u");
    assert_int_equal(p[0].cancelled, 0);
    free(p);
}

/* An Outlook file: Windows zone name defined by its own VTIMEZONE, with
 * rules from 1601; folded lines, a BOM, LF-only line ends. */
static void test_parse_outlook(void **state)
{
    static const char ics[] =
        "\xEF\xBB\xBF" "BEGIN:VCALENDAR\n"
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\n"
        "VERSION:2.0\n"
        "BEGIN:VTIMEZONE\n"
        "TZID:W. Europe Standard Time\n"
        "BEGIN:STANDARD\n"
        "DTSTART:16011028T030000\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n"
        "TZOFFSETFROM:+0200\n"
        "TZOFFSETTO:+0100\n"
        "END:STANDARD\n"
        "BEGIN:DAYLIGHT\n"
        "DTSTART:16010325T020000\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n"
        "TZOFFSETFROM:+0100\n"
        "TZOFFSETTO:+0200\n"
        "END:DAYLIGHT\n"
        "END:VTIMEZONE\n"
        "BEGIN:VEVENT\n"
        "UID:040000008200E00074C5B7101A82E00800000000\n"
        "SUMMARY;LANGUAGE=nl-NL:Stuurgroep Groene en Digitale Banen \xE2\x80"
        "\n \x93 kwartaaloverleg\n"
        "DTSTART;TZID=W. Europe Standard Time:20270315T140000\n"
        "DTEND;TZID=W. Europe Standard Time:20270315T160000\n"
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n";
    struct ical_parsed *p = NULL;
    char err[200] = "";

    (void)state;
    if (parse(ics, &p, err, sizeof err) != 1)
        fail_msg("ical_parse: %s", err);
    assert_string_equal(p[0].summary, "Stuurgroep Groene en Digitale Banen "
                                      "\xE2\x80\x93 kwartaaloverleg");
    /* same offset as Amsterdam: no shift */
    assert_string_equal(p[0].starts_at, "2027-03-15T14:00");
    assert_string_equal(p[0].ends_at, "2027-03-15T16:00");
    free(p);
}

static void test_parse_refusals(void **state)
{
    (void)state;
    REFUSE("", "leeg");
    REFUSE("BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20270612T080000Z\r\n"
           "END:VEVENT\r\n", "BEGIN:VCALENDAR");
    REFUSE("Dit is geen agenda.\r\n", "BEGIN:VCALENDAR");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nDTEND:20270612T110000\r\n")
               EV("DTSTART:20270612T100000\r\nDTEND:20270612T110000\r\n")
               EV("DTSTART:20270612T100000\r\nDTEND:20270612T090000\r\n")),
           "Afspraak 3 (Koersoverleg): het einde ligt v\xC3\xB3\xC3\xB3r het "
           "begin.");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nDTEND:20270612T100000\r\n")),
           "Afspraak 1 (Koersoverleg): het einde valt samen met het begin.");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nDURATION:-PT1H\r\n")),
           "het einde ligt v\xC3\xB3\xC3\xB3r het begin");
    REFUSE(CAL(EV("DTSTART;VALUE=DATE:20270612\r\n"
                  "DTEND;VALUE=DATE:20270610\r\n")),
           "ligt v\xC3\xB3\xC3\xB3r");
    REFUSE(CAL(EV("DTSTART;VALUE=DATE:20270612\r\n"
                  "DTEND:20270613T100000\r\n")), "niet allebei");
    REFUSE(CAL(EV("DTEND:20270612T100000\r\n")),
           "Afspraak 1 (Koersoverleg): de begintijd (DTSTART) ontbreekt.");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\n"
                  "RRULE:FREQ=WEEKLY;COUNT=10\r\n")),
           "Afspraak 1 (Koersoverleg): Terugkerende afspraken (RRULE) worden "
           "niet ondersteund: zet elke vergadering apart in het bestand.");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nRDATE:20270619T100000\r\n")),
           "(RRULE) worden niet ondersteund");
    REFUSE(CAL(EV("DTSTART;TZID=Mars/Olympus:20270612T100000\r\n")),
           "onbekende tijdzone 'Mars/Olympus'");
    REFUSE(CAL(EV("DTSTART;TZID=../../../../etc/passwd:20270612T100000\r\n")),
           "onbekende tijdzone");
    REFUSE(CAL(EV("DTSTART:18991231T100000\r\n")), "geen geldige datum");
    REFUSE(CAL(EV("DTSTART:22010101T100000\r\n")), "geen geldige datum");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nDURATION:P400D\r\n")),
           "langer dan 366 dagen");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nDURATION:P4294967295W\r\n")),
           "");
    /* libical's own parse errors (X-LIC-ERROR) */
    REFUSE(CAL(EV("DTSTART:2027junk\r\n")),
           "Afspraak 1 (Koersoverleg): niet te lezen: Can't parse as "
           "DATE-TIME");
    REFUSE(CAL("X-FOO;=bar:x\r\n"), "niet te lezen");
    REFUSE(CAL(EV(":zonder naam\r\nDTSTART:20270612T100000\r\n")),
           "niet te lezen");
    /* structure */
    REFUSE("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270612T100000\r\n",
           "onvolledig");
    REFUSE("BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
           "END zonder bijbehorende BEGIN");
    REFUSE(CAL("") CAL(""), "meer dan \xC3\xA9\xC3\xA9n agenda");
    REFUSE(CAL("BEGIN:VEVENT\r\nDTSTART:20270612T100000\r\nUID:"
                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxxxxxx\r\nEND:VEVENT\r\n"),
           "Afspraak 1 (zonder titel): de UID is langer dan 255 bytes.");
    /* bytes */
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nSUMMARY:caf\xC3\r\n")),
           "geen geldige UTF-8");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nSUMMARY:\xC0\xAF\r\n")),
           "UTF-8");
    REFUSE(CAL(EV("DTSTART:20270612T100000\r\nSUMMARY:bel\x07\r\n")),
           "stuurteken (0x07)");
    REFUSE("BEGIN:VCALENDAR\rVERSION:2.0\rEND:VCALENDAR\r", "stuurteken");
    refuse_len("BEGIN:VCALENDAR\r\nVERSION:2.0\0\r\nEND:VCALENDAR\r\n", 44,
               "NUL-byte (positie 29)");
    {
        /* binary garbage */
        unsigned char junk[4096];
        unsigned int x = 12345, i;

        for (i = 0; i < sizeof junk; i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (unsigned char)(x >> 16);
        }
        refuse_len((const char *)junk, sizeof junk, "");
    }
}

/* A VTIMEZONE that would make libical expand billions of changes. */
static void test_parse_hostile_vtimezone(void **state)
{
    (void)state;
    REFUSE(CAL("BEGIN:VTIMEZONE\r\nTZID:Evil\r\nBEGIN:STANDARD\r\n"
               "DTSTART:19000101T000000\r\nTZOFFSETFROM:+0100\r\n"
               "TZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\n"
               "END:VTIMEZONE\r\n"
               EV("DTSTART;TZID=Evil:22000101T000000\r\n")),
           "De tijdzone 'Evil' in het bestand wordt niet gelezen");
    REFUSE(CAL("BEGIN:VTIMEZONE\r\nTZID:Old\r\nBEGIN:STANDARD\r\n"
               "DTSTART:00010101T000000\r\nTZOFFSETFROM:+0100\r\n"
               "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=1,2,3\r\n"
               "END:STANDARD\r\nEND:VTIMEZONE\r\n"
               EV("DTSTART;TZID=Old:20270101T000000\r\n")),
           "wordt niet gelezen");
    /* no STANDARD or DAYLIGHT: libical would take it as UTC */
    REFUSE(CAL("BEGIN:VTIMEZONE\r\nTZID:Empty\r\nEND:VTIMEZONE\r\n"
               EV("DTSTART;TZID=Empty:20270101T100000\r\n")),
           "STANDARD- of DAYLIGHT-onderdelen");
}

/* Build a file of n copies of unit between a VCALENDAR head and tail. */
static char *repeat(const char *head, const char *unit, size_t n,
                    const char *tail, size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
    char *s = malloc(hl + ul * n + tl + 1), *o;

    assert_non_null(s);
    memcpy(s, head, hl);
    o = s + hl;
    for (i = 0; i < n; i++, o += ul)
        memcpy(o, unit, ul);
    memcpy(o, tail, tl + 1);
    *len = hl + ul * n + tl;
    return s;
}

static void test_parse_limits(void **state)
{
    struct ical_parsed *p = NULL;
    char err[200] = "";
    size_t len;
    char *s;
    long n;

    (void)state;
    /* exactly ICAL_MAX_EVENTS is fine */
    s = repeat("BEGIN:VCALENDAR\r\n", EV("DTSTART:20270612T080000Z\r\n"),
               ICAL_MAX_EVENTS, "END:VCALENDAR\r\n", &len);
    n = ical_parse(s, len, &p, err, sizeof err);
    if (n != ICAL_MAX_EVENTS)
        fail_msg("ical_parse: %ld %s", n, err);
    assert_string_equal(p[ICAL_MAX_EVENTS - 1].starts_at, "2027-06-12T10:00");
    free(p);
    free(s);
    /* one more, and 10,000, are refused before parsing */
    s = repeat("BEGIN:VCALENDAR\r\n", EV("DTSTART:20270612T080000Z\r\n"),
               ICAL_MAX_EVENTS + 1, "END:VCALENDAR\r\n", &len);
    refuse_len(s, len, "meer dan 5000 afspraken");
    free(s);
    s = repeat("BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
               10000, "END:VCALENDAR\r\n", &len);
    refuse_len(s, len, "meer dan 5000 afspraken");
    free(s);
    /* over the size limit */
    s = repeat("BEGIN:VCALENDAR\r\n", "X-PAD:0123456789012345678901234567\r\n",
               ICAL_MAX_BYTES / 36, "END:VCALENDAR\r\n", &len);
    assert_true(len > ICAL_MAX_BYTES);
    refuse_len(s, len, "groter dan 2 MB");
    free(s);
    /* deep nesting (libical frees components recursively) */
    s = repeat("BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", 100000,
               "", &len);
    refuse_len(s, len, "dieper dan 8 niveaus");
    free(s);
    /* nesting hidden by folding and case is still seen */
    REFUSE("BEGIN:VCALENDAR\r\nBEG\r\n IN:VEVENT\r\nbegin :X\r\n"
           "BEGIN;A=B:X\r\n"
           "BEGIN:X\r\nBEGIN:X\r\nBEGIN:X\r\nBEGIN:X\r\nBEGIN:X\r\n",
           "dieper dan 8 niveaus");
    /* an END closes whatever is open, whatever its name: libical agrees
     * (this parses, the depth never passes 2), and the number of
     * components is limited */
    s = repeat("BEGIN:VCALENDAR\r\n", "BEGIN:A\r\nEND:B\r\n", 20000,
               "END:VCALENDAR\r\n", &len);
    assert_int_equal(ical_parse(s, len, &p, err, sizeof err), 0);
    free(s);
    s = repeat("BEGIN:VCALENDAR\r\n", "BEGIN:A\r\nEND:B\r\n", 30000,
               "END:VCALENDAR\r\n", &len);
    refuse_len(s, len, "meer dan 20256 onderdelen");
    free(s);
    /* one huge line, folded or not */
    s = repeat("BEGIN:VCALENDAR\r\nX-BIG:", "x", 300 * 1024,
               "\r\nEND:VCALENDAR\r\n", &len);
    refuse_len(s, len, "langer dan 256 kB");
    free(s);
    s = repeat("BEGIN:VCALENDAR\r\nX-BIG:", "xxxxxxxxxxxxxxxxxxxxxxxxx\r\n ",
               12000, "\r\nEND:VCALENDAR\r\n", &len);
    refuse_len(s, len, "langer dan 256 kB");
    free(s);
    /* too many lines */
    s = repeat("BEGIN:VCALENDAR\r\n", "BEGIN:VTODO\r\nX:\r\nX:\r\nX:\r\nX:\r\n"
               "X:\r\nX:\r\nX:\r\nX:\r\nX:\r\nX:\r\nX:\r\nX:\r\nX:\r\nX:\r\n"
               "END:VTODO\r\n", 8400, "END:VCALENDAR\r\n", &len);
    refuse_len(s, len, "meer dan 131072 regels");
    free(s);
    /* libical is quadratic in the lines of one component (each empty
     * DESCRIPTION is an X-LIC-ERROR) and in the parameters of a line */
    s = repeat("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "DESCRIPTION:\r\n", 1001,
               "END:VEVENT\r\nEND:VCALENDAR\r\n", &len);
    refuse_len(s, len, "Regel 1003: een onderdeel heeft meer dan 1000 regels");
    free(s);
    s = repeat("BEGIN:VCALENDAR\r\nX-Q", ";a=b", 101,
               ":v\r\nEND:VCALENDAR\r\n", &len);
    refuse_len(s, len, "Regel 2 heeft meer dan 100 parameters");
    free(s);
    /* quoted ';' and ':' are not parameters; an escaped quote does not
     * open a quoted part */
    s = repeat("BEGIN:VCALENDAR\r\nX-Q;A=\"", ";:", 200,
               "\":v\r\nEND:VCALENDAR\r\n", &len);
    assert_int_equal(ical_parse(s, len, &p, err, sizeof err), 0);
    free(s);
    s = repeat("BEGIN:VCALENDAR\r\nX-Q;A=\\\"", ";b=c", 101,
               ":v\r\nEND:VCALENDAR\r\n", &len);
    refuse_len(s, len, "parameters");
    free(s);
}

/* A calendar without events, and a small err buffer. */
static void test_parse_edges(void **state)
{
    struct ical_parsed *p = (struct ical_parsed *)&p;
    char err[24];

    (void)state;
    assert_int_equal(parse(CAL(""), &p, err, sizeof err), 0);
    assert_null(p);
    assert_int_equal(parse(CAL(EV("DTSTART:20270612T100000\r\n"
                                  "DTEND:20270612T090000\r\n")), &p, err,
                           sizeof err), -1);
    assert_null(p);
    assert_true(strlen(err) < sizeof err);
    assert_true(text_utf8_valid(err, strlen(err)));
    /* a SUMMARY with an escaped newline is read as one line */
    p = NULL;
    assert_int_equal(parse(CAL("BEGIN:VEVENT\r\nSUMMARY:a\\nb\\, c\r\n"
                               "DTSTART:20270612T100000\r\nEND:VEVENT\r\n"),
                           &p, err, sizeof err), 1);
    assert_string_equal(p[0].summary, "a b, c");
    free(p);
    /* spaces at either end are dropped, as libical drops them on reading
     * (found by fuzz_ical's round trip) */
    p = NULL;
    assert_int_equal(parse(CAL("BEGIN:VEVENT\r\nSUMMARY:\\n x y \\n\r\n"
                               "DTSTART:20270612T100000\r\nEND:VEVENT\r\n"),
                           &p, err, sizeof err), 1);
    assert_string_equal(p[0].summary, "x y");
    free(p);
    /* Google Calendar writes empty properties; libical flags them ("No
     * value for DESCRIPTION property") but they are harmless */
    p = NULL;
    assert_int_equal(parse(CAL(EV("DESCRIPTION:\r\nLOCATION:\r\n"
                                  "DTSTART:20270612T100000\r\n")),
                           &p, err, sizeof err), 1);
    free(p);
    REFUSE(CAL(EV("DTSTART:\r\n")), "(DTSTART) ontbreekt");
    /* libical 3.0 unescapes a backslash before a multibyte character by
     * replacing the lead byte; the stray continuation bytes become '?'
     * (found by fuzz_ical: the result must stay UTF-8) */
    p = NULL;
    assert_int_equal(parse(CAL("BEGIN:VEVENT\r\nSUMMARY:caf\\\xC3\xA9 "
                               "\\\xD0\x9D\r\nDTSTART:20270612T100000\r\n"
                               "END:VEVENT\r\n"), &p, err, sizeof err), 1);
    assert_string_equal(p[0].summary, "caf ?  ?");
    free(p);
}

/* An empty title is written without SUMMARY (libical would refuse its own
 * "SUMMARY:" on reading) and reads back as "". */
static void test_empty_summary(void **state)
{
    struct ical_event e = three[1];
    struct ical_parsed *p = NULL;
    char err[200] = "";
    char *ics;

    (void)state;
    e.summary = "";
    ics = ical_write(&e, 1, "Koers", err, sizeof err);
    assert_non_null(ics);
    assert_null(strstr(ics, "SUMMARY"));
    assert_int_equal(parse(ics, &p, err, sizeof err), 1);
    assert_string_equal(p[0].summary, "");
    free(p);
    free(ics);
}

/* Daylight saving time edges, documented:
 * - 2027-03-28 02:00-03:00 does not exist in Europe/Amsterdam. ical_write
 *   does not refuse a meeting at 02:30 (Koers stores wall-clock time and
 *   does not know the zone); it writes DTSTART;TZID=Europe/Amsterdam:
 *   20270328T023000 as given. RFC 5545 3.3.5 says a reader takes such a
 *   time with the offset before the gap, i.e. 01:30 UTC = 03:30 CEST.
 *   ical_parse keeps a TZID=Europe/Amsterdam time as written (no
 *   conversion), so the meeting reads back as 02:30; the same instant in
 *   UTC (01:30Z) reads as 03:30.
 * - 2027-10-31 02:00-03:00 happens twice: 00:30Z and 01:30Z both read as
 *   02:30, so a 20-minute meeting 02:50 CEST - 02:10 CET in UTC would read
 *   02:50-02:10 and is refused (end before start in wall-clock time). */
static void test_dst_edges(void **state)
{
    struct ical_event e = three[0];
    struct ical_parsed *p = NULL;
    char err[200] = "";
    char *ics, *flat;
    long n;

    (void)state;
    e.starts_at = "2027-03-28T02:30";
    e.ends_at = "2027-03-28T03:30";
    ics = ical_write(&e, 1, "Koers", err, sizeof err);
    assert_non_null(ics);
    flat = unfold(ics);
    HAS(flat, "DTSTART;TZID=Europe/Amsterdam:20270328T023000\r\n");
    free(flat);
    n = parse(ics, &p, err, sizeof err);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].starts_at, "2027-03-28T02:30");
    assert_string_equal(p[0].ends_at, "2027-03-28T03:30");
    free(p);
    free(ics);

    n = parse(CAL(EV("DTSTART:20270328T013000Z\r\nDTEND:20270328T023000Z\r\n")
                  EV("DTSTART:20271031T003000Z\r\nDTEND:20271031T005000Z\r\n")
                  EV("DTSTART:20271031T013000Z\r\n"
                     "DTEND:20271031T020000Z\r\n")),
              &p, err, sizeof err);
    assert_int_equal(n, 3);
    assert_string_equal(p[0].starts_at, "2027-03-28T03:30");
    assert_string_equal(p[0].ends_at, "2027-03-28T04:30");
    assert_string_equal(p[1].starts_at, "2027-10-31T02:30");   /* CEST */
    assert_string_equal(p[1].ends_at, "2027-10-31T02:50");
    assert_string_equal(p[2].starts_at, "2027-10-31T02:30");   /* CET */
    assert_string_equal(p[2].ends_at, "2027-10-31T03:00");
    free(p);
    REFUSE(CAL(EV("DTSTART:20271031T005000Z\r\nDTEND:20271031T011000Z\r\n")),
           "het einde ligt v\xC3\xB3\xC3\xB3r het begin");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_feed),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_write_folding_and_empty),
        cmocka_unit_test(test_write_fold_lengths),
        cmocka_unit_test(test_write_invalid),
        cmocka_unit_test(test_parse_zones),
        cmocka_unit_test(test_parse_outlook),
        cmocka_unit_test(test_parse_refusals),
        cmocka_unit_test(test_parse_hostile_vtimezone),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_parse_edges),
        cmocka_unit_test(test_dst_edges),
        cmocka_unit_test(test_empty_summary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
