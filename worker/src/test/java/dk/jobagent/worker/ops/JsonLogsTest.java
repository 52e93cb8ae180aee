package dk.jobagent.worker.ops;

import dk.jobagent.testing.JsonLogsContract;

/**
 * Profile {@code json-logs}: one JSON object per line with every CPR masked, against this app's own
 * logback-spring.xml and application.yml (the checks are {@link JsonLogsContract}).
 */
class JsonLogsTest extends JsonLogsContract {}
