import ChildProcess
import Foundation

/// Runs a shell command line in a workspace, for what one `callvault` run cannot express alone:
/// a pipe into its standard input, or the tool under `strace`. `$CALLVAULT` is the built tool.
/// Still posix_spawn (ChildProcess), never Foundation.Process.
enum Shell {
    static func run(_ script: String, in directory: URL, timeoutSeconds: Int = Tool.watchdogSeconds) throws -> ToolRun {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = Tool.passphrase
        environment["CALLVAULT"] = try Tool.executable().path
        let run = try ChildProcess.run(
            "/bin/sh", ["-c", script], environment: environment, directory: directory.path,
            timeoutSeconds: timeoutSeconds)
        return ToolRun(
            arguments: ["sh", "-c", script], status: run.status,
            standardOutput: String(decoding: run.standardOutput, as: UTF8.self),
            standardError: String(decoding: run.standardError, as: UTF8.self))
    }

    /// Whether `command` is on the PATH.
    static func has(_ command: String) -> Bool {
        (try? run("command -v \(command) >/dev/null", in: FileManager.default.temporaryDirectory).status) == 0
    }
}
