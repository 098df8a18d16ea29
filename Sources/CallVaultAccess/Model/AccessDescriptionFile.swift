import CallVaultCore
import CallVaultSupport
import Foundation

extension Principal {
    /// Reads a principal described in JSON: how a host's identity provider, or an operator
    /// running `callvault access check`, tells the policy who is asking.
    ///
    /// ```json
    /// {
    ///   "id": "sup.maria",
    ///   "roles": ["supervisor"],
    ///   "team": "billing",
    ///   "authentication": { "method": "sso", "at": "2026-03-02T09:50:00Z", "multiFactor": true },
    ///   "training": [
    ///     { "course": "call-recording-privacy", "version": 3,
    ///       "completedAt": "2026-01-10T00:00:00Z", "expiresAt": "2027-01-10T00:00:00Z" }
    ///   ]
    /// }
    /// ```
    ///
    /// `id`, `roles` (possibly empty) and `authentication` are required; `team` and `training` may
    /// be left out (or `null`), as may a course's `expiresAt` (it does not lapse). Times are ISO 8601
    /// with `Z` or an offset. Unknown fields are refused, so a misspelt field is an error rather
    /// than a fact silently missing.
    ///
    /// - Throws: ``AccessDescriptionError`` (document ``AccessDescriptionError/Document/principal``)
    ///   naming the line and field at fault.
    public init(json text: String) throws {
        do {
            self = try Self.read(text)
        } catch {
            throw AccessDescriptionError(document: .principal, problem: error)
        }
    }

    private static func read(_ text: String) throws(AccessPolicyError) -> Principal {
        let root = try PolicyJSON.parse(text)
        let fields = try PolicyJSONFields(
            root, known: ["id", "roles", "team", "authentication", "training"], context: "the principal")
        let id = try fields.principalID("id")
        var roles = Set<Role>()
        for (name, line) in try fields.stringNodes("roles") {
            guard name != "*" else {
                throw .invalidValue(
                    line: line, field: "roles", value: "'*'",
                    expected: "role names (\"*\" means every role in a policy only)")
            }
            roles.insert(Role(name))
        }
        let authenticationFields = try PolicyJSONFields(
            try fields.required("authentication"), known: ["method", "at", "multiFactor"], context: "authentication")
        let authentication = Authentication(
            method: try authenticationFields.string("method"), at: try authenticationFields.date("at"),
            multiFactor: try authenticationFields.bool("multiFactor"))
        var training: [TrainingRecord] = []
        if fields.isGiven("training") {
            for node in try fields.objects("training") {
                let course = try PolicyJSONFields(
                    node, known: ["course", "version", "completedAt", "expiresAt"], context: "a training record")
                let completedAt = try course.date("completedAt")
                let expiresAt = try course.optionalDate("expiresAt")
                if let expiresAt, expiresAt <= completedAt {
                    throw .invalidValue(
                        line: course.line("expiresAt"), field: "expiresAt", value: "'\(CivilTime.iso8601(expiresAt))'",
                        expected: "a time after completedAt (\(CivilTime.iso8601(completedAt)))")
                }
                training.append(
                    TrainingRecord(
                        course: try course.string("course"), version: try course.count("version"),
                        completedAt: completedAt, expiresAt: expiresAt))
            }
        }
        return Principal(
            id: id, roles: roles, team: try fields.optionalString("team"), authentication: authentication,
            training: training)
    }
}

extension RecordingAccessAttributes {
    /// Reads what access control knows about a recording, described in JSON: how a host's
    /// catalog, or an operator running `callvault access check`, describes the recording asked for.
    ///
    /// ```json
    /// {
    ///   "recordingID": "6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b",
    ///   "agentID": "agent.sam",
    ///   "team": "billing",
    ///   "queue": "billing-support",
    ///   "disclosedPurposes": ["quality", "training"],
    ///   "jurisdictions": ["US-CA"],
    ///   "holds": [],
    ///   "sensitivity": "normal",
    ///   "isRestricted": false
    /// }
    /// ```
    ///
    /// `recordingID` (a UUID) and `disclosedPurposes` (possibly empty: then every use of the
    /// content needs new consent) are required. The rest may be left out (or `null`): no agent,
    /// team or queue, no jurisdictions or holds, `normal` sensitivity, not restricted. Unknown
    /// fields are refused.
    ///
    /// - Throws: ``AccessDescriptionError`` (document ``AccessDescriptionError/Document/recording``)
    ///   naming the line and field at fault.
    public init(json text: String) throws {
        do {
            self = try Self.read(text)
        } catch {
            throw AccessDescriptionError(document: .recording, problem: error)
        }
    }

    private static func read(_ text: String) throws(AccessPolicyError) -> RecordingAccessAttributes {
        let root = try PolicyJSON.parse(text)
        let fields = try PolicyJSONFields(
            root,
            known: [
                "recordingID", "agentID", "team", "queue", "disclosedPurposes", "jurisdictions", "holds",
                "sensitivity", "isRestricted",
            ], context: "the recording")
        let idText = try fields.string("recordingID")
        guard let id = RecordingID(parsing: idText) else {
            throw .invalidValue(
                line: fields.line("recordingID"), field: "recordingID", value: "'\(idText)'",
                expected: "a UUID such as 6f1c2b0e-4d5a-4e8f-9a3b-2c1d0e9f8a7b")
        }
        var purposes = Set<Purpose>()
        for (text, line) in try fields.stringNodes("disclosedPurposes") {
            guard let purpose = try? Purpose(text) else {
                throw .invalidValue(
                    line: line, field: "disclosedPurposes", value: "'\(text)'",
                    expected: "a purpose: lower-case letters, digits and hyphens, such as quality")
            }
            purposes.insert(purpose)
        }
        var jurisdictions: [Jurisdiction] = []
        if fields.isGiven("jurisdictions") {
            for (text, line) in try fields.stringNodes("jurisdictions") {
                guard let place = try? Jurisdiction(parsing: text) else {
                    throw .invalidValue(
                        line: line, field: "jurisdictions", value: "'\(text)'",
                        expected:
                            "an ISO 3166-1 country such as DE, an ISO 3166-2 subdivision such as US-CA, or unknown")
                }
                jurisdictions.append(place)
            }
        }
        let holds = fields.isGiven("holds") ? try fields.strings("holds") : []
        var sensitivity = Sensitivity.normal
        if fields.isGiven("sensitivity") {
            let text = try fields.string("sensitivity")
            guard let level = Sensitivity(rawValue: text) else {
                throw .invalidValue(
                    line: fields.line("sensitivity"), field: "sensitivity", value: "'\(text)'",
                    expected: "normal, sensitive or restricted")
            }
            sensitivity = level
        }
        return RecordingAccessAttributes(
            recordingID: id, agentID: try fields.optionalPrincipalID("agentID"),
            team: try fields.optionalString("team"), queue: try fields.optionalString("queue"),
            disclosedPurposes: purposes, jurisdictions: jurisdictions, holds: holds, sensitivity: sensitivity,
            isRestricted: fields.isGiven("isRestricted") ? try fields.bool("isRestricted") : false)
    }
}
