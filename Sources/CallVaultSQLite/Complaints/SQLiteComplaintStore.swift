public import CallVault
import CallVaultCore
import Foundation
import GRDB

/// Complaints in the vault database: the case as JSON, with its state, customer and receipt time
/// in columns for the desk's queries. Saves are compare-and-swaps inside one write transaction.
public struct SQLiteComplaintStore: ComplaintStore {
    private let database: SQLiteVaultDatabase

    /// A store over `database`.
    public init(database: SQLiteVaultDatabase) {
        self.database = database
    }

    /// Saves by compare-and-swap.
    ///
    /// - Throws: `ComplaintError.changedMeanwhile` when the stored case is not `previous`.
    public func save(_ complaint: Complaint, replacing previous: Complaint?) async throws {
        let json = try StoredValues.json(complaint)
        try await database.write { db in
            let stored = try String.fetchOne(
                db, sql: "SELECT body FROM complaint WHERE id = ?", arguments: [complaint.id.rawValue])
            let current = try stored.map { try Self.decode($0, id: complaint.id.rawValue) }
            guard current == previous else { throw ComplaintError.changedMeanwhile(complaint.id) }
            try db.execute(
                sql: """
                    INSERT INTO complaint (id, state, customer_id, received_at, body) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body
                    """,
                arguments: [
                    complaint.id.rawValue, complaint.state.rawValue, complaint.customerID,
                    StoredValues.time(complaint.receivedAt), json,
                ])
        }
    }

    /// A complaint.
    public func complaint(_ id: ComplaintID) async throws -> Complaint? {
        try await fetch("id = ?", [id.rawValue]).first
    }

    /// Complaints in any of `states`, oldest first.
    public func complaints(in states: Set<Complaint.State>) async throws -> [Complaint] {
        let names = states.map(\.rawValue).sorted()
        guard !names.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
        return try await fetch("state IN (\(marks))", StatementArguments(names))
    }

    /// A customer's complaints, oldest first.
    public func complaints(ofCustomer customerID: String) async throws -> [Complaint] {
        try await fetch("customer_id = ?", [customerID])
    }

    private func fetch(_ condition: String, _ arguments: StatementArguments) async throws -> [Complaint] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, body FROM complaint WHERE \(condition) ORDER BY received_at, id",
                arguments: arguments
            ).map { row in try Self.decode(row["body"], id: row["id"]) }
        }
    }

    private static func decode(_ body: String, id: String) throws -> Complaint {
        try StoredValues.decode(Complaint.self, from: body, table: "complaint", key: id, column: "body")
    }
}
