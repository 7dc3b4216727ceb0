# it_users.py - user management without the command line: the beheerder
# creates an accounthouder for Groningen on /beheer and the coverage
# signal of risk 8 closes; a bad scope is refused with a precise message
# and nothing stored (page and API); a deelnemer is refused (page and
# API) and the refusal audited; deactivating ends the user's session and
# API token; a password reset shows a new password once; the last active
# beheerder cannot be deactivated or demoted.
# Exec'd by tests/integration.py (uses its globals).

import re


def _admin_browser(s):
    b = Browser(s)
    r = b.login("t-beheerder", USER_PW)
    eq(r.status, 303, r.text)
    return b


def _pv20_signals(s):
    r = s.api("GET", "/signalen?paginaGrootte=100&risico=8")
    eq(r.status, 200, r.text)
    return [x for x in r.json()["_embedded"]["signalen"]
            if x["onderwerp"] == "regio:PV20"]


def _user_id(s, name):
    rows = s.sql("SELECT id FROM user WHERE name = ?", name)
    return rows[0][0] if rows else None


@test
def beheerder_creates_accounthouder_on_page_and_gap_closes(s):
    # an earlier story may have given Groningen an accounthouder: the
    # beheerder deactivates those accounts first, which reopens the gap
    for (uid,) in s.sql("SELECT id FROM user WHERE role = 'accounthouder' "
                        "AND upper(scope) = 'PV20' AND active = 1"):
        r = s.api("PUT", "/gebruikers/%d" % uid, "beheerder", {
            "rol": "accounthouder", "scope": "PV20", "actief": False})
        eq(r.status, 200, r.text)
        eq(r.json()["actief"], False)
    eq(len(_pv20_signals(s)), 1, "Groningen has no active accounthouder")
    b = _admin_browser(s)
    page = b.get("/beheer")
    expect('href="/beheer/gebruikers/nieuw"' in page.text,
           "/beheer links to the new-user form")
    expect(re.search(r'href="/beheer/gebruikers/\d+"', page.text),
           "each user has a wijzigen link")
    tok = b.csrf("/beheer/gebruikers/nieuw")
    r = b.post("/beheer/gebruikers", {
        "csrf": tok, "naam": "am-groningen", "rol": "accounthouder",
        "scope": "pv20", "persoon": "", "wachtwoord": ""})
    eq(r.status, 201, r.text)
    m = re.search(r'<code id="wachtwoord">([^<]+)</code>', r.text)
    expect(m, "the generated password is shown once")
    pw = m.group(1)
    eq(s.sql("SELECT role, scope, active FROM user WHERE name = ?",
             "am-groningen"), [("accounthouder", "PV20", 1)])
    eq(_pv20_signals(s), [], "the coverage signal for Groningen is gone")
    # the shown password works; it is nowhere in the audit trail
    nb = Browser(s)
    eq(nb.login("am-groningen", pw).status, 303)
    eq(s.sql("SELECT count(*) FROM audit WHERE instr(coalesce(detail, ''), "
             "?) > 0", pw)[0][0], 0)
    eq(s.sql("SELECT actor, result FROM audit WHERE action = "
             "'gebruiker.aanmaken' AND object_id = ?",
             str(_user_id(s, "am-groningen"))), [("t-beheerder", "gelukt")])
    # the detail page and the API show the account, without the password
    uid = _user_id(s, "am-groningen")
    r = b.get("/beheer/gebruikers/%d" % uid)
    eq(r.status, 200)
    expect("Deactiveren" in r.text and pw not in r.text, "detail page")
    r = s.api("GET", "/gebruikers/%d" % uid, "beheerder")
    eq(r.status, 200, r.text)
    eq((r.json()["scope"], "wachtwoord" in r.json()), ("PV20", False))
    r = s.api("GET", "/gebruikers?paginaGrootte=100", "beheerder")
    eq(r.status, 200, r.text)
    expect("am-groningen" in [u["naam"] for u in
                              r.json()["_embedded"]["gebruikers"]], "listed")


