package dk.jobagent.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test-infrastructure rule, in one place for every module:
 *
 * <ol>
 *   <li>PostgreSQL and RabbitMQ are found through the standard Spring properties / environment
 *       variables ({@code SPRING_DATASOURCE_URL}, {@code SPRING_DATASOURCE_USERNAME}, {@code
 *       SPRING_RABBITMQ_HOST}, {@code SPRING_RABBITMQ_PORT}, …), defaulting to localhost.
 *   <li>When they are reachable, each test JVM gets its own database ({@code jobagent_t_…}) and its
 *       own RabbitMQ vhost, both dropped when the JVM ends, so leftovers and parallel runs never
 *       meet.
 *   <li>When nothing is reachable and a Docker engine is present, Testcontainers starts both.
 *   <li>Otherwise the run fails at once with a message that says what to start.
 * </ol>
 *
 * <p>Spring tests get the resulting properties through {@link TestServicesContextCustomizerFactory}
 * (registered in {@code META-INF/spring.factories}); plain tests call {@link #get()}.
 */
public final class TestServices {

  private static volatile TestServices instance;

  private final String jdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final String rabbitHost;
  private final int rabbitPort;
  private final String rabbitUser;
  private final String rabbitPassword;
  private final String vhost;

  private TestServices(
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      String rabbitHost,
      int rabbitPort,
      String rabbitUser,
      String rabbitPassword,
      String vhost) {
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.rabbitHost = rabbitHost;
    this.rabbitPort = rabbitPort;
    this.rabbitUser = rabbitUser;
    this.rabbitPassword = rabbitPassword;
    this.vhost = vhost;
  }

  public static TestServices get() {
    TestServices local = instance;
    if (local == null) {
      synchronized (TestServices.class) {
        local = instance;
        if (local == null) {
          local = start();
          instance = local;
        }
      }
    }
    return local;
  }

  /** Spring properties that point an application context at this run's database and vhost. */
  public Map<String, Object> springProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("spring.datasource.url", jdbcUrl);
    p.put("spring.datasource.username", dbUser);
    p.put("spring.datasource.password", dbPassword);
    p.put("spring.rabbitmq.host", rabbitHost);
    p.put("spring.rabbitmq.port", rabbitPort);
    p.put("spring.rabbitmq.username", rabbitUser);
    p.put("spring.rabbitmq.password", rabbitPassword);
    p.put("spring.rabbitmq.virtual-host", vhost);
    return p;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }

  public String rabbitHost() {
    return rabbitHost;
  }

  public int rabbitPort() {
    return rabbitPort;
  }

  public String rabbitUser() {
    return rabbitUser;
  }

  public String rabbitPassword() {
    return rabbitPassword;
  }

  public String vhost() {
    return vhost;
  }

  public Connection openConnection() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
  }

  // ------------------------------------------------------------------------------------------

  private static TestServices start() {
    String baseUrl = setting("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    String dbUser = setting("spring.datasource.username", "postgres");
    String dbPassword = setting("spring.datasource.password", "");
    String rabbitHost = setting("spring.rabbitmq.host", "127.0.0.1");
    int rabbitPort = Integer.parseInt(setting("spring.rabbitmq.port", "5672"));
    String rabbitUser = setting("spring.rabbitmq.username", "guest");
    String rabbitPassword = setting("spring.rabbitmq.password", "guest");

    HostPort pg = HostPort.ofJdbcUrl(baseUrl);
    boolean pgUp = reachable(pg.host(), pg.port());
    boolean rabbitUp = reachable(rabbitHost, rabbitPort);
    if (!pgUp || !rabbitUp) {
      if (dockerAvailable()) {
        return Containers.start();
      }
      StringBuilder msg = new StringBuilder("Integration tests need PostgreSQL and RabbitMQ.");
      if (!pgUp) {
        msg.append(
            String.format(
                "%n  PostgreSQL is not reachable at %s:%d: start it with"
                    + " `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`"
                    + " or set SPRING_DATASOURCE_URL.",
                pg.host(), pg.port()));
      }
      if (!rabbitUp) {
        msg.append(
            String.format(
                "%n  RabbitMQ is not reachable at %s:%d: start it with `rabbitmq-server -detached`"
                    + " or set SPRING_RABBITMQ_HOST/SPRING_RABBITMQ_PORT.",
                rabbitHost, rabbitPort));
      }
      msg.append(
          "%n  No Docker engine was found either, so Testcontainers cannot stand in.".formatted());
      throw new IllegalStateException(msg.toString());
    }

    String runId =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"))
            + "_"
            + Long.toString(ProcessHandle.current().pid(), 36)
            + "_"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    String dbName = "jobagent_t_" + runId;
    String vhost = "jobagent-t-" + runId;

    createDatabase(baseUrl, dbUser, dbPassword, dbName);
    String jdbcUrl = withDatabase(baseUrl, dbName);
    RabbitAdmin rabbit = new RabbitAdmin(rabbitHost, rabbitUser, rabbitPassword);
    rabbit.createVhost(vhost);

    if (!Boolean.parseBoolean(setting("jobagent.test.keep", "false"))) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    dropDatabase(baseUrl, dbUser, dbPassword, dbName);
                    rabbit.deleteVhost(vhost);
                  },
                  "test-services-cleanup"));
    }
    return new TestServices(
        jdbcUrl, dbUser, dbPassword, rabbitHost, rabbitPort, rabbitUser, rabbitPassword, vhost);
  }

  /** System property first, then the environment variable Spring would read, then the default. */
  static String setting(String property, String fallback) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(property.toUpperCase().replace('.', '_').replace("-", ""));
    }
    return v == null || v.isBlank() ? fallback : v;
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean dockerAvailable() {
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  private static void createDatabase(String baseUrl, String user, String password, String db) {
    try (Connection c = DriverManager.getConnection(baseUrl, user, password);
        Statement st = c.createStatement()) {
      st.execute("create database " + db);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create the test database "
              + db
              + " as user "
              + user
              + " at "
              + baseUrl
              + ": "
              + e.getMessage()
              + ". The user needs CREATEDB (set SPRING_DATASOURCE_USERNAME).",
          e);
    }
  }

  private static void dropDatabase(String baseUrl, String user, String password, String db) {
    try (Connection c = DriverManager.getConnection(baseUrl, user, password);
        Statement st = c.createStatement()) {
      st.execute("drop database if exists " + db + " with (force)");
    } catch (SQLException e) {
      System.err.println("test-services: could not drop " + db + ": " + e.getMessage());
    }
  }

  static String withDatabase(String jdbcUrl, String db) {
    Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$").matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return m.group(1) + db + (m.group(3) == null ? "" : m.group(3));
  }

  record HostPort(String host, int port) {
    static HostPort ofJdbcUrl(String url) {
      Matcher m = Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?.*$").matcher(url);
      if (!m.matches()) {
        throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url);
      }
      return new HostPort(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }
  }

  /**
   * Creates and deletes a vhost: through the management HTTP API when it answers, else with {@code
   * rabbitmqctl} on this machine.
   */
  private static final class RabbitAdmin {
    private final String host;
    private final String user;
    private final String password;
    private final int managementPort =
        Integer.parseInt(setting("jobagent.test.rabbitmq.management-port", "15672"));
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    RabbitAdmin(String host, String user, String password) {
      this.host = host;
      this.user = user;
      this.password = password;
    }

    void createVhost(String vhost) {
      if (reachable(host, managementPort)) {
        api("PUT", "/api/vhosts/" + enc(vhost), "{}");
        api(
            "PUT",
            "/api/permissions/" + enc(vhost) + "/" + enc(user),
            "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return;
      }
      if (ctl("add_vhost", vhost) && ctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")) {
        return;
      }
      throw new IllegalStateException(
          "Could not create the test vhost "
              + vhost
              + ": enable the RabbitMQ management plugin (`rabbitmq-plugins enable"
              + " rabbitmq_management`) or run the tests where `rabbitmqctl` works.");
    }

    void deleteVhost(String vhost) {
      try {
        if (reachable(host, managementPort)) {
          api("DELETE", "/api/vhosts/" + enc(vhost), null);
        } else {
          ctl("delete_vhost", vhost);
        }
      } catch (RuntimeException e) {
        System.err.println("test-services: could not delete vhost " + vhost + ": " + e);
      }
    }

    private void api(String method, String path, String body) {
      String auth =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://" + host + ":" + managementPort + path))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Basic " + auth)
              .header("Content-Type", "application/json");
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
          throw new IllegalStateException(
              "RabbitMQ management API " + method + " " + path + " -> " + r.statusCode());
        }
      } catch (IOException e) {
        throw new IllegalStateException("RabbitMQ management API unreachable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static boolean ctl(String... args) {
      String[] cmd = new String[args.length + 1];
      cmd[0] = "rabbitmqctl";
      System.arraycopy(args, 0, cmd, 1, args.length);
      try {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  /** Testcontainers, only when no local service is reachable and Docker is there. */
  private static final class Containers {
    static TestServices start() {
      var pg =
          new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine")
              .withDatabaseName("jobagent");
      var rabbit = new org.testcontainers.rabbitmq.RabbitMQContainer("rabbitmq:3.13-management");
      pg.start();
      rabbit.start();
      return new TestServices(
          pg.getJdbcUrl(),
          pg.getUsername(),
          pg.getPassword(),
          rabbit.getHost(),
          rabbit.getAmqpPort(),
          rabbit.getAdminUsername(),
          rabbit.getAdminPassword(),
          "/");
    }
  }
}
