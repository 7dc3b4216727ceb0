/* ui_monitor.c - the public monitor pages (no login), their downloads and
 * the target form.
 *
 * Owns: /monitor (per pillar the indicators with their latest national
 * value, change, a sparkline of the national series and target status),
 * /monitor/indicatoren/{code} (line chart over time with the target
 * path, a map of provinces or arbeidsmarktregio's, a comparison of
 * regions, each with its numbers in a table beside it, "hoe wordt dit
 * gemeten", the target and, for whoever may set targets, the target
 * form), /monitor/regios/{code} (a region's latest values, parents and
 * history), the downloads of every chart (CSV, JSON, XLSX) and of the
 * whole dataset (koers-lang CSV of the imported rows, which the importer
 * reads back; an XLSX workbook with the computed rows too), and HTTP
 * caching of all of it: an ETag from the newest import batch, the
 * newest audit entry (every change of a target is audited), the start
 * of the process and the request, with Cache-Control public,
 * max-age=300 and 304 on If-None-Match, for anonymous requests (a
 * logged-in page carries the user's name and forms: private, no-cache).
 *
 * Reads go through monitor.h; the few catalogue reads it does not cover
 * (the indicator list, region details, import batches, dimensions) are
 * prepared statements here. The target form calls mon_target_save and
 * mon_target_delete, which check the permission, validate and audit.
 * All markup goes through html.h and chart.h. */
#define _GNU_SOURCE
#include "ui.h"
#include "chart.h"
#include "geo.h"
#include "goal.h"
#include "html.h"
#include "log.h"
#include "monitor.h"
#include "page.h"
#include "period.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"
#include "xlsx.h"

#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The report's section on monitoring (rapport.txt lines). */
#define MON_BRON_SECTIE "5.6 Monitoring"
#define MON_BRON_VAN 2087
#define MON_BRON_TOT 2130

#define MON_CACHE_PUBLIC "public, max-age=300"
#define MON_CACHE_PRIVATE "private, no-cache"
/* Longest query value the pages accept (codes and keys are short). */
#define MON_PARAM_MAX 120
#define MON_KEY_MAX 128
/* A series table with more rows than this is folded in <details>. */
#define MON_TABLE_FOLD 30

#define CT_CSV "text/csv; charset=utf-8"
#define CT_JSON "application/json"
#define CT_XLSX "application/vnd.openxmlformats-officedocument." \
    "spreadsheetml.sheet"

/* ------------------------------------------------------------------ */
/* HTTP caching                                                        */

static time_t start_time;
static pthread_once_t start_once = PTHREAD_ONCE_INIT;

static void start_init(void)
{
    start_time = time(NULL);
}

/* FNV-1a, 64 bits, over a string and its terminator. */
static unsigned long long fnv(unsigned long long h, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");

    do {
        h ^= *p;
        h *= 1099511628211ULL;
    } while (*p++);
    return h;
}

/* Whether the If-None-Match header lists tag (or "*"); weak tags (W/)
 * compare by their opaque part (RFC 9110 weak comparison). */
static int etag_listed(const char *inm, const char *tag)
{
    size_t tl = strlen(tag);
    const char *p = inm;

    while (p && *p) {
        const char *e;

        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        e = strchr(p, ',');
        if (e == NULL)
            e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if ((size_t)(e - p) == tl && strncmp(p, tag, tl) == 0)
            return 1;
        p = strchr(p, ',');
    }
    return 0;
}

/* Set the caching headers of a public monitor answer and answer 304 when
 * the client's copy is current. `vals` are the request's validated
 * parameters (NULL-terminated), which with the path name the answer.
 * Returns 1 when the 304 was answered (the caller stops), else 0. */
