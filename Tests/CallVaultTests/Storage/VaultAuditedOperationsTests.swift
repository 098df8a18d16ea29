import CallVault
import CallVaultAudit
import CallVaultCapture
import CallVaultCore
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A host reaches a vault's recordings only through `Vault`'s operations (its stores and settings
/// are package-only), so the vault's promise that every change is audited rests on those
/// operations. Each public operation that removes or changes a recording is run here against the
/// stores underneath, and every recording whose stored state it changed (catalog entry, schedule,
/// tombstone, wrapped keys or blob) must have gained an audit entry about it.
@Suite("Vault: every operation that changes a recording is audited")
struct VaultAuditedOperationsTests {
    /// What the stores hold about one recording.
    struct Stored: Equatable {
        let entry: RecordingEntry?
        let retention: RetentionRecord?
        let tombstone: Tombstone?
        let keyCount: Int
        let blobBytes: UInt64?
    }

    static func stored(_ id: RecordingID, in world: VaultWorld) async throws -> Stored {
        Stored(
            entry: try await world.catalog.recording(id), retention: try await world.retention.record(id),
            tombstone: try await world.retention.tombstone(id), keyCount: try await world.keys.wraps(for: id).count,
            blobBytes: try? world.blobs.source(for: id).byteCount())
    }

    /// Runs `operation` and returns the recordings whose stored state changed but that gained no
    /// audit entry (empty when the operation audited every change), and how many changed.
    static func unaudited(
        _ world: VaultWorld, _ operation: () async throws -> [RecordingID]
    ) async throws -> (changed: Int, unaudited: [RecordingID]) {
        var ids = Set(try await world.catalog.recordings(after: nil, limit: 1_000).map(\.id))
        var before: [RecordingID: Stored] = [:]
        for id in ids { before[id] = try await stored(id, in: world) }
        let entriesBefore = world.auditSink.entries.count
        ids.formUnion(try await operation())
        ids.formUnion(try await world.catalog.recordings(after: nil, limit: 1_000).map(\.id))
        let newTargets = Set(world.auditSink.entries.dropFirst(entriesBefore).map(\.record.target))
        var changed = 0
        var unaudited: [RecordingID] = []
        for id in ids.sorted() {
            let after = try await stored(id, in: world)
            guard before[id] != after else { continue }
            changed += 1
            if !newTargets.contains(AuditRecord.target(id)) { unaudited.append(id) }
        }
        return (changed, unaudited)
    }

    @Test("recording, later consent, redaction, import, recovery, sweep and erasure each audit what they change")
    func everyChangeAudited() async throws {
        let world = try await VaultWorld()
        var recorded: RecordingID?
        var result = try await Self.unaudited(world) {
            recorded = try await world.recordCall(seconds: 2)
            return [try #require(recorded)]
        }
        #expect(result.changed == 1 && result.unaudited.isEmpty, "recording a call: \(result)")
        let id = try #require(recorded)

        result = try await Self.unaudited(world) {
            _ = try await world.vault.recordLaterConsent(
                recording: id, purposes: [.training], channel: "letter", evidence: "letter 12", by: "dpo")
            _ = try await world.vault.withdrawLaterConsent(
                recording: id, purposes: [.training], channel: "email", evidence: "mail 551", by: "dpo")
            return [id]
        }
        #expect(result.unaudited.isEmpty, "later consent: \(result)")

        result = try await Self.unaudited(world) {
            _ = try await world.playback.redact(
                id, seconds: 0.5..<1, reason: "card-data",
                PlaybackRequest(
                    principal: VaultWorld.principal("c-1", role: "compliance", at: world.clock.now),
                    purpose: .legalOrRegulatory))
            return [id]
        }
        #expect(result.changed == 1 && result.unaudited.isEmpty, "redaction: \(result)")

        result = try await Self.unaudited(world) {
            [
                try await world.vault.importRecording(
                    try RecordingImportTests.request(), from: InMemoryByteSource(try RecordingImportTests.wav())
                ).id
            ]
        }
        #expect(result.changed == 1 && result.unaudited.isEmpty, "import: \(result)")

        var feeder = try await world.startCall()
        try await feeder.feed(seconds: 1.5)
        world.blobs.simulateCrash()
        result = try await Self.unaudited(world) {
            try await world.restarted().recoverInterruptedRecordings().map(\.id)
        }
        #expect(result.changed == 1 && result.unaudited.isEmpty, "recovery: \(result)")

        world.clock.advance(by: .seconds(3 * 366 * 86_400))
        result = try await Self.unaudited(world) { try await world.vault.sweep().deleted }
        #expect(result.changed >= 3 && result.unaudited.isEmpty, "sweep: \(result)")

        let customer = try await world.recordCall(seconds: 1)
        result = try await Self.unaudited(world) {
            try await world.vault.handleErasureRequest(
                try ErasureRequest(
                    id: "er-1", customerID: "customer-42", receivedAt: world.clock.now, handledBy: "dpo")
            ).erased.map(\.recordingID) + [customer]
        }
        #expect(result.changed == 1 && result.unaudited.isEmpty, "erasure: \(result)")
    }

    @Test("the vault reads its audit log back through the log's sink: an entry written is read at once")
    func trailIsTheLog() async throws {
        let world = try await VaultWorld()
        let id = try await world.recordCall(seconds: 1)
        let read = try await world.vault.audit.entries(about: AuditRecord.target(id))
        #expect(!read.isEmpty)
        #expect(read == world.auditSink.entries.filter { $0.record.target == AuditRecord.target(id) })
        #expect(try await world.vault.deletionIsRecorded(id) == false)
        try await world.vault.audit.record(
            AuditRecord(
                actor: "dpo", action: .recordingDeleted, target: AuditRecord.target(id), purpose: nil,
                outcome: .succeeded, reasons: ["written straight to the log"]))
        #expect(try await world.vault.deletionIsRecorded(id), "the vault's trail is the log it writes")
    }
}
