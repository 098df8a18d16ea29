import CallVault
import CallVaultCore
import Foundation
import Testing

/// `callvault vault audit` against the vault's own key, and the complaint lifecycle.
@Suite("callvault vault: audit and complaints")
struct VaultAuditComplaintTests {
    let fixture: VaultFixture
    let id: RecordingID

    init() async throws {
        fixture = try VaultFixture()
        id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
    }

    @Test("audit: an intact log verifies against the vault's key; a flipped byte is exit 2, naming the line")
    func audit() throws {
        let intact = try fixture.run("audit")
        #expect(intact.status == ExitStatus.success, "\(intact)")
        #expect(intact.standardOutput.contains("intact: "), "\(intact)")
        #expect(intact.standardOutput.contains("(the key given)"), "checked against the vault's own key: \(intact)")

        var bytes = try fixture.workspace.read("vault/audit.log")
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        try #require(lineStarts.count > 4)
        let target = lineStarts[2] + (lineStarts[3] - lineStarts[2]) / 2
        bytes[target] ^= 0x01
        try fixture.workspace.write(bytes, to: "vault/audit.log")

        let tampered = try fixture.run("audit")
        #expect(tampered.status == ExitStatus.tampered, "\(tampered)")
        #expect(tampered.standardOutput.hasPrefix("TAMPERED: line 3"), "\(tampered)")
        #expect(tampered.standardError.contains("tampered at line 3"), "\(tampered)")
        let json = try fixture.run("audit", "--json")
        #expect(json.status == ExitStatus.tampered && json.standardOutput.contains("\"verdict\" : \"tampered\""))
    }

    @Test("a complaint is filed with a hold, investigated, and closed by a handler and a reviewer")
    func complaintLifecycle() throws {
        let filed = try fixture.run(
            "complaint", "file", "--recording", id.description, "--customer", "customer-1", "--channel", "phone",
            "--text", "I was charged twice.", "--received-by", "desk")
        #expect(filed.status == ExitStatus.success, "\(filed)")
        let complaint = try #require(
            filed.standardOutput.split(separator: " ").first { $0.hasPrefix("cmp-") }.map(String.init))
        #expect(filed.standardOutput.contains("hold: complaint-\(complaint) on 1 recording"), "\(filed)")
        #expect(try fixture.run("show", id.description).standardOutput.contains("complaint-\(complaint)"))
        #expect(try fixture.run("complaint", "list").standardOutput.contains("\(complaint)  received"))

        let outsider = try fixture.run(
            "complaint", "file", "--recording", id.description, "--channel", "web", "--text", "Hello",
            "--received-by", "mallory")
        #expect(outsider.status == 6, "filing places a hold, which only officers may: \(outsider)")

        let early = try fixture.run(
            "complaint", "close", complaint, "--resolved", "--outcome", "Refunded", "--by", "legal.alice",
            "--reviewed-by", "legal.bob")
        #expect(early.status == ExitStatus.badInput, "\(early)")
        #expect(early.standardError.contains("cannot become resolved"), "\(early)")

        let started = try fixture.run("complaint", "start", complaint, "--by", "legal.alice")
        #expect(started.status == ExitStatus.success, "\(started)")
        #expect(started.standardOutput.contains("is investigating, handled by legal.alice"), "\(started)")

        let selfReviewed = try fixture.run(
            "complaint", "close", complaint, "--resolved", "--outcome", "Refunded", "--by", "legal.alice",
            "--reviewed-by", "legal.alice")
        #expect(selfReviewed.status == ExitStatus.badInput, "\(selfReviewed)")
        let notOfficer = try fixture.run(
            "complaint", "close", complaint, "--resolved", "--outcome", "Refunded", "--by", "legal.alice",
            "--reviewed-by", "mallory")
        #expect(notOfficer.status == 6, "\(notOfficer)")
        #expect(try fixture.run("complaint", "list").standardOutput.contains("\(complaint)  investigating"))

        let closed = try fixture.run(
            "complaint", "close", complaint, "--resolved", "--outcome", "Refunded the second charge.", "--by",
            "legal.alice", "--reviewed-by", "legal.bob")
        #expect(closed.status == ExitStatus.success, "\(closed)")
        #expect(closed.standardOutput.contains("hold complaint-\(complaint) released"), "\(closed)")
        #expect(try fixture.run("show", id.description).standardOutput.contains("holds: none"))
        #expect(try fixture.run("complaint", "list").standardOutput.contains("0 open complaints."))
        let all = try fixture.run("complaint", "list", "--all", "--json")
        #expect(all.standardOutput.contains("\"state\" : \"resolved\""), "\(all)")
        #expect(all.standardOutput.contains("Refunded the second charge."), "\(all)")
        #expect(!all.standardOutput.contains("Hello"), "the refused filing left no complaint behind")

        let unknown = try fixture.run("complaint", "start", "cmp-000000000000", "--by", "legal.alice")
        #expect(unknown.status == ExitStatus.badInput, "\(unknown)")
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }
}
