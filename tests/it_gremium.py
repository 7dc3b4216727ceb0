# it_gremium.py - story tests of the fragmentation analysis (issue 6):
# the secretaris imports memberships shaped like the report, sees the
# report's overlap figures reproduced (API and pages), registers a new
# council and gets the risk-7 warning with its evidence, ends a membership
# and compares then and now. Exec'd by tests/integration.py (uses its
# globals: test, eq, expect, Browser, EXTRA_ATTEMPTS, ROOT).
import csv as _csv
import xml.dom.minidom as _minidom

_GDATA = os.path.join(ROOT, "tests", "data")


def _g_orgs(s):
    """Create the organisations of the report-shaped file (once)."""
    with open(os.path.join(_GDATA, "gremium_organisaties_rapport.csv"),
              encoding="utf-8") as f:
        for row in _csv.DictReader(f):
            if s.sql("SELECT count(*) FROM organisation WHERE code = ?",
                     row["code"])[0][0]:
                continue
            r = s.api("POST", "/organisaties", "secretaris", {
                "code": row["code"], "naam": row["naam"],
                "type": row["type"], "domein": row["domein"]})
            eq(r.status, 201, r.text)


def _g_pair(pairs, a, b):
    for p in pairs:
        if {p["gremiumA"]["nummer"], p["gremiumB"]["nummer"]} == {a, b}:
            return p
    return None


def _g_codes(s, nr):
    j = s.api("GET", "/gremia/%d/leden?paginaGrootte=100" % nr).json()
    return {m["organisatie"]["code"] for m in j["_embedded"]["leden"]}


@test
def gremia_import_refuses_bad_rows_and_stores_nothing(s):
    _g_orgs(s)
    before = s.count("gremium_member")
    data = open(os.path.join(_GDATA, "gremium_leden_fout.csv"), "rb").read()
    r = s.api("POST", "/gremium-leden", "secretaris", data, ctype="text/csv")
    eq(r.status, 400, r.text)
    eq(r.header("Content-Type"), "application/problem+json")
    fouten = r.json()["fouten"]
    joined = "\n".join(fouten)
    for want in ["regel 3: onbekend gremium", "regel 4: onbekende organisatie",
                 "regel 5: dubbele regel", "regel 6: Katapult is het gremium "
                 "Katapult zelf", "regel 7: sinds"]:
        expect(want in joined, "%r not in %s" % (want, joined))
    eq(s.count("gremium_member"), before, "nothing stored")
    r = s.api("POST", "/gremium-leden", "secretaris", "naam,code\nx,y\n",
              ctype="text/csv")
    eq(r.status, 400)
    expect("kopregel" in r.json()["fouten"][0], r.text)
    r = s.api("POST", "/gremium-leden", "deelnemer", data, ctype="text/csv")
    eq(r.status, 403)
    eq(s.count("gremium_member"), before, "nothing stored after 403")
    expect(s.sql("SELECT count(*) FROM audit WHERE action = "
                 "'gremium.leden.importeren' AND result = 'geweigerd'")[0][0]
           >= 2, "refusals audited")


