# it_evaluation.py - story tests of the biennial evaluation (evaluation.c,
# pdf.c, ui_evaluation.c, api_evaluation.c, cli_evaluation.c) over the real
# binary, exec'd by tests/integration.py (uses its test, eq, expect, run,
# Browser, USER_PW and the Server `s`).
#
# The stories record two years of governance in 2019-2020 with SQL (so
# the peildatum is the end of the period and nothing depends on today),
# then read what a user sees: the figures in /api/v1/evaluatie, the page,
# the PDF (checked with pdftotext from poppler-utils) and the command
# line. Everything of theirs except audit entries is removed afterwards.

EV_VAN, EV_TOT = "2019-01-01", "2020-12-31"
EV_Q = "?van=%s&tot=%s" % (EV_VAN, EV_TOT)
EV_SECTIONS = ["Realisatie", "Effectiviteit en efficiëntie van het overleg",
               "Aanpak van versnippering", "De regio", "Begroting",
               "Kwalitatieve bevindingen"]


def ev_setup(s):
    ev_cleanup(s)
    body = s.sql("SELECT id FROM body WHERE code = 'koersoverleg'")[0][0]
    orgs = [r[0] for r in s.sql("SELECT id FROM organisation WHERE code IN "
                                "('ezk', 'ocw') ORDER BY code")]
    eq(len(orgs), 2, "organisations ezk and ocw are seeded")
    ezk, ocw = orgs
    # five held koersoverleggen, two in 2019 and three in 2020, and one
    # cancelled; ocw comes in 2019 and stops coming in 2020
    days = ["2019-03-04", "2019-10-07", "2020-02-03", "2020-06-08",
            "2020-11-02"]
    for i, d in enumerate(days):
        s.sql("INSERT INTO meeting(uid, body_id, title, starts_at, ends_at) "
              "VALUES (?, ?, 'Koersoverleg (evaluatietest)', ?, ?)",
              "it-eval-%d@koers" % i, body, d + "T10:00", d + "T12:00")
        mid = s.sql("SELECT id FROM meeting WHERE uid = ?",
                    "it-eval-%d@koers" % i)[0][0]
        s.sql("INSERT INTO meeting_invitee(meeting_id, organisation_id, "
              "kind, attendance) VALUES (?, ?, 'lid', 'aanwezig')", mid, ezk)
        s.sql("INSERT INTO meeting_invitee(meeting_id, organisation_id, "
              "kind, attendance) VALUES (?, ?, 'lid', ?)", mid, ocw,
              "aanwezig" if d < "2020" else "afwezig")
        if i < 2:
            for nr in (1, 2):
                s.sql("INSERT INTO decision(meeting_id, nr, text) VALUES "
                      "(?, ?, 'Besluit (evaluatietest)')", mid, nr)
    s.sql("INSERT INTO meeting(uid, body_id, title, starts_at, ends_at, "
          "status) VALUES ('it-eval-x@koers', ?, 'Koersoverleg "
          "(evaluatietest)', '2020-09-07T10:00', '2020-09-07T12:00', "
          "'geannuleerd')", body)
    # a knelpunt: 10 days gemeld, 30 days at the bovenregionaal overleg,
    # then at the koersoverleg until after the period
    s.sql("INSERT INTO knelpunt(title, description, origin, region_code, "
          "state, raised_at, state_since) VALUES ('Knelpunt (evaluatietest)',"
          " 'Test.', 'regeling', 'PV25', 'koersoverleg', "
          "'2019-03-01T09:00:00Z', '2019-04-10T09:00:00Z')")
    k = s.sql("SELECT max(id) FROM knelpunt")[0][0]
    for frm, to, at in ((None, "gemeld", "2019-03-01T09:00:00Z"),
                        ("gemeld", "bovenregionaal", "2019-03-11T09:00:00Z"),
                        ("bovenregionaal", "koersoverleg",
                         "2019-04-10T09:00:00Z")):
        s.sql("INSERT INTO knelpunt_event(knelpunt_id, from_state, to_state,"
              " at, actor, actor_role) VALUES (?, ?, ?, ?, 'test', "
              "'secretaris')", k, frm, to, at)
    s.sql("INSERT INTO budget_line(year, category, planned, committed, "
          "spent) VALUES (2019, 'boegbeeld', 400000, 350000, 300000), "
          "(2020, 'secretaris', 200000, 150000, 123456)")
    s.sql("INSERT INTO gremium(nr, name, relation, registered_at) VALUES "
          "(9901, 'Gremium (evaluatietest)', 'overlappend', "
          "'2020-05-01T10:00:00Z')")
    # the new gremium shares two members with gremium 1 from June 2020
    s.sql("INSERT INTO gremium_member(gremium_nr, organisation_id, since) "
          "VALUES (9901, ?1, '2020-06-01'), (9901, ?2, '2020-06-01'), "
          "(1, ?1, '2018-01-01'), (1, ?2, '2018-01-01')", ezk, ocw)


