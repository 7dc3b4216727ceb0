/* seed.c - load data/seed into the store (see seed.h). seed_each walks
 * the array of one file and hands each element to the *_entry function
 * that inserts that kind of entry. */
#include "seed.h"
#include "cycle.h"
#include "goal.h"
#include "knelpunt.h"
#include "sqljson.h"
#include "store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED_MAX_REPORT_LINES 100000

struct seed {
    sqlite3 *db;
    const char *dir;
    const char *file;   /* current file, for messages */
    char *err;
    size_t errlen;
};

/* Fail with "FILE: entry N: what" for the entry at index idx. */
static int seed_fail(struct seed *s, const char *what, size_t idx)
{
    snprintf(s->err, s->errlen, "%s: entry %zu: %s", s->file, idx + 1, what);
    return -1;
}

/* The same for a check that fails after st was prepared: finalizes st
 * (NULL allowed). */
static int stmt_fail(struct seed *s, sqlite3_stmt *st, const char *what,
                     size_t idx)
{
    sqlite3_finalize(st);
    return seed_fail(s, what, idx);
}

/* The array `key` of data/seed/NAME (the caller owns it); NULL with the
 * reason in s->err when the file does not parse or has no such array. */
static json_t *seed_file(struct seed *s, const char *name, const char *key)
{
    char path[4096];
    json_error_t je;
    json_t *root, *arr;

    s->file = name;
    snprintf(path, sizeof path, "%s/seed/%s", s->dir, name);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(s->err, s->errlen, "%s: line %d: %s", path, je.line,
                 je.text);
        return NULL;
    }
    arr = json_object_get(root, key);
    if (!json_is_array(arr)) {
        snprintf(s->err, s->errlen, "%s: missing array \"%s\"", path, key);
        json_decref(root);
        return NULL;
    }
    json_incref(arr);
    json_decref(root);
    return arr;
}

/* Load file `name` and call `entry` for each element of its array `key`,
 * in order, then `then` (may be NULL) for each again: a second pass for
 * entries that refer to later ones. Stops at the first failure. */
static int seed_each(struct seed *s, const char *name, const char *key,
                     int (*entry)(struct seed *, json_t *, size_t),
                     int (*then)(struct seed *, json_t *, size_t))
{
    json_t *a = seed_file(s, name, key), *o;
    size_t i;
    int rc = -1;

    if (a == NULL)
        return -1;
    json_array_foreach(a, i, o) {
        if (entry(s, o, i) != 0)
            goto cleanup;
    }
    if (then != NULL) {
        json_array_foreach(a, i, o) {
            if (then(s, o, i) != 0)
                goto cleanup;
        }
    }
    rc = 0;
cleanup:
    json_decref(a);
    return rc;
}

/* String member; NULL when missing, null or not a string. Required
 * members are checked with it; an optional one is bound as it is, so a
 * missing one is stored as NULL (sqljson_str stores "" instead). */
static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Bind a "bron" object into three parameters starting at i. A missing bron
 * binds NULLs; a malformed one fails. */
static int bind_bron(sqlite3_stmt *st, int i, json_t *bron)
{
    json_t *sec, *van, *tot;

    if (bron == NULL || json_is_null(bron)) {
        sqlite3_bind_null(st, i);
        sqlite3_bind_null(st, i + 1);
        sqlite3_bind_null(st, i + 2);
        return 0;
    }
    sec = json_object_get(bron, "sectie");
    van = json_object_get(bron, "van");
    tot = json_object_get(bron, "tot");
    if (!json_is_string(sec) || !json_is_integer(van) ||
        !json_is_integer(tot) || json_integer_value(van) < 1 ||
        json_integer_value(tot) < json_integer_value(van))
        return -1;
    store_bind_text(st, i, json_string_value(sec));
    store_bind_int(st, i + 1, json_integer_value(van));
    store_bind_int(st, i + 2, json_integer_value(tot));
    return 0;
}

/* Execute and finalize st; a failure names the entry and SQLite's reason. */
static int run(struct seed *s, sqlite3_stmt *st, size_t idx)
{
    if (store_exec_stmt(st) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot store: %s", sqlite3_errmsg(s->db));
        return seed_fail(s, msg, idx);
    }
    return 0;
}

