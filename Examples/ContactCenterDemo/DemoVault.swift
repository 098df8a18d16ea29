import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation

/// Everything the demo's contact centre runs on: a vault folder with its keys, stores, audit log
/// and policy, and the services built over them. This is the wiring a vendor writes once.
struct DemoVault {
    static let marker = "CALLVAULT-DEMO-VAULT"
    static let organisation = "Northwind Contact Centre"

    let directory: URL
    let clock: ManualWallClock
    let signingKey: SigningKey
    let identity: Identity
    let auditPath: String
    let vault: Vault
    let playback: PlaybackService
    let holds: LegalHoldRegistry
    let complaints: ComplaintDesk
    let training: any TrainingRegister

    /// Creates a fresh vault in `directory` (replacing an earlier demo vault there, and nothing else).
    static func create(at directory: URL, passphrase text: String, clock: ManualWallClock) async throws -> DemoVault {
        let files = FileManager.default
        if files.fileExists(atPath: directory.path) {
            guard files.fileExists(atPath: directory.appendingPathComponent(marker).path) else {
                throw DemoError.notADemoVault(directory.path)
            }
            try files.removeItem(at: directory)
        }
        try files.createDirectory(at: directory.appendingPathComponent("keys"), withIntermediateDirectories: true)
        try Data("A CallVault demo vault, made by contact-center-demo. Safe to delete.\n".utf8)
            .write(to: directory.appendingPathComponent(marker))

        // The organisation's signing key and the recordings' recipient identity, sealed under a
        // passphrase. A recorder needs only the recipient (a public key).
        let passphrase = try Passphrase(text)
        let signingKey = try SigningKey.generate()
        let identity = try Identity.generate()
        try write(
            try SigningKeyFile.seal(signingKey, passphrase: passphrase),
            to: directory.appendingPathComponent("keys/organisation.signing-key"))
        try write(
            try IdentityFile.seal(identity, passphrase: passphrase),
            to: directory.appendingPathComponent("keys/recordings.identity"))
        let policyText = try String(
            contentsOf: try resource("access-policy", "json", in: "Config"), encoding: .utf8)
        try write(policyText, to: directory.appendingPathComponent("access-policy.json"))

        // The embedded vault: SQLite for the catalog, keys, retention, complaints and training,
        // encrypted blob files beside it; the audit log in its own append-only file.
        let stores = try SQLiteVault.open(at: directory)
        let storage = stores.storage
        let auditPath = directory.appendingPathComponent("audit.log").path
        let sink = AuditFileSink(path: auditPath, syncPolicy: .everyCheckpoint)
        let audit = try await AuditLog(
            sink: sink, signingKey: signingKey, clock: clock,
            configuration: AuditLog.Configuration(checkpointEvery: 100, checkpointInterval: .seconds(60)))
        let settings = VaultRecordingSettings(
            recipients: [identity.recipient],
            resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled),
            purposes: [.quality, .training, .disputeResolution], consentPolicy: ConsentPolicy(),
            disclosurePolicy: DisclosurePolicy(
                organisation: organisation, purposes: [.quality, .training, .disputeResolution], retentionDays: 730,
                audiences: [.supervisors, .qualityTeam, .complianceOfficers], consentKey: "1", declineKey: "2",
                withdrawalKey: "9", withdrawalContact: .website("https://northwind.example/recordings"),
                complaintContact: .email("complaints@northwind.example")),
            scheduler: try RetentionScheduler(catalog: try RetentionCatalog.bundled), receiptSigner: signingKey)
        let vault = Vault(
            storage: storage, audit: audit, trail: AuditFileTrail(path: auditPath), clock: clock, settings: settings)

        // Grants are issued and checked in this process, so the issuer's key can be short-lived.
        let issuer = GrantIssuer(signingKey: try SigningKey.generate(), clock: clock)
        let policy = try AccessPolicy(json: policyText)
        let playback = PlaybackService(
            vault: vault, controller: AccessController(policy: policy, issuer: issuer, audit: audit),
            custodian: IdentityKeyCustodian(
                identity: identity, trustedIssuer: issuer.verifyingKey, clock: clock, audit: audit))
        let holds = LegalHoldRegistry(
            store: storage.retention, authorizer: LegalHoldOfficers(["complaints-desk", "lena.vogel", "omar.haddad"]),
            audit: AuditLogRetentionSink(log: audit), clock: clock)
        return DemoVault(
            directory: directory, clock: clock, signingKey: signingKey, identity: identity, auditPath: auditPath,
            vault: vault, playback: playback, holds: holds,
            complaints: ComplaintDesk(store: stores.complaints, holds: holds, playback: playback),
            training: stores.training)
    }

    static func resource(_ name: String, _ type: String, in folder: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: folder) else {
            throw DemoError.missingClip("\(folder)/\(name).\(type)")
        }
        return url
    }

    private static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
