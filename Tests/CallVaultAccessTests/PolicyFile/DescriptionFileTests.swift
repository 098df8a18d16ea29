import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// The JSON descriptions of a principal and of a recording that `callvault access check` and
/// hosts read: every field, and typed errors naming the line.
@Suite("Principal and recording files")
struct DescriptionFileTests {
    static let principalText = """
        {
          "id": "sup.maria",
          "roles": ["supervisor", "qa-analyst"],
          "team": "billing",
          "authentication": { "method": "sso", "at": "2026-03-02T10:50:00+01:00", "multiFactor": true },
          "training": [
            { "course": "call-recording-privacy", "version": 3,
              "completedAt": "2026-01-10T00:00:00Z", "expiresAt": "2027-01-10T00:00:00Z" },
            { "course": "pci-basics", "version": 1, "completedAt": "2025-06-01T08:30:00.5Z", "expiresAt": null }
          ]
        }
        """

    static let recordingText = """
        {
          "recordingID": "01020304-0506-0708-090A-0B0C0D0E0F10",
          "agentID": "agent.sam",
          "team": "billing",
          "queue": "billing-support",
          "disclosedPurposes": ["quality", "training", "dispute-resolution", "legal-regulatory"],
          "jurisdictions": ["US-CA"],
          "holds": [],
          "sensitivity": "normal",
          "isRestricted": false
        }
        """