def ev_cleanup(s):
    s.sql("DELETE FROM decision WHERE meeting_id IN (SELECT id FROM meeting "
          "WHERE uid LIKE 'it-eval-%')")
    s.sql("DELETE FROM meeting_invitee WHERE meeting_id IN (SELECT id FROM "
          "meeting WHERE uid LIKE 'it-eval-%')")
    s.sql("DELETE FROM agenda_item WHERE meeting_id IN (SELECT id FROM "
          "meeting WHERE uid LIKE 'it-eval-%')")
    s.sql("DELETE FROM meeting WHERE uid LIKE 'it-eval-%'")
    s.sql("DELETE FROM knelpunt_event WHERE knelpunt_id IN (SELECT id FROM "
          "knelpunt WHERE title = 'Knelpunt (evaluatietest)')")
    s.sql("DELETE FROM knelpunt WHERE title = 'Knelpunt (evaluatietest)'")
    s.sql("DELETE FROM budget_line WHERE year IN (2019, 2020)")
    s.sql("DELETE FROM gremium_member WHERE gremium_nr = 9901 OR "
          "(gremium_nr = 1 AND since = '2018-01-01')")
    s.sql("DELETE FROM gremium WHERE nr = 9901")
    s.sql("DELETE FROM evaluation_finding WHERE theme LIKE '%(evaluatietest)'")


def ev_row(rows, key, value):
    hit = [r for r in rows if r[key] == value]
    expect(hit, "no row with %s=%s in %r" % (key, value, rows))
    return hit[0]


