-- A migration that breaks ADR-002: the table lands in public.
CREATE TABLE pupils (id INTEGER PRIMARY KEY);
