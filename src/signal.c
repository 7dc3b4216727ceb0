/* signal.c - the signal table: raising, clearing, reading, and the rules
 * that recompute the signals read from the data (signal.h).
 *
 * A signal is identified by (kind, subject) and at most one row per pair
 * is open (cleared_at IS NULL, enforced by the partial unique index
 * signal_open). Raising an open signal keeps its first_seen, so "since
 * when" survives every refresh; clearing stamps cleared_at; raising again
 * afterwards opens a new row, so the history shows each episode.
 *
 * signal_refresh runs the rules below, each owning one kind. A rule
 * raises what fires now and notes (kind, subject) in the connection's
 * temporary table signal_fired; at the end every open signal of a rule
 * kind that was not noted is cleared. The thresholds are data: the
 * attendance rule is the cycle rule of kind 'inzet' (commitment.h), the
 * waiting time of a knelpunt is its route state's overdue_days
 * (knelpunt_route_state). Which risk a declining attendance feeds is
 * decided by the organisation's type (attendance_risk below). */
#include "signal.h"
#include "commitment.h"
#include "log.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

#define SIGNAL_MESSAGE_MAX 2000
#define SIGNAL_PARTS_MAX 1400    /* bytes of body list in one message */

/* The kinds signal_refresh owns; "gremium-overlap" (risk 7) is raised by
 * the gremia module when a gremium is registered or changed. */
static const char *const rule_kinds[] = { "inzet-daalt", "knelpunt-stil",
    "netwerkmanager-vacant", "druk-kerngroep", "dekking-accounthouder",
    "zetel-onbezet", NULL };

static void bind_risk(sqlite3_stmt *st, int i, int risk_nr)
{
    if (risk_nr > 0)
        store_bind_int(st, i, risk_nr);
    else
        sqlite3_bind_null(st, i);
}

/* The first_seen of the open signal (kind, subject) into out (size 32);
 * 1 when there is one, 0 when not, -1 on a store error. */
static int open_since(sqlite3 *db, const char *kind, const char *subject,
                      char out[32])
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT first_seen FROM signal WHERE kind = ?1 AND subject = ?2 "
        "AND cleared_at IS NULL");
    int rc;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, subject);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(out, 32, "%s", store_col(st, 0));
        rc = 1;
    } else {
        rc = rc == SQLITE_DONE ? 0 : -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Insert a new open row; since NULL means now. */
static int insert_open(sqlite3 *db, const char *kind, int risk_nr,
                       const char *subject, const char *since,
                       const char *message)
{
    sqlite3_stmt *st = store_prepare(db,
        "INSERT INTO signal (kind, risk_nr, subject, message, first_seen, "
        "last_seen) VALUES (?1, ?2, ?3, ?4, "
        "coalesce(?5, strftime('%Y-%m-%dT%H:%M:%SZ','now')), "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now'))");

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, kind);
    bind_risk(st, 2, risk_nr);
    store_bind_text(st, 3, subject);
    store_bind_text(st, 4, message);
    store_bind_text(st, 5, since);
    return store_exec_stmt(st);
}

int signal_raise_at(sqlite3 *db, const char *kind, int risk_nr,
                    const char *subject, const char *since,
                    const char *message)
{
    sqlite3_stmt *st;
    char first[32];
    int open;

    if (kind == NULL || subject == NULL || message == NULL)
        return -1;
    if (since && since[0] == '\0')
        since = NULL;
    open = open_since(db, kind, subject, first);
    if (open < 0)
        return -1;
    if (open == 0)
        return insert_open(db, kind, risk_nr, subject, since, message);
    st = store_prepare(db,
        "UPDATE signal SET message = ?1, risk_nr = ?2, last_seen = "
        "strftime('%Y-%m-%dT%H:%M:%SZ','now') "
        "WHERE kind = ?3 AND subject = ?4 AND cleared_at IS NULL");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, message);
    bind_risk(st, 2, risk_nr);
    store_bind_text(st, 3, kind);
    store_bind_text(st, 4, subject);
    return store_exec_stmt(st);
}

int signal_raise(sqlite3 *db, const char *kind, int risk_nr,
                 const char *subject, const char *message)
{
    return signal_raise_at(db, kind, risk_nr, subject, NULL, message);
}

