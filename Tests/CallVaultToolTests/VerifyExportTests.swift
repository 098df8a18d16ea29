import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// `callvault verify-export DIR --public-key KEY`: what a package's receiver runs on what
/// `vault export` wrote. Status 0 with a summary when intact; 2 naming every difference.
@Suite("callvault verify-export")
struct VerifyExportTests {
    /// The JSON `verify-export --json` prints (keys from Commands/VerifyExportReport.swift).
    struct Report: Decodable {
        struct File: Decodable {
            var name: String
            var byteCount: Int
            var status: String
        }

        struct Envelope: Decodable {
            var name: String
            var recordingID: String
            var complete: Bool
            var segmentsVerified: Bool
        }

        struct Problem: Decodable, Hashable {
            var kind: String
            var file: String?
        }

        struct Manifest: Decodable {
            var recordingID: String?
            var legalReference: String?
        }

        var intact: Bool
        var manifest: Manifest?
        var files: [File]
        var envelopes: [Envelope]
        var problems: [Problem]
    }

    let fixture: VaultFixture
    let id: RecordingID
    var workspace: Workspace { fixture.workspace }

    /// A vault with one recording, exported for the court into `package`, and the organisation's
    /// key in `org.key`.
    init() async throws {
        fixture = try VaultFixture()
        id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let export = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        try #require(export.status == ExitStatus.success, "\(export)")
        try workspace.write(Array("\(try fixture.folder.verifyingKey())\n".utf8), to: "org.key")
    }

    func verify(_ extra: String...) throws -> ToolRun {
        try Tool.run(["verify-export", "package", "--public-key", "org.key"] + extra, in: workspace.directory)
    }

