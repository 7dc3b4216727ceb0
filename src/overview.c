/* overview.c - the secretaris overview (see overview.h). */
#include "overview.h"
#include "calendar.h"
#include "commitment.h"
#include "cycle.h"
#include "cyclestore.h"
#include "meeting.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>

#define OVERVIEW_COLUMNS \
    "SELECT m.id, m.title AS titel, b.code AS overleg, m.starts_at AS " \
    "begin, m.status, (SELECT count(*) FROM agenda_item a WHERE " \
    "a.meeting_id = m.id AND a.status = 'geagendeerd') AS geagendeerd, " \
    "(SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id AND " \
    "a.status = 'voorgesteld') AS voorgesteld FROM meeting m LEFT JOIN " \
    "body b ON b.id = m.body_id "

/* Violations of the stored calendar in the year of `today`. */
static json_t *violations(sqlite3 *db, int year)
{
    struct cycle_rules rules = { 0 };
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0;
    long nv = -1;
    json_t *out;

    if (cycle_rules_load(db, &rules) == 0 &&
        cyclestore_load(db, year - 1, year + 1, &m, &n) == 0)
        nv = cycle_check(&rules, m, n, year, year, &v);
    out = nv >= 0 ? cyclestore_violations_json(v, nv) : json_array();
    free(m);
    free(v);
    cycle_rules_free(&rules);
    return out;
}

json_t *overview_secretaris(sqlite3 *db, const char *today)
{
    long d;
    char in4w[11], in8w[11];
    json_t *o;

    if (cal_parse_date(today, &d) != 0)
        return NULL;
    cal_format_date(d + 28, in4w);
    cal_format_date(d + 56, in8w);
    o = json_object();
    json_object_set_new(o, "datum", json_string(today));
    json_object_set_new(o, "komend", sqljson_rows(db, OVERVIEW_COLUMNS
        "WHERE m.status = 'gepland' AND m.starts_at >= ?1 AND "
        "m.starts_at < ?2 || 'T24' ORDER BY m.starts_at", "ss", today,
        in8w));
    json_object_set_new(o, "voorbereiden", sqljson_rows(db, OVERVIEW_COLUMNS
        "WHERE m.status = 'gepland' AND m.starts_at >= ?1 AND "
        "m.starts_at < ?2 || 'T24' AND ((SELECT count(*) FROM "
        "agenda_item a WHERE a.meeting_id = m.id AND a.status = "
        "'geagendeerd') = 0 OR (SELECT count(*) FROM agenda_item a WHERE "
        "a.meeting_id = m.id AND a.status = 'voorgesteld') > 0) "
        "ORDER BY m.starts_at", "ss", today, in4w));
    json_object_set_new(o, "verslagen", sqljson_rows(db, OVERVIEW_COLUMNS
        "WHERE m.status = 'gepland' AND m.starts_at < ? AND "
        "m.minutes = '' ORDER BY m.starts_at DESC LIMIT 200", "s", today));
    json_object_set_new(o, "acties", meeting_overdue_actions(db, today));
    json_object_set_new(o, "signalen", commitment_signals(db, NULL, NULL));
    json_object_set_new(o, "overtredingen", violations(db, atoi(today)));
    return o;
}