int signal_clear(sqlite3 *db, const char *kind, const char *subject)
{
    sqlite3_stmt *st;

    if (kind == NULL || subject == NULL)
        return -1;
    st = store_prepare(db,
        "UPDATE signal SET cleared_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') "
        "WHERE kind = ?1 AND subject = ?2 AND cleared_at IS NULL");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, subject);
    return store_exec_stmt(st);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

json_t *signal_list(sqlite3 *db, int risk_nr, int with_closed)
{
    return sqljson_rows(db,
        "SELECT s.id, s.kind AS soort, s.risk_nr AS risico, s.subject AS "
        "onderwerp, s.message AS melding, s.first_seen AS sinds, "
        "s.last_seen AS laatstGezien, s.cleared_at AS opgeheven, "
        "CASE WHEN s.cleared_at IS NULL THEN 1 ELSE 0 END AS open "
        "FROM signal s WHERE (?1 = 0 OR s.risk_nr = ?1) AND "
        "(?2 = 1 OR s.cleared_at IS NULL) "
        "ORDER BY s.cleared_at IS NOT NULL, s.risk_nr, s.first_seen, s.id",
        "ii", (long long)risk_nr, (long long)(with_closed != 0));
}

void signal_redact(sqlite3 *db, json_t *list)
{
    json_t *s;
    size_t i;

    json_array_foreach(list, i, s) {
        const char *kind = sqljson_str(s, "soort");
        const char *subj = sqljson_str(s, "onderwerp");

        if (strcmp(kind, "druk-kerngroep") == 0) {
            json_object_set_new(s, "melding", json_string(
                "Er is druk van buiten vastgelegd op wie deelneemt aan deze "
                "kerngroep (risico 6). De meldingen zelf zijn alleen na "
                "inloggen te zien."));
        } else if (strcmp(kind, "knelpunt-stil") == 0 &&
                   strncmp(subj, "knelpunt:", 9) == 0 &&
                   store_count(db, "SELECT count(*) FROM knelpunt WHERE "
                               "public = 1 AND id = CAST(? AS INTEGER)",
                               subj + 9) != 1) {
            json_object_set_new(s, "onderwerp", json_string("knelpunt"));
            json_object_set_new(s, "melding", json_string(
                "Een niet-openbaar knelpunt wacht langer dan de termijn op "
                "behandeling (risico 5)."));
        }
    }
}

/* ------------------------------------------------------------------ */
/* The rules                                                           */

/* Raise (kind, subject) and note it as fired in this run. A rule whose
 * evidence carries a date passes it as since (used when a new row
 * opens). With `episode` set, since is when the present condition began:
 * when an open signal began before it, the condition it recorded has
 * ended in between (a knelpunt moved on and got stuck again) and a new
 * episode opens. */
static int fire(sqlite3 *db, const char *kind, int risk_nr,
                const char *subject, const char *since, int episode,
                const char *message)
{
    sqlite3_stmt *st;
    char first[32];
    int open;

    if (since && episode) {
        open = open_since(db, kind, subject, first);
        if (open < 0 ||
            (open == 1 && strcmp(first, since) < 0 &&
             signal_clear(db, kind, subject) != 0))
            return -1;
    }
    if (signal_raise_at(db, kind, risk_nr, subject, since, message) != 0)
        return -1;
    st = store_prepare(db, "INSERT OR IGNORE INTO temp.signal_fired "
                           "(kind, subject) VALUES (?1, ?2)");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, kind);
    store_bind_text(st, 2, subject);
    return store_exec_stmt(st);
}

/* Which risk of figure 11 a structural decline in attendance feeds, by
 * the organisation's type. Risk 4 (L2160-L2161) is about partners that
 * are unwilling to look for solutions together in the triple helix
 * overleggen: the education and business side and the unions, who sit
 * at the table as partners of the government. Risk 2 (L2157) is about
 * too little inzet to reach the goals: the government, the regions and
 * the support structure, which carry the execution. */
static int attendance_risk(const char *type)
{
    static const char *const risk4[] = { "onderwijs", "bedrijfsleven",
                                          "vakbond", NULL };
    int i;

    for (i = 0; risk4[i]; i++)
        if (strcmp(type, risk4[i]) == 0)
            return 4;
    return 2;
}

/* One organisation's declining attendance, collected over the bodies. */
struct decline {
    char code[64], name[256], type[32], since[32];
    char parts[SIGNAL_PARTS_MAX];
    size_t len;
};

