-- Foundation: tenants, organisation (S1), people, access relations, auth and audit.
-- Rules (docs/adr/0002): every tenant table leads its primary key, unique constraints
-- and foreign keys with municipality_id, and has FORCED row-level security.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tidlig_app') THEN
    CREATE ROLE tidlig_app NOLOGIN;
  END IF;
END
$$;
GRANT tidlig_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO tidlig_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tidlig_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tidlig_app;

-- The tenant registry. Not tenant data: the public log-in page lists it.
CREATE TABLE municipalities (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{3}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE municipality_settings (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id)
);

CREATE TABLE districts (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name)
);

CREATE TABLE institutions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  district_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL,
  external_ref text,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name),
  FOREIGN KEY (municipality_id, district_id) REFERENCES districts (municipality_id, id)
);
CREATE INDEX institutions_district ON institutions (municipality_id, district_id);

-- Groups, classes (stuer, klasser, dagplejegrupper) inside an institution.
CREATE TABLE groups (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  institution_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, institution_id, name),
  FOREIGN KEY (municipality_id, institution_id) REFERENCES institutions (municipality_id, id)
);

CREATE TABLE teams (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('district_team', 'tvaerfagligt_team', 'case_team')),
  district_id uuid,
  institution_id uuid,
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name),
  FOREIGN KEY (municipality_id, district_id) REFERENCES districts (municipality_id, id),
  FOREIGN KEY (municipality_id, institution_id) REFERENCES institutions (municipality_id, id)
);

CREATE TABLE users (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  username text NOT NULL CHECK (username ~ '^[a-z0-9._@-]{2,100}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text,
  profession text NOT NULL,
  password_hash text,
  sso_subject text,
  blocked_at timestamptz,
  deactivated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, username),
  UNIQUE (municipality_id, sso_subject)
);

-- A role held in a unit for a period. Roles and units decide what a user may do and see.
CREATE TABLE memberships (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL,
  unit_kind text NOT NULL CHECK (unit_kind IN ('municipality', 'district', 'institution', 'group', 'team')),
  unit_id uuid NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, user_id) REFERENCES users (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX memberships_user ON memberships (municipality_id, user_id);
CREATE INDEX memberships_unit ON memberships (municipality_id, unit_kind, unit_id);

CREATE TABLE children (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  cpr text NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 200),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
  birth_date date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, cpr)
);
CREATE INDEX children_name ON children (municipality_id, lower(last_name), lower(first_name));

CREATE TABLE custody_holders (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  cpr text NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
  first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 200),
  last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 200),
  phone text,
  email text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, cpr)
);

-- Who is linked to a child, and whether they hold custody (forældremyndighed), over time.
CREATE TABLE child_custody (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  custody_holder_id uuid NOT NULL,
  relation text NOT NULL CHECK (relation IN ('mor', 'far', 'plejeforaelder', 'vaerge', 'anden')),
  has_custody boolean NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, custody_holder_id) REFERENCES custody_holders (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX child_custody_child ON child_custody (municipality_id, child_id);

-- Enrolment history: the child's path dagpleje → børnehave → skole → klub.
-- Append-only but for closing a period (valid_to); a correction is a new row (corrects_id).
CREATE TABLE enrolments (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  group_id uuid,
  valid_from date NOT NULL,
  valid_to date,
  corrects_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id),
  FOREIGN KEY (municipality_id, institution_id) REFERENCES institutions (municipality_id, id),
  FOREIGN KEY (municipality_id, group_id) REFERENCES groups (municipality_id, id),
  FOREIGN KEY (municipality_id, corrects_id) REFERENCES enrolments (municipality_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX enrolments_child ON enrolments (municipality_id, child_id);
CREATE INDEX enrolments_group ON enrolments (municipality_id, group_id) WHERE group_id IS NOT NULL;
CREATE INDEX enrolments_institution ON enrolments (municipality_id, institution_id);

-- Relations that give a user or a team access to a child, added by later modules
-- (case assignment, preventive course, stafetlog participation, team meeting with consent).
CREATE TABLE child_relations (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('user', 'team')),
  subject_id uuid NOT NULL,
  kind text NOT NULL,
  source_id uuid,
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  FOREIGN KEY (municipality_id, child_id) REFERENCES children (municipality_id, id)
);
CREATE INDEX child_relations_subject ON child_relations (municipality_id, subject_kind, subject_id);
CREATE INDEX child_relations_child ON child_relations (municipality_id, child_id);

-- Server-side sessions: the cookie carries only an opaque token; we store its SHA-256.
CREATE TABLE sessions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  token_hash text NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('staff', 'citizen')),
  user_id uuid NOT NULL,
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc', 'saml', 'demo')),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_reason text,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, token_hash)
);
CREATE INDEX sessions_user ON sessions (municipality_id, user_id);

-- Every log-in attempt; three failures within 24 hours block the account (Datatilsynet).
CREATE TABLE login_attempts (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  user_id uuid,
  username text NOT NULL,
  succeeded boolean NOT NULL,
  method text NOT NULL,
  ip text,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX login_attempts_user ON login_attempts (municipality_id, user_id, at);

-- Hash-chained audit trail (docs/adr/0003). The head row serialises the chain per
-- municipality; rows are written in the same transaction as the use they record.
CREATE TABLE audit_heads (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  seq bigint NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (municipality_id)
);

CREATE TABLE audit_events (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  seq bigint NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'system', 'anonymous')),
  actor_user_id uuid,
  actor_name text,
  actor_role text,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id uuid,
  child_id uuid,
  search_term text,
  purpose text,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  details jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (municipality_id, seq),
  UNIQUE (municipality_id, id)
);
CREATE INDEX audit_events_child ON audit_events (municipality_id, child_id, at) WHERE child_id IS NOT NULL;
CREATE INDEX audit_events_actor ON audit_events (municipality_id, actor_user_id, at);
CREATE INDEX audit_events_at ON audit_events (municipality_id, at);

-- Audit rows are never changed or deleted by the application role.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM tidlig_app;

-- CSV import runs: the report is kept so an administrator can read it again.
CREATE TABLE import_runs (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  kind text NOT NULL,
  file_name text,
  status text NOT NULL CHECK (status IN ('running', 'applied', 'rejected', 'validated', 'failed')),
  rows_total integer NOT NULL DEFAULT 0,
  rows_ok integer NOT NULL DEFAULT 0,
  rows_failed integer NOT NULL DEFAULT 0,
  report jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (municipality_id, id)
);

-- The registry is readable (the log-in page lists municipalities) but only the owner
-- (CLI: create-municipality) writes it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON municipalities FROM tidlig_app;

-- Row-level security for every table that carries municipality_id. Later migrations call
-- this again for the tables they add. FORCE makes it apply to the table owner as well.
CREATE FUNCTION tidlig_enable_tenant_rls() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  t record;
  tenant constant text := $q$nullif(current_setting('app.municipality_id', true), '')::uuid$q$;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'municipality_id' AND NOT a.attisdropped
    WHERE c.relkind = 'r'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.relname AND policyname = 'tenant_isolation') THEN
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON %I USING (municipality_id = %s) WITH CHECK (municipality_id = %s)',
        t.relname, tenant, tenant);
    END IF;
  END LOOP;
END
$$;
SELECT tidlig_enable_tenant_rls();
