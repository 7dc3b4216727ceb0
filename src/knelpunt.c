/* knelpunt.c - knelpunten and their route along the tables (knelpunt.h).
 *
 * The route is data: the states (knelpunt_route_state) say at which table
 * (body) a knelpunt lies and, for a kerngroep, which pillar that table
 * is for; the transitions (knelpunt_transition) say which permission
 * action each step needs, whether a reason is required, and whether the
 * step is the secretaris's own mandate (secretary_only: escalating
 * straight to the DG-overleg, report L1852-L1854). The ministerie holds
 * knelpunt.dg-overleg to handle what reaches the DG-overleg, so the
 * mandate cannot be expressed by the action alone: the flag narrows the
 * action's grant to the secretaris and the beheerder.
 *
 * A region's scope is compared without regard to case, because user
 * scopes are stored as lowercase codes ("pv25") while the CBS region
 * codes are uppercase ("PV25"). */
#include "knelpunt.h"
#include "domain.h"
#include "agenda.h"
#include "buf.h"
#include "input.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"
#include "text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define KP_MAX_REGIONS 1000
#define KP_MAX_STATES 100
#define KP_MAX_TRANSITIONS 1000
#define KP_MAX_PILLARS 4
#define KP_MAX_OVERDUE_DAYS 3650
/* Characters of the knelpunt's description and of the reason copied into
 * the description of an agenda item. */
#define KP_AGENDA_EXCERPT 600

static const char *const origins[] = { "wet", "regelgeving", "beleid",
    "regeling", "financiering", "uitvoering", NULL };

