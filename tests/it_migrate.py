# it_migrate.py - `koers migreer`: a store of schema version 4 (built from
# tests/data/schema_v4.sql, filled with the report's model as a version-4
# koers init left it, plus what a user added: an organisation, a meeting
# with minutes, a public knelpunt, audit entries) is refused by `koers
# serve` with a pointer to migreer, migrated, and then served with the
# user's rows and the monitor catalogue of the newer version; a backup
# stays beside it. A store that cannot be migrated (corrupt, or of a
# future version) is left byte for byte as it was.
# Exec'd by tests/integration.py (uses its globals).

import hashlib
import shutil


def _q(name):
    return '"' + name.replace('"', '""') + '"'


def _old_store(tmp, version, name="oud.db"):
    """A store of an older schema version: the schema from tests/data, the
    rows of a fresh `koers init` for the columns that version had (minus
    the landsdelen the monitor seeds since version 5), as that version's
    init left it."""
    fresh = os.path.join(tmp, "vers.db")
    if not os.path.exists(fresh):
        r = run(["init", "--db", fresh], {"KOERS_ADMIN_PASSWORD": ADMIN_PW})
        assert r.returncode == 0, r.stderr
    path = os.path.join(tmp, name)
    con = sqlite3.connect(path)
    try:
        con.executescript(open(os.path.join(
            ROOT, "tests", "data", "schema_v%d.sql" % version),
            encoding="utf-8").read())
        con.execute("ATTACH ? AS f", (fresh,))
        tables = [r[0] for r in con.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        for t in tables:
            old = [r[1] for r in con.execute(
                "SELECT * FROM pragma_table_info(?, 'main')", (t,))]
            new = set(r[1] for r in con.execute(
                "SELECT * FROM pragma_table_info(?, 'f')", (t,)))
            cols = ",".join(_q(c) for c in old if c in new)
            where = ""
            if t == "region" and version < 5:
                where = " WHERE kind <> 'landsdeel'"
            con.execute("INSERT INTO main.%s(%s) SELECT %s FROM f.%s%s" %
                        (_q(t), cols, cols, _q(t), where))
        con.commit()
        con.execute("DETACH f")
    finally:
        con.close()
    return path


def _user_rows(path):
    """What a user of the old version added; returns the ids."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(
            "INSERT INTO organisation(code, name, type, domain, description) "
            "VALUES ('migratie-bv', 'Migratie Techniek BV', 'bedrijfsleven', "
            "'techniek', 'Door een gebruiker toegevoegd')")
        body = con.execute("SELECT min(id) FROM body").fetchone()[0]
        cur = con.execute(
            "INSERT INTO meeting(uid, body_id, title, starts_at, ends_at, "
            "minutes, minutes_at) VALUES ('mig-1@koers', ?, "
            "'Overleg voor de migratie', '2024-03-05T10:00:00', "
            "'2024-03-05T12:00:00', 'Besloten: de migratie gaat door.', "
            "'2024-03-06T09:00:00Z')", (body,))
        meeting = cur.lastrowid
        region = con.execute(
            "SELECT code FROM region WHERE kind = 'provincie' ORDER BY code "
            "LIMIT 1").fetchone()[0]
        cur = con.execute(
            "INSERT INTO knelpunt(title, description, origin, region_code, "
            "public) VALUES ('Stagevergoeding migratieknelpunt', "
            "'Regels verschillen per sector', 'regeling', ?, 1)", (region,))
        knelpunt = cur.lastrowid
        for action in ("organisatie.aanmaken", "vergadering.aanmaken"):
            con.execute(
                "INSERT INTO audit(actor, actor_role, action, object_type, "
                "object_id, result, origin, detail) VALUES ('beheerder', "
                "'beheerder', ?, 'test', 'mig', 'gelukt', 'cli', "
                "'voor de migratie')", (action,))
        con.commit()
        return meeting, knelpunt
    finally:
        con.close()


def _sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


class _Serve:
    """bin/koers serve on an existing store."""

    def __init__(self, db, tmp):
        self.db = db
        self.port = free_port()
        self.log = open(os.path.join(tmp, "migreer-serve.log"), "w")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", db, "--listen",
             "127.0.0.1:%d" % self.port], env=env(), stdout=self.log,
            stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                if self.get("/healthz").status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("server on the migrated store did not start")

    request = Server.request
    get = Server.get

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()
        return self.proc.returncode


@test
def migreer_brings_a_version_4_store_up_to_date(s):
    tmp = tempfile.mkdtemp(prefix="koers-mig-")
    try:
        db = _old_store(tmp, 4)
        meeting, knelpunt = _user_rows(db)
        audit_before = sqlite3.connect(db).execute(
            "SELECT count(*) FROM audit").fetchone()[0]
        # the current koers refuses the old store and says what to do
        r = run(["serve", "--db", db, "--listen", "127.0.0.1:%d" %
                 free_port()])
        eq(r.returncode, 1, r.stderr)
        expect("koers migreer --db %s" % db in r.stderr, r.stderr)
        r = run(["migreer", "--db", db])
        eq(r.returncode, 0, r.stdout + r.stderr)
        expect("gemigreerd van schemaversie 4 naar 6" in r.stdout, r.stdout)
        expect("organisation" in r.stdout and "audit" in r.stdout, r.stdout)
        expect("monitorcatalogus" in r.stdout, r.stdout)
        eq(sqlite3.connect(db + ".v4.bak").execute(
            "PRAGMA user_version").fetchone()[0], 4, "the backup is v4")
        con = sqlite3.connect(db)
        eq(con.execute("PRAGMA user_version").fetchone()[0], 6)
        # the user's audit entries and one for the migration itself
        eq(con.execute("SELECT count(*) FROM audit").fetchone()[0],
           audit_before + 1)
        eq(con.execute("SELECT count(*) FROM audit WHERE action = "
                       "'store.migreren'").fetchone()[0], 1)
        # the 31 gremia of the report carry the report's date
        eq(con.execute("SELECT count(*), min(registered_at), "
                       "max(registered_at) FROM gremium").fetchone(),
           (31, "2023-10-30T00:00:00Z", "2023-10-30T00:00:00Z"))
        expect(con.execute("SELECT count(*) FROM risk WHERE owner <> ''"
                           ).fetchone()[0] > 0, "risk owners seeded")
        expect(con.execute("SELECT count(*) FROM budget_line").fetchone()[0]
               > 0, "budget seeded")
        con.close()
        srv = _Serve(db, tmp)
        try:
            page = srv.get("/organisaties/migratie-bv")
            eq(page.status, 200, page.text[:300])
            expect("Migratie Techniek BV" in page.text, "organisation page")
            page = srv.get("/vergaderingen/%d" % meeting)
            eq(page.status, 200)
            expect("Overleg voor de migratie" in page.text, "meeting page")
            expect("de migratie gaat door" in page.text, "its minutes")
            page = srv.get("/knelpunten/%d" % knelpunt)
            eq(page.status, 200)
            expect("Stagevergoeding migratieknelpunt" in page.text,
                   "knelpunt page")
            r = srv.get("/api/v1/indicatoren")
            eq(r.status, 200, r.text[:300])
            expect(len(r.json()["_embedded"]["indicatoren"]) > 0,
                   "the monitor catalogue exists")
        finally:
            eq(srv.stop(), 0, "server exit code")
        # a second run has nothing to do and writes no backup
        r = run(["migreer", "--db", db])
        eq(r.returncode, 0, r.stderr)
        expect("niets te doen" in r.stdout, r.stdout)
        expect(not os.path.exists(db + ".v6.bak"), "no backup of a v6 store")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def migreer_brings_a_version_5_store_up_to_date(s):
    tmp = tempfile.mkdtemp(prefix="koers-mig-")
    try:
        db = _old_store(tmp, 5)
        _user_rows(db)
        con = sqlite3.connect(db)
        regions = con.execute("SELECT id, code FROM region ORDER BY id"
                              ).fetchall()
        indicators = con.execute("SELECT count(*) FROM indicator"
                                 ).fetchone()[0]
        con.close()
        r = run(["migreer", "--db", db])
        eq(r.returncode, 0, r.stdout + r.stderr)
        con = sqlite3.connect(db)
        eq(con.execute("SELECT id, code FROM region ORDER BY id").fetchall(),
           regions, "region ids and codes kept (the cube refers to ids)")
        eq(con.execute("SELECT count(*) FROM indicator").fetchone()[0],
           indicators, "the catalogue is copied, not seeded twice")
        eq(con.execute("SELECT count(*) FROM organisation WHERE code = "
                       "'migratie-bv'").fetchone()[0], 1)
        con.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@test
def migreer_leaves_what_it_cannot_migrate_untouched(s):
    tmp = tempfile.mkdtemp(prefix="koers-mig-")
    try:
        # a store of a future version
        future = _old_store(tmp, 5, "toekomst.db")
        con = sqlite3.connect(future)
        con.execute("PRAGMA user_version = 99")
        con.close()
        before = _sha(future)
        r = run(["migreer", "--db", future])
        eq(r.returncode, 1, r.stdout)
        expect("nieuwer" in r.stderr and "niet gewijzigd" in r.stderr,
               r.stderr)
        eq(_sha(future), before, "future store byte-identical")
        expect(not os.path.exists(future + ".v99.bak"), "no backup left")
        # a corrupt file
        bad = os.path.join(tmp, "kapot.db")
        with open(bad, "wb") as f:
            f.write(b"SQLite format 3\x00" + b"\xff" * 4000)
        before = _sha(bad)
        r = run(["migreer", "--db", bad])
        eq(r.returncode, 1, r.stdout)
        expect("koers:" in r.stderr, r.stderr)
        eq(_sha(bad), before, "corrupt file byte-identical")
        eq(sorted(os.listdir(tmp)), sorted(["vers.db", "toekomst.db",
                                            "kapot.db"]),
           "no temporary or backup files left")
        # a store in use (another process holds a write lock) is refused
        db = _old_store(tmp, 4)
        before = _sha(db)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            r = run(["migreer", "--db", db])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        eq(r.returncode, 1, r.stdout)
        expect("in gebruik" in r.stderr, r.stderr)
        eq(_sha(db), before, "locked store byte-identical")
        expect(not os.path.exists(db + ".v4.bak"), "no backup left")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
