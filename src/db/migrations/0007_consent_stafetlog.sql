-- Consent (S14), the stafetlog (S4) and the parents' portal (S15).
-- History is kept: consents, signatures, disclosures, concern levels and log entries are
-- append-only; a withdrawal is recorded once on the consent and never undone.

-- ── consent ────────────────────────────────────────────────────────────────

-- The municipality's rules for consent (one row per municipality; defaults when missing).
CREATE TABLE consent_settings (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- joint custody: 'both' custody holders must give consent, or 'one' is enough for the
  -- purposes named in one_holder_purposes (and both for the rest)
  joint_custody_rule text NOT NULL DEFAULT 'both' CHECK (joint_custody_rule IN ('both', 'one')),
  one_holder_purposes text[] NOT NULL DEFAULT '{}',
  -- young people from this age may give their own consent (NULL: the municipality does not allow it)
  own_consent_age integer CHECK (own_consent_age IS NULL OR own_consent_age BETWEEN 15 AND 17),
  -- reminders to the stafetholder this many days before a consent expires
  expiry_reminder_days integer NOT NULL DEFAULT 14 CHECK (expiry_reminder_days BETWEEN 1 AND 90),
  -- what parents see of professionals in their access extract: name and role, or role only
  portal_shows_staff_names boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (municipality_id)
);

CREATE TABLE consents (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('stafetlog', 'overgang', 'trivselsdeling', 'tvaerfagligt_moede')),
  purpose_text text CHECK (length(purpose_text) <= 2000),
  -- what may be shared: e.g. {stafetlog, trivselsvurderinger, udviklingsbeskrivelse, helbred}
  information_types text[] NOT NULL CHECK (cardinality(information_types) BETWEEN 1 AND 20),
  -- who may receive it: [{ "kind": "user"|"role"|"institution"|"team", "id"?: uuid, "role"?: text, "name": text }]
  recipients jsonb NOT NULL CHECK (jsonb_typeof(recipients) = 'array' AND jsonb_array_length(recipients) BETWEEN 1 AND 50),
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  -- 'digital': given in the portal with MitID; 'paper': a signed form registered by a professional
  form text NOT NULL CHECK (form IN ('digital', 'paper')),
  attestation text CHECK (length(attestation) <= 2000),
  registered_by_kind text NOT NULL CHECK (registered_by_kind IN ('staff', 'citizen')),
  registered_by_id uuid NOT NULL,
  registered_by_name text NOT NULL,
  -- the child's own view (children 10+ are heard, BL §5); a young person's own consent (15+, if allowed)
  child_view text CHECK (length(child_view) <= 4000),
  given_by_child boolean NOT NULL DEFAULT false,
  withdrawn_at timestamptz,
  withdrawn_by_kind text CHECK (withdrawn_by_kind IN ('staff', 'citizen')),
  withdrawn_by_id uuid,
  withdrawn_by_name text,
  withdrawn_reason text CHECK (length(withdrawn_reason) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  CHECK (valid_to >= valid_from),
  CHECK (form <> 'paper' OR attestation IS NOT NULL),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by_kind IS NULL))
);
CREATE INDEX consents_child ON consents (municipality_id, child_id);
CREATE INDEX consents_expiry ON consents (municipality_id, valid_to) WHERE withdrawn_at IS NULL;

-- Each custody holder who gave the consent (joint custody may need both).
CREATE TABLE consent_signatures (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  consent_id uuid NOT NULL,
  custody_holder_id uuid NOT NULL,
  method text NOT NULL CHECK (method IN ('mitid', 'paper', 'demo')),
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, consent_id, custody_holder_id),
  FOREIGN KEY (municipality_id, consent_id) REFERENCES consents (municipality_id, id),
  FOREIGN KEY (municipality_id, custody_holder_id) REFERENCES custody_holders (municipality_id, id)
);

