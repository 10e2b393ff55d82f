-- Read model, written by query-side's iot projector.
CREATE TABLE iot.devices (
    device_id      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    type           TEXT,
    status         TEXT        NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    key_rotated_at TIMESTAMPTZ,
    last_seen      TIMESTAMPTZ,
    CONSTRAINT devices_pkey PRIMARY KEY (device_id)
);

-- Command-side lookup for the device API, written in the same transaction as the device's events, so a rotated
-- key or a deactivated device is refused from the moment the change commits. Keys are stored as SHA-256 hashes.
CREATE TABLE iot.device_credentials (
    device_id TEXT NOT NULL,
    key_hash  TEXT NOT NULL,
    status    TEXT NOT NULL,
    CONSTRAINT device_credentials_pkey PRIMARY KEY (device_id),
    CONSTRAINT device_credentials_key_hash_key UNIQUE (key_hash)
);
