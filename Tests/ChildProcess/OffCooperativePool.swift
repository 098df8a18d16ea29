import Dispatch

/// Runs async test code whose children block (tools run through ``ChildProcess``, waited for with
/// `waitpid`) on a thread of its own instead of Swift's cooperative pool.
///
/// The pool has one thread per core: a test that holds one for minutes of blocking child runs (a
/// kill-injection walk) starves every other test, and those that wait on a real-time deadline (a
/// service's task to fall asleep on a manual clock) then fail for no fault of their own. Code in
/// `body`, and the nonisolated async functions it calls, run on a serial dispatch queue instead.
public func offCooperativePool<Result>(_ body: () async throws -> Result) async throws -> Result {
    try await withTaskExecutorPreference(BlockingWorkExecutor.shared, operation: body)
}

/// A task executor over one serial dispatch queue, for work that blocks its thread.
public final class BlockingWorkExecutor: TaskExecutor {
    /// One queue for all blocking test work: walks are long, and running two at once on two cores
    /// only makes each slower.
    public static let shared = BlockingWorkExecutor()

    private let queue = DispatchQueue(label: "callvault.tests.blocking-work")

    /// Runs `job` on the queue.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
