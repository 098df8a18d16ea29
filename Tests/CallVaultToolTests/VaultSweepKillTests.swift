import CallVault
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import Foundation
import Testing

/// The real `callvault vault sweep`, killed with SIGKILL at each write-like system call of its run
/// in turn (strace fault injection), then run again, ends exactly as an uninterrupted sweep of the
/// same vault: the same states in `vault list --json`, one verifying certificate per deletion, one
/// audit entry per deletion, and a log `vault audit` finds intact.
@Suite(
    "callvault vault sweep: killed at any write", .enabled(if: KillInjection.strace != nil, "\(KillInjection.missing)"))
struct VaultSweepKillTests {
    @Test("a sweep killed at any write-like syscall and run again ends as an uninterrupted one")
    func killedAnywhere() async throws {
        // Two due calls, one due but held, one recent: a small vault keeps the walk short.
        let fixture = try VaultFixture()
        let due = try await fixture.recordCalls(2, startingAt: VaultHoldSweepTests.threeYearsAgo)
        let held = try await fixture.recordCalls(1, startingAt: VaultHoldSweepTests.threeYearsAgo, team: "team-b")[0]
        let recent = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))[0]
        let placed = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", held.description, "--by", "legal.alice")
        try #require(placed.status == ExitStatus.success, "\(placed)")
        let ids = due + [held, recent]

        let reference = try SweepRun(copying: fixture, as: "reference")
        try #require(try reference.sweep().status == ExitStatus.success)
        let expected = try await reference.state(ids: ids)
        #expect(
            expected.states
                == Dictionary(
                    uniqueKeysWithValues: ids.map { ($0.description, due.contains($0) ? "deleted" : "complete") }))
        #expect(expected.certified == Set(due))

        let killed = try await KillInjection.walk { group, n in
            let run = try SweepRun(copying: fixture, as: "\(group[0])-\(n)")
            let first = try KillInjection.run(
                ["vault", "sweep", "--vault", "vault"], in: run.directory, killedAt: n, of: group)
            if first.wasKilled {
                let second = try run.sweep()
                #expect(second.status == ExitStatus.success, "killed at \(group[0]) #\(n), then: \(second)")
            } else {
                #expect(first.run.status == ExitStatus.success, "\(first.run)")
            }
            let state = try await run.state(ids: ids)
            #expect(state == expected, "killed at \(group[0]) #\(n): \(state) differs from \(expected)")
            run.remove()
            return first.wasKilled
        }
        #expect(killed > 10, "\(killed) kills")
    }
}

/// A copy of a fixture's vault in a folder of its own, swept by the tool.
struct SweepRun {
    let directory: URL
    var vault: URL { directory.appendingPathComponent("vault") }

    /// A folder already holding a copy (its vault in `vault`).
    init(existing directory: URL) {
        self.directory = directory
    }

    init(copying fixture: VaultFixture, as name: String) throws {
        directory = fixture.workspace.directory.appendingPathComponent("runs/\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.directory, to: vault)
        // Modification times too (as `cp -a`): a crashed recording's end is its blob's last write.
        let files = FileManager.default
        for name in files.enumerator(atPath: fixture.directory.path)?.compactMap({ $0 as? String }) ?? [] {
            let source = fixture.directory.appendingPathComponent(name).path
            if let modified = try files.attributesOfItem(atPath: source)[.modificationDate] as? Date {
                try files.setAttributes(
                    [.modificationDate: modified], ofItemAtPath: vault.appendingPathComponent(name).path)
            }
        }
    }

    func sweep() throws -> ToolRun {
        try Tool.run(["vault", "sweep", "--vault", "vault"], in: directory)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// What a sweep leaves that must not depend on where it was killed.
    struct State: Equatable, CustomStringConvertible {
        var states: [String: String] = [:]
        var certified: Set<RecordingID> = []
        var deletionEntries: [RecordingID: Int] = [:]
        var retentionRecords: Set<RecordingID> = []
        var wrappedKeys: Set<RecordingID> = []
        var blobFiles: Set<String> = []
        var auditStatus: Int32 = -1

        var description: String {
            "states \(states), certified \(certified.sorted()), deletion entries \(deletionEntries), "
                + "retention \(retentionRecords.sorted()), keys \(wrappedKeys.sorted()), blobs \(blobFiles.sorted()), "
                + "vault audit exit \(auditStatus)"
        }
    }

    func state(ids: [RecordingID]) async throws -> State {
        var state = State()
        let listed = try Tool.run(["vault", "list", "--json", "--vault", "vault"], in: directory)
        try #require(listed.status == ExitStatus.success, "\(listed)")
        let rows = try JSONDecoder().decode([[String: AnyDecodable]].self, from: Data(listed.standardOutput.utf8))
        for row in rows {
            if case .string(let id)? = row["id"], case .string(let value)? = row["state"] { state.states[id] = value }
        }
        state.auditStatus = try Tool.run(["vault", "audit", "--vault", "vault"], in: directory).status

        let folder = VaultFolder(vault)
        let stores = try folder.stores()
        let key = try folder.verifyingKey()
        let trail = AuditFileTrail(path: folder.auditLogFile.path)
        for id in ids {
            if let tombstone = try await stores.retention.tombstone(id) {
                let certificate = try SignedDocument<DeletionCertificate>(fileContents: tombstone.certificate)
                if try certificate.verified(by: key).recordingID == id { state.certified.insert(id) }
            }
            let deletions = try await trail.entries(about: AuditRecord.target(id)).filter {
                $0.record.action == .recordingDeleted
            }
            if !deletions.isEmpty { state.deletionEntries[id] = deletions.count }
            if try await stores.retention.record(id) != nil { state.retentionRecords.insert(id) }
            if try await !stores.keys.wraps(for: id).isEmpty { state.wrappedKeys.insert(id) }
        }
        let blobs = vault.appendingPathComponent("blobs").path
        if let walker = FileManager.default.enumerator(atPath: blobs) {
            while let name = walker.nextObject() as? String {
                if name.contains(".cvr") { state.blobFiles.insert((name as NSString).lastPathComponent) }
            }
        }
        return state
    }
}
