import CallVault
import CallVaultCore
import CallVaultCrypto
import Foundation

/// What `callvault verify-export` prints: the same facts as lines a person reads or as JSON (its
/// keys are part of the tool's interface).
struct VerifyExportReport: Encodable {
    struct Manifest: Encodable {
        var recordingID: String?
        var createdAt: Date
        var exportedBy: String
        var purpose: String
        var legalReference: String?
        var grantNonce: String
        var recipients: [String]
        var recordingIsComplete: Bool
    }

    struct File: Encodable {
        var name: String
        var byteCount: Int
        var blake2b: String
        /// `ok`, or the kind of the problem found with it.
        var status: String
    }

    struct Envelope: Encodable {
        var name: String
        var recordingID: String
        var complete: Bool
        var segmentCount: Int
        var plaintextLength: UInt64
        /// Whether every segment was decrypted and verified (with --identity).
        var segmentsVerified: Bool
    }

    struct Problem: Encodable {
        var kind: String
        var file: String?
        var message: String
    }

    var directory: String
    var intact: Bool
    /// The key the manifest was checked against.
    var publicKey: String
    var manifest: Manifest?
    var files: [File]
    var envelopes: [Envelope]
    var problems: [Problem]

    init(directory: String, key: VerifyingKey, check: ExportPackageCheck) {
        self.directory = directory
        intact = check.isIntact
        publicKey = key.description
        manifest = check.manifest.map {
            Manifest(
                recordingID: $0.recordingID?.description, createdAt: $0.createdAt, exportedBy: $0.exportedBy.rawValue,
                purpose: $0.purpose.identifier, legalReference: $0.legalReference, grantNonce: $0.grantNonce,
                recipients: $0.recipients, recordingIsComplete: $0.recordingIsComplete)
        }
        files = (check.manifest?.files ?? []).map { file in
            File(
                name: file.name, byteCount: file.byteCount, blake2b: file.blake2b,
                status: check.problems.first { $0.file == file.name }?.kind ?? "ok")
        }
        envelopes = check.envelopes.map {
            Envelope(
                name: $0.name, recordingID: $0.recordingID.description, complete: $0.isComplete,
                segmentCount: $0.segmentCount, plaintextLength: $0.plaintextByteCount,
                segmentsVerified: $0.segmentsVerified)
        }
        problems = check.problems.map { Problem(kind: $0.kind, file: $0.file, message: $0.description) }
    }

    /// The report for a person.
    var lines: [String] {
        var lines: [String] = []
        if intact {
            lines.append("intact: \(Self.printable(directory)) is exactly the package signed by \(publicKey)")
        } else {
            lines.append(
                "NOT INTACT: \(Self.printable(directory)) differs from what was signed "
                    + "(\(problems.count) problem\(problems.count == 1 ? "" : "s"))")
            for problem in problems { lines.append("  - \(Self.printable(problem.message))") }
        }
        if let manifest {
            lines.append(
                "recording \(manifest.recordingID ?? "(several)") exported by \(Self.printable(manifest.exportedBy)) "
                    + "at \(CivilTime.iso8601WholeSeconds(manifest.createdAt)) for \(manifest.purpose)")
            lines.append("legal reference: \(Self.printable(manifest.legalReference ?? "-"))")
            lines.append("recipients: \(manifest.recipients.joined(separator: ", "))")
            lines.append("recording complete when exported: \(manifest.recordingIsComplete ? "yes" : "no")")
        }
        for file in files {
            var line = "  \(Self.printable(file.name))  \(file.byteCount) bytes  \(file.status)"
            if let envelope = envelopes.first(where: { $0.name == file.name }) {
                line +=
                    "  envelope of recording \(envelope.recordingID), \(envelope.complete ? "complete" : "INCOMPLETE"): "
                    + "\(envelope.segmentCount) segments, \(envelope.plaintextLength) bytes"
                    + (envelope.segmentsVerified ? ", every segment verified" : "")
            }
            lines.append(line)
        }
        return lines
    }

    /// `text` with control, format (such as bidirectional overrides) and other invisible
    /// characters shown as `\u{...}`: file names in a package come from whoever sent it.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
