public import CallVaultCapture
import CallVaultCore
import Foundation

/// The audible warning tone a recording session puts on the recording where it stands for a
/// recorded announcement (Connecticut, CGS 52-570d(a)(3): "an automatic tone warning device" heard
/// "at intervals of approximately fifteen seconds").
///
/// A 1,400 Hz beep of 200 ms (the classic recorder-connector beep) starting at ``start`` and
/// repeating every ``interval``, mixed into every audio frame that overlaps a beep, on every track,
/// so it is heard whichever channel is played.
public struct WarningTone: Hashable, Sendable {
    /// Where the first beep starts on the call's media timeline, in sample frames.
    public let start: Int64
    /// Sample frames from one beep's start to the next.
    public let interval: Int64
    /// Sample frames one beep lasts.
    public let length: Int64
    /// Samples per second.
    public let sampleRate: Int
    /// The beep's pitch.
    public static let frequency = 1_400.0
    /// The beep's peak, in 16-bit units (about -12 dBFS: clearly heard over speech, never clipping
    /// a quiet voice).
    public static let amplitude = 8_000.0

    /// Describes a tone starting at `start` and repeating every `every`, at `sampleRate`.
    public init(start: Int64, every: Duration, sampleRate: Int) {
        self.start = start
        self.sampleRate = sampleRate
        let parts = every.components
        let rate = Int64(sampleRate)
        self.interval = max(1, parts.seconds * rate + parts.attoseconds / 1_000_000_000 * rate / 1_000_000_000)
        self.length = max(1, rate / 5)
    }

    /// The tone's sample at `position`, or nil between beeps.
    func sample(at position: Int64) -> Int16? {
        guard position >= start else { return nil }
        let intoBeep = (position - start) % interval
        guard intoBeep < length else { return nil }
        let phase = 2 * Double.pi * Self.frequency * Double(intoBeep) / Double(sampleRate)
        return Int16(Self.amplitude * sin(phase))
    }

    /// `frame` with the tone mixed into the samples that fall on a beep (PCM 16-bit and G.711 audio;
    /// anything else is returned as it is).
    public func mixed(into frame: MediaFrame) -> MediaFrame {
        guard case .audio(let format, var samples) = frame.content else { return frame }
        let count = Int64(samples.count / max(format.encoding.bytesPerSample ?? 1, 1))
        // Nothing to do unless the frame overlaps a beep.
        guard frame.timestamp + count > start,
            (frame.timestamp..<(frame.timestamp + count)).contains(where: { sample(at: $0) != nil })
        else { return frame }
        for offset in 0..<Int(count) {
            guard let tone = sample(at: frame.timestamp + Int64(offset)) else { continue }
            switch format.encoding {
            case .muLaw:
                let mixed = Self.add(G711.MuLaw.decodeTable[Int(samples[offset])], tone)
                samples[offset] = G711.MuLaw.encode(mixed)
            case .aLaw:
                let mixed = Self.add(G711.ALaw.decodeTable[Int(samples[offset])], tone)
                samples[offset] = G711.ALaw.encode(mixed)
            case .pcm16LittleEndian:
                let voice = Int16(bitPattern: UInt16(samples[2 * offset]) | UInt16(samples[2 * offset + 1]) << 8)
                let mixed = UInt16(bitPattern: Self.add(voice, tone))
                samples[2 * offset] = UInt8(truncatingIfNeeded: mixed)
                samples[2 * offset + 1] = UInt8(truncatingIfNeeded: mixed >> 8)
            default:
                return frame
            }
        }
        var result = frame
        result.content = .audio(format: format, samples: samples)
        return result
    }

    private static func add(_ voice: Int16, _ tone: Int16) -> Int16 {
        Int16(clamping: Int32(voice) + Int32(tone))
    }
}
