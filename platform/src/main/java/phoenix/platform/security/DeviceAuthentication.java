package phoenix.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A device that presented a valid API key; its name is its device id. */
public class DeviceAuthentication extends AbstractAuthenticationToken {

    public static final String AUTHORITY = "DEVICE";

    private final String deviceId;

    public DeviceAuthentication(String deviceId) {
        super(AuthorityUtils.createAuthorityList(AUTHORITY));
        this.deviceId = deviceId;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return deviceId;
    }

    @Override
    public String getName() {
        return deviceId;
    }
}
