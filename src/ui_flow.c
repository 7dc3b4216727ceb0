/* ui_flow.c - the pages of the flows between the tables: verzoeken of the
 * koersoverleg, consultations of the regions, SER requests, and the
 * logged-in user's inbox.
 *
 * Owns: turning the forms of these pages into the same JSON input the API
 * takes, so validation and permissions stay the domain's (flow.h);
 * re-rendering a form with the refusal on top, keeping what was typed;
 * the redirect after a change; and which forms a viewer is offered (only
 * those the permission table grants). Reading is public; the names of
 * the users who acted are shown only to logged-in users. All markup goes
 * through html.h and page.h. */
#include "ui.h"
#include "flow.h"
#include "html.h"
#include "meeting.h"
#include "organisation.h"
#include "page.h"
#include "perm.h"
#include "sqljson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows per page of the lists. */
#define UI_FLOW_PAGE 50
/* Characters of a SER question shown in a list or a title. */
#define UI_QUESTION_SHORT 120

/* The report passages each page cites. */
#define BRON_VERZOEK "5.4.1 Afstemming (Het landelijk triple helix "       \
    "koersoverleg)"
#define BRON_CONSULTATIE "5.4.6 Regionale uitvoering"
#define BRON_SER "5.4.4 Ondersteuning van de SER"

static const char *const vz_statuses[] = { "open", "beantwoord",
                                           "ingetrokken", NULL };
static const char *const vz_status_labels[] = { "Open", "Beantwoord",
                                                "Ingetrokken", NULL };
static const char *const cs_statuses[] = { "open", "gesloten", NULL };
static const char *const cs_status_labels[] = { "Open", "Gesloten", NULL };

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* At most `chars` characters of s, with "…" when cut, as text. */
static void text_short(struct req *r, const char *s, size_t chars)
{
    struct buf t;
    const char *p = s;
    size_t n = 0;

    while (*p) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (n == chars)
                break;
            n++;
        }
        p++;
    }
    buf_init(&t, 4 * chars + 8);
    buf_append(&t, s, (size_t)(p - s));
    if (*p)
        buf_puts(&t, "…");
    html_txt(&r->out, buf_str(&t));
    buf_free(&t);
}

static void badge(struct req *r, const char *kind, const char *text)
{
    html_lit(&r->out, " <span class=\"koers-badge");
    if (kind) {
        html_lit(&r->out, " koers-badge--");
        html_attr(&r->out, kind);
    }
    html_lit(&r->out, "\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</span>");
}

/* A data cell with the date of s in words, or a dash. */
static void td_date(struct req *r, const char *s)
{
    page_td_open(r);
    if (s && s[0])
        page_date_long(r, s);
    else
        html_lit(&r->out, "—");
    html_lit(&r->out, "</td>");
}

/* The label for value v of a fixed list, or v itself. */
static const char *label_of(const char *const *values,
                            const char *const *labels, const char *v)
{
    size_t i;

    for (i = 0; values[i]; i++)
        if (strcmp(values[i], v) == 0)
            return labels[i];
    return v;
}

/* A status with its badge. `kind` says which flow. */
static void status_text(struct req *r, const char *kind, json_t *o)
{
    const char *s = sqljson_str(o, "status");

    if (strcmp(kind, "verzoek") == 0) {
        html_txt(&r->out, label_of(vz_statuses, vz_status_labels, s));
        if (json_is_true(json_object_get(o, "teLaat")))
            badge(r, "error", "deadline verstreken");
        else if (strcmp(s, "beantwoord") == 0)
            badge(r, "ok", "beantwoord");
    } else if (strcmp(kind, "consultatie") == 0) {
        html_txt(&r->out, label_of(cs_statuses, cs_status_labels, s));
        if (strcmp(s, "open") == 0 &&
            json_is_true(json_object_get(o, "termijnVerstreken")))
            badge(r, "warning", "termijn verstreken");
        else if (strcmp(s, "open") == 0)
            badge(r, "info", "reageren kan");
    } else {
        html_txt(&r->out, flow_ser_status_name(s));
        if (strcmp(s, "advies-ontvangen") == 0)
            badge(r, "ok", "advies");
    }
}

/* Values and labels built at run time for page_select (NULL-terminated
 * arrays); the strings are owned and freed with the rest. */
struct owned_choices {
    const char **v;
    const char **l;
    char **own;           /* 2 per choice: value and label */
    size_t n, cap;
};

static void oc_free(struct owned_choices *c)
{
    size_t i;

    for (i = 0; c->own && i < 2 * c->n; i++)
        free(c->own[i]);
    free(c->own);
    free(c->v);
    free(c->l);
    memset(c, 0, sizeof *c);
}

/* Room for cap choices; 0 or -1. */
static int oc_init(struct owned_choices *c, size_t cap)
{
    memset(c, 0, sizeof *c);
    c->v = calloc(cap + 1, sizeof *c->v);
    c->l = calloc(cap + 1, sizeof *c->l);
    c->own = calloc(2 * cap + 1, sizeof *c->own);
    if (c->v == NULL || c->l == NULL || c->own == NULL) {
        oc_free(c);
        return -1;
    }
    c->cap = cap;
    return 0;
}

/* Append the choice prefix+value, labelled "label (suffix)". */
static int oc_add(struct owned_choices *c, const char *prefix,
                  const char *value, const char *label, const char *suffix)
{
    size_t vl = strlen(prefix) + strlen(value) + 1;
    size_t ll = strlen(label) + strlen(suffix ? suffix : "") + 4;
    char *v, *l;

    if (c->n >= c->cap)
        return -1;
    v = malloc(vl);
    l = malloc(ll);
    if (v == NULL || l == NULL) {
        free(v);
        free(l);
        return -1;
    }
    snprintf(v, vl, "%s%s", prefix, value);
    if (suffix && suffix[0])
        snprintf(l, ll, "%s (%s)", label, suffix);
    else
        snprintf(l, ll, "%s", label);
    c->own[2 * c->n] = v;
    c->own[2 * c->n + 1] = l;
    c->v[c->n] = v;
    c->l[c->n++] = l;
    return 0;
}

/* The agenda items a flow put on the agendas of the tables. */
static void agenda_section(struct req *r, json_t *items, const char *intro)
{
    static const char *const cols[] = { "Agendapunt", "Overleg",
        "Vergadering", "Status", NULL };
    struct buf *b = &r->out;
    json_t *it;
    size_t i;

    page_h2_id(r, "agenda", "Op de agenda");
    page_para(r, intro);
    if (json_array_size(items) == 0) {
        page_para(r, "Er staat nog niets op een agenda.");
        return;
    }
    page_table_open(r, "agenda-tabel", "Agendapunten", cols);
    json_array_foreach(items, i, it) {
        json_t *m = json_object_get(it, "vergadering");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(it, "titel"));
        html_lit(b, "</th>");
        page_td_open(r);
        page_code_link(r, "/overleggen/", json_object_get(it, "overleg"));
        html_lit(b, "</td>");
        page_td_open(r);
        if (json_is_object(m)) {
            html_lit(b, "<a class=\"nl-link\" href=\"/vergaderingen/");
            html_int(b, sqljson_int(m, "id"));
            html_lit(b, "#agenda\">");
            page_date_long(r, sqljson_str(m, "begin"));
            html_lit(b, "</a>");
        } else {
            html_lit(b, "Wacht op de volgende vergadering");
        }
        html_lit(b, "</td>");
        page_td(r, it, "status");
        html_lit(b, "</tr>");
    }
    page_table_close(r);
}

/* A list at base with its filters, for the pager. */
struct list_at {
    const char *base;
    const struct flow_filter *flt;
};

/* The href of page `page` of a list (ctx: a struct list_at). */
static void list_href(struct req *r, const void *ctx, long long page)
{
    const struct list_at *at = ctx;
    struct buf *b = &r->out;

    html_attr(b, at->base);
    html_lit(b, "?pagina=");
    html_int(b, page);
    page_href_arg(r, "status", at->flt->status);
    page_href_arg(r, "overleg", at->flt->body);
}

