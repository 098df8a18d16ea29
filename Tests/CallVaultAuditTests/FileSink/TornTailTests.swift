import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// A crash in the middle of an append leaves a torn last line: it is detected and reported by line,
/// the entries before it stay valid, and recovery sets the torn bytes aside and carries on.
@Suite("Audit file sink: crash mid-append")
struct TornTailTests {
    /// How a crash left the end of the file. The log before it is a header, entries 1 to 4, a
    /// checkpoint of entry 4 (line 6), entry 5 (line 7) and entry 6 (line 8).
    struct Crash: Sendable, CustomTestStringConvertible {
        let name: String
        /// The torn line's number, and how many entries stay.
        let line: Int
        let kept: UInt64
        let tear: @Sendable ([UInt8]) -> [UInt8]

        var testDescription: String { name }

        static let all = [
            Crash(name: "entry 6 cut half-way", line: 8, kept: 5) { bytes in
                let lines = LogLines(bytes)
                return Array(bytes.dropLast(lines[8].count / 2 + 1))
            },
            Crash(name: "entry 6 whole but its newline missing", line: 8, kept: 5) { Array($0.dropLast()) },
            Crash(name: "entry 6's bytes zeros, as some file systems leave unwritten blocks", line: 8, kept: 5) {
                bytes in
                var lines = LogLines(bytes)
                lines[8] = [UInt8](repeating: 0, count: lines[8].count)
                return lines.bytes
            },
            Crash(name: "one byte of a new line", line: 9, kept: 6) { $0 + Array("{".utf8) },
            Crash(name: "a new line's blocks still zeros, and a newline from a later block", line: 9, kept: 6) {
                $0 + [UInt8](repeating: 0, count: 30) + [UInt8(ascii: "\n")]
            },
        ]

        /// Whole lines (newline and all) that do not read or do not chain and hold no zero byte: no
        /// crash writes them, so they are tampering, never a torn line to set aside.
        static let forgedLines = [
            #"{"checkpoint":6,"he"#,
            "garbage",
            #"{"seq":7,"time":"2026-11-18T11:00:00.000Z","actor":"m","action":"access.decision","target":"t","outcome":"allowed","reasons":[],"hash":"00000000000000000000000000000000000000000000000000000000000000ff"}"#,
        ]
    }

