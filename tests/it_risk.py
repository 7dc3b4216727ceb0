# it_risk.py - the risk register with live signals and coverage: editing a
# risk and its countermeasures (API and form, permission, audit, bad input
# changes nothing), a province without an accounthouder as a signal under
# risk 8 that clears once `koers user add --role accounthouder --scope
# PV20` gives it one, and a pressure note under risk 6 with its date.
# Exec'd by tests/integration.py (uses its globals).

import datetime

EXTRA_ATTEMPTS["risico.beheren"] = lambda s, role, n: (
    s.api("PUT", "/risicos/9", role, {"eigenaar": "Rechtentest %d" % n}),
    200)


def _open_signals(s, risk, path_extra=""):
    r = s.api("GET", "/signalen?paginaGrootte=100&risico=%d%s" %
              (risk, path_extra))
    eq(r.status, 200, r.text)
    return r.json()["_embedded"]["signalen"]


@test
def risk_register_is_edited_with_permission_and_audit(s):
    before = s.api("GET", "/risicos/3").json()
    eq(before["status"], "open")
    expect("signaalhistorie" in before, "detail has the signal history")
    r = s.api("PUT", "/risicos/3", "secretaris", {
        "eigenaar": "Secretaris Actieplan", "kans": 4, "impact": 5,
        "status": "beheerst"})
    eq(r.status, 200, r.text)
    k = r.json()
    eq((k["eigenaar"], k["kans"], k["impact"], k["score"], k["status"]),
       ("Secretaris Actieplan", 4, 5, 20, "beheerst"))
    listed = [x for x in s.api("GET", "/risicos").json()["_embedded"][
        "risicos"] if x["nummer"] == 3][0]
    eq(listed["score"], 20, "the list shows the new score")
    expect("titel" in listed and "maatregelen" in listed and "bron" in
           listed, "the catalogue fields stay")
    # bad input: refused, nothing stored
    for bad in ({"kans": 6}, {"impact": 0}, {"status": "weg"},
                {"onbekend": 1}, {}):
        r = s.api("PUT", "/risicos/3", "secretaris", bad)
        eq(r.status, 400, "%s: %s" % (bad, r.text))
    eq(s.api("GET", "/risicos/3").json()["score"], 20, "unchanged")
    r = s.api("PUT", "/risicos/3", "deelnemer", {"kans": 1})
    eq(r.status, 403, r.text)
    eq(s.api("PUT", "/risicos/99", "secretaris", {"kans": 1}).status, 404)
    eq(s.sql("SELECT count(*) FROM audit WHERE action = 'risico.beheren' "
             "AND object_type = 'risico' AND object_id = '3' AND result = "
             "'gelukt'")[0][0], 1)
    eq(s.sql("SELECT count(*) FROM audit WHERE action = 'risico.beheren' "
             "AND object_id = '3' AND result = 'geweigerd'")[0][0], 1)
    # countermeasures: add and reword
    r = s.api("POST", "/risicos/3/maatregelen", "boegbeeld",
              {"tekst": "Jaarlijks de sturingsmiddelen herijken"})
    eq(r.status, 201, r.text)
    m = [x for x in r.json()["maatregelen"]
         if x["tekst"] == "Jaarlijks de sturingsmiddelen herijken"]
    eq(len(m), 1, r.text)
    r = s.api("PUT", "/risicos/3/maatregelen/%d" % m[0]["id"], "secretaris",
              {"tekst": "Halfjaarlijks herijken"})
    eq(r.status, 200, r.text)
    expect(any(x["tekst"] == "Halfjaarlijks herijken"
               for x in r.json()["maatregelen"]), "reworded")
    eq(s.api("PUT", "/risicos/4/maatregelen/%d" % m[0]["id"], "secretaris",
             {"tekst": "x"}).status, 404, "a measure of another risk")
    eq(s.api("POST", "/risicos/3/maatregelen", "secretaris",
             {"tekst": "  "}).status, 400)
    # the form on the page does the same
    b = Browser(s)
    b.login("t-secretaris", USER_PW)
    tok = b.csrf("/risicos/3")
    r = b.post("/risicos/3", {"csrf": tok, "eigenaar": "EZK", "kans": "2",
                              "impact": "3", "status": "open"})
    eq(r.status, 303, r.text[:300])
    k = s.api("GET", "/risicos/3").json()
    eq((k["eigenaar"], k["score"], k["status"]), ("EZK", 6, "open"))
    r = b.post("/risicos/3", {"csrf": tok, "eigenaar": "EZK", "kans": "7",
                              "impact": "3", "status": "open"})
    eq(r.status, 400)
    expect("Kans is een geheel getal van 1 tot en met 5" in r.text,
           "the form names the error")
    page = s.get("/risicos").text
    expect("Risicomatrix" in page and "<svg" in page, "matrix on /risicos")


