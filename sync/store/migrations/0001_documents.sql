-- Documents fetched from the portal, keyed by the portal's id. A re-fetch with the same
-- version and content hash is a no-op (architecture invariant 2).
CREATE TABLE documents (
    id               bigserial PRIMARY KEY,
    portal_id        text        NOT NULL UNIQUE,
    stream           text        NOT NULL CHECK (stream IN ('DI', 'DEN')),
    version          bigint      NOT NULL,
    content_hash     bytea       NOT NULL,
    doc_type         text        NOT NULL DEFAULT '',
    number           text        NOT NULL DEFAULT '',
    notation         text        NOT NULL DEFAULT '',
    summary          text        NOT NULL DEFAULT '',
    issuer_code      text        NOT NULL DEFAULT '',
    issuer_name      text        NOT NULL DEFAULT '',
    doc_date         date,
    issued_at        timestamptz,
    portal_updated_at timestamptz,
    signer           text        NOT NULL DEFAULT '',
    directing_leader text        NOT NULL DEFAULT '',
    drafter          text        NOT NULL DEFAULT '',
    submitting_unit  text        NOT NULL DEFAULT '',
    tracker          text        NOT NULL DEFAULT '',
    urgency          text        NOT NULL DEFAULT '',
    state            text        NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'withdrawn', 'replaced')),
    replaced_by      text        NOT NULL DEFAULT '',
    body             text        NOT NULL DEFAULT '',
    has_edxml        boolean     NOT NULL DEFAULT false,
    first_seen_at    timestamptz NOT NULL DEFAULT now(),
    changed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_stream_updated ON documents (stream, portal_updated_at);
CREATE INDEX documents_notation ON documents (number, notation);

-- Documents this one refers to (vanBanLienQuan, edXML ResponseFor).
CREATE TABLE document_links (
    document_id      bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    related_portal_id text  NOT NULL,
    related_notation text   NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, related_portal_id)
);

-- Attachment metadata only; the bytes stay on the portal (and in the export).
CREATE TABLE attachments (
    id             bigserial PRIMARY KEY,
    document_id    bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    portal_file_id text   NOT NULL,
    name           text   NOT NULL DEFAULT '',
    declared_mime  text   NOT NULL DEFAULT '',
    sniffed_type   text   NOT NULL DEFAULT '',
    size_bytes     bigint NOT NULL DEFAULT 0,
    sha256         bytea,
    refused_reason text   NOT NULL DEFAULT '',
    UNIQUE (document_id, portal_file_id)
);

-- A secret document (Mật, Tối mật, Tuyệt mật) leaves only this trace: its portal id and
-- when it was skipped (002 Đ5.1, 003 Đ5.2). No column here may ever hold content.
CREATE TABLE skipped_secret (
    portal_id  text        PRIMARY KEY,
    skipped_at timestamptz NOT NULL DEFAULT now()
);
