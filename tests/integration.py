#!/usr/bin/env python3
"""Integration tests for Koers: start the real bin/koers on a free port
against a temporary store, speak HTTP, open the SQLite file, and check what
a user relies on. Standard library only. Ends with "N passed, N failed".

Environment: KOERS_BIN (default bin/koers), KOERS_DATA/KOERS_WEB are set
to the repository's data/ and web/ so a sanitizer build in build-san/
finds them too.
"""
import glob
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, os.environ.get("KOERS_BIN", "bin/koers"))
ADMIN_PW = "beheer-wachtwoord-123"
USER_PW = "gebruiker-wachtwoord-123"
ROLES = ["beheerder", "secretaris", "boegbeeld", "netwerkmanager",
         "ministerie", "accounthouder", "regio", "deelnemer"]
TESTS = []
# Permission-walk attempts of later capabilities, registered by their
# tests/it_*.py file: action code -> fn(server, role, n) returning
# (response, status expected when the role is allowed).
EXTRA_ATTEMPTS = {}


def test(fn):
    TESTS.append(fn)
    return fn


def env():
    e = dict(os.environ)
    e["KOERS_DATA"] = os.path.join(ROOT, "data")
    e["KOERS_WEB"] = os.path.join(ROOT, "web")
    e.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
    return e


def run(args, extra_env=None, input_text=None):
    e = env()
    if extra_env:
        e.update(extra_env)
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          env=e, input=input_text, timeout=120)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def headers_all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Server:
    def __init__(self, tmp):
        self.tmp = tmp
        self.db = os.path.join(tmp, "koers.db")
        r = run(["init", "--db", self.db],
                {"KOERS_ADMIN_PASSWORD": ADMIN_PW})
        assert r.returncode == 0, r.stderr
        self.tokens = {}
        self.spare = {}
        for role in ROLES:
            name = "t-" + role
            args = ["user", "add", "--db", self.db, "--name", name,
                    "--role", role]
            if role == "netwerkmanager":
                args += ["--scope", "kerngroep-p1"]
            r = run(args, {"KOERS_PASSWORD": USER_PW})
            assert r.returncode == 0, r.stderr
            self.tokens[role] = self.token(name)
            self.spare[role] = self.token(name)
        self.port = free_port()
        self.log = open(os.path.join(tmp, "server.log"), "w")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--listen",
             "127.0.0.1:%d" % self.port], env=env(), stdout=self.log,
            stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def token(self, name):
        r = run(["token", "--db", self.db, "--user", name])
        assert r.returncode == 0, r.stderr
        return r.stdout.strip()

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if isinstance(body, str):
            body = body.encode("utf-8")
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        out = Resp(r.status, r.getheaders(), r.read())
        c.close()
        return out

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def api(self, method, path, role=None, data=None, token=None,
            ctype="application/json"):
        h = {}
        if role:
            h["Authorization"] = "Bearer " + self.tokens[role]
        if token:
            h["Authorization"] = "Bearer " + token
        body = None
        if data is not None:
            body = data if isinstance(data, (bytes, str)) else json.dumps(data)
            h["Content-Type"] = ctype
        return self.request(method, "/api/v1" + path, body=body, headers=h)

    def sql(self, q, *args):
        con = sqlite3.connect(self.db)
        try:
            rows = con.execute(q, args).fetchall()
            con.commit()
            return rows
        finally:
            con.close()

    def count(self, table):
        return self.sql("SELECT count(*) FROM " + table)[0][0]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.log.close()
        return rc


class Browser:
    """A cookie-keeping client that logs in through the form."""

    def __init__(self, srv):
        self.srv = srv
        self.cookies = {}

    def _hdr(self, extra=None):
        h = dict(extra or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in
                                    self.cookies.items())
        return h

    def _keep(self, r):
        for c in r.headers_all("Set-Cookie"):
            name, _, rest = c.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in c:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def get(self, path):
        return self._keep(self.srv.get(path, headers=self._hdr()))

    def post(self, path, fields):
        body = urllib.parse.urlencode(fields)
        return self._keep(self.srv.request(
            "POST", path, body=body, headers=self._hdr(
                {"Content-Type": "application/x-www-form-urlencoded"})))

    def csrf(self, path):
        page = self.get(path).text
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
        assert m, "no csrf field on " + path
        return m.group(1)

    def login(self, name, pw):
        tok = self.csrf("/inloggen")
        r = self.post("/inloggen", {"csrf": tok, "naam": name,
                                    "wachtwoord": pw})
        return r


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def eq(a, b, msg=""):
    if a != b:
        raise AssertionError("%r != %r %s" % (a, b, msg))


# ---------------------------------------------------------------- CLI

@test
def cli_help_version_and_errors(s):
    r = run(["--help"])
    eq(r.returncode, 0)
    expect("init" in r.stdout and "serve" in r.stdout, "help lists commands")
    r = run(["--version"])
    eq(r.returncode, 0)
    expect(re.match(r"koers \d+\.\d+\.\d+", r.stdout), r.stdout)
    r = run(["nonsense"])
    expect(r.returncode != 0, "unknown command fails")
    eq(len(r.stderr.strip().splitlines()), 1, "one-line reason")
    r = run(["serve", "--db", "/nonexistent/x.db"])
    expect(r.returncode != 0 and r.stderr.startswith("koers: "), r.stderr)
    r = run(["init"])
    expect(r.returncode != 0, "init without --db fails")
    r = run(["init", "--db", s.db, "--bogus", "x"])
    expect(r.returncode != 0 and "onbekende optie" in r.stderr, r.stderr)


@test
def init_refuses_overwrite_and_generates_password(s):
    before = os.path.getsize(s.db)
    r = run(["init", "--db", s.db], {"KOERS_ADMIN_PASSWORD": ADMIN_PW})
    expect(r.returncode != 0 and "refusing" in r.stderr, r.stderr)
    eq(os.path.getsize(s.db), before, "store untouched")
    other = os.path.join(s.tmp, "second.db")
    e = {"KOERS_ADMIN_PASSWORD": ""}
    e2 = dict(env())
    e2.pop("KOERS_ADMIN_PASSWORD", None)
    r = subprocess.run([BIN, "init", "--db", other], capture_output=True,
                       text=True, env=e2, timeout=60)
    eq(r.returncode, 0, r.stderr)
    m = re.search(r"Wachtwoord \(eenmalig getoond\): (\S+)", r.stdout)
    expect(m and len(m.group(1)) >= 12, "generated password printed")
    del e
    r = run(["init", "--db", os.path.join(s.tmp, "short.db")],
            {"KOERS_ADMIN_PASSWORD": "kort"})
    expect(r.returncode != 0, "short admin password refused")
    expect(not os.path.exists(os.path.join(s.tmp, "short.db")),
           "no store left behind")


@test
def user_and_token_commands_validate(s):
    r = run(["user", "add", "--db", s.db, "--name", "x", "--role", "koning"])
    expect(r.returncode != 0 and "onbekende rol" in r.stderr, r.stderr)
    r = run(["user", "add", "--db", s.db, "--name", "nm", "--role",
             "netwerkmanager"])
    expect(r.returncode != 0 and "scope" in r.stderr, r.stderr)
    r = run(["user", "add", "--db", s.db, "--name", "t-secretaris",
             "--role", "secretaris"])
    expect(r.returncode != 0 and "bestaat al" in r.stderr, r.stderr)
    r = run(["token", "--db", s.db, "--user", "niemand"])
    expect(r.returncode != 0, "token for unknown user fails")
    eq(s.sql("SELECT count(*) FROM user WHERE name IN ('x','nm')")[0][0], 0)


# ------------------------------------------------------------ seeded model

@test
def seeded_model_is_complete(s):
    eq(s.count("pillar"), 4)
    eq(s.count("level"), 3)
    eq(s.count("gremium"), 31)
    eq(s.count("risk"), 9)
    eq(s.count("plan_step"), 11)
    expect(s.count("plan_substep") >= 45, "all sub-steps")
    eq(s.sql("SELECT count(*) FROM body")[0][0], 8)
    expect(s.count("indicator_topic") >= 9, "figure 10 topics")
    expect(s.count("organisation") >= 30, "organisations")
    eq(s.sql("SELECT count(*) FROM role_duty WHERE role_code = "
             "'netwerkmanager' AND kind = 'kerntaak'")[0][0], 5)
    # every body states its rules with a source in the report
    bad = s.sql("SELECT code FROM body WHERE comp_src_from IS NULL OR "
                "freq_src_from IS NULL OR src_from IS NULL")
    eq(bad, [], "bodies without source")
    seats = dict(s.sql("SELECT s.code, s.max_count FROM seat s JOIN body b "
                       "ON b.id = s.body_id WHERE b.code = 'koersoverleg'"))
    eq(sum(seats.values()), 9, "koersoverleg has 9 seats")
    with open(os.path.join(ROOT, "data", "seed", "rapport.txt"),
              encoding="utf-8") as f:
        eq(s.count("report_line"), len(f.read().splitlines()))