static int decline_flush(sqlite3 *db, struct decline *d)
{
    char subject[96], msg[SIGNAL_MESSAGE_MAX];
    int risk;

    if (d->code[0] == '\0')
        return 0;
    risk = attendance_risk(d->type);
    snprintf(subject, sizeof subject, "organisatie:%s", d->code);
    snprintf(msg, sizeof msg, "De opkomst van %s (%s) daalt structureel: "
             "%s.", d->name, d->type, d->parts);
    d->code[0] = '\0';
    return fire(db, "inzet-daalt", risk, subject,
                d->since[0] ? d->since : NULL, 0, msg);
}

/* Risks 2 and 4: the commitment signals (commitment.h), one signal per
 * organisation naming every body where its attendance declines; since
 * the earliest of the last meetings that make the rule fire. */
static int rule_attendance(sqlite3 *db)
{
    json_t *sig = commitment_signals(db, NULL, NULL), *rule, *s;
    json_t *byorg = json_object();
    struct decline d;
    const char *key;
    int rc = -1, window;
    size_t i;

    rule = commitment_rule(db);
    window = (int)sqljson_int(rule, "aantal");
    json_decref(rule);
    if (sig == NULL || byorg == NULL)
        goto cleanup;
    /* group by organisation: the scan is ordered by body first */
    json_array_foreach(sig, i, s) {
        const char *org = sqljson_str(json_object_get(s, "organisatie"),
                                      "code");
        json_t *list = json_object_get(byorg, org);

        if (list == NULL) {
            list = json_array();
            json_object_set_new(byorg, org, list);
        }
        json_array_append(list, s);
    }
    memset(&d, 0, sizeof d);
    json_object_foreach(byorg, key, s) {
        json_t *one, *type;
        size_t k;

        type = sqljson_row(db, "SELECT type FROM organisation WHERE "
                               "code = ?", "s", key);
        snprintf(d.code, sizeof d.code, "%s", key);
        snprintf(d.type, sizeof d.type, "%s", sqljson_str(type, "type"));
        json_decref(type);
        d.len = 0;
        d.parts[0] = '\0';
        d.since[0] = '\0';
        json_array_foreach(s, k, one) {
            json_t *ser = json_object_get(one, "reeks");
            const char *last = sqljson_str(
                json_array_get(ser, json_array_size(ser) - 1), "datum");
            const char *seen = sqljson_str(one, "laatstAanwezig");
            int n;

            snprintf(d.name, sizeof d.name, "%s", sqljson_str(
                json_object_get(one, "organisatie"), "naam"));
            if (d.since[0] == '\0' || strncmp(last, d.since, 10) < 0)
                snprintf(d.since, sizeof d.since, "%.10sT00:00:00Z", last);
            n = snprintf(d.parts + d.len, sizeof d.parts - d.len,
                "%sin %s %.0f%% over de laatste %d vergaderingen t/m %s "
                "(%s%s)", d.len ? "; " : "",
                sqljson_str(json_object_get(one, "overleg"), "naam"),
                json_number_value(json_object_get(one, "percentageRecent")),
                window > 0 ? window : (int)json_array_size(ser), last,
                seen[0] ? "laatst aanwezig " : "nooit aanwezig", seen);
            if (n < 0 || (size_t)n >= sizeof d.parts - d.len)
                break;
            d.len += (size_t)n;
        }
        if (decline_flush(db, &d) != 0)
            goto cleanup;
    }
    rc = 0;
cleanup:
    json_decref(byorg);
    json_decref(sig);
    return rc;
}

/* One row of a rule's query: raise what it shows (through fire). */
typedef int (*rule_row_fn)(sqlite3 *db, sqlite3_stmt *st);

/* Run a rule's query and hand every row to fn; 0 when all rows fired,
 * -1 on a store error or a failing row. */
static int fire_rows(sqlite3 *db, const char *sql, rule_row_fn fn)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    int rc = -1, step;

    if (st == NULL)
        return -1;
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        if (fn(db, st) != 0)
            goto cleanup;
    rc = step == SQLITE_DONE ? 0 : -1;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* Risk 5: a knelpunt waits at a table (or, just reported, for one) longer
 * than its route state's waiting time; fires since state_since plus that
 * time. */
