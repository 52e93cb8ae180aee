package dk.jobagent.worker.reference;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * absences.csv: absence registrations, keyed by (cpr, absence_type, from_date); the type must be in
 * the absence-type code list.
 */
final class AbsenceFormat implements RowFormat {

  private final Set<String> absenceTypes;

  AbsenceFormat(Set<String> absenceTypes) {
    this.absenceTypes = absenceTypes;
  }

  @Override
  public String kind() {
    return "absences";
  }

  @Override
  public List<String> header() {
    return List.of("cpr", "absence_type", "from_date", "to_date");
  }

  @Override
  public int keyColumns() {
    return 3;
  }

  @Override
  public String[] parse(List<String> f) throws RowRejectedException {
    String cpr = Fields.cpr(f.get(0));
    String type = Fields.requiredText("absence_type", f.get(1));
    if (!absenceTypes.contains(type)) {
      throw new RowRejectedException(
          "absence_type '" + type + "' is not in the code list " + sorted(absenceTypes));
    }
    String from = Fields.requiredDate("from_date", f.get(2));
    String to = Fields.optionalDate("to_date", f.get(3));
    if (to != null && LocalDate.parse(to).isBefore(LocalDate.parse(from))) {
      throw new RowRejectedException("to_date " + to + " is before from_date " + from);
    }
    return new String[] {cpr, type, from, to};
  }

  private static List<String> sorted(Set<String> set) {
    return set.stream().sorted().toList();
  }

  @Override
  public String upsertSql() {
    return """
        insert into absence as a (cpr, absence_type, from_date, to_date)
        select t.cpr, t.absence_type, t.from_date::date, t.to_date::date
          from unnest(?::text[], ?::text[], ?::text[], ?::text[])
               as t(cpr, absence_type, from_date, to_date)
        on conflict (cpr, absence_type, from_date) do update
           set to_date = excluded.to_date
         where a.to_date is distinct from excluded.to_date
        """;
  }
}
