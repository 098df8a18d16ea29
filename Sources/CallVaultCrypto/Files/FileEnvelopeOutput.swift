/// Writes an envelope (or decrypted audio) to a file that appears only when complete.
///
/// Bytes go to a temporary file in the destination's folder, readable only by its owner:
/// unnamed where the system allows (`O_TMPFILE`), so a process killed while writing leaves nothing
/// behind, not even a name; otherwise hidden and named, and removed by the next output into that
/// folder. ``commit()`` flushes it to disk and links or renames it into place atomically. If the
/// work fails, call ``discard()`` (or just release the output): the destination is never left
/// half-written.
///
/// The destination must be new or an existing regular file, and must not be an input: a device
/// (such as `/dev/full`), pipe, socket, folder or symbolic link is never replaced, and neither is
/// the input itself, whatever link leads to it (``FileError`` says which).
public final class FileEnvelopeOutput: EnvelopeOutput {
    /// Where the file will appear on ``commit()``.
    public let destination: String
    let file: OpenFile
    private let inputs: [OutputDestination.FileIdentity]
    private var offset: UInt64 = 0
    private var isFinished = false

    /// Creates the temporary file for `destination`.
    ///
    /// - Parameters:
    ///   - destination: where the file will appear.
    ///   - inputPaths: files the output must not be (compared by device and inode).
    /// - Throws: ``FileError`` when `destination` is not a regular file or is one of the inputs,
    ///   or its folder cannot take a new file.
    public convenience init(destination: String, distinctFrom inputPaths: [String] = []) throws {
        try self.init(
            destination: destination, inputs: inputPaths.compactMap(OutputDestination.FileIdentity.init(path:)))
    }

    init(destination: String, inputs: [OutputDestination.FileIdentity], allowUnnamed: Bool = true) throws {
        try OutputDestination.check(destination, distinctFrom: inputs)
        self.destination = destination
        self.inputs = inputs
        self.file = try OpenFile.temporary(besides: destination, allowUnnamed: allowUnnamed)
    }

    deinit {
        if !isFinished { file.discard() }
    }

    /// Checks `destination` as ``init(destination:distinctFrom:)`` does, without creating anything:
    /// to refuse a bad output before doing the work.
    public static func checkDestination(_ destination: String, distinctFrom inputPaths: [String] = []) throws {
        try OutputDestination.check(
            destination, distinctFrom: inputPaths.compactMap(OutputDestination.FileIdentity.init(path:)))
    }

    /// Appends `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try file.write(bytes, at: offset)
        offset += UInt64(bytes.count)
    }

    /// Flushes the file to disk and makes it appear at ``destination``.
    public func commit() throws {
        try file.commit(as: destination, distinctFrom: inputs)
        isFinished = true
    }

    /// Deletes the temporary file; the destination is untouched.
    public func discard() {
        guard !isFinished else { return }
        file.discard()
        isFinished = true
    }
}

// An output file is written by one task, in order.
@available(*, unavailable)
extension FileEnvelopeOutput: Sendable {}
