/// Where complaints are kept.
public protocol ComplaintStore: Sendable {
    /// Saves a complaint as a compare-and-swap: inserts it when `previous` is `nil` and the id is
    /// free, or replaces the stored complaint when it still equals `previous`.
    ///
    /// - Throws: ``ComplaintError/changedMeanwhile(_:)`` otherwise, so no step is lost.
    func save(_ complaint: Complaint, replacing previous: Complaint?) async throws

    /// A complaint.
    func complaint(_ id: ComplaintID) async throws -> Complaint?

    /// Complaints in any of `states`, oldest first.
    func complaints(in states: Set<Complaint.State>) async throws -> [Complaint]

    /// A customer's complaints, oldest first.
    func complaints(ofCustomer customerID: String) async throws -> [Complaint]
}
