import Testing

@Suite("open refuses altered, moved or foreign segments", .identities("alice"))
struct SegmentTamperTests {
    let fixture: TamperFixture

    init() throws {
        fixture = try TamperFixture(workspace: try Workspace(), keys: try Keyring.required())
    }

    enum Position: String, CaseIterable, Sendable {
        case firstCiphertextByte
        case lastTagByte
    }

    @Test(
        "a flipped bit in any segment gets status 2 naming that segment, and writes nothing",
        arguments: 0..<6, Position.allCases)
    func flippedSegment(index: Int, position: Position) throws {
        let range = fixture.envelope.segmentRange(index)
        let offset = position == .firstCiphertextByte ? range.lowerBound : range.upperBound - 1
        let run = try fixture.open(fixture.envelope.bytes.flipping(offset))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment \(index) failed authentication"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test("a refused envelope leaves an existing output file as it was")
    func existingOutputKept() throws {
        try fixture.workspace.write(Array("previous".utf8), to: "out.bin")
        let run = try fixture.open(fixture.envelope.bytes.flipping(fixture.envelope.segmentRange(2).lowerBound))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(try fixture.workspace.text("out.bin") == "previous")
    }

    @Test("two swapped segments get status 2 naming the first of them")
    func swappedSegments() throws {
        let envelope = fixture.envelope
        let swapped = envelope.bytes
            .replacing(envelope.segmentRange(1), with: envelope.segment(3))
            .replacing(envelope.segmentRange(3), with: envelope.segment(1))
        let run = try fixture.open(swapped)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment 1 failed authentication"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test("a segment overwritten with a copy of its predecessor gets status 2 naming it")
    func duplicateInPlace() throws {
        let envelope = fixture.envelope
        let run = try fixture.open(envelope.bytes.replacing(envelope.segmentRange(3), with: envelope.segment(2)))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment 3 failed authentication"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test("a segment inserted again after itself gets status 2: the lengths no longer add up (ENVELOPE.md)")
    func duplicateInserted() throws {
        let envelope = fixture.envelope
        let run = try fixture.open(
            envelope.bytes.inserting(envelope.segment(2), at: envelope.segmentRange(2).upperBound))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("end marker was altered"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "a segment spliced in from another envelope with the same segment size gets status 2 naming it",
        arguments: [0, 2, 5])
    func splicedSegment(index: Int) throws {
        let other = try TamperFixture(workspace: fixture.workspace, keys: fixture.keys, name: "other")
        #expect(other.envelope.segmentRange(index) == fixture.envelope.segmentRange(index))
        let envelope = fixture.envelope
        let run = try fixture.open(
            envelope.bytes.replacing(envelope.segmentRange(index), with: other.envelope.segment(index)))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("Segment \(index) failed authentication"), "\(run)")
        try fixture.expectNothingWritten()
    }
}
