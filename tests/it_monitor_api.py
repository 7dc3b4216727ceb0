# it_monitor_api.py - story tests of the monitor API over real HTTP,
# exec'd by tests/integration.py (uses its test, eq, expect, run, ROOT and
# the Server `s`). The open data in data/open is imported into the test
# store with the CLI once (`koers import --db STORE data/open`); the
# expected numbers are computed here straight from the DUO file, so the
# series the API serves must match the source file's totals.
import csv
import hashlib
import re

MON_HBO = os.path.join(ROOT, "data", "open", "duo",
                       "hbo_inscriptions_2019.csv")
MON_IND = "hbo-eerstejaars-techniek"
MON_SHARE = "hbo-aandeel-vrouwen-techniek"
_mon_state = {}


def mon_imported(s):
    """Import data/open into the test store once (idempotent anyway)."""
    if not _mon_state.get("imported"):
        r = run(["import", "--db", s.db, os.path.join(ROOT, "data", "open")])
        eq(r.returncode, 0, "import of data/open: " + r.stdout + r.stderr)
        _mon_state["imported"] = True


def mon_duo_sums(province=None):
    """{(year, sex): sum} of the techniek rows of the DUO hbo file, for
    all of the Netherlands or one PROVINCIE; sex '' is the total."""
    out = {}
    with open(MON_HBO, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter=";")
        head = next(rows)
        col = {name: i for i, name in enumerate(head)}
        years = [h for h in head if re.fullmatch(r"\d{4}", h)]
        for row in rows:
            if len(row) < len(head):
                continue   # the file has empty lines
            if row[col["CROHO ONDERDEEL"]].strip() != "techniek":
                continue
            if province and row[col["PROVINCIE"]].strip() != province:
                continue
            sex = row[col["GESLACHT"]].strip()
            for y in years:
                v = row[col[y]].strip()
                if v == "":
                    continue
                for k in ((int(y), ""), (int(y), sex)):
                    out[k] = out.get(k, 0) + int(v)
    return out


def mon_series(s, indicator, region="NL01", disagg=None):
    q = "/reeksen?indicator=%s&regio=%s" % (indicator, region)
    if disagg is not None:
        q += "&uitsplitsing=" + urllib.parse.quote(disagg)
    r = s.api("GET", q)
    eq(r.status, 200, q + " " + r.text)
    return r.json()


def mon_problem(r, status, param, what):
    eq(r.status, status, what + ": " + r.text)
    eq(r.header("Content-Type"), "application/problem+json", what)
    j = r.json()
    eq(j["status"], status, what)
    if param:
        expect(j["detail"].startswith(param), "%s: detail names %s: %s"
               % (what, param, j["detail"]))


@test
def monitor_api_series_equals_duo_file_totals(s):
    mon_imported(s)
    sums = mon_duo_sums()
    years = sorted({y for y, _ in sums})
    expect(len(years) == 5, "five study years in the file")
    j = mon_series(s, MON_IND)
    eq(j["indicator"]["code"], MON_IND)
    eq(j["regio"], {"code": "NL01", "naam": "Nederland", "soort": "land"})
    eq(j["uitsplitsing"], {"sleutel": "", "naam": "totaal"})
    got = {p["jaar"]: p["waarde"] for p in j["punten"]}
    eq(sorted(got), years, "one point per study year, in order")
    eq([p["jaar"] for p in j["punten"]], years, "ordered by period")
    for y in years:
        eq(got[y], sums[(y, "")], "NL01 total %d" % y)
    # the file has gemeente rows only: the national value is rolled up
    expect(all(p["oorsprong"] == "opgeteld" for p in j["punten"]),
           "NL01 values are roll-ups")
    expect(all(re.fullmatch(r"\d{4}SJ10", p["periode"])
               for p in j["punten"]), "studiejaar periods")
    for sex in ("vrouw", "man"):
        j = mon_series(s, MON_IND, "NL01", "geslacht=" + sex)
        eq(j["uitsplitsing"]["naam"], sex)
        for p in j["punten"]:
            eq(p["waarde"], sums[(p["jaar"], sex)], "%s %d" % (sex,
                                                             p["jaar"]))


