# it_plan.py - the implementation plan (Gantt, slippage, sub-step edits)
# and the governance budget, against the real binary. Exec'd by
# tests/integration.py (uses its globals: test, eq, expect, Server,
# Browser, run, USER_PW, EXTRA_ATTEMPTS).

PLAN_BODY = {"geplandStart": "2024-01", "geplandEind": "2024-01",
             "status": "gepland"}


def _plan_attempt(s, role, n):
    # move the planned months of 11.4 (keeps its dependency on 11.3)
    m = "2024-%02d" % (n % 12 + 1)
    return s.api("PUT", "/implementatieplan/substappen/11.4", role, {
        "geplandStart": m, "geplandEind": m, "status": "gepland",
        "afhankelijkVan": ["11.3"]}), 200


def _budget_attempt(s, role, n):
    return s.api("PUT", "/begroting/2027/werkbudget", role, {
        "gepland": 300000 + n, "verplicht": 0, "besteed": 0}), 200


EXTRA_ATTEMPTS["plan.beheren"] = _plan_attempt
EXTRA_ATTEMPTS["begroting.beheren"] = _budget_attempt


def _slip(s, code, month=None):
    q = "/implementatieplan/vertragingen?paginaGrootte=100"
    if month:
        q += "&maand=" + month
    r = s.api("GET", q)
    eq(r.status, 200, r.text)
    for row in r.json()["_embedded"]["vertragingen"]:
        if row["nummer"] == code:
            return row
    return None


@test
def plan_page_shows_gantt_slips_and_every_substep(s):
    page = s.get("/implementatieplan").text
    expect('<svg' in page and "Gantt-diagram van het implementatieplan"
           in page, "the Gantt chart is on the page")
    expect("vandaag" in page, "with a today line")
    expect("Wat loopt achter" in page, "the slip list")
    expect('href="/jaarplan?jaar=2025"' in page, "links the 2025 cycle")
    expect("aanname van Koers" in page, "the months are marked as assumed")
    steps = s.api("GET", "/implementatieplan/stappen?paginaGrootte=100"
                  ).json()["_embedded"]["stappen"]
    eq(len(steps), 11)
    subs = [x for st in steps for x in st["substappen"]]
    eq(len(subs), 50)
    for x in subs:
        expect('href="/implementatieplan/%s"' % x["nummer"] in page,
               "a link to " + x["nummer"])
        # the fields the old endpoint had are kept
        for k in ("nummer", "titel", "omschrijving", "verantwoordelijke",
                  "geplandStart", "geplandEind", "bron"):
            expect(k in x, "field %s kept" % k)
        expect(x["geplandStart"] <= x["geplandEind"], x["nummer"])
    eq(steps[0]["substappen"][0]["verantwoordelijke"], "EZK")


@test
def slip_list_counts_months_and_what_it_blocks(s):
    # 3.2 is planned for January 2024; in March 2024 it is two months late
    row = _slip(s, "3.2", "2024-03")
    expect(row is not None, "3.2 slips in March 2024")
    eq(row["maanden"], 2)
    blocked = [b["nummer"] for b in row["blokkeert"]]
    expect("3.3" in blocked and "3.7" in blocked and "4.1" in blocked,
           "it blocks the longlist and, through others, the koersoverleg: "
           "%s" % blocked)
    expect(_slip(s, "11.1", "2024-03") is None, "11.1 is not due yet")
    r = s.api("GET", "/implementatieplan/vertragingen?maand=2024-13")
    eq(r.status, 400, r.text)


