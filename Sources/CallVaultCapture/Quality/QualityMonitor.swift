import CallVaultCore
import Foundation

/// Measures each track's level over fixed blocks of the recorded audio and raises events for
/// clipping, long silences and one-way audio.
///
/// It runs on the audio as it is written, reading a 256-entry magnitude table for G.711 (so a
/// sample costs a table lookup) and keeps its events in a fixed buffer: a host that never drains
/// them loses the oldest, counted, rather than growing memory.
final class QualityMonitor {
    private struct Channel {
        var sumOfSquares: UInt64 = 0
        var clipped = 0
        var silentBlocks = 0
        var inLongSilence = false
        var inOneWay = false
        var level: Double = -120
    }

    private let tracks: [TrackID]
    private let thresholds: QualityThresholds
    private let encoding: MediaFormat.Encoding
    private let frameBytes: Int
    private let blockFrames: Int
    /// For one-byte encodings: each code's squared linear value shifted left 16 bits, plus 1 when
    /// it counts as clipped, so one addition per sample sums both (see ``accumulate``); shared
    /// by every monitor with the same encoding and threshold.
    private let weights: SampleWeights.Table?
    private let clipMagnitude: Int32
    private var channels: [Channel]
    private var blockFill = 0
    private var framesSeen: Int64 = 0
    private var events: [QualityEvent] = []
    private(set) var droppedEvents = 0
    static let eventCapacity = 64

    init(configuration: RecorderConfiguration) {
        tracks = configuration.tracks
        thresholds = configuration.quality
        encoding = configuration.format.encoding
        frameBytes = configuration.format.bytesPerFrame ?? 1
        blockFrames = max(
            1, RecorderConfiguration.frames(in: thresholds.blockDuration, rate: configuration.format.sampleRate))
        // Full scale is the encoding's own: G.711's loudest code decodes to 32,124 (mu-law) or
        // 32,256 (A-law), below 99 % of 16-bit full scale, so measured against `Int16.max` a
        // G.711 recording could never report clipping.
        let fullScale = SampleLevels.magnitudes(for: encoding).max() ?? Int32(Int16.max)
        let clip = Int32(Double(fullScale) * configuration.quality.clippingFraction)
        clipMagnitude = clip
        weights = SampleWeights.table(for: encoding, clip: clip)
        channels = Array(repeating: Channel(), count: configuration.tracks.count)
        events.reserveCapacity(Self.eventCapacity)
    }

    /// The last full block's level per track, in dBFS.
    var levels: [Double] { channels.map(\.level) }

