public import CallVaultCore
public import CallVaultCrypto
import CallVaultSupport
public import Foundation

/// Checks an audit log: every entry's hash, the chain between entries, sequence numbers without
/// gaps, every checkpoint's signature and head, that no time in it is more than
/// ``futureTolerance`` ahead of the verifier's clock, and, given witnessed checkpoints, that the
/// log still reaches the last of them. It names the first line at fault.
///
/// ```swift
/// let verification = try AuditVerifier(trustedKey: organisationKey).verify(fileAt: "audit.log")
/// if let problem = verification.problem { print(problem) }
/// ```
public struct AuditVerifier: Sendable {
    /// The key checkpoints must be signed with; `nil` to accept the key the log's header names (a
    /// check of integrity, not of origin).
    public let trustedKey: VerifyingKey?
    /// Checkpoints kept apart from the log (``AuditCheckpointFile``).
    public let witnessed: [AuditCheckpoint]
    /// The clock times in the log are judged by.
    public let clock: any WallClock

    /// How far ahead of the verifier's (or the writer's) clock a time in a log may be: clocks of
    /// different hosts disagree a little, never by more than an hour unless one of them is wrong.
    /// A later time is ``AuditProblem/Kind/entryInTheFuture``, and ``AuditLog`` refuses to
    /// continue such a log (``AuditError/timeInTheFuture(time:clock:)``).
    public static let futureTolerance: Duration = .seconds(3600)

    /// Creates a verifier that judges the log's times by `clock` (the system's by default).
    public init(
        trustedKey: VerifyingKey? = nil, witnessed: [AuditCheckpoint] = [], clock: any WallClock = SystemWallClock()
    ) {
        self.trustedKey = trustedKey
        self.witnessed = witnessed
        self.clock = clock
    }

    /// Verifies the file at `path`.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` only when the file cannot be read; everything
    ///   wrong inside it is in the result's ``AuditVerification/problem``.
    public func verify(fileAt path: String) throws -> AuditVerification {
        verify(contents: try AuditFileBytes.read(path))
    }

