-- The samarbejdsguide and the handleguide (S3, issue 4 items 6–7). Entries and guides are
-- small mutable heads (slug, public flag, archive, version for If-Match); their content lives
-- in immutable, numbered versions, so history is kept and a restore is a new version.
-- Keys led by municipality_id; RLS at the end.

-- An entry of the samarbejdsguide: a collaboration room, a professional group, a guideline or a
-- meeting tool. The slug is its address (/guide/<slug>) and never changes.
CREATE TABLE guide_entries (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  slug text NOT NULL CHECK (length(slug) BETWEEN 2 AND 80 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind text NOT NULL CHECK (kind IN ('samarbejdsrum', 'faggruppe', 'retningslinje', 'moedevaerktoej')),
  is_public boolean NOT NULL DEFAULT false,
  -- the number of the content version shown now
  current_number integer NOT NULL DEFAULT 1 CHECK (current_number >= 1),
  archived_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, slug)
);
CREATE INDEX guide_entries_kind ON guide_entries (municipality_id, kind) WHERE archived_at IS NULL;

-- Content versions: never changed or deleted. `search` is the Danish text-search document of
-- the version (title weighs most, then the summary, then body and fields).
CREATE TABLE guide_entry_versions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  entry_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary text NOT NULL CHECK (length(summary) <= 600),
  body text NOT NULL CHECK (length(body) <= 20000),
  fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(fields) = 'object'),
  edited_by uuid,
  edited_at timestamptz NOT NULL,
  change_note text NOT NULL CHECK (length(change_note) BETWEEN 1 AND 300),
  restored_from integer,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish', title), 'A') ||
    setweight(to_tsvector('danish', summary), 'B') ||
    setweight(to_tsvector('danish', body), 'C') ||
    setweight(jsonb_to_tsvector('danish', fields, '["string"]'), 'C')
  ) STORED,
  PRIMARY KEY (municipality_id, entry_id, number),
  FOREIGN KEY (municipality_id, entry_id) REFERENCES guide_entries (municipality_id, id),
  FOREIGN KEY (municipality_id, edited_by) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, entry_id, restored_from) REFERENCES guide_entry_versions (municipality_id, entry_id, number),
  CHECK (restored_from IS NULL OR restored_from < number)
);
CREATE INDEX guide_entry_versions_search ON guide_entry_versions USING gin (search);

-- The handleguide for one position of a scale: keyed on (scale, ordinal), so a new version of
-- the scale keeps its guides.
CREATE TABLE guide_handleguides (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  id uuid NOT NULL,
  scale_id uuid NOT NULL,
  ordinal integer NOT NULL CHECK (ordinal BETWEEN 1 AND 10),
  current_number integer NOT NULL DEFAULT 1 CHECK (current_number >= 1),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, scale_id, ordinal),
  FOREIGN KEY (municipality_id, scale_id) REFERENCES screening_scales (municipality_id, id)
);

CREATE TABLE guide_handleguide_versions (
  municipality_id uuid NOT NULL REFERENCES municipalities (id),
  handleguide_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  what_to_do text NOT NULL CHECK (length(what_to_do) <= 4000),
  steps text[] NOT NULL DEFAULT '{}' CHECK (cardinality(steps) <= 15),
  -- samarbejdsguide entries to link to (checked against guide_entries when written)
  entry_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(entry_ids) <= 12),
  -- registered next steps to offer (src/modules/guide/next-steps.ts), in the chosen order
  next_step_ids text[] NOT NULL DEFAULT '{}' CHECK (cardinality(next_step_ids) <= 12),
  edited_by uuid,
  edited_at timestamptz NOT NULL,
  change_note text NOT NULL CHECK (length(change_note) BETWEEN 1 AND 300),
  restored_from integer,
  PRIMARY KEY (municipality_id, handleguide_id, number),
  FOREIGN KEY (municipality_id, handleguide_id) REFERENCES guide_handleguides (municipality_id, id),
  FOREIGN KEY (municipality_id, edited_by) REFERENCES users (municipality_id, id),
  FOREIGN KEY (municipality_id, handleguide_id, restored_from) REFERENCES guide_handleguide_versions (municipality_id, handleguide_id, number),
  CHECK (restored_from IS NULL OR restored_from < number)
);

-- Versions are history: the application only adds them. Entries and guides are archived, not deleted.
REVOKE UPDATE, DELETE, TRUNCATE ON guide_entry_versions, guide_handleguide_versions FROM tidlig_app;
REVOKE DELETE, TRUNCATE ON guide_entries, guide_handleguides FROM tidlig_app;

SELECT tidlig_enable_tenant_rls();
