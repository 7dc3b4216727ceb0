#!/usr/bin/python3
"""ical_check.py - check an iCalendar feed written by Koers with an
independent parser (Debian's python3-icalendar).

Usage: tests/ical_check.py FILE.ics | URL | -

Reads the feed from a file, from an http(s) URL or from standard input,
parses it with icalendar.Calendar.from_ical and checks:
  calendar: it parses, the root is a VCALENDAR, VERSION is 2.0, PRODID is
            Koers's, there is exactly one VTIMEZONE, with TZID
            Europe/Amsterdam and both STANDARD and DAYLIGHT parts, and the
            UIDs are unique;
  each VEVENT: UID, DTSTAMP (in UTC), DTSTART with tzinfo Europe/Amsterdam,
            DTEND (when present) in the same zone and after DTSTART, and an
            integer SEQUENCE.
Prints one FAIL line per broken check and then "N passed, M failed", where
N + M is the number of events plus the calendar-level checks. Exit status
0 when nothing failed, 1 otherwise, 2 on a usage or fetch error.

Run it with Debian's /usr/bin/python3 (python3-icalendar lives in
/usr/lib/python3/dist-packages); another python3 3.x on the PATH, such as
a pyenv one, is pointed there when it cannot import icalendar itself.
"""

import datetime
import sys
import urllib.request

try:
    import icalendar
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        import icalendar
    except ImportError:
        sys.stderr.write("ical_check: python3-icalendar is missing "
                         "(apt-get install python3-icalendar)\n")
        sys.exit(2)

TZID = "Europe/Amsterdam"
PRODID_PREFIX = "-//Koers//Koers "
MAX_BYTES = 64 * 1024 * 1024


def read_input(arg):
    """The raw bytes of the feed named by arg (path, URL or '-')."""
    if arg == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    if arg.startswith("http://") or arg.startswith("https://"):
        req = urllib.request.Request(arg, headers={"Accept": "text/calendar"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.read(MAX_BYTES + 1)
    with open(arg, "rb") as f:
        return f.read(MAX_BYTES + 1)


def zone_name(tzinfo):
    """The IANA name of a tzinfo from pytz (.zone, icalendar 4) or
    zoneinfo (.key, icalendar 5 and later); None when there is none."""
    if tzinfo is None:
        return None
    for attr in ("zone", "key"):
        name = getattr(tzinfo, attr, None)
        if name:
            return str(name)
    return str(tzinfo)


def is_utc(dt):
    return (isinstance(dt, datetime.datetime) and dt.tzinfo is not None
            and dt.utcoffset() == datetime.timedelta(0))


def check_event(ev):
    """Problems with one VEVENT, as a list of strings (empty when fine)."""
    bad = []
    if not str(ev.get("UID", "")).strip():
        bad.append("UID ontbreekt")
    stamp = ev.get("DTSTAMP")
    if stamp is None:
        bad.append("DTSTAMP ontbreekt")
    elif not is_utc(stamp.dt):
        bad.append("DTSTAMP is niet in UTC: %r" % (stamp.dt,))
    start = ev.get("DTSTART")
    if start is None:
        bad.append("DTSTART ontbreekt")
    else:
        s = start.dt
        if not isinstance(s, datetime.datetime):
            bad.append("DTSTART is geen datum met tijd: %r" % (s,))
        elif zone_name(s.tzinfo) != TZID:
            bad.append("DTSTART heeft tijdzone %s, niet %s"
                       % (zone_name(s.tzinfo), TZID))
        end = ev.get("DTEND")
        if end is not None and isinstance(s, datetime.datetime):
            e = end.dt
            if not isinstance(e, datetime.datetime):
                bad.append("DTEND is geen datum met tijd: %r" % (e,))
            elif zone_name(e.tzinfo) != TZID:
                bad.append("DTEND heeft tijdzone %s" % zone_name(e.tzinfo))
            elif e <= s:
                bad.append("DTEND %s ligt niet na DTSTART %s" % (e, s))
    if "SEQUENCE" not in ev:
        bad.append("SEQUENCE ontbreekt")
    else:
        try:
            seq = ev.decoded("SEQUENCE")
            if int(seq) != seq or int(seq) < 0:
                raise ValueError(seq)
        except (ValueError, TypeError):
            bad.append("SEQUENCE is geen geheel getal >= 0: %r"
                       % (ev.get("SEQUENCE"),))
    return bad


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: ical_check.py FILE.ics | URL | -\n")
        return 2
    try:
        data = read_input(argv[1])
    except (OSError, ValueError) as e:
        sys.stderr.write("ical_check: cannot read %s: %s\n" % (argv[1], e))
        return 2
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: %s" % what)
        return ok

    if not check(len(data) <= MAX_BYTES, "feed groter dan %d bytes"
                 % MAX_BYTES):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    try:
        cal = icalendar.Calendar.from_ical(data)
        error = None
    except Exception as e:   # the parser raises ValueError and others
        cal, error = None, e
    if not check(cal is not None, "niet te parsen: %s" % (error,)):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    check(cal.name == "VCALENDAR", "de wortel is %s, geen VCALENDAR"
          % cal.name)
    check(str(cal.get("VERSION", "")) == "2.0", "VERSION is %r, niet 2.0"
          % str(cal.get("VERSION", "")))
    prodid = str(cal.get("PRODID", ""))
    check(prodid.startswith(PRODID_PREFIX), "PRODID is %r" % prodid)
    zones = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
    check(len(zones) == 1, "%d VTIMEZONE-onderdelen, verwacht 1"
          % len(zones))
    tzids = [str(z.get("TZID", "")) for z in zones]
    check(tzids == [TZID], "TZID van de VTIMEZONE is %r" % tzids)
    parts = set(c.name for z in zones for c in z.subcomponents)
    check({"STANDARD", "DAYLIGHT"} <= parts,
          "VTIMEZONE zonder STANDARD en DAYLIGHT: %r" % sorted(parts))
    events = [c for c in cal.subcomponents if c.name == "VEVENT"]
    uids = [str(e.get("UID", "")) for e in events]
    dups = sorted(set(u for u in uids if uids.count(u) > 1))
    check(not dups, "dubbele UID's: %r" % dups)
    for i, ev in enumerate(events, 1):
        bad = check_event(ev)
        check(not bad, "VEVENT %d (%s): %s"
              % (i, ev.get("UID", "?"), "; ".join(bad)))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
