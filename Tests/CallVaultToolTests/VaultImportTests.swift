import CallVaultCapture
import CallVaultCore
import Foundation
import Testing

/// `callvault vault import`: a legacy WAV file sealed into a vault, then shown, played and
/// verified like a live recording; and the files and arguments it refuses.
@Suite("callvault vault import")
struct VaultImportTests {
    static let soxInstalled = Shell.has("sox")

    struct Imported: Decodable {
        var recordingID: String
    }

    struct Shown: Decodable {
        struct Receipt: Decodable {
            var party: String
            var outcome: String
            var method: String
            var signatureVerifies: Bool
            var attestingOperator: String?
            var evidence: String?
        }

        struct Schedule: Decodable {
            var keepUntil: Date
            var deleteBy: Date?
        }

        var state: String
        var startedAt: Date
        var seconds: Double?
        var receipts: [Receipt]
        var schedule: Schedule?
        var integrity: String
    }

    let fixture: VaultFixture

    init() throws {
        fixture = try VaultFixture()
    }

    /// The import arguments for `file`, with a customer in California and an agent in Texas.
    func importing(_ file: String, callID: String = "legacy-1", startedAt: String = "2019-03-04T10:15:00Z")
        -> [String]
    {
        [
            "import", "--call-id", callID, "--started-at", startedAt, "--party", "customer@US-CA:en-US", "--party",
            "agent@US-TX", "--regime", VaultFixture.practice.rawValue, "--consent-evidence",
            "IVR consent prompt log, 2019 archive, row 42", "--by", "ops.dana", file,
        ]
    }

    /// Runs `callvault vault <arguments> --vault vault`.
    func vault(_ arguments: [String]) throws -> ToolRun {
        try Tool.run(["vault"] + arguments + ["--vault", fixture.name], in: fixture.workspace.directory)
    }

    func recordingCount() throws -> Int {
        let list = try fixture.run("list", "--json")
        let rows = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [Any]
        return rows?.count ?? -1
    }

    @Test(
        "a WAV made by sox is imported, shown with its schedule, verified deep and played back sample for sample",
        .enabled(if: soxInstalled, "needs sox (CI installs it)"))
    func soxRoundTrip() async throws {
        let made = try Shell.run(
            "sox -n -r 8000 -c 1 -e signed-integer -b 16 tone.wav synth 3 sine 300-3000",
            in: fixture.workspace.directory
        )
        try #require(made.status == 0, "\(made)")
        let run = try vault(importing("tone.wav") + ["--json"])
        #expect(run.status == ExitStatus.success, "\(run)")
        let id = try JSONDecoder().decode(Imported.self, from: Data(run.standardOutput.utf8)).recordingID

        let show = try fixture.run("show", id, "--json")
        #expect(show.status == ExitStatus.success, "\(show)")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let shown = try decoder.decode(Shown.self, from: Data(show.standardOutput.utf8))
        #expect(shown.state == "complete" && shown.seconds == 3 && shown.integrity == "verified")
        #expect(shown.startedAt == ISO8601DateFormatter().date(from: "2019-03-04T10:15:00Z"))
        let schedule = try #require(shown.schedule, "the recording is scheduled")
        #expect(schedule.deleteBy != nil && schedule.keepUntil > shown.startedAt, "\(schedule)")
        let customer = try #require(shown.receipts.first { $0.party == "party-1" })
        #expect(customer.method == "operator-attestation" && customer.outcome == "consented")
        #expect(customer.attestingOperator == "ops.dana" && customer.signatureVerifies)
        #expect(customer.evidence == "IVR consent prompt log, 2019 archive, row 42")
        let text = try fixture.run("show", id)
        #expect(text.standardOutput.contains("by operator-attestation"), "\(text)")
        #expect(text.standardOutput.contains("attested by ops.dana: IVR consent prompt log"), "\(text)")

        let verify = try fixture.run("verify", "--deep")
        #expect(verify.status == ExitStatus.success, "\(verify)")

        let priya = try fixture.principal("priya", role: "compliance-officer")
        let play = try fixture.run(
            "play", id, "--as", priya, "--purpose", "dispute-resolution", "--legal-reference", "case 7",
            "--approved-by", "legal.bob", "--out", "played.wav")
        #expect(play.status == ExitStatus.success, "\(play)")
        var original = try WAVReader(path: fixture.workspace.path("tone.wav"))
        var played = try WAVReader(path: fixture.workspace.path("played.wav"))
        #expect(played.format == original.format && played.frameCount == 24_000)
        #expect(
            try played.readFrames(maxCount: 24_000) == original.readFrames(maxCount: 24_000),
            "vault play returns the WAV file's samples")