static void list_pager(struct req *r, const char *base,
                       const struct flow_filter *flt, long long page,
                       long long pages)
{
    struct list_at at = { base, flt };

    page_pager(r, list_href, &at, page, pages);
}

/* The filter form of a list: a status select and, with bodies, a table
 * select. */
static void list_filters(struct req *r, const char *base,
                         const struct flow_filter *flt,
                         const char *const *sv, const char *const *sl,
                         json_t *bodies, const char *body_label)
{
    struct page_choices bc = { 0 };

    if (bodies && page_choices_from(&bc, bodies, "code", "naam", 0, 0) != 0)
        return;
    html_lit(&r->out, "<form class=\"koers-form\" method=\"get\" "
                      "action=\"");
    html_attr(&r->out, base);
    html_lit(&r->out, "\">");
    page_select(r, "status", "Status", sv, sl, flt->status,
                "Alle statussen", NULL);
    if (bodies)
        page_select(r, "overleg", body_label, bc.v, bc.l, flt->body,
                    "Alle overleggen", NULL);
    page_submit(r, "Tonen", 0);
    html_lit(&r->out, "</form>\n");
    page_choices_free(&bc);
}

/* After a create: to base + id + query, or, when it was refused (id <
 * 0), the form again with the refusal and its status. */
static void created(struct req *r, long long id, const struct fault *f,
                    void (*form)(struct req *, const char *),
                    const char *base, const char *query)
{
    if (id < 0) {
        r->status = f->kind ? (int)f->kind : 500;
        form(r, f->msg[0] ? f->msg : "Opslaan is mislukt.");
        return;
    }
    page_redirect_id(r, base, id, query);
}

/* Read ?pagina; -1 after the 400 page. */
static long long list_page(struct req *r)
{
    const char *ptxt = page_nonempty(req_query(r, "pagina"));
    long long page = ptxt ? page_parse_id(ptxt) : 1;

    if (page < 0 || page > 10000000) {
        page_error(r, 400, "Ongeldige pagina", "Een paginanummer is een "
                   "geheel getal vanaf 1.");
        return -1;
    }
    return page;
}

/* The links between the flow pages. */
static void flow_links(struct req *r)
{
    html_lit(&r->out, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                      "href=\"/verzoeken\">Verzoeken</a> · <a "
                      "class=\"nl-link\" href=\"/consultaties\">"
                      "Consultaties</a> · <a class=\"nl-link\" "
                      "href=\"/ser-verzoeken\">SER-verzoeken</a>");
    if (req_logged_in(r))
        html_lit(&r->out, " · <a class=\"nl-link\" href=\"/inbox\">Uw "
                          "inbox</a>");
    html_lit(&r->out, "</p>\n");
}

/* A button-styled link to a form page. */
static void new_link(struct req *r, const char *href, const char *text)
{
    html_lit(&r->out, "<div class=\"koers-actions\"><a class=\"utrecht-"
                      "button-link utrecht-button-link--html-a utrecht-"
                      "button-link--secondary-action\" href=\"");
    html_attr(&r->out, href);
    html_lit(&r->out, "\">");
    html_txt(&r->out, text);
    html_lit(&r->out, "</a></div>\n");
}

/* A textarea with a hint that describes it (page_field has no hint). */
static void area_hint(struct req *r, const char *name, const char *label,
                      const char *hint, const char *value)
{
    struct buf *b = &r->out;

    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-");
    html_attr(b, name);
    html_lit(b, "\">");
    html_txt(b, label);
    html_lit(b, "</label></div><p class=\"nl-paragraph koers-muted\" "
                "id=\"veld-");
    html_attr(b, name);
    html_lit(b, "-uitleg\">");
    html_txt(b, hint);
    html_lit(b, "</p><div class=\"utrecht-form-field__input\"><textarea "
                "class=\"utrecht-textarea utrecht-textarea--html-textarea\" "
                "rows=\"6\" id=\"veld-");
    html_attr(b, name);
    html_lit(b, "\" name=\"");
    html_attr(b, name);
    html_lit(b, "\" aria-describedby=\"veld-");
    html_attr(b, name);
    html_lit(b, "-uitleg\">");
    html_txt(b, value ? value : "");
    html_lit(b, "</textarea></div></div>\n");
}

/* The form's start: <form method=post action=BASE+ID+TAIL> and CSRF. */
static void form_open(struct req *r, const char *base, long long id,
                      const char *tail)
{
    html_lit(&r->out, "<form class=\"koers-form\" method=\"post\" "
                      "action=\"");
    html_attr(&r->out, base);
    if (id > 0)
        html_int(&r->out, id);
    html_attr(&r->out, tail);
    html_lit(&r->out, "\">");
    page_csrf_field(r);
}

/* The status of a refused form post, and the 404 page for an unknown
 * object; 1 when the 404 page was written. */
static int refused(struct req *r, const struct fault *f)
{
    if (f->kind == FAULT_NOTFOUND) {
        page_error(r, 404, "Niet gevonden", f->msg);
        return 1;
    }
    r->status = f->kind ? (int)f->kind : 500;
    return 0;
}

/* What differs between the verzoeken and consultaties list tables. */
struct list_table_spec {
    const char *base;           /* list path, also the pager base */
    const char *item_base;      /* link prefix of one row */
    const char *none;           /* paragraph when nothing was found */
    const char *noun;           /* caption prefix */
    const char *table_id;
    const char *const *cols;
    const char *party;          /* object whose "naam" fills column 3 */
    const char *kind;           /* status_text kind */
    const char *last;           /* key of the last column */
    int last_is_date;           /* 1: td_date, 0: page_td_num */
};

static const char *const vz_cols[] = { "#Nr", "Verzoek", "Aan",
    "Deadline", "Status", "Vastgelegd", NULL };
static const char *const cs_cols[] = { "#Nr", "Consultatie", "Overleg",
    "Deadline", "Status", "#Reacties", NULL };

static const struct list_table_spec vz_table = {
    "/verzoeken", "/verzoeken/", "Geen verzoeken gevonden.", "Verzoeken",
    "verzoeken-tabel", vz_cols, "aan", "verzoek", "aangemaaktOp", 1
};
static const struct list_table_spec cs_table = {
    "/consultaties", "/consultaties/", "Geen consultaties gevonden.",
    "Consultaties", "consultaties-tabel", cs_cols, "overleg",
    "consultatie", "aantalReacties", 0
};

/* The table of one list page (or the "none found" paragraph), with its
 * pager. */
static void list_table(struct req *r, const struct list_table_spec *t,
                       const struct flow_filter *flt, json_t *items,
                       long long total, long long page, long long pages)
{
    struct buf *b = &r->out;
    char caption[160];
    json_t *v;
    size_t i;

    if (total == 0) {
        page_para(r, t->none);
        return;
    }
    snprintf(caption, sizeof caption, "%s: %lld gevonden, "
             "pagina %lld van %lld", t->noun, total, page, pages);
    page_table_open(r, t->table_id, caption, t->cols);
    json_array_foreach(items, i, v) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_td_num(r, sqljson_int(v, "id"));
        page_th_row_open(r);
        page_id_link(r, t->item_base, sqljson_int(v, "id"),
                     sqljson_str(v, "titel"));
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(v, t->party), "naam"));
        html_lit(b, "</td>");
        td_date(r, sqljson_str(v, "deadline"));
        page_td_open(r);
        status_text(r, t->kind, v);
        html_lit(b, "</td>");
        if (t->last_is_date)
            td_date(r, sqljson_str(v, t->last));
        else
            page_td_num(r, sqljson_int(v, t->last));
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    list_pager(r, t->base, flt, page, pages);
}

/* ------------------------------------------------------------------ */
/* Verzoeken                                                           */