-- Every time a child's data crosses from one party to another: the consent it relied on,
-- or the legal basis when no consent is needed (e.g. BL §133). A disclosure that gave
-- access carries the child_relation it created; ending it (withdrawal) ends the access.
CREATE TABLE disclosures (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('stafetlog_participant', 'stafetlog_relay', 'trivselshistorik', 'flytning')),
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('user', 'team', 'institution', 'municipality')),
  recipient_id uuid,
  recipient_name text NOT NULL,
  consent_id uuid,
  legal_basis text,
  source_id uuid,
  child_relation_id uuid,
  disclosed_by uuid NOT NULL,
  disclosed_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_reason text CHECK (ended_reason IN ('consent_withdrawn', 'consent_expired', 'removed', 'closed')),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, consent_id) REFERENCES consents (municipality_id, id),
  CHECK (consent_id IS NOT NULL OR legal_basis IS NOT NULL)
);
CREATE INDEX disclosures_child ON disclosures (municipality_id, child_id);
CREATE INDEX disclosures_consent ON disclosures (municipality_id, consent_id) WHERE consent_id IS NOT NULL;

-- A relation can now end before its day is over (withdrawal takes effect on the next request).
ALTER TABLE child_relations ADD COLUMN ended_at timestamptz;
ALTER TABLE child_relations ADD COLUMN ended_reason text;

-- ── stafetlog ──────────────────────────────────────────────────────────────

-- The municipality's labels for the 0–3 concern levels (defaults when missing).
CREATE TABLE stafetlog_settings (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  -- exactly four labels, for levels 0, 1, 2 and 3
  concern_labels text[] NOT NULL CHECK (cardinality(concern_labels) = 4),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (municipality_id)
);

CREATE TABLE stafetlogs (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- what the concern is about, in the opener's words
  concern text NOT NULL CHECK (length(concern) BETWEEN 1 AND 4000),
  holder_user_id uuid NOT NULL,
  holder_institution_id uuid,
  opened_by uuid NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_reason text CHECK (length(closed_reason) <= 2000),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, holder_user_id) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, holder_institution_id) REFERENCES institutions (municipality_id, id)
);
-- One open log per child: the log is shared, not duplicated per professional.
CREATE UNIQUE INDEX stafetlogs_one_open ON stafetlogs (municipality_id, child_id) WHERE status = 'open';
CREATE INDEX stafetlogs_holder ON stafetlogs (municipality_id, holder_user_id) WHERE status = 'open';

CREATE TABLE stafetlog_participants (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  user_id uuid NOT NULL,
  part text NOT NULL CHECK (part IN ('stafetholder', 'deltager')),
  -- the access this participation gives (child_relations kind 'stafetlog') and its disclosure
  child_relation_id uuid,
  disclosure_id uuid,
  added_by uuid NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  left_reason text CHECK (left_reason IN ('removed', 'consent_withdrawn', 'consent_expired', 'closed', 'left')),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, user_id) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, disclosure_id) REFERENCES disclosures (municipality_id, id)
);
CREATE INDEX stafetlog_participants_log ON stafetlog_participants (municipality_id, log_id);
CREATE INDEX stafetlog_participants_user ON stafetlog_participants (municipality_id, user_id) WHERE left_at IS NULL;
CREATE UNIQUE INDEX stafetlog_participants_once ON stafetlog_participants (municipality_id, log_id, user_id) WHERE left_at IS NULL;

-- Each participant's (and each custody holder's) own level of concern, 0–3; the latest per
-- author is current; all are kept, so a changed view stays visible.
CREATE TABLE stafetlog_concern_levels (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('staff', 'citizen')),
  author_id uuid NOT NULL,
  author_name text NOT NULL,
  level integer NOT NULL CHECK (level BETWEEN 0 AND 3),
  comment text CHECK (length(comment) <= 2000),
  stated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id)
);
CREATE INDEX stafetlog_concern_levels_log ON stafetlog_concern_levels (municipality_id, log_id, stated_at);

-- The log's text: notes, the child's own words, the parents' own words, evaluations.
-- Append-only; a correction is a new entry pointing at what it corrects.
CREATE TABLE stafetlog_entries (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('note', 'child_words', 'parent_words', 'evaluation')),
  author_kind text NOT NULL CHECK (author_kind IN ('staff', 'citizen')),
  author_id uuid NOT NULL,
  author_name text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
  corrects_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, corrects_id) REFERENCES stafetlog_entries (municipality_id, id)
);
CREATE INDEX stafetlog_entries_log ON stafetlog_entries (municipality_id, log_id, created_at);

