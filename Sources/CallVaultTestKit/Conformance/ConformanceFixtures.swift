import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation

/// Values the conformance checks store: deterministic where a check compares order, and with every
/// optional field set where a check compares a round trip.
enum ConformanceFixtures {
    /// A fixed time with a fraction of a second, so stores that round times are caught.
    static let now = Date(timeIntervalSince1970: 1_780_000_000.75)

    /// `count` bytes that depend on `seed` and position.
    static func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed) &* 7 &+ 1) }
    }

    /// A recording id whose text ends in `number`, so ids sort by number and failures read well.
    static func recordingID(_ number: Int) -> RecordingID {
        let digits = String(number)
        let text = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        return RecordingID(parsing: text) ?? RecordingID()
    }

    /// A well-formed wrap (its sealed box is not a real one: stores never open wraps).
    static func wrap(seed: UInt8) throws -> WrappedDataKey {
        try WrappedDataKey(
            recipient: try RecipientFingerprint(bytes: bytes(RecipientFingerprint.byteCount, seed: seed)),
            sealedKey: bytes(WrappedDataKey.sealedByteCount, seed: seed &+ 100))
    }

    // MARK: Catalog

    /// A recording with every field set, two signed receipts and a timeline with a pause and an
    /// exclusion.
    static func fullRecording(_ id: RecordingID, startedAt: Date, signer: SigningKey) throws -> RecordingEntry {
        let customerPlace = try Jurisdiction(parsing: "US-CA")
        let agentPlace = try Jurisdiction(parsing: "DE")
        let receipts = try [("customer", PartyRole.customer, customerPlace), ("agent", .agent, agentPlace)].enumerated()
            .map { index, party in
                try SignedConsentReceipt(
                    signing: ConsentReceipt(
                        receiptID: "call-\(id)/\(party.0)/\(index + 1)", callID: "call-\(id)", party: PartyID(party.0),
                        role: party.1, location: party.2, requirement: index == 0 ? .consent : .notice,
                        noticeSuffices: false, strictness: "all-party, explicit",
                        governing: [customerPlace, agentPlace],
                        catalogVersion: "conformance-1", purposes: [.quality, .disputeResolution],
                        announcement: ScriptReference(
                            scriptID: "callvault.ivr.notice", version: "3", language: "es-US", textHash: "ab12"),
                        announcementStartedAt: ConsentMoment(unixMilliseconds: 1_780_000_000_750),
                        announcementFinishedAt: ConsentMoment(
                            unixMilliseconds: 1_780_000_008_100, mediaOffsetMilliseconds: 7_350),
                        method: index == 0 ? .keypress : .notRequired, key: index == 0 ? "1" : nil,
                        outcome: index == 0 ? .consented : .notified,
                        decidedAt: ConsentMoment(unixMilliseconds: 1_780_000_009_000, mediaOffsetMilliseconds: 8_250)),
                    with: signer)
            }
        var recording = RecordingEntry(
            id: id, callID: "call-\(id)", state: .complete, startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(312.125),
            parties: [
                RecordingEntry.Party(id: "customer", role: .customer, location: customerPlace, language: "es-US"),
                RecordingEntry.Party(id: "agent", role: .agent, location: agentPlace, language: nil),
            ],
            agentID: "agent-7", team: "team-a", queue: "billing", customerID: "customer-42",
            disclosedPurposes: [.quality, .disputeResolution], sensitivity: .sensitive, receipts: receipts,
            format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2), tracks: [.agent, .customer],
            timeline: try timeline(), isQuarantined: true, tags: ["vip", "campaign \"spring\" / ünïcode"],
            lineOfBusiness: "cards", declaredRegimes: ["eu-mifid2-16-7", "us-finra-4511"])
        // As after a redaction: new content, the old one awaiting destruction, a certificate.
        recording.contentID = RecordingID()
        recording.supersededContent = [RecordingID()]
        recording.redactions = [
            try SignedRedactionCertificate(
                signing: RedactionCertificate(
                    recordingID: id, fromSeconds: 12.5, toSeconds: 31, frames: [100_000, 248_000], reason: "card-data",
                    redactedBy: "compliance-1", redactedAt: startedAt.addingTimeInterval(86_400),
                    previousKeyCommitment: String(repeating: "ab", count: 32),
                    keyCommitment: String(repeating: "cd", count: 32)),
                with: signer)
        ]
        return recording
    }

    /// A recording with only the required fields.
    static func minimalRecording(
        _ id: RecordingID, startedAt: Date, state: RecordingEntry.State = .recording, customer: String? = nil
    ) throws -> RecordingEntry {
        RecordingEntry(
            id: id, callID: "call-\(id)", state: state, startedAt: startedAt,
            parties: [
                RecordingEntry.Party(
                    id: "customer", role: .customer, location: try Jurisdiction(parsing: "FR"), language: nil)
            ],
            customerID: customer, disclosedPurposes: [],
            format: MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 16_000, channelCount: 1), tracks: [.customer])
    }

    /// A timeline with a pause written as silence and an excluded track span.
    static func timeline() throws -> RecordingTimeline {
        let json = """
            {"origin": 800, "frameCount": 64000, "stoppedAt": 72800,
             "pauses": [{"callPosition": 16000, "recordingFrame": 15200, "frameCount": 8000,
                         "reasons": [{"name": "card-data"}], "writtenAsSilence": true}],
             "exclusions": [{"track": {"name": "customer"}, "recordingFrame": 100, "frameCount": 50}]}
            """
        return try JSONDecoder().decode(RecordingTimeline.self, from: Data(json.utf8))
    }

    // MARK: Retention

    /// The UTC Gregorian calendar, for month arithmetic independent of the library's.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// A retention record due about `dueIn` seconds from ``now`` (a French quality call, whose
    /// six-month maximum sets the time), or one no rule schedules when `dueIn` is nil.
    static func retentionRecord(
        _ number: Int, dueIn: TimeInterval?, customer: String? = nil, agent: String? = nil
    ) throws -> RetentionRecord {
        let scheduler = try RetentionScheduler(catalog: try RetentionCatalog.bundled)
        let target = now.addingTimeInterval(dueIn ?? 0)
        let sixMonthsBefore = utc.date(byAdding: DateComponents(month: -6), to: target) ?? target
        let attributes = RecordingRetentionAttributes(
            recordingID: recordingID(number), startedAt: sixMonthsBefore,
            endedAt: sixMonthsBefore.addingTimeInterval(60),
            jurisdictions: [try Jurisdiction(parsing: dueIn == nil ? "CA" : "FR")],
            purposes: [.quality], customerID: customer, agentID: agent,
            cardDataRanges: [CardDataRange(start: .seconds(30), end: .seconds(45))],
            keyCommitment: bytes(32, seed: UInt8(truncatingIfNeeded: number)))
        return RetentionRecord(attributes: attributes, schedule: try scheduler.schedule(for: attributes))
    }

    /// An active hold over a customer's recordings.
    static func hold(_ id: LegalHoldID, customer: String, placedAt: Date = now) throws -> LegalHold {
        try LegalHold(
            id: id, matter: "Smith v. Acme Bank", reason: "litigation", placedBy: "legal.alice", placedAt: placedAt,
            scope: .customer(customer))
    }

    // MARK: Audit

    /// Entries `first...last` with made-up hashes (sinks store them; they never check the chain).
    static func auditEntries(_ range: ClosedRange<UInt64>, eventIDs: Bool = true) throws -> [AuditEntry] {
        try range.map { sequence in
            AuditEntry(
                sequence: sequence, timestamp: 1_780_000_000_750 + Int64(sequence) * 1_000,
                record: AuditRecord(
                    actor: "sup.maria", action: sequence % 2 == 0 ? .accessDecision : try AuditAction("crm.sync"),
                    target: "recording:\(recordingID(Int(sequence)))", purpose: sequence % 3 == 0 ? nil : .quality,
                    outcome: sequence % 2 == 0 ? .allowed : .denied,
                    reasons: sequence % 4 == 0 ? [] : ["rule \"a\"", "line\nbreak", "ünïcode"],
                    eventID: eventIDs && sequence % 2 == 1 ? "event-\(sequence)" : nil),
                hash: bytes(32, seed: UInt8(truncatingIfNeeded: sequence)))
        }
    }

    /// A checkpoint of `sequence` with made-up head and signature.
    static func checkpoint(_ sequence: UInt64) -> AuditCheckpoint {
        AuditCheckpoint(
            sequence: sequence, head: bytes(32, seed: UInt8(truncatingIfNeeded: sequence)),
            timestamp: 1_780_000_000_750 + Int64(sequence) * 1_000 + 1,
            signature: bytes(64, seed: UInt8(truncatingIfNeeded: sequence) &+ 50))
    }
}
