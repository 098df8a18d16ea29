public import CallVaultCore
public import Foundation

/// A clock that moves only when a test moves it, so retention can be tested over decades in a
/// moment. Tasks sleeping on it wake when ``advance(by:)`` or ``set(to:)`` passes their deadline.
public final class ManualWallClock: WallClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let state: LockedState<State>

    /// Creates a clock showing `start`.
    public init(_ start: Date) {
        state = LockedState(State(now: start))
    }

    /// The clock's time.
    public var now: Date {
        state.withLock { $0.now }
    }

    /// How many tasks are asleep on the clock.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// Moves the clock forward and wakes sleepers whose deadline has passed.
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let interval = Double(seconds) + Double(attoseconds) / 1e18
        set(to: now.addingTimeInterval(interval))
    }

    /// Sets the clock (forward or back) and wakes sleepers whose deadline has passed.
    public func set(to date: Date) {
        let woken = state.withLock { state -> [Sleeper] in
            state.now = date
            let due = state.sleepers.filter { $0.deadline <= date }
            state.sleepers.removeAll { $0.deadline <= date }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Suspends until the clock reaches now + `duration`, or throws `CancellationError`.
    public func sleep(for duration: Duration) async throws {
        let (seconds, attoseconds) = duration.components
        let deadline = now.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled || state.now >= deadline { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }
}
