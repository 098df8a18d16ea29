import CallVaultCore
import CallVaultSupport
import Foundation

/// The fields of one JSON object read by `PolicyJSON`, refusing unknown ones, with typed
/// accessors whose errors name the line and the field.
struct PolicyJSONFields {
    let members: [JSONNode.Member]
    let objectLine: Int

    /// Reads `node` as an object whose fields are among `known`; `context` names it in errors.
    init(_ node: JSONNode, known: [String], context: String) throws(AccessPolicyError) {
        guard case .object(let members) = node.value else {
            throw .invalidValue(line: node.line, field: context, value: node.summary, expected: "a JSON object")
        }
        for member in members where !known.contains(member.key) {
            throw .unknownField(line: member.line, field: member.key, known: known)
        }
        self.members = members
        self.objectLine = node.line
    }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// The value, or `nil` when the field is absent (`null` is a value, which the typed accessors
    /// refuse, so `"purposes": null` is an error rather than "every purpose").
    func node(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }

    /// Whether an optional field has a value: present and not `null`.
    func isGiven(_ key: String) -> Bool {
        guard let node = node(key) else { return false }
        if case .null = node.value { return false }
        return true
    }

    /// The line of the field's name (the object's line when it is absent).
    func line(_ key: String) -> Int { members.first { $0.key == key }?.line ?? objectLine }

    func required(_ key: String) throws(AccessPolicyError) -> JSONNode {
        guard let node = node(key) else { throw .missingField(line: line(key), field: key) }
        return node
    }

    func string(_ key: String) throws(AccessPolicyError) -> String {
        let node = try required(key)
        guard case .string(let text) = node.value, !text.trimmingSpaces().isEmpty else {
            throw .invalidValue(line: line(key), field: key, value: node.summary, expected: "a non-empty string")
        }
        return text
    }

    func optionalString(_ key: String) throws(AccessPolicyError) -> String? {
        isGiven(key) ? try string(key) : nil
    }

    /// A principal id, validated as new input (``PrincipalID/init(_:)``): the error names the
    /// line, the field and what is wrong with the id.
    func principalID(_ key: String) throws(AccessPolicyError) -> PrincipalID {
        let node = try required(key)
        guard case .string(let text) = node.value else {
            throw .invalidValue(line: line(key), field: key, value: node.summary, expected: "a principal id in quotes")
        }
        do {
            return try PrincipalID(text)
        } catch {
            let message = "\(error)"
            let reason = message.hasSuffix(".") ? String(message.dropLast()) : message
            throw AccessPolicyError(
                .invalidValue(
                    line: line(key), field: key, value: "'\(PrincipalID(recorded: text).escaped.prefix(80))'",
                    expected: "a valid principal id. \(reason)"),
                underlying: error)
        }
    }

    func optionalPrincipalID(_ key: String) throws(AccessPolicyError) -> PrincipalID? {
        isGiven(key) ? try principalID(key) : nil
    }

    /// A list of non-empty strings, each with its line.
    func stringNodes(_ key: String) throws(AccessPolicyError) -> [(text: String, line: Int)] {
        let list = try required(key)
        guard case .array(let nodes) = list.value else {
            throw .invalidValue(line: line(key), field: key, value: list.summary, expected: "a list of strings")
        }
        var result: [(text: String, line: Int)] = []
        for node in nodes {
            guard case .string(let text) = node.value, !text.trimmingSpaces().isEmpty else {
                throw .invalidValue(
                    line: node.line, field: key, value: node.summary, expected: "a list of non-empty strings")
            }
            result.append((text, node.line))
        }
        return result
    }

    func strings(_ key: String) throws(AccessPolicyError) -> [String] {
        try stringNodes(key).map(\.text)
    }

    /// A list that must name at least one thing: an empty list here would silently match nothing.
    func nonEmptyStringNodes(_ key: String, leaveOut: String) throws(AccessPolicyError) -> [(text: String, line: Int)] {
        let nodes = try stringNodes(key)
        guard !nodes.isEmpty else {
            throw .invalidValue(line: line(key), field: key, value: "an empty list", expected: leaveOut)
        }
        return nodes
    }

    /// A list of objects.
    func objects(_ key: String) throws(AccessPolicyError) -> [JSONNode] {
        let list = try required(key)
        guard case .array(let nodes) = list.value else {
            throw .invalidValue(line: line(key), field: key, value: list.summary, expected: "a list of objects")
        }
        return nodes
    }

    func bool(_ key: String) throws(AccessPolicyError) -> Bool {
        let node = try required(key)
        guard case .bool(let flag) = node.value else {
            throw .invalidValue(line: line(key), field: key, value: node.summary, expected: "true or false")
        }
        return flag
    }

    func optionalCount(_ key: String) throws(AccessPolicyError) -> Int? {
        guard let node = node(key) else { return nil }
        guard case .number(let number) = node.value, case let value = number.double, value >= 0,
            value == value.rounded(), value <= 1_000_000
        else {
            throw .invalidValue(
                line: line(key), field: key, value: node.summary, expected: "a whole number from 0 to 1000000")
        }
        return Int(value)
    }

    func count(_ key: String) throws(AccessPolicyError) -> Int {
        guard let count = try optionalCount(key) else { throw .missingField(line: line(key), field: key) }
        return count
    }

    /// An instant in ISO 8601 with a zone (`2026-03-02T09:55:00Z`).
    func date(_ key: String) throws(AccessPolicyError) -> Date {
        let node = try required(key)
        guard case .string(let text) = node.value, let date = CivilTime.parseISO8601(text) else {
            throw .invalidValue(
                line: line(key), field: key, value: node.summary,
                expected: "an ISO 8601 date and time with a zone, such as 2026-03-02T09:55:00Z")
        }
        return date
    }

    func optionalDate(_ key: String) throws(AccessPolicyError) -> Date? {
        isGiven(key) ? try date(key) : nil
    }
}
