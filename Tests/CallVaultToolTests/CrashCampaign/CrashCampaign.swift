import Foundation
import Testing

/// The crash campaign's settings: which seed chooses the kill points, and whether every kill point
/// is tried (`CALLVAULT_CRASH_CAMPAIGN=full`) or a seeded sample (the default, for CI).
///
/// `CALLVAULT_CRASH_SEED=<n>` replays a run: every failure message names the seed it ran with.
enum CrashCampaign {
    /// The seed of this run: `CALLVAULT_CRASH_SEED`, or a fresh random one.
    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["CALLVAULT_CRASH_SEED"], let value = UInt64(text) {
            return value
        }
        return UInt64.random(in: 1...UInt64(UInt32.max))
    }()

    /// Whether to kill at every N of every group (and at many delays) instead of a sample.
    static let isExhaustive = ProcessInfo.processInfo.environment["CALLVAULT_CRASH_CAMPAIGN"] == "full"

    /// `timeout(1)`, which sends SIGKILL after a delay.
    static let timeout: String? = ["/usr/bin/timeout", "/bin/timeout"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Whether the machine can run the campaign (strace for fault injection, timeout for signals).
    static var canRun: Bool { KillInjection.strace != nil && timeout != nil }

    /// Why the campaign is skipped.
    static let missing =
        "the crash campaign needs strace and timeout (apt-get install strace coreutils): \(KillInjection.missing)"

    /// The syscall groups a kill is injected at: writes, syncs, name changes, opens.
    static let groups: [[String]] = [
        ["pwrite64", "pwritev", "pwritev2", "write", "writev"], ["fsync", "fdatasync"],
        [
            "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "mkdir", "mkdirat", "link", "linkat",
        ],
        ["openat", "open"],
    ]

    /// What every failure message starts with: enough to replay the kill.
    static func label(_ campaign: String, _ point: KillPoint) -> String {
        "crash campaign \(campaign), seed \(seed) (replay: CALLVAULT_CRASH_SEED=\(seed)), killed \(point)"
    }

    /// Prints a campaign's figures (with `CALLVAULT_KILL_REPORT` set).
    static func report(_ text: String) {
        guard ProcessInfo.processInfo.environment["CALLVAULT_KILL_REPORT"] != nil else { return }
        FileHandle.standardError.write(Data("crash campaign: \(text)\n".utf8))
    }
}

/// A small seeded generator (SplitMix64): the same seed draws the same kill points.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64, stream: String) {
        // Each campaign draws from its own stream, so adding one does not move the others' points.
        var mixed = seed
        for byte in stream.utf8 { mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = mixed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Where a run is killed.
enum KillPoint: CustomStringConvertible, Sendable {
    /// SIGKILL as the `n`-th call of a syscall of `group` (per syscall and thread, as strace counts) is entered.
    case syscall(group: [String], n: Int)
    /// SIGKILL `milliseconds` after the start.
    case signal(milliseconds: Int)

    var description: String {
        switch self {
        case .syscall(let group, let n): "at \(group[0]) #\(n) (strace inject=\(group.joined(separator: ",")))"
        case .signal(let milliseconds): "by SIGKILL after \(milliseconds) ms"
        }
    }
}

/// How far an uninjected run of a command goes: the most calls one thread makes of one syscall of
/// each group (the largest N that still kills), and how long it takes.
struct CrashMeasure: CustomStringConvertible {
    var calls: [String: Int]
    var milliseconds: Int

    var description: String {
        "\(calls.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")), \(milliseconds) ms"
    }

    /// The kill points of a campaign: with `syscallKills` and `signalKills` a seeded sample (N
    /// uniform over each group's real count, groups in turn; delays uniform over the run's
    /// duration); exhaustive, every N of every group and a delay every 1/40 of the run.
    func points(campaign: String, syscallKills: Int, signalKills: Int) -> [KillPoint] {
        let groups = CrashCampaign.groups.filter { (calls[$0[0]] ?? 0) > 0 }
        if CrashCampaign.isExhaustive {
            return groups.flatMap { group in (1...(calls[group[0]] ?? 1)).map { KillPoint.syscall(group: group, n: $0) }
            }
                + (0..<40).map { .signal(milliseconds: milliseconds * $0 / 40) }
        }
        var generator = SeededGenerator(seed: CrashCampaign.seed, stream: campaign)
        var points: [KillPoint] = []
        for index in 0..<syscallKills where !groups.isEmpty {
            let group = groups[index % groups.count]
            points.append(.syscall(group: group, n: Int.random(in: 1...(calls[group[0]] ?? 1), using: &generator)))
        }
        for _ in 0..<signalKills {
            points.append(.signal(milliseconds: Int.random(in: 0...max(milliseconds, 1), using: &generator)))
        }
        return points
    }
}
