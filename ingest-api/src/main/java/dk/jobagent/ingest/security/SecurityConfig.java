package dk.jobagent.ingest.security;

import dk.jobagent.schemas.security.DevTokens;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * SPEC §2: every /v1 call carries an OAuth2 bearer JWT. Scopes: writes {@code
 * match.jobagent.write}, reads {@code match.jobagent.read}, operator paths {@code jobagent.admin}.
 * Health and Prometheus stay open for probes and scraping.
 */
@Configuration
class SecurityConfig {

  static final String WRITE = "SCOPE_" + DevTokens.SCOPE_WRITE;
  static final String READ = "SCOPE_" + DevTokens.SCOPE_READ;
  static final String ADMIN = "SCOPE_" + DevTokens.SCOPE_ADMIN;

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .authorizeHttpRequests(
            a ->
                a.dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus")
                    .permitAll()
                    // the contract and its viewer are public documentation
                    .requestMatchers(
                        HttpMethod.GET, "/openapi.yaml", "/openapi.html", "/webjars/swagger-ui/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/v1/Jobagent")
                    .hasAuthority(WRITE)
                    .requestMatchers(HttpMethod.PUT, "/v1/UpdateJobagent")
                    .hasAuthority(WRITE)
                    .requestMatchers(HttpMethod.DELETE, "/v1/UpdateJobagent", "/v1/Jobagent")
                    .hasAuthority(WRITE)
                    .requestMatchers(HttpMethod.POST, "/v1/bulk-files")
                    .hasAuthority(WRITE)
                    .requestMatchers(HttpMethod.GET, "/v1/bulk-files/**")
                    .hasAuthority(READ)
                    .requestMatchers(HttpMethod.GET, "/v1/Jobagent", "/v1/receipts/**")
                    .hasAuthority(READ)
                    .requestMatchers("/v1/admin/**", "/actuator/**")
                    .hasAuthority(ADMIN)
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            o ->
                o.jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()));
    return http.build();
  }
}
