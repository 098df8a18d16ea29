import CallVaultCore
import CallVaultCrypto
import Foundation

/// The hash chain, as a value: append a record, get the entry and its hash; ask for a checkpoint,
/// get the bytes to sign. No I/O and no clock, so the log, the verifier and tests share one
/// definition of the chain.
///
/// `hash(n) = BLAKE2b-256("callvault-audit/1 entry" || hash(n-1) || canonical(entry n))`, with
/// `hash(0) = BLAKE2b-256("callvault-audit/1 genesis" || log id || signer key || created)`, so
/// entries cannot be moved between logs and every field of the header is covered by the chain.
struct AuditChain: Sendable {
    let logID: UUID
    private(set) var sequence: UInt64
    private(set) var head: [UInt8]

    static let entryDomain = Array("callvault-audit/1 entry".utf8)
    static let genesisDomain = Array("callvault-audit/1 genesis".utf8)
    static let checkpointDomain = Array("callvault-audit/1 checkpoint".utf8)

    /// A new chain for the log whose header names `logID`, `signer` and `created`.
    init(logID: UUID, signer: [UInt8], created: Int64) {
        self.logID = logID
        self.sequence = 0
        self.head = Self.genesis(logID: logID, signer: signer, created: created)
    }

    /// A chain continuing after `sequence` entries ending in `head`.
    init(logID: UUID, signer: [UInt8], created: Int64, sequence: UInt64, head: [UInt8]) {
        self.logID = logID
        self.sequence = sequence
        self.head = sequence == 0 ? Self.genesis(logID: logID, signer: signer, created: created) : head
    }

    /// The hash before the first entry: it covers the whole header (log id, signer key and creation
    /// time), so a changed header breaks the first entry's hash.
    static func genesis(logID: UUID, signer: [UInt8], created: Int64) -> [UInt8] {
        var bytes = genesisDomain
        withUnsafeBytes(of: logID.uuid) { bytes.append(contentsOf: $0) }
        appendInteger(UInt64(signer.count), to: &bytes)
        bytes += signer
        appendInteger(UInt64(bitPattern: created), to: &bytes)
        return Self.digest(bytes)
    }

    /// Appends a record at `time` and returns its entry.
    mutating func append(_ record: AuditRecord, at timestamp: Int64) -> AuditEntry {
        let hash = appendHash(of: record, at: timestamp)
        return AuditEntry(sequence: sequence, timestamp: timestamp, record: record, hash: hash)
    }

    /// Appends a record at `time` and returns only its hash: what the verifier compares, without
    /// building the entry.
    mutating func appendHash(of record: AuditRecord, at timestamp: Int64) -> [UInt8] {
        let hash = Self.hash(previous: head, sequence: sequence + 1, time: timestamp, record: record)
        sequence += 1
        head = hash
        return hash
    }

