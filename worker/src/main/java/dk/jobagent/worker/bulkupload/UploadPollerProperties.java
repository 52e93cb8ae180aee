package dk.jobagent.worker.bulkupload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's side of bulk files uploaded over HTTP (issue #11).
 *
 * @param pollInterval how often QUEUED uploads ({@code ?start=now}) are started and uploads the
 *     nightly scan started are linked to their execution; zero or negative turns the poller off
 * @param claimGrace how long a claimed upload may wait for its execution before it is queued again
 *     (the worker that claimed it died between the claim and the launch)
 */
@ConfigurationProperties("jobagent.bulk-upload")
record UploadPollerProperties(
    @DefaultValue("2s") Duration pollInterval, @DefaultValue("5m") Duration claimGrace) {}
