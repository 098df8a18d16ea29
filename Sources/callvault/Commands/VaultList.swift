import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

/// `callvault vault list`: the recordings in a vault.
struct VaultList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a vault's recordings, oldest first: id, state, start, length, call, agent, places, holds.",
        discussion: """
            Reads the catalog only: no passphrase is needed and nothing is written. The audit log is \
            checked against the vault's anchor first, as by every vault command (exit 2, or 3 for a \
            log cut short). States: \
            recording, complete, incomplete, discarded, unrecorded, deleted. A recording marked HELD \
            is covered by an active legal hold. With --json: a list of {"id", "state", "startedAt", \
            "endedAt", "seconds", "callID", "agentID", "team", "queue", "jurisdictions", "held"}.
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(
        help: ArgumentHelp("Only recordings in this state.", valueName: "state"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.state(text) })
    var state: VaultRecording.State?

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    /// One recording as `list --json` prints it.
    struct Row: Encodable {
        var id: String
        var state: String
        var startedAt: Date
        var endedAt: Date?
        var seconds: Double?
        var callID: String
        var agentID: String?
        var team: String?
        var queue: String?
        var jurisdictions: [String]
        var held: Bool
    }

    func run() async throws {
        try await reportingVaultFailures {
            let stores = try location.checkedStores()
            let holds = try await stores.retention.activeHolds()
            var rows: [Row] = []
            var cursor: RecordingID?
            while true {
                let page = try await stores.catalog.recordings(after: cursor, limit: 500)
                guard let last = page.last else { break }
                cursor = last.id
                for recording in page where state == nil || recording.state == state {
                    let attributes = recording.retentionAttributes
                    rows.append(
                        Row(
                            id: recording.id.description, state: recording.state.rawValue,
                            startedAt: recording.startedAt, endedAt: recording.endedAt,
                            seconds: VaultShowReport.seconds(of: recording), callID: recording.callID,
                            agentID: recording.agentID?.rawValue, team: recording.team, queue: recording.queue,
                            jurisdictions: recording.jurisdictions.map(\.description),
                            held: holds.contains { $0.holds(attributes) }))
                }
            }
            rows.sort { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
            if json {
                try VaultJSON.print(rows)
                return
            }
            if rows.isEmpty {
                print(state.map { "No recordings in state \($0.rawValue)." } ?? "No recordings.")
                return
            }
            for row in rows {
                let length = row.seconds.map { String(format: "%7.1fs", $0) } ?? "      -"
                let fields = [
                    row.id, row.state.padding(toLength: 10, withPad: " ", startingAt: 0), VaultTime.text(row.startedAt),
                    length, row.callID, row.agentID ?? "-", row.jurisdictions.joined(separator: ","),
                ]
                print(fields.joined(separator: "  ") + (row.held ? "  HELD" : ""))
            }
            print("\(rows.count) recording\(rows.count == 1 ? "" : "s").")
        }
    }
}