    func report(_ extra: String...) throws -> (ToolRun, Report) {
        let run = try Tool.run(
            ["verify-export", "package", "--public-key", "org.key", "--json"] + extra, in: workspace.directory)
        return (run, try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8)))
    }

    func expectMismatch(
        _ kinds: Set<Report.Problem>, naming texts: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try verify()
        #expect(run.status == ExitStatus.tampered, "\(run)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.hasPrefix("NOT INTACT"), "\(run)", sourceLocation: sourceLocation)
        for text in texts {
            #expect(run.standardOutput.contains(text), "'\(text)' missing: \(run)", sourceLocation: sourceLocation)
        }
        let (json, report) = try self.report()
        #expect(json.status == ExitStatus.tampered, sourceLocation: sourceLocation)
        #expect(!report.intact && Set(report.problems) == kinds, "\(report.problems)", sourceLocation: sourceLocation)
    }

    func edit(_ name: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = try workspace.read("package/\(name)")
        change(&bytes)
        try workspace.write(bytes, to: "package/\(name)")
    }

    @Test("an intact package: status 0 and a summary; --json; --identity verifies every segment")
    func intact() throws {
        let run = try verify()
        #expect(run.status == ExitStatus.success, "\(run)")
        for text in [
            "intact: package is exactly the package signed by", "recording \(id) exported by priya",
            "legal reference: case 7", "recording.cvr", "complete", "metadata.json",
        ] {
            #expect(run.standardOutput.contains(text), "'\(text)' missing: \(run)")
        }
        let (json, report) = try report()
        #expect(json.status == ExitStatus.success, "\(json)")
        #expect(report.intact && report.problems.isEmpty)
        #expect(report.manifest?.recordingID == id.description && report.manifest?.legalReference == "case 7")
        #expect(report.files.allSatisfy { $0.status == "ok" } && report.files.contains { $0.name == "recording.cvr" })
        #expect(report.envelopes.map(\.recordingID) == [id.description])
        #expect(report.envelopes.allSatisfy { $0.complete && !$0.segmentsVerified })

        let (deep, deepReport) = try self.report("--identity", "court.id")
        #expect(deep.status == ExitStatus.success, "\(deep)")
        #expect(deepReport.envelopes.allSatisfy { $0.segmentsVerified })
        try workspace.succeed("keygen", "-o", "stranger.id")
        let stranger = try verify("--identity", "stranger.id")
        #expect(stranger.status == ExitStatus.wrongKey, "\(stranger)")
    }

    @Test("an altered file: status 2 naming it (metadata, and the recording cut with a forged tail)")
    func altered() throws {
        try edit("metadata.json") { $0[10] ^= 0x20 }
        try expectMismatch(
            [Report.Problem(kind: "file-altered", file: "metadata.json")],
            naming: ["metadata.json differs from the signed manifest"])

        let recording = try workspace.read("package/recording.cvr")
        let header = try EnvelopeHeader.read(from: recording)
        let kept = header.segmentSize
        let forged =
            Array(recording[..<(header.byteCount + header.sealedSegmentByteCount)]) + deterministicBytes(16)
            + Array("CVR-END\n".utf8) + withUnsafeBytes(of: UInt64(kept).bigEndian, Array.init)
        try workspace.write(forged, to: "package/recording.cvr")
        try expectMismatch(
            [
                Report.Problem(kind: "file-altered", file: "metadata.json"),
                Report.Problem(kind: "file-altered", file: "recording.cvr"),
            ], naming: ["recording.cvr differs from the signed manifest"])
        // And the forged recording itself no longer opens as whole.
        let open = try workspace.run("open", "--identity", "court.id", "--output", "out.wav", "package/recording.cvr")
        #expect(open.status == ExitStatus.tampered, "\(open)")
    }

    @Test("a missing file: status 2 naming it")
    func missing() throws {
        try FileManager.default.removeItem(atPath: workspace.path("package/audit-history.json"))
        try expectMismatch(
            [Report.Problem(kind: "file-missing", file: "audit-history.json")],
            naming: ["audit-history.json is listed in the manifest but missing"])
    }

    @Test("an extra file, link or folder of files: status 2 naming each")
    func extra() throws {
        try workspace.write(Array("trust me".utf8), to: "package/notes.txt")
        try FileManager.default.createDirectory(
            atPath: workspace.path("package/more"), withIntermediateDirectories: false)
        try workspace.write([1, 2, 3], to: "package/more/evidence.bin")
        try FileManager.default.createSymbolicLink(
            atPath: workspace.path("package/passwd"), withDestinationPath: "/etc/passwd")
        try expectMismatch(
            [
                Report.Problem(kind: "file-not-listed", file: "notes.txt"),
                Report.Problem(kind: "file-not-listed", file: "more/evidence.bin"),
                Report.Problem(kind: "file-not-listed", file: "passwd"),
            ], naming: ["notes.txt is in the package but not in the signed manifest", "more/evidence.bin", "passwd"])
    }

    @Test("an added empty folder, or folders of empty folders: status 2 naming it")
    func emptyFolderAdded() throws {
        for folder in ["empty", "deep/er"] {
            try FileManager.default.createDirectory(
                atPath: workspace.path("package/\(folder)"), withIntermediateDirectories: true)
        }
        try expectMismatch(
            [
                Report.Problem(kind: "file-not-listed", file: "empty"),
                Report.Problem(kind: "file-not-listed", file: "deep/er"),
            ], naming: ["empty is in the package but not in the signed manifest", "deep/er"])
    }

    @Test("an edited manifest, or none: status 2")
    func manifestEdited() throws {
        let manifest = try workspace.text("package/manifest.json")
        try workspace.write(
            Array(manifest.replacingOccurrences(of: "case 7", with: "case 8").utf8), to: "package/manifest.json")
        try expectMismatch(
            [Report.Problem(kind: "manifest-not-trusted", file: "manifest.json")],
            naming: ["manifest.json does not verify"])
        // Listing a forged file in the readable copy changes nothing either.
        try workspace.write(Array(manifest.utf8), to: "package/manifest.json")
        try edit("manifest.json") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            bytes = Array(text.replacingOccurrences(of: "\"byteCount\":", with: "\"byteCount\" :").utf8)
        }
        #expect(try verify().status == ExitStatus.success, "a readable copy with the same content still verifies")
        try FileManager.default.removeItem(atPath: workspace.path("package/manifest.json"))
        try expectMismatch(
            [Report.Problem(kind: "manifest-missing", file: "manifest.json")], naming: ["manifest.json is missing"])
    }

    @Test("the wrong organisation key: status 2")
    func wrongKey() throws {
        try workspace.write(Array("\(try SigningKey.generate().verifyingKey)".utf8), to: "org.key")
        try expectMismatch(
            [Report.Problem(kind: "manifest-not-trusted", file: "manifest.json")],
            naming: ["does not verify with the key given"])
    }

    @Test("a folder or key that cannot be read: status 1")
    func unreadable() throws {
        let noFolder = try Tool.run(
            ["verify-export", "nowhere", "--public-key", "org.key"], in: workspace.directory)
        #expect(noFolder.status == ExitStatus.badInput, "\(noFolder)")
        #expect(noFolder.standardError.contains("nowhere"), "\(noFolder)")
        let badKey = try Tool.run(
            ["verify-export", "package", "--public-key", "abc"], in: workspace.directory)
        #expect(badKey.status == ExitStatus.badInput, "\(badKey)")
        #expect(badKey.standardError.contains("not a public key"), "\(badKey)")
    }
}
