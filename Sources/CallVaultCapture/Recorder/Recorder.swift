public import CallVaultCore

/// Turns a call's frames into segments of interleaved audio, honouring consent and card-data
/// pauses to the sample.
///
/// Frames from each track land in a jitter buffer at the position their timestamp names, so
/// reordered frames fall into place and duplicates are dropped. A span is written out once every
/// track has delivered it, or once it is older than the jitter window (what is missing is then
/// silence, and counted). As it is written, the gate applies: nothing before ``GateCommand/start``
/// and nothing during a pause is ever written (a paused span becomes silence or a marked gap, per
/// configuration, and is listed in the ``RecordingTimeline`` with its reason); an excluded track
/// is silence. Each segment goes to the sink the moment it fills.
///
/// Memory is fixed when the recorder is made: a fixed-size buffer per track and one segment. A
/// frame too far ahead makes the recorder write out what it has (the overflow policy, counted)
/// rather than grow or block. Ingesting a frame allocates nothing.
///
/// ```swift
/// let recorder = try Recorder(configuration: configuration, sink: InMemorySegmentSink())
/// recorder.command(.start, at: 0)
/// try recorder.ingest(frame)                    // as frames arrive
/// recorder.command(.pause(.cardData), at: position)
/// let timeline = try recorder.finish()
/// ```
public final class Recorder<Sink: SegmentSink> {
    // What every frame reads comes first, together, so a frame of a recorder that has gone cold
    // in the processor's cache (one of ten thousand calls) touches as few cache lines as it can;
    // the configuration, the sink and the bookkeeping of pauses and exclusions come last.
    private var isFinished = false
    /// Segments handed to the sink: a session reads it after every frame.
    private var segmentIndex = 0
    /// How many tracks there are, kept here so a frame's check of its channel does not read the
    /// ``tracks`` array's storage (another cache line, cold in a call that has not run for 20 ms).
    private let trackCount: Int
    /// The first two tracks' buffers, unretained, held in the recorder itself for the same reason:
    /// a stereo call's frame reaches its track without reading ``trackHandles``.
    private let firstTrack: Unmanaged<TrackBuffer>
    private let secondTrack: Unmanaged<TrackBuffer>?
    /// The tracks' buffers, unretained: ``tracks`` owns them for the recorder's life, and a
    /// handle, a plain value, is read without the atomic retain and release a reference costs.
    private let trackHandles: [Unmanaged<TrackBuffer>]
    /// The first two tracks' names, matched before ``trackIDs`` (a separate allocation).
    private let firstTrackID: TrackID?
    private let secondTrackID: TrackID?
    private let frameBytes: Int
    private let bytesPerSample: Int
    private let silence: UInt8
    private let encoding: MediaFormat.Encoding
    private let sampleRate: Int
    private let jitterWindow: Int64
    /// Every position below this has been written out (or dropped); nil before the first frame.
    private var written: Int64?
    private let segment: UnsafeMutableRawBufferPointer
    private var segmentFill = 0
    /// Where the audio written to the segment and not yet measured by the quality monitor
    /// starts: the monitor reads a segment's audio once, when the segment is emitted (or when a
    /// host asks for levels or events), not frame by frame, so a frame touches less memory.
    private var unobserved: Int?
    /// The channels whose exclusion span is open (bit per channel), so runs with none excluded
    /// skip the exclusion bookkeeping.
    private var openExclusionChannels: UInt64 = 0
    private var gate = GateSchedule()
    private var timeline = RecordingTimeline()
    private var statisticsStorage = RecorderStatistics(tracks: [])
    private let tracks: [TrackBuffer]
    private let trackIDs: [TrackID]
    private var openPause: Int?
    private var openExclusions: [Int?]
    let monitor: QualityMonitor
    /// The sink, holding what it has received.
    public private(set) var sink: Sink
    /// The configuration.
    public let configuration: RecorderConfiguration