CREATE TABLE stafetlog_goals (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  proposed_by_kind text NOT NULL CHECK (proposed_by_kind IN ('staff', 'citizen')),
  proposed_by_id uuid NOT NULL,
  proposed_by_name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'dropped')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id)
);
CREATE INDEX stafetlog_goals_log ON stafetlog_goals (municipality_id, log_id);

CREATE TABLE stafetlog_actions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  goal_id uuid,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  -- the owner is a participant (user) or the family ('family': the parents themselves)
  owner_kind text NOT NULL CHECK (owner_kind IN ('user', 'family')),
  owner_user_id uuid,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  done_at timestamptz,
  created_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, goal_id) REFERENCES stafetlog_goals (municipality_id, id),
  FOREIGN KEY (municipality_id, owner_user_id) REFERENCES users (municipality_id, id),
  CHECK ((owner_kind = 'user') = (owner_user_id IS NOT NULL))
);
CREATE INDEX stafetlog_actions_log ON stafetlog_actions (municipality_id, log_id);
CREATE INDEX stafetlog_actions_due ON stafetlog_actions (municipality_id, due_date) WHERE status = 'open';

-- Evaluations on set dates; held when the summary is written (as an 'evaluation' entry).
CREATE TABLE stafetlog_evaluations (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  due_date date NOT NULL,
  held_at timestamptz,
  entry_id uuid,
  created_by uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, entry_id) REFERENCES stafetlog_entries (municipality_id, id)
);
CREATE INDEX stafetlog_evaluations_due ON stafetlog_evaluations (municipality_id, due_date) WHERE held_at IS NULL;

-- Attached documents, kept in the database (small: at most 5 MB each, checked by the service).
CREATE TABLE stafetlog_documents (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by_kind text NOT NULL CHECK (uploaded_by_kind IN ('staff', 'citizen')),
  uploaded_by_id uuid NOT NULL,
  uploaded_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id)
);
CREATE INDEX stafetlog_documents_log ON stafetlog_documents (municipality_id, log_id);

-- The relay: the stafetholder hands the log to the next professional at a transition.
CREATE TABLE stafetlog_relays (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  log_id uuid NOT NULL,
  from_user_id uuid NOT NULL,
  -- to a named professional, or to an institution whose leader accepts
  to_user_id uuid,
  to_institution_id uuid,
  message text CHECK (length(message) <= 4000),
  consent_id uuid,
  legal_basis text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  answer_note text CHECK (length(answer_note) <= 2000),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, from_user_id) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, to_user_id) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, to_institution_id) REFERENCES institutions (municipality_id, id),
  FOREIGN KEY (municipality_id, consent_id) REFERENCES consents (municipality_id, id),
  CHECK (to_user_id IS NOT NULL OR to_institution_id IS NOT NULL),
  CHECK (consent_id IS NOT NULL OR legal_basis IS NOT NULL)
);
CREATE UNIQUE INDEX stafetlog_relays_one_pending ON stafetlog_relays (municipality_id, log_id) WHERE status = 'pending';
CREATE INDEX stafetlog_relays_to ON stafetlog_relays (municipality_id, to_user_id) WHERE status = 'pending';

-- A move to another municipality: an explicit record of what was sent where, on which basis.
-- The receiving municipality gets its own copy; no row is shared across municipalities.
CREATE TABLE child_transfers (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  log_id uuid,
  to_municipality_code text NOT NULL CHECK (to_municipality_code ~ '^[0-9]{3}$'),
  to_municipality_name text NOT NULL,
  consent_id uuid,
  legal_basis text,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 8000),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, log_id) REFERENCES stafetlogs (municipality_id, id),
  FOREIGN KEY (municipality_id, consent_id) REFERENCES consents (municipality_id, id),
  CHECK (consent_id IS NOT NULL OR legal_basis IS NOT NULL)
);

-- Citizens' sessions point at a custody holder, not a user.
CREATE INDEX child_custody_holder ON child_custody (municipality_id, custody_holder_id);

REVOKE UPDATE, DELETE, TRUNCATE ON consent_signatures, stafetlog_concern_levels, stafetlog_entries, stafetlog_documents FROM tidlig_app;
REVOKE DELETE, TRUNCATE ON consents, disclosures, stafetlogs, stafetlog_participants, stafetlog_goals, stafetlog_actions,
  stafetlog_evaluations, stafetlog_relays, child_transfers FROM tidlig_app;

SELECT tidlig_enable_tenant_rls();