static int cache_answer(struct req *r, const char *const *vals)
{
    char tag[40];
    unsigned long long h = 1469598103934665603ULL;
    char num[64];
    const char *inm;
    size_t i;

    if (req_logged_in(r)) {
        resp_header(r, "Cache-Control", MON_CACHE_PRIVATE);
        return 0;
    }
    pthread_once(&start_once, start_init);
    snprintf(num, sizeof num, "%lld|%lld|%lld", (long long)start_time,
             store_count(r->db, "SELECT coalesce(max(id), 0) FROM "
                                "import_batch", NULL),
             store_count(r->db, "SELECT coalesce(max(id), 0) FROM audit",
                         NULL));
    h = fnv(h, num);
    h = fnv(h, r->path);
    for (i = 0; vals && vals[i]; i++)
        h = fnv(h, vals[i]);
    snprintf(tag, sizeof tag, "\"m%016llx\"", h);
    resp_header(r, "ETag", tag);
    resp_header(r, "Cache-Control", MON_CACHE_PUBLIC);
    resp_header(r, "Vary", "Cookie");
    inm = req_header(r, "If-None-Match");
    if (inm && etag_listed(inm, tag)) {
        r->status = 304;
        r->ctype = NULL;
        buf_reset(&r->out);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Small readings and formats                                          */

/* The error page for a store that fails; -1 (for the callers that
 * return it). */
static int store_fail(struct req *r)
{
    page_error(r, 500, "Storing", "De gegevens konden niet worden gelezen. "
               "Probeer het later opnieuw.");
    return -1;
}

/* "%" for a percentage, else nothing: what follows a number. */
static const char *suffix_of(const struct mon_indicator *ind)
{
    return strcmp(ind->unit, "procent") == 0 ? "%" : "";
}

/* Start chart c of view v (a struct chart_line, chart_map or chart_bars:
 * they begin with the same fields): zeroed, with its id, title and
 * description, and the indicator's unit suffix and decimals. */
#define CHART_START(c, cid, t, d, v)                                      \
    do {                                                                  \
        memset(&(c), 0, sizeof(c));                                       \
        (c).id = (cid);                                                   \
        (c).title = (t);                                                  \
        (c).desc = (d);                                                   \
        (c).suffix = suffix_of(&(v)->ind);                                \
        (c).decimals = (v)->ind.decimals;                                 \
    } while (0)

/* A number as JSON: an integer when it is one, else a real. */
static json_t *json_number(double v)
{
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* A number for a CSV cell: shortest exact form, decimal point. */
static void csv_number(struct buf *b, double v)
{
    char tmp[64], *c;

    snprintf(tmp, sizeof tmp, "%.15g", v);
    c = strchr(tmp, ',');
    if (c)
        *c = '.';
    buf_puts(b, tmp);
}

/* One CSV field, quoted (RFC 4180) when it holds a comma, a quote or a
 * line break. */
static void csv_field(struct buf *b, const char *s)
{
    const char *p;

    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    for (p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

/* A numeric table cell with the value in Dutch notation, or a dash. */
static void td_value(struct req *r, const struct mon_indicator *ind,
                     double v, int has)
{
    char t[48], s[56];

    html_lit(&r->out, "<td class=\"utrecht-table__cell "
                      "utrecht-table__cell--numeric-column "
                      "utrecht-table__cell--numeric-data\">");
    if (has) {
        chart_format_nl(t, sizeof t, v, ind->decimals);
        snprintf(s, sizeof s, "%s%s", t, suffix_of(ind));
        html_txt(&r->out, s);
    } else {
        html_lit(&r->out, "<span aria-hidden=\"true\">—</span>"
                          "<span class=\"koers-visually-hidden\">geen "
                          "gegevens</span>");
    }
    html_lit(&r->out, "</td>");
}

/* The status badge of a target: words, with colour as a second cue. */
void ui_monitor_status_badge(struct req *r, int s)
{
    static const char *const cls[] = { "koers-badge--info",
        "koers-badge--ok", "koers-badge--warning", "koers-badge--error" };

    html_lit(&r->out, "<span class=\"koers-badge ");
    html_lit(&r->out, cls[(unsigned)s < 4 ? s : 0]);
    html_lit(&r->out, "\">");
    html_txt(&r->out, mon_status_label(s));
    html_lit(&r->out, "</span>");
}

/* A short axis label and the x position of a period on the time axis
 * (a year; shorter periods add the fraction of the year). A studiejaar
 * sits on its starting year, as the target path counts in those years. */
static void period_axis(const char *code, char *label, size_t len,
                        double *x)
{
    static const char *const months[] = { "jan", "feb", "mrt", "apr",
        "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec" };
    struct period p;

    if (period_parse(code, &p) != 0) {
        snprintf(label, len, "%s", code);
        *x = 0;
        return;
    }
    *x = p.year;
    switch (p.kind) {
    case PERIOD_STUDIEJAAR:
        snprintf(label, len, "%d/%02d", p.year, (p.year + 1) % 100);
        break;
    case PERIOD_HALFJAAR:
        snprintf(label, len, "%d H%d", p.year, p.num);
        *x += (p.num - 1) * 0.5;
        break;
    case PERIOD_KWARTAAL:
        snprintf(label, len, "%d K%d", p.year, p.num);
        *x += (p.num - 1) * 0.25;
        break;
    case PERIOD_MAAND:
        snprintf(label, len, "%s %d", months[(p.num - 1) % 12], p.year);
        *x += (p.num - 1) / 12.0;
        break;
    default:
        snprintf(label, len, "%d", p.year);
        break;
    }
}

/* A file name part: lower-case letters, digits and '-', others as '-'. */
static void name_part(char *out, size_t len, const char *s)
{
    size_t o = 0;

    for (; s && *s && o + 1 < len; s++) {
        char c = *s;

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = '-';
        out[o++] = c;
    }
    out[o] = '\0';
}

static void attachment(struct req *r, const char *file)
{
    char h[256];

    snprintf(h, sizeof h, "attachment; filename=\"%s\"", file);
    resp_header(r, "Content-Disposition", h);
}

/* A temporary file for a large download: an O_CLOEXEC descriptor of a
 * file that is already unlinked, and a stdio stream on a duplicate of it
 * for writing. -1 when none can be made. */
static int temp_stream(int *fd, FILE **out)
{
    const char *t = getenv("TMPDIR");
    char path[PATH_MAX];
    int dupfd;

    snprintf(path, sizeof path, "%s/koers-download-XXXXXX",
             t && t[0] ? t : "/tmp");
    *out = NULL;
    *fd = mkostemp(path, O_CLOEXEC);
    if (*fd < 0)
        return -1;
    unlink(path);
    dupfd = fcntl(*fd, F_DUPFD_CLOEXEC, 0);
    *out = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
    if (*out == NULL) {
        if (dupfd >= 0)
            close(dupfd);
        close(*fd);
        *fd = -1;
        return -1;
    }
    return 0;
}

/* Finish a temporary download: flush, and hand the descriptor to the
 * HTTP layer. 0, or -1 (descriptor closed) on a write error. */
static int temp_send(struct req *r, int fd, FILE *out)
{
    struct stat st;
    int bad = ferror(out);

    if (fclose(out) != 0 || bad || fstat(fd, &st) != 0 ||
        lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    r->file_fd = fd;
    r->file_size = (long long)st.st_size;
    r->status = 200;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Catalogue reads that monitor.h does not cover                        */

struct region_info {
    char code[16];
    char name[96];
    char kind[24];
    char started[16], ended[16], successor[16];
};

/* 1 found, 0 unknown, -1 store error. */
static int region_get(sqlite3 *db, const char *code, struct region_info *ri)
{
    sqlite3_stmt *st;
    int step, rc = -1;

    memset(ri, 0, sizeof *ri);
    if (code == NULL || strlen(code) >= sizeof ri->code)
        return 0;
    st = store_prepare(db, "SELECT code, name, kind, coalesce(started, ''), "
                           "coalesce(ended, ''), coalesce(successor, '') "
                           "FROM region WHERE code = ?");
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        snprintf(ri->code, sizeof ri->code, "%s", store_col(st, 0));
        snprintf(ri->name, sizeof ri->name, "%s", store_col(st, 1));
        snprintf(ri->kind, sizeof ri->kind, "%s", store_col(st, 2));
        snprintf(ri->started, sizeof ri->started, "%s", store_col(st, 3));
        snprintf(ri->ended, sizeof ri->ended, "%s", store_col(st, 4));
        snprintf(ri->successor, sizeof ri->successor, "%s",
                 store_col(st, 5));
        rc = 1;
    } else if (step == SQLITE_DONE) {
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "land") == 0)
        return "land";
    if (strcmp(kind, "landsdeel") == 0)
        return "landsdeel (Techniekpact)";
    return kind;
}

/* The dimension of the indicator that comes first (by order) and is not
 * yet in key; "" when every dimension is. */
static void next_dimension(sqlite3 *db, sqlite3_int64 ind, const char *key,
                           char *out, size_t len)
{
    sqlite3_stmt *st;

    out[0] = '\0';
    st = store_prepare(db, "SELECT d.code FROM indicator_dimension x "
                           "JOIN monitor_dimension d ON d.code = "
                           "x.dimension_code WHERE x.indicator_id = ? "
                           "ORDER BY d.ord, d.code");
    if (st == NULL)
        return;
    sqlite3_bind_int64(st, 1, ind);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *d = store_col(st, 0);
        size_t dl = strlen(d);
        const char *p = key;
        int present = 0;

        while (*p) {
            if (strncmp(p, d, dl) == 0 && p[dl] == '=')
                present = 1;
            p = strchr(p, ';');
            if (p == NULL)
                break;
            p++;
        }
        if (!present) {
            snprintf(out, len, "%s", d);
            break;
        }
    }
    sqlite3_finalize(st);
}

/* key plus "dim=item", pairs sorted by dimension code. 0, or -1 when it
 * does not fit. */
static int key_with(const char *key, const char *dim, const char *item,
                    char *out, size_t len)
{
    const char *p = key;
    size_t o = 0;
    int placed = 0, n;

    out[0] = '\0';
    while (*p) {
        const char *e = strchr(p, ';');
        size_t pl = e ? (size_t)(e - p) : strlen(p);
        const char *eq = memchr(p, '=', pl);
        size_t dl = eq ? (size_t)(eq - p) : pl;
        int cmp = strncmp(p, dim, dl);

        if (cmp == 0 && strlen(dim) > dl)
            cmp = -1;
        if (!placed && cmp > 0) {
            n = snprintf(out + o, len - o, "%s%s=%s", o ? ";" : "", dim,
                         item);
            if (n < 0 || (size_t)n >= len - o)
                return -1;
            o += (size_t)n;
            placed = 1;
        }
        n = snprintf(out + o, len - o, "%s%.*s", o ? ";" : "", (int)pl, p);
        if (n < 0 || (size_t)n >= len - o)
            return -1;
        o += (size_t)n;
        p = e ? e + 1 : p + pl;
    }
    if (!placed) {
        n = snprintf(out + o, len - o, "%s%s=%s", o ? ";" : "", dim, item);
        if (n < 0 || (size_t)n >= len - o)
            return -1;
    }
    return 0;
}

static int in_list(char **list, long n, const char *s)
{
    long i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The view of an indicator: validated query parameters                */

struct view {
    struct mon_indicator ind;
    struct region_info region;
    char disagg[MON_KEY_MAX];
    char disagg_label[192];
    char period[16];
    char period_name[48];
    enum geo_kind kind;
    char **periods;
    long nperiods;
    char **disaggs;
    long ndisaggs;
};

static void view_free(struct view *v)
{
    mon_strings_free(v->periods, v->nperiods);
    mon_strings_free(v->disaggs, v->ndisaggs);
    v->periods = v->disaggs = NULL;
    v->nperiods = v->ndisaggs = 0;
}

/* The name of a stored period ("" when unknown). */
static void period_name(sqlite3 *db, const char *code, char *out,
                        size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT name FROM period WHERE "
                                         "code = ?");

    out[0] = '\0';
    if (st == NULL)
        return;
    store_bind_text(st, 1, code);
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
}

/* The Dutch error page for a choice that does not exist: status, title
 * and a message formatted from fmt. Returns -1 (for view_read). */
static int refuse(struct req *r, int status, const char *title,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int refuse(struct req *r, int status, const char *title,
                  const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    page_error(r, status, title, msg);
    return -1;
}

/* Read and check the indicator of path parameter 0 and the query (or
 * form) values; an absent value takes its default: regio NL01,
 * uitsplitsing the total, periode the latest with data, kaart provincie.
 * 0, or -1 after the Dutch error page (404 unknown indicator, 400 an
 * unknown region, disaggregation, period or map kind). */
static int view_read(struct req *r, struct view *v, const char *regio,
                     const char *uitsplitsing, const char *periode,
                     const char *kaart)
{
    int rc;

    view_free(v);
    memset(v, 0, sizeof *v);
    rc = mon_indicator_get(r->db, r->param[0], &v->ind);
    if (rc < 0)
        return store_fail(r);
    if (rc == 0)
        return refuse(r, 404, "Onbekende indicator", "Er is geen indicator "
                      "met de code ‘%.80s’. Zie de monitor voor alle "
                      "indicatoren.", r->param[0]);
    v->nperiods = mon_periods(r->db, v->ind.id, &v->periods);
    v->ndisaggs = mon_disaggs(r->db, v->ind.id, &v->disaggs);
    if (v->nperiods < 0 || v->ndisaggs < 0) {
        if (v->nperiods < 0)
            v->nperiods = 0;
        if (v->ndisaggs < 0)
            v->ndisaggs = 0;
        return store_fail(r);
    }
    if (regio == NULL || regio[0] == '\0')
        regio = "NL01";
    rc = strlen(regio) < MON_PARAM_MAX ? region_get(r->db, regio, &v->region)
                                       : 0;
    if (rc < 0)
        return store_fail(r);
    if (rc == 0)
        return refuse(r, 400, "Onbekende regio", "De regio ‘%.60s’ bestaat "
                      "niet. Gebruik een CBS-regiocode zoals NL01, PV25 of "
                      "AM12.", regio);
    if (uitsplitsing == NULL || strcmp(uitsplitsing, "totaal") == 0)
        uitsplitsing = "";
    if (uitsplitsing[0] && (strlen(uitsplitsing) >= sizeof v->disagg ||
                            !in_list(v->disaggs, v->ndisaggs,
                                     uitsplitsing)))
        return refuse(r, 400, "Onbekende uitsplitsing", "De uitsplitsing "
                      "‘%.80s’ heeft geen gegevens bij deze indicator. Kies "
                      "een uitsplitsing uit de lijst op de pagina.",
                      uitsplitsing);
    snprintf(v->disagg, sizeof v->disagg, "%s", uitsplitsing);
    mon_disagg_label(r->db, v->disagg, v->disagg_label,
                     sizeof v->disagg_label);
    if (periode && periode[0]) {
        if (strlen(periode) >= sizeof v->period ||
            !in_list(v->periods, v->nperiods, periode))
            return refuse(r, 400, "Onbekende periode", "Voor de periode "
                          "‘%.40s’ zijn er geen gegevens van deze "
                          "indicator. Kies een periode uit de lijst op de "
                          "pagina.", periode);
        snprintf(v->period, sizeof v->period, "%s", periode);
    } else if (v->nperiods > 0) {
        snprintf(v->period, sizeof v->period, "%s",
                 v->periods[v->nperiods - 1]);
    }
    if (v->period[0])
        period_name(r->db, v->period, v->period_name,
                    sizeof v->period_name);
    if (kaart == NULL || kaart[0] == '\0')
        kaart = "provincie";
    rc = geo_kind_parse(kaart);
    if (rc < 0) {
        page_error(r, 400, "Onbekende kaart", "Een kaart is ‘provincie’ "
                   "of ‘arbeidsmarktregio’.");
        return -1;
    }
    v->kind = (enum geo_kind)rc;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The series of the line chart                                        */

/* The lines of the chart: the chosen disaggregation and, split by the
 * first dimension it does not fix yet, one line per item with data;
 * over the periods in which any line has a value. */
struct lines {
    size_t ns;
    char key[CHART_MAX_SERIES][MON_KEY_MAX];
    char label[CHART_MAX_SERIES][192];
    size_t np;
    char (*code)[16];
    char (*name)[48];
    char (*axis)[24];
    double *x;
    int *year;
    double *val;              /* ns x np */
    unsigned char *has;       /* ns x np */
};

static void lines_free(struct lines *l)
{
    free(l->code);
    free(l->name);
    free(l->axis);
    free(l->x);
    free(l->year);
    free(l->val);
    free(l->has);
    memset(l, 0, sizeof *l);
}

/* Build the lines of view v for its region. 0 or -1 (store error). */
static int lines_build(sqlite3 *db, const struct view *v, struct lines *l)
{
    char dim[64];
    sqlite3_stmt *st;
    size_t s, i, np;
    long k;

    memset(l, 0, sizeof *l);
    snprintf(l->key[0], sizeof l->key[0], "%s", v->disagg);
    snprintf(l->label[0], sizeof l->label[0], "%s", v->disagg_label);
    l->ns = 1;
    next_dimension(db, v->ind.id, v->disagg, dim, sizeof dim);
    if (dim[0]) {
        st = store_prepare(db, "SELECT code FROM monitor_dimension_item "
                               "WHERE dimension_code = ? ORDER BY ord, "
                               "code");
        if (st == NULL)
            return -1;
        store_bind_text(st, 1, dim);
        while (l->ns < CHART_MAX_SERIES && sqlite3_step(st) == SQLITE_ROW) {
            char key[MON_KEY_MAX];

            if (key_with(v->disagg, dim, store_col(st, 0), key,
                         sizeof key) != 0 ||
                !in_list(v->disaggs, v->ndisaggs, key))
                continue;
            snprintf(l->key[l->ns], sizeof l->key[0], "%s", key);
            mon_disagg_label(db, key, l->label[l->ns], sizeof l->label[0]);
            l->ns++;
        }
        sqlite3_finalize(st);
    }
    np = v->nperiods > 0 ? (size_t)v->nperiods : 1;
    l->code = calloc(np, sizeof *l->code);
    l->name = calloc(np, sizeof *l->name);
    l->axis = calloc(np, sizeof *l->axis);
    l->x = calloc(np, sizeof *l->x);
    l->year = calloc(np, sizeof *l->year);
    l->val = calloc(np * l->ns, sizeof *l->val);
    l->has = calloc(np * l->ns, sizeof *l->has);
    if (!l->code || !l->name || !l->axis || !l->x || !l->year || !l->val ||
        !l->has) {
        lines_free(l);
        return -1;
    }
    /* every period of the indicator first; emptied ones are dropped */
    for (k = 0; k < v->nperiods; k++) {
        snprintf(l->code[k], sizeof l->code[0], "%s", v->periods[k]);
        period_axis(v->periods[k], l->axis[k], sizeof l->axis[0], &l->x[k]);
    }
    for (s = 0; s < l->ns; s++) {
        struct mon_point *pts = NULL;
        long n = mon_series(db, v->ind.id, v->region.code, l->key[s], &pts);

        if (n < 0) {
            lines_free(l);
            return -1;
        }
        for (k = 0; k < n; k++)
            for (i = 0; i < (size_t)v->nperiods; i++)
                if (strcmp(l->code[i], pts[k].period) == 0) {
                    l->val[s * np + i] = pts[k].value;
                    l->has[s * np + i] = 1;
                    l->year[i] = pts[k].year;
                    snprintf(l->name[i], sizeof l->name[0], "%s",
                             pts[k].period_name);
                    break;
                }
        free(pts);
    }
    /* keep the periods with a value in some line, in order */
    l->np = 0;
    for (i = 0; i < (size_t)v->nperiods; i++) {
        int any = 0;

        for (s = 0; s < l->ns; s++)
            any |= l->has[s * np + i];
        if (!any)
            continue;
        if (l->np != i) {
            memcpy(l->code[l->np], l->code[i], sizeof l->code[0]);
            memcpy(l->name[l->np], l->name[i], sizeof l->name[0]);
            memcpy(l->axis[l->np], l->axis[i], sizeof l->axis[0]);
            l->x[l->np] = l->x[i];
            l->year[l->np] = l->year[i];
            for (s = 0; s < l->ns; s++) {
                l->val[s * np + l->np] = l->val[s * np + i];
                l->has[s * np + l->np] = l->has[s * np + i];
            }
        }
        l->np++;
    }
    /* compact the rows to stride np = l->np */
    for (s = 1; s < l->ns; s++) {
        memmove(&l->val[s * l->np], &l->val[s * np],
                l->np * sizeof *l->val);
        memmove(&l->has[s * l->np], &l->has[s * np],
                l->np * sizeof *l->has);
    }
    return 0;
}

/* The newest value of line 0 (the chosen disaggregation): 1 found. */
static int lines_latest(const struct lines *l, double *v, int *year)
{
    size_t i;

    for (i = l->np; i-- > 0;)
        if (l->has[i]) {
            *v = l->val[i];
            *year = l->year[i];
            return 1;
        }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Rendering parts                                                     */

/* href of a file of an indicator: /monitor/indicatoren/CODE/FILE?... */
static void file_href(struct req *r, const struct view *v, const char *file)
{
    struct buf *b = &r->out;

    html_lit(b, "/monitor/indicatoren/");
    html_url_arg(b, v->ind.code);
    html_lit(b, "/");
    html_lit(b, file);
    if (strncmp(file, "reeks", 5) == 0) {
        html_lit(b, "?regio=");
        html_url_arg(b, v->region.code);
    } else {
        html_lit(b, "?periode=");
        html_url_arg(b, v->period);
        html_lit(b, "&amp;kaart=");
        html_url_arg(b, geo_kind_code(v->kind));
    }
    html_lit(b, "&amp;uitsplitsing=");
    html_url_arg(b, v->disagg);
}

/* The three download links of a chart ("reeks" or "kaart"). */
static void downloads(struct req *r, const struct view *v, const char *what,
                      const char *label)
{
    static const char *const ext[] = { "csv", "json", "xlsx" };
    static const char *const name[] = { "CSV", "JSON", "Excel (XLSX)" };
    struct buf *b = &r->out;
    char file[32];
    size_t i;

    html_lit(b, "<p class=\"nl-paragraph koers-downloads\">Download ");
    html_txt(b, label);
    html_lit(b, ": ");
    for (i = 0; i < 3; i++) {
        snprintf(file, sizeof file, "%s.%s", what, ext[i]);
        if (i)
            html_lit(b, ", ");
        html_lit(b, "<a class=\"nl-link\" href=\"");
        file_href(r, v, file);
        html_lit(b, "\">");
        html_txt(b, name[i]);
        html_lit(b, "<span class=\"koers-visually-hidden\"> (");
        html_txt(b, label);
        html_lit(b, ")</span></a>");
    }
    html_lit(b, "</p>\n");
}

/* The GET form that chooses region, disaggregation, period and map. */
static void view_form(struct req *r, const struct view *v)
{
    struct buf *b = &r->out;
    json_t *regions;
    const char *group = "";
    json_t *x;
    size_t i;
    long k;

    regions = sqljson_rows(r->db,
        "SELECT code, name AS naam, kind AS soort FROM region WHERE "
        "kind <> 'gemeente' OR ended IS NULL OR code = ? ORDER BY CASE kind "
        "WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 WHEN 'provincie' THEN 2 "
        "WHEN 'arbeidsmarktregio' THEN 3 ELSE 4 END, name, code", "s",
        v->region.code);
    html_lit(b, "<form method=\"get\" class=\"koers-monitor-form\" action=\""
                "/monitor/indicatoren/");
    html_url_arg(b, v->ind.code);
    html_lit(b, "\"><div class=\"utrecht-form-field\"><div class=\""
                "utrecht-form-field__label\"><label class=\""
                "utrecht-form-label\" for=\"keuze-regio\">Regio</label></div>"
                "<div class=\"utrecht-form-field__input\"><select class=\""
                "utrecht-select utrecht-select--html-select\" id=\"keuze-regio"
                "\" name=\"regio\">");
    json_array_foreach(regions, i, x) {
        const char *soort = sqljson_str(x, "soort");

        if (strcmp(soort, group) != 0) {
            if (group[0])
                html_lit(b, "</optgroup>");
            html_lit(b, "<optgroup label=\"");
            html_attr(b, strcmp(soort, "land") == 0 ? "Nederland"
                         : strcmp(soort, "landsdeel") == 0 ? "Landsdelen"
                         : strcmp(soort, "provincie") == 0 ? "Provincies"
                         : strcmp(soort, "arbeidsmarktregio") == 0
                               ? "Arbeidsmarktregio's" : "Gemeenten");
            html_lit(b, "\">");
            group = soort;
        }
        html_lit(b, "<option value=\"");
        html_attr(b, sqljson_str(x, "code"));
        html_lit(b, strcmp(sqljson_str(x, "code"), v->region.code) == 0
                        ? "\" selected>" : "\">");
        html_txt(b, sqljson_str(x, "naam"));
        html_lit(b, "</option>");
    }
    if (group[0])
        html_lit(b, "</optgroup>");
    html_lit(b, "</select></div></div>\n");
    json_decref(regions);

    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\""
                "utrecht-form-field__label\"><label class=\""
                "utrecht-form-label\" for=\"keuze-uitsplitsing\">Uitsplitsing"
                "</label></div><div class=\"utrecht-form-field__input\">"
                "<select class=\"utrecht-select utrecht-select--html-select"
                "\" id=\"keuze-uitsplitsing\" name=\"uitsplitsing\">");
    if (v->ndisaggs == 0)
        html_lit(b, "<option value=\"\" selected>totaal</option>");
    for (k = 0; k < v->ndisaggs; k++) {
        char label[192];

        mon_disagg_label(r->db, v->disaggs[k], label, sizeof label);
        html_lit(b, "<option value=\"");
        html_attr(b, v->disaggs[k]);
        html_lit(b, strcmp(v->disaggs[k], v->disagg) == 0 ? "\" selected>"
                                                           : "\">");
        html_txt(b, label);
        html_lit(b, "</option>");
    }
    html_lit(b, "</select></div></div>\n");

    if (v->nperiods > 0) {
        html_lit(b, "<div class=\"utrecht-form-field\"><div class=\""
                    "utrecht-form-field__label\"><label class=\""
                    "utrecht-form-label\" for=\"keuze-periode\">Periode van "
                    "de kaart</label></div><div class=\""
                    "utrecht-form-field__input\"><select class=\""
                    "utrecht-select utrecht-select--html-select\" id=\""
                    "keuze-periode\" name=\"periode\">");
        for (k = v->nperiods; k-- > 0;) {
            char name[48];

            period_name(r->db, v->periods[k], name, sizeof name);
            html_lit(b, "<option value=\"");
            html_attr(b, v->periods[k]);
            html_lit(b, strcmp(v->periods[k], v->period) == 0
                            ? "\" selected>" : "\">");
            html_txt(b, name[0] ? name : v->periods[k]);
            html_lit(b, "</option>");
        }
        html_lit(b, "</select></div></div>\n");
    }
    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\""
                "utrecht-form-field__label\"><label class=\""
                "utrecht-form-label\" for=\"keuze-kaart\">Kaart</label></div>"
                "<div class=\"utrecht-form-field__input\"><select class=\""
                "utrecht-select utrecht-select--html-select\" id=\""
                "keuze-kaart\" name=\"kaart\"><option value=\"provincie\"");
    html_lit(b, v->kind == GEO_PROVINCIE ? " selected" : "");
    html_lit(b, ">Provincies</option><option value=\"arbeidsmarktregio\"");
    html_lit(b, v->kind == GEO_ARBEIDSMARKTREGIO ? " selected" : "");
    html_lit(b, ">Arbeidsmarktregio's</option></select></div></div>\n");
    page_submit(r, "Tonen", 0);
    html_lit(b, "</form>\n");
}

/* The line chart over time with its table and downloads. */
static void section_series(struct req *r, const struct view *v,
                           const struct lines *l, const struct mon_target *t,
                           int has_target)
{
    struct buf *b = &r->out;
    struct chart_series se[CHART_MAX_SERIES];
    const char *xl[1024], *xn[1024];
    const char **xlabel = xl, **xname = xn;
    char title[512], desc[1024], cap[512], tlabel[64];
    const char **cols = NULL;
    struct chart_line c;
    size_t s, i;

    page_h2_id(r, "verloop", "Verloop in de tijd");
    if (l->np == 0) {
        page_para(r, "Voor deze regio en uitsplitsing zijn er nog geen "
                     "gegevens.");
        return;
    }
    if (l->np > 1024) {
        xlabel = calloc(l->np, sizeof *xlabel);
        xname = calloc(l->np, sizeof *xname);
        if (xlabel == NULL || xname == NULL)
            goto cleanup;
    }
    for (i = 0; i < l->np; i++) {
        xlabel[i] = l->axis[i];
        xname[i] = l->name[i][0] ? l->name[i] : l->code[i];
    }
    for (s = 0; s < l->ns; s++) {
        se[s].name = l->label[s];
        se[s].value = &l->val[s * l->np];
        se[s].has = &l->has[s * l->np];
    }
    snprintf(title, sizeof title, "%s in %s, %s", v->ind.name,
             v->region.name, v->disagg_label);
    snprintf(desc, sizeof desc, "Lijngrafiek van %s tot en met %s, met "
             "een lijn per reeks (%zu)%s. De getallen staan in de tabel "
             "onder de grafiek.", xname[0], xname[l->np - 1], l->ns,
             has_target ? " en het streefpad als stippellijn" : "");
    CHART_START(c, "grafiek-verloop", title, desc, v);
    c.nx = l->np;
    c.x = l->x;
    c.xlabel = xlabel;
    c.xname = xname;
    c.nseries = l->ns;
    c.series = se;
    if (has_target) {
        c.has_target = 1;
        c.target_x0 = t->baseline_year;
        c.target_v0 = t->baseline_value;
        c.target_x1 = t->target_year;
        c.target_v1 = t->target_value;
        snprintf(tlabel, sizeof tlabel, "streefpad %d–%d", t->baseline_year,
                 t->target_year);
        c.target_label = tlabel;
    }
    html_lit(b, "<div class=\"koers-chart-pair\"><figure class=\""
                "koers-chart\">");
    if (chart_line_svg(b, &c) != 0)
        html_lit(b, "<p class=\"nl-paragraph\">De grafiek kan niet worden "
                    "getekend.</p>");
    html_lit(b, "<figcaption>");
    html_txt(b, title);
    html_lit(b, ". Bron: ");
    html_txt(b, v->ind.source);
    html_lit(b, ".</figcaption></figure>\n");

    /* the table: a row per period, a column per line (+ the path) */
    cols = calloc(l->ns + 3, sizeof *cols);
    if (cols == NULL)
        goto cleanup;
    cols[0] = "Periode";
    {
        char (*hdr)[200] = calloc(l->ns + 1, sizeof *hdr);

        if (hdr == NULL)
            goto cleanup;
        for (s = 0; s < l->ns; s++) {
            snprintf(hdr[s], sizeof hdr[s], "#%s", l->label[s]);
            cols[s + 1] = hdr[s];
        }
        if (has_target) {
            snprintf(hdr[l->ns], sizeof hdr[0], "#streefpad");
            cols[l->ns + 1] = hdr[l->ns];
        }
        snprintf(cap, sizeof cap, "%s (%s)", title, v->ind.unit);
        if (l->np > MON_TABLE_FOLD) {
            /* a long series: the table folds away (no script needed) */
            html_lit(b, "<details class=\"koers-details\"><summary>De "
                        "cijfers in een tabel (");
            html_int(b, (long long)l->np);
            html_lit(b, " perioden)</summary>");
        }
        page_table_open(r, "tabel-verloop", cap, cols);
        for (i = 0; i < l->np; i++) {
            html_lit(b, "<tr class=\"utrecht-table__row\">");
            page_th_row_open(r);
            html_txt(b, xname[i]);
            html_lit(b, "</th>");
            for (s = 0; s < l->ns; s++)
                td_value(r, &v->ind, l->val[s * l->np + i],
                         l->has[s * l->np + i]);
            if (has_target)
                td_value(r, &v->ind, mon_target_path(t, l->year[i]), 1);
            html_lit(b, "</tr>");
        }
        page_table_close(r);
        if (l->np > MON_TABLE_FOLD)
            html_lit(b, "</details>");
        free(hdr);
    }
    html_lit(b, "</div>\n");
    downloads(r, v, "reeks", "de reeks");
cleanup:
    free(cols);
    if (xlabel != xl)
        free(xlabel);
    if (xname != xn)
        free(xname);
}

/* The cross section of the map kind, as chart values (names borrowed
 * from cells). *vals is malloc'ed. Returns the count, -1 on error. */
static long cross_values(sqlite3 *db, const struct view *v,
                         struct mon_cell **cells, struct chart_value **vals,
                         int *any)
{
    long n, i;

    *vals = NULL;
    *any = 0;
    n = v->period[0] ? mon_cross_section(db, v->ind.id,
                                         geo_kind_code(v->kind), v->period,
                                         v->disagg, cells)
                     : 0;
    if (!v->period[0])
        *cells = NULL;
    if (n < 0)
        return -1;
    *vals = calloc(n > 0 ? (size_t)n : 1, sizeof **vals);
    if (*vals == NULL) {
        free(*cells);
        *cells = NULL;
        return -1;
    }
    for (i = 0; i < n; i++) {
        (*vals)[i].code = (*cells)[i].region;
        (*vals)[i].name = (*cells)[i].name;
        (*vals)[i].value = (*cells)[i].value;
        (*vals)[i].has_value = (*cells)[i].has_value;
        *any |= (*cells)[i].has_value;
    }
    return n;
}

static const char *kind_plural(enum geo_kind k)
{
    return k == GEO_PROVINCIE ? "provincies" : "arbeidsmarktregio's";
}

/* The data directory: KOERS_DATA, else data/ beside the web directory
 * (both come from the installation root, see main.c). */
static void data_dir(struct req *r, char *out, size_t len)
{
    const char *d = getenv("KOERS_DATA");

    if (d && d[0])
        snprintf(out, len, "%s", d);
    else
        snprintf(out, len, "%s/../data", r->web_dir ? r->web_dir : "web");
}

/* The map and the comparison of regions, each with its table. */
static void section_regions(struct req *r, const struct view *v)
{
    struct buf *b = &r->out;
    struct mon_cell *cells = NULL;
    struct chart_value *vals = NULL;
    char title[512], desc[1024], cap[512], dir[PATH_MAX];
    static const char *const cols[] = { "Code", "Naam", "#Waarde", NULL };
    static const char *const rank_cols[] = { "#Plaats", "Naam", "#Waarde",
                                             NULL };
    const struct geo_map *map;
    struct chart_map cm;
    struct chart_bars cb;
    long n, i;
    int any;

    page_h2_id(r, "kaart", "Kaart");
    n = cross_values(r->db, v, &cells, &vals, &any);
    if (n < 0) {
        page_alert(r, "error", "De gegevens van de kaart konden niet "
                               "worden gelezen.");
        return;
    }
    if (!any) {
        snprintf(desc, sizeof desc, "Voor %s zijn er geen gegevens per %s "
                 "(%s).", v->period_name[0] ? v->period_name : "deze "
                 "periode", geo_kind_code(v->kind), v->disagg_label);
        page_para(r, desc);
        page_h2_id(r, "vergelijking", "Regio's vergeleken");
        page_para(r, "Er zijn geen regionale gegevens om te vergelijken.");
        goto cleanup;
    }
    snprintf(title, sizeof title, "%s per %s, %s, %s", v->ind.name,
             geo_kind_code(v->kind), v->period_name, v->disagg_label);
    data_dir(r, dir, sizeof dir);
    map = geo_get(dir, v->kind);
    if (map == NULL) {
        page_alert(r, "warning", "De kaart kan niet worden getekend; de "
                                 "getallen staan in de tabel.");
    } else {
        snprintf(desc, sizeof desc, "Kaart van de %s in vijf klassen van "
                 "licht (laag) naar donker (hoog); gearceerd: geen "
                 "gegevens. De getallen staan in de tabel onder de kaart.",
                 kind_plural(v->kind));
        CHART_START(cm, "grafiek-kaart", title, desc, v);
        cm.map = map;
        cm.n = (size_t)n;
        cm.values = vals;
        html_lit(b, "<div class=\"koers-chart-pair\"><figure class=\""
                    "koers-chart koers-chart--map\">");
        chart_map_svg(b, &cm);
        html_lit(b, "<figcaption>");
        html_txt(b, title);
        html_lit(b, ". Kaart: CBS/PDOK, vereenvoudigd.</figcaption>"
                    "</figure>\n");
    }
    snprintf(cap, sizeof cap, "%s (%s)", title, v->ind.unit);
    page_table_open(r, "tabel-kaart", cap, cols);
    for (i = 0; i < n; i++) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_open(r);
        html_txt(b, cells[i].region);
        html_lit(b, "</td>");
        page_th_row_open(r);
        page_link(r, "/monitor/regios/", cells[i].region, cells[i].name);
        html_lit(b, "</th>");
        td_value(r, &v->ind, cells[i].value, cells[i].has_value);
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    if (map)
        html_lit(b, "</div>\n");
    downloads(r, v, "kaart", "de kaart");

    page_h2_id(r, "vergelijking", "Regio's vergeleken");
    snprintf(desc, sizeof desc, "Staafdiagram van de %s van hoog naar "
             "laag%s%s. De getallen staan in de tabel onder het diagram.",
             kind_plural(v->kind),
             strcmp(v->region.kind, geo_kind_code(v->kind)) == 0
                 ? "; vet: " : "",
             strcmp(v->region.kind, geo_kind_code(v->kind)) == 0
                 ? v->region.name : "");
    CHART_START(cb, "grafiek-vergelijking", title, desc, v);
    cb.n = (size_t)n;
    cb.values = vals;
    cb.highlight = v->region.code;
    html_lit(b, "<div class=\"koers-chart-pair\"><figure class=\""
                "koers-chart\">");
    chart_bars_svg(b, &cb);
    html_lit(b, "<figcaption>");
    html_txt(b, title);
    html_lit(b, ", gesorteerd.</figcaption></figure>\n");
    {
        /* the same order as the bars: by value, without data last */
        long *ord = malloc((size_t)n * sizeof *ord), j, rank = 0;

        if (ord) {
            for (i = 0; i < n; i++)
                ord[i] = i;
            for (i = 1; i < n; i++) {
                long cur = ord[i];

                for (j = i; j > 0; j--) {
                    const struct mon_cell *x = &cells[cur],
                                          *y = &cells[ord[j - 1]];
                    int before = x->has_value != y->has_value
                                     ? x->has_value
                                     : x->has_value && x->value != y->value
                                           ? x->value > y->value
                                           : strcmp(x->region,
                                                    y->region) < 0;
                    if (!before)
                        break;
                    ord[j] = ord[j - 1];
                }
                ord[j] = cur;
            }
            snprintf(cap, sizeof cap, "%s, gesorteerd (%s)", title,
                     v->ind.unit);
            page_table_open(r, "tabel-vergelijking", cap, rank_cols);
            for (i = 0; i < n; i++) {
                const struct mon_cell *x = &cells[ord[i]];

                html_lit(b, "<tr class=\"utrecht-table__row\">");
                if (x->has_value)
                    page_td_num(r, ++rank);
                else
                    td_value(r, &v->ind, 0, 0);
                page_th_row_open(r);
                html_txt(b, x->name);
                html_lit(b, "</th>");
                td_value(r, &v->ind, x->value, x->has_value);
                html_lit(b, "</tr>");
            }
            page_table_close(r);
            free(ord);
        }
    }
    html_lit(b, "</div>\n");
    downloads(r, v, "kaart", "de vergelijking");
cleanup:
    free(vals);
    free(cells);
}

/* ------------------------------------------------------------------ */
/* The target: shown, and the form                                     */

/* What the target form sent, and what was wrong with it. */
struct tform {
    const char *regio, *uitsplitsing, *basisjaar, *basiswaarde;
    const char *doeljaar, *doelwaarde, *toelichting, *doel;
    const char *err_basisjaar, *err_basiswaarde, *err_doeljaar;
    const char *err_doelwaarde, *err_doel;
    char msg[2048];           /* a refusal of the domain, or "" */
};

/* A year field: four digits. -1 when it is not one. */
static int parse_year4(const char *s)
{
    int i;

    if (s == NULL || strlen(s) != 4)
        return -1;
    for (i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    return atoi(s);
}

/* A number field: digits with at most one decimal comma or point and an
 * optional minus sign, no thousands separators. 0 or -1. */
static int parse_decimal(const char *s, double *out)
{
    char tmp[64], *end;
    size_t i, n = s ? strlen(s) : 0;
    int seps = 0, digits = 0;

    if (n == 0 || n >= sizeof tmp)
        return -1;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c == ',' || c == '.') {
            seps++;
            c = '.';
        } else if (c == '-' && i == 0) {
            ;
        } else if (c >= '0' && c <= '9') {
            digits++;
        } else {
            return -1;
        }
        tmp[i] = c;
    }
    tmp[n] = '\0';
    if (seps > 1 || digits == 0)
        return -1;
    *out = strtod(tmp, &end);
    return *end == '\0' && isfinite(*out) ? 0 : -1;
}

/* The target section: baseline, target, status, note; the form for who
 * may set targets (prefilled from the target shown or from what was
 * sent), and the delete button. */
static void section_target(struct req *r, const struct view *v,
                           const struct lines *l, const struct mon_target *t,
                           int has_target, const struct tform *tf)
{
    struct buf *b = &r->out;
    char num[64], y0[8], y1[8], v0[48], v1[48], goal[24];
    int may = req_logged_in(r) &&
              perm_allowed(r->who.role, r->who.scope,
                           ACT_STREEFWAARDE_BEHEREN, NULL);

    page_h2_id(r, "streefwaarde", "Streefwaarde");
    if (has_target) {
        double latest;
        int year;
        enum mon_status st = MON_GEEN;

        if (lines_latest(l, &latest, &year))
            st = mon_target_status(t, v->ind.direction, year, latest);
        html_lit(b, "<dl class=\"koers-dl\">");
        chart_format_nl(v0, sizeof v0, t->baseline_value, v->ind.decimals);
        snprintf(num, sizeof num, "%s%s in %d", v0, suffix_of(&v->ind),
                 t->baseline_year);
        page_dl_item(r, "Basiswaarde", num);
        chart_format_nl(v1, sizeof v1, t->target_value, v->ind.decimals);
        snprintf(num, sizeof num, "%s%s in %d", v1, suffix_of(&v->ind),
                 t->target_year);
        page_dl_item(r, "Streefwaarde", num);
        html_lit(b, "<dt>Status</dt><dd>");
        ui_monitor_status_badge(r, st);
        if (st != MON_GEEN) {
            chart_format_nl(v0, sizeof v0, latest, v->ind.decimals);
            chart_format_nl(v1, sizeof v1, mon_target_path(t, year),
                            v->ind.decimals);
            snprintf(num, sizeof num, " — %s%s in %d; het streefpad "
                     "verwacht ", v0, suffix_of(&v->ind), year);
            html_txt(b, num);
            html_txt(b, v1);
            html_txt(b, suffix_of(&v->ind));
        }
        html_lit(b, "</dd>");
        page_dl_item(r, "Toelichting", t->note);
        if (t->goal_id > 0) {
            html_lit(b, "<dt>Doel</dt><dd>");
            page_id_link(r, "/doelen/", t->goal_id, "het gekoppelde doel");
            html_lit(b, "</dd>");
        }
        html_lit(b, "</dl>\n");
        page_para(r, "Het streefpad loopt recht van de basiswaarde naar de "
                     "streefwaarde. Op koers: op of voorbij het pad; risico: "
                     "achter met hoogstens een kwart van de geplande "
                     "verandering tot dat jaar; uit koers: verder achter.");
    } else {
        page_para(r, "Voor deze regio en uitsplitsing is geen streefwaarde "
                     "vastgelegd.");
    }
    if (!may)
        return;

    /* the form: set (create or replace) the target of this view */
    html_lit(b, "<h3 class=\"nl-heading nl-heading--level-3\" "
                "id=\"streefwaarde-formulier\">Streefwaarde vastleggen"
                "</h3>\n");
    if (tf && tf->msg[0])
        page_alert(r, "error", tf->msg);
    html_lit(b, "<form method=\"post\" action=\"/monitor/indicatoren/");
    html_url_arg(b, v->ind.code);
    html_lit(b, "/streefwaarde\" novalidate>");
    page_csrf_field(r);
    page_field(r, "regio", "Regiocode (bijvoorbeeld NL01, PV25 of AM12)",
               "text", tf ? tf->regio : v->region.code, NULL, 1);
    {
        const char **vals = calloc((size_t)v->ndisaggs + 2, sizeof *vals);
        const char **labs = calloc((size_t)v->ndisaggs + 2, sizeof *labs);
        char (*lab)[192] = calloc((size_t)v->ndisaggs + 1, sizeof *lab);
        long k;

        if (vals && labs && lab) {
            if (v->ndisaggs == 0) {
                vals[0] = "";
                labs[0] = "totaal";
            }
            for (k = 0; k < v->ndisaggs; k++) {
                mon_disagg_label(r->db, v->disaggs[k], lab[k],
                                 sizeof lab[0]);
                vals[k] = v->disaggs[k];
                labs[k] = lab[k];
            }
            page_select(r, "uitsplitsing", "Uitsplitsing", vals, labs,
                        tf ? tf->uitsplitsing : v->disagg, NULL, NULL);
        }
        free(vals);
        free(labs);
        free(lab);
    }
    snprintf(y0, sizeof y0, "%d", has_target ? t->baseline_year : 0);
    snprintf(y1, sizeof y1, "%d", has_target ? t->target_year : 0);
    snprintf(v0, sizeof v0, "%.15g", has_target ? t->baseline_value : 0);
    snprintf(v1, sizeof v1, "%.15g", has_target ? t->target_value : 0);
    page_field(r, "basisjaar", "Basisjaar (vier cijfers)", "text",
               tf ? tf->basisjaar : has_target ? y0 : "",
               tf ? tf->err_basisjaar : NULL, 1);
    page_field(r, "basiswaarde", "Basiswaarde (decimaal met komma of punt, "
               "zonder duizendtallen)", "text",
               tf ? tf->basiswaarde : has_target ? v0 : "",
               tf ? tf->err_basiswaarde : NULL, 1);
    page_field(r, "doeljaar", "Doeljaar (vier cijfers, na het basisjaar)",
               "text", tf ? tf->doeljaar : has_target ? y1 : "",
               tf ? tf->err_doeljaar : NULL, 1);
    page_field(r, "doelwaarde", "Streefwaarde (decimaal met komma of punt)",
               "text", tf ? tf->doelwaarde : has_target ? v1 : "",
               tf ? tf->err_doelwaarde : NULL, 1);
    page_field(r, "toelichting", "Toelichting", "textarea",
               tf ? tf->toelichting : has_target ? t->note : "", NULL, 0);
    {
        json_t *goals = goal_list(r->db);
        struct page_choices ch;

        snprintf(goal, sizeof goal, "%lld",
                 has_target ? (long long)t->goal_id : 0LL);
        if (goals && page_choices_from(&ch, goals, "id", "titel", 1,
                                       0) == 0) {
            page_select(r, "doel", "Doel (niet verplicht)", ch.v, ch.l,
                        tf ? tf->doel : goal, "geen doel",
                        tf ? tf->err_doel : NULL);
            page_choices_free(&ch);
        }
        json_decref(goals);
    }
    page_submit(r, "Streefwaarde opslaan", 1);
    html_lit(b, "</form>\n");
    if (has_target) {
        char id[24];

        snprintf(id, sizeof id, "%lld", (long long)t->id);
        html_lit(b, "<form method=\"post\" action=\"/monitor/indicatoren/");
        html_url_arg(b, v->ind.code);
        html_lit(b, "/streefwaarde/verwijderen\">");
        page_csrf_field(r);
        html_lit(b, "<input type=\"hidden\" name=\"id\" value=\"");
        html_attr(b, id);
        html_lit(b, "\">");
        page_submit(r, "Deze streefwaarde verwijderen", 0);
        html_lit(b, "</form>\n");
    }
}

/* ------------------------------------------------------------------ */
/* How it is measured                                                  */

static void aggregation_text(struct req *r, const struct mon_indicator *ind)
{
    struct buf *b = &r->out;

    html_lit(b, "<dt>Berekening</dt><dd>");
    if (strcmp(ind->aggregation, "ratio") == 0) {
        struct mon_indicator num, den;
        char fl[192];

        html_lit(b, "Berekend als teller/noemer op elk niveau, niet "
                    "gemiddeld: ");
        if (mon_indicator_get(r->db, ind->num_code, &num) == 1 &&
            mon_indicator_get(r->db, ind->den_code, &den) == 1) {
            mon_disagg_label(r->db, ind->num_filter, fl, sizeof fl);
            html_lit(b, "teller ");
            page_link(r, "/monitor/indicatoren/", num.code, num.name);
            html_lit(b, " (");
            html_txt(b, fl);
            html_lit(b, "), noemer ");
            page_link(r, "/monitor/indicatoren/", den.code, den.name);
            mon_disagg_label(r->db, ind->den_filter, fl, sizeof fl);
            html_lit(b, " (");
            html_txt(b, fl);
            html_lit(b, ")");
            if (ind->factor != 1) {
                char f[48];

                chart_format_nl(f, sizeof f, ind->factor, 0);
                html_lit(b, ", maal ");
                html_txt(b, f);
            }
            html_lit(b, ".");
        }
    } else if (strcmp(ind->aggregation, "som") == 0) {
        html_lit(b, "Opgeteld: van gemeente naar provincie, "
                    "arbeidsmarktregio, landsdeel en Nederland, en over de "
                    "uitsplitsingen. Een waarde die de bron zelf voor een "
                    "regio publiceert, gaat voor op de optelling.");
    } else {
        html_lit(b, "Niet opgeteld: de bron publiceert de waarden per regio "
                    "zelf (zoals een index of een aandeel).");
    }
    html_lit(b, "</dd>");
}

static void section_measured(struct req *r, const struct view *v)
{
    struct buf *b = &r->out;
    static const char *const cols[] = { "#Import", "Bron", "Bestand",
        "Datum", "#Nieuw", "#Gewijzigd", "#Ongewijzigd", NULL };
    json_t *batches;
    json_t *x;
    size_t i;
    char s[128];

    page_h2_id(r, "meting", "Hoe wordt dit gemeten");
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Definitie", v->ind.definition);
    page_dl_item(r, "Eenheid", v->ind.unit);
    page_dl_item(r, "Bron", v->ind.source);
    aggregation_text(r, &v->ind);
    page_dl_item(r, "Periode", v->ind.period_kind);
    page_dl_item(r, "Domein", v->ind.domain);
    snprintf(s, sizeof s, "%s is beter", v->ind.direction);
    page_dl_item(r, "Richting", strcmp(v->ind.direction, "neutraal") == 0
                                    ? "neutraal" : s);
    html_lit(b, "</dl>\n");
    batches = sqljson_rows(r->db,
        "SELECT b.id, b.source_code AS bron, b.file_name AS bestand, "
        "b.started_at AS datum, b.imported AS nieuw, b.updated AS "
        "gewijzigd, b.unchanged AS ongewijzigd FROM import_batch b WHERE "
        "EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = ? AND "
        "o.batch_id = b.id) ORDER BY b.id DESC LIMIT 5", "i",
        (long long)v->ind.id);
    if (batches == NULL || json_array_size(batches) == 0) {
        page_para(r, "Er zijn nog geen gegevens van deze indicator "
                     "geïmporteerd.");
        json_decref(batches);
        return;
    }
    page_table_open(r, "tabel-imports", "De laatste imports met gegevens "
                    "van deze indicator", cols);
    json_array_foreach(batches, i, x) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_num(r, sqljson_int(x, "id"));
        page_td(r, x, "bron");
        page_td(r, x, "bestand");
        page_td_open(r);
        page_date_long(r, sqljson_str(x, "datum"));
        html_lit(b, "</td>");
        page_td_num(r, sqljson_int(x, "nieuw"));
        page_td_num(r, sqljson_int(x, "gewijzigd"));
        page_td_num(r, sqljson_int(x, "ongewijzigd"));
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    json_decref(batches);
}

/* ------------------------------------------------------------------ */
/* The indicator page                                                  */

static void render_indicator(struct req *r, struct view *v,
                             const struct tform *tf)
{
    struct buf *b = &r->out;
    struct lines l;
    struct mon_target t;
    int has_target;
    char s[512];

    has_target = mon_target_get(r->db, v->ind.id, v->region.code, v->disagg,
                                &t);
    if (has_target < 0 || lines_build(r->db, v, &l) != 0) {
        store_fail(r);
        return;
    }
    page_begin(r, v->ind.name, "/monitor");
    html_lit(b, "<p class=\"nl-paragraph koers-muted\"><a class=\"nl-link\" "
                "href=\"/monitor\">Monitor</a> · ");
    if (v->ind.pillar[0]) {
        html_lit(b, "pijler ");
        html_txt(b, v->ind.pillar);
    } else {
        html_lit(b, "context");
    }
    html_lit(b, " · ");
    html_txt(b, v->ind.domain);
    html_lit(b, " · ");
    html_txt(b, v->ind.code);
    html_lit(b, "</p>\n");
    if (req_query(r, "opgeslagen") && tf == NULL)
        page_alert(r, "ok", "De streefwaarde is opgeslagen.");
    if (req_query(r, "verwijderd") && tf == NULL)
        page_alert(r, "ok", "De streefwaarde is verwijderd.");
    page_para(r, v->ind.definition);
    snprintf(s, sizeof s, "Getoond: %s, %s%s%s.", v->region.name,
             v->disagg_label, v->period_name[0] ? "; kaart: " : "",
             v->period_name);
    page_para(r, s);
    view_form(r, v);
    section_series(r, v, &l, &t, has_target == 1);
    section_regions(r, v);
    section_target(r, v, &l, &t, has_target == 1, tf);
    section_measured(r, v);
    page_end(r);
    lines_free(&l);
}

void ui_monitor_indicator(struct req *r)
{
    struct view v = { 0 };
    const char *vals[6];

    if (view_read(r, &v, req_query(r, "regio"), req_query(r, "uitsplitsing"),
                  req_query(r, "periode"), req_query(r, "kaart")) != 0)
        goto cleanup;
    vals[0] = v.region.code;
    vals[1] = v.disagg;
    vals[2] = v.period;
    vals[3] = geo_kind_code(v.kind);
    vals[4] = req_query(r, "opgeslagen") ? "o" : req_query(r, "verwijderd")
                                                 ? "v" : "";
    vals[5] = NULL;
    if (cache_answer(r, vals))
        goto cleanup;
    render_indicator(r, &v, NULL);
cleanup:
    view_free(&v);
}

/* POST /monitor/indicatoren/{code}/streefwaarde: set the target of a
 * region and disaggregation (replacing the one there is). */
/* After a target was saved or deleted: back to the indicator's page in
 * the target's region and disaggregation, at the target section, with
 * `done` (opgeslagen, verwijderd) in the query for the confirmation. */
static void target_redirect(struct req *r, const char *code,
                            const struct mon_target *t, const char *done)
{
    struct buf loc;

    buf_init(&loc, 1024);
    buf_puts(&loc, "/monitor/indicatoren/");
    html_url_arg(&loc, code);
    buf_puts(&loc, "?regio=");
    html_url_arg(&loc, t->region);
    buf_puts(&loc, "&uitsplitsing=");
    html_url_arg(&loc, t->disagg);
    buf_printf(&loc, "&%s=1#streefwaarde", done);
    resp_redirect(r, buf_str(&loc));
    buf_free(&loc);
}

void ui_monitor_target_save(struct req *r)
{
    struct view v = { 0 };
    struct tform tf;
    struct mon_target t, old;
    struct fault f = { 0 };
    int y0, y1, found;
    long long goal = 0;

    memset(&tf, 0, sizeof tf);
    tf.regio = req_field(r, "regio") ? req_field(r, "regio") : "";
    tf.uitsplitsing = req_field(r, "uitsplitsing")
                          ? req_field(r, "uitsplitsing") : "";
    tf.basisjaar = req_field(r, "basisjaar");
    tf.basiswaarde = req_field(r, "basiswaarde");
    tf.doeljaar = req_field(r, "doeljaar");
    tf.doelwaarde = req_field(r, "doelwaarde");
    tf.toelichting = req_field(r, "toelichting") ? req_field(r, "toelichting")
                                                 : "";
    tf.doel = req_field(r, "doel") ? req_field(r, "doel") : "";
    /* the page around the form shows the region and disaggregation sent
     * when they exist, else the defaults (the domain names the error) */
    if (mon_indicator_get(r->db, r->param[0], &v.ind) != 1) {
        view_read(r, &v, NULL, NULL, NULL, NULL);   /* answers 404/500 */
        goto cleanup;
    }
    memset(&t, 0, sizeof t);
    y0 = parse_year4(tf.basisjaar);
    y1 = parse_year4(tf.doeljaar);
    if (y0 < 0)
        tf.err_basisjaar = "Vul het basisjaar in als vier cijfers, "
                           "bijvoorbeeld 2019.";
    if (y1 < 0)
        tf.err_doeljaar = "Vul het doeljaar in als vier cijfers, "
                          "bijvoorbeeld 2030.";
    if (parse_decimal(tf.basiswaarde, &t.baseline_value) != 0)
        tf.err_basiswaarde = "Vul de basiswaarde in als getal, zoals 1234 "
                             "of 12,5.";
    if (parse_decimal(tf.doelwaarde, &t.target_value) != 0)
        tf.err_doelwaarde = "Vul de streefwaarde in als getal, zoals 1500 "
                            "of 30,0.";
    if (tf.doel[0]) {
        goal = page_parse_id(tf.doel);
        if (goal < 0)
            tf.err_doel = "Kies een doel uit de lijst.";
    }
    if (strlen(tf.regio) >= sizeof t.region ||
        strlen(tf.uitsplitsing) >= sizeof t.disagg ||
        strlen(tf.toelichting) >= sizeof t.note)
        snprintf(tf.msg, sizeof tf.msg, "Een veld is te lang.");
    if (tf.err_basisjaar || tf.err_doeljaar || tf.err_basiswaarde ||
        tf.err_doelwaarde || tf.err_doel || tf.msg[0]) {
        if (!tf.msg[0])
            snprintf(tf.msg, sizeof tf.msg, "De streefwaarde is niet "
                     "opgeslagen: verbeter de gemarkeerde velden.");
        r->status = 400;
        goto render;
    }
    t.baseline_year = y0;
    t.target_year = y1;
    t.goal_id = goal;
    snprintf(t.region, sizeof t.region, "%s", tf.regio);
    snprintf(t.disagg, sizeof t.disagg, "%s", tf.uitsplitsing);
    snprintf(t.note, sizeof t.note, "%s", tf.toelichting);
    found = mon_target_get(r->db, v.ind.id, t.region, t.disagg, &old);
    if (found < 0) {
        store_fail(r);
        goto cleanup;
    }
    t.id = found == 1 ? old.id : 0;
    if (mon_target_save(r->db, &r->who, v.ind.id, &t, &f) < 0) {
        if (f.kind == FAULT_FORBIDDEN) {
            page_error(r, 403, "Geen toestemming", f.msg);
            goto cleanup;
        }
        r->status = f.kind ? (int)f.kind : 500;
        snprintf(tf.msg, sizeof tf.msg, "%s", f.msg[0] ? f.msg
                 : "Opslaan is mislukt.");
        goto render;
    }
    target_redirect(r, v.ind.code, &t, "opgeslagen");
    goto cleanup;
render:
    {
        int status = r->status;
        struct region_info ri;
        const char *reg = region_get(r->db, tf.regio, &ri) == 1 ? tf.regio
                                                                 : NULL;
        char **keys = NULL;
        long nk = mon_disaggs(r->db, v.ind.id, &keys);
        const char *key = nk > 0 && in_list(keys, nk, tf.uitsplitsing)
                              ? tf.uitsplitsing : NULL;

        if (view_read(r, &v, reg, key, NULL, NULL) == 0) {
            r->status = status;
            render_indicator(r, &v, &tf);
            r->status = status;
        }
        mon_strings_free(keys, nk > 0 ? nk : 0);
    }
cleanup:
    view_free(&v);
}

/* POST /monitor/indicatoren/{code}/streefwaarde/verwijderen */
void ui_monitor_target_delete(struct req *r)
{
    struct mon_indicator ind;
    struct mon_target t;
    struct fault f = { 0 };
    sqlite3_int64 owner = 0;
    long long id = page_parse_id(req_field(r, "id"));
    int rc;

    rc = mon_indicator_get(r->db, r->param[0], &ind);
    if (rc <= 0) {
        if (rc < 0)
            store_fail(r);
        else
            page_error(r, 404, "Onbekende indicator", "Deze indicator "
                       "bestaat niet.");
        return;
    }
    rc = id > 0 ? mon_target_by_id(r->db, id, &owner, &t) : 0;
    if (rc < 0) {
        store_fail(r);
        return;
    }
    if (rc == 0 || owner != ind.id) {
        page_error(r, 404, "Onbekende streefwaarde", "Deze streefwaarde "
                   "bestaat niet (meer) bij deze indicator.");
        return;
    }
    if (mon_target_delete(r->db, &r->who, id, &f) != 0) {
        page_error(r, f.kind ? (int)f.kind : 500,
                   f.kind == FAULT_FORBIDDEN ? "Geen toestemming"
                                             : "Niet verwijderd",
                   f.msg[0] ? f.msg : "Verwijderen is mislukt.");
        return;
    }
    target_redirect(r, ind.code, &t, "verwijderd");
}

/* ------------------------------------------------------------------ */
/* The monitor home                                                    */

/* "+1.234 (+4,1%)" or "-2,5 procentpunt": the change between two
 * values. */
static void change_text(const struct mon_indicator *ind, double now,
                        double before, char *out, size_t len)
{
    char d[48], p[48];
    double diff = now - before;
    int pct = strcmp(ind->unit, "procent") == 0;

    chart_format_nl(d, sizeof d, diff, ind->decimals);
    if (pct) {
        snprintf(out, len, "%s%s procentpunt", diff > 0 ? "+" : "", d);
    } else if (before != 0) {
        chart_format_nl(p, sizeof p, diff / fabs(before) * 100, 1);
        snprintf(out, len, "%s%s (%s%s%%)", diff > 0 ? "+" : "", d,
                 diff > 0 ? "+" : "", p);
    } else {
        snprintf(out, len, "%s%s", diff > 0 ? "+" : "", d);
    }
}

/* The sparkline of a national series (n points, n < 2 or -1: the
 * absent marker). */
static void home_sparkline(struct req *r, const struct mon_indicator *ind,
                           const struct mon_point *pts, long n)
{
    struct chart_spark c = { 0 };
    double *v = n > 1 ? malloc((size_t)n * sizeof *v) : NULL;
    long i;

    c.suffix = suffix_of(ind);
    c.decimals = ind->decimals;
    if (v) {
        for (i = 0; i < n; i++)
            v[i] = pts[i].value;
        c.n = (size_t)n;
        c.value = v;
        c.first = pts[0].period_name;
        c.last = pts[n - 1].period_name;
    }
    chart_sparkline(&r->out, &c);
    free(v);
}

/* One row of the home page: an indicator at NL01, total, with the
 * sparkline of its series. */
static void home_row(struct req *r, const char *code)
{
    struct buf *b = &r->out;
    struct mon_indicator ind;
    struct mon_point *pts = NULL;
    char s[96];
    long n;

    if (mon_indicator_get(r->db, code, &ind) != 1)
        return;
    n = mon_series(r->db, ind.id, "NL01", "", &pts);
    html_lit(b, "<tr class=\"utrecht-table__row\">");
    page_th_row_open(r);
    page_link(r, "/monitor/indicatoren/", ind.code, ind.name);
    html_lit(b, "</th>");
    if (n > 0) {
        td_value(r, &ind, pts[n - 1].value, 1);
        page_td_open(r);
        html_txt(b, pts[n - 1].period_name);
        html_lit(b, "</td>");
        page_td_open(r);
        if (n > 1) {
            change_text(&ind, pts[n - 1].value, pts[n - 2].value, s,
                        sizeof s);
            html_txt(b, s);
            html_lit(b, " <span class=\"koers-muted\">t.o.v. ");
            html_txt(b, pts[n - 2].period_name);
            html_lit(b, "</span>");
        } else {
            html_lit(b, "—");
        }
        html_lit(b, "</td>");
    } else {
        td_value(r, &ind, 0, 0);
        page_td_open(r);
        html_lit(b, "nog geen gegevens</td>");
        page_td_open(r);
        html_lit(b, "—</td>");
    }
    page_td_open(r);
    home_sparkline(r, &ind, pts, n);
    html_lit(b, "</td>");
    page_td_open(r);
    {
        struct mon_target t;

        if (mon_target_get(r->db, ind.id, "NL01", "", &t) == 1)
            ui_monitor_status_badge(r, mon_indicator_status(r->db, &ind));
        else
            html_lit(b, "<span class=\"koers-muted\">geen</span>");
    }
    html_lit(b, "</td></tr>");
    free(pts);
}

void ui_monitor_home(struct req *r)
{
    struct buf *b = &r->out;
    static const char *const cols[] = { "Indicator", "#Nederland, laatst",
        "Periode", "Verandering", "Verloop", "Streefwaarde", NULL };
    json_t *pillars = NULL, *inds = NULL, *p, *x;
    const char *vals[] = { NULL };
    size_t i, k;
    int shown;

    if (cache_answer(r, vals))
        return;
    pillars = sqljson_rows(r->db, "SELECT code, name AS naam FROM pillar "
                                  "ORDER BY nr", "");
    inds = sqljson_rows(r->db, "SELECT code, coalesce(pillar_code, '') AS "
                               "pijler FROM indicator ORDER BY ord, code", "");
    if (pillars == NULL || inds == NULL) {
        store_fail(r);
        goto cleanup;
    }
    json_array_append_new(pillars, json_pack("{s:s,s:s}", "code", "",
                                             "naam", "Context"));
    page_begin(r, "Monitor", "/monitor");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport adviseert toe te "
                "werken naar één landelijke monitor voor het Actieplan, die "
                "de inzichten van de Techniekpactmonitor (techniek) en "
                "pr-eDICT (ICT) samenbrengt en inzicht geeft in de voortgang "
                "van het Actieplan. Voor pijler 1 en 2 zijn veel gegevens "
                "beschikbaar; voor pijler 3 adviseert het rapport een "
                "nadere analyse.</p>\n");
    page_bron(r, MON_BRON_SECTIE, MON_BRON_VAN, MON_BRON_TOT);
    html_lit(b, "<p class=\"nl-paragraph\">De cijfers komen uit open data "
                "van DUO en CBS. Per indicator: de laatste waarde voor "
                "Nederland, de verandering ten opzichte van de periode "
                "ervoor, het verloop over alle perioden (de pagina van de "
                "indicator geeft de cijfers) en, waar een streefwaarde is "
                "vastgelegd, of de ontwikkeling op koers ligt. De "
                "onderwerpen uit figuur 10 van het rapport staan op <a "
                "class=\"nl-link\" href=\"/indicatoren\">onderwerpen van "
                "de monitor</a>.</p>\n");
    json_array_foreach(pillars, i, p) {
        const char *pc = sqljson_str(p, "code");
        char h[160], id[32], cap[192];

        if (pc[0])
            snprintf(h, sizeof h, "Pijler %s — %s", pc + (pc[0] == 'P'),
                     sqljson_str(p, "naam"));
        else
            snprintf(h, sizeof h, "Context");
        snprintf(id, sizeof id, "pijler-%s", pc[0] ? pc : "context");
        page_h2(r, h);
        snprintf(cap, sizeof cap, "Indicatoren: %s", h);
        shown = 0;
        json_array_foreach(inds, k, x) {
            if (strcmp(sqljson_str(x, "pijler"), pc) != 0)
                continue;
            if (!shown)
                page_table_open(r, id, cap, cols);
            home_row(r, sqljson_str(x, "code"));
            shown = 1;
        }
        if (shown)
            page_table_close(r);
        else
            page_para(r, "Nog geen indicatoren voor deze pijler.");
    }
    page_h2_id(r, "regios", "Per regio");
    html_lit(b, "<p class=\"nl-paragraph\">Alle indicatoren voor één regio: "
                "<a class=\"nl-link\" href=\"/monitor/regios/NL01\">Nederland"
                "</a>");
    {
        json_t *prov = sqljson_rows(r->db, "SELECT code, name AS naam FROM "
                                           "region WHERE kind = 'provincie' "
                                           "ORDER BY name", "");

        json_array_foreach(prov, i, x) {
            html_lit(b, ", ");
            page_link(r, "/monitor/regios/", sqljson_str(x, "code"),
                      sqljson_str(x, "naam"));
        }
        json_decref(prov);
    }
    html_lit(b, ".</p>\n");
    page_h2_id(r, "downloads", "Downloads");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">"
                "<li class=\"utrecht-unordered-list__item\"><a class=\""
                "nl-link\" href=\"/monitor/download.csv\">Alle "
                "geïmporteerde waarnemingen (CSV)</a>: in het formaat "
                "koers-lang (indicator, regio, periode, uitsplitsing, "
                "waarde, status), zoals de import van Koers het weer "
                "inleest. Alleen de waarden uit de bronnen; optellingen en "
                "berekende aandelen maakt Koers bij het inlezen zelf.</li>"
                "<li class=\"utrecht-unordered-list__item\"><a class=\""
                "nl-link\" href=\"/monitor/download.xlsx\">De hele dataset "
                "(Excel)</a>: indicatoren, regio's, perioden en alle "
                "waarnemingen, ook de opgetelde en berekende, met hun "
                "oorsprong.</li></ul>\n");
    page_end(r);
cleanup:
    json_decref(pillars);
    json_decref(inds);
}

/* ------------------------------------------------------------------ */
/* The region page                                                     */

/* Links to the regions of arr (objects with code and naam), separated
 * by commas. */
static void region_links(struct req *r, json_t *arr)
{
    size_t i;
    json_t *x;

    json_array_foreach(arr, i, x) {
        if (i)
            html_lit(&r->out, ", ");
        page_link(r, "/monitor/regios/", sqljson_str(x, "code"),
                  sqljson_str(x, "naam"));
    }
}

/* "2015–2019", "vanaf 2015", "tot en met 2019" or "alle jaren". */
static void years_text(long long from, long long to, char *out, size_t len)
{
    int open_from = from <= 1900, open_to = to >= 9999;

    if (open_from && open_to)
        snprintf(out, len, "alle jaren");
    else if (open_to)
        snprintf(out, len, "vanaf %lld", from);
    else if (open_from)
        snprintf(out, len, "tot en met %lld", to);
    else if (from == to)
        snprintf(out, len, "%lld", from);
    else
        snprintf(out, len, "%lld–%lld", from, to);
}

void ui_monitor_region(struct req *r)
{
    struct buf *b = &r->out;
    static const char *const cols[] = { "Indicator", "#Waarde", "Periode",
        "Streefwaarde", NULL };
    static const char *const link_cols[] = { "Soort", "Regio", "Jaren",
                                             NULL };
    struct region_info ri;
    json_t *parents = NULL, *inds = NULL, *before = NULL, *children = NULL;
    json_t *x;
    const char *vals[] = { NULL };
    char title[160], yrs[48];
    size_t i;
    int rc;

    rc = region_get(r->db, r->param[0], &ri);
    if (rc < 0) {
        store_fail(r);
        return;
    }
    if (rc == 0) {
        page_error(r, 404, "Onbekende regio", "Er is geen regio met deze "
                   "code. Regio's hebben CBS-codes zoals NL01, PV25, AM12 "
                   "of GM0363.");
        return;
    }
    if (cache_answer(r, vals))
        return;
    /* every region it lies in, also through another (a gemeente lies in
     * the landsdeel of its province), for the years both links hold */
    parents = sqljson_rows(r->db,
        "WITH RECURSIVE anc(code, yf, yt, depth) AS ("
        "SELECT parent, year_from, year_to, 1 FROM region_link WHERE "
        "child = ?1 UNION SELECT l.parent, max(a.yf, l.year_from), "
        "min(a.yt, l.year_to), a.depth + 1 FROM anc a JOIN region_link l "
        "ON l.child = a.code WHERE max(a.yf, l.year_from) <= "
        "min(a.yt, l.year_to) AND a.depth < 6) "
        "SELECT DISTINCT p.code, p.name AS naam, p.kind AS soort, a.yf AS "
        "van, a.yt AS tot FROM anc a JOIN region p ON p.code = a.code "
        "ORDER BY CASE p.kind WHEN 'provincie' THEN 0 WHEN "
        "'arbeidsmarktregio' THEN 1 WHEN 'landsdeel' THEN 2 ELSE 3 END, "
        "a.yf, p.code", "s", ri.code);
    children = sqljson_rows(r->db,
        "SELECT DISTINCT c.code, c.name AS naam, c.kind AS soort FROM "
        "region_link l JOIN region c ON c.code = l.child WHERE l.parent = ? "
        "ORDER BY c.kind, c.name LIMIT 500", "s", ri.code);
    before = sqljson_rows(r->db, "SELECT code, name AS naam, coalesce(ended, "
                                 "'') AS opgeheven FROM region WHERE "
                                 "successor = ? ORDER BY code", "s", ri.code);
    inds = sqljson_rows(r->db, "SELECT code FROM indicator ORDER BY "
                               "pillar_code IS NULL, pillar_code, ord, code",
                        "");
    if (parents == NULL || children == NULL || before == NULL ||
        inds == NULL) {
        store_fail(r);
        goto cleanup;
    }
    snprintf(title, sizeof title, "%s (%s)", ri.name, ri.code);
    page_begin(r, title, "/monitor");
    html_lit(b, "<p class=\"nl-paragraph koers-muted\"><a class=\"nl-link\" "
                "href=\"/monitor\">Monitor</a> · ");
    html_txt(b, kind_label(ri.kind));
    html_lit(b, "</p>\n");
    if (ri.started[0] || ri.ended[0] || ri.successor[0] ||
        json_array_size(before) > 0) {
        page_h2_id(r, "geschiedenis", "Geschiedenis");
        html_lit(b, "<dl class=\"koers-dl\">");
        if (ri.started[0]) {
            html_lit(b, "<dt>Ontstaan</dt><dd>");
            page_date_long(r, ri.started);
            html_lit(b, "</dd>");
        }
        if (ri.ended[0]) {
            html_lit(b, "<dt>Opgeheven</dt><dd>");
            page_date_long(r, ri.ended);
            html_lit(b, "</dd>");
        }
        if (ri.successor[0]) {
            struct region_info s;

            html_lit(b, "<dt>Opgegaan in</dt><dd>");
            if (region_get(r->db, ri.successor, &s) == 1)
                page_link(r, "/monitor/regios/", s.code, s.name);
            else
                html_txt(b, ri.successor);
            html_lit(b, "</dd>");
        }
        if (json_array_size(before) > 0) {
            html_lit(b, "<dt>Voortgekomen uit</dt><dd>");
            region_links(r, before);
            html_lit(b, "</dd>");
        }
        html_lit(b, "</dl>\n");
        if (ri.ended[0])
            page_para(r, "De gegevens van vóór de opheffing blijven bij deze "
                         "gemeente staan; in de optellingen telt ze mee bij "
                         "de regio's waar ze in dat jaar bij hoorde.");
    }
    page_h2_id(r, "indeling", "Ligt in");
    if (json_array_size(parents) == 0) {
        page_para(r, "Deze regio ligt in geen andere regio van de monitor.");
    } else {
        page_table_open(r, "tabel-indeling", "Regio's waar deze regio in "
                        "ligt, per jaar", link_cols);
        json_array_foreach(parents, i, x) {
            html_lit(b, "<tr class=\"utrecht-table__row\">");
            page_td_open(r);
            html_txt(b, kind_label(sqljson_str(x, "soort")));
            html_lit(b, "</td>");
            page_th_row_open(r);
            page_link(r, "/monitor/regios/", sqljson_str(x, "code"),
                      sqljson_str(x, "naam"));
            html_lit(b, "</th>");
            years_text(sqljson_int(x, "van"), sqljson_int(x, "tot"), yrs,
                       sizeof yrs);
            page_td_open(r);
            html_txt(b, yrs);
            html_lit(b, "</td></tr>");
        }
        page_table_close(r);
    }

    page_h2_id(r, "waarden", "Laatste waarden");
    snprintf(title, sizeof title, "De laatste waarde van elke indicator "
             "voor %s (totaal)", ri.name);
    page_table_open(r, "tabel-waarden", title, cols);
    json_array_foreach(inds, i, x) {
        struct mon_indicator ind;
        struct mon_point *pts = NULL;
        struct mon_target t;
        long n;

        if (mon_indicator_get(r->db, sqljson_str(x, "code"), &ind) != 1)
            continue;
        n = mon_series(r->db, ind.id, ri.code, "", &pts);
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_lit(b, "<a class=\"nl-link\" href=\"/monitor/indicatoren/");
        html_url_arg(b, ind.code);
        html_lit(b, "?regio=");
        html_url_arg(b, ri.code);
        html_lit(b, "\">");
        html_txt(b, ind.name);
        html_lit(b, "</a></th>");
        td_value(r, &ind, n > 0 ? pts[n - 1].value : 0, n > 0);
        page_td_open(r);
        html_txt(b, n > 0 ? pts[n - 1].period_name : "—");
        html_lit(b, "</td>");
        page_td_open(r);
        if (n > 0 && mon_target_get(r->db, ind.id, ri.code, "", &t) == 1)
            ui_monitor_status_badge(r, mon_target_status(&t, ind.direction,
                                              pts[n - 1].year,
                                              pts[n - 1].value));
        else
            html_lit(b, "<span class=\"koers-muted\">geen</span>");
        html_lit(b, "</td></tr>");
        free(pts);
    }
    page_table_close(r);

    if (json_array_size(children) > 0) {
        page_h2_id(r, "bestaat-uit", "Bestaat uit");
        html_lit(b, "<p class=\"nl-paragraph\">");
        region_links(r, children);
        html_lit(b, ".</p>\n");
    }
    page_end(r);
cleanup:
    json_decref(parents);
    json_decref(children);
    json_decref(before);
    json_decref(inds);
}

/* ------------------------------------------------------------------ */
/* Downloads of one chart                                              */

/* The indicator of a chart download, for its JSON form. */
static json_t *indicator_json(const struct view *v)
{
    return json_pack("{s:s,s:s,s:s,s:i}", "code", v->ind.code, "naam",
                     v->ind.name, "eenheid", v->ind.unit, "decimalen",
                     v->ind.decimals);
}

/* Answer with doc (which it takes) as indented JSON. */
static void json_answer(struct req *r, json_t *doc)
{
    char *txt = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(15));

    if (txt)
        buf_puts(&r->out, txt);
    free(txt);
    json_decref(doc);
    r->ctype = CT_JSON;
}

/* The sheet "Toelichting" of a chart workbook: what the numbers are,
 * with `what` (regio or periode) and its name. */
static void explain_sheet(struct xlsx *x, const struct view *v,
                          const char *what, const char *name)
{
    static const char *const head[] = { "veld", "waarde", NULL };
    static const double w[] = { 16, 60 };

    xlsx_sheet(x, "Toelichting", head, w);
    xlsx_str(x, 0, 0, "indicator");
    xlsx_str(x, 0, 1, v->ind.name);
    xlsx_str(x, 1, 0, "eenheid");
    xlsx_str(x, 1, 1, v->ind.unit);
    xlsx_str(x, 2, 0, what);
    xlsx_str(x, 2, 1, name);
    xlsx_str(x, 3, 0, "uitsplitsing");
    xlsx_str(x, 3, 1, v->disagg_label);
    xlsx_str(x, 4, 0, "bron");
    xlsx_str(x, 4, 1, v->ind.source);
}

/* Finish workbook x (xlsx_finish frees it) into the answer's file. 0, or
 * -1 after a 500 answer (the reason logged). */
static int xlsx_answer(struct req *r, struct xlsx *x)
{
    char err[256];
    long long size;
    int fd;

    if (xlsx_finish(x, &fd, &size, err, sizeof err) != 0) {
        log_error("xlsx: %s", err);
        store_fail(r);
        return -1;
    }
    r->file_fd = fd;
    r->file_size = size;
    r->ctype = CT_XLSX;
    return 0;
}

/* The series download: period, then one column per line. */
static void reeks_file(struct req *r, struct view *v, const char *ext)
{
    struct buf *b = &r->out;
    struct lines l;
    char file[256], p1[80], p2[80], p3[140], err[256];
    size_t s, i;

    if (lines_build(r->db, v, &l) != 0) {
        store_fail(r);
        return;
    }
    name_part(p1, sizeof p1, v->ind.code);
    name_part(p2, sizeof p2, v->region.code);
    name_part(p3, sizeof p3, v->disagg);
    snprintf(file, sizeof file, "%s-reeks-%s%s%s.%s", p1, p2,
             p3[0] ? "-" : "", p3, ext);
    buf_reset(b);
    if (strcmp(ext, "csv") == 0) {
        buf_puts(b, "periode,periodenaam");
        for (s = 0; s < l.ns; s++) {
            buf_putc(b, ',');
            csv_field(b, l.label[s]);
        }
        buf_puts(b, "\r\n");
        for (i = 0; i < l.np; i++) {
            csv_field(b, l.code[i]);
            buf_putc(b, ',');
            csv_field(b, l.name[i]);
            for (s = 0; s < l.ns; s++) {
                buf_putc(b, ',');
                if (l.has[s * l.np + i])
                    csv_number(b, l.val[s * l.np + i]);
            }
            buf_puts(b, "\r\n");
        }
        r->ctype = CT_CSV;
    } else if (strcmp(ext, "json") == 0) {
        json_t *doc = json_object(), *reeksen = json_array(),
               *perioden = json_array();

        json_object_set_new(doc, "indicator", indicator_json(v));
        json_object_set_new(doc, "regio", json_pack("{s:s,s:s}", "code",
                            v->region.code, "naam", v->region.name));
        json_object_set_new(doc, "uitsplitsing", json_string(v->disagg));
        for (s = 0; s < l.ns; s++)
            json_array_append_new(reeksen, json_pack("{s:s,s:s}", "naam",
                                  l.label[s], "uitsplitsing", l.key[s]));
        json_object_set_new(doc, "reeksen", reeksen);
        for (i = 0; i < l.np; i++) {
            json_t *w = json_object();

            for (s = 0; s < l.ns; s++)
                json_object_set_new(w, l.label[s], l.has[s * l.np + i]
                                        ? json_number(l.val[s * l.np + i])
                                        : json_null());
            json_array_append_new(perioden, json_pack("{s:s,s:s,s:o}",
                                  "periode", l.code[i], "naam", l.name[i],
                                  "waarden", w));
        }
        json_object_set_new(doc, "perioden", perioden);
        json_answer(r, doc);
    } else {
        struct xlsx *x = xlsx_new(err, sizeof err);
        const char **head = calloc(l.ns + 3, sizeof *head);
        double *w = calloc(l.ns + 2, sizeof *w);

        if (x == NULL || head == NULL || w == NULL) {
            xlsx_free(x);
            free(head);
            free(w);
            store_fail(r);
            goto cleanup;
        }
        head[0] = "periode";
        head[1] = "periodenaam";
        w[0] = 12;
        w[1] = 24;
        for (s = 0; s < l.ns; s++) {
            head[s + 2] = l.label[s];
            w[s + 2] = 16;
        }
        xlsx_sheet(x, "Reeks", head, w);
        for (i = 0; i < l.np; i++) {
            xlsx_str(x, (unsigned)i, 0, l.code[i]);
            xlsx_str(x, (unsigned)i, 1, l.name[i]);
            for (s = 0; s < l.ns; s++)
                if (l.has[s * l.np + i])
                    xlsx_num(x, (unsigned)i, (unsigned)s + 2,
                             l.val[s * l.np + i]);
        }
        explain_sheet(x, v, "regio", v->region.name);
        free(head);
        free(w);
        if (xlsx_answer(r, x) != 0)
            goto cleanup;
    }
    r->status = 200;
    attachment(r, file);
cleanup:
    lines_free(&l);
}

/* The map download: region code, name and value for the period. */
static void kaart_file(struct req *r, struct view *v, const char *ext)
{
    struct buf *b = &r->out;
    struct mon_cell *cells = NULL;
    struct chart_value *vals = NULL;
    char file[256], p1[80], p2[40], p3[140], err[256];
    long n, i;
    int any;

    n = cross_values(r->db, v, &cells, &vals, &any);
    if (n < 0) {
        store_fail(r);
        return;
    }
    name_part(p1, sizeof p1, v->ind.code);
    name_part(p2, sizeof p2, v->period);
    name_part(p3, sizeof p3, v->disagg);
    snprintf(file, sizeof file, "%s-kaart-%s-%s%s%s.%s", p1,
             geo_kind_code(v->kind), p2, p3[0] ? "-" : "", p3, ext);
    buf_reset(b);
    if (strcmp(ext, "csv") == 0) {
        buf_puts(b, "regio,naam,waarde\r\n");
        for (i = 0; i < n; i++) {
            csv_field(b, cells[i].region);
            buf_putc(b, ',');
            csv_field(b, cells[i].name);
            buf_putc(b, ',');
            if (cells[i].has_value)
                csv_number(b, cells[i].value);
            buf_puts(b, "\r\n");
        }
        r->ctype = CT_CSV;
    } else if (strcmp(ext, "json") == 0) {
        json_t *doc = json_object(), *arr = json_array();

        json_object_set_new(doc, "indicator", indicator_json(v));
        json_object_set_new(doc, "periode", json_pack("{s:s,s:s}", "code",
                            v->period, "naam", v->period_name));
        json_object_set_new(doc, "soort", json_string(geo_kind_code(
                                                          v->kind)));
        json_object_set_new(doc, "uitsplitsing", json_string(v->disagg));
        for (i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:s,s:s,s:o}", "code",
                                  cells[i].region, "naam", cells[i].name,
                                  "waarde", cells[i].has_value
                                      ? json_number(cells[i].value)
                                      : json_null()));
        json_object_set_new(doc, "regios", arr);
        json_answer(r, doc);
    } else {
        static const char *const head[] = { "regio", "naam", "waarde",
                                            NULL };
        static const double w[] = { 10, 32, 14 };
        struct xlsx *x = xlsx_new(err, sizeof err);

        if (x == NULL) {
            store_fail(r);
            goto cleanup;
        }
        xlsx_sheet(x, "Kaart", head, w);
        for (i = 0; i < n; i++) {
            xlsx_str(x, (unsigned)i, 0, cells[i].region);
            xlsx_str(x, (unsigned)i, 1, cells[i].name);
            if (cells[i].has_value)
                xlsx_num(x, (unsigned)i, 2, cells[i].value);
        }
        explain_sheet(x, v, "periode", v->period_name);
        if (xlsx_answer(r, x) != 0)
            goto cleanup;
    }
    r->status = 200;
    attachment(r, file);
