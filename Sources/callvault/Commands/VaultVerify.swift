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

            Each problem is printed as one line: the recording or hold, the kind, what disagrees. \
            Kinds: row-signature-invalid, row-signature-missing, unsigned-legacy (written before \
            catalog signatures; opening the vault for writing once adopts it), state-contradicted, \
            redactions-contradicted, format-mismatch, keys-missing-without-deletion, row-missing, \
            hold-released-without-audit-entry, hold-missing, and for the configuration files \
            (vault.json, access-policy.json, signed in vault-files.sig) vault-file-altered, \
            vault-files-unsigned-legacy, vault-files-change-unfinished, and for training completions \
            (signed by the organisation key; an unsigned or edited one grants nothing) \
            training-completion-invalid. With --json: {"intact", "recordings", "problems": \
            [{"recording", "hold", "file", "principal", "kind", "detail"}]}.

            Exit status: 0 every row verifies; 1 the vault cannot be read; 2 a problem was found \
            (the database was altered, or has rows still to adopt); 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

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
        var problems: [Problem]
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
            let result = try await location.folder.verifyIntegrity()
            let report = Report(
                intact: result.isIntact, recordings: result.recordings,
                problems: result.problems.map {
                    Report.Problem(
                        recording: $0.recording?.description, hold: $0.hold?.rawValue, file: $0.file,
                        principal: $0.principal,
                        kind: $0.kind.rawValue,
                        detail: $0.detail)
                })
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
                        ? "\(report.recordings) recording\(plural) checked: all verify."
                        : "\(report.recordings) recording\(plural) checked: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")."
                )
            }
            if !result.isIntact {
                Terminal.note("the vault's database does not verify: \(result.problems.count) problem(s)")
                throw ExitCode(2)
            }
        }
    }
}
