public import CallVaultCrypto
public import Foundation

/// Checks an audit log: every entry's hash, the chain between entries, sequence numbers without
/// gaps, every checkpoint's signature and head, and, given witnessed checkpoints, that the log
/// still reaches the last of them. It names the first line at fault.
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

    /// Creates a verifier.
    public init(trustedKey: VerifyingKey? = nil, witnessed: [AuditCheckpoint] = []) {
        self.trustedKey = trustedKey
        self.witnessed = witnessed
    }

    /// Verifies the file at `path`.
    ///
    /// - Throws: ``AuditError/io(path:reason:)`` only when the file cannot be read; everything
    ///   wrong inside it is in the result's ``AuditVerification/problem``.
    public func verify(fileAt path: String) throws(AuditError) -> AuditVerification {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "it cannot be read")
        }
        return verify(contents: [UInt8](data))
    }

    /// Verifies a log's bytes.
    public func verify(contents bytes: [UInt8]) -> AuditVerification {
        var run = Run(verifier: self)
        var start = 0
        var line = 0
        while start < bytes.count {
            line += 1
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                run.tornLine = line
                break
            }
            if !run.check(bytes[start..<newline], line: line) { break }
            start = newline + 1
        }
        return run.finish(lines: line)
    }

    /// The state of one verification pass.
    private struct Run {
        let verifier: AuditVerifier
        var chain: AuditChain?
        var signer: VerifyingKey?
        var logID: UUID?
        var checkpoints = 0
        var lastCheckpoint: UInt64?
        var problem: AuditProblem?
        var tornLine: Int?
        var encoded: [UInt8] = []
        let witnessed: [UInt64: AuditCheckpoint]

        init(verifier: AuditVerifier) {
            self.verifier = verifier
            self.witnessed = Dictionary(
                verifier.witnessed.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        }

        mutating func fail(_ kind: AuditProblem.Kind, line: Int, sequence: UInt64?, _ detail: String) -> Bool {
            problem = AuditProblem(kind: kind, line: line, sequence: sequence, detail: detail)
            return false
        }

        /// Checks one line; `false` stops the pass at the first problem.
        mutating func check(_ bytes: ArraySlice<UInt8>, line: Int) -> Bool {
            let parsed: AuditLineFormat.Line
            do {
                parsed = try AuditLineFormat.parse(bytes)
            } catch {
                return fail(.malformedLine, line: line, sequence: nil, "line \(line) cannot be read: \(error.reason)")
            }
            switch parsed {
            case .header(let logID, let signerBytes, _):
                guard line == 1, let key = try? VerifyingKey(rawRepresentation: signerBytes) else {
                    return fail(.malformedLine, line: line, sequence: nil, "line \(line) is a second header")
                }
                if let trusted = verifier.trustedKey, trusted != key {
                    return fail(
                        .wrongSigner, line: 1, sequence: nil,
                        "the log names signer \(key), not the trusted key \(trusted): it was not written by this organisation, or was re-signed"
                    )
                }
                self.logID = logID
                self.signer = key
                self.chain = AuditChain(logID: logID)
                return true
            case .entry(let entry):
                guard var chain else {
                    return fail(.notAnAuditLog, line: line, sequence: nil, "line 1 is not the header")
                }
                let expected = chain.sequence + 1
                if entry.sequence > expected {
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
                encoded.removeAll(keepingCapacity: true)
                AuditLineFormat.entry(entry, into: &encoded)
                guard encoded.elementsEqual(bytes) else {
                    return fail(
                        .malformedLine, line: line, sequence: entry.sequence,
                        "line \(line) is not written the way the log writes entries: it was edited")
                }
                let appended = chain.append(entry.record, at: entry.timestamp)
                guard appended.hash == entry.hash else {
                    return fail(
                        .entryAltered, line: line, sequence: entry.sequence,
                        "entry \(entry.sequence) (line \(line)) does not match its hash: it was altered, or an entry before it was replaced"
                    )
                }
                self.chain = chain
                if let witness = witnessed[entry.sequence], witness.head != entry.hash {
                    return fail(
                        .checkpointMismatch, line: line, sequence: entry.sequence,
                        "entry \(entry.sequence) (line \(line)) is not the entry a witnessed checkpoint signed: the log was rewritten from here or before"
                    )
                }
                return true
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
                guard Self.isValid(checkpoint, logID: logID, signer: signer) else {
                    return fail(
                        .checkpointForged, line: line, sequence: checkpoint.sequence,
                        "the checkpoint on line \(line) is not signed by \(signer): it was forged or altered")
                }
                checkpoints += 1
                lastCheckpoint = checkpoint.sequence
                return true
            }
        }

        static func isValid(_ checkpoint: AuditCheckpoint, logID: UUID, signer: VerifyingKey) -> Bool {
            let message = AuditChain.checkpointMessage(
                logID: logID, sequence: checkpoint.sequence, head: checkpoint.head, time: checkpoint.timestamp)
            guard let signature = try? Signature(rawRepresentation: checkpoint.signature) else { return false }
            return (try? signer.verify(signature, for: message)) != nil
        }

        mutating func finish(lines: Int) -> AuditVerification {
            if problem == nil, chain == nil {
                problem = AuditProblem(
                    kind: .notAnAuditLog, line: 1, sequence: nil, detail: "the file has no header line")
            }
            let sequence = chain?.sequence ?? 0
            if problem == nil, let logID, let signer {
                let trusted = verifier.trustedKey ?? signer
                let genuine = verifier.witnessed.filter { Self.isValid($0, logID: logID, signer: trusted) }
                if let last = genuine.map(\.sequence).max(), last > sequence {
                    problem = AuditProblem(
                        kind: .truncated, line: lines, sequence: sequence + 1,
                        detail:
                            "the log ends at entry \(sequence), but a witnessed checkpoint signed entry \(last): entries \(sequence + 1) to \(last) were cut off"
                    )
                }
            }
            return AuditVerification(
                logID: logID, signer: signer, entryCount: sequence, checkpointCount: checkpoints,
                lastCheckpoint: lastCheckpoint, tornLine: tornLine, problem: problem)
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
    /// The number of a torn last line (a crash mid-append), which is not part of the log.
    public let tornLine: Int?
    /// The first thing wrong, or `nil` when the log is intact.
    public let problem: AuditProblem?

    /// Whether the log is intact.
    public var isIntact: Bool { problem == nil }

    /// Entries after the last checkpoint: intact, but not yet covered by a signature.
    public var unsignedEntries: UInt64 { entryCount - (lastCheckpoint ?? 0) }

    /// A summary a person reads.
    public var description: String {
        var text: String
        if let problem {
            text = "TAMPERED: \(problem.detail). \(entryCount) entries verified before it."
        } else {
            text = "intact: \(entryCount) entries, \(checkpointCount) checkpoints"
            if unsignedEntries > 0 {
                text += "; the last \(unsignedEntries) entries are not yet covered by a checkpoint"
            }
            text += "."
        }
        if let tornLine {
            text += " Line \(tornLine) is torn (a crash during an append); it is not part of the log."
        }
        return text
    }
}

/// The first thing wrong with a log.
public struct AuditProblem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of tampering or damage.
    public let kind: Kind
    /// The line it was found on.
    public let line: Int
    /// The entry concerned, when one is.
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
        /// A checkpoint does not match the entries before it, or an entry a witness signed.
        case checkpointMismatch = "checkpoint-mismatch"
        /// The log ends before a witnessed checkpoint.
        case truncated
    }

    /// The detail.
    public var description: String { detail }
}
