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
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = passphrase
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputDrain = PipeDrain(output.fileHandleForReading)
        let errorDrain = PipeDrain(error.fileHandleForReading)
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(watchdogSeconds), execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return ToolRun(
            arguments: arguments, status: process.terminationStatus,
            standardOutput: String(decoding: outputDrain.wait(), as: UTF8.self),
            standardError: String(decoding: errorDrain.wait(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread, so a chatty child never blocks on a full pipe.
private final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    /// Waits for the end of the pipe; `data` is only read after the semaphore orders the write before it.
    func wait() -> Data {
        done.wait()
        return data
    }
}
