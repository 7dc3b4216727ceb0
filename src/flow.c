/* flow.c - verzoeken, consultations, SER requests and the inbox (flow.h).
 *
 * Decisions, with their reason in the report:
 * - a verzoek comes from the koersoverleg and goes to the DG-overleg or to
 *   an organisation with budget or power (L1609-L1612); the answer goes
 *   back on the next koersoverleg agenda, so the koersoverleg sees it;
 * - a consultation is asked by a national table (a body at the level
 *   afstemming or landelijke sturing) of the regional coalitions
 *   (L1396-L1399, L1925-L1926); every region but the country itself may
 *   answer, one answer per region, replaceable until the deadline (the
 *   whole day) or the closing;
 * - a SER request is put by the koersoverleg or the DG-overleg through
 *   the governance (L1880-L1884); its steps are our workflow, not the
 *   report's, so they are the table ser_steps below.
 *
 * A region scope is compared without regard to case (user scopes are
 * stored as given, "pv25"; region codes are "PV25"), as knelpunt.c does.
 *
 * agenda_withdraw matches a prefix of the source reference, and
 * "verzoek:1" is a prefix of "verzoek:12"; the DG-overleg item of a
 * withdrawn verzoek is therefore withdrawn by its exact reference
 * (withdraw_exact), under the same conditions as agenda_withdraw. The
 * SER references end in ":vraag" / ":advies", so "ser-verzoek:ID:" is an
 * exact prefix and agenda_withdraw serves. */
#include "flow.h"
#include "domain.h"
#include "agenda.h"
#include "buf.h"
#include "goal.h"
#include "input.h"
#include "meeting.h"
#include "perm.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The table verzoeken come from, and the one body they may address
 * (L1609-L1612; other addressees are organisations). */
#define VZ_FROM "koersoverleg"
#define VZ_TO_BODY "dg-overleg"
/* Characters of a text copied into the description of an agenda item. */
#define FLOW_AGENDA_EXCERPT 600
/* Characters of one region's answer in the closing item's description. */
#define FLOW_ANSWER_EXCERPT 200
/* Characters of a SER question used as a title. */
#define FLOW_QUESTION_TITLE 80
#define FLOW_AGENDA_DESC_MAX (64 * 1024)

static const char *const ser_codes[] = { "voorbereid", "gesteld",
    "in-behandeling", "advies-ontvangen", "ingetrokken", NULL };
static const char *const ser_names[] = { "Voorbereid", "Gesteld aan de SER",
    "In behandeling bij de SER", "Advies ontvangen", "Ingetrokken", NULL };

/* The allowed steps of a SER request. */
static const struct {
    const char *from;
    const char *to;
} ser_steps[] = {
    { "voorbereid", "gesteld" },
    { "voorbereid", "ingetrokken" },
    { "gesteld", "in-behandeling" },
    { "gesteld", "ingetrokken" },
    { "in-behandeling", "advies-ontvangen" },
    { "in-behandeling", "ingetrokken" },
};

/* The tables that may put a question to the SER (L1880-L1884). */
static const char *const ser_bodies[] = { "koersoverleg", "dg-overleg",
                                          NULL };