    /// The segments handed to the sink so far (the final one included, once finished).
    public var completedSegmentCount: Int { segmentIndex }

    /// Creates a recorder.
    public init(configuration: RecorderConfiguration, sink: Sink) throws {
        self.configuration = configuration
        self.sink = sink
        let format = configuration.format
        bytesPerSample = format.encoding.bytesPerSample ?? 1
        frameBytes = format.bytesPerFrame ?? 1
        silence = format.encoding.silenceByte ?? 0
        trackIDs = configuration.tracks
        firstTrackID = configuration.tracks.first
        secondTrackID = configuration.tracks.dropFirst().first
        encoding = format.encoding
        sampleRate = format.sampleRate
        jitterWindow = Int64(configuration.jitterWindow)
        tracks = configuration.tracks.map { _ in
            TrackBuffer(capacity: configuration.bufferCapacity, bytesPerSample: format.encoding.bytesPerSample ?? 1)
        }
        trackHandles = tracks.map { Unmanaged.passUnretained($0) }
        trackCount = tracks.count
        guard let first = trackHandles.first else {
            throw RecorderError.invalidConfiguration(reason: "a recording needs at least one track")
        }
        firstTrack = first
        secondTrack = trackHandles.count > 1 ? trackHandles[1] : nil
        segment = UnsafeMutableRawBufferPointer.allocate(byteCount: configuration.segmentSize, alignment: 64)
        openExclusions = Array(repeating: nil, count: configuration.tracks.count)
        monitor = QualityMonitor(configuration: configuration)
    }

    deinit {
        segment.deallocate()
    }

    /// The channel a track is recorded in.
    public func channel(for track: TrackID) -> Int? {
        // Looked up for every frame: the first two names sit in the recorder itself.
        if track == firstTrackID { return 0 }
        if track == secondTrackID { return 1 }
        for index in trackIDs.indices.dropFirst(2) where trackIDs[index] == track { return index }
        return nil
    }

    /// Statistics so far.
    public var statistics: RecorderStatistics {
        observePending()
        var statistics = statisticsStorage
        statistics.tracks = tracks.map(\.statistics)
        statistics.droppedQualityEvents = monitor.droppedEvents
        return statistics
    }

    /// The timeline so far.
    public var recordingTimeline: RecordingTimeline { timeline }

    /// Quality events raised since the last call (at most the last 64; older ones are counted in
    /// ``RecorderStatistics/droppedQualityEvents``).
    public func drainQualityEvents() -> [QualityEvent] {
        observePending()
        return monitor.drain()
    }

    /// Each track's level over the last measured block, in dBFS, in channel order.
    public var levels: [Double] {
        observePending()
        return monitor.levels
    }

    /// Hands the quality monitor the audio written since it last looked.
    private func observePending() {
        guard let start = unobserved else { return }
        unobserved = nil
        guard segmentFill > start else { return }
        monitor.observe(
            UnsafeRawBufferPointer(rebasing: segment[start..<segmentFill]), frames: (segmentFill - start) / frameBytes)
    }

    // MARK: Gate

    /// Queues a gate command for `position` on the call's timeline. It takes effect exactly there,
    /// unless that position was already written out, in which case it takes effect at the first
    /// unwritten position and is counted in ``RecorderStatistics/lateCommands``.
    public func command(_ command: GateCommand, at position: Int64) {
        var effective = position
        if let written, position < written {
            statisticsStorage.lateCommands += 1
            effective = written
        }
        gate.schedule(command, at: effective)
    }

    // MARK: Frames

