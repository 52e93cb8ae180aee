package dk.jobagent.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package boundaries of the worker that the compiler alone does not enforce. */
@AnalyzeClasses(
    packages = "dk.jobagent.worker",
    importOptions = ArchitectureTest.ProductionClassesOnly.class)
class ArchitectureTest {

  /**
   * ArchUnit's DoNotIncludeTests knows only {@code target/test-classes}; builds may use another
   * build directory ({@code -Djobagent.build.dir=…}), so match on the last segment alone.
   */
  static final class ProductionClassesOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/");
    }
  }

  /**
   * The rule engine is pure: judged by plain unit tests, reusable by the batch and the API path.
   */
  @ArchTest
  static final ArchRule rulesArePure =
      classes()
          .that()
          .resideInAPackage("dk.jobagent.worker.rules..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "dk.jobagent.schemas..", "dk.jobagent.worker.rules..");

  /** Named explicitly because java.sql and java.net.http sit inside "java..". */
  @ArchTest
  static final ArchRule rulesDoNoIo =
      noClasses()
          .that()
          .resideInAPackage("dk.jobagent.worker.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "java.sql..",
              "javax.sql..",
              "org.postgresql..",
              "com.rabbitmq..",
              "org.springframework.amqp..",
              "java.net..",
              "jakarta.servlet..",
              "java.io..",
              "java.nio.file..")
          .because("rules get their reference data handed in and never read a clock or a file");

  /** Nothing reaches back into the worker's other features from the rule engine. */
  @ArchTest
  static final ArchRule rulesAreALeaf =
      noClasses()
          .that()
          .resideInAPackage("dk.jobagent.worker.rules..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dk.jobagent.worker")
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dk.jobagent.worker.enrolment..",
              "dk.jobagent.worker.receipt..",
              "dk.jobagent.worker.messaging..",
              "dk.jobagent.worker.booking..",
              "dk.jobagent.worker.reference..",
              "dk.jobagent.worker.security..");

  /**
   * Reference data and security are infrastructure features: they may use the rule engine's records
   * (CodeLists) but not the enrolment flow, so the flow can change without touching them.
   */
  @ArchTest
  static final ArchRule referenceAndSecurityStayApart =
      noClasses()
          .that()
          .resideInAnyPackage("dk.jobagent.worker.reference..", "dk.jobagent.worker.security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dk.jobagent.worker.enrolment..",
              "dk.jobagent.worker.receipt..",
              "dk.jobagent.worker.messaging..",
              "dk.jobagent.worker.booking..");
}