static const struct input_field verzoek_fields[] = {
    { "titel", "Titel", IN_TEXT, 1, FLOW_TITLE_MAX, NULL },
    { "tekst", "Tekst", IN_LONGTEXT, 1, FLOW_TEXT_MAX, NULL },
    { "aanOverleg", "Aan (overleg)", IN_CODE, 0, 48, NULL },
    { "aanOrganisatie", "Aan (organisatie)", IN_CODE, 0, 60, NULL },
    { "vergadering", "Vergadering", IN_INT, 0, 0, NULL },
    { "deadline", "Deadline", IN_DATE, 0, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field answer_fields[] = {
    { "antwoord", "Antwoord", IN_LONGTEXT, 1, FLOW_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field consult_fields[] = {
    { "overleg", "Overleg", IN_CODE, 1, 48, NULL },
    { "titel", "Titel", IN_TEXT, 1, FLOW_TITLE_MAX, NULL },
    { "tekst", "Tekst", IN_LONGTEXT, 1, FLOW_TEXT_MAX, NULL },
    { "deadline", "Deadline", IN_DATE, 1, 0, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field reactie_fields[] = {
    { "tekst", "Reactie", IN_LONGTEXT, 1, FLOW_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field ser_fields[] = {
    { "overleg", "Overleg", IN_CODE, 1, 48, NULL },
    { "vraag", "Vraag", IN_LONGTEXT, 1, FLOW_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

static const struct input_field ser_step_fields[] = {
    { "naar", "Naar", IN_CHOICE, 1, 0, ser_codes },
    { "advies", "Advies", IN_LONGTEXT, 0, FLOW_TEXT_MAX, NULL },
    { NULL, NULL, 0, 0, 0, NULL }
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

static const char *actor_name(const struct actor *who)
{
    return who->name[0] ? who->name : "anoniem";
}

/* "Beheerder, Secretaris en Boegbeeld": the roles action a grants, the
 * scoped ones marked. */
static void roles_words(enum perm_action a, char *out, size_t len)
{
    const struct perm_rule *rule = perm_rule(a);
    int idx[ROLE_COUNT], n = 0, r, i;
    size_t used = 0;

    out[0] = '\0';
    for (r = 0; rule && r < ROLE_COUNT; r++)
        if ((rule->roles_all | rule->roles_own_body) & (1u << r))
            idx[n++] = r;
    for (i = 0; i < n && used < len; i++) {
        int w = snprintf(out + used, len - used, "%s%s%s",
                         i == 0 ? "" : i == n - 1 ? " en " : ", ",
                         perm_role_label((enum perm_role)idx[i]),
                         (rule->roles_all & (1u << idx[i])) ? ""
                             : " (alleen voor de eigen scope)");
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* Fill f with the refusal of action a for `who` on body (NULL: any). */
static void forbid(const struct actor *who, enum perm_action a,
                   const char *body, const char *body_name,
                   struct fault *f)
{
    char roles[400];

    roles_words(a, roles, sizeof roles);
    if (who->role == ROLE_NONE)
        fault_set(f, FAULT_FORBIDDEN, "Log in om dit te doen (%s).",
                  perm_rule(a)->label);
    else if (body && (perm_rule(a)->roles_own_body & (1u << who->role)))
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag dit alleen voor de "
                  "tafel van uw eigen scope (%s); dit gaat over %s.",
                  perm_role_label(who->role),
                  who->scope[0] ? who->scope : "geen",
                  body_name && body_name[0] ? body_name : body);
    else
        fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) mag dit niet (%s). Dat "
                  "mogen: %s.", perm_role_label(who->role),
                  perm_rule(a)->label, roles);
}

int flow_may(const struct actor *who, enum perm_action a,
             const char *body_code)
{
    const struct perm_rule *rule = perm_rule(a);

    if (who->role == ROLE_NONE || rule == NULL)
        return 0;
    if (perm_allowed(who->role, who->scope, a, body_code))
        return 1;
    /* for some body: a scoped grant counts when the user has a scope */
    return body_code == NULL && who->scope[0] &&
           (rule->roles_own_body & (1u << who->role));
}

int flow_may_answer(const struct actor *who, const char *region)
{
    if (who->role == ROLE_NONE)
        return 0;
    if (perm_allowed(who->role, who->scope, ACT_CONSULTATIE_BEANTWOORDEN,
                     NULL))
        return 1;
    if (who->scope[0] == '\0')
        return 0;
    if (region && strcasecmp(who->scope, region) != 0)
        return 0;
    return perm_allowed(who->role, who->scope, ACT_CONSULTATIE_BEANTWOORDEN,
                        who->scope);
}

void flow_own_region(sqlite3 *db, const struct actor *who, char *out,
                     size_t len)
{
    sqlite3_stmt *st;

    out[0] = '\0';
    if (who->role == ROLE_NONE || who->scope[0] == '\0' ||
        perm_allowed(who->role, who->scope, ACT_CONSULTATIE_BEANTWOORDEN,
                     NULL) ||
        !flow_may_answer(who, NULL))
        return;
    st = store_prepare(db, "SELECT code FROM region WHERE code = ? COLLATE "
                           "NOCASE AND kind <> 'land'");
    store_bind_text(st, 1, who->scope);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, len, "%s", store_col(st, 0));
    sqlite3_finalize(st);
}

json_t *flow_regions(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT code, name AS naam, kind AS soort FROM region WHERE kind "
        "NOT IN ('land', 'gemeente') ORDER BY CASE kind WHEN 'landsdeel' "
        "THEN 1 WHEN 'provincie' THEN 2 WHEN 'arbeidsmarktregio' THEN 3 "
        "ELSE 4 END, code", "");
}

/* Bodies at the national levels: the tables that may consult. */
#define CONSULT_BODY_SQL \
    "level_code IN ('afstemming', 'landelijke-sturing')"

json_t *flow_consult_bodies(sqlite3 *db)
{
    return sqljson_rows(db, "SELECT code, name AS naam FROM body WHERE "
                            CONSULT_BODY_SQL " ORDER BY ord", "");
}

/* The name of body code into out; -1 when there is no such body. */
static int body_name(sqlite3 *db, const char *code, char *out, size_t len)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT name FROM body WHERE "
                                         "code = ?");
    int rc = -1;

    out[0] = '\0';
    store_bind_text(st, 1, code);
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out, len, "%s", store_col(st, 0));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Propose an item on the next meeting of body after now; the item id or
 * -1 with f. The description is built by the caller in d. */
static long long propose(sqlite3 *db, const char *body, const char *ref,
                         const char *title, struct buf *d, struct fault *f)
{
    char after[17];

    domain_now_local(after);
    if (buf_failed(d)) {
        fault_set(f, FAULT_STORE, "Het agendapunt is te lang.");
        return -1;
    }
    /* the source follows from the reference: verzoek:, consultatie:,
     * ser-verzoek: */
    return agenda_propose(db, body, after,
                          strncmp(ref, "consultatie:", 12) == 0 ? "consultatie"
                          : strncmp(ref, "ser-verzoek:", 12) == 0 ? "ser"
                                                                 : "verzoek",
                          ref, title, buf_str(d), f);
}

/* Withdraw the waiting proposal whose reference is exactly ref (see the
 * head of this file); inside the caller's transaction. */
static int withdraw_exact(sqlite3 *db, const char *ref)
{
    char now[17];
    sqlite3_stmt *st = store_prepare(db,
        "UPDATE agenda_item SET status = 'afgevoerd' WHERE source = "
        "'verzoek' AND status = 'voorgesteld' AND source_ref = ?1 AND "
        "(meeting_id IS NULL OR meeting_id IN (SELECT id FROM meeting "
        "WHERE starts_at > ?2))");

    domain_now_local(now);
    store_bind_text(st, 1, ref);
    store_bind_text(st, 2, now);
    return store_exec_stmt(st);
}

/* The agenda items of a flow object: reference ref or ref + ":...". */
static json_t *agenda_of(sqlite3 *db, const char *ref)
{
    json_t *rows = sqljson_rows(db,
        "SELECT a.id, a.title AS titel, a.status, a.source_ref AS "
        "bronVerwijzing, b.code AS \"overleg.code\", b.name AS "
        "\"overleg.naam\", m.id AS \"vergadering.id\", m.title AS "
        "\"vergadering.titel\", m.starts_at AS \"vergadering.begin\" "
        "FROM agenda_item a JOIN body b ON b.id = a.body_id "
        "LEFT JOIN meeting m ON m.id = a.meeting_id "
        "WHERE a.source IN ('verzoek', 'consultatie', 'ser') AND "
        "(a.source_ref = ?1 OR "
        "substr(a.source_ref, 1, length(?1) + 1) = ?1 || ':') "
        "ORDER BY a.id", "s", ref);

    return rows ? rows : json_array();
}

/* Run a count query of a list filter: ?1 status, ?2 body, ?3 today. */
static long long list_count(sqlite3 *db, const char *sql,
                            const struct flow_filter *flt,
                            const char *today)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    long long n = -1;

    if (st == NULL)
        return -1;
    /* unreferenced parameters answer SQLITE_RANGE, which is harmless */
    sqlite3_bind_text(st, 1, flt->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, flt->body, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* One page of a flow list, newest first, with the count of all rows that
 * match the filter in *total: table and alias name the listed table,
 * select its columns and joins, where the filter on ?1 status, ?2 body
 * and, when today is not NULL, ?3 today. NULL with a store fault ("De
 * <what> konden niet worden gelezen.") when the store fails. */
static json_t *list_rows(sqlite3 *db, const struct flow_filter *flt,
                         const char *table, const char *alias,
                         const char *select, const char *where,
                         const char *today, long long offset,
                         long long limit, long long *total,
                         const char *what, struct fault *f)
{
    struct buf sql;
    json_t *rows = NULL;

    buf_init(&sql, 4096);
    buf_printf(&sql, "SELECT count(*) FROM %s %s", table, alias);
    buf_puts(&sql, where);
    *total = buf_failed(&sql) ? -1 : list_count(db, buf_str(&sql), flt,
                                                today);
    buf_reset(&sql);
    buf_puts(&sql, select);
    buf_puts(&sql, where);
    buf_printf(&sql, " ORDER BY %s.id DESC LIMIT %s", alias,
               today ? "?4 OFFSET ?5" : "?3 OFFSET ?4");
    if (*total >= 0 && !buf_failed(&sql) && today)
        rows = sqljson_rows(db, buf_str(&sql), "sssii", flt->status,
                            flt->body, today, limit, offset);
    else if (*total >= 0 && !buf_failed(&sql))
        rows = sqljson_rows(db, buf_str(&sql), "ssii", flt->status,
                            flt->body, limit, offset);
    buf_free(&sql);
    if (rows == NULL)
        fault_set(f, FAULT_STORE, "De %s konden niet worden gelezen.", what);
    return rows;
}

/* Check a list filter: status one of `statuses`, body a known body. */
static int filter_check(sqlite3 *db, const struct flow_filter *flt,
                        const char *const *statuses, struct fault *f)
{
    size_t i;
    char list[200] = "";

    if (flt->status) {
        for (i = 0; statuses[i]; i++)
            if (strcmp(statuses[i], flt->status) == 0)
                break;
        if (statuses[i] == NULL) {
            for (i = 0; statuses[i]; i++) {
                size_t l = strlen(list);

                snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "",
                         statuses[i]);
            }
            fault_set(f, FAULT_INVALID, "Status \"%.40s\" bestaat niet; "
                      "kies uit %s.", flt->status, list);
            return -1;
        }
    }
    if (flt->body && store_count(db, "SELECT count(*) FROM body WHERE "
                                     "code = ?", flt->body) != 1) {
        fault_set(f, FAULT_INVALID, "Overleg \"%.48s\" bestaat niet; zie "
                  "/api/v1/overleggen.", flt->body);
        return -1;
    }
    return 0;
}

/* A checked flow list: the filter against `statuses`, then list_rows
 * (with today's local date when dated), then decorate on every row. */
static json_t *checked_list(sqlite3 *db, const struct flow_filter *flt,
                            const char *const *statuses,
                            const char *table, const char *alias,
                            const char *select, const char *where,
                            int dated, long long offset, long long limit,
                            long long *total, const char *what,
                            void (*decorate)(json_t *), struct fault *f)
{
    char today[11];
    json_t *rows, *o;
    size_t i;

    *total = 0;
    if (filter_check(db, flt, statuses, f) != 0)
        return NULL;
    if (dated)
        domain_today_local(today);
    rows = list_rows(db, flt, table, alias, select, where,
                     dated ? today : NULL, offset, limit, total, what, f);
    if (rows == NULL)
        return NULL;
    json_array_foreach(rows, i, o)
        decorate(o);
    return rows;
}

/* ------------------------------------------------------------------ */
/* Verzoeken                                                           */

struct vz {
    long long id;
    char status[16];
    char title[4 * FLOW_TITLE_MAX + 1];
    char from[64];
    char to_body[64];       /* "" when addressed to an organisation */
    char to_name[256];      /* the body's or the organisation's name */
    char answered_at[24];
};

static int vz_load_fill(sqlite3_stmt *st, void *out)
{
    struct vz *v = out;

    v->id = sqlite3_column_int64(st, 0);
    snprintf(v->status, sizeof v->status, "%s", store_col(st, 1));
    snprintf(v->title, sizeof v->title, "%s", store_col(st, 2));
    snprintf(v->from, sizeof v->from, "%s", store_col(st, 3));
    snprintf(v->to_body, sizeof v->to_body, "%s", store_col(st, 4));
    snprintf(v->to_name, sizeof v->to_name, "%s", store_col(st, 5));
    snprintf(v->answered_at, sizeof v->answered_at, "%s",
             store_col(st, 6));
    return 0;
}

static int vz_load(sqlite3 *db, long long id, struct vz *v)
{
    return domain_load_row(db,
        "SELECT v.id, v.status, v.title, v.from_body_code, "
        "coalesce(v.to_body_code, ''), coalesce(b.name, o.name, ''), "
        "coalesce(v.answered_at, '') FROM verzoek v "
        "LEFT JOIN body b ON b.code = v.to_body_code "
        "LEFT JOIN organisation o ON o.id = v.to_org_id WHERE v.id = ?",
        id, vz_load_fill, v, sizeof *v);
}

/* Validate a new verzoek; on success *org is the addressed organisation
 * (0 for the DG-overleg) and *meeting the koersoverleg meeting (0: none),
 * and to_name its addressee's name. */
static int verzoek_check(sqlite3 *db, json_t *in, long long *org,
                         long long *meeting, char *to_name, size_t len,
                         struct fault *f)
{
    const char *to_body = input_str(in, "aanOverleg");
    const char *to_org = input_str(in, "aanOrganisatie");
    const char *deadline = input_str(in, "deadline");
    json_t *mv = json_object_get(in, "vergadering");
    char today[11];
    sqlite3_stmt *st;

    *org = 0;
    *meeting = 0;
    if (input_check(in, verzoek_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "titel")) ||
        !domain_has_text(input_str(in, "tekst"))) {
        fault_set(f, FAULT_INVALID, "%s is verplicht en bestaat niet alleen "
                  "uit spaties.", domain_has_text(input_str(in, "titel"))
                  ? "Tekst" : "Titel");
        return -1;
    }
    if (to_body && to_body[0] == '\0')
        to_body = NULL;
    if (to_org && to_org[0] == '\0')
        to_org = NULL;
    if ((to_body == NULL) == (to_org == NULL)) {
        fault_set(f, FAULT_INVALID, "Geef precies één geadresseerde: "
                  "aanOverleg (\"%s\") of aanOrganisatie (de code van een "
                  "organisatie met budget of bevoegdheden).", VZ_TO_BODY);
        return -1;
    }
    if (to_body && strcmp(to_body, VZ_TO_BODY) != 0) {
        fault_set(f, FAULT_INVALID, "Een verzoek van het koersoverleg gaat "
                  "naar het DG-overleg (\"%s\") of naar een organisatie met "
                  "budget of bevoegdheden (rapport, regels 1609–1612), niet "
                  "naar \"%.48s\".", VZ_TO_BODY, to_body);
        return -1;
    }
    if (to_body)
        body_name(db, to_body, to_name, len);
    if (to_org) {
        st = store_prepare(db, "SELECT id, name FROM organisation WHERE "
                               "code = ?");
        store_bind_text(st, 1, to_org);
        if (st && sqlite3_step(st) == SQLITE_ROW) {
            *org = sqlite3_column_int64(st, 0);
            snprintf(to_name, len, "%s", store_col(st, 1));
        }
        sqlite3_finalize(st);
        if (*org <= 0) {
            fault_set(f, FAULT_INVALID, "Organisatie \"%.60s\" bestaat "
                      "niet; zie /api/v1/organisaties.", to_org);
            return -1;
        }
    }
    if (mv && !json_is_null(mv)) {
        *meeting = json_integer_value(mv);
        st = store_prepare(db, "SELECT count(*) FROM meeting m JOIN body b "
                               "ON b.id = m.body_id WHERE m.id = ? AND "
                               "b.code = ?");
        store_bind_int(st, 1, *meeting);
        store_bind_text(st, 2, VZ_FROM);
        if (st == NULL || sqlite3_step(st) != SQLITE_ROW ||
            sqlite3_column_int(st, 0) != 1) {
            sqlite3_finalize(st);
            fault_set(f, FAULT_INVALID, "Vergadering %lld is geen "
                      "vergadering van het koersoverleg.", *meeting);
            return -1;
        }
        sqlite3_finalize(st);
    }
    domain_today_local(today);
    if (deadline && deadline[0] && strcmp(deadline, today) < 0) {
        fault_set(f, FAULT_INVALID, "De deadline (%s) ligt in het "
                  "verleden; kies vandaag of later.", deadline);
        return -1;
    }
    return 0;
}

long long flow_verzoek_create(sqlite3 *db, const struct actor *who,
                              json_t *in, struct fault *f)
{
    char to_name[256] = "", now[21];
    const char *deadline;
    long long org, meeting, id;
    sqlite3_stmt *st;

    if (!flow_may(who, ACT_VERZOEK_INDIENEN, VZ_FROM)) {
        forbid(who, ACT_VERZOEK_INDIENEN, NULL, NULL, f);
        domain_refuse(db, who, "verzoek.indienen", "verzoek", 0, f);
        return -1;
    }
    if (verzoek_check(db, in, &org, &meeting, to_name, sizeof to_name,
                      f) != 0)
        return -1;
    deadline = input_str(in, "deadline");
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "INSERT INTO verzoek(from_body_code, meeting_id, "
                           "to_body_code, to_org_id, title, text, deadline, "
                           "created_at) VALUES (?,?,?,?,?,?,?,?)");
    store_bind_text(st, 1, VZ_FROM);
    if (meeting > 0)
        store_bind_int(st, 2, meeting);
    store_bind_text(st, 3, org > 0 ? NULL : VZ_TO_BODY);
    if (org > 0)
        store_bind_int(st, 4, org);
    store_bind_text(st, 5, input_str(in, "titel"));
    store_bind_text(st, 6, input_str(in, "tekst"));
    store_bind_text(st, 7, deadline && deadline[0] ? deadline : NULL);
    store_bind_text(st, 8, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (org == 0) {
        char ref[48], title[4 * FLOW_TITLE_MAX + 32];
        struct buf d;
        long long item;

        snprintf(ref, sizeof ref, "verzoek:%lld", id);
        snprintf(title, sizeof title, "Verzoek van het koersoverleg: %s",
                 input_str(in, "titel"));
        buf_init(&d, FLOW_AGENDA_DESC_MAX);
        domain_put_chars(&d, input_str(in, "tekst"), FLOW_AGENDA_EXCERPT);
        buf_printf(&d, "\n\nVerzoek %lld van het koersoverleg aan het "
                   "DG-overleg", id);
        if (deadline && deadline[0])
            buf_printf(&d, ", graag beantwoord vóór %s", deadline);
        buf_printf(&d, ". Zie /verzoeken/%lld.", id);
        item = propose(db, VZ_TO_BODY, ref, title, &d, f);
        buf_free(&d);
        if (item < 0) {
            store_rollback(db);
            return -1;
        }
    }
    if (domain_audit_ok(db, who, "verzoek.indienen", "verzoek", id,
                        to_name) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return id;
}

int flow_verzoek_answer(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f)
{
    char now[21], ref[48], title[4 * FLOW_TITLE_MAX + 32];
    struct vz v;
    struct buf d;
    sqlite3_stmt *st;
    long long item;

    if (vz_load(db, id, &v) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Verzoek %lld bestaat niet.", id);
        return -1;
    }
    if (input_check(in, answer_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "antwoord"))) {
        fault_set(f, FAULT_INVALID, "Antwoord is verplicht en bestaat niet "
                  "alleen uit spaties.");
        return -1;
    }
    if (!flow_may(who, ACT_VERZOEK_BEANTWOORDEN,
                  v.to_body[0] ? v.to_body : NULL)) {
        forbid(who, ACT_VERZOEK_BEANTWOORDEN, NULL, NULL, f);
        domain_refuse(db, who, "verzoek.beantwoorden", "verzoek", id, f);
        return -1;
    }
    if (strcmp(v.status, "open") != 0) {
        if (strcmp(v.status, "beantwoord") == 0)
            fault_set(f, FAULT_CONFLICT, "Verzoek %lld is al beantwoord "
                      "(op %.10s); een tweede antwoord kan niet.", id,
                      v.answered_at);
        else
            fault_set(f, FAULT_CONFLICT, "Verzoek %lld is ingetrokken en "
                      "kan niet meer worden beantwoord.", id);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "UPDATE verzoek SET status = 'beantwoord', "
                           "answer = ?, answered_at = ?, answered_by = ? "
                           "WHERE id = ? AND status = 'open'");
    store_bind_text(st, 1, input_str(in, "antwoord"));
    store_bind_text(st, 2, now);
    store_bind_text(st, 3, actor_name(who));
    store_bind_int(st, 4, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    if (sqlite3_changes(db) != 1) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "Verzoek %lld is intussen door iemand "
                  "anders beantwoord of ingetrokken.", id);
        return -1;
    }
    snprintf(ref, sizeof ref, "verzoek:%lld:antwoord", id);
    snprintf(title, sizeof title, "Antwoord op verzoek: %s", v.title);
    buf_init(&d, FLOW_AGENDA_DESC_MAX);
    domain_put_chars(&d, input_str(in, "antwoord"), FLOW_AGENDA_EXCERPT);
    buf_printf(&d, "\n\nAntwoord van %s op verzoek %lld van het "
               "koersoverleg. Zie /verzoeken/%lld.",
               v.to_name[0] ? v.to_name : "de geadresseerde", id, id);
    item = propose(db, v.from, ref, title, &d, f);
    buf_free(&d);
    if (item < 0) {
        store_rollback(db);
        return -1;
    }
    if (domain_audit_ok(db, who, "verzoek.beantwoorden", "verzoek", id,
                        v.to_name) != 0 || store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return 0;
}

int flow_verzoek_withdraw(sqlite3 *db, const struct actor *who,
                          long long id, struct fault *f)
{
    char ref[48];
    struct vz v;
    sqlite3_stmt *st;

    if (vz_load(db, id, &v) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Verzoek %lld bestaat niet.", id);
        return -1;
    }
    if (!flow_may(who, ACT_VERZOEK_INDIENEN, v.from)) {
        forbid(who, ACT_VERZOEK_INDIENEN, NULL, NULL, f);
        domain_refuse(db, who, "verzoek.intrekken", "verzoek", id, f);
        return -1;
    }
    if (strcmp(v.status, "open") != 0) {
        fault_set(f, FAULT_CONFLICT, "Verzoek %lld is %s; alleen een open "
                  "verzoek kan worden ingetrokken.", id, v.status);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE verzoek SET status = 'ingetrokken' "
                           "WHERE id = ? AND status = 'open'");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    if (sqlite3_changes(db) != 1) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "Verzoek %lld is intussen door iemand "
                  "anders beantwoord of ingetrokken.", id);
        return -1;
    }
    snprintf(ref, sizeof ref, "verzoek:%lld", id);
    if (withdraw_exact(db, ref) != 0 ||
        domain_audit_ok(db, who, "verzoek.intrekken", "verzoek", id,
                        NULL) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return 0;
}

#define VZ_COLUMNS \
    "v.id, v.title AS titel, fb.code AS \"van.code\", fb.name AS " \
    "\"van.naam\", CASE WHEN v.to_body_code IS NOT NULL THEN 'overleg' " \
    "ELSE 'organisatie' END AS \"aan.soort\", coalesce(tb.code, o.code) " \
    "AS \"aan.code\", coalesce(tb.name, o.name) AS \"aan.naam\", " \
    "v.deadline, v.status, (v.status = 'open' AND v.deadline < ?3) AS " \
    "teLaat, v.created_at AS aangemaaktOp, v.answered_at AS beantwoordOp"
#define VZ_FROM_SQL \
    " FROM verzoek v JOIN body fb ON fb.code = v.from_body_code " \
    "LEFT JOIN body tb ON tb.code = v.to_body_code " \
    "LEFT JOIN organisation o ON o.id = v.to_org_id"

json_t *flow_verzoek_get(sqlite3 *db, long long id, int names)
{
    char today[11], ref[48];
    json_t *v, *a;

    domain_today_local(today);
    v = sqljson_row(db, "SELECT " VZ_COLUMNS ", v.text AS tekst, m.id AS "
                        "\"vergadering.id\", m.title AS "
                        "\"vergadering.titel\", m.starts_at AS "
                        "\"vergadering.begin\", nullif(v.answer, '') AS "
                        "\"antwoord.tekst\", v.answered_at AS "
                        "\"antwoord.op\", v.answered_by AS \"antwoord.door\""
                        VZ_FROM_SQL " LEFT JOIN meeting m ON m.id = "
                        "v.meeting_id WHERE v.id = ?1", "iss", id, NULL,
                        today);
    if (v == NULL)
        return NULL;
    domain_set_bool(v, "teLaat");
    a = json_object_get(v, "antwoord");
    if (!names && json_is_object(a))
        json_object_set_new(a, "door", json_null());
    snprintf(ref, sizeof ref, "verzoek:%lld", id);
    json_object_set_new(v, "agendapunten", agenda_of(db, ref));
    return v;
}

static void vz_bools(json_t *o)
{
    domain_set_bool(o, "teLaat");
}

json_t *flow_verzoek_list(sqlite3 *db, const struct flow_filter *flt,
                          long long offset, long long limit,
                          long long *total, struct fault *f)
{
    static const char *const statuses[] = { "open", "beantwoord",
                                            "ingetrokken", NULL };
    static const char *const where =
        " WHERE (?1 IS NULL OR v.status = ?1) AND (?2 IS NULL OR "
        "v.to_body_code = ?2)";
    return checked_list(db, flt, statuses, "verzoek", "v",
                        "SELECT " VZ_COLUMNS VZ_FROM_SQL, where, 1, offset,
                        limit, total, "verzoeken", vz_bools, f);
}

/* ------------------------------------------------------------------ */
/* Consultations                                                       */

struct cons {
    long long id;
    char body[64];
    char body_name[128];
    char status[16];
    char deadline[16];
    char title[4 * FLOW_TITLE_MAX + 1];
};

static int cons_load_fill(sqlite3_stmt *st, void *out)
{
    struct cons *c = out;

    c->id = sqlite3_column_int64(st, 0);
    snprintf(c->body, sizeof c->body, "%s", store_col(st, 1));
    snprintf(c->body_name, sizeof c->body_name, "%s", store_col(st, 2));
    snprintf(c->status, sizeof c->status, "%s", store_col(st, 3));
    snprintf(c->deadline, sizeof c->deadline, "%s", store_col(st, 4));
    snprintf(c->title, sizeof c->title, "%s", store_col(st, 5));
    return 0;
}

static int cons_load(sqlite3 *db, long long id, struct cons *c)
{
    return domain_load_row(db,
        "SELECT c.id, c.body_code, b.name, c.status, c.deadline, c.title "
        "FROM consultation c JOIN body b ON b.code = c.body_code "
        "WHERE c.id = ?",
        id, cons_load_fill, c, sizeof *c);
}

long long flow_consultatie_create(sqlite3 *db, const struct actor *who,
                                  json_t *in, struct fault *f)
{
    char today[11], now[21], name[128];
    const char *body, *deadline;
    sqlite3_stmt *st;
    long long id;

    if (!flow_may(who, ACT_CONSULTATIE_UITZETTEN, NULL)) {
        forbid(who, ACT_CONSULTATIE_UITZETTEN, NULL, NULL, f);
        domain_refuse(db, who, "consultatie.uitzetten", "consultatie", 0, f);
        return -1;
    }
    if (input_check(in, consult_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "titel")) ||
        !domain_has_text(input_str(in, "tekst"))) {
        fault_set(f, FAULT_INVALID, "%s is verplicht en bestaat niet alleen "
                  "uit spaties.", domain_has_text(input_str(in, "titel"))
                  ? "Tekst" : "Titel");
        return -1;
    }
    body = input_str(in, "overleg");
    deadline = input_str(in, "deadline");
    if (body_name(db, body, name, sizeof name) != 0 ||
        store_count(db, "SELECT count(*) FROM body WHERE code = ? AND "
                        CONSULT_BODY_SQL, body) != 1) {
        fault_set(f, FAULT_INVALID, "Overleg \"%.48s\" is geen landelijke "
                  "tafel; een consultatie wordt uitgezet door het "
                  "koersoverleg, een kerngroep of een ander overleg op "
                  "landelijk niveau (zie /api/v1/overleggen).", body);
        return -1;
    }
    if (!flow_may(who, ACT_CONSULTATIE_UITZETTEN, body)) {
        forbid(who, ACT_CONSULTATIE_UITZETTEN, body, name, f);
        domain_refuse(db, who, "consultatie.uitzetten", "consultatie", 0, f);
        return -1;
    }
    domain_today_local(today);
    if (strcmp(deadline, today) < 0) {
        fault_set(f, FAULT_INVALID, "De deadline (%s) ligt in het "
                  "verleden; kies vandaag of later.", deadline);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "INSERT INTO consultation(body_code, title, "
                           "text, deadline, created_by, created_at) "
                           "VALUES (?,?,?,?,?,?)");
    store_bind_text(st, 1, body);
    store_bind_text(st, 2, input_str(in, "titel"));
    store_bind_text(st, 3, input_str(in, "tekst"));
    store_bind_text(st, 4, deadline);
    store_bind_text(st, 5, actor_name(who));
    store_bind_text(st, 6, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (domain_audit_ok(db, who, "consultatie.uitzetten", "consultatie", id,
                        body) != 0 || store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return id;
}

/* The region code (canonical), name and kind of code (any case). */
static int region_load(sqlite3 *db, const char *code, char *canon,
                       char *name, size_t name_len, char *kind)
{
    sqlite3_stmt *st = store_prepare(db, "SELECT code, name, kind FROM "
                                         "region WHERE code = ? COLLATE "
                                         "NOCASE");
    int rc = -1;

    if (st == NULL)
        return -1;
    store_bind_text(st, 1, code);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(canon, 16, "%s", store_col(st, 0));
        snprintf(name, name_len, "%s", store_col(st, 1));
        snprintf(kind, 24, "%s", store_col(st, 2));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The refusal of an answer for region (canon, name) by `who`. */
static void forbid_region(sqlite3 *db, const struct actor *who,
                          const char *canon, const char *name,
                          struct fault *f)
{
    char own[16] = "", own_name[128] = "", kind[24];

    if (who->role == ROLE_NONE) {
        fault_set(f, FAULT_FORBIDDEN, "Log in om een consultatie te "
                  "beantwoorden.");
        return;
    }
    if (!(perm_rule(ACT_CONSULTATIE_BEANTWOORDEN)->roles_own_body &
          (1u << who->role))) {
        forbid(who, ACT_CONSULTATIE_BEANTWOORDEN, NULL, NULL, f);
        return;
    }
    if (who->scope[0] == '\0') {
        fault_set(f, FAULT_FORBIDDEN, "Uw account heeft geen regio (scope); "
                  "vraag de beheerder die in te stellen.");
        return;
    }
    if (region_load(db, who->scope, own, own_name, sizeof own_name,
                    kind) != 0)
        snprintf(own, sizeof own, "%.15s", who->scope);
    fault_set(f, FAULT_FORBIDDEN, "Uw rol (%s) beantwoordt consultaties "
              "alleen voor de eigen regio (%s%s%s); %s (%s) hoort daar "
              "niet bij.", perm_role_label(who->role), own,
              own_name[0] ? ", " : "", own_name, canon, name);
}

int flow_consultatie_answer(sqlite3 *db, const struct actor *who,
                            long long id, const char *region, json_t *in,
                            int *created, struct fault *f)
{
    char canon[16], name[128], kind[24], today[11], now[21], detail[64];
    struct cons c;
    sqlite3_stmt *st;
    long long had;

    *created = 0;
    if (cons_load(db, id, &c) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Consultatie %lld bestaat niet.", id);
        return -1;
    }
    if (input_check(in, reactie_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "tekst"))) {
        fault_set(f, FAULT_INVALID, "Reactie is verplicht en bestaat niet "
                  "alleen uit spaties.");
        return -1;
    }
    if (region == NULL || strlen(region) > 15 ||
        region_load(db, region, canon, name, sizeof name, kind) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Regio \"%.16s\" bestaat niet. Gebruik "
                  "een CBS-code: PV20 tot en met PV31 (provincies) of AMxx "
                  "(arbeidsmarktregio's); zie /api/v1/regios.",
                  region ? region : "");
        return -1;
    }
    if (strcmp(kind, "land") == 0) {
        fault_set(f, FAULT_INVALID, "%s (%s) is geen regio: een consultatie "
                  "vraagt de regionale samenwerkingsverbanden om input; "
                  "kies een provincie of arbeidsmarktregio.", name, canon);
        return -1;
    }
    if (!flow_may_answer(who, canon)) {
        forbid_region(db, who, canon, name, f);
        domain_refuse(db, who, "consultatie.beantwoorden", "consultatie",
                      id, f);
        return -1;
    }
    domain_today_local(today);
    if (strcmp(c.status, "open") != 0) {
        fault_set(f, FAULT_CONFLICT, "Consultatie %lld is gesloten; er "
                  "kunnen geen reacties meer bij.", id);
        return -1;
    }
    if (strcmp(c.deadline, today) < 0) {
        fault_set(f, FAULT_CONFLICT, "De termijn van consultatie %lld is "
                  "verstreken (deadline %s); er kunnen geen reacties meer "
                  "bij.", id, c.deadline);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "SELECT count(*) FROM consultation_answer WHERE "
                           "consultation_id = ? AND region_code = ?");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, canon);
    had = (st && sqlite3_step(st) == SQLITE_ROW)
              ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (had < 0)
        return domain_store_failed_keep(db, f);
    st = store_prepare(db, "INSERT INTO consultation_answer(consultation_id, "
                           "region_code, text, answered_by, answered_at) "
                           "VALUES (?1,?2,?3,?4,?5) ON CONFLICT "
                           "(consultation_id, region_code) DO UPDATE SET "
                           "text = ?3, answered_by = ?4, answered_at = ?5");
    store_bind_int(st, 1, id);
    store_bind_text(st, 2, canon);
    store_bind_text(st, 3, input_str(in, "tekst"));
    store_bind_text(st, 4, actor_name(who));
    store_bind_text(st, 5, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    snprintf(detail, sizeof detail, "%s %s", canon,
             had ? "vervangen" : "nieuw");
    if (domain_audit_ok(db, who, "consultatie.beantwoorden", "consultatie", id,
                        detail) != 0 || store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    *created = had == 0;
    return 0;
}

int flow_consultatie_close(sqlite3 *db, const struct actor *who,
                           long long id, struct fault *f)
{
    char ref[48], title[4 * FLOW_TITLE_MAX + 64], detail[32];
    struct cons c;
    struct buf d;
    sqlite3_stmt *st;
    long long n = 0, item;

    if (cons_load(db, id, &c) != 0) {
        fault_set(f, FAULT_NOTFOUND, "Consultatie %lld bestaat niet.", id);
        return -1;
    }
    if (!flow_may(who, ACT_CONSULTATIE_UITZETTEN, c.body)) {
        forbid(who, ACT_CONSULTATIE_UITZETTEN, c.body, c.body_name, f);
        domain_refuse(db, who, "consultatie.sluiten", "consultatie", id, f);
        return -1;
    }
    if (strcmp(c.status, "open") != 0) {
        fault_set(f, FAULT_CONFLICT, "Consultatie %lld is al gesloten.", id);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    st = store_prepare(db, "UPDATE consultation SET status = 'gesloten' "
                           "WHERE id = ? AND status = 'open'");
    store_bind_int(st, 1, id);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    if (sqlite3_changes(db) != 1) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "Consultatie %lld is intussen door "
                  "iemand anders gesloten.", id);
        return -1;
    }
    buf_init(&d, FLOW_AGENDA_DESC_MAX);
    buf_printf(&d, "Consultatie %lld (%s): ", id, c.body_name);
    buf_puts(&d, c.title);
    buf_puts(&d, ".");
    st = store_prepare(db, "SELECT r.name, a.text FROM consultation_answer "
                           "a JOIN region r ON r.code = a.region_code WHERE "
                           "a.consultation_id = ? ORDER BY r.code");
    store_bind_int(st, 1, id);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        buf_puts(&d, n == 0 ? "\n\nReacties:" : "");
        buf_puts(&d, "\n- ");
        buf_puts(&d, store_col(st, 0));
        buf_puts(&d, ": ");
        domain_put_chars(&d, store_col(st, 1), FLOW_ANSWER_EXCERPT);
        n++;
    }
    sqlite3_finalize(st);
    if (n == 0)
        buf_puts(&d, "\n\nGeen van de regio's heeft gereageerd.");
    buf_printf(&d, "\n\nZie /consultaties/%lld.", id);
    snprintf(ref, sizeof ref, "consultatie:%lld", id);
    snprintf(title, sizeof title, "Consultatie afgerond: %lld %s (%s)", n,
             n == 1 ? "reactie" : "reacties", c.title);
    item = propose(db, c.body, ref, title, &d, f);
    buf_free(&d);
    if (item < 0) {
        store_rollback(db);
        return -1;
    }
    snprintf(detail, sizeof detail, "%lld reacties", n);
    if (domain_audit_ok(db, who, "consultatie.sluiten", "consultatie", id,
                        detail) != 0 || store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return 0;
}

#define CONS_COLUMNS \
    "c.id, b.code AS \"overleg.code\", b.name AS \"overleg.naam\", " \
    "c.title AS titel, c.deadline, c.status, (c.deadline < ?3) AS " \
    "termijnVerstreken, (c.status = 'open' AND c.deadline >= ?3) AS " \
    "openVoorReacties, (SELECT count(*) FROM consultation_answer a WHERE " \
    "a.consultation_id = c.id) AS aantalReacties, c.created_at AS " \
    "aangemaaktOp"
#define CONS_FROM_SQL \
    " FROM consultation c JOIN body b ON b.code = c.body_code"
#define REACTIE_COLUMNS \
    "r.code AS \"regio.code\", r.name AS \"regio.naam\", r.kind AS " \
    "\"regio.soort\", a.text AS tekst, a.answered_at AS op, " \
    "a.answered_by AS door"

static void cons_bools(json_t *o)
{
    domain_set_bool(o, "termijnVerstreken");
    domain_set_bool(o, "openVoorReacties");
}

json_t *flow_consultatie_get(sqlite3 *db, long long id, int names)
{
    char today[11], ref[48];
    json_t *c, *rows, *o;
    size_t i;

    domain_today_local(today);
    c = sqljson_row(db, "SELECT " CONS_COLUMNS ", c.text AS tekst, "
                        "c.created_by AS aangemaaktDoor" CONS_FROM_SQL
                        " WHERE c.id = ?1", "iss", id, NULL, today);
    if (c == NULL)
        return NULL;
    cons_bools(c);
    if (!names)
        json_object_set_new(c, "aangemaaktDoor", json_null());
    rows = sqljson_rows(db, "SELECT " REACTIE_COLUMNS " FROM "
                            "consultation_answer a JOIN region r ON r.code "
                            "= a.region_code WHERE a.consultation_id = ? "
                            "ORDER BY CASE r.kind WHEN 'provincie' THEN 1 "
                            "ELSE 2 END, r.code", "i", id);
    json_array_foreach(rows, i, o)
        if (!names)
            json_object_set_new(o, "door", json_null());
    json_object_set_new(c, "reacties", rows ? rows : json_array());
    snprintf(ref, sizeof ref, "consultatie:%lld", id);
    json_object_set_new(c, "agendapunten", agenda_of(db, ref));
    return c;
}

json_t *flow_consultatie_reactie(sqlite3 *db, long long id,
                                 const char *region, int names)
{
    json_t *o = sqljson_row(db, "SELECT " REACTIE_COLUMNS " FROM "
                                "consultation_answer a JOIN region r ON "
                                "r.code = a.region_code WHERE "
                                "a.consultation_id = ? AND a.region_code = "
                                "? COLLATE NOCASE", "is", id, region);

    if (o && !names)
        json_object_set_new(o, "door", json_null());
    return o;
}

json_t *flow_consultatie_list(sqlite3 *db, const struct flow_filter *flt,
                              long long offset, long long limit,
                              long long *total, struct fault *f)
{
    static const char *const statuses[] = { "open", "gesloten", NULL };
    static const char *const where =
        " WHERE (?1 IS NULL OR c.status = ?1) AND (?2 IS NULL OR "
        "c.body_code = ?2)";
    return checked_list(db, flt, statuses, "consultation", "c",
                        "SELECT " CONS_COLUMNS CONS_FROM_SQL, where, 1,
                        offset, limit, total, "consultaties", cons_bools, f);
}

/* ------------------------------------------------------------------ */
/* SER requests                                                        */

const char *flow_ser_status_name(const char *code)
{
    size_t i;

    for (i = 0; code && ser_codes[i]; i++)
        if (strcmp(ser_codes[i], code) == 0)
            return ser_names[i];
    return code ? code : "";
}

json_t *flow_ser_statuses(void)
{
    json_t *out = json_array();
    size_t i;

    for (i = 0; ser_codes[i]; i++)
        json_array_append_new(out, json_pack("{s:s, s:s}", "code",
                                             ser_codes[i], "naam",
                                             ser_names[i]));
    return out;
}

static int ser_step_ok(const char *from, const char *to)
{
    size_t i;

    for (i = 0; i < sizeof ser_steps / sizeof ser_steps[0]; i++)
        if (strcmp(ser_steps[i].from, from) == 0 &&
            strcmp(ser_steps[i].to, to) == 0)
            return 1;
    return 0;
}

/* [{naar, naam}] of the steps out of status `from`. */
static json_t *ser_next(const char *from)
{
    json_t *out = json_array();
    size_t i;

    for (i = 0; i < sizeof ser_steps / sizeof ser_steps[0]; i++)
        if (strcmp(ser_steps[i].from, from) == 0)
            json_array_append_new(out, json_pack("{s:s, s:s}", "naar",
                ser_steps[i].to, "naam",
                flow_ser_status_name(ser_steps[i].to)));
    return out;
}

struct ser {
    long long id;
    char body[64];
    char body_name[128];
    char status[24];
    char *question;       /* owned; freed by ser_free */
};

static void ser_free(struct ser *s)
{
    free(s->question);
    s->question = NULL;
}

static int ser_load_fill(sqlite3_stmt *st, void *out)
{
    struct ser *s = out;

    s->id = sqlite3_column_int64(st, 0);
    snprintf(s->body, sizeof s->body, "%s", store_col(st, 1));
    snprintf(s->body_name, sizeof s->body_name, "%s", store_col(st, 2));
    snprintf(s->status, sizeof s->status, "%s", store_col(st, 3));
    s->question = strdup(store_col(st, 4));
    return s->question ? 0 : -1;
}

static int ser_load(sqlite3 *db, long long id, struct ser *s)
{
    return domain_load_row(db,
        "SELECT s.id, s.body_code, b.name, s.status, s.question FROM "
        "ser_request s JOIN body b ON b.code = s.body_code WHERE s.id = ?",
        id, ser_load_fill, s, sizeof *s);
}

long long flow_ser_create(sqlite3 *db, const struct actor *who, json_t *in,
                          struct fault *f)
{
    const char *body;
    char now[21];
    sqlite3_stmt *st;
    long long id;
    size_t i;

    if (!flow_may(who, ACT_SER_BEHEREN, NULL)) {
        forbid(who, ACT_SER_BEHEREN, NULL, NULL, f);
        domain_refuse(db, who, "ser.aanmaken", "ser-verzoek", 0, f);
        return -1;
    }
    if (input_check(in, ser_fields, 0, f) != 0)
        return -1;
    if (!domain_has_text(input_str(in, "vraag"))) {
        fault_set(f, FAULT_INVALID, "Vraag is verplicht en bestaat niet "
                  "alleen uit spaties.");
        return -1;
    }
    body = input_str(in, "overleg");
    for (i = 0; ser_bodies[i]; i++)
        if (strcmp(ser_bodies[i], body) == 0)
            break;
    if (ser_bodies[i] == NULL) {
        fault_set(f, FAULT_INVALID, "Een vraag aan de SER gaat via de "
                  "governance: kies het koersoverleg (\"koersoverleg\") of "
                  "het DG-overleg (\"dg-overleg\") als vragende tafel, niet "
                  "\"%.48s\" (rapport, regels 1880–1884).", body);
        return -1;
    }
    if (domain_begin_tx(db, f) != 0)
        return -1;
    domain_now_utc(now);
    st = store_prepare(db, "INSERT INTO ser_request(body_code, question, "
                           "status, created_at) VALUES (?,?,'voorbereid',?)");
    store_bind_text(st, 1, body);
    store_bind_text(st, 2, input_str(in, "vraag"));
    store_bind_text(st, 3, now);
    if (store_exec_stmt(st) != 0)
        return domain_store_failed_keep(db, f);
    id = sqlite3_last_insert_rowid(db);
    if (domain_audit_ok(db, who, "ser.aanmaken", "ser-verzoek", id,
                        body) != 0 ||
        store_commit(db) != 0)
        return domain_store_failed_keep(db, f);
    return id;
}

/* The words of the steps out of `from`: "Gesteld aan de SER (gesteld),
 * Ingetrokken (ingetrokken)". */
static void ser_next_words(const char *from, char *out, size_t len)
{
    size_t i, used = 0;
    int n = 0;

    out[0] = '\0';
    for (i = 0; i < sizeof ser_steps / sizeof ser_steps[0]; i++) {
        int w;

        if (strcmp(ser_steps[i].from, from) != 0 || used >= len)
            continue;
        w = snprintf(out + used, len - used, "%s%s (%s)", n++ ? ", " : "",
                     flow_ser_status_name(ser_steps[i].to),
                     ser_steps[i].to);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* The agenda proposal that a step to `to` makes: the question on the
 * SER's agenda, the advice on the asking table's. 0 when the step makes
 * none, -1 with f on failure. */
static int ser_agenda(sqlite3 *db, const struct ser *s, const char *to,
                      const char *advice, struct fault *f)
{
    char ref[64], title[4 * FLOW_QUESTION_TITLE + 64];
    struct buf d, t;
    long long item = 0;

    buf_init(&d, FLOW_AGENDA_DESC_MAX);
    buf_init(&t, sizeof title - 1);
    if (strcmp(to, "gesteld") == 0) {
        snprintf(ref, sizeof ref, "ser-verzoek:%lld:vraag", s->id);
        buf_printf(&t, "Vraag aan de SER (%s): ", s->body_name);
        domain_put_chars(&t, s->question, FLOW_QUESTION_TITLE);
        domain_put_chars(&d, s->question, FLOW_AGENDA_EXCERPT);
        buf_printf(&d, "\n\nSER-verzoek %lld, via de governance gesteld "
                   "door: %s. Zie /ser-verzoeken/%lld.", s->id,
                   s->body_name, s->id);
        item = propose(db, "ser", ref, buf_str(&t), &d, f);
    } else if (strcmp(to, "advies-ontvangen") == 0) {
        snprintf(ref, sizeof ref, "ser-verzoek:%lld:advies", s->id);
        buf_puts(&t, "Advies van de SER: ");
        domain_put_chars(&t, s->question, FLOW_QUESTION_TITLE);
        domain_put_chars(&d, advice, FLOW_AGENDA_EXCERPT);
        buf_printf(&d, "\n\nAdvies van de SER op SER-verzoek %lld (gesteld "
                   "door: %s). Zie /ser-verzoeken/%lld.", s->id,
                   s->body_name, s->id);
        item = propose(db, s->body, ref, buf_str(&t), &d, f);
    }
    buf_free(&d);
    buf_free(&t);
    return item < 0 ? -1 : 0;
}

int flow_ser_transition(sqlite3 *db, const struct actor *who, long long id,
                        json_t *in, struct fault *f)
{
    char now[21], allowed[400], detail[64], prefix[48];
    const char *to, *advice;
    struct ser s;
    sqlite3_stmt *st;
    int rc = -1;

    if (ser_load(db, id, &s) != 0) {
        fault_set(f, FAULT_NOTFOUND, "SER-verzoek %lld bestaat niet.", id);
        return -1;
    }
    if (input_check(in, ser_step_fields, 0, f) != 0)
        goto cleanup;
    to = input_str(in, "naar");
    advice = input_str(in, "advies");
    if (!flow_may(who, ACT_SER_BEHEREN, NULL)) {
        forbid(who, ACT_SER_BEHEREN, NULL, NULL, f);
        domain_refuse(db, who, "ser.overgang", "ser-verzoek", id, f);
        goto cleanup;
    }
    if (!ser_step_ok(s.status, to)) {
        ser_next_words(s.status, allowed, sizeof allowed);
        fault_set(f, FAULT_CONFLICT, "Een SER-verzoek dat %s is, kan niet "
                  "naar \"%s\". Mogelijke volgende stappen: %s.",
                  flow_ser_status_name(s.status), flow_ser_status_name(to),
                  allowed[0] ? allowed : "geen (afgehandeld)");
        goto cleanup;
    }
    if (strcmp(to, "advies-ontvangen") == 0 && !domain_has_text(advice)) {
        fault_set(f, FAULT_INVALID, "Advies is verplicht bij de stap naar "
                  "\"Advies ontvangen\": leg het advies van de SER vast.");
        goto cleanup;
    }
    if (strcmp(to, "advies-ontvangen") != 0 && advice && advice[0]) {
        fault_set(f, FAULT_INVALID, "Advies hoort alleen bij de stap naar "
                  "\"Advies ontvangen\".");
        goto cleanup;
    }
    if (domain_begin_tx(db, f) != 0)
        goto cleanup;
    domain_now_utc(now);
    st = store_prepare(db, "UPDATE ser_request SET status = ?1, "
                           "asked_at = CASE WHEN ?1 = 'gesteld' THEN ?2 "
                           "ELSE asked_at END, advice = CASE WHEN ?1 = "
                           "'advies-ontvangen' THEN ?3 ELSE advice END, "
                           "advice_at = CASE WHEN ?1 = 'advies-ontvangen' "
                           "THEN ?2 ELSE advice_at END WHERE id = ?4 AND "
                           "status = ?5");
    store_bind_text(st, 1, to);
    store_bind_text(st, 2, now);
    store_bind_text(st, 3, advice ? advice : "");
    store_bind_int(st, 4, id);
    store_bind_text(st, 5, s.status);
    if (store_exec_stmt(st) != 0) {
        domain_store_failed_keep(db, f);
        goto cleanup;
    }
    if (sqlite3_changes(db) != 1) {
        store_rollback(db);
        fault_set(f, FAULT_CONFLICT, "SER-verzoek %lld is intussen door "
                  "iemand anders gewijzigd; bekijk het opnieuw.", id);
        goto cleanup;
    }
    if (ser_agenda(db, &s, to, advice, f) != 0) {
        store_rollback(db);
        goto cleanup;
    }
    if (strcmp(to, "ingetrokken") == 0) {
        char local[17];

        /* the question waits on the SER's agenda no longer */
        snprintf(prefix, sizeof prefix, "ser-verzoek:%lld:", id);
        domain_now_local(local);
        if (agenda_withdraw(db, "ser", prefix, local) != 0) {
            domain_store_failed_keep(db, f);
            goto cleanup;
        }
    }
    snprintf(detail, sizeof detail, "%s -> %s", s.status, to);
    if (domain_audit_ok(db, who, "ser.overgang", "ser-verzoek", id,
                        detail) != 0 ||
        store_commit(db) != 0) {
        domain_store_failed_keep(db, f);
        goto cleanup;
    }
    rc = 0;
cleanup:
    ser_free(&s);
    return rc;
}

#define SER_COLUMNS \
    "s.id, b.code AS \"overleg.code\", b.name AS \"overleg.naam\", " \
    "s.question AS vraag, s.status, s.asked_at AS gesteldOp, " \
    "s.advice_at AS adviesOp, s.created_at AS aangemaaktOp"
#define SER_FROM_SQL " FROM ser_request s JOIN body b ON b.code = s.body_code"

static void ser_decorate(json_t *o)
{
    json_object_set_new(o, "statusNaam", json_string(
        flow_ser_status_name(sqljson_str(o, "status"))));
}

json_t *flow_ser_get(sqlite3 *db, long long id, int names)
{
    char ref[48];
    json_t *s = sqljson_row(db, "SELECT " SER_COLUMNS ", nullif(s.advice, "
                                "'') AS advies" SER_FROM_SQL
                                " WHERE s.id = ?", "i", id);

    (void)names;   /* a SER request records no names */
    if (s == NULL)
        return NULL;
    ser_decorate(s);
    json_object_set_new(s, "mogelijkeOvergangen",
                        ser_next(sqljson_str(s, "status")));
    snprintf(ref, sizeof ref, "ser-verzoek:%lld", id);
    json_object_set_new(s, "agendapunten", agenda_of(db, ref));
    return s;
}

json_t *flow_ser_list(sqlite3 *db, const struct flow_filter *flt,
                      long long offset, long long limit, long long *total,
                      struct fault *f)
{
    static const char *const where =
        " WHERE (?1 IS NULL OR s.status = ?1) AND (?2 IS NULL OR "
        "s.body_code = ?2)";
    return checked_list(db, flt, ser_codes, "ser_request", "s",
                        "SELECT " SER_COLUMNS SER_FROM_SQL, where, 0,
                        offset, limit, total, "SER-verzoeken", ser_decorate,
                        f);
}

/* ------------------------------------------------------------------ */
/* The inbox                                                           */

/* The overdue test on k (knelpunt) and s (its state), as knelpunt.c. */
#define INBOX_KP_OVERDUE \
    "(s.overdue_days IS NOT NULL AND k.state_since < " \
    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || s.overdue_days || " \
    "' days'))"

/* The permission action with code `code`; -1 when unknown. */
static int action_by_code(const char *code)
{
    int a;

    for (a = 0; code && a < ACT_COUNT; a++)
        if (strcmp(perm_rule((enum perm_action)a)->code, code) == 0)
            return a;
    return -1;
}

/* The states of the knelpunt route out of which `who` may take a step,
 * as a JSON array text (for json_each); NULL on error. The route is the
 * knelpunt route as data: a step's action, its secretaris-only flag, and
 * the table where the knelpunt lies (a netwerkmanager's scope). */
static char *handled_states(sqlite3 *db, const struct actor *who)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT t.from_state, t.action, t.secretary_only, "
        "coalesce(s.body_code, '') FROM knelpunt_transition t JOIN "
        "knelpunt_route_state s ON s.code = t.from_state WHERE s.final = 0 "
        "ORDER BY s.ord");
    json_t *states = json_array();
    char *out;

    while (st && sqlite3_step(st) == SQLITE_ROW) {
        const char *code = store_col(st, 0), *body = store_col(st, 3);
        int a = action_by_code(store_col(st, 1));
        json_t *x;
        size_t i;
        int seen = 0;

        if (a < 0 || (sqlite3_column_int(st, 2) &&
                      who->role != ROLE_SECRETARIS &&
                      who->role != ROLE_BEHEERDER) ||
            !perm_allowed(who->role, who->scope, (enum perm_action)a,
                          body[0] ? body : NULL))
            continue;
        json_array_foreach(states, i, x)
            if (strcmp(json_string_value(x), code) == 0)
                seen = 1;
        if (!seen)
            json_array_append_new(states, json_string(code));
    }
    sqlite3_finalize(st);
    out = json_dumps(states, JSON_COMPACT);
    json_decref(states);
    return out;
}

/* The single count (column n) of sql with text parameters ?1 and ?2;
 * -1 on error. */
static long long count_of(sqlite3 *db, const char *sql, const char *a,
                          const char *b)
{
    json_t *row = sqljson_row(db, sql, "ss", a, b);
    long long n = row ? sqljson_int(row, "n") : -1;

    json_decref(row);
    return n;
}

/* A section {aantal, items}; takes the items. */
static json_t *section(long long count, json_t *items)
{
    return json_pack("{s:I, s:o}", "aantal", (json_int_t)(count < 0 ? 0
                                                                : count),
                     "items", items ? items : json_array());
}

/* Oldest waiting first (ties by id), for qsort over JSON rows. */
static int by_waiting(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = strcmp(sqljson_str(x, "sinds"), sqljson_str(y, "sinds"));

    if (c)
        return c;
    return sqljson_int(x, "id") < sqljson_int(y, "id") ? -1 : 1;
}

/* Knelpunten waiting in a state the user may handle. One indexed range
 * scan per state (knelpunt_state(state, state_since)), each limited to
 * FLOW_INBOX_MAX rows, merged oldest first: fast with 100,000 knelpunten,
 * where one query over all states had to sort every open knelpunt. */
static json_t *inbox_knelpunten(sqlite3 *db, const struct actor *who)
{
    char *states = handled_states(db, who);
    json_t *list, *all, *st_code, *items, *o;
    long long n;
    size_t i, k, total;
    json_t **rows = NULL;

    if (states == NULL)
        return NULL;
    n = store_count(db, "SELECT count(*) FROM knelpunt WHERE state IN "
                        "(SELECT value FROM json_each(?))", states);
    list = json_loads(states, 0, NULL);
    free(states);
    all = json_array();
    json_array_foreach(list, i, st_code) {
        json_t *part = sqljson_rows(db,
            "SELECT k.id, k.title AS titel, r.code AS \"regio.code\", r.name "
            "AS \"regio.naam\", s.code AS \"toestand.code\", s.name AS "
            "\"toestand.naam\", b.code AS \"overleg.code\", b.name AS "
            "\"overleg.naam\", CAST(julianday('now') - julianday("
            "k.state_since) AS INTEGER) AS wachtDagen, " INBOX_KP_OVERDUE
            " AS teLaat, k.state_since AS sinds FROM knelpunt k JOIN "
            "knelpunt_route_state s ON s.code = k.state JOIN region r ON "
            "r.code = k.region_code LEFT JOIN body b ON b.code = s.body_code "
            "WHERE k.state = ?1 ORDER BY k.state_since, k.id LIMIT ?2",
            "si", json_string_value(st_code), (long long)FLOW_INBOX_MAX);
        json_array_extend(all, part);
        json_decref(part);
    }
    json_decref(list);
    total = json_array_size(all);
    items = json_array();
    rows = total ? malloc(total * sizeof *rows) : NULL;
    if (total && rows == NULL) {
        json_decref(all);
        json_decref(items);
        return NULL;
    }
    for (k = 0; k < total; k++)
        rows[k] = json_array_get(all, k);
    if (total)
        qsort(rows, total, sizeof *rows, by_waiting);
    for (k = 0; k < total && k < FLOW_INBOX_MAX; k++) {
        o = rows[k];
        json_object_del(o, "sinds");
        domain_set_bool(o, "teLaat");
        json_array_append(items, o);
    }
    free(rows);
    json_decref(all);
    if (n < 0) {
        json_decref(items);
        return NULL;
    }
    return section(n, items);
}

/* The id of the organisation of the user's person; 0 when none. */
static long long user_org_id(sqlite3 *db, const struct actor *who)
{
    json_t *row;
    long long id;

    if (who->user_id <= 0)
        return 0;
    row = sqljson_row(db, "SELECT coalesce((SELECT p.organisation_id FROM "
                          "user u JOIN person p ON p.id = u.person_id WHERE "
                          "u.id = ?), 0) AS n", "i", who->user_id);
    id = row ? sqljson_int(row, "n") : 0;
    json_decref(row);
    return id;
}

/* Open verzoeken `who` may answer: for the ministerie those addressed to
 * the DG-overleg or to the ministerie's own organisation (the user's
 * person's); every open one for whoever may answer for any addressee
 * (secretaris, beheerder: they record the answers of organisations
 * too). */
static json_t *inbox_verzoeken(sqlite3 *db, const struct actor *who,
                               const char *today)
{
    long long all, dg, org, n;
    json_t *items, *o, *row;
    size_t i;

    all = perm_allowed(who->role, who->scope, ACT_VERZOEK_BEANTWOORDEN,
                       NULL) && who->role != ROLE_MINISTERIE;
    dg = perm_allowed(who->role, who->scope, ACT_VERZOEK_BEANTWOORDEN,
                      VZ_TO_BODY);
    if (!all && !dg)
        return section(0, NULL);
    org = user_org_id(db, who);
    row = sqljson_row(db, "SELECT count(*) AS n FROM verzoek v WHERE "
                          "v.status = 'open' AND (?1 = 1 OR v.to_body_code "
                          "= ?2 OR (?3 > 0 AND v.to_org_id = ?3))", "isi",
                      all, VZ_TO_BODY, org);
    n = row ? sqljson_int(row, "n") : -1;
    json_decref(row);
    items = sqljson_rows(db, "SELECT " VZ_COLUMNS VZ_FROM_SQL " WHERE "
                             "v.status = 'open' AND (?1 = 1 OR "
                             "v.to_body_code = ?2 OR (?5 > 0 AND "
                             "v.to_org_id = ?5)) ORDER BY v.deadline IS "
                             "NULL, v.deadline, v.id LIMIT ?4",
                             "issii", all, VZ_TO_BODY, today,
                             (long long)FLOW_INBOX_MAX, org);
    if (items == NULL || n < 0) {
        json_decref(items);
        return NULL;
    }
    json_array_foreach(items, i, o)
        domain_set_bool(o, "teLaat");
    return section(n, items);
}

/* Open consultations to answer (the user's region has not answered and
 * the deadline has not passed) and, for who may set them out, open ones
 * past their deadline to close. Each item has "actie": "beantwoorden" or
 * "sluiten". */
static json_t *inbox_consultaties(sqlite3 *db, const struct actor *who,
                                  const char *today)
{
    char region[16];
    json_t *items = json_array(), *close = NULL, *answer = NULL, *o;
    long long n = 0, m;
    size_t i;
    int any = perm_allowed(who->role, who->scope,
                           ACT_CONSULTATIE_UITZETTEN, NULL);
    int own = flow_may(who, ACT_CONSULTATIE_UITZETTEN, NULL);

    flow_own_region(db, who, region, sizeof region);
    if (region[0]) {
        answer = sqljson_rows(db,
            "SELECT " CONS_COLUMNS ", 'beantwoorden' AS actie, ?1 AS regio"
            CONS_FROM_SQL " WHERE c.status = 'open' AND c.deadline >= ?3 "
            "AND NOT EXISTS (SELECT 1 FROM consultation_answer a WHERE "
            "a.consultation_id = c.id AND a.region_code = ?1) "
            "ORDER BY c.deadline, c.id LIMIT ?4", "sssi", region, NULL,
            today, (long long)FLOW_INBOX_MAX);
        m = count_of(db, "SELECT count(*) AS n FROM consultation c WHERE "
                         "c.status = 'open' AND c.deadline >= ?2 AND NOT "
                         "EXISTS (SELECT 1 FROM consultation_answer a WHERE "
                         "a.consultation_id = c.id AND a.region_code = ?1)",
                     region, today);
        if (answer == NULL || m < 0)
            goto fail;
        n += m;
        json_array_extend(items, answer);
    }
    if (own) {
        const char *body = any ? NULL : who->scope;

        close = sqljson_rows(db,
            "SELECT " CONS_COLUMNS ", 'sluiten' AS actie" CONS_FROM_SQL
            " WHERE c.status = 'open' AND c.deadline < ?3 AND (?1 IS NULL "
            "OR c.body_code = ?1) ORDER BY c.deadline, c.id LIMIT ?4",
            "sssi", body, NULL, today, (long long)FLOW_INBOX_MAX);
        m = count_of(db, "SELECT count(*) AS n FROM consultation WHERE "
                         "status = 'open' AND deadline < ?2 AND (?1 IS NULL "
                         "OR body_code = ?1)", body, today);
        if (close == NULL || m < 0)
            goto fail;
        n += m;
        json_array_extend(items, close);
    }
    while (json_array_size(items) > FLOW_INBOX_MAX)
        json_array_remove(items, json_array_size(items) - 1);
    json_array_foreach(items, i, o)
        cons_bools(o);
    json_decref(answer);
    json_decref(close);
    return section(n, items);
fail:
    json_decref(answer);
    json_decref(close);
    json_decref(items);
    return NULL;
}

/* The code and name of the organisation of the user's person into out
 * and name ("" when none), and the pillar of a netwerkmanager's
 * kerngroep into pillar. */
static void user_org_pillar(sqlite3 *db, const struct actor *who,
                            char *out, size_t len, char *name,
                            size_t nlen, char *pillar, size_t plen)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT coalesce(o.code, ''), coalesce(o.name, ''), "
        "coalesce((SELECT pillar_code FROM body WHERE code = ?2), '') "
        "FROM (SELECT 1) LEFT JOIN user u ON u.id = ?1 LEFT JOIN person p "
        "ON p.id = u.person_id LEFT JOIN organisation o ON o.id = "
        "p.organisation_id");

    out[0] = '\0';
    name[0] = '\0';
    pillar[0] = '\0';
    store_bind_int(st, 1, who->user_id);
    store_bind_text(st, 2, who->role == ROLE_NETWERKMANAGER ? who->scope
                                                            : "");
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out, len, "%s", store_col(st, 0));
        snprintf(name, nlen, "%s", store_col(st, 1));
        snprintf(pillar, plen, "%s", store_col(st, 2));
    }
    sqlite3_finalize(st);
}