static int knelpunt_row(sqlite3 *db, sqlite3_stmt *st)
{
    char subject[48], msg[SIGNAL_MESSAGE_MAX];
    long long id = sqlite3_column_int64(st, 0);

    snprintf(subject, sizeof subject, "knelpunt:%lld", id);
    if (sqlite3_column_type(st, 3) != SQLITE_NULL)
        snprintf(msg, sizeof msg, "Knelpunt %lld \"%s\" ligt sinds %s "
                 "bij %s: %d dagen, langer dan de termijn van %d dagen.",
                 id, store_col(st, 1), store_col(st, 4), store_col(st, 2),
                 sqlite3_column_int(st, 6), sqlite3_column_int(st, 5));
    else
        snprintf(msg, sizeof msg, "Knelpunt %lld \"%s\" is sinds %s in "
                 "toestand %s en ligt nog bij geen tafel: %d dagen, "
                 "langer dan de termijn van %d dagen.", id,
                 store_col(st, 1), store_col(st, 4), store_col(st, 2),
                 sqlite3_column_int(st, 6), sqlite3_column_int(st, 5));
    return fire(db, "knelpunt-stil", 5, subject, store_col(st, 7), 1, msg);
}

static int rule_knelpunt(sqlite3 *db)
{
    return fire_rows(db,
        "SELECT k.id, k.title, s.name, s.body_code, substr(k.state_since, "
        "1, 10), s.overdue_days, CAST(julianday('now') - "
        "julianday(k.state_since) AS INTEGER), strftime('%Y-%m-%dT%H:%M:%SZ',"
        " k.state_since, '+' || s.overdue_days || ' days') "
        "FROM knelpunt k JOIN knelpunt_route_state s ON s.code = k.state "
        "WHERE s.final = 0 AND s.overdue_days IS NOT NULL AND "
        "k.state_since < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || "
        "s.overdue_days || ' days') ORDER BY k.id", knelpunt_row);
}

/* Risk 8: a kerngroep (a body of one pillar, L1638-L1641) without a
 * netwerkmanager: no active account with role netwerkmanager scoped to
 * it and no current member on a seat with code 'netwerkmanager'. */
static int netwerkmanager_row(sqlite3 *db, sqlite3_stmt *st)
{
    char subject[96], msg[SIGNAL_MESSAGE_MAX];

    snprintf(subject, sizeof subject, "overleg:%s", store_col(st, 0));
    snprintf(msg, sizeof msg, "%s heeft geen netwerkmanager: er is geen "
             "actief account met de rol netwerkmanager voor %s en geen "
             "lid op een netwerkmanagerzetel. Elke kerngroep wordt "
             "ondersteund door een netwerkmanager (rapport, regels "
             "1638-1641).", store_col(st, 1), store_col(st, 0));
    return fire(db, "netwerkmanager-vacant", 8, subject, NULL, 0, msg);
}

static int rule_netwerkmanager(sqlite3 *db)
{
    return fire_rows(db,
        "SELECT b.code, b.name FROM body b WHERE b.pillar_code IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM user u WHERE u.active = 1 AND "
        "u.role = 'netwerkmanager' AND lower(u.scope) = lower(b.code)) "
        "AND NOT EXISTS (SELECT 1 FROM membership m JOIN seat t ON t.id = "
        "m.seat_id WHERE m.body_id = b.id AND t.code = 'netwerkmanager' AND "
        "(m.until IS NULL OR m.until > date('now'))) ORDER BY b.ord",
        netwerkmanager_row);
}

/* Risk 6: open pressure notes on a kerngroep's composition; since the
 * oldest open note, the message quotes the newest. */
static int pressure_row(sqlite3 *db, sqlite3_stmt *st)
{
    char subject[96], msg[SIGNAL_MESSAGE_MAX];
    int n = sqlite3_column_int(st, 2);

    snprintf(subject, sizeof subject, "overleg:%s", store_col(st, 0));
    snprintf(msg, sizeof msg, "%d open %s van druk van buiten op wie "
             "deelneemt aan %s, sinds %s; laatste: \"%.600s\"", n,
             n == 1 ? "melding" : "meldingen", store_col(st, 1),
             store_col(st, 5), store_col(st, 4));
    return fire(db, "druk-kerngroep", 6, subject, store_col(st, 3), 0, msg);
}

static int rule_pressure(sqlite3 *db)
{
    return fire_rows(db,
        "SELECT b.code, b.name, count(*), min(p.recorded_at), "
        "(SELECT q.note FROM pressure_note q WHERE q.body_id = b.id AND "
        "q.resolved_at IS NULL ORDER BY q.recorded_at DESC, q.id DESC "
        "LIMIT 1), substr(min(p.recorded_at), 1, 10) "
        "FROM pressure_note p JOIN body b ON b.id = p.body_id "
        "WHERE p.resolved_at IS NULL GROUP BY b.id ORDER BY b.ord",
        pressure_row);
}

