/* commitment.c - attendance rates and decline signals (commitment.h). */
#include "commitment.h"
#include "sqljson.h"
#include "store.h"

#include <stdio.h>
#include <string.h>

#define COMMITMENT_SERIES_MAX 64

json_t *commitment_rule(sqlite3 *db)
{
    return sqljson_row(db,
        "SELECT code, n AS aantal, threshold AS drempel, description AS "
        "omschrijving, " SQLJSON_BRON("") " FROM cycle_rule WHERE kind = "
        "'inzet' AND active = 1 ORDER BY id LIMIT 1", NULL);
}

/* Least-squares slope of y over x = 1..n. */
static double slope(const double *y, int n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int i;

    for (i = 0; i < n; i++) {
        double x = i + 1;
        sx += x;
        sy += y[i];
        sxx += x * x;
        sxy += x * y[i];
    }
    if (n < 2 || n * sxx - sx * sx == 0)
        return 0;
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/* One pass over recorded attendance, grouped per (body, organisation) in
 * time order; for each group build the series of the last `window`
 * meetings and hand it to the collector. */
static json_t *scan(sqlite3 *db, const char *org_code, const char *body_code,
                    int window, int threshold, int signals_only)
{
    sqlite3_stmt *st = store_prepare(db,
        "SELECT b.code, b.name, o.code, o.name, m.starts_at, i.attendance "
        "FROM meeting_invitee i JOIN meeting m ON m.id = i.meeting_id "
        "JOIN body b ON b.id = m.body_id JOIN organisation o "
        "ON o.id = i.organisation_id WHERE i.kind = 'lid' AND m.status = "
        "'gepland' AND i.attendance IS NOT NULL AND (?1 IS NULL OR o.code = "
        "?1) AND (?2 IS NULL OR b.code = ?2) ORDER BY b.ord, o.name, "
        "m.starts_at");
    json_t *out = json_array();
    double series[COMMITMENT_SERIES_MAX];
    char dates[COMMITMENT_SERIES_MAX][17];
    char cur_body[64] = "", cur_org[64] = "", body_name[128] = "",
         org_name[256] = "", last_present[17] = "";
    int n = 0, total = 0;
    double sum_all = 0;
    int more = 1;

    if (st == NULL)
        return out;
    if (window < 1 || window > COMMITMENT_SERIES_MAX)
        window = 4;
    store_bind_text(st, 1, org_code);
    store_bind_text(st, 2, body_code);
    while (more) {
        int row = sqlite3_step(st) == SQLITE_ROW;

        if (!row || strcmp(store_col(st, 0), cur_body) != 0 ||
            strcmp(store_col(st, 2), cur_org) != 0) {
            if (cur_body[0] && total > 0) {
                int k = n < window ? n : window, j;
                const double *last = series + (n - k);
                double rate = 0, tr = slope(last, k);
                json_t *ser = json_array();
                int fires;

                for (j = 0; j < k; j++) {
                    rate += last[j];
                    json_array_append_new(ser, json_pack("{s:s, s:f}",
                        "datum", dates[n - k + j], "waarde", last[j]));
                }
                rate = k ? 100.0 * rate / k : 0;
                /* earlier: the `window` meetings before the recent ones */
                {
                    int ke = n - k < window ? n - k : window;
                    double early = 0;

                    for (j = 0; j < ke; j++)
                        early += series[n - k - ke + j];
                    early = ke ? 100.0 * early / ke : -1;
                    fires = k == window && rate < threshold &&
                            (tr < 0 || (ke == window && rate < early));
                }
                if (!signals_only || fires)
                    json_array_append_new(out, json_pack(
                        "{s:{s:s,s:s}, s:{s:s,s:s}, s:i, s:f, s:f, s:f, "
                        "s:o, s:b, s:s?}",
                        "overleg", "code", cur_body, "naam", body_name,
                        "organisatie", "code", cur_org, "naam", org_name,
                        "vergaderingen", total,
                        "percentageTotaal", 100.0 * sum_all / total,
                        "percentageRecent", rate, "trend", tr,
                        "reeks", ser, "signaal", fires,
                        "laatstAanwezig",
                        last_present[0] ? last_present : NULL));
                else
                    json_decref(ser);
            }
            if (!row)
                break;
            snprintf(cur_body, sizeof cur_body, "%s", store_col(st, 0));
            snprintf(body_name, sizeof body_name, "%s", store_col(st, 1));
            snprintf(cur_org, sizeof cur_org, "%s", store_col(st, 2));
            snprintf(org_name, sizeof org_name, "%s", store_col(st, 3));
            n = 0;
            total = 0;
            sum_all = 0;
            last_present[0] = '\0';
        }
        {
            const char *a = store_col(st, 5);
            double v = strcmp(a, "aanwezig") == 0 ? 1.0
                     : strcmp(a, "vervangen") == 0 ? 0.5 : 0.0;

            if (n == COMMITMENT_SERIES_MAX) {
                memmove(series, series + 1, sizeof series[0] * (n - 1));
                memmove(dates, dates + 1, sizeof dates[0] * (n - 1));
                n--;
            }
            series[n] = v;
            snprintf(dates[n], sizeof dates[n], "%.10s", store_col(st, 4));
            n++;
            total++;
            sum_all += v;
            if (v > 0)
                snprintf(last_present, sizeof last_present, "%.10s",
                         store_col(st, 4));
        }
    }
    sqlite3_finalize(st);
    return out;
}

static void rule_params(sqlite3 *db, int *window, int *threshold)
{
    json_t *r = commitment_rule(db);

    *window = 4;
    *threshold = 50;
    if (r) {
        if (json_integer_value(json_object_get(r, "aantal")) > 0)
            *window = (int)json_integer_value(json_object_get(r, "aantal"));
        if (json_is_integer(json_object_get(r, "drempel")))
            *threshold = (int)json_integer_value(json_object_get(r,
                                                                 "drempel"));
        json_decref(r);
    }
}

json_t *commitment_rates(sqlite3 *db, const char *org_code,
                         const char *body_code)
{
    int window, threshold;

    rule_params(db, &window, &threshold);
    return scan(db, org_code, body_code, window, threshold, 0);
}

json_t *commitment_signals(sqlite3 *db, const char *org_code,
                           const char *body_code)
{
    int window, threshold;

    if (store_count(db, "SELECT count(*) FROM cycle_rule WHERE kind = "
                        "'inzet' AND active = 1", NULL) <= 0)
        return json_array();
    rule_params(db, &window, &threshold);
    return scan(db, org_code, body_code, window, threshold, 1);
}
