package phoenix.query.position;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The projections (processing groups) a query endpoint reads, so {@code X-Phoenix-Await-Position} waits for
 * exactly those. Without it, a query waits for every projection of this app.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ReadsProjection {
    String[] value();
}
