import Foundation
import Testing

/// The tool's own sentences that the message review found wrong (issue 13): an option `vault
/// audit` does not have, a span quoting options never given, a hold count with a recording named
/// twice.
@Suite("callvault: messages say what the command does and takes")
struct ToolMessageTests {
    @Test("vault audit's witness note names the command that takes --checkpoints, not an option of its own")
    func vaultAuditWitnessNote() async throws {
        let fixture = try VaultFixture()
        let audit = try fixture.run("audit")
        #expect(audit.status == ExitStatus.success, "\(audit)")
        #expect(!audit.standardOutput.contains("no witness file given (--checkpoints)"), "\(audit)")
        #expect(audit.standardOutput.contains("callvault audit verify --checkpoints"), "\(audit)")
    }

    @Test("a span outside the recording quotes only what was given; a hold counts each recording once")
    func spanAndHoldCount() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let late = try fixture.run(
            "play", id.description, "--as", maria, "--purpose", "quality", "--from", "100", "--out", "late.wav")
        #expect(late.status != ExitStatus.success, "\(late)")
        #expect(!late.standardError.contains("--to"), "no --to was given: \(late)")
        #expect(late.standardError.contains("from 100 s"), "\(late)")
        let placed = try fixture.run(
            "hold", "place", "--matter", "M-1", "--reason", "dispute", "--recording", id.description, "--recording",
            id.description, "--by", "legal.alice")
        #expect(placed.status == ExitStatus.success, "\(placed)")
        #expect(placed.standardOutput.contains("on 1 recording by"), "\(placed)")
    }
}
