package phoenix.query;

import org.junit.jupiter.api.Test;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the query side: who may not call it gets 401 or 403, as problem+json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessMatrixTest extends QuerySideTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    List<Endpoints.Endpoint> endpoints() {
        return Endpoints.of(mappings);
    }

    @Test
    void theMatrixCoversEveryEndpointOfTheApi() {
        assertThat(endpoints()).extracting(Endpoints.Endpoint::toString)
                .contains("GET /api/rooms", "GET /api/rooms/{id}", "GET /api/students", "GET /api/staff/{id}",
                        "GET /api/activities/categories", "GET /api/devices", "GET /api/admin/dead-letters",
                        "POST /api/admin/dead-letters/{id}/retry", "DELETE /api/admin/dead-letters/{id}",
                        "GET /api/admin/projections", "POST /api/admin/projections/{name}/rebuild");
    }

    @ParameterizedTest(name = "{0} declares which user roles may call it")
    @MethodSource("endpoints")
    void everyEndpointDeclaresItsRoles(Endpoints.Endpoint endpoint) {
        assertThat(endpoint.access()).as(endpoint.toString()).containsInstanceOf(EndpointAccess.Users.class);
    }

    @ParameterizedTest(name = "{0} without token: 401")
    @MethodSource("endpoints")
    void withoutATokenEveryEndpointAnswers401(Endpoints.Endpoint endpoint) {
        Api.Answer answer = api.send(endpoint.method(), endpoint.path(), null, null, java.util.Map.of());

        assertThat(answer.status()).as(endpoint.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0} with a role not allowed: 403")
    @MethodSource("endpoints")
    void everyRoleNotAllowedAnswers403(Endpoints.Endpoint endpoint) {
        EndpointAccess.Users users = (EndpointAccess.Users) endpoint.access().orElseThrow();
        for (Role role : Arrays.stream(Role.values()).filter(role -> !users.roles().contains(role)).toList()) {
            Api.Answer answer = api.send(endpoint.method(), endpoint.path(), token(role), null, java.util.Map.of());
            assertThat(answer.status()).as(endpoint + " as " + role).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("FORBIDDEN");
        }
        for (Role role : users.roles()) {
            Api.Answer answer = api.send(endpoint.method(), endpoint.path(), token(role), null, java.util.Map.of());
            assertThat(answer.status()).as(endpoint + " as " + role).isNotIn(401, 403);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJwaG9lbml4Iiwic3ViIjoieCIsInJvbGVzIjpbIkFETUlOIl0sImV4cCI6OTk5OTk5OTk5OX0."
                + "bm90LXRoZS1yaWdodC1zaWduYXR1cmUtYXQtYWxsLWZvcnN1cmU";

        assertThat(api.get("/api/rooms", foreign).status()).isEqualTo(401);
    }
}
