import CallVaultConsent
import Foundation

/// Loads the catalog `callvault consent` uses: the bundled one, with a host's file laid over it.
enum ConsentCatalogFile {
    /// The largest catalog file read; the bundled catalog of 76 rows is under 64 KiB.
    static let sizeLimit = 16 << 20

    /// The bundled catalog, overridden by the rows of the file at `path` when one is given.
    static func catalog(overriddenBy path: String?) throws -> JurisdictionCatalog {
        let bundled = try JurisdictionCatalog.bundled
        guard let path else { return bundled }
        let text = try read(path)
        let label = URL(fileURLWithPath: path).lastPathComponent
        do {
            return bundled.overriding(with: try JurisdictionCatalog(csv: text, label: label))
        } catch let error as ConsentCatalogError {
            throw ConsentCatalogFileError(path: path, error: error)
        }
    }

    private static func read(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ToolError.unreadable(path: path, reason: "it does not exist or is not readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: sizeLimit + 1) ?? Data()
        } catch {
            throw ToolError.unreadable(path: path, reason: "it could not be read (\(error.localizedDescription))")
        }
        guard data.count <= sizeLimit else {
            throw ToolError.unreadable(path: path, reason: "it is larger than a catalog can be (\(sizeLimit) bytes)")
        }
        guard let text = String(validating: Array(data), as: UTF8.self) else {
            throw ToolError.unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }
}

/// A host's catalog file that does not load: the catalog's own error, which names the line, and the file.
struct ConsentCatalogFileError: Error, CustomStringConvertible {
    let path: String
    let error: ConsentCatalogError

    var description: String { "\(path): \(error)" }
}