    @Test(
        "a whole line appended that does not read or chain is tampering: the sink refuses it, the verifier says so",
        arguments: Crash.forgedLines)
    func forgedWholeLine(line: String) async throws {
        let directory = try TemporaryDirectory()
        let key = try AuditFixture.key()
        let path = directory.path("audit.log")
        let log = try await AuditLog(
            sink: AuditFileSink(path: path), signingKey: key, clock: ManualWallClock(AuditFixture.start),
            configuration: .init(checkpointEvery: 4))
        for index in 0..<6 { try await log.record(AuditFixture.record(index)) }
        let forged = try directory.read("audit.log") + Array(line.utf8) + [UInt8(ascii: "\n")]
        try directory.write(forged, to: "audit.log")
        for recovery in [AuditFileSink.TornTailRecovery.refuse, .moveAside] {
            await #expect {
                _ = try await AuditLog(
                    sink: AuditFileSink(path: path, tornTailRecovery: recovery), signingKey: key,
                    clock: ManualWallClock(AuditFixture.start))
            } throws: { error in
                guard case .damaged(_, let number, _) = (error as? AuditError)?.reason else { return false }
                return number == 9
            }
        }
        #expect(try directory.read("audit.log") == forged, "nothing set aside, nothing cut")
        let verification = try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: path)
        #expect(verification.problem?.line == 9 && verification.tornLine == nil, "\(verification)")
        #expect(verification.description.hasPrefix("TAMPERED"), "\(verification)")
    }

    func crashedLog(_ crash: Crash) async throws -> (TemporaryDirectory, SigningKey, [UInt8], [UInt8]) {
        let directory = try TemporaryDirectory()
        let key = try AuditFixture.key()
        let log = try await AuditLog(
            sink: AuditFileSink(path: directory.path("audit.log")), signingKey: key,
            clock: ManualWallClock(AuditFixture.start), configuration: .init(checkpointEvery: 4))
        for index in 0..<6 { try await log.record(AuditFixture.record(index)) }
        let whole = try directory.read("audit.log")
        let torn = crash.tear(whole)
        try directory.write(torn, to: "audit.log")
        return (directory, key, whole, torn)
    }

    /// The bytes before the torn line.
    func intactPrefix(_ torn: [UInt8], line: Int) -> [UInt8] {
        var lines = LogLines(torn)
        lines.tail = []
        lines.lines = Array(lines.lines.prefix(line - 1))
        return lines.bytes
    }

    @Test("opening with refuse fails with an error naming the torn line and its size", arguments: Crash.all)
    func refuse(crash: Crash) async throws {
        let (directory, key, _, torn) = try await crashedLog(crash)
        let path = directory.path("audit.log")
        let tornBytes = torn.count - intactPrefix(torn, line: crash.line).count
        await #expect(throws: AuditError.tornTail(path: path, line: crash.line, byteCount: tornBytes)) {
            _ = try await AuditLog(
                sink: AuditFileSink(path: path, tornTailRecovery: .refuse), signingKey: key,
                clock: ManualWallClock(AuditFixture.start))
        }
        #expect(try directory.read("audit.log") == torn, "refusing changes nothing")
    }

    @Test(
        "the verifier reports the torn line as incomplete, and the entries before it as verified", arguments: Crash.all)
    func verify(crash: Crash) async throws {
        let (directory, key, _, _) = try await crashedLog(crash)
        let verification = try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: directory.path("audit.log"))
        expectProblem(verification, .tornLine, line: crash.line, sequence: nil, crash.name)
        #expect(verification.tornLine == crash.line)
        #expect(verification.entryCount == crash.kept)
        #expect(verification.checkpointCount == 1)
        #expect(verification.description.hasPrefix("INCOMPLETE"), "\(verification)")
        #expect(!verification.description.contains("TAMPERED"))
        #expect(try AuditLogReader.entries(at: directory.path("audit.log")).count == Int(crash.kept))
    }

    @Test("moveAside keeps the torn bytes in a side file, cuts them off, and appends continue", arguments: Crash.all)
    func moveAside(crash: Crash) async throws {
        let (directory, key, _, torn) = try await crashedLog(crash)
        let path = directory.path("audit.log")
        let clock = ManualWallClock(AuditFixture.start.addingTimeInterval(60))
        let log = try await AuditLog(
            sink: AuditFileSink(path: path, tornTailRecovery: .moveAside), signingKey: key, clock: clock,
            configuration: .init(checkpointEvery: 4))
        #expect(await log.sequence == crash.kept)
        let prefix = intactPrefix(torn, line: crash.line)
        #expect(try directory.read("audit.log") == prefix)
        let sides = try directory.names().filter { $0.hasPrefix("audit.log.torn-") }
        try #require(sides.count == 1, "\(sides)")
        #expect(try directory.read(sides[0]) == Array(torn[prefix.count...]))

        for index in 6..<9 { try await log.record(AuditFixture.record(index)) }
        let verification = try AuditVerifier(trustedKey: key.verifyingKey).verify(fileAt: path)
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.entryCount == crash.kept + 3)
    }

    @Test("a second recovery never overwrites the bytes the first one set aside")
    func twoRecoveries() async throws {
        let (directory, key, _, torn) = try await crashedLog(Crash.all[0])
        let path = directory.path("audit.log")
        let firstTorn = Array(torn[intactPrefix(torn, line: 8).count...])
        let secondTorn = Array(#"{"seq":6,"ti"#.utf8)
        for round in 0..<2 {
            if round == 1 { try directory.write(try directory.read("audit.log") + secondTorn, to: "audit.log") }
            _ = try await AuditLog(
                sink: AuditFileSink(path: path, tornTailRecovery: .moveAside), signingKey: key,
                clock: ManualWallClock(AuditFixture.start))
        }
        let sides = try directory.names().filter { $0.hasPrefix("audit.log.torn-") }
        #expect(sides.count == 2, "\(sides)")
        #expect(Set(try sides.map { try directory.read($0) }) == [firstTorn, secondTorn])
    }
}
