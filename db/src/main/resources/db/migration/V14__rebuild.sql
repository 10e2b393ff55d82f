-- Technical schema of query-side's projection rebuilds. While a projection is rebuilt from the event store, its
-- shadow tables live here (rebuild.<schema>__<table>, created LIKE the live tables when the rebuild starts and
-- dropped when it has switched the live tables over). Nothing here is read by anyone else.
CREATE SCHEMA IF NOT EXISTS rebuild;

-- One row per rebuild in progress, on whichever query-side node runs it: a second one of the same projection is
-- refused on every node. The node refreshes alive_at while it works; a row not refreshed for a while is from a node
-- that died and may be taken over.
CREATE TABLE rebuild.running (
    projection TEXT        NOT NULL,
    node       TEXT        NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    alive_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT running_pkey PRIMARY KEY (projection)
);