    /// Takes events raised so far.
    func drain() -> [QualityEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// Observes `frames` interleaved sample frames just written.
    func observe(_ bytes: UnsafeRawBufferPointer, frames: Int) {
        var offset = 0
        while offset < frames {
            let chunk = min(frames - offset, blockFrames - blockFill)
            if channels.count == 2, frameBytes == 2, let weights = weights?.weights {
                accumulateStereo(bytes, weights: weights, frames: offset..<(offset + chunk))
            } else {
                for channel in channels.indices {
                    accumulate(bytes, channel: channel, frames: offset..<(offset + chunk))
                }
            }
            blockFill += chunk
            offset += chunk
            framesSeen += Int64(chunk)
            if blockFill == blockFrames { closeBlock() }
        }
    }

    /// Adds one channel's samples over `frames` to its block: one table lookup per G.711 sample.
    private func accumulate(_ bytes: UnsafeRawBufferPointer, channel: Int, frames: Range<Int>) {
        guard let base = bytes.baseAddress, !frames.isEmpty else { return }
        var sum: UInt64 = 0
        var clipped = 0
        let bytesPerSample = frameBytes / channels.count
        let stride = frameBytes
        let first = base + frames.lowerBound * stride + channel * bytesPerSample
        if bytesPerSample == 2 {
            for index in 0..<frames.count {
                let at = first + index * stride
                let value = Int32(
                    Int16(bitPattern: UInt16(at.load(as: UInt8.self)) | UInt16((at + 1).load(as: UInt8.self)) << 8))
                sum &+= UInt64(value * value)
                if abs(value) >= clipMagnitude { clipped += 1 }
            }
        } else {
            // The clip flags sum in the low 16 bits: at most 65,535 samples per run, so they never
            // carry into the squares (32,767² << 16 times 65,535 stays below 2⁶⁴).
            if let weights = weights?.weights {
                var start = 0
                while start < frames.count {
                    let count = min(frames.count - start, 65_535)
                    let codes = (first + start * stride).assumingMemoryBound(to: UInt8.self)
                    var packed: UInt64 = 0
                    for index in 0..<count { packed &+= weights[Int(codes[index * stride])] }
                    sum &+= packed >> 16
                    clipped += Int(packed & 0xFFFF)
                    start += count
                }
            }
        }
        channels[channel].sumOfSquares &+= sum
        channels[channel].clipped += clipped
    }

    /// ``accumulate`` for both channels of a stereo one-byte encoding (the usual call) in one
    /// pass: the segment is read once rather than once per channel, two codes per load.
    private func accumulateStereo(
        _ bytes: UnsafeRawBufferPointer, weights: UnsafePointer<UInt64>, frames: Range<Int>
    ) {
        guard let base = bytes.baseAddress, !frames.isEmpty else { return }
        var start = frames.lowerBound
        while start < frames.upperBound {
            // As in `accumulate`: at most 65,535 samples per run keeps the clip counts in 16 bits.
            let count = min(frames.upperBound - start, 65_535)
            let codes = (base + start * 2).assumingMemoryBound(to: UInt8.self)
            var first: UInt64 = 0
            var second: UInt64 = 0
            for index in 0..<count {
                first &+= weights[Int(codes[2 * index])]
                second &+= weights[Int(codes[2 * index + 1])]
            }
            channels[0].sumOfSquares &+= first >> 16
            channels[0].clipped += Int(first & 0xFFFF)
            channels[1].sumOfSquares &+= second >> 16
            channels[1].clipped += Int(second & 0xFFFF)
            start += count
        }
    }

    private func closeBlock() {
        let silentBlocksForLong = blocks(in: thresholds.longSilence)
        let silentBlocksForOneWay = blocks(in: thresholds.oneWayAudio)
        for index in channels.indices {
            let meanSquare = Double(channels[index].sumOfSquares) / Double(blockFill)
            let level = meanSquare > 0 ? 10 * log10(meanSquare / (32768.0 * 32768.0)) : -120
            channels[index].level = level
            if channels[index].clipped >= thresholds.clippedSamplesPerBlock {
                raise(.clipping(samples: channels[index].clipped), channel: index)
            }
            if level < thresholds.silenceLevel {
                channels[index].silentBlocks += 1
            } else {
                if channels[index].inLongSilence { raise(.longSilenceEnded, channel: index) }
                if channels[index].inOneWay { raise(.oneWayAudioEnded, channel: index) }
                channels[index].silentBlocks = 0
                channels[index].inLongSilence = false
                channels[index].inOneWay = false
            }
            channels[index].sumOfSquares = 0
            channels[index].clipped = 0
        }
        let anyAudible = channels.contains { $0.silentBlocks == 0 }
        for index in channels.indices {
            if channels[index].silentBlocks >= silentBlocksForLong, !channels[index].inLongSilence {
                channels[index].inLongSilence = true
                raise(.longSilenceStarted, channel: index)
            }
            if anyAudible, channels.count > 1, channels[index].silentBlocks >= silentBlocksForOneWay,
                !channels[index].inOneWay
            {
                channels[index].inOneWay = true
                raise(.oneWayAudioStarted, channel: index)
            }
        }
        blockFill = 0
    }

    private func blocks(in duration: Duration) -> Int {
        let block = thresholds.blockDuration
        guard block > .zero else { return 1 }
        return max(1, Int((duration / block).rounded(.up)))
    }

    private func raise(_ kind: QualityEvent.Kind, channel: Int) {
        let event = QualityEvent(
            track: tracks[channel], kind: kind, recordingFrame: framesSeen, levelDBFS: channels[channel].level)
        if events.count >= Self.eventCapacity {
            events.removeFirst()
            droppedEvents += 1
        }
        events.append(event)
    }
}
