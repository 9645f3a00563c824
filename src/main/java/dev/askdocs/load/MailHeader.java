package dev.askdocs.load;

import java.util.ArrayList;
import java.util.List;
import org.apache.tika.metadata.Message;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/** The sender and date of an e-mail as text lines, from Tika's metadata. Stateless. */
final class MailHeader {
  private MailHeader() {}

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
