/* api.c - JSON responses, problems (also for a domain's refusal), path
 * ids and pagination (see api.h). */
#include "api.h"
#include "buf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void api_json(struct req *r, int status, json_t *v)
{
    char *s;

    r->status = status;
    r->ctype = "application/json";
    if (v == NULL) {
        api_problem(r, 500, "Interne fout", "Het antwoord kon niet worden "
                                            "samengesteld.");
        return;
    }
    s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII |
                   JSON_REAL_PRECISION(12));
    json_decref(v);
    if (s == NULL) {
        api_problem(r, 500, "Interne fout", "Het antwoord kon niet worden "
                                            "samengesteld.");
        return;
    }
    buf_reset(&r->out);
    buf_puts(&r->out, s);
    free(s);
}

void api_problem(struct req *r, int status, const char *title,
                 const char *detail)
{
    json_t *p = json_pack("{s:i, s:s, s:s, s:s}", "status", status,
                          "title", title, "detail", detail,
                          "instance", r->path[0] ? r->path : "/");
    char *s = p ? json_dumps(p, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;

    json_decref(p);
    r->status = status;
    r->ctype = "application/problem+json";
    buf_reset(&r->out);
    buf_puts(&r->out, s ? s : "{\"status\":500}");
    free(s);
}

/* The problem title for a kind of refusal (fault.h). */
static const char *fault_title(enum fault_kind k)
{
    switch (k) {
    case FAULT_INVALID: return "Ongeldige invoer";
    case FAULT_FORBIDDEN: return "Geen toestemming";
    case FAULT_NOTFOUND: return "Niet gevonden";
    case FAULT_CONFLICT: return "Conflict";
    case FAULT_RULE: return "Geweigerd door een regel van het rapport";
    default: return "Interne fout";
    }
}

void api_fault(struct req *r, const struct fault *f)
{
    api_problem(r, f->kind ? (int)f->kind : 500, fault_title(f->kind),
                f->msg[0] ? f->msg : "Onbekende fout.");
}

long long api_path_id(struct req *r, int i)
{
    const char *s = r->param[i];
    char *end;
    long long v;

    if (s[0] >= '1' && s[0] <= '9' && strlen(s) <= 15) {
        v = strtoll(s, &end, 10);
        if (*end == '\0')
            return v;
    }
    api_problem(r, 400, "Ongeldig id", "Een id is een geheel getal vanaf 1.");
    return -1;
}

/* Parse a positive integer query parameter within [1, max]; -1 when it
 * is present but not a plain decimal number in range. */
static long long query_int(struct req *r, const char *name, long long dflt,
                           long long max)
{
    const char *v = req_query(r, name);
    char *end;
    long long n;

    if (v == NULL)
        return dflt;
    if (v[0] < '1' || v[0] > '9' || strlen(v) > 9)
        return -1;
    n = strtoll(v, &end, 10);
    if (*end != '\0' || n < 1 || n > max)
        return -1;
    return n;
}

int api_page_params(struct req *r, long long *page, long long *size)
{
    *page = query_int(r, "pagina", 1, API_PAGE_NUMBER_MAX);
    *size = query_int(r, "paginaGrootte", API_PAGE_DEFAULT, API_PAGE_MAX);
    if (*page > 0 && *size > 0)
        return 0;
    api_problem(r, 400, "Ongeldige paginering",
                "pagina moet een geheel getal vanaf 1 zijn en "
                "paginaGrootte een geheel getal van 1 tot en met 100.");
    return -1;
}

/* {"href": path?<before>pagina=P&paginaGrootte=S<after>} */
static json_t *page_link(const char *path, const char *before,
                         const char *after, long long page, long long size)
{
    struct buf b;
    json_t *o;

    buf_init(&b, API_HREF_MAX);
    buf_printf(&b, "%s?%spagina=%lld&paginaGrootte=%lld%s", path, before,
               page, size, after);
    o = json_pack("{s:s}", "href", buf_str(&b));
    buf_free(&b);
    return o;
}

void api_page_send(struct req *r, const char *path, const char *name,
                   json_t *items, long long total, long long page,
                   long long size, const char *before, const char *after)
{
    long long pages = total == 0 ? 1 : (total + size - 1) / size;
    json_t *links;

    if (page > pages) {
        json_decref(items);
        api_problem(r, 400, "Ongeldige paginering",
                    "Deze pagina bestaat niet: de collectie heeft minder "
                    "pagina's.");
        return;
    }
    links = json_pack("{s:o, s:o, s:o}",
                      "self", page_link(path, before, after, page, size),
                      "first", page_link(path, before, after, 1, size),
                      "last", page_link(path, before, after, pages, size));
    if (page > 1)
        json_object_set_new(links, "prev", page_link(path, before, after,
                                                     page - 1, size));
    if (page < pages)
        json_object_set_new(links, "next", page_link(path, before, after,
                                                     page + 1, size));
    api_json(r, 200, json_pack("{s:{s:o}, s:o, s:I, s:I, s:I, s:I}",
                               "_embedded", name, items, "_links", links,
                               "pagina", (json_int_t)page,
                               "paginaGrootte", (json_int_t)size,
                               "totaalAantal", (json_int_t)total,
                               "totaalPaginas", (json_int_t)pages));
}

void api_collection(struct req *r, const char *name, json_t *items)
{
    long long page, size, total, i;
    json_t *slice;

    if (api_page_params(r, &page, &size) != 0) {
        json_decref(items);
        return;
    }
    total = (long long)json_array_size(items);
    slice = json_array();
    for (i = (page - 1) * size; i < total && i < page * size; i++)
        json_array_append(slice, json_array_get(items, (size_t)i));
    json_decref(items);
    api_page_send(r, r->path, name, slice, total, page, size, "", "");
}

const char *api_query_text(struct req *r, const char *name, size_t max,
                           int *bad)
{
    const char *v = req_query(r, name);
    char detail[160];

    if (v == NULL || v[0] == '\0' || *bad)
        return NULL;
    if (!text_clean(v, 0) || text_utf8_len(v) > max) {
        snprintf(detail, sizeof detail, "%s is tekst van hoogstens %zu "
                 "tekens, zonder stuurtekens.", name, max);
        api_problem(r, 400, "Ongeldige invoer", detail);
        *bad = 1;
        return NULL;
    }
    return v;
}

json_t *api_body_object(struct req *r)
{
    const char *ct = req_header(r, "Content-Type");
    json_error_t je;
    json_t *v;
    char detail[300];

    if (ct == NULL || strncmp(ct, "application/json", 16) != 0) {
        api_problem(r, 415, "Verkeerd mediatype",
                    "Stuur de gegevens als application/json.");
        return NULL;
    }
    if (!text_utf8_valid(buf_str(&r->body), r->body.len)) {
        api_problem(r, 400, "Ongeldige JSON", "De inhoud is geen geldige "
                                              "UTF-8.");
        return NULL;
    }
    v = json_loadb(buf_str(&r->body), r->body.len,
                   JSON_REJECT_DUPLICATES, &je);
    if (v == NULL) {
        snprintf(detail, sizeof detail,
                 "Ongeldige JSON op regel %d, kolom %d: %s", je.line,
                 je.column, je.text);
        api_problem(r, 400, "Ongeldige JSON", detail);
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        api_problem(r, 400, "Ongeldige JSON",
                    "Verwacht een JSON-object op het hoogste niveau.");
        return NULL;
    }
    return v;
}

int api_body_change(struct req *r, long long id, api_change_fn change)
{
    struct fault f = { 0 };
    json_t *in = api_body_object(r);
    int rc;

    if (in == NULL)
        return -1;
    rc = change(r->db, &r->who, id, in, &f);
    json_decref(in);
    if (rc != 0) {
        api_fault(r, &f);
        return -1;
    }
    return 0;
}
