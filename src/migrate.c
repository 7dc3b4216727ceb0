/* migrate.c - schema migration of an older store (see migrate.h).
 *
 * The SQL built here names tables and columns read from the two schemas
 * (sqlite_master and pragma_table_info), always double-quoted; no user
 * text is ever part of it. Values are copied by INSERT ... SELECT inside
 * SQLite, and paths are bound as parameters. */
#define _GNU_SOURCE
#include "migrate.h"

#include "audit.h"
#include "budget.h"
#include "buf.h"
#include "import.h"
#include "monitorseed.h"
#include "plan.h"
#include "sqljson.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SQL_MAX 65536

/* One run's resources, released by run_cleanup. */
struct run {
    const char *path;
    const char *data_dir;
    struct migrate_report *rep;
    char *err;
    size_t errlen;
    sqlite3 *old;          /* F, exclusively locked */
    sqlite3 *neu;          /* the temporary new store */
    char tmp[PATH_MAX];    /* its path; "" when not made */
    int made_backup;
    int old_has_registered_at;
    int old_has_risk_owner;
};

static void fail(struct run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Set the Dutch reason (the first one wins: later failures while cleaning
 * up must not hide the cause). */
static void fail(struct run *r, const char *fmt, ...)
{
    va_list ap;

    if (r->err[0])
        return;
    va_start(ap, fmt);
    vsnprintf(r->err, r->errlen, fmt, ap);
    va_end(ap);
}

/* Append "what" to the report's list of seeded things. */
static void seeded(struct run *r, const char *what)
{
    size_t l = strlen(r->rep->seeded);

    snprintf(r->rep->seeded + l, sizeof r->rep->seeded - l, "%s%s",
             l ? "; " : "", what);
}

/* Run SQL without parameters or result rows on db; -1 with the reason. */
static int exec_sql(struct run *r, sqlite3 *db, const char *sql,
                    const char *what)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fail(r, "%s mislukt: %s", what, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Quote an identifier for SQL: "name" with inner quotes doubled. */
static int put_ident(struct buf *b, const char *name)
{
    const char *p;

    buf_putc(b, '"');
    for (p = name; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    return buf_putc(b, '"');
}

/* 1 when schema.table has column col, else 0. */
static int has_column(sqlite3 *db, const char *schema, const char *table,
                      const char *col)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT count(*) FROM "
        "pragma_table_info(?1, ?2) WHERE name = ?3");
    int n = 0;

    if (st == NULL)
        return 0;
    store_bind_text(st, 1, table);
    store_bind_text(st, 2, schema);
    store_bind_text(st, 3, col);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n > 0;
}

/* Rows of schema.table; -1 on error. */
static long long count_rows(sqlite3 *db, const char *schema,
                            const char *table)
{
    struct buf b;
    long long n;

    buf_init(&b, 1024);
    buf_printf(&b, "SELECT count(*) FROM %s.", schema);
    put_ident(&b, table);
    n = buf_failed(&b) ? -1 : store_count(db, buf_str(&b), NULL);
    buf_free(&b);
    return n;
}

/* ------------------------------------------------------------------ */
/* The old store                                                       */

/* Open F and lock it exclusively for the whole run: locking_mode
 * EXCLUSIVE keeps the lock after the empty write transaction, so no
 * other process (a server still running on it) can read or write it
 * until we close. Then read and judge its version. 0 to go on, 1 when
 * already current, -1 on failure. */
static int open_old(struct run *r)
{
    struct stat st;
    long long v, audit;
    int rc;

    if (stat(r->path, &st) != 0 || !S_ISREG(st.st_mode)) {
        fail(r, "store %s bestaat niet", r->path);
        return -1;
    }
    if (sqlite3_open_v2(r->path, &r->old, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        fail(r, "kan %s niet openen: %s", r->path,
             r->old ? sqlite3_errmsg(r->old) : "geen geheugen");
        return -1;
    }
    sqlite3_busy_timeout(r->old, 1000);
    if (exec_sql(r, r->old, "PRAGMA locking_mode = EXCLUSIVE",
                 "vergrendelen") != 0)
        return -1;
    rc = sqlite3_exec(r->old, "BEGIN EXCLUSIVE", NULL, NULL, NULL);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        fail(r, "%s is in gebruik (draait koers serve nog?); stop de "
             "server en probeer opnieuw", r->path);
        return -1;
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(r->old, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
        fail(r, "%s is geen leesbare SQLite-database (beschadigd?)",
             r->path);
        return -1;
    }
    if (rc != SQLITE_OK) {
        fail(r, "kan %s niet vergrendelen: %s", r->path,
             sqlite3_errmsg(r->old));
        return -1;
    }
    v = store_count(r->old, "PRAGMA user_version", NULL);
    audit = store_count(r->old, "SELECT count(*) FROM sqlite_master WHERE "
                        "type = 'table' AND name = 'audit'", NULL);
    if (v < 0 || audit < 0) {
        fail(r, "%s is geen leesbare SQLite-database (beschadigd?)",
             r->path);
        return -1;
    }
    if (audit != 1) {
        fail(r, "%s is geen Koers-store", r->path);
        return -1;
    }
    r->rep->from_version = (int)v;
    if (v == STORE_SCHEMA_VERSION)
        return 1;
    if (v > STORE_SCHEMA_VERSION) {
        fail(r, "%s heeft schemaversie %lld, nieuwer dan deze koers (%d); "
             "gebruik een nieuwere koers", r->path, v, STORE_SCHEMA_VERSION);
        return -1;
    }
    if (v < MIGRATE_OLDEST) {
        fail(r, "%s heeft schemaversie %lld; migreren kan vanaf versie %d",
             r->path, v, MIGRATE_OLDEST);
        return -1;
    }
    if (store_count(r->old, "SELECT count(*) FROM pragma_quick_check "
                    "WHERE quick_check <> 'ok'", NULL) != 0) {
        fail(r, "%s is beschadigd (PRAGMA quick_check); herstel eerst een "
             "reservekopie", r->path);
        return -1;
    }
    return 0;
}

/* The backup F.vN.bak: created empty with mode 0600 (it holds password
 * hashes), refused when it exists, then filled by VACUUM INTO. */
static int make_backup(struct run *r)
{
    sqlite3_stmt *st;
    int fd;

    snprintf(r->rep->backup, sizeof r->rep->backup, "%s.v%d.bak", r->path,
             r->rep->from_version);
    fd = open(r->rep->backup, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail(r, errno == EEXIST ? "reservekopie %s bestaat al; verplaats "
             "hem eerst" : "kan reservekopie %s niet maken", r->rep->backup);
        return -1;
    }
    close(fd);
    r->made_backup = 1;
    st = store_prepare(r->old, "VACUUM INTO ?");
    store_bind_text(st, 1, r->rep->backup);
    if (store_exec_stmt(st) != 0) {
        fail(r, "reservekopie %s maken mislukt: %s", r->rep->backup,
             sqlite3_errmsg(r->old));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The new store                                                       */

/* A temporary file beside F holding the current schema, with the backup
 * attached as "oud". */
static int make_new(struct run *r)
{
    sqlite3_stmt *st;
    int fd;

    snprintf(r->tmp, sizeof r->tmp, "%s.migreer-XXXXXX", r->path);
    fd = mkstemp(r->tmp);
    if (fd < 0) {
        r->tmp[0] = '\0';
        fail(r, "kan geen tijdelijk bestand naast %s maken", r->path);
        return -1;
    }
    close(fd);
    if (sqlite3_open_v2(r->tmp, &r->neu, SQLITE_OPEN_READWRITE, NULL) !=
        SQLITE_OK) {
        fail(r, "kan %s niet openen", r->tmp);
        return -1;
    }
    sqlite3_busy_timeout(r->neu, 1000);
    if (exec_sql(r, r->neu, "PRAGMA foreign_keys = OFF", "instellen") != 0)
        return -1;
    if (store_create_schema(r->neu) != 0 || store_check(r->neu) != 0) {
        fail(r, "kan het schema van versie %d niet aanmaken",
             STORE_SCHEMA_VERSION);
        return -1;
    }
    st = store_prepare(r->neu, "ATTACH ? AS oud");
    store_bind_text(st, 1, r->rep->backup);
    if (store_exec_stmt(st) != 0) {
        fail(r, "kan reservekopie niet lezen: %s", sqlite3_errmsg(r->neu));
        return -1;
    }
    return 0;
}

/* Table names of schema (main or oud), ordinary tables only, by name.
 * Returns the count, or -1 when there are more than max. */
static int list_tables(sqlite3 *db, const char *schema,
                       char names[][64], int max)
{
    char sql[256];
    sqlite3_stmt *st;
    int n = 0;

    snprintf(sql, sizeof sql, "SELECT name FROM %s.sqlite_master WHERE "
             "type = 'table' AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' "
             "ORDER BY name", schema);
    st = store_prepare(db, sql);
    if (st == NULL)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == max || strlen(store_col(st, 0)) >= 64) {
            n = -1;
            break;
        }
        snprintf(names[n++], 64, "%s", store_col(st, 0));
    }
    sqlite3_finalize(st);
    return n;
}

/* 1 when table a (in main) has a foreign key to b. */
static int refers_to(sqlite3 *db, const char *a, const char *b)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT count(*) FROM "
        "pragma_foreign_key_list(?1, 'main') WHERE \"table\" = ?2");
    int n = 0;

    if (st == NULL)
        return 0;
    store_bind_text(st, 1, a);
    store_bind_text(st, 2, b);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n > 0;
}