@test
def gremia_overlap_reproduces_the_report(s):
    _g_orgs(s)
    data = open(os.path.join(_GDATA, "gremium_leden_rapport.csv"),
                "rb").read()
    r = s.api("POST", "/gremium-leden", "secretaris", data, ctype="text/csv")
    eq(r.status, 201, r.text)
    j = r.json()
    eq(j["gelezen"], 67)
    eq(j["gremia"], 4)
    # importing the same file again changes nothing
    r = s.api("POST", "/gremium-leden", "secretaris", data, ctype="text/csv")
    eq(r.status, 201, r.text)
    eq(r.json()["nieuw"], 0)
    eq(r.json()["ongewijzigd"], 67)
    pairs = s.api("GET", "/overlap?paginaGrootte=100").json()[
        "_embedded"]["paren"]
    # L795-L798: Techniekpact (1) and Taakgroep (2) share 12, Techniekpact
    # and HCA ICT (3) 9, HCA ICT and Taakgroep 5
    eq(_g_pair(pairs, 1, 2)["gedeeld"], 12)
    eq(_g_pair(pairs, 1, 3)["gedeeld"], 9)
    eq(_g_pair(pairs, 2, 3)["gedeeld"], 5)
    # L806-L808: 5 of the 8 members of Mensen maken de transitie (13) sit
    # in both Techniekpact and Taakgroep
    m13 = _g_codes(s, 13)
    eq(len(m13), 8)
    eq(len(m13 & _g_codes(s, 1) & _g_codes(s, 2)), 5)
    eq(s.api("GET", "/gremia/13").json()["aantalLeden"], 8)
    # L799: SZW, OCW, MBO Raad and the Vereniging Hogescholen sit in all
    # three
    all3 = _g_codes(s, 1) & _g_codes(s, 2) & _g_codes(s, 3)
    expect({"szw", "ocw", "mbo-raad", "vereniging-hogescholen"} <= all3,
           all3)
    p = _g_pair(pairs, 1, 2)
    eq(p["overlapcoefficient"], round(12 / min(p["ledenA"], p["ledenB"]), 4))
    eq(p["jaccard"], round(12 / (p["ledenA"] + p["ledenB"] - 12), 4))
    # sorted by score
    scores = [x["score"] for x in pairs]
    eq(scores, sorted(scores, reverse=True))
    # the pages show the same
    page = s.get("/versnippering").text
    expect("Techniekpact</a> en <a" in page, "pair row")
    expect("overlapcoëfficiënt × (1 + doeloverlap) / 2" in page, "formula")
    m = re.search(r"<svg.*?</svg>", page, re.S)
    expect(m, "network picture")
    _minidom.parseString(m.group(0))   # well-formed SVG
    expect('role="img"' in m.group(0) and "<title" in m.group(0), "a11y")
    expect("Techniekpact en Taakgroep Arbeidsmarkt en Scholing klimaatakkoord"
           ": 12 gedeelde organisaties" in m.group(0), "line with weight")
    g1 = s.get("/gremia/1").text
    row = re.search(r"Taakgroep Arbeidsmarkt en Scholing klimaatakkoord</a>"
                    r"</th><td[^>]*>(\d+)</td>", g1)
    expect(row and row.group(1) == "12", "gremium page pair row")
    lst = s.get("/gremia").text
    expect("wijkt af van het rapport" in lst, "derived vs report shown")


@test
def gremia_register_new_council_warns_risk7(s):
    _g_orgs(s)
    if s.count("gremium_member") < 60:
        gremia_overlap_reproduces_the_report(s)
    body = {"naam": "Nieuwe Techniektafel", "doel": "Instroom techniek.",
            "domein": "techniek",
            "pijlers": [{"pijler": "P1", "relatie": "overlappend"},
                        {"pijler": "P2", "relatie": "overlappend"}],
            "leden": ["szw", "ocw", "mbo-raad", "techniek-nederland", "fme",
                      "vno-ncw"]}
    r = s.api("POST", "/gremia", "secretaris", body)
    eq(r.status, 201, r.text)
    g = r.json()
    nr = g["nummer"]
    eq(g["relatieAfgeleid"], "overlappend")
    eq(g["uitRapport"], False)
    c = g["controle"]
    eq(c["waarschuwing"], True)
    ev = [e for e in c["bewijs"] if e.get("nummer") == 1]
    expect(ev, "Techniekpact as evidence: %s" % c)
    eq(ev[0]["gedeeld"], 6)
    eq(ev[0]["overlapcoefficient"], 1.0)
    expect({o["code"] for o in ev[0]["organisaties"]} == set(body["leden"]),
           "shared organisations listed")
    rows = s.sql("SELECT risk_nr, message FROM signal WHERE kind = "
                 "'gremium-overlap' AND subject = ? AND cleared_at IS NULL",
                 "gremium:%d" % nr)
    eq(len(rows), 1, "signal raised")
    eq(rows[0][0], 7)
    expect("Techniekpact" in rows[0][1], rows[0][1])
    page = s.get("/gremia/%d" % nr).text
    expect("Risico 7" in page and "Techniekpact</a>: 6 gedeelde" in page,
           "warning with evidence on the page")
    eq(s.api("POST", "/gremia", "secretaris", body).status, 409, "same name")
    # a change that removes the shared members clears the signal
    r = s.api("PUT", "/gremia/%d" % nr, "secretaris", dict(
        body, leden=["gl-mmdt-1"]))
    eq(r.status, 200, r.text)
    eq(r.json()["controle"]["waarschuwing"], False)
    eq(s.sql("SELECT count(*) FROM signal WHERE subject = ? AND cleared_at "
             "IS NULL", "gremium:%d" % nr)[0][0], 0, "signal cleared")
    # bad input stores nothing
    n = s.count("gremium")
    for bad in [{"naam": ""}, {"naam": "X", "leden": ["bestaat-niet"]},
                {"naam": "X", "pijlers": [{"pijler": "P9",
                                           "relatie": "breder"}]},
                {"naam": "X", "domein": "zorg"},
                {"naam": "NL Digital", "leden": ["nl-digital"]},
                {"naam": "X", "leden": ["ocw", "ocw"]}]:
        r = s.api("POST", "/gremia", "secretaris", bad)
        eq(r.status, 400, "%s: %s" % (bad, r.text))
    r = s.api("PUT", "/gremia/9", "secretaris", {"naam": "NLDigital",
                                                 "leden": ["nl-digital"]})
    eq(r.status, 400, "self-overlap of a report gremium")
    eq(s.count("gremium"), n)
    eq(s.api("POST", "/gremia", "deelnemer", {"naam": "Y"}).status, 403)