@test
def bad_scope_is_refused_and_nothing_stored(s):
    b = _admin_browser(s)
    before = s.count("user")
    tok = b.csrf("/beheer/gebruikers/nieuw")
    r = b.post("/beheer/gebruikers", {
        "csrf": tok, "naam": "am-nergens", "rol": "accounthouder",
        "scope": "PV99", "persoon": "", "wachtwoord": ""})
    eq(r.status, 400, r.text)
    expect("&quot;PV99&quot; is geen bekende CBS-regiocode" in r.text or
           '"PV99" is geen bekende CBS-regiocode' in r.text, r.text[-2000:])
    expect('value="am-nergens"' in r.text and 'value="PV99"' in r.text,
           "what was typed is kept")
    r = b.post("/beheer/gebruikers", {
        "csrf": tok, "naam": "nm-fout", "rol": "netwerkmanager",
        "scope": "koersoverleg", "persoon": "", "wachtwoord": ""})
    eq(r.status, 400)
    expect("geen kerngroep" in r.text, "netwerkmanager needs a kerngroep")
    r = s.api("POST", "/gebruikers", "beheerder", {
        "naam": "min-fout", "rol": "ministerie", "scope": "PV20"})
    eq(r.status, 400, r.text)
    expect("geen organisatie van de overheid" in r.json()["detail"],
           r.text)
    r = s.api("POST", "/gebruikers", "beheerder", {
        "naam": "sec-fout", "rol": "secretaris", "scope": "PV20"})
    eq(r.status, 400, r.text)
    expect("geen scope" in r.json()["detail"], r.text)
    r = s.api("POST", "/gebruikers", "beheerder", {
        "naam": "kort-pw", "rol": "deelnemer", "wachtwoord": "kort"})
    eq(r.status, 400, r.text)
    eq(s.count("user"), before, "nothing stored")
    expect(s.sql("SELECT count(*) FROM audit WHERE action = "
                 "'gebruiker.aanmaken' AND result = 'geweigerd' AND "
                 "object_id = 'am-nergens'")[0][0] == 1,
           "the refusal is audited")


@test
def deelnemer_may_not_manage_users(s):
    refused = s.sql("SELECT count(*) FROM audit WHERE actor = "
                    "'t-deelnemer' AND result = 'geweigerd' AND action "
                    "LIKE 'gebruiker.%'")[0][0]
    before = s.count("user")
    b = Browser(s)
    eq(b.login("t-deelnemer", USER_PW).status, 303)
    eq(b.get("/beheer/gebruikers/nieuw").status, 403)
    tok = b.csrf("/mijn-agenda")
    r = b.post("/beheer/gebruikers", {
        "csrf": tok, "naam": "stiekem", "rol": "beheerder", "scope": "",
        "persoon": "", "wachtwoord": ""})
    eq(r.status, 403, r.text)
    uid = _user_id(s, "t-deelnemer")
    r = b.post("/beheer/gebruikers/%d" % uid, {
        "csrf": tok, "rol": "beheerder", "scope": "", "persoon": ""})
    eq(r.status, 403)
    eq(s.api("GET", "/gebruikers", "deelnemer").status, 403)
    r = s.api("POST", "/gebruikers", "deelnemer", {
        "naam": "stiekem", "rol": "beheerder"})
    eq(r.status, 403, r.text)
    eq(s.api("PUT", "/gebruikers/%d" % uid, "deelnemer",
             {"rol": "beheerder"}).status, 403)
    eq(s.api("POST", "/gebruikers/%d/wachtwoord" % uid,
             "deelnemer").status, 403)
    eq(s.count("user"), before)
    eq(s.sql("SELECT role FROM user WHERE id = ?", uid), [("deelnemer",)])
    after = s.sql("SELECT count(*) FROM audit WHERE actor = 't-deelnemer' "
                  "AND result = 'geweigerd' AND action LIKE "
                  "'gebruiker.%'")[0][0]
    eq(after - refused, 7, "every refusal is audited")