static const struct input_field create_fields[] = {
    { "titel", "Titel", IN_TEXT, 1, KNELPUNT_TITLE_MAX, NULL },
    { "omschrijving", "Omschrijving", IN_LONGTEXT, 1, KNELPUNT_TEXT_MAX,
      NULL },
    { "herkomst", "Herkomst", IN_CHOICE, 1, 0, origins },
    { "regio", "Regio", IN_TEXT, 1, 16, NULL },
    { "onderbouwing", "Onderbouwing", IN_LONGTEXT, 0, KNELPUNT_TEXT_MAX,
      NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field transition_fields[] = {
    { "naar", "Naar", IN_CODE, 1, 48, NULL },
    { "toelichting", "Toelichting", IN_LONGTEXT, 0, KNELPUNT_COMMENT_MAX,
      NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* The permission action with code `code`; -1 when unknown. */
static int action_by_code(const char *code)
{
    int a;

    for (a = 0; code && a < ACT_COUNT; a++)
        if (strcmp(perm_rule((enum perm_action)a)->code, code) == 0)
            return a;
    return -1;
}

/* "Beheerder, Secretaris en Netwerkmanager (alleen de eigen kerngroep)":
 * the roles that rule a grants, narrowed to secretaris and beheerder
 * when secretary_only. */
static void roles_words(enum perm_action a, int secretary_only, char *out,
                        size_t len)
{
    const struct perm_rule *rule = perm_rule(a);
    const char *names[ROLE_COUNT];
    int own[ROLE_COUNT], n = 0, r, i;
    size_t used = 0;

    out[0] = '\0';
    for (r = 0; rule && r < ROLE_COUNT; r++) {
        unsigned bit = 1u << r;

        if (secretary_only && r != ROLE_SECRETARIS && r != ROLE_BEHEERDER)
            continue;
        if (!(rule->roles_all & bit) && !(rule->roles_own_body & bit))
            continue;
        names[n] = perm_role_label((enum perm_role)r);
        own[n++] = !(rule->roles_all & bit);
    }
    for (i = 0; i < n && used < len; i++) {
        int w = snprintf(out + used, len - used, "%s%s%s",
                         i == 0 ? "" : i == n - 1 ? " en " : ", ", names[i],
                         own[i] ? " (alleen voor de eigen scope)" : "");
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* ------------------------------------------------------------------ */
/* Seeding                                                             */

struct kseed {
    sqlite3 *db;
    const char *file;
    char *err;
    size_t errlen;
    long long nlines;
};

static int kseed_fail(struct kseed *s, size_t idx, const char *what)
{
    snprintf(s->err, s->errlen, "%s: entry %zu: %s", s->file, idx + 1, what);
    return -1;
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

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));

    return s && s[0] ? s : NULL;
}

/* A citation {sectie, van, tot} within the report's lines; null allowed
 * when `optional`. */
static int bron_ok(struct kseed *s, json_t *bron, int optional)
{
    static const char *const keys[] = { "sectie", "van", "tot", NULL };
    json_t *van, *tot;

    if (bron == NULL || json_is_null(bron))
        return optional;
    van = json_object_get(bron, "van");
    tot = json_object_get(bron, "tot");
    return only_keys(bron, keys) && json_object_size(bron) == 3 &&
           jstr(bron, "sectie") && json_is_integer(van) &&
           json_is_integer(tot) && json_integer_value(van) >= 1 &&
           json_integer_value(tot) >= json_integer_value(van) &&
           (s->nlines <= 0 || json_integer_value(tot) <= s->nlines);
}

static void bind_bron(sqlite3_stmt *st, int i, json_t *bron)
{
    if (!json_is_object(bron))
        return;
    store_bind_text(st, i, jstr(bron, "sectie"));
    store_bind_int(st, i + 1, json_integer_value(json_object_get(bron,
                                                                 "van")));
    store_bind_int(st, i + 2, json_integer_value(json_object_get(bron,
                                                                 "tot")));
}

static int kseed_run(struct kseed *s, sqlite3_stmt *st, size_t idx)
{
    char msg[256];

    if (store_exec_stmt(st) == 0)
        return 0;
    snprintf(msg, sizeof msg, "cannot store: %s", sqlite3_errmsg(s->db));
    return kseed_fail(s, idx, msg);
}

/* The root object of data_dir/seed/name; NULL with err filled. */
static json_t *kseed_file(struct kseed *s, const char *data_dir,
                          const char *name)
{
    char path[4096];
    json_error_t je;
    json_t *root;

    s->file = name;
    snprintf(path, sizeof path, "%s/seed/%s", data_dir, name);
    root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL)
        snprintf(s->err, s->errlen, "%s: line %d: %s", path, je.line,
                 je.text);
    else if (!json_is_object(root)) {
        snprintf(s->err, s->errlen, "%s: expected an object", path);
        json_decref(root);
        root = NULL;
    }
    return root;
}

/* A region code: two capital letters and two digits (NL01, PV25, AM07). */
static int region_code_ok(const char *c)
{
    return c && strlen(c) == 4 && c[0] >= 'A' && c[0] <= 'Z' &&
           c[1] >= 'A' && c[1] <= 'Z' && c[2] >= '0' && c[2] <= '9' &&
           c[3] >= '0' && c[3] <= '9';
}

static int seed_regions(struct kseed *s, const char *data_dir)
{
    static const char *const root_keys[] = { "bron", "regios", NULL };
    static const char *const keys[] = { "code", "naam", "soort", NULL };
    json_t *root = kseed_file(s, data_dir, "regios.json"), *arr, *o;
    size_t i;
    int rc = -1;

    if (root == NULL)
        return -1;
    arr = json_object_get(root, "regios");
    if (!only_keys(root, root_keys) || !json_is_array(arr) ||
        json_array_size(arr) == 0 || json_array_size(arr) > KP_MAX_REGIONS) {
        snprintf(s->err, s->errlen, "%s: needs the array \"regios\" (1 to "
                 "%d entries) and at most \"bron\"", s->file,
                 KP_MAX_REGIONS);
        goto cleanup;
    }
    json_array_foreach(arr, i, o) {
        sqlite3_stmt *st;

        if (!only_keys(o, keys) || !region_code_ok(jstr(o, "code")) ||
            !jstr(o, "naam") || !jstr(o, "soort")) {
            kseed_fail(s, i, "needs code (like PV25), naam and soort");
            goto cleanup;
        }
        st = store_prepare(s->db, "INSERT INTO region(code, name, kind) "
                                  "VALUES (?,?,?)");
        store_bind_text(st, 1, jstr(o, "code"));
        store_bind_text(st, 2, jstr(o, "naam"));
        store_bind_text(st, 3, jstr(o, "soort"));
        if (kseed_run(s, st, i) != 0)
            goto cleanup;
    }
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

static int seed_state(struct kseed *s, json_t *o, size_t i, long long dflt)
{
    static const char *const keys[] = { "code", "naam", "overleg", "pijler",
        "eind", "omschrijving", "bron", "termijnDagen", NULL };
    const char *code = jstr(o, "code"), *body = jstr(o, "overleg");
    const char *pillar = jstr(o, "pijler");
    json_t *eind = json_object_get(o, "eind");
    json_t *days = json_object_get(o, "termijnDagen");
    sqlite3_stmt *st;

    if (!only_keys(o, keys) || code == NULL || !text_is_code(code) ||
        strlen(code) > 40 || !jstr(o, "naam") || !jstr(o, "omschrijving") ||
        !json_is_boolean(eind) || !bron_ok(s, json_object_get(o, "bron"), 1))
        return kseed_fail(s, i, "a state needs code, naam, eind (true or "
                                "false), omschrijving and bron (null or "
                                "{sectie, van, tot})");
    if (json_is_true(eind) && (body || pillar || (days && !json_is_null(days))))
        return kseed_fail(s, i, "an end state has no overleg, pijler or "
                                "termijnDagen");
    if (pillar && !body)
        return kseed_fail(s, i, "a state with a pijler needs an overleg");
    if (days && !json_is_null(days) &&
        (!json_is_integer(days) || json_integer_value(days) < 1 ||
         json_integer_value(days) > KP_MAX_OVERDUE_DAYS))
        return kseed_fail(s, i, "termijnDagen is a whole number of days "
                                "from 1 to 3650");
    if (body && store_count(s->db, "SELECT count(*) FROM body WHERE code = ?",
                            body) != 1)
        return kseed_fail(s, i, "overleg is not a known body code");
    if (pillar && store_count(s->db, "SELECT count(*) FROM pillar WHERE "
                                     "code = ?", pillar) != 1)
        return kseed_fail(s, i, "pijler is not a known pillar code");
    st = store_prepare(s->db, "INSERT INTO knelpunt_route_state(code, ord, name, "
                              "body_code, pillar_code, final, overdue_days, "
                              "description, src_section, src_from, src_to) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    store_bind_text(st, 1, code);
    store_bind_int(st, 2, (long long)i + 1);
    store_bind_text(st, 3, jstr(o, "naam"));
    store_bind_text(st, 4, body);
    store_bind_text(st, 5, pillar);
    store_bind_int(st, 6, json_is_true(eind));
    if (!json_is_true(eind))
        store_bind_int(st, 7, json_is_integer(days) ? json_integer_value(days)
                                                    : dflt);
    store_bind_text(st, 8, jstr(o, "omschrijving"));
    bind_bron(st, 9, json_object_get(o, "bron"));
    return kseed_run(s, st, i);
}

static int seed_transition(struct kseed *s, json_t *o, size_t i)
{
    static const char *const keys[] = { "van", "naar", "actie",
        "redenVerplicht", "alleenSecretaris", "omschrijving", "bron", NULL };
    const char *from = jstr(o, "van"), *to = jstr(o, "naar");
    const char *action = jstr(o, "actie");
    json_t *reason = json_object_get(o, "redenVerplicht");
    json_t *sec = json_object_get(o, "alleenSecretaris");
    int a = action_by_code(action);
    sqlite3_stmt *st;

    if (!only_keys(o, keys) || !from || !to || !jstr(o, "omschrijving") ||
        !json_is_boolean(reason) || (sec && !json_is_boolean(sec)) ||
        !bron_ok(s, json_object_get(o, "bron"), 0))
        return kseed_fail(s, i, "a transition needs van, naar, actie, "
                                "redenVerplicht, omschrijving and bron "
                                "{sectie, van, tot}");
    if (a < 0 || strncmp(action, "knelpunt.", 9) != 0 ||
        a == ACT_KNELPUNT_MELDEN || a == ACT_KNELPUNT_PUBLICEREN)
        return kseed_fail(s, i, "actie must be one of knelpunt."
                                "bovenregionaal, knelpunt.kerngroep, "
                                "knelpunt.koersoverleg, knelpunt.dg-overleg");
    if (strcmp(from, to) == 0 ||
        store_count(s->db, "SELECT count(*) FROM knelpunt_route_state WHERE code = "
                           "? AND final = 0", from) != 1 ||
        store_count(s->db, "SELECT count(*) FROM knelpunt_route_state WHERE "
                           "code = ?", to) != 1)
        return kseed_fail(s, i, "van must be a known state that is not an "
                                "end state, naar another known state");
    st = store_prepare(s->db, "INSERT INTO knelpunt_transition(from_state, "
                              "to_state, action, needs_reason, description, "
                              "src_section, src_from, src_to, "
                              "secretary_only) VALUES (?,?,?,?,?,?,?,?,?)");
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    store_bind_text(st, 3, action);
    store_bind_int(st, 4, json_is_true(reason));
    store_bind_text(st, 5, jstr(o, "omschrijving"));
    bind_bron(st, 6, json_object_get(o, "bron"));
    store_bind_int(st, 9, json_is_true(sec));
    return kseed_run(s, st, i);
}

static int seed_route(struct kseed *s, const char *data_dir)
{
    static const char *const root_keys[] = { "termijn", "toestanden",
                                             "overgangen", NULL };
    static const char *const term_keys[] = { "dagen", "uitleg", "bron",
                                             NULL };
    json_t *root = kseed_file(s, data_dir, "knelpuntroute.json");
    json_t *term, *states, *trans, *days, *o;
    sqlite3_stmt *st;
    size_t i;
    int rc = -1;

    if (root == NULL)
        return -1;
    term = json_object_get(root, "termijn");
    states = json_object_get(root, "toestanden");
    trans = json_object_get(root, "overgangen");
    days = json_object_get(term, "dagen");
    if (!only_keys(root, root_keys) || !json_is_array(states) ||
        !json_is_array(trans) || json_array_size(states) == 0 ||
        json_array_size(states) > KP_MAX_STATES ||
        json_array_size(trans) > KP_MAX_TRANSITIONS) {
        snprintf(s->err, s->errlen, "%s: needs termijn, toestanden (1 to "
                 "%d) and overgangen (at most %d)", s->file, KP_MAX_STATES,
                 KP_MAX_TRANSITIONS);
        goto cleanup;
    }
    if (!only_keys(term, term_keys) || !json_is_integer(days) ||
        json_integer_value(days) < 1 ||
        json_integer_value(days) > KP_MAX_OVERDUE_DAYS ||
        !jstr(term, "uitleg") || !bron_ok(s, json_object_get(term, "bron"),
                                          1)) {
        snprintf(s->err, s->errlen, "%s: termijn needs dagen (1 to 3650), "
                 "uitleg and bron (null or {sectie, van, tot})", s->file);
        goto cleanup;
    }
    st = store_prepare(s->db, "INSERT INTO knelpunt_signal(id, days, "
                              "explanation, src_section, src_from, src_to) "
                              "VALUES (1,?,?,?,?,?)");
    store_bind_int(st, 1, json_integer_value(days));
    store_bind_text(st, 2, jstr(term, "uitleg"));
    bind_bron(st, 3, json_object_get(term, "bron"));
    if (kseed_run(s, st, 0) != 0)
        goto cleanup;
    json_array_foreach(states, i, o)
        if (seed_state(s, o, i, json_integer_value(days)) != 0)
            goto cleanup;
    if (store_count(s->db, "SELECT count(*) FROM knelpunt_route_state WHERE code = "
                           "'gemeld' AND final = 0 AND body_code IS NULL",
                    NULL) != 1) {
        snprintf(s->err, s->errlen, "%s: the route needs the start state "
                 "\"gemeld\" (not at a table, not an end state)", s->file);
        goto cleanup;
    }
    json_array_foreach(trans, i, o)
        if (seed_transition(s, o, i) != 0)
            goto cleanup;
    rc = 0;
cleanup:
    json_decref(root);
    return rc;
}

int knelpunt_seed(sqlite3 *db, const char *data_dir, char *err,
                  size_t errlen)
{
    struct kseed s = { db, "", err, errlen, 0 };

    err[0] = '\0';
    s.nlines = store_count(db, "SELECT count(*) FROM report_line", NULL);
    if (seed_regions(&s, data_dir) != 0 || seed_route(&s, data_dir) != 0)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

struct kstate {
    char code[48];
    char name[128];
    char body[64];        /* "" when not at a table */
    char body_name[128];
    char pillar[8];       /* "" unless a kerngroep state */
    int final;
};

struct kp {
    long long id;
    char state[48];
    char title[4 * KNELPUNT_TITLE_MAX + 1];
    char region[8];
    char region_name[128];
    char origin[16];
    int public;
};

struct step {
    enum perm_action action;
    int needs_reason;
    int secretary_only;
};

static int state_load(sqlite3 *db, const char *code, struct kstate *s)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT s.code, s.name, coalesce(s.body_code, ''), "
        "coalesce(b.name, ''), coalesce(s.pillar_code, ''), s.final FROM "
        "knelpunt_route_state s LEFT JOIN body b ON b.code = s.body_code WHERE "
        "s.code = ?");
    int rc = -1;

    memset(s, 0, sizeof *s);
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(s->code, sizeof s->code, "%s", store_col(st, 0));
        snprintf(s->name, sizeof s->name, "%s", store_col(st, 1));
        snprintf(s->body, sizeof s->body, "%s", store_col(st, 2));
        snprintf(s->body_name, sizeof s->body_name, "%s", store_col(st, 3));
        snprintf(s->pillar, sizeof s->pillar, "%s", store_col(st, 4));
        s->final = sqlite3_column_int(st, 5);
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

static int kp_load_fill(sqlite3_stmt *st, void *out)
{
    struct kp *k = out;

    k->id = sqlite3_column_int64(st, 0);
    snprintf(k->state, sizeof k->state, "%s", store_col(st, 1));
    snprintf(k->title, sizeof k->title, "%s", store_col(st, 2));
    snprintf(k->region, sizeof k->region, "%s", store_col(st, 3));
    snprintf(k->region_name, sizeof k->region_name, "%s",
             store_col(st, 4));
    snprintf(k->origin, sizeof k->origin, "%s", store_col(st, 5));
    k->public = sqlite3_column_int(st, 6);
    return 0;
}

static int kp_load(sqlite3 *db, long long id, struct kp *k)
{
    return domain_load_row(db,
        "SELECT k.id, k.state, k.title, k.region_code, r.name, k.origin, "
        "k.public FROM knelpunt k JOIN region r ON r.code = k.region_code "
        "WHERE k.id = ?",
        id, kp_load_fill, k, sizeof *k);
}

/* The transition from -> to; -1 when the route has none. */
static int step_load(sqlite3 *db, const char *from, const char *to,
                     struct step *t)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT action, needs_reason, secretary_only FROM "
        "knelpunt_transition WHERE from_state = ? AND to_state = ?");
    int rc = -1, a;

    memset(t, 0, sizeof *t);
    if (st == NULL)
        return -1;
    store_bind_text(st, 1, from);
    store_bind_text(st, 2, to);
    if (sqlite3_step(st) == SQLITE_ROW) {
        a = action_by_code(store_col(st, 0));
        if (a >= 0) {
            t->action = (enum perm_action)a;
            t->needs_reason = sqlite3_column_int(st, 1);
            t->secretary_only = sqlite3_column_int(st, 2);
            rc = 0;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

static int has_pillar(sqlite3 *db, long long id, const char *pillar)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT count(*) FROM "
                                         "knelpunt_pillar WHERE knelpunt_id "
                                         "= ? AND pillar_code = ?");
    int n = 0;

    store_bind_int(st, 1, id);
    store_bind_text(st, 2, pillar);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n > 0;
}

/* 0 when `who` may take step t out of state `from`; -1 with the Dutch
 * reason in f (FAULT_FORBIDDEN). A netwerkmanager's grant is for the
 * table in its scope: the table where the knelpunt lies now. */
static int step_allowed(const struct actor *who, const struct step *t,
                        const struct kstate *from, struct fault *f)
{
    char roles[400];

    roles_words(t->action, t->secretary_only, roles, sizeof roles);
    if (who->role == ROLE_NONE) {
        fault_set(f, FAULT_FORBIDDEN, "Log in om een knelpunt door te "
                  "zetten.");
        return -1;
    }
    if (t->secretary_only && who->role != ROLE_SECRETARIS &&
        who->role != ROLE_BEHEERDER) {
        fault_set(f, FAULT_FORBIDDEN, "Rechtstreeks escaleren naar het "
                  "DG-overleg is het mandaat van de secretaris (rapport, "
                  "regels 1852–1854); uw rol (%s) mag dit niet. Zet het "
                  "knelpunt langs de tafels door, of vraag de secretaris.",
                  perm_role_label(who->role));
        return -1;
    }
    if (perm_allowed(who->role, who->scope, t->action,
                     from->body[0] ? from->body : NULL))
        return 0;
    if (perm_rule(t->action)->roles_own_body & (1u << who->role))
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) behandelt alleen "
                  "knelpunten aan de tafel van uw eigen scope (%s); dit "
                  "knelpunt ligt bij %s.", perm_role_label(who->role),
                  who->scope[0] ? who->scope : "geen",
                  from->body_name[0] ? from->body_name : from->name);
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag deze stap niet zetten "
                  "(%s). Dat mogen: %s.", perm_role_label(who->role),
                  perm_rule(t->action)->label, roles);
    return -1;
}

/* The next states the route allows from k's state, in Dutch, skipping
 * kerngroepen of pillars the knelpunt is not about. */
static void allowed_words(sqlite3 *db, const struct kp *k, char *out,
                          size_t len)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT s.name, t.secretary_only, coalesce(s.pillar_code, '') FROM "
        "knelpunt_transition t JOIN knelpunt_route_state s ON s.code = t.to_state "
        "WHERE t.from_state = ? ORDER BY s.ord");
    size_t used = 0;
    int n = 0;

    out[0] = '\0';
    store_bind_text(st, 1, k->state);
    while (st && sqlite3_step(st) == SQLITE_ROW && used < len) {
        const char *pillar = store_col(st, 2);
        int w;

        if (pillar[0] && !has_pillar(db, k->id, pillar))
            continue;
        w = snprintf(out + used, len - used, "%s%s%s", n++ ? ", " : "",
                     store_col(st, 0), sqlite3_column_int(st, 1)
                         ? " (alleen de secretaris)" : "");
        if (w < 0)
            break;
        used += (size_t)w;
    }
    sqlite3_finalize(st);
}

