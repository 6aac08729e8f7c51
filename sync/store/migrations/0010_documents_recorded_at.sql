-- When the portal first recorded the document (its ngayCapNhat at first sight): the
-- portal's own timestamp the compliance lags of rules.md §5 are measured with (a
-- directive entered, a report recorded). Later versions never move it.
ALTER TABLE documents ADD COLUMN recorded_at timestamptz;
UPDATE documents SET recorded_at = portal_updated_at;
CREATE INDEX report_links_task ON report_links (task_id);
