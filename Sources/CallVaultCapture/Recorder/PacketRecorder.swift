import CallVaultCore

/// Records frames that cannot be mixed into a sample stream: opaque codec packets (for example
/// Opus) and the agent's screen as encoded images, kept as they came, with their timing, under the
/// same gate as the audio.
///
/// Give it the same ``GateCommand``s at the same positions as the audio ``Recorder``, and the
/// screen pauses with the audio: a frame is kept only if, at its timestamp, recording has started,
/// is not paused or stopped, and its track is not excluded. Kept frames become records of a simple
/// stream (see ``PacketRecord``) cut into segments for the sink; dropped ones are counted.
///
/// ```swift
/// let screen = PacketRecorder(segmentSize: 64 << 10, sink: screenSealingSink)
/// screen.command(.start, at: position)       // alongside the audio recorder
/// try screen.ingest(screenFrame)
/// try screen.finish()
/// ```
public final class PacketRecorder<Sink: SegmentSink> {
    /// The sink, holding what it has received.
    public private(set) var sink: Sink
    /// Bytes per segment handed to the sink.
    public let segmentSize: Int
    /// Frames kept.
    public private(set) var keptFrames = 0
    /// Frames dropped because, at their timestamp, recording was not running or their track was excluded.
    public private(set) var gatedFrames = 0

    private var changes: [(position: Int64, order: Int, command: GateCommand)] = []
    private var order = 0
    private var buffer: [UInt8] = []
    private var segmentIndex = 0
    private var bytesWritten: Int64 = 0
    private var isFinished = false

    /// Creates a packet recorder.
    public init(segmentSize: Int = 64 << 10, sink: Sink) {
        self.segmentSize = Swift.max(64, segmentSize)
        self.sink = sink
        buffer.reserveCapacity(self.segmentSize)
    }

    /// Records a gate command at `position` (the same as the audio recorder's).
    public func command(_ command: GateCommand, at position: Int64) {
        order += 1
        let index = changes.firstIndex { $0.position > position } ?? changes.count
        changes.insert((position, order, command), at: index)
    }

    /// Keeps `frame` if the gate is open for its track at its timestamp. Audio sample frames are
    /// not taken here: send them to a ``Recorder``.
    public func ingest(_ frame: MediaFrame) throws {
        guard !isFinished else { throw RecorderError.finished }
        let record: PacketRecord
        switch frame.content {
        case .packet(let codec, let bytes, let sampleFrames):
            record = PacketRecord(
                track: frame.track, timestamp: frame.timestamp, kind: .codecPacket, label: codec,
                sampleFrames: sampleFrames, payload: bytes)
        case .screenImage(let contentType, let bytes):
            record = PacketRecord(
                track: frame.track, timestamp: frame.timestamp, kind: .screenImage, label: contentType,
                sampleFrames: 0, payload: bytes)
        case .audio:
            throw RecorderError.invalidConfiguration(
                reason: "audio sample frames go to a Recorder, not a PacketRecorder")
        }
        guard isOpen(for: frame.track, at: frame.timestamp) else {
            gatedFrames += 1
            return
        }
        buffer += try record.encoded()
        keptFrames += 1
        while buffer.count >= segmentSize { try emit(count: segmentSize, isFinal: false) }
    }

    /// Hands the sink what remains as the final segment.
    public func finish() throws {
        guard !isFinished else { throw RecorderError.finished }
        try emit(count: buffer.count, isFinal: true)
        isFinished = true
    }

    /// The gate's state at `position`: every command at or before it applied in order.
    private func isOpen(for track: TrackID, at position: Int64) -> Bool {
        var gate = GateSchedule()
        for change in changes where change.position <= position {
            gate.schedule(change.command, at: change.position)
        }
        var excluded = Set<TrackID>()
        for change in changes where change.position <= position {
            if case .exclude(let excludedTrack) = change.command { excluded.insert(excludedTrack) }
            if case .include(let includedTrack) = change.command { excluded.remove(includedTrack) }
        }
        gate.applyCommands(upTo: position) { _ in nil }
        return gate.isRecording && !gate.isPaused && !excluded.contains(track)
    }

    private func emit(count: Int, isFinal: Bool) throws {
        try buffer.withUnsafeBytes { bytes in
            try sink.segmentCompleted(
                RecordedSegment(
                    index: segmentIndex, firstFrame: bytesWritten, frameCount: count,
                    bytes: UnsafeRawBufferPointer(rebasing: bytes[..<count]), isFinal: isFinal))
        }
        buffer.removeFirst(count)
        segmentIndex += 1
        bytesWritten += Int64(count)
    }
}