@test
def gremia_form_registration_and_membership_end(s):
    _g_orgs(s)
    b = Browser(s)
    r = b.login("t-secretaris", USER_PW)
    expect(r.status in (302, 303), "login")
    tok = b.csrf("/gremia/nieuw")
    r = b.post("/gremia", {"csrf": tok, "naam": "Formuliertafel ICT",
                           "doel": "ICT-instroom", "domein": "ict",
                           "pijler-P1": "specifieker",
                           "leden": "gl-hca-ict-1, gl-hca-ict-2\ngl-hca-ict-3"})
    eq(r.status, 303, r.text[:300])
    loc = r.header("Location")
    nr = int(re.search(r"/gremia/(\d+)", loc).group(1))
    g = s.api("GET", "/gremia/%d" % nr).json()
    eq(g["aantalLeden"], 3)
    eq(g["relatieAfgeleid"], "specifieker")
    r = b.post("/gremia", {"csrf": tok, "naam": "Fout", "leden": "niet-echt"})
    eq(r.status, 400)
    expect("onbekende organisatie" in r.text, "Dutch message in the form")
    # add and end a membership through the gremium page
    tok = b.csrf("/gremia/%d" % nr)
    r = b.post("/gremia/%d/leden" % nr, {"csrf": tok,
                                         "organisatie": "gl-hca-ict-4"})
    eq(r.status, 303)
    eq(s.api("GET", "/gremia/%d" % nr).json()["aantalLeden"], 4)
    mid = s.sql("SELECT id FROM gremium_member WHERE gremium_nr = ? AND "
                "organisation_id = (SELECT id FROM organisation WHERE code = "
                "'gl-hca-ict-4')", nr)[0][0]
    r = b.post("/gremia/%d/leden/%d/beeindigen" % (nr, mid), {"csrf": tok})
    eq(r.status, 303)
    eq(s.api("GET", "/gremia/%d" % nr).json()["aantalLeden"], 3)
    eq(s.api("DELETE", "/gremia/%d/leden/%d" % (nr, mid),
             "secretaris").status, 409, "already ended")
    # then and now: move memberships back in time, end one of them
    s.sql("UPDATE gremium_member SET since = '2020-01-01' WHERE "
          "gremium_nr IN (1, 2)")
    mid = s.sql("SELECT m.id FROM gremium_member m JOIN organisation o ON "
                "o.id = m.organisation_id WHERE m.gremium_nr = 2 AND o.code "
                "= 'fme' AND m.until IS NULL")[0][0]
    r = s.api("DELETE", "/gremia/2/leden/%d?tot=2022-06-01" % mid,
              "secretaris")
    eq(r.status, 204, r.text)
    now = s.api("GET", "/overlap?paginaGrootte=100").json()[
        "_embedded"]["paren"]
    then = s.api("GET", "/overlap?datum=2021-01-01&paginaGrootte=100").json()
    eq(_g_pair(now, 1, 2)["gedeeld"], 11)
    eq(_g_pair(then["_embedded"]["paren"], 1, 2)["gedeeld"], 12)
    expect("datum=2021-01-01" in then["_links"]["self"]["href"], "link")
    page = s.get("/versnippering?datum=2021-01-01").text
    expect("Overlap op 2021-01-01" in page, "then and now table")
    eq(s.api("GET", "/overlap?datum=2021-13-01").status, 400)
    eq(s.get("/versnippering?datum=gisteren").status, 400)
    # the CSV upload page
    eq(b.get("/gremia/import").status, 200)


def _g_perm_attempt(s, role, n):
    return s.api("POST", "/gremia", role, {"naam": "Rechtentest %d" % n}), 201


EXTRA_ATTEMPTS["gremium.beheren"] = _g_perm_attempt
