import CallVaultCore
import CallVaultCrypto
import CallVaultSupport
import Foundation

/// Every entry under a package folder, by its name relative to the folder (`/` separated), and
/// what kind of entry it is. Links are listed as links, never followed: a package holds regular
/// files only, and a link could make a checker read something outside it.
struct PackageEntries {
    /// What an entry is, as `lstat` says.
    enum Kind: Equatable {
        case regular, directory, symbolicLink, other

        /// How a problem names it.
        var name: String {
            switch self {
            case .regular: "regular file"
            case .directory: "folder"
            case .symbolicLink: "symbolic link"
            case .other: "special file (device, pipe or socket)"
            }
        }

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFLNK: self = .symbolicLink
            default: self = .other
            }
        }
    }

    /// Each entry's kind, by relative name; folders included.
    let kinds: [String: Kind]

    /// Lists everything under `root`, which must be a folder (or a link to one: the receiver
    /// names it; links inside the package are what is not followed).
    init(root: String) throws(ExportError) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw .io(path: root, reason: "it does not exist or cannot be read")
        }
        let rootKind = Kind(mode: info.st_mode)
        guard rootKind == .directory else { throw .io(path: root, reason: "it is a \(rootKind.name), not a folder") }
        var kinds: [String: Kind] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw .io(path: folder, reason: "its entries cannot be listed (\(error.localizedDescription))")
            }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let kind = Self.kind(of: root + "/" + child) else {
                    throw .io(path: root + "/" + child, reason: "it cannot be inspected")
                }
                kinds[child] = kind
                if kind == .directory { pending.append(child) }
            }
        }
        self.kinds = kinds
    }

    private static func kind(of path: String) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Kind(mode: info.st_mode)
    }

    /// Opens a file for reading without following a link at its last component.
    private static func openForReading(_ path: String) throws(SystemCallError) -> SystemFile {
        try SystemFile.open(path, flags: O_RDONLY | O_NOFOLLOW)
    }

    /// The export error of a failed system call, keeping its cause.
    private static func exportError(_ failure: SystemCallError) -> ExportError {
        ExportError(.io(path: failure.path, reason: failure.reason), underlying: failure.underlyingCause)
    }

    /// The file's length and BLAKE2b-256 digest (hexadecimal), read in chunks.
    static func digest(of path: String) throws -> (byteCount: UInt64, digest: String) {
        var hasher = try BLAKE2b(outputByteCount: 32)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total: UInt64 = 0
        do {
            let file = try openForReading(path)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try file.readSequentially(into: $0) }
                if count == 0 { break }
                hasher.update(buffer[..<count])
                total += UInt64(count)
            }
        } catch let failure as SystemCallError {
            throw exportError(failure)
        }
        return (total, try hasher.finalize().description)
    }

    /// The text of a small file, refusing one longer than `limit` bytes.
    static func readSmall(_ path: String, limit: Int) throws -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        do {
            let file = try openForReading(path)
            while true {
                let count = try buffer.withUnsafeMutableBytes { try file.readSequentially(into: $0) }
                if count == 0 { break }
                bytes += buffer[..<count]
                if bytes.count > limit { break }
            }
        } catch let failure as SystemCallError {
            throw exportError(failure)
        }
        guard bytes.count <= limit else {
            throw ExportError.io(path: path, reason: "it is longer than \(limit) bytes, far more than a manifest")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the file is a recording envelope, by its first bytes (damaged or not).
    static func isEnvelope(_ path: String) throws -> Bool {
        do {
            _ = try EnvelopeHeader.read(from: FileByteSource(path: path))
            return true
        } catch EnvelopeError.notAnEnvelope {
            return false
        } catch is EnvelopeError {
            return true
        }
    }
}
