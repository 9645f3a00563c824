package dev.askdocs.store;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * Copies of a Lucene index while it is in use: the files of its last commit, held by a snapshot
 * while they are copied, so that merges and commits go on meanwhile. The index's writer must have
 * been configured with a {@link SnapshotDeletionPolicy}. Stateless.
 */
public final class LuceneSnapshots {
  private LuceneSnapshots() {}

  /**
   * Copies the last commit of {@code writer}'s index into {@code target} (an empty or new folder),
   * synced to disk.
   *
   * @throws IOException when a file cannot be read or written
   */
  public static void copy(IndexWriter writer, Path target) throws IOException {
    SnapshotDeletionPolicy snapshots =
        (SnapshotDeletionPolicy) writer.getConfig().getIndexDeletionPolicy();
    Directory directory = writer.getDirectory();
    IndexCommit commit = snapshots.snapshot();
    try (Directory out = FSDirectory.open(target)) {
      for (String file : commit.getFileNames()) {
        out.copyFrom(directory, file, file, IOContext.DEFAULT);
      }
      out.sync(commit.getFileNames());
      out.syncMetaData();
    } finally {
      snapshots.release(commit);
      writer.deleteUnusedFiles();
    }
  }
}
