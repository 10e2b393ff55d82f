-- Read model, written by query-side's facilities projector.
CREATE TABLE facilities.rooms (
    id            UUID        NOT NULL,
    name          TEXT        NOT NULL,
    building      TEXT,
    floor         INTEGER,
    capacity      INTEGER     NOT NULL,
    category      TEXT,
    registered_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT rooms_pkey PRIMARY KEY (id)
);
CREATE INDEX rooms_name_idx ON facilities.rooms (lower(name));

-- Command-side lookup, written in the same transaction as the room's events: room names are unique even
-- when two requests race (the second insert fails on the key and its events roll back with it).
CREATE TABLE facilities.room_names (
    name_key TEXT NOT NULL,
    room_id  UUID NOT NULL,
    CONSTRAINT room_names_pkey PRIMARY KEY (name_key),
    CONSTRAINT room_names_room_key UNIQUE (room_id)
);
