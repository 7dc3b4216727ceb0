/* bench_evaluation.c - how long the biennial evaluation takes for two
 * busy years: gathering the figures and rendering the HTML page, and the
 * same with the PDF, against a reference measured in the same run (one
 * SELECT count(*) per table the evaluation reads). Builds its own store
 * in a temporary directory: 400 meetings with 20 recorded invitations
 * each (8,000 attendance rows), 1,200 decisions, 600 knelpunten with
 * 2,400 events, 3,000 implementation actions, 300 initiatives and the
 * budget. Prints figures, asserts nothing (see `make bench`). */
#include "evaluation.h"
#include "pdf.h"
#include "seed.h"
#include "store.h"
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int run(sqlite3 *db, const char *sql)
{
    char *err = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "bench_evaluation: %s\n", err ? err : "?");
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

/* Two busy years, 2025 and 2026, generated with recursive SQL. */
static int fill(sqlite3 *db)
{
    static const char *const sql[] = {
        "BEGIN",
        "INSERT INTO meeting(uid, body_id, title, starts_at, ends_at) "
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 399), b(id, k) AS (SELECT id, row_number() OVER (ORDER "
        "BY id) - 1 FROM body) SELECT 'b' || i, b.id, 'Vergadering', date('2025-01-01', '+' || "
        "(i * 730 / 400) || ' days') || 'T10:00', date('2025-01-01', '+' "
        "|| (i * 730 / 400) || ' days') || 'T12:00' FROM n JOIN b ON b.k = "
        "i % 6",
        "INSERT INTO meeting_invitee(meeting_id, organisation_id, kind, "
        "attendance) SELECT m.id, o.id, 'lid', CASE (m.id + o.id) % 5 WHEN "
        "0 THEN 'afwezig' WHEN 1 THEN 'vervangen' ELSE 'aanwezig' END FROM "
        "meeting m, (SELECT id FROM organisation ORDER BY id LIMIT 20) o",
        "INSERT INTO decision(meeting_id, nr, text) SELECT m.id, k.k, "
        "'Besluit' FROM meeting m, (SELECT 1 AS k UNION SELECT 2 UNION "
        "SELECT 3) k",
        "INSERT INTO knelpunt(title, description, origin, region_code, state,"
        " raised_at, state_since) WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL"
        " SELECT i + 1 FROM n WHERE i < 599), r(code, k) AS (SELECT code, "
        "row_number() OVER (ORDER BY code) - 1 FROM region WHERE kind = "
        "'provincie') SELECT 'K' || i, 'Tekst', 'regeling', r.code, "
        "'koersoverleg', "
        "date('2025-01-01', '+' || i || ' days') || 'T09:00:00Z', "
        "date('2025-01-01', '+' || (i + 40) || ' days') || 'T09:00:00Z' "
        "FROM n JOIN r ON r.k = i % 12",
        "INSERT INTO knelpunt_event(knelpunt_id, from_state, to_state, at, "
        "actor, actor_role) SELECT k.id, s.f, s.t, strftime('%Y-%m-%dT"
        "%H:%M:%SZ', k.raised_at, '+' || s.d || ' days'), 'x', 'secretaris'"
        " FROM knelpunt k, (SELECT NULL AS f, 'gemeld' AS t, 0 AS d UNION "
        "ALL SELECT 'gemeld', 'bovenregionaal', 7 UNION ALL SELECT "
        "'bovenregionaal', 'kerngroep-p1', 20 UNION ALL SELECT "
        "'kerngroep-p1', 'koersoverleg', 40) s",
        "INSERT INTO goal(ambition_id, title) SELECT id, 'Doel' FROM "
        "ambition",
        "INSERT INTO objective(goal_id, pillar_code, title) SELECT g.id, "
        "p.code, 'Doelstelling' FROM goal g, pillar p",
        "INSERT INTO goal_action(objective_id, title, deadline, status, "
        "created_at) WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1"
        " FROM n WHERE i < 2999), o(id, k) AS (SELECT id, row_number() OVER "
        "(ORDER BY id) - 1 FROM objective) SELECT o.id, 'Actie', "
        "date('2025-01-01', '+' || (i % 700) || ' days'), CASE i % 4 WHEN 0"
        " THEN 'afgerond' WHEN 1 THEN 'lopend' WHEN 2 THEN 'gepland' ELSE "
        "'gestopt' END, '2024-12-01T00:00:00Z' FROM n JOIN o ON o.k = i % "
        "(SELECT count(*) FROM objective)",
        "INSERT INTO goal_action_owner(action_id, organisation_id) SELECT "
        "a.id, (SELECT min(id) FROM organisation) FROM goal_action a WHERE "
        "a.id % 3 <> 0",
        "INSERT INTO initiative(region_code, title, description, created_at)"
        " WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n "
        "WHERE i < 299), r(code, k) AS (SELECT code, row_number() OVER "
        "(ORDER BY code) - 1 FROM region WHERE kind = 'provincie') SELECT "
        "r.code, 'Initiatief', "
        "'Tekst', date('2025-01-01', '+' || (i * 2) || ' days') || "
        "'T10:00:00Z' FROM n JOIN r ON r.k = i % 12",
        "INSERT INTO budget_line(year, category, planned, committed, spent) "
        "SELECT y.y, c.c, 400000, 350000, 300000 FROM (SELECT 2025 AS y "
        "UNION SELECT 2026) y, (SELECT 'boegbeeld' AS c UNION SELECT "
        "'secretaris' UNION SELECT 'netwerkmanagers' UNION SELECT 'ptvt' "
        "UNION SELECT 'werkbudget' UNION SELECT 'regio') c",
        "COMMIT",
    };
    size_t i;

    for (i = 0; i < sizeof sql / sizeof sql[0]; i++)
        if (run(db, sql[i]) != 0)
            return -1;
    return 0;
}

/* The reference: a count(*) of every table the evaluation reads. */
static long long reference(sqlite3 *db)
{
    static const char *const tables[] = { "meeting", "meeting_invitee",
        "decision", "knelpunt", "knelpunt_event", "goal", "goal_action",
        "goal_action_owner", "initiative", "budget_line", "gremium",
        "plan_substep", "evaluation_finding", "indicator", "user" };
    char sql[96];
    long long sum = 0;
    size_t i;

    for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        sum += store_count(db, sql, NULL);
    }
    return sum;
}

