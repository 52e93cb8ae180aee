package dk.jobagent.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.jobagent.schemas.messages.Topology;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OutboxRelayTest extends IngestTestBase {

  @Autowired CachingConnectionFactory connectionFactory;
  @Autowired RabbitTemplate rabbit;

  private RabbitAdmin admin;
  private Queue probe;
  private final String client = uniqueClient();
  private final String token = writer(client);

  @BeforeEach
  void bindProbeQueue() {
    admin = new RabbitAdmin(connectionFactory);
    // plain classic queue: Spring's AnonymousQueue adds x-queue-leader-locator, which RabbitMQ 3.10
    // refuses for classic queues. Not exclusive: it must outlive the connection reset below.
    probe = new Queue("ingest-probe-" + UUID.randomUUID(), false, false, false);
    admin.declareQueue(probe);
    DirectExchange commands = new DirectExchange(Topology.COMMAND_EXCHANGE);
    for (String key : new String[] {"enrolment.create", "enrolment.update", "enrolment.delete"}) {
      admin.declareBinding(BindingBuilder.bind(probe).to(commands).with(key));
    }
  }

  @AfterEach
  void dropProbeQueue() {
    admin.deleteQueue(probe.getName());
  }

  @Test
  void topologyIsDeclaredWithQuorumQueues() {
    assertThat(admin.getQueueInfo(Topology.COMMAND_QUEUE)).isNotNull();
    assertThat(admin.getQueueInfo(Topology.BOOKING_COMMAND_QUEUE)).isNotNull();
  }

  @Test
  void acceptedCommandReachesTheExchangeAndItsRowIsDeleted() {
    String id = uniqueRequestId();
    String traceparent =
        "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
    var r =
        send(
            request("/v1/Jobagent")
                .header("Authorization", "Bearer " + token)
                .header("x-civilRegistrationIdentifier", TestCprs.next())
                .header("x-requestId", id)
                .header("traceparent", traceparent)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(validCreateBody()))
                .build());
    assertThat(r.statusCode()).isEqualTo(202);

    Message m = receive(client + ":" + id);
    assertThat(m.getMessageProperties().getReceivedRoutingKey()).isEqualTo("enrolment.create");
    assertThat((String) m.getMessageProperties().getHeader(Topology.HEADER_TRACEPARENT))
        .isEqualTo(traceparent);
    JsonNode command = JSON.readTree(m.getBody());
    assertThat(command.get("clientId").asString()).isEqualTo(client);
    assertThat(command.get("requestId").asString()).isEqualTo(id);
    assertThat(command.get("operation").asString()).isEqualTo("CREATE");
    assertThat(command.get("receivedAt").asString()).isNotBlank();
    await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(client + ":" + id) == 0);
  }

  @Test
  void publishingResumesAfterTheBrokerConnectionIsCut() {
    String first = uniqueRequestId();
    assertThat(create(token, TestCprs.next(), first, validCreateBody()).statusCode())
        .isEqualTo(202);
    receive(client + ":" + first);

    connectionFactory.resetConnection(); // closes the broker connection and its channels

    String second = uniqueRequestId();
    String update = uniqueRequestId();
    assertThat(create(token, TestCprs.next(), second, validCreateBody()).statusCode())
        .isEqualTo(202);
    assertThat(
            write("DELETE", "/v1/UpdateJobagent", token, TestCprs.next(), update, null)
                .statusCode())
        .isEqualTo(202);
    Map<String, Message> got = receiveAll(client + ":" + second, client + ":" + update);
    assertThat(got).hasSize(2);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> outboxRows(client + ":" + second) + outboxRows(client + ":" + update) == 0);
  }

  @Test
  void anUnroutableCommandIsReturnedAndStaysInTheOutboxForRetry() {
    String messageId = client + ":unroutable";
    jdbc.sql(
            "insert into outbox (exchange, routing_key, message_id, payload, headers)"
                + " values ('jobagent.commands', 'enrolment.nowhere', ?, convert_to('{}', 'UTF8'),"
                + " '{}'::jsonb)")
        .param(messageId)
        .update();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.sql("select attempts from outbox where message_id = ?")
                        .param(messageId)
                        .query(Integer.class)
                        .single()
                    >= 1);
    assertThat(outboxRows(messageId)).isEqualTo(1);
    jdbc.sql("delete from outbox where message_id = ?").param(messageId).update();
  }

  private Message receive(String messageId) {
    return receiveAll(messageId).get(messageId);
  }

  private Map<String, Message> receiveAll(String... messageIds) {
    Map<String, Message> found = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Message m = rabbit.receive(probe.getName(), 200);
              if (m != null) {
                found.put(m.getMessageProperties().getMessageId(), m);
              }
              for (String id : messageIds) {
                if (!found.containsKey(id)) {
                  return false;
                }
              }
              return true;
            });
    return found;
  }

  private long outboxRows(String messageId) {
    return jdbc.sql("select count(*) from outbox where message_id = ?")
        .param(messageId)
        .query(Long.class)
        .single();
  }
}