void ui_verzoeken(struct req *r)
{
    struct flow_filter flt = { 0 };
    struct fault f = { 0 };
    long long page = list_page(r), total = 0, pages;
    json_t *items;

    if (page < 0)
        return;
    flt.status = page_nonempty(req_query(r, "status"));
    items = flow_verzoek_list(r->db, &flt, (page - 1) * UI_FLOW_PAGE,
                              UI_FLOW_PAGE, &total, &f);
    if (items == NULL) {
        page_error(r, f.kind == FAULT_INVALID ? 400 : 500, "Ongeldige "
                   "keuze", f.msg);
        return;
    }
    pages = total == 0 ? 1 : (total + UI_FLOW_PAGE - 1) / UI_FLOW_PAGE;
    if (page > pages) {
        json_decref(items);
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        return;
    }
    page_begin(r, "Verzoeken", "/verzoeken");
    page_para(r, "Uit het koersoverleg komen verzoeken aan het DG-overleg "
                 "en aan andere organisaties met sturingskracht om "
                 "budgetten of bevoegdheden in te zetten voor de doelen van "
                 "het Actieplan. Een verzoek aan het DG-overleg komt op de "
                 "agenda van zijn eerstvolgende vergadering; het antwoord "
                 "komt op de agenda van het eerstvolgende koersoverleg.");
    page_bron(r, BRON_VERZOEK, 1609, 1612);
    if (flow_may(&r->who, ACT_VERZOEK_INDIENEN, "koersoverleg"))
        new_link(r, "/verzoeken/nieuw", "Verzoek vastleggen");
    list_filters(r, "/verzoeken", &flt, vz_statuses, vz_status_labels, NULL,
                 NULL);
    list_table(r, &vz_table, &flt, items, total, page, pages);
    flow_links(r);
    page_end(r);
    json_decref(items);
}

/* The form of a new verzoek; err on top. */
static void verzoek_form(struct req *r, const char *err)
{
    json_t *orgs = organisation_list(r->db);
    json_t *meetings = meeting_list(r->db, "koersoverleg", NULL, NULL), *o;
    struct owned_choices ac = { 0 }, mc = { 0 };
    struct buf *b = &r->out;
    size_t i;

    if (orgs == NULL || meetings == NULL ||
        oc_init(&ac, json_array_size(orgs) + 1) != 0 ||
        oc_init(&mc, json_array_size(meetings)) != 0 ||
        oc_add(&ac, "overleg:", "dg-overleg", "DG-overleg", "overleg") != 0)
        goto fail;
    json_array_foreach(orgs, i, o)
        if (oc_add(&ac, "organisatie:", sqljson_str(o, "code"),
                   sqljson_str(o, "naam"), "organisatie") != 0)
            goto fail;
    /* newest first: a verzoek is mostly recorded after the last meeting */
    for (i = json_array_size(meetings); i-- > 0;) {
        char idtxt[24], when[11];

        o = json_array_get(meetings, i);
        if (strcmp(sqljson_str(o, "status"), "geannuleerd") == 0)
            continue;
        snprintf(idtxt, sizeof idtxt, "%lld", sqljson_int(o, "id"));
        snprintf(when, sizeof when, "%.10s", sqljson_str(o, "begin"));
        if (oc_add(&mc, "", idtxt, sqljson_str(o, "titel"), when) != 0)
            goto fail;
    }
    page_begin(r, "Verzoek vastleggen", "/verzoeken");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Leg een verzoek van het koersoverleg vast: aan het "
                 "DG-overleg, of aan een organisatie met budget of "
                 "bevoegdheden. Een verzoek aan het DG-overleg komt op de "
                 "agenda van de eerstvolgende vergadering van het "
                 "DG-overleg.");
    page_bron(r, BRON_VERZOEK, 1609, 1612);
    form_open(r, "/verzoeken", 0, "");
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "tekst", "Het verzoek: wat vraagt het koersoverleg, en "
               "voor welk doel van het Actieplan?", "textarea",
               req_field(r, "tekst"), NULL, 1);
    page_select(r, "aan", "Aan", ac.v, ac.l, req_field(r, "aan"),
                "Kies het DG-overleg of een organisatie", NULL);
    page_select(r, "vergadering", "Gedaan in de vergadering van het "
                "koersoverleg", mc.v, mc.l, req_field(r, "vergadering"),
                "Geen vergadering", NULL);
    page_field_placeholder(r, "deadline", "Deadline (JJJJ-MM-DD)",
                           req_field(r, "deadline"), "JJJJ-MM-DD", NULL, 0);
    page_submit(r, "Verzoek vastleggen", 1);
    html_lit(b, "</form>\n");
    page_end(r);
    goto cleanup;
fail:
    page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
               "opgebouwd.");
cleanup:
    oc_free(&ac);
    oc_free(&mc);
    json_decref(orgs);
    json_decref(meetings);
}

void ui_verzoek_new(struct req *r)
{
    if (!flow_may(&r->who, ACT_VERZOEK_INDIENEN, "koersoverleg")) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen verzoeken "
                   "van het koersoverleg vastleggen. Dat mogen de "
                   "beheerder, de secretaris en de boegbeeld.");
        return;
    }
    verzoek_form(r, NULL);
}

void ui_verzoek_create(struct req *r)
{
    json_t *in = json_object();
    const char *aan = page_nonempty(req_field(r, "aan"));
    const char *mv = page_nonempty(req_field(r, "vergadering"));
    struct fault f = { 0 };
    long long id;

    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "tekst", req_field(r, "tekst"));
    page_set_text(in, "deadline", req_field(r, "deadline"));
    if (aan && strncmp(aan, "overleg:", 8) == 0)
        page_set_text(in, "aanOverleg", aan + 8);
    else if (aan && strncmp(aan, "organisatie:", 12) == 0)
        page_set_text(in, "aanOrganisatie", aan + 12);
    else
        page_set_text(in, "aanOrganisatie", aan);
    if (mv && page_parse_id(mv) > 0)
        json_object_set_new(in, "vergadering",
                            json_integer(page_parse_id(mv)));
    else
        page_set_text(in, "vergadering", mv);
    id = flow_verzoek_create(r->db, &r->who, in, &f);
    json_decref(in);
    created(r, id, &f, verzoek_form, "/verzoeken/", "?vastgelegd=1");
}

/* The page of verzoek id; form names the form whose refusal err is
 * ("antwoord" or "intrekking"). */
