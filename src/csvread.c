/* csvread.c - strict streaming CSV reader (see csvread.h).
 *
 * A byte loop with a state (in a quoted field, just after a quote inside
 * one, just after a closing quote) that survives chunk boundaries. Runs
 * of ordinary bytes are found with a stop table and copied with one
 * memcpy, so ASCII data costs a table lookup per byte. Bytes >= 0x80 set
 * a flag; only records that have them are UTF-8 validated. */
#include "csvread.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

struct csv {
    FILE *fp;
    const unsigned char *in;     /* current chunk (or all of memory) */
    size_t len, pos;
    unsigned char *chunk;        /* owned buffer for file input */
    size_t chunk_size;
    int eof;                     /* nothing after in[len] */
    int started;                 /* BOM check done */
    int cr_pending;              /* skip one LF after a CR */
    long long consumed;          /* bytes before in[0] */
    long long line;              /* line at in[pos] */
    char sep;
    size_t max_field, max_record, max_fields;
    unsigned char stop_u[256];   /* stops an unquoted run */
    unsigned char stop_q[256];   /* stops a quoted run */

    /* current record */
    char *rec;                   /* fields, each NUL-terminated */
    size_t used;
    size_t *off;                 /* start of field i in rec */
    size_t *flen;
    size_t nf;
    long long rec_line;
    int high;                    /* a byte >= 0x80 was seen */
    int nul;                     /* a NUL byte was seen */
    int rec_failed;              /* the record has an error (reported) */
    int fany;                    /* the current field has bytes (even when
                                    they were not kept after an error) */

    char err[256];
    int fatal;
};

static struct csv *csv_new(const struct csv_opts *o)
{
    struct csv *c = calloc(1, sizeof *c);
    unsigned i;

    if (c == NULL)
        return NULL;
    c->sep = o && o->sep ? o->sep : ',';
    c->max_field = o && o->max_field ? o->max_field : CSV_MAX_FIELD;
    c->max_record = o && o->max_record ? o->max_record : CSV_MAX_RECORD;
    c->max_fields = o && o->max_fields ? o->max_fields : CSV_MAX_FIELDS;
    c->chunk_size = o && o->chunk ? o->chunk : CSV_CHUNK;
    c->rec = malloc(c->max_record + c->max_fields + 1);
    c->off = malloc((c->max_fields + 1) * sizeof *c->off);
    c->flen = malloc((c->max_fields + 1) * sizeof *c->flen);
    if (c->rec == NULL || c->off == NULL || c->flen == NULL) {
        csv_close(c);
        return NULL;
    }
    for (i = 0; i < 256; i++) {
        c->stop_u[i] = i >= 0x80 || i == 0;
        c->stop_q[i] = i >= 0x80 || i == 0;
    }
    c->stop_u[(unsigned char)c->sep] = 1;
    c->stop_u['\n'] = c->stop_u['\r'] = c->stop_u['"'] = 1;
    c->stop_q['"'] = c->stop_q['\n'] = 1;
    c->line = 1;
    c->rec[0] = '\0';
    return c;
}

struct csv *csv_open_file(FILE *fp, const struct csv_opts *opts)
{
    struct csv *c = csv_new(opts);

    if (c == NULL)
        return NULL;
    c->fp = fp;
    c->chunk = malloc(c->chunk_size < 4 ? 4 : c->chunk_size);
    if (c->chunk == NULL) {
        csv_close(c);
        return NULL;
    }
    c->in = c->chunk;
    return c;
}

struct csv *csv_open_mem(const char *data, size_t len,
                         const struct csv_opts *opts)
{
    struct csv *c = csv_new(opts);

    if (c == NULL)
        return NULL;
    c->in = (const unsigned char *)data;
    c->len = len;
    c->eof = 1;
    return c;
}

void csv_close(struct csv *c)
{
    if (c == NULL)
        return;
    free(c->chunk);
    free(c->rec);
    free(c->off);
    free(c->flen);
    free(c);
}

/* Make in[pos] available: 1 when it is, 0 at the end, -1 on a read
 * error (fatal). */
static int fill(struct csv *c)
{
    size_t n;

    if (c->pos < c->len)
        return 1;
    if (c->eof)
        return 0;
    c->consumed += (long long)c->len;
    c->pos = c->len = 0;
    n = fread(c->chunk, 1, c->chunk_size, c->fp);
    if (n == 0) {
        c->eof = 1;
        if (ferror(c->fp)) {
            snprintf(c->err, sizeof c->err, "regel %lld: het bestand kan "
                     "niet verder gelezen worden (leesfout)", c->line);
            c->fatal = 1;
            c->rec_failed = 1;
            return -1;
        }
        return 0;
    }
    c->len = n;
    return 1;
}

