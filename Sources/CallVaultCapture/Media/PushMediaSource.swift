import Synchronization

/// A source for hosts whose transport calls back with each frame.
///
/// The transport pushes frames through the ``Feeder``; the recorder pulls them from the source.
/// Between the two sits a bounded buffer with an explicit overflow policy, so a slow consumer never
/// blocks the transport's thread and memory never grows without bound: when the buffer is full the
/// oldest or the newest frame is dropped, and the drop is counted.
///
/// ```swift
/// let (source, feeder) = PushMediaSource.make(capacity: 500, whenFull: .dropOldest)
/// transport.onFrame = { frame in feeder.push(frame) }   // any thread
/// try await recorder.record(from: source)
/// ```
public struct PushMediaSource: MediaSource {
    /// What to drop when the buffer is full.
    public enum OverflowPolicy: Sendable {
        /// Drop the oldest buffered frame (keep the newest audio).
        case dropOldest
        /// Drop the frame being pushed (keep what is already buffered).
        case dropNewest
    }

    /// What happened to a pushed frame.
    public enum PushResult: Sendable, Hashable {
        /// Buffered.
        case enqueued
        /// Buffered, and the oldest buffered frame was dropped to make room.
        case droppedOldest
        /// Not buffered: the buffer was full.
        case droppedNewest
        /// Not buffered: the source was finished.
        case finished
    }

    /// The transport's end: push frames from any thread, then finish.
    public final class Feeder: Sendable {
        private let continuation: AsyncStream<MediaFrame>.Continuation
        private let policy: OverflowPolicy
        private let drops = Atomic<Int>(0)

        init(_ continuation: AsyncStream<MediaFrame>.Continuation, policy: OverflowPolicy) {
            self.continuation = continuation
            self.policy = policy
        }

        /// Hands a frame to the recorder's side; never blocks.
        @discardableResult
        public func push(_ frame: MediaFrame) -> PushResult {
            switch continuation.yield(frame) {
            case .enqueued: return .enqueued
            case .dropped:
                drops.add(1, ordering: .relaxed)
                return policy == .dropOldest ? .droppedOldest : .droppedNewest
            case .terminated: return .finished
            @unknown default: return .finished
            }
        }

        /// Frames dropped because the buffer was full.
        public var droppedFrames: Int { drops.load(ordering: .relaxed) }

        /// Ends the source: the recorder sees the end after the buffered frames.
        public func finish() {
            continuation.finish()
        }
    }

    private let stream: AsyncStream<MediaFrame>

    /// Creates a source and its feeder, buffering at most `capacity` frames.
    public static func make(capacity: Int, whenFull policy: OverflowPolicy) -> (PushMediaSource, Feeder) {
        let buffering: AsyncStream<MediaFrame>.Continuation.BufferingPolicy =
            policy == .dropOldest ? .bufferingNewest(Swift.max(1, capacity)) : .bufferingOldest(Swift.max(1, capacity))
        let (stream, continuation) = AsyncStream.makeStream(of: MediaFrame.self, bufferingPolicy: buffering)
        return (PushMediaSource(stream: stream), Feeder(continuation, policy: policy))
    }

    /// Iterates over the pushed frames.
    public func makeAsyncIterator() -> AsyncStream<MediaFrame>.Iterator {
        stream.makeAsyncIterator()
    }
}
