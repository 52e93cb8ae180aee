package dk.jobagent.worker.bulk;

import dk.jobagent.worker.audit.AuditLog;
import dk.jobagent.worker.reference.CodeListRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.NeverSkipItemSkipPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk enrolment job (SPEC §7), one file per job instance, identified by its job parameters
 * (file path, client id and a fingerprint of size and modification time, so that the same path with
 * new content is a new instance while a restart finds the old one):
 *
 * <ol>
 *   <li>{@code lines}: chunk step, a step-scoped streaming reader and a set-based chunk writer; the
 *       reader's position, the lines' effects and their results commit together per chunk.
 *   <li>{@code resultFile}: writes {@code <file>.result.jsonl} from the committed results.
 *   <li>{@code archive}: moves the input out of the inbox.
 * </ol>
 *
 * The step skips nothing: a bad line is not an exception but a REJECTED result, and a technical
 * failure must fail the step (rolling back the chunk) so that a restart redoes exactly that chunk.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BulkProperties.class)
@PropertySource("classpath:dk/jobagent/worker/bulk/batch-defaults.properties")
class BulkJobConfiguration {

  static final String JOB_NAME = "bulkEnrolment";
  static final String STEP_LINES = "lines";
  static final String PARAM_FILE = "file";
  static final String PARAM_CLIENT = "client";
  static final String PARAM_FINGERPRINT = "fingerprint";

  @Bean
  Job bulkEnrolmentJob(
      JobRepository jobRepository,
      Step bulkLinesStep,
      Step bulkResultFileStep,
      Step bulkArchiveStep,
      BulkJobListener listener) {
    return new JobBuilder(JOB_NAME, jobRepository)
        .validator(
            new DefaultJobParametersValidator(
                new String[] {PARAM_FILE, PARAM_CLIENT}, new String[] {PARAM_FINGERPRINT}))
        .listener(listener)
        .start(bulkLinesStep)
        .next(bulkResultFileStep)
        .next(bulkArchiveStep)
        .build();
  }

  @Bean
  Step bulkLinesStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      CheckingReader bulkReader,
      BulkChunkWriter bulkWriter,
      ProgressListener bulkProgressListener,
      BulkProperties properties) {
    return new StepBuilder(STEP_LINES, jobRepository)
            .<CheckedLine, CheckedLine>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(bulkReader)
            .writer(bulkWriter)
            .stream(bulkWriter)
            .listener(bulkProgressListener)
            .skipPolicy(new NeverSkipItemSkipPolicy())
            .build();
  }

  /**
   * No per-line observations: Spring Batch times every item read and processed (two Micrometer
   * observations per line, each a timer look-up and update) once an ObservationRegistry exists,
   * which the actuator provides. Profiled on a bulk file that was about as much of the worker's CPU
   * as building every line's receipt; the chunk, step and job observations stay, and the lines are
   * counted by {@code jobagent.bulk.lines}.
   */
  @Bean
  ObservationPredicate bulkNoPerItemObservations() {
    return (name, context) -> !name.startsWith("spring.batch.item.");
  }

  @Bean
  Step bulkResultFileStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ResultFileTasklet bulkResultFileTasklet) {
    return new StepBuilder("resultFile", jobRepository)
        .tasklet(bulkResultFileTasklet, transactionManager)
        .build();
  }

  @Bean
  Step bulkArchiveStep(
      JobRepository jobRepository,
      PlatformTransactionManager transactionManager,
      ArchiveTasklet bulkArchiveTasklet) {
    return new StepBuilder("archive", jobRepository)
        .tasklet(bulkArchiveTasklet, transactionManager)
        .build();
  }

  @Bean
  @StepScope
  CheckingReader bulkReader(
      @Value("#{jobParameters['file']}") String file,
      LineChecker checker,
      BulkWorkers workers,
      BulkProperties properties) {
    return new CheckingReader(
        new JsonLinesReader(Path.of(file)), checker, workers, properties.chunkSize());
  }

  @Bean
  @StepScope
  BulkChunkWriter bulkWriter(
      @Value("#{jobParameters['client']}") String clientId,
      @Value("#{stepExecution.jobExecution.jobInstanceId}") long fileId,
      BulkProperties properties,
      LineJudge judge,
      ChunkFactsLoader factsLoader,
      CodeListRepository codeLists,
      BulkWriteRepository repository,
      JsonMapper json,
      BulkWorkers workers,
      BulkFaultHook faultHook,
      AuditLog audit) {
    return new BulkChunkWriter(
        clientId,
        fileId,
        properties,
        judge,
        factsLoader,
        codeLists,
        repository,
        json,
        workers,
        faultHook,
        audit,
        Clock.systemUTC());
  }

  @Bean
  @StepScope
  ProgressListener bulkProgressListener(BulkProperties properties, MeterRegistry registry) {
    return new ProgressListener(properties.progressInterval(), registry);
  }

  @Bean
  @StepScope
  ResultFileTasklet bulkResultFileTasklet(
      @Value("#{jobParameters['file']}") String file,
      @Value("#{jobParameters['client']}") String clientId,
      @Value("#{stepExecution.jobExecution.jobInstanceId}") long fileId,
      BulkProperties properties,
      DataSource dataSource,
      JsonMapper json) {
    return new ResultFileTasklet(
        fileId, BulkFiles.resultFile(properties, clientId, Path.of(file)), dataSource, json);
  }

  @Bean
  @StepScope
  ArchiveTasklet bulkArchiveTasklet(
      @Value("#{jobParameters['file']}") String file,
      @Value("#{jobParameters['client']}") String clientId,
      @Value("#{stepExecution.jobExecution.jobInstanceId}") long fileId,
      BulkProperties properties) {
    return new ArchiveTasklet(Path.of(file), BulkFiles.archiveDir(properties, clientId), fileId);
  }
}
