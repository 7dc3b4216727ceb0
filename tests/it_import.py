# it_import.py - story tests of the monitor import over the real binary,
# exec'd by tests/integration.py (uses its test, eq, expect, run, ROOT,
# Browser, USER_PW and the Server `s`):
# - `koers import --db STORE data/open` reads every DUO and CBS file as it
#   is; the national totals equal the sums computed here from the DUO
#   file; importing again changes nothing; a dry run stores nothing;
# - the upload page /monitor/import: a valid file is imported (summary,
#   provenance with the file's sha256, audit), the same file again changes
#   nothing, a broken file is refused with line-numbered Dutch messages
#   and nothing is stored;
# - a 2 GB Content-Length is refused at once (413) without sending the
#   body, a chunked body over 64 MiB too, other routes keep 256 KiB;
# - a deelnemer sees no form and is refused (403, audited).
import csv
import hashlib

IMP_OPEN = os.path.join(ROOT, "data", "open")
IMP_HBO = os.path.join(IMP_OPEN, "duo", "hbo_inscriptions_2019.csv")


def imp_multipart(fields, fname, data):
    """A multipart/form-data body with text fields and one file."""
    bd = "----koers-it-import-7f3a"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n"
                "%s\r\n" % (bd, k, v)).encode("utf-8")
    out += ("--%s\r\nContent-Disposition: form-data; name=\"bestand\"; "
            "filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n"
            % (bd, fname)).encode("utf-8") + data + b"\r\n"
    out += ("--%s--\r\n" % bd).encode()
    return out, "multipart/form-data; boundary=" + bd


def imp_upload(b, fname, data, **fields):
    fields = dict(fields)
    fields.setdefault("csrf", b.csrf("/"))
    body, ct = imp_multipart(fields, fname, data)
    return b._keep(b.srv.request("POST", "/monitor/import", body=body,
                                 headers=b._hdr({"Content-Type": ct})))


def imp_value(s, ind, region, period, disagg=""):
    rows = s.sql("SELECT o.value, o.origin, o.definitief FROM observation o "
                 "JOIN indicator i ON i.id = o.indicator_id JOIN region r ON "
                 "r.id = o.region_id JOIN period p ON p.id = o.period_id "
                 "JOIN disaggregation d ON d.id = o.disagg_id WHERE i.code = "
                 "? AND r.code = ? AND p.code = ? AND d.key = ?", ind,
                 region, period, disagg)
    return rows[0] if rows else None


def imp_fingerprint(s):
    return s.sql("SELECT (SELECT count(*) FROM observation), (SELECT "
                 "total(value) FROM observation), (SELECT count(*) FROM "
                 "import_batch), (SELECT count(*) FROM period), (SELECT "
                 "count(*) FROM disaggregation), (SELECT count(*) FROM "
                 "region), (SELECT count(*) FROM region_link)")[0]


def imp_text(r):
    """The text of <main>, tags removed, entities of quotes decoded."""
    t = r.text
    t = t[t.find("<main"):t.find("</main>")]
    t = re.sub(r"<[^>]+>", " ", t).replace("&#39;", "'").replace(
        "&quot;", '"').replace("&amp;", "&")
    return re.sub(r"\s+", " ", t)


@test
def import_cli_reads_all_of_data_open(s):
    r = run(["import", "--db", s.db, IMP_OPEN])
    eq(r.returncode, 0, r.stdout + r.stderr)
    for src in ["duo-hbo-eerstejaars", "duo-wo-gediplomeerden",
                "duo-mbo-ingeschrevenen", "cbs-83262ned", "cbs-84328ned",
                "cbs-81810ned", "cbs-regiocodes"]:
        expect("(bron %s)" % src in r.stdout, "no summary for " + src)
    expect("0 mislukt" in r.stdout, r.stdout)
    expect("README.md" in r.stdout.split("Overgeslagen")[-1],
           "unrecognised files are listed as skipped")
    # the numbers: national totals from the DUO file, computed here
    sums, vrouw = {}, {}
    with open(IMP_HBO, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter=";")
        head = next(rows)
        col = {n: i for i, n in enumerate(head)}
        for row in rows:
            if len(row) != len(head) or row[col["CROHO ONDERDEEL"]] != \
                    "techniek":
                continue
            for y in range(2015, 2020):
                v = int(row[col[str(y)]])
                sums[y] = sums.get(y, 0) + v
                if row[col["GESLACHT"]] == "vrouw":
                    vrouw[y] = vrouw.get(y, 0) + v
    for y in range(2015, 2020):
        v = imp_value(s, "hbo-eerstejaars-techniek", "NL01", "%dSJ10" % y)
        expect(v is not None, "no national total for %d" % y)
        eq(v[0], float(sums[y]), "NL01 %d" % y)
        share = imp_value(s, "hbo-aandeel-vrouwen-techniek", "NL01",
                          "%dSJ10" % y)
        expect(abs(share[0] - 100.0 * vrouw[y] / sums[y]) < 1e-9,
               "share %d" % y)
    # CBS: a provisional period stays provisional
    v = imp_value(s, "cbs-wmo-clienten-halfjaar", "NL01", "2020HJ01")
    eq(v, (1111045.0, 0, 0))
    # again: nothing changes, nothing is written
    before = imp_fingerprint(s)
    r = run(["import", "--db", s.db, IMP_OPEN])
    eq(r.returncode, 0, r.stdout + r.stderr)
    expect("Klaar: 0 bestanden geïmporteerd, 7 ongewijzigd, 0 mislukt"
           in r.stdout, r.stdout)
    eq(imp_fingerprint(s), before, "second import wrote something")


