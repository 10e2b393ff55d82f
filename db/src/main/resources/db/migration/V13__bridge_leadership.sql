-- Written only by the device bridge.
-- Which bridge instance carries the readers' taps: the one holding this lease. It renews it every second; when it
-- stops renewing (crash, hang, lost database) another instance takes it over once it has expired.
CREATE TABLE iot.bridge_lease (
    name        TEXT        NOT NULL,
    holder      TEXT        NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT bridge_lease_pkey PRIMARY KEY (name)
);

-- Every MQTT client id a bridge has connected with (its persistent session on the broker). A session under an id
-- that is no longer configured would keep queueing taps that nobody answers: the bridge holding the lease drains
-- it, deletes it on the broker and then here.
CREATE TABLE iot.bridge_sessions (
    client_id         TEXT        NOT NULL,
    last_connected_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT bridge_sessions_pkey PRIMARY KEY (client_id)
);
