import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import Testing

/// The consent state machine's actions driving the recorder's gate: the two modules together, as a
/// host (or CallVault's recording session) wires them.
@Suite("Consent-driven recorder")
struct ConsentDrivenRecorderTests {
    typealias F = RecorderFixture

    /// Performs the machine's actions on the recorder, at the media position of the event.
    struct Host {
        var machine: ConsentStateMachine
        let recorder: Recorder<InMemorySegmentSink>
        let tracks: [PartyID: TrackID]
        var receipts: [ConsentReceipt] = []

        mutating func perform(_ actions: ConsentActions, at position: Int64) {
            for action in actions {
                switch action {
                case .startRecording: recorder.command(.start, at: position)
                case .pauseRecording(let reason):
                    recorder.command(.pause(PauseReason(reason.rawValue)), at: position)
                case .resumeRecording:
                    recorder.command(.resume(.cardData), at: position)
                    recorder.command(.resume(.awaitingConsent), at: position)
                case .stopRecording: recorder.command(.stop, at: position)
                case .excludeTrack(let party): tracks[party].map { recorder.command(.exclude($0), at: position) }
                case .includeTrack(let party): tracks[party].map { recorder.command(.include($0), at: position) }
                case .emitReceipt(let receipt): receipts.append(receipt)
                case .playAnnouncement, .promptAgent, .scheduleTimeout, .cancelTimeout, .quarantineCaptured,
                    .discardCaptured, .continueUnrecorded, .endCall, .startWarningTone, .stopWarningTone, .maskDTMF,
                    .unmaskDTMF, .inputIgnored:
                    break
                }
            }
        }
    }

    static func moment(_ position: Int64) -> ConsentMoment {
        ConsentMoment(unixMilliseconds: 1_767_225_600_000 + position / 8, mediaOffsetMilliseconds: position / 8)
    }

    static func participant(_ id: PartyID, _ role: PartyRole, _ code: String) throws -> ConsentParticipant {
        ConsentParticipant(party: CallParty(id: id, role: role, location: try Jurisdiction(parsing: code)))
    }

    @Test("a German caller: nothing before the key press, card data paused, withdrawal stops it all")
    func germanCall() throws {
        var host = Host(
            machine: ConsentStateMachine(
                resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled), purposes: [.quality],
                policy: ConsentPolicy()),
            recorder: try F.recorder(), tracks: ["agent": .agent, "customer": .customer])
        let script = ScriptReference(
            scriptID: "callvault.ivr.consent-request", version: "1", language: "de", textHash: "00")
        var position: Int64 = 0
        func feed(until end: Int64) throws {
            while position < end {
                for track in 0..<2 {
                    try host.recorder.ingest(
                        .audio(
                            F.samples(track: track, from: position, count: 160), format: F.mono,
                            track: track == 0 ? .agent : .customer, sequenceNumber: UInt64(position / 160),
                            timestamp: position))
                }
                position += 160
            }
        }
        host.perform(
            try host.machine.callStarted(
                callID: "c", direction: .inbound,
                participants: [
                    try Self.participant("customer", .customer, "DE"), try Self.participant("agent", .agent, "DE"),
                ],
                at: Self.moment(0)), at: 0)
        try feed(until: 800)
        host.perform(
            try host.machine.announcementStarted(party: "customer", script: script, at: Self.moment(800)), at: 800)
        try feed(until: 4_000)
        host.perform(try host.machine.keyPressed(party: "customer", key: "1", at: Self.moment(4_000)), at: 4_000)
        try feed(until: 8_000)
        host.perform(try host.machine.securePauseRequested(at: Self.moment(8_000)), at: 8_000)
        try feed(until: 12_000)
        host.perform(try host.machine.securePauseReleased(at: Self.moment(12_000)), at: 12_000)
        try feed(until: 16_000)
        host.perform(try host.machine.keyPressed(party: "customer", key: "9", at: Self.moment(16_000)), at: 16_000)
        try feed(until: 20_000)
        host.perform(try host.machine.callEnded(at: Self.moment(20_000)), at: 20_000)
        let timeline = try host.recorder.finish()

        #expect(timeline.origin == 4_000, "recording starts at the key press, not before")
        #expect(timeline.stoppedAt == 16_000, "withdrawal stops it")
        #expect(timeline.frameCount == 12_000)
        #expect(timeline.pauses.map(\.reasons) == [[.cardData]])
        #expect(timeline.pauses.first?.callPosition == 8_000)
        #expect(timeline.pauses.first?.frameCount == 4_000)
        let customer = F.channel(1, of: host.recorder.sink.bytes)
        for (frame, value) in customer.enumerated() {
            let callPosition = Int64(frame) + 4_000
            let paused = (8_000..<12_000).contains(callPosition)
            #expect(value == (paused ? F.silence : F.sample(track: 1, position: callPosition)), "frame \(frame)")
            if value != (paused ? F.silence : F.sample(track: 1, position: callPosition)) { break }
        }
        #expect(host.receipts.map(\.outcome) == [.notRequired, .consented, .withdrawn])
    }

    @Test("a joiner's track is excluded until they agree; the others keep recording")
    func joinerExcluded() throws {
        var host = Host(
            machine: ConsentStateMachine(
                resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled), purposes: [.quality],
                policy: ConsentPolicy()),
            recorder: try F.recorder(), tracks: ["agent": .agent, "customer": .customer])
        let notice = ScriptReference(scriptID: "callvault.ivr.notice", version: "1", language: "en", textHash: "00")
        host.perform(
            try host.machine.callStarted(
                callID: "c", direction: .inbound, participants: [try Self.participant("agent", .agent, "US-TX")],
                at: Self.moment(0)), at: 0)
        // Only the agent so far: recording starts at once. The customer joins from California.
        host.perform(
            try host.machine.partyJoined(try Self.participant("customer", .customer, "US-CA"), at: Self.moment(1_600)),
            at: 1_600)
        host.perform(
            try host.machine.announcementStarted(party: "customer", script: notice, at: Self.moment(1_700)), at: 1_700)
        host.perform(
            try host.machine.announcementFinished(party: "customer", script: notice, at: Self.moment(3_200)), at: 3_200)
        try F.feed(host.recorder, frames: 30)
        let timeline = try host.recorder.finish()
        let customer = F.channel(1, of: host.recorder.sink.bytes)
        #expect(customer[0..<1_600].elementsEqual(F.samples(track: 1, from: 0, count: 1_600)))
        #expect(customer[1_600..<3_200].allSatisfy { $0 == F.silence })
        #expect(customer[3_200..<4_800].elementsEqual(F.samples(track: 1, from: 3_200, count: 1_600)))
        #expect(F.channel(0, of: host.recorder.sink.bytes) == F.samples(track: 0, from: 0, count: 4_800))
        #expect(timeline.exclusions.first?.frameCount == 1_600)
    }
}
