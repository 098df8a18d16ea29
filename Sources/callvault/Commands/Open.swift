import ArgumentParser
import CallVaultCapture
import CallVaultCore
import CallVaultCrypto
import Foundation

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt an envelope, whole or a time range of a recording.",
        discussion: """
            A recording sealed from a WAV file is written as a WAV file. With --from/--to only the segments \
            holding that span are read, and the output holds exactly the sample frames from --from to --to.
            Nothing is written to OUTPUT unless every segment needed verifies: a tampered envelope fails \
            naming the first bad segment; a truncated one fails saying how many segments are intact, unless \
            --allow-incomplete, which writes the verified part and says where it ends.
            OUTPUT must be a new or regular file, never the input or the identity file; it is written \
            unnamed until complete, so an interrupted run leaves no plaintext behind.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The identity file to open it with.", valueName: "file"))
    var identity: String

    @Option(help: ArgumentHelp("Start of the range to decrypt, in seconds.", valueName: "seconds"))
    var from: Double?

    @Option(help: ArgumentHelp("End of the range to decrypt, in seconds.", valueName: "seconds"))
    var to: Double?

    @Flag(help: "Write the verified part of a recording that was cut short.")
    var allowIncomplete = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Path of the decrypted file to write.", valueName: "file"))
    var output: String

    @Argument(help: ArgumentHelp("The envelope to decrypt.", valueName: "input"))
    var input: String

    func run() throws {
        try reportingFailures {
            try FileEnvelopeOutput.checkDestination(output, distinctFrom: [input, identity])
            let source = try FileByteSource(path: input)
            let header = try EnvelopeHeader.read(from: source)
            let key = try Inputs.identity(identity)
            let reader = try EnvelopeReader(source: source, identity: key)
            let audioFormat = header.mediaFormat.flatMap { $0.bytesPerFrame == nil ? nil : $0 }

            var range: Range<UInt64>?
            if from != nil || to != nil {
                guard let format = audioFormat, let bytesPerSecond = format.bytesPerSecond else {
                    throw ToolError.rangeWithoutAudio
                }
                let duration = Double(reader.layout.readablePlaintextByteCount) / Double(bytesPerSecond)
                var end = to ?? duration
                if end > duration, (from ?? 0) < duration {
                    Terminal.note("the recording ends at \(String(format: "%.3f", duration)) s; writing up to its end")
                    end = duration
                }
                range = try reader.byteRange(fromSeconds: from ?? 0, toSeconds: end)
            }
            let length = range.map { UInt64($0.count) } ?? reader.layout.readablePlaintextByteCount
            var prefix: [UInt8] = []
            if let audioFormat {
                prefix = try WAVHeader.canonicalBytes(for: audioFormat, dataByteCount: length)
            }
            let suffix: [UInt8] = audioFormat != nil && length % 2 == 1 ? [0] : []
            let progress = ProgressLine("opening")
            let result = try reader.decrypt(
                toFile: output, range: range, allowIncomplete: allowIncomplete, prefix: prefix, suffix: suffix,
                progress: progress.update)
            progress.finish()
            if !reader.layout.isComplete {
                var end = "\(reader.layout.readablePlaintextByteCount) bytes"
                if let bytesPerSecond = audioFormat?.bytesPerSecond {
                    end += String(
                        format: ", %.3f s", Double(reader.layout.readablePlaintextByteCount) / Double(bytesPerSecond))
                }
                Terminal.note(
                    "warning: the recording is incomplete; wrote from its \(reader.layout.readableSegmentCount) verified "
                        + "segments, which end at \(end). \(result.plaintextByteCount) bytes written to \(output).")
            }
        }
    }
}
