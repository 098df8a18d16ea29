import CallVaultCore

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
    ///
    /// - Throws: ``AccessPolicyError`` naming the line and field at fault; unknown fields are
    ///   refused.
    public init(json text: String) throws(AccessPolicyError) {
        let root = try PolicyJSON.parse(text)
        let top = try Fields(root, known: ["version", "rules"], context: "the policy")
        guard case .string(let version) = try top.required("version").value else {
            throw .invalidValue(line: root.line, field: "version", value: "not a string", expected: "a string")
        }
        guard case .array(let ruleNodes) = try top.required("rules").value else {
            throw .invalidValue(line: root.line, field: "rules", value: "not a list", expected: "a list of rules")
        }
        try self.init(version: version, rules: try ruleNodes.map(Self.rule))
    }

    private static func rule(_ node: PolicyJSON.Node) throws(AccessPolicyError) -> AccessRule {
        let fields = try Fields(
            node, known: ["id", "effect", "roles", "actions", "purposes", "conditions", "obligations", "description"],
            context: "a rule")
        let id = try fields.string("id")
        let effectText = try fields.string("effect")
        guard let effect = AccessRule.Effect(rawValue: effectText) else {
            throw .invalidValue(
                line: fields.line("effect"), field: "effect", value: effectText, expected: "allow or deny")
        }
        let roleNames = try fields.strings("roles")
        let roles: Set<Role> = roleNames == ["*"] ? [] : Set(roleNames.map { Role($0) })
        if roleNames.isEmpty || (roleNames.contains("*") && roleNames.count > 1) {
            throw .invalidValue(
                line: fields.line("roles"), field: "roles", value: roleNames.joined(separator: ", "),
                expected: "role names, or [\"*\"] alone for every role")
        }
        var actions = Set<AccessAction>()
        for text in try fields.strings("actions") {
            guard let action = try? AccessAction(text) else {
                throw .invalidValue(
                    line: fields.line("actions"), field: "actions", value: text,
                    expected: "an action such as \(AccessAction.standard.map(\.identifier).joined(separator: ", "))")
            }
            actions.insert(action)
        }
        var purposes: Set<Purpose>?
        if fields.has("purposes") {
            var set = Set<Purpose>()
            for text in try fields.strings("purposes") {
                guard let purpose = try? Purpose(text) else {
                    throw .invalidValue(
                        line: fields.line("purposes"), field: "purposes", value: text,
                        expected: "a purpose such as quality")
                }
                set.insert(purpose)
            }
            purposes = set
        }
        let conditions = try fields.node("conditions").map(Self.conditions) ?? []
        let obligations = try fields.node("obligations").map(Self.obligations) ?? AccessObligations()
        return try AccessRule(
            id: id, effect: effect, roles: roles, actions: actions, purposes: purposes, conditions: conditions,
            obligations: obligations, line: node.line)
    }

    private static func conditions(_ node: PolicyJSON.Node) throws(AccessPolicyError) -> [AccessCondition] {
        let fields = try Fields(
            node,
            known: [
                "ownRecordingsOnly", "sameTeam", "legalReference", "justification", "trainingCurrent",
                "mfaWithinMinutes",
                "approvals", "hoursUTC", "maximumSensitivity", "queues",
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
            case .string(let course):
                conditions.append(.trainingCurrent(course: course, minimumVersion: nil))
            case .object:
                let inner = try Fields(training, known: ["course", "minimumVersion"], context: "trainingCurrent")
                conditions.append(
                    .trainingCurrent(
                        course: try inner.string("course"), minimumVersion: try inner.optionalCount("minimumVersion")))
            default:
                throw .invalidValue(
                    line: training.line, field: "trainingCurrent", value: "that",
                    expected: "a course name or {\"course\", \"minimumVersion\"}")
            }
        }
        if let minutes = try fields.optionalCount("mfaWithinMinutes") {
            conditions.append(.multiFactorWithin(minutes: minutes))
        }
        if let count = try fields.optionalCount("approvals") { conditions.append(.approvals(count: count)) }
        if fields.has("hoursUTC") {
            guard case .array(let hours) = try fields.required("hoursUTC").value, hours.count == 2,
                case .number(let from) = hours[0].value, case .number(let to) = hours[1].value,
                (0...23).contains(from), (0...24).contains(to), from == from.rounded(), to == to.rounded()
            else {
                throw .invalidValue(
                    line: fields.line("hoursUTC"), field: "hoursUTC", value: "that",
                    expected: "[from, to] in whole UTC hours, 0 to 24")
            }
            conditions.append(.timeWindow(fromHour: Int(from), toHour: Int(to)))
        }
        if fields.has("maximumSensitivity") {
            let text = try fields.string("maximumSensitivity")
            guard let level = RecordingAccessAttributes.Sensitivity(rawValue: text) else {
                throw .invalidValue(
                    line: fields.line("maximumSensitivity"), field: "maximumSensitivity", value: text,
                    expected: "normal, sensitive or restricted")
            }
            conditions.append(.maximumSensitivity(level))
        }
        if fields.has("queues") { conditions.append(.queues(Set(try fields.strings("queues")))) }
        return conditions
    }

    private static func obligations(_ node: PolicyJSON.Node) throws(AccessPolicyError) -> AccessObligations {
        let fields = try Fields(
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

/// The fields of one JSON object, refusing unknown ones.
private struct Fields {
    let members: [(key: String, value: PolicyJSON.Node, line: Int)]
    let objectLine: Int

    init(_ node: PolicyJSON.Node, known: [String], context: String) throws(AccessPolicyError) {
        guard case .object(let members) = node.value else {
            throw .invalidValue(line: node.line, field: context, value: "not an object", expected: "a JSON object")
        }
        for member in members where !known.contains(member.key) {
            throw .unknownField(line: member.line, field: member.key, known: known)
        }
        self.members = members
        self.objectLine = node.line
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    func node(_ key: String) -> PolicyJSON.Node? { members.first { $0.key == key }?.value }

    func line(_ key: String) -> Int { members.first { $0.key == key }?.line ?? objectLine }

    func required(_ key: String) throws(AccessPolicyError) -> PolicyJSON.Node {
        guard let node = node(key) else { throw .missingField(line: objectLine, field: key) }
        return node
    }

    func string(_ key: String) throws(AccessPolicyError) -> String {
        guard case .string(let text) = try required(key).value, !text.isEmpty else {
            throw .invalidValue(line: line(key), field: key, value: "that", expected: "a non-empty string")
        }
        return text
    }

    func strings(_ key: String) throws(AccessPolicyError) -> [String] {
        guard case .array(let nodes) = try required(key).value else {
            throw .invalidValue(line: line(key), field: key, value: "not a list", expected: "a list of strings")
        }
        var result: [String] = []
        for node in nodes {
            guard case .string(let text) = node.value, !text.isEmpty else {
                throw .invalidValue(line: node.line, field: key, value: "that", expected: "a list of non-empty strings")
            }
            result.append(text)
        }
        return result
    }

    func bool(_ key: String) throws(AccessPolicyError) -> Bool {
        guard case .bool(let flag) = try required(key).value else {
            throw .invalidValue(line: line(key), field: key, value: "that", expected: "true or false")
        }
        return flag
    }

    func optionalCount(_ key: String) throws(AccessPolicyError) -> Int? {
        guard let node = node(key) else { return nil }
        guard case .number(let value) = node.value, value >= 0, value == value.rounded(), value <= 1_000_000 else {
            throw .invalidValue(line: line(key), field: key, value: "that", expected: "a whole number from 0")
        }
        return Int(value)
    }
}
