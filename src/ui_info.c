/* ui_info.c - pages about the report and about Koers itself.
 *
 * Owns: /rapport (the lines of the advisory report that citations link
 * to, with the cited range highlighted and some context around it),
 * /rechten (the permission table of perm.h as a role x action matrix),
 * /toegankelijkheid (the accessibility statement) and /over (what Koers
 * is, its licence, design system and API). Every value is written
 * through the escapers of html.h. */
#include "ui.h"
#include "governance.h"
#include "html.h"
#include "page.h"
#include "perm.h"
#include "sqljson.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define REPORT_MAX_LINES 400     /* most lines one /rapport page shows */
#define REPORT_DEFAULT_LINES 80  /* lines shown when no range is given */
#define REPORT_CONTEXT 5         /* unhighlighted lines before and after */
#define REPORT_MAX_DIGITS 12     /* longer numbers are out of range anyway */

#define ROLE_BIT(x) (1u << (x))

/* ---- /rapport ---------------------------------------------------------- */

enum parse_result { NUM_ABSENT, NUM_OK, NUM_NEGATIVE, NUM_BAD, NUM_HUGE };

/* Parse query value `s` as a line number: only ASCII digits, no sign, no
 * spaces. NULL or "" is NUM_ABSENT (the default applies). A leading '-'
 * followed by digits (also "-0") is NUM_NEGATIVE so the message can say
 * "1 or more";
 * more than REPORT_MAX_DIGITS digits is NUM_HUGE (beyond the report). */
static enum parse_result parse_line_no(const char *s, long long *out)
{
    long long v = 0;
    size_t n = 0;
    int neg = 0;

    if (s == NULL || s[0] == '\0')
        return NUM_ABSENT;
    if (s[0] == '-') {
        neg = 1;
        s++;
    }
    if (*s == '\0')
        return NUM_BAD;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return NUM_BAD;
        if (++n > REPORT_MAX_DIGITS)
            return neg ? NUM_NEGATIVE : NUM_HUGE;
        v = v * 10 + (*s - '0');
    }
    if (neg)
        return NUM_NEGATIVE;
    *out = v;
    return NUM_OK;
}

/* Check one parsed parameter named `name` against 1..size; on failure
 * write a Dutch message to msg and return -1. */
static int check_line_no(enum parse_result pr, const char *name,
                         long long v, long long size, char *msg, size_t len)
{
    if (pr == NUM_BAD) {
        snprintf(msg, len, "De waarde van ‘%s’ is geen geheel getal. Geef "
                 "een regelnummer op van 1 tot en met %lld.", name, size);
        return -1;
    }
    if (pr == NUM_NEGATIVE || (pr == NUM_OK && v < 1)) {
        snprintf(msg, len, "‘%s’ moet 1 of hoger zijn: de regels van het "
                 "rapport zijn genummerd vanaf 1.", name);
        return -1;
    }
    if (pr == NUM_HUGE || (pr == NUM_OK && v > size)) {
        snprintf(msg, len, "‘%s’ is groter dan het aantal regels van het "
                 "rapport (%lld).", name, size);
        return -1;
    }
    return 0;
}

/* Read ?van= and ?tot= into *from and *to. Defaults: without both, lines
 * 1..min(size, REPORT_DEFAULT_LINES); with one of them, a block of
 * REPORT_DEFAULT_LINES lines starting or ending there. Returns -1 with a
 * Dutch message when a value is not a number, outside 1..size, reversed,
 * or asks for more than REPORT_MAX_LINES lines. */
