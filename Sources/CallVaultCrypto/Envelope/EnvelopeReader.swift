public import CallVaultCore

/// Opens a recording envelope: one segment by index, a byte or time range, or the whole stream.
///
/// Creating a reader parses the header, finds the wrap for the identity (or takes a data key from a
/// custodian), checks the key commitment and the header MAC, measures the layout and, for a
/// complete envelope, opens the final segment, whose tag authenticates the end marker and so the
/// recording's length. Nothing else is decrypted until asked for, and then only the segments
/// needed: reading minute 59 of an hour-long call touches only the segments of minute 59 (and the
/// final one). Every byte handed back, and every length reported, has been authenticated.
///
/// ```swift
/// let reader = try EnvelopeReader(source: envelopeBytes, identity: identity)
/// let range = try reader.byteRange(fromSeconds: 30, toSeconds: 45)
/// let audio = try reader.plaintext(in: range)
/// ```
public final class EnvelopeReader<Source: RandomAccessByteSource> {
    /// The authenticated header.
    public let header: EnvelopeHeader
    /// Segment positions and whether the envelope is complete.
    public let layout: EnvelopeLayout
    /// Where the envelope's bytes come from.
    public let source: Source

    let cipher: SegmentCipher
    private let dataKey: DataKey
    private let scratch: UnsafeMutableRawBufferPointer
    /// One segment of plaintext for range and whole-stream reads, allocated once: secure memory
    /// costs several system calls to allocate.
    private let plaintextScratch: SecureBuffer

    /// Opens an envelope whose wraps are in its header, with a recipient's identity.
    ///
    /// - Throws: ``EnvelopeError/noMatchingRecipient(identity:recipients:)`` for the wrong identity,
    ///   ``EnvelopeError/noEmbeddedWraps`` when the wraps live in a key store, a ``CryptoError`` when
    ///   the wrap was altered or moved from another recording, ``EnvelopeError/headerTampered``, and
    ///   the parsing errors of ``EnvelopeHeader/read(from:)``.
    public convenience init(source: Source, identity: Identity) throws {
        let header = try EnvelopeHeader.read(from: source)
        guard !header.wraps.isEmpty else { throw EnvelopeError.noEmbeddedWraps }
        let dataKey = try Self.unwrap(header.wraps, header: header, identity: identity)
        try self.init(source: source, header: header, dataKey: dataKey)
    }

    /// Opens an envelope whose wraps are kept outside it (in a key store), with a recipient's identity.
    public convenience init(source: Source, wraps: [WrappedDataKey], identity: Identity) throws {
        let header = try EnvelopeHeader.read(from: source)
        let dataKey = try Self.unwrap(wraps, header: header, identity: identity)
        try self.init(source: source, header: header, dataKey: dataKey)
    }

    /// Opens an envelope with its data key, as released by a key custodian.
    ///
    /// - Throws: ``EnvelopeError/keyCommitmentMismatch`` when the key belongs to another recording.
    public convenience init(source: Source, dataKey: DataKey) throws {
        try self.init(source: source, header: EnvelopeHeader.read(from: source), dataKey: dataKey)
    }