/// One kept frame in a packet stream: the plaintext a ``PacketRecorder`` writes, record after
/// record.
///
/// Layout, integers big-endian: the record's length after this field (4 bytes), the timestamp
/// (8, signed), the kind (1: 1 codec packet, 2 screen image), the track name (2-byte length, UTF-8),
/// the label (codec or content type: 2-byte length, UTF-8), the sample frames a packet lasts (4),
/// and the payload (the rest).
public struct PacketRecord: Hashable, Sendable {
    /// What a record holds.
    public enum Kind: UInt8, Hashable, Sendable {
        /// An opaque codec packet.
        case codecPacket = 1
        /// An encoded screen image.
        case screenImage = 2
    }

    /// The track.
    public var track: TrackID
    /// Where it starts on the call's timeline, in sample frames.
    public var timestamp: Int64
    /// Packet or image.
    public var kind: Kind
    /// The codec (packets) or content type (images).
    public var label: String
    /// How long a packet lasts, in sample frames (0 for images).
    public var sampleFrames: Int
    /// The bytes as they came.
    public var payload: [UInt8]

    /// Creates a record.
    public init(track: TrackID, timestamp: Int64, kind: Kind, label: String, sampleFrames: Int, payload: [UInt8]) {
        self.track = track
        self.timestamp = timestamp
        self.kind = kind
        self.label = label
        self.sampleFrames = sampleFrames
        self.payload = payload
    }

    /// The record's bytes.
    ///
    /// - Throws: ``RecorderError/invalidConfiguration(reason:)`` when a name, label or payload is
    ///   too long for the format's length fields.
    public func encoded() throws -> [UInt8] {
        let trackName = Array(track.name.utf8)
        let labelBytes = Array(label.utf8)
        guard trackName.count <= Int(UInt16.max), labelBytes.count <= Int(UInt16.max),
            sampleFrames >= 0, sampleFrames <= Int(UInt32.max),
            payload.count <= Int(UInt32.max) - 32 - trackName.count - labelBytes.count
        else { throw RecorderError.invalidConfiguration(reason: "a packet, label or track name is too long to record") }
        var body: [UInt8] = []
        body.reserveCapacity(8 + 1 + 2 + trackName.count + 2 + labelBytes.count + 4 + payload.count)
        body += Self.bigEndian(UInt64(bitPattern: timestamp))
        body.append(kind.rawValue)
        body += Self.bigEndian(UInt16(trackName.count)) + trackName
        body += Self.bigEndian(UInt16(labelBytes.count)) + labelBytes
        body += Self.bigEndian(UInt32(sampleFrames))
        body += payload
        return Self.bigEndian(UInt32(body.count)) + body
    }

    /// Reads every record of a packet stream, in order.
    ///
    /// - Throws: ``RecorderError/invalidConfiguration(reason:)`` naming the offset of a malformed record.
    public static func decodeStream(_ bytes: [UInt8]) throws -> [PacketRecord] {
        var records: [PacketRecord] = []
        var offset = 0
        func fail(_ reason: String) -> RecorderError {
            .invalidConfiguration(reason: "the packet stream is malformed at byte \(offset): \(reason)")
        }
        func integer(_ at: Int, _ width: Int) -> UInt64 {
            bytes[at..<(at + width)].reduce(0) { $0 << 8 | UInt64($1) }
        }
        while offset < bytes.count {
            guard offset + 4 <= bytes.count else { throw fail("a record length is cut short") }
            let length = Int(integer(offset, 4))
            let start = offset + 4
            guard length >= 17, start + length <= bytes.count else {
                throw fail("a record of \(length) bytes does not fit")
            }
            var cursor = start + 8
            let timestamp = Int64(bitPattern: integer(start, 8))
            guard let kind = Kind(rawValue: bytes[cursor]) else { throw fail("unknown record kind \(bytes[cursor])") }
            cursor += 1
            let trackLength = Int(integer(cursor, 2))
            cursor += 2
            guard cursor + trackLength + 2 <= start + length else { throw fail("the track name overruns the record") }
            let track = String(decoding: bytes[cursor..<(cursor + trackLength)], as: UTF8.self)
            cursor += trackLength
            let labelLength = Int(integer(cursor, 2))
            cursor += 2
            guard cursor + labelLength + 4 <= start + length else { throw fail("the label overruns the record") }
            let label = String(decoding: bytes[cursor..<(cursor + labelLength)], as: UTF8.self)
            cursor += labelLength
            let sampleFrames = Int(integer(cursor, 4))
            cursor += 4
            records.append(
                PacketRecord(
                    track: TrackID(track), timestamp: timestamp, kind: kind, label: label, sampleFrames: sampleFrames,
                    payload: Array(bytes[cursor..<(start + length)])))
            offset = start + length
        }
        return records
    }

    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}

// A packet recorder is mutable state for the one task that feeds it a call's packets.
@available(*, unavailable)
extension PacketRecorder: Sendable {}
