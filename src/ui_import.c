/* ui_import.c - the upload page of the monitor: /monitor/import.
 *
 * Owns: the form (a file, an optional source, "alleen controleren"), the
 * table of the latest import batches (provenance: source, file, sha256,
 * who, when, counts), and the answer to an upload: the import summary or
 * the line-numbered errors. The upload route is flagged ROUTE_UPLOAD
 * (64 MiB, parsed while it arrives); the import itself is import.h, one
 * transaction, nothing stored on any error. Importing needs
 * ACT_MONITOR_IMPORTEREN (beheerder, secretaris); a refusal is audited. */
#include "html.h"
#include "import.h"
#include "page.h"
#include "perm.h"
#include "sqljson.h"
#include "text.h"
#include "ui.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_IMPORT_BATCHES 20

static int may_import(struct req *r)
{
    return perm_allowed(r->who.role, r->who.scope, ACT_MONITOR_IMPORTEREN,
                        NULL);
}

/* The upload form; `source` and `dry` preset the choices. */
static void import_form(struct req *r, const char *data_dir,
                        const char *source, int dry)
{
    struct buf *b = &r->out;
    char **codes = NULL, **names = NULL;
    long n = import_sources(data_dir, &codes, &names), i;

    html_lit(b, "<form class=\"koers-form\" method=\"post\" "
                "action=\"/monitor/import\" enctype=\"multipart/form-data\">");
    page_csrf_field(r);
    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-bestand\">Bestand (CSV, hoogstens 64 MiB)</label>"
                "</div><div class=\"utrecht-form-field__input\"><input "
                "id=\"veld-bestand\" name=\"bestand\" type=\"file\" "
                "accept=\".csv,text/csv\" required></div></div>");
    html_lit(b, "<div class=\"utrecht-form-field\"><div class=\"utrecht-"
                "form-field__label\"><label class=\"utrecht-form-label\" "
                "for=\"veld-bron\">Bron</label></div><div class=\"utrecht-"
                "form-field__input\"><select class=\"utrecht-select utrecht-"
                "select--html-select\" id=\"veld-bron\" name=\"bron\">"
                "<option value=\"\">Automatisch herkennen aan de kopregel"
                "</option>");
    for (i = 0; i < n; i++) {
        html_lit(b, "<option value=\"");
        html_attr(b, codes[i]);
        html_lit(b, source && strcmp(source, codes[i]) == 0
                        ? "\" selected>" : "\">");
        html_txt(b, names[i]);
        html_lit(b, " (");
        html_txt(b, codes[i]);
        html_lit(b, ")</option>");
    }
    html_lit(b, "</select></div></div>");
    html_lit(b, "<div class=\"utrecht-form-field utrecht-form-field--"
                "checkbox\"><div class=\"utrecht-form-field__input\"><input "
                "class=\"utrecht-checkbox utrecht-checkbox--html-input\" "
                "type=\"checkbox\" name=\"droog\" value=\"1\" "
                "id=\"veld-droog\"");
    html_lit(b, dry ? " checked>" : ">");
    html_lit(b, "</div><div class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"veld-droog\">Alleen "
                "controleren (niets opslaan)</label></div></div>");
    page_submit(r, "Importeren", 1);
    html_lit(b, "</form>\n");
    import_sources_free(codes, names, n);
}

