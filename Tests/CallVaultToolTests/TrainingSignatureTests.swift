import CallVaultAccess
import CallVaultCore
import CallVaultSQLite
import Foundation
import GRDB
import Testing

/// Training completions decide access (a policy's `trainingCurrent`), so they are signed by the
/// organisation key (adversary finding 7: one inserted training_completion row turned a denied play
/// into an allowed one, and verify said all verify).
@Suite("callvault vault: signed training completions")
struct TrainingSignatureTests {
    @Test("a training row inserted into the database grants nothing and is reported by verify")
    func insertedRowRefused() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        // The policy requires the privacy course of supervisors (a signed, audited change).
        let policy = try fixture.workspace.text("vault/access-policy.json")
        try Data(
            policy.replacingOccurrences(
                of: "\"conditions\": { \"sameTeam\": true }",
                with: "\"conditions\": { \"sameTeam\": true, \"trainingCurrent\": \"call-recording-privacy\" }"
            ).utf8
        ).write(to: fixture.folder.accessPolicyFile)
        try #require(try fixture.run("accept-changes").status == ExitStatus.success)

        let eve = try fixture.principal("eve", role: "supervisor", team: "team-a")
        let play = { try fixture.run("play", id.description, "--as", eve, "--purpose", "quality", "--out", "eve.wav") }
        #expect(try play().status == 6, "untrained: denied")

        let database = try DatabaseQueue(
            path: fixture.directory.appendingPathComponent(SQLiteVault.databaseFileName).path)
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO training_completion (principal, course, version, completed_at, expires_at)
                    VALUES ('eve', 'call-recording-privacy', 3, ?, ?)
                    """,
                arguments: [
                    Date().addingTimeInterval(-86_400).timeIntervalSinceReferenceDate,
                    Date().addingTimeInterval(365 * 86_400).timeIntervalSinceReferenceDate,
                ])
        }
        try database.close()
        let forged = try play()
        #expect(forged.status == 6, "an inserted row decides nothing: \(forged)")
        let verified = try fixture.run("verify")
        #expect(verified.status == ExitStatus.tampered, "\(verified)")
        #expect(verified.standardOutput.contains("training eve  training-completion-invalid"), "\(verified)")

        // A completion recorded through the opened vault is signed, and counts.
        try await fixture.withVault { opened in
            try await opened.training.record(
                TrainingRecord(
                    course: "call-recording-privacy", version: 3, completedAt: Date().addingTimeInterval(-60),
                    expiresAt: Date().addingTimeInterval(365 * 86_400)),
                for: "maria")
        }
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let trained = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "m.wav")
        #expect(trained.status == ExitStatus.success, "\(trained)")
        let again = try fixture.run("verify")
        #expect(!again.standardOutput.contains("training maria"), "\(again)")
    }
}
