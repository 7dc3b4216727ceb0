# it_regionlists.py - after the monitor registered ~400 gemeenten, the
# forms that pick a region for a knelpunt, initiative or consultation
# still offer the regions that act (landsdelen, provinces, arbeidsmarkt-
# regio's), not every gemeente. Exec'd by tests/integration.py.


@test
def region_pickers_leave_out_the_gemeenten(s):
    r = run(["import", "--db", s.db, os.path.join(ROOT, "data", "open")])
    eq(r.returncode, 0, r.stdout + r.stderr)
    n = s.sql("SELECT count(*) FROM region WHERE kind = 'gemeente'")[0][0]
    expect(n > 300, "the open data registered the gemeenten (%d)" % n)
    b = Browser(s)
    b.login("t-secretaris", USER_PW)
    for path in ("/knelpunten/nieuw", "/initiatieven/nieuw", "/knelpunten"):
        page = b.get(path)
        eq(page.status, 200, path)
        expect('value="PV25"' in page.text, "%s offers Gelderland" % path)
        expect('value="GM0' not in page.text,
               "%s offers no gemeente" % path)
    # the API still knows them, by kind
    r = s.api("GET", "/regios?soort=gemeente&paginaGrootte=5")
    eq(r.status, 200, r.text)
    expect(r.json()["totaalAantal"] > 300, "gemeenten in the API")
