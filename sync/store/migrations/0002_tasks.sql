-- Tasks extracted from directives. task_key is the portal register's maNhiemVu: stable
-- across re-extraction of a new version so unchanged tasks keep their identity.
CREATE TABLE tasks (
    id                 bigserial PRIMARY KEY,
    task_key           text        NOT NULL UNIQUE,
    document_id        bigint      NOT NULL REFERENCES documents (id),
    ordinal            int         NOT NULL DEFAULT 0,
    content            text        NOT NULL,
    deadline_text      text        NOT NULL DEFAULT '',
    deadline_nominal   date,
    deadline_effective date,
    deadline_time      time,
    recurrence         text        NOT NULL DEFAULT '' CHECK (recurrence IN ('', 'monthly', 'quarterly', 'half_yearly', 'yearly')),
    period             text        NOT NULL DEFAULT '', -- the occurrence of a recurring task: 2026-03, 2026-Q1 ...
    due_at             timestamptz, -- the deadline in force, extensions included
    must_report        boolean     NOT NULL DEFAULT true,
    flags              text[]      NOT NULL DEFAULT '{}',
    state              text        NOT NULL DEFAULT 'assigned' CHECK (state IN
                         ('assigned', 'in_progress', 'urged', 'reported', 'approved', 'rejected', 'returned', 'cancelled')),
    acknowledged_at    timestamptz,
    reported_at        timestamptz,
    decided_at         timestamptz,
    extensions         int         NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    closed_at          timestamptz
);
CREATE INDEX tasks_document ON tasks (document_id);
CREATE INDEX tasks_state_due ON tasks (state, due_at);

CREATE TABLE task_units (
    task_id   bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    role      text   NOT NULL CHECK (role IN ('lead', 'coordinating')),
    position  int    NOT NULL,
    unit_code text   NOT NULL DEFAULT '', -- '' when the directory does not know the unit
    unit_name text   NOT NULL,
    PRIMARY KEY (task_id, role, position)
);
CREATE INDEX task_units_code ON task_units (unit_code, role);

-- The append-only history of every task. event_key is deterministic, so applying the
-- same event twice is a no-op (architecture invariant 2).
CREATE TABLE task_events (
    id          bigserial   PRIMARY KEY,
    task_id     bigint      NOT NULL REFERENCES tasks (id),
    event_key   text        NOT NULL UNIQUE,
    kind        text        NOT NULL,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL DEFAULT '',
    note        text        NOT NULL DEFAULT '',
    from_state  text        NOT NULL DEFAULT '',
    to_state    text        NOT NULL DEFAULT '',
    payload     jsonb       NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_events_task ON task_events (task_id, at);

CREATE FUNCTION task_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'task_events is append-only';
END $$;
CREATE TRIGGER task_events_no_update BEFORE UPDATE OR DELETE ON task_events
    FOR EACH ROW EXECUTE FUNCTION task_events_append_only();

-- Which incoming report answers which task, and how sure the match is.
CREATE TABLE report_links (
    report_document_id bigint NOT NULL REFERENCES documents (id),
    task_id            bigint REFERENCES tasks (id),
    method             text   NOT NULL CHECK (method IN ('linked', 'reference', 'sender', 'ambiguous', 'unmatched')),
    note               text   NOT NULL DEFAULT '',
    linked_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_links_unique ON report_links (report_document_id, coalesce(task_id, 0));
