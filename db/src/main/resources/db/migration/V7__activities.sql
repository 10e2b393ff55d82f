-- Read model, written by query-side's activities projector.
CREATE TABLE activities.categories (
    name          TEXT        NOT NULL,
    first_used_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT categories_pkey PRIMARY KEY (name)
);

-- One row per activity (an AG); "groups" is the name schools use for them.
CREATE TABLE activities.groups (
    id               UUID        NOT NULL,
    name             TEXT        NOT NULL,
    category         TEXT        NOT NULL REFERENCES activities.categories (name),
    max_participants INTEGER     NOT NULL,
    planned_room_id  UUID,
    registered_at    TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT groups_pkey PRIMARY KEY (id)
);
CREATE INDEX groups_category_idx ON activities.groups (category);
