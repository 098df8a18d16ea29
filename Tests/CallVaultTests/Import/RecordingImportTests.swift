import CallVault
import CallVaultAccess
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// `Vault.importRecording`: a legacy WAV file sealed into the vault as a live recording, and the
/// files and requests it refuses before writing anything.
@Suite("Vault: importing legacy recordings")
struct RecordingImportTests {
    /// 2.5 s of distinct stereo mu-law samples, as a canonical WAV file.
    static let samples: [UInt8] = (0..<20_000).flatMap { position in
        [
            VaultWorld.sample(track: 0, position: Int64(position)),
            VaultWorld.sample(track: 1, position: Int64(position)),
        ]
    }

    static func wav(_ samples: [UInt8] = samples) throws -> [UInt8] {
        try WAVHeader.canonicalBytes(for: VaultWorld.format, dataByteCount: UInt64(samples.count)) + samples
    }

    static func request(
        callID: String = "legacy-42", startedAt: Date = VaultWorld.start.addingTimeInterval(-86_400),
        customerIn place: String = "US-CA", evidence: String? = "IVR prompt log 2019, row 42"
    ) throws -> RecordingImport {
        RecordingImport(
            callID: callID, startedAt: startedAt,
            participants: [
                try VaultWorld.participant("party-1", .customer, place, language: "en-US"),
                try VaultWorld.participant("party-2", .agent, "US-TX"),
            ],
            tracks: [.agent, .customer],
            attestation: OperatorAttestation(operator: "ops.dana", evidence: evidence))
    }

    @Test(
        "an imported WAV plays back its own samples, with attested receipts, a schedule and a live call's audit entries"
    )
    func importsAsLive() async throws {
        let world = try await VaultWorld()
        let request = try Self.request()
        let recording = try await world.vault.importRecording(
            request, from: InMemoryByteSource(try Self.wav()), sourceName: "archive/legacy-42.wav")
        #expect(recording.state == .complete && recording.format == VaultWorld.format)
        #expect(recording.endedAt == request.startedAt.addingTimeInterval(2.5))
        #expect(recording.timeline?.frameCount == 20_000)

        let stored = try #require(try await world.catalog.recording(recording.id))
        #expect(stored == recording)
        let receipts = try stored.receipts.map { try $0.verified(by: world.receiptSigner.verifyingKey) }
        #expect(receipts.map(\.method) == [.operatorAttestation, .notRequired])
        #expect(receipts.map(\.outcome) == [.consented, .notRequired], "California: all-party consent")
        #expect(receipts[0].evidence == "IVR prompt log 2019, row 42" && receipts[0].attestingOperator == "ops.dana")
        #expect(receipts[0].governing.map(\.code) == ["US-CA"])
        #expect(receipts[1].evidence == nil)

        let scheduled = try #require(try await world.retention.record(recording.id))
        #expect(scheduled.attributes.startedAt == request.startedAt)
        #expect(scheduled.attributes.endedAt == request.startedAt.addingTimeInterval(2.5))
        #expect(scheduled.schedule.keepUntil > request.startedAt)

        #expect(
            world.auditActions == [
                "recording.imported", "consent.receipt", "consent.receipt", "recording.started", "recording.sealed",
            ])
        let imported = try #require(world.auditSink.entries.first?.record)
        #expect(imported.actor == "ops.dana")
        #expect(imported.reasons.contains { $0.contains("IVR prompt log 2019, row 42") })
        #expect(imported.reasons.contains { $0.contains("archive/legacy-42.wav") })

