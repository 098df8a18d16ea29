import CallVault
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultTestKit
import Foundation
import Testing

/// A whole `Vault.sweep` (and a whole erasure request) cut off at each operation of every store in
/// turn, then run again after a "restart", ends exactly as an uninterrupted one over an identical
/// vault: the same catalog states, the same retention records, one certificate and one audit entry
/// per deletion, and a log that verifies.
@Suite("Vault sweeps: a crash at any operation")
struct VaultSweepCrashTests {
    @Test("a sweep cut off at any operation of any store and run again ends as an uninterrupted one")
    func sweepCrashAtEveryOperation() async throws {
        let keys = try CrashableVault.Keys()
        let reference = try await CrashableVault(keys: keys)
        let before = reference.faults.operationCount
        _ = try await reference.vault().sweep(configuration: CrashableVault.sweepConfiguration)
        let operations = reference.faults.operationCount - before
        let expected = try await reference.outcome()
        #expect(
            expected.states == CrashableVault.expectedAfterSweep, "the reference sweep deletes the due, unheld ones")
        #expect(expected.auditIntact)
        #expect(operations > 20, "\(operations) operations")

        for crashAt in 0..<operations {
            let world = try await CrashableVault(keys: keys)
            world.faults.crash(atOperation: crashAt)
            await #expect(throws: (any Error).self, "crash at \(crashAt)") {
                let report = try await world.vault().sweep(configuration: CrashableVault.sweepConfiguration)
                // A shredder failure is reported per recording, not thrown: a crash must still show.
                if !report.failures.isEmpty { throw FailuresReported() }
            }
            #expect(world.faults.hasCrashed, "crash at \(crashAt)")
            world.faults.restart()
            let second = try await world.vault().sweep(configuration: CrashableVault.sweepConfiguration)
            #expect(second.failures.isEmpty, "crash at \(crashAt): \(second.failures)")
            let outcome = try await world.outcome()
            #expect(outcome == expected, "crash at \(crashAt): \(outcome.differences(from: expected))")
        }
    }

    @Test("an erasure request cut off at any operation and handled again ends as an uninterrupted one")
    func erasureCrashAtEveryOperation() async throws {
        let keys = try CrashableVault.Keys()
        let reference = try await CrashableVault(keys: keys)
        let before = reference.faults.operationCount
        _ = try await reference.vault().handleErasureRequest(try reference.erasureRequest(), identity: "dpo")
        let operations = reference.faults.operationCount - before
        let expected = try await reference.outcome()
        #expect(expected.states == CrashableVault.expectedAfterErasure, "the unheld calls of customer-1 are erased")
        #expect(expected.auditIntact)

        for crashAt in 0..<operations {
            let world = try await CrashableVault(keys: keys)
            world.faults.crash(atOperation: crashAt)
            await #expect(throws: (any Error).self, "crash at \(crashAt)") {
                let report = try await world.vault().handleErasureRequest(try world.erasureRequest(), identity: "dpo")
                if !report.pending.isEmpty { throw FailuresReported() }
            }
            world.faults.restart()
            let second = try await world.vault().handleErasureRequest(try world.erasureRequest(), identity: "dpo")
            #expect(second.pending.isEmpty, "crash at \(crashAt)")
            let outcome = try await world.outcome()
            #expect(outcome == expected, "crash at \(crashAt): \(outcome.differences(from: expected))")
        }
    }
}

/// A run that reported failures instead of throwing (a crash in the shredder is reported per
/// recording).
struct FailuresReported: Error {}

/// A vault over in-memory stores that all count their operations against one ``FaultPlan``: what
/// a "crash" leaves is exactly what the stores hold, as a disk would, and ``vault()`` is a new
/// process over them (a new audit log opened over the same sink).
///
/// Four calls between Texans three years ago, under the contact-centre practice (kept at most two
/// years): calls 1 to 3 of customer-1, call 4 of customer-2, whom a legal hold covers. The clock
/// then stands three years on, so calls 1 to 3 are due and call 4 is held.
struct CrashableVault {
    /// The keys both vaults of a comparison share, so their certificates are byte for byte equal.
    struct Keys {
        let organisation: SigningKey
        let identity: Identity

        init() throws {
            organisation = try SigningKey.generate()
            identity = try Identity.generate()
        }
    }