/* Bind `bron` at parameter i (see bind_bron) and run st, the last two
 * steps of most inserts. A malformed bron finalizes st and fails with
 * `what`. */
static int run_with_bron(struct seed *s, sqlite3_stmt *st, int i,
                         json_t *bron, const char *what, size_t idx)
{
    if (bind_bron(st, i, bron) != 0)
        return stmt_fail(s, st, what, idx);
    return run(s, st, idx);
}

/* Insert (code, number, naam, omschrijving, bron) with `sql`: the shape
 * that pillars, levels and roles share. The caller checked the members. */
static int insert_named(struct seed *s, const char *sql, json_t *o,
                        long long nr, size_t i)
{
    sqlite3_stmt *st = store_prepare(s->db, sql);

    store_bind_text(st, 1, str(o, "code"));
    store_bind_int(st, 2, nr);
    store_bind_text(st, 3, str(o, "naam"));
    store_bind_text(st, 4, str(o, "omschrijving"));
    return run_with_bron(s, st, 5, json_object_get(o, "bron"),
                         "malformed bron", i);
}

/* One row per line of rapport.txt, numbered from 1, line ends cut. */
static int seed_report(struct seed *s)
{
    char path[4096], line[8192];
    FILE *f;
    sqlite3_stmt *st;
    long long nr = 0;
    int rc = -1;

    snprintf(path, sizeof path, "%s/seed/rapport.txt", s->dir);
    f = fopen(path, "r");
    if (f == NULL) {
        snprintf(s->err, s->errlen, "cannot read %s", path);
        return -1;
    }
    st = store_prepare(s->db, "INSERT INTO report_line(nr, text) "
                              "VALUES (?, ?)");
    if (st == NULL)
        goto cleanup;
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (++nr > SEED_MAX_REPORT_LINES)
            goto cleanup;
        sqlite3_reset(st);
        store_bind_int(st, 1, nr);
        store_bind_text(st, 2, line);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto cleanup;
    }
    rc = 0;
cleanup:
    if (rc != 0 && s->err[0] == '\0')
        snprintf(s->err, s->errlen, "cannot load report lines from %s",
                 path);
    sqlite3_finalize(st);
    fclose(f);
    return rc;
}

/* A pillar of the Actieplan. */
static int pillar_entry(struct seed *s, json_t *o, size_t i)
{
    if (!str(o, "code") || !str(o, "naam") || !str(o, "omschrijving") ||
        !json_is_integer(json_object_get(o, "nummer")))
        return seed_fail(s, "needs code, nummer, naam, omschrijving", i);
    return insert_named(s, "INSERT INTO pillar(code, nr, name, description, "
                           "src_section, src_from, src_to) "
                           "VALUES (?,?,?,?,?,?,?)",
                        o, sqljson_int(o, "nummer"), i);
}

/* A level; its order is its place in the file. */
static int level_entry(struct seed *s, json_t *o, size_t i)
{
    if (!str(o, "code") || !str(o, "naam") || !str(o, "omschrijving"))
        return seed_fail(s, "needs code, naam, omschrijving", i);
    return insert_named(s, "INSERT INTO level(code, ord, name, description, "
                           "src_section, src_from, src_to) "
                           "VALUES (?,?,?,?,?,?,?)",
                        o, (long long)i + 1, i);
}

