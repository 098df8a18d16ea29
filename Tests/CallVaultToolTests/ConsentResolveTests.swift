import Foundation
import Testing

/// `callvault consent resolve`, run as a built binary: the issue's examples, the JSON interface,
/// usage errors and host catalog files.
@Suite("callvault consent resolve")
struct ConsentResolveTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    /// The JSON report, as scripts read it.
    struct Report: Decodable {
        struct Party: Decodable, Equatable {
            var id: String
            var role: String
            var code: String
            var medium: String
            var requirement: String
            var localStrictness: String
            var noticeMustBeRecorded = false
            var warningToneAllowed = false
        }

        var allParty: Bool
        var noticeSufficient: Bool
        var strictness: String
        var governing: [String]
        var direction: String
        var purposes: [String]
        var purposesNeedingConsent: [String]
        var parties: [Party]
        var catalogVersion: String
        var reasons: [String]
    }

    /// Runs `consent resolve --json` with `arguments` and decodes the report.
    func resolve(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Report {
        let run = try Tool.run(["consent", "resolve", "--json"] + arguments, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    @Test("a caller in US-CA on a mobile phone and an agent in US-TX: all-party, notice suffices")
    func californiaTexas() throws {
        let report = try resolve("--party", "customer@US-CA:mobile", "--party", "agent@US-TX")
        #expect(report.allParty)
        #expect(report.noticeSufficient)
        #expect(report.strictness == "all-party-notice-suffices")
        #expect(report.governing == ["US-CA"])
        #expect(report.direction == "inbound")
        #expect(report.purposes == ["quality"])
        #expect(
            report.parties == [
                .init(
                    id: "party-1", role: "customer", code: "US-CA", medium: "mobile", requirement: "consent",
                    localStrictness: "all-party-notice-suffices"),
                .init(
                    id: "party-2", role: "agent", code: "US-TX", medium: "landline", requirement: "none",
                    localStrictness: "one-party"),
            ])
        #expect(report.catalogVersion.hasPrefix("callvault-"))
        #expect(report.reasons.last == "Catalog: \(report.catalogVersion).")
        #expect(report.reasons.contains { $0.contains("632.7") })
    }

    @Test("a caller in US-NY and an agent in GB: notice only")
    func newYorkBritain() throws {
        let report = try resolve("--party", "customer@US-NY", "--party", "agent@GB")
        #expect(!report.allParty)
        #expect(report.noticeSufficient)
        #expect(report.strictness == "one-party")
        #expect(report.parties.map(\.requirement) == ["notice", "none"])
    }

    @Test("a caller in Germany needs explicit consent (an opt-in)")
    func germany() throws {
        let report = try resolve("--party", "customer@DE", "--party", "agent@US-TX", "--direction", "outbound")
        #expect(report.allParty)
        #expect(!report.noticeSufficient)
        #expect(report.strictness == "all-party-explicit")
        #expect(report.governing == ["DE"])
        #expect(report.direction == "outbound")
        #expect(report.reasons.contains { $0.contains("opt-in") })
    }

    @Test("unknown places and bare US read as all-party explicit", arguments: ["unknown", "US", "AU", "US-XX"])
    func unknownPlaces(code: String) throws {
        let report = try resolve("--party", "customer@\(code)", "--party", "bot@GB:voip")
        #expect(report.strictness == "all-party-explicit")
        #expect(report.parties.map(\.requirement) == ["consent", "none"])
        #expect(report.parties[1].role == "bot")
        #expect(report.parties[1].medium == "voip")
    }

    @Test("a custom purpose in the EU needs explicit consent; standard ones need notice")
    func purposes() throws {
        let standard = try resolve(
            "--party", "customer@FR", "--purpose", "training", "--purpose", "dispute-resolution", "--purpose",
            "training")
        #expect(standard.purposes == ["training", "dispute-resolution"])
        #expect(standard.strictness == "lawful-basis")
        #expect(standard.parties[0].requirement == "notice")
        let custom = try resolve("--party", "customer@FR", "--purpose", "quality", "--purpose", "voice-biometrics")
        #expect(custom.purposesNeedingConsent == ["voice-biometrics"])
        #expect(custom.parties[0].requirement == "consent")
        #expect(!custom.noticeSufficient)
    }

    @Test("roles, codes and media ignore case; a third party gets the customer's requirement")
    func caseAndThirdParty() throws {
        let report = try resolve("--party", "Customer@us-fl:MOBILE", "--party", "third-party@US-TX:voip")
        #expect(report.parties.map(\.code) == ["US-FL", "US-TX"])
        #expect(report.parties.map(\.medium) == ["mobile", "voip"])
        #expect(report.parties.map(\.requirement) == ["consent", "consent"])
    }

    @Test("the JSON has exactly the documented keys, sorted")
    func jsonKeys() throws {
        let run = try workspace.succeed(
            "consent", "resolve", "--json", "--party", "customer@US-CA", "--party", "agent@US-TX")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let keys = [
            "allParty", "catalogVersion", "direction", "governing", "governingRules", "noticeSufficient", "parties",
            "purposes", "purposesNeedingConsent", "reasons", "strictness",
        ]
        #expect(Set(object.keys) == Set(keys))
        let party = try #require((object["parties"] as? [[String: Any]])?.first)
        #expect(
            Set(party.keys) == [
                "code", "id", "localStrictness", "medium", "noticeMustBeRecorded", "requirement", "role",
                "warningToneAllowed",
            ])
        let rule = try #require((object["governingRules"] as? [[String: Any]])?.first)
        #expect(Set(rule.keys) == ["code", "name", "reviewed", "source"])
        let positions = keys.map { run.standardOutput.range(of: "\"\($0)\"")?.lowerBound }
        #expect(!positions.contains(nil))
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "keys are not in sorted order")
    }

    @Test(
        "WA and CT: the told parties' objects say the notice must be recorded (CT: or a tone); agents' do not",
        arguments: [("US-WA", false), ("US-CT", true)])
    func recordedNotice(code: String, toneAllowed: Bool) throws {
        let report = try resolve(
            "--party", "customer@\(code)", "--party", "agent@US-TX", "--party", "third-party@US-NY")
        let byRole = Dictionary(uniqueKeysWithValues: report.parties.map { ($0.role, $0) })
        #expect(byRole["customer"]?.noticeMustBeRecorded == true)
        #expect(byRole["customer"]?.warningToneAllowed == toneAllowed)
        #expect(byRole["third-party"]?.noticeMustBeRecorded == true, "the rule binds the whole conversation")
        #expect(byRole["agent"]?.noticeMustBeRecorded == false)
        #expect(report.reasons.contains { $0.hasPrefix("\(code) asks that the announcement") })
        let elsewhere = try resolve("--party", "customer@US-CA", "--party", "agent@US-TX")
        #expect(elsewhere.parties.allSatisfy { !$0.noticeMustBeRecorded && !$0.warningToneAllowed })
        let text = try workspace.succeed("consent", "resolve", "--party", "customer@\(code)", "--party", "agent@US-TX")
        #expect(
            text.standardOutput.contains(
                "party-1 customer at \(code) (landline): consent, the announcement on the recording"))
    }

    @Test("the text report gives each party's requirement and the reason trail")
    func textReport() throws {
        let run = try workspace.succeed(
            "consent", "resolve", "--party", "customer@US-CA:mobile", "--party", "agent@US-TX")
        let text = run.standardOutput
        #expect(text.contains("party-1 customer at US-CA (mobile): consent"))
        #expect(text.contains("party-2 agent at US-TX (landline): none"))
        #expect(text.contains("All-party: yes"))
        #expect(text.contains("The strictest rule wins: all-party, notice suffices, set by US-CA."))
        #expect(text.contains("Penal Code 632.7"))
        #expect(text.contains("Catalog: callvault-"))
        #expect(run.standardError.isEmpty)
    }

    @Test(
        "a --party that is not ROLE@CODE[:MEDIUM] is a usage error naming the form",
        arguments: [
            "customer", "customer@", "@US-CA", "boss@US-CA", "customer@US-CA:cell", "customer@USA-CA",
            "customer@US-CA:mobile:extra", "customer@US@CA", "customer@US-CA:",
        ])
    func badParty(party: String) throws {
        let run = try workspace.run("consent", "resolve", "--party", party)
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains("ROLE@CODE[:MEDIUM]"), "\(run)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test(
        "missing parties, a bad purpose and a bad direction are usage errors",
        arguments: [
            ["consent", "resolve"], ["consent", "resolve", "--party", "customer@DE", "--purpose", "Quality Control"],
            ["consent", "resolve", "--party", "customer@DE", "--direction", "sideways"],
            ["consent", "resolve", "--party", "customer@DE", "--bogus"], ["consent", "frobnicate"],
        ])
    func usageErrors(arguments: [String]) throws {
        let run = try Tool.run(arguments, in: workspace.directory)
        #expect(run.status == ExitStatus.usage, "\(run)")
        #expect(run.standardError.contains("Usage:") || run.standardError.contains("Error:"), "\(run)")
    }

    @Test("a host catalog file replaces bundled rows, and the version names both")
    func hostCatalog() throws {
        try workspace.write(
            Array(
                """
                code,name,consent_model,notice_counts_as_consent,notes,source
                US-TX,Texas (counsel's reading),all-party,no,Counsel reads Texas strictly for this client.,memo 2026-10
                """.utf8), to: "acme-legal.csv")
        let bundled = try resolve("--party", "customer@US-TX")
        let overridden = try resolve("--party", "customer@US-TX", "--catalog", "acme-legal.csv")
        #expect(bundled.strictness == "one-party")
        #expect(overridden.strictness == "all-party-explicit")
        #expect(overridden.parties[0].requirement == "consent")
        #expect(overridden.catalogVersion.contains(bundled.catalogVersion))
        #expect(overridden.catalogVersion.contains("acme-legal.csv+"))
        #expect(overridden.reasons.contains { $0.contains("Counsel reads Texas strictly") })
    }

    @Test(
        "the governing rows' review dates show beside their sources, in JSON and text; a host file without dates says so"
    )
    func reviewDates() throws {
        struct Rules: Decodable {
            struct Rule: Decodable {
                var code: String
                var source: String
                var reviewed: String?
            }
            var governingRules: [Rule]
        }
        let singapore = try Tool.run(
            ["consent", "resolve", "--json", "--party", "customer@SG", "--party", "agent@SG"], in: workspace.directory)
        let rules = try JSONDecoder().decode(Rules.self, from: Data(singapore.standardOutput.utf8)).governingRules
        #expect(rules.map(\.code) == ["SG"])
        #expect(rules.first?.reviewed == "2026-12-06")
        #expect(rules.first?.source.contains("sso.agc.gov.sg") == true)
        let text = try workspace.succeed("consent", "resolve", "--party", "customer@IN", "--party", "agent@IN")
        #expect(text.standardOutput.contains("(reviewed 2026-12-06)"))
        #expect(text.standardOutput.contains("DPDP Rules 2025"))

        try workspace.write(
            Array(
                """
                code,name,consent_model,notice_counts_as_consent,notes,source
                US-TX,Texas (counsel's reading),all-party,no,Counsel reads Texas strictly.,memo 2026-10
                """.utf8), to: "undated.csv")
        let undated = try Tool.run(
            ["consent", "resolve", "--json", "--party", "customer@US-TX", "--catalog", "undated.csv"],
            in: workspace.directory)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(undated.standardOutput.utf8)) as? [String: Any])
        let hostRule = try #require((object["governingRules"] as? [[String: Any]])?.first)
        #expect(hostRule["reviewed"] is NSNull)
        #expect(undated.standardOutput.contains("memo 2026-10 (no review date)"))
    }

    @Test("a bad catalog file fails with status 1 and a message naming the file and line")
    func badCatalog() throws {
        try workspace.write(
            Array(
                """
                code,name,consent_model,notice_counts_as_consent,notes,source
                US-TX,Texas,one-party,n/a,notes,memo
                US-CA,California,two-party,yes,notes,memo
                """.utf8), to: "broken.csv")
        let run = try workspace.run("consent", "resolve", "--party", "customer@US-TX", "--catalog", "broken.csv")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("broken.csv"), "\(run)")
        #expect(run.standardError.contains("line 3"), "\(run)")
        #expect(run.standardError.contains("two-party"), "\(run)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test("a catalog file that is missing or not UTF-8 fails with status 1")
    func unreadableCatalog() throws {
        let missing = try workspace.run("consent", "resolve", "--party", "customer@DE", "--catalog", "nowhere.csv")
        #expect(missing.status == ExitStatus.badInput, "\(missing)")
        #expect(missing.standardError.contains("nowhere.csv"), "\(missing)")
        try workspace.write([0x63, 0x6F, 0xFF, 0xFE, 0x0A], to: "binary.csv")
        let binary = try workspace.run("consent", "resolve", "--party", "customer@DE", "--catalog", "binary.csv")
        #expect(binary.status == ExitStatus.badInput, "\(binary)")
        #expect(binary.standardError.contains("UTF-8"), "\(binary)")
    }

    @Test("a catalog header naming a column twice fails with status 1, not a crash")
    func duplicateHeaderColumn() throws {
        try workspace.write(
            Array(
                "code,code,name,consent_model,notice_counts_as_consent,notes,source\nXA,XA,X,one-party,n/a,n,s\n".utf8),
            to: "twice.csv")
        let run = try workspace.run("consent", "resolve", "--party", "customer@XA", "--catalog", "twice.csv")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("line 1"), "\(run)")
    }

    @Test("help lists the consent group, the resolve options and the party form")
    func help() throws {
        let group = try workspace.succeed("consent", "--help")
        #expect(group.standardOutput.contains("resolve"))
        let resolve = try workspace.succeed("consent", "resolve", "--help")
        for option in ["--direction", "--party", "--purpose", "--catalog", "--json", "ROLE@CODE[:MEDIUM]"] {
            #expect(resolve.standardOutput.contains(option), "\(option) missing from \(resolve)")
        }
        let top = try workspace.succeed("--help")
        #expect(top.standardOutput.contains("  consent "))
    }
}
