-- Systematic well-being screening (S2, issue 4): scales with versions and positions, rounds
-- per institution type with an open/close window, and append-only ratings by one or more
-- raters with an agreed joint position. Keys led by municipality_id; RLS at the end.

-- A municipality's scale (grøn/gul/rød by default, or Børnelinealen, or its own).
CREATE TABLE screening_scales (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  template text CHECK (template IN ('trafiklys', 'boernelinealen')),
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name)
);

-- A version of a scale is immutable: a change is a new version, so a rating keeps the meaning
-- of the position it was given on.
CREATE TABLE screening_scale_versions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  scale_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, scale_id, number),
  FOREIGN KEY (municipality_id, scale_id) REFERENCES screening_scales (municipality_id, id)
);

-- Ordinal 1 is full well-being; a higher ordinal is more concern.
CREATE TABLE screening_positions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  scale_version_id uuid NOT NULL,
  ordinal integer NOT NULL CHECK (ordinal BETWEEN 1 AND 10),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  colour text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  meaning text NOT NULL CHECK (length(meaning) <= 500),
  is_concern boolean NOT NULL,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, scale_version_id, ordinal),
  UNIQUE (municipality_id, scale_version_id, label),
  -- target of the ratings' (version, position) key: a rating's position belongs to its round's version
  UNIQUE (municipality_id, scale_version_id, id),
  FOREIGN KEY (municipality_id, scale_version_id) REFERENCES screening_scale_versions (municipality_id, id)
);

-- A round: some institution types, one scale version, a window of Copenhagen days (inclusive).
CREATE TABLE screening_rounds (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  institution_types text[] NOT NULL CHECK (cardinality(institution_types) >= 1),
  scale_version_id uuid NOT NULL,
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  joint_rating_required boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name),
  UNIQUE (municipality_id, id, scale_version_id),
  FOREIGN KEY (municipality_id, scale_version_id) REFERENCES screening_scale_versions (municipality_id, id),
  CHECK (closes_on >= opens_on)
);
CREATE INDEX screening_rounds_window ON screening_rounds (municipality_id, closes_on, opens_on);

-- Ratings are append-only (no UPDATE/DELETE for the app): a correction is a new row whose
-- corrects_id names the row it replaces, for the same round, child and kind. Each row is
-- corrected at most once, so every chain is linear and has exactly one current row.
CREATE TABLE screening_ratings (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  round_id uuid NOT NULL,
  scale_version_id uuid NOT NULL,
  child_id uuid NOT NULL,
  group_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  rater_user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('individual', 'joint')),
  position_id uuid,
  not_assessed_reason text CHECK (length(not_assessed_reason) BETWEEN 1 AND 300),
  note text CHECK (length(note) BETWEEN 1 AND 500),
  corrects_id uuid,
  late boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, id, round_id, child_id, kind),
  UNIQUE (municipality_id, corrects_id),
  FOREIGN KEY (municipality_id, round_id, scale_version_id) REFERENCES screening_rounds (municipality_id, id, scale_version_id),
  FOREIGN KEY (municipality_id, scale_version_id, position_id) REFERENCES screening_positions (municipality_id, scale_version_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, group_id) REFERENCES groups (municipality_id, id),
  FOREIGN KEY (municipality_id, institution_id) REFERENCES institutions (municipality_id, id),
  FOREIGN KEY (municipality_id, rater_user_id) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, corrects_id, round_id, child_id, kind)
    REFERENCES screening_ratings (municipality_id, id, round_id, child_id, kind),
  -- a position, or not assessed with a reason; a joint position is always a position
  CHECK ((position_id IS NULL) <> (not_assessed_reason IS NULL)),
  CHECK (kind = 'individual' OR position_id IS NOT NULL)
);
-- One chain per rater, child and round (a second first rating is a duplicate); one joint chain per child and round.
CREATE UNIQUE INDEX screening_ratings_one_individual ON screening_ratings (municipality_id, round_id, child_id, rater_user_id)
  WHERE kind = 'individual' AND corrects_id IS NULL;
CREATE UNIQUE INDEX screening_ratings_one_joint ON screening_ratings (municipality_id, round_id, child_id)
  WHERE kind = 'joint' AND corrects_id IS NULL;
-- A group's ratings in a round (the fast-entry screen, progress) and a child's history.
CREATE INDEX screening_ratings_group ON screening_ratings (municipality_id, round_id, group_id);
CREATE INDEX screening_ratings_child ON screening_ratings (municipality_id, child_id, created_at);

REVOKE UPDATE, DELETE, TRUNCATE ON screening_ratings FROM tidlig_app;

SELECT tidlig_enable_tenant_rls();
