package phoenix.platform.security;

import phoenix.api.Role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The user roles that may call an endpoint (on the method, or on the controller for all its methods). Every
 * {@code /api/**} endpoint declares who may call it: this, {@link DeviceEndpoint} or {@link PublicEndpoint};
 * one that declares nothing is refused to everyone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedRoles {
    Role[] value();
}
