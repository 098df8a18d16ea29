import CallVaultCore
import CallVaultCrypto
import ChildProcess
import Foundation
import Testing

/// README.md's examples, run: the quick start block (which must match Examples/quickstart.sh) and
/// the Swift example.
@Suite("README examples")
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The directory holding the `callvault` built for these tests (next to the test bundle).
    static var toolDirectory: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("callvault").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    static var soxInstalled: Bool {
        ["/usr/bin/sox", "/usr/local/bin/sox"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("the README's quick start block is the script's")
    func quickstartMatchesScript() throws {
        let readme = try Self.text("README.md")
        let script = try Self.text("Examples/quickstart.sh")
        let scriptBlock = try #require(
            script.components(separatedBy: "# quickstart:begin\n").last?.components(separatedBy: "# quickstart:end")
                .first)
        let readmeBlock = try #require(
            readme.components(separatedBy: "## Quick start").last?.components(separatedBy: "```bash\n").dropFirst()
                .first?
                .components(separatedBy: "```").first)
        #expect(readmeBlock == scriptBlock)
    }

    @Test("the quick start runs and every step does what the README says", .enabled(if: soxInstalled, "needs sox"))
    func quickstartRuns() throws {
        let tools = try #require(Self.toolDirectory, "callvault was not built next to the tests")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-quickstart-\(UUID())")
        defer { try? FileManager.default.removeItem(at: work) }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = tools.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CALLVAULT_PASSPHRASE"] = "quick start passphrase"
        let run = try ChildProcess.run(
            "/bin/bash", [Self.root.appendingPathComponent("Examples/quickstart.sh").path, work.path],
            environment: environment)
        let text = String(decoding: run.standardOutput + run.standardError, as: UTF8.self)
        #expect(run.status == 0, "\(text)")
        for line in [
            "round trip: identical", "15.000000", "trainee: opened", "auditor refused: exit status 4",
            "Segment 3 failed authentication", "tampered copy refused: exit status 2",
            "6 segments verified intact", "truncated copy refused: exit status 3", "6.000000",
        ] {
            #expect(text.contains(line), "missing '\(line)' in:\n\(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("tampered.wav").path))
    }

    @Test("the Swift example works as written")
    func swiftExample() throws {
        let supervisorIdentity = try Identity.generate()
        let supervisorRecipientString = supervisorIdentity.recipient.description
        let second = (0..<16_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let capturedAudio = Array(repeating: second, count: 60)

        // From README.md, "Using the SDK":
        let supervisor = try Recipient(parsing: supervisorRecipientString)
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(
                mediaFormat: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2),
                context: EnvelopeContext(tenant: "acme", callID: "call-42", channelLayout: ["agent", "customer"])),
            recipients: [supervisor],
            output: [UInt8]())
        for frames in capturedAudio {
            try writer.append(frames)
        }
        try writer.finish()
        let reader = try EnvelopeReader(source: writer.output, identity: supervisorIdentity)
        let excerpt = try reader.plaintext(in: reader.byteRange(fromSeconds: 30, toSeconds: 45))

        #expect(excerpt == Array(capturedAudio[30..<45].joined()))
        let readme = try Self.text("README.md")
        #expect(
            readme.contains("let excerpt = try reader.plaintext(in: reader.byteRange(fromSeconds: 30, toSeconds: 45))"))
        #expect(readme.contains("    recipients: [supervisor],\n    output: [UInt8]())"))
    }
}
