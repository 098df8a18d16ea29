import CallVault
import CallVaultCore
import Foundation
import Testing

/// A complaint's closure is reviewed by a second person: the handler under another spelling of
/// their own id is not one.
@Suite("Complaints: the reviewer is another person")
struct ComplaintReviewerTests {
    @Test("closing with the handler spelled in another case as the reviewer is refused")
    func handlerSpelledDifferently() throws {
        let at = Date(timeIntervalSince1970: 1_772_442_000)
        var (complaint, _) = try Complaint.receive(
            customerID: "c-1", channel: "phone", callIDs: [], recordingIDs: [RecordingID()], text: "no refund",
            receivedBy: "desk", at: at, policy: ComplaintPolicy())
        _ = try complaint.startInvestigation(by: "handler.kim", at: at)
        let reviewer: PrincipalID = "HANDLER.KIM"
        #expect(throws: ComplaintError.reviewerIsHandler("handler.kim")) {
            try complaint.close(as: .resolved, outcome: "refunded", by: "handler.kim", reviewedBy: reviewer, at: at)
        }
        #expect(complaint.state == .investigating)
        _ = try complaint.close(as: .resolved, outcome: "refunded", by: "handler.kim", reviewedBy: "lead.omar", at: at)
        #expect(complaint.state == .resolved)
    }
}
