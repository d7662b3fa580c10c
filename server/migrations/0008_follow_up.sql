-- Issue 24: closing the loop. Progress updates the enterprises send about their action plans,
-- and the follow-up of each agreed opportunity of a rapid assessment. Both go with their request
-- (the purge, erasure on request).

-- A progress update as received, linked to the request whose receipt and tax code it gave. Stored
-- once per idempotency key: the same key again answers the same reference; with another body
-- (`body_hash`, the SHA-256 of the update as parsed) it is refused. `seq` numbers a request's
-- updates (the reference is the request's receipt, `-P`, and `seq`).
CREATE TABLE progress_updates (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    update_json TEXT NOT NULL,
    UNIQUE (request_id, seq)
);

-- Each change of an agreed opportunity's follow-up, kept whole: the latest row of a request's
-- opportunity (by `id`) is its current state; the earlier ones are its history. `opportunity_id`
-- is the `Opportunity.id` of the request's rapid-assessment record. `evidence` says whether the
-- achieved saving is the enterprise's own figure (from a progress update, `update_id`) or was
-- verified by the Department, and how (`method`, required when verified).
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    opportunity_id TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('implemented', 'in_progress', 'not_implemented', 'unknown')),
    -- The day the status held, YYYY-MM-DD.
    status_on TEXT NOT NULL,
    achieved_quantity REAL,
    achieved_unit TEXT NOT NULL DEFAULT '',
    achieved_vnd REAL,
    achieved_tco2 REAL,
    evidence TEXT NOT NULL CHECK (evidence IN ('self_reported', 'verified')),
    method TEXT NOT NULL DEFAULT '',
    update_id INTEGER REFERENCES progress_updates (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX follow_ups_by_request ON follow_ups (request_id, opportunity_id, id);
