package dk.jobagent.ingest.receipt;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long polls waiting for a receipt, by {@code clientId:requestId}. A waiter registers before it
 * re-reads the row, so a completion between its first read and its registration is never lost.
 */
class ReceiptWaiters {

  private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  static String key(String clientId, String requestId) {
    return clientId + ":" + requestId;
  }

  CompletableFuture<Void> register(String key) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(f);
    return f;
  }

  void unregister(String key, CompletableFuture<Void> f) {
    waiting.computeIfPresent(
        key,
        (k, set) -> {
          set.remove(f);
          return set.isEmpty() ? null : set;
        });
  }

  void completed(String key) {
    Set<CompletableFuture<Void>> set = waiting.get(key);
    if (set != null) {
      set.forEach(f -> f.complete(null));
    }
  }

  /** After a lost listener connection: everyone re-reads, a completion may have been missed. */
  void wakeAll() {
    waiting.values().forEach(set -> set.forEach(f -> f.complete(null)));
  }

  int size() {
    return waiting.size();
  }
}
