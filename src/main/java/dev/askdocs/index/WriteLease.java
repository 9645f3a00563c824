package dev.askdocs.index;

/**
 * The right to write an index, held by one ingest run at a time; see {@link
 * ChunkIndex#claimWriter()}. Closing it lets another writer in.
 */
public interface WriteLease extends AutoCloseable {
  /** A lease that costs nothing, for an index whose writer is exclusive already. */
  WriteLease EXCLUSIVE = () -> {};

  @Override
  void close();
}