# ----------------------------------------------------------------- pages

@test
def home_shows_pillars_levels_and_generated_diagram(s):
    r = s.get("/")
    eq(r.status, 200)
    t = r.text
    for word in ["P1", "P4", "Afstemming", "Landelijke sturing",
                 "Uitvoering", "Koersoverleg", "DG-overleg", "<svg",
                 "Bron: rapport"]:
        expect(word in t, "home lacks " + word)
    # the diagram has a box per body, drawn from the data
    expect(t.count('koers-diagram__node--active') == 8, "8 body boxes")
    expect('lang="nl"' in t, "Dutch page")


@test
def body_page_shows_rule_members_and_source(s):
    r = s.get("/overleggen/koersoverleg")
    eq(r.status, 200)
    t = r.text
    expect("Samenstelling" in t and "Zetels volgens de samenstellingsregel"
           in t, "composition")
    m = re.search(r'href="/rapport\?van=(\d+)&amp;tot=(\d+)#r\d+">regels',
                  t)
    expect(m, "composition cites report lines")
    expect("Economische Zaken" in t, "EZK is a member")
    # the cited lines are readable
    rl = s.get("/rapport?van=%s&tot=%s" % m.groups())
    eq(rl.status, 200)
    expect('id="r%s"' % m.group(1) in rl.text, "line anchor")
    expect(s.get("/overleggen/bestaat-niet").status == 404, "unknown body")


@test
def every_public_page_answers(s):
    for p in ["/", "/overleggen", "/rollen", "/rollen/netwerkmanager",
              "/organisaties", "/organisaties/ezk", "/personen", "/gremia",
              "/risicos", "/implementatieplan", "/indicatoren", "/rapport",
              "/rechten", "/toegankelijkheid", "/over", "/inloggen"]:
        r = s.get(p)
        eq(r.status, 200, p)
        expect(r.header("Content-Type").startswith("text/html"), p)
        expect("</html>" in r.text, p + " complete")
    expect("netwerkmanager" in s.get("/rollen/netwerkmanager").text.lower(),
           "role page")
    g = s.get("/gremia").text
    expect("Techniekpact" in g and "Nationaal klimaatplatform" in g,
           "first and last of the 31 gremia")


@test
def security_headers_everywhere(s):
    for p in ["/", "/api/v1/pijlers", "/nope", "/api/v1/nope"]:
        r = s.get(p)
        csp = r.header("Content-Security-Policy") or ""
        expect("script-src 'none'" in csp and "frame-ancestors 'none'" in
               csp, p + " CSP")
        eq(r.header("X-Content-Type-Options"), "nosniff", p)
        expect(r.header("Referrer-Policy"), p + " Referrer-Policy")
    r = s.get("/api/v1/pijlers")
    eq(r.header("Cache-Control"), "no-store")
    eq(r.header("API-Version"), "1.0.0")


@test
def assets_are_served_without_traversal(s):
    r = s.get("/assets/koers.css")
    eq(r.status, 200)
    expect(r.header("Content-Type").startswith("text/css"), "css type")
    r = s.get("/assets/vendor/rhc-components.css")
    eq(r.status, 200, "vendored NL Design System CSS")
    for p in ["/assets/../data/seed/pijlers.json", "/assets/%2e%2e/Makefile",
              "/assets/..%2fMakefile", "/assets/.hidden.css",
              "/assets/vendor/../../Makefile", "/assets/koers.c"]:
        expect(s.get(p).status == 404, p)


# ------------------------------------------------------------------- API

READ_ENDPOINTS = ["/pijlers", "/niveaus", "/overleggen", "/rollen",
                  "/organisaties", "/personen", "/gremia", "/risicos",
                  "/implementatieplan/stappen", "/indicatoren", "/rechten"]


@test
def api_read_endpoints_paginate_the_same_way(s):
    for p in READ_ENDPOINTS:
        r = s.api("GET", p)
        eq(r.status, 200, p)
        eq(r.header("API-Version"), "1.0.0", p)
        j = r.json()
        for k in ["_embedded", "_links", "pagina", "paginaGrootte",
                  "totaalAantal", "totaalPaginas"]:
            expect(k in j, "%s lacks %s" % (p, k))
    j = s.api("GET", "/gremia?paginaGrootte=10&pagina=2").json()
    eq(j["totaalAantal"], 31)
    eq(len(j["_embedded"]["gremia"]), 10)
    eq(j["_embedded"]["gremia"][0]["nummer"], 11)
    expect("next" in j["_links"] and "prev" in j["_links"], "links")
    for bad in ["?pagina=0", "?pagina=abc", "?paginaGrootte=101",
                "?pagina=99", "?paginaGrootte=-1"]:
        r = s.api("GET", "/gremia" + bad)
        eq(r.status, 400, bad)
        eq(r.header("Content-Type"), "application/problem+json", bad)


@test
def api_body_detail_and_problems(s):
    j = s.api("GET", "/overleggen/koersoverleg").json()
    eq(j["code"], "koersoverleg")
    expect(j["samenstelling"]["bron"]["van"] > 0, "composition source")
    expect(len(j["samenstelling"]["zetels"]) >= 6, "seats")
    eq(j["voorzitter"]["rol"], "boegbeeld")
    r = s.api("GET", "/overleggen/onbekend")
    eq(r.status, 404)
    p = r.json()
    for k in ["status", "title", "detail"]:
        expect(k in p, "problem has " + k)
    eq(s.api("GET", "/overleggen/").status, 404, "trailing slash")
    eq(s.get("/overleggen/").status, 404, "trailing slash (html)")
    r = s.api("PUT", "/overleggen")
    eq(r.status, 405)
    expect("GET" in (r.header("Allow") or ""), "Allow header")


@test
def openapi_document_covers_every_api_route(s):
    r = s.api("GET", "/openapi.json")
    eq(r.status, 200)
    doc = r.json()
    expect(doc["openapi"].startswith("3."), "OpenAPI 3")
    paths = doc["paths"]
    src = open(os.path.join(ROOT, "src", "routes.c")).read()
    routes = re.findall(r'\{ "(GET|POST|PATCH|DELETE|PUT)", "/api/v1([^"]*)"',
                        src)
    expect(len(routes) > 20, "routes parsed")
    doc_ops = set()
    for path, ops in paths.items():
        for m in ops:
            if m in ("get", "post", "patch", "delete", "put"):
                doc_ops.add((m.upper(), re.sub(r"\{[^}]+\}", "{}", path)))
    code_ops = set((m, re.sub(r"\{[^}]+\}", "{}", p)) for m, p in routes)
    eq(code_ops - doc_ops, set(), "routes missing from OpenAPI")
    eq(doc_ops - code_ops, set(), "OpenAPI paths without a route")


# ------------------------------------------------------- writes via API

@test
def api_writes_need_a_token(s):
    n = s.count("organisation")
    r = s.api("POST", "/organisaties", data={"code": "x", "naam": "X",
                                             "type": "regio",
                                             "domein": "ict"})
    eq(r.status, 401)
    expect(r.header("WWW-Authenticate"), "WWW-Authenticate")
    r = s.api("POST", "/organisaties", token="koers_" + "0" * 64,
              data={"code": "x"})
    eq(r.status, 401)
    r = s.api("GET", "/pijlers", token="nonsense")
    eq(r.status, 401, "a bad token is not silently ignored")
    eq(s.count("organisation"), n)


@test
def api_create_and_update_organisation(s):
    r = s.api("POST", "/organisaties", "secretaris", {
        "code": "test-hogeschool", "naam": "Test Hogeschool",
        "type": "onderwijs", "domein": "beide"})
    eq(r.status, 201, r.text)
    eq(r.json()["code"], "test-hogeschool")
    r = s.api("PATCH", "/organisaties/test-hogeschool", "secretaris",
              {"afkorting": "TH", "omschrijving": "Voor de test."})
    eq(r.status, 200, r.text)
    eq(r.json()["afkorting"], "TH")
    r = s.api("POST", "/organisaties", "secretaris", {
        "code": "test-hogeschool", "naam": "Dubbel", "type": "onderwijs",
        "domein": "beide"})
    eq(r.status, 409)
    audit = s.sql("SELECT actor, action, result FROM audit WHERE object_id "
                  "= 'test-hogeschool' ORDER BY id")
    expect(("t-secretaris", "organisatie.aanmaken", "gelukt") in audit,
           audit)
    expect(("t-secretaris", "organisatie.wijzigen", "gelukt") in audit,
           audit)