    /// Takes a frame from a source. Audio frames must be mono, at the recording's rate; PCM 16-bit
    /// and G.711 frames are converted to the recording's encoding.
    public func ingest(_ frame: MediaFrame) throws {
        guard let channel = channel(for: frame.track) else { throw RecorderError.unknownTrack(frame.track) }
        guard case .audio(let format, let samples) = frame.content else { return }
        guard format.channelCount == 1, format.sampleRate == sampleRate,
            format.encoding.bytesPerSample != nil
        else {
            throw RecorderError.formatMismatch(track: frame.track, expected: configuration.format, found: format)
        }
        try samples.withUnsafeBytes { bytes in
            try ingestAudio(
                channel: channel, timestamp: frame.timestamp, sequenceNumber: frame.sequenceNumber, samples: bytes,
                encoding: format.encoding)
        }
    }

    /// Takes one track's samples: the allocation-free path for hosts that hold frames in their own
    /// buffers.
    ///
    /// - Parameters:
    ///   - channel: the track's channel (see ``channel(for:)``).
    ///   - timestamp: the first sample's position on the call's timeline.
    ///   - sequenceNumber: the track's frame counter.
    ///   - samples: mono samples in `encoding`.
    ///   - encoding: the samples' encoding; converted if it differs from the recording's.
    /// - Throws: ``RecorderError`` when the recorder is finished, `channel` does not exist, the
    ///   bytes end in a partial sample, the frame is longer than half the track buffer, or
    ///   `encoding` cannot be converted to the recording's.
    public func ingestAudio(
        channel: Int, timestamp: Int64, sequenceNumber: UInt64, samples: UnsafeRawBufferPointer,
        encoding: MediaFormat.Encoding
    ) throws {
        guard !isFinished else { throw RecorderError.finished }
        guard channel >= 0, channel < trackCount else {
            throw RecorderError.invalidConfiguration(reason: "channel \(channel) does not exist")
        }
        if encoding != self.encoding {
            try ingestConverted(
                channel: channel, timestamp: timestamp, sequenceNumber: sequenceNumber, samples: samples, from: encoding
            )
            return
        }
        try handle(channel)._withUnsafeGuaranteedRef { track in
            try ingest(samples, into: track, channel: channel, timestamp: timestamp, sequenceNumber: sequenceNumber)
        }
    }

    /// The buffer of `channel`, which must exist.
    @inline(__always)
    private func handle(_ channel: Int) -> Unmanaged<TrackBuffer> {
        if channel == 0 { return firstTrack }
        if channel == 1, let secondTrack { return secondTrack }
        return trackHandles[channel]
    }

    /// ``ingestAudio(channel:timestamp:sequenceNumber:samples:encoding:)`` once the samples are in
    /// the recording's encoding. The track comes as a guaranteed reference: a frame of a call
    /// that has gone cold in the cache pays no atomic retain and release on its buffer.
    private func ingest(
        _ samples: UnsafeRawBufferPointer, into track: TrackBuffer, channel: Int, timestamp: Int64,
        sequenceNumber: UInt64
    ) throws {
        guard samples.count % bytesPerSample == 0 else {
            track.statistics.malformedFrames += 1
            throw RecorderError.partialSample(track: configuration.tracks[channel], byteCount: samples.count)
        }
        var start = timestamp
        var count = samples.count / bytesPerSample
        guard count > 0 else { return }
        guard count <= track.capacity / 2 else {
            track.statistics.malformedFrames += 1
            throw RecorderError.invalidConfiguration(
                reason: "a frame of \(count) samples is longer than half the track buffer (\(track.capacity))")
        }
        if track.noteSequence(sequenceNumber) {
            track.statistics.duplicateFrames += 1
            return
        }
        if written == nil { written = timestamp - jitterWindow }
        var offset = 0
        if let written, start < written {
            // Partly or wholly late: that span is already written.
            track.statistics.lateFrames += 1
            let late = Int(min(Int64(count), written - start))
            guard late < count else { return }
            offset = late
            start += Int64(late)
            count -= late
        }
        let end = start + Int64(count)
        if track.isCovered(start..<end) {
            track.statistics.duplicateFrames += 1
            return
        }
        if let latest = track.latestEnd, start < latest { track.statistics.reorderedFrames += 1 }
        // Overflow policy: a frame beyond the buffer makes room by writing out the oldest span.
        if let written, end - written > Int64(track.capacity) {
            try writeOut(upTo: end - Int64(track.capacity), forced: true)
        }
        track.store(
            UnsafeRawBufferPointer(rebasing: samples[(offset * bytesPerSample)..<((offset + count) * bytesPerSample)]),
            at: start, count: count)
        track.statistics.framesReceived += 1
        try advance()
    }