/* The latest import batches. */
static void batches_table(struct req *r)
{
    static const char *const cols[] = {
        "Import", "Tijdstip", "Bron", "Bestand", "Door", "#Regels",
        "#Nieuw", "#Gewijzigd", "#Ongewijzigd", "SHA-256", NULL };
    json_t *rows = import_batches(r->db, UI_IMPORT_BATCHES), *x;
    struct buf *b = &r->out;
    size_t i;

    if (json_array_size(rows) == 0) {
        page_para(r, "Er is nog niets geïmporteerd.");
        json_decref(rows);
        return;
    }
    page_table_open(r, "imports", "De laatste imports (herkomst van de "
                    "gegevens)", cols);
    json_array_foreach(rows, i, x) {
        const char *sha = sqljson_str(x, "sha256");
        char shortsha[17];

        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_int(b, sqljson_int(x, "id"));
        html_lit(b, "</th>");
        page_td(r, x, "tijdstip");
        page_td(r, x, "bron");
        page_td(r, x, "bestand");
        page_td(r, x, "gebruiker");
        page_td_num(r, sqljson_int(x, "gelezen"));
        page_td_num(r, sqljson_int(x, "nieuw"));
        page_td_num(r, sqljson_int(x, "gewijzigd"));
        page_td_num(r, sqljson_int(x, "ongewijzigd"));
        snprintf(shortsha, sizeof shortsha, "%s", sha);
        html_lit(b, "<td class=\"utrecht-table__cell\"><abbr title=\"");
        html_attr(b, sha);
        html_lit(b, "\">");
        html_txt(b, shortsha);
        html_lit(b, "…</abbr></td></tr>");
    }
    page_table_close(r);
    json_decref(rows);
}

static void intro(struct req *r)
{
    page_para(r, "Lees een bronbestand in de monitor in: een DUO-bestand "
                 "(hbo, wo, mbo), een CBS-tabel (data.csv), een bestand in "
                 "het lange formaat van Koers (indicator,regio,periode,"
                 "uitsplitsing,waarde,status), een lijst regiocodes "
                 "(RegioS.csv) of een regio-indeling. Koers herkent het "
                 "bestand aan de kopregel, controleert elke regel en slaat "
                 "alles in één keer op, of niets als er iets mis is. "
                 "Hetzelfde bestand nog eens inlezen verandert niets.");
}

/* The page: the form (for who may import), then the batches. An
 * outcome (summary or errors) is written by the caller in between via
 * `outcome`. */
static void import_page(struct req *r, int status,
                        void (*outcome)(struct req *, const void *),
                        const void *ctx, const char *source, int dry)
{
    char data_dir[PATH_MAX];

    import_data_dir(data_dir, sizeof data_dir);
    r->status = status;
    page_begin(r, "Gegevens importeren in de monitor", "/monitor");
    if (outcome)
        outcome(r, ctx);
    else
        intro(r);
    if (may_import(r)) {
        page_h2_id(r, "bestand", outcome ? "Een (ander) bestand importeren"
                                         : "Een bestand importeren");
        import_form(r, data_dir, source, dry);
    } else {
        page_alert(r, "info", "Alleen de beheerder en het secretariaat "
                              "kunnen gegevens importeren.");
    }
    page_h2_id(r, "herkomst", "Herkomst van de gegevens");
    batches_table(r);
    html_lit(&r->out, "<p class=\"nl-paragraph\"><a class=\"nl-link\" "
                      "href=\"/monitor\">Naar de monitor</a></p>\n");
    page_end(r);
}

void ui_import(struct req *r)
{
    import_page(r, 200, NULL, NULL, NULL, 0);
}

struct outcome {
    const struct import_summary *s;
    const struct fault *f;         /* NULL on success */
};

static void dl_num(struct req *r, const char *label, long long v)
{
    struct buf *b = &r->out;

    html_lit(b, "<dt>");
    html_txt(b, label);
    html_lit(b, "</dt><dd>");
    html_int(b, v);
    html_lit(b, "</dd>");
}

