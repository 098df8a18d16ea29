import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// `callvault vault rotate`: every recording's stored wraps rewritten for a new recipient, who can
/// then open them; audited, idempotent, and never reviving a deleted recording.
@Suite("callvault vault: rotate recipients")
struct VaultRotateTests {
    @Test("rotate adds a recipient to every recording, who can then open it; again, it changes nothing")
    func rotateAdds() async throws {
        let fixture = try VaultFixture()
        let recordings = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let deleted = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3 * 365 * 86_400))[0]
        try #require(try fixture.run("sweep").standardOutput.contains("1 deleted"))
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let escrow = try IdentityFile.open(
            try fixture.workspace.text("escrow.id"), passphrase: Passphrase(Tool.passphrase))

        let run = try fixture.run("rotate", "--add", "escrow.id.pub", "--progress-every", "1")
        #expect(run.status == ExitStatus.success, "\(run)")
        for count in 1...3 { #expect(run.standardOutput.contains("rotating: \(count) examined"), "\(run)") }
        #expect(run.standardOutput.contains("3 recordings examined: 2 rewrapped, 0 already current, 1 without keys"))

        let stores = try fixture.folder.stores()
        for id in recordings {
            let wraps = try await stores.keys.wraps(for: id)
            #expect(wraps.map(\.recipient).contains(escrow.recipient.fingerprint))
            var audio: [UInt8] = []
            try EnvelopeReader(source: try stores.blobs.source(for: id), wraps: wraps, identity: escrow)
                .readAll(to: &audio)
            #expect(audio.count == 2 * 8_000 * 2 && audio.first == VaultFixture.sample(track: 0, position: 0))
            let rewraps = try await fixture.auditEntries(about: id).filter { $0.record.action == .keyRewrap }
            #expect(rewraps.map(\.record.reasons) == [["added recipient \(escrow.recipient.fingerprint)"]])
        }
        #expect(try await stores.keys.wraps(for: deleted).isEmpty, "a deleted recording is never given keys")
        #expect(try fixture.folder.configuration().additionalRecipients == [escrow.recipient])

        let again = try fixture.run("rotate", "--add", "escrow.id.pub")
        #expect(again.standardOutput.contains("0 rewrapped, 2 already current, 1 without keys"), "\(again)")

        // Recordings made from now on are encrypted for the new recipient too.
        let later = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-60))[0]
        #expect(try await stores.keys.wraps(for: later).map(\.recipient).contains(escrow.recipient.fingerprint))
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    @Test("rotate removes a recipient's wraps, and refuses to remove the vault's own identity")
    func rotateRemoves() async throws {
        let fixture = try VaultFixture()
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try #require(try fixture.run("rotate", "--add", "escrow.id.pub").status == ExitStatus.success)
        let escrow = try IdentityFile.recipient(in: try fixture.workspace.text("escrow.id"))

        let removed = try fixture.run("rotate", "--remove", escrow.fingerprint.description)
        #expect(removed.status == ExitStatus.success, "\(removed)")
        #expect(removed.standardOutput.contains("1 rewrapped"), "\(removed)")
        let stores = try fixture.folder.stores()
        #expect(!(try await stores.keys.wraps(for: id)).map(\.recipient).contains(escrow.fingerprint))
        #expect(try fixture.folder.configuration().additionalRecipients.isEmpty)

        let own = try IdentityFile.recipient(in: try fixture.workspace.text("vault/keys/recordings.identity"))
        let refused = try fixture.run("rotate", "--remove", own.fingerprint.description)
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("the vault's own identity"), "\(refused)")
        #expect(try fixture.run("rotate").status == ExitStatus.usage)
    }
}
