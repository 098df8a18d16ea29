import Dispatch
import Foundation

/// Splits independent per-segment work across the machine's cores.
///
/// Segments are sealed under independent nonces, so any partition gives the same bytes; contiguous
/// chunks keep each core's memory accesses sequential.
enum Parallel {
    static let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on contiguous chunks of `0..<count`, concurrently when there is more than one core.
    /// Returns when every chunk is done.
    static func forEachChunk(of count: Int, _ body: (Range<Int>) -> Void) {
        let workers = min(workerCount, count)
        guard workers > 1 else {
            body(0..<count)
            return
        }
        // concurrentPerform returns only after every iteration ran, so `body` and whatever it
        // captures (buffers owned by the caller's stack frame) outlive all uses.
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                work.value((count * worker / workers)..<(count * (worker + 1) / workers))
            }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`, whose closure must be `@Sendable` although
/// it never escapes.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
