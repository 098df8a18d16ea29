import CallVault
import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import GRDB
import Testing

/// A vault written before catalog signatures (its catalog rows unsigned, its audit log without an
/// adoption) still opens: `list`, `show` and `verify` call its rows unsigned legacy rows (not
/// tampered), and the first open for writing adopts them, once, in the audit log.
@Suite("callvault vault: a vault from before catalog signatures")
struct LegacyVaultTests {
    @Test("legacy rows are flagged as such, adopted at the first open for writing, and verify after")
    func legacyVaultAdopted() async throws {
        let fixture = try VaultFixture()
        let ids = try await Self.recordAsBefore(fixture, calls: 2)

        let listed = try fixture.run("list")
        #expect(listed.status == ExitStatus.success, "\(listed)")
        #expect(listed.standardOutput.contains("UNSIGNED"), "\(listed)")
        #expect(!listed.standardOutput.contains("TAMPERED"), "\(listed)")
        #expect(try fixture.run("show", ids[0].description).standardOutput.contains("integrity: UNSIGNED"))
        let before = try fixture.run("verify")
        #expect(before.status == ExitStatus.tampered, "unsigned rows cannot be vouched for yet: \(before)")
        #expect(before.standardOutput.contains("unsigned-legacy"), "\(before)")
        #expect(!before.standardOutput.contains("row-signature-missing"), "\(before)")

        // Any command that opens the vault for writing adopts the rows.
        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        let after = try fixture.run("verify")
        #expect(after.status == ExitStatus.success, "\(after)")
        #expect(after.standardOutput.contains("2 recordings checked: all verify"), "\(after)")
        let adoptions = try await AuditFileTrail(path: fixture.folder.auditLogFile.path)
            .entries(about: CatalogSignatureAdoption.target)
        #expect(adoptions.count == 1, "\(adoptions)")
        // Two catalog rows and their two retention records.
        #expect(adoptions.first?.record.reasons.first?.hasPrefix("4 row(s) written before signatures") == true)
        #expect(try fixture.run("audit").status == ExitStatus.success)

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let played = try fixture.run(
            "play", ids[1].description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(played.status == ExitStatus.success, "\(played)")
    }

    /// Records calls the way a vault opened by a CallVault without catalog signatures did: the
    /// folder's stores with a catalog that signs nothing, and the folder's audit log.
    static func recordAsBefore(_ fixture: VaultFixture, calls: Int) async throws -> [RecordingID] {
        let folder = fixture.folder
        let passphrase = try Passphrase(Tool.passphrase)
        let configuration = try folder.configuration()
        let signingKey = try SigningKeyFile.open(
            try String(contentsOf: folder.signingKeyFile, encoding: .utf8), passphrase: passphrase)
        let identity = try IdentityFile.open(
            try String(contentsOf: folder.identityFile, encoding: .utf8), passphrase: passphrase)
        let clock = ManualWallClock(Date().addingTimeInterval(-3_600))
        // Such a vault had no audit log anchor and started its log when first opened, so its log
        // holds no adoption of row signatures.
        let database = try DatabaseQueue(
            path: folder.directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
        try await database.write { db in
            try db.execute(
                sql: """
                    DROP TABLE audit_log_anchor;
                    DELETE FROM grdb_migrations WHERE identifier = 'v3-audit-log-anchor';
                    """)
        }
        try database.close()
        try FileManager.default.removeItem(at: folder.auditLogFile)
        let stores = try SQLiteVault.open(at: folder.directory)
        let audit = try await AuditLog(
            sink: AuditFileSink(path: folder.auditLogFile.path), signingKey: signingKey, clock: clock)
        let settings = RecordingSettings(
            recipients: [identity.recipient], resolver: RequirementResolver(catalog: try JurisdictionCatalog.bundled),
            purposes: configuration.purposes, consentPolicy: configuration.consentPolicy,
            disclosurePolicy: configuration.disclosurePolicy,
            scheduler: try RetentionScheduler(catalog: try RetentionCatalog.bundled), receiptSigner: signingKey)
        let vault = Vault(
            storage: stores.storage, audit: audit, clock: clock, settings: settings)
        let ids = try await VaultFixture.recordCalls(calls, seconds: 2, on: vault, clock: clock, team: "team-a")
        try await audit.checkpoint()
        return ids
    }
}