/* Append the late goal actions of filter flt to items in the inbox shape
 * (owner_name: the owner to show, or NULL), skipping those in `seen`;
 * the number of new matches, or -1 on error. */
static long long goal_late(sqlite3 *db, struct goal_action_filter *flt,
                           const char *owner_name, json_t *items,
                           json_t *seen)
{
    long long total = 0;
    json_t *rows, *o;
    size_t i;

    flt->late = 1;
    flt->no_owner = -1;
    rows = goal_action_list(db, flt, 0, FLOW_INBOX_MAX, &total);
    if (rows == NULL)
        return -1;
    json_array_foreach(rows, i, o) {
        json_t *dst = json_object_get(o, "doelstelling");
        char key[32];

        snprintf(key, sizeof key, "%lld", sqljson_int(o, "id"));
        if (json_object_get(seen, key)) {
            total--;
            continue;
        }
        json_object_set_new(seen, key, json_true());
        json_array_append_new(items, json_pack(
            "{s:s, s:I, s:s, s:s, s:s?, s:n, s:{s:O, s:O}}",
            "soort", "doel", "id", (json_int_t)sqljson_int(o, "id"),
            "omschrijving", sqljson_str(o, "titel"), "deadline",
            sqljson_str(o, "deadline"), "eigenaar", owner_name,
            "vergadering", "doelstelling",
            "id", json_object_get(dst, "id"), "titel",
            json_object_get(dst, "titel")));
    }
    json_decref(rows);
    return total;
}

