import CallVaultCore
import Foundation

/// Runs numbered batches of whole-file work on several threads, each batch doing its own reading,
/// sealing or opening, and writing.
///
/// Segments sit at offsets computed from their index, so batches are independent in their I/O as
/// well as their cryptography. With one more thread than cores, one thread's reads and writes
/// overlap the others' sealing, and no pipeline bookkeeping is needed. Each thread owns its buffers
/// (made by `makeBuffers`), so memory is bounded by the thread count, not the file size.
///
/// Batches are handed out in increasing order. When a batch fails, batches after it are skipped
/// but those before it still finish, so the error reported is the one of the earliest failing
/// batch: a tampered segment is named exactly, whichever thread found it.
enum ParallelBatches {
    static let threadCount = Parallel.workerCount + 1

    static func run<Buffers>(
        batchCount: Int,
        makeBuffers: () throws -> Buffers,
        body: (_ batch: Int, _ buffers: Buffers) throws -> Void
    ) throws {
        guard batchCount > 0 else { return }
        let threads = min(threadCount, batchCount)
        let schedule = Schedule()
        // Buffers are made up front, on this thread, so an allocation failure is reported plainly.
        let buffers = try (0..<threads).map { _ in try makeBuffers() }

        withoutActuallyEscaping(body) { body in
            // The threads get a pointer to the closure, not the closure: a finished `Thread` may
            // keep its block alive a little longer, and the block must not own `body` then.
            var runBody = body
            withUnsafePointer(to: &runBody) { bodyPointer in
                let shared = UnsafeTransfer((body: bodyPointer, schedule: schedule, buffers: buffers))
                let work = { (thread: Int) in
                    while let batch = shared.value.schedule.next(limit: batchCount) {
                        do {
                            try shared.value.body.pointee(batch, shared.value.buffers[thread])
                        } catch {
                            shared.value.schedule.fail(batch: batch, error: error)
                        }
                    }
                }
                let finished = DispatchGroup()
                let transferredWork = UnsafeTransfer(work)
                for thread in 1..<threads {
                    finished.enter()
                    let worker = Thread {
                        transferredWork.value(thread)
                        finished.leave()
                    }
                    worker.stackSize = 1 << 20
                    worker.start()
                }
                work(0)
                finished.wait()
            }
        }
        if let error = schedule.firstError { throw error }
    }

    /// Hands out batch numbers in order and keeps the earliest failure.
    private final class Schedule: Sendable {
        private struct State {
            var nextBatch = 0
            var firstFailure: (batch: Int, error: any Error)?
        }

        private let state = LockedState(State())

        func next(limit: Int) -> Int? {
            state.withLock { state in
                guard state.nextBatch < limit, state.nextBatch < (state.firstFailure?.batch ?? .max) else { return nil }
                defer { state.nextBatch += 1 }
                return state.nextBatch
            }
        }

        func fail(batch: Int, error: any Error) {
            state.withLock { state in
                if batch < (state.firstFailure?.batch ?? .max) { state.firstFailure = (batch, error) }
            }
        }

        var firstError: (any Error)? {
            state.withLock { $0.firstFailure?.error }
        }
    }
}

/// Moves a value that is not `Sendable` into threads that the caller waits for before returning,
/// so the value (and the buffers it refers to) outlives every use.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Calls a progress callback from several threads one at a time, with a running total.
final class ProgressTally: Sendable {
    private let state: LockedState<UInt64>
    private let total: UInt64
    private let callback: UnsafeTransfer<((UInt64, UInt64) -> Void)?>

    init(total: UInt64, callback: ((UInt64, UInt64) -> Void)?) {
        self.state = LockedState(0)
        self.total = total
        self.callback = UnsafeTransfer(callback)
    }

    func add(_ bytes: UInt64) {
        guard let report = callback.value else { return }
        state.withLock { done in
            done += bytes
            report(done, total)
        }
    }
}
