-- Reports recorded unmatched are matched again once tasks appear after them: the
-- newest task creation, by the database's clock.
CREATE INDEX task_events_assigned_recorded ON task_events (recorded_at) WHERE kind = 'assigned';