    /// Writes out everything every track has delivered, and everything older than the jitter window.
    private func advance() throws {
        guard let written else { return }
        var latest: Int64?
        for channel in 0..<trackCount {
            if let end = handle(channel)._withUnsafeGuaranteedRef(\.latestEnd), latest.map({ end > $0 }) ?? true {
                latest = end
            }
        }
        guard let latest else { return }
        var allDelivered = latest
        for channel in 0..<trackCount {
            allDelivered = min(
                allDelivered, handle(channel)._withUnsafeGuaranteedRef { $0.firstMissing(from: written, limit: latest) }
            )
        }
        let target = max(allDelivered, latest - jitterWindow)
        if target > written { try writeOut(upTo: target, forced: false) }
    }

    /// Writes out positions from the written point up to `end`, in runs over which the gate does
    /// not change.
    private func writeOut(upTo end: Int64, forced: Bool) throws {
        guard var position = written, end > position else { return }
        while position < end {
            // Checked here first: forming the `channel(for:)` closure retains the recorder, an
            // atomic operation every frame would pay for commands that are rarely due.
            if let next = gate.nextChangePosition, next <= position,
                let stop = gate.applyCommands(upTo: position, channel: channel(for:)), timeline.stoppedAt == nil
            {
                timeline.stoppedAt = stop
            }
            let runEnd = min(end, gate.nextChangePosition.map { max($0, position + 1) } ?? end)
            try writeRun(position..<runEnd, forced: forced)
            for channel in 0..<trackCount {
                handle(channel)._withUnsafeGuaranteedRef { track in
                    track.clear(position..<runEnd)
                    track.didWrite(upTo: runEnd)
                }
            }
            position = runEnd
            written = position
        }
    }

    private func writeRun(_ run: Range<Int64>, forced: Bool) throws {
        guard gate.isRecording else { return }
        if timeline.origin == nil { timeline.origin = run.lowerBound }
        if gate.isPaused {
            notePause(run)
            if configuration.pauseRendering == .silence { try writeSilence(frames: Int(run.count)) }
            return
        }
        closePause()
        noteExclusions(run)
        var position = run.lowerBound
        while position < run.upperBound {
            let room = (segment.count - segmentFill) / frameBytes
            let chunk = Int(min(Int64(room), run.upperBound - position))
            interleave(position..<(position + Int64(chunk)), forced: forced)
            if unobserved == nil { unobserved = segmentFill }
            segmentFill += chunk * frameBytes
            timeline.frameCount += Int64(chunk)
            statisticsStorage.framesWritten += Int64(chunk)
            position += Int64(chunk)
            if segmentFill == segment.count { try emitSegment(isFinal: false) }
        }
    }

    /// Copies `range` from every track into the segment, interleaved; missing and excluded samples
    /// are silence.
    private func interleave(_ range: Range<Int64>, forced: Bool) {
        guard let base = segment.baseAddress else { return }
        let out = base + segmentFill
        let count = Int(range.count)
        if trackCount == 2, bytesPerSample == 1, gate.excludedChannels == 0,
            interleavePair(range, to: out.assumingMemoryBound(to: UInt8.self))
        {
            return
        }
        for (channel, track) in tracks.enumerated() {
            let destination = out + channel * bytesPerSample
            if gate.isExcluded(channel) {
                fillSilence(destination, count: count)
                continue
            }
            if track.isCovered(range) {
                copy(from: track, range: range, to: destination)
            } else {
                var missing: Int64 = 0
                for (index, position) in range.enumerated() {
                    let target = destination + index * frameBytes
                    if track.isCovered(position) {
                        let slot = track.slot(position)
                        target.copyMemory(from: track.samples + slot * bytesPerSample, byteCount: bytesPerSample)
                    } else {
                        storeSilence(target)
                        missing += 1
                    }
                }
                if forced {
                    track.statistics.overflowSamples += missing
                } else {
                    track.statistics.missingSamples += missing
                }
            }
        }
    }

