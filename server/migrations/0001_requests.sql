-- Requests for a rapid cleaner-production assessment, as received. The assessment is stored
-- as sent (the draft); the results are recomputed by the service with the widget's core code.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    receipt TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    company TEXT NOT NULL,
    sector TEXT,
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'contacted', 'scheduled', 'assessed', 'closed')),
    contact_json TEXT NOT NULL,
    consent_json TEXT NOT NULL,
    assessment_json TEXT NOT NULL,
    results_json TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX requests_by_status ON requests (status, received_at);
