package phoenix.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The deployment files (docker-compose.yml, Dockerfile, docker/mosquitto/*) checked against the apps they deploy,
 * without Docker: every variable handed to an app is a property the app has, ports agree everywhere, the broker
 * runs the project's own configuration (which does not lose queued QoS 1 messages), and each image is built from
 * the module its service names.
 *
 * <p>The {@code PHOENIX_*} variables are checked against the metadata that spring-boot-configuration-processor
 * writes at compile time ({@code <module>/target/classes/META-INF/spring-configuration-metadata.json}), so the
 * modules must have been compiled first (the reactor builds them before this module).
 */
class ComposeFileTest {

    private static final List<String> SERVICES =
            List.of("postgres", "mosquitto", "command-side", "query-side", "device-bridge", "prometheus", "grafana");

    /** The Spring Boot properties (not Phoenix's own) that the compose file may set, as environment variables. */
    private static final Set<String> SPRING_PROPERTIES = Set.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password", "server.port");

    private static final Pattern HEALTH_URL =
            Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)/actuator/health\\b");

    private static Path root;
    private static Map<String, Object> compose;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = Projects.root();
        compose = yaml(root.resolve("docker-compose.yml"));
    }

    @Test
    void composeFileParsesAndHasExactlyItsServices() {
        assertThat(compose).as("Compose spec: no top-level version key").doesNotContainKey("version");
        assertThat(map(compose, "services").keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"command-side", "query-side", "device-bridge"})
    void publishedPortEqualsServerPortHealthcheckPortAndTheAppsDefaultPort(String app) throws IOException {
        Map<String, Object> service = service(app);

        String containerPort = environment(app).get("SERVER_PORT");
        if (app.equals("device-bridge")) {
            // several instances may run (one leads, the others stand by): none may claim a host port
            assertThat(service).as("device-bridge publishes no port").doesNotContainKey("ports");
        } else {
            List<?> ports = list(service, "ports");
            assertThat(ports).as("%s publishes exactly one port", app).hasSize(1);
            String[] mapping = String.valueOf(ports.get(0)).split(":");
            assertThat(mapping[mapping.length - 2]).as("%s: host port = container port", app)
                    .isEqualTo(mapping[mapping.length - 1]);
            assertThat(containerPort).as("%s: SERVER_PORT", app).isEqualTo(mapping[mapping.length - 1]);
        }

        String healthcheck = String.join(" ", stringList(map(service, "healthcheck"), "test"));
        Matcher url = HEALTH_URL.matcher(healthcheck);
        assertThat(url.find()).as("%s: healthcheck calls /actuator/health: %s", app, healthcheck).isTrue();
        assertThat(url.group(1)).as("%s: port in the healthcheck", app).isEqualTo(containerPort);

        Path applicationYml = root.resolve(app).resolve("src/main/resources/application.yml");
        assertThat(applicationYml).as("%s has no application.yml", app).isRegularFile();
        Object defaultPort = map(yaml(applicationYml), "server").get("port");
        assertThat(String.valueOf(defaultPort)).as("%s: server.port in %s", app, root.relativize(applicationYml))
                .isEqualTo(containerPort);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"command-side", "query-side", "device-bridge"})
    void everyEnvironmentVariableOfAnAppIsAPropertyTheAppHas(String app) throws IOException {
        Set<String> phoenixProperties = phoenixProperties(app);
        Map<String, String> known = new HashMap<>();
        SPRING_PROPERTIES.forEach(property -> known.put(normalise(property), property));
        phoenixProperties.forEach(property -> known.put(normalise(property), property));

        Map<String, String> environment = environment(app);
        assertThat(environment).as("%s gets no environment", app).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (String variable : environment.keySet()) {
            String property = known.get(normalise(variable));
            boolean allowed = property != null
                    && (variable.startsWith("PHOENIX_") ? phoenixProperties.contains(property)
                    : SPRING_PROPERTIES.contains(property));
            if (!allowed) {
                unknown.add(variable);
            }
        }
        assertThat(unknown)
                .as("variables of %s that match no property of the app (its phoenix.* properties: %s)",
                        app, new TreeSet<>(phoenixProperties))
                .isEmpty();
    }

    @Test
    void commandSideAndQuerySideGetTheSameRequiredJwtSecret() {
        String commandSide = environment("command-side").get("PHOENIX_SECURITY_JWT_SECRET");
        String querySide = environment("query-side").get("PHOENIX_SECURITY_JWT_SECRET");
        assertThat(commandSide).as("command-side's PHOENIX_SECURITY_JWT_SECRET").isNotNull();
        assertThat(querySide).as("query-side's tokens come from command-side: same key").isEqualTo(commandSide);
        assertThat(commandSide).as("required (${VAR:?message}), never a default key")
                .matches("\\$\\{[A-Z0-9_]+:\\?[^}]*}");
    }

    @Test
    void appsWaitForAHealthyDatabaseAndTheBridgeAlsoForAHealthyBroker() {
        for (String app : List.of("command-side", "query-side", "device-bridge")) {
            Map<String, Object> dependsOn = map(service(app), "depends_on");
            assertThat(map(dependsOn, "postgres")).as("%s depends on postgres", app)
                    .containsEntry("condition", "service_healthy");
        }
        assertThat(map(map(service("device-bridge"), "depends_on"), "mosquitto"))
                .containsEntry("condition", "service_healthy");
        assertThat(map(service("postgres"), "healthcheck")).containsKey("test");
        assertThat(map(service("mosquitto"), "healthcheck")).containsKey("test");
    }

    @Test
    void mosquittoServiceRunsTheProjectsConfigMountedReadOnly() {
        Map<String, Object> mosquitto = service("mosquitto");
        assertThat(mosquitto.get("image")).isEqualTo("eclipse-mosquitto:2");
        Map<String, String> mounts = bindMounts(mosquitto);
        assertThat(mounts).as("bind mounts of the mosquitto service (container path -> host file)")
                .containsKey("/mosquitto/config/mosquitto.conf");
        assertThat(root.resolve(mounts.get("/mosquitto/config/mosquitto.conf")).normalize())
                .isEqualTo(root.resolve("docker/mosquitto/mosquitto.conf"));
        assertThat(stringList(mosquitto, "volumes"))
                .as("the config is mounted read-only")
                .contains("./docker/mosquitto/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro");
        assertThat(startScript(mosquitto)).as("the broker is started with that config")
                .contains("mosquitto -c /mosquitto/config/mosquitto.conf");
    }

    @Test
    void mosquittoConfigPersistsQueuesAtLeastTenThousandMessagesAndRefusesAnonymousClients() throws IOException {
        Map<String, List<String>> conf = mosquittoConf(root.resolve("docker/mosquitto/mosquitto.conf"));
        assertThat(conf.get("persistence")).as("persistence").containsExactly("true");
        assertThat(Long.parseLong(conf.get("max_queued_messages").get(0))).as("max_queued_messages")
                .isGreaterThanOrEqualTo(10_000);
        assertThat(conf.get("max_queued_bytes")).as("max_queued_bytes").containsExactly("0");
        assertThat(conf.get("max_inflight_messages")).as("unlimited in flight: in order").containsExactly("0");
        assertThat(conf.get("allow_anonymous")).as("allow_anonymous").containsExactly("false");
        assertThat(conf.get("listener")).as("Mosquitto 2 needs the listener stated").containsExactly("1883");

        Map<String, Object> mosquitto = service("mosquitto");
        assertThat(conf.get("persistence_location").get(0)).as("persistence in the service's named volume")
                .startsWith("/mosquitto/data");
        assertThat(stringList(mosquitto, "volumes")).anyMatch(volume -> volume.matches("[a-z0-9-]+:/mosquitto/data"));
    }

    @Test
    void mosquittoPasswordFileIsGeneratedWhereTheConfigReadsItAndTheAclIsTheProjectsOwn() throws IOException {
        Map<String, List<String>> conf = mosquittoConf(root.resolve("docker/mosquitto/mosquitto.conf"));
        Map<String, Object> mosquitto = service("mosquitto");
        String passwordFile = conf.get("password_file").get(0);
        assertThat(startScript(mosquitto)).as("the start script writes the password file the config names")
                .contains("mosquitto_passwd -b -c " + passwordFile + " phoenix-bridge ");
        assertThat(environment("mosquitto")).containsKey("MQTT_BRIDGE_PASSWORD");
        assertThat(environment("mosquitto").get("MQTT_BRIDGE_PASSWORD"))
                .as("the bridge logs in with the broker's bridge password")
                .isEqualTo(environment("device-bridge").get("PHOENIX_MQTT_PASSWORD"));
        assertThat(environment("device-bridge").get("PHOENIX_MQTT_USERNAME")).isEqualTo("phoenix-bridge");
        assertThat(root.resolve("docker/mosquitto/passwd")).as("no password file in the repository").doesNotExist();

        String aclFile = conf.get("acl_file").get(0);
        assertThat(bindMounts(mosquitto)).containsKey(aclFile);
        assertThat(root.resolve(bindMounts(mosquitto).get(aclFile)).normalize())
                .isEqualTo(root.resolve("docker/mosquitto/acl"));
    }

    @Test
    void aclLetsTheBridgeReadTapsAndStatusWriteResultsAndKeepsEachDeviceOnItsOwnTopics() throws IOException {
        List<String> rules = Files.readAllLines(root.resolve("docker/mosquitto/acl")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.replaceAll("\\s+", " ")).toList();
        int bridge = rules.indexOf("user phoenix-bridge");
        assertThat(bridge).as("a section for the bridge's account").isNotNegative();
        assertThat(rules.subList(bridge, rules.size())).contains(
                "topic read phoenix/devices/+/taps",
                "topic read phoenix/devices/+/status",
                "topic write phoenix/devices/+/results");
        assertThat(rules).contains(
                "pattern write phoenix/devices/%u/taps",
                "pattern write phoenix/devices/%u/status",
                "pattern read phoenix/devices/%u/results");
        assertThat(rules).as("no rule opens a wildcard to everyone")
                .noneMatch(rule -> rule.startsWith("pattern") && rule.contains("+"))
                .noneMatch(rule -> rule.contains("#"));
    }

    @Test
    void prometheusScrapesEveryInstanceOfTheThreeAppsWithTheMetricsToken() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(root.resolve("docker/prometheus/prometheus.yml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> prometheus = service("prometheus");
        assertThat(bindMounts(prometheus)).containsEntry("/etc/prometheus/prometheus.yml",
                "./docker/prometheus/prometheus.yml");
        for (String app : List.of("command-side", "query-side", "device-bridge")) {
            Map<String, Object> job = jobs.stream().filter(it -> app.equals(it.get("job_name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no scrape job for " + app));
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            @SuppressWarnings("unchecked")
            String credentials = ((Map<String, String>) job.get("authorization")).get("credentials_file");
            assertThat(startScript(prometheus)).as("the start script writes the token file the job reads")
                    .contains("> " + credentials);
            assertThat(job.toString()).as("every instance, found by DNS").contains("names=[" + app + "]");
            assertThat(environment(app).get("PHOENIX_METRICS_TOKEN")).as(app + "'s metrics token")
                    .isEqualTo(environment("prometheus").get("PHOENIX_METRICS_TOKEN"));
        }
        assertThat(bindMounts(service("grafana"))).containsEntry("/var/lib/grafana/dashboards",
                "./docker/grafana/dashboards");
        assertThat(DashboardMetrics.dashboard()).exists();
    }

    @Test
    void localConfigListensOnLoopbackOnlyAndKeepsTheQueueLimits() throws IOException {
        Map<String, List<String>> local = mosquittoConf(root.resolve("docker/mosquitto/local.conf"));
        assertThat(local.get("listener")).as("listener").containsExactly("1883 127.0.0.1");
        assertThat(local.get("persistence")).as("persistence").containsExactly("true");
        assertThat(Long.parseLong(local.get("max_queued_messages").get(0))).as("max_queued_messages")
                .isGreaterThanOrEqualTo(10_000);
        assertThat(local.get("max_inflight_messages")).as("unlimited in flight: in order").containsExactly("0");
    }

    @Test
    void dockerfileBuildsTheModuleNamedByEachAppServicesModuleBuildArg() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        String rootPom = Files.readString(root.resolve("pom.xml"));
        List<String> stages = List.of(dockerfile.split("(?m)^FROM "));
        assertThat(stages).as("a build stage and a runtime stage").hasSizeGreaterThanOrEqualTo(3);
        String build = stages.get(stages.size() - 2);
        assertThat(build).startsWith("maven:3.9-eclipse-temurin-17")
                .containsPattern("(?m)^ARG MODULE\\s*$")
                .contains("mvn -B -q -DskipTests -pl \"${MODULE}\" -am package");
        Matcher accepted = Pattern.compile("(?m)^\\s*([a-z-]+(?:\\|[a-z-]+)*)\\)\\s*;;").matcher(build);
        assertThat(accepted.find()).as("the Dockerfile checks MODULE against a list").isTrue();
        List<String> acceptedModules = List.of(accepted.group(1).split("\\|"));

        for (String app : List.of("command-side", "query-side", "device-bridge")) {
            Map<String, Object> buildSection = map(service(app), "build");
            assertThat(root.resolve(String.valueOf(buildSection.get("context"))).normalize())
                    .as("%s is built from the repository root, where the Dockerfile is", app).isEqualTo(root);
            assertThat(buildSection.getOrDefault("dockerfile", "Dockerfile")).isEqualTo("Dockerfile");
            String module = String.valueOf(map(buildSection, "args").get("MODULE"));
            assertThat(module).as("%s builds its own module", app).isEqualTo(app);
            assertThat(acceptedModules).as("the Dockerfile accepts MODULE=%s", module).contains(module);
            assertThat(rootPom).as("%s is a module of the root pom", module).contains("<module>" + module + "</module>");
            assertThat(root.resolve(module).resolve("pom.xml")).isRegularFile();
        }
    }

    @Test
    void dockerfileRunsTheJarAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM ") + 1);
        assertThat(runtime).startsWith("FROM eclipse-temurin:17-jre").contains("/app/app.jar");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(runtime);
        assertThat(user.find()).as("USER in the runtime stage").isTrue();
        assertThat(user.group(1)).doesNotMatch("(root|0)(:.*)?");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The phoenix.* properties an app has: its own, the platform's if it uses it, and the ops module's (all do). */
    private static Set<String> phoenixProperties(String module) throws IOException {
        Set<String> properties = new TreeSet<>(metadataProperties(module));
        Path pom = root.resolve(module).resolve("pom.xml");
        if (Files.readString(pom).contains("<artifactId>platform</artifactId>")) {
            properties.addAll(metadataProperties("platform"));
        }
        properties.addAll(metadataProperties("ops"));
        return properties;
    }

    private static Set<String> metadataProperties(String module) throws IOException {
        Path metadata = root.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
        if (!Files.isRegularFile(metadata)) {
            fail("%s is missing: compile the module first (mvn compile -pl %s), and make sure its pom has "
                    + "spring-boot-configuration-processor, which writes it", root.relativize(metadata), module);
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode property : new ObjectMapper().readTree(metadata.toFile()).path("properties")) {
            names.add(property.path("name").asText());
        }
        return names;
    }

    /** Spring's relaxed binding, loosely: PHOENIX_SECURITY_JWT_SECRET and phoenix.security.jwt-secret agree. */
    private static String normalise(String name) {
        return name.replaceAll("[-._]", "").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> service(String name) {
        return map(map(compose, "services"), name);
    }

    /** The service's environment as written in the file (uninterpolated), from the map or the list form. */
    private static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String[] pair = String.valueOf(entry).split("=", 2);
                result.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        }
        return result;
    }

    /** Short-syntax bind mounts (./host:container[:mode]) as container path -> host path. */
    private static Map<String, String> bindMounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (String volume : stringList(service, "volumes")) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    /** What the container runs: entrypoint and command, as one text. */
    private static String startScript(Map<String, Object> service) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("entrypoint", "command")) {
            Object value = service.get(key);
            if (value instanceof List<?> items) {
                items.forEach(item -> parts.add(String.valueOf(item)));
            } else if (value != null) {
                parts.add(String.valueOf(value));
            }
        }
        return String.join(" ", parts);
    }

    /** A mosquitto config file as option -> values (one per line that sets it), comments left out. */
    private static Map<String, List<String>> mosquittoConf(Path file) throws IOException {
        assertThat(file).isRegularFile();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] option = stripped.split("\\s+", 2);
            options.computeIfAbsent(option[0], key -> new ArrayList<>()).add(option.length > 1 ? option[1] : "");
        }
        return options;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml().load(reader);
            assertThat(document).as("%s is a YAML mapping", file).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            return map;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("'%s' is a mapping (in %s)", key, parent.keySet()).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("'%s' is a list", key).isInstanceOf(List.class);
        return (List<?>) value;
    }

    private static List<String> stringList(Map<String, Object> parent, String key) {
        return list(parent, key).stream().map(String::valueOf).toList();
    }
}