cleanup:
    free(vals);
    free(cells);
}

/* GET /monitor/indicatoren/{code}/{bestand}: reeks.csv|json|xlsx and
 * kaart.csv|json|xlsx. */
void ui_monitor_indicator_file(struct req *r)
{
    struct view v = { 0 };
    const char *f = r->param[1], *dot = strrchr(f, '.');
    const char *vals[5];
    int reeks;

    if (dot == NULL || (strcmp(dot, ".csv") != 0 &&
                        strcmp(dot, ".json") != 0 &&
                        strcmp(dot, ".xlsx") != 0) ||
        (size_t)(dot - f) != 5 ||
        (strncmp(f, "reeks", 5) != 0 && strncmp(f, "kaart", 5) != 0)) {
        page_error(r, 404, "Niet gevonden", "Dit bestand bestaat niet. Een "
                   "indicator heeft reeks.csv, reeks.json, reeks.xlsx, "
                   "kaart.csv, kaart.json en kaart.xlsx.");
        return;
    }
    reeks = strncmp(f, "reeks", 5) == 0;
    if (view_read(r, &v, reeks ? req_query(r, "regio") : NULL,
                  req_query(r, "uitsplitsing"),
                  reeks ? NULL : req_query(r, "periode"),
                  reeks ? NULL : req_query(r, "kaart")) != 0)
        goto cleanup;
    vals[0] = v.region.code;
    vals[1] = v.disagg;
    vals[2] = v.period;
    vals[3] = geo_kind_code(v.kind);
    vals[4] = NULL;
    if (cache_answer(r, vals))
        goto cleanup;
    if (reeks)
        reeks_file(r, &v, dot + 1);
    else
        kaart_file(r, &v, dot + 1);
cleanup:
    view_free(&v);
}

