import CallVault
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Testing

/// What the crash campaign found, each left as a crash leaves it (deterministically, without
/// strace) and checked against the real tool: each of these failed before its fix.
@Suite("Crash campaign findings")
struct CrashFindingsTests {
    @Test("the demo removes a vault staging nested in a staging of its own that a kill left beside it")
    func nestedStagingRemoved() throws {
        let workspace = try Workspace()
        // The demo stages its vault as .demo.callvault-demo-<r>, and the vault's init stages itself
        // beside that as ..demo.callvault-demo-<r>.callvault-init-<s>: a kill while the inner one
        // is built leaves both.
        for name in [
            ".demo.callvault-demo-abc123/", "..demo.callvault-demo-abc123.callvault-init-xyz789/keys/",
        ] {
            try FileManager.default.createDirectory(
                at: workspace.directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try workspace.write(
            Array("{}".utf8), to: "..demo.callvault-demo-abc123.callvault-init-xyz789/access-policy.json")
        let run = try CrashCommand.demo(["--vault", "demo"]).run(in: workspace.directory)
        #expect(run.status == 0, "\(run)")
        let left = try workspace.entries().filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "staged folders left beside the demo vault: \(left)")
    }

    @Test("a rewrite of vault.json, the access policy or their seal cut short before its rename is removed on open")
    func abandonedReplacementsRemoved() async throws {
        let fixture = try VaultFixture()
        let names = [
            "vault.json.new-8a1f3c2e-0000-4000-8000-000000000001",
            "access-policy.json.new-8a1f3c2e-0000-4000-8000-000000000002",
            "vault-files.sig.new-8a1f3c2e-0000-4000-8000-000000000003",
        ]
        for name in names { try fixture.workspace.write(Array("{}".utf8), to: "vault/\(name)") }
        let settled = try fixture.run("sweep", "--plan")
        #expect(settled.status == ExitStatus.success, "\(settled)")
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter {
            $0.contains(".new-")
        }
        #expect(left.isEmpty, "abandoned replacements left: \(left)")
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    @Test("a settle of a left-open recording cut short after its audit entry: verify says recovery-unfinished (3)")
    func recoveryUnfinishedNamed() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.leaveRecordingOpen(seconds: 1.5)
        // The database as the settle found it, put back after the settle wrote its audit entry and
        // closed the blob: what a kill just before the settle's last step (the catalog row) leaves.
        let database = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter {
            $0.hasPrefix("vault.sqlite")
        }
        let aside = fixture.workspace.directory.appendingPathComponent("aside")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: false)
        for name in database {
            try FileManager.default.copyItem(
                at: fixture.directory.appendingPathComponent(name), to: aside.appendingPathComponent(name))
        }
        try #require(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        where name.hasPrefix("vault.sqlite") {
            try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent(name))
        }
        for name in database {
            try FileManager.default.copyItem(
                at: aside.appendingPathComponent(name), to: fixture.directory.appendingPathComponent(name))
        }

        let (verified, kinds) = try CrashVaultCheck.verify("vault", in: fixture.workspace.directory)
        #expect(verified.status == ExitStatus.incomplete, "\(verified)")
        #expect(kinds == ["recovery-unfinished"], "\(verified)")
        try #require(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(
            try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "")[id.description] == "incomplete")
        let recovered = try await fixture.auditEntries(about: id).filter {
            $0.record.action.identifier == "recording.recovered"
        }
        #expect(recovered.count == 1, "settled once")
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    @Test("an envelope a recorder opened and died before recording started (header only) is removed on open, audited")
    func headerOnlyEnvelopeSettled() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.leaveEnvelopeOpenedBeforeRecording()
        let stores = try fixture.folder.stores()
        try #require(FileManager.default.fileExists(atPath: stores.blobs.partialPath(for: id)))
        try #require(try await !stores.keys.wraps(for: id).isEmpty)

        let settled = try fixture.run("sweep", "--plan")
        #expect(settled.status == ExitStatus.success, "\(settled)")
        #expect(!FileManager.default.fileExists(atPath: stores.blobs.partialPath(for: id)), "the header-only blob")
        #expect(!FileManager.default.fileExists(atPath: stores.blobs.path(for: id)))
        #expect(try await fixture.folder.stores().keys.wraps(for: id).isEmpty, "its keys shredded")
        #expect(
            try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "")[id.description] == "unrecorded")
        let abandoned = try await fixture.auditEntries(about: id).filter {
            $0.record.action.identifier == "recording.envelope-abandoned"
        }
        #expect(abandoned.count == 1, "audited")
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(try fixture.run("audit").status == ExitStatus.success)
        #expect(try CrashPlaintextScan.temporaries(in: fixture.directory).isEmpty)
    }
}

/// Appends an envelope's bytes to a blob, as the vault's own recorder does.
private struct BlobOutput: EnvelopeOutput {
    let blob: any BlobWriter

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try blob.append(bytes)
    }
}

