import ArgumentParser
import CallVaultCore
import CallVaultCrypto
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an envelope's header and layout (no key needed).",
        discussion: """
            Nothing shown is authenticated: the header MAC can only be checked with the data key, so \
            'open' is what proves a file intact.
            """
    )

    @Flag(help: "Print JSON (stable keys, for scripts).")
    var json = false

    @Argument(help: ArgumentHelp("The envelope to inspect.", valueName: "input"))
    var input: String

    func run() throws {
        try reportingFailures {
            let source = try FileByteSource(path: input)
            let header = try EnvelopeHeader.read(from: source)
            let layout = try EnvelopeLayout.measure(header, in: source)
            let report = InspectReport(header: header, layout: layout)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text)
            }
        }
    }
}

/// What `inspect` reports; its JSON keys are part of the tool's interface.
struct InspectReport: Encodable {
    struct Media: Encodable {
        var encoding: String
        var sampleRate: Int
        var channels: Int
    }

    struct Context: Encodable {
        var tenant: String
        var callID: String
        var channelLayout: [String]
        var startTime: String?
    }

    var authenticated = false
    var formatVersion: Int
    var algorithm: String
    var recordingID: String
    var mediaFormat: Media?
    var durationSeconds: Double?
    var segmentSize: Int
    var headerLength: Int
    var sealedSegmentLength: Int
    var segmentCount: Int
    var complete: Bool
    var lastSegmentPresent: Bool
    var trailingBytes: Int
    var plaintextLength: UInt64
    var declaredPlaintextLength: UInt64?
    var context: Context
    var recipients: [String]
    var keyCommitment: String

    init(header: EnvelopeHeader, layout: EnvelopeLayout) {
        formatVersion = Int(header.formatVersion)
        algorithm = header.algorithm.description
        recordingID = header.recordingID.description
        if let format = header.mediaFormat {
            mediaFormat = Media(
                encoding: format.encoding.description, sampleRate: format.sampleRate, channels: format.channelCount)
            durationSeconds = format.bytesPerSecond.map { Double(layout.readablePlaintextByteCount) / Double($0) }
        }
        segmentSize = header.segmentSize
        headerLength = header.byteCount
        sealedSegmentLength = header.sealedSegmentByteCount
        segmentCount = layout.readableSegmentCount
        complete = layout.isComplete
        lastSegmentPresent = layout.isComplete
        trailingBytes = layout.trailingByteCount
        plaintextLength = layout.readablePlaintextByteCount
        declaredPlaintextLength = header.declaredPlaintextByteCount
        context = Context(
            tenant: header.context.tenant, callID: header.context.callID, channelLayout: header.context.channelLayout,
            startTime: header.context.startTime.map(CivilTime.iso8601WholeSeconds))
        recipients = header.recipients.map(\.description)
        keyCommitment = header.keyCommitment.map { String(format: "%02x", $0) }.joined()
    }

    var text: String {
        var lines: [(String, String)] = [
            ("format version", "\(formatVersion)"),
            ("algorithm", algorithm),
            ("recording id", recordingID),
            (
                "media format",
                mediaFormat.map {
                    "\($0.encoding), \($0.sampleRate) Hz, \($0.channels) channel\($0.channels == 1 ? "" : "s")"
                } ?? "none (opaque bytes)"
            ),
        ]
        if let durationSeconds { lines.append(("duration", String(format: "%.3f s", durationSeconds))) }
        lines += [
            ("segment size", "\(segmentSize) bytes"),
            ("header length", "\(headerLength) bytes"),
            ("sealed segment length", "\(sealedSegmentLength) bytes"),
            (
                "segments",
                complete
                    ? "\(segmentCount), last segment present"
                    : "\(segmentCount) full, last segment missing (incomplete: \(trailingBytes) trailing bytes; counted by length, open verifies)"
            ),
            ("plaintext length", "\(plaintextLength) bytes\(complete ? "" : " readable")"),
        ]
        if !context.tenant.isEmpty { lines.append(("tenant", context.tenant)) }
        if !context.callID.isEmpty { lines.append(("call id", context.callID)) }
        if !context.channelLayout.isEmpty { lines.append(("channels", context.channelLayout.joined(separator: ", "))) }
        if let startTime = context.startTime { lines.append(("start time", startTime)) }
        lines.append(
            ("recipients", recipients.isEmpty ? "none in the header (kept in a key store)" : "\(recipients.count)"))
        for fingerprint in recipients { lines.append(("", fingerprint)) }
        lines.append(("key commitment", keyCommitment))
        lines.append(("authenticated", "no: open the envelope to verify it"))
        return lines.map { name, value in
            (name.isEmpty ? "" : name + ":").padding(toLength: 24, withPad: " ", startingAt: 0) + value
        }.joined(separator: "\n")
    }
}
