/// Writes an envelope (or decrypted audio) to a file that appears only when complete.
///
/// Bytes go to a temporary file beside the destination, readable only by its owner;
/// ``commit()`` flushes it to disk and renames it into place atomically. If the work fails, call
/// ``discard()`` (or just release the output): the destination is never left half-written.
public final class FileEnvelopeOutput: EnvelopeOutput {
    /// Where the file will appear on ``commit()``.
    public let destination: String
    let file: OpenFile
    private var offset: UInt64 = 0
    private var isFinished = false

    /// Creates the temporary file beside `destination`.
    public init(destination: String) throws {
        self.destination = destination
        self.file = try OpenFile.temporary(besides: destination)
    }

    deinit {
        if !isFinished { file.discard() }
    }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file.write(bytes, at: offset)
        offset += UInt64(bytes.count)
    }

    /// Flushes the file to disk and renames it to ``destination``.
    public func commit() throws {
        try file.commit(as: destination)
        isFinished = true
    }

    /// Deletes the temporary file; the destination is untouched.
    public func discard() {
        guard !isFinished else { return }
        file.discard()
        isFinished = true
    }
}
