import Testing

@Suite("open refuses an altered header", .identities("alice"))
struct HeaderTamperTests {
    let fixture: TamperFixture

    init() throws {
        fixture = try TamperFixture(workspace: try Workspace(), keys: try Keyring.required())
    }

    /// A header byte to flip, and what the error must say.
    struct Flip: CustomTestStringConvertible, Sendable {
        let field: String
        let offset: @Sendable (Envelope) -> Int
        let message: String

        var testDescription: String { field }
    }

    static let authenticatedFields: [Flip] = [
        Flip(
            field: "recording id", offset: { _ in Envelope.CoreOffset.recordingID + 7 }, message: "belongs to recording"
        ),
        Flip(field: "segment size", offset: { _ in Envelope.CoreOffset.segmentSize + 3 }, message: "header failed"),
        Flip(
            field: "declared length", offset: { _ in Envelope.CoreOffset.declaredLength + 7 }, message: "header failed"),
        Flip(field: "start time", offset: { _ in Envelope.CoreOffset.startTime + 7 }, message: "header failed"),
        Flip(field: "tenant", offset: { _ in Envelope.CoreOffset.tenant }, message: "header failed"),
        Flip(field: "key commitment", offset: { $0.coreLength - 64 }, message: "key commitment"),
        Flip(field: "header MAC", offset: { $0.coreLength - 1 }, message: "header failed"),
        Flip(field: "wrapped data key", offset: { $0.coreLength + 2 + 16 + 40 }, message: "key wrap for recipient"),
    ]

    @Test(
        "a flipped bit in an authenticated header field gets status 2 and writes nothing",
        arguments: authenticatedFields)
    func authenticatedField(flip: Flip) throws {
        let envelope = fixture.envelope
        let run = try fixture.open(envelope.bytes.flipping(flip.offset(envelope)))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains(flip.message), "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "a flipped bit in the format version or cipher suite gets status 5",
        arguments: [Envelope.CoreOffset.version + 1, Envelope.CoreOffset.algorithm + 1])
    func unsupportedVersionOrSuite(offset: Int) throws {
        let run = try fixture.open(fixture.envelope.bytes.flipping(offset, mask: 0x02))
        #expect(run.status == ExitStatus.unsupported, "\(run)")
        try fixture.expectNothingWritten()
    }

    @Test(
        "a flipped bit that leaves the header core unparseable is reported as tampering (status 2)",
        arguments: [
            // 'a' with its top bit set is not valid UTF-8.
            (Envelope.CoreOffset.tenant, UInt8(0x80)),
            // A channel count without a media encoding.
            (Envelope.CoreOffset.channelCount, UInt8(0x01)),
        ])
    func unparseableCore(offset: Int, mask: UInt8) throws {
        let run = try fixture.open(fixture.envelope.bytes.flipping(offset, mask: mask))
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.status != ExitStatus.success, "\(run)")
        try fixture.expectNothingWritten()
    }
}
