/* goal.c - ambitions, goals, objectives per pillar, actions, and how
 * their progress rolls up (goal.h).
 *
 * Changes follow one pattern: check the caller's role, validate the input
 * with input.h (the array and number fields that input.h does not know,
 * eigenaars, indicatoren and voortgang, are checked here), check every id
 * and code it names against the store, check the scoped permission once
 * the pillar is known, then write the row, its link rows and the audit
 * entry in one transaction. An update loads the current row as the same
 * JSON object a create takes, lays the patch over it and checks the
 * result as a whole (deadline not before start, afgerond means 100), so
 * create and update cannot drift apart; references (ids, codes, the
 * meeting) are checked only when the patch names them, so an update of
 * the status is not refused because the meeting it was decided in has
 * since been cancelled.
 *
 * Reading computes the roll-up from one aggregate over goal_action per
 * objective (restricted to the objectives asked for), and averages the
 * unrounded objective values into goals and the goal values into
 * ambitions in C (see goal.h for the rule). "Today" for the late signal
 * is the local date, bound as a parameter. */
#include "goal.h"
#include "domain.h"
#include "buf.h"
#include "input.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const goal_action_statuses[] = { "gepland", "lopend",
    "afgerond", "gestopt", NULL };
const char *const goal_action_domains[] = { "techniek", "ict", "beide",
                                            NULL };

