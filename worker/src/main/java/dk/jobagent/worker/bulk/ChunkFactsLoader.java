package dk.jobagent.worker.bulk;

import dk.jobagent.schemas.api.ProfessionType;
import dk.jobagent.worker.enrolment.RuleDataLoader;
import dk.jobagent.worker.enrolment.RuleDataSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads the rule data of a chunk's lines set-based, with the command path's loader, in the chunk's
 * transaction.
 */
@Component
class ChunkFactsLoader {

  /**
   * 4589 (a job target id held by another citizen) is judged for update and delete only; bulk lines
   * are CreateJobagent (schemas/json/bulk-line.schema.json), so the lookup would be wasted work.
   */
  private static final boolean TARGET_OWNERS_NEEDED = false;

  private final RuleDataLoader loader;

  ChunkFactsLoader(RuleDataLoader loader) {
    this.loader = loader;
  }

  RuleDataSet load(List<CheckedLine> lines) {
    Set<String> cprs = new LinkedHashSet<>();
    List<ProfessionType> professions = new ArrayList<>();
    for (CheckedLine line : lines) {
      cprs.add(line.cpr());
      professions.addAll(line.body().professions());
    }
    return loader.load(cprs, professions, TARGET_OWNERS_NEEDED);
  }
}
