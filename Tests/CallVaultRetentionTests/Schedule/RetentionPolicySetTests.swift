import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// A host's policies in JSON: a faithful round trip, and errors that name the policy by position
/// and id and say what is wrong.
@Suite("Retention policy sets")
struct RetentionPolicySetTests {
    typealias F = ScheduleFixture

    /// The JSON form the documentation shows.
    static let documented = """
        {
          "version": "acme-2026-11",
          "policies": [
            { "id": "acme-sales", "name": "Sales calls", "match": { "queues": ["sales"] }, "maximum": "P2Y" },
            { "id": "acme-fca-request", "name": "FCA request of 2026-10", "match": { "tags": ["fca-request"] },
              "minimum": "P7Y", "legalObligation": true }
          ]
        }
        """

    @Test("the documented example reads as written")
    func documentedExample() throws {
        let set = try RetentionPolicySet(json: Data(Self.documented.utf8))
        #expect(set.version == "acme-2026-11")
        #expect(set.policies.map(\.id) == ["acme-sales", "acme-fca-request"])
        let sales = try #require(set.policies.first)
        #expect(sales.name == "Sales calls")
        #expect(sales.match == RetentionQuery(queues: ["sales"]))
        #expect(sales.maximum == (try F.period("P2Y")))
        #expect(sales.minimum == nil)
        #expect(!sales.isLegalObligation && !sales.writeOnce)
        let request = try #require(set.policies.last)
        #expect(request.minimum == (try F.period("P7Y")))
        #expect(request.isLegalObligation)
        #expect(request.match.tags == ["fca-request"])
    }

    @Test("every field survives a JSON round trip")
    func roundTrip() throws {
        let start = try F.start()
        let policies = [
            try F.policy(
                "acme-everything", name: "Every condition",
                match: RetentionQuery(
                    queues: ["sales", "retention"], linesOfBusiness: ["retail-banking"],
                    purposes: [.quality, .training],
                    tags: ["vip"],
                    jurisdictions: [try Jurisdiction(parsing: "FR"), try Jurisdiction(parsing: "US-PA")],
                    regimes: ["eu-mifid2-16-7"], customerIDs: ["C-1"], agentIDs: ["A-1"], startedAtOrAfter: start,
                    startedBefore: start.addingTimeInterval(86_400 * 30)),
                minimum: "P1Y", maximum: "P2Y6M", writeOnce: true),
            try F.policy("acme.legal", name: "Legal", minimum: "P7Y", legal: true),
            try F.policy("acme-cap", name: "Cap", maximum: "P90D"),
        ]
        let set = try RetentionPolicySet(version: "acme-2026-11", policies: policies)
        let json = try set.json()
        let read = try RetentionPolicySet(json: json)
        #expect(read == set)
        #expect(try RetentionPolicySet(json: try read.json()) == set)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""maximum" : "P2Y6M""#))
        #expect(text.contains(#""legalObligation" : true"#))
        #expect(!text.contains(#""writeOnce" : false"#), "defaults are left out")
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let index: Int?
        let id: String?
        let reason: String
        let mentions: [String]

        var testDescription: String { name }
    }

    static func file(_ policies: String...) -> String {
        #"{"version": "v1", "policies": ["# + policies.joined(separator: ",") + "]}"
    }

    static let good = #"{"id": "acme-ok", "name": "OK", "maximum": "P1Y"}"#

