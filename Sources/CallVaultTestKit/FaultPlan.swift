import CallVaultCore

/// Simulates a process dying between two steps: the in-memory store, shredder and audit log count
/// their operations against a shared plan, and from the planned operation on every one of them
/// fails, as if the process had stopped there, until ``restart()``.
public final class FaultPlan: Sendable {
    private struct State {
        var operations = 0
        var crashAt: Int?
        var crashed = false
    }

    private let state = LockedState(State())

    /// Creates a plan with no crash planned.
    public init() {}

    /// Plans a crash at the `operation`-th operation from now (0 = the next one).
    public func crash(atOperation operation: Int) {
        state.withLock { state in
            state.crashAt = state.operations + max(0, operation)
        }
    }

    /// Brings the "process" back: operations succeed again and no crash is planned.
    public func restart() {
        state.withLock { state in
            state.crashAt = nil
            state.crashed = false
        }
    }

    /// Whether the planned crash has happened (and no restart since).
    public var hasCrashed: Bool { state.withLock { $0.crashed } }

    /// Operations counted so far.
    public var operationCount: Int { state.withLock { $0.operations } }

    /// Counts one operation named `step`.
    ///
    /// - Throws: ``SimulatedCrash`` at or after the planned crash.
    public func step(_ step: String) throws {
        let fails = state.withLock { state -> Bool in
            if state.crashed { return true }
            defer { state.operations += 1 }
            if let crashAt = state.crashAt, state.operations >= crashAt {
                state.crashed = true
                return true
            }
            return false
        }
        if fails { throw SimulatedCrash(step: step) }
    }
}

/// The error of an operation that "died" under a ``FaultPlan``.
public struct SimulatedCrash: Error, Equatable, CustomStringConvertible {
    /// The operation that was cut off.
    public let step: String

    /// A sentence naming the step.
    public var description: String { "simulated crash at \(step)" }
}
