import ArgumentParser
import CallVaultAudit
import CallVaultSQLite

/// `callvault vault audit`: verifies the vault's audit log against the vault's own key.
struct VaultAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the vault's audit log against the vault's own signing key; name the first bad entry.",
        discussion: """
            The same checks as 'callvault audit verify' (every entry's hash, the chain, the numbering, \
            every checkpoint's signature), with the organisation's verifying key read from the vault's \
            sealed signing key file: no passphrase is needed and nothing is written. A log signed by \
            another key than the vault's is reported as such. For a log cut short behind its last \
            checkpoint, verify against a witness file with 'callvault audit verify --checkpoints'.

            Exit status, as 'audit verify': 0 intact; 1 the vault or its log cannot be read, or the \
            file is not an audit log; 2 an entry or checkpoint was altered, forged, inserted, \
            reordered or deleted; 3 incomplete (a torn last line); 4 signed by another key than the \
            vault's.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print the result as JSON (the keys of 'callvault audit verify --json').")
    var json = false

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let key = try folder.verifyingKey()
            let path = folder.auditLogFile.path
            let verification = try AuditVerifier(trustedKey: key).verify(fileAt: path)
            let report = AuditVerifyReport(file: path, verification: verification, keyGiven: true, witnessFile: nil)
            if json {
                try VaultJSON.print(report)
            } else {
                for line in report.lines { print(line) }
            }
            if let problem = verification.problem {
                Terminal.note("\(path): \(report.verdict) at line \(problem.line)")
                throw ExitCode(AuditVerify.exitStatus(for: problem.kind))
            }
        }
    }
}