static void refuse_audit(sqlite3 *db, const struct actor *who,
                         const char *action, long long id,
                         const struct fault *f)
{
    domain_refuse(db, who, action, "knelpunt", id, f);
}

/* ------------------------------------------------------------------ */
/* Raising                                                             */

int knelpunt_may_raise(const struct actor *who, const char *region)
{
    if (who->role == ROLE_NONE)
        return 0;
    if (perm_allowed(who->role, who->scope, ACT_KNELPUNT_MELDEN, NULL))
        return 1;
    if (who->scope[0] == '\0')
        return 0;
    if (region && strcasecmp(who->scope, region) != 0)
        return 0;
    return perm_allowed(who->role, who->scope, ACT_KNELPUNT_MELDEN,
                        who->scope);
}

int knelpunt_may_publish(const struct actor *who)
{
    return who->role != ROLE_NONE &&
           perm_allowed(who->role, who->scope, ACT_KNELPUNT_PUBLICEREN,
                        NULL);
}

/* The pillars of a new knelpunt: an array of 1 to 4 distinct known
 * pillar codes. */
static int check_pillars(sqlite3 *db, json_t *p, struct fault *f)
{
    json_t *v;
    size_t i, j;

    if (p == NULL || json_is_null(p)) {
        fault_set(f, FAULT_INVALID, "Pijlers is verplicht: kies ten minste "
                  "één pijler (P1 tot en met P4).");
        return -1;
    }
    if (!json_is_array(p) || json_array_size(p) == 0 ||
        json_array_size(p) > KP_MAX_PILLARS) {
        fault_set(f, FAULT_INVALID, "Pijlers is een lijst van 1 tot 4 "
                  "pijlercodes, bijvoorbeeld [\"P1\", \"P3\"].");
        return -1;
    }
    json_array_foreach(p, i, v) {
        const char *c = json_string_value(v);

        if (c == NULL || strlen(c) > 8 ||
            store_count(db, "SELECT count(*) FROM pillar WHERE code = ?",
                        c) != 1) {
            fault_set(f, FAULT_INVALID, "Pijler %zu is onbekend; kies uit "
                      "P1, P2, P3 en P4.", i + 1);
            return -1;
        }
        for (j = 0; j < i; j++)
            if (strcmp(c, json_string_value(json_array_get(p, j))) == 0) {
                fault_set(f, FAULT_INVALID, "Pijler %s staat twee keer in "
                          "de lijst.", c);
                return -1;
            }
    }
    return 0;
}

