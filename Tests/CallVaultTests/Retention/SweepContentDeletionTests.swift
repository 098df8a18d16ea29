import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A sweep deletes a batch's contents together, several at a time off the cooperative threads,
/// and a content that will not delete fails only its own recording.
@Suite("Vault sweeps: deleting contents")
struct SweepContentDeletionTests {
    static func recordDue(_ world: VaultWorld, count: Int) async throws -> [RecordingID] {
        var ids: [RecordingID] = []
        for _ in 0..<count { ids.append(try await world.recordCall(seconds: 1, customerIn: "FR", language: "fr")) }
        world.clock.advance(by: .seconds(3 * 365 * 86_400))
        return ids
    }

    @Test("deletions that block their thread overlap: more run at once than there are cooperative threads")
    func deletionsOverlap() async throws {
        let (world, gated) = try await VaultWorld.gated()
        let ids = try await Self.recordDue(world, count: 12)
        gated.slowDeletions(by: .milliseconds(30))
        let report = try await world.vault.sweep()
        #expect(Set(report.deleted) == Set(ids))
        #expect(report.failures.isEmpty)
        #expect(world.blobs.recordingIDs.isEmpty)
        // One at a time, or on the cooperative threads (as many as the cores), this stays at or
        // below the core count.
        #expect(
            gated.mostDeletionsAtOnce > ProcessInfo.processInfo.activeProcessorCount,
            "at most \(gated.mostDeletionsAtOnce) deletions ran at once")
    }

    @Test("a content that will not delete fails its own recording only; the next sweep finishes it")
    func oneFailureFailsOne() async throws {
        let (world, gated) = try await VaultWorld.gated()
        let ids = try await Self.recordDue(world, count: 6)
        let stuck = ids[2]
        gated.refuseDeletion(of: [stuck])
        let report = try await world.vault.sweep()
        #expect(Set(report.deleted) == Set(ids).subtracting([stuck]))
        #expect(report.failures.map(\.recordingID) == [stuck])
        #expect(world.blobs.recordingIDs == [stuck], "the others' contents are gone")
        #expect(
            try await world.catalog.recording(stuck)?.state != .deleted,
            "never listed deleted while its content remains")
        #expect(try await world.retention.tombstone(stuck) == nil)

        gated.allowDeletion()
        let retry = try await world.vault.sweep()
        #expect(retry.deleted == [stuck])
        #expect(world.blobs.recordingIDs.isEmpty)
        #expect(try await world.catalog.recording(stuck)?.state == .deleted)
    }
}
