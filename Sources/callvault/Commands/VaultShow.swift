import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultSQLite

/// `callvault vault show`: one recording's metadata, receipts, pauses, schedule and holds.
struct VaultShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one recording: its parties, consent receipts, pauses, retention schedule and legal holds.",
        discussion: """
            Reads the catalog and the retention store only: no passphrase is needed, no audio is \
            decrypted and nothing is written. Each consent receipt and deletion certificate is \
            checked against the vault's verifying key. With --json the same facts, with stable keys. \
            The audit log is checked against the vault's anchor first (exit 2, or 3 for a log cut short).
            """
    )

    @OptionGroup var location: VaultLocation

    @Argument(
        help: ArgumentHelp("The recording's id.", valueName: "id"),
        transform: { text throws(VaultArgumentError) in try VaultArgument.recording(text) })
    var id: RecordingID

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    func run() async throws {
        try await reportingVaultFailures {
            let folder = location.folder
            let stores = try location.checkedStores()
            guard let recording = try await stores.catalog.recording(id) else {
                throw VaultToolError.unknownRecording(id)
            }
            let retention = try await stores.retention.record(id)
            let attributes = retention?.attributes ?? recording.retentionAttributes
            let report = VaultShowReport(
                recording: recording, retention: retention,
                holds: try await stores.retention.activeHolds().filter { $0.holds(attributes) },
                tombstone: try await stores.retention.tombstone(id), verifyingKey: try folder.verifyingKey())
            if json {
                try VaultJSON.print(report)
            } else {
                for line in report.lines { print(line) }
            }
        }
    }
}