@test
def province_without_accounthouder_is_a_signal_until_one_is_added(s):
    sig = [x for x in _open_signals(s, 8)
           if x["onderwerp"] == "regio:PV20"]
    eq(len(sig), 1, "Groningen has no accounthouder yet")
    eq(sig[0]["soort"], "dekking-accounthouder")
    expect("Groningen" in sig[0]["melding"], sig[0]["melding"])
    since = sig[0]["sinds"]
    expect(any(x["onderwerp"] == "regio:PV20" for x in
               s.api("GET", "/risicos/8").json()["signalen"]),
           "under risk 8")
    cov = s.api("GET", "/dekking").json()
    pv20 = [p for p in cov["provincies"] if p["code"] == "PV20"][0]
    eq((pv20["aantal"], pv20["bezet"]), (0, False))
    expect("houders" not in pv20, "no account names for anonymous readers")
    # a second read keeps since when it fires
    again = [x for x in _open_signals(s, 8)
             if x["onderwerp"] == "regio:PV20"][0]
    eq(again["sinds"], since)
    r = run(["user", "add", "--db", s.db, "--name", "acc-groningen",
             "--role", "accounthouder", "--scope", "PV20"],
            {"KOERS_PASSWORD": USER_PW})
    eq(r.returncode, 0, r.stderr)
    expect(not any(x["onderwerp"] == "regio:PV20"
                   for x in _open_signals(s, 8)), "the gap is closed")
    hist = [x for x in _open_signals(s, 8, "&ookGesloten=ja")
            if x["onderwerp"] == "regio:PV20"]
    eq(len(hist), 1)
    expect(hist[0]["opgeheven"] is not None and hist[0]["open"] == 0,
           "kept as history")
    cov = s.api("GET", "/dekking", "secretaris").json()
    pv20 = [p for p in cov["provincies"] if p["code"] == "PV20"][0]
    eq((pv20["aantal"], pv20["bezet"], pv20["houders"]),
       (1, True, ["acc-groningen"]))
    page = s.get("/dekking").text
    expect("Provincie zonder accounthouder" in page, "gaps on /dekking")
    expect("De provincie Groningen (PV20)" not in page,
           "Groningen no longer listed as a gap")
    eq(s.api("GET", "/signalen?ookGesloten=misschien").status, 400)
    eq(s.api("GET", "/signalen?risico=abc").status, 400)


@test
def pressure_note_shows_under_risk_6_with_its_date(s):
    n = s.count("pressure_note")
    for bad in ({"overleg": "koersoverleg", "melding": "x"},
                {"overleg": "kerngroep-p9", "melding": "x"},
                {"overleg": "kerngroep-p3", "melding": ""},
                {"overleg": "kerngroep-p3"}):
        r = s.api("POST", "/drukmeldingen", "secretaris", bad)
        eq(r.status, 400, "%s: %s" % (bad, r.text))
    eq(s.api("POST", "/drukmeldingen", "deelnemer", {
        "overleg": "kerngroep-p3", "melding": "x"}).status, 403)
    eq(s.count("pressure_note"), n, "nothing stored")
    text = "Brancheorganisatie eist dat haar voorzitter aanschuift"
    r = s.api("POST", "/drukmeldingen", "secretaris",
              {"overleg": "kerngroep-p3", "melding": text})
    eq(r.status, 201, r.text)
    note = r.json()
    today = datetime.datetime.utcnow().strftime("%Y-%m-%d")
    eq(note["vastgelegd"][:10], today)
    sig = [x for x in s.api("GET", "/risicos/6", "secretaris").json()[
        "signalen"] if x["onderwerp"] == "overleg:kerngroep-p3"]
    eq(len(sig), 1, "signal under risk 6")
    eq(sig[0]["soort"], "druk-kerngroep")
    eq(sig[0]["sinds"], note["vastgelegd"], "since the note was recorded")
    expect(text in sig[0]["melding"] and today in sig[0]["melding"],
           sig[0]["melding"])
    # anonymous readers see the signal but not the note's text
    anon = [x for x in s.api("GET", "/risicos/6").json()["signalen"]
            if x["onderwerp"] == "overleg:kerngroep-p3"]
    expect(text not in anon[0]["melding"], "redacted for anonymous")
    expect(text not in s.get("/risicos/6").text, "not on the public page")
    eq(s.api("GET", "/drukmeldingen").status, 401)
    b = Browser(s)
    b.login("t-secretaris", USER_PW)
    page = b.get("/risicos/6").text
    expect(text in page and "Druk op de samenstelling" in page,
           "the note on the page of risk 6")
    # resolve: the signal closes
    r = s.api("PUT", "/drukmeldingen/%d" % note["id"], "secretaris",
              {"status": "opgelost"})
    eq(r.status, 200, r.text)
    expect(r.json()["opgelost"] is not None, r.text)
    expect(not any(x["onderwerp"] == "overleg:kerngroep-p3" for x in
                   s.api("GET", "/risicos/6").json()["signalen"]),
           "resolved: no open signal")
    eq(s.api("PUT", "/drukmeldingen/999999", "secretaris",
             {"status": "opgelost"}).status, 404)
    eq(s.sql("SELECT count(*) FROM audit WHERE action = 'risico.beheren' "
             "AND object_type = 'drukmelding' AND result = 'gelukt'")[0][0],
       2)
