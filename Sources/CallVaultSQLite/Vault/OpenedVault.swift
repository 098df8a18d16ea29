public import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
public import CallVaultRetention

/// A vault folder opened for writing by ``CallVaultFileStore/VaultFolder/open(at:passphrase:simulation:clock:auditClock:auditConfiguration:)``:
/// the `Vault` and every service over it, wired the one way the folder's layout implies.
///
/// While it is alive this process holds the folder's lock, so no other process writes to the same
/// audit log; ``close()`` signs the log's last entries and lets the folder go.
///
/// ```swift
/// let opened = try await VaultFolder.open(at: folder, passphrase: passphrase)
/// let playback = try await opened.playback.play(id, PlaybackRequest(principal: maria, purpose: .quality))
/// let report = try await opened.vault.sweep()
/// try await opened.close()
/// ```
public struct OpenedVault: Sendable {
    /// The folder.
    public let folder: VaultFolder
    /// Its `vault.json`, as read when it was opened.
    public let configuration: VaultConfiguration
    /// The embedded stores. Package-only, as `Vault`'s stores are: a host reaches recordings
    /// through ``vault``'s audited operations, never by writing the stores underneath it.
    package let stores: SQLiteVault
    /// The vault: stores, audit log, audit trail, clock and recording settings.
    public let vault: Vault
    /// Playback, legal exports and redaction, through the folder's access policy and a custodian
    /// holding the folder's recipient identity.
    public let playback: PlaybackService
    /// Legal holds; the configuration's hold officers may manage them.
    public let holds: LegalHoldRegistry
    /// Complaints, with a hold on their recordings while open.
    public let complaints: ComplaintDesk
    /// The organisation's verifying key: what checkpoints, receipts, certificates and export
    /// manifests of this vault verify with.
    public let verifyingKey: VerifyingKey
    /// The public half of the vault's recipient identity.
    public let recipient: Recipient
    /// The recordings a crash had left open, settled when the folder was opened (kept as
    /// incomplete, scheduled and audited); usually none.
    public internal(set) var settledRecordings: [RecordingEntry] = []
    /// The deletions a stopped sweep had begun that the open finished (certified and audited as
    /// the sweep would have); usually none.
    public internal(set) var finishedDeletions: [RecordingID] = []
    /// The deletions a stopped sweep had begun that the open could not finish, and why (left for
    /// the next open or sweep); usually none.
    public internal(set) var unfinishedDeletions: [SweepFailure] = []
    /// The schedules the open recomputed because the configuration had changed since it was last
    /// applied (see CallVault's `Vault.recomputeSchedules(identity:)`); usually none.
    public internal(set) var rescheduled = RescheduleReport()

    let identity: Identity
    let lock: VaultFolderLock
    /// Signs changes of the folder's configuration files (`VaultFileSeal`).
    let signingKey: SigningKey

    /// Staff training completions.
    public var training: SQLiteTrainingRegister { stores.training }

    init(
        folder: VaultFolder, configuration: VaultConfiguration, consentCatalog: JurisdictionCatalog,
        stores: SQLiteVault, audit: AuditLog,
        policy: AccessPolicy, signingKey: SigningKey, identity: Identity, clock: any WallClock, lock: VaultFolderLock
    ) throws {
        var recipients = [identity.recipient]
        for recipient in configuration.additionalRecipients where !recipients.contains(recipient) {
            recipients.append(recipient)
        }
        // The organisation's decisions from vault.json: consent settings, the overridden consent
        // catalog, retention policies with the stated period, mandatory lines, regimes per line.
        var settings = RecordingSettings(
            recipients: recipients, resolver: RequirementResolver(catalog: consentCatalog),
            purposes: configuration.purposes, consentPolicy: configuration.consentPolicy,
            disclosurePolicy: configuration.disclosurePolicy, scheduler: try configuration.retentionScheduler(),
            receiptSigner: signingKey)
        settings.mandatoryRecordingLines = Set(configuration.consentSettings.mandatoryLines)
        settings.regimesByLineOfBusiness = configuration.regimesByLineOfBusiness
        var vault = Vault(
            storage: stores.storage, audit: audit, clock: clock,
            settings: settings)
        // The vault over the folder's own stores and log: its operations write as CallVault.
        vault.writesAsCallVault = true
        let issuer = GrantIssuer(signingKey: try SigningKey.generate(), clock: clock)
        let playback = PlaybackService(
            vault: vault,
            controller: AccessController(policy: policy, issuer: issuer, audit: audit, writesAsCallVault: true),
            // The issuer's key lives and dies with this value, so its grants cannot outlive the
            // process: a ledger in memory is complete here (never across a fleet).
            custodian: IdentityKeyCustodian(
                identity: identity, trustedIssuer: issuer.verifyingKey, clock: clock,
                ledger: ProcessLocalGrantLedger(), audit: audit, writesAsCallVault: true))
        let holds = LegalHoldRegistry(
            store: stores.retention, authoriser: LegalHoldOfficers(Set(configuration.holdOfficers)),
            audit: AuditLogRetentionSink(callVaultLog: audit), clock: clock)
        self.folder = folder
        self.configuration = configuration
        self.stores = stores
        self.vault = vault
        self.playback = playback
        self.holds = holds
        self.complaints = ComplaintDesk(store: stores.complaints, holds: holds, playback: playback)
        self.verifyingKey = signingKey.verifyingKey
        self.recipient = identity.recipient
        self.identity = identity
        self.lock = lock
        self.signingKey = signingKey
    }

    /// Signs the audit log's unsigned entries, then releases the folder's lock; nothing more can be
    /// written through this value (open the folder again for that). Closing twice is harmless.
    public func close() async throws {
        if lock.isHeld { try await vault.audit.checkpoint() }
        lock.release()
    }
}
