public import Foundation

/// The system's clock shifted by a fixed offset: for a host whose business time is not its
/// machine's (a replica replaying a primary's events at the primary's time, a recorder behind a
/// clock it knows to be wrong by a measured amount).
///
/// It moves as the system clock moves, so sleeps and expiries behave as they do on
/// ``SystemWallClock``. It is a live clock: the audit log still refuses to write entries more than
/// an hour ahead of the real time a verifier reads it at, so a large positive offset fails closed
/// rather than dating a vault's evidence in the future.
///
/// ```swift
/// let clock = OffsetWallClock(offset: .seconds(-2))   // this machine runs 2 s fast
/// ```
public struct OffsetWallClock: WallClock {
    /// What is added to the system time.
    public let offset: Duration

    /// A clock reading the system time plus `offset` (negative for a clock behind the system's).
    public init(offset: Duration) {
        self.offset = offset
    }

    /// The system time plus ``offset``.
    public var now: Date {
        let (seconds, attoseconds) = offset.components
        return Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Sleeps on the continuous clock (the offset does not change how long a wait is).
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