@test
def secretaris_updates_a_substep_and_a_cycle_is_refused(s):
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    page = b.get("/implementatieplan/1.1").text
    expect('name="werkelijkStart"' in page, "the edit form is shown")
    expect(_slip(s, "1.1") is not None, "1.1 slips before the update")
    tok = b.csrf("/implementatieplan/1.1")
    r = b.post("/implementatieplan/1.1", {
        "csrf": tok, "geplandStart": "2023-10", "geplandEind": "2023-11",
        "werkelijkStart": "2023-10", "werkelijkEind": "2023-12",
        "status": "gereed", "afhankelijkVan": ""})
    eq(r.status, 303, r.text[:300])
    row = _slip(s, "1.1")
    expect(row is not None and row["maanden"] == 1,
           "finished a month late: %r" % row)
    eq(s.sql("SELECT status, actual_end FROM plan_substep WHERE code = "
             "'1.1'")[0], ("gereed", "2023-12"))
    # a cycle: 1.1 waiting for 3.1, which waits for 2.1, which waits for
    # 1.1
    before = s.sql("SELECT count(*) FROM plan_dependency")[0][0]
    r = b.post("/implementatieplan/1.1", {
        "csrf": tok, "geplandStart": "2023-10", "geplandEind": "2023-11",
        "werkelijkStart": "2023-10", "werkelijkEind": "2023-12",
        "status": "gereed", "afhankelijkVan": "3.1"})
    eq(r.status, 422, r.text[:300])
    expect("kring" in r.text and "3.1 wacht op 2.1" in r.text,
           "the cycle is named: " + r.text[:2000])
    eq(s.sql("SELECT count(*) FROM plan_dependency")[0][0], before)
    # a precise message for a malformed month, nothing stored
    r = b.post("/implementatieplan/1.1", {
        "csrf": tok, "geplandStart": "okt 2023", "geplandEind": "2023-11",
        "status": "gepland"})
    eq(r.status, 400)
    expect("JJJJ-MM" in r.text, "says how to write a month")
    eq(s.sql("SELECT planned_start, status FROM plan_substep WHERE code = "
             "'1.1'")[0], ("2023-10", "gereed"))
    expect(s.sql("SELECT count(*) FROM audit WHERE action = 'plan.beheren' "
                 "AND object_id = '1.1' AND result = 'gelukt'")[0][0] >= 1,
           "the update is audited")
    # anonymous visitors see no form
    expect('name="werkelijkStart"' not in s.get("/implementatieplan/1.1"
                                                 ).text, "no form")


@test
def substep_api_put_validates_and_checks_permission(s):
    r = s.api("GET", "/implementatieplan/substappen/4.1")
    eq(r.status, 200, r.text)
    sub = r.json()
    eq(sub["stap"]["nummer"], 4)
    expect("3.6" in sub["afhankelijkVan"], "4.1 waits for the boegbeeld")
    body = {"geplandStart": "2024-05", "geplandEind": "2024-06",
            "werkelijkStart": "2024-06", "status": "loopt",
            "afhankelijkVan": ["3.6"]}
    r = s.api("PUT", "/implementatieplan/substappen/4.1", "boegbeeld", body)
    eq(r.status, 403, r.text)
    r = s.api("PUT", "/implementatieplan/substappen/4.1", None, body)
    expect(r.status in (401, 403), r.text)
    r = s.api("PUT", "/implementatieplan/substappen/4.1", "secretaris", body)
    eq(r.status, 200, r.text)
    eq(r.json()["status"], "loopt")
    eq(r.json()["slip"]["maanden"] >= 1, True)
    for bad, status in (
            (dict(body, status="klaar"), 400),
            (dict(body, werkelijkStart="2099-01"), 400),
            (dict(body, geplandEind="2024-01"), 400),
            (dict(body, afhankelijkVan=["4.1"]), 422),
            (dict(body, afhankelijkVan=["9.9"]), 400),
            (dict(body, afhankelijkVan=["4.7"]), 422)):
        r = s.api("PUT", "/implementatieplan/substappen/4.1", "secretaris",
                  bad)
        eq(r.status, status, "%r: %s" % (bad, r.text))
        eq(r.header("Content-Type"), "application/problem+json")
    eq(s.sql("SELECT actual_start, status FROM plan_substep WHERE code = "
             "'4.1'")[0], ("2024-06", "loopt"))
    r = s.api("PUT", "/implementatieplan/substappen/99.1", "secretaris",
              body)
    eq(r.status, 404, r.text)


