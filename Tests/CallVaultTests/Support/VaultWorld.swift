import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import MetricsTestKit

/// A vault over the test kit's in-memory stores, a manual clock, one recipient identity and an
/// access policy: supervisors of the same team may listen for quality; compliance may export for
/// disputes; nobody else.
struct VaultWorld {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)

    let clock = ManualWallClock(start)
    let blobs: InMemoryBlobStore
    let keys = InMemoryKeyStore()
    let catalog = InMemoryRecordingCatalog()
    let retention = InMemoryRetentionStore()
    let laterConsents: InMemoryLaterConsentStore
    let exports: InMemoryExportRegister
    let auditSink = InMemoryAuditSink()
    let metrics = TestMetrics()
    let identity: Identity
    let receiptSigner: SigningKey
    let vault: Vault
    let playback: PlaybackService
    let complaintStore = InMemoryComplaintStore()
    let holds: LegalHoldRegistry
    let complaints: ComplaintDesk

    init(
        consentPolicy: ConsentPolicy = ConsentPolicy(), purposes: [Purpose] = [.quality, .disputeResolution],
        laterConsents: InMemoryLaterConsentStore = InMemoryLaterConsentStore(),
        exports: InMemoryExportRegister = InMemoryExportRegister(),
        wrappingBlobs: (InMemoryBlobStore) -> any BlobStore = { $0 }
    ) async throws {
        self.laterConsents = laterConsents
        self.exports = exports
        blobs = InMemoryBlobStore(clock: clock)
        identity = try Identity.generate()
        receiptSigner = try SigningKey.generate()
        let audit = try await AuditLog(sink: auditSink, signingKey: try SigningKey.generate(), clock: clock)
        let settings = RecordingSettings(
            recipients: [identity.recipient],
            resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled),
            purposes: purposes, consentPolicy: consentPolicy,
            disclosurePolicy: DisclosurePolicy(
                organisation: "Acme Bank", purposes: purposes, retentionDays: 180,
                audiences: [.supervisors, .complianceOfficers], consentKey: "1", declineKey: "2",
                withdrawalKey: "9", withdrawalContact: .website("https://acme.example/recordings/"),
                complaintContact: .email("complaints@acme.example")),
            scheduler: try RetentionScheduler(catalog: try RetentionCatalog.bundled), receiptSigner: receiptSigner)
        vault = Vault(
            storage: VaultStores(
                blobs: wrappingBlobs(blobs), keys: keys, catalog: catalog, retention: retention,
                laterConsents: laterConsents,
                exports: exports), audit: audit,
            clock: clock, settings: settings, metrics: VaultMetrics(factory: metrics))
        let issuer = GrantIssuer(signingKey: try SigningKey.generate(), clock: clock)
        let policy = try AccessPolicy(
            version: "test-1",
            rules: [
                try AccessRule(
                    id: "supervisors-listen", effect: .allow, roles: ["supervisor"], actions: [.listen],
                    purposes: [.quality], conditions: [.sameTeam]),
                try AccessRule(
                    id: "compliance-export", effect: .allow, roles: ["compliance"], actions: [.exportLegal, .listen],
                    purposes: [.disputeResolution, .legalOrRegulatory]),
                try AccessRule(
                    id: "privacy-subject-access", effect: .allow, roles: ["privacy-officer"], actions: [.download],
                    purposes: [.customerRequest]),
                try AccessRule(
                    id: "handlers-dispute", effect: .allow, roles: ["complaint-handler"], actions: [.listen],
                    purposes: [.disputeResolution], conditions: [.legalReference]),
                try AccessRule(
                    id: "compliance-redact", effect: .allow, roles: ["compliance"], actions: [.delete],
                    purposes: [.legalOrRegulatory]),
            ])
        playback = PlaybackService(
            vault: vault, controller: AccessController(policy: policy, issuer: issuer, audit: audit),
            custodian: IdentityKeyCustodian(
                identity: identity, trustedIssuer: issuer.verifyingKey, clock: clock,
                ledger: InMemoryGrantLedger(), audit: audit))
        holds = LegalHoldRegistry(
            store: retention, authoriser: LegalHoldOfficers(["desk", "handler-1", "reviewer-1", "c-1"]),
            audit: AuditLogRetentionSink(log: audit), clock: clock)
        complaints = ComplaintDesk(store: complaintStore, holds: holds, playback: playback)
    }

    /// The same stores after a restart: a new vault over them (what a recorder does on start-up).
    func restarted() -> Vault {
        Vault(
            storage: vault.storage, audit: vault.audit, clock: clock, settings: vault.settings)
    }

    static func participant(_ id: PartyID, _ role: PartyRole, _ code: String, language: String? = nil) throws
        -> ConsentParticipant
    {
        ConsentParticipant(
            party: CallParty(id: id, role: role, location: try Jurisdiction(parsing: code)), language: language)
    }

    static func call(_ participants: [ConsentParticipant], team: String = "team-a") -> RecordingSessionConfiguration {
        RecordingSessionConfiguration(
            callID: "call-1", direction: .inbound, participants: participants, format: format,
            tracks: [.agent, .customer], trackOfParty: ["agent": .agent, "customer": .customer],
            agentID: "agent-7", team: team, queue: "billing", customerID: "customer-42")
    }

    static func principal(_ id: PrincipalID, role: Role, team: String = "team-a", at time: Date) -> Principal {
        Principal(
            id: id, roles: [role], team: team,
            authentication: Authentication(method: "sso", at: time, multiFactor: true))
    }

    /// A distinct mu-law byte per track and position, never the silence byte (0xFF).
    static func sample(track: Int, position: Int64) -> UInt8 {
        UInt8(truncatingIfNeeded: (position &* 7 &+ Int64(track) &* 91) % 200 + 20)
    }

    /// Plays every announcement requested so far: reports it started and finished, and, when it
    /// asked for consent, that the party pressed 1 (agreed).
    static func playAnnouncements(_ control: RecordingCallControl, on session: RecordingSession) async throws {
        for case .playAnnouncement(let party, let disclosure) in control.requests {
            try await session.announcementStarted(party: party)
            try await session.announcementFinished(party: party)
            if disclosure.kind.asksForConsent { try await session.keyPressed(party: party, key: "1") }
        }
    }

    /// Records a call of `seconds` between two Texans (notice only), and returns its id.
    func recordCall(seconds: Double, customerIn place: String = "US-TX", language: String? = nil) async throws
        -> RecordingID
    {
        var feeder = try await startCall(customerIn: place, language: language)
        try await feeder.feed(seconds: seconds)
        return try await feeder.session.callEnded().id
    }

    /// Starts a call between a customer in `place` and an agent there, plays the announcements
    /// (agreeing where asked), and returns the feeder for its media.
    func startCall(customerIn place: String = "US-TX", language: String? = nil) async throws -> CallFeeder {
        let control = RecordingCallControl()
        let session = try await vault.startRecording(
            Self.call([
                try Self.participant("customer", .customer, place, language: language),
                try Self.participant("agent", .agent, place),
            ]), control: control)
        try await Self.playAnnouncements(control, on: session)
        return CallFeeder(session: session, clock: clock)
    }

    /// The audit entries' actions, in order.
    var auditActions: [String] { auditSink.entries.map(\.record.action.identifier) }
}

/// Feeds 20 ms frames of both tracks to a session, advancing the clock with the media.
struct CallFeeder {
    let session: RecordingSession
    let clock: ManualWallClock
    var position: Int64 = 0

    mutating func feed(seconds: Double) async throws {
        let end = position + Int64(seconds * 8_000)
        while position < end {
            for (index, track) in [TrackID.agent, .customer].enumerated() {
                let samples = (0..<160).map { VaultWorld.sample(track: index, position: position + Int64($0)) }
                try await session.ingest(
                    .audio(
                        samples, format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1),
                        track: track, sequenceNumber: UInt64(position / 160), timestamp: position))
            }
            position += 160
            clock.advance(by: .milliseconds(20))
        }
    }
}
