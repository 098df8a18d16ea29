import CallVaultSupport

/// The whole of an audit log or witness file, read for a scan or a verification.
enum AuditFileBytes {
    /// The bytes of the file at `path`. A regular file is read straight into the array, up to its
    /// end even if it grows meanwhile (a log of a million entries is some 340 MB, which reading
    /// into `Data` and copying would touch twice); a pipe is read as it comes.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` naming the system's reason, with its `errno` as
    ///   the underlying cause.
    static func read(_ path: String) throws(AuditError) -> [UInt8] {
        try AuditError.reporting { () throws(SystemCallError) in
            let file = try SystemFile.openForReading(path)
            var bytes: [UInt8] = []
            let regular = try file.isRegularFile()
            if regular {
                let size = Int(clamping: try file.size())
                var failure: SystemCallError?
                bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                    do throws(SystemCallError) {
                        count = try file.readAvailable(into: UnsafeMutableRawBufferPointer(buffer), at: 0)
                    } catch {
                        failure = error
                        count = 0
                    }
                }
                if let failure { throw failure }
            }
            // Whatever was appended after the size was taken, or a pipe's bytes, up to the end.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let offset = UInt64(bytes.count)
                let done = try readChunk(from: file, regular: regular, into: &chunk, at: offset)
                bytes += chunk[..<done]
                if done == 0 { break }
            }
            return bytes
        }
    }

    /// Reads up to `chunk.count` bytes at `offset` (a regular file) or from the current position
    /// (a pipe); 0 at the end.
    private static func readChunk(from file: SystemFile, regular: Bool, into chunk: inout [UInt8], at offset: UInt64)
        throws(SystemCallError) -> Int
    {
        var failure: SystemCallError?
        let count = chunk.withUnsafeMutableBytes { buffer -> Int in
            do throws(SystemCallError) {
                return regular
                    ? try file.readAvailable(into: buffer, at: offset) : try file.readSequentially(into: buffer)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return count
    }
}
