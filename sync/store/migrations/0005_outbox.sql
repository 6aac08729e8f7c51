-- Push-backs to the portal. Rows are written in the same transaction as the change that
-- causes them, and delivered later outside any transaction, claimed with
-- FOR UPDATE SKIP LOCKED and a lease. 'unknown' means a write whose outcome was lost:
-- it is checked against the portal before it is repeated (invariant 3).
CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('put_task', 'comment', 'receive_status')),
    dedupe_key      text        NOT NULL UNIQUE,
    target          text        NOT NULL,
    payload         jsonb       NOT NULL,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'unknown', 'done', 'dead')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_holder    text        NOT NULL DEFAULT '',
    lease_until     timestamptz,
    last_error      text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('pending', 'unknown');
