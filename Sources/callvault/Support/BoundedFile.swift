import CallVaultSupport
import Foundation

/// The small files the tool reads whole (catalogs, policies, key and principal files), each under
/// a limit so a wrong path (a recording, a disk image, a device) fails at once instead of filling
/// memory, and each failure said plainly: missing, not readable, a folder, too large, not text.
enum BoundedFile {
    /// The bytes of the file at `path`, refusing one longer than `limit` bytes.
    ///
    /// - Parameters:
    ///   - path: the file (a pipe is read as it comes; a folder is refused).
    ///   - limit: the most bytes the file may hold.
    ///   - what: what the file should be, as a message names it ("a catalog", "a key file").
    /// - Returns: the file's bytes.
    /// - Throws: `ToolError.unreadable` naming the file and why.
    static func bytes(at path: String, limit: Int, what: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            // A pipe (`<(...)`, /dev/stdin) is read as it comes; a folder is refused.
            let file = try isFolder(path) ? SystemFile.openRegularFileForReading(path) : SystemFile.openForReading(path)
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while bytes.count <= limit {
                let count = try buffer.withUnsafeMutableBytes { try file.readSequentially(into: $0) }
                if count == 0 { break }
                bytes += buffer[..<count]
            }
        } catch let failure as SystemCallError {
            throw ToolError.unreadable(path: path, reason: reason(failure))
        }
        guard bytes.count <= limit else {
            throw ToolError.unreadable(path: path, reason: "it is larger than \(what) can be (\(limit) bytes)")
        }
        return bytes
    }

    /// The text of the regular file at `path`, which must be UTF-8, refusing one longer than
    /// `limit` bytes.
    static func text(at path: String, limit: Int, what: String) throws -> String {
        guard let text = String(validating: try bytes(at: path, limit: limit, what: what), as: UTF8.self) else {
            throw ToolError.unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Why a file could not be read, in the words an operator acts on.
    private static func reason(_ failure: SystemCallError) -> String {
        switch failure.cause {
        case .errorNumber(ENOENT): return "it does not exist"
        case .errorNumber(EACCES): return "it is not readable by this user (\(failure.reason))"
        case .errorNumber(EISDIR): return "it is a folder, not a file"
        case .notRegularFile:
            return isFolder(failure.path) ? "it is a folder, not a file" : "it is not a regular file"
        default: return "it could not be read (\(failure.reason))"
        }
    }
}
