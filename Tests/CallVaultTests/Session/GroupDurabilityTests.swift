import CallVault
import CallVaultCore
import CallVaultTestKit
import Foundation
import Testing

/// Sealed segments are written and made durable off the session, in rounds shared by every call:
/// a segment counts as durable only once its round's synchronization succeeded, a failure is
/// never silent, and a full queue makes the feeder wait rather than drop audio.
@Suite("Recording sessions: group durability")
struct GroupDurabilityTests {
    /// Bytes of the recording's blob that survive a crash now.
    static func flushed(_ world: VaultWorld, _ id: RecordingID) throws -> UInt64? {
        try world.blobs.unfinished().first { $0.recordingID == id }?.byteCount
    }

    @Test("a sealed segment is durable only after its round; waitUntilDurable and callEnded wait for it")
    func durableAfterRound() async throws {
        let (world, gated) = try await VaultWorld.gated()
        var feeder = try await world.startCall()
        let id = feeder.session.recordingID
        let header = try #require(try Self.flushed(world, id), "the header is durable before any audio")

        gated.hold()
        try await feeder.feed(seconds: 1.5)
        #expect(await feeder.session.durableSegmentCount == 0)
        #expect(try Self.flushed(world, id) == header, "a crash now keeps the header alone")

        gated.release()
        try await feeder.session.waitUntilDurable()
        #expect(await feeder.session.durableSegmentCount == 1)
        #expect(try #require(try Self.flushed(world, id)) > header + 16_000)

        gated.hold()
        try await feeder.feed(seconds: 1)
        let ending = Task { try await feeder.session.callEnded() }
        try await Task.sleep(for: .milliseconds(50))
        #expect(try world.blobs.unfinished().map(\.recordingID) == [id], "callEnded waits for its round")
        gated.release()
        let ended = try await ending.value
        #expect(ended.state == .complete)
        #expect(try world.blobs.unfinished().isEmpty)
        let playback = try await world.playback.play(
            id,
            PlaybackRequest(
                principal: VaultWorld.principal("c-1", role: "compliance", at: world.clock.now),
                purpose: .disputeResolution))
        #expect(playback.recordingIsComplete && playback.samples.count == 2 * 20_000)
    }

    @Test("a store that answers a round for none of its blobs does not make a segment count as durable unflushed")
    func missingAnswersAreNotDurability() async throws {
        let (world, gated) = try await VaultWorld.gated()
        var feeder = try await world.startCall()
        let id = feeder.session.recordingID
        let header = try #require(try Self.flushed(world, id))
        gated.answerNothing()
        try await feeder.feed(seconds: 1.5)
        try await feeder.session.waitUntilDurable()
        #expect(await feeder.session.durableSegmentCount == 1)
        #expect(try #require(try Self.flushed(world, id)) > header + 16_000, "counted durable, so flushed")
    }

    @Test("the segments many calls seal while a round runs share the next round")
    func roundsAreShared() async throws {
        let (world, gated) = try await VaultWorld.gated()
        var feeders: [CallFeeder] = []
        for _ in 0..<8 { feeders.append(try await world.startCall()) }
        gated.hold()
        for index in feeders.indices { try await feeders[index].feed(seconds: 1.1) }
        try await Task.sleep(for: .milliseconds(50))
        gated.release()
        for feeder in feeders { try await feeder.session.waitUntilDurable() }
        #expect(gated.roundSizes.max() ?? 0 >= 3, "rounds: \(gated.roundSizes)")
        for feeder in feeders { #expect(await feeder.session.durableSegmentCount == 1) }
    }

    @Test(
        "a failed write is thrown by waitUntilDurable, by the next segment's ingest and by callEnded; nothing after it is written"
    )
    func failureIsLoud() async throws {
        let (world, gated) = try await VaultWorld.gated()
        var feeder = try await world.startCall()
        let id = feeder.session.recordingID
        let header = try Self.flushed(world, id)
        gated.failAppends(after: 0)
        try await feeder.feed(seconds: 1.2)
        await #expect(throws: GatedBlobStore.DiskFull()) { try await feeder.session.waitUntilDurable() }
        await #expect(throws: GatedBlobStore.DiskFull()) { try await feeder.feed(seconds: 1) }
        await #expect(throws: GatedBlobStore.DiskFull()) { try await feeder.session.callEnded() }
        #expect(await feeder.session.durableSegmentCount == 0)
        #expect(world.blobs.bytes(of: id)?.count == header.map(Int.init), "no byte after the failure")
        // The crash promise holds: recovery settles it as incomplete.
        let settled = try await world.restarted().recoverInterruptedRecordings()
        #expect(settled.map(\.state) == [.incomplete])
    }
}
