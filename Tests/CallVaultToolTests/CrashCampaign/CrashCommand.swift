import ChildProcess
import Foundation
import Testing

/// One command a campaign kills: the built tool or the demo, with its arguments, run in a work
/// folder with the test passphrase.
struct CrashCommand: CustomStringConvertible {
    let executable: URL
    let arguments: [String]

    var description: String { "\(executable.lastPathComponent) \(arguments.joined(separator: " "))" }

    /// `callvault arguments`.
    static func tool(_ arguments: [String]) throws -> CrashCommand {
        CrashCommand(executable: try Tool.executable(), arguments: arguments)
    }

    /// `contact-center-demo arguments`, built beside the tool.
    static func demo(_ arguments: [String]) throws -> CrashCommand {
        let tool = try Tool.executable()
        let url = tool.deletingLastPathComponent().appendingPathComponent("contact-center-demo")
        try #require(
            FileManager.default.isExecutableFile(atPath: url.path),
            "contact-center-demo is not built beside \(tool.path): run 'swift build --build-tests'")
        return CrashCommand(executable: url, arguments: arguments)
    }

    private static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = Tool.passphrase
        return environment
    }

    private func launch(_ prefix: [String], in directory: URL) throws -> ToolRun {
        let all = prefix + [executable.path] + arguments
        let result = try ChildProcess.run(
            all[0], Array(all.dropFirst()), environment: Self.environment, directory: directory.path,
            timeoutSeconds: Tool.watchdogSeconds)
        return ToolRun(
            arguments: [description], status: result.status,
            standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
            standardError: String(decoding: result.standardError, as: UTF8.self))
    }

    /// Runs the command to its end.
    func run(in directory: URL) throws -> ToolRun {
        try launch([], in: directory)
    }

    /// Runs the command killed at `point`. The outcome's `wasKilled` says whether the kill landed
    /// (a point past the run's end lets it complete).
    func run(in directory: URL, killed point: KillPoint) throws -> (run: ToolRun, wasKilled: Bool) {
        let run: ToolRun
        switch point {
        case .syscall(let group, let n):
            let strace = try #require(KillInjection.strace, Comment(rawValue: KillInjection.missing))
            let set = group.joined(separator: ",")
            run = try launch(
                [
                    strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=\(set)", "-e",
                    "inject=\(set):signal=KILL:when=\(n)", "--",
                ],
                in: directory)
        case .signal(let milliseconds):
            let timeout = try #require(CrashCampaign.timeout, Comment(rawValue: CrashCampaign.missing))
            let seconds = String(format: "%.3f", Double(max(milliseconds, 1)) / 1_000)
            run = try launch([timeout, "-s", "KILL", seconds], in: directory)
        }
        return (run, run.status == 128 + 9)
    }

    /// Runs the command twice in fresh folders `prepare` makes: once timed, once traced, counting
    /// each thread's calls of each syscall of each group.
    func measure(_ prepare: (String) throws -> URL) throws -> CrashMeasure {
        let timed = try prepare("measure-timed")
        let start = Date()
        let plain = try run(in: timed)
        let milliseconds = Int(Date().timeIntervalSince(start) * 1_000)
        try #require(plain.status == ExitStatus.success, "the uninjected run fails: \(plain)")

        let strace = try #require(KillInjection.strace, Comment(rawValue: KillInjection.missing))
        let traced = try prepare("measure-traced")
        let trace = traced.appendingPathComponent("..").appendingPathComponent("\(UUID().uuidString).trace")
            .standardizedFileURL
        let all = CrashCampaign.groups.flatMap { $0 }.joined(separator: ",")
        let run = try launch([strace, "-f", "-qq", "-o", trace.path, "-e", "trace=\(all)", "--"], in: traced)
        try #require(run.status == ExitStatus.success, "the traced run fails: \(run)")
        let text = try String(contentsOf: trace, encoding: .utf8)
        try? FileManager.default.removeItem(at: trace)
        var perThread: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            // "<pid> <syscall>(..." (a call's start; "<... x resumed>" lines are its end).
            let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard fields.count == 2, let open = fields[1].firstIndex(of: "(") else { continue }
            let name = String(fields[1][..<open])
            guard !name.hasPrefix("<") else { continue }
            perThread["\(fields[0]) \(name)", default: 0] += 1
        }
        var calls: [String: Int] = [:]
        for group in CrashCampaign.groups {
            let counts = perThread.filter { key, _ in group.contains(where: { key.hasSuffix(" \($0)") }) }.values
            calls[group[0]] = counts.max() ?? 0
        }
        return CrashMeasure(calls: calls, milliseconds: milliseconds)
    }
}

/// A campaign's work folders: a template made once, copied (times and modes kept, as `cp -a`)
/// for each killed run.
final class CrashWorkFolders {
    let root: Workspace
    let template: URL

    /// Folders copied from `template` (which stays the caller's).
    init(template: URL) throws {
        root = try Workspace()
        self.template = template
    }

    /// A fresh copy of the template, named `name`.
    func fresh(_ name: String) throws -> URL {
        let copy = root.directory.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        let result = try ChildProcess.run(
            "/bin/cp", ["-a", template.path, copy.path], environment: ProcessInfo.processInfo.environment)
        try #require(result.status == 0, "cp -a \(template.path) \(copy.path) failed")
        return copy
    }

    func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}
