/**
 * The store's schema as versioned migrations: STRICT tables, a comment per column, check
 * constraints. Keys are finding ids and secret keys; findings hold redacted JSON only, never a
 * secret (DECISIONS.md 14). Migration N is applied once, inside a transaction, and recorded in
 * `user_version`, so a store written by an older residue is upgraded in place.
 */

/** Migration scripts; index + 1 is the schema version they produce. */
export const MIGRATIONS: readonly string[] = [
  `
create table runs (
  id         integer primary key,  -- run id, increasing
  started_at text not null,        -- ISO time the run started
  ended_at   text,                 -- ISO time it ended; null while running or when it was killed
  status     text not null default 'running'
             check (status in ('running', 'done', 'partial', 'failed')),
  config     text                  -- the sweep config file, for people reading the store
) strict;

create table run_targets (
  run_id     integer not null references runs(id),
  target     text not null,        -- the target as written in the config
  status     text not null check (status in ('running', 'done', 'partial', 'failed')),
  items      integer not null default 0 check (items >= 0),    -- items read
  bytes      integer not null default 0 check (bytes >= 0),    -- bytes read
  skipped    integer not null default 0 check (skipped >= 0),  -- binary, LFS pointers, ...
  findings   integer not null default 0 check (findings >= 0), -- copies seen this run
  errors     integer not null default 0 check (errors >= 0),   -- unreadable items
  started_at text not null,
  ended_at   text,                 -- null while running or when the run was killed
  primary key (run_id, target)
) strict;

create table run_errors (
  run_id integer not null references runs(id),
  target text not null,            -- the target whose source reported it
  item   text not null,            -- what could not be read
  reason text not null             -- why (never holds a secret)
) strict;

create table findings (
  id         text primary key,     -- stable finding id: same copy, same id on every run
  secret_key text not null,        -- groups copies of one secret (manifest id or keyed fingerprint)
  target     text not null,        -- the config target that last saw it
  container  text not null,        -- containerKey(provenance): file, blob, message, issue field
  source     text not null,        -- fs | git | logs | har | slack | ...
  system     text not null,        -- where it lives for people: "repository x", "Slack channel #y"
  json       text not null check (json_valid(json)), -- findingJson(f, true): redacted only
  first_run  integer not null references runs(id),
  first_seen text not null,        -- ISO time of the first sighting
  last_run   integer not null references runs(id),
  last_seen  text not null,        -- ISO time of the latest sighting
  gone_run   integer references runs(id), -- the run that found it gone, null while it survives
  state      text not null check (state in ('new', 'surviving', 'gone')),
  triage     text not null default 'open'
             check (triage in ('open', 'accepted', 'false-positive', 'purged'))
) strict;
create index findings_by_target on findings(target, state);
create index findings_by_secret on findings(secret_key);

create table sightings (
  run_id     integer not null references runs(id),
  finding_id text not null references findings(id),
  state      text not null check (state in ('new', 'surviving', 'gone')), -- state in that run
  seen_at    text not null,        -- ISO time of the sighting (or of the gone verdict)
  primary key (run_id, finding_id)
) strict, without rowid;
create index sightings_by_finding on sightings(finding_id, run_id);

create table secrets (
  id         text primary key,     -- manifest entry id
  label      text,                 -- the entry's label, for people (never derived from the value)
  tier       text check (tier is null or tier in ('low', 'standard', 'privileged')),
  run_id     integer not null references runs(id) -- the latest run whose manifests listed it
) strict;

create table cursors (
  target     text primary key,     -- the config target
  value      text not null,        -- the position the source reached (Slack ts, Jira time, commit)
  run_id     integer not null references runs(id),
  updated_at text not null
) strict;
`,
];