/* ------------------------------------------------------------------ */
/* The whole dataset                                                   */

/* GET /monitor/download.csv: every imported observation (origin 0) in
 * the koers-lang format, in key order; computed rows are left out so
 * that importing the file gives the same store. Written to a temporary
 * file: the dataset may be larger than a response buffer. */
void ui_monitor_download_csv(struct req *r)
{
    const char *vals[] = { NULL };
    sqlite3_stmt *st = NULL;
    FILE *out = NULL;
    struct buf line;
    int fd = -1, step;

    if (cache_answer(r, vals))
        return;
    buf_init(&line, 4096);
    st = store_prepare(r->db,
        "SELECT i.code, g.code, p.code, d.key, o.value, o.definitief FROM "
        "observation o JOIN indicator i ON i.id = o.indicator_id JOIN region "
        "g ON g.id = o.region_id JOIN period p ON p.id = o.period_id JOIN "
        "disaggregation d ON d.id = o.disagg_id WHERE o.origin = 0 ORDER BY "
        "o.indicator_id, o.region_id, o.disagg_id, o.period_id");
    if (st == NULL || temp_stream(&fd, &out) != 0)
        goto fail;
    fputs("indicator,regio,periode,uitsplitsing,waarde,status\r\n", out);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int c;

        buf_reset(&line);
        for (c = 0; c < 4; c++) {
            csv_field(&line, store_col(st, c));
            buf_putc(&line, ',');
        }
        csv_number(&line, sqlite3_column_double(st, 4));
        buf_puts(&line, sqlite3_column_int(st, 5) ? ",definitief\r\n"
                                                  : ",voorlopig\r\n");
        if (buf_failed(&line) ||
            fwrite(buf_str(&line), 1, line.len, out) != line.len) {
            step = SQLITE_ERROR;
            break;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (step != SQLITE_DONE)
        goto fail;
    if (temp_send(r, fd, out) != 0) {
        fd = -1;
        out = NULL;
        goto fail;
    }
    buf_free(&line);
    r->ctype = CT_CSV;
    attachment(r, "koers-monitor-waarnemingen.csv");
    return;
fail:
    buf_free(&line);
    sqlite3_finalize(st);
    if (out)
        fclose(out);
    if (fd >= 0)
        close(fd);
    store_fail(r);
}

/* Write the rows of `sql` into the current sheet: text columns, except
 * the columns flagged in `numeric` (a string of '0'/'1' per column).
 * 0 or -1. */
static int sheet_rows(sqlite3 *db, struct xlsx *x, const char *sql,
                      const char *numeric)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    unsigned row = 0;
    int step, c, n;

    if (st == NULL)
        return -1;
    n = sqlite3_column_count(st);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (c = 0; c < n; c++) {
            if (sqlite3_column_type(st, c) == SQLITE_NULL)
                continue;
            if (numeric[c] == '1')
                xlsx_num(x, row, (unsigned)c, sqlite3_column_double(st, c));
            else
                xlsx_str(x, row, (unsigned)c, store_col(st, c));
        }
        row++;
    }
    sqlite3_finalize(st);
    return step == SQLITE_DONE ? 0 : -1;
}