/* Remember the first error of the current record. */
static void rec_error(struct csv *c, const char *what)
{
    if (c->rec_failed)
        return;
    c->rec_failed = 1;
    snprintf(c->err, sizeof c->err, "regel %lld, kolom %zu: %s", c->rec_line,
             c->nf + 1, what);
}

/* The limit an append of n bytes would pass: remember the error. */
static void put_refused(struct csv *c, size_t n)
{
    char what[96];

    if (c->used - c->off[c->nf] + n > c->max_field)
        snprintf(what, sizeof what, "het veld is langer dan %zu bytes",
                 c->max_field);
    else
        snprintf(what, sizeof what, "de regel is langer dan %zu bytes",
                 c->max_record);
    rec_error(c, what);
}

/* Append n bytes to the current field within the limits. */
static inline void put(struct csv *c, const unsigned char *p, size_t n)
{
    if (n == 0)
        return;
    c->fany = 1;
    if (c->rec_failed)
        return;
    if (c->used - c->off[c->nf] + n > c->max_field ||
        c->used + n + c->nf > c->max_record) {
        put_refused(c, n);
        return;
    }
    memcpy(c->rec + c->used, p, n);
    c->used += n;
}

/* End the current field; start the next one when `more`. */
static inline void end_field(struct csv *c, int more)
{
    c->fany = 0;
    if (c->rec_failed)
        return;
    c->flen[c->nf] = c->used - c->off[c->nf];
    c->rec[c->used++] = '\0';
    c->nf++;
    if (!more)
        return;
    if (c->nf >= c->max_fields) {
        char what[96];

        snprintf(what, sizeof what, "meer dan %zu velden in één regel",
                 c->max_fields);
        c->nf--;
        rec_error(c, what);
        c->nf++;
        return;
    }
    c->off[c->nf] = c->used;
}

/* Validate a finished record's text: UTF-8 and no NUL bytes. */
static int rec_check(struct csv *c)
{
    size_t i;

    if (!c->high && !c->nul)
        return 0;
    for (i = 0; i < c->nf; i++) {
        const char *f = c->rec + c->off[i];

        if (c->nul && memchr(f, '\0', c->flen[i]) != NULL) {
            c->nf = i;
            rec_error(c, "het bestand bevat een NUL-teken (is het UTF-16? "
                         "Sla het op als UTF-8)");
            return -1;
        }
        if (c->high && !text_utf8_valid(f, c->flen[i])) {
            c->nf = i;
            rec_error(c, "de tekst is geen geldige UTF-8 (sla het bestand "
                         "op als UTF-8)");
            return -1;
        }
    }
    return 0;
}

/* The start of the input: skip a UTF-8 byte order mark, refuse UTF-16. */
static int check_start(struct csv *c)
{
    c->started = 1;
    if (fill(c) <= 0)
        return c->fatal ? -1 : 0;
    /* a byte order mark may straddle tiny chunks: read up to 3 bytes */
    while (c->fp && c->len < 3 && !c->eof) {
        size_t n = fread(c->chunk + c->len, 1, 3 - c->len, c->fp);

        if (n == 0)
            break;
        c->len += n;
    }
    if (c->len - c->pos >= 2 &&
        ((c->in[0] == 0xFF && c->in[1] == 0xFE) ||
         (c->in[0] == 0xFE && c->in[1] == 0xFF))) {
        snprintf(c->err, sizeof c->err, "regel 1: het bestand is UTF-16; "
                 "sla het op als UTF-8");
        c->fatal = 1;
        c->rec_failed = 1;
        return -1;
    }
    if (c->len - c->pos >= 3 && c->in[0] == 0xEF && c->in[1] == 0xBB &&
        c->in[2] == 0xBF)
        c->pos += 3;
    return 0;
}

