# One build stage for the whole reactor, one small runtime image per service:
#   docker build --target ingest-api -t jobagent/ingest-api .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY schemas/pom.xml schemas/
COPY ingest-api/pom.xml ingest-api/
COPY worker/pom.xml worker/
COPY booking-sim/pom.xml booking-sim/
RUN ./mvnw -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -q -DskipTests -Dspotless.check.skip=true package \
 && mkdir /out \
 && for m in ingest-api worker booking-sim; do \
      cp $(ls $m/target/$m-*.jar | grep -v -- -tests.jar | head -1) /out/$m.jar; \
    done

FROM eclipse-temurin:21-jre AS runtime-base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 jobagent
WORKDIR /app
USER jobagent
# Heaps as measured in bench/RESULTS.md (peak RSS per service); override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError"

FROM runtime-base AS ingest-api
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:+ExitOnOutOfMemoryError"
COPY --from=build /out/ingest-api.jar app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime-base AS worker
ENV JAVA_TOOL_OPTIONS="-Xmx512m -XX:+ExitOnOutOfMemoryError"
COPY --from=build /out/worker.jar app.jar
COPY --chown=jobagent demo-data /app/demo-data
EXPOSE 8081
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM runtime-base AS booking-sim
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:+ExitOnOutOfMemoryError"
COPY --from=build /out/booking-sim.jar app.jar
COPY --chown=jobagent demo-data/booking /app/demo-data/booking
EXPOSE 8089
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