static int report_range(struct req *r, long long size, long long *from,
                        long long *to, char *msg, size_t len)
{
    long long v = 0, t = 0;
    enum parse_result pv = parse_line_no(req_query(r, "van"), &v);
    enum parse_result pt = parse_line_no(req_query(r, "tot"), &t);

    if (check_line_no(pv, "van", v, size, msg, len) != 0 ||
        check_line_no(pt, "tot", t, size, msg, len) != 0)
        return -1;
    if (pv == NUM_ABSENT && pt == NUM_ABSENT) {
        v = 1;
        t = size < REPORT_DEFAULT_LINES ? size : REPORT_DEFAULT_LINES;
    } else if (pt == NUM_ABSENT) {
        t = v + REPORT_DEFAULT_LINES - 1;
        if (t > size)
            t = size;
    } else if (pv == NUM_ABSENT) {
        v = t - REPORT_DEFAULT_LINES + 1;
        if (v < 1)
            v = 1;
    }
    if (v > t) {
        snprintf(msg, len, "‘van’ (%lld) is groter dan ‘tot’ (%lld). Geef "
                 "eerst het eerste en dan het laatste regelnummer op.", v, t);
        return -1;
    }
    if (t - v + 1 > REPORT_MAX_LINES) {
        snprintf(msg, len, "U vraagt %lld regels op. Eén pagina toont er "
                 "ten hoogste %d; kies een kleiner bereik.", t - v + 1,
                 REPORT_MAX_LINES);
        return -1;
    }
    *from = v;
    *to = t;
    return 0;
}

/* The form that asks for a range of lines, filled in with from..to. */
static void write_report_form(struct req *r, long long from, long long to,
                              long long size)
{
    struct buf *b = &r->out;

    page_h2(r, "Regels kiezen");
    html_lit(b, "<p class=\"nl-paragraph\">Het rapport heeft ");
    html_int(b, size);
    html_lit(b, " regels. U kunt ten hoogste ");
    html_int(b, REPORT_MAX_LINES);
    html_lit(b, " regels tegelijk tonen.</p>\n<form class=\"koers-form\" "
                "method=\"get\" action=\"/rapport\" novalidate>\n"
                "<div class=\"utrecht-form-field\"><div "
                "class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"van\">Van regel</label>"
                "</div><div class=\"utrecht-form-field__input\"><input "
                "class=\"utrecht-textbox utrecht-textbox--html-input\" "
                "id=\"van\" name=\"van\" type=\"number\" min=\"1\" max=\"");
    html_int(b, size);
    html_lit(b, "\" value=\"");
    html_int(b, from);
    html_lit(b, "\"></div></div>\n<div class=\"utrecht-form-field\"><div "
                "class=\"utrecht-form-field__label\"><label "
                "class=\"utrecht-form-label\" for=\"tot\">Tot en met regel"
                "</label></div><div class=\"utrecht-form-field__input\">"
                "<input class=\"utrecht-textbox "
                "utrecht-textbox--html-input\" id=\"tot\" name=\"tot\" "
                "type=\"number\" min=\"1\" max=\"");
    html_int(b, size);
    html_lit(b, "\" value=\"");
    html_int(b, to);
    html_lit(b, "\"></div></div>\n<div class=\"koers-actions\"><button "
                "class=\"utrecht-button utrecht-button--primary-action\" "
                "type=\"submit\">Toon regels</button></div>\n</form>\n");
}

/* Links to the block of the same length before and after [from, to]. */
static void write_report_nav(struct req *r, long long from, long long to,
                             long long size)
{
    struct buf *b = &r->out;
    long long n = to - from + 1;

    html_lit(b, "<nav aria-label=\"Bladeren in het rapport\"><ul "
                "class=\"utrecht-unordered-list\">");
    if (from > 1) {
        long long pf = from - n < 1 ? 1 : from - n;

        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><a "
                    "class=\"nl-link\" href=\"");
        page_report_href(r, pf, from - 1);
        html_lit(b, "\">Vorige regels (");
        html_int(b, pf);
        html_lit(b, "–");
        html_int(b, from - 1);
        html_lit(b, ")</a></li>");
    }
    if (to < size) {
        long long nt = to + n > size ? size : to + n;

        html_lit(b, "<li class=\"utrecht-unordered-list__item\"><a "
                    "class=\"nl-link\" href=\"");
        page_report_href(r, to + 1, nt);
        html_lit(b, "\">Volgende regels (");
        html_int(b, to + 1);
        html_lit(b, "–");
        html_int(b, nt);
        html_lit(b, ")</a></li>");
    }
    html_lit(b, "<li class=\"utrecht-unordered-list__item\"><a "
                "class=\"nl-link\" href=\"/rapport\">Naar het begin van het "
                "rapport</a></li></ul></nav>\n");
}