/* One sheet of the dataset workbook: its name, columns (NULL-terminated)
 * and widths, and the rows (sheet_rows). */
struct dataset_sheet {
    const char *name;
    const char *const *head;
    const double *widths;
    const char *sql;
    const char *numeric;
};

static const char *const h_ind[] = { "code", "naam", "definitie",
    "eenheid", "decimalen", "bron", "pijler", "domein", "richting",
    "aggregatie", "periodesoort", "teller", "tellerfilter", "noemer",
    "noemerfilter", "factor", NULL };
static const double w_ind[] = { 30, 50, 60, 12, 10, 40, 8, 10, 10, 10,
                                12, 30, 20, 30, 20, 8 };
static const char *const h_reg[] = { "code", "naam", "soort", "ontstaan",
    "opgeheven", "opvolger", NULL };
static const double w_reg[] = { 10, 36, 18, 12, 12, 10 };
static const char *const h_per[] = { "code", "naam", "soort", "jaar",
    "begin", "eind", NULL };
static const double w_per[] = { 12, 26, 12, 8, 12, 12 };
static const char *const h_obs[] = { "indicator", "regio", "periode",
    "uitsplitsing", "waarde", "status", "oorsprong", "importbatch", NULL };
static const double w_obs[] = { 30, 10, 12, 30, 14, 12, 10, 12 };

