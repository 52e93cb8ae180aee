package dk.jobagent.worker.audit;

import dk.jobagent.schemas.audit.CprHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail's CPR hash. {@code jobagent.audit.hmac-secret} must be the same in worker and
 * ingest-api (a look-up by CPR finds both apps' records only then); the built-in default is for
 * development only.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

  private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

  @Bean
  CprHash cprHash(
      @Value("${jobagent.audit.hmac-secret:" + CprHash.DEV_SECRET + "}") String secret) {
    if (CprHash.DEV_SECRET.equals(secret)) {
      log.warn(
          "jobagent.audit.hmac-secret is the development default: set a secret of your own in any"
              + " real deployment");
    }
    return new CprHash(secret);
  }
}
