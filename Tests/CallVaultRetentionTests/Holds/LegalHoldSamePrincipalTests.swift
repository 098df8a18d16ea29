import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// The two-person release of a legal hold counts people, not spellings: the requester approving
/// under another spelling of their own id is the requester approving.
@Suite("Legal holds: the approver is another person")
struct LegalHoldSamePrincipalTests {
    @Test("a release approved by the requester spelled in another case or width is refused")
    func requesterSpelledDifferently() throws {
        let at = try CatalogFixture.instant("2026-09-01T12:00:00Z")
        let requested = try LegalHoldTests.hold(.agent("A-7"))
            .requestingRelease(by: "legal.alice", at: at, reason: "settled")
        for spelling in ["LEGAL.ALICE", "Legal.Alice", "ｌｅｇａｌ.ａｌｉｃｅ"] {
            let approver = try PrincipalID(spelling)
            #expect(throws: LegalHoldError.approverIsRequester("hold-1", principal: approver), "\(spelling)") {
                try requested.approvingRelease(by: approver, at: at.addingTimeInterval(60))
            }
        }
        #expect(!(try requested.approvingRelease(by: "legal.bob", at: at.addingTimeInterval(60))).isActive)
    }

    @Test("being a hold officer needs the exact id: another spelling is not an officer")
    func officersNeedTheExactID() async {
        let officers = LegalHoldOfficers(["legal.alice"])
        #expect(await officers.mayManageLegalHolds("legal.alice"))
        #expect(!(await officers.mayManageLegalHolds("LEGAL.ALICE")))
    }
}
