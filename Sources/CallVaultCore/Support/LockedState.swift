#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// State guarded by a POSIX mutex: the lock CallVault's shared mutable state uses instead of
/// `Synchronization.Mutex`.
///
/// Why not `Mutex`: on Linux its contended path locks and unlocks in the kernel (a
/// priority-inheritance futex), which ThreadSanitizer cannot see, so every contended `withLock`
/// is reported as a data race (measured: eight threads incrementing one `Mutex<Int>` give the
/// right total and two "Swift access race" reports). `pthread_mutex_lock` is intercepted by the
/// sanitizer, so the CI's race detection reports only real races. Like swift-nio's
/// `NIOLockedValueBox`, the mutex lives in its own allocation so its address never moves.
package final class LockedState<State>: @unchecked Sendable {
    // @unchecked: every access to `state` happens between `pthread_mutex_lock` and
    // `pthread_mutex_unlock` of `mutex`, and values enter and leave as `sending`, as with `Mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    /// Guards `initialState`.
    package init(_ initialState: sending State) {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        // Default attributes: initialisation cannot fail on Linux or Darwin (no resources are
        // taken), so a failure means memory corruption, not bad input.
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
        state = initialState
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    package func withLock<Result, Failure: Error>(
        _ body: (inout sending State) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