/* "Regel A" or "Regels A–B" into out. */
static void range_text(char *out, size_t len, long long from, long long to)
{
    if (from == to)
        snprintf(out, len, "Regel %lld", from);
    else
        snprintf(out, len, "Regels %lld–%lld", from, to);
}

/* A row-group header inside the lines table ("Gevraagde regels"). */
static void write_group_row(struct buf *b, const char *label)
{
    html_lit(b, "<tr class=\"utrecht-table__row\"><th "
                "class=\"utrecht-table__header-cell\" scope=\"rowgroup\" "
                "colspan=\"2\">");
    html_txt(b, label);
    html_lit(b, "</th></tr>\n");
}

/* The lines as a table in up to three row groups: context before, the
 * requested lines (class koers-highlight, and said in words), context
 * after. Each row has id rN so citations can link to #rN. */
static void write_report_lines(struct req *r, json_t *lines,
                               long long from, long long to)
{
    static const char *const cols[] = { "#Regel", "Tekst", NULL };
    struct buf *b = &r->out;
    char range[64], caption[160];
    json_t *l;
    size_t i;
    int group = -1;   /* 0 before, 1 requested, 2 after */

    range_text(range, sizeof range, from, to);
    snprintf(caption, sizeof caption, "%s van het rapport, met ten hoogste "
             "%d regels context ervoor en erna", range, REPORT_CONTEXT);
    page_table_open(r, "regels-titel", caption, cols);
    json_array_foreach(lines, i, l) {
        long long nr = sqljson_int(l, "nr");
        int g = nr < from ? 0 : nr <= to ? 1 : 2;

        if (g != group) {
            /* page_table_open opened the first group's tbody */
            if (group >= 0)
                html_lit(b, "</tbody>\n<tbody class=\"utrecht-table__body\">"
                            "\n");
            write_group_row(b, g == 0 ? "Context vooraf"
                               : g == 1 ? "Gevraagde regels"
                               : "Context achteraf");
            group = g;
        }
        html_lit(b, "<tr id=\"r");
        html_int(b, nr);
        html_lit(b, g == 1 ? "\" class=\"utrecht-table__row koers-highlight\">"
                           : "\" class=\"utrecht-table__row\">");
        html_lit(b, "<th class=\"utrecht-table__header-cell "
                    "utrecht-table__header-cell--numeric-column\" "
                    "scope=\"row\">");
        html_int(b, nr);
        html_lit(b, "</th><td class=\"utrecht-table__cell\">");
        html_txt(b, sqljson_str(l, "tekst"));
        html_lit(b, "</td></tr>\n");
    }
    page_table_close(r);
}

/* GET /rapport[?van=A&tot=B] - report lines A..B highlighted, with
 * REPORT_CONTEXT lines of context on each side. Bad values give a 400
 * page naming the problem. */
