import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Logging

/// A vault on disk for the runs: SQLite stores, file blobs, the audit log in the database.
struct ScaleVault {
    static let stereo = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let mono = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1)

    let stores: SQLiteVault
    let vault: Vault
    /// The stores the vault runs on, kept here because a `Vault` does not hand them out: the runs
    /// populate them directly (a benchmark's seeding, not an audited operation).
    let storage: VaultStores
    /// The vault's retention scheduler, for the records the runs seed.
    let scheduler: RetentionScheduler

    init(folder: String, clock: any WallClock, blobs: (any BlobStore)? = nil) async throws {
        stores = try SQLiteVault.create(atPath: folder)
        let audit = try await AuditLog(sink: stores.auditSink, signingKey: try SigningKey.generate(), clock: clock)
        storage = VaultStores(
            blobs: blobs ?? stores.blobs, keys: stores.keys, catalog: stores.catalog, retention: stores.retention,
            laterConsents: stores.laterConsents, exports: stores.exports)
        scheduler = try RetentionScheduler(catalog: try RetentionCatalog.bundled)
        var logger = Logger(label: "vaultscale")
        logger.logLevel = .warning
        vault = Vault(
            storage: storage, audit: audit, clock: clock,
            settings: RecordingSettings(
                recipients: [try Identity.generate().recipient],
                resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled), purposes: [.quality],
                consentPolicy: ConsentPolicy(),
                disclosurePolicy: DisclosurePolicy(organisation: "Scale", purposes: [.quality]),
                scheduler: scheduler,
                receiptSigner: try SigningKey.generate()),
            logger: logger)
    }

    /// A call between two parties in Texas on a line that needs no announcement to start: the
    /// agent alone at first (the consent engine starts recording at once), as an outbound dialer's
    /// leg is before the customer answers.
    static func call(_ index: Int) throws -> RecordingSessionConfiguration {
        RecordingSessionConfiguration(
            callID: "call-\(index)", direction: .outbound,
            participants: [
                ConsentParticipant(
                    party: CallParty(id: "agent", role: .agent, location: try Jurisdiction(parsing: "US-TX")))
            ],
            format: stereo, tracks: [.agent, .customer], trackOfParty: ["agent": .agent],
            agentID: try PrincipalID("agent-\(index % 50)"),
            team: "team-\(index % 10)", queue: "sales", customerID: "customer-\(index)",
            declaredRegimes: ["contact-centre-practice"])
    }

    static let silence = [UInt8](repeating: 0xD5, count: 160)
}

/// Discards what a call control is asked (no call here needs an announcement).
struct SilentCallControl: CallControl {
    func perform(_ request: CallControlRequest) async throws {}
}