static const struct dataset_sheet dataset_sheets[] = {
    { "Indicatoren", h_ind, w_ind,
      "SELECT code, name, definition, unit, decimals, source, "
      "pillar_code, domain, direction, aggregation, period_kind, "
      "num_code, num_filter, den_code, den_filter, factor FROM "
      "indicator ORDER BY ord, code", "0000100000000001" },
    { "Regio's", h_reg, w_reg,
      "SELECT code, name, kind, started, ended, successor FROM region "
      "ORDER BY CASE kind WHEN 'land' THEN 0 WHEN 'landsdeel' THEN 1 "
      "WHEN 'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 ELSE 4 "
      "END, code", "000000" },
    { "Perioden", h_per, w_per,
      "SELECT code, name, kind, year, starts, ends FROM period ORDER "
      "BY starts, code", "000100" },
    { "Waarnemingen", h_obs, w_obs,
      "SELECT i.code, g.code, p.code, d.key, o.value, CASE "
      "o.definitief WHEN 1 THEN 'definitief' ELSE 'voorlopig' END, "
      "CASE o.origin WHEN 0 THEN 'bron' WHEN 1 THEN 'opgeteld' ELSE "
      "'berekend' END, o.batch_id FROM observation o JOIN indicator i "
      "ON i.id = o.indicator_id JOIN region g ON g.id = o.region_id "
      "JOIN period p ON p.id = o.period_id JOIN disaggregation d ON "
      "d.id = o.disagg_id ORDER BY o.indicator_id, o.region_id, "
      "o.disagg_id, o.period_id", "00001001" },
};

