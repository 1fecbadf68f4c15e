-- Campaigns: a product (its profile) with samples, builds and runs (issue 22). The run folders
-- (messages.ndjson) are the source of truth; these tables index them (sscc campaign import rebuilds).
CREATE TABLE campaign (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  profile_file text NOT NULL,
  profile_sha256 text NOT NULL,
  product jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sample (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  name text NOT NULL,
  serial text,
  atr text,
  reader_tag text,
  notes text,
  -- Simulator only: card-sim defects this sample has (a bad sample of a batch).
  defects jsonb NOT NULL DEFAULT '[]',
  UNIQUE (campaign_id, name)
);

CREATE TABLE build (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  name text NOT NULL,
  seq integer NOT NULL,
  -- Simulator only: card-sim defects of this COS build (a regression to find).
  defects jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, name),
  UNIQUE (campaign_id, seq)
);

CREATE TABLE run (
  id serial PRIMARY KEY,
  -- The run's own id, written into its folders (campaign-run.json): what import matches them by.
  uid text NOT NULL UNIQUE,
  campaign_id integer NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  sample_id integer NOT NULL REFERENCES sample(id) ON DELETE CASCADE,
  build_id integer NOT NULL REFERENCES build(id) ON DELETE CASCADE,
  -- queued, running, done, failed (the tool or the card could not finish it)
  status text NOT NULL DEFAULT 'queued',
  kind text NOT NULL DEFAULT 'full',  -- full, rerun-failed, import
  target text,
  station text,
  operator text,
  plan_sha256 text,
  scenarios integer NOT NULL DEFAULT 0,
  job_id text,
  attempts integer NOT NULL DEFAULT 0,
  -- The plan to run (held for stations, which may not have the profile file).
  plan jsonb,
  summary jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX run_sample ON run (sample_id, build_id);

-- One row per run folder (a run resumed by another station has several: one per attempt).
CREATE TABLE run_folder (
  run_id integer NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  host text NOT NULL,
  dir text NOT NULL,
  PRIMARY KEY (run_id, attempt)
);

-- A case counts once per run: the primary key is what keeps a resumed job from counting it twice.
CREATE TABLE case_result (
  run_id integer NOT NULL REFERENCES run(id) ON DELETE CASCADE,
  case_id text NOT NULL,
  title text NOT NULL,
  area text NOT NULL,
  verdict text NOT NULL,
  reason text NOT NULL DEFAULT '',
  duration_ms double precision NOT NULL DEFAULT 0,
  attempt integer NOT NULL DEFAULT 1,
  finished_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, case_id)
);
CREATE INDEX case_result_case ON case_result (case_id);

CREATE TABLE station (
  name text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  reader text,
  atr text,
  serial text,
  tag text,
  state text NOT NULL DEFAULT 'alive',  -- alive, stopped, dead
  run_id integer,
  job_id text,
  queue text,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
