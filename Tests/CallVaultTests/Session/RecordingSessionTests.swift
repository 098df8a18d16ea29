import CallVault
import CallVaultAccess
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Testing

/// A call through the whole stack: consent engine, call control, recorder, envelope, stores,
/// retention and audit, over the test kit's in-memory seams.
@Suite("Recording session")
struct RecordingSessionTests {
    /// German caller and agent: the caller hears the consent request in German, agrees with 1,
    /// pays by card (paused), and hangs up.
    @Test("a consented German call is sealed, signed, scheduled, audited and plays back exactly")
    func consentedCall() async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "DE", language: "de"),
                try VaultWorld.participant("agent", .agent, "DE"),
            ]), control: control)
        var feeder = CallFeeder(session: session, clock: world.clock)

        guard case .playAnnouncement(to: "customer", let disclosure) = control.requests.first else {
            Issue.record("expected a consent request for the customer, got \(control.requests)")
            return
        }
        #expect(disclosure.kind == .ivrConsentRequest)
        #expect(disclosure.language.tag == "de")
        #expect(disclosure.text.contains("Acme Bank"))

        try await feeder.feed(seconds: 0.5)
        try await session.announcementStarted(party: "customer")
        try await feeder.feed(seconds: 1)
        try await session.announcementFinished(party: "customer")
        try await session.keyPressed(party: "customer", key: "1")  // at 1.5 s = frame 12,000
        try await feeder.feed(seconds: 2)
        try await session.securePauseRequested()  // 28,000
        try await feeder.feed(seconds: 1)
        try await session.securePauseReleased()  // 36,000
        try await feeder.feed(seconds: 1)
        let recording = try await session.callEnded()  // 44,000

        #expect(recording.state == .complete)
        #expect(recording.timeline?.origin == 12_000, "nothing before the key press")
        #expect(recording.timeline?.frameCount == 32_000)
        #expect(recording.timeline?.pauses.map(\.callPosition) == [28_000])
        #expect(recording.receipts.map(\.content.outcome).contains(.consented))
        for receipt in recording.receipts {
            #expect(throws: Never.self) { try receipt.verified(by: world.receiptSigner.verifyingKey) }
        }
        #expect(try await world.catalog.recording(recording.id) == recording)

        let record = try #require(try await world.retention.record(recording.id))
        #expect(record.schedule.recordingID == recording.id)
        #expect(record.schedule.keepUntil >= (recording.endedAt ?? .distantFuture))
        #expect(record.attributes.keyCommitment?.count == 32)
        #expect(record.attributes.jurisdictions.map(\.description) == ["DE"])

        #expect(world.auditActions.contains("recording.started"))
        #expect(world.auditActions.contains("consent.receipt"))
        #expect(world.auditActions.last == "recording.sealed")
        #expect(try await world.keys.wraps(for: recording.id).count == 1)

        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        let playback = try await world.playback.play(
            recording.id, PlaybackRequest(principal: supervisor, purpose: .quality))
        #expect(playback.samples.count == 32_000 * 2)
        #expect(playback.recordingIsComplete)
        var mismatches = 0
        for frame in 0..<32_000 {
            let position = Int64(12_000 + frame)
            let paused = (28_000..<36_000).contains(position)
            for track in 0..<2 {
                let expected: UInt8 = paused ? 0xFF : VaultWorld.sample(track: track, position: position)
                if playback.samples[frame * 2 + track] != expected { mismatches += 1 }
            }
        }
        #expect(mismatches == 0, "every sample as spoken, the card payment silent")

        let wav = try playback.wav()
        #expect(wav.count == 44 + 64_000 || wav.count > 64_000)
        #expect(Array(wav.prefix(4)) == Array("RIFF".utf8))

        let firstSecond = try await world.playback.play(
            recording.id, PlaybackRequest(principal: supervisor, purpose: .quality, seconds: 0..<1))
        #expect(firstSecond.samples == Array(playback.samples.prefix(16_000)))
    }

    @Test("a refused call continues unrecorded: no blob, no key, a receipt saying so")
    func refusedCall() async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "DE", language: "de"),
                try VaultWorld.participant("agent", .agent, "DE"),
            ]), control: control)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await session.announcementStarted(party: "customer")
        try await feeder.feed(seconds: 1)
        try await session.announcementFinished(party: "customer")
        try await session.keyPressed(party: "customer", key: "2")
        try await feeder.feed(seconds: 2)
        let recording = try await session.callEnded()

        #expect(recording.state == .unrecorded)
        #expect(control.requests.contains(.continueUnrecorded(.consentRefused)))
        #expect(recording.receipts.map(\.content.outcome).contains(.declined))
        #expect(world.blobs.recordingIDs.isEmpty)
        #expect(try await world.keys.wraps(for: recording.id).isEmpty)
        #expect(try await world.retention.record(recording.id) == nil)
        await #expect(throws: PlaybackError.self) {
            _ = try await world.playback.play(
                recording.id,
                PlaybackRequest(
                    principal: VaultWorld.principal("c-1", role: "compliance", at: world.clock.now),
                    purpose: .disputeResolution))
        }
    }

    @Test("withdrawal under a discard policy shreds the key and deletes the blob")
    func withdrawalDiscards() async throws {
        var policy = ConsentPolicy()
        policy.onWithdrawal = .discard
        let world = try await VaultWorld(consentPolicy: policy)
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "DE", language: "de"),
                try VaultWorld.participant("agent", .agent, "DE"),
            ]), control: RecordingCallControl())
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await session.announcementStarted(party: "customer")
        try await session.announcementFinished(party: "customer")
        try await session.keyPressed(party: "customer", key: "1")
        try await feeder.feed(seconds: 3)
        try await session.keyPressed(party: "customer", key: "9")
        try await feeder.feed(seconds: 1)
        let recording = try await session.callEnded()

        #expect(recording.state == .discarded)
        #expect(world.keys.isShredded(recording.id))
        #expect(!world.blobs.recordingIDs.contains(recording.id))
        #expect(world.auditActions.contains("recording.discarded"))
    }

    @Test("an unanswered consent request is asked again when the media clock passes the timeout")
    func timeoutOnMediaClock() async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(
            VaultWorld.call([
                try VaultWorld.participant("customer", .customer, "DE", language: "de"),
                try VaultWorld.participant("agent", .agent, "DE"),
            ]), control: control)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await session.announcementStarted(party: "customer")
        try await session.announcementFinished(party: "customer")
        try await feeder.feed(seconds: 9)
        let announcements = { control.requests.filter { if case .playAnnouncement = $0 { true } else { false } } }
        #expect(announcements().count == 1, "not before the 10 s timeout")
        try await feeder.feed(seconds: 1.5)
        #expect(announcements().count == 2, "asked again once the media clock passed it")
    }
}