        let entries = try await fixture.auditEntries(about: try #require(RecordingID(parsing: id)))
        #expect(
            entries.prefix(5).map(\.record.action.identifier) == [
                "recording.imported", "consent.receipt", "consent.receipt", "recording.started", "recording.sealed",
            ], "\(entries.map(\.record.action.identifier))")
        #expect(entries.first?.record.actor == "ops.dana")

        let again = try vault(importing("tone.wav"))
        #expect(again.status == ExitStatus.badInput, "\(again)")
        #expect(again.standardError.contains("already holds recording \(id) of call 'legacy-1'"), "\(again)")
        let allowed = try vault(importing("tone.wav") + ["--allow-duplicate-call-id"])
        #expect(allowed.status == ExitStatus.success, "\(allowed)")
        #expect(allowed.standardOutput.contains("imported tone.wav as recording"), "\(allowed)")
    }

    @Test("hand-made bad files are refused with exit 1, saying what is accepted, and nothing is written")
    func badFiles() throws {
        let good = WAVFixture(encoding: .muLaw, frames: 8_000)
        try fixture.workspace.write(Array("just some text, not audio".utf8), to: "text.wav")
        try fixture.workspace.write(Array(good.bytes.dropLast(500)), to: "cut.wav")
        var float = WAVFixture(encoding: .pcm16, frames: 8_000)
        float.bitsPerSampleOverride = 24
        float.blockAlignOverride = 3
        try fixture.workspace.write(float.bytes, to: "deep.wav")
        var tagged = good
        tagged.extraChunks = [("LIST", Array("INFOISFT\u{6}\0\0\0sox 14".utf8))]
        try fixture.workspace.write(tagged.bytes, to: "tagged.wav")

        for (file, message) in [
            ("text.wav", "does not start with a RIFF/WAVE header"), ("cut.wav", "cut short"),
            ("deep.wav", "24-bit PCM"), ("tagged.wav", "'LIST' chunk at byte 50"), ("missing.wav", "missing.wav"),
        ] {
            let run = try vault(importing(file))
            #expect(run.status == ExitStatus.badInput, "\(file): \(run)")
            #expect(run.standardError.contains(message), "\(file): \(run)")
            if file == "tagged.wav" {
                #expect(run.standardError.contains("Pass --drop-metadata"), "\(run)")
            } else if file != "missing.wav" {
                #expect(run.standardError.contains("16-bit PCM, G.711 mu-law or G.711 A-law"), "\(file): \(run)")
            }
        }
        #expect(try recordingCount() == 0, "nothing imported")
        let dropped = try vault(importing("tagged.wav") + ["--drop-metadata"])
        #expect(dropped.status == ExitStatus.success, "\(dropped)")
        #expect(try recordingCount() == 1)
    }

    @Test("unknown places, future dates, missing evidence exit 1; no --party and unreadable values exit 64")
    func badArguments() throws {
        try fixture.workspace.write(WAVFixture(encoding: .muLaw, frames: 8_000).bytes, to: "call.wav")
        func arguments(party: String = "customer@US-CA:en-US", startedAt: String = "2019-03-04T10:15:00Z") -> [String] {
            [
                "import", "--call-id", "c-1", "--started-at", startedAt, "--party", party, "--consent-evidence",
                "prompt log", "call.wav",
            ]
        }
        let refusals: [([String], Int32, String)] = [
            (arguments(party: "customer@unknown"), ExitStatus.badInput, "place is unknown"),
            (arguments(party: "customer@ZZ"), ExitStatus.badInput, "not in the consent catalog"),
            (arguments(startedAt: "2999-01-01T00:00:00Z"), ExitStatus.badInput, "is in the future"),
            (
                [
                    "import", "--call-id", "c-1", "--started-at", "2019-03-04T10:15:00Z", "--party", "customer@DE",
                    "call.wav",
                ],
                ExitStatus.badInput, "no consent evidence was attested"
            ),
            (
                ["import", "--call-id", "c-1", "--started-at", "2019-03-04T10:15:00Z", "call.wav"], ExitStatus.usage,
                "--party"
            ),
            (arguments(party: "customer@US-CA:en_US!"), ExitStatus.usage, "not a language tag"),
            (arguments(party: "boss@US-CA"), ExitStatus.usage, "not a role"),
            (arguments(startedAt: "2019-03-04"), ExitStatus.usage, "not an ISO 8601 date"),
        ]
        for (arguments, status, message) in refusals {
            let run = try vault(arguments)
            #expect(run.status == status, "\(arguments): \(run)")
            #expect(run.standardError.contains(message), "\(arguments): \(run)")
        }
        #expect(try recordingCount() == 0, "nothing imported")
    }
}
