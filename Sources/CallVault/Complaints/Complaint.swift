public import CallVaultCore
public import CallVaultRetention
public import Foundation

/// A complaint's identifier.
public struct ComplaintID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The text form, `cmp-` and 12 hexadecimal digits.
    public let rawValue: String

    /// Wraps an identifier.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A new random identifier.
    public static func random() -> ComplaintID {
        ComplaintID("cmp-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
    }

    /// The identifier.
    public var description: String { rawValue }
}

/// A customer's complaint about a recorded call: a case with states, due dates, an outcome, and a
/// legal hold on the linked recordings while it is open.
///
/// A value-type state machine: each step checks the transition and returns what the desk must do
/// (``ComplaintEffect``), so the rules are testable without stores.
public struct Complaint: Hashable, Sendable, Codable {
    /// Where a complaint stands.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        /// Logged, not yet picked up.
        case received
        /// A handler is looking into it.
        case investigating
        /// Closed with an outcome for the customer.
        case resolved
        /// Closed as unfounded, with the reason given to the customer.
        case rejected

        /// Whether the case is still open.
        public var isOpen: Bool { self == .received || self == .investigating }
    }

    /// One step of the case's history.
    public struct Step: Hashable, Sendable, Codable {
        /// The state it moved to.
        public let state: State
        /// Who moved it.
        public let by: PrincipalID
        /// Who reviewed the closure (a second person), for resolved and rejected.
        public let reviewedBy: PrincipalID?
        /// When.
        public let at: Date
        /// What was noted.
        public let note: String
    }

    /// The id.
    public let id: ComplaintID
    /// The customer, when known.
    public let customerID: String?
    /// How it came in: `phone`, `email`, `web`, `letter`, `in-person` or the host's own.
    public let channel: String
    /// The calls it is about.
    public let callIDs: [String]
    /// The recordings it is about.
    public let recordingIDs: [RecordingID]
    /// The customer's words.
    public let text: String
    /// When it was received.
    public let receivedAt: Date
    /// When the customer must have been told it was received.
    public let acknowledgeBy: Date
    /// When it must be closed.
    public let resolveBy: Date
    /// The hold that keeps the linked recordings while it is open.
    public let holdID: LegalHoldID
    /// Where it stands.
    public private(set) var state: State = .received
    /// The outcome (or the rejection's reason) told to the customer.
    public private(set) var outcome: String?
    /// Who handles it.
    public private(set) var handler: PrincipalID?
    /// Every step, oldest first.
    public private(set) var history: [Step] = []

    /// Logs a complaint; the desk must then place the hold the effect describes.
    public static func receive(
        id: ComplaintID = .random(), customerID: String?, channel: String, callIDs: [String],
        recordingIDs: [RecordingID], text: String, receivedBy: PrincipalID, at time: Date, policy: ComplaintPolicy
    ) throws -> (Complaint, [ComplaintEffect]) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ComplaintError.missingField("text")
        }
        guard !channel.isEmpty else { throw ComplaintError.missingField("channel") }
        let hold = LegalHoldID("complaint-\(id)")
        var complaint = Complaint(
            id: id, customerID: customerID, channel: channel, callIDs: callIDs, recordingIDs: recordingIDs,
            text: text, receivedAt: time, acknowledgeBy: time.addingTimeInterval(policy.acknowledgeWithin),
            resolveBy: time.addingTimeInterval(policy.resolveWithin), holdID: hold)
        complaint.history.append(Step(state: .received, by: receivedBy, reviewedBy: nil, at: time, note: "received"))
        let effects: [ComplaintEffect] =
            recordingIDs.isEmpty ? [] : [.placeHold(hold, recordings: Set(recordingIDs), by: receivedBy)]
        return (complaint, effects)
    }

    /// A handler starts investigating.
    public mutating func startInvestigation(by handler: PrincipalID, at time: Date, note: String = "")
        throws -> [ComplaintEffect]
    {
        guard state == .received else { throw ComplaintError.invalidTransition(id, from: state, to: .investigating) }
        state = .investigating
        self.handler = handler
        history.append(Step(state: .investigating, by: handler, reviewedBy: nil, at: time, note: note))
        return []
    }

    /// Closes the case, resolved or rejected, with the outcome told to the customer. A second
    /// person reviews every closure, and the two of them release the hold (its two-person rule).
    public mutating func close(
        as closing: State, outcome: String, by handler: PrincipalID, reviewedBy reviewer: PrincipalID, at time: Date
    ) throws -> [ComplaintEffect] {
        guard closing == .resolved || closing == .rejected else {
            throw ComplaintError.invalidTransition(id, from: state, to: closing)
        }
        guard state == .investigating else { throw ComplaintError.invalidTransition(id, from: state, to: closing) }
        guard !outcome.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ComplaintError.missingField("outcome")
        }
        // People, not spellings: the handler under another case or Unicode form of their id is
        // still the handler.
        guard !reviewer.isSamePrincipal(as: handler) else { throw ComplaintError.reviewerIsHandler(handler) }
        state = closing
        self.outcome = outcome
        history.append(Step(state: closing, by: handler, reviewedBy: reviewer, at: time, note: outcome))
        return recordingIDs.isEmpty
            ? [] : [.releaseHold(holdID, requestedBy: handler, approvedBy: reviewer, reason: "complaint \(closing)")]
    }

    /// Whether a deadline has passed: acknowledgement while received, resolution while open.
    public func isOverdue(at time: Date) -> Bool {
        (state == .received && time > acknowledgeBy) || (state.isOpen && time > resolveBy)
    }
}

/// What the complaints desk must do after a step.
public enum ComplaintEffect: Hashable, Sendable {
    /// Place a legal hold on the recordings.
    case placeHold(LegalHoldID, recordings: Set<RecordingID>, by: PrincipalID)
    /// Release the hold: one principal requests, another approves.
    case releaseHold(LegalHoldID, requestedBy: PrincipalID, approvedBy: PrincipalID, reason: String)
}

/// How long a complaint may take.
public struct ComplaintPolicy: Hashable, Sendable {
    /// Time to acknowledge, in seconds (default 3 days).
    public var acknowledgeWithin: TimeInterval
    /// Time to close, in seconds (default 8 weeks, the FCA's DISP 1.6 limit for a final response).
    public var resolveWithin: TimeInterval

    /// Creates a policy.
    public init(acknowledgeWithin: TimeInterval = 3 * 86_400, resolveWithin: TimeInterval = 56 * 86_400) {
        self.acknowledgeWithin = acknowledgeWithin
        self.resolveWithin = resolveWithin
    }
}
