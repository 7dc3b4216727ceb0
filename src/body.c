/* body.c - bodies with rules, seats and members (see body.h). */
#include "body.h"
#include "sqljson.h"

#include <stdlib.h>
#include <string.h>

#define BODY_COLUMNS \
    "b.id AS _id, b.code, b.name AS naam, b.level_code AS niveau, " \
    "l.name AS niveauNaam, b.pillar_code AS pijler, " \
    "b.public AS openbaar, b.role_text AS rol, " SQLJSON_BRON("b.")

json_t *body_list(sqlite3 *db)
{
    json_t *a = sqljson_rows(db,
        "SELECT " BODY_COLUMNS ", b.chair_text AS voorzitter, "
        "b.freq_text AS frequentie, "
        "(SELECT count(*) FROM membership m WHERE m.body_id = b.id AND "
        " m.kind = 'lid' AND m.until IS NULL) AS aantalLeden "
        "FROM body b JOIN level l ON l.code = b.level_code ORDER BY b.ord",
        NULL);
    json_t *b;
    size_t i;

    json_array_foreach(a, i, b) {
        json_object_set_new(b, "openbaar",
            json_boolean(json_integer_value(json_object_get(b, "openbaar"))));
        json_object_del(b, "_id");
    }
    return a;
}

/* Split "5,12" into [5, 12]. */
static json_t *months_array(const char *s)
{
    json_t *a = json_array();
    char *end;

    while (s && *s) {
        long m = strtol(s, &end, 10);
        if (end == s)
            break;
        json_array_append_new(a, json_integer(m));
        s = *end == ',' ? end + 1 : end;
    }
    return a;
}

json_t *body_get(sqlite3 *db, const char *code)
{
    json_t *b = sqljson_row(db,
        "SELECT " BODY_COLUMNS " FROM body b JOIN level l "
        "ON l.code = b.level_code WHERE b.code = ?", "s", code);
    json_t *chair, *freq, *comp;
    long long id;

    if (b == NULL)
        return NULL;
    id = json_integer_value(json_object_get(b, "_id"));
    json_object_del(b, "_id");
    json_object_set_new(b, "openbaar",
        json_boolean(json_integer_value(json_object_get(b, "openbaar"))));
    chair = sqljson_row(db,
        "SELECT b.chair_text AS tekst, b.chair_role AS rol, "
        "o.code AS organisatie, b.chair_src_section AS \"bron.sectie\", "
        "b.chair_src_from AS \"bron.van\", b.chair_src_to AS \"bron.tot\" "
        "FROM body b LEFT JOIN organisation o ON o.id = b.chair_org_id "
        "WHERE b.id = ?", "i", id);
    freq = sqljson_row(db,
        "SELECT freq_text AS tekst, freq_min AS minPerJaar, "
        "freq_max AS maxPerJaar, freq_months AS maanden, freq_after AS na, "
        "freq_before AS voor, freq_on_request AS opVerzoek, "
        "freq_src_section AS \"bron.sectie\", freq_src_from AS \"bron.van\", "
        "freq_src_to AS \"bron.tot\" FROM body WHERE id = ?", "i", id);
    if (freq) {
        json_object_set_new(freq, "maanden", months_array(json_string_value(
            json_object_get(freq, "maanden"))));
        json_object_set_new(freq, "opVerzoek", json_boolean(
            json_integer_value(json_object_get(freq, "opVerzoek"))));
    }
    comp = sqljson_row(db,
        "SELECT comp_text AS tekst, comp_exhaustive AS uitputtend, "
        "comp_flexible AS flexibel, comp_flex_text AS flexibelTekst, "
        "comp_src_section AS \"bron.sectie\", comp_src_from AS \"bron.van\", "
        "comp_src_to AS \"bron.tot\", "
        "flex_src_section AS \"flexibelBron.sectie\", "
        "flex_src_from AS \"flexibelBron.van\", "
        "flex_src_to AS \"flexibelBron.tot\" FROM body WHERE id = ?",
        "i", id);
    if (comp) {
        json_object_set_new(comp, "uitputtend", json_boolean(
            json_integer_value(json_object_get(comp, "uitputtend"))));
        json_object_set_new(comp, "flexibel", json_boolean(
            json_integer_value(json_object_get(comp, "flexibel"))));
        json_object_set_new(comp, "zetels", sqljson_rows(db,
            "SELECT s.code, s.description AS omschrijving, "
            "s.org_code AS organisatie, s.org_type AS organisatietype, "
            "s.parent_code AS onderdeelVan, s.min_count AS min, "
            "s.max_count AS max, (SELECT count(*) FROM membership m "
            " WHERE m.seat_id = s.id AND m.until IS NULL) AS bezet "
            "FROM seat s WHERE s.body_id = ? ORDER BY s.ord", "i", id));
    }
    json_object_set_new(b, "voorzitter", chair ? chair : json_null());
    json_object_set_new(b, "frequentie", freq ? freq : json_null());
    json_object_set_new(b, "samenstelling", comp ? comp : json_null());
    json_object_set_new(b, "verantwoordelijkheden", sqljson_rows(db,
        "SELECT text AS tekst, " SQLJSON_BRON("") " FROM body_duty "
        "WHERE body_id = ? ORDER BY ord", "i", id));
    json_object_set_new(b, "aanwezig", sqljson_rows(db,
        "SELECT role_code AS rol, text AS tekst, " SQLJSON_BRON("")
        " FROM body_presence WHERE body_id = ? ORDER BY id", "i", id));
    json_object_set_new(b, "leden", sqljson_rows(db,
        "SELECT m.id, m.kind AS soort, o.code AS \"organisatie.code\", "
        "o.name AS \"organisatie.naam\", o.type AS \"organisatie.type\", "
        "p.id AS \"persoon.id\", p.name AS \"persoon.naam\", "
        "s.code AS zetel, s.description AS zetelOmschrijving, "
        "m.function AS functie, m.since AS sinds, " SQLJSON_BRON("m.")
        " FROM membership m JOIN organisation o ON o.id = m.organisation_id "
        "LEFT JOIN person p ON p.id = m.person_id "
        "LEFT JOIN seat s ON s.id = m.seat_id "
        "WHERE m.body_id = ? AND m.until IS NULL "
        "ORDER BY m.kind DESC, s.ord, o.name", "i", id));
    return b;
}

json_t *body_of_organisation(sqlite3 *db, long long org_id)
{
    return sqljson_rows(db,
        "SELECT b.code, b.name AS naam, m.kind AS soort, "
        "s.description AS zetel, m.function AS functie, m.since AS sinds "
        "FROM membership m JOIN body b ON b.id = m.body_id "
        "LEFT JOIN seat s ON s.id = m.seat_id "
        "WHERE m.organisation_id = ? AND m.until IS NULL ORDER BY b.ord",
        "i", org_id);
}
