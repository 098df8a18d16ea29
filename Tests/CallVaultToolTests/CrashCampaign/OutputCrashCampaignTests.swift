import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

/// The crash campaign over the commands that write plaintext: `callvault open` (an envelope
/// decrypted to a file) and `vault play --out`, each killed at a seeded sample of points. After
/// each kill the output is absent or whole, never partial, and nothing else holds plaintext; the
/// vault (for play) opens and verifies; the command run again writes the whole output.
@Suite("Crash campaign: plaintext outputs", .enabled(if: CrashCampaign.canRun, "\(CrashCampaign.missing)"))
struct OutputCrashCampaignTests {
    @Test("open killed anywhere: out.bin absent or whole, no other plaintext; open run again writes it")
    func open() async throws {
        let template = try Workspace()
        let plaintext = deterministicBytes(2_000_000, seed: 23)
        try template.write(plaintext, to: "audio.bin")
        try template.succeed("keygen", "-o", "alice.id")
        try template.succeed(
            "seal", "--recipient", "alice.id.pub", "--segment-size", "65536", "--output", "audio.cvr", "audio.bin")
        try FileManager.default.removeItem(at: template.directory.appendingPathComponent("audio.bin"))
        let marker = Array(plaintext.prefix(64))
        let arguments = ["open", "--identity", "alice.id", "--output", "out.bin", "audio.cvr"]
        let loop = CrashLoop(
            name: "open", command: try .tool(arguments), folders: try CrashWorkFolders(template: template.directory),
            syscallKills: 8, signalKills: 3)
        try await loop.run { killed in
            let out = killed.folder.appendingPathComponent("out.bin")
            if FileManager.default.fileExists(atPath: out.path) {
                #expect(Array(try Data(contentsOf: out)) == plaintext, "\(killed.label): out.bin is partial")
            }
            // Plaintext anywhere else is a leak; a hidden whole output linked but not yet renamed
            // is removed by the next output into the folder (the run below).
            let leaked = try CrashPlaintextScan.plaintext(in: killed.folder, marker: marker, allowed: ["out.bin"])
                .filter { !$0.hasPrefix(".callvault-partial.out.bin.") }
            #expect(leaked.isEmpty, "\(killed.label): plaintext left: \(leaked)")
            let again = try Tool.run(arguments, in: killed.folder)
            #expect(again.status == ExitStatus.success, "\(killed.label): open run again: \(again)")
            #expect(Array(try Data(contentsOf: out)) == plaintext, "\(killed.label)")
            try CrashPlaintextScan.expectClean(killed.folder, marker: marker, allowed: ["out.bin"], killed.label)
        }
    }

    @Test("vault play --out killed anywhere: no partial WAV, the vault verifies; play run again writes it whole")
    func play() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let before = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "before")
        try FileManager.default.createDirectory(
            at: fixture.workspace.directory.appendingPathComponent("out"), withIntermediateDirectories: false)
        let arguments = [
            "vault", "play", id.description, "--as", maria, "--purpose", "quality", "--out", "out/call.wav", "--force",
            "--vault", "vault",
        ]
        let folders = try CrashWorkFolders(template: fixture.workspace.directory)
        let reference = try folders.fresh("play-reference")
        try #require(try Tool.run(arguments, in: reference).status == ExitStatus.success)
        let played = try Data(contentsOf: reference.appendingPathComponent("out/call.wav"))
        let loop = CrashLoop(
            name: "play", command: try .tool(arguments), folders: folders, syscallKills: 8, signalKills: 3)
        try await loop.run { killed in
            let out = killed.folder.appendingPathComponent("out/call.wav")
            if FileManager.default.fileExists(atPath: out.path) {
                #expect(try Data(contentsOf: out) == played, "\(killed.label): call.wav is partial")
            }
            let leaked = try CrashPlaintextScan.plaintext(in: killed.folder, allowed: ["out/call.wav"])
            #expect(leaked.isEmpty, "\(killed.label): plaintext left: \(leaked)")
            try CrashVaultCheck.checkAndSettle("vault", in: killed.folder, before: before, killed.label)
            let again = try Tool.run(arguments, in: killed.folder)
            #expect(again.status == ExitStatus.success, "\(killed.label): play run again: \(again)")
            #expect(try Data(contentsOf: out) == played, "\(killed.label)")
            try CrashPlaintextScan.expectClean(killed.folder, allowed: ["out/call.wav"], killed.label)
        }
    }
}