void ui_report(struct req *r)
{
    json_t *lines = NULL;
    struct buf *b = &r->out;
    long long size = governance_report_size(r->db), from = 0, to = 0;
    long long cfrom, cto;
    char msg[256], range[64];

    if (size < 1) {
        page_error(r, 500, "Er ging iets mis",
                   "De tekst van het rapport is niet beschikbaar.");
        goto cleanup;
    }
    if (report_range(r, size, &from, &to, msg, sizeof msg) != 0) {
        page_error(r, 400, "Ongeldige invoer", msg);
        goto cleanup;
    }
    cfrom = from - REPORT_CONTEXT < 1 ? 1 : from - REPORT_CONTEXT;
    cto = to + REPORT_CONTEXT > size ? size : to + REPORT_CONTEXT;
    lines = governance_report_lines(r->db, cfrom, cto);
    if (lines == NULL) {
        page_error(r, 500, "Er ging iets mis",
                   "De regels van het rapport konden niet worden gelezen.");
        goto cleanup;
    }

    page_begin(r, "Het rapport", NULL);
    html_lit(b, "<p class=\"nl-paragraph\">Bron: <cite>Adviesrapport "
                "Governance Actieplan Groene en Digitale Banen</cite>, 30 "
                "oktober 2023. De regelnummers zijn die van de tekstversie "
                "<code>shared/seed/000_49aec500606ddf38.txt</code>. Elke "
                "bronvermelding in Koers verwijst naar deze regels.</p>\n");
    write_report_form(r, from, to, size);
    range_text(range, sizeof range, from, to);
    page_h2(r, range);
    html_lit(b, "<p class=\"nl-paragraph\">De gevraagde regels staan "
                "onder het kopje ‘Gevraagde regels’. Daarvoor en daarna "
                "staan ter context ten hoogste ");
    html_int(b, REPORT_CONTEXT);
    html_lit(b, " regels.</p>\n");
    write_report_lines(r, lines, from, to);
    write_report_nav(r, from, to, size);
    page_end(r);
cleanup:
    json_decref(lines);
}

/* ---- /rechten ---------------------------------------------------------- */

/* What each permission role stands for (Dutch, for the explanation below
 * the table). What a role may do is the table itself, not this text. */
static const char *const role_notes[ROLE_COUNT] = {
    [ROLE_BEHEERDER] = "Beheert Koers zelf: gebruikers, API-tokens en het "
        "auditlogboek.",
    [ROLE_SECRETARIS] = "De secretaris van het Actieplan, die de "
        "overlegstructuur opzet en onderhoudt en het register van "
        "organisaties en personen bijhoudt.",
    [ROLE_BOEGBEELD] = "Het boegbeeld van het Actieplan, voorzitter van het "
        "koersoverleg, dat de samenstelling van de overleggen mee bepaalt.",
    [ROLE_NETWERKMANAGER] = "De netwerkmanager van één triple helix "
        "kerngroep. Het bereik van het account is die eigen kerngroep: "
        "‘eigen overleg’ in de tabel betekent alleen die kerngroep.",
    [ROLE_MINISTERIE] = "Een medewerker van een betrokken ministerie.",
    [ROLE_ACCOUNTHOUDER] = "Een accounthouder van het Platform Talent voor "
        "Technologie (PTvT). Het bereik van het account is een provincie.",
    [ROLE_REGIO] = "Een vertegenwoordiger van een regionale coalitie. Het "
        "bereik van het account is die regio.",
    [ROLE_DEELNEMER] = "Een deelnemer aan een of meer overleggen.",
};

