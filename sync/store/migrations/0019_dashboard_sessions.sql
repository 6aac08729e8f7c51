-- Dashboard sign-ins (issue 18): a server-side session per sign-in, so signing out
-- ends it for every copy of the cookie, an idle session expires, and a changed
-- password or role ends the sessions opened with the old one. The cookie holds a
-- random id; only its SHA-256 is stored, so a copy of the database opens nothing.
CREATE TABLE dashboard_sessions (
    id_hash    bytea       PRIMARY KEY,
    user_name  text        NOT NULL,
    role       text        NOT NULL,
    -- A digest of the account's name, role and password hash at sign-in.
    credential bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_name);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
