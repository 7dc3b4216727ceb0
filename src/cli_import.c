/* cli_import.c - `koers import` (see cli_import.h).
 *
 * Owns: argument parsing, walking directories into an ordered list of
 * units (regions first), the progress bar and the Dutch summary. The
 * import itself is import.h. */
#define _GNU_SOURCE
#include "cli_import.h"
#include "audit.h"
#include "import.h"
#include "monitorseed.h"
#include "store.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CLI_MAX_UNITS 4096
#define CLI_MAX_DEPTH 16

struct unit {
    char *path;
    int regions;      /* 1: region list or hierarchy (goes first) */
};

struct plan {
    struct unit u[CLI_MAX_UNITS];
    int n;
    char *skipped[CLI_MAX_UNITS];
    int nskipped;
    const char *data_dir;
    const char *source;
    int failed;       /* walking or recognising failed */
};

static int fail(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

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

static void add_unit(struct plan *p, const char *path, int regions)
{
    if (p->n == CLI_MAX_UNITS) {
        fail(0, "meer dan %d bestanden; %s en verder worden niet gelezen",
             CLI_MAX_UNITS, path);
        p->failed = 1;
        return;
    }
    p->u[p->n].path = strdup(path);
    p->u[p->n].regions = regions;
    if (p->u[p->n].path)
        p->n++;
}

static void add_skipped(struct plan *p, const char *path)
{
    if (p->nskipped < CLI_MAX_UNITS)
        p->skipped[p->nskipped++] = strdup(path);
}

/* Plan one file: recognised (region or data unit) or skipped. */
static void plan_file(struct plan *p, const char *path)
{
    struct fault f = { 0 };
    char code[64];
    int r;

    if (p->source) {
        add_unit(p, path, import_source_is_regions(p->data_dir, p->source));
        return;
    }
    r = import_recognise(path, p->data_dir, code, sizeof code, &f);
    if (r < 0) {
        fail(0, "%s", f.msg);
        p->failed = 1;
    } else if (r == 0) {
        add_skipped(p, path);
    } else {
        add_unit(p, path, import_source_is_regions(p->data_dir, code));
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat sb;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Walk a directory in name order. */
static void plan_dir(struct plan *p, const char *dir, int depth)
{
    char **names = NULL, path[PATH_MAX];
    size_t n = 0, cap = 0, i;
    struct dirent *e;
    DIR *d;

    if (depth > CLI_MAX_DEPTH)
        return;
    if (exists(dir, "data.csv") && exists(dir, "DataProperties.csv")) {
        /* a CBS table: its region list first, then its data */
        snprintf(path, sizeof path, "%s/RegioS.csv", dir);
        if (exists(dir, "RegioS.csv"))
            plan_file(p, path);
        if (p->source)
            add_unit(p, dir, 0);
        else
            plan_file(p, dir);
        return;
    }
    d = opendir(dir);
    if (d == NULL) {
        fail(0, "map %s kan niet gelezen worden", dir);
        p->failed = 1;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap ? cap * 2 : 32) * sizeof *nn);

            if (nn == NULL)
                break;
            names = nn;
            cap = cap ? cap * 2 : 32;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (i = 0; i < n; i++) {
        struct stat sb;

        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (stat(path, &sb) != 0)
            continue;
        if (S_ISDIR(sb.st_mode))
            plan_dir(p, path, depth + 1);
        else if (S_ISREG(sb.st_mode))
            plan_file(p, path);
        free(names[i]);
        names[i] = NULL;
    }
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* --- progress bar ------------------------------------------------- */

struct bar {
    struct timespec start, last;
    int shown;
};

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) +
           (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* "1.234.567": thousands with a dot, the Dutch way. */
static void dutch_int(long long v, char *out, size_t len)
{
    char raw[32];
    size_t n, i, o = 0;

    snprintf(raw, sizeof raw, "%lld", v < 0 ? -v : v);
    n = strlen(raw);
    if (v < 0 && o + 1 < len)
        out[o++] = '-';
    for (i = 0; i < n && o + 2 < len; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = raw[i];
    }
    out[o] = '\0';
}

static void bar_update(void *ctx, long long done, long long total,
                       long long rows)
{
    struct bar *b = ctx;
    struct timespec now;
    char rtxt[32], stxt[32], line[160];
    double pct, secs;
    int i, w = 30, fill;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (b->shown && since(&b->last, &now) < 0.1 && done < total)
        return;
    b->last = now;
    b->shown = 1;
    secs = since(&b->start, &now);
    pct = total > 0 ? 100.0 * (double)done / (double)total : 100.0;
    if (pct > 100)
        pct = 100;
    fill = (int)(pct * w / 100);
    dutch_int(rows, rtxt, sizeof rtxt);
    dutch_int(secs > 0 ? (long long)((double)rows / secs) : 0, stxt,
              sizeof stxt);
    for (i = 0; i < w; i++)
        line[i] = i < fill ? '#' : '.';
    line[w] = '\0';
    fprintf(stderr, "\r  [%s] %3.0f%%  %s regels  %s regels/s ", line, pct,
            rtxt, stxt);
    fflush(stderr);
}

static void bar_stage(void *ctx, const char *what)
{
    struct bar *b = ctx;

    fprintf(stderr, "\r%80s\r  %s ...", "", what);
    fflush(stderr);
    b->shown = 1;
}

static void bar_clear(struct bar *b)
{
    if (b->shown)
        fprintf(stderr, "\r%80s\r", "");
    b->shown = 0;
}

/* --- summary ------------------------------------------------------ */

static void print_summary(const struct import_summary *s)
{
    char a[32], b[32], c[32], d[32], e[32];
    int i;

    dutch_int(s->rows_read, a, sizeof a);
    dutch_int(s->imported, b, sizeof b);
    dutch_int(s->updated, c, sizeof c);
    dutch_int(s->unchanged, d, sizeof d);
    dutch_int(s->skipped, e, sizeof e);
    printf("%s (bron %s)%s\n", s->file, s->source,
           s->dry_run ? " - proefimport, niets opgeslagen" : "");
    printf("  %s regels gelezen: %s nieuw, %s gewijzigd, %s ongewijzigd, %s "
           "overgeslagen\n", a, b, c, d, e);
    for (i = 0; i < s->nreasons; i++) {
        dutch_int(s->reasons[i].count, a, sizeof a);
        printf("    %s %s\n", a, s->reasons[i].text);
    }
    if (s->regions_added)
        printf("  %lld regio's geregistreerd uit de bron\n",
               s->regions_added);
    if (s->links_changed)
        printf("  %lld regel(s) van de regio-indeling toegevoegd of "
               "bijgewerkt\n", s->links_changed);
    if (s->batch_id && s->indicators)
        printf("  opgeslagen als import %lld (%d indicator%s bijgewerkt, "
               "optellingen opnieuw berekend)\n", s->batch_id,
               s->indicators, s->indicators == 1 ? "" : "en");
    else if (s->batch_id)
        printf("  opgeslagen als import %lld\n", s->batch_id);
    else if (!s->dry_run)
        printf("  niets veranderd: niets opgeslagen\n");
}

static void print_errors(const struct import_summary *s,
                         const struct fault *f)
{
    int i;

    printf("%s%s%s%s: NIET geïmporteerd\n", s->file,
           s->source[0] ? " (bron " : "", s->source,
           s->source[0] ? ")" : "");
    printf("  %s\n", f->msg);
    for (i = 0; i < s->nerrors; i++)
        printf("  - %s\n", s->errors[i]);
    if (s->more_errors)
        printf("  - ... (meer fouten; na %d is het lezen gestopt)\n",
               IMPORT_MAX_ERRORS);
}

/* --- the command -------------------------------------------------- */

static const char usage[] =
    "gebruik: koers import [--db BESTAND] [--droog] [--bron CODE] "
    "[--data MAP] PAD...";

int cli_import(int argc, char **argv)
{
    const char *db_path = getenv("KOERS_DB");
    struct plan *p = calloc(1, sizeof *p);
    struct import_summary *s = malloc(sizeof *s);
    struct import_opts o = { 0 };
    char data_dir[PATH_MAX], err[512];
    const char *paths[256];
    int npaths = 0, i, phase, rc = 0, nok = 0, nsame = 0, nfail = 0;
    struct actor cli;
    struct bar bar;
    sqlite3 *db = NULL;

    if (p == NULL || s == NULL) {
        free(p);
        free(s);
        return fail(2, "onvoldoende geheugen");
    }
    import_data_dir(data_dir, sizeof data_dir);
    if (db_path == NULL || db_path[0] == '\0')
        db_path = "koers.db";
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--droog") == 0) {
            o.dry_run = 1;
        } else if (strcmp(a, "--db") == 0 || strcmp(a, "--bron") == 0 ||
                   strcmp(a, "--data") == 0) {
            if (i + 1 >= argc) {
                rc = fail(2, "optie '%s' mist een waarde", a);
                goto done;
            }
            if (strcmp(a, "--db") == 0)
                db_path = argv[++i];
            else if (strcmp(a, "--bron") == 0)
                o.source = argv[++i];
            else
                snprintf(data_dir, sizeof data_dir, "%s", argv[++i]);
        } else if (a[0] == '-' && a[1] == '-') {
            rc = fail(2, "onbekende optie '%s' (%s)", a, usage);
            goto done;
        } else if (npaths < (int)(sizeof paths / sizeof paths[0])) {
            paths[npaths++] = a;
        } else {
            rc = fail(2, "te veel paden (hoogstens %zu; geef een map)",
                      sizeof paths / sizeof paths[0]);
            goto done;
        }
    }
    if (npaths == 0) {
        rc = fail(2, "%s", usage);
        goto done;
    }
    o.data_dir = data_dir;
    p->data_dir = data_dir;
    p->source = o.source;
    for (i = 0; i < npaths; i++) {
        struct stat sb;

        if (stat(paths[i], &sb) != 0) {
            rc = fail(1, "%s bestaat niet", paths[i]);
            goto done;
        }
        if (S_ISDIR(sb.st_mode))
            plan_dir(p, paths[i], 0);
        else
            plan_file(p, paths[i]);
    }
    db = store_open(db_path, 0, err, sizeof err);
    if (db == NULL) {
        rc = fail(1, "%s", err);
        goto done;
    }
    audit_actor_cli(&cli);
    if (!o.dry_run) {
        long added = 0;

        /* new indicators or dimensions in data/monitor join the store */
        if (monitorseed_sync(db, data_dir, &added, err, sizeof err) != 0) {
            rc = fail(1, "catalogus in %s/monitor: %s", data_dir, err);
            goto done;
        }
        if (added > 0) {
            char detail[96];

            snprintf(detail, sizeof detail, "%ld nieuwe regels uit "
                     "data/monitor", added);
            audit_write(db, &cli, "monitor.catalogus", "catalogus",
                        "data/monitor", "gelukt", detail);
            printf("Catalogus: %ld nieuwe dimensies, waarden of indicatoren "
                   "uit %s/monitor toegevoegd.\n", added, data_dir);
        }
    }
    if (isatty(STDERR_FILENO)) {
        o.progress = bar_update;
        o.stage = bar_stage;
        o.progress_ctx = &bar;
    }
    for (phase = 1; phase >= 0; phase--) {
        for (i = 0; i < p->n; i++) {
            struct fault f = { 0 };

            if (p->u[i].regions != phase)
                continue;
            memset(&bar, 0, sizeof bar);
            clock_gettime(CLOCK_MONOTONIC, &bar.start);
            if (import_path(db, &cli, p->u[i].path, &o, s, &f) != 0) {
                bar_clear(&bar);
                print_errors(s, &f);
                nfail++;
                if (f.kind == FAULT_FORBIDDEN || f.kind == FAULT_STORE)
                    phase = -1;
                if (phase < 0)
                    break;
                continue;
            }
            bar_clear(&bar);
            print_summary(s);
            if (s->batch_id || s->dry_run)
                nok++;
            else
                nsame++;
        }
    }
    if (p->nskipped) {
        printf("Overgeslagen (geen bronbeschrijving herkent ze):\n");
        for (i = 0; i < p->nskipped; i++)
            printf("  %s\n", p->skipped[i]);
    }
    printf("Klaar: %d bestand%s %s, %d ongewijzigd, %d mislukt, %d "
           "overgeslagen.\n", nok, nok == 1 ? "" : "en",
           o.dry_run ? "gecontroleerd" : "geïmporteerd", nsame, nfail,
           p->nskipped);
    rc = nfail || p->failed ? 1 : 0;
done:
    store_close(db);
    for (i = 0; i < p->n; i++)
        free(p->u[i].path);
    for (i = 0; i < p->nskipped; i++)
        free(p->skipped[i]);
    free(p);
    free(s);
    return rc;
}