static void verzoek_page(struct req *r, long long id, const char *form,
                         const char *err)
{
    json_t *v = flow_verzoek_get(r->db, id, req_logged_in(r));
    json_t *aan, *m, *ans;
    struct buf *b = &r->out;
    char title[4 * FLOW_TITLE_MAX + 32], num[24];
    const char *to_body;
    int open;

    if (v == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit verzoek bestaat niet.");
        return;
    }
    aan = json_object_get(v, "aan");
    m = json_object_get(v, "vergadering");
    ans = json_object_get(v, "antwoord");
    open = strcmp(sqljson_str(v, "status"), "open") == 0;
    to_body = strcmp(sqljson_str(aan, "soort"), "overleg") == 0
                  ? sqljson_str(aan, "code") : NULL;
    snprintf(title, sizeof title, "Verzoek %lld: %s", id,
             sqljson_str(v, "titel"));
    page_begin(r, title, "/verzoeken");
    if (req_query(r, "vastgelegd"))
        page_alert(r, "ok", to_body ? "Het verzoek is vastgelegd en staat "
                   "op de agenda van de eerstvolgende vergadering van het "
                   "DG-overleg." : "Het verzoek is vastgelegd.");
    if (req_query(r, "beantwoord"))
        page_alert(r, "ok", "Het antwoord is vastgelegd en staat op de "
                   "agenda van het eerstvolgende koersoverleg.");
    if (req_query(r, "ingetrokken"))
        page_alert(r, "ok", "Het verzoek is ingetrokken.");

    page_alert_open(r, json_is_true(json_object_get(v, "teLaat"))
                           ? "warning" : "info");
    html_lit(b, "<p class=\"nl-paragraph\">Status: <strong>");
    status_text(r, "verzoek", v);
    html_lit(b, "</strong></p>");
    page_alert_close(r);

    html_lit(b, "<dl class=\"koers-dl\">");
    snprintf(num, sizeof num, "%lld", id);
    page_dl_item(r, "Nummer", num);
    html_lit(b, "<dt>Van</dt><dd>");
    page_code_link(r, "/overleggen/", json_object_get(v, "van"));
    html_lit(b, "</dd><dt>Aan</dt><dd>");
    page_code_link(r, to_body ? "/overleggen/" : "/organisaties/", aan);
    html_lit(b, "</dd>");
    if (json_is_object(m)) {
        html_lit(b, "<dt>Gedaan in</dt><dd>");
        page_id_link(r, "/vergaderingen/", sqljson_int(m, "id"),
                     sqljson_str(m, "titel"));
        html_lit(b, " (");
        page_date_long(r, sqljson_str(m, "begin"));
        html_lit(b, ")</dd>");
    }
    html_lit(b, "<dt>Deadline</dt><dd>");
    if (sqljson_str(v, "deadline")[0])
        page_date_long(r, sqljson_str(v, "deadline"));
    else
        html_lit(b, "geen");
    html_lit(b, "</dd><dt>Vastgelegd</dt><dd>");
    page_date_long(r, sqljson_str(v, "aangemaaktOp"));
    html_lit(b, "</dd></dl>\n");

    page_h2(r, "Het verzoek");
    page_text_block(r, sqljson_str(v, "tekst"), FLOW_TEXT_MAX);

    page_h2_id(r, "antwoord", "Antwoord");
    if (json_is_object(ans)) {
        page_text_block(r, sqljson_str(ans, "tekst"), FLOW_TEXT_MAX);
        html_lit(b, "<p class=\"nl-paragraph koers-muted\">Vastgelegd op ");
        page_date_long(r, sqljson_str(ans, "op"));
        if (sqljson_str(ans, "door")[0]) {
            html_lit(b, " door ");
            html_txt(b, sqljson_str(ans, "door"));
        }
        html_lit(b, ".</p>\n");
    } else {
        page_para(r, open ? "Nog geen antwoord." : "Er is geen antwoord: "
                           "het verzoek is ingetrokken.");
    }
    if (form && strcmp(form, "antwoord") == 0 && err)
        page_alert(r, "error", err);
    if (open && flow_may(&r->who, ACT_VERZOEK_BEANTWOORDEN, to_body)) {
        form_open(r, "/verzoeken/", id, "/antwoord");
        page_field(r, "antwoord", "Antwoord van de geadresseerde",
                   "textarea", err && form && strcmp(form, "antwoord") == 0
                   ? req_field(r, "antwoord") : NULL, NULL, 1);
        page_submit(r, "Antwoord vastleggen", 1);
        html_lit(b, "</form>\n");
        page_para(r, "Het antwoord komt op de agenda van het eerstvolgende "
                     "koersoverleg.");
    }

    agenda_section(r, json_object_get(v, "agendapunten"),
                   "Het verzoek op de agenda van het DG-overleg en het "
                   "antwoord op de agenda van het koersoverleg.");

    if (form && strcmp(form, "intrekking") == 0 && err) {
        page_h2_id(r, "intrekken", "Verzoek intrekken");
        page_alert(r, "error", err);
    } else if (open && flow_may(&r->who, ACT_VERZOEK_INDIENEN,
                                "koersoverleg")) {
        page_h2_id(r, "intrekken", "Verzoek intrekken");
    }
    if (open && flow_may(&r->who, ACT_VERZOEK_INDIENEN, "koersoverleg")) {
        page_para(r, "Is het verzoek niet meer nodig, trek het dan in. Een "
                     "agendapunt dat nog niet is besproken, vervalt.");
        form_open(r, "/verzoeken/", id, "/intrekking");
        page_submit(r, "Verzoek intrekken", 0);
        html_lit(b, "</form>\n");
    }
    flow_links(r);
    page_end(r);
    json_decref(v);
}

void ui_verzoek(struct req *r)
{
    long long id = page_path_id(r, "Dit verzoek bestaat niet.");

    if (id > 0)
        verzoek_page(r, id, NULL, NULL);
}

void ui_verzoek_answer(struct req *r)
{
    long long id = page_path_id(r, "Dit verzoek bestaat niet.");
    struct fault f = { 0 };
    json_t *in;
    int rc;

    if (id < 0)
        return;
    in = json_object();
    page_set_text(in, "antwoord", req_field(r, "antwoord"));
    rc = flow_verzoek_answer(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc == 0) {
        page_redirect_id(r, "/verzoeken/", id, "?beantwoord=1");
        return;
    }
    if (!refused(r, &f))
        verzoek_page(r, id, "antwoord", f.msg[0] ? f.msg
                                                 : "Opslaan is mislukt.");
}

void ui_verzoek_withdraw(struct req *r)
{
    long long id = page_path_id(r, "Dit verzoek bestaat niet.");
    struct fault f = { 0 };

    if (id < 0)
        return;
    if (flow_verzoek_withdraw(r->db, &r->who, id, &f) == 0) {
        page_redirect_id(r, "/verzoeken/", id, "?ingetrokken=1");
        return;
    }
    if (!refused(r, &f))
        verzoek_page(r, id, "intrekking", f.msg[0] ? f.msg
                                                   : "Opslaan is mislukt.");
}

/* ------------------------------------------------------------------ */
/* Consultaties                                                        */

/* The tables `who` may set a consultation out for. */
static json_t *my_consult_bodies(struct req *r)
{
    json_t *all = flow_consult_bodies(r->db), *mine = json_array(), *o;
    size_t i;

    json_array_foreach(all, i, o)
        if (flow_may(&r->who, ACT_CONSULTATIE_UITZETTEN,
                     sqljson_str(o, "code")))
            json_array_append(mine, o);
    json_decref(all);
    return mine;
}

void ui_consultaties(struct req *r)
{
    struct flow_filter flt = { 0 };
    struct fault f = { 0 };
    long long page = list_page(r), total = 0, pages;
    json_t *items, *bodies;

    if (page < 0)
        return;
    flt.status = page_nonempty(req_query(r, "status"));
    flt.body = page_nonempty(req_query(r, "overleg"));
    items = flow_consultatie_list(r->db, &flt, (page - 1) * UI_FLOW_PAGE,
                                  UI_FLOW_PAGE, &total, &f);
    if (items == NULL) {
        page_error(r, f.kind == FAULT_INVALID ? 400 : 500, "Ongeldige "
                   "keuze", f.msg);
        return;
    }
    pages = total == 0 ? 1 : (total + UI_FLOW_PAGE - 1) / UI_FLOW_PAGE;
    if (page > pages) {
        json_decref(items);
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        return;
    }
    bodies = flow_consult_bodies(r->db);
    page_begin(r, "Consultaties", "/consultaties");
    page_para(r, "Een landelijke tafel (het koersoverleg, een kerngroep, het "
                 "DG-overleg) vraagt de regionale samenwerkingsverbanden om "
                 "input op nieuwe regelgeving of nieuw beleid. Elke regio "
                 "geeft één reactie, die tot de deadline kan worden "
                 "vervangen. Bij het sluiten komen de reacties op de agenda "
                 "van de vragende tafel.");
    page_bron(r, BRON_CONSULTATIE, 1925, 1927);
    page_bron(r, "4.3 Resultaten groepssessie", 1396, 1399);
    if (flow_may(&r->who, ACT_CONSULTATIE_UITZETTEN, NULL))
        new_link(r, "/consultaties/nieuw", "Consultatie uitzetten");
    list_filters(r, "/consultaties", &flt, cs_statuses, cs_status_labels,
                 bodies, "Vragende tafel");
    list_table(r, &cs_table, &flt, items, total, page, pages);
    flow_links(r);
    page_end(r);
    json_decref(bodies);
    json_decref(items);
}

