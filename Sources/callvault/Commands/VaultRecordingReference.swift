import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation

/// How `vault show`, `play`, `report`, `export` and `consent` name a recording: its full id, a prefix of its id that
/// no other recording shares, or its call id.
///
/// A reference that fits several recordings (a short prefix, or a call recorded more than once:
/// in two legs, or imported again with `--allow-duplicate-call-id`) is refused, listing each
/// candidate, rather than guessing: the operator picks one by a longer prefix or the full id.
struct VaultRecordingReference {
    /// What the commands' help says about naming a recording.
    static let discussion = """
        The recording is named by its id, by a prefix of its id that no other recording shares (the \
        first 8 characters are usually enough), or by its call id. A prefix or call id that fits \
        several recordings (a call recorded in two legs, or imported twice) is refused with exit 1, \
        listing each one, and nothing is done: give more of the id. One that fits none is an \
        unknown recording (exit 1); text that can be neither the start of an id nor a call id (empty, \
        or with white space around it or an invisible character) is a usage error (64).
        """

    /// The text as given on the command line.
    let text: String

    /// A recording that fits the reference, as the refusal lists it.
    struct Candidate: Equatable {
        var id: RecordingID
        var callID: String?
        var startedAt: Date?
        var state: String
    }

    /// The recording the reference names in `catalog`, or why it names none.
    ///
    /// A full id is taken as it is, so a recording missing from the catalog is reported by the
    /// command exactly as before. Otherwise every catalog entry is read (those that do not verify
    /// included, matched by id only) and the reference must fit exactly one.
    func resolve(in catalog: SQLiteRecordingCatalog, verifyingKey: VerifyingKey) async throws -> RecordingID {
        if let id = RecordingID(parsing: text) { return id }
        let prefix = text.lowercased()
        var candidates: [Candidate] = []
        var cursor: RecordingID?
        while true {
            let page = try await catalog.entries(after: cursor, limit: 500, verifyingKey: verifyingKey)
            guard let last = page.last else { break }
            cursor = last.id
            for entry in page {
                let byID = !prefix.isEmpty && entry.id.description.lowercased().hasPrefix(prefix)
                let byCall = entry.recording?.callID == text
                guard byID || byCall else { continue }
                candidates.append(
                    Candidate(
                        id: entry.id, callID: entry.recording?.callID, startedAt: entry.recording?.startedAt,
                        state: entry.recording?.state.rawValue ?? "unreadable"))
            }
        }
        switch candidates.count {
        case 1: return candidates[0].id
        case 0 where Self.couldBeIDPrefix(text) || Self.couldBeCallID(text): throw VaultReferenceError.noMatch(text)
        case 0: throw VaultReferenceError.notAReference(text)
        default:
            throw VaultReferenceError.ambiguous(
                text,
                candidates.sorted {
                    ($0.startedAt ?? .distantPast, $0.id.description) < (
                        $1.startedAt ?? .distantPast, $1.id.description
                    )
                })
        }
    }
}

extension VaultRecordingReference {
    /// Whether `text` has the shape of the start of a recording id (hexadecimal digits and
    /// hyphens): one that fits nothing is an unknown recording (exit 1), as a full id is; other
    /// text that is no call's id is not a recording reference at all (a usage error, exit 64, as
    /// before ids could be shortened).
    static func couldBeIDPrefix(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0 == "-" || $0.properties.isASCIIHexDigit }
    }

    /// Whether `text` is a call id the vault could hold (one a session or an import accepts:
    /// not empty, nothing around it or in it that does not print as itself): one that fits
    /// nothing is an unknown recording (exit 1), like an unknown id.
    static func couldBeCallID(_ text: String) -> Bool {
        !text.isEmpty && CallIDForm.problem(in: text) == nil
    }
}

/// A recording reference that names no recording or more than one (exit status 1), or that is
/// not a reference at all (exit status 64).
enum VaultReferenceError: Error, CustomStringConvertible {
    case noMatch(String)
    case ambiguous(String, [VaultRecordingReference.Candidate])
    case notAReference(String)

    var description: String {
        switch self {
        case .notAReference(let text):
            return
                "'\(TerminalText.quoted(text))' cannot be a recording id, the start of one, or a call id (it is empty, or has white space around it or a character that does not print as itself): give the id 'callvault vault list' shows (such as 6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b, or its first 8 characters) or the call's id."
        case .noMatch(let text):
            return
                "There is no recording '\(TerminalText.quoted(text))' in this vault (no id starts with it and no call has that id); 'callvault vault list' shows the recordings."
        case .ambiguous(let text, let candidates):
            let lines = candidates.map { candidate in
                "  \(candidate.id)  \(candidate.state)  \(VaultTime.text(candidate.startedAt))  call \(candidate.callID ?? "-")"
            }
            return
                ([
                    "'\(TerminalText.quoted(text))' fits \(candidates.count) recordings; give more of the id, or the full id:"
                ] + lines)
                .joined(separator: "\n")
        }
    }
}
