import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation

/// Small values the SQLite-specific tests store.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_780_000_000.75)

    static func recordingID(_ number: Int) -> RecordingID {
        let digits = String(number)
        let text = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        return RecordingID(parsing: text) ?? RecordingID()
    }

    /// A wrap filled with one distinctive byte pattern, easy to look for in the database files.
    static func wrap(marker: UInt8) throws -> WrappedDataKey {
        try WrappedDataKey(
            recipient: try RecipientFingerprint(
                bytes: [UInt8](repeating: marker, count: RecipientFingerprint.byteCount)),
            sealedKey: [UInt8](repeating: marker, count: WrappedDataKey.sealedByteCount))
    }

    static func recording(_ id: RecordingID, startedAt: Date = now, customer: String? = "customer-1") throws
        -> RecordingEntry
    {
        RecordingEntry(
            id: id, callID: "call-\(id)", state: .complete, startedAt: startedAt, endedAt: startedAt + 60,
            parties: [
                RecordingEntry.Party(
                    id: "customer", role: .customer, location: try Jurisdiction(parsing: "FR"), language: "fr")
            ],
            customerID: customer, disclosedPurposes: [.quality],
            format: MediaFormat(encoding: .aLaw, sampleRate: 8_000, channelCount: 2), tracks: [.agent, .customer],
            tags: ["t"])
    }

    /// A French quality call's retention record, due `dueIn` seconds from ``now`` (about).
    static func retentionRecord(_ number: Int, dueIn: TimeInterval, customer: String? = nil) throws -> RetentionRecord {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let target = now + dueIn
        let started = calendar.date(byAdding: DateComponents(month: -6), to: target) ?? target
        let attributes = RecordingRetentionAttributes(
            recordingID: recordingID(number), startedAt: started, endedAt: started + 60,
            jurisdictions: [try Jurisdiction(parsing: "FR")], purposes: [.quality], customerID: customer)
        let scheduler = try RetentionScheduler(catalog: try RetentionCatalog.bundled)
        return RetentionRecord(attributes: attributes, schedule: try scheduler.schedule(for: attributes))
    }

    static func hold(_ id: LegalHoldID, customer: String) throws -> LegalHold {
        try LegalHold(
            id: id, matter: "Smith v. Acme Bank", reason: "litigation", placedBy: "legal.alice", placedAt: now,
            scope: .customer(customer))
    }
}