/* Validate a new knelpunt; on success *region_name holds the name. */
static int create_check(sqlite3 *db, const struct actor *who, json_t *in,
                        char *region_name, size_t len, struct fault *f)
{
    json_t *copy;
    const char *region;
    sqlite3_stmt *st;
    int rc;

    if (!json_is_object(in)) {
        fault_set(f, FAULT_INVALID, "Verwacht een object met velden.");
        return -1;
    }
    copy = json_copy(in);
    json_object_del(copy, "pijlers");
    rc = input_check(copy, create_fields, 0, f);
    json_decref(copy);
    if (rc != 0)
        return -1;
    if (!domain_has_text(input_str(in, "titel")) ||
        !domain_has_text(input_str(in, "omschrijving"))) {
        fault_set(f, FAULT_INVALID, "%s is verplicht en bestaat niet "
                  "alleen uit spaties.",
                  domain_has_text(input_str(in, "titel")) ? "Omschrijving"
                                                          : "Titel");
        return -1;
    }
    region = input_str(in, "regio");
    region_name[0] = '\0';
    st = store_prepare(db, "SELECT name FROM region WHERE code = ?");
    store_bind_text(st, 1, region);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(region_name, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
    if (region_name[0] == '\0') {
        fault_set(f, FAULT_INVALID, "Regio \"%.16s\" bestaat niet. Gebruik "
                  "een CBS-code: NL01 (Nederland), PV20 tot en met PV31 "
                  "(provincies) of AMxx (arbeidsmarktregio's); zie "
                  "/api/v1/regios.", region);
        return -1;
    }
    if (!knelpunt_may_raise(who, region)) {
        char own[8], own_name[128] = "";
        size_t i;

        for (i = 0; i + 1 < sizeof own && who->scope[i]; i++)
            own[i] = (char)toupper((unsigned char)who->scope[i]);
        own[i] = '\0';
        st = store_prepare(db, "SELECT name FROM region WHERE code = ?");
        store_bind_text(st, 1, own);
        if (st && sqlite3_step(st) == SQLITE_ROW)
            snprintf(own_name, sizeof own_name, ", %s", store_col(st, 0));
        sqlite3_finalize(st);
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) meldt alleen knelpunten "
                  "voor de eigen regio (%s%s); %s (%s) hoort daar niet bij.",
                  perm_role_label(who->role), own, own_name, region,
                  region_name);
        return -1;
    }
    return check_pillars(db, json_object_get(in, "pijlers"), f);
}

long long knelpunt_create(sqlite3 *db, const struct actor *who, json_t *in,
                          struct fault *f)
{
    char region_name[128], now[21], idtxt[32];
    const char *evidence;
    json_t *p, *v;
    sqlite3_stmt *st;
    long long id;
    size_t i;

