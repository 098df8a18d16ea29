import CallVaultAudit
public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto
import Foundation

extension Vault {
    /// Records that the customer agreed, after the call, to purposes they were not told of on it
    /// (by a follow-up call, a web form...): a signed `LaterConsentReceipt` linked to the
    /// recording, audited (`consent.later-given`) and then stored. From then on the recording's
    /// disclosed purposes (``disclosedPurposes(of:)``) are those told of on the call plus these,
    /// and access decisions for them follow the rules. The catalog entry is never edited.
    ///
    /// ```swift
    /// let receipt = try await vault.recordLaterConsent(
    ///     recording: id, purposes: [.training], channel: "web-form", evidence: "form 88412", by: "dpo.ana")
    /// ```
    ///
    /// - Parameters:
    ///   - id: the recording.
    ///   - purposes: the purposes agreed to.
    ///   - channel: how the customer was asked (one of `LaterConsentReceipt/channels`).
    ///   - evidence: what proves it (a form submission's reference, a follow-up call's id).
    ///   - principal: who records it.
    /// - Returns: the signed receipt, which can be given to the customer.
    /// - Throws: ``LaterConsentError`` for a recording that is missing or deleted, no purposes,
    ///   an unknown channel, no evidence or purposes already disclosed; the stores' errors.
    @discardableResult
    public func recordLaterConsent(
        recording id: RecordingID, purposes: Set<Purpose>, channel: String, evidence: String,
        by principal: PrincipalID
    ) async throws -> SignedLaterConsentReceipt {
        let (recording, receipts) = try await laterConsentSubject(id, purposes, channel, evidence)
        let disclosed = try disclosedPurposes(of: recording, laterReceipts: receipts)
        guard !purposes.isSubset(of: disclosed) else {
            throw LaterConsentError.alreadyDisclosed(id, purposes: purposes.map(\.identifier).sorted())
        }
        let signed = try laterReceipt(.given, recording, purposes, channel, evidence, principal)
        // Audited before it is stored: a consent that widens access takes effect only once the log
        // holds it (a crash in between leaves it logged but not in force, the stricter side).
        try await auditLaterConsent(signed)
        try await storage.laterConsents.add(signed)
        return signed
    }

    /// Records that the customer withdrew a consent they gave after the call: a signed receipt,
    /// stored and then audited (`consent.later-withdrawn`). The purposes are no longer disclosed.
    ///
    /// - Parameters:
    ///   - id: the recording.
    ///   - purposes: the purposes withdrawn; each must have been given by a later consent in force.
    ///   - channel: how the customer withdrew (one of `LaterConsentReceipt/channels`).
    ///   - evidence: what proves it.
    ///   - principal: who records it.
    /// - Returns: the signed receipt.
    /// - Throws: ``LaterConsentError`` as ``recordLaterConsent(recording:purposes:channel:evidence:by:)``,
    ///   and ``LaterConsentError/notGivenLater(_:purposes:)`` for a purpose no later consent gave.
    @discardableResult
    public func withdrawLaterConsent(
        recording id: RecordingID, purposes: Set<Purpose>, channel: String, evidence: String,
        by principal: PrincipalID
    ) async throws -> SignedLaterConsentReceipt {
        let (recording, receipts) = try await laterConsentSubject(id, purposes, channel, evidence)
        let inForce = Self.laterPurposesInForce(receipts)
        let notGiven = purposes.subtracting(inForce)
        guard notGiven.isEmpty else {
            throw LaterConsentError.notGivenLater(id, purposes: notGiven.map(\.identifier).sorted())
        }
        let signed = try laterReceipt(.withdrawn, recording, purposes, channel, evidence, principal)
        // Stored before it is audited: a withdrawal narrows access, so it takes effect at once.
        try await storage.laterConsents.add(signed)
        try await auditLaterConsent(signed)
        return signed
    }

    /// The prefix of a later consent's audit event id, followed by the receipt id.
    public static let laterConsentEventPrefix = "later-consent:"

