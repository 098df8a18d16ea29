import CallVaultSQLite
import Foundation

/// Where `vault play` and `vault export` may write.
enum VaultOutputs {
    /// Refuses an output inside the vault folder: plaintext audio never goes there, and a vault
    /// file (a recording's blob, the database, the audit log) must never be replaced by an output.
    static func checkOutside(_ vault: VaultFolder, _ path: String) throws {
        let vaultPath = URL(fileURLWithPath: vault.directory.path).resolvingSymlinksInPath().path
        // The output may not exist yet: resolve its folder, which must.
        let output = URL(fileURLWithPath: path)
        let folder = output.deletingLastPathComponent().resolvingSymlinksInPath().path
        let resolved = folder + "/" + output.lastPathComponent
        if resolved == vaultPath || resolved.hasPrefix(vaultPath + "/") {
            throw ToolError.outputInsideVault(path: path, vault: vault.directory.path)
        }
    }

    /// Refuses an export `--out` that exists as anything but a folder (a file, a device, a link).
    static func checkPackageFolder(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw VaultToolError.exportFolderNotAFolder(path)
        }
    }
}