/* GET /monitor/download.xlsx: the whole dataset as a workbook. */
void ui_monitor_download_xlsx(struct req *r)
{
    const char *vals[] = { NULL };
    struct xlsx *x = NULL;
    char err[256];
    long long n;
    size_t i;

    if (cache_answer(r, vals))
        return;
    n = store_count(r->db, "SELECT count(*) FROM observation", NULL);
    if (n < 0)
        goto fail;
    if (n > (long long)XLSX_MAX_ROWS) {
        /* the caching headers were set for a 200 */
        page_error(r, 413, "Te groot voor Excel", "De dataset heeft meer "
                   "waarnemingen dan een Excel-werkblad kan bevatten "
                   "(1.048.575). Download de waarnemingen als CSV.");
        return;
    }
    x = xlsx_new(err, sizeof err);
    if (x == NULL)
        goto fail;
    for (i = 0; i < sizeof dataset_sheets / sizeof dataset_sheets[0]; i++) {
        const struct dataset_sheet *d = &dataset_sheets[i];

        if (xlsx_sheet(x, d->name, d->head, d->widths) != 0 ||
            sheet_rows(r->db, x, d->sql, d->numeric) != 0)
            goto fail;
    }
    if (xlsx_answer(r, x) != 0)
        return;
    r->status = 200;
    attachment(r, "koers-monitor.xlsx");
    return;
fail:
    xlsx_free(x);
    store_fail(r);
}