    /// Verifies a log's bytes.
    public func verify(contents bytes: [UInt8]) -> AuditVerification {
        let now = clock.now
        var run = Run(
            verifier: self, clock: now,
            latestAllowed: AuditTime.milliseconds(now) + AuditTime.futureToleranceMilliseconds)
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            guard let newline = AuditLineFormat.newline(in: bytes, from: start) else {
                run.noteTorn(bytes[start...], line: line)
                break
            }
            let isLast = newline == bytes.count - 1
            guard run.check(bytes[start..<newline], line: line, isLast: isLast) else {
                if let missing = run.missingSequence, let problem = run.problem {
                    run.lookForMovedEntry(missing, after: problem, in: bytes, from: newline + 1)
                }
                break
            }
            start = newline + 1
        }
        return run.finish(lines: line)
    }

    /// The state of one verification pass.
    private struct Run {
        let verifier: AuditVerifier
        /// The verifier's time, and the latest time a line may carry.
        let clock: Date
        let latestAllowed: Int64
        var chain: AuditChain?
        var signer: VerifyingKey?
        var logID: UUID?
        var identity: AuditLogIdentity?
        var checkpoints = 0
        var lastCheckpoint: (sequence: UInt64, line: Int)?
        var latestCheckpoint: AuditCheckpoint?
        var problem: AuditProblem?
        /// The entry expected where a later one was found (an entry deleted or moved).
        var missingSequence: UInt64?
        /// The number of a last line cut short (no newline, or not readable as a line).
        var torn: Int?
        var encoded: [UInt8] = []
        /// Witnessed checkpoints whose signature verifies for this log, by the entry they sign.
        var witnessedHeads: [UInt64: [[UInt8]]] = [:]
        var witnessedCount = 0
        var lastWitnessed: UInt64?

        init(verifier: AuditVerifier, clock: Date, latestAllowed: Int64) {
            self.verifier = verifier
            self.clock = clock
            self.latestAllowed = latestAllowed
        }

        /// Fails with ``AuditProblem/Kind/entryInTheFuture`` when `time` is past the tolerance.
        mutating func isInTheFuture(_ time: Int64, _ what: String, line: Int, sequence: UInt64?) -> Bool {
            guard time > latestAllowed else { return false }
            _ = fail(
                .entryInTheFuture, line: line, sequence: sequence,
                "\(what) is dated \(CivilTime.iso8601(AuditTime.date(time))), in the future: more than an hour after this verifier's clock (\(CivilTime.iso8601(clock))): it was written by a host whose clock was wrong, or by a program that simulated time into this log, and every later time in the log is suspect"
            )
            return true
        }

        /// Notes a last line cut short; a first line is torn only if it begins like a header.
        mutating func noteTorn(_ bytes: ArraySlice<UInt8>, line: Int) {
            if line == 1, !AuditLineFormat.couldBeHeader(bytes) {
                problem = AuditProblem(
                    kind: .notAnAuditLog, line: 1, sequence: nil,
                    detail: "line 1 is not the header of a CallVault audit log")
            } else {
                torn = line
            }
        }

        mutating func fail(_ kind: AuditProblem.Kind, line: Int, sequence: UInt64?, _ detail: String) -> Bool {
            problem = AuditProblem(kind: kind, line: line, sequence: sequence, detail: detail)
            return false
        }

        /// Checks one line; `false` stops the pass at the first problem.
        mutating func check(_ bytes: ArraySlice<UInt8>, line: Int, isLast: Bool) -> Bool {
            let parsed: AuditLineFormat.Line
            var isWrittenForm = false
            do {
                parsed = try AuditLineFormat.parse(bytes, isWrittenForm: &isWrittenForm)
            } catch {
                if isLast, AuditLineFormat.holdsUnwrittenBytes(bytes) {
                    // As the file sink treats it: zeros where a crash left blocks unwritten, even
                    // before a newline a later block did get, are a torn line. Any other whole
                    // line that does not read was written so: it is reported as tampering below.
                    noteTorn(bytes, line: line)
                    return false
                }
                if line == 1, !AuditLineFormat.couldBeHeader(bytes) {
                    return fail(
                        .notAnAuditLog, line: 1, sequence: nil,
                        "line 1 is not the header of a CallVault audit log (\(AuditLineFormat.formatName))")
                }
                return fail(.malformedLine, line: line, sequence: nil, "line \(line) cannot be read: \(error.reason)")
            }
            switch consume parsed {
            case .header(let logID, let signerBytes, let created):
                guard line == 1 else {
                    return fail(.malformedLine, line: line, sequence: nil, "line \(line) is a second header")
                }
                guard let key = try? VerifyingKey(rawRepresentation: signerBytes) else {
                    return fail(.notAnAuditLog, line: 1, sequence: nil, "the header names no Ed25519 signer key")
                }
                self.identity = AuditLogIdentity(logID: logID, signer: key, created: created)
                if let trusted = verifier.trustedKey, trusted != key {
                    return fail(
                        .wrongSigner, line: 1, sequence: nil,
                        "the log names signer \(key), not the trusted key \(trusted): it was not written by this organisation's key, or was re-signed"
                    )
                }
                self.logID = logID
                self.signer = key
                self.chain = AuditChain(logID: logID, signer: signerBytes, created: created)
                if isInTheFuture(created, "the log's creation time on line 1", line: 1, sequence: nil) {
                    return false
                }
                let trusted = verifier.trustedKey ?? key
                for witnessed in verifier.witnessed where Self.isValid(witnessed, logID: logID, signer: trusted) {
                    witnessedHeads[witnessed.sequence, default: []].append(witnessed.head)
                    witnessedCount += 1
                    lastWitnessed = max(lastWitnessed ?? 0, witnessed.sequence)
                }
                return true
            case .entry(let entry):
                guard var chain else {
                    return fail(.notAnAuditLog, line: line, sequence: nil, "line 1 is not the header")
                }
                let expected = chain.sequence + 1
                if entry.sequence > expected {
                    missingSequence = expected
                    return fail(
                        .entriesMissing, line: line, sequence: entry.sequence,
                        "line \(line) holds entry \(entry.sequence) where entry \(expected) belongs: entries \(expected) to \(entry.sequence - 1) were deleted"
                    )
                }
                if entry.sequence < expected {
                    return fail(
                        .entryOutOfOrder, line: line, sequence: entry.sequence,
                        "line \(line) holds entry \(entry.sequence) after entry \(chain.sequence): an entry was inserted, repeated or moved"
                    )
                }
                // A line read only in the written form is what the writer writes; any other is
                // re-encoded and compared.
                if !isWrittenForm {
                    encoded.removeAll(keepingCapacity: true)
                    AuditLineFormat.entry(entry, into: &encoded)
                }
                guard isWrittenForm || AuditLineFormat.isWritten(encoded, as: bytes) else {
                    return fail(
                        .malformedLine, line: line, sequence: entry.sequence,
                        "line \(line) (entry \(entry.sequence)) is not written the way the log writes entries: it was edited"
                    )
                }
                guard chain.appendHash(of: entry.record, at: entry.timestamp) == entry.hash else {
                    return fail(
                        .entryAltered, line: line, sequence: entry.sequence,
                        "entry \(entry.sequence) (line \(line)) does not match its hash: it was altered, or an entry before it was replaced"
                    )
                }
                self.chain = chain
                if let heads = witnessedHeads[entry.sequence], heads.contains(where: { $0 != entry.hash }) {
                    return fail(
                        .checkpointMismatch, line: line, sequence: entry.sequence,
                        "entry \(entry.sequence) (line \(line)) is not the entry a witnessed checkpoint signed: the log was rewritten from here or before"
                    )
                }
                return !isInTheFuture(
                    entry.timestamp, "entry \(entry.sequence) (line \(line))", line: line, sequence: entry.sequence)
            case .checkpoint(let checkpoint):
                guard let chain, let signer, let logID else {
                    return fail(.notAnAuditLog, line: line, sequence: nil, "line 1 is not the header")
                }
                guard checkpoint.sequence == chain.sequence, checkpoint.head == chain.head else {
                    return fail(
                        .checkpointMismatch, line: line, sequence: checkpoint.sequence,
                        "the checkpoint on line \(line) signs entry \(checkpoint.sequence), but the entries before it end at entry \(chain.sequence) with another hash: entries were removed, added or changed before it"
                    )
                }
                if let last = lastCheckpoint, last.sequence == checkpoint.sequence {
                    return fail(
                        .checkpointMismatch, line: line, sequence: checkpoint.sequence,
                        "the checkpoint on line \(line) repeats the checkpoint of entry \(checkpoint.sequence) on line \(last.line): a line was inserted"
                    )
                }
                guard Self.isValid(checkpoint, logID: logID, signer: signer) else {
                    return fail(
                        .checkpointForged, line: line, sequence: checkpoint.sequence,
                        "the checkpoint on line \(line) is not signed by \(signer): it was forged or altered")
                }
                if isInTheFuture(
                    checkpoint.timestamp, "the checkpoint on line \(line)", line: line, sequence: checkpoint.sequence)
                {
                    return false
                }
                checkpoints += 1
                lastCheckpoint = (checkpoint.sequence, line)
                latestCheckpoint = checkpoint
                return true
            }
        }

        /// After "entry n is missing", looks further down the file for entry n: when it is there,
        /// the entries were moved rather than deleted.
        mutating func lookForMovedEntry(
            _ sequence: UInt64, after problem: AuditProblem, in bytes: [UInt8], from offset: Int
        ) {
            var start = offset
            var line = problem.line
            while start < bytes.count, let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                line += 1
                if case .entry(let entry) = try? AuditLineFormat.parse(bytes[start..<newline]),
                    entry.sequence == sequence
                {
                    self.problem = AuditProblem(
                        kind: .entryOutOfOrder, line: problem.line, sequence: problem.sequence,
                        detail:
                            "line \(problem.line) holds entry \(problem.sequence ?? 0) where entry \(sequence) belongs, and entry \(sequence) is on line \(line): entries were moved"
                    )
                    return
                }
                start = newline + 1
            }
        }

        static func isValid(_ checkpoint: AuditCheckpoint, logID: UUID, signer: VerifyingKey) -> Bool {
            let message = AuditChain.checkpointMessage(
                logID: logID, sequence: checkpoint.sequence, head: checkpoint.head, time: checkpoint.timestamp)
            guard let signature = try? Signature(rawRepresentation: checkpoint.signature) else { return false }
            return (try? signer.verify(signature, for: message)) != nil
        }

        mutating func finish(lines: Int) -> AuditVerification {
            let sequence = chain?.sequence ?? 0
            if problem == nil, chain == nil {
                problem =
                    torn == 1
                    ? AuditProblem(
                        kind: .tornLine, line: 1, sequence: nil,
                        detail:
                            "the header on line 1 is cut short: the log was being created when its writer stopped")
                    : AuditProblem(
                        kind: .notAnAuditLog, line: 1, sequence: nil, detail: "the file has no header line")
            }
            if problem == nil, let last = lastWitnessed, last > sequence {
                problem = AuditProblem(
                    kind: .truncated, line: torn ?? lines + 1, sequence: sequence + 1,
                    detail:
                        "the log ends at entry \(sequence), but a witnessed checkpoint signed entry \(last): entries \(sequence + 1) to \(last) were cut off"
                )
            }
            if problem == nil, let torn {
                problem = AuditProblem(
                    kind: .tornLine, line: torn, sequence: nil,
                    detail:
                        "line \(torn) is cut short after entry \(sequence): a crash during an append, or the line was damaged; the entries before it verify"
                )
            }
            return AuditVerification(
                logID: logID, signer: signer, entryCount: sequence, checkpointCount: checkpoints,
                lastCheckpoint: lastCheckpoint?.sequence, witnessedCheckpointCount: witnessedCount,
                tornLine: torn, problem: problem, identity: identity, latestCheckpoint: latestCheckpoint,
                head: chain?.head)
        }
    }
}

