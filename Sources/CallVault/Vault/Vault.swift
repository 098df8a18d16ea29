public import CallVaultAudit
public import CallVaultCore
import CallVaultCrypto
public import CallVaultRetention
import Foundation
public import Logging

/// A recording vault: the stores, the audit log, the clock and the recording settings that every
/// session, playback, sweep and request works through.
///
/// ```swift
/// let audit = try await AuditLog(sink: auditSink, signingKey: organisationKey, clock: SystemWallClock())
/// let vault = Vault(storage: storage, audit: audit, clock: SystemWallClock(), settings: settings)
/// try await vault.recoverInterruptedRecordings()
/// let session = try await vault.startRecording(call, control: telephony)
/// ```
///
/// A vault is the only way a host reaches its recordings once it is made: the stores and settings
/// it was given are not reachable through it, and every operation that removes or changes a
/// recording (a sweep, an erasure, a redaction, a recovery, an import, a later consent, a
/// reschedule) writes its audit entry, and, for a deletion, its certificate. Hosts read recordings
/// through ``recording(_:)``, ``recordings(in:)``, ``retentionRecord(of:)`` and
/// ``tombstone(of:)``.
public struct Vault: Sendable {
    /// The stores. Package-only: a host that could reach them could shred or delete a recording
    /// with no audit entry or deletion certificate, so it goes through the vault's operations.
    package let storage: VaultStores
    /// The tamper-evident audit log every session and access writes to.
    public let audit: AuditLog
    /// The same log, read back through its sink (`AuditLog.entries(about:)`): one seam, so what
    /// the vault reads can never disagree with what it wrote.
    package var trail: any AuditTrail { audit }
    /// The vault's clock.
    public let clock: any WallClock
    /// How recordings are made. Package-only: the receipt signing key and the scheduler it holds
    /// are the vault's to use, not the host's to swap under a running vault.
    package let settings: RecordingSettings
    /// The name the recorder acts under in the audit log.
    public let recorderIdentity: PrincipalID
    /// Where routine events go (never secrets or audio); the vault's sweeper logs here too.
    public let logger: Logger
    /// Counters, meters and timers for the host's metrics backend.
    public let metrics: VaultMetrics
    /// The batch size and concurrency of the vault's sweeps (``sweep(identity:configuration:progress:)``,
    /// ``sweeper(identity:configuration:)`` and the erasures that delete through it).
    public let sweepConfiguration: RetentionSweeper.Configuration
    /// Whether the vault's operations write CallVault's own entries (holds, deletions, consents)
    /// as CallVault: only a vault `VaultFolder.open` composes over its own log. A vault a host
    /// composes writes through the log's public `record(_:)`, so on a vault folder's log, which
    /// refuses CallVault's namespaces from a host, a host cannot run a shadow vault over other
    /// stores that writes facts the real vault would read.
    package var writesAsCallVault = false
    /// Where sessions' sealed segments are written and made durable, in groups, off the
    /// cooperative thread pool; shared by every copy of the vault.
    let blobWrites: BlobWriteQueue

    /// Creates a vault over its stores.
    ///
    /// - Parameters:
    ///   - storage: the stores; only the vault reaches them from now on.
    ///   - audit: the audit log; the vault also reads its entries back through the log's sink.
    ///   - clock: the vault's clock: `SystemWallClock` for a live host, CallVaultCore's
    ///     `OffsetWallClock` or `FixedWallClock` where a host needs a shifted or fixed time.
    ///   - settings: how recordings are made.
    ///   - recorderIdentity: the name the recorder acts under in the audit log.
    ///   - logger: where routine events go, the sweeper's included.
    ///   - metrics: counters, meters and timers.
    ///   - sweepConfiguration: the batch size and concurrency of sweeps; by default
    ///     ``defaultSweepConfiguration``.
    public init(
        storage: VaultStores, audit: AuditLog, clock: any WallClock, settings: RecordingSettings,
        recorderIdentity: PrincipalID = "callvault-recorder", logger: Logger = Logger(label: "callvault"),
        metrics: VaultMetrics = VaultMetrics(),
        sweepConfiguration: RetentionSweeper.Configuration = Vault.defaultSweepConfiguration
    ) {
        self.storage = storage
        self.audit = audit
        self.clock = clock
        self.settings = settings
        self.recorderIdentity = recorderIdentity
        self.logger = logger
        self.metrics = metrics
        self.sweepConfiguration = sweepConfiguration
        self.blobWrites = BlobWriteQueue(store: storage.blobs)
    }

    var catalog: any RecordingCatalog { storage.catalog }

    /// Appends the vault's own audit records: as CallVault for a vault a vault folder composed,
    /// through the log's public `record(_:)` otherwise (see ``writesAsCallVault``).
    @discardableResult
    package func recordAudit(_ records: [AuditRecord]) async throws -> [AuditEntry] {
        writesAsCallVault ? try await audit.recordAsCallVault(records) : try await audit.record(records)
    }

    /// Appends one of the vault's own audit records; see ``recordAudit(_:)-([AuditRecord])``.
    @discardableResult
    package func recordAudit(_ record: AuditRecord) async throws -> AuditEntry? {
        try await recordAudit([record]).first
    }

