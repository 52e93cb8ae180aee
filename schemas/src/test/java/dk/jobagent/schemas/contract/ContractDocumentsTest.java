package dk.jobagent.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.messages.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * openapi.yaml and asyncapi.yaml describe SPEC §2, §3 and §7: every path, header, status and
 * channel is there, the published patterns are the seed's, and every {@code $ref} (inside the
 * documents, into the JSON Schemas, and between the JSON Schemas) resolves.
 */
class ContractDocumentsTest {

  private static final Path OPENAPI = Path.of("openapi.yaml");
  private static final Path ASYNCAPI = Path.of("asyncapi.yaml");
  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Map<Path, JsonNode> documents = new HashMap<>();

  private JsonNode load(Path path) {
    return documents.computeIfAbsent(
        path.toAbsolutePath().normalize(),
        p -> (p.toString().endsWith(".json") ? JSON : YAML).readTree(p.toFile()));
  }

  private JsonNode openapi() {
    return load(OPENAPI);
  }

  /** Follows one {@code $ref} (relative to {@code base}); fails if it does not resolve. */
  private JsonNode resolve(Path base, String ref) {
    int hash = ref.indexOf('#');
    String file = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    Path target = file.isEmpty() ? base : base.toAbsolutePath().getParent().resolve(file);
    assertThat(target).as("$ref %s from %s", ref, base).isRegularFile();
    JsonNode node = load(target).at(pointer);
    assertThat(node.isMissingNode()).as("$ref %s from %s", ref, base).isFalse();
    return node;
  }

  /** An OpenAPI object, following a local {@code $ref} if it is one. */
  private JsonNode deref(JsonNode node) {
    return node.has("$ref") ? resolve(OPENAPI, node.get("$ref").asString()) : node;
  }

  // --- OpenAPI -------------------------------------------------------------------------------

