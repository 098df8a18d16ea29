import CallVaultSupport

/// An open file of CallVaultCrypto's file operations: the support layer's `SystemFile`, with its
/// failures reported as ``FileError``, and, for an output, how its temporary file exists until it
/// is committed (see `OpenFile+Temporary.swift`).
final class OpenFile: Sendable {
    let file: SystemFile
    /// The file's path; for a temporary output, the destination it will appear at.
    let path: String
    /// How a temporary output exists until it is committed.
    let temporary: Temporary?

    /// A temporary output file.
    enum Temporary {
        /// Unnamed (`O_TMPFILE`): nothing of it exists in any folder until it is linked into place.
        case unnamed
        /// Named (on file systems without `O_TMPFILE`), hidden and locked while this process lives.
        case named(String)
    }

    init(file: SystemFile, path: String, temporary: Temporary? = nil) {
        self.file = file
        self.path = path
        self.temporary = temporary
    }

    var descriptor: Int32 { file.descriptor }

    static func forReading(_ path: String) throws(FileError) -> OpenFile {
        try FileError.reporting { () throws(SystemCallError) in
            OpenFile(file: try SystemFile.openForReading(path), path: path)
        }
    }

    /// Whether this is a regular file (not a pipe, device or socket, which have no length and no
    /// positions to read at).
    func isRegularFile() throws(FileError) -> Bool {
        try FileError.reporting { () throws(SystemCallError) in try file.isRegularFile() }
    }

    /// Reads up to `buffer.count` bytes from the current position (for pipes and devices), retrying
    /// on `EINTR`; 0 at the end.
    func readSequentially(into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        try FileError.reporting { () throws(SystemCallError) in try file.readSequentially(into: buffer) }
    }

    func size() throws(FileError) -> UInt64 {
        try FileError.reporting { () throws(SystemCallError) in try file.size() }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(FileError) {
        try FileError.reporting { () throws(SystemCallError) in try file.read(into: buffer, at: offset) }
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(FileError) {
        try FileError.reporting { () throws(SystemCallError) in try file.write(buffer, at: offset) }
    }

    /// See `SystemFile.preallocate(_:)`: best effort.
    func preallocate(_ length: UInt64) {
        file.preallocate(length)
    }

    /// See `SystemFile.startWriteback(offset:count:)`: best effort.
    func startWriteback(offset: UInt64, count: Int) {
        file.startWriteback(offset: offset, count: count)
    }

    func synchronize() throws(FileError) {
        try FileError.reporting { () throws(SystemCallError) in try file.synchronize() }
    }
}