@test
def monitor_api_women_share_is_recomputed_at_a_province(s):
    mon_imported(s)
    sums = mon_duo_sums("Gelderland")
    j = mon_series(s, MON_SHARE, "PV25")
    eq(j["regio"]["naam"], "Gelderland")
    eq(j["indicator"]["eenheid"], "procent")
    expect(len(j["punten"]) == 5, "five years of shares")
    for p in j["punten"]:
        y = p["jaar"]
        want = 100.0 * sums[(y, "vrouw")] / sums[(y, "")]
        expect(abs(p["waarde"] - want) < 1e-9,
               "share %d: %r != %r" % (y, p["waarde"], want))
        eq(p["oorsprong"], "berekend")
    # the same numbers through /observaties
    r = s.api("GET", "/observaties?indicator=%s&regio=PV25&paginaGrootte=100"
              % MON_SHARE)
    eq(r.status, 200)
    obs = r.json()["_embedded"]["observaties"]
    eq(sorted(o["periode"] for o in obs),
       sorted(p["periode"] for p in j["punten"]))
    expect(all(o["oorsprong"] == "berekend" and o["regio"] == "PV25"
               for o in obs), "ratio rows at PV25")


@test
def monitor_api_unknown_codes_are_input_errors(s):
    mon_imported(s)
    n_obs = s.count("observation")
    base = "/observaties?indicator=" + MON_IND
    mon_problem(s.api("GET", "/observaties?indicator=bestaat-niet"), 400,
                "indicator", "unknown indicator")
    mon_problem(s.api("GET", "/observaties"), 400, "indicator",
                "indicator missing")
    mon_problem(s.api("GET", base + "&regio=PV99"), 400, "regio",
                "unknown region")
    mon_problem(s.api("GET", base + "&periode=2099JJ00"), 400, "periode",
                "period not in the monitor")
    mon_problem(s.api("GET", base + "&periode=onzin"), 400, "periode",
                "malformed period")
    mon_problem(s.api("GET", base + "&uitsplitsing=geslacht%3Dx"), 400,
                "uitsplitsing", "unknown item")
    mon_problem(s.api("GET", base + "&uitsplitsing=sector%3Dbouw"), 400,
                "uitsplitsing", "dimension the indicator lacks")
    mon_problem(s.api("GET", base + "&oorsprong=geraden"), 400, "oorsprong",
                "unknown origin")
    mon_problem(s.api("GET", "/reeksen?regio=NL01"), 400, "indicator",
                "series without indicator")
    mon_problem(s.api("GET", "/reeksen?indicator=x-y"), 400, "indicator",
                "series of an unknown indicator")
    mon_problem(s.api("GET", "/reeksen?indicator=%s&regio=GM9999" % MON_IND),
                400, "regio", "series of an unknown region")
    mon_problem(s.api("GET", "/indicatoren/bestaat-niet"), 404, None,
                "unknown indicator path")
    mon_problem(s.api("GET", "/indicatoren/bestaat-niet/jsonstat"), 404,
                None, "unknown indicator cube")
    mon_problem(s.api("GET", "/indicatoren/%s/jsonstat?soort=dorp"
                      % MON_IND), 400, "soort", "unknown kind")
    mon_problem(s.api("GET", "/regios/PV99"), 404, None, "unknown region")
    mon_problem(s.api("GET", "/regios?soort=dorp"), 400, "soort",
                "unknown region kind")
    mon_problem(s.api("GET", "/perioden/2099JJ00"), 404, None,
                "a valid period code that is not stored")
    mon_problem(s.api("GET", "/perioden?soort=eeuw"), 400, "soort",
                "unknown period kind")
    mon_problem(s.api("GET", "/indicatoren?pijler=P9"), 400, "pijler",
                "unknown pillar")
    mon_problem(s.api("GET", "/streefwaarden?indicator=x"), 400,
                "indicator", "targets of an unknown indicator")
    eq(s.count("observation"), n_obs, "reads change nothing")


