package dk.jobagent.worker.security;

import dk.jobagent.schemas.security.DevTokens;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The worker's HTTP side (port 8081) is actuator plus operator endpoints, secured as ingest-api's
 * (SPEC §2: {@code jobagent.admin} for operator endpoints; §9: health and Prometheus on every
 * service): health, info and Prometheus are open for probes and scraping; {@code /admin/**} and
 * every other actuator endpoint ({@code /actuator/metrics} names every meter and its tags) need
 * scope {@code jobagent.admin}; anything else needs a valid token. Stateless bearer JWT, no
 * sessions, no CSRF (no cookies are ever honoured).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DevKeyProperties.class)
public class WorkerSecurityConfig {

  static final String ADMIN = "SCOPE_" + DevTokens.SCOPE_ADMIN;

  @Bean
  SecurityFilterChain workerSecurity(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .dispatcherTypeMatchers(DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers("/admin/**", "/actuator", "/actuator/**")
                    .hasAuthority(ADMIN)
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(ProblemAuthHandlers.unauthorized())
                    .accessDeniedHandler(ProblemAuthHandlers.forbidden()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(ProblemAuthHandlers.unauthorized())
                    .accessDeniedHandler(ProblemAuthHandlers.forbidden()));
    return http.build();
  }
}
