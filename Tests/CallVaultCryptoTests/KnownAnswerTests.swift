import CallVaultCore
import CallVaultSupport
import Foundation
import Testing

@_spi(KnownAnswerTests) @testable import CallVaultCrypto

/// The test vectors published in Documentation/ENVELOPE.md, read from that file so the document
/// and the code cannot drift apart.
@Suite("Known-answer vectors from ENVELOPE.md")
struct KnownAnswerTests {
    /// `# vector <name>` blocks of `key = value` lines.
    static let vectors: [String: [String: String]] = {
        let documentation = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Documentation/ENVELOPE.md")
        guard let text = try? String(contentsOf: documentation, encoding: .utf8) else { return [:] }
        var vectors: [String: [String: String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# vector ") {
                current = String(line.dropFirst("# vector ".count))
                vectors[current ?? ""] = [:]
            } else if line.hasPrefix("```") {
                current = nil
            } else if let name = current, let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                vectors[name]?[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return vectors
    }()

    static func value(_ vector: String, _ key: String) throws -> String {
        try #require(vectors[vector]?[key], "ENVELOPE.md lacks '\(key)' in vector '\(vector)'")
    }

    static func bytes(_ vector: String, _ key: String) throws -> [UInt8] {
        try #require(Hex.decode(value(vector, key)), "'\(key)' in vector '\(vector)' is not hexadecimal")
    }

    static let recordingID = RecordingID(parsing: "00112233-4455-6677-8899-aabbccddeeff") ?? RecordingID()

    static func dataKey() throws -> DataKey {
        try bytes("derived-keys", "data key").withUnsafeBytes { try DataKey(copying: $0) }
    }

    @Test("the document holds every vector")
    func present() {
        #expect(
            Set(Self.vectors.keys) == [
                "derived-keys", "envelope-1", "envelope-2", "wrap", "envelope-4", "envelope-5",
                "rejected-forged-tail", "rejected-zeroed-final-tag",
            ])
    }

    @Test("derived keys and commitment")
    func derivedKeys() throws {
        let keys = try EnvelopeKeys(dataKey: Self.dataKey(), algorithm: .chaCha20Poly1305)
        #expect(keys.payload.key.withUnsafeBytes { Array($0) } == (try Self.bytes("derived-keys", "payload key")))
        #expect(keys.headerMAC.withUnsafeBytes { Array($0) } == (try Self.bytes("derived-keys", "header MAC key")))
        #expect(keys.commitment == (try Self.bytes("derived-keys", "key commitment")))
    }

    @Test("vector 1: a G.711 recording with context, byte for byte")
    func envelope1() throws {
        let configuration = EnvelopeConfiguration(
            recordingID: Self.recordingID, segmentSize: Int(try Self.value("envelope-1", "segment size")) ?? 0,
            mediaFormat: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2),
            context: EnvelopeContext(
                tenant: "acme", callID: "call-42", channelLayout: ["agent", "customer"],
                startTime: Date(timeIntervalSince1970: 1_767_225_600.250)),
            wrapPlacement: .external)
        try check("envelope-1", configuration: configuration)
    }

    @Test("vector 2: an empty recording, byte for byte")
    func envelope2() throws {
        let configuration = EnvelopeConfiguration(
            recordingID: Self.recordingID, segmentSize: Int(try Self.value("envelope-2", "segment size")) ?? 0,
            wrapPlacement: .external)
        try check("envelope-2", configuration: configuration)
    }

    @Test("vector 4: a whole number of segments, ending with an empty final segment, byte for byte")
    func envelope4() throws {
        let configuration = EnvelopeConfiguration(
            recordingID: Self.recordingID, segmentSize: Int(try Self.value("envelope-4", "segment size")) ?? 0,
            context: EnvelopeContext(tenant: "acme", callID: "call-43"), wrapPlacement: .external)
        try check("envelope-4", configuration: configuration)
        let reader = try EnvelopeReader(source: try Self.bytes("envelope-4", "envelope"), dataKey: Self.dataKey())
        #expect(reader.layout.status == .complete(segmentCount: 3, plaintextByteCount: 64))
    }

    @Test("vector 5: an empty recording with its length declared, byte for byte")
    func envelope5() throws {
        var configuration = EnvelopeConfiguration(
            recordingID: Self.recordingID, segmentSize: Int(try Self.value("envelope-5", "segment size")) ?? 0,
            wrapPlacement: .external)
        configuration.declaredPlaintextByteCount = UInt64(try Self.value("envelope-5", "declared length"))
        try check("envelope-5", configuration: configuration)
    }

    @Test(
        "rejection vectors: made from vector 4 without the key, refused with the result given",
        arguments: ["rejected-forged-tail", "rejected-zeroed-final-tag"])
    func rejected(vector: String) throws {
        let original = try Self.bytes("envelope-4", "envelope")
        let header = try EnvelopeHeader.read(from: original)
        let sealed = header.sealedSegmentByteCount
        let derived: [UInt8] =
            vector == "rejected-forged-tail"
            ? Array(original[..<(header.byteCount + sealed)]) + [UInt8](repeating: 0, count: 16)
                + Array("CVR-END\n".utf8) + [0, 0, 0, 0, 0, 0, 0, 32]
            : Array(original[..<(header.byteCount + 2 * sealed)]) + [UInt8](repeating: 0, count: 16)
                + Array(original[(header.byteCount + 2 * sealed + 16)...])
        let envelope = try Self.bytes(vector, "envelope")
        #expect(Hex.encode(envelope) == Hex.encode(derived), "the vector is what its description says")
        let result = try Self.value(vector, "result")
        let index = try #require(Int(result.split(separator: " ")[1]), "result '\(result)'")
        #expect(result == "segment \(index) tampered")
        // A read of the whole plaintext by range never needs the empty final segment's bytes: it
        // must still be refused.
        #expect(throws: EnvelopeError.segmentTampered(index: index)) {
            let reader = try EnvelopeReader(source: envelope, dataKey: Self.dataKey())
            _ = try reader.plaintext(in: 0..<reader.layout.readablePlaintextByteCount)
        }
    }

    private func check(_ vector: String, configuration: EnvelopeConfiguration) throws {
        let plaintext = try Self.bytes(vector, "plaintext")
        let expected = try Self.bytes(vector, "envelope")
        let writer = try EnvelopeWriter(
            configuration: configuration, recipients: [Fixtures.alice.recipient], dataKey: Self.dataKey(),
            output: [UInt8]())
        try writer.append(plaintext)
        try writer.finish()
        #expect(Hex.encode(writer.output) == Hex.encode(expected))
        let reader = try EnvelopeReader(source: expected, dataKey: Self.dataKey())
        var opened: [UInt8] = []
        try reader.readAll(to: &opened)
        #expect(opened == plaintext)
    }

    @Test("vector 3: a published wrap opens to the data key")
    func wrap() throws {
        let identity = try Self.bytes("wrap", "identity private key").withUnsafeBytes { try Identity(copying: $0) }
        #expect(identity.recipient.description == (try Self.value("wrap", "recipient")))
        #expect(identity.recipient.fingerprint.description == (try Self.value("wrap", "fingerprint")))
        let wrap = try WrappedDataKey(serialized: Self.bytes("wrap", "wrap"))
        let recordingID = try #require(RecordingID(parsing: Self.value("wrap", "recording id")))
        let key = try identity.unwrap(wrap, recordingID: recordingID)
        #expect(key.withUnsafeBytes { Array($0) } == (try Self.bytes("wrap", "data key")))
    }
}
