import Foundation

/// The machine's parallelism, for sizing whole-file work.
enum Parallel {
    static let workerCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
