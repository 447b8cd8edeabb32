# The pipeline's container image. Its entrypoint is the app's command line, so
#   docker run IMAGE run        is ./pipeline run       (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL)
#   docker run IMAGE simulate   is ./pipeline simulate
#   docker run IMAGE topics     is ./pipeline topics
# and every option has its environment variable (PIPELINE_<OPTION>, KAFKA_* for client properties).
# Build from the repository root: docker build -t asn-pipeline .
# Works with the classic builder too (docker-compose v1), so no BuildKit-only syntax.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# The poms alone first: this layer downloads the plugins and dependencies and is rebuilt only when
# a pom changes, not on every source change. The empty avro directories keep avro-maven-plugin
# from failing on a module without schemas.
COPY pom.xml ./
COPY .mvn .mvn
COPY config config
COPY schemas/pom.xml schemas/pom.xml
COPY streams-app/pom.xml streams-app/pom.xml
RUN mkdir -p schemas/src/main/avro streams-app/src/main/avro \
    && mvn -B -q -DskipTests package \
    && rm -rf schemas/target streams-app/target

COPY schemas schemas
COPY streams-app streams-app
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre

# A fixed, unprivileged user (not the base image's uid 1000) that owns only the state directory.
RUN groupadd --system --gid 10001 asn \
    && useradd --system --uid 10001 --gid asn --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin asn \
    && mkdir -p /var/lib/asn-pipeline \
    && chown asn:asn /var/lib/asn-pipeline

WORKDIR /app
# The jar's manifest puts lib/*.jar on its class path, as in streams-app/target.
COPY --from=build /src/streams-app/target/lib /app/lib
COPY --from=build /src/streams-app/target/streams-app.jar /app/streams-app.jar

# Kafka Streams' state stores live here (--data-dir); mount a volume to keep them across restarts.
ENV PIPELINE_DATA_DIR=/var/lib/asn-pipeline
USER asn:asn
# /metrics, /health/live, /health/ready of `run`
EXPOSE 8080
# JAVA_TOOL_OPTIONS adds JVM options (e.g. -Xmx2g); the heap defaults to 75 % of the container's memory.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/streams-app.jar"]
CMD ["--help"]
