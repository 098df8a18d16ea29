import CallVault
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import Foundation

/// The four calls: how a host drives a recording session from its telephony events.
struct DemoCalls {
    static let stereo = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let thirdParty = TrackID("third-party")

    let demo: DemoVault
    let clips: Clips
    let printer: DemoPrinter

    /// A caller in Germany hears the consent request in German and presses 1; the card payment is
    /// paused.
    func germanCall(_ checks: inout Checks) async throws -> RecordingEntry {
        printer.section("Call 1: a caller in Germany (all parties must agree)")
        let control = DemoCallControl(printer: printer)
        let session = try await start(
            "call-1001", [("caller-de", .customer, "DE", "de"), ("anna.keller", .agent, "DE", "de")],
            agent: "anna.keller", team: "billing-de", customer: "customer-de-4711", control: control)
        var audio = CallAudio(session: session, clock: demo.clock, tracks: [.agent, .customer])
        var handled = 0
        try await answerAnnouncements(control, session, &audio, &handled, keys: ["caller-de": "1"])
        try await speak("de-customer", on: .customer, &audio)
        try await speak("de-agent", on: .agent, &audio)
        printer.line("The caller pays by card: the agent's desktop starts a secure pause.")
        try await session.securePauseRequested()
        try await speak("de-customer", on: .customer, &audio)
        try await session.securePauseReleased()
        try await audio.run(seconds: 1)
        let recording = try await session.callEnded()
        report(recording)
        checks.check(recording.state == .complete, "recorded, sealed and scheduled")
        checks.check(
            recording.receipts.contains { $0.content.party == "caller-de" && $0.content.outcome == .consented },
            "a signed receipt says the caller agreed by pressing 1")
        checks.check(
            recording.timeline?.pauses.map(\.reasons) == [[.cardData]], "the card payment is a paused span, not audio")
        return recording
    }

    /// A caller in the UK is told the call is recorded and stays on the line, which the law allows.
    func britishCall(_ checks: inout Checks) async throws -> RecordingEntry {
        printer.section("Call 2: a caller in the UK (being told is enough; staying on the line)")
        let control = DemoCallControl(printer: printer)
        let session = try await start(
            "call-1002", [("caller-gb", .customer, "GB", "en-GB"), ("george.hill", .agent, "GB", "en-GB")],
            agent: "george.hill", team: "billing-uk", customer: "customer-gb-0815", control: control)
        var audio = CallAudio(session: session, clock: demo.clock, tracks: [.agent, .customer])
        var handled = 0
        try await answerAnnouncements(control, session, &audio, &handled, keys: [:])
        try await speak("gb-customer", on: .customer, &audio)
        try await speak("gb-agent", on: .agent, &audio)
        let recording = try await session.callEnded()
        report(recording)
        checks.check(recording.state == .complete, "recorded after the notice, with no key press")
        checks.check(
            recording.receipts.contains { $0.content.party == "caller-gb" && $0.content.outcome == .notified },
            "the receipt says the caller was notified")
        return recording
    }

    /// A caller in the United Arab Emirates (every party must agree) hears the request in Arabic
    /// and declines: the call goes on, unrecorded.
    func emiratiCall(_ checks: inout Checks) async throws -> RecordingEntry {
        printer.section("Call 3: a caller in the United Arab Emirates declines")
        let control = DemoCallControl(printer: printer)
        let session = try await start(
            "call-1003", [("caller-ae", .customer, "AE", "ar"), ("omar.saleh", .agent, "AE", "ar")],
            agent: "omar.saleh", team: "billing-gulf", customer: "customer-ae-2202", control: control)
        var audio = CallAudio(session: session, clock: demo.clock, tracks: [.agent, .customer])
        var handled = 0
        try await answerAnnouncements(control, session, &audio, &handled, keys: ["caller-ae": "2"])
        try await speak("ae-customer", on: .customer, &audio)
        try await speak("ae-agent", on: .agent, &audio)
        let recording = try await session.callEnded()
        report(recording)
        checks.check(recording.state == .unrecorded, "nothing was recorded: no blob, no key")
        checks.check(
            recording.receipts.contains { $0.content.party == "caller-ae" && $0.content.outcome == .declined },
            "the receipt records the refusal")
        return recording
    }