    private init(source: Source, header: EnvelopeHeader, dataKey: DataKey) throws {
        let keys = try EnvelopeKeys(dataKey: dataKey, algorithm: header.algorithm)
        try keys.authenticate(header)
        self.layout = try Self.settleIncompleteTail(
            EnvelopeLayout.measure(header, in: source), source: source, cipher: keys.payload)
        self.header = header
        self.source = source
        self.cipher = keys.payload
        self.dataKey = dataKey
        self.plaintextScratch = try SecureBuffer(count: header.segmentSize)
        self.scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: header.sealedSegmentByteCount, alignment: 64)
        try verifyFinalSegment()
    }

    /// Opens the final segment of a complete envelope before anything is read, so ``layout`` never
    /// reports a length or a completeness that has not been authenticated.
    ///
    /// The end marker is read without a key; only the final segment's tag, computed over it as
    /// associated data under the final flag and the segment's index, proves it. When the plaintext
    /// is a whole number of segments (or empty) the final segment holds no plaintext, and a range
    /// read would never touch it: without this check, an envelope written as a stream (no declared
    /// length) could be cut after any segment and given a forged tail that reads as a whole
    /// recording. It costs one segment at most. (A final segment found in a cut-short tail has
    /// already been opened by ``FinalSegmentFinder``.)
    private func verifyFinalSegment() throws {
        guard case .complete(let count, _) = layout.status else { return }
        let plaintext = plaintextScratch
        defer { plaintext.wipe(header.segmentSize) }
        _ = try readSegment(count - 1, into: plaintext.buffer)
    }

    deinit {
        scratch.deallocate()
    }

    /// Finds the final segment in the tail of a cut-short envelope, when it reached the disk whole.
    ///
    /// A crash while the final segment and end marker are written leaves the final segment of some
    /// `S'` bytes followed by fewer than 16 bytes of the marker. Measured by length alone, those
    /// bytes look like trailing bytes of an unfinished segment, or, when `S'` is above
    /// `segmentSize - 16`, like one more full segment, which would fail to open and make the crash
    /// read as tampering. The marker is determined by `S'`, so each candidate split is checked
    /// exactly: the present marker bytes must match, and the final segment must open with the whole
    /// marker as its associated data. A tail that fits no candidate is left as it is: reading a
    /// whole-size chunk that does not open then reports tampering, as it should.
    private static func settleIncompleteTail(
        _ layout: EnvelopeLayout, source: Source, cipher: SegmentCipher
    ) throws -> EnvelopeLayout {
        guard case .incomplete(let fullCount, let trailing) = layout.status else { return layout }
        let finder = FinalSegmentFinder(layout: layout, source: source, cipher: cipher)
        if let found = try finder.find(index: fullCount, tailByteCount: trailing) { return found }
        guard fullCount > 0, trailing < EnvelopeFormat.trailerByteCount,
            try !finder.opensAsFullSegment(fullCount - 1)
        else { return layout }
        return try finder.find(index: fullCount - 1, tailByteCount: layout.sealedSegmentByteCount + trailing) ?? layout
    }

    private static func unwrap(_ wraps: [WrappedDataKey], header: EnvelopeHeader, identity: Identity) throws -> DataKey
    {
        let fingerprint = identity.recipient.fingerprint
        guard let wrap = wraps.first(where: { $0.recipient == fingerprint }) else {
            throw EnvelopeError.noMatchingRecipient(identity: fingerprint, recipients: wraps.map(\.recipient))
        }
        return try identity.unwrap(wrap, recordingID: header.recordingID)
    }

    // MARK: Segments

    /// Decrypts segment `index` into `buffer` (at least ``EnvelopeHeader/segmentSize`` bytes) and
    /// returns how many plaintext bytes it holds. Allocates nothing.
    ///
    /// - Throws: ``EnvelopeError/segmentTampered(index:)`` when it fails authentication,
    ///   ``EnvelopeError/segmentOutOfRange(index:segmentCount:)`` past the readable segments.
    public func readSegment(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard index >= 0, index < layout.readableSegmentCount else {
            throw EnvelopeError.segmentOutOfRange(index: index, segmentCount: layout.readableSegmentCount)
        }
        let plaintextCount = layout.plaintextCount(ofSegment: index)
        guard buffer.count >= plaintextCount else {
            throw EnvelopeError.rangeOutOfBounds(
                reason: "a \(buffer.count)-byte buffer cannot hold segment \(index)'s \(plaintextCount) bytes")
        }
        let sealed = UnsafeMutableRawBufferPointer(rebasing: scratch[..<(plaintextCount + EnvelopeFormat.tagByteCount)])
        try source.read(into: sealed, at: layout.offset(ofSegment: index))
        try openSegment(index, sealed: UnsafeRawBufferPointer(sealed), into: buffer)
        return plaintextCount
    }

    /// Decrypts segment `index` into a new array.
    public func segment(_ index: Int) throws -> [UInt8] {
        guard index >= 0, index < layout.readableSegmentCount else {
            throw EnvelopeError.segmentOutOfRange(index: index, segmentCount: layout.readableSegmentCount)
        }
        var plaintext = [UInt8](repeating: 0, count: layout.plaintextCount(ofSegment: index))
        _ = try plaintext.withUnsafeMutableBytes { try readSegment(index, into: $0) }
        return plaintext
    }

    /// Opens already-read sealed bytes of segment `index`; shared with the parallel file opener.
    func openSegment(_ index: Int, sealed: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        let opened = layout.endMarker.withUnsafeBytes { marker in
            cipher.open(
                sealed, index: UInt64(index), isFinal: layout.isFinal(index),
                associatedData: layout.isFinal(index) ? marker : UnsafeRawBufferPointer(start: nil, count: 0),
                into: output)
        }
        guard opened else { throw EnvelopeError.segmentTampered(index: index) }
    }

    // MARK: Ranges

    /// Decrypts the plaintext bytes in `range`, reading only the segments that hold them, and writes
    /// them to `output` in order.
    ///
    /// An incomplete envelope serves ranges inside its verified prefix. A range that reaches the
    /// end of the recording also opens the final segment, whose tag authenticates the end marker,
    /// even when it holds none of the range's bytes.
    public func read(_ range: Range<UInt64>, to output: inout some EnvelopeOutput) throws {
        try checkInside(range)
        let size = UInt64(header.segmentSize)
        let plaintext = plaintextScratch
        defer { plaintext.wipe(header.segmentSize) }
        for index in layout.segments(covering: range) {
            let count = try readSegment(index, into: plaintext.buffer)
            let start = UInt64(index) * size
            let from = Int(max(range.lowerBound, start) - start)
            let to = Int(min(range.upperBound, start + UInt64(count)) - start)
            try output.write(UnsafeRawBufferPointer(rebasing: plaintext.buffer[from..<to]))
        }
    }

    /// Decrypts the plaintext bytes in `range` into a new array.
    public func plaintext(in range: Range<UInt64>) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(range, to: &bytes)
        return bytes
    }

    /// The plaintext byte range of the sample frames from `start` to `end` seconds, each rounded to
    /// the nearest sample frame: reading it yields exactly that span of audio.
    ///
    /// - Throws: ``EnvelopeError/noMediaFormat`` without a sample-based format,
    ///   ``EnvelopeError/rangeOutOfBounds(reason:)`` when the span is empty or leaves the recording.
    public func byteRange(fromSeconds start: Double, toSeconds end: Double) throws -> Range<UInt64> {
        guard let format = header.mediaFormat, let frame = format.bytesPerFrame else {
            throw EnvelopeError.noMediaFormat
        }
        guard start.isFinite, end.isFinite, start >= 0, end > start else {
            throw EnvelopeError.rangeOutOfBounds(reason: "\(start) s to \(end) s is not a forward range of times")
        }
        let frames = layout.readablePlaintextByteCount / UInt64(frame)
        let duration = Double(frames) / Double(format.sampleRate)
        let first = (start * Double(format.sampleRate)).rounded()
        let last = (end * Double(format.sampleRate)).rounded()
        guard first < Double(frames) else {
            throw EnvelopeError.rangeOutOfBounds(reason: "it starts at \(start) s, at or after the end (\(duration) s)")
        }
        guard last <= Double(frames) else {
            throw EnvelopeError.rangeOutOfBounds(reason: "it ends at \(end) s, after the end (\(duration) s)")
        }
        guard last > first else {
            throw EnvelopeError.rangeOutOfBounds(reason: "\(start) s to \(end) s holds no whole sample frame")
        }
        return UInt64(first) * UInt64(frame)..<UInt64(last) * UInt64(frame)
    }

    func checkInside(_ range: Range<UInt64>) throws {
        let readable = layout.readablePlaintextByteCount
        guard range.upperBound <= readable else {
            throw EnvelopeError.rangeOutOfBounds(
                reason: "bytes \(range.lowerBound)..<\(range.upperBound) pass the \(readable) readable bytes")
        }
    }

    // MARK: Whole stream

    /// Decrypts the whole recording to `output`, verifying every segment in order.
    ///
    /// For an incomplete envelope, without `allowIncomplete` every full segment is verified first
    /// and ``EnvelopeError/truncated(intactSegments:trailingBytes:)`` is thrown with nothing written;
    /// with it, the verified prefix is written and the result says where it ends.
    /// If a segment fails authentication, the segments before it have already been written: write
    /// to a temporary place and discard it on error, as `callvault open` does.
    @discardableResult
    public func readAll(to output: inout some EnvelopeOutput, allowIncomplete: Bool = false) throws
        -> EnvelopeReadResult
    {
        if !layout.isComplete, !allowIncomplete {
            var discard = DiscardingEnvelopeOutput()
            try readSegments(0..<layout.readableSegmentCount, to: &discard)
            throw EnvelopeError.truncated(
                intactSegments: layout.readableSegmentCount, trailingBytes: layout.trailingByteCount)
        }
        try readSegments(0..<layout.readableSegmentCount, to: &output)
        return EnvelopeReadResult(layout: layout)
    }

    /// Verifies every segment without keeping the plaintext.
    @discardableResult
    public func verify(allowIncomplete: Bool = false) throws -> EnvelopeReadResult {
        var discard = DiscardingEnvelopeOutput()
        return try readAll(to: &discard, allowIncomplete: allowIncomplete)
    }

    private func readSegments(_ indices: Range<Int>, to output: inout some EnvelopeOutput) throws {
        let plaintext = plaintextScratch
        defer { plaintext.wipe(header.segmentSize) }
        for index in indices {
            let count = try readSegment(index, into: plaintext.buffer)
            try output.write(UnsafeRawBufferPointer(rebasing: plaintext.buffer[..<count]))
        }
    }

    // MARK: Recipients

    /// The data key wrapped for `recipient`, bound to this recording: to add a recipient in a key store.
    public func wrap(for recipient: Recipient) throws -> WrappedDataKey {
        try dataKey.wrapped(for: recipient, recordingID: header.recordingID)
    }

    /// A header with recipients added and removed. Its core, and so every sealed segment, is
    /// unchanged: write it followed by the old envelope's bytes after the old header
    /// (``rewrap(adding:removing:to:)`` does).
    ///
    /// Removing a recipient removes its wrap from this copy of the file; a copy it kept, or a data
    /// key it saved, still opens the recording. To revoke for good, re-seal under a new data key.
    public func rewrappedHeader(adding: [Recipient], removing: [RecipientFingerprint]) throws -> EnvelopeHeader {
        guard !header.wraps.isEmpty else { throw EnvelopeError.noEmbeddedWraps }
        var wraps = header.wraps
        for fingerprint in removing {
            guard let index = wraps.firstIndex(where: { $0.recipient == fingerprint }) else {
                throw EnvelopeError.recipientNotFound(fingerprint)
            }
            wraps.remove(at: index)
        }
        for recipient in adding {
            guard !wraps.contains(where: { $0.recipient == recipient.fingerprint }) else {
                throw EnvelopeError.duplicateRecipient(recipient.fingerprint)
            }
            wraps.append(try wrap(for: recipient))
        }
        guard !wraps.isEmpty else { throw EnvelopeError.noRecipients }
        guard wraps.count <= EnvelopeFormat.maximumRecipients else {
            throw EnvelopeError.tooManyRecipients(count: wraps.count, limit: EnvelopeFormat.maximumRecipients)
        }
        return header.replacingWraps(wraps)
    }

    /// Writes a copy of the envelope with recipients added and removed: the new header, then the
    /// sealed segments and end marker byte for byte as they were.
    @discardableResult
    public func rewrap(adding: [Recipient], removing: [RecipientFingerprint], to output: inout some EnvelopeOutput)
        throws
        -> EnvelopeHeader
    {
        let newHeader = try rewrappedHeader(adding: adding, removing: removing)
        try newHeader.serialized.withUnsafeBytes { try output.write($0) }
        let total = try source.byteCount()
        var offset = UInt64(header.byteCount)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while offset < total {
            let count = Int(min(UInt64(chunk.count), total - offset))
            let slice = UnsafeMutableRawBufferPointer(rebasing: chunk[..<count])
            try source.read(into: slice, at: offset)
            try output.write(UnsafeRawBufferPointer(slice))
            offset += UInt64(count)
        }
        return newHeader
    }
}

/// What a whole-stream read delivered.
public struct EnvelopeReadResult: Hashable, Sendable {
    /// Whether the envelope was complete (otherwise the verified prefix was delivered).
    public let isComplete: Bool
    /// Segments verified and delivered.
    public let segmentCount: Int
    /// Plaintext bytes delivered.
    public let plaintextByteCount: UInt64

    init(layout: EnvelopeLayout) {
        self.isComplete = layout.isComplete
        self.segmentCount = layout.readableSegmentCount
        self.plaintextByteCount = layout.readablePlaintextByteCount
    }

    init(isComplete: Bool, segmentCount: Int, plaintextByteCount: UInt64) {
        self.isComplete = isComplete
        self.segmentCount = segmentCount
        self.plaintextByteCount = plaintextByteCount
    }
}

// A reader owns a scratch buffer and the data key: one task reads at a time.
@available(*, unavailable)
extension EnvelopeReader: Sendable {}