@test
def monitor_api_etag_and_not_modified(s):
    mon_imported(s)
    path = "/api/v1/reeksen?indicator=%s&regio=PV25" % MON_IND
    r = s.get(path)
    eq(r.status, 200)
    tag = r.header("ETag")
    expect(tag and re.fullmatch(r'"[0-9a-f]{16}"', tag), "ETag: %r" % tag)
    eq(r.header("Cache-Control"), "public, max-age=300")
    eq(len(r.headers_all("Cache-Control")), 1, "one Cache-Control header")
    eq(r.header("API-Version"), "1.0.0")
    r2 = s.get(path, headers={"If-None-Match": tag})
    eq(r2.status, 304)
    eq(r2.body, b"", "no body on 304")
    eq(r2.header("ETag"), tag)
    eq(r2.header("API-Version"), "1.0.0")
    eq(s.get(path, headers={"If-None-Match": '"0", W/' + tag}).status, 304,
       "weak tag in a list")
    eq(s.get(path, headers={"If-None-Match": '"0000000000000000"'}).status,
       200, "another tag")
    eq(s.get(path.replace("PV25", "PV26"),
             headers={"If-None-Match": tag}).status, 200,
       "another query has another tag")
    # every monitor read is cacheable
    for p in ["/indicatoren", "/indicatoren/" + MON_IND,
              "/indicatoren/%s/jsonstat?soort=provincie" % MON_IND,
              "/regios", "/regios/PV25", "/perioden", "/perioden/2019SJ10",
              "/observaties?indicator=" + MON_IND, "/streefwaarden",
              "/imports"]:
        r = s.api("GET", p)
        eq(r.status, 200, p)
        expect(r.header("ETag"), p + " has an ETag")
        eq(r.header("Cache-Control"), "public, max-age=300", p)
        r3 = s.request("GET", "/api/v1" + p,
                       headers={"If-None-Match": r.header("ETag")})
        eq(r3.status, 304, p)
    # an error is not cacheable
    r = s.api("GET", "/reeksen?indicator=x-y")
    eq(r.header("Cache-Control"), "no-store")
    expect(r.header("ETag") is None, "no ETag on a problem")
    # a new target changes the series, so its tag changes
    r = s.api("POST", "/streefwaarden", "secretaris", {
        "indicator": MON_IND, "regio": "PV26", "basisjaar": 2015,
        "basiswaarde": 100, "doeljaar": 2025, "doelwaarde": 200})
    eq(r.status, 201, r.text)
    p26 = path.replace("PV25", "PV26")
    tag26 = s.get(p26).header("ETag")
    r = s.api("PUT", "/streefwaarden/%d" % r.json()["id"], "secretaris", {
        "regio": "PV26", "basisjaar": 2015, "basiswaarde": 100,
        "doeljaar": 2025, "doelwaarde": 300})
    eq(r.status, 200, r.text)
    eq(s.get(p26, headers={"If-None-Match": tag26}).status, 200,
       "changed target, changed tag")
    eq(s.api("DELETE", "/streefwaarden/%d" % r.json()["id"],
             "secretaris").status, 204)


