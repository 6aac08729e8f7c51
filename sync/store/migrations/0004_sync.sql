-- Per-stream cursors, fenced by the term of the lease that wrote them: a paused, stale
-- holder with an older term cannot move a cursor (architecture invariant 6).
CREATE TABLE leases (
    stream     text        PRIMARY KEY,
    holder     text        NOT NULL,
    term       bigint      NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE TABLE cursors (
    stream     text        PRIMARY KEY,
    position   text        NOT NULL,
    term       bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per cycle per stream, so provincial IT can see what happened.
CREATE TABLE sync_runs (
    id            bigserial   PRIMARY KEY,
    stream        text        NOT NULL,
    holder        text        NOT NULL DEFAULT '',
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    outcome       text        NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'ok', 'partial', 'failed')),
    fetched       int         NOT NULL DEFAULT 0,
    new_docs      int         NOT NULL DEFAULT 0,
    changed_docs  int         NOT NULL DEFAULT 0,
    skipped_secret int        NOT NULL DEFAULT 0,
    refused       int         NOT NULL DEFAULT 0,
    tasks_created int         NOT NULL DEFAULT 0,
    tasks_closed  int         NOT NULL DEFAULT 0,
    pushed        int         NOT NULL DEFAULT 0,
    push_failed   int         NOT NULL DEFAULT 0,
    errors        int         NOT NULL DEFAULT 0,
    last_error    text        NOT NULL DEFAULT ''
);
CREATE INDEX sync_runs_stream_started ON sync_runs (stream, started_at DESC);
