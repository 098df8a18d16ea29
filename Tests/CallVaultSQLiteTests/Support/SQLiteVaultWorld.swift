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

/// A vault over the SQLite database and blob files in a scratch folder (the fixture of the
/// CallVaultTests target's `VaultWorld`, on real storage): a manual clock, one recipient identity,
/// and an access policy where compliance may listen for disputes.
///
/// ``restarted()`` is what a process restart does: everything opened anew from the folder.
struct SQLiteVaultWorld {
    static let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)

    let folder: String
    let clock: ManualWallClock
    let identity: Identity
    let receiptSigner: SigningKey
    let auditKey: SigningKey
    let grantKey: SigningKey
    let stores: SQLiteVault
    let vault: Vault
    let playback: PlaybackService

    /// A new vault in `folder`. The clock starts an hour before the real time: the blob files'
    /// modification times (real) then fall after the recordings' start (manual).
    init(folder: String) async throws {
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3_600).rounded(.down))
        try await self.init(
            folder: folder, creating: true, clock: ManualWallClock(start), identity: try Identity.generate(),
            receiptSigner: try SigningKey.generate(), auditKey: try SigningKey.generate(),
            grantKey: try SigningKey.generate())
    }

    private init(
        folder: String, creating: Bool, clock: ManualWallClock, identity: Identity, receiptSigner: SigningKey,
        auditKey: SigningKey,
        grantKey: SigningKey
    ) async throws {
        self.folder = folder
        self.clock = clock
        self.identity = identity
        self.receiptSigner = receiptSigner
        self.auditKey = auditKey
        self.grantKey = grantKey
        stores = try creating ? SQLiteVault.create(atPath: folder) : SQLiteVault.open(atPath: folder)
        let audit = try await AuditLog(sink: stores.auditSink, signingKey: auditKey, clock: clock)
        let settings = RecordingSettings(
            recipients: [identity.recipient],
            resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled),
            purposes: [.quality, .disputeResolution], consentPolicy: ConsentPolicy(),
            disclosurePolicy: DisclosurePolicy(
                organisation: "Acme Bank", purposes: [.quality, .disputeResolution], retentionDays: 180,
                audiences: [.supervisors, .complianceOfficers], consentKey: "1", declineKey: "2",
                withdrawalKey: "9", withdrawalContact: .website("https://acme.example/recordings/"),
                complaintContact: .email("complaints@acme.example")),
            scheduler: try RetentionScheduler(catalog: try RetentionCatalog.bundled), receiptSigner: receiptSigner)
        vault = Vault(
            storage: stores.storage, audit: audit, clock: clock, settings: settings)
        let issuer = GrantIssuer(signingKey: grantKey, clock: clock)
        let policy = try AccessPolicy(
            version: "test-1",
            rules: [
                try AccessRule(
                    id: "compliance-listen", effect: .allow, roles: ["compliance"], actions: [.listen],
                    purposes: [.disputeResolution])
            ])
        playback = PlaybackService(
            vault: vault, controller: AccessController(policy: policy, issuer: issuer, audit: audit),
            custodian: IdentityKeyCustodian(
                identity: identity, trustedIssuer: issuer.verifyingKey, clock: clock,
                ledger: InMemoryGrantLedger(), audit: audit))
    }

    /// Everything opened anew from the folder, with the same keys and clock.
    func restarted() async throws -> SQLiteVaultWorld {
        try await SQLiteVaultWorld(
            folder: folder, creating: false, clock: clock, identity: identity, receiptSigner: receiptSigner,
            auditKey: auditKey,
            grantKey: grantKey)
    }

    static func call(_ participants: [(PartyID, PartyRole, String)]) throws -> RecordingSessionConfiguration {
        RecordingSessionConfiguration(
            callID: "call-1", direction: .inbound,
            participants: try participants.map { id, role, code in
                ConsentParticipant(party: CallParty(id: id, role: role, location: try Jurisdiction(parsing: code)))
            },
            format: format, tracks: [.agent, .customer], trackOfParty: ["agent": .agent, "customer": .customer],
            agentID: "agent-7", team: "team-a", queue: "billing", customerID: "customer-42")
    }

    func listen(_ id: RecordingID) async throws -> Playback {
        try await playback.play(
            id,
            PlaybackRequest(
                principal: Principal(
                    id: "c-1", roles: ["compliance"], team: "team-a",
                    authentication: Authentication(method: "sso", at: clock.now, multiFactor: true)),
                purpose: .disputeResolution))
    }

    /// A distinct mu-law byte per track and position, never the silence byte (0xFF).
    static func sample(track: Int, position: Int64) -> UInt8 {
        UInt8(truncatingIfNeeded: (position &* 7 &+ Int64(track) &* 91) % 200 + 20)
    }

    /// Plays every announcement requested so far.
    static func playAnnouncements(_ control: RecordingCallControl, on session: RecordingSession) async throws {
        for case .playAnnouncement(let party, _) in control.requests {
            try await session.announcementStarted(party: party)
            try await session.announcementFinished(party: party)
        }
    }

    /// Feeds `seconds` of 20 ms frames of both tracks from `position`, advancing the clock.
    func feed(_ session: RecordingSession, seconds: Double, from position: inout Int64) async throws {
        let end = position + Int64(seconds * 8_000)
        while position < end {
            for (index, track) in [TrackID.agent, .customer].enumerated() {
                let samples = (0..<160).map { Self.sample(track: index, position: position + Int64($0)) }
                try await session.ingest(
                    .audio(
                        samples, format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1),
                        track: track, sequenceNumber: UInt64(position / 160), timestamp: position))
            }
            position += 160
            clock.advance(by: .milliseconds(20))
        }
    }

    /// The audit log as stored, in the audit file format, and its verification.
    func verifiedAudit() async throws -> AuditVerification {
        AuditVerifier(trustedKey: auditKey.verifyingKey).verify(contents: try await stores.auditSink.logFileContents())
    }
}
