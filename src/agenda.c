/* agenda.c - agenda items and proposals (see agenda.h). */
#include "agenda.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

long long agenda_propose(sqlite3 *db, const char *body_code,
                         const char *after, const char *source,
                         const char *source_ref, const char *title,
                         const char *description, struct fault *f)
{
    long long body, meeting = 0, ord = 1;
    sqlite3_stmt *st;

    body = store_count(db, "SELECT coalesce((SELECT id FROM body WHERE "
                           "code = ?), 0)", body_code);
    if (body <= 0) {
        fault_set(f, FAULT_NOTFOUND, "Overleg \"%s\" bestaat niet.",
                  body_code);
        return -1;
    }
    st = store_prepare(db, "SELECT id FROM meeting WHERE body_id = ? AND "
                           "status = 'gepland' AND starts_at > ? "
                           "ORDER BY starts_at LIMIT 1");
    store_bind_int(st, 1, body);
    store_bind_text(st, 2, after);
    if (st && sqlite3_step(st) == SQLITE_ROW)
        meeting = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (source_ref) {
        st = store_prepare(db, "SELECT count(*) FROM agenda_item WHERE "
                               "body_id = ? AND source = ? AND "
                               "source_ref = ?");
        store_bind_int(st, 1, body);
        store_bind_text(st, 2, source);
        store_bind_text(st, 3, source_ref);
        if (st && sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_int(st, 0) > 0) {
            sqlite3_finalize(st);
            fault_set(f, FAULT_CONFLICT, "Dit onderwerp staat al op de "
                      "agenda van dit overleg.");
            return -1;
        }
        sqlite3_finalize(st);
    }
    if (meeting) {
        st = store_prepare(db, "SELECT coalesce(max(ord), 0) + 1 FROM "
                               "agenda_item WHERE meeting_id = ?");
        store_bind_int(st, 1, meeting);
        if (st && sqlite3_step(st) == SQLITE_ROW)
            ord = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    st = store_prepare(db, "INSERT INTO agenda_item(body_id, meeting_id, ord, "
                           "title, description, source, source_ref, status) "
                           "VALUES (?,?,?,?,?,?,?,?)");
    store_bind_int(st, 1, body);
    if (meeting)
        store_bind_int(st, 2, meeting);
    else
        sqlite3_bind_null(st, 2);
    store_bind_int(st, 3, ord);
    store_bind_text(st, 4, title);
    store_bind_text(st, 5, description ? description : "");
    store_bind_text(st, 6, source);
    store_bind_text(st, 7, source_ref);
    store_bind_text(st, 8, strcmp(source, "handmatig") == 0
                               ? "geagendeerd" : "voorgesteld");
    if (store_exec_stmt(st) != 0) {
        fault_set(f, FAULT_STORE, "Het agendapunt kon niet worden "
                  "opgeslagen.");
        return -1;
    }
    return sqlite3_last_insert_rowid(db);
}

int agenda_withdraw(sqlite3 *db, const char *source, const char *ref_prefix,
                    const char *now)
{
    sqlite3_stmt *st = store_prepare(db,
        "UPDATE agenda_item SET status = 'afgevoerd' WHERE source = ?1 AND "
        "status = 'voorgesteld' AND substr(source_ref, 1, length(?2)) = ?2 "
        "AND (meeting_id IS NULL OR meeting_id IN (SELECT id FROM meeting "
        "WHERE starts_at > ?3))");

    store_bind_text(st, 1, source);
    store_bind_text(st, 2, ref_prefix);
    store_bind_text(st, 3, now);
    return store_exec_stmt(st);
}

int agenda_adopt_pending(sqlite3 *db, long long meeting_id)
{
    sqlite3_stmt *st = store_prepare(db,
        "UPDATE agenda_item SET meeting_id = ?1, ord = ord + 1000 "
        "WHERE meeting_id IS NULL AND body_id = "
        "(SELECT body_id FROM meeting WHERE id = ?1)");

    store_bind_int(st, 1, meeting_id);
    return store_exec_stmt(st);
}

json_t *agenda_items(sqlite3 *db, long long meeting_id)
{
    return sqljson_rows(db,
        "SELECT id, ord AS volgorde, title AS titel, description AS "
        "omschrijving, source AS bron, source_ref AS bronVerwijzing, "
        "status FROM agenda_item WHERE meeting_id = ? ORDER BY ord, id",
        "i", meeting_id);
}
