import CallVaultCore
import Dispatch
import Synchronization

/// Where a vault's sessions write their sealed segments: off their actors and off the cooperative
/// thread pool, on a few serial dispatch queues ("lanes") that may block in `write` and `fsync`,
/// as swift-nio's thread pool does file I/O.
///
/// Group durability: a lane takes every job queued since its last round, appends them all, and
/// then makes every blob it appended to durable with one ``BlobStore/synchronize(_:)`` call (one
/// `syncfs` for the file store). While a round syncs, the segments other calls complete queue up
/// for the next one, so the rounds grow with the load and an fsync is never paid per segment. A
/// job completes (and the segment counts as durable) only when its round's synchronization
/// succeeded.
///
/// Back-pressure: the bytes queued and not yet durable are bounded (``maximumPendingBytes``).
/// A session that would exceed it waits (``submit(_:)`` suspends) until a round frees room;
/// nothing is ever dropped.
///
/// Each blob is written by one lane, in the order its jobs were submitted.
package final class BlobWriteQueue: Sendable {
    /// The store whose writers the lanes write to, and whose synchronization they call.
    let store: any BlobStore
    /// The most bytes queued and not yet durable before submitters wait.
    let maximumPendingBytes: Int

    private let lanes: [Lane]
    private let state = LockedState(State())

    private struct State {
        var pendingBytes = 0
        var nextLane = 0
        var waiters: [(job: BlobWriteJob, continuation: CheckedContinuation<Void, Never>)] = []
    }

    /// A queue over `store` with `lanes` serial lanes.
    package init(store: any BlobStore, lanes: Int = 2, maximumPendingBytes: Int = 64 << 20) {
        self.store = store
        self.maximumPendingBytes = max(maximumPendingBytes, 1)
        self.lanes = (0..<max(lanes, 1)).map { Lane(index: $0) }
    }

    /// How many submitters are waiting for room (for tests and metrics).
    package var waitingSubmitters: Int { state.withLock { $0.waiters.count } }

    /// The lane a new blob's jobs go to (round robin).
    func assignLane() -> Int {
        state.withLock { state in
            defer { state.nextLane = (state.nextLane + 1) % lanes.count }
            return state.nextLane
        }
    }

    /// Queues a job on its lane, waiting first while the queue holds too many bytes.
    ///
    /// The job counts as outstanding (``BlobDurabilityTracker/waitUntilDrained()`` waits for it)
    /// from the call on, and jobs reach their lanes in the order they were submitted: a job is
    /// put on its lane under the same lock that admits it, never by the resumed submitter, so
    /// two waiting segments of one blob cannot overtake each other.
    package func submit(_ job: BlobWriteJob) async {
        job.tracker.submitted()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                // A job larger than the whole bound is admitted once nothing else is pending.
                if state.waiters.isEmpty, hasRoom(for: job, in: state) {
                    admit(job, into: &state)
                    return true
                }
                state.waiters.append((job, continuation))
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    private func hasRoom(for job: BlobWriteJob, in state: State) -> Bool {
        state.pendingBytes == 0 || state.pendingBytes + job.byteCount <= maximumPendingBytes
    }

    /// Counts the job's bytes and puts it on its lane; called with the state locked.
    private func admit(_ job: BlobWriteJob, into state: inout State) {
        state.pendingBytes += job.byteCount
        lanes[job.lane % lanes.count].enqueue(job, queue: self)
    }

    /// Runs blocking work (creating or deleting a blob) on a dispatch thread, not the caller's.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try work() })
            }
        }
    }

    /// Returns `bytes` to the budget and admits waiting submitters, oldest first.
    fileprivate func release(_ bytes: Int) {
        let admitted = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.pendingBytes -= bytes
            var admitted: [CheckedContinuation<Void, Never>] = []
            while let first = state.waiters.first, hasRoom(for: first.job, in: state) {
                admit(first.job, into: &state)
                admitted.append(first.continuation)
                state.waiters.removeFirst()
            }
            return admitted
        }
        for continuation in admitted { continuation.resume() }
    }

    /// One serial lane: jobs queue under a lock; a round runs on the lane's dispatch queue
    /// whenever there are jobs and no round is running.
    private final class Lane: Sendable {
        private let dispatch: DispatchQueue
        private let jobs = LockedState((queued: [BlobWriteJob](), running: false))

        init(index: Int) {
            dispatch = DispatchQueue(label: "callvault.blob-writes.\(index)")
        }

        /// Called with the queue's state locked (lock order: the queue's, then the lane's; a
        /// round takes the lane's lock alone and releases it before it calls back).
        func enqueue(_ job: BlobWriteJob, queue: BlobWriteQueue) {
            let start = jobs.withLock { jobs -> Bool in
                jobs.queued.append(job)
                guard !jobs.running else { return false }
                jobs.running = true
                return true
            }
            if start { dispatch.async { self.drain(queue) } }
        }

        /// Runs rounds until no job is left.
        private func drain(_ queue: BlobWriteQueue) {
            while true {
                let round = jobs.withLock { jobs -> [BlobWriteJob] in
                    let taken = jobs.queued
                    jobs.queued = []
                    if taken.isEmpty { jobs.running = false }
                    return taken
                }
                if round.isEmpty { return }
                Self.run(round, store: queue.store)
                queue.release(round.reduce(0) { $0 + $1.byteCount })
            }
        }

        /// Appends every job's bytes, synchronizes every blob appended to once, then finishes the
        /// blobs whose last job this was, and completes each job with its outcome.
        private static func run(_ round: [BlobWriteJob], store: any BlobStore) {
            var outcomes = [(any Error)?](repeating: nil, count: round.count)
            // Appends, in order; a blob whose append failed takes no further bytes.
            var toSynchronize: [ObjectIdentifier: Int] = [:]
            var writers: [any BlobWriter] = []
            for (index, job) in round.enumerated() {
                if let failure = job.tracker.failure {
                    outcomes[index] = failure
                    continue
                }
                guard case .append(let bytes) = job.work else { continue }
                do {
                    try bytes.withUnsafeBytes { try job.writer.value.append($0) }
                    let key = ObjectIdentifier(job.writer.value)
                    if toSynchronize[key] == nil {
                        toSynchronize[key] = writers.count
                        writers.append(job.writer.value)
                    }
                } catch {
                    job.tracker.fail(error)
                    outcomes[index] = error
                }
            }
            // One synchronization for every blob appended to in this round. A store that answers
            // for fewer or more blobs than asked is not trusted: each blob is flushed on its own,
            // so none counts as durable on a missing answer.
            var synchronized = writers.isEmpty ? [] : store.synchronize(writers)
            if synchronized.count != writers.count {
                synchronized = writers.map { writer in
                    do {
                        try writer.flush()
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            for (index, job) in round.enumerated() where outcomes[index] == nil {
                switch job.work {
                case .append:
                    if let position = toSynchronize[ObjectIdentifier(job.writer.value)],
                        let error = synchronized[position]
                    {
                        job.tracker.fail(error)
                        outcomes[index] = error
                    }
                case .finish:
                    if let failure = job.tracker.failure {
                        outcomes[index] = failure
                        continue
                    }
                    do {
                        try job.writer.value.finish()
                    } catch {
                        job.tracker.fail(error)
                        outcomes[index] = error
                    }
                }
            }
            for (index, job) in round.enumerated() {
                job.tracker.completed(job, failed: outcomes[index] != nil)
            }
        }
    }
}

/// One blob write: bytes to append (made durable in the lane's round), or the blob's finish.
package struct BlobWriteJob: Sendable {
    /// What to do.
    package enum Work: Sendable {
        /// Append these bytes; the job completes when they are durable.
        case append([UInt8])
        /// Finish the blob (durable and final) after every earlier job.
        case finish
    }

    let writer: BlobWriterHandle
    let work: Work
    let lane: Int
    let tracker: BlobDurabilityTracker
    /// Sealed segments these bytes hold (0 for a header or the finish).
    let segments: Int

    /// A job for `writer`'s blob on `lane`, completed through `tracker`.
    package init(writer: BlobWriterHandle, work: Work, lane: Int, tracker: BlobDurabilityTracker, segments: Int) {
        self.writer = writer
        self.work = work
        self.lane = lane
        self.tracker = tracker
        self.segments = segments
    }

    var byteCount: Int {
        if case .append(let bytes) = work { return bytes.count }
        return 0
    }
}

/// A blob writer handed from a session to its lane. Unchecked: after the session creates the
/// writer, only the lane touches it (every append, synchronization and the finish go through the
/// lane's serial queue, in order), so it is never used from two threads at once.
package struct BlobWriterHandle: @unchecked Sendable {
    package let value: any BlobWriter

    /// Hands `value` over; the caller no longer touches it directly.
    package init(value: any BlobWriter) {
        self.value = value
    }
}

/// A session's view of its blob's writes: how many are outstanding, how many segments are
/// durable, and the first failure, which every later write and the session's next call report.
package final class BlobDurabilityTracker: Sendable {
    private struct State {
        var outstanding = 0
        var durableSegments = 0
        var failure: (any Error)?
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private let state = LockedState(State())
    /// Set with the first failure: read on every frame the session takes, so a lock-free flag.
    private let hasFailed = Atomic<Bool>(false)
    private let onDurable: @Sendable (Int) -> Void

    /// A tracker that calls `onDurable` with the number of segments each completed job made durable.
    package init(onDurable: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.onDurable = onDurable
    }

    /// The first write or synchronization failure, if any.
    var failure: (any Error)? {
        guard hasFailed.load(ordering: .acquiring) else { return nil }
        return state.withLock { $0.failure }
    }

    /// Segments durable so far.
    package var durableSegments: Int { state.withLock { $0.durableSegments } }

    func submitted() {
        state.withLock { $0.outstanding += 1 }
    }

    func fail(_ error: any Error) {
        state.withLock { state in
            if state.failure == nil { state.failure = error }
        }
        hasFailed.store(true, ordering: .releasing)
    }

    func completed(_ job: BlobWriteJob, failed: Bool) {
        let (waiters, durable) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Int) in
            state.outstanding -= 1
            let durable = failed ? 0 : job.segments
            state.durableSegments += durable
            guard state.outstanding == 0 else { return ([], durable) }
            defer { state.drained = [] }
            return (state.drained, durable)
        }
        if durable > 0 { onDurable(durable) }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until every submitted job has completed, then throws the first failure, if any.
    package func waitUntilDrained() async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.outstanding == 0 { return true }
                state.drained.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        if let failure { throw failure }
    }
}
