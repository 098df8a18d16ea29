/// Where a recorder's frames come from: the seam a host plugs its transport into.
///
/// A source is an asynchronous sequence of ``MediaFrame``s, so a pull-style host (one reading RTP
/// from a socket, a SIPREC session, a WebSocket media stream, a file) writes an `AsyncSequence`;
/// a host driven by callbacks uses ``PushMediaSource`` and pushes frames as they arrive. The
/// recorder consumes either the same way.
///
/// ```swift
/// struct RTPSource: MediaSource {
///     let socket: MySocket
///     func makeAsyncIterator() -> Iterator { Iterator(socket: socket) }
///     struct Iterator: AsyncIteratorProtocol {
///         let socket: MySocket
///         mutating func next() async throws -> MediaFrame? { try await socket.nextFrame() }
///     }
/// }
/// ```
public protocol MediaSource: AsyncSequence, Sendable where Element == MediaFrame {}

/// A source over frames held in memory: for tests and replays.
public struct InMemoryMediaSource: MediaSource {
    /// The frames, in the order they are delivered (which need not be timestamp order).
    public let frames: [MediaFrame]

    /// Creates a source that yields `frames` in order.
    public init(frames: [MediaFrame]) {
        self.frames = frames
    }

    /// Yields the frames one by one.
    public func makeAsyncIterator() -> Iterator {
        Iterator(frames: frames)
    }

    /// Iterates over the frames.
    public struct Iterator: AsyncIteratorProtocol {
        var frames: [MediaFrame]
        var index = 0

        /// The next frame, or nil after the last.
        public mutating func next() async -> MediaFrame? {
            guard index < frames.count else { return nil }
            defer { index += 1 }
            return frames[index]
        }
    }
}

// An iterator belongs to the one task that iterates.
@available(*, unavailable)
extension InMemoryMediaSource.Iterator: Sendable {}
