package dk.jobagent.worker.rules;

import java.util.Map;
import java.util.Set;

/** The code lists the rules read (reference data, changeable without code changes). */
public record CodeLists(
    Map<String, ClientCategory> categories,
    Set<String> unemploymentStatuses,
    Map<String, Set<String>> allowedStatusesByCategory,
    Map<String, Boolean> absenceTypeBlocksEnrolment,
    Map<String, Set<String>> conflictingCategoriesByAbsenceType,
    Set<String> interviewContactTypes,
    Map<Integer, String> interviewTypes) {}
