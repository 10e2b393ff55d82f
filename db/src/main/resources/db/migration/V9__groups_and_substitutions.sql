-- Read model of OGS groups, written by query-side's education projector.
CREATE TABLE education.groups (
    id           UUID        NOT NULL,
    name         TEXT        NOT NULL,
    home_room_id UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT groups_pkey PRIMARY KEY (id)
);
CREATE INDEX groups_name_idx ON education.groups (lower(name));

-- A group's leaders (teachers).
CREATE TABLE education.group_teacher (
    group_id UUID NOT NULL REFERENCES education.groups (id) ON DELETE CASCADE,
    staff_id UUID NOT NULL,
    CONSTRAINT group_teacher_pkey PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX group_teacher_staff_idx ON education.group_teacher (staff_id);

-- A child's group, written by the users projector with the rest of users.students.
ALTER TABLE users.students ADD COLUMN group_id UUID;
CREATE INDEX students_group_idx ON users.students (group_id);

-- Substitutions and same-day transfers, written by query-side's schedule projector. A substitution counts on the
-- Berlin dates start_date .. last_day (last_day is end_date, or the day before it was ended early; before
-- start_date when it was cancelled).
CREATE TABLE schedule.substitutions (
    id                  UUID        NOT NULL,
    group_id            UUID        NOT NULL,
    kind                TEXT        NOT NULL CHECK (kind IN ('PLANNED', 'SAME_DAY_TRANSFER')),
    regular_staff_id    UUID,
    substitute_staff_id UUID        NOT NULL,
    start_date          DATE        NOT NULL,
    end_date            DATE        NOT NULL,
    last_day            DATE        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('PLANNED', 'CANCELLED', 'ENDED')),
    end_reason          TEXT,
    reason              TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT substitutions_pkey PRIMARY KEY (id)
);
CREATE INDEX substitutions_dates_idx ON schedule.substitutions (start_date, last_day);
CREATE INDEX substitutions_group_idx ON schedule.substitutions (group_id);
CREATE INDEX substitutions_substitute_idx ON schedule.substitutions (substitute_staff_id);
CREATE INDEX substitutions_regular_idx ON schedule.substitutions (regular_staff_id);

-- Command-side lookups, written in the same transaction as the events they follow:
-- group names are unique (also under racing requests) and name the groups that exist;
CREATE TABLE education.group_names (
    name_key TEXT NOT NULL,
    group_id UUID NOT NULL,
    CONSTRAINT group_names_pkey PRIMARY KEY (name_key),
    CONSTRAINT group_names_group_key UNIQUE (group_id)
);
-- which children a group has, so deleting it can take them out;
CREATE TABLE education.group_members (
    student_id UUID NOT NULL,
    group_id   UUID NOT NULL,
    CONSTRAINT group_members_pkey PRIMARY KEY (student_id)
);
CREATE INDEX group_members_group_idx ON education.group_members (group_id);
-- and which group a substitution belongs to, so /api/substitutions/{id} finds it.
CREATE TABLE schedule.substitution_groups (
    substitution_id UUID NOT NULL,
    group_id        UUID NOT NULL,
    CONSTRAINT substitution_groups_pkey PRIMARY KEY (substitution_id)
);
