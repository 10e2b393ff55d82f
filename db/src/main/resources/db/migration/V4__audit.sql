-- Append-only tables: the database itself refuses changes, whoever asks.
CREATE FUNCTION audit.refuse_modification() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% on %.% is not allowed: the table is append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Every event of the event store, written by query-side's audit projector.
CREATE TABLE audit.event_log (
    global_position      BIGINT       NOT NULL,
    event_id             VARCHAR(255) NOT NULL,
    event_type           TEXT         NOT NULL,
    aggregate_type       TEXT,
    aggregate_identifier TEXT,
    sequence_number      BIGINT,
    occurred_at          TIMESTAMPTZ  NOT NULL,
    actor_type           TEXT         NOT NULL,
    actor_id             TEXT,
    actor_role           TEXT,
    correlation_id       TEXT,
    data_subjects        UUID[]       NOT NULL DEFAULT '{}',
    payload              JSONB        NOT NULL,
    recorded_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT event_log_pkey PRIMARY KEY (global_position),
    CONSTRAINT event_log_event_id_key UNIQUE (event_id)
);
CREATE INDEX event_log_data_subjects_idx ON audit.event_log USING GIN (data_subjects);
CREATE INDEX event_log_occurred_at_idx ON audit.event_log (occurred_at);
CREATE INDEX event_log_event_type_idx ON audit.event_log (event_type, occurred_at);

CREATE TRIGGER event_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit.event_log
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_modification();
CREATE TRIGGER event_log_no_truncate
    BEFORE TRUNCATE ON audit.event_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_modification();

-- Logins (successful and failed) and account changes, written by command-side. Never a password, never an email.
CREATE TABLE audit.auth_events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    kind           TEXT        NOT NULL,
    account_id     UUID,
    reason         TEXT,
    actor_id       UUID,
    remote_address TEXT,
    correlation_id TEXT,
    CONSTRAINT auth_events_pkey PRIMARY KEY (id)
);
CREATE INDEX auth_events_account_idx ON audit.auth_events (account_id, occurred_at);
CREATE INDEX auth_events_occurred_at_idx ON audit.auth_events (occurred_at);

CREATE TRIGGER auth_events_no_update_delete
    BEFORE UPDATE OR DELETE ON audit.auth_events
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_modification();
CREATE TRIGGER auth_events_no_truncate
    BEFORE TRUNCATE ON audit.auth_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_modification();
