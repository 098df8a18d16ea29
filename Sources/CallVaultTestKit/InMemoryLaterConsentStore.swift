public import CallVault
public import CallVaultConsent
public import CallVaultCore
public import CallVaultCrypto

/// A `LaterConsentStore` in memory. A ``FaultPlan`` can make an add fail as if the process died
/// there.
public final class InMemoryLaterConsentStore: LaterConsentStore {
    private let receipts = LockedState<[SignedLaterConsentReceipt]>([])
    private let faults: FaultPlan?

    /// Creates an empty store; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Adds a receipt once (by receipt id).
    public func add(_ receipt: SignedLaterConsentReceipt) async throws {
        try faults?.step("laterConsents.add")
        receipts.withLock { receipts in
            guard !receipts.contains(where: { $0.content.receiptID == receipt.content.receiptID }) else { return }
            receipts.append(receipt)
        }
    }

    /// The receipts about the recording, oldest first.
    public func receipts(for recording: RecordingID) async throws -> [SignedLaterConsentReceipt] {
        receipts.withLock { $0.filter { $0.content.recordingID == recording } }
    }
}
