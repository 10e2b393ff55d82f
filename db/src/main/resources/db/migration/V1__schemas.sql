-- ADR-002: one schema per domain, never public. Flyway itself creates the schema config, which holds its
-- flyway_schema_history, before this migration runs.
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS users;
CREATE SCHEMA IF NOT EXISTS education;
CREATE SCHEMA IF NOT EXISTS facilities;
CREATE SCHEMA IF NOT EXISTS activities;
CREATE SCHEMA IF NOT EXISTS active;
CREATE SCHEMA IF NOT EXISTS schedule;
CREATE SCHEMA IF NOT EXISTS iot;
CREATE SCHEMA IF NOT EXISTS feedback;
CREATE SCHEMA IF NOT EXISTS audit;
-- Axon's own tables: the event store (source of truth), tokens, sagas, dead letters.
CREATE SCHEMA IF NOT EXISTS eventstore;