@test
def evaluation_of_two_years_as_figures_page_pdf_and_cli(s):
    ev_setup(s)
    try:
        r = s.api("POST", "/evaluatie-bevindingen", "secretaris", {
            "van": EV_VAN, "tot": EV_TOT,
            "thema": "Organisatiekracht in de regio (evaluatietest)",
            "tekst": "Geïnterviewden noemen de regio's te klein bemand."})
        eq(r.status, 201, r.text)

        r = s.api("GET", "/evaluatie" + EV_Q)
        eq(r.status, 200, r.text)
        ev = r.json()
        eq(ev["periode"], {"van": EV_VAN, "tot": EV_TOT,
                           "peildatum": EV_TOT})
        ko = ev_row(ev["overleg"]["perOverleg"], "code", "koersoverleg")
        # the rule: at least three a year (report L73-L74)
        eq((ko["vereist"], ko["gehouden"], ko["geannuleerd"],
            ko["besluiten"]), (6, 5, 1, 4))
        eq(ko["besluitenPerVergadering"], 0.8)
        eq(ko["opkomst"], 0.7)          # 7 of 10: ocw missed three
        ocw = ev_row(ev["overleg"]["opkomstPerOrganisatie"], "code", "ocw")
        eq((ocw["opkomstEersteHelft"], ocw["opkomstTweedeHelft"]),
           (1.0, 0.0))
        q = ev["overleg"]["opkomstPerKwartaal"]
        eq(len(q), 8)
        eq(ev_row(q, "kwartaal", "2020-K2")["opkomst"], 0.5)
        eq(ev_row(q, "kwartaal", "2019-K2")["opkomst"], None)
        kd = ev["overleg"]["knelpuntDoorlooptijd"]
        eq(ev_row(kd, "toestand", "bovenregionaal")["gemiddeldeDagen"], 30.0)
        eq(ev_row(kd, "toestand", "gemeld")["gemiddeldeDagen"], 10.0)
        eq(ev_row(kd, "toestand", "koersoverleg")["wachtend"], 1)
        eq([g["nr"] for g in ev["versnippering"]["nieuweGremia"]], [9901])
        pairs = lambda key: [(p["gremiumA"]["nummer"], p["gremiumB"]["nummer"],
                              p["gedeeld"]) for p in
                             ev["versnippering"][key]["hoogste"]]
        expect((1, 9901, 2) in pairs("overlapEind"), pairs("overlapEind"))
        expect((1, 9901, 2) not in pairs("overlapBegin"),
               "overlap 'then' is at the start of the period")
        eq(ev_row(ev["regio"]["knelpunten"], "code", "PV25")["aantal"], 1)
        eq(len(ev["regio"]["accounthouders"]), 12)
        eq(ev["begroting"]["perJaar"],
           [{"jaar": 2019, "gepland": 400000.0, "toegezegd": 350000.0,
             "besteed": 300000.0},
            {"jaar": 2020, "gepland": 200000.0, "toegezegd": 150000.0,
             "besteed": 123456.0}])
        eq([b["thema"] for b in ev["bevindingen"]],
           ["Organisatiekracht in de regio (evaluatietest)"])

        # the printable page: every chapter, its numbers, two charts
        r = s.get("/evaluatie" + EV_Q)
        eq(r.status, 200)
        for t in EV_SECTIONS:
            expect(t in r.text, "page lacks section " + t)
        expect("€ 123.456" in r.text, "page shows the spent amount")
        eq(r.text.count("<svg"), 2, "a line chart and a bar chart")
        expect("koers-eval-section" in r.text and
               "/evaluatie.pdf?van=2019-01-01&amp;tot=2020-12-31" in r.text,
               "print sections and the PDF link")

        # the PDF: valid, A4, with the titles and the numbers
        r = s.get("/evaluatie.pdf" + EV_Q)
        eq(r.status, 200)
        eq(r.header("Content-Type"), "application/pdf")
        expect(r.body.startswith(b"%PDF-"), "PDF header")
        expect(r.body.rstrip().endswith(b"%%EOF"), "PDF trailer")
        pdf = os.path.join(s.tmp, "it-evaluatie.pdf")
        with open(pdf, "wb") as f:
            f.write(r.body)
        txt = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                             capture_output=True, text=True, timeout=60)
        eq(txt.returncode, 0, txt.stderr)
        for t in EV_SECTIONS:
            expect(t in txt.stdout, "PDF lacks section " + t)
        expect("€ 123.456" in txt.stdout, "PDF shows the spent amount")
        expect("Organisatiekracht in de regio" in txt.stdout,
               "PDF shows the finding")
        expect("Pagina 2" in txt.stdout, "PDF has page numbers")
        info = subprocess.run(["pdfinfo", pdf], capture_output=True,
                              text=True, timeout=60)
        expect("595.276 x 841.89" in info.stdout, "A4: " + info.stdout)

        # the command line writes the same, and JSON without files
        out_pdf = os.path.join(s.tmp, "it-eval-cli.pdf")
        out_html = os.path.join(s.tmp, "it-eval-cli.html")
        r = run(["evaluatie", "--db", s.db, "--van", EV_VAN, "--tot", EV_TOT,
                 "--pdf", out_pdf, "--html", out_html])
        eq(r.returncode, 0, r.stderr)
        with open(out_pdf, "rb") as f:
            expect(f.read(5) == b"%PDF-", "CLI PDF header")
        with open(out_html, encoding="utf-8") as f:
            html = f.read()
        expect("€ 123.456" in html and "Kwalitatieve bevindingen" in html,
               "CLI HTML has the figures")
        r = run(["evaluatie", "--db", s.db, "--van", EV_VAN, "--tot",
                 EV_TOT])
        eq(r.returncode, 0, r.stderr)
        eq(json.loads(r.stdout)["begroting"]["totaal"]["besteed"], 423456.0)
    finally:
        ev_cleanup(s)


