# it_monitor_pages.py - story tests of the public monitor pages over real
# HTTP, exec'd by tests/integration.py (uses its test, eq, expect, run,
# ROOT, Browser, USER_PW and the Server `s`). The open data in data/open is
# imported into the test store with the CLI (`koers import --db STORE
# data/open`, idempotent, so it does not matter which story file imports
# first); the expected numbers are computed here straight from the DUO
# file, so the map, the tables and the downloads must match the source.
import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile

MP_HBO = os.path.join(ROOT, "data", "open", "duo",
                      "hbo_inscriptions_2019.csv")
MP_IND = "hbo-eerstejaars-techniek"
MP_PAGE = "/monitor/indicatoren/" + MP_IND
# DUO writes the province names of before 2023; CBS codes them PV20-PV31
MP_PROVINCES = {
    "Groningen": "PV20", "Friesland": "PV21", "Drenthe": "PV22",
    "Overijssel": "PV23", "Flevoland": "PV24", "Gelderland": "PV25",
    "Utrecht": "PV26", "Noord-Holland": "PV27", "Zuid-Holland": "PV28",
    "Zeeland": "PV29", "Noord-Brabant": "PV30", "Limburg": "PV31",
}
_mp_state = {}


def mp_imported(s):
    """Import data/open into the test store (once per run)."""
    if not _mp_state.get("imported"):
        r = run(["import", "--db", s.db, os.path.join(ROOT, "data", "open")])
        eq(r.returncode, 0, "import of data/open: " + r.stdout + r.stderr)
        _mp_state["imported"] = True


def mp_duo(year):
    """{province code or 'NL01': {'': total, 'man': .., 'vrouw': ..}} of the
    techniek rows of the DUO hbo file for one year column."""
    out = {}
    with open(MP_HBO, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter=";")
        head = next(rows)
        col = {name: i for i, name in enumerate(head)}
        for row in rows:
            if len(row) < len(head) or \
                    row[col["CROHO ONDERDEEL"]].strip() != "techniek":
                continue
            v = row[col[str(year)]].strip()
            if v == "":
                continue
            sex = row[col["GESLACHT"]].strip()
            for reg in (MP_PROVINCES[row[col["PROVINCIE"]].strip()], "NL01"):
                d = out.setdefault(reg, {"": 0})
                d[""] += int(v)
                d[sex] = d.get(sex, 0) + int(v)
    return out


def mp_period(s, year):
    rows = s.sql("SELECT code FROM period WHERE kind = 'studiejaar' AND "
                 "year = ? AND num = 10", year)
    eq(len(rows), 1, "studiejaar %d is stored" % year)
    return rows[0][0]


def mp_nl(text):
    """A number in Dutch notation (1.234,5) as a float."""
    return float(text.replace(".", "").replace(",", "."))


def mp_table(page, table_id):
    """The rows of the table captioned table_id: lists of cell texts."""
    m = re.search(r'<caption id="%s".*?</table>' % re.escape(table_id),
                  page, re.S)
    expect(m, "table %s on the page" % table_id)
    body = m.group(0).split("<tbody", 1)[1]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)
        rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
    return rows


def mp_svgs(page):
    """Every inline SVG of the page, each checked to be well-formed XML."""
    out = []
    for svg in re.findall(r"<svg .*?</svg>", page, re.S):
        ET.fromstring(svg)          # raises on malformed markup
        out.append(svg)
    return out


def mp_svg_with(page, title_part):
    for svg in mp_svgs(page):
        t = re.search(r"<title id=\"[^\"]+\">([^<]*)</title>", svg)
        if t and title_part in t.group(1):
            return svg
    raise AssertionError("no chart titled ..%s.." % title_part)


