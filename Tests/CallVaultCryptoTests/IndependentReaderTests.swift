import ChildProcess
import Foundation
import Testing

/// ENVELOPE.md is meant to be enough to write a reader. `Scripts/envelope-reference-reader.py` is
/// one, written from that page alone in Python over libsodium (through ctypes), sharing no code
/// with CallVault: it must agree with every published vector, including the empty final segments
/// and the rejection vectors of issue 11. It needs python3 and libsodium, which CI installs (.ci/run).
@Suite("An independent reader agrees with ENVELOPE.md")
struct IndependentReaderTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("Scripts/envelope-reference-reader.py").path
    static let document = root.appendingPathComponent("Documentation/ENVELOPE.md").path

    static func run(_ document: String) throws -> (status: Int32, output: String) {
        let result = try ChildProcess.run(
            "/usr/bin/env", ["python3", script, document], environment: ProcessInfo.processInfo.environment,
            timeoutSeconds: 120)
        let output = String(decoding: result.standardOutput + result.standardError, as: UTF8.self)
        return (result.status, output)
    }

    @Test("the Python reader opens every envelope vector and refuses every rejection vector")
    func everyVector() throws {
        let (status, output) = try Self.run(Self.document)
        #expect(status != 127, "python3 is not installed: install it (see the README's set-up line)")
        #expect(status == 0, "\(output)")
        for name in KnownAnswerTests.vectors.keys {
            #expect(output.contains("ok \(name)\n"), "\(name): \(output)")
        }
        #expect(output.contains("\(KnownAnswerTests.vectors.count) vectors, 0 failed"), "\(output)")
    }

    @Test("the Python reader refuses to accept what it must reject (it is not a rubber stamp)")
    func notARubberStamp() throws {
        let directory = try TemporaryDirectory()
        let text = try String(contentsOfFile: Self.document, encoding: .utf8)
        // Put the intact vector 4 where the zeroed-tag one was: a reader that accepts it is reported.
        let intact = try KnownAnswerTests.value("envelope-4", "envelope")
        let zeroed = try KnownAnswerTests.value("rejected-zeroed-final-tag", "envelope")
        let altered = directory.file("ENVELOPE.md")
        try text.replacingOccurrences(of: "= \(zeroed)", with: "= \(intact)")
            .write(toFile: altered, atomically: true, encoding: .utf8)
        let (status, output) = try Self.run(altered)
        #expect(status == 1, "\(output)")
        #expect(output.contains("FAIL rejected-zeroed-final-tag: opened, but must be refused"), "\(output)")
    }
}
