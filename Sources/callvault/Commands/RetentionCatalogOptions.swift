import ArgumentParser
import CallVaultRetention
import Foundation

/// The `--catalog` and `--catalog-label` options every retention command takes, so a host's catalog
/// file is read, labelled and reported the same way by each of them.
struct RetentionCatalogOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A retention catalog file (CallVault's CSV retention catalog format) to use instead of the bundled catalog.",
            valueName: "file"))
    var catalog: String?

    @Option(
        help: ArgumentHelp(
            "The label of the --catalog file, which every schedule records with a digest of the file (default: the file's name).",
            valueName: "label"))
    var catalogLabel: String?

    func validate() throws {
        if let catalogLabel {
            guard catalog != nil else {
                throw ValidationError("--catalog-label labels a --catalog file; give the file with --catalog too.")
            }
            guard !catalogLabel.allSatisfy(\.isWhitespace) else {
                throw ValidationError("--catalog-label is empty; give a label such as acme-legal-2026-10.")
            }
        }
    }

    /// The host's catalog when `--catalog` is given, otherwise the bundled one.
    func load() throws -> RetentionCatalog {
        guard let catalog else { return try RetentionCatalog.bundled }
        let text = try RetentionInputFile.text(at: catalog, kind: "a retention catalog")
        let label = catalogLabel ?? URL(fileURLWithPath: catalog).lastPathComponent
        do {
            return try RetentionCatalog(csv: text, label: label)
        } catch let error as RetentionCatalogError {
            throw RetentionInputFileError.catalog(path: catalog, error)
        }
    }
}

/// Reads the files the retention commands take (catalogs and policy sets), with a size limit so a
/// wrong path (a recording, a disk image) fails at once instead of filling memory.
enum RetentionInputFile {
    /// The largest catalog or policy file read; the bundled catalog of 25 regimes is under 32 KiB.
    static let sizeLimit = 16 << 20

    /// The file's bytes.
    static func data(at path: String, kind: String) throws -> Data {
        Data(try BoundedFile.bytes(at: path, limit: sizeLimit, what: "\(kind) file"))
    }

    /// The file's text, which must be UTF-8.
    static func text(at path: String, kind: String) throws -> String {
        guard let text = String(validating: Array(try data(at: path, kind: kind)), as: UTF8.self) else {
            throw ToolError.unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }

    /// The host's policies from the JSON file at `path`, or none.
    static func policies(at path: String?) throws -> RetentionPolicySet {
        guard let path else { return .none }
        let data = try data(at: path, kind: "a retention policy")
        do {
            return try RetentionPolicySet(json: data)
        } catch let error as RetentionPolicyError {
            throw RetentionInputFileError.policies(path: path, error)
        }
    }
}

/// A host's catalog or policy file that does not load: the library's own error, which names the line
/// or the policy at fault, prefixed with the file.
enum RetentionInputFileError: Error, CustomStringConvertible {
    case catalog(path: String, RetentionCatalogError)
    case policies(path: String, RetentionPolicyError)
    /// The policies load but clash with the catalog (a policy with a regime's id).
    case policiesAgainstCatalog(path: String, RetentionScheduleError)

    var description: String {
        switch self {
        case .catalog(let path, let error): "\(path): \(error)"
        case .policies(let path, let error): "\(path): \(error)"
        case .policiesAgainstCatalog(let path, let error): "\(path): \(error)"
        }
    }
}

/// Failures of the retention commands that the library reports in terms of a host's recording.
enum RetentionCommandError: Error, CustomStringConvertible {
    /// `--regime` names a rule the catalog lacks; with the catalog's version and the ids most like it.
    case unknownRegime(RetentionRuleID, catalogVersion: String, suggestions: [RetentionRuleID])

    static func unknownRegime(_ id: RetentionRuleID, in catalog: RetentionCatalog) -> Self {
        .unknownRegime(id, catalogVersion: catalog.version, suggestions: suggestions(for: id, in: catalog))
    }

    var description: String {
        switch self {
        case .unknownRegime(let id, let version, let suggestions):
            "The retention catalog (\(version)) has no regime '\(id)'; `callvault retention regimes` lists the ids."
                + (suggestions.isEmpty
                    ? ""
                    : " Did you mean \(suggestions.map(\.rawValue).joined(separator: " or "))?")
        }
    }

    /// Up to three catalog ids that contain, or are within a few edits of, `id`.
    static func suggestions(for id: RetentionRuleID, in catalog: RetentionCatalog) -> [RetentionRuleID] {
        let wanted = Array(id.rawValue)
        let scored = catalog.regimes.compactMap { regime -> (RetentionRuleID, Int)? in
            let candidate = regime.id.rawValue
            if candidate.contains(id.rawValue) || (wanted.count >= 3 && id.rawValue.contains(candidate)) {
                return (regime.id, 0)
            }
            let distance = editDistance(wanted, Array(candidate))
            return distance <= max(2, wanted.count / 4) ? (regime.id, distance) : nil
        }
        return scored.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
    }

    /// Levenshtein distance, for a typo in an id.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
