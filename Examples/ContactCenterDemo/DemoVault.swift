import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation

/// Everything the demo's contact centre runs on: a vault folder (``VaultFolder``: keys, stores,
/// audit log, policy and configuration, laid out as every host and the `callvault` tool lay it
/// out) and the services opened over it. This is the wiring a vendor writes once.
struct DemoVault {
    static let marker = "CALLVAULT-DEMO-VAULT"
    static let organisation = "Northwind Contact Centre"

    let directory: URL
    let clock: ManualWallClock
    let opened: OpenedVault

    var verifyingKey: VerifyingKey { opened.verifyingKey }
    var auditPath: String { opened.folder.auditLogFile.path }
    var vault: Vault { opened.vault }
    var playback: PlaybackService { opened.playback }
    var holds: LegalHoldRegistry { opened.holds }
    var complaints: ComplaintDesk { opened.complaints }
    var training: any TrainingRegister { opened.training }

    /// The line of business every demo call is on.
    static let lineOfBusiness = "customer-service"

    /// What the demo's `vault.json` says: the organisation, why it records and for how long (the
    /// stated period every recording is deleted by, unless a law keeps it longer), who listens,
    /// the keys callers press, where they withdraw and complain, who may manage legal holds, and
    /// the organisation's decisions: how consent is asked, the line where recording is mandatory,
    /// the regimes of the customer-service line, and a retention policy for the billing queue.
    /// And that the vault is a simulation: its clock jumps three years for the sweep, so its
    /// tombstones, certificates and schedules carry simulated times, and live hosts refuse it.
    static var configuration: VaultConfiguration {
        get throws {
            var configuration = VaultConfiguration(
                organisation: organisation, purposes: [.quality, .training, .disputeResolution], retentionDays: 730,
                audiences: [.supervisors, .qualityTeam, .complianceOfficers], consentKey: "1", declineKey: "2",
                withdrawalKey: "9", withdrawalContact: .website("https://northwind.example/recordings"),
                complaintContact: .email("complaints@northwind.example"), defaultLanguage: "en",
                holdOfficers: ["complaints-desk", "lena.vogel", "omar.haddad"])
            configuration.simulation = true
            configuration.consentSettings.responseTimeoutSeconds = 12
            configuration.consentSettings.mandatoryLines = ["trading-desk"]
            configuration.regimesByLineOfBusiness = [lineOfBusiness: [ContactCenterDemo.practice]]
            configuration.retentionPolicies = try RetentionPolicySet(
                version: "northwind-2026-12",
                policies: [
                    try RetentionPolicy(
                        id: "northwind-billing", name: "Billing calls, kept for the monthly billing review",
                        match: RetentionQuery(queues: ["billing"]), minimum: try RetentionPeriod(days: 30))
                ])
            return configuration
        }
    }

    /// Creates a fresh vault in `directory` (replacing an earlier demo vault there, and nothing else).
    ///
    /// The new vault is built beside `directory` and renamed into place with its marker file, and
    /// an earlier demo vault is moved aside in one rename before it is removed, so a demo killed at
    /// any moment leaves either a whole demo vault or none, and the next run starts cleanly.
    static func create(at directory: URL, passphrase text: String, clock: ManualWallClock) async throws -> DemoVault {
        let files = FileManager.default
        let staged = StagedDirectory(directory, kind: "demo")
        // Half-built or half-removed demo vaults a killed run left beside the folder.
        try staged.removeLeftovers()
        if files.fileExists(atPath: directory.path) {
            guard files.fileExists(atPath: directory.appendingPathComponent(marker).path) else {
                throw DemoError.notADemoVault(directory.path)
            }
            let aside = directory.deletingLastPathComponent()
                .appendingPathComponent(staged.prefix + "old-" + UUID().uuidString.lowercased())
            try files.moveItem(at: directory, to: aside)
            try files.removeItem(at: aside)
        }
        // The organisation's signing key and the recordings' recipient identity, sealed under a
        // passphrase (a recorder needs only the recipient, a public key); the configuration and
        // the access policy; the embedded stores. The audit log starts with the vault.
        let passphrase = try Passphrase(text)
        let policy = try String(contentsOf: try resource("access-policy", "json", in: "Config"), encoding: .utf8)
        try staged.build { staging in
            try VaultFolder.create(
                at: staging, passphrase: passphrase, configuration: try configuration, accessPolicy: policy)
            try StagedDirectory.writeNewFile(
                Array("A CallVault demo vault, made by contact-center-demo. Safe to delete.\n".utf8),
                to: staging.appendingPathComponent(marker).path)
        }

        // The simulated clock drives the calls, grants and the retention sweep "three years later";
        // the audit log keeps real time, so the vault the demo leaves is one the callvault tool and
        // any later writer accept (they refuse entries dated more than an hour ahead of them). The
        // vault says it is a simulation, so it is opened as one: a live host's open refuses it.
        let opened = try await VaultFolder.open(
            at: directory, passphrase: passphrase, simulation: true, clock: clock, auditClock: SystemWallClock())
        return DemoVault(directory: directory, clock: clock, opened: opened)
    }

    static func resource(_ name: String, _ type: String, in folder: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: folder) else {
            throw DemoError.missingClip("\(folder)/\(name).\(type)")
        }
        return url
    }
}
