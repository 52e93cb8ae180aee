package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.data.Dataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The simulator's whole state: the loaded data set plus the bookings made since. All changes (and
 * every read that must be consistent with them) run under one lock, which is what makes "a slot
 * booked twice at once: exactly one wins" hold. A ReentrantLock rather than synchronized so that
 * virtual threads never pin a carrier while waiting.
 */
@Component
public class BookingLedger {

  private final ReentrantLock lock = new ReentrantLock();
  private volatile Dataset dataset;
  private final State state = new State();

  /** The current data set; immutable, safe to read without the lock. */
  public Dataset dataset() {
    Dataset current = dataset;
    if (current == null) {
      throw new IllegalStateException("no data set loaded");
    }
    return current;
  }

  public <T> T locked(Function<State, T> action) {
    lock.lock();
    try {
      return action.apply(state);
    } finally {
      lock.unlock();
    }
  }

  /** Replaces data and state at once: a reload forgets every booking and idempotency key. */
  public void replace(Dataset next) {
    locked(
        s -> {
          s.clear();
          dataset = next;
          return null;
        });
  }

  /** The mutable part; only reachable inside {@link #locked}. */
  public final class State {
    private final Map<UUID, Booking> byId = new HashMap<>();
    private final Map<String, UUID> byKey = new HashMap<>();
    private final Set<String> cancelledKeys = new HashSet<>();
    private final Map<UUID, Set<Instant>> taken = new HashMap<>();
    private final Map<String, Set<UUID>> byCpr = new HashMap<>();

    private State() {}

    public Dataset dataset() {
      return BookingLedger.this.dataset();
    }

    public Booking byKey(String key) {
      UUID id = byKey.get(key);
      return id == null ? null : byId.get(id);
    }

    public Booking byId(UUID id) {
      return byId.get(id);
    }

    public boolean isCancelledKey(String key) {
      return cancelledKeys.contains(key);
    }

    public boolean isTaken(UUID optionId, Instant start) {
      return taken.getOrDefault(optionId, Set.of()).contains(start);
    }

    public List<Booking> bookingsOf(String cpr) {
      return byCpr.getOrDefault(cpr, Set.of()).stream().map(byId::get).toList();
    }

    public List<Booking> all() {
      List<Booking> all = new ArrayList<>(byId.values());
      all.sort(Comparator.comparing(Booking::createdAt).thenComparing(Booking::startTime));
      return all;
    }

    public int takenCount() {
      return taken.values().stream().mapToInt(Set::size).sum();
    }

    void add(Booking booking) {
      byId.put(booking.indkaldelseId(), booking);
      byKey.put(booking.idempotencyKey(), booking.indkaldelseId());
      byCpr.computeIfAbsent(booking.cpr(), k -> new HashSet<>()).add(booking.indkaldelseId());
      taken
          .computeIfAbsent(booking.interviewOptionId(), k -> new HashSet<>())
          .add(booking.startTime());
    }

    /** Frees the slot and forgets the key, so the same key may book again. */
    Booking remove(UUID id) {
      Booking booking = byId.remove(id);
      if (booking != null) {
        byKey.remove(booking.idempotencyKey());
        Set<UUID> ofCitizen = byCpr.get(booking.cpr());
        if (ofCitizen != null) {
          ofCitizen.remove(id);
        }
        Set<Instant> slots = taken.get(booking.interviewOptionId());
        if (slots != null) {
          slots.remove(booking.startTime());
        }
      }
      return booking;
    }

    void cancelKey(String key) {
      cancelledKeys.add(key);
    }

    private void clear() {
      byId.clear();
      byKey.clear();
      cancelledKeys.clear();
      taken.clear();
      byCpr.clear();
    }
  }
}
