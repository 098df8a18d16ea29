import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// The append-only file: its bytes, its sync policies, reopening it, and files it must refuse.
@Suite("Audit file sink")
struct AuditFileSinkTests {
    let directory: TemporaryDirectory
    let clock = ManualWallClock(AuditFixture.start)
    let key: SigningKey

    init() throws {
        directory = try TemporaryDirectory()
        key = try AuditFixture.key()
    }

    func open(
        _ name: String = "audit.log", key: SigningKey? = nil, sync: AuditFileSink.SyncPolicy = .everyCheckpoint,
        recovery: AuditFileSink.TornTailRecovery = .refuse, every: Int = 4
    ) async throws -> AuditLog {
        try await AuditLog(
            sink: AuditFileSink(path: directory.path(name), syncPolicy: sync, tornTailRecovery: recovery),
            signingKey: key ?? self.key, clock: clock, configuration: .init(checkpointEvery: every))
    }

    @Test("a sink that does not start new logs refuses a missing, empty or half-headed file, and creates nothing")
    func existingLogOnly() async throws {
        let path = directory.path("existing.log")
        let sink = AuditFileSink(path: path, startsNewLog: false)
        await #expect(throws: AuditError.io(path: path, reason: AuditFileSink.noLogReason)) {
            _ = try await AuditLog(sink: sink, signingKey: key, clock: clock)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing created")
        for bytes in [[], Array(#"{"format":"callvault-au"#.utf8)] {
            try directory.write(bytes, to: "existing.log")
            await #expect(throws: AuditError.io(path: path, reason: AuditFileSink.noLogReason)) {
                _ = try await AuditLog(
                    sink: AuditFileSink(path: path, startsNewLog: false), signingKey: key, clock: clock)
            }
            #expect(try directory.read("existing.log") == bytes, "nothing written")
        }
        // A log that exists opens and continues as with any sink.
        let started = try await open("existing2.log")
        try await started.record(AuditFixture.record(0))
        let reopened = try await AuditLog(
            sink: AuditFileSink(path: directory.path("existing2.log"), startsNewLog: false), signingKey: key,
            clock: clock)
        #expect(await reopened.sequence == 1)
    }

