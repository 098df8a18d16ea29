public import CallVaultCore
public import Foundation

/// What an audit entry records: a decision, a grant used, a hold, a deletion, a key operation.
///
/// A struct rather than an enum, so a host can log actions of its own (`AuditAction("crm.sync")`)
/// and later versions can add common ones without breaking a host's `switch`.
public struct AuditAction: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier: lower-case letters, digits, dots and hyphens, such as `access.decision`.
    public let identifier: String

    /// Creates an action.
    ///
    /// - Throws: ``AuditError/invalidField(name:value:reason:)`` unless the identifier is 1 to 64
    ///   lower-case letters, digits, dots or hyphens.
    public init(_ identifier: String) throws {
        guard AuditText.isIdentifier(identifier) else {
            throw AuditError.invalidField(
                name: "action", value: identifier, reason: "use 1 to 64 lower-case letters, digits, dots or hyphens")
        }
        self.identifier = identifier
    }

    init(known identifier: String) {
        self.identifier = identifier
    }

    /// An access decision (allowed or denied).
    public static let accessDecision = AuditAction(known: "access.decision")
    /// A grant presented to a key custodian.
    public static let grantUse = AuditAction(known: "grant.use")
    /// A data key unwrapped for a grant.
    public static let keyUnwrap = AuditAction(known: "key.unwrap")
    /// Recipients changed on a recording (a rewrap).
    public static let keyRewrap = AuditAction(known: "key.rewrap")
    /// A legal hold placed.
    public static let holdPlaced = AuditAction(known: "hold.placed")
    /// A legal hold's release requested.
    public static let holdReleaseRequested = AuditAction(known: "hold.release-requested")
    /// A legal hold released.
    public static let holdReleased = AuditAction(known: "hold.released")
    /// A recording deleted at the end of its retention or on an erasure request.
    public static let recordingDeleted = AuditAction(known: "recording.deleted")
    /// A recording restricted instead of erased.
    public static let recordingRestricted = AuditAction(known: "recording.restricted")
    /// Break-glass access: emergency access outside the normal rules, always flagged.
    public static let breakGlass = AuditAction(known: "access.break-glass")

    /// The identifier.
    public var description: String { identifier }

    /// Encodes as the identifier.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }

    /// Decodes from the identifier.
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }
}

/// How the thing an entry records came out.
public enum AuditOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// A request was allowed.
    case allowed
    /// A request was denied.
    case denied
    /// An operation succeeded.
    case succeeded
    /// An operation failed.
    case failed
}

/// What a host or module submits to the audit log; the log adds the sequence number, the time and
/// the hash chain.
public struct AuditRecord: Hashable, Sendable {
    /// Who acted: a person or a service.
    public var actor: PrincipalID
    /// What they did.
    public var action: AuditAction
    /// What they acted on, such as `recording:6f1c...` or `hold:hold-1`.
    public var target: String
    /// Why, when the action has a purpose.
    public var purpose: Purpose?
    /// How it came out.
    public var outcome: AuditOutcome
    /// The reasons: which rules decided, which conditions failed, what was deleted and why.
    public var reasons: [String]
    /// The caller's stable identifier for the event, when it may be delivered more than once
    /// (the retention sweeper's events): the log records it once.
    public var eventID: String?

    /// Creates a record.
    public init(
        actor: PrincipalID, action: AuditAction, target: String, purpose: Purpose? = nil, outcome: AuditOutcome,
        reasons: [String] = [], eventID: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.target = target
        self.purpose = purpose
        self.outcome = outcome
        self.reasons = reasons
        self.eventID = eventID
    }

    /// The target string for a recording.
    public static func target(_ recording: RecordingID) -> String { "recording:\(recording)" }
}

/// One entry of the log: a record with its place in the chain.
public struct AuditEntry: Hashable, Sendable {
    /// Its position, from 1, with no gaps.
    public let sequence: UInt64
    /// When it was appended, in milliseconds since 1970 (the value the hash covers).
    public let timestamp: Int64
    /// What was recorded.
    public let record: AuditRecord
    /// BLAKE2b-256 over the previous entry's hash and this entry's canonical bytes.
    public let hash: [UInt8]

    /// Creates an entry (the chain computes ``hash``; a reader passes what it read).
    public init(sequence: UInt64, timestamp: Int64, record: AuditRecord, hash: [UInt8]) {
        self.sequence = sequence
        self.timestamp = timestamp
        self.record = record
        self.hash = hash
    }

    /// When it was appended.
    public var time: Date { Date(timeIntervalSince1970: Double(timestamp) / 1000) }
}

/// A signed statement of the chain's head: "the log held `sequence` entries ending in `head`".
/// Removing, changing or reordering anything before it breaks the signature or the chain.
public struct AuditCheckpoint: Hashable, Sendable {
    /// The sequence number of the last entry covered.
    public let sequence: UInt64
    /// That entry's hash.
    public let head: [UInt8]
    /// When the checkpoint was made, in milliseconds since 1970 (the value the signature covers).
    public let timestamp: Int64
    /// The Ed25519 signature over the log id, sequence, head and time.
    public let signature: [UInt8]

    /// Creates a checkpoint (the log signs it; a reader passes what it read).
    public init(sequence: UInt64, head: [UInt8], timestamp: Int64, signature: [UInt8]) {
        self.sequence = sequence
        self.head = head
        self.timestamp = timestamp
        self.signature = signature
    }

    /// When the checkpoint was made.
    public var time: Date { Date(timeIntervalSince1970: Double(timestamp) / 1000) }
}
