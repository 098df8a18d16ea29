import Foundation
import Testing

/// `callvault retention regimes`, run as a built binary: the bundled catalog's real values, the
/// JSON interface, the table a person reads, and host catalog files.
@Suite("callvault retention regimes")
struct RetentionRegimesTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
    }

    /// The JSON report, as scripts read it.
    struct Report: Decodable {
        struct Regime: Decodable {
            var id: String
            var name: String
            var jurisdiction: String
            var alsoCovers: [String]
            var applies: String
            var purposes: [String]
            var minimum: String?
            var maximum: String?
            var writeOnce: Bool
            var binding: String
            var sources: [String]
        }

        var catalogVersion: String
        var regimes: [Regime]

        func regime(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Regime {
            try #require(regimes.first { $0.id == id }, "\(id) is not listed", sourceLocation: sourceLocation)
        }
    }

    /// Runs `retention regimes --json` with `arguments` and decodes the report.
    func regimes(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Report {
        let run = try Tool.run(["retention", "regimes", "--json"] + arguments, in: workspace.directory)
        try #require(run.status == ExitStatus.success, "\(run)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
    }

    @Test("--json lists the bundled catalog's 25 regimes, each once, with sources")
    func bundledCatalog() throws {
        let report = try regimes()
        #expect(report.regimes.count == 25)
        #expect(Set(report.regimes.map(\.id)).count == 25)
        #expect(report.catalogVersion.hasPrefix("callvault-"))
        #expect(report.catalogVersion.contains("+"), "the version carries a digest of the catalog text")
        for regime in report.regimes {
            #expect(!regime.name.isEmpty, "\(regime.id)")
            #expect(!regime.sources.isEmpty, "\(regime.id) has no sources")
            #expect(["declared", "jurisdiction", "card-data", "reference"].contains(regime.applies), "\(regime.id)")
            #expect(["law", "contract", "practice"].contains(regime.binding), "\(regime.id)")
        }
    }

    @Test("MiFID II: a five-year minimum, write-once, declared, EU law")
    func mifid() throws {
        let mifid = try regimes().regime("eu-mifid2-16-7")
        #expect(mifid.minimum == "P5Y")
        #expect(mifid.maximum == nil)
        #expect(mifid.writeOnce)
        #expect(mifid.jurisdiction == "EU")
        #expect(mifid.applies == "declared")
        #expect(mifid.binding == "law")
        #expect(mifid.purposes.isEmpty)
    }

    @Test("CNIL: at most six months in France, for quality and training only")
    func cnil() throws {
        let cnil = try regimes().regime("fr-cnil-call-recording")
        #expect(cnil.maximum == "P6M")
        #expect(cnil.minimum == nil)
        #expect(cnil.jurisdiction == "FR")
        #expect(cnil.applies == "jurisdiction")
        #expect(cnil.purposes == ["quality", "training"])
        #expect(!cnil.writeOnce)
    }

    @Test("PCI DSS: card security codes kept no time at all, everywhere; the GDPR also covers the UK")
    func pciAndGDPR() throws {
        let report = try regimes()
        let pci = try report.regime("pci-dss-3-3-1")
        #expect(pci.maximum == "P0D")
        #expect(pci.minimum == nil)
        #expect(pci.jurisdiction == "ZZ")
        #expect(pci.applies == "card-data")
        let gdpr = try report.regime("eu-gdpr")
        #expect(gdpr.alsoCovers == ["GB"])
        #expect(gdpr.minimum == nil && gdpr.maximum == nil)
        #expect(try report.regime("us-tcpa-consent-records").binding == "practice")
        #expect(try report.regime("br-sac-decree-11034").minimum == "P90D")
    }

    @Test("the JSON has exactly the documented keys, sorted, with null for an absent period")
    func jsonKeys() throws {
        let run = try workspace.succeed("retention", "regimes", "--json")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["catalogVersion", "regimes"])
        let regimes = try #require(object["regimes"] as? [[String: Any]])
        let mifid = try #require(regimes.first { $0["id"] as? String == "eu-mifid2-16-7" })
        #expect(
            Set(mifid.keys) == [
                "id", "name", "jurisdiction", "alsoCovers", "applies", "purposes", "minimum", "maximum", "writeOnce",
                "binding", "sources",
            ])
        #expect(mifid["maximum"] is NSNull, "an absent maximum is null, not a missing key")
        let positions = ["\"catalogVersion\"", "\"regimes\""].map { run.standardOutput.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil))
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(run.standardError.isEmpty)
    }

    @Test("the text is an aligned table with every regime, names cut short, and the catalog version")
    func textTable() throws {
        let run = try workspace.succeed("retention", "regimes")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first)
        for column in ["ID", "NAME", "PLACE", "APPLIES", "MIN", "MAX", "WRITE-ONCE", "BINDING"] {
            #expect(header.contains(column), "\(column) missing from \(header)")
        }
        let rows = Array(lines.dropFirst().prefix { !$0.isEmpty })
        #expect(rows.count == 25)
        // Aligned: every column starts where its header does.
        let placeColumn = try #require(header.range(of: "PLACE")).lowerBound.utf16Offset(in: header)
        let mifid = try #require(rows.first { $0.hasPrefix("eu-mifid2-16-7 ") })
        let place = mifid.index(mifid.startIndex, offsetBy: placeColumn)
        #expect(mifid[place...].hasPrefix("EU "), "\(mifid)")
        let words = mifid.split(separator: " ")
        #expect(words.suffix(5) == ["declared", "P5Y", "-", "yes", "law"], "\(mifid)")
        let pci = try #require(rows.first { $0.hasPrefix("pci-dss-3-3-1 ") })
        #expect(
            pci.split(separator: " ").suffix(6) == ["everywhere", "card-data", "-", "P0D", "no", "contract"], "\(pci)")
        #expect(rows.contains { $0.hasPrefix("eu-gdpr ") && $0.contains(" EU+GB ") })
        // Long names are cut at a word and marked; short ones are whole.
        let cftc = try #require(rows.first { $0.hasPrefix("us-cftc-1-35 ") })
        #expect(cftc.contains("CFTC Rules") && cftc.contains("...") && !cftc.contains("Dodd-Frank"), "\(cftc)")
        #expect(rows.contains { $0.contains("FINRA Rule 4511 ") })
        #expect(rows.allSatisfy { $0.count <= 120 }, "a row is wider than 120 columns")
        #expect(run.standardOutput.contains("fr-cnil-call-recording: quality, training"))
        let footer = try #require(lines.last { !$0.isEmpty })
        #expect(footer.hasPrefix("Catalog: callvault-"), "\(footer)")
        #expect(footer.hasSuffix("(25 regimes)."), "\(footer)")
        #expect(run.standardError.isEmpty)
    }

    @Test("--catalog uses a host's catalog instead, under its label")
    func hostCatalog() throws {
        try workspace.write(
            Array(
                """
                id,code,name,applies,minimum,maximum,binding,write_once,purposes
                acme-fca-request,GB,FCA request of 2026-10 to keep seven years,declared,P7Y,,law,yes,
                acme-sales,ZZ,Sales calls,jurisdiction,,P2Y,practice,no,quality
                """.utf8), to: "acme-legal.csv")
        let named = try regimes("--catalog", "acme-legal.csv")
        #expect(named.regimes.map(\.id) == ["acme-fca-request", "acme-sales"])
        #expect(named.catalogVersion.hasPrefix("acme-legal.csv+"))
        #expect(try named.regime("acme-fca-request").minimum == "P7Y")
        #expect(try named.regime("acme-sales").jurisdiction == "ZZ")
        #expect(try named.regime("acme-sales").purposes == ["quality"])
        let labelled = try regimes("--catalog", "acme-legal.csv", "--catalog-label", "acme-2026-10")
        #expect(labelled.catalogVersion.hasPrefix("acme-2026-10+"))
        let text = try workspace.succeed("retention", "regimes", "--catalog", "acme-legal.csv")
        #expect(text.standardOutput.contains("(2 regimes)."))
    }

    @Test("a bad catalog file fails with status 1 and a message naming the file, line and value")
    func badCatalog() throws {
        try workspace.write(
            Array(
                """
                id,code,name,applies,minimum,maximum,binding,write_once
                acme-ok,GB,Fine,declared,P1Y,,law,no
                acme-bad,GB,Broken,declared,P5Q,,law,no
                """.utf8), to: "broken.csv")
        let run = try workspace.run("retention", "regimes", "--catalog", "broken.csv")
        #expect(run.status == ExitStatus.badInput, "\(run)")
        #expect(run.standardError.contains("broken.csv"), "\(run)")
        #expect(run.standardError.contains("line 3"), "\(run)")
        #expect(run.standardError.contains("'P5Q'"), "\(run)")
        #expect(run.standardOutput.isEmpty)

        try workspace.write(Array("id,code,name\nx,GB,X\n".utf8), to: "short.csv")
        let short = try workspace.run("retention", "regimes", "--catalog", "short.csv")
        #expect(short.status == ExitStatus.badInput, "\(short)")
        #expect(short.standardError.contains("'applies' column"), "\(short)")
    }

    @Test("a missing or non-UTF-8 catalog file fails with status 1, not a crash")
    func unreadableCatalog() throws {
        let missing = try workspace.run("retention", "regimes", "--catalog", "nowhere.csv")
        #expect(missing.status == ExitStatus.badInput, "\(missing)")
        #expect(missing.standardError.contains("nowhere.csv"), "\(missing)")
        try workspace.write([0x69, 0x64, 0xFF, 0xFE, 0x0A], to: "binary.csv")
        let binary = try workspace.run("retention", "regimes", "--catalog", "binary.csv")
        #expect(binary.status == ExitStatus.badInput, "\(binary)")
        #expect(binary.standardError.contains("UTF-8"), "\(binary)")
        // A folder given as the catalog (the second review saw Foundation's "error 256").
        try FileManager.default.createDirectory(
            at: workspace.directory.appendingPathComponent("catalogs"), withIntermediateDirectories: true)
        for command in [["retention", "regimes"], ["consent", "resolve", "--party", "customer@DE"]] {
            let folder = try Tool.run(command + ["--catalog", "catalogs"], in: workspace.directory)
            #expect(folder.status == ExitStatus.badInput, "\(folder)")
            #expect(folder.standardError.contains("it is a folder, not a file"), "\(folder)")
            #expect(!folder.standardError.contains("NSCocoaErrorDomain"), "\(folder)")
        }
    }

    @Test("--catalog-label without --catalog, and unknown options, are usage errors")
    func usageErrors() throws {
        for arguments in [
            ["retention", "regimes", "--catalog-label", "x"], ["retention", "regimes", "--bogus"],
            ["retention", "frobnicate"],
        ] {
            let run = try Tool.run(arguments, in: workspace.directory)
            #expect(run.status == ExitStatus.usage, "\(run)")
            #expect(run.standardError.contains("Error:"), "\(run)")
        }
    }

    @Test("help lists the retention group, its subcommands and the regimes options")
    func help() throws {
        let top = try workspace.succeed("--help")
        #expect(top.standardOutput.contains("  retention "))
        let group = try workspace.succeed("retention", "--help")
        #expect(group.standardOutput.contains("  regimes "))
        #expect(group.standardOutput.contains("  schedule "))
        let regimes = try workspace.succeed("retention", "regimes", "--help")
        for text in ["USAGE: callvault retention regimes", "--catalog", "--catalog-label", "--json", "Exit status"] {
            #expect(regimes.standardOutput.contains(text), "\(text) missing from \(regimes)")
        }
    }
}
