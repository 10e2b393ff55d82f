-- Technical schema of query-side's projection rebuilds: while a projection is rebuilt from the event store, its
-- shadow tables live here (rebuild.<schema>__<table>, created LIKE the live tables when the rebuild starts and
-- dropped when it has switched the live tables over). Nothing here is read by anyone else.
CREATE SCHEMA IF NOT EXISTS rebuild;
