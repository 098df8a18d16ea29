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

    /// An envelope whose core length (bytes 12 to 15) no longer fits its core.
    struct CoreLengthEdit: CustomTestStringConvertible, Sendable {
        let name: String
        let edit: @Sendable (Envelope) -> [UInt8]

        var testDescription: String { name }

        static func setting(_ name: String, _ length: @escaping @Sendable (Int) -> UInt32) -> CoreLengthEdit {
            CoreLengthEdit(name: name) { envelope in
                envelope.bytes.withCoreLength(length(envelope.coreLength))
            }
        }
    }

    static let wrongCoreLengths: [CoreLengthEdit] = [
        .setting("zero") { _ in 0 },
        .setting("126, below the smallest core") { _ in 126 },
        .setting("65,537, above the largest core") { _ in 65_537 },
        .setting("2^32 - 1") { _ in .max },
        .setting("60,000, past the end of the file") { _ in 60_000 },
        .setting("one byte short") { UInt32($0 - 1) },
        .setting("one byte long") { UInt32($0 + 1) },
        .setting("a wrap's length long") { UInt32($0 + 112) },
        CoreLengthEdit(name: "3 extra bytes between the last field and the key commitment") { envelope in
            envelope.bytes.inserting([0, 0, 0], at: envelope.coreLength - 64)
                .withCoreLength(UInt32(envelope.coreLength + 3))
        },
    ]

    @Test(
        "a core length that does not fit the core gets status 2 from open and inspect, naming it, and nothing is written",
        arguments: wrongCoreLengths)
    func wrongCoreLength(edit: CoreLengthEdit) throws {
        let bytes = edit.edit(fixture.envelope)
        let run = try fixture.open(bytes)
        #expect(run.status == ExitStatus.tampered, "\(run)")
        #expect(run.standardError.contains("header is malformed"), "\(run)")
        #expect(run.standardError.contains("core length"), "\(run)")
        #expect(!run.standardError.contains("cut short"), "\(run)")
        try fixture.expectNothingWritten()
        let inspect = try Tool.run(["inspect", "altered.cvr"], in: fixture.workspace.directory)
        #expect(inspect.status == ExitStatus.tampered, "\(inspect)")
        #expect(inspect.standardError.contains("core length"), "\(inspect)")
        #expect(inspect.standardOutput.isEmpty, "\(inspect)")
    }

    @Test("a file cut inside its header core is still incomplete (status 3), not malformed")
    func cutInsideCore() throws {
        let envelope = fixture.envelope
        let run = try fixture.open(Array(envelope.bytes.prefix(envelope.coreLength - 10)))
        #expect(run.status == ExitStatus.incomplete, "\(run)")
        #expect(run.standardError.contains("ends inside its header"), "\(run)")
        try fixture.expectNothingWritten()
    }
}

extension Array where Element == UInt8 {
    /// A copy with the core length (bytes 12 to 15, big-endian) set to `length`.
    func withCoreLength(_ length: UInt32) -> [UInt8] {
        replacing(12..<16, with: (0..<4).map { UInt8(truncatingIfNeeded: length >> (24 - 8 * $0)) })
    }
}
