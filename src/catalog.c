/* catalog.c - gremia, risks, plan steps, indicator topics (catalog.h). */
#include "catalog.h"
#include "sqljson.h"

json_t *catalog_gremia(sqlite3 *db)
{
    json_t *a = sqljson_rows(db,
        "SELECT nr AS nummer, name AS naam, relation AS relatie, "
        "note AS toelichting, grp AS groep, " SQLJSON_BRON("") ", "
        "grp_src_section AS \"groepBron.sectie\", "
        "grp_src_from AS \"groepBron.van\", grp_src_to AS \"groepBron.tot\" "
        "FROM gremium ORDER BY nr", NULL);
    json_t *g;
    size_t i;

    json_array_foreach(a, i, g) {
        json_object_set_new(g, "pijlers", sqljson_rows(db,
            "SELECT pillar_code AS pijler, relation AS relatie "
            "FROM gremium_pillar WHERE gremium_nr = ? ORDER BY pillar_code",
            "i", (long long)json_integer_value(json_object_get(g, "nummer"))));
    }
    return a;
}

json_t *catalog_risks(sqlite3 *db)
{
    json_t *a = sqljson_rows(db,
        "SELECT nr AS nummer, title AS titel, description AS omschrijving, "
        SQLJSON_BRON("") " FROM risk ORDER BY nr", NULL);
    json_t *r;
    size_t i;

    json_array_foreach(a, i, r) {
        json_t *m = sqljson_rows(db,
            "SELECT text AS tekst FROM risk_measure WHERE risk_nr = ? "
            "ORDER BY ord", "i",
            (long long)json_integer_value(json_object_get(r, "nummer")));
        json_object_set_new(r, "maatregelen", m);
    }
    return a;
}

json_t *catalog_plan_steps(sqlite3 *db)
{
    json_t *a = sqljson_rows(db,
        "SELECT nr AS nummer, title AS titel, " SQLJSON_BRON("")
        " FROM plan_step ORDER BY nr", NULL);
    json_t *s;
    size_t i;

    json_array_foreach(a, i, s) {
        json_object_set_new(s, "substappen", sqljson_rows(db,
            "SELECT code AS nummer, title AS titel, "
            "description AS omschrijving, responsible AS verantwoordelijke, "
            "roles AS rollen, planned_start AS geplandStart, "
            "planned_end AS geplandEind, " SQLJSON_BRON("")
            " FROM plan_substep WHERE step_nr = ? ORDER BY ord", "i",
            (long long)json_integer_value(json_object_get(s, "nummer"))));
    }
    return a;
}

json_t *catalog_monitor_indicators(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT code, name AS naam, topic_code AS onderwerp FROM indicator "
        "WHERE topic_code IS NOT NULL ORDER BY ord, code", NULL);
}

json_t *catalog_indicators(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT i.code, i.pillar_code AS pijler, i.name AS naam, "
        "i.description AS omschrijving, i.domain AS domein, " SQLJSON_BRON("i.")
        " FROM indicator_topic i JOIN pillar p ON p.code = i.pillar_code "
        "ORDER BY p.nr, i.ord", NULL);
}