@test
def deactivation_ends_session_and_token(s):
    r = s.api("POST", "/gebruikers", "beheerder", {
        "naam": "tijdelijk", "rol": "regio", "scope": "pv25"})
    eq(r.status, 201, r.text)
    u = r.json()
    eq((u["scope"], u["actief"]), ("PV25", True))
    pw = u["wachtwoord"]
    expect(len(pw) >= 12, "a generated password comes back once")
    eq("wachtwoord" in s.api("GET", "/gebruikers/%d" % u["id"],
                             "beheerder").json(), False)
    ub = Browser(s)
    eq(ub.login("tijdelijk", pw).status, 303)
    eq(ub.get("/mijn-agenda").status, 200)
    tok = s.token("tijdelijk")
    eq(s.api("GET", "/pijlers", token=tok).status, 200)
    b = _admin_browser(s)
    page = b.get("/beheer/gebruikers/%d" % u["id"])
    ctok = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    r = b.post("/beheer/gebruikers/%d/deactiveren" % u["id"],
               {"csrf": ctok.group(1)})
    eq(r.status, 303, r.text)
    eq(s.api("GET", "/pijlers", token=tok).status, 401)
    expect(ub.get("/mijn-agenda").status != 200, "the session has ended")
    eq(Browser(s).login("tijdelijk", pw).status, 401)
    eq(s.sql("SELECT count(*) FROM api_token WHERE user_id = ? AND "
             "revoked_at IS NULL", u["id"])[0][0], 0)
    expect(("t-beheerder", "gelukt") in s.sql(
        "SELECT actor, result FROM audit WHERE action = "
        "'gebruiker.deactiveren' AND object_id = ?", str(u["id"])), "audit")
    # reactivated, with a reset password: the old one no longer works
    r = s.api("PUT", "/gebruikers/%d" % u["id"], "beheerder", {
        "rol": "regio", "scope": "PV25", "actief": True})
    eq(r.status, 200, r.text)
    r = s.api("POST", "/gebruikers/%d/wachtwoord" % u["id"], "beheerder")
    eq(r.status, 200, r.text)
    new = r.json()["wachtwoord"]
    expect(new != pw, "a new password")
    eq(Browser(s).login("tijdelijk", pw).status, 401)
    eq(Browser(s).login("tijdelijk", new).status, 303)


@test
def last_beheerder_cannot_be_deactivated(s):
    me = _user_id(s, "t-beheerder")
    other = _user_id(s, "beheerder")
    b = _admin_browser(s)
    page = b.get("/beheer/gebruikers/%d" % me)
    ctok = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
    # two beheerders: still not oneself
    r = b.post("/beheer/gebruikers/%d/deactiveren" % me,
               {"csrf": ctok.group(1)})
    eq(r.status, 422, r.text)
    expect("eigen account" in r.text, "not oneself")
    # the other one goes; now t-beheerder is the last
    r = s.api("PUT", "/gebruikers/%d" % other, "beheerder", {
        "rol": "beheerder", "actief": False})
    eq(r.status, 200, r.text)
    try:
        r = b.post("/beheer/gebruikers/%d/deactiveren" % me,
                   {"csrf": ctok.group(1)})
        eq(r.status, 422, r.text)
        expect("laatste actieve beheerder" in r.text, "last beheerder")
        r = s.api("PUT", "/gebruikers/%d" % me, "beheerder",
                  {"rol": "secretaris"})
        eq(r.status, 422, r.text)
        expect("laatste actieve beheerder" in r.json()["detail"], r.text)
        eq(s.sql("SELECT role, active FROM user WHERE id = ?", me),
           [("beheerder", 1)])
        eq(s.sql("SELECT count(*) FROM audit WHERE action IN "
                 "('gebruiker.deactiveren', 'gebruiker.wijzigen') AND "
                 "result = 'geweigerd' AND object_id = ?", str(me))[0][0],
           3, "refusals audited")
    finally:
        r = s.api("PUT", "/gebruikers/%d" % other, "beheerder", {
            "rol": "beheerder", "actief": True})
        eq(r.status, 200, r.text)
