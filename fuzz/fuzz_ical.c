/* fuzz_ical.c - libFuzzer target for ical.h (ical_parse, and ical_write
 * on what was parsed).
 *
 * Feeds arbitrary bytes (not NUL-terminated, so ASan catches any read
 * past len) and checks what ical.h promises:
 * - on failure: -1, *out NULL, a non-empty NUL-terminated reason in valid
 *   UTF-8 (it is shown on a page);
 * - input with a NUL byte or over ICAL_MAX_BYTES is refused;
 * - on success: at most ICAL_MAX_EVENTS events, *out NULL exactly when
 *   there are none; every string NUL-terminated inside its array, valid
 *   UTF-8 without control characters; starts_at and ends_at strict
 *   "YYYY-MM-DDTHH:MM" (calendar.h) with ends_at after starts_at;
 *   cancelled 0 or 1;
 * - round trip: when ical_write accepts the parsed events, ical_parse
 *   reads its output back to the same uid, summary, body code, times and
 *   status.
 * libical itself is not instrumented (Debian's shared library), so
 * coverage guidance reaches only Koers's code; ASan still sees libical's
 * heap through the interceptors. See fuzz/README.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "ical.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A string inside a fixed array: terminated, UTF-8, no controls. */
static void check_field(const char *s, size_t cap)
{
    const char *end = memchr(s, '\0', cap);
    const unsigned char *p;

    if (end == NULL || !text_utf8_valid(s, (size_t)(end - s)))
        abort();
    for (p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7F)
            abort();
}

static void check_time(const char *s)
{
    long days;
    int minute;

    if (memchr(s, '\0', 17) == NULL || cal_parse_datetime(s, &days, &minute))
        abort();
}

/* Write the parsed events and read them back. */
static void roundtrip(const struct ical_parsed *p, long n)
{
    struct ical_event *ev = calloc((size_t)n, sizeof *ev);
    struct ical_parsed *back = NULL;
    char err[256], *ics;
    long i, m;

    if (ev == NULL)
        abort();
    for (i = 0; i < n; i++) {
        ev[i].uid = p[i].uid;
        ev[i].summary = p[i].summary;
        ev[i].body_code = p[i].body_code[0] ? p[i].body_code : NULL;
        ev[i].starts_at = p[i].starts_at;
        ev[i].ends_at = p[i].ends_at;
        ev[i].sequence = (int)i;
        ev[i].cancelled = p[i].cancelled;
    }
    ics = ical_write(ev, (size_t)n, "Fuzz", err, sizeof err);
    if (ics == NULL) {
        /* refused input (an empty UID, a bidi character, a body code that
         * is not a code) must say why */
        if (memchr(err, '\0', sizeof err) == NULL || err[0] == '\0')
            abort();
        free(ev);
        return;
    }
    m = ical_parse(ics, strlen(ics), &back, err, sizeof err);
    if (m != n)
        abort();
    for (i = 0; i < n; i++) {
        if (strcmp(back[i].uid, p[i].uid) != 0 ||
            strcmp(back[i].summary, p[i].summary) != 0 ||
            strcmp(back[i].body_code, p[i].body_code) != 0 ||
            strcmp(back[i].starts_at, p[i].starts_at) != 0 ||
            strcmp(back[i].ends_at, p[i].ends_at) != 0 ||
            back[i].cancelled != p[i].cancelled)
            abort();
    }
    free(back);
    free(ics);
    free(ev);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ical_parsed *out = (struct ical_parsed *)&out;
    char err[256];
    long n, i;

    memset(err, 'x', sizeof err);
    n = ical_parse((const char *)data, size, &out, err, sizeof err);
    if (n < 0) {
        if (n != -1 || out != NULL || memchr(err, '\0', sizeof err) == NULL ||
            err[0] == '\0' || !text_utf8_valid(err, strlen(err)))
            abort();
        return 0;
    }
    if (memchr(data, '\0', size) != NULL || size > ICAL_MAX_BYTES ||
        n > ICAL_MAX_EVENTS || (n == 0) != (out == NULL))
        abort();
    for (i = 0; i < n; i++) {
        check_field(out[i].uid, sizeof out[i].uid);
        check_field(out[i].summary, sizeof out[i].summary);
        check_field(out[i].body_code, sizeof out[i].body_code);
        check_field(out[i].categories, sizeof out[i].categories);
        check_time(out[i].starts_at);
        check_time(out[i].ends_at);
        if (strcmp(out[i].ends_at, out[i].starts_at) <= 0 ||
            (out[i].cancelled != 0 && out[i].cancelled != 1))
            abort();
    }
    if (n > 0)
        roundtrip(out, n);
    free(out);
    return 0;
}
