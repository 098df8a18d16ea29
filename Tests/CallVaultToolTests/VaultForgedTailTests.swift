import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// Issue 11, break 1, in a vault: recordings are written as streams, and a two-second call in
/// one-second segments ends with an empty final segment. Someone with write access to the blob
/// files (and no key) cuts a recording and forges its tail; `vault play`, whole or a span, must
/// refuse it as tampered (status 2), never play it as the whole recording.
@Suite("vault play refuses a recording whose blob was cut and given a forged tail")
struct VaultForgedTailTests {
    let fixture: VaultFixture
    let id: RecordingID

    init() async throws {
        fixture = try VaultFixture()
        id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
    }

    /// The recording's blob file in the vault folder.
    func blobPath() throws -> String {
        let root = fixture.directory.path
        let walker = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix("/\(id).cvr") { return root + "/" + relative }
        }
        throw BlobNotFound(id: id)
    }

    struct BlobNotFound: Error {
        let id: RecordingID
    }

    @Test("cut after each segment (or the empty final tag replaced), whole and by span: status 2", arguments: 0...2)
    func forgedTail(kept: Int) throws {
        let path = try blobPath()
        let blob = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let header = try EnvelopeHeader.read(from: blob)
        let size = header.segmentSize
        #expect(header.declaredPlaintextByteCount == nil, "recordings are written as streams")
        #expect(blob.count == header.byteCount + 2 * (size + 16) + 16 + 16, "two full segments, an empty final one")
        let length = UInt64(kept * size)
        let forged =
            Array(blob[..<(header.byteCount + kept * (size + 16))]) + deterministicBytes(16, seed: UInt64(kept) + 9)
            + Array("CVR-END\n".utf8) + (0..<8).reversed().map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        try Data(forged).write(to: URL(fileURLWithPath: path))

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        for span in [[], ["--from", "0.2", "--to", "0.5"]] {
            let run = try Tool.run(
                ["vault", "play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav"] + span
                    + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.tampered, "\(span): \(run)")
            #expect(run.standardError.contains("Segment \(kept) failed authentication"), "\(run)")
            #expect(!fixture.workspace.exists("call.wav"))
        }
    }
}
