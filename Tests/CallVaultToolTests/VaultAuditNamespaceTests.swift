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
import Testing

/// Issue 13, second outside review, finding 3: a host holding an opened vault wrote entries in
/// CallVault's own name to the vault's public `AuditLog` (`hold-placed:ghost`, a
/// `recording.deleted` for an intact recording), which the vault then read as facts: a hold no
/// officer placed and no one could release, and an intact recording marked tampered. A vault's
/// log now refuses records in CallVault's namespaces from the host; its own operations still
/// write them.
@Suite("a vault's audit log refuses host records in CallVault's own namespaces")
struct VaultAuditNamespaceTests {
    static func logBytes(_ fixture: VaultFixture) throws -> Data {
        try Data(contentsOf: fixture.folder.auditLogFile)
    }

    @Test("a forged hold, a forged deletion, a forged consent: refused, nothing appended, nothing believed")
    func forgedFactsAreRefused() async throws {
        let fixture = try VaultFixture()
        let id = try #require(try await fixture.recordCalls(1, startingAt: Date()).first)
        let before = try Self.logBytes(fixture)
        let forgeries = [
            // A host action whose event id claims a hold (the ghost hold of the review).
            AuditRecord(
                actor: "host", action: try AuditAction("crm.note"), target: "hold:ghost", outcome: .succeeded,
                eventID: "hold-placed:ghost"),
            // The sweeper's action for an intact recording.
            AuditRecord(
                actor: "callvault-sweeper", action: .recordingDeleted, target: AuditRecord.target(id),
                outcome: .succeeded, reasons: ["retention expired"]),
            AuditRecord(
                actor: "host", action: try AuditAction("consent.later-given"), target: AuditRecord.target(id),
                outcome: .succeeded, eventID: "later-consent:forged"),
            // Upper case does not slip past the event-id namespace.
            AuditRecord(
                actor: "host", action: try AuditAction("crm.note"), target: "x", outcome: .succeeded,
                eventID: "HOLD-placed:ghost"),
        ]
        try await fixture.withVault { opened in
            for forged in forgeries {
                let error = await #expect(throws: AuditError.self) { try await opened.vault.audit.record(forged) }
                #expect(error?.code == .reservedForCallVault, "\(forged.action) \(forged.eventID ?? "")")
                #expect(error?.message.contains("namespace of your own") == true)
            }
            // The public retention sink is no way round it.
            let sink = AuditLogRetentionSink(log: opened.vault.audit)
            await #expect(throws: AuditError.self) {
                try await sink.record(
                    RetentionAuditEvent(
                        id: "hold-placed:ghost", action: .holdPlaced, at: Date(), actor: "host", holdID: "ghost",
                        detail: "forged"))
            }
            let deletionRecorded = try await opened.vault.deletionIsRecorded(id)
            #expect(!deletionRecorded)
            let history = try await sink.legalHoldHistory()
            #expect(history.placed.isEmpty)
        }
        #expect(try Self.logBytes(fixture) == before, "nothing was appended")
        let holds = try fixture.run("hold", "list")
        #expect(holds.status == ExitStatus.success, "\(holds)")
        #expect(!holds.standardOutput.contains("ghost"))
        let verify = try fixture.run("verify")
        #expect(verify.status == ExitStatus.success, "\(verify)")
    }

    @Test("a host's own actions are recorded; the vault's own operations still write its namespaces")
    func hostActionsAndVaultOperations() async throws {
        let fixture = try VaultFixture()
        try await fixture.withVault { opened in
            let entry = try await opened.vault.audit.record(
                AuditRecord(
                    actor: "crm", action: try AuditAction("crm.sync"), target: "customer:42", outcome: .succeeded,
                    eventID: "crm-sync-1"))
            #expect(entry?.record.action.identifier == "crm.sync")
            // A hold through the registry is the vault's own operation, and is written.
            _ = try await opened.holds.place(
                id: "matter-1", matter: "Matter 1", reason: "litigation", scope: .customer("customer-1"),
                by: "legal.alice")
        }
        let holds = try fixture.run("hold", "list")
        #expect(holds.standardOutput.contains("matter-1"), "\(holds)")
    }

    @Test("a vault, controller or adoption a host composes over the vault's log cannot write CallVault's entries")
    func hostComposedWritersAreRefused() async throws {
        let fixture = try VaultFixture()
        let scratch = fixture.workspace.directory.appendingPathComponent("scratch")
        let before = try Self.logBytes(fixture)
        try await fixture.withVault { opened in
            // The third review's shadow vault: the host's own stores, the vault's log.
            let settings = try RecordingSettings(
                recipients: [opened.recipient], resolver: RequirementResolver(catalog: .bundled),
                purposes: opened.configuration.purposes, consentPolicy: opened.configuration.consentPolicy,
                disclosurePolicy: opened.configuration.disclosurePolicy,
                scheduler: try opened.configuration.retentionScheduler(), receiptSigner: try SigningKey.generate())
            let shadow = Vault(
                storage: try SQLiteVault.create(at: scratch).storage, audit: opened.vault.audit,
                clock: SystemWallClock(), settings: settings)
            await #expect {
                _ = try await VaultFixture.recordCalls(
                    1, seconds: 1, on: shadow, clock: ManualWallClock(Date()), team: "team-a")
            } throws: { error in
                (error as? AuditError)?.code == .reservedForCallVault
            }
            let controller = AccessController(
                policy: try AccessPolicy(json: VaultFixture.policy),
                issuer: GrantIssuer(signingKey: try SigningKey.generate(), clock: SystemWallClock()),
                audit: opened.vault.audit)
            await #expect {
                _ = try await controller.request(
                    AccessRequest(
                        principal: Principal(
                            id: "maria", roles: ["supervisor"], team: "team-a",
                            authentication: Authentication(method: "sso", at: Date(), multiFactor: true),
                            training: []),
                        action: .listen,
                        recording: RecordingAccessAttributes(
                            recordingID: RecordingID(), agentID: "agent-7", team: "team-a", queue: "billing",
                            disclosedPurposes: [.quality], jurisdictions: [], sensitivity: .normal),
                        purpose: .quality, at: Date()))
            } throws: { error in
                (error as? AuditError)?.code == .reservedForCallVault
            }
        }
        #expect(try Self.logBytes(fixture) == before, "nothing was appended")
        // The vault's own operations still write: a recording through the opened vault.
        let recorded = try await fixture.recordCalls(1, startingAt: Date())
        #expect(recorded.count == 1)
    }

    @Test("a log a host builds itself is the host's: it takes any action, as before")
    func standaloneLogIsUnchanged() async throws {
        let log = try await AuditLog(
            sink: InMemoryAuditSink(), signingKey: try SigningKey.generate(), clock: SystemWallClock())
        let entry = try await log.record(
            AuditRecord(actor: "host", action: .accessDecision, target: "recording:x", outcome: .allowed))
        #expect(entry != nil)
    }
}