@test
def budget_page_api_and_edits(s):
    page = s.get("/begroting").text
    expect("<svg" in page and "Begroting per jaar" in page, "bar chart")
    expect("€&nbsp;2.500.000" in page, "the yearly total of the report")
    expect("Meerjarige financiering" in page, "the multi-year view")
    r = s.api("GET", "/begroting?jaar=2025")
    eq(r.status, 200, r.text)
    lines = r.json()["_embedded"]["begrotingsposten"]
    eq(sorted(l["categorie"] for l in lines), sorted([
        "boegbeeld", "secretaris", "netwerkmanagers", "ptvt", "werkbudget",
        "regio"]))
    eq(sum(l["gepland"] for l in lines), 2500000)
    eq(s.api("GET", "/begroting?jaar=25").status, 400)
    # the secretaris records commitments above plan: allowed, and shown
    r = s.api("PUT", "/begroting/2025/ptvt", "secretaris", {
        "gepland": 850000, "verplicht": 910000.5, "besteed": 100000,
        "toelichting": "Opdracht aan PTvT verleend."})
    eq(r.status, 200, r.text)
    eq(r.json()["overschreden"], {"verplicht": True, "besteed": False})
    expect("boven gepland" in s.get("/begroting?jaar=2025").text,
           "the overrun is shown on the page")
    # EZK: a ministerie account with scope ezk may; without it, not
    r = run(["user", "add", "--db", s.db, "--name", "t-ezk", "--role",
             "ministerie", "--scope", "ezk"], {"KOERS_PASSWORD": USER_PW})
    eq(r.returncode, 0, r.stderr)
    ezk = s.token("t-ezk")
    r = s.api("PUT", "/begroting/2028/regio", token=ezk, data={
        "gepland": 500000, "verplicht": 0, "besteed": 0})
    eq(r.status, 201, r.text)
    eq(r.header("Location"), "/api/v1/begroting/2028/regio")
    r = s.api("PUT", "/begroting/2028/regio", "ministerie", {
        "gepland": 1, "verplicht": 0, "besteed": 0})
    eq(r.status, 403, r.text)
    # bad amounts change nothing
    for bad in ({"gepland": 12.345, "verplicht": 0, "besteed": 0},
                {"gepland": -1, "verplicht": 0, "besteed": 0},
                {"gepland": 1, "verplicht": 0},
                {"gepland": "veel", "verplicht": 0, "besteed": 0}):
        r = s.api("PUT", "/begroting/2028/regio", "secretaris", bad)
        eq(r.status, 400, "%r: %s" % (bad, r.text))
    eq(s.api("PUT", "/begroting/2028/monitoring", "secretaris", {
        "gepland": 1, "verplicht": 0, "besteed": 0}).status, 404)
    eq(s.api("GET", "/begroting/2028/regio").json()["gepland"], 500000)
    # the web form takes Dutch notation
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    edit = "/begroting/wijzigen?jaar=2026&categorie=werkbudget"
    tok = b.csrf(edit)
    r = b.post("/begroting/wijzigen", {
        "csrf": tok, "jaar": "2026", "categorie": "werkbudget",
        "gepland": "300.000", "verplicht": "1.234,56", "besteed": "0",
        "toelichting": ""})
    eq(r.status, 303, r.text[:300])
    eq(s.api("GET", "/begroting/2026/werkbudget").json()["verplicht"],
       1234.56)
    r = b.post("/begroting/wijzigen", {
        "csrf": tok, "jaar": "2026", "categorie": "werkbudget",
        "gepland": "1,234", "verplicht": "0", "besteed": "0"})
    eq(r.status, 400)
    expect("twee decimalen" in r.text, "says why")
    expect(s.sql("SELECT count(*) FROM audit WHERE action = "
                 "'begroting.beheren' AND result = 'gelukt'")[0][0] >= 3,
           "changes are audited")
