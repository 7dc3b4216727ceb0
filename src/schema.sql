-- Koers store schema, version 1. Embedded into the binary at build time.
-- Source columns (src_*) point into the report: section and line range of
-- shared/seed/000_49aec500606ddf38.txt, copied as data/seed/rapport.txt.
PRAGMA user_version = 1;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE report_line (
  nr INTEGER PRIMARY KEY,
  text TEXT NOT NULL
);

CREATE TABLE pillar (
  code TEXT PRIMARY KEY, nr INTEGER NOT NULL UNIQUE, name TEXT NOT NULL,
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE level (
  code TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE organisation (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  abbrev TEXT,
  type TEXT NOT NULL CHECK (type IN ('overheid','onderwijs','bedrijfsleven',
                                     'vakbond','regio','ondersteuning')),
  domain TEXT NOT NULL CHECK (domain IN ('techniek','ict','beide')),
  parent_id INTEGER REFERENCES organisation(id),
  description TEXT NOT NULL DEFAULT '',
  src_section TEXT, src_from INTEGER, src_to INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE role (
  code TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE role_duty (
  id INTEGER PRIMARY KEY,
  role_code TEXT NOT NULL REFERENCES role(code),
  kind TEXT NOT NULL CHECK (kind IN ('verantwoordelijkheid','kerntaak')),
  ord INTEGER NOT NULL, text TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE body (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  level_code TEXT NOT NULL REFERENCES level(code),
  pillar_code TEXT REFERENCES pillar(code),
  public INTEGER NOT NULL DEFAULT 1,
  role_text TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER,
  chair_text TEXT NOT NULL,
  chair_role TEXT REFERENCES role(code),
  chair_org_id INTEGER REFERENCES organisation(id),
  chair_src_section TEXT, chair_src_from INTEGER, chair_src_to INTEGER,
  freq_text TEXT NOT NULL,
  freq_min INTEGER, freq_max INTEGER,
  freq_months TEXT NOT NULL DEFAULT '',
  freq_after TEXT, freq_before TEXT,
  freq_on_request INTEGER NOT NULL DEFAULT 0,
  freq_src_section TEXT, freq_src_from INTEGER, freq_src_to INTEGER,
  comp_text TEXT NOT NULL,
  comp_exhaustive INTEGER NOT NULL DEFAULT 0,
  comp_flexible INTEGER NOT NULL DEFAULT 0,
  comp_flex_text TEXT,
  comp_src_section TEXT, comp_src_from INTEGER, comp_src_to INTEGER,
  flex_src_section TEXT, flex_src_from INTEGER, flex_src_to INTEGER
);

CREATE TABLE body_duty (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id),
  ord INTEGER NOT NULL, text TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE body_presence (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id),
  role_code TEXT REFERENCES role(code),
  text TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

-- A seat category of a body's composition rule. An organisation fits when
-- every non-NULL criterion matches (see membership.c).
CREATE TABLE seat (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id),
  ord INTEGER NOT NULL,
  code TEXT NOT NULL,
  description TEXT NOT NULL,
  org_code TEXT,
  org_type TEXT,
  parent_code TEXT,
  min_count INTEGER NOT NULL DEFAULT 0,
  max_count INTEGER,
  UNIQUE (body_id, code)
);

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  organisation_id INTEGER REFERENCES organisation(id),
  function TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE membership (
  id INTEGER PRIMARY KEY,
  body_id INTEGER NOT NULL REFERENCES body(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  person_id INTEGER REFERENCES person(id),
  seat_id INTEGER REFERENCES seat(id),
  kind TEXT NOT NULL CHECK (kind IN ('lid','genodigde')),
  function TEXT NOT NULL DEFAULT '',
  since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d','now')),
  until TEXT,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);
CREATE INDEX membership_body ON membership(body_id);
CREATE INDEX membership_org ON membership(organisation_id);

CREATE TABLE gremium (
  nr INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('overlappend','specifieker',
                                             'breder','niet specifiek')),
  note TEXT,
  grp TEXT CHECK (grp IN ('actieplan','breder','specifieker')),
  src_section TEXT, src_from INTEGER, src_to INTEGER,
  grp_src_section TEXT, grp_src_from INTEGER, grp_src_to INTEGER
);

CREATE TABLE gremium_pillar (
  gremium_nr INTEGER NOT NULL REFERENCES gremium(nr),
  pillar_code TEXT NOT NULL REFERENCES pillar(code),
  relation TEXT NOT NULL,
  PRIMARY KEY (gremium_nr, pillar_code)
);

CREATE TABLE risk (
  nr INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE risk_measure (
  id INTEGER PRIMARY KEY,
  risk_nr INTEGER NOT NULL REFERENCES risk(nr),
  ord INTEGER NOT NULL, text TEXT NOT NULL
);

CREATE TABLE plan_step (
  nr INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE plan_substep (
  code TEXT PRIMARY KEY,
  step_nr INTEGER NOT NULL REFERENCES plan_step(nr),
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  responsible TEXT NOT NULL,
  roles TEXT NOT NULL DEFAULT '',
  planned_start TEXT, planned_end TEXT,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE indicator_topic (
  code TEXT PRIMARY KEY,
  pillar_code TEXT NOT NULL REFERENCES pillar(code),
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  domain TEXT NOT NULL CHECK (domain IN ('techniek','ict','beide')),
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

-- Accounts. Roles are the permission roles of perm.c, not report roles.
CREATE TABLE user (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  pw_hash TEXT,
  role TEXT NOT NULL,
  scope TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE session (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id),
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id),
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  revoked_at TEXT
);

CREATE TABLE login_failure (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX login_failure_key ON login_failure(key, at);

-- Append-only audit trail (BIO logging: who, when, what, object, result,
-- origin). Triggers refuse every UPDATE and DELETE.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('gelukt','geweigerd','mislukt')),
  origin TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
-- REPLACE would delete the old row without firing the delete trigger
-- (unless recursive_triggers is on), so refuse reusing an id outright.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
