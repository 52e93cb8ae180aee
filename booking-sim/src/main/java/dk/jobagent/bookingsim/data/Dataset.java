package dk.jobagent.bookingsim.data;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.UUID;

/**
 * One immutable, fully validated data set. Replaced as a whole on reload, never changed in place,
 * so readers need no lock.
 */
public record Dataset(
    String source,
    Instant loadedAt,
    Map<String, Jobcenter> jobcenters,
    Map<String, Caseworker> caseworkers,
    Map<UUID, InterviewOption> options,
    Map<UUID, NavigableSet<Instant>> slots,
    Map<String, List<ExistingBooking>> bookingsByCpr,
    Map<String, List<Deadline>> deadlinesByCpr) {

  public NavigableSet<Instant> slotsOf(UUID optionId) {
    NavigableSet<Instant> set = slots.get(optionId);
    return set == null ? Collections.emptyNavigableSet() : set;
  }

  public List<ExistingBooking> bookingsOf(String cpr) {
    return bookingsByCpr.getOrDefault(cpr, List.of());
  }

  public List<Deadline> deadlinesOf(String cpr) {
    return deadlinesByCpr.getOrDefault(cpr, List.of());
  }

  public int slotCount() {
    return slots.values().stream().mapToInt(NavigableSet::size).sum();
  }
}
