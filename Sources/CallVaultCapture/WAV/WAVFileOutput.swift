import CallVaultSupport

/// A WAV file written to disk with positional writes.
///
/// The file is created readable and writable by its owner only (mode 0600): recorded speech is
/// personal data. It is closed when the output is released.
///
/// ```swift
/// var writer = try WAVWriter(output: WAVFileOutput(path: "export.wav"), format: format)
/// ```
public final class WAVFileOutput: WAVOutput, Sendable {
    private let file: SystemFile

    /// Creates the file at `path`.
    ///
    /// - Parameters:
    ///   - path: where to create the file.
    ///   - replacing: whether to truncate an existing file; by default an existing file is an
    ///     error, so an export never overwrites a recording by mistake.
    /// - Throws: ``WAVFileError`` when the file exists (and `replacing` is false) or cannot be
    ///   created.
    public init(path: String, replacing: Bool = false) throws {
        file = try WAVFileError.reporting { () throws(SystemCallError) in
            try SystemFile.create(path, replacing: replacing)
        }
    }

    /// The file's path.
    public var path: String { file.path }

    /// Writes all of `bytes` at `offset`, or throws ``WAVFileError``.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws {
        try WAVFileError.reporting { () throws(SystemCallError) in try file.write(bytes, at: offset) }
    }

    /// Flushes the file to disk (`fsync`), so a finished recording survives a power cut.
    public func synchronize() throws {
        try WAVFileError.reporting { () throws(SystemCallError) in try file.synchronize() }
    }
}
