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

/// A recording a killed recorder left in `recording` is settled by the next tool command that opens
/// the vault for writing (kept, closed at its last flushed segment, marked incomplete, scheduled,
/// audited), and a recorder that is still running keeps the vault to itself.
@Suite("callvault vault: recordings a crash left open")
struct VaultInterruptedRecordingTests {
    @Test("the next writing command settles a recording a dead recorder left open; play gives what was flushed")
    func settledByTheTool() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.leaveRecordingOpen(seconds: 3.5)
        #expect(try states(fixture)[id.description] == "recording", "the read-only listing changes nothing")

        let hold = try fixture.run(
            "hold", "place", "--matter", "M", "--reason", "R", "--recording", id.description, "--by", "legal.alice")
        #expect(hold.status == ExitStatus.success, "\(hold)")
        #expect(try states(fixture)[id.description] == "incomplete", "settled before the command's own work")
        let recovered = try await fixture.auditEntries(about: id).filter {
            $0.record.action.identifier == "recording.recovered"
        }
        #expect(recovered.count == 1)
        let shown = try fixture.run("show", id.description)
        #expect(shown.standardOutput.contains("incomplete"), "\(shown)")
        #expect(
            try await fixture.withVault { try await $0.stores.retention.record(id) } != nil, "scheduled for retention")

        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let played = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "kept.wav")
        #expect(played.status == ExitStatus.success, "\(played)")
        #expect(played.standardError.contains("incomplete"), "\(played)")
        let wav = try fixture.workspace.read("kept.wav")
        #expect(wav.count - 44 >= 8_000 * 2 * 2, "at least a second of the 3.5 fed was flushed: \(wav.count) bytes")

        #expect(try fixture.run("sweep").status == ExitStatus.success)
        let again = try await fixture.auditEntries(about: id).filter {
            $0.record.action.identifier == "recording.recovered"
        }
        #expect(again.count == 1, "settled once")
        #expect(try fixture.run("audit").status == ExitStatus.success)
    }

    @Test("while the recorder runs it holds the vault: the tool is refused and the live recording is untouched")
    func liveRecorderKeepsTheVault() async throws {
        let fixture = try VaultFixture()
        let opened = try await VaultFolder.open(at: fixture.directory, passphrase: try Passphrase(Tool.passphrase))
        var feeder = try await fixture.startCall(on: opened)
        try await feeder.feed(seconds: 1.5)
        let id = feeder.session.recordingID

        for command in [
            ["sweep"],
            ["hold", "place", "--matter", "M", "--reason", "R", "--recording", id.description, "--by", "legal.alice"],
        ] {
            let run = try Tool.run(["vault"] + command + ["--vault", fixture.name], in: fixture.workspace.directory)
            #expect(run.status == ExitStatus.badInput, "\(run)")
            #expect(run.standardError.contains("is open in another process"), "\(run)")
        }
        #expect(try states(fixture)[id.description] == "recording")

        try await feeder.feed(seconds: 0.5)
        let ended = try await feeder.session.callEnded()
        try await opened.close()
        #expect(ended.state == .complete)
        #expect(try states(fixture)[id.description] == "complete")
        #expect(try fixture.run("sweep").status == ExitStatus.success)
        #expect(
            try await fixture.auditEntries(about: id).allSatisfy {
                $0.record.action.identifier != "recording.recovered"
            })
    }

    @Test(
        "a tool killed at any write while settling, and run again, settles the recording once",
        .enabled(if: KillInjection.strace != nil, "\(KillInjection.missing)"))
    func killedWhileSettling() async throws {
        let fixture = try VaultFixture()
        let id = try await fixture.leaveRecordingOpen(seconds: 2.5)
        let plan = ["vault", "sweep", "--plan", "--vault", "vault"]
        let reference = try SweepRun(copying: fixture, as: "reference")
        try #require(try Tool.run(plan, in: reference.directory).status == ExitStatus.success)
        let expected = try await settledState(of: reference, id)
        #expect(expected.state == "incomplete" && expected.recovered == 1 && expected.partial == false)

        let killed = try await KillInjection.walk(stride: { $0[0] == "pwrite64" ? 2 : 1 }) { group, n in
            let run = try SweepRun(copying: fixture, as: "\(group[0])-\(n)")
            let first = try KillInjection.run(plan, in: run.directory, killedAt: n, of: group)
            let again = try Tool.run(plan, in: run.directory)
            #expect(again.status == ExitStatus.success, "killed at \(group[0]) #\(n), then: \(again)")
            let state = try await settledState(of: run, id)
            #expect(state == expected, "killed at \(group[0]) #\(n): \(state)")
            run.remove()
            return first.wasKilled
        }
        #expect(killed > 10, "\(killed) kills")
    }

    struct Settled: Equatable {
        var state: String?
        var endedAt: Date?
        var recovered = 0
        var scheduled = false
        var partial = true
        var auditStatus: Int32 = -1
    }

    private func settledState(of run: SweepRun, _ id: RecordingID) async throws -> Settled {
        var settled = Settled()
        let listed = try Tool.run(["vault", "list", "--json", "--vault", "vault"], in: run.directory)
        let rows = try JSONDecoder().decode([[String: AnyDecodable]].self, from: Data(listed.standardOutput.utf8))
        for row in rows where row["id"] == .string(id.description) {
            if case .string(let state)? = row["state"] { settled.state = state }
        }
        settled.auditStatus = try Tool.run(["vault", "audit", "--vault", "vault"], in: run.directory).status
        let folder = VaultFolder(run.vault)
        let stores = try folder.stores()
        settled.endedAt = try await stores.catalog.recording(id)?.endedAt
        settled.scheduled = try await stores.retention.record(id) != nil
        settled.partial = FileManager.default.fileExists(atPath: stores.blobs.partialPath(for: id))
        settled.recovered = try await AuditFileTrail(path: folder.auditLogFile.path).entries(
            about: AuditRecord.target(id)
        ).filter { $0.record.action.identifier == "recording.recovered" }.count
        return settled
    }

    private func states(_ fixture: VaultFixture) throws -> [String: String] {
        let run = try fixture.run("list", "--json")
        try #require(run.status == ExitStatus.success, "\(run)")
        let rows = try JSONDecoder().decode([[String: AnyDecodable]].self, from: Data(run.standardOutput.utf8))
        var states: [String: String] = [:]
        for row in rows {
            if case .string(let id)? = row["id"], case .string(let state)? = row["state"] { states[id] = state }
        }
        return states
    }
}

