public import CallVaultCore
public import Foundation

/// A condition over a recording's attributes: the match of a retention policy, or the scope of a
/// legal hold ("every recording of queue `trading-desk` between March and May").
///
/// Every condition given must hold; a set condition holds when the recording has any of its values.
/// A query with no conditions matches every recording. In JSON, unknown keys are refused, so a
/// misspelt condition never silently widens a policy or a hold.
public struct RetentionQuery: Hashable, Sendable, Codable {
    /// Queues, any of which matches.
    public var queues: Set<String>?
    /// Lines of business, any of which matches.
    public var linesOfBusiness: Set<String>?
    /// Purposes, any of which the recording must have.
    public var purposes: Set<Purpose>?
    /// Tags, any of which the recording must have.
    public var tags: Set<String>?
    /// Jurisdictions: matches a recording made under any of them (or a place that falls under one).
    public var jurisdictions: Set<Jurisdiction>?
    /// Declared regimes, any of which the recording must have.
    public var regimes: Set<RetentionRuleID>?
    /// Customers, any of which matches.
    public var customerIDs: Set<String>?
    /// Agents, any of which matches.
    public var agentIDs: Set<String>?
    /// Matches recordings that started at or after this time.
    public var startedAtOrAfter: Date?
    /// Matches recordings that started before this time.
    public var startedBefore: Date?

    /// Creates a query from the conditions given.
    public init(
        queues: Set<String>? = nil, linesOfBusiness: Set<String>? = nil, purposes: Set<Purpose>? = nil,
        tags: Set<String>? = nil, jurisdictions: Set<Jurisdiction>? = nil, regimes: Set<RetentionRuleID>? = nil,
        customerIDs: Set<String>? = nil, agentIDs: Set<String>? = nil, startedAtOrAfter: Date? = nil,
        startedBefore: Date? = nil
    ) {
        self.queues = queues
        self.linesOfBusiness = linesOfBusiness
        self.purposes = purposes
        self.tags = tags
        self.jurisdictions = jurisdictions
        self.regimes = regimes
        self.customerIDs = customerIDs
        self.agentIDs = agentIDs
        self.startedAtOrAfter = startedAtOrAfter
        self.startedBefore = startedBefore
    }

    /// Whether the recording meets every condition.
    public func matches(_ recording: RecordingRetentionAttributes) -> Bool {
        if let queues, !(recording.queue.map(queues.contains) ?? false) { return false }
        if let linesOfBusiness, !(recording.lineOfBusiness.map(linesOfBusiness.contains) ?? false) { return false }
        if let purposes, purposes.isDisjoint(with: recording.purposes) { return false }
        if let tags, tags.isDisjoint(with: recording.tags) { return false }
        if let jurisdictions,
            !recording.jurisdictions.contains(where: { place in jurisdictions.contains { place.falls(under: $0) } })
        {
            return false
        }
        if let regimes, !recording.declaredRegimes.contains(where: regimes.contains) { return false }
        if let customerIDs, !(recording.customerID.map(customerIDs.contains) ?? false) { return false }
        if let agentIDs, !(recording.agentID.map(agentIDs.contains) ?? false) { return false }
        if let startedAtOrAfter, recording.startedAt < startedAtOrAfter { return false }
        if let startedBefore, recording.startedAt >= startedBefore { return false }
        return true
    }

    /// Whether the query has no conditions (and so matches every recording).
    public var isEmpty: Bool { self == RetentionQuery() }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case queues, linesOfBusiness, purposes, tags, jurisdictions, regimes, customerIDs, agentIDs
        case startedAtOrAfter, startedBefore
    }

    /// Decodes the conditions, refusing keys it does not know.
    public init(from decoder: any Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            .filter { CodingKeys(rawValue: $0) == nil }
        if let key = unknown.first {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "unknown condition '\(key)'; the conditions are \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        queues = try container.decodeIfPresent(Set<String>.self, forKey: .queues)
        linesOfBusiness = try container.decodeIfPresent(Set<String>.self, forKey: .linesOfBusiness)
        purposes = try container.decodeIfPresent(Set<Purpose>.self, forKey: .purposes)
        tags = try container.decodeIfPresent(Set<String>.self, forKey: .tags)
        jurisdictions = try container.decodeIfPresent(Set<Jurisdiction>.self, forKey: .jurisdictions)
        regimes = try container.decodeIfPresent(Set<RetentionRuleID>.self, forKey: .regimes)
        customerIDs = try container.decodeIfPresent(Set<String>.self, forKey: .customerIDs)
        agentIDs = try container.decodeIfPresent(Set<String>.self, forKey: .agentIDs)
        startedAtOrAfter = try container.decodeIfPresent(Date.self, forKey: .startedAtOrAfter)
        startedBefore = try container.decodeIfPresent(Date.self, forKey: .startedBefore)
    }

    /// Encodes the conditions given, each set in sorted order so the same query always encodes to
    /// the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(queues?.sorted(), forKey: .queues)
        try container.encodeIfPresent(linesOfBusiness?.sorted(), forKey: .linesOfBusiness)
        try container.encodeIfPresent(purposes?.map(\.identifier).sorted(), forKey: .purposes)
        try container.encodeIfPresent(tags?.sorted(), forKey: .tags)
        try container.encodeIfPresent(jurisdictions?.map(\.code).sorted(), forKey: .jurisdictions)
        try container.encodeIfPresent(regimes?.sorted(), forKey: .regimes)
        try container.encodeIfPresent(customerIDs?.sorted(), forKey: .customerIDs)
        try container.encodeIfPresent(agentIDs?.sorted(), forKey: .agentIDs)
        try container.encodeIfPresent(startedAtOrAfter, forKey: .startedAtOrAfter)
        try container.encodeIfPresent(startedBefore, forKey: .startedBefore)
    }
}

/// A coding key for any string, to list the keys a JSON object has.
struct AnyKey: CodingKey {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
