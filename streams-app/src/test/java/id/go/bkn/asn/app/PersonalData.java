package id.go.bkn.asn.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal data of a test's input, the employee ids and the feedback comments, and a finder of
 * any of them in a text. Ids of digits (NIPs, PPPK numbers) are looked up inside every run of
 * digits, so an id is found also when glued to other digits; any other id and every comment by
 * plain containment.
 */
final class PersonalData {

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final Set<String> numericIds = new HashSet<>();
  private final Set<Integer> numericLengths = new TreeSet<>();
  private final Set<String> otherIds = new HashSet<>();
  private final Set<String> comments = new HashSet<>();

  /** Adds an employee id of the input (null and blank are ignored). */
  void addEmployeeId(final String id) {
    if (id == null || id.isBlank()) {
      return;
    }
    if (DIGITS.matcher(id).matches()) {
      numericIds.add(id);
      numericLengths.add(id.length());
    } else {
      otherIds.add(id);
    }
  }

  /** Adds a comment of the input (null and blank are ignored). */
  void addComment(final String comment) {
    if (comment != null && !comment.isBlank()) {
      comments.add(comment);
    }
  }

  int employeeIds() {
    return numericIds.size() + otherIds.size();
  }

  int comments() {
    return comments.size();
  }

  boolean hasEmployeeId(final String id) {
    return numericIds.contains(id) || otherIds.contains(id);
  }

  boolean hasComment(final String comment) {
    return comments.contains(comment);
  }

  /** Every employee id and comment of the input that occurs in {@code text}. */
  List<String> findIn(final String text) {
    final List<String> found = new ArrayList<>();
    final Matcher digits = DIGITS.matcher(text);
    while (digits.find()) {
      final String run = digits.group();
      for (final int length : numericLengths) {
        for (int i = 0; i + length <= run.length(); i++) {
          final String candidate = run.substring(i, i + length);
          if (numericIds.contains(candidate)) {
            found.add(candidate);
          }
        }
      }
    }
    for (final String id : otherIds) {
      if (text.contains(id)) {
        found.add(id);
      }
    }
    for (final String comment : comments) {
      if (text.contains(comment)) {
        found.add(comment);
      }
    }
    return found;
  }
}
