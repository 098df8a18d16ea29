// Writes the generated seeds of the fuzz corpora with CallVault's own writers: envelopes sealed to
// the fixed fuzz identity under the fixed data key (every shape the reader must handle: declared
// length or streamed, a whole number of segments, empty, recordings, external wraps, cut short) and
// WAV files in each encoding. Run by Fuzz/make-corpus.sh; usage: FuzzSeeds CORPUS_DIR
import CallVaultCapture
import CallVaultCore
@_spi(KnownAnswerTests) import CallVaultCrypto
import Foundation
import FuzzSupport

let corpus = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/Corpus"

func save(_ bytes: [UInt8], _ target: String, _ name: String) throws {
    let folder = corpus + "/" + target
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
}

func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

func envelope(
    _ plaintext: [UInt8], segmentSize: Int, declared: Bool, format: MediaFormat? = nil,
    context: EnvelopeContext = EnvelopeContext(), external: Bool = false
) throws -> [UInt8] {
    let configuration = EnvelopeConfiguration(
        recordingID: RecordingID(
            uuid: UUID(
                uuid: (0x6F, 0x1C, 0x2B, 0x0E, 0x4D, 0x5A, 0x4E, 0x8F, 0x9A, 0x3B, 0x2C, 0x1D, 0x0E, 0x9F, 0x8A, 0x7B))),
        segmentSize: segmentSize, mediaFormat: format, context: context,
        declaredPlaintextByteCount: declared ? UInt64(plaintext.count) : nil,
        wrapPlacement: external ? .external : .embedded)
    let writer = try EnvelopeWriter(
        configuration: configuration, recipients: [try FuzzKeys.identity().recipient], dataKey: try FuzzKeys.dataKey(),
        output: [UInt8]())
    try writer.append(plaintext)
    try writer.finish()
    return writer.output
}

let pcm = MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 8000, channelCount: 1)
let muLaw = MediaFormat(encoding: .muLaw, sampleRate: 8000, channelCount: 1)
let call = EnvelopeContext(
    tenant: "acme", callID: "call-1001", channelLayout: ["agent", "customer"],
    startTime: Date(timeIntervalSince1970: 1_772_445_000))
var envelopes: [(String, [UInt8])] = [
    ("empty-declared", try envelope([], segmentSize: 32, declared: true)),
    ("empty-streamed", try envelope([], segmentSize: 32, declared: false)),
    ("one-byte", try envelope([0x2A], segmentSize: 32, declared: true)),
    ("partial-final-declared", try envelope(pattern(100), segmentSize: 32, declared: true)),
    ("partial-final-streamed", try envelope(pattern(100), segmentSize: 32, declared: false)),
    ("whole-segments-declared", try envelope(pattern(96), segmentSize: 32, declared: true)),
    ("whole-segments-streamed", try envelope(pattern(96), segmentSize: 32, declared: false)),
    ("recording-pcm16", try envelope(pattern(480), segmentSize: 160, declared: true, format: pcm, context: call)),
    ("recording-mulaw-streamed", try envelope(pattern(250), segmentSize: 80, declared: false, format: muLaw)),
    ("external-wraps", try envelope(pattern(70), segmentSize: 32, declared: true, external: true)),
]
// Cut short: after the header, inside the first segment, after whole segments (no end marker).
let streamed = envelopes[6].1
let headerLength = try EnvelopeHeader.read(from: streamed).byteCount
envelopes.append(("cut-after-header", Array(streamed.prefix(headerLength))))
envelopes.append(("cut-in-segment", Array(streamed.prefix(headerLength + 20))))
envelopes.append(("cut-after-two-segments", Array(streamed.prefix(headerLength + 2 * 48))))
for (name, bytes) in envelopes {
    try save(bytes, "FuzzEnvelopeReader", name + ".cvr")
    try save(bytes, "FuzzEnvelopeHeader", name + ".cvr")
}

func wav(_ format: MediaFormat, frames: Int, declared: Bool = true) throws -> [UInt8] {
    let data = pattern(frames * (format.bytesPerFrame ?? 1))
    var writer = try WAVWriter(
        output: WAVMemoryOutput(), format: format, dataByteCount: declared ? UInt64(data.count) : nil)
    try writer.write(data)
    _ = try writer.finish()
    return writer.output.bytes
}

try save(try wav(pcm, frames: 64), "FuzzWAV", "pcm16-8k-mono.wav")
try save(try wav(muLaw, frames: 64), "FuzzWAV", "mulaw-8k-mono.wav")
try save(
    try wav(MediaFormat(encoding: .aLaw, sampleRate: 8000, channelCount: 1), frames: 64), "FuzzWAV", "alaw-8k-mono.wav")
try save(
    try wav(MediaFormat(encoding: .pcm16LittleEndian, sampleRate: 16000, channelCount: 2), frames: 32), "FuzzWAV",
    "pcm16-16k-stereo.wav")
try save(try wav(pcm, frames: 0), "FuzzWAV", "pcm16-empty.wav")
try save(try wav(pcm, frames: 40, declared: false), "FuzzWAV", "pcm16-streamed.wav")
print("seeds written to \(corpus)")