int csv_next(struct csv *c)
{
    int in_quotes = 0, after_quote = 0, closed = 0, any = 0, r;
    size_t qline = 0;

    if (c->fatal)
        return -1;
    if (!c->started && check_start(c) != 0)
        return -1;
    c->used = 0;
    c->nf = 0;
    c->off[0] = 0;
    c->high = 0;
    c->nul = 0;
    c->rec_failed = 0;
    c->fany = 0;
    c->err[0] = '\0';
    c->rec_line = c->line;
    for (;;) {
        unsigned char ch;

        r = fill(c);
        if (r < 0)
            return -1;
        if (r == 0) {
            if (in_quotes && !after_quote) {
                snprintf(c->err, sizeof c->err, "regel %lld, kolom %zu: het "
                         "bestand houdt op midden in een veld tussen "
                         "aanhalingstekens (geopend op regel %zu); is het "
                         "afgebroken?", c->line, c->nf + 1, qline);
                c->fatal = 1;
                c->rec_failed = 1;
                return -1;
            }
            if (!any)
                return 0;
            end_field(c, 0);
            break;
        }
        ch = c->in[c->pos];
        if (c->cr_pending) {
            c->cr_pending = 0;
            if (ch == '\n') {
                c->pos++;
                c->rec_line = c->line;
                continue;
            }
        }
        any = 1;
        if (in_quotes) {
            if (after_quote) {
                after_quote = 0;
                if (ch == '"') {
                    put(c, &ch, 1);
                    c->pos++;
                    continue;
                }
                in_quotes = 0;
                closed = 1;
                /* fall through to the unquoted handling of ch */
            } else {
                size_t s = c->pos;

                while (c->pos < c->len && !c->stop_q[c->in[c->pos]])
                    c->pos++;
                put(c, c->in + s, c->pos - s);
                if (c->pos == c->len)
                    continue;
                ch = c->in[c->pos++];
                if (ch == '"') {
                    after_quote = 1;
                    continue;
                }
                if (ch == '\n')
                    c->line++;
                else if (ch >= 0x80)
                    c->high = 1;
                else if (ch == 0)
                    c->nul = 1;
                put(c, &ch, 1);
                continue;
            }
        }
        if (ch == (unsigned char)c->sep) {
            c->pos++;
            closed = 0;
            end_field(c, 1);
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            c->pos++;
            c->line++;
            c->cr_pending = ch == '\r';
            end_field(c, 0);
            break;
        }
        if (ch == '"') {
            c->pos++;
            if (!closed && !c->fany) {
                in_quotes = 1;
                qline = (size_t)c->line;
                continue;
            }
            rec_error(c, "aanhalingsteken midden in een veld (zet het "
                         "veld tussen aanhalingstekens en verdubbel het)");
            continue;
        }
        if (closed) {
            closed = 0;
            rec_error(c, "tekst na het afsluitende aanhalingsteken");
        }
        if (ch >= 0x80 || ch == 0) {
            c->high |= ch >= 0x80;
            c->nul |= ch == 0;
            put(c, &ch, 1);
            c->pos++;
            continue;
        }
        /* the common case: runs of plain bytes ended by a separator,
         * field after field, without going round the whole loop */
        for (;;) {
            size_t s = c->pos;

            while (c->pos < c->len && !c->stop_u[c->in[c->pos]])
                c->pos++;
            put(c, c->in + s, c->pos - s);
            if (c->pos == c->len ||
                c->in[c->pos] != (unsigned char)c->sep)
                break;
            c->pos++;
            end_field(c, 1);
            if (c->pos == c->len || c->stop_u[c->in[c->pos]])
                break;
        }
    }
    if (c->rec_failed || rec_check(c) != 0)
        return -1;
    return 1;
}

size_t csv_record(const struct csv *c, const char **fields, size_t *lens,
                  size_t max)
{
    size_t i, n = csv_count(c);

    for (i = 0; i < n && i < max; i++) {
        fields[i] = c->rec + c->off[i];
        lens[i] = c->flen[i];
    }
    return n;
}

size_t csv_count(const struct csv *c)
{
    return c->rec_failed ? 0 : c->nf;
}

const char *csv_field(const struct csv *c, size_t i)
{
    return i < csv_count(c) ? c->rec + c->off[i] : "";
}

size_t csv_field_len(const struct csv *c, size_t i)
{
    return i < csv_count(c) ? c->flen[i] : 0;
}

int csv_blank(const struct csv *c)
{
    return csv_count(c) == 1 && c->flen[0] == 0;
}

long long csv_line(const struct csv *c)
{
    return c->rec_line;
}

long long csv_offset(const struct csv *c)
{
    return c->consumed + (long long)c->pos;
}

const char *csv_error(const struct csv *c)
{
    return c->err;
}

int csv_fatal(const struct csv *c)
{
    return c->fatal;
}
