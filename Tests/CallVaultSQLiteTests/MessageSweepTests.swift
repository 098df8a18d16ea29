import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultFileStore
import CallVaultRetention
import CallVaultSQLite
import Testing

/// A read of every error message for sentences that contradict themselves or give advice that
/// cannot work (issue 13): each case is one such sentence, now said right.
@Suite("Error messages: no self-contradiction, no advice that cannot work")
struct MessageSweepTests {
    @Test("a complaint step to the state it is in says so, instead of 'is X and cannot become X'")
    func complaintAlreadyInState() {
        let id = ComplaintID("C-1")
        let same = ComplaintError(.invalidTransition(id, from: .investigating, to: .investigating))
        #expect(same.message == "Complaint C-1 is already investigating.")
        let other = ComplaintError(.invalidTransition(id, from: .received, to: .resolved))
        #expect(other.message.contains("is received and cannot become resolved"))
    }

    @Test("a missing outcome asks for the outcome, not for what the customer said")
    func complaintOutcomeMissing() {
        let outcome = ComplaintError(.missingField("outcome")).message
        #expect(outcome.contains("give the outcome"))
        #expect(!outcome.contains("what the customer said"))
    }

    @Test("a complaint that gives no access claims neither that it is open nor that the recording is unlinked")
    func complaintAccess() {
        let message = ComplaintError(.notLinked(ComplaintID("C-1"), RecordingID())).message
        #expect(!message.contains("open complaint"))
        #expect(message.contains("only while it is open"))
    }

    @Test(
        "a missing or emptied log without an anchor asks for the latest backup, not one 'reaching the anchored entry'")
    func auditLogWithoutAnchor() {
        for error in [
            VaultAuditLogError.missing(path: "/v/audit.log", anchor: nil),
            VaultAuditLogError.emptied(path: "/v/audit.log", anchor: nil),
        ] {
            #expect(!error.message.contains("anchored entry"), "\(error.message)")
            #expect(error.message.contains("most recent backup"), "\(error.message)")
        }
    }

    @Test("the segment size suggested for whole sample frames is one the header accepts")
    func segmentSizeSuggestion() {
        for (size, frame) in [(16, 6), (100, 128), (17, 2), (1_000, 6), (20, 3)] {
            let suggested = EnvelopeConfiguration.wholeFrameSegmentSize(near: size, frame: frame)
            #expect(suggested >= 16 && suggested % frame == 0, "\(size), \(frame) -> \(suggested)")
        }
        #expect(EnvelopeConfiguration.wholeFrameSegmentSize(near: 1_000, frame: 6) == 996)
    }

    @Test("a hold marked released without its audit entry is not said to be releasable again")
    func holdReleasedWithoutEntry() {
        let text = LegalHoldDiscrepancy.releasedWithoutAuditEntry("H-1").description
        #expect(!text.contains("release it again"))
        #expect(text.contains("stays in force"))
    }

    @Test("a sealed file that no longer reads is not offered to be signed as it is")
    func unreadableSealedFile() {
        let error = VaultFilesError(.alteredUnreadable(path: "/v/vault.json", version: 3, reason: "line 2: not JSON."))
        #expect(error.code == .altered)
        #expect(error.message.contains("accept-changes --restore"))
        #expect(error.message.contains("fix the file and then sign it"))
        #expect(!error.message.contains("If you made this change yourself, sign it"))
    }
}
