-- The profile's status words as last pushed to the portal. Status is derived at a
-- moment, so words change when a deadline passes with no event; the engine re-derives
-- open tasks each cycle and pushes when these words change.
ALTER TABLE tasks ADD COLUMN status_text text NOT NULL DEFAULT '';
CREATE INDEX tasks_open_due ON tasks (due_at) WHERE state NOT IN ('approved', 'cancelled', 'returned');
-- When the status engine last ran for the task: a deadline that passed after it means
-- the words may be stale.
ALTER TABLE tasks ADD COLUMN derived_at timestamptz;