@test
def monitor_map_of_provinces_matches_the_duo_file(s):
    mp_imported(s)
    per = mp_period(s, 2019)
    duo = mp_duo(2019)
    r = s.get(MP_PAGE + "?kaart=provincie&periode=" + per)
    eq(r.status, 200, r.text[:500])
    page = r.text
    rows = mp_table(page, "tabel-kaart")
    eq(len(rows), 12, "all 12 provinces in the map's table")
    got = {row[0]: mp_nl(row[2]) for row in rows}
    want = {code: float(duo[code][""]) for code in MP_PROVINCES.values()}
    eq(got, want, "province values equal the DUO file's sums for 2019")
    # the map: one shape per province, each with its number as tooltip
    svg = mp_svg_with(page, "per provincie")
    expect('role="img"' in svg, "the map is an image with a name")
    eq(len(re.findall(r'<path d="M', svg)), 12, "12 province shapes")
    gld = "{:,}".format(duo["PV25"][""]).replace(",", ".")
    expect("<title>Gelderland: %s</title>" % gld in svg,
           "Gelderland's tooltip holds its value")
    expect(">geen gegevens</text>" in svg, "legend has a no-data swatch")
    # the bar chart ranks the same provinces, the largest first
    ranked = mp_table(page, "tabel-vergelijking")
    eq([mp_nl(x[2]) for x in ranked],
       sorted(want.values(), reverse=True), "comparison sorted")
    eq(ranked[0][0], "1", "rank column")
    # the line chart: totaal, man and vrouw, with the national numbers
    line = mp_svg_with(page, "in Nederland")
    for sex, label in (("", "totaal"), ("man", "man"), ("vrouw", "vrouw")):
        n = "{:,}".format(duo["NL01"][sex]).replace(",", ".")
        expect("<title>%s, studiejaar 2019/2020: %s</title>" % (label, n)
               in line, "line chart point %s 2019 = %s" % (label, n))
    serie = mp_table(page, "tabel-verloop")
    eq(serie[-1][0], "studiejaar 2019/2020", "last period row")
    eq([mp_nl(c) for c in serie[-1][1:4]],
       [float(duo["NL01"][k]) for k in ("", "man", "vrouw")],
       "series table: totaal, man, vrouw for 2019")
    # "how is this measured" and the page's links to every download
    expect("Hoe wordt dit gemeten" in page and "DUO" in page,
           "definition and source")
    for f in ("reeks.csv", "reeks.json", "reeks.xlsx", "kaart.csv",
              "kaart.json", "kaart.xlsx"):
        expect("/%s?" % f in page, "download link " + f)
    # arbeidsmarktregio's: every one of the 35 is listed; the open data
    # has no gemeente -> arbeidsmarktregio membership, so unless one was
    # imported the page says there is nothing to draw
    r = s.get(MP_PAGE + "?kaart=arbeidsmarktregio&periode=" + per)
    eq(r.status, 200, "arbeidsmarktregio map")
    linked = s.sql("SELECT count(*) FROM region_link l JOIN region p ON "
                   "p.code = l.parent WHERE p.kind = 'arbeidsmarktregio'")
    if linked[0][0]:
        eq(len(mp_table(r.text, "tabel-kaart")), 35, "35 regions")
        svg = mp_svg_with(r.text, "per arbeidsmarktregio")
        eq(len(re.findall(r'<path d="M', svg)), 35, "35 shapes")
    else:
        expect("geen gegevens per arbeidsmarktregio" in r.text,
               "no arbeidsmarktregio data is said, not drawn")
    r = s.get(MP_PAGE + "/kaart.csv?kaart=arbeidsmarktregio&periode=" + per)
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    eq(len(rows), 36, "header + 35 arbeidsmarktregio's in the download")
    expect(all(re.fullmatch(r"AM\d\d", x[0]) for x in rows[1:]), "AM codes")


@test
def monitor_pages_refuse_unknown_choices_in_dutch(s):
    mp_imported(s)
    r = s.get("/monitor/indicatoren/bestaat-niet")
    eq(r.status, 404, "unknown indicator")
    expect("Onbekende indicator" in r.text and 'lang="nl"' in r.text,
           "Dutch 404 page")
    for q, word in (("regio=XX99", "Onbekende regio"),
                    ("periode=2099SJ10", "Onbekende periode"),
                    ("periode=2019JJ0%27", "Onbekende periode"),
                    ("uitsplitsing=geslacht%3Donbekend",
                     "Onbekende uitsplitsing"),
                    ("kaart=gemeente", "Onbekende kaart")):
        r = s.get(MP_PAGE + "?" + q)
        eq(r.status, 400, q)
        expect(word in r.text, "%s: %s" % (q, word))
        expect("<script" not in r.text, q)
        r = s.get(MP_PAGE + "/kaart.csv?" + q)
        if "regio" not in q:
            eq(r.status, 400, "download " + q)
    eq(s.get(MP_PAGE + "/reeks.pdf").status, 404, "unknown file type")
    eq(s.get("/monitor/regios/XX12").status, 404, "unknown region")


