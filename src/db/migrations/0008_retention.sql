-- Retention (docs/adr/0006): deletion and anonymisation per the municipality's settings
-- (municipality_settings.settings.retention, versioned by municipality_settings.version).
-- The application role keeps history append-only; only the retention role may delete it,
-- and audit rows only through one function that cuts the oldest part of the hash chain and
-- moves its anchor in the same statement.

-- Each run: when, for which day, with which settings, and how many records of each kind.
CREATE TABLE retention_runs (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('job', 'manual')),
  triggered_by uuid,
  as_of date NOT NULL,
  settings jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  screening_ratings integer NOT NULL CHECK (screening_ratings >= 0),
  stafetlogs integer NOT NULL CHECK (stafetlogs >= 0),
  consents integer NOT NULL CHECK (consents >= 0),
  children_anonymised integer NOT NULL CHECK (children_anonymised >= 0),
  custody_holders_deleted integer NOT NULL CHECK (custody_holders_deleted >= 0),
  audit_events integer NOT NULL CHECK (audit_events >= 0),
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX retention_runs_latest ON retention_runs (municipality_id, started_at DESC);

-- Key figures that survive deleted ratings: per round × institution × group × position, a
-- count (no child ids). position_id NULL counts "not assessed"; `current` tells the ratings in
-- force from those corrected later, so figures match the overviews' "current rating".
CREATE TABLE screening_round_statistics (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  run_id uuid NOT NULL,
  round_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  group_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('individual', 'joint')),
  position_id uuid,
  current boolean NOT NULL,
  ratings integer NOT NULL CHECK (ratings > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  -- deferred: the run row is written when the run's figures are final, at its end
  FOREIGN KEY (municipality_id, run_id) REFERENCES retention_runs (municipality_id, id) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (municipality_id, round_id) REFERENCES screening_rounds (municipality_id, id),
  FOREIGN KEY (municipality_id, institution_id) REFERENCES institutions (municipality_id, id),
  FOREIGN KEY (municipality_id, group_id) REFERENCES groups (municipality_id, id),
  FOREIGN KEY (municipality_id, position_id) REFERENCES screening_positions (municipality_id, id)
);
CREATE INDEX screening_round_statistics_round ON screening_round_statistics (municipality_id, round_id);

-- Which children were anonymised, and the number of their CPR stand-in (unique per municipality).
CREATE TABLE anonymised_children (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  child_id uuid NOT NULL,
  run_id uuid NOT NULL,
  placeholder_no integer NOT NULL CHECK (placeholder_no BETWEEN 1 AND 99999999),
  anonymised_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, child_id),
  UNIQUE (municipality_id, placeholder_no),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, run_id) REFERENCES retention_runs (municipality_id, id) DEFERRABLE INITIALLY DEFERRED
);

-- Where the audit chain starts after its oldest rows were deleted: the seq and hash of the
-- last deleted row. Verification starts from here instead of the genesis hash.
CREATE TABLE audit_anchors (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  seq bigint NOT NULL CHECK (seq >= 1),
  hash text NOT NULL,
  cutoff_day date NOT NULL,
  cut_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id)
);

-- Runs and figures are history; the anchor is written only by the cut function below.
REVOKE UPDATE, DELETE, TRUNCATE ON retention_runs, screening_round_statistics, anonymised_children FROM tidlig_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_anchors FROM tidlig_app;

SELECT tidlig_enable_tenant_rls();

-- The retention role: the application's rights plus deleting the history the application may
-- not delete. Row-level security applies to it like to tidlig_app (it is neither owner nor
-- superuser). The job switches to it with SET LOCAL ROLE for the deletions only.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tidlig_retention') THEN
    CREATE ROLE tidlig_retention NOLOGIN;
  END IF;
END
$$;
GRANT tidlig_app TO tidlig_retention;
GRANT tidlig_retention TO CURRENT_USER;
GRANT DELETE ON screening_ratings, consent_signatures, consents, disclosures, stafetlogs, stafetlog_participants,
  stafetlog_concern_levels, stafetlog_entries, stafetlog_goals, stafetlog_actions, stafetlog_evaluations,
  stafetlog_documents, stafetlog_relays, child_transfers TO tidlig_retention;
-- An anonymised child's kept ratings lose their free-text note.
GRANT UPDATE (note) ON screening_ratings TO tidlig_retention;

-- Cut the municipality's audit chain before the start of cutoff_day (Copenhagen) and move the
-- anchor, in one statement. Only a prefix of the chain can go (seq order, up to the first row
-- written on or after the cutoff), so what stays verifies from the anchor. Never rows younger
-- than 2 years, whatever the caller asks (the floor of auditYears). Acts only on the
-- municipality the transaction is scoped to.
CREATE FUNCTION tidlig_retention_cut_audit(cutoff_day date) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m uuid := nullif(current_setting('app.municipality_id', true), '')::uuid;
  cutoff timestamptz := (cutoff_day::timestamp AT TIME ZONE 'Europe/Copenhagen');
  from_seq bigint;
  first_kept bigint;
  last_hash text;
  n bigint;
BEGIN
  IF m IS NULL THEN
    RAISE EXCEPTION 'retention: no municipality in scope';
  END IF;
  -- (a day's grace for clocks that disagree around midnight)
  IF cutoff > now() - interval '2 years' + interval '1 day' THEN
    RAISE EXCEPTION 'retention: audit cutoff % is less than 2 years ago', cutoff_day;
  END IF;
  SELECT a.seq INTO from_seq FROM audit_anchors a WHERE a.municipality_id = m;
  from_seq := coalesce(from_seq, 0);
  SELECT e.seq INTO first_kept FROM audit_events e
    WHERE e.municipality_id = m AND e.seq > from_seq AND e.at >= cutoff ORDER BY e.seq LIMIT 1;
  IF first_kept IS NULL THEN
    SELECT h.seq + 1 INTO first_kept FROM audit_heads h WHERE h.municipality_id = m;
  END IF;
  IF first_kept IS NULL OR first_kept - 1 <= from_seq THEN
    RETURN 0;
  END IF;
  SELECT e.hash INTO last_hash FROM audit_events e WHERE e.municipality_id = m AND e.seq = first_kept - 1;
  IF last_hash IS NULL THEN
    RAISE EXCEPTION 'retention: audit row % is missing; verify the chain before cutting it', first_kept - 1;
  END IF;
  WITH gone AS (
    DELETE FROM audit_events e WHERE e.municipality_id = m AND e.seq > from_seq AND e.seq < first_kept RETURNING 1
  ), anchor AS (
    INSERT INTO audit_anchors (municipality_id, seq, hash, cutoff_day, cut_at)
    VALUES (m, first_kept - 1, last_hash, cutoff_day, now())
    ON CONFLICT (municipality_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, cutoff_day = EXCLUDED.cutoff_day, cut_at = EXCLUDED.cut_at
    RETURNING 1
  )
  SELECT count(*) INTO n FROM gone, (SELECT 1 FROM anchor) x;
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION tidlig_retention_cut_audit(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tidlig_retention_cut_audit(date) TO tidlig_retention;
