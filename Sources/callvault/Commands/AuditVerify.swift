import ArgumentParser
import CallVaultAudit
import CallVaultCrypto
import Foundation

/// `callvault audit verify`: checks an audit log file and names the first bad entry.
struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an audit log's hash chain, signed checkpoints and completeness; name the first bad entry.",
        discussion: """
            Every entry's hash, the chain between entries, the numbering, every checkpoint's signature, \
            that no entry, checkpoint or creation time is more than an hour ahead of this host's clock \
            (entry-in-the-future: a writer whose clock was wrong, or a program that simulated time into \
            the log) and, with --checkpoints, that the log still reaches the last checkpoint a witness kept. \
            The public key is the organisation's Ed25519 audit key as 64 hexadecimal digits, or a file \
            holding them. Without it, signatures are checked against the key the log names itself: that \
            proves the log is unchanged since it was signed, not who signed it.

            Exit status: 0 the log is intact; 1 the file (or key, or witness file) cannot be read or is \
            not an audit log; 2 an entry or checkpoint was altered, forged, inserted, reordered or \
            deleted, or is dated in the future; 3 the log is incomplete (cut short behind a witnessed checkpoint, or its last line \
            torn by a crash); 4 the log is signed by another key than --public-key.
            """
    )

    @Argument(help: ArgumentHelp("The audit log file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The organisation's audit public key (hex) or a file holding it.", valueName: "key"))
    var publicKey: String?

    @Option(
        help: ArgumentHelp(
            "A witness file of checkpoints kept apart from the log, to detect a log cut short.",
            valueName: "witness-file"))
    var checkpoints: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            let trusted = try publicKey.map(Consent.Verify.verifyingKey)
            let witnessed = try checkpoints.map { try AuditCheckpointFile.checkpoints(at: $0) } ?? []
            let verification = try AuditVerifier(trustedKey: trusted, witnessed: witnessed).verify(fileAt: file)
            let report = AuditVerifyReport(
                file: file, verification: verification, keyGiven: trusted != nil, witnessFile: checkpoints)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                for line in report.lines { print(line) }
            }
            if let problem = verification.problem {
                Terminal.note("\(file): \(report.verdict) at line \(problem.line)")
                throw ExitCode(Self.exitStatus(for: problem.kind))
            }
        }
    }

    /// The tool's documented exit status for a problem.
    static func exitStatus(for kind: AuditProblem.Kind) -> Int32 {
        switch kind {
        case .notAnAuditLog: 1
        case .malformedLine, .entryAltered, .entriesMissing, .entryOutOfOrder, .checkpointForged,
            .checkpointMismatch, .entryInTheFuture:
            2
        case .truncated, .tornLine: 3
        case .wrongSigner: 4
        }
    }
}
