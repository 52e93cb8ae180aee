package dk.jobagent.worker.reference;

import java.util.List;
import java.util.Set;

/** occupations.csv: the ESCO STAR occupation taxonomy. */
final class OccupationFormat implements RowFormat {

  static final Set<String> STATUSES = Set.of("Aktiv", "Inaktiv", "Fravalgt");

  @Override
  public String kind() {
    return "occupations";
  }

  @Override
  public List<String> header() {
    return List.of("concept_uri", "label", "status");
  }

  @Override
  public int keyColumns() {
    return 1;
  }

  @Override
  public String[] parse(List<String> f) throws RowRejectedException {
    String uri = Fields.conceptUri("concept_uri", f.get(0));
    String label = Fields.requiredText("label", f.get(1));
    String status = f.get(2).trim();
    if (!STATUSES.contains(status)) {
      throw new RowRejectedException(
          "status '" + status + "' is not one of Aktiv, Inaktiv, Fravalgt");
    }
    return new String[] {uri, label, status};
  }

  @Override
  public String upsertSql() {
    return """
        insert into occupation as o (concept_uri, label, status)
        select t.concept_uri, t.label, t.status
          from unnest(?::text[], ?::text[], ?::text[]) as t(concept_uri, label, status)
        on conflict (concept_uri) do update
           set label = excluded.label, status = excluded.status
         where (o.label, o.status) is distinct from (excluded.label, excluded.status)
        """;
  }
}
