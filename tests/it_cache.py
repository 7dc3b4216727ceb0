# it_cache.py - the answer cache of the chart series (httpcache.c): a
# repeated read is served from memory, and any change this server handles
# (here: a new target) is visible in the very next read. Exec'd by
# tests/integration.py (uses its globals).

CACHE_Q = "/reeksen?indicator=wo-gediplomeerden-techniek&regio=PV26"


@test
def series_cache_is_invalidated_by_a_change(s):
    first = s.api("GET", CACHE_Q)
    eq(first.status, 200, first.text)
    tag = first.header("ETag")
    expect(tag, "series has an ETag")
    eq(first.json().get("streefwaarde"), None, "no target yet")
    again = s.api("GET", CACHE_Q)
    eq(again.text, first.text, "a repeated read gives the same answer")
    eq(again.header("ETag"), tag, "and the same ETag")
    r = s.request("GET", "/api/v1" + CACHE_Q,
                  headers={"If-None-Match": tag})
    eq(r.status, 304, "cached answer still validates")
    r = s.api("POST", "/streefwaarden", "secretaris", {
        "indicator": "wo-gediplomeerden-techniek", "regio": "PV26",
        "basisjaar": 2014, "basiswaarde": 100, "doeljaar": 2030,
        "doelwaarde": 500})
    eq(r.status, 201, r.text)
    tid = r.json()["id"]
    after = s.api("GET", CACHE_Q)
    eq(after.status, 200, after.text)
    target = after.json().get("streefwaarde")
    expect(target is not None, "the new target shows at once: %s" %
           after.text[:300])
    expect(after.header("ETag") != tag, "a changed answer has a new ETag")
    r = s.request("GET", "/api/v1" + CACHE_Q,
                  headers={"If-None-Match": tag})
    eq(r.status, 200, "the old ETag no longer validates")
    r = s.api("DELETE", "/streefwaarden/%d" % tid, "secretaris")
    expect(r.status in (200, 204), r.text)
    gone = s.api("GET", CACHE_Q)
    eq(gone.json().get("streefwaarde"), None, "deleted target gone at once")


@test
def series_cache_sees_an_import_by_another_process(s):
    q = "/reeksen?indicator=hbo-eerstejaars-techniek&regio=NL01" \
        "&uitsplitsing=geslacht%3Dman"
    before = s.api("GET", q)
    eq(before.status, 200, before.text)
    eq(s.api("GET", q).text, before.text, "served again (from the cache)")
    path = os.path.join(tempfile.mkdtemp(prefix="koers-cache-"), "l.csv")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("indicator,regio,periode,uitsplitsing,waarde,status\n"
                 "hbo-eerstejaars-techniek,NL01,2031SJ10,geslacht=man,"
                 "4242,voorlopig\n")
    r = run(["import", "--db", s.db, path])
    eq(r.returncode, 0, r.stdout + r.stderr)
    after = s.api("GET", q)
    eq(after.status, 200, after.text)
    pts = {p["periode"]: p["waarde"] for p in after.json()["punten"]}
    eq(pts.get("2031SJ10"), 4242, "the command-line import shows at once")
    # leave the monitor as the real files made it for the tests after this
    # one (the cell and everything rolled up from it are in that period)
    s.sql("DELETE FROM observation WHERE period_id = "
          "(SELECT id FROM period WHERE code = '2031SJ10')")
    s.sql("DELETE FROM period WHERE code = '2031SJ10'")