    static let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
    static let ids = (1...4).compactMap { RecordingID(parsing: "00000000-0000-4000-8000-00000000000\($0)") }
    static let sweepConfiguration = RetentionSweeper.Configuration(batchSize: 2, concurrency: 1)
    static var expectedAfterSweep: [RecordingID: RecordingEntry.State] {
        [ids[0]: .deleted, ids[1]: .deleted, ids[2]: .deleted, ids[3]: .complete]
    }
    static var expectedAfterErasure: [RecordingID: RecordingEntry.State] { expectedAfterSweep }

    let faults = FaultPlan()
    let keys: Keys
    let clock = ManualWallClock(start)
    let blobs: InMemoryBlobStore
    let keyStore: InMemoryKeyStore
    let catalog: InMemoryRecordingCatalog
    let retention: InMemoryRetentionStore
    let auditSink: InMemoryAuditSink
    /// Each recording's key commitment, as recorded.
    private(set) var commitments: [RecordingID: [UInt8]] = [:]

    init(keys: Keys) async throws {
        self.keys = keys
        blobs = InMemoryBlobStore(clock: clock, faults: faults)
        keyStore = InMemoryKeyStore(faults: faults)
        catalog = InMemoryRecordingCatalog(faults: faults)
        retention = InMemoryRetentionStore(faults: faults)
        auditSink = InMemoryAuditSink(faults: faults)
        let vault = try await vault()
        for (index, id) in Self.ids.enumerated() {
            try await record(id, customer: index < 3 ? "customer-1" : "customer-2", on: vault)
        }
        try await LegalHoldRegistry(
            store: retention, authoriser: LegalHoldOfficers(["legal.alice"]),
            audit: AuditLogRetentionSink(log: vault.audit), clock: clock
        ).place(
            id: "hold-2", matter: "Lima v. Acme", reason: "litigation", scope: .customer("customer-2"),
            by: "legal.alice")
        for id in Self.ids { commitments[id] = try await retention.record(id)?.attributes.keyCommitment }
        clock.advance(by: .seconds(3 * 365 * 86_400))
    }

