-- Koers store schema, version 4. Embedded into the binary at build time.
-- Source columns (src_*) point into the report: section and line range of
-- shared/seed/000_49aec500606ddf38.txt, copied as data/seed/rapport.txt.
PRAGMA user_version = 4;

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
  person_id INTEGER REFERENCES person(id),
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

-- ------------------------------------------------------------------
-- The meeting cycle (issue 3).

-- Rules of the yearly cycle, seeded from data/seed/cyclusregels.json,
-- each with its source in the report; editable by the beheerder. Kinds:
--   min_per_jaar / max_per_jaar  body meets at least / at most n times
--   maanden       body meets in each of `months` ('5,12')
--   voor          each meeting of other_code is preceded by a meeting of
--                 body_code within n days (kerngroep before koersoverleg)
--   na            each meeting of body_code follows a meeting of
--                 other_code within n days (DG-overleg after koersoverleg)
--   spreiding     consecutive meetings of body_code at least n days apart
--   evaluatie     a governance evaluation in year_from and every n years
--   geen_weekend, geen_feestdag  no meetings on weekends / Dutch holidays
--   inzet         commitment signal: over the last n meetings, a negative
--                 trend and an attendance rate below threshold percent
CREATE TABLE cycle_rule (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('min_per_jaar','max_per_jaar','maanden',
    'voor','na','spreiding','evaluatie','geen_weekend','geen_feestdag',
    'inzet')),
  body_code TEXT REFERENCES body(code),
  other_code TEXT REFERENCES body(code),
  n INTEGER,
  months TEXT NOT NULL DEFAULT '',
  year_from INTEGER,
  threshold INTEGER,
  description TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  src_section TEXT, src_from INTEGER, src_to INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- A meeting of a body, or the governance evaluation (kind 'evaluatie',
-- body_id NULL). Times are local wall-clock times in Europe/Amsterdam,
-- 'YYYY-MM-DDTHH:MM'. uid is the stable iCalendar UID; sequence is raised
-- on every reschedule or cancellation (RFC 5545 SEQUENCE).
CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  body_id INTEGER REFERENCES body(id),
  kind TEXT NOT NULL DEFAULT 'overleg' CHECK (kind IN ('overleg','evaluatie')),
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  location TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'gepland'
    CHECK (status IN ('gepland','geannuleerd')),
  sequence INTEGER NOT NULL DEFAULT 0,
  minutes TEXT NOT NULL DEFAULT '',
  minutes_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK (ends_at > starts_at),
  CHECK ((kind = 'overleg') = (body_id IS NOT NULL))
);
CREATE INDEX meeting_start ON meeting(starts_at);
CREATE INDEX meeting_body ON meeting(body_id, starts_at);

-- Who is invited: the body's members at the time the meeting was made,
-- invitees for this agenda only (flexibiliteit), and the secretaris.
-- attendance is recorded afterwards.
CREATE TABLE meeting_invitee (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  organisation_id INTEGER REFERENCES organisation(id),
  person_id INTEGER REFERENCES person(id),
  kind TEXT NOT NULL CHECK (kind IN ('lid','genodigde','agendagenodigde',
                                     'secretaris')),
  seat_id INTEGER REFERENCES seat(id),
  attendance TEXT CHECK (attendance IN ('aanwezig','afwezig','vervangen')),
  replaced_by TEXT,
  CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL)
);
CREATE INDEX meeting_invitee_meeting ON meeting_invitee(meeting_id);
CREATE INDEX meeting_invitee_org ON meeting_invitee(organisation_id);
CREATE INDEX meeting_invitee_recorded ON meeting_invitee(meeting_id)
  WHERE attendance IS NOT NULL;
CREATE UNIQUE INDEX meeting_invitee_unique ON meeting_invitee(
  meeting_id, coalesce(organisation_id, 0), coalesce(person_id, 0));

-- Agenda items; other modules add items through agenda.h with a source.
-- An item proposed for a body with no upcoming meeting waits with
-- meeting_id NULL and is adopted by the body's next meeting when that is
-- created.
CREATE TABLE agenda_item (
  id INTEGER PRIMARY KEY,
  body_id INTEGER REFERENCES body(id),
  meeting_id INTEGER REFERENCES meeting(id),
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('handmatig','kerngroep',
    'koersoverleg','knelpunt','verzoek','consultatie','ser')),
  source_ref TEXT,
  status TEXT NOT NULL DEFAULT 'voorgesteld'
    CHECK (status IN ('voorgesteld','geagendeerd','afgevoerd')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, ord);
