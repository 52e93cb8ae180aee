package dk.jobagent.bookingsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends SimTestBase {

  @AfterEach
  void faultsOff() throws Exception {
    assertThat(put("/admin/faults", "{}").status()).isEqualTo(200);
  }

  @Test
  void failuresAreInjectedAtRoughlyTheConfiguredRate() throws Exception {
    Answer set = put("/admin/faults", "{\"failureRate\":0.2,\"seed\":42}");
    assertThat(set.body().get("failureRate").asDouble()).isEqualTo(0.2);

    int failures = 0;
    int n = 500;
    for (int i = 0; i < n; i++) {
      Answer answer = get("/v1/jobcenters/T1");
      if (answer.status() == 503) {
        failures++;
        assertThat(answer.reason()).isEqualTo("injected-failure");
        assertThat(answer.raw().headers().firstValue("Retry-After")).contains("1");
      } else {
        assertThat(answer.status()).isEqualTo(200);
      }
    }
    // Expected 100; the seed makes the count fixed, the bounds say what the test means.
    assertThat(failures).isBetween(70, 130);
  }

  @Test
  void theSameSeedGivesTheSameSequence() throws Exception {
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    put("/admin/faults", "{\"failureRate\":0.5,\"seed\":7}");
    for (int i = 0; i < 40; i++) {
      first.append(get("/v1/jobcenters/T1").status() == 503 ? 'x' : '.');
    }
    put("/admin/faults", "{\"failureRate\":0.5,\"seed\":7}");
    for (int i = 0; i < 40; i++) {
      second.append(get("/v1/jobcenters/T1").status() == 503 ? 'x' : '.');
    }
    assertThat(second.toString()).isEqualTo(first.toString()).contains("x").contains(".");
  }

  @Test
  void resetsCloseTheConnectionWithoutAnAnswer() throws Exception {
    put("/admin/faults", "{\"resetRate\":0.3,\"seed\":11}");

    int resets = 0;
    int n = 200;
    for (int i = 0; i < n; i++) {
      String answer = rawGet("/v1/jobcenters/T1");
      if (answer.isEmpty()) {
        resets++;
      } else {
        assertThat(answer).startsWith("HTTP/1.1 200");
      }
    }
    assertThat(resets).isBetween(35, 85);
  }

  /**
   * A raw HTTP/1.1 exchange on a fresh socket; "" when the server closed without a byte. (An HTTP
   * client library might silently retry a GET on a dropped connection and hide the fault.)
   */
  private String rawGet(String path) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      try {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (SocketException reset) {
        return "";
      }
    }
  }

  @Test
  void latencyDelaysBookingCallsButNotAdminCalls() throws Exception {
    put("/admin/faults", "{\"latencyMs\":300}");

    long started = System.nanoTime();
    assertThat(get("/v1/jobcenters/T1").status()).isEqualTo(200);
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(tookMs).isGreaterThanOrEqualTo(300);
    assertThat(get("/admin/faults").body().get("latencyMs").asLong()).isEqualTo(300);
  }

  @Test
  void adminAndActuatorAreNeverFaulty() throws Exception {
    put("/admin/faults", "{\"failureRate\":1}");

    assertThat(get("/v1/jobcenters/T1").status()).isEqualTo(503);
    assertThat(get("/admin/data").status()).isEqualTo(200);
    assertThat(get("/actuator/health").status()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").raw().body()).contains("booking_sim_faults_total");
  }

  @Test
  void invalidSettingsAreRefusedAndTheOldOnesKept() throws Exception {
    put("/admin/faults", "{\"failureRate\":0.1}");

    Answer refused = put("/admin/faults", "{\"failureRate\":0.7,\"resetRate\":0.6}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.raw().body()).contains("must not exceed 1");
    assertThat(get("/admin/faults").body().get("failureRate").asDouble()).isEqualTo(0.1);
  }
}
