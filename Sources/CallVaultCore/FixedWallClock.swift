public import Foundation

/// A clock that always reads the same time: for a one-shot computation that must be judged at one
/// moment (a sweep plan "as of" a date, a report dated for an audit, a reproducible tool run).
///
/// It never moves, so a wait on it could never end by the clock: ``sleep(for:)`` waits the real
/// duration on the continuous clock instead, and the time it reads stays the same. Never give it
/// to a vault that records: every entry would carry the one time (use ``SystemWallClock``).
///
/// ```swift
/// let asOf = FixedWallClock(try Date("2027-01-01T00:00:00Z", strategy: .iso8601))
/// ```
public struct FixedWallClock: WallClock {
    /// The time the clock reads.
    public let now: Date

    /// A clock that reads `now`, always.
    public init(_ now: Date) {
        self.now = now
    }

    /// Waits `duration` in real time, or throws `CancellationError`; the time read does not change.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
