public import Foundation

/// Seals a recording as it is captured: append plaintext, and each full segment is sealed and
/// handed to the output at once; ``finish()`` seals the last, shorter segment and the end marker.
///
/// The writer generates a fresh data key, wraps it for every recipient, writes the authenticated
/// header, and then keeps only the payload key. It never holds more than one segment of plaintext,
/// in locked memory that is wiped when the writer is released (and only when appends do not come
/// in whole segments). Sealing a segment allocates nothing.
///
/// ```swift
/// var envelope: [UInt8] = []
/// let writer = try EnvelopeWriter(
///     configuration: EnvelopeConfiguration(mediaFormat: format), recipients: [recipient], output: envelope)
/// try writer.append(frames)        // as audio arrives
/// let summary = try writer.finish()
/// envelope = writer.output
/// ```
public final class EnvelopeWriter<Output: EnvelopeOutput> {
    /// The header written at the start of the envelope.
    public let header: EnvelopeHeader
    /// The data key wrapped for each recipient; store these in a key store for external placement.
    public let wraps: [WrappedDataKey]
    /// The output, for example the in-memory bytes written so far.
    public private(set) var output: Output

    private let cipher: SegmentCipher
    private let segmentSize: Int
    private let declaredCount: UInt64?
    /// Locked memory for a partial segment, allocated the first time one is needed: a writer fed
    /// whole segments (as the recorder feeds it) seals straight from the caller's memory and never
    /// needs it, which saves a locked segment per recording.
    private var partialSegment: SecureBuffer?
    private let sealed: UnsafeMutableRawBufferPointer
    private var bufferedCount = 0
    private var nextIndex: UInt64 = 0
    private var plaintextCount: UInt64 = 0
    private var envelopeCount: UInt64 = 0
    private var isOpen = true

    /// Starts an envelope for `recipients` and writes its header to `output`.
    ///
    /// - Throws: ``EnvelopeError/invalidConfiguration(reason:)``, ``EnvelopeError/noRecipients``,
    ///   ``EnvelopeError/tooManyRecipients(count:limit:)``, or the output's error.
    public convenience init(configuration: EnvelopeConfiguration, recipients: [Recipient], output: Output) throws {
        try self.init(configuration: configuration, recipients: recipients, dataKey: DataKey.generate(), output: output)
    }

    /// Starts an envelope under a given data key. Only for known-answer tests: reusing a data key
    /// for two recordings would reuse nonces.
    @_spi(KnownAnswerTests)
    public init(configuration: EnvelopeConfiguration, recipients: [Recipient], dataKey: DataKey, output: Output) throws
    {
        let sealing = try EnvelopeSealing(configuration: configuration, recipients: recipients, dataKey: dataKey)
        self.header = sealing.header
        self.wraps = sealing.wraps
        self.cipher = sealing.cipher
        self.segmentSize = configuration.segmentSize
        self.declaredCount = configuration.declaredPlaintextByteCount
        self.output = output
        self.sealed = UnsafeMutableRawBufferPointer.allocate(
            byteCount: segmentSize + EnvelopeFormat.tagByteCount + EnvelopeFormat.trailerByteCount,
            alignment: 64)
        try header.serialized.withUnsafeBytes { try emit($0) }
    }

    deinit {
        sealed.deallocate()
    }

    /// Plaintext bytes appended so far.
    public var plaintextByteCount: UInt64 { plaintextCount }

    /// Segments sealed and written so far.
    public var sealedSegmentCount: Int { Int(nextIndex) }

