import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

/// When the log signs its head: every N entries, after T seconds, and when asked.
@Suite("Audit log: checkpoints")
struct AuditLogCheckpointTests {
    struct World {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(AuditFixture.start)
        let witness = CollectingWitness()
        let key: SigningKey
        let log: AuditLog

        init(every: Int, interval: Duration = .seconds(3600)) async throws {
            key = try AuditFixture.key()
            log = try await AuditLog(
                sink: sink, signingKey: key, clock: clock, witnesses: [witness],
                configuration: .init(checkpointEvery: every, checkpointInterval: interval))
        }

        func verify() -> AuditVerification {
            AuditVerifier(trustedKey: key.verifyingKey).verify(contents: sink.fileContents())
        }
    }

    @Test("a checkpoint signs the head every N entries", arguments: [1, 3, 10])
    func everyN(every: Int) async throws {
        let world = try await World(every: every)
        for index in 0..<25 { try await world.log.record(AuditFixture.record(index)) }
        let signed = world.sink.checkpoints.map(\.sequence)
        #expect(signed == Array(stride(from: UInt64(every), through: 25, by: every)))
        for checkpoint in world.sink.checkpoints {
            #expect(checkpoint.head == world.sink.entries[Int(checkpoint.sequence) - 1].hash)
        }
        let verification = world.verify()
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.checkpointCount == 25 / every)
        #expect(verification.unsignedEntries == UInt64(25 % every))
    }

    @Test("a batch that crosses N is signed once, at its end")
    func batch() async throws {
        let world = try await World(every: 3)
        let entries = try await world.log.record((0..<7).map { AuditFixture.record($0) })
        #expect(entries.map(\.sequence) == Array(1...7))
        #expect(world.sink.checkpoints.map(\.sequence) == [7])
        #expect(try await world.log.record([]).isEmpty)
        #expect(world.sink.checkpoints.count == 1)
    }

    @Test("after T seconds the next record brings a checkpoint, not before")
    func afterInterval() async throws {
        let world = try await World(every: 1000, interval: .seconds(10))
        try await world.log.record(AuditFixture.record(0))
        world.clock.advance(by: .milliseconds(9_999))
        try await world.log.record(AuditFixture.record(1))
        #expect(world.sink.checkpoints.isEmpty, "9.999 s after the first unsigned entry")
        world.clock.advance(by: .milliseconds(1))
        try await world.log.record(AuditFixture.record(2))
        #expect(world.sink.checkpoints.map(\.sequence) == [3])
        // The interval starts again at the next unsigned entry, not at the checkpoint.
        world.clock.advance(by: .seconds(60))
        try await world.log.record(AuditFixture.record(3))
        #expect(world.sink.checkpoints.count == 1)
        world.clock.advance(by: .seconds(10))
        try await world.log.record(AuditFixture.record(4))
        #expect(world.sink.checkpoints.map(\.sequence) == [3, 5])
        #expect(world.verify().isIntact)
    }

    @Test("checkpointIfDue signs a quiet log once its oldest unsigned entry has waited T")
    func ifDue() async throws {
        let world = try await World(every: 1000, interval: .milliseconds(1500))
        #expect(try await world.log.checkpointIfDue() == nil, "nothing to sign")
        try await world.log.record(AuditFixture.record(0))
        world.clock.advance(by: .milliseconds(1499))
        #expect(try await world.log.checkpointIfDue() == nil)
        world.clock.advance(by: .milliseconds(1))
        let checkpoint = try #require(try await world.log.checkpointIfDue())
        #expect(checkpoint.sequence == 1)
        #expect(checkpoint.timestamp == AuditFixture.start.millisecondsSince1970 + 1500)
        world.clock.advance(by: .seconds(5))
        #expect(try await world.log.checkpointIfDue() == nil, "nothing unsigned since")
    }

    @Test("checkpoint() signs what is unsigned now, and nothing when all is signed")
    func explicit() async throws {
        let world = try await World(every: 1000)
        #expect(try await world.log.checkpoint() == nil)
        try await world.log.record([AuditFixture.record(0), AuditFixture.record(1)])
        let checkpoint = try #require(try await world.log.checkpoint())
        #expect(checkpoint.sequence == 2)
        #expect(checkpoint.head == world.sink.entries.last?.hash)
        #expect(try await world.log.checkpoint() == nil, "a second checkpoint of the same head is never made")
        #expect(world.sink.checkpoints == [checkpoint])
        let signature = try Signature(rawRepresentation: checkpoint.signature)
        let message = Reference.checkpointMessage(
            logID: world.log.logID, sequence: 2, head: checkpoint.head, time: checkpoint.timestamp)
        try world.key.verifyingKey.verify(signature, for: message)
    }

    @Test("witnesses are told every checkpoint with the log's id, after the sink has it")
    func witnesses() async throws {
        let world = try await World(every: 2)
        for index in 0..<5 { try await world.log.record(AuditFixture.record(index)) }
        try await world.log.checkpoint()
        #expect(world.witness.checkpoints == world.sink.checkpoints)
        #expect(world.witness.checkpoints.map(\.sequence) == [2, 4, 5])
        #expect(world.witness.logIDs == [UUID](repeating: world.log.logID, count: 3))
    }

    @Test("a failing witness fails the call, but the entries and checkpoint are already kept")
    func failingWitness() async throws {
        let world = try await World(every: 2)
        try await world.log.record(AuditFixture.record(0))
        world.witness.fail(true)
        await #expect(throws: CollectingWitness.Failure.self) { try await world.log.record(AuditFixture.record(1)) }
        #expect(world.sink.entries.count == 2)
        #expect(world.sink.checkpoints.map(\.sequence) == [2])
        #expect(await world.log.sequence == 2)
        world.witness.fail(false)
        try await world.log.record(AuditFixture.record(2))
        #expect(world.verify().isIntact)
    }
}

extension Date {
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
}