static void consultatie_form(struct req *r, const char *err)
{
    json_t *bodies = my_consult_bodies(r);
    struct page_choices bc = { 0 };
    const char *sel = req_field(r, "overleg");

    if (page_choices_from(&bc, bodies, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        json_decref(bodies);
        return;
    }
    page_begin(r, "Consultatie uitzetten", "/consultaties");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Vraag de regionale samenwerkingsverbanden om input op een "
                 "concept van nieuwe regelgeving of nieuw beleid. De regio's "
                 "zien de consultatie in hun inbox en reageren tot en met de "
                 "deadline.");
    page_bron(r, BRON_CONSULTATIE, 1925, 1927);
    form_open(r, "/consultaties", 0, "");
    page_select(r, "overleg", "Vragende tafel", bc.v, bc.l,
                sel ? sel : (bc.n == 1 ? bc.v[0] : NULL),
                bc.n == 1 ? NULL : "Kies de tafel", NULL);
    page_field(r, "titel", "Titel (hoogstens 200 tekens)", "text",
               req_field(r, "titel"), NULL, 1);
    page_field(r, "tekst", "De vraag aan de regio's, met het concept of "
               "een verwijzing ernaar", "textarea", req_field(r, "tekst"),
               NULL, 1);
    page_field_placeholder(r, "deadline", "Deadline: reageren kan tot en "
                           "met (JJJJ-MM-DD)", req_field(r, "deadline"),
                           "JJJJ-MM-DD", NULL, 1);
    page_submit(r, "Consultatie uitzetten", 1);
    html_lit(&r->out, "</form>\n");
    page_end(r);
    page_choices_free(&bc);
    json_decref(bodies);
}

void ui_consultatie_new(struct req *r)
{
    if (!flow_may(&r->who, ACT_CONSULTATIE_UITZETTEN, NULL)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                   "consultaties uitzetten. Dat mogen de beheerder, de "
                   "secretaris en de netwerkmanager (voor de eigen "
                   "kerngroep).");
        return;
    }
    consultatie_form(r, NULL);
}

void ui_consultatie_create(struct req *r)
{
    json_t *in = json_object();
    struct fault f = { 0 };
    long long id;

    page_set_text(in, "overleg", req_field(r, "overleg"));
    page_set_text(in, "titel", req_field(r, "titel"));
    page_set_text(in, "tekst", req_field(r, "tekst"));
    page_set_text(in, "deadline", req_field(r, "deadline"));
    id = flow_consultatie_create(r->db, &r->who, in, &f);
    json_decref(in);
    created(r, id, &f, consultatie_form, "/consultaties/", "?uitgezet=1");
}

static void reacties_table(struct req *r, json_t *rows, int names)
{
    static const char *const cols[] = { "Regio", "Reactie", "Gegeven",
                                        NULL };
    struct buf *b = &r->out;
    json_t *x;
    size_t i;

    page_table_open(r, "reacties-tabel", "Gegeven reacties, per regio",
                    cols);
    json_array_foreach(rows, i, x) {
        json_t *reg = json_object_get(x, "regio");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, sqljson_str(reg, "naam"));
        html_lit(b, " <span class=\"koers-muted\">(");
        html_txt(b, sqljson_str(reg, "code"));
        html_lit(b, ")</span></th>");
        page_td_open(r);
        page_text_block(r, sqljson_str(x, "tekst"), FLOW_TEXT_MAX);
        html_lit(b, "</td>");
        page_td_open(r);
        page_date_long(r, sqljson_str(x, "op"));
        if (names && sqljson_str(x, "door")[0]) {
            html_lit(b, " door ");
            html_txt(b, sqljson_str(x, "door"));
        }
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
}

/* The answer form: for a regio or accounthouder its own region, for who
 * may answer for any region a choice. */
static void reactie_form(struct req *r, long long id, json_t *c,
                         const char *err)
{
    char own[16];
    json_t *regions = NULL, *mine = NULL, *x;
    struct page_choices rc = { 0 };
    struct buf *b = &r->out;
    const char *typed = err ? req_field(r, "tekst") : NULL;
    size_t i;

    flow_own_region(r->db, &r->who, own, sizeof own);
    page_h2_id(r, "reageren", "Reageren");
    if (err)
        page_alert(r, "error", err);
    if (own[0]) {
        json_array_foreach(json_object_get(c, "reacties"), i, x)
            if (strcmp(sqljson_str(json_object_get(x, "regio"), "code"),
                       own) == 0)
                mine = x;
        regions = flow_regions(r->db);
        html_lit(b, "<p class=\"nl-paragraph\">U reageert voor <strong>");
        html_txt(b, page_code_name(regions, own));
        html_lit(b, " (");
        html_txt(b, own);
        html_lit(b, ")</strong>.");
        if (mine)
            html_lit(b, " Uw regio heeft al gereageerd; een nieuwe reactie "
                        "vervangt de vorige.");
        html_lit(b, "</p>\n");
        form_open(r, "/consultaties/", id, "/reactie");
        html_lit(b, "<input type=\"hidden\" name=\"regio\" value=\"");
        html_attr(b, own);
        html_lit(b, "\">");
        page_field(r, "tekst", "Reactie van de regio", "textarea",
                   typed ? typed : mine ? sqljson_str(mine, "tekst") : NULL,
                   NULL, 1);
    } else {
        regions = flow_regions(r->db);
        if (page_choices_from(&rc, regions, "code", "naam", 0, 0) != 0)
            goto cleanup;
        page_para(r, "Leg de reactie van een regio vast (bijvoorbeeld een "
                     "reactie die per e-mail binnenkwam). Een nieuwe "
                     "reactie van een regio vervangt de vorige.");
        form_open(r, "/consultaties/", id, "/reactie");
        page_select(r, "regio", "Regio", rc.v, rc.l,
                    err ? req_field(r, "regio") : NULL, "Kies de regio",
                    NULL);
        page_field(r, "tekst", "Reactie van de regio", "textarea", typed,
                   NULL, 1);
    }
    page_submit(r, mine ? "Reactie vervangen" : "Reactie geven", 1);
    html_lit(b, "</form>\n");
cleanup:
    page_choices_free(&rc);
    json_decref(regions);
}

/* The page of consultation id; form names the refused form. */
static void consultatie_page(struct req *r, long long id, const char *form,
                             const char *err)
{
    int names = req_logged_in(r);
    json_t *c = flow_consultatie_get(r->db, id, names), *reacties;
    struct buf *b = &r->out;
    char title[4 * FLOW_TITLE_MAX + 32], num[24];
    const char *body;
    int open, may_close;

    if (c == NULL) {
        page_error(r, 404, "Niet gevonden", "Deze consultatie bestaat "
                   "niet.");
        return;
    }
    body = sqljson_str(json_object_get(c, "overleg"), "code");
    reacties = json_object_get(c, "reacties");
    open = json_is_true(json_object_get(c, "openVoorReacties"));
    may_close = strcmp(sqljson_str(c, "status"), "open") == 0 &&
                flow_may(&r->who, ACT_CONSULTATIE_UITZETTEN, body);
    snprintf(title, sizeof title, "Consultatie %lld: %s", id,
             sqljson_str(c, "titel"));
    page_begin(r, title, "/consultaties");
    if (req_query(r, "uitgezet"))
        page_alert(r, "ok", "De consultatie is uitgezet. De regio's zien "
                   "haar in hun inbox.");
    if (req_query(r, "gereageerd"))
        page_alert(r, "ok", "De reactie is vastgelegd.");
    if (req_query(r, "gesloten"))
        page_alert(r, "ok", "De consultatie is gesloten; de reacties "
                   "staan op de agenda van de eerstvolgende vergadering "
                   "van de vragende tafel.");

    page_alert_open(r, "info");
    html_lit(b, "<p class=\"nl-paragraph\">Status: <strong>");
    status_text(r, "consultatie", c);
    html_lit(b, "</strong> — ");
    html_int(b, sqljson_int(c, "aantalReacties"));
    html_lit(b, sqljson_int(c, "aantalReacties") == 1 ? " reactie"
                                                      : " reacties");
    html_lit(b, ".</p>");
    page_alert_close(r);

    html_lit(b, "<dl class=\"koers-dl\">");
    snprintf(num, sizeof num, "%lld", id);
    page_dl_item(r, "Nummer", num);
    html_lit(b, "<dt>Vragende tafel</dt><dd>");
    page_code_link(r, "/overleggen/", json_object_get(c, "overleg"));
    html_lit(b, "</dd><dt>Reageren kan tot en met</dt><dd>");
    page_date_long(r, sqljson_str(c, "deadline"));
    html_lit(b, "</dd><dt>Uitgezet</dt><dd>");
    page_date_long(r, sqljson_str(c, "aangemaaktOp"));
    if (names && sqljson_str(c, "aangemaaktDoor")[0]) {
        html_lit(b, " door ");
        html_txt(b, sqljson_str(c, "aangemaaktDoor"));
    }
    html_lit(b, "</dd></dl>\n");

    page_h2(r, "De vraag aan de regio's");
    page_text_block(r, sqljson_str(c, "tekst"), FLOW_TEXT_MAX);

    page_h2_id(r, "reacties", "Reacties per regio");
    if (json_array_size(reacties) == 0)
        page_para(r, "Nog geen reacties.");
    else
        reacties_table(r, reacties, names);

    if (form && strcmp(form, "reactie") == 0 && err)
        reactie_form(r, id, c, err);
    else if (open && flow_may_answer(&r->who, NULL))
        reactie_form(r, id, c, NULL);

    if (may_close || (form && strcmp(form, "sluiting") == 0 && err)) {
        page_h2_id(r, "sluiten", "Consultatie sluiten");
        if (form && strcmp(form, "sluiting") == 0 && err)
            page_alert(r, "error", err);
    }
    if (may_close) {
        page_para(r, "Na het sluiten kunnen de regio's niet meer reageren; "
                     "de reacties komen op de agenda van de eerstvolgende "
                     "vergadering van de vragende tafel.");
        form_open(r, "/consultaties/", id, "/sluiting");
        page_submit(r, "Consultatie sluiten", 0);
        html_lit(b, "</form>\n");
    }
    agenda_section(r, json_object_get(c, "agendapunten"),
                   "Na het sluiten staan de reacties op de agenda van de "
                   "vragende tafel.");
    flow_links(r);
    page_end(r);
    json_decref(c);
}

