/* catalog.c - gremia, risks, plan steps, indicator topics (catalog.h). */
#include "catalog.h"
#include "sqljson.h"

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
