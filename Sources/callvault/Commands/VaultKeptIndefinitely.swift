import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault kept-indefinitely`: the recordings no sweep will delete as the vault stands.
struct VaultKeptIndefinitely: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kept-indefinitely",
        abstract: "List the recordings no sweep will ever delete as things stand: held, or with no retention end.",
        discussion: """
            A sweep deletes a recording once its retention has ended and no legal hold covers it. \
            This lists every recording with audio (complete or incomplete) for which that never \
            happens unless something changes: "held" (a legal hold covers it; it is kept until two \
            officers release the hold, whatever its retention says), "no-retention-end" (its \
            schedule sets no deletion time, so it is kept until a policy or an erasure request \
            gives one), or "no-retention-record" (the vault holds no retention schedule for it at \
            all, so no sweep will ever find it: a damaged or incomplete vault, see 'vault verify'). \
            A recording can have several reasons.

            Reads the catalog and the retention store only: no passphrase is needed and nothing is \
            written. The audit log is checked against the vault's anchor first (exit 2, or 3 for a \
            log cut short). With --json: a list of {"id", "callID", "state", "startedAt", \
            "reasons", "holds", "dueAt"}, "reasons" holding "held", "no-retention-end" and \
            "no-retention-record", "holds" the ids of the holds covering it, "dueAt" when its \
            retention ends (null when it never does). 'vault sweep --plan --as-of DATE' shows what \
            a sweep on DATE would delete.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    /// One recording as `--json` prints it.
    struct Row: Encodable {
        var id: String
        var callID: String
        var state: String
        var startedAt: Date
        var reasons: [String]
        var holds: [String]
        var dueAt: Date?

        // `dueAt` is written as null when absent: the key is part of the contract.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(callID, forKey: .callID)
            try container.encode(state, forKey: .state)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(holds, forKey: .holds)
            try container.encode(dueAt, forKey: .dueAt)
        }

        enum CodingKeys: String, CodingKey {
            case id, callID, state, startedAt, reasons, holds, dueAt
        }
    }

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let stores = try location.checkedStores()
            let holds = try await folder.checkedRetention().activeHolds()
            var rows: [Row] = []
            var cursor: RecordingID?
            while true {
                let page = try await stores.catalog.recordings(after: cursor, limit: 500)
                guard let last = page.last else { break }
                cursor = last.id
                for recording in page where recording.state == .complete || recording.state == .incomplete {
                    let record = try await stores.retention.record(recording.id)
                    let attributes = record?.attributes ?? recording.retentionAttributes
                    let holding = holds.filter { $0.holds(attributes) }.map(\.id.rawValue).sorted()
                    var reasons: [String] = []
                    if !holding.isEmpty { reasons.append("held") }
                    if let record {
                        if record.dueAt == nil { reasons.append("no-retention-end") }
                    } else {
                        reasons.append("no-retention-record")
                    }
                    guard !reasons.isEmpty else { continue }
                    rows.append(
                        Row(
                            id: recording.id.description, callID: recording.callID, state: recording.state.rawValue,
                            startedAt: recording.startedAt, reasons: reasons, holds: holding, dueAt: record?.dueAt))
                }
            }
            rows.sort { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
            if json {
                try VaultJSON.print(rows)
                return
            }
            guard !rows.isEmpty else {
                print("Every recording's retention ends, and no legal hold covers any: each will be deleted when due.")
                return
            }
            for row in rows {
                var why: [String] = []
                if !row.holds.isEmpty { why.append("held by \(row.holds.joined(separator: ", "))") }
                if row.reasons.contains("no-retention-end") { why.append("no retention end") }
                if row.reasons.contains("no-retention-record") { why.append("no retention record") }
                let due = row.dueAt.map { "  (retention ends \(VaultTime.text($0)))" } ?? ""
                print(
                    "\(row.id)  \(row.state)  \(VaultTime.text(row.startedAt))  \(row.callID)  \(why.joined(separator: "; "))\(due)"
                )
            }
            print("\(rows.count) recording\(rows.count == 1 ? "" : "s") kept until something changes.")
        }
    }
}
