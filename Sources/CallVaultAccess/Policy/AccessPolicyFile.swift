import CallVaultCore
import CallVaultSupport

extension AccessPolicy {
    /// Reads a policy file (JSON).
    ///
    /// ```json
    /// {
    ///   "version": "acme-2026-11",
    ///   "rules": [
    ///     { "id": "supervisors-listen", "effect": "allow", "roles": ["supervisor"],
    ///       "actions": ["listen", "view-metadata"], "purposes": ["quality", "training"],
    ///       "conditions": { "sameTeam": true, "trainingCurrent": "call-recording-privacy",
    ///                       "mfaWithinMinutes": 60 },
    ///       "obligations": { "grantLifetimeSeconds": 300, "singleUse": true } },
    ///     { "id": "no-downloads-for-agents", "effect": "deny", "roles": ["agent"], "actions": ["download"] }
    ///   ]
    /// }
    /// ```
    ///
    /// `roles` is required (`["*"]` for every role), so leaving it out never opens a rule to
    /// everyone; `purposes` left out means every purpose. Conditions: `ownRecordingsOnly`,
    /// `sameTeam`, `legalReference`, `justification` (true), `trainingCurrent` (a course, or
    /// `{"course", "minimumVersion"}`), `mfaWithinMinutes`, `approvals` (counts), `hoursUTC`
    /// (`[from, to]`), `maximumSensitivity` (`normal`, `sensitive`, `restricted`), `queues` (a list).
    /// Obligations: `grantLifetimeSeconds`, `singleUse`, `watermark`, `notifyCompliance`.
    /// A rule may carry a `description` for people.
    ///
    /// Actions and purposes must be ones CallVault knows (``AccessAction/standard``,
    /// `Purpose.standard`) or ones the file declares in its top-level `customActions` and
    /// `customPurposes` lists, so a misspelt action or purpose is an error instead of a rule that
    /// silently never applies (for a deny rule, that would be a hole). Empty lists are refused for
    /// the same reason: leave a field out to mean "every".
    ///
    /// - Throws: ``AccessPolicyError`` naming the line and field at fault; unknown fields are
    ///   refused.
    public init(json text: String) throws {
        let root = try PolicyJSON.parse(text)
        let top = try PolicyJSONFields(
            root, known: ["version", "description", "customActions", "customPurposes", "rules"], context: "the policy")
        let versionNode = try top.required("version")
        guard case .string(let version) = versionNode.value else {
            throw AccessPolicyError.invalidValue(
                line: top.line("version"), field: "version", value: versionNode.summary, expected: "a string")
        }
        try Self.checkDescription(top)
        var vocabulary = Vocabulary()
        if top.has("customActions") {
            for (text, line) in try top.nonEmptyStringNodes("customActions", leaveOut: "action names (or leave it out)")
            {
                vocabulary.actions.insert(
                    try Self.identifier(text, line: line, field: "customActions", as: AccessAction.init(_:)))
            }
        }
        if top.has("customPurposes") {
            for (text, line) in try top.nonEmptyStringNodes(
                "customPurposes", leaveOut: "purpose names (or leave it out)")
            {
                vocabulary.purposes.insert(
                    try Self.identifier(text, line: line, field: "customPurposes", as: Purpose.init(_:)))
            }
        }
        let rulesNode = try top.required("rules")
        guard case .array(let ruleNodes) = rulesNode.value else {
            throw AccessPolicyError.invalidValue(
                line: top.line("rules"), field: "rules", value: rulesNode.summary, expected: "a list of rules")
        }
        var rules: [AccessRule] = []
        for node in ruleNodes { rules.append(try Self.rule(node, vocabulary: vocabulary)) }
        try self.init(version: version, rules: rules)
    }

    /// The actions and purposes a policy file may name.
    private struct Vocabulary {
        var actions = Set(AccessAction.standard)
        var purposes = Set(Purpose.standard)
    }

    private static func identifier<Value>(
        _ text: String, line: Int, field: String, as make: (String) throws -> Value
    ) throws(AccessPolicyError) -> Value {
        do {
            return try make(text)
        } catch {
            throw .invalidValue(
                line: line, field: field, value: "'\(text)'", expected: "1 to 64 lower-case letters, digits and hyphens"
            )
        }
    }

    private static func checkDescription(_ fields: PolicyJSONFields) throws(AccessPolicyError) {
        if fields.has("description") { _ = try fields.string("description") }
    }

