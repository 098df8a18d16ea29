import CallVaultCore
import CallVaultCrypto
import Testing

/// The core length `L` (bytes 12 to 15) against the rules of Documentation/ENVELOPE.md: it lies in
/// 127...65,536, every field lies inside the core and the fields end exactly at `L - 64`. Any other
/// value is a malformed header naming the core length, found before anything sized by it is read
/// and before any key is used; only a file that really ends inside a consistent core is truncated.
@Suite("The header's core length")
struct EnvelopeCoreLengthTests {
    static let sealed: [UInt8] = {
        do { return try Fixtures.seal(Fixtures.bytes(200), segmentSize: 64).envelope } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// The true core length of ``sealed``: 88 bytes of fields (tenant `acme`, call id `call-1`,
    /// labels `agent` and `customer`), the key commitment and the MAC.
    static var trueLength: Int { Int(sealed[12..<16].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }

    static func withCoreLength(_ length: UInt32, in bytes: [UInt8] = sealed) -> [UInt8] {
        var copy = bytes
        withUnsafeBytes(of: length.bigEndian) { copy.replaceSubrange(12..<16, with: $0) }
        return copy
    }

    /// The reason of the malformed-header error `bytes` must give; records an issue otherwise.
    static func malformedReason(
        _ bytes: some RandomAccessByteSource, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
        do {
            _ = try EnvelopeHeader.read(from: bytes)
            Issue.record("the header was accepted", sourceLocation: sourceLocation)
        } catch let error as EnvelopeError {
            guard case .malformedHeader(let reason) = error.reason else {
                Issue.record("expected a malformed header, got \(error)", sourceLocation: sourceLocation)
                return nil
            }
            return reason
        } catch {
            Issue.record("expected a malformed header, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    @Test("the fixture's core is 152 bytes and reads back")
    func trueLengthReads() throws {
        #expect(Self.trueLength == 152)
        #expect(try EnvelopeHeader.read(from: Self.sealed).coreByteCount == 152)
    }

    @Test("a core length below 127 is malformed, naming the range", arguments: [UInt32(0), 1, 16, 126])
    func tooSmall(length: UInt32) throws {
        let reason = try #require(Self.malformedReason(Self.withCoreLength(length)))
        #expect(reason.contains("core length \(length)"), "\(reason)")
        #expect(reason.contains("127...65536"), "\(reason)")
    }

    @Test(
        "a core length above 65,536 is malformed, and nothing sized by it is read",
        arguments: [UInt32(65_537), 1 << 20, .max])
    func tooLarge(length: UInt32) throws {
        let source = CountingEnvelopeSource(Self.withCoreLength(length))
        let reason = try #require(Self.malformedReason(source))
        #expect(reason.contains("core length \(length)"), "\(reason)")
        #expect(reason.contains("127...65536"), "\(reason)")
        #expect(source.requestedByteCount <= 8 + 16, "read \(source.requestedByteCount) bytes")
    }

    @Test(
        "a core length past the end of the file, with whole fields before it, is malformed, not truncated",
        arguments: [UInt32(1_000), 5_000, 65_536])
    func pastTheFile(length: UInt32) throws {
        let bytes = Self.withCoreLength(length)
        #expect(Int(length) > bytes.count)
        let source = CountingEnvelopeSource(bytes)
        let reason = try #require(Self.malformedReason(source))
        #expect(reason.contains("core length \(length)"), "\(reason)")
        #expect(reason.contains("end at byte 88"), "\(reason)")
        #expect(source.requestedByteCount <= 8 + 16 + bytes.count, "read \(source.requestedByteCount) bytes")
    }

    @Test("every core length in range but for the true one is malformed, naming the core length")
    func everyWrongLength() throws {
        let trueLength = Self.trueLength
        for length in 127...(Self.sealed.count + 200) where length != trueLength {
            let reason = try #require(Self.malformedReason(Self.withCoreLength(UInt32(length))), "L = \(length)")
            #expect(reason.contains("core length \(length)"), "L = \(length): \(reason)")
        }
    }

    @Test("a core length one byte short or long is malformed, saying where the fields end", arguments: [-1, 1])
    func offByOne(delta: Int) throws {
        let length = UInt32(Self.trueLength + delta)
        let reason = try #require(Self.malformedReason(Self.withCoreLength(length)))
        #expect(reason.contains("core length \(length)"), "\(reason)")
        if delta > 0 {
            #expect(reason.contains("end at byte 88"), "\(reason)")
        } else {
            #expect(reason.contains("runs past byte \(Int(length) - 64)"), "\(reason)")
        }
    }

    @Test("extra bytes between the last field and the key commitment are malformed", arguments: [1, 5, 64])
    func extraBytesBeforeCommitment(count: Int) throws {
        let trueLength = Self.trueLength
        var bytes = Self.sealed
        bytes.insert(contentsOf: [UInt8](repeating: 0, count: count), at: trueLength - 64)
        bytes = Self.withCoreLength(UInt32(trueLength + count), in: bytes)
        let reason = try #require(Self.malformedReason(bytes))
        #expect(reason.contains("\(count) unexpected byte"), "\(reason)")
        #expect(reason.contains("end at byte 88"), "\(reason)")
    }

    @Test("extra bytes between the key commitment and the MAC are malformed")
    func extraBytesBeforeMAC() throws {
        let trueLength = Self.trueLength
        var bytes = Self.sealed
        bytes.insert(contentsOf: [UInt8](repeating: 0, count: 4), at: trueLength - 32)
        bytes = Self.withCoreLength(UInt32(trueLength + 4), in: bytes)
        let reason = try #require(Self.malformedReason(bytes))
        #expect(reason.contains("4 unexpected bytes"), "\(reason)")
    }

    @Test("a file cut inside a consistent core is still truncated", arguments: [70, 100, 151])
    func realTruncation(cut: Int) throws {
        let bytes = Array(Self.sealed.prefix(cut))
        #expect(throws: EnvelopeError.headerTruncated(needed: 152, available: UInt64(cut))) {
            try EnvelopeHeader.read(from: bytes)
        }
    }

    @Test("a wrong core length is refused before any key is used: the wrong identity is never reached")
    func beforeKeyWork() throws {
        for length in [UInt32(126), 151, 153, 5_000, 70_000] {
            let bytes = Self.withCoreLength(length)
            do {
                _ = try EnvelopeReader(source: bytes, identity: Fixtures.mallory)
                Issue.record("L = \(length): accepted")
            } catch EnvelopeError.malformedHeader {
                continue
            } catch {
                Issue.record("L = \(length): \(error)")
            }
        }
    }
}

/// An in-memory envelope that counts the bytes asked of it.
final class CountingEnvelopeSource: RandomAccessByteSource {
    let bytes: [UInt8]
    private(set) var requestedByteCount = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func byteCount() throws -> UInt64 { UInt64(bytes.count) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws {
        requestedByteCount += buffer.count
        try bytes.read(into: buffer, at: offset)
    }
}
