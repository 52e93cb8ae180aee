package dk.jobagent.ingest.contract;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the hand-written contract (schemas/openapi.yaml, packaged in the schemas jar under
 * contracts/) rather than one generated from the controllers: the contract is the source of truth
 * the controllers are tested against. Public, like the documentation it is; {@code /openapi.html}
 * shows it in Swagger UI.
 */
@RestController
class OpenApiController {

  static final MediaType YAML = MediaType.parseMediaType("application/yaml");
  private final Resource contract = new ClassPathResource("contracts/openapi.yaml");

  @GetMapping(value = "/openapi.yaml", produces = "application/yaml")
  ResponseEntity<Resource> openApi() {
    return ResponseEntity.ok()
        .contentType(YAML)
        .cacheControl(CacheControl.noCache())
        .body(contract);
  }
}
