import CallVaultCore

/// A host's own retention rule: keep the recordings it matches at least ``minimum``, at most
/// ``maximum``, or both ("sales calls: two years"; "the FCA asked us for seven years").
///
/// A policy is a business rule unless ``isLegalObligation`` says it carries out a legal duty the
/// catalog does not list (an authority's request to keep MiFID recordings seven years). Only legal
/// obligations can keep a recording past a legal maximum; business minimums yield to every maximum.
public struct RetentionPolicy: Hashable, Sendable, Codable, Identifiable {
    /// The policy's id; it shares a namespace with catalog regimes.
    public let id: RetentionRuleID
    /// A name people read in schedules and reports.
    public let name: String
    /// Which recordings the policy applies to.
    public let match: RetentionQuery
    /// Keep matched recordings at least this long after the call ends.
    public let minimum: RetentionPeriod?
    /// Keep them at most this long after the call starts.
    public let maximum: RetentionPeriod?
    /// Whether matched recordings must be stored write-once until the minimum has passed.
    public let writeOnce: Bool
    /// Whether the minimum carries out a legal obligation (so it overrides legal maximums, with the
    /// recording restricted to that purpose).
    public let isLegalObligation: Bool

    /// Creates a policy.
    ///
    /// - Throws: ``RetentionPolicyError/invalidPolicy(index:id:reason:)`` when the name is empty,
    ///   there is neither a minimum nor a maximum, or the minimum is longer than the maximum.
    public init(
        id: RetentionRuleID, name: String, match: RetentionQuery = RetentionQuery(), minimum: RetentionPeriod? = nil,
        maximum: RetentionPeriod? = nil, writeOnce: Bool = false, isLegalObligation: Bool = false
    ) throws {
        self.id = id
        self.name = name
        self.match = match
        self.minimum = minimum
        self.maximum = maximum
        self.writeOnce = writeOnce
        self.isLegalObligation = isLegalObligation
        if let problem = problem {
            throw RetentionPolicyError.invalidPolicy(index: nil, id: id.rawValue, reason: problem)
        }
    }

    private var problem: String? {
        if name.trimmingSpaces().isEmpty { return "it has no name" }
        if minimum == nil && maximum == nil { return "it sets neither a minimum nor a maximum" }
        if let minimum, let maximum, RetentionRegime.isLonger(minimum, than: maximum) {
            return "its minimum (\(minimum)) is longer than its maximum (\(maximum))"
        }
        if writeOnce && minimum == nil { return "it asks for write-once storage but sets no minimum to lock for" }
        if isLegalObligation && minimum == nil { return "it is marked a legal obligation but sets no minimum" }
        return nil
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, match, minimum, maximum, writeOnce, legalObligation
    }

    /// Decodes a policy, refusing unknown keys and the problems ``init(id:name:match:minimum:maximum:writeOnce:isLegalObligation:)`` refuses.
    public init(from decoder: any Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            .filter { CodingKeys(rawValue: $0) == nil }
        if let key = unknown.first {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "unknown key '\(key)'; a policy has \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try container.decode(RetentionRuleID.self, forKey: .id),
            name: try container.decode(String.self, forKey: .name),
            match: try container.decodeIfPresent(RetentionQuery.self, forKey: .match) ?? RetentionQuery(),
            minimum: try container.decodeIfPresent(RetentionPeriod.self, forKey: .minimum),
            maximum: try container.decodeIfPresent(RetentionPeriod.self, forKey: .maximum),
            writeOnce: try container.decodeIfPresent(Bool.self, forKey: .writeOnce) ?? false,
            isLegalObligation: try container.decodeIfPresent(Bool.self, forKey: .legalObligation) ?? false)
    }

    /// Encodes the policy in the form ``init(from:)`` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        if !match.isEmpty { try container.encode(match, forKey: .match) }
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        if writeOnce { try container.encode(true, forKey: .writeOnce) }
        if isLegalObligation { try container.encode(true, forKey: .legalObligation) }
    }
}