@test
def evaluation_refuses_bad_periods_precisely(s):
    for q, word in (("?van=2019-02-30&tot=2020-01-01", "Van is geen geldige"),
                    ("?van=2021-01-01&tot=2020-12-31", "ligt na tot"),
                    ("?van=2019-01-01", "zowel het begin"),
                    ("?van=2000-01-01&tot=2020-12-31", "tien jaar")):
        r = s.api("GET", "/evaluatie" + q)
        eq(r.status, 400, q)
        eq(r.header("Content-Type"), "application/problem+json")
        expect(word in r.json()["detail"], "%s: %s" % (q, r.text))
        eq(s.get("/evaluatie.pdf" + q).status, 400, q)
        r = s.get("/evaluatie" + q)
        eq(r.status, 400, q)
        expect(word in r.text, "page says why: " + q)
    r = run(["evaluatie", "--db", s.db, "--van", "2021-01-01", "--tot",
             "2020-12-31"])
    eq(r.returncode, 2)
    expect("ligt na tot" in r.stderr, r.stderr)
    r = run(["evaluatie", "--db", s.db, "--van", "2021-13-01", "--tot",
             "2022-01-01", "--pdf", os.path.join(s.tmp, "nooit.pdf")])
    eq(r.returncode, 2)
    expect(not os.path.exists(os.path.join(s.tmp, "nooit.pdf")),
           "no file on bad input")
    # the default is the last two full years
    r = s.api("GET", "/evaluatie")
    eq(r.status, 200)
    import datetime
    y = datetime.date.today().year
    eq(r.json()["periode"]["van"], "%d-01-01" % (y - 2))
    eq(r.json()["periode"]["tot"], "%d-12-31" % (y - 1))


@test
def evaluation_findings_are_checked_audited_and_changed_only_whole(s):
    before = s.count("evaluation_finding")
    good = {"van": EV_VAN, "tot": EV_TOT, "thema": "Sturing (evaluatietest)",
            "tekst": "Netwerkmanagers missen sturingsmiddelen."}
    for bad, word in (({"van": EV_TOT, "tot": EV_VAN, "thema": "x",
                        "tekst": "y"}, "ligt na"),
                      (dict(good, thema=""), "Thema"),
                      (dict(good, kleur="rood"), "kleur"),
                      (dict(good, van="2019-02-30"), "Van")):
        r = s.api("POST", "/evaluatie-bevindingen", "secretaris", bad)
        eq(r.status, 400, r.text)
        expect(word in r.json()["detail"], r.text)
    r = s.api("POST", "/evaluatie-bevindingen", "deelnemer", good)
    eq(r.status, 403, r.text)
    eq(s.count("evaluation_finding"), before, "nothing stored on refusal")
    expect(s.sql("SELECT count(*) FROM audit WHERE action = "
                 "'bevinding.vastleggen' AND result = 'geweigerd'")[0][0] >= 1,
           "the refusal is audited")

    first_audit = s.sql("SELECT max(id) FROM audit")[0][0]
    r = s.api("POST", "/evaluatie-bevindingen", "secretaris", good)
    eq(r.status, 201, r.text)
    fid = r.json()["id"]
    eq(s.api("GET", "/evaluatie-bevindingen/%d" % fid).json()["thema"],
       good["thema"])
    r = s.api("PUT", "/evaluatie-bevindingen/%d" % fid, "secretaris",
              {"tekst": "Alleen tekst."})
    eq(r.status, 400, "PUT needs the whole finding")
    r = s.api("PUT", "/evaluatie-bevindingen/%d" % fid, "secretaris",
              dict(good, tot="2018-12-31"))
    eq(r.status, 400, "van after tot on PUT")
    eq(s.sql("SELECT period_to FROM evaluation_finding WHERE id = ?", fid)
       [0][0], EV_TOT, "a refused change changes nothing")
    r = s.api("PUT", "/evaluatie-bevindingen/%d" % fid, "beheerder",
              dict(good, tekst="Netwerkmanagers vragen budgetsturing."))
    eq(r.status, 200, r.text)
    eq(r.json()["tekst"], "Netwerkmanagers vragen budgetsturing.")
    r = s.api("GET", "/evaluatie-bevindingen?van=2019-06-01&tot=2019-06-30")
    expect(fid in [b["id"] for b in r.json()["_embedded"]["bevindingen"]],
           "listed for an overlapping period")
    r = s.api("GET", "/evaluatie-bevindingen?van=2021-01-01&tot=2021-12-31")
    expect(fid not in [b["id"] for b in r.json()["_embedded"]["bevindingen"]],
           "not listed for another period")
    eq(s.api("DELETE", "/evaluatie-bevindingen/%d" % fid, "ministerie")
       .status, 403)
    eq(s.api("DELETE", "/evaluatie-bevindingen/%d" % fid, "secretaris")
       .status, 204)
    eq(s.api("GET", "/evaluatie-bevindingen/%d" % fid).status, 404)
    eq(s.api("DELETE", "/evaluatie-bevindingen/%d" % fid, "secretaris")
       .status, 404)
    acts = [a for (a,) in s.sql(
        "SELECT action FROM audit WHERE object_type = 'evaluatiebevinding' "
        "AND object_id = ? AND result = 'gelukt' AND id > ? ORDER BY id",
        str(fid), first_audit)]
    eq(acts, ["bevinding.vastleggen", "bevinding.wijzigen",
              "bevinding.verwijderen"])


