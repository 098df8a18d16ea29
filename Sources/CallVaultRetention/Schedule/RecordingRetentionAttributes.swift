public import CallVaultCore
public import Foundation

/// What the retention engine knows about a recording: where and when it was made, which rules the
/// host declares for it, why it is kept, and who was on it (for legal holds and erasure requests).
///
/// ```swift
/// let attributes = RecordingRetentionAttributes(
///     recordingID: id, startedAt: start, endedAt: end,
///     jurisdictions: [try Jurisdiction(parsing: "FR")],
///     declaredRegimes: ["eu-mifid2-16-7"], purposes: [.legalOrRegulatory, .quality],
///     customerID: "C-1042")
/// ```
public struct RecordingRetentionAttributes: Hashable, Sendable, Codable {
    /// The recording.
    public var recordingID: RecordingID
    /// When the call (and the recording) started.
    public var startedAt: Date
    /// When it ended.
    public var endedAt: Date
    /// Where the parties were: the rules of every place apply.
    public var jurisdictions: [Jurisdiction]
    /// Catalog regimes the host declares for this recording, because they turn on its regulated
    /// activity (an investment firm's order line declares `eu-mifid2-16-7`).
    public var declaredRegimes: [RetentionRuleID]
    /// Why the recording is kept.
    public var purposes: Set<Purpose>
    /// The host's labels, which policies and hold queries can match.
    public var tags: Set<String>
    /// The queue the call came through.
    public var queue: String?
    /// The line of business, such as `retail-banking`.
    public var lineOfBusiness: String?
    /// The host's identifier for the customer (the data subject of erasure requests).
    public var customerID: String?
    /// The host's identifier for the agent.
    public var agentID: String?
    /// Parts of the recording flagged as containing card security codes, which PCI DSS forbids keeping.
    public var cardDataRanges: [CardDataRange]
    /// The envelope's 32-byte key commitment, which a deletion certificate cites so the deleted
    /// recording can be identified without its keys.
    public var keyCommitment: [UInt8]?

    /// Creates the attributes of one recording.
    public init(
        recordingID: RecordingID, startedAt: Date, endedAt: Date, jurisdictions: [Jurisdiction],
        declaredRegimes: [RetentionRuleID] = [], purposes: Set<Purpose> = [], tags: Set<String> = [],
        queue: String? = nil, lineOfBusiness: String? = nil, customerID: String? = nil, agentID: String? = nil,
        cardDataRanges: [CardDataRange] = [], keyCommitment: [UInt8]? = nil
    ) {
        self.recordingID = recordingID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.jurisdictions = jurisdictions
        self.declaredRegimes = declaredRegimes
        self.purposes = purposes
        self.tags = tags
        self.queue = queue
        self.lineOfBusiness = lineOfBusiness
        self.customerID = customerID
        self.agentID = agentID
        self.cardDataRanges = cardDataRanges
        self.keyCommitment = keyCommitment
    }
}

/// A stretch of a recording that holds card data (for example a spoken security code), as offsets
/// from the start of the recording.
public struct CardDataRange: Hashable, Sendable, Codable {
    /// Where the stretch starts.
    public let start: Duration
    /// Where it ends.
    public let end: Duration

    /// Creates a range; `end` before `start` is swapped, so the range always covers both points.
    public init(start: Duration, end: Duration) {
        self.start = min(start, end)
        self.end = max(start, end)
    }
}
