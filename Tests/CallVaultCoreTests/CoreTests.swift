import CallVaultCore
import Testing

@Suite("Core value types")
struct CoreTests {
    @Test("recording ids round-trip through text and bytes")
    func recordingID() throws {
        let id = RecordingID()
        #expect(RecordingID(parsing: id.description) == id)
        #expect(RecordingID(bytes: id.bytes) == id)
        #expect(id.bytes.count == 16)
        #expect(RecordingID(parsing: "not-a-uuid") == nil)
        #expect(RecordingID(bytes: [1, 2, 3]) == nil)
        #expect(id != RecordingID())
    }

    @Test("media formats know their frame and byte rates")
    func mediaFormat() {
        let telephone = MediaFormat(encoding: .muLaw, sampleRate: 8_000, channelCount: 2)
        #expect(telephone.bytesPerFrame == 2)
        #expect(telephone.bytesPerSecond == 16_000)
        let wideband = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 16_000, channelCount: 1)
        #expect(wideband.bytesPerSecond == 32_000)
        let opus = MediaFormat(encoding: .opaque, sampleRate: 48_000, channelCount: 2)
        #expect(opus.bytesPerFrame == nil)
        #expect(telephone.description == "G.711 mu-law, 8000 Hz, 2 channels")
    }

    @Test("encodings round-trip through their stored codes; unknown codes are nil")
    func encodingCodes() {
        for encoding in [MediaFormat.Encoding.pcm16LittleEndian, .muLaw, .aLaw, .opaque] {
            #expect(MediaFormat.Encoding(code: encoding.code) == encoding)
        }
        #expect(MediaFormat.Encoding(code: 0) == nil)
        #expect(MediaFormat.Encoding(code: 200) == nil)
    }
}