    /// The recording's later consent receipts, oldest first, each checked with the organisation's
    /// key, and checked against the audit log: every withdrawal the log records must be stored.
    ///
    /// A receipt's signature cannot be forged, but its row can be deleted: deleting a withdrawal
    /// would put the purposes it withdrew back in force. The withdrawal is stored before it is
    /// audited, so a withdrawal in the log and not in the store was deleted: access is refused
    /// (the stricter side) rather than widened.
    ///
    /// - Throws: ``LaterConsentError/receiptDoesNotVerify(_:receiptID:)`` for a receipt that does
    ///   not verify or is about another recording; ``LaterConsentError/withdrawalMissing(_:receiptID:)``
    ///   for a withdrawal the audit log records and the store lacks.
    public func laterConsents(of id: RecordingID) async throws -> [SignedLaterConsentReceipt] {
        let receipts = try await storage.laterConsents.receipts(for: id)
        let key = settings.receiptSigner.verifyingKey
        for signed in receipts {
            guard (try? signed.verified(by: key)) != nil, signed.content.recordingID == id else {
                throw LaterConsentError.receiptDoesNotVerify(id, receiptID: signed.content.receiptID)
            }
        }
        let stored = Set(receipts.map(\.content.receiptID))
        for entry in try await trail.entries(about: AuditRecord.target(id))
        where entry.record.action.identifier == "consent.later-withdrawn" {
            guard let event = entry.record.eventID, event.hasPrefix(Self.laterConsentEventPrefix) else { continue }
            let receiptID = String(event.dropFirst(Self.laterConsentEventPrefix.count))
            guard stored.contains(receiptID) else {
                throw LaterConsentError.withdrawalMissing(id, receiptID: receiptID)
            }
        }
        return receipts
    }

    /// The purposes a recording may be used for: those told of on the call (its catalog entry)
    /// plus those later consents gave and did not withdraw.
    ///
    /// - Throws: ``LaterConsentError/receiptDoesNotVerify(_:receiptID:)``; the store's errors.
    public func disclosedPurposes(of recording: RecordingEntry) async throws -> Set<Purpose> {
        try disclosedPurposes(of: recording, laterReceipts: try await laterConsents(of: recording.id))
    }

    private func disclosedPurposes(of recording: RecordingEntry, laterReceipts: [SignedLaterConsentReceipt]) throws
        -> Set<Purpose>
    {
        recording.disclosedPurposes.union(Self.laterPurposesInForce(laterReceipts))
    }

    /// The purposes given by later consents and not withdrawn since, in receipt order (the
    /// receipts' signatures are not checked here: ``laterConsents(of:)`` does).
    public static func laterPurposesInForce(_ receipts: [SignedLaterConsentReceipt]) -> Set<Purpose> {
        var purposes: Set<Purpose> = []
        for receipt in receipts.map(\.content) {
            switch receipt.change {
            case .given: purposes.formUnion(receipt.purposes)
            case .withdrawn: purposes.subtract(receipt.purposes)
            }
        }
        return purposes
    }

    /// The recording a later consent is about, and its receipts so far, after checking the request.
    private func laterConsentSubject(
        _ id: RecordingID, _ purposes: Set<Purpose>, _ channel: String, _ evidence: String
    ) async throws -> (RecordingEntry, [SignedLaterConsentReceipt]) {
        guard !purposes.isEmpty else { throw LaterConsentError.noPurposes }
        guard LaterConsentReceipt.channels.contains(channel) else { throw LaterConsentError.unknownChannel(channel) }
        guard !evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LaterConsentError.evidenceMissing
        }
        guard let recording = try await storage.catalog.recording(id) else {
            throw LaterConsentError.recordingNotFound(id)
        }
        guard recording.state != .deleted, try await !deletionIsRecorded(id) else {
            throw LaterConsentError.recordingDeleted(id)
        }
        return (recording, try await laterConsents(of: id))
    }

    private func laterReceipt(
        _ change: LaterConsentReceipt.Change, _ recording: RecordingEntry, _ purposes: Set<Purpose>,
        _ channel: String, _ evidence: String, _ principal: PrincipalID
    ) throws -> SignedLaterConsentReceipt {
        let receipt = LaterConsentReceipt(
            receiptID: UUID().uuidString.lowercased(), recordingID: recording.id, callID: recording.callID,
            change: change, purposes: purposes, channel: channel, evidence: evidence, recordedBy: principal,
            recordedAt: clock.now)
        return try SignedLaterConsentReceipt(signing: receipt, with: settings.receiptSigner)
    }

    private func auditLaterConsent(_ signed: SignedLaterConsentReceipt) async throws {
        let receipt = signed.content
        _ = try await recordAudit(
            AuditRecord(
                actor: receipt.recordedBy,
                action: try AuditAction(receipt.change == .given ? "consent.later-given" : "consent.later-withdrawn"),
                target: AuditRecord.target(receipt.recordingID), purpose: nil, outcome: .succeeded,
                reasons: [
                    "\(receipt.change.rawValue) for \(receipt.purposes.map(\.identifier).joined(separator: ", ")) by \(receipt.channel)",
                    "evidence \(receipt.evidence)",
                    "receipt \(receipt.receiptID)",
                ],
                eventID: Self.laterConsentEventPrefix + receipt.receiptID))
    }
}
