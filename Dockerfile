# One image per app, built from this repository:
#
#   docker build --build-arg MODULE=command-side  -t phoenix/command-side  .
#   docker build --build-arg MODULE=query-side    -t phoenix/query-side    .
#   docker build --build-arg MODULE=device-bridge -t phoenix/device-bridge .
#
# docker-compose.yml does the same for all three (build.args.MODULE). The image runs the app's Spring Boot jar
# as an unprivileged user; configure it with environment variables (SPRING_DATASOURCE_URL, SERVER_PORT,
# PHOENIX_..., see docker-compose.yml and .env.example) and pass JVM flags with JAVA_TOOL_OPTIONS.
# Needs BuildKit (the default builder of Docker Engine 23+ and of `docker compose`) for the Maven cache mount.

# ---- stage 1: build the module and the modules it depends on -----------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
RUN case "${MODULE}" in \
      command-side|query-side|device-bridge) ;; \
      *) echo "build arg MODULE must be command-side, query-side or device-bridge (got '${MODULE}')" >&2; exit 1 ;; \
    esac
WORKDIR /src
# Maven reads every module's pom.xml listed in the root pom, even with -pl, so the whole tree is copied
# (.dockerignore keeps target/, .git/ and logs out).
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl "${MODULE}" -am package \
 && set -- "${MODULE}/target/${MODULE}-"*.jar \
 && if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then echo "expected exactly one ${MODULE}/target/${MODULE}-*.jar, found: $*" >&2; exit 1; fi \
 && mkdir -p /out && cp "$1" /out/app.jar

# ---- stage 2: the runtime -----------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
ARG MODULE
LABEL org.opencontainers.image.title="phoenix-${MODULE}" \
      org.opencontainers.image.description="Phoenix ${MODULE} (Spring Boot)"
# The Ubuntu-based temurin images ship curl and wget (docker-compose.yml's healthchecks call curl on
# /actuator/health); install curl only should a future base image drop it.
RUN command -v curl >/dev/null 2>&1 \
 || { apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; }
# A numeric uid/gid so that runtimes enforcing "run as non-root" can check it (the image's own user
# "ubuntu" has 1000).
RUN groupadd --system --gid 10001 phoenix \
 && useradd --system --uid 10001 --gid phoenix --home-dir /app --no-create-home --shell /usr/sbin/nologin phoenix
WORKDIR /app
# owned by root, read-only for the app user
COPY --from=build /out/app.jar /app/app.jar
USER 10001:10001
# Default heap: 75 % of the container's memory limit instead of the JVM's 25 %.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
