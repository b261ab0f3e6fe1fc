-- Schema 1 of Frontline's records: trainees, their sessions, and every choice
-- made, each choice written in its own transaction as it is made.

CREATE TABLE trainee (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    -- xAPI registration of the attempt.
    uuid TEXT NOT NULL UNIQUE,
    trainee INTEGER NOT NULL REFERENCES trainee (id),
    scenario TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    -- Fingerprint of the scenario file's text ("fnv1a128:" and 32 hex digits).
    content_hash TEXT NOT NULL,
    -- Decimal text: seeds are unsigned 64-bit, SQLite integers signed.
    seed TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('coach', 'exam')),
    -- RFC 3339 UTC, e.g. 2025-03-04T12:34:56.789Z; sorts as text.
    started TEXT NOT NULL,
    -- Set when the session reached an ending; NULL means abandoned.
    ended TEXT,
    ending TEXT,
    outcome TEXT CHECK (outcome IN ('Promoter', 'Passive', 'Detractor')),
    score INTEGER CHECK (score BETWEEN 0 AND 100),
    grade TEXT CHECK (grade IN ('A', 'B', 'C', 'D', 'F'))
);

CREATE INDEX session_by_trainee ON session (trainee, scenario, started);

CREATE TABLE choice (
    session INTEGER NOT NULL REFERENCES session (id),
    -- 0 for the first choice of the session.
    step INTEGER NOT NULL,
    node TEXT NOT NULL,
    -- The choice's index as written in the scenario file.
    choice_index INTEGER NOT NULL,
    choice_text TEXT NOT NULL,
    -- JSON array of practice tags, e.g. ["Ask","Listen"].
    tags TEXT NOT NULL,
    -- JSON object of the meters after the choice, e.g. {"mood":3}.
    meters TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (session, step)
) WITHOUT ROWID;