/* Order the n tables so a table comes after those it refers to; a cycle
 * (none today beyond self references) keeps the remaining ones in name
 * order. order receives indexes into names. */
static void dependency_order(sqlite3 *db, char names[][64], int n,
                             int *order)
{
    int placed[MIGRATE_MAX_TABLES] = { 0 };
    int k = 0, i, j, progress = 1;

    while (k < n && progress) {
        progress = 0;
        for (i = 0; i < n; i++) {
            int ready = !placed[i];

            for (j = 0; ready && j < n; j++)
                if (j != i && !placed[j] && refers_to(db, names[i],
                                                      names[j]))
                    ready = 0;
            if (ready) {
                placed[i] = 1;
                order[k++] = i;
                progress = 1;
            }
        }
    }
    for (i = 0; i < n; i++)
        if (!placed[i])
            order[k++] = i;
}

/* Copy one table's rows for the columns both schemas have. An old column
 * the new schema lacks must be empty (NULL everywhere), or the copy would
 * lose data. */
static int copy_table(struct run *r, const char *table,
                      struct migrate_table *out)
{
    sqlite3_stmt *st;
    struct buf cols, sql;
    long long before;
    int ncols = 0, rc = -1;

    buf_init(&cols, SQL_MAX);
    buf_init(&sql, SQL_MAX);
    /* the old columns, checked against the new table */
    st = store_prepare(r->neu, "SELECT o.name, EXISTS (SELECT 1 FROM "
        "pragma_table_xinfo(?1, 'main') n WHERE n.name = o.name AND "
        "n.hidden = 0) FROM pragma_table_info(?1, 'oud') o ORDER BY o.cid");
    if (st == NULL) {
        fail(r, "kolommen van %s lezen mislukt", table);
        goto cleanup;
    }
    store_bind_text(st, 1, table);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = store_col(st, 0);