@test
def import_cli_dry_run_and_errors(s):
    path = os.path.join(s.tmp, "imp-cli.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("indicator,regio,periode,uitsplitsing,waarde,status\n"
                "cbs-investeringen,NL01,2041JJ00,,5,definitief\n")
    before = imp_fingerprint(s)
    r = run(["import", "--db", s.db, "--droog", path])
    eq(r.returncode, 0, r.stdout + r.stderr)
    expect("proefimport, niets opgeslagen" in r.stdout, r.stdout)
    expect("1 nieuw" in r.stdout, r.stdout)
    eq(imp_fingerprint(s), before, "dry run wrote something")
    with open(path, "a", encoding="utf-8") as f:
        f.write("cbs-investeringen,NL01,2042JJ00,,vijf,definitief\n"
                "cbs-investeringen,PV99,2042JJ00,,5,definitief\n")
    r = run(["import", "--db", s.db, path])
    eq(r.returncode, 1, r.stdout)
    expect("regel 3, kolom waarde: 'vijf' is geen getal" in r.stdout,
           r.stdout)
    expect("regel 4, kolom regio: onbekende regio 'PV99'" in r.stdout,
           r.stdout)
    eq(imp_fingerprint(s), before, "a refused file wrote something")
    r = run(["import", "--db", s.db, "--bron", "onbekend", path])
    expect(r.returncode != 0 and "Onbekende bron" in r.stdout, r.stdout)
    r = run(["import", "--db", s.db, "--vaag", path])
    eq(r.returncode, 2, r.stderr)


@test
def import_upload_page_imports_and_keeps_provenance(s):
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    r = b.get("/monitor/import")
    eq(r.status, 200)
    expect('enctype="multipart/form-data"' in r.text and
           'name="bestand"' in r.text and 'name="droog"' in r.text,
           "upload form")
    data = ("indicator,regio,periode,uitsplitsing,waarde,status\r\n"
            "cbs-investeringen,NL01,2043JJ00,sector=bouw,12.5,voorlopig\r\n"
            "cbs-investeringen,NL01,2043JJ00,,100,definitief\r\n"
            ).encode()
    batches = s.count("import_batch")
    r = imp_upload(b, "investeringen-2043.csv", data)
    eq(r.status, 200, imp_text(r))
    t = imp_text(r)
    expect("geïmporteerd als import" in t, t)
    eq(imp_value(s, "cbs-investeringen", "NL01", "2043JJ00", "sector=bouw"),
       (12.5, 0, 0))
    eq(s.count("import_batch"), batches + 1)
    bid, name, sha, who = s.sql(
        "SELECT b.id, b.file_name, b.file_sha256, u.name FROM import_batch b "
        "JOIN user u ON u.id = b.user_id ORDER BY b.id DESC LIMIT 1")[0]
    eq(name, "investeringen-2043.csv")
    eq(sha, hashlib.sha256(data).hexdigest())
    eq(who, "t-secretaris")
    expect(s.sql("SELECT count(*) FROM audit WHERE action = "
                 "'monitor.importeren' AND actor = 't-secretaris' AND "
                 "result = 'gelukt'")[0][0] >= 1, "audited")
    # the provenance table lists it
    r = b.get("/monitor/import")
    expect("investeringen-2043.csv" in r.text and sha[:16] in r.text,
           "batch in the provenance table")
    # the same file again: nothing changes
    before = imp_fingerprint(s)
    r = imp_upload(b, "investeringen-2043.csv", data)
    eq(r.status, 200)
    expect("niets veranderd" in imp_text(r), imp_text(r))
    eq(imp_fingerprint(s), before)
    # a dry run of a changed file: counted, not stored
    r = imp_upload(b, "x.csv", data.replace(b"12.5", b"13.5"), droog="1")
    eq(r.status, 200)
    t = imp_text(r)
    expect("niets opgeslagen (alleen controleren)" in t, t)
    expect("Gewijzigd 1" in t, t)
    eq(imp_fingerprint(s), before)


