-- One verdict per signed object (an attachment or the edXML package) and signature.
CREATE TABLE signature_verdicts (
    id                    bigserial   PRIMARY KEY,
    document_id           bigint      NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    attachment_id         bigint      REFERENCES attachments (id) ON DELETE CASCADE,
    source                text        NOT NULL CHECK (source IN ('pdf', 'edxml')),
    position              int         NOT NULL DEFAULT 0,
    indication            text        NOT NULL,
    sub_indication        text        NOT NULL DEFAULT '',
    signed_by             text        NOT NULL DEFAULT '',
    signing_time          timestamptz,
    best_signature_time   timestamptz,
    covers_whole_document boolean,
    details               jsonb       NOT NULL DEFAULT '{}',
    verified_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signature_verdicts_document ON signature_verdicts (document_id);
