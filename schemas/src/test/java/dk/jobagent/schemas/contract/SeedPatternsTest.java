package dk.jobagent.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schemas publish the seed's patterns verbatim, only anchored as ^(…)$. */
class SeedPatternsTest {

  private static final JsonNode DEFS =
      JsonMapper.builder()
          .build()
          .readTree(Path.of("json/definitions.schema.json").toFile())
          .path("$defs");

  @Test
  void theSeedHasExactlyThreeDistinctPatterns() {
    assertThat(SeedPatterns.ALL).hasSize(3);
  }

  @Test
  void cprEmailAndGuidPatternsAreTheSeedsAnchored() {
    assertThat(DEFS.at("/Cpr/pattern").asString()).isEqualTo("^(" + SeedPatterns.CPR + ")$");
    assertThat(DEFS.at("/EmailAddress/pattern").asString())
        .isEqualTo("^(" + SeedPatterns.EMAIL + ")$");
    assertThat(DEFS.at("/Guid/pattern").asString()).isEqualTo("^(" + SeedPatterns.GUID + ")$");
  }

  @Test
  void optionalVariantsDifferOnlyInAllowingNull() {
    for (String name : java.util.List.of("Guid", "EmailAddress", "DateOrDateTime", "Int32")) {
      tools.jackson.databind.node.ObjectNode plain =
          (tools.jackson.databind.node.ObjectNode) DEFS.path(name).deepCopy();
      tools.jackson.databind.node.ObjectNode optional =
          (tools.jackson.databind.node.ObjectNode) DEFS.path("Optional" + name).deepCopy();
      assertThat(optional.path("type").toString())
          .isEqualTo("[" + plain.path("type") + ",\"null\"]");
      plain.remove(java.util.List.of("type", "description"));
      optional.remove(java.util.List.of("type", "description"));
      assertThat(optional).as(name).isEqualTo(plain);
    }
  }
}