    /// Appends plaintext. Every time a segment fills, it is sealed and written before this returns.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard isOpen else { throw EnvelopeError.writerClosed }
        let plaintext = try partialSegmentBuffer(needed: bufferedCount > 0 || bytes.count % segmentSize != 0)
        var remaining = bytes
        if bufferedCount > 0, let plaintext {
            let taken = min(segmentSize - bufferedCount, remaining.count)
            UnsafeMutableRawBufferPointer(rebasing: plaintext.buffer[bufferedCount..<bufferedCount + taken])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: remaining[..<taken]))
            bufferedCount += taken
            remaining = UnsafeRawBufferPointer(rebasing: remaining[taken...])
            if bufferedCount == segmentSize {
                try sealFull(UnsafeRawBufferPointer(plaintext.buffer))
                bufferedCount = 0
            }
        }
        // Whole segments straight from the caller's memory: no copy on the common path.
        while remaining.count >= segmentSize {
            try sealFull(UnsafeRawBufferPointer(rebasing: remaining[..<segmentSize]))
            remaining = UnsafeRawBufferPointer(rebasing: remaining[segmentSize...])
        }
        if !remaining.isEmpty, let plaintext {
            UnsafeMutableRawBufferPointer(rebasing: plaintext.buffer[bufferedCount..<bufferedCount + remaining.count])
                .copyMemory(from: remaining)
            bufferedCount += remaining.count
        }
        plaintextCount += UInt64(bytes.count)
    }

    /// Appends plaintext from any contiguous bytes (`[UInt8]`, `Data`).
    public func append(_ bytes: some ContiguousBytes) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// Seals the final segment and the end marker and closes the writer.
    ///
    /// - Throws: ``EnvelopeError/lengthMismatch(declared:actual:)`` when a declared length was not
    ///   met (nothing more is written then, so the envelope reads as incomplete, never as whole).
    @discardableResult
    public func finish() throws -> EnvelopeSummary {
        guard isOpen else { throw EnvelopeError.writerClosed }
        if let declared = declaredCount, declared != plaintextCount {
            isOpen = false
            throw EnvelopeError.lengthMismatch(declared: declared, actual: plaintextCount)
        }
        let marker = EnvelopeLayout.endMarker(plaintextByteCount: plaintextCount)
        let buffered =
            partialSegment.map { UnsafeRawBufferPointer(rebasing: $0.buffer[..<bufferedCount]) }
            ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let sealedCount = bufferedCount + EnvelopeFormat.tagByteCount
        try marker.withUnsafeBytes { markerBytes in
            do {
                try cipher.seal(
                    buffered, index: nextIndex, isFinal: true,
                    associatedData: markerBytes, into: sealed)
            } catch {
                isOpen = false
                throw error
            }
            UnsafeMutableRawBufferPointer(rebasing: sealed[sealedCount..<sealedCount + markerBytes.count])
                .copyMemory(from: markerBytes)
        }
        try emit(UnsafeRawBufferPointer(rebasing: sealed[..<(sealedCount + marker.count)]))
        nextIndex += 1
        partialSegment?.wipe(segmentSize)
        bufferedCount = 0
        isOpen = false
        return EnvelopeSummary(
            header: header, wraps: wraps, segmentCount: Int(nextIndex), plaintextByteCount: plaintextCount,
            envelopeByteCount: envelopeCount)
    }

    private func partialSegmentBuffer(needed: Bool) throws -> SecureBuffer? {
        if partialSegment == nil, needed { partialSegment = try SecureBuffer(count: segmentSize) }
        return partialSegment
    }

    private func sealFull(_ segment: UnsafeRawBufferPointer) throws {
        do {
            try cipher.seal(
                segment, index: nextIndex, isFinal: false,
                associatedData: UnsafeRawBufferPointer(start: nil, count: 0), into: sealed)
        } catch {
            isOpen = false
            throw error
        }
        try emit(UnsafeRawBufferPointer(rebasing: sealed[..<(segmentSize + EnvelopeFormat.tagByteCount)]))
        nextIndex += 1
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try output.write(bytes)
            envelopeCount += UInt64(bytes.count)
        } catch {
            isOpen = false
            throw error
        }
    }
}

/// Not `Sendable`, on purpose: a writer holds one segment of plaintext in locked memory and a
/// running segment count, mutated by every append without a lock. Two tasks appending at once
/// would interleave plaintext and misnumber segments (and so nonces); one owner feeds it, and
/// hands over the finished output instead of the writer.
@available(*, unavailable)
extension EnvelopeWriter: Sendable {}
