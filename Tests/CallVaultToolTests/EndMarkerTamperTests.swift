import Testing

@Suite("open refuses an altered end marker", .identities("alice"))
struct EndMarkerTamperTests {
    let fixture: TamperFixture

    init() throws {
        fixture = try TamperFixture(workspace: try Workspace(), keys: try Keyring.required())
    }

    @Test(
        "a flipped bit in the recorded length gets status 2 naming the end marker, with or without --allow-incomplete",
        arguments: [8, 12, 15], [false, true])
    func alteredLength(offset: Int, allowIncomplete: Bool) throws {
        let envelope = fixture.envelope
        let run = try fixture.open(
            envelope.bytes.flipping(envelope.endMarkerRange.lowerBound + offset), allowIncomplete: allowIncomplete)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("end marker"), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "a flipped bit in the end marker's magic gets status 2, not 'incomplete'",
        arguments: [0, 7])
    func alteredMagic(offset: Int) throws {
        let envelope = fixture.envelope
        let run = try fixture.open(envelope.bytes.flipping(envelope.endMarkerRange.lowerBound + offset))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.status != ExitStatus.success, "\(run)")
        try fixture.expectNothingWritten()
    }
}