/* Risk 8, coverage: a province without an active accounthouder account
 * scoped to it (at least one per province, L1931-L1933). */
static int accounthouder_row(sqlite3 *db, sqlite3_stmt *st)
{
    char subject[48], msg[SIGNAL_MESSAGE_MAX];

    snprintf(subject, sizeof subject, "regio:%s", store_col(st, 0));
    snprintf(msg, sizeof msg, "De provincie %s (%s) heeft geen "
             "accounthouder van PTvT; het rapport beveelt minimaal één "
             "accounthouder per provincie aan (regels 1931-1933).",
             store_col(st, 1), store_col(st, 0));
    return fire(db, "dekking-accounthouder", 8, subject, NULL, 0, msg);
}

static int rule_accounthouder(sqlite3 *db)
{
    return fire_rows(db,
        "SELECT r.code, r.name FROM region r WHERE r.kind = 'provincie' AND "
        "(r.ended IS NULL OR r.ended > date('now')) AND NOT EXISTS (SELECT 1 "
        "FROM user u WHERE u.active = 1 AND u.role = 'accounthouder' AND "
        "upper(u.scope) = r.code) ORDER BY r.code", accounthouder_row);
}

/* Risk 8: the boegbeeld and secretaris seats, filled by an active
 * account with that role. */
static int rule_seats(sqlite3 *db)
{
    static const struct {
        const char *role, *text;
    } seats[] = {
        { "boegbeeld", "Er is geen boegbeeld: geen actief account met de rol "
          "boegbeeld. Het boegbeeld zit het koersoverleg voor en is het "
          "gezicht van het Actieplan (rapport, regels 1623-1626)." },
        { "secretaris", "Er is geen secretaris: geen actief account met de "
          "rol secretaris. De secretaris draagt de overall coördinatie en "
          "zorgt voor de agendavoering (rapport, regels 1850-1852)." },
    };
    size_t i;

    for (i = 0; i < sizeof seats / sizeof seats[0]; i++) {
        char subject[48];
        long long n = store_count(db, "SELECT count(*) FROM user WHERE "
                                      "active = 1 AND role = ?",
                                  seats[i].role);

        if (n < 0)
            return -1;
        if (n > 0)
            continue;
        snprintf(subject, sizeof subject, "rol:%s", seats[i].role);
        if (fire(db, "zetel-onbezet", 8, subject, NULL, 0, seats[i].text)
            != 0)
            return -1;
    }
    return 0;
}

/* Clear the open signals of the rule kinds that did not fire. */
static int clear_unfired(sqlite3 *db)
{
    size_t i;

    for (i = 0; rule_kinds[i]; i++) {
        sqlite3_stmt *st = store_prepare(db,
            "UPDATE signal SET cleared_at = "
            "strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE kind = ?1 AND "
            "cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
            "temp.signal_fired f WHERE f.kind = signal.kind AND "
            "f.subject = signal.subject)");

        if (st == NULL)
            return -1;
        store_bind_text(st, 1, rule_kinds[i]);
        if (store_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

int signal_refresh(sqlite3 *db)
{
    int own = sqlite3_get_autocommit(db) != 0;

    if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS signal_fired ("
                         "kind TEXT NOT NULL, subject TEXT NOT NULL, "
                         "PRIMARY KEY (kind, subject))", NULL, NULL, NULL)
        != SQLITE_OK)
        return -1;
    if (own && store_begin(db) != 0)
        return -1;
    if (sqlite3_exec(db, "DELETE FROM temp.signal_fired", NULL, NULL, NULL)
            != SQLITE_OK ||
        rule_attendance(db) != 0 || rule_knelpunt(db) != 0 ||
        rule_netwerkmanager(db) != 0 || rule_pressure(db) != 0 ||
        rule_accounthouder(db) != 0 || rule_seats(db) != 0 ||
        clear_unfired(db) != 0) {
        log_error("signal_refresh: %s", sqlite3_errmsg(db));
        if (own)
            store_rollback(db);
        return -1;
    }
    if (own && store_commit(db) != 0) {
        store_rollback(db);
        return -1;
    }
    return 0;
}
