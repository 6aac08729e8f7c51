-- A put_task row is replaced in place when its task changes again before delivery;
-- revision lets a delivery of the older payload finish without marking the newer one
-- done.
ALTER TABLE outbox ADD COLUMN revision int NOT NULL DEFAULT 1;
