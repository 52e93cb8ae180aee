package dk.jobagent.bookingsim.booking;

import dk.jobagent.bookingsim.data.Jobcenter;
import dk.jobagent.schemas.CopenhagenDates;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/** The job centre's receipt text (JobCenterReceipt, at most 10,000 characters), in Danish. */
final class ReceiptText {

  static final int MAX_LENGTH = 10_000;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE 'den' d. MMMM yyyy 'kl.' HH:mm", Locale.of("da", "DK"));

  private ReceiptText() {}

  static String of(
      UUID indkaldelseId,
      Jobcenter jobcenter,
      int interviewType,
      Instant start,
      String contactType) {
    String text =
        "Du er indkaldt til "
            + typeName(interviewType)
            + " hos "
            + jobcenter.name()
            + " "
            + WHEN.format(start.atZone(CopenhagenDates.ZONE))
            + ". Samtaleform: "
            + contactName(contactType)
            + ". Kontakt jobcentret på telefon "
            + jobcenter.phone()
            + ", hvis du ikke kan komme. Indkaldelse "
            + indkaldelseId
            + ".";
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
  }

  static String typeName(int interviewType) {
    return switch (interviewType) {
      case 7 -> "jobsamtale";
      case 9 -> "informationsmøde";
      case 10 -> "CV-samtale";
      case 15 -> "rådighedssamtale";
      default -> "samtale (type " + interviewType + ")";
    };
  }

  private static String contactName(String contactType) {
    return switch (contactType) {
      case "PERSONLIGT_FREMMOEDE" -> "personligt fremmøde";
      case "TELEFONISK" -> "telefonisk";
      case "DIGITALT" -> "digitalt";
      default -> "andet";
    };
  }
}