/* An organisation without its parent (see org_parent). */
static int org_entry(struct seed *s, json_t *o, size_t i)
{
    sqlite3_stmt *st;

    if (!str(o, "code") || !str(o, "naam") || !str(o, "type") ||
        !str(o, "domein"))
        return seed_fail(s, "needs code, naam, type, domein", i);
    st = store_prepare(s->db,
        "INSERT INTO organisation(code, name, abbrev, type, domain, "
        "description, src_section, src_from, src_to) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    store_bind_text(st, 1, str(o, "code"));
    store_bind_text(st, 2, str(o, "naam"));
    store_bind_text(st, 3, str(o, "afkorting"));
    store_bind_text(st, 4, str(o, "type"));
    store_bind_text(st, 5, str(o, "domein"));
    store_bind_text(st, 6, sqljson_str(o, "omschrijving"));
    return run_with_bron(s, st, 7, json_object_get(o, "bron"),
                         "malformed bron", i);
}

/* The parent link of an organisation, in a second pass so a branch may be
 * listed before its aanvalsplan. */
static int org_parent(struct seed *s, json_t *o, size_t i)
{
    const char *parent = str(o, "onderdeel_van");
    sqlite3_stmt *st;

    if (parent == NULL)
        return 0;
    st = store_prepare(s->db,
        "UPDATE organisation SET parent_id = "
        "(SELECT id FROM organisation WHERE code = ?) WHERE code = ?");
    store_bind_text(st, 1, parent);
    store_bind_text(st, 2, str(o, "code"));
    if (run(s, st, i) != 0)
        return -1;
    if (store_count(s->db, "SELECT count(*) FROM organisation WHERE "
                    "parent_id IS NULL AND code = ?", str(o, "code")) != 0)
        return seed_fail(s, "onderdeel_van names an unknown organisation", i);
    return 0;
}

/* Insert a list of {tekst, bron} duties with a fixed leading parameter. */
static int seed_duties(struct seed *s, const char *sql, const char *key_text,
                       long long key_id, json_t *list, const char *kind,
                       size_t idx)
{
    json_t *d;
    size_t k;

    if (list == NULL || json_is_null(list))
        return 0;
    if (!json_is_array(list))
        return seed_fail(s, "duty list is not an array", idx);
    json_array_foreach(list, k, d) {
        sqlite3_stmt *st;
        int p = 1;

        if (!str(d, "tekst"))
            return seed_fail(s, "duty without tekst", idx);
        st = store_prepare(s->db, sql);
        if (key_text)
            store_bind_text(st, p++, key_text);
        else
            store_bind_int(st, p++, key_id);
        if (kind)
            store_bind_text(st, p++, kind);
        store_bind_int(st, p++, (long long)k + 1);
        store_bind_text(st, p++, str(d, "tekst"));
        if (run_with_bron(s, st, p, json_object_get(d, "bron"),
                          "duty with malformed bron", idx) != 0)
            return -1;
    }
    return 0;
}

/* A report role with its responsibilities and core tasks. */
static int role_entry(struct seed *s, json_t *o, size_t i)
{
    static const char dsql[] = "INSERT INTO role_duty(role_code, kind, ord, "
                               "text, src_section, src_from, src_to) "
                               "VALUES (?,?,?,?,?,?,?)";

    if (!str(o, "code") || !str(o, "naam") || !str(o, "omschrijving"))
        return seed_fail(s, "needs code, naam, omschrijving", i);
    if (insert_named(s, "INSERT INTO role(code, ord, name, description, "
                        "src_section, src_from, src_to) "
                        "VALUES (?,?,?,?,?,?,?)",
                     o, (long long)i + 1, i) != 0 ||
        seed_duties(s, dsql, str(o, "code"), 0,
                    json_object_get(o, "verantwoordelijkheden"),
                    "verantwoordelijkheid", i) != 0 ||
        seed_duties(s, dsql, str(o, "code"), 0,
                    json_object_get(o, "kerntaken"), "kerntaak", i) != 0)
        return -1;
    return 0;
}

static int seed_seats(struct seed *s, long long body_id, json_t *seats,
                      size_t idx)
{
    json_t *z;
    size_t k;

    if (!json_is_array(seats))
        return 0;
    json_array_foreach(seats, k, z) {
        json_t *mx = json_object_get(z, "max");
        sqlite3_stmt *st;

        if (!str(z, "code") || !str(z, "omschrijving"))
            return seed_fail(s, "seat needs code and omschrijving", idx);
        st = store_prepare(s->db,
            "INSERT INTO seat(body_id, ord, code, description, org_code, "
            "org_type, parent_code, min_count, max_count) "
            "VALUES (?,?,?,?,?,?,?,?,?)");
        store_bind_int(st, 1, body_id);
        store_bind_int(st, 2, (long long)k + 1);
        store_bind_text(st, 3, str(z, "code"));
        store_bind_text(st, 4, str(z, "omschrijving"));
        store_bind_text(st, 5, str(z, "organisatie"));
        store_bind_text(st, 6, str(z, "organisatietype"));
        store_bind_text(st, 7, str(z, "onderdeel_van"));
        store_bind_int(st, 8, sqljson_int(z, "min"));
        if (json_is_integer(mx))
            store_bind_int(st, 9, json_integer_value(mx));
        else
            sqlite3_bind_null(st, 9);
        if (run(s, st, idx) != 0)
            return -1;
    }
    return 0;
}

static int seed_members(struct seed *s, long long body_id, json_t *leden,
                        size_t idx)
{
    json_t *m;
    size_t k;

    if (!json_is_array(leden))
        return 0;
    json_array_foreach(leden, k, m) {
        sqlite3_stmt *st;

        if (!str(m, "organisatie"))
            return seed_fail(s, "member needs organisatie", idx);
        st = store_prepare(s->db,
            "INSERT INTO membership(body_id, organisation_id, seat_id, kind, "
            "function, since, src_section, src_from, src_to) "
            "SELECT ?, o.id, (SELECT id FROM seat WHERE body_id = ? AND "
            "code = ?), 'lid', ?, '2023-10-30', ?, ?, ? "
            "FROM organisation o WHERE o.code = ?");
        store_bind_int(st, 1, body_id);
        store_bind_int(st, 2, body_id);
        store_bind_text(st, 3, str(m, "zetel"));
        store_bind_text(st, 4, sqljson_str(m, "functie"));
        store_bind_text(st, 8, str(m, "organisatie"));
        if (run_with_bron(s, st, 5, json_object_get(m, "bron"),
                          "member with malformed bron", idx) != 0)
            return -1;
        if (sqlite3_changes(s->db) != 1)
            return seed_fail(s, "member names an unknown organisation", idx);
    }
    return 0;
}

/* The "verder aanwezig" lines of a body. */
static int seed_presence(struct seed *s, long long body_id, json_t *list,
                         size_t idx)
{
    json_t *m;
    size_t k;

    json_array_foreach(list, k, m) {
        sqlite3_stmt *st = store_prepare(s->db,
            "INSERT INTO body_presence(body_id, role_code, text, "
            "src_section, src_from, src_to) VALUES (?,?,?,?,?,?)");

        store_bind_int(st, 1, body_id);
        store_bind_text(st, 2, str(m, "rol"));
        store_bind_text(st, 3, sqljson_str(m, "tekst"));
        if (run_with_bron(s, st, 4, json_object_get(m, "bron"),
                          "aanwezig with malformed bron", idx) != 0)
            return -1;
    }
    return 0;
}

/* A body (overleg) with its chair, frequency and composition rule, then
 * its duties, seats, members and other attendees. */
static int body_entry(struct seed *s, json_t *o, size_t i)
{
    json_t *vz = json_object_get(o, "voorzitter");
    json_t *fr = json_object_get(o, "frequentie");
    json_t *sa = json_object_get(o, "samenstelling");
    json_t *m, *p;
    char mtext[64] = "";
    size_t k;
    long long body_id;
    sqlite3_stmt *st;

    if (!str(o, "code") || !str(o, "naam") || !str(o, "niveau") ||
        !str(o, "rol") || !json_is_object(vz) || !json_is_object(fr) ||
        !json_is_object(sa) || !str(vz, "tekst") || !str(fr, "tekst") ||
        !str(sa, "tekst"))
        return seed_fail(s, "needs code, naam, niveau, rol, voorzitter, "
                            "frequentie and samenstelling with tekst", i);
    json_array_foreach(json_object_get(fr, "maanden"), k, m) {
        size_t l = strlen(mtext);
        snprintf(mtext + l, sizeof mtext - l, "%s%lld", l ? "," : "",
                 (long long)json_integer_value(m));
    }
    st = store_prepare(s->db,
        "INSERT INTO body(code, ord, name, level_code, pillar_code, "
        "public, role_text, src_section, src_from, src_to, chair_text, "
        "chair_role, chair_org_id, chair_src_section, chair_src_from, "
        "chair_src_to, freq_text, freq_min, freq_max, freq_months, "
        "freq_after, freq_before, freq_on_request, freq_src_section, "
        "freq_src_from, freq_src_to, comp_text, comp_exhaustive, "
        "comp_flexible, comp_flex_text, comp_src_section, comp_src_from, "
        "comp_src_to, flex_src_section, flex_src_from, flex_src_to) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
        "(SELECT id FROM organisation WHERE code = ?13),?14,?15,?16,?17,"
        "?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,"
        "?33,?34,?35,?36)");
    store_bind_text(st, 1, str(o, "code"));
    store_bind_int(st, 2, (long long)i + 1);
    store_bind_text(st, 3, str(o, "naam"));
    store_bind_text(st, 4, str(o, "niveau"));
    store_bind_text(st, 5, str(o, "pijler"));
    store_bind_int(st, 6, json_is_false(json_object_get(o, "openbaar"))
                              ? 0 : 1);
    store_bind_text(st, 7, str(o, "rol"));
    store_bind_text(st, 11, str(vz, "tekst"));
    store_bind_text(st, 12, str(vz, "rol"));
    store_bind_text(st, 13, str(vz, "organisatie"));
    store_bind_text(st, 17, str(fr, "tekst"));
    p = json_object_get(fr, "min_per_jaar");
    if (json_is_integer(p))
        store_bind_int(st, 18, json_integer_value(p));
    p = json_object_get(fr, "max_per_jaar");
    if (json_is_integer(p))
        store_bind_int(st, 19, json_integer_value(p));
    store_bind_text(st, 20, mtext);
    store_bind_text(st, 21, str(fr, "na"));
    store_bind_text(st, 22, str(fr, "voor"));
    store_bind_int(st, 23, json_is_true(json_object_get(fr, "op_verzoek")));
    store_bind_text(st, 27, str(sa, "tekst"));
    store_bind_int(st, 28, json_is_true(json_object_get(sa, "uitputtend")));
    store_bind_int(st, 29, json_is_true(json_object_get(sa, "flexibel")));
    store_bind_text(st, 30, str(sa, "flexibel_tekst"));
    if (bind_bron(st, 8, json_object_get(o, "bron")) != 0 ||
        bind_bron(st, 14, json_object_get(vz, "bron")) != 0 ||
        bind_bron(st, 24, json_object_get(fr, "bron")) != 0 ||
        bind_bron(st, 31, json_object_get(sa, "bron")) != 0 ||
        bind_bron(st, 34, json_object_get(sa, "flexibel_bron")) != 0)
        return stmt_fail(s, st, "malformed bron", i);
    if (run(s, st, i) != 0)
        return -1;
    body_id = sqlite3_last_insert_rowid(s->db);
    if (seed_duties(s, "INSERT INTO body_duty(body_id, ord, text, "
                       "src_section, src_from, src_to) "
                       "VALUES (?,?,?,?,?,?)",
                    NULL, body_id,
                    json_object_get(o, "verantwoordelijkheden"), NULL,
                    i) != 0 ||
        seed_seats(s, body_id, json_object_get(sa, "zetels"), i) != 0 ||
        seed_members(s, body_id, json_object_get(o, "leden"), i) != 0 ||
        seed_presence(s, body_id, json_object_get(o, "aanwezig"), i) != 0)
        return -1;
    return 0;
}

/* A gremium of Bijlage I with its pillars. */
static int gremium_entry(struct seed *s, json_t *o, size_t i)
{
    json_t *p;
    size_t k;
    sqlite3_stmt *st;

    if (!json_is_integer(json_object_get(o, "nummer")) ||
        !str(o, "naam") || !str(o, "relatie"))
        return seed_fail(s, "needs nummer, naam, relatie", i);
    /* issue 6: the domain where the report names it (domein_bron), the
     * goal (doel) and, as registration date, the report's own date
     * (sinds, colofon L14) */
    if (str(o, "sinds") == NULL || strlen(str(o, "sinds")) != 10)
        return seed_fail(s, "needs sinds (YYYY-MM-DD)", i);
    st = store_prepare(s->db,
        "INSERT INTO gremium(nr, name, relation, note, grp, src_section, "
        "src_from, src_to, grp_src_section, grp_src_from, grp_src_to, "
        "domain, goal, registered_at, changed_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,"
        "?14 || 'T00:00:00Z', ?14 || 'T00:00:00Z')");
    store_bind_int(st, 1, sqljson_int(o, "nummer"));
    store_bind_text(st, 2, str(o, "naam"));
    store_bind_text(st, 3, str(o, "relatie"));
    store_bind_text(st, 4, str(o, "toelichting"));
    store_bind_text(st, 5, str(o, "groep"));
    if (bind_bron(st, 6, json_object_get(o, "bron")) != 0 ||
        bind_bron(st, 9, json_object_get(o, "groep_bron")) != 0)
        return stmt_fail(s, st, "malformed bron", i);
    store_bind_text(st, 12, str(o, "domein"));
    store_bind_text(st, 13, str(o, "doel") ? str(o, "doel") : "");
    store_bind_text(st, 14, str(o, "sinds"));
    if (run(s, st, i) != 0)
        return -1;
    json_array_foreach(json_object_get(o, "pijlers"), k, p) {
        st = store_prepare(s->db,
            "INSERT INTO gremium_pillar(gremium_nr, pillar_code, "
            "relation) VALUES (?,?,?)");
        store_bind_int(st, 1, sqljson_int(o, "nummer"));
        store_bind_text(st, 2, str(p, "pijler"));
        store_bind_text(st, 3, str(p, "relatie"));
        if (run(s, st, i) != 0)
            return -1;
    }
    return 0;
}

/* A risk of figure 11 with its countermeasures. */
static int risk_entry(struct seed *s, json_t *o, size_t i)
{
    long long nr = sqljson_int(o, "nummer");
    json_t *m;
    size_t k;
    sqlite3_stmt *st;

    if (nr < 1 || !str(o, "titel") || !str(o, "omschrijving"))
        return seed_fail(s, "needs nummer, titel, omschrijving", i);
    st = store_prepare(s->db,
        "INSERT INTO risk(nr, title, description, owner, src_section, "
        "src_from, src_to) VALUES (?,?,?,?,?,?,?)");
    store_bind_int(st, 1, nr);
    store_bind_text(st, 2, str(o, "titel"));
    store_bind_text(st, 3, str(o, "omschrijving"));
    /* the owner: who carries out the countermeasure (Koers's reading of
     * the report, cited in eigenaar_bron of risicos.json) */
    store_bind_text(st, 4, str(o, "eigenaar") ? str(o, "eigenaar") : "");
    if (run_with_bron(s, st, 5, json_object_get(o, "bron"),
                      "malformed bron", i) != 0)
        return -1;
    json_array_foreach(json_object_get(o, "maatregelen"), k, m) {
        st = store_prepare(s->db, "INSERT INTO risk_measure(risk_nr, ord, "
                                  "text) VALUES (?,?,?)");
        store_bind_int(st, 1, nr);
        store_bind_int(st, 2, (long long)k + 1);
        store_bind_text(st, 3, str(m, "tekst"));
        if (run(s, st, i) != 0)
            return -1;
    }
    return 0;
}

/* The sub-steps of plan step `nr` (figure 12); roles are stored as one
 * comma-separated list. */
static int seed_substeps(struct seed *s, long long nr, json_t *subs,
                         size_t idx)
{
    json_t *m, *r;
    size_t k, q;

    json_array_foreach(subs, k, m) {
        char roles[256] = "";
        sqlite3_stmt *st;

        json_array_foreach(json_object_get(m, "rollen"), q, r) {
            size_t l = strlen(roles);
            snprintf(roles + l, sizeof roles - l, "%s%s", l ? "," : "",
                     json_string_value(r) ? json_string_value(r) : "");
        }
        if (!str(m, "nummer") || !str(m, "titel"))
            return seed_fail(s, "substep needs nummer and titel", idx);
        st = store_prepare(s->db,
            "INSERT INTO plan_substep(code, step_nr, ord, title, "
            "description, responsible, roles, planned_start, "
            "planned_end, src_section, src_from, src_to) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        store_bind_text(st, 1, str(m, "nummer"));
        store_bind_int(st, 2, nr);
        store_bind_int(st, 3, (long long)k + 1);
        store_bind_text(st, 4, str(m, "titel"));
        store_bind_text(st, 5, sqljson_str(m, "omschrijving"));
        store_bind_text(st, 6, sqljson_str(m, "verantwoordelijke"));
        store_bind_text(st, 7, roles);
        store_bind_text(st, 8, str(m, "gepland_start"));
        store_bind_text(st, 9, str(m, "gepland_eind"));
        if (run_with_bron(s, st, 10, json_object_get(m, "bron"),
                          "substep with malformed bron", idx) != 0)
            return -1;
    }
    return 0;
}

/* A step of the implementation plan with its sub-steps. */
static int step_entry(struct seed *s, json_t *o, size_t i)
{
    long long nr = sqljson_int(o, "nummer");
    sqlite3_stmt *st;

    if (nr < 1 || !str(o, "titel"))
        return seed_fail(s, "needs nummer and titel", i);
    st = store_prepare(s->db,
        "INSERT INTO plan_step(nr, title, src_section, src_from, src_to) "
        "VALUES (?,?,?,?,?)");
    store_bind_int(st, 1, nr);
    store_bind_text(st, 2, str(o, "titel"));
    if (run_with_bron(s, st, 3, json_object_get(o, "bron"),
                      "malformed bron", i) != 0)
        return -1;
    return seed_substeps(s, nr, json_object_get(o, "substappen"), i);
}

/* A monitor topic of figure 10; its order is its place in the file. */
static int indicator_entry(struct seed *s, json_t *o, size_t i)
{
    sqlite3_stmt *st;

    if (!str(o, "code") || !str(o, "pijler") || !str(o, "naam") ||
        !str(o, "domein"))
        return seed_fail(s, "needs code, pijler, naam, domein", i);
    st = store_prepare(s->db,
        "INSERT INTO indicator_topic(code, pillar_code, ord, name, "
        "description, domain, src_section, src_from, src_to) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    store_bind_text(st, 1, str(o, "code"));
    store_bind_text(st, 2, str(o, "pijler"));
    store_bind_int(st, 3, (long long)i + 1);
    store_bind_text(st, 4, str(o, "naam"));
    store_bind_text(st, 5, sqljson_str(o, "omschrijving"));
    store_bind_text(st, 6, str(o, "domein"));
    return run_with_bron(s, st, 7, json_object_get(o, "bron"),
                         "malformed bron", i);
}

/* All files in one transaction, in the order their references need. */
int seed_load(sqlite3 *db, const char *data_dir, char *err, size_t errlen)
{
    struct seed s = { db, data_dir, "", err, errlen };

    err[0] = '\0';
    if (store_begin(db) != 0) {
        snprintf(err, errlen, "cannot start transaction");
        return -1;
    }
    if (seed_report(&s) != 0 ||
        seed_each(&s, "pijlers.json", "pijlers", pillar_entry, NULL) != 0 ||
        seed_each(&s, "niveaus.json", "niveaus", level_entry, NULL) != 0 ||
        seed_each(&s, "organisaties.json", "organisaties", org_entry,
                  org_parent) != 0 ||
        seed_each(&s, "rollen.json", "rollen", role_entry, NULL) != 0 ||
        seed_each(&s, "overleggen.json", "overleggen", body_entry,
                  NULL) != 0 ||
        seed_each(&s, "gremia.json", "gremia", gremium_entry, NULL) != 0 ||
        seed_each(&s, "risicos.json", "risicos", risk_entry, NULL) != 0 ||
        seed_each(&s, "implementatieplan.json", "stappen", step_entry,
                  NULL) != 0 ||
        seed_each(&s, "indicatoren.json", "indicatoren", indicator_entry,
                  NULL) != 0 ||
        cycle_seed(db, data_dir, err, errlen) != 0 ||
        knelpunt_seed(db, data_dir, err, errlen) != 0 ||
        goal_seed(db, data_dir, err, errlen) != 0) {
        store_rollback(db);
        return -1;
    }
    if (store_commit(db) != 0) {
        snprintf(err, errlen, "cannot commit: %s", sqlite3_errmsg(db));
        store_rollback(db);
        return -1;
    }
    return 0;
}

int seed_json_tx(sqlite3 *db, const char *data_dir, const char *name,
                 seed_fill_fn fill, char *err, size_t errlen)
{
    char path[4096];
    json_error_t je;
    json_t *root;
    int rc = -1;

    snprintf(path, sizeof path, "%s/seed/%s", data_dir, name);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "%s: line %d: %s", path, je.line, je.text);
        return -1;
    }
    if (store_begin(db) != 0) {
        snprintf(err, errlen, "cannot start transaction");
        goto cleanup;
    }
    if (fill(db, root, path, err, errlen) != 0)
        goto rollback;
    if (store_commit(db) != 0) {
        snprintf(err, errlen, "cannot commit: %s", sqlite3_errmsg(db));
        goto rollback;
    }
    rc = 0;
    goto cleanup;
rollback:
    store_rollback(db);
cleanup:
    json_decref(root);
    return rc;
}
