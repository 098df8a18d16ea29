/// Where a recorder hands each finished segment: usually an envelope writer that seals it, but the
/// recorder knows nothing of encryption.
///
/// A segment is handed over as soon as its last sample frame is final, so a crash loses at most
/// the segment still open.
public protocol SegmentSink {
    /// Takes a finished segment. Its bytes are only valid during the call.
    mutating func segmentCompleted(_ segment: RecordedSegment) throws
}

/// A finished run of interleaved sample frames.
public struct RecordedSegment {
    /// The segment's number, from 0.
    public let index: Int
    /// The recording frame (sample frame of the recording, from 0) the segment starts at.
    public let firstFrame: Int64
    /// Sample frames in the segment (all but the last segment hold the configured number).
    public let frameCount: Int
    /// The interleaved samples.
    public let bytes: UnsafeRawBufferPointer
    /// Whether this is the last segment of the recording.
    public let isFinal: Bool
}

/// A sink that keeps every segment's bytes in memory: for tests and short recordings.
public struct InMemorySegmentSink: SegmentSink, Sendable {
    /// The segments' bytes, concatenated.
    public private(set) var bytes: [UInt8] = []
    /// The frame count of each segment, in order.
    public private(set) var segmentFrameCounts: [Int] = []
    /// Whether the final segment arrived.
    public private(set) var isFinished = false

    /// Creates an empty sink.
    public init() {}

    /// Appends the segment.
    public mutating func segmentCompleted(_ segment: RecordedSegment) throws {
        bytes.append(contentsOf: segment.bytes)
        segmentFrameCounts.append(segment.frameCount)
        isFinished = segment.isFinal
    }
}

// A segment borrows the recorder's buffer: its bytes are valid only during the sink's call.
@available(*, unavailable)
extension RecordedSegment: Sendable {}