/* Overdue actions. Meeting action items: all of them for the secretaris
 * and the beheerder (meeting_overdue_actions: they follow the actions
 * up), otherwise those owned by the user's person or its organisation,
 * and for a netwerkmanager also those of its kerngroep's meetings. Goal
 * actions (goal.h) that are late: those the user's organisation owns,
 * and for a netwerkmanager those of its kerngroep's pillar. Items share
 * one shape: {soort (vergadering | doel), id, omschrijving, deadline,
 * eigenaar, vergadering {id, titel} | null, doelstelling {id, titel} |
 * null}. */
static json_t *inbox_acties(sqlite3 *db, const struct actor *who,
                            const char *today)
{
    char org[64], org_name[256], pillar[8];
    json_t *rows, *items = json_array(), *seen = json_object(), *o;
    long long n, m;
    size_t i;

    if (who->role == ROLE_SECRETARIS || who->role == ROLE_BEHEERDER)
        rows = meeting_overdue_actions(db, today);
    else
        rows = sqljson_rows(db,
            "SELECT a.id, a.description AS omschrijving, a.deadline, "
            "o.name AS eigenaar, m.id AS vergadering, m.title AS "
            "vergaderingTitel FROM action_item a JOIN meeting m ON m.id = "
            "a.meeting_id LEFT JOIN body b ON b.id = m.body_id LEFT JOIN "
            "organisation o ON o.id = a.owner_org_id "
            "WHERE a.status = 'open' AND a.deadline < ?1 AND ("
            "(?2 > 0 AND a.owner_person_id = (SELECT person_id FROM user "
            "WHERE id = ?2)) OR (?2 > 0 AND a.owner_org_id = (SELECT "
            "p.organisation_id FROM user u JOIN person p ON p.id = "
            "u.person_id WHERE u.id = ?2)) OR (?3 <> '' AND b.code = ?3)) "
            "ORDER BY a.deadline, a.id", "sis", today, who->user_id,
            who->role == ROLE_NETWERKMANAGER ? who->scope : "");
    if (rows == NULL)
        goto fail;
    n = (long long)json_array_size(rows);
    json_array_foreach(rows, i, o) {
        if (i >= FLOW_INBOX_MAX)
            break;
        json_array_append_new(items, json_pack(
            "{s:s, s:O, s:O, s:O, s:O, s:{s:O, s:O}, s:n}",
            "soort", "vergadering", "id", json_object_get(o, "id"),
            "omschrijving", json_object_get(o, "omschrijving"),
            "deadline", json_object_get(o, "deadline"), "eigenaar",
            json_object_get(o, "eigenaar"), "vergadering", "id",
            json_object_get(o, "vergadering"), "titel",
            json_object_get(o, "vergaderingTitel"), "doelstelling"));
    }
    json_decref(rows);
    user_org_pillar(db, who, org, sizeof org, org_name, sizeof org_name,
                    pillar, sizeof pillar);
    if (org[0]) {
        struct goal_action_filter flt = { 0 };

        flt.owner = org;
        m = goal_late(db, &flt, org_name, items, seen);
        if (m < 0)
            goto fail;
        n += m;
    }
    if (pillar[0]) {
        struct goal_action_filter flt = { 0 };

        flt.pillar = pillar;
        m = goal_late(db, &flt, NULL, items, seen);
        if (m < 0)
            goto fail;
        n += m;
    }
    while (json_array_size(items) > FLOW_INBOX_MAX)
        json_array_remove(items, json_array_size(items) - 1);
    json_decref(seen);
    return section(n, items);
fail:
    json_decref(seen);
    json_decref(items);
    return NULL;
}

