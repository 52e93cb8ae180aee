package dk.jobagent.schemas.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas of {@code schemas/json/} (on the classpath under {@code contracts/json/}),
 * compiled once. Besides {@link SyntaxCheck}, tests of every module use it to check that what they
 * publish or answer (receipts, commands, bulk result lines, problems) keeps to the contract:
 *
 * <pre>{@code
 * assertThat(ContractSchemas.get().errors("receipt", json.readTree(body))).isEmpty();
 * }</pre>
 */
public final class ContractSchemas {

  /** Classpath location of the schema files. */
  public static final String LOCATION = "classpath:contracts/json/";

  private static final ContractSchemas INSTANCE = new ContractSchemas();

  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private ContractSchemas() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .formatAssertionsEnabled(true)
            .build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
  }

  public static ContractSchemas get() {
    return INSTANCE;
  }

  /**
   * A compiled schema by file name without {@code .schema.json} (e.g. {@code "receipt"}),
   * optionally with a fragment ({@code "definitions#/$defs/Cpr"}). Every {@code $ref} is resolved
   * on first use, so a broken contract fails fast.
   */
  public Schema schema(String name) {
    return schemas.computeIfAbsent(name, this::compile);
  }

  /** Violations of {@code node} against the named schema, as "pointer: message"; empty if valid. */
  public List<String> errors(String name, JsonNode node) {
    return schema(name).validate(node).stream().map(ContractSchemas::describe).toList();
  }

  private Schema compile(String name) {
    int hash = name.indexOf('#');
    String file = hash < 0 ? name : name.substring(0, hash);
    String fragment = hash < 0 ? "" : name.substring(hash);
    Schema schema =
        registry.getSchema(SchemaLocation.of(LOCATION + file + ".schema.json" + fragment));
    schema.initializeValidators();
    return schema;
  }

  private static String describe(Error e) {
    String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
    String property = e.getProperty() == null ? "" : " (" + e.getProperty() + ")";
    return at + ": " + e.getKeyword() + property + ": " + e.getMessage();
  }
}
