public import CallVaultCore
public import Foundation

/// A host's retention policies under one version label. Every schedule records the version, so a
/// later change of policy can be told apart from the schedule it replaced.
///
/// The JSON form:
///
/// ```json
/// {
///   "version": "acme-2026-11",
///   "policies": [
///     { "id": "acme-sales", "name": "Sales calls", "match": { "queues": ["sales"] }, "maximum": "P2Y" },
///     { "id": "acme-fca-request", "name": "FCA request of 2026-10", "match": { "tags": ["fca-request"] },
///       "minimum": "P7Y", "legalObligation": true }
///   ]
/// }
/// ```
public struct RetentionPolicySet: Hashable, Sendable, Codable {
    /// The host's label for this set of policies.
    public let version: String
    /// The policies, in the order given.
    public let policies: [RetentionPolicy]

    /// No policies: schedules follow the catalog alone.
    public static let none = RetentionPolicySet(validVersion: "none", policies: [])

    private init(validVersion: String, policies: [RetentionPolicy]) {
        self.version = validVersion
        self.policies = policies
    }

    /// Creates a set of policies.
    ///
    /// - Throws: ``RetentionPolicyError`` for an empty version or two policies with one id.
    public init(version: String, policies: [RetentionPolicy]) throws {
        guard !version.trimmingSpaces().isEmpty else { throw RetentionPolicyError.missingVersion }
        var seen = Set<RetentionRuleID>()
        for (index, policy) in policies.enumerated() where !seen.insert(policy.id).inserted {
            throw RetentionPolicyError.duplicatePolicy(index: index, id: policy.id.rawValue)
        }
        self.init(validVersion: version, policies: policies)
    }

    /// Reads the JSON form.
    ///
    /// - Throws: ``RetentionPolicyError``, naming the policy (by position and id) and the field at
    ///   fault.
    public init(json: Data) throws {
        let file: PolicyFile
        do {
            file = try JSONDecoder().decode(PolicyFile.self, from: json)
        } catch let error as DecodingError {
            throw RetentionPolicyError(.malformedFile(reason: Self.explain(error)), underlying: error)
        } catch {
            throw RetentionPolicyError(.malformedFile(reason: "\(error)"), underlying: error)
        }
        var policies: [RetentionPolicy] = []
        for (index, entry) in file.policies.enumerated() {
            switch entry.result {
            case .success(let policy):
                policies.append(policy)
            case .failure(let error as RetentionPolicyError):
                if case .invalidPolicy(_, let id, let reason) = error.reason {
                    throw RetentionPolicyError.invalidPolicy(index: index, id: id, reason: reason)
                }
                throw error
            case .failure(let error as DecodingError):
                throw RetentionPolicyError(
                    .invalidPolicy(index: index, id: entry.id, reason: Self.explain(error)), underlying: error)
            case .failure(let error):
                throw RetentionPolicyError(
                    .invalidPolicy(index: index, id: entry.id, reason: "\(error)"), underlying: error)
            }
        }
        try self.init(version: file.version, policies: policies)
    }

    /// The JSON form, keys sorted.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func explain(_ error: DecodingError) -> String {
        // Errors inside a policy are reported with the policy named, so its path starts after
        // the policy's position in the list.
        func path(_ codingPath: [any CodingKey]) -> String {
            var keys = codingPath
            var whole = "the top level"
            if let index = keys.firstIndex(where: { $0.intValue != nil }) {
                keys = Array(keys[(index + 1)...])
                whole = "the policy"
            }
            let names = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return names.isEmpty ? whole : "'\(names.joined(separator: "."))'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null but should be \(Self.typeName(type))"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return "\(path(context.codingPath)): \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "a \(type)"
        }
    }
}

/// The JSON file: a version and policies decoded one by one, so an error names its policy.
private struct PolicyFile: Decodable {
    let version: String
    let policies: [Entry]

    struct Entry: Decodable {
        let id: String?
        let result: Result<RetentionPolicy, any Error>

        private struct IDOnly: Decodable { let id: String? }

        init(from decoder: any Decoder) throws {
            id = try? IDOnly(from: decoder).id
            do {
                result = .success(try RetentionPolicy(from: decoder))
            } catch {
                result = .failure(error)
            }
        }
    }
}

