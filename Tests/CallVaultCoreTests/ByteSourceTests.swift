import CallVaultCore
import Foundation
import Testing

/// The one random-access byte source and its two implementations: bytes in memory (and byte
/// arrays) and regular files.
@Suite("Core: random-access byte sources")
struct ByteSourceTests {
    static let bytes = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 41) }

    @Test("memory, array and file sources read the same bytes at any offset, and wrap as one type")
    func sameBytes() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        try Data(Self.bytes).write(to: URL(fileURLWithPath: path))
        let sources: [AnyRandomAccessByteSource] = [
            AnyRandomAccessByteSource(InMemoryByteSource(Self.bytes)),
            AnyRandomAccessByteSource(Self.bytes),
            AnyRandomAccessByteSource(try FileByteSource(path: path)),
        ]
        for source in sources {
            #expect(try source.byteCount() == UInt64(Self.bytes.count))
            for (offset, count) in [(0, 5_000), (4_999, 1), (1_234, 0), (5_000, 0), (17, 300)] {
                var buffer = [UInt8](repeating: 0, count: count)
                try buffer.withUnsafeMutableBytes { try source.read(into: $0, at: UInt64(offset)) }
                #expect(buffer == Array(Self.bytes[offset..<(offset + count)]))
            }
        }
    }

    @Test("a read past the end fails, in memory and in a file, saying where it ends")
    func pastTheEnd() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        try Data(Self.bytes).write(to: URL(fileURLWithPath: path))
        let file = try FileByteSource(path: path)
        for source in [AnyRandomAccessByteSource(InMemoryByteSource(Self.bytes)), AnyRandomAccessByteSource(file)] {
            var buffer = [UInt8](repeating: 0, count: 10)
            let error = try #require(throws: ByteSourceError.self) {
                try buffer.withUnsafeMutableBytes { try source.read(into: $0, at: 4_995) }
            }
            #expect(error.description.contains("5000"))
            #expect(error.errorNumber == nil)
        }
        var buffer = [UInt8](repeating: 0, count: 1)
        #expect(throws: ByteSourceError.self) {
            try buffer.withUnsafeMutableBytes { try Self.bytes.read(into: $0, at: UInt64.max) }
        }
    }

    @Test("a missing file is a ByteSourceError carrying ENOENT; a pipe is refused when opened")
    func openFailures() throws {
        let path = Self.scratchPath()
        defer { unlink(path) }
        let missing = try #require(throws: ByteSourceError.self) { try FileByteSource(path: path) }
        #expect(missing.errorNumber == ENOENT)
        #expect(missing.path == path)
        #expect(mkfifo(path, 0o600) == 0)
        let pipe = try #require(throws: ByteSourceError.self) { try FileByteSource(path: path) }
        #expect(pipe.reason.contains("not a regular file"))
    }

    static func scratchPath() -> String {
        NSTemporaryDirectory() + "callvault-core-" + UUID().uuidString.lowercased()
    }
}