static const struct input_field ambition_fields[] = {
    { "titel", "Titel", IN_TEXT, 1, GOAL_TITLE_MAX, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, GOAL_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* indicatoren is checked by check_indicators */
static const struct input_field goal_fields[] = {
    { "titel", "Titel", IN_TEXT, 1, GOAL_TITLE_MAX, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, GOAL_TEXT_MAX, NULL },
    { "ambitie", "Ambitie", IN_INT, 1, 0, NULL },
    { "vergadering", "Vergadering", IN_INT, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field objective_fields[] = {
    { "doel", "Doel", IN_INT, 1, 0, NULL },
    { "pijler", "Pijler", IN_TEXT, 1, 8, NULL },
    { "titel", "Titel", IN_TEXT, 1, GOAL_TITLE_MAX, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, GOAL_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* eigenaars and voortgang are checked by check_owners / check_progress */
static const struct input_field action_fields[] = {
    { "doelstelling", "Doelstelling", IN_INT, 1, 0, NULL },
    { "titel", "Titel", IN_TEXT, 1, GOAL_TITLE_MAX, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 0, GOAL_TEXT_MAX, NULL },
    { "contactpersoon", "Contactpersoon", IN_TEXT, 0, GOAL_CONTACT_MAX,
      NULL },
    { "middelen", "Middelen", IN_LONGTEXT, 0, GOAL_MEANS_MAX, NULL },
    { "start", "Start", IN_DATE, 1, 10, NULL },
    { "deadline", "Deadline", IN_DATE, 1, 10, NULL },
    { "status", "Status", IN_CHOICE, 0, 0, goal_action_statuses },
    { "domein", "Domein", IN_CHOICE, 0, 0, goal_action_domains },
    { "vergadering", "Vergadering", IN_INT, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* The signals, for SQL on goal_action a with ?1 = today (YYYY-MM-DD). */
#define LATE_SQL \
    "(a.status IN ('gepland','lopend') AND a.deadline IS NOT NULL AND " \
    "a.deadline < ?1)"
#define NO_OWNER_SQL \
    "(a.status IN ('gepland','lopend') AND NOT EXISTS (SELECT 1 FROM " \
    "goal_action_owner w WHERE w.action_id = a.id))"

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* Audit a refusal (lack of permission) outside any transaction. */
static void refuse_audit(sqlite3 *db, const struct actor *who,
                         enum perm_action a, const char *type, long long id,
                         const struct fault *f)
{
    domain_refuse(db, who, perm_rule(a)->code, type, id, f);
}

static int write_audit(sqlite3 *db, const struct actor *who,
                       enum perm_action a, const char *type, long long id,
                       const char *detail)
{
    return domain_audit_ok(db, who, perm_rule(a)->code, type, id, detail);
}

/* "titel, status" - the keys of a patch, for the audit detail. */
static void keys_detail(json_t *in, char *out, size_t len)
{
    const char *k;
    json_t *v;
    size_t used = 0;

    out[0] = '\0';
    json_object_foreach(in, k, v) {
        int w = snprintf(out + used, len - used, "%s%s", used ? ", " : "",
                         k);

        if (w < 0 || (size_t)w >= len - used)
            break;
        used += (size_t)w;
    }
}

/* A copy of in without the keys that input.h does not check. */
static json_t *without(json_t *in, const char *k1, const char *k2)
{
    json_t *c = json_copy(in);

    if (c && k1)
        json_object_del(c, k1);
    if (c && k2)
        json_object_del(c, k2);
    return c;
}

/* input_check on in without the keys k1 and k2. */
static int check_fields(json_t *in, const struct input_field *spec,
                        int partial, const char *k1, const char *k2,
                        struct fault *f)
{
    json_t *c;
    int rc;

    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    c = without(in, k1, k2);
    if (c == NULL) {
        fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
        return -1;
    }
    rc = input_check(c, spec, partial, f);
    json_decref(c);
    return rc;
}

/* Titel, when present, is not only white space. */
static int check_title(json_t *in, struct fault *f)
{
    json_t *t = json_object_get(in, "titel");

    if (t && !domain_has_text(json_string_value(t))) {
        fault_set(f, FAULT_INVALID, "Titel is verplicht en bestaat niet "
                  "alleen uit spaties.");
        return -1;
    }
    return 0;
}

static long long count_id(sqlite3 *db, const char *sql, long long id)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    long long n = -1;

    if (st == NULL)
        return -1;
    store_bind_int(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Text member or "" (absent or null), for writing NOT NULL columns. */
static const char *text_or_empty(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s ? s : "";
}

/* Bind integer member k of o at i, or NULL when absent or null. */
static void bind_opt_id(sqlite3_stmt *st, int i, json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);

    if (json_is_integer(v))
        store_bind_int(st, i, json_integer_value(v));
    else
        sqlite3_bind_null(st, i);
}

/* ------------------------------------------------------------------ */
/* Seeding                                                             */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s && s[0] ? s : NULL;
}

/* 1 when o is an object whose keys are all in `keys` (NULL-ended). */
static int only_keys(json_t *o, const char *const *keys)
{
    const char *k;
    json_t *v;
    size_t i;

    if (!json_is_object(o))
        return 0;
    json_object_foreach(o, k, v) {
        int known = 0;

        for (i = 0; keys[i]; i++)
            if (strcmp(keys[i], k) == 0)
                known = 1;
        if (!known)
            return 0;
    }
    return 1;
}

int goal_seed(sqlite3 *db, const char *data_dir, char *err, size_t errlen)
{
    static const char *const root_keys[] = { "ambities", NULL };
    static const char *const keys[] = { "titel", "omschrijving", "bron",
                                        NULL };
    static const char *const bron_keys[] = { "sectie", "van", "tot", NULL };
    char path[4096];
    json_error_t je;
    json_t *root, *arr, *o;
    long long nlines = store_count(db, "SELECT count(*) FROM report_line",
                                   NULL);
    size_t i;
    int rc = -1;

    err[0] = '\0';
    snprintf(path, sizeof path, "%s/seed/ambities.json", data_dir);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "%s: line %d: %s", path, je.line, je.text);
        return -1;
    }
    arr = json_object_get(root, "ambities");
    if (!only_keys(root, root_keys) || !json_is_array(arr) ||
        json_array_size(arr) == 0 ||
        json_array_size(arr) > GOAL_AMBITIONS_MAX) {
        snprintf(err, errlen, "ambities.json: needs only the array "
                 "\"ambities\" (1 to %d entries)", GOAL_AMBITIONS_MAX);
        goto cleanup;
    }
    json_array_foreach(arr, i, o) {
        json_t *bron = json_object_get(o, "bron");
        json_t *van = json_object_get(bron, "van");
        json_t *tot = json_object_get(bron, "tot");
        const char *title = jstr(o, "titel");
        sqlite3_stmt *st;

        if (!only_keys(o, keys) || title == NULL ||
            text_utf8_len(title) > GOAL_TITLE_MAX ||
            !text_clean(title, 0) || !jstr(o, "omschrijving") ||
            !text_clean(jstr(o, "omschrijving"), 1) ||
            !only_keys(bron, bron_keys) || !jstr(bron, "sectie") ||
            !json_is_integer(van) || !json_is_integer(tot) ||
            json_integer_value(van) < 1 ||
            json_integer_value(tot) < json_integer_value(van) ||
            (nlines > 0 && json_integer_value(tot) > nlines)) {
            snprintf(err, errlen, "ambities.json: entry %zu: needs titel "
                     "(at most %d characters), omschrijving and bron "
                     "{sectie, van, tot} within the report", i + 1,
                     GOAL_TITLE_MAX);
            goto cleanup;
        }
        st = store_prepare(db, "INSERT INTO ambition(ord, title, "
                               "description, src_section, src_from, src_to) "
                               "VALUES (?,?,?,?,?,?)");
        store_bind_int(st, 1, (long long)i + 1);
        store_bind_text(st, 2, title);
        store_bind_text(st, 3, jstr(o, "omschrijving"));
        store_bind_text(st, 4, jstr(bron, "sectie"));
        store_bind_int(st, 5, json_integer_value(van));
        store_bind_int(st, 6, json_integer_value(tot));
        if (store_exec_stmt(st) != 0) {
            snprintf(err, errlen, "ambities.json: entry %zu: cannot store: "
                     "%s", i + 1, sqlite3_errmsg(db));
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Permissions                                                         */

int goal_pillar_body(sqlite3 *db, const char *pillar, char *out, size_t len)
{
    sqlite3_stmt *st;

    out[0] = '\0';
    if (pillar == NULL || strlen(pillar) > 8 ||
        store_count(db, "SELECT count(*) FROM pillar WHERE code = ?",
                    pillar) != 1)
        return -1;
    st = store_prepare(db, "SELECT code FROM body WHERE pillar_code = ? "
                           "ORDER BY ord, id LIMIT 1");
    store_bind_text(st, 1, pillar);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
    return 0;
}

int goal_may_manage_goals(const struct actor *who)
{
    return who->role != ROLE_NONE &&
           perm_allowed(who->role, who->scope, ACT_DOEL_BEHEREN, NULL);
}

/* 1 when the role has the objective grant only for its own kerngroep. */
static int scoped_only(const struct actor *who)
{
    const struct perm_rule *r = perm_rule(ACT_DOELSTELLING_BEHEREN);

    return who->role != ROLE_NONE && !(r->roles_all & (1u << who->role)) &&
           (r->roles_own_body & (1u << who->role));
}

int goal_may_manage_pillar(sqlite3 *db, const struct actor *who,
                           const char *pillar)
{
    char body[64];

    if (who->role == ROLE_NONE)
        return 0;
    if (perm_allowed(who->role, who->scope, ACT_DOELSTELLING_BEHEREN, NULL))
        return 1;
    if (pillar == NULL)
        return scoped_only(who) && who->scope[0] &&
               store_count(db, "SELECT count(*) FROM body WHERE code = ? "
                               "AND pillar_code IS NOT NULL",
                           who->scope) == 1;
    if (goal_pillar_body(db, pillar, body, sizeof body) != 0 || !body[0])
        return 0;
    return perm_allowed(who->role, who->scope, ACT_DOELSTELLING_BEHEREN,
                        body);
}

/* 0 when who may manage goals; -1 with a refusal (audited). */
static int goal_perm(sqlite3 *db, const struct actor *who, const char *type,
                     long long id, struct fault *f)
{
    if (goal_may_manage_goals(who))
        return 0;
    if (who->role == ROLE_NONE)
        fault_set(f, FAULT_FORBIDDEN, "Log in om ambities en doelen vast "
                  "te leggen.");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen ambities en "
                  "doelen vastleggen. Doelen stelt het koersoverleg met het "
                  "boegbeeld vast (rapport, regels 2207–2208); dat mogen de "
                  "beheerder, de secretaris en het boegbeeld.",
                  perm_role_label(who->role));
    refuse_audit(db, who, ACT_DOEL_BEHEREN, type, id, f);
    return -1;
}

/* 0 when who may manage objectives and actions of some pillar; -1 with
 * a refusal (audited). */
static int objective_role_perm(sqlite3 *db, const struct actor *who,
                               const char *type, long long id,
                               struct fault *f)
{
    if (goal_may_manage_pillar(db, who, NULL))
        return 0;
    if (who->role == ROLE_NONE)
        fault_set(f, FAULT_FORBIDDEN, "Log in om doelstellingen en acties "
                  "vast te leggen.");
    else if (scoped_only(who))
        fault_set(f, FAULT_FORBIDDEN, "Uw account heeft geen kerngroep als "
                  "scope (bijvoorbeeld kerngroep-p1); vraag de beheerder "
                  "die in te stellen.");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen doelstellingen "
                  "en acties vastleggen. Dat mogen de beheerder, de "
                  "secretaris en de netwerkmanager (voor de eigen "
                  "kerngroep).", perm_role_label(who->role));
    refuse_audit(db, who, ACT_DOELSTELLING_BEHEREN, type, id, f);
    return -1;
}

/* 0 when who may manage objectives and actions of pillar; -1 with a
 * refusal naming the kerngroep (audited). */
static int pillar_perm(sqlite3 *db, const struct actor *who,
                       const char *pillar, const char *type, long long id,
                       struct fault *f)
{
    char body[64];

    if (goal_may_manage_pillar(db, who, pillar))
        return 0;
    goal_pillar_body(db, pillar, body, sizeof body);
    if (!scoped_only(who))
        return objective_role_perm(db, who, type, id, f);
    if (body[0] == '\0')
        fault_set(f, FAULT_FORBIDDEN, "Pijler %s heeft geen kerngroep; "
                  "alleen de beheerder en de secretaris leggen daar "
                  "doelstellingen en acties vast. Uw rol (%s) doet dat "
                  "alleen voor de eigen kerngroep (%s).", pillar,
                  perm_role_label(who->role),
                  who->scope[0] ? who->scope : "geen");
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) legt alleen "
                  "doelstellingen en acties vast voor de eigen kerngroep "
                  "(%s); pijler %s hoort bij %s (rapport, regels "
                  "1635–1636).", perm_role_label(who->role),
                  who->scope[0] ? who->scope : "geen", pillar, body);
    refuse_audit(db, who, ACT_DOELSTELLING_BEHEREN, type, id, f);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Checks of references                                                */

/* The meeting named by member "vergadering" of in, when it is an id:
 * it exists and is not cancelled, and with body_code it is a meeting of
 * that body. */
static int check_meeting(sqlite3 *db, json_t *in, const char *body_code,
                         struct fault *f)
{
    json_t *v = json_object_get(in, "vergadering");
    sqlite3_stmt *st;
    long long id;
    char status[16] = "", body[64] = "", bname[128] = "";
    int found = 0;

    if (!json_is_integer(v))
        return 0;
    id = json_integer_value(v);
    st = store_prepare(db, "SELECT m.status, coalesce(b.code, ''), "
                           "coalesce(b.name, '') FROM meeting m LEFT JOIN "
                           "body b ON b.id = m.body_id WHERE m.id = ?");
    store_bind_int(st, 1, id);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        snprintf(status, sizeof status, "%s", store_col(st, 0));
        snprintf(body, sizeof body, "%s", store_col(st, 1));
        snprintf(bname, sizeof bname, "%s", store_col(st, 2));
    }
    sqlite3_finalize(st);
    if (!found) {
        fault_set(f, FAULT_INVALID, "Vergadering %lld bestaat niet; zie "
                  "/api/v1/vergaderingen.", id);
        return -1;
    }
    if (strcmp(status, "geannuleerd") == 0) {
        fault_set(f, FAULT_RULE, "Vergadering %lld is geannuleerd; daar is "
                  "niets besloten.", id);
        return -1;
    }
    if (body_code && strcmp(body, body_code) != 0) {
        fault_set(f, FAULT_RULE, "Een doel wordt vastgesteld in het "
                  "koersoverleg (rapport, regels 1609–1610 en 2207–2208); "
                  "vergadering %lld is %s%s.", id,
                  bname[0] ? "van " : "geen vergadering van een overleg",
                  bname);
        return -1;
    }
    return 0;
}

/* Member "indicatoren": an array of at most GOAL_INDICATORS_MAX distinct
 * known monitor topic codes. */
static int check_indicators(sqlite3 *db, json_t *in, struct fault *f)
{
    json_t *arr = json_object_get(in, "indicatoren"), *v;
    size_t i, j;

    if (arr == NULL)
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > GOAL_INDICATORS_MAX) {
        fault_set(f, FAULT_INVALID, "Indicatoren is een lijst van ten "
                  "hoogste %d codes van monitoronderwerpen, bijvoorbeeld "
                  "[\"p1-hybride-docenten\"]; zie "
                  "/api/v1/monitoringsonderwerpen.",
                  GOAL_INDICATORS_MAX);
        return -1;
    }
    json_array_foreach(arr, i, v) {
        const char *c = json_string_value(v);

        if (c == NULL || strlen(c) > 64 || !text_is_code(c) ||
            store_count(db, "SELECT count(*) FROM indicator_topic WHERE "
                            "code = ?", c) != 1) {
            fault_set(f, FAULT_INVALID, "Indicator %zu (\"%.64s\") bestaat "
                      "niet; zie /api/v1/monitoringsonderwerpen.", i + 1,
                      c ? c : "");
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(c, json_string_value(json_array_get(arr, j))) == 0) {
                fault_set(f, FAULT_INVALID, "Indicator %s staat twee keer "
                          "in de lijst.", c);
                return -1;
            }
    }
    return 0;
}

/* Member "eigenaars": an array of distinct known organisation codes,
 * at least `min` of them; their ids go into ids[] (GOAL_OWNERS_MAX). */
static int check_owners(sqlite3 *db, json_t *in, size_t min,
                        long long *ids, size_t *n, struct fault *f)
{
    json_t *arr = json_object_get(in, "eigenaars"), *v;
    size_t i, j;

    *n = 0;
    if (arr == NULL && min == 0)
        return 0;
    if (json_is_null(arr) && min == 0) {
        fault_set(f, FAULT_INVALID, "Eigenaars is een lijst van "
                  "organisatiecodes; stuur [] om alle eigenaars weg te "
                  "halen.");
        return -1;
    }
    if (arr == NULL || json_is_null(arr) ||
        (json_is_array(arr) && json_array_size(arr) < min)) {
        fault_set(f, FAULT_INVALID, "Eigenaars is verplicht: een actie "
                  "heeft ten minste één eigenaar (een organisatiecode, "
                  "bijvoorbeeld [\"ezk\"]); zie /api/v1/organisaties.");
        return -1;
    }
    if (!json_is_array(arr) || json_array_size(arr) > GOAL_OWNERS_MAX) {
        fault_set(f, FAULT_INVALID, "Eigenaars is een lijst van ten hoogste "
                  "%d organisatiecodes, bijvoorbeeld [\"ezk\", \"mbo-raad\"].",
                  GOAL_OWNERS_MAX);
        return -1;
    }
    json_array_foreach(arr, i, v) {
        const char *c = json_string_value(v);
        sqlite3_stmt *st;
        long long id = -1;

        if (c && strlen(c) <= 64 && text_is_code(c)) {
            st = store_prepare(db, "SELECT id FROM organisation WHERE "
                                   "code = ?");
            store_bind_text(st, 1, c);
            if (st && sqlite3_step(st) == SQLITE_ROW)
                id = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        if (id < 0) {
            fault_set(f, FAULT_INVALID, "Eigenaar %zu: organisatie "
                      "\"%.64s\" bestaat niet; zie /api/v1/organisaties.",
                      i + 1, c ? c : "");
            return -1;
        }
        for (j = 0; j < *n; j++)
            if (ids[j] == id) {
                fault_set(f, FAULT_INVALID, "Eigenaar %s staat twee keer "
                          "in de lijst.", c);
                return -1;
            }
        ids[(*n)++] = id;
    }
    return 0;
}

/* Member "voortgang", when present: a whole number from 0 to 100. */
static int check_progress(json_t *in, struct fault *f)
{
    json_t *v = json_object_get(in, "voortgang");

    if (v == NULL)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > 100) {
        fault_set(f, FAULT_INVALID, "Voortgang is een geheel getal van 0 "
                  "tot en met 100 (procent).");
        return -1;
    }
    return 0;
}

/* The end of an update inside the caller's transaction: rc is the result
 * of the writes so far; audit `action` on type/id with the changed keys
 * of in, commit, and on any failure roll back with "Opslaan is
 * mislukt.". Releases cur; 0 or -1. */
static int update_done(sqlite3 *db, const struct actor *who,
                       enum perm_action action, const char *type,
                       long long id, json_t *in, json_t *cur, int rc,
                       struct fault *f)
{
    char detail[256];

    keys_detail(in, detail, sizeof detail);
    if (rc != 0 || write_audit(db, who, action, type, id, detail) != 0 ||
        store_commit(db) != 0) {
        domain_store_failed(db, f);
        rc = -1;
    }
    json_decref(cur);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Ambitions                                                           */

long long goal_ambition_create(sqlite3 *db, const struct actor *who,
                               json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    long long id;

    if (goal_perm(db, who, "ambitie", 0, f) != 0)
        return -1;
    if (check_fields(in, ambition_fields, 0, NULL, NULL, f) != 0 ||
        check_title(in, f) != 0)
        return -1;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO ambition(ord, title, description) "
                           "VALUES ((SELECT coalesce(max(ord), 0) + 1 FROM "
                           "ambition), ?, ?)");
    store_bind_text(st, 1, input_str(in, "titel"));
    store_bind_text(st, 2, text_or_empty(in, "omschrijving"));
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (write_audit(db, who, ACT_DOEL_BEHEREN, "ambitie", id, "nieuw") != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

int goal_ambition_update(sqlite3 *db, const struct actor *who, long long id,
                         json_t *in, struct fault *f)
{
    json_t *cur;
    sqlite3_stmt *st;

    cur = sqljson_row(db, "SELECT title AS titel, description AS "
                          "omschrijving FROM ambition WHERE id = ?", "i", id);
    if (cur == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Ambitie %lld bestaat niet.", id);
        return -1;
    }
    if (goal_perm(db, who, "ambitie", id, f) != 0 ||
        check_fields(in, ambition_fields, 1, NULL, NULL, f) != 0 ||
        check_title(in, f) != 0)
        goto refused;
    json_object_update(cur, in);
    if (domain_begin_tx(db, f) != 0)
        goto refused;
    st = store_prepare(db, "UPDATE ambition SET title = ?, description = ? "
                           "WHERE id = ?");
    store_bind_text(st, 1, input_str(cur, "titel"));
    store_bind_text(st, 2, text_or_empty(cur, "omschrijving"));
    store_bind_int(st, 3, id);
    return update_done(db, who, ACT_DOEL_BEHEREN, "ambitie", id, in, cur,
                       store_exec_stmt(st), f);
refused:
    json_decref(cur);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Goals                                                               */

/* Checks of a goal's references named in in (all on create). */
static int goal_refs(sqlite3 *db, json_t *in, struct fault *f)
{
    json_t *amb = json_object_get(in, "ambitie");

    if (json_is_integer(amb) &&
        count_id(db, "SELECT count(*) FROM ambition WHERE id = ?",
                 json_integer_value(amb)) != 1) {
        fault_set(f, FAULT_INVALID, "Ambitie %lld bestaat niet; zie "
                  "/api/v1/ambities.", (long long)json_integer_value(amb));
        return -1;
    }
    if (check_meeting(db, in, "koersoverleg", f) != 0)
        return -1;
    return check_indicators(db, in, f);
}

/* Replace the indicator links of goal id by the array in member
 * "indicatoren" (inside the caller's transaction). */
static int write_indicators(sqlite3 *db, long long id, json_t *in)
{
    json_t *arr = json_object_get(in, "indicatoren"), *v;
    sqlite3_stmt *st;
    size_t i;

    st = store_prepare(db, "DELETE FROM goal_indicator WHERE goal_id = ?");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return -1;
    json_array_foreach(arr, i, v) {
        st = store_prepare(db, "INSERT INTO goal_indicator(goal_id, "
                               "indicator_code) VALUES (?,?)");
        store_bind_int(st, 1, id);
        store_bind_text(st, 2, json_string_value(v));
        if (store_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

long long goal_create(sqlite3 *db, const struct actor *who, json_t *in,
                      struct fault *f)
{
    sqlite3_stmt *st;
    long long id;

    if (goal_perm(db, who, "doel", 0, f) != 0)
        return -1;
    if (check_fields(in, goal_fields, 0, "indicatoren", NULL, f) != 0 ||
        check_title(in, f) != 0 || goal_refs(db, in, f) != 0)
        return -1;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO goal(ambition_id, title, "
                           "description, meeting_id) VALUES (?,?,?,?)");
    bind_opt_id(st, 1, in, "ambitie");
    store_bind_text(st, 2, input_str(in, "titel"));
    store_bind_text(st, 3, text_or_empty(in, "omschrijving"));
    bind_opt_id(st, 4, in, "vergadering");
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (write_indicators(db, id, in) != 0 ||
        write_audit(db, who, ACT_DOEL_BEHEREN, "doel", id, "nieuw") != 0 ||
        store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

int goal_update(sqlite3 *db, const struct actor *who, long long id,
                json_t *in, struct fault *f)
{
    json_t *cur;
    sqlite3_stmt *st;
    int rc;

    cur = sqljson_row(db, "SELECT title AS titel, description AS "
                          "omschrijving, ambition_id AS ambitie, meeting_id "
                          "AS vergadering FROM goal WHERE id = ?", "i", id);
    if (cur == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Doel %lld bestaat niet.", id);
        return -1;
    }
    if (goal_perm(db, who, "doel", id, f) != 0 ||
        check_fields(in, goal_fields, 1, "indicatoren", NULL, f) != 0 ||
        check_title(in, f) != 0 || goal_refs(db, in, f) != 0)
        goto refused;
    json_object_update(cur, in);
    if (domain_begin_tx(db, f) != 0)
        goto refused;
    st = store_prepare(db, "UPDATE goal SET ambition_id = ?, title = ?, "
                           "description = ?, meeting_id = ? WHERE id = ?");
    bind_opt_id(st, 1, cur, "ambitie");
    store_bind_text(st, 2, input_str(cur, "titel"));
    store_bind_text(st, 3, text_or_empty(cur, "omschrijving"));
    bind_opt_id(st, 4, cur, "vergadering");
    store_bind_int(st, 5, id);
    rc = store_exec_stmt(st);
    if (rc == 0 && json_object_get(in, "indicatoren"))
        rc = write_indicators(db, id, in);
    return update_done(db, who, ACT_DOEL_BEHEREN, "doel", id, in, cur, rc,
                       f);
refused:
    json_decref(cur);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Objectives                                                          */

/* Checks of an objective's references named in in. */
static int objective_refs(sqlite3 *db, json_t *in, struct fault *f)
{
    json_t *goal = json_object_get(in, "doel");
    const char *pillar = input_str(in, "pijler");
    char body[64];

    if (json_is_integer(goal) &&
        count_id(db, "SELECT count(*) FROM goal WHERE id = ?",
                 json_integer_value(goal)) != 1) {
        fault_set(f, FAULT_INVALID, "Doel %lld bestaat niet; zie "
                  "/api/v1/doelen.", (long long)json_integer_value(goal));
        return -1;
    }
    if (pillar && goal_pillar_body(db, pillar, body, sizeof body) != 0) {
        fault_set(f, FAULT_INVALID, "Pijler \"%.8s\" bestaat niet; kies P1, "
                  "P2, P3 of P4.", pillar);
        return -1;
    }
    return 0;
}

long long goal_objective_create(sqlite3 *db, const struct actor *who,
                                json_t *in, struct fault *f)
{
    sqlite3_stmt *st;
    long long id;
    char detail[64];

    if (objective_role_perm(db, who, "doelstelling", 0, f) != 0)
        return -1;
    if (check_fields(in, objective_fields, 0, NULL, NULL, f) != 0 ||
        check_title(in, f) != 0 || objective_refs(db, in, f) != 0 ||
        pillar_perm(db, who, input_str(in, "pijler"), "doelstelling", 0,
                    f) != 0)
        return -1;
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "INSERT INTO objective(goal_id, pillar_code, "
                           "title, description) VALUES (?,?,?,?)");
    bind_opt_id(st, 1, in, "doel");
    store_bind_text(st, 2, input_str(in, "pijler"));
    store_bind_text(st, 3, input_str(in, "titel"));
    store_bind_text(st, 4, text_or_empty(in, "omschrijving"));
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    snprintf(detail, sizeof detail, "nieuw, pijler %s",
             input_str(in, "pijler"));
    if (write_audit(db, who, ACT_DOELSTELLING_BEHEREN, "doelstelling", id,
                    detail) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

int goal_objective_update(sqlite3 *db, const struct actor *who,
                          long long id, json_t *in, struct fault *f)
{
    json_t *cur;
    sqlite3_stmt *st;
    char old_pillar[16];

    cur = sqljson_row(db, "SELECT goal_id AS doel, pillar_code AS pijler, "
                          "title AS titel, description AS omschrijving "
                          "FROM objective WHERE id = ?", "i", id);
    if (cur == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Doelstelling %lld bestaat niet.", id);
        return -1;
    }
    snprintf(old_pillar, sizeof old_pillar, "%s", sqljson_str(cur,
                                                               "pijler"));
    if (objective_role_perm(db, who, "doelstelling", id, f) != 0 ||
        check_fields(in, objective_fields, 1, NULL, NULL, f) != 0 ||
        check_title(in, f) != 0 || objective_refs(db, in, f) != 0 ||
        pillar_perm(db, who, old_pillar, "doelstelling", id, f) != 0)
        goto refused;
    json_object_update(cur, in);
    if (strcmp(old_pillar, sqljson_str(cur, "pijler")) != 0 &&
        pillar_perm(db, who, sqljson_str(cur, "pijler"), "doelstelling", id,
                    f) != 0)
        goto refused;
    if (domain_begin_tx(db, f) != 0)
        goto refused;
    st = store_prepare(db, "UPDATE objective SET goal_id = ?, pillar_code = "
                           "?, title = ?, description = ? WHERE id = ?");
    bind_opt_id(st, 1, cur, "doel");
    store_bind_text(st, 2, sqljson_str(cur, "pijler"));
    store_bind_text(st, 3, sqljson_str(cur, "titel"));
    store_bind_text(st, 4, text_or_empty(cur, "omschrijving"));
    store_bind_int(st, 5, id);
    return update_done(db, who, ACT_DOELSTELLING_BEHEREN, "doelstelling", id,
                       in, cur, store_exec_stmt(st), f);
refused:
    json_decref(cur);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

/* The pillar of objective id into out; -1 when it does not exist. */
static int objective_pillar(sqlite3 *db, long long id, char *out,
                            size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT pillar_code FROM objective "
                                         "WHERE id = ?");
    int rc = -1;

    out[0] = '\0';
    store_bind_int(st, 1, id);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out, len, "%s", store_col(st, 0));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* 0 when objective id may take one more action; -1 with f (409) when it
 * holds GOAL_OBJECTIVE_ACTIONS_MAX. */
static int objective_room(sqlite3 *db, long long id, struct fault *f)
{
    if (count_id(db, "SELECT count(*) FROM goal_action WHERE objective_id "
                     "= ?", id) < GOAL_OBJECTIVE_ACTIONS_MAX)
        return 0;
    fault_set(f, FAULT_CONFLICT, "Doelstelling %lld heeft al %d acties, het "
              "maximum; verdeel het werk over meer doelstellingen.", id,
              GOAL_OBJECTIVE_ACTIONS_MAX);
    return -1;
}

/* The whole action `a` (create input, or the current row with the patch
 * laid over it) against the rules that span fields: the deadline is not
 * before the start, and an afgerond action has voortgang 100 (set when
 * the input `in` does not give voortgang). */
static int action_rules(json_t *a, json_t *in, struct fault *f)
{
    const char *start = input_str(a, "start");
    const char *deadline = input_str(a, "deadline");
    const char *status = input_str(a, "status");
    json_t *given = json_object_get(in, "voortgang");

    if (start && deadline && strcmp(deadline, start) < 0) {
        fault_set(f, FAULT_INVALID, "De deadline (%s) ligt vóór de start "
                  "(%s); kies een deadline op of na de start.", deadline,
                  start);
        return -1;
    }
    if (status && strcmp(status, "afgerond") == 0) {
        if (given && json_integer_value(given) != 100) {
            fault_set(f, FAULT_INVALID, "Een afgeronde actie heeft "
                      "voortgang 100; u gaf %lld. Kies een andere status "
                      "of voortgang 100.",
                      (long long)json_integer_value(given));
            return -1;
        }
        json_object_set_new(a, "voortgang", json_integer(100));
    }
    return 0;
}

/* Replace the owners of action id by ids[0..n) (in the caller's
 * transaction). */
static int write_owners(sqlite3 *db, long long id, const long long *ids,
                        size_t n)
{
    sqlite3_stmt *st;
    size_t i;

    st = store_prepare(db, "DELETE FROM goal_action_owner WHERE action_id "
                           "= ?");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        st = store_prepare(db, "INSERT INTO goal_action_owner(action_id, "
                               "organisation_id) VALUES (?,?)");
        store_bind_int(st, 1, id);
        store_bind_int(st, 2, ids[i]);
        if (store_exec_stmt(st) != 0)
            return -1;
    }
    return 0;
}

/* Validate an action's input (create: partial 0) and the references it
 * names; owners into ids/n. The scoped permission is the caller's. */
static int action_check(sqlite3 *db, json_t *in, int partial,
                        long long *ids, size_t *n, struct fault *f)
{
    json_t *obj;

    if (check_fields(in, action_fields, partial, "eigenaars", "voortgang",
                     f) != 0 || check_title(in, f) != 0 ||
        check_progress(in, f) != 0)
        return -1;
    obj = json_object_get(in, "doelstelling");
    if (json_is_integer(obj) &&
        count_id(db, "SELECT count(*) FROM objective WHERE id = ?",
                 json_integer_value(obj)) != 1) {
        fault_set(f, FAULT_INVALID, "Doelstelling %lld bestaat niet.",
                  (long long)json_integer_value(obj));
        return -1;
    }
    if (check_owners(db, in, partial ? 0 : 1, ids, n, f) != 0)
        return -1;
    return check_meeting(db, in, NULL, f);
}

/* Write the columns of action `a` into statement st from parameter 1:
 * objective, title, description, contact, means, start, deadline,
 * status, progress, domain, meeting. */
static void bind_action(sqlite3_stmt *st, json_t *a)
{
    const char *status = input_str(a, "status");
    const char *domain = input_str(a, "domein");
    json_t *p = json_object_get(a, "voortgang");

    bind_opt_id(st, 1, a, "doelstelling");
    store_bind_text(st, 2, input_str(a, "titel"));
    store_bind_text(st, 3, text_or_empty(a, "omschrijving"));
    store_bind_text(st, 4, text_or_empty(a, "contactpersoon"));
    store_bind_text(st, 5, text_or_empty(a, "middelen"));
    store_bind_text(st, 6, input_str(a, "start"));
    store_bind_text(st, 7, input_str(a, "deadline"));
    store_bind_text(st, 8, status ? status : "gepland");
    store_bind_int(st, 9, json_is_integer(p) ? json_integer_value(p) : 0);
    store_bind_text(st, 10, domain ? domain : "beide");
    bind_opt_id(st, 11, a, "vergadering");
}

long long goal_action_create(sqlite3 *db, const struct actor *who,
                             json_t *in, struct fault *f)
{
    long long ids[GOAL_OWNERS_MAX], id = -1;
    size_t n = 0;
    char pillar[16], now[21], detail[64];
    json_t *a = NULL;
    sqlite3_stmt *st;

    if (objective_role_perm(db, who, "uitvoeringsactie", 0, f) != 0)
        return -1;
    if (action_check(db, in, 0, ids, &n, f) != 0 ||
        objective_pillar(db, json_integer_value(json_object_get(in,
                             "doelstelling")), pillar, sizeof pillar) != 0 ||
        pillar_perm(db, who, pillar, "uitvoeringsactie", 0, f) != 0 ||
        objective_room(db, json_integer_value(json_object_get(in,
                           "doelstelling")), f) != 0)
        return -1;
    a = json_copy(in);
    if (a == NULL || action_rules(a, in, f) != 0)
        goto cleanup;
    if (domain_begin_tx(db, f) != 0)
        goto cleanup;
    domain_now_utc(now);
    st = store_prepare(db, "INSERT INTO goal_action(objective_id, title, "
                           "description, contact, means, start_date, "
                           "deadline, status, progress, domain, meeting_id, "
                           "created_at, updated_at) VALUES "
                           "(?,?,?,?,?,?,?,?,?,?,?,?12,?12)");
    bind_action(st, a);
    store_bind_text(st, 12, now);
    if (store_exec_stmt(st) != 0) {
        domain_store_failed(db, f);
        goto cleanup;
    }
    id = sqlite3_last_insert_rowid(db);
    snprintf(detail, sizeof detail, "nieuw, pijler %s", pillar);
    if (write_owners(db, id, ids, n) != 0 ||
        write_audit(db, who, ACT_DOELSTELLING_BEHEREN, "uitvoeringsactie",
                    id, detail) != 0 || store_commit(db) != 0) {
        domain_store_failed(db, f);
        id = -1;
    }
cleanup:
    if (a == NULL && f->kind == FAULT_NONE)
        fault_set(f, FAULT_STORE, "Onvoldoende geheugen.");
    json_decref(a);
    return id;
}

int goal_action_update(sqlite3 *db, const struct actor *who, long long id,
                       json_t *in, struct fault *f)
{
    long long ids[GOAL_OWNERS_MAX], old_objective;
    size_t n = 0;
    char old_pillar[16], new_pillar[16], now[21];
    json_t *cur;
    sqlite3_stmt *st;
    int rc;

    cur = sqljson_row(db, "SELECT objective_id AS doelstelling, title AS "
                          "titel, description AS omschrijving, contact AS "
                          "contactpersoon, means AS middelen, start_date AS "
                          "start, deadline, status, progress AS voortgang, "
                          "domain AS domein, meeting_id AS vergadering FROM "
                          "goal_action WHERE id = ?", "i", id);
    if (cur == NULL) {
        fault_set(f, FAULT_NOTFOUND, "Uitvoeringsactie %lld bestaat niet.",
                  id);
        return -1;
    }
    old_objective = sqljson_int(cur, "doelstelling");
    if (objective_role_perm(db, who, "uitvoeringsactie", id, f) != 0 ||
        objective_pillar(db, sqljson_int(cur, "doelstelling"), old_pillar,
                         sizeof old_pillar) != 0 ||
        action_check(db, in, 1, ids, &n, f) != 0 ||
        pillar_perm(db, who, old_pillar, "uitvoeringsactie", id, f) != 0)
        goto refused;
    json_object_update(cur, in);
    if (objective_pillar(db, sqljson_int(cur, "doelstelling"), new_pillar,
                         sizeof new_pillar) != 0 ||
        (strcmp(old_pillar, new_pillar) != 0 &&
         pillar_perm(db, who, new_pillar, "uitvoeringsactie", id, f) != 0) ||
        (sqljson_int(cur, "doelstelling") != old_objective &&
         objective_room(db, sqljson_int(cur, "doelstelling"), f) != 0))
        goto refused;
    if (action_rules(cur, in, f) != 0 || domain_begin_tx(db, f) != 0)
        goto refused;
    domain_now_utc(now);
    st = store_prepare(db, "UPDATE goal_action SET objective_id = ?1, "
                           "title = ?2, description = ?3, contact = ?4, "
                           "means = ?5, start_date = ?6, deadline = ?7, "
                           "status = ?8, progress = ?9, domain = ?10, "
                           "meeting_id = ?11, updated_at = ?12 WHERE id = "
                           "?13");
    bind_action(st, cur);
    store_bind_text(st, 12, now);
    store_bind_int(st, 13, id);
    rc = store_exec_stmt(st);
    if (rc == 0 && json_object_get(in, "eigenaars"))
        rc = write_owners(db, id, ids, n);
    return update_done(db, who, ACT_DOELSTELLING_BEHEREN, "uitvoeringsactie",
                       id, in, cur, rc, f);
refused:
    json_decref(cur);
    return -1;
}

/* ------------------------------------------------------------------ */
/* Reading: roll-up                                                    */

/* The unrounded progress travels in member "_p" (a real or null) until
 * finish() turns it into "voortgang" rounded to one decimal. */
static void finish(json_t *o)
{
    json_t *p = json_object_get(o, "_p");

    json_object_set_new(o, "voortgang", json_is_number(p)
        ? json_real(round(json_number_value(p) * 10.0) / 10.0)
        : json_null());
    json_object_del(o, "_p");
}

static const char *const count_keys[] = { "aantalActies", "aantalGestopt",
    "aantalAfgerond", "aantalTeLaat", "aantalZonderEigenaar",
    "aantalOpSchema", NULL };

/* Roll children (objects with _p and the counts) up into parent: _p is
 * the plain average of the children's _p that are not null (null when
 * none), the counts are sums, and count_key (when not NULL) is the
 * number of children. Children whose member link_key.id is not parent's
 * id are skipped (link_key NULL: take all). */
static void rollup(json_t *parent, json_t *children, const char *link_key,
                   const char *count_key)
{
    long long id = sqljson_int(parent, "id"), sums[8] = { 0 }, n = 0;
    double total = 0.0;
    long long with_p = 0;
    json_t *c;
    size_t i, k;

    json_array_foreach(children, i, c) {
        json_t *p;

        if (link_key &&
            sqljson_int(json_object_get(c, link_key), "id") != id)
            continue;
        n++;
        p = json_object_get(c, "_p");
        if (json_is_number(p)) {
            total += json_number_value(p);
            with_p++;
        }
        for (k = 0; count_keys[k]; k++)
            sums[k] += sqljson_int(c, count_keys[k]);
    }
    json_object_set_new(parent, "_p", with_p ? json_real(total /
                                                         (double)with_p)
                                             : json_null());
    if (count_key)
        json_object_set_new(parent, count_key, json_integer(n));
    for (k = 0; count_keys[k]; k++)
        json_object_set_new(parent, count_keys[k], json_integer(sums[k]));
}

/* The children of parent (link_key.id == parent's id) as a new array of
 * new references. */
static json_t *children_of(json_t *parent, json_t *children,
                           const char *link_key)
{
    long long id = sqljson_int(parent, "id");
    json_t *out = json_array(), *c;
    size_t i;

    json_array_foreach(children, i, c)
        if (sqljson_int(json_object_get(c, link_key), "id") == id)
            json_array_append(out, c);
    return out;
}

/* Objectives with their statistics, filtered by pillar (?2), goal (?3)
 * and objective (?4) when given, in pillar order, then id; with limit
 * > 0 one page. The statistics are aggregated only over the actions of
 * the objectives asked for. Each row keeps "_p". */
static json_t *objective_rows(sqlite3 *db, const char *pillar,
                              long long goal, long long objective,
                              long long offset, long long limit)
{
    char today[11];
    struct buf sql, where;
    json_t *rows = NULL;

    domain_today_local(today);
    buf_init(&sql, 8192);
    buf_init(&where, 512);
    buf_puts(&where, " WHERE 1");
    if (pillar)
        buf_puts(&where, " AND o.pillar_code = ?2");
    if (goal > 0)
        buf_puts(&where, " AND o.goal_id = ?3");
    if (objective > 0)
        buf_puts(&where, " AND o.id = ?4");
    /* One aggregate per objective over the covering index
     * goal_action_rollup (objective_id, status, deadline, progress), in
     * objective order without reading the table. The owner test (a
     * lookup per action) must run once per action, so the three signal
     * counts are summed as one packed integer: per open action
     * 1 (late, with owner), 2^21 + late (without owner) or 2^42 (on
     * schedule), so bits 0-20 count te laat, bits 21-41 zonder eigenaar
     * and bits 42-62 op schema. GOAL_OBJECTIVE_ACTIONS_MAX (below 2^21)
     * keeps each count inside its bits. */
    buf_puts(&sql,
        "SELECT o.id, o.title AS titel, o.description AS omschrijving, "
        "g.id AS \"doel.id\", g.title AS \"doel.titel\", p.code AS "
        "\"pijler.code\", p.name AS \"pijler.naam\", (SELECT b.code FROM "
        "body b WHERE b.pillar_code = o.pillar_code ORDER BY b.ord, b.id "
        "LIMIT 1) AS kerngroep, s.p AS _p, coalesce(s.n, 0) AS "
        "aantalActies, coalesce(s.stopped, 0) AS aantalGestopt, "
        "coalesce(s.done, 0) AS aantalAfgerond, coalesce(s.v & 2097151, 0) "
        "AS aantalTeLaat, coalesce((s.v >> 21) & 2097151, 0) AS "
        "aantalZonderEigenaar, coalesce(s.v >> 42, 0) AS aantalOpSchema, "
        "o.created_at AS aangemaakt FROM objective o "
        "JOIN goal g ON g.id = o.goal_id JOIN pillar p ON p.code = "
        "o.pillar_code LEFT JOIN (SELECT a.objective_id AS oid, "
        "avg(CASE WHEN a.status <> 'gestopt' THEN a.progress END) AS p, "
        "count(*) AS n, sum(a.status = 'gestopt') AS stopped, "
        "sum(a.status = 'afgerond') AS done, sum(CASE WHEN a.status NOT IN "
        "('gepland','lopend') THEN 0 WHEN NOT EXISTS (SELECT 1 FROM "
        "goal_action_owner w WHERE w.action_id = a.id) THEN 2097152 + "
        LATE_SQL " WHEN " LATE_SQL " THEN 1 ELSE 4398046511104 END) AS v "
        "FROM goal_action a");
    if (pillar || goal > 0 || objective > 0) {
        buf_puts(&sql, " WHERE a.objective_id IN (SELECT o.id FROM "
                       "objective o");
        buf_puts(&sql, buf_str(&where));
        buf_puts(&sql, ")");
    }
    buf_puts(&sql, " GROUP BY a.objective_id) s ON s.oid = o.id");
    buf_puts(&sql, buf_str(&where));
    buf_puts(&sql, " ORDER BY p.nr, o.id");
    if (limit > 0)
        buf_puts(&sql, " LIMIT ?5 OFFSET ?6");
    else
        buf_puts(&sql, " LIMIT -1 OFFSET ?6");
    if (!buf_failed(&sql))
        rows = sqljson_rows(db, buf_str(&sql), "ssiiii", today, pillar,
                            goal, objective, limit, offset);
    buf_free(&sql);
    buf_free(&where);
    return rows;
}

/* Goals (all, or the one with id > 0) with ambitie and vergadering. */
static json_t *goal_rows(sqlite3 *db, long long id)
{
    return sqljson_rows(db,
        "SELECT g.id, g.title AS titel, g.description AS omschrijving, "
        "a.id AS \"ambitie.id\", a.title AS \"ambitie.titel\", m.id AS "
        "\"vergadering.id\", m.title AS \"vergadering.titel\", m.starts_at "
        "AS \"vergadering.begin\", g.created_at AS aangemaakt FROM goal g "
        "JOIN ambition a ON a.id = g.ambition_id LEFT JOIN meeting m ON "
        "m.id = g.meeting_id WHERE ?1 = 0 OR g.id = ?1 ORDER BY a.ord, "
        "a.id, g.id", "i", id);
}

static json_t *ambition_rows(sqlite3 *db, long long id)
{
    return sqljson_rows(db,
        "SELECT id, title AS titel, description AS omschrijving, "
        SQLJSON_BRON("") " FROM ambition WHERE ?1 = 0 OR id = ?1 ORDER BY "
        "ord, id", "i", id);
}

static void finish_all(json_t *arr)
{
    json_t *o;
    size_t i;

    json_array_foreach(arr, i, o)
        finish(o);
}

/* Roll objectives up into goals; with embed each goal gets its
 * "doelstellingen" (finished). The goals keep "_p". */
static void rollup_goals(json_t *goals, json_t *objectives, int embed)
{
    json_t *g;
    size_t i;

    json_array_foreach(goals, i, g) {
        rollup(g, objectives, "doel", "aantalDoelstellingen");
        if (embed) {
            json_t *kids = children_of(g, objectives, "doel");
            json_t *copy = json_deep_copy(kids);

            finish_all(copy);
            json_object_set_new(g, "doelstellingen", copy);
            json_decref(kids);
        }
    }
}

json_t *goal_ambitions(sqlite3 *db, int with_goals)
{
    json_t *amb = ambition_rows(db, 0), *goals = goal_rows(db, 0);
    json_t *objs = objective_rows(db, NULL, 0, 0, 0, 0), *a;
    size_t i;

    if (amb == NULL || goals == NULL || objs == NULL) {
        json_decref(amb);
        amb = NULL;
        goto cleanup;
    }
    rollup_goals(goals, objs, with_goals);
    json_array_foreach(amb, i, a) {
        rollup(a, goals, "ambitie", "aantalDoelen");
        if (with_goals) {
            json_t *kids = children_of(a, goals, "ambitie");
            json_t *copy = json_deep_copy(kids);

            finish_all(copy);
            json_object_set_new(a, "doelen", copy);
            json_decref(kids);
        }
        finish(a);
    }
cleanup:
    json_decref(goals);
    json_decref(objs);
    return amb;
}

json_t *goal_ambition_get(sqlite3 *db, long long id)
{
    json_t *all = goal_ambitions(db, 1), *a, *found = NULL;
    size_t i;

    json_array_foreach(all, i, a)
        if (sqljson_int(a, "id") == id)
            found = json_incref(a);
    json_decref(all);
    return found;
}

json_t *goal_list(sqlite3 *db)
{
    json_t *goals = goal_rows(db, 0);
    json_t *objs = objective_rows(db, NULL, 0, 0, 0, 0);

    if (goals == NULL || objs == NULL) {
        json_decref(goals);
        json_decref(objs);
        return NULL;
    }
    rollup_goals(goals, objs, 0);
    finish_all(goals);
    json_decref(objs);
    return goals;
}

json_t *goal_get(sqlite3 *db, long long id)
{
    json_t *goals = goal_rows(db, id), *g = NULL, *objs;

    if (goals == NULL || json_array_size(goals) != 1)
        goto cleanup;
    objs = objective_rows(db, NULL, id, 0, 0, 0);
    if (objs == NULL)
        goto cleanup;
    g = json_incref(json_array_get(goals, 0));
    rollup_goals(goals, objs, 1);
    finish(g);
    json_object_set_new(g, "indicatoren", sqljson_rows(db,
        "SELECT t.code, t.name AS naam, t.pillar_code AS pijler FROM "
        "goal_indicator gi JOIN indicator_topic t ON t.code = "
        "gi.indicator_code WHERE gi.goal_id = ? ORDER BY t.ord", "i", id));
    json_decref(objs);
cleanup:
    json_decref(goals);
    return g;
}

json_t *goal_objective_list(sqlite3 *db,
                            const struct goal_objective_filter *flt,
                            long long offset, long long limit,
                            long long *total)
{
    sqlite3_stmt *st;
    json_t *rows;

    *total = 0;
    st = store_prepare(db, "SELECT count(*) FROM objective WHERE (?1 IS "
                           "NULL OR pillar_code = ?1) AND (?2 = 0 OR "
                           "goal_id = ?2)");
    if (st == NULL)
        return NULL;
    store_bind_text(st, 1, flt->pillar);
    store_bind_int(st, 2, flt->goal);
    if (sqlite3_step(st) == SQLITE_ROW)
        *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    rows = objective_rows(db, flt->pillar, flt->goal, 0, offset, limit);
    finish_all(rows);
    return rows;
}

/* ------------------------------------------------------------------ */
/* Reading: actions                                                    */

#define ACTION_COLUMNS \
    "a.id, a.title AS titel, a.description AS omschrijving, o.id AS " \
    "\"doelstelling.id\", o.title AS \"doelstelling.titel\", g.id AS " \
    "\"doel.id\", g.title AS \"doel.titel\", o.pillar_code AS pijler, " \
    "a.contact AS contactpersoon, a.means AS middelen, a.start_date AS " \
    "start, a.deadline, a.status, a.progress AS voortgang, a.domain AS " \
    "domein, m.id AS \"vergadering.id\", m.title AS \"vergadering.titel\", " \
    "m.starts_at AS \"vergadering.begin\", " LATE_SQL " AS teLaat, " \
    NO_OWNER_SQL " AS zonderEigenaar, a.created_at AS aangemaakt, " \
    "a.updated_at AS gewijzigd"
#define ACTION_FROM \
    " FROM goal_action a JOIN objective o ON o.id = a.objective_id JOIN " \
    "goal g ON g.id = o.goal_id LEFT JOIN meeting m ON m.id = a.meeting_id"

/* Booleans, the signal and the owners of action row o; owners is a
 * prepared statement for one action's owners (reset here). */
static void action_finish(json_t *o, sqlite3_stmt *owners)
{
    int late = sqljson_int(o, "teLaat") != 0;
    int none = sqljson_int(o, "zonderEigenaar") != 0;
    json_t *arr = json_array();

    json_object_set_new(o, "teLaat", json_boolean(late));
    json_object_set_new(o, "zonderEigenaar", json_boolean(none));
    json_object_set_new(o, "signaal", json_string(
        strcmp(sqljson_str(o, "status"), "gestopt") == 0 ? "gestopt"
        : strcmp(sqljson_str(o, "status"), "afgerond") == 0 ? "afgerond"
        : none ? "zonder-eigenaar" : late ? "te-laat" : "op-schema"));
    if (owners) {
        sqlite3_reset(owners);
        store_bind_int(owners, 1, sqljson_int(o, "id"));
        while (sqlite3_step(owners) == SQLITE_ROW)
            json_array_append_new(arr, json_pack("{s:s, s:s}",
                "code", store_col(owners, 0), "naam", store_col(owners, 1)));
    }
    json_object_set_new(o, "eigenaars", arr);
}

static sqlite3_stmt *owners_stmt(sqlite3 *db)
{
    return store_prepare(db, "SELECT org.code, org.name FROM "
                             "goal_action_owner w JOIN organisation org ON "
                             "org.id = w.organisation_id WHERE w.action_id "
                             "= ? ORDER BY org.name, org.code");
}

static void actions_finish(sqlite3 *db, json_t *rows)
{
    sqlite3_stmt *owners = owners_stmt(db);
    json_t *o;
    size_t i;

    json_array_foreach(rows, i, o)
        action_finish(o, owners);
    sqlite3_finalize(owners);
}

json_t *goal_action_get(sqlite3 *db, long long id)
{
    char today[11];
    json_t *rows;
    json_t *o = NULL;

    domain_today_local(today);
    rows = sqljson_rows(db, "SELECT " ACTION_COLUMNS ACTION_FROM
                            " WHERE a.id = ?2", "si", today, id);
    if (rows && json_array_size(rows) == 1) {
        actions_finish(db, rows);
        o = json_incref(json_array_get(rows, 0));
    }
    json_decref(rows);
    return o;
}

json_t *goal_objective_get(sqlite3 *db, long long id)
{
    json_t *rows = objective_rows(db, NULL, 0, id, 0, 0), *o = NULL, *acts;
    char today[11];

    if (rows == NULL || json_array_size(rows) != 1)
        goto cleanup;
    o = json_incref(json_array_get(rows, 0));
    finish(o);
    domain_today_local(today);
    acts = sqljson_rows(db, "SELECT " ACTION_COLUMNS ACTION_FROM
                            " WHERE a.objective_id = ?2 ORDER BY "
                            "a.deadline, a.id LIMIT ?3", "sii", today, id,
                        (long long)GOAL_EMBED_MAX);
    actions_finish(db, acts);
    json_object_set_new(o, "acties", acts ? acts : json_array());
cleanup:
    json_decref(rows);
    return o;
}

int goal_action_filter_check(sqlite3 *db,
                             const struct goal_action_filter *flt,
                             struct fault *f)
{
    char body[64];
    size_t i;
    int ok = flt->status == NULL;

    if (flt->pillar && goal_pillar_body(db, flt->pillar, body,
                                        sizeof body) != 0) {
        fault_set(f, FAULT_INVALID, "Pijler \"%.8s\" bestaat niet; kies P1, "
                  "P2, P3 of P4.", flt->pillar);
        return -1;
    }
    for (i = 0; flt->status && goal_action_statuses[i]; i++)
        if (strcmp(flt->status, goal_action_statuses[i]) == 0)
            ok = 1;
    if (!ok) {
        fault_set(f, FAULT_INVALID, "Status is gepland, lopend, afgerond of "
                  "gestopt.");
        return -1;
    }
    if (flt->owner && (strlen(flt->owner) > 64 ||
                       store_count(db, "SELECT count(*) FROM organisation "
                                       "WHERE code = ?", flt->owner) != 1)) {
        fault_set(f, FAULT_INVALID, "Organisatie \"%.64s\" bestaat niet; zie "
                  "/api/v1/organisaties.", flt->owner);
        return -1;
    }
    if (flt->goal > 0 && count_id(db, "SELECT count(*) FROM goal WHERE id "
                                      "= ?", flt->goal) != 1) {
        fault_set(f, FAULT_INVALID, "Doel %lld bestaat niet.", flt->goal);
        return -1;
    }
    if (flt->objective > 0 &&
        count_id(db, "SELECT count(*) FROM objective WHERE id = ?",
                 flt->objective) != 1) {
        fault_set(f, FAULT_INVALID, "Doelstelling %lld bestaat niet.",
                  flt->objective);
        return -1;
    }
    return 0;
}

/* The WHERE clause of an action filter from fixed fragments; the values
 * are numbered parameters: ?1 today, ?2 pillar, ?3 status, ?4 owner,
 * ?5 goal, ?6 objective. A fragment is left out when its value is
 * absent, so the indexes (objective_pillar, objective_goal,
 * goal_action_objective, goal_action_deadline on (status, deadline),
 * goal_action_owner_org) can serve the query. */
static void action_where(struct buf *b, const struct goal_action_filter *flt)
{
    buf_puts(b, " WHERE 1");
    if (flt->pillar)
        buf_puts(b, " AND a.objective_id IN (SELECT id FROM objective "
                    "WHERE pillar_code = ?2)");
    if (flt->status)
        buf_puts(b, " AND a.status = ?3");
    if (flt->owner)
        buf_puts(b, " AND a.id IN (SELECT w.action_id FROM "
                    "goal_action_owner w WHERE w.organisation_id = (SELECT "
                    "id FROM organisation WHERE code = ?4))");
    if (flt->goal > 0)
        buf_puts(b, " AND a.objective_id IN (SELECT id FROM objective "
                    "WHERE goal_id = ?5)");
    if (flt->objective > 0)
        buf_puts(b, " AND a.objective_id = ?6");
    if (flt->late == 1)
        buf_puts(b, " AND a.status IN ('gepland','lopend') AND a.deadline "
                    "IS NOT NULL AND a.deadline < ?1");
    else if (flt->late == 0)
        buf_puts(b, " AND NOT " LATE_SQL);
    if (flt->no_owner == 1)
        buf_puts(b, " AND " NO_OWNER_SQL);
    else if (flt->no_owner == 0)
        buf_puts(b, " AND NOT " NO_OWNER_SQL);
}

json_t *goal_action_list(sqlite3 *db, const struct goal_action_filter *flt,
                         long long offset, long long limit,
                         long long *total)
{
    char today[11];
    struct buf sql;
    sqlite3_stmt *st;
    json_t *rows = NULL;

    *total = 0;
    domain_today_local(today);
    buf_init(&sql, 8192);
    buf_puts(&sql, "SELECT count(*) FROM goal_action a");
    action_where(&sql, flt);
    st = buf_failed(&sql) ? NULL : store_prepare(db, buf_str(&sql));
    if (st == NULL)
        goto cleanup;
    /* a parameter the clause does not use answers SQLITE_RANGE, which
     * is harmless */
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, flt->pillar, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, flt->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, flt->owner, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, flt->goal);
    sqlite3_bind_int64(st, 6, flt->objective);
    if (sqlite3_step(st) == SQLITE_ROW)
        *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);

    buf_reset(&sql);
    buf_puts(&sql, "SELECT " ACTION_COLUMNS ACTION_FROM);
    action_where(&sql, flt);
    buf_puts(&sql, " ORDER BY a.id DESC LIMIT ?7 OFFSET ?8");
    if (buf_failed(&sql))
        goto cleanup;
    rows = sqljson_rows(db, buf_str(&sql), "ssssiiii", today, flt->pillar,
                        flt->status, flt->owner, flt->goal, flt->objective,
                        limit, offset);
    actions_finish(db, rows);
cleanup:
    buf_free(&sql);
    return rows;
}

json_t *goal_meeting_choices(sqlite3 *db, const char *body_code)
{
    return sqljson_rows(db,
        "SELECT m.id, m.title AS titel, m.starts_at AS begin, b.code AS "
        "overleg FROM meeting m JOIN body b ON b.id = m.body_id WHERE "
        "m.status <> 'geannuleerd' AND (?1 IS NULL OR b.code = ?1) ORDER BY "
        "m.starts_at DESC, m.id DESC LIMIT 200", "s", body_code);
}
