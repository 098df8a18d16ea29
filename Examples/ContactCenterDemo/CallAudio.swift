import CallVault
import CallVaultCapture
import CallVaultCore
import CallVaultTestKit
import Foundation

/// The demo's speech clips: short G.711 mu-law recordings of each caller and agent, made with
/// espeak-ng and sox (Scripts/make-demo-audio.sh).
struct Clips {
    private let samples: [String: [UInt8]]

    static let names = [
        "de-customer", "de-agent", "gb-customer", "gb-agent", "ae-customer", "ae-agent", "us-customer", "us-agent",
        "ca-third-party",
    ]

    static func load() throws -> Clips {
        var samples: [String: [UInt8]] = [:]
        for name in names {
            guard let url = Bundle.module.url(forResource: name, withExtension: "wav", subdirectory: "Audio") else {
                throw DemoError.missingClip(name)
            }
            var reader = try WAVReader(path: url.path)
            // The same rule as `callvault seal`: a clip holding more than its audio is refused.
            try reader.header.checkEverythingKept(path: "\(name).wav")
            samples[name] = try reader.readFrames(maxCount: Int(reader.frameCount))
        }
        return Clips(samples: samples)
    }

    subscript(name: String) -> [UInt8] { samples[name] ?? [] }
}

/// A call's media: what each track says and when, sent to the session 20 ms at a time as a
/// telephony stack would, with the simulated clock moving along.
struct CallAudio {
    static let rate = 8_000
    static let frame = 160
    static let mono = MediaFormat(encoding: .muLaw, sampleRate: rate, channelCount: 1)

    let session: RecordingSession
    let clock: ManualWallClock
    let tracks: [TrackID]
    private(set) var position: Int64 = 0
    private var speech: [(track: TrackID, samples: [UInt8], start: Int64)] = []
    private var sequence: UInt64 = 0

    init(session: RecordingSession, clock: ManualWallClock, tracks: [TrackID]) {
        self.session = session
        self.clock = clock
        self.tracks = tracks
    }

    /// `clip` starts on `track` now.
    mutating func say(_ clip: [UInt8], on track: TrackID) {
        speech.append((track, clip, position))
    }

    /// How long `clip` lasts, in seconds.
    static func seconds(_ clip: [UInt8]) -> Double { Double(clip.count) / Double(rate) }

    /// Sends `seconds` of media on every track: speech where someone talks, silence elsewhere.
    mutating func run(seconds: Double) async throws {
        let end = position + Int64(seconds * Double(Self.rate))
        while position < end {
            for track in tracks {
                var samples = [UInt8](repeating: 0xFF, count: Self.frame)
                for (speaker, clip, start) in speech where speaker == track {
                    let offset = Int(position - start)
                    guard offset < clip.count, offset + Self.frame > 0 else { continue }
                    for index in 0..<Self.frame where (0..<clip.count).contains(offset + index) {
                        samples[index] = clip[offset + index]
                    }
                }
                try await session.ingest(
                    .audio(samples, format: Self.mono, track: track, sequenceNumber: sequence, timestamp: position))
            }
            sequence += 1
            position += Int64(Self.frame)
            clock.advance(by: .milliseconds(20))
        }
    }
}
