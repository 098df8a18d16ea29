import CallVaultCore
import Foundation

/// What the audit log shows of legal holds: the holds whose placement it records and those whose
/// release it records. A store's hold rows are checked against it, so an edit of the store alone
/// (a hold marked released, a hold row deleted) never lifts a hold.
public struct LegalHoldAuditHistory: Hashable, Sendable {
    /// Holds whose placement is in the audit log.
    public var placed: Set<LegalHoldID>
    /// Holds whose approved release is in the audit log.
    public var released: Set<LegalHoldID>

    /// A history.
    public init(placed: Set<LegalHoldID>, released: Set<LegalHoldID>) {
        self.placed = placed
        self.released = released
    }

    /// The history in audit events' ids (`hold-placed:ID`, `hold-released:ID`, as
    /// ``LegalHoldRegistry`` reports them); other ids are ignored.
    public init(eventIDs: some Sequence<String>) {
        var placed = Set<LegalHoldID>()
        var released = Set<LegalHoldID>()
        for event in eventIDs {
            if event.hasPrefix(Self.placedPrefix) {
                placed.insert(LegalHoldID(String(event.dropFirst(Self.placedPrefix.count))))
            } else if event.hasPrefix(Self.releasedPrefix) {
                released.insert(LegalHoldID(String(event.dropFirst(Self.releasedPrefix.count))))
            }
        }
        self.init(placed: placed, released: released)
    }

    /// The event id prefix of a placement.
    public static let placedPrefix = "hold-placed:"
    /// The event id prefix of an approved release.
    public static let releasedPrefix = "hold-released:"

    /// The holds in force given every stored hold (active and released), failing closed: a stored
    /// hold marked released whose release is not in the audit log is in force, and a hold whose
    /// placement is in the log but whose row is gone (and whose release is not in the log) is in
    /// force over every recording, since its scope is lost with its row.
    ///
    /// - Returns: the holds as they count (stored ones as stored, released ones included with their
    ///   audited release, reinstated ones without an unaudited release, lost ones covering
    ///   everything), and what disagreed with the log. Filter by `isActive` for the active ones.
    ///
    /// - Parameters:
    ///   - stored: every stored hold that reads back and verifies.
    ///   - unreadable: the stored holds that do not (a signature that does not verify), with why:
    ///     each is in force over every recording, since its scope cannot be trusted.
    public func holdsInForce(stored: [LegalHold], unreadable: [LegalHoldID: String] = [:]) -> (
        holds: [LegalHold], discrepancies: [LegalHoldDiscrepancy]
    ) {
        var holds: [LegalHold] = []
        var discrepancies: [LegalHoldDiscrepancy] = []
        var seen = Set<LegalHoldID>()
        for (id, reason) in unreadable.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            seen.insert(id)
            discrepancies.append(.unreadable(id, reason: reason))
            holds.append(LegalHold.lost(id))
        }
        for hold in stored {
            seen.insert(hold.id)
            if hold.isActive || released.contains(hold.id) {
                // Released holds stay in the list: one released within the second a deletion is
                // stated at still refuses it (`RetentionRecord.deletionRefusal`).
                holds.append(hold)
            } else {
                discrepancies.append(.releasedWithoutAuditEntry(hold.id))
                holds.append(hold.reinstated)
            }
        }
        for id in placed.subtracting(seen).subtracting(released).sorted(by: { $0.rawValue < $1.rawValue }) {
            discrepancies.append(.missing(id))
            holds.append(LegalHold.lost(id))
        }
        return (holds, discrepancies)
    }
}

/// A stored legal hold that disagrees with the audit log.
public enum LegalHoldDiscrepancy: Hashable, Sendable, CustomStringConvertible {
    /// Marked released in the store, with no release in the audit log: kept in force.
    case releasedWithoutAuditEntry(LegalHoldID)
    /// Placed according to the audit log, not released there, and gone from the store: kept in
    /// force over every recording until its row is restored.
    case missing(LegalHoldID)
    /// Stored, but its row cannot be trusted (a signature that does not verify): kept in force
    /// over every recording until the row is restored.
    case unreadable(LegalHoldID, reason: String)

    /// The hold concerned.
    public var holdID: LegalHoldID {
        switch self {
        case .releasedWithoutAuditEntry(let id), .missing(let id), .unreadable(let id, _): id
        }
    }

    /// What disagrees and what the vault does about it.
    public var description: String {
        switch self {
        case .releasedWithoutAuditEntry(let id):
            "Legal hold \(id) is marked released in the database, but the audit log has no release for it: it stays in force. Restore the hold's row from a backup; while the row says released it cannot be released again (`vault hold release` refuses it as already released), so until it is restored the hold stays in force."
        case .missing(let id):
            "Legal hold \(id) was placed according to the audit log, but its row is gone from the database: it stays in force over every recording until the row is restored from a backup."
        case .unreadable(let id, let reason):
            "Legal hold \(id) cannot be trusted as stored (\(reason)): it stays in force over every recording until its row is restored from a backup."
        }
    }
}

/// Where the audit log's history of legal holds is read: the vault's audit log implements it, so
/// a retention store and a sweep check stored holds against it.
public protocol LegalHoldAuditSource: Sendable {
    /// The holds placed and released according to the audit log.
    func legalHoldHistory() async throws -> LegalHoldAuditHistory
}

extension LegalHold {
    /// The hold as placed, without its release (a release the audit log does not show).
    var reinstated: LegalHold {
        LegalHold(
            unchecked: id, matter: matter, reason: reason, placedBy: placedBy, placedAt: placedAt, scope: scope)
    }

    /// A hold whose row is lost: in force over every recording, whatever its times.
    public static func lost(_ id: LegalHoldID) -> LegalHold {
        LegalHold(
            unchecked: id, matter: "lost hold \(id)",
            reason: "its row is gone from the database; restore it from a backup", placedBy: "unknown",
            placedAt: .distantPast, scope: .timeWindow(from: .distantPast, until: .distantFuture))
    }

    /// An active hold from values already checked (or made here).
    private init(
        unchecked id: LegalHoldID, matter: String, reason: String, placedBy: PrincipalID, placedAt: Date,
        scope: LegalHoldScope
    ) {
        self.id = id
        self.matter = matter
        self.reason = reason
        self.placedBy = placedBy
        self.placedAt = placedAt
        self.scope = scope
    }
}

extension LegalHoldAuditHistory: LegalHoldAuditSource {
    /// An empty history: no hold placed or released (a vault whose audit log does not exist yet).
    public static let none = LegalHoldAuditHistory(placed: [], released: [])

    /// The history itself.
    public func legalHoldHistory() async throws -> LegalHoldAuditHistory { self }
}
