/* sqljson.c - rows to JSON (see sqljson.h). */
#include "sqljson.h"
#include "log.h"
#include "store.h"

#include <stdarg.h>
#include <string.h>

static int bind_all(sqlite3_stmt *st, const char *types, va_list ap)
{
    int i;

    for (i = 0; types && types[i]; i++) {
        if (types[i] == 's')
            store_bind_text(st, i + 1, va_arg(ap, const char *));
        else if (types[i] == 'i')
            store_bind_int(st, i + 1, va_arg(ap, long long));
        else
            return -1;
    }
    return 0;
}

static json_t *col_value(sqlite3_stmt *st, int c)
{
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_INTEGER:
        return json_integer(sqlite3_column_int64(st, c));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(st, c));
    case SQLITE_NULL:
        return json_null();
    default:
        return json_string((const char *)sqlite3_column_text(st, c));
    }
}

/* Replace nested objects whose values are all null by null. */
static void collapse_nulls(json_t *obj)
{
    const char *k;
    json_t *v, *x;
    const char *kk;

    json_object_foreach(obj, k, v) {
        int all_null = 1;
        if (!json_is_object(v))
            continue;
        json_object_foreach(v, kk, x)
            if (!json_is_null(x))
                all_null = 0;
        if (all_null)
            json_object_set_new(obj, k, json_null());
    }
}

static json_t *row_object(sqlite3_stmt *st)
{
    json_t *o = json_object();
    int c, n = sqlite3_column_count(st);

    for (c = 0; c < n; c++) {
        const char *name = sqlite3_column_name(st, c);
        const char *dot = strchr(name, '.');
        json_t *v = col_value(st, c);

        if (v == NULL)
            v = json_null();
        if (dot) {
            char outer[64];
            size_t len = (size_t)(dot - name);
            json_t *sub;

            if (len >= sizeof outer)
                len = sizeof outer - 1;
            memcpy(outer, name, len);
            outer[len] = '\0';
            sub = json_object_get(o, outer);
            if (!json_is_object(sub)) {
                sub = json_object();
                json_object_set_new(o, outer, sub);
            }
            json_object_set_new(sub, dot + 1, v);
        } else {
            json_object_set_new(o, name, v);
        }
    }
    collapse_nulls(o);
    return o;
}

static json_t *run(sqlite3 *db, const char *sql, const char *types,
                   va_list ap, int first_only)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    json_t *arr = NULL;
    int rc;

    if (st == NULL)
        return NULL;
    if (bind_all(st, types, ap) != 0)
        goto cleanup;
    arr = json_array();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_array_append_new(arr, row_object(st));
        if (first_only)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        log_error("query: %s", sqlite3_errmsg(db));
        json_decref(arr);
        arr = NULL;
    }
cleanup:
    sqlite3_finalize(st);
    return arr;
}

json_t *sqljson_rows(sqlite3 *db, const char *sql, const char *types, ...)
{
    va_list ap;
    json_t *a;

    va_start(ap, types);
    a = run(db, sql, types, ap, 0);
    va_end(ap);
    return a;
}

json_t *sqljson_row(sqlite3 *db, const char *sql, const char *types, ...)
{
    va_list ap;
    json_t *a, *o = NULL;

    va_start(ap, types);
    a = run(db, sql, types, ap, 1);
    va_end(ap);
    if (a && json_array_size(a) > 0)
        o = json_incref(json_array_get(a, 0));
    json_decref(a);
    return o;
}

const char *sqljson_str(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return s ? s : "";
}

long long sqljson_int(json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}