CREATE INDEX agenda_item_pending ON agenda_item(body_id)
  WHERE meeting_id IS NULL;
CREATE UNIQUE INDEX agenda_item_source ON agenda_item(meeting_id, source,
  source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  nr INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (meeting_id, nr)
);

CREATE TABLE action_item (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  description TEXT NOT NULL,
  owner_org_id INTEGER REFERENCES organisation(id),
  owner_person_id INTEGER REFERENCES person(id),
  deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open','gereed','vervallen')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX action_item_deadline ON action_item(status, deadline);

-- Secret URLs of personal iCalendar feeds (hashed, revocable).
CREATE TABLE feed_token (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  revoked_at TEXT
);

-- ------------------------------------------------------------------
-- Flows between the tables (issue 4).

-- Regions keyed by CBS codes: NL01, provinces PV20-PV31, the
-- arbeidsmarktregio's AMxx (seeded from data/seed/regios.json).
CREATE TABLE region (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('land','provincie','arbeidsmarktregio',
                                     'landsdeel','gemeente'))
);

-- Knelpunten with a national origin, and the escalation path of the
-- report. The states and the transitions (with the permission action each
-- needs and its source in the report) are data: knelpunt_transition,
-- seeded from data/seed/knelpuntroute.json.
CREATE TABLE knelpunt_transition (
  id INTEGER PRIMARY KEY,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  action TEXT NOT NULL,          -- a perm.c action code
  needs_reason INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER,
  -- 1: only the secretaris (or beheerder) may make it, whatever the
  -- action grants: her mandate to escalate straight to the DG-overleg.
  secretary_only INTEGER NOT NULL DEFAULT 0,
  UNIQUE (from_state, to_state)
);

CREATE TABLE knelpunt (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('wet','regelgeving','beleid',
    'regeling','financiering','uitvoering')),
  region_code TEXT NOT NULL REFERENCES region(code),
  evidence TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'gemeld',
  public INTEGER NOT NULL DEFAULT 0,
  raised_by INTEGER REFERENCES user(id),
  raised_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  state_since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX knelpunt_state ON knelpunt(state, state_since);
CREATE INDEX knelpunt_region ON knelpunt(region_code);

CREATE TABLE knelpunt_pillar (
  knelpunt_id INTEGER NOT NULL REFERENCES knelpunt(id),
  pillar_code TEXT NOT NULL REFERENCES pillar(code),
  PRIMARY KEY (knelpunt_id, pillar_code)
);
CREATE INDEX knelpunt_pillar_code ON knelpunt_pillar(pillar_code, knelpunt_id);

-- Every transition, timestamped and commented: the knelpunt's history.
CREATE TABLE knelpunt_event (
  id INTEGER PRIMARY KEY,
  knelpunt_id INTEGER NOT NULL REFERENCES knelpunt(id),
  from_state TEXT,
  to_state TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  agenda_item_id INTEGER REFERENCES agenda_item(id)
);
CREATE INDEX knelpunt_event_knelpunt ON knelpunt_event(knelpunt_id, id);

