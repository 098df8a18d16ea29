import CallVaultSupport
import Foundation

/// Writing the vault folder's small files.
package enum VaultFiles {
    /// Writes a new file (mode 0600), refusing to replace one, and syncs it.
    package static func writeNew(_ text: String, to path: String) throws {
        let file = try FileStoreError.reporting { () throws(SystemCallError) in try SystemFile.create(path) }
        try Array(text.utf8).withUnsafeBytes { bytes in
            try FileStoreError.reporting { () throws(SystemCallError) in try file.write(bytes, at: 0) }
        }
        try FileStoreError.reporting { () throws(SystemCallError) in try file.synchronize() }
    }

    /// What a replacement's temporary file is named after: `<file>.new-<uuid>` beside the file.
    package static let replacementMarker = ".new-"

    /// Replaces a file atomically: a new file beside it (mode 0600), synced, renamed over it, and
    /// the folder synced. A crash before the rename leaves the temporary file, which
    /// ``removeAbandonedReplacements(in:)`` removes on the next open for writing.
    package static func replace(_ text: String, at path: String) throws {
        let temporary = path + replacementMarker + UUID().uuidString.lowercased()
        try writeNew(text, to: temporary)
        do {
            try FileSystem.rename(temporary, to: path)
        } catch {
            _ = try? FileSystem.removeFile(temporary)
            throw FileStoreError(error)
        }
        try FileStoreError.reporting { () throws(SystemCallError) in
            try FileSystem.synchronizeDirectory((path as NSString).deletingLastPathComponent)
        }
    }

    /// Removes the temporary files of replacements a crash cut short (`vault.json.new-<uuid>` and
    /// the like, for the configuration files and their seal): a replacement takes effect only by
    /// its rename, so such a file never became the vault's file and is safe to remove. Called with
    /// the folder's lock held, so no replacement is under way. Returns the names removed.
    @discardableResult
    package static func removeAbandonedReplacements(in directory: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw FileStoreError(
                operation: "list the vault's folder", path: directory, reason: "\(error)", underlying: error)
        }
        let replaced = VaultFileSeal.sealedFiles + [VaultFileSeal.fileName]
        let abandoned = names.filter { name in
            replaced.contains { name.hasPrefix($0 + replacementMarker) }
        }.sorted()
        try FileStoreError.reporting { () throws(SystemCallError) in
            for name in abandoned { _ = try FileSystem.removeFile(directory + "/" + name) }
            if !abandoned.isEmpty { try FileSystem.synchronizeDirectory(directory) }
        }
        return abandoned
    }
}
