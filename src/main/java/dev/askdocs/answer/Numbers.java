package dev.askdocs.answer;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises numbers, years and dates in sentences, for the answer-type check. */
final class Numbers {
  private static final Pattern NUMBER = Pattern.compile("\\b\\d[\\d,.]*\\b");
  private static final Pattern YEAR = Pattern.compile("\\b(1[0-9]{3}|20[0-9]{2})s?\\b");
  private static final Pattern NUMBER_WORD =
      Pattern.compile(
          "\\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
              + "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
              + "seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
              + "half|quarter|once|twice|single|double|triple|percent)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE_WORD =
      Pattern.compile(
          "\\b(january|february|march|april|june|july|august|september|october|november|"
              + "december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|century|"
              + "centuries|decade|today|yesterday|ago|spring|summer|autumn|winter|bc|ad)\\b",
          Pattern.CASE_INSENSITIVE);

  private Numbers() {}

  /** "8,000" and "8000" compare equal; trailing punctuation is dropped. */
  static String normalise(String number) {
    return number.replace(",", "").replaceAll("[.]+$", "");
  }

  /** Numbers written with digits in {@code s}, normalised. */
  static Set<String> digits(String s) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(s);
    while (m.find()) {
      out.add(normalise(m.group()));
    }
    return out;
  }

  /** True when {@code s} states a quantity: digits that are not a year, or a number word. */
  static boolean hasQuantity(String s, Set<String> exclude) {
    for (String n : digits(s)) {
      if (!exclude.contains(n) && !YEAR.matcher(n).matches()) {
        return true;
      }
    }
    Matcher w = NUMBER_WORD.matcher(s);
    while (w.find()) {
      if (!exclude.contains(w.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code s} states a date: a year, a month, a weekday, a century. */
  static boolean hasDate(String s, Set<String> exclude) {
    Matcher y = YEAR.matcher(s);
    while (y.find()) {
      if (!exclude.contains(y.group(1))) {
        return true;
      }
    }
    Matcher d = DATE_WORD.matcher(s);
    while (d.find()) {
      if (!exclude.contains(d.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