        let compliance = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        let played = try await world.playback.play(
            recording.id, PlaybackRequest(principal: compliance, purpose: .disputeResolution))
        #expect(played.samples == Self.samples, "playback returns exactly the WAV file's samples")
    }

    @Test("the envelope is sealed in one-second segments, as a live recording of the same format is")
    func segmentsAsLive() async throws {
        let world = try await VaultWorld()
        let live = try await world.recordCall(seconds: 2)
        let imported = try await world.vault.importRecording(
            try Self.request(), from: InMemoryByteSource(try Self.wav()))
        let liveHeader = try EnvelopeHeader.read(from: try world.blobs.source(for: live))
        let importedHeader = try EnvelopeHeader.read(from: try world.blobs.source(for: imported.id))
        #expect(importedHeader.segmentSize == liveHeader.segmentSize)
        #expect(importedHeader.mediaFormat == liveHeader.mediaFormat)
        #expect(try await !world.keys.wraps(for: imported.id).isEmpty, "the wraps are kept apart, as a live one's")
    }

    @Test("refused before anything is written: bad WAVs, unknown places, future times, no parties, no evidence")
    func refusals() async throws {
        let world = try await VaultWorld()
        let wav = try Self.wav()
        let now = world.clock.now
        var truncated = wav
        truncated.removeLast(1_000)
        var twentyFourBit = Array(wav)
        twentyFourBit[34] = 24  // bits per sample in the fmt chunk

        func refused(
            _ request: RecordingImport, _ bytes: [UInt8] = wav, sourceLocation: SourceLocation = #_sourceLocation,
            _ matches: (RecordingImportError) -> Bool
        ) async throws {
            do {
                _ = try await world.vault.importRecording(request, from: InMemoryByteSource(bytes))
                Issue.record("imported", sourceLocation: sourceLocation)
            } catch let error as RecordingImportError {
                #expect(matches(error), "\(error)", sourceLocation: sourceLocation)
            }
        }
        try await refused(try Self.request(), Array("not a wav file at all, just text".utf8)) {
            $0 == .unsupportedWAV(.notRIFFWAVE) && $0.description.contains("16-bit PCM, G.711 mu-law or G.711 A-law")
        }
        try await refused(try Self.request(), truncated) {
            if case .unsupportedWAV = $0 { return $0.description.contains("cut short") } else { return false }
        }
        try await refused(try Self.request(), twentyFourBit) {
            if case .unsupportedWAV = $0 { return true } else { return false }
        }
        try await refused(try Self.request(customerIn: "unknown")) {
            $0 == .unknownPlace(party: "party-1", place: .unknown)
        }
        let nowhere = try Jurisdiction(parsing: "ZZ")
        try await refused(try Self.request(customerIn: "ZZ")) { $0 == .unknownPlace(party: "party-1", place: nowhere) }
        try await refused(try Self.request(startedAt: now.addingTimeInterval(60))) {
            $0 == .startsInTheFuture(startedAt: now.addingTimeInterval(60), now: now)
        }
        try await refused(try Self.request(startedAt: now.addingTimeInterval(-1))) {
            $0 == .endsInTheFuture(endsAt: now.addingTimeInterval(1.5), now: now)
        }
        try await refused(try Self.request(evidence: nil)) { $0 == .evidenceRequired(parties: ["party-1"]) }
        try await refused(try Self.request(evidence: "  ")) { $0 == .evidenceRequired(parties: ["party-1"]) }
        var nobody = try Self.request()
        nobody.participants = []
        try await refused(nobody) { $0 == .noParties }
        var unknownRegime = try Self.request()
        unknownRegime.declaredRegimes = ["no-such-regime"]
        do {
            _ = try await world.vault.importRecording(unknownRegime, from: InMemoryByteSource(wav))
            Issue.record("an undeclarable regime was imported")
        } catch is RetentionScheduleError {}

        #expect(try await world.catalog.recordings(after: nil, limit: 10).isEmpty, "no catalog entry")
        #expect(try world.blobs.unfinished().isEmpty)
        #expect(world.auditActions.isEmpty, "nothing audited: nothing happened")
    }

    @Test("a second import of a call id is refused unless allowed")
    func duplicateCallID() async throws {
        let world = try await VaultWorld()
        let first = try await world.vault.importRecording(try Self.request(), from: InMemoryByteSource(try Self.wav()))
        await #expect(throws: RecordingImportError.duplicateCallID(callID: "legacy-42", existing: first.id)) {
            try await world.vault.importRecording(try Self.request(), from: InMemoryByteSource(try Self.wav()))
        }
        var again = try Self.request()
        again.allowingDuplicateCallID = true
        let second = try await world.vault.importRecording(again, from: InMemoryByteSource(try Self.wav()))
        #expect(second.id != first.id && second.state == .complete)
    }

    @Test("a file that fails part-way is undone: keys shredded, envelope removed, the call unrecorded and audited")
    func interrupted() async throws {
        let world = try await VaultWorld()
        let request = try Self.request()
        await #expect {
            try await world.vault.importRecording(request, from: FailingSource(bytes: try Self.wav(), failAt: 30_000))
        } throws: { error in
            guard case .interrupted(let id, _) = (error as? RecordingImportError)?.reason else { return false }
            return id == request.recordingID
        }
        let entry = try #require(try await world.catalog.recording(request.recordingID))
        #expect(entry.state == .unrecorded)
        #expect(try await world.keys.wraps(for: request.recordingID).isEmpty)
        #expect(throws: (any Error).self) { try world.blobs.source(for: request.recordingID) }
        #expect(world.auditActions.last == "recording.unrecorded")
    }
}

/// A WAV source whose reads past `failAt` fail, as a file cut short while it is read.
private struct FailingSource: RandomAccessByteSource {
    struct ReadFailed: Error {}
    let bytes: [UInt8]
    let failAt: UInt64

    func byteCount() throws -> UInt64 { UInt64(bytes.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        guard offset + UInt64(buffer.count) <= failAt else { throw ReadFailed() }
        try InMemoryByteSource(bytes).read(into: buffer, at: offset)
    }
}
