package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import org.apache.tika.metadata.Message;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/** The sender and date of an e-mail as text lines, from Tika's metadata. Stateless. */
final class MailHeader {
  private MailHeader() {}

  /**
   * Where an e-mail stands, for its citations: {@code "from Jukka Zitting, 2009-06-05"} (the
   * sender's name, else address; the day it was sent, when known); null when the metadata is not an
   * e-mail's. The subject is the document's title.
   */
  static String location(Metadata metadata) {
    String from = metadata.get(Message.MESSAGE_FROM_NAME);
    if (from == null || from.isBlank()) {
      from = metadata.get(Message.MESSAGE_FROM_EMAIL);
    }
    if (from == null || from.isBlank()) {
      from = metadata.get(Message.MESSAGE_FROM);
    }
    if (from == null || from.isBlank()) {
      return null;
    }
    String date = metadata.get(TikaCoreProperties.CREATED);
    String day = date == null || date.length() < 10 ? null : date.substring(0, 10);
    return "from " + from.strip() + (day == null ? "" : ", " + day);
  }

  /** {@code "From: ...\nDate: ..."}, or an empty string when the metadata is not an e-mail's. */
  static String lines(Metadata metadata) {
    String from = metadata.get(Message.MESSAGE_FROM);
    if (from == null) {
      String name = metadata.get(Message.MESSAGE_FROM_NAME);
      String email = metadata.get(Message.MESSAGE_FROM_EMAIL);
      from = name == null ? email : (email == null ? name : name + " <" + email + ">");
    }
    if (from == null || from.isBlank()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    lines.add("From: " + from.strip());
    String date = metadata.get(TikaCoreProperties.CREATED);
    if (date != null && !date.isBlank()) {
      lines.add("Date: " + date.strip());
    }
    return String.join("\n", lines);
  }
}
