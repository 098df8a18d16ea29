import CallVault
import CallVaultAccess
import CallVaultAudit
import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import CallVaultSQLite
import Foundation
import Testing

/// `callvault vault show`, `play`, `export` and `report` over a vault the library recorded: the
/// same access checks, audit entries and bytes as a host's playback.
@Suite("callvault vault: show, play, export and report")
struct VaultPlaybackTests {
    /// A recording's facts as `show --json` prints them (the keys scripts read).
    struct Shown: Decodable {
        struct Receipt: Decodable {
            var party: String
            var outcome: String
            var signatureVerifies: Bool
        }

        struct Schedule: Decodable {
            var keepUntil: Date
            var deleteBy: Date?
            var governing: [String]
        }

        struct Hold: Decodable {
            var id: String
        }

        var id: String
        var state: String
        var seconds: Double?
        var receipts: [Receipt]
        var schedule: Schedule?
        var holds: [Hold]
    }

    let fixture: VaultFixture
    let id: RecordingID

    init() async throws {
        fixture = try VaultFixture()
        id = try await fixture.recordCalls(1, seconds: 2, startingAt: Date().addingTimeInterval(-3_600))[0]
    }

    @Test("show prints the parties, signed receipts, schedule and holds; --json the same facts")
    func show() throws {
        let run = try fixture.run("show", id.description)
        #expect(run.status == ExitStatus.success, "\(run)")
        for text in [
            "recording: \(id)", "state: complete", "customer  customer  US-TX", "signature verifies",
            "rules contact-centre-practice", "holds: none", "pauses: none",
        ] {
            #expect(run.standardOutput.contains(text), "'\(text)' missing from \(run)")
        }

        let json = try fixture.run("show", id.description, "--json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let shown = try decoder.decode(Shown.self, from: Data(json.standardOutput.utf8))
        #expect(shown.id == id.description && shown.state == "complete")
        #expect(shown.seconds == 2)
        #expect(!shown.receipts.isEmpty && shown.receipts.allSatisfy(\.signatureVerifies))
        // The practice keeps it; the delete-by date is the practice's two years or the vault's stated
        // 730 days, whichever is earlier (two years after a date before a 29 February are 731 days).
        #expect(shown.schedule?.governing.first == "contact-centre-practice")
        let governing: Set<String> = Set(shown.schedule?.governing ?? [])
        #expect(governing.isSubset(of: ["contact-centre-practice", "organisation-stated-period"]))
        #expect(shown.holds.isEmpty)

        let unknown = try fixture.run("show", RecordingID().description)
        #expect(unknown.status == ExitStatus.badInput, "\(unknown)")
        #expect(unknown.standardError.contains("There is no recording"), "\(unknown)")
        // Text with a call id's shape that names no call is an unknown recording too.
        #expect(try fixture.run("show", "not-an-id").status == ExitStatus.badInput)
    }

    @Test("play as an allowed principal writes a WAV file of exactly what the library plays")
    func playAllowed() async throws {
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        let run = try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("ALLOWED: listen by maria"), "\(run)")
        #expect(run.standardOutput.contains("rule supervisors-listen"), "\(run)")
        #expect(try fixture.workspace.permissions("call.wav") == 0o600)

        var reader = try WAVReader(path: fixture.workspace.path("call.wav"))
        #expect(reader.format == VaultFixture.format)
        let played = try reader.readFrames(maxCount: Int(reader.frameCount))
        #expect(played.count == 2 * 8_000 * 2)
        #expect(
            played.prefix(4) == [
                VaultFixture.sample(track: 0, position: 0), VaultFixture.sample(track: 1, position: 0),
                VaultFixture.sample(track: 0, position: 1), VaultFixture.sample(track: 1, position: 1),
            ])

        let library = try await fixture.withVault { opened in
            try await opened.playback.play(
                id,
                PlaybackRequest(
                    principal: Principal(
                        id: "maria", roles: ["supervisor"], team: "team-a",
                        authentication: Authentication(method: "sso", at: Date(), multiFactor: true)),
                    purpose: .quality))
        }
        #expect(library.samples == played, "the tool writes what the library plays")

        let span = try fixture.run(
            "play", id.description, "--as", maria, "--purpose", "quality", "--from", "0.5", "--to", "1", "--out",
            "span.wav")
        #expect(span.status == ExitStatus.success, "\(span)")
        var spanReader = try WAVReader(path: fixture.workspace.path("span.wav"))
        #expect(spanReader.frameCount == 4_000)
        #expect(try spanReader.readFrames(maxCount: 4_000) == Array(played[8_000..<16_000]))

