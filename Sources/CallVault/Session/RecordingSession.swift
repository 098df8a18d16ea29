import CallVaultAudit
public import CallVaultCapture
public import CallVaultConsent
public import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation

/// One call's recording, from the first event to the sealed, scheduled, audited recording.
///
/// The host reports call events (announcements played, keys pressed, parties joining, a card
/// payment starting) and pushes media frames; the session drives the consent state machine and
/// performs its actions: it asks the host's ``CallControl`` to play notices, opens, pauses and
/// stops the recorder's gate, signs consent receipts, and seals each segment into the envelope
/// in the ``BlobStore`` as soon as it is complete. The wrapped data key goes to the ``KeyStore``
/// before the first byte of audio is written, so a crash leaves a readable, incomplete recording
/// rather than an unopenable one.
///
/// Consent timeouts run on the media clock: a timer fires when frames past its deadline arrive (or
/// when the host calls ``advance(to:)``), so tests and simulations never sleep.
public actor RecordingSession {
    /// The recording's id.
    public nonisolated let recordingID: RecordingID
    private let vault: Vault
    private let configuration: RecordingSessionConfiguration
    private let control: any CallControl
    private var machine: ConsentStateMachine
    private let recorder: Recorder<SealingSegmentSink>
    private let sink: SealingSegmentSink
    private var blob: (any BlobWriter)?
    private var entry: RecordingEntry
    private var scripts: [PartyID: ScriptReference] = [:]
    private var timers: [ConsentTimerID: Int64] = [:]
    private var mixedPartiesExcluded: Set<PartyID> = []
    private var position: Int64 = 0
    private var discardCaptured = false
    private var ended = false
    /// The warning tone while it runs, and where its next beep is due (the host is asked to play
    /// each beep when the media clock reaches it).
    private var warningTone: WarningTone?
    private var nextBeep: Int64 = 0

    init(vault: Vault, configuration: RecordingSessionConfiguration, control: any CallControl) throws {
        if let problem = CallIDForm.problem(in: configuration.callID) {
            throw RecordingSessionError.ambiguousCallID(callID: configuration.callID, problem: problem.description)
        }
        // Kept, receipted and looked up in one form (NFC): the catalog compares ids byte for byte.
        var configuration = configuration
        configuration.callID = CallIDForm.canonical(configuration.callID)
        self.recordingID = configuration.recordingID
        self.vault = vault
        self.configuration = configuration
        self.control = control
        let settings = vault.settings
        machine = ConsentStateMachine(
            resolver: settings.resolver, purposes: settings.purposes,
            policy: settings.consentPolicy(lineOfBusiness: configuration.lineOfBusiness, queue: configuration.queue))
        sink = SealingSegmentSink(sealed: vault.metrics.segmentsSealed)
        recorder = try Recorder(
            configuration: RecorderConfiguration(
                format: configuration.format, tracks: configuration.tracks,
                segmentDuration: configuration.segmentDuration),
            sink: sink)
        for (party, track) in configuration.trackOfParty where !configuration.tracks.contains(track) {
            throw RecordingSessionError.unknownTrack(party, track.description)
        }
        entry = RecordingEntry(
            id: configuration.recordingID, callID: configuration.callID, state: .unrecorded,
            startedAt: vault.clock.now,
            parties: configuration.participants.map {
                RecordingEntry.Party(
                    id: $0.party.id, role: $0.party.role, location: $0.party.location, language: $0.language)
            },
            agentID: configuration.agentID, team: configuration.team, queue: configuration.queue,
            customerID: configuration.customerID, disclosedPurposes: Set(settings.purposes),
            sensitivity: configuration.sensitivity, format: configuration.format, tracks: configuration.tracks,
            tags: configuration.tags, lineOfBusiness: configuration.lineOfBusiness,
            declaredRegimes: settings.declaredRegimes(
                configuration.declaredRegimes, lineOfBusiness: configuration.lineOfBusiness))
        // The schedule is made when the call ends, after the envelope is sealed; a regime the
        // scheduler refuses (unknown, or not for recordings) would leave a sealed recording with
        // no schedule. Making a provisional one now refuses such a call before anything is kept.
        _ = try settings.scheduler.schedule(for: entry.retentionAttributes)
    }

    deinit {
        // A session dropped without callEnded (the host's call failed) is no longer active.
        if !ended { vault.metrics.sessionsActive.decrement() }
    }

    // MARK: Call events

    /// Starts the call: parties are resolved, announcements requested, and recording starts at
    /// once if nobody needs to be told first.
    func start() async throws {
        vault.metrics.sessionsStarted.increment()
        vault.metrics.sessionsActive.increment()
        try await vault.catalog.save(entry)
        let actions = try machine.callStarted(
            callID: configuration.callID, direction: configuration.direction,
            participants: configuration.participants, at: moment())
        try await perform(actions)
    }

    /// The host started playing (or the agent started reading) the requested announcement.
    public func announcementStarted(party: PartyID) async throws {
        let script = try requestedScript(for: party)
        try await perform(try machine.announcementStarted(party: party, script: script, at: moment()))
    }

    /// The announcement finished playing.
    public func announcementFinished(party: PartyID) async throws {
        let script = try requestedScript(for: party)
        try await perform(try machine.announcementFinished(party: party, script: script, at: moment()))
    }

    /// A party pressed a key.
    public func keyPressed(party: PartyID, key: Character) async throws {
        try await perform(try machine.keyPressed(party: party, key: key, at: moment()))
    }

    /// The host's speech recogniser heard an answer.
    public func speechIntentRecognized(party: PartyID, intent: SpeechIntent) async throws {
        try await perform(try machine.speechIntentRecognized(party: party, intent: intent, at: moment()))
    }

    /// The agent attests what a party answered to the script.
    public func agentAttested(party: PartyID, agent: PartyID, agreed: Bool) async throws {
        try await perform(try machine.agentAttested(party: party, agent: agent, agreed: agreed, at: moment()))
    }

    /// A party withdrew consent (said so, or pressed the withdrawal key through the agent).
    public func consentWithdrawn(party: PartyID, by relayer: PartyID? = nil) async throws {
        try await perform(try machine.consentWithdrawn(party: party, by: relayer, at: moment()))
    }

    /// A party joined (a conference, a transfer target, a supervisor barging in).
    public func partyJoined(_ participant: ConsentParticipant) async throws {
        entry.parties.append(
            RecordingEntry.Party(
                id: participant.party.id, role: participant.party.role, location: participant.party.location,
                language: participant.language))
        try await perform(try machine.partyJoined(participant, at: moment()))
    }

    /// A party left.
    public func partyLeft(party: PartyID) async throws {
        try await perform(try machine.partyLeft(party: party, at: moment()))
    }

    /// A card payment (or other secure entry) starts: nothing is recorded until it ends.
    public func securePauseRequested() async throws {
        try await perform(try machine.securePauseRequested(at: moment()))
    }

    /// The secure entry ended.
    public func securePauseReleased() async throws {
        try await perform(try machine.securePauseReleased(at: moment()))
    }

    // MARK: Media

    /// Takes one media frame, and fires consent timers the media clock has passed.
    public func ingest(_ frame: MediaFrame) async throws {
        guard !ended else { throw RecordingSessionError.sessionEnded(recordingID) }
        try recorder.ingest(warningTone?.mixed(into: frame) ?? frame)
        if case .audio(let format, let samples) = frame.content, let bytes = format.encoding.bytesPerSample {
            position = max(position, frame.timestamp + Int64(samples.count / bytes))
        }
        try await playDueBeeps()
        try await fireDueTimers()
    }

    /// Moves the media clock to `position` (sample frames from the call's start) without media:
    /// for hosts that report silence as gaps, and for timers during hold music the host does not
    /// forward.
    public func advance(to position: Int64) async throws {
        self.position = max(self.position, position)
        try await playDueBeeps()
        try await fireDueTimers()
    }

    // MARK: End

    /// The call ended: recording stops, the envelope is sealed, the key, metadata, receipts and
    /// retention schedule are stored, and the recording is audited.
    @discardableResult
    public func callEnded() async throws -> RecordingEntry {
        guard !ended else { throw RecordingSessionError.sessionEnded(recordingID) }
        try await perform(try machine.callEnded(at: moment()))
        ended = true
        vault.metrics.sessionsActive.decrement()
        let timeline = try recorder.finish()
        entry.endedAt = vault.clock.now
        entry.timeline = timeline
        guard let writer = sink.writer, let blob else {
            entry.state = .unrecorded
            try await vault.catalog.save(entry)
            try await audit("recording.unrecorded", outcome: .succeeded, ["nothing was recorded"])
            return entry
        }
        let summary = try writer.finish()
        try blob.finish()
        sink.countSealed()
        if discardCaptured {
            try await vault.storage.keys.shred(recordingID)
            try vault.storage.blobs.delete(recordingID)
            entry.state = .discarded
            try await vault.catalog.save(entry)
            try await audit(
                "recording.discarded", outcome: .succeeded,
                ["consent withdrawn; keys shredded and blob deleted"])
            return entry
        }
        entry.state = .complete
        try await schedule(keyCommitment: summary.header.keyCommitment)
        try await vault.catalog.save(entry)
        try await audit(
            "recording.sealed", outcome: .succeeded,
            [
                "\(summary.segmentCount) segments, \(timeline.frameCount) sample frames",
                "\(timeline.pauses.count) pauses, \(timeline.exclusions.count) exclusions",
            ])
        return entry
    }

    /// The catalog entry as it stands.
    public var recording: RecordingEntry { entry }

    // MARK: Performing actions

    private func perform(_ actions: ConsentActions) async throws {
        for action in actions {
            try await perform(action)
        }
    }

    private func perform(_ action: ConsentAction) async throws {
        switch action {
        case .playAnnouncement(let party, let kind, let language):
            let disclosure = try render(kind, readByAgent: false, language: language)
            scripts[party] = reference(disclosure)
            try await control.perform(.playAnnouncement(to: party, disclosure))
        case .promptAgent(let agent, let party, let kind, let language):
            let disclosure = try render(kind, readByAgent: true, language: language)
            scripts[party] = reference(disclosure)
            try await control.perform(.showAgentScript(agent: agent, about: party, disclosure))
        case .startRecording:
            try await openEnvelopeIfNeeded()
            recorder.command(.start, at: position)
        case .pauseRecording(let reason):
            recorder.command(.pause(PauseReason(reason.rawValue)), at: position)
        case .resumeRecording:
            recorder.command(.resume(.cardData), at: position)
            if mixedPartiesExcluded.isEmpty { recorder.command(.resume(.awaitingConsent), at: position) }
        case .stopRecording:
            recorder.command(.stop, at: position)
        case .excludeTrack(let party):
            if let track = configuration.trackOfParty[party] {
                recorder.command(.exclude(track), at: position)
            } else {
                // A party mixed into another track cannot be cut out alone: pause everything.
                if mixedPartiesExcluded.isEmpty { recorder.command(.pause(.awaitingConsent), at: position) }
                mixedPartiesExcluded.insert(party)
            }
        case .includeTrack(let party):
            if let track = configuration.trackOfParty[party] {
                recorder.command(.include(track), at: position)
            } else if mixedPartiesExcluded.remove(party) != nil, mixedPartiesExcluded.isEmpty {
                recorder.command(.resume(.awaitingConsent), at: position)
            }
        case .scheduleTimeout(let timer, let delay):
            timers[timer] = position + frames(in: delay)
        case .cancelTimeout(let timer):
            timers[timer] = nil
        case .quarantineCaptured(let reason):
            entry.isQuarantined = true
            try await vault.catalog.save(entry)
            try await audit("recording.quarantined", outcome: .succeeded, [reason.rawValue])
        case .discardCaptured(let reason):
            discardCaptured = true
            try await audit("recording.discard-requested", outcome: .succeeded, [reason.rawValue])
        case .emitReceipt(let receipt):
            entry.receipts.append(try SignedConsentReceipt(signing: receipt, with: vault.settings.receiptSigner))
            try await vault.catalog.save(entry)
            try await audit(
                "consent.receipt", outcome: .succeeded,
                ["party \(receipt.party): \(receipt.outcome.rawValue) by \(receipt.method.rawValue)"])
        case .continueUnrecorded(let reason):
            try await control.perform(.continueUnrecorded(reason))
        case .endCall(let reason):
            try await control.perform(.endCall(reason))
        case .startWarningTone(let interval):
            let tone = WarningTone(start: position, every: interval, sampleRate: configuration.format.sampleRate)
            warningTone = tone
            nextBeep = tone.start
            try await audit(
                "consent.warning-tone", outcome: .succeeded,
                ["started: a tone on the recording and to the parties every \(interval)"])
            try await playDueBeeps()
        case .stopWarningTone:
            warningTone = nil
        case .maskDTMF:
            try await control.perform(.maskDTMF)
        case .unmaskDTMF(let withheld):
            try await control.perform(.unmaskDTMF)
            // The count only: what was pressed or said during the pause may be card data.
            try await audit(
                "consent.secure-pause", outcome: .succeeded,
                ["ended; \(withheld) key presses or speech intents during it were withheld, not interpreted"])
        case .inputIgnored(let input):
            try await control.perform(.inputIgnored(input))
        }
    }

    /// Asks the host to play each warning-tone beep the media clock has reached (the same beeps
    /// are mixed into the recorded frames).
    private func playDueBeeps() async throws {
        guard let tone = warningTone else { return }
        while nextBeep <= position {
            nextBeep += tone.interval
            try await control.perform(.playWarningTone)
        }
    }

    /// Creates the blob and the envelope, and stores the wrapped key before any audio is sealed.
    private func openEnvelopeIfNeeded() async throws {
        guard sink.writer == nil else { return }
        let blob = try vault.storage.blobs.create(recordingID)
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                recordingID: recordingID, segmentSize: recorder.configuration.segmentSize,
                mediaFormat: configuration.format, wrapPlacement: .external),
            recipients: vault.settings.recipients, output: BlobEnvelopeOutput(blob: blob))
        try blob.flush()
        try await vault.storage.keys.store(writer.wraps, for: recordingID)
        sink.writer = writer
        self.blob = blob
        entry.state = .recording
        try await vault.catalog.save(entry)
        try await audit("recording.started", outcome: .succeeded, ["envelope opened; wrapped key stored"])
    }

    private func schedule(keyCommitment: [UInt8]) async throws {
        var attributes = entry.retentionAttributes
        attributes.keyCommitment = keyCommitment
        let schedule = try vault.settings.scheduler.schedule(for: attributes)
        try await vault.storage.retention.save([RetentionRecord(attributes: attributes, schedule: schedule)])
    }

    private func fireDueTimers() async throws {
        // Runs for every frame: no copy of the timers, and nothing at all when none is pending.
        while let due = timers.min(by: { $0.value < $1.value }), due.value <= position {
            timers[due.key] = nil
            try await perform(try machine.timeoutFired(due.key, at: moment()))
        }
    }

    private func requestedScript(for party: PartyID) throws -> ScriptReference {
        guard let script = scripts[party] else { throw RecordingSessionError.noAnnouncementRequested(party) }
        return script
    }

    private func render(_ kind: AnnouncementKind, readByAgent: Bool, language: String) throws -> RenderedDisclosure {
        try vault.settings.renderer.render(
            .announcement(asksForConsent: kind == .consentRequest, readByAgent: readByAgent),
            policy: vault.settings.disclosurePolicy, languageTag: language)
    }

    private func reference(_ disclosure: RenderedDisclosure) -> ScriptReference {
        ScriptReference(
            scriptID: disclosure.scriptID, version: disclosure.version, language: disclosure.language.tag,
            textHash: disclosure.textHash)
    }

    private func moment() -> ConsentMoment {
        let milliseconds = Int64((vault.clock.now.timeIntervalSince1970 * 1000).rounded(.down))
        return ConsentMoment(
            unixMilliseconds: milliseconds,
            mediaOffsetMilliseconds: position * 1000 / Int64(max(configuration.format.sampleRate, 1)))
    }

    private func frames(in duration: Duration) -> Int64 {
        let parts = duration.components
        let rate = Int64(configuration.format.sampleRate)
        return parts.seconds * rate + parts.attoseconds / 1_000_000_000 * rate / 1_000_000_000
    }

    private func audit(_ action: String, outcome: AuditOutcome, _ reasons: [String]) async throws {
        _ = try await vault.recordAudit(
            AuditRecord(
                actor: vault.recorderIdentity, action: try AuditAction(action), target: AuditRecord.target(recordingID),
                purpose: nil, outcome: outcome, reasons: reasons))
    }
}