@test
def monitor_downloads_open_as_csv_json_and_xlsx(s):
    mp_imported(s)
    per = mp_period(s, 2019)
    duo = mp_duo(2019)
    nl = duo["NL01"]
    # the series of the line chart
    r = s.get(MP_PAGE + "/reeks.csv?regio=NL01")
    eq(r.status, 200, r.text[:300])
    eq(r.header("Content-Type"), "text/csv; charset=utf-8", "csv type")
    expect(r.header("Content-Disposition").startswith(
        'attachment; filename="hbo-eerstejaars-techniek-reeks-nl01'),
        r.header("Content-Disposition"))
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    eq(rows[0], ["periode", "periodenaam", "totaal", "man", "vrouw"],
       "series header")
    last = rows[-1]
    eq(last[0], per, "last row is 2019")
    eq([float(x) for x in last[2:]], [nl[""], nl["man"], nl["vrouw"]],
       "series values")
    r = s.get(MP_PAGE + "/reeks.json?regio=NL01")
    eq(r.status, 200, "json")
    j = r.json()
    eq(j["regio"]["code"], "NL01", "json region")
    eq([x["naam"] for x in j["reeksen"]], ["totaal", "man", "vrouw"],
       "json series")
    eq(j["perioden"][-1]["waarden"],
       {"totaal": nl[""], "man": nl["man"], "vrouw": nl["vrouw"]},
       "json values")
    r = s.get(MP_PAGE + "/reeks.xlsx?regio=NL01")
    eq(r.status, 200, "xlsx")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    expect("<v>%d</v>" % nl[""] in sheet, "xlsx holds the 2019 total as "
           "a number")
    expect('state="frozen"' in sheet, "frozen header")
    # the map of the provinces, women only
    q = "?periode=%s&kaart=provincie&uitsplitsing=geslacht%%3Dvrouw" % per
    r = s.get(MP_PAGE + "/kaart.csv" + q)
    eq(r.status, 200, "kaart.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    eq(rows[0], ["regio", "naam", "waarde"], "map header")
    eq({x[0]: float(x[2]) for x in rows[1:]},
       {c: float(duo[c]["vrouw"]) for c in MP_PROVINCES.values()},
       "map csv = women per province")
    j = s.get(MP_PAGE + "/kaart.json" + q).json()
    eq(j["uitsplitsing"], "geslacht=vrouw", "json disaggregation")
    eq(len(j["regios"]), 12, "json regions")
    r = s.get(MP_PAGE + "/kaart.xlsx" + q)
    z = zipfile.ZipFile(io.BytesIO(r.body))
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    expect("Gelderland" in sheet and "<v>%d</v>" % duo["PV25"]["vrouw"]
           in sheet, "xlsx map row of Gelderland")
    # the whole dataset: koers-lang, imported rows only
    r = s.get("/monitor/download.csv")
    eq(r.status, 200, "download.csv")
    rows = list(csv.reader(io.StringIO(r.body.decode("utf-8"))))
    eq(rows[0], ["indicator", "regio", "periode", "uitsplitsing", "waarde",
                 "status"], "koers-lang header")
    eq(len(rows) - 1, s.sql("SELECT count(*) FROM observation WHERE "
                            "origin = 0")[0][0], "every imported row")
    expect(all(x[5] in ("definitief", "voorlopig") for x in rows[1:]),
           "status words")
    # it reads back: importing it changes nothing (no new batch)
    path = os.path.join(s.tmp, "monitor-download.csv")
    with open(path, "wb") as f:
        f.write(r.body)
    batches = s.count("import_batch")
    total = s.count("observation")
    imp = run(["import", "--db", s.db, path])
    eq(imp.returncode, 0, "re-import: " + imp.stdout + imp.stderr)
    eq(s.count("import_batch"), batches, "nothing new to import")
    eq(s.count("observation"), total, "same observations")
    # the workbook: four sheets, computed rows with their origin
    r = s.get("/monitor/download.xlsx")
    eq(r.status, 200, "download.xlsx")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    wb = z.read("xl/workbook.xml").decode("utf-8")
    for name in ("Indicatoren", "Regio&apos;s", "Perioden", "Waarnemingen"):
        expect('name="%s"' % name in wb or
               'name="%s"' % name.replace("&apos;", "'") in wb,
               "sheet " + name)
    obs = z.read("xl/worksheets/sheet4.xml").decode("utf-8")
    expect("oorsprong" in obs and "opgeteld" in obs and "bron" in obs,
           "observations with their origin")


@test
def monitor_pages_are_cacheable_with_etags(s):
    mp_imported(s)
    for path in ("/monitor", MP_PAGE, MP_PAGE + "/kaart.csv",
                 "/monitor/regios/PV25", "/monitor/download.csv"):
        r = s.get(path)
        eq(r.status, 200, path)
        tag = r.header("ETag")
        expect(tag and tag.startswith('"'), path + " has an ETag")
        eq(r.header("Cache-Control"), "public, max-age=300", path)
        r2 = s.get(path, headers={"If-None-Match": tag})
        eq(r2.status, 304, path + " not modified")
        eq(r2.body, b"", path + " 304 has no body")
        r3 = s.get(path, headers={"If-None-Match": 'W/"x", ' + tag})
        eq(r3.status, 304, path + " tag in a list")
        eq(s.get(path, headers={"If-None-Match": '"x"'}).status, 200, path)
    # another choice is another representation
    a = s.get(MP_PAGE + "?kaart=provincie").header("ETag")
    b = s.get(MP_PAGE + "?kaart=arbeidsmarktregio").header("ETag")
    expect(a != b, "ETag depends on the query")
    # a logged-in page is private (it shows the user and forms)
    br = Browser(s)
    br.login("t-secretaris", USER_PW)
    r = br.get(MP_PAGE)
    eq(r.status, 200, "logged in")
    eq(r.header("Cache-Control"), "private, no-cache", "private page")
    eq(r.header("ETag"), None, "no shared validator for a private page")


@test
def monitor_target_form_sets_status_and_refuses_others(s):
    mp_imported(s)
    duo15, duo19 = mp_duo(2015), mp_duo(2019)
    base, now = duo15["PV25"][""], duo19["PV25"][""]
    page = MP_PAGE + "?regio=PV25"

    def target():
        return s.sql("SELECT baseline_year, baseline_value, target_year, "
                     "target_value, note FROM target t JOIN indicator i ON "
                     "i.id = t.indicator_id WHERE i.code = ? AND "
                     "region_code = 'PV25' AND disagg_key = ''", MP_IND)

    eq(target(), [], "no target for Gelderland yet")
    anon = s.get(page)
    expect("Streefwaarde vastleggen" not in anon.text, "no form in public")
    etag = anon.header("ETag")

    # deelnemer sees no form and is refused when posting anyway
    d = Browser(s)
    d.login("t-deelnemer", USER_PW)
    r = d.get(page)
    expect("Streefwaarde vastleggen" not in r.text, "no form for deelnemer")
    dtok = re.search(r'name="csrf" value="([0-9a-f]{64})"',
                     r.text).group(1)
    r = d.post(MP_PAGE + "/streefwaarde", {
        "csrf": dtok, "regio": "PV25", "uitsplitsing": "",
        "basisjaar": "2015", "basiswaarde": str(base), "doeljaar": "2030",
        "doelwaarde": "9999"})
    eq(r.status, 403, "deelnemer refused")
    eq(target(), [], "nothing stored for deelnemer")
    r = s.request("POST", MP_PAGE + "/streefwaarde",
                  body="regio=PV25&basisjaar=2015", headers={
                      "Content-Type": "application/x-www-form-urlencoded"})
    expect(r.status in (401, 403), "anonymous refused: %d" % r.status)
    eq(target(), [], "nothing stored anonymously")

    sec = Browser(s)
    sec.login("t-secretaris", USER_PW)
    r = sec.get(page)
    expect("Streefwaarde vastleggen" in r.text, "form for the secretaris")
    tok = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.text).group(1)
    form = {"csrf": tok, "regio": "PV25", "uitsplitsing": "",
            "basisjaar": "2015", "basiswaarde": str(base),
            "doeljaar": "2030", "doelwaarde": str(base * 5),
            "toelichting": "Verdubbelen & meer", "doel": ""}
    # bad input: a Dutch message per field, the typed values kept, no row
    bad = dict(form, basisjaar="20x5", doelwaarde="veel")
    r = sec.post(MP_PAGE + "/streefwaarde", bad)
    eq(r.status, 400, "bad numbers")
    expect("Vul het basisjaar in als vier cijfers" in r.text, "year error")
    expect("Vul de streefwaarde in als getal" in r.text, "value error")
    expect('value="20x5"' in r.text, "typed value kept")
    eq(target(), [], "nothing stored on bad input")
    r = sec.post(MP_PAGE + "/streefwaarde", dict(form, doeljaar="2014"))
    expect(r.status in (400, 422), "target year before baseline: %d"
           % r.status)
    eq(target(), [], "nothing stored when doeljaar <= basisjaar")
    r = sec.post(MP_PAGE + "/streefwaarde", dict(form, regio="PV99"))
    expect(r.status in (400, 404, 422), "unknown region: %d" % r.status)
    eq(target(), [], "nothing stored for an unknown region")

    # far too ambitious: uit koers
    r = sec.post(MP_PAGE + "/streefwaarde", form)
    eq(r.status, 303, "saved: " + r.text[:300])
    loc = r.header("Location")
    expect(loc.startswith(MP_PAGE + "?regio=PV25"), loc)
    eq(target(), [(2015, float(base), 2030, float(base * 5),
                   "Verdubbelen & meer")], "target stored")
    r = sec.get(loc.split("#")[0])
    expect("De streefwaarde is opgeslagen" in r.text, "confirmation")
    expect('koers-badge--error">uit koers<' in r.text, "uit koers badge")
    expect("stroke-dasharray" in mp_svg_with(r.text, "in Gelderland"),
           "target path drawn in the chart")
    expect("Verdubbelen &amp; meer" in r.text, "note shown, escaped")
    # the public page changed: its old ETag no longer matches
    r = s.get(page, headers={"If-None-Match": etag})
    eq(r.status, 200, "new ETag after the change")
    expect('koers-badge--error">uit koers<' in r.text, "public sees status")
    r = s.get("/monitor/regios/PV25")
    expect('koers-badge--error">uit koers<' in r.text, "region page too")

    # the same form again replaces it: now a modest target, op koers
    r = sec.post(MP_PAGE + "/streefwaarde",
                 dict(form, doelwaarde=str(now), toelichting="",
                      doeljaar="2019"))
    eq(r.status, 303, "replaced")
    eq(len(target()), 1, "still one target")
    r = sec.get(page)
    expect('koers-badge--ok">op koers<' in r.text, "op koers badge")
    audit = s.sql("SELECT count(*) FROM audit WHERE action LIKE "
                  "'streefwaarde.%' AND result = 'gelukt'")[0][0]
    expect(audit >= 2, "changes audited")

    # delete it
    tid = s.sql("SELECT t.id FROM target t JOIN indicator i ON i.id = "
                "t.indicator_id WHERE i.code = ? AND region_code = 'PV25' "
                "AND disagg_key = ''", MP_IND)[0][0]
    r = d.post(MP_PAGE + "/streefwaarde/verwijderen",
               {"csrf": dtok, "id": str(tid)})
    eq(r.status, 403, "deelnemer may not delete")
    eq(len(target()), 1, "still there")
    r = sec.post(MP_PAGE + "/streefwaarde/verwijderen",
                 {"csrf": tok, "id": str(tid)})
    eq(r.status, 303, "deleted")
    eq(target(), [], "target gone")
    r = sec.get(page)
    section = r.text.split('id="streefwaarde"')[1].split('id="meting"')[0]
    expect("koers-badge" not in section, "no status after delete")
    expect("geen streefwaarde vastgelegd" in section, "says there is none")


