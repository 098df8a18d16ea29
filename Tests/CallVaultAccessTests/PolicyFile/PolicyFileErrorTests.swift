import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// A malformed policy file is refused with a typed error naming the line and the field, never
/// read into a policy that means something else.
@Suite("Policy file: errors")
struct PolicyFileErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        /// The error's case and field, as ``PolicyFileErrorTests/kind(_:)`` writes it.
        let kind: String
        let line: Int?

        var testDescription: String { name }
    }

    /// `malformed`, `missing:<field>`, `unknown:<field>`, `invalid:<field>`, `duplicate:<id>`,
    /// `missing-version`.
    static func kind(_ error: AccessPolicyError) -> String {
        switch error.reason {
        case .malformedFile: "malformed"
        case .missingField(_, let field): "missing:\(field)"
        case .unknownField(_, let field, _): "unknown:\(field)"
        case .invalidValue(_, let field, _, _): "invalid:\(field)"
        case .duplicateRule(let id, _, _): "duplicate:\(id)"
        case .missingVersion: "missing-version"
        }
    }

    /// A policy whose second line onwards is `rule` (so line numbers are easy to count: the rule
    /// starts on line 3).
    static func policy(_ rule: String) -> String {
        "{ \"version\": \"v\",\n  \"rules\": [\n" + rule + "\n  ]\n}\n"
    }

    static let cases: [Case] = [
        Case(name: "empty file", text: "", kind: "malformed", line: 1),
        Case(name: "only white space", text: "\n\n  \n", kind: "malformed", line: 4),
        Case(name: "missing comma", text: "{\n  \"version\": \"v\"\n  \"rules\": []\n}", kind: "malformed", line: 3),
        Case(name: "trailing comma", text: "{\n  \"version\": \"v\",\n  \"rules\": [],\n}", kind: "malformed", line: 4),
        Case(
            name: "text after the document", text: "{\"version\": \"v\", \"rules\": []}\n\nrules", kind: "malformed",
            line: 3),
        Case(name: "unclosed object", text: "{\n  \"version\": \"v\",\n  \"rules\": []\n", kind: "malformed", line: 4),
        Case(name: "a string broken over lines", text: "{\n  \"version\": \"v\n1\"}", kind: "malformed", line: 2),
        Case(
            name: "a field twice", text: "{\n  \"version\": \"v\",\n  \"version\": \"w\", \"rules\": []}",
            kind: "malformed", line: 3),
        Case(
            name: "comments", text: "{\n  // the policy\n  \"version\": \"v\", \"rules\": []}", kind: "malformed",
            line: 2),
        Case(name: "single quotes", text: "{\n  'version': 'v', \"rules\": []}", kind: "malformed", line: 2),
        Case(name: "a bad escape", text: "{\n  \"version\": \"v\\q\", \"rules\": []}", kind: "malformed", line: 2),
        Case(
            name: "a signed unicode escape", text: "{\n  \"version\": \"\\u+041\", \"rules\": []}", kind: "malformed",
            line: 2),
        Case(
            name: "a lone surrogate", text: "{\n\n  \"version\": \"\\ud83d\", \"rules\": []}", kind: "malformed",
            line: 3),
        Case(name: "a bare word", text: "{\n  \"version\": v1, \"rules\": []}", kind: "malformed", line: 2),
        Case(
            name: "a truncated true", text: "{\"version\": \"v\", \"rules\": [],\n \"x\": tru}", kind: "malformed",
            line: 2),
        Case(name: "nested too deeply", text: String(repeating: "[", count: 70), kind: "malformed", line: 1),
        Case(name: "not an object", text: "[\n]", kind: "invalid:the policy", line: 1),
        Case(
            name: "a misspelt top-level field", text: "{\n  \"verison\": \"v\",\n  \"rules\": []\n}",
            kind: "unknown:verison", line: 2),
        Case(name: "no version", text: "{\n  \"rules\": []\n}", kind: "missing:version", line: 1),
        Case(
            name: "an empty version", text: "{\n  \"version\": \"\",\n  \"rules\": []\n}", kind: "missing-version",
            line: nil),
        Case(
            name: "a version that is a number", text: "{\n  \"rules\": [],\n  \"version\": 3\n}",
            kind: "invalid:version", line: 3),
        Case(name: "no rules", text: "{\n  \"version\": \"v\"\n}", kind: "missing:rules", line: 1),
        Case(
            name: "rules that are an object", text: "{\n  \"version\": \"v\",\n  \"rules\": {}\n}",
            kind: "invalid:rules", line: 3),
        Case(name: "a rule that is a string", text: policy("    \"allow everyone\""), kind: "invalid:a rule", line: 3),
        Case(
            name: "a misspelt rule field",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\",\n      \"rolse\": [\"agent\"], \"actions\": [\"listen\"] }"
            ),
            kind: "unknown:rolse", line: 4),
        Case(
            name: "no roles",
            text: policy("    { \"id\": \"r\", \"effect\": \"allow\",\n      \"actions\": [\"listen\"] }"),
            kind: "missing:roles", line: 3),
        Case(
            name: "empty roles",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\",\n      \"roles\": [], \"actions\": [\"listen\"] }"),
            kind: "invalid:roles", line: 4),
        Case(
            name: "every role beside a named one",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\",\n      \"roles\": [\"*\", \"agent\"], \"actions\": [\"listen\"] }"
            ),
            kind: "invalid:roles", line: 4),
        Case(
            name: "roles as a string",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\",\n      \"roles\": \"agent\", \"actions\": [\"listen\"] }"),
            kind: "invalid:roles", line: 4),
        Case(
            name: "a role that is a number",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\n \"agent\",\n 7], \"actions\": [\"listen\"] }"
            ),
            kind: "invalid:roles", line: 5),
        Case(
            name: "no id", text: policy("    { \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"] }"),
            kind: "missing:id", line: 3),
        Case(
            name: "an empty id",
            text: policy(
                "    {\n \"id\": \" \", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"] }"),
            kind: "invalid:id", line: 4),
        Case(
            name: "an unknown effect",
            text: policy(
                "    { \"id\": \"r\",\n \"effect\": \"permit\", \"roles\": [\"a\"], \"actions\": [\"listen\"] }"),
            kind: "invalid:effect", line: 4),
        Case(
            name: "a misspelt action",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\n  \"download\",\n  \"lisen\"\n] }"
            ),
            kind: "invalid:actions", line: 5),
        Case(
            name: "an action with capitals",
            text: policy("    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"Listen\"] }"),
            kind: "invalid:actions", line: 3),
        Case(
            name: "no actions",
            text: policy("    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [] }"),
            kind: "invalid:actions", line: 3),
        Case(
            name: "a misspelt purpose",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"],\n  \"purposes\": [\"qualty\"] }"
            ),
            kind: "invalid:purposes", line: 4),
        Case(
            name: "an empty purpose list (which would match nothing)",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"],\n  \"purposes\": [] }"
            ),
            kind: "invalid:purposes", line: 4),
        Case(
            name: "purposes null",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"],\n  \"purposes\": null }"
            ),
            kind: "invalid:purposes", line: 4),
        Case(
            name: "a misspelt condition",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"sameTeem\": true } }"
            ),
            kind: "unknown:sameTeem", line: 4),
        Case(
            name: "a condition set to false",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"sameTeam\": false } }"
            ),
            kind: "invalid:sameTeam", line: 4),
        Case(
            name: "a flag as a string",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n\n  \"justification\": \"yes\" } }"
            ),
            kind: "invalid:justification", line: 5),
        Case(
            name: "minutes as a string",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"mfaWithinMinutes\": \"15\" } }"
            ),
            kind: "invalid:mfaWithinMinutes", line: 4),
        Case(
            name: "negative approvals",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"approvals\": -1 } }"
            ),
            kind: "invalid:approvals", line: 4),
        Case(
            name: "fractional minutes",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"mfaWithinMinutes\": 1.5 } }"
            ),
            kind: "invalid:mfaWithinMinutes", line: 4),
        Case(
            name: "an empty time window",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"hoursUTC\": [5, 5] } }"
            ),
            kind: "invalid:hoursUTC", line: 4),
        Case(
            name: "an hour past 24",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"hoursUTC\": [7, 25] } }"
            ),
            kind: "invalid:hoursUTC", line: 4),
        Case(
            name: "a time window of three hours",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"hoursUTC\": [7, 12, 19] } }"
            ),
            kind: "invalid:hoursUTC", line: 4),
        Case(
            name: "an unknown sensitivity",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"maximumSensitivity\": \"secret\" } }"
            ),
            kind: "invalid:maximumSensitivity", line: 4),
        Case(
            name: "no queues",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"queues\": [] } }"
            ),
            kind: "invalid:queues", line: 4),
        Case(
            name: "a course that is a number",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"trainingCurrent\": 5 } }"
            ),
            kind: "invalid:trainingCurrent", line: 4),
        Case(
            name: "a misspelt course field",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": {\n  \"trainingCurrent\": {\n  \"cours\": \"privacy\" } } }"
            ),
            kind: "unknown:cours", line: 5),
        Case(
            name: "conditions as a list",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"],\n  \"conditions\": [\"sameTeam\"] }"
            ),
            kind: "invalid:conditions", line: 4),
        Case(
            name: "a misspelt obligation",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"obligations\": {\n  \"watermarks\": true } }"
            ),
            kind: "unknown:watermarks", line: 4),
        Case(
            name: "a grant of zero seconds",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"obligations\": {\n  \"grantLifetimeSeconds\": 0 } }"
            ),
            kind: "invalid:grantLifetimeSeconds", line: 4),
        Case(
            name: "a grant of two days",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"obligations\": {\n  \"grantLifetimeSeconds\": 172800 } }"
            ),
            kind: "invalid:grantLifetimeSeconds", line: 4),
        Case(
            name: "single use as a number",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"obligations\": {\n  \"singleUse\": 1 } }"
            ),
            kind: "invalid:singleUse", line: 4),
        Case(
            name: "a description that is a list",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"],\n  \"description\": [] }"
            ),
            kind: "invalid:description", line: 4),
        Case(
            name: "a duplicated rule id",
            text: policy(
                "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"] },\n    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"] }"
            ),
            kind: "duplicate:r", line: 4),
        Case(
            name: "a custom action that is not an identifier",
            text: "{ \"version\": \"v\",\n  \"customActions\": [\n  \"Coach Calls\"], \"rules\": [] }",
            kind: "invalid:customActions",
            line: 3),
        Case(
            name: "an empty custom purpose list",
            text: "{ \"version\": \"v\",\n  \"customPurposes\": [], \"rules\": [] }", kind: "invalid:customPurposes",
            line: 2),
    ]

    @Test(arguments: cases)
    func refused(_ example: Case) {
        do {
            let policy = try AccessPolicy(json: example.text)
            Issue.record("read a policy with \(policy.rules.count) rules from a malformed file")
        } catch let error as AccessPolicyError {
            #expect(Self.kind(error) == example.kind, "\(error)")
            #expect(error.line == example.line, "\(error)")
            if let line = example.line {
                #expect(error.description.hasPrefix("Access policy line \(line): "), "\(error)")
            }
        } catch {
            Issue.record("expected an AccessPolicyError, got \(error)")
        }
    }

    @Test("messages say what is wrong and what is expected")
    func messages() throws {
        func message(_ text: String) -> String {
            do {
                _ = try AccessPolicy(json: text)
                return ""
            } catch { return "\(error)" }
        }
        #expect(
            message(
                Self.policy("    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"lisen\"] }")
            )
            .contains("\"actions\" is 'lisen', but it must be an action CallVault knows (view-metadata, listen,"))
        #expect(
            message("{\n  \"verison\": \"v\",\n  \"rules\": []\n}")
                == "Access policy line 2: \"verison\" is not a field here; the fields are version, description, customActions, customPurposes, rules."
        )
        #expect(
            message(
                Self.policy(
                    "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"], \"conditions\": { \"mfaWithinMinutes\": \"15\" } }"
                ))
                == "Access policy line 3: \"mfaWithinMinutes\" is '15', but it must be a whole number from 0 to 1000000."
        )
        #expect(message("{\"rules\": []}") == "Access policy line 1: the \"version\" field is required.")
        #expect(
            message(
                Self.policy(
                    "    { \"id\": \"r\", \"effect\": \"allow\", \"roles\": [\"a\"], \"actions\": [\"listen\"] },\n    { \"id\": \"r\", \"effect\": \"deny\", \"roles\": [\"a\"], \"actions\": [\"listen\"] }"
                ))
                == "Access policy line 4: rule id 'r' is already used on line 3; give each rule its own id.")
        #expect(
            message("{\n  \"version\": \"v\"\n  \"rules\": []\n}")
                == "Access policy line 3: expected ',' or '}' in an object.")
    }
}
