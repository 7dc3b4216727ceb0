# it_rollup.py - story tests of the monitor's roll-ups (src/rollup.c) over
# the real binary, exec'd by tests/integration.py (uses its test, eq,
# expect, run and the Server `s`). Each story imports files with the CLI
# (`koers import`, which rolls up inside its transaction) and reads the
# numbers a user sees from GET /api/v1/reeksen.
#
# The stories use their own indicator and three fictional gemeenten
# (GM9901-GM9903), registered with SQL, so that they neither depend on nor
# disturb the real open data other tests import; everything of theirs
# except import batches (which other rows may cite) is removed afterwards.
#   GM9901 in PV20 (Groningen), and in AM01
#   GM9902 in PV20 until 2017, in PV21 (Fryslan) from 2018
#   GM9903 in PV21, and in AM01
# PV20 and PV21 lie in landsdeel TP01 (Noord) and in NL01.

RU_IND = "it-rollup-eerstejaars"
RU_SHARE = "it-rollup-aandeel-vrouwen"
RU_GM = ("GM9901", "GM9902", "GM9903")


def ru_file(s, name, text):
    path = os.path.join(s.tmp, "it-rollup-" + name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def ru_import(s, name, text):
    r = run(["import", "--db", s.db, ru_file(s, name, text)])
    eq(r.returncode, 0, "import %s: %s%s" % (name, r.stdout, r.stderr))
    return r.stdout


def ru_lang(rows):
    """A koers-lang file: rows of (region, period, key, value[, status])."""
    out = ["indicator,regio,periode,uitsplitsing,waarde,status"]
    for row in rows:
        status = row[4] if len(row) > 4 else "definitief"
        out.append("%s,%s,%s,%s,%s,%s" % (RU_IND, row[0], row[1], row[2],
                                           row[3], status))
    return "\r\n".join(out) + "\r\n"


def ru_setup(s):
    ru_cleanup(s)
    s.sql("INSERT INTO region(code, name, kind) VALUES "
          "('GM9901', 'Testdorp Noord', 'gemeente'), "
          "('GM9902', 'Testdorp Grens', 'gemeente'), "
          "('GM9903', 'Testdorp West', 'gemeente')")
    s.sql("INSERT INTO indicator(code, name, definition, unit, source, "
          "domain, direction, aggregation, period_kind) VALUES (?, "
          "'Eerstejaars (test)', 'Test van de optellingen.', 'studenten', "
          "'tests/it_rollup.py', 'techniek', 'hoger', 'som', 'jaar')",
          RU_IND)
    s.sql("INSERT INTO indicator_dimension(indicator_id, dimension_code) "
          "SELECT id, 'geslacht' FROM indicator WHERE code = ?", RU_IND)
    s.sql("INSERT INTO indicator(code, name, definition, unit, decimals, "
          "source, domain, direction, aggregation, period_kind, num_code, "
          "num_filter, den_code, den_filter, factor) VALUES (?, "
          "'Aandeel vrouwen (test)', 'Test van de verhoudingen.', '%', 1, "
          "'tests/it_rollup.py', 'techniek', 'hoger', 'ratio', 'jaar', ?, "
          "'geslacht=vrouw', ?, '', 100)", RU_SHARE, RU_IND, RU_IND)
    ru_import(s, "provincies.csv",
              "gemeente,provincie,jaar_van,jaar_tot\r\n"
              "GM9901,PV20,2010,2030\r\n"
              "GM9902,PV20,2010,2017\r\n"
              "GM9902,PV21,2018,2030\r\n"
              "GM9903,PV21,2010,2030\r\n")
    ru_import(s, "amr.csv",
              "gemeente,arbeidsmarktregio,jaar_van,jaar_tot\r\n"
              "GM9901,AM01,2010,2030\r\n"
              "GM9903,AM01,2010,2030\r\n")


def ru_cleanup(s):
    s.sql("DELETE FROM observation WHERE indicator_id IN "
          "(SELECT id FROM indicator WHERE code IN (?, ?))", RU_IND, RU_SHARE)
    s.sql("DELETE FROM target WHERE indicator_id IN "
          "(SELECT id FROM indicator WHERE code IN (?, ?))", RU_IND, RU_SHARE)
    s.sql("DELETE FROM indicator_dimension WHERE indicator_id IN "
          "(SELECT id FROM indicator WHERE code IN (?, ?))", RU_IND, RU_SHARE)
    s.sql("DELETE FROM indicator WHERE code = ?", RU_SHARE)
    s.sql("DELETE FROM indicator WHERE code = ?", RU_IND)
    s.sql("DELETE FROM region_link WHERE child IN (?, ?, ?)", *RU_GM)
    s.sql("DELETE FROM region WHERE code IN (?, ?, ?)", *RU_GM)


def ru_series(s, region, disagg="", indicator=RU_IND):
    """{year: (value, oorsprong, status)} as GET /api/v1/reeksen serves."""
    q = "/reeksen?indicator=%s&regio=%s&uitsplitsing=%s" % (
        indicator, region, urllib.parse.quote(disagg))
    r = s.api("GET", q)
    eq(r.status, 200, q + " " + r.text)
    return {p["jaar"]: (p["waarde"], p["oorsprong"], p["status"])
            for p in r.json()["punten"]}


def ru_value(s, region, year, disagg="", indicator=RU_IND):
    pts = ru_series(s, region, disagg, indicator)
    expect(year in pts, "%s %s '%s' has no value for %d: %r"
           % (indicator, region, disagg, year, pts))
    return pts[year]


def ru_cube(s):
    """A fingerprint of every cell of the test indicators."""
    return s.sql("SELECT count(*), total(o.value * (o.region_id + "
                 "3 * o.disagg_id + 7 * o.period_id + 11 * o.origin)) "
                 "FROM observation o JOIN indicator i ON i.id = "
                 "o.indicator_id WHERE i.code IN (?, ?)", RU_IND, RU_SHARE)[0]


# GM9901 man 1/vrouw 2, GM9902 man 4/vrouw 8, GM9903 man 16/vrouw 32, in
# 2017 and 2018 (2018 doubled).
RU_DATA = [(gm, "%dJJ00" % y, "geslacht=" + sex, v * (y - 2016))
           for y in (2017, 2018)
           for gm, man in zip(RU_GM, (1, 4, 16))
           for sex, v in (("man", man), ("vrouw", 2 * man))]


@test
def rollup_sums_every_level_by_year_and_arbeidsmarktregio(s):
    ru_setup(s)
    try:
        out = ru_import(s, "data.csv", ru_lang(RU_DATA))
        expect("12 nieuw" in out, out)
        # a gemeente's total over its gender breakdown
        eq(ru_value(s, "GM9902", 2017), (12, "opgeteld", "definitief"))
        # the province of the year: GM9902 moved from PV20 to PV21 in 2018
        eq(ru_value(s, "PV20", 2017)[0], 3 + 12)
        eq(ru_value(s, "PV21", 2017)[0], 48)
        eq(ru_value(s, "PV20", 2018)[0], 6)
        eq(ru_value(s, "PV21", 2018)[0], 24 + 96)
        eq(ru_value(s, "PV21", 2018, "geslacht=vrouw")[0], 16 + 64)
        # AM01 spans both provinces; landsdeel and Nederland count each
        # gemeente once
        eq(ru_value(s, "AM01", 2017)[0], 3 + 48)
        eq(ru_value(s, "TP01", 2018)[0], 126)
        eq(ru_value(s, "NL01", 2017), (63, "opgeteld", "definitief"))
        eq(ru_value(s, "NL01", 2018, "geslacht=man")[0], 42)
        # the share of women is recomputed from the sums, not averaged
        eq(ru_value(s, "NL01", 2017, indicator=RU_SHARE)[1], "berekend")
        expect(abs(ru_value(s, "NL01", 2017, indicator=RU_SHARE)[0]
                   - 100.0 * 42 / 63) < 0.05, "share of women NL01")
        expect(abs(ru_value(s, "AM01", 2018, indicator=RU_SHARE)[0]
                   - 100.0 * 68 / 102) < 0.05, "share of women AM01")
        # no cell where nothing lies below
        eq(ru_series(s, "PV22"), {})
    finally:
        ru_cleanup(s)


@test
def rollup_believes_a_published_total_and_counts_nothing_twice(s):
    ru_setup(s)
    try:
        # the gemeenten by gender, then a second source publishing PV20's
        # own total (not the sum of its gemeenten) and a gemeente's total
        # next to its breakdown (one file holds one breakdown: the
        # importer refuses a mix)
        ru_import(s, "data.csv", ru_lang(RU_DATA))
        ru_import(s, "totals.csv", ru_lang([
            ("PV20", "2017JJ00", "", 500),
            ("GM9903", "2017JJ00", "", 48),
        ]))
        eq(ru_value(s, "PV20", 2017), (500, "bron", "definitief"))
        eq(ru_value(s, "PV20", 2017, "geslacht=vrouw")[0], 2 + 8)
        eq(ru_value(s, "GM9903", 2017), (48, "bron", "definitief"))
        eq(ru_value(s, "PV21", 2017)[0], 48)
        # Nederland: PV20's own total plus PV21, not its gemeenten again
        eq(ru_value(s, "NL01", 2017)[0], 500 + 48)
        eq(ru_value(s, "TP01", 2017)[0], 500 + 48)
        # AM01 holds gemeenten only: their sum
        eq(ru_value(s, "AM01", 2017)[0], 3 + 48)
    finally:
        ru_cleanup(s)


@test
def rollup_reimport_is_idempotent_and_a_change_reaches_nederland(s):
    ru_setup(s)
    try:
        ru_import(s, "data.csv", ru_lang(RU_DATA))
        before = ru_cube(s)
        out = ru_import(s, "data.csv", ru_lang(RU_DATA))
        expect("12 ongewijzigd" in out, out)
        eq(ru_cube(s), before, "second import changed the cube")
        # one value changed, and marked voorlopig
        changed = [r if r[:3] != ("GM9901", "2017JJ00", "geslacht=vrouw")
                   else r[:3] + (102, "voorlopig") for r in RU_DATA]
        out = ru_import(s, "data2.csv", ru_lang(changed))
        expect("1 gewijzigd" in out, out)
        eq(ru_value(s, "NL01", 2017), (163, "opgeteld", "voorlopig"))
        eq(ru_value(s, "NL01", 2018)[1:], ("opgeteld", "definitief"))
        eq(ru_cube(s)[0], before[0], "cells added or lost on recompute")
    finally:
        ru_cleanup(s)


@test
def rollup_follows_a_new_regional_indeling(s):
    ru_setup(s)
    try:
        ru_import(s, "data.csv", ru_lang(RU_DATA))
        eq(ru_value(s, "PV21", 2018)[0], 120)
        # GM9902 stays in PV20 after all: the whole history is rolled up
        # again, NL01 does not change
        ru_import(s, "provincies2.csv",
                  "gemeente,provincie,jaar_van,jaar_tot\r\n"
                  "GM9902,PV20,2010,2030\r\n")
        eq(ru_value(s, "PV21", 2018)[0], 96)
        eq(ru_value(s, "PV20", 2018)[0], 6 + 24)
        eq(ru_value(s, "NL01", 2018)[0], 126)
    finally:
        ru_cleanup(s)
