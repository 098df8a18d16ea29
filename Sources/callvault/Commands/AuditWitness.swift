import ArgumentParser
import CallVaultAudit
import CallVaultCrypto
import CallVaultSQLite
import CallVaultSupport
import Foundation

/// `callvault audit witness`: keeps a copy of a log's latest checkpoint in a witness file, so a
/// log cut short (or rewritten) behind it is caught later by `audit verify --checkpoints`.
struct AuditWitness: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Append a log's latest signed checkpoint to a witness file kept apart from the log.",
        discussion: """
            Give either an audit log FILE with the organisation's --public-key, or --vault DIR (the \
            vault's log, its own key, and its anchor). The log is verified first, against the key \
            and against every checkpoint the witness file already holds for it; only a log that \
            verifies is witnessed (a torn last line, which only a crash leaves, does not stop it). \
            Its latest checkpoint is then appended to the witness file (created with mode 0600) and \
            synced, unless the file holds it already. Keep the witness file where the log's writer \
            cannot rewrite it (another machine, a write-once bucket) and run this regularly, for \
            example from cron: 'callvault audit verify FILE --public-key KEY --checkpoints WITNESS' \
            then reports a log cut short behind a witnessed checkpoint (exit 3), or rewritten before \
            one (exit 2), even when the log and the vault's database were rolled back together.

            Exit status: 0 witnessed (or already witnessed); 1 a file cannot be read or written, or \
            the log holds no checkpoint yet; 2 the log was altered (or, for a vault, is missing, \
            emptied or replaced); 3 the log is cut short behind a checkpoint the witness file or the \
            vault's anchor holds; 4 the log is signed by another key; 64 usage.
            """
    )

    @Argument(help: ArgumentHelp("The audit log file (or use --vault).", valueName: "file"))
    var file: String?

    @Option(
        name: .customLong("vault"),
        help: ArgumentHelp("A vault folder: witness its audit log, checked against its anchor.", valueName: "dir"))
    var vault: String?

    @Option(help: ArgumentHelp("The organisation's audit public key (hex) or a file holding it.", valueName: "key"))
    var publicKey: String?

    @Option(help: ArgumentHelp("The witness file to append to (created if needed).", valueName: "witness-file"))
    var output: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// What `--json` prints.
    struct Report: Encodable {
        var file: String
        var output: String
        var logID: String
        /// The entry the witnessed checkpoint signs, its hash and its time.
        var sequence: UInt64
        var head: String
        var checkpointTime: String
        /// Whether the witness file held this checkpoint already (nothing was appended).
        var alreadyWitnessed: Bool
        /// How many checkpoints of this log the witness file holds now.
        var witnessedCheckpoints: Int
    }

    func validate() throws {
        guard (file == nil) != (vault == nil) else {
            throw ValidationError("Give either an audit log FILE or --vault DIR, not both and not neither.")
        }
        if file != nil, publicKey == nil {
            throw ValidationError(
                "Witnessing a log FILE needs the organisation's --public-key: a witness keeps only checkpoints of a log verified against it."
            )
        }
    }

    func run() async throws {
        try await reportingVaultFailures {
            let path: String
            let key: VerifyingKey
            if let vault {
                let folder = VaultFolder(URL(fileURLWithPath: vault))
                let check = try folder.checkAuditLog()
                if let problem = check.problem { throw problem }
                path = check.path
                key = try publicKey.map(Consent.Verify.verifyingKey) ?? folder.verifyingKey()
            } else {
                path = file ?? ""
                key = try Consent.Verify.verifyingKey(publicKey ?? "")
            }
            try Self.refuseOutput(output, writingInto: path)
            let existing =
                FileManager.default.fileExists(atPath: output) ? try AuditCheckpointFile.checkpoints(at: output) : []
            let verification = try AuditVerifier(trustedKey: key, witnessed: existing).verify(fileAt: path)
            if let problem = verification.problem, problem.kind != .tornLine {
                let report = AuditVerifyReport(
                    file: path, verification: verification, keyGiven: true, witnessFile: output)
                for line in report.lines { Terminal.note(line) }
                Terminal.note("\(path): \(report.verdict) at line \(problem.line); nothing was witnessed")
                throw ExitCode(AuditVerify.exitStatus(for: problem.kind))
            }
            guard let logID = verification.logID, let latest = verification.latestCheckpoint else {
                throw AuditWitnessError.noCheckpoint(path)
            }
            let ofThisLog = try AuditCheckpointFile.checkpoints(at: output, logID: logID, missingIsEmpty: true)
            let already = ofThisLog.contains(latest)
            if !already {
                try await AuditCheckpointFile(path: output).witness(latest, logID: logID)
            }
            let report = Report(
                file: path, output: output, logID: logID.uuidString.lowercased(), sequence: latest.sequence,
                head: Hex.encode(latest.head), checkpointTime: VaultTime.text(latest.time), alreadyWitnessed: already,
                witnessedCheckpoints: ofThisLog.count + (already ? 0 : 1))
            if json {
                try VaultJSON.print(report)
                return
            }
            print(
                "witnessed: the checkpoint of entry \(report.sequence) of log \(report.logID) (\(report.checkpointTime))"
                    + (already ? ", already in \(output); nothing appended" : ", appended to \(output)"))
            print(
                "witness file: \(output) holds "
                    + AuditVerifyReport.count(report.witnessedCheckpoints, "checkpoint", "checkpoints") + " of this log"
            )
            if verification.tornLine != nil {
                print(
                    "note: the log's last line is torn (a crash during an append); the checkpoints before it verified.")
            }
            if verification.unsignedEntries > 0 {
                print(
                    "note: \(verification.unsignedEntries) entries come after this checkpoint; they are witnessed once a checkpoint signs them."
                )
            }
        }
    }
}

extension AuditWitness {
    /// Refuses a witness file that is the log itself (appending to it would damage the log), or
    /// that exists and is not a regular file (a device or a pipe keeps nothing).
    static func refuseOutput(_ output: String, writingInto log: String) throws {
        var outputStatus = stat()
        guard stat(output, &outputStatus) == 0 else { return }
        guard outputStatus.st_mode & S_IFMT == S_IFREG else { throw AuditWitnessError.notARegularFile(output) }
        var logStatus = stat()
        if stat(log, &logStatus) == 0, outputStatus.st_dev == logStatus.st_dev, outputStatus.st_ino == logStatus.st_ino
        {
            throw AuditWitnessError.outputIsTheLog(output)
        }
    }
}

/// Why `audit witness` wrote nothing.
enum AuditWitnessError: Error, CustomStringConvertible {
    case noCheckpoint(String)
    case outputIsTheLog(String)
    case notARegularFile(String)

    var description: String {
        switch self {
        case .noCheckpoint(let path):
            "\(path) holds no signed checkpoint yet, so there is nothing to witness; run it again once the log has signed one."
        case .outputIsTheLog(let path):
            "'\(path)' is the audit log itself; a witness file belongs elsewhere, where the log's writer cannot rewrite it. Nothing was written."
        case .notARegularFile(let path):
            "'\(path)' is not a regular file; a witness file must keep what is written to it. Nothing was written."
        }
    }
}

extension AuditCheckpointFile {
    /// ``checkpoints(at:logID:)``, or none when the file does not exist yet.
    static func checkpoints(at path: String, logID: UUID, missingIsEmpty: Bool) throws -> [AuditCheckpoint] {
        guard missingIsEmpty, !FileManager.default.fileExists(atPath: path) else {
            return try checkpoints(at: path, logID: logID)
        }
        return []
    }
}
