import CSodiumBenchmarks
import CallVaultAudit
import CallVaultCore
import CallVaultCrypto
import CallVaultTestKit
import Foundation

/// A realistic day of audit records, cycled: access decisions (most allowed, some denied with the
/// failed condition), grants used and data keys unwrapped for them, deletions by the retention
/// sweeper (each with its own event id), legal holds and the odd break-glass.
///
/// The mix repeats every ``period`` records, except that each deletion's event id ends in the
/// cycle's number, fixed-width, so every event id is unique (the log records an event id once) and
/// every cycle hashes exactly as many bytes as the first.
public struct AuditRecordMix: Sendable {
    /// Records per cycle.
    public let period: Int
    private let records: [AuditRecord]

    /// A mix of `period` records (1,000 by default: one checkpoint's worth).
    ///
    /// - Throws: `PrincipalIDError` if a generated actor id were not valid (they all are).
    public init(period: Int = 1_000) throws {
        self.period = period
        var generator = MixRandom(seed: 0xA0D17)
        records = try (0..<period).map { _ in try Self.record(using: &generator) }
    }

    /// The record at `index` (cycling), its event id, if any, made unique for its cycle.
    public func record(at index: Int) -> AuditRecord {
        var record = records[index % period]
        if let event = record.eventID { record.eventID = event + Self.hex8(UInt32(truncatingIfNeeded: index / period)) }
        return record
    }

    /// `count` records from `index`.
    public func batch(from index: Int, count: Int) -> [AuditRecord] {
        (index..<index + count).map(record(at:))
    }