    /// The common case of a stereo call with one-byte samples, both tracks present over `range`
    /// and neither excluded: writes each pair of samples side by side in one pass, four frames
    /// per 8-byte store. Returns false (writing nothing) when a track is missing part of `range`.
    private func interleavePair(_ range: Range<Int64>, to out: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let secondTrack else { return false }
        return firstTrack._withUnsafeGuaranteedRef { first in
            secondTrack._withUnsafeGuaranteedRef { second in
                Self.interleave(first, second, range, to: out)
            }
        }
    }

    private static func interleave(
        _ first: TrackBuffer, _ second: TrackBuffer, _ range: Range<Int64>, to out: UnsafeMutablePointer<UInt8>
    ) -> Bool {
        guard first.isCovered(range), second.isCovered(range) else { return false }
        var position = range.lowerBound
        var written = 0
        while position < range.upperBound {
            // A run that does not wrap around either ring (both have the same capacity).
            let slot = first.slot(position)
            let run = Int(min(Int64(first.capacity - slot), range.upperBound - position))
            let left = first.samples.assumingMemoryBound(to: UInt8.self) + slot
            let right = second.samples.assumingMemoryBound(to: UInt8.self) + slot
            let target = out + written * 2
            var index = 0
            while index + 4 <= run {
                let pair =
                    Self.spread(UnsafeRawPointer(left + index).loadUnaligned(as: UInt32.self))
                    | Self.spread(UnsafeRawPointer(right + index).loadUnaligned(as: UInt32.self)) << 8
                UnsafeMutableRawPointer(target + index * 2).storeBytes(of: pair.littleEndian, as: UInt64.self)
                index += 4
            }
            while index < run {
                target[index * 2] = left[index]
                target[index * 2 + 1] = right[index]
                index += 1
            }
            position += Int64(run)
            written += run
        }
        return true
    }

    /// Moves byte k of `value` (as stored, little-endian) to byte 2k of the result.
    @inline(__always)
    private static func spread(_ value: UInt32) -> UInt64 {
        var spread = UInt64(UInt32(littleEndian: value))
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        return spread
    }

    private func copy(from track: TrackBuffer, range: Range<Int64>, to destination: UnsafeMutableRawPointer) {
        var position = range.lowerBound
        var outIndex = 0
        while position < range.upperBound {
            let slot = track.slot(position)
            let run = Int(min(Int64(track.capacity - slot), range.upperBound - position))
            if bytesPerSample == 1 {
                let source = track.samples.assumingMemoryBound(to: UInt8.self) + slot
                let target = (destination + outIndex * frameBytes).assumingMemoryBound(to: UInt8.self)
                for index in 0..<run { target[index * frameBytes] = source[index] }
            } else {
                for index in 0..<run {
                    (destination + (outIndex + index) * frameBytes)
                        .copyMemory(from: track.samples + (slot + index) * bytesPerSample, byteCount: bytesPerSample)
                }
            }
            position += Int64(run)
            outIndex += run
        }
    }

    private func fillSilence(_ destination: UnsafeMutableRawPointer, count: Int) {
        for index in 0..<count { storeSilence(destination + index * frameBytes) }
    }

    @inline(__always)
    private func storeSilence(_ target: UnsafeMutableRawPointer) {
        target.storeBytes(of: silence, as: UInt8.self)
        if bytesPerSample == 2 { (target + 1).storeBytes(of: silence, as: UInt8.self) }
    }

