import ChildProcess
import Foundation
import Testing

/// Kills the built tool at a chosen system call: `strace -f -e inject=SET:signal=KILL:when=N` sends
/// SIGKILL as the N-th call of any syscall in the set is entered, before it runs, exactly as a crash
/// or `kill -9` at that moment would.
///
/// strace counts each syscall, in each thread, on its own: `when=N` stops the process at the first
/// thread to make its N-th call of any syscall in the set. Raising N from 1 until a run completes
/// therefore walks the kill through the whole run. With `CALLVAULT_KILL_REPORT` set, each walk
/// prints how far N went for each group (on standard error).
enum KillInjection {
    /// strace, where the machine has it.
    static let strace: String? = ["/usr/bin/strace", "/bin/strace"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Why a test that needs strace is skipped.
    static let missing = "strace is not installed (apt-get install strace): the kill-injection tests need it"

    /// The groups of write-like syscalls a kill is injected at, one group at a time: file and
    /// database writes, the syncs that make them durable, and the renames, removals and folder
    /// creations that change names.
    static let groups: [[String]] = [
        ["pwrite64", "pwritev", "pwritev2"], ["write", "writev"], ["fsync", "fdatasync"],
        ["rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "mkdir", "mkdirat"],
    ]

    /// How one killed run ended.
    struct Outcome {
        let run: ToolRun
        /// Whether SIGKILL ended it (otherwise it ran to completion: N is past the run's calls).
        var wasKilled: Bool { run.status == 128 + 9 }
    }

    /// Runs `callvault arguments` in `directory`, killed at the `n`-th call of any syscall of `group`.
    static func run(
        _ arguments: [String], in directory: URL, killedAt n: Int, of group: [String],
        passphrase: String = Tool.passphrase
    ) throws -> Outcome {
        let strace = try #require(strace, Comment(rawValue: missing))
        let set = group.joined(separator: ",")
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = passphrase
        let result = try ChildProcess.run(
            strace,
            ["-f", "-qq", "-o", "/dev/null", "-e", "trace=\(set)", "-e", "inject=\(set):signal=KILL:when=\(n)", "--"]
                + [try Tool.executable().path] + arguments,
            environment: environment, directory: directory.path, timeoutSeconds: Tool.watchdogSeconds)
        return Outcome(
            run: ToolRun(
                arguments: arguments, status: result.status,
                standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
                standardError: String(decoding: result.standardError, as: UTF8.self)))
    }

    /// Runs `body(group, n)` for each group and for n = 1, 1 + stride, ... until `body` reports a
    /// run that completed unkilled; returns how many killed runs there were.
    @discardableResult
    static func walk(
        groups: [[String]] = groups, stride: ([String]) -> Int = { _ in 1 }, limit: Int = 2_000,
        _ body: ([String], Int) async throws -> Bool
    ) async throws -> Int {
        // Every run blocks its thread until the child exits: off the cooperative pool, so a walk
        // of minutes does not starve the tests running beside it.
        try await offCooperativePool {
            try await walkOnThisThread(groups: groups, stride: stride, limit: limit, body)
        }
    }

    private static func walkOnThisThread(
        groups: [[String]], stride: ([String]) -> Int, limit: Int, _ body: ([String], Int) async throws -> Bool
    ) async throws -> Int {
        var killed = 0
        for group in groups {
            var n = 1
            while try await body(group, n) {
                killed += 1
                n += stride(group)
                try #require(n < limit, "the run never completed under \(group) up to when=\(n)")
            }
            if ProcessInfo.processInfo.environment["CALLVAULT_KILL_REPORT"] != nil {
                FileHandle.standardError.write(Data("kill injection: \(group[0]) walked to when=\(n)\n".utf8))
            }
        }
        return killed
    }
}
