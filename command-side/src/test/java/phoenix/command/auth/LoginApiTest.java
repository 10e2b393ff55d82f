package phoenix.command.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import phoenix.command.CommandSideTest;
import phoenix.platform.testing.Api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LoginApiTest extends CommandSideTest {

    @Autowired
    private AdminBootstrap bootstrap;

    private List<Map<String, Object>> authEvents(UUID account) {
        return jdbc.sql("SELECT * FROM audit.auth_events WHERE account_id = ? ORDER BY id").param(account)
                .query().listOfRows();
    }

    private UUID accountId(String email) {
        return jdbc.sql("SELECT id FROM auth.accounts WHERE lower(email) = lower(?)").param(email)
                .query(UUID.class).single();
    }

    @Test
    void theBootstrapAdminLogsInAndItsTokenWorksOnTheApi() {
        Api.Answer login = api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("roles").get(0).asText()).isEqualTo("ADMIN");
        assertThat(login.body().path("expiresIn").asLong()).isEqualTo(8 * 3600);
        String token = login.body().path("accessToken").asText();
        assertThat(api.post("/api/rooms", token, Map.of("name", unique("Foyer"), "capacity", 50)).status())
                .isEqualTo(201);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Api.Answer wrongPassword = api.post("/api/auth/login", null, Map.of("email", ADMIN_EMAIL, "password", "guess-guess-guess"));
        Api.Answer unknown = api.post("/api/auth/login", null, Map.of("email", "nobody@x.example", "password", "guess-guess-guess"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().path("detail")).isEqualTo(wrongPassword.body().path("detail"));
    }

    @Test
    void loginsAndFailedLoginsAreAuditedWithoutPasswordOrEmail() {
        String email = "erzieherin-" + UUID.randomUUID() + "@schule.example";
        String password = "Sonnenblume-2026";
        assertThat(api.post("/api/accounts", admin, Map.of("email", email, "password", password,
                "roles", List.of("STAFF"))).status()).isEqualTo(201);
        UUID account = accountId(email);

        long unknownBefore = unknownAccountFailures();
        api.post("/api/auth/login", null, Map.of("email", email, "password", "Sonnenblume-2025"));
        api.login(email, password);
        api.post("/api/auth/login", null, Map.of("email", "x" + email, "password", password));

        List<Map<String, Object>> events = authEvents(account);
        assertThat(events).extracting(e -> e.get("kind"))
                .containsExactly("ACCOUNT_CREATED", "LOGIN_FAILED", "LOGIN_SUCCEEDED");
        assertThat(events.get(1).get("reason")).isEqualTo("WRONG_PASSWORD");
        assertThat(events.toString()).doesNotContain(password, "Sonnenblume", email);
        assertThat(unknownAccountFailures()).isEqualTo(unknownBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit.auth_events WHERE remote_address IS NULL "
                + "AND kind LIKE 'LOGIN%'").query(Long.class).single()).isZero();
    }

    private long unknownAccountFailures() {
        return jdbc.sql("SELECT count(*) FROM audit.auth_events WHERE kind = 'LOGIN_FAILED' "
                + "AND reason = 'UNKNOWN_ACCOUNT'").query(Long.class).single();
    }

    @Test
    void anAdminCreatesAStaffAccountLinkedToAStaffMember() {
        UUID staff = registerStaff("Sabine", "Vogel", true);
        String email = "sabine-" + UUID.randomUUID() + "@schule.example";

        Api.Answer created = api.post("/api/accounts", admin, Map.of("email", email, "password", "Regenbogen-7",
                "roles", List.of("STAFF"), "staffId", staff));
        Api.Answer login = api.post("/api/auth/login", null, Map.of("email", email.toUpperCase(), "password", "Regenbogen-7"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(login.body().path("roles").toString()).isEqualTo("[\"STAFF\"]");
        String[] parts = login.body().path("accessToken").asText().split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims).contains("\"staffId\":\"" + staff + "\"");
    }

    @Test
    void passwordsShorterThanTenCharactersAreRefused() {
        Api.Answer answer = api.post("/api/accounts", admin, Map.of("email", "kurz@schule.example",
                "password", "123456789", "roles", List.of("STAFF")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("PASSWORD_TOO_SHORT");
    }

    @Test
    void anEmailHasOneAccountIgnoringCase() {
        String email = "doppelt-" + UUID.randomUUID() + "@schule.example";
        api.post("/api/accounts", admin, Map.of("email", email, "password", "Passwort-123", "roles", List.of("STAFF")));

        Api.Answer again = api.post("/api/accounts", admin, Map.of("email", email.toUpperCase(),
                "password", "Passwort-456", "roles", List.of("COMPLIANCE_OFFICER")));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void anAccountForAnUnknownStaffMemberIs404() {
        Api.Answer answer = api.post("/api/accounts", admin, Map.of("email", "geist@schule.example",
                "password", "Passwort-123", "roles", List.of("STAFF"), "staffId", UUID.randomUUID()));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("STAFF_NOT_FOUND");
    }

    @Test
    void anAccountNeedsARoleAndAValidEmail() {
        assertThat(api.post("/api/accounts", admin, Map.of("email", "ohne-rolle@schule.example",
                "password", "Passwort-123", "roles", List.of())).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/accounts", admin, Map.of("email", "keine-mail",
                "password", "Passwort-123", "roles", List.of("STAFF"))).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/accounts", admin, Map.of("email", "falsche-rolle@schule.example",
                "password", "Passwort-123", "roles", List.of("JANITOR"))).code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void aDeactivatedAccountCannotLogIn() {
        String email = "ehemalig-" + UUID.randomUUID() + "@schule.example";
        api.post("/api/accounts", admin, Map.of("email", email, "password", "Passwort-123", "roles", List.of("STAFF")));
        jdbc.sql("UPDATE auth.accounts SET active = FALSE WHERE email = ?").param(email).update();

        Api.Answer answer = api.post("/api/auth/login", null, Map.of("email", email, "password", "Passwort-123"));

        assertThat(answer.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(authEvents(accountId(email)).get(1).get("reason")).isEqualTo("ACCOUNT_INACTIVE");
    }

    @Test
    void tokensThatAreForgedOrExpiredAreRefused() {
        String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZhbHNjaA";
        String alg = "eyJhbGciOiJub25lIn0"; // {"alg":"none"}
        String unsigned = alg + admin.substring(admin.indexOf('.'), admin.lastIndexOf('.') + 1);

        assertThat(api.post("/api/rooms", forged, Map.of("name", "X", "capacity", 1)).status()).isEqualTo(401);
        assertThat(api.post("/api/rooms", unsigned, Map.of("name", "X", "capacity", 1)).status()).isEqualTo(401);
        assertThat(api.post("/api/rooms", "not-a-token", Map.of("name", "X", "capacity", 1)).code())
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void bootstrapCreatesTheFirstAdminOnlyOnce() throws Exception {
        bootstrap.run(null);

        assertThat(jdbc.sql("SELECT count(*) FROM auth.accounts WHERE 'ADMIN' = ANY(roles) AND created_by IS NULL")
                .query(Long.class).single()).isEqualTo(1);
    }
}
