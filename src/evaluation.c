/* evaluation.c - the figures of the biennial evaluation and its findings
 * (evaluation.h).
 *
 * Every figure is one SQL query over the period with bound dates; the
 * period's bounds are compared as text against the stored times
 * ("YYYY-MM-DDTHH:MM" for meetings, "YYYY-MM-DDTHH:MM:SSZ" for the rest),
 * using the day after the last day as an exclusive upper bound, so the
 * indexes on the time columns serve the ranges. What a figure means is
 * stated in evaluation.h and shown on the page. */
#include "evaluation.h"
#include "calendar.h"
#include "chart.h"
#include "cycle.h"
#include "domain.h"
#include "input.h"
#include "monitor.h"
#include "overlap.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define EVAL_INDICATORS_MAX 1000   /* measured indicators looked at */
#define EVAL_OVERLAP_TOP 10        /* pairs of gremia listed per date */

static const struct input_field finding_fields[] = {
    { "van", "Van", IN_DATE, 1, 0, NULL },
    { "tot", "Tot en met", IN_DATE, 1, 0, NULL },
    { "thema", "Thema", IN_TEXT, 1, EVAL_THEME_MAX, NULL },
    { "tekst", "Bevinding", IN_LONGTEXT, 1, EVAL_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* ------------------------------------------------------------------ */
/* The period                                                          */

int evaluation_period(const char *van, const char *tot,
                      struct eval_period *out, struct fault *f)
{
    int has_van = van && van[0], has_tot = tot && tot[0];
    long dv, dt;
    char today[11];
    int y;

    memset(out, 0, sizeof *out);
    if (!has_van && !has_tot) {
        domain_today_local(today);
        y = atoi(today);
        snprintf(out->van, sizeof out->van, "%04d-01-01", y - 2);
        snprintf(out->tot, sizeof out->tot, "%04d-12-31", y - 1);
        return 0;
    }
    if (!has_van || !has_tot) {
        fault_set(f, FAULT_INVALID, "Geef zowel het begin (van) als het "
                  "einde (tot) van de periode, of geen van beide voor de "
                  "laatste twee volle jaren.");
        return -1;
    }
    if (cal_parse_date(van, &dv) != 0) {
        fault_set(f, FAULT_INVALID, "Van is geen geldige datum: gebruik "
                  "JJJJ-MM-DD, bijvoorbeeld 2025-01-01.");
        return -1;
    }
    if (cal_parse_date(tot, &dt) != 0) {
        fault_set(f, FAULT_INVALID, "Tot is geen geldige datum: gebruik "
                  "JJJJ-MM-DD, bijvoorbeeld 2026-12-31.");
        return -1;
    }
    if (dv > dt) {
        fault_set(f, FAULT_INVALID, "Van (%s) ligt na tot (%s): het begin "
                  "van de periode moet op of voor het einde liggen.", van,
                  tot);
        return -1;
    }
    if (dt - dv + 1 > EVAL_MAX_DAYS) {
        fault_set(f, FAULT_INVALID, "De periode van %s tot en met %s is "
                  "langer dan tien jaar; kies een kortere periode.", van,
                  tot);
        return -1;
    }
    cal_format_date(dv, out->van);
    cal_format_date(dt, out->tot);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Gathering                                                           */

/* The dates the queries bind, derived once from the period. */
struct eval_dates {
    const struct eval_period *p;
    long van, tot, peil;         /* day numbers */
    char peil_s[11];             /* the peildatum */
    char peil_next[11];          /* the day after it (exclusive bound) */
    char tot_next[11];           /* the day after tot */
    char mid[11];                /* first day of the second half */
    int year_from, year_to;
};

static void dates_init(struct eval_dates *d, const struct eval_period *p)
{
    char today[11];
    long t;

    d->p = p;
    cal_parse_date(p->van, &d->van);
    cal_parse_date(p->tot, &d->tot);
    domain_today_local(today);
    if (cal_parse_date(today, &t) != 0)
        t = d->tot;
    d->peil = t < d->tot ? t : d->tot;
    if (d->peil < d->van)
        d->peil = d->van;
    cal_format_date(d->peil, d->peil_s);
    cal_format_date(d->peil + 1, d->peil_next);
    cal_format_date(d->tot + 1, d->tot_next);
    cal_format_date(d->van + (d->peil - d->van + 1) / 2, d->mid);
    d->year_from = atoi(p->van);
    d->year_to = atoi(p->tot);
}

/* Set key of o to the rows of sql; -1 on a store error. */
static int put_rows(json_t *o, const char *key, json_t *rows)
{
    if (rows == NULL)
        return -1;
    json_object_set_new(o, key, rows);
    return 0;
}

static double num(json_t *o, const char *key)
{
    return json_number_value(json_object_get(o, key));
}

/* Realisation: implementation actions per pillar and in all, goals, the
 * implementation plan and the indicators. */
static int gather_realisation(sqlite3 *db, const struct eval_dates *d,
                              json_t *out)
{
    static const char *const keys[] = { "totaal", "afgerond", "gestopt",
        "teLaat", "zonderEigenaar", "opSchema", NULL };
    json_t *real = json_object(), *pillars, *sum, *row, *inds;
    long long totals[6] = { 0 };
    int counts[4] = { 0 };
    sqlite3_stmt *st = NULL;
    size_t i, k;
    int rc = -1;

    json_object_set_new(out, "realisatie", real);
    pillars = sqljson_rows(db,
        "WITH a AS (SELECT ga.id, o.pillar_code AS pillar, ga.status, "
        "ga.deadline, EXISTS (SELECT 1 FROM goal_action_owner w WHERE "
        "w.action_id = ga.id) AS owned FROM goal_action ga JOIN objective o "
        "ON o.id = ga.objective_id WHERE ga.created_at < ?2 AND "
        "(ga.deadline IS NULL OR ga.deadline >= ?1 OR ga.status IN "
        "('gepland','lopend'))) "
        "SELECT p.code AS pijler, p.name AS naam, count(a.id) AS totaal, "
        "coalesce(sum(a.status = 'afgerond'), 0) AS afgerond, "
        "coalesce(sum(a.status = 'gestopt'), 0) AS gestopt, "
        "coalesce(sum(a.status IN ('gepland','lopend') AND a.deadline < ?3)"
        ", 0) AS teLaat, "
        "coalesce(sum(a.status IN ('gepland','lopend') AND NOT a.owned), 0) "
        "AS zonderEigenaar, "
        "coalesce(sum(a.status IN ('gepland','lopend') AND a.owned AND "
        "(a.deadline IS NULL OR a.deadline >= ?3)), 0) AS opSchema "
        "FROM pillar p LEFT JOIN a ON a.pillar = p.code GROUP BY p.code "
        "ORDER BY p.nr", "sss", d->p->van, d->tot_next, d->peil_s);
    if (put_rows(real, "actiesPerPijler", pillars) != 0)
        goto cleanup;
    json_array_foreach(pillars, i, row)
        for (k = 0; keys[k]; k++)
            totals[k] += sqljson_int(row, keys[k]);
    sum = json_object();
    for (k = 0; keys[k]; k++)
        json_object_set_new(sum, keys[k], json_integer(totals[k]));
    json_object_set_new(real, "acties", sum);

    row = sqljson_row(db, "SELECT count(*) AS totaal, coalesce(sum("
                          "created_at >= ?1), 0) AS nieuw FROM goal WHERE "
                          "created_at < ?2", "ss", d->p->van, d->tot_next);
    if (row == NULL)
        goto cleanup;
    json_object_set_new(real, "doelen", row);

    /* the implementation plan of figure 12: sub-steps by status, and
     * those whose planned end month has passed without being done */
    row = sqljson_row(db, "SELECT count(*) AS totaal, "
        "coalesce(sum(status = 'gereed'), 0) AS gereed, "
        "coalesce(sum(status = 'loopt'), 0) AS loopt, "
        "coalesce(sum(status = 'gepland'), 0) AS gepland, "
        "coalesce(sum(status = 'vervallen'), 0) AS vervallen, "
        "coalesce(sum(status IN ('gepland','loopt') AND planned_end IS NOT "
        "NULL AND planned_end < substr(?1, 1, 7)), 0) AS achter "
        "FROM plan_substep", "s", d->peil_s);
    if (row == NULL)
        goto cleanup;
    json_object_set_new(real, "implementatieplan", row);

    inds = json_array();
    json_object_set_new(real, "indicatoren", inds);
    st = store_prepare(db, "SELECT code FROM indicator ORDER BY code "
                           "LIMIT ?");
    if (st == NULL)
        goto cleanup;
    store_bind_int(st, 1, EVAL_INDICATORS_MAX);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct mon_indicator ind;
        enum mon_status s;

        if (mon_indicator_get(db, store_col(st, 0), &ind) != 1)
            continue;
        s = mon_indicator_status(db, &ind);
        counts[s]++;
        if (s == MON_GEEN)
            continue;
        json_array_append_new(inds, json_pack("{s:s, s:s, s:s, s:s}",
            "code", ind.code, "naam", ind.name, "status",
            mon_status_code(s), "statusLabel", mon_status_label(s)));
    }
    json_object_set_new(real, "indicatorStatus", json_pack(
        "{s:i, s:i, s:i, s:i}", "opKoers", counts[MON_OP_KOERS], "risico",
        counts[MON_RISICO], "uitKoers", counts[MON_UIT_KOERS],
        "zonderStreefwaarde", counts[MON_GEEN]));
    rc = 0;
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* Days of [from, to] that fall in year y. */
static long days_in_year_part(long from, long to, int y)
{
    long a = cal_days(y, 1, 1), b = cal_days(y, 12, 31);

    if (from > a)
        a = from;
    if (to < b)
        b = to;
    return b >= a ? b - a + 1 : 0;
}

/* Meetings body `code` must hold in the period by the cycle rules (see
 * evaluation.h); the rule codes used go into `why`. */
static long required_meetings(const struct cycle_rules *rules,
                              const struct eval_dates *d, const char *code,
                              json_t *why)
{
    long total = 0;
    int y, m;
    size_t i;

    for (y = d->year_from; y <= d->year_to; y++) {
        long covered = days_in_year_part(d->van, d->tot, y);
        long year_len = cal_days(y, 12, 31) - cal_days(y, 1, 1) + 1;
        long need = 0;

        for (i = 0; i < rules->nrules; i++) {
            const struct cycle_rule *r = &rules->rules[i];
            long n = 0;

            if (!r->active || strcmp(r->body, code) != 0)
                continue;
            if (r->kind == CYCLE_MIN_PER_JAAR && r->n > 0) {
                n = lround((double)r->n * (double)covered /
                           (double)year_len);
            } else if (r->kind == CYCLE_MAANDEN) {
                for (m = 1; m <= 12; m++) {
                    long first = cal_days(y, m, 1);
                    long last = (m == 12 ? cal_days(y + 1, 1, 1)
                                         : cal_days(y, m + 1, 1)) - 1;

                    if ((r->months & (1u << m)) && last >= d->van &&
                        first <= d->tot)
                        n++;
                }
            } else {
                continue;
            }
            if (y == d->year_from) {
                int seen = 0;
                size_t j;
                json_t *w;

                json_array_foreach(why, j, w)
                    if (strcmp(json_string_value(w), r->code) == 0)
                        seen = 1;
                if (!seen)
                    json_array_append_new(why, json_string(r->code));
            }
            if (n > need)
                need = n;
        }
        total += need;
    }
    return total;
}

#define EVAL_SCORE "CASE i.attendance WHEN 'aanwezig' THEN 1.0 WHEN " \
    "'vervangen' THEN 0.5 ELSE 0.0 END"
#define EVAL_HELD "m.kind = 'overleg' AND m.status = 'gepland' AND " \
    "m.starts_at >= ?1 AND m.starts_at < ?2"

/* The quarters from van to the peildatum with the attendance rate of the
 * meetings held in each (null without recorded attendance). */
static json_t *attendance_quarters(sqlite3 *db, const struct eval_dates *d)
{
    json_t *rows, *out, *row;
    int y0, m0, y1, m1, dd, y, q;
    size_t i;

    rows = sqljson_rows(db,
        "SELECT CAST(substr(m.starts_at, 1, 4) AS INTEGER) AS jaar, "
        "(CAST(substr(m.starts_at, 6, 2) AS INTEGER) + 2) / 3 AS kwartaal, "
        "count(*) AS registraties, count(DISTINCT m.id) AS vergaderingen, "
        "sum(" EVAL_SCORE ") / count(*) AS opkomst "
        "FROM meeting m JOIN meeting_invitee i ON i.meeting_id = m.id "
        "WHERE " EVAL_HELD " AND i.attendance IS NOT NULL "
        "GROUP BY 1, 2 ORDER BY 1, 2", "ss", d->p->van, d->peil_next);
    if (rows == NULL)
        return NULL;
    out = json_array();
    cal_civil(d->van, &y0, &m0, &dd);
    cal_civil(d->peil, &y1, &m1, &dd);
    for (y = y0; y <= y1; y++) {
        for (q = 1; q <= 4; q++) {
            json_t *hit = NULL;
            char label[16];

            if ((y == y0 && q < (m0 + 2) / 3) ||
                (y == y1 && q > (m1 + 2) / 3))
                continue;
            json_array_foreach(rows, i, row)
                if (sqljson_int(row, "jaar") == y &&
                    sqljson_int(row, "kwartaal") == q)
                    hit = row;
            snprintf(label, sizeof label, "%d-K%d", y, q);
            json_array_append_new(out, json_pack("{s:s, s:i, s:i, s:I, "
                "s:I, s:o}", "kwartaal", label, "jaar", y, "nummer", q,
                "vergaderingen", hit ? sqljson_int(hit, "vergaderingen") : 0,
                "registraties", hit ? sqljson_int(hit, "registraties") : 0,
                "opkomst", hit ? json_incref(json_object_get(hit, "opkomst"))
                               : json_null()));
        }
    }
    json_decref(rows);
    return out;
}

/* Effectiveness and efficiency of the meetings. */
static int gather_meetings(sqlite3 *db, const struct eval_dates *d,
                           json_t *out)
{
    struct cycle_rules rules = { 0 };
    json_t *ov = json_object(), *bodies, *row, *keep, *q;
    size_t i;
    int rc = -1;

    json_object_set_new(out, "overleg", ov);
    if (cycle_rules_load(db, &rules) != 0)
        goto cleanup;
    bodies = sqljson_rows(db,
        "SELECT b.code AS code, b.name AS naam, "
        "(SELECT count(*) FROM meeting m WHERE m.body_id = b.id AND "
        EVAL_HELD ") AS gehouden, "
        "(SELECT count(*) FROM meeting m WHERE m.body_id = b.id AND "
        "m.status = 'geannuleerd' AND m.starts_at >= ?1 AND m.starts_at < ?3)"
        " AS geannuleerd, "
        "(SELECT count(*) FROM meeting m WHERE m.body_id = b.id AND "
        "m.status = 'gepland' AND m.starts_at >= ?2 AND m.starts_at < ?3) "
        "AS nogGepland, "
        "(SELECT count(*) FROM decision x JOIN meeting m ON m.id = "
        "x.meeting_id WHERE m.body_id = b.id AND " EVAL_HELD ") AS besluiten,"
        " (SELECT count(*) FROM meeting_invitee i JOIN meeting m ON m.id = "
        "i.meeting_id WHERE m.body_id = b.id AND " EVAL_HELD " AND "
        "i.attendance IS NOT NULL) AS registraties, "
        "(SELECT sum(" EVAL_SCORE ") FROM meeting_invitee i JOIN meeting m "
        "ON m.id = i.meeting_id WHERE m.body_id = b.id AND " EVAL_HELD
        " AND i.attendance IS NOT NULL) AS score "
        "FROM body b ORDER BY b.ord", "sss", d->p->van, d->peil_next,
        d->tot_next);
    if (bodies == NULL)
        goto cleanup;
    keep = json_array();
    json_object_set_new(ov, "perOverleg", keep);
    json_array_foreach(bodies, i, row) {
        json_t *why = json_array();
        long need = required_meetings(&rules, d, sqljson_str(row, "code"),
                                      why);
        long long held = sqljson_int(row, "gehouden");
        long long reg = sqljson_int(row, "registraties");

        if (need == 0 && held == 0 && sqljson_int(row, "nogGepland") == 0 &&
            sqljson_int(row, "geannuleerd") == 0) {
            json_decref(why);
            continue;
        }
        json_object_set_new(row, "vereist", json_integer(need));
        json_object_set_new(row, "regels", why);
        json_object_set_new(row, "besluitenPerVergadering", held > 0
            ? json_real(round((double)sqljson_int(row, "besluiten") /
                              (double)held * 10.0) / 10.0) : json_null());
        json_object_set_new(row, "opkomst", reg > 0
            ? json_real(num(row, "score") / (double)reg) : json_null());
        json_object_del(row, "score");
        json_array_append(keep, row);
    }
    json_decref(bodies);

    q = attendance_quarters(db, d);
    if (put_rows(ov, "opkomstPerKwartaal", q) != 0)
        goto cleanup;
    if (put_rows(ov, "opkomstPerOrganisatie", sqljson_rows(db,
        "SELECT o.code AS code, o.name AS naam, count(*) AS registraties, "
        "sum(" EVAL_SCORE ") / count(*) AS opkomst, "
        "sum(" EVAL_SCORE " * (m.starts_at < ?3)) / nullif(sum(m.starts_at "
        "< ?3), 0) AS opkomstEersteHelft, "
        "sum(" EVAL_SCORE " * (m.starts_at >= ?3)) / nullif(sum(m.starts_at "
        ">= ?3), 0) AS opkomstTweedeHelft "
        "FROM meeting m JOIN meeting_invitee i ON i.meeting_id = m.id "
        "JOIN organisation o ON o.id = i.organisation_id "
        "WHERE " EVAL_HELD " AND i.attendance IS NOT NULL "
        "GROUP BY o.id ORDER BY opkomst, o.name", "sss", d->p->van,
        d->peil_next, d->mid)) != 0)
        goto cleanup;
    /* the time knelpunten lay at each table: a stay is the time between
     * the event that brought a knelpunt to a state and the next event */
    if (put_rows(ov, "knelpuntDoorlooptijd", sqljson_rows(db,
        "WITH ev AS (SELECT from_state AS st, at, julianday(at) - "
        "julianday(lag(at) OVER (PARTITION BY knelpunt_id ORDER BY id)) AS "
        "d FROM knelpunt_event), "
        "done AS (SELECT st, count(*) AS n, round(avg(d), 1) AS gem, "
        "round(max(d), 1) AS mx FROM ev WHERE st IS NOT NULL AND d IS NOT "
        "NULL AND at >= ?1 AND at < ?2 GROUP BY st), "
        "last AS (SELECT knelpunt_id, max(id) AS id FROM knelpunt_event "
        "WHERE at < ?2 GROUP BY knelpunt_id), "
        "wait AS (SELECT e.to_state AS st, count(*) AS n, round(max("
        "julianday(?2) - julianday(e.at)), 1) AS mx FROM last JOIN "
        "knelpunt_event e ON e.id = last.id GROUP BY e.to_state) "
        "SELECT s.code AS toestand, s.name AS naam, s.overdue_days AS "
        "termijnDagen, coalesce(done.n, 0) AS doorlopen, done.gem AS "
        "gemiddeldeDagen, done.mx AS langsteDagen, coalesce(wait.n, 0) AS "
        "wachtend, wait.mx AS langstWachtendDagen "
        "FROM knelpunt_route_state s LEFT JOIN done ON done.st = s.code "
        "LEFT JOIN wait ON wait.st = s.code WHERE s.final = 0 "
        "ORDER BY s.ord", "ss", d->p->van, d->peil_next)) != 0)
        goto cleanup;
    rc = 0;
cleanup:
    cycle_rules_free(&rules);
    return rc;
}

/* The overlap of the gremia at date (overlap.h) as member key of fr:
 * {datum, paren (pairs sharing a member), parenVeelGedeeld (sharing at
 * least OVERLAP_WARN_SHARED), hoogste (the EVAL_OVERLAP_TOP pairs with
 * the highest score)}. */
static int overlap_at(sqlite3 *db, const char *date, json_t *fr,
                      const char *key)
{
    struct overlap_analysis a;
    json_t *o, *top;
    size_t k, many = 0;

    memset(&a, 0, sizeof a);
    if (overlap_analyse(db, date, &a) != 0)
        return -1;
    for (k = 0; k < a.res.npairs; k++)
        many += a.res.pairs[k].shared >= OVERLAP_WARN_SHARED;
    top = json_array();
    for (k = 0; k < a.res.npairs && k < EVAL_OVERLAP_TOP; k++)
        json_array_append_new(top, overlap_pair_json(&a, k));
    o = json_pack("{s:s, s:I, s:I, s:o}", "datum", date, "paren",
                  (json_int_t)a.res.npairs, "parenVeelGedeeld",
                  (json_int_t)many, "hoogste", top);
    overlap_analysis_free(&a);
    if (o == NULL)
        return -1;
    json_object_set_new(fr, key, o);
    return 0;
}

/* Fragmentation: gremia registered in the period, and overlap at the
 * start and the end when the gremia module provides it. */
static int gather_fragmentation(sqlite3 *db, const struct eval_dates *d,
                                json_t *out)
{
    json_t *fr = json_object();

    json_object_set_new(out, "versnippering", fr);
    json_object_set_new(fr, "gremia", json_integer(store_count(db,
        "SELECT count(*) FROM gremium WHERE registered_at < ?", d->tot_next)));
    if (put_rows(fr, "nieuweGremia", sqljson_rows(db,
        "SELECT nr, name AS naam, relation AS relatie, substr(registered_at,"
        " 1, 10) AS geregistreerd FROM gremium WHERE registered_at >= ?1 "
        "AND registered_at < ?2 ORDER BY registered_at, nr", "ss",
        d->p->van, d->tot_next)) != 0)
        return -1;
    if (overlap_at(db, d->p->van, fr, "overlapBegin") != 0 ||
        overlap_at(db, d->peil_s, fr, "overlapEind") != 0)
        return -1;
    return 0;
}

/* The regional side. */
static int gather_regions(sqlite3 *db, const struct eval_dates *d,
                          json_t *out)
{
    json_t *rg = json_object();

    json_object_set_new(out, "regio", rg);
    if (put_rows(rg, "knelpunten", sqljson_rows(db,
        "SELECT r.code AS code, r.name AS naam, r.kind AS soort, count(*) "
        "AS aantal, coalesce(sum(s.final), 0) AS afgehandeld FROM knelpunt "
        "k JOIN region r ON r.code = k.region_code LEFT JOIN "
        "knelpunt_route_state s ON s.code = k.state WHERE k.raised_at >= "
        "?1 AND k.raised_at < ?2 GROUP BY r.code ORDER BY aantal DESC, "
        "r.code", "ss", d->p->van, d->tot_next)) != 0)
        return -1;
    if (put_rows(rg, "initiatieven", sqljson_rows(db,
        "SELECT r.code AS code, r.name AS naam, r.kind AS soort, count(*) "
        "AS aantal FROM initiative i JOIN region r ON r.code = "
        "i.region_code WHERE i.created_at >= ?1 AND i.created_at < ?2 "
        "GROUP BY r.code ORDER BY aantal DESC, r.code", "ss", d->p->van,
        d->tot_next)) != 0)
        return -1;
    if (put_rows(rg, "accounthouders", sqljson_rows(db,
        "SELECT r.code AS code, r.name AS naam, (SELECT count(*) FROM user "
        "u WHERE u.role = 'accounthouder' AND u.active = 1 AND "
        "upper(u.scope) = r.code) AS aantal FROM region r WHERE r.kind = "
        "'provincie' ORDER BY r.code", "")) != 0)
        return -1;
    return 0;
}

/* The budget per year of the period (every year, also without lines)
 * and per line. */
static int gather_budget(sqlite3 *db, const struct eval_dates *d,
                         json_t *out)
{
    json_t *bg = json_object(), *years, *sum, *row;
    sqlite3_stmt *st;
    double tp = 0, tc = 0, ts = 0;
    int y;

    json_object_set_new(out, "begroting", bg);
    years = json_array();
    json_object_set_new(bg, "perJaar", years);
    st = store_prepare(db, "SELECT coalesce(sum(planned), 0), coalesce(sum("
                           "committed), 0), coalesce(sum(spent), 0) FROM "
                           "budget_line WHERE year = ?");
    if (st == NULL)
        return -1;
    for (y = d->year_from; y <= d->year_to; y++) {
        double p, c, s;

        sqlite3_reset(st);
        store_bind_int(st, 1, y);
        if (sqlite3_step(st) != SQLITE_ROW) {
            sqlite3_finalize(st);
            return -1;
        }
        p = sqlite3_column_double(st, 0);
        c = sqlite3_column_double(st, 1);
        s = sqlite3_column_double(st, 2);
        tp += p;
        tc += c;
        ts += s;
        json_array_append_new(years, json_pack("{s:i, s:f, s:f, s:f}",
            "jaar", y, "gepland", p, "toegezegd", c, "besteed", s));
    }
    sqlite3_finalize(st);
    sum = json_pack("{s:f, s:f, s:f}", "gepland", tp, "toegezegd", tc,
                    "besteed", ts);
    json_object_set_new(bg, "totaal", sum);
    row = sqljson_rows(db, "SELECT year AS jaar, category AS categorie, "
                           "planned AS gepland, committed AS toegezegd, "
                           "spent AS besteed, note AS toelichting FROM "
                           "budget_line WHERE year BETWEEN ? AND ? ORDER BY "
                           "year, category", "ii", (long long)d->year_from,
                       (long long)d->year_to);
    return put_rows(bg, "regels", row);
}

json_t *evaluation_gather(sqlite3 *db, const struct eval_period *p,
                          struct fault *f)
{
    struct eval_dates d;
    json_t *out = json_object(), *items;
    long long total = 0;

    dates_init(&d, p);
    json_object_set_new(out, "periode", json_pack("{s:s, s:s, s:s}", "van",
                        p->van, "tot", p->tot, "peildatum", d.peil_s));
    /* one deferred read transaction: every figure sees the same store,
     * and writers are not held up (store_begin takes the write lock) */
    if (store_exec_stmt(store_prepare(db, "BEGIN DEFERRED")) != 0)
        goto fail;
    if (gather_realisation(db, &d, out) != 0 ||
        gather_meetings(db, &d, out) != 0 ||
        gather_fragmentation(db, &d, out) != 0 ||
        gather_regions(db, &d, out) != 0 ||
        gather_budget(db, &d, out) != 0) {
        store_rollback(db);
        goto fail;
    }
    items = evaluation_finding_list(db, p, 0, EVAL_FINDINGS_MAX, &total);
    store_rollback(db);
    if (items == NULL)
        goto fail;
    json_object_set_new(out, "bevindingen", items);
    json_object_set_new(out, "aantalBevindingen", json_integer(total));
    return out;
fail:
    fault_set(f, FAULT_STORE, "De cijfers van de evaluatie konden niet "
              "worden gelezen.");
    json_decref(out);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Findings                                                            */

#define FINDING_COLS "id, period_from AS van, period_to AS tot, theme AS " \
    "thema, text AS tekst, created_at AS aangemaakt"

int evaluation_may_manage(const struct actor *who)
{
    return who->role != ROLE_NONE &&
           perm_allowed(who->role, who->scope, ACT_EVALUATIE_BEHEREN, NULL);
}

/* Refuse (and audit) when who may not manage findings. */
static int check_permission(sqlite3 *db, const struct actor *who,
                            const char *action, long long id,
                            struct fault *f)
{
    if (evaluation_may_manage(who))
        return 0;
    fault_set(f, FAULT_FORBIDDEN, who->role == ROLE_NONE
              ? "Log in om bevindingen van de evaluatie vast te leggen."
              : "Uw rol mag geen bevindingen van de evaluatie vastleggen of "
                "wijzigen. Dat mogen de beheerder en de secretaris.");
    domain_refuse(db, who, action, "evaluatiebevinding", id, f);
    return -1;
}

/* van not after tot, with the values after the change. */
static int check_order(const char *van, const char *tot, struct fault *f)
{
    if (van && tot && strcmp(van, tot) > 0) {
        fault_set(f, FAULT_INVALID, "Van (%s) ligt na tot en met (%s): de "
                  "periode van een bevinding begint op of voor haar einde.",
                  van, tot);
        return -1;
    }
    return 0;
}

long long evaluation_finding_create(sqlite3 *db, const struct actor *who,
                                    json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    long long id;

    if (check_permission(db, who, "bevinding.vastleggen", 0, f) != 0)
        return -1;
    if (input_check(in, finding_fields, 0, f) != 0 ||
        check_order(input_str(in, "van"), input_str(in, "tot"), f) != 0)
        return -1;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO evaluation_finding(period_from, "
                           "period_to, theme, text, created_by) VALUES "
                           "(?,?,?,?,?)");
    store_bind_text(st, 1, input_str(in, "van"));
    store_bind_text(st, 2, input_str(in, "tot"));
    store_bind_text(st, 3, input_str(in, "thema"));
    store_bind_text(st, 4, input_str(in, "tekst"));
    if (st && who->user_id > 0)
        store_bind_int(st, 5, who->user_id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (domain_audit_ok(db, who, "bevinding.vastleggen",
                        "evaluatiebevinding", id, input_str(in, "thema"))
        != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

int evaluation_finding_update(sqlite3 *db, const struct actor *who,
                              long long id, json_t *in, struct fault *f)
{
    static const char *const cols[][2] = { { "van", "period_from" },
        { "tot", "period_to" }, { "thema", "theme" }, { "tekst", "text" } };
    json_t *old;
    char van[11], tot[11];
    sqlite3_stmt *st;
    size_t i;

    if (check_permission(db, who, "bevinding.wijzigen", id, f) != 0)
        return -1;
    if (input_check(in, finding_fields, 1, f) != 0)
        return -1;
    for (i = 0; i < 4; i++) {
        json_t *v = json_object_get(in, cols[i][0]);

        if (v && json_is_null(v)) {
            fault_set(f, FAULT_INVALID, "%s is verplicht en kan niet leeg "
                      "worden gemaakt.", finding_fields[i].label);
            return -1;
        }
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    old = evaluation_finding_get(db, id);
    if (old == NULL) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Bevinding %lld bestaat niet.", id);
        return -1;
    }
    snprintf(van, sizeof van, "%s", input_str(in, "van")
             ? input_str(in, "van") : sqljson_str(old, "van"));
    snprintf(tot, sizeof tot, "%s", input_str(in, "tot")
             ? input_str(in, "tot") : sqljson_str(old, "tot"));
    json_decref(old);
    if (check_order(van, tot, f) != 0) {
        store_rollback(db);
        return -1;
    }
    for (i = 0; i < 4; i++) {
        char sql[96];
        const char *v = input_str(in, cols[i][0]);

        if (v == NULL)
            continue;
        snprintf(sql, sizeof sql, "UPDATE evaluation_finding SET %s = ? "
                 "WHERE id = ?", cols[i][1]);
        st = store_prepare(db, sql);
        store_bind_text(st, 1, v);
        store_bind_int(st, 2, id);
        if (store_exec_stmt(st) != 0)
            return domain_store_failed(db, f);
    }
    if (domain_audit_ok(db, who, "bevinding.wijzigen", "evaluatiebevinding",
                        id, NULL) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

int evaluation_finding_delete(sqlite3 *db, const struct actor *who,
                              long long id, struct fault *f)
{
    sqlite3_stmt *st;

    if (check_permission(db, who, "bevinding.verwijderen", id, f) != 0)
        return -1;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "DELETE FROM evaluation_finding WHERE id = ?");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) == 0) {
        store_rollback(db);
        fault_set(f, FAULT_NOTFOUND, "Bevinding %lld bestaat niet.", id);
        return -1;
    }
    if (domain_audit_ok(db, who, "bevinding.verwijderen",
                        "evaluatiebevinding", id, NULL) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

json_t *evaluation_finding_get(sqlite3 *db, long long id)
{
    return sqljson_row(db, "SELECT " FINDING_COLS " FROM evaluation_finding "
                           "WHERE id = ?", "i", id);
}

json_t *evaluation_finding_list(sqlite3 *db, const struct eval_period *p,
                                long long offset, long long limit,
                                long long *total)
{
    const char *van = p ? p->van : "0000-01-01";
    const char *tot = p ? p->tot : "9999-12-31";

    *total = store_count(db, "SELECT count(*) FROM evaluation_finding",
                         NULL);
    if (p) {
        json_t *n = sqljson_row(db, "SELECT count(*) AS n FROM "
                                    "evaluation_finding WHERE period_from "
                                    "<= ?2 AND period_to >= ?1", "ss", van,
                                tot);

        if (n == NULL)
            return NULL;
        *total = sqljson_int(n, "n");
        json_decref(n);
    }
    if (*total < 0)
        return NULL;
    return sqljson_rows(db, "SELECT " FINDING_COLS " FROM evaluation_finding"
                            " WHERE period_from <= ?2 AND period_to >= ?1 "
                            "ORDER BY created_at DESC, id DESC LIMIT ?3 "
                            "OFFSET ?4", "ssii", van, tot, limit, offset);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static void para(json_t *blocks, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A new section of doc; returns its (borrowed) block list. */
static json_t *section(json_t *doc, const char *id, const char *title,
                       const char *src, int from, int to)
{
    json_t *blocks = json_array();

    json_array_append_new(json_object_get(doc, "secties"), json_pack(
        "{s:s, s:s, s:o, s:o}", "id", id, "titel", title, "bron", src
        ? json_pack("{s:s, s:i, s:i}", "sectie", src, "van", from, "tot",
                    to) : json_null(), "blokken", blocks));
    return blocks;
}

static void para(json_t *blocks, const char *fmt, ...)
{
    char text[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    json_array_append_new(blocks, json_pack("{s:s, s:s}", "soort", "alinea",
                                            "tekst", text));
}

/* A new table; returns its (borrowed) row list. cols is NULL-ended. */
static json_t *table(json_t *blocks, const char *id, const char *caption,
                     const char *const *cols, const char *empty)
{
    json_t *c = json_array(), *rows = json_array();
    size_t i;

    for (i = 0; cols[i]; i++)
        json_array_append_new(c, json_string(cols[i]));
    json_array_append_new(blocks, json_pack("{s:s, s:s, s:s, s:o, s:o, "
        "s:s}", "soort", "tabel", "id", id, "bijschrift", caption,
        "kolommen", c, "rijen", rows, "leeg", empty));
    return rows;
}

static json_t *row_new(json_t *rows)
{
    json_t *r = json_array();

    json_array_append_new(rows, r);
    return r;
}

static void cell(json_t *row, const char *s)
{
    json_array_append_new(row, json_string(s && s[0] ? s : "–"));
}

static void cell_int(json_t *row, long long v)
{
    char t[32];

    chart_format_nl(t, sizeof t, (double)v, 0);
    cell(row, t);
}

/* A number with `dec` decimals, or a dash for null. */
static void cell_num(json_t *row, json_t *v, int dec)
{
    char t[32];

    if (!json_is_number(v)) {
        cell(row, NULL);
        return;
    }
    chart_format_nl(t, sizeof t, json_number_value(v), dec);
    cell(row, t);
}

/* A rate 0..1 as a whole percentage, or a dash for null. */
static void cell_pct(json_t *row, json_t *v)
{
    char t[40];

    if (!json_is_number(v)) {
        cell(row, NULL);
        return;
    }
    chart_format_nl(t, sizeof t, json_number_value(v) * 100.0, 0);
    strcat(t, "%");
    cell(row, t);
}

static void eur(char *out, size_t len, double v)
{
    char t[32];

    chart_format_nl(t, sizeof t, v, 0);
    snprintf(out, len, "€ %s", t);
}

static void cell_eur(json_t *row, double v)
{
    char t[48];

    eur(t, sizeof t, v);
    cell(row, t);
}

/* A chart block; returns its (borrowed) series list. */
static json_t *chart(json_t *blocks, const char *shape, const char *id,
                     const char *title, const char *desc, const char *unit,
                     json_t *labels)
{
    json_t *series = json_array();

    json_array_append_new(blocks, json_pack("{s:s, s:s, s:s, s:s, s:s, "
        "s:s, s:o, s:o}", "soort", "grafiek", "vorm", shape, "id", id,
        "titel", title, "beschrijving", desc, "eenheid", unit, "labels",
        labels, "reeksen", series));
    return series;
}

static json_t *series_new(json_t *series, const char *name)
{
    json_t *v = json_array();

    json_array_append_new(series, json_pack("{s:s, s:o}", "naam", name,
                                            "waarden", v));
    return v;
}

static void doc_realisation(json_t *doc, json_t *ev)
{
    static const char *const acols[] = { "Pijler", "#Acties", "#Afgerond",
        "#Te laat", "#Zonder eigenaar", "#Op schema", "#Gestopt", NULL };
    static const char *const icols[] = { "Indicator", "Status", NULL };
    json_t *re = json_object_get(ev, "realisatie");
    json_t *a = json_object_get(re, "acties");
    json_t *g = json_object_get(re, "doelen");
    json_t *pl = json_object_get(re, "implementatieplan");
    json_t *is = json_object_get(re, "indicatorStatus");
    json_t *b, *rows, *row, *it;
    size_t i;

    b = section(doc, "realisatie", "Realisatie", "5.6 Monitoring", 2127,
                2134);
    para(b, "De uitvoeringsacties die aan het eind van de periode bestonden "
         "en niet al vóór het begin waren afgerond: %lld acties, waarvan "
         "%lld afgerond, %lld te laat, %lld zonder eigenaar, %lld op schema "
         "en %lld gestopt. Te laat is een open actie met een deadline vóór "
         "de peildatum; zonder eigenaar een open actie zonder eigenaar-"
         "organisatie (een actie kan beide zijn). Het is de huidige status "
         "van elke actie.",
         sqljson_int(a, "totaal"), sqljson_int(a, "afgerond"),
         sqljson_int(a, "teLaat"), sqljson_int(a, "zonderEigenaar"),
         sqljson_int(a, "opSchema"), sqljson_int(a, "gestopt"));
    rows = table(b, "acties-per-pijler", "Uitvoeringsacties per pijler",
                 acols, "Er zijn geen pijlers.");
    json_array_foreach(json_object_get(re, "actiesPerPijler"), i, it) {
        char name[300];

        snprintf(name, sizeof name, "%s %s", sqljson_str(it, "pijler"),
                 sqljson_str(it, "naam"));
        row = row_new(rows);
        cell(row, name);
        cell_int(row, sqljson_int(it, "totaal"));
        cell_int(row, sqljson_int(it, "afgerond"));
        cell_int(row, sqljson_int(it, "teLaat"));
        cell_int(row, sqljson_int(it, "zonderEigenaar"));
        cell_int(row, sqljson_int(it, "opSchema"));
        cell_int(row, sqljson_int(it, "gestopt"));
    }
    para(b, "Doelen van het koersoverleg: %lld aan het eind van de periode, "
         "waarvan %lld vastgesteld in de periode.", sqljson_int(g, "totaal"),
         sqljson_int(g, "nieuw"));
    para(b, "Implementatieplan (figuur 12): %lld deelstappen, waarvan %lld "
         "gereed, %lld lopend, %lld gepland en %lld vervallen; %lld "
         "deelstappen zijn op de peildatum niet gereed terwijl hun geplande "
         "eindmaand voorbij is.", sqljson_int(pl, "totaal"),
         sqljson_int(pl, "gereed"), sqljson_int(pl, "loopt"),
         sqljson_int(pl, "gepland"), sqljson_int(pl, "vervallen"),
         sqljson_int(pl, "achter"));
    para(b, "Indicatoren van de monitor met een streefwaarde voor Nederland: "
         "%lld op koers, %lld met risico, %lld uit koers (de nieuwste waarde "
         "tegen het pad naar de streefwaarde); %lld indicatoren hebben nog "
         "geen streefwaarde.", sqljson_int(is, "opKoers"),
         sqljson_int(is, "risico"), sqljson_int(is, "uitKoers"),
         sqljson_int(is, "zonderStreefwaarde"));
    rows = table(b, "indicatoren", "Indicatoren met een streefwaarde",
                 icols, "Geen indicator heeft een streefwaarde voor "
                 "Nederland.");
    json_array_foreach(json_object_get(re, "indicatoren"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell(row, sqljson_str(it, "statusLabel"));
    }
}

static void doc_meetings(json_t *doc, json_t *ev)
{
    static const char *const mcols[] = { "Overleg", "#Vereist",
        "#Gehouden", "#Geannuleerd", "#Nog gepland", "#Besluiten",
        "#Besluiten per vergadering", "#Opkomst", NULL };
    static const char *const qcols[] = { "Kwartaal", "#Vergaderingen",
        "#Registraties", "#Opkomst", NULL };
    static const char *const ocols[] = { "Organisatie", "#Registraties",
        "#Opkomst", "#Eerste helft", "#Tweede helft", "Verloop", NULL };
    static const char *const kcols[] = { "Tafel", "#Doorlopen",
        "#Gemiddeld (dagen)", "#Langst (dagen)", "#Wachtend op peildatum",
        "#Langst wachtend (dagen)", "#Termijn (dagen)", NULL };
    json_t *ov = json_object_get(ev, "overleg");
    json_t *b, *rows, *row, *it, *labels, *vals;
    size_t i;

    b = section(doc, "overleg", "Effectiviteit en efficiëntie van het "
                "overleg", "5.6 Monitoring", 2132, 2134);
    para(b, "Vereist is het aantal vergaderingen dat de regels van de "
         "jaarcyclus vragen (ten minste n per jaar, of de maanden van een "
         "maandenregel); een jaar dat maar voor een deel in de periode valt, "
         "telt naar rato. Gehouden zijn de vergaderingen tot en met de "
         "peildatum die niet zijn geannuleerd. Opkomst: aanwezig telt 1, "
         "vervangen 0,5, afwezig 0, over de vastgelegde aanwezigheid.");
    rows = table(b, "overleg-per-tafel", "Vergaderingen, besluiten en "
                 "opkomst per overleg", mcols, "Geen overleg had "
                 "vergaderingen of vereiste vergaderingen in de periode.");
    json_array_foreach(json_object_get(ov, "perOverleg"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell_int(row, sqljson_int(it, "vereist"));
        cell_int(row, sqljson_int(it, "gehouden"));
        cell_int(row, sqljson_int(it, "geannuleerd"));
        cell_int(row, sqljson_int(it, "nogGepland"));
        cell_int(row, sqljson_int(it, "besluiten"));
        cell_num(row, json_object_get(it, "besluitenPerVergadering"), 1);
        cell_pct(row, json_object_get(it, "opkomst"));
    }
    labels = json_array();
    json_array_foreach(json_object_get(ov, "opkomstPerKwartaal"), i, it)
        json_array_append_new(labels, json_string(sqljson_str(it,
                                                              "kwartaal")));
    vals = series_new(chart(b, "lijn", "opkomst-trend", "Opkomst per "
                            "kwartaal", "Het aandeel aanwezigen bij de "
                            "gehouden vergaderingen, per kwartaal van de "
                            "periode; de cijfers staan in de tabel eronder.",
                            "%", labels), "opkomst");
    rows = table(b, "opkomst-per-kwartaal", "Opkomst per kwartaal", qcols,
                 "Geen kwartalen.");
    json_array_foreach(json_object_get(ov, "opkomstPerKwartaal"), i, it) {
        json_t *o = json_object_get(it, "opkomst");

        json_array_append_new(vals, json_is_number(o)
            ? json_real(json_number_value(o) * 100.0) : json_null());
        row = row_new(rows);
        cell(row, sqljson_str(it, "kwartaal"));
        cell_int(row, sqljson_int(it, "vergaderingen"));
        cell_int(row, sqljson_int(it, "registraties"));
        cell_pct(row, o);
    }
    rows = table(b, "opkomst-per-organisatie", "Opkomst per organisatie, "
                 "laagste eerst, in de eerste en de tweede helft van de "
                 "periode", ocols, "Er is in de periode geen aanwezigheid "
                 "vastgelegd.");
    json_array_foreach(json_object_get(ov, "opkomstPerOrganisatie"), i, it) {
        json_t *h1 = json_object_get(it, "opkomstEersteHelft");
        json_t *h2 = json_object_get(it, "opkomstTweedeHelft");
        char trend[64] = "";

        if (json_is_number(h1) && json_is_number(h2)) {
            long pp = lround((json_number_value(h2) -
                              json_number_value(h1)) * 100.0);

            if (pp < 0)
                snprintf(trend, sizeof trend, "daalt %ld procentpunt", -pp);
            else if (pp > 0)
                snprintf(trend, sizeof trend, "stijgt %ld procentpunt", pp);
            else
                snprintf(trend, sizeof trend, "gelijk");
        }
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell_int(row, sqljson_int(it, "registraties"));
        cell_pct(row, json_object_get(it, "opkomst"));
        cell_pct(row, h1);
        cell_pct(row, h2);
        cell(row, trend);
    }
    para(b, "Hoe lang knelpunten aan elke tafel lagen: een verblijf loopt "
         "van de stap die het knelpunt aan de tafel bracht tot de volgende "
         "stap, en telt mee als die volgende stap in de periode viel. "
         "Wachtend: knelpunten die op de peildatum nog aan die tafel lagen.");
    rows = table(b, "knelpunt-doorlooptijd", "Doorlooptijd van knelpunten "
                 "per tafel", kcols, "Geen tafels.");
    json_array_foreach(json_object_get(ov, "knelpuntDoorlooptijd"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell_int(row, sqljson_int(it, "doorlopen"));
        cell_num(row, json_object_get(it, "gemiddeldeDagen"), 1);
        cell_num(row, json_object_get(it, "langsteDagen"), 1);
        cell_int(row, sqljson_int(it, "wachtend"));
        cell_num(row, json_object_get(it, "langstWachtendDagen"), 1);
        cell_num(row, json_object_get(it, "termijnDagen"), 0);
    }
}

/* The overlap of the gremia at one date: a sentence and the pairs with
 * the highest score. */
static void doc_overlap(json_t *b, json_t *ov, const char *id,
                        const char *when)
{
    static const char *const cols[] = { "Gremium A", "Gremium B",
        "#Gedeelde leden", "#Jaccard", "#Overlapcoëfficiënt", "#Score",
        NULL };
    char caption[160];
    json_t *rows, *row, *it;
    size_t i;

    para(b, "Overlap aan het %s van de periode (%s): %lld paren van gremia "
         "delen ten minste één lid, %lld paren delen er %d of meer.", when,
         sqljson_str(ov, "datum"), sqljson_int(ov, "paren"),
         sqljson_int(ov, "parenVeelGedeeld"), OVERLAP_WARN_SHARED);
    snprintf(caption, sizeof caption, "Gremia met de meeste overlap op %s",
             sqljson_str(ov, "datum"));
    rows = table(b, id, caption, cols, "Er zijn op deze datum geen "
                 "gremia met gedeelde leden vastgelegd.");
    json_array_foreach(json_object_get(ov, "hoogste"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(json_object_get(it, "gremiumA"), "naam"));
        cell(row, sqljson_str(json_object_get(it, "gremiumB"), "naam"));
        cell_int(row, sqljson_int(it, "gedeeld"));
        cell_num(row, json_object_get(it, "jaccard"), 2);
        cell_num(row, json_object_get(it, "overlapcoefficient"), 2);
        cell_num(row, json_object_get(it, "score"), 2);
    }
}

static void doc_fragmentation(json_t *doc, json_t *ev)
{
    static const char *const gcols[] = { "#Nr", "Gremium", "Relatie met "
        "het Actieplan", "Geregistreerd", NULL };
    json_t *fr = json_object_get(ev, "versnippering");
    json_t *b, *rows, *row, *it;
    size_t i;
    char nr[24];

    b = section(doc, "versnippering", "Aanpak van versnippering",
                "5.6 Monitoring", 2132, 2134);
    para(b, "Gremia in Koers aan het eind van de periode: %lld, waarvan "
         "%zu nieuw geregistreerd in de periode. Een nieuw gremium dat op "
         "dezelfde doelen stuurt als het Actieplan is risico 7.",
         sqljson_int(fr, "gremia"),
         json_array_size(json_object_get(fr, "nieuweGremia")));
    rows = table(b, "nieuwe-gremia", "Gremia geregistreerd in de periode",
                 gcols, "Er zijn in de periode geen gremia geregistreerd.");
    json_array_foreach(json_object_get(fr, "nieuweGremia"), i, it) {
        snprintf(nr, sizeof nr, "%lld", sqljson_int(it, "nr"));
        row = row_new(rows);
        cell(row, nr);
        cell(row, sqljson_str(it, "naam"));
        cell(row, sqljson_str(it, "relatie"));
        cell(row, sqljson_str(it, "geregistreerd"));
    }
    doc_overlap(b, json_object_get(fr, "overlapBegin"), "overlap-begin",
                "begin");
    doc_overlap(b, json_object_get(fr, "overlapEind"), "overlap-eind",
                "eind");
}

static void doc_regions(json_t *doc, json_t *ev)
{
    static const char *const kcols[] = { "Regio", "Soort", "#Knelpunten",
        "#Afgehandeld", NULL };
    static const char *const icols[] = { "Regio", "Soort", "#Initiatieven",
        NULL };
    static const char *const acols[] = { "Provincie", "#Accounthouders",
        NULL };
    json_t *rg = json_object_get(ev, "regio");
    json_t *b, *rows, *row, *it;
    long long none = 0;
    size_t i;

    b = section(doc, "regio", "De regio", "5.6 Monitoring", 2137, 2139);
    para(b, "Het rapport vraagt de evaluatie mee te nemen of de organisatie"
         "kracht in de regio voldoende is om het Actieplan uit te voeren, of "
         "dat de governance in de regio versterkt moet worden. Hieronder de "
         "knelpunten en initiatieven uit de regio's in de periode en de "
         "accounthouders van PTvT per provincie.");
    rows = table(b, "knelpunten-per-regio", "Knelpunten gemeld in de "
                 "periode, per regio", kcols, "Er zijn in de periode geen "
                 "knelpunten gemeld.");
    json_array_foreach(json_object_get(rg, "knelpunten"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell(row, sqljson_str(it, "soort"));
        cell_int(row, sqljson_int(it, "aantal"));
        cell_int(row, sqljson_int(it, "afgehandeld"));
    }
    rows = table(b, "initiatieven-per-regio", "Initiatieven vastgelegd in de "
                 "periode, per regio", icols, "Er zijn in de periode geen "
                 "initiatieven vastgelegd.");
    json_array_foreach(json_object_get(rg, "initiatieven"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell(row, sqljson_str(it, "soort"));
        cell_int(row, sqljson_int(it, "aantal"));
    }
    json_array_foreach(json_object_get(rg, "accounthouders"), i, it)
        none += sqljson_int(it, "aantal") == 0;
    para(b, "Het rapport beveelt ten minste één accounthouder per provincie "
         "aan (regels 1931-1936); %lld van de %zu provincies hebben er (nog) "
         "geen.", none, json_array_size(json_object_get(rg,
                                                        "accounthouders")));
    rows = table(b, "accounthouders", "Accounthouders van PTvT per "
                 "provincie", acols, "Geen provincies.");
    json_array_foreach(json_object_get(rg, "accounthouders"), i, it) {
        row = row_new(rows);
        cell(row, sqljson_str(it, "naam"));
        cell_int(row, sqljson_int(it, "aantal"));
    }
}

static void doc_budget(json_t *doc, json_t *ev)
{
    static const char *const ycols[] = { "Jaar", "#Gepland", "#Toegezegd",
        "#Besteed", "#Besteed van gepland", NULL };
    static const char *const lcols[] = { "Jaar", "Post", "#Gepland",
        "#Toegezegd", "#Besteed", NULL };
    json_t *bg = json_object_get(ev, "begroting"), *tot;
    json_t *b, *rows, *row, *it, *labels, *series, *sp, *sc, *ss;
    char t1[48], t2[48], t3[48], y[16];
    size_t i;

    tot = json_object_get(bg, "totaal");
    b = section(doc, "begroting", "Begroting", "6.4 Financiering", 2711,
                2717);
    eur(t1, sizeof t1, num(tot, "gepland"));
    eur(t2, sizeof t2, num(tot, "toegezegd"));
    eur(t3, sizeof t3, num(tot, "besteed"));
    para(b, "Het rapport raamt de governance op circa € 2,5 miljoen per "
         "jaar, zonder de monitoring. Over de jaren van de periode: gepland "
         "%s, toegezegd %s, besteed %s.", t1, t2, t3);
    labels = json_array();
    json_array_foreach(json_object_get(bg, "perJaar"), i, it) {
        snprintf(y, sizeof y, "%lld", sqljson_int(it, "jaar"));
        json_array_append_new(labels, json_string(y));
    }
    series = chart(b, "staven", "begroting-per-jaar", "Begroting per jaar",
                   "Gepland, toegezegd en besteed per jaar van de periode, "
                   "in euro; de bedragen staan in de tabel eronder.", "€",
                   labels);
    sp = series_new(series, "gepland");
    sc = series_new(series, "toegezegd");
    ss = series_new(series, "besteed");
    rows = table(b, "begroting-jaren", "Begroting per jaar", ycols,
                 "Geen jaren.");
    json_array_foreach(json_object_get(bg, "perJaar"), i, it) {
        double p = num(it, "gepland");

        json_array_append_new(sp, json_real(p));
        json_array_append_new(sc, json_real(num(it, "toegezegd")));
        json_array_append_new(ss, json_real(num(it, "besteed")));
        snprintf(y, sizeof y, "%lld", sqljson_int(it, "jaar"));
        row = row_new(rows);
        cell(row, y);
        cell_eur(row, p);
        cell_eur(row, num(it, "toegezegd"));
        cell_eur(row, num(it, "besteed"));
        if (p > 0) {
            json_t *r = json_real(num(it, "besteed") / p);

            cell_pct(row, r);
            json_decref(r);
        } else {
            cell(row, NULL);
        }
    }
    rows = table(b, "begroting-posten", "Begrotingsposten", lcols,
                 "Er zijn voor deze jaren geen begrotingsposten "
                 "vastgelegd.");
    json_array_foreach(json_object_get(bg, "regels"), i, it) {
        snprintf(y, sizeof y, "%lld", sqljson_int(it, "jaar"));
        row = row_new(rows);
        cell(row, y);
        cell(row, sqljson_str(it, "categorie"));
        cell_eur(row, num(it, "gepland"));
        cell_eur(row, num(it, "toegezegd"));
        cell_eur(row, num(it, "besteed"));
    }
}

static void doc_findings(json_t *doc, json_t *ev)
{
    json_t *b, *it;
    size_t i;

    b = section(doc, "bevindingen", "Kwalitatieve bevindingen",
                "5.6 Monitoring", 2134, 2136);
    para(b, "Naast de cijfers vraagt het rapport om een kwalitatieve "
         "analyse: interviews met de stakeholders die actief betrokken zijn "
         "bij de governance van het Actieplan. Hieronder de vastgelegde "
         "bevindingen (%lld) over deze periode.",
         sqljson_int(ev, "aantalBevindingen"));
    json_array_foreach(json_object_get(ev, "bevindingen"), i, it)
        json_array_append_new(b, json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}",
            "soort", "bevinding", "id", (json_int_t)sqljson_int(it, "id"),
            "thema", sqljson_str(it, "thema"), "tekst",
            sqljson_str(it, "tekst"), "van", sqljson_str(it, "van"), "tot",
            sqljson_str(it, "tot")));
    if (json_array_size(json_object_get(ev, "bevindingen")) == 0)
        para(b, "Er zijn nog geen bevindingen vastgelegd.");
}

double evaluation_chart_max(json_t *blk, size_t n)
{
    json_t *s;
    double max = 0, v;
    size_t i, k;

    json_array_foreach(json_object_get(blk, "reeksen"), k, s)
        for (i = 0; i < n; i++) {
            v = json_number_value(json_array_get(json_object_get(s,
                                                 "waarden"), i));
            if (v > max)
                max = v;
        }
    return max;
}

json_t *evaluation_document(json_t *ev)
{
    json_t *per = json_object_get(ev, "periode");
    char van[64], tot[64], peil[64], title[160], sub[400];
    long dv = 0, dt = 0, dp = 0;
    json_t *doc;

    cal_parse_date(sqljson_str(per, "van"), &dv);
    cal_parse_date(sqljson_str(per, "tot"), &dt);
    cal_parse_date(sqljson_str(per, "peildatum"), &dp);
    cal_format_long(dv, van, sizeof van);
    cal_format_long(dt, tot, sizeof tot);
    cal_format_long(dp, peil, sizeof peil);
    snprintf(title, sizeof title, "Evaluatie van de governance %.4s–%.4s",
             sqljson_str(per, "van"), sqljson_str(per, "tot"));
    snprintf(sub, sizeof sub, "Periode %s tot en met %s; peildatum %s. "
             "Het rapport adviseert de governance eens in de twee jaar te "
             "evalueren op realisatie, effectiviteit en efficiëntie van het "
             "overleg en de aanpak van versnippering.", van, tot, peil);
    doc = json_pack("{s:s, s:s, s:[]}", "titel", title, "ondertitel", sub,
                    "secties");
    if (doc == NULL)
        return NULL;
    doc_realisation(doc, ev);
    doc_meetings(doc, ev);
    doc_fragmentation(doc, ev);
    doc_regions(doc, ev);
    doc_budget(doc, ev);
    doc_findings(doc, ev);
    return doc;
}
