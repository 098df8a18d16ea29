public import CallVaultCore
public import Foundation

/// What a ``RetentionStore`` keeps for one recording that still exists: its attributes, its
/// schedule, an erasure request against it, and its deletion once begun.
public struct RetentionRecord: Hashable, Sendable, Codable {
    /// What is known about the recording.
    public var attributes: RecordingRetentionAttributes
    /// Its current schedule.
    public var schedule: RetentionSchedule
    /// The erasure request against it, if any: it is then deleted as soon as no legal minimum,
    /// write-once lock or hold protects it, and restricted until then.
    public var erasure: ErasureMark?
    /// Its deletion, once begun; a store keeps this until the tombstone replaces the record.
    public var deletion: DeletionJournalEntry?

    /// Creates a record for a recording not yet being deleted.
    public init(attributes: RecordingRetentionAttributes, schedule: RetentionSchedule, erasure: ErasureMark? = nil) {
        self.attributes = attributes
        self.schedule = schedule
        self.erasure = erasure
        self.deletion = nil
    }

    /// The recording.
    public var recordingID: RecordingID { attributes.recordingID }

    /// When the recording becomes deletable: its schedule's deletion time or, under an erasure
    /// request, the end of its legal minimum; never before a write-once lock ends. `nil` when
    /// nothing sets a time.
    public var dueAt: Date? {
        let lock = schedule.writeOnceUntil ?? .distantPast
        if erasure != nil {
            return max(schedule.legalKeepUntil, lock)
        }
        return schedule.deleteAt.map { max($0, lock) }
    }

    /// Why the recording may not be deleted at `now` under `holds`, or `nil` if it may.
    ///
    /// Stores call this inside the transaction that begins a deletion, so a hold placed or a
    /// schedule lengthened after the sweeper planned is still honoured.
    ///
    /// Dueness and holds are judged at the whole second of `now`, the time the journal entry and the
    /// certificate state: a recording due later in that second, or covered by a hold released later
    /// in it, waits for the next sweep, so a certificate never states a deletion time before the
    /// recording was due or while a hold still stood. Active holds always count; pass released
    /// holds too (at least those released within the last second) for the second rule to apply.
    public func deletionRefusal(at now: Date, holds: some Sequence<LegalHold>) -> DeletionRefusal? {
        let stated = DeletionJournalEntry.wholeSecond(now)
        let holding = holds.filter { hold in
            hold.scope.covers(attributes) && (hold.release.map { $0.releasedAt > stated } ?? true)
        }.map(\.id)
        if !holding.isEmpty { return .held(holding) }
        guard let dueAt else { return .notDue(nil) }
        guard dueAt <= stated else { return .notDue(dueAt) }
        return nil
    }

    /// Why the recording's processing is restricted (GDPR Art. 18) at `now`, or `nil` if it is not:
    /// an erasure request it survives, or a legal minimum kept past a maximum.
    public func restriction(at now: Date) -> String? {
        if let erasure {
            return
                "erasure request \(erasure.requestID) of \(CivilTime.day(erasure.requestedAt)): kept only for the obligations that protect it"
        }
        if let from = schedule.restrictedFrom, from <= now {
            return "kept past its maximum (\(CivilTime.day(from))) only for a legal obligation to keep it"
        }
        return nil
    }

    /// The deletion this record is due for, naming its cause.
    public var dueDeletionCause: DeletionCause {
        if let erasure { return .erasureRequest(erasure.requestID) }
        return .retentionExpired(schedule.deletionRule)
    }
}

/// An erasure request recorded against a recording.
public struct ErasureMark: Hashable, Sendable, Codable {
    /// The request's identifier.
    public let requestID: String
    /// When the request was received.
    public let requestedAt: Date

    /// Records a request.
    public init(requestID: String, requestedAt: Date) {
        self.requestID = requestID
        self.requestedAt = requestedAt
    }
}

/// Why a recording was, or is being, deleted.
public enum DeletionCause: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Its retention ended under this rule (the one that set its deletion time), if any.
    case retentionExpired(RetentionRuleID?)
    /// The data subject asked for erasure (GDPR Art. 17) in this request.
    case erasureRequest(String)

    /// A phrase for certificates and reports.
    public var description: String {
        switch self {
        case .retentionExpired(let rule?): "retention ended under \(rule)"
        case .retentionExpired(nil): "retention ended"
        case .erasureRequest(let id): "erasure request \(id) (GDPR Art. 17)"
        }
    }
}

/// The journal entry written when a recording's deletion begins. Every later step (shredding keys,
/// deleting content, certifying, auditing) is idempotent and derived from this entry, so a
/// deletion interrupted anywhere is finished by the next sweep with the same certificate.
public struct DeletionJournalEntry: Hashable, Sendable, Codable {
    /// When the deletion began (the time its certificate states).
    public let startedAt: Date
    /// Why.
    public let cause: DeletionCause

    /// Creates an entry; the time is kept to the whole second, as certificates state it.
    public init(startedAt: Date, cause: DeletionCause) {
        self.startedAt = Self.wholeSecond(startedAt)
        self.cause = cause
    }

    /// The whole second a deletion begun at `date` is stated at (and judged at).
    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}

/// Why a store refused to begin a deletion.
public enum DeletionRefusal: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The store has no record of the recording.
    case notFound
    /// The recording was already deleted.
    case alreadyDeleted
    /// It is not yet due (due at the date given, or never while no rule sets one).
    case notDue(Date?)
    /// Active legal holds cover it.
    case held([LegalHoldID])
    /// The store cannot vouch for its record (a signature that does not verify): it is kept.
    case notVerified(String)

    /// A phrase for reports.
    public var description: String {
        switch self {
        case .notFound: "no record of it"
        case .alreadyDeleted: "already deleted"
        case .notDue(let date?): "not due until \(CivilTime.iso8601(date))"
        case .notDue(nil): "no rule sets a deletion time"
        case .held(let holds): "held by \(holds.map(\.rawValue).joined(separator: ", "))"
        case .notVerified(let reason): "its retention record does not verify (\(reason)), so it is kept"
        }
    }
}

/// What remains of a deleted recording: when and why it went, and the signed certificate.
public struct Tombstone: Hashable, Sendable, Codable {
    /// The deleted recording.
    public let recordingID: RecordingID
    /// When its deletion began.
    public let deletedAt: Date
    /// Why it was deleted.
    public let cause: DeletionCause
    /// The signed ``DeletionCertificate`` file (JSON).
    public let certificate: String

    /// Creates a tombstone.
    public init(recordingID: RecordingID, deletedAt: Date, cause: DeletionCause, certificate: String) {
        self.recordingID = recordingID
        self.deletedAt = deletedAt
        self.cause = cause
        self.certificate = certificate
    }
}
