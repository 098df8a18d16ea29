import CallVaultAudit
import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSupport
import Foundation

/// A recording's metadata as an export carries it.
struct ExportedMetadata: Encodable {
    struct Format: Encodable {
        let encoding: String
        let sampleRate: Int
        let channels: [String]
    }

    let recordingID: String
    let callID: String
    let state: String
    let startedAt: Date
    let endedAt: Date?
    let parties: [RecordingEntry.Party]
    let agentID: String?
    let team: String?
    let queue: String?
    let disclosedPurposes: [String]
    let format: Format
    let timeline: RecordingTimeline?
    let quarantined: Bool
    let exportedSeconds: [Double]?
    let keepUntil: Date?
    let deleteBy: Date?
    let retentionRules: [String]

    init(recording: RecordingEntry, schedule: RetentionSchedule?, seconds: Range<Double>?) {
        recordingID = recording.id.description
        callID = recording.callID
        state = recording.state.rawValue
        startedAt = recording.startedAt
        endedAt = recording.endedAt
        parties = recording.parties
        agentID = recording.agentID?.rawValue
        team = recording.team
        queue = recording.queue
        disclosedPurposes = recording.disclosedPurposes.map(\.identifier).sorted()
        format = Format(
            encoding: recording.format.encoding.description, sampleRate: recording.format.sampleRate,
            channels: recording.tracks.map(\.description))
        timeline = recording.timeline
        quarantined = recording.isQuarantined
        exportedSeconds = seconds.map { [$0.lowerBound, $0.upperBound] }
        keepUntil = schedule?.keepUntil
        deleteBy = schedule?.deleteBy
        retentionRules = schedule?.governing.map(\.description) ?? []
    }
}

/// An audit entry as an export carries it, with its chain hash so it can be matched against the
/// verified log.
struct ExportedAuditEntry: Encodable {
    let sequence: UInt64
    let time: Date
    let actor: String
    let action: String
    let target: String
    let purpose: String?
    let outcome: String
    let reasons: [String]
    let hash: String

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        time = entry.time
        actor = entry.record.actor.rawValue
        action = entry.record.action.identifier
        target = entry.record.target
        purpose = entry.record.purpose?.identifier
        outcome = entry.record.outcome.rawValue
        reasons = entry.record.reasons
        hash = Hex.encode(entry.hash)
    }
}