/* Gather, build the document and render it (pdf 1: PDF, 0: HTML); the
 * size of the output, or -1. */
static long render(sqlite3 *db, const struct eval_period *p, int pdf)
{
    struct fault f = { 0 };
    json_t *ev = evaluation_gather(db, p, &f), *doc;
    struct buf out;
    char err[128];
    long len = -1;
    int rc;

    if (ev == NULL)
        return -1;
    doc = evaluation_document(ev);
    buf_init(&out, PDF_MAX_BYTES);
    rc = pdf ? pdf_render(doc, &out, err, sizeof err)
             : ui_evaluation_html_file(doc, &out);
    if (rc == 0)
        len = (long)out.len;
    buf_free(&out);
    json_decref(doc);
    json_decref(ev);
    return len;
}

int main(int argc, char **argv)
{
    const char *data = argc > 1 ? argv[1] : "data";
    struct eval_period p = { "2025-01-01", "2026-12-31" };
    char dir[] = "/tmp/koers-bench-eval-XXXXXX", path[128], err[256];
    double t0, t_ref, t_html, t_pdf;
    long html = 0, pdf = 0;
    long long rows = 0;
    sqlite3 *db = NULL;
    int i, rc = 1;

    if (mkdtemp(dir) == NULL)
        return 1;
    snprintf(path, sizeof path, "%s/k.db", dir);
    db = store_open(path, 1, err, sizeof err);
    if (db == NULL || store_create_schema(db) != 0 ||
        seed_load(db, data, err, sizeof err) != 0 || fill(db) != 0) {
        fprintf(stderr, "bench_evaluation: cannot build the store: %s\n",
                err);
        goto cleanup;
    }
    render(db, &p, 1);                          /* warm the font cache */
    t0 = now_ms();
    for (i = 0; i < ROUNDS; i++)
        rows = reference(db);
    t_ref = (now_ms() - t0) / ROUNDS;
    t0 = now_ms();
    for (i = 0; i < ROUNDS; i++)
        html = render(db, &p, 0);
    t_html = (now_ms() - t0) / ROUNDS;
    t0 = now_ms();
    for (i = 0; i < ROUNDS; i++)
        pdf = render(db, &p, 1);
    t_pdf = (now_ms() - t0) / ROUNDS;
    if (html < 0 || pdf < 0) {
        fprintf(stderr, "bench_evaluation: rendering failed\n");
        goto cleanup;
    }
    printf("bench_evaluation: two busy years (%lld rows in the tables read)"
           "\n", rows);
    printf("  reference, count(*) per table : %8.2f ms\n", t_ref);
    printf("  evaluation as HTML (%6ld B)  : %8.2f ms  (%.1f x reference)\n",
           html, t_html, t_html / (t_ref > 0 ? t_ref : 1e-3));
    printf("  evaluation as PDF  (%6ld B)  : %8.2f ms  (%.1f x reference)\n",
           pdf, t_pdf, t_pdf / (t_ref > 0 ? t_ref : 1e-3));
    rc = 0;
cleanup:
    store_close(db);
    unlink(path);
    snprintf(path, sizeof path, "%s/k.db-wal", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/k.db-shm", dir);
    unlink(path);
    rmdir(dir);
    return rc;
}
