import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

/// Reading frames in pieces: buffer sizes, seeking, the end, and files that change or vanish.
@Suite("WAVReader")
struct WAVReaderTests {
    static let format = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8_000, channelCount: 2)
    static let samples = wavTestBytes(4 * 1_000)

    static func file() throws -> [UInt8] {
        try WAVHeader.canonicalBytes(for: format, dataByteCount: UInt64(samples.count)) + samples
    }

    @Test("a buffer takes whole frames only; the rest of it is left alone")
    func wholeFrames() throws {
        var reader = try WAVReader(source: InMemoryByteSource(Self.file()))
        var buffer = [UInt8](repeating: 0xEE, count: 10)
        let frames = try buffer.withUnsafeMutableBytes { try reader.readFrames(into: $0) }
        #expect(frames == 2)
        #expect(Array(buffer.prefix(8)) == Array(Self.samples.prefix(8)))
        #expect(buffer[8...] == [0xEE, 0xEE])
        #expect(reader.framePosition == 2)

        var tiny = [UInt8](repeating: 0, count: 3)
        #expect(try tiny.withUnsafeMutableBytes { try reader.readFrames(into: $0) } == 0)
        #expect(reader.framePosition == 2)
    }

    @Test("seeking moves the next read; past the end reads nothing")
    func seeking() throws {
        var reader = try WAVReader(source: InMemoryByteSource(Self.file()))
        reader.seek(toFrame: 990)
        #expect(try reader.readFrames(maxCount: 100) == Array(Self.samples[(990 * 4)...]))
        #expect(try reader.readFrames(maxCount: 100).isEmpty)
        reader.seek(toFrame: 5_000)
        #expect(reader.framePosition == 1_000)
        #expect(reader.remainingFrameCount == 0)
        reader.seek(toFrame: 0)
        #expect(try reader.readFrames(maxCount: 1) == Array(Self.samples.prefix(4)))
    }

    @Test("a count below one reads nothing")
    func nonPositiveCounts() throws {
        var reader = try WAVReader(source: InMemoryByteSource(Self.file()))
        #expect(try reader.readFrames(maxCount: 0).isEmpty)
        #expect(try reader.readFrames(maxCount: -5).isEmpty)
        #expect(try reader.readFrames(maxCount: Int.max).count == Self.samples.count)
    }

    @Test("a missing file is CallVaultCore's ByteSourceError naming it, with the system's ENOENT")
    func missingFile() throws {
        let directory = try WAVTestDirectory()
        let error = try #require(throws: ByteSourceError.self) { try WAVReader(path: directory.path + "/absent.wav") }
        #expect(error.operation == "open")
        #expect(error.errorNumber == ENOENT)
        #expect(error.description.contains("absent.wav"))
    }

    @Test("a file cut short after it was opened fails the read with a ByteSourceError, and the position stays")
    func shrunkFile() throws {
        let directory = try WAVTestDirectory()
        try directory.write(try Self.file(), to: "call.wav")
        var reader = try WAVReader(path: directory.path + "/call.wav")
        #expect(try reader.readFrames(maxCount: 10).count == 40)
        let handle = try #require(FileHandle(forWritingAtPath: directory.path + "/call.wav"))
        try handle.truncate(atOffset: 44 + 100)
        try handle.close()
        let error = try #require(throws: ByteSourceError.self) { try reader.readFrames(maxCount: 100) }
        #expect(error.reason.contains("ends at byte"))
        #expect(reader.framePosition == 10)
    }

    @Test("a malformed file on disk is a WAVFormatError")
    func malformedOnDisk() throws {
        let directory = try WAVTestDirectory()
        try directory.write(Array(try Self.file().prefix(40)), to: "cut.wav")
        let error = try #require(throws: WAVFormatError.self) { try WAVReader(path: directory.path + "/cut.wav") }
        #expect(error == .truncatedChunkHeader(offset: 36, availableByteCount: 4))
    }
}
