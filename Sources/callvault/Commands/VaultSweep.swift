import ArgumentParser
import CallVault
import CallVaultCore
import CallVaultRetention
import CallVaultSQLite
import Foundation

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
            became due and why) and the due ones that holds keep are printed. --as-of DATE plans the \
            sweep that would run at DATE instead of now (what next month's sweep deletes), judged by \
            today's schedules and holds: a hold in force now is counted as still in force then. \
            With --json (plan only): {"asOf", "interrupted": [id], "deletions": [{"recordingID", \
            "dueAt", "cause"}], "held": [{"recordingID", "holds": [id]}]}. The recordings no sweep \
            will ever delete as things stand are listed by 'callvault vault kept-indefinitely'.

            A due recording whose deletion cannot begin for a reason other than a hold (its \
            retention record does not verify, or a tombstone contradicts it) is kept and listed as \
            failed ('due, but not deleted: ...'); every sweep fails it again until the database is \
            restored. A sweep refuses to start (exit 2, nothing deleted) when a retention record's \
            search columns disagree with the signed record, or a kept recording has no retention \
            record: 'callvault vault verify' lists them.

            Exit status: 0 done (or planned); 1 some deletions failed (listed; the next sweep retries \
            them) or the vault could not be used; 2 the database was edited outside CallVault (see \
            above); 4 wrong passphrase; 64 usage.
            """
    )

    @OptionGroup var location: VaultLocation

    @Flag(help: "Print what a sweep would do now, and change nothing.")
    var plan = false

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "With --plan: plan the sweep that would run at this time (ISO 8601 with a zone) instead of now.",
            valueName: "date"),
        transform: { text throws(ToolDateError) in try ToolDates.instant(text).get() })
    var asOf: Date?

    @Flag(help: "With --plan: print the plan as JSON (stable keys, for scripts).")
    var json = false

    func validate() throws {
        if !plan, asOf != nil {
            throw ValidationError("--as-of plans a sweep; it needs --plan (a sweep deletes only what is due now).")
        }
        if !plan, json { throw ValidationError("--json prints a plan; it needs --plan.") }
    }

    func run() async throws {
        try await reportingVaultFailures {
            try await location.withOpenedVault(plan ? .reading : .changing) { opened in
                if plan {
                    let sweeper = opened.vault.sweeper()
                    let planned =
                        if let asOf { try await sweeper.plan(asOf: asOf) } else { try await sweeper.plan() }
                    if json {
                        try VaultJSON.print(SweepPlanReport(planned))
                    } else {
                        print(planned.description)
                    }
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
                        "\(report.failures.count) deletion\(report.failures.count == 1 ? "" : "s") failed; run the sweep again to finish them (one 'due, but not deleted' is kept until 'callvault vault verify' is clean)"
                    )
                    throw ExitCode(1)
                }
            }
        }
    }
}

/// A sweep plan as `vault sweep --plan --json` prints it.
struct SweepPlanReport: Encodable {
    struct Deletion: Encodable {
        var recordingID: String
        var dueAt: Date
        var cause: String
    }

    struct Held: Encodable {
        var recordingID: String
        var holds: [String]
    }

    var asOf: Date
    var interrupted: [String]
    var deletions: [Deletion]
    var held: [Held]

    init(_ plan: SweepPlan) {
        asOf = plan.asOf
        interrupted = plan.interrupted.map(\.description)
        deletions = plan.deletions.map {
            Deletion(recordingID: $0.recordingID.description, dueAt: $0.dueAt, cause: $0.cause.description)
        }
        held = plan.held.map { Held(recordingID: $0.recordingID.description, holds: $0.holds.map(\.rawValue)) }
    }
}
