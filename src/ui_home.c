/* ui_home.c - the overview page: pillars, levels (with the generated
 * diagram) and the bodies on each level. */
#include "ui.h"
#include "body.h"
#include "diagram.h"
#include "governance.h"
#include "html.h"
#include "page.h"
#include "sqljson.h"

void ui_home(struct req *r)
{
    json_t *pillars = governance_pillars(r->db);
    json_t *levels = governance_levels(r->db);
    json_t *bodies = body_list(r->db);
    json_t *order = sqljson_rows(r->db, "SELECT code, freq_before AS voor, "
                                        "freq_after AS na FROM body", NULL);
    struct buf *b = &r->out;
    json_t *p, *l, *bd;
    size_t i, k;

    page_begin(r, "Governance van het Actieplan Groene en Digitale Banen",
               "/");
    html_lit(b, "<p class=\"nl-paragraph\">Het Actieplan Groene en Digitale "
                "Banen pakt de tekorten aan technici en ICT'ers aan. Het "
                "adviesrapport beveelt een netwerkregie aan: geen eigen "
                "budget of formele macht, wel afstemming tussen partners "
                "die die wél hebben. Koers laat zien wie waar zit, volgens "
                "welke regels, en waar elk feit in het rapport staat.</p>\n");
    page_h2(r, "De vier pijlers");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">");
    json_array_foreach(pillars, i, p) {
        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><strong>");
        html_txt(b, sqljson_str(p, "code"));
        html_lit(b, " — ");
        html_txt(b, sqljson_str(p, "naam"));
        html_lit(b, "</strong>: ");
        html_txt(b, sqljson_str(p, "omschrijving"));
        html_lit(b, "</li>");
    }
    html_lit(b, "</ul>");
    if (json_array_size(pillars) > 0)
        page_bron_json(r, json_array_get(pillars, 0), "bron");
    page_h2(r, "Drie niveaus");
    html_lit(b, "<figure class=\"koers-diagram\">");
    diagram_levels(b, levels, bodies, order);
    html_lit(b, "<figcaption>De overleggen per niveau, getekend uit de "
                "gegevens van Koers. Pijlen: de kerngroepen leveren input "
                "vóór het koersoverleg; het DG-overleg volgt op het "
                "koersoverleg.</figcaption></figure>\n");
    json_array_foreach(levels, i, l) {
        html_lit(b, "<h3 class=\"nl-heading nl-heading--level-3\">");
        html_txt(b, sqljson_str(l, "naam"));
        html_lit(b, "</h3><p class=\"nl-paragraph\">");
        html_txt(b, sqljson_str(l, "omschrijving"));
        html_lit(b, "</p>");
        page_bron_json(r, l, "bron");
        html_lit(b, "<ul class=\"utrecht-unordered-list\">");
        json_array_foreach(bodies, k, bd) {
            if (!json_equal(json_object_get(bd, "niveau"),
                            json_object_get(l, "code")))
                continue;
            html_lit(b, "<li class=\"utrecht-unordered-list__item\">");
            page_code_link(r, "/overleggen/", bd);
            html_lit(b, " — ");
            html_txt(b, sqljson_str(bd, "frequentie"));
            html_lit(b, "; voorzitter: ");
            html_txt(b, sqljson_str(bd, "voorzitter"));
            html_lit(b, "</li>");
        }
        html_lit(b, "</ul>\n");
    }
    page_h2(r, "Verder in Koers");
    html_lit(b, "<ul class=\"utrecht-unordered-list\">"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/rollen\">Rollen en "
                "verantwoordelijkheden</a> (figuur 9)</li>"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/organisaties\">Organisaties</a> "
                "en in welke overleggen zij zitten</li>"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/gremia\">De 31 gremia van "
                "Bijlage I</a></li>"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/personen\">Personen</a>, "
                "<a class=\"nl-link\" href=\"/ser-verzoeken\">"
                "SER-verzoeken</a>, <a class=\"nl-link\" href=\"/inzet\">"
                "inzet</a> en <a class=\"nl-link\" href=\"/jaarplan\">"
                "het jaarplan</a></li>"
                "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/risicos\">Risico's</a>, het "
                "<a class=\"nl-link\" href=\"/implementatieplan\">"
                "implementatieplan</a> en de <a class=\"nl-link\" "
                "href=\"/indicatoren\">onderwerpen van de monitor</a></li>"
                "</ul>\n");
    page_end(r);
    json_decref(pillars);
    json_decref(levels);
    json_decref(bodies);
    json_decref(order);
}
