package phoenix.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** The device bridge, with its own key, speaking for no device: it may only ask whether its key is accepted. */
public class BridgeAuthentication extends AbstractAuthenticationToken {

    public static final String AUTHORITY = "BRIDGE";

    public BridgeAuthentication() {
        super(AuthorityUtils.createAuthorityList(AUTHORITY));
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "device-bridge";
    }
}