@test
def bad_input_is_refused_and_changes_nothing(s):
    tables = ["organisation", "person", "membership"]
    before = [s.count(t) for t in tables]
    cases = [
        ("POST", "/organisaties", "{nope", "application/json", 400),
        ("POST", "/organisaties", b'{"naam":"\xff\xfe"}',
         "application/json", 400),
        ("POST", "/organisaties", "[1,2]", "application/json", 400),
        ("POST", "/organisaties", '{"code":"a","code":"b"}',
         "application/json", 400),
        ("POST", "/organisaties", "code=x", "text/plain", 415),
        ("POST", "/organisaties", {"code": "Met Spatie", "naam": "x",
                                   "type": "regio", "domein": "ict"},
         "application/json", 400),
        ("POST", "/organisaties", {"code": "ok-code", "naam": "x",
                                   "type": "koninkrijk", "domein": "ict"},
         "application/json", 400),
        ("POST", "/organisaties", {"code": "ok-code", "naam": "x" * 201,
                                   "type": "regio", "domein": "ict"},
         "application/json", 400),
        ("POST", "/organisaties", {"code": "ok-code", "naam": "x",
                                   "type": "regio", "domein": "ict",
                                   "extra": 1}, "application/json", 400),
        ("POST", "/organisaties", {"code": "ok-code", "naam": "a\u0001b",
                                   "type": "regio", "domein": "ict"},
         "application/json", 400),
        ("POST", "/organisaties", {"code": "ok-code", "naam": "x",
                                   "type": "regio", "domein": "ict",
                                   "onderdeelVan": "bestaat-niet"},
         "application/json", 400),
        ("PATCH", "/organisaties/bestaat-niet", {"naam": "x"},
         "application/json", 404),
        ("PATCH", "/organisaties/ezk", {"code": "andere"},
         "application/json", 400),
        ("POST", "/personen", {"naam": ""}, "application/json", 400),
        ("POST", "/personen", {"naam": "A", "email": "geen-adres"},
         "application/json", 400),
        ("POST", "/personen", {"naam": "A", "organisatie": "nergens"},
         "application/json", 400),
        ("PATCH", "/personen/999999", {"naam": "x"}, "application/json",
         404),
        ("GET", "/personen/abc", None, None, 400),
        ("POST", "/overleggen/koersoverleg/leden",
         {"organisatie": "nergens", "soort": "lid"}, "application/json",
         404),
        ("POST", "/overleggen/nergens/leden",
         {"organisatie": "ezk", "soort": "lid"}, "application/json", 404),
        ("POST", "/overleggen/koersoverleg/leden",
         {"organisatie": "ezk", "soort": "baas"}, "application/json", 400),
        ("POST", "/overleggen/koersoverleg/leden",
         {"organisatie": "ezk", "soort": "lid", "persoon": 99999},
         "application/json", 404),
        ("DELETE", "/overleggen/koersoverleg/leden/999999", None, None, 404),
    ]
    for method, path, data, ctype, want in cases:
        r = s.api(method, path, "secretaris", data=data,
                  ctype=ctype or "application/json")
        eq(r.status, want, "%s %s %r: %s" % (method, path, data, r.text))
        eq(r.header("Content-Type"), "application/problem+json", path)
        expect(r.json().get("detail"), "detail for %s" % path)
    # oversize body: announced and real
    big = json.dumps({"naam": "x" * (300 * 1024)})
    r = s.api("POST", "/personen", "secretaris", data=big)
    eq(r.status, 413)
    eq([s.count(t) for t in tables], before, "nothing written")


@test
def composition_rule_refuses_third_education_seat(s):
    for code in ["onderwijs-een", "onderwijs-twee", "onderwijs-drie",
                 "onderwijs-vier"]:
        r = s.api("POST", "/organisaties", "secretaris", {
            "code": code, "naam": code.replace("-", " ").title(),
            "type": "onderwijs", "domein": "beide"})
        eq(r.status, 201, r.text)
    for code in ["onderwijs-een", "onderwijs-twee"]:
        r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
                  {"organisatie": code, "soort": "lid"})
        eq(r.status, 201, r.text)
        expect(r.json()["zetel"], "took a seat")
    n = s.count("membership")
    r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
              {"organisatie": "onderwijs-drie", "soort": "lid"})
    eq(r.status, 422, r.text)
    d = r.json()["detail"]
    expect("onderwijs" in d.lower() and "regels" in d, d)
    eq(s.count("membership"), n, "refusal changed nothing")
    expect(s.sql("SELECT count(*) FROM audit WHERE result = 'geweigerd' AND "
                 "action = 'lidmaatschap.toevoegen'")[0][0] >= 1,
           "refusal audited")
    # flexibility: the same organisation may be invited for an agenda
    r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
              {"organisatie": "onderwijs-drie", "soort": "genodigde"})
    eq(r.status, 201, r.text)
    eq(r.json()["zetel"], None)
    # ... but not as member and invitee at once
    r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
              {"organisatie": "onderwijs-drie", "soort": "lid"})
    eq(r.status, 409, r.text)
    # a union fits no seat of the exhaustive koersoverleg
    r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
              {"organisatie": "fnv", "soort": "lid"})
    eq(r.status, 422, r.text)
    # ending a membership frees the seat
    lid = [m for m in s.api("GET", "/overleggen/koersoverleg/leden")
           .json()["_embedded"]["leden"]
           if m["organisatie"]["code"] == "onderwijs-twee"][0]
    r = s.api("DELETE", "/overleggen/koersoverleg/leden/%d" % lid["id"],
              "secretaris")
    eq(r.status, 204)
    r = s.api("POST", "/overleggen/koersoverleg/leden", "secretaris",
              {"organisatie": "onderwijs-vier", "soort": "lid"})
    eq(r.status, 201, r.text)


