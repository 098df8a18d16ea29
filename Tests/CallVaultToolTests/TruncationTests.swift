import Testing

@Suite("open of a truncated envelope", .identities("alice"))
struct TruncationTests {
    let fixture: TamperFixture

    init() throws {
        fixture = try TamperFixture(workspace: try Workspace(), keys: try Keyring.required())
    }

    /// Where the envelope is cut, how many segments stay intact, and how many plaintext bytes they
    /// hold (all of them when only the end marker was cut: the final segment is still verified).
    struct Cut: CustomTestStringConvertible, Sendable {
        let name: String
        let length: @Sendable (Envelope) -> Int
        let intact: Int
        var verifiedBytes: Int? = nil

        var testDescription: String { name }

        static func afterSegments(_ count: Int) -> Cut {
            Cut(name: "after \(count) segments", length: { $0.segmentRange(count).lowerBound }, intact: count)
        }

        static func insideSegment(_ index: Int) -> Cut {
            Cut(name: "inside segment \(index)", length: { $0.segmentRange(index).lowerBound + 37 }, intact: index)
        }
    }

    static let cuts: [Cut] =
        (0...5).map(Cut.afterSegments) + (0...4).map(Cut.insideSegment) + [
            Cut(name: "inside the final segment", length: { $0.segmentRange(5).lowerBound + 13 }, intact: 5),
            Cut(
                name: "without the end marker", length: { $0.endMarkerRange.lowerBound }, intact: 6,
                verifiedBytes: TamperFixture.plaintextLength),
            Cut(
                name: "one byte short", length: { $0.bytes.count - 1 }, intact: 6,
                verifiedBytes: TamperFixture.plaintextLength),
        ]

    func intactMessage(_ count: Int) -> String {
        "\(count) segment\(count == 1 ? "" : "s") verified intact"
    }

    @Test("gets status 3 saying how many segments are intact, and writes nothing", arguments: cuts)
    func refused(cut: Cut) throws {
        let envelope = fixture.envelope
        let run = try fixture.open(Array(envelope.bytes.prefix(cut.length(envelope))))
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardError.contains(intactMessage(cut.intact)), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test("with --allow-incomplete writes the verified prefix and says where it ends", arguments: cuts)
    func verifiedPrefix(cut: Cut) throws {
        let envelope = fixture.envelope
        let run = try fixture.open(Array(envelope.bytes.prefix(cut.length(envelope))), allowIncomplete: true)
        try #require(run.status == ExitStatus.success, "\(run)")
        let verified = cut.verifiedBytes ?? cut.intact * TamperFixture.segmentSize
        #expect(try fixture.workspace.read("out.bin") == Array(fixture.plaintext.prefix(verified)))
        #expect(run.standardError.contains("incomplete"), "\(run)")
        #expect(run.standardError.contains("\(cut.intact) verified segments"), "\(run)")
        #expect(run.standardError.contains("end at \(verified) bytes"), "\(run)")
    }

    @Test("inspect reports the cut envelope as incomplete", arguments: [Cut.afterSegments(3), Cut.insideSegment(2)])
    func inspectIncomplete(cut: Cut) throws {
        let envelope = fixture.envelope
        let length = cut.length(envelope)
        try fixture.workspace.write(Array(envelope.bytes.prefix(length)), to: "altered.cvr")
        let report = try fixture.workspace.inspect("altered.cvr")
        #expect(!report.complete)
        #expect(!report.lastSegmentPresent)
        #expect(report.segmentCount == cut.intact)
        #expect(report.trailingBytes == length - envelope.segmentRange(cut.intact).lowerBound)
        #expect(report.plaintextLength == UInt64(cut.intact * TamperFixture.segmentSize))
        let text = try fixture.workspace.run("inspect", "altered.cvr")
        #expect(text.standardOutput.contains("\(cut.intact) full, last segment missing"), "\(text)")
    }

    @Test("a cut inside the header gets status 3 saying so", arguments: [8, 100])
    func insideHeader(length: Int) throws {
        let run = try fixture.open(Array(fixture.envelope.bytes.prefix(length)), allowIncomplete: true)
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardError.contains("inside its header"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "an altered segment before the cut is tampering (status 2), even with --allow-incomplete",
        arguments: [false, true])
    func tamperedAndTruncated(allowIncomplete: Bool) throws {
        let envelope = fixture.envelope
        let cut = Array(envelope.bytes.prefix(envelope.segmentRange(4).lowerBound + 10))
        let run = try fixture.open(
            cut.flipping(envelope.segmentRange(1).lowerBound + 3), allowIncomplete: allowIncomplete)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment 1 failed authentication"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "an altered last whole segment before the cut is tampering (status 2), not a shorter truncation",
        arguments: [Cut.afterSegments(4), Cut.insideSegment(4)], [false, true])
    func tamperedLastWholeSegment(cut: Cut, allowIncomplete: Bool) throws {
        let envelope = fixture.envelope
        let truncated = Array(envelope.bytes.prefix(cut.length(envelope)))
        let run = try fixture.open(
            truncated.flipping(envelope.segmentRange(3).lowerBound + 3), allowIncomplete: allowIncomplete)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment 3 failed authentication"), "\(run)")
        #expect(!fixture.workspace.exists("out.bin"))
    }

    @Test("a cut WAV recording opens with --allow-incomplete as a valid WAV of the verified frames")
    func wavPrefix() throws {
        let workspace = fixture.workspace
        let recording = WAVFixture(encoding: .muLaw, channels: 2, frames: 4 * 8_000 + 100)
        try workspace.write(recording.bytes, to: "call.wav")
        try workspace.succeed(
            "seal", "--recipient", fixture.keys.recipient("alice"), "--output", "call.cvr", "call.wav")
        let envelope = Envelope(bytes: try workspace.read("call.cvr"), report: try workspace.inspect("call.cvr"))
        try workspace.write(Array(envelope.bytes.prefix(envelope.segmentRange(3).lowerBound + 999)), to: "cut.cvr")

        let refused = try workspace.run(
            "open", "--identity", fixture.keys.identity("alice"), "-o", "out.wav", "cut.cvr")
        #expect(refused.status == ExitStatus.incomplete, "\(refused)")
        #expect(refused.standardError.contains(intactMessage(3)), "\(refused)")
        #expect(!workspace.exists("out.wav"))

        let run = try workspace.run(
            "open", "--allow-incomplete", "--identity", fixture.keys.identity("alice"), "-o", "out.wav", "cut.cvr")
        try #require(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardError.contains("3.000 s"), "\(run)")
        let opened = try workspace.read("out.wav")
        #expect(opened == recording.holding(recording.samples(frames: 0..<24_000)).bytes)
        #expect(try WAVChunks(opened).size(of: "data") == 48_000)
    }
}