/// What verifying a log found.
public struct AuditVerification: Hashable, Sendable, CustomStringConvertible {
    /// The log's id, from its header.
    public let logID: UUID?
    /// The key its header names.
    public let signer: VerifyingKey?
    /// Entries that verified (all of them when there is no problem).
    public let entryCount: UInt64
    /// Checkpoints that verified.
    public let checkpointCount: Int
    /// The sequence number the last verified checkpoint signs.
    public let lastCheckpoint: UInt64?
    /// Witnessed checkpoints whose signature verifies for this log (others, such as those of
    /// other logs in the same witness file, are ignored).
    public let witnessedCheckpointCount: Int
    /// The number of a torn last line (a crash mid-append), which is not part of the log; the
    /// problem is then ``AuditProblem/Kind/tornLine`` (or a worse one).
    public let tornLine: Int?
    /// The first thing wrong, or `nil` when the log is intact.
    public let problem: AuditProblem?
    /// The log's identity, from its header (set as soon as the header reads, even when the header
    /// names another signer than the trusted key).
    public let identity: AuditLogIdentity?
    /// The last checkpoint that verified, whole: what a witness or a vault's anchor keeps.
    public let latestCheckpoint: AuditCheckpoint?
    /// The hash of the last entry that verified (the genesis hash when none did): the head a
    /// writer continuing this log chains its next entry from.
    public let head: [UInt8]?