void ui_consultatie(struct req *r)
{
    long long id = page_path_id(r, "Deze consultatie bestaat niet.");

    if (id > 0)
        consultatie_page(r, id, NULL, NULL);
}

void ui_consultatie_reactie(struct req *r)
{
    long long id = page_path_id(r, "Deze consultatie bestaat niet.");
    const char *region = page_nonempty(req_field(r, "regio"));
    struct fault f = { 0 };
    json_t *in;
    int rc = -1, created;

    if (id < 0)
        return;
    in = json_object();
    page_set_text(in, "tekst", req_field(r, "tekst"));
    if (region == NULL)
        fault_set(&f, FAULT_INVALID, "Kies de regio waarvoor u reageert.");
    else
        rc = flow_consultatie_answer(r->db, &r->who, id, region, in,
                                     &created, &f);
    json_decref(in);
    if (rc == 0) {
        page_redirect_id(r, "/consultaties/", id, "?gereageerd=1#reacties");
        return;
    }
    /* an unknown region is a wrong choice in the form, not a lost page */
    if (f.kind == FAULT_NOTFOUND && region)
        f.kind = FAULT_INVALID;
    if (!refused(r, &f))
        consultatie_page(r, id, "reactie", f.msg[0] ? f.msg
                                                    : "Opslaan is mislukt.");
}

void ui_consultatie_close(struct req *r)
{
    long long id = page_path_id(r, "Deze consultatie bestaat niet.");
    struct fault f = { 0 };

    if (id < 0)
        return;
    if (flow_consultatie_close(r->db, &r->who, id, &f) == 0) {
        page_redirect_id(r, "/consultaties/", id, "?gesloten=1");
        return;
    }
    if (!refused(r, &f))
        consultatie_page(r, id, "sluiting", f.msg[0] ? f.msg
                                                     : "Opslaan is mislukt.");
}

/* ------------------------------------------------------------------ */
/* SER-verzoeken                                                       */

/* The tables that put questions to the SER, for the selects. */
static json_t *ser_bodies(struct req *r)
{
    return sqljson_rows(r->db, "SELECT code, name AS naam FROM body WHERE "
                               "code IN ('koersoverleg', 'dg-overleg') "
                               "ORDER BY ord", "");
}

void ui_ser_verzoeken(struct req *r)
{
    static const char *const cols[] = { "#Nr", "Vraag", "Vragende tafel",
        "Status", "Gesteld", "Advies ontvangen", NULL };
    struct flow_filter flt = { 0 };
    struct fault f = { 0 };
    struct buf *b = &r->out;
    long long page = list_page(r), total = 0, pages;
    json_t *items, *bodies, *statuses, *s;
    struct page_choices sc = { 0 };
    char caption[160];
    size_t i;

    if (page < 0)
        return;
    flt.status = page_nonempty(req_query(r, "status"));
    flt.body = page_nonempty(req_query(r, "overleg"));
    items = flow_ser_list(r->db, &flt, (page - 1) * UI_FLOW_PAGE,
                          UI_FLOW_PAGE, &total, &f);
    if (items == NULL) {
        page_error(r, f.kind == FAULT_INVALID ? 400 : 500, "Ongeldige "
                   "keuze", f.msg);
        return;
    }
    pages = total == 0 ? 1 : (total + UI_FLOW_PAGE - 1) / UI_FLOW_PAGE;
    if (page > pages) {
        json_decref(items);
        page_error(r, 404, "Pagina bestaat niet", "Deze lijst heeft minder "
                   "pagina's.");
        return;
    }
    bodies = ser_bodies(r);
    statuses = flow_ser_statuses();
    if (page_choices_from(&sc, statuses, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "De pagina kon niet worden "
                   "opgebouwd.");
        goto cleanup;
    }
    page_begin(r, "SER-verzoeken", "/ser-verzoeken");
    page_para(r, "Bij complexe sociaal-economische vraagstukken kan via de "
                 "governance een verzoek aan de SER worden gedaan om het "
                 "vraagstuk te onderzoeken en met een oplossing te komen. "
                 "Het koersoverleg of het DG-overleg stelt de vraag; het "
                 "advies van de SER komt op de agenda van die tafel.");
    page_bron(r, BRON_SER, 1879, 1884);
    if (flow_may(&r->who, ACT_SER_BEHEREN, NULL))
        new_link(r, "/ser-verzoeken/nieuw", "SER-verzoek vastleggen");
    list_filters(r, "/ser-verzoeken", &flt, sc.v, sc.l, bodies,
                 "Vragende tafel");
    if (total == 0) {
        page_para(r, "Geen SER-verzoeken gevonden.");
    } else {
        snprintf(caption, sizeof caption, "SER-verzoeken: %lld gevonden, "
                 "pagina %lld van %lld", total, page, pages);
        page_table_open(r, "ser-tabel", caption, cols);
        json_array_foreach(items, i, s) {
            char idtxt[24];

            snprintf(idtxt, sizeof idtxt, "%lld", sqljson_int(s, "id"));
            html_lit(b, "<tr class=\"utrecht-table__row\">");
            page_td_num(r, sqljson_int(s, "id"));
            page_th_row_open(r);
            html_lit(b, "<a class=\"nl-link\" href=\"/ser-verzoeken/");
            html_url_arg(b, idtxt);
            html_lit(b, "\">");
            text_short(r, sqljson_str(s, "vraag"), UI_QUESTION_SHORT);
            html_lit(b, "</a></th>");
            page_td_open(r);
            html_txt(b, sqljson_str(json_object_get(s, "overleg"), "naam"));
            html_lit(b, "</td>");
            page_td_open(r);
            status_text(r, "ser", s);
            html_lit(b, "</td>");
            td_date(r, sqljson_str(s, "gesteldOp"));
            td_date(r, sqljson_str(s, "adviesOp"));
            html_lit(b, "</tr>");
        }
        page_table_close(r);
        list_pager(r, "/ser-verzoeken", &flt, page, pages);
    }
    flow_links(r);
    page_end(r);
cleanup:
    page_choices_free(&sc);
    json_decref(statuses);
    json_decref(bodies);
    json_decref(items);
}