/* GET /rechten - the permission table of perm.h, role x action. */
void ui_permissions(struct req *r)
{
    const char *cols[ROLE_COUNT + 2];
    struct buf *b = &r->out;
    int a, role;

    page_begin(r, "Rechten per rol", NULL);
    html_lit(b, "<p class=\"nl-paragraph\">Deze tabel bepaalt wie in Koers "
                "iets mag wijzigen. Koers controleert haar bij elke "
                "wijziging, op de website en in de API. ‘Eigen overleg’ "
                "betekent: alleen in het overleg dat bij het account hoort."
                "</p>\n");
    cols[0] = "Actie";
    for (role = 0; role < ROLE_COUNT; role++)
        cols[role + 1] = perm_role_label((enum perm_role)role);
    cols[ROLE_COUNT + 1] = NULL;
    page_table_open(r, "rechten-titel",
                    "Acties en de rollen die ze mogen uitvoeren", cols);
    for (a = 0; a < ACT_COUNT; a++) {
        const struct perm_rule *rule = perm_rule((enum perm_action)a);

        if (rule == NULL)
            continue;
        html_lit(b, "<tr class=\"utrecht-table__row\">");
        page_th_row_open(r);
        html_txt(b, rule->label);
        html_lit(b, "<br><code>");
        html_txt(b, rule->code);
        html_lit(b, "</code></th>");
        for (role = 0; role < ROLE_COUNT; role++) {
            page_td_open(r);
            if (rule->roles_all & ROLE_BIT(role))
                html_lit(b, "ja");
            else if (rule->roles_own_body & ROLE_BIT(role))
                html_lit(b, "eigen overleg");
            else
                html_lit(b, "nee");
            html_lit(b, "</td>");
        }
        html_lit(b, "</tr>\n");
    }
    page_table_close(r);

    html_lit(b, "<h2 class=\"nl-heading nl-heading--level-2\">De rollen"
                "</h2>\n<p class=\"nl-paragraph\">Dit zijn de rollen van "
                "accounts in Koers. De rollen die het rapport beschrijft, "
                "staan op de pagina <a class=\"nl-link\" href=\"/rollen\">"
                "Rollen</a>.</p>\n<dl class=\"koers-dl\">");
    for (role = 0; role < ROLE_COUNT; role++) {
        html_lit(b, "<dt>");
        html_txt(b, perm_role_label((enum perm_role)role));
        html_lit(b, "</dt><dd>");
        html_txt(b, role_notes[role]);
        html_lit(b, "</dd>");
    }
    html_lit(b, "</dl>\n<h2 class=\"nl-heading nl-heading--level-2\">"
                "Zonder account</h2>\n<p class=\"nl-paragraph\">Iedereen "
                "kan alle openbare pagina's van Koers lezen zonder in te "
                "loggen. Alleen wie iets wil wijzigen, heeft een account "
                "nodig.</p>\n");
    page_end(r);
}

/* ---- /toegankelijkheid ------------------------------------------------- */

/* GET /toegankelijkheid - accessibility statement, following the model
 * statement of digitoegankelijk.nl. Status stays "voldoet gedeeltelijk"
 * until an external audit has been done. */
void ui_accessibility(struct req *r)
{
    struct buf *b = &r->out;

    page_begin(r, "Toegankelijkheidsverklaring", NULL);
    html_lit(b,
        "<p class=\"nl-paragraph\">Wij willen dat iedereen Koers kan "
        "gebruiken, ook mensen met een beperking. Daarom houden we ons aan "
        "de toegankelijkheidseisen voor websites van de overheid.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Voor welke website "
        "geldt deze verklaring?</h2>\n"
        "<p class=\"nl-paragraph\">Deze verklaring geldt voor Koers, de "
        "website voor de governance van het Actieplan Groene en Digitale "
        "Banen: alle pagina's, de formulieren en de schema's die Koers "
        "zelf maakt.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Welke eisen gelden?"
        "</h2>\n"
        "<p class=\"nl-paragraph\">De toegankelijkheidseisen staan in de "
        "Europese norm EN 301 549 en komen overeen met de Web Content "
        "Accessibility Guidelines (WCAG) 2.1 op niveau AA. Het Besluit "
        "digitale toegankelijkheid overheid verplicht overheidswebsites om "
        "daaraan te voldoen.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Nalevingsstatus</h2>\n"
        "<p class=\"nl-paragraph\">Koers <strong>voldoet gedeeltelijk"
        "</strong> aan deze eisen. We zeggen nog niet dat Koers volledig "
        "voldoet, omdat een onafhankelijke deskundige de website nog niet "
        "heeft onderzocht. Na dat onderzoek passen we deze verklaring aan."
        "</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Hoe controleren we de "
        "toegankelijkheid?</h2>\n"
        "<ul class=\"utrecht-unordered-list\">"
        "<li class=\"utrecht-unordered-list__item\">Bij elke build testen "
        "we elke pagina automatisch met axe-core op de eisen van WCAG 2.1 "
        "niveau A en AA.</li>"
        "<li class=\"utrecht-unordered-list__item\">We controleren de HTML "
        "van elke pagina met een validator.</li>"
        "<li class=\"utrecht-unordered-list__item\">We testen of alles met "
        "alleen een toetsenbord te gebruiken is.</li>"
        "<li class=\"utrecht-unordered-list__item\">Koers werkt zonder "
        "JavaScript: de server maakt alle pagina's.</li>"
        "<li class=\"utrecht-unordered-list__item\">Schema's zijn SVG-"
        "afbeeldingen die de server maakt, met een titel en een "
        "beschrijving in tekst. Dezelfde gegevens staan ook in een tabel."
        "</li></ul>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Bekende beperkingen"
        "</h2>\n"
        "<p class=\"nl-paragraph\">Na de automatische tests zijn geen "
        "beperkingen bekend. Een onderzoek door een deskundige (audit) is "
        "nog niet gedaan. Automatische tests vinden niet alle problemen; "
        "komt u er een tegen, meld het ons dan.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Problemen melden"
        "</h2>\n"
        "<p class=\"nl-paragraph\">Kunt u iets op Koers niet gebruiken, of "
        "hebt u een vraag over de toegankelijkheid? Mail ons op "
        "<a class=\"nl-link\" "
        "href=\"mailto:toegankelijkheid@koers.example.nl\">"
        "toegankelijkheid@koers.example.nl</a>. Zeg daarbij om welke "
        "pagina het gaat en wat er niet werkt.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Niet tevreden met "
        "onze reactie?</h2>\n"
        "<p class=\"nl-paragraph\">Bent u niet tevreden met hoe wij uw "
        "melding hebben afgehandeld? Dan kunt u een klacht indienen bij de "
        "Nationale ombudsman.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Datum van deze "
        "verklaring</h2>\n"
        "<p class=\"nl-paragraph\">Deze verklaring is opgesteld op 28 "
        "november 2026.</p>\n");
    page_end(r);
}