-- Regional initiatives (lerende aanpak) and their term vectors for the
-- similarity suggestions (TF-IDF, see initiative.c).
CREATE TABLE initiative (
  id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES region(code),
  pillar_code TEXT REFERENCES pillar(code),
  -- |d|: length of the TF-IDF vector, kept by initiative.c (before the
  -- long texts, so reading it never touches overflow pages)
  norm REAL,
  theme TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  contact TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX initiative_region ON initiative(region_code);
-- the list filters, and (id, norm, region_code) so that a similarity
-- query reads the norm and region of its candidates from a small
-- covering index instead of the rows with their texts (initiative.c)
CREATE INDEX initiative_pillar ON initiative(pillar_code);
CREATE INDEX initiative_theme ON initiative(theme COLLATE NOCASE);
CREATE INDEX initiative_norm ON initiative(id, norm, region_code);

CREATE TABLE initiative_term (
  initiative_id INTEGER NOT NULL REFERENCES initiative(id),
  term TEXT NOT NULL,
  tf INTEGER NOT NULL,
  PRIMARY KEY (term, initiative_id)
) WITHOUT ROWID;

-- The states of the knelpunt route (data/seed/knelpuntroute.json): the
-- table (body) where a knelpunt in that state lies, the pillar a kerngroep
-- state belongs to, end states, and the waiting time in days after which
-- the overdue signal fires (NULL for end states).
CREATE TABLE knelpunt_route_state (
  code TEXT PRIMARY KEY,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  body_code TEXT REFERENCES body(code),
  pillar_code TEXT REFERENCES pillar(code),
  final INTEGER NOT NULL DEFAULT 0,
  overdue_days INTEGER CHECK (overdue_days IS NULL OR overdue_days >= 1),
  description TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

-- The default waiting time of the overdue signal and its explanation
-- (one row, "termijn" in knelpuntroute.json).
CREATE TABLE knelpunt_signal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  days INTEGER NOT NULL CHECK (days >= 1),
  explanation TEXT NOT NULL,
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

-- ------------------------------------------------------------------
-- Goals and actions (issue 4): ambitie -> doel (koersoverleg and
-- boegbeeld) -> doelstelling per pillar (kerngroep, netwerkmanager) ->
-- actie. Progress rolls up (see goal.c).
CREATE TABLE ambition (
  id INTEGER PRIMARY KEY,
  ord INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  src_section TEXT, src_from INTEGER, src_to INTEGER
);

CREATE TABLE goal (
  id INTEGER PRIMARY KEY,
  ambition_id INTEGER NOT NULL REFERENCES ambition(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  meeting_id INTEGER REFERENCES meeting(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- Goals link to monitor indicators (the monitor issue fills them).
CREATE TABLE goal_indicator (
  goal_id INTEGER NOT NULL REFERENCES goal(id),
  indicator_code TEXT NOT NULL REFERENCES indicator_topic(code),
  PRIMARY KEY (goal_id, indicator_code)
);

CREATE TABLE objective (
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES goal(id),
  pillar_code TEXT NOT NULL REFERENCES pillar(code),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX objective_goal ON objective(goal_id);
CREATE INDEX objective_pillar ON objective(pillar_code);

CREATE TABLE goal_action (
  id INTEGER PRIMARY KEY,
  objective_id INTEGER NOT NULL REFERENCES objective(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  means TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  deadline TEXT,
  status TEXT NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland',
    'lopend','afgerond','gestopt')),
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  domain TEXT NOT NULL DEFAULT 'beide' CHECK (domain IN ('techniek','ict',
    'beide')),
  meeting_id INTEGER REFERENCES meeting(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX goal_action_objective ON goal_action(objective_id);
CREATE INDEX goal_action_deadline ON goal_action(status, deadline);
-- Covers the roll-up of progress and signals per objective (goal.c), so
-- it reads this index in objective order instead of the table.
CREATE INDEX goal_action_rollup ON goal_action(objective_id, status,
  deadline, progress);

CREATE TABLE goal_action_owner (
  action_id INTEGER NOT NULL REFERENCES goal_action(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (action_id, organisation_id)
);
CREATE INDEX goal_action_owner_org ON goal_action_owner(organisation_id);

-- ------------------------------------------------------------------
-- Verzoeken, consultations, SER requests (issue 4).
CREATE TABLE verzoek (
  id INTEGER PRIMARY KEY,
  from_body_code TEXT NOT NULL DEFAULT 'koersoverleg' REFERENCES body(code),
  meeting_id INTEGER REFERENCES meeting(id),
  to_body_code TEXT REFERENCES body(code),
  to_org_id INTEGER REFERENCES organisation(id),
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  deadline TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','beantwoord',
    'ingetrokken')),
  answer TEXT NOT NULL DEFAULT '',
  answered_at TEXT,
  answered_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  CHECK (to_body_code IS NOT NULL OR to_org_id IS NOT NULL)
);
CREATE INDEX verzoek_status ON verzoek(status, deadline);

CREATE TABLE consultation (
  id INTEGER PRIMARY KEY,
  body_code TEXT NOT NULL REFERENCES body(code),
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','gesloten')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE consultation_answer (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultation(id),
  region_code TEXT NOT NULL REFERENCES region(code),
  text TEXT NOT NULL,
  answered_by TEXT NOT NULL,
  answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (consultation_id, region_code)
);

CREATE TABLE ser_request (
  id INTEGER PRIMARY KEY,
  body_code TEXT NOT NULL REFERENCES body(code),
  question TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'voorbereid' CHECK (status IN ('voorbereid',
    'gesteld','in-behandeling','advies-ontvangen','ingetrokken')),
  advice TEXT NOT NULL DEFAULT '',
  asked_at TEXT,
  advice_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
