public import CallVaultCore
public import Foundation

/// Receives the retention engine's audit events: holds placed and released, recordings deleted or
/// restricted, erasure requests handled. The tamper-evident audit log implements it.
///
/// Delivery is at least once: after an interrupted sweep an event may arrive again with the same
/// ``RetentionAuditEvent/id``, which a sink uses to drop the repeat.
public protocol RetentionAuditSink: Sendable {
    /// Records one event.
    func record(_ event: RetentionAuditEvent) async throws

    /// Records several events, in order; a sink that can write them at once should (the sweeper
    /// reports a slice of deletions together). By default, one at a time.
    func record(_ events: [RetentionAuditEvent]) async throws
}

extension RetentionAuditSink {
    /// Records each event in turn.
    public func record(_ events: [RetentionAuditEvent]) async throws {
        for event in events {
            try await record(event)
        }
    }
}

/// One thing the retention engine did.
public struct RetentionAuditEvent: Hashable, Sendable, Codable {
    /// A stable identifier: the same action on the same subject always has the same id.
    public let id: String
    /// What happened.
    public let action: Action
    /// When.
    public let at: Date
    /// Who did it (a sweeper's identity, or the officer acting on a hold).
    public let actor: PrincipalID
    /// The recording concerned, if one.
    public let recordingID: RecordingID?
    /// The hold concerned, if one.
    public let holdID: LegalHoldID?
    /// A sentence with the particulars (rule, matter, reason).
    public let detail: String

    /// What happened.
    public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
        /// A legal hold was placed.
        case holdPlaced = "hold-placed"
        /// Its release was requested.
        case holdReleaseRequested = "hold-release-requested"
        /// The request was withdrawn.
        case holdReleaseWithdrawn = "hold-release-withdrawn"
        /// A second officer approved the release.
        case holdReleased = "hold-released"
        /// A recording was deleted and certified.
        case recordingDeleted = "recording-deleted"
        /// An erasure request was received.
        case erasureRequested = "erasure-requested"
        /// A recording was restricted instead of erased.
        case recordingRestricted = "recording-restricted"
    }

    /// Creates an event.
    public init(
        id: String, action: Action, at: Date, actor: PrincipalID, recordingID: RecordingID? = nil,
        holdID: LegalHoldID? = nil, detail: String
    ) {
        self.id = id
        self.action = action
        self.at = at
        self.actor = actor
        self.recordingID = recordingID
        self.holdID = holdID
        self.detail = detail
    }
}
