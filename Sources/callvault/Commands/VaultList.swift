import ArgumentParser
import CallVault
import CallVaultAudit
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
            is covered by an active legal hold. A recording marked TAMPERED has a catalog entry that \
            does not verify against the organisation's key (changed outside CallVault: refused for \
            playback and exports), one marked UNSIGNED was written before catalog signatures and is \
            adopted when the vault is next opened for writing; 'callvault vault verify' says more. \
            With --json: a list of {"id", "state", "startedAt", "endedAt", "seconds", "callID", \
            "agentID", "team", "queue", "jurisdictions", "held", "integrity", "integrityProblem", "deletionInProgress", "simulation"}, \
            integrity being "verified", "unsigned-legacy" or "tampered", and "simulation" true on \
            every row of a simulated vault (made with 'vault init --simulation'; its times are \
            simulated), whose text list ends "(a simulated vault)" and whose header starts with a \
            SIMULATION line.

            A header row names the columns when standard output is a terminal; through a pipe or \
            into a file the output is the rows and the count only, as scripts read it. --header \
            prints the header anyway, --no-header never (the two together are a usage error, 64); \
            --json is never given one.
            """
    )

    @OptionGroup var location: VaultLocation

    @Option(
        help: ArgumentHelp("Only recordings in this state.", valueName: "state"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.state(text) })
    var state: RecordingEntry.State?

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    @Flag(
        inversion: .prefixedNo, exclusivity: .exclusive,
        help: "Print a header row naming the columns (default: only when standard output is a terminal).")
    var header: Bool?

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
        var integrity: String
        var integrityProblem: String?
        /// A sweep began deleting it (its signed deletion journal says so) and was stopped before
        /// the catalog was updated: its keys and blob may already be gone.
        var deletionInProgress = false
        /// The vault is a simulation (its times are simulated), on every row since the list is a
        /// JSON array.
        var simulation = false
    }

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let stores = try location.checkedStores()
            let simulation = try folder.configuration().simulation
            let key = try folder.verifyingKey()
            let trail = AuditFileTrail(path: folder.auditLogFile.path)
            let hasLog = FileManager.default.fileExists(atPath: folder.auditLogFile.path)
            let holds = try await folder.checkedRetention().activeHolds()
            var entries: [CatalogEntry] = []
            var cursor: RecordingID?
            while true {
                let page = try await stores.catalog.entries(after: cursor, limit: 500, verifyingKey: key)
                guard let last = page.last else { break }
                cursor = last.id
                entries += page
            }
            let legacy =
                hasLog
                ? try await CatalogSignatureAdoption.unsignedRowsAreLegacy(
                    stores.database, verifyingKey: key, trail: trail) : true
            // Deletions a sweep began and has not finished (the journal is in the signed
            // retention record; the sweep clears it when the catalog says deleted).
            let deleting = Set(
                try await folder.checkedRetention().deletionsInProgress(limit: Int.max).filter { $0.deletion != nil }
                    .map(
                        \.recordingID))
            var rows: [Row] = []
            for entry in entries {
                guard let recording = entry.recording else {
                    rows.append(Row(unreadable: entry))
                    continue
                }
                if let state, recording.state != state { continue }
                let attributes = recording.retentionAttributes
                rows.append(
                    Row(
                        id: recording.id.description, state: recording.state.rawValue,
                        startedAt: recording.startedAt, endedAt: recording.endedAt,
                        seconds: VaultShowReport.seconds(of: recording), callID: recording.callID,
                        agentID: recording.agentID?.rawValue, team: recording.team, queue: recording.queue,
                        jurisdictions: recording.jurisdictions.map(\.description),
                        held: holds.contains { $0.holds(attributes) },
                        integrity: Self.integrity(entry.integrity, legacy: legacy),
                        integrityProblem: entry.integrity.isVerified ? nil : entry.integrity.reason,
                        deletionInProgress: recording.state != .deleted && deleting.contains(recording.id)))
            }
            // Unreadable rows too: the mark is the vault's, whatever a row holds.
            for index in rows.indices { rows[index].simulation = simulation }
            rows.sort { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
            if json {
                try VaultJSON.print(rows)
                return
            }
            if rows.isEmpty {
                print(state.map { "No recordings in state \($0.rawValue)." } ?? "No recordings.")
                return
            }
            // With the header (for a person), the call and agent columns are padded to line up under
            // it; without it (for a script), each row is as it always was.
            let aligned = header ?? StandardOutput.isTerminal
            let callWidth = aligned ? max(4, rows.map { TerminalText.field($0.callID).count }.max() ?? 0) : 0
            let agentWidth = aligned ? max(5, rows.map { TerminalText.field($0.agentID ?? "-").count }.max() ?? 0) : 0
            let placesWidth =
                aligned
                ? max(6, rows.map { TerminalText.field($0.jurisdictions.joined(separator: ",")).count }.max() ?? 0) : 0
            if aligned {
                if simulation { print("SIMULATION: this vault is a simulation; its times are simulated") }
                print(Self.headerRow(callWidth: callWidth, agentWidth: agentWidth, placesWidth: placesWidth))
            }
            for row in rows {
                let length = row.seconds.map { String(format: "%7.1fs", $0) } ?? "       -"
                let fields = [
                    row.id,
                    (row.deletionInProgress ? "deleting" : row.state).padding(
                        toLength: 10, withPad: " ", startingAt: 0),
                    VaultTime.text(row.startedAt),
                    length, Self.padded(row.callID, to: callWidth), Self.padded(row.agentID ?? "-", to: agentWidth),
                    Self.padded(row.jurisdictions.joined(separator: ","), to: placesWidth),
                ]
                let flag =
                    switch row.integrity {
                    case "verified": ""
                    case "unsigned-legacy": "  UNSIGNED"
                    default: "  TAMPERED"
                    }
                let line = fields.joined(separator: "  ") + (row.held ? "  HELD" : "") + flag
                // Padding kept only before a flag: a row without one ends at its last field.
                print(aligned ? String(line.reversed().drop { $0 == " " }.reversed()) : line)
            }
            print("\(rows.count) recording\(rows.count == 1 ? "" : "s")\(simulation ? " (a simulated vault)" : "").")
        }
    }
}

extension VaultList {
    /// The names of the columns, over them: a person reading the list at a terminal sees what each
    /// is; a script reading it through a pipe gets only the rows, as before the header existed,
    /// unless it asks with `--header`.
    static func headerRow(callWidth: Int, agentWidth: Int, placesWidth: Int) -> String {
        [
            "ID".padding(toLength: 36, withPad: " ", startingAt: 0),
            "STATE".padding(toLength: 10, withPad: " ", startingAt: 0),
            "STARTED".padding(toLength: 20, withPad: " ", startingAt: 0),
            "  LENGTH", padded("CALL", to: callWidth), padded("AGENT", to: agentWidth),
            padded("PLACES", to: placesWidth), "FLAGS",
        ].joined(separator: "  ")
    }

    /// `text` padded with spaces to `width` characters as the terminal shows it (escapes
    /// counted), or as it is when it is as wide already.
    static func padded(_ text: String, to width: Int) -> String {
        let shown = TerminalText.field(text).count
        return shown >= width ? text : text + String(repeating: " ", count: width - shown)
    }

    /// The `integrity` value of a row: "verified", "unsigned-legacy" or "tampered".
    static func integrity(_ integrity: CatalogRowIntegrity, legacy: Bool) -> String {
        switch integrity {
        case .verified: "verified"
        case .unsigned: legacy ? "unsigned-legacy" : "tampered"
        case .invalid, .contradictsTombstone: "tampered"
        }
    }
}

extension VaultList.Row {
    /// A row that does not read back at all.
    init(unreadable entry: CatalogEntry) {
        self.init(
            id: entry.id.description, state: "unreadable", startedAt: Date(timeIntervalSinceReferenceDate: 0),
            endedAt: nil, seconds: nil, callID: "-", agentID: nil, team: nil, queue: nil, jurisdictions: [],
            held: false, integrity: "tampered", integrityProblem: entry.integrity.reason)
    }
}
