-- When the adapter last read the document's detail (its own clock). The portal's
-- list carries no version and ngayCapNhat has second precision, so a re-listed
-- document is known unchanged only if it was read well after that second.
ALTER TABLE documents ADD COLUMN read_at timestamptz;
