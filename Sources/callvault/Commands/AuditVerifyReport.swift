import CallVaultAudit
import CallVaultCrypto
import Foundation

/// What `callvault audit verify` prints: the same facts as lines a person reads or as JSON.
struct AuditVerifyReport: Encodable {
    /// The first problem, with what to do about it.
    struct Problem: Encodable {
        var kind: String
        var line: Int
        var sequence: UInt64?
        var detail: String
        var advice: String
    }

    var file: String
    /// `intact`, `tampered`, `incomplete`, `wrong-signer` or `not-an-audit-log`.
    var verdict: String
    var intact: Bool
    var logID: String?
    var signer: String?
    /// `trusted-key` when checked against --public-key; `self-named` when against the log's own header.
    var origin: String
    var entries: UInt64
    var checkpoints: Int
    var lastCheckpoint: UInt64?
    var unsignedEntries: UInt64
    var witnessFile: String?
    var witnessedCheckpoints: Int
    var tornLine: Int?
    var problem: Problem?
    /// `callvault vault audit` only: the vault's anchor and how the log stands against it.
    var anchor: VaultAuditAnchorReport?

    init(file: String, verification: AuditVerification, keyGiven: Bool, witnessFile: String?) {
        self.file = file
        intact = verification.isIntact
        logID = verification.logID.map { $0.uuidString.lowercased() }
        signer = verification.signer?.description
        origin = keyGiven ? "trusted-key" : "self-named"
        entries = verification.entryCount
        checkpoints = verification.checkpointCount
        lastCheckpoint = verification.lastCheckpoint
        unsignedEntries = verification.unsignedEntries
        self.witnessFile = witnessFile
        witnessedCheckpoints = verification.witnessedCheckpointCount
        tornLine = verification.tornLine
        problem = verification.problem.map {
            Problem(
                kind: $0.kind.rawValue, line: $0.line, sequence: $0.sequence, detail: $0.detail,
                advice: $0.kind.advice)
        }
        verdict =
            switch verification.problem?.kind {
            case nil: "intact"
            case .notAnAuditLog: "not-an-audit-log"
            case .wrongSigner: "wrong-signer"
            case .truncated, .tornLine: "incomplete"
            case .malformedLine, .entryAltered, .entriesMissing, .entryOutOfOrder, .checkpointForged,
                .checkpointMismatch, .entryInTheFuture:
                "tampered"
            }
    }

    /// `1 entry`, `2 entries`.
    static func count(_ number: some BinaryInteger, _ one: String, _ many: String) -> String {
        "\(number) \(number == 1 ? one : many)"
    }

    /// The report as text.
    var lines: [String] {
        var lines: [String] = []
        if let problem {
            let entry = problem.sequence.map { ", entry \($0)" } ?? ""
            let heading = verdict.replacingOccurrences(of: "-", with: " ").uppercased()
            lines.append("\(heading): line \(problem.line)\(entry): \(problem.detail).")
            lines.append("What to do: \(problem.advice)")
            if problem.kind != "not-an-audit-log" {
                lines.append(
                    "Before it: \(Self.count(entries, "entry", "entries")) and \(Self.count(checkpoints, "checkpoint", "checkpoints")) verified."
                )
            }
        } else {
            lines.append("intact: \(file)")
            lines.append(
                "entries: \(entries); checkpoints: \(checkpoints)"
                    + (lastCheckpoint.map { " (the last signs entry \($0))" } ?? ""))
            if unsignedEntries > 0 {
                let last = unsignedEntries == 1 ? "the last entry comes" : "the last \(unsignedEntries) entries come"
                lines.append(
                    "unsigned: \(last) after the last checkpoint; no signature covers them yet, so removing them would not be seen."
                )
            }
        }
        if let logID { lines.append("log: \(logID)") }
        if let signer {
            lines.append("signer: \(signer)" + (origin == "trusted-key" ? " (the key given)" : ""))
        }
        if let tornLine, problem?.kind != "torn-line" {
            lines.append("torn: line \(tornLine) was cut short by a crash during an append; it is not part of the log.")
        }
        if let witnessFile {
            lines.append("witness: \(witnessedCheckpoints) checkpoints of this log in \(witnessFile)")
            if witnessedCheckpoints == 0 {
                lines.append(
                    "warning: the witness file holds no checkpoint signed for this log, so truncation could not be checked."
                )
            }
        } else if problem == nil {
            lines.append(Self.noWitnessNote)
        }
        if origin == "self-named", problem?.kind != "not-an-audit-log" {
            lines.append(
                "note: no --public-key given: signatures were checked only against the key the log names itself. That proves the log is unchanged since it was signed, not who signed it."
            )
        }
        return lines
    }
}

extension AuditVerifyReport {
    /// `audit verify`'s note when no witness file was given.
    static let noWitnessNote =
        "note: no witness file given (--checkpoints): a log cut short at a line boundary would not be seen."

    /// `vault audit`'s note in its place: the vault's anchor catches a cut before the anchored
    /// checkpoint; only a witness kept elsewhere catches one after it, through `audit verify`.
    static let vaultNoWitnessNote =
        "note: a log cut short after the anchored checkpoint, at a line boundary, would not be seen; check it against a witness file with 'callvault audit verify --checkpoints' (see 'callvault audit witness')."
}
