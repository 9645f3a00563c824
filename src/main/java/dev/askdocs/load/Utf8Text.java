package dev.askdocs.load;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes text files as UTF-8 the way every plain-text loader needs it: the BOM goes, line endings
 * become {@code \n}, trailing whitespace at the end goes, nothing else changes so that character
 * offsets keep pointing into what the user wrote.
 */
final class Utf8Text {
  /** Above this share of undecodable characters the file is most likely binary or Latin-1. */
  private static final double MAX_REPLACEMENT_RATIO = 0.01;

  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Text() {}

  /**
   * Reads {@code file} as UTF-8 text.
   *
   * @throws DocumentLoadException when the file is unreadable, binary, not UTF-8 or empty
   */
  static String read(Path file) {
    String text = normalise(decode(ReadFailure.readAllBytes(file)));
    if (text.isBlank()) {
      throw new DocumentLoadException("empty file");
    }
    return text;
  }

  /** Decodes UTF-8 bytes, tolerating a few bad bytes but not a binary file. */
  static String decode(byte[] bytes) {
    int start = hasBom(bytes) ? 3 : 0;
    for (int i = start; i < bytes.length; i++) {
      // Text files never hold NUL; UTF-16 and binaries nearly always do.
      if (bytes[i] == 0) {
        throw notText();
      }
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(buffer)
          .toString();
    } catch (CharacterCodingException strictFailed) {
      // Not clean UTF-8: accept it only if the damage is a stray byte here and there.
      String lenient = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
      long replaced = lenient.chars().filter(c -> c == REPLACEMENT).count();
      if (replaced > Math.max(1, lenient.length() * MAX_REPLACEMENT_RATIO)) {
        throw notText();
      }
      return lenient;
    }
  }

  /** Turns {@code \r\n} and {@code \r} into {@code \n}; strips trailing whitespace at the end. */
  static String normalise(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
  }

  private static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF;
  }

  private static DocumentLoadException notText() {
    return new DocumentLoadException("binary or not UTF-8 text");
  }
}
