-- Reminders queued for a task (portal-api.md: due soon, due today, overdue, review
-- overdue): at most one per task and kind, ever. The row and its outbox comment are
-- written in one transaction, so a crash can neither lose nor repeat a reminder.
CREATE TABLE reminders (
    task_id   bigint      NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind      text        NOT NULL CHECK (kind IN ('due_soon', 'due_today', 'overdue', 'review_overdue')),
    due_at    timestamptz,
    queued_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, kind)
);
-- Tasks awaiting the Office's review are reminder candidates until decided.
CREATE INDEX tasks_reported ON tasks (reported_at) WHERE state = 'reported';
