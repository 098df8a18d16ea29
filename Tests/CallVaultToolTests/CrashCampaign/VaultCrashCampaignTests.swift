import CallVault
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// The crash campaign over the tool's vault commands: `vault sweep`, `vault export`, `vault init`,
/// `vault rotate` and `vault hold place`, each killed at a seeded sample of points (strace fault
/// injection at the N-th write, sync, rename/unlink/mkdir or open, and SIGKILL at a random delay).
/// After each kill the vault opens, nothing complete is lost, nothing deleted reappears, the log
/// verifies and nothing temporary or plaintext is left (``CrashVaultCheck``); the command run again
/// ends as an uninterrupted run does. `CALLVAULT_CRASH_SEED` replays a run,
/// `CALLVAULT_CRASH_CAMPAIGN=full` tries every kill point.
@Suite("Crash campaign: vault commands", .enabled(if: CrashCampaign.canRun, "\(CrashCampaign.missing)"))
struct VaultCrashCampaignTests {
    @Test("vault sweep over due, held, recent and left-open recordings, killed anywhere, then run again")
    func sweep() async throws {
        let fixture = try VaultFixture()
        let due = try await fixture.recordCalls(2, startingAt: VaultHoldSweepTests.threeYearsAgo)
        let held = try await fixture.recordCalls(1, startingAt: VaultHoldSweepTests.threeYearsAgo, team: "team-b")[0]
        let recent = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try #require(
            try fixture.run(
                "hold", "place", "--matter", "M", "--reason", "R", "--recording", held.description, "--by",
                "legal.alice"
            ).status == ExitStatus.success)
        // A recorder that died mid-call: the sweep's open settles it first (start-up recovery).
        let open = try await fixture.leaveRecordingOpen(seconds: 1.5)
        let ids = due + [held, recent, open]
        let folders = try CrashWorkFolders(template: fixture.workspace.directory)
        let before = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "before")
        let reference = try folders.fresh("sweep-reference")
        try #require(try SweepRun(existing: reference).sweep().status == ExitStatus.success)
        let expected = try await SweepRun(existing: reference).state(ids: ids)
        #expect(expected.certified == Set(due))

        let loop = CrashLoop(
            name: "sweep", command: try .tool(["vault", "sweep", "--vault", "vault"]), folders: folders,
            syscallKills: 12, signalKills: 4)
        try await loop.run { killed in
            try CrashVaultCheck.checkAndSettle(
                "vault", in: killed.folder, before: before, mayDelete: Set(due.map(\.description)), killed.label)
            let again = try SweepRun(existing: killed.folder).sweep()
            #expect(again.status == ExitStatus.success, "\(killed.label): the sweep run again: \(again)")
            let state = try await SweepRun(existing: killed.folder).state(ids: ids)
            #expect(state == expected, "\(killed.label): \(state) differs from an uninterrupted sweep's \(expected)")
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }

    @Test("vault export killed anywhere: no package or a whole one; the vault unharmed; export runs again")
    func export() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let key = try fixture.folder.verifyingKey()
        let before = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "before")
        let arguments = [
            "vault", "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference",
            "case 7", "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package", "--vault",
            "vault",
        ]
        let loop = CrashLoop(
            name: "export", command: try .tool(arguments),
            folders: try CrashWorkFolders(template: fixture.workspace.directory),
            syscallKills: 8, signalKills: 3)
        try await loop.run { killed in
            try CrashVaultCheck.checkAndSettle("vault", in: killed.folder, before: before, killed.label)
            let package = killed.folder.appendingPathComponent("package")
            if !FileManager.default.fileExists(atPath: package.path) {
                let again = try Tool.run(arguments, in: killed.folder)
                #expect(again.status == ExitStatus.success, "\(killed.label): the export run again: \(again)")
            }
            #expect(throws: Never.self, "\(killed.label): the package verifies") {
                _ = try ExportPackage.verify(files: try ExportPackage.readFiles(in: package), trustedKey: key)
            }
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }

    @Test("vault init killed anywhere: no vault or a whole one; init then runs again")
    func initialise() async throws {
        let template = try Workspace()
        let arguments = VaultInitArguments.minimum(vault: "v")
        let loop = CrashLoop(
            name: "init", command: try .tool(arguments), folders: try CrashWorkFolders(template: template.directory),
            syscallKills: 8, signalKills: 3)
        try await loop.run { killed in
            if FileManager.default.fileExists(atPath: killed.folder.appendingPathComponent("v").path) {
                try CrashVaultCheck.checkAndSettle("v", in: killed.folder, before: [:], killed.label)
            } else {
                let again = try Tool.run(arguments, in: killed.folder)
                #expect(again.status == ExitStatus.success, "\(killed.label): init run again: \(again)")
                try CrashVaultCheck.checkAndSettle("v", in: killed.folder, before: [:], killed.label)
            }
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }

    @Test("vault rotate killed anywhere, then run again: every recording opens for the added recipient")
    func rotate() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: Date().addingTimeInterval(-3_600))
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        let escrow = try IdentityFile.open(
            try fixture.workspace.text("escrow.id"), passphrase: Passphrase(Tool.passphrase))
        let before = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "before")
        let arguments = ["vault", "rotate", "--add", "escrow.id.pub", "--vault", "vault"]
        let loop = CrashLoop(
            name: "rotate", command: try .tool(arguments),
            folders: try CrashWorkFolders(template: fixture.workspace.directory),
            syscallKills: 8, signalKills: 3)
        try await loop.run { killed in
            try CrashVaultCheck.checkAndSettle("vault", in: killed.folder, before: before, killed.label)
            let again = try Tool.run(arguments, in: killed.folder)
            #expect(again.status == ExitStatus.success, "\(killed.label): rotate run again: \(again)")
            let folder = VaultFolder(killed.folder.appendingPathComponent("vault"))
            #expect(try folder.configuration().additionalRecipients == [escrow.recipient], "\(killed.label)")
            let stores = try folder.stores()
            for id in ids {
                let wraps = try await stores.keys.wraps(for: id)
                var audio: [UInt8] = []
                #expect(throws: Never.self, "\(killed.label): \(id) opens for the added recipient") {
                    try EnvelopeReader(source: try stores.blobs.source(for: id), wraps: wraps, identity: escrow)
                        .readAll(to: &audio)
                }
            }
            let (verified, kinds) = try CrashVaultCheck.verify("vault", in: killed.folder, deep: true)
            #expect(
                verified.status == ExitStatus.success, "\(killed.label): after rotate ran again: \(kinds) \(verified)")
            #expect(
                try Tool.run(["vault", "audit", "--vault", "vault"], in: killed.folder).status == 0, "\(killed.label)")
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }

    @Test("vault hold place killed anywhere: the hold is placed once (again if need be) and keeps its recording")
    func holdPlace() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.recordCalls(1, startingAt: VaultHoldSweepTests.threeYearsAgo)[0]
        let before = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "before")
        let arguments = [
            "vault", "hold", "place", "--matter", "M", "--reason", "R", "--recording", id.description, "--by",
            "legal.alice", "--vault", "vault",
        ]
        let loop = CrashLoop(
            name: "hold", command: try .tool(arguments),
            folders: try CrashWorkFolders(template: fixture.workspace.directory),
            syscallKills: 5, signalKills: 2)
        try await loop.run { killed in
            try CrashVaultCheck.checkAndSettle("vault", in: killed.folder, before: before, killed.label)
            let folder = VaultFolder(killed.folder.appendingPathComponent("vault"))
            let placed = try await folder.checkedRetention().activeHolds()
            #expect(placed.count <= 1, "\(killed.label): \(placed)")
            if placed.isEmpty {
                let again = try Tool.run(arguments, in: killed.folder)
                #expect(again.status == ExitStatus.success, "\(killed.label): hold place run again: \(again)")
            }
            #expect(try await folder.checkedRetention().activeHolds().count == 1, "\(killed.label)")
            let sweep = try Tool.run(["vault", "sweep", "--vault", "vault"], in: killed.folder)
            #expect(sweep.status == ExitStatus.success, "\(killed.label): \(sweep)")
            #expect(try CrashVaultCheck.states("vault", in: killed.folder, killed.label)[id.description] == "complete")
            #expect(
                try Tool.run(["vault", "audit", "--vault", "vault"], in: killed.folder).status == 0, "\(killed.label)")
            try CrashPlaintextScan.expectClean(killed.folder, killed.label)
        }
    }
}
