import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// Issue 11 (adversarial review, blob evidence): whoever can write a vault's blob files deletes,
/// cuts, swaps or corrupts a complete recording's envelope. `vault verify` and `vault show` notice
/// what can be checked without a key (the blob exists, its header names the recording and the key
/// the signed retention record committed to, its end marker is there and its length is the signed
/// catalog row's), `vault verify --deep` authenticates every segment with the passphrase, and
/// `vault play` calls a damaged complete recording damaged (exit 2), never incomplete (3) or a bad
/// input (1).
@Suite("blob evidence: a deleted, cut, swapped or corrupted blob is reported")
struct BlobEvidenceTests {
    struct Verified: Decodable {
        struct Problem: Decodable {
            var recording: String?
            var kind: String
            var detail: String
        }

        var intact: Bool
        var problems: [Problem]
    }

    struct Shown: Decodable {
        var integrity: String
        var integrityProblems: [String]
    }

    enum Damage: String, CaseIterable, CustomStringConvertible {
        case delete, truncate, swap, forgedTail
        var description: String { rawValue }
    }

    /// The blob file of `id`.
    static func blobPath(_ fixture: VaultFixture, _ id: RecordingID) throws -> String {
        try fixture.folder.stores().blobs.path(for: id)
    }

    static func damage(_ fixture: VaultFixture, _ damage: Damage, victim: RecordingID, other: RecordingID) throws {
        let path = try blobPath(fixture, victim)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case .delete:
            try FileManager.default.removeItem(atPath: path)
        case .truncate:
            try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        case .swap:
            try Data(contentsOf: URL(fileURLWithPath: try blobPath(fixture, other))).write(
                to: URL(fileURLWithPath: path))
        case .forgedTail:
            // Keep the header and the first full segment, then a forged final segment (16 random
            // bytes) and an end marker whose length fits the shortened file: consistent on its
            // own, and only the signed catalog row's length tells it is not the whole call.
            let header = try EnvelopeHeader.read(from: bytes)
            let kept = header.byteCount + header.sealedSegmentByteCount
            var forged = Array(bytes.prefix(kept))
            forged += (0..<16).map { _ in UInt8.random(in: 0...255) }
            forged += Array("CVR-END\n".utf8)
            let length = UInt64(header.segmentSize)
            forged += (0..<8).reversed().map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
            try Data(forged).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test("verify and show report the damaged blob without a key; play exits 2", arguments: Damage.allCases)
    func damagedBlob(_ damage: Damage) async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try Self.damage(fixture, damage, victim: ids[0], other: ids[1])

        let run = try fixture.run("verify", "--json")
        #expect(run.status == ExitStatus.tampered, "\(damage): \(run)")
        let verified = try JSONDecoder().decode(Verified.self, from: Data(run.standardOutput.utf8))
        #expect(!verified.intact)
        #expect(
            verified.problems.contains { $0.recording == ids[0].description && $0.kind.hasPrefix("blob-") },
            "\(damage): \(verified.problems)")
        #expect(!verified.problems.contains { $0.recording == ids[1].description }, "\(verified.problems)")

        let shown = try fixture.run("show", ids[0].description, "--json")
        #expect(shown.status == ExitStatus.success, "\(shown)")
        let report = try JSONDecoder().decode(Shown.self, from: Data(shown.standardOutput.utf8))
        #expect(report.integrity == "tampered", "\(damage): \(report)")
        #expect(report.integrityProblems.contains { $0.hasPrefix("blob-") }, "\(report)")

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let play = try fixture.run("play", ids[0].description, "--as", maria, "--purpose", "quality", "--out", "x.wav")
        #expect(play.status == ExitStatus.tampered, "\(damage): \(play)")
        #expect(!fixture.workspace.exists("x.wav"))
    }

    @Test("a flipped ciphertext byte: verify --deep authenticates every segment and finds it (exit 2)")
    func flippedByte() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let path = try Self.blobPath(fixture, ids[0])
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let header = try EnvelopeHeader.read(from: bytes)
        bytes[header.byteCount + header.sealedSegmentByteCount + 100] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let deep = try fixture.run("verify", "--deep", "--json")
        #expect(deep.status == ExitStatus.tampered, "\(deep)")
        let verified = try JSONDecoder().decode(Verified.self, from: Data(deep.standardOutput.utf8))
        #expect(
            verified.problems.contains { $0.recording == ids[0].description && $0.kind == "blob-segment-invalid" },
            "\(verified.problems)")
        #expect(!verified.problems.contains { $0.recording == ids[1].description }, "\(verified.problems)")

        let wrong = try fixture.run("verify", "--deep", passphrase: "not the passphrase at all")
        #expect(wrong.status == ExitStatus.wrongKey, "\(wrong)")
    }

    @Test("an untouched vault: verify and verify --deep pass")
    func untouched() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        let run = try fixture.run("verify")
        #expect(run.status == ExitStatus.success, "\(run)")
        let deep = try fixture.run("verify", "--deep")
        #expect(deep.status == ExitStatus.success, "\(deep)")
        #expect(deep.standardOutput.contains("2 recordings checked: all verify"), "\(deep)")
        #expect(deep.standardOutput.contains("every segment authenticated"), "\(deep)")
    }
}
