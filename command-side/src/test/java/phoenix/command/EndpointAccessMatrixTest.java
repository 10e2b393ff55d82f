package phoenix.command;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import phoenix.api.Role;
import phoenix.platform.security.EndpointAccess;
import phoenix.platform.testing.Api;
import phoenix.platform.testing.Endpoints;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the command side: who may not call it gets 401 or 403, as problem+json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessMatrixTest extends CommandSideTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    private String deviceKey;

    List<Endpoints.Endpoint> endpoints() {
        return Endpoints.of(mappings);
    }

    @BeforeAll
    void device() {
        connect();
        deviceKey = registerDevice("MATRIX-1");
    }

    @org.junit.jupiter.api.Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        assertThat(endpoints()).extracting(Endpoints.Endpoint::toString)
                .contains("POST /api/rooms", "POST /api/auth/login", "POST /api/iot/ping", "POST /api/accounts",
                        "PUT /api/students/{id}/tag", "DELETE /api/staff/{id}/tag")
                .hasSizeGreaterThanOrEqualTo(19);
    }

    @ParameterizedTest(name = "{0} declares who may call it")
    @MethodSource("endpoints")
    void everyEndpointDeclaresWhoMayCallIt(Endpoints.Endpoint endpoint) {
        assertThat(endpoint.access()).as(endpoint.toString()).isPresent();
    }

    @ParameterizedTest(name = "{0} without credentials: 401")
    @MethodSource("endpoints")
    void withoutCredentialsEveryClosedEndpointAnswers401(Endpoints.Endpoint endpoint) {
        Api.Answer answer = api.send(endpoint.method(), endpoint.path(), null, "{}", java.util.Map.of());

        if (endpoint.access().orElseThrow() instanceof EndpointAccess.Anyone) {
            assertThat(answer.status()).as(endpoint + " is open").isNotIn(401, 403);
        } else {
            assertThat(answer.status()).as(endpoint.toString()).isEqualTo(401);
            assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0} with a role not allowed: 403")
    @MethodSource("endpoints")
    void everyRoleNotAllowedAnswers403(Endpoints.Endpoint endpoint) {
        if (!(endpoint.access().orElseThrow() instanceof EndpointAccess.Users users)) {
            return; // devices and login have no roles; see the other tests
        }
        List<Role> refused = Arrays.stream(Role.values()).filter(role -> !users.roles().contains(role)).toList();
        for (Role role : refused) {
            Api.Answer answer = api.send(endpoint.method(), endpoint.path(), token(role), "{}", java.util.Map.of());
            assertThat(answer.status()).as(endpoint + " as " + role).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("FORBIDDEN");
        }
        for (Role role : users.roles()) {
            // as login issues it for an account of a staff member: some endpoints act in the name of one
            String token = staffToken(UUID.randomUUID(), role);
            Api.Answer answer = api.send(endpoint.method(), endpoint.path(), token, "{}", java.util.Map.of());
            assertThat(answer.status()).as(endpoint + " as " + role).isNotIn(401, 403);
        }
    }

    @ParameterizedTest(name = "{0}: devices only on the device API, users never there")
    @MethodSource("endpoints")
    void deviceKeysOpenTheDeviceApiOnlyAndUserTokensNeverDo(Endpoints.Endpoint endpoint) {
        EndpointAccess access = endpoint.access().orElseThrow();
        Api.Answer asDevice = api.send(endpoint.method(), endpoint.path(), deviceKey, "{}", java.util.Map.of());
        Api.Answer asAdmin = api.send(endpoint.method(), endpoint.path(), admin, "{}", java.util.Map.of());
        Api.Answer asBridge = api.send(endpoint.method(), endpoint.path(), BRIDGE_KEY, "{}", java.util.Map.of());

        if (access instanceof EndpointAccess.Devices) {
            assertThat(asDevice.status()).as(endpoint + " as device").isNotIn(401, 403);
            assertThat(asAdmin.status()).as(endpoint + " as admin").isEqualTo(401);
            assertThat(asBridge.status()).as(endpoint + " as the bridge naming no device").isEqualTo(403);
        } else if (access instanceof EndpointAccess.Bridge) {
            assertThat(asBridge.status()).as(endpoint + " as the bridge").isNotIn(401, 403);
            assertThat(asDevice.status()).as(endpoint + " as device").isEqualTo(403);
            assertThat(asAdmin.status()).as(endpoint + " as admin").isEqualTo(401);
        } else if (access instanceof EndpointAccess.Users) {
            assertThat(asDevice.status()).as(endpoint + " as device").isEqualTo(401);
            assertThat(asBridge.status()).as(endpoint + " as the bridge").isEqualTo(401);
        }
    }
}
