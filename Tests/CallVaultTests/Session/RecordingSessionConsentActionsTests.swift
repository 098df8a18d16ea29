import CallVault
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultTestKit
import Testing

/// The session performing issue 12's consent actions: recorded announcements, the warning tone,
/// DTMF masking during a secure pause, and ignored input.
@Suite("Recording session: recorded announcements, warning tone, secure-pause keys")
struct RecordingSessionConsentActionsTests {
    static func call(_ place: String) throws -> RecordingSessionConfiguration {
        VaultWorld.call([
            try VaultWorld.participant("customer", .customer, place),
            try VaultWorld.participant("agent", .agent, "US-TX"),
        ])
    }

    @Test("Washington: the recording starts with the announcement, and the receipt says so")
    func washingtonRecordsTheAnnouncement() async throws {
        let world = try await VaultWorld()
        let session = try await world.vault.startRecording(try Self.call("US-WA"), control: RecordingCallControl())
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await feeder.feed(seconds: 0.5)
        try await session.announcementStarted(party: "customer")  // 4,000
        try await feeder.feed(seconds: 2)
        try await session.announcementFinished(party: "customer")  // 20,000
        try await feeder.feed(seconds: 1)
        let recording = try await session.callEnded()
        #expect(recording.state == .complete)
        #expect(recording.timeline?.origin == 4_000, "the announcement is on the recording")
        let receipt = try #require(recording.receipts.map(\.content).first { $0.party == "customer" })
        #expect(receipt.noticeOnRecording == .announcement)
        #expect(receipt.outcome == .consented)
    }

    @Test("Connecticut with the tone: a beep is played and recorded every 15 s; speech between beeps is untouched")
    func connecticutTone() async throws {
        var policy = ConsentPolicy()
        policy.preferWarningTone = true
        let world = try await VaultWorld(consentPolicy: policy)
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(try Self.call("US-CT"), control: control)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await feeder.feed(seconds: 0.5)
        try await session.announcementStarted(party: "customer")
        try await session.announcementFinished(party: "customer")  // recording and tone from 4,000
        try await feeder.feed(seconds: 31)
        let recording = try await session.callEnded()

        #expect(recording.timeline?.origin == 4_000, "recording starts after the notice, as usual")
        let beeps = control.requests.filter { $0 == .playWarningTone }.count
        #expect(beeps == 3, "at 0 s, 15 s and 30 s of the recording")
        #expect(recording.receipts.map(\.content).contains { $0.noticeOnRecording == .warningTone })
        #expect(world.auditActions.contains("consent.warning-tone"))

        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: world.clock.now)
        let playback = try await world.playback.play(
            recording.id, PlaybackRequest(principal: supervisor, purpose: .quality))
        let frames = playback.samples.count / 2
        #expect(frames == 248_000)
        let beepLength = 1_600
        var changedInBeeps = 0
        var changedElsewhere = 0
        for frame in 0..<frames {
            let inBeep = frame % 120_000 < beepLength
            for track in 0..<2 {
                let spoken = VaultWorld.sample(track: track, position: Int64(4_000 + frame))
                if playback.samples[frame * 2 + track] != spoken {
                    if inBeep { changedInBeeps += 1 } else { changedElsewhere += 1 }
                }
            }
        }
        #expect(changedElsewhere == 0, "nothing but the beeps is changed")
        #expect(changedInBeeps > 3 * beepLength * 2 * 3 / 4, "the beeps are on both tracks, three times")
    }

    @Test(
        "keys during a secure pause: masked, counted, never a withdrawal, never audited",
        arguments: [
            ConsentPolicy.CapturedHandling.keep, .quarantine, .discard,
        ])
    func securePauseKeys(handling: ConsentPolicy.CapturedHandling) async throws {
        var policy = ConsentPolicy()
        policy.onWithdrawal = handling
        let world = try await VaultWorld(consentPolicy: policy)
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(try Self.call("US-NY"), control: control)
        var feeder = CallFeeder(session: session, clock: world.clock)
        try await session.announcementStarted(party: "customer")
        try await session.announcementFinished(party: "customer")
        try await feeder.feed(seconds: 1)
        try await session.securePauseRequested()
        let card: [Character] = Array("4929194716599#")
        for key in card { try await session.keyPressed(party: "customer", key: key) }
        try await session.speechIntentRecognized(party: "customer", intent: .no)
        try await feeder.feed(seconds: 1)
        try await session.securePauseReleased()
        try await feeder.feed(seconds: 1)
        let recording = try await session.callEnded()

        #expect(recording.state == .complete, "the 9s of the card number did not withdraw consent")
        #expect(!recording.isQuarantined)
        #expect(!recording.receipts.contains { $0.content.outcome == .withdrawn })
        #expect(recording.timeline?.pauses.count == 1)
        #expect(control.requests.contains(.maskDTMF))
        #expect(control.requests.contains(.unmaskDTMF))
        let ignored = control.requests.compactMap { request -> IgnoredInput? in
            if case .inputIgnored(let input) = request { return input }
            return nil
        }
        #expect(ignored.count == card.count + 1)
        #expect(ignored.allSatisfy { $0.input == .withheld && $0.reason == .securePause })
        let pause = try #require(world.auditSink.entries.last { $0.record.action.identifier == "consent.secure-pause" })
        #expect(pause.record.reasons.joined().contains("\(card.count + 1) key presses or speech intents"))
        let reasons = world.auditSink.entries.flatMap(\.record.reasons).joined(separator: "\n")
        #expect(!reasons.contains("4929"), "no key of the card number reaches the audit log")
        #expect(!reasons.contains("keypress"), "no receipt was made during the pause")
    }

    @Test("a key that means nothing is passed to the host as ignored input, with its value")
    func ignoredKeyReported() async throws {
        let world = try await VaultWorld()
        let control = RecordingCallControl()
        let session = try await world.vault.startRecording(try Self.call("US-NY"), control: control)
        try await session.announcementStarted(party: "customer")
        try await session.announcementFinished(party: "customer")
        try await session.keyPressed(party: "customer", key: "7")
        #expect(
            control.requests.last
                == .inputIgnored(IgnoredInput(party: "customer", input: .key("7"), reason: .nothingAsked)))
        _ = try await session.callEnded()
    }
}
