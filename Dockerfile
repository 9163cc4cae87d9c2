# One multi-stage Dockerfile for both signers; docker-compose.yml picks the service:
#   docker build --build-arg SERVICE=signer-eddsa --build-arg PORT=8082 -t frost/signer-eddsa .
# Build stage: the project's own Maven reactor, tests skipped (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE=signer-ecdsa-schnorr
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl "${SERVICE}" -am package \
 && cp "${SERVICE}/target/${SERVICE}.jar" /app.jar

# Runtime stage: the JRE only. eclipse-temurin does not promise curl or wget, so the health
# check runs the JRE itself (dev.frostsandbox.signer.ops.HealthProbe inside the jar).
FROM eclipse-temurin:17-jre
ARG PORT=8081
# a fixed numeric uid lets Kubernetes verify runAsNonRoot
RUN groupadd --system --gid 10001 signer \
 && useradd --system --uid 10001 --gid signer --no-create-home --shell /usr/sbin/nologin signer
COPY --from=build /app.jar /app/app.jar
# AppCDS: the classes of one run of the service (a cold session of every suite, errors included,
# driven by dev.frostsandbox.client.ColdSession) are archived at build time, so every container start maps them instead of loading them (start to
# ready about 40 % faster; docs/benchmarks.md). Same JVM and jar at build and run, as CDS requires.
COPY scripts/cds-archive.sh /app/cds-archive.sh
RUN bash /app/cds-archive.sh /app/app.jar /app/app.jsa && chmod 444 /app/app.jsa
USER 10001:10001
EXPOSE ${PORT}
ENV SIGNER_HTTP_PORT=${PORT}
# in-memory DKGs and signatures of every suite on a background thread right after start (never
# the store): the first clients find the engine compiled; SIGNER_WARMUP=false turns it off
ENV SIGNER_WARMUP=true
# exec form: java is PID 1 and gets SIGTERM itself (drains in-flight requests, exits 0)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
