package dk.jobagent.worker.deadletter;

import java.util.List;

/** The body of {@code POST /admin/dlq/redrive}: {@code {"all":true}} or {@code {"ids":[…]}}. */
record RedriveRequest(Boolean all, List<String> ids) {

  boolean isAll() {
    return Boolean.TRUE.equals(all);
  }

  boolean hasIds() {
    return ids != null && !ids.isEmpty();
  }
}
