import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import Foundation
import PropertyBased
import Testing

/// The retention engine's promises over random histories: recordings under random regimes,
/// jurisdictions, purposes and host policies; holds placed and released; erasure requests; clock
/// jumps from hours to years with a sweep after each; and crashes at random operations anywhere.
///
/// Set `CALLVAULT_RETENTION_HISTORIES` to run more histories than the default 1,200.
@Suite("Retention properties over random histories")
struct RetentionHistoryPropertyTests {
    static var historyCount: Int {
        ProcessInfo.processInfo.environment["CALLVAULT_RETENTION_HISTORIES"].flatMap { Int($0) } ?? 1_200
    }

    /// Totals over a run, printed at the end so a reader sees what was exercised.
    struct Totals {
        var histories = 0
        var steps = 0
        var recordings = 0
        var deletions = 0
        var crashes = 0
        var interrupted = 0
    }

    @Test(
        "no recording is deleted early or while held, none gets two certificates, none outlives delete-by plus an interval unheld"
    )
    func randomHistories() async throws {
        let key = try SigningKey.generate()
        let start = try Fixture.date("2026-01-05T09:00:00.250Z")
        let totals = LockedState(Totals())
        let began = ContinuousClock.now
        await propertyCheck(count: Self.historyCount, input: HistoryGen.history) { history in
            let runner = try HistoryRunner(history, key: key, start: start)
            await runner.run()
            #expect(runner.violations.isEmpty, "\(runner.violations.joined(separator: "\n"))\n\(history)")
            totals.withLock { totals in
                totals.histories += 1
                totals.steps += history.steps.count
                totals.recordings += runner.recordingCount
                totals.deletions += runner.deletions
                totals.crashes += runner.crashes
                totals.interrupted += runner.interrupted
            }
        }
        let elapsed = ContinuousClock.now - began
        let summary = totals.withLock { $0 }
        print(
            "retention property: \(summary.histories) histories, \(summary.steps) steps, \(summary.recordings) recordings, \(summary.deletions) deletions (\(summary.interrupted) interrupted by a crash and finished later), \(summary.crashes) crashes in \(elapsed)"
        )
        #expect(summary.histories == Self.historyCount)
        #expect(summary.deletions > summary.histories, "the histories delete things")
        #expect(summary.crashes > summary.histories / 2, "the histories crash")
        #expect(summary.interrupted > summary.histories / 10, "crashes interrupt deletions")
    }
}