        let existing = try fixture.run(
            "play", id.description, "--as", maria, "--purpose", "quality", "--out", "call.wav")
        #expect(existing.status == ExitStatus.badInput, "\(existing)")
        #expect(existing.standardError.contains("refusing to overwrite"), "\(existing)")
    }

    @Test("play refused by the policy: exit 6, the reasons printed, the refusal audited, no file written")
    func playDenied() async throws {
        let tom = try fixture.principal("tom", role: "supervisor", team: "team-b")
        let run = try fixture.run("play", id.description, "--as", tom, "--purpose", "quality", "--out", "tom.wav")
        #expect(run.status == 6, "\(run)")
        #expect(run.standardOutput.contains("DENIED: listen by tom"), "\(run)")
        #expect(run.standardOutput.contains("supervisors-listen"), "the failed rule is named: \(run)")
        #expect(run.standardError.contains("Access denied"), "\(run)")
        #expect(!fixture.workspace.exists("tom.wav"))

        let entries = try await fixture.auditEntries(about: id)
        #expect(
            entries.contains {
                $0.record.actor == "tom" && $0.record.action.identifier == "access.listen"
                    && $0.record.outcome == .denied
            }, "the refusal is in the audit log")
        let verified = try AuditVerifier(trustedKey: try fixture.folder.verifyingKey())
            .verify(fileAt: fixture.folder.auditLogFile.path)
        #expect(verified.isIntact && verified.unsignedEntries == 0, "\(verified)")

        let forgotten = try fixture.principal("ghost", role: "visitor")
        let wrongPurpose = try fixture.run(
            "play", id.description, "--as", forgotten, "--purpose", "training", "--out", "ghost.wav")
        #expect(wrongPurpose.status == 6, "\(wrongPurpose)")
    }

    @Test("export writes a package only its recipient opens, verifies it, and needs the policy's approval")
    func export() async throws {
        try fixture.workspace.succeed("keygen", "-o", "court.id")
        let priya = try fixture.principal("priya", role: "compliance-officer")
        let refused = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--recipient", "court.id.pub", "--out", "refused")
        #expect(refused.status == 6, "without the approval the policy asks for: \(refused)")
        #expect(!fixture.workspace.exists("refused"))

        let run = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        #expect(run.status == ExitStatus.success, "\(run)")
        #expect(run.standardOutput.contains("verified it against the vault's key"), "\(run)")

        let files = try ExportPackage.readFiles(in: fixture.workspace.directory.appendingPathComponent("package"))
        let manifest = try ExportPackage.verify(files: files, trustedKey: try fixture.folder.verifyingKey())
        #expect(manifest.legalReference == "case 7" && manifest.exportedBy == "priya")
        let court = try IdentityFile.open(
            try fixture.workspace.text("court.id"), passphrase: Passphrase(Tool.passphrase))
        var audio: [UInt8] = []
        try EnvelopeReader(source: files["recording.cvr"] ?? [], identity: court).readAll(to: &audio)
        #expect(audio.count == 2 * 8_000 * 2 && audio.first == VaultFixture.sample(track: 0, position: 0))
        #expect(throws: (any Error).self) {
            _ = try EnvelopeReader(source: files["recording.cvr"] ?? [], identity: try Identity.generate())
        }

        let again = try fixture.run(
            "export", id.description, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--recipient", "court.id.pub", "--out", "package")
        #expect(again.status == ExitStatus.badInput, "\(again)")
        #expect(again.standardError.contains("already holds files"), "\(again)")
    }

    @Test("report prints the transparency report in the language asked for, with the accesses")
    func report() throws {
        let maria = try fixture.principal("maria", role: "supervisor", team: "team-a")
        try #require(
            try fixture.run("play", id.description, "--as", maria, "--purpose", "quality", "--out", "a.wav").status
                == ExitStatus.success)
        let english = try fixture.run("report", id.description)
        #expect(english.status == ExitStatus.success, "\(english)")
        #expect(english.standardOutput.hasPrefix("# Your call recording"), "\(english)")
        #expect(english.standardOutput.contains("maria  listened (quality monitoring)"), "\(english)")
        #expect(english.standardOutput.contains("Acme Bank"), "\(english)")

        let german = try fixture.run("report", id.description, "--language", "de")
        #expect(german.standardOutput.hasPrefix("# Ihre Gesprächsaufzeichnung"), "\(german)")
        let unknown = try fixture.run("report", id.description, "--language", "xx")
        #expect(unknown.status == ExitStatus.badInput, "\(unknown)")
        #expect(unknown.standardError.contains("There are no disclosures in 'xx'"), "\(unknown)")
    }
}
