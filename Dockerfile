# syntax=docker/dockerfile:1
#
# One image per Medallion program, all from this file:
#
#   docker build --build-arg SERVICE=gold-kpi -t medallion/gold-kpi:0.1.0 .
#
# SERVICE: cdc-capture | bronze-writer | silver-enricher | gold-kpi (the Micronaut services),
# or loadgen (io.medallion.loadgen.LoadGeneratorMain, for docker-compose).
# assemble.sh builds bronze-writer with its object-stores profile (s3a, abfss and gs connectors).
# The image runs as uid 10001 from /app (app.jar + lib/); Kafka Streams keeps its state in
# /var/lib/medallion/state and the local lakehouse lives under /var/lib/medallion/lake, both
# created here owned by that user so a fresh named volume mounted there inherits the ownership.

ARG SERVICE=cdc-capture

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The Maven repository is a build cache, never a layer of the image.
RUN --mount=type=cache,target=/root/.m2 \
    sh deploy/docker/assemble.sh "$SERVICE" /out -q

FROM eclipse-temurin:17-jre
ARG SERVICE
LABEL org.opencontainers.image.title="medallion-${SERVICE}" \
      org.opencontainers.image.description="Medallion ${SERVICE}: PostgreSQL changes into a Delta Lake lakehouse through Kafka" \
      org.opencontainers.image.version="0.1.0"
RUN groupadd --system --gid 10001 medallion \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin medallion \
    && mkdir -p /var/lib/medallion/state /var/lib/medallion/lake \
    && chown -R 10001:10001 /var/lib/medallion
WORKDIR /app
COPY --from=build /out/lib/ /app/lib/
COPY --from=build /out/app.jar /app/app.jar
COPY --chmod=0755 deploy/docker/healthcheck /app/healthcheck
USER 10001:10001
EXPOSE 8080
# Heap follows the container's memory limit (60 %: Kafka clients, Netty and RocksDB live off the
# heap; -Xmx in JAVA_TOOL_OPTIONS overrides it); an OutOfMemoryError ends the JVM so the
# orchestrator restarts it instead of leaving a half-working service behind.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60.0", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
