-- edXML status messages (QCVN 102:2016: 01 đã đến, 02 từ chối tiếp nhận, 03 đã tiếp
-- nhận, 04 phân công, 05 đang xử lý, 06 hoàn thành, 13 lấy lại, 15 đồng ý cho lấy
-- lại, 16 từ chối cho lấy lại) that the national exchange relays about a document
-- (issue 17). One row per message: the same message delivered again (message_key:
-- its ResponseFor, code, Timestamp and sender) is kept once. A document's current
-- exchange status is its row with the latest message Timestamp (message_at), so a
-- message arriving late never replaces a newer one.
CREATE TABLE exchange_statuses (
    id                   bigserial   PRIMARY KEY,
    message_key          text        NOT NULL UNIQUE,
    -- The document it answers. NULL while that document is not in the store: the
    -- message is kept (answers_ref is the số/ký hiệu it names, normalised) and
    -- attached when the document is recorded. NULL also for a secret document,
    -- whose row keeps only its portal id and the code (secret_portal_id).
    document_id          bigint      REFERENCES documents (id) ON DELETE CASCADE,
    answers_ref          text        NOT NULL DEFAULT '',
    secret_portal_id     text        NOT NULL DEFAULT '',
    response_organ_id    text        NOT NULL DEFAULT '',
    response_code        text        NOT NULL DEFAULT '',
    response_document_id text        NOT NULL DEFAULT '',
    status_code          text        NOT NULL
        CHECK (status_code IN ('01', '02', '03', '04', '05', '06', '13', '15', '16')),
    -- Free text of the sender: never kept for a secret document, nor while the
    -- document answered is unknown (it may turn out secret).
    description          text        NOT NULL DEFAULT '',
    from_organ_id        text        NOT NULL DEFAULT '',
    from_organ_name      text        NOT NULL DEFAULT '',
    staff_department     text        NOT NULL DEFAULT '',
    staff_name           text        NOT NULL DEFAULT '',
    message_at           timestamptz NOT NULL,
    received_at          timestamptz NOT NULL
);
CREATE INDEX exchange_statuses_current ON exchange_statuses (document_id, message_at DESC, id DESC)
    WHERE document_id IS NOT NULL;
CREATE INDEX exchange_statuses_pending ON exchange_statuses (answers_ref)
    WHERE document_id IS NULL AND secret_portal_id = '';
