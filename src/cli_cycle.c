/* cli_cycle.c - `koers plan` and `koers check` (see cli_cycle.h).
 *
 * Owns: argument parsing, the Dutch text output of the planner and the
 * checker, and the exit codes. Rules come from the store (cycle.h), the
 * stored calendar and the mapping of .ics events to bodies come from
 * cyclestore.h, so the command line and the web pages judge a calendar
 * the same way. */
#include "cli_cycle.h"
#include "calendar.h"
#include "cycle.h"
#include "cyclestore.h"
#include "ical.h"
#include "store.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CLI_YEAR_MIN 1900
#define CLI_YEAR_MAX 2200
#define CLI_MAX_SPAN 100

static int fail(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One line "koers: reason" on stderr; returns code. */
static int fail(int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("koers: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

/* Strict year: digits only, CLI_YEAR_MIN..CLI_YEAR_MAX. */
static int parse_year(const char *s, int *year)
{
    char *end;
    long v;

    if (s == NULL || s[0] < '0' || s[0] > '9')
        return -1;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < CLI_YEAR_MIN || v > CLI_YEAR_MAX)
        return -1;
    *year = (int)v;
    return 0;
}

static int current_year(void)
{
    time_t now = time(NULL);
    struct tm tm;

    if (localtime_r(&now, &tm) == NULL)
        return 2025;
    return tm.tm_year + 1900;
}

/* The rules the checker judges ("inzet" needs attendance, not dates). */
static size_t checked_rules(const struct cycle_rules *r)
{
    size_t i, n = 0;

    for (i = 0; i < r->nrules; i++)
        if (r->rules[i].kind != CYCLE_INZET)
            n++;
    return n;
}

/* Years of context before year_from that the order and spreading rules
 * can look back into (at least one: a January koersoverleg needs the
 * kerngroepen of December). */
static int context_years(const struct cycle_rules *r)
{
    size_t i;
    int maxn = 0;

    for (i = 0; i < r->nrules; i++) {
        const struct cycle_rule *ru = &r->rules[i];

        if ((ru->kind == CYCLE_VOOR || ru->kind == CYCLE_NA ||
             ru->kind == CYCLE_SPREIDING) && ru->n > maxn)
            maxn = ru->n;
    }
    return 1 + maxn / 366;
}

static sqlite3 *open_rules(const char *path, struct cycle_rules *r)
{
    char err[512];
    sqlite3 *db = store_open(path, 0, err, sizeof err);

    if (db == NULL) {
        fail(2, "kan store niet openen: %s", err);
        return NULL;
    }
    if (cycle_rules_load(db, r) != 0) {
        fail(2, "kan de regels van de jaarcyclus niet lezen uit %s", path);
        store_close(db);
        return NULL;
    }
    return db;
}

static void print_violations(const struct cycle_violation *v, long n)
{
    long i;

    for (i = 0; i < n; i++)
        printf("%s\n", v[i].message);
}

static const char plan_usage[] =
    "Gebruik: koers plan JAAR --db BESTAND\n"
    "Stelt de vergaderingen van JAAR voor volgens de regels van de\n"
    "jaarcyclus en controleert het voorstel met dezelfde regels.\n";

int cli_plan(int argc, char **argv)
{
    const char *path = NULL;
    struct cycle_rules r = { 0 };
    struct cycle_meeting *prev = NULL, *cur = NULL, *all = NULL;
    struct cycle_violation *v = NULL;
    size_t nprev = 0, ncur = 0, i;
    sqlite3 *db = NULL;
    int year = 0, have_year = 0, save = 0, rc = 2;
    long nv;

    for (i = 2; i < (size_t)argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(plan_usage, stdout);
            return 0;
        }
        if (strcmp(a, "--db") == 0) {
            if (i + 1 >= (size_t)argc)
                return fail(2, "optie '--db' mist een waarde");
            path = argv[++i];
        } else if (strcmp(a, "--opslaan") == 0) {
            save = 1;
        } else if (a[0] == '-') {
            return fail(2, "onbekende optie '%s' (zie koers plan --help)", a);
        } else if (!have_year) {
            if (parse_year(a, &year) != 0)
                return fail(2, "ongeldig jaar '%s' (verwacht %d-%d)", a,
                            CLI_YEAR_MIN, CLI_YEAR_MAX);
            have_year = 1;
        } else {
            return fail(2, "onverwacht argument '%s' (zie koers plan --help)",
                        a);
        }
    }
    if (!have_year || path == NULL)
        return fail(2, "gebruik: koers plan JAAR --db BESTAND");
    db = open_rules(path, &r);
    if (db == NULL)
        return 2;
    /* the previous year's plan is context for the order rules */
    if (cycle_plan(&r, year, &cur, &ncur) != 0 ||
        (year > CLI_YEAR_MIN && cycle_plan(&r, year - 1, &prev, &nprev) != 0)) {
        rc = fail(2, "kan geen plan maken voor %d", year);
        goto cleanup;
    }
    all = malloc((nprev + ncur + 1) * sizeof *all);
    if (all == NULL) {
        rc = fail(2, "onvoldoende geheugen");
        goto cleanup;
    }
    if (nprev)
        memcpy(all, prev, nprev * sizeof *all);
    if (ncur)
        memcpy(all + nprev, cur, ncur * sizeof *all);
    nv = cycle_check(&r, all, nprev + ncur, year, year, &v);
    if (nv < 0) {
        rc = fail(2, "kan het plan voor %d niet controleren", year);
        goto cleanup;
    }
    printf("Voorstel vergaderplanning %d (%zu vergaderingen)\n\n", year, ncur);
    printf("%-10s  %-9s  %-11s  %s\n", "datum", "dag", "tijd", "overleg");
    for (i = 0; i < ncur; i++) {
        char date[11];

        cal_format_date(cur[i].day, date);
        printf("%-10s  %-9s  %02d:%02d–%02d:%02d  %s\n", date,
               cal_weekday_name(cal_weekday(cur[i].day)),
               cur[i].start_min / 60, cur[i].start_min % 60,
               cur[i].end_min / 60, cur[i].end_min % 60,
               cycle_body_name(&r, cur[i].body));
    }
    printf("\n");
    if (nv == 0) {
        printf("Het plan voldoet aan alle %zu regels.\n", checked_rules(&r));
        rc = 0;
    } else {
        printf("Het plan voldoet niet aan alle regels:\n");
        print_violations(v, nv);
        rc = fail(1, "%ld %s", nv, nv == 1 ? "overtreding" : "overtredingen");
    }
    if (save && rc == 0) {
        /* the command line acts as the system actor (beheerder) */
        struct actor cli;
        struct fault f = { 0 };
        json_t *ids = json_array();
        long made;

        audit_actor_cli(&cli);
        made = cyclestore_save_plan(db, &cli, year, &r, cur, ncur, ids, &f);
        json_decref(ids);
        if (made < 0)
            rc = fail(1, "%s", f.msg);
        else
            printf("%ld vergaderingen opgeslagen.\n", made);
    } else if (save) {
        fprintf(stderr, "koers: een plan met overtredingen wordt niet "
                "opgeslagen\n");
    }
cleanup:
    free(v);
    free(all);
    free(cur);
    free(prev);
    cycle_rules_free(&r);
    store_close(db);
    return rc;
}

/* Read an .ics file (at most ICAL_MAX_BYTES) and map its events; events
 * that map to no body are printed as "genegeerd". */
static int load_ics(const char *file, const struct cycle_rules *r,
                    struct cycle_meeting **out, size_t *n)
{
    struct ical_parsed *ev = NULL;
    json_t *ignored = json_array();
    char *data = NULL, err[512];
    size_t len = 0, i;
    json_t *s;
    long nev;
    FILE *f = NULL;
    int rc = 2;

    *out = NULL;
    *n = 0;
    if (ignored == NULL)
        goto cleanup;
    f = fopen(file, "rb");
    if (f == NULL) {
        fail(2, "kan %s niet lezen", file);
        goto cleanup;
    }
    data = malloc(ICAL_MAX_BYTES + 1);
    if (data == NULL) {
        fail(2, "onvoldoende geheugen");
        goto cleanup;
    }
    len = fread(data, 1, ICAL_MAX_BYTES + 1, f);
    if (ferror(f)) {
        fail(2, "kan %s niet lezen", file);
        goto cleanup;
    }
    if (len > ICAL_MAX_BYTES) {
        fail(2, "%s is groter dan %d bytes", file, ICAL_MAX_BYTES);
        goto cleanup;
    }
    nev = ical_parse(data, len, &ev, err, sizeof err);
    if (nev < 0) {
        fail(2, "%s: %s", file, err);
        goto cleanup;
    }
    if (cyclestore_from_ical(r, ev, (size_t)nev, out, n, ignored) != 0) {
        fail(2, "onvoldoende geheugen");
        goto cleanup;
    }
    json_array_foreach(ignored, i, s)
        printf("genegeerd (geen overleg herkend): %s\n", json_string_value(s));
    rc = 0;
cleanup:
    if (f)
        fclose(f);
    free(data);
    free(ev);
    json_decref(ignored);
    return rc;
}

static const char check_usage[] =
    "Gebruik: koers check --db BESTAND [--jaar JAAR | --van JAAR --tot JAAR]\n"
    "                     [--ics BESTAND]\n"
    "Controleert de vergaderingen in de store (of in een iCalendar-bestand)\n"
    "aan de regels van de jaarcyclus; standaard het huidige jaar.\n"
    "Afsluitcode 0: geen overtredingen, 1: overtredingen, 2: fout.\n";

int cli_check(int argc, char **argv)
{
    const char *path = NULL, *ics = NULL, *jaar = NULL, *van = NULL;
    const char *tot = NULL;
    struct cycle_rules r = { 0 };
    struct cycle_meeting *m = NULL;
    struct cycle_violation *v = NULL;
    size_t n = 0;
    sqlite3 *db = NULL;
    int y0, y1, rc = 2, i;
    long nv;

    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(check_usage, stdout);
            return 0;
        }
        if (strcmp(a, "--db") == 0)
            slot = &path;
        else if (strcmp(a, "--ics") == 0)
            slot = &ics;
        else if (strcmp(a, "--jaar") == 0)
            slot = &jaar;
        else if (strcmp(a, "--van") == 0)
            slot = &van;
        else if (strcmp(a, "--tot") == 0)
            slot = &tot;
        else if (a[0] == '-')
            return fail(2, "onbekende optie '%s' (zie koers check --help)",
                        a);
        else
            return fail(2, "onverwacht argument '%s' (zie koers check "
                        "--help)", a);
        if (i + 1 >= argc)
            return fail(2, "optie '%s' mist een waarde", a);
        if (*slot != NULL)
            return fail(2, "optie '%s' staat er twee keer", a);
        *slot = argv[++i];
    }
    if (path == NULL)
        return fail(2, "gebruik: koers check --db BESTAND [--jaar JAAR | "
                    "--van JAAR --tot JAAR] [--ics BESTAND]");
    if (jaar && (van || tot))
        return fail(2, "gebruik --jaar of --van en --tot, niet beide");
    if ((van == NULL) != (tot == NULL))
        return fail(2, "--van en --tot horen bij elkaar");
    if (jaar) {
        if (parse_year(jaar, &y0) != 0)
            return fail(2, "ongeldig jaar '%s' (verwacht %d-%d)", jaar,
                        CLI_YEAR_MIN, CLI_YEAR_MAX);
        y1 = y0;
    } else if (van) {
        if (parse_year(van, &y0) != 0)
            return fail(2, "ongeldig jaar '%s' (verwacht %d-%d)", van,
                        CLI_YEAR_MIN, CLI_YEAR_MAX);
        if (parse_year(tot, &y1) != 0)
            return fail(2, "ongeldig jaar '%s' (verwacht %d-%d)", tot,
                        CLI_YEAR_MIN, CLI_YEAR_MAX);
        if (y1 < y0)
            return fail(2, "--tot %d ligt voor --van %d", y1, y0);
        if (y1 - y0 >= CLI_MAX_SPAN)
            return fail(2, "controleer hoogstens %d jaar tegelijk",
                        CLI_MAX_SPAN);
    } else {
        y0 = y1 = current_year();
    }
    db = open_rules(path, &r);
    if (db == NULL)
        return 2;
    if (ics) {
        if (load_ics(ics, &r, &m, &n) != 0)
            goto cleanup;
    } else {
        int from = y0 - context_years(&r);

        if (cyclestore_load(db, from < CLI_YEAR_MIN ? CLI_YEAR_MIN : from,
                            y1, &m, &n) != 0) {
            rc = fail(2, "kan de vergaderingen niet lezen uit %s", path);
            goto cleanup;
        }
    }
    nv = cycle_check(&r, m, n, y0, y1, &v);
    if (nv < 0) {
        rc = fail(2, "kan de vergaderingen niet controleren");
        goto cleanup;
    }
    print_violations(v, nv);
    if (nv == 0) {
        if (y0 == y1)
            printf("Geen overtredingen in %d.\n", y0);
        else
            printf("Geen overtredingen in %d–%d.\n", y0, y1);
        rc = 0;
    } else {
        const char *word = nv == 1 ? "overtreding" : "overtredingen";

        if (y0 == y1)
            printf("%ld %s in %d.\n", nv, word, y0);
        else
            printf("%ld %s in %d–%d.\n", nv, word, y0, y1);
        rc = fail(1, "%ld %s", nv, word);
    }
cleanup:
    free(v);
    free(m);
    cycle_rules_free(&r);
    store_close(db);
    return rc;
}