/* The summary of a finished import, or its errors. */
static void show_outcome(struct req *r, const void *ctx)
{
    const struct outcome *o = ctx;
    const struct import_summary *s = o->s;
    struct buf *b = &r->out;
    char msg[400];
    int i;

    if (o->f) {
        page_alert_open(r, "error");
        html_lit(b, "<p class=\"nl-paragraph\">");
        html_txt(b, o->f->msg);
        html_lit(b, "</p>");
        if (s->nerrors) {
            html_lit(b, "<ul class=\"utrecht-unordered-list\">");
            for (i = 0; i < s->nerrors; i++) {
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
                html_txt(b, s->errors[i]);
                html_lit(b, "</li>");
            }
            if (s->more_errors)
                html_lit(b, "<li class=\"utrecht-unordered-list__item\">"
                            "… en meer: na 20 fouten is het lezen gestopt."
                            "</li>");
            html_lit(b, "</ul>");
        }
        page_alert_close(r);
        return;
    }
    if (s->dry_run)
        snprintf(msg, sizeof msg, "Het bestand is gecontroleerd en in orde; "
                 "er is niets opgeslagen (alleen controleren).");
    else if (s->batch_id)
        snprintf(msg, sizeof msg, "Het bestand is geïmporteerd als import "
                 "%lld.", s->batch_id);
    else
        snprintf(msg, sizeof msg, "Het bestand bevat niets nieuws: er is "
                 "niets veranderd en niets opgeslagen.");
    page_alert(r, "ok", msg);
    html_lit(b, "<dl class=\"koers-dl\">");
    page_dl_item(r, "Bestand", s->file);
    page_dl_item(r, "Bron", s->source_name);
    page_dl_item(r, "SHA-256", s->sha256);
    dl_num(r, "Regels gelezen", s->rows_read);
    dl_num(r, "Nieuw", s->imported);
    dl_num(r, "Gewijzigd", s->updated);
    dl_num(r, "Ongewijzigd", s->unchanged);
    dl_num(r, "Overgeslagen", s->skipped);
    if (s->regions_added)
        dl_num(r, "Regio's geregistreerd", s->regions_added);
    if (s->links_changed)
        dl_num(r, "Regio-indeling bijgewerkt", s->links_changed);
    html_lit(b, "</dl>\n");
    if (s->nreasons) {
        page_h3(r, "Overgeslagen, en waarom");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        for (i = 0; i < s->nreasons; i++) {
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            html_int(b, s->reasons[i].count);
            html_lit(b, " ");
            html_txt(b, s->reasons[i].text);
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>\n");
    }
}

void ui_import_post(struct req *r)
{
    const char *source = page_nonempty(req_field(r, "bron"));
    int dry = req_field(r, "droog") != NULL;
    struct import_summary *s = NULL;
    struct import_opts o = { 0 };
    char data_dir[PATH_MAX];
    struct outcome out;
    struct fault f = { 0 };
    int status;

    /* the file name comes from the client: keep it only when it is
     * clean text, as it is shown on pages and stored with the batch */
    if (r->upload_name[0] == '\0' || !text_clean(r->upload_name, 0))
        snprintf(r->upload_name, sizeof r->upload_name, "upload.csv");
    if (!may_import(r)) {
        audit_write(r->db, &r->who, "monitor.importeren", "import",
                    r->upload_name, "geweigerd", NULL);
        page_error(r, 403, "Geen toestemming", "U mag geen gegevens in de "
                   "monitor importeren; dat doen de beheerder en het "
                   "secretariaat.");
        return;
    }
    if (r->upload.len == 0) {
        fault_set(&f, FAULT_INVALID, "Kies een bestand om te importeren; er "
                  "kwam geen bestand of een leeg bestand mee.");
        s = calloc(1, sizeof *s);
        if (s == NULL) {
            page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
            return;
        }
        out.s = s;
        out.f = &f;
        import_page(r, 400, show_outcome, &out, source, dry);
        free(s);
        return;
    }
    s = malloc(sizeof *s);
    if (s == NULL) {
        page_error(r, 500, "Interne fout", "Onvoldoende geheugen.");
        return;
    }
    import_data_dir(data_dir, sizeof data_dir);
    o.data_dir = data_dir;
    o.source = source;
    o.dry_run = dry;
    out.s = s;
    out.f = NULL;
    status = 200;
    if (import_buffer(r->db, &r->who, r->upload_name, buf_str(&r->upload),
                      r->upload.len, &o, s, &f) != 0) {
        out.f = &f;
        status = f.kind == FAULT_FORBIDDEN ? 403
               : f.kind == FAULT_STORE ? 500 : 400;
    }
    import_page(r, status, show_outcome, &out, source, dry);
    free(s);
}