        if (sqlite3_column_int(st, 1)) {
            if (ncols++)
                buf_putc(&cols, ',');
            put_ident(&cols, c);
            continue;
        }
        buf_reset(&sql);
        buf_puts(&sql, "SELECT count(*) FROM oud.");
        put_ident(&sql, table);
        buf_puts(&sql, " WHERE ");
        put_ident(&sql, c);
        buf_puts(&sql, " IS NOT NULL");
        if (buf_failed(&sql) || store_count(r->neu, buf_str(&sql),
                                            NULL) != 0) {
            fail(r, "kolom %s.%s bestaat niet meer in versie %d en is niet "
                 "leeg; migreren zou gegevens verliezen", table, c,
                 STORE_SCHEMA_VERSION);
            sqlite3_finalize(st);
            goto cleanup;
        }
    }
    sqlite3_finalize(st);
    snprintf(out->name, sizeof out->name, "%s", table);
    before = count_rows(r->neu, "oud", table);
    if (ncols == 0 || before == 0) {
        out->rows = 0;
        rc = before == 0 ? 0 : -1;
        if (rc != 0)
            fail(r, "tabel %s heeft geen gemeenschappelijke kolommen",
                 table);
        goto cleanup;
    }
    buf_reset(&sql);
    buf_puts(&sql, "INSERT INTO main.");
    put_ident(&sql, table);
    buf_printf(&sql, "(%s) SELECT %s FROM oud.", buf_str(&cols),
               buf_str(&cols));
    put_ident(&sql, table);
    if (buf_failed(&cols) || buf_failed(&sql)) {
        fail(r, "tabel %s heeft te veel kolommen", table);
        goto cleanup;
    }
    st = store_prepare(r->neu, buf_str(&sql));
    if (st == NULL || sqlite3_step(st) != SQLITE_DONE) {
        fail(r, "rijen van %s overnemen mislukt: %s", table,
             sqlite3_errmsg(r->neu));
        sqlite3_finalize(st);
        goto cleanup;
    }
    sqlite3_finalize(st);
    out->rows = sqlite3_changes64(r->neu);
    if (out->rows != before) {
        fail(r, "tabel %s: %lld van %lld rijen overgenomen", table,
             out->rows, before);
        goto cleanup;
    }
    rc = 0;