static void ser_form(struct req *r, const char *err)
{
    json_t *bodies = ser_bodies(r);
    struct page_choices bc = { 0 };

    if (page_choices_from(&bc, bodies, "code", "naam", 0, 0) != 0) {
        page_error(r, 500, "Interne fout", "Het formulier kon niet worden "
                   "opgebouwd.");
        json_decref(bodies);
        return;
    }
    page_begin(r, "SER-verzoek vastleggen", "/ser-verzoeken");
    if (err)
        page_alert(r, "error", err);
    page_para(r, "Leg een vraag aan de SER vast. Het verzoek begint als "
                 "voorbereid; zodra de vraag is gesteld, komt zij op de "
                 "agenda van de SER.");
    page_bron(r, BRON_SER, 1879, 1884);
    form_open(r, "/ser-verzoeken", 0, "");
    page_select(r, "overleg", "Vragende tafel", bc.v, bc.l,
                req_field(r, "overleg"), "Kies de tafel", NULL);
    page_field(r, "vraag", "De vraag aan de SER: welk sociaal-economisch "
               "vraagstuk, en wat wil de tafel weten?", "textarea",
               req_field(r, "vraag"), NULL, 1);
    page_submit(r, "SER-verzoek vastleggen", 1);
    html_lit(&r->out, "</form>\n");
    page_end(r);
    page_choices_free(&bc);
    json_decref(bodies);
}

void ui_ser_new(struct req *r)
{
    if (!flow_may(&r->who, ACT_SER_BEHEREN, NULL)) {
        page_error(r, 403, "Geen toestemming", "Uw rol mag geen "
                   "SER-verzoeken vastleggen. Dat mogen de beheerder, de "
                   "secretaris en de boegbeeld.");
        return;
    }
    ser_form(r, NULL);
}

void ui_ser_create(struct req *r)
{
    json_t *in = json_object();
    struct fault f = { 0 };
    long long id;

    page_set_text(in, "overleg", req_field(r, "overleg"));
    page_set_text(in, "vraag", req_field(r, "vraag"));
    id = flow_ser_create(r->db, &r->who, in, &f);
    json_decref(in);
    created(r, id, &f, ser_form, "/ser-verzoeken/", "?vastgelegd=1");
}

/* The status form of SER request id with its next steps. */
static void ser_step_form(struct req *r, long long id, json_t *next,
                          const char *err)
{
    struct page_choices nc = { 0 };

    if (page_choices_from(&nc, next, "naar", "naam", 0, 0) != 0)
        return;
    form_open(r, "/ser-verzoeken/", id, "/overgang");
    page_select(r, "naar", "Nieuwe status", nc.v, nc.l,
                err ? req_field(r, "naar") : NULL, NULL, NULL);
    area_hint(r, "advies", "Advies van de SER", "Verplicht bij \"Advies "
              "ontvangen\"; laat leeg bij de andere stappen.",
              err ? req_field(r, "advies") : NULL);
    page_submit(r, "Status vastleggen", 1);
    html_lit(&r->out, "</form>\n");
    page_choices_free(&nc);
}

static void ser_page(struct req *r, long long id, const char *err)
{
    json_t *s = flow_ser_get(r->db, id, req_logged_in(r)), *next, *st, *x;
    struct buf *b = &r->out;
    char title[64], num[24];
    size_t i;

    if (s == NULL) {
        page_error(r, 404, "Niet gevonden", "Dit SER-verzoek bestaat "
                   "niet.");
        return;
    }
    next = json_object_get(s, "mogelijkeOvergangen");
    snprintf(title, sizeof title, "SER-verzoek %lld", id);
    page_begin(r, title, "/ser-verzoeken");
    if (req_query(r, "vastgelegd"))
        page_alert(r, "ok", "Het SER-verzoek is vastgelegd.");
    if (req_query(r, "gewijzigd"))
        page_alert(r, "ok", "De status is vastgelegd.");

    page_alert_open(r, "info");
    html_lit(b, "<p class=\"nl-paragraph\">Status: <strong>");
    status_text(r, "ser", s);
    html_lit(b, "</strong></p>");
    page_alert_close(r);

    html_lit(b, "<dl class=\"koers-dl\">");
    snprintf(num, sizeof num, "%lld", id);
    page_dl_item(r, "Nummer", num);
    html_lit(b, "<dt>Vragende tafel</dt><dd>");
    page_code_link(r, "/overleggen/", json_object_get(s, "overleg"));
    html_lit(b, "</dd><dt>Vastgelegd</dt><dd>");
    page_date_long(r, sqljson_str(s, "aangemaaktOp"));
    html_lit(b, "</dd>");
    if (sqljson_str(s, "gesteldOp")[0]) {
        html_lit(b, "<dt>Gesteld aan de SER</dt><dd>");
        page_date_long(r, sqljson_str(s, "gesteldOp"));
        html_lit(b, "</dd>");
    }
    if (sqljson_str(s, "adviesOp")[0]) {
        html_lit(b, "<dt>Advies ontvangen</dt><dd>");
        page_date_long(r, sqljson_str(s, "adviesOp"));
        html_lit(b, "</dd>");
    }
    html_lit(b, "</dl>\n");

    page_h2(r, "De vraag");
    page_text_block(r, sqljson_str(s, "vraag"), FLOW_TEXT_MAX);
    if (sqljson_str(s, "advies")[0]) {
        page_h2(r, "Het advies van de SER");
        page_text_block(r, sqljson_str(s, "advies"), FLOW_TEXT_MAX);
    }

    if (err || (json_array_size(next) > 0 &&
                flow_may(&r->who, ACT_SER_BEHEREN, NULL))) {
        page_h2_id(r, "status", "Status bijwerken");
        if (err)
            page_alert(r, "error", err);
    }
    if (json_array_size(next) > 0 &&
        flow_may(&r->who, ACT_SER_BEHEREN, NULL))
        ser_step_form(r, id, next, err);

    agenda_section(r, json_object_get(s, "agendapunten"),
                   "De gestelde vraag op de agenda van de SER en het advies "
                   "op de agenda van de vragende tafel.");
    page_h3(r, "De statussen van een SER-verzoek");
    st = flow_ser_statuses();
    html_lit(b, "<p class=\"nl-paragraph\">");
    json_array_foreach(st, i, x) {
        html_lit(b, i == 0 ? "" : i == 4 ? "; of " : " → ");
        html_txt(b, sqljson_str(x, "naam"));
    }
    html_lit(b, " (vóór het advies).</p>\n");
    json_decref(st);
    flow_links(r);
    page_end(r);
    json_decref(s);
}

void ui_ser(struct req *r)
{
    long long id = page_path_id(r, "Dit SER-verzoek bestaat niet.");

    if (id > 0)
        ser_page(r, id, NULL);
}

void ui_ser_transition(struct req *r)
{
    long long id = page_path_id(r, "Dit SER-verzoek bestaat niet.");
    struct fault f = { 0 };
    json_t *in;
    int rc = -1;

    if (id < 0)
        return;
    in = json_object();
    page_set_text(in, "naar", req_field(r, "naar"));
    page_set_text(in, "advies", req_field(r, "advies"));
    if (json_object_get(in, "naar") == NULL)
        fault_set(&f, FAULT_INVALID, "Kies de nieuwe status.");
    else
        rc = flow_ser_transition(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc == 0) {
        page_redirect_id(r, "/ser-verzoeken/", id, "?gewijzigd=1");
        return;
    }
    if (!refused(r, &f))
        ser_page(r, id, f.msg[0] ? f.msg : "Opslaan is mislukt.");
}

/* ------------------------------------------------------------------ */
/* Inbox                                                               */

/* "Eerste 50 van 120 getoond." when a section was cut. */
static void cut_note(struct req *r, json_t *sec)
{
    long long n = sqljson_int(sec, "aantal");
    size_t shown = json_array_size(json_object_get(sec, "items"));

    if ((long long)shown >= n)
        return;
    html_lit(&r->out, "<p class=\"nl-paragraph koers-muted\">De eerste ");
    html_int(&r->out, (long long)shown);
    html_lit(&r->out, " van ");
    html_int(&r->out, n);
    html_lit(&r->out, " staan hier.</p>\n");
}