    private func writeSilence(frames: Int) throws {
        // A paused span's silence is not the call's audio: the monitor measures what came before.
        observePending()
        var remaining = frames
        while remaining > 0 {
            let room = (segment.count - segmentFill) / frameBytes
            let chunk = min(room, remaining)
            if let base = segment.baseAddress {
                for channel in 0..<tracks.count {
                    let destination = base + segmentFill + channel * bytesPerSample
                    for index in 0..<chunk { storeSilence(destination + index * frameBytes) }
                }
            }
            segmentFill += chunk * frameBytes
            timeline.frameCount += Int64(chunk)
            statisticsStorage.framesWritten += Int64(chunk)
            remaining -= chunk
            if segmentFill == segment.count { try emitSegment(isFinal: false) }
        }
    }

    private func emitSegment(isFinal: Bool) throws {
        observePending()
        let frames = segmentFill / frameBytes
        let first = timeline.frameCount - Int64(frames)
        try sink.segmentCompleted(
            RecordedSegment(
                index: segmentIndex, firstFrame: first, frameCount: frames,
                bytes: UnsafeRawBufferPointer(rebasing: segment[..<segmentFill]), isFinal: isFinal))
        segmentIndex += 1
        segmentFill = 0
        statisticsStorage.segmentsCompleted += 1
    }

    // MARK: Timeline bookkeeping

    private func notePause(_ run: Range<Int64>) {
        let length = Int64(run.count)
        if let index = openPause, timeline.pauses[index].reasons == gate.pauseReasons {
            timeline.pauses[index].frameCount += length
            return
        }
        timeline.pauses.append(
            RecordingTimeline.PausedSpan(
                callPosition: run.lowerBound, recordingFrame: timeline.frameCount, frameCount: length,
                reasons: gate.pauseReasons, writtenAsSilence: configuration.pauseRendering == .silence))
        openPause = timeline.pauses.count - 1
    }

    private func closePause() {
        openPause = nil
    }

    private func noteExclusions(_ run: Range<Int64>) {
        guard gate.excludedChannels != 0 || openExclusionChannels != 0 else { return }
        for channel in tracks.indices {
            if gate.isExcluded(channel) {
                if let index = openExclusions[channel] {
                    timeline.exclusions[index].frameCount += Int64(run.count)
                } else {
                    timeline.exclusions.append(
                        RecordingTimeline.ExcludedSpan(
                            track: configuration.tracks[channel], recordingFrame: timeline.frameCount,
                            frameCount: Int64(run.count)))
                    openExclusions[channel] = timeline.exclusions.count - 1
                    openExclusionChannels |= 1 << UInt64(channel)
                }
            } else if openExclusions[channel] != nil {
                openExclusions[channel] = nil
                openExclusionChannels &= ~(1 << UInt64(channel))
            }
        }
    }

    // MARK: Finishing

    /// Writes out everything still buffered (missing spans as silence), applies the remaining
    /// commands, hands the sink the final segment, and returns the timeline.
    @discardableResult
    public func finish() throws -> RecordingTimeline {
        guard !isFinished else { throw RecorderError.finished }
        if let written {
            let latest = tracks.compactMap(\.latestEnd).max() ?? written
            try writeOut(upTo: max(latest, written), forced: false)
            if let stop = gate.applyCommands(upTo: .max, channel: channel(for:)), timeline.stoppedAt == nil {
                timeline.stoppedAt = stop
            }
        }
        try emitSegment(isFinal: true)
        isFinished = true
        return timeline
    }
}

/// Not `Sendable`, on purpose: a recorder holds jitter buffers, a segment being filled and the
/// consent gate, mutated by every frame and command without a lock. A frame ingested on one task
/// while a pause is commanded on another could write audio the gate should have kept out; one
/// owner (a recording session) drives it.
@available(*, unavailable)
extension Recorder: Sendable {}
