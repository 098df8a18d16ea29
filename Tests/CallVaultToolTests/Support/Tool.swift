import ChildProcess
import Foundation
import Testing

/// The exit statuses `callvault` documents (CallVaultTool.swift); scripts rely on them.
enum ExitStatus {
    static let success: Int32 = 0
    static let badInput: Int32 = 1
    static let tampered: Int32 = 2
    static let incomplete: Int32 = 3
    static let wrongKey: Int32 = 4
    static let unsupported: Int32 = 5
    static let usage: Int32 = 64
}

/// What one run of the tool produced.
struct ToolRun: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let standardOutput: String
    let standardError: String

    var description: String {
        """
        callvault \(arguments.joined(separator: " ")) exited with \(status)
        stdout: \(standardOutput)
        stderr: \(standardError)
        """
    }
}

/// The built `callvault` executable, run as a child process.
enum Tool {
    /// The passphrase every test identity is sealed under.
    static let passphrase = "correct horse battery staple"

    /// A run that takes longer than this is stopped, so a tool waiting for a terminal cannot hang
    /// the suite. Not a timing assertion: the run then fails on its exit status.
    static let watchdogSeconds = 300

    private static let located = Result { try locate() }

    /// The executable next to the test bundle or runner (or in a `.build/debug` folder above them).
    static func executable() throws -> URL {
        try located.get()
    }

    private static func locate() throws -> URL {
        let manager = FileManager.default
        // The test runner (Linux), and the loaded bundles (the .xctest bundle, when xctest runs it on macOS).
        let starts = [URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])] + Bundle.allBundles.map(\.bundleURL)
        var looked: [String] = []
        for start in starts {
            var directory = start.resolvingSymlinksInPath().deletingLastPathComponent()
            while true {
                for candidate in ["callvault", ".build/debug/callvault"] {
                    let url = directory.appendingPathComponent(candidate)
                    var isDirectory: ObjCBool = false
                    if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                        manager.isExecutableFile(atPath: url.path)
                    {
                        return url
                    }
                    if !looked.contains(url.path) { looked.append(url.path) }
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw LocateError(looked: looked)
    }

    struct LocateError: Error, CustomStringConvertible {
        let looked: [String]
        var description: String {
            "The callvault executable was not found; run 'swift build --build-tests' first. Looked at: "
                + looked.joined(separator: ", ")
        }
    }

    /// Runs `callvault arguments` in `directory`, with `CALLVAULT_PASSPHRASE` set to `passphrase`.
    static func run(_ arguments: [String], in directory: URL, passphrase: String = Tool.passphrase) throws -> ToolRun {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = passphrase
        let run = try ChildProcess.run(
            try executable().path, arguments, environment: environment, directory: directory.path,
            timeoutSeconds: watchdogSeconds)
        return ToolRun(
            arguments: arguments, status: run.status,
            standardOutput: String(decoding: run.standardOutput, as: UTF8.self),
            standardError: String(decoding: run.standardError, as: UTF8.self))
    }
}