    @Test("a principal file reads into the principal it describes")
    func principal() throws {
        let principal = try Principal(json: Self.principalText)
        #expect(principal.id == "sup.maria")
        #expect(principal.roles == ["supervisor", "qa-analyst"])
        #expect(principal.team == "billing")
        #expect(principal.authentication == Authentication(method: "sso", at: World.minutesAgo(10), multiFactor: true))
        #expect(
            principal.training == [
                World.privacyCourse,
                TrainingRecord(
                    course: "pci-basics", version: 1, completedAt: World.time("2025-06-01T08:30:00.5Z"), expiresAt: nil),
            ])
    }

    @Test("a recording file reads into the attributes it describes")
    func recording() throws {
        #expect(try RecordingAccessAttributes(json: Self.recordingText) == World.recording)
    }

    @Test("optional fields may be left out or null")
    func minimal() throws {
        let principal = try Principal(
            json:
                #"{"id": "p", "roles": [], "team": null, "authentication": {"method": "password", "at": "2026-03-02T09:00:00Z", "multiFactor": false}}"#
        )
        #expect(principal.roles.isEmpty)
        #expect(principal.team == nil)
        #expect(principal.training.isEmpty)
        let recording = try RecordingAccessAttributes(
            json: #"{"recordingID": "01020304-0506-0708-090a-0b0c0d0e0f10", "disclosedPurposes": [], "queue": null}"#)
        #expect(
            recording == RecordingAccessAttributes(recordingID: World.recordingID, disclosedPurposes: []))
        #expect(recording.sensitivity == .normal)
        #expect(!recording.isRestricted)
    }

    @Test("a file read from disk decides as the values do")
    func decidesTheSame() throws {
        let principal = try Principal(json: Self.principalText)
        let recording = try RecordingAccessAttributes(json: Self.recordingText)
        let decision = World.policy.decide(
            AccessRequest(principal: principal, action: .listen, recording: recording, purpose: .quality, at: World.now)
        )
        #expect(decision.labels == ["allowed-by:supervisors-review"])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let document: AccessDescriptionError.Document
        let text: String
        let kind: String
        let line: Int

        var testDescription: String { "\(document): \(name)" }
    }

    static func principal(_ body: String) -> String {
        "{\n  \"id\": \"p\",\n  \"roles\": [\"agent\"],\n" + body + "\n}"
    }

    static let authentication =
        "  \"authentication\": { \"method\": \"sso\", \"at\": \"2026-03-02T09:00:00Z\", \"multiFactor\": true }"

    static func recording(_ body: String) -> String {
        "{\n  \"recordingID\": \"01020304-0506-0708-090a-0b0c0d0e0f10\",\n  \"disclosedPurposes\": [\"quality\"],\n"
            + body
            + "\n}"
    }

    static let cases: [Case] = [
        Case(name: "not JSON", document: .principal, text: "{\n  id: p\n}", kind: "malformed", line: 2),
        Case(name: "a list", document: .principal, text: "\n[]", kind: "invalid:the principal", line: 2),
        Case(
            name: "a misspelt field", document: .principal,
            text: principal(authentication + ",\n  \"tema\": \"billing\""),
            kind: "unknown:tema", line: 5),
        Case(
            name: "no authentication", document: .principal, text: principal("  \"team\": \"billing\""),
            kind: "missing:authentication", line: 1),
        Case(
            name: "no id", document: .principal, text: "{\n  \"roles\": [],\n" + authentication + "\n}",
            kind: "missing:id",
            line: 1),
        Case(
            name: "roles as a string", document: .principal,
            text: "{\n  \"id\": \"p\",\n  \"roles\": \"agent\",\n" + authentication + "\n}", kind: "invalid:roles",
            line: 3),
        Case(
            name: "the policy's every-role marker", document: .principal,
            text: "{\n  \"id\": \"p\",\n  \"roles\": [\"*\"],\n" + authentication + "\n}", kind: "invalid:roles",
            line: 3),
        Case(
            name: "a time without a zone", document: .principal,
            text: principal(
                "  \"authentication\": {\n \"method\": \"sso\",\n \"at\": \"2026-03-02T09:00:00\", \"multiFactor\": true }"
            ),
            kind: "invalid:at", line: 6),
        Case(
            name: "a date only", document: .principal,
            text: principal(
                "  \"authentication\": { \"method\": \"sso\", \"at\": \"2026-03-02\", \"multiFactor\": true }"),
            kind: "invalid:at", line: 4),
        Case(
            name: "multi-factor as a string", document: .principal,
            text: principal(
                "  \"authentication\": { \"method\": \"sso\", \"at\": \"2026-03-02T09:00:00Z\",\n \"multiFactor\": \"yes\" }"
            ),
            kind: "invalid:multiFactor", line: 5),
        Case(
            name: "a misspelt authentication field", document: .principal,
            text: principal(
                "  \"authentication\": { \"method\": \"sso\", \"at\": \"2026-03-02T09:00:00Z\",\n \"mfa\": true }"),
            kind: "unknown:mfa", line: 5),
        Case(
            name: "training that is not a list", document: .principal,
            text: principal(authentication + ",\n  \"training\": \"privacy\""), kind: "invalid:training", line: 5),
        Case(
            name: "a course without a version", document: .principal,
            text: principal(
                authentication
                    + ",\n  \"training\": [\n    { \"course\": \"privacy\", \"completedAt\": \"2026-01-01T00:00:00Z\" }\n  ]"
            ),
            kind: "missing:version", line: 6),
        Case(
            name: "a course expiring before completion", document: .principal,
            text: principal(
                authentication
                    + ",\n  \"training\": [\n    { \"course\": \"privacy\", \"version\": 1, \"completedAt\": \"2026-01-01T00:00:00Z\",\n      \"expiresAt\": \"2025-01-01T00:00:00Z\" }\n  ]"
            ),
            kind: "invalid:expiresAt", line: 7),
        Case(
            name: "an impossible date", document: .principal,
            text: principal(
                authentication
                    + ",\n  \"training\": [\n    { \"course\": \"privacy\", \"version\": 1, \"completedAt\": \"2026-02-30T00:00:00Z\" }\n  ]"
            ),
            kind: "invalid:completedAt", line: 6),
        Case(name: "not JSON", document: .recording, text: "{\n\n  \"recordingID\": ,\n}", kind: "malformed", line: 3),
        Case(
            name: "no recording id", document: .recording, text: "{\n  \"disclosedPurposes\": []\n}",
            kind: "missing:recordingID",
            line: 1),
        Case(
            name: "a recording id that is not a UUID", document: .recording,
            text: "{\n  \"recordingID\": \"call-42\",\n  \"disclosedPurposes\": []\n}", kind: "invalid:recordingID",
            line: 2),
        Case(
            name: "no disclosed purposes", document: .recording,
            text: "{\n  \"recordingID\": \"01020304-0506-0708-090a-0b0c0d0e0f10\"\n}",
            kind: "missing:disclosedPurposes", line: 1),
        Case(
            name: "a purpose with capitals", document: .recording,
            text:
                "{\n  \"recordingID\": \"01020304-0506-0708-090a-0b0c0d0e0f10\",\n  \"disclosedPurposes\": [\n \"quality\",\n \"Training\"]\n}",
            kind: "invalid:disclosedPurposes", line: 5),
        Case(
            name: "a misspelt field", document: .recording, text: recording("  \"restricted\": true"),
            kind: "unknown:restricted",
            line: 4),
        Case(
            name: "an unknown sensitivity", document: .recording, text: recording("  \"sensitivity\": \"secret\""),
            kind: "invalid:sensitivity", line: 4),
        Case(
            name: "a jurisdiction that is not a code", document: .recording,
            text: recording("  \"jurisdictions\": [\n    \"California\"\n  ]"), kind: "invalid:jurisdictions", line: 5),
        Case(
            name: "restricted as a string", document: .recording, text: recording("  \"isRestricted\": \"no\""),
            kind: "invalid:isRestricted", line: 4),
        Case(
            name: "holds as a string", document: .recording, text: recording("  \"holds\": \"hold-1\""),
            kind: "invalid:holds",
            line: 4),
        Case(
            name: "an empty agent", document: .recording, text: recording("  \"agentID\": \"\""),
            kind: "invalid:agentID", line: 4),
    ]

    @Test(arguments: cases)
    func refused(_ example: Case) {
        do {
            switch example.document {
            case .principal: _ = try Principal(json: example.text)
            case .recording: _ = try RecordingAccessAttributes(json: example.text)
            }
            Issue.record("read a malformed \(example.document) file")
        } catch let error as AccessDescriptionError {
            #expect(error.document == example.document)
            #expect(PolicyFileErrorTests.kind(error.problem) == example.kind, "\(error)")
            #expect(error.line == example.line, "\(error)")
            let name = example.document == .principal ? "Principal" : "Recording"
            #expect(error.description.hasPrefix("\(name) line \(example.line): "), "\(error)")
        } catch {
            Issue.record("expected an AccessDescriptionError, got \(error)")
        }
    }

    @Test("messages name the file kind, the line, the value and what is expected")
    func messages() {
        #expect(throws: AccessDescriptionError.self) { try Principal(json: "{}") }
        do {
            _ = try RecordingAccessAttributes(json: Self.recording("  \"sensitivity\": \"secret\""))
        } catch {
            #expect(
                "\(error)"
                    == "Recording line 4: \"sensitivity\" is 'secret', but it must be normal, sensitive or restricted.")
        }
        do {
            _ = try Principal(json: Self.principal(Self.authentication + ",\n  \"tema\": \"billing\""))
        } catch {
            #expect(
                "\(error)"
                    == "Principal line 5: \"tema\" is not a field here; the fields are id, roles, team, authentication, training."
            )
        }
    }
}
