import CallVaultCore
import Foundation

/// Byte layout of the header core (format version 1). Integers are big-endian.
///
/// ```
/// magic(8) version(2) algorithm(2) coreLength(4) recordingID(16) segmentSize(4)
/// declaredLength(8) mediaEncoding(1) channelCount(1) sampleRate(4) startTimeMillis(8)
/// tenant(2+n) callID(2+n) labelCount(1) labels(1+n each) keyCommitment(32) headerMAC(32)
/// ```
enum HeaderCoding {
    static func coreByteCount(fromPrefix prefix: [UInt8]) throws -> Int {
        let version = prefix.readBigEndian(as: UInt16.self, at: 8)
        guard version == EnvelopeFormat.version else { throw EnvelopeError.unsupportedFormatVersion(version) }
        let algorithm = EnvelopeAlgorithm(code: prefix.readBigEndian(as: UInt16.self, at: 10))
        guard algorithm.isSupported else { throw EnvelopeError.unsupportedAlgorithm(algorithm) }
        let coreCount = Int(prefix.readBigEndian(as: UInt32.self, at: 12))
        let smallest =
            EnvelopeFormat.prefixByteCount + 16 + 4 + 8 + 1 + 1 + 4 + 8 + 2 + 2 + 1
            + EnvelopeFormat.commitmentByteCount + EnvelopeFormat.macByteCount
        guard (smallest...EnvelopeFormat.maximumCoreByteCount).contains(coreCount) else {
            throw EnvelopeError.malformedHeader(
                reason:
                    "its core length \(coreCount) is outside \(smallest)...\(EnvelopeFormat.maximumCoreByteCount) bytes"
            )
        }
        return coreCount
    }

    /// Builds a core (without its MAC, which the caller appends).
    static func encodeCoreWithoutMAC(
        algorithm: EnvelopeAlgorithm, recordingID: RecordingID, segmentSize: Int,
        declaredPlaintextByteCount: UInt64?, mediaFormat: MediaFormat?, context: EnvelopeContext,
        keyCommitment: [UInt8]
    ) -> [UInt8] {
        var bytes = EnvelopeFormat.magic
        bytes.appendBigEndian(EnvelopeFormat.version)
        bytes.appendBigEndian(algorithm.code)
        bytes.appendBigEndian(UInt32(0))  // core length, patched below
        bytes += recordingID.bytes
        bytes.appendBigEndian(UInt32(segmentSize))
        bytes.appendBigEndian(declaredPlaintextByteCount ?? EnvelopeFormat.undeclaredLength)
        bytes.append(mediaFormat?.encoding.code ?? 0)
        bytes.append(UInt8(mediaFormat?.channelCount ?? 0))
        bytes.appendBigEndian(UInt32(mediaFormat?.sampleRate ?? 0))
        let millis = context.startTime.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        bytes.appendBigEndian(UInt64(bitPattern: millis ?? EnvelopeFormat.noStartTime))
        appendString(context.tenant, lengthBytes: 2, to: &bytes)
        appendString(context.callID, lengthBytes: 2, to: &bytes)
        bytes.append(UInt8(context.channelLayout.count))
        for label in context.channelLayout { appendString(label, lengthBytes: 1, to: &bytes) }
        bytes += keyCommitment
        let coreCount = UInt32(bytes.count + EnvelopeFormat.macByteCount)
        bytes.replaceBigEndian(coreCount, at: 12)
        return bytes
    }

    /// Checks writer settings against the limits the decoder enforces, so nothing is written that
    /// could not be read back.
    static func validate(segmentSize: Int, mediaFormat: MediaFormat?, context: EnvelopeContext) throws {
        func invalid(_ reason: String) -> EnvelopeError { .invalidConfiguration(reason: reason) }
        guard (EnvelopeFormat.minimumSegmentSize...EnvelopeFormat.maximumSegmentSize).contains(segmentSize) else {
            throw invalid(
                "segment size \(segmentSize) is outside \(EnvelopeFormat.minimumSegmentSize)...\(EnvelopeFormat.maximumSegmentSize) bytes"
            )
        }
        if let format = mediaFormat {
            guard (1...EnvelopeFormat.maximumChannelCount).contains(format.channelCount) else {
                throw invalid(
                    "channel count \(format.channelCount) is outside 1...\(EnvelopeFormat.maximumChannelCount)")
            }
            guard (1...EnvelopeFormat.maximumSampleRate).contains(format.sampleRate) else {
                throw invalid("sample rate \(format.sampleRate) Hz is outside 1...\(EnvelopeFormat.maximumSampleRate)")
            }
            if let frame = format.bytesPerFrame, segmentSize % frame != 0 {
                throw invalid(
                    "segment size \(segmentSize) is not a whole number of \(frame)-byte sample frames; use \(EnvelopeConfiguration.wholeFrameSegmentSize(near: segmentSize, frame: frame))"
                )
            }
        }
        for (name, value) in [("tenant", context.tenant), ("call id", context.callID)]
        where value.utf8.count > EnvelopeFormat.maximumStringByteCount {
            throw invalid("the \(name) is longer than \(EnvelopeFormat.maximumStringByteCount) UTF-8 bytes")
        }
        guard context.channelLayout.count <= EnvelopeFormat.maximumChannelLabels else {
            throw invalid("more than \(EnvelopeFormat.maximumChannelLabels) channel labels")
        }
        for label in context.channelLayout where label.utf8.count > EnvelopeFormat.maximumLabelByteCount {
            throw invalid(
                "channel label '\(label.prefix(20))...' is longer than \(EnvelopeFormat.maximumLabelByteCount) bytes")
        }
    }