/* ---- /over ------------------------------------------------------------- */

/* GET /over - what Koers is, licence, design system, API, citations. */
void ui_about(struct req *r)
{
    struct buf *b = &r->out;

    page_begin(r, "Over Koers", NULL);
    html_lit(b,
        "<p class=\"nl-paragraph\">Koers is software voor de "
        "netwerkgovernance van het Actieplan Groene en Digitale Banen. Het "
        "richt die governance in zoals het <a class=\"nl-link\" "
        "href=\"/rapport\">Adviesrapport Governance</a> van 30 oktober 2023 "
        "voorschrijft: de overleggen en hun samenstelling, de rollen, de "
        "gremia, de risico's, het implementatieplan en de monitor.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Elk feit met zijn bron"
        "</h2>\n"
        "<p class=\"nl-paragraph\">Alles wat Koers uit het rapport "
        "overneemt, toont zijn bron: de paragraaf en de regelnummers. Een "
        "klik op de bron opent die regels van het rapport, zodat u kunt "
        "nagaan wat er staat.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Open source</h2>\n"
        "<p class=\"nl-paragraph\">Koers is open source onder de licentie "
        "EUPL-1.2 (European Union Public Licence, versie 1.2). De broncode "
        "bevat het bestand <code>LICENSE</code> met de licentietekst en "
        "het bestand <code>publiccode.yml</code>, dat Koers beschrijft "
        "volgens de standaard voor publieke code.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">Vormgeving en "
        "toegankelijkheid</h2>\n"
        "<p class=\"nl-paragraph\">De pagina's gebruiken de componenten van "
        "NL Design System in de huisstijl van de Rijksoverheid. Koers werkt "
        "zonder JavaScript. Lees meer in de <a class=\"nl-link\" "
        "href=\"/toegankelijkheid\">toegankelijkheidsverklaring</a>. Wie "
        "wat mag wijzigen, staat op de pagina <a class=\"nl-link\" "
        "href=\"/rechten\">Rechten per rol</a>.</p>\n"

        "<h2 class=\"nl-heading nl-heading--level-2\">API</h2>\n"
        "<p class=\"nl-paragraph\">Dezelfde gegevens zijn beschikbaar via "
        "een API. De beschrijving staat in het <a class=\"nl-link\" "
        "href=\"/api/v1/openapi.json\">OpenAPI-document</a>.</p>\n");
    page_end(r);
}