    static func hex8(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 8)
        for index in 0..<8 { bytes[index] = digits[Int(value >> UInt32(28 - 4 * index) & 0xF)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func record(using generator: inout MixRandom) throws -> AuditRecord {
        let team = "t\(10 + generator.next() % 50)"
        let recording = AuditRecord.target(RecordingID(uuid: generator.uuid()))
        let grant = String(generator.next(), radix: 16) + String(generator.next(), radix: 16)
        let roll = generator.next() % 100
        switch roll {
        case 0..<38:
            return AuditRecord(
                actor: try PrincipalID("sup.\(team).\(generator.next() % 12)"), action: .accessDecision,
                target: recording,
                purpose: .quality, outcome: .allowed, reasons: ["allowed by rule \(team)-supervisor-listen"])
        case 38..<45:
            return AuditRecord(
                actor: try PrincipalID("sup.\(team).\(generator.next() % 12)"), action: .accessDecision,
                target: recording,
                purpose: .quality, outcome: .denied,
                reasons: ["rule \(team)-supervisor-listen needs same team: the recording belongs to another team"])
        case 45..<70:
            return AuditRecord(
                actor: try PrincipalID("sup.\(team).\(generator.next() % 12)"), action: .grantUse, target: recording,
                purpose: .quality, outcome: .succeeded, reasons: ["grant \(grant) single-use, 300 s"])
        case 70..<90:
            return AuditRecord(
                actor: PrincipalID("custodian.eu-west-1"), action: .keyUnwrap, target: recording, purpose: .quality,
                outcome: .succeeded, reasons: ["grant \(grant)"])
        case 90..<97:
            return AuditRecord(
                actor: PrincipalID("retention-sweeper"), action: .recordingDeleted, target: recording,
                outcome: .succeeded,
                reasons: [
                    "retention ended: uk-fca-cobs-11.8 (5 years) and host policy sales-max-2y",
                    "certificate \(grant)",
                ], eventID: "sweep-2026-11-29/\(recording)/")
        case 97..<99:
            return AuditRecord(
                actor: PrincipalID("legal.counsel.3"), action: .holdPlaced, target: recording,
                purpose: .legalOrRegulatory, outcome: .succeeded, reasons: ["hold lit-2026-118: Smith v Acme Bank"])
        default:
            return AuditRecord(
                actor: PrincipalID("ic.1"), action: .breakGlass, target: recording, purpose: .disputeResolution,
                outcome: .allowed, reasons: ["BREAK-GLASS, flagged for review: Major incident INC-4471"])
        }
    }
}

/// The audit chain computed straight with libsodium's `crypto_generichash` (BLAKE2b-256) over the
/// chain's canonical bytes: the floor appending or verifying an entry costs.
///
/// The inputs of one cycle of the mix (sequence numbers from 1, the given times) are laid out once
/// in one buffer, each as the chain hashes it (domain, previous hash, canonical entry); hashing
/// copies the previous hash into its slot and calls `crypto_generichash` on the whole input. Later
/// cycles hash the first cycle's bytes again: every field is fixed-width or the same length, so the
/// work is the same to the byte. The chain starts from zeros rather than the log's genesis hash
/// (which covers the header, a once-per-log cost): ``matches(_:)`` checks the bytes entry by entry.
public final class RawChainHasher: @unchecked Sendable {
    private let buffer: UnsafeMutablePointer<UInt8>
    private let offsets: [Int]
    private let previousSlot = 23  // after "callvault-audit/1 entry"
    /// Bytes hashed per cycle.
    public let bytesPerCycle: Int
    /// Entries per cycle.
    public var entriesPerCycle: Int { offsets.count - 1 }
    private var head = [UInt8](repeating: 0, count: 32)

    /// Lays out the inputs of entries 1 to `mix.period` of a log, appended at `timestamps` (one per
    /// entry, or one for all).
    public init(mix: AuditRecordMix, timestamps: [Int64]) {
        precondition(sodium_init() >= 0, "libsodium could not be initialised")
        var bytes: [UInt8] = []
        var offsets = [0]
        for index in 0..<mix.period {
            bytes += Array("callvault-audit/1 entry".utf8)
            bytes += [UInt8](repeating: 0, count: 32)
            AuditCanonical.append(
                sequence: UInt64(index + 1), time: timestamps[index % timestamps.count], record: mix.record(at: index),
                to: &bytes)
            offsets.append(bytes.count)
        }
        buffer = .allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        self.offsets = offsets
        bytesPerCycle = bytes.count
    }

    deinit {
        buffer.deallocate()
    }

    /// Whether hashing each laid-out input after the previous entry's hash gives the entry's hash,
    /// for entries 2 to `mix.period` of `entries` (the first cycle of a log, appended at the
    /// timestamps given to `init`). The chain starts from zeros again afterwards.
    public func matches(_ entries: [AuditEntry]) -> Bool {
        guard entries.count == entriesPerCycle else { return false }
        var out = [UInt8](repeating: 0, count: 32)
        for index in 1..<entries.count {
            let input = buffer + offsets[index]
            (input + previousSlot).update(from: entries[index - 1].hash, count: 32)
            _ = crypto_generichash(&out, 32, input, UInt64(offsets[index + 1] - offsets[index]), nil, 0)
            guard out == entries[index].hash else { return false }
        }
        reset()
        return true
    }

    /// Starts the chain again from zeros.
    public func reset() {
        head = [UInt8](repeating: 0, count: 32)
    }

    /// Hashes `cycles` cycles of entries, chaining from the last head; returns the new head.
    @discardableResult
    public func hash(cycles: Int = 1) -> [UInt8] {
        head.withUnsafeMutableBufferPointer { head in
            guard let out = head.baseAddress else { return }
            for _ in 0..<cycles {
                for entry in 0..<offsets.count - 1 {
                    let input = buffer + offsets[entry]
                    (input + previousSlot).update(from: out, count: 32)
                    _ = crypto_generichash(out, 32, input, UInt64(offsets[entry + 1] - offsets[entry]), nil, 0)
                }
            }
        }
        return head
    }
}

/// The chain's canonical bytes of an entry, written out here from the format the audit log
/// documents (length-prefixed fields, big-endian integers), so the raw baseline hashes exactly
/// what the chain hashes; ``AuditWorkload/checkBaseline(mix:)`` proves they agree.
enum AuditCanonical {
    static func append(sequence: UInt64, time: Int64, record: AuditRecord, to bytes: inout [UInt8]) {
        integer(sequence, &bytes)
        integer(UInt64(bitPattern: time), &bytes)
        string(record.actor.rawValue, &bytes)
        string(record.action.identifier, &bytes)
        string(record.target, &bytes)
        optional(record.purpose?.identifier, &bytes)
        string(record.outcome.rawValue, &bytes)
        integer(UInt64(record.reasons.count), &bytes)
        for reason in record.reasons { string(reason, &bytes) }
        optional(record.eventID, &bytes)
    }

    static func integer(_ value: UInt64, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    static func string(_ text: String, _ bytes: inout [UInt8]) {
        integer(UInt64(text.utf8.count), &bytes)
        bytes += Array(text.utf8)
    }

    static func optional(_ text: String?, _ bytes: inout [UInt8]) {
        guard let text else { return bytes.append(0) }
        bytes.append(1)
        string(text, &bytes)
    }
}

/// Audit logs for the benchmarks and AuditScale.
public enum AuditWorkload {
    /// Checkpoints every 1,000 entries, as the targets say.
    public static let configuration = AuditLog.Configuration(
        checkpointEvery: 1_000, checkpointInterval: .seconds(3_600))

    /// The organisation's signing key, made once.
    public static let signingKey: SigningKey = {
        do { return try SigningKey.generate() } catch { fatalError("no signing key: \(error)") }
    }()

    /// A new log over `sink`, on the system clock.
    public static func log(sink: any AuditSink) async throws -> AuditLog {
        try await AuditLog(
            sink: sink, signingKey: signingKey, clock: SystemWallClock(), configuration: configuration)
    }

    /// Appends one cycle of `mix` to a fresh in-memory log at a fixed time and checks that the raw
    /// chain over the same records gives the same hash for every entry: a baseline hashing other
    /// bytes would make the comparison meaningless. Returns the raw hasher, ready for timing.
    public static func checkBaseline(mix: AuditRecordMix) async throws -> RawChainHasher {
        let sink = InMemoryAuditSink()
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_795_860_000.25))
        let log = try await AuditLog(sink: sink, signingKey: signingKey, clock: clock, configuration: configuration)
        let entries = try await log.record(mix.batch(from: 0, count: mix.period))
        let raw = RawChainHasher(mix: mix, timestamps: entries.map(\.timestamp))
        guard raw.matches(entries) else {
            throw AuditWorkloadError.baselineMismatch(entries: entries.count, period: mix.period)
        }
        return raw
    }
}

/// A benchmark's premise did not hold.
public enum AuditWorkloadError: Error, CustomStringConvertible {
    /// The raw chain did not reproduce the log's hashes.
    case baselineMismatch(entries: Int, period: Int)
    /// Verification did not find the log intact.
    case notIntact(String)

    /// A sentence.
    public var description: String {
        switch self {
        case .baselineMismatch(let entries, let period):
            "the raw BLAKE2b chain does not reproduce the audit log's hashes (\(entries) entries of \(period)): "
                + "the canonical bytes in AuditMix.swift no longer match AuditChain"
        case .notIntact(let detail): "verification failed: \(detail)"
        }
    }
}
