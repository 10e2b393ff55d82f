-- Read model, written by query-side's users projector.
CREATE TABLE users.persons (
    id            UUID        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('STUDENT', 'STAFF')),
    first_name    TEXT        NOT NULL,
    last_name     TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT persons_pkey PRIMARY KEY (id)
);
CREATE INDEX persons_name_idx ON users.persons (kind, lower(last_name), lower(first_name));

CREATE TABLE users.staff (
    person_id UUID NOT NULL REFERENCES users.persons (id) ON DELETE CASCADE,
    email     TEXT,
    position  TEXT,
    CONSTRAINT staff_pkey PRIMARY KEY (person_id)
);

-- Staff who may lead an OGS group.
CREATE TABLE users.teachers (
    staff_id UUID NOT NULL REFERENCES users.staff (person_id) ON DELETE CASCADE,
    CONSTRAINT teachers_pkey PRIMARY KEY (staff_id)
);

CREATE TABLE users.students (
    person_id    UUID    NOT NULL REFERENCES users.persons (id) ON DELETE CASCADE,
    school_class TEXT,
    birthday     DATE,
    sick         BOOLEAN NOT NULL DEFAULT FALSE,
    sick_since   TIMESTAMPTZ,
    CONSTRAINT students_pkey PRIMARY KEY (person_id)
);

-- Who holds which tag. A move touches two people's event streams, which may be projected in either order:
-- each row remembers the global position of its last change and older events never overwrite newer ones.
CREATE TABLE users.person_tags (
    tag       TEXT   NOT NULL,
    person_id UUID,
    position  BIGINT NOT NULL,
    CONSTRAINT person_tags_pkey PRIMARY KEY (tag)
);
CREATE INDEX person_tags_person_idx ON users.person_tags (person_id);

-- Command-side lookup, written in the same transaction as the tag events: one holder per tag, one tag per person,
-- also under racing requests. The tap path resolves tags here.
CREATE TABLE users.tag_holders (
    tag         TEXT NOT NULL,
    person_id   UUID NOT NULL,
    person_kind TEXT NOT NULL CHECK (person_kind IN ('STUDENT', 'STAFF')),
    CONSTRAINT tag_holders_pkey PRIMARY KEY (tag),
    CONSTRAINT tag_holders_person_key UNIQUE (person_id)
);
