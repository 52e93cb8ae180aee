import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Benchmark helper (not product code): pre-fills jobagent.commands with CreateJobagent commands
 * for the request rows bench-000000 … that run.sh inserted, as ingest-api's relay would publish
 * them (persistent, publisher confirms). Declares the command exchange and queue with exactly the
 * arguments the product uses, so it can run before the worker consumes.
 *
 * <p>java -cp amqp-client.jar:slf4j-api.jar PublishCommands.java HOST VHOST COUNT CLIENT RECEIVED_AT
 */
public class PublishCommands {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    String vhost = args[1];
    int count = Integer.parseInt(args[2]);
    String client = args[3];
    String receivedAt = args[4];
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setVirtualHost(vhost);
    factory.setUsername("guest");
    factory.setPassword("guest");
    try (Connection connection = factory.newConnection("bench-publisher");
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare("jobagent.commands", "direct", true);
      channel.queueDeclare(
          "jobagent.commands",
          true,
          false,
          false,
          Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "jobagent.commands.dlx"));
      channel.queueBind("jobagent.commands", "jobagent.commands", "enrolment.create");
      channel.confirmSelect();
      AMQP.BasicProperties props =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .build();
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        String requestId = "bench-%06d".formatted(i);
        String body =
            "{\"clientId\":\"%s\",\"requestId\":\"%s\",\"operation\":\"CREATE\",\"receivedAt\":\"%s\"}"
                .formatted(client, requestId, receivedAt);
        channel.basicPublish(
            "jobagent.commands",
            "enrolment.create",
            props.builder().messageId(requestId).build(),
            body.getBytes(StandardCharsets.UTF_8));
        if (i % 500 == 499) {
          channel.waitForConfirmsOrDie(30_000);
        }
      }
      channel.waitForConfirmsOrDie(30_000);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("published %d commands in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
    }
  }
}