    /// The hash an entry must have, given the hash before it.
    static func hash(previous: [UInt8], sequence: UInt64, time: Int64, record: AuditRecord) -> [UInt8] {
        // Written straight into a buffer of the exact size, on the stack when small: this runs for
        // every entry appended and every entry verified.
        let count = entryDomain.count + previous.count + canonicalByteCount(of: record)
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
            var bytes = FixedBytes(buffer)
            entryDomain.withUnsafeBytes { bytes.append(bytes: $0) }
            previous.withUnsafeBytes { bytes.append(bytes: $0) }
            canonicalBytes(sequence: sequence, time: time, record: record, into: &bytes)
            precondition(bytes.count == count, "canonicalByteCount(of:) disagrees with canonicalBytes")
            return digest(UnsafeRawBufferPointer(buffer))
        }
    }

    /// How many bytes ``canonicalBytes(sequence:time:record:into:)`` writes for `record`.
    static func canonicalByteCount(of record: AuditRecord) -> Int {
        // Sequence, time, four length prefixes, the reason count and two optional flags.
        var count = 8 + 8 + 4 * 8 + 8 + 2
        count += record.actor.rawValue.utf8.count + record.action.identifier.utf8.count + record.target.utf8.count
        count += record.outcome.rawValue.utf8.count
        if let purpose = record.purpose { count += 8 + purpose.identifier.utf8.count }
        for reason in record.reasons { count += 8 + reason.utf8.count }
        if let event = record.eventID { count += 8 + event.utf8.count }
        return count
    }

    /// The bytes a checkpoint's signature covers.
    func checkpointMessage(timestamp: Int64) -> [UInt8] {
        Self.checkpointMessage(logID: logID, sequence: sequence, head: head, time: timestamp)
    }

    static func checkpointMessage(logID: UUID, sequence: UInt64, head: [UInt8], time: Int64) -> [UInt8] {
        var bytes = checkpointDomain
        withUnsafeBytes(of: logID.uuid) { bytes.append(contentsOf: $0) }
        appendInteger(sequence, to: &bytes)
        bytes += head
        appendInteger(UInt64(bitPattern: time), to: &bytes)
        return bytes
    }

    /// Length-prefixed fields in a fixed order: unambiguous, and cheap enough for hundreds of
    /// thousands of entries a second (JSON is only the file's presentation).
    static func canonicalBytes(sequence: UInt64, time: Int64, record: AuditRecord, into bytes: inout some ChainBytes) {
        appendInteger(sequence, to: &bytes)
        appendInteger(UInt64(bitPattern: time), to: &bytes)
        appendString(record.actor.rawValue, to: &bytes)
        appendString(record.action.identifier, to: &bytes)
        appendString(record.target, to: &bytes)
        appendOptional(record.purpose?.identifier, to: &bytes)
        appendString(record.outcome.rawValue, to: &bytes)
        appendInteger(UInt64(record.reasons.count), to: &bytes)
        for reason in record.reasons { appendString(reason, to: &bytes) }
        appendOptional(record.eventID, to: &bytes)
    }

    private static func appendInteger(_ value: UInt64, to bytes: inout some ChainBytes) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(bytes: $0) }
    }

    private static func appendString(_ text: String, to bytes: inout some ChainBytes) {
        var text = text
        text.withUTF8 { utf8 in
            appendInteger(UInt64(utf8.count), to: &bytes)
            bytes.append(bytes: UnsafeRawBufferPointer(utf8))
        }
    }

    private static func appendOptional(_ text: String?, to bytes: inout some ChainBytes) {
        if let text {
            bytes.append(1)
            appendString(text, to: &bytes)
        } else {
            bytes.append(0)
        }
    }

    static func digest(_ bytes: some ContiguousBytes) -> [UInt8] {
        // BLAKE2b accepts every output length from 16 to 64 bytes, so 32 cannot fail.
        (try? BLAKE2b.hash(bytes, outputByteCount: 32).bytes) ?? []
    }
}

/// Where the chain's bytes are written: an array, or a buffer of a size known beforehand.
protocol ChainBytes {
    mutating func append(_ byte: UInt8)
    mutating func append(bytes: UnsafeRawBufferPointer)
}

extension Array: ChainBytes where Element == UInt8 {
    mutating func append(bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}

/// A buffer of a size computed beforehand, filled from its start; writing past its end traps.
struct FixedBytes: ChainBytes {
    let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    mutating func append(_ byte: UInt8) {
        precondition(count < buffer.count, "more bytes than the buffer holds")
        buffer[count] = byte
        count += 1
    }

    mutating func append(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= buffer.count - count, "more bytes than the buffer holds")
        if let source = bytes.baseAddress, let target = buffer.baseAddress {
            (target + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
    }
}

/// Audit times are whole milliseconds since 1970, so the file's text and the hashed value agree.
enum AuditTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// ``AuditVerifier/futureTolerance`` in milliseconds.
    static let futureToleranceMilliseconds: Int64 = {
        let (seconds, attoseconds) = AuditVerifier.futureTolerance.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }()
}
