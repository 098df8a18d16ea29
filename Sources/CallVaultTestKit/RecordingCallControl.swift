public import CallVault
import CallVaultCore

/// A `CallControl` that does nothing but remember what it was asked, in order: tests read
/// ``requests`` and report the call's answers to the session themselves.
public final class RecordingCallControl: CallControl {
    private let performed = LockedState<[CallControlRequest]>([])

    /// Creates a control with no requests yet.
    public init() {}

    /// Remembers the request.
    public func perform(_ request: CallControlRequest) async throws {
        performed.withLock { $0.append(request) }
    }

    /// Every request so far.
    public var requests: [CallControlRequest] { performed.withLock { $0 } }
}