/// Errors reading retention policies. Each names the policy and the field at fault.
public struct RetentionPolicyError: CallVaultError, Equatable, CallVaultReasonedError {
    /// The stable codes of ``RetentionPolicyError``.
    public struct Code: CallVaultErrorCode {
        /// The error type these codes belong to.
        public typealias Owner = RetentionPolicyError
        /// The code's stable text.
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }

        /// The file is not JSON of the expected shape.
        public static let malformedFile = Code("retentionpolicy.malformed-file")
        /// The set has no version label.
        public static let missingVersion = Code("retentionpolicy.missing-version")
        /// A policy is invalid; `index` is its position in the file (from 0) when read from one.
        public static let invalidPolicy = Code("retentionpolicy.invalid-policy")
        /// Two policies share an id.
        public static let duplicatePolicy = Code("retentionpolicy.duplicate-policy")

        /// Every code of this type.
        public static let all: [Code] = [
            malformedFile, missingVersion, invalidPolicy, duplicatePolicy,
        ]
    }

    /// What happened, with its details; the package's own code switches over it.
    package enum Reason: Equatable, Sendable {
        /// The file is not JSON of the expected shape.
        case malformedFile(reason: String)
        /// The set has no version label.
        case missingVersion
        /// A policy is invalid; `index` is its position in the file (from 0) when read from one.
        case invalidPolicy(index: Int?, id: String?, reason: String)
        /// Two policies share an id.
        case duplicatePolicy(index: Int, id: String)
    }

    /// What happened, with its details.
    package let reason: Reason
    /// The error that caused this one, if any.
    public let underlying: (any Error)?

    /// Creates an error from its reason and cause.
    package init(_ reason: Reason, underlying: (any Error)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    /// What kind of failure this is.
    public var code: Code {
        switch reason {
        case .malformedFile: .malformedFile
        case .missingVersion: .missingVersion
        case .invalidPolicy: .invalidPolicy
        case .duplicatePolicy: .duplicatePolicy
        }
    }

    /// A sentence naming the policy and what to fix.
    public var message: String {
        switch reason {
        case .malformedFile(let reason):
            "The retention policy file cannot be read: \(Self.sentence(reason)). It must be a JSON object with a \"version\" string and a \"policies\" list."
        case .missingVersion:
            "The retention policy set has no version label; give one (for example the date it was approved) so schedules can record which policies they follow."
        case .invalidPolicy(let index, let id, let reason):
            "Retention policy \(Self.name(index: index, id: id)) is invalid: \(Self.sentence(reason))."
        case .duplicatePolicy(let index, let id):
            "Retention policy \(Self.name(index: index, id: id)) repeats an id an earlier policy has; give each policy its own id."
        }
    }

    /// The reason without a closing full stop, for embedding in a sentence that adds its own.
    private static func sentence(_ reason: String) -> String {
        var text = reason.trimmingSpaces()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func name(index: Int?, id: String?) -> String {
        switch (index, id) {
        case (let index?, let id?): "number \(index + 1) ('\(id)')"
        case (let index?, nil): "number \(index + 1)"
        case (nil, let id?): "'\(id)'"
        case (nil, nil): "(unnamed)"
        }
    }

    /// The file is not JSON of the expected shape.
    public static func malformedFile(reason: String) -> RetentionPolicyError {
        RetentionPolicyError(.malformedFile(reason: reason))
    }
    /// The code for ``malformedFile(reason:)``, for `catch RetentionPolicyError.malformedFile`.
    public static let malformedFile = Code.malformedFile

    /// The set has no version label.
    public static var missingVersion: RetentionPolicyError { RetentionPolicyError(.missingVersion) }

    /// A policy is invalid; `index` is its position in the file (from 0) when read from one.
    public static func invalidPolicy(index: Int?, id: String?, reason: String) -> RetentionPolicyError {
        RetentionPolicyError(.invalidPolicy(index: index, id: id, reason: reason))
    }
    /// The code for ``invalidPolicy(index:id:reason:)``, for `catch RetentionPolicyError.invalidPolicy`.
    public static let invalidPolicy = Code.invalidPolicy

    /// Two policies share an id.
    public static func duplicatePolicy(index: Int, id: String) -> RetentionPolicyError {
        RetentionPolicyError(.duplicatePolicy(index: index, id: id))
    }
    /// The code for ``duplicatePolicy(index:id:)``, for `catch RetentionPolicyError.duplicatePolicy`.
    public static let duplicatePolicy = Code.duplicatePolicy
}
