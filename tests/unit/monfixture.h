/* monfixture.h - a temporary store holding a small monitor, for the
 * unit tests of the monitor modules (test_monitor.c, test_monjson.c,
 * test_rollup.c): a fixture.h store filled by one SQL script, kept as the
 * cmocka state between setup and teardown, and the cube that
 * test_monitor.c and test_monjson.c share. Static inline in a header, as
 * fixture.h, because every test program is one .c file. */
#ifndef KOERS_TEST_MONFIXTURE_H
#define KOERS_TEST_MONFIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "fixture.h"

/* cmocka setup: a new store in a directory made from tmpl (ending in
 * XXXXXX) with the current schema and the rows of sql; *state holds it.
 * 0, or -1 with the reason on stderr and nothing left behind. */
static inline int monfixture_open(void **state, const char *tmpl,
                                  const char *sql)
{
    struct store_fixture *fx = calloc(1, sizeof *fx);
    char err[256] = "";

    if (fx == NULL)
        return -1;
    if (fixture_open(fx, tmpl, err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        free(fx);
        return -1;
    }
    if (sqlite3_exec(fx->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "setup: %s\n", sqlite3_errmsg(fx->db));
        fixture_close(fx);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

/* cmocka teardown: close the store and remove its directory. 0, or -1
 * when the directory could not be removed. */
static inline int monfixture_close(void **state)
{
    struct store_fixture *fx = *state;
    int rc = fixture_close(fx);

    if (rc != 0)
        fprintf(stderr, "teardown: could not remove %s\n", fx->dir);
    free(fx);
    return rc;
}

/* The store of the state. */
static inline sqlite3 *monfixture_db(void **state)
{
    return ((struct store_fixture *)*state)->db;
}

/* The cube of test_monitor.c and test_monjson.c (SQL for
 * monfixture_open):
 * regions NL01, PV20, PV21, PV22 and gemeenten GM0001 (abolished
 * 2019-01-01, successor GM0002) and GM0002 (started 2019-01-01);
 * dimensions geslacht (man, vrouw) and niveau (4 = "mbo niveau 4");
 * indicator 1 'studenten' (som, hoger, studiejaar, dims geslacht, niveau)
 * and 2 'uitval' (geen, lager, jaar);
 * periods inserted out of order: 2017SJ10 (id 1), 2015SJ10 (2),
 * 2016SJ10 (3), 2016JJ00 (4), 2018JJ00 (5), 2020JJ00 (6);
 * disaggregations '' (1), 'geslacht=vrouw' (2), 'geslacht=man' (3). */
static inline const char *monfixture_cube(void)
{
    return
        "INSERT INTO region(id, code, name, kind, started, ended, "
        "successor) VALUES "
        "(1,'NL01','Nederland','land',NULL,NULL,NULL),"
        "(2,'PV20','Groningen','provincie',NULL,NULL,NULL),"
        "(3,'PV21','Fryslân','provincie',NULL,NULL,NULL),"
        "(4,'PV22','Drenthe','provincie',NULL,NULL,NULL),"
        "(6,'GM0002','Nieuwgemeente','gemeente','2019-01-01',NULL,NULL),"
        "(5,'GM0001','Oudgemeente','gemeente',NULL,'2019-01-01',"
        "'GM0002');"
        "INSERT INTO monitor_dimension VALUES ('geslacht','Geslacht',1),"
        "('niveau','Niveau',2);"
        "INSERT INTO monitor_dimension_item VALUES "
        "('geslacht','man','man',1),('geslacht','vrouw','vrouw',2),"
        "('niveau','4','mbo niveau 4',1);"
        "INSERT INTO indicator(id, code, name, definition, unit, decimals, "
        "source, domain, direction, aggregation, period_kind) VALUES "
        "(1,'studenten','Studenten','Ingeschreven studenten','aantal',0,"
        "'DUO','techniek','hoger','som','studiejaar'),"
        "(2,'uitval','Uitval','Uitvallers','procent',1,'CBS','beide',"
        "'lager','geen','jaar');"
        "INSERT INTO indicator_dimension VALUES (1,'geslacht'),"
        "(1,'niveau');"
        "INSERT INTO period VALUES "
        "(1,'2017SJ10','studiejaar',2017,10,'2017-10-01','2018-09-30',"
        "'studiejaar 2017/2018'),"
        "(2,'2015SJ10','studiejaar',2015,10,'2015-10-01','2016-09-30',"
        "'studiejaar 2015/2016'),"
        "(3,'2016SJ10','studiejaar',2016,10,'2016-10-01','2017-09-30',"
        "'studiejaar 2016/2017'),"
        "(4,'2016JJ00','jaar',2016,0,'2016-01-01','2016-12-31','2016'),"
        "(5,'2018JJ00','jaar',2018,0,'2018-01-01','2018-12-31','2018'),"
        "(6,'2020JJ00','jaar',2020,0,'2020-01-01','2020-12-31','2020');"
        "INSERT INTO disaggregation VALUES (1,''),(2,'geslacht=vrouw'),"
        "(3,'geslacht=man');"
        "INSERT INTO import_batch(id, source_code, file_name, file_sha256) "
        "VALUES (1,'test','test.csv','00');"
        /* studenten: NL01 total over three years, vrouw two years, PV20
         * and PV22 in 2016 (PV21 has none), GM0001 in 2016 */
        "INSERT INTO observation VALUES "
        "(1,1,1,1,130,0,1,1),(1,1,1,2,100,1,1,1),(1,1,1,3,120,1,0,1),"
        "(1,1,2,2,30,1,1,1),(1,1,2,3,40,1,1,1),"
        "(1,2,1,3,70,1,1,1),(1,4,1,3,50,1,1,1),(1,5,1,3,12,1,0,1),"
        /* uitval: NL01 in 2016 and 2018 */
        "(2,1,1,4,8.5,1,0,1),(2,1,1,5,7.25,1,0,1);";
}

#endif