@test
def monitor_api_jsonstat_cube(s):
    mon_imported(s)
    r = s.api("GET", "/indicatoren/%s/jsonstat?soort=provincie" % MON_IND)
    eq(r.status, 200)
    eq(r.header("Content-Type"), "application/json")
    j = r.json()
    eq(j["version"], "2.0")
    eq(j["class"], "dataset")
    eq(j["id"], ["indicator", "regio", "periode", "uitsplitsing"])
    eq(len(j["size"]), len(j["id"]))
    n = 1
    for dim, size in zip(j["id"], j["size"]):
        cat = j["dimension"][dim]["category"]
        eq(len(cat["index"]), size, dim)
        eq(set(cat["label"]), set(cat["index"]), dim + " labels")
        n *= size
    eq(len(j["value"]), n, "one value per cell")
    eq(j["role"]["geo"], ["regio"])
    eq(j["role"]["time"], ["periode"])
    regions = j["dimension"]["regio"]["category"]["index"]
    eq(len(regions), 12, "the twelve provinces")
    eq(j["dimension"]["regio"]["category"]["label"]["PV25"], "Gelderland")
    periods = j["dimension"]["periode"]["category"]["index"]
    dis = j["dimension"]["uitsplitsing"]["category"]["index"]
    eq(dis[0], "", "the total first")
    expect("geslacht=vrouw" in dis, "women")
    unit = j["dimension"]["indicator"]["category"]["unit"][MON_IND]
    eq(unit["decimals"], 0)
    # a cell equals the source file (row-major, last dimension fastest)
    sums = mon_duo_sums("Gelderland")
    for pi, code in enumerate(periods):
        year = int(code[:4])
        k = (regions.index("PV25") * len(periods) + pi) * len(dis) + \
            dis.index("geslacht=vrouw")
        eq(j["value"][k], sums[(year, "vrouw")], "PV25 vrouw " + code)
    # one region only
    j = s.api("GET", "/indicatoren/%s/jsonstat?regio=NL01" % MON_IND).json()
    eq(j["size"][1], 1)
    eq(j["dimension"]["regio"]["category"]["index"], ["NL01"])


