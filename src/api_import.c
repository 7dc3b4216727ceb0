/* api_import.c - POST /api/v1/imports: a source file into the monitor
 * through the JSON API.
 *
 * Owns: the API face of the import engine (import.h). The request body is
 * the file itself (text/csv, up to HTTP_MAX_UPLOAD: the route is flagged
 * ROUTE_UPLOAD), query parameters bron (a mapping code; recognised from
 * the header when absent), bestandsnaam (stored with the batch) and
 * controle=ja (a dry run). The answer is the import summary; refused
 * input is a problem+json whose "fouten" lists every line-numbered error,
 * and nothing is stored. */
#include "api_routes.h"
#include "api.h"
#include "import.h"
#include "perm.h"
#include "text.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static json_t *summary_json(const struct import_summary *s)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, "
                          "s:I, s:I, s:I, s:b}",
        "bron", s->source, "bronNaam", s->source_name, "soort", s->kind,
        "bestand", s->file, "sha256", s->sha256,
        "gelezen", (json_int_t)s->rows_read,
        "nieuw", (json_int_t)s->imported,
        "gewijzigd", (json_int_t)s->updated,
        "ongewijzigd", (json_int_t)s->unchanged,
        "overgeslagen", (json_int_t)s->skipped,
        "regiosToegevoegd", (json_int_t)s->regions_added,
        "koppelingenGewijzigd", (json_int_t)s->links_changed,
        "alleenControle", s->dry_run);
    json_t *why = json_array();
    int i;

    if (o == NULL || why == NULL) {
        json_decref(o);
        json_decref(why);
        return NULL;
    }
    for (i = 0; i < s->nreasons; i++)
        json_array_append_new(why, json_pack("{s:s, s:I}", "reden",
                              s->reasons[i].text,
                              (json_int_t)s->reasons[i].count));
    json_object_set_new(o, "redenenOvergeslagen", why);
    json_object_set_new(o, "importBatch", s->batch_id
                        ? json_integer(s->batch_id) : json_null());
    return o;
}

/* The refusal with every line-numbered error of the file. */
static void refuse(struct req *r, const struct import_summary *s,
                   const struct fault *f)
{
    int status = f->kind ? (int)f->kind : 500;
    json_t *p, *errs = json_array();
    char *txt;
    int i;

    for (i = 0; s && i < s->nerrors; i++)
        json_array_append_new(errs, json_string(s->errors[i]));
    p = json_pack("{s:i, s:s, s:s, s:s, s:o, s:b}", "status", status,
                  "title", status == 403 ? "Geen toestemming"
                         : status == 500 ? "Interne fout"
                                         : "Ongeldige invoer",
                  "detail", f->msg[0] ? f->msg : "Het bestand is geweigerd.",
                  "instance", r->path, "fouten", errs,
                  "meerFouten", s ? s->more_errors : 0);
    txt = p ? json_dumps(p, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(p);
    r->status = status;
    r->ctype = "application/problem+json";
    buf_reset(&r->out);
    buf_puts(&r->out, txt ? txt : "{\"status\":500}");
    free(txt);
}

void api_import_nieuw(struct req *r)
{
    const char *source = req_query(r, "bron");
    const char *name = req_query(r, "bestandsnaam");
    const char *check = req_query(r, "controle");
    struct import_opts o = { 0 };
    struct import_summary *s;
    struct fault f = { 0 };
    char data_dir[PATH_MAX];
    json_t *out;

    if (check && strcmp(check, "ja") && strcmp(check, "nee")) {
        api_problem(r, 400, "Ongeldige invoer", "controle is ja of nee.");
        return;
    }
    if (source && (!source[0] || strlen(source) > 64 ||
                   !text_is_code(source))) {
        api_problem(r, 400, "Ongeldige invoer", "bron is de code van een "
                    "brondefinitie, bijvoorbeeld koers-lang.");
        return;
    }
    if (name == NULL || !name[0])
        name = "upload.csv";
    if (strlen(name) > 200 || !text_clean(name, 0)) {
        api_problem(r, 400, "Ongeldige invoer", "bestandsnaam is een korte "
                    "naam zonder regeleinden of stuurtekens.");
        return;
    }
    /* the engine checks the permission (and audits a refusal) first */
    if (r->body.len == 0 && perm_allowed(r->who.role, r->who.scope,
                                         ACT_MONITOR_IMPORTEREN, NULL)) {
        api_problem(r, 400, "Ongeldige invoer", "De body is leeg: stuur het "
                    "bestand zelf als body (text/csv).");
        return;
    }
    s = malloc(sizeof *s);
    if (s == NULL) {
        api_problem(r, 500, "Interne fout", "Onvoldoende geheugen.");
        return;
    }
    import_data_dir(data_dir, sizeof data_dir);
    o.data_dir = data_dir;
    o.source = source;
    o.dry_run = check && strcmp(check, "ja") == 0;
    if (import_buffer(r->db, &r->who, name, buf_str(&r->body), r->body.len,
                      &o, s, &f) != 0) {
        refuse(r, s, &f);
        free(s);
        return;
    }
    out = summary_json(s);
    api_json(r, s->batch_id ? 201 : 200, out);
    free(s);
}