    if (!knelpunt_may_raise(who, NULL)) {
        fault_set(f, FAULT_FORBIDDEN, who->role == ROLE_NONE
                  ? "Log in om een knelpunt te melden."
                  : (perm_rule(ACT_KNELPUNT_MELDEN)->roles_own_body &
                     (1u << who->role))
                  ? "Uw account heeft geen regio (scope); vraag de beheerder "
                    "die in te stellen."
                  : "Uw rol mag geen knelpunten melden. Dat mogen de "
                    "beheerder, de secretaris, de accounthouder van PTvT en "
                    "de regionale coalitie (voor de eigen regio).");
        refuse_audit(db, who, "knelpunt.melden", 0, f);
        return -1;
    }
    if (create_check(db, who, in, region_name, sizeof region_name, f) != 0) {
        if (f->kind == FAULT_FORBIDDEN)
            refuse_audit(db, who, "knelpunt.melden", 0, f);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    evidence = input_str(in, "onderbouwing");
    st = store_prepare(db, "INSERT INTO knelpunt(title, description, origin, "
                           "region_code, evidence, state, raised_by, "
                           "raised_at, state_since) VALUES "
                           "(?,?,?,?,?,'gemeld',?,?,?)");
    store_bind_text(st, 1, input_str(in, "titel"));
    store_bind_text(st, 2, input_str(in, "omschrijving"));
    store_bind_text(st, 3, input_str(in, "herkomst"));
    store_bind_text(st, 4, input_str(in, "regio"));
    store_bind_text(st, 5, evidence ? evidence : "");
    if (who->user_id > 0)
        store_bind_int(st, 6, who->user_id);
    store_bind_text(st, 7, now);
    store_bind_text(st, 8, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    id = sqlite3_last_insert_rowid(db);
    p = json_object_get(in, "pijlers");
    json_array_foreach(p, i, v) {
        st = store_prepare(db, "INSERT INTO knelpunt_pillar(knelpunt_id, "
                               "pillar_code) VALUES (?,?)");
        store_bind_int(st, 1, id);
        store_bind_text(st, 2, json_string_value(v));
        if (store_exec_stmt(st) != 0)
            return domain_store_failed(db, f);
    }
    st = store_prepare(db, "INSERT INTO knelpunt_event(knelpunt_id, "
                           "from_state, to_state, at, actor, actor_role, "
                           "comment) VALUES (?, NULL, 'gemeld', ?, ?, ?, '')");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, now);
    store_bind_text(st, 3, who->name[0] ? who->name : "anoniem");
    store_bind_text(st, 4, perm_role_code(who->role));
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (audit_write(db, who, "knelpunt.melden", "knelpunt", idtxt, "gelukt",
                    input_str(in, "regio")) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return id;
}

/* ------------------------------------------------------------------ */
/* Transitions                                                         */

/* Propose knelpunt k for the next meeting of table `to`; the item id, or
 * -1 with f filled. The source reference is "knelpunt:ID:STATE" the first
 * time the knelpunt reaches that table, "knelpunt:ID:STATE:N" on its N-th
 * visit (after a teruglegging), so a knelpunt can return to a table. */
static long long propose(sqlite3 *db, const struct kp *k,
                         const struct kstate *from, const struct kstate *to,
                         const char *comment, struct fault *f)
{
    char ref[128], title[sizeof k->title + 16], after[17], idtxt[32];
    struct buf d;
    sqlite3_stmt *st;
    long long visits = 0, item = -1;
    char *desc_src = NULL;

    st = store_prepare(db, "SELECT count(*), (SELECT description FROM "
                           "knelpunt WHERE id = ?1) FROM knelpunt_event "
                           "WHERE knelpunt_id = ?1 AND to_state = ?2");
    store_bind_int(st, 1, k->id);
    store_bind_text(st, 2, to->code);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        visits = sqlite3_column_int64(st, 0);
        desc_src = strdup(store_col(st, 1));
    }
    sqlite3_finalize(st);
    if (desc_src == NULL) {
        fault_set(f, FAULT_STORE, "Het knelpunt kon niet worden gelezen.");
        return -1;
    }
    if (visits == 0)
        snprintf(ref, sizeof ref, "knelpunt:%lld:%s", k->id, to->code);
    else
        snprintf(ref, sizeof ref, "knelpunt:%lld:%s:%lld", k->id, to->code,
                 visits + 1);
    snprintf(title, sizeof title, "Knelpunt: %s", k->title);
    snprintf(idtxt, sizeof idtxt, "%lld", k->id);
    buf_init(&d, 16384);
    domain_put_chars(&d, desc_src, KP_AGENDA_EXCERPT);
    buf_printf(&d, "\n\nKnelpunt %lld uit %s (herkomst: %s), van %s naar "
               "%s.", k->id, k->region_name, k->origin, from->name,
               to->name);
    if (comment && comment[0]) {
        buf_puts(&d, " Toelichting: ");
        domain_put_chars(&d, comment, KP_AGENDA_EXCERPT);
    }
    buf_printf(&d, " Zie /knelpunten/%s.", idtxt);
    domain_now_local(after);
    if (!buf_failed(&d))
        item = agenda_propose(db, to->body, after, "knelpunt", ref, title,
                              buf_str(&d), f);
    else
        fault_set(f, FAULT_STORE, "Het agendapunt is te lang.");
    buf_free(&d);
    free(desc_src);
    return item;
}

int knelpunt_transition(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f)
{
    struct kp k;
    struct kstate from, to;
    struct step t;
    const char *naar, *comment;
    char allowed[1500], now[21], idtxt[32], detail[128];
    long long item = 0;
    sqlite3_stmt *st;

    if (kp_load(db, id, &k) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Knelpunt %lld bestaat niet.", id);
        return -1;
    }
    if (input_check(in, transition_fields, 0, f) != 0)
        return -1;
    naar = input_str(in, "naar");
    comment = input_str(in, "toelichting");
    if (state_load(db, k.state, &from) != 0) {
        fault_set(f, FAULT_STORE, "De toestand \"%s\" van dit knelpunt staat "
                  "niet in de route.", k.state);
        return -1;
    }
    if (state_load(db, naar, &to) != 0) {
        fault_set(f, FAULT_INVALID, "Toestand \"%s\" bestaat niet; zie "
                  "/api/v1/knelpuntroute.", naar);
        return -1;
    }
    allowed_words(db, &k, allowed, sizeof allowed);
    if (from.final) {
        fault_set(f, FAULT_CONFLICT, "Knelpunt %lld is afgehandeld (%s); er "
                  "zijn geen vervolgstappen.", id, from.name);
        return -1;
    }
    if (step_load(db, k.state, naar, &t) != 0) {
        fault_set(f, FAULT_CONFLICT, "Van \"%s\" kan een knelpunt niet naar "
                  "\"%s\". Mogelijke volgende stappen: %s.", from.name,
                  to.name, allowed[0] ? allowed : "geen");
        return -1;
    }
    if (to.pillar[0] && !has_pillar(db, id, to.pillar)) {
        fault_set(f, FAULT_CONFLICT, "Knelpunt %lld gaat niet over pijler "
                  "%s, dus hoort het niet bij %s. Mogelijke volgende "
                  "stappen: %s.", id, to.pillar, to.name,
                  allowed[0] ? allowed : "geen");
        return -1;
    }
    if (step_allowed(who, &t, &from, f) != 0) {
        refuse_audit(db, who, perm_rule(t.action)->code, id, f);
        return -1;
    }
    if (t.needs_reason && !domain_has_text(comment)) {
        fault_set(f, FAULT_INVALID, "Een toelichting is verplicht bij de stap "
                  "van \"%s\" naar \"%s\": geef de reden.", from.name,
                  to.name);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "UPDATE knelpunt SET state = ?, state_since = ? "
                           "WHERE id = ? AND state = ?");
    store_bind_text(st, 1, to.code);
    store_bind_text(st, 2, now);
    store_bind_int(st, 3, id);
    store_bind_text(st, 4, from.code);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    if (sqlite3_changes(db) != 1) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "Knelpunt %lld is intussen door iemand "
                  "anders doorgezet; bekijk het opnieuw.", id);
        return -1;
    }
    {
        /* it left the table it was at: a proposal still waiting there
         * (not yet discussed) is withdrawn from that agenda */
        char prefix[64], local[17];

        snprintf(prefix, sizeof prefix, "knelpunt:%lld:", id);
        domain_now_local(local);
        if (agenda_withdraw(db, "knelpunt", prefix, local) != 0)
            return domain_store_failed(db, f);
    }
    if (to.body[0]) {
        item = propose(db, &k, &from, &to, comment, f);
        if (item < 0) {
            store_rollback(db);
            return -1;
        }
    }
    st = store_prepare(db, "INSERT INTO knelpunt_event(knelpunt_id, "
                           "from_state, to_state, at, actor, actor_role, "
                           "comment, agenda_item_id) VALUES (?,?,?,?,?,?,?,?)");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, from.code);
    store_bind_text(st, 3, to.code);
    store_bind_text(st, 4, now);
    store_bind_text(st, 5, who->name[0] ? who->name : "anoniem");
    store_bind_text(st, 6, perm_role_code(who->role));
    store_bind_text(st, 7, comment ? comment : "");
    if (item > 0)
        store_bind_int(st, 8, item);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed(db, f);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    snprintf(detail, sizeof detail, "%s -> %s", from.code, to.code);
    if (audit_write(db, who, perm_rule(t.action)->code, "knelpunt", idtxt,
                    "gelukt", detail) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

int knelpunt_publish(sqlite3 *db, const struct actor *who, long long id,
                     struct fault *f)
{
    struct kp k;
    struct kstate s;
    char idtxt[32];
    sqlite3_stmt *st;

    if (kp_load(db, id, &k) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Knelpunt %lld bestaat niet.", id);
        return -1;
    }
    if (!knelpunt_may_publish(who)) {
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag geen knelpunten "
                  "openbaar maken. Dat mogen de beheerder en de secretaris.",
                  perm_role_label(who->role));
        refuse_audit(db, who, "knelpunt.publiceren", id, f);
        return -1;
    }
    if (state_load(db, k.state, &s) != 0 || !s.final) {
        fault_set(f, FAULT_CONFLICT, "Alleen een afgehandeld knelpunt "
                  "(opgelost, besluit genomen of afgewezen) kan openbaar "
                  "worden; knelpunt %lld is nog in behandeling (%s).", id,
                  s.name[0] ? s.name : k.state);
        return -1;
    }
    if (k.public) {
        fault_set(f, FAULT_CONFLICT, "Knelpunt %lld is al openbaar.", id);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE knelpunt SET public = 1 WHERE id = ?");
    store_bind_int(st, 1, id);
    snprintf(idtxt, sizeof idtxt, "%lld", id);
    if (store_exec_stmt(st) != 0 ||
        audit_write(db, who, "knelpunt.publiceren", "knelpunt", idtxt,
                    "gelukt", k.state) != 0 || store_commit(db) != 0)
        return domain_store_failed(db, f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

/* The overdue test on k (knelpunt) and s (its state), for SQL. */
#define KP_OVERDUE_SQL \
    "(s.overdue_days IS NOT NULL AND k.state_since < " \
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || s.overdue_days || " \
    "' days'))"

int knelpunt_is_public(sqlite3 *db, long long id)
{
    char idtxt[32];

    snprintf(idtxt, sizeof idtxt, "%lld", id);
    return store_count(db, "SELECT count(*) FROM knelpunt WHERE id = ? AND "
                           "public = 1", idtxt) == 1;
}

/* The history of knelpunt id with the time spent in each visit, and the
 * total time per state in *per_state (both owned by the caller). */
static json_t *history(sqlite3 *db, long long id, int names,
                       json_t **per_state)
{
    json_t *rows = sqljson_rows(db,
        "SELECT e.id, fs.code AS \"van.code\", fs.name AS \"van.naam\", "
        "ts.code AS \"naar.code\", ts.name AS \"naar.naam\", "
        "b.code AS \"tafel.code\", b.name AS \"tafel.naam\", e.at AS op, "
        "CASE WHEN ts.final THEN NULL ELSE lead(e.at) OVER w END AS tot, "
        "CASE WHEN ts.final THEN NULL ELSE julianday(coalesce("
        "lead(e.at) OVER w, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) - "
        "julianday(e.at) END AS _dur, "
        "e.actor AS door, e.actor_role AS rol, e.comment AS toelichting, "
        "a.id AS \"agendapunt.id\", a.title AS \"agendapunt.titel\", "
        "a.status AS \"agendapunt.status\", m.id AS _mid, m.title AS _mtitel,"
        " m.starts_at AS _mbegin, m.status AS _mstatus "
        "FROM knelpunt_event e "
        "LEFT JOIN knelpunt_route_state fs ON fs.code = e.from_state "
        "LEFT JOIN knelpunt_route_state ts ON ts.code = e.to_state "
        "LEFT JOIN body b ON b.code = ts.body_code "
        "LEFT JOIN agenda_item a ON a.id = e.agenda_item_id "
        "LEFT JOIN meeting m ON m.id = a.meeting_id "
        "WHERE e.knelpunt_id = ? WINDOW w AS (ORDER BY e.id) ORDER BY e.id",
        "i", id);
    json_t *sum = json_array(), *e;
    size_t i;

    json_array_foreach(rows, i, e) {
        json_t *item = json_object_get(e, "agendapunt");
        json_t *d = json_object_get(e, "_dur");
        const char *code = sqljson_str(json_object_get(e, "naar"), "code");
        json_t *acc, *x;
        size_t j;

        if (json_is_object(item))
            json_object_set_new(item, "vergadering",
                json_is_null(json_object_get(e, "_mid")) ? json_null()
                : json_pack("{s:O, s:O, s:O, s:O}", "id",
                            json_object_get(e, "_mid"), "titel",
                            json_object_get(e, "_mtitel"), "begin",
                            json_object_get(e, "_mbegin"), "status",
                            json_object_get(e, "_mstatus")));
        json_object_del(e, "_mid");
        json_object_del(e, "_mtitel");
        json_object_del(e, "_mbegin");
        json_object_del(e, "_mstatus");
        if (!names)
            json_object_set_new(e, "door", json_null());
        /* whole days; the exact moments are in op and tot */
        json_object_set_new(e, "duurDagen", json_is_number(d)
            ? json_integer((json_int_t)json_number_value(d)) : json_null());
        if (!json_is_number(d)) {
            json_object_del(e, "_dur");
            continue;
        }
        acc = NULL;
        json_array_foreach(sum, j, x)
            if (strcmp(sqljson_str(json_object_get(x, "toestand"), "code"),
                       code) == 0)
                acc = x;
        if (acc == NULL) {
            acc = json_pack("{s:O, s:f}", "toestand",
                            json_object_get(e, "naar"), "_dur", 0.0);
            json_array_append_new(sum, acc);
        }
        json_object_set_new(acc, "_dur", json_real(
            json_number_value(json_object_get(acc, "_dur")) +
            json_number_value(d)));
        json_object_del(e, "_dur");
    }
    json_array_foreach(sum, i, e) {
        json_object_set_new(e, "dagen", json_integer((json_int_t)
            json_number_value(json_object_get(e, "_dur"))));
        json_object_del(e, "_dur");
    }
    *per_state = sum;
    return rows;
}

json_t *knelpunt_get(sqlite3 *db, long long id, int names)
{
    json_t *k = sqljson_row(db,
        "SELECT k.id, k.title AS titel, k.description AS omschrijving, "
        "k.origin AS herkomst, r.code AS \"regio.code\", r.name AS "
        "\"regio.naam\", r.kind AS \"regio.soort\", k.evidence AS "
        "onderbouwing, s.code AS \"toestand.code\", s.name AS "
        "\"toestand.naam\", s.final AS \"toestand.eind\", b.code AS _bcode, "
        "b.name AS _bnaam, k.state_since AS toestandSinds, "
        "CASE WHEN s.final THEN NULL ELSE CAST(julianday('now') - "
        "julianday(k.state_since) AS INTEGER) END AS wachtDagen, "
        "s.overdue_days AS termijnDagen, " KP_OVERDUE_SQL " AS teLaat, "
        "k.public AS openbaar, k.raised_at AS \"gemeld.op\", "
        "coalesce(u.name, (SELECT actor FROM knelpunt_event WHERE "
        "knelpunt_id = k.id ORDER BY id LIMIT 1)) AS \"gemeld.door\" "
        "FROM knelpunt k JOIN region r ON r.code = k.region_code "
        "JOIN knelpunt_route_state s ON s.code = k.state "
        "LEFT JOIN body b ON b.code = s.body_code "
        "LEFT JOIN user u ON u.id = k.raised_by WHERE k.id = ?", "i", id);
    json_t *st, *hist, *per;

    if (k == NULL)
        return NULL;
    st = json_object_get(k, "toestand");
    domain_set_bool(st, "eind");
    json_object_set_new(st, "overleg",
        json_is_null(json_object_get(k, "_bcode")) ? json_null()
        : json_pack("{s:O, s:O}", "code", json_object_get(k, "_bcode"),
                    "naam", json_object_get(k, "_bnaam")));
    json_object_del(k, "_bcode");
    json_object_del(k, "_bnaam");
    domain_set_bool(k, "teLaat");
    domain_set_bool(k, "openbaar");
    if (!names)
        json_object_set_new(json_object_get(k, "gemeld"), "door",
                            json_null());
    json_object_set_new(k, "pijlers", sqljson_rows(db,
        "SELECT p.code, p.name AS naam FROM knelpunt_pillar kp JOIN pillar p "
        "ON p.code = kp.pillar_code WHERE kp.knelpunt_id = ? ORDER BY p.nr",
        "i", id));
    hist = history(db, id, names, &per);
    json_object_set_new(k, "geschiedenis", hist ? hist : json_array());
    json_object_set_new(k, "tijdPerToestand", per);
    return k;
}

int knelpunt_filter_check(sqlite3 *db, const struct knelpunt_filter *flt,
                          struct fault *f)
{
    if (flt->state && store_count(db, "SELECT count(*) FROM knelpunt_route_state "
                                      "WHERE code = ?", flt->state) != 1) {
        fault_set(f, FAULT_INVALID, "Toestand \"%.48s\" bestaat niet; zie "
                  "/api/v1/knelpuntroute.", flt->state);
        return -1;
    }
    if (flt->region && store_count(db, "SELECT count(*) FROM region WHERE "
                                       "code = ?", flt->region) != 1) {
        fault_set(f, FAULT_INVALID, "Regio \"%.16s\" bestaat niet; zie "
                  "/api/v1/regios.", flt->region);
        return -1;
    }
    if (flt->pillar && store_count(db, "SELECT count(*) FROM pillar WHERE "
                                       "code = ?", flt->pillar) != 1) {
        fault_set(f, FAULT_INVALID, "Pijler \"%.8s\" bestaat niet; kies P1, "
                  "P2, P3 of P4.", flt->pillar);
        return -1;
    }
    return 0;
}

/* The WHERE clause of a filter, from fixed fragments. The values are
 * numbered parameters: ?1 state, ?2 region, ?3 pillar (a fragment is left
 * out when its value is absent, so the indexes on state, region and
 * pillar can serve the query). */
static void filter_sql(struct buf *b, const struct knelpunt_filter *flt)
{
    buf_puts(b, " WHERE 1");
    if (flt->state)
        buf_puts(b, " AND k.state = ?1");
    if (flt->region)
        buf_puts(b, " AND k.region_code = ?2");
    if (flt->pillar)
        buf_puts(b, " AND k.id IN (SELECT knelpunt_id FROM knelpunt_pillar "
                    "WHERE pillar_code = ?3)");
    if (flt->only_public)
        buf_puts(b, " AND k.public = 1");
    if (flt->overdue == 1)
        buf_puts(b, " AND " KP_OVERDUE_SQL);
    else if (flt->overdue == 0)
        buf_puts(b, " AND NOT " KP_OVERDUE_SQL);
}

/* "P1,P3" -> ["P1", "P3"] in member key of o. */
static void split_codes(json_t *o, const char *key)
{
    const char *s = sqljson_str(o, key);
    json_t *arr = json_array();
    char part[16];
    size_t n = 0;

    for (;; s++) {
        if (*s == ',' || *s == '\0') {
            part[n] = '\0';
            if (n)
                json_array_append_new(arr, json_string(part));
            n = 0;
            if (*s == '\0')
                break;
        } else if (n + 1 < sizeof part) {
            part[n++] = *s;
        }
    }
    json_object_set_new(o, key, arr);
}

json_t *knelpunt_list(sqlite3 *db, const struct knelpunt_filter *flt,
                      long long offset, long long limit, long long *total)
{
    struct buf sql;
    sqlite3_stmt *st;
    json_t *rows = NULL, *o;
    size_t i;

    *total = 0;
    buf_init(&sql, 8192);
    buf_puts(&sql, "SELECT count(*) FROM knelpunt k");
    if (flt->overdue >= 0)
        buf_puts(&sql, " JOIN knelpunt_route_state s ON s.code = k.state");
    filter_sql(&sql, flt);
    st = buf_failed(&sql) ? NULL : store_prepare(db, buf_str(&sql));
    if (st == NULL)
        goto cleanup;
    /* unreferenced parameters answer SQLITE_RANGE, which is harmless */
    sqlite3_bind_text(st, 1, flt->state, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, flt->region, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, flt->pillar, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        *total = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);

    buf_reset(&sql);
    buf_puts(&sql,
        "SELECT k.id, k.title AS titel, k.origin AS herkomst, "
        "r.code AS \"regio.code\", r.name AS \"regio.naam\", "
        "(SELECT group_concat(pillar_code, ',') FROM (SELECT pillar_code "
        "FROM knelpunt_pillar WHERE knelpunt_id = k.id ORDER BY "
        "pillar_code)) AS pijlers, s.code AS \"toestand.code\", "
        "s.name AS \"toestand.naam\", s.final AS \"toestand.eind\", "
        "k.state_since AS toestandSinds, CASE WHEN s.final THEN NULL ELSE "
        "CAST(julianday('now') - julianday(k.state_since) AS INTEGER) END "
        "AS wachtDagen, " KP_OVERDUE_SQL " AS teLaat, k.public AS openbaar, "
        "k.raised_at AS gemeldOp FROM knelpunt k "
        "JOIN knelpunt_route_state s ON s.code = k.state "
        "JOIN region r ON r.code = k.region_code");
    filter_sql(&sql, flt);
    buf_puts(&sql, " ORDER BY k.id DESC LIMIT ?4 OFFSET ?5");
    if (buf_failed(&sql))
        goto cleanup;
    rows = sqljson_rows(db, buf_str(&sql), "sssii", flt->state, flt->region,
                        flt->pillar, limit, offset);
    json_array_foreach(rows, i, o) {
        split_codes(o, "pijlers");
        domain_set_bool(json_object_get(o, "toestand"), "eind");
        domain_set_bool(o, "teLaat");
        domain_set_bool(o, "openbaar");
    }
cleanup:
    buf_free(&sql);
    return rows;
}

json_t *knelpunt_route(sqlite3 *db)
{
    json_t *term = sqljson_row(db,
        "SELECT days AS dagen, explanation AS uitleg, "
        SQLJSON_BRON("") " FROM knelpunt_signal WHERE id = 1", "");
    json_t *states = sqljson_rows(db,
        "SELECT s.code, s.name AS naam, s.body_code AS overleg, b.name AS "
        "overlegNaam, s.pillar_code AS pijler, s.final AS eind, "
        "s.overdue_days AS termijnDagen, s.description AS omschrijving, "
        SQLJSON_BRON("s.") " FROM knelpunt_route_state s LEFT JOIN body b ON "
        "b.code = s.body_code ORDER BY s.ord", "");
    json_t *trans = sqljson_rows(db,
        "SELECT t.from_state AS van, t.to_state AS naar, t.action AS actie, "
        "t.needs_reason AS redenVerplicht, t.secretary_only AS "
        "alleenSecretaris, t.description AS omschrijving, "
        SQLJSON_BRON("t.") " FROM knelpunt_transition t JOIN knelpunt_route_state "
        "f ON f.code = t.from_state JOIN knelpunt_route_state s ON s.code = "
        "t.to_state ORDER BY f.ord, s.ord", "");
    json_t *o;
    size_t i;

    if (term == NULL || states == NULL || trans == NULL) {
        json_decref(term);
        json_decref(states);
        json_decref(trans);
        return NULL;
    }
    json_array_foreach(states, i, o)
        domain_set_bool(o, "eind");
    json_array_foreach(trans, i, o) {
        int a = action_by_code(sqljson_str(o, "actie"));
        const struct perm_rule *rule = a >= 0 ? perm_rule(a) : NULL;
        json_t *roles = json_array(), *own = json_array();
        int r, sec;

        domain_set_bool(o, "redenVerplicht");
        domain_set_bool(o, "alleenSecretaris");
        sec = json_is_true(json_object_get(o, "alleenSecretaris"));
        for (r = 0; rule && r < ROLE_COUNT; r++) {
            unsigned bit = 1u << r;

            if (sec && r != ROLE_SECRETARIS && r != ROLE_BEHEERDER)
                continue;
            if ((rule->roles_all | rule->roles_own_body) & bit)
                json_array_append_new(roles, json_string(
                    perm_role_code((enum perm_role)r)));
            if (!(rule->roles_all & bit) && (rule->roles_own_body & bit))
                json_array_append_new(own, json_string(
                    perm_role_code((enum perm_role)r)));
        }
        json_object_set_new(o, "rollen", roles);
        json_object_set_new(o, "rollenEigenScope", own);
    }
    return json_pack("{s:o, s:o, s:o}", "termijn", term, "toestanden",
                     states, "overgangen", trans);
}

json_t *knelpunt_next_steps(sqlite3 *db, const struct actor *who,
                            long long id)
{
    json_t *out = json_array();
    struct kp k;
    struct kstate from;
    sqlite3_stmt *st;

    if (who->role == ROLE_NONE || kp_load(db, id, &k) != 0 ||
        state_load(db, k.state, &from) != 0 || from.final)
        return out;
    st = store_prepare(db,
        "SELECT t.to_state, s.name, t.needs_reason, t.description, "
        "coalesce(s.pillar_code, ''), t.secretary_only FROM "
        "knelpunt_transition t JOIN knelpunt_route_state s ON s.code = t.to_state "
        "WHERE t.from_state = ? ORDER BY s.ord");
    store_bind_text(st, 1, k.state);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct step t;
        struct fault f = { 0 };
        const char *pillar = store_col(st, 4);

        if (step_load(db, k.state, store_col(st, 0), &t) != 0 ||
            (pillar[0] && !has_pillar(db, id, pillar)) ||
            step_allowed(who, &t, &from, &f) != 0)
            continue;
        json_array_append_new(out, json_pack("{s:s, s:s, s:b, s:b, s:s}",
            "naar", store_col(st, 0), "naam", store_col(st, 1),
            "redenVerplicht", sqlite3_column_int(st, 2),
            "alleenSecretaris", sqlite3_column_int(st, 5),
            "omschrijving", store_col(st, 3)));
    }
    sqlite3_finalize(st);
    return out;
}

json_t *knelpunt_regions(sqlite3 *db, const char *kind)
{
    return sqljson_rows(db,
        "SELECT code, name AS naam, kind AS soort FROM region WHERE "
        "(?1 IS NULL AND kind <> 'gemeente') OR kind = ?1 "
        "ORDER BY CASE kind WHEN 'land' THEN 0 "
        "WHEN 'landsdeel' THEN 1 WHEN 'provincie' THEN 2 WHEN "
        "'arbeidsmarktregio' THEN 3 ELSE 4 END, code", "s", kind);
}
