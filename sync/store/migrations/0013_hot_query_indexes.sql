-- Found by the scale benchmark (BenchmarkHotQueries, 100,000 tasks): every cycle
-- looks for recurring series whose occurrences are all due, and for open tasks
-- whose words may be stale; both scanned every open task.
CREATE INDEX tasks_recurring_open ON tasks (document_id) WHERE recurrence <> '' AND period <> '' AND state <> 'cancelled';
CREATE INDEX tasks_stale ON tasks (due_at) WHERE state NOT IN ('approved', 'cancelled', 'returned')
    AND (derived_at IS NULL OR derived_at < due_at);
