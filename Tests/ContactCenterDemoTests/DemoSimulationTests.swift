import CallVault
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// The demo's sweep runs "three years later", so its vault holds tombstones, certificates and
/// schedules dated years ahead: it says it is a simulation, live hosts refuse it, and what the
/// tool reads afterwards (the staff's training) is dated by the real time the demo ran, so the
/// README's commands keep working whatever today's date is.
@Suite("Contact-center demo: a simulation, marked")
struct DemoSimulationTests {
    @Test(
        "the demo's vault is marked a simulation: a live open refuses it, the tool notes it and changes it only with --simulation; the training is valid for the tool for months"
    )
    func demoVaultIsASimulation() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("callvault-demo-simulation-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("demo-vault")
        let demo = try DemoProcess.run(["--vault", folder.path])
        try #require(demo.status == 0, "\(demo.output)")
        let finished = Date()
        #expect(demo.output.contains("The vault is a simulation"), "the demo says so: \(demo.output)")

        #expect(try VaultFolder(folder).configuration().simulation)
        await #expect(throws: VaultFolderError.simulatedVault(path: VaultFolder(folder).directory.path)) {
            try await VaultFolder.open(at: folder, passphrase: try Passphrase("callvault demo"))
        }

        // Training recorded by the story is judged by the tool's real clock afterwards: it must
        // hold for the year the story gives it from when the demo ran, not from a fixed date.
        let stores = try SQLiteVault.open(at: folder)
        for person in ["maria.schmidt", "tom.baker", "lena.vogel"] {
            let completions = try await stores.training.completions(of: .init(recorded: person))
            let expiry = try #require(completions.compactMap(\.expiresAt).max(), "\(person) is trained")
            #expect(expiry > finished.addingTimeInterval(300 * 86_400), "\(person)'s training expires \(expiry)")
            #expect(completions.allSatisfy { $0.completedAt <= finished }, "completed before the tool reads it")
        }

        let list = try DemoPrincipalFilesTests.tool(["vault", "list", "--vault", "demo-vault"], in: work)
        #expect(list.status == 0 && list.output.contains("is a simulated vault"), "\(list.output)")
        let sweep = try DemoPrincipalFilesTests.tool(["vault", "sweep", "--vault", "demo-vault"], in: work)
        #expect(sweep.status == 1 && sweep.output.contains("Pass --simulation"), "\(sweep.output)")
        let simulated = try DemoPrincipalFilesTests.tool(
            ["vault", "sweep", "--vault", "demo-vault", "--simulation"], in: work)
        #expect(simulated.status == 0, "\(simulated.output)")
    }
}
