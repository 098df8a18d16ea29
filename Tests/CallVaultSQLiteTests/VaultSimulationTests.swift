import CallVault
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@testable import CallVaultSQLite

/// A vault marked as a simulation (a demo whose clock jumps years ahead) is refused by a live
/// host's open, and a live vault is refused by a simulation's open, before anything is written;
/// the mark is signed with `vault.json` and cannot be edited either way.
@Suite("Vault folder: a simulated vault is marked and refused by live hosts")
struct VaultSimulationTests {
    let scratch = ScratchFolder()
    let passphrase: Passphrase

    init() throws {
        passphrase = try Passphrase("correct horse battery staple")
    }

    func makeVault(simulation: Bool) throws -> URL {
        let directory = URL(fileURLWithPath: scratch.folder())
        var configuration = VaultConfiguration(organisation: "Acme Bank", purposes: [.quality])
        configuration.simulation = simulation
        try VaultFolder.create(
            at: directory, passphrase: passphrase, configuration: configuration, keyParameters: .minimum)
        return directory
    }

    func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test("vault.json's simulation field: written only when true, absent reads as live, a non-boolean refused")
    func configurationField() throws {
        defer { scratch.remove() }
        var configuration = VaultConfiguration(organisation: "Acme Bank", purposes: [.quality])
        #expect(!configuration.simulation)
        let live = configuration.json()
        #expect(!live.contains("simulation"), "a live vault's vault.json is written as before")
        #expect(try !VaultConfiguration(json: live).simulation)
        configuration.simulation = true
        let simulated = configuration.json()
        #expect(simulated.contains("\"simulation\": true"))
        #expect(try VaultConfiguration(json: simulated) == configuration)
        let wrong = simulated.replacingOccurrences(of: "\"simulation\": true", with: "\"simulation\": \"yes\"")
        #expect {
            try VaultConfiguration(json: wrong)
        } throws: { error in
            guard let error = error as? VaultFolderError, case .malformedConfiguration(_, let field, _) = error.reason
            else { return false }
            return field == "simulation"
        }
        let directory = try makeVault(simulation: true)
        #expect(try VaultFolder(directory).configuration().simulation)
    }

    @Test("a live host's open refuses a simulated vault, writing nothing; opened as a simulation it opens")
    func simulatedVaultRefusedByLiveOpen() async throws {
        defer { scratch.remove() }
        let directory = try makeVault(simulation: true)
        let folder = VaultFolder(directory)
        let log = try bytes(folder.auditLogFile)
        await #expect(throws: VaultFolderError.simulatedVault(path: folder.directory.path)) {
            try await VaultFolder.open(at: directory, passphrase: self.passphrase)
        }
        #expect(try bytes(folder.auditLogFile) == log, "nothing is written to a refused vault's log")

        let opened = try await VaultFolder.open(at: directory, passphrase: passphrase, simulation: true)
        #expect(opened.configuration.simulation)
        try await opened.close()
    }

    @Test("a simulation's open refuses a live vault, writing nothing; a live open opens it")
    func liveVaultRefusedBySimulation() async throws {
        defer { scratch.remove() }
        let directory = try makeVault(simulation: false)
        let folder = VaultFolder(directory)
        let log = try bytes(folder.auditLogFile)
        do {
            _ = try await VaultFolder.open(at: directory, passphrase: passphrase, simulation: true)
            Issue.record("a live vault opened as a simulation")
        } catch VaultFolderError.notASimulation {
            // The code matches; the message says what to do.
        }
        #expect(try bytes(folder.auditLogFile) == log)
        #expect(
            VaultFolderError.notASimulation(path: folder.directory.path).message.contains("without simulation"))

        let opened = try await VaultFolder.open(at: directory, passphrase: passphrase)
        #expect(!opened.configuration.simulation)
        try await opened.close()
    }

    @Test("accept-changes refuses an edit that makes a simulation live or a live vault a simulation")
    func markCannotBeEdited() async throws {
        defer { scratch.remove() }
        for simulation in [true, false] {
            let directory = try makeVault(simulation: simulation)
            let folder = VaultFolder(directory)
            let seal = try bytes(folder.sealFile)
            var edited = try folder.configuration()
            edited.simulation = !simulation
            try Data(edited.json().utf8).write(to: folder.configurationFile)
            await #expect(
                throws: VaultFolderError.simulationChanged(
                    path: folder.configurationFile.path, simulation: !simulation)
            ) {
                try await VaultFolder.acceptChanges(
                    at: directory, passphrase: self.passphrase, simulation: simulation, restore: false, by: "ops")
            }
            #expect(try bytes(folder.sealFile) == seal, "nothing signed")
            // The signed copy decides how the vault is opened, not the edited file.
            let path = folder.directory.path
            await #expect(
                throws: simulation ? VaultFolderError.simulatedVault(path: path) : .notASimulation(path: path)
            ) {
                try await VaultFolder.acceptChanges(
                    at: directory, passphrase: self.passphrase, simulation: !simulation, restore: false, by: "ops")
            }
            let restored = try await VaultFolder.acceptChanges(
                at: directory, passphrase: passphrase, simulation: simulation, restore: true, by: "ops")
            #expect(restored.restored)
            #expect(try folder.configuration().simulation == simulation)
        }
    }

    @Test(
        "a live vault refuses a clock more than an hour ahead of or behind the system's (a host deleting years early); within it, and a simulation, open"
    )
    func liveVaultRefusesAClockNotInRealTime() async throws {
        defer { scratch.remove() }
        let directory = try makeVault(simulation: false)
        let folder = VaultFolder(directory)
        let log = try bytes(folder.auditLogFile)
        // Behind is refused too: recordings dated years back would be scheduled, and deleted by
        // the next sweep on the real clock, years early.
        for offset in [3 * 366 * 86_400, 2 * 3_600, -3 * 366 * 86_400, -2 * 3_600] {
            do {
                _ = try await VaultFolder.open(
                    at: directory, passphrase: passphrase, clock: OffsetWallClock(offset: .seconds(offset)))
                Issue.record("a live vault opened with a clock \(offset) s from the system's")
            } catch let error as VaultFolderError {
                #expect(error.code == .clockNotRealTime)
                guard case .clockNotRealTime(_, let measured) = error.reason else { continue }
                #expect(abs(measured - Int64(offset)) < 60)
                #expect(error.message.contains(offset > 0 ? "ahead of" : "behind"), "\(error.message)")
            }
            #expect(try bytes(folder.auditLogFile) == log, "nothing is written to a refused vault's log")
        }
        for correction in [30 * 60, -30 * 60] {
            let corrected = try await VaultFolder.open(
                at: directory, passphrase: passphrase, clock: OffsetWallClock(offset: .seconds(correction)))
            try await corrected.close()
        }

        let simulated = try makeVault(simulation: true)
        let ahead = try await VaultFolder.open(
            at: simulated, passphrase: passphrase, simulation: true,
            clock: OffsetWallClock(offset: .seconds(3 * 366 * 86_400)))
        try await ahead.close()
    }

    /// A host clock that is right when the vault checks it at open, then jumps.
    final class JumpingClock: WallClock, @unchecked Sendable {
        private let lock = NSLock()
        private var offset: TimeInterval = 0

        var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }

        func jump(by seconds: TimeInterval) { lock.withLock { offset = seconds } }

        func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
    }

    @Test(
        "a live vault's clock, and any vault's audit clock, stay within the hour after the open: a clock that jumps later reads as the nearer bound"
    )
    func clockThatJumpsAfterOpenIsBounded() async throws {
        defer { scratch.remove() }
        for jump in [3 * 366 * 86_400.0, -3 * 366 * 86_400.0] {
            let directory = try makeVault(simulation: false)
            let clock = JumpingClock()
            let auditClock = JumpingClock()
            let opened = try await VaultFolder.open(
                at: directory, passphrase: passphrase, clock: clock, auditClock: auditClock)
            clock.jump(by: jump)
            auditClock.jump(by: jump)
            let read = opened.vault.clock.now.timeIntervalSince(Date())
            #expect(abs(read) <= 3_600 + 5, "the vault's clock reads \(read) s from real time")
            let entry = try #require(
                try await opened.vault.audit.record(
                    AuditRecord(actor: "host", action: try AuditAction("crm.note"), target: "x", outcome: .succeeded)))
            #expect(entry.time.timeIntervalSince(Date()) <= 3_600 + 5, "the audit entry is not dated years ahead")
            try await opened.close()
            // Reopened by the real clock, the log continues: nothing in it is dated beyond the hour.
            let again = try await VaultFolder.open(at: directory, passphrase: passphrase)
            try await again.close()
        }
    }
}