    @Test(
        "entries written under each sync policy read back and verify",
        arguments: [AuditFileSink.SyncPolicy.everyAppend, .everyCheckpoint, .never])
    func roundTrip(policy: AuditFileSink.SyncPolicy) async throws {
        let log = try await open(sync: policy)
        var written: [AuditEntry] = []
        for index in 0..<10 {
            written += try await log.record([AuditFixture.record(index)])
            clock.advance(by: .milliseconds(3))
        }
        let path = directory.path("audit.log")
        #expect(try AuditLogReader.entries(at: path) == written)
        let verification = try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: path)
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.logID == log.logID)
        #expect(verification.signer == key.verifyingKey)
        #expect(verification.entryCount == 10 && verification.checkpointCount == 2)
        #expect(verification.lastCheckpoint == 8 && verification.unsignedEntries == 2)
        let lines = LogLines(try directory.read("audit.log"))
        #expect(lines.kind(1) == .header && lines.tail.isEmpty)
        #expect(lines.checkpointLines == [6, 11])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600, "only the writer reads the log")
    }

    @Test("the file is written exactly as the documented format says")
    func documentedFormat() async throws {
        let log = try await open()
        for index in 0..<9 { try await log.record(AuditFixture.record(index)) }
        let lines = LogLines(try directory.read("audit.log"))
        let header = try ReferenceHeader(line: lines[1])
        #expect(header.line == lines[1])
        #expect(header.logID == log.logID && header.signer == key.verifyingKey.rawRepresentation)
        #expect(header.created == AuditFixture.start.millisecondsSince1970)
        var previous = header.genesis
        for number in 2...lines.lines.count {
            switch lines.kind(number) {
            case .entry:
                let entry = try ReferenceEntry(line: lines[number])
                #expect(entry.line == lines[number], "line \(number) is canonical")
                #expect(entry.hash == entry.expectedHash(previous: previous), "line \(number)")
                previous = entry.hash
            case .checkpoint:
                let checkpoint = try ReferenceCheckpoint(line: lines[number])
                #expect(checkpoint.line == lines[number])
                #expect(checkpoint.head == previous)
                let message = Reference.checkpointMessage(
                    logID: header.logID, sequence: checkpoint.sequence, head: checkpoint.head, time: checkpoint.time)
                try key.verifyingKey.verify(try Signature(rawRepresentation: checkpoint.signature), for: message)
            default:
                Issue.record("line \(number) is neither an entry nor a checkpoint")
            }
        }
    }

    @Test("a reopened file continues the same log and chain")
    func reopen() async throws {
        let first = try await open()
        for index in 0..<6 { try await first.record(AuditFixture.record(index)) }
        clock.advance(by: .seconds(1))
        let second = try await open()
        #expect(second.logID == first.logID)
        #expect(await second.sequence == 6)
        for index in 6..<9 { try await second.record(AuditFixture.record(index)) }
        let verification = try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: directory.path("audit.log"))
        #expect(verification.isIntact && verification.entryCount == 9, "\(verification)")
        #expect(verification.checkpointCount == 2, "checkpoints at 4 and 8: the count carried over the reopen")
    }

    @Test("a file of another signer is refused and left as it was")
    func otherSigner() async throws {
        let owner = try await open()
        try await owner.record(AuditFixture.record(0))
        let before = try directory.read("audit.log")
        let intruder = try AuditFixture.key(9)
        await #expect(
            throws: AuditError.wrongSigner(
                expected: intruder.verifyingKey.description, found: key.verifyingKey.description)
        ) {
            _ = try await open(key: intruder)
        }
        #expect(try directory.read("audit.log") == before)
    }

    @Test(
        "a file that is not an audit log is refused, naming the line",
        arguments: [
            ("hello\nworld\n", "line 1"),
            ("just one line\n", "line 1"),
            ("no newline", "line 1"),
            ("{\"seq\":1}\n{\"seq\":2}\n", "line 1"),
        ])
    func notALog(text: String, mentions: String) async throws {
        try directory.write(Array(text.utf8), to: "other.txt")
        do {
            _ = try await open("other.txt", recovery: .moveAside)
            Issue.record("opened a file that is not an audit log")
        } catch let error as AuditError {
            guard case .notAnAuditLog(let path, let reason) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(path == directory.path("other.txt"))
            #expect(reason.contains(mentions), "\(reason)")
        }
        #expect(try directory.read("other.txt") == Array(text.utf8), "the file is left alone")
    }

    @Test("a log with an entry missing is not appended to")
    func damaged() async throws {
        let log = try await open()
        for index in 0..<6 { try await log.record(AuditFixture.record(index)) }
        var lines = LogLines(try directory.read("audit.log"))
        lines.lines.remove(at: 2)  // entry 2, on line 3
        try directory.write(lines.bytes, to: "audit.log")
        await #expect(
            throws: AuditError.damaged(
                path: directory.path("audit.log"), line: 3, reason: "it holds entry 3 where entry 2 belongs")
        ) {
            _ = try await open()
        }
    }

    @Test("a checkpoint over an entry changed before it names the change, and never 'entry N, not the entry N'")
    func checkpointOverChangedEntry() async throws {
        let log = try await open()
        for index in 0..<6 { try await log.record(AuditFixture.record(index)) }
        let text = String(decoding: try directory.read("audit.log"), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The head the first checkpoint (after entry 4) signs: its sequence still matches the entries
        // before it, its hash does not (as when entries are rewritten with their hashes recomputed).
        let index = try #require(lines.firstIndex { $0.contains("\"checkpoint\"") })
        let head = try #require(lines[index].firstMatch(of: /"head":"([0-9a-f])/))
        let flipped = head.output.1 == "0" ? "1" : "0"
        lines[index].replaceSubrange(head.output.1.startIndex..<head.output.1.endIndex, with: flipped)
        try directory.write(Array(lines.joined(separator: "\n").utf8), to: "audit.log")
        let error = await #expect(throws: AuditError.self) { _ = try await open() }
        guard case .damaged(_, _, let reason) = error?.reason else {
            Issue.record("expected a damaged log, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("an entry or the checkpoint was changed"), "\(reason)")
        #expect(!reason.contains("not the entry"), "\(reason)")
    }

    @Test("a file left empty, or with half a header, by a crash during creation starts the log afresh")
    func crashDuringCreation() async throws {
        try directory.write([], to: "empty.log")
        let fresh = try await open("empty.log")
        try await fresh.record(AuditFixture.record(0))
        #expect(try AuditVerifier().verify(fileAt: directory.path("empty.log")).isIntact)

        let header = Array(#"{"format":"callvault-audit/1","log":"0e"#.utf8)
        try directory.write(header, to: "half.log")
        await #expect(
            throws: AuditError.tornTail(path: directory.path("half.log"), line: 1, byteCount: header.count)
        ) {
            _ = try await open("half.log")
        }
        let verification = try AuditVerifier().verify(fileAt: directory.path("half.log"))
        expectProblem(verification, .tornLine, line: 1, sequence: nil)
        let recovered = try await open("half.log", recovery: .moveAside)
        try await recovered.record(AuditFixture.record(0))
        #expect(try AuditVerifier().verify(fileAt: directory.path("half.log")).isIntact)
    }

    @Test("appending through a sink that was never opened fails with advice")
    func notOpened() async throws {
        let sink = AuditFileSink(path: directory.path("unopened.log"))
        await #expect(throws: AuditError.self) { try await sink.append([], checkpoint: nil) }
        do {
            try await sink.append([], checkpoint: nil)
        } catch let error as AuditError {
            #expect(error.description.contains("open it through AuditLog"))
        }
    }

    @Test("a directory that does not exist is an I/O error naming the path")
    func unwritable() async throws {
        let path = directory.path("missing/audit.log")
        do {
            _ = try await AuditLog(sink: AuditFileSink(path: path), signingKey: key, clock: clock)
            Issue.record("opened a log in a missing directory")
        } catch let error as AuditError {
            guard case .io(let failed, _) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(failed == path)
        }
    }
}
