public import CallVault
import CallVaultCore

/// A `ComplaintStore` in memory.
public final class InMemoryComplaintStore: ComplaintStore {
    private let complaints = LockedState<[ComplaintID: Complaint]>([:])

    /// Creates an empty store.
    public init() {}

    /// Saves by compare-and-swap.
    public func save(_ complaint: Complaint, replacing previous: Complaint?) async throws {
        try complaints.withLock { complaints in
            guard complaints[complaint.id] == previous else { throw ComplaintError.changedMeanwhile(complaint.id) }
            complaints[complaint.id] = complaint
        }
    }

    /// A complaint.
    public func complaint(_ id: ComplaintID) async throws -> Complaint? {
        complaints.withLock { $0[id] }
    }

    /// Complaints in any of the states, oldest first.
    public func complaints(in states: Set<Complaint.State>) async throws -> [Complaint] {
        sorted { states.contains($0.state) }
    }

    /// A customer's complaints, oldest first.
    public func complaints(ofCustomer customerID: String) async throws -> [Complaint] {
        sorted { $0.customerID == customerID }
    }

    private func sorted(where include: (Complaint) -> Bool) -> [Complaint] {
        complaints.withLock { Array($0.values) }.filter(include).sorted {
            ($0.receivedAt, $0.id.rawValue) < ($1.receivedAt, $1.id.rawValue)
        }
    }
}
