import Foundation
import Testing

/// A temporary directory for one test, removed when the workspace is released. The tool runs with
/// it as its working directory, so tests name files relative to it.
final class Workspace {
    let directory: URL
    private var isKept = false

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("callvault-tool-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    }

    deinit {
        if !isKept { try? FileManager.default.removeItem(at: directory) }
    }

    /// Leaves the directory in place when the workspace is released (its new owner removes it).
    func keep() {
        isKept = true
    }

    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    func text(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: path(name))
    }

    /// Every name in the directory, hidden ones (such as a tool's temporary files) included.
    func entries() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    func permissions(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(name))
        return try #require(attributes[.posixPermissions] as? Int)
    }

    /// Runs `callvault arguments` here.
    @discardableResult
    func run(_ arguments: String..., passphrase: String = Tool.passphrase) throws -> ToolRun {
        try Tool.run(arguments, in: directory, passphrase: passphrase)
    }

    /// Runs `callvault arguments` here and requires it to succeed.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> ToolRun {
        let run = try Tool.run(arguments, in: directory)
        try #require(run.status == ExitStatus.success, "\(run)", sourceLocation: sourceLocation)
        return run
    }

    /// `callvault inspect --json name`, decoded.
    func inspect(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> InspectReport {
        let run = try Tool.run(["inspect", "--json", name], in: directory)
        try #require(run.status == ExitStatus.success, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(InspectReport.self, from: Data(run.standardOutput.utf8))
    }
}
