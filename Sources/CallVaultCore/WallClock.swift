public import Foundation

/// Calendar time, injected wherever CallVault needs "now" or has to wait (retention sweeps,
/// grant expiry), so tests run decades in a moment and never sleep.
///
/// Hosts pass ``SystemWallClock``; a host whose business time is its machine's shifted by a known
/// amount passes ``OffsetWallClock``, and a one-shot computation judged at one moment passes
/// ``FixedWallClock``; tests pass a manual clock from `CallVaultTestKit`.
public protocol WallClock: Sendable {
    /// The current time.
    var now: Date { get }

    /// Waits `duration`, or throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The system's clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// `Date()`.
    public var now: Date { Date() }

    /// Sleeps on the continuous clock.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
