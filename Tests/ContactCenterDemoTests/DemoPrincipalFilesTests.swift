import ChildProcess
import Foundation
import Testing

/// The demo leaves principal files for its people in the vault, so a vendor plays a demo call with
/// the `callvault` tool as a demo person, following the README, with no set-up of their own.
@Suite("Contact-center demo: the tool as the demo's people")
struct DemoPrincipalFilesTests {
    @Test("after the demo, vault play call-1001 --as <vault>/principals/maria.schmidt.json plays; tom.baker is refused")
    func playAsDemoPerson() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-people-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let demo = try DemoProcess.run(["--vault", work.appendingPathComponent("demo-vault").path])
        try #require(demo.status == 0, "\(demo.output)")
        for person in ["maria.schmidt", "tom.baker", "lena.vogel", "priya.nair"] {
            #expect(
                FileManager.default.fileExists(
                    atPath: work.appendingPathComponent("demo-vault/principals/\(person).json").path))
        }
        #expect(demo.output.contains("principals/maria.schmidt.json"), "the demo says how: \(demo.output)")

        // The README's commands, run from the folder the demo was run in.
        let maria = try Self.tool(
            [
                "vault", "play", "call-1001", "--vault", "demo-vault", "--as",
                "demo-vault/principals/maria.schmidt.json",
                "--purpose", "quality", "--out", "call-1001.wav",
            ], in: work)
        #expect(maria.status == 0, "\(maria.output)")
        #expect(maria.output.contains("ALLOWED: listen by maria.schmidt"), "\(maria.output)")
        let wav = try Data(contentsOf: work.appendingPathComponent("call-1001.wav"))
        #expect(wav.count > 44 && wav.prefix(4) == Data("RIFF".utf8))

        let tom = try Self.tool(
            [
                "vault", "play", "call-1001", "--vault", "demo-vault", "--as", "demo-vault/principals/tom.baker.json",
                "--purpose", "training", "--out", "tom.wav",
            ], in: work)
        #expect(tom.status == 6, "another team's agent is refused, as in the demo: \(tom.output)")
    }

    /// The built `callvault` tool, run in `directory` with the demo's passphrase.
    static func tool(_ arguments: [String], in directory: URL) throws -> DemoProcess.Run {
        let runner = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        var executable: URL?
        while folder.path != "/", executable == nil {
            let candidate = folder.appendingPathComponent("callvault")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { executable = candidate }
            folder = folder.deletingLastPathComponent()
        }
        let tool = try #require(executable, "the built callvault tool near \(runner.path)")
        var environment = ProcessInfo.processInfo.environment
        // The passphrase the demo sealed its keys under (DemoProcess passes the same environment).
        environment["CALLVAULT_PASSPHRASE"] = environment["CALLVAULT_PASSPHRASE"] ?? "callvault demo"
        let run = try ChildProcess.run(tool.path, arguments, environment: environment, directory: directory.path)
        return DemoProcess.Run(
            status: run.status, output: String(decoding: run.standardOutput + run.standardError, as: UTF8.self))
    }
}