@test
def permission_table_is_enforced_for_every_role(s):
    """Walk the whole table from /api/v1/rechten: every action is tried by
    every role; it must be refused (403) exactly where the table says."""
    rights = s.api("GET", "/rechten?paginaGrootte=100").json()[
        "_embedded"]["rechten"]
    eq(len(rights), 30)
    r = s.api("POST", "/doelen", "secretaris", {
        "ambitie": 1, "titel": "Doel voor de rechtentest"})
    eq(r.status, 201, r.text)
    walk_goal = r.json()["id"]
    seq = [0]
    import datetime
    day0 = datetime.date(2031, 1, 6)
    r = s.api("POST", "/vergaderingen", "secretaris", {
        "overleg": "kerngroep-p2", "begin": "2030-03-05T10:00",
        "einde": "2030-03-05T12:00"})
    eq(r.status, 201, r.text)
    p2_meeting = r.json()["id"]
    rules = s.api("GET", "/cyclusregels").json()["_embedded"]["cyclusregels"]
    if not rules:
        s.sql("INSERT INTO cycle_rule(code, kind, body_code, n, description) "
              "VALUES ('test-regel', 'min_per_jaar', 'koersoverleg', 3, 'x')")
        rule_code = "test-regel"
    else:
        rule_code = rules[0]["code"]
    orgs = [o[0] for o in s.sql("SELECT code FROM organisation ORDER BY id")]

    def attempt(action, role):
        seq[0] += 1
        n = seq[0]
        if action == "organisatie.beheren":
            return s.api("POST", "/organisaties", role, {
                "code": "perm-%d" % n, "naam": "Perm %d" % n,
                "type": "regio", "domein": "ict"}), 201
        if action == "persoon.beheren":
            return s.api("POST", "/personen", role, {"naam": "P %d" % n}), 201
        if action == "lidmaatschap.beheren":
            # an invitee of kerngroep-p2: not the netwerkmanager's own
            # kerngroep, so only the roles with a general grant may
            org = orgs[n % len(orgs)]
            return s.api("POST", "/overleggen/kerngroep-p2/leden", role,
                         {"organisatie": org, "soort": "genodigde",
                          "functie": "test %d" % n}), 201
        if action == "gebruiker.beheren":
            tok = s.token("beheerder")   # someone else's token
            tid = s.sql("SELECT max(id) FROM api_token")[0][0]
            del tok
            return s.api("DELETE", "/tokens/%d" % tid, role), 204
        if action == "audit.inzien":
            return s.api("GET", "/audit-regels", role), 200
        if action == "token.eigen":
            tid = s.sql("SELECT t.id FROM api_token t JOIN user u ON "
                        "u.id = t.user_id WHERE u.name = ? AND "
                        "t.revoked_at IS NULL ORDER BY t.id DESC LIMIT 1",
                        "t-" + role)[0][0]
            # revoke the newest own token: a fresh spare, not the main one
            newer = s.token("t-" + role)
            tid = s.sql("SELECT max(id) FROM api_token")[0][0]
            del newer
            return s.api("DELETE", "/tokens/%d" % tid, role), 204
        if action == "vergadering.plannen":
            d = (day0 + datetime.timedelta(days=n)).isoformat()
            return s.api("POST", "/vergaderingen", role, {
                "overleg": "kerngroep-p2", "begin": d + "T10:00",
                "einde": d + "T11:00"}), 201
        if action == "vergadering.vastleggen":
            return s.api("POST", "/vergaderingen/%d/agendapunten" %
                         p2_meeting, role, {"titel": "Punt %d" % n}), 201
        if action == "cyclusregels.beheren":
            return s.api("PATCH", "/cyclusregels/" + rule_code, role,
                         {"actief": True}), 200
        if action == "knelpunt.melden":
            return s.api("POST", "/knelpunten", role, {
                "titel": "Knelpunt %d" % n, "omschrijving": "Regeling x.",
                "herkomst": "regelgeving", "regio": "PV25",
                "pijlers": ["P1"]}), 201
        if action == "knelpunt.bovenregionaal":
            k = knelpunt_at([], "P1")
            return s.api("POST", "/knelpunten/%d/overgangen" % k, role,
                         {"naar": "bovenregionaal"}), 200
        if action == "knelpunt.kerngroep":
            # pillar 2: the netwerkmanager of kerngroep-p1 may not
            k = knelpunt_at(["bovenregionaal", "kerngroep-p2"], "P2")
            return s.api("POST", "/knelpunten/%d/overgangen" % k, role,
                         {"naar": "koersoverleg"}), 200
        if action == "knelpunt.koersoverleg":
            k = knelpunt_at(["bovenregionaal", "koersoverleg"], "P4")
            return s.api("POST", "/knelpunten/%d/overgangen" % k, role,
                         {"naar": "dg-overleg"}), 200
        if action == "knelpunt.dg-overleg":
            k = knelpunt_at(["bovenregionaal", "koersoverleg",
                             "dg-overleg"], "P4")
            return s.api("POST", "/knelpunten/%d/overgangen" % k, role,
                         {"naar": "besluit-genomen",
                          "toelichting": "Regeling aangepast."}), 200
        if action == "knelpunt.publiceren":
            k = knelpunt_at(["bovenregionaal", "koersoverleg", "dg-overleg",
                             "besluit-genomen"], "P4")
            return s.api("POST", "/knelpunten/%d/publicatie" % k, role,
                         {}), 200
        if action == "initiatief.beheren":
            return s.api("POST", "/initiatieven", role, {
                "regio": "PV25", "titel": "Initiatief %d" % n,
                "omschrijving": "Omscholing naar de installatietechniek."
                }), 201
        if action == "doel.beheren":
            return s.api("POST", "/doelen", role, {
                "ambitie": 1, "titel": "Doel %d" % n}), 201
        if action == "doelstelling.beheren":
            # pillar 2: the netwerkmanager of kerngroep-p1 may not
            return s.api("POST", "/doelstellingen", role, {
                "doel": walk_goal, "pijler": "P2",
                "titel": "Doelstelling %d" % n}), 201
        if action == "verzoek.indienen":
            return s.api("POST", "/verzoeken", role, {
                "titel": "Verzoek %d" % n, "tekst": "Graag budget.",
                "aanOverleg": "dg-overleg"}), 201
        if action == "verzoek.beantwoorden":
            r = s.api("POST", "/verzoeken", "secretaris", {
                "titel": "Te beantwoorden %d" % n, "tekst": "Vraag.",
                "aanOverleg": "dg-overleg"})
            eq(r.status, 201, r.text)
            return s.api("POST", "/verzoeken/%d/antwoord" % r.json()["id"],
                         role, {"antwoord": "Toegekend."}), 200
        if action == "consultatie.uitzetten":
            return s.api("POST", "/consultaties", role, {
                "overleg": "kerngroep-p2", "titel": "Consultatie %d" % n,
                "tekst": "Concept.", "deadline": "2099-12-31"}), 201
        if action == "consultatie.beantwoorden":
            r = s.api("POST", "/consultaties", "secretaris", {
                "overleg": "koersoverleg", "titel": "Open %d" % n,
                "tekst": "Concept.", "deadline": "2099-12-31"})
            eq(r.status, 201, r.text)
            return s.api("PUT", "/consultaties/%d/reacties/PV25" %
                         r.json()["id"], role, {"tekst": "Reactie."}), 201
        if action == "ser.beheren":
            return s.api("POST", "/ser-verzoeken", role, {
                "overleg": "koersoverleg", "vraag": "Vraag %d?" % n}), 201
        if action == "monitor.importeren":
            body = ("indicator,regio,periode,uitsplitsing,waarde,status\n"
                    "hbo-eerstejaars-techniek,NL01,%dSJ10,geslacht=man,%d,"
                    "voorlopig\n" % (2100 + n % 90, n))
            # a dry run: the permission is checked the same way, and the
            # monitor's figures stay those of the real files for the
            # story tests that follow
            return s.api("POST", "/imports?bron=koers-lang&controle=ja",
                         role, body, ctype="text/csv"), 200
        if action == "streefwaarde.beheren":
            return s.api("POST", "/streefwaarden", role, {
                "indicator": "wo-gediplomeerden-techniek", "regio": "PV%d" %
                (20 + n % 12), "uitsplitsing": "geslacht=man",
                "basisjaar": 2015, "basiswaarde": 100 + n,
                "doeljaar": 2030, "doelwaarde": 200 + n}), 201
        if action in EXTRA_ATTEMPTS:
            # registered by a tests/it_*.py file: (response, expected)
            return EXTRA_ATTEMPTS[action](s, role, n)
        raise AssertionError("no attempt for " + action)

    def knelpunt_at(path, pillar):
        r = s.api("POST", "/knelpunten", "secretaris", {
            "titel": "Route %s" % "-".join(path), "omschrijving": "Test.",
            "herkomst": "beleid", "regio": "PV25", "pijlers": [pillar]})
        eq(r.status, 201, r.text)
        k = r.json()["id"]
        for st in path:
            body = {"naar": st}
            if st in ("besluit-genomen",):
                body["toelichting"] = "Besloten."
            r = s.api("POST", "/knelpunten/%d/overgangen" % k, "secretaris",
                      body)
            eq(r.status, 200, r.text)
        return k

    checked = 0
    for right in rights:
        for role in ROLES:
            allowed = role in right["rollen"]
            r, ok_status = attempt(right["actie"], role)
            if allowed:
                eq(r.status, ok_status, "%s by %s: %s" % (right["actie"],
                                                          role, r.text))
            else:
                eq(r.status, 403, "%s by %s must be refused: %s" % (
                    right["actie"], role, r.text))
            checked += 1
    eq(checked, len(rights) * len(ROLES))
    # scoped grant: the netwerkmanager of kerngroep-p1 manages that body
    r = s.api("POST", "/overleggen/kerngroep-p1/leden", "netwerkmanager",
              {"organisatie": "uwv", "soort": "genodigde"})
    eq(r.status, 201, r.text)
    expect(s.sql("SELECT count(*) FROM audit WHERE result = 'geweigerd'")
           [0][0] > 10, "refusals are audited")


@test
def revoked_token_no_longer_works(s):
    tok = s.token("t-ministerie")
    tid = s.sql("SELECT max(id) FROM api_token")[0][0]
    eq(s.api("GET", "/audit-regels", token=tok).status, 403)
    r = run(["token", "--db", s.db, "--revoke", str(tid)])
    eq(r.returncode, 0, r.stderr)
    eq(s.api("GET", "/pijlers", token=tok).status, 401)
    r = run(["token", "--db", s.db, "--revoke", str(tid)])
    expect(r.returncode != 0, "second revoke fails")
    stored = s.sql("SELECT token_hash FROM api_token WHERE id = ?", tid)[0][0]
    expect(tok not in stored and len(stored) == 64, "token stored hashed")


# -------------------------------------------------------- browser flows

@test
def login_logout_and_session_cookie(s):
    b = Browser(s)
    r = b.login("beheerder", "fout-wachtwoord-123")
    eq(r.status, 401)
    expect("onjuist wachtwoord" in r.text, "Dutch error")
    r = b.login("beheerder", ADMIN_PW)
    eq(r.status, 303)
    cookie = [c for c in r.headers_all("Set-Cookie")
              if c.startswith("koers_sessie=")][0]
    expect("HttpOnly" in cookie and "SameSite=Strict" in cookie, cookie)
    r = b.get("/beheer")
    eq(r.status, 200)
    expect("Auditlogboek" in r.text and "inloggen" in r.text, "audit shown")
    tok = b.csrf("/")
    r = b.post("/uitloggen", {"csrf": tok})
    eq(r.status, 303)
    eq(b.get("/beheer").status, 303, "logged out: redirected to login")
    # the old session id is dead
    stale = Browser(s)
    stale.login("beheerder", ADMIN_PW)
    sid = stale.cookies["koers_sessie"]
    s.sql("UPDATE session SET expires_at = 0")
    r = stale.post("/organisaties", {"csrf": "0" * 64, "code": "zz",
                                     "naam": "z", "type": "regio",
                                     "domein": "ict"})
    eq(r.status, 401, "expired session")
    expect("verlopen" in r.text, "says the session expired")
    del sid


@test
def login_is_rate_limited(s):
    b = Browser(s)
    for _ in range(5):
        b.login("t-regio", "verkeerd-wachtwoord")
    r = b.login("t-regio", USER_PW)
    eq(r.status, 429, "locked out after 5 failures")


