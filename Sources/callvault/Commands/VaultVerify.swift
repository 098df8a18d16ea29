import ArgumentParser
import CallVaultSQLite
import Foundation

/// `callvault vault verify`: checks the vault's database against what an edit of it cannot reach.
struct VaultVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check every catalog row, wrapped key, legal hold and configuration file of a vault against its signatures and audit log.",
        discussion: """
            Reads the vault only: no passphrase is needed and nothing is written. Every catalog row's \
            signature (by the organisation key, read from the sealed signing key file) is checked, and \
            every row against its tombstone and the audit log (a deletion, quarantine or redaction the \
            log records and the row does not), every recording with audio against its envelope \
            header's media format and its wrapped keys (keys missing without a deletion), every \
            recording the audit log names against the catalog, and every legal hold against the log \
            (a release without its audit entry, a hold row gone).

            A database whose schema holds what CallVault never made (a trigger, a view, an extra \
            index or table) is refused before it is read, like by every command (exit 2).

            Each problem is printed as one line: the recording or hold, the kind, what disagrees. \
            Kinds: row-signature-invalid, row-signature-missing, unsigned-legacy (written before \
            catalog signatures; opening the vault for writing once adopts it), state-contradicted, \
            redactions-contradicted, format-mismatch, keys-missing-without-deletion, \
            shredded-without-deletion, row-missing, hold-released-without-audit-entry, hold-missing, \
            retention-index-altered (a retention record's due time, deletion mark, customer or start \
            column disagrees with its signed record, compared byte for byte; a sweep refuses to run \
            until it is restored), retention-record-missing (a complete or incomplete recording \
            without a retention record; a sweep refuses to run), keys-without-recording (wrapped keys \
            under an id that names no recording's content), keys-survive-deletion (a deleted \
            recording's wrapped keys put back), tombstone-missing and deletion-certificate-invalid \
            (the proof of a deletion removed or edited), database-inconsistent (SQLite's integrity \
            check finds an index disagreeing with its table), \
            later-consent-invalid (a later consent row not signed, or copied from another recording), \
            later-consent-missing (a withdrawal the audit log records whose row is gone; access for \
            the recording is refused), export-missing (an export the audit log records that the \
            register lacks), export-record-invalid, deletion-in-the-future (a live vault's recording \
            deleted under a tombstone dated more than an hour after this host's clock: swept on a clock \
            ahead of real time), \
            deletion-interrupted (a sweep stopped half-way; not tampering), recovery-unfinished (the \
            settling of a recording a crash left open was itself stopped half-way; not tampering); for \
            the configuration \
            files (vault.json, access-policy.json, signed in vault-files.sig) vault-file-altered, \
            vault-files-unsigned-legacy, vault-files-change-unfinished; for training completions \
            (signed by the organisation key; an unsigned or edited one grants nothing) \
            training-completion-invalid; and for the blob files blob-missing, blob-cut-short, \
            blob-mismatch (the header names another recording or key), blob-length-mismatch, \
            blob-end-marker-invalid, blob-unreadable, blob-segment-invalid (--deep); and for the audit \
            log entry-in-the-future (an entry dated more than an hour after this host's clock: a \
            writer whose clock was wrong, or a program that simulated time into the log). With --json: \
            {"intact", "recordings", "deep", "problems": [{"recording", "hold", "file", "principal", \
            "kind", "detail"}], "simulation"} ("simulation" true for a simulated vault).

            Without a key, each complete recording's blob is checked for what an edit of it cannot \
            hide: it exists, its header names the recording and the key its signed record commits \
            to, its end marker is present and records the length of the signed catalog row. \
            --deep also authenticates every segment of every recording: it asks for the passphrase \
            (CALLVAULT_PASSPHRASE or the terminal), decrypts in memory only and still writes nothing.

            Exit status: 0 every row verifies; 1 the vault cannot be read; 2 a problem was found \
            (the database or a blob was altered, or has rows still to adopt); 3 the only problems are \
            work a crash cut short: deletions a sweep left half-done, a settle of a left-open recording \
            or a change of the signed files stopped half-way (deletion-interrupted, recovery-unfinished, \
            vault-files-change-unfinished; run 'callvault vault sweep' to finish them); 4 wrong passphrase \
            (--deep); 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    @Flag(help: "Also authenticate every segment of every recording (asks for the passphrase; reads only).")
    var deep = false

    struct Report: Encodable {
        struct Problem: Encodable {
            var recording: String?
            var hold: String?
            var file: String?
            var principal: String?
            var kind: String
            var detail: String
        }

        var intact: Bool
        var recordings: Int
        var deep: Bool
        var problems: [Problem]
        /// The vault is a simulation (its times are simulated; see `vault init --simulation`).
        var simulation = false
    }

    /// What a problem is about: a recording, a hold, a file or a principal's training.
    static func subject(of problem: Report.Problem) -> String {
        if let recording = problem.recording { return "recording \(recording)" }
        if let hold = problem.hold { return "hold \(hold)" }
        if let file = problem.file { return "file \(file)" }
        if let principal = problem.principal { return "training \(TerminalText.escaped(principal))" }
        return "-"
    }

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let simulation = try location.checkSimulation(.reading)
            let result: DatabaseIntegrityReport
            if deep {
                _ = try folder.configuration()
                let passphrase = try Terminal.passphrase(prompt: "Passphrase for the vault \(folder.directory.path): ")
                result = try await folder.verifyIntegrity(deepWith: passphrase)
            } else {
                result = try await folder.verifyIntegrity()
            }
            let report = Report(
                intact: result.isIntact, recordings: result.recordings, deep: deep,
                problems: result.problems.map {
                    Report.Problem(
                        recording: $0.recording?.description, hold: $0.hold?.rawValue, file: $0.file,
                        principal: $0.principal,
                        kind: $0.kind.rawValue,
                        detail: $0.detail)
                }, simulation: simulation)
            if json {
                try VaultJSON.print(report)
            } else {
                for problem in report.problems {
                    let subject = Self.subject(of: problem)
                    print("\(subject)  \(problem.kind)  \(problem.detail)")
                }
                let plural = report.recordings == 1 ? "" : "s"
                print(
                    report.intact
                        ? "\(report.recordings) recording\(plural) checked: all verify"
                            + (deep ? "; every segment authenticated." : ".")
                        : "\(report.recordings) recording\(plural) checked: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")."
                )
            }
            if !result.isIntact, result.problems.allSatisfy({ $0.kind == .deletionInterrupted }) {
                Terminal.note(
                    "a sweep was interrupted while deleting \(result.problems.count) recording(s); run 'callvault vault sweep' to finish"
                )
                throw ExitCode(3)
            }
            if !result.isIntact, result.problems.allSatisfy(\.kind.isUnfinishedWork) {
                Terminal.note(
                    "\(result.problems.count) piece(s) of work a crash cut short (\(Set(result.problems.map(\.kind.rawValue)).sorted().joined(separator: ", "))); run 'callvault vault sweep' (or any command that opens the vault for writing) to finish"
                )
                throw ExitCode(3)
            }
            if !result.isIntact {
                Terminal.note("the vault's database does not verify: \(result.problems.count) problem(s)")
                throw ExitCode(2)
            }
        }
    }
}
