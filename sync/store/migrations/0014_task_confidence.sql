-- How surely extraction found the task's lead and deadline, 0–1 (rules/extract,
-- confidence.go). The review workflow holds tasks below its threshold (0.9) for a
-- person. Tasks stored before extraction gave a confidence, and tasks a person
-- added or confirmed, count as 1.
ALTER TABLE tasks ADD COLUMN confidence double precision NOT NULL DEFAULT 1
    CHECK (confidence >= 0 AND confidence <= 1);
