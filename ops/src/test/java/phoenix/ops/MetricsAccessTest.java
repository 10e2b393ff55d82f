package phoenix.ops;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics endpoint of an app with this module, over real HTTP: the token opens it, nothing else does. */
class MetricsAccessTest {

    @SpringBootApplication
    static class AnApp {
    }

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onlyTheMetricsTokenReadsTheMetricsWhichNameTheApp() throws Exception {
        try (ConfigurableApplicationContext app = start("--phoenix.metrics.token=s3cret-metrics")) {
            HttpResponse<String> withToken = get(app, "Bearer s3cret-metrics");
            HttpResponse<String> wrongToken = get(app, "Bearer guess");
            HttpResponse<String> noToken = get(app, null);

            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("jvm_memory_used_bytes").contains("application=\"an-app\"");
            assertThat(wrongToken.statusCode()).isEqualTo(401);
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(noToken.body()).contains("\"code\":\"UNAUTHENTICATED\"").doesNotContain("jvm_");
        }
    }

    @Test
    void withoutAConfiguredTokenNobodyReadsTheMetrics() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            HttpResponse<String> answer = get(app, "Bearer ");

            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).contains("set phoenix.metrics.token");
        }
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--spring.application.name=an-app";
        all[2] = "--management.endpoints.web.exposure.include=health,prometheus";
        System.arraycopy(arguments, 0, all, 3, arguments.length);
        return new SpringApplicationBuilder(AnApp.class).run(all);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String authorization) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