    /// The sink the vault's retention engine (its sweeper, erasures and hold registry) writes
    /// through, with the vault's authority (``writesAsCallVault``).
    package var retentionAuditSink: AuditLogRetentionSink {
        writesAsCallVault ? AuditLogRetentionSink(callVaultLog: audit) : AuditLogRetentionSink(log: audit)
    }

    /// Starts recording a call: the consent engine resolves who must be told and asked, the
    /// announcements are requested through `control`, and recording starts as the law allows.
    ///
    /// - Throws: the recorder's configuration errors, the consent engine's errors, and the stores'.
    public func startRecording(_ configuration: RecordingSessionConfiguration, control: any CallControl) async throws
        -> RecordingSession
    {
        let session = try await metrics.counting("session") {
            let session = try RecordingSession(vault: self, configuration: configuration, control: control)
            try await session.start()
            return session
        }
        logger.debug("recording session started", metadata: ["recording": "\(configuration.recordingID)"])
        return session
    }

    /// Settles recordings a crash left open: each is kept (the segments flushed before the crash
    /// stay readable), closed, marked incomplete, scheduled for retention and audited. An envelope
    /// a crash cut off while the recorder was opening it (before the call was marked as recording,
    /// so it holds no audio: its header at most) is removed, its keys shredded and the removal
    /// audited (`recording.envelope-abandoned`). Run it at start-up, before new sessions. Idempotent.
    ///
    /// - Returns: the recordings settled.
    @discardableResult
    public func recoverInterruptedRecordings() async throws -> [RecordingEntry] {
        try await metrics.counting("recovery") { try await recover() }
    }

    private func recover() async throws -> [RecordingEntry] {
        let unfinished = Dictionary(
            try storage.blobs.unfinished().map { ($0.recordingID, $0) }, uniquingKeysWith: { first, _ in first })
        var settled: [RecordingEntry] = []
        // Redactions interrupted between the switch and the shredding.
        for recording in try await catalog.recordingsWithSupersededContent() {
            try await finishSupersededContent(of: recording)
        }
        // Each step is idempotent and the catalog entry is saved last, so a settle cut short by
        // another crash is finished by the next one with the facts the first one used.
        for var recording in try await catalog.recordings(in: .recording) {
            let blob = unfinished[recording.id]
            let scheduled = try await storage.retention.record(recording.id)
            // The last write is the best evidence of when the call ended; without it, now: later
            // is the stricter end for keep-at-least rules. A schedule an earlier settle (or the
            // call's own end) already made fixes it, so it is saved before the blob is closed.
            recording.endedAt = scheduled?.attributes.endedAt ?? blob?.lastWrittenAt ?? clock.now
            recording.state = .incomplete
            if scheduled == nil {
                let attributes = recording.retentionAttributes
                let schedule = try settings.scheduler.schedule(for: attributes)
                try await storage.retention.save([RetentionRecord(attributes: attributes, schedule: schedule)])
            }
            if blob != nil { try storage.blobs.closeUnfinished(recording.id) }
            // The bytes kept, from the closed blob when an earlier settle already closed it.
            let kept = blob?.byteCount ?? (try? storage.blobs.source(for: recording.id).byteCount()) ?? 0
            _ = try await recordAudit(
                AuditRecord(
                    actor: recorderIdentity, action: try AuditAction("recording.recovered"),
                    target: AuditRecord.target(recording.id), purpose: nil, outcome: .succeeded,
                    reasons: ["left open by a crash; kept as incomplete with \(kept) bytes flushed"],
                    eventID: "recording-recovered:\(recording.id)"))
            try await catalog.save(recording)
            logger.notice("recovered an interrupted recording", metadata: ["recording": "\(recording.id)"])
            settled.append(recording)
        }
        for blob in unfinished.values.sorted(by: { $0.recordingID < $1.recordingID }) {
            try await abandonEnvelopeIfUnstarted(blob)
        }
        return settled
    }

    /// An unfinished blob of a call still marked `unrecorded`: the recorder died between creating
    /// the envelope and marking the call as recording, so no audio reached it. Audited first (once,
    /// by its event id), then its keys are shredded and the blob removed: each step is idempotent,
    /// so a removal cut short by another crash is finished by the next open. A blob that holds more
    /// than its header is left as it is (never destroyed on a guess).
    private func abandonEnvelopeIfUnstarted(_ blob: UnfinishedBlob) async throws {
        guard let recording = try await catalog.recording(blob.recordingID), recording.state == .unrecorded else {
            return
        }
        let header = try? EnvelopeHeader.read(from: try storage.blobs.source(for: recording.id))
        if let header, blob.byteCount > UInt64(header.byteCount) {
            logger.warning(
                "an unfinished blob of a call never marked as recording holds more than its header; left as it is",
                metadata: ["recording": "\(recording.id)"])
            return
        }
        _ = try await recordAudit(
            AuditRecord(
                actor: recorderIdentity, action: try AuditAction("recording.envelope-abandoned"),
                target: AuditRecord.target(recording.id), purpose: nil, outcome: .succeeded,
                reasons: [
                    "a crash cut off the recorder while it opened the envelope, before recording started: \(blob.byteCount) bytes (no audio) removed and keys shredded; the call stays unrecorded"
                ],
                eventID: "recording-envelope-abandoned:\(recording.id)"))
        try await storage.keys.shred(recording.id)
        try storage.blobs.delete(recording.id)
        logger.notice("removed an envelope abandoned before recording", metadata: ["recording": "\(recording.id)"])
    }
}