@test
def monitor_home_and_region_pages(s):
    mp_imported(s)
    duo = mp_duo(2019)
    r = s.get("/monitor")
    eq(r.status, 200, "monitor home")
    page = r.text
    expect('href="/monitor" aria-current="page"' in page, "navigation item")
    for h in ("Pijler 1", "Pijler 2", "Pijler 3", "Context"):
        expect(h in page, "section " + h)
    expect("/rapport?van=2087&amp;tot=2130" in page, "cites the report")
    rows = mp_table(page, "pijler-P1")
    hbo = [x for x in rows if x[0] == "Eerstejaars hbo-studenten techniek"]
    eq(len(hbo), 1, "hbo indicator listed under pillar 1: %r" % rows)
    eq(mp_nl(hbo[0][1]), float(duo["NL01"][""]), "latest national value")
    eq(hbo[0][2], "studiejaar 2019/2020", "its period")
    expect(hbo[0][3].startswith("+") or hbo[0][3].startswith("-"),
           "change versus the year before: " + hbo[0][3])
    # the Verloop column: a sparkline of the national series whose title
    # names its first and last values, from the DUO file's sums
    first, last = ("{:,}".format(mp_duo(y)["NL01"][""]).replace(",", ".")
                   for y in (2015, 2019))
    eq(hbo[0][4], "Verloop studiejaar 2015/2016 tot studiejaar 2019/2020: "
       "van %s naar %s" % (first, last), "sparkline title")
    spark = [svg for svg in mp_svgs(page) if "<title>Verloop studiejaar "
             "2015/2016 tot studiejaar 2019/2020: van %s naar %s</title>"
             % (first, last) in svg]
    eq(len(spark), 1, "one sparkline for the hbo indicator")
    expect('role="img"' in spark[0] and "<text" not in spark[0],
           "an image named by its title, no other text")
    expect(re.search(r'<path [^>]*d="M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){4}"',
                     spark[0]), "a line through the 5 studiejaren")
    # every indicator row has a sparkline or says there is no series
    for code in ("pijler-P1", "pijler-P2", "pijler-P3", "pijler-context"):
        if 'id="%s"' % code not in page:
            continue
        for row in mp_table(page, code):
            expect(row[4].startswith("Verloop ") or
                   row[4] == "—geen reeks", "%s: %r" % (code, row))
    expect('href="/monitor/download.csv"' in page and
           'href="/monitor/download.xlsx"' in page, "dataset downloads")

    r = s.get("/monitor/regios/PV25")
    eq(r.status, 200, "Gelderland")
    vals = mp_table(r.text, "tabel-waarden")
    hbo = [x for x in vals if x[0] == "Eerstejaars hbo-studenten techniek"]
    eq(mp_nl(hbo[0][1]), float(duo["PV25"][""]), "Gelderland's value")
    parents = mp_table(r.text, "tabel-indeling")
    expect(any(x[1] == "Nederland" for x in parents), "lies in Nederland")
    expect(any("landsdeel" in x[0] for x in parents), "and a landsdeel")
    # a gemeente with data: its province by year
    gm = s.sql("SELECT r.code FROM region r JOIN region_link l ON l.child = "
               "r.code JOIN region p ON p.code = l.parent WHERE r.kind = "
               "'gemeente' AND p.code = 'PV25' LIMIT 1")
    expect(gm, "a gemeente of Gelderland is linked by the import")
    r = s.get("/monitor/regios/" + gm[0][0])
    eq(r.status, 200, gm[0][0])
    parents = mp_table(r.text, "tabel-indeling")
    expect(any(x[1] == "Gelderland" for x in parents),
           "gemeente lies in Gelderland: %r" % parents)
    expect(any("landsdeel" in x[0] for x in parents) and
           any(x[1] == "Nederland" for x in parents),
           "and, through it, in its landsdeel and Nederland")
    # an abolished gemeente keeps its history
    gone = s.sql("SELECT code, successor FROM region WHERE kind = "
                 "'gemeente' AND ended IS NOT NULL LIMIT 1")
    expect(gone, "the CBS code list brings abolished gemeenten")
    r = s.get("/monitor/regios/" + gone[0][0])
    eq(r.status, 200, gone[0][0])
    expect("Opgeheven" in r.text, "abolished gemeente shows it")
    if gone[0][1]:
        expect("Opgegaan in" in r.text, "and its successor")
