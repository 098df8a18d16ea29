import ArgumentParser
import CallVaultAudit
import CallVaultCrypto
import CallVaultSQLite
import CallVaultSupport

/// `callvault vault audit`: verifies the vault's audit log against the vault's own key and the
/// anchor the vault's database keeps.
struct VaultAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Verify the vault's audit log against the vault's own signing key and anchor; name the first bad entry.",
        discussion: """
            The same checks as 'callvault audit verify' (every entry's hash, the chain, the numbering, \
            every checkpoint's signature), with the organisation's verifying key read from the vault's \
            sealed signing key file: no passphrase is needed and nothing is written. The log is also \
            checked against the anchor the vault's database keeps (the log's identity and its latest \
            signed checkpoint, which verifies with the same key): a log that is missing, emptied, \
            replaced by another log, or cut short before the anchored checkpoint is reported as such. \
            For a log and database rolled back together, verify against a witness file with \
            'callvault audit verify --checkpoints' (see 'callvault audit witness').

            An entry, checkpoint or creation time more than an hour ahead of this host's clock is \
            reported as entry-in-the-future (a writer whose clock was wrong, or a program that simulated \
            time into the log): commands that write refuse such a log, since their entries would carry \
            its time.

            Exit status: 0 intact; 1 the vault or its log cannot be read; 2 an entry or checkpoint \
            was altered, forged, inserted, reordered or deleted, or is dated in the future, or the log \
            is missing, emptied or replaced, or the anchor does not verify; 3 incomplete (cut short before the anchored \
            checkpoint, or a torn last line); 4 signed by another key than the vault's (a vault made \
            by an earlier version, not yet anchored; with an anchor, another signer is a replaced log, 2).
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print the result as JSON (the keys of 'callvault audit verify --json', and 'anchor').")
    var json = false

    func run() async throws {
        try await reportingVaultFailures {
            try location.checkSimulation(.reading)
            let check = try location.folder.checkAuditLog()
            guard let verification = check.verification else {
                // Missing or empty: nothing to verify; the error names it.
                if let problem = check.problem { throw problem }
                return
            }
            var report = AuditVerifyReport(
                file: check.path, verification: verification, keyGiven: true, witnessFile: nil)
            // The chain's own findings, before the anchor's verdict (if any) is put above them.
            var lines = report.lines.map {
                $0 == AuditVerifyReport.noWitnessNote ? AuditVerifyReport.vaultNoWitnessNote : $0
            }
            report.anchor = VaultAuditAnchorReport(check)
            // A line tampered with is the chain's own finding, reported as 'audit verify' reports it.
            let anchorProblem: VaultAuditLogError? =
                if check.problem?.code == .tampered { nil } else { check.problem }
            if let problem = anchorProblem {
                report.intact = false
                report.verdict = VaultAuditLogExit.verdict(for: problem)
                if verification.problem == nil { lines.removeFirst() }  // "intact: FILE" is not the verdict
                lines.insert("\(report.verdict.uppercased()): \(problem.description)", at: 0)
            }
            if json {
                try VaultJSON.print(report)
            } else {
                for line in lines + VaultAuditAnchorReport.lines(check) { print(line) }
            }
            if let problem = anchorProblem {
                Terminal.note("\(check.path): \(report.verdict): \(VaultAuditLogExit.summary(of: problem))")
                throw ExitCode(VaultAuditLogExit.status(for: problem))
            }
            if let problem = verification.problem {
                Terminal.note("\(check.path): \(report.verdict) at line \(problem.line)")
                throw ExitCode(AuditVerify.exitStatus(for: problem.kind))
            }
        }
    }
}

/// The `anchor` key of `callvault vault audit --json`: what the vault's database knows of its log,
/// and how the log stands against it.
struct VaultAuditAnchorReport: Encodable {
    /// `matches` (the log reaches the anchored checkpoint with the same hash), `behind-log` (the
    /// log has a later checkpoint: the next open moves the anchor on), `not-anchored` (a vault made
    /// by an earlier version), `log-missing`, `log-emptied`, `log-replaced`, `log-cut-short`,
    /// `log-tampered` or `anchor-not-trusted`.
    var state: String
    var logID: String?
    var sequence: UInt64?
    var head: String?
    var checkpointTime: String?
    /// Entries the log holds after the anchored one.
    var entriesAfterAnchor: UInt64
    /// The sequence number the log's last verified checkpoint signs.
    var logLastCheckpoint: UInt64?
    var detail: String?

    init(_ check: AuditAnchorCheck) {
        state =
            if let problem = check.problem { VaultAuditLogExit.state(for: problem) } else if check.anchor == nil {
                "not-anchored"
            } else if check.isAnchorBehind { "behind-log" } else { "matches" }
        logID = check.anchor.map { $0.identity.logID.uuidString.lowercased() }
        sequence = check.anchor?.sequence
        head = check.anchor.map { Hex.encode($0.checkpoint.head) }
        checkpointTime = check.anchor.map { VaultTime.text($0.checkpoint.time) }
        entriesAfterAnchor = check.entriesAfterAnchor
        logLastCheckpoint = check.verification?.lastCheckpoint
        detail = check.problem?.description
    }

    /// The anchor as lines a person reads.
    static func lines(_ check: AuditAnchorCheck) -> [String] {
        guard let anchor = check.anchor else {
            return [
                "anchor: none yet (a vault made by an earlier version of CallVault); the next command that opens the vault for writing anchors this log and records it in the log."
            ]
        }
        var lines = [
            "anchor: log \(anchor.identity.logID.uuidString.lowercased()), signed checkpoint of entry \(anchor.sequence) (\(VaultTime.text(anchor.checkpoint.time))), kept in the vault's database"
        ]
        guard check.problem == nil else { return lines }
        var state = "the log reaches the anchored checkpoint with the same hash"
        if check.entriesAfterAnchor > 0 {
            state += " and holds \(check.entriesAfterAnchor) entries after it"
        }
        lines.append("anchor: \(state).")
        if check.isAnchorBehind, let latest = check.verification?.lastCheckpoint {
            lines.append(
                "anchor: behind the log's last checkpoint (entry \(latest)): a crash between the log's sync and the database's update, or a database restored from an older copy; the next command that writes moves it on and records it."
            )
        }
        return lines
    }
}
