-- Read model of sessions, visits and attendance, written by query-side's active projector.
CREATE TABLE active.sessions (
    id               UUID        NOT NULL,
    activity_id      UUID,
    activity_name    TEXT        NOT NULL,
    room_id          UUID        NOT NULL,
    room_name        TEXT        NOT NULL,
    room_capacity    INTEGER     NOT NULL,
    max_participants INTEGER     NOT NULL,
    device_id        TEXT,
    started_at       TIMESTAMPTZ NOT NULL,
    ended_at         TIMESTAMPTZ,
    end_reason       TEXT,
    replaced_by      UUID,
    CONSTRAINT sessions_pkey PRIMARY KEY (id)
);
CREATE INDEX sessions_running_idx ON active.sessions (room_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_started_idx ON active.sessions (started_at);

CREATE TABLE active.session_supervisors (
    session_id UUID        NOT NULL REFERENCES active.sessions (id) ON DELETE CASCADE,
    staff_id   UUID        NOT NULL,
    since      TIMESTAMPTZ NOT NULL,
    CONSTRAINT session_supervisors_pkey PRIMARY KEY (session_id, staff_id)
);
CREATE INDEX session_supervisors_staff_idx ON active.session_supervisors (staff_id);

-- One row per visit: a child in a session, from check-in to check-out.
CREATE TABLE active.visits (
    id          UUID        NOT NULL,
    session_id  UUID        NOT NULL,
    student_id  UUID        NOT NULL,
    room_id     UUID        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    start_cause TEXT        NOT NULL,
    ended_at    TIMESTAMPTZ,
    end_cause   TEXT,
    CONSTRAINT visits_pkey PRIMARY KEY (id)
);
CREATE INDEX visits_student_idx ON active.visits (student_id, started_at DESC);
CREATE INDEX visits_open_idx ON active.visits (session_id) WHERE ended_at IS NULL;

-- One row per child and Berlin day it was in the building.
CREATE TABLE active.attendance (
    student_id                UUID        NOT NULL,
    day                       DATE        NOT NULL,
    status                    TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    arrived_at                TIMESTAMPTZ NOT NULL,
    opened_at                 TIMESTAMPTZ NOT NULL,
    closed_at                 TIMESTAMPTZ,
    close_reason              TEXT,
    daily_checkout_offered_at TIMESTAMPTZ,
    CONSTRAINT attendance_pkey PRIMARY KEY (student_id, day)
);
CREATE INDEX attendance_open_idx ON active.attendance (day) WHERE status = 'OPEN';

-- Command-side lookups, written in the same transaction as the events they follow:
-- one running session per room, per activity and per device (the keys settle racing starts);
-- last_activity_at (taps, pings) drives the inactivity timeout.
CREATE TABLE active.running_sessions (
    session_id       UUID        NOT NULL,
    room_id          UUID        NOT NULL,
    activity_id      UUID,
    device_id        TEXT,
    started_at       TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT running_sessions_pkey PRIMARY KEY (session_id),
    CONSTRAINT running_sessions_room_key UNIQUE (room_id),
    CONSTRAINT running_sessions_activity_key UNIQUE (activity_id),
    CONSTRAINT running_sessions_device_key UNIQUE (device_id)
);
-- at most one open visit per child (the key settles two readers tapping the same child at once);
CREATE TABLE active.open_visits (
    student_id UUID        NOT NULL,
    session_id UUID        NOT NULL,
    visit_id   UUID        NOT NULL,
    room_id    UUID        NOT NULL,
    since      TIMESTAMPTZ NOT NULL,
    CONSTRAINT open_visits_pkey PRIMARY KEY (student_id)
);
CREATE INDEX open_visits_session_idx ON active.open_visits (session_id);
-- attendance still open, so the end of the day can close it;
CREATE TABLE active.open_attendance (
    student_id UUID NOT NULL,
    day        DATE NOT NULL,
    CONSTRAINT open_attendance_pkey PRIMARY KEY (student_id, day)
);
-- a group's home room, for the daily checkout;
CREATE TABLE education.group_home_rooms (
    group_id     UUID NOT NULL,
    home_room_id UUID NOT NULL,
    CONSTRAINT group_home_rooms_pkey PRIMARY KEY (group_id)
);
-- the answer to every tap, so a tap delivered again answers the same and changes nothing (kept a few days);
CREATE TABLE iot.processed_taps (
    device_id    TEXT        NOT NULL,
    tap_id       TEXT        NOT NULL,
    student_id   UUID,
    answer       JSONB       NOT NULL,
    rejected     BOOLEAN     NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT processed_taps_pkey PRIMARY KEY (device_id, tap_id)
);
CREATE INDEX processed_taps_processed_at_idx ON iot.processed_taps (processed_at);
CREATE INDEX processed_taps_student_idx ON iot.processed_taps (student_id);
-- the last tap of each person on each reader, for the debounce window;
CREATE TABLE iot.recent_taps (
    device_id TEXT        NOT NULL,
    person_id UUID        NOT NULL,
    tapped_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT recent_taps_pkey PRIMARY KEY (device_id, person_id)
);
-- and when each reader was last heard of (pings, taps): operational state, not an event per heartbeat.
-- Written by command-side, read by query-side for a device's last seen and online state.
CREATE TABLE iot.device_heartbeats (
    device_id TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    CONSTRAINT device_heartbeats_pkey PRIMARY KEY (device_id)
);

-- iot.devices no longer carries last_seen: one writer per table.
ALTER TABLE iot.devices DROP COLUMN last_seen;
