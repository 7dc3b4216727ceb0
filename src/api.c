/* api.c - JSON responses, problems (also for a domain's refusal), path
 * ids and pagination (see api.h). */
#include "api.h"
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
    s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
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
static long query_int(struct req *r, const char *name, long dflt, long max)
{
    const char *v = req_query(r, name);
    char *end;
    long n;

    if (v == NULL)
        return dflt;
    if (v[0] < '1' || v[0] > '9' || strlen(v) > 9)
        return -1;
    n = strtol(v, &end, 10);
    if (*end != '\0' || n < 1 || n > max)
        return -1;
    return n;
}

static json_t *page_link(const char *path, long page, long size)
{
    char href[1200];

    snprintf(href, sizeof href, "%s?pagina=%ld&paginaGrootte=%ld", path,
             page, size);
    return json_pack("{s:s}", "href", href);
}

void api_collection(struct req *r, const char *name, json_t *items)
{
    long page = query_int(r, "pagina", 1, 100000000);
    long size = query_int(r, "paginaGrootte", API_PAGE_DEFAULT, API_PAGE_MAX);
    long total, pages, i;
    json_t *slice, *links, *out;

    if (page < 0 || size < 0) {
        json_decref(items);
        api_problem(r, 400, "Ongeldige paginering",
                    "pagina moet een geheel getal vanaf 1 zijn en "
                    "paginaGrootte een geheel getal van 1 tot en met 100.");
        return;
    }
    total = (long)json_array_size(items);
    pages = total == 0 ? 1 : (total + size - 1) / size;
    if (page > pages) {
        json_decref(items);
        api_problem(r, 400, "Ongeldige paginering",
                    "Deze pagina bestaat niet: de collectie heeft minder "
                    "pagina's.");
        return;
    }
    slice = json_array();
    for (i = (page - 1) * size; i < total && i < page * size; i++)
        json_array_append(slice, json_array_get(items, (size_t)i));
    json_decref(items);
    links = json_pack("{s:o, s:o, s:o}", "self", page_link(r->path, page, size),
                      "first", page_link(r->path, 1, size),
                      "last", page_link(r->path, pages, size));
    if (page > 1)
        json_object_set_new(links, "prev", page_link(r->path, page - 1, size));
    if (page < pages)
        json_object_set_new(links, "next", page_link(r->path, page + 1, size));
    out = json_pack("{s:{s:o}, s:o, s:i, s:i, s:i, s:i}",
                    "_embedded", name, slice, "_links", links,
                    "pagina", (json_int_t)page,
                    "paginaGrootte", (json_int_t)size,
                    "totaalAantal", (json_int_t)total,
                    "totaalPaginas", (json_int_t)pages);
    api_json(r, 200, out);
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
