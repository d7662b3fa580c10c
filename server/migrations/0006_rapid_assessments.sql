-- Issue 23: the rapid-assessment record (`staff::rapid`). Every revision the assessor's app saves
-- is kept whole, with who saved it, when, and the revision it was edited from: the record's
-- history. Each is stored once per idempotency key: the same key again answers the revision it
-- made; with another body (`body_hash`, the SHA-256 of the upload as parsed) it is refused. A
-- request's revisions go with it (the purge, erasure on request).
CREATE TABLE assessment_revisions (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    base_revision INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,
    author TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    record_json TEXT NOT NULL,
    UNIQUE (request_id, revision)
);
