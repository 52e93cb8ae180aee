package dk.jobagent.ingest.receipt;

import dk.jobagent.schemas.ReceiptLinks;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * What it takes for every accepted x-requestId's receipt to be readable at its Location ({@link
 * ReceiptLinks}): Tomcat keeps {@code %2F} and {@code %5C} as they are instead of refusing the
 * request (its default for {@code %2F}) or decoding {@code %5C} into a backslash it then refuses;
 * there is no Spring Boot property for either. Passing them through never turns an escape into a
 * separator, so it is the safe setting for every path; the security firewall ({@link
 * ReceiptPathFirewall}) still refuses them everywhere but on a receipt.
 */
@Configuration(proxyBeanMethods = false)
class EncodedReceiptIds {

  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> encodedSlashesPassThrough() {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> {
              connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
              connector.setEncodedReverseSolidusHandling(
                  EncodedSolidusHandling.PASS_THROUGH.getValue());
            });
  }

  @Bean
  WebSecurityCustomizer receiptPathFirewall() {
    return web -> web.httpFirewall(new ReceiptPathFirewall());
  }
}
