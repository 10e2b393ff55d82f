-- User accounts (not event-sourced: they are credentials, not school domain). Written only by command-side.
CREATE TABLE auth.accounts (
    id            UUID        NOT NULL,
    email         TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    roles         TEXT[]      NOT NULL CHECK (cardinality(roles) > 0),
    active        BOOLEAN     NOT NULL DEFAULT TRUE,
    staff_id      UUID,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    UUID,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX accounts_email_key ON auth.accounts (lower(email));

-- The JWT signing key when none is configured: generated once, found by every app instance.
CREATE TABLE auth.signing_keys (
    name       TEXT        NOT NULL,
    secret     BYTEA       NOT NULL CHECK (length(secret) >= 32),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT signing_keys_pkey PRIMARY KEY (name)
);