extension VaultFixture {
    /// A recorder that dies while it opens a call's envelope: the call started (its row says
    /// `unrecorded`), the blob was created with the envelope's header and the wrapped key stored,
    /// and the row was not yet marked `recording` (the first steps of the session's own opening).
    func leaveEnvelopeOpenedBeforeRecording() async throws -> RecordingID {
        try await withVault { opened in
            let texan = { (party: PartyID, role: PartyRole) in
                ConsentParticipant(
                    party: CallParty(id: party, role: role, location: try Jurisdiction(parsing: "US-TX")),
                    language: "en-US")
            }
            // Announcements requested and never played: recording has not started.
            let session = try await opened.vault.startRecording(
                RecordingSessionConfiguration(
                    callID: "call-cut", direction: .inbound,
                    participants: [try texan("customer", .customer), try texan("agent", .agent)], format: Self.format,
                    tracks: [.agent, .customer], trackOfParty: ["agent": .agent, "customer": .customer],
                    agentID: "agent-7", team: "team-a", queue: "billing", customerID: "customer-cut",
                    declaredRegimes: [Self.practice]),
                control: RecordingCallControl())
            let id = session.recordingID
            let blob = try opened.vault.storage.blobs.create(id)
            let writer = try EnvelopeWriter(
                configuration: EnvelopeConfiguration(
                    recordingID: id, segmentSize: 3_200, mediaFormat: Self.format, wrapPlacement: .external),
                recipients: opened.vault.settings.recipients, output: BlobOutput(blob: blob))
            try blob.flush()
            try await opened.vault.storage.keys.store(writer.wraps, for: id)
            return id
        }
    }
}

/// What the campaign found in `vault sweep` and `vault rotate`.
@Suite("Crash campaign findings: sweep and rotate")
struct CrashFindingsSweepRotateTests {
    @Test("a deletion a stopped sweep left journaled is finished by the next writing command, not only by a sweep")
    func journaledDeletionFinishedOnOpen() async throws {
        let fixture = try VaultFixture()
        let ids = try await fixture.recordCalls(2, startingAt: VaultHoldSweepTests.threeYearsAgo)
        let id = ids[0]
        // What a sweep does before it marks the catalog: journal, shred, delete, audit.
        try await fixture.withVault { opened in
            let started = try await opened.stores.retention.beginDeletions([id], at: Date())
            try #require(started.count == 1)
            try await opened.stores.keys.shred(id)
            try opened.stores.blobs.delete(id)
        }
        let (stopped, kinds) = try CrashVaultCheck.verify("vault", in: fixture.workspace.directory)
        #expect(stopped.status == ExitStatus.incomplete && kinds == ["deletion-interrupted"], "\(stopped)")

        // verify's own advice: any command that opens the vault for writing finishes it.
        let settled = try fixture.run("sweep", "--plan")
        #expect(settled.status == ExitStatus.success, "\(settled)")
        #expect(settled.standardError.contains("finished deleting recording \(id)"), "\(settled)")
        let (verified, after) = try CrashVaultCheck.verify("vault", in: fixture.workspace.directory)
        #expect(verified.status == ExitStatus.success, "\(after) \(verified)")
        let states = try CrashVaultCheck.states("vault", in: fixture.workspace.directory, "")
        #expect(states[id.description] == "deleted" && states[ids[1].description] == "complete", "\(states)")
        let state = try await SweepRun(existing: fixture.workspace.directory).state(ids: ids)
        #expect(state.certified == [id] && state.deletionEntries == [id: 1], "\(state)")
        #expect(try fixture.run("audit").status == ExitStatus.success)
        // The sweep then deletes the other due recording, and the first is not deleted twice.
        #expect(try fixture.run("sweep").status == ExitStatus.success)
        let swept = try await SweepRun(existing: fixture.workspace.directory).state(ids: ids)
        #expect(swept.certified == Set(ids) && swept.deletionEntries == [id: 1, ids[1]: 1], "\(swept)")
    }

    @Test(
        "rotate killed between writing the seal and vault.json: verify says vault-files-change-unfinished (3), open finishes it",
        .enabled(if: KillInjection.strace != nil, "\(KillInjection.missing)"))
    func rotateCutShortIsUnfinished() async throws {
        let fixture = try VaultFixture()
        _ = try await fixture.recordCalls(1, startingAt: Date().addingTimeInterval(-3_600))
        try fixture.workspace.succeed("keygen", "-o", "escrow.id")
        // The seal is renamed into place first, then vault.json: kill at the second rename.
        let killed = try KillInjection.run(
            ["vault", "rotate", "--add", "escrow.id.pub", "--vault", "vault"], in: fixture.workspace.directory,
            killedAt: 2, of: ["rename", "renameat", "renameat2"])
        try #require(killed.wasKilled, "\(killed.run)")
        let (verified, kinds) = try CrashVaultCheck.verify("vault", in: fixture.workspace.directory)
        #expect(verified.status == ExitStatus.incomplete, "\(verified)")
        #expect(kinds == ["vault-files-change-unfinished"], "\(verified)")
        #expect(verified.standardError.contains("vault sweep"), "\(verified)")

        #expect(try fixture.run("sweep", "--plan").status == ExitStatus.success)
        #expect(try fixture.run("verify").status == ExitStatus.success)
        #expect(try fixture.run("rotate", "--add", "escrow.id.pub").status == ExitStatus.success)
        #expect(try fixture.run("audit").status == ExitStatus.success)
        #expect(try CrashPlaintextScan.temporaries(in: fixture.directory).isEmpty)
    }
}