    /// A Texan caller; a colleague in California joins and is excluded until they agree.
    func conferenceCall(_ checks: inout Checks) async throws -> RecordingEntry {
        printer.section("Call 4: a caller in Texas; a third party from California joins")
        let control = DemoCallControl(printer: printer)
        let session = try await start(
            "call-1004", [("caller-tx", .customer, "US-TX", "en-US"), ("tom.baker", .agent, "US-TX", "en-US")],
            agent: "tom.baker", team: "sales-us", customer: "customer-us-5150", control: control,
            tracks: [.agent, .customer, Self.thirdParty])
        var audio = CallAudio(session: session, clock: demo.clock, tracks: [.agent, .customer, Self.thirdParty])
        var handled = 0
        try await answerAnnouncements(control, session, &audio, &handled, keys: [:])
        try await speak("us-customer", on: .customer, &audio)
        printer.line("Sam joins from California, where every party must agree: their track is cut out meanwhile.")
        try await session.partyJoined(
            ConsentParticipant(
                party: CallParty(id: "sam.ca", role: .thirdParty, location: try Jurisdiction(parsing: "US-CA")),
                language: "en-US"))
        try await speak("ca-third-party", on: Self.thirdParty, &audio)
        try await answerAnnouncements(control, session, &audio, &handled, keys: ["sam.ca": "1"])
        try await speak("ca-third-party", on: Self.thirdParty, &audio)
        try await speak("us-agent", on: .agent, &audio)
        let recording = try await session.callEnded()
        report(recording)
        checks.check(recording.state == .complete, "recorded")
        checks.check(
            recording.timeline?.exclusions.contains { $0.track == Self.thirdParty } == true,
            "Sam's words before they agreed are not in the recording")
        checks.check(
            recording.receipts.contains { $0.content.party == "sam.ca" && $0.content.outcome == .consented },
            "Sam's consent has its own receipt")
        return recording
    }

    // MARK: Driving a session

    private func start(
        _ callID: String, _ parties: [(PartyID, PartyRole, String, String)], agent: PrincipalID, team: String,
        customer: String, control: DemoCallControl, tracks: [TrackID] = [.agent, .customer]
    ) async throws -> RecordingSession {
        let participants = try parties.map { id, role, place, language in
            ConsentParticipant(
                party: CallParty(id: id, role: role, location: try Jurisdiction(parsing: place)), language: language)
        }
        var trackOfParty: [PartyID: TrackID] = [:]
        for (id, role, _, _) in parties { trackOfParty[id] = role == .agent ? .agent : .customer }
        if tracks.contains(Self.thirdParty) { trackOfParty["sam.ca"] = Self.thirdParty }
        return try await demo.vault.startRecording(
            RecordingSessionConfiguration(
                callID: callID, direction: .inbound, participants: participants,
                format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: tracks.count), tracks: tracks,
                trackOfParty: trackOfParty, agentID: agent, team: team, queue: "billing",
                lineOfBusiness: DemoVault.lineOfBusiness, customerID: customer),
            control: control)
    }

    /// Plays each announcement requested since the last call (three seconds of prompt), and
    /// answers it with the party's key if it asked for consent.
    private func answerAnnouncements(
        _ control: DemoCallControl, _ session: RecordingSession, _ audio: inout CallAudio, _ handled: inout Int,
        keys: [PartyID: Character]
    ) async throws {
        let pending = control.announcements.dropFirst(handled)
        handled += pending.count
        for (party, disclosure) in pending {
            try await session.announcementStarted(party: party)
            try await audio.run(seconds: 3)
            try await session.announcementFinished(party: party)
            if disclosure.kind.asksForConsent, let key = keys[party] {
                printer.line("\(party) presses \(key).")
                try await session.keyPressed(party: party, key: key)
            }
        }
    }

    private func speak(_ clip: String, on track: TrackID, _ audio: inout CallAudio) async throws {
        audio.say(clips[clip], on: track)
        try await audio.run(seconds: CallAudio.seconds(clips[clip]) + 0.3)
    }

    private func report(_ recording: RecordingEntry) {
        let seconds = Double(recording.timeline?.frameCount ?? 0) / 8_000
        printer.line(
            "Recording \(recording.id): \(recording.state.rawValue), \(String(format: "%.1f", seconds)) s, "
                + "\(recording.timeline?.pauses.count ?? 0) pause(s), \(recording.timeline?.exclusions.count ?? 0) exclusion(s), "
                + "\(recording.receipts.count) signed receipt(s)")
    }
}
