import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Whole-file sealing and opening across cores writes the same format the streaming writer does.
@Suite("Whole files on every core")
struct EnvelopeFileTests {
    @Test(
        "files sealed in parallel open with the streaming reader, and back",
        arguments: [0, 1, 4_095, 4_096, 4_097, 3 * 4_096, 200_000])
    func roundTrip(size: Int) throws {
        let directory = try TemporaryDirectory()
        let plaintext = Fixtures.bytes(size, seed: UInt64(size) + 7)
        let input = try directory.write(plaintext, to: "in.bin")
        let summary = try EnvelopeFile.seal(
            inputPath: input, outputPath: directory.file("out.cvr"),
            configuration: EnvelopeConfiguration(segmentSize: 4_096), recipients: [Fixtures.alice.recipient])
        let envelope = try directory.read("out.cvr")
        #expect(summary.envelopeByteCount == UInt64(envelope.count))
        #expect(summary.header.declaredPlaintextByteCount == UInt64(size))
        #expect(try Fixtures.open(envelope) == plaintext)

        let reader = try EnvelopeReader(
            source: FileByteSource(path: directory.file("out.cvr")), identity: Fixtures.alice)
        let result = try reader.decrypt(toFile: directory.file("back.bin"))
        #expect(result.isComplete)
        #expect(try directory.read("back.bin") == plaintext)
        #expect(try directory.listing() == ["back.bin", "in.bin", "out.cvr"], "no temporary files left behind")
    }

    @Test("a streaming envelope opens in parallel, whole and by range, with prefix and suffix")
    func streamingToParallel() throws {
        let directory = try TemporaryDirectory()
        let plaintext = Fixtures.bytes(50_000)
        let path = try directory.write(Fixtures.seal(plaintext, segmentSize: 1_000).envelope, to: "s.cvr")
        let reader = try EnvelopeReader(source: FileByteSource(path: path), identity: Fixtures.alice)
        try reader.decrypt(toFile: directory.file("all"), prefix: [1, 2], suffix: [9])
        #expect(try directory.read("all") == [1, 2] + plaintext + [9])
        let range: Range<UInt64> = 1_500..<33_333
        let result = try reader.decrypt(toFile: directory.file("part"), range: range)
        #expect(try directory.read("part") == Array(plaintext[1_500..<33_333]))
        #expect(result.isComplete == false, "a range is not the whole recording")
        #expect(result.segmentCount == 33)
    }

    @Test("a tampered envelope leaves nothing at the destination")
    func tamperedLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        var envelope = try EnvelopeBytes(Fixtures.seal(Fixtures.bytes(40_000), segmentSize: 1_000).envelope)
        envelope.flipBit(at: envelope.offset(ofSegment: 37) + 100)
        let path = try directory.write(envelope.bytes, to: "t.cvr")
        let reader = try EnvelopeReader(source: FileByteSource(path: path), identity: Fixtures.alice)
        #expect(throws: EnvelopeError.segmentTampered(index: 37)) { try reader.decrypt(toFile: directory.file("out")) }
        #expect(try directory.listing() == ["t.cvr"])
    }

    @Test("a truncated envelope: typed error and nothing written, or the verified prefix on request")
    func truncatedFile() throws {
        let directory = try TemporaryDirectory()
        let plaintext = Fixtures.bytes(40_000)
        let envelope = try EnvelopeBytes(Fixtures.seal(plaintext, segmentSize: 1_000).envelope)
        let path = try directory.write(Array(envelope.bytes[..<(envelope.offset(ofSegment: 25) + 10)]), to: "c.cvr")
        let reader = try EnvelopeReader(source: FileByteSource(path: path), identity: Fixtures.alice)
        #expect(throws: EnvelopeError.truncated(intactSegments: 25, trailingBytes: 10)) {
            try reader.decrypt(toFile: directory.file("out"))
        }
        #expect(!directory.exists("out"))
        let result = try reader.decrypt(toFile: directory.file("out"), allowIncomplete: true)
        #expect(result.isComplete == false)
        #expect(try directory.read("out") == Array(plaintext[..<25_000]))
    }

    @Test("sealing a range of a file declares and seals exactly that range")
    func inputRange() throws {
        let directory = try TemporaryDirectory()
        let plaintext = Fixtures.bytes(10_000)
        let input = try directory.write(plaintext, to: "in.bin")
        try EnvelopeFile.seal(
            inputPath: input, inputRange: 44..<9_044, outputPath: directory.file("r.cvr"),
            configuration: EnvelopeConfiguration(segmentSize: 512), recipients: [Fixtures.alice.recipient])
        #expect(try Fixtures.open(directory.read("r.cvr")) == Array(plaintext[44..<9_044]))
        #expect(throws: FileError.self) {
            try EnvelopeFile.seal(
                inputPath: input, inputRange: 0..<20_000, outputPath: directory.file("x.cvr"),
                configuration: EnvelopeConfiguration(), recipients: [Fixtures.alice.recipient])
        }
        #expect(throws: FileError.self) {
            try EnvelopeFile.seal(
                inputPath: directory.file("missing"), outputPath: directory.file("x.cvr"),
                configuration: EnvelopeConfiguration(), recipients: [Fixtures.alice.recipient])
        }
        #expect(!directory.exists("x.cvr"))
    }
}