@test
def forms_need_a_matching_csrf_token(s):
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    n = s.count("organisation")
    fields = {"code": "csrf-test", "naam": "C", "type": "regio",
              "domein": "ict"}
    r = b.post("/organisaties", fields)
    eq(r.status, 403, "missing token")
    other = Browser(s)
    other.login("t-beheerder", USER_PW)
    r = b.post("/organisaties", dict(fields, csrf=other.csrf("/")))
    eq(r.status, 403, "another session's token")
    r = b.post("/organisaties", dict(fields, csrf=b.csrf("/")) )
    eq(r.status, 303, r.text)
    eq(s.count("organisation"), n + 1)
    r = s.request("POST", "/organisaties", body="a=%zz",
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    eq(r.status, 400, "malformed form")


@test
def admin_adds_member_sees_refusal_and_audit(s):
    """The issue's 'done when': log in as administrator, find who sits in
    the koersoverleg and where the rule is, add a member, see a refusal,
    see the change in the audit trail."""
    b = Browser(s)
    eq(b.login("beheerder", ADMIN_PW).status, 303)
    page = b.get("/overleggen/koersoverleg").text
    expect("Lid of genodigde toevoegen" in page, "form for the admin")
    tok = b.csrf("/overleggen/koersoverleg")
    r = b.post("/overleggen/kerngroep-p1/leden", {
        "csrf": tok, "organisatie": "vno-ncw", "soort": "lid",
        "persoon": "", "functie": "Beleidsadviseur"})
    eq(r.status, 303, r.text[:500])
    expect("vno-ncw" in b.get("/overleggen/kerngroep-p1").text.lower() or
           "VNO" in b.get("/overleggen/kerngroep-p1").text, "member shown")
    n = s.count("membership")
    r = b.post("/overleggen/koersoverleg/leden", {
        "csrf": tok, "organisatie": "fnv", "soort": "lid", "persoon": "",
        "functie": ""})
    eq(r.status, 422)
    expect("past in geen enkele zetel" in r.text and "regels" in r.text,
           "Dutch refusal citing the rule")
    eq(s.count("membership"), n)
    audit = b.get("/beheer").text
    expect("lidmaatschap.toevoegen" in audit and "geweigerd" in audit,
           "audit shows the change and the refusal")


@test
def html_is_escaped(s):
    r = s.api("POST", "/organisaties", "secretaris", {
        "code": "xss-test", "naam": "<script>alert(1)</script> & \"q\"",
        "type": "regio", "domein": "ict"})
    eq(r.status, 201, r.text)
    t = s.get("/organisaties/xss-test").text
    expect("<script>alert(1)" not in t, "raw script")
    expect("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;" in t,
           "escaped")


@test
def audit_trail_is_append_only(s):
    con = sqlite3.connect(s.db)
    try:
        for q in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"]:
            try:
                con.execute(q)
                con.commit()
                raise AssertionError("audit allowed: " + q)
            except sqlite3.DatabaseError as e:
                expect("append-only" in str(e), str(e))
    finally:
        con.close()
    rows = s.api("GET", "/audit-regels?paginaGrootte=100", "beheerder").json()
    e = rows["_embedded"]["auditRegels"][0]
    for k in ["tijdstip", "actor", "rol", "actie", "objectType", "objectId",
              "resultaat", "herkomst"]:
        expect(k in e, "audit field " + k)


@test
def invalid_utf8_and_odd_urls_get_precise_errors(s):
    eq(s.get("/overleggen/%FF").status, 400, "invalid UTF-8 path")
    eq(s.get("/gremia?relatie=%FF").status, 400, "invalid UTF-8 query")
    eq(s.api("GET", "/gremia?pagina=%FF").status, 400)
    eq(s.get("/rapport?van=abc").status, 400)
    eq(s.get("/rapport?van=10&tot=5").status, 400)
    eq(s.get("/beheer?pagina=x").status, 303, "login first")
    r = s.get("/" + "a" * 3000)
    expect(r.status in (400, 404, 414), "long path: %d" % r.status)
    r = s.request("GET", "/", headers={"X-Big": "b" * 100000})
    expect(r.status in (400, 413, 431), "huge header: %d" % r.status)
    eq(s.get("/healthz").status, 200, "server still up")


# ------------------------------------------------------- meeting cycle

@test
def meetings_flow_decisions_to_the_next_agenda(s):
    def plan(body, day, t0="10:00", t1="12:00", role="secretaris"):
        return s.api("POST", "/vergaderingen", role, {
            "overleg": body, "begin": day + "T" + t0,
            "einde": day + "T" + t1, "locatie": "Den Haag"})
    r = plan("kerngroep-p1", "2029-02-13")
    eq(r.status, 201, r.text)
    kg = r.json()
    r = plan("koersoverleg", "2029-03-06")
    eq(r.status, 201, r.text)
    ko = r.json()
    orgs = [g["organisatie"]["code"] for g in ko["genodigden"]
            if g["organisatie"]]
    expect("ezk" in orgs and "szw" in orgs, "members invited: %s" % orgs)
    # a kerngroep decision is proposed on the next koersoverleg agenda
    r = s.api("POST", "/vergaderingen/%d/besluiten" % kg["id"], "secretaris",
              {"tekst": "Doelstelling P1: 10% meer instroom in bèta-mbo."})
    eq(r.status, 201, r.text)
    agenda = [a for a in s.api("GET", "/vergaderingen/%d" % ko["id"])
              .json()["agenda"] if a["bron"] == "kerngroep"]
    eq(len(agenda), 1)
    eq(agenda[0]["bron"], "kerngroep")
    eq(agenda[0]["status"], "voorgesteld")
    # a koersoverleg decision waits for the next DG-overleg ...
    r = s.api("POST", "/vergaderingen/%d/besluiten" % ko["id"], "secretaris",
              {"tekst": "Verzoek aan het DG-overleg: regeling X verruimen."})
    eq(r.status, 201, r.text)
    # ... and lands on it when that meeting is planned
    r = plan("dg-overleg", "2029-03-27", "14:00", "15:30")
    eq(r.status, 201, r.text)
    dg = r.json()
    # (knelpunten and verzoeken waiting for the DG-overleg are on it too)
    eq([a["bron"] for a in dg["agenda"]
        if a["bron"] not in ("knelpunt", "verzoek")], ["koersoverleg"])
    # accept the proposed item
    item = agenda[0]["id"]
    r = s.api("PATCH", "/vergaderingen/%d/agendapunten/%d" % (ko["id"], item),
              "secretaris", {"status": "geagendeerd"})
    eq(r.status, 200, r.text)


@test
def meetings_bad_input_changes_nothing(s):
    before = [s.count(t) for t in ("meeting", "agenda_item", "decision",
                                   "meeting_invitee", "action_item")]
    minutes_before = s.sql("SELECT group_concat(minutes) FROM meeting")
    cases = [
        ("POST", "/vergaderingen", {"overleg": "koersoverleg",
         "begin": "2029-02-30T10:00", "einde": "2029-02-30T12:00"}, 400),
        ("POST", "/vergaderingen", {"overleg": "koersoverleg",
         "begin": "2029-04-03T12:00", "einde": "2029-04-03T10:00"}, 400),
        ("POST", "/vergaderingen", {"overleg": "koersoverleg",
         "begin": "2029-04-03T25:00", "einde": "2029-04-03T26:00"}, 400),
        ("POST", "/vergaderingen", {"overleg": "nergens",
         "begin": "2029-04-03T10:00", "einde": "2029-04-03T12:00"}, 404),
        ("POST", "/vergaderingen", {"overleg": "koersoverleg",
         "begin": "2029-03-06T11:00", "einde": "2029-03-06T13:00"}, 409),
        ("PUT", "/vergaderingen/1/verslag",
         {"verslag": "Goed.\n\n<script>alert(1)</script>"}, 400),
        ("PUT", "/vergaderingen/1/verslag",
         {"verslag": "[klik](javascript:alert(1))"}, 400),
        ("PUT", "/vergaderingen/1/verslag",
         {"verslag": "![x](data:image/png;base64,AAAA)"}, 400),
        ("PUT", "/vergaderingen/1/aanwezigheid",
         {"aanwezigheid": [{"genodigde": 999999, "status": "aanwezig"}]},
         400),
        ("PUT", "/vergaderingen/1/aanwezigheid",
         {"aanwezigheid": [{"genodigde": 1, "status": "misschien"}]}, 400),
        ("POST", "/vergaderingen/1/acties", {"omschrijving": "x",
         "deadline": "2029-13-01", "organisatie": "ezk"}, 400),
        ("POST", "/vergaderingen/1/acties", {"omschrijving": "x",
         "deadline": "2029-05-01"}, 400),
        ("POST", "/vergaderingen/999999/besluiten", {"tekst": "x"}, 404),
        ("PATCH", "/cyclusregels/bestaat-niet", {"n": 3}, 404),
    ]
    for method, path, data, want in cases:
        role = "beheerder" if "cyclusregels" in path else "secretaris"
        r = s.api(method, path, role, data)
        eq(r.status, want, "%s %s %r: %s" % (method, path, data, r.text))
        eq(r.header("Content-Type"), "application/problem+json")
    after = [s.count(t) for t in ("meeting", "agenda_item", "decision",
                                  "meeting_invitee", "action_item")]
    eq(after, before, "nothing written")
    eq(s.sql("SELECT group_concat(minutes) FROM meeting"), minutes_before)


@test
def reschedule_cancel_attendance_and_composition(s):
    r = s.api("POST", "/vergaderingen", "secretaris", {
        "overleg": "koersoverleg", "begin": "2029-06-12T10:00",
        "einde": "2029-06-12T12:00"})
    eq(r.status, 201, r.text)
    m = r.json()
    eq(m["volgnummer"], 0)
    r = s.api("PATCH", "/vergaderingen/%d" % m["id"], "secretaris",
              {"begin": "2029-06-13T10:00", "einde": "2029-06-13T12:00"})
    eq(r.status, 200, r.text)
    eq(r.json()["volgnummer"], 1, "SEQUENCE raised on reschedule")
    # attendance: everyone present except SZW
    marks = [{"genodigde": g["id"], "status": "afwezig"
              if g["organisatie"] and g["organisatie"]["code"] == "szw"
              else "aanwezig"} for g in m["genodigden"]]
    r = s.api("PUT", "/vergaderingen/%d/aanwezigheid" % m["id"],
              "secretaris", {"aanwezigheid": marks})
    eq(r.status, 200, r.text)
    flags = " ".join(r.json()["samenstelling"])
    expect("SZW" in flags, "composition check flags SZW: " + flags)
    r = s.api("POST", "/vergaderingen/%d/annulering" % m["id"], "secretaris",
              {})
    eq(r.status, 200, r.text)
    eq(r.json()["status"], "geannuleerd")
    eq(r.json()["volgnummer"], 2)
    eq(s.api("POST", "/vergaderingen/%d/annulering" % m["id"], "secretaris",
             {}).status, 409)
    # a netwerkmanager plans only the own kerngroep
    ok = s.api("POST", "/vergaderingen", "netwerkmanager", {
        "overleg": "kerngroep-p1", "begin": "2029-09-04T10:00",
        "einde": "2029-09-04T12:00"})
    eq(ok.status, 201, ok.text)
    no = s.api("POST", "/vergaderingen", "netwerkmanager", {
        "overleg": "kerngroep-p3", "begin": "2029-09-04T10:00",
        "einde": "2029-09-04T12:00"})
    eq(no.status, 403, no.text)


@test
def year_plan_passes_the_checker_and_violations_are_explained(s):
    r = s.api("GET", "/jaarplannen/2027")
    eq(r.status, 200, r.text)
    plan = r.json()
    eq(plan["overtredingen"], [], "the proposal passes its own checker")
    expect(len(plan["vergaderingen"]) >= 15, "a full year")
    bodies = [v["overleg"] for v in plan["vergaderingen"]]
    eq(bodies.count("koersoverleg"), 3)
    eq(bodies.count("dg-overleg"), 2)
    r = s.api("POST", "/jaarplannen/2027", "ministerie", {})
    eq(r.status, 403, "only the secretaris or beheerder saves a plan")
    r = s.api("POST", "/jaarplannen/2027", "secretaris", {})
    eq(r.status, 201, r.text)
    eq(r.json()["aangemaakt"], len(plan["vergaderingen"]))
    eq(s.api("POST", "/jaarplannen/2027", "secretaris", {}).status, 409,
       "a year is planned once")
    eq(s.api("GET", "/controles/2027").json()["aantal"], 0)
    # move the first kerngroep P2 meeting after its koersoverleg
    ms = s.api("GET", "/vergaderingen?van=2027-01-01&tot=2027-12-31"
               "&paginaGrootte=100").json()["_embedded"]["vergaderingen"]
    ko = [m for m in ms if m["overleg"] and
          m["overleg"]["code"] == "koersoverleg"][0]
    kg = [m for m in ms if m["overleg"] and
          m["overleg"]["code"] == "kerngroep-p2"][0]
    day = ko["begin"][:10]
    import datetime
    after = (datetime.date.fromisoformat(day) +
             datetime.timedelta(days=1)).isoformat()
    r = s.api("PATCH", "/vergaderingen/%d" % kg["id"], "secretaris",
              {"begin": after + "T10:00", "einde": after + "T12:00"})
    eq(r.status, 200, r.text)
    check = s.api("GET", "/controles/2027").json()
    msgs = [v["melding"] for v in check["overtredingen"]]
    expect(any("vóór het koersoverleg" in m and "pijler 2" in m
               for m in msgs), "explained: %s" % msgs)
    expect(all("regel" in m or "rapport" in m for m in msgs),
           "each violation names its rule")


@test
def ical_feeds_load_in_a_real_parser(s):
    import subprocess as sp
    r = s.get("/agenda/alles.ics")
    eq(r.status, 200)
    expect(r.header("Content-Type").startswith("text/calendar"), "type")
    t = r.text
    for want in ["BEGIN:VTIMEZONE", "TZID:Europe/Amsterdam",
                 "X-KOERS-OVERLEG:koersoverleg", "SEQUENCE:"]:
        expect(want in t, "feed lacks " + want)
    path = os.path.join(s.tmp, "alles.ics")
    with open(path, "wb") as f:
        f.write(r.body)
    py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") \
        else sys.executable
    out = sp.run([py, os.path.join(ROOT, "tests", "ical_check.py"), path],
                 capture_output=True, text=True, timeout=60)
    eq(out.returncode, 0, out.stdout + out.stderr)
    r = s.get("/agenda/overleggen/koersoverleg.ics")
    eq(r.status, 200)
    cancelled = s.sql("SELECT count(*) FROM meeting m JOIN body b ON b.id = "
                      "m.body_id WHERE b.code = 'koersoverleg' AND "
                      "m.status = 'geannuleerd'")[0][0]
    expect(cancelled == 0 or "STATUS:CANCELLED" in r.text,
           "a cancelled meeting stays in the feed as CANCELLED")
    eq(s.get("/agenda/overleggen/bestaat-niet.ics").status, 404)
    # personal feed behind a secret URL that can be revoked
    r = s.api("POST", "/agenda-tokens", "secretaris", {})
    eq(r.status, 201, r.text)
    url = urllib.parse.urlparse(r.json()["url"])
    eq(s.get(url.path).status, 200)
    r2 = s.api("DELETE", "/agenda-tokens/%d" % r.json()["id"], "secretaris")
    eq(r2.status, 204)
    eq(s.get(url.path).status, 404, "revoked feed is gone")
    # the checker takes the same feed back as an upload
    r = s.request("POST", "/api/v1/controles", body=open(path, "rb").read(),
                  headers={"Content-Type": "text/calendar",
                           "Authorization": "Bearer " +
                           s.tokens["secretaris"]})
    eq(r.status, 200, r.text)
    expect(r.json()["aantal"] >= 1, "the moved kerngroep is found again")
    for bad in [b"geen agenda", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n"
                b"DTSTART:20270101T100000\r\nDTEND:20270101T090000\r\n"
                b"END:VEVENT\r\nEND:VCALENDAR\r\n", b"\xff\xfe\x00"]:
        r = s.request("POST", "/api/v1/controles", body=bad, headers={
            "Content-Type": "text/calendar",
            "Authorization": "Bearer " + s.tokens["secretaris"]})
        eq(r.status, 400, "%r: %s" % (bad[:30], r.text))


@test
def commitment_signal_for_an_organisation_that_stopped_coming(s):
    ids = []
    for i, day in enumerate(["2028-01-11", "2028-03-14", "2028-05-16",
                             "2028-07-11", "2028-09-12", "2028-10-10",
                             "2028-11-14", "2028-12-12"]):
        r = s.api("POST", "/vergaderingen", "secretaris", {
            "overleg": "dg-overleg", "begin": day + "T14:00",
            "einde": day + "T15:00"})
        eq(r.status, 201, r.text)
        m = r.json()
        marks = []
        for g in m["genodigden"]:
            if not g["organisatie"]:
                continue
            gone = g["organisatie"]["code"] == "ocw" and i >= 4
            marks.append({"genodigde": g["id"],
                          "status": "afwezig" if gone else "aanwezig"})
        r = s.api("PUT", "/vergaderingen/%d/aanwezigheid" % m["id"],
                  "secretaris", {"aanwezigheid": marks})
        eq(r.status, 200, r.text)
        ids.append(m["id"])
    sig = s.api("GET", "/inzet?alleenSignalen=true").json()
    orgs = [(x["organisatie"]["code"], x["overleg"]["code"])
            for x in sig["_embedded"]["inzet"]]
    expect(("ocw", "dg-overleg") in orgs, "OCW signalled: %s" % orgs)
    expect(("ezk", "dg-overleg") not in orgs, "EZK kept coming")
    page = s.get("/organisaties/ocw").text
    expect("inzet" in page.lower(), "signal on the organisation page")


@test
def secretaris_runs_the_cycle_in_the_browser(s):
    """Issue 3's 'done when', through the web forms: plan a year, check
    it, move a kerngroep after its koersoverleg and see why that is wrong,
    record a meeting, see the kerngroep result on the next koersoverleg
    agenda, and subscribe to a personal calendar."""
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    page = b.get("/jaarplan?jaar=2032").text
    expect("voldoet aan alle" in page, "the proposal passes the checker")
    r = b.post("/jaarplan", {"csrf": b.csrf("/jaarplan?jaar=2032"),
                             "jaar": "2032"})
    eq(r.status, 303, r.text[:300])
    expect("Geen overtredingen" in b.get("/cyclus?jaar=2032").text,
           "the saved year passes")
    ms = s.api("GET", "/vergaderingen?van=2032-01-01&tot=2032-12-31"
               "&paginaGrootte=100").json()["_embedded"]["vergaderingen"]
    ko = [m for m in ms if m["overleg"] and
          m["overleg"]["code"] == "koersoverleg"][0]
    kg = [m for m in ms if m["overleg"] and
          m["overleg"]["code"] == "kerngroep-p1"][0]
    import datetime
    later = (datetime.date.fromisoformat(ko["begin"][:10]) +
             datetime.timedelta(days=2)).isoformat()
    tok = b.csrf("/vergaderingen/%d" % kg["id"])
    r = b.post("/vergaderingen/%d" % kg["id"], {
        "csrf": tok, "datum": later, "begintijd": "10:00",
        "eindtijd": "12:00", "locatie": "Den Haag", "titel": ""})
    eq(r.status, 303, r.text[:300])
    page = b.get("/cyclus?jaar=2032").text
    expect("vóór het koersoverleg" in page and "pijler 1" in page,
           "the violation is explained on the page")
    # record the kerngroep meeting: agenda, minutes, decision, attendance
    mid = kg["id"]
    tok = b.csrf("/vergaderingen/%d" % mid)
    eq(b.post("/vergaderingen/%d/agendapunten" % mid, {
        "csrf": tok, "agendapunt": "Doelstellingen P1", "toelichting": ""}
        ).status, 303)
    eq(b.post("/vergaderingen/%d/verslag" % mid, {
        "csrf": tok, "verslag": "# Verslag\n\nDe **kerngroep** koos "
        "drie doelstellingen."}).status, 303)
    r = b.post("/vergaderingen/%d/verslag" % mid, {
        "csrf": tok, "verslag": "<script>alert(1)</script>"})
    eq(r.status, 400)
    expect("HTML" in r.text, "the refusal says why")
    eq(b.post("/vergaderingen/%d/besluiten" % mid, {
        "csrf": tok, "besluit": "Drie doelstellingen voor pijler 1."}
        ).status, 303)
    page = b.get("/vergaderingen/%d" % mid).text
    expect("<strong>kerngroep</strong>" in page, "minutes rendered")
    expect("<script>" not in page, "no script")
    fields = {"csrf": tok}
    for m in re.finditer(r'name="status-(\d+)"', page):
        fields["status-" + m.group(1)] = "aanwezig"
    expect(len(fields) > 1, "attendance form lists the invitees")
    eq(b.post("/vergaderingen/%d/aanwezigheid" % mid, fields).status, 303)
    # the decision is proposed on the next koersoverleg after the meeting
    nxt = [m for m in ms if m["overleg"] and
           m["overleg"]["code"] == "koersoverleg" and
           m["begin"] > later][0]
    page = b.get("/vergaderingen/%d" % nxt["id"]).text
    expect("Drie doelstellingen voor pijler 1." in page,
           "kerngroep result on the next koersoverleg agenda")
    # a personal calendar link, usable by a calendar client
    r = b.post("/mijn-agenda", {"csrf": b.csrf("/mijn-agenda")})
    eq(r.status, 200, r.text[:300])
    m = re.search(r"/agenda/persoonlijk/[0-9a-f]{64}\.ics", r.text)
    expect(m, "the feed URL is shown once")
    feed = s.get(m.group(0))
    eq(feed.status, 200)
    expect("BEGIN:VEVENT" in feed.text, "the secretaris sees meetings")


@test
def knelpunt_travels_from_gelderland_to_the_dg_overleg(s):
    """Issue 4's 'done when' for knelpunten: an account manager for
    Gelderland raises a knelpunt about a regulation; it travels through the
    bovenregionaal overleg and the kerngroep to the koersoverleg and the
    DG-overleg, appearing on each agenda in turn; the region sees the
    DG-overleg's decision."""
    r = run(["user", "add", "--db", s.db, "--name", "am-gelderland",
             "--role", "accounthouder", "--scope", "PV25"],
            {"KOERS_PASSWORD": USER_PW})
    eq(r.returncode, 0, r.stderr)
    am = s.token("am-gelderland")
    meetings = {}
    for body, day in [("bovenregionaal-overleg", "2033-02-01"),
                      ("kerngroep-p1", "2033-02-15"),
                      ("koersoverleg", "2033-03-08"),
                      ("dg-overleg", "2033-03-29")]:
        r = s.api("POST", "/vergaderingen", "secretaris", {
            "overleg": body, "begin": day + "T10:00",
            "einde": day + "T12:00"})
        eq(r.status, 201, r.text)
        meetings[body] = r.json()["id"]
    # raising for another province is refused
    r = s.api("POST", "/knelpunten", token=am, data={
        "titel": "x", "omschrijving": "y", "herkomst": "regelgeving",
        "regio": "PV21", "pijlers": ["P1"]})
    eq(r.status, 403, r.text)
    r = s.api("POST", "/knelpunten", token=am, data={
        "titel": "Stagevergoeding telt als inkomen bij zij-instroom",
        "omschrijving": "Een regeling van SZW verlaagt de uitkering van "
        "zij-instromers die een techniekstage lopen.",
        "herkomst": "regelgeving", "regio": "PV25", "pijlers": ["P1"],
        "onderbouwing": "Twaalf afgebroken trajecten in 2032."})
    eq(r.status, 201, r.text)
    k = r.json()["id"]
    eq(r.json()["toestand"]["code"], "gemeld")
    # an illegal jump is refused and changes nothing
    r = s.api("POST", "/knelpunten/%d/overgangen" % k, token=am,
              data={"naar": "koersoverleg"})
    eq(r.status, 409, r.text)
    steps = [("bovenregionaal", None, "bovenregionaal-overleg"),
             ("kerngroep-p1", None, "kerngroep-p1"),
             ("koersoverleg", "netwerkmanager", "koersoverleg"),
             ("dg-overleg", "boegbeeld", "dg-overleg")]
    for naar, role, body in steps:
        kw = {"role": role} if role else {"token": am}
        r = s.api("POST", "/knelpunten/%d/overgangen" % k,
                  data={"naar": naar, "toelichting": "Door naar " + naar},
                  **kw)
        eq(r.status, 200, "%s: %s" % (naar, r.text))
        # the next planned meeting of that table (other tests planned
        # meetings too; the knelpunt goes to the first one after now)
        import datetime
        today = datetime.date.today().isoformat()
        nxt = [m for m in s.api("GET", "/vergaderingen?overleg=%s&van=%s"
                                "&paginaGrootte=100" % (body, today))
               .json()["_embedded"]["vergaderingen"]
               if m["status"] == "gepland"][0]
        agenda = s.api("GET", "/vergaderingen/%d" % nxt["id"]).json()
        expect(any(a["bron"] == "knelpunt" and str(k) in
                   (a["bronVerwijzing"] or "") for a in agenda["agenda"]),
               "on the agenda of the next %s" % body)
    # it moved on before the bovenregionaal meeting took place: that
    # proposal was withdrawn from its agenda, not left behind
    items = s.sql("SELECT status FROM agenda_item WHERE source = 'knelpunt' "
                  "AND source_ref = ?", "knelpunt:%d:bovenregionaal" % k)
    eq(items, [("afgevoerd",)])
    r = s.api("POST", "/knelpunten/%d/overgangen" % k, "ministerie",
              {"naar": "besluit-genomen",
               "toelichting": "SZW past de regeling per 2034 aan."})
    eq(r.status, 200, r.text)
    seen = s.api("GET", "/knelpunten/%d" % k, token=am).json()
    eq(seen["toestand"]["code"], "besluit-genomen")
    tables = [e["naar"]["code"] for e in seen["geschiedenis"]]
    eq(tables[-5:], ["bovenregionaal", "kerngroep-p1", "koersoverleg",
                     "dg-overleg", "besluit-genomen"])
    expect("SZW past de regeling" in json.dumps(seen),
           "the region sees the decision")
    eq(s.api("GET", "/knelpunten/%d" % k).status, 404,
       "not public before publication")
    eq(s.api("POST", "/knelpunten/%d/publicatie" % k, "secretaris",
             {}).status, 200)
    eq(s.api("GET", "/knelpunten/%d" % k).status, 200, "published")


@test
def initiatives_suggest_look_alikes_from_other_regions(s):
    base = {"pijler": "P2", "thema": "zij-instroom"}
    r = s.api("POST", "/initiatieven", "secretaris", dict(base,
        regio="PV30", titel="Omscholing tot warmtepompmonteur",
        omschrijving="Werkzoekenden worden in twaalf weken omgeschoold tot "
        "monteur van warmtepompen, met een baangarantie bij "
        "installatiebedrijven in de regio."))
    eq(r.status, 201, r.text)
    twin = r.json()["id"]
    s.api("POST", "/initiatieven", "secretaris", dict(base, regio="PV21",
          titel="Digitale vaardigheden voor docenten",
          omschrijving="Docenten in het voortgezet onderwijs volgen een "
          "cursus programmeren."))
    r = s.api("POST", "/initiatieven", "secretaris", dict(base,
        regio="PV25", titel="Zij-instromers worden warmtepompmonteur",
        omschrijving="Een omscholingstraject van twaalf weken leidt "
        "werkzoekenden op tot warmtepompmonteur bij installateurs."))
    eq(r.status, 201, r.text)
    sims = r.json()["vergelijkbaar"]
    expect(sims and sims[0]["id"] == twin, "the look-alike comes first: %s"
           % sims)
    for bad in [{"regio": "XX99", "titel": "x", "omschrijving": "y"},
                {"regio": "PV25", "titel": "", "omschrijving": "y"},
                {"regio": "PV25", "titel": "x", "omschrijving": "y" * 10001}]:
        eq(s.api("POST", "/initiatieven", "secretaris", bad).status, 400,
           repr(bad)[:60])


@test
def verzoek_and_consultation_round_trips(s):
    import datetime
    today = datetime.date.today().isoformat()

    def next_meeting(body, day):
        r = s.api("POST", "/vergaderingen", "secretaris", {
            "overleg": body, "begin": day + "T10:00",
            "einde": day + "T11:00"})
        eq(r.status, 201, r.text)
        nxt = [m for m in s.api("GET", "/vergaderingen?overleg=%s&van=%s"
                                "&paginaGrootte=100" % (body, today))
               .json()["_embedded"]["vergaderingen"]
               if m["status"] == "gepland"][0]
        return nxt["id"]

    dg = next_meeting("dg-overleg", "2034-03-28")
    ko = next_meeting("koersoverleg", "2034-06-13")
    r = s.api("POST", "/verzoeken", "boegbeeld", {
        "titel": "Middelen voor hybride docenten",
        "tekst": "Het koersoverleg vraagt het DG-overleg om budget.",
        "aanOverleg": "dg-overleg"})
    eq(r.status, 201, r.text)
    v = r.json()["id"]
    refs = [a["bronVerwijzing"] for a in
            s.api("GET", "/vergaderingen/%d" % dg).json()["agenda"]]
    expect("verzoek:%d" % v in refs, "the verzoek is on the DG agenda")
    r = s.api("POST", "/verzoeken/%d/antwoord" % v, "ministerie",
              {"antwoord": "OCW stelt 2 miljoen beschikbaar."})
    eq(r.status, 200, r.text)
    refs = [a["bronVerwijzing"] for a in
            s.api("GET", "/vergaderingen/%d" % ko).json()["agenda"]]
    expect("verzoek:%d:antwoord" % v in refs,
           "the answer is on the next koersoverleg agenda")
    eq(s.api("POST", "/verzoeken/%d/antwoord" % v, "ministerie",
             {"antwoord": "Nog eens."}).status, 409)
    # a consultation: two regions answer, a third may not answer for them
    r = s.api("POST", "/consultaties", "secretaris", {
        "overleg": "koersoverleg", "titel": "Concept-regeling stages",
        "tekst": "Graag uw reactie.", "deadline": "2099-06-30"})
    eq(r.status, 201, r.text)
    c = r.json()["id"]
    toks = {}
    for code in ("PV25", "PV30"):
        user = "regio-" + code.lower()
        rr = run(["user", "add", "--db", s.db, "--name", user, "--role",
                  "regio", "--scope", code], {"KOERS_PASSWORD": USER_PW})
        eq(rr.returncode, 0, rr.stderr)
        tok = toks[code] = s.token(user)
        eq(s.api("PUT", "/consultaties/%d/reacties/%s" % (c, code),
                 token=tok, data={"tekst": "Reactie uit " + code}).status,
           201)
    eq(s.api("PUT", "/consultaties/%d/reacties/PV21" % c, token=tok,
             data={"tekst": "Namens een ander"}).status, 403)
    got = s.api("GET", "/consultaties/%d" % c).json()
    eq(sorted(x["regio"]["code"] for x in got["reacties"]), ["PV25", "PV30"])
    eq(s.api("POST", "/consultaties/%d/sluiting" % c, "secretaris",
             {}).status, 200)
    eq(s.api("PUT", "/consultaties/%d/reacties/PV25" % c,
             token=toks["PV25"], data={"tekst": "Te laat"}).status, 409,
       "closed consultations take no more answers")


@test
def goals_roll_up_and_are_public(s):
    r = s.api("POST", "/doelen", "boegbeeld", {
        "ambitie": 1, "titel": "Meer instroom in bèta-opleidingen"})
    eq(r.status, 201, r.text)
    g = r.json()["id"]
    r = s.api("POST", "/doelstellingen", "netwerkmanager", {
        "doel": g, "pijler": "P1", "titel": "10% meer instroom mbo-techniek"})
    eq(r.status, 201, r.text)
    o = r.json()["id"]
    eq(s.api("POST", "/doelstellingen", "netwerkmanager", {
        "doel": g, "pijler": "P3", "titel": "x"}).status, 403,
       "not the netwerkmanager's pillar")
    ids = []
    for titel, prog, deadline in [("Voorlichting", 40, "2099-01-01"),
                                  ("Stages", 80, "2099-01-01"),
                                  ("Open dagen", 0, "2020-01-01")]:
        r = s.api("POST", "/uitvoeringsacties", "netwerkmanager", {
            "doelstelling": o, "titel": titel, "eigenaars": ["mbo-raad"]
            if s.sql("SELECT count(*) FROM organisation WHERE code = "
                     "'mbo-raad'")[0][0] else ["ocw"],
            "start": "2019-01-01", "deadline": deadline,
            "status": "lopend"})
        eq(r.status, 201, r.text)
        ids.append(r.json()["id"])
        if prog:
            eq(s.api("PATCH", "/uitvoeringsacties/%d" % ids[-1],
                     "netwerkmanager", {"voortgang": prog}).status, 200)
    eq(s.api("POST", "/uitvoeringsacties", "netwerkmanager", {
        "doelstelling": o, "titel": "x", "eigenaars": ["ocw"],
        "start": "2030-01-01", "deadline": "2029-01-01"}).status, 400,
       "deadline before start")
    obj = s.api("GET", "/doelstellingen/%d" % o).json()
    eq(round(obj["voortgang"]), 40, "average of 40, 80 and 0")
    eq(obj["aantalTeLaat"], 1)
    goal = s.api("GET", "/doelen/%d" % g).json()
    eq(round(goal["voortgang"]), 40, "rolls up to the goal")
    page = s.get("/doelen").text
    expect("Meer instroom in bèta-opleidingen" in page and
           "niet gewogen" in page, "public view with the rule stated")
    late = s.api("GET", "/uitvoeringsacties?teLaat=true").json()
    expect(any(a["id"] == ids[2] for a in late["_embedded"]
               ["uitvoeringsacties"]), "late action listed")


@test
def server_stops_cleanly(s):
    # last test: SIGTERM ends the server with exit code 0 (under ASan this
    # is where leaks would be reported)
    rc = s.stop()
    eq(rc, 0, "exit code after SIGTERM")


# Story tests of later capabilities live in tests/it_*.py, one file per
# capability, run in the same process against the same server: they use
# the helpers above (test, eq, expect, Server, Browser) as globals.
for _f in sorted(glob.glob(os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "it_*.py"))):
    exec(compile(open(_f, encoding="utf-8").read(), _f, "exec"), globals())


def main():
    # the server stop test ends the run whatever files were loaded
    TESTS.sort(key=lambda t: t.__name__ == "server_stops_cleanly")
    tmp = tempfile.mkdtemp(prefix="koers-it-")
    srv = Server(tmp)
    passed = failed = 0
    only = sys.argv[1:]
    for t in TESTS:
        if only and t.__name__ not in only and t.__name__ != \
                "server_stops_cleanly":
            continue
        try:
            t(srv)
            passed += 1
            print("ok   %s" % t.__name__)
        except Exception as e:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAIL %s: %s" % (t.__name__, e))
            traceback.print_exc(limit=2, file=sys.stdout)
    if srv.proc.poll() is None:
        srv.stop()
    log = open(os.path.join(tmp, "server.log")).read()
    if "ERROR: AddressSanitizer" in log or "runtime error:" in log or \
            "LeakSanitizer" in log:
        failed += 1
        print("FAIL sanitizer report in server log:\n" + log[-4000:])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
