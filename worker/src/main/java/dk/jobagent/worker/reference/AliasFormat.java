package dk.jobagent.worker.reference;

import java.util.List;

/**
 * aliases.csv: alternative labels of occupations. The concept URI is not required to be loaded
 * already, so the two files can be loaded in either order.
 */
final class AliasFormat implements RowFormat {

  @Override
  public String kind() {
    return "aliases";
  }

  @Override
  public List<String> header() {
    return List.of("alias_id", "concept_uri", "label");
  }

  @Override
  public int keyColumns() {
    return 1;
  }

  @Override
  public String[] parse(List<String> f) throws RowRejectedException {
    return new String[] {
      Fields.uuid("alias_id", f.get(0)),
      Fields.conceptUri("concept_uri", f.get(1)),
      Fields.requiredText("label", f.get(2))
    };
  }

  @Override
  public String upsertSql() {
    return """
        insert into occupation_alias as a (alias_id, concept_uri, label)
        select t.alias_id::uuid, t.concept_uri, t.label
          from unnest(?::text[], ?::text[], ?::text[]) as t(alias_id, concept_uri, label)
        on conflict (alias_id) do update
           set concept_uri = excluded.concept_uri, label = excluded.label
         where (a.concept_uri, a.label) is distinct from (excluded.concept_uri, excluded.label)
        """;
  }
}