extension VaultFixture {
    /// Feeds 20 ms frames of both tracks of a call, as ``recordCalls(_:seconds:startingAt:team:)`` does.
    struct Feeder {
        let session: RecordingSession
        var position: Int64 = 0

        mutating func feed(seconds: Double) async throws {
            let end = position + Int64(seconds * 8_000)
            while position < end {
                for (track, id) in [TrackID.agent, .customer].enumerated() {
                    let samples = (0..<160).map { VaultFixture.sample(track: track, position: position + Int64($0)) }
                    try await session.ingest(
                        .audio(
                            samples, format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1),
                            track: id, sequenceNumber: UInt64(position / 160), timestamp: position))
                }
                position += 160
            }
        }
    }

    /// Starts a call between two Texans on `opened`, announcements played.
    func startCall(on opened: OpenedVault) async throws -> Feeder {
        let texan = { (party: PartyID, role: PartyRole) in
            ConsentParticipant(
                party: CallParty(id: party, role: role, location: try Jurisdiction(parsing: "US-TX")), language: "en-US"
            )
        }
        let control = RecordingCallControl()
        let session = try await opened.vault.startRecording(
            RecordingSessionConfiguration(
                callID: "call-open", direction: .inbound,
                participants: [try texan("customer", .customer), try texan("agent", .agent)], format: Self.format,
                tracks: [.agent, .customer], trackOfParty: ["agent": .agent, "customer": .customer],
                agentID: "agent-7", team: "team-a", queue: "billing", customerID: "customer-open",
                declaredRegimes: [Self.practice]),
            control: control)
        for case .playAnnouncement(let party, let disclosure) in control.requests {
            try await session.announcementStarted(party: party)
            try await session.announcementFinished(party: party)
            if disclosure.kind.asksForConsent { try await session.keyPressed(party: party, key: "1") }
        }
        return Feeder(session: session)
    }

    /// A recorder that dies mid-call: the session is dropped without the call ending, and the
    /// folder's lock goes with the "process" (as the operating system drops it when one dies).
    func leaveRecordingOpen(seconds: Double) async throws -> RecordingID {
        let opened = try await VaultFolder.open(at: directory, passphrase: try Passphrase(Tool.passphrase))
        let id: RecordingID
        do {
            var feeder = try await startCall(on: opened)
            try await feeder.feed(seconds: seconds)
            id = feeder.session.recordingID
        }
        try await opened.close()
        return id
    }
}