    /// Parses and validates a complete core. The MAC is not checked here (that needs the key).
    ///
    /// The core length is `core.count`; the fields must end exactly where it puts the key
    /// commitment (`core.count - 64`), as Documentation/ENVELOPE.md requires.
    static func decode(core: [UInt8], wraps: [WrappedDataKey]) throws -> EnvelopeHeader {
        let fields: CoreFields
        do {
            fields = try CoreFields(reading: core, coreCount: core.count)
        } catch is CoreFields.InputEnded {
            // Unreachable: the fields are bounded by core.count - 64, before the bytes end.
            throw EnvelopeError.malformedHeader(reason: "its fields run past the end of the header core")
        }
        try fields.checkEnd(coreCount: core.count, inputByteCount: UInt64(core.count))
        let commitmentStart = core.count - EnvelopeFormat.commitmentByteCount - EnvelopeFormat.macByteCount
        let commitment = Array(core[commitmentStart..<commitmentStart + EnvelopeFormat.commitmentByteCount])
        let algorithm = EnvelopeAlgorithm(code: core.readBigEndian(as: UInt16.self, at: 10))

        var mediaFormat: MediaFormat?
        if fields.encodingCode != 0 {
            guard let encoding = MediaFormat.Encoding(code: fields.encodingCode) else {
                throw EnvelopeError.malformedHeader(reason: "unknown media encoding code \(fields.encodingCode)")
            }
            mediaFormat = MediaFormat(
                encoding: encoding, sampleRate: fields.sampleRate, channelCount: fields.channelCount)
        } else if fields.channelCount != 0 || fields.sampleRate != 0 {
            throw EnvelopeError.malformedHeader(reason: "a channel count or sample rate without a media encoding")
        }
        let context = EnvelopeContext(
            tenant: fields.tenant, callID: fields.callID, channelLayout: fields.labels,
            startTime: fields.startTimeMillis == EnvelopeFormat.noStartTime
                ? nil : Date(timeIntervalSince1970: Double(fields.startTimeMillis) / 1000))
        do {
            try validate(segmentSize: fields.segmentSize, mediaFormat: mediaFormat, context: context)
        } catch let error as EnvelopeError {
            guard case .invalidConfiguration(let reason) = error.reason else { throw error }
            throw EnvelopeError.malformedHeader(reason: reason)
        }
        let declared = fields.declaredLength
        if declared != EnvelopeFormat.undeclaredLength, let frame = mediaFormat?.bytesPerFrame,
            declared % UInt64(frame) != 0
        {
            throw EnvelopeError.malformedHeader(reason: "its declared length is not a whole number of sample frames")
        }
        return EnvelopeHeader(
            algorithm: algorithm, recordingID: fields.recordingID, segmentSize: fields.segmentSize,
            declaredPlaintextByteCount: declared == EnvelopeFormat.undeclaredLength ? nil : declared,
            mediaFormat: mediaFormat, context: context, keyCommitment: commitment, wraps: wraps, core: core)
    }

    private static func appendString(_ value: String, lengthBytes: Int, to bytes: inout [UInt8]) {
        let utf8 = Array(value.utf8)
        if lengthBytes == 2 {
            bytes.appendBigEndian(UInt16(utf8.count))
        } else {
            bytes.append(UInt8(utf8.count))
        }
        bytes += utf8
    }
}

/// A bounds-checked cursor over the fields of a header core.
///
/// Every read must end by `fieldsEnd` (the core length minus the key commitment and MAC), else it
/// is a malformed header naming the field and the core length; a read that passes the end of the
/// bytes at hand (an input cut short inside its core) throws ``CoreFields/InputEnded``.
struct ByteReader {
    let bytes: [UInt8]
    let fieldsEnd: Int
    let coreCount: Int
    var offset = 0

    init(_ bytes: [UInt8], coreCount: Int) {
        self.bytes = bytes
        self.coreCount = coreCount
        self.fieldsEnd = coreCount - EnvelopeFormat.commitmentByteCount - EnvelopeFormat.macByteCount
    }

    mutating func bytes(_ count: Int, field: String) throws -> [UInt8] {
        guard count >= 0, offset + count <= fieldsEnd else {
            throw EnvelopeError.malformedHeader(
                reason:
                    "the \(field) runs past byte \(fieldsEnd), where its core length \(coreCount) puts the key commitment"
            )
        }
        guard offset + count <= bytes.count else { throw CoreFields.InputEnded() }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, field: String) throws -> T {
        let raw = try bytes(MemoryLayout<T>.size, field: field)
        return raw.readBigEndian(as: T.self, at: 0)
    }

    mutating func string(lengthBytes: Int, field: String) throws -> String {
        let length =
            lengthBytes == 2
            ? Int(try integer(UInt16.self, field: "\(field) length"))
            : Int(try integer(UInt8.self, field: "\(field) length"))
        let raw = try bytes(length, field: field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw EnvelopeError.malformedHeader(reason: "the \(field) is not valid UTF-8")
        }
        return text
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    mutating func replaceBigEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.bigEndian) { raw in
            for (index, byte) in raw.enumerated() { self[offset + index] = byte }
        }
    }

    /// Reads a big-endian integer; the caller guarantees `offset + size <= count`.
    func readBigEndian<T: FixedWidthInteger>(as type: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            value = value << 8 | T(self[offset + index])
        }
        return value
    }
}
