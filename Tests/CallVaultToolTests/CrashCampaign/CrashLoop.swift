import ChildProcess
import Foundation
import Testing

/// One campaign: a command, a template work folder, and how many kills to draw. For each kill
/// point it copies the template, runs the command killed there, and hands the folder to the
/// campaign's checks.
struct CrashLoop {
    let name: String
    let command: CrashCommand
    let folders: CrashWorkFolders
    /// Kills drawn among the syscall groups (each group in turn, N uniform over its real count).
    var syscallKills: Int
    /// Kills by SIGKILL at a delay drawn over the run's duration.
    var signalKills: Int

    /// What one killed run hands to the checks.
    struct Killed {
        let folder: URL
        let point: KillPoint
        let run: ToolRun
        let wasKilled: Bool
        let label: String
    }

    /// Runs the campaign off the cooperative pool (each run blocks its thread); returns how many
    /// runs the kill landed in.
    @discardableResult
    func run(_ check: (Killed) async throws -> Void) async throws -> Int {
        try await offCooperativePool {
            let start = Date()
            let measure = try command.measure { try folders.fresh("\(name)-\($0)") }
            let points = measure.points(campaign: name, syscallKills: syscallKills, signalKills: signalKills)
            var kills = 0
            for (index, point) in points.enumerated() {
                let folder = try folders.fresh("\(name)-\(index)")
                let (run, wasKilled) = try command.run(in: folder, killed: point)
                let label = CrashCampaign.label(name, point)
                if wasKilled {
                    kills += 1
                } else {
                    // A point past the run's end (a syscall count or delay it never reached).
                    #expect(run.status == ExitStatus.success, "\(label): not killed, yet it failed: \(run)")
                }
                try await check(Killed(folder: folder, point: point, run: run, wasKilled: wasKilled, label: label))
                folders.remove(folder)
            }
            let seconds = Int(Date().timeIntervalSince(start))
            CrashCampaign.report(
                "\(name): \(kills) kills of \(points.count) runs in \(seconds) s (seed \(CrashCampaign.seed); uninjected: \(measure))"
            )
            #expect(kills >= points.count / 3, "\(name): only \(kills) of \(points.count) runs were killed")
            return kills
        }
    }
}
