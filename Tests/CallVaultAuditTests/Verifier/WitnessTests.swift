import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// A log cut short behind a checkpoint is detectable only against a copy of the checkpoint kept
/// elsewhere: the witness file.
@Suite("Audit verifier: truncation behind a witnessed checkpoint")
struct WitnessTests {
    let directory: TemporaryDirectory
    let key: SigningKey

    init() throws {
        directory = try TemporaryDirectory()
        key = try AuditFixture.key()
    }

    /// Nine entries with checkpoints of 3, 6 and 9 in `audit.log`, each also written to `witness`.
    func witnessedLog() async throws -> (log: AuditLog, lines: LogLines, witnessed: [AuditCheckpoint]) {
        let log = try await AuditLog(
            sink: AuditFileSink(path: directory.path("audit.log")), signingKey: key,
            clock: ManualWallClock(AuditFixture.start),
            witnesses: [AuditCheckpointFile(path: directory.path("witness"))],
            configuration: .init(checkpointEvery: 3))
        for index in 0..<9 { try await log.record(AuditFixture.record(index)) }
        let witnessed = try AuditCheckpointFile.checkpoints(at: directory.path("witness"), logID: log.logID)
        return (log, LogLines(try directory.read("audit.log")), witnessed)
    }

    @Test("the witness file holds each checkpoint once, in order, for its log")
    func witnessFile() async throws {
        let (log, _, witnessed) = try await witnessedLog()
        #expect(witnessed.map(\.sequence) == [3, 6, 9])
        #expect(try AuditCheckpointFile.checkpoints(at: directory.path("witness")) == witnessed)
        #expect(try AuditCheckpointFile.checkpoints(at: directory.path("witness"), logID: UUID()).isEmpty)
        let text = try String(decoding: directory.read("witness"), as: UTF8.self)
        #expect(text.hasPrefix(log.logID.uuidString.lowercased() + " {\"checkpoint\":3,"))
    }

    @Test("a log cut at any line before the last witnessed checkpoint is reported as truncated")
    func cutAtEveryLine() async throws {
        let (_, lines, witnessed) = try await witnessedLog()
        for keep in 2...13 {
            var cut = lines
            cut.lines = Array(lines.lines.prefix(keep))
            let remaining = UInt64(cut.entryLines.count)
            let verification = AuditVerifier(trustedKey: key.verifyingKey, witnessed: witnessed).verify(
                contents: cut.bytes)
            let unwitnessed = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: cut.bytes)
            #expect(unwitnessed.isIntact, "without a witness, a cut at a line boundary cannot be seen (\(keep))")
            if remaining == 9 {
                #expect(verification.isIntact, "only the last checkpoint line is gone; the witness covers it")
            } else {
                expectProblem(verification, .truncated, line: keep + 1, sequence: remaining + 1, "kept \(keep) lines")
                #expect(verification.entryCount == remaining)
                #expect(verification.description.hasPrefix("INCOMPLETE"))
                #expect(verification.problem?.detail.contains("signed entry 9") == true)
            }
            #expect(verification.witnessedCheckpointCount == 3)
        }
    }

    @Test("a cut in the middle of a line behind a witnessed checkpoint is truncation, not only a torn line")
    func cutMidLine() async throws {
        let (_, lines, witnessed) = try await witnessedLog()
        let bytes = lines.bytes
        let cut = Array(bytes.prefix(bytes.count - lines[13].count - lines[12].count / 2 - 2))
        let verification = AuditVerifier(trustedKey: key.verifyingKey, witnessed: witnessed).verify(contents: cut)
        expectProblem(verification, .truncated, line: 12, sequence: 9)
        #expect(verification.tornLine == 12)
    }

    @Test("a tail rewritten after a cut, without the key, differs from what the witness signed")
    func rewrittenTail() async throws {
        let (_, lines, witnessed) = try await witnessedLog()
        var rewritten = lines
        rewritten.lines.removeLast()  // the checkpoint of 9, which the attacker cannot re-sign
        for line in [10, 11, 12] {
            var entry = try ReferenceEntry(line: rewritten[line])
            entry.reasons = ["rewritten"]
            rewritten[line] = entry.line
        }
        try rewritten.rehash(from: 10)
        let plain = AuditVerifier(trustedKey: key.verifyingKey).verify(contents: rewritten.bytes)
        #expect(plain.isIntact && plain.unsignedEntries == 3, "without a witness the unsigned tail looks fine")
        let verification = AuditVerifier(trustedKey: key.verifyingKey, witnessed: witnessed).verify(
            contents: rewritten.bytes)
        expectProblem(verification, .checkpointMismatch, line: 12, sequence: 9)
    }

    @Test("witnessed checkpoints of other logs, or with bad signatures, are ignored")
    func foreignWitnesses() async throws {
        let (_, lines, witnessed) = try await witnessedLog()
        let other = try await AuditFixture.memoryLog(count: 20, every: 5, key: key)
        var forged = witnessed[2]
        forged = AuditCheckpoint(
            sequence: 12, head: forged.head, timestamp: forged.timestamp, signature: forged.signature)
        let verifier = AuditVerifier(
            trustedKey: key.verifyingKey, witnessed: other.sink.checkpoints + [forged] + witnessed)
        let verification = verifier.verify(contents: lines.bytes)
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.witnessedCheckpointCount == 3)
        let onlyForeign = AuditVerifier(trustedKey: key.verifyingKey, witnessed: other.sink.checkpoints + [forged])
        #expect(onlyForeign.verify(contents: lines.bytes).witnessedCheckpointCount == 0)
    }

    @Test("a witness line torn by a crash is left out; a damaged earlier line is an error naming it")
    func tornWitnessFile() async throws {
        let (_, _, witnessed) = try await witnessedLog()
        let path = directory.path("witness")
        let whole = try directory.read("witness")
        try directory.write(whole + Array("0e1c".utf8), to: "witness")
        #expect(try AuditCheckpointFile.checkpoints(at: path) == witnessed)
        var lines = LogLines(whole)
        lines[2] = Array(lines[2].dropLast(5))
        try directory.write(lines.bytes, to: "witness")
        #expect(
            throws: AuditError.notAnAuditLog(path: path, reason: "line 2 is not a witnessed checkpoint")
        ) {
            try AuditCheckpointFile.checkpoints(at: path)
        }
        #expect(throws: AuditError.io(path: directory.path("none"), reason: String(cString: strerror(ENOENT)))) {
            try AuditCheckpointFile.checkpoints(at: directory.path("none"))
        }
    }
}
