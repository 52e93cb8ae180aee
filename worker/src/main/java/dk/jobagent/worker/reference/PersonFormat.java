package dk.jobagent.worker.reference;

import java.util.List;

/** persons.csv: the person register mirror. */
final class PersonFormat implements RowFormat {

  @Override
  public String kind() {
    return "persons";
  }

  @Override
  public List<String> header() {
    return List.of(
        "cpr",
        "death_date",
        "abroad",
        "temporary_foreign_address",
        "has_jobnet_cv",
        "email",
        "jobcenter_code");
  }

  @Override
  public int keyColumns() {
    return 1;
  }

  @Override
  public String[] parse(List<String> f) throws RowRejectedException {
    return new String[] {
      Fields.cpr(f.get(0)),
      Fields.optionalDate("death_date", f.get(1)),
      Fields.bool("abroad", f.get(2)),
      Fields.bool("temporary_foreign_address", f.get(3)),
      Fields.bool("has_jobnet_cv", f.get(4)),
      Fields.optionalEmail(f.get(5)),
      Fields.optionalText(f.get(6))
    };
  }

  @Override
  public String upsertSql() {
    return """
        insert into person as p (cpr, death_date, abroad, temporary_foreign_address, has_jobnet_cv,
                                 email, jobcenter_code)
        select t.cpr, t.death_date::date, t.abroad::boolean, t.tfa::boolean, t.cv::boolean,
               t.email, t.jobcenter_code
          from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
               as t(cpr, death_date, abroad, tfa, cv, email, jobcenter_code)
        on conflict (cpr) do update
           set death_date = excluded.death_date,
               abroad = excluded.abroad,
               temporary_foreign_address = excluded.temporary_foreign_address,
               has_jobnet_cv = excluded.has_jobnet_cv,
               email = excluded.email,
               jobcenter_code = excluded.jobcenter_code
         where (p.death_date, p.abroad, p.temporary_foreign_address, p.has_jobnet_cv, p.email,
                p.jobcenter_code)
               is distinct from
               (excluded.death_date, excluded.abroad, excluded.temporary_foreign_address,
                excluded.has_jobnet_cv, excluded.email, excluded.jobcenter_code)
        """;
  }
}
