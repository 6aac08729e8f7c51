-- The Office's review of extracted tasks (rules.md §9). review_state says where the
-- task stands: held ("chờ rà soát") tasks are stored and their clock runs, but
-- nothing of them is pushed until reviewed; rejected ones never are. sentence is the
-- text the task came from, shown highlighted to the reviewer; previous_sentence is
-- the reviewed text of a task queued again because a new version changed it.
ALTER TABLE tasks ADD COLUMN review_state text NOT NULL DEFAULT 'auto'
    CHECK (review_state IN ('held', 'confirmed', 'corrected', 'rejected', 'added', 'auto'));
ALTER TABLE tasks ADD COLUMN review_by text NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN review_at timestamptz;
ALTER TABLE tasks ADD COLUMN review_note text NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN sentence text NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN previous_sentence text NOT NULL DEFAULT '';
CREATE INDEX tasks_held ON tasks (created_at) WHERE review_state = 'held';

-- Each review decision, kept apart from the extracted row so that re-extraction can
-- never undo it (architecture invariant 8): a re-synced or new version of the
-- directive is re-applied from here. sources are the extracted task keys the review
-- stands for, source_hashes their sentences' hashes (a task matched by either keeps
-- its review); fields is the reviewed task.
CREATE TABLE task_reviews (
    id                 bigserial   PRIMARY KEY,
    document_portal_id text        NOT NULL,
    task_key           text        NOT NULL UNIQUE,
    outcome            text        NOT NULL CHECK (outcome IN ('confirmed', 'corrected', 'rejected', 'added')),
    sources            text[]      NOT NULL DEFAULT '{}',
    source_hashes      text[]      NOT NULL DEFAULT '{}',
    sentence           text        NOT NULL DEFAULT '',
    fields             jsonb       NOT NULL,
    reason             text        NOT NULL DEFAULT '',
    reviewed_by        text        NOT NULL,
    reviewed_at        timestamptz NOT NULL
);
CREATE INDEX task_reviews_document ON task_reviews (document_portal_id);

-- Spellings of unit names the Office accepted as aliases of a directory unit, so
-- the next directive that writes a unit the same way is matched.
CREATE TABLE unit_aliases (
    folded     text        PRIMARY KEY, -- the spelling, folded (case, composition, spacing)
    spelling   text        NOT NULL,
    unit_code  text        NOT NULL,
    unit_name  text        NOT NULL,
    added_by   text        NOT NULL,
    added_at   timestamptz NOT NULL
);

-- A held task whose review passed the profile's entry limit gets one reminder.
ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('due_soon', 'due_today', 'overdue', 'review_overdue', 'held_overdue'));

-- The text the tasks were extracted from (the body, else the PDF's text layer), so
-- the reviewer reads the directive with the task's sentence highlighted.
ALTER TABLE documents ADD COLUMN extracted_text text NOT NULL DEFAULT '';
