import Foundation
import Testing

@Suite("callvault inspect", .identities("alice", "bob"))
struct InspectTests {
    let workspace: Workspace
    let keys: Keyring
    let recording = WAVFixture(encoding: .muLaw, channels: 2, frames: 12_000)

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
        try workspace.write(recording.bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--recipient", keys.recipient("alice"), "--recipient", keys.recipient("bob"), "--tenant", "acme",
            "--call-id", "call-42", "--channels", "agent,customer", "--output", "call.cvr", "call.wav")
    }

    @Test("--json has exactly the documented keys")
    func jsonKeys() throws {
        let run = try workspace.succeed("inspect", "--json", "call.cvr")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "authenticated", "formatVersion", "algorithm", "recordingID", "mediaFormat", "durationSeconds",
                "segmentSize", "headerLength", "sealedSegmentLength", "segmentCount", "complete", "lastSegmentPresent",
                "trailingBytes", "plaintextLength", "declaredPlaintextLength", "context", "recipients", "keyCommitment",
            ])
        let media = try #require(object["mediaFormat"] as? [String: Any])
        #expect(Set(media.keys) == ["encoding", "sampleRate", "channels"])
        let context = try #require(object["context"] as? [String: Any])
        #expect(Set(context.keys) == ["tenant", "callID", "channelLayout"])
    }

    @Test("--json describes the recording and the envelope's layout")
    func jsonValues() throws {
        let report = try workspace.inspect("call.cvr")
        let bytes = try workspace.read("call.cvr")
        #expect(!report.authenticated)
        #expect(report.formatVersion == 1)
        #expect(report.algorithm == "ChaCha20-Poly1305")
        #expect(UUID(uuidString: report.recordingID) != nil)
        #expect(report.recordingID == report.recordingID.lowercased())
        #expect(report.mediaFormat == InspectReport.Media(encoding: "G.711 mu-law", sampleRate: 8_000, channels: 2))
        #expect(report.durationSeconds == 1.5)
        #expect(report.segmentSize == 16_000)
        #expect(report.sealedSegmentLength == 16_016)
        #expect(report.segmentCount == 2)
        #expect(report.complete)
        #expect(report.lastSegmentPresent)
        #expect(report.trailingBytes == 0)
        #expect(report.plaintextLength == 24_000)
        #expect(report.declaredPlaintextLength == 24_000)
        #expect(
            report.context
                == InspectReport.Context(tenant: "acme", callID: "call-42", channelLayout: ["agent", "customer"]))
        #expect(report.recipients == [keys.fingerprint("alice"), keys.fingerprint("bob")])
        #expect(report.keyCommitment.count == 64)
        #expect(report.keyCommitment.allSatisfy { $0.isHexDigit })
        // Header, one full segment, the 8,000-byte final segment, its tag and the end marker.
        #expect(bytes.count == report.headerLength + 16_016 + 8_000 + 16 + 16)
    }

    @Test("the text form lists the same facts, one per line")
    func text() throws {
        let report = try workspace.inspect("call.cvr")
        let run = try workspace.succeed("inspect", "call.cvr")
        let lines = run.standardOutput.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        for expected in [
            "format version: 1", "algorithm: ChaCha20-Poly1305", "recording id: \(report.recordingID)",
            "media format: G.711 mu-law, 8000 Hz, 2 channels", "duration: 1.500 s", "segment size: 16000 bytes",
            "header length: \(report.headerLength) bytes", "sealed segment length: 16016 bytes",
            "segments: 2, last segment present", "plaintext length: 24000 bytes", "tenant: acme", "call id: call-42",
            "channels: agent, customer", "recipients: 2", keys.fingerprint("alice"), keys.fingerprint("bob"),
            "key commitment: \(report.keyCommitment)", "authenticated: no: open the envelope to verify it",
        ] {
            #expect(lines.contains(expected), "missing '\(expected)' in:\n\(run.standardOutput)")
        }
    }

    @Test("an opaque envelope has no media format or duration")
    func opaque() throws {
        try workspace.write(deterministicBytes(100), to: "plain.bin")
        try workspace.succeed("seal", "--recipient", keys.recipient("alice"), "--output", "plain.cvr", "plain.bin")
        let run = try workspace.succeed("inspect", "--json", "plain.cvr")
        #expect(!run.standardOutput.contains("mediaFormat"))
        #expect(!run.standardOutput.contains("durationSeconds"))
        let text = try workspace.succeed("inspect", "plain.cvr")
        #expect(text.standardOutput.contains("none (opaque bytes)"))
        #expect(!text.standardOutput.contains("duration"))
    }
}
