import Foundation
import Testing

/// The crash campaign over the contact-centre demo (a host embedding the vault: it makes a vault,
/// records four calls, plays, exports, holds and sweeps), run into a fresh folder and killed at a
/// seeded sample of points. After each kill the folder holds no vault or one that opens, settles
/// (a call the kill cut off is kept as incomplete), verifies and whose log verifies, with nothing
/// temporary or plaintext left; the demo run again succeeds and leaves nothing behind.
@Suite("Crash campaign: the contact-centre demo", .enabled(if: CrashCampaign.canRun, "\(CrashCampaign.missing)"))
struct DemoCrashCampaignTests {
    @Test("the demo killed anywhere leaves no vault or one that settles and verifies; it then runs again")
    func demo() async throws {
        let template = try Workspace()
        let loop = CrashLoop(
            name: "demo", command: try .demo(["--vault", "demo"]),
            folders: try CrashWorkFolders(template: template.directory),
            syscallKills: 16, signalKills: 6)
        try await loop.run { killed in
            let vault = killed.folder.appendingPathComponent("demo")
            if FileManager.default.fileExists(atPath: vault.appendingPathComponent("vault.json").path) {
                try CrashVaultCheck.checkAndSettle("demo", in: killed.folder, before: [:], killed.label)
            } else {
                let entries = try CrashPlaintextScan.entries(in: vault)
                #expect(
                    !FileManager.default.fileExists(atPath: vault.path),
                    "\(killed.label): a demo folder without vault.json: \(entries)")
            }
            let again = try loop.command.run(in: killed.folder)
            #expect(again.status == 0, "\(killed.label): the demo run again: \(again)")
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }
}
