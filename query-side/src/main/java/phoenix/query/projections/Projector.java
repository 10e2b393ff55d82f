package phoenix.query.projections;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projector that can be rebuilt while its queries go on: it writes only its {@link #tables()}, and only through the
 * {@link JdbcClient} that is the one argument of its constructor, so that a second instance given a client that
 * renames those tables builds the same rows into shadow tables ({@link ProjectionRebuilds}). The audit log's
 * projector is none: that log is never rebuilt.
 */
public interface Projector {

    ReadTables tables();
}
