package dev.askdocs.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.askdocs.AskdocsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Feedback kept durably in an append-only file of JSON lines, one {@link Feedback} per line. Each
 * record is on disk (fsync) before {@link #append} returns; earlier lines are never rewritten, so a
 * later vote on the same answer is a new line and readers take the last one. Thread-safe: appends
 * are serialised, so lines never interleave.
 */
public final class FeedbackLog implements AutoCloseable {
  /** The file's name, beside the index folder (not inside it: rebuilding the index keeps it). */
  public static final String FILE_NAME = "feedback.jsonl";

  private final Path file;
  private final FileChannel channel;
  private final ObjectMapper mapper =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private FeedbackLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** The log for an index in {@code indexDir}: {@value #FILE_NAME} in the folder that holds it. */
  public static FeedbackLog besideIndex(Path indexDir) {
    Path absolute = indexDir.toAbsolutePath().normalize();
    Path parent = absolute.getParent() == null ? absolute : absolute.getParent();
    return open(parent.resolve(FILE_NAME));
  }

  /** Opens (creating if needed) the log at {@code file}; the file is only ever appended to. */
  public static FeedbackLog open(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new FeedbackLog(file, channel);
    } catch (IOException e) {
      throw new AskdocsException("cannot open the feedback file " + file + ": " + e, e);
    }
  }

  /** Writes {@code feedback} as one line and forces it to disk before returning. */
  public synchronized void append(Feedback feedback) {
    byte[] line;
    try {
      line = (mapper.writeValueAsString(feedback) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new AskdocsException("cannot write feedback as JSON: " + e.getOriginalMessage(), e);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the feedback file " + file, e);
    }
  }

  /**
   * Copies the log to {@code target} between two appends, so the copy ends with a whole line.
   *
   * @throws AskdocsException when the copy fails
   */
  public synchronized void copyTo(Path target) {
    try {
      channel.force(true);
      java.nio.file.Files.copy(file, target);
    } catch (java.io.IOException e) {
      throw new AskdocsException("cannot copy " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every record so far, oldest first. A line that is not a whole record (the end of a file cut off
   * by a crash during an append) is left out: everything before it was forced to disk whole.
   */
  public synchronized java.util.List<Feedback> read() {
    java.util.List<Feedback> out = new java.util.ArrayList<>();
    try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(mapper.readValue(line, Feedback.class));
        } catch (JsonProcessingException e) {
          // A torn last line: the reader it came from was told the append failed.
          continue;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feedback file " + file, e);
    }
    return out;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the feedback file " + file, e);
    }
  }
}
