import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Issue 11, break 1: the end marker is read without a key and only the final segment's tag
/// authenticates it. When that segment is empty (a plaintext that is a whole number of segments,
/// or an empty one), `open` must still check the tag, or anyone can cut a recording written as a
/// stream (as recorders and legal exports write them) after any segment, append 16 random bytes
/// and an end marker with the kept length, and have it open as a whole recording.
@Suite("open refuses a forged or unverified end, whatever the final segment's length", .identities("alice"))
struct ForgedTailTests {
    static let segmentSize = 64

    let workspace: Workspace
    let keys: Keyring

    init() throws {
        workspace = try Workspace()
        keys = try Keyring.required()
    }

    /// An end marker claiming `length` plaintext bytes.
    static func endMarker(length: Int) -> [UInt8] {
        Array("CVR-END\n".utf8) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(length) >> (8 * $0)) }
    }

    /// `plaintext` sealed for alice as a stream (no declared length), as a recorder or an export
    /// seals it.
    func streamEnvelope(_ plaintext: [UInt8], mediaFormat: MediaFormat? = nil, segmentSize: Int = segmentSize)
        throws -> [UInt8]
    {
        let writer = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: segmentSize, mediaFormat: mediaFormat),
            recipients: [Recipient(parsing: keys.recipient("alice"))], output: [UInt8]())
        try writer.append(plaintext)
        try writer.finish()
        return writer.output
    }

    func open(_ bytes: [UInt8], _ extra: String...) throws -> ToolRun {
        try workspace.write(bytes, to: "altered.cvr")
        return try Tool.run(
            ["open", "--identity", keys.identity("alice"), "--output", "out.bin"] + extra + ["altered.cvr"],
            in: workspace.directory)
    }

    func expectRefused(_ run: ToolRun, segment: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(run.status == ExitStatus.tampered, "\(run)", sourceLocation: sourceLocation)
        #expect(
            run.standardError.contains("Segment \(segment) failed authentication"), "\(run)",
            sourceLocation: sourceLocation)
        let entries = try workspace.entries()
        #expect(!entries.contains("out.bin"), "\(entries)", sourceLocation: sourceLocation)
        #expect(entries.filter { $0.hasPrefix(".") }.isEmpty, "\(entries)", sourceLocation: sourceLocation)
    }

    @Test(
        "a zeroed or random tag on an empty final segment gets status 2 (sealed file, whole number of segments)",
        arguments: [0, 2, 5])
    func emptyFinalSegmentTag(fullSegments: Int) throws {
        let fixture = try TamperFixture(
            workspace: workspace, keys: keys, length: fullSegments * TamperFixture.segmentSize, name: "whole")
        let envelope = fixture.envelope
        #expect(envelope.report.segmentCount == fullSegments + 1)
        let tag = envelope.segmentRange(fullSegments)
        #expect(tag.count == 16, "the final segment is its tag alone")
        for replacement in [[UInt8](repeating: 0, count: 16), deterministicBytes(16, seed: 7)] {
            let altered = envelope.bytes.replacing(tag, with: replacement)
            try expectRefused(try open(altered), segment: fullSegments)
            try expectRefused(try open(altered, "--allow-incomplete"), segment: fullSegments)
        }
        let intact = try open(envelope.bytes)
        #expect(intact.status == ExitStatus.success, "\(intact)")
        #expect(try workspace.read("out.bin") == fixture.plaintext)
    }

    @Test("a stream-written envelope cut after any segment and given a forged tail gets status 2")
    func forgedTailAtEveryCut() throws {
        let size = Self.segmentSize
        let envelope = try streamEnvelope(deterministicBytes(size * 5 + 30, seed: 3))
        let header = try EnvelopeHeader.read(from: envelope)
        #expect(header.declaredPlaintextByteCount == nil)
        for kept in 0...5 {
            let cut = header.byteCount + kept * (size + 16)
            let forged =
                Array(envelope[..<cut]) + deterministicBytes(16, seed: UInt64(kept) + 1)
                + Self.endMarker(length: kept * size)
            try expectRefused(try open(forged), segment: kept)
            try expectRefused(try open(forged, "--allow-incomplete"), segment: kept)
        }
    }

    @Test("a forged tail on a recording gets status 2 even when only an earlier time range is opened")
    func forgedTailTimeRange() throws {
        // One second of 8 kHz mono mu-law in 0.1 s segments; keep 0.6 s and forge the end.
        let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1)
        let envelope = try streamEnvelope(deterministicBytes(8_000, seed: 5), mediaFormat: format, segmentSize: 800)
        let header = try EnvelopeHeader.read(from: envelope)
        let forged =
            Array(envelope[..<(header.byteCount + 6 * 816)]) + deterministicBytes(16) + Self.endMarker(length: 4_800)
        try expectRefused(try open(forged, "--from", "0.1", "--to", "0.2"), segment: 6)
        try expectRefused(try open(forged, "--from", "0.3"), segment: 6)
    }
}
