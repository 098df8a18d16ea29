import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite

/// `callvault vault sweep`: deletes what retention says is due, or plans it.
struct VaultSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Delete every recording whose retention has ended and no legal hold covers, or --plan it.",
        discussion: """
            Dueness is judged by the system clock. For each due, unheld recording: its wrapped keys \
            are shredded (which makes every copy encrypted under them unreadable, the vault's backups \
            included), its blob is deleted, a deletion certificate is signed with the organisation's \
            key, the catalog entry keeps only what proves the deletion, and the audit log records it. \
            Copies that left the vault (legal exports and subject access packages, re-encrypted for \
            their recipients) are outside its control and are not destroyed: the certificate lists \
            them from the export register (see 'vault exports'), so their recipients can be asked to \
            delete them. Deletions an earlier, \
            interrupted sweep began are finished first. A progress line is printed after each batch.

            With --plan, nothing is changed: the recordings that would be deleted (with when they \
            became due and why) and the due ones that holds keep are printed.

            Exit status: 0 done (or planned); 1 some deletions failed (listed; the next sweep retries \
            them) or the vault could not be used; 4 wrong passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print what a sweep would do now, and change nothing.")
    var plan = false

    func run() async throws {
        try await reportingVaultFailures {
            try await location.withOpenedVault { opened in
                if plan {
                    print(try await opened.vault.sweeper().plan().description)
                    return
                }
                let report = try await opened.vault.sweep { progress in
                    print(
                        "sweeping: batch \(progress.batches), \(progress.deleted) deleted, \(progress.held) held, \(progress.failed) failed"
                    )
                }
                print(report.summary)
                for discrepancy in report.holdDiscrepancies {
                    print("HOLD KEPT IN FORCE  \(discrepancy.holdID)  \(discrepancy)")
                }
                for id in report.deleted { print("deleted  \(id)") }
                for failure in report.failures { print("failed   \(failure.recordingID)  \(failure.reason)") }
                if !report.failures.isEmpty {
                    Terminal.note(
                        "\(report.failures.count) deletion\(report.failures.count == 1 ? "" : "s") failed; run the sweep again to finish them"
                    )
                    throw ExitCode(1)
                }
            }
        }
    }
}
