import CallVault
import CallVaultAudit
import CallVaultCapture
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Testing

/// A vault folder made in-process through the library, as a host makes one (`VaultFolder.create`
/// with the cheapest Argon2id cost, then `VaultFolder.open` and recording sessions), for the built
/// tool to operate on afterwards.
///
/// The tool judges time by the system clock. To have recordings whose retention has already
/// ended, the fixture records them under a manual clock set years in the past: their start times,
/// and so their schedules, are in the past, exactly as if the calls had happened then.
final class VaultFixture {
    static let format = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
    static let practice: RetentionRuleID = "contact-centre-practice"

    static let configuration = VaultConfiguration(
        organisation: "Acme Bank", purposes: [.quality, .disputeResolution], retentionDays: 730,
        audiences: [.supervisors, .complianceOfficers], withdrawalContact: .website("https://acme.example/recordings"),
        complaintContact: .email("complaints@acme.example"), holdOfficers: ["legal.alice", "legal.bob", "desk"])

    static let policy = """
        {
          "version": "tool-tests-1",
          "rules": [
            { "id": "supervisors-listen", "effect": "allow", "roles": ["supervisor"], "actions": ["listen"],
              "purposes": ["quality"], "conditions": { "sameTeam": true } },
            { "id": "compliance-export", "effect": "allow", "roles": ["compliance-officer"],
              "actions": ["export-legal", "listen"], "purposes": ["dispute-resolution"],
              "conditions": { "legalReference": true, "approvals": 1 } }
          ]
        }
        """

    let workspace: Workspace
    /// The vault folder's name in the workspace (the tool runs there).
    let name = "vault"

    var directory: URL { workspace.directory.appendingPathComponent(name) }
    var folder: VaultFolder { VaultFolder(directory) }
    /// Whether the vault is a simulation (its configuration's mark), as it is opened in-process.
    let simulation: Bool

    /// A new, empty vault in a new workspace, under `policy` (by default ``policy``) and
    /// `configuration` (by default ``configuration``).
    init(policy: String = VaultFixture.policy, configuration: VaultConfiguration = VaultFixture.configuration) throws {
        workspace = try Workspace()
        simulation = configuration.simulation
        try VaultFolder.create(
            at: workspace.directory.appendingPathComponent(name), passphrase: try Passphrase(Tool.passphrase),
            configuration: configuration, accessPolicy: policy, keyParameters: .minimum)
    }

    /// Runs `callvault vault <arguments> --vault vault` in the workspace.
    @discardableResult
    func run(_ arguments: String..., passphrase: String = Tool.passphrase) throws -> ToolRun {
        try Tool.run(["vault"] + arguments + ["--vault", name], in: workspace.directory, passphrase: passphrase)
    }

    /// Opens the vault in-process with `clock`, runs `body`, and closes it (releasing the folder
    /// for the tool). A clock behind the system's is let through on a live vault (the package's
    /// own backdating, which no host can reach): the aged recordings the tool's sweeps need.
    func withVault<Result>(
        clock: any WallClock = SystemWallClock(), _ body: (OpenedVault) async throws -> Result
    ) async throws -> Result {
        let opened = try await VaultFolder.open(
            at: directory, passphrase: try Passphrase(Tool.passphrase), simulation: simulation, clock: clock,
            backdating: true)
        do {
            let result = try await body(opened)
            try await opened.close()
            return result
        } catch {
            try? await opened.close()
            throw error
        }
    }

    /// Records calls of `seconds` each, between a customer and an agent in Texas (told, not asked),
    /// one after the other from `start`, declaring the contact-centre practice (kept 90 days to 2
    /// years).
    func recordCalls(_ count: Int, seconds: Double = 2, startingAt start: Date, team: String = "team-a") async throws
        -> [RecordingID]
    {
        let clock = ManualWallClock(start)
        return try await withVault(clock: clock) { opened in
            try await Self.recordCalls(count, seconds: seconds, on: opened.vault, clock: clock, team: team)
        }
    }

    /// Records calls as ``recordCalls(_:seconds:startingAt:team:)`` does, on any vault whose clock
    /// is `clock`.
    static func recordCalls(_ count: Int, seconds: Double, on vault: Vault, clock: ManualWallClock, team: String)
        async throws -> [RecordingID]
    {
        var ids: [RecordingID] = []
        for index in 0..<count {
            let control = RecordingCallControl()
            let session = try await vault.startRecording(
                RecordingSessionConfiguration(
                    callID: "call-\(index + 1)", direction: .inbound,
                    participants: [
                        ConsentParticipant(
                            party: CallParty(
                                id: "customer", role: .customer, location: try Jurisdiction(parsing: "US-TX")),
                            language: "en-US"),
                        ConsentParticipant(
                            party: CallParty(
                                id: "agent", role: .agent, location: try Jurisdiction(parsing: "US-TX")),
                            language: "en-US"),
                    ],
                    format: Self.format, tracks: [.agent, .customer],
                    trackOfParty: ["agent": .agent, "customer": .customer], agentID: "agent-7", team: team,
                    queue: "billing", customerID: "customer-\(index + 1)", declaredRegimes: [Self.practice]),
                control: control)
            for case .playAnnouncement(let party, let disclosure) in control.requests {
                try await session.announcementStarted(party: party)
                try await session.announcementFinished(party: party)
                if disclosure.kind.asksForConsent { try await session.keyPressed(party: party, key: "1") }
            }
            var position: Int64 = 0
            while position < Int64(seconds * 8_000) {
                for (track, id) in [TrackID.agent, .customer].enumerated() {
                    let samples = (0..<160).map { Self.sample(track: track, position: position + Int64($0)) }
                    try await session.ingest(
                        .audio(
                            samples, format: MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 1),
                            track: id, sequenceNumber: UInt64(position / 160), timestamp: position))
                }
                position += 160
                clock.advance(by: .milliseconds(20))
            }
            ids.append(try await session.callEnded().id)
            clock.advance(by: .seconds(60))
        }
        return ids
    }

    /// A distinct mu-law byte per track and position, never the silence byte (0xFF).
    static func sample(track: Int, position: Int64) -> UInt8 {
        UInt8(truncatingIfNeeded: (position &* 7 &+ Int64(track) &* 91) % 200 + 20)
    }

    /// Writes a principal file (as `--as` takes it) authenticated with MFA just now, and returns
    /// its name.
    @discardableResult
    func principal(_ id: String, role: String, team: String? = nil) throws -> String {
        let name = "\(id).principal.json"
        let team = team.map { ", \"team\": \"\($0)\"" } ?? ""
        let now = ISO8601DateFormatter().string(from: Date())
        try workspace.write(
            Array(
                """
                {"id": "\(id)", "roles": ["\(role)"]\(team),
                 "authentication": {"method": "sso", "at": "\(now)", "multiFactor": true}}
                """.utf8), to: name)
        return name
    }

    /// The audit log's entries about a recording, as the library reads them.
    func auditEntries(about id: RecordingID) async throws -> [AuditEntry] {
        try await AuditFileTrail(path: folder.auditLogFile.path).entries(about: AuditRecord.target(id))
    }
}
