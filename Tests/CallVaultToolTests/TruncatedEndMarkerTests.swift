import Testing

/// A crash while the final segment and end marker are written can leave part of the marker. When the
/// final segment is nearly full, what is left is at least one sealed-segment length long.
@Suite("open of an envelope cut inside the end marker after a nearly full final segment", .identities("alice"))
struct TruncatedEndMarkerTests {
    let fixture: TamperFixture

    init() throws {
        // Five full 64-byte segments and a 60-byte final one (76 bytes sealed, then the 16-byte marker).
        fixture = try TamperFixture(workspace: try Workspace(), keys: try Keyring.required(), length: 5 * 64 + 60)
    }

    @Test(
        "a cut inside the end marker is truncation (status 3) with every segment intact, the final one too",
        arguments: [1, 4, 12, 13, 16])
    func cutInsideMarker(missing: Int) throws {
        let cut = Array(fixture.envelope.bytes.dropLast(missing))
        let run = try fixture.open(cut)
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardError.contains("6 segments verified intact"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test("with --allow-incomplete the whole recording is written", arguments: [1, 12, 16])
    func wholeRecordingRecoverable(missing: Int) throws {
        let cut = Array(fixture.envelope.bytes.dropLast(missing))
        let run = try fixture.open(cut, allowIncomplete: true)
        try #require(run.status == ExitStatus.success, "\(run)")
        #expect(try fixture.workspace.read("out.bin") == fixture.plaintext)
        #expect(run.standardError.contains("end at 380 bytes"), "\(run)")
    }

    @Test("a cut inside the final segment leaves the five full segments intact", arguments: [17, 40, 76])
    func cutInsideFinalSegment(missing: Int) throws {
        let cut = Array(fixture.envelope.bytes.dropLast(missing))
        let run = try fixture.open(cut)
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardError.contains("5 segments verified intact"), "\(run)")
        let prefix = try fixture.open(cut, allowIncomplete: true)
        try #require(prefix.status == ExitStatus.success, "\(prefix)")
        #expect(try fixture.workspace.read("out.bin") == Array(fixture.plaintext.prefix(5 * 64)))
    }
}
