public import CallVault
public import CallVaultCore
public import CallVaultCrypto

/// An `ExportRegister` in memory. A ``FaultPlan`` can make an add fail as if the process died there.
public final class InMemoryExportRegister: ExportRegister {
    private let records = LockedState<[SignedExportRecord]>([])
    private let faults: FaultPlan?

    /// Creates an empty register; `faults` simulates crashes.
    public init(faults: FaultPlan? = nil) {
        self.faults = faults
    }

    /// Adds a record once (by export id).
    public func add(_ record: SignedExportRecord) async throws {
        try faults?.step("exports.add")
        records.withLock { records in
            guard !records.contains(where: { $0.content.exportID == record.content.exportID }) else { return }
            records.append(record)
        }
    }

    /// The records naming the recording, oldest first.
    public func records(of recording: RecordingID) async throws -> [SignedExportRecord] {
        records.withLock { $0.filter { $0.content.recordingIDs.contains(recording) } }
    }

    /// Every record, oldest first.
    public func allRecords() async throws -> [SignedExportRecord] {
        records.withLock { $0 }
    }
}