@Suite("Reading recordings by time")
struct TimeRangeTests {
    static let format = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 2)

    @Test("a time range is exactly the frames from round(start x rate) to round(end x rate)")
    func exactFrames() throws {
        let audio = Fixtures.bytes(8_000 * 4 * 10)  // ten seconds
        let (envelope, summary) = try Fixtures.seal(audio, segmentSize: 32_000, mediaFormat: Self.format)
        #expect(summary.header.mediaFormat == Self.format)
        let reader = try EnvelopeReader(source: envelope, identity: Fixtures.alice)
        for (start, end) in [(0.0, 10.0), (2.5, 7.25), (3.00001, 3.0002), (9.9999, 10.0)] {
            let range = try reader.byteRange(fromSeconds: start, toSeconds: end)
            let first = Int((start * 8_000).rounded()) * 4
            let last = Int((end * 8_000).rounded()) * 4
            #expect(range == UInt64(first)..<UInt64(last))
            #expect(try reader.plaintext(in: range) == Array(audio[first..<last]))
        }
        #expect(throws: (any Error).self) { try reader.byteRange(fromSeconds: 5, toSeconds: 11) }
        #expect(throws: (any Error).self) { try reader.byteRange(fromSeconds: 10, toSeconds: 11) }
        #expect(throws: (any Error).self) { try reader.byteRange(fromSeconds: 4, toSeconds: 3) }
        #expect(throws: (any Error).self) { try reader.byteRange(fromSeconds: -1, toSeconds: 3) }
        #expect(throws: (any Error).self) { try reader.byteRange(fromSeconds: .nan, toSeconds: 3) }
    }

    @Test("segment sizes must hold whole sample frames")
    func wholeFrames() throws {
        #expect {
            try Fixtures.seal(Fixtures.bytes(100), segmentSize: 1_002, mediaFormat: Self.format)
        } throws: { error in
            (error as? EnvelopeError)?.description.contains("use 1000") == true
        }
        #expect(EnvelopeConfiguration(mediaFormat: Self.format).segmentSize == 32_000)
        #expect(EnvelopeConfiguration().segmentSize == 65_536)
    }

    @Test("an envelope without a media format cannot be read by time")
    func noMediaFormat() throws {
        let (envelope, _) = try Fixtures.seal(Fixtures.bytes(100))
        let reader = try EnvelopeReader(source: envelope, identity: Fixtures.alice)
        #expect(throws: EnvelopeError.noMediaFormat) { try reader.byteRange(fromSeconds: 0, toSeconds: 1) }
    }
}

@Suite("Rewrapping")
struct RewrapTests {
    @Test("rewrap keeps every sealed byte after the header and moves access")
    func rewrap() throws {
        let plaintext = Fixtures.bytes(3_000)
        let original = try EnvelopeBytes(
            Fixtures.seal(plaintext, recipients: [Fixtures.alice.recipient, Fixtures.bob.recipient]).envelope)
        let reader = try EnvelopeReader(source: original.bytes, identity: Fixtures.alice)
        var rewrapped: [UInt8] = []
        let header = try reader.rewrap(
            adding: [Fixtures.mallory.recipient], removing: [Fixtures.bob.recipient.fingerprint], to: &rewrapped)
        #expect(header.recipients == [Fixtures.alice.recipient.fingerprint, Fixtures.mallory.recipient.fingerprint])
        #expect(Array(rewrapped[header.byteCount...]) == Array(original.bytes[original.header.byteCount...]))
        #expect(Array(rewrapped[..<header.coreByteCount]) == Array(original.bytes[..<original.header.coreByteCount]))
        #expect(try Fixtures.open(rewrapped, identity: Fixtures.mallory) == plaintext)
        #expect(try Fixtures.open(rewrapped, identity: Fixtures.alice) == plaintext)
        #expect {
            try Fixtures.open(rewrapped, identity: Fixtures.bob)
        } throws: { error in
            if case EnvelopeError.noMatchingRecipient = error { return true }
            return false
        }
    }

    @Test("rewrap refuses to leave nobody, to duplicate, or to remove a stranger")
    func rewrapMistakes() throws {
        let (envelope, _) = try Fixtures.seal(Fixtures.bytes(10))
        let reader = try EnvelopeReader(source: envelope, identity: Fixtures.alice)
        let alice = Fixtures.alice.recipient
        #expect(throws: EnvelopeError.noRecipients) {
            try reader.rewrappedHeader(adding: [], removing: [alice.fingerprint])
        }
        #expect(throws: EnvelopeError.duplicateRecipient(alice.fingerprint)) {
            try reader.rewrappedHeader(adding: [alice], removing: [])
        }
        #expect(throws: EnvelopeError.recipientNotFound(Fixtures.bob.recipient.fingerprint)) {
            try reader.rewrappedHeader(adding: [], removing: [Fixtures.bob.recipient.fingerprint])
        }
        let wrap = try reader.wrap(for: Fixtures.bob.recipient)
        #expect(
            try Fixtures.bob.unwrap(wrap, recordingID: reader.header.recordingID).withUnsafeBytes { $0.count } == 32)
    }

    @Test("writer settings are checked before anything is written")
    func writerSettings() throws {
        let many = try (0..<33).map { _ in try Identity.generate().recipient }
        #expect(throws: EnvelopeError.tooManyRecipients(count: 33, limit: 32)) {
            try Fixtures.seal([], recipients: many)
        }
        #expect(throws: EnvelopeError.noRecipients) { try Fixtures.seal([], recipients: []) }
        #expect(throws: EnvelopeError.duplicateRecipient(Fixtures.alice.recipient.fingerprint)) {
            try Fixtures.seal([], recipients: [Fixtures.alice.recipient, Fixtures.alice.recipient])
        }
        #expect(throws: (any Error).self) { try Fixtures.seal([], segmentSize: 8) }
        #expect(throws: (any Error).self) { try Fixtures.seal([], segmentSize: 32 << 20) }
    }
}
