import ChildProcess
import Foundation
import Testing

/// A vault folder and an export package are the owner's alone: folders 0700, files 0600, whatever
/// the umask (the tool runs here under umask 000, so only modes it sets itself pass).
@Suite("callvault vault: file modes")
struct VaultPermissionsTests {
    @Test("a new vault, the same vault after a recording, and an export are 0700/0600 throughout")
    func modes() async throws {
        let workspace = try Workspace()
        let made = try Self.runWithoutUmask(
            VaultInitArguments.minimum(vault: "fresh"), in: workspace.directory)
        try #require(made.status == ExitStatus.success, "\(made)")
        let fresh = try Self.modes(under: workspace.directory.appendingPathComponent("fresh"))
        #expect(fresh.keys.contains("vault.sqlite") && fresh.keys.contains("keys/recordings.identity"))
        #expect(Self.loose(fresh).isEmpty, "\(Self.loose(fresh))")

        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let exported = try Self.runWithoutUmask(
            [
                "vault", "export", id.description, "--as", priya, "--purpose", "dispute-resolution",
                "--legal-reference", "case 7", "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out",
                "package", "--vault", fixture.name,
            ], in: fixture.workspace.directory)
        try #require(exported.status == ExitStatus.success, "\(exported)")
        let recorded = try Self.modes(under: fixture.directory)
        #expect(recorded.keys.contains { $0.hasSuffix(".cvr") }, "the recording's blob is listed: \(recorded.keys)")
        #expect(recorded.keys.contains("vault.sqlite-wal") || recorded.keys.contains("vault.sqlite"))
        #expect(Self.loose(recorded).isEmpty, "\(Self.loose(recorded))")
        let package = try Self.modes(under: fixture.workspace.directory.appendingPathComponent("package"))
        #expect(package.keys.contains("manifest.json") && package.keys.contains("receipts"), "\(package.keys)")
        #expect(Self.loose(package).isEmpty, "\(Self.loose(package))")
    }

    /// The folder itself (as "."), and every file and folder under it, with its mode.
    static func modes(under root: URL) throws -> [String: (mode: mode_t, isDirectory: Bool)] {
        var found: [String: (mode: mode_t, isDirectory: Bool)] = [:]
        func visit(_ path: String, as name: String) throws {
            var info = stat()
            try #require(lstat(path, &info) == 0, "stat \(path)")
            let isDirectory = info.st_mode & S_IFMT == S_IFDIR
            found[name] = (info.st_mode & 0o7777, isDirectory)
            guard isDirectory else { return }
            for child in try FileManager.default.contentsOfDirectory(atPath: path) {
                try visit(path + "/" + child, as: name == "." ? child : "\(name)/\(child)")
            }
        }
        try visit(root.path, as: ".")
        return found
    }

    /// What is not 0700 (folders) or 0600 (files), as "name mode".
    static func loose(_ modes: [String: (mode: mode_t, isDirectory: Bool)]) -> [String] {
        modes.filter { $0.value.mode != ($0.value.isDirectory ? 0o700 : 0o600) }
            .map { "\($0.key) \(String($0.value.mode, radix: 8))" }.sorted()
    }

    /// Runs the tool under umask 000.
    static func runWithoutUmask(_ arguments: [String], in directory: URL) throws -> ToolRun {
        var environment = ProcessInfo.processInfo.environment
        environment["CALLVAULT_PASSPHRASE"] = Tool.passphrase
        let result = try ChildProcess.run(
            "/bin/sh", ["-c", "umask 000 && exec \"$0\" \"$@\"", try Tool.executable().path] + arguments,
            environment: environment, directory: directory.path, timeoutSeconds: Tool.watchdogSeconds)
        return ToolRun(
            arguments: arguments, status: result.status,
            standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
            standardError: String(decoding: result.standardError, as: UTF8.self))
    }
}
