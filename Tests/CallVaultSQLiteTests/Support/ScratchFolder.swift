import CallVaultSQLite
import Foundation

/// A folder under the system's temporary folder for one test, removed when the test ends
/// (`defer { scratch.remove() }`); each call to ``folder(_:)`` names a fresh subfolder.
final class ScratchFolder: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "callvault-sqlite-tests-" + UUID().uuidString.lowercased()
    }

    /// A fresh path inside the scratch folder (not created).
    func folder(_ name: String = UUID().uuidString.lowercased()) -> String {
        "\(path)/\(name)"
    }

    /// A new, empty vault in a fresh folder.
    func freshVault() throws -> SQLiteVault {
        try SQLiteVault.create(atPath: folder())
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