cleanup:
    buf_free(&cols);
    buf_free(&sql);
    return rc;
}

/* Every table of the new schema, in dependency order, in one
 * transaction. A table of the old store that the new schema dropped must
 * be empty. */
static int copy_all(struct run *r)
{
    static char names[MIGRATE_MAX_TABLES][64], old[MIGRATE_MAX_TABLES][64];
    int order[MIGRATE_MAX_TABLES];
    int n, nold, i, j;

    n = list_tables(r->neu, "main", names, MIGRATE_MAX_TABLES);
    nold = list_tables(r->neu, "oud", old, MIGRATE_MAX_TABLES);
    if (n < 0 || nold < 0) {
        fail(r, "%s", "te veel tabellen");
        return -1;
    }
    for (j = 0; j < nold; j++) {
        int found = 0;

        for (i = 0; i < n; i++)
            if (strcmp(names[i], old[j]) == 0)
                found = 1;
        if (!found && count_rows(r->neu, "oud", old[j]) != 0) {
            fail(r, "tabel %s bestaat niet meer in versie %d en is niet "
                 "leeg; migreren zou gegevens verliezen", old[j],
                 STORE_SCHEMA_VERSION);
            return -1;
        }
    }
    r->old_has_registered_at = has_column(r->neu, "oud", "gremium",
                                          "registered_at");
    r->old_has_risk_owner = has_column(r->neu, "oud", "risk", "owner");
    dependency_order(r->neu, names, n, order);
    if (store_begin(r->neu) != 0) {
        fail(r, "%s", "kan geen transactie beginnen");
        return -1;
    }
    for (i = 0; i < n; i++) {
        const char *t = names[order[i]];
        struct migrate_table *mt = &r->rep->tables[r->rep->ntables++];
        int in_old = 0;

        for (j = 0; j < nold; j++)
            if (strcmp(old[j], t) == 0)
                in_old = 1;
        memset(mt, 0, sizeof *mt);
        snprintf(mt->name, sizeof mt->name, "%s", t);
        mt->is_new = !in_old;
        if (in_old && copy_table(r, t, mt) != 0) {
            store_rollback(r->neu);
            return -1;
        }
    }
    if (store_commit(r->neu) != 0) {
        fail(r, "overnemen afronden mislukt: %s", sqlite3_errmsg(r->neu));
        store_rollback(r->neu);
        return -1;
    }
    if (exec_sql(r, r->neu, "DETACH oud", "reservekopie loskoppelen") != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Seeding what the newer versions added                               */

/* The report's facts that later versions added as columns of seeded rows:
 * domain, goal and registration date of the 31 gremia (gremia.json) and
 * the risk owners (risicos.json). Only when the old store lacked the
 * columns, so nothing a user entered is overwritten; one transaction. */
static int seed_columns(struct run *r)
{
    char path[PATH_MAX + 32], msg[128];
    json_error_t je;
    json_t *gremia = NULL, *risks = NULL, *o;
    size_t i;
    long long ng = 0, nr = 0;
    int rc = -1;

    if (r->old_has_registered_at && r->old_has_risk_owner)
        return 0;
    snprintf(path, sizeof path, "%s/seed/gremia.json", r->data_dir);
    gremia = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    snprintf(path, sizeof path, "%s/seed/risicos.json", r->data_dir);
    risks = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (gremia == NULL || risks == NULL) {
        fail(r, "seedbestanden gremia.json/risicos.json in %s/seed niet "
             "leesbaar", r->data_dir);
        goto cleanup;
    }
    if (store_begin(r->neu) != 0)
        goto store_failed;
    if (!r->old_has_registered_at) {
        json_array_foreach(json_object_get(gremia, "gremia"), i, o) {
            const char *since = sqljson_str(o, "sinds");
            sqlite3_stmt *st;

            if (strlen(since) != 10) {
                fail(r, "gremia.json: gremium %zu mist sinds", i + 1);
                goto rollback;
            }
            st = store_prepare(r->neu, "UPDATE gremium SET domain = ?1, "
                "goal = ?2, registered_at = ?3 || 'T00:00:00Z', "
                "changed_at = ?3 || 'T00:00:00Z' WHERE nr = ?4");
            store_bind_text(st, 1, json_string_value(json_object_get(
                o, "domein")));
            store_bind_text(st, 2, sqljson_str(o, "doel"));
            store_bind_text(st, 3, since);
            store_bind_int(st, 4, sqljson_int(o, "nummer"));
            if (store_exec_stmt(st) != 0)
                goto store_failed;
            ng += sqlite3_changes(r->neu);
        }
    }
    if (!r->old_has_risk_owner) {
        json_array_foreach(json_object_get(risks, "risicos"), i, o) {
            sqlite3_stmt *st;

            if (sqljson_str(o, "eigenaar")[0] == '\0')
                continue;
            st = store_prepare(r->neu, "UPDATE risk SET owner = ? WHERE "
                                       "nr = ? AND owner = ''");
            store_bind_text(st, 1, sqljson_str(o, "eigenaar"));
            store_bind_int(st, 2, sqljson_int(o, "nummer"));
            if (store_exec_stmt(st) != 0)
                goto store_failed;
            nr += sqlite3_changes(r->neu);
        }
    }
    if (store_commit(r->neu) != 0)
        goto store_failed;
    if (ng) {
        snprintf(msg, sizeof msg, "domein, doel en registratiedatum van "
                 "%lld gremia", ng);
        seeded(r, msg);
    }
    if (nr) {
        snprintf(msg, sizeof msg, "eigenaar van %lld risico's", nr);
        seeded(r, msg);
    }
    rc = 0;
    goto cleanup;
store_failed:
    fail(r, "aanvullen van gremia en risico's mislukt: %s",
         sqlite3_errmsg(r->neu));
rollback:
    store_rollback(r->neu);
cleanup:
    json_decref(gremia);
    json_decref(risks);
    return rc;
}

/* The seeds of koers init that later versions added, each only where its
 * tables are empty: the monitor catalogue (dimensions, indicators,
 * landsdelen and their links), the plan's months and dependencies, the
 * budget lines. The base model (seed_load) exists in every migratable
 * version and is copied, never re-seeded. */
static int seed_missing(struct run *r)
{
    char err[512] = "";
    sqlite3 *db = r->neu;

    if (exec_sql(r, db, "PRAGMA foreign_keys = ON; "
                 "PRAGMA recursive_triggers = ON", "instellen") != 0)
        return -1;
    if (store_count(db, "SELECT (SELECT count(*) FROM monitor_dimension) + "
                    "(SELECT count(*) FROM indicator) + (SELECT count(*) "
                    "FROM region_link) + (SELECT count(*) FROM region WHERE "
                    "kind = 'landsdeel')", NULL) == 0) {
        if (monitorseed_load(db, r->data_dir, err, sizeof err) != 0) {
            fail(r, "monitorcatalogus aanvullen mislukt: %s", err);
            return -1;
        }
        seeded(r, "monitorcatalogus (dimensies, indicatoren, landsdelen)");
    }
    if (store_count(db, "SELECT count(*) FROM plan_dependency", NULL) == 0 &&
        store_count(db, "SELECT count(*) FROM plan_substep", NULL) > 0) {
        if (plan_seed_load(db, r->data_dir, err, sizeof err) != 0) {
            fail(r, "maanden en afhankelijkheden van het "
                 "implementatieplan aanvullen mislukt: %s", err);
            return -1;
        }
        seeded(r, "maanden en afhankelijkheden van het implementatieplan");
    }
    if (store_count(db, "SELECT count(*) FROM budget_line", NULL) == 0) {
        if (budget_seed_load(db, r->data_dir, err, sizeof err) != 0) {
            fail(r, "begroting aanvullen mislukt: %s", err);
            return -1;
        }
        seeded(r, "begroting");
    }
    return seed_columns(r);
}

/* ------------------------------------------------------------------ */
/* Checks and the switch                                               */

/* foreign_key_check and integrity_check on the new store. */
static int check_new(struct run *r)
{
    sqlite3_stmt *st;
    int rc = 0;

    st = store_prepare(r->neu, "SELECT \"table\", rowid, parent FROM "
                               "pragma_foreign_key_check LIMIT 1");
    if (st == NULL)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        fail(r, "verwijzing klopt niet na migreren: tabel %s, rij %lld "
             "verwijst naar een ontbrekende rij in %s", store_col(st, 0),
             (long long)sqlite3_column_int64(st, 1), store_col(st, 2));
        rc = -1;
    }
    sqlite3_finalize(st);
    if (rc != 0)
        return -1;
    st = store_prepare(r->neu, "PRAGMA integrity_check");
    if (st == NULL || sqlite3_step(st) != SQLITE_ROW ||
        strcmp(store_col(st, 0), "ok") != 0) {
        fail(r, "integriteitscontrole na migreren mislukt: %s",
             st ? store_col(st, 0) : "?");
        rc = -1;
    }
    sqlite3_finalize(st);
    if (rc == 0 && store_check(r->neu) != 0) {
        fail(r, "%s", "nieuwe store heeft niet de juiste schemaversie");
        rc = -1;
    }
    return rc;
}

/* Write the audit entry of the migration into the new store. */
static int audit_migration(struct run *r)
{
    struct actor cli;
    char detail[PATH_MAX + 128];

    audit_actor_cli(&cli);
    snprintf(detail, sizeof detail, "van schemaversie %d naar %d; "
             "reservekopie %s", r->rep->from_version, STORE_SCHEMA_VERSION,
             r->rep->backup);
    if (audit_write(r->neu, &cli, "store.migreren", "store", r->path,
                    "gelukt", detail) != 0) {
        fail(r, "%s", "auditregel schrijven mislukt");
        return -1;
    }
    return 0;
}

/* fsync a file or directory by path; -1 on failure. */
static int sync_path(const char *p, int dir)
{
    int fd = open(p, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Close the new store, remove F's stale -wal and -shm (their content is
 * in the backup and the copy: both were read through them) and rename
 * the new file over F. F stays locked by r->old until after the rename. */
static int switch_files(struct run *r)
{
    char side[PATH_MAX + 8], dir[PATH_MAX];
    static const char *const sfx[] = { "-wal", "-shm" };
    size_t i;

    if (sqlite3_close(r->neu) != SQLITE_OK) {
        fail(r, "%s", "nieuwe store sluiten mislukt");
        return -1;
    }
    r->neu = NULL;
    if (sync_path(r->tmp, 0) != 0) {
        fail(r, "kan %s niet wegschrijven", r->tmp);
        return -1;
    }
    for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
        snprintf(side, sizeof side, "%s%s", r->path, sfx[i]);
        if (unlink(side) != 0 && errno != ENOENT) {
            fail(r, "kan %s niet verwijderen", side);
            return -1;
        }
    }
    if (rename(r->tmp, r->path) != 0) {
        fail(r, "kan %s niet vervangen: %s", r->path, strerror(errno));
        return -1;
    }
    r->tmp[0] = '\0';
    snprintf(dir, sizeof dir, "%s", r->path);
    sync_path(dirname(dir), 1);
    return 0;
}

/* Release everything; on failure also the temporary file and the backup
 * this run made. */
static void run_cleanup(struct run *r, int failed)
{
    char side[PATH_MAX + 16];

    if (r->neu)
        sqlite3_close(r->neu);
    r->neu = NULL;
    if (r->tmp[0]) {
        unlink(r->tmp);
        snprintf(side, sizeof side, "%s-journal", r->tmp);
        unlink(side);
    }
    if (failed && r->made_backup)
        unlink(r->rep->backup);
    if (r->old)
        sqlite3_close(r->old);
    r->old = NULL;
}

int migrate_run(const char *path, const char *data_dir,
                struct migrate_report *rep, char *err, size_t errlen)
{
    struct run r;
    int rc;

    memset(rep, 0, sizeof *rep);
    memset(&r, 0, sizeof r);
    r.path = path;
    r.data_dir = data_dir;
    r.rep = rep;
    r.err = err;
    r.errlen = errlen;
    err[0] = '\0';
    rc = open_old(&r);
    if (rc == 0 && (make_backup(&r) != 0 || make_new(&r) != 0 ||
                    copy_all(&r) != 0 || seed_missing(&r) != 0 ||
                    audit_migration(&r) != 0 || check_new(&r) != 0 ||
                    switch_files(&r) != 0))
        rc = -1;
    if (rc < 0)
        fail(&r, "%s", "migreren mislukt");
    run_cleanup(&r, rc < 0);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Command line                                                        */

int migrate_cli(int argc, char **argv)
{
    const char *path = NULL, *data = NULL;
    char dir[PATH_MAX], err[1024];
    struct migrate_report *rep;
    long long total = 0;
    size_t i;
    int a, rc;

    for (a = 2; a < argc; a += 2) {
        if (a + 1 >= argc) {
            fprintf(stderr, "koers: optie '%s' mist een waarde\n", argv[a]);
            return 2;
        }
        if (strcmp(argv[a], "--db") == 0) {
            path = argv[a + 1];
        } else if (strcmp(argv[a], "--data") == 0) {
            data = argv[a + 1];
        } else {
            fprintf(stderr, "koers: onbekende optie '%s' (zie koers "
                    "--help)\n", argv[a]);
            return 2;
        }
    }
    if (path == NULL) {
        fprintf(stderr, "koers: migreer heeft --db BESTAND nodig\n");
        return 1;
    }
    if (data)
        snprintf(dir, sizeof dir, "%s", data);
    else
        import_data_dir(dir, sizeof dir);
    rep = calloc(1, sizeof *rep);
    if (rep == NULL) {
        fprintf(stderr, "koers: geen geheugen\n");
        return 1;
    }
    rc = migrate_run(path, dir, rep, err, sizeof err);
    if (rc == 1) {
        printf("Store %s heeft al schemaversie %d; niets te doen.\n", path,
               STORE_SCHEMA_VERSION);
        free(rep);
        return 0;
    }
    if (rc != 0) {
        fprintf(stderr, "koers: %s; %s is niet gewijzigd\n", err, path);
        free(rep);
        return 1;
    }
    printf("Store %s gemigreerd van schemaversie %d naar %d.\n", path,
           rep->from_version, STORE_SCHEMA_VERSION);
    printf("Reservekopie van de oude store: %s\n", rep->backup);
    printf("Overgenomen rijen per tabel:\n");
    for (i = 0; i < rep->ntables; i++) {
        const struct migrate_table *t = &rep->tables[i];

        total += t->rows;
        if (t->is_new)
            printf("  %-28s nieuwe tabel\n", t->name);
        else
            printf("  %-28s %lld\n", t->name, t->rows);
    }
    printf("Totaal %lld rijen in %zu tabellen.\n", total, rep->ntables);
    if (rep->seeded[0])
        printf("Aangevuld uit de seedbestanden: %s.\n", rep->seeded);
    free(rep);
    return 0;
}
