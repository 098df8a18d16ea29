import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// Issue 11 (adversarial review, finding 5): the `shredded_recording` table is unsigned; one row
/// added for a live recording must not make `vault rotate --remove` (after a key compromise) skip
/// it. Rotation counts a recording as shredded only where a signed or audited fact says it was
/// deleted; otherwise it still removes the compromised wraps, names the contradiction and exits 2,
/// and `vault verify` reports it.
@Suite("rotate: a forged shredded mark never hides a recording from a removal")
struct RotateShreddedMarkTests {
    @Test("a live recording marked shredded in the database: the compromised wrap is removed, exit 2")
    func forgedShreddedMark() async throws {
        let fixture = try VaultFixture()
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try #require(try fixture.run("rotate", "--add", "escrow.id.pub").status == ExitStatus.success)
        let escrow = try IdentityFile.recipient(in: try fixture.workspace.text("escrow.id"))
        try DatabaseEdit.execute(
            fixture, "INSERT INTO shredded_recording (recording_id) VALUES (?)", [ids[0].description])

        let verified = try fixture.run("verify")
        #expect(verified.status == ExitStatus.tampered, "\(verified)")
        #expect(verified.standardOutput.contains("shredded-without-deletion"), "\(verified)")

        let removed = try fixture.run("rotate", "--remove", escrow.fingerprint.description)
        #expect(removed.status == ExitStatus.tampered, "\(removed)")
        #expect(removed.standardOutput.contains(ids[0].description), "\(removed)")
        #expect(!removed.standardOutput.contains("1 without keys"), "\(removed)")
        let stores = try fixture.folder.stores()
        for id in ids {
            let wraps = try await stores.keys.wraps(for: id)
            #expect(!wraps.isEmpty)
            #expect(!wraps.map(\.recipient).contains(escrow.fingerprint), "the compromised wrap stayed for \(id)")
        }
        let rewraps = try await fixture.auditEntries(about: ids[0]).filter { $0.record.action == .keyRewrap }
        #expect(rewraps.last?.record.reasons.contains("removed recipient \(escrow.fingerprint)") == true)
    }
}
