-- In-app notices (beskeder) to one staff user: reminders from jobs now, more kinds later.
-- A notice names no child and holds no free text: a kind and its parameters (counts, dates,
-- a round's name), rendered in the user's language by the web app, and a link inside Tidlig.
CREATE TABLE notices (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+(\.[a-z_]+)+$'),
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  link text CHECK (link ~ '^/[A-Za-z0-9/_?=&.-]*$'),
  -- the same reminder is delivered once per user, however often the job runs
  dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, user_id, dedupe_key),
  FOREIGN KEY (municipality_id, user_id) REFERENCES users (municipality_id, id)
);
CREATE INDEX notices_user ON notices (municipality_id, user_id, created_at DESC);

-- Only the read mark changes; notices are never deleted by the app (retention does that).
REVOKE DELETE, TRUNCATE ON notices FROM tidlig_app;

SELECT tidlig_enable_tenant_rls();
