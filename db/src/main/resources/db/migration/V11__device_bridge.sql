-- Written only by the device bridge.
-- MQTT messages it refused (malformed, unknown device ...), bounded: the oldest go past a configured count.
-- Reasons only, never the payload: it may hold a tag.
CREATE TABLE iot.rejected_messages (
    id            BIGINT GENERATED ALWAYS AS IDENTITY,
    received_at   TIMESTAMPTZ NOT NULL,
    topic         TEXT        NOT NULL,
    device_id     TEXT,
    tap_id        TEXT,
    code          TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    payload_bytes INTEGER     NOT NULL,
    CONSTRAINT rejected_messages_pkey PRIMARY KEY (id)
);
CREATE INDEX rejected_messages_device_idx ON iot.rejected_messages (device_id, received_at);

-- Whether each reader is connected to the broker (its retained status topic, "offline" by its last will).
CREATE TABLE iot.device_connections (
    device_id  TEXT        NOT NULL,
    online     BOOLEAN     NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT device_connections_pkey PRIMARY KEY (device_id)
);
