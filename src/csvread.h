/* csvread.h - a strict, streaming CSV reader.
 *
 * Owns: splitting bytes into records and fields per RFC 4180: fields
 * separated by one configurable character (';' or ','), records by CRLF,
 * LF or a lone CR; a field in double quotes may hold separators, quotes
 * (written "") and line breaks. A UTF-8 byte order mark at the start is
 * skipped; every record must be valid UTF-8 without NUL bytes, a UTF-16
 * file is recognised and refused. Each record knows the line its first
 * byte is on. Limits (bytes per field, bytes per record, fields per
 * record) are fixed when the reader is opened and answered with a clear
 * error. Reading is by chunks of CSV_CHUNK bytes from a FILE* or straight
 * from memory; the field buffer is reused from record to record, so there
 * is no allocation per field or per record.
 *
 * Errors are Dutch ("regel 12, kolom 3: ..."). Most are about one record
 * and leave the reader in step: csv_next may be called again to find the
 * next errors. A fatal error (a quoted field still open at the end of the
 * input, a read error) ends the reading: csv_fatal says which.
 *
 * Ownership: the reader borrows the FILE* or the memory (they must
 * outlive it); field pointers are valid until the next csv_next. */
#ifndef KOERS_CSVREAD_H
#define KOERS_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#define CSV_CHUNK (1024 * 1024)
#define CSV_MAX_FIELD (256 * 1024)       /* default bytes per field */
#define CSV_MAX_RECORD (1024 * 1024)     /* default bytes per record */
#define CSV_MAX_FIELDS 1024              /* default fields per record */

struct csv_opts {
    char sep;            /* ';' or ',' (0: ',') */
    size_t max_field;    /* 0: CSV_MAX_FIELD */
    size_t max_record;   /* 0: CSV_MAX_RECORD */
    size_t max_fields;   /* 0: CSV_MAX_FIELDS */
    size_t chunk;        /* bytes per read from a FILE*; 0: CSV_CHUNK
                          * (tests use tiny chunks to cross boundaries) */
};

struct csv;

/* NULL when out of memory. opts may be NULL (defaults, ','). */
struct csv *csv_open_file(FILE *fp, const struct csv_opts *opts);
struct csv *csv_open_mem(const char *data, size_t len,
                         const struct csv_opts *opts);
void csv_close(struct csv *c);   /* accepts NULL */

/* Read the next record: 1 when there is one, 0 at the end of the input,
 * -1 on an error (csv_error; csv_fatal when reading cannot go on). */
int csv_next(struct csv *c);

size_t csv_count(const struct csv *c);
/* All fields at once: up to max pointers and lengths; returns the count
 * (which may be larger than max). */
size_t csv_record(const struct csv *c, const char **fields, size_t *lens,
                  size_t max);
/* Field i of the current record, NUL-terminated, quotes removed; "" when
 * i is out of range. */
const char *csv_field(const struct csv *c, size_t i);
size_t csv_field_len(const struct csv *c, size_t i);
/* 1 when the current record is an empty line or a lone "" (files from
 * DUO contain such separator lines). */
int csv_blank(const struct csv *c);
/* The line of the first byte of the current (or failed) record. */
long long csv_line(const struct csv *c);
/* Bytes of input consumed so far (for progress). */
long long csv_offset(const struct csv *c);
const char *csv_error(const struct csv *c);
int csv_fatal(const struct csv *c);

#endif
