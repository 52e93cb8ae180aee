package dk.jobagent.ingest.receipt;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One PostgreSQL {@code LISTEN receipt_completed} connection per instance. The worker sends {@code
 * NOTIFY receipt_completed, '<clientId>:<requestId>'} in the transaction that completes a receipt;
 * each notification wakes the long polls waiting for that key. No per-request polling loop.
 */
@Component
class ReceiptNotificationListener implements SmartLifecycle {

  static final String CHANNEL = "receipt_completed";
  private static final Logger log = LoggerFactory.getLogger(ReceiptNotificationListener.class);

  private final DataSource dataSource;
  private final ReceiptWaiters waiters = new ReceiptWaiters();
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  ReceiptNotificationListener(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  ReceiptWaiters waiters() {
    return waiters;
  }

  boolean listening() {
    return listening;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("receipt-listener").daemon().start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    long backoffMs = 200;
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        listening = true;
        backoffMs = 200;
        // Completions may have happened while we were not listening.
        waiters.wakeAll();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(500);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              waiters.completed(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (!running) {
          return;
        }
        log.warn("Receipt listener connection lost: {}; reconnecting", e.toString());
        waiters.wakeAll();
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          return;
        }
        backoffMs = Math.min(backoffMs * 2, 5_000);
      } finally {
        listening = false;
      }
    }
  }
}