static void inbox_heading(struct req *r, const char *id, const char *text,
                          json_t *sec)
{
    char h[128];

    snprintf(h, sizeof h, "%s (%lld)", text, sqljson_int(sec, "aantal"));
    page_h2_id(r, id, h);
}

static void inbox_knelpunten(struct req *r, json_t *sec)
{
    static const char *const cols[] = { "Knelpunt", "Regio", "Ligt bij",
        "#Wacht (dagen)", NULL };
    struct buf *b = &r->out;
    json_t *k;
    size_t i;

    inbox_heading(r, "knelpunten", "Knelpunten om te behandelen", sec);
    if (sqljson_int(sec, "aantal") == 0) {
        page_para(r, "Er wachten geen knelpunten op een stap die u mag "
                     "zetten.");
        return;
    }
    page_table_open(r, "inbox-knelpunten", "Knelpunten die wachten op een "
                    "stap die u mag zetten", cols);
    json_array_foreach(json_object_get(sec, "items"), i, k) {
        json_t *tafel = json_object_get(k, "overleg");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/knelpunten/", sqljson_int(k, "id"),
                     sqljson_str(k, "titel"));
        if (json_is_true(json_object_get(k, "teLaat")))
            badge(r, "error", "te laat");
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(k, "regio"), "naam"));
        html_lit(b, "</td>");
        page_td_open(r);
        html_txt(b, json_is_object(tafel) ? sqljson_str(tafel, "naam")
                 : sqljson_str(json_object_get(k, "toestand"), "naam"));
        html_lit(b, "</td>");
        page_td_num(r, sqljson_int(k, "wachtDagen"));
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    cut_note(r, sec);
}

static void inbox_verzoeken(struct req *r, json_t *sec)
{
    static const char *const cols[] = { "Verzoek", "Aan", "Deadline",
                                        NULL };
    struct buf *b = &r->out;
    json_t *v;
    size_t i;

    inbox_heading(r, "verzoeken", "Verzoeken om te beantwoorden", sec);
    if (sqljson_int(sec, "aantal") == 0) {
        page_para(r, "Er wachten geen verzoeken op een antwoord dat u mag "
                     "vastleggen.");
        return;
    }
    page_table_open(r, "inbox-verzoeken", "Open verzoeken", cols);
    json_array_foreach(json_object_get(sec, "items"), i, v) {
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/verzoeken/", sqljson_int(v, "id"),
                     sqljson_str(v, "titel"));
        if (json_is_true(json_object_get(v, "teLaat")))
            badge(r, "error", "deadline verstreken");
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(v, "aan"), "naam"));
        html_lit(b, "</td>");
        td_date(r, sqljson_str(v, "deadline"));
        html_lit(b, "</tr>");
    }
    page_table_close(r);
    cut_note(r, sec);
}

static void inbox_consultaties(struct req *r, json_t *sec)
{
    static const char *const cols[] = { "Consultatie", "Vragende tafel",
        "Deadline", "Wat te doen", NULL };
    struct buf *b = &r->out;
    json_t *c;
    size_t i;

    inbox_heading(r, "consultaties", "Consultaties", sec);
    if (sqljson_int(sec, "aantal") == 0) {
        page_para(r, "Er wachten geen consultaties op een reactie van uw "
                     "regio of op het sluiten.");
        return;
    }
    page_table_open(r, "inbox-consultaties", "Open consultaties", cols);
    json_array_foreach(json_object_get(sec, "items"), i, c) {
        int answer = strcmp(sqljson_str(c, "actie"), "beantwoorden") == 0;

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        page_id_link(r, "/consultaties/", sqljson_int(c, "id"),
                     sqljson_str(c, "titel"));
        html_lit(b, "</th>");
        page_td_open(r);
        html_txt(b, sqljson_str(json_object_get(c, "overleg"), "naam"));
        html_lit(b, "</td>");
        td_date(r, sqljson_str(c, "deadline"));
        page_td_open(r);
        if (answer) {
            html_lit(b, "Reageren voor ");
            html_txt(b, sqljson_str(c, "regio"));
        } else {
            html_lit(b, "Sluiten: de termijn is verstreken");
        }
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
    cut_note(r, sec);
}

static void inbox_acties(struct req *r, json_t *sec)
{
    static const char *const cols[] = { "Actie", "Eigenaar", "Deadline",
                                        "Uit", NULL };
    struct buf *b = &r->out;
    json_t *a;
    size_t i;

    inbox_heading(r, "acties", "Acties over de deadline", sec);
    if (sqljson_int(sec, "aantal") == 0) {
        page_para(r, "Geen acties over de deadline.");
        return;
    }
    page_table_open(r, "inbox-acties", "Acties over de deadline", cols);
    json_array_foreach(json_object_get(sec, "items"), i, a) {
        json_t *m = json_object_get(a, "vergadering");
        json_t *d = json_object_get(a, "doelstelling");

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        if (strcmp(sqljson_str(a, "soort"), "doel") == 0)
            page_id_link(r, "/uitvoeringsacties/", sqljson_int(a, "id"),
                         sqljson_str(a, "omschrijving"));
        else
            html_txt(b, sqljson_str(a, "omschrijving"));
        badge(r, "error", "te laat");
        html_lit(b, "</th>");
        page_td(r, a, "eigenaar");
        td_date(r, sqljson_str(a, "deadline"));
        page_td_open(r);
        if (json_is_object(m)) {
            html_lit(b, "Vergadering: ");
            page_id_link(r, "/vergaderingen/", sqljson_int(m, "id"),
                         sqljson_str(m, "titel"));
        } else if (json_is_object(d)) {
            html_lit(b, "Doelstelling: ");
            page_id_link(r, "/doelstellingen/", sqljson_int(d, "id"),
                         sqljson_str(d, "titel"));
        }
        html_lit(b, "</td></tr>");
    }
    page_table_close(r);
    cut_note(r, sec);
}

void ui_inbox(struct req *r)
{
    static const struct {
        const char *key, *anchor, *label;
    } parts[] = {
        { "knelpunten", "#knelpunten", "Knelpunten om te behandelen" },
        { "verzoeken", "#verzoeken", "Verzoeken om te beantwoorden" },
        { "consultaties", "#consultaties", "Consultaties" },
        { "acties", "#acties", "Acties over de deadline" },
    };
    json_t *box = flow_inbox(r->db, &r->who);
    struct buf *b = &r->out;
    size_t i;

    if (box == NULL) {
        page_error(r, 500, "Interne fout", "De inbox kon niet worden "
                   "gelezen.");
        return;
    }
    page_begin(r, "Inbox", "/inbox");
    html_lit(b, "<p class=\"nl-paragraph\">Wat op u wacht als ");
    html_txt(b, perm_role_label(r->who.role));
    if (r->who.scope[0]) {
        html_lit(b, " (");
        html_txt(b, r->who.scope);
        html_lit(b, ")");
    }
    html_lit(b, ": ");
    html_int(b, sqljson_int(box, "totaal"));
    html_lit(b, sqljson_int(box, "totaal") == 1 ? " onderwerp." :
                                                  " onderwerpen.");
    html_lit(b, "</p>\n<ul class=\"utrecht-unordered-list\">");
    for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><a "
                    "class=\"nl-link\" href=\"");
        html_attr(b, parts[i].anchor);
        html_lit(b, "\">");
        html_txt(b, parts[i].label);
        html_lit(b, "</a>: <span class=\"utrecht-data-badge\">");
        html_int(b, sqljson_int(json_object_get(box, parts[i].key),
                                "aantal"));
        html_lit(b, "</span></li>");
    }
    html_lit(b, "</ul>\n");
    inbox_knelpunten(r, json_object_get(box, "knelpunten"));
    inbox_verzoeken(r, json_object_get(box, "verzoeken"));
    inbox_consultaties(r, json_object_get(box, "consultaties"));
    inbox_acties(r, json_object_get(box, "acties"));
    flow_links(r);
    page_end(r);
    json_decref(box);
}