@test
def monitor_api_targets_crud_and_permissions(s):
    mon_imported(s)
    n = s.count("target")
    body = {"indicator": MON_IND, "regio": "NL01", "basisjaar": 2015,
            "basiswaarde": 10000, "doeljaar": 2030, "doelwaarde": 20000,
            "toelichting": "Ambitie van de test"}
    # unauthenticated and a role without the right: refused, nothing stored
    r = s.api("POST", "/streefwaarden", data=body)
    eq(r.status, 401)
    expect(r.header("WWW-Authenticate"), "WWW-Authenticate")
    audit0 = s.sql("SELECT count(*) FROM audit WHERE action = "
                   "'streefwaarde.vastleggen' AND result = 'geweigerd'")[0][0]
    mon_problem(s.api("POST", "/streefwaarden", "deelnemer", body), 403,
                None, "deelnemer may not set targets")
    eq(s.sql("SELECT count(*) FROM audit WHERE action = "
             "'streefwaarde.vastleggen' AND result = 'geweigerd'")[0][0],
       audit0 + 1, "the refusal is audited")
    eq(s.count("target"), n)
    # bad input: 400, nothing stored
    for bad, param in [
            (dict(body, doeljaar=2015), "doeljaar"),
            (dict(body, doeljaar=2010), "doeljaar"),
            (dict(body, regio="PV99"), "PV99"),
            (dict(body, uitsplitsing="geslacht=x"), "geslacht"),
            (dict(body, basiswaarde="veel"), "basiswaarde"),
            (dict(body, basisjaar=20.5), "basisjaar"),
            (dict(body, kleur="rood"), "kleur"),
            (dict(body, indicator="bestaat-niet"), "indicator"),
            (dict(body, doel=999999), "Doel"),
            ({k: v for k, v in body.items() if k != "indicator"},
             "indicator"),
            ({k: v for k, v in body.items() if k != "doelwaarde"},
             "doelwaarde")]:
        r = s.api("POST", "/streefwaarden", "secretaris", bad)
        eq(r.status, 400, "%r: %s" % (bad, r.text))
        expect(param in r.json()["detail"], "%s in %s" % (param, r.text))
    eq(s.api("POST", "/streefwaarden", "secretaris", "{nope").status, 400)
    eq(s.api("POST", "/streefwaarden", "secretaris", body,
             ctype="text/plain").status, 415)
    eq(s.count("target"), n, "nothing stored after bad input")
    # create
    ok0 = s.sql("SELECT count(*) FROM audit WHERE action = "
                "'streefwaarde.vastleggen' AND result = 'gelukt'")[0][0]
    r = s.api("POST", "/streefwaarden", "secretaris", body)
    eq(r.status, 201, r.text)
    t = r.json()
    eq(r.header("Location"), "/api/v1/streefwaarden/%d" % t["id"])
    eq((t["indicator"], t["regio"], t["uitsplitsing"], t["basiswaarde"],
        t["doelwaarde"]), (MON_IND, "NL01", "", 10000, 20000))
    expect(t["status"] in ("op-koers", "risico", "uit-koers"), t["status"])
    eq(s.sql("SELECT count(*) FROM audit WHERE action = "
             "'streefwaarde.vastleggen' AND result = 'gelukt'")[0][0],
       ok0 + 1, "audited")
    eq(s.sql("SELECT object_id, actor FROM audit WHERE action = "
             "'streefwaarde.vastleggen' ORDER BY id DESC LIMIT 1"),
       [(str(t["id"]), "t-secretaris")], "who and which target")
    # the status follows the linear path: compare with the newest value
    j = mon_series(s, MON_IND)
    last = j["punten"][-1]
    path = 10000 + (last["jaar"] - 2015) * 10000 / 15.0
    eq(t["actueel"]["waarde"], last["waarde"])
    expect(abs(t["actueel"]["verwacht"] - path) < 1e-6, "path value")
    want = ("op-koers" if last["waarde"] >= path else
            "risico" if path - last["waarde"] <= (path - 10000) / 4 else
            "uit-koers")
    eq(t["status"], want, "status against the path")
    eq(j["streefwaarde"]["id"], t["id"], "the series shows the target")
    eq(j["streefwaarde"]["status"], want)
    eq(len(j["streefwaarde"]["pad"]), 16, "a path point per year")
    eq(j["streefwaarde"]["pad"][0], {"jaar": 2015, "waarde": 10000})
    eq(j["streefwaarde"]["pad"][-1], {"jaar": 2030, "waarde": 20000})
    # the same cell again is a conflict
    mon_problem(s.api("POST", "/streefwaarden", "secretaris", body), 409,
                None, "duplicate target")
    # the indicator shows it, the list filters on it
    ind = s.api("GET", "/indicatoren/" + MON_IND).json()
    expect(any(x["id"] == t["id"] for x in ind["streefwaarden"]),
           "target on the indicator")
    eq(ind["status"], want, "national status on the indicator")
    lst = s.api("GET", "/streefwaarden?indicator=" + MON_IND).json()
    expect(any(x["id"] == t["id"] for x in lst["_embedded"]["streefwaarden"]),
           "listed")
    eq(s.api("GET", "/streefwaarden?indicator=" + MON_SHARE).json()[
        "totaalAantal"], 0, "filtered by indicator")
    # update: a very low target is reached
    upd = {k: v for k, v in body.items()
           if k not in ("indicator", "toelichting")}
    upd["doelwaarde"] = 1
    mon_problem(s.api("PUT", "/streefwaarden/%d" % t["id"], "deelnemer",
                      upd), 403, None, "deelnemer may not change")
    eq(s.api("PUT", "/streefwaarden/%d" % t["id"], data=upd).status, 401)
    r = s.api("PUT", "/streefwaarden/%d" % t["id"], "secretaris", upd)
    eq(r.status, 200, r.text)
    eq(r.json()["doelwaarde"], 1)
    eq(r.json()["status"], "op-koers")
    eq(r.json()["toelichting"], "", "PUT replaces the whole target")
    mon_problem(s.api("PUT", "/streefwaarden/%d" % t["id"], "secretaris",
                      dict(upd, indicator=MON_SHARE)), 400, "indicator",
                "the indicator of a target is fixed")
    mon_problem(s.api("PUT", "/streefwaarden/999999", "secretaris", upd),
                404, None, "unknown target")
    # delete
    mon_problem(s.api("DELETE", "/streefwaarden/%d" % t["id"], "deelnemer"),
                403, None, "deelnemer may not delete")
    eq(s.api("DELETE", "/streefwaarden/%d" % t["id"]).status, 401)
    eq(s.count("target"), n + 1)
    r = s.api("DELETE", "/streefwaarden/%d" % t["id"], "secretaris")
    eq(r.status, 204)
    eq(s.count("target"), n)
    eq(s.api("GET", "/streefwaarden/%d" % t["id"]).status, 404)
    eq(s.api("DELETE", "/streefwaarden/%d" % t["id"], "secretaris").status,
       404)
    eq(mon_series(s, MON_IND)["streefwaarde"], None, "gone from the series")