    private static func rule(_ node: JSONNode, vocabulary: Vocabulary) throws(AccessPolicyError) -> AccessRule {
        let fields = try PolicyJSONFields(
            node, known: ["id", "description", "effect", "roles", "actions", "purposes", "conditions", "obligations"],
            context: "a rule")
        let id = try fields.string("id")
        try checkDescription(fields)
        let effectText = try fields.string("effect")
        guard let effect = AccessRule.Effect(rawValue: effectText) else {
            throw .invalidValue(
                line: fields.line("effect"), field: "effect", value: "'\(effectText)'", expected: "allow or deny")
        }
        let roleNames = try fields.strings("roles")
        if roleNames.isEmpty || (roleNames.contains("*") && roleNames.count > 1) {
            throw .invalidValue(
                line: fields.line("roles"), field: "roles",
                value: roleNames.isEmpty ? "an empty list" : "[\(roleNames.joined(separator: ", "))]",
                expected: "role names, or [\"*\"] alone for every role")
        }
        let roles: Set<Role> = roleNames == ["*"] ? [] : Set(roleNames.map { Role($0) })
        var actions = Set<AccessAction>()
        for (text, line) in try fields.stringNodes("actions") {
            guard let action = try? AccessAction(text), vocabulary.actions.contains(action) else {
                throw .invalidValue(
                    line: line, field: "actions", value: "'\(text)'",
                    expected:
                        "an action CallVault knows (\(AccessAction.standard.map(\.identifier).joined(separator: ", "))) or one listed in \"customActions\""
                )
            }
            actions.insert(action)
        }
        var purposes: Set<Purpose>?
        if fields.has("purposes") {
            var set = Set<Purpose>()
            for (text, line) in try fields.nonEmptyStringNodes(
                "purposes", leaveOut: "purpose names (leave the field out for every purpose)")
            {
                guard let purpose = try? Purpose(text), vocabulary.purposes.contains(purpose) else {
                    throw .invalidValue(
                        line: line, field: "purposes", value: "'\(text)'",
                        expected:
                            "a purpose CallVault knows (\(Purpose.standard.map(\.identifier).joined(separator: ", "))) or one listed in \"customPurposes\""
                    )
                }
                set.insert(purpose)
            }
            purposes = set
        }
        let conditions = try fields.node("conditions").map(Self.conditions) ?? []
        let obligations = try fields.node("obligations").map(Self.obligations) ?? AccessObligations()
        return try AccessRule(
            validating: id, effect: effect, roles: roles, actions: actions, purposes: purposes, conditions: conditions,
            obligations: obligations, line: node.line)
    }

    private static func conditions(_ node: JSONNode) throws(AccessPolicyError) -> [AccessCondition] {
        let fields = try PolicyJSONFields(
            node,
            known: [
                "ownRecordingsOnly", "sameTeam", "legalReference", "justification", "trainingCurrent",
                "mfaWithinMinutes", "approvals", "hoursUTC", "maximumSensitivity", "queues",
            ], context: "conditions")
        var conditions: [AccessCondition] = []
        for (key, flag) in [
            ("ownRecordingsOnly", AccessCondition.ownRecordingsOnly), ("sameTeam", .sameTeam),
            ("legalReference", .legalReference), ("justification", .justification),
        ] where fields.has(key) {
            guard try fields.bool(key) else {
                throw .invalidValue(
                    line: fields.line(key), field: key, value: "false",
                    expected: "true (leave the condition out instead)")
            }
            conditions.append(flag)
        }
        if let training = fields.node("trainingCurrent") {
            switch training.value {
            case .string(let course) where !course.trimmingSpaces().isEmpty:
                conditions.append(.trainingCurrent(course: course, minimumVersion: nil))
            case .object:
                let inner = try PolicyJSONFields(
                    training, known: ["course", "minimumVersion"], context: "trainingCurrent")
                conditions.append(
                    .trainingCurrent(
                        course: try inner.string("course"), minimumVersion: try inner.optionalCount("minimumVersion")))
            default:
                throw .invalidValue(
                    line: fields.line("trainingCurrent"), field: "trainingCurrent", value: training.summary,
                    expected: "a course name or {\"course\", \"minimumVersion\"}")
            }
        }
        if let minutes = try fields.optionalCount("mfaWithinMinutes") {
            conditions.append(.multiFactorWithin(minutes: minutes))
        }
        if let count = try fields.optionalCount("approvals") { conditions.append(.approvals(count: count)) }
        if let hoursNode = fields.node("hoursUTC") {
            guard case .array(let hours) = hoursNode.value, hours.count == 2,
                case .number(let fromNumber) = hours[0].value, case .number(let toNumber) = hours[1].value,
                case let from = fromNumber.double, case let to = toNumber.double,
                (0...23).contains(from), (0...24).contains(to), from == from.rounded(), to == to.rounded(), from != to
            else {
                throw .invalidValue(
                    line: fields.line("hoursUTC"), field: "hoursUTC", value: hoursNode.summary,
                    expected: "[from, to] in whole UTC hours, from 0 to 23 and to 0 to 24, not equal")
            }
            conditions.append(.timeWindow(fromHour: Int(from), toHour: Int(to)))
        }
        if fields.has("maximumSensitivity") {
            let text = try fields.string("maximumSensitivity")
            guard let level = RecordingAccessAttributes.Sensitivity(rawValue: text) else {
                throw .invalidValue(
                    line: fields.line("maximumSensitivity"), field: "maximumSensitivity", value: "'\(text)'",
                    expected: "normal, sensitive or restricted")
            }
            conditions.append(.maximumSensitivity(level))
        }
        if fields.has("queues") {
            let queues = try fields.nonEmptyStringNodes("queues", leaveOut: "queue names (or leave the condition out)")
            conditions.append(.queues(Set(queues.map(\.text))))
        }
        return conditions
    }

    private static func obligations(_ node: JSONNode) throws(AccessPolicyError) -> AccessObligations {
        let fields = try PolicyJSONFields(
            node, known: ["grantLifetimeSeconds", "singleUse", "watermark", "notifyCompliance"], context: "obligations")
        var obligations = AccessObligations()
        if let seconds = try fields.optionalCount("grantLifetimeSeconds") {
            guard (1...86_400).contains(seconds) else {
                throw .invalidValue(
                    line: fields.line("grantLifetimeSeconds"), field: "grantLifetimeSeconds", value: "\(seconds)",
                    expected: "1 to 86400 seconds (grants are short-lived)")
            }
            obligations.grantLifetime = .seconds(seconds)
        }
        if fields.has("singleUse") { obligations.singleUse = try fields.bool("singleUse") }
        if fields.has("watermark") { obligations.watermark = try fields.bool("watermark") }
        if fields.has("notifyCompliance") { obligations.notifyCompliance = try fields.bool("notifyCompliance") }
        return obligations
    }
}
