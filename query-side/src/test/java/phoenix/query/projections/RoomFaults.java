package phoenix.query.projections;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real database failures for the facilities projector: a trigger on facilities.rooms that refuses rooms whose name
 * starts with a marker, every time or only the first time (a sequence counts attempts: it is not rolled back with
 * the failed transaction). Removed again by {@link #close()}.
 */
final class RoomFaults implements AutoCloseable {

    private final JdbcClient jdbc;

    private RoomFaults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rooms named {@code marker...} fail to be projected on the first attempt only. */
    static RoomFaults failingOnce(JdbcClient jdbc, String marker) {
        jdbc.sql("CREATE SEQUENCE facilities.test_fault_attempts").update();
        return install(jdbc, "NEW.name LIKE '" + marker + "%'", "nextval('facilities.test_fault_attempts') = 1");
    }

    /** Rooms named {@code marker...} are never projected. */
    static RoomFaults failingAlways(JdbcClient jdbc, String marker) {
        return install(jdbc, "NEW.name LIKE '" + marker + "%'", "TRUE");
    }

    private static RoomFaults install(JdbcClient jdbc, String matches, String fails) {
        jdbc.sql("""
                CREATE FUNCTION facilities.test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF %s THEN
                        IF %s THEN
                            RAISE EXCEPTION 'room refused by the test' USING ERRCODE = '40001';
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$
                """.formatted(matches, fails)).update();
        jdbc.sql("CREATE TRIGGER test_fault BEFORE INSERT OR UPDATE ON facilities.rooms "
                + "FOR EACH ROW EXECUTE FUNCTION facilities.test_fault()").update();
        return new RoomFaults(jdbc);
    }

    long attempts() {
        return jdbc.sql("SELECT last_value FROM facilities.test_fault_attempts").query(Long.class).single();
    }

    @Override
    public void close() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_fault ON facilities.rooms").update();
        jdbc.sql("DROP FUNCTION IF EXISTS facilities.test_fault()").update();
        jdbc.sql("DROP SEQUENCE IF EXISTS facilities.test_fault_attempts").update();
    }
}