json_t *flow_inbox(sqlite3 *db, const struct actor *who)
{
    char today[11];
    json_t *kp = NULL, *vz = NULL, *cs = NULL, *ac = NULL;
    long long total;

    if (who->role == ROLE_NONE)
        return NULL;
    domain_today_local(today);
    kp = inbox_knelpunten(db, who);
    vz = inbox_verzoeken(db, who, today);
    cs = inbox_consultaties(db, who, today);
    ac = inbox_acties(db, who, today);
    if (kp == NULL || vz == NULL || cs == NULL || ac == NULL) {
        json_decref(kp);
        json_decref(vz);
        json_decref(cs);
        json_decref(ac);
        return NULL;
    }
    total = sqljson_int(kp, "aantal") + sqljson_int(vz, "aantal") +
            sqljson_int(cs, "aantal") + sqljson_int(ac, "aantal");
    return json_pack("{s:{s:s, s:s, s:s?}, s:o, s:o, s:o, s:o, s:I}",
                     "gebruiker", "naam", who->name, "rol",
                     perm_role_code(who->role), "scope",
                     who->scope[0] ? who->scope : NULL,
                     "knelpunten", kp, "verzoeken", vz, "consultaties", cs,
                     "acties", ac, "totaal", (json_int_t)total);
}