@test
def import_upload_refuses_broken_files(s):
    b = Browser(s)
    eq(b.login("t-beheerder", USER_PW).status, 303)
    before = imp_fingerprint(s)
    bad = ("indicator,regio,periode,uitsplitsing,waarde,status\n"
           "cbs-investeringen,NL01,2044JJ00,,1,definitief\n"
           "cbs-investeringen,NL01,2044JJ00,sector=bouw,1;5,definitief\n"
           "cbs-investeringen,NL01,2044JJ00,geslacht=vrouw,2,definitief\n"
           "cbs-investeringen,NL01,2044JJ00,,3,definitief\n").encode()
    r = imp_upload(b, "kapot.csv", bad)
    eq(r.status, 400)
    t = imp_text(r)
    expect("kapot.csv is niet geïmporteerd" in t and
           "er is niets opgeslagen" in t, t)
    expect("regel 3, kolom waarde: '1;5' is geen getal" in t, t)
    expect("regel 4, kolom uitsplitsing: indicator cbs-investeringen kent "
           "niet alle dimensies" in t, t)
    eq(imp_fingerprint(s), before)
    # the repeated key alone, with both lines
    r = imp_upload(b, "dubbel.csv", b"\n".join(
        bad.split(b"\n")[i] for i in (0, 1, 4)) + b"\n")
    eq(r.status, 400)
    expect("regel 2 en regel 3: dezelfde waarneming" in imp_text(r),
           imp_text(r))
    # a Latin-1 file and a file cut off in the middle of a line
    r = imp_upload(b, "latin1.csv", b"indicator,regio,periode,uitsplitsing,"
                   b"waarde,status\ncbs-investeringen,NL01,2044JJ00,,1,"
                   b"d\xe9finitief\n")
    eq(r.status, 400)
    expect("regel 2, kolom 6: de tekst is geen geldige UTF-8" in
           imp_text(r), imp_text(r))
    with open(IMP_HBO, "rb") as f:
        hbo = f.read()
    r = imp_upload(b, "hbo-afgebroken.csv", hbo[:len(hbo) - 60])
    eq(r.status, 400)
    expect("regel 3823: 9 velden, verwacht 18; is het bestand afgebroken?"
           in imp_text(r), imp_text(r))
    r = imp_upload(b, "onbekend.csv", b"a;b;c\n1;2;3\n")
    eq(r.status, 400)
    expect("geen bronbeschrijving herkent dit bestand" in imp_text(r),
           imp_text(r))
    eq(imp_fingerprint(s), before)


@test
def import_upload_size_limits(s):
    b = Browser(s)
    eq(b.login("t-secretaris", USER_PW).status, 303)
    tok = b.csrf("/")
    # 2 GB announced: refused before a byte of the body is sent
    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
    c.putrequest("POST", "/monitor/import")
    for k, v in b._hdr({"Content-Type": "multipart/form-data; boundary=x",
                        "Content-Length": str(2 * 1024 ** 3)}).items():
        c.putheader(k, v)
    c.endheaders()
    r = c.getresponse()
    eq(r.status, 413)
    expect("64 MiB" in r.read().decode(), "names the limit")
    c.close()
    # other routes keep 256 KiB
    r = s.request("POST", "/cyclus/controle", body=b"x" * (300 * 1024),
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    eq(r.status, 413)
    # a chunked body that passes 64 MiB is refused as well
    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=120)
    c.putrequest("POST", "/monitor/import")
    body, ct = imp_multipart({"csrf": tok}, "groot.csv", b"")
    for k, v in b._hdr({"Content-Type": ct,
                        "Transfer-Encoding": "chunked"}).items():
        c.putheader(k, v)
    c.endheaders()
    chunk = b"a,b\n" * (256 * 1024)          # 1 MiB
    for _ in range(65):
        c.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    c.send(b"0\r\n\r\n")
    r = c.getresponse()
    eq(r.status, 413)
    r.read()
    c.close()
    # a file of a few MiB within the limit is read (and here refused for
    # its content, not its size)
    big = b"indicator,regio,periode,uitsplitsing,waarde,status\n" + \
        b"cbs-investeringen,NL01,2045JJ00,,1,definitief\n" * 80000
    r = imp_upload(b, "groot.csv", big)
    eq(r.status, 400)
    expect("dezelfde waarneming" in imp_text(r), imp_text(r)[:300])


@test
def import_refused_for_deelnemer_and_anonymous(s):
    r = s.get("/monitor/import")
    eq(r.status, 303, "anonymous is sent to the login page")
    # an anonymous upload is refused before its body is read
    body, ct = imp_multipart({"csrf": "0" * 64}, "anoniem.csv", b"a,b\n")
    r = s.request("POST", "/monitor/import", body=body,
                  headers={"Content-Type": ct})
    eq(r.status, 401)
    b = Browser(s)
    eq(b.login("t-deelnemer", USER_PW).status, 303)
    r = b.get("/monitor/import")
    eq(r.status, 200)
    expect('name="bestand"' not in r.text, "no upload form for a deelnemer")
    expect("Alleen de beheerder en het secretariaat" in r.text, "says why")
    before = imp_fingerprint(s)
    refused = s.sql("SELECT count(*) FROM audit WHERE action = "
                    "'monitor.importeren' AND result = 'geweigerd'")[0][0]
    r = imp_upload(b, "poging.csv", b"indicator,regio,periode,uitsplitsing,"
                   b"waarde,status\ncbs-investeringen,NL01,2046JJ00,,1,"
                   b"definitief\n")
    eq(r.status, 403)
    eq(imp_fingerprint(s), before)
    eq(s.sql("SELECT count(*) FROM audit WHERE action = "
             "'monitor.importeren' AND result = 'geweigerd'")[0][0],
       refused + 1)