@test
def secretaris_records_a_finding_on_the_evaluation_page(s):
    b = Browser(s)
    b.login("t-secretaris", USER_PW)
    page = "/evaluatie" + EV_Q
    tok = b.csrf(page)
    expect('action="/evaluatie/bevindingen?van=2019-01-01&amp;tot=2020-12-31"'
           in b.get(page).text, "the form keeps the period")
    before = s.count("evaluation_finding")
    r = b.post("/evaluatie/bevindingen" + EV_Q, {
        "csrf": tok, "bevinding-van": EV_VAN, "bevinding-tot": EV_TOT,
        "thema": "", "tekst": "Zonder thema."})
    eq(r.status, 400)
    expect("Thema" in r.text and "Zonder thema." in r.text,
           "the refusal is shown with what was typed")
    eq(s.count("evaluation_finding"), before)
    r = b.post("/evaluatie/bevindingen" + EV_Q, {
        "csrf": tok, "bevinding-van": EV_VAN, "bevinding-tot": EV_TOT,
        "thema": "Overlegdruk (evaluatietest)",
        "tekst": "Te veel overleggen in het voorjaar."})
    eq(r.status, 303, r.text)
    expect(r.header("Location").startswith("/evaluatie?van=2019-01-01&"),
           r.header("Location"))
    r = b.get(page)
    expect("Overlegdruk (evaluatietest)" in r.text, "finding on the page")
    fid = s.sql("SELECT id FROM evaluation_finding WHERE theme = "
                "'Overlegdruk (evaluatietest)'")[0][0]
    eq(b.get("/evaluatie/bevindingen/%d" % fid).status, 200)
    r = b.post("/evaluatie/bevindingen/%d" % fid, {
        "csrf": tok, "bevinding-van": EV_VAN, "bevinding-tot": EV_TOT,
        "thema": "Overlegdruk (evaluatietest)", "tekst": "Gewijzigd."})
    eq(r.status, 303, r.text)
    eq(s.sql("SELECT text FROM evaluation_finding WHERE id = ?", fid)[0][0],
       "Gewijzigd.")
    r = b.post("/evaluatie/bevindingen/%d/verwijderen" % fid, {"csrf": tok})
    eq(r.status, 303, r.text)
    eq(s.count("evaluation_finding"), before)
    # an anonymous visitor sees the evaluation but no form
    r = s.get(page)
    eq(r.status, 200)
    expect("Bevinding vastleggen" not in r.text, "no form for visitors")


def ev_attempt(s, role, n):
    return s.api("POST", "/evaluatie-bevindingen", role, {
        "van": "2025-01-01", "tot": "2026-12-31",
        "thema": "Rechtentest %d" % n, "tekst": "Bevinding %d." % n}), 201


EXTRA_ATTEMPTS["evaluatie.beheren"] = ev_attempt
