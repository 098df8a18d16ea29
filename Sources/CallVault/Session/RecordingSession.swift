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
/// as soon as it is complete. The wrapped data key goes to the ``KeyStore`` before the first byte
/// of audio is written, so a crash leaves a readable, incomplete recording rather than an
/// unopenable one.
///
/// Durability: a sealed segment is handed to the vault's blob writing threads, which write it
/// to the ``BlobStore`` and make it durable together with the segments other calls sealed at
/// about the same time (one `syncfs` per round for the file store), never on this actor or the
/// cooperative thread pool. ``durableSegmentCount`` counts the segments made durable; a round
/// takes a few milliseconds to a few tens of them, so a crash loses the segment still open and
/// at most the segments sealed within the last round (the durability window; see the
/// Operations guide). ``waitUntilDurable()`` returns once every segment sealed so far is durable,
/// and ``callEnded()`` waits for it. A write or synchronization that fails is thrown by the
/// ``ingest(_:)`` that seals the next segment, and by ``waitUntilDurable()`` and ``callEnded()``;
/// the recording's later segments are not written after it. When the disks fall behind,
/// ``ingest(_:)`` waits for room in the bounded queue rather than drop audio.
///
/// Consent timeouts run on the media clock: a timer fires when frames past its deadline arrive (or
/// when the host calls ``advance(to:)``), so tests and simulations never sleep.
public actor RecordingSession {
    /// The recording's id.
    public nonisolated let recordingID: RecordingID
    // What every frame reads comes first, together (see `Recorder`'s layout for why).
    private var ended = false
    private let recorder: Recorder<SealingSegmentSink>
    private var position: Int64 = 0
    /// The recorder's segments handed to the blob writing queue so far.
    private var segmentsHandedOver = 0
    private var timers: [ConsentTimerID: Int64] = [:]
    /// The warning tone while it runs, and where its next beep is due (the host is asked to play
    /// each beep when the media clock reaches it).
    private var warningTone: WarningTone?
    private var nextBeep: Int64 = 0
    private let sink: SealingSegmentSink
    private var blob: BlobWriterHandle?
    /// The lane of the vault's blob writing queue this recording's writes go to.
    private var lane = 0
    private let durability: BlobDurabilityTracker
    /// The envelope's opening, while it runs and after.
    private var opening: Task<Void, any Error>?
    private let vault: Vault
    private let configuration: RecordingSessionConfiguration
    private let control: any CallControl
    private var machine: ConsentStateMachine
    private var entry: RecordingEntry
    private var scripts: [PartyID: ScriptReference] = [:]
    private var mixedPartiesExcluded: Set<PartyID> = []
    private var discardCaptured = false

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
        sink = SealingSegmentSink()
        let sealed = vault.metrics.segmentsSealed
        durability = BlobDurabilityTracker(onDurable: { sealed.increment(by: $0) })
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
        if let warningTone {
            try recorder.ingest(warningTone.mixed(into: frame))
        } else {
            try recorder.ingest(frame)
        }
        if case .audio(let format, let samples) = frame.content, let bytes = format.encoding.bytesPerSample {
            position = max(position, frame.timestamp + Int64(samples.count / bytes))
        }
        if recorder.completedSegmentCount != segmentsHandedOver {
            // A segment was sealed: report a failed earlier write, then hand this one over.
            segmentsHandedOver = recorder.completedSegmentCount
            if let failure = durability.failure { throw failure }
            await writeSealed()
        }
        if warningTone != nil { try await playDueBeeps() }
        if !timers.isEmpty { try await fireDueTimers() }
    }

    /// Segments sealed and made durable so far.
    public var durableSegmentCount: Int { durability.durableSegments }

    /// Returns once every segment sealed so far is durable.
    ///
    /// - Throws: the blob store's error when a write or synchronization failed.
    public func waitUntilDurable() async throws {
        try await durability.waitUntilDrained()
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
        guard let summary = try sink.finish(), let blob else {
            entry.state = .unrecorded
            try await vault.catalog.save(entry)
            try await audit("recording.unrecorded", outcome: .succeeded, ["nothing was recorded"])
            return entry
        }
        await writeSealed()
        await vault.blobWrites.submit(
            BlobWriteJob(writer: blob, work: .finish, lane: lane, tracker: durability, segments: 0))
        try await durability.waitUntilDrained()
        if discardCaptured {
            try await vault.storage.keys.shred(recordingID)
            let blobs = vault.storage.blobs
            let recordingID = recordingID
            try await vault.blobWrites.run { try blobs.delete(recordingID) }
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

    /// Opens the envelope once; a start that comes while it is being opened (the actor runs
    /// other calls while the header is made durable) waits for the same opening.
    private func openEnvelopeIfNeeded() async throws {
        if sink.writer != nil { return }
        if let opening { return try await opening.value }
        let opening = Task { try await self.openEnvelope() }
        self.opening = opening
        try await opening.value
    }

    /// Creates the blob and the envelope, makes the header durable, and stores the wrapped key
    /// before any audio is sealed.
    private func openEnvelope() async throws {
        let blobs = vault.storage.blobs
        let recordingID = recordingID
        let blob = try await vault.blobWrites.run { BlobWriterHandle(value: try blobs.create(recordingID)) }
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                recordingID: recordingID, segmentSize: recorder.configuration.segmentSize,
                mediaFormat: configuration.format, wrapPlacement: .external),
            recipients: vault.settings.recipients, output: sink.sealed)
        self.blob = blob
        lane = vault.blobWrites.assignLane()
        await writeSealed()
        try await durability.waitUntilDrained()
        try await vault.storage.keys.store(writer.wraps, for: recordingID)
        sink.writer = writer
        entry.state = .recording
        try await vault.catalog.save(entry)
        try await audit("recording.started", outcome: .succeeded, ["envelope opened; wrapped key stored"])
    }

    /// Hands what the envelope writer sealed since the last call to the blob writing queue
    /// (waiting for room when the queue is full).
    private func writeSealed() async {
        guard let blob, sink.hasPending else { return }
        let (bytes, segments) = sink.take()
        await vault.blobWrites.submit(
            BlobWriteJob(writer: blob, work: .append(bytes), lane: lane, tracker: durability, segments: segments))
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
