import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import Foundation

/// The checks an import passes before anything is written, and what they work out: the parsed
/// file, the tracks, the receipts and when the call ended.
enum ImportCheck {
    struct Checked<Source: RandomAccessByteSource> {
        var reader: WAVReader<Source>
        /// The catalog entry as it will be once sealed (state, timeline and end still to set).
        var entry: RecordingEntry
        var receipts: [ConsentReceipt]
        var endsAt: Date
        var dropped: [WAVUnkeptDetail]
        /// Plaintext bytes per sealed segment: one second of audio, as a live recorder seals it.
        var segmentSize: Int
        /// The attested evidence, if any was given (blank text is none).
        var evidence: String?
    }

    static func check<Source: RandomAccessByteSource>(
        _ request: RecordingImport, source: Source, vault: Vault
    ) async throws
        -> Checked<Source>
    {
        try checkCall(request, catalog: vault.settings.resolver.catalog)
        guard request.startedAt >= Date(timeIntervalSince1970: 0) else {
            throw RecordingImportError.startsBefore1970(startedAt: request.startedAt)
        }
        let now = vault.clock.now
        guard request.startedAt <= now else {
            throw RecordingImportError.startsInTheFuture(startedAt: request.startedAt, now: now)
        }
        let decision = vault.settings.resolver.resolve(
            direction: request.direction, parties: request.participants.map(\.party), purposes: vault.settings.purposes)
        let receipts = try receipts(for: decision, request: request)

        let reader: WAVReader<Source>
        do {
            reader = try WAVReader(source: source)
        } catch let error as WAVFormatError {
            throw RecordingImportError.unsupportedWAV(error)
        }
        let header = reader.header
        if !header.unkeptFormatDetails.isEmpty, !request.droppingUnkeptContent {
            throw RecordingImportError.unkeptContent(header.unkeptFormatDetails)
        }
        guard reader.frameCount > 0 else { throw RecordingImportError.noAudio }
        let format = reader.format
        let tracks = request.tracks ?? (1...format.channelCount).map { TrackID("channel-\($0)") }
        guard tracks.count == format.channelCount else {
            throw RecordingImportError.trackCountMismatch(tracks: tracks.count, channels: format.channelCount)
        }
        let recorder: RecorderConfiguration
        do {
            recorder = try RecorderConfiguration(format: format, tracks: tracks)
        } catch let error as RecorderError {
            guard case .invalidConfiguration(let reason) = error.reason else { throw error }
            throw RecordingImportError.notRecordable(reason: reason)
        }
        let endsAt = request.startedAt.addingTimeInterval(Double(reader.frameCount) / Double(format.sampleRate))
        guard endsAt <= now else { throw RecordingImportError.endsInTheFuture(endsAt: endsAt, now: now) }

        var entry = RecordingEntry(
            id: request.recordingID, callID: request.callID, state: .unrecorded, startedAt: request.startedAt,
            endedAt: endsAt,
            parties: request.participants.map {
                RecordingEntry.Party(
                    id: $0.party.id, role: $0.party.role, location: $0.party.location, language: $0.language)
            },
            agentID: request.agentID, team: request.team, queue: request.queue, customerID: request.customerID,
            disclosedPurposes: Set(vault.settings.purposes), sensitivity: request.sensitivity, format: format,
            tracks: tracks, tags: request.tags, lineOfBusiness: request.lineOfBusiness,
            declaredRegimes: vault.settings.declaredRegimes(
                request.declaredRegimes, lineOfBusiness: request.lineOfBusiness))
        // The schedule is made after sealing; made now, a regime it refuses refuses the import
        // before anything is written.
        _ = try vault.settings.scheduler.schedule(for: entry.retentionAttributes)
        entry.endedAt = nil
        if try await vault.storage.catalog.recording(request.recordingID) != nil {
            throw RecordingImportError.recordingIDInUse(request.recordingID)
        }
        if !request.allowingDuplicateCallID,
            let existing = try await vault.storage.catalog.recordings(ofCall: request.callID).first
        {
            throw RecordingImportError.duplicateCallID(callID: request.callID, existing: existing.id)
        }
        return Checked(
            reader: reader, entry: entry, receipts: receipts, endsAt: endsAt,
            dropped: request.droppingUnkeptContent ? header.unkeptFormatDetails : [],
            segmentSize: recorder.segmentSize, evidence: evidence(of: request))
    }

    /// `request` with its call id in the form the catalog keeps (NFC), once the id is one that
    /// prints as itself.
    static func canonical(_ request: RecordingImport) throws -> RecordingImport {
        guard !request.callID.isEmpty else { throw RecordingImportError.emptyCallID }
        if let problem = CallIDForm.problem(in: request.callID) {
            throw RecordingImportError.ambiguousCallID(callID: request.callID, problem: problem.description)
        }
        var canonical = request
        canonical.callID = CallIDForm.canonical(request.callID)
        return canonical
    }

    /// The call's own facts: an id, parties with distinct ids and known places, evidence in bounds.
    private static func checkCall(_ request: RecordingImport, catalog: JurisdictionCatalog) throws {
        guard !request.participants.isEmpty else { throw RecordingImportError.noParties }
        var seen = Set<PartyID>()
        for participant in request.participants {
            let party = participant.party
            guard seen.insert(party.id).inserted else { throw RecordingImportError.duplicateParty(party.id) }
            let known =
                !party.location.isUnknown
                && (catalog.rule(for: party.location) != nil
                    || party.location.country.map { catalog.rule(for: $0) != nil } == true)
            guard known else { throw RecordingImportError.unknownPlace(party: party.id, place: party.location) }
        }
        if let evidence = request.attestation.evidence,
            evidence.utf8.count > RecordingImportError.maximumEvidenceByteCount
        {
            throw RecordingImportError.evidenceTooLong(byteCount: evidence.utf8.count)
        }
    }

    /// One receipt per party, as the consent engine resolved the call: what the law asked of the
    /// party, met by the operator's attestation (a party asked nothing needs none).
    private static func receipts(for decision: ConsentDecision, request: RecordingImport) throws -> [ConsentReceipt] {
        let evidence = evidence(of: request)
        let unattested = decision.parties.filter { $0.requirement > .none }.map(\.party.id)
        if evidence == nil, !unattested.isEmpty { throw RecordingImportError.evidenceRequired(parties: unattested) }
        let moment = ConsentMoment(
            unixMilliseconds: Int64((request.startedAt.timeIntervalSince1970 * 1000).rounded(.down)),
            mediaOffsetMilliseconds: 0)
        return decision.parties.map { part in
            let party = part.party
            let outcome: ConsentReceipt.Outcome =
                switch part.requirement {
                case .none: .notRequired
                case .notice: .notified
                case .consent: .consented
                }
            var receipt = ConsentReceipt(
                receiptID: "\(request.callID)/\(party.id)/1", callID: request.callID, party: party.id, role: party.role,
                location: party.location, requirement: part.requirement, noticeSuffices: decision.noticeSuffices,
                strictness: decision.strictness.description, governing: decision.governing,
                catalogVersion: decision.catalogVersion, purposes: decision.purposes,
                method: part.requirement == .none ? .notRequired : .operatorAttestation, outcome: outcome,
                decidedAt: moment)
            if part.requirement > .none {
                receipt.attestingOperator = request.attestation.operator.rawValue
                receipt.evidence = evidence
            }
            return receipt
        }
    }

    private static func evidence(of request: RecordingImport) -> String? {
        request.attestation.evidence.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }
}
