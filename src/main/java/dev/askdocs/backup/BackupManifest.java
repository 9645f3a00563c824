package dev.askdocs.backup;

import java.util.List;

/**
 * What a backup folder holds, written last as {@value Backups#MANIFEST}: a folder without it is not
 * a complete backup.
 *
 * @param format the layout's version, {@value Backups#FORMAT}
 * @param askdocsVersion the askdocs that wrote it (its Lucene version follows from it)
 * @param createdAt when the backup finished, ISO-8601 UTC
 * @param documents documents in the index when the backup was taken
 * @param chunks chunks in the index when the backup was taken
 * @param embeddingModel the model the index was built with
 * @param contents the parts present: {@code index}, {@code sentence-vectors}, {@code
 *     feedback.jsonl}, {@code uploads}
 * @param bytes the size of every file copied
 */
public record BackupManifest(
    int format,
    String askdocsVersion,
    String createdAt,
    int documents,
    int chunks,
    String embeddingModel,
    List<String> contents,
    long bytes) {}