    /// A new "process" over the stores: a new audit log opened over the same sink.
    func vault() async throws -> Vault {
        let audit = try await AuditLog(sink: auditSink, signingKey: keys.organisation, clock: clock)
        let policy = DisclosurePolicy(
            organisation: "Acme Bank", purposes: [.quality], retentionDays: 730, audiences: [.supervisors],
            consentKey: "1", declineKey: "2", withdrawalKey: "9",
            withdrawalContact: .website("https://acme.example/recordings/"),
            complaintContact: .email("complaints@acme.example"))
        let settings = RecordingSettings(
            recipients: [keys.identity.recipient],
            resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled),
            purposes: [.quality], consentPolicy: ConsentPolicy(), disclosurePolicy: policy,
            scheduler: try RetentionScheduler(catalog: try RetentionCatalog.bundled), receiptSigner: keys.organisation)
        return Vault(
            storage: VaultStores(
                blobs: blobs, keys: keyStore, catalog: catalog, retention: retention,
                laterConsents: InMemoryLaterConsentStore(), exports: InMemoryExportRegister()), audit: audit,
            clock: clock, settings: settings)
    }

    func erasureRequest() throws -> ErasureRequest {
        try ErasureRequest(id: "er-1", customerID: "customer-1", receivedAt: Self.start, handledBy: "dpo")
    }

    /// Records a call of a second on `vault`; with `ending` false the "process" dies before the
    /// call ends: the session is dropped and what was not flushed is lost.
    func record(_ id: RecordingID, customer: String, on vault: Vault, ending: Bool = true) async throws {
        let texan = { (party: PartyID, role: PartyRole) in
            ConsentParticipant(
                party: CallParty(id: party, role: role, location: try Jurisdiction(parsing: "US-TX")), language: "en")
        }
        let control = RecordingCallControl()
        let session = try await vault.startRecording(
            RecordingSessionConfiguration(
                recordingID: id, callID: "call-\(id)", direction: .inbound,
                participants: [try texan("customer", .customer), try texan("agent", .agent)],
                format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2), tracks: [.agent, .customer],
                trackOfParty: ["agent": .agent, "customer": .customer], agentID: "agent-7", team: "team-a",
                queue: "billing", customerID: customer, declaredRegimes: ["contact-centre-practice"]),
            control: control)
        for case .playAnnouncement(let party, let disclosure) in control.requests {
            try await session.announcementStarted(party: party)
            try await session.announcementFinished(party: party)
            if disclosure.kind.asksForConsent { try await session.keyPressed(party: party, key: "1") }
        }
        for frame in 0..<50 {
            for track in [TrackID.agent, .customer] {
                try await session.ingest(
                    .audio(
                        [UInt8](repeating: 0x42, count: 160),
                        format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1), track: track,
                        sequenceNumber: UInt64(frame), timestamp: Int64(frame * 160)))
            }
            // Written before the clock moves on, so the blob's last write time (a crashed
            // recording's end) is the same in every run.
            try await session.waitUntilDurable()
            clock.advance(by: .milliseconds(20))
        }
        if ending {
            _ = try await session.callEnded()
        } else {
            blobs.simulateCrash()
        }
        clock.advance(by: .seconds(60))
    }

    /// Everything a sweep or an erasure request leaves, for comparison.
    struct Outcome: Equatable {
        var states: [RecordingID: RecordingEntry.State] = [:]
        var customers: [RecordingID: String] = [:]
        var receipts: [RecordingID: Int] = [:]
        var retentionRecords: Set<RecordingID> = []
        var deletionsInProgress: Set<RecordingID> = []
        var erasureMarks: Set<RecordingID> = []
        var certificates: [RecordingID: String] = [:]
        var shredded: Set<RecordingID> = []
        var blobs: Set<RecordingID> = []
        var auditEntries: [String: Int] = [:]
        var auditIntact = false

        /// The fields that differ, for a readable failure.
        func differences(from other: Outcome) -> String {
            func canonical(_ value: Any) -> String {
                let mirror = Mirror(reflecting: value)
                guard mirror.displayStyle == .dictionary || mirror.displayStyle == .set else { return "\(value)" }
                return "[" + mirror.children.map { "\($0.value)" }.sorted().joined(separator: ", ") + "]"
            }
            let theirs = Dictionary(
                uniqueKeysWithValues: Mirror(reflecting: other).children.map { ($0.label ?? "", canonical($0.value)) })
            return Mirror(reflecting: self).children.compactMap { child -> String? in
                let label = child.label ?? ""
                let text = canonical(child.value)
                return text == theirs[label] ? nil : "\(label): \(text), expected \(theirs[label] ?? "-")"
            }.joined(separator: "; ")
        }
    }

    func outcome() async throws -> Outcome {
        var outcome = Outcome()
        for id in Self.ids {
            let entry = try #require(try await catalog.recording(id))
            outcome.states[id] = entry.state
            outcome.customers[id] = entry.customerID
            outcome.receipts[id] = entry.receipts.count
            if let record = try await retention.record(id) {
                outcome.retentionRecords.insert(id)
                if record.deletion != nil { outcome.deletionsInProgress.insert(id) }
                if record.erasure != nil { outcome.erasureMarks.insert(id) }
            }
            if let tombstone = try await retention.tombstone(id) {
                outcome.certificates[id] = try certified(tombstone, of: id)
            }
            if keyStore.isShredded(id) { outcome.shredded.insert(id) }
        }
        outcome.blobs = blobs.recordingIDs
        for entry in auditSink.entries {
            let record = entry.record
            outcome.auditEntries["\(record.action.identifier) \(record.target)", default: 0] += 1
        }
        // The log's times are the simulated clock's (three years on): judged by it, not the system's.
        let verification = AuditVerifier(trustedKey: keys.organisation.verifyingKey, clock: clock)
            .verify(contents: auditSink.fileContents())
        outcome.auditIntact = verification.isIntact
        return outcome
    }

    /// What a deletion certificate says, checked against the organisation's key. The two vaults of a
    /// comparison encrypt with their own data keys, so the key commitment is compared with this
    /// vault's own recording instead.
    private func certified(_ tombstone: Tombstone, of id: RecordingID) throws -> String {
        let signed = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
        let certificate = try signed.verified(by: keys.organisation.verifyingKey)
        let own = commitments[id]?.map {
            String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
        }
        let commitment = certificate.keyCommitment == own?.joined() ? "this recording's key" : "another key"
        return [
            certificate.recordingID.description, "\(certificate.cause)", certificate.ruleName ?? "-",
            "\(certificate.keptUntil)", "\(certificate.deletedAt)", certificate.sweeper.rawValue,
            certificate.catalogVersion, certificate.policyVersion, commitment,
        ].joined(separator: " | ")
    }
}