    /// Whether the log is intact: every line verified and nothing is missing or torn.
    public var isIntact: Bool { problem == nil }

    /// Entries after the last checkpoint: they verified, but no signature covers them yet, so
    /// removing them from the end of the file would go unnoticed without a witness.
    public var unsignedEntries: UInt64 { entryCount - min(lastCheckpoint ?? 0, entryCount) }

    /// A summary a person reads.
    public var description: String {
        guard let problem else {
            var text = "intact: \(entryCount) entries, \(checkpointCount) checkpoints"
            if unsignedEntries > 0 {
                text += "; the last \(unsignedEntries) entries are not yet covered by a checkpoint"
            }
            return text + "."
        }
        let verdict =
            switch problem.kind {
            case .tornLine, .truncated: "INCOMPLETE"
            case .wrongSigner: "WRONG SIGNER"
            case .notAnAuditLog: "NOT AN AUDIT LOG"
            case .malformedLine, .entryAltered, .entriesMissing, .entryOutOfOrder, .checkpointForged,
                .checkpointMismatch:
                "TAMPERED"
            case .entryInTheFuture: "TIME IN THE FUTURE"
            }
        return "\(verdict): \(problem.detail). \(entryCount) entries verified before it."
    }
}

/// The first thing wrong with a log.
public struct AuditProblem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of tampering or damage.
    public let kind: Kind
    /// The line it was found on (for ``Kind/truncated``, the line where the missing entries belong).
    public let line: Int
    /// The entry concerned, when one is: the entry on the line, or the first one missing.
    public let sequence: UInt64?
    /// A sentence naming the line and what is wrong.
    public let detail: String

    /// Kinds of problem.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The file does not start with an audit log header.
        case notAnAuditLog = "not-an-audit-log"
        /// A line cannot be read, or is not in the form the log writes.
        case malformedLine = "malformed-line"
        /// The header names a key other than the trusted one.
        case wrongSigner = "wrong-signer"
        /// An entry does not match its hash.
        case entryAltered = "entry-altered"
        /// Entries are missing before this one.
        case entriesMissing = "entries-missing"
        /// An entry appears out of order (inserted, repeated or moved).
        case entryOutOfOrder = "entry-out-of-order"
        /// A checkpoint's signature does not verify.
        case checkpointForged = "checkpoint-forged"
        /// A checkpoint does not match the entries before it, repeats the one before it, or an
        /// entry differs from the one a witness signed.
        case checkpointMismatch = "checkpoint-mismatch"
        /// The log ends before a witnessed checkpoint.
        case truncated
        /// The last line is cut short, as a crash during an append leaves it; everything before it
        /// verified.
        case tornLine = "torn-line"
        /// An entry, a checkpoint or the log's creation is dated more than
        /// ``AuditVerifier/futureTolerance`` after the verifier's clock: written by a host whose
        /// clock was wrong, or by a program that simulated time into the log. Its signature may
        /// verify, but its time (and every later one) cannot be trusted, and a writer continuing
        /// the log would stamp its own entries with it.
        case entryInTheFuture = "entry-in-the-future"

        /// What to do about a problem of this kind.
        public var advice: String {
            switch self {
            case .notAnAuditLog:
                "Check that the path names a CallVault audit log."
            case .wrongSigner:
                "Check that the key given is the organisation's audit signing key; if it is, this log was not signed by it and cannot be trusted."
            case .tornLine:
                "If the writer crashed, open the log with AuditFileSink(path:tornTailRecovery: .moveAside) to set the torn bytes aside; if it did not crash, treat the log as tampered with."
            case .truncated:
                "Restore the log from a backup that reaches the witnessed checkpoint; the entries after the last line were removed or lost."
            case .malformedLine, .entryAltered, .entriesMissing, .entryOutOfOrder, .checkpointForged,
                .checkpointMismatch:
                "Keep this file as evidence, restore the log from a backup or a copy, and investigate who could write to it."
            case .entryInTheFuture:
                "Check this host's clock first; if it is right, keep this file as evidence, find the writer whose clock was wrong (or the program that simulated time into the log), and restore the log from a backup taken before this line."
            }
        }
    }

    /// The detail.
    public var description: String { detail }
}
