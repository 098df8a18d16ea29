import CallVault
import CallVaultAccess
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation
import Testing

@Suite("Legal export")
struct LegalExportTests {
    struct Exported {
        let world: VaultWorld
        let id: RecordingID
        let court: Identity
        let package: ExportPackage
    }

    func export() async throws -> Exported {
        let world = try await VaultWorld()
        var feeder = try await world.startCall()
        let session = feeder.session
        try await feeder.feed(seconds: 3)
        let id = try await session.callEnded().id
        let court = try Identity.generate()
        let officer = VaultWorld.principal("c-1", role: "compliance", at: world.clock.now)
        let package = try await world.playback.exportForLegalRequest(
            id,
            PlaybackRequest(principal: officer, purpose: .disputeResolution, legalReference: "case 2026-117"),
            recipients: [court.recipient])
        return Exported(world: world, id: id, court: court, package: package)
    }

    @Test("the package verifies, names its request, and its audio opens only for the recipient")
    func packageVerifiesAndOpens() async throws {
        let exported = try await export()
        let files = try exported.package.allFiles()
        #expect(
            Set(files.keys)
                == [
                    "manifest.json", "recording.cvr", "metadata.json", "audit-history.json", "receipts/1.json",
                    "receipts/2.json",
                ]
        )
        let manifest = try ExportPackage.verify(
            files: files, trustedKey: exported.world.receiptSigner.verifyingKey)
        #expect(manifest.recordingID == exported.id)
        #expect(manifest.legalReference == "case 2026-117")
        #expect(manifest.exportedBy == "c-1")

        let audio = try #require(files["recording.cvr"])
        var samples: [UInt8] = []
        try EnvelopeReader(source: audio, identity: exported.court).readAll(to: &samples)
        let expected = (0..<samples.count / 2).flatMap { frame in
            (0..<2).map { VaultWorld.sample(track: $0, position: Int64(frame)) }
        }
        #expect(samples.count == 3 * 16_000)
        #expect(samples == expected)
        #expect(throws: (any Error).self) { _ = try EnvelopeReader(source: audio, identity: Identity.generate()) }

        let history = String(decoding: try #require(files["audit-history.json"]), as: UTF8.self)
        #expect(history.contains("access.export-legal"))
        #expect(history.contains("recording.sealed"))
        #expect(exported.world.auditActions.last == "recording.exported")
    }

    @Test("any added, removed or altered file, or a manifest signed by another key, is named")
    func tamperIsNamed() async throws {
        let exported = try await export()
        let key = exported.world.receiptSigner.verifyingKey
        let files = try exported.package.allFiles()

        for name in files.keys.sorted() where name != ExportPackage.manifestName {
            var altered = files
            altered[name]?[0] ^= 0x01
            #expect(throws: ExportError.fileAltered(name)) { try ExportPackage.verify(files: altered, trustedKey: key) }
            var removed = files
            removed[name] = nil
            #expect(throws: ExportError.fileMissing(name)) { try ExportPackage.verify(files: removed, trustedKey: key) }
        }
        var added = files
        added["notes.txt"] = Array("trust me".utf8)
        #expect(throws: ExportError.fileNotListed("notes.txt")) {
            try ExportPackage.verify(files: added, trustedKey: key)
        }
        var noManifest = files
        noManifest[ExportPackage.manifestName] = nil
        #expect(throws: ExportError.manifestMissing) { try ExportPackage.verify(files: noManifest, trustedKey: key) }
        #expect(throws: ExportError.self) {
            try ExportPackage.verify(files: files, trustedKey: try SigningKey.generate().verifyingKey)
        }
    }

    @Test("written to a folder and read back, it still verifies")
    func folderRoundTrip() async throws {
        let exported = try await export()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try exported.package.write(to: folder)
        let files = try ExportPackage.readFiles(in: folder)
        #expect(files == (try exported.package.allFiles()))
        _ = try ExportPackage.verify(files: files, trustedKey: exported.world.receiptSigner.verifyingKey)
    }

    @Test("a supervisor may listen but not export")
    func supervisorCannotExport() async throws {
        let exported = try await export()
        let supervisor = VaultWorld.principal("sup-1", role: "supervisor", at: exported.world.clock.now)
        await #expect(throws: PlaybackError.self) {
            _ = try await exported.world.playback.exportForLegalRequest(
                exported.id, PlaybackRequest(principal: supervisor, purpose: .quality),
                recipients: [exported.court.recipient])
        }
    }
}
