-- Staff accounts, their sessions (with a CSRF token each), and the follow-up notes on requests.
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL
);
CREATE TABLE sessions (
    token TEXT PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    csrf TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL
);
