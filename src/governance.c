/* governance.c - pillars, levels, roles, report lines (see governance.h). */
#include "governance.h"
#include "sqljson.h"
#include "store.h"

json_t *governance_pillars(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT code, nr AS nummer, name AS naam, description AS omschrijving, "
        SQLJSON_BRON("") " FROM pillar ORDER BY nr", NULL);
}

json_t *governance_levels(sqlite3 *db)
{
    return sqljson_rows(db,
        "SELECT code, ord AS volgorde, name AS naam, "
        "description AS omschrijving, " SQLJSON_BRON("")
        " FROM level ORDER BY ord", NULL);
}

static json_t *role_duties(sqlite3 *db, const char *code, const char *kind)
{
    return sqljson_rows(db,
        "SELECT text AS tekst, " SQLJSON_BRON("") " FROM role_duty "
        "WHERE role_code = ? AND kind = ? ORDER BY ord", "ss", code, kind);
}

static void role_complete(sqlite3 *db, json_t *role)
{
    const char *code = json_string_value(json_object_get(role, "code"));

    json_object_set_new(role, "verantwoordelijkheden",
                        role_duties(db, code, "verantwoordelijkheid"));
    json_object_set_new(role, "kerntaken", role_duties(db, code, "kerntaak"));
    json_object_set_new(role, "voorzitterVan", sqljson_rows(db,
        "SELECT code, name AS naam FROM body WHERE chair_role = ? "
        "ORDER BY ord", "s", code));
}

json_t *governance_roles(sqlite3 *db)
{
    json_t *a = sqljson_rows(db,
        "SELECT code, name AS naam, description AS omschrijving, " SQLJSON_BRON("")
        " FROM role ORDER BY ord", NULL);
    json_t *r;
    size_t i;

    json_array_foreach(a, i, r)
        role_complete(db, r);
    return a;
}

json_t *governance_role(sqlite3 *db, const char *code)
{
    json_t *r = sqljson_row(db,
        "SELECT code, name AS naam, description AS omschrijving, " SQLJSON_BRON("")
        " FROM role WHERE code = ?", "s", code);

    if (r)
        role_complete(db, r);
    return r;
}

json_t *governance_report_lines(sqlite3 *db, long long from, long long to)
{
    return sqljson_rows(db, "SELECT nr, text AS tekst FROM report_line "
                            "WHERE nr BETWEEN ? AND ? ORDER BY nr",
                        "ii", from, to);
}

long long governance_report_size(sqlite3 *db)
{
    return store_count(db, "SELECT count(*) FROM report_line", NULL);
}
