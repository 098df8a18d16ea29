// The embedded vault's targets (issue 7), on this machine's disk:
//   - finalize: recordings finalized into the SQLite vault (catalog, key store, retention, audit,
//     blob file; WAL, synchronous=FULL): at least 500 per second;
//   - sessions: N concurrent calls (default 1,000) through the whole stack at real time (20 ms
//     frames on two tracks, each second sealed and made durable in the vault's shared rounds):
//     reports CPU, the delay from a segment's last frame being due to its round (p50, p99), and
//     the feeder's lag (issue 14: 10,000 calls, lag under 100 ms, p99 under 250 ms, under 2
//     cores);
//   - sweep: deleting N due recordings (default 100,000) from the SQLite vault, certificates and
//     audit included: under 30 seconds (issue 14; 60 in issue 7), with progress.
//
// With --check, exits 1 when a target is missed by more than --margin times (default 3).
//
// Usage: swift run -c release VaultScale [--only finalize|sessions|sweep] [--finalize N]
//        [--sessions N] [--seconds S] [--sweep N] [--check] [--margin M] [--folder DIR]

import CallVault
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import ScaleMachine

struct Options {
    var only: String?
    var finalize = 2_000
    var sessions = 1_000
    var seconds = 10
    var sweep = 100_000
    var check = false
    var margin = 3.0
    var folder = FileManager.default.temporaryDirectory.appendingPathComponent("vaultscale-\(UUID())").path

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            if name == "--check" {
                check = true
                continue
            }
            let value = rest.popFirst() ?? ""
            switch name {
            case "--only": only = value
            case "--finalize": finalize = Int(value) ?? finalize
            case "--sessions": sessions = Int(value) ?? sessions
            case "--seconds": seconds = Int(value) ?? seconds
            case "--sweep": sweep = Int(value) ?? sweep
            case "--margin": margin = Double(value) ?? margin
            case "--folder": folder = value
            default: FileHandle.standardError.write(Data("VaultScale: unknown option \(name)\n".utf8))
            }
        }
    }

    func runs(_ part: String) -> Bool { only == nil || only == part }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
var missed: [String] = []
print("VaultScale in \(options.folder) (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
print("load average \(ScaleMachine.loadAverage()) (1, 5, 15 min) at the start")
print(ScaleMachine.memoryLine())
defer {
    print("load average \(ScaleMachine.loadAverage()) at the end")
    try? FileManager.default.removeItem(atPath: options.folder)
}

if options.runs("finalize") {
    let rate = try await FinalizeRun(count: options.finalize, folder: options.folder + "/finalize").run()
    print(String(format: "finalize: %.0f recordings/s finalized (target 500)", rate))
    if rate * options.margin < 500 { missed.append("finalize") }
}
if options.runs("sessions") {
    let result = try await SessionsRun(
        calls: options.sessions, seconds: options.seconds, folder: options.folder + "/sessions"
    ).run()
    print(result.description)
    if result.fellBehind || Double(result.p99Milliseconds) > 1_000 * options.margin { missed.append("sessions") }
}
if options.runs("sweep") {
    let seconds = try await SweepRun(count: options.sweep, folder: options.folder + "/sweep").run()
    let scaled = seconds * 100_000 / Double(max(options.sweep, 1))
    print(
        String(
            format: "sweep: %d recordings deleted in %.2f s (%.2f s per 100,000; target < 30)", options.sweep, seconds,
            scaled))
    if scaled > 30 * options.margin { missed.append("sweep") }
}
if options.check, !missed.isEmpty {
    print("VaultScale --check: missed by more than \(options.margin)x: \(missed.joined(separator: ", "))")
    exit(1)
}