@test
def monitor_api_catalogue_periods_imports_and_observations(s):
    mon_imported(s)
    j = s.api("GET", "/indicatoren?pijler=P1&paginaGrootte=100").json()
    codes = [i["code"] for i in j["_embedded"]["indicatoren"]]
    expect(MON_IND in codes, "P1 lists the hbo indicator")
    expect(all(i["pijler"] == "P1" for i in j["_embedded"]["indicatoren"]),
           "only P1")
    j = s.api("GET", "/indicatoren?domein=ict&paginaGrootte=100").json()
    expect(all(i["domein"] in ("ict", "beide")
               for i in j["_embedded"]["indicatoren"]), "ict and beide")
    expect(MON_IND not in [i["code"] for i in j["_embedded"]["indicatoren"]],
           "techniek is not ict")
    j = s.api("GET", "/indicatoren?pijler=context&paginaGrootte=100").json()
    expect(j["totaalAantal"] >= 1 and all(
        i["pijler"] is None for i in j["_embedded"]["indicatoren"]),
        "context indicators")
    d = s.api("GET", "/indicatoren/" + MON_SHARE).json()
    eq(d["aggregatie"], "ratio")
    eq(d["berekening"]["teller"], {"indicator": MON_IND,
                                   "uitsplitsing": "geslacht=vrouw"})
    eq(d["berekening"]["noemer"]["indicator"], MON_IND)
    d = s.api("GET", "/indicatoren/" + MON_IND).json()
    eq([x["code"] for x in d["dimensies"]], ["geslacht"])
    eq(sorted(i["code"] for i in d["dimensies"][0]["items"]),
       ["man", "vrouw"])
    eq([p["code"] for p in d["perioden"]],
       ["%dSJ10" % y for y in range(2015, 2020)])
    eq(d["uitsplitsingen"][0], {"sleutel": "", "naam": "totaal"})
    # periods
    j = s.api("GET", "/perioden?soort=studiejaar&paginaGrootte=100").json()
    sj = [p["code"] for p in j["_embedded"]["perioden"]]
    expect(all(c in sj for c in ["2015SJ10", "2019SJ10"]), "study years")
    expect(all(p["soort"] == "studiejaar" for p in
               j["_embedded"]["perioden"]), "only studiejaar")
    p = s.api("GET", "/perioden/2019SJ10").json()
    eq((p["begin"], p["einde"], p["naam"]),
       ("2019-10-01", "2020-09-30", "studiejaar 2019/2020"))
    # imports: provenance of the hbo file, with its sha256
    sha = hashlib.sha256(open(MON_HBO, "rb").read()).hexdigest()
    j = s.api("GET", "/imports?paginaGrootte=100").json()
    hbo = [b for b in j["_embedded"]["imports"] if b["sha256"] == sha]
    eq(len(hbo), 1, "one batch of the hbo file")
    expect(hbo[0]["bestand"].endswith("hbo_inscriptions_2019.csv"),
           hbo[0]["bestand"])
    expect(hbo[0]["aantallen"]["gelezen"] > 0, "rows read")
    # observations: paginated in SQL, totals match the store
    q = "/observaties?indicator=%s&regio=NL01&paginaGrootte=3" % MON_IND
    j = s.api("GET", q).json()
    want = s.sql("SELECT count(*) FROM observation o JOIN indicator i ON "
                 "i.id = o.indicator_id JOIN region r ON r.id = o.region_id "
                 "WHERE i.code = ? AND r.code = 'NL01'", MON_IND)[0][0]
    eq(j["totaalAantal"], want)
    eq(len(j["_embedded"]["observaties"]), 3)
    expect("indicator=%s&regio=NL01&" % MON_IND in
           j["_links"]["next"]["href"], "links keep the filters")
    batches = {b["id"] for b in s.api(
        "GET", "/imports?paginaGrootte=100").json()["_embedded"]["imports"]}
    for o in j["_embedded"]["observaties"]:
        expect(o["importBatch"] in batches, "batch exists")
        eq(o["status"] in ("definitief", "voorlopig"), True)
    # the file gives gemeenten by sex: those are the imported cells ...
    j = s.api("GET", "/observaties?indicator=%s&oorsprong=bron&periode="
              "2019SJ10&uitsplitsing=geslacht%%3Dvrouw&paginaGrootte=100"
              % MON_IND).json()
    expect(j["totaalAantal"] > 0, "imported gemeente cells")
    expect(all(o["regio"].startswith("GM") and
               o["uitsplitsing"] == "geslacht=vrouw" and
               o["periode"] == "2019SJ10" and o["oorsprong"] == "bron"
               for o in j["_embedded"]["observaties"]),
           "only imported gemeente cells of 2019 for women")
    # ... and every total is summed
    j = s.api("GET", "/observaties?indicator=%s&oorsprong=bron&"
              "uitsplitsing=totaal" % MON_IND).json()
    eq(j["totaalAantal"], 0, "no imported totals")


