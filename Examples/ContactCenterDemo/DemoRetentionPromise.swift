import CallVault
import CallVaultCore
import Foundation

/// The notice's promise, checked for every recording before the sweep: each customer's
/// transparency report states exactly the dates its retention schedule keeps, and no recording is
/// kept past the period `vault.json` states (what the notice says) unless a law keeps it longer,
/// which the report then says.
struct DemoRetentionPromise {
    let demo: DemoVault
    let printer: DemoPrinter

    /// The phrase the check prints, which the demo's tests look for.
    static let checkText = "every recording's transparency report states its schedule's dates, within the stated period"

    func check(_ recordings: [RecordingEntry], _ checks: inout Checks) async throws {
        printer.section("The notice's promise: what customers are told is what the schedule does")
        let stated = demo.opened.configuration.retentionDays ?? 0
        var agree = !recordings.isEmpty && stated > 0
        for recording in recordings {
            guard let schedule = try await demo.vault.retentionRecord(of: recording.id)?.schedule else {
                printer.line("\(recording.id): no schedule (never recorded)")
                continue
            }
            let report = try await demo.vault.transparencyReport(for: recording.id, languageTag: "en")
            let promised = recording.startedAt.addingTimeInterval(Double(stated) * 86_400)
            let deleteBy = schedule.deleteBy
            let withinPromise = deleteBy.map { $0 <= promised || !report.keptLongerByLaw.isEmpty } ?? false
            let same = report.keptUntil == schedule.keepUntil && report.deleteBy == deleteBy
            agree = agree && same && withinPromise
            printer.line(
                "\(recording.id): kept until \(CivilTime.day(schedule.keepUntil)), deleted by \(deleteBy.map(CivilTime.day) ?? "never"); the report says the same: \(same ? "yes" : "NO")"
            )
        }
        checks.check(agree, "\(Self.checkText) (\(stated) days) or explains the law that keeps it longer")
    }
}
