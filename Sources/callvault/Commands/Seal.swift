import ArgumentParser
import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import Foundation

struct Seal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encrypt a file for one or more recipients.",
        discussion: """
            A WAV file (PCM 16-bit, G.711 mu-law or A-law) is sealed as a recording: its audio format and \
            duration go into the authenticated header and each segment holds whole sample frames, so \
            'open --from/--to' can later decrypt just a time range. Any other file is sealed byte for byte.
            With --raw, a pipe or device (such as /dev/stdin) is read to its end and sealed as a stream, \
            its length proven by its end marker; an empty stream is refused. OUTPUT must be a new or \
            regular file, and never the input or a key file given.
            """
    )

    @Option(
        name: .customLong("recipient"),
        help: ArgumentHelp(
            "A recipient string (callvault1...) or a .pub file; repeat for more.", valueName: "recipient"))
    var recipients: [String]

    @Option(
        help: ArgumentHelp("Plaintext bytes per segment (default: one second of audio, or 64 KiB).", valueName: "bytes")
    )
    var segmentSize: Int?

    @Option(help: "Tenant identifier to record in the header.")
    var tenant = ""

    @Option(help: "Call identifier to record in the header.")
    var callID = ""

    @Option(help: ArgumentHelp("Comma-separated channel labels, e.g. agent,customer.", valueName: "labels"))
    var channels: String?

    @Flag(help: "Seal the input byte for byte, even if it is a WAV file.")
    var raw = false

    @Flag(
        help: """
            Seal a WAV file's audio even though it holds content a recording does not keep (metadata chunks such as \
            LIST or bext, a fact chunk that disagrees with the audio, a speaker-position mask, extra format bytes); \
            standard error names what was dropped.
            """)
    var dropMetadata = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Path of the envelope to write.", valueName: "file"))
    var output: String

    @Argument(help: ArgumentHelp("The file to encrypt.", valueName: "input"))
    var input: String

    func validate() throws {
        guard !recipients.isEmpty else { throw ValidationError("Give at least one --recipient.") }
    }

    func run() throws {
        try reportingFailures {
            let recipientKeys = try recipients.map(Inputs.recipient)
            if Inputs.isStream(input), !raw { throw ToolError.streamNeedsRaw(input) }
            try FileEnvelopeOutput.checkDestination(
                output, distinctFrom: [input] + Inputs.existingFiles(recipients))
            let wav = try raw ? nil : wavLayout()
            let dropped = wav?.unkeptFormatDetails ?? []
            let format = wav?.format
            var size = segmentSize ?? EnvelopeConfiguration.defaultSegmentSize(for: format)
            if let frame = format?.bytesPerFrame, size % frame != 0 {
                let rounded = EnvelopeConfiguration.wholeFrameSegmentSize(near: size, frame: frame)
                Terminal.note(
                    "segment size \(size) rounded to \(rounded) bytes to hold whole \(frame)-byte sample frames")
                size = rounded
            }
            let labels = channels.map { $0.split(separator: ",").map(String.init) } ?? []
            if let format, !labels.isEmpty, labels.count != format.channelCount {
                throw ToolError.channelLabelsMismatch(labels: labels.count, channels: format.channelCount)
            }
            let configuration = EnvelopeConfiguration(
                segmentSize: size, mediaFormat: format,
                context: EnvelopeContext(tenant: tenant, callID: callID, channelLayout: labels))
            let progress = ProgressLine("sealing")
            let summary = try EnvelopeFile.seal(
                inputPath: input, inputRange: wav?.dataRange,
                outputPath: output, configuration: configuration, recipients: recipientKeys,
                progress: progress.update)
            progress.finish()
            var what = "\(summary.plaintextByteCount) bytes"
            if let format {
                let seconds = Double(summary.plaintextByteCount) / Double(format.bytesPerSecond ?? 1)
                what = "\(format), \(String(format: "%.3f", seconds)) s"
            }
            Terminal.note(
                "sealed \(input) (\(what)) for \(recipientKeys.count) recipient\(recipientKeys.count == 1 ? "" : "s") "
                    + "into \(output): recording \(summary.header.recordingID), \(summary.segmentCount) segments")
            if !dropped.isEmpty {
                Terminal.note(
                    "dropped (--drop-metadata), not in the recording: \(dropped.map(\.description).joined(separator: "; "))"
                )
            }
        }
    }

    /// The WAV structure of the input, or `nil` when it is not a WAV file.
    private func wavLayout() throws -> WAVHeader? {
        let source = try FileByteSource(path: input)
        guard try source.byteCount() >= 12 else { return nil }
        var magic = [UInt8](repeating: 0, count: 12)
        try magic.withUnsafeMutableBytes { try source.read(into: $0, at: 0) }
        guard WAVHeader.looksLikeWAV(magic) else { return nil }
        let wav: WAVHeader
        do {
            wav = try WAVHeader.parse(from: source)
        } catch let error as WAVFormatError {
            throw ToolError.wavRejected(path: input, reason: error.description)
        }
        if !wav.unkeptFormatDetails.isEmpty, !dropMetadata {
            throw ToolError.unkeptContent(path: input, details: wav.unkeptFormatDetails.map(\.description))
        }
        return wav
    }
}
