package dk.jobagent.worker.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dk.jobagent.schemas.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine covers the catalogue: every worker code is one rule or one adapter outcome. */
class RuleCatalogueTest {

  /** Decided by the person-register and booking adapters, not by a rule. */
  private static final Set<Integer> ADAPTER_OUTCOMES = Set.of(8111, 4819, 9018, 4769);

  /** SPEC §4's table, top to bottom (precedence). */
  private static final List<Integer> SPEC_ORDER =
      List.of(
          1010, 8111, 4405, 4720, 4725, 4313, 4314, 4641, 6014, 4763, 6033, 4338, 4316, 4750, 4645,
          7062, 4318, 8281, 4698, 4710, 4589, 4786, 4783, 8108, 8109, 9003, 4822, 8273, 8288, 4819,
          9018, 4769, 9345, 9344);

  private final List<Rule> rules = RuleEngine.standard().rules();

  @Test
  void everyWorkerCodeHasExactlyOneRuleOrIsAnAdapterOutcome() {
    Map<ErrorCode, Long> rulesPerCode =
        rules.stream().collect(Collectors.groupingBy(Rule::code, Collectors.counting()));
    for (ErrorCode code : ErrorCode.values()) {
      if (code.side() != ErrorCode.Side.WORKER) {
        continue;
      }
      if (ADAPTER_OUTCOMES.contains(code.code())) {
        assertThat(rulesPerCode).as("%s is an adapter outcome", code).doesNotContainKey(code);
      } else {
        assertThat(rulesPerCode.get(code)).as("rules for %s", code).isEqualTo(1L);
      }
    }
  }

  @Test
  void readAndIngestCodesAreNotRules() {
    assertThat(rules)
        .extracting(Rule::code)
        .allSatisfy(code -> assertThat(code.side()).isEqualTo(ErrorCode.Side.WORKER));
  }

  @Test
  void adapterOutcomesAreWorkerCodes() {
    assertThat(ADAPTER_OUTCOMES)
        .allSatisfy(
            c ->
                assertThat(ErrorCode.of(c))
                    .get()
                    .extracting(ErrorCode::side)
                    .isEqualTo(ErrorCode.Side.WORKER));
  }

  @Test
  void rulesRunInTheSpecTablesOrder() {
    List<Integer> order = rules.stream().map(r -> r.code().code()).toList();
    List<Integer> expected = SPEC_ORDER.stream().filter(order::contains).toList();
    assertThat(order).containsExactlyElementsOf(expected);
  }

  @Test
  void theSpecTableNamesEveryNonIngestCode() {
    Map<Integer, ErrorCode> byCode =
        Arrays.stream(ErrorCode.values())
            .collect(Collectors.toMap(ErrorCode::code, Function.identity()));
    assertThat(SPEC_ORDER).allSatisfy(c -> assertThat(byCode).containsKey(c));
    assertThat(
            byCode.values().stream()
                .filter(c -> c.side() != ErrorCode.Side.INGEST)
                .map(ErrorCode::code))
        .allSatisfy(c -> assertThat(SPEC_ORDER).contains(c));
  }
}
