public import CallVaultCore

/// A media source that plays a WAV file as a call: each channel becomes a track's 20 ms frames,
/// paced in real time or delivered as fast as they can be read.
///
/// Useful for replaying a captured call through the recorder, for demos, and for load tests.
///
/// ```swift
/// let source = try WAVMediaSource(path: "call.wav", tracks: [.agent, .customer], pacing: .realTime)
/// try await recorder.record(from: source)
/// ```
public struct WAVMediaSource: MediaSource {
    /// How fast frames are delivered.
    public enum Pacing: Sendable {
        /// As fast as the file can be read.
        case asFastAsPossible
        /// One frame duration apart, like a live call (waits on the continuous clock).
        case realTime
    }

    /// The file's path.
    public let path: String
    /// The track each channel becomes, in channel order.
    public let tracks: [TrackID]
    /// How fast frames are delivered.
    public let pacing: Pacing
    /// Sample frames per delivered frame.
    public let frameLength: Int
    /// The file's format.
    public let format: MediaFormat
    /// What the file holds that the frames do not carry (see ``WAVUnkeptDetail``); empty unless
    /// the source was created with `droppingUnkeptContent: true`. Log it: it is not recorded.
    public let droppedContent: [WAVUnkeptDetail]

    /// Opens the file and checks it has one track per channel, and that the frames carry everything
    /// in it.
    ///
    /// - Parameters:
    ///   - path: The WAV file.
    ///   - tracks: One track per channel of the file, in channel order.
    ///   - pacing: How fast frames are delivered.
    ///   - frameDuration: The media time each delivered frame covers.
    ///   - droppingUnkeptContent: Deliver the audio of a file that holds content the frames do not
    ///     carry (metadata chunks, a speaker-position mask; ``WAVHeader/unkeptFormatDetails``),
    ///     listing it in ``droppedContent``; by default such a file is refused.
    /// - Throws: ``WAVFileError`` or ``WAVFormatError`` for a file that cannot be read;
    ///   ``WAVUnkeptContentError`` for content the frames would drop;
    ///   ``RecorderError/invalidConfiguration(reason:)`` when the tracks do not match the channels.
    public init(
        path: String, tracks: [TrackID], pacing: Pacing = .asFastAsPossible,
        frameDuration: Duration = .milliseconds(20),
        droppingUnkeptContent: Bool = false
    )
        throws
    {
        let reader = try WAVReader(path: path)
        if !droppingUnkeptContent { try reader.header.checkEverythingKept(path: path) }
        self.droppedContent = reader.header.unkeptFormatDetails
        guard tracks.count == reader.format.channelCount else {
            throw RecorderError.invalidConfiguration(
                reason: "\(path) has \(reader.format.channelCount) channels but \(tracks.count) tracks were named")
        }
        self.path = path
        self.tracks = tracks
        self.pacing = pacing
        self.format = reader.format
        self.frameLength = Swift.max(1, RecorderConfiguration.frames(in: frameDuration, rate: reader.format.sampleRate))
    }

    /// Starts reading from the beginning of the file.
    public func makeAsyncIterator() -> Iterator {
        Iterator(source: self)
    }

    /// Reads the file frame by frame.
    public struct Iterator: AsyncIteratorProtocol {
        private let source: WAVMediaSource
        private var reader: WAVReader<FileByteSource>?
        private var pending: [MediaFrame] = []
        private var frameIndex: UInt64 = 0
        private var nextDelivery: ContinuousClock.Instant?

        init(source: WAVMediaSource) {
            self.source = source
        }

        /// The next track's frame, or nil at the end of the file.
        public mutating func next() async throws -> MediaFrame? {
            if pending.isEmpty { try await readNextFrames() }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        private mutating func readNextFrames() async throws {
            if reader == nil { reader = try WAVReader(path: source.path) }
            guard var current = reader else { return }
            let interleaved = try current.readFrames(maxCount: source.frameLength)
            reader = current
            guard !interleaved.isEmpty else { return }
            if source.pacing == .realTime {
                let clock = ContinuousClock()
                let due = nextDelivery ?? clock.now
                try await clock.sleep(until: due)
                nextDelivery = due + .seconds(Double(source.frameLength) / Double(source.format.sampleRate))
            }
            let channels = source.format.channelCount
            let sampleBytes = source.format.encoding.bytesPerSample ?? 1
            let frames = interleaved.count / (channels * sampleBytes)
            let mono = MediaFormat(
                encoding: source.format.encoding, sampleRate: source.format.sampleRate, channelCount: 1)
            for (channel, track) in source.tracks.enumerated() {
                var samples = [UInt8]()
                samples.reserveCapacity(frames * sampleBytes)
                for frame in 0..<frames {
                    let start = (frame * channels + channel) * sampleBytes
                    samples.append(contentsOf: interleaved[start..<(start + sampleBytes)])
                }
                pending.append(
                    .audio(
                        samples, format: mono, track: track, sequenceNumber: frameIndex,
                        timestamp: Int64(frameIndex) * Int64(source.frameLength)))
            }
            frameIndex += 1
        }
    }
}

// An iterator belongs to the one task that iterates; it holds an open file reader.
@available(*, unavailable)
extension WAVMediaSource.Iterator: Sendable {}
