import CallVault
import CallVaultCore
import Foundation
import GRDB
import Testing

/// A complaint that names a call or a customer, and no recording, used to place no hold: the
/// recordings it disputes were swept while it was open, and a non-officer could file it.
@Suite("a complaint holds the recordings of the calls and the customer it names")
struct ComplaintHoldScopeTests {
    static let threeYearsAgo = Date().addingTimeInterval(-3 * 365 * 86_400)

    @Test(
        "filed by call or by customer: a hold on those recordings, the sweep keeps them, others go",
        arguments: [["--call", "call-1"], ["--customer", "customer-1"]])
    func namedByCallOrCustomer(naming: [String]) async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Self.threeYearsAgo)
        let filed = try Tool.run(
            ["vault", "complaint", "file"] + naming + [
                "--channel", "phone", "--text", "I dispute this call", "--received-by", "legal.alice", "--vault",
                fixture.name,
            ], in: fixture.workspace.directory)
        #expect(filed.status == ExitStatus.success, "\(filed)")
        #expect(filed.standardOutput.contains("on 1 recording"), "\(filed)")

        let sweep = try fixture.run("sweep")
        #expect(sweep.status == ExitStatus.success, "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, ids[0]) == "complete", "\(sweep)")
        #expect(try DatabaseEdit.state(fixture, ids[1]) == "deleted", "\(sweep)")
    }

    @Test("filed by customer by someone who may not place holds: refused (exit 6), nothing filed")
    func notAnOfficer() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Self.threeYearsAgo)
        let filed = try fixture.run(
            "complaint", "file", "--customer", "customer-1", "--channel", "phone", "--text", "t", "--received-by",
            "mallory")
        #expect(filed.status == 6, "\(filed)")
        let list = try fixture.run("complaint", "list")
        #expect(!list.standardOutput.contains("cmp-"), "\(list)")
    }
}
