import CallVaultCapture
import CallVaultCore
import Testing

/// A frame the recorder refuses is refused with a message naming the rule it broke, never one that
/// contradicts itself (a stereo frame into a two-track recording once read "sent ... 2 channels but
/// the recording is ... 2 channels").
@Suite("Recorder format messages")
struct RecorderFormatMessageTests {
    static func refusal(of format: MediaFormat) throws -> RecorderError {
        let recorder = try RecorderFixture.recorder()
        let frame = MediaFrame.audio(
            [UInt8](repeating: 0x7F, count: 320), format: format, track: .agent, sequenceNumber: 0, timestamp: 0)
        let error = #expect(throws: RecorderError.self) { try recorder.ingest(frame) }
        return try #require(error)
    }

    @Test("a stereo frame into a two-channel recording says frames must be mono, one per track")
    func stereoFrame() throws {
        let error = try Self.refusal(of: RecorderFixture.stereo)
        #expect(error.code == .formatMismatch)
        #expect(error.message.contains("2 channels"))
        #expect(error.message.contains("must be mono, one per track"))
        #expect(!error.message.contains("but the recording is"), "the old self-contradicting wording")
    }

    @Test("a mono frame at another rate names both rates and asks for a resample")
    func otherRate() throws {
        let error = try Self.refusal(of: MediaFormat(encoding: .muLaw, sampleRate: 16_000, channelCount: 1))
        #expect(error.code == .formatMismatch)
        #expect(error.message.contains("16000 Hz"))
        #expect(error.message.contains("8000 Hz"))
        #expect(error.message.contains("resample"))
        #expect(!error.message.contains("mono, one per track"))
    }
}
