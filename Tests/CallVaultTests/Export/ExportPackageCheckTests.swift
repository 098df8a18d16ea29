import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

@testable import CallVault

/// A package folder checked against its signed manifest, every problem named (issue 11, break 1:
/// what `callvault verify-export` runs).
@Suite("Export package folders checked against their manifest")
struct ExportPackageCheckTests {
    let world: VaultWorld
    let id: RecordingID
    let court: Identity
    let folder: URL

    init() async throws {
        world = try await VaultWorld()
        var feeder = try await world.startCall()
        let session = feeder.session
        try await feeder.feed(seconds: 2)
        id = try await session.callEnded().id
        court = try Identity.generate()
        let officer = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        let package = try await world.playback.exportForLegalRequest(
            id, PlaybackRequest(principal: officer, purpose: .disputeResolution, legalReference: "case 9"),
            recipients: [court.recipient])
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-check-\(UUID())")
        try package.write(to: folder)
    }

    var key: VerifyingKey { world.receiptSigner.verifyingKey }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func check(identity: Identity? = nil) throws -> ExportPackageCheck {
        try ExportPackageCheck.check(directory: folder, trustedKey: key, identity: identity)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    @Test("an intact package: no problem, the envelope complete, every segment verified with the identity")
    func intact() throws {
        defer { remove() }
        let plain = try check()
        #expect(plain.isIntact && plain.problems.isEmpty)
        #expect(plain.manifest?.recordingID == id)
        #expect(plain.envelopes.map(\.name) == ["recording.cvr"])
        #expect(plain.envelopes.first?.isComplete == true && plain.envelopes.first?.segmentsVerified == false)
        #expect(plain.envelopes.first?.recordingID == id)
        let deep = try check(identity: court)
        #expect(deep.isIntact && deep.envelopes.first?.segmentsVerified == true)
        #expect(throws: EnvelopeError.self) { try check(identity: try Identity.generate()) }
    }

    @Test("every difference is named, not just the first")
    func everyProblem() throws {
        defer { remove() }
        var metadata = Array(try Data(contentsOf: URL(fileURLWithPath: path("metadata.json"))))
        metadata[3] ^= 1
        try Data(metadata).write(to: URL(fileURLWithPath: path("metadata.json")))
        try FileManager.default.removeItem(atPath: path("audit-history.json"))
        try Data("trust me".utf8).write(to: URL(fileURLWithPath: path("notes.txt")))
        try FileManager.default.createSymbolicLink(atPath: path("receipts/link.json"), withDestinationPath: "1.json")
        let result = try check()
        #expect(!result.isIntact)
        #expect(
            Set(result.problems) == [
                .fileAltered("metadata.json", reason: "its BLAKE2b-256 digest is not the signed one"),
                .fileMissing("audit-history.json"), .fileNotListed("notes.txt"), .fileNotListed("receipts/link.json"),
            ])
    }

    @Test("a listed file replaced by a link, a cut and forged recording, a missing or unsigned manifest")
    func replacedAndForged() throws {
        defer { remove() }
        try FileManager.default.removeItem(atPath: path("receipts/1.json"))
        try FileManager.default.createSymbolicLink(
            atPath: path("receipts/1.json"), withDestinationPath: path("metadata.json"))
        let recording = Array(try Data(contentsOf: URL(fileURLWithPath: path("recording.cvr"))))
        let header = try EnvelopeHeader.read(from: recording)
        let forged =
            Array(recording[..<(header.byteCount + header.sealedSegmentByteCount)]) + [UInt8](repeating: 7, count: 16)
            + Array("CVR-END\n".utf8) + withUnsafeBytes(of: UInt64(header.segmentSize).bigEndian, Array.init)
        try Data(forged).write(to: URL(fileURLWithPath: path("recording.cvr")))
        let result = try check()
        #expect(result.problems.contains(.notARegularFile("receipts/1.json", kind: "symbolic link")))
        #expect(result.problems.contains { $0.kind == "file-altered" && $0.file == "recording.cvr" })

        let manifest = try String(contentsOfFile: path("manifest.json"), encoding: .utf8)
        try manifest.replacingOccurrences(of: "case 9", with: "case 8")
            .write(toFile: path("manifest.json"), atomically: true, encoding: .utf8)
        #expect(try check().problems.map(\.kind) == ["manifest-not-trusted"])
        try FileManager.default.removeItem(atPath: path("manifest.json"))
        #expect(try check().problems == [.manifestMissing])
    }

    @Test("a signed package whose envelope holds another recording, or is cut short, is refused")
    func signedButWrongEnvelope() throws {
        defer { remove() }
        let other = try EnvelopeWriter(
            configuration: EnvelopeConfiguration(segmentSize: 64), recipients: [court.recipient], output: [UInt8]())
        try other.append([UInt8](repeating: 1, count: 200))
        try other.finish()
        let cut = Array(other.output.dropLast(20))
        let package = try ExportPackage.sealing(
            files: ["recording.cvr": other.output, "recordings/\(id)/recording.cvr": cut],
            signingKey: world.receiptSigner
        ) { listed in
            ExportManifest(
                recordingID: id, createdAt: Date(), exportedBy: "c-1", purpose: .disputeResolution,
                legalReference: nil, grantNonce: "n", recipients: [], recordingIsComplete: true, files: listed)
        }
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("export-check-\(UUID())")
        defer { try? FileManager.default.removeItem(at: second) }
        try package.write(to: second)
        let result = try ExportPackageCheck.check(directory: second, trustedKey: key)
        // The cut one, in recording `id`'s folder, holds the other recording too.
        #expect(
            result.problems.map(\.kind).sorted() == [
                "envelope-incomplete", "envelope-of-another-recording", "envelope-of-another-recording",
            ])
        #expect(
            result.problems.contains(
                .envelopeOfAnotherRecording("recording.cvr", found: other.header.recordingID, expected: id)))
    }

    @Test("a folder that does not exist, or a file, is an I/O error")
    func notAFolder() throws {
        defer { remove() }
        #expect(throws: ExportError.self) {
            try ExportPackageCheck.check(directory: folder.appendingPathComponent("nothing"), trustedKey: key)
        }
        #expect(throws: ExportError.self) {
            try ExportPackageCheck.check(directory: folder.appendingPathComponent("metadata.json"), trustedKey: key)
        }
    }
}