  @Test
  void openApiIs31() {
    assertThat(openapi().path("openapi").asString()).startsWith("3.1.");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/v1/Jobagent, get",
    "/v1/Jobagent, post",
    "/v1/Jobagent, delete",
    "/v1/UpdateJobagent, put",
    "/v1/UpdateJobagent, delete",
    "/v1/receipts/{requestId}, get",
    "/v1/bulk-files, post",
    "/v1/bulk-files/{id}, get",
    "/v1/bulk-files/{id}/result, get"
  })
  void everySpecPathAndMethodIsDescribed(String path, String method) {
    JsonNode operation = openapi().path("paths").path(path).path(method);
    assertThat(operation.isObject()).as(method + " " + path).isTrue();
    assertThat(operation.path("responses").isObject()).isTrue();
    assertThat(operation.path("security").isArray()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/v1/Jobagent, post, match.jobagent.write, true",
    "/v1/UpdateJobagent, put, match.jobagent.write, true",
    "/v1/UpdateJobagent, delete, match.jobagent.write, true",
    "/v1/Jobagent, delete, match.jobagent.write, true",
    "/v1/Jobagent, get, match.jobagent.read, false"
  })
  void jobagentCallsCarryTheHeadersAndScopes(
      String path, String method, String scope, boolean write) {
    JsonNode operation = openapi().path("paths").path(path).path(method);
    Map<String, JsonNode> headers = new HashMap<>();
    for (JsonNode parameter : operation.path("parameters")) {
      JsonNode p = deref(parameter);
      if (p.path("in").asString().equals("header")) {
        headers.put(p.path("name").asString(), p);
      }
    }
    JsonNode cpr = headers.get("x-civilRegistrationIdentifier");
    assertThat(cpr).isNotNull();
    assertThat(cpr.path("required").asBoolean()).isTrue();
    assertThat(
            resolve(OPENAPI, cpr.path("schema").path("$ref").asString()).path("pattern").asString())
        .isEqualTo("^(" + SeedPatterns.CPR + ")$");
    if (write) {
      JsonNode requestId = headers.get("x-requestId");
      assertThat(requestId).as("x-requestId on " + method + " " + path).isNotNull();
      assertThat(requestId.path("required").asBoolean()).isTrue();
      JsonNode schema = resolve(OPENAPI, requestId.path("schema").path("$ref").asString());
      assertThat(schema.path("minLength").asInt()).isEqualTo(1);
      assertThat(schema.path("maxLength").asInt()).isEqualTo(46);
      JsonNode accepted = deref(operation.path("responses").path("202"));
      assertThat(accepted.path("headers").has("Location")).isTrue();
      assertThat(accepted.path("headers").has("Retry-After")).isTrue();
      for (String status : List.of("400", "401", "403", "412", "413", "415", "429", "503")) {
        JsonNode response = deref(operation.path("responses").path(status));
        assertThat(response.path("content").has("application/problem+json"))
            .as(status + " of " + method + " " + path)
            .isTrue();
      }
    } else {
      assertThat(headers).doesNotContainKey("x-requestId");
      assertThat(operation.path("responses").has("200")).isTrue();
      assertThat(operation.path("responses").has("404")).isTrue();
    }
    List<String> scopes = new ArrayList<>();
    operation
        .path("security")
        .forEach(
            r -> r.properties().forEach(e -> e.getValue().forEach(s -> scopes.add(s.asString()))));
    assertThat(scopes).isNotEmpty().allMatch(scope::equals);
  }

  @Test
  void bodiesAreTheJsonSchemas() {
    JsonNode paths = openapi().path("paths");
    assertThat(
            paths
                .at("/~1v1~1Jobagent/post/requestBody/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("./json/create-jobagent-request.schema.json");
    assertThat(
            paths
                .at("/~1v1~1UpdateJobagent/put/requestBody/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("./json/update-jobagent-request.schema.json");
    assertThat(paths.at("/~1v1~1UpdateJobagent/delete").has("requestBody")).isFalse();
    assertThat(
            openapi()
                .at("/components/responses/Accepted/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("./json/accepted.schema.json");
    assertThat(
            paths
                .at(
                    "/~1v1~1receipts~1{requestId}/get/responses/200/content/application~1json/schema/$ref")
                .asString())
        .isEqualTo("./json/receipt.schema.json");
  }

  @Test
  void receiptsHonourPreferWait() {
    JsonNode operation = openapi().at("/paths/~1v1~1receipts~1{requestId}/get");
    Set<String> names = new HashSet<>();
    operation.path("parameters").forEach(p -> names.add(deref(p).path("name").asString()));
    assertThat(names).contains("requestId", "Prefer");
    JsonNode prefer = openapi().at("/components/parameters/PreferWait");
    assertThat(prefer.path("in").asString()).isEqualTo("header");
    assertThat(prefer.path("description").asString()).contains("wait=N").contains("30");
    JsonNode ok = operation.at("/responses/200");
    assertThat(ok.path("headers").has("Preference-Applied")).isTrue();
    assertThat(ok.path("headers").has("Retry-After")).isTrue();
  }

  @Test
  void preconditionFailedCarriesTheReceiptAndTheReusedType() {
    JsonNode response = openapi().at("/components/responses/RequestIdSeen");
    assertThat(response.path("description").asString())
        .contains("https://jobagent.dk/problems/request-id-reused");
    JsonNode schema = response.at("/content/application~1problem+json/schema");
    assertThat(schema.toString()).contains("receipt");
    assertThat(resolve(OPENAPI, "./json/problem.schema.json#/properties/receipt").isObject())
        .isTrue();
  }

  @Test
  void securitySchemesAndScopes() {
    JsonNode schemes = openapi().at("/components/securitySchemes");
    assertThat(schemes.at("/bearerJwt/type").asString()).isEqualTo("http");
    assertThat(schemes.at("/bearerJwt/scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.at("/bearerJwt/bearerFormat").asString()).isEqualTo("JWT");
    Set<String> scopes = new HashSet<>();
    schemes
        .at("/oauth2/flows/clientCredentials/scopes")
        .properties()
        .forEach(e -> scopes.add(e.getKey()));
    assertThat(scopes)
        .containsExactlyInAnyOrder("match.jobagent.write", "match.jobagent.read", "jobagent.admin");
  }

  // --- AsyncAPI ------------------------------------------------------------------------------

  @Test
  void asyncApiDescribesTheTopology() {
    JsonNode asyncapi = load(ASYNCAPI);
    assertThat(asyncapi.path("asyncapi").asString()).isEqualTo("3.0.0");
    Map<String, String> exchanges = new HashMap<>();
    Map<String, JsonNode> queues = new HashMap<>();
    asyncapi
        .path("channels")
        .properties()
        .forEach(
            e -> {
              JsonNode amqp = e.getValue().at("/bindings/amqp");
              if (amqp.path("is").asString().equals("routingKey")) {
                exchanges.put(
                    amqp.at("/exchange/name").asString(), amqp.at("/exchange/type").asString());
              } else {
                queues.put(amqp.at("/queue/name").asString(), amqp.path("queue"));
              }
            });
    assertThat(exchanges)
        .containsEntry(Topology.COMMAND_EXCHANGE, "direct")
        .containsEntry(Topology.RETRY_EXCHANGE, "direct")
        .containsEntry(Topology.DEAD_LETTER_EXCHANGE, "fanout")
        .containsEntry(Topology.RECEIPT_EXCHANGE, "topic");
    assertThat(queues)
        .containsKeys(
            Topology.COMMAND_QUEUE, Topology.BOOKING_COMMAND_QUEUE, Topology.DEAD_LETTER_QUEUE);
    queues.values().forEach(q -> assertThat(q.path("durable").asBoolean()).isTrue());
    assertThat(asyncapi.at("/channels/receipts/address").asString())
        .isEqualTo(Topology.receiptRoutingKey("{clientId}"));
    assertThat(asyncapi.at("/components/schemas/DeadLetterHeaders/required").toString())
        .contains(Topology.HEADER_DEAD_LETTER_REASON);
    assertThat(
            asyncapi
                .at("/components/schemas/CommandHeaders/properties")
                .has(Topology.HEADER_ATTEMPT))
        .isTrue();
    assertThat(asyncapi.at("/channels/receipts/messages").has("bulkSummary")).isTrue();
  }

  @Test
  void asyncApiPayloadsAreTheJsonSchemas() {
    JsonNode messages = load(ASYNCAPI).at("/components/messages");
    assertThat(messages.at("/EnrolmentCommand/payload/$ref").asString())
        .isEqualTo("./json/enrolment-command.schema.json");
    assertThat(messages.at("/Receipt/payload/$ref").asString())
        .isEqualTo("./json/receipt.schema.json");
    assertThat(messages.at("/BulkSummary/payload/$ref").asString())
        .isEqualTo("./json/bulk-summary.schema.json");
  }

  // --- $refs everywhere ----------------------------------------------------------------------

  @Test
  void everyRefResolves() throws IOException {
    Set<Path> files = new LinkedHashSet<>(List.of(OPENAPI, ASYNCAPI));
    try (Stream<Path> schemas = Files.list(Path.of("json"))) {
      schemas.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
    }
    int refs = 0;
    for (Path file : files) {
      List<String> found = new ArrayList<>();
      collectRefs(load(file), found);
      for (String ref : found) {
        resolve(file, ref);
        refs++;
      }
    }
    assertThat(refs).isGreaterThan(100);
  }

  @Test
  void aBrokenRefWouldBeCaught() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> resolve(OPENAPI, "./json/receipt.schema.json#/properties/nope"))
        .isInstanceOf(AssertionError.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> resolve(OPENAPI, "./json/nope.schema.json"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void thePackagedCopiesAreTheModuleRootFiles() throws IOException {
    for (String name : List.of("openapi.yaml", "asyncapi.yaml", "json/receipt.schema.json")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("contracts/" + name)) {
        assertThat(in).as(name).isNotNull();
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(Files.readString(Path.of(name)));
      }
    }
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref") && e.getValue().isString()) {
                  out.add(e.getValue().asString());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, out));
    }
  }
}
