import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

/// `callvault consent announce` and `callvault consent verify`, run as a built binary.
@Suite("callvault consent announce and verify")
struct ConsentAnnounceVerifyTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    struct Announcement: Decodable {
        var kind: String
        var scriptID: String
        var version: String
        var language: String
        var rightToLeft: Bool
        var text: String
        var textHash: String
    }

    @Test(
        "announce renders the notice in each bundled language, naming the organisation and the keys",
        arguments: ["en", "es", "fr", "de", "fa", "ar"])
    func announceEveryLanguage(language: String) throws {
        let run = try workspace.succeed(
            "consent", "announce", "--organisation", "Acme Bank", "--language", language, "--purpose", "quality",
            "--purpose", "training", "--retention-days", "1825", "--json")
        let announcement = try JSONDecoder().decode(Announcement.self, from: Data(run.standardOutput.utf8))
        #expect(announcement.scriptID == "callvault.ivr.notice")
        #expect(announcement.language == language)
        #expect(announcement.rightToLeft == ["fa", "ar"].contains(language))
        #expect(announcement.text.contains("Acme Bank"))
        #expect(announcement.text.contains("9"))
        #expect(!announcement.text.contains("{"))
        #expect(announcement.textHash == (try BLAKE2b.hash(Array(announcement.text.utf8)).description))
    }

    @Test("announce prints plain text by default, and a consent request names both keys")
    func announcePlain() throws {
        let run = try workspace.succeed(
            "consent", "announce", "--organisation", "Acme Bank", "--kind", "ivr-consent-request", "--consent-key", "3",
            "--decline-key", "4", "--purpose", "quality")
        #expect(run.standardOutput.contains("Press 3"))
        #expect(run.standardOutput.contains("4"))
    }

    @Test("announce names the regulator given with --regulator in the written disclosure, else general words")
    func announceRegulator() throws {
        let base = [
            "consent", "announce", "--json", "--organisation", "Acme Bank", "--kind", "written-disclosure",
            "--language", "fa", "--retention-days", "365", "--audience", "supervisors", "--complaints",
            "complaints@acme.example",
        ]
        func text(_ arguments: [String]) throws -> String {
            let run = try Tool.run(arguments, in: workspace.directory)
            try #require(run.status == ExitStatus.success, "\(run)")
            return try JSONDecoder().decode(Announcement.self, from: Data(run.standardOutput.utf8)).text
        }
        #expect(try text(base).contains("به مراجع ذی‌صلاح شکایت کنید"))
        // The JSON carries the exact text, isolates included (the plain output escapes them for terminals).
        #expect(
            try text(base + ["--regulator", "کمیسیون حفاظت از داده‌ها"]).contains(
                "به \u{2068}کمیسیون حفاظت از داده‌ها\u{2069} شکایت کنید"))
    }

    @Test("a missing field or an unknown language is an error naming it, never blank text")
    func announceErrors() throws {
        let noOrganisation = try workspace.run("consent", "announce", "--purpose", "quality")
        #expect(noOrganisation.status == ExitStatus.badInput, "\(noOrganisation)")
        #expect(noOrganisation.standardError.contains("organisation"))
        #expect(noOrganisation.standardOutput.isEmpty)
        let klingon = try workspace.run("consent", "announce", "--organisation", "Acme", "--language", "tlh")
        #expect(klingon.status == ExitStatus.badInput, "\(klingon)")
        #expect(klingon.standardError.contains("en"))
        let written = try workspace.run(
            "consent", "announce", "--organisation", "Acme", "--kind", "written-disclosure", "--retention-days", "90")
        #expect(written.status == ExitStatus.badInput, "\(written)")
        #expect(written.standardError.lowercased().contains("complain"))
        // The option this command takes, not the library's field name (complaintContact).
        #expect(written.standardError.contains("give --complaints"), "\(written)")
        #expect(!written.standardError.contains("complaintContact"), "\(written)")
        let badKey = try workspace.run("consent", "announce", "--organisation", "Acme", "--consent-key", "12")
        #expect(badKey.status == ExitStatus.usage, "\(badKey)")
    }

    /// A receipt from a real call: a German customer who pressed 1.
    static func signedReceipt(with key: SigningKey) throws -> String {
        let resolver = RequirementResolver(catalog: try JurisdictionCatalog.bundled)
        var machine = ConsentStateMachine(resolver: resolver, purposes: [.quality], policy: ConsentPolicy())
        let customer = CallParty(id: "customer", role: .customer, location: try Jurisdiction(parsing: "DE"))
        let agent = CallParty(id: "agent", role: .agent, location: try Jurisdiction(parsing: "DE"))
        _ = try machine.callStarted(
            callID: "call-1", direction: .inbound,
            participants: [ConsentParticipant(party: customer), ConsentParticipant(party: agent)],
            at: ConsentMoment(unixMilliseconds: 1_767_225_600_000))
        let script = ScriptReference(
            scriptID: "callvault.ivr.consent-request", version: "2026.11.1", language: "de", textHash: "ab")
        _ = try machine.announcementStarted(
            party: "customer", script: script, at: ConsentMoment(unixMilliseconds: 1_767_225_601_000))
        let actions = try machine.keyPressed(
            party: "customer", key: "1", at: ConsentMoment(unixMilliseconds: 1_767_225_605_000))
        let receipt = try #require(
            actions.compactMap { action -> ConsentReceipt? in
                if case .emitReceipt(let receipt) = action { return receipt }
                return nil
            }.first)
        return try SignedConsentReceipt(signing: receipt, with: key).fileContents()
    }

    @Test("verify accepts a genuine receipt with the key as hex or as a file")
    func verifyGenuine() throws {
        let key = try SigningKey.generate()
        try workspace.write(Array(try Self.signedReceipt(with: key).utf8), to: "receipt.json")
        let run = try workspace.succeed(
            "consent", "verify", "receipt.json", "--public-key", key.verifyingKey.description)
        #expect(run.standardOutput.contains("genuine"))
        #expect(run.standardOutput.contains("consented by keypress"))
        try workspace.write(Array("\(key.verifyingKey)\n".utf8), to: "org.pub")
        let json = try workspace.succeed("consent", "verify", "receipt.json", "--public-key", "org.pub", "--json")
        #expect(json.standardOutput.contains("\"outcome\" : \"consented\""))
    }

    @Test("verify refuses an altered receipt or another organisation's key with status 2")
    func verifyRefuses() throws {
        let key = try SigningKey.generate()
        let file = try Self.signedReceipt(with: key)
        try workspace.write(
            Array(file.replacingOccurrences(of: "\"consented\"", with: "\"declined\"").utf8), to: "edited.json")
        let edited = try workspace.run("consent", "verify", "edited.json", "--public-key", key.verifyingKey.description)
        #expect(edited.status == ExitStatus.tampered, "\(edited)")
        #expect(edited.standardError.contains("edited"))
        try workspace.write(Array(file.utf8), to: "receipt.json")
        let other = try SigningKey.generate()
        let wrongKey = try workspace.run(
            "consent", "verify", "receipt.json", "--public-key", other.verifyingKey.description)
        #expect(wrongKey.status == ExitStatus.tampered, "\(wrongKey)")
        let badKey = try workspace.run("consent", "verify", "receipt.json", "--public-key", "zz")
        #expect(badKey.status == ExitStatus.badInput, "\(badKey)")
        try workspace.write(Array("{}".utf8), to: "empty.json")
        let notAReceipt = try workspace.run(
            "consent", "verify", "empty.json", "--public-key", key.verifyingKey.description)
        #expect(notAReceipt.status == ExitStatus.badInput, "\(notAReceipt)")
    }
}