@test
def monitor_api_regions_with_hierarchy_and_history(s):
    mon_imported(s)
    j = s.api("GET", "/regios?soort=gemeente&paginaGrootte=100").json()
    expect(j["totaalAantal"] > 300, "gemeenten registered")
    expect(all(g["soort"] == "gemeente" for g in
               j["_embedded"]["regios"]), "only gemeenten")
    g = s.api("GET", "/regios/GM0106").json()
    eq((g["naam"], g["soort"]), ("Assen", "gemeente"))
    provs = [p for p in g["ouders"] if p["soort"] == "provincie"]
    eq({p["code"] for p in provs}, {"PV22"}, "Assen lies in Drenthe")
    expect(all(p["vanJaar"] <= 2015 and 2019 <= p["totJaar"]
               for p in provs), "linked for the years of the file")
    d = s.api("GET", "/regios/PV22").json()
    expect("GM0106" in [c["code"] for c in d["kinderen"]], "Drenthe has Assen")
    expect("NL01" in [p["code"] for p in d["ouders"]], "Drenthe in NL01")
    expect(any(p["soort"] == "landsdeel" for p in d["ouders"]), "landsdeel")
    # a gemeente abolished according to the CBS code list keeps its history
    gone = s.sql("SELECT code, ended FROM region WHERE kind = 'gemeente' "
                 "AND ended IS NOT NULL ORDER BY code LIMIT 1")
    expect(gone, "the CBS code list has abolished gemeenten")
    code, ended = gone[0]
    g = s.api("GET", "/regios/" + code).json()
    eq(g["opgeheven"], ended)
    lst = s.api("GET", "/regios?soort=gemeente&paginaGrootte=100&pagina=1"
                ).json()
    expect("ontstaan" in lst["_embedded"]["regios"][0], "history in list")