    static let invalidPolicies: [ErrorCase] = [
        ErrorCase(
            name: "misspelt key", json: file(good, #"{"id": "acme-typo", "name": "Typo", "maximun": "P1Y"}"#), index: 1,
            id: "acme-typo", reason: "unknown key 'maximun'", mentions: ["number 2 ('acme-typo')", "'maximun'"]),
        ErrorCase(
            name: "misspelt match condition",
            json: file(#"{"id": "acme-q", "name": "Q", "match": {"queus": ["sales"]}, "maximum": "P1Y"}"#), index: 0,
            id: "acme-q", reason: "unknown condition 'queus'", mentions: ["number 1 ('acme-q')", "'queus'"]),
        ErrorCase(
            name: "bad period",
            json: file(
                good,
                good.replacingOccurrences(of: "acme-ok", with: "acme-p").replacingOccurrences(of: "P1Y", with: "P5X")),
            index: 1, id: "acme-p", reason: "\"P5X\"", mentions: ["number 2 ('acme-p')", "P5X"]),
        ErrorCase(
            name: "minimum longer than maximum",
            json: file(#"{"id": "acme-mm", "name": "MM", "minimum": "P2Y", "maximum": "P1Y"}"#), index: 0,
            id: "acme-mm", reason: "its minimum (P2Y) is longer than its maximum (P1Y)",
            mentions: ["number 1 ('acme-mm')", "P2Y", "P1Y"]),
        ErrorCase(
            name: "empty name", json: file(#"{"id": "acme-nameless", "name": "  ", "maximum": "P1Y"}"#), index: 0,
            id: "acme-nameless", reason: "it has no name", mentions: ["number 1 ('acme-nameless')", "no name"]),
        ErrorCase(
            name: "missing name", json: file(good, good, #"{"id": "acme-no-name", "maximum": "P1Y"}"#), index: 2,
            id: "acme-no-name", reason: "'name' is missing", mentions: ["number 3 ('acme-no-name')", "name"]),
        ErrorCase(
            name: "neither minimum nor maximum", json: file(#"{"id": "acme-empty", "name": "Empty"}"#), index: 0,
            id: "acme-empty", reason: "it sets neither a minimum nor a maximum",
            mentions: ["number 1 ('acme-empty')", "neither"]),
        ErrorCase(
            name: "write-once without a minimum",
            json: file(#"{"id": "acme-worm", "name": "Worm", "maximum": "P1Y", "writeOnce": true}"#), index: 0,
            id: "acme-worm", reason: "it asks for write-once storage but sets no minimum to lock for",
            mentions: ["'acme-worm'", "write-once"]),
        ErrorCase(
            name: "legal obligation without a minimum",
            json: file(#"{"id": "acme-law", "name": "Law", "maximum": "P1Y", "legalObligation": true}"#), index: 0,
            id: "acme-law", reason: "it is marked a legal obligation but sets no minimum",
            mentions: ["'acme-law'", "legal obligation"]),
        ErrorCase(
            name: "invalid id", json: file(#"{"id": "Acme Sales", "name": "S", "maximum": "P1Y"}"#), index: 0,
            id: "Acme Sales", reason: "is not a valid retention rule id", mentions: ["number 1 ('Acme Sales')"]),
        ErrorCase(
            name: "missing id", json: file(good, #"{"name": "Anonymous", "maximum": "P1Y"}"#), index: 1, id: nil,
            reason: "'id' is missing", mentions: ["number 2 is invalid"]),
        ErrorCase(
            name: "wrong type", json: file(#"{"id": "acme-type", "name": "T", "maximum": 365}"#), index: 0,
            id: "acme-type", reason: "should be a string", mentions: ["number 1 ('acme-type')", "maximum"]),
    ]

    @Test("an invalid policy is named by position and id, with the field at fault", arguments: invalidPolicies)
    func invalidPolicy(_ entry: ErrorCase) {
        #expect {
            _ = try RetentionPolicySet(json: Data(entry.json.utf8))
        } throws: { error in
            guard let error = error as? RetentionPolicyError,
                case .invalidPolicy(let index, let id, let reason) = error.reason
            else {
                Issue.record("unexpected error \(error)")
                return false
            }
            var ok = index == entry.index && id == entry.id
            if !reason.contains(entry.reason) {
                Issue.record("reason '\(reason)' lacks '\(entry.reason)'")
                ok = false
            }
            for phrase in entry.mentions where !error.description.contains(phrase) {
                Issue.record("'\(phrase)' not in: \(error.description)")
                ok = false
            }
            return ok
        }
    }

    @Test("two policies with one id: the second is named")
    func duplicateIDs() throws {
        let json = Self.file(Self.good, #"{"id": "acme-other", "name": "Other", "minimum": "P1Y"}"#, Self.good)
        #expect(throws: RetentionPolicyError.duplicatePolicy(index: 2, id: "acme-ok")) {
            try RetentionPolicySet(json: Data(json.utf8))
        }
        #expect(
            RetentionPolicyError.duplicatePolicy(index: 2, id: "acme-ok").description.contains("number 3 ('acme-ok')"))
        let policy = try F.policy("acme-ok", maximum: "P1Y")
        #expect(throws: RetentionPolicyError.duplicatePolicy(index: 1, id: "acme-ok")) {
            try RetentionPolicySet(version: "v1", policies: [policy, policy])
        }
    }

    @Test("a missing version is a malformed file; an empty one is refused as missing")
    func version() throws {
        #expect {
            try RetentionPolicySet(json: Data(#"{"policies": []}"#.utf8))
        } throws: { error in
            guard case .malformedFile(let reason) = (error as? RetentionPolicyError)?.reason else { return false }
            return reason.contains("'version' is missing")
        }
        #expect(throws: RetentionPolicyError.missingVersion) {
            try RetentionPolicySet(json: Data(#"{"version": " ", "policies": []}"#.utf8))
        }
        #expect(throws: RetentionPolicyError.missingVersion) {
            try RetentionPolicySet(version: "", policies: [])
        }
        #expect(RetentionPolicyError.missingVersion.description.contains("no version label"))
        let empty = try RetentionPolicySet(json: Data(#"{"version": "v0", "policies": []}"#.utf8))
        #expect(empty.policies.isEmpty && empty.version == "v0")
    }

    @Test(
        "text that is not a policy file is refused as malformed",
        arguments: [
            "", "not json", "[]", #"{"version": "v1"}"#, #"{"version": 3, "policies": []}"#,
            "{\"version\": \"v1\", \"policies\": [}",
        ])
    func notAPolicyFile(text: String) {
        #expect {
            try RetentionPolicySet(json: Data(text.utf8))
        } throws: { error in
            guard let error = error as? RetentionPolicyError, case .malformedFile = error.reason else { return false }
            return error.description.hasPrefix("The retention policy file cannot be read:")
        }
    }

    @Test("the initialiser refuses what the JSON reader refuses, naming the policy by id")
    func initialiserErrors() throws {
        #expect(throws: RetentionPolicyError.invalidPolicy(index: nil, id: "acme-x", reason: "it has no name")) {
            try RetentionPolicy(id: "acme-x", name: "", maximum: try F.period("P1Y"))
        }
        let error = RetentionPolicyError.invalidPolicy(index: nil, id: "acme-x", reason: "it has no name")
        #expect(error.description == "Retention policy 'acme-x' is invalid: it has no name.")
        #expect(throws: RetentionPolicyError.self) {
            try RetentionPolicy(id: "acme-x", name: "X", minimum: try F.period("P13M"), maximum: try F.period("P1Y"))
        }
        // Equal periods are not a conflict on paper; a policy may say "exactly one year".
        let exact = try RetentionPolicy(
            id: "acme-x", name: "X", minimum: try F.period("P12M"), maximum: try F.period("P1Y"))
        #expect(exact.minimum?.months == 12)
    }
}
