-- Schema 2: what the trainee was told, retries, and the statements waiting
-- for a learning record store. Every column is added with a default, so a
-- version-1 file upgrades in place with nothing lost.

-- A retry restarts an earlier attempt (its session id) at a turn (1-based).
ALTER TABLE session ADD COLUMN retry_of INTEGER REFERENCES session (id);
ALTER TABLE session ADD COLUMN retry_turn INTEGER CHECK (retry_turn >= 1);

-- The reply's quality as judged when it was made (0, 0.5 or 1; NULL for
-- choices recorded before schema 2), and the points it gave away, from the
-- debrief's look back (NULL until the ending, or when not known).
ALTER TABLE choice ADD COLUMN quality REAL CHECK (quality BETWEEN 0 AND 1);
ALTER TABLE choice ADD COLUMN lost INTEGER CHECK (lost BETWEEN 0 AND 100);

-- A reply typed in the trainee's own words: the words, whether they were read
-- as this reply (1) or it was then picked from the replies shown (0), and how
-- close the reading came; all NULL for a reply picked from the start.
ALTER TABLE choice ADD COLUMN typed TEXT;
ALTER TABLE choice ADD COLUMN understood INTEGER CHECK (understood IN (0, 1));
ALTER TABLE choice ADD COLUMN match_score REAL;

-- xAPI statements waiting to be sent, queued in the transaction of the event
-- they describe; a statement leaves the queue once the store has it.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    -- Set when the store refused the statement as invalid (HTTP 400): it is
    -- kept, not sent again, and reported by `frontline sync`.
    refused TEXT
);
