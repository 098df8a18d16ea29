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
        try BoundedFile.text(at: path, limit: sizeLimit, what: "a catalog")
    }
}

/// A host's catalog file that does not load: the catalog's own error, which names the line, and the file.
struct ConsentCatalogFileError: Error, CustomStringConvertible {
    let path: String
    let error: ConsentCatalogError

    var description: String { "\(path): \(error)" }
}
